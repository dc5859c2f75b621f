/**
 * `node --import tsx bench/diff.ts` — what `nilecare-lint diff HEAD~1` costs after a one-file
 * change, against a warm `--cache` lint of the same working tree (issue 18: at most 1.3×).
 *
 * For the bundled sample (fixtures/sample-monorepo) and a generated monorepo (bench/generate.ts,
 * 10,000 TypeScript files by default), in a scratch git repository: commit everything, change one
 * service file, commit again, fill the cache with one lint run, then alternate a warm
 * `lint --cache` and a `diff HEAD~1 --cache` as whole processes of the built CLI (dist/; run
 * `npm run build` first) and print the median wall and CPU seconds of each, their ratio and the
 * load average before and after. Not a timed test: the machine's load decides the figures.
 *
 * Flags: --size 10000 (TypeScript files of the generated repository)   --runs 5   --keep
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateMonorepo } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, '..', 'bin', 'nilecare-lint.js');
const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const size = Number(flag('size', '10000'));
const runs = Number(flag('runs', '5'));
const keep = args.includes('--keep');

const git = (cwd: string, ...argv: string[]) =>
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@nilecare.invalid', '-c', 'commit.gpgsign=false', ...argv], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 28,
  }).toString();

interface Timing {
  wall: number;
  cpu: number;
}

/** One whole CLI process: wall seconds, and user + system CPU seconds of it and its children (git). */
function time(cwd: string, argv: string[]): Timing {
  const out = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, bin, ...argv], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (out.status !== 0 && out.status !== 1) throw new Error(`${argv.join(' ')} exited ${out.status}: ${out.stderr}`);
  const [wall, user, system] = out.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wall, cpu: user + system };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

function measure(label: string, root: string, changed: string): void {
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  appendFileSync(path.join(root, changed), '\nexport const benchChange = 1;\n');
  git(root, 'commit', '-q', '-am', 'one-file change');
  const cache = path.join(root, '..', 'bench-cache');
  const cacheArgs = ['--cache', '--cache-location', cache];
  time(root, cacheArgs); // fills the cache
  const before = load();
  const lint: Timing[] = [];
  const diff: Timing[] = [];
  for (let i = 0; i < runs; i++) {
    lint.push(time(root, cacheArgs));
    diff.push(time(root, ['diff', 'HEAD~1', '--format', 'json', ...cacheArgs]));
  }
  const after = load();
  const row = (name: string, list: Timing[]) =>
    `${name.padEnd(28)} ${median(list.map((t) => t.wall)).toFixed(2)} s wall  ${median(list.map((t) => t.cpu)).toFixed(2)} s CPU`;
  console.log(`\n${label}: ${git(root, 'ls-files').split('\n').filter(Boolean).length} files, changed ${changed}, median of ${runs}`);
  console.log(row('lint --cache (warm)', lint));
  console.log(row('diff HEAD~1 --cache', diff));
  const ratio = (pick: (t: Timing) => number) => (median(diff.map(pick)) / median(lint.map(pick))).toFixed(2);
  console.log(`ratio diff / warm lint: ${ratio((t) => t.wall)}× wall, ${ratio((t) => t.cpu)}× CPU; load average ${before} → ${after}`);
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'nilecare-bench-diff-'));
try {
  const sample = path.join(scratch, 'sample', 'repo');
  cpSync(path.join(here, '..', 'fixtures', 'sample-monorepo'), sample, { recursive: true });
  measure('sample', sample, 'services/billing-service/src/services/InvoiceService.ts');

  const generated = path.join(scratch, 'generated', 'repo');
  const repo = generateMonorepo({ root: generated, tsFiles: size });
  const changed = repo.scriptFiles[Math.floor(repo.scriptFiles.length / 2)];
  if (!readFileSync(path.join(generated, changed), 'utf8')) throw new Error(`${changed} is empty`);
  measure(`generated (${size} TypeScript files)`, generated, changed);
} finally {
  if (keep) console.log(`\nkept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
