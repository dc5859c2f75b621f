/**
 * `FOR UPDATE | NO KEY UPDATE | SHARE | KEY SHARE OF a, b` names tables of the same query, by their alias or name
 * (HELDOUT11 #21, pg-boss's `FROM ${schema}.job j … FOR UPDATE OF j SKIP LOCKED`): never a table of its own.
 */
import rule from '../../rules/unknown-table.js';
import { ruleTester } from '../rule-tester.js';

const config = { dialect: 'postgresql' as const, services: [{ name: 'queue', roots: ['services/queue'] }] };
const files = {
  'services/queue/migrations/V1__init.sql':
    'CREATE TABLE job (id uuid PRIMARY KEY, name text);\nCREATE TABLE queue (name text PRIMARY KEY);',
};

ruleTester.run(rule, {
  valid: [
    {
      name: 'FOR UPDATE OF an alias, with a schema hole on the table (pg-boss redriveJobs)',
      filename: 'services/queue/src/plans.js',
      code: [
        'export const redrive = (schema) => `',
        '  WITH candidates AS (',
        '    SELECT j.id FROM ${schema}.job j JOIN ${schema}.queue q ON q.name = j.name',
        '    WHERE j.name = $1 ORDER BY j.id LIMIT $2',
        '    FOR UPDATE OF j SKIP LOCKED',
        '  ) SELECT id FROM candidates`;',
      ].join('\n'),
      files,
      config,
    },
    {
      name: 'every strength, several names, a table named by itself',
      filename: 'services/queue/migrations/V2__locks.sql',
      code: [
        'SELECT c.id FROM job c JOIN queue q ON q.name = c.name FOR NO KEY UPDATE OF c, q NOWAIT;',
        'SELECT c.id FROM job c FOR SHARE OF c;',
        'SELECT job.id FROM job FOR KEY SHARE OF job SKIP LOCKED;',
        'SELECT c.id FROM job c JOIN queue q ON q.name = c.name FOR UPDATE OF c FOR SHARE OF q;',
      ].join('\n'),
      files,
      config,
    },
    {
      name: "MySQL 8's FOR UPDATE OF / FOR SHARE OF name tables of the query too",
      filename: 'services/queue/src/take.js',
      code: 'export const take = (db) => db.query("SELECT j.id FROM job j JOIN queue q ON q.name = j.name FOR UPDATE OF j, q SKIP LOCKED");\nexport const peek = (db) => db.query("SELECT j.id FROM job AS j FOR SHARE OF j NOWAIT");',
      files: {
        'services/queue/migrations/V1__init.sql':
          'CREATE TABLE job (id int PRIMARY KEY, name varchar(64));\nCREATE TABLE queue (name varchar(64) PRIMARY KEY);',
      },
      config: { dialect: 'mysql' as const, services: [{ name: 'queue', roots: ['services/queue'] }] },
    },
  ],
  invalid: [
    {
      name: 'a table of the FROM list is still read, the locked alias is not',
      filename: 'services/queue/src/plans.js',
      code: 'export const take = () => `SELECT b.id FROM bam b WHERE b.status = $1 LIMIT 1 FOR UPDATE OF b SKIP LOCKED`;',
      files,
      config,
      errors: [{ messageId: 'unknownTable', line: 1, column: 45, endLine: 1, endColumn: 48 }],
    },
    {
      name: 'in a .sql migration too',
      filename: 'services/queue/migrations/V2__locks.sql',
      code: 'SELECT 1;\nSELECT w.id FROM job j JOIN worker w ON w.id = j.id FOR UPDATE OF j, w;',
      files,
      config,
      errors: [{ messageId: 'unknownTable', line: 2, column: 29, endLine: 2, endColumn: 35 }],
    },
  ],
});
