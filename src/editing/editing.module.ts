import { Module } from '@nestjs/common';
import { PublishingModule } from '../publishing/publishing.module';
import { ArticleEditingService } from './article-editing.service';
import { ContributorEditingService } from './contributor-editing.service';
import { EditJournal } from './edit-journal';
import { EditableService } from './editable.service';
import { EDITING_RESOLVERS } from './editing.resolvers';
import { IssueEditingService } from './issue-editing.service';
import { SectionEditingService } from './section-editing.service';

/** Field-level editing of issues, sections, articles, references and contributors (drafts and published alike). */
@Module({
  // PublishingService owns deleteArticle and renameContributor; the mutations here call it.
  imports: [PublishingModule],
  providers: [EditJournal, EditableService, IssueEditingService, SectionEditingService, ArticleEditingService, ContributorEditingService, ...EDITING_RESOLVERS],
})
export class EditingModule {}
