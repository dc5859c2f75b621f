/**
 * The one-file path (issue 16): a warm `--cache` run naming one changed file (the pre-commit hook's `--staged`, and
 * `--affected <file>`) takes the stored model, analyses the changed file again and decodes no other file's cached
 * facts: what it asks of the others, their summaries answer. A scan over every file's facts on that path (72a4b6d: a
 * project rule's first versionOf made migrationGroups read every file's script.folderTemplates, 3fe3ea5 asks the
 * summary first; 64a3c6c: the cross-engine fallback's service reach read every file's script.imports, now the model's
 * one import resolution from the summaries, service-imports.ts) decodes every entry and costs the run seconds at
 * 10,000 files while its report stays the same: only a count of the entries decoded sees it. Counted in process, by
 * the lazily decoded facts' `decoded` (every field read goes through it; NILECARE_LAZY_TRACE prints the same from a bin
 * run), over generated repositories on disk (stamps need the disk).
 */
import { rmSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NilecareConfig } from '../../src/config/schema.js';
import { lint, type LintOptions } from '../../src/lint.js';
import { countedRun, lazyClass, writtenStale } from '../support/decode-counting.js';

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const SERVICES = ['billing', 'payment', 'orders', 'users'];

/** Per service: three SQL migrations, a Knex migration, a migration runner, five modules querying its own and a neighbour's tables. */
function generatedRepo(): string {
  const files: Record<string, string> = {};
  SERVICES.forEach((service, i) => {
    const next = SERVICES[(i + 1) % SERVICES.length];
    const root = `services/${service}`;
    files[`${root}/package.json`] = `{"name":"${service}","dependencies":{"pg":"^8.11.0","knex":"^3.1.0"}}\n`;
    files[`${root}/migrations/V1__${service}_items.sql`] =
      `CREATE TABLE ${service}_items (id UUID PRIMARY KEY, name TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now());\n`;
    files[`${root}/migrations/V2__${service}_events.sql`] =
      `CREATE TABLE ${service}_events (id UUID PRIMARY KEY, item_id UUID NOT NULL REFERENCES ${service}_items (id), kind TEXT NOT NULL);\n`;
    files[`${root}/migrations/V3__${service}_index.sql`] = `CREATE INDEX ${service}_events_kind ON ${service}_events (kind);\n`;
    files[`${root}/src/db/migrations/20240101000000_${service}_notes.ts`] =
      `import type { Knex } from 'knex';\n` +
      `export async function up(knex: Knex): Promise<void> {\n` +
      `  await knex.schema.createTable('${service}_notes', (t) => { t.uuid('id').primary(); t.text('body').notNullable(); });\n}\n` +
      `export async function down(knex: Knex): Promise<void> {\n  await knex.schema.dropTable('${service}_notes');\n}\n`;
    files[`${root}/src/db/migrate.ts`] =
      `import knex from 'knex';\n` +
      `export const migrate = (url: string) => knex({ client: 'pg', connection: url }).migrate.latest({ directory: './migrations' });\n`;
    for (let n = 1; n <= 5; n++)
      files[`${root}/src/repo/module${n}.ts`] =
        `import { Pool } from 'pg';\nconst pool = new Pool();\n` +
        `export const list${n} = () => pool.query('SELECT id, name FROM ${service}_items WHERE name = $1', ['${n}']);\n` +
        `export const events${n} = (id: string) => pool.query('SELECT kind FROM ${service}_events WHERE item_id = $1', [id]);\n` +
        (n === 5 ? `export const peek = () => pool.query('SELECT id FROM ${next}_items');\n` : '');
  });
  const config: NilecareConfig = {
    dialect: 'postgresql',
    services: SERVICES.map((name) => ({ name, roots: [`services/${name}`], prefixes: [`${name}_`] })),
  };
  return written(files, config);
}

/**
 * Two services on different engines, one importing the other (HELDOUT14 #3's shape): a PDS on SQLite whose Kysely
 * migrations create its tables, and a dev network on PostgreSQL whose modules import the PDS's package and read its
 * tables through its handle. A read of a table only the SQLite service has reaches the cross-engine fallback of
 * table-resolver.ts, which asks which services the dev network's files import: every file's imports.
 */
function crossEngineRepo(): string {
  const pkg = (name: string, dependencies: Record<string, string>) => `${JSON.stringify({ name, dependencies })}\n`;
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify({ name: 'net', private: true, workspaces: ['packages/*'] })}\n`,
    'packages/pds/package.json': pkg('@net/pds', { 'better-sqlite3': '^10.0.0', kysely: '^0.22.0' }),
    'packages/pds/src/index.ts':
      "import { Kysely } from 'kysely'\nimport { AccountManager } from './account-manager'\nexport class PDS {\n  ctx: { accountManager: AccountManager }\n}\n",
    'packages/pds/src/account-manager.ts': "import { Kysely } from 'kysely'\nexport class AccountManager {\n  db: { db: Kysely<any> }\n}\n",
    'packages/dev-env/package.json': pkg('@net/dev-env', { '@net/pds': '^0.4.0', pg: '^8.11.0' }),
    'packages/dev-env/migrations/001_init.sql': 'CREATE TABLE seeds (id SERIAL PRIMARY KEY, label TEXT NOT NULL);\n',
  };
  ['email_token', 'account', 'repo_root'].forEach((table, i) => {
    files[`packages/pds/src/db/migrations/00${i + 1}-${table}.ts`] =
      `import { Kysely } from 'kysely'\n` +
      `export async function up(db: Kysely<unknown>): Promise<void> {\n` +
      `  await db.schema.createTable('${table}').addColumn('did', 'varchar', (col) => col.primaryKey()).execute()\n}\n`;
    files[`packages/pds/src/services/${table}.ts`] =
      `import { AccountManager } from '../account-manager'\n` +
      `export const find = (m: AccountManager, did: string) => m.db.db.selectFrom('${table}').selectAll().where('did', '=', did).execute()\n`;
  });
  for (let n = 1; n <= 5; n++)
    files[`packages/dev-env/src/network/module${n}.ts`] =
      `import { Pool } from 'pg'\nimport { PDS } from '@net/pds'\nconst pool = new Pool()\n` +
      `export const seed${n} = () => pool.query('SELECT id, label FROM seeds WHERE id = $1', [${n}])\n` +
      (n === 5 ? `export const root = (pds: PDS) => pds.ctx.accountManager.db.db.selectFrom('repo_root').selectAll().execute()\n` : '');
  // The PDS's tables claimed in the config: whether each matches a table the repository knows asks every file's names
  // (unmatched-table-patterns.ts). A pattern that matches none would decode the files of its service (whether it runs
  // on MongoDB: document-collections.ts), the one path left that decodes, and only for a config in error.
  const config: NilecareConfig = {
    services: [
      { name: 'pds', roots: ['packages/pds'], tables: ['email_token', 'account', 'repo_root'] },
      { name: 'dev-env', roots: ['packages/dev-env'] },
    ],
  };
  return written(files, config);
}

/**
 * Zero config, every service on SQL Server, and its init script outside every service (test/model/non-node-engines):
 * that script is read by SQL Server's tokens, which a warm run's notice says from the script's facts summary.
 */
function sqlServerRepo(): string {
  const node = (name: string, database: string, main: string) => ({
    [`services/${name}/package.json`]: JSON.stringify({ name, scripts: { start: 'node src/main.js' }, dependencies: { mssql: '^10.0.2' } }),
    [`services/${name}/.env.example`]: `MSSQL_SERVER=sql.internal\nMSSQL_DATABASE=${database}\n`,
    [`services/${name}/src/main.js`]: main,
  });
  const payroll = [
    "const sql = require('mssql');",
    'const pool = new sql.ConnectionPool({ server: process.env.MSSQL_SERVER, database: process.env.MSSQL_DATABASE }).connect();',
    "exports.codes = async () => (await pool).request().query('SELECT code FROM Ledger.dbo.accounts');",
    '',
  ].join('\n');
  const init = [
    'CREATE DATABASE Ledger;',
    'GO',
    'USE Ledger;',
    'GO',
    'CREATE TABLE dbo.accounts (id INT IDENTITY(1,1) NOT NULL PRIMARY KEY, code NVARCHAR(20) NOT NULL);',
    'GO',
    '',
  ];
  return written({
    ...node('ledger', 'Ledger', "const sql = require('mssql');\nexports.pool = sql.connect(process.env.MSSQL_SERVER);\n"),
    ...node('payroll', 'Payroll', payroll),
    'database/init/01-ledger.sql': init.join('\n'),
  });
}

/** `files` and the config (if any) in a new temporary folder, every file modified long before the cache's save. */
function written(files: Record<string, string>, config?: NilecareConfig): string {
  const all = config ? { ...files, 'nilecare-lint.config.json': `${JSON.stringify(config, null, 2)}\n` } : files;
  const cwd = writtenStale('nilecare-one-file-decodes-', all);
  temps.push(cwd);
  return cwd;
}

const findings = (diagnostics: ReadonlyArray<{ ruleId: string; file: string; line: number; column: number }>) =>
  diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}`);

interface Repository {
  make: () => string;
  /** Files with cached facts (the package.json files and the config are read, not cached). */
  entries: number;
  changed: string;
  appended: string;
  /** The finding the appended line brings, `rule file:line:column`. */
  finding: string;
  /** A notice the warm run gives as a run without a cache does. */
  notice?: string;
}

const oneEngine: Repository = {
  make: generatedRepo,
  entries: 40,
  changed: 'services/billing/src/repo/module2.ts',
  appended: "export const audit = () => pool.query('SELECT id FROM payment_items');\n",
  finding: 'no-cross-service-query services/billing/src/repo/module2.ts:5:55',
};

const crossEngine: Repository = {
  make: crossEngineRepo,
  entries: 14,
  changed: 'packages/dev-env/src/network/module2.ts',
  // A table only the SQLite service creates, read through the imported PDS's handle: the cross-engine fallback.
  appended: "export const token = (pds: PDS) => pds.ctx.accountManager.db.db.selectFrom('email_token').selectAll().execute()\n",
  finding: 'no-cross-service-query packages/dev-env/src/network/module2.ts:5:77',
};

const sqlServer: Repository = {
  make: sqlServerRepo,
  entries: 5,
  changed: 'services/payroll/src/main.js',
  // A change that keeps what the model is built from (a new query on the pool would not: the stored model would go).
  appended: '// Ledger.dbo.accounts belongs to the ledger service: ask its API instead.\n',
  finding: 'no-cross-service-query services/payroll/src/main.js:3:76',
  notice:
    "SQL outside every service (database/init/01-ledger.sql) was read as SQL Server's, the engine of every service: its table references were read from tokens, and no statement was checked for syntax.",
};

describe('a warm one-file run decodes no cached entry: the changed file is analysed, the others answer by their summaries (issue 16)', () => {
  it.each([
    ['the pre-commit hook (--staged: files, affected)', oneEngine, (file: string) => ({ files: [file], affected: true })],
    ['--affected <file> (paths, affected)', oneEngine, (file: string) => ({ paths: [file], affected: true })],
    ['the pre-commit hook, a read reaching the cross-engine fallback', crossEngine, (file: string) => ({ files: [file], affected: true })],
    ['--affected <file>, a read reaching the cross-engine fallback', crossEngine, (file: string) => ({ paths: [file], affected: true })],
    ['--affected <file>, SQL outside every service read by tokens', sqlServer, (file: string) => ({ paths: [file], affected: true })],
  ] as Array<[string, Repository, (file: string) => Partial<LintOptions>]>)('%s', async (_name, repository, optionsFor) => {
    const { changed, entries } = repository;
    const options = optionsFor(changed);
    const cwd = repository.make();
    const location = path.join(cwd, '.nilecare-lint-cache');
    const cold = await countedRun(cwd, location);
    expect([cold.run.storedModel, cold.cache.misses]).toEqual([{ stored: true }, entries]);
    appendFileSync(path.join(cwd, changed), repository.appended);

    const warm = await countedRun(cwd, location, options);
    // The stored model stands, the other files are taken by their stamps, the changed one is analysed again.
    expect([warm.run.storedModel, warm.cache.misses, warm.cache.stampHits]).toEqual([{ taken: true }, 1, entries - 1]);
    // The other files' facts came lazily, to be decoded when read (the path this test is about is taken)…
    expect(warm.run.model.files.filter((file) => Object.getPrototypeOf(file) === lazyClass)).toHaveLength(entries - 1);
    // … and none is read: every one with 3fe3ea5's summary check taken out of migrationGroups, and every script with
    // the cross-engine fallback's reach resolved from script.imports (64a3c6c) instead of the summaries' imports.
    expect(warm.decoded).toEqual([]);
    // … and the run finds what a run without a cache finds, the new cross-service query included.
    const fresh = await lint({ cwd, ...options });
    expect(findings(warm.run.diagnostics)).toEqual(findings(fresh.diagnostics));
    expect(findings(warm.run.diagnostics), findings(warm.run.diagnostics).join('\n')).toContain(repository.finding);
    expect(warm.run.notices).toEqual(fresh.notices);
    if (repository.notice) expect(warm.run.notices).toContain(repository.notice);
    expect(warm.run.warnings).toEqual(fresh.warnings);
  });
});
