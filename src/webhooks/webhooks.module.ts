import { Module } from '@nestjs/common';
import { WEBHOOK_RESOLVERS } from './webhooks.resolvers';
import { WebhooksLifecycle } from './webhooks.lifecycle';
import { WebhooksService } from './webhooks.service';

@Module({
  providers: [WebhooksService, WebhooksLifecycle, ...WEBHOOK_RESOLVERS],
  exports: [WebhooksService],
})
export class WebhooksModule {}
