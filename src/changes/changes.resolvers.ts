import type { Type } from '@nestjs/common';
import { ChangesResolver } from './changes.resolver';

/** This feature's resolvers: registered by ChangesModule and listed in the generated schema. */
export const CHANGES_RESOLVERS: Type[] = [ChangesResolver];
