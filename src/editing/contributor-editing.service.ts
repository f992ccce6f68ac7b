import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/role';
import { badInput, DomainError, ErrorCode } from '../common/errors/domain-error';
import { normalizeName } from '../common/slug';
import { CONTENT_LIMITS } from '../content/authoring-format.types';
import { upsertContributors } from '../content/contributor-upsert';
import { ContributorEntity } from '../contributors/contributor.entity';
import { ContributorModel, toContributorModel } from '../contributors/contributor.model';
import { LockKey } from '../database/advisory-lock';
import { hydrate } from '../database/hydrate';
import { enqueue, OutboxTopic } from '../outbox/outbox';
import { PublishingService } from '../publishing/publishing.service';
import { emitWebhookEvent } from '../webhooks/webhook-events';
import { UpsertContributorInput } from './dto/contributor.inputs';
import { articleObject, EditJournal, issueObject } from './edit-journal';
import { lockIssues } from './edit-locks';
import { retrying, RetryEdit, runEdit } from './edit-transaction';
import * as rules from './input-rules';

interface ContributorRow {
  id: string;
  slug: string;
  name: string;
  affiliation: string | null;
}

@Injectable()
export class ContributorEditingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly journal: EditJournal,
    private readonly publishing: PublishingService,
  ) {}

  /** Finds the contributor by name, creating it when missing; slug changes re-index where they appear. */
  upsertContributor(input: UpsertContributorInput, by: Principal): Promise<ContributorModel> {
    rules.rejectNul(input, 'input');
    const name = checkName(input.name, 'input.name');
    const affiliation = input.affiliation === undefined ? undefined : rules.optionalLine(input.affiliation, 'input.affiliation', CONTENT_LIMITS.shortText);
    const slug = input.slug == null ? undefined : rules.checkSlug(input.slug, 'input.slug');
    return runEdit(
      this.dataSource,
      async (m) => {
        await lockContributors(m);
        const [existing] = await m.query('SELECT id, slug FROM contributor WHERE name = $1 FOR UPDATE', [name]);
        const [id] = existing ? [existing.id as string] : await upsertContributors(m, [name]);
        if (slug) await this.checkSlugFree(m, slug, id);
        const [[row]] = await m.query(
          `UPDATE contributor SET slug = COALESCE($2, slug), affiliation = CASE WHEN $3 THEN $4 ELSE affiliation END,
             version = version + CASE WHEN $5 THEN 1 ELSE 0 END, updated_at = now() WHERE id = $1 RETURNING *`,
          [id, slug ?? null, affiliation !== undefined, affiliation ?? null, Boolean(existing)],
        );
        // Slug and affiliation are public: the change stream and search follow either.
        if (existing) await enqueue(m, OutboxTopic.SEARCH_SYNC_ISSUE, await issuesOf(m, [id]));
        await this.journal.record(m, by, { action: 'upsertContributor', objectType: 'contributor', objectId: id, details: { name, created: !existing } });
        return toModel(m, row);
      },
      { contributor_slug_uq: 'input.slug', contributor_name_uq: 'input.name' },
    );
  }

  /** Checks what PublishingService.renameContributor leaves to the database, so a mistake is never a 500. */
  async renameContributor(slug: string, rawName: string, by: Principal): Promise<ContributorModel> {
    rules.rejectNul(slug, 'slug');
    rules.rejectNul(rawName, 'name');
    const name = checkName(rawName, 'name');
    const [clash] = await this.dataSource.query('SELECT slug FROM contributor WHERE name = $1 AND slug <> $2', [name, slug]);
    if (clash) throw badInput('name', `"${name}" is already contributor ${clash.slug}; use mergeContributors to combine them`);
    await retrying(() => this.publishing.renameContributor(slug, name, by), { contributor_name_uq: 'name' });
    return this.bySlug(slug, 'slug');
  }

  /**
   * Moves every article and issue role of `from` to `into`, keeping the earlier place when both were listed,
   * then deletes `from`. Joins and the versions of the articles and issues whose people changed move together.
   */
  mergeContributors(fromSlug: string, intoSlug: string, by: Principal): Promise<ContributorModel> {
    rules.rejectNul(fromSlug, 'fromSlug');
    rules.rejectNul(intoSlug, 'intoSlug');
    if (fromSlug === intoSlug) throw badInput('intoSlug', 'a contributor cannot be merged into itself');
    return runEdit(this.dataSource, async (m) => {
      // Issue rows before the contributors lock, the order every edit and import takes them in.
      const issueIds = await issuesOf(m, await idsOfSlugs(m, [fromSlug]));
      await lockIssues(m, issueIds);
      await lockContributors(m);
      const from = await this.lockBySlug(m, fromSlug, 'fromSlug');
      const into = await this.lockBySlug(m, intoSlug, 'intoSlug');
      // Nobody adds people without the contributors lock, so this set is final; if it grew meanwhile, start over.
      if ((await issuesOf(m, [from.id])).some((id) => !issueIds.includes(id))) throw new RetryEdit();
      const touchedArticles = await moveJoin(m, 'article_contributor', 'article_id', from.id, into.id);
      const touchedIssues = await moveJoin(m, 'issue_contributor', 'issue_id', from.id, into.id);
      await m.query('DELETE FROM contributor WHERE id = $1', [from.id]);
      const [[row]] = await m.query('UPDATE contributor SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING *', [into.id]);
      await bumpAndAnnounce(m, touchedArticles, touchedIssues);
      await enqueue(m, OutboxTopic.SEARCH_SYNC_ISSUE, issueIds);
      await this.journal.record(m, by, { action: 'mergeContributors', objectType: 'contributor', objectId: into.id, details: { from: from.slug, fromName: from.name, into: into.slug } });
      return toModel(m, row);
    });
  }

  private async checkSlugFree(m: EntityManager, slug: string, selfId: string): Promise<void> {
    const [clash] = await m.query('SELECT name FROM contributor WHERE slug = $1 AND id <> $2', [slug, selfId]);
    if (clash) throw badInput('input.slug', `slug "${slug}" is already used by ${clash.name}`);
  }

  private async lockBySlug(m: EntityManager, slug: string, field: string): Promise<ContributorRow> {
    const [row] = await m.query('SELECT id, slug, name, affiliation FROM contributor WHERE slug = $1 FOR UPDATE', [slug]);
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `no contributor ${slug}`, { field });
    return row;
  }

  private async bySlug(slug: string, field: string): Promise<ContributorModel> {
    const [row] = await this.dataSource.query('SELECT * FROM contributor WHERE slug = $1', [slug]);
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `no contributor ${slug}`, { field });
    return toModel(this.dataSource.manager, row);
  }
}

/** Serialises contributor writes with imports' slug allocation (upsertContributors takes the same lock). */
async function lockContributors(m: EntityManager): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock($1)', [LockKey.CONTRIBUTORS]);
}

async function idsOfSlugs(m: EntityManager, slugs: string[]): Promise<string[]> {
  const rows: Array<{ id: string }> = await m.query('SELECT id FROM contributor WHERE slug = ANY($1)', [slugs]);
  return rows.map((r) => r.id);
}

function checkName(raw: string, field: string): string {
  return rules.requiredLine(normalizeName(raw), field, CONTENT_LIMITS.shortText);
}

function toModel(m: EntityManager, row: Record<string, unknown>): ContributorModel {
  return toContributorModel(hydrate(m.getRepository(ContributorEntity), row));
}

/** Issues a contributor appears in, as author of one of their articles or as editor. */
async function issuesOf(m: EntityManager, contributorIds: string[]): Promise<string[]> {
  const rows: Array<{ issue_id: string }> = await m.query(
    `SELECT a.issue_id FROM article_contributor ac JOIN article a ON a.id = ac.article_id WHERE ac.contributor_id = ANY($1)
     UNION SELECT issue_id FROM issue_contributor WHERE contributor_id = ANY($1)`,
    [contributorIds],
  );
  return rows.map((r) => r.issue_id);
}

/** Repoints one join table from `from` to `into`, deduplicating; returns the owners whose rows changed. */
async function moveJoin(m: EntityManager, table: 'article_contributor' | 'issue_contributor', owner: 'article_id' | 'issue_id', from: string, into: string): Promise<string[]> {
  const owners: Array<{ id: string }> = await m.query(`SELECT DISTINCT ${owner} AS id FROM ${table} WHERE contributor_id = $1`, [from]);
  // Listed as both: `into` keeps the earlier of the two places, and the `from` row goes.
  await m.query(
    `UPDATE ${table} t SET position = LEAST(t.position, f.position) FROM ${table} f
     WHERE f.contributor_id = $1 AND t.contributor_id = $2 AND t.${owner} = f.${owner} AND t.role = f.role`,
    [from, into],
  );
  await m.query(`DELETE FROM ${table} f USING ${table} t WHERE f.contributor_id = $1 AND t.contributor_id = $2 AND t.${owner} = f.${owner} AND t.role = f.role`, [from, into]);
  await m.query(`UPDATE ${table} SET contributor_id = $2 WHERE contributor_id = $1`, [from, into]);
  return owners.map((o) => o.id);
}

/** The people of these articles and issues changed: new versions, and webhook events for the public ones. */
async function bumpAndAnnounce(m: EntityManager, articleIds: string[], issueIds: string[]): Promise<void> {
  const [articles] = await m.query(
    `UPDATE article a SET version = a.version + 1, updated_at = now() FROM issue i WHERE a.id = ANY($1) AND i.id = a.issue_id
     RETURNING a.id, a.number, a.slug, a.title, i.id AS issue_id, i.slug AS issue_slug, i.status`,
    [articleIds],
  );
  for (const a of articles) {
    if (a.status === 'PUBLISHED') await emitWebhookEvent(m, 'article.updated', articleObject({ id: a.issue_id, slug: a.issue_slug }, a));
  }
  const [issues] = await m.query('UPDATE issue SET version = version + 1, updated_at = now() WHERE id = ANY($1) RETURNING id, slug, number, title, status', [issueIds]);
  for (const issue of issues) if (issue.status === 'PUBLISHED') await emitWebhookEvent(m, 'issue.updated', issueObject(issue));
}
