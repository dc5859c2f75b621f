import rule from '../../rules/service-without-migrations.js';
import { defaultTestConfig, ruleTester } from '../rule-tester.js';

const ordersConfig = {
  dialect: 'mysql' as const,
  services: [
    { name: 'orders', roots: ['services/orders'] },
    { name: 'gateway', roots: ['services/gateway'] },
  ],
};

/** Services without a configured dialect, so each one's engine comes from its own files. */
const storesConfig = {
  services: [
    { name: 'reviews', roots: ['services/reviews'] },
    { name: 'carts', roots: ['services/carts'] },
  ],
};
const mongoPrisma =
  'datasource db {\n  provider = "mongodb"\n  url      = env("DATABASE_URL")\n}\nmodel Review {\n  id String @id @map("_id") @db.ObjectId\n  @@map("reviews")\n}\n';
const mongoTypeorm = [
  "import { DataSource, Entity, ObjectIdColumn, ObjectId } from 'typeorm';",
  "@Entity('carts')",
  'export class Cart {',
  '  @ObjectIdColumn() id!: ObjectId;',
  '}',
  "export const ds = new DataSource({ type: 'mongodb', url: process.env.MONGO_URL, entities: [Cart] });",
].join('\n');

ruleTester.run(rule, {
  valid: [
    {
      name: "Logto's alterations (<release>-<timestamp>-name.ts) and knex's 8-digit dates are versioned migrations (HELDOUT9 U5, B5)",
      filename: 'services/schemas/alterations/1.0.0-1678199795-add-verification-status-table.ts',
      code: 'export default { up: async (pool) => { await pool.query(sql`create table verification_statuses (id varchar(21) primary key)`); } };\n',
      files: {
        'services/notifications/migrations/20231215_init.js':
          "exports.up = async (knex) => { await knex.schema.createTable('notification', (t) => { t.uuid('id'); }); };\n",
      },
      config: {
        ...ordersConfig,
        services: [
          { name: 'schemas', roots: ['services/schemas'] },
          { name: 'notifications', roots: ['services/notifications'] },
        ],
      },
    },
    {
      name: 'numbered migrations its own runner module applies (HELDOUT6 #7), graphile-migrate committed migrations (#7b)',
      filename: 'services/billing/migrations/001_init.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
      files: {
        'services/billing/src/migrate.js': "for (const f of fs.readdirSync(dir).sort()) await pool.query(fs.readFileSync(f, 'utf8'));\n",
        'services/payment/migrations/committed/000001.sql': 'CREATE TABLE payments (id CHAR(36) PRIMARY KEY);',
      },
    },
    {
      name: "a Liquibase changelog's changeSets are versioned migrations (HELDOUT6 #3), whatever the configured name patterns",
      filename: 'services/accounts/db/changelog/db.changelog-master.yaml',
      code: 'databaseChangeLog:\n  - changeSet:\n      id: 1\n      author: a\n      changes:\n        - createTable: { tableName: accounts }\n',
      config: {
        ...ordersConfig,
        services: [{ name: 'accounts', roots: ['services/accounts'] }],
        rules: { 'migration-file-name': ['warn', { patterns: ['^V\\d+__\\w+\\.sql$'] }] },
      },
    },
    {
      name: 'MongoDB-only services: Prisma models under provider mongodb, TypeORM entities of a type mongodb connection are collections',
      filename: 'services/reviews/prisma/schema.prisma',
      code: mongoPrisma,
      files: { 'services/carts/src/data-source.ts': mongoTypeorm },
      config: storesConfig,
    },
    {
      name: 'Flyway migrations next to a schema file',
      filename: 'services/billing/database/schema.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
      files: { 'services/billing/migrations/V1__create_invoices.sql': 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);' },
    },
    {
      name: 'knex migrations in TypeScript',
      filename: 'services/billing/src/repo.ts',
      code: 'export const x = 1;\n',
      files: { 'services/billing/src/migrations/20251015100000_create_invoices.ts': 'export async function up() {}\n' },
    },
    {
      name: 'Prisma migrations',
      filename: 'services/payment/prisma/migrations/20251015100000_init/migration.sql',
      code: 'CREATE TABLE payments (id CHAR(36) PRIMARY KEY);',
    },
    {
      name: "the project's migration patterns (written on migration-file-name) decide what is versioned",
      filename: 'services/billing/migrations/001_create_invoices.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
      config: { ...defaultTestConfig, rules: { 'migration-file-name': ['warn', { patterns: ['^\\d{3}_\\w+\\.sql$'] }] } },
    },
    {
      name: 'drizzle-kit migrations in its default out folder',
      filename: 'services/billing/drizzle/0000_sturdy_wolverine.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
    },
    {
      name: 'drizzle-kit migrations in an out folder per database below drizzle/ (drizzle/manage/, drizzle/runtime/: HELDOUT15 #8)',
      filename: 'services/billing/drizzle/manage/0000_tearful_rhodey.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
      files: { 'services/billing/drizzle/manage/meta/_journal.json': '{ "version": "7", "dialect": "postgresql", "entries": [] }\n' },
    },
    {
      name: 'MikroORM migration classes',
      filename: 'services/billing/src/entities/invoice.entity.ts',
      code: "@Entity({ tableName: 'invoices' })\nexport class Invoice {}\n",
      files: {
        'services/billing/src/migrations/Migration20240110103000.ts':
          "export class Migration20240110103000 extends Migration {\n  async up() { this.addSql('create table invoices (id int)'); }\n}\n",
      },
    },
    {
      name: 'numbered knex migration scripts (HELDOUT11 #9) and numbered SQL of a pg-node-migrations service (#8) are versioned',
      filename: 'services/orders/migrations/1_create_queues.cjs',
      code: "exports.up = async function (knex) {\n  await knex.schema.createTable('sidequest_queues', (t) => t.increments('id'));\n};\n",
      files: {
        'services/orders/migrations/2_create_jobs_table.cjs':
          "exports.up = (knex) => knex.schema.createTable('sidequest_jobs', (t) => t.increments('id'));\n",
        'services/gateway/package.json': '{ "name": "gateway", "dependencies": { "pg": "^8.0.0", "pg-node-migrations": "0.0.8" } }',
        'services/gateway/src/migrations/0001_products.sql': 'CREATE TABLE products (id text PRIMARY KEY);',
      },
      config: ordersConfig,
    },
    {
      name: "EverShop's module releases (migration/Version-1.0.0.js) are its versioned migrations (HELDOUT11 #22)",
      filename: 'services/orders/src/modules/catalog/migration/Version-1.0.0.js',
      code: "import { execute } from '@evershop/postgres-query-builder';\nexport default async (connection) => {\n  await execute(connection, `CREATE TABLE product (product_id INT PRIMARY KEY)`);\n};\n",
      config: ordersConfig,
    },
    {
      name: 'numbered migrations applied and recorded by the service itself',
      filename: 'services/billing/db/migrations/001_invoices.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
      files: { 'services/billing/src/migrate.ts': "await pool.query('INSERT INTO schema_migrations (name) VALUES (?)', [file]);\n" },
    },
    {
      name: 'Rails, Laravel and EF Core migrations are versioned migrations beside their schema dumps (HELDOUT8 #5), whatever the configured patterns',
      filename: 'services/accounts/db/structure.sql',
      code: 'CREATE TABLE users (id BIGINT PRIMARY KEY);',
      files: {
        'services/accounts/db/migrate/20240110120000_create_users.rb': 'class CreateUsers < ActiveRecord::Migration[7.1]\nend\n',
        'services/catalog/database/schema/mysql-schema.sql': 'CREATE TABLE products (id BIGINT PRIMARY KEY);',
        'services/catalog/database/migrations/0001_01_01_000000_create_products_table.php': '<?php\n',
        'services/billing/deploy/sql/billing.sql': 'CREATE TABLE invoices (id BIGINT PRIMARY KEY);',
        'services/billing/src/Billing.Data/Migrations/20240201093000_InitialCreate.cs':
          'public partial class InitialCreate : Migration {}\n',
      },
      config: {
        ...ordersConfig,
        services: ['accounts', 'catalog', 'billing'].map((name) => ({ name, roots: [`services/${name}`] })),
        rules: { 'migration-file-name': ['warn', { patterns: ['^V\\d+__\\w+\\.sql$'] }] },
      },
    },
    {
      name: 'a service that owns no tables',
      filename: 'services/gateway/src/routes.ts',
      code: "export const routes = ['/invoices'];\n",
      config: ordersConfig,
    },
    {
      name: 'a service that creates its tables in timestamped migrations',
      filename: 'services/orders/migrations/20251015_100000_create_orders.sql',
      code: 'CREATE TABLE orders (id CHAR(36) PRIMARY KEY);',
      config: ordersConfig,
    },
  ],
  invalid: [
    {
      name: 'numbered SQL no tool runs (a knex dependency runs scripts only) is no versioned migration',
      filename: 'services/gateway/migrations/0001_products.sql',
      code: '-- products\nCREATE TABLE products (id text PRIMARY KEY);',
      files: { 'services/gateway/package.json': '{ "name": "gateway", "dependencies": { "pg": "^8.0.0", "knex": "^3.0.0" } }' },
      config: ordersConfig,
      errors: [{ messageId: 'noMigrations', data: { service: 'gateway' }, line: 2, column: 14, endLine: 2, endColumn: 22 }],
    },
    {
      name: "a drizzle/<folder>/ file without drizzle-kit's 0000_<name>.sql name, or two folders below drizzle/, is no migration (HELDOUT15 #8)",
      filename: 'services/billing/drizzle/seed/products.sql',
      code: '-- seed\nCREATE TABLE products (id text PRIMARY KEY);',
      files: { 'services/billing/drizzle/old/manage/0000_tearful_rhodey.sql': 'CREATE TABLE invoices (id text PRIMARY KEY);' },
      config: { ...ordersConfig, services: [{ name: 'billing', roots: ['services/billing'] }] },
      errors: [
        {
          messageId: 'noMigrations',
          file: 'services/billing/drizzle/old/manage/0000_tearful_rhodey.sql',
          data: { service: 'billing' },
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 22,
        },
      ],
    },
    {
      name: "a release-named file outside Logto's alterations folder, and one without its timestamp, are no migrations",
      filename: 'services/schemas/src/1.0.0-1678199795-setup.ts',
      code: 'export default { up: async (pool) => { await pool.query(sql`create table verification_statuses (id varchar(21) primary key)`); } };\n',
      files: { 'services/schemas/alterations/1.0.0-add-table.ts': 'await pool.query(sql`select 1`);\n' },
      config: { ...ordersConfig, services: [{ name: 'schemas', roots: ['services/schemas'] }] },
      errors: [{ messageId: 'noMigrations', data: { service: 'schemas' }, line: 1, column: 74, endLine: 1, endColumn: 95 }],
    },
    {
      name: "EF Core's designer half and model snapshot, a Rails file without its version, a PHP file beside Laravel's migrations: no migrations",
      filename: 'services/billing/deploy/sql/billing.sql',
      code: 'CREATE TABLE invoices (id BIGINT PRIMARY KEY);',
      files: {
        'services/billing/Migrations/20240201093000_InitialCreate.Designer.cs': '[Migration("20240201093000_InitialCreate")]\n',
        'services/billing/Migrations/BillingDbContextModelSnapshot.cs': 'partial class BillingDbContextModelSnapshot {}\n',
        'services/billing/db/migrate/create_invoices.rb': 'class CreateInvoices < ActiveRecord::Migration[7.1]\nend\n',
        'services/billing/database/migrations/Seeder.php': '<?php\n',
      },
      config: { ...ordersConfig, services: [{ name: 'billing', roots: ['services/billing'] }] },
      errors: [{ messageId: 'noMigrations', data: { service: 'billing' }, line: 1, column: 14, endLine: 1, endColumn: 22 }],
    },
    {
      name: 'a changelog that only includes a hand-run schema file declares nothing of its own: still no versioned migration',
      filename: 'services/accounts/db/schema.sql',
      code: 'CREATE TABLE accounts (id BIGINT PRIMARY KEY);',
      files: { 'services/accounts/db/changelog.yaml': 'databaseChangeLog:\n  - include:\n      file: ../notes.txt\n' },
      config: { ...ordersConfig, services: [{ name: 'accounts', roots: ['services/accounts'] }] },
      errors: [{ messageId: 'noMigrations', data: { service: 'accounts' }, line: 1, column: 14, endLine: 1, endColumn: 22 }],
    },
    {
      name: 'an SQL Prisma provider still needs versioned migrations',
      filename: 'services/reviews/prisma/schema.prisma',
      code: mongoPrisma.replace('mongodb', 'postgresql'),
      config: storesConfig,
      errors: [{ messageId: 'noMigrations', line: 5, column: 7, endLine: 5, endColumn: 13, data: { service: 'reviews' } }],
    },
    {
      name: 'MongoDB entities next to SQL DDL: the service has SQL tables to migrate',
      filename: 'services/carts/db/schema.sql',
      code: 'CREATE TABLE cart_audit (id BIGINT PRIMARY KEY);',
      files: { 'services/carts/src/data-source.ts': mongoTypeorm },
      config: storesConfig,
      errors: [{ messageId: 'noMigrations', line: 1, column: 14, endLine: 1, endColumn: 24, data: { service: 'carts' } }],
    },
    {
      name: 'a hand-run schema.sql (billing in the audit)',
      filename: 'services/billing/database/schema.sql',
      code: '-- Billing schema, run by hand\nCREATE TABLE invoices (\n  id CHAR(36) PRIMARY KEY\n);',
      errors: [
        { messageId: 'noMigrations', data: { service: 'billing' }, line: 2, column: 14, endLine: 2, endColumn: 22, severity: 'warn' },
      ],
    },
    {
      name: 'only unversioned 001_ files (auth in the audit)',
      filename: 'services/auth/migrations/001_initial_schema.sql',
      code: 'CREATE TABLE IF NOT EXISTS auth_users (id CHAR(36) PRIMARY KEY);',
      errors: [{ messageId: 'noMigrations', data: { service: 'auth' }, line: 1, column: 28, endLine: 1, endColumn: 38 }],
    },
    {
      name: "tables owned by config and no SQL at all: the service's first file",
      filename: 'services/payment/src/index.ts',
      code: "export { confirmPayment } from './payment.service.js';\n",
      files: { 'services/payment/src/payment.service.ts': 'export async function confirmPayment() {}\n' },
      errors: [{ messageId: 'noMigrations', data: { service: 'payment' }, line: 1, column: 1, endLine: 1, endColumn: 55 }],
    },
    {
      name: 'a binary or unreadable first file is skipped: the first readable file carries the finding',
      filename: 'services/payment/src/index.ts',
      code: 'export const ready = true;\n',
      files: {
        'services/payment/.env': 'DB_HOST=\u0000\u0001\u0002binary',
        'services/payment/api.yaml': 'openapi: 3.0.0\u0000\u0000',
        'services/payment/src/assets.js': '\u0000\u0089PNG\r\n',
      },
      errors: [{ messageId: 'noMigrations', data: { service: 'payment' }, line: 1, column: 1, endLine: 1, endColumn: 27 }],
    },
    {
      name: 'a service whose only files are binary still gets its finding, on its first file',
      filename: 'services/payment/src/assets.js',
      code: '\u0000\u0089PNG\r\n',
      files: { 'services/payment/src/blob.ts': '\u0000\u0000' },
      errors: [{ messageId: 'noMigrations', data: { service: 'payment' }, line: 1, column: 1, endLine: 1, endColumn: 6 }],
    },
    {
      name: 'tables created without config ownership',
      filename: 'services/orders/db/schema.sql',
      code: 'CREATE TABLE orders (id CHAR(36) PRIMARY KEY);\nCREATE TABLE order_items (id CHAR(36) PRIMARY KEY);',
      config: ordersConfig,
      errors: [{ messageId: 'noMigrations', data: { service: 'orders' }, line: 1, column: 14, endLine: 1, endColumn: 20 }],
    },
    {
      name: 'one diagnostic per service',
      filename: 'services/billing/database/schema.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);\nCREATE TABLE billing_accounts (id CHAR(36) PRIMARY KEY);',
      files: { 'services/clinical/schema/patients.sql': 'CREATE TABLE patients (id UUID PRIMARY KEY);' },
      config: defaultTestConfig,
      errors: [
        { messageId: 'noMigrations', data: { service: 'billing' }, line: 1, column: 14, endLine: 1, endColumn: 22 },
        {
          messageId: 'noMigrations',
          data: { service: 'clinical' },
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 22,
          file: 'services/clinical/schema/patients.sql',
        },
      ],
    },
  ],
});
