/**
 * Read benchmark: the full issue tree of the sample issue through the GraphQL service, against a
 * raw-SQL floor (bench/baseline-server.ts) that builds the same JSON in one statement.
 *
 *   npm run bench:read                      # 10 connections, 10 s per target
 *   BENCH_CONNECTIONS=20 BENCH_DURATION=30 npm run bench:read
 *
 * It starts its own world: Postgres (DATABASE_URL, else embedded under $DATA_DIR, default ./.data/bench
 * so it never fights `npm start` for ./.data), then both servers as child processes, and always tears
 * all of it down again, also on errors and Ctrl-C.
 */
import { positiveIntFromEnv, progress, runBench } from './bench-runner';
import { Cleanup } from './cleanup';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config/app-config';
import { startDatabase } from '../src/database/database.bootstrap';
import { freePort } from '../src/common/free-port';
import { ChildServer, startChildServer, stopChildServer, waitUntilReady } from './child-server';
import { diffPaths } from './data-diff';

const ROOT = join(__dirname, '..', '..');
const SLUG = '2020-07';
const TREE_QUERY =
  'query Tree($slug: String!) { issue(slug: $slug) { id slug number title period publisher publishedOn editors { slug name } ' +
  'sections { number title articles { number slug title body tags authors { slug name } references { label url title kind externalId } } } } }';
const REQUEST_BODY = JSON.stringify({ query: TREE_QUERY, variables: { slug: SLUG } });
const REQUEST_HEADERS = { 'content-type': 'application/json' };
const WARMUP_SECONDS = 2;
// The first run on a fresh clone runs migrations and imports the sample issue before /ready says 200.
const READY_TIMEOUT_MS = 120_000;

interface Settings {
  connections: number;
  duration: number;
}

interface Measured {
  name: string;
  result: autocannon.Result;
  sqlStatements: number;
}




/** Both servers get a port before either listens, so ask again until the two differ. */
async function twoFreePorts(): Promise<[number, number]> {
  const first = await freePort();
  let second = await freePort();
  while (second === first) second = await freePort();
  return [first, second];
}

async function startWorld(cleanup: Cleanup, signal: AbortSignal): Promise<{ service: ChildServer; baseline: ChildServer }> {
  const config = loadConfig({ ...process.env, DATA_DIR: process.env.DATA_DIR ?? join(ROOT, '.data', 'bench') });
  progress(config.databaseUrl ? 'using the Postgres in DATABASE_URL' : `starting embedded Postgres in ${join(config.dataDir, 'postgres')}`);
  const database = await startDatabase(config);
  cleanup.add(() => database.stop());
  signal.throwIfAborted();

  const [servicePort, baselinePort] = await twoFreePorts();
  const secret = randomBytes(24).toString('hex');
  const serviceEnv = { DATABASE_URL: database.url, HOST: '127.0.0.1', NODE_ENV: 'production', SERVER_TIMING: 'true', ADMIN_TOKEN: secret, PREVIEW_SECRET: secret };
  const service = startChildServer('GraphQL service', join(ROOT, 'dist', 'src', 'main.js'), servicePort, serviceEnv, ROOT);
  cleanup.add(() => stopChildServer(service));
  const baseline = startChildServer('raw SQL baseline', join(ROOT, 'dist', 'bench', 'baseline-server.js'), baselinePort, { DATABASE_URL: database.url }, ROOT);
  cleanup.add(() => stopChildServer(baseline));

  // The service first: it creates the schema and loads the sample issue that the baseline reads.
  await waitUntilReady(service, READY_TIMEOUT_MS, signal);
  await waitUntilReady(baseline, READY_TIMEOUT_MS, signal);
  progress(`GraphQL service at ${service.baseUrl}, raw SQL baseline at ${baseline.baseUrl}`);
  return { service, baseline };
}

async function postTree(server: ChildServer): Promise<{ data: unknown; serverTiming: string | null }> {
  const res = await fetch(`${server.baseUrl}/graphql`, { method: 'POST', headers: REQUEST_HEADERS, body: REQUEST_BODY, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  const json = JSON.parse(text) as { data?: { issue?: unknown }; errors?: unknown };
  if (res.status !== 200 || json.errors || !json.data) throw new Error(`${server.name} answered HTTP ${res.status}: ${text.slice(0, 2000)}`);
  if (!json.data.issue) throw new Error(`${server.name} has no published issue "${SLUG}" (data: ${text.slice(0, 200)})`);
  return { data: json.data, serverTiming: res.headers.get('server-timing') };
}

/** One request each before any load: the same data from both, and the service's statement count. */
async function checkSameData(service: ChildServer, baseline: ChildServer): Promise<number> {
  const fromService = await postTree(service);
  const fromBaseline = await postTree(baseline);
  const diffs = diffPaths(fromService.data, fromBaseline.data, 'data');
  if (diffs.length > 0) {
    throw new Error(`the two servers return different data (service vs baseline), first differences:\n  ${diffs.join('\n  ')}`);
  }
  const statements = /db;desc="(\d+) statements"/.exec(fromService.serverTiming ?? '');
  if (!statements) throw new Error(`no "db;desc=\\"N statements\\"" in the service's Server-Timing header (got ${JSON.stringify(fromService.serverTiming)})`);
  progress(`both servers return the same issue tree; the service ran ${statements[1]} SQL statements for it`);
  return Number(statements[1]);
}

/** One autocannon run; Ctrl-C stops it early so cleanup is not held up for the rest of the duration. */
async function fire(server: ChildServer, connections: number, duration: number, signal: AbortSignal): Promise<autocannon.Result> {
  const instance = autocannon({ url: `${server.baseUrl}/graphql`, method: 'POST', headers: REQUEST_HEADERS, body: REQUEST_BODY, connections, duration });
  const stop = () => instance.stop();
  signal.addEventListener('abort', stop, { once: true });
  try {
    return await instance;
  } finally {
    signal.removeEventListener('abort', stop);
    signal.throwIfAborted();
  }
}

/** A fast failure is not a fast answer: any error or non-2xx makes the numbers meaningless. */
function assertClean(server: ChildServer, phase: string, result: autocannon.Result): void {
  if (result.non2xx === 0 && result.errors === 0 && result.timeouts === 0) return;
  throw new Error(
    `${server.name} ${phase}: ${result.non2xx} non-2xx responses, ${result.errors} errors, ${result.timeouts} timeouts ` +
      `(status codes: ${JSON.stringify(result.statusCodeStats)}). Its output:\n${server.output()}`,
  );
}

/** A warm-up first (JIT, pool connections, Postgres caches), then the measured run. */
async function measure(server: ChildServer, settings: Settings, signal: AbortSignal): Promise<autocannon.Result> {
  progress(`${server.name}: ${WARMUP_SECONDS} s warm-up, then ${settings.duration} s at ${settings.connections} connections`);
  assertClean(server, 'warm-up', await fire(server, settings.connections, WARMUP_SECONDS, signal));
  const result = await fire(server, settings.connections, settings.duration, signal);
  assertClean(server, 'load', result);
  return result;
}

function fmt(n: number, digits = 2): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

function printReport(settings: Settings, rows: Measured[]): void {
  const [service, baseline] = rows;
  const header = ['target', 'requests/s', 'p50 ms', 'p99 ms', 'requests', 'SQL statements/request'];
  const body = rows.map((r) => [r.name, fmt(r.result.requests.average, 1), fmt(r.result.latency.p50), fmt(r.result.latency.p99), fmt(r.result.requests.total, 0), String(r.sqlStatements)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ');
  const cpu = cpus();
  const out = [
    '',
    `Read benchmark: full issue tree of "${SLUG}", POST /graphql`,
    `  connections ${settings.connections}, ${settings.duration} s per target after a ${WARMUP_SECONDS} s warm-up, Node ${process.version}, ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'})`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    '',
    `  throughput service/baseline: ${fmt(service.result.requests.average / baseline.result.requests.average, 3)}`,
    `  SQL statements per request: service ${service.sqlStatements}, baseline ${baseline.sqlStatements}`,
    '',
    '  Note: load generator, both servers and Postgres share this machine; on a shared 2-core machine the',
    '  numbers are noisy and only comparable within one run (use the ratio, not the absolute req/s).',
    '',
  ];
  process.stdout.write(out.join('\n'));
}

async function run(cleanup: Cleanup, signal: AbortSignal): Promise<void> {
  const settings: Settings = { connections: positiveIntFromEnv('BENCH_CONNECTIONS', 10), duration: positiveIntFromEnv('BENCH_DURATION', 10) };
  const { service, baseline } = await startWorld(cleanup, signal);
  const statements = await checkSameData(service, baseline);
  const serviceResult = await measure(service, settings, signal);
  const baselineResult = await measure(baseline, settings, signal);
  printReport(settings, [
    { name: service.name, result: serviceResult, sqlStatements: statements },
    { name: baseline.name, result: baselineResult, sqlStatements: 1 },
  ]);
}

void runBench(run);

