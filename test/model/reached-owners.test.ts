/**
 * Owners a table resolves to beyond the accessor's own engine and beside a service's same-named table (HELDOUT14 #3, #27):
 * a service that imports another engine's service reaches that service's tables through its handle (atproto's dev
 * network, PostgreSQL, reading the PDS's SQLite `email_token`); a package of its own outside every service that creates
 * and queries a table means its own table, not a service's same-named one (BuilderBot's MySQL adapter's `history`).
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { memoryTree } from '../../src/io/source-tree.js';

async function run(files: Record<string, string>, config: object) {
  const memory = memoryTree(files, { root: '/repo' });
  const result = await lint({ cwd: memory.root, tree: memory, config });
  expect(result.internalErrors).toEqual([]);
  return result.diagnostics
    .filter((d) => d.ruleId === 'no-cross-service-query' || d.ruleId === 'unknown-table')
    .map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`)
    .sort();
}

const pkg = (name: string, dependencies: Record<string, string>) => JSON.stringify({ name, dependencies });
/** A SQLite PDS with its own migration, and a PostgreSQL dev network whose profile reads the PDS's table. */
const network = (profile: string): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'net', private: true, workspaces: ['packages/*'] }),
  'packages/pds/package.json': pkg('@net/pds', { 'better-sqlite3': '^10.0.0', kysely: '^0.22.0' }),
  'packages/pds/src/db/migrations/001-init.ts': [
    "import { Kysely } from 'kysely'",
    'export async function up(db: Kysely<unknown>): Promise<void> {',
    "  await db.schema.createTable('email_token').addColumn('did', 'varchar', (col) => col.primaryKey()).execute()",
    '}',
  ].join('\n'),
  'packages/pds/src/index.ts': 'export class PDS {\n  ctx: any\n}\n',
  'packages/dev-env/package.json': pkg('@net/dev-env', { '@net/pds': '^0.4.0', pg: '^8.11.0' }),
  'packages/dev-env/migrations/001_init.sql': 'CREATE TABLE seeds (id SERIAL PRIMARY KEY);',
  'packages/dev-env/src/profile.ts': profile,
});
const config = { services: ['pds', 'dev-env'].map((name) => ({ name, roots: [`packages/${name}`] })) };

describe("a table of another engine's service reached through its handle (HELDOUT14 #3)", () => {
  it("the dev network (PostgreSQL) importing the PDS (SQLite) reads the PDS's email_token: a cross-service read, no unknown table", async () => {
    const profile = [
      "import { PDS } from '@net/pds'",
      'export const token = async (pds: PDS, did: string) =>',
      "  pds.ctx.accountManager.db.db.selectFrom('email_token').select('token').where('did', '=', did).executeTakeFirstOrThrow()",
    ].join('\n');
    expect(await run(network(profile), config)).toEqual([
      "no-cross-service-query packages/dev-env/src/profile.ts:3:44-3:55 Service 'dev-env' reads table 'email_token' owned by service 'pds'.",
    ]);
  });

  it('without an import of the PDS, the other engine keeps its tables: the name is unknown to the PostgreSQL service', async () => {
    const profile = [
      'export const token = async (db: any, did: string) =>',
      "  db.selectFrom('email_token').select('token').where('did', '=', did).executeTakeFirstOrThrow()",
    ].join('\n');
    expect(await run(network(profile), config)).toEqual([
      "unknown-table packages/dev-env/src/profile.ts:2:18-2:29 Table 'email_token' used by service 'dev-env' is not owned or created by any service.",
    ]);
  });
});

/** The older bot database (a service: its start script) with its own `history`, and a MySQL adapter package beside it. */
const bots = (adapter: Record<string, string>): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'bots', private: true, workspaces: ['packages/*'] }),
  'packages/bot-database/package.json': JSON.stringify({
    name: '@bots/database',
    scripts: { start: 'node src/index.js' },
    dependencies: { mysql2: '^2.3.3' },
  }),
  'packages/bot-database/migrations/001_history.sql': 'CREATE TABLE history (id INT AUTO_INCREMENT PRIMARY KEY, phone VARCHAR(255));',
  'packages/bot-database/src/index.js':
    "const mysql = require('mysql2');\nmodule.exports = (db) => db.query('SELECT phone FROM history');\n",
  ...adapter,
});
const adapterCode = [
  "const mysql = require('mysql2');",
  'class MysqlAdapter {',
  '  getPrev(db, from) {',
  '    return db.query(`SELECT * FROM history WHERE phone = ?`, [from]);',
  '  }',
  '  createTable(db) {',
  "    const tableName = 'history';",
  '    return db.query(`CREATE TABLE ${tableName} (id INT AUTO_INCREMENT PRIMARY KEY, phone VARCHAR(255) NOT NULL)`);',
  '  }',
  '}',
  'module.exports = { MysqlAdapter };',
].join('\n');
const botsConfig = { dialect: 'mysql', services: [{ name: 'bot-database', roots: ['packages/bot-database'] }] };

describe("a package of its own that creates and queries a table beside a service's same-named table (HELDOUT14 #27)", () => {
  it("the adapter's history is its own: no cross-service read of the bot database's history", async () => {
    const files = bots({
      'packages/database-mysql/package.json': pkg('@bots/database-mysql', { mysql2: '^3.15.3' }),
      'packages/database-mysql/src/index.cjs': adapterCode,
    });
    expect(await run(files, botsConfig)).toEqual([]);
  });

  it("the same file in a folder without a package.json is a copy of the service's schema: its read crosses, as before", async () => {
    const files = bots({ 'tools/adapter/index.cjs': adapterCode });
    expect(await run(files, botsConfig)).toEqual([
      "no-cross-service-query tools/adapter/index.cjs:4:36-4:43 Code in 'tools/adapter', outside every service, reads table 'history' owned by service 'bot-database'.",
    ]);
  });
});
