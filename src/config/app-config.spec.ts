import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: 'development',
      host: '0.0.0.0',
      port: 3000,
      dataDir: resolve('./.data'),
      databaseUrl: undefined,
      dbPoolSize: 10,
      bodyLimitBytes: 3 * 1024 * 1024,
      graphqlMaxDepth: 12,
      graphqlMaxComplexity: 5000,
      seedSample: true,
      serverTiming: true,
      meiliUrl: undefined,
      meiliMasterKey: undefined,
      meiliIndex: 'articles',
      searchTimeoutMs: 2000,
      outboxPollMs: 1000,
      adminToken: undefined,
      previewSecret: undefined,
      schedulerPollMs: 5000,
      webhookTimeoutMs: 5000,
      webhookMaxAttempts: 8,
      webhookAllowPrivate: true,
      authFailuresPerMinute: 10,
      trustProxyHops: 0,
      mirrorFrom: undefined,
      mirrorPollMs: 5000,
      publicBaseUrl: 'http://localhost:3000',
      cacheMaxAge: 60,
      cacheStaleWhileRevalidate: 300,
      corsOrigins: [],
    });
  });

  it('takes MIRROR_FROM as an http(s) origin URL', () => {
    expect(loadConfig({ MIRROR_FROM: 'http://origin:3000/' }).mirrorFrom).toBe('http://origin:3000');
    expect(() => loadConfig({ MIRROR_FROM: 'origin' })).toThrow(/MIRROR_FROM must be an http\(s\) URL/);
  });

  it('reads PUBLIC_BASE_URL as an http(s) URL without its trailing slash', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://kernel.example.org/monthly/' }).publicBaseUrl).toBe('https://kernel.example.org/monthly');
    expect(configError({ PUBLIC_BASE_URL: 'ftp://x' }).problems).toEqual(['PUBLIC_BASE_URL must be an http(s) URL (got "ftp://x")']);
    expect(configError({ PUBLIC_BASE_URL: 'https://x.org/?a=1' }).problems).toEqual(['PUBLIC_BASE_URL must not have a query or fragment']);
  });

  it('reads cache lifetimes in seconds', () => {
    expect(loadConfig({ CACHE_MAX_AGE: '0', CACHE_SWR: '86400' })).toMatchObject({ cacheMaxAge: 0, cacheStaleWhileRevalidate: 86400 });
    expect(configError({ CACHE_MAX_AGE: '-1', CACHE_SWR: 'soon' }).problems).toEqual([
      'CACHE_MAX_AGE must be an integer from 0 to 31536000 (got "-1")',
      'CACHE_SWR must be an integer from 0 to 31536000 (got "soon")',
    ]);
  });

  it('reads CORS_ORIGINS as a list of origins or *', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).corsOrigins).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(loadConfig({ CORS_ORIGINS: ' * ' }).corsOrigins).toEqual(['*']);
    expect(configError({ CORS_ORIGINS: 'https://a.example/path,example.org,*' }).problems).toEqual([
      'CORS_ORIGINS must be * or comma-separated origins like https://example.org (bad: https://a.example/path, example.org, *)',
    ]);
  });

  it('refuses an ADMIN_TOKEN or PREVIEW_SECRET shorter than 32 characters', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'short', PREVIEW_SECRET: 'x'.repeat(31) })).toThrow(
      /ADMIN_TOKEN must be at least 32 characters[\s\S]*PREVIEW_SECRET must be at least 32 characters/,
    );
    expect(loadConfig({ ADMIN_TOKEN: 'a'.repeat(32) }).adminToken).toBe('a'.repeat(32));
  });

  it('refuses private webhook targets by default in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).webhookAllowPrivate).toBe(false);
  });

  it('needs MEILI_MASTER_KEY of at least 16 bytes with MEILI_URL, and refuses it without', () => {
    expect(() => loadConfig({ MEILI_URL: 'http://meili:7700' })).toThrow(/MEILI_MASTER_KEY must be set, at least 16 bytes/);
    expect(() => loadConfig({ MEILI_URL: 'http://meili:7700', MEILI_MASTER_KEY: 'short' })).toThrow(/at least 16 bytes/);
    expect(() => loadConfig({ MEILI_MASTER_KEY: 'x'.repeat(20) })).toThrow(/only used with MEILI_URL/);
    expect(() => loadConfig({ MEILI_URL: 'ftp://x' , MEILI_MASTER_KEY: 'x'.repeat(20)})).toThrow(/MEILI_URL must be an http\(s\) URL/);
    expect(loadConfig({ MEILI_URL: 'http://meili:7700/', MEILI_MASTER_KEY: 'x'.repeat(20) })).toMatchObject({ meiliUrl: 'http://meili:7700' });
  });

  it('caps the search timeout at 2 s, so an outage always fails fast', () => {
    expect(() => loadConfig({ SEARCH_TIMEOUT_MS: '5000' })).toThrow(/SEARCH_TIMEOUT_MS must be an integer from 100 to 2000/);
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ PORT: '  ', NODE_ENV: '' })).toMatchObject({ port: 3000, nodeEnv: 'development' });
  });

  it('reads valid values, trimming spaces', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: ' 8080 ',
      DATA_DIR: '/var/lib/monthly',
      DB_POOL_SIZE: '20',
      GRAPHQL_MAX_DEPTH: '8',
      SEED_SAMPLE: 'No',
    });
    expect(config).toMatchObject({ nodeEnv: 'production', host: '127.0.0.1', port: 8080, dataDir: '/var/lib/monthly', dbPoolSize: 20, graphqlMaxDepth: 8, seedSample: false });
  });

  it('resolves a relative DATA_DIR against the working directory', () => {
    expect(loadConfig({ DATA_DIR: 'data/x' }).dataDir).toBe(resolve(process.cwd(), 'data/x'));
  });

  it('turns server timing off by default in production only', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).serverTiming).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).serverTiming).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', SERVER_TIMING: 'on' }).serverTiming).toBe(true);
  });

  it.each(['postgres://u:p@db:5432/monthly', 'postgresql://u:p@localhost/monthly'])('accepts DATABASE_URL %s', (url) => {
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it.each([
    ['1', true],
    ['TRUE', true],
    ['yes', true],
    ['on', true],
    ['0', false],
    ['false', false],
    ['off', false],
  ])('reads SEED_SAMPLE=%s as %p', (value, expected) => {
    expect(loadConfig({ SEED_SAMPLE: value }).seedSample).toBe(expected);
  });

  it('lists every bad variable in one ConfigError', () => {
    const error = configError({ PORT: 'abc', DATABASE_URL: 'mysql://x', NODE_ENV: 'staging', SEED_SAMPLE: 'maybe' });
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toHaveLength(4);
    for (const name of ['PORT', 'DATABASE_URL', 'NODE_ENV', 'SEED_SAMPLE']) {
      expect(error.problems.filter((p) => p.startsWith(`${name} `))).toHaveLength(1);
      expect(error.message).toContain(`  - ${name} `);
    }
    expect(error.problems).toContain('PORT must be an integer from 0 to 65535 (got "abc")');
    expect(error.problems).toContain('NODE_ENV must be one of development, production, test (got "staging")');
    expect(error.problems).toContain('SEED_SAMPLE must be true or false (got "maybe")');
  });

  it.each([
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '3e3'],
    ['PORT', '80.5'],
    ['DB_POOL_SIZE', '0'],
    ['GRAPHQL_MAX_DEPTH', '51'],
    ['BODY_LIMIT_BYTES', '10'],
    ['GRAPHQL_MAX_COMPLEXITY', '9'],
    ['SERVER_TIMING', 'sometimes'],
    ['NODE_ENV', 'Production'],
    ['DATABASE_URL', 'postgres://'],
    ['DATABASE_URL', 'not a url'],
  ])('rejects %s=%s', (name, value) => {
    const error = configError({ [name]: value });
    expect(error.problems).toEqual([expect.stringMatching(new RegExp(`^${name} `))]);
  });

  it('does not echo a rejected DATABASE_URL, which may hold a password', () => {
    const error = configError({ DATABASE_URL: 'mysql://user:s3cret@db/x' });
    expect(error.message).not.toContain('s3cret');
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});
