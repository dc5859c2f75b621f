/**
 * A migrations-only package nothing depends on (graphile-migrate's `.gmrc` + `migrations/committed/`), beside apps whose
 * only data is a driver and which all connect through the one `DATABASE_URL` of the root env file, is the data package of
 * one application (HELDOUT8 #27): one service with them, so their reads and writes of its tables are no cross-service
 * query. Without that shared setting — an app's own env file, a second package keeping data, no root database setting —
 * the packages stay services and the same statements are reported.
 */
import { describe, expect, it } from 'vitest';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';
import { describeServiceEvidence } from '../../src/model/service-discovery.js';

const manifest = (name: string, dependencies: Record<string, string>, scripts: Record<string, string> = {}) =>
  JSON.stringify({ name, private: true, scripts, dependencies });

/** A ledger application split into packages: its schema's migrations, an API, a job runner, a settings loader. */
const ledgerApp = (): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'ledger', private: true, workspaces: ['packages/*'] }),
  '.env.example':
    'DATABASE_URL=postgres://ledger_owner@localhost/ledger\nSHADOW_DATABASE_URL=postgres://ledger_owner@localhost/ledger_shadow\n',
  'packages/schema/package.json': JSON.stringify({
    name: '@ledger/schema',
    private: true,
    scripts: { migrate: 'graphile-migrate migrate' },
    devDependencies: { 'graphile-migrate': '^1.4.1' },
  }),
  'packages/schema/.gmrc': '{ "pgSettings": { "search_path": "ledger_public,public" } }\n',
  'packages/schema/migrations/committed/000001.sql':
    '--! Previous: -\ncreate schema ledger_public;\ncreate table ledger_public.entries (\n  id uuid primary key,\n  amount numeric not null\n);\n',
  'packages/schema/migrations/current.sql': '-- Enter migration here\n',
  'packages/settings/package.json': manifest('@ledger/settings', { dotenv: '^16.4.5' }),
  'packages/settings/src/index.ts': "require('dotenv').config({ path: `${__dirname}/../../../.env` });\nexport const appName = 'Ledger';\n",
  'packages/api/package.json': manifest('@ledger/api', { pg: '^8.11.5', '@ledger/settings': '0.0.0' }, { start: 'node dist/main.js' }),
  'packages/api/src/main.ts':
    "import { Pool } from 'pg';\n\nconst pool = new Pool({ connectionString: process.env.DATABASE_URL });\nexport async function voidEntry(id: string) {\n  await pool.query('delete from ledger_public.entries where id = $1', [id]);\n}\n",
  'packages/jobs/package.json': manifest(
    '@ledger/jobs',
    { 'graphile-worker': '^0.16.6', '@ledger/settings': '0.0.0' },
    { start: 'graphile-worker' },
  ),
  'packages/jobs/src/tasks/total.ts':
    "import type { Task } from 'graphile-worker';\n\nexport const total: Task = async (_payload, { withPgClient }) => {\n  await withPgClient((client) => client.query('select sum(amount) from ledger_public.entries'));\n};\n",
});

async function run(files: Record<string, string>) {
  const tree = memoryTree(files);
  const result = await lint({ cwd: tree.root, tree });
  expect(result.configFile).toBeUndefined();
  return {
    result,
    services: result.model.services.map((s) => [s.name, s.roots]),
    crossService: result.diagnostics
      .filter((d) => d.ruleId === 'no-cross-service-query')
      .map((d) => ({ file: d.file, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, message: d.message })),
  };
}

describe('a migrations-only package and the apps sharing its one database setting are one application', () => {
  it('joins them: one service, its database from the root env file, nothing cross-service', async () => {
    const { result, services, crossService } = await run(ledgerApp());
    expect(services).toEqual([['schema', ['packages/schema', 'packages/api', 'packages/jobs']]]);
    expect(crossService).toEqual([]);
    expect(result.model.services[0].databases.map((d) => d.name)).toEqual(['ledger']);
    expect(result.serviceDiscovery!.services[0].evidence.map(describeServiceEvidence).at(-1)).toBe(
      'the migrations package @ledger/schema, whose database packages/api, packages/jobs reach through the one setting DATABASE_URL of .env.example (one application, one database by design)',
    );
  });

  it('an app with an env file of its own keeps its own setting: the packages stay services and its delete is cross-service', async () => {
    const { services, crossService } = await run({
      ...ledgerApp(),
      'packages/api/.env.example': 'DATABASE_URL=postgres://api@localhost/payouts\n',
    });
    expect(services.map(([name]) => name)).toEqual(['api', 'jobs', 'schema']);
    expect(crossService).toEqual([
      {
        file: 'packages/api/src/main.ts',
        line: 5,
        column: 33,
        endLine: 5,
        endColumn: 54,
        message: "Service 'api' deletes from table 'ledger_public.entries' owned by service 'schema'.",
      },
      {
        file: 'packages/jobs/src/tasks/total.ts',
        line: 4,
        column: 72,
        endLine: 4,
        endColumn: 93,
        message: "Service 'jobs' reads table 'ledger_public.entries' owned by service 'schema'.",
      },
    ]);
  });

  it('no database setting at the top of the repository: no join', async () => {
    const files = ledgerApp();
    delete files['.env.example'];
    const { services, crossService } = await run(files);
    expect(services.map(([name]) => name)).toEqual(['api', 'jobs', 'schema']);
    expect(crossService.map((d) => [d.file, d.line, d.column, d.endLine, d.endColumn])).toEqual([
      ['packages/api/src/main.ts', 5, 33, 5, 54],
      ['packages/jobs/src/tasks/total.ts', 4, 72, 4, 93],
    ]);
  });

  it('a second package keeping data of its own (its migrations) is a service: no join, and its read is reported', async () => {
    const { services, crossService } = await run({
      ...ledgerApp(),
      'packages/jobs/migrations/001_job_log.sql': 'create table job_log (id serial primary key);\n',
    });
    expect(services.map(([name]) => name)).toEqual(['api', 'jobs', 'schema']);
    expect(crossService.map((d) => [d.file, d.line, d.column, d.endLine, d.endColumn])).toEqual([
      ['packages/api/src/main.ts', 5, 33, 5, 54],
      ['packages/jobs/src/tasks/total.ts', 4, 72, 4, 93],
    ]);
  });

  it('a migrations package with code of its own (a seed script) is a service: no join', async () => {
    const { services } = await run({
      ...ledgerApp(),
      'packages/schema/src/seed.ts': "import { Pool } from 'pg';\nexport const seed = new Pool();\n",
    });
    expect(services.map(([name]) => name)).toEqual(['api', 'jobs', 'schema']);
  });
});
