import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../common/paths';
import { buildSchemaSdl } from '../graphql-schema';

async function main(): Promise<void> {
  const file = join(projectRoot(), 'schema.gql');
  await writeFile(file, await buildSchemaSdl());
  process.stdout.write(`wrote ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
