import { describe, expect, it } from 'vitest';
import type { FileFacts } from '../../src/analysis/facts.js';
import { extractScript } from '../../src/analysis/typescript/index.js';
import { affectedFiles, declaredTables, referencedTables, tableReferences } from '../../src/model/affected.js';
import { cachedFacts } from '../support/cached-facts.js';

const facts = (path: string, text: string): FileFacts => ({
  path,
  kind: 'script',
  hash: '',
  lineStarts: [0],
  text,
  comments: [],
  problems: [],
  script: extractScript(path, text).script,
});

describe('changed-files mode: tables an ORM migration declares', () => {
  it('counts schema-API creates, alters, drops and both names of a rename, but not queries', () => {
    const file = facts(
      'services/stock/migrations/20230215_rename.js',
      [
        'exports.up = async (knex) => {',
        "  await knex.schema.createTable('stocks', () => {});",
        "  await knex.schema.alterTable('stock_moves', () => {});",
        "  await knex.schema.renameTable('stock_levels', 'stock_snapshots');",
        "  await knex.schema.dropTable('legacy_import');",
        "  await knex('warehouses').insert({ code: 'A' });",
        '};',
      ].join('\n'),
    );
    expect(declaredTables(file).sort()).toEqual([
      'legacy_import',
      'stock_levels',
      'stock_moves',
      'stock_snapshots',
      'stock_snapshots',
      'stocks',
    ]);
  });

  it('an aliased entity import counts under the name its module declares', () => {
    const file = facts(
      'services/shipping/src/plan.ts',
      "import { Address as OrderAddress } from '../../orders/src/entities';\nexport const a = (ds: any) => ds.getRepository(OrderAddress).find();\n",
    );
    expect(referencedTables(file)).toEqual(['orderaddress', 'address']);
  });
});

describe('changed-files mode: tables named through holes (issue 14)', () => {
  const constants = facts('services/billing/src/db/tables.ts', "export const TABLES = { PATIENTS: 'patients' } as const;\n");
  const importing = facts(
    'services/billing/src/report.ts',
    "import { TABLES } from './db/tables';\nexport const a = () => pool.query(`SELECT * FROM ${TABLES.PATIENTS}`);\n",
  );
  const conditional = facts(
    'services/billing/src/history.ts',
    "export const b = (old: boolean) => pool.query(`SELECT * FROM ${old ? 'orders_archive' : 'orders'}`);\n",
  );
  const unrelated = facts('services/billing/src/other.ts', "export const c = () => pool.query('SELECT * FROM invoices');\n");
  const migration = facts(
    'services/clinical/migrations/1_archive.js',
    "exports.up = (knex) => knex.schema.createTable('orders_archive', () => {});\n",
  );
  const files = [constants, importing, conditional, unrelated, migration];

  it("a conditional's values are referenced tables", () => {
    expect(referencedTables(conditional)).toEqual(['orders_archive', 'orders']);
  });

  it('a changed constants module re-checks the files reading imported names; a changed table, them and the ones naming it', () => {
    expect(affectedFiles({ files, changed: [constants.path] }).files).toEqual([constants.path, importing.path]);
    expect(affectedFiles({ files, changed: [migration.path] }).files).toEqual([conditional.path, importing.path, migration.path]);
    expect(affectedFiles({ files, changed: [unrelated.path] }).files).toEqual([unrelated.path]);
  });
});

describe('changed-files mode: facts decoded on first read (issue 16)', () => {
  const constants = facts('services/billing/src/db/tables.ts', "export const TABLES = { PATIENTS: 'patients' } as const;\n");
  const importing = facts(
    'services/billing/src/report.ts',
    "import { TABLES } from './db/tables';\nexport const a = () => pool.query(`SELECT * FROM ${TABLES.PATIENTS}`);\n",
  );
  const orders = facts(
    'services/billing/src/orders.ts',
    "export const b = (knex: any) => knex('Orders').join('invoices', 'invoices.order_id', 'Orders.id');\n",
  );
  const unrelated = facts('services/billing/src/other.ts', "export const c = () => pool.query('SELECT * FROM payments');\n");
  const migration = facts(
    'services/billing/migrations/2_orders.js',
    "exports.up = (knex) => knex.schema.alterTable('orders', () => {});\n",
  );
  const cached = [constants, importing, orders, unrelated];

  it('a file tells the tables it refers to from its summary: only the changed files are decoded, and the same files are re-checked', () => {
    expect(tableReferences(orders)).toEqual({ tables: ['invoices', 'orders'] });
    expect(tableReferences(importing)).toEqual({ tables: [], importedNames: true });
    const decodes: string[] = [];
    const lazy = cached.map((file) => cachedFacts(file, decodes, tableReferences(file)));
    const affected = affectedFiles({ files: [...lazy, migration], changed: [migration.path] });
    expect(affected).toEqual(affectedFiles({ files: [...cached, migration], changed: [migration.path] }));
    expect(affected.files).toEqual([migration.path, orders.path, importing.path].sort());
    expect(decodes).toEqual([]);
  });

  it('a summary stored without them (not told by the run that stored it) means the facts are read', () => {
    const decodes: string[] = [];
    const lazy = cached.map((file) => cachedFacts(file, decodes));
    expect(affectedFiles({ files: [...lazy, migration], changed: [migration.path] }).files).toEqual(
      [migration.path, orders.path, importing.path].sort(),
    );
    expect(decodes).toEqual(cached.map((file) => file.path));
  });
});
