import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/role';
import { badInput } from '../common/errors/domain-error';
import { CONTENT_LIMITS } from '../content/authoring-format.types';
import { upsertContributors } from '../content/contributor-upsert';
import { IssueModel } from '../issues/issue.model';
import { CreateIssueInput, UpdateIssueInput } from './dto/issue.inputs';
import { EditJournal } from './edit-journal';
import { lockIssueRow } from './edit-locks';
import { runEdit } from './edit-transaction';
import { issueFromRow, Versioned } from './edited-models';
import * as rules from './input-rules';

/** Issue columns an edit may set, by input field. Status is not here: it changes only through publishing. */
const COLUMNS = {
  slug: 'slug',
  number: 'number',
  title: 'title',
  period: 'period',
  publisher: 'publisher',
  summary: 'summary',
  publishedOn: 'published_on',
  sourceUrl: 'source_url',
  previous: 'previous_slug',
} as const;

type IssueValues = { -readonly [K in keyof typeof COLUMNS]?: string | number | null };

const UNIQUE_FIELDS = { issue_slug_uq: 'input.slug', issue_number_uq: 'input.number' };

@Injectable()
export class IssueEditingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly journal: EditJournal,
  ) {}

  createIssue(input: CreateIssueInput, by: Principal): Promise<Versioned<IssueModel>> {
    rules.rejectNul(input, 'input');
    const values = checkIssueValues(input, true);
    checkNotOwnPrevious(values, null);
    const editors = rules.checkNames(input.editors ?? [], 'input.editors', CONTENT_LIMITS.editors);
    return runEdit(
      this.dataSource,
      async (m) => {
        await checkFree(m, values, null);
        const keys = Object.keys(values) as Array<keyof typeof COLUMNS>;
        const [row] = await m.query(
          `INSERT INTO issue (${keys.map((k) => COLUMNS[k]).join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
          keys.map((k) => values[k]),
        );
        await replaceEditors(m, row.id, editors);
        await this.journal.issueChanged(m, row, by, { action: 'createIssue', objectType: 'issue', objectId: row.id, details: { slug: row.slug } });
        return issueFromRow(m, row);
      },
      UNIQUE_FIELDS,
    );
  }

  updateIssue(id: string, input: UpdateIssueInput, expectedVersion: number, by: Principal): Promise<Versioned<IssueModel>> {
    rules.rejectNul(input, 'input');
    rules.someField(input);
    const values = checkIssueValues(input, false);
    const given = rules.notNull(input.editors, 'input.editors');
    const editors = given === undefined ? undefined : rules.checkNames(given, 'input.editors', CONTENT_LIMITS.editors);
    return runEdit(
      this.dataSource,
      async (m) => {
        const issue = await lockIssueRow(m, id, 'id', expectedVersion);
        checkNotOwnPrevious(values, issue.slug);
        await checkFree(m, values, issue.id);
        const keys = Object.keys(values) as Array<keyof typeof COLUMNS>;
        const sets = keys.map((k, i) => `${COLUMNS[k]} = $${i + 2}`);
        const [[row]] = await m.query(`UPDATE issue SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING *`, [
          issue.id,
          ...keys.map((k) => values[k]),
        ]);
        if (editors) await replaceEditors(m, issue.id, editors);
        if (row.slug !== issue.slug) await repointSuccessors(m, issue.slug, row.slug);
        await this.journal.issueChanged(m, row, by, { action: 'updateIssue', objectType: 'issue', objectId: issue.id, details: { fields: Object.keys(input) } });
        return issueFromRow(m, row);
      },
      UNIQUE_FIELDS,
    );
  }
}

type Check = (value: any, field: string) => string | number | null;

/** Required fields refuse null; optional ones take blank or null as "clear". */
const ISSUE_RULES: Record<keyof typeof COLUMNS, Check> = {
  slug: (v, f) => rules.checkSlug(rules.notNull(v, f), f),
  number: (v, f) => rules.checkPositiveInt(rules.notNull(v, f), f),
  title: (v, f) => rules.requiredLine(rules.notNull(v, f), f, CONTENT_LIMITS.title),
  period: (v, f) => rules.checkPeriod(rules.notNull(v, f), f),
  publisher: (v, f) => rules.optionalLine(v, f, CONTENT_LIMITS.shortText),
  summary: (v, f) => rules.optionalMarkdown(v, f),
  publishedOn: rules.orNull(rules.checkDate),
  sourceUrl: rules.orNull(rules.checkUrl),
  previous: rules.orNull(rules.checkSlug),
};

/** Validates the fields given (all of them for a new issue); absent fields stay absent. */
function checkIssueValues(input: CreateIssueInput | UpdateIssueInput, isNew: boolean): IssueValues {
  const raw = input as Record<string, unknown>;
  const values: IssueValues = {};
  for (const key of Object.keys(ISSUE_RULES) as Array<keyof typeof COLUMNS>) {
    if (isNew || raw[key] !== undefined) values[key] = ISSUE_RULES[key](raw[key], `input.${key}`);
  }
  return values;
}

function checkNotOwnPrevious(values: IssueValues, currentSlug: string | null): void {
  if (values.previous != null && values.previous === (values.slug ?? currentSlug)) throw badInput('input.previous', 'an issue cannot be its own previous issue');
}

/** Friendly refusals for a taken slug or number; the unique constraints still guard against races. */
async function checkFree(m: EntityManager, values: IssueValues, selfId: string | null): Promise<void> {
  for (const key of ['slug', 'number'] as const) {
    if (values[key] == null) continue;
    const [clash] = await m.query(`SELECT slug FROM issue WHERE ${key} = $1 AND id IS DISTINCT FROM $2`, [values[key], selfId]);
    if (clash) throw badInput(`input.${key}`, `issue ${key} ${values[key]} is already used by issue ${clash.slug}`);
  }
}

async function replaceEditors(m: EntityManager, issueId: string, names: string[]): Promise<void> {
  await m.query(`DELETE FROM issue_contributor WHERE issue_id = $1 AND role = 'EDITOR'`, [issueId]);
  const ids = await upsertContributors(m, names);
  if (ids.length === 0) return;
  await m.query(`INSERT INTO issue_contributor (issue_id, contributor_id, role, position) SELECT $1, id, 'EDITOR', ord - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)`, [issueId, ids]);
}

/** A renamed issue keeps its place in the chain: issues that named the old slug as previous follow it. */
async function repointSuccessors(m: EntityManager, oldSlug: string, newSlug: string): Promise<void> {
  await m.query('UPDATE issue SET previous_slug = $2, version = version + 1, updated_at = now() WHERE previous_slug = $1', [oldSlug, newSlug]);
}
