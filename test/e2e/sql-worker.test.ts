/**
 * SQL analysed on a worker thread must give exactly what inline analysis gives, and a worker
 * that cannot start or dies must cost speed, never findings.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { SqlAnalysis } from '../../src/analysis/facts.js';
import { lint } from '../../src/lint.js';
import { analyzeSql, initSqlParsers } from '../../src/analysis/sql/index.js';
import { startSqlWorker, wantsSqlWorker, type SqlAnalyserStats } from '../../src/analysis/sql-analyser.js';

const fixtures = path.resolve(__dirname, '../../fixtures');

/** Everything a run produced that rules and reporters can see, as comparable data. */
async function observable(cwd: string, sqlWorker: boolean) {
  const run = await lint({ cwd, sqlWorker });
  expect(sqlWorker ? run.sqlAnalysis?.worker : run.sqlAnalysis?.inline).toBeGreaterThan(0);
  expect(sqlWorker ? run.sqlAnalysis?.inline : run.sqlAnalysis?.worker).toBe(0);
  return {
    diagnostics: run.diagnostics,
    facts: run.model.files.map(({ path: file, sql, embeddedAnalyses, comments, problems }) => ({
      file,
      sql,
      embeddedAnalyses,
      comments,
      problems,
    })),
  };
}

const SQL: Array<[string, 'mysql' | 'postgresql']> = [
  ['SELECT p.id FROM patients p JOIN invoices i ON i.patient_id = p.id', 'mysql'],
  ["UPDATE invoices SET status = 'paid' WHERE id = $1", 'postgresql'],
  ['SELEC broken FROM', 'mysql'],
  ['SELECT p.id FROM patients p JOIN invoices i ON i.patient_id = p.id', 'mysql'],
];

async function analyseAll(analyser: ReturnType<typeof startSqlWorker>): Promise<SqlAnalysis[] & { stats?: SqlAnalyserStats }> {
  const out: SqlAnalysis[] & { stats?: SqlAnalyserStats } = [];
  SQL.forEach(([text, dialect], i) => analyser.analyze(text, dialect, (a) => (out[i] = a)));
  out.stats = await analyser.settle();
  return out;
}

describe('SQL on a worker thread', () => {
  it.each(['sample-monorepo', 'real-patterns'])(
    'gives the same diagnostics and SQL facts as inline analysis on %s',
    async (name) => {
      const cwd = path.join(fixtures, name);
      const inline = await observable(cwd, false);
      const worker = await observable(cwd, true);
      expect(inline.diagnostics.length).toBeGreaterThan(0);
      expect(inline.facts.some((f) => f.sql || f.embeddedAnalyses?.length)).toBe(true);
      expect(JSON.parse(JSON.stringify(worker))).toEqual(JSON.parse(JSON.stringify(inline)));
    },
    60_000,
  );

  it('answers identical texts once and in request order', async () => {
    await initSqlParsers();
    const results = await analyseAll(startSqlWorker());
    expect(results).toHaveLength(SQL.length);
    SQL.forEach(([text, dialect], i) => expect(results[i]).toEqual(analyzeSql(text, dialect)));
    expect(results[3]).toBe(results[0]);
    expect(results.stats).toEqual({ worker: 3, inline: 0 });
    expect(results[2].statements[0].parseError?.message).toMatch(/syntax error/);
  }, 30_000);

  it('falls back to inline analysis when the worker cannot start', async () => {
    const results = await analyseAll(startSqlWorker(() => new Worker('throw new Error("no worker")', { eval: true })));
    expect(results.stats).toEqual({ worker: 0, inline: 3 });
    SQL.forEach(([text, dialect], i) => expect(results[i]).toEqual(analyzeSql(text, dialect)));
  }, 30_000);

  it('falls back to inline analysis when the worker exits without answering', async () => {
    const results = await analyseAll(startSqlWorker(() => new Worker('process.exit(0)', { eval: true })));
    SQL.forEach(([text, dialect], i) => expect(results[i]).toEqual(analyzeSql(text, dialect)));
    expect([...(await analyseAll(startSqlWorker(() => undefined)))]).toEqual([...results]);
  }, 30_000);

  it('starts from the compiled package too, whatever flags the parent node was started with', () => {
    // The shipped path (dist/, built by `prepare` on install): `node --input-type=module -e` used to
    // pass its flag on to the worker, which then refused to start and every text went inline.
    const lintModule = path.resolve(__dirname, '../../dist/src/lint.js');
    expect(existsSync(lintModule), 'dist/ is missing: run `npm run build`').toBe(true);
    const script = `const { lint } = await import(${JSON.stringify(pathToFileURL(lintModule).href)});
      const run = await lint({ cwd: ${JSON.stringify(path.join(fixtures, 'sample-monorepo'))}, sqlWorker: true });
      console.log(JSON.stringify(run.sqlAnalysis));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    const stats = JSON.parse(child.stdout) as SqlAnalyserStats;
    expect(stats.worker).toBeGreaterThan(0);
    expect(stats.inline).toBe(0);
  }, 60_000);

  it('is used by default only with enough files and cores to spare', () => {
    expect(wantsSqlWorker(10, 8)).toBe(false);
    expect(wantsSqlWorker(100_000, 2)).toBe(false);
    expect(wantsSqlWorker(300, 4)).toBe(true);
  });
});
