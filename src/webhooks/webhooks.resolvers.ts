import type { Type } from '@nestjs/common';
import { WebhooksResolver } from './webhooks.resolver';

/** This feature's resolvers: registered by WebhooksModule and listed in the generated schema. */
export const WEBHOOK_RESOLVERS: Type[] = [WebhooksResolver];
