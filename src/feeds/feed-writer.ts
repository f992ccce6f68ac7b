import { Feed } from 'feed';
import { FeedArticle, FeedFormat, FeedIssue } from './feed-content';
import { SiteLinks } from './site-links';

const SITE_TITLE = 'Linux 内核月报';
const SITE_DESCRIPTION = '中文 Linux 内核月报：每月内核邮件列表上的重要补丁系列。';
const LANGUAGE = 'zh-Hans';

interface Channel {
  title: string;
  description: string;
  link: string;
  /** e.g. `issues` or `issues/2020-07`: the feed's own URLs are `/feeds/{path}.{rss,atom,json}`. */
  path: string;
  updated: Date;
}

interface Entry {
  url: string;
  title: string;
  date: Date;
  html: string;
  summary: string;
  authors: string[];
  tags: string[];
}

/** The site-wide feed: one entry per issue, its summary followed by the list of its articles. */
export function writeIssuesFeed(links: SiteLinks, issues: FeedIssue[], format: FeedFormat): string {
  const channel = { title: SITE_TITLE, description: SITE_DESCRIPTION, link: links.issues(), path: 'issues', updated: newest(issues) };
  const entries = issues.map(
    (issue): Entry => ({
      url: links.issue(issue.slug),
      title: `${issue.title}（总第 ${issue.number} 期，${issue.period}）`,
      date: issue.publishedAt,
      html: `${issue.summaryHtml ?? ''}${articleList(links, issue)}`,
      summary: issue.articles.map((a) => `${a.number} ${a.title}`).join('；'),
      authors: [],
      tags: [],
    }),
  );
  return write(links, channel, entries, format);
}

/** One issue's feed: one entry per article, with its whole rendered body. */
export function writeIssueFeed(links: SiteLinks, issue: FeedIssue, format: FeedFormat): string {
  const channel = { title: `${SITE_TITLE}：${issue.title}`, description: `${issue.period} 期的全部文章`, link: links.issue(issue.slug), path: `issues/${encodeURIComponent(issue.slug)}`, updated: issue.publishedAt };
  const entries = issue.articles.map(
    (a: FeedArticle): Entry => ({ url: links.article(issue.slug, a.slug), title: `${a.number} ${a.title}`, date: issue.publishedAt, html: a.html, summary: a.excerpt, authors: a.authors, tags: a.tags }),
  );
  return write(links, channel, entries, format);
}

function write(links: SiteLinks, channel: Channel, entries: Entry[], format: FeedFormat): string {
  const feed = new Feed({
    id: channel.link,
    title: xmlSafe(channel.title),
    description: xmlSafe(channel.description),
    link: channel.link,
    language: LANGUAGE,
    // Fixed from the content, never "now": the same content must give the same bytes, hence the same ETag.
    updated: channel.updated,
    generator: 'kernel-monthly',
    copyright: SITE_TITLE,
    feedLinks: { rss: links.feed(`${channel.path}.rss`), atom: links.feed(`${channel.path}.atom`), json: links.feed(`${channel.path}.json`) },
  });
  for (const e of entries) {
    feed.addItem({
      id: e.url,
      guid: e.url,
      link: e.url,
      title: xmlSafe(e.title),
      date: e.date,
      published: e.date,
      description: xmlSafe(e.summary),
      content: xmlSafe(e.html),
      // The library's JSON writer fails on an empty author list.
      ...(e.authors.length > 0 ? { author: e.authors.map((name) => ({ name: xmlSafe(name) })) } : {}),
      category: e.tags.map((name) => ({ name: xmlSafe(name) })),
    });
  }
  if (format === 'rss') return feed.rss2();
  if (format === 'atom') return feed.atom1();
  return jsonFeed11(feed.json1(), entries);
}

/** The library writes JSON Feed 1.0 with one author; 1.1 has an `authors` list and `language`. */
function jsonFeed11(json1: string, entries: Entry[]): string {
  const doc = JSON.parse(json1) as Record<string, unknown> & { items: Array<Record<string, unknown>> };
  const items = doc.items.map(({ author: _single, ...item }, i) => {
    const authors = entries[i].authors.map((name) => ({ name: xmlSafe(name) }));
    return authors.length > 0 ? { ...item, authors } : item;
  });
  return JSON.stringify({ ...doc, version: 'https://jsonfeed.org/version/1.1', language: LANGUAGE, items }, null, 2);
}

function articleList(links: SiteLinks, issue: FeedIssue): string {
  if (issue.articles.length === 0) return '';
  const items = issue.articles.map((a) => `<li><a href="${escapeHtml(links.article(issue.slug, a.slug))}">${escapeHtml(`${a.number} ${a.title}`)}</a></li>`);
  return `<ul>${items.join('')}</ul>`;
}

function newest(issues: FeedIssue[]): Date {
  return new Date(Math.max(0, ...issues.map((i) => i.publishedAt.getTime())));
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** XML 1.0 forbids most control characters even when escaped; imported text could carry them. */
export function xmlSafe(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}
