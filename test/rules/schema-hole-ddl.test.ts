/**
 * A table created in code under a schema the caller gives (HELDOUT11 #2, #11): pg-boss's
 * `CREATE TABLE ${schema}.job (…)`, the DBOS SDK's `${quoteIdent(schemaName)}.transaction_completion` and
 * `"${schemaName}"."workflow_status"` create tables `job`, `transaction_completion`, `workflow_status` (schema
 * unknown here), as `FROM ${schema}.job` already uses table `job`. A table name built from a hole creates nothing.
 */
import crossService from '../../rules/no-cross-service-query.js';
import unknownTable from '../../rules/unknown-table.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester } from '../rule-tester.js';

const config: NilecareConfig = {
  dialect: 'postgresql',
  services: [
    { name: 'queue', roots: ['services/queue'] },
    { name: 'dash', roots: ['services/dash'] },
  ],
};

const PLANS = [
  "const DEFAULT_SCHEMA = 'pgboss';",
  'export function create(schema = DEFAULT_SCHEMA) {',
  '  return `',
  '    CREATE TABLE ${schema}.queue (name text PRIMARY KEY, created_on timestamptz NOT NULL DEFAULT now());',
  '    CREATE TABLE ${schema}.job (id uuid PRIMARY KEY, name text NOT NULL REFERENCES ${schema}.queue (name));',
  '  `;',
  '}',
  'export const fetch = (schema) => `SELECT j.id FROM ${schema}.job j WHERE j.name = $1`;',
].join('\n');

const QUOTED = [
  'const quoteIdent = (s) => `"${s}"`;',
  'export const completion = (schemaName) =>',
  '  `CREATE TABLE IF NOT EXISTS ${quoteIdent(schemaName)}.transaction_completion (workflow_id TEXT NOT NULL, output TEXT)`;',
  'export const status = (schemaName) => `create table "${schemaName}"."workflow_status" ("workflow_uuid" text, "status" text)`;',
  'export const read = (schemaName) => `SELECT output FROM ${quoteIdent(schemaName)}.transaction_completion WHERE workflow_id = $1`;',
  'export const statusOf = (schemaName) => `SELECT status FROM "${schemaName}".workflow_status WHERE workflow_uuid = $1`;',
].join('\n');

const DASH = [
  'export const queues = (pool, s) => pool.query(`SELECT name FROM ${s}.queue ORDER BY name`);',
  "export const job = (pool, id) => pool.query('SELECT id, name FROM pgboss.job WHERE id = $1', [id]);",
].join('\n');

ruleTester.run(unknownTable, {
  valid: [
    {
      name: "a service's own tables created under a schema hole are known, quoted holes and quoting calls too",
      filename: 'services/queue/src/plans.js',
      code: PLANS,
      files: { 'services/queue/src/dbos.js': QUOTED },
      config,
    },
    {
      name: 'the quoted forms, read from their own file',
      filename: 'services/queue/src/dbos.js',
      code: QUOTED,
      config,
    },
  ],
  invalid: [
    {
      name: 'a table NAME built from a hole creates nothing: the literal use stays unknown',
      filename: 'services/queue/src/partition.js',
      code: 'export const make = (t) => `CREATE TABLE ${t} (id int)`;\nexport const read = () => `SELECT id FROM job_archive`;',
      config,
      errors: [{ messageId: 'unknownTable', line: 2, column: 43, endLine: 2, endColumn: 54 }],
    },
  ],
});

ruleTester.run(crossService, {
  valid: [
    {
      name: "the creating service's own reads are no cross-service access",
      filename: 'services/queue/src/plans.js',
      code: PLANS,
      config,
    },
  ],
  invalid: [
    {
      name: 'another service reads the tables created under a schema hole, by a hole schema or a literal one',
      filename: 'services/dash/src/queries.js',
      code: DASH,
      files: { 'services/queue/src/plans.js': PLANS },
      config,
      errors: [
        { messageId: 'foreignTable', line: 1, column: 67, endLine: 1, endColumn: 75 },
        { messageId: 'foreignTable', line: 2, column: 67, endLine: 2, endColumn: 77 },
      ],
    },
  ],
});
