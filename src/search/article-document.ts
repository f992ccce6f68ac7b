import { createHash } from 'node:crypto';
import { markdownToText } from '../articles/markdown.renderer';
import { cjkBigrams, extraTokens, keyTerms } from './search-text';

/** Bump when the document shape or its derived fields change: it forces a full rebuild. */
export const DOCUMENT_VERSION = 2;

/** One published article as the search index holds it. Ids are article UUIDs (no dots, as Meilisearch needs). */
export interface ArticleDocument {
  id: string;
  issueId: string;
  issueSlug: string;
  issueNumber: number;
  issuePeriod: string;
  year: number;
  sectionNumber: number;
  sectionTitle: string;
  articleNumber: string;
  position: number;
  title: string;
  body: string;
  authors: string[];
  authorSlugs: string[];
  tags: string[];
  refs: string[];
  extra: string;
  keyterms: string;
  grams: string;
  publishedAt: number;
  contentHash: string;
}

export interface ArticleSource {
  id: string;
  issue: { id: string; slug: string; number: number; period: string; publishedAt: Date };
  section: { number: number; title: string };
  number: string;
  position: number;
  title: string;
  body: string;
  tags: string[];
  authors: Array<{ slug: string; name: string }>;
  references: Array<{ title: string | null; externalId: string | null }>;
}

export function toArticleDocument(a: ArticleSource): ArticleDocument {
  const body = markdownToText(a.body);
  const refs = a.references.flatMap((r) => [r.title, r.externalId]).filter((v): v is string => Boolean(v));
  const doc: Omit<ArticleDocument, 'contentHash'> = {
    id: a.id,
    issueId: a.issue.id,
    issueSlug: a.issue.slug,
    issueNumber: a.issue.number,
    issuePeriod: a.issue.period,
    year: Number(a.issue.period.slice(0, 4)),
    sectionNumber: a.section.number,
    sectionTitle: a.section.title,
    articleNumber: a.number,
    position: a.position,
    title: a.title,
    body,
    authors: a.authors.map((p) => p.name),
    authorSlugs: a.authors.map((p) => p.slug),
    tags: a.tags,
    refs,
    extra: extraTokens(`${a.title} ${body}`),
    keyterms: keyTerms(`${a.title} ${body}`),
    grams: cjkBigrams(`${a.title} ${a.section.title} ${body}`).join(' '),
    publishedAt: a.issue.publishedAt.getTime(),
  };
  return { ...doc, contentHash: contentHash(doc) };
}

/** What `search:verify` compares: a change to any indexed field changes the hash. */
export function contentHash(doc: Omit<ArticleDocument, 'contentHash'>): string {
  return createHash('sha256').update(JSON.stringify([DOCUMENT_VERSION, doc])).digest('hex').slice(0, 32);
}
