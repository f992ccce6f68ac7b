import { EntityManager } from 'typeorm';
import { badInput } from '../common/errors/domain-error';
import { slugify, uniqueSlug } from '../common/slug';
import { CONTENT_LIMITS } from '../content/authoring-format.types';
import { upsertContributors } from '../content/contributor-upsert';
import { inferReference } from '../references/reference-kind';
import { ReferenceInput } from './dto/article.inputs';
import * as rules from './input-rules';

// Checks and writes shared by the article mutations; each runs under the issue lock its caller holds.

export const ARTICLE_UNIQUE_FIELDS = { article_issue_id_slug_uq: 'input.slug' };

export async function checkNumberFree(m: EntityManager, issueId: string, number: string, selfId: string | null): Promise<void> {
  // No constraint backs this (imports may hold duplicates, which publishIssue refuses), so the issue lock does.
  const [clash] = await m.query('SELECT slug FROM article WHERE issue_id = $1 AND number = $2 AND id IS DISTINCT FROM $3', [issueId, number, selfId]);
  if (clash) throw badInput('input.number', `article number ${number} is already used in this issue (by ${clash.slug})`);
}

export async function checkSlugFree(m: EntityManager, issueId: string, slug: string, selfId: string | null): Promise<void> {
  const [clash] = await m.query('SELECT number FROM article WHERE issue_id = $1 AND slug = $2 AND id IS DISTINCT FROM $3', [issueId, slug, selfId]);
  if (clash) throw badInput('input.slug', `article slug "${slug}" is already used in this issue (by article ${clash.number})`);
}

/** Like the importer: the title's slug, or `article-N-M` for a title without letters, with -2, -3… when taken. */
export async function slugForTitle(m: EntityManager, issueId: string, title: string, number: string): Promise<string> {
  const base = slugify(title) || `article-${number.replace('.', '-')}`;
  const taken: Array<{ slug: string }> = await m.query('SELECT slug FROM article WHERE issue_id = $1 AND (slug = $2 OR slug LIKE $3)', [issueId, base, `${base}-%`]);
  return uniqueSlug(base, new Set(taken.map((t) => t.slug)));
}

export async function replaceAuthors(m: EntityManager, articleId: string, names: string[]): Promise<void> {
  await m.query(`DELETE FROM article_contributor WHERE article_id = $1 AND role = 'AUTHOR'`, [articleId]);
  const ids = await upsertContributors(m, names);
  if (ids.length === 0) return;
  await m.query(`INSERT INTO article_contributor (article_id, contributor_id, role, position) SELECT $1, id, 'AUTHOR', ord - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)`, [articleId, ids]);
}

export interface CheckedReference {
  label: string;
  url: string | null;
  title: string | null;
}

/** The `[label]: url "title"` rules: unique labels, http(s) URLs, bounded lengths and count. */
export function checkReferences(references: ReferenceInput[], field = 'references'): CheckedReference[] {
  rules.rejectNul(references, field);
  if (references.length > CONTENT_LIMITS.referencesPerArticle) throw badInput(field, `at most ${CONTENT_LIMITS.referencesPerArticle} references`);
  const seen = new Set<string>();
  return references.map((ref, i) => {
    const at = `${field}[${i}]`;
    const label = rules.checkLabel(ref.label, `${at}.label`);
    if (seen.has(label)) throw badInput(`${at}.label`, `reference label [${label}] is used twice`);
    seen.add(label);
    const url = ref.url == null || ref.url.trim() === '' ? null : rules.checkUrl(ref.url, `${at}.url`);
    return { label, url, title: rules.optionalLine(ref.title, `${at}.title`, CONTENT_LIMITS.title) };
  });
}

export async function replaceReferences(m: EntityManager, articleId: string, references: CheckedReference[]): Promise<void> {
  await m.query('DELETE FROM reference WHERE article_id = $1', [articleId]);
  if (references.length === 0) return;
  const inferred = references.map((r) => inferReference(r.url));
  await m.query(
    `INSERT INTO reference (article_id, position, label, url, title, kind, external_id)
     SELECT $1, ord - 1, label, url, title, kind, external_id FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS t(label, url, title, kind, external_id, ord)`,
    [articleId, references.map((r) => r.label), references.map((r) => r.url), references.map((r) => r.title), inferred.map((r) => r.kind), inferred.map((r) => r.externalId)],
  );
}

/** Ids of a section's articles in reading order, leaving out `exceptId`. */
export async function orderedArticleIds(m: EntityManager, sectionId: string, exceptId: string | null = null): Promise<string[]> {
  const rows: Array<{ id: string }> = await m.query('SELECT id FROM article WHERE section_id = $1 AND id IS DISTINCT FROM $2 ORDER BY position, number', [sectionId, exceptId]);
  return rows.map((r) => r.id);
}

/** Positions become 0..n-1 in the given order; the (section, position) constraint is deferred, so swaps pass. */
export async function renumber(m: EntityManager, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await m.query('UPDATE article a SET position = t.ord - 1 FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord) WHERE a.id = t.id AND a.position <> t.ord - 1', [ids]);
}

export function checkPosition(position: number, field: string, max: number): number {
  if (!Number.isInteger(position) || position < 0 || position > max) throw badInput(field, `${field} must be from 0 to ${max}`);
  return position;
}
