import { readFile } from 'node:fs/promises';
import { DomainError } from '../common/errors/domain-error';
import { SnapshotProblem } from '../snapshots/snapshot.format';
import { SnapshotImporter } from '../snapshots/snapshot-importer.service';
import { withDatabase } from './cli-runtime';

const USAGE = 'usage: npm run content:import-snapshot -- FILE';

const args = process.argv.slice(2);
if (args.length !== 1 || args[0].startsWith('--')) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

void withDatabase(async (dataSource) => {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(args[0], 'utf8'));
  } catch (error) {
    process.stderr.write(`cannot read ${args[0]} as JSON: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    const result = await new SnapshotImporter(dataSource).apply(input);
    for (const issue of result.issues) process.stdout.write(`${issue.changed ? 'updated' : 'unchanged'} issue ${issue.slug} (id ${issue.id})\n`);
    process.stdout.write(`${result.contributorsChanged} contributor(s) changed; consistent with change cursor ${result.changeCursor ?? '(none)'}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const problems = (error.details.errors as SnapshotProblem[] | undefined) ?? [];
    problems.forEach((p) => process.stdout.write(`error at ${p.path}: ${p.message}\n`));
    process.stderr.write(`${error.code}: ${error.message}\n`);
    return 1;
  }
});
