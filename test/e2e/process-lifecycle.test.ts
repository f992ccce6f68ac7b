import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/common/free-port';
import { issueMarkdown } from '../support/factories';

const ROOT = join(__dirname, '..', '..');

/** `npm start` as a newcomer runs it: the built service in its own process, with the embedded Postgres. */
describe('the service process (npm start)', () => {
  let dataDir: string;

  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-if-needed.js')], { cwd: ROOT, stdio: 'pipe' });
    dataDir = mkdtempSync(join(tmpdir(), 'kernel-monthly-start-'));
    chmodSync(dataDir, 0o755);
  }, 180_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function start(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c));
    child.stderr!.on('data', (c: Buffer) => (output += c));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, output: () => output, exited };
  }

  async function untilReady(port: number, proc: { output: () => string }): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const ok = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`not ready in time:\n${proc.output()}`);
  }

  async function issues(port: number): Promise<unknown[]> {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ issues { edges { node { slug articleCount editors { name } } } } }' }),
    });
    const body = (await res.json()) as { data: { issues: { edges: Array<{ node: unknown }> } } };
    return body.data.issues.edges.map((e) => e.node);
  }

  /** Postgres and Meilisearch processes still running on our data dir. */
  const postgresOnDataDir = () =>
    readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
          return cmd.includes(join(dataDir, 'postgres')) || cmd.includes(join(dataDir, 'meili'));
        } catch {
          return false;
        }
      });

  const SAMPLE = { slug: '2020-07', articleCount: 14, editors: [{ name: '陈玮' }, { name: '张健' }, { name: '廖威雄' }] };

  async function searchTlbi(port: number): Promise<{ number: string; snippet: string } | undefined> {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ search(query: "TLBI RANGE") { hits { article { number issue { slug } } highlights { snippet } } } }' }),
    });
    const hit = ((await res.json()) as any).data?.search?.hits?.[0];
    return hit && { number: `${hit.article.issue.slug}/${hit.article.number}`, snippet: hit.highlights.snippet };
  }

  it('serves the sample issue and finds it by search, stops cleanly on SIGTERM and SIGINT, and keeps its data across restarts', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const port = await freePort();
      const proc = start({ DATA_DIR: dataDir, PORT: String(port) });
      await untilReady(port, proc);
      expect(await issues(port)).toEqual([SAMPLE]);
      let first: Awaited<ReturnType<typeof searchTlbi>>;
      for (const deadline = Date.now() + 30_000; !(first = await searchTlbi(port)) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 200));
      expect(first).toEqual({ number: '2020-07/3.1', snippet: expect.stringContaining('<mark>TLBI RANGE</mark>') });
      proc.child.kill(signal);
      expect(await proc.exited).toBe(0);
      expect(postgresOnDataDir()).toEqual([]);
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    }
  }, 120_000);

  it('recovers after being killed: the orphaned Postgres is stopped and the data is intact', async () => {
    const port = await freePort();
    const killed = start({ DATA_DIR: dataDir, PORT: String(port) });
    await untilReady(port, killed);
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(postgresOnDataDir().length).toBeGreaterThan(0);
    const again = start({ DATA_DIR: dataDir, PORT: String(port) });
    await untilReady(port, again);
    expect(await issues(port)).toEqual([SAMPLE]);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    expect(postgresOnDataDir()).toEqual([]);
  }, 120_000);

  it('content:import shares the running service\'s embedded Postgres and reports errors by line', async () => {
    const port = await freePort();
    const service = start({ DATA_DIR: dataDir, PORT: String(port) });
    await untilReady(port, service);
    const file = join(dataDir, 'extra.md');
    const { markdown, slug } = issueMarkdown();
    writeFileSync(file, markdown);
    const cli = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'import.cli.js'), ...args], { cwd: ROOT, env: { PATH: process.env.PATH, DATA_DIR: dataDir }, encoding: 'utf8' });
    const ok = cli([file, '--publish']);
    expect([ok.status, ok.stdout]).toEqual([0, expect.stringContaining(`imported issue ${slug} as PUBLISHED`)]);
    writeFileSync(file, markdown.replace('period: 2021-01', 'period: 2021-1'));
    const bad = cli([file]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('error line 5: period must be YYYY-MM');
    // The service still runs on the shared server after both CLI runs ended.
    expect((await issues(port)).map((i) => (i as { slug: string }).slug)).toEqual(expect.arrayContaining([slug, '2020-07']));
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(postgresOnDataDir()).toEqual([]);
  }, 120_000);

  it('refuses to boot on bad configuration, naming every bad variable', async () => {
    const proc = start({ DATA_DIR: dataDir, PORT: 'eighty', NODE_ENV: 'staging', DB_POOL_SIZE: '0' });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toContain('PORT must be an integer from 0 to 65535 (got "eighty")');
    expect(proc.output()).toContain('NODE_ENV must be one of development, production, test (got "staging")');
    expect(proc.output()).toContain('DB_POOL_SIZE must be an integer from 1 to 200 (got "0")');
    expect(postgresOnDataDir()).toEqual([]);
  });

  it('fails fast with a clear message when DATABASE_URL is unreachable', async () => {
    const proc = start({ DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db', PORT: String(await freePort()) });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toContain('Cannot reach the Postgres server in DATABASE_URL (127.0.0.1:1/db)');
    expect(proc.output()).not.toMatch(/\n\s+at /);
  });
});
