/**
 * Acceptance: ownership and access through ORMs on fixtures/layouts/orm-ownership and
 * entity-access, zero config. Each case's EXPECTED.json gives the exact findings of its
 * exhaustive rules (every range checked against the token it must cover) and the tables each
 * service owns.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { lint, type LintRun } from '../../src/lint.js';
import type { Service } from '../../src/model/model.js';
import { copyOfCase, findingsOf, keyOf, readExpected, textAt, type ExpectedCase } from './layout-case.js';

/** A service's tables as EXPECTED.json writes them: qualified when they live outside the service's own databases. */
function ownedTables(service: Service): string[] {
  const own = new Set(service.databases.map((d) => d.name.toLowerCase()));
  return service.createdTables.map((d) => (d.database && !own.has(d.database.toLowerCase()) ? `${d.database}.${d.table}` : d.table)).sort();
}

function describeCase(caseName: string, extra: (state: { run: () => LintRun; expected: ExpectedCase }) => void): void {
  describe(`fixtures/layouts/${caseName} (acceptance, zero config)`, () => {
    const expected = readExpected(caseName);
    let run: LintRun;
    beforeAll(async () => {
      run = await lint({ cwd: copyOfCase(caseName) });
    }, 120_000);

    it('lints without internal errors, and every expected range covers its token', () => {
      expect(run.internalErrors).toEqual([]);
      expect(run.configFile).toBeUndefined();
      expect(expected.findings.map((f) => `${keyOf(f)} «${textAt(caseName, f)}»`)).toEqual(
        expected.findings.map((f) => `${keyOf(f)} «${f.token}»`),
      );
    });

    it(`reports exactly the expected findings of ${expected.exhaustiveRules.join(', ')}`, () => {
      expect(findingsOf(run.diagnostics, expected.exhaustiveRules)).toEqual(expected.findings.map(keyOf).sort());
    });

    it('each finding carries the expected service, table, owner and verb', () => {
      for (const finding of expected.findings) {
        const diagnostic = run.diagnostics.find((d) => keyOf(d) === keyOf(finding));
        expect(diagnostic?.data, keyOf(finding)).toMatchObject(finding.data ?? {});
      }
    });

    it('each service owns exactly the tables its ORM declarations and migrations leave', () => {
      expect(run.model.services.map((s) => `${s.name}: ${ownedTables(s).join(', ')}`)).toEqual(
        expected.init.services.map((s) => `${s.name}: ${s.tables.join(', ')}`),
      );
    });

    extra({ run: () => run, expected });
  });
}

describeCase('orm-ownership', ({ run }) => {
  it('a knex migration sees the names of its time: the rename and the drop name tables that are gone afterwards', () => {
    const stock = run().model.serviceByName('stock-service')!;
    const renamed = stock.createdTables.find((d) => d.table === 'stock_snapshots');
    expect(renamed).toMatchObject({
      renamedFrom: 'stock_levels',
      file: 'services/stock-service/migrations/20230215120000_reserved_and_snapshots.js',
      range: { line: 5, column: 50, endLine: 5, endColumn: 65 },
    });
    const migration = 'services/stock-service/migrations/20230101090000_create_stocks.js';
    expect(run().model.resolveTable({ name: 'legacy_stock_import' }, stock, migration)).toMatchObject({ kind: 'owned', owner: stock });
    expect(run().model.resolveTable({ name: 'legacy_stock_import' }, stock)).toEqual({ kind: 'unknown' });
  });

  it('ORM-created tables are declarations the naming rules see (table-prefix on knex, TypeORM and Prisma tables)', () => {
    const prefixed = run()
      .diagnostics.filter((d) => d.ruleId === 'table-prefix')
      .map((d) => `${d.file}:${d.line}:${d.column} ${String(d.data?.table)}`);
    expect(prefixed).toEqual(
      expect.arrayContaining([
        'services/stock-service/migrations/20230101090000_create_stocks.js:2:34 stocks',
        'services/catalog-service/src/migrations/1700000000000-CatalogInit.ts:16:16 product_images',
      ]),
    );
  });
});
