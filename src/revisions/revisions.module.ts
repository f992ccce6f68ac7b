import { Module, OnModuleInit } from '@nestjs/common';
import { ContentModule } from '../content/content.module';
import { PublishingModule } from '../publishing/publishing.module';
import { PublishingService } from '../publishing/publishing.service';
import { REVISION_RESOLVERS } from './revisions.resolvers';
import { RevisionsService } from './revisions.service';

@Module({
  imports: [PublishingModule, ContentModule],
  providers: [RevisionsService, ...REVISION_RESOLVERS],
  exports: [RevisionsService],
})
export class RevisionsModule implements OnModuleInit {
  constructor(
    private readonly publishing: PublishingService,
    private readonly revisions: RevisionsService,
  ) {}

  /** Every publish, by mutation or by the scheduler, stores a revision inside the publish transaction. */
  onModuleInit(): void {
    this.publishing.onPublish(async (m, issue, by) => {
      await this.revisions.snapshot(m, issue.id, by);
    });
  }
}
