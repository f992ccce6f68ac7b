import { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import { entities } from './entities';
import { QueryCountingLogger } from './query-logger';

export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'typeorm_migration',
    synchronize: false,
    installExtensions: false, // ids use gen_random_uuid(), built into Postgres 13+
    migrationsRun: false,
    logger: new QueryCountingLogger(),
    maxQueryExecutionTime: 1000,
    extra: { max: poolSize, connectionTimeoutMillis: 5000, application_name: 'kernel-monthly' },
  };
}
