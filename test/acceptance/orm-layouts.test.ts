/**
 * Acceptance: ownership and access through ORMs on fixtures/layouts/orm-ownership and
 * entity-access, zero config. Each case's EXPECTED.json gives the exact findings of its
 * exhaustive rules (every range checked against the token it must cover) and the tables each
 * service owns.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { lint, type LintRun } from '../../src/lint.js';
import type { Service } from '../../src/model/model.js';
import { fixtureFacts } from '../fixture-tree.js';
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
      run = await lint({ cwd: copyOfCase(caseName), factsCache: fixtureFacts() });
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
        // no-cross-service-import names the imported service `target`; EXPECTED.json calls every owner `owner`.
        const data =
          diagnostic?.data && 'target' in diagnostic.data ? { ...diagnostic.data, owner: diagnostic.data.target } : diagnostic?.data;
        expect(data, keyOf(finding)).toMatchObject(finding.data ?? {});
      }
    });

    it('each service owns exactly the tables its ORM declarations and migrations leave', () => {
      expect(run.model.services.map((s) => `${s.name}: ${ownedTables(s).join(', ')}`)).toEqual(
        expected.init.services.map((s) => `${s.name}: ${[...s.tables].sort().join(', ')}`),
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

  // With the rules' defaults: a run without config learns which services use no prefix, and table-prefix is quiet on them.
  it('ORM-created tables are declarations the naming rules see (table-prefix on knex, TypeORM and Prisma tables)', async () => {
    const withDefaults = await lint({ cwd: copyOfCase('orm-ownership'), config: {}, factsCache: fixtureFacts() });
    const prefixed = withDefaults.diagnostics
      .filter((d) => d.ruleId === 'table-prefix')
      .map((d) => `${d.file}:${d.line}:${d.column} ${String(d.data?.table)}`);
    expect(prefixed).toEqual(
      expect.arrayContaining([
        'services/stock-service/migrations/20230101090000_create_stocks.js:2:34 stocks',
        'services/catalog-service/src/migrations/1700000000000-CatalogInit.ts:16:16 product_images',
      ]),
    );
  });
});

describeCase('entity-access', ({ run, expected }) => {
  it("each cross-service query through an entity or Prisma client points at the import that brought it in and at the entity's definition", () => {
    const queries = expected.findings.filter((f) => f.ruleId === 'no-cross-service-query');
    const related = queries.map((f) => {
      const diagnostic = run().diagnostics.find((d) => keyOf(d) === keyOf(f))!;
      return [keyOf(f), ...(diagnostic.related ?? []).map((r) => `${r.file}:${r.range.line}:${r.range.column} ${r.message}`)];
    });
    expect(related).toEqual([
      [
        'no-cross-service-query services/order-service/src/orders/orders.service.ts:22:46-22:53',
        "services/order-service/src/orders/orders.service.ts:4:10 the Prisma client of 'invoice' is imported here",
        "services/billing-service/prisma/schema.prisma:10:7 'Invoice' maps to table 'invoices' here",
      ],
      [
        'no-cross-service-query services/order-service/src/orders/orders.service.ts:23:43-23:50',
        "services/order-service/src/orders/orders.service.ts:4:10 the Prisma client of 'payment' is imported here",
        "services/billing-service/prisma/schema.prisma:22:7 'Payment' maps to table 'payments' here",
      ],
      [
        'no-cross-service-query services/shipping-service/src/shipments/labels.service.ts:12:55-12:60',
        "services/shipping-service/src/shipments/labels.service.ts:3:10 'Order' is imported here",
        "services/order-service/src/entities/order.entity.ts:4:10 'Order' maps to table 'orders' here",
      ],
      [
        'no-cross-service-query services/shipping-service/src/shipments/labels.service.ts:14:55-14:64',
        "services/shipping-service/src/shipments/labels.service.ts:4:10 'OrderNote' is imported here",
        "services/order-service/src/entities/order-note.entity.ts:5:14 'OrderNote' maps to table 'order_note' here",
      ],
      [
        'no-cross-service-query services/shipping-service/src/shipments/shipments.service.ts:13:23-13:28',
        "services/shipping-service/src/shipments/shipments.service.ts:5:35 'Order' is imported here",
        "services/order-service/src/entities/order.entity.ts:4:10 'Order' maps to table 'orders' here",
      ],
      [
        'no-cross-service-query services/shipping-service/src/shipments/shipments.service.ts:19:54-19:63',
        "services/shipping-service/src/shipments/shipments.service.ts:4:10 'OrderItem' is imported here",
        "services/order-service/src/entities/order-item.entity.ts:4:10 'OrderItem' maps to table 'order_items' here",
      ],
      [
        'no-cross-service-query services/shipping-service/src/shipments/shipments.service.ts:21:27-21:36',
        "services/shipping-service/src/shipments/shipments.service.ts:4:10 'OrderItem' is imported here",
        "services/order-service/src/entities/order-item.entity.ts:4:10 'OrderItem' maps to table 'order_items' here",
      ],
      [
        'no-cross-service-query services/shipping-service/src/shipments/shipments.service.ts:26:62-26:74',
        "services/shipping-service/src/shipments/shipments.service.ts:5:10 'OrderAddress' is imported here",
        "services/order-service/src/entities/address.entity.ts:4:10 'Address' maps to table 'order_addresses' here",
      ],
      [
        'no-cross-service-query services/shipping-service/src/shipments/shipments.service.ts:32:59-32:64',
        "services/shipping-service/src/shipments/shipments.service.ts:5:35 'Order' is imported here",
        "services/order-service/src/entities/order.entity.ts:4:10 'Order' maps to table 'orders' here",
      ],
    ]);
  });

  it("same-named symbols resolve to the user's own: order-service's Payment and Address, shipping-service's Address", () => {
    const model = run().model;
    const file = (p: string) => model.files.find((f) => f.path === p)!;
    const tableOf = (p: string, line: number, symbol: string) => {
      const f = file(p);
      const use = f.script!.ormEntityUses.find(
        (u) => u.symbol === symbol && f.text.slice(0, u.fileSpan.start).split('\n').length === line,
      )!;
      const found = model.resolveEntityUse(f, use)!;
      return `${found.ref.name} (${found.resolution.kind === 'owned' ? found.resolution.owner.name : found.resolution.kind})`;
    };
    expect(tableOf('services/order-service/src/orders/orders.service.ts', 18, 'Payment')).toBe('order_payments (order-service)');
    expect(tableOf('services/order-service/src/orders/orders.service.ts', 20, 'Address')).toBe('order_addresses (order-service)');
    expect(tableOf('services/shipping-service/src/shipments/labels.service.ts', 13, 'Address')).toBe(
      'shipping_addresses (shipping-service)',
    );
    expect(tableOf('services/shipping-service/src/shipments/shipments.service.ts', 27, 'Address')).toBe(
      'shipping_addresses (shipping-service)',
    );
  });
});
