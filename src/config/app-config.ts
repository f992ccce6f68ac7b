import { resolve } from 'node:path';
import { StartupError } from '../common/errors/startup-error';

export type NodeEnv = 'development' | 'production' | 'test';

/** The one validated configuration object; built once at boot from the environment. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  dataDir: string;
  /** Unset means: run the embedded Postgres under `dataDir/postgres`. */
  databaseUrl?: string;
  dbPoolSize: number;
  bodyLimitBytes: number;
  graphqlMaxDepth: number;
  graphqlMaxComplexity: number;
  seedSample: boolean;
  serverTiming: boolean;
  /** Unset means: run the embedded Meilisearch under `dataDir/meili`. */
  meiliUrl?: string;
  meiliMasterKey?: string;
  meiliIndex: string;
  searchTimeoutMs: number;
  outboxPollMs: number;
  /** The bootstrap administrator token; unset means one is generated in `dataDir/admin.token`. */
  adminToken?: string;
  /** Signs preview links; unset means one is generated in `dataDir/preview.secret`. */
  previewSecret?: string;
  schedulerPollMs: number;
  webhookTimeoutMs: number;
  webhookMaxAttempts: number;
  /** Allow webhook targets on loopback and private networks (tests, single-host setups). */
  webhookAllowPrivate: boolean;
  authFailuresPerMinute: number;
  /** Express `trust proxy`: how many proxies to trust for the client address (rate limiting, logs). */
  trustProxyHops: number;
  /** Set: this instance is a read-only mirror of that origin URL. */
  mirrorFrom?: string;
  mirrorPollMs: number;
  /** Where readers find the front end; feeds and the sitemap build absolute links from it (no trailing slash). */
  publicBaseUrl: string;
  /** `max-age` and `stale-while-revalidate` (seconds) of anonymous reads of published content. */
  cacheMaxAge: number;
  cacheStaleWhileRevalidate: number;
  /** Origins allowed by CORS: empty sends no CORS headers, `['*']` allows any origin. */
  corsOrigins: string[];
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends StartupError {
  override name = 'ConfigError';

  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${value}")`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    this.problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
      return fallback;
    }
    return value as T;
  }

  httpUrl(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      const url = new URL(value);
      if (url.protocol === 'http:' || url.protocol === 'https:') return value.replace(/\/+$/, '');
    } catch {
      // reported below
    }
    this.problems.push(`${name} must be an http(s) URL (got "${value}")`);
    return undefined;
  }

  secret(name: string, minLength: number): string | undefined {
    const value = this.raw(name);
    if (value !== undefined && value.length < minLength) this.problems.push(`${name} must be at least ${minLength} characters`);
    return value;
  }

  pattern(name: string, re: RegExp, what: string, fallback: string): string {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!re.test(value)) this.problems.push(`${name} must be ${what} (got "${value}")`);
    return value;
  }

  /** Comma-separated http(s) origins (scheme, host, port; no path), or `*` alone. */
  origins(name: string): string[] {
    const value = this.raw(name);
    if (value === undefined) return [];
    const items = value.split(',').map((o) => o.trim()).filter((o) => o !== '');
    if (items.length === 1 && items[0] === '*') return ['*'];
    const bad = items.filter((o) => !isOrigin(o));
    if (bad.length > 0) this.problems.push(`${name} must be * or comma-separated origins like https://example.org (bad: ${bad.join(', ')})`);
    return items.filter((o) => isOrigin(o));
  }

  postgresUrl(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      const url = new URL(value);
      if (!['postgres:', 'postgresql:'].includes(url.protocol)) throw new Error('protocol');
      if (!url.hostname) throw new Error('host');
    } catch {
      this.problems.push(`${name} must be a postgres://user:password@host:port/database URL`);
      return undefined;
    }
    return value;
  }
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

const DAY_SECONDS = 86_400;
const MEBIBYTE = 1024 * 1024;

/** Validates every variable and throws one error listing all problems, so a bad deploy fails at boot. */
export function loadConfig(env: Env = process.env): AppConfig {
  const r = new Reader(env);
  const nodeEnv = r.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const config: AppConfig = {
    nodeEnv,
    host: r.raw('HOST') ?? '0.0.0.0',
    port: r.int('PORT', 3000, 0, 65535),
    dataDir: resolve(r.raw('DATA_DIR') ?? './.data'),
    databaseUrl: r.postgresUrl('DATABASE_URL'),
    dbPoolSize: r.int('DB_POOL_SIZE', 10, 1, 200),
    bodyLimitBytes: r.int('BODY_LIMIT_BYTES', 3 * MEBIBYTE, 1024, 64 * MEBIBYTE),
    graphqlMaxDepth: r.int('GRAPHQL_MAX_DEPTH', 12, 2, 50),
    graphqlMaxComplexity: r.int('GRAPHQL_MAX_COMPLEXITY', 5000, 10, 1_000_000),
    seedSample: r.bool('SEED_SAMPLE', true),
    serverTiming: r.bool('SERVER_TIMING', nodeEnv !== 'production'),
    meiliUrl: r.httpUrl('MEILI_URL'),
    meiliMasterKey: r.raw('MEILI_MASTER_KEY'),
    meiliIndex: r.pattern('MEILI_INDEX', /^[a-zA-Z0-9_-]{1,200}$/, 'letters, digits, - and _', 'articles'),
    searchTimeoutMs: r.int('SEARCH_TIMEOUT_MS', 2000, 100, 2000),
    outboxPollMs: r.int('OUTBOX_POLL_MS', 1000, 50, 60_000),
    adminToken: r.secret('ADMIN_TOKEN', 32),
    previewSecret: r.secret('PREVIEW_SECRET', 32),
    schedulerPollMs: r.int('SCHEDULER_POLL_MS', 5000, 50, 600_000),
    webhookTimeoutMs: r.int('WEBHOOK_TIMEOUT_MS', 5000, 100, 60_000),
    webhookMaxAttempts: r.int('WEBHOOK_MAX_ATTEMPTS', 8, 1, 50),
    webhookAllowPrivate: r.bool('WEBHOOK_ALLOW_PRIVATE', nodeEnv !== 'production'),
    authFailuresPerMinute: r.int('AUTH_FAILURES_PER_MINUTE', 10, 1, 10_000),
    trustProxyHops: r.int('TRUST_PROXY_HOPS', 0, 0, 10),
    mirrorFrom: r.httpUrl('MIRROR_FROM'),
    mirrorPollMs: r.int('MIRROR_POLL_MS', 5000, 50, 3_600_000),
    publicBaseUrl: r.httpUrl('PUBLIC_BASE_URL') ?? 'http://localhost:3000',
    cacheMaxAge: r.int('CACHE_MAX_AGE', 60, 0, 365 * DAY_SECONDS),
    cacheStaleWhileRevalidate: r.int('CACHE_SWR', 300, 0, 365 * DAY_SECONDS),
    corsOrigins: r.origins('CORS_ORIGINS'),
  };
  if (/[?#]/.test(config.publicBaseUrl)) r.problems.push('PUBLIC_BASE_URL must not have a query or fragment');
  if (config.meiliUrl && (config.meiliMasterKey?.length ?? 0) < 16) r.problems.push('MEILI_MASTER_KEY must be set, at least 16 bytes, when MEILI_URL is set');
  if (!config.meiliUrl && config.meiliMasterKey) r.problems.push('MEILI_MASTER_KEY is only used with MEILI_URL; the embedded Meilisearch makes its own key');
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return Object.freeze(config);
}
