import { Module } from '@nestjs/common';
import { SCHEDULING_RESOLVERS } from './scheduling.resolvers';

@Module({
  providers: [...SCHEDULING_RESOLVERS],
})
export class SchedulingModule {}
