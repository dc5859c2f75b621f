import { describe, expect, it } from 'vitest';
import { extractScript } from '../../../src/analysis/typescript/index.js';

const reexports = (text: string) => extractScript('src/index.ts', text).script.reexports;

describe('re-exports', () => {
  it('records renamed, namespace and star re-exports, and renamed exports of declared or imported names', () => {
    expect(
      reexports(
        [
          "export { Patient as PatientEntity, Visit } from './patient.entity';",
          "export * as entities from './entities';",
          "export * from './base';",
          "export type { Row } from './row';",
          "import { Invoice } from '@acme/billing-db';",
          'class Local {}',
          'export { Invoice as BillingInvoice, Local as LocalEntity };',
        ].join('\n'),
      ),
    ).toEqual([
      { specifier: './patient.entity', imported: 'Patient', exported: 'PatientEntity' },
      { specifier: './patient.entity', imported: 'Visit', exported: 'Visit' },
      { specifier: './entities', imported: '*', exported: 'entities' },
      { specifier: './base', imported: '*', exported: '*' },
      { specifier: './row', imported: 'Row', exported: 'Row' },
      { specifier: '@acme/billing-db', imported: 'Invoice', exported: 'BillingInvoice' },
      { imported: 'Local', exported: 'LocalEntity' },
    ]);
  });

  it('a barrel of relative re-exports is read (it holds no other fact); plain export lists and declarations are no re-exports', () => {
    expect(reexports("export * from './a.entity';\nexport * from './b.entity';\n")).toEqual([
      { specifier: './a.entity', imported: '*', exported: '*' },
      { specifier: './b.entity', imported: '*', exported: '*' },
    ]);
    expect(reexports('const a = 1, b = 2;\nexport { a, b };\nexport class C {}\n')).toBeUndefined();
  });

  it('a member of an imported namespace passed as the entity is a use through that import', () => {
    const uses = extractScript(
      'src/a.ts',
      "import { billing } from '@acme/db';\nimport * as orders from './orders';\nexport const f = (ds) => [ds.getRepository(billing.Invoice), ds.getRepository(orders.Order)];\n",
    ).script.ormEntityUses.map((u) => ({ symbol: u.symbol, specifier: u.origin?.specifier, imported: u.origin?.imported }));
    expect(uses).toEqual([
      { symbol: 'Invoice', specifier: '@acme/db', imported: 'billing.Invoice' },
      { symbol: 'Order', specifier: './orders', imported: 'Order' },
    ]);
  });
});
