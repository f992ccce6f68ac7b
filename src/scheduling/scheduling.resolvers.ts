import type { Type } from '@nestjs/common';
import { SchedulingResolver } from './scheduling.resolver';

/** This feature's resolvers: registered by SchedulingModule and listed in the generated schema. */
export const SCHEDULING_RESOLVERS: Type[] = [SchedulingResolver];
