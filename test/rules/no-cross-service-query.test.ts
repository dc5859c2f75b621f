import rule from '../../rules/no-cross-service-query.js';
import { defaultTestConfig, ruleTester } from '../rule-tester.js';

const businessConfig = {
  ...defaultTestConfig,
  services: [...defaultTestConfig.services!, { name: 'business', roots: ['services/business'], databases: ['business_operations'] }],
  databases: { clinical_data: 'clinical', business_operations: 'business' },
};

/** `medications` created by two services, each in its own database; pharmacy owns neither. */
const medicationsInTwoDatabases = {
  files: {
    'services/medication/migrations/V1__meds.sql': 'CREATE TABLE medications (id CHAR(36) PRIMARY KEY);',
    'services/cds/migrations/V1__meds.sql': 'CREATE TABLE medications (id CHAR(36) PRIMARY KEY);',
  },
  config: {
    services: [
      { name: 'medication', roots: ['services/medication'], databases: ['medication_db'] },
      { name: 'cds', roots: ['services/cds'], databases: ['cds_db'] },
      { name: 'pharmacy', roots: ['services/pharmacy'], databases: ['pharmacy_db'] },
    ],
  },
};

/** billing on PostgreSQL (dblink and foreign data wrappers are PostgreSQL's). */
const pgBilling = {
  ...defaultTestConfig,
  services: defaultTestConfig.services!.map((s) => (s.name === 'billing' ? { ...s, dialect: 'postgresql' as const } : s)),
};

const pkg = (name: string, dependency: string) => JSON.stringify({ name, dependencies: { [dependency]: '^1.0.0' } });
/** Four engines, the same table names on several (HELDOUT6 #23): tables are per engine. */
const perEngine = {
  files: {
    'services/accounts/package.json': pkg('accounts', 'pg'),
    'services/accounts/migrations/V1__users.sql': 'CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT NOT NULL);',
    'services/timeline/package.json': pkg('timeline', 'cassandra-driver'),
    'services/timeline/cql/001_schema.cql':
      'CREATE TABLE IF NOT EXISTS timeline.posts_by_user (user_id uuid, ts timeuuid, body text, PRIMARY KEY (user_id, ts));',
    'services/feed/package.json': pkg('feed', 'cassandra-driver'),
    'services/feed/cql/001_feed.cql': 'CREATE TABLE feed_items (user_id uuid, ts timeuuid, PRIMARY KEY (user_id, ts));',
    'services/analytics/package.json': pkg('analytics', '@clickhouse/client'),
    'services/analytics/clickhouse/001_events.sql':
      'CREATE TABLE events (ts DateTime64(3), kind LowCardinality(String)) ENGINE = MergeTree ORDER BY ts;',
    'services/carts/package.json': pkg('carts', '@aws-sdk/client-dynamodb'),
  },
  config: {
    services: ['accounts', 'timeline', 'feed', 'analytics', 'carts'].map((name) => ({ name, roots: [`services/${name}`] })),
  },
};

/**
 * Two PostgreSQL services, each with its own database and its own `orders` table (billing keeps a copy of the orders it
 * invoices): pg_cron jobs run their SQL in the database the schedule names.
 */
const cronServices = {
  files: {
    'services/orders/migrations/V1__orders.sql': 'CREATE TABLE orders (id uuid PRIMARY KEY, created_at timestamptz NOT NULL);',
    'services/orders/migrations/V2__carts.sql': 'CREATE TABLE carts (id uuid PRIMARY KEY);',
    'services/billing/migrations/V1__invoices.sql':
      'CREATE TABLE invoices (id uuid PRIMARY KEY);\nCREATE TABLE orders (id uuid PRIMARY KEY, invoiced_at timestamptz);',
  },
  config: {
    dialect: 'postgresql' as const,
    services: [
      { name: 'orders', roots: ['services/orders'], databases: ['orders_db'] },
      { name: 'billing', roots: ['services/billing'], databases: ['billing_db'] },
    ],
  },
};

/** Both services claim `audit_log` by its bare name in the config, each in its own database (what init writes for them). */
const auditLogClaimedTwice = {
  dialect: 'postgresql' as const,
  services: [
    { name: 'orders', roots: ['services/orders'], databases: ['orders_db'], tables: ['orders', 'audit_log'] },
    { name: 'billing', roots: ['services/billing'], databases: ['billing_db'], tables: ['invoices', 'audit_log'] },
  ],
  databases: { orders_db: 'orders', billing_db: 'billing' },
};

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

/** Liquibase (HELDOUT6 #3): accounts' tables come from its changelog's changeSets only; reports has a SQL migration. */
const liquibaseConfig = {
  dialect: 'postgresql' as const,
  services: [
    { name: 'accounts', roots: ['services/accounts'] },
    { name: 'reports', roots: ['services/reports'] },
  ],
};
const ACCOUNTS_CHANGELOG = [
  'databaseChangeLog:',
  '  - changeSet:',
  '      id: 1',
  '      author: platform',
  '      changes:',
  '        - createTable:',
  '            tableName: accounts',
  '            columns:',
  '              - column: { name: id, type: BIGINT }',
  '        - createTable:',
  '            tableName: account_tokens',
  '            columns:',
  '              - column:',
  '                  name: account_id',
  '                  constraints: { references: accounts(id), foreignKeyName: fk_account_tokens_account }',
  '  - changeSet:',
  '      id: 2',
  '      author: platform',
  '      changes:',
  '        - renameTable: { oldTableName: account_tokens, newTableName: tokens }',
  '        - dropTable: { tableName: sessions }',
  '',
].join('\n');
const liquibaseFiles = {
  'services/accounts/db/changelog/db.changelog-master.yaml': ACCOUNTS_CHANGELOG,
  'services/reports/migrations/V1__report_runs.sql': 'CREATE TABLE report_runs (id BIGINT PRIMARY KEY);',
};

/** MyBatis (HELDOUT7 #28): billing's mapper XML holds its SQL; patients creates patients. */
const mybatisConfig = {
  dialect: 'postgresql' as const,
  services: [
    { name: 'billing', roots: ['services/billing'] },
    { name: 'patients', roots: ['services/patients'] },
  ],
};
const mybatisFiles = {
  'services/billing/src/main/resources/db/migration/V1__invoices.sql':
    'CREATE TABLE invoices (id BIGSERIAL PRIMARY KEY, patient_id BIGINT NOT NULL, amount NUMERIC, due_at TIMESTAMP);',
  'services/patients/migrations/V1__patients.sql': 'CREATE TABLE patients (id SERIAL PRIMARY KEY, full_name TEXT, version INT);',
};
const MAPPER_PATH = 'services/billing/src/main/resources/mapper/InvoiceMapper.xml';
const mapper = (...statements: string[]) =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE mapper PUBLIC "-//mybatis.org//DTD Mapper 3.0//EN" "https://mybatis.org/dtd/mybatis-3-mapper.dtd">',
    '<mapper namespace="com.acme.billing.InvoiceMapper">',
    ...statements,
    '</mapper>',
    '',
  ].join('\n');

/**
 * Redmine's users beside zabbix's schema outside every service (HELDOUT10 #22): zabbix's CREATE TABLE users names no
 * database, so it is a table of its own, which the files of its folder mean.
 */
const zabbixBesideRedmine = {
  files: {
    'services/redmine/migrations/V1__users.sql': 'CREATE TABLE users (id integer PRIMARY KEY, login varchar(30) NOT NULL);',
    'services/zabbix-server/database/mysql/schema.sql':
      'CREATE TABLE users (userid bigint PRIMARY KEY, username varchar(100));\nCREATE TABLE hosts (hostid bigint PRIMARY KEY);\nCREATE TABLE items (itemid bigint PRIMARY KEY);',
  },
  config: { services: [{ name: 'redmine', roots: ['services/redmine'] }] },
};

ruleTester.run(rule, {
  valid: [
    {
      name: "a service reading its knexfile's bookkeeping table reads its own, not another service's table of that name (HELDOUT14 #18)",
      filename: 'services/reports/src/health.js',
      code: "const last = () => knex.raw('SELECT MAX(batch) AS batch FROM migration');",
      files: {
        'services/reports/knexfile.js': "module.exports = { client: 'mysql2', migrations: { tableName: 'migration' } };\n",
        'services/reports/migrations/20240105093000_create_reports.js':
          "exports.up = (knex) => knex.schema.createTable('reports', (t) => t.increments('id'));\n",
        'services/store/migrations/001_migration.sql': 'CREATE TABLE migration (migration_id INT PRIMARY KEY, module VARCHAR(255));\n',
      },
      config: {
        services: [
          { name: 'reports', roots: ['services/reports'] },
          { name: 'store', roots: ['services/store'] },
        ],
      },
    },
    {
      name: "a query file beside zabbix's own schema outside every service reads zabbix's users, not Redmine's (HELDOUT10 #22)",
      filename: 'services/zabbix-server/database/mysql/active-users.sql',
      code: 'SELECT username FROM users WHERE userid > 1;',
      ...zabbixBesideRedmine,
    },
    {
      name: "a MyBatis mapper's statements on its own service's tables, static and dynamic (HELDOUT7 #28)",
      filename: MAPPER_PATH,
      code: mapper(
        '  <sql id="cols">i.id, i.amount</sql>',
        '  <select id="overdue">SELECT <include refid="cols"/> FROM invoices i WHERE i.due_at &lt; now() AND i.amount &gt; #{min}</select>',
        '  <select id="search">SELECT i.id FROM invoices i <where><if test="min != null">AND i.amount &gt;= #{min}</if></where></select>',
        '  <delete id="purge">DELETE FROM invoices WHERE id = ${id}</delete>',
        '  <!-- <select id="old">SELECT * FROM patients</select> -->',
      ),
      files: mybatisFiles,
      config: mybatisConfig,
    },
    {
      name: "a service's own tables of its Liquibase changelog, under their names after its renameTable",
      filename: 'services/accounts/src/index.js',
      code: "module.exports = () => pool.query('SELECT a.email FROM accounts a JOIN tokens t ON t.account_id = a.id');",
      files: liquibaseFiles,
      config: liquibaseConfig,
    },
    {
      name: "a query file in a root folder named after a service (sql/billing/, which billing's code loads) is billing's own query (HELDOUT6 #6)",
      filename: 'sql/billing/open-total.sql',
      code: "SELECT SUM(total) FROM invoices WHERE status = 'open';",
      files: { 'queries/billing-service/late.sql': 'SELECT id FROM invoice_reminders WHERE sent_at IS NULL;' },
    },
    {
      name: 'code outside every service: tests, and sharedPackages code when allowSharedPackages is on',
      filename: 'packages/db/src/invoices.ts',
      code: "export const open = () => pool.query('SELECT id FROM invoices WHERE paid = 0');",
      files: {
        'e2e/billing.test.ts': "it('lists', async () => { await pool.query('SELECT id FROM invoices'); });",
        'database/seeds/invoices.sql': "INSERT INTO invoices (id) VALUES ('x');",
      },
      config: { ...defaultTestConfig, sharedPackages: ['packages/db'] },
      options: { allowSharedPackages: true },
    },
    {
      name: "a trigger in a root schema file writing its own table's database acts for that table's owner: no finding",
      filename: 'database/mysql/schema/business_operations.sql',
      code: [
        'USE business_operations;',
        'CREATE TABLE claims (id CHAR(36) PRIMARY KEY, patient_id CHAR(36));',
        'CREATE TABLE claim_log (id CHAR(36) PRIMARY KEY, claim_id CHAR(36));',
        'CREATE TRIGGER claims_after_insert AFTER INSERT ON claims FOR EACH ROW',
        'BEGIN',
        '  INSERT INTO claim_log (id, claim_id) VALUES (UUID(), NEW.id);',
        'END;',
      ].join('\n'),
      config: businessConfig,
    },
    {
      name: 'SQL outside every service that declares, seeds or bootstraps acts for no folder: schema files, seeds, scripts, initdb.d',
      filename: 'reporting/sql/views.sql',
      code: 'CREATE VIEW unpaid AS SELECT id FROM invoices WHERE paid = 0;\nSELECT id FROM invoices;',
      files: {
        'reporting/sql/seed_invoices.sql': 'SELECT id FROM invoices;',
        'scripts/dev/report.sql': 'SELECT id FROM invoices;',
        'docker/initdb.d/02-data.sql': 'UPDATE invoices SET paid = 1;',
        'analytics/data/invoices.sql': "INSERT INTO invoices (id) VALUES ('x');\nINSERT INTO invoices (id) VALUES ('y');",
      },
    },
    {
      name: "each service's migration runner keeps its own schema_migrations: a tool's table is nobody's, so reading it crosses nothing",
      filename: 'services/payment/scripts/migrate.js',
      code: "const done = await pool.query('SELECT name FROM schema_migrations');",
      files: {
        'services/billing/scripts/migrate.js':
          "await pool.query('CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR(255) PRIMARY KEY)');",
      },
      config: {
        services: [
          { name: 'billing', roots: ['services/billing'] },
          { name: 'payment', roots: ['services/payment'] },
        ],
      },
    },
    {
      name: "an ORM model name defined by two services resolves to the using service's own model",
      filename: 'services/auth/src/users.ts',
      code: 'export const all = () => prisma.user.findMany();',
      files: {
        'services/auth/prisma/schema.prisma': 'model User {\n  id String @id\n  @@map("auth_users")\n}\n',
        'services/billing/prisma/schema.prisma': 'model User {\n  id String @id\n  @@map("billing_users")\n}\n',
      },
    },
    {
      name: "@InjectModel of the service's own model, and Mongoose's @InjectModel(Cat.name), are no cross-service query",
      filename: 'services/billing/src/invoices.service.ts',
      code: [
        "import { Invoice } from './invoice.model';",
        "import { Cat } from '../../payment/src/cat.schema';",
        'export class InvoicesService {',
        '  constructor(@InjectModel(Invoice) private readonly invoices: typeof Invoice, @InjectModel(Cat.name) private cats: Model<Cat>) {}',
        '}',
      ].join('\n'),
      files: {
        'services/billing/src/invoice.model.ts': "@Table({ tableName: 'invoices' })\nexport class Invoice extends Model {}",
        'services/payment/src/cat.schema.ts': "@Table({ tableName: 'cats' })\nexport class Cat extends Model {}",
      },
    },
    {
      name: 'same-service join',
      filename: 'services/billing/src/repo.ts',
      code: "db.query('SELECT i.id FROM invoices i JOIN billing_accounts a ON a.id = i.account_id');",
    },
    {
      name: 'table names in comments and log strings are not SQL',
      filename: 'services/billing/src/log.ts',
      code: "// SELECT * FROM patients\nlogger.info('Select patients from the clinical service');\nlogger.warn('Update failed for patients');",
    },
    {
      name: 'an alias named like a foreign table',
      filename: 'services/billing/src/alias.ts',
      code: "db.query('SELECT patients.id FROM invoices AS patients');",
    },
    {
      name: 'a CTE named like a foreign table',
      filename: 'services/billing/src/cte.ts',
      code: 'db.query(`WITH payments AS (SELECT id FROM invoices) SELECT * FROM payments`);',
    },
    {
      name: 'a generic helper with an unresolved table hole',
      filename: 'services/billing/src/generic.ts',
      code: 'export function touch(tableName: string, id: string) {\n  return db.query(`UPDATE \\`${tableName}\\` SET updated_at = NOW() WHERE id = ?`, [id]);\n}',
    },
    {
      name: 'allowed by option',
      filename: 'services/billing/src/ref.ts',
      code: "db.query('SELECT * FROM payment_providers');",
      options: { allow: ['payment_*'] },
    },
    {
      name: "GRANT on the service's own table, on a whole database, on every table, and a role grant",
      filename: 'services/billing/migrations/V3__grants.sql',
      code: "GRANT SELECT ON invoices TO 'reporting'@'%';\nGRANT ALL PRIVILEGES ON nilecare.* TO 'billing_svc'@'%';\nGRANT SELECT ON *.* TO 'backup'@'localhost';\nGRANT reader TO 'billing_svc'@'%';\nREVOKE ALL PRIVILEGES, GRANT OPTION FROM 'old_svc'@'%';\nGRANT PROXY ON `payments` TO 'x'@'%';",
    },
    {
      name: 'PostgreSQL GRANTs on schemas, sequences, functions, databases and default privileges',
      filename: 'services/billing/migrations/V4__grants.sql',
      code: 'GRANT SELECT ON ALL TABLES IN SCHEMA clinical_data TO billing_role;\nGRANT USAGE ON SCHEMA clinical_data TO billing_role;\nGRANT USAGE, SELECT ON SEQUENCE patients_id_seq TO billing_role;\nGRANT USAGE ON patients_id_seq TO billing_role;\nGRANT EXECUTE ON FUNCTION patients(int) TO billing_role;\nGRANT CONNECT ON DATABASE clinical_data TO billing_role;\nALTER DEFAULT PRIVILEGES IN SCHEMA clinical_data GRANT SELECT ON TABLES TO billing_role;',
      config: {
        ...defaultTestConfig,
        services: defaultTestConfig.services!.map((s) => (s.name === 'billing' ? { ...s, dialect: 'postgresql' as const } : s)),
      },
    },
    {
      name: 'REVOKE … FROM a role named like a foreign table',
      filename: 'services/billing/migrations/V5__revoke.sql',
      code: 'REVOKE SELECT ON invoices FROM payments;',
    },
    {
      name: 'dynamic SQL on its own tables, a run-time table name, and a message that reads like SQL',
      filename: 'services/billing/migrations/V8__routines.sql',
      code: "DELIMITER $$\nCREATE PROCEDURE touch(IN tbl VARCHAR(64))\nBEGIN\n  PREPARE a FROM 'UPDATE invoices SET touched_at = NOW()';\n  SET @q = CONCAT('UPDATE ', tbl, ' SET touched_at = NOW()');\n  PREPARE b FROM @q;\n  SET @msg = 'Update payments failed';\n  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Delete from payments refused';\nEND$$\nDELIMITER ;",
    },
    {
      name: "a Sequelize model with freezeTableName keeps its singular name: its own table, not billing's invoices",
      filename: 'services/payment/src/db/invoice-copy.ts',
      code: "export const Invoice = sequelize.define('Invoice', {}, { freezeTableName: true });\nexport const all = () => Invoice.findAll();",
    },
    {
      name: 'a same-named table owned by each service in its own database',
      filename: 'services/cds/src/meds.ts',
      code: "db.query('SELECT * FROM medications WHERE id = ?');",
      files: {
        'services/medication/migrations/V1__meds.sql': 'CREATE TABLE medications (id CHAR(36) PRIMARY KEY);',
        'services/cds/migrations/V1__meds.sql': 'CREATE TABLE medications (id CHAR(36) PRIMARY KEY);',
        'services/medication/.env.example': 'DB_NAME=medication_db\n',
        'services/cds/.env.example': 'DB_NAME=cds_db\n',
      },
      config: {
        services: [
          { name: 'medication', roots: ['services/medication'] },
          { name: 'cds', roots: ['services/cds'] },
        ],
      },
    },
    {
      name: 'identifier placeholders whose value is unknown, no name, or past a spread stay placeholders',
      filename: 'services/auth/src/dynamic.js',
      code: [
        "exports.a = (table) => pool.query('SELECT * FROM ?? WHERE id = ?', [table, 1]);",
        "exports.b = (rest) => pool.query('SELECT * FROM ?? JOIN ?? ON true', [...rest, 'invoices']);",
        "exports.c = () => pool.query('SELECT * FROM auth_users WHERE ?? = ?', ['invoices x', 1]);",
        "exports.d = () => pool.query('SELECT * FROM auth_users WHERE name = ?', ['invoices']);",
      ].join('\n'),
    },
    {
      name: "holes whose value the repository does not fix, or that name the service's own tables, cross nothing (issue 14)",
      filename: 'services/billing/src/reports/own.ts',
      code: [
        "import { TABLES } from '../db/tables';",
        "import { NAMES } from 'external-names';",
        "import { makeName } from '../db/tables';",
        'export const a = (archived: boolean) => pool.query(`SELECT * FROM ${archived ? "invoices_archive" : TABLES.INVOICES}`);',
        'export const b = () => pool.query(`SELECT * FROM ${NAMES.PATIENTS} JOIN ${makeName()} JOIN ${TABLES.MISSING}`);',
      ].join('\n'),
      files: {
        'services/billing/src/db/tables.ts':
          "export const TABLES = { INVOICES: 'invoices', TITLE: 'Patients and payments' } as const;\nexport const makeName = () => 'patients';",
      },
    },
    {
      name: "a qualifier from the environment before the service's own table, or before a table name that is a hole too, crosses nothing",
      filename: 'services/billing/src/own-schema.ts',
      code: [
        'export const a = () => pool.query(`SELECT * FROM ${process.env.BILLING_DB}.invoices`);',
        'export const b = (table: string) => pool.query(`SELECT * FROM ${process.env.CLINICAL_DB}.${table}`);',
      ].join('\n'),
    },
    {
      name: "a Cassandra service's CQL names its own keyspace's tables, never a PostgreSQL service's users (HELDOUT6 #23b)",
      filename: 'services/timeline/src/index.js',
      code: "exports.handle = (id) => client.execute('SELECT handle FROM users WHERE user_id = ?', [id], { prepare: true });",
      ...perEngine,
    },
    {
      name: "DynamoDB's PartiQL on a table named like a PostgreSQL service's (HELDOUT6 #23c)",
      filename: 'services/carts/src/index.js',
      code: 'await ddb.send(new ExecuteStatementCommand({ Statement: \'SELECT * FROM "users" WHERE pk = ?\' }));',
      ...perEngine,
    },
    {
      name: "a PostgreSQL service's events is not the ClickHouse service's (HELDOUT6 #23)",
      filename: 'services/accounts/src/audit.js',
      code: "await pool.query('INSERT INTO events (kind) VALUES ($1)', [kind]);",
      ...perEngine,
    },
    {
      name: "dblink on the service's own table, a connection string, dblink calls that run no SQL, a query text built at run time",
      filename: 'services/billing/migrations/V9__remote.sql',
      code: [
        "SELECT dblink_connect('clinical', 'dbname=clinical_data host=patients');",
        "SELECT * FROM dblink('clinical', 'SELECT id FROM invoices') AS t(id int);",
        "SELECT dblink_fetch('cur', 10), dblink_get_result('clinical'), dblink_disconnect('clinical');",
        'CREATE FUNCTION pull(tbl text) RETURNS void AS $$',
        'BEGIN',
        "  PERFORM dblink_exec('clinical', 'DELETE FROM ' || tbl);",
        "  PERFORM dblink_exec('clinical', format('TRUNCATE %I', tbl));",
        'END $$ LANGUAGE plpgsql;',
      ].join('\n'),
      config: pgBilling,
    },
    {
      name: 'foreign tables over a file, a whole imported schema and one imported but for some tables name no remote table',
      filename: 'services/billing/migrations/V10__fdw.sql',
      code: [
        "CREATE FOREIGN TABLE patients (id int) SERVER files OPTIONS (filename '/srv/import/patients.csv', format 'csv');",
        'IMPORT FOREIGN SCHEMA public FROM SERVER clinical_srv INTO clinical_remote;',
        'IMPORT FOREIGN SCHEMA public EXCEPT (patients, encounters) FROM SERVER clinical_srv INTO clinical_remote;',
        "CREATE FOREIGN TABLE invoice_archive (id int) SERVER archive_srv OPTIONS (table_name 'invoices');",
      ].join('\n'),
      config: pgBilling,
    },
    {
      name: "pg_cron jobs on the service's own tables, in its own database by name, unscheduled, and dollar-quoted text passed to other functions",
      filename: 'services/billing/migrations/V2__jobs.sql',
      code: [
        "SELECT cron.schedule('purge-invoices', '0 3 * * *', $$DELETE FROM invoices WHERE id IS NULL$$);",
        "SELECT cron.schedule_in_database('mark', '@hourly', $$UPDATE orders SET invoiced_at = now()$$, 'billing_db');",
        "SELECT cron.unschedule('purge-orders'), cron.unschedule(42);",
        "SELECT cron.alter_job(7, schedule := '0 4 * * *'), cron.alter_job(8, '@daily', NULL, NULL);",
        "SELECT pg_notify('jobs', $$DELETE FROM carts$$), format($$TRUNCATE %I$$, 'carts');",
        "INSERT INTO invoices (id) SELECT id FROM orders WHERE note = $$cron.schedule('x', '@daily', 'DELETE FROM carts')$$;",
      ].join('\n'),
      ...cronServices,
    },
  ],
  invalid: [
    {
      name: "a query file in another folder outside every service still reads Redmine's users (HELDOUT10 #22)",
      filename: 'reports/active-users.sql',
      code: 'SELECT login\nFROM users WHERE id > 1;',
      ...zabbixBesideRedmine,
      errors: [
        {
          messageId: 'outsideTable',
          data: { service: 'reports', verb: 'reads', table: 'users', owner: 'redmine' },
          line: 2,
          column: 6,
          endLine: 2,
          endColumn: 11,
        },
      ],
    },
    {
      name: "SQL as a later argument: a wrapper query(url, text, values) and execute(connection, sql) read another service's table (HELDOUT11 #1, #20)",
      filename: 'services/billing/src/jobs.ts',
      code: [
        'async function query(connectionString, text, values) { return (await getPool(connectionString).query(text, values)).rows; }',
        'export const names = (dbUrl, id) => query(dbUrl, `SELECT id, full_name FROM patients WHERE id = $1`, [id]);',
        "export const purge = (connection, id) => execute(connection, 'DELETE FROM encounters WHERE patient_id = $1', [id]);",
        "export const mine = (dbUrl) => query(dbUrl, 'SELECT id FROM invoices');",
      ].join('\n'),
      errors: [
        {
          messageId: 'foreignTable',
          data: { verb: 'reads', table: 'patients', owner: 'clinical' },
          line: 2,
          column: 77,
          endLine: 2,
          endColumn: 85,
        },
        {
          messageId: 'foreignTable',
          data: { verb: 'deletes from', table: 'encounters', owner: 'clinical' },
          line: 3,
          column: 75,
          endLine: 3,
          endColumn: 85,
        },
      ],
    },
    {
      name: "a MyBatis mapper reading and updating another service's table: a join, a fragment it includes, a dynamic <where>, CDATA (HELDOUT7 #28)",
      filename: MAPPER_PATH,
      code: mapper(
        '  <sql id="patientJoin">JOIN patients p ON p.id = i.patient_id</sql>',
        '  <select id="overdue" resultType="map">',
        '    SELECT i.id, p.full_name FROM invoices i',
        '    <include refid="patientJoin"/>',
        '    WHERE i.due_at &lt; now() AND i.amount &gt; #{min}',
        '  </select>',
        '  <select id="search" resultType="map">',
        '    SELECT i.id FROM invoices i',
        '    <where>',
        '      <if test="name != null">AND i.patient_id IN (SELECT id FROM patients WHERE full_name LIKE #{name})</if>',
        '      <if test="since != null">AND i.due_at &gt;= #{since}</if>',
        '    </where>',
        '  </select>',
        '  <update id="touch"><![CDATA[UPDATE patients SET version = version + 1 WHERE id = #{id} AND version < 3]]></update>',
      ),
      files: mybatisFiles,
      config: mybatisConfig,
      errors: [
        // At the statement's <include>: the fragment's text is the statement's there.
        {
          messageId: 'foreignTable',
          data: { service: 'billing', verb: 'reads', table: 'patients', owner: 'patients' },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 35,
        },
        { messageId: 'foreignTable', data: { verb: 'reads', table: 'patients' }, line: 13, column: 67, endLine: 13, endColumn: 75 },
        { messageId: 'foreignTable', data: { verb: 'updates', table: 'patients' }, line: 17, column: 38, endLine: 17, endColumn: 46 },
      ],
    },
    {
      name: "a read of a table another service's Liquibase changelog creates (HELDOUT6 #3)",
      filename: 'services/reports/src/index.js',
      code: "const { Pool } = require('pg');\nmodule.exports = () => new Pool().query('SELECT count(*) FROM accounts');",
      files: liquibaseFiles,
      config: liquibaseConfig,
      errors: [
        {
          messageId: 'foreignTable',
          data: { service: 'reports', verb: 'reads', table: 'accounts', owner: 'accounts' },
          line: 2,
          column: 63,
          endLine: 2,
          endColumn: 71,
        },
      ],
    },
    {
      name: "a mysqldump's view reading another service's table inside /*!50001 … */ (HELDOUT5 #2)",
      filename: 'services/billing/db/schema.sql',
      code: BILLING_DUMP,
      config: dumpConfig,
      errors: [{ messageId: 'foreignTable', line: 12, column: 99, endLine: 12, endColumn: 107 }],
    },
    {
      name: "a TypeORM builder's update('table') of another service's table is a write (heldout5 typeorm-querybuilder-string-table)",
      filename: 'services/billing/src/settle-payments.ts',
      code: [
        "import { DataSource } from 'typeorm';",
        "export const settle = (ds: DataSource) => ds.createQueryBuilder().update('payments').set({ settled: true }).execute();",
      ].join('\n'),
      errors: [
        {
          messageId: 'foreignTable',
          data: { service: 'billing', verb: 'updates', table: 'payments', owner: 'payment' },
          line: 2,
          column: 75,
          endLine: 2,
          endColumn: 83,
        },
      ],
    },
    {
      name: "a qualifier from the environment: its code default names the database, and unknown it leaves the table's name (heldout5 env-qualified-table)",
      filename: 'services/billing/src/patients.ts',
      code: [
        "const CLINICAL_DB = process.env.CLINICAL_DB || 'clinical_data';",
        'export const a = (id: string) => pool.query(`SELECT full_name FROM ${CLINICAL_DB}.patients WHERE id = ?`, [id]);',
        'export const b = (id: string) => pool.query(`SELECT full_name FROM ${process.env.CLINICAL_DB}.encounters WHERE id = ?`, [id]);',
      ].join('\n'),
      errors: [
        {
          messageId: 'foreignTable',
          data: { service: 'billing', verb: 'reads', table: 'clinical_data.patients', owner: 'clinical' },
          line: 2,
          column: 70,
          endLine: 2,
          endColumn: 91,
        },
        {
          messageId: 'foreignTable',
          data: { service: 'billing', verb: 'reads', table: 'encounters', owner: 'clinical' },
          line: 3,
          column: 70,
          endLine: 3,
          endColumn: 105,
        },
      ],
    },
    {
      name: 'a multi-table UPDATE writes the table its SET targets and reads the others (issue 14)',
      filename: 'services/billing/src/settle.ts',
      code: [
        'export async function settle() {',
        "  await pool.query('UPDATE invoices i, payments p SET i.paid = 1 WHERE p.invoice_id = i.id');",
        "  await pool.query('UPDATE invoices i JOIN payments p ON p.invoice_id = i.id SET p.settled = 1');",
        '}',
      ].join('\n'),
      errors: [
        {
          messageId: 'foreignTable',
          data: { service: 'billing', verb: 'reads', table: 'payments', owner: 'payment' },
          line: 2,
          column: 40,
          endLine: 2,
          endColumn: 48,
        },
        {
          messageId: 'foreignTable',
          data: { service: 'billing', verb: 'updates', table: 'payments', owner: 'payment' },
          line: 3,
          column: 44,
          endLine: 3,
          endColumn: 52,
        },
      ],
    },
    {
      name: 'a table named by a constant imported through a barrel is read where the hole is (issue 14)',
      filename: 'services/billing/src/reports/patients.ts',
      code: [
        "import { TABLES } from '../db';",
        "export const list = () => pool.query(`SELECT id FROM ${TABLES.PATIENTS} WHERE ward = ?`, ['a']);",
      ].join('\n'),
      files: {
        'services/billing/src/db/index.ts': "export * from './tables';\nexport { pool } from './pool';",
        'services/billing/src/db/tables.ts': "export const TABLES = {\n  PATIENTS: 'patients',\n  INVOICES: 'invoices',\n} as const;",
      },
      errors: [
        {
          messageId: 'foreignTable',
          data: { service: 'billing', verb: 'reads', table: 'patients', owner: 'clinical' },
          line: 2,
          column: 56,
          endLine: 2,
          endColumn: 71,
        },
      ],
    },
    {
      name: 'CommonJS constants (module.exports, exports.X, a destructured and a whole-module require) name the tables written (issue 14)',
      filename: 'services/billing/src/jobs/settle.js',
      code: [
        "const TABLES = require('../constants/tables');",
        "const { PAYMENTS_TABLE } = require('../constants/payments');",
        'module.exports = async (db) => {',
        '  await db.query(`UPDATE ${PAYMENTS_TABLE} SET settled = 1`);',
        '  await db.query(`DELETE FROM ${TABLES.PAYMENT_LOGS} WHERE id = ?`, [1]);',
        '};',
      ].join('\n'),
      files: {
        'services/billing/src/constants/payments.js': "module.exports = { PAYMENTS_TABLE: 'payments' };",
        'services/billing/src/constants/tables.js': "exports.PAYMENT_LOGS = 'payment_logs';",
      },
      errors: [
        {
          messageId: 'foreignTable',
          data: { service: 'billing', verb: 'updates', table: 'payments', owner: 'payment' },
          line: 4,
          column: 28,
          endLine: 4,
          endColumn: 42,
        },
        {
          messageId: 'foreignTable',
          data: { service: 'billing', verb: 'deletes from', table: 'payment_logs', owner: 'payment' },
          line: 5,
          column: 33,
          endLine: 5,
          endColumn: 52,
        },
      ],
    },
    {
      name: "a shared package's default-exported names, through its index's re-export, and an imported schema qualifier (issue 14)",
      filename: 'services/payment/src/reconcile.ts',
      code: [
        "import tables from '@nilecare/db-names';",
        "import { CLINICAL_DB } from '@nilecare/db-names/schemas';",
        'export const f = () => pool.query(`SELECT i.id FROM ${tables.INVOICES} i JOIN ${CLINICAL_DB}.patients p ON p.id = i.patient_id`);',
      ].join('\n'),
      files: {
        'package.json': '{ "private": true, "workspaces": ["packages/*", "services/*"] }',
        'packages/db-names/package.json': '{ "name": "@nilecare/db-names", "main": "src/index.ts" }',
        'packages/db-names/src/index.ts': "export { default } from './names';",
        'packages/db-names/src/names.ts': "export default { INVOICES: 'invoices' };",
        'packages/db-names/schemas.ts': "export const CLINICAL_DB = 'clinical_data';",
      },
      errors: [
        {
          messageId: 'foreignTable',
          data: { service: 'payment', verb: 'reads', table: 'invoices', owner: 'billing' },
          line: 3,
          column: 55,
          endLine: 3,
          endColumn: 70,
        },
        {
          messageId: 'foreignTable',
          data: { service: 'payment', verb: 'reads', table: 'clinical_data.patients', owner: 'clinical' },
          line: 3,
          column: 81,
          endLine: 3,
          endColumn: 102,
        },
      ],
    },
    {
      name: 'a conditional between two tables reads both, at the hole (issue 14)',
      filename: 'services/billing/src/history.ts',
      code: "export const list = (archived: boolean) => pool.query(`SELECT * FROM ${archived ? 'payment_archive' : 'payments'} WHERE id = ?`, [1]);",
      errors: [
        {
          messageId: 'foreignTable',
          data: { service: 'billing', verb: 'reads', table: 'payment_archive', owner: 'payment' },
          line: 1,
          column: 72,
          endLine: 1,
          endColumn: 113,
        },
        {
          messageId: 'foreignTable',
          data: { service: 'billing', verb: 'reads', table: 'payments', owner: 'payment' },
          line: 1,
          column: 72,
          endLine: 1,
          endColumn: 113,
        },
      ],
    },
    {
      name: "a query-only SQL file outside every service (an app's query files the linter sees as no service) acts for its folder",
      filename: 'apps/fraud/queries/recent_invoices.sql',
      code: "-- loaded with SQLAlchemy text()\nSELECT i.id, i.total\nFROM invoices i\nWHERE i.created_at > now() - interval '1 hour';",
      errors: [
        {
          messageId: 'outsideTable',
          data: { service: 'apps/fraud', verb: 'reads', table: 'invoices', owner: 'billing' },
          line: 3,
          column: 6,
          endLine: 3,
          endColumn: 14,
        },
      ],
    },
    {
      name: "a query file in a folder named after billing reading payment's table is billing's read of it",
      filename: 'sql/billing/payments-due.sql',
      code: 'SELECT p.id\nFROM payments p\nWHERE p.settled = 0;',
      errors: [
        {
          messageId: 'foreignTable',
          line: 2,
          column: 6,
          endLine: 2,
          endColumn: 14,
          data: { service: 'billing', verb: 'reads', table: 'payments', owner: 'payment' },
        },
      ],
    },
    {
      name: 'a folder named after no service, or after two, leaves a query file acting for its folder',
      filename: 'sql/billing/payment/open.sql',
      code: 'SELECT id FROM invoices;',
      files: { 'sql/reports/open.sql': 'SELECT id FROM invoices;' },
      errors: [
        {
          messageId: 'outsideTable',
          line: 1,
          column: 16,
          endLine: 1,
          endColumn: 24,
          data: { service: 'sql/billing', verb: 'reads', table: 'invoices', owner: 'billing' },
        },
        {
          file: 'sql/reports/open.sql',
          messageId: 'outsideTable',
          line: 1,
          column: 16,
          endLine: 1,
          endColumn: 24,
          data: { service: 'sql/reports', verb: 'reads', table: 'invoices', owner: 'billing' },
        },
      ],
    },
    {
      name: 'a script folder outside every service is code outside every service too (it had no accessor and went unreported)',
      filename: 'scripts/seed.ts',
      code: "db.query('SELECT * FROM clinical_data.patients');",
      errors: [
        {
          messageId: 'outsideTable',
          data: { service: 'scripts', verb: 'reads', table: 'clinical_data.patients', owner: 'clinical' },
          line: 1,
          column: 25,
          endLine: 1,
          endColumn: 47,
        },
      ],
    },
    {
      name: 'code outside every service reading a service table is named by its folder (a sharedPackages folder too, by default)',
      filename: 'reporting/dashboard/queries/sales.ts',
      code: "export const sales = () => replica.query('SELECT i.total FROM invoices i JOIN clinical_data.patients p ON p.id = i.patient_id');",
      files: { 'packages/db/src/invoices.ts': "export const open = () => pool.query('UPDATE invoices SET paid = 1');" },
      config: { ...defaultTestConfig, sharedPackages: ['packages/db'] },
      errors: [
        {
          messageId: 'outsideTable',
          file: 'packages/db/src/invoices.ts',
          data: { service: 'packages/db', verb: 'updates', table: 'invoices', owner: 'billing' },
          line: 1,
          column: 46,
          endLine: 1,
          endColumn: 54,
        },
        {
          messageId: 'outsideTable',
          data: { service: 'reporting/dashboard', verb: 'reads', table: 'invoices', owner: 'billing' },
          line: 1,
          column: 63,
          endLine: 1,
          endColumn: 71,
        },
        {
          messageId: 'outsideTable',
          data: { service: 'reporting/dashboard', verb: 'reads', table: 'clinical_data.patients', owner: 'clinical' },
          line: 1,
          column: 79,
          endLine: 1,
          endColumn: 101,
        },
      ],
    },
    {
      name: 'a Sequelize model of another service used through its statics',
      filename: 'services/payment/src/invoice-usage.ts',
      code: "import { Invoice } from '@nilecare/billing-models';\nexport const open = () => Invoice.findAll({ where: { status: 'open' } });",
      files: { 'services/billing/src/db/models.ts': "export const Invoice = sequelize.define('Invoice', {}, { tableName: 'invoices' });" },
      errors: [
        {
          messageId: 'foreignTable',
          line: 2,
          column: 27,
          endLine: 2,
          endColumn: 34,
          data: { table: 'invoices', owner: 'billing', verb: 'reads' },
        },
      ],
    },
    {
      name: "@InjectModel of another service's sequelize-typescript model (@nestjs/sequelize)",
      filename: 'services/payment/src/invoices.service.ts',
      code: [
        "import { InjectModel } from '@nestjs/sequelize';",
        "import { Invoice } from '../../billing/src/invoice.model';",
        'export class InvoicesService {',
        '  constructor(@InjectModel(Invoice) private readonly invoices: typeof Invoice) {}',
        '}',
      ].join('\n'),
      files: { 'services/billing/src/invoice.model.ts': "@Table({ tableName: 'invoices' })\nexport class Invoice extends Model {}" },
      errors: [
        {
          messageId: 'foreignTable',
          line: 4,
          column: 28,
          endLine: 4,
          endColumn: 35,
          data: { table: 'invoices', owner: 'billing', verb: 'uses' },
        },
      ],
    },
    {
      name: 'a Sequelize model defined without tableName maps to the pluralised model name (Invoice → Invoices)',
      filename: 'services/payment/src/invoice-usage.ts',
      code: "import { Invoice } from '@nilecare/billing-models';\nexport const open = () =>\n  Invoice.update({ status: 'paid' }, { where: { id } });",
      files: { 'services/billing/src/db/models.ts': "export const Invoice = sequelize.define('Invoice', { total: DataTypes.DECIMAL });" },
      errors: [
        {
          messageId: 'foreignTable',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 10,
          data: { table: 'Invoices', owner: 'billing', verb: 'updates' },
        },
      ],
    },
    {
      name: "a Drizzle relational query on another service's table",
      filename: 'services/billing/src/lab.ts',
      code: 'export const results = () => db.query.labResults.findMany();',
      files: { 'services/clinical/src/schema.ts': "export const labResults = pgTable('encounters', {});" },
      errors: [
        { messageId: 'foreignTable', line: 1, column: 39, endLine: 1, endColumn: 49, data: { table: 'encounters', owner: 'clinical' } },
      ],
    },
    {
      name: 'a bare table that only services in other databases create',
      filename: 'services/pharmacy/src/dispense.ts',
      code: "export const meds = () => db.query('SELECT name FROM medications');",
      ...medicationsInTwoDatabases,
      errors: [
        {
          messageId: 'foreignTableOfSeveral',
          line: 1,
          column: 54,
          endLine: 1,
          endColumn: 65,
          data: { owners: "services 'cds' and 'medication'" },
        },
      ],
    },
    {
      name: 'code outside every service reading a table two services create: no owner guessed, both named',
      filename: 'apps/fraud/queries/stock.sql',
      code: 'SELECT name FROM medications;',
      files: medicationsInTwoDatabases.files,
      config: {
        services: [
          { name: 'medication', roots: ['services/medication'], databases: ['app'] },
          { name: 'cds', roots: ['services/cds'], databases: ['app'] },
        ],
      },
      errors: [
        {
          messageId: 'outsideTableOfSeveral',
          line: 1,
          column: 18,
          endLine: 1,
          endColumn: 29,
          data: { service: 'apps/fraud', verb: 'reads', table: 'medications', owners: "services 'cds' and 'medication'" },
        },
      ],
    },
    {
      name: 'a shared package a service runs reading a table only two other services create: both named',
      filename: 'packages/data/src/meds.js',
      code: "const pool = require('./pool');\nexports.listMeds = () => pool.query('SELECT name FROM medications');",
      files: {
        ...medicationsInTwoDatabases.files,
        'package.json': '{ "private": true, "workspaces": ["packages/*", "services/*"] }',
        'packages/data/package.json': '{ "name": "@acme/data", "main": "src/index.js" }',
        'packages/data/src/index.js': "module.exports = { ...require('./meds'), pool: require('./pool') };",
        'packages/data/src/pool.js': "const { Pool } = require('pg');\nmodule.exports = new Pool();",
        'services/pharmacy/src/index.js': "const { listMeds } = require('@acme/data');\nexports.stock = () => listMeds();",
      },
      config: medicationsInTwoDatabases.config,
      errors: [
        {
          messageId: 'runTableOfSeveral',
          line: 2,
          column: 55,
          endLine: 2,
          endColumn: 66,
          data: {
            folder: 'packages/data',
            service: 'pharmacy',
            verb: 'reads',
            table: 'medications',
            owners: "services 'cds' and 'medication'",
          },
        },
      ],
    },
    {
      name: "a MySQL GRANT on another service's table, database-qualified (node-sql-parser accepts it)",
      filename: 'services/payment/migrations/V3__grants.sql',
      code: "-- reporting needs the invoices\nGRANT SELECT, UPDATE ON nilecare.invoices TO 'payment_svc'@'%';",
      errors: [
        {
          messageId: 'foreignGrant',
          line: 2,
          column: 25,
          endLine: 2,
          endColumn: 42,
          data: { service: 'payment', table: 'nilecare.invoices', owner: 'billing' },
        },
      ],
    },
    {
      name: 'a MySQL GRANT with column lists on two tables, one of them foreign, and a REVOKE',
      filename: 'services/payment/migrations/V4__grants.sql',
      code: "GRANT SELECT (id, total), UPDATE (status) ON payments, `invoices` TO 'payment_svc'@'%';\n  REVOKE DELETE ON TABLE invoice_items FROM 'payment_svc'@'%';",
      errors: [
        { messageId: 'foreignGrant', line: 1, column: 56, endLine: 1, endColumn: 66, data: { table: 'invoices', owner: 'billing' } },
        { messageId: 'foreignGrant', line: 2, column: 26, endLine: 2, endColumn: 39, data: { table: 'invoice_items', owner: 'billing' } },
      ],
    },
    {
      name: 'a PostgreSQL GRANT ON TABLE and a REVOKE … FROM (libpg-query locates the tables)',
      filename: 'services/billing/migrations/V6__grants.sql',
      code: 'GRANT SELECT ON TABLE clinical_data.patients, invoices TO billing_role;\nREVOKE ALL ON encounters FROM billing_role;',
      config: {
        ...defaultTestConfig,
        services: defaultTestConfig.services!.map((s) => (s.name === 'billing' ? { ...s, dialect: 'postgresql' as const } : s)),
      },
      errors: [
        {
          messageId: 'foreignGrant',
          line: 1,
          column: 23,
          endLine: 1,
          endColumn: 45,
          data: { table: 'clinical_data.patients', owner: 'clinical' },
        },
        { messageId: 'foreignGrant', line: 2, column: 15, endLine: 2, endColumn: 25, data: { table: 'encounters', owner: 'clinical' } },
      ],
    },
    {
      name: 'a GRANT on a table that only services in other databases create',
      filename: 'services/pharmacy/migrations/V2__grants.sql',
      code: "GRANT SELECT ON medications TO 'pharmacy'@'%';",
      ...medicationsInTwoDatabases,
      errors: [
        {
          messageId: 'foreignGrantOfSeveral',
          line: 1,
          column: 17,
          endLine: 1,
          endColumn: 28,
          data: { owners: "services 'cds' and 'medication'" },
        },
      ],
    },
    {
      name: 'dynamic SQL in a MySQL procedure: PREPARE FROM a @variable holding a literal',
      filename: 'services/payment/migrations/V5__purge.sql',
      code: "DELIMITER $$\nCREATE PROCEDURE purge_void(IN tbl VARCHAR(64))\nBEGIN\n  SET @q = CONCAT('DELETE FROM invoices WHERE status = ', QUOTE('void'));\n  PREPARE s FROM @q;\n  EXECUTE s;\n  SET @d = CONCAT('DELETE FROM ', tbl);\n  PREPARE t FROM @d;\nEND$$\nDELIMITER ;",
      errors: [
        {
          messageId: 'foreignTable',
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 40,
          data: { verb: 'deletes from', table: 'invoices', owner: 'billing' },
        },
      ],
    },
    {
      name: 'dynamic SQL in a plpgsql function: EXECUTE of a literal and of format()',
      filename: 'services/billing/migrations/V7__sync.sql',
      code: "CREATE FUNCTION sync_patient(p_id uuid, tbl text) RETURNS void AS $$\nBEGIN\n  EXECUTE 'UPDATE clinical_data.patients SET synced_at = now() WHERE id = $1' USING p_id;\n  EXECUTE format('SELECT 1 FROM %I WHERE id = %L', tbl, p_id);\n  EXECUTE format('DELETE FROM encounters WHERE patient_id = %L', p_id);\nEND;\n$$ LANGUAGE plpgsql;",
      config: {
        ...defaultTestConfig,
        services: defaultTestConfig.services!.map((s) => (s.name === 'billing' ? { ...s, dialect: 'postgresql' as const } : s)),
      },
      errors: [
        {
          messageId: 'foreignTable',
          line: 3,
          column: 19,
          endLine: 3,
          endColumn: 41,
          data: { verb: 'updates', table: 'clinical_data.patients', owner: 'clinical' },
        },
        {
          messageId: 'foreignTable',
          line: 5,
          column: 31,
          endLine: 5,
          endColumn: 41,
          data: { verb: 'deletes from', table: 'encounters', owner: 'clinical' },
        },
      ],
    },
    {
      name: 'dblink runs the SQL of its literal on another database: the calling service reads the table named inside it (HELDOUT7 #14)',
      filename: 'services/billing/src/sync.js',
      code: [
        'exports.sync = () => pool.query(`',
        "  SELECT t.id FROM dblink('dbname=clinical_data host=clinical-db', 'SELECT id, full_name FROM patients') AS t(id int, full_name text)`);",
      ].join('\n'),
      config: pgBilling,
      errors: [
        {
          messageId: 'foreignTable',
          line: 2,
          column: 95,
          endLine: 2,
          endColumn: 103,
          data: { service: 'billing', verb: 'reads', table: 'patients', owner: 'clinical' },
        },
      ],
    },
    {
      name: "postgres_fdw's foreign table and imported schema, dblink_exec and dblink in a function body: the remote tables they name",
      filename: 'services/billing/migrations/V8__remote.sql',
      code: [
        "CREATE FOREIGN TABLE remote_encounters (id int, patient_id int OPTIONS (column_name 'pid')) SERVER clinical_srv OPTIONS (schema_name 'public', table_name 'encounters');",
        'IMPORT FOREIGN SCHEMA public LIMIT TO (patients) FROM SERVER clinical_srv INTO clinical_remote;',
        "SELECT dblink_exec('clinical', 'DELETE FROM encounters WHERE closed', false);",
        'CREATE FUNCTION pull() RETURNS void AS $$',
        "DECLARE q text := 'UPDATE patients SET synced = true';",
        "BEGIN PERFORM dblink_exec('clinical', q); END $$ LANGUAGE plpgsql;",
      ].join('\n'),
      config: pgBilling,
      errors: [
        {
          messageId: 'foreignTable',
          line: 1,
          column: 156,
          endLine: 1,
          endColumn: 166,
          data: { service: 'billing', verb: 'reads', table: 'public.encounters', owner: 'clinical' },
        },
        {
          messageId: 'foreignTable',
          line: 2,
          column: 40,
          endLine: 2,
          endColumn: 48,
          data: { service: 'billing', verb: 'reads', table: 'public.patients', owner: 'clinical' },
        },
        {
          messageId: 'foreignTable',
          line: 3,
          column: 45,
          endLine: 3,
          endColumn: 55,
          data: { service: 'billing', verb: 'deletes from', table: 'encounters', owner: 'clinical' },
        },
        {
          messageId: 'foreignTable',
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 35,
          data: { service: 'billing', verb: 'updates', table: 'patients', owner: 'clinical' },
        },
      ],
    },
    {
      name: 'database-qualified read in a string literal',
      filename: 'services/billing/src/invoice.repo.ts',
      code: "db.query('SELECT * FROM clinical_data.patients');",
      errors: [
        {
          messageId: 'foreignTable',
          line: 1,
          column: 25,
          endLine: 1,
          endColumn: 47,
          data: { service: 'billing', table: 'clinical_data.patients', owner: 'clinical', verb: 'reads' },
        },
      ],
    },
    {
      name: 'read inside a multi-line template',
      filename: 'services/billing/src/InvoiceService.ts',
      code: 'export async function load(connection: any, id: string) {\n  const [rows] = await connection.execute(`\n    SELECT *\n      FROM clinical_data.patients\n     WHERE id = ?\n  `, [id]);\n  return rows;\n}',
      errors: [{ messageId: 'foreignTable', line: 4, column: 12, endLine: 4, endColumn: 34 }],
    },
    {
      name: "a transaction that updates its own table and another service's",
      filename: 'services/payment/src/payment.service.ts',
      code: "await conn.execute('UPDATE payments SET status = ? WHERE id = ?', [s, id]);\nawait conn.execute('UPDATE invoices SET status = ? WHERE id = ?', [s, id]);",
      errors: [
        {
          messageId: 'foreignTable',
          line: 2,
          column: 28,
          endLine: 2,
          endColumn: 36,
          data: { verb: 'updates', owner: 'billing', service: 'payment' },
        },
      ],
    },
    {
      name: 'SQL built in a variable with += in a branch',
      filename: 'services/payment/src/report.ts',
      code: "export async function report(db: any, open: boolean) {\n  let sql = 'SELECT * FROM invoices WHERE 1 = 1';\n  if (open) sql += ' AND status = ?';\n  return db.query(sql);\n}",
      errors: [{ messageId: 'foreignTable', line: 2, column: 28, endLine: 2, endColumn: 36 }],
    },
    {
      name: 'a join reaching a foreign table in a subquery',
      filename: 'services/billing/src/sub.ts',
      code: "db.query('SELECT id FROM invoices WHERE patient_id IN (SELECT id FROM patients WHERE mrn = ?)');",
      errors: [
        { messageId: 'foreignTable', line: 1, column: 71, endLine: 1, endColumn: 79, data: { table: 'patients', owner: 'clinical' } },
      ],
    },
    {
      name: 'the literal table bound to an identifier placeholder `??` (mysql / mysql2 query, knex raw), at the value',
      filename: 'services/auth/src/counts.js',
      code: [
        "const PAYMENTS = 'payments';",
        "exports.paid = () => pool.query('SELECT COUNT(*) AS n FROM ?? WHERE status = ?', ['invoices', 'paid']);",
        "exports.sum = (col) => knex.raw('select sum(??) from ?? where user_id = ? and data \\\\? ?', [col, PAYMENTS, 7, 'k']);",
      ].join('\n'),
      errors: [
        { messageId: 'foreignTable', line: 2, column: 83, endLine: 2, endColumn: 93, data: { verb: 'reads', owner: 'billing' } },
        { messageId: 'foreignTable', line: 3, column: 98, endLine: 3, endColumn: 106, data: { verb: 'reads', owner: 'payment' } },
      ],
    },
    {
      name: 'a write from the orchestrator-style join and a delete',
      filename: 'services/auth/src/cleanup.ts',
      code: "await pool.query('DELETE FROM payments WHERE user_id = ?', [id]);",
      errors: [
        { messageId: 'foreignTable', line: 1, column: 31, endLine: 1, endColumn: 39, data: { verb: 'deletes from', owner: 'payment' } },
      ],
    },
    {
      name: "a trigger in a root schema file writing another service's database acts for the owner of the table it fires on",
      filename: 'database/mysql/schema/business_operations.sql',
      code: [
        'USE business_operations;',
        'CREATE TABLE claims (id CHAR(36) PRIMARY KEY, patient_id CHAR(36));',
        'CREATE TRIGGER claims_after_insert AFTER INSERT ON claims FOR EACH ROW',
        'BEGIN',
        '  UPDATE clinical_data.patients SET updated_at = NOW() WHERE id = NEW.patient_id;',
        'END;',
      ].join('\n'),
      config: businessConfig,
      errors: [
        {
          messageId: 'foreignTable',
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 32,
          data: { service: 'business', verb: 'updates', owner: 'clinical' },
        },
      ],
    },
    {
      name: 'a view in a shared schema file reaching into another database',
      filename: 'database/mysql/schema/business_operations.sql',
      code: 'USE business_operations;\nCREATE TABLE claims (id CHAR(36) PRIMARY KEY, patient_id CHAR(36));\nCREATE VIEW claim_summary AS\nSELECT c.id FROM claims c JOIN clinical_data.patients p ON p.id = c.patient_id;',
      config: businessConfig,
      errors: [
        { messageId: 'foreignTable', line: 4, column: 32, endLine: 4, endColumn: 54, data: { service: 'business', owner: 'clinical' } },
      ],
    },
    {
      name: "a Cassandra service reading another Cassandra service's table is a cross-service query (tables per engine, HELDOUT6 #23b)",
      filename: 'services/feed/src/index.js',
      code: "client.execute('SELECT body FROM posts_by_user WHERE user_id = ?', [id]);",
      ...perEngine,
      errors: [{ messageId: 'foreignTable', line: 1, column: 34, endLine: 1, endColumn: 47, data: { service: 'feed', owner: 'timeline' } }],
    },
    {
      name: "pg_cron jobs a migration schedules run SQL on another service's tables: a dollar-quoted, a quoted and a named command, and schedule_in_database's database (HELDOUT8 #26)",
      filename: 'services/billing/migrations/V3__jobs.sql',
      code: [
        "-- Abandoned carts are purged from billing's migrations, on orders' table.",
        "SELECT cron.schedule('purge-carts', '0 3 * * *', $$DELETE FROM carts WHERE created_at < now() - interval '30 days'$$);",
        'SELECT cron.schedule(',
        "  'touch-orders',",
        "  '*/5 * * * *',",
        "  'UPDATE orders SET note = ''it''''s'' WHERE id IS NULL'",
        ');',
        "SELECT cron.schedule_in_database('archive', '@daily', $job$",
        "  DELETE FROM orders WHERE created_at < now() - interval '1 year';",
        '  INSERT INTO invoices (id) VALUES (gen_random_uuid());',
        "$job$, 'orders_db');",
        "SELECT cron.schedule(job_name := 'vacuum', schedule := '@weekly', command := 'TRUNCATE carts');",
      ].join('\n'),
      ...cronServices,
      errors: [
        {
          messageId: 'foreignTable',
          line: 2,
          column: 64,
          endLine: 2,
          endColumn: 69,
          data: { service: 'billing', verb: 'deletes from', table: 'carts', owner: 'orders' },
        },
        {
          messageId: 'foreignTable',
          line: 9,
          column: 15,
          endLine: 9,
          endColumn: 21,
          data: { service: 'billing', verb: 'deletes from', table: 'orders', owner: 'orders' },
        },
        {
          messageId: 'foreignTable',
          line: 12,
          column: 88,
          endLine: 12,
          endColumn: 93,
          data: { service: 'billing', verb: 'truncates', table: 'carts', owner: 'orders' },
        },
      ],
    },
    {
      name: 'pg_cron jobs scheduled from code and from a function: embedded SQL, a quoted command naming its database, a command in a variable',
      filename: 'services/billing/src/jobs.ts',
      code: [
        'export async function scheduleJobs(pool: Pool): Promise<void> {',
        "  await pool.query(`SELECT cron.schedule('sync-carts', '*/10 * * * *', $$UPDATE carts SET synced = true$$)`);",
        '  await pool.query(',
        "    \"SELECT cron.schedule_in_database('o', '@daily', 'DELETE FROM orders WHERE id IS NULL', 'orders_db')\",",
        '  );',
        '  await pool.query(`CREATE FUNCTION schedule_cleanup() RETURNS void AS $fn$',
        "    DECLARE q text := 'DELETE FROM carts WHERE id IS NULL';",
        "    BEGIN PERFORM cron.schedule('cleanup', '@hourly', q); END $fn$ LANGUAGE plpgsql`);",
        '}',
      ].join('\n'),
      ...cronServices,
      errors: [
        {
          messageId: 'foreignTable',
          line: 2,
          column: 81,
          endLine: 2,
          endColumn: 86,
          data: { service: 'billing', verb: 'updates', table: 'carts', owner: 'orders' },
        },
        {
          messageId: 'foreignTable',
          line: 4,
          column: 67,
          endLine: 4,
          endColumn: 73,
          data: { service: 'billing', verb: 'deletes from', table: 'orders', owner: 'orders' },
        },
        {
          messageId: 'foreignTable',
          line: 7,
          column: 36,
          endLine: 7,
          endColumn: 41,
          data: { service: 'billing', verb: 'deletes from', table: 'carts', owner: 'orders' },
        },
      ],
    },
    {
      name: "a bare name two services claim in the config, in the database a psql \\c or a pg_cron job names: the table of that database's service",
      filename: 'services/billing/db/maintenance.sql',
      code: [
        "DELETE FROM audit_log WHERE created_at < now() - interval '90 days';",
        "SELECT cron.schedule_in_database('trim', '@daily', $$DELETE FROM audit_log WHERE actor = 'billing'$$, 'orders_db');",
        '\\c orders_db',
        "UPDATE audit_log SET actor = NULL WHERE actor = 'billing';",
        'SELECT * FROM billing_db.audit_log;',
      ].join('\n'),
      config: auditLogClaimedTwice,
      errors: [
        {
          messageId: 'foreignTable',
          line: 2,
          column: 66,
          endLine: 2,
          endColumn: 75,
          data: { service: 'billing', verb: 'deletes from', table: 'audit_log', owner: 'orders' },
        },
        {
          messageId: 'foreignTable',
          line: 4,
          column: 8,
          endLine: 4,
          endColumn: 17,
          data: { service: 'billing', verb: 'updates', table: 'audit_log', owner: 'orders' },
        },
      ],
    },
  ],
});
