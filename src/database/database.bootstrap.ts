import { join } from 'node:path';
import { Client } from 'pg';
import { StartupError } from '../common/errors/startup-error';
import { AppConfig } from '../config/app-config';
import { EmbeddedPostgres } from './embedded-postgres.runner';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

const EMBEDDED_DATABASE = 'kernel_monthly';

/** External Postgres when DATABASE_URL is set (checked now, to fail fast); otherwise the embedded one. */
export async function startDatabase(config: AppConfig): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    await assertReachable(config.databaseUrl);
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const postgres = new EmbeddedPostgres(join(config.dataDir, 'postgres'));
  try {
    const url = await postgres.start(EMBEDDED_DATABASE);
    return { url, embedded: true, stop: () => postgres.stop() };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}

export async function assertReachable(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const target = new URL(url);
    throw new StartupError(`Cannot reach the Postgres server in DATABASE_URL (${target.hostname}:${target.port || 5432}${target.pathname}): ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
