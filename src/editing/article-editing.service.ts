import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ArticleModel } from '../articles/article.model';
import type { Principal } from '../auth/role';
import { badInput, DomainError, ErrorCode } from '../common/errors/domain-error';
import { checkUuid } from '../common/uuid';
import { CONTENT_LIMITS } from '../content/authoring-format.types';
import { PublishingService } from '../publishing/publishing.service';
import * as articles from './article-rules';
import { CreateArticleInput, ReferenceInput, UpdateArticleInput } from './dto/article.inputs';
import { EditJournal } from './edit-journal';
import { bumpIssue, lockArticleRow, lockSectionRow } from './edit-locks';
import { retrying, runEdit } from './edit-transaction';
import { articleFromRow, Versioned } from './edited-models';
import * as rules from './input-rules';

interface ArticleFields {
  number?: string;
  title?: string;
  body?: string;
  tags?: string[];
  authors?: string[];
  slug?: string;
}

@Injectable()
export class ArticleEditingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly journal: EditJournal,
    private readonly publishing: PublishingService,
  ) {}

  createArticle(input: CreateArticleInput, by: Principal): Promise<Versioned<ArticleModel>> {
    rules.rejectNul(input, 'input');
    const fields = checkArticleFields({ body: '', tags: [], authors: [], ...withoutNulls(input) }, true);
    return runEdit(
      this.dataSource,
      async (m) => {
        const { issue, section } = await lockSectionRow(m, input.sectionId, 'input.sectionId');
        const order = await articles.orderedArticleIds(m, section.id);
        if (order.length >= CONTENT_LIMITS.articlesPerSection) throw badInput('input.sectionId', `the section already has ${CONTENT_LIMITS.articlesPerSection} articles`);
        const position = articles.checkPosition(input.position ?? order.length, 'input.position', order.length);
        await articles.checkNumberFree(m, issue.id, fields.number!, null);
        if (fields.slug) await articles.checkSlugFree(m, issue.id, fields.slug, null);
        const slug = fields.slug ?? (await articles.slugForTitle(m, issue.id, fields.title!, fields.number!));
        const [row] = await m.query(
          'INSERT INTO article (issue_id, section_id, number, position, slug, title, body, tags) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *',
          [issue.id, section.id, fields.number, position, slug, fields.title, fields.body, fields.tags],
        );
        order.splice(position, 0, row.id);
        await articles.renumber(m, order);
        await articles.replaceAuthors(m, row.id, fields.authors!);
        await bumpIssue(m, issue.id);
        await this.journal.articleChanged(m, issue, row, by, { action: 'createArticle', objectType: 'article', objectId: row.id, details: { issueId: issue.id, number: row.number } });
        return articleFromRow(m, row);
      },
      articles.ARTICLE_UNIQUE_FIELDS,
    );
  }

  updateArticle(id: string, input: UpdateArticleInput, expectedVersion: number, by: Principal): Promise<Versioned<ArticleModel>> {
    rules.rejectNul(input, 'input');
    rules.someField(input);
    const fields = checkArticleFields(input, false);
    return runEdit(
      this.dataSource,
      async (m) => {
        const { issue, article } = await lockArticleRow(m, id, 'id', expectedVersion);
        if (fields.number) await articles.checkNumberFree(m, issue.id, fields.number, article.id);
        if (fields.slug) await articles.checkSlugFree(m, issue.id, fields.slug, article.id);
        const [[row]] = await m.query(
          `UPDATE article SET number = COALESCE($2, number), title = COALESCE($3, title), body = COALESCE($4, body), tags = COALESCE($5, tags),
             slug = COALESCE($6, slug), version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
          [article.id, fields.number ?? null, fields.title ?? null, fields.body ?? null, fields.tags ?? null, fields.slug ?? null],
        );
        if (fields.authors) await articles.replaceAuthors(m, article.id, fields.authors);
        await this.journal.articleChanged(m, issue, row, by, { action: 'updateArticle', objectType: 'article', objectId: article.id, details: { fields: Object.keys(input), version: row.version } });
        return articleFromRow(m, row);
      },
      articles.ARTICLE_UNIQUE_FIELDS,
    );
  }

  /** Replaces all references, in the given order. */
  setArticleReferences(articleId: string, references: ReferenceInput[], expectedVersion: number | null, by: Principal): Promise<Versioned<ArticleModel>> {
    const checked = articles.checkReferences(references);
    return runEdit(this.dataSource, async (m) => {
      const { issue, article } = await lockArticleRow(m, articleId, 'articleId', expectedVersion);
      await articles.replaceReferences(m, article.id, checked);
      const [[row]] = await m.query('UPDATE article SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING *', [article.id]);
      await this.journal.articleChanged(m, issue, row, by, { action: 'setArticleReferences', objectType: 'article', objectId: article.id, details: { labels: checked.map((r) => r.label) } });
      return articleFromRow(m, row);
    });
  }

  /**
   * Moves an article within its section or to another section of the same issue. Both sections are renumbered
   * 0..n-1. The article keeps its number ("1.2"), which is editorial: change it with updateArticle.
   */
  moveArticle(id: string, sectionId: string, position: number, expectedVersion: number | null, by: Principal): Promise<Versioned<ArticleModel>> {
    return runEdit(this.dataSource, async (m) => {
      const { issue, article } = await lockArticleRow(m, id, 'id', expectedVersion);
      const [target] = await m.query('SELECT id, issue_id FROM section WHERE id = $1 FOR UPDATE', [checkUuid(sectionId, 'sectionId')]);
      if (!target) throw new DomainError(ErrorCode.NOT_FOUND, `no section ${sectionId}`, { field: 'sectionId' });
      if (target.issue_id !== issue.id) throw badInput('sectionId', 'an article moves only between sections of its own issue');
      const order = await articles.orderedArticleIds(m, target.id, article.id);
      if (target.id !== article.section_id && order.length >= CONTENT_LIMITS.articlesPerSection) {
        throw badInput('sectionId', `the section already has ${CONTENT_LIMITS.articlesPerSection} articles`);
      }
      order.splice(articles.checkPosition(position, 'position', order.length), 0, article.id);
      await m.query('UPDATE article SET section_id = $2, version = version + 1, updated_at = now() WHERE id = $1', [article.id, target.id]);
      await articles.renumber(m, order);
      if (target.id !== article.section_id) await articles.renumber(m, await articles.orderedArticleIds(m, article.section_id));
      await bumpIssue(m, issue.id);
      const [row] = await m.query('SELECT * FROM article WHERE id = $1', [article.id]);
      await this.journal.articleChanged(m, issue, row, by, {
        action: 'moveArticle',
        objectType: 'article',
        objectId: article.id,
        details: { fromSection: article.section_id, toSection: target.id, position },
      });
      return articleFromRow(m, row);
    });
  }

  /** PublishingService owns deletion; the answer is the issue it was in, as it is now. */
  async deleteArticle(id: string, by: Principal): Promise<string> {
    const [row] = await this.dataSource.query('SELECT issue_id FROM article WHERE id = $1', [checkUuid(id, 'id')]);
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `no article ${id}`, { field: 'id' });
    await retrying(() => this.publishing.deleteArticle(id, by));
    return row.issue_id;
  }
}

/** Validates the given fields; `isNew` requires number and title. */
function checkArticleFields(input: ArticleFields | UpdateArticleInput, isNew: boolean): ArticleFields {
  const f: ArticleFields = {};
  if (isNew || input.number !== undefined) f.number = rules.checkArticleNumber(rules.notNull(input.number, 'input.number'), 'input.number');
  if (isNew || input.title !== undefined) f.title = rules.requiredLine(rules.notNull(input.title, 'input.title'), 'input.title', CONTENT_LIMITS.title);
  if (input.body !== undefined) f.body = rules.limited(rules.notNull(input.body, 'input.body') ?? '', 'input.body', CONTENT_LIMITS.body);
  if (input.tags !== undefined) f.tags = rules.checkTags(rules.notNull(input.tags, 'input.tags') ?? [], 'input.tags');
  if (input.authors !== undefined) f.authors = rules.checkNames(rules.notNull(input.authors, 'input.authors') ?? [], 'input.authors', CONTENT_LIMITS.authorsPerArticle);
  if (input.slug != null) f.slug = rules.checkSlug(input.slug, 'input.slug');
  else if (!isNew && input.slug === null) throw badInput('input.slug', 'input.slug cannot be null; omit it to keep the slug');
  return f;
}

/** A create input's omitted optional fields fall back to defaults, whether left out or sent as null. */
function withoutNulls<T extends object>(input: T): Partial<{ [K in keyof T]: NonNullable<T[K]> }> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v != null)) as Partial<{ [K in keyof T]: NonNullable<T[K]> }>;
}
