import { Module } from '@nestjs/common';
import { WEBHOOK_RESOLVERS } from './webhooks.resolvers';

@Module({
  providers: [...WEBHOOK_RESOLVERS],
})
export class WebhooksModule {}
