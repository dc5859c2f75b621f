import { describe, expect, it } from 'vitest';
import rule from '../../rules/parse-error.js';
import { lint } from '../../src/lint.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { ruleTester } from '../rule-tester.js';

const CLICKHOUSE_DDL = 'CREATE TABLE events (ts DateTime64(3), kind LowCardinality(String)) ENGINE = MergeTree ORDER BY ts;';
const withDriver = (service: string, dependency: string) => ({
  files: { [`services/${service}/package.json`]: JSON.stringify({ name: service, dependencies: { [dependency]: '^1.0.0' } }) },
  config: { services: [{ name: service, roots: [`services/${service}`] }] },
});

/** The root compose file runs the audit service's database; its image says which server that is. */
const auditOnComposeDb = (image: string) => ({
  files: {
    'docker-compose.yml': `services:\n  db:\n    image: ${image}\n  audit:\n    build: ./services/audit\n    environment:\n      DB_HOST: db\n      DB_NAME: audit\n`,
    'services/audit/package.json': JSON.stringify({ name: 'audit', dependencies: { mysql2: '^3.9.0' } }),
  },
  config: { services: [{ name: 'audit', roots: ['services/audit'] }] },
});

const MARIADB_MIGRATION = [
  'CREATE OR REPLACE TABLE billing_audit (',
  '  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,',
  '  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP',
  ') ENGINE=InnoDB WITH SYSTEM VERSIONING;',
  'ALTER TABLE billing_audit ADD COLUMN IF NOT EXISTS request_id VARCHAR(64) NULL;',
  'CREATE SEQUENCE IF NOT EXISTS billing_batch_seq START WITH 1 INCREMENT BY 1;',
].join('\n');
const MARIADB_QUERIES = [
  "exports.history = (id) => pool.query('SELECT * FROM billing_audit FOR SYSTEM_TIME ALL WHERE id = ?', [id]);",
  "exports.prune = (t) => pool.query('DELETE HISTORY FROM billing_audit BEFORE SYSTEM_TIME ?', [t]);",
  // PostgreSQL's grammar accepts this one too, and RETURNING is a PostgreSQL marker: a dialect signal outside MariaDB, not a parse error.
  "exports.add = (a) => pool.query('INSERT INTO billing_audit (action) VALUES (?) RETURNING id', [a]);",
].join('\n');
const MYSQLDUMP = [
  '-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)',
  '/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;',
  '/*!40101 SET NAMES utf8mb4 */;',
  '/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;',
  'DROP TABLE IF EXISTS `invoices`;',
  '/*!40101 SET @saved_cs_client     = @@character_set_client */;',
  '/*!50503 SET character_set_client = utf8mb4 */;',
  'CREATE TABLE `invoices` (`id` int NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;',
  'LOCK TABLES `invoices` WRITE;',
  '/*!40000 ALTER TABLE `invoices` DISABLE KEYS */;',
  '/*!40000 ALTER TABLE `invoices` ENABLE KEYS */;',
  'UNLOCK TABLES;',
  '/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;',
  "/*!50003 SET sql_mode              = 'ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES' */ ;",
  'DELIMITER ;;',
  '/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`%`*/ /*!50003 TRIGGER `trg_invoices_bi` BEFORE INSERT ON `invoices` FOR EACH ROW BEGIN',
  '  SET NEW.id = NEW.id;',
  'END */;;',
  'DELIMITER ;',
  '/*!50001 DROP VIEW IF EXISTS `billing_totals`*/;',
  '/*!50001 CREATE ALGORITHM=UNDEFINED */',
  '/*!50013 DEFINER=`root`@`%` SQL SECURITY DEFINER */',
  '/*!50001 VIEW `billing_totals` AS select count(0) AS `n` from `invoices` */;',
  '/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;',
].join('\n');

/** A multi-engine service: its package.json names `dependencies` and `optionalDependencies` (issue 14, HELDOUT9 #9). */
const multiEngine = (service: string, dependencies: Record<string, string>, optionalDependencies: Record<string, string> = {}) => ({
  files: { [`services/${service}/package.json`]: JSON.stringify({ name: service, dependencies, optionalDependencies }) },
  config: { services: [{ name: service, roots: [`services/${service}`] }] },
});
const GHOST_PRAGMA = [
  "const knex = require('knex');",
  'async function dropColumn(knex, table, column) {',
  "  if (DatabaseInfo.isSQLite(knex)) await knex.raw('PRAGMA foreign_keys = OFF;');",
  "  await knex.raw('ALTER TABLE ?? DROP COLUMN ??', [table, column]);",
  '}',
].join('\n');

/** A Logto alteration: Slonik's sql`…` binds each `${value}` as a parameter, whatever text the constant holds (HELDOUT9 #20). */
const SLONIK_ALTERATION = (tag: string) =>
  [
    tag,
    "const cloudApiIndicator = 'https://cloud.logto.io/api';",
    "const roleDescription = 'Logto Management API access';",
    'export const up = async (pool) => {',
    '  await pool.one(sql`select * from resources where indicator = ${cloudApiIndicator}`);',
    "  await pool.query(sql`update roles set description = ${roleDescription} where id = ${sql.identifier(['roles', 'id'])}`);",
    '};',
  ].join('\n');

/** umami's Prisma raw query: its rawQuery helper turns `{{name}}` / `{{name::type}}` into `$1::uuid` (HELDOUT9 #22). */
const UMAMI_QUERY = (where: string) =>
  [
    'async function relationalQuery(websiteId: string) {',
    '  const { rawQuery } = prisma;',
    '  return rawQuery(',
    '    `',
    '    select count(distinct session_id) x',
    '    from website_event',
    `    ${where}`,
    '    and created_at >= {{startAt}}',
    '    `,',
    '    { websiteId, startAt: new Date() },',
    '  );',
    '}',
  ].join('\n');

/**
 * A knex project on any engine its deployer picks (backstage's catalog-backend, HELDOUT9): each engine's SQL behind a check
 * of the client knex was given, or in a function named for the engine. A PostgreSQL service (pg is its driver) here.
 */
const CLIENT_BRANCHES = [
  'exports.up = async function up(knex) {',
  '  const client = knex.client.config.client;',
  "  if (client.includes('pg')) {",
  "    await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS search_entity_id_idx');",
  "  } else if (client.includes('mysql')) {",
  "    const [rows] = await knex.raw(`SHOW INDEX FROM \\`search\\` WHERE Key_name = 'search_entity_id_idx'`);",
  '  } else {',
  "    await knex.raw('DROP INDEX IF EXISTS search_entity_id_idx');",
  '  }',
  "  if (!knex.client.config.client.includes('sqlite3')) {",
  "    await knex.raw('ALTER TABLE search ALTER COLUMN value TYPE text');",
  '  } else {',
  "    await knex.raw('PRAGMA foreign_keys = OFF');",
  '  }',
  '  switch (knex.client.config.client) {',
  "    case 'mysql':",
  "    case 'mysql2':",
  "      await knex.raw('SHOW TABLE STATUS FROM catalog');",
  '      break;',
  '  }',
  "  if (isMysql(knex)) await knex.raw('OPTIMIZE TABLE `search`');",
  '};',
  'async function syncMysql(knex, entityId) {',
  "  await knex.raw('DELETE s FROM `search` s WHERE s.entity_id = ? AND NOT EXISTS (SELECT 1 FROM `_desired_search` d WHERE d.`value` <=> s.`value`)', [entityId]);",
  '}',
  'async function mysqlDropIndexIfExists(knex, name) {',
  "  const [rows] = await knex.raw('SHOW INDEX FROM `search` WHERE Key_name = ?', [name]);",
  '}',
].join('\n');
const KNEX_PG = withDriver('catalog', 'pg');

/** medusa v1's compiled migration (tsc, ES5 target): a template literal becomes a string literal's .concat (HELDOUT13 #13). */
const ES5_MIGRATION = (where: string) =>
  [
    '"use strict";',
    'Object.defineProperty(exports, "__esModule", { value: true });',
    'var countries_1 = require("../utils/countries");',
    'class countriesCurrencies1611063174563 {',
    '    async up(queryRunner) {',
    '        for (var _i = 0, countries_2 = countries_1.countries; _i < countries_2.length; _i++) {',
    '            var c = countries_2[_i];',
    `            await queryRunner.query("DELETE FROM \\"country\\" ${where}".concat(c.alpha2, "'"));`,
    '        }',
    '    }',
    '}',
    'exports.countriesCurrencies1611063174563 = countriesCurrencies1611063174563;',
  ].join('\n');

/** flowise-components' tests of its read-only SQL validator (HELDOUT13 #18): statements as data, in a library. */
const VALIDATOR_TEST = [
  "import { assertReadOnlySqlStatement } from './validator'",
  "describe('assertReadOnlySqlStatement', () => {",
  '    it.each([',
  "        ['simple select', 'SELECT * FROM users'],",
  "        ['sqlite introspection', \"SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'\"]",
  "    ])('should not throw for %s', (_desc, sql) => {",
  '        expect(() => assertReadOnlySqlStatement(sql)).not.toThrow()',
  '    })',
  '})',
].join('\n');
const flowise = {
  files: { 'packages/server/package.json': JSON.stringify({ name: 'flowise', dependencies: { mysql2: '^3.9.0', typeorm: '^0.3.20' } }) },
  config: { services: [{ name: 'server', roots: ['packages/server'] }] },
};

ruleTester.run(rule, {
  valid: [
    {
      name: "SQL in a library's test file is data for the code under test, run by no service (HELDOUT13 #18)",
      filename: 'packages/components/src/validator.test.ts',
      code: VALIDATOR_TEST,
      ...flowise,
    },
    {
      name: 'tsc\'s ES5 template literal, `"… iso_2 = \'".concat(c.alpha2, "\'")`, is one statement with a hole (HELDOUT13 #13)',
      filename: 'services/medusa/src/migrations/1611063174563-countries_currencies.js',
      code: ES5_MIGRATION("WHERE iso_2 = '"),
      ...withDriver('medusa', 'pg'),
    },
    {
      name: "a keyword pair with no object ('DROP DATABASE', a word a confirm box shows) is no statement (HELDOUT10 #20)",
      filename: 'services/phpmyadmin/js/src/server/privileges.js',
      code: "var ok = confirm(Messages.strDropDatabaseStrongWarning + '\\n' + Functions.sprintf(Messages.strDoYouReally, 'DROP DATABASE'));",
      ...withDriver('phpmyadmin', 'mysql2'),
    },
    {
      name: "umami's `{{websiteId::uuid}}` placeholder is a value its helper binds (HELDOUT9 #22)",
      filename: 'services/umami/src/queries/analytics/getActiveVisitors.ts',
      code: UMAMI_QUERY('where website_id = {{websiteId::uuid}}'),
      ...withDriver('umami', 'pg'),
    },
    {
      name: "Slonik's sql`…` binds a constant's value (a URL, a phrase) as a parameter: no text of it reaches the SQL (HELDOUT9 #20)",
      filename: 'services/schemas/alterations/1.15.0-1710223946-add-fetch-custom-jwt-cloud-scope.ts',
      code: SLONIK_ALTERATION("import { sql } from '@silverhand/slonik';"),
      ...withDriver('schemas', 'pg'),
    },
    {
      name: "a knex service's branches for other engines (client.includes('mysql'), !includes('sqlite3')'s else, case 'mysql2', isMysql(knex), syncMysql, mysqlDropIndexIfExists) are theirs, read by their tokens (HELDOUT9 backstage-plugins)",
      filename: 'services/catalog/migrations/20260609000000_drop_search_entity_id_idx.js',
      code: CLIENT_BRANCHES,
      ...KNEX_PG,
    },
    {
      name: "TypeORM's and Sequelize's client checks name the engine too",
      filename: 'services/catalog/src/migrations/1700000000000-SearchIndex.ts',
      code: [
        'export class SearchIndex1700000000000 {',
        '  async up(queryRunner) {',
        "    if (queryRunner.connection.options.type === 'mysql') await queryRunner.query('OPTIMIZE TABLE `search`');",
        "    if (queryInterface.sequelize.getDialect() !== 'mysql') return;",
        "    else await queryInterface.sequelize.query('OPTIMIZE TABLE `search`');",
        '  }',
        '}',
      ].join('\n'),
      ...KNEX_PG,
    },
    {
      name: "a multi-engine service's SQL for another engine it declares, behind a client check: MySQL with better-sqlite3 optional, SQLite's PRAGMA (HELDOUT9 #9)",
      filename: 'services/ghost/core/server/data/migrations/utils/schema.js',
      code: GHOST_PRAGMA,
      ...multiEngine('ghost', { knex: '^2.5.0', mysql2: '^3.9.0' }, { 'better-sqlite3': '^11.0.0' }),
    },
    {
      name: 'the same after init wrote its dialect into the config: the engines it declares still count',
      filename: 'services/ghost/core/server/data/migrations/utils/schema.js',
      code: GHOST_PRAGMA,
      files: multiEngine('ghost', { knex: '^2.5.0', mysql2: '^3.9.0' }, { 'better-sqlite3': '^11.0.0' }).files,
      config: { services: [{ name: 'ghost', roots: ['services/ghost'], dialect: 'mysql' as const }] },
    },
    {
      name: "a SQL file in SQLite's syntax ([bracket] names) in a service naming @louislam/sqlite3 beside mysql2 is SQLite's, read by its tokens (HELDOUT16 #16, uptime-kuma)",
      filename: 'services/kuma/db/patch-group-table.sql',
      code: 'BEGIN TRANSACTION;\nCREATE INDEX [fk] ON [monitor_group] ([monitor_id], [group_id]);\nINSERT INTO setting (key, value) SELECT key, value FROM setting_old;\nCOMMIT;',
      ...multiEngine('kuma', { knex: '^2.4.2', mysql2: '^3.9.6', '@louislam/sqlite3': '15.1.6' }),
    },
    {
      name: "SQL outside every service in SQLite's unmistakable syntax (AUTOINCREMENT, PRAGMA, INSERT OR IGNORE) is read by SQLite's tokens, though no package.json names SQLite",
      filename: 'db/schema.sql',
      code: "PRAGMA foreign_keys = ON;\nCREATE TABLE demo_orders (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT);\nINSERT OR IGNORE INTO demo_orders (email) VALUES ('a@b.c');",
      ...withDriver('orders', 'mysql2'),
    },
    {
      name: "SQL Server's SELECT TOP in a service declaring pg and tedious (HELDOUT9 #9)",
      filename: 'services/directus/src/database/helpers/triggers.js',
      code: "exports.hasTrigger = (knex, table) => knex.raw('SELECT TOP 1 1 AS has_trigger FROM sys.triggers WHERE parent_id = OBJECT_ID(?)', [table]);",
      ...multiEngine('directus', { knex: '^3.1.0', pg: '^8.11.0', tedious: '^18.2.0' }),
    },
    {
      name: "a per-engine file of a multi-engine service (dialects/sqlite.js beside sqlite3 in its package.json) is read by SQLite's tokens (HELDOUT9 #9)",
      filename: 'services/directus/src/database/helpers/schema/dialects/sqlite.js',
      code: "exports.columns = (knex, t) => knex.raw('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk', [t]);",
      ...multiEngine('directus', { knex: '^3.1.0', pg: '^8.11.0', sqlite3: '^5.1.0' }),
    },
    {
      name: "a SQL file in a folder named for an engine without a parser here (SQL/sqlite/, mssql/, oracle/) is that engine's, read by tokens (HELDOUT10 #4, #5)",
      filename: 'services/roundcube/SQL/sqlite/2020122900.sql',
      code: 'CREATE TABLE filestore (file_id integer PRIMARY KEY AUTOINCREMENT, user_id integer NOT NULL);\nPRAGMA foreign_keys = ON;',
      ...withDriver('roundcube', 'mysql2'),
    },
    {
      name: "T-SQL's GO batches in a file named for SQL Server (mssql.initial.sql), the service on MySQL (HELDOUT10 #4)",
      filename: 'services/roundcube/SQL/mssql.initial.sql',
      code: 'CREATE TABLE [dbo].[cache] ([user_id] [int] NOT NULL, [cache_key] [varchar] (128) NOT NULL)\nGO\nCREATE INDEX [IX_cache_user_id] ON [dbo].[cache]([user_id])\nGO\n',
      ...withDriver('roundcube', 'mysql2'),
    },
    {
      name: "Oracle's lone / after a PL/SQL block in an oracle/ folder outside every service (HELDOUT10 #4)",
      filename: 'raddb/mods-config/sql/main/oracle/process-radacct.sql',
      code: 'CREATE OR REPLACE TRIGGER radacct_serialnumber BEFORE INSERT ON radacct FOR EACH ROW\nBEGIN\n  SELECT radacct_seq.nextval INTO :new.radacctid FROM dual;\nEND;\n/\n',
    },
    {
      name: "an engine named inside a longer folder name (db_ido_pgsql) is PostgreSQL's: DROP CONSTRAINT IF EXISTS parses (HELDOUT10 #11)",
      filename: 'lib/db_ido_pgsql/schema/upgrade/2.8.0.sql',
      code: 'ALTER TABLE icinga_downtimehistory DROP CONSTRAINT IF EXISTS uq_downtimehistory;',
    },
    {
      name: "ClickHouse's ALTER TABLE … UPDATE in db/clickhouse/ of a PostgreSQL service (HELDOUT9 #6)",
      filename: 'services/umami/db/clickhouse/migrations/01_edit_keys.sql',
      code: 'alter table umami.event_data update string_value = number_value where data_type = 2;',
      ...withDriver('umami', 'pg'),
    },
    {
      name: "a MyBatis statement with dynamic elements is read by tokens, never a parse error: its <choose> branches' text is no one statement (HELDOUT7 #28)",
      filename: 'services/clinical/src/main/resources/mapper/VisitMapper.xml',
      code: [
        '<mapper namespace="com.acme.clinical.VisitMapper">',
        '  <select id="list">SELECT id FROM visits',
        '    <choose><when test="byDate">ORDER BY seen_at</when><otherwise>ORDER BY id</otherwise></choose>',
        '    <foreach collection="ids" item="v" open="WHERE id IN (" separator="," close=")">#{v}</foreach>',
        '  </select>',
        '  <insert id="add"><selectKey keyProperty="id" order="BEFORE">SELEC nextval(visits_seq)</selectKey>INSERT INTO visits (id) VALUES (#{id})</insert>',
        '</mapper>',
      ].join('\n'),
    },
    {
      name: "MariaDB's syntax in a service whose database host is the root compose file's MariaDB container",
      filename: 'services/audit/migrations/V1__audit.sql',
      code: 'CREATE OR REPLACE TABLE audit_log (id INT PRIMARY KEY);',
      ...auditOnComposeDb('mariadb:10.11'),
    },
    {
      name: "a ClickHouse-only service's DDL is read by tokens: DateTime64 and ENGINE = MergeTree are no parse error (HELDOUT6 #23)",
      filename: 'services/analytics/clickhouse/migrations/001_events.sql',
      code: CLICKHOUSE_DDL,
      ...withDriver('analytics', '@clickhouse/client'),
    },
    {
      name: "a .cql file is Cassandra's, read by tokens whoever keeps it",
      filename: 'services/timeline/cql/001_schema.cql',
      code: "CREATE KEYSPACE IF NOT EXISTS timeline WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};",
      ...withDriver('timeline', 'pg'),
    },
    {
      name: "MariaDB's own syntax in a service whose driver is mariadb (HELDOUT5 #1)",
      filename: 'services/billing/migrations/V8__audit.sql',
      code: MARIADB_MIGRATION,
      files: {
        'services/billing/package.json': '{"name":"billing","dependencies":{"mariadb":"^3.3.0"}}',
        'services/billing/src/audit.js': MARIADB_QUERIES,
      },
    },
    {
      name: "MariaDB's syntax in code, the service on MariaDB by its Flyway URL",
      filename: 'services/billing/src/audit.js',
      code: MARIADB_QUERIES,
      files: { 'services/billing/flyway.conf': 'flyway.url=jdbc:mariadb://billing-db:3306/billing\n' },
    },
    {
      name: 'MariaDB by the image of its own compose file',
      filename: 'services/billing/migrations/V8__audit.sql',
      code: MARIADB_MIGRATION,
      files: { 'services/billing/docker-compose.yml': 'services:\n  db:\n    image: "mariadb:10.11"\n' },
    },
    {
      name: 'MariaDB by a dump the service keeps of its schema',
      filename: 'services/billing/migrations/V8__audit.sql',
      code: MARIADB_MIGRATION,
      files: {
        'services/billing/db/schema.sql': '-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)\nSELECT 1;\n',
      },
    },
    {
      name: 'a mysqldump file: the bodies of /*!NNNNN … */ are SQL, and valid (HELDOUT5 #2)',
      filename: 'services/billing/db/schema.sql',
      code: MYSQLDUMP,
    },
    {
      name: 'valid MySQL',
      filename: 'services/billing/migrations/V1__ok.sql',
      code: 'CREATE TABLE billing_x (id CHAR(36) PRIMARY KEY);\nSELECT id FROM billing_x;',
    },
    {
      name: 'valid PostgreSQL with a plpgsql body',
      filename: 'services/clinical/migrations/V1__fn.sql',
      code: 'CREATE FUNCTION touch() RETURNS trigger AS $$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND\n$$ LANGUAGE plpgsql;',
    },
    {
      name: "valid MySQL in a PostgreSQL service is a dialect signal (migration-dialect-mismatch's), not a parse error",
      filename: 'services/clinical/migrations/V3__seed.sql',
      code: 'INSERT IGNORE INTO encounters (id) SELECT id FROM patients;',
    },
    {
      name: 'MySQL a parser has no grammar for is not an error',
      filename: 'services/billing/migrations/V2__proc.sql',
      code: 'DELIMITER $$\nCREATE PROCEDURE close_all() BEGIN UPDATE invoices SET status = 1; END$$\nDELIMITER ;\nFLUSH PRIVILEGES;',
    },
    {
      name: 'valid MySQL 8 node-sql-parser lacks, edited into syntax it reads or counted as unsupported',
      filename: 'services/billing/migrations/V4__mysql8.sql',
      code: [
        'ALTER TABLE billing_bins ALTER capacity DROP DEFAULT;',
        'CREATE OR REPLACE VIEW billing_open AS (SELECT id FROM billing_invoices WHERE paid = 0) WITH CASCADED CHECK OPTION;',
        'SELECT id FROM billing_invoices FORCE INDEX (idx_billing_invoices_paid) WHERE paid = 0;',
        "SELECT JSON_VALUE(meta, '$.ref' RETURNING CHAR(64)) FROM billing_invoices;",
        'ALTER TABLE billing_invoices CHARSET DEFAULT COLLATE DEFAULT;',
        'CHECKSUM TABLE billing_invoices;',
        "CREATE USER 'ops'@'%' IDENTIFIED BY RANDOM PASSWORD PASSWORD EXPIRE;",
        'SHOW FULL TABLES;',
        'SAVEPOINT before_import;',
      ].join('\n'),
    },
    {
      name: 'Liquibase formatted SQL with `/` lines ending the statements of an endDelimiter:/ changeset',
      filename: 'services/clinical/db/changelog/changes/001-orders.sql',
      code: [
        '--liquibase formatted sql',
        '',
        '--changeset dana:001-orders',
        'CREATE TABLE orders (id uuid PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT now());',
        '--rollback DROP TABLE orders;',
        '',
        '--changeset dana:002-touch-trigger endDelimiter:/',
        'CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger AS $$',
        'BEGIN',
        '  NEW.updated_at := now();',
        '  RETURN NEW;',
        'END;',
        '$$ LANGUAGE plpgsql;',
        '/',
        'CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch_updated_at();',
        '/',
      ].join('\n'),
    },
    {
      name: 'psql syntax in a PostgreSQL script',
      filename: 'services/clinical/db/bootstrap.sql',
      code: [
        '\\set dbname clinical',
        "SELECT format('CREATE DATABASE %I', :'dbname') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'dbname')\\gexec",
        'GRANT USAGE ON SCHEMA clinical TO :"app_user";',
        '\\copy clinical_codes (code) FROM stdin WITH (FORMAT csv)',
        'A-1;B',
        '\\.',
        'SELECT count(*) AS n FROM clinical_codes \\gset',
        'SELECT :n;',
      ].join('\n'),
    },
    {
      name: 'embedded SQL with an unresolved hole',
      filename: 'services/billing/src/a.ts',
      code: 'export const q = (n: number) => db.query(`SELECT id FROM invoices LIMIT ${n}`);',
    },
    {
      name: "SQL expressions built with a tag (Drizzle's sql``): not statements",
      filename: 'services/clinical/src/loans.ts',
      code: [
        "import { sql, lt } from 'drizzle-orm';",
        "export const lend = () => db.insert(loans).values({ dueOn: sql`current_date + interval '21 days'` });",
        'export const touch = () => db.update(loans).set({ at: sql`now()` });',
        'export const overdue = () => db.select().from(loans).where(lt(loans.dueOn, sql`current_date`));',
      ].join('\n'),
    },
    {
      name: 'mysql / mysql2 query formatting (`SET ?`, `VALUES ?`, `??`, `INFILE ?`) and `CALL p(?, ?)`: what the driver sends is valid',
      filename: 'services/billing/src/users.js',
      code: [
        "exports.a = (u) => pool.query('INSERT INTO billing_users SET ?', u);",
        "exports.b = (id, p) => pool.query('UPDATE billing_users SET ?, updated_at = NOW() WHERE id = ?', [p, id]);",
        "exports.c = (col, id) => pool.query('SELECT ?? FROM billing_users WHERE id = ? ORDER BY ?? DESC', [col, id, col]);",
        "exports.d = (rows) => pool.query('INSERT INTO billing_users (email, name) VALUES ? ON DUPLICATE KEY UPDATE ?', [rows, {}]);",
        "exports.e = (f) => pool.query({ sql: 'LOAD DATA LOCAL INFILE ? INTO TABLE billing_users (email)', values: [f] });",
        "exports.f = (id, n) => pool.execute('CALL billing_reserve(?, ?)', [id, n]);",
        "exports.g = () => pool.query('SELECT (@n := @n + 1) AS position, id FROM billing_users');",
      ].join('\n'),
    },
    {
      name: "knex raw identifier bindings (`??`), its `\\?` escape of PostgreSQL's jsonb operators, pg-format's %I / %L",
      filename: 'services/clinical/src/report.ts',
      code: [
        "export const a = () => knex.raw('SELECT ?? FROM ?? WHERE id > ?', ['id', 'encounters', 1]);",
        "export const b = () => knex.raw(\"SELECT data->>'k' FROM encounters WHERE data \\\\? 'k' AND tags \\\\?| array['a']\");",
        "export const c = () => pool.query(format('INSERT INTO encounters (id, code) VALUES %L', rows));",
        "export const d = (t: string) => pool.query(format('SELECT * FROM %I WHERE id = %L', t, 1));",
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: "the same statement in the library's own code is SQL it runs: checked",
      filename: 'packages/components/src/validator.ts',
      code: VALIDATOR_TEST,
      ...flowise,
      errors: [{ messageId: 'sqlSyntax', line: 5, column: 129, endLine: 5, endColumn: 130, data: { dialect: 'MySQL' } }],
    },
    {
      name: "the same statement in a service's test runs on the service's database: checked",
      filename: 'packages/server/src/validator.test.ts',
      code: VALIDATOR_TEST,
      ...flowise,
      errors: [{ messageId: 'sqlSyntax', line: 5, column: 129, endLine: 5, endColumn: 130, data: { dialect: 'MySQL' } }],
    },
    {
      name: 'a .concat whose arguments are all literals is checked as one statement: its error is found at its token',
      filename: 'services/medusa/src/migrations/1611063174563-countries_currencies.js',
      code: ES5_MIGRATION("WHER iso_2 = '").replace('.concat(c.alpha2, ', '.concat("GB", '),
      ...withDriver('medusa', 'pg'),
      errors: [{ messageId: 'sqlSyntax', line: 8, column: 67, endLine: 8, endColumn: 72, data: { dialect: 'PostgreSQL' } }],
    },
    {
      name: 'the same pair with its object is a statement, checked as one',
      filename: 'services/phpmyadmin/js/src/server/privileges.js',
      code: "var ok = runAdmin(Messages.strDoYouReally, 'DROP DATABASE legacy_db, archive_db');",
      ...withDriver('phpmyadmin', 'mysql2'),
      errors: [{ messageId: 'sqlSyntax', line: 1, column: 68, endLine: 1, endColumn: 69, data: { dialect: 'MySQL' } }],
    },
    {
      name: 'a real error beside the placeholders is reported at its token',
      filename: 'services/umami/src/queries/analytics/getActiveVisitors.ts',
      code: UMAMI_QUERY('wher website_id = {{websiteId::uuid}}'),
      ...withDriver('umami', 'pg'),
      errors: [{ messageId: 'sqlSyntax', line: 7, column: 10, endLine: 7, endColumn: 20, data: { dialect: 'PostgreSQL' } }],
    },
    {
      name: 'a tag the file defines as String.raw pastes its values: the URL is in the SQL the server gets',
      filename: 'services/schemas/alterations/1.15.0-1710223946-add-fetch-custom-jwt-cloud-scope.ts',
      code: SLONIK_ALTERATION('const sql = String.raw;'),
      ...withDriver('schemas', 'pg'),
      errors: [
        { messageId: 'sqlSyntax', line: 5, column: 66, endLine: 5, endColumn: 83, data: { dialect: 'PostgreSQL' } },
        { messageId: 'sqlSyntax', line: 6, column: 57, endLine: 6, endColumn: 72, data: { dialect: 'PostgreSQL' } },
      ],
    },
    {
      name: "SQLite's PRAGMA in a MySQL service that declares no SQLite, behind no client check: a parse error at the word the parser stopped at",
      filename: 'services/ghost/core/server/data/migrations/utils/schema.js',
      code: GHOST_PRAGMA.replace('if (DatabaseInfo.isSQLite(knex)) ', ''),
      ...multiEngine('ghost', { knex: '^2.5.0', mysql2: '^3.9.0' }),
      errors: [{ messageId: 'sqlSyntax', line: 3, column: 26, endLine: 3, endColumn: 38, data: { dialect: 'MySQL' } }],
    },
    {
      name: "AUTOINCREMENT in a migration of a MySQL service that names no SQLite is its error, not SQLite's file",
      filename: 'services/orders/migrations/V2__notes.sql',
      code: 'CREATE TABLE order_notes (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT);',
      ...withDriver('orders', 'mysql2'),
      errors: [{ messageId: 'sqlSyntax', line: 1, column: 50, endLine: 1, endColumn: 63, data: { dialect: 'MySQL' } }],
    },
    {
      name: "a [bracket] name alone (SQL Server's as much as SQLite's) does not make SQL outside every service SQLite's",
      filename: 'db/report.sql',
      code: 'SELECT [id] FROM [order_notes];',
      ...withDriver('orders', 'mysql2'),
      errors: [{ messageId: 'sqlSyntax', line: 1, column: 8, endLine: 1, endColumn: 9, data: { dialect: 'MySQL' } }],
    },
    {
      name: "a knex service's branch for its own engine, the else of a positive check and a name with an engine inside a word (upgrade) or naming two are its SQL: their errors are reported",
      filename: 'services/catalog/migrations/20260610000000_search_value.js',
      code: [
        'exports.up = async function up(knex) {',
        "  if (knex.client.config.client.includes('pg')) await knex.raw('SELECT 1 FORM search');",
        "  else await knex.raw('SELECT 2 FORM search');",
        '};',
        "async function upgradeSearch(knex) { await knex.raw('SELECT 3 FORM search'); }",
        "async function copyMysqlToPg(knex) { await knex.raw('SELECT 4 FORM search'); }",
      ].join('\n'),
      ...KNEX_PG,
      errors: [
        { messageId: 'sqlSyntax', line: 2, column: 79, endLine: 2, endColumn: 85, data: { dialect: 'PostgreSQL' } },
        { messageId: 'sqlSyntax', line: 3, column: 38, endLine: 3, endColumn: 44, data: { dialect: 'PostgreSQL' } },
        { messageId: 'sqlSyntax', line: 5, column: 68, endLine: 5, endColumn: 74, data: { dialect: 'PostgreSQL' } },
        { messageId: 'sqlSyntax', line: 6, column: 68, endLine: 6, endColumn: 74, data: { dialect: 'PostgreSQL' } },
      ],
    },
    {
      name: 'a real syntax error of a multi-engine service, with no mark of its other engine, stays a parse error',
      filename: 'services/ghost/core/server/models/post.js',
      code: "exports.count = (knex) => knex.raw('SELECT COUNT(*) FORM posts WHERE status = ?', ['published']);",
      ...multiEngine('ghost', { knex: '^2.5.0', mysql2: '^3.9.0' }, { 'better-sqlite3': '^11.0.0' }),
      errors: [{ messageId: 'sqlSyntax', line: 1, column: 58, endLine: 1, endColumn: 63, data: { dialect: 'MySQL' } }],
    },
    {
      name: "code in a folder named oracle/ of a PostgreSQL-only service is that service's SQL: its error is reported",
      filename: 'services/pricing/src/oracle/feed.js',
      code: "exports.latest = (pool) => pool.query('SELECT price FORM feed_prices ORDER BY id DESC LIMIT 1');",
      ...withDriver('pricing', 'pg'),
      errors: [{ messageId: 'sqlSyntax', line: 1, column: 58, endLine: 1, endColumn: 69, data: { dialect: 'PostgreSQL' } }],
    },
    {
      name: "a file whose name holds an engine's word only inside a part (migrate_from_pg.sql) is read in its service's dialect",
      filename: 'services/ledger/migrations/migrate_from_pg.sql',
      code: 'CREATE SEQUENCE ledger_seq START 1;',
      ...withDriver('ledger', 'mysql2'),
      errors: [{ messageId: 'mariadbSyntax', line: 1, column: 1, endLine: 1, endColumn: 7 }],
    },
    {
      name: 'a MyBatis statement without dynamic elements is parsed: its error at its place in the mapper (HELDOUT7 #28)',
      filename: 'services/clinical/src/main/resources/mapper/VisitMapper.xml',
      code: [
        '<mapper namespace="com.acme.clinical.VisitMapper">',
        '  <select id="one">SELECT id FROM visits WHERE id = #{id}</select>',
        '  <select id="bad">',
        '    SELECT id FROM visits WHERE seen_at &gt; #{since} ORDER id',
        '  </select>',
        '</mapper>',
      ].join('\n'),
      errors: [{ messageId: 'sqlSyntax', line: 4, column: 61, endLine: 4, endColumn: 63, data: { dialect: 'PostgreSQL' } }],
    },
    {
      name: "psycopg's %(name)s and %s in a Python service's query file are its placeholders (HELDOUT7 #5); a detached `% (name) s` is no placeholder",
      filename: 'services/clinical/app/queries/low_stock.sql',
      code: [
        'SELECT id FROM encounters WHERE code = %s;',
        'SELECT id FROM encounters WHERE visits < %(threshold)s ORDER BY id;',
        'SELECT id FROM encounters WHERE visits < % (threshold) s;',
      ].join('\n'),
      errors: [{ messageId: 'sqlSyntax', line: 3, column: 42, endLine: 3, endColumn: 43 }],
    },
    {
      name: 'the same statement when that container runs MySQL 8',
      filename: 'services/audit/migrations/V1__audit.sql',
      code: 'CREATE OR REPLACE TABLE audit_log (id INT PRIMARY KEY);',
      ...auditOnComposeDb('mysql:8.4'),
      errors: [
        {
          messageId: 'mariadbSyntax',
          line: 1,
          column: 8,
          endLine: 1,
          endColumn: 18,
          data: { construct: 'CREATE OR REPLACE', where: "service 'audit'" },
        },
      ],
    },
    {
      name: 'the same ClickHouse DDL in a MySQL service is a parse error where MySQL stops',
      filename: 'services/legacy/migrations/V1__events.sql',
      code: CLICKHOUSE_DDL,
      ...withDriver('legacy', 'mysql2'),
      errors: [{ messageId: 'sqlSyntax', line: 1, column: 25, endLine: 1, endColumn: 35, data: { dialect: 'MySQL' } }],
    },
    {
      name: "MariaDB's syntax where nothing says the service runs on MariaDB: located where MySQL 8 stops",
      filename: 'services/billing/migrations/V8__audit.sql',
      code: MARIADB_MIGRATION,
      errors: [
        {
          messageId: 'mariadbSyntax',
          line: 1,
          column: 8,
          endLine: 1,
          endColumn: 18,
          data: { construct: 'CREATE OR REPLACE', where: "service 'billing'" },
        },
        { messageId: 'mariadbSyntax', line: 5, column: 38, endLine: 5, endColumn: 51, data: { construct: 'ADD … IF NOT EXISTS' } },
        { messageId: 'mariadbSyntax', line: 6, column: 1, endLine: 6, endColumn: 7, data: { construct: 'CREATE SEQUENCE' } },
      ],
    },
    {
      name: "MariaDB's syntax in code of a MySQL 8 service",
      filename: 'services/billing/src/audit.js',
      code: MARIADB_QUERIES,
      errors: [
        { messageId: 'mariadbSyntax', line: 1, column: 67, endLine: 1, endColumn: 86, data: { construct: 'FOR SYSTEM_TIME' } },
        { messageId: 'mariadbSyntax', line: 2, column: 43, endLine: 2, endColumn: 50, data: { construct: 'DELETE HISTORY' } },
      ],
    },
    {
      name: 'a broken statement of a MariaDB service is still one, where MariaDB stops reading it',
      filename: 'services/billing/migrations/V9__bad.sql',
      code: 'CREATE OR REPLACE TABLE billing_x (id INT,, x INT) WITH SYSTEM VERSIONING;\nALTER TABLE billing_x ADD COLUMN IF EXISTS y INT;',
      files: { 'services/billing/package.json': '{"name":"billing","dependencies":{"mariadb":"^3.3.0"}}' },
      errors: [
        { messageId: 'sqlSyntax', line: 1, column: 43, endLine: 1, endColumn: 44, data: { dialect: 'MySQL' } },
        { messageId: 'sqlSyntax', line: 2, column: 37, endLine: 2, endColumn: 43, data: { dialect: 'MySQL' } },
      ],
    },
    {
      name: 'a broken statement inside a mysqldump executable comment, located inside it',
      filename: 'services/billing/db/schema.sql',
      code: '/*!40101 SET NAMES utf8mb4 */;\n/*!50001 CREATE VIEW `billing_v` AS select `id` from `invoices` where `id` = = 1 */;',
      errors: [{ messageId: 'sqlSyntax', line: 2, column: 78, endLine: 2, endColumn: 79, data: { dialect: 'MySQL' } }],
    },
    {
      name: 'an error past a driver placeholder MySQL code expands is where the statement breaks',
      filename: 'services/billing/src/users.js',
      code: "exports.b = (id, p) =>\n  pool.query('UPDATE billing_users SET ? WHERE id = ? ORDER BY id LIMT 1', [p, id]);",
      errors: [{ messageId: 'sqlSyntax', line: 2, column: 67, endLine: 2, endColumn: 71, data: { dialect: 'MySQL' } }],
    },
    {
      name: 'an error past a knex identifier binding in PostgreSQL is where the statement breaks',
      filename: 'services/clinical/src/report.ts',
      code: "export const a = () =>\n  knex.raw('SELECT ?? FROM encounters WHER id > ?', ['id']);",
      errors: [{ messageId: 'sqlSyntax', line: 2, column: 44, endLine: 2, endColumn: 46, data: { dialect: 'PostgreSQL' } }],
    },
    {
      name: 'a tagged template that starts as a statement is judged as one',
      filename: 'services/clinical/src/bad.ts',
      code: "import { sql } from 'drizzle-orm';\nexport const q = () => db.execute(sql`SELECT id FROM encounters WHERE WHERE id = 1`);",
      errors: [{ messageId: 'sqlSyntax', line: 2, column: 71, endLine: 2, endColumn: 76, data: { dialect: 'PostgreSQL' } }],
    },
    {
      name: 'invalid MySQL beside a recognised MySQL 8 construct: the error is past the construct',
      filename: 'services/billing/migrations/V5__bad.sql',
      code: 'SELECT id FROM billing_invoices FORCE INDEX (idx_a)\nWHERE WHERE paid = 0;',
      errors: [{ messageId: 'sqlSyntax', line: 2, column: 13, endLine: 2, endColumn: 17, data: { dialect: 'MySQL' } }],
    },
    {
      name: 'a truncated MySQL statement of a family node-sql-parser lacks is still invalid',
      filename: 'services/billing/migrations/V6__bad.sql',
      code: 'SHOW COLUMNS FROM',
      errors: [{ messageId: 'sqlSyntax', line: 1, column: 14, endLine: 1, endColumn: 18, data: { dialect: 'MySQL' } }],
    },
    {
      name: 'Liquibase formatted SQL: an error after a `/` line is its own statement, at its own line',
      filename: 'services/clinical/db/changelog/changes/002-touch.sql',
      code: '--liquibase formatted sql\n--changeset dana:2 endDelimiter:/\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;\n/\nSELECT * FROM WHERE id = 1\n/',
      errors: [{ messageId: 'sqlSyntax', line: 5, column: 15, endLine: 5, endColumn: 20, data: { dialect: 'PostgreSQL' } }],
    },
    {
      name: 'unbalanced parentheses in MySQL',
      filename: 'services/billing/migrations/V7__bad.sql',
      code: 'CHECKSUM TABLE (billing_invoices;',
      errors: [{ messageId: 'sqlSyntax', line: 1, column: 16, endLine: 1, endColumn: 17, data: { dialect: 'MySQL' } }],
    },
    {
      name: 'invalid PostgreSQL after a \\gset is its own statement, at its own line',
      filename: 'services/clinical/db/check.sql',
      code: 'SELECT count(*) AS n FROM clinical_codes \\gset\nSELECT * FROM WHERE code = 1;',
      errors: [{ messageId: 'sqlSyntax', line: 2, column: 15, endLine: 2, endColumn: 20, data: { dialect: 'PostgreSQL' } }],
    },
    {
      name: 'a MySQL statement the parser rejects, at the offending token',
      filename: 'services/billing/migrations/V3__bad.sql',
      code: 'SELECT id FROM invoices;\nSELECT * FROM invoices WHERE id = = 3;',
      errors: [{ messageId: 'sqlSyntax', line: 2, column: 35, endLine: 2, endColumn: 36, data: { dialect: 'MySQL' } }],
    },
    {
      name: 'MySQL syntax in a PostgreSQL file',
      filename: 'services/clinical/migrations/V2__notes.sql',
      code: "CREATE TABLE notes (\n  id UUID PRIMARY KEY,\n  body TEXT COMMENT 'the body'\n);",
      errors: [{ messageId: 'sqlSyntax', line: 3, column: 13, endLine: 3, endColumn: 20, data: { dialect: 'PostgreSQL' } }],
    },
    {
      name: 'embedded SQL, located inside the template',
      filename: 'services/billing/src/b.ts',
      code: 'export const q = () =>\n  db.query(`\n    SELECT * FROM invoices WHERE WHERE id = ?\n  `);',
      errors: [{ messageId: 'sqlSyntax', line: 3, column: 40, endLine: 3, endColumn: 42 }],
    },
    {
      name: 'a TypeScript syntax error',
      filename: 'services/billing/src/c.ts',
      code: 'export const q = db.query(`SELECT 1',
      errors: [{ messageId: 'scriptSyntax', line: 1, column: 36, endLine: 1, endColumn: 36 }],
    },
    {
      name: 'a NUL byte in a comment and one in a string: the file is analysed, with a warning that reviewers see it as binary',
      filename: 'services/billing/src/nul.ts',
      code: "// generated \u0000 marker\nexport const sep = '\u0000';\nexport const q = () => db.query('SELECT id FROM invoices');\n",
      errors: [{ messageId: 'fileProblem', line: 1, column: 1, endLine: 1, endColumn: 1 }],
    },
    {
      name: 'binary content with a source name (NUL bytes and syntax errors): one problem for the file',
      filename: 'services/billing/src/blob.ts',
      code: 'db.query("SELECT 1");\u0000\u0001\u0002 ((( }}} \u0000\u0007',
      errors: [{ messageId: 'fileProblem', line: 1, column: 1, endLine: 1, endColumn: 1 }],
    },
  ],
});

describe("SQL in a library's tests (HELDOUT13 #18)", () => {
  it('is counted as unsupported, at its place, never silently', async () => {
    const tree = memoryTree({ ...flowise.files, 'packages/components/src/validator.test.ts': VALIDATOR_TEST });
    const run = await lint({ cwd: tree.root, tree, config: flowise.config, suppressions: false });
    expect(run.diagnostics.filter((d) => d.ruleId === 'parse-error')).toEqual([]);
    expect(run.unsupportedSql?.locations).toEqual([
      {
        file: 'packages/components/src/validator.test.ts',
        line: 5,
        column: 35,
        construct: 'SQL in tests outside services',
        dialect: 'mysql',
      },
    ]);
  });
});
