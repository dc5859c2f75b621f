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
import { startSqlPrefetch, startSqlWorker, wantsSqlWorker, type SqlAnalyserStats } from '../../src/analysis/sql-analyser.js';
import { memoryTree } from '../../src/io/source-tree.js';

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

  it('takes what was sent ahead in the dialect asked for, and analyses the rest on the calling thread', async () => {
    await initSqlParsers();
    const prefetch = startSqlPrefetch();
    const [sent, other] = SQL;
    prefetch.prefetch(sent[0], 'mysql');
    prefetch.prefetch(sent[0], 'mysql'); // once per text and dialect
    prefetch.prefetch(other[0], 'mysql'); // sent as MySQL, never asked for as such
    const analyser = prefetch.analyser();
    const asked: Array<[string, 'mysql' | 'postgresql']> = [
      [sent[0], 'mysql'],
      [sent[0], 'postgresql'], // the decided dialect differs from the guess: analysed here
      [other[0], 'postgresql'],
      [sent[0], 'mysql'],
    ];
    const out: SqlAnalysis[] = [];
    asked.forEach(([text, dialect], i) => analyser.analyze(text, dialect, (a) => (out[i] = a)));
    expect(await analyser.settle()).toEqual({ worker: 2, inline: 2, unused: 1 });
    asked.forEach(([text, dialect], i) => expect(out[i]).toEqual(analyzeSql(text, dialect)));
    expect(out[3]).toBe(out[0]);
    // Sent after the end: nothing is posted to a finished worker.
    prefetch.prefetch('SELECT 1', 'mysql');
    await prefetch.close();
  }, 30_000);

  it('ends its worker when nothing asks for an analyser', async () => {
    const prefetch = startSqlPrefetch();
    prefetch.prefetch(SQL[0][0], 'mysql');
    await prefetch.close();
    await prefetch.close();
  }, 30_000);

  it('gives a run the findings of inline analysis when the guessed dialect is not the one decided', async () => {
    // Nothing but the code says this service is on PostgreSQL (TypeORM's type): its SQL is sent
    // ahead as MySQL, the configured default, and read as PostgreSQL once every file is extracted.
    const tree = memoryTree({
      'nilecare-lint.config.json': JSON.stringify({
        dialect: 'mysql',
        services: [
          { name: 'clinic', roots: ['services/clinic'] },
          { name: 'billing', roots: ['services/billing'] },
        ],
      }),
      'services/clinic/package.json': JSON.stringify({ name: 'clinic', dependencies: { typeorm: '^0.3' } }),
      'services/clinic/src/data-source.ts':
        "import { DataSource } from 'typeorm';\nexport default new DataSource({ type: 'postgres', host: 'db' });\n",
      'services/clinic/migrations/001_init.sql': 'CREATE TABLE visits (id SERIAL PRIMARY KEY, note TEXT);\n',
      'services/clinic/src/repo.ts':
        "export const q = (db: any) => db.query('SELECT v.id FROM visits v JOIN invoices i ON i.visit_id = v.id WHERE v.id = $1 LIMIT ALL', [1]);\n",
      'services/billing/package.json': JSON.stringify({ name: 'billing', dependencies: { mysql2: '^3' } }),
      'services/billing/migrations/001_init.sql': 'CREATE TABLE invoices (id INT AUTO_INCREMENT PRIMARY KEY, visit_id INT);\n',
      'services/billing/src/repo.ts': "export const q = (db: any) => db.query('SELECT id FROM invoices WHERE id = ? LIMIT 1', [1]);\n",
    });
    const inline = await lint({ cwd: tree.root, tree, sqlWorker: false });
    const ahead = await lint({ cwd: tree.root, tree, sqlWorker: true });
    expect(ahead.sqlAnalysis?.unused).toBeGreaterThan(0);
    expect(ahead.sqlAnalysis?.inline).toBeGreaterThan(0);
    expect(ahead.sqlAnalysis?.worker).toBeGreaterThan(0);
    expect(inline.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}:${d.endLine}:${d.endColumn} ${d.ruleId}`)).toContain(
      'services/clinic/src/repo.ts:1:72:1:80 no-cross-service-query',
    );
    expect(JSON.parse(JSON.stringify(ahead.diagnostics))).toEqual(JSON.parse(JSON.stringify(inline.diagnostics)));
    const sqlFacts = (run: typeof inline) =>
      run.model.files.map(({ path: file, sql, embeddedAnalyses }) => ({ file, sql, embeddedAnalyses }));
    expect(JSON.parse(JSON.stringify(sqlFacts(ahead)))).toEqual(JSON.parse(JSON.stringify(sqlFacts(inline))));
    // Read as PostgreSQL, as decided: `LIMIT ALL` parses (MySQL's parser rejects it), so no parse-error.
    expect(ahead.model.files.find((f) => f.path === 'services/clinic/src/repo.ts')?.embeddedAnalyses?.[0].dialect).toBe('postgresql');
    expect(ahead.diagnostics.filter((d) => d.ruleId === 'parse-error')).toEqual([]);
  }, 60_000);

  it('is used by default only with enough files and cores to spare', () => {
    expect(wantsSqlWorker(10, 8)).toBe(false);
    expect(wantsSqlWorker(100_000, 2)).toBe(false);
    expect(wantsSqlWorker(300, 4)).toBe(true);
  });
});
