import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { CONTENT_TYPES, parseFeedFile } from './feed-content';
import { FeedSourceService } from './feed-source.service';
import { writeIssueFeed, writeIssuesFeed } from './feed-writer';
import { SiteLinks } from './site-links';
import { writeSitemap } from './sitemap-writer';

export interface FeedDocument {
  contentType: string;
  body: string;
}

/** Maps a requested file name to a rendered document; null means there is no such public document. */
@Injectable()
export class FeedsService {
  private readonly links: SiteLinks;

  constructor(
    private readonly source: FeedSourceService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.links = new SiteLinks(config.publicBaseUrl);
  }

  /** `issues.rss`, `issues.atom` or `issues.json`. */
  async issuesFeed(file: string): Promise<FeedDocument | null> {
    const parsed = parseFeedFile(file);
    if (!parsed || parsed.name !== 'issues') return null;
    return { contentType: CONTENT_TYPES[parsed.format], body: writeIssuesFeed(this.links, await this.source.latestIssues(), parsed.format) };
  }

  /** `{slug}.rss` etc. of a published issue; drafts, scheduled and unknown slugs are null alike. */
  async issueFeed(file: string): Promise<FeedDocument | null> {
    const parsed = parseFeedFile(file);
    const issue = parsed && (await this.source.publishedIssue(parsed.name));
    if (!parsed || !issue) return null;
    return { contentType: CONTENT_TYPES[parsed.format], body: writeIssueFeed(this.links, issue, parsed.format) };
  }

  async sitemap(): Promise<FeedDocument> {
    return { contentType: CONTENT_TYPES.sitemap, body: writeSitemap(this.links, await this.source.allIssueLinks()) };
  }
}
