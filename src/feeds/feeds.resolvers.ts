import type { Type } from '@nestjs/common';

/** This feature's resolvers: registered by FeedsModule and listed in the generated schema. */
export const FEED_RESOLVERS: Type[] = [];
