import { Logger as NestLogger } from '@nestjs/common';
import { Logger, QueryRunner } from 'typeorm';
import { requestContext } from '../common/request/request-context';

/** Counts SQL statements per request (Server-Timing and the N+1 test rely on it) and logs only problems. */
export class QueryCountingLogger implements Logger {
  private readonly logger = new NestLogger('SQL');

  logQuery(_query: string, _parameters?: unknown[], _runner?: QueryRunner): void {
    const ctx = requestContext.current();
    if (ctx) ctx.sqlStatements++;
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.warn(`${error instanceof Error ? error.message : error} -- ${query.slice(0, 500)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${query.slice(0, 500)}`);
  }

  /** The migrations runner reports what it applied; TypeORM's own chatter is not needed. */
  logSchemaBuild(): void {}

  logMigration(): void {}

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
