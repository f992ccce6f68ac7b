import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { ArticleModel } from '../articles/article.model';
import { ArticlesService } from '../articles/articles.service';
import { ConnectionShape } from '../common/graphql/connection';
import { ContributorsService, OwnedContributor } from '../contributors/contributors.service';
import { IssueModel } from '../issues/issue.model';
import { IssuesService } from '../issues/issues.service';
import { OwnedReference, ReferencesService } from '../references/references.service';
import { SectionModel } from '../sections/section.model';
import { SectionsService } from '../sections/sections.service';
import { groupByKey, oneByKey } from './group';

export interface PageKey {
  ownerId: string;
  first: number;
  after?: string | null;
}

export type Loaders = ReturnType<LoadersFactory['create']>;

/** Fresh loaders for each GraphQL request: batching per request, and no cache shared between users. */
@Injectable()
export class LoadersFactory {
  constructor(
    private readonly issues: IssuesService,
    private readonly sections: SectionsService,
    private readonly articles: ArticlesService,
    private readonly contributors: ContributorsService,
    private readonly references: ReferencesService,
  ) {}

  /** `visibleDrafts`: unpublished issues this request was allowed to preview (by token or signed link). */
  create(visibleDrafts: ReadonlySet<string> = new Set()) {
    const issueById = new DataLoader<string, IssueModel | null>(async (ids) => oneByKey(ids, await this.issues.visibleByIds(ids, visibleDrafts), (i) => i.id));
    const sectionById = new DataLoader<string, SectionModel | null>(async (ids) => oneByKey(ids, await this.sections.byIds(ids), (s) => s.id));
    // Whatever one loader fetches primes the by-id loaders, so walking back up the tree costs no statement.
    const issues = <T extends IssueModel | null>(list: T[]) => (list.forEach((i) => i && issueById.prime(i.id, i)), list);
    return {
      visibleIssueById: issueById,
      publishedIssueBySlug: new DataLoader<string, IssueModel | null>(async (slugs) => issues(oneByKey(slugs, await this.issues.publishedBySlugs(slugs), (i) => i.slug))),
      publishedSuccessorBySlug: new DataLoader<string, IssueModel | null>(async (slugs) =>
        issues(oneByKey(slugs, await this.issues.publishedSuccessorsOf(slugs), (i) => i.previousSlug ?? '')),
      ),
      sectionById,
      sectionsByIssueId: new DataLoader<string, SectionModel[]>(async (ids) => {
        const sections = await this.sections.byIssueIds(ids);
        sections.forEach((s) => sectionById.prime(s.id, s));
        return groupByKey(ids, sections, (s) => s.issueId);
      }),
      publishedArticleById: new DataLoader<string, ArticleModel | null>(async (ids) => oneByKey(ids, await this.articles.publishedByIds(ids), (a) => a.id)),
      articlesBySectionId: new DataLoader<string, ArticleModel[]>(async (ids) => groupByKey(ids, await this.articles.bySectionIds(ids), (a) => a.sectionId)),
      articleCountByIssueId: new DataLoader<string, number>(async (ids) => {
        const counts = await this.articles.countByIssueIds(ids);
        return ids.map((id) => counts.get(id) ?? 0);
      }),
      authorsByArticleId: new DataLoader<string, OwnedContributor[]>(async (ids) => groupByKey(ids, await this.contributors.authorsOfArticles(ids), (c) => c.ownerId)),
      editorsByIssueId: new DataLoader<string, OwnedContributor[]>(async (ids) => groupByKey(ids, await this.contributors.editorsOfIssues(ids), (c) => c.ownerId)),
      referencesByArticleId: new DataLoader<string, OwnedReference[]>(async (ids) => groupByKey(ids, await this.references.byArticleIds(ids), (r) => r.articleId)),
      articlesByAuthor: pageLoader((ids, first, after) => this.articles.publishedByAuthors(ids, first, after)),
      issuesByEditor: pageLoader((ids, first, after) => this.issues.publishedEditedBy(ids, first, after)),
    };
  }
}

/** Batches connection fields: owners asking for the same page arguments share one statement. */
function pageLoader<T>(fetch: (ownerIds: string[], first: number, after?: string | null) => Promise<Map<string, ConnectionShape<T>>>) {
  return new DataLoader<PageKey, ConnectionShape<T>, string>(
    async (keys) => {
      const byArgs = new Map<string, PageKey[]>();
      for (const key of keys) {
        const args = JSON.stringify([key.first, key.after ?? null]);
        byArgs.set(args, [...(byArgs.get(args) ?? []), key]);
      }
      const pages = new Map<PageKey, ConnectionShape<T>>();
      for (const group of byArgs.values()) {
        const result = await fetch([...new Set(group.map((k) => k.ownerId))], group[0].first, group[0].after);
        for (const key of group) pages.set(key, result.get(key.ownerId)!);
      }
      return keys.map((k) => pages.get(k)!);
    },
    { cacheKeyFn: (k) => JSON.stringify([k.ownerId, k.first, k.after ?? null]) },
  );
}
