/**
 * What loading each runtime dependency costs a fresh process, for the start-up work of issue 16:
 * every module is imported alone in a new `node` (median of N), CPU time from GNU time, minus
 * `node -e 0`. TypeScript is loaded both ways — `import` from ESM (which makes node detect its
 * format and scan its 9 MB of CommonJS with cjs-module-lexer for named exports) and `require` —
 * and the linter's own graphs: `dist/src/cli.js` (what `--version` loads) and the lazily
 * imported analysers.
 *
 *   node bench/realistic/import-costs.mjs [N=5]      (run `npm run build` first)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const runs = Number(process.argv[2] ?? 5);
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write(`usage: import-costs.mjs [N]: N must be a positive integer, got '${process.argv[2]}'\n`);
  process.exit(2);
}
if (!existsSync('/usr/bin/time')) {
  process.stderr.write('import-costs.mjs needs GNU time (/usr/bin/time) for CPU times\n');
  process.exit(2);
}
if (!existsSync(path.join(root, 'dist', 'src', 'cli.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first\n');
  process.exit(2);
}

const statFile = path.join(os.tmpdir(), `import-costs-${process.pid}.txt`);
function once(args) {
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', statFile, process.execPath, ...args], { cwd: root, encoding: 'utf8' });
  const wall = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited ${child.status}: ${child.stderr.slice(-1000)}`);
  const [user, system, kib] = readFileSync(statFile, 'utf8').trim().split('\n').pop().split(/\s+/).map(Number);
  return { wall, cpu: user + system, rss: kib / 1024 };
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
function measure(args) {
  const samples = Array.from({ length: runs }, () => once(args));
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), rss: median(samples.map((s) => s.rss)) };
}

const esm = (specifier) => ['--input-type=module', '-e', `await import(${JSON.stringify(specifier)})`];
const cases = [
  ['typescript (import from ESM)', esm('typescript')],
  ['typescript (require)', ['-e', "require('typescript')"]],
  ['node-sql-parser MySQL build (require, as the linter does)', ['-e', "require('node-sql-parser/build/mysql')"]],
  [
    'libpg-query (import + loadModule: WASM)',
    ['--input-type=module', '-e', "const m = await import('libpg-query'); await m.loadModule?.()"],
  ],
  ['yaml', esm('yaml')],
  ['zod', esm('zod')],
  ['yargs', esm('yargs')],
  [
    'picomatch + ignore + chalk',
    ['--input-type=module', '-e', "await Promise.all([import('picomatch'), import('ignore'), import('chalk')])"],
  ],
  ['dist/src/cli.js (what --version loads)', esm('./dist/src/cli.js')],
  ['dist/src/analysis/analyze-file.js (the analysers lint() imports lazily)', esm('./dist/src/analysis/analyze-file.js')],
];

const base = measure(['-e', '0']);
console.log(
  `node ${process.version}, ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; medians of ${runs} fresh processes`,
);
console.log(`baseline \`node -e 0\`: ${base.wall.toFixed(3)} s wall, ${base.cpu.toFixed(3)} s CPU, ${base.rss.toFixed(0)} MiB`);
console.log('');
console.log('| module loaded alone | wall s (− baseline) | CPU s (− baseline) | peak RSS MiB |');
console.log('|---|---:|---:|---:|');
for (const [name, args] of cases) {
  const m = measure(args);
  console.log(`| ${name} | ${(m.wall - base.wall).toFixed(3)} | ${(m.cpu - base.cpu).toFixed(3)} | ${m.rss.toFixed(0)} |`);
}
rmSync(statFile, { force: true });
