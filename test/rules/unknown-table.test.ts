import rule from '../../rules/unknown-table.js';
import { ruleTester } from '../rule-tester.js';

ruleTester.run(rule, {
  valid: [
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
      name: 'bookkeeping tables of migration tools (knex, Flyway, Prisma, Sequelize, TypeORM, dbmate …)',
      filename: 'services/billing/src/health.ts',
      code: "db.query('SELECT MAX(batch) FROM knex_migrations');\ndb.query('SELECT version FROM flyway_schema_history');\ndb.query('SELECT * FROM _prisma_migrations');\ndb.query('SELECT name FROM `SequelizeMeta`');\ndb.query('SELECT version FROM schema_migrations');",
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
  ],
  invalid: [
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
