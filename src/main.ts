import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { StartupError } from './common/errors/startup-error';
import { loadConfig } from './config/app-config';
import { startDatabase } from './database/database.bootstrap';

async function main(): Promise<void> {
  const logger = new Logger('Bootstrap');
  const config = loadConfig();
  const database = await startDatabase(config);
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: shutting down`);
    await app?.close().catch((e: Error) => logger.error(e.message));
    await database.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    app = await createApp(config, database.url);
    await app.listen(config.port, config.host);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.stop();
    throw error;
  }
  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
  logger.log(`GraphQL at http://${shown}:${config.port}/graphql (${database.embedded ? 'embedded Postgres in ' + config.dataDir : 'DATABASE_URL'})`);
}

main().catch((error: unknown) => {
  const message = error instanceof StartupError ? error.message : (error as Error)?.stack ?? String(error);
  process.stderr.write(`kernel-monthly failed to start: ${message}\n`);
  process.exit(1);
});
