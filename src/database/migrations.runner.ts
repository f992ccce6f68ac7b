import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LockKey, withAdvisoryLock } from './advisory-lock';

/** Applies pending migrations in one transaction, under the migrations advisory lock. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await withAdvisoryLock(dataSource, LockKey.MIGRATIONS, () => dataSource.runMigrations({ transaction: 'all' }));
  const names = applied.map((m) => m.name);
  if (names.length > 0) new Logger('Migrations').log(`applied ${names.join(', ')}`);
  return names;
}
