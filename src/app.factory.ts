import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import express, { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { requestContext } from './common/request/request-context';
import { AppConfig } from './config/app-config';
import { SampleSeeder } from './content/sample.seeder';
import { conditionalGet } from './http-cache/cache-headers.middleware';
import { corsOptions } from './http-cache/cors';
import { runMigrations } from './database/migrations.runner';
import type { MeiliEndpoint } from './search/embedded-meilisearch.runner';

export interface CreateAppOptions {
  /** Load the sample issue when the database is empty (npm start does; tests choose). */
  seedSample?: boolean;
}

/** Builds the HTTP app, applies migrations under the advisory lock and seeds; the caller listens. */
export async function createApp(config: AppConfig, services: { databaseUrl: string; meili: MeiliEndpoint }, options: CreateAppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, services.databaseUrl, services.meili), {
    bodyParser: false,
    logger: config.nodeEnv === 'test' ? ['error', 'warn'] : ['error', 'warn', 'log'],
  });
  // Behind a reverse proxy, the client address comes from X-Forwarded-For; otherwise every client is the proxy.
  if (config.trustProxyHops > 0) app.set('trust proxy', config.trustProxyHops);
  app.use(withRequestContext);
  // ETags come only from http-cache, which knows what may be cached; Express's own would tag private answers too.
  app.set('etag', false);
  const cors = corsOptions(config.corsOrigins);
  if (cors) app.enableCors(cors);
  app.use('/graphql', conditionalGet());
  app.use(express.json({ limit: config.bodyLimitBytes }));
  app.use(bodyErrors(config.bodyLimitBytes));
  await runMigrations(app.get(DataSource));
  // A mirror's content comes only from its origin.
  if ((options.seedSample ?? config.seedSample) && !config.mirrorFrom) await app.get(SampleSeeder).seedIfEmpty();
  return app;
}

function withRequestContext(req: Request, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  const requestId = given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', requestId);
  requestContext.run(() => next(), requestId);
}

/** Body-parser failures answer in GraphQL's error shape, never with Express's HTML stack page. */
function bodyErrors(limit: number) {
  const logger = new Logger('HTTP');
  return (err: Error & { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction): void => {
    if (!err) return next();
    const tooLarge = err.type === 'entity.too.large';
    const status = tooLarge ? 413 : (err.status ?? 400) < 500 ? (err.status ?? 400) : 400;
    const message = tooLarge ? `request body exceeds the limit of ${limit} bytes` : 'request body is not valid JSON';
    if (!tooLarge && err.type !== 'entity.parse.failed') logger.warn(`rejected request body: ${err.message}`);
    res.status(status).json({ errors: [{ message, extensions: { code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' } }] });
  };
}
