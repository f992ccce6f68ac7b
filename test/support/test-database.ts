import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { IssueImporter } from '../../src/content/issue-importer.service';
import { dataSourceOptions } from '../../src/database/data-source.options';
import { testDatabaseUrl } from './test-state';

/** A real connection to the test Postgres, plus the importer on top of it, for integration specs. */
export async function openTestDatabase(): Promise<{ dataSource: DataSource; importer: IssueImporter }> {
  const dataSource = new DataSource(dataSourceOptions(testDatabaseUrl(), 4));
  await dataSource.initialize();
  return { dataSource, importer: new IssueImporter(dataSource) };
}
