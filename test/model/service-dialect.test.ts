/**
 * Each service's dialect from the evidence it has (config, package.json, Prisma, ORM options,
 * imports, connection settings, lock files, SQL syntax, parse results), decided before its SQL is
 * parsed, and what that means for its SQL: valid PostgreSQL is never a parse warning.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NilecareConfig } from '../../src/config/schema.js';
import { FileFactsCache } from '../../src/analysis/facts-cache.js';
import { lint } from '../../src/lint.js';
import { ruleRegistry } from '../../rules/index.js';
import { tempDir } from '../temp-dirs.js';
import { proposeConfig } from '../../src/commands/init-config.js';
import { SharedFactsMemory } from '../../src/analysis/shared-facts-cache.js';
import { memoryTree } from '../../src/io/source-tree.js';

const PG_SCHEMA = [
  'CREATE TABLE "reviews" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "title" character varying NOT NULL,',
  '  "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_reviews" PRIMARY KEY ("id"));',
  "COPY reviews (id, title) FROM '/tmp/reviews.csv' WITH (FORMAT csv, DELIMITER ';');",
].join('\n');
/** PostgreSQL the syntax sniffing cannot tell (no one-dialect feature it counts): only the parsers can. */
const PG_UNSNIFFED = [
  'CREATE TABLE hosts (id INT PRIMARY KEY, addr INET NOT NULL);',
  "INSERT INTO hosts (id, addr) VALUES (1, '10.0.0.1') RETURNING id;",
].join('\n');

const rulesOnly = (...ids: string[]): NonNullable<NilecareConfig['rules']> =>
  Object.fromEntries(Object.keys(ruleRegistry).map((id) => [id, ids.includes(id) ? 'warn' : 'off']));

/** On disk, for the cases whose subject is the facts cache file an earlier run left. */
function makeRepo(files: Record<string, string>): string {
  const root = tempDir('nilecare-dialect-');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

/** lint() over the repository in memory: the subject is the dialect decision, not the disk. */
async function run(files: Record<string, string>, config: NilecareConfig = {}) {
  const tree = memoryTree(files);
  const result = await lint({ cwd: tree.root, tree, config: { rules: rulesOnly('parse-error', 'migration-dialect-mismatch'), ...config } });
  return {
    result,
    dialects: Object.fromEntries(result.model.services.map((s) => [s.name, [s.dialect ?? null, s.dialectDecision?.basis ?? null]])),
    evidence: (name: string) => result.model.serviceByName(name)?.dialectDecision?.evidence.map((e) => `${e.source}: ${e.detail}`),
    findings: result.diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}`),
  };
}

const manifest = (name: string, dependencies: Record<string, string>) => JSON.stringify({ name, dependencies });

describe('the dialect of a service without a driver in its package.json', () => {
  it.each([
    [
      'Prisma provider',
      {
        'services/a/package.json': manifest('a', { '@prisma/client': '^5' }),
        'services/a/prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
      },
      'prisma: provider = "postgresql" in services/a/prisma/schema.prisma:2',
    ],
    [
      "TypeORM's type",
      {
        'services/a/package.json': manifest('a', { typeorm: '^0.3' }),
        'services/a/src/data-source.ts':
          "import { DataSource } from 'typeorm';\nexport default new DataSource({ type: 'postgres', host: 'db' });\n",
      },
      "orm-options: type: 'postgres' in services/a/src/data-source.ts:2",
    ],
    [
      "knex's client",
      {
        'services/a/package.json': manifest('a', { knex: '^3' }),
        'services/a/knexfile.js': "module.exports = { production: { client: 'pg', connection: process.env.DATABASE_URL } };\n",
      },
      "orm-options: client: 'pg' in services/a/knexfile.js:1",
    ],
    [
      "Sequelize's dialect",
      {
        'services/a/package.json': manifest('a', { sequelize: '^6' }),
        'services/a/src/db.ts':
          "import { Sequelize } from 'sequelize';\nexport const db = new Sequelize(process.env.DATABASE_URL!, { dialect: 'postgres', logging: false });\n",
      },
      "orm-options: dialect: 'postgres' in services/a/src/db.ts:2",
    ],
    [
      "MikroORM's engine package, imported",
      {
        'services/a/package.json': manifest('a', { '@mikro-orm/core': '^6' }),
        'services/a/src/orm.ts': "import { PostgreSqlDriver } from '@mikro-orm/postgresql';\nexport const driver = PostgreSqlDriver;\n",
      },
      "import: '@mikro-orm/postgresql' imported in services/a/src/orm.ts:1",
    ],
    [
      "Drizzle's pg-core",
      {
        'services/a/package.json': manifest('a', { 'drizzle-orm': '^0.30' }),
        'services/a/src/schema.ts':
          "import { pgTable, text } from 'drizzle-orm/pg-core';\nexport const reviews = pgTable('reviews', { id: text('id') });\n",
      },
      "import: 'drizzle-orm/pg-core' imported in services/a/src/schema.ts:1",
    ],
    [
      'a connection URL',
      {
        'services/a/package.json': manifest('a', { '@acme/platform': '^1' }),
        'services/a/.env.example': 'DATABASE_URL=postgres://app@db:5432/reviews\n',
      },
      'connection: DATABASE_URL in services/a/.env.example:1',
    ],
    [
      'a wrapper package in the lock file',
      {
        'services/a/package.json': manifest('a', { '@acme/db-client': '^4' }),
        'package-lock.json': JSON.stringify({
          lockfileVersion: 3,
          packages: { 'node_modules/@acme/db-client': { dependencies: { pg: '^8' } } },
        }),
      },
      'lock-file: @acme/db-client → pg in package-lock.json',
    ],
    [
      // yarn v1 lists no workspace package; the helper's package.json names the driver. The service calls the
      // helper's `createPool` (mysql2's name): a wrapper's function name is no evidence of MySQL.
      'a workspace helper package (yarn v1)',
      {
        'package.json': JSON.stringify({ private: true, workspaces: ['common', 'services/*'] }),
        'yarn.lock': '# yarn lockfile v1\n\npg@^8:\n  version "8.11.3"\n',
        'common/package.json': manifest('@shop/common', { pg: '^8' }),
        'services/a/package.json': manifest('a', { '@shop/common': '1.0.0' }),
        'services/a/src/db.ts': "import { createPool } from '@shop/common';\nexport const pool = createPool({ database: 'reviews' });\n",
      },
      'lock-file: @shop/common → pg in common/package.json',
    ],
  ])('%s: PostgreSQL, and its valid PostgreSQL is no parse warning', async (_label, files, evidence) => {
    const outcome = await run({ ...files, 'services/a/migrations/V1__reviews.sql': PG_SCHEMA });
    expect(outcome.dialects).toEqual({ a: ['postgresql', expect.stringMatching(/^(declared|connection|lock-file)$/)] });
    expect(outcome.evidence('a')).toContain(evidence);
    expect(outcome.findings).toEqual([]);
  });

  it('the syntax of its own SQL, majority of files: PostgreSQL, no parse warning', async () => {
    const outcome = await run({
      'services/audit/package.json': manifest('audit', { '@acme/platform': '^1' }),
      'services/audit/migrations/V1__events.sql': "CREATE TYPE \"Level\" AS ENUM ('info', 'error');\n" + PG_SCHEMA,
      'services/audit/migrations/V2__more.sql':
        'CREATE TABLE "audit_events" ("id" uuid NOT NULL, "at" timestamp without time zone NOT NULL);',
    });
    expect(outcome.dialects).toEqual({ audit: ['postgresql', 'sql-syntax'] });
    expect(outcome.evidence('audit')).toContain('sql-syntax: 2 of 2 files with one-dialect SQL');
    expect(outcome.findings).toEqual([]);
  });

  it('when nothing else says, the statements that parse only as PostgreSQL decide, the same on a warm cache as on a cold run', async () => {
    const files = {
      'services/net/package.json': manifest('net', { '@acme/platform': '^1' }),
      'services/net/migrations/V1__hosts.sql': PG_UNSNIFFED,
      'services/net/src/hosts.ts': "export const q = (db: any) => db.query('SELECT addr FROM hosts WHERE id = ?', [1]);\n",
    };
    const cwd = makeRepo(files);
    const config: NilecareConfig = { rules: rulesOnly('parse-error', 'migration-dialect-mismatch') };
    for (const round of ['cold', 'warm']) {
      const cache = FileFactsCache.open({ base: cwd, location: '.cache/nilecare', toolVersion: '0.0.0-test' });
      const result = await lint({ cwd, config, factsCache: cache });
      cache.save();
      const net = result.model.serviceByName('net')!;
      expect([round, net.dialect, net.dialectDecision?.basis]).toEqual([round, 'postgresql', 'sql-parse']);
      // Cold, the embedded query was read as MySQL first (and parses there too). Warm, every statement comes read as
      // PostgreSQL, but nothing changed: the run takes the model the cold run stored, its decision and evidence with it.
      expect(net.dialectDecision?.evidence.map((e) => e.detail)).toEqual(['2 of its statements parse as PostgreSQL, 1 as MySQL']);
      expect(result.storedModel).toEqual(round === 'cold' ? { stored: true } : { taken: true });
      expect(result.diagnostics).toEqual([]);
      expect(result.model.files.find((f) => f.path.endsWith('.sql'))!.sql!.dialect).toBe('postgresql');
      if (round === 'warm') {
        expect([cache.hits, cache.misses]).toEqual([2, 0]);
        expect(result.sqlAnalysis).toBeUndefined(); // nothing parsed again
      }
    }
  });

  it('no evidence at all: the configured default, and no dialect of its own', async () => {
    const outcome = await run(
      {
        'services/plain/package.json': manifest('plain', { knex: '^3' }),
        'services/plain/migrations/V1__t.sql': 'CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20));',
      },
      { dialect: 'postgresql' },
    );
    // The configured default is how its SQL is parsed, not its dialect: the model keeps it undecided, as a run without a config does.
    expect(outcome.dialects).toEqual({ plain: [null, 'none'] });
    expect(outcome.result.model.files.find((f) => f.path.endsWith('.sql'))!.sql!.dialect).toBe('postgresql');
  });
});

describe('which evidence wins', () => {
  it("the config's dialect over everything; package.json over the lock file; one level naming both engines decides nothing", async () => {
    const outcome = await run(
      {
        'services/configured/package.json': manifest('configured', { pg: '^8' }),
        'services/direct/package.json': manifest('direct', { mysql2: '^3', '@acme/db-client': '^4' }),
        'package-lock.json': JSON.stringify({
          lockfileVersion: 3,
          packages: { 'node_modules/@acme/db-client': { dependencies: { pg: '^8' } } },
        }),
        'services/moving/package.json': manifest('moving', { mysql2: '^3', pg: '^8' }),
        'services/moving/migrations/V1__old.sql': 'CREATE TABLE `old_rows` (id INT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;',
        'services/moving/migrations/V2__new.sql': 'CREATE TABLE new_rows (id BIGSERIAL PRIMARY KEY, payload JSONB);',
      },
      {
        services: [
          { name: 'configured', roots: ['services/configured'], dialect: 'mysql' },
          { name: 'direct', roots: ['services/direct'] },
          { name: 'moving', roots: ['services/moving'] },
        ],
      },
    );
    expect(outcome.dialects).toEqual({ configured: ['mysql', 'config'], direct: ['mysql', 'declared'], moving: [null, 'mixed'] });
    expect(outcome.evidence('moving')).toEqual([
      'dependency: mysql2 in services/moving/package.json',
      'dependency: pg in services/moving/package.json',
    ]);
    // Each file of the service moving engines is read in its own dialect: no warning.
    expect(outcome.findings).toEqual([]);
    const sqlDialects = outcome.result.model.files.filter((f) => f.sql).map((f) => [f.path, f.sql!.dialect]);
    expect(sqlDialects).toEqual([
      ['services/moving/migrations/V1__old.sql', 'mysql'],
      ['services/moving/migrations/V2__new.sql', 'postgresql'],
    ]);
  });

  it("a DELIMITER option in a PostgreSQL service's SQL keeps the PostgreSQL parser", async () => {
    const outcome = await run({
      'services/a/package.json': manifest('a', { pg: '^8' }),
      'services/a/db/import.sql':
        "CREATE TYPE box2 (\n  INTERNALLENGTH = 16,\n  INPUT = box_in,\n  OUTPUT = box_out,\n  delimiter = ','\n);\nCOPY t FROM stdin WITH (DELIMITER '|');",
    });
    expect(outcome.findings).toEqual([]);
    expect(outcome.result.model.files.find((f) => f.sql)!.sql!.dialect).toBe('postgresql');
  });

  it('connection settings decide only when every database they name has a known engine', async () => {
    const outcome = await run(
      {
        'services/a/.env.example': 'PG_URL=postgres://u@db/ledger\nDB_NAME=app\n',
        'services/b/.env.example': 'MYSQL_DATABASE=app\n',
        'services/a/package.json': manifest('a', {}),
        'services/b/package.json': manifest('b', {}),
      },
      {
        services: [
          { name: 'a', roots: ['services/a'] },
          { name: 'b', roots: ['services/b'] },
        ],
      },
    );
    expect(outcome.dialects).toEqual({ a: [null, 'none'], b: ['mysql', 'connection'] });
    // init writes what the run decides (it took a's one known engine before: HELDOUT13 #40).
    expect(proposeConfig(outcome.result.model, outcome.result.serviceDiscovery).services.map((s) => s.dialect ?? null)).toEqual([
      null,
      'mysql',
    ]);
  });
});

describe('a service declaring both engines (HELDOUT13 #40: jackson, one TypeORM package for whatever engine its deployer picks)', () => {
  // Its code's default URL is PostgreSQL; its per-engine migration folders are read in their engines.
  const JACKSON = {
    'npm/package.json': manifest('@boxyhq/saml-jackson', { pg: '^8', mysql2: '^3', mssql: '^11', typeorm: '^0.3' }),
    'npm/src/db/defaultDb.ts': [
      'export default function defaultDb(opts: { db: { url?: string } }) {',
      "  opts.db.url = opts.db.url || 'postgresql://postgres:postgres@localhost:5432/postgres';",
      '}',
      '',
    ].join('\n'),
    // A data migration shared by the SQL engines: PostgreSQL the syntax sniffing cannot tell.
    'npm/migration/sql/1700000000000-namespace.ts': [
      "import { MigrationInterface, QueryRunner } from 'typeorm';",
      'export class namespace1700000000000 implements MigrationInterface {',
      '  async up(queryRunner: QueryRunner): Promise<void> {',
      `    await queryRunner.query('UPDATE jackson_store SET "namespace" = split_part("key", \\':\\', 1) WHERE "namespace" IS NULL');`,
      '  }',
      '  async down(): Promise<void> {}',
      '}',
      '',
    ].join('\n'),
  };

  it('is read in the engine of the databases its connection settings name, by the run without a config and by init alike', async () => {
    const outcome = await run(JACKSON);
    expect(outcome.dialects).toEqual({ npm: ['postgresql', 'connection'] });
    expect(outcome.evidence('npm')).toEqual([
      'connection: its connection settings (connection string in npm/src/db/defaultDb.ts:2); it names both engines: pg in npm/package.json; mysql2 in npm/package.json',
    ]);
    const migration = outcome.result.model.files.find((f) => f.path.startsWith('npm/migration/sql/'))!;
    expect(migration.embeddedAnalyses?.map((a) => a.dialect)).toEqual(['postgresql']);
    const proposal = proposeConfig(outcome.result.model, outcome.result.serviceDiscovery);
    expect(proposal.services.map((s) => [s.name, s.dialect, s.dialectNote])).toEqual([
      ['npm', 'postgresql', `postgresql from ${outcome.evidence('npm')![0].slice('connection: '.length)}`],
    ]);
    expect(outcome.findings).toEqual([]);
  });

  it('stays undecided where its settings name both engines too', async () => {
    const outcome = await run({
      ...JACKSON,
      'npm/src/db/mysqlDb.ts': "export const mysqlUrl = process.env.MYSQL_URL || 'mysql://root:mysql@localhost:3307/mysql';\n",
    });
    expect(outcome.dialects).toEqual({ npm: [null, 'mixed'] });
    const proposal = proposeConfig(outcome.result.model, outcome.result.serviceDiscovery);
    expect(proposal.services.map((s) => [s.name, s.dialect ?? null])).toEqual([['npm', null]]);
  });
});

describe('services on engines the linter has no parser for (SQL Server, SQLite)', () => {
  const TSQL = [
    "IF NOT EXISTS (SELECT * FROM sys.objects WHERE object_id = OBJECT_ID(N'[dbo].[Customers]'))",
    'BEGIN',
    'CREATE TABLE [dbo].[Customers] ([Id] INT IDENTITY(1,1) NOT NULL, [Name] NVARCHAR(MAX) NULL)',
    'END',
    'GO',
    'SELECT TOP (1) [Id] FROM [dbo].[Customers] WHERE [Id] = @Id;',
    '',
  ].join('\n');
  const SQLITE = [
    'PRAGMA journal_mode = WAL;',
    'CREATE TABLE IF NOT EXISTS cache_entries (key TEXT PRIMARY KEY NOT NULL, value BLOB NOT NULL) WITHOUT ROWID;',
    'INSERT OR REPLACE INTO cache_entries (key, value) VALUES (1, 0);',
    '',
  ].join('\n');

  it('are read by tokens only: no parse warning on their valid SQL, their references still read, and the run says so once', async () => {
    const { result, dialects, evidence, findings } = await run({
      'services/erp/package.json': manifest('erp', { mssql: '^10' }),
      'services/erp/migrations/V1__init.sql': TSQL,
      'services/erp/src/db.js':
        "const sql = require('mssql');\nexports.get = (p, id) => p.request().input('id', id).query('SELECT TOP 1 Id FROM dbo.Customers WHERE Id = @id');\n",
      'services/cache/package.json': manifest('cache', { 'better-sqlite3': '^9' }),
      'services/cache/migrations/V1__init.sql': SQLITE,
    });
    expect(findings).toEqual([]);
    expect(dialects).toEqual({ cache: [null, 'declared'], erp: [null, 'declared'] });
    expect(result.model.serviceByName('erp')?.dialectDecision?.unparsedEngine).toBe('sqlserver');
    expect(evidence('cache')).toEqual(['dependency: better-sqlite3 in services/cache/package.json']);
    expect(result.notices.filter((n) => n.includes('No parser here reads'))).toEqual([
      'No parser here reads the SQL of cache (SQLite), erp (SQL Server): their table references were read from tokens, and no statement was checked for syntax.',
    ]);
    const sql = result.model.files.find((f) => f.path === 'services/erp/migrations/V1__init.sql')!.sql!;
    expect(sql.byTokensOnly).toBe('sqlserver');
    const select = sql.statements.find((s) => s.kind === 'select' && s.text.startsWith('SELECT TOP'))!;
    const at = TSQL.indexOf('[dbo].[Customers] WHERE');
    expect(select.tableRefs.map((r) => [r.qualifier, r.name, r.span])).toEqual([['dbo', 'Customers', { start: at, end: at + 17 }]]);
    const insert = result.model.files
      .find((f) => f.path === 'services/cache/migrations/V1__init.sql')!
      .sql!.statements.find((s) => s.kind === 'insert')!;
    const into = SQLITE.indexOf('cache_entries (key, value)');
    expect(insert.tableRefs.map((r) => [r.name, r.action, r.span])).toEqual([['cache_entries', 'insert', { start: into, end: into + 13 }]]);
  });

  it('a MySQL or PostgreSQL driver beside them decides: SQLite for tests does not stop PostgreSQL parsing', async () => {
    const { dialects, findings } = await run({
      'services/a/package.json': manifest('a', { pg: '^8', 'better-sqlite3': '^9' }),
      'services/a/migrations/V1__bad.sql': 'CREATE TABLE a_things (id BIGSERIAL PRIMARY KEY);\nSELECT * FROM WHERE id = 1;\n',
    });
    expect(dialects).toEqual({ a: ['postgresql', 'declared'] });
    expect(findings).toEqual(['parse-error services/a/migrations/V1__bad.sql:2:15']);
  });

  it("a SQLite driver only devDependencies list is the tests' database: it names an engine, never the service's (HELDOUT9 #12)", async () => {
    const { result, dialects, findings } = await run({
      'services/catalog/package.json': JSON.stringify({
        name: 'catalog',
        dependencies: { knex: '^3' },
        devDependencies: { 'better-sqlite3': '^11' },
      }),
      'services/catalog/migrations/V1__init.sql':
        'CREATE TABLE entities (id UUID PRIMARY KEY, body JSONB NOT NULL);\nSELECT * FROM WHERE id = 1;\n',
    });
    expect(dialects).toEqual({ catalog: ['postgresql', 'sql-syntax'] });
    expect(result.model.serviceByName('catalog')?.dialectDecision?.unparsedEngine).toBeUndefined();
    expect(result.model.serviceByName('catalog')?.dialectDecision?.engines).toEqual(['postgresql', 'sqlite']);
    expect(findings).toEqual(['parse-error services/catalog/migrations/V1__init.sql:2:15']);
    // The same driver in dependencies makes it a SQLite service, read by tokens.
    const shipped = await run({
      'services/catalog/package.json': JSON.stringify({ name: 'catalog', dependencies: { knex: '^3', 'better-sqlite3': '^11' } }),
      'services/catalog/migrations/V1__init.sql':
        'CREATE TABLE entities (id UUID PRIMARY KEY, body JSONB NOT NULL);\nSELECT * FROM WHERE id = 1;\n',
    });
    expect(shipped.result.model.serviceByName('catalog')?.dialectDecision?.unparsedEngine).toBe('sqlite');
    expect(shipped.findings).toEqual([]);
  });

  it("a MySQL or PostgreSQL driver only devDependencies list beside one the package ships is the tests' too: the shipped one decides (HELDOUT15 #4)", async () => {
    // cnpmjs.org: mysql for the registry, pg and sqlite3 for its test matrix.
    const registry = (dev: Record<string, string>, shipped: Record<string, string> = { sequelize: '~2.0.1', mysql: '~2.5.4' }) =>
      JSON.stringify({ name: 'registry', dependencies: shipped, devDependencies: { mocha: '*', ...dev } });
    const sql = 'CREATE TABLE module (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY);\n';
    const { result, dialects } = await run({
      'services/registry/package.json': registry({ pg: '~4.2.0', sqlite3: '*' }),
      'services/registry/migrations/V1__module.sql': sql,
    });
    expect(dialects).toEqual({ registry: ['mysql', 'declared'] });
    expect(result.model.serviceByName('registry')?.dialectDecision?.evidence.map((e) => e.detail)).toEqual([
      'mysql in services/registry/package.json',
    ]);
    expect(result.model.serviceByName('registry')?.dialectDecision?.engines).toEqual(['mysql', 'sqlite']);
    // Every driver a devDependency: each still counts, and both engines decide nothing at this level.
    const allDev = await run({
      'services/registry/package.json': registry({ pg: '~4.2.0', mysql: '~2.5.4' }, { sequelize: '~2.0.1' }),
      'services/registry/migrations/V1__module.sql': sql,
    });
    expect(allDev.dialects).toEqual({ registry: [null, 'mixed'] });
    expect(allDev.result.model.serviceByName('registry')?.dialectDecision?.evidence.map((e) => e.detail)).toEqual([
      'pg in services/registry/package.json',
      'mysql in services/registry/package.json',
    ]);
  });

  it("TypeORM's type: 'sqlite-pooled' is SQLite: beside type: 'postgres' the service is PostgreSQL and names both engines (HELDOUT9 #9)", async () => {
    const { result, dialects } = await run({
      'services/db/package.json': manifest('db', { typeorm: '^0.3', pg: '^8' }),
      'services/db/src/options.js': [
        "exports.sqlite = { type: 'sqlite-pooled', database: 'database.sqlite' };",
        "exports.postgres = { type: 'postgres', database: 'n8n' };",
      ].join('\n'),
    });
    expect(dialects).toEqual({ db: ['postgresql', 'declared'] });
    expect(result.model.serviceByName('db')?.dialectDecision?.engines).toEqual(['postgresql', 'sqlite']);
  });
});

describe("a file's engine follows its own path first (issue 14: HELDOUT9 #6, HELDOUT10 #1, #2, #4, #5, #11)", () => {
  const MYSQL = 'CREATE TABLE `users` (`user_id` int UNSIGNED NOT NULL AUTO_INCREMENT, PRIMARY KEY (`user_id`)) ENGINE=InnoDB;\n';
  const PG =
    "CREATE SEQUENCE users_seq;\nCREATE TABLE users (user_id integer DEFAULT nextval('users_seq'::text) PRIMARY KEY, prefs jsonb);\n";
  const SQLITE = 'CREATE TABLE users (user_id integer PRIMARY KEY AUTOINCREMENT NOT NULL);\nPRAGMA foreign_keys = ON;\n';
  const TSQL = 'CREATE TABLE [dbo].[users] ([user_id] [int] IDENTITY (1, 1) NOT NULL, [created] [datetime] NOT NULL)\nGO\n';
  const ORACLE = 'CREATE TABLE users (user_id integer PRIMARY KEY, created timestamp with time zone DEFAULT current_timestamp);\n/\n';

  it("per-engine folders and files of one service are each read in their engine: no mismatch, no parse warning, SQL Server's DATETIME no MySQL vote", async () => {
    const { result, dialects, findings } = await run(
      {
        'services/webmail/composer.json': '{"name": "acme/webmail", "require": {"php": ">=7.3"}}',
        'services/webmail/SQL/mysql.initial.sql': MYSQL,
        'services/webmail/SQL/mysql/2016081200.sql': MYSQL,
        'services/webmail/SQL/postgres.initial.sql': PG,
        'services/webmail/SQL/postgres/2016081200.sql': PG,
        'services/webmail/SQL/sqlite.initial.sql': SQLITE,
        'services/webmail/SQL/mssql.initial.sql': TSQL,
        'services/webmail/SQL/mssql/2009103100.sql': TSQL,
        'services/webmail/SQL/oracle.initial.sql': ORACLE,
      },
      { services: [{ name: 'webmail', roots: ['services/webmail'] }] },
    );
    expect(findings).toEqual([]);
    expect(dialects).toEqual({ webmail: [null, 'none'] });
    expect(result.model.serviceByName('webmail')?.dialectDecision?.engines).toEqual([
      'mysql',
      'oracle',
      'postgresql',
      'sqlite',
      'sqlserver',
    ]);
    const read = Object.fromEntries(
      result.model.files
        .filter((f) => f.kind === 'sql')
        .map((f) => [f.path.replace('services/webmail/SQL/', ''), f.sql?.byTokensOnly ?? f.sql?.dialect]),
    );
    expect(read).toEqual({
      'mssql.initial.sql': 'sqlserver',
      'mssql/2009103100.sql': 'sqlserver',
      'mysql.initial.sql': 'mysql',
      'mysql/2016081200.sql': 'mysql',
      'oracle.initial.sql': 'oracle',
      'postgres.initial.sql': 'postgresql',
      'postgres/2016081200.sql': 'postgresql',
      'sqlite.initial.sql': 'sqlite',
    });
  });

  it("a folder named for an engine beats the service's declared one, after init too; its own SQL elsewhere is still judged", async () => {
    const files = {
      'services/umami/package.json': manifest('umami', { pg: '^8', '@clickhouse/client': '^1' }),
      'services/umami/db/mysql/migrations/01_init/migration.sql': MYSQL,
      'services/umami/db/clickhouse/schema.sql':
        "CREATE TABLE umami.website_event (website_id UUID, created_at DateTime('UTC')) ENGINE = MergeTree ORDER BY (website_id, created_at);\n",
      'services/umami/db/postgresql/migrations/01_init/migration.sql': 'CREATE TABLE `report` (id INT AUTO_INCREMENT PRIMARY KEY);\n',
    };
    for (const config of [{}, { services: [{ name: 'umami', roots: ['services/umami'], dialect: 'postgresql' as const }] }]) {
      const { findings } = await run(files, config);
      expect(findings).toEqual([
        'migration-dialect-mismatch services/umami/db/postgresql/migrations/01_init/migration.sql:1:14',
        'migration-dialect-mismatch services/umami/db/postgresql/migrations/01_init/migration.sql:1:31',
      ]);
    }
  });

  it("the service's own folder name is no evidence of its files: services/mysql-sync on pg reads its SQL as PostgreSQL", async () => {
    const { findings } = await run({
      'services/mysql-sync/package.json': manifest('mysql-sync', { pg: '^8' }),
      'services/mysql-sync/migrations/V1__init.sql': 'CREATE TABLE `sync_state` (id INT AUTO_INCREMENT PRIMARY KEY);\n',
    });
    expect(findings).toEqual([
      'migration-dialect-mismatch services/mysql-sync/migrations/V1__init.sql:1:14',
      'migration-dialect-mismatch services/mysql-sync/migrations/V1__init.sql:1:35',
    ]);
  });
});

describe('a service its statements decide, over analyses an earlier run left in the cache (reuse-run, HELDOUT13 #40)', () => {
  // billing declares nothing; payment is on the other engine. Each state is linted cold, and warm after a run whose
  // config put the SQL in the other dialect or named billing's: the decisions are the cold run's.
  const services = [
    { name: 'billing', roots: ['services/billing'] },
    { name: 'payment', roots: ['services/payment'] },
  ];
  const state = (driver: string, billingSql: string) => ({
    'services/payment/migrations/V1__payments.sql': 'CREATE TABLE payment_payments (id CHAR(36) PRIMARY KEY, amount INT);\n',
    'services/payment/src/db.ts': `import { connect } from '${driver}';\nexport const db = connect(process.env.DATABASE_URL);\n`,
    'services/billing/migrations/V1__invoices.sql': billingSql,
  });
  const decide = async (files: Record<string, string>, cache: ReturnType<SharedFactsMemory['cache']>) => {
    const result = await lint({
      cwd: '/nilecare-memory',
      tree: memoryTree(files),
      config: { services, rules: rulesOnly() },
      factsCache: cache,
    });
    const billing = result.model.serviceByName('billing')!;
    return {
      dialects: result.model.services.map((s) => `${s.name}: ${s.dialect ?? '-'} (${s.dialectDecision?.basis})`),
      kinds: billing.databases.map((d) => `${d.name} ${d.kind}`),
      byParseVote: result.model.files.filter((f) => f.path.startsWith('services/billing/')).map((f) => f.sql?.byParseVote ?? null),
    };
  };

  it.each([
    // Neutral SQL beside a PostgreSQL service: read in PostgreSQL, decided by nothing (the cache's MySQL reading voted MySQL).
    [
      'pg',
      'CREATE TABLE billing_invoices (id CHAR(36) PRIMARY KEY, total INT);\n',
      ['billing: - (none)', 'payment: postgresql (declared)'],
      [null],
    ],
    // PostgreSQL only its parser tells, beside a MySQL service: its statements choose PostgreSQL.
    ['mysql2/promise', `${PG_UNSNIFFED}\n`, ['billing: postgresql (sql-parse)', 'payment: mysql (declared)'], [true]],
  ])('payment on %s', async (driver, sql, dialects, byParseVote) => {
    const files = state(driver, sql);
    const cold = await decide(files, new SharedFactsMemory().cache());
    expect(cold.dialects).toEqual(dialects);
    expect(cold.byParseVote).toEqual(byParseVote);
    for (const earlier of [
      { dialect: 'mysql' as const },
      { dialect: 'postgresql' as const },
      { services: services.map((s) => ({ ...s, dialect: 'mysql' as const })) },
    ]) {
      const memory = new SharedFactsMemory();
      await lint({
        cwd: '/nilecare-memory',
        tree: memoryTree(files),
        config: { services, ...earlier, rules: rulesOnly() },
        factsCache: memory.cache(),
      });
      expect(await decide(files, memory.cache()), JSON.stringify(earlier)).toEqual(cold);
    }
    // And again over its own analyses: its statements' choice counts as read in it.
    const memory = new SharedFactsMemory();
    await decide(files, memory.cache());
    expect(await decide(files, memory.cache())).toEqual(cold);
  });
});
