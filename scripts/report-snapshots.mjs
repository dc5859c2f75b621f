#!/usr/bin/env node
/**
 * Writes the JSON and SARIF report of every fixture repository (and of any extra roots given) into
 * one folder, a file per root and format, so that two builds can be compared byte for byte:
 *
 *   node scripts/report-snapshots.mjs /tmp/before [extra-root…]   # on the old build
 *   node scripts/report-snapshots.mjs /tmp/after  [extra-root…]   # on the new build
 *   diff -r /tmp/before /tmp/after
 *
 * JSON and SARIF are the outputs that carry suggestions, which a plain lint run never computes:
 * a change to how suggestions are made shows up here and nowhere in the stylish output. The exit
 * code and stderr of each run are kept too (a notice about a suggestion that could not be
 * computed goes to stderr).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [out, ...extra] = process.argv.slice(2);
if (!out) {
  console.error('usage: node scripts/report-snapshots.mjs <output-folder> [extra-root…]');
  process.exit(2);
}

/** A fixture folder holding repositories of its own (one per subfolder) rather than being one. */
const GROUPS = ['config-entries', 'hostile', 'init', 'layouts'];

function fixtureRoots() {
  const fixtures = path.join(root, 'fixtures');
  const roots = [];
  for (const name of readdirSync(fixtures).sort()) {
    const folder = path.join(fixtures, name);
    if (!statSync(folder).isDirectory()) continue;
    if (!GROUPS.includes(name)) roots.push(folder);
    else
      for (const sub of readdirSync(folder).sort()) if (statSync(path.join(folder, sub)).isDirectory()) roots.push(path.join(folder, sub));
  }
  return roots;
}

mkdirSync(out, { recursive: true });
const bin = path.join(root, 'bin/nilecare-lint.js');
for (const repo of [...fixtureRoots(), ...extra.map((r) => path.resolve(r))]) {
  const label =
    path
      .relative(root, repo)
      .split(path.sep)
      .join('__')
      .replace(/^\.\.__/, 'extra__') || 'root';
  for (const format of ['json', 'sarif']) {
    const run = spawnSync(process.execPath, [bin, '--cwd', repo, '--format', format], { encoding: 'utf8', maxBuffer: 1 << 30 });
    writeFileSync(path.join(out, `${label}.${format}`), run.stdout);
    writeFileSync(path.join(out, `${label}.${format}.status`), `exit ${run.status}\n${run.stderr}`);
  }
  console.log(`${label}: done`);
}
