import rule from '../../rules/unknown-table.js';
import { ruleTester } from '../rule-tester.js';

/** A PostgreSQL service owning `jobs` only: every other name it uses is unknown. */
const jobsConfig = { services: [{ name: 'jobs', roots: ['services/jobs'], dialect: 'postgresql' as const, tables: ['jobs'] }] };

/** A committed `mysqldump --no-data` of billing: its view reads orders' table, its trigger fires on its own. */
const BILLING_DUMP = [
  '-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)',
  '/*!40101 SET NAMES utf8mb4 */;',
  'DROP TABLE IF EXISTS `invoices`;',
  'CREATE TABLE `invoices` (`id` int NOT NULL AUTO_INCREMENT, `order_id` int NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB;',
  'DROP TABLE IF EXISTS `v_invoice_totals`;',
  '/*!50001 DROP VIEW IF EXISTS `v_invoice_totals`*/;',
  '/*!50001 CREATE VIEW `v_invoice_totals` AS SELECT',
  ' 1 AS `order_id`*/;',
  '/*!50001 DROP VIEW IF EXISTS `v_invoice_totals`*/;',
  '/*!50001 CREATE ALGORITHM=UNDEFINED */',
  '/*!50013 DEFINER=`root`@`%` SQL SECURITY DEFINER */',
  '/*!50001 VIEW `v_invoice_totals` AS select `i`.`order_id` AS `order_id` from (`invoices` `i` join `orders` `o` on((`o`.`id` = `i`.`order_id`))) */;',
].join('\n');
/** Billing creates what its dump creates; orders owns `orders`. */
const dumpConfig = {
  dialect: 'mysql' as const,
  services: [
    { name: 'billing', roots: ['services/billing'] },
    { name: 'orders', roots: ['services/orders'], tables: ['orders'] },
  ],
};

/** accounts' only schema: its Liquibase changelog (HELDOUT6 #3), in XML. */
const ACCOUNTS_CHANGELOG_XML = [
  '<databaseChangeLog>',
  '  <changeSet id="1" author="platform">',
  '    <createTable tableName="accounts"><column name="id" type="BIGINT"/></createTable>',
  '    <createTable tableName="account_tokens"><column name="id" type="BIGINT"/></createTable>',
  '  </changeSet>',
  '  <changeSet id="2" author="platform">',
  '    <renameTable oldTableName="account_tokens" newTableName="tokens"/>',
  '    <rollback><renameTable oldTableName="tokens" newTableName="account_tokens"/></rollback>',
  '  </changeSet>',
  '</databaseChangeLog>',
  '',
].join('\n');
const accountsConfig = { dialect: 'postgresql' as const, services: [{ name: 'accounts', roots: ['services/accounts'] }] };
const pkg = (name: string, dependency: string) => JSON.stringify({ name, dependencies: { [dependency]: '^1.0.0' } });
/** A PostgreSQL service, a Cassandra and a ClickHouse service with their schemas, and DynamoDB and BigQuery services with none in the repository. */
const perEngine = {
  files: {
    'services/accounts/package.json': pkg('accounts', 'pg'),
    'services/accounts/migrations/V1__users.sql': 'CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT NOT NULL);',
    'services/timeline/package.json': pkg('timeline', 'cassandra-driver'),
    'services/timeline/cql/001_schema.cql':
      'CREATE TABLE IF NOT EXISTS timeline.posts_by_user (user_id uuid, ts timeuuid, PRIMARY KEY (user_id, ts));',
    'services/analytics/package.json': pkg('analytics', '@clickhouse/client'),
    'services/analytics/clickhouse/001_events.sql': 'CREATE TABLE events (ts DateTime64(3)) ENGINE = MergeTree ORDER BY ts;',
    'services/carts/package.json': pkg('carts', '@aws-sdk/client-dynamodb'),
    'services/warehouse/package.json': pkg('warehouse', '@google-cloud/bigquery'),
  },
  config: { services: ['accounts', 'timeline', 'analytics', 'carts', 'warehouse'].map((name) => ({ name, roots: [`services/${name}`] })) },
};

/**
 * matrix-appservice-bridge's PostgresStore (HELDOUT15 #6, #7): postgres.js' transaction callback creates the version
 * table (`sql.begin(s => [s`CREATE TABLE schema …`])`); the store reads it unquoted in capitals, which is `schema`.
 */
const POSTGRES_STORE = [
  "import postgres from 'postgres';",
  'export async function v0Schema(sql: postgres.Sql) {',
  '  await sql.begin(s => [s`CREATE TABLE schema (version INTEGER UNIQUE NOT NULL);`, s`INSERT INTO schema VALUES (0);`]);',
  '}',
  'export abstract class PostgresStore {',
  '  constructor(public readonly sql: postgres.Sql) {}',
  '  async updateSchemaVersion(version: number) {',
  '    await this.sql`UPDATE schema SET version = ${version};`;',
  '  }',
  '  async getSchemaVersion() {',
  '    const result = await this.sql<{ version: number }[]>`SELECT version FROM SCHEMA;`;',
  '    return result[0]?.version;',
  '  }',
  '}',
].join('\n');
const bridgeConfig = (dialect: 'postgresql' | 'mysql') => ({ dialect, services: [{ name: 'bridge', roots: ['libs/bridge'] }] });
/** graphile-worker's shape (HELDOUT9 #8): migrations whose schema is a psql-style variable its migrator substitutes. */
const workerSql = {
  'services/worker/sql/000001.sql':
    'create table :GRAPHILE_WORKER_SCHEMA.job_queues (queue_name text not null primary key);\nalter table :GRAPHILE_WORKER_SCHEMA.job_queues enable row level security;',
  'services/worker/sql/000002.sql': 'alter table :GRAPHILE_WORKER_SCHEMA.job_queues rename to _private_job_queues;',
};
/** n8n's shape (HELDOUT9 #11): TypeORM migrations writing a run-time table prefix against the name. */
const prefixedMigration = {
  'services/worker/migrations/1587669153312-InitialMigration.js': [
    'export class InitialMigration1587669153312 {',
    '  async up({ queryRunner, tablePrefix }) {',
    '    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${tablePrefix}workflow_entity ("id" SERIAL NOT NULL, "name" character varying(128) NOT NULL)`);',
    '    await queryRunner.query(`CREATE TABLE "${tablePrefix}credentials_entity" ("id" SERIAL NOT NULL)`);',
    '  }',
    '}',
  ].join('\n'),
};
const workerConfig = { dialect: 'postgresql' as const, services: [{ name: 'worker', roots: ['services/worker'] }] };
/** actual-budget's sync-server (HELDOUT9 #18): SQLite rebuilds in one exec, up and down; `auth` is the service's own. */
const rebuildMigration = {
  'services/worker/migrations/1694360479680-create-account-db.js':
    "export const up = async function () { await getAccountDb().exec('CREATE TABLE auth (password TEXT PRIMARY KEY); CREATE TABLE sessions (token TEXT PRIMARY KEY);'); };",
  'services/worker/migrations/1718889148000-openid.js': [
    'export const up = async function () {',
    '  await getAccountDb().exec(`CREATE TABLE auth_new (method TEXT PRIMARY KEY, extra_data TEXT);',
    "    INSERT INTO auth_new (method, extra_data) SELECT 'password', password FROM auth;",
    '    DROP TABLE auth;',
    '    ALTER TABLE auth_new RENAME TO auth;`);',
    '};',
    'export const down = async function () {',
    '  await getAccountDb().exec(`ALTER TABLE auth RENAME TO auth_temp;',
    '    CREATE TABLE auth (password TEXT);',
    "    INSERT INTO auth (password) SELECT extra_data FROM auth_temp WHERE method = 'password';",
    '    DROP TABLE auth_temp;`);',
    '};',
  ].join('\n'),
};
/** n8n's entities as @n8n/db ships them (HELDOUT9 #11): tsc's `__decorate` calls, no `@Entity` left in the text. */
const compiledEntity = (applied: string) => ({
  'services/worker/src/entities/folder-tag-mapping.js': [
    '"use strict";',
    'const typeorm_1 = require("@n8n/typeorm");',
    'let FolderTagMapping = class FolderTagMapping {};',
    'exports.FolderTagMapping = FolderTagMapping;',
    `exports.FolderTagMapping = FolderTagMapping = __decorate([(0, typeorm_1.Entity)({ name: 'folder_tag' })], ${applied});`,
    'let WorkflowEntity = class WorkflowEntity {};',
    `exports.WorkflowEntity = WorkflowEntity = __decorate([(0, typeorm_1.Entity)()], WorkflowEntity);`,
  ].join('\n'),
});

/** graphile-worker's getJobs: the CTE's name is a hole picking `j_raw` or `j`, read by the final `from j` (HELDOUT9 #7). */
const GET_JOBS = (from: string) =>
  [
    'function constructQuery(batchSize, schema) {',
    '  const text = `with ${batchSize > 1 ? "j_raw" : "j"} as (',
    '  select jobs.id from ${schema}._private_job_queues as jobs for update skip locked',
    ')',
    `  update \${schema}._private_job_queues as jobs set locked_at = now() from ${from} where jobs.id = ${from}.id returning *`,
    '  `;',
    '  return text;',
    '}',
  ].join('\n');

/** bsky's thread helpers (HELDOUT14 #6): a Kysely builder declaring a recursive CTE, returned for the caller to select from. */
const threadHelpers = (service: string) => ({
  [`services/${service}/src/util.ts`]: [
    "import { Kysely } from 'kysely';",
    'export const getAncestorsQb = (db: Kysely<any>, uri: string) =>',
    "  db.withRecursive('ancestor(uri, ancestorUri, height)', (cte) =>",
    "    cte.selectFrom('post').select(['post.uri as uri', 'post.replyParent as ancestorUri']).where('uri', '=', uri),",
    '  );',
  ].join('\n'),
});
const threadConfig = {
  dialect: 'postgresql' as const,
  services: [
    { name: 'feed', roots: ['services/feed'], tables: ['post'] },
    { name: 'search', roots: ['services/search'], tables: ['post_index'] },
  ],
};
const threadCaller = [
  "import { getAncestorsQb } from './util';",
  "export const ancestors = (db, uri) => getAncestorsQb(db, uri).selectFrom('ancestor').selectAll().execute();",
].join('\n');

ruleTester.run(rule, {
  valid: [
    {
      name: "a knexfile's tableName and its _lock, and umzug's SequelizeStorage modelName: the runners' bookkeeping tables, the service's (HELDOUT14 #18)",
      filename: 'services/reports/src/health.js',
      code: [
        "const last = () => knex('migration').orderBy('id', 'desc').first('name');",
        "const locked = () => knex('migration_lock').count('* as n');",
        "const applied = () => sequelize.query('SELECT name FROM notify_meta ORDER BY name');",
      ].join('\n'),
      files: {
        'services/reports/package.json': '{ "name": "reports", "dependencies": { "knex": "^3.1.0", "mysql2": "^3.9.7" } }',
        'services/reports/knexfile.js':
          "module.exports = { client: 'mysql2', migrations: { directory: './db/migrations', tableName: 'migration' } };\n",
        'services/reports/src/umzug.js':
          "const { SequelizeStorage, Umzug } = require('umzug');\nmodule.exports = (sequelize) => new Umzug({ storage: new SequelizeStorage({ sequelize, modelName: 'notify_meta' }) });\n",
        'services/reports/db/migrations/20240105093000_create_reports.js':
          "exports.up = (knex) => knex.schema.createTable('reports', (t) => t.increments('id'));\n",
      },
      config: { services: [{ name: 'reports', roots: ['services/reports'] }] },
    },
    {
      name: "a CTE another file of the service declares with Kysely's withRecursive('name(cols)', …) is no table (HELDOUT14 #6)",
      filename: 'services/feed/src/thread.ts',
      code: threadCaller,
      files: threadHelpers('feed'),
      config: threadConfig,
    },
    {
      name: "a knex migration's createViewOrReplace declares the view (Ghost's members_resolved_subscription)",
      filename: 'services/worker/src/member-repository.js',
      code: "export const best = (trx, memberId) => trx('members_resolved_subscription').where('member_id', memberId).first();",
      files: {
        'services/worker/migrations/2026-06-09-09-00-01-add-members-resolved-subscription-view.js': [
          'module.exports = {',
          '  async up(knex) {',
          "    await knex.schema.createViewOrReplace('members_resolved_subscription', (view) => view.as(knex.raw('SELECT 1 AS member_id')));",
          '  },',
          '  async down(knex) {',
          "    await knex.schema.dropViewIfExists('members_resolved_subscription');",
          '  },',
          '};',
        ].join('\n'),
      },
      config: workerConfig,
    },
    {
      name: "a SQLite rebuild's copies exist while the migration runs: auth_new in the up, auth_temp in the down (HELDOUT9 #18)",
      filename: 'services/worker/migrations/1719409568000-multiuser.js',
      code: [
        'export const down = async function () {',
        '  await getAccountDb().exec(`CREATE TABLE sessions_backup (token TEXT PRIMARY KEY);',
        '    INSERT INTO sessions_backup (token) SELECT token FROM sessions;',
        '    DROP TABLE sessions;',
        '    ALTER TABLE sessions_backup RENAME TO sessions;`);',
        '};',
      ].join('\n'),
      files: rebuildMigration,
      config: workerConfig,
    },
    {
      name: "n8n's rebuild over several queryRunner.query calls of one down; a table a migration reads, then drops, existed (HELDOUT9 #18)",
      filename: 'services/worker/migrations/1654089251344-IntroducePinData.js',
      code: [
        'export class IntroducePinData1654089251344 {',
        '  async up({ queryRunner }) {',
        "    await queryRunner.query('INSERT INTO auth (password) SELECT admin_console FROM settings');",
        "    await queryRunner.query('DROP TABLE settings');",
        '  }',
        '  async down({ queryRunner }) {',
        '    await queryRunner.query(`ALTER TABLE sessions RENAME TO "temporary_sessions"`);',
        '    await queryRunner.query(`CREATE TABLE sessions (token text PRIMARY KEY)`);',
        '    await queryRunner.query(`INSERT INTO sessions (token) SELECT token FROM "temporary_sessions"`);',
        '    await queryRunner.query(`DROP TABLE "temporary_sessions"`);',
        '  }',
        '}',
      ].join('\n'),
      files: rebuildMigration,
      config: workerConfig,
    },
    {
      name: "a per-table template's ${name} is no table (Logto's tables/_after_each.sql, HELDOUT9 #18)",
      filename: 'services/worker/tables/_after_each.sql',
      code: [
        'create trigger set_tenant_id before insert on ${name}',
        '  for each row execute procedure set_tenant_id();',
        'alter table ${name} enable row level security;',
      ].join('\n'),
      config: workerConfig,
    },
    {
      name: "compiled TypeORM entities (tsc's __decorate) define folder_tag and the default workflow_entity (HELDOUT9 #11)",
      filename: 'services/worker/src/repositories/folder.repository.js',
      code: "export const tagged = (db) =>\n  db.query('SELECT f.tagId FROM folder_tag f JOIN workflow_entity w ON w.id = f.workflowId');",
      files: compiledEntity('FolderTagMapping'),
      config: workerConfig,
    },
    {
      name: '${tablePrefix}workflow_entity (a run-time prefix, n8n and TypeORM) creates and reads the bare name (HELDOUT9 #11)',
      filename: 'services/worker/src/workflows.js',
      code: 'export const all = (db, tablePrefix) => db.query(`SELECT w.id FROM ${tablePrefix}workflow_entity w JOIN "${tablePrefix}credentials_entity" c ON true`);',
      files: prefixedMigration,
      config: workerConfig,
    },
    {
      name: 'an unquoted upper-case name is the lower-case table PostgreSQL folds it to: `REFERENCES PROJECTS(id)` is projects (HELDOUT9 #24)',
      filename: 'services/unleash/src/migrations/20210913103159-api-keys-scoping.js',
      code: 'exports.up = (db, cb) => db.runSql(`ALTER TABLE api_tokens ADD COLUMN project VARCHAR REFERENCES PROJECTS(id) ON DELETE CASCADE;`, cb);',
      files: {
        'services/unleash/src/migrations/20200101000000-init.js':
          'exports.up = (db, cb) => db.runSql(`CREATE TABLE projects (id VARCHAR PRIMARY KEY); CREATE TABLE api_tokens (secret TEXT PRIMARY KEY);`, cb);',
      },
      config: { dialect: 'postgresql' as const, services: [{ name: 'unleash', roots: ['services/unleash'] }] },
    },
    {
      name: "a CTE named by a hole whose values the file shows (`with ${big ? 'j_raw' : 'j'} as (…)`) is no table where the text reads it (HELDOUT9 #7)",
      filename: 'services/worker/src/sql/getJobs.js',
      code: GET_JOBS('j'),
      files: workerSql,
      config: workerConfig,
    },
    {
      name: "a psql variable as the schema (:GRAPHILE_WORKER_SCHEMA.job_queues) creates the table, in the service's own unknown schema (HELDOUT9 #8)",
      filename: 'services/worker/src/queues.js',
      code: 'export const locked = (client, schema) => client.query(`select queue_name from ${schema}._private_job_queues where locked_at is not null`);',
      files: workerSql,
      config: workerConfig,
    },
    {
      name: 'a yoyo rollback is read right after its migration, with the names that one left (HELDOUT7 #16)',
      filename: 'services/auth/migrations/0001.create-users.rollback.sql',
      code: 'DROP TABLE users;',
      files: {
        'services/auth/migrations/0001.create-users.sql': 'CREATE TABLE users (id SERIAL PRIMARY KEY);',
        'services/auth/migrations/0002.rename-users.sql': 'ALTER TABLE users RENAME TO accounts;',
        'services/auth/migrations/0002.rename-users.rollback.sql': 'ALTER TABLE accounts RENAME TO users;',
      },
      config: { dialect: 'postgresql', services: [{ name: 'auth', roots: ['services/auth'] }] },
    },
    {
      name: "the tables a service's Liquibase changelog creates, under their names after its renameTable (HELDOUT6 #3)",
      filename: 'services/accounts/src/index.js',
      code: "module.exports = () => pool.query('SELECT a.id FROM accounts a JOIN tokens t ON t.id = a.id');",
      files: { 'services/accounts/src/main/resources/db/changelog/changelog-master.xml': ACCOUNTS_CHANGELOG_XML },
      config: accountsConfig,
    },
    {
      name: "a mysqldump's view is created inside /*!50001 … */: dropping it first is no use of an unknown table (HELDOUT5 #2)",
      filename: 'services/billing/db/schema.sql',
      code: BILLING_DUMP,
      files: { 'services/orders/migrations/V1__orders.sql': 'CREATE TABLE orders (id INT PRIMARY KEY);' },
      config: dumpConfig,
    },
    {
      name: "postgres.js: the table sql.begin's callback creates is the service's; unquoted SCHEMA is schema (HELDOUT15 #6, #7)",
      filename: 'libs/bridge/src/components/stores/postgres-store.ts',
      code: POSTGRES_STORE,
      config: bridgeConfig('postgresql'),
    },
    {
      name: 'the model compares table names case-insensitively on MySQL too (lower_case_table_names differs per server)',
      filename: 'libs/bridge/src/components/stores/postgres-store.ts',
      code: POSTGRES_STORE,
      config: bridgeConfig('mysql'),
    },
    { name: 'an owned table', filename: 'services/billing/src/a.ts', code: "db.query('SELECT * FROM invoices');" },
    {
      name: 'system schemas and dual',
      filename: 'services/billing/src/b.ts',
      code: "db.query('SELECT table_name FROM information_schema.tables');\ndb.query('SELECT 1 FROM dual');",
    },
    {
      name: 'a table the service creates',
      filename: 'services/billing/migrations/V1__t.sql',
      code: 'CREATE TABLE totals_cache (id CHAR(36) PRIMARY KEY);\nSELECT * FROM totals_cache;',
    },
    {
      name: 'bookkeeping tables of migration tools (knex, Flyway, Prisma, Sequelize, TypeORM, dbmate, EF Core …)',
      filename: 'services/billing/src/health.ts',
      code: "db.query('SELECT MAX(batch) FROM knex_migrations');\ndb.query('SELECT version FROM flyway_schema_history');\ndb.query('SELECT * FROM _prisma_migrations');\ndb.query('SELECT name FROM `SequelizeMeta`');\ndb.query('SELECT version FROM schema_migrations');\ndb.query('SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"');",
    },
    {
      name: "Alembic's version table, also under a project's version_table name (HELDOUT12 #6)",
      filename: 'services/billing/src/health.ts',
      code: "db.query('SELECT version_num FROM alembic_version');\ndb.query('SELECT version_num FROM alembic_version_taas');\ndb.query('SELECT version_num FROM l2gw_alembic_version');",
    },
    {
      name: 'a temporary table the file creates, filled and read in the same string and in the next calls',
      filename: 'services/jobs/src/batch.ts',
      code: [
        "await pool.query('CREATE TEMP TABLE tmp_ids (id int) ON COMMIT DROP; INSERT INTO tmp_ids SELECT id FROM jobs; SELECT * FROM tmp_ids');",
        "await client.query('CREATE TEMPORARY TABLE tmp_totals (id int)');",
        "await client.query('INSERT INTO pg_temp.tmp_totals SELECT id FROM jobs');",
        "await client.query('DROP TABLE tmp_totals');",
      ].join('\n'),
      config: jobsConfig,
    },
    {
      name: "pg_cron jobs on the service's own table, pg_cron's own job tables, and an unschedule",
      filename: 'services/jobs/migrations/V4__cron.sql',
      code: [
        "SELECT cron.schedule('purge-jobs', '0 3 * * *', $$DELETE FROM jobs WHERE finished_at < now() - interval '7 days'$$);",
        "SELECT cron.unschedule('purge-job-runs');",
        "DELETE FROM cron.job_run_details WHERE end_time < now() - interval '7 days';",
      ].join('\n'),
      config: jobsConfig,
    },
    {
      name: 'pg_dump: ALTER TABLE on a sequence the SQL creates (OWNER TO)',
      filename: 'services/jobs/db/structure.sql',
      code: 'CREATE SEQUENCE public.order_id_seq START WITH 1;\nALTER TABLE public.order_id_seq OWNER TO jobs_app;',
      config: jobsConfig,
    },
    {
      name: 'ignored by option',
      filename: 'services/billing/src/c.ts',
      code: "db.query('SELECT * FROM legacy_totals');",
      options: { ignore: ['legacy_*'] },
    },
    {
      name: 'GRANTs on databases, every table, routines and roles name no table',
      filename: 'services/billing/migrations/V2__grants.sql',
      code: "GRANT ALL ON reporting.* TO 'r'@'%';\nGRANT SELECT ON *.* TO 'r'@'%';\nGRANT EXECUTE ON PROCEDURE reporting.refresh_totals TO 'r'@'%';\nGRANT report_reader TO 'r'@'%';\nREVOKE ALL PRIVILEGES, GRANT OPTION FROM 'r'@'%';",
    },
    {
      name: 'DROP TABLE IF EXISTS of a table nobody creates drops it if an old version left it (HELDOUT10 #16)',
      filename: 'services/billing/migrations/V9__cleanup.sql',
      code: 'DROP TABLE IF EXISTS /*_*/legacy_totals;\nDROP TEMPORARY TABLE IF EXISTS scratch_totals;',
    },
    {
      name: "SQL Server's trigger pseudo-tables deleted / inserted in a CREATE TRIGGER (HELDOUT10 #17)",
      filename: 'services/ledger/migrations/V2__triggers.sql',
      code: [
        'CREATE TRIGGER [entries_delete_lines] ON [dbo].[entries]',
        '    AFTER DELETE AS',
        '    DELETE FROM [dbo].[entry_lines]',
        '    WHERE [entry_id] IN (SELECT [id] FROM deleted)',
        'GO',
      ].join('\n'),
      files: {
        'services/ledger/package.json': JSON.stringify({ name: 'ledger', dependencies: { mssql: '^11.0.0' } }),
        'services/ledger/migrations/V1__init.sql':
          'CREATE TABLE entries (id INT PRIMARY KEY)\nGO\nCREATE TABLE entry_lines (id INT PRIMARY KEY, entry_id INT)\nGO',
      },
      config: { services: [{ name: 'ledger', roots: ['services/ledger'] }] },
    },
    {
      name: "SQLite's own tables in a SQLite-only service: AUTOINCREMENT's sqlite_sequence, the schema, ANALYZE's statistics",
      filename: 'services/notes/src/db.ts',
      code: [
        'db.prepare("SELECT seq FROM sqlite_sequence WHERE name = \'notes_items\'").get();',
        'db.prepare("SELECT name FROM sqlite_master WHERE type = \'table\'").all();',
        "db.prepare('SELECT * FROM sqlite_schema JOIN sqlite_stat1 ON sqlite_stat1.tbl = sqlite_schema.name').all();",
        // PRAGMA table-valued functions, with or without their arguments (HELDOUT9 #25)
        'db.prepare("SELECT 1 FROM pragma_function_list WHERE name = \'st_aswkb\'").get();',
        'db.prepare("SELECT name FROM pragma_table_info(\'notes_items\')").all();',
      ].join('\n'),
      files: {
        'services/notes/package.json': JSON.stringify({ name: 'notes', dependencies: { 'better-sqlite3': '^11.0.0' } }),
        'services/notes/migrations/V1__init.sql': 'CREATE TABLE notes_items (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL);',
      },
      config: { services: [{ name: 'notes', roots: ['services/notes'] }] },
    },
    {
      name: 'a model of a root Prisma schema no app joins (each keeps migrations of its own): declared, only its owner is unknown',
      filename: 'apps/api/src/main.ts',
      code: "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport const posts = () => prisma.post.findMany();",
      files: {
        'package.json': JSON.stringify({ name: 'saas', private: true, workspaces: ['apps/*'], prisma: { schema: 'prisma/schema.prisma' } }),
        'prisma/schema.prisma':
          'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\nmodel Post {\n  id String @id\n}\n',
        'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { '@prisma/client': '^5.14.0' } }),
        'apps/api/migrations/V1__keys.sql': 'CREATE TABLE api_keys (id SERIAL PRIMARY KEY);',
      },
      config: { services: [{ name: 'api', roots: ['apps/api'] }] },
    },
    {
      name: 'DynamoDB and BigQuery tables live outside the repository (CloudFormation, a dataset): their names cannot be checked (HELDOUT6 #23c)',
      filename: 'services/carts/src/index.js',
      code: 'await ddb.send(new ExecuteStatementCommand({ Statement: \'SELECT * FROM "carts" WHERE pk = ?\' }));',
      ...perEngine,
    },
    {
      name: "a BigQuery path in backticks, the project's dataset's table",
      filename: 'services/warehouse/src/index.js',
      code: 'await bq.query({ query: \'SELECT SUM(total) FROM `acme-prod.exports.orders` WHERE region = "eu"\' });',
      ...perEngine,
    },
    {
      name: 'a ClickHouse service reads the table its ClickHouse DDL creates',
      filename: 'services/analytics/src/index.js',
      code: "await client.query({ query: 'SELECT toDate(ts) AS day, count() FROM events GROUP BY day' });",
      ...perEngine,
    },
  ],
  invalid: [
    {
      name: 'postgres.js: a table no transaction callback creates stays unknown, at its name',
      filename: 'libs/bridge/src/components/stores/postgres-store.ts',
      code: POSTGRES_STORE.replace('FROM SCHEMA;', 'FROM SCHEMA_HISTORY;'),
      config: bridgeConfig('postgresql'),
      errors: [{ messageId: 'unknownTable', line: 11, column: 78, endLine: 11, endColumn: 92 }],
    },
    {
      name: "another object's begin(cb) is no postgres.js transaction: its callback's template creates nothing",
      filename: 'libs/bridge/src/components/stores/postgres-store.ts',
      code: POSTGRES_STORE.replace('await sql.begin(', 'await queue.begin('),
      config: bridgeConfig('postgresql'),
      errors: [
        { messageId: 'unknownTable', line: 8, column: 27, endLine: 8, endColumn: 33 },
        { messageId: 'unknownTable', line: 11, column: 78, endLine: 11, endColumn: 84 },
      ],
    },
    {
      name: "a CTE only another service's builder declares names no table of this one (HELDOUT14 #6)",
      filename: 'services/feed/src/thread.ts',
      code: threadCaller,
      files: threadHelpers('search'),
      config: threadConfig,
      errors: [{ messageId: 'unknownTable', line: 2, column: 75, endLine: 2, endColumn: 83, data: { table: 'ancestor', service: 'feed' } }],
    },
    {
      name: "a name the service's builders declare as no CTE is still unknown (HELDOUT14 #6)",
      filename: 'services/feed/src/thread.ts',
      code: threadCaller.replace("selectFrom('ancestor')", "selectFrom('ancestors')"),
      files: threadHelpers('feed'),
      config: threadConfig,
      errors: [
        { messageId: 'unknownTable', line: 2, column: 75, endLine: 2, endColumn: 84, data: { table: 'ancestors', service: 'feed' } },
      ],
    },
    {
      name: "a table named like Alembic's version table but not it is still unknown (HELDOUT12 #6)",
      filename: 'services/worker/src/versions.js',
      code: "db.query('SELECT * FROM alembic_versions');",
      config: workerConfig,
      errors: [{ messageId: 'unknownTable', line: 1, column: 25, endLine: 1, endColumn: 41, data: { table: 'alembic_versions' } }],
    },
    {
      name: 'a view a knex migration creates is the name it creates, not another',
      filename: 'services/worker/src/member-repository.js',
      code: "export const best = (trx, memberId) =>\n  trx('members_current_subscription').where('member_id', memberId).first();",
      files: {
        'services/worker/migrations/2026-06-09-09-00-01-add-members-resolved-subscription-view.js': [
          'module.exports = {',
          '  async up(knex) {',
          "    await knex.schema.createViewOrReplace('members_resolved_subscription', (view) => view.as(knex.raw('SELECT 1 AS member_id')));",
          '  },',
          '  async down(knex) {',
          "    await knex.schema.dropViewIfExists('members_resolved_subscription');",
          '  },',
          '};',
        ].join('\n'),
      },
      config: workerConfig,
      errors: [
        { messageId: 'unknownTable', line: 2, column: 8, endLine: 2, endColumn: 36, data: { table: 'members_current_subscription' } },
      ],
    },
    {
      name: "the script's own tables are its phase's, from their creation on, up to their drop: a down's copy in the up, a table after its drop (HELDOUT9 #18)",
      filename: 'services/worker/migrations/1719409568000-multiuser.js',
      code: [
        'export const up = async function () {',
        "  await getAccountDb().exec('INSERT INTO auth_temp SELECT * FROM auth; DROP TABLE legacy_users; INSERT INTO legacy_users SELECT 1;');",
        '};',
        'export const down = async function () {',
        "  await getAccountDb().exec('ALTER TABLE auth RENAME TO auth_temp; DROP TABLE auth_temp;');",
        '};',
      ].join('\n'),
      files: rebuildMigration,
      config: workerConfig,
      errors: [
        { messageId: 'unknownTable', line: 2, column: 42, endLine: 2, endColumn: 51, data: { table: 'auth_temp' } },
        { messageId: 'unknownTable', line: 2, column: 109, endLine: 2, endColumn: 121, data: { table: 'legacy_users' } },
      ],
    },
    {
      name: "a template's real table name is still read beside its ${name} placeholders (HELDOUT9 #18)",
      filename: 'services/worker/tables/_after_each.sql',
      code: 'alter table ${name} enable row level security;\ncreate policy ${name}_tenant_id on ${name}\n  using (tenant_id = (select id from tenant_list));',
      config: workerConfig,
      errors: [{ messageId: 'unknownTable', line: 3, column: 38, endLine: 3, endColumn: 49, data: { table: 'tenant_list' } }],
    },
    {
      name: "a compiled decorator on a member (X.prototype, 'name') defines no table: folder_tag is unknown, workflow_entity known (HELDOUT9 #11)",
      filename: 'services/worker/src/repositories/folder.repository.js',
      code: "export const tagged = (db) =>\n  db.query('SELECT f.tagId FROM folder_tag f JOIN workflow_entity w ON w.id = f.workflowId');",
      files: compiledEntity('FolderTagMapping.prototype, "tags", void 0'),
      config: workerConfig,
      errors: [{ messageId: 'unknownTable', line: 2, column: 33, endLine: 2, endColumn: 43, data: { table: 'folder_tag' } }],
    },
    {
      name: 'a prefix hole keeps the name it prefixes: one nobody creates is unknown, at the name after the hole; ${table}_archive stays a hole (HELDOUT9 #11)',
      filename: 'services/worker/src/archive.js',
      code: 'export const move = (db, tablePrefix, table) =>\n  db.query(`INSERT INTO ${table}_archive SELECT * FROM ${tablePrefix}execution_entity`);',
      files: prefixedMigration,
      config: workerConfig,
      errors: [{ messageId: 'unknownTable', line: 2, column: 70, endLine: 2, endColumn: 86, data: { table: 'execution_entity' } }],
    },
    {
      name: 'an upper-case name no folding makes a created table is unknown, at the name',
      filename: 'services/unleash/src/migrations/20210913103159-api-keys-scoping.js',
      code: 'exports.up = (db, cb) => db.runSql(`ALTER TABLE api_tokens ADD COLUMN project VARCHAR REFERENCES PROJECT(id) ON DELETE CASCADE;`, cb);',
      files: {
        'services/unleash/src/migrations/20200101000000-init.js':
          'exports.up = (db, cb) => db.runSql(`CREATE TABLE projects (id VARCHAR PRIMARY KEY); CREATE TABLE api_tokens (secret TEXT PRIMARY KEY);`, cb);',
      },
      config: { dialect: 'postgresql' as const, services: [{ name: 'unleash', roots: ['services/unleash'] }] },
      errors: [{ messageId: 'unknownTable', line: 1, column: 98, endLine: 1, endColumn: 105, data: { table: 'PROJECT' } }],
    },
    {
      name: 'a name the hole never takes is a table',
      filename: 'services/worker/src/sql/getJobs.js',
      code: GET_JOBS('j_old'),
      files: workerSql,
      config: workerConfig,
      errors: [{ messageId: 'unknownTable', line: 5, column: 75, endLine: 5, endColumn: 80, data: { table: 'j_old' } }],
    },
    {
      name: 'a psql-variable schema keeps the table it names: one nobody creates is unknown, at the name from the colon (HELDOUT9 #8)',
      filename: 'services/worker/sql/000003.sql',
      code: '-- archive\ninsert into :GRAPHILE_WORKER_SCHEMA.job_archive select * from :GRAPHILE_WORKER_SCHEMA._private_job_queues;',
      files: workerSql,
      config: workerConfig,
      errors: [{ messageId: 'unknownTable', line: 2, column: 13, endLine: 2, endColumn: 48, data: { table: 'job_archive' } }],
    },
    {
      name: 'a table named deleted outside a trigger is a table; the legacy table a plain DROP TABLE drops existed until then, not after (HELDOUT9 #18)',
      filename: 'services/ledger/migrations/V3__cleanup.sql',
      code: 'DROP TABLE legacy_totals\nGO\nSELECT id FROM deleted\nGO\nSELECT id FROM legacy_totals\nGO',
      files: {
        'services/ledger/package.json': JSON.stringify({ name: 'ledger', dependencies: { mssql: '^11.0.0' } }),
        'services/ledger/migrations/V1__init.sql': 'CREATE TABLE entries (id INT PRIMARY KEY)\nGO',
      },
      config: { services: [{ name: 'ledger', roots: ['services/ledger'] }] },
      errors: [
        { messageId: 'unknownTable', line: 3, column: 16, endLine: 3, endColumn: 23, data: { table: 'deleted' } },
        { messageId: 'unknownTable', line: 5, column: 16, endLine: 5, endColumn: 29, data: { table: 'legacy_totals' } },
      ],
    },
    {
      name: "in a SQLite service, a table whose name only looks like a PRAGMA function's is a table",
      filename: 'services/notes/src/db.ts',
      code: 'db.prepare("SELECT * FROM pragmas").all();',
      files: {
        'services/notes/package.json': JSON.stringify({ name: 'notes', dependencies: { 'better-sqlite3': '^11.0.0' } }),
        'services/notes/migrations/V1__init.sql': 'CREATE TABLE notes_items (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL);',
      },
      config: { services: [{ name: 'notes', roots: ['services/notes'] }] },
      errors: [{ messageId: 'unknownTable', line: 1, column: 27, endLine: 1, endColumn: 34, data: { table: 'pragmas' } }],
    },
    {
      name: "SQLite's CREATE VIRTUAL TABLE (FTS5, rtree) declares its table, in the schema's trigger and in code; a misspelt name stays unknown (HELDOUT8 #14)",
      filename: 'services/kiosk/src/search.ts',
      code: [
        "export const search = (q: string) => db.prepare('SELECT rowid, body FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rank').all(q);",
        'export const rebuild = () => db.prepare("INSERT INTO notes_fts(notes_fts) VALUES(\'rebuild\')").run();',
        "export const near = () => db.prepare('SELECT id FROM places_rtree WHERE min_x > ?').all(0);",
        "export const typo = () => db.prepare('SELECT body FROM note_fts').all();",
      ].join('\n'),
      files: {
        'services/kiosk/package.json': JSON.stringify({ name: 'kiosk', dependencies: { 'better-sqlite3': '^11.0.0' } }),
        'services/kiosk/db/schema.sql':
          "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);\nCREATE VIRTUAL TABLE IF NOT EXISTS notes_fts USING fts5(body, content='notes', content_rowid='id');\nCREATE VIRTUAL TABLE places_rtree USING rtree(id, min_x, max_x);\nCREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN\n  INSERT INTO notes_fts(rowid, body) VALUES (new.id, new.body);\nEND;\n",
      },
      config: { services: [{ name: 'kiosk', roots: ['services/kiosk'] }] },
      errors: [
        { messageId: 'unknownTable', line: 4, column: 56, endLine: 4, endColumn: 64, data: { table: 'note_fts', service: 'kiosk' } },
      ],
    },
    {
      name: "Oracle's data dictionary (user_/all_/dba_ views, v$ and gv$ views) is the engine's; other user_/all_ names are tables (HELDOUT8 #13)",
      filename: 'services/hr/src/health.ts',
      code: [
        "db.query('SELECT table_name FROM user_tables UNION ALL SELECT column_name FROM all_tab_columns');",
        "db.query('SELECT sid, username FROM v$session');",
        "db.query('SELECT sql_id FROM gv$sql');",
        "db.query('SELECT object_name FROM sys.dba_objects UNION ALL SELECT object_name FROM dba_objects');",
        "db.query('SELECT job_id FROM user_jobs');",
        "db.query('SELECT id FROM all_orders');",
      ].join('\n'),
      files: {
        'services/hr/package.json': JSON.stringify({ name: 'hr', dependencies: { oracledb: '^6.5.0' } }),
        'services/hr/db/migrations/V1__employees.sql': 'CREATE TABLE employees (id NUMBER PRIMARY KEY, name VARCHAR2(100) NOT NULL);',
      },
      config: { services: [{ name: 'hr', roots: ['services/hr'] }] },
      errors: [
        { messageId: 'unknownTable', line: 5, column: 30, endLine: 5, endColumn: 39, data: { table: 'user_jobs', service: 'hr' } },
        { messageId: 'unknownTable', line: 6, column: 26, endLine: 6, endColumn: 36, data: { table: 'all_orders', service: 'hr' } },
      ],
    },
    {
      name: "a foreign table under a name of its own is the service's relation (as a view); a table nobody creates stays unknown",
      filename: 'services/billing/src/visits.js',
      code: "module.exports = () => pool.query('SELECT * FROM remote_visits JOIN visit_notes ON true');",
      files: {
        'services/billing/migrations/V1__remote.sql':
          "CREATE FOREIGN TABLE remote_visits (id int) SERVER clinical OPTIONS (table_name 'visits');",
        'services/patients/migrations/V1__visits.sql': 'CREATE TABLE visits (id SERIAL PRIMARY KEY);',
      },
      config: {
        dialect: 'postgresql',
        services: [
          { name: 'billing', roots: ['services/billing'] },
          { name: 'patients', roots: ['services/patients'] },
        ],
      },
      errors: [
        {
          messageId: 'unknownTable',
          line: 1,
          column: 69,
          endLine: 1,
          endColumn: 80,
          data: { table: 'visit_notes', service: 'billing' },
        },
      ],
    },
    {
      name: "a table its Liquibase changelog renamed away is unknown (the rollback's rename back is never applied)",
      filename: 'services/accounts/src/index.js',
      code: "module.exports = () => pool.query('SELECT id FROM account_tokens');",
      files: { 'services/accounts/src/main/resources/db/changelog/changelog-master.xml': ACCOUNTS_CHANGELOG_XML },
      config: accountsConfig,
      errors: [
        {
          messageId: 'unknownTable',
          line: 1,
          column: 51,
          endLine: 1,
          endColumn: 65,
          data: { table: 'account_tokens', service: 'accounts' },
        },
      ],
    },
    {
      name: 'a Cassandra table nobody declares is unknown even when a PostgreSQL service has one of that name (HELDOUT6 #23b)',
      filename: 'services/timeline/src/index.js',
      code: "client.execute('SELECT handle FROM users WHERE user_id = ?', [id]);",
      ...perEngine,
      errors: [
        { messageId: 'unknownTable', line: 1, column: 36, endLine: 1, endColumn: 41, data: { table: 'users', service: 'timeline' } },
      ],
    },
    {
      name: 'a ClickHouse table the ClickHouse DDL does not create',
      filename: 'services/analytics/src/index.js',
      code: "await client.query({\n  query: 'SELECT count() FROM sessions',\n});",
      ...perEngine,
      errors: [
        { messageId: 'unknownTable', line: 2, column: 31, endLine: 2, endColumn: 39, data: { table: 'sessions', service: 'analytics' } },
      ],
    },
    {
      name: "a table named like SQLite's but not one of them is unknown",
      filename: 'services/notes/src/db.ts',
      code: "db.prepare('SELECT * FROM sqlite_sequences').all();",
      config: { services: [{ name: 'notes', roots: ['services/notes'] }] },
      errors: [{ messageId: 'unknownTable', line: 1, column: 27, endLine: 1, endColumn: 43, data: { table: 'sqlite_sequences' } }],
    },
    {
      name: "another file's temporary table, a qualified name and a CREATE TEMP's source table are no session table of this file",
      filename: 'services/jobs/src/report.ts',
      code: [
        "await client.query('CREATE TEMP TABLE tmp_report AS SELECT id FROM legacy_visits');",
        "await client.query('SELECT * FROM tmp_ids JOIN archive.tmp_report USING (id)');",
        "await client.query('ALTER TABLE public.order_seq OWNER TO jobs_app');",
      ].join('\n'),
      files: { 'services/jobs/src/batch.ts': "await pool.query('CREATE TEMP TABLE tmp_ids (id int)');" },
      config: jobsConfig,
      errors: [
        { messageId: 'unknownTable', line: 1, column: 68, endLine: 1, endColumn: 81, data: { table: 'legacy_visits' } },
        { messageId: 'unknownTable', line: 2, column: 35, endLine: 2, endColumn: 42, data: { table: 'tmp_ids' } },
        { messageId: 'unknownTable', line: 2, column: 48, endLine: 2, endColumn: 66, data: { table: 'archive.tmp_report' } },
        { messageId: 'unknownTable', line: 3, column: 33, endLine: 3, endColumn: 49, data: { table: 'public.order_seq' } },
      ],
    },
    {
      name: 'a table nobody declares in the SQL of pg_cron jobs: a dollar-quoted and a quoted command (HELDOUT8 #26)',
      filename: 'services/jobs/migrations/V5__cron.sql',
      code: [
        "SELECT cron.schedule('purge-jobs', '0 3 * * *', $$DELETE FROM jobs WHERE id IS NULL$$);",
        'SELECT cron.schedule(',
        "  'purge-runs', '0 4 * * *',",
        "  'DELETE FROM job_runs WHERE state = ''done'''",
        ');',
        "SELECT cron.schedule_in_database('stats', '@hourly', $$INSERT INTO job_stats SELECT count(*) FROM jobs; VACUUM jobs$$, 'jobs_db');",
      ].join('\n'),
      config: jobsConfig,
      errors: [
        { messageId: 'unknownTable', line: 4, column: 16, endLine: 4, endColumn: 24, data: { table: 'job_runs' } },
        { messageId: 'unknownTable', line: 6, column: 68, endLine: 6, endColumn: 77, data: { table: 'job_stats' } },
      ],
    },
    {
      name: 'a table nobody declares',
      filename: 'services/billing/src/report.ts',
      code: "db.query('SELECT * FROM legacy_totals');",
      errors: [
        { messageId: 'unknownTable', line: 1, column: 25, endLine: 1, endColumn: 38, data: { table: 'legacy_totals', service: 'billing' } },
      ],
    },
    {
      name: 'an unknown database-qualified table in a join',
      filename: 'services/auth/src/x.ts',
      code: "const q = 'SELECT u.id FROM auth_users u JOIN reporting.user_stats s ON s.user_id = u.id';\ndb.query(q);",
      errors: [{ messageId: 'unknownTable', line: 1, column: 47, endLine: 1, endColumn: 67, data: { table: 'reporting.user_stats' } }],
    },
    {
      name: 'a GRANT on a table nobody declares',
      filename: 'services/billing/migrations/V2__grants.sql',
      code: "GRANT SELECT ON invoices TO 'r'@'%';\nGRANT SELECT, INSERT ON reporting.legacy_totals TO 'r'@'%';",
      errors: [
        {
          messageId: 'unknownTable',
          line: 2,
          column: 25,
          endLine: 2,
          endColumn: 48,
          data: { table: 'reporting.legacy_totals', service: 'billing' },
        },
      ],
    },
  ],
});
