/**
 * Where a whole `nilecare-lint` process spends its CPU, from a `node --cpu-prof` profile: self
 * time of every sample, grouped by what the work is — module loading and compiling (node's
 * loaders: `wrapSafe`, `compileSourceTextModule`, …), node-sql-parser, libpg-query's WASM,
 * TypeScript's parser, yaml, our TypeScript extraction, our SQL code, rules, the garbage
 * collector, … — so the performance work knows what to cut.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The category of a frame doing self time. Order matters: the first match wins. */
const FS_NATIVES = new Set([
  'readFileUtf8',
  'read',
  'open',
  'openFileHandle',
  'readdir',
  'fstat',
  'close',
  'lstat',
  'stat',
  'realpath',
  'writeString',
  'writeBuffer',
  'writeFileUtf8',
]);
const LOADING = /^node:internal\/(modules|deps\/cjs-module-lexer|vm|bootstrap|url)/;
const FILES = /^node:(fs|buffer|internal\/fs|internal\/encoding)/;

/** The category of a frame doing self time. Order matters: the first match wins. */
export function categoryOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collector';
    if (functionName === '(program)') return 'V8 / native, not attributed (program)';
    if (functionName === '(idle)') return 'idle';
    if (functionName === 'internalModuleStat') return 'module loading & compiling (node loaders, cjs-module-lexer)';
    if (FS_NATIVES.has(functionName)) return 'file reads & decoding (fs, buffer)';
    return 'native functions (RegExp, JSON, …)';
  }
  if (url.startsWith('wasm://')) return 'libpg-query (PostgreSQL parser, WASM)';
  if (LOADING.test(url)) return 'module loading & compiling (node loaders, cjs-module-lexer)';
  if (FILES.test(url)) return 'file reads & decoding (fs, buffer)';
  if (url.startsWith('node:')) return 'node internals, other';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) {
    if (pkg === 'node-sql-parser') return 'node-sql-parser (MySQL parser)';
    if (pkg === 'libpg-query') return 'libpg-query (PostgreSQL parser, JS glue)';
    if (pkg === 'typescript') return 'TypeScript (parser, scanner)';
    if (pkg === 'yaml') return 'yaml';
    if (
      [
        'fast-glob',
        'tinyglobby',
        'fdir',
        'picomatch',
        'micromatch',
        'ignore',
        '@nodelib/fs.walk',
        '@nodelib/fs.scandir',
        '@nodelib/fs.stat',
        'braces',
        'fill-range',
        'glob-parent',
        'merge2',
        'fastq',
      ].includes(pkg)
    )
      return 'discovery packages (fast-glob, ignore, picomatch)';
    if (pkg === 'zod') return 'zod (config validation)';
    if (/^(yargs|yargs-parser|cliui|y18n|escalade|get-caller-file|string-width|strip-ansi|wrap-ansi)$/.test(pkg))
      return 'yargs (argument parsing)';
    return `other packages (${pkg})`;
  }
  // The bundled CLI (dist/cli/, scripts/bundle-cli.mjs) merges our modules into chunks: a profile of it
  // cannot say which of our modules did the work. Profile dist/src/cli.js to split this row.
  if (/\/dist\/cli\//.test(url)) return 'ours: bundled CLI chunk (any module; profile dist/src to split)';
  const own = /\/(?:dist\/)?(src|rules)\/(.*)$/.exec(url);
  if (own) {
    const [, root, rest] = own;
    if (root === 'rules' || rest.startsWith('engine/')) return 'ours: rules & engine';
    if (rest.startsWith('analysis/typescript/')) return 'ours: TypeScript extraction';
    if (rest.startsWith('analysis/sql/') || rest.startsWith('analysis/sql-')) return 'ours: SQL (tokenizer, splitter, references)';
    if (rest.startsWith('analysis/')) return 'ours: env, YAML, compose, Prisma readers, file facts';
    if (/^(discovery|model|io)\//.test(rest) || rest.startsWith('lint')) return 'ours: discovery, model, analysis driver';
    if (rest.startsWith('reporters/')) return 'ours: reporters';
    if (rest.startsWith('config/')) return 'ours: config';
    return 'ours: other (cli, cache, commands)';
  }
  return `other (${url.split('/').slice(-2).join('/')})`;
}

export interface CategorySummary {
  totalMs: number;
  categories: Array<[string, number]>;
  /** Own frames by file, for the "our code" rows. */
  ownFiles: Array<[string, number]>;
  /** Packages by self time. */
  packages: Array<[string, number]>;
}

export function summariseCategories(file: string): CategorySummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + delta);
    total += delta;
  }
  const categories = new Map<string, number>();
  const ownFiles = new Map<string, number>();
  const packages = new Map<string, number>();
  for (const [id, micros] of self) {
    const frame = nodes.get(id)!.callFrame;
    const category = categoryOf(frame);
    categories.set(category, (categories.get(category) ?? 0) + micros);
    const own = /\/(?:dist\/)?((?:src|rules)\/.*)$/.exec(frame.url)?.[1];
    if (own && !frame.url.includes('node_modules')) ownFiles.set(own, (ownFiles.get(own) ?? 0) + micros);
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url)?.[1];
    if (pkg) packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
  }
  const sorted = (m: Map<string, number>) => [...m].map(([k, v]) => [k, v / 1000] as [string, number]).sort((a, b) => b[1] - a[1]);
  return { totalMs: total / 1000, categories: sorted(categories), ownFiles: sorted(ownFiles), packages: sorted(packages) };
}

export function formatCategories(summary: CategorySummary, top = 12): string {
  const pct = (ms: number) => `${((100 * ms) / Math.max(1, summary.totalMs)).toFixed(1)}%`;
  const rows = (list: Array<[string, number]>) => list.slice(0, top).map(([k, ms]) => `| ${k} | ${ms.toFixed(0)} | ${pct(ms)} |`);
  return [
    `Profiled ${summary.totalMs.toFixed(0)} ms of CPU samples (main thread, whole process).`,
    '',
    '| self time by kind of work | ms | share |',
    '|---|---:|---:|',
    ...rows(summary.categories),
    '',
    '| self time by package | ms | share |',
    '|---|---:|---:|',
    ...rows(summary.packages),
    '',
    '| self time in our files | ms | share |',
    '|---|---:|---:|',
    ...rows(summary.ownFiles),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: profile-categories.ts <file.cpuprofile>');
    process.exit(2);
  }
  console.log(formatCategories(summariseCategories(file), 20));
}
