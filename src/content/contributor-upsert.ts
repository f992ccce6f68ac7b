import { EntityManager, In } from 'typeorm';
import { normalizeName, slugify, uniqueSlug } from '../common/slug';
import { ContributorEntity } from '../contributors/contributor.entity';
import { LockKey } from '../database/advisory-lock';

/** Returns contributor ids for `names` in order, creating missing ones; one row per written name. */
export async function upsertContributors(manager: EntityManager, rawNames: string[]): Promise<string[]> {
  const names = rawNames.map(normalizeName);
  if (names.length === 0) return [];
  // Serialises slug allocation between concurrent imports.
  await manager.query('SELECT pg_advisory_xact_lock($1)', [LockKey.CONTRIBUTORS]);
  const repo = manager.getRepository(ContributorEntity);
  const existing = await repo.findBy({ name: In([...new Set(names)]) });
  const byName = new Map(existing.map((c) => [c.name, c.id]));
  for (const name of names) {
    if (byName.has(name)) continue;
    const base = slugify(name) || 'contributor';
    const taken = await repo.createQueryBuilder('c').select('c.slug', 'slug').where('c.slug = :base OR c.slug LIKE :prefix', { base, prefix: `${base}-%` }).getRawMany<{ slug: string }>();
    const created = await repo.save(repo.create({ name, slug: uniqueSlug(base, new Set(taken.map((t) => t.slug))) }));
    byName.set(name, created.id);
  }
  return names.map((n) => byName.get(n)!);
}
