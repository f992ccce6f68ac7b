import { Module } from '@nestjs/common';
import { ContentModule } from '../content/content.module';
import { IssuesModule } from '../issues/issues.module';
import { PublishingResolver } from './publishing.resolver';
import { PublishingService } from './publishing.service';

@Module({
  imports: [ContentModule, IssuesModule],
  providers: [PublishingService, PublishingResolver],
  exports: [PublishingService],
})
export class PublishingModule {}
