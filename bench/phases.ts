/**
 * Where does lint time go? Replays the pipeline of `lint()` phase by phase over a
 * repository (generated with `node --import tsx bench/generate.ts <dir> <files>`, or any
 * repo) and prints CPU time per phase, the SQL parse-cache hit rate and the prefilter's
 * pass rate.
 *
 *   node --expose-gc --import tsx bench/phases.ts <repo> [--rounds 2]
 *
 * Each phase runs over all files before the next, so numbers are per phase, not per file;
 * the last round is reported (earlier rounds warm the JIT).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { Dialect, FileFacts } from '../src/analysis/facts.js';
import { parsedDialectOf } from '../src/config/schema.js';
import { loadConfig } from '../src/config/load.js';
import { runRules } from '../src/engine/runner.js';
import { resolveRules } from '../src/lint.js';
import { analyzeSql, clearSqlCache, initSqlParsers } from '../src/analysis/sql/index.js';
import { computeLineStarts } from '../src/analysis/text.js';
import { extractScript, scriptKindFor, scriptMayHaveFacts } from '../src/analysis/typescript/index.js';
import { analyzeFile, embeddedDialect, extractFileFacts, loadScriptAnalysers, sqlFileDialect } from '../src/analysis/analyze-file.js';
import { hashText } from '../src/io/hash.js';
import { buildProjectModel } from '../src/model/build-model.js';
import { discoverFiles } from '../src/discovery/discover.js';
import { fileKindOf } from '../src/discovery/file-kind.js';
import { readSourceFile } from '../src/io/read-file.js';
import { configuredServices, createServiceMatcher } from '../src/model/services.js';
import { PackageIndex } from '../src/model/packages.js';
import { decideServiceDialects } from '../src/model/service-dialect.js';

const args = process.argv.slice(2);
const cwd = path.resolve(args[0] ?? '.');
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 2;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

await Promise.all([initSqlParsers(), loadScriptAnalysers()]);
const config = loadConfig(cwd)?.config ?? {};
const listing = discoverFiles({ cwd, ignores: config.ignores ?? [], defaultIgnores: true });
const discovered = listing.files;
const packages = new PackageIndex(cwd);
const { services } = configuredServices(cwd, config, listing, packages);
const serviceOf = createServiceMatcher(services);
/** Every fact but SQL, as lint() has before it decides each service's dialect. */
const extractAll = () =>
  discovered.map((f): FileFacts => {
    const r = readSourceFile(f, cwd);
    if (!r.ok) return { path: f, kind: fileKindOf(f), hash: '', unread: true, lineStarts: [0], text: '', comments: [], problems: [] };
    return extractFileFacts(f, r.text, { sqlCallees: config.sqlCallees ?? [] });
  });
const decideDialects = (facts: FileFacts[]) => decideServiceDialects({ services, files: facts, serviceOf, packages });
const dialects = new Map<string, Dialect | undefined>([...decideDialects(extractAll())].map(([name, d]) => [name, d.dialect]));
const defaultDialect = parsedDialectOf(config.dialect) ?? 'mysql';

function cpu<T>(fn: () => T): { ms: number; value: T } {
  gc();
  const start = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, value };
}

for (let round = 1; round <= rounds; round++) {
  clearSqlCache();
  const rows: Array<[string, number, string?]> = [];
  const discovery = cpu(() => discoverFiles({ cwd, ignores: config.ignores ?? [], defaultIgnores: true }));
  rows.push(['discover', discovery.ms, `${discovery.value.files.length} files`]);
  const files = discovery.value.files;

  const read = cpu(() => files.map((f) => readSourceFile(f, cwd)));
  const texts = read.value.map((r) => (r.ok ? r.text : ''));
  rows.push(['read + decode', read.ms, `${(texts.reduce((n, t) => n + t.length, 0) / 1048576).toFixed(1)} M chars`]);
  rows.push(['hash (sha1)', cpu(() => texts.forEach((t) => hashText(t))).ms]);
  rows.push(['line starts', cpu(() => texts.forEach((t) => computeLineStarts(t))).ms]);

  const scripts = files.map((f, i) => ({ f, t: texts[i] })).filter(({ f }) => fileKindOf(f) === 'script');
  let passed = 0;
  rows.push([
    'prefilter',
    cpu(() => scripts.forEach(({ t }) => (passed += scriptMayHaveFacts(t) ? 1 : 0))).ms,
    `${passed}/${scripts.length} pass`,
  ]);
  rows.push([
    'ts.createSourceFile (no parents)',
    cpu(() => scripts.forEach(({ f, t }) => ts.createSourceFile(f, t, ts.ScriptTarget.Latest, false, scriptKindFor(f)))).ms,
  ]);
  rows.push([
    'ts.createSourceFile (parents)',
    cpu(() => scripts.forEach(({ f, t }) => ts.createSourceFile(f, t, ts.ScriptTarget.Latest, true, scriptKindFor(f)))).ms,
  ]);
  const extracted = cpu(() =>
    scripts.map(({ f, t }) => ({ f, r: scriptMayHaveFacts(t) ? extractScript(f, t, { sqlCallees: config.sqlCallees ?? [] }) : undefined })),
  );
  rows.push(['extractScript (parse + walk)', extracted.ms]);
  const preFacts = extractAll();
  rows.push(['decide service dialects', cpu(() => decideDialects(preFacts)).ms, `${services.length} services`]);

  // SQL: embedded strings and .sql files, with the cache's hit rate.
  const calls: Array<{ text: string; dialect: Dialect }> = [];
  for (const { f, r } of extracted.value) {
    if (!r) continue;
    const settings = { serviceDialect: dialects.get(serviceOf(f) ?? ''), defaultDialect, sqlCallees: [] };
    for (const site of r.script.embeddedSql) calls.push({ text: site.text, dialect: embeddedDialect(site.text, settings) });
  }
  const embeddedCount = calls.length;
  files.forEach((f, i) => {
    if (fileKindOf(f) !== 'sql') return;
    calls.push({
      text: texts[i],
      dialect: sqlFileDialect(f, texts[i], { serviceDialect: dialects.get(serviceOf(f) ?? ''), defaultDialect }),
    });
  });
  const distinct = new Set(calls.map((c) => `${c.dialect}\0${c.text}`)).size;
  rows.push([
    'analyzeSql (embedded)',
    cpu(() => calls.slice(0, embeddedCount).forEach((c) => analyzeSql(c.text, c.dialect))).ms,
    `${embeddedCount} sites`,
  ]);
  rows.push([
    'analyzeSql (.sql files)',
    cpu(() => calls.slice(embeddedCount).forEach((c) => analyzeSql(c.text, c.dialect))).ms,
    `${calls.length - embeddedCount} files`,
  ]);

  // The real per-file analysis, for the model and rules.
  clearSqlCache();
  const analysed = cpu(() =>
    files.map((f, i): FileFacts => {
      const r = read.value[i];
      if (!r.ok) return { path: f, kind: fileKindOf(f), hash: '', lineStarts: [0], text: '', comments: [], problems: [r.problem] };
      return analyzeFile(f, r.text, {
        serviceDialect: dialects.get(serviceOf(f) ?? ''),
        defaultDialect,
        sqlCallees: config.sqlCallees ?? [],
      });
    }),
  );
  rows.push(['analyzeFile (all, as lint does)', analysed.ms]);
  const model = cpu(() => buildProjectModel({ cwd, config, services, dialects, files: analysed.value, serviceOf }));
  rows.push(['buildProjectModel', model.ms]);
  const active = resolveRules(config);
  const ruled = cpu(() => runRules(model.value, active, new Set(files)));
  rows.push(['runRules', ruled.ms, `${ruled.value.diagnostics.length} diagnostics, ${active.length} rules`]);

  if (round === rounds) {
    console.log(
      `${cwd}: ${files.length} files (${scripts.length} scripts); SQL analyses requested ${calls.length}, distinct ${distinct} → cache hit rate ≤ ${((1 - distinct / Math.max(1, calls.length)) * 100).toFixed(1)}%`,
    );
    for (const [name, ms, note] of rows) console.log(`${name.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms cpu  ${note ?? ''}`);
  }
}
void readFileSync;
