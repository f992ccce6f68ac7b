import type { Type } from '@nestjs/common';
import { RevisionsResolver } from './revisions.resolver';

/** This feature's resolvers: registered by RevisionsModule and listed in the generated schema. */
export const REVISION_RESOLVERS: Type[] = [RevisionsResolver];
