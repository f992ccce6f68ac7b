import type { Type } from '@nestjs/common';

/** This feature's resolvers: registered by EditingModule and listed in the generated schema. */
export const EDITING_RESOLVERS: Type[] = [];
