import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { encodeCursor } from '../common/graphql/cursor';
import { IssueStatus } from '../issues/issue.entity';
import { SNAPSHOT_FORMAT_VERSION, SnapshotArticle, SnapshotContributor, SnapshotDocument, SnapshotIssue, SnapshotReference, SnapshotSection } from './snapshot.format';

type Row = Record<string, any>;

// Timestamps leave as text with microseconds: a JS Date would round them to milliseconds.
const UTC_INSTANT = `to_char(i.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Reads published issues into a snapshot document, all from one consistent view of the database. */
@Injectable()
export class SnapshotExporter {
  constructor(private readonly dataSource: DataSource) {}

  /** Throws NOT_FOUND for an unknown slug and for one that is not published: drafts never leave. */
  async exportIssue(slug: string): Promise<SnapshotDocument> {
    const doc = await this.read(slug);
    if (doc.issues.length === 0) throw new DomainError(ErrorCode.NOT_FOUND, `no published issue with slug ${JSON.stringify(slug)}`, { field: 'slug' });
    return doc;
  }

  async exportAll(): Promise<SnapshotDocument> {
    return this.read(null);
  }

  /**
   * REPEATABLE READ makes every statement see the same snapshot, so the cursor read alongside matches the data
   * exactly: a mirror applying this file and then the changes after `changeCursor` misses and repeats nothing.
   */
  private async read(slug: string | null): Promise<SnapshotDocument> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        return await this.readInTransaction(runner, slug);
      } finally {
        await runner.query('ROLLBACK');
      }
    } finally {
      await runner.release();
    }
  }

  private async readInTransaction(q: QueryRunner, slug: string | null): Promise<SnapshotDocument> {
    // `asOf`: when the newest included change happened. Not the request time, so equal content gives equal
    // bytes, and exports can be cached and revalidated with an ETag.
    const [{ max, asOf }] = await q.query(
      `SELECT c.id::text AS max, to_char(c.changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "asOf"
         FROM (SELECT max(id) AS id FROM change) m LEFT JOIN change c ON c.id = m.id`,
    );
    const issues: Row[] = await q.query(
      `SELECT i.id, i.slug, i.number, i.title, i.period, i.publisher, i.summary, ${UTC_INSTANT} AS "publishedAt",
              i.published_on::text AS "publishedOn", i.source_url AS "sourceUrl", i.previous_slug AS "previousSlug"
         FROM issue i WHERE i.status = $1 AND ($2::text IS NULL OR i.slug = $2) ORDER BY i.number`,
      [IssueStatus.PUBLISHED, slug],
    );
    const ids = issues.map((i) => i.id as string);
    const sections: Row[] = await q.query('SELECT id, issue_id, number, title, intro FROM section WHERE issue_id = ANY($1) ORDER BY number', [ids]);
    const articles: Row[] = await q.query(
      'SELECT id, section_id, number, position, slug, title, body, tags, language FROM article WHERE issue_id = ANY($1) ORDER BY position, id',
      [ids],
    );
    const articleIds = articles.map((a) => a.id as string);
    const references: Row[] = await q.query(
      'SELECT id, article_id, label, url, title, kind, external_id AS "externalId" FROM reference WHERE article_id = ANY($1) ORDER BY position',
      [articleIds],
    );
    const editors: Row[] = await q.query('SELECT issue_id AS owner, contributor_id AS id FROM issue_contributor WHERE issue_id = ANY($1) ORDER BY position', [ids]);
    const authors: Row[] = await q.query('SELECT article_id AS owner, contributor_id AS id FROM article_contributor WHERE article_id = ANY($1) ORDER BY position', [articleIds]);
    const contributorIds = [...new Set([...editors, ...authors].map((r) => r.id as string))];
    const contributors: SnapshotContributor[] = await q.query('SELECT id, slug, name, affiliation FROM contributor WHERE id = ANY($1) ORDER BY slug', [contributorIds]);
    return {
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      exportedAt: asOf ?? '1970-01-01T00:00:00.000Z',
      // The change stream's own cursor shape, so a mirror can pass it straight to the stream.
      changeCursor: max === null ? null : encodeCursor([Number(max)]),
      contributors,
      issues: assemble(issues, sections, articles, references, groupIds(editors), groupIds(authors)),
    };
  }
}

/** Groups rows by `key`, keeping the query's order within each group. */
function groupBy<T>(rows: Row[], key: string, map: (r: Row) => T): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const r of rows) {
    const group = grouped.get(r[key]) ?? [];
    if (group.length === 0) grouped.set(r[key], group);
    group.push(map(r));
  }
  return grouped;
}

const groupIds = (rows: Row[]) => groupBy<string>(rows, 'owner', (r) => r.id);

function assemble(issues: Row[], sections: Row[], articles: Row[], references: Row[], editors: Map<string, string[]>, authors: Map<string, string[]>): SnapshotIssue[] {
  const refsByArticle = groupBy<SnapshotReference>(references, 'article_id', (r) => ({ id: r.id, label: r.label, url: r.url, title: r.title, kind: r.kind, externalId: r.externalId }));
  const articlesBySection = groupBy<SnapshotArticle>(articles, 'section_id', (a) => ({
    id: a.id,
    number: a.number,
    position: a.position,
    slug: a.slug,
    title: a.title,
    body: a.body,
    tags: a.tags,
    language: a.language,
    authors: authors.get(a.id) ?? [],
    references: refsByArticle.get(a.id) ?? [],
  }));
  const sectionsByIssue = groupBy<SnapshotSection>(sections, 'issue_id', (s) => ({ id: s.id, number: s.number, title: s.title, intro: s.intro, articles: articlesBySection.get(s.id) ?? [] }));
  return issues.map((i) => ({
    id: i.id,
    slug: i.slug,
    number: i.number,
    title: i.title,
    period: i.period,
    publisher: i.publisher,
    summary: i.summary,
    publishedAt: i.publishedAt,
    publishedOn: i.publishedOn,
    sourceUrl: i.sourceUrl,
    previousSlug: i.previousSlug,
    editors: editors.get(i.id) ?? [],
    sections: sectionsByIssue.get(i.id) ?? [],
  }));
}
