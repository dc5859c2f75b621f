/**
 * A Cloudflare Worker on D1 (HELDOUT7 #15): the `[[d1_databases]]` of its wrangler config make its engine SQLite (its
 * SQL read by tokens, never a MySQL or PostgreSQL parse-error), wrangler's `0001_x.sql` files in the database's
 * `migrations_dir` are its versioned migrations (wrangler applies them in file-name order and records each), and the
 * tables they create are the Worker's, queried through `env.DB.prepare('…')`.
 */
import { describe, expect, it } from 'vitest';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';

const RULES = [
  'parse-error',
  'migration-file-name',
  'service-without-migrations',
  'migration-duplicate-version',
  'no-cross-service-query',
  'ambiguous-table-owner',
  'unknown-table',
];

const WRANGLER_D1 = [
  'name = "edge-auth"',
  'main = "src/index.ts"',
  'compatibility_date = "2024-06-01"',
  '',
  '[[d1_databases]]',
  'binding = "DB"',
  'database_name = "edge-auth"',
  'database_id = "0c6f3a1e-0000-4000-8000-000000000001"',
  '',
].join('\n');

const worker = (name: string, wrangler: string, query: string): Record<string, string> => ({
  [`workers/${name}/package.json`]: JSON.stringify({
    name,
    private: true,
    scripts: { deploy: 'wrangler deploy' },
    devDependencies: { wrangler: '^3.60.0', '@cloudflare/workers-types': '^4.20240605.0' },
  }),
  [`workers/${name}/wrangler.toml`]: wrangler,
  [`workers/${name}/src/index.ts`]: [
    'export interface Env { DB: D1Database }',
    '',
    'export default {',
    '  async fetch(req: Request, env: Env): Promise<Response> {',
    `    const row = await env.DB.prepare('${query}').bind(new URL(req.url).searchParams.get('id')).first();`,
    '    return Response.json(row);',
    '  },',
    '};',
    '',
  ].join('\n'),
});

const BASE: Record<string, string> = {
  ...worker('edge-auth', WRANGLER_D1, 'SELECT id, email FROM users WHERE id = ?'),
  'workers/edge-auth/migrations/0001_users.sql':
    'CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);\n',
  'workers/edge-auth/migrations/0002_sessions.sql':
    'CREATE TABLE sessions (id TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP) STRICT;\n',
  // A PostgreSQL service with a users table of its own: D1's users is another engine's table.
  'services/accounts/package.json': JSON.stringify({
    name: 'accounts',
    scripts: { start: 'node src/index.js' },
    dependencies: { pg: '^8.11.5' },
  }),
  'services/accounts/migrations/V1__users.sql':
    'CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT NOT NULL, created_at TIMESTAMPTZ DEFAULT now(), updated_at TIMESTAMPTZ DEFAULT now());\n',
  'services/accounts/src/index.js':
    "const { Pool } = require('pg');\nconst pool = new Pool();\nexports.q = () => pool.query('SELECT id FROM users');\n",
};

async function run(files: Record<string, string>) {
  const tree = memoryTree(files, { root: '/cloudflare-d1' });
  const result = await lint({ cwd: tree.root, tree });
  expect(result.internalErrors).toEqual([]);
  return {
    engines: result.model.services.map((s) => `${s.name}: ${s.dialect ?? s.dialectDecision?.unparsedEngine ?? '?'}`),
    tables: result.model.services.map((s) => `${s.name}: ${s.createdTables.map((d) => d.table).join(', ')}`),
    findings: result.diagnostics
      .filter((d) => RULES.includes(d.ruleId))
      .map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`),
  };
}

describe('a Cloudflare Worker on D1', () => {
  it('is a SQLite service owning what its wrangler migrations create: no parse-error, no naming or cross-service finding', async () => {
    const { engines, tables, findings } = await run(BASE);
    expect(engines).toEqual(['accounts: postgresql', 'edge-auth: sqlite']);
    expect(tables).toEqual(['accounts: users', 'edge-auth: users, sessions']);
    expect(findings).toEqual([]);
  });

  it('a second D1 Worker reading the first one’s table is a cross-service query, at the table in its prepare() string', async () => {
    const { findings } = await run({
      ...BASE,
      ...worker('billing-edge', WRANGLER_D1.replace(/edge-auth/g, 'billing-edge'), 'SELECT user_id FROM sessions WHERE id = ?'),
      'workers/billing-edge/migrations/0001_charges.sql':
        'CREATE TABLE charges (id INTEGER PRIMARY KEY AUTOINCREMENT, amount INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);\n',
    });
    expect(findings).toEqual([
      "no-cross-service-query workers/billing-edge/src/index.ts:5:59-5:67 Service 'billing-edge' reads table 'sessions' owned by service 'edge-auth'.",
    ]);
  });

  it('follows migrations_dir: wrangler’s numbered files there are versioned migrations', async () => {
    const files = Object.fromEntries(
      Object.entries(BASE).map(([file, text]) => [file.replace('workers/edge-auth/migrations/', 'workers/edge-auth/db/d1/'), text]),
    );
    files['workers/edge-auth/wrangler.toml'] = `${WRANGLER_D1}migrations_dir = "db/d1"\n`;
    const { tables, findings } = await run(files);
    expect(tables).toContain('edge-auth: users, sessions');
    expect(findings).toEqual([]);
  });

  it("without a D1 binding (a Worker binding only KV) nothing names its engine: its DDL in SQLite's unmistakable syntax is SQLite's all the same, and 0001_x.sql is not versioned", async () => {
    const { engines, findings } = await run({
      ...BASE,
      'workers/edge-auth/wrangler.toml': 'name = "edge-auth"\nmain = "src/index.ts"\n\n[[kv_namespaces]]\nbinding = "DB"\nid = "x"\n',
    });
    expect(engines).toEqual(['accounts: postgresql', 'edge-auth: ?']);
    // Nothing decides edge-auth: SQL in no engine's unmistakable syntax would be read in the dialect most services use
    // (accounts' PostgreSQL); its migrations' AUTOINCREMENT and `) STRICT` are SQLite's only (sqlFileEngine): no parse-error.
    expect(findings).toEqual([
      "migration-file-name workers/edge-auth/migrations/0001_users.sql:1:1-1:191 Migration file '0001_users.sql' is not named as a versioned migration; rename it like 'V1__users.sql'.",
      "service-without-migrations workers/edge-auth/migrations/0001_users.sql:1:14-1:19 Service 'edge-auth' owns tables but has no versioned migrations.",
      "migration-file-name workers/edge-auth/migrations/0002_sessions.sql:1:1-1:203 Migration file '0002_sessions.sql' is not named as a versioned migration; rename it like 'V2__sessions.sql'.",
    ]);
  });
});
