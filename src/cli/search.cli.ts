import { loadConfig } from '../config/app-config';
import { connectMeili } from '../search/meili-clients';
import { startSearch } from '../search/search.bootstrap';
import { SearchIndexer, VerifyReport } from '../search/search-indexer';
import { withDatabase } from './cli-runtime';
import { progressBar } from './progress';

const USAGE = 'usage: npm run search:reindex | npm run search:verify [-- --repair]';
const [command, ...flags] = process.argv.slice(2);
if (!['reindex', 'verify'].includes(command) || flags.some((f) => f !== '--repair') || (command === 'reindex' && flags.length > 0)) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

function printReport(report: VerifyReport): number {
  const differences = report.missing.length + report.extra.length + report.stale.length;
  for (const id of report.missing) process.stdout.write(`missing  ${id} (published in Postgres, not in the index)\n`);
  for (const id of report.extra) process.stdout.write(`extra    ${id} (in the index, not published in Postgres)\n`);
  for (const id of report.stale) process.stdout.write(`stale    ${id} (content hash differs)\n`);
  process.stdout.write(`${differences} difference(s)\n`);
  return differences;
}

void withDatabase(async (dataSource) => {
  const config = loadConfig();
  const search = await startSearch(config);
  try {
    const { admin, indexName } = await connectMeili(search, config.meiliIndex, 2000);
    const indexer = new SearchIndexer(admin, indexName);
    await indexer.ensureIndex(dataSource);
    if (command === 'reindex') {
      const bar = progressBar(`rebuilding ${indexName}`);
      const count = await indexer.rebuild(dataSource, bar.update);
      bar.finish();
      process.stdout.write(`rebuilt ${indexName} with ${count} documents and swapped it in\n`);
      return 0;
    }
    const repair = flags.includes('--repair');
    const bar = progressBar(`reading ${indexName}`);
    const report = await indexer.verify(dataSource, repair, bar.update);
    bar.finish();
    const differences = printReport(report);
    if (repair && differences > 0) process.stdout.write('repaired: the index now matches Postgres\n');
    return differences > 0 && !repair ? 1 : 0;
  } finally {
    await search.stop();
  }
});
