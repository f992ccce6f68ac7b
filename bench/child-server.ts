import { ChildProcess, spawn } from 'node:child_process';

const OUTPUT_KEEP_CHARS = 8000;
const STOP_TIMEOUT_MS = 15_000;

/** A server the bench runs in its own process, so its CPU and event loop are not shared with the load generator. */
export interface ChildServer {
  name: string;
  baseUrl: string;
  process: ChildProcess;
  /** The tail of its stdout and stderr, for error messages. */
  output(): string;
}

export function startChildServer(name: string, script: string, port: number, env: NodeJS.ProcessEnv, cwd: string): ChildServer {
  const child = spawn(process.execPath, [script], { cwd, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // Always drain both pipes: a full pipe buffer would block the child's logging and stall it.
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-OUTPUT_KEEP_CHARS));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { name, baseUrl: `http://127.0.0.1:${port}`, process: child, output: () => output };
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Polls GET /ready until 200; fails early, with the child's output, if it exits or the timeout passes. */
export async function waitUntilReady(server: ChildServer, timeoutMs: number, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    signal.throwIfAborted();
    if (hasExited(server.process)) {
      throw new Error(`${server.name} exited (code ${server.process.exitCode}, signal ${server.process.signalCode}) before it was ready. Its output:\n${server.output()}`);
    }
    try {
      const res = await fetch(`${server.baseUrl}/ready`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}: ${await res.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`${server.name} was not ready within ${timeoutMs} ms (last: ${last}). Its output:\n${server.output()}`);
}

/** SIGTERM and wait for the exit (so it can close its pool), SIGKILL only if it hangs. */
export async function stopChildServer(server: ChildServer): Promise<void> {
  const child = server.process;
  if (hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
