import { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { checkUuid } from '../common/uuid';
import { checkVersion, LockedIssue } from '../publishing/issue-checks';

// Every edit locks its issue row first, then the section or article, then (through upsertContributors) the
// contributors lock, the order imports use too. Edits of one issue take turns with each other and with
// publishIssue, so the duplicate-number checks hold, and no two edits wait on each other crosswise.

export interface SectionRow {
  id: string;
  issue_id: string;
  number: number;
  title: string;
  intro: string | null;
  version: number;
}

export interface ArticleRow {
  id: string;
  issue_id: string;
  section_id: string;
  number: string;
  position: number;
  slug: string;
  title: string;
  version: number;
}

const notFound = (what: string, id: string, field: string) => new DomainError(ErrorCode.NOT_FOUND, `no ${what} ${id}`, { field });

export async function lockIssueRow(m: EntityManager, id: string, field: string, expectedVersion?: number | null): Promise<LockedIssue> {
  const [issue] = await m.query('SELECT id, slug, number, title, status, version FROM issue WHERE id = $1 FOR UPDATE', [checkUuid(id, field)]);
  if (!issue) throw notFound('issue', id, field);
  checkVersion('issue', issue.version, expectedVersion);
  return issue;
}

export async function lockSectionRow(m: EntityManager, id: string, field: string, expectedVersion?: number | null): Promise<{ issue: LockedIssue; section: SectionRow }> {
  const [found] = await m.query('SELECT issue_id FROM section WHERE id = $1', [checkUuid(id, field)]);
  if (!found) throw notFound('section', id, field);
  const issue = await lockIssueRow(m, found.issue_id, field);
  // Read again under the issue lock: it may have been deleted while we waited.
  const [section] = await m.query('SELECT id, issue_id, number, title, intro, version FROM section WHERE id = $1 FOR UPDATE', [id]);
  if (!section) throw notFound('section', id, field);
  checkVersion('section', section.version, expectedVersion);
  return { issue, section };
}

export async function lockArticleRow(m: EntityManager, id: string, field: string, expectedVersion?: number | null): Promise<{ issue: LockedIssue; article: ArticleRow }> {
  const [found] = await m.query('SELECT issue_id FROM article WHERE id = $1', [checkUuid(id, field)]);
  if (!found) throw notFound('article', id, field);
  const issue = await lockIssueRow(m, found.issue_id, field);
  const [article] = await m.query('SELECT id, issue_id, section_id, number, position, slug, title, version FROM article WHERE id = $1 FOR UPDATE', [id]);
  if (!article) throw notFound('article', id, field);
  checkVersion('article', article.version, expectedVersion);
  return { issue, article };
}

/** Several issues at once, in id order, so two multi-issue edits never wait on each other crosswise. */
export async function lockIssues(m: EntityManager, ids: string[]): Promise<void> {
  if (ids.length > 0) await m.query('SELECT id FROM issue WHERE id = ANY($1) ORDER BY id FOR UPDATE', [ids]);
}

/** Structural changes (sections or articles added, removed, moved) make a new version of the issue. */
export async function bumpIssue(m: EntityManager, issueId: string): Promise<void> {
  await m.query('UPDATE issue SET version = version + 1, updated_at = now() WHERE id = $1', [issueId]);
}
