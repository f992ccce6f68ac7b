#!/usr/bin/env node
// Rebuilds dist/ when any source file is newer than the last build, so `npm start` always runs current code.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const marker = join(root, 'dist', 'src', 'main.js');
const inputs = ['src', 'migrations', 'bench', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

const built = existsSync(marker) ? statSync(marker).mtimeMs : 0;
if (built === 0 || inputs.some((p) => newest(join(root, p)) > built)) {
  process.stderr.write('building kernel-monthly…\n');
  execFileSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build'], { cwd: root, stdio: 'inherit' });
  // nest build skips unchanged outputs; touch the marker so the next start does not rebuild.
  const now = new Date();
  require('node:fs').utimesSync(marker, now, now);
}
