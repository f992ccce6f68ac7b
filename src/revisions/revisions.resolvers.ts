import type { Type } from '@nestjs/common';

/** This feature's resolvers: registered by RevisionsModule and listed in the generated schema. */
export const REVISION_RESOLVERS: Type[] = [];
