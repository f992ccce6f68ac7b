// `npm run mirror -- --from http://origin:3000`: this same service, as a read-only mirror of the origin.
const args = process.argv.slice(2);
const at = args.indexOf('--from');
const from = at >= 0 ? args[at + 1] : undefined;
if (!from || args.length !== 2) {
  process.stderr.write('usage: npm run mirror -- --from http://origin:3000\n');
  process.exit(2);
}
process.env.MIRROR_FROM = from;
require('../main');
