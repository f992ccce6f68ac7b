import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { startDatabase } from '../database/database.bootstrap';
import { dataSourceOptions } from '../database/data-source.options';
import { runMigrations } from '../database/migrations.runner';

/** Runs a command-line task against the same database `npm start` uses, migrated, and always cleans up. */
export async function withDatabase(task: (dataSource: DataSource) => Promise<number>, options = { migrate: true }): Promise<never> {
  let code = 1;
  const config = loadConfig();
  const database = await startDatabase(config);
  const dataSource = new DataSource(dataSourceOptions(database.url, 2));
  try {
    await dataSource.initialize();
    if (options.migrate) await runMigrations(dataSource);
    code = await task(dataSource);
  } catch (error) {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
  process.exit(code);
}
