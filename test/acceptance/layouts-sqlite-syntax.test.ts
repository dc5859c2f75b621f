/**
 * Acceptance: SQLite's own SQL where no SQLite service is (issue 14, HELDOUT16 #16). sqlite-patches-beside-mariadb: a
 * one-package repository decided MySQL that names SQLite among its engines, whose SQLite patch files gave 2
 * migration-dialect-mismatch errors; root-sqlite-scripts: SQLite files outside every service that no package.json names,
 * read as MySQL (6 parse-error warnings). Zero config, each case on a copy outside this checkout.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { lint, type LintRun } from '../../src/lint.js';
import { effectiveConfigFor } from '../../src/commands/print-config.js';
import { describeDialect } from '../../src/model/service-dialect.js';
import { fixtureFacts } from '../fixture-tree.js';
import { copyOfCase, findingsOf, keyOf, readExpected } from './layout-case.js';

/** How each SQL file of the run was read: `path: sqlite` (by SQLite's tokens) or `path: mysql` / `postgresql` (parsed). */
const readings = (run: LintRun) =>
  run.model.files.filter((f) => f.kind === 'sql').map((f) => `${f.path}: ${f.sql?.byTokensOnly ?? f.sql?.dialect}`);

describe.each(['sqlite-patches-beside-mariadb', 'root-sqlite-scripts'])('fixtures/layouts/%s (acceptance, zero config)', (caseName) => {
  const expected = readExpected(caseName);
  let run: LintRun;
  let copy: string;
  beforeAll(async () => {
    copy = copyOfCase(caseName);
    run = await lint({ cwd: copy, factsCache: fixtureFacts() });
  }, 120_000);

  it('reports exactly the expected findings of its exhaustive rules, without internal errors', () => {
    expect(run.internalErrors).toEqual([]);
    expect(findingsOf(run.diagnostics, expected.exhaustiveRules)).toEqual(expected.findings.map(keyOf).sort());
  });

  if (caseName === 'sqlite-patches-beside-mariadb') {
    it("reads the patch files in SQLite's syntax by SQLite's tokens, the one without a SQLite mark as MySQL", () => {
      expect(readings(run)).toEqual([
        'db/patch-add-timeout-monitor.sql: mysql',
        'db/patch-group-table.sql: sqlite',
        'db/patch-monitor-interval.sql: sqlite',
        'db/patch-setting-value-type.sql: sqlite',
      ]);
      // Their tables and indexes are read: monitor_group and its [fk], the renamed setting and monitor.
      const patch = run.model.files.find((f) => f.path === 'db/patch-group-table.sql')!;
      expect(patch.sql!.statements.flatMap((s) => s.indexes.map((i) => `${i.name} on ${i.table}`))).toEqual(['fk on monitor_group']);
    });

    it('the service stays MySQL, names SQLite among its engines, and says so', () => {
      const [service] = run.model.services;
      expect([service.name, service.dialect, service.dialectDecision?.engines]).toEqual([
        'uptime-kuma',
        'mysql',
        ['mysql', 'postgresql', 'sqlite'],
      ]);
      expect(describeDialect(service.dialectDecision)).toMatch(
        /^mysql from its connection settings .*; SQLite too: a SQL file in its syntax is read by SQLite's tokens$/,
      );
    });

    it('keeps the table of a rejected UPDATE [group] in code read as MySQL (counted as SQLite syntax, no parse-error)', () => {
      const database = run.model.files.find((f) => f.path === 'server/database.js')!;
      const statement = database.embeddedAnalyses!.flatMap((a) => a?.statements ?? []).find((s) => s.text.startsWith('UPDATE [group]'))!;
      expect(statement.parseError).toBeDefined();
      expect(statement.tableRefs.map((r) => `${r.action} ${r.name}`)).toEqual(['update group']);
      expect(run.unsupportedSql?.byConstruct.map((c) => `${c.construct} ×${c.statements}`)).toEqual([
        'SQLite (no parser here) ×22',
        'SQLite syntax ×1',
      ]);
    });

    it('--print-config says where a patch file is read as SQLite', async () => {
      const printed = await effectiveConfigFor({ cwd: copy, file: 'db/patch-group-table.sql' });
      expect([printed.dialect, printed.dialectSource]).toEqual([
        'sqlite',
        'file syntax: SQLite (AUTOINCREMENT, PRAGMA, sqlite_master, [bracket] names) — not parsed here: read by its tokens only',
      ]);
    });
  } else {
    it("reads the root SQLite files by SQLite's tokens and the services' migrations in their dialects, and says so once", () => {
      expect(readings(run)).toEqual([
        'db/schema.sql: sqlite',
        'db/seed.sql: sqlite',
        'services/catalog/migrations/V1__products.sql: mysql',
        'services/orders/migrations/1716200000000_orders.sql: postgresql',
      ]);
      expect(run.notices.filter((n) => n.startsWith('SQL outside every service'))).toEqual([
        "SQL outside every service (db/schema.sql, db/seed.sql) was read as SQLite's, the engine its own path or syntax names: its table references were read from tokens, and no statement was checked for syntax.",
      ]);
    });

    it('--print-config says a root SQLite file is read as SQLite by its syntax', async () => {
      const printed = await effectiveConfigFor({ cwd: copy, file: 'db/seed.sql' });
      expect([printed.dialect, printed.dialectSource]).toEqual([
        'sqlite',
        'file syntax: SQLite (AUTOINCREMENT, PRAGMA, sqlite_master) — not parsed here: read by its tokens only',
      ]);
    });
  }
});
