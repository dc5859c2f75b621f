/**
 * Tables that ORMs create, rename and drop join the same history as SQL migrations: ownership,
 * unknown-table and the names each migration sees come from one replay.
 */
import { describe, expect, it } from 'vitest';
import { config, findings, lintWithOwnershipRules as lintOwnership } from './ownership-run.js';

/** Billing's knex migrations: create three tables, then rename one and drop another; each down half reverts its up half. */
const knexMigrations = {
  'services/billing/migrations/20230101090000_create.js': [
    'exports.up = async (knex) => {',
    "  await knex.schema.createTable('ledgers', (t) => t.increments('id'));",
    "  await knex.schema.createTable('ledger_lines', (t) => t.increments('id'));",
    "  await knex.schema.createTable('legacy_import', (t) => t.increments('id'));",
    '};',
    'exports.down = async (knex) => {',
    "  await knex.schema.dropTable('legacy_import');",
    "  await knex.schema.dropTable('ledger_lines');",
    "  await knex.schema.dropTable('ledgers');",
    '};',
    '',
  ].join('\n'),
  'services/billing/migrations/20230215120000_rename.js': [
    'exports.up = async (knex) => {',
    "  await knex.schema.alterTable('ledgers', (t) => t.integer('reserved'));",
    "  await knex.schema.renameTable('ledger_lines', 'ledger_entries');",
    "  await knex.schema.dropTable('legacy_import');",
    '};',
    'exports.down = async (knex) => {',
    "  await knex.schema.renameTable('ledger_entries', 'ledger_lines');",
    "  await knex.schema.createTable('legacy_import', (t) => t.increments('id'));",
    '};',
    '',
  ].join('\n'),
};

describe('knex schema-builder migrations', () => {
  it("make the tables their service's, under their current names, with drops applied", async () => {
    const run = await lintOwnership(knexMigrations, config);
    expect(findings(run)).toEqual([]);
    expect(
      run.model
        .serviceByName('billing')!
        .createdTables.map((d) => `${d.table} ${d.via}${d.renamedFrom ? ` (was ${d.renamedFrom})` : ''}`)
        .sort(),
    ).toEqual(['ledger_entries migration (was ledger_lines)', 'ledgers migration']);
  });

  it('own uses are silent, foreign and stale uses are findings', async () => {
    const run = await lintOwnership(
      {
        ...knexMigrations,
        'services/billing/src/ledger.repo.js': "module.exports = (knex) => knex('ledger_entries').join('ledgers', 'a', 'b');\n",
        'services/payment/src/report.js': [
          "exports.a = (knex) => knex('ledgers').where({ id: 1 });",
          "exports.b = (knex) => knex('ledger_lines').select('*');",
          "exports.c = (knex) => knex('legacy_import').del();",
          '',
        ].join('\n'),
      },
      config,
    );
    expect(findings(run)).toEqual([
      "no-cross-service-query services/payment/src/report.js:1:29 Service 'payment' reads table 'ledgers' owned by service 'billing'.",
      "unknown-table services/payment/src/report.js:2:29 Table 'ledger_lines' used by service 'payment' is not owned or created by any service.",
      "unknown-table services/payment/src/report.js:3:29 Table 'legacy_import' used by service 'payment' is not owned or created by any service.",
    ]);
  });

  it('a down function that re-creates a dropped table declares nothing', async () => {
    const run = await lintOwnership(knexMigrations, config);
    expect(run.model.resolveTable({ name: 'legacy_import' }).kind).toBe('unknown');
  });

  it('withSchema puts the table in that schema', async () => {
    const run = await lintOwnership(
      {
        'services/clinical/migrations/20230301080000_wards.js':
          "exports.up = (knex) => knex.schema.withSchema('wards').createTable('beds', (t) => t.increments('id'));\n",
        'services/clinical/src/beds.js': "exports.list = (knex) => knex.withSchema('wards').from('beds');\n",
        'services/billing/src/beds.js': "exports.list = (knex) => knex.withSchema('wards').from('beds');\n",
      },
      config,
    );
    expect(findings(run)).toEqual([
      "no-cross-service-query services/billing/src/beds.js:1:57 Service 'billing' reads table 'wards.beds' owned by service 'clinical'.",
    ]);
    expect(run.model.serviceByName('clinical')!.createdTables.map((d) => `${d.database}.${d.table}`)).toEqual(['wards.beds']);
  });
});

describe('TypeORM and Sequelize migration APIs', () => {
  it('queryRunner.createTable(new Table({ name })) and queryInterface.createTable declare; renames and drops replay', async () => {
    const run = await lintOwnership(
      {
        'services/billing/src/migrations/1700000000000-Init.ts': [
          'export class Init1700000000000 {',
          '  async up(queryRunner: QueryRunner) {',
          "    await queryRunner.createTable(new Table({ name: 'receipts', columns: [] }));",
          "    await queryRunner.createTable(new Table({ name: 'receipt_drafts', columns: [] }));",
          '  }',
          "  async down(queryRunner: QueryRunner) { await queryRunner.dropTable('receipts'); }",
          '}',
          '',
        ].join('\n'),
        'services/billing/src/migrations/1700000000001-Rename.ts': [
          'export class Rename1700000000001 {',
          "  async up(queryRunner: QueryRunner) { await queryRunner.renameTable('receipt_drafts', 'receipt_pending'); }",
          "  async down(queryRunner: QueryRunner) { await queryRunner.renameTable('receipt_pending', 'receipt_drafts'); }",
          '}',
          '',
        ].join('\n'),
        'services/payment/migrations/20240101000000-create-refunds.js': [
          'module.exports = {',
          "  up: async (queryInterface) => { await queryInterface.createTable('refund_requests', {}); },",
          "  down: async (queryInterface) => { await queryInterface.dropTable('refund_requests'); },",
          '};',
          '',
        ].join('\n'),
        'services/payment/src/receipts.ts':
          "export const r = (db: any) => db.query('SELECT * FROM receipt_pending JOIN refund_requests USING (id)');\n",
      },
      config,
    );
    expect(findings(run)).toEqual([
      "no-cross-service-query services/payment/src/receipts.ts:1:55 Service 'payment' reads table 'receipt_pending' owned by service 'billing'.",
    ]);
    expect(
      run.model
        .serviceByName('billing')!
        .createdTables.map((d) => d.table)
        .sort(),
    ).toEqual(['receipt_pending', 'receipts']);
    expect(run.model.serviceByName('payment')!.createdTables.map((d) => d.table)).toEqual(['refund_requests']);
  });

  it("an entity's schema is its table's database", async () => {
    const run = await lintOwnership(
      {
        'services/clinical/src/ward.entity.ts': "@Entity({ name: 'wards', schema: 'hospital' })\nexport class Ward {}\n",
        'services/billing/src/wards.ts': "export const w = (db: any) => db.query('SELECT * FROM hospital.wards');\n",
      },
      config,
    );
    expect(run.model.serviceByName('clinical')!.createdTables.map((d) => `${d.database}.${d.table}`)).toEqual(['hospital.wards']);
    expect(findings(run)).toEqual([
      "no-cross-service-query services/billing/src/wards.ts:1:55 Service 'billing' reads table 'hospital.wards' owned by service 'clinical'.",
    ]);
  });
});
