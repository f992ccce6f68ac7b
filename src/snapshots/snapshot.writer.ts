import { EntityManager, QueryResult } from 'typeorm';
import { ContributorRole } from '../contributors/contributor.entity';
import { LockKey } from '../database/advisory-lock';
import { IssueStatus } from '../issues/issue.entity';
import { SnapshotContributor, SnapshotIssue } from './snapshot.format';

// Unique keys (section number, article slug, reference label) are not deferrable, so rows that will change
// them step aside first: far-off numbers and id-based slugs/labels can never collide with real values.
const PARKED_NUMBER_OFFSET = 1_000_000;

/**
 * Applies validated snapshot rows inside the caller's transaction, by id. Each statement only touches rows
 * whose values differ, so applying the same snapshot twice changes nothing and counts no changes.
 */
export class SnapshotWriter {
  constructor(private readonly m: EntityManager) {}

  /** Returns how many contributor rows were inserted or changed. */
  async writeContributors(contributors: SnapshotContributor[]): Promise<number> {
    if (contributors.length === 0) return 0;
    // Same lock as the markdown importer, which allocates contributor slugs.
    await this.m.query('SELECT pg_advisory_xact_lock($1)', [LockKey.CONTRIBUTORS]);
    return this.run(
      `INSERT INTO contributor (id, slug, name, affiliation)
       SELECT id, slug, name, affiliation FROM jsonb_to_recordset($1::jsonb) AS f(id uuid, slug text, name text, affiliation text)
       ON CONFLICT (id) DO UPDATE SET slug = EXCLUDED.slug, name = EXCLUDED.name, affiliation = EXCLUDED.affiliation,
         version = contributor.version + 1, updated_at = now()
       WHERE (contributor.slug, contributor.name, contributor.affiliation) IS DISTINCT FROM (EXCLUDED.slug, EXCLUDED.name, EXCLUDED.affiliation)`,
      [JSON.stringify(contributors)],
    );
  }

  /** Writes one issue's whole tree; returns how many rows changed. */
  async writeIssue(issue: SnapshotIssue): Promise<number> {
    await this.m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LockKey.IMPORT, issue.slug]);
    let changed = await this.upsertIssue(issue);
    changed += await this.writeSections(issue);
    changed += await this.writeArticles(issue);
    changed += await this.run(`DELETE FROM section WHERE issue_id = $1 AND NOT (id = ANY($2::uuid[]))`, [issue.id, issue.sections.map((s) => s.id)]);
    changed += await this.writeReferences(issue);
    changed += await this.writeEditors(issue);
    return changed + (await this.writeAuthors(issue));
  }

  private upsertIssue(i: SnapshotIssue): Promise<number> {
    const columns = ['slug', 'number', 'title', 'period', 'publisher', 'summary', 'status', 'published_at', 'scheduled_at', 'published_on', 'source_url', 'previous_slug'];
    return this.run(
      `INSERT INTO issue (id, ${columns.join(', ')})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, NULL, $10::date, $11, $12)
       ON CONFLICT (id) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, version = issue.version + 1, updated_at = now()
       WHERE (${columns.map((c) => `issue.${c}`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `EXCLUDED.${c}`).join(', ')})`,
      [i.id, i.slug, i.number, i.title, i.period, i.publisher, i.summary, IssueStatus.PUBLISHED, i.publishedAt, i.publishedOn, i.sourceUrl, i.previousSlug],
    );
  }

  private async writeSections(issue: SnapshotIssue): Promise<number> {
    const rows = issue.sections.map(({ id, number, title, intro }) => ({ id, number, title, intro }));
    const parked = await this.run(
      `UPDATE section SET number = number + ${PARKED_NUMBER_OFFSET}
       WHERE issue_id = $1 AND number < ${PARKED_NUMBER_OFFSET}
         AND (id, number) NOT IN (SELECT id, number FROM jsonb_to_recordset($2::jsonb) AS f(id uuid, number int))`,
      [issue.id, JSON.stringify(rows)],
    );
    if (rows.length === 0) return parked;
    const written = await this.run(
      `INSERT INTO section (id, issue_id, number, title, intro)
       SELECT id, $1, number, title, intro FROM jsonb_to_recordset($2::jsonb) AS f(id uuid, number int, title text, intro text)
       ON CONFLICT (id) DO UPDATE SET issue_id = EXCLUDED.issue_id, number = EXCLUDED.number, title = EXCLUDED.title, intro = EXCLUDED.intro,
         version = section.version + 1, updated_at = now()
       WHERE (section.issue_id, section.number, section.title, section.intro) IS DISTINCT FROM (EXCLUDED.issue_id, EXCLUDED.number, EXCLUDED.title, EXCLUDED.intro)`,
      [issue.id, JSON.stringify(rows)],
    );
    return parked + written;
  }

  private async writeArticles(issue: SnapshotIssue): Promise<number> {
    const rows = issue.sections.flatMap((s) =>
      s.articles.map(({ id, number, position, slug, title, body, tags, language }) => ({ id, section_id: s.id, number, position, slug, title, body, tags, language })),
    );
    const recordset = `jsonb_to_recordset($2::jsonb) AS f(id uuid, section_id uuid, number text, position int, slug text, title text, body text, tags text[], language text)`;
    let changed = await this.run(`DELETE FROM article WHERE issue_id = $1 AND id NOT IN (SELECT id FROM ${recordset})`, [issue.id, JSON.stringify(rows)]);
    changed += await this.run(`UPDATE article SET slug = id::text WHERE issue_id = $1 AND (id, slug) NOT IN (SELECT id, slug FROM ${recordset})`, [issue.id, JSON.stringify(rows)]);
    if (rows.length === 0) return changed;
    const columns = ['issue_id', 'section_id', 'number', 'position', 'slug', 'title', 'body', 'tags', 'language'];
    return (
      changed +
      (await this.run(
        `INSERT INTO article (id, ${columns.join(', ')})
         SELECT id, $1, section_id, number, position, slug, title, body, tags, language FROM ${recordset}
         ON CONFLICT (id) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, version = article.version + 1, updated_at = now()
         WHERE (${columns.map((c) => `article.${c}`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `EXCLUDED.${c}`).join(', ')})`,
        [issue.id, JSON.stringify(rows)],
      ))
    );
  }

  private async writeReferences(issue: SnapshotIssue): Promise<number> {
    const articles = issue.sections.flatMap((s) => s.articles);
    const rows = articles.flatMap((a) => a.references.map((r, position) => ({ ...r, article_id: a.id, position, external_id: r.externalId })));
    const params = [articles.map((a) => a.id), JSON.stringify(rows)];
    const recordset = `jsonb_to_recordset($2::jsonb) AS f(id uuid, article_id uuid, position int, label text, url text, title text, kind text, external_id text)`;
    let changed = await this.run(`DELETE FROM reference WHERE article_id = ANY($1::uuid[]) AND id NOT IN (SELECT id FROM ${recordset})`, params);
    changed += await this.run(`UPDATE reference SET label = id::text WHERE article_id = ANY($1::uuid[]) AND (id, article_id, label) NOT IN (SELECT id, article_id, label FROM ${recordset})`, params);
    if (rows.length === 0) return changed;
    const columns = ['article_id', 'position', 'label', 'url', 'title', 'kind', 'external_id'];
    return (
      changed +
      (await this.run(
        `INSERT INTO reference (id, ${columns.join(', ')}) SELECT id, ${columns.join(', ')} FROM ${recordset.replace('$2', '$1')}
         ON CONFLICT (id) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
         WHERE (${columns.map((c) => `reference.${c}`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `EXCLUDED.${c}`).join(', ')})`,
        [JSON.stringify(rows)],
      ))
    );
  }

  private writeEditors(issue: SnapshotIssue): Promise<number> {
    return this.replaceJoin('issue_contributor', 'issue_id', ContributorRole.EDITOR, [issue.id], [{ owner: issue.id, ids: issue.editors }]);
  }

  private writeAuthors(issue: SnapshotIssue): Promise<number> {
    const articles = issue.sections.flatMap((s) => s.articles);
    return this.replaceJoin('article_contributor', 'article_id', ContributorRole.AUTHOR, articles.map((a) => a.id), articles.map((a) => ({ owner: a.id, ids: a.authors })));
  }

  /** Ordered contributor joins: drops rows not in the file, inserts new ones, fixes positions that moved. */
  private async replaceJoin(table: string, ownerColumn: string, role: ContributorRole, owners: string[], lists: Array<{ owner: string; ids: string[] }>): Promise<number> {
    // A name listed twice is one byline entry, as in the markdown importer.
    const rows = lists.flatMap(({ owner, ids }) => [...new Set(ids)].map((contributor_id, position) => ({ owner, contributor_id, position })));
    const params = [owners, JSON.stringify(rows), role];
    const recordset = `jsonb_to_recordset($2::jsonb) AS f(owner uuid, contributor_id uuid, position int)`;
    let changed = await this.run(
      `DELETE FROM ${table} WHERE ${ownerColumn} = ANY($1::uuid[]) AND role = $3 AND (${ownerColumn}, contributor_id) NOT IN (SELECT owner, contributor_id FROM ${recordset})`,
      params,
    );
    if (rows.length === 0) return changed;
    changed += await this.run(
      `INSERT INTO ${table} (${ownerColumn}, role, contributor_id, position) SELECT owner, $2, contributor_id, position FROM ${recordset.replace('$2', '$1')}
       ON CONFLICT (${ownerColumn}, role, contributor_id) DO UPDATE SET position = EXCLUDED.position WHERE ${table}.position <> EXCLUDED.position`,
      [JSON.stringify(rows), role],
    );
    return changed;
  }

  private async run(sql: string, params: unknown[]): Promise<number> {
    const result = (await this.m.queryRunner!.query(sql, params, true)) as QueryResult;
    return result.affected ?? 0;
  }
}
