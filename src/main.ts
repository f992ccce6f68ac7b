import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { StartupError } from './common/errors/startup-error';
import { loadConfig } from './config/app-config';
import { startDatabase } from './database/database.bootstrap';
import { startSearch } from './search/search.bootstrap';

async function main(): Promise<void> {
  const logger = new Logger('Bootstrap');
  const config = loadConfig();
  const database = await startDatabase(config);
  const search = await startSearch(config).catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: shutting down`);
    await app?.close().catch((e: Error) => logger.error(e.message));
    await search.stop();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    app = await createApp(config, { databaseUrl: database.url, meili: search });
    await app.listen(config.port, config.host);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await search.stop();
    await database.stop();
    throw error;
  }
  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
  logger.log(`GraphQL at http://${shown}:${config.port}/graphql (Postgres: ${database.embedded ? 'embedded' : 'DATABASE_URL'}, Meilisearch: ${search.embedded ? 'embedded' : 'MEILI_URL'}, data in ${config.dataDir})`);
}

main().catch((error: unknown) => {
  const message = error instanceof StartupError ? error.message : (error as Error)?.stack ?? String(error);
  process.stderr.write(`kernel-monthly failed to start: ${message}\n`);
  process.exit(1);
});
