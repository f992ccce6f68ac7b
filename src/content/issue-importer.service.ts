import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { badInput } from '../common/errors/domain-error';
import { IssueEntity } from '../issues/issue.entity';
import { parseIssueMarkdown } from './authoring-format.parser';
import { ContentProblem } from './authoring-format.types';
import { IssueWriter, WriteOptions } from './issue-writer';

export interface ImportResult {
  issue: IssueEntity;
  created: boolean;
  warnings: ContentProblem[];
}

/** The one entry point for the authoring format: the CLI, the startup seed and the admin mutation all come here. */
@Injectable()
export class IssueImporter {
  private readonly logger = new Logger(IssueImporter.name);

  constructor(private readonly dataSource: DataSource) {}

  /** Rejects a malformed file whole, listing every error by line; writes nothing in that case. */
  async importMarkdown(markdown: string, options: WriteOptions = {}): Promise<ImportResult> {
    const parsed = parseIssueMarkdown(markdown);
    if (!parsed.ok) {
      throw badInput('markdown', `the issue file has ${parsed.errors.length} error(s); nothing was imported`, { errors: parsed.errors, warnings: parsed.warnings });
    }
    const { issue, created } = await this.dataSource.transaction((manager) => new IssueWriter(manager).write(parsed.issue, options));
    this.logger.log(`${created ? 'imported' : 'updated'} issue ${issue.slug} (${issue.status}, ${parsed.warnings.length} warning(s))`);
    return { issue, created, warnings: parsed.warnings };
  }

  get manager() {
    return this.dataSource.manager;
  }

  async isEmpty(): Promise<boolean> {
    return (await this.dataSource.getRepository(IssueEntity).count({ take: 1 })) === 0;
  }
}
