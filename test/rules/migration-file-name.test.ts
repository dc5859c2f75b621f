import { describe, expect, it } from 'vitest';
import rule, { suggestedName } from '../../rules/migration-file-name.js';
import { createMigrations, isMigrationFile, migrationVersion, releaseOrderKey } from '../../src/model/migrations.js';
import { migrationNamer } from '../../rules/support/next-migration.js';
import { defaultTestConfig, ruleTester } from '../rule-tester.js';

const createUsers = 'CREATE TABLE auth_users (id CHAR(36) PRIMARY KEY);\n';

ruleTester.run(rule, {
  valid: [
    {
      name: 'a Liquibase changelog with changeSets is a migration its ids version, not a file to rename',
      filename: 'services/auth/db/changelog/db.changelog-master.yaml',
      code: 'databaseChangeLog:\n  - changeSet:\n      id: 1\n      author: a\n      changes:\n        - createTable: { tableName: auth_users }\n',
      config: { ...defaultTestConfig, rules: { 'migration-file-name': ['warn', { patterns: ['^V\\d+__\\w+\\.sql$'] }] } },
    },
    { name: 'Flyway versioned', filename: 'services/auth/migrations/V1__initial_schema.sql', code: createUsers },
    {
      name: 'Flyway dotted version',
      filename: 'services/auth/migrations/V1.2__add_mfa_support.sql',
      code: 'ALTER TABLE auth_users ADD mfa_secret VARCHAR(64);',
    },
    { name: 'Flyway undo', filename: 'services/auth/migrations/U1__initial_schema.sql', code: 'DROP TABLE auth_users;' },
    {
      name: 'Flyway repeatable',
      filename: 'services/auth/migrations/R__auth_views.sql',
      code: 'CREATE OR REPLACE VIEW auth_active AS SELECT id FROM auth_users;',
    },
    {
      name: 'Flyway callbacks are named after their event and never versioned',
      filename: 'services/auth/db/migration/afterMigrate.sql',
      code: 'GRANT SELECT ON ALL TABLES IN SCHEMA public TO auth_reader;',
    },
    {
      name: 'a Flyway callback with a description',
      filename: 'services/auth/db/migration/beforeMigrate__lock_timeout.sql',
      code: "SET lock_timeout = '5s';",
    },
    {
      name: "date_time stamp (the audit's recommendation)",
      filename: 'services/auth/migrations/20251015_100000_create_auth_tables.sql',
      code: createUsers,
    },
    {
      name: 'compact timestamp with dash',
      filename: 'services/billing/migrations/20251015100000-create-invoices.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
    },
    {
      name: 'Unix milliseconds',
      filename: 'services/payment/migrations/1697360000000_create_payments.sql',
      code: 'CREATE TABLE payments (id CHAR(36) PRIMARY KEY);',
    },
    {
      name: 'typeorm migration class',
      filename: 'services/payment/src/migrations/1697360000000-CreatePayments.ts',
      code: 'export class CreatePayments1697360000000 {}\n',
    },
    {
      name: 'knex migration in db/migrate',
      filename: 'services/billing/db/migrate/20251015100000_create_invoices.js',
      code: 'exports.up = (knex) => knex.schema.createTable("invoices", () => {});\n',
    },
    {
      name: 'Prisma keeps the timestamp on the folder',
      filename: 'services/billing/prisma/migrations/20251015100000_init/migration.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
    },
    {
      name: 'golang-migrate up file',
      filename: 'services/billing/migrations/20251015100000_create_invoices.up.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
    },
    {
      name: 'schema file outside a migrations folder',
      filename: 'services/billing/database/schema.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
    },
    {
      name: 'a runner script in the migrations folder is tooling',
      filename: 'services/auth/migrations/run-migrations.ts',
      code: "import { migrate } from './migrate.js';\nawait migrate();\n",
    },
    { name: 'a test beside migrations', filename: 'services/auth/migrations/001_init.test.ts', code: "it('applies', () => {});\n" },
    {
      name: 'configured migration folders replace the default folder names',
      filename: 'services/auth/migrations/001_initial_schema.sql',
      code: createUsers,
      config: { ...defaultTestConfig, services: [{ name: 'auth', roots: ['services/auth'], migrations: ['services/auth/db/changes/**'] }] },
    },
    {
      name: "drizzle-kit's default out folder (drizzle/meta/_journal.json orders it)",
      filename: 'services/billing/drizzle/0000_sturdy_wolverine.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
    },
    {
      name: "drizzle-kit's out folder per database below drizzle/ (drizzle/manage/, drizzle/runtime/: HELDOUT15 #8)",
      filename: 'services/billing/drizzle/manage/0000_tearful_rhodey.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
    },
    {
      name: 'a MikroORM migration class file carries its timestamp',
      filename: 'services/billing/src/migrations/Migration20240110103000.ts',
      code: "export class Migration20240110103000 extends Migration {\n  async up() { this.addSql('create table invoices (id int)'); }\n}\n",
    },
    {
      name: "an ISO-dated Kysely migration (2023-09-01T10-00_init.ts, Kysely's documented naming)",
      filename: 'services/billing/src/migrations/2023-09-01T10-00_init.ts',
      code: "export async function up(db) {\n  await db.schema.createTable('invoices').addColumn('id', 'integer').execute();\n}\n",
    },
    {
      name: "Kysely's ISO 8601 basic stamp to the millisecond (20230309T045948368Z-init.ts: toISOString() without its separators, HELDOUT14 #2)",
      filename: 'services/billing/src/db/migrations/20230309T045948368Z-init.ts',
      code: "export async function up(db) {\n  await db.schema.createTable('post').addColumn('uri', 'varchar').execute();\n}\n",
    },
    {
      name: 'golang-migrate numbered up file',
      filename: 'services/billing/migrations/000001_create_invoices.up.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
    },
    {
      name: 'numbered files of a service whose own runner records what it applied (schema_migrations)',
      filename: 'services/billing/db/migrations/001_invoices.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
      files: {
        'services/billing/src/migrate.ts':
          "await pool.query('CREATE TABLE IF NOT EXISTS schema_migrations (name varchar(200) PRIMARY KEY)');\nawait pool.query('INSERT INTO schema_migrations (name) VALUES (?)', [file]);\n",
      },
    },
    {
      name: "numbered files applied in name order by the service's own runner module (HELDOUT6 #7: a hand-rolled node-pg runner)",
      filename: 'services/billing/migrations/002_templates.sql',
      code: 'CREATE TABLE billing_templates (id SERIAL PRIMARY KEY);',
      files: {
        'services/billing/src/migrate.js':
          "const dir = path.join(__dirname, '..', 'migrations');\nfor (const f of fs.readdirSync(dir).sort()) await pool.query(fs.readFileSync(path.join(dir, f), 'utf8'));\n",
      },
    },
    {
      name: "graphile-migrate's committed migrations and the one being written (HELDOUT6 #7b)",
      filename: 'services/payment/migrations/committed/000001.sql',
      code: '--! Previous: -\n--! Hash: sha1:3a4b\n\nCREATE TABLE payment_posts (id SERIAL PRIMARY KEY);',
      files: {
        'services/payment/migrations/committed/000002-comments.sql': 'CREATE TABLE payment_comments (id SERIAL PRIMARY KEY);',
        'services/payment/migrations/current.sql': 'ALTER TABLE payment_posts ADD COLUMN body TEXT;',
        'services/payment/.gmrc': '{ "connectionString": "postgres://localhost/api" }',
      },
    },
    {
      name: "numbered files of a service that runs drizzle-orm's migrator",
      filename: 'services/billing/migrations/0001_invoices.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
      files: {
        'services/billing/src/migrate.ts':
          "import { migrate } from 'drizzle-orm/mysql2/migrator';\nawait migrate(db, { migrationsFolder: './migrations' });\n",
      },
    },
    {
      name: "yoyo's numbered files and their rollbacks, Diesel's version folders, Atlas's bare timestamps (HELDOUT7 #16)",
      filename: 'services/auth/migrations/0001.create-users.sql',
      code: createUsers,
      files: {
        'services/auth/migrations/0001.create-users.rollback.sql': 'DROP TABLE auth_users;',
        'services/billing/migrations/2024-03-01-120000_create_invoices/up.sql': 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
        'services/billing/migrations/2024-03-01-120000_create_invoices/down.sql': 'DROP TABLE invoices;',
        'services/billing/migrations/00000000000000_diesel_initial_setup/up.sql': 'SELECT 1;',
        'services/payment/migrations/20240301120000.sql': 'CREATE TABLE payments (id CHAR(36) PRIMARY KEY);',
      },
    },
    {
      name: 'numbered SQL of a service whose package.json depends on pg-node-migrations, its runner (HELDOUT11 #8: stripe-sync)',
      filename: 'services/billing/src/migrations/0001_products.sql',
      code: 'CREATE TABLE products (id text PRIMARY KEY);',
      files: {
        'services/billing/package.json': '{ "name": "billing", "dependencies": { "pg": "^8.0.0", "pg-node-migrations": "0.0.8" } }',
        'services/billing/src/migrations/0000_initial_migration.sql': 'CREATE SCHEMA IF NOT EXISTS stripe;',
      },
    },
    {
      name: 'numbered SQL of a service importing postgres-migrations',
      filename: 'services/billing/migrations/1_create_invoices.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
      files: {
        'services/billing/src/db.ts':
          "import { migrate } from 'postgres-migrations';\nawait migrate({ client }, path.join(__dirname, '../migrations'));\n",
      },
    },
    {
      name: 'drizzle-kit (a devDependency, run from a script) writes 0000_<name>.sql into its configured out folder',
      filename: 'services/payment/migrations/0000_sturdy_wolverine.sql',
      code: 'CREATE TABLE payments (id CHAR(36) PRIMARY KEY);',
      files: {
        'services/payment/package.json':
          '{ "name": "payment", "scripts": { "db:migrate": "drizzle-kit migrate" }, "devDependencies": { "drizzle-kit": "^0.30.0" } }',
      },
    },
    {
      name: 'knex runs a folder of numbered migration scripts in file-name order (HELDOUT11 #9: sidequest 1_create_queues.cjs, 2_, 3_)',
      filename: 'services/billing/migrations/2_create_jobs_table.cjs',
      code: "exports.up = async function (knex) {\n  await knex.schema.createTable('billing_jobs', (t) => t.increments('id'));\n};\n",
      files: {
        'services/billing/migrations/1_create_queues.cjs':
          "exports.up = async function (knex) {\n  await knex.schema.createTable('billing_queues', (t) => t.increments('id'));\n};\n",
        'services/billing/migrations/3_create_exponential_backoff_column.cjs':
          "exports.up = (knex) => knex.schema.table('billing_jobs', (t) => t.integer('retry_delay'));\n",
      },
    },
    {
      name: 'a zero-padded numbered script alone in its folder is the start of its sequence',
      filename: 'services/payment/migrations/001-create-payments.js',
      code: "exports.up = (knex) => knex.schema.createTable('payments', () => {});\n",
    },
    {
      name: "EverShop's module releases (migration/Version-1.0.10.ts, run in semver order) and a test fixture beside them (HELDOUT11 #10, #22)",
      filename: 'services/billing/src/modules/oms/migration/Version-1.0.3.test.sql',
      code: "BEGIN;\nINSERT INTO invoices (id) VALUES ('90001');\nROLLBACK;\n",
      files: {
        'services/billing/src/modules/oms/migration/Version-1.0.3.ts':
          "import { execute } from '@evershop/postgres-query-builder';\nexport default async (connection) => {\n  await execute(connection, `ALTER TABLE invoices ADD COLUMN note text`);\n};\n",
        'services/billing/src/modules/oms/migration/Version-1.0.10.ts': 'export default async () => {};\n',
        'services/billing/src/modules/catalog/migration/Version-1.0.0.js': 'export default async () => {};\n',
      },
    },
    {
      name: "blocklet-server's core migrations named by the product's release: 1.0.21-update-config.js, 1.0.25.js, 1.16.11-component-status.js (HELDOUT13 #4)",
      filename: 'packages/core/lib/migrations/1.0.21-update-config.js',
      code: 'module.exports = async ({ states, printInfo }) => { printInfo(states); };\n',
      files: {
        'packages/core/package.json': '{ "name": "@abtnode/core", "dependencies": { "sequelize": "^6.0.0", "sqlite3": "^5.0.0" } }',
        'packages/core/lib/migrations/1.0.25.js': 'module.exports = async () => {};\n',
        'packages/core/lib/migrations/1.16.11-component-status.js': 'module.exports = async () => {};\n',
        'packages/core/lib/migrations/2.8.0.1-four-parts.sql': 'ALTER TABLE sites ADD COLUMN note TEXT;\n',
      },
      config: { services: [{ name: 'core', roots: ['packages/core'] }] },
    },
    {
      name: 'custom patterns replace the defaults',
      filename: 'services/auth/migrations/001_initial_schema.sql',
      code: createUsers,
      options: { patterns: ['^\\d{3}_\\w+\\.sql$'] },
    },
  ],
  invalid: [
    {
      name: "near misses of Diesel's and Atlas's names: a version folder without its version, a 13-digit timestamp (no date-time)",
      filename: 'services/billing/migrations/create_invoices/up.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
      files: { 'services/payment/migrations/2024030112000.sql': 'CREATE TABLE payments (id CHAR(36) PRIMARY KEY);' },
      errors: [
        { messageId: 'unversioned', data: { file: 'up.sql' }, line: 1, column: 1, endLine: 1, endColumn: 49 },
        {
          messageId: 'unversioned',
          file: 'services/payment/migrations/2024030112000.sql',
          data: { file: '2024030112000.sql' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 49,
        },
      ],
    },
    {
      name: "a 17-digit stamp without ISO's T and Z is no date-time beside the folder's ISO stamps (HELDOUT14 #2)",
      filename: 'services/billing/src/db/migrations/20230310045948368-add-likes.ts',
      code: "export async function up(db) {\n  await db.schema.createTable('like').addColumn('uri', 'varchar').execute();\n}\n",
      files: {
        'services/billing/src/db/migrations/20230309T045948368Z-init.ts':
          "export async function up(db) {\n  await db.schema.createTable('post').addColumn('uri', 'varchar').execute();\n}\n",
      },
      errors: [
        {
          messageId: 'unversioned',
          data: { file: '20230310045948368-add-likes.ts', example: '20250101000000_add_likes.ts' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 31,
        },
      ],
    },
    {
      name: 'a name that only starts like a Flyway event is no callback',
      filename: 'services/auth/migrations/afterMigration_fix.sql',
      code: createUsers,
      errors: [
        {
          messageId: 'unversioned',
          data: { file: 'afterMigration_fix.sql' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 51,
        },
      ],
    },
    {
      name: "the audit's 001_ file",
      filename: 'services/auth/migrations/001_initial_schema.sql',
      code: createUsers,
      errors: [
        {
          messageId: 'unversioned',
          data: { file: '001_initial_schema.sql', example: 'V1__initial_schema.sql' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 51,
        },
      ],
    },
    {
      name: 'a leading comment line bounds the range',
      filename: 'services/auth/migrations/002_audit_logs_table.sql',
      code: '-- PostgreSQL Database Migration\nCREATE TABLE auth_audit_logs (id CHAR(36) PRIMARY KEY);\n',
      errors: [
        {
          messageId: 'unversioned',
          data: { example: 'V2__audit_logs_table.sql' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 33,
          severity: 'warn',
        },
      ],
    },
    {
      name: 'single underscore after the version',
      filename: 'services/billing/migrations/V1_init.sql',
      code: '\r\nCREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
      errors: [
        { messageId: 'unversioned', data: { file: 'V1_init.sql', example: 'V1__init.sql' }, line: 1, column: 1, endLine: 1, endColumn: 1 },
      ],
    },
    {
      name: 'no version at all',
      filename: 'services/billing/migrations/create-invoices.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
      errors: [{ messageId: 'unversioned', data: { example: 'V1__create_invoices.sql' }, line: 1, column: 1, endLine: 1, endColumn: 49 }],
    },
    {
      name: 'a nested folder under migrations',
      filename: 'services/payment/migrations/mysql/0003_add_refunds.sql',
      code: 'CREATE TABLE payment_refunds (id CHAR(36) PRIMARY KEY);',
      errors: [{ messageId: 'unversioned', data: { example: 'V3__add_refunds.sql' }, line: 1, column: 1, endLine: 1, endColumn: 56 }],
    },
    {
      name: "a two-part release among release-named migrations: the message and the rename give the latest release's next patch (HELDOUT13 #4)",
      filename: 'packages/core/lib/migrations/1.17-cleanup.js',
      code: 'module.exports = async () => {};\n',
      files: {
        'packages/core/package.json': '{ "name": "@abtnode/core", "dependencies": { "sequelize": "^6.0.0", "sqlite3": "^5.0.0" } }',
        'packages/core/lib/migrations/1.2.2-blocklet-registry.js': 'module.exports = async () => {};\n',
        'packages/core/lib/migrations/1.17.12-cleanup-old-audit-logs.js': 'module.exports = async () => {};\n',
        'packages/core/lib/migrations/1.9.0-site.js': 'module.exports = async () => {};\n',
      },
      config: { services: [{ name: 'core', roots: ['packages/core'] }] },
      errors: [
        {
          messageId: 'unversioned',
          data: { file: '1.17-cleanup.js', example: '1.17.13-cleanup.js' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 33,
        },
      ],
    },
    {
      name: 'a numbered script among timestamped ones is no part of their scheme: it gets a timestamp suggestion',
      filename: 'services/payment/migrations/001-create-payments.js',
      code: "exports.up = (knex) => knex.schema.createTable('payments', () => {});\n",
      files: {
        'services/payment/migrations/20240101120000_create_refunds.js':
          "exports.up = (knex) => knex.schema.createTable('payment_refunds', () => {});\n",
      },
      errors: [
        { messageId: 'unversioned', data: { example: '20250101000000_create_payments.js' }, line: 1, column: 1, endLine: 1, endColumn: 70 },
      ],
    },
    {
      name: "numbered scripts whose names sort out of their numbers' order (10_ before 2_): the tool would run them out of sequence",
      filename: 'services/billing/migrations/10_add_index.js',
      code: "\nexports.up = (knex) => knex.schema.table('invoices', (t) => t.index('status'));\n",
      files: {
        'services/billing/migrations/1_create_invoices.js': "exports.up = (knex) => knex.schema.createTable('invoices', () => {});\n",
        'services/billing/migrations/2_add_status.js': "exports.up = (knex) => knex.schema.table('invoices', (t) => t.string('status'));\n",
      },
      errors: [
        {
          messageId: 'unversioned',
          data: { file: '10_add_index.js', example: '20250101000000_add_index.js' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
        {
          messageId: 'unversioned',
          file: 'services/billing/migrations/1_create_invoices.js',
          data: { file: '1_create_invoices.js' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 70,
        },
        {
          messageId: 'unversioned',
          file: 'services/billing/migrations/2_add_status.js',
          data: { file: '2_add_status.js' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 81,
        },
      ],
    },
    {
      name: 'knex is no runner of SQL files: numbered SQL of a service depending on knex alone stays unversioned',
      filename: 'services/billing/migrations/0001_invoices.sql',
      code: '\n\nCREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
      files: { 'services/billing/package.json': '{ "name": "billing", "dependencies": { "knex": "^3.0.0", "pg": "^8.0.0" } }' },
      errors: [
        {
          messageId: 'unversioned',
          data: { file: '0001_invoices.sql', example: 'V1__invoices.sql' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      ],
    },
    {
      name: 'a data script named like a migration is no runner',
      filename: 'services/auth/migrations/001_init.sql',
      code: 'CREATE TABLE auth_notices (id SERIAL PRIMARY KEY);',
      files: { 'services/auth/src/migrate-users.js': "await pool.query('UPDATE auth_users SET x = 1');\n" },
      errors: [
        {
          messageId: 'unversioned',
          data: { file: '001_init.sql', example: 'V1__init.sql' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 51,
        },
      ],
    },
    {
      name: "another service's runner orders nothing here",
      filename: 'services/auth/migrations/001_initial_schema.sql',
      code: createUsers,
      files: {
        'services/billing/src/migrate.ts': "await pool.query('SELECT name FROM schema_migrations');\n",
        'services/billing/migrations/001_invoices.sql': 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
      },
      errors: [
        {
          messageId: 'unversioned',
          data: { file: '001_initial_schema.sql', example: 'V1__initial_schema.sql' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 51,
        },
      ],
    },
    {
      name: 'SQL in a drizzle folder without the version drizzle-kit writes',
      filename: 'services/auth/drizzle/users.sql',
      code: createUsers,
      errors: [{ messageId: 'unversioned', data: { example: 'V1__users.sql' }, line: 1, column: 1, endLine: 1, endColumn: 51 }],
    },
    {
      name: 'a migration folder configured for the service',
      filename: 'services/auth/db/changes/1_users.sql',
      code: createUsers,
      config: { ...defaultTestConfig, services: [{ name: 'auth', roots: ['services/auth'], migrations: ['services/auth/db/changes/**'] }] },
      errors: [{ messageId: 'unversioned', data: { example: 'V1__users.sql' }, line: 1, column: 1, endLine: 1, endColumn: 51 }],
    },
    {
      name: 'custom patterns without an example',
      filename: 'services/auth/migrations/V1__initial_schema.sql',
      code: createUsers,
      options: { patterns: ['^\\d{14}_\\w+\\.sql$'] },
      errors: [
        {
          messageId: 'patternMismatch',
          data: { file: 'V1__initial_schema.sql', patterns: "'^\\d{14}_\\w+\\.sql$'" },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 51,
        },
      ],
    },
    {
      name: 'custom patterns with an example',
      filename: 'services/auth/migrations/V2__add_mfa.sql',
      code: 'ALTER TABLE auth_users ADD mfa_secret VARCHAR(64);',
      options: { patterns: ['^\\d{14}_\\w+\\.sql$'], example: '20251015100000_add_mfa.sql' },
      errors: [
        { messageId: 'unversioned', data: { example: '20251015100000_add_mfa.sql' }, line: 1, column: 1, endLine: 1, endColumn: 51 },
      ],
    },
  ],
});

describe('release-named migrations (HELDOUT13 #4)', () => {
  it('are versioned by the release, which orders them numerically per part in the table history', () => {
    expect(migrationVersion('packages/core/lib/migrations/1.16.11-component-status.js')).toEqual({
      kind: 'versioned',
      version: '1.16.11',
      description: 'component_status',
    });
    expect(migrationVersion('packages/core/lib/migrations/1.0.25.js')).toEqual({ kind: 'versioned', version: '1.0.25', description: '' });
    const keys = ['m/1.16.11-a.js', 'm/1.2.2-b.js', 'm/1.0.25.js', 'm/1.10.0-c.js'].map((f) => releaseOrderKey(f)!);
    expect([...keys].sort().map((k) => k.replace(/0*(\d)/g, '$1'))).toEqual([
      'm/1.0.25.js',
      'm/1.2.2-b.js',
      'm/1.10.0-c.js',
      'm/1.16.11-a.js',
    ]);
    // Logto's release-and-timestamp names, timestamps and numbers keep their own order.
    expect(releaseOrderKey('alterations/1.0.0-1678199795-add-x.ts')).toBeUndefined();
    expect(releaseOrderKey('migrations/20240101120000_x.js')).toBeUndefined();
    expect(releaseOrderKey('migrations/1.2-x.js')).toBeUndefined();
  });

  it("a new name in a release-named folder is the latest release's next patch, compared per part", () => {
    const namer = migrationNamer(['m/1.2.2-a.js', 'm/1.17.12-b.js', 'm/1.9.0-c.js', 'm/index.js']);
    expect(namer.scheme).toBe('release');
    expect(namer.forExisting('m/1.17-cleanup.js', 'cleanup', '.js')).toBe('1.17.13-cleanup.js');
    expect(namer.next('add_sites', '.js')).toBe('1.17.14-add-sites.js');
    // Timestamps outnumbering releases keep the timestamp scheme.
    expect(migrationNamer(['m/20240101120000_a.js', 'm/20240102120000_b.js', 'm/1.0.0-c.js']).scheme).toBe('date-time');
  });
});

describe('migration-file-name helpers', () => {
  it('reads a leading date-time of any precision, with separators or a letter, a release with a timestamp, and release and engine folders (HELDOUT9 B5, M3, G2, G3, U2, U5)', () => {
    const version = (file: string) => migrationVersion(file);
    // knex's 8-digit dates, MikroORM's 12-digit class names beside 14-digit ones: compact stamps as written.
    expect(version('plugins/notifications-backend/migrations/20231215_init.js')).toEqual({
      kind: 'versioned',
      version: '20231215',
      description: 'init',
    });
    expect(version('src/migrations/Migration202408271511.js')).toEqual({ kind: 'versioned', version: '202408271511', description: '' });
    // knex-migrator: the time after the date is part of the version; the release folder too (a sequence of its own).
    expect(version('migrations/versions/5.0/2022-05-03-09-39-drop-nullable-subscribe-event-newsletter-id.js')).toEqual({
      kind: 'versioned',
      version: '5.0/20220503093900',
      description: 'drop_nullable_subscribe_event_newsletter_id',
    });
    expect(version('migrations/versions/5.0/2022-05-03-15-30-final-v4.js')?.version).toBe('5.0/20220503153000');
    expect(version('migrations/versions/1.25/01-final-v1.js')).toEqual({ kind: 'versioned', version: '1.25/1', description: 'final_v1' });
    expect(version('migrations/init/1-create-tables.js')).toEqual({ kind: 'versioned', version: '1', description: 'create_tables' });
    // Directus: the letter orders one day's migrations.
    expect(version('src/database/migrations/20201028A-remove-collection-foreign-keys.js')).toEqual({
      kind: 'versioned',
      version: '20201028A',
      description: 'remove_collection_foreign_keys',
    });
    expect(version('src/database/migrations/20201028B-x.js')?.version).toBe('20201028B');
    // Prisma Migrate's numbered folders, one set per engine.
    expect(version('db/mysql/migrations/01_init/migration.sql')).toEqual({
      kind: 'versioned',
      version: '1',
      description: 'init',
      engine: 'mysql',
    });
    expect(version('db/clickhouse/migrations/01_edit_keys.sql')).toEqual({
      kind: 'versioned',
      version: '1',
      description: 'edit_keys',
      engine: 'clickhouse',
    });
    // Logto: the release and the timestamp.
    expect(version('alterations/1.0.0-1678199795-add-verification-status-table.ts')).toEqual({
      kind: 'versioned',
      version: '1.0.0-1678199795',
      description: 'add_verification_status_table',
    });
    expect(version('alterations/1.0.0_rc.0-1674987042-drop-settings-and-create-systems.ts')?.version).toBe('1.0.0_rc.0-1674987042');
    expect(version('alterations/1.0.0_rc.0-1674032095.2-oidc-model-pkey.ts')?.version).toBe('1.0.0_rc.0-1674032095.2');
    expect(version('alterations/1.0.0_beta.10-1-logto-config.ts')).toEqual({
      kind: 'versioned',
      version: '1.0.0_beta.10-1',
      description: 'logto_config',
    });
    // Not dates: a 13-digit number, a month 13, a sequence.
    expect(version('m/2024030112000.sql')?.version).toBe('2024030112000');
    expect(version('m/20241310_x.sql')?.version).toBe('20241310');
    expect(createMigrations([], () => undefined).isVersionedName('m/20241310_x.sql')).toBe(false);
  });

  it('accepts the versions of knex, MikroORM, knex-migrator, Directus, Prisma Migrate and Logto, and keeps unversioned names (HELDOUT9)', () => {
    const migrations = createMigrations([], () => undefined);
    for (const name of [
      'plugins/notifications-backend/migrations/20231215_init.js',
      'plugins/notifications-backend/migrations/20260621_addMetadata.js',
      'packages/modules/product/src/migrations/Migration202408271511.js',
      'core/server/data/migrations/versions/5.0/2022-05-03-09-39-drop-nullable-subscribe-event-newsletter-id.js',
      'src/database/migrations/20201028A-remove-collection-foreign-keys.js',
      'db/mysql/migrations/01_init/migration.sql',
      'db/postgresql/migrations/20240101120000_init/migration.sql',
      'packages/schemas/alterations/1.0.0-1678199795-add-verification-status-table.ts',
      'packages/schemas/alterations/1.0.0_rc.0-1674987042-drop-settings-and-create-systems.ts',
      'packages/schemas/alterations/1.0.0_rc.0-1674032095.1-dedup-resources-constraint.ts',
      'packages/schemas/alterations/1.0.0_beta.10-1-logto-config.ts',
      'apps/evershop/src/modules/checkout/migration/Version-1.0.10.ts',
    ])
      expect(migrations.isVersionedName(name), name).toBe(true);
    for (const name of [
      'services/billing/src/modules/oms/migration/Version-1.0.js',
      'services/billing/src/modules/oms/migration/Version-1.0.3.sql',
      'services/auth/migrations/add_users.sql',
      'services/auth/migrations/migration.sql',
      'services/auth/migrations/init/migration.sql',
      'services/auth/migrations/001_initial_schema.sql',
      'services/auth/migrations/Migration2024.ts',
      'packages/schemas/alterations/1.0.0-add-table.ts',
    ])
      expect(migrations.isVersionedName(name), name).toBe(false);
  });

  it("reads an EverShop module's release as a version of the module's own sequence, and a test fixture beside it as no migration", () => {
    expect(migrationVersion('apps/evershop/src/modules/checkout/migration/Version-1.0.10.ts')).toEqual({
      kind: 'versioned',
      version: '1.0.10',
      description: '',
      sequence: 'apps/evershop/src/modules/checkout/migration',
    });
    const service = {
      name: 'evershop',
      roots: ['apps/evershop'],
      databases: [],
      prefixes: [],
      ownedPatterns: [],
      createdTables: [],
      migrations: [],
    };
    expect(isMigrationFile({ path: 'apps/evershop/src/modules/oms/migration/Version-1.0.3.ts', kind: 'script' }, service)).toBe(true);
    expect(isMigrationFile({ path: 'apps/evershop/src/modules/oms/migration/Version-1.0.3.test.sql', kind: 'sql' }, service)).toBe(false);
    expect(isMigrationFile({ path: 'apps/evershop/src/modules/oms/migration/Version-1.0.sql', kind: 'sql' }, service)).toBe(true);
  });

  it("names a folder's new migrations in its ISO 8601 basic stamps, a second after the latest (HELDOUT14 #2)", () => {
    const namer = migrationNamer(['m/20230309T045948368Z-init.ts', 'm/20230310T120000001Z-likes.ts']);
    expect(namer.next('add_posts', '.ts')).toBe('20230310T120001000Z-add_posts.ts');
    expect(namer.forExisting('m/20230311045948368-fix.ts', 'fix', '.ts')).toBe('20230310T120002000Z-fix.ts');
    expect(migrationNamer(['m/20251015100000-x.js']).next('y', '.js')).toBe('20251015100001-y.js');
  });

  it('reads versions from Flyway, numbered and timestamped names', () => {
    expect(migrationVersion('m/V2.0__x.sql')).toEqual({ kind: 'versioned', version: '2', description: 'x' });
    expect(migrationVersion('m/V1_2__add_mfa.sql')).toEqual({ kind: 'versioned', version: '1.2', description: 'add_mfa' });
    expect(migrationVersion('m/U3__x.sql')).toEqual({ kind: 'undo', version: '3', description: 'x' });
    expect(migrationVersion('m/R__views.sql')).toBeUndefined();
    expect(migrationVersion('m/001_initial_schema_mysql.sql')).toEqual({
      kind: 'versioned',
      version: '1',
      description: 'initial_schema_mysql',
    });
    expect(migrationVersion('m/20251015_100000_create_auth_tables.sql')?.version).toBe('20251015100000');
    expect(migrationVersion('m/000001_create_users.down.sql')).toEqual({ kind: 'versioned', version: '1', description: 'create_users' });
    expect(migrationVersion('prisma/migrations/20251015100000_init/migration.sql')?.version).toBe('20251015100000');
    expect(migrationVersion('m/schema.sql')).toBeUndefined();
    expect(migrationVersion('src/migrations/Migration20240110103000.ts')).toEqual({
      kind: 'versioned',
      version: '20240110103000',
      description: '',
    });
    expect(migrationVersion('drizzle/0001_tidy_hulk.sql')).toEqual({ kind: 'versioned', version: '1', description: 'tidy_hulk' });
    // Kysely's documented names: the whole date is the version, not its year.
    expect(migrationVersion('src/migrations/2023-09-01T10-00_init.ts')).toEqual({
      kind: 'versioned',
      version: '20230901100000',
      description: 'init',
    });
    expect(migrationVersion('src/migrations/2023-11-14_prices.sql')?.version).toBe('20231114000000');
    // Kysely's ISO 8601 basic stamps (Bluesky's `toISOString().replace(/[^a-z0-9]/gi, '')`): to the millisecond, so
    // two migrations of one second stay two versions, ordered as their names sort.
    expect(migrationVersion('services/billing/src/db/migrations/20230309T045948368Z-init.ts')).toEqual({
      kind: 'versioned',
      version: '20230309045948368',
      description: 'init',
    });
    expect(migrationVersion('migrations/20230309T045948369Z-post-index.ts')?.version).toBe('20230309045948369');
    expect(migrationVersion('migrations/2023-03-09T04-59-48.368Z-init.ts')?.version).toBe('20230309045948368');
    expect(migrationVersion('migrations/20230309T045948Z-init.ts')?.version).toBe('20230309045948Z');
    expect(createMigrations([], () => undefined).isVersionedName('migrations/20230309T045948368Z-init.ts')).toBe(true);
    expect(createMigrations([], () => undefined).isVersionedName('migrations/20230309T0459483Z-init.ts')).toBe(false);
    // Kysely's / Laravel's underscore dates: the date and its sequence (or time), not the number 2024.
    expect(migrationVersion('src/migrations/2024_02_01_000_merchants.ts')).toEqual({
      kind: 'versioned',
      version: '20240201000',
      description: 'merchants',
    });
    expect(migrationVersion('database/migrations/2024_02_01_000000_create_users_table.sql')?.version).toBe('20240201000000');
    // umzug's `umzug create` names: the whole timestamp, not the number 2024.01.10.
    expect(migrationVersion('migrations/2024.01.10T10.00.00.create-users.js')).toEqual({
      kind: 'versioned',
      version: '20240110100000',
      description: 'create_users',
    });
    // postgrator: the undo file shares its do file's version.
    expect(migrationVersion('migrations/001.do.create-users.sql')).toEqual({
      kind: 'versioned',
      version: '1',
      description: 'create_users',
    });
    expect(migrationVersion('migrations/001.undo.create-users.sql')).toEqual({ kind: 'undo', version: '1', description: 'create_users' });
    expect(migrationVersion('migrations/002.do.sql')).toEqual({ kind: 'versioned', version: '2', description: '' });
    // Hasura: the folder carries the version, for up.sql and down.sql alike.
    expect(migrationVersion('hasura/migrations/default/1700000000000_create_table_public_invoices/up.sql')).toEqual({
      kind: 'versioned',
      version: '1700000000000',
      description: 'create_table_public_invoices',
    });
    expect(migrationVersion('migrations/scratch/up.sql')).toBeUndefined();
  });

  it('accepts the names umzug, postgrator and Hasura give their migrations, and nothing close to them', () => {
    const migrations = createMigrations([], () => undefined);
    for (const name of [
      'services/users/migrations/2024.01.10T10.00.00.create-users.js',
      'services/users/migrations/2024.01.10T10.00.00.create-users.sql',
      'services/users/migrations/001.do.create-users.sql',
      'services/users/migrations/001.undo.create-users.sql',
      'services/users/migrations/002.do.js',
      'services/users/src/migrations/2024_02_01_000_merchants.ts',
      // A date alone is a version as well (a dated name orders the files): 2024.01.10, 2024_02_01, and a sequence after it
      'services/users/migrations/2024.01.10.create-users.js',
      'services/users/migrations/2024_02_01_merchants.ts',
      'services/users/migrations/2024_02_01_000.ts',
      'services/users/migrations/2024_02_01_000000_create_users_table.sql',
      'services/billing/hasura/migrations/default/1700000000000_create_table_public_invoices/up.sql',
      'services/billing/hasura/migrations/default/1700000000000_create_table_public_invoices/down.sql',
    ])
      expect(migrations.isVersionedName(name), name).toBe(true);
    for (const name of [
      'services/users/migrations/2024.13.10.create-users.js',
      'services/users/migrations/2024_02_merchants.ts',
      'services/users/migrations/202402011.ts',
      'services/users/migrations/2024-02-01x-users.ts',
      'services/users/migrations/001.redo.create-users.sql',
      'services/users/migrations/001.do.create-users.txt',
      'services/billing/hasura/migrations/default/create_table_public_invoices/up.sql',
      'services/billing/hasura/migrations/default/1700000000000_create_table_public_invoices/seed.sql',
    ])
      expect(migrations.isVersionedName(name), name).toBe(false);
  });

  it('suggests a name close to the original', () => {
    expect(suggestedName('m/001_initial_schema_mysql.sql')).toBe('V1__initial_schema_mysql.sql');
    expect(suggestedName('m/schema.sql')).toBe('V1__schema.sql');
    expect(suggestedName('m/12-add users.ts')).toBe('20250101000000_add_users.ts');
  });

  it("the project's patterns replace the defaults for every migration rule", () => {
    const custom = createMigrations(['^\\d{3}_'], () => undefined);
    expect(custom.isVersionedName('m/001_x.sql')).toBe(true);
    expect(custom.isVersionedName('m/V1__x.sql')).toBe(false);
    const defaults = createMigrations([], () => undefined);
    expect(defaults.isVersionedName('m/V1__x.sql')).toBe(true);
    expect(defaults.isVersionedName('m/001_x.sql')).toBe(false);
    expect(defaults.isVersionedName('prisma/migrations/20251015100000_init/migration.sql')).toBe(true);
  });
});

describe('Flyway callbacks', () => {
  it('are SQL of their service, not migrations: every event name, with or without a description', async () => {
    const { isFlywayCallback, isMigrationFile } = await import('../../src/model/migrations.js');
    const service = { name: 'auth', roots: ['services/auth'], migrations: [] } as never;
    for (const name of [
      'afterMigrate.sql',
      'beforeEachMigrate__vacuum.sql',
      'afterEachMigrateStatementError.sql',
      'createSchema.sql',
      'beforeConnect__role.sql',
    ]) {
      expect(isFlywayCallback(`services/auth/db/migration/${name}`)).toBe(true);
      expect(isMigrationFile({ path: `services/auth/migrations/${name}`, kind: 'sql' }, service)).toBe(false);
    }
    for (const name of ['AfterMigrate.sql', 'afterMigrate.ts', 'afterMigrates.sql', 'afterMigrate_x.sql', 'V1__afterMigrate.sql']) {
      expect(isFlywayCallback(`services/auth/migrations/${name}`)).toBe(false);
    }
    expect(isMigrationFile({ path: 'services/auth/migrations/V1__afterMigrate.sql', kind: 'sql' }, service)).toBe(true);
  });
});
