import rule from '../../rules/migration-dialect-mismatch.js';
import { defaultTestConfig, ruleTester } from '../rule-tester.js';

/** A package.json that makes a service MySQL by its driver. */
const MYSQL_MANIFEST = JSON.stringify({ name: 'svc', dependencies: { mysql2: '^3.9.0' } });

ruleTester.run(rule, {
  valid: [
    {
      name: "MariaDB's RETURNING in a service on MariaDB (its driver says so): its own engine's syntax",
      filename: 'services/billing/migrations/V2__seed.sql',
      code: 'INSERT INTO billing_x (id) VALUES (1) RETURNING id;',
      files: { 'services/billing/package.json': '{"name":"billing","dependencies":{"mariadb":"^3.3.0"}}' },
    },
    {
      name: 'MySQL syntax in a MySQL service',
      filename: 'services/billing/migrations/V1__invoices.sql',
      code: 'CREATE TABLE `invoices` (\n  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;',
    },
    {
      name: 'PostgreSQL syntax in a PostgreSQL service',
      filename: 'services/clinical/migrations/V1__patients.sql',
      code: 'CREATE TABLE patients (\n  id BIGSERIAL PRIMARY KEY,\n  data JSONB,\n  created_at TIMESTAMPTZ DEFAULT now()\n);',
    },
    {
      name: 'a keyword only in a comment',
      filename: 'services/billing/migrations/V2__ledger.sql',
      code: '-- was SERIAL in the PostgreSQL prototype\nCREATE TABLE billing_ledger (id INT AUTO_INCREMENT PRIMARY KEY);',
    },
    {
      name: 'a column named like a PostgreSQL type, qualified',
      filename: 'services/billing/database/report.sql',
      code: 'SELECT r.jsonb FROM billing_reports r;',
    },
    {
      name: 'a service whose dialect is unknown',
      filename: 'services/orders/migrations/V1__orders.sql',
      code: 'CREATE TABLE orders (id SERIAL PRIMARY KEY);',
      config: { services: [{ name: 'orders', roots: ['services/orders'] }] },
    },
    {
      name: 'a service described by nothing but its PostgreSQL is a PostgreSQL service, whatever the default',
      filename: 'services/payment/migrations/V2__refunds.sql',
      code: 'INSERT INTO payment_refunds (id) VALUES (1) RETURNING id;',
      config: { ...defaultTestConfig, dialect: 'mysql' },
    },
    {
      name: "a service nothing decides (its statements split one to one) has no dialect to mismatch under a config's top-level dialect either",
      filename: 'services/audit/migrations/V2__replay.sql',
      code: 'REPLACE INTO audit_events (id) VALUES (1);\nINSERT INTO audit_events (id) VALUES (2) RETURNING id;',
      config: { services: [{ name: 'audit', roots: ['services/audit'] }], dialect: 'postgresql' },
    },
    {
      name: "a SQLite patch file (AUTOINCREMENT, a column named key) in a service naming @louislam/sqlite3 beside mysql2 is SQLite's, no PostgreSQL syntax (HELDOUT16 #16, uptime-kuma)",
      filename: 'services/kuma/db/patch-setting-value-type.sql',
      code: [
        'BEGIN TRANSACTION;',
        'create table setting_dg_tmp (id INTEGER primary key autoincrement, key VARCHAR(200) not null unique, value TEXT);',
        'insert into setting_dg_tmp(id, key, value) select id, key, value from setting;',
        'COMMIT;',
      ].join('\n'),
      files: {
        'services/kuma/package.json': JSON.stringify({
          name: 'kuma',
          dependencies: { knex: '^2.4.2', mysql2: '^3.9.6', '@louislam/sqlite3': '15.1.6' },
        }),
      },
      config: { services: [{ name: 'kuma', roots: ['services/kuma'] }] },
    },
    {
      name: 'SQL outside every service',
      filename: 'database/postgres/V1__shared.sql',
      code: 'CREATE TABLE lookups (id SERIAL PRIMARY KEY);',
    },
    {
      name: 'a service that connects to a PostgreSQL database too',
      filename: 'services/reports/migrations/analytics/V1__events.sql',
      code: 'CREATE TABLE events (id BIGSERIAL PRIMARY KEY, payload JSONB);',
      config: {
        services: [
          {
            name: 'reports',
            roots: ['services/reports'],
            dialect: 'mysql',
            databases: [
              { name: 'reports', kind: 'mysql' },
              { name: 'analytics', kind: 'postgresql' },
            ],
          },
        ],
      },
    },
    {
      name: 'plain SERIAL is valid MySQL (BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE)',
      filename: 'services/billing/migrations/V3__add_ledger.sql',
      code: 'CREATE TABLE billing_ledger (\n  id SERIAL PRIMARY KEY,\n  amount DECIMAL(10, 2) NOT NULL\n);',
      files: { 'services/billing/package.json': MYSQL_MANIFEST },
    },
    {
      name: "MySQL's JSON_VALUE(… RETURNING type) is not PostgreSQL's RETURNING",
      filename: 'services/billing/migrations/V4__report.sql',
      code: "CREATE VIEW billing_names AS SELECT JSON_VALUE(doc, '$.name' RETURNING CHAR(80)) AS name FROM invoices;",
      files: { 'services/billing/package.json': MYSQL_MANIFEST },
    },
    {
      name: 'a PostgreSQL column named key and the jsonb #- operator',
      filename: 'services/clinical/migrations/V5__settings.sql',
      code: "CREATE TABLE clinical_settings (\n  key TEXT PRIMARY KEY,\n  value JSONB NOT NULL\n);\nUPDATE clinical_settings SET value = value #- '{legacy}';",
    },
    {
      name: 'DELIMITER as a PostgreSQL COPY option and CREATE TYPE attribute',
      filename: 'services/clinical/migrations/V6__import.sql',
      code: "CREATE TYPE clinical_box (\n  INTERNALLENGTH = 16,\n  INPUT = box_in,\n  OUTPUT = box_out,\n  delimiter = ','\n);\nCOPY encounters (id, note) FROM '/tmp/encounters.csv' WITH (FORMAT csv, DELIMITER ';');",
    },
    {
      name: "MySQL's own USING BTREE (before ON, after the columns), ALTER c SET DEFAULT and a column named comment",
      filename: 'services/billing/migrations/V8__indexes.sql',
      code: "CREATE INDEX idx_invoices_due USING BTREE ON invoices (due_at);\nCREATE INDEX idx_invoices_paid ON invoices (paid_at) USING HASH;\nALTER TABLE invoices ALTER COLUMN status SET DEFAULT 'open';\nSELECT comment FROM invoices;",
      files: { 'services/billing/package.json': MYSQL_MANIFEST },
    },
  ],
  invalid: [
    {
      name: 'the same RETURNING where nothing says MariaDB (mysql2 serves both): PostgreSQL syntax in a MySQL service',
      filename: 'services/billing/migrations/V2__seed.sql',
      code: 'INSERT INTO billing_x (id) VALUES (1) RETURNING id;',
      files: { 'services/billing/package.json': MYSQL_MANIFEST },
      errors: [
        {
          messageId: 'foreignSyntax',
          data: { service: 'billing', serviceDialect: 'MySQL', feature: 'RETURNING' },
          line: 1,
          column: 39,
          endLine: 1,
          endColumn: 48,
        },
      ],
    },
    {
      name: 'a MySQL migration inside a PostgreSQL service',
      filename: 'services/clinical/migrations/V2__add_notes.sql',
      code: 'CREATE TABLE `clinical_notes` (\n  id INT AUTO_INCREMENT PRIMARY KEY,\n  `body` TEXT\n) ENGINE=InnoDB;',
      errors: [
        {
          messageId: 'foreignSyntax',
          data: { feature: 'backtick identifier', serviceDialect: 'PostgreSQL', syntaxDialect: 'MySQL' },
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 30,
        },
        { messageId: 'foreignSyntax', data: { feature: 'AUTO_INCREMENT' }, line: 2, column: 10, endLine: 2, endColumn: 24 },
        { messageId: 'foreignSyntax', data: { feature: 'ENGINE=' }, line: 4, column: 3, endLine: 4, endColumn: 9 },
      ],
    },
    {
      name: 'one diagnostic per statement and feature, again in the next statement',
      filename: 'services/clinical/migrations/V3__two_tables.sql',
      code: 'CREATE TABLE `a` (`x` INT);\nCREATE TABLE `b` (`y` INT);',
      errors: [
        { messageId: 'foreignSyntax', data: { feature: 'backtick identifier' }, line: 1, column: 14, endLine: 1, endColumn: 17 },
        { messageId: 'foreignSyntax', data: { feature: 'backtick identifier' }, line: 2, column: 14, endLine: 2, endColumn: 17 },
      ],
    },
    {
      name: "PostgreSQL features in a MySQL service's schema file (not only migrations)",
      filename: 'services/auth/database/schema.sql',
      files: { 'services/auth/package.json': MYSQL_MANIFEST },
      code: 'CREATE TABLE auth_audit_logs (\n  id BIGSERIAL PRIMARY KEY,\n  details JSONB,\n  created_at TIMESTAMPTZ DEFAULT now()\n);\nSELECT id::text FROM auth_audit_logs;',
      errors: [
        { messageId: 'foreignSyntax', data: { feature: 'BIGSERIAL' }, line: 2, column: 6, endLine: 2, endColumn: 15 },
        { messageId: 'foreignSyntax', data: { feature: 'JSONB' }, line: 3, column: 11, endLine: 3, endColumn: 16 },
        { messageId: 'foreignSyntax', data: { feature: 'TIMESTAMPTZ' }, line: 4, column: 14, endLine: 4, endColumn: 25 },
        { messageId: 'foreignSyntax', data: { feature: ':: cast' }, line: 6, column: 10, endLine: 6, endColumn: 12 },
      ],
    },
    {
      name: 'MySQL-only statement forms in a PostgreSQL service, at the marker or else where PostgreSQL stops',
      filename: 'services/clinical/migrations/V7__seed.sql',
      code: 'INSERT IGNORE INTO encounters (id) SELECT id FROM patients;\nSELECT id FROM encounters LIMIT 5, 10;',
      errors: [
        {
          messageId: 'foreignSyntax',
          data: { feature: 'INSERT IGNORE', syntaxDialect: 'MySQL' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 14,
        },
        { messageId: 'foreignSyntax', data: { feature: 'LIMIT', syntaxDialect: 'MySQL' }, line: 2, column: 27, endLine: 2, endColumn: 32 },
      ],
    },
    {
      name: 'a plpgsql function in a service configured as MySQL',
      filename: 'services/orders/migrations/V4__touch.sql',
      code: 'CREATE FUNCTION touch() RETURNS trigger AS $$\nBEGIN\n  NEW.updated_at = now();\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;',
      config: { services: [{ name: 'orders', roots: ['services/orders'], dialect: 'mysql' }] },
      errors: [
        {
          messageId: 'foreignSyntax',
          data: { service: 'orders', feature: 'dollar quoting' },
          line: 1,
          column: 44,
          endLine: 1,
          endColumn: 46,
        },
        { messageId: 'foreignSyntax', data: { feature: 'LANGUAGE plpgsql' }, line: 6, column: 4, endLine: 6, endColumn: 20 },
      ],
    },
    {
      name: "a service described only by its SQL takes the dialect most of its files use, and the odd file's PostgreSQL is a mismatch",
      filename: 'services/payment/migrations/V2__refunds.sql',
      code: 'INSERT INTO payment_refunds (id) VALUES (1) RETURNING id;',
      files: {
        'services/payment/migrations/V1__payments.sql': 'CREATE TABLE payments (id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;',
        'services/payment/migrations/V3__logs.sql': 'CREATE TABLE payment_logs (id INT AUTO_INCREMENT PRIMARY KEY, at DATETIME);',
      },
      config: { ...defaultTestConfig, dialect: 'postgresql' },
      errors: [
        {
          messageId: 'foreignSyntax',
          data: { service: 'payment', serviceDialect: 'MySQL', feature: 'RETURNING' },
          line: 1,
          column: 45,
          endLine: 1,
          endColumn: 54,
        },
      ],
    },
    {
      name: "the audit's PostgreSQL migration in a MySQL service: statements MySQL rejects and PostgreSQL accepts, catalogued or not, are mismatches (HELDOUT5 pg-migration-in-mysql-service)",
      filename: 'services/auth/migrations/V1__initial_schema.sql',
      files: { 'services/auth/package.json': MYSQL_MANIFEST },
      code: [
        "CREATE TYPE user_role AS ENUM ('admin', 'clinician');",
        'CREATE INDEX idx_auth_users_email ON auth_users USING btree (email);',
        "COMMENT ON TABLE auth_users IS 'users of the auth service';",
        'CREATE UNIQUE INDEX CONCURRENTLY uk_auth_users_lower_email ON auth_users ((lower(email)));',
        'ALTER TABLE auth_users ALTER COLUMN role SET NOT NULL;',
        'ALTER TABLE auth_users ALTER COLUMN email TYPE VARCHAR(320);',
      ].join('\n'),
      errors: [
        {
          messageId: 'foreignSyntax',
          data: { feature: 'CREATE TYPE', syntaxDialect: 'PostgreSQL' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 12,
        },
        { messageId: 'foreignSyntax', data: { feature: 'USING btree' }, line: 2, column: 49, endLine: 2, endColumn: 60 },
        { messageId: 'foreignSyntax', data: { feature: 'COMMENT ON' }, line: 3, column: 1, endLine: 3, endColumn: 11 },
        { messageId: 'foreignSyntax', data: { feature: 'INDEX CONCURRENTLY' }, line: 4, column: 15, endLine: 4, endColumn: 33 },
        { messageId: 'foreignSyntax', data: { feature: 'SET NOT NULL' }, line: 5, column: 42, endLine: 5, endColumn: 54 },
        { messageId: 'foreignSyntax', data: { feature: 'ALTER COLUMN … TYPE' }, line: 6, column: 43, endLine: 6, endColumn: 47 },
      ],
    },
  ],
});
