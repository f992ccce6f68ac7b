import { Module } from '@nestjs/common';
import { PublishingModule } from '../publishing/publishing.module';
import { Scheduler } from './scheduler';
import { SCHEDULING_RESOLVERS } from './scheduling.resolvers';
import { SchedulingService } from './scheduling.service';

@Module({
  imports: [PublishingModule],
  providers: [SchedulingService, Scheduler, ...SCHEDULING_RESOLVERS],
  exports: [SchedulingService, Scheduler],
})
export class SchedulingModule {}
