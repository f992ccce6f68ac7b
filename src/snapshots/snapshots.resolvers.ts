import type { Type } from '@nestjs/common';

/** This feature's resolvers: registered by SnapshotsModule and listed in the generated schema. */
export const SNAPSHOT_RESOLVERS: Type[] = [];
