/**
 * A Deno service (HELDOUT8 #21): a folder with a deno.json / deno.jsonc and data of its own (migrations) is a service
 * found with zero config, like a package.json one: its reads of another service's tables are no-cross-service-query
 * naming it (not "outside every service"), its own tables are its own, and deno-postgres's queryObject / queryArray
 * (tagged or called) are read as SQL.
 */
import crossServiceQuery from '../../rules/no-cross-service-query.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester } from '../rule-tester.js';

/** Zero config: the services are discovered. */
const config: NilecareConfig = {};
const files = {
  'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['services/accounts'] }),
  'services/accounts/package.json': JSON.stringify({
    name: 'accounts',
    scripts: { start: 'node dist/main.js' },
    dependencies: { pg: '^8' },
  }),
  'services/accounts/migrations/V1__users.sql': 'CREATE TABLE users (id BIGSERIAL PRIMARY KEY, email TEXT NOT NULL);\n',
  'services/mailer/deno.json': JSON.stringify({
    tasks: { start: 'deno run -A main.ts' },
    imports: { postgres: 'npm:postgres@3.4.4', '@db/postgres': 'jsr:@db/postgres@0.19.3' },
  }),
  'services/mailer/migrations/V1__sent_mails.sql': 'CREATE TABLE sent_mails (id BIGSERIAL PRIMARY KEY, user_id BIGINT NOT NULL);\n',
  'services/ledger/deno.jsonc': '{\n  // the ledger runs on Deno\n  "tasks": { "start": "deno run -A main.ts" }\n}\n',
  'services/ledger/migrations/V1__entries.sql': 'CREATE TABLE ledger_entries (id BIGSERIAL PRIMARY KEY);\n',
};

ruleTester.run(crossServiceQuery, {
  valid: [
    {
      name: "a Deno service's query of its own table",
      filename: 'services/mailer/main.ts',
      code: "import postgres from 'postgres';\nconst sql = postgres(Deno.env.get('DATABASE_URL')!);\nexport const log = () => sql`INSERT INTO sent_mails (user_id) VALUES (${1})`;\n",
      files,
      config,
    },
    {
      name: 'a deno.jsonc service reads its own table through npm:pg imported by specifier',
      filename: 'services/ledger/main.ts',
      code: "import pg from 'npm:pg@8.11.5';\nconst pool = new pg.Pool();\nexport const all = () => pool.query('SELECT id FROM ledger_entries');\n",
      files,
      config,
    },
  ],
  invalid: [
    {
      name: "a Deno service (deno.json, npm:postgres) reading another service's table is that service's read, not code outside every service",
      filename: 'services/mailer/main.ts',
      code: "import postgres from 'postgres';\nconst sql = postgres(Deno.env.get('DATABASE_URL')!);\nexport const recipients = () => sql`SELECT email FROM users`;\n",
      files,
      config,
      errors: [
        {
          messageId: 'foreignTable',
          line: 3,
          column: 55,
          endLine: 3,
          endColumn: 60,
          data: { service: 'mailer', table: 'users', owner: 'accounts' },
        },
      ],
    },
    {
      name: "deno-postgres's queryObject tagged template and queryArray call are SQL",
      filename: 'services/mailer/db.ts',
      code: [
        "import { Client } from '@db/postgres';",
        "const client = new Client(Deno.env.get('DATABASE_URL'));",
        'export const one = (id: number) => client.queryObject<{ email: string }>`SELECT email FROM users WHERE id = ${id}`;',
        "export const ids = () => client.queryArray('SELECT id FROM users');",
      ].join('\n'),
      files,
      config,
      errors: [
        {
          messageId: 'foreignTable',
          line: 3,
          column: 92,
          endLine: 3,
          endColumn: 97,
          data: { service: 'mailer', table: 'users', owner: 'accounts' },
        },
        {
          messageId: 'foreignTable',
          line: 4,
          column: 60,
          endLine: 4,
          endColumn: 65,
          data: { service: 'mailer', table: 'users', owner: 'accounts' },
        },
      ],
    },
    {
      name: "a deno.jsonc service reading the mailer's table",
      filename: 'services/ledger/main.ts',
      code: "import pg from 'npm:pg@8.11.5';\nconst pool = new pg.Pool();\nexport const sent = () => pool.query('SELECT id FROM sent_mails');\n",
      files,
      config,
      errors: [
        {
          messageId: 'foreignTable',
          line: 3,
          column: 54,
          endLine: 3,
          endColumn: 64,
          data: { service: 'ledger', table: 'sent_mails', owner: 'mailer' },
        },
      ],
    },
  ],
});
