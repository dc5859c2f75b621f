/**
 * A service's schema is what its migrations, schema files and ORM declarations create (HELDOUT6 #1): a
 * CREATE TABLE of another service's table in its tests, scripts or docs is a stub, which makes it no
 * owner, is judged by no rule, and is what its tests' SQL uses — while its code still reads the
 * owner's table. A configured claim init wrote before this is reported on the config, and
 * `init --force` takes it out.
 */
import { describe, expect, it } from 'vitest';
import { mergeInitConfig } from '../../src/commands/init-merge.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';
import { stubKindOf } from '../../src/model/schema-stubs.js';
import type { Service } from '../../src/model/model.js';

const mysqlPackage = (name: string) => JSON.stringify({ name, private: true, dependencies: { mysql2: '^3.9.7' } });
const PATIENTS = 'CREATE TABLE patients (id INT PRIMARY KEY, name VARCHAR(100));\n';
const READ = [
  "const pool = require('mysql2/promise').createPool({ database: process.env.DB_NAME });",
  "exports.withPatient = (id) => pool.query('SELECT i.id, p.name FROM invoices i JOIN patients p ON p.id = i.patient_id WHERE i.id = ?', [id]);",
  '',
].join('\n');
/** The real tables keep the audit's timestamps, so a timestamp-columns finding can only be about a stub. */
const STAMPS = 'created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP';
const BASE: Record<string, string> = {
  'services/patients/package.json': mysqlPackage('patients'),
  'services/patients/migrations/V1__patients.sql': `CREATE TABLE patients (id INT PRIMARY KEY, name VARCHAR(100), ${STAMPS});\n`,
  'services/billing/package.json': mysqlPackage('billing'),
  'services/billing/migrations/V1__invoices.sql': `CREATE TABLE invoices (id INT PRIMARY KEY, patient_id INT NOT NULL, ${STAMPS});\n`,
  'services/billing/src/invoices.js': READ,
};
const RULES = ['no-cross-service-query', 'ambiguous-table-owner', 'unknown-table', 'timestamp-columns', 'index-name'];

async function run(files: Record<string, string>) {
  const tree = memoryTree({ ...BASE, ...files }, { root: '/schema-stubs' });
  const result = await lint({ cwd: tree.root, tree });
  expect(result.internalErrors).toEqual([]);
  const findings = result.diagnostics
    .filter((d) => RULES.includes(d.ruleId))
    .map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`);
  const tables = (name: string) => result.model.serviceByName(name)!.createdTables.map((d) => `${d.table} ${d.file}`);
  return { result, findings, tables };
}

const CROSS_READ =
  "no-cross-service-query services/billing/src/invoices.js:2:84-2:92 Service 'billing' reads table 'patients' owned by service 'patients'.";

describe('stubs of another service’s table', () => {
  it.each([
    ['an integration test schema', 'services/billing/test/integration/schema.sql', 'test'],
    ['a local-setup script', 'services/billing/scripts/setup-local-db.sql', 'auxiliary'],
    ['a docs SQL file', 'services/billing/docs/data-model.sql', 'auxiliary'],
  ])('in %s make billing no owner: its read of patients is cross-service, the stub is judged by no rule', async (_, file, kind) => {
    const { result, findings, tables } = await run({
      [file]: `${PATIENTS}CREATE INDEX by_name ON patients (name);\nINSERT INTO patients VALUES (1, 'Test Patient');\n`,
    });
    expect(findings).toEqual([CROSS_READ]);
    expect(tables('billing')).toEqual(['invoices services/billing/migrations/V1__invoices.sql']);
    expect(result.model.schemaStubs.map((s) => `${s.service.name} ${s.declaration.table} ${s.declaration.file} ${s.kind}`)).toEqual([
      `billing patients ${file} ${kind}`,
    ]);
    // Without the stub file, the same read is the same finding: the stub changes nothing of billing's code.
    expect((await run({})).findings).toEqual([CROSS_READ]);
  });

  it('created by a testcontainers test: that test and the service’s other tests use the stub; a script creating none reads the owner’s table', async () => {
    const { findings } = await run({
      'services/billing/test/invoices.int.test.js': [
        'beforeAll(async () => {',
        "  await client.query('CREATE TABLE patients (id INT PRIMARY KEY, name VARCHAR(100))');",
        '  await client.query("INSERT INTO patients (id, name) VALUES (1, \'A\')");',
        '});',
        '',
      ].join('\n'),
      'services/billing/test/count.test.js': "test('n', () => client.query('SELECT COUNT(*) FROM patients'));\n",
      'services/billing/scripts/backfill.js': "pool.query('SELECT name FROM patients WHERE id = 1');\n",
    });
    expect(findings).toEqual([
      "no-cross-service-query services/billing/scripts/backfill.js:1:30-1:38 Service 'billing' reads table 'patients' owned by service 'patients'.",
      CROSS_READ,
    ]);
  });

  it('stay declarations when no other service creates the table: a script can be the only schema a service has', async () => {
    const { findings, tables, result } = await run({
      'services/billing/scripts/init.sql': 'CREATE TABLE report_runs (id INT PRIMARY KEY);\n',
      'services/billing/src/runs.js': "pool.query('SELECT id FROM report_runs');\n",
    });
    expect(tables('billing')).toEqual([
      'invoices services/billing/migrations/V1__invoices.sql',
      'report_runs services/billing/scripts/init.sql',
    ]);
    expect(result.model.schemaStubs).toEqual([]);
    expect(findings).toEqual([
      "timestamp-columns services/billing/scripts/init.sql:1:14-1:25 Table 'report_runs' has no 'created_at' column.",
      "timestamp-columns services/billing/scripts/init.sql:1:14-1:25 Table 'report_runs' has no 'updated_at' column.",
      CROSS_READ,
    ]);
  });

  it('in both services’ tests of each other’s tables make neither an owner of the other’s table', async () => {
    const { findings, tables } = await run({
      'services/patients/test/schema.sql': 'CREATE TABLE invoices (id INT PRIMARY KEY);\n',
      'services/billing/test/schema.sql': PATIENTS,
    });
    expect(tables('patients')).toEqual(['patients services/patients/migrations/V1__patients.sql']);
    expect(tables('billing')).toEqual(['invoices services/billing/migrations/V1__invoices.sql']);
    expect(findings).toEqual([CROSS_READ]);
  });

  it('a config claim init wrote from a stub is reported on the config entry; a claim of a table billing creates is not', async () => {
    const config = [
      '{',
      '  "services": [',
      '    { "name": "billing", "roots": ["services/billing"], "tables": ["invoices", "patients"] },',
      '    { "name": "patients", "roots": ["services/patients"], "tables": ["patients"] }',
      '  ]',
      '}',
      '',
    ].join('\n');
    const { findings, result } = await run({ 'nilecare-lint.config.json': config, 'services/billing/test/schema.sql': PATIENTS });
    expect(findings).toEqual([
      "ambiguous-table-owner nilecare-lint.config.json:3:80-3:90 The config gives table 'patients' to service 'billing', whose tests only create a stub of it; it is created by service 'patients'.",
    ]);
    const finding = result.diagnostics.find((d) => d.ruleId === 'ambiguous-table-owner')!;
    expect(finding.related?.map((r) => `${r.file}:${r.range.line}:${r.range.column} ${r.message}`)).toEqual([
      "services/billing/test/schema.sql:1:14 the stub of 'patients'",
      "services/patients/migrations/V1__patients.sql:1:14 'patients' creates 'patients' here",
    ]);
    // The claim itself still wins over inference (the config is the user's): billing's read stays its own until it is removed.
    expect(findings.some((f) => f.startsWith('no-cross-service-query'))).toBe(false);
    const fixed = await run({
      'nilecare-lint.config.json': config.replace(', "patients"]', ']'),
      'services/billing/test/schema.sql': PATIENTS,
    });
    expect(fixed.findings).toEqual([CROSS_READ]);
  });
});

describe('a table only tests create and use: their fixture (HELDOUT11 #22, #23)', () => {
  const FIXTURE_RULES = ['unknown-table', 'timestamp-columns', 'primary-key-name', 'service-without-migrations', 'table-prefix'];
  async function fixtureRun(files: Record<string, string>) {
    const tree = memoryTree(files, { root: '/test-fixtures' });
    const result = await lint({ cwd: tree.root, tree });
    expect(result.internalErrors).toEqual([]);
    return {
      result,
      findings: result.diagnostics
        .filter((d) => FIXTURE_RULES.includes(d.ruleId))
        .map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`),
      tables: result.model.services.flatMap((service) => service.createdTables.map((d) => `${service.name} ${d.table}`)),
    };
  }
  const pgPackage = (name: string) => JSON.stringify({ name, private: true, main: 'index.ts', dependencies: { pg: '^8.11.0' } });
  // drizzle-datasource tests/datasource.test.ts:26: a race test's scratch table, written and read by tests only.
  const RACE_TEST = [
    'async function createSchema(config) {',
    '  const pool = new Pool(config);',
    '  await pool.query(`CREATE TABLE IF NOT EXISTS race_side_effects (tag TEXT NOT NULL)`);',
    '}',
    "test('race', async () => {",
    "  await pool.query('INSERT INTO race_side_effects (tag) VALUES ($1)', ['a']);",
    '});',
    '',
  ].join('\n');
  const SERVICE = {
    'packages/datasource/package.json': pgPackage('datasource'),
    'packages/datasource/index.ts':
      "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n",
    'packages/datasource/tests/datasource.test.ts': RACE_TEST,
    'packages/datasource/tests/count.test.ts': "test('n', () => pool.query('SELECT COUNT(*) FROM race_side_effects'));\n",
    // drizzle-datasource tests/custom-pool.test.ts:12: a test's Drizzle table for a table only tests use.
    'packages/datasource/tests/custom-pool.test.ts':
      "import { pgTable, text } from 'drizzle-orm/pg-core';\nconst greetingsTable = pgTable('greetings', { name: text('name').primaryKey().notNull() });\n",
  };

  it('is no table of the service: no naming rule, no service-without-migrations; the tests’ reads and writes resolve to it', async () => {
    const { result, findings, tables } = await fixtureRun(SERVICE);
    expect(result.model.services.map((s) => s.name)).toEqual(['datasource']);
    expect(tables).toEqual([]);
    expect(findings).toEqual([]);
    expect(result.model.schemaStubs.map((s) => `${s.service.name} ${s.declaration.table} ${s.declaration.file} ${s.kind}`)).toEqual([
      'datasource greetings packages/datasource/tests/custom-pool.test.ts test',
      'datasource race_side_effects packages/datasource/tests/datasource.test.ts test',
    ]);
  });

  it('stays the service’s table when its code uses it (the test’s CREATE is the best evidence there is), judged as before', async () => {
    const { result, findings, tables } = await fixtureRun({
      ...SERVICE,
      'packages/datasource/src/effects.ts': "export const effects = () => pool.query('SELECT tag FROM race_side_effects');\n",
    });
    expect(tables).toEqual(['datasource race_side_effects']);
    expect(result.model.schemaStubs.map((s) => s.declaration.table)).toEqual(['greetings']);
    expect(findings).toEqual([
      'primary-key-name packages/datasource/tests/datasource.test.ts:3:48-3:65',
      'service-without-migrations packages/datasource/tests/datasource.test.ts:3:48-3:65',
      'timestamp-columns packages/datasource/tests/datasource.test.ts:3:48-3:65',
      'timestamp-columns packages/datasource/tests/datasource.test.ts:3:48-3:65',
    ]);
  });

  it('in tests outside every service (a library’s) is judged by no naming rule either', async () => {
    const { result } = await fixtureRun({
      ...SERVICE,
      'packages/knex-plugin/package.json': JSON.stringify({ name: 'knex-plugin', peerDependencies: { knex: '^3.0.0' } }),
      'packages/knex-plugin/tests/datasource.test.ts':
        "beforeAll(() => userDB.query('CREATE TABLE IF NOT EXISTS greetings (name TEXT PRIMARY KEY NOT NULL, greet_count INTEGER DEFAULT 0)'));\n",
    });
    expect(result.diagnostics.filter((d) => d.file.startsWith('packages/knex-plugin/')).map((d) => d.ruleId)).toEqual([]);
  });
});

describe('migrations in a service’s test sources (HELDOUT7 #13)', () => {
  const STUB = `${PATIENTS}INSERT INTO patients (id, name) VALUES (1, 'Test Patient');\n`;
  it.each([
    [
      'Maven / Gradle src/test/resources (Flyway’s test location)',
      'services/billing/src/test/resources/db/migration/V1_1__stub_patients.sql',
    ],
    ['a Gradle integrationTest source set', 'services/billing/src/integrationTest/resources/db/migration/V1_1__stub_patients.sql'],
    ['a test/ folder of migrations', 'services/billing/test/fixtures/migrations/001_patients.sql'],
    ['Go’s testdata/', 'services/billing/internal/store/testdata/migrations/000001_patients.up.sql'],
  ])('%s stub the table: billing is no owner, no rule judges the stub, billing’s read stays cross-service', async (_, file) => {
    const { result, findings, tables } = await run({ [file]: STUB });
    expect(findings).toEqual([CROSS_READ]);
    expect(tables('billing')).toEqual(['invoices services/billing/migrations/V1__invoices.sql']);
    expect(result.model.schemaStubs.map((s) => `${s.declaration.table} ${s.declaration.file} ${s.kind}`)).toEqual([
      `patients ${file} test`,
    ]);
    // Not a migration of billing's: no migration rule reads it, and its folder is not billing's history.
    expect(result.model.migrations.inMigrationFolder(file)).toBe(false);
    expect(result.diagnostics.filter((d) => d.file === file).map((d) => d.ruleId)).toEqual([]);
  });

  it('a DROP TABLE in a test migration retires none of the service’s tables', async () => {
    const { findings, tables } = await run({
      'services/billing/src/test/resources/db/migration/V2_1__reset_invoices.sql': 'DROP TABLE IF EXISTS invoices;\n',
    });
    expect(tables('billing')).toEqual(['invoices services/billing/migrations/V1__invoices.sql']);
    expect(findings).toEqual([CROSS_READ]);
  });

  it('a main migration folder of the same shape still creates the service’s tables (the near miss: src/main/resources)', async () => {
    const { findings, tables } = await run({
      'services/billing/src/main/resources/db/migration/V2__patients.sql': STUB,
    });
    expect(tables('billing')).toEqual([
      'invoices services/billing/migrations/V1__invoices.sql',
      'patients services/billing/src/main/resources/db/migration/V2__patients.sql',
    ]);
    // billing's own table now (two services creating one table without a shared database are two tables): its read is its own.
    expect(findings).toEqual([
      "timestamp-columns services/billing/src/main/resources/db/migration/V2__patients.sql:1:14-1:22 Table 'patients' has no 'created_at' column.",
      "timestamp-columns services/billing/src/main/resources/db/migration/V2__patients.sql:1:14-1:22 Table 'patients' has no 'updated_at' column.",
    ]);
  });

  it('a configured migrations folder in test sources is the user’s word: it counts', async () => {
    const config = JSON.stringify({
      services: [
        { name: 'billing', roots: ['services/billing'], migrations: ['services/billing/src/test/resources/db/migration'] },
        { name: 'patients', roots: ['services/patients'] },
      ],
    });
    const file = 'services/billing/src/test/resources/db/migration/V1__invoices.sql';
    const { result } = await run({ 'nilecare-lint.config.json': config, [file]: 'CREATE TABLE invoice_notes (id INT PRIMARY KEY);\n' });
    expect(result.model.migrations.inMigrationFolder(file)).toBe(true);
  });
});

describe('stubKindOf', () => {
  const service = { name: 'billing', roots: ['services/billing'] } as Service;
  it.each([
    ['services/billing/test/integration/schema.sql', 'test'],
    ['services/billing/src/invoices.int.test.ts', 'test'],
    ['services/billing/__tests__/db.js', 'test'],
    ['services/billing/src/test/resources/schema.sql', 'test'],
    ['services/billing/src/integrationTest/resources/init.sql', 'test'],
    ['services/billing/src/testFixtures/resources/patients.sql', 'test'],
    ['services/billing/src/it/resources/init.sql', 'test'],
    ['services/billing/internal/store/testdata/schema.sql', 'test'],
    ['services/billing/src/main/resources/schema.sql', undefined],
    ['services/billing/src/items/schema.sql', undefined],
    ['services/billing/src/latest/schema.sql', undefined],
    ['services/billing/scripts/setup-local-db.sql', 'auxiliary'],
    ['services/billing/docs/data-model.sql', 'auxiliary'],
    ['services/billing/fixtures/schema.sql', 'auxiliary'],
    ['services/billing/db/schema.sql', undefined],
    ['services/billing/src/scripts.ts', undefined],
  ])('%s → %s', (file, kind) => expect(stubKindOf(file, service)).toBe(kind));

  it('looks below the service’s root only: a service kept under a scripts/ folder is no stub', () => {
    const tools = { name: 'etl', roots: ['tools/scripts/etl'] } as Service;
    expect(stubKindOf('tools/scripts/etl/schema.sql', tools)).toBeUndefined();
    expect(stubKindOf('tools/scripts/etl/test/schema.sql', tools)).toBe('test');
  });
});

describe('init --force and a stub in `tables`', () => {
  const existing = [
    '{',
    '  "services": [',
    '    // billing, agreed 2026-03',
    '    { "name": "billing", "roots": ["services/billing"], "tables": ["invoices", "patients", "refunds"] }',
    '  ]',
    '}',
    '',
  ].join('\n');
  const learned = { services: [{ name: 'billing', roots: ['services/billing'], tables: ['invoices'] }] };

  it('removes the stubbed table, says why, and keeps the rest (a hand-added table, the comment)', () => {
    const merged = mergeInitConfig(existing, learned, [
      { service: 'billing', table: 'patients', reason: "only a stub in its tests, t.sql; 'patients' creates the table" },
    ]);
    expect(merged.changes).toEqual([
      "services['billing'].tables: removed 'patients' (only a stub in its tests, t.sql; 'patients' creates the table)",
    ]);
    expect(merged.text).toContain('// billing, agreed 2026-03');
    expect(JSON.parse(merged.text.replace(/\/\/.*$/m, '')).services[0].tables).toEqual(['invoices', 'refunds']);
  });

  it('without stubs keeps every table the user has', () => {
    expect(mergeInitConfig(existing, learned).changes).toEqual([]);
  });
});
