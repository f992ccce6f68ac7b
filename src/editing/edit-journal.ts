import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/role';
import { enqueue, OutboxTopic } from '../outbox/outbox';
import { LockedIssue } from '../publishing/issue-checks';
import { emitWebhookEvent } from '../webhooks/webhook-events';

export type IssueRef = Pick<LockedIssue, 'id' | 'slug' | 'number' | 'title' | 'status'>;

export interface ArticleRef {
  id: string;
  number: string;
  slug: string;
  title: string;
}

export interface AuditNote {
  action: string;
  objectType: 'issue' | 'section' | 'article' | 'contributor';
  objectId: string;
  details?: object;
}

/**
 * What follows every edit, in the edit's own transaction: a search sync of the issue (the worker reads the
 * committed state, so drafts are only ever removed from the index), a webhook event when the issue is public,
 * and the audit entry.
 */
@Injectable()
export class EditJournal {
  constructor(private readonly audit: AuditService) {}

  async issueChanged(m: EntityManager, issue: IssueRef, by: Principal, note: AuditNote): Promise<void> {
    await enqueue(m, OutboxTopic.SEARCH_SYNC_ISSUE, [issue.id]);
    if (issue.status === 'PUBLISHED') await emitWebhookEvent(m, 'issue.updated', issueObject(issue));
    await this.record(m, by, note);
  }

  async articleChanged(m: EntityManager, issue: IssueRef, article: ArticleRef, by: Principal, note: AuditNote): Promise<void> {
    await enqueue(m, OutboxTopic.SEARCH_SYNC_ISSUE, [issue.id]);
    if (issue.status === 'PUBLISHED') await emitWebhookEvent(m, 'article.updated', articleObject(issue, article));
    await this.record(m, by, note);
  }

  /** Articles that went away with their section; the section's own change is announced by issueChanged. */
  async articlesDeleted(m: EntityManager, issue: IssueRef, articles: ArticleRef[]): Promise<void> {
    if (issue.status !== 'PUBLISHED') return;
    for (const article of articles) await emitWebhookEvent(m, 'article.deleted', articleObject(issue, article));
  }

  record(m: EntityManager, by: Principal, note: AuditNote): Promise<void> {
    return this.audit.record(m, by, note.action, note.objectType, note.objectId, note.details ?? {});
  }
}

/** The same shape publishIssue sends. */
export function issueObject(issue: IssueRef) {
  return { type: 'issue' as const, id: issue.id, slug: issue.slug, number: issue.number, title: issue.title };
}

/** The same shape deleteArticle sends, plus the title. */
export function articleObject(issue: Pick<IssueRef, 'id' | 'slug'>, article: ArticleRef) {
  return { type: 'article' as const, id: article.id, number: article.number, slug: article.slug, title: article.title, issue: { id: issue.id, slug: issue.slug } };
}
