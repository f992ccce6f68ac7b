import { EntityManager, In, Not } from 'typeorm';
import { ArticleEntity } from '../articles/article.entity';
import { badInput, DomainError, ErrorCode } from '../common/errors/domain-error';
import { ArticleContributorEntity, ContributorRole, IssueContributorEntity } from '../contributors/contributor.entity';
import { LockKey } from '../database/advisory-lock';
import { IssueEntity, IssueStatus } from '../issues/issue.entity';
import { enqueue, OutboxTopic } from '../outbox/outbox';
import { inferReference } from '../references/reference-kind';
import { ReferenceEntity } from '../references/reference.entity';
import { SectionEntity } from '../sections/section.entity';
import { ParsedArticle, ParsedIssue, ParsedSection } from './authoring-format.types';
import { upsertContributors } from './contributor-upsert';

export interface WriteOptions {
  /** Make the issue PUBLISHED (keeping its first publishedAt). */
  publish?: boolean;
  /** Allow replacing the content of an issue that is already published. */
  replacePublished?: boolean;
  /** Runs inside the import's transaction once the issue is written (audit, webhooks). */
  onWritten?: (m: EntityManager, issue: IssueEntity, created: boolean) => Promise<void>;
}

export interface WriteResult {
  issue: IssueEntity;
  created: boolean;
}

/** Writes one parsed issue inside the caller's transaction; matching rows are updated in place, so ids stay stable. */
export class IssueWriter {
  constructor(private readonly m: EntityManager) {}

  async write(parsed: ParsedIssue, options: WriteOptions): Promise<WriteResult> {
    await this.m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LockKey.IMPORT, parsed.slug]);
    const repo = this.m.getRepository(IssueEntity);
    const existing = await repo.findOneBy({ slug: parsed.slug });
    if (existing?.status === IssueStatus.PUBLISHED && !options.publish && !options.replacePublished) {
      throw new DomainError(ErrorCode.CONFLICT, `issue ${parsed.slug} is published; replacing it needs an explicit publish or replacePublished`, { field: 'slug' });
    }
    const clash = await repo.findOneBy({ number: parsed.number, slug: Not(parsed.slug) });
    if (clash) throw badInput('number', `issue number ${parsed.number} is already used by issue ${clash.slug}`);
    const issue = await repo.save(this.applyIssue(existing ?? repo.create({ slug: parsed.slug }), parsed, options));
    await this.replaceJoin(IssueContributorEntity, { issueId: issue.id }, ContributorRole.EDITOR, await upsertContributors(this.m, parsed.editors));
    await this.writeSections(issue.id, parsed.sections);
    // The sync worker decides from the committed state: a draft's sync only removes, never indexes.
    await enqueue(this.m, OutboxTopic.SEARCH_SYNC_ISSUE, [issue.id]);
    await options.onWritten?.(this.m, issue, !existing);
    return { issue, created: !existing };
  }

  private applyIssue(issue: IssueEntity, p: ParsedIssue, options: WriteOptions): IssueEntity {
    Object.assign(issue, {
      number: p.number,
      title: p.title,
      period: p.period,
      publisher: p.publisher,
      summary: p.summary,
      publishedOn: p.publishedOn,
      sourceUrl: p.sourceUrl,
      previousSlug: p.previous,
    });
    if (options.publish) {
      issue.status = IssueStatus.PUBLISHED;
      issue.publishedAt ??= new Date();
      issue.scheduledAt = null;
    } else {
      issue.status ??= IssueStatus.DRAFT;
    }
    return issue;
  }

  private async writeSections(issueId: string, sections: ParsedSection[]): Promise<void> {
    const repo = this.m.getRepository(SectionEntity);
    const existing = new Map((await repo.findBy({ issueId })).map((s) => [s.number, s]));
    const kept: string[] = [];
    const placed: Array<{ sectionId: string; article: ParsedArticle; position: number }> = [];
    for (const p of sections) {
      const row = existing.get(p.number) ?? repo.create({ issueId, number: p.number });
      const saved = await repo.save(Object.assign(row, { title: p.title, intro: p.intro }));
      kept.push(saved.id);
      p.articles.forEach((article, position) => placed.push({ sectionId: saved.id, article, position }));
    }
    await this.writeArticles(issueId, placed);
    await repo.delete({ issueId, id: Not(In(kept)) });
  }

  private async writeArticles(issueId: string, placed: Array<{ sectionId: string; article: ParsedArticle; position: number }>): Promise<void> {
    const repo = this.m.getRepository(ArticleEntity);
    const existing = await repo.findBy({ issueId });
    const bySlug = new Map(existing.map((a) => [a.slug, a]));
    const byNumber = new Map(existing.map((a) => [a.number, a]));
    const kept = new Set<string>();
    for (const { sectionId, article: p, position } of placed) {
      // A retitled article keeps its id when its number still matches.
      const match = [bySlug.get(p.slug), byNumber.get(p.number)].find((a) => a && !kept.has(a.id));
      const row = match ?? repo.create({ issueId });
      const saved = await repo.save(Object.assign(row, { sectionId, number: p.number, position, slug: p.slug, title: p.title, body: p.body, tags: p.tags }));
      kept.add(saved.id);
      await this.replaceJoin(ArticleContributorEntity, { articleId: saved.id }, ContributorRole.AUTHOR, await upsertContributors(this.m, p.authors));
      await this.writeReferences(saved.id, p);
    }
    const stale = existing.filter((a) => !kept.has(a.id)).map((a) => a.id);
    if (stale.length > 0) await repo.delete({ id: In(stale) });
  }

  private async writeReferences(articleId: string, p: ParsedArticle): Promise<void> {
    const repo = this.m.getRepository(ReferenceEntity);
    const wanted = p.references.map((r, position) => ({ articleId, position, label: r.label, url: r.url, title: r.title, ...inferReference(r.url) }));
    const current = await repo.find({ where: { articleId }, order: { position: 'ASC' } });
    const same = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);
    const strip = ({ articleId: a, position, label, url, title, kind, externalId }: ReferenceEntity | (typeof wanted)[number]) => ({ a, position, label, url, title, kind, externalId });
    if (same(current.map(strip), wanted.map(strip))) return;
    await repo.delete({ articleId });
    if (wanted.length > 0) await repo.insert(wanted);
  }

  /** Replaces an ordered contributor join (editors of an issue, authors of an article). */
  private async replaceJoin(
    entity: typeof IssueContributorEntity | typeof ArticleContributorEntity,
    owner: { issueId: string } | { articleId: string },
    role: ContributorRole,
    contributorIds: string[],
  ): Promise<void> {
    const repo = this.m.getRepository(entity);
    await repo.delete({ ...owner, role });
    const unique = [...new Set(contributorIds)];
    if (unique.length > 0) await repo.insert(unique.map((contributorId, position) => ({ ...owner, role, contributorId, position })));
  }
}
