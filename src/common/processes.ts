import { readFileSync } from 'node:fs';

export function commandLine(pid: number): string | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return undefined;
  }
}

export function isRunning(pid: number, name: string): boolean {
  return commandLine(pid)?.includes(name) ?? false;
}

/** True when a live Node process (not init after a crash) is the parent: the server is in use, not orphaned. */
export function hasLiveNodeParent(pid: number): boolean {
  try {
    const parent = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return parent > 1 && /(^|\/)node\0/.test(commandLine(parent) ?? '');
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends `signal` and waits until the process is gone; throws when it outlives the timeout. */
export async function stopProcess(pid: number, name: string, signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
  process.kill(pid, signal);
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid, name) && Date.now() < deadline) await sleep(100);
  if (isRunning(pid, name)) throw new Error(`${name} pid ${pid} did not stop within ${timeoutMs} ms`);
}
