import { Inject, Injectable, Optional } from '@nestjs/common';
import { PREVIEW_SECRET } from '../auth/auth.constants';
import { signPreview, verifyPreview } from './preview-link';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/role';
import { badInput, DomainError, ErrorCode } from '../common/errors/domain-error';
import { normalizeName } from '../common/slug';
import { checkUuid } from '../common/uuid';
import { enqueue, OutboxTopic } from '../outbox/outbox';
import { emitWebhookEvent } from '../webhooks/webhook-events';
import { LockedIssue, lockIssue, publishProblems } from './issue-checks';

const MAX_PREVIEW_MINUTES = 7 * 24 * 60;

/** Runs after the issue row is published, inside the same transaction (revisions hook in here). */
export type PublishHook = (m: EntityManager, issue: LockedIssue, by: Principal) => Promise<void>;

/**
 * State changes that public surfaces must follow. Each runs in one transaction with its outbox rows (search),
 * webhook deliveries and audit entry, so either all of it happens or none.
 */
@Injectable()
export class PublishingService {
  private readonly publishHooks: PublishHook[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Optional() @Inject(PREVIEW_SECRET) private readonly previewSecret: string = '',
  ) {}

  async createPreviewLink(issueId: string, expiresInMinutes: number, by: Principal): Promise<{ token: string; expiresAt: Date }> {
    if (!Number.isInteger(expiresInMinutes) || expiresInMinutes < 1 || expiresInMinutes > MAX_PREVIEW_MINUTES) {
      throw badInput('expiresInMinutes', `expiresInMinutes must be between 1 and ${MAX_PREVIEW_MINUTES}`);
    }
    const [issue] = await this.dataSource.query('SELECT id FROM issue WHERE id = $1', [checkUuid(issueId, 'issueId')]);
    if (!issue) throw new DomainError(ErrorCode.NOT_FOUND, `no issue ${issueId}`, { field: 'issueId' });
    const expiresAt = new Date(Date.now() + expiresInMinutes * 60_000);
    await this.audit.record(this.dataSource.manager, by, 'createPreviewLink', 'issue', issue.id, { expiresAt });
    return { token: signPreview(this.previewSecret, issue.id, expiresAt), expiresAt };
  }

  issueOfPreviewLink(token: string): string {
    return verifyPreview(this.previewSecret, token);
  }

  onPublish(hook: PublishHook): void {
    this.publishHooks.push(hook);
  }

  publishIssue(id: string, by: Principal, expectedVersion?: number | null): Promise<string> {
    return this.dataSource.transaction(async (m) => {
      const issue = await lockIssue(m, id, expectedVersion);
      if (issue.status !== 'PUBLISHED') await this.publishLocked(m, issue, by, 'publishIssue');
      return issue.id;
    });
  }

  /** Publishes a row already locked by the caller: the publish mutation and the scheduler share it. */
  async publishLocked(m: EntityManager, issue: LockedIssue, by: Principal, action: string): Promise<void> {
    const problems = await publishProblems(m, issue.id);
    if (problems.length > 0) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `issue ${issue.slug} cannot be published: ${problems.join('; ')}`, { field: 'id', problems });
    }
    await m.query(
      `UPDATE issue SET status = 'PUBLISHED', published_at = COALESCE(published_at, now()), scheduled_at = NULL, version = version + 1, updated_at = now() WHERE id = $1`,
      [issue.id],
    );
    for (const hook of this.publishHooks) await hook(m, issue, by);
    await this.announce(m, issue, 'issue.published');
    await this.audit.record(m, by, action, 'issue', issue.id, { slug: issue.slug });
  }

  unpublishIssue(id: string, by: Principal, expectedVersion?: number | null): Promise<string> {
    return this.dataSource.transaction(async (m) => {
      const issue = await lockIssue(m, id, expectedVersion);
      if (issue.status !== 'DRAFT') await this.unpublishLocked(m, issue, by, 'unpublishIssue');
      return issue.id;
    });
  }

  /** Makes a row the caller locked a draft again; search and webhooks follow when it was public. */
  async unpublishLocked(m: EntityManager, issue: LockedIssue, by: Principal, action: string, details: object = {}): Promise<void> {
    await m.query(`UPDATE issue SET status = 'DRAFT', published_at = NULL, scheduled_at = NULL, version = version + 1, updated_at = now() WHERE id = $1`, [issue.id]);
    if (issue.status === 'PUBLISHED') await this.announce(m, issue, 'issue.unpublished');
    await this.audit.record(m, by, action, 'issue', issue.id, { slug: issue.slug, from: issue.status, ...details });
  }

  async deleteArticle(articleId: string, by: Principal): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [found] = await m.query('SELECT issue_id FROM article WHERE id = $1', [checkUuid(articleId)]);
      if (!found) throw new DomainError(ErrorCode.NOT_FOUND, `no article ${articleId}`, { field: 'id' });
      // Issue row first, like every edit, so a delete and an edit never deadlock.
      await lockIssue(m, found.issue_id);
      // TypeORM answers UPDATE/DELETE with [rows, affected].
      const [[row]] = await m.query('DELETE FROM article WHERE id = $1 RETURNING issue_id, section_id, number, slug', [articleId]);
      if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `no article ${articleId}`, { field: 'id' });
      await m.query(
        `UPDATE article a SET position = d.p FROM (SELECT id, row_number() OVER (ORDER BY position) - 1 AS p FROM article WHERE section_id = $1) d WHERE a.id = d.id AND a.position <> d.p`,
        [row.section_id],
      );
      const [[issue]] = await m.query('UPDATE issue SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING id, slug, status', [row.issue_id]);
      await enqueue(m, OutboxTopic.SEARCH_SYNC_ISSUE, [row.issue_id]);
      if (issue.status === 'PUBLISHED') await emitWebhookEvent(m, 'article.deleted', { type: 'article', id: articleId, number: row.number, slug: row.slug, issue: { id: issue.id, slug: issue.slug } });
      await this.audit.record(m, by, 'deleteArticle', 'article', articleId, { issueId: row.issue_id, number: row.number });
    });
  }

  /** Renaming re-indexes every issue the person appears in, as author or editor, and tells webhooks of public ones. */
  async renameContributor(slug: string, name: string, by: Principal): Promise<void> {
    const clean = normalizeName(name);
    if (clean.length === 0 || clean.length > 200 || clean.includes('\0')) throw badInput('name', 'name must be 1 to 200 characters, without NUL bytes');
    await this.dataSource.transaction(async (m) => {
      const [taken] = await m.query('SELECT slug FROM contributor WHERE name = $1 AND slug <> $2', [clean, slug]);
      if (taken) throw badInput('name', `the name is already used by contributor ${taken.slug}; merge them instead`);
      const [[row]] = await m.query('UPDATE contributor SET name = $2, version = version + 1, updated_at = now() WHERE slug = $1 RETURNING id', [slug, clean]);
      if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `no contributor ${slug}`, { field: 'slug' });
      const issueIds = await issuesOf(m, row.id);
      await enqueue(m, OutboxTopic.SEARCH_SYNC_ISSUE, issueIds);
      const published: LockedIssue[] = await m.query(`SELECT id, slug, number, title, status, version FROM issue WHERE id = ANY($1) AND status = 'PUBLISHED'`, [issueIds]);
      for (const issue of published) await emitWebhookEvent(m, 'issue.updated', { type: 'issue', id: issue.id, slug: issue.slug, number: issue.number, title: issue.title });
      await this.audit.record(m, by, 'renameContributor', 'contributor', row.id, { slug, name: clean });
    });
  }

  /** Search follows every state change; webhooks hear about public ones. */
  async announce(m: EntityManager, issue: Pick<LockedIssue, 'id' | 'slug' | 'number' | 'title'>, event: 'issue.published' | 'issue.unpublished' | 'issue.updated'): Promise<void> {
    await enqueue(m, OutboxTopic.SEARCH_SYNC_ISSUE, [issue.id]);
    await emitWebhookEvent(m, event, { type: 'issue', id: issue.id, slug: issue.slug, number: issue.number, title: issue.title });
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
