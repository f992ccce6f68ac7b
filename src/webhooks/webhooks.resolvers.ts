import type { Type } from '@nestjs/common';

/** This feature's resolvers: registered by WebhooksModule and listed in the generated schema. */
export const WEBHOOK_RESOLVERS: Type[] = [];
