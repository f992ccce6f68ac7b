import { ObjectLiteral, Repository } from 'typeorm';

/** Maps a raw snake_case row to its entity with TypeORM's own type conversions (dates, arrays). */
export function hydrate<T extends ObjectLiteral>(repo: Repository<T>, row: Record<string, unknown>): T {
  const entity = repo.create();
  const driver = repo.manager.connection.driver;
  for (const column of repo.metadata.columns) {
    if (column.databaseName in row) {
      (entity as Record<string, unknown>)[column.propertyName] = driver.prepareHydratedValue(row[column.databaseName], column);
    }
  }
  return entity;
}
