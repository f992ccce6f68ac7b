import { readFile } from 'node:fs/promises';
import { DomainError } from '../common/errors/domain-error';
import { ContentProblem } from '../content/authoring-format.types';
import { IssueImporter } from '../content/issue-importer.service';
import { withDatabase } from './cli-runtime';

const USAGE = 'usage: npm run content:import -- FILE [--publish] [--replace-published]';

function parseArgs(argv: string[]): { file: string; publish: boolean; replacePublished: boolean } | undefined {
  const flags = argv.filter((a) => a.startsWith('--'));
  const files = argv.filter((a) => !a.startsWith('--'));
  const unknown = flags.filter((f) => !['--publish', '--replace-published'].includes(f));
  if (files.length !== 1 || unknown.length > 0) return undefined;
  return { file: files[0], publish: flags.includes('--publish'), replacePublished: flags.includes('--replace-published') };
}

const show = (label: string, problems: ContentProblem[]) => problems.forEach((p) => process.stdout.write(`${label} line ${p.line}: ${p.message}\n`));

const args = parseArgs(process.argv.slice(2));
if (!args) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

void withDatabase(async (dataSource) => {
  const markdown = await readFile(args.file, 'utf8');
  try {
    const result = await new IssueImporter(dataSource).importMarkdown(markdown, args);
    show('warning', result.warnings);
    process.stdout.write(`${result.created ? 'imported' : 'updated'} issue ${result.issue.slug} as ${result.issue.status} (id ${result.issue.id})\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const details = error.details as { errors?: ContentProblem[]; warnings?: ContentProblem[] };
    show('error', details.errors ?? []);
    show('warning', details.warnings ?? []);
    process.stderr.write(`${error.code}: ${error.message}\n`);
    return 1;
  }
});
