import { LockKey, withAdvisoryLock } from '../database/advisory-lock';
import { runMigrations } from '../database/migrations.runner';
import { withDatabase } from './cli-runtime';

const command = process.argv[2];
if (command !== 'up' && command !== 'down') {
  process.stderr.write('usage: npm run migration:run | npm run migration:revert\n');
  process.exit(2);
}

// Same lock as startup, so a revert never interleaves with an instance that is migrating.
void withDatabase(
  async (dataSource) => {
    if (command === 'up') {
      const applied = await runMigrations(dataSource);
      process.stdout.write(applied.length ? `applied ${applied.join(', ')}\n` : 'nothing to apply\n');
    } else {
      await withAdvisoryLock(dataSource, LockKey.MIGRATIONS, () => dataSource.undoLastMigration({ transaction: 'all' }));
      process.stdout.write('reverted the last migration\n');
    }
    return 0;
  },
  { migrate: false },
);
