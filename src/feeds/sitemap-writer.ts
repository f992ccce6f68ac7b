import { FeedIssue } from './feed-content';
import { escapeHtml, xmlSafe } from './feed-writer';
import { SiteLinks } from './site-links';

/** sitemaps.org 0.9: the home page, the issue list, then each published issue followed by its articles. */
export function writeSitemap(links: SiteLinks, issues: FeedIssue[]): string {
  const url = (loc: string, lastmod?: Date) =>
    `  <url><loc>${escapeHtml(xmlSafe(loc))}</loc>${lastmod ? `<lastmod>${lastmod.toISOString().slice(0, 10)}</lastmod>` : ''}</url>`;
  const newest = issues.length > 0 ? new Date(Math.max(...issues.map((i) => i.publishedAt.getTime()))) : undefined;
  const lines = [url(links.home(), newest), url(links.issues(), newest)];
  for (const issue of issues) {
    lines.push(url(links.issue(issue.slug), issue.publishedAt));
    for (const article of issue.articles) lines.push(url(links.article(issue.slug, article.slug), issue.publishedAt));
  }
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...lines, '</urlset>', ''].join('\n');
}
