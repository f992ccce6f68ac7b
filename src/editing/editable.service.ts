import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ArticleModel } from '../articles/article.model';
import { checkUuid } from '../common/uuid';
import { IssueModel } from '../issues/issue.model';
import { SectionModel } from '../sections/section.model';
import { readArticle, readIssue, readSection, Versioned } from './edited-models';

/** What an editor reads before an edit: any status, with the version that goes with exactly these fields. */
@Injectable()
export class EditableService {
  constructor(private readonly dataSource: DataSource) {}

  issue(id: string): Promise<Versioned<IssueModel> | null> {
    return readIssue(this.dataSource.manager, checkUuid(id));
  }

  section(id: string): Promise<Versioned<SectionModel> | null> {
    return readSection(this.dataSource.manager, checkUuid(id));
  }

  article(id: string): Promise<Versioned<ArticleModel> | null> {
    return readArticle(this.dataSource.manager, checkUuid(id));
  }
}
