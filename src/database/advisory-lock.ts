import { DataSource } from 'typeorm';

/** Fixed keys so every instance on one database agrees on them. */
export const LockKey = {
  MIGRATIONS: 74_201_001,
  CONTRIBUTORS: 74_201_002,
  IMPORT: 74_201_003,
  SEARCH_SYNC: 74_201_004,
  /** Held from a transaction's first public change until commit, so change ids appear in commit order. */
  CHANGES: 74_201_005,
} as const;

/** Runs `fn` while holding a session-level Postgres advisory lock, so concurrent instances take turns. */
export async function withAdvisoryLock<T>(dataSource: DataSource, key: number, fn: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await fn();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await runner.release();
  }
}
