import { LockKey } from '../database/advisory-lock';
import { EntityManager } from 'typeorm';
import { EntityType, mayTouchPublic, PublicEntity, publicContentOf, publicContributors, recordedPublic, touchedContributors } from './public-entities';

/** Held until commit by every transaction that writes change rows, so ids are handed out in commit order. */
export const CHANGES_LOCK_KEY = LockKey.CHANGES;

export type ChangeKind = 'UPSERT' | 'DELETE';

interface PendingChange {
  kind: ChangeKind;
  entity: PublicEntity;
}

// Parents before children for upserts, children before parents for deletes: a mirror can apply them in order.
const UPSERT_ORDER: EntityType[] = ['issue', 'section', 'contributor', 'article', 'reference'];
const DELETE_ORDER: EntityType[] = ['reference', 'article', 'section', 'issue', 'contributor'];

/**
 * Records what these issues' transaction changed in public content: the current public set is diffed against
 * `public_entity` (what the stream last said), giving UPSERTs for new or changed things and DELETE tombstones
 * for things that went away. Runs in the caller's transaction, so the change rows commit with the content.
 */
export async function recordPublicChanges(m: EntityManager, issueIds: string[]): Promise<number> {
  const ids = [...new Set(issueIds)];
  if (ids.length === 0 || !(await mayTouchPublic(m, ids))) return 0;
  // A first diff without the lock: most transactions on public issues change something, the rest stay lock-free.
  if ((await diff(m, ids)).length === 0) return 0;
  await m.query('SELECT pg_advisory_xact_lock($1)', [CHANGES_LOCK_KEY]);
  // Again under the lock: a transaction that committed while we waited may have moved public_entity or shared
  // contributors, and each statement of ours now sees its commit.
  return writeChanges(m, await diff(m, ids));
}

/** For callers already holding CHANGES_LOCK_KEY (the one-time backfill). */
export async function recordPublicChangesLocked(m: EntityManager, issueIds: string[]): Promise<number> {
  return writeChanges(m, await diff(m, [...new Set(issueIds)]));
}

async function diff(m: EntityManager, issueIds: string[]): Promise<PendingChange[]> {
  const contributorIds = await touchedContributors(m, issueIds);
  const now = [...(await publicContentOf(m, issueIds)), ...(await publicContributors(m, contributorIds))];
  const before = new Map((await recordedPublic(m, issueIds, contributorIds)).map((e) => [keyOf(e), e]));
  const changes: PendingChange[] = [];
  for (const entity of now) {
    if (before.get(keyOf(entity))?.content_hash !== entity.content_hash) changes.push({ kind: 'UPSERT', entity });
    before.delete(keyOf(entity));
  }
  for (const entity of before.values()) changes.push({ kind: 'DELETE', entity });
  return sortChanges(changes);
}

export function sortChanges(changes: PendingChange[]): PendingChange[] {
  const rank = (c: PendingChange) => (c.kind === 'DELETE' ? DELETE_ORDER.indexOf(c.entity.entity_type) : 10 + UPSERT_ORDER.indexOf(c.entity.entity_type));
  return [...changes].sort((a, b) => rank(a) - rank(b) || a.entity.entity_id.localeCompare(b.entity.entity_id));
}

async function writeChanges(m: EntityManager, changes: PendingChange[]): Promise<number> {
  if (changes.length === 0) return 0;
  const gone = changes.filter((c) => c.kind === 'DELETE').map((c) => c.entity);
  const kept = changes.filter((c) => c.kind === 'UPSERT').map((c) => c.entity);
  if (gone.length > 0) {
    await m.query('DELETE FROM public_entity WHERE (entity_type, entity_id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))', [
      gone.map((e) => e.entity_type),
      gone.map((e) => e.entity_id),
    ]);
  }
  if (kept.length > 0) {
    await m.query(
      `INSERT INTO public_entity (entity_type, entity_id, issue_id, content_hash) SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[])
       ON CONFLICT (entity_type, entity_id) DO UPDATE SET issue_id = EXCLUDED.issue_id, content_hash = EXCLUDED.content_hash`,
      [kept.map((e) => e.entity_type), kept.map((e) => e.entity_id), kept.map((e) => e.issue_id), kept.map((e) => e.content_hash)],
    );
  }
  // clock_timestamp(), not now(): taken under the lock, so changedAt grows with the id.
  await m.query(
    `INSERT INTO change (kind, entity_type, entity_id, issue_id, changed_at)
     SELECT kind, entity_type, entity_id, issue_id, clock_timestamp()
       FROM unnest($1::text[], $2::text[], $3::uuid[], $4::uuid[]) WITH ORDINALITY AS c(kind, entity_type, entity_id, issue_id, n) ORDER BY n`,
    [changes.map((c) => c.kind), changes.map((c) => c.entity.entity_type), changes.map((c) => c.entity.entity_id), changes.map((c) => c.entity.issue_id)],
  );
  return changes.length;
}

function keyOf(e: Pick<PublicEntity, 'entity_type' | 'entity_id'>): string {
  return `${e.entity_type}:${e.entity_id}`;
}
