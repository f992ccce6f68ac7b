import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { excerpt, renderMarkdown } from '../articles/markdown.renderer';
import { IssueModel } from '../issues/issue.model';
import { IssuesService } from '../issues/issues.service';
import { LoadersFactory } from '../loaders/loaders.factory';
import { FeedArticle, FeedIssue } from './feed-content';

/** How many of the newest issues the site-wide feeds carry. */
export const FEED_ISSUE_COUNT = 20;
const SITEMAP_PAGE = 100;

/** Reads published issues for feeds and the sitemap; drafts never reach here (public loaders and listPublished only). */
@Injectable()
export class FeedSourceService {
  constructor(
    private readonly issues: IssuesService,
    private readonly loaders: LoadersFactory,
  ) {}

  async latestIssues(): Promise<FeedIssue[]> {
    const page = await this.issues.listPublished(FEED_ISSUE_COUNT);
    return this.withArticles(page.edges.map((e) => e.node), true);
  }

  /** Null when the issue is missing or not published. */
  async publishedIssue(slug: string): Promise<FeedIssue | null> {
    const issue = await this.loaders.create().publishedIssueBySlug.load(slug);
    return issue ? (await this.withArticles([issue], true))[0] : null;
  }

  /** Every published issue with its article slugs, newest first; a monthly report stays far below 50,000 URLs. */
  async allIssueLinks(): Promise<FeedIssue[]> {
    const all: FeedIssue[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await this.issues.listPublished(SITEMAP_PAGE, after);
      all.push(...(await this.withArticles(page.edges.map((e) => e.node), false)));
      if (!page.pageInfo.hasNextPage) return all;
      after = page.pageInfo.endCursor;
    }
  }

  /** A fixed number of statements however many issues: the per-request loaders batch each level. */
  private async withArticles(issues: IssueModel[], render: boolean): Promise<FeedIssue[]> {
    const loaders = this.loaders.create();
    const sections = await loadAll(loaders.sectionsByIssueId, issues.map((i) => i.id));
    const articles = await loadAll(loaders.articlesBySectionId, sections.flat().map((s) => s.id));
    const bySection = new Map(sections.flat().map((s, i) => [s.id, articles[i]]));
    const articleIds = render ? articles.flat().map((a) => a.id) : [];
    const [authors, references] = await Promise.all([loadAll(loaders.authorsByArticleId, articleIds), loadAll(loaders.referencesByArticleId, articleIds)]);
    const byArticle = new Map(articleIds.map((id, i) => [id, { authors: authors[i], references: references[i] }]));
    return issues.map((issue, i) => ({
      slug: issue.slug,
      number: issue.number,
      title: issue.title,
      period: issue.period,
      summaryHtml: render && issue.summary ? renderMarkdown(issue.summary) : null,
      publishedAt: issue.publishedAt ?? new Date(0),
      articles: sections[i].flatMap((s) =>
        (bySection.get(s.id) ?? []).map((a): FeedArticle => {
          const extra = byArticle.get(a.id);
          return {
            slug: a.slug,
            number: a.number,
            title: a.title,
            html: extra ? renderMarkdown(a.body, extra.references) : '',
            excerpt: render ? excerpt(a.body) : '',
            tags: a.tags,
            authors: extra?.authors.map((c) => c.name) ?? [],
          };
        }),
      ),
    }));
  }
}

async function loadAll<V>(loader: DataLoader<string, V>, keys: string[]): Promise<V[]> {
  const values = await loader.loadMany(keys);
  const failed = values.find((v): v is Error => v instanceof Error);
  if (failed) throw failed;
  return values as V[];
}

