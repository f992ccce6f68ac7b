import { Injectable, Logger } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { projectRoot } from '../common/paths';
import { LockKey, withAdvisoryLock } from '../database/advisory-lock';
import { IssueImporter } from './issue-importer.service';

export const SAMPLE_ISSUE_FILE = join(projectRoot(), 'content', '2020-07.md');

@Injectable()
export class SampleSeeder {
  private readonly logger = new Logger(SampleSeeder.name);

  constructor(
    private readonly importer: IssueImporter,
    private readonly dataSource: DataSource,
  ) {}

  /** Loads the July 2020 issue as PUBLISHED into an empty database; the lock keeps two instances from both doing it. */
  async seedIfEmpty(file = SAMPLE_ISSUE_FILE): Promise<boolean> {
    return withAdvisoryLock(this.dataSource, LockKey.IMPORT, async () => {
      if (!(await this.importer.isEmpty())) return false;
      await this.importer.importMarkdown(await readFile(file, 'utf8'), { publish: true });
      this.logger.log(`loaded the sample issue from ${file}`);
      return true;
    });
  }
}
