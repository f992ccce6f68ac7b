import { EntityManager } from 'typeorm';
import { ArticleDocument, ArticleSource, toArticleDocument } from './article-document';

/** Every published article with what its document needs, in one statement; drafts never reach this query. */
const SOURCES = `
  SELECT a.id, a.number, a.position, a.title, a.body, a.tags,
    json_build_object('id', i.id, 'slug', i.slug, 'number', i.number, 'period', i.period, 'publishedAt', i.published_at) AS issue,
    json_build_object('number', s.number, 'title', s.title) AS section,
    COALESCE((SELECT json_agg(json_build_object('slug', c.slug, 'name', c.name) ORDER BY ac.position)
              FROM article_contributor ac JOIN contributor c ON c.id = ac.contributor_id WHERE ac.article_id = a.id), '[]') AS authors,
    COALESCE((SELECT json_agg(json_build_object('title', r.title, 'externalId', r.external_id) ORDER BY r.position)
              FROM reference r WHERE r.article_id = a.id), '[]') AS "references"
  FROM article a JOIN section s ON s.id = a.section_id JOIN issue i ON i.id = a.issue_id
  WHERE i.status = 'PUBLISHED'`;

type Row = Omit<ArticleSource, 'issue'> & { issue: Omit<ArticleSource['issue'], 'publishedAt'> & { publishedAt: string } };

const toSource = (row: Row): ArticleSource => ({ ...row, issue: { ...row.issue, publishedAt: new Date(row.issue.publishedAt) } });

export async function documentsOfIssue(m: EntityManager, issueId: string): Promise<ArticleDocument[]> {
  const rows: Row[] = await m.query(`${SOURCES} AND i.id = $1 ORDER BY a.id`, [issueId]);
  return rows.map((r) => toArticleDocument(toSource(r)));
}

/** Keyset pages over all published articles, for rebuilds and verification of any size. */
export async function* allDocuments(m: EntityManager, pageSize = 1000): AsyncGenerator<ArticleDocument[]> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: Row[] = await m.query(`${SOURCES} AND a.id > $1 ORDER BY a.id LIMIT $2`, [after, pageSize]);
    if (rows.length === 0) return;
    yield rows.map((r) => toArticleDocument(toSource(r)));
    after = rows[rows.length - 1].id;
  }
}

export async function publishedArticleCount(m: EntityManager): Promise<number> {
  const [row] = await m.query(`SELECT count(*)::int AS n FROM article a JOIN issue i ON i.id = a.issue_id WHERE i.status = 'PUBLISHED'`);
  return row.n;
}
