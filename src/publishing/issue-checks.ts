import { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { isHttpUrl } from '../common/url';
import { checkUuid } from '../common/uuid';

export interface LockedIssue {
  id: string;
  slug: string;
  number: number;
  title: string;
  status: 'DRAFT' | 'SCHEDULED' | 'PUBLISHED';
  version: number;
}

/** Locks the issue row for the rest of the transaction and checks the caller saw its current version. */
export async function lockIssue(m: EntityManager, id: string, expectedVersion?: number | null): Promise<LockedIssue> {
  const [issue] = await m.query('SELECT id, slug, number, title, status, version FROM issue WHERE id = $1 FOR UPDATE', [checkUuid(id)]);
  if (!issue) throw new DomainError(ErrorCode.NOT_FOUND, `no issue ${id}`, { field: 'id' });
  checkVersion('issue', issue.version, expectedVersion);
  return issue;
}

/** A stale version is refused with the current one, so the client can reload and retry. */
export function checkVersion(what: string, current: number, expected: number | null | undefined): void {
  if (expected != null && expected !== current) {
    throw new DomainError(ErrorCode.CONFLICT, `the ${what} changed since version ${expected}; it is now at version ${current}`, { field: 'expectedVersion', currentVersion: current });
  }
}

/** Everything that makes an issue unfit to publish, as readable sentences. */
export async function publishProblems(m: EntityManager, issueId: string): Promise<string[]> {
  const sections: Array<{ number: number; articles: number }> = await m.query(
    `SELECT s.number, count(a.id)::int AS articles FROM section s LEFT JOIN article a ON a.section_id = s.id WHERE s.issue_id = $1 GROUP BY s.number ORDER BY s.number`,
    [issueId],
  );
  const duplicates: Array<{ number: string }> = await m.query(`SELECT number FROM article WHERE issue_id = $1 GROUP BY number HAVING count(*) > 1`, [issueId]);
  const urls: Array<{ number: string; label: string; url: string }> = await m.query(
    `SELECT a.number, r.label, r.url FROM reference r JOIN article a ON a.id = r.article_id WHERE a.issue_id = $1 AND r.url IS NOT NULL`,
    [issueId],
  );
  return [
    ...(sections.length === 0 ? ['the issue has no sections'] : []),
    ...sections.filter((s) => s.articles === 0).map((s) => `section ${s.number} has no articles`),
    ...duplicates.map((d) => `article number ${d.number} is used more than once`),
    ...urls.filter((u) => !isHttpUrl(u.url)).map((u) => `article ${u.number} reference [${u.label}] has an invalid URL`),
  ];
}
