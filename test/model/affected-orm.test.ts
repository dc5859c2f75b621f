import { describe, expect, it } from 'vitest';
import type { FileFacts } from '../../src/analysis/facts.js';
import { extractScript } from '../../src/analysis/typescript/index.js';
import { declaredTables, referencedTables } from '../../src/model/affected.js';

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
