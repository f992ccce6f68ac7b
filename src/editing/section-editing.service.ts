import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/role';
import { badInput } from '../common/errors/domain-error';
import { CONTENT_LIMITS } from '../content/authoring-format.types';
import { IssueModel } from '../issues/issue.model';
import { SectionModel } from '../sections/section.model';
import { CreateSectionInput, UpdateSectionInput } from './dto/issue.inputs';
import { ArticleRef, EditJournal } from './edit-journal';
import { bumpIssue, lockIssueRow, lockSectionRow } from './edit-locks';
import { runEdit } from './edit-transaction';
import { issueFromRow, sectionFromRow, Versioned } from './edited-models';
import * as rules from './input-rules';

const UNIQUE_FIELDS = { section_issue_id_number_uq: 'input.number' };

@Injectable()
export class SectionEditingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly journal: EditJournal,
  ) {}

  createSection(input: CreateSectionInput, by: Principal): Promise<Versioned<SectionModel>> {
    rules.rejectNul(input, 'input');
    const number = rules.checkPositiveInt(input.number, 'input.number', rules.MAX_SECTION_NUMBER);
    const title = rules.requiredLine(input.title, 'input.title', CONTENT_LIMITS.title);
    const intro = rules.optionalMarkdown(input.intro, 'input.intro');
    return runEdit(
      this.dataSource,
      async (m) => {
        const issue = await lockIssueRow(m, input.issueId, 'input.issueId');
        const [{ count }] = await m.query('SELECT count(*)::int AS count FROM section WHERE issue_id = $1', [issue.id]);
        if (count >= CONTENT_LIMITS.sections) throw badInput('input.issueId', `the issue already has ${CONTENT_LIMITS.sections} sections`);
        await checkNumberFree(m, issue.id, number, null);
        const [row] = await m.query('INSERT INTO section (issue_id, number, title, intro) VALUES ($1, $2, $3, $4) RETURNING *', [issue.id, number, title, intro]);
        await bumpIssue(m, issue.id);
        await this.journal.issueChanged(m, issue, by, { action: 'createSection', objectType: 'section', objectId: row.id, details: { issueId: issue.id, number } });
        return sectionFromRow(m, row);
      },
      UNIQUE_FIELDS,
    );
  }

  updateSection(id: string, input: UpdateSectionInput, expectedVersion: number, by: Principal): Promise<Versioned<SectionModel>> {
    rules.rejectNul(input, 'input');
    rules.someField(input);
    const number = input.number === undefined ? undefined : rules.checkPositiveInt(rules.notNull(input.number, 'input.number'), 'input.number', rules.MAX_SECTION_NUMBER);
    const title = input.title === undefined ? undefined : rules.requiredLine(rules.notNull(input.title, 'input.title'), 'input.title', CONTENT_LIMITS.title);
    const intro = input.intro === undefined ? undefined : rules.optionalMarkdown(input.intro, 'input.intro');
    return runEdit(
      this.dataSource,
      async (m) => {
        const { issue, section } = await lockSectionRow(m, id, 'id', expectedVersion);
        if (number !== undefined) await checkNumberFree(m, issue.id, number, section.id);
        // COALESCE keeps omitted fields; intro is passed as "given" separately since null is a real value for it.
        const [[row]] = await m.query(
          `UPDATE section SET number = COALESCE($2, number), title = COALESCE($3, title), intro = CASE WHEN $4 THEN $5 ELSE intro END,
             version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
          [section.id, number ?? null, title ?? null, intro !== undefined, intro ?? null],
        );
        await this.journal.issueChanged(m, issue, by, { action: 'updateSection', objectType: 'section', objectId: section.id, details: { fields: Object.keys(input) } });
        return sectionFromRow(m, row);
      },
      UNIQUE_FIELDS,
    );
  }

  /**
   * Refuses a section that still has articles unless `deleteArticles` is set: losing articles is never a side
   * effect of a typo. With it, the articles, their references and author links go too.
   */
  deleteSection(id: string, expectedVersion: number | null, deleteArticles: boolean, by: Principal): Promise<Versioned<IssueModel>> {
    return runEdit(this.dataSource, async (m) => {
      const { issue, section } = await lockSectionRow(m, id, 'id', expectedVersion);
      const articles: ArticleRef[] = await m.query('SELECT id, number, slug, title FROM article WHERE section_id = $1 ORDER BY position', [section.id]);
      if (articles.length > 0 && !deleteArticles) {
        throw badInput('deleteArticles', `section ${section.number} still has ${articles.length} article(s); move or delete them, or pass deleteArticles: true`);
      }
      await m.query('DELETE FROM section WHERE id = $1', [section.id]);
      const [[row]] = await m.query('UPDATE issue SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING *', [issue.id]);
      await this.journal.articlesDeleted(m, issue, articles);
      await this.journal.issueChanged(m, issue, by, {
        action: 'deleteSection',
        objectType: 'section',
        objectId: section.id,
        details: { issueId: issue.id, number: section.number, deletedArticles: articles.map((a) => a.number) },
      });
      return issueFromRow(m, row);
    });
  }
}

async function checkNumberFree(m: EntityManager, issueId: string, number: number, selfId: string | null): Promise<void> {
  const [clash] = await m.query('SELECT id FROM section WHERE issue_id = $1 AND number = $2 AND id IS DISTINCT FROM $3', [issueId, number, selfId]);
  if (clash) throw badInput('input.number', `section number ${number} is already used in this issue`);
}
