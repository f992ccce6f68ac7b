import { EntityManager } from 'typeorm';
import type { ParsedArticle, ParsedIssue, ParsedReference, ParsedSection } from '../content/authoring-format.types';

/** One issue's whole authored content: what the authoring format expresses, without the parser's line numbers and derived slugs. */
export type ReferenceContent = Omit<ParsedReference, 'line'>;
export type ArticleContent = Omit<ParsedArticle, 'line' | 'slug' | 'references'> & { references: ReferenceContent[] };
export type SectionContent = Omit<ParsedSection, 'line' | 'articles'> & { articles: ArticleContent[] };
export type IssueContent = Omit<ParsedIssue, 'sections'> & { sections: SectionContent[] };

/** Drops what the parser adds (line numbers, derived slugs) and fixes key order, so parsed and stored content compare equal. */
export function contentOf(parsed: IssueContent): IssueContent {
  return {
    ...pick(parsed, ['slug', 'number', 'title', 'period', 'publisher', 'publishedOn', 'sourceUrl', 'editors', 'previous', 'summary']),
    sections: parsed.sections.map((s) => ({
      ...pick(s, ['number', 'title', 'intro']),
      articles: s.articles.map((a) => ({
        ...pick(a, ['number', 'title', 'authors', 'tags', 'body']),
        references: a.references.map((r) => pick(r, ['label', 'url', 'title'])),
      })),
    })),
  };
}

export function sameContent(a: IssueContent, b: IssueContent): boolean {
  return JSON.stringify(contentOf(a)) === JSON.stringify(contentOf(b));
}

function pick<T extends object, K extends keyof T>(from: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, from[k]])) as Pick<T, K>;
}

type Row = Record<string, any>;

/**
 * Reads the stored issue in the caller's transaction, in authoring order: sections by number, articles by
 * their position in the section, contributors and references by position. Returns null for an unknown id.
 */
export async function loadIssueContent(m: EntityManager, issueId: string): Promise<{ content: IssueContent; version: number } | null> {
  const [issue]: Row[] = await m.query(
    `SELECT slug, number, title, period, publisher, summary, published_on::text AS published_on, source_url, previous_slug, version
     FROM issue WHERE id = $1`,
    [issueId],
  );
  if (!issue) return null;
  const editors: Row[] = await m.query(
    `SELECT c.name FROM issue_contributor ic JOIN contributor c ON c.id = ic.contributor_id
     WHERE ic.issue_id = $1 AND ic.role = 'EDITOR' ORDER BY ic.position`,
    [issueId],
  );
  const content: IssueContent = {
    slug: issue.slug,
    number: issue.number,
    title: issue.title,
    period: issue.period,
    publisher: issue.publisher,
    publishedOn: issue.published_on,
    sourceUrl: issue.source_url,
    editors: editors.map((e) => e.name),
    previous: issue.previous_slug,
    summary: issue.summary,
    sections: await loadSections(m, issueId),
  };
  return { content, version: issue.version };
}

async function loadSections(m: EntityManager, issueId: string): Promise<SectionContent[]> {
  const sections: Row[] = await m.query('SELECT id, number, title, intro FROM section WHERE issue_id = $1 ORDER BY number', [issueId]);
  const articles: Row[] = await m.query(
    `SELECT a.id, a.section_id, a.number, a.title, a.body, a.tags FROM article a JOIN section s ON s.id = a.section_id
     WHERE a.issue_id = $1 ORDER BY s.number, a.position, a.number`,
    [issueId],
  );
  const authors: Row[] = await m.query(
    `SELECT ac.article_id, c.name FROM article_contributor ac JOIN contributor c ON c.id = ac.contributor_id JOIN article a ON a.id = ac.article_id
     WHERE a.issue_id = $1 AND ac.role = 'AUTHOR' ORDER BY ac.position`,
    [issueId],
  );
  const references: Row[] = await m.query(
    'SELECT r.article_id, r.label, r.url, r.title FROM reference r JOIN article a ON a.id = r.article_id WHERE a.issue_id = $1 ORDER BY r.position',
    [issueId],
  );
  const authorsOf = grouped(authors, 'article_id');
  const referencesOf = grouped(references, 'article_id');
  const articlesOf = grouped(articles, 'section_id');
  const toArticle = (a: Row): ArticleContent => ({
    number: a.number,
    title: a.title,
    authors: (authorsOf.get(a.id) ?? []).map((c) => c.name),
    tags: a.tags,
    body: a.body,
    references: (referencesOf.get(a.id) ?? []).map((r) => ({ label: r.label, url: r.url, title: r.title })),
  });
  return sections.map((s) => ({ number: s.number, title: s.title, intro: s.intro, articles: (articlesOf.get(s.id) ?? []).map(toArticle) }));
}

/** Keeps each group in the rows' order, which the queries already made the authoring order. */
function grouped(rows: Row[], key: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const group = groups.get(row[key]);
    if (group) group.push(row);
    else groups.set(row[key], [row]);
  }
  return groups;
}
