/** What a feed or the sitemap needs of an issue: published content only, articles in reading order. */
export interface FeedIssue {
  slug: string;
  number: number;
  title: string;
  period: string;
  summaryHtml: string | null;
  publishedAt: Date;
  articles: FeedArticle[];
}

export interface FeedArticle {
  slug: string;
  number: string;
  title: string;
  /** Rendered, sanitized body; empty when only links were asked for (the sitemap). */
  html: string;
  excerpt: string;
  tags: string[];
  authors: string[];
}

export type FeedFormat = 'rss' | 'atom' | 'json';

export const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

export const CONTENT_TYPES: Record<FeedFormat | 'sitemap', string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
  sitemap: 'application/xml; charset=utf-8',
};

/** `issues.rss` → `{ name: 'issues', format: 'rss' }`; null for any other extension. */
export function parseFeedFile(file: string): { name: string; format: FeedFormat } | null {
  const match = /^(.+)\.(rss|atom|json)$/.exec(file);
  return match ? { name: match[1], format: match[2] as FeedFormat } : null;
}
