/** A one-line progress bar on stderr for long CLI runs; plain lines when stderr is not a terminal. */
export function progressBar(label: string): { update(done: number, total: number): void; finish(): void } {
  const tty = process.stderr.isTTY;
  let lastPrinted = -1;
  return {
    update(done, total) {
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const percent = Math.floor(ratio * 100);
      if (!tty && percent < lastPrinted + 10 && done < total) return;
      lastPrinted = percent;
      const bar = '█'.repeat(Math.round(ratio * 30)).padEnd(30, '░');
      process.stderr.write(`${tty ? '\r' : ''}${label} ${bar} ${String(percent).padStart(3)}% ${done}/${total}${tty ? '' : '\n'}`);
    },
    finish() {
      if (tty) process.stderr.write('\n');
    },
  };
}
