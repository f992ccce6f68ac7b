import { rmSync } from 'node:fs';
import { testState } from './support/test-state';

export default async function globalTeardown(): Promise<void> {
  const state = testState();
  state.refs--;
  if (state.refs > 0) return;
  await state.meili?.stop();
  await state.postgres?.stop();
  if (state.dir) rmSync(state.dir, { recursive: true, force: true });
}
