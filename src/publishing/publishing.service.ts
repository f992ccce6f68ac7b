import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { normalizeName } from '../common/slug';
import { checkUuid } from '../common/uuid';
import { enqueue, OutboxTopic } from '../outbox/outbox';

/**
 * State changes that public surfaces must follow. Each runs in one transaction with its outbox rows,
 * so the search index (and later webhooks) can never miss one. The admin mutations call these.
 */
@Injectable()
export class PublishingService {
  constructor(private readonly dataSource: DataSource) {}

  publishIssue(issueId: string): Promise<void> {
    return this.changeIssue(issueId, `status = 'PUBLISHED', published_at = COALESCE(published_at, now()), scheduled_at = NULL`);
  }

  unpublishIssue(issueId: string): Promise<void> {
    return this.changeIssue(issueId, `status = 'DRAFT', published_at = NULL`);
  }

  async deleteArticle(articleId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      // TypeORM answers UPDATE/DELETE with [rows, affected].
      const [[row]] = await m.query('DELETE FROM article WHERE id = $1 RETURNING issue_id', [checkUuid(articleId)]);
      if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `no article ${articleId}`, { field: 'id' });
      await m.query('UPDATE issue SET version = version + 1, updated_at = now() WHERE id = $1', [row.issue_id]);
      await enqueue(m, OutboxTopic.SEARCH_SYNC_ISSUE, [row.issue_id]);
    });
  }

  /** Renaming re-indexes every issue the person appears in, as author or editor. */
  async renameContributor(slug: string, name: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [[row]] = await m.query('UPDATE contributor SET name = $2, version = version + 1, updated_at = now() WHERE slug = $1 RETURNING id', [slug, normalizeName(name)]);
      if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `no contributor ${slug}`, { field: 'slug' });
      await enqueue(m, OutboxTopic.SEARCH_SYNC_ISSUE, await issuesOf(m, row.id));
    });
  }

  private async changeIssue(issueId: string, assignments: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [, count] = await m.query(`UPDATE issue SET ${assignments}, version = version + 1, updated_at = now() WHERE id = $1`, [checkUuid(issueId)]);
      if (count === 0) throw new DomainError(ErrorCode.NOT_FOUND, `no issue ${issueId}`, { field: 'id' });
      await enqueue(m, OutboxTopic.SEARCH_SYNC_ISSUE, [issueId]);
    });
  }
}

async function issuesOf(m: EntityManager, contributorId: string): Promise<string[]> {
  const rows: Array<{ issue_id: string }> = await m.query(
    `SELECT a.issue_id FROM article_contributor ac JOIN article a ON a.id = ac.article_id WHERE ac.contributor_id = $1
     UNION SELECT ic.issue_id FROM issue_contributor ic WHERE ic.contributor_id = $1`,
    [contributorId],
  );
  return rows.map((r) => r.issue_id);
}
