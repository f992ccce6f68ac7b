/** Teardown steps, run newest first and only once, whether the bench ends, fails or is interrupted. */
export class Cleanup {
  private readonly steps: Array<() => Promise<void>> = [];
  private running?: Promise<void>;

  add(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of [...this.steps].reverse()) {
        await step().catch((error: Error) => process.stderr.write(`cleanup step failed: ${error.message}\n`));
      }
    })();
    return this.running;
  }
}
