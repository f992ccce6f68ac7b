/**
 * The front end's URL scheme, the one contract feeds and the sitemap share with it:
 * `${base}/issues/{slug}` for an issue and `${base}/issues/{slug}/{articleSlug}` for an article.
 */
export class SiteLinks {
  /** `base` is PUBLIC_BASE_URL, already validated and without a trailing slash. */
  constructor(readonly base: string) {}

  home(): string {
    return `${this.base}/`;
  }

  issues(): string {
    return `${this.base}/issues`;
  }

  issue(slug: string): string {
    return `${this.base}/issues/${encodeURIComponent(slug)}`;
  }

  article(issueSlug: string, articleSlug: string): string {
    return `${this.issue(issueSlug)}/${encodeURIComponent(articleSlug)}`;
  }

  /** Feeds are served by this API, but behind the same public host as the front end. */
  feed(path: string): string {
    return `${this.base}/feeds/${path}`;
  }
}
