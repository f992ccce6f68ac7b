import { Cleanup } from './cleanup';

export const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);

export function positiveIntFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  if (!/^[1-9]\d*$/.test(raw)) throw new Error(`${name} must be a positive integer (got "${raw}")`);
  return Number(raw);
}

/**
 * Runs a bench with ordered teardown on success, failure and Ctrl-C. Ctrl-C reaches the child servers too (same
 * process group); the cleanup still stops them and the databases in order. Exits 0, 1 on failure, 130 on a signal.
 */
export async function runBench(bench: (cleanup: Cleanup, signal: AbortSignal) => Promise<void>): Promise<never> {
  const abort = new AbortController();
  const cleanup = new Cleanup();
  const onSignal = (name: NodeJS.Signals) => {
    if (abort.signal.aborted) return;
    progress(`${name} received: stopping and cleaning up`);
    abort.abort(new Error(`interrupted by ${name}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let exitCode = 0;
  try {
    await bench(cleanup, abort.signal);
  } catch (error) {
    exitCode = abort.signal.aborted ? 130 : 1;
    process.stderr.write(`bench failed: ${(error as Error).message}\n`);
  } finally {
    progress('cleaning up');
    await cleanup.run();
  }
  // Exit explicitly: a stray handle in a library must not keep a finished bench alive.
  process.exit(exitCode);
}
