import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/discovery/discover.js';
import { PackageIndex } from '../../src/model/packages.js';
import { describeServiceEvidence, discoverServices } from '../../src/model/service-discovery.js';
import { configuredServices } from '../../src/model/services.js';
import { tempDir } from '../temp-dirs.js';

const pkg = (name: string, dependencies: Record<string, string> = {}, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ name, private: true, dependencies, ...extra });

function makeRepo(files: Record<string, string>): string {
  const root = tempDir('nilecare-discovery-');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

function discover(root: string) {
  const found = discoverServices(root, discoverFiles({ cwd: root, ignores: [], defaultIgnores: true }), new PackageIndex(root));
  return {
    services: found.services.map((s) => [s.name, s.root, s.evidence.map(describeServiceEvidence).join(', ')]),
    rejected: found.rejected.map((r) => [r.root, r.reason]),
  };
}

describe('service discovery', () => {
  it("Rails, Laravel and EF Core services keep their data in their own language's migrations (HELDOUT8 #5)", () => {
    const root = makeRepo({
      'services/accounts/Gemfile': 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngem "pg"\n',
      'services/accounts/db/migrate/20240110120000_create_users.rb': 'class CreateUsers < ActiveRecord::Migration[7.1]\nend\n',
      'services/accounts/db/animals_migrate/20240111120000_create_dogs.rb': 'class CreateDogs < ActiveRecord::Migration[7.1]\nend\n',
      'services/catalog/composer.json': '{ "name": "acme/catalog", "require": { "laravel/framework": "^11.0" } }\n',
      'services/catalog/database/migrations/2024_01_15_000000_create_products_table.php':
        "<?php\nSchema::create('products', fn ($t) => $t->id());\n",
      'services/billing/Billing.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n',
      'services/billing/Migrations/20240201093000_InitialCreate.cs': 'public partial class InitialCreate : Migration {}\n',
      'services/billing/Migrations/20240201093000_InitialCreate.Designer.cs': '[Migration("20240201093000_InitialCreate")]\n',
      'services/notes/Gemfile': 'source "https://rubygems.org"\ngem "rails"\n',
      'services/notes/Dockerfile': 'FROM ruby:3.3\n',
      'services/notes/db/migrate/create_notes.rb': 'class CreateNotes < ActiveRecord::Migration[7.1]\nend\n',
    });
    const found = discover(root);
    expect(found.services).toEqual([
      [
        'accounts',
        'services/accounts',
        'a deployable of its own (services/accounts/Gemfile), services/accounts/db/animals_migrate/ (2 files)',
      ],
      ['billing', 'services/billing', 'a deployable of its own (services/billing/Billing.csproj), services/billing/Migrations/ (1 file)'],
      [
        'catalog',
        'services/catalog',
        'a deployable of its own (services/catalog/composer.json), services/catalog/database/migrations/ (1 file)',
      ],
    ]);
    // A Ruby file without its version in db/migrate/ is no migration Active Record runs: no data of its own.
    expect(found.rejected).toEqual([
      [
        'services/notes',
        'a deployable of its own (services/notes/Gemfile) without data of its own (no migrations, SQL files, Prisma schema, ORM config or entities)',
      ],
    ]);
  });

  it('a marker package.json ({"type": "commonjs"}, {"sideEffects": false}, {"private": true}) is no package: its files are the package\'s above (HELDOUT9 A1)', () => {
    const root = makeRepo({
      'services/unleash/package.json': pkg('unleash-server', { pg: '^8', 'db-migrate': '^0.11' }, { type: 'module' }),
      'services/unleash/src/migrations/package.json': '{\n    "type": "commonjs"\n}\n',
      'services/unleash/src/migrations/20141020151056-initial-schema.js':
        "exports.up = function (db, cb) { db.runSql('CREATE TABLE strategies (name varchar(255) PRIMARY KEY)', cb); };\n",
      'services/unleash/src/lib/db/strategy-store.js': "import pg from 'pg';\nexport const all = (db) => db('strategies').select('*');\n",
      'services/unleash/src/lib/package.json': '{ "sideEffects": false }',
      'services/audit/package.json': '{ "private": true }',
      'services/audit/migrations/20240101120000_init.sql': 'CREATE TABLE audit_log (id serial PRIMARY KEY);\n',
      // A package with a name is one, however small: its folder stays a service of its own.
      'services/billing/package.json': '{ "name": "billing" }',
      'services/billing/migrations/20240101120000_init.sql': 'CREATE TABLE invoices (id serial PRIMARY KEY);\n',
    });
    const found = discover(root);
    expect(found.services).toEqual([
      ['billing', 'services/billing', 'services/billing/migrations/ (1 file)'],
      ['unleash', 'services/unleash', 'pg, services/unleash/src/migrations/ (1 file)'],
    ]);
    // services/audit's marker makes no package: no folder of it is judged, nor the markers' folders.
    expect(found.rejected.map(([folder]) => folder)).toEqual([]);
  });

  it('the package.json `prisma generate` writes into its output folder is build output of the package above, no package (HELDOUT13 #1)', () => {
    const generated = (name: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({
        name,
        main: 'index.js',
        types: 'index.d.ts',
        browser: 'default.js',
        exports: { '.': { default: './index.js' } },
        version: '7.2.0',
        sideEffects: false,
        dependencies: { '@prisma/client-runtime-utils': '7.2.0' },
        ...extra,
      });
    const schema = 'datasource db {\n  provider = "postgresql"\n}\nmodel GatewaySetting {\n  id String @id\n}\n';
    const root = makeRepo({
      'packages/database/package.json': pkg('@acme/database', { '@prisma/client': '^7', pg: '^8' }),
      'packages/database/prisma/schema.prisma': schema,
      'packages/database/prisma/migrations/20260310173213_init/migration.sql': 'CREATE TABLE "GatewaySetting" ("id" TEXT PRIMARY KEY);\n',
      'packages/database/src/generated/prisma/package.json': generated(
        'prisma-client-15c965062604a2c41d3cc01c450f2ad55bb6bf5a925401be6386352b8a04312d',
      ),
      'packages/database/src/generated/prisma/schema.prisma': schema,
      'packages/database/src/generated/prisma/index.js': 'exports.PrismaClient = getPrismaClient(config);\n',
      // Prisma 4's name, in a folder of another name: recognised by its shape too.
      'packages/legacy/package.json': pkg('@acme/legacy', { '@prisma/client': '^4' }),
      'packages/legacy/prisma/schema.prisma': schema,
      'packages/legacy/client/package.json': JSON.stringify({
        name: '.prisma/client',
        main: 'index.js',
        types: 'index.d.ts',
        browser: 'index-browser.js',
        sideEffects: false,
      }),
      // Named alike but written by someone (scripts, a dependency of its own): a package.
      'packages/prisma-client-0123456789abcdef0123/package.json': generated('prisma-client-0123456789abcdef0123', {
        scripts: { build: 'tsc' },
        dependencies: { pg: '^8' },
      }),
    });
    const found = discover(root);
    expect(found.services.map(([name, folder]) => [name, folder])).toEqual([
      ['database', 'packages/database'],
      ['legacy', 'packages/legacy'],
      ['prisma-client-0123456789abcdef0123', 'packages/prisma-client-0123456789abcdef0123'],
    ]);
    expect(found.rejected).toEqual([]);
  });

  it('a package.json a merge conflict broke: the folder is still a service when its own files keep data, and the run says why', () => {
    const root = makeRepo({
      'services/billing/package.json':
        '{\n  "name": "billing",\n<<<<<<< HEAD\n  "version": "1.2.0",\n=======\n  "version": "1.3.0",\n>>>>>>> x\n}\n',
      'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id INT);\n',
      'services/notes/package.json': '{\n<<<<<<< HEAD\n}\n',
      'services/notes/README.md': '# notes\n',
      'services/orders/package.json': pkg('orders', { mysql2: '^3' }),
    });
    const packages = new PackageIndex(root);
    const found = discoverServices(root, discoverFiles({ cwd: root, ignores: [], defaultIgnores: true }), packages);
    expect(found.services.map((s) => [s.name, s.root, s.evidence.map(describeServiceEvidence).join(', ')])).toEqual([
      ['billing', 'services/billing', 'services/billing/migrations/ (1 file)'],
      ['orders', 'services/orders', 'mysql2'],
    ]);
    expect(found.rejected.map((r) => [r.root, r.reason])).toEqual([
      ['services/notes', 'its package.json is not valid JSON (a merge-conflict marker)'],
    ]);
    expect(packages.problems).toEqual([
      "services/billing/package.json:3:1: not valid JSON (a merge-conflict marker); its dependencies were not used to find services or infer drivers; its folder's own files still were",
      "services/notes/package.json:2:1: not valid JSON (a merge-conflict marker); its dependencies were not used to find services or infer drivers; its folder's own files still were",
    ]);
  });

  it('finds deployables that keep data at any depth, whatever their folder is called', () => {
    const root = makeRepo({
      'package.json': pkg('monorepo', {}, { workspaces: ['apps/*', 'packages/*'] }),
      'services/billing/package.json': pkg('billing', { mysql2: '^3' }),
      'apps/admin-api/package.json': pkg('@shop/admin-api', { express: '^4', pg: '^8' }),
      'apps/services/catalog/package.json': pkg('@shop/catalog', { '@nestjs/typeorm': '^10', typeorm: '^0.3' }),
      'apps/services/catalog/src/product.entity.ts': "@Entity('products') export class Product {}\n",
      'apps/infrastructure/notifications/package.json': pkg('@shop/notifications', { express: '^4' }),
      'apps/infrastructure/notifications/knexfile.ts': "export default { client: 'pg' };\n",
      'backend/services/payment/package.json': pkg('payment', { express: '^4' }),
      'backend/services/payment/prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n}\n',
      'packages/inventory-sync/package.json': pkg('@shop/inventory-sync', { undici: '^6' }, { scripts: { start: 'node dist' } }),
      'packages/inventory-sync/migrations/001_cursors.sql': 'CREATE TABLE sync_cursors (id INT);\n',
      'stock/package.json': pkg('stock', { sequelize: '^6', mysql2: '^3' }),
      'order-service/package.json': pkg('order-service', { mysql2: '^3' }),
    });
    expect(discover(root).services).toEqual([
      ['admin-api', 'apps/admin-api', 'pg'],
      ['notifications', 'apps/infrastructure/notifications', 'apps/infrastructure/notifications/knexfile.ts'],
      ['catalog', 'apps/services/catalog', '@nestjs/typeorm, typeorm, 1 entity'],
      ['payment', 'backend/services/payment', 'backend/services/payment/prisma/schema.prisma'],
      ['order-service', 'order-service', 'mysql2'],
      ['inventory-sync', 'packages/inventory-sync', 'packages/inventory-sync/migrations/ (1 file)'],
      ['billing', 'services/billing', 'mysql2'],
      ['stock', 'stock', 'sequelize, mysql2'],
    ]);
  });

  it('sets aside front ends, libraries, workspace roots and packages with no data, saying why', () => {
    const root = makeRepo({
      'package.json': pkg('monorepo', {}, { workspaces: ['apps/*', 'packages/*'] }),
      'apps/orders/package.json': pkg('@shop/orders', { '@shop/db-kit': '*', '@shop/shared-db': '*', express: '^4' }),
      'apps/orders/migrations/V1__orders.sql': 'CREATE TABLE orders (id INT);\n',
      'apps/web/package.json': pkg('@shop/web', { next: '^14', react: '^18', 'react-dom': '^18' }),
      'apps/web/src/db.sql': 'SELECT 1;\n',
      'apps/storefront/package.json': pkg('@shop/storefront', { next: '^14', '@prisma/client': '^5' }),
      'apps/storefront/prisma/schema.prisma': 'model Cart { id Int @id }\n',
      'packages/design-system/package.json': pkg('@shop/design-system', { 'styled-components': '^6' }),
      'packages/observability/package.json': pkg('@shop/observability', { '@opentelemetry/instrumentation-pg': '^0.4' }),
      'packages/shared-db/package.json': pkg('@shop/shared-db', { pg: '^8' }),
      'packages/db-kit/package.json': pkg('@shop/db-kit', { pg: '^8' }, { main: 'dist/index.js' }),
      'backend/package.json': pkg('backend', { pg: '^8' }, { workspaces: ['services/*'] }),
      'apps/broken/package.json': '{ "name": ',
    });
    const found = discover(root);
    expect(found.services).toEqual([
      ['orders', 'apps/orders', 'apps/orders/migrations/ (1 file), @shop/db-kit → pg (packages/db-kit/package.json)'],
      ['storefront', 'apps/storefront', '@prisma/client, apps/storefront/prisma/schema.prisma'],
    ]);
    expect(found.rejected).toEqual([
      ['apps/broken', 'its package.json is not valid JSON'],
      ['apps/web', 'a front end (next)'],
      ['backend', 'a workspace root (its package.json declares workspaces)'],
      ['packages/db-kit', 'a library (other packages depend on @shop/db-kit)'],
      ['packages/design-system', 'no driver, ORM, migrations, Prisma schema or entities'],
      ['packages/observability', 'no driver, ORM, migrations, Prisma schema or entities'],
      ['packages/shared-db', 'a library (by its name)'],
    ]);
  });

  it('a folder named like a library (core, docs, config, shared, tools) is a service when it runs and keeps data or connects of its own (HELDOUT8 #25); one sign alone leaves the name deciding, and the reason says which', () => {
    const root = makeRepo({
      'package.json': pkg('acme', {}, { workspaces: ['services/*', 'packages/*', 'tools'] }),
      // The platform's backend: start script, Dockerfile, server entry, its own migrations and pool.
      'services/core/package.json': pkg('@acme/core', { pg: '^8', fastify: '^4' }, { scripts: { start: 'node dist/main.js' } }),
      'services/core/Dockerfile': 'FROM node:20-alpine\nCMD ["node", "dist/main.js"]\n',
      'services/core/src/main.ts': "import { Pool } from 'pg';\nconst pool = new Pool({ connectionString: process.env.DATABASE_URL });\n",
      'services/core/migrations/1714000000000_accounts.sql': 'CREATE TABLE accounts (id BIGINT);\n',
      // A documents service without migrations: its image and a server that listens, with a pool of its own.
      'services/docs/package.json': pkg('@acme/docs', { pg: '^8' }),
      'services/docs/Dockerfile': 'FROM node:20-alpine\n',
      'services/docs/src/routes.ts': 'const pool = new Pool({ connectionString: process.env.DATABASE_URL });\napp.listen(8080);\n',
      // A start script and a driver, nothing of its own: the name still decides.
      'packages/config/package.json': pkg('@acme/config', { pg: '^8' }, { scripts: { start: 'node watch.js' } }),
      'packages/config/src/index.ts': 'export const poolSize = 10;\n',
      // Migrations nothing runs: a shared schema package, named like one.
      'packages/shared/package.json': pkg('@acme/shared', { pg: '^8' }),
      'packages/shared/migrations/V1__audit.sql': 'CREATE TABLE audit_log (id BIGINT);\n',
      'tools/package.json': pkg('@acme/tools', { pg: '^8' }),
      'tools/src/seed.ts': 'export const rows = [];\n',
    });
    expect(discover(root)).toEqual({
      services: [
        [
          'core',
          'services/core',
          "named like a library, but deployed: a 'start' script, services/core/Dockerfile, a server entry (services/core/src/main.ts), code opening a connection, pg, services/core/migrations/ (1 file)",
        ],
        ['docs', 'services/docs', 'named like a library, but deployed: services/docs/Dockerfile, code opening a connection, pg'],
      ],
      rejected: [
        [
          'packages/config',
          "a library (by its name; a 'start' script runs it, but it keeps no migrations, schema or ORM config and opens no connection of its own)",
        ],
        [
          'packages/shared',
          'a library (by its name; it has packages/shared/migrations/ (1 file), but nothing runs it: no start script, Dockerfile, Procfile or server entry)',
        ],
        ['tools', 'a library (by its name)'],
      ],
    });
  });

  it('an Nx application or a deployable without package.json named like a library is a service with a schema of its own, not with loose SQL (HELDOUT8 #25)', () => {
    const project = JSON.stringify({ name: 'x', projectType: 'application', targets: {} });
    const root = makeRepo({
      'package.json': pkg('@acme/source', { pg: '^8' }),
      'nx.json': '{}',
      'apps/core/project.json': project,
      'apps/core/migrations/001_accounts.sql': 'CREATE TABLE accounts (id INT);\n',
      'apps/docs/project.json': project,
      'apps/docs/src/main.ts': 'console.log(1);\n',
      'services/sdk/go.mod': 'module x\n\nrequire github.com/jackc/pgx/v5 v5.5.2\n',
      'services/sdk/migrations/000001_keys.up.sql': 'CREATE TABLE api_keys (id INT);\n',
      'services/common/Dockerfile': 'FROM node:20\n',
      'services/common/backfill.sql': 'UPDATE accounts SET id = id;\n',
    });
    expect(discover(root)).toEqual({
      services: [
        [
          'core',
          'apps/core',
          'an application in apps/core/project.json, named like a library, but deployed with a schema of its own, apps/core/migrations/ (1 file)',
        ],
        [
          'sdk',
          'services/sdk',
          'a deployable of its own (services/sdk/go.mod), named like a library, but deployed with a schema of its own, services/sdk/migrations/ (1 file)',
        ],
      ],
      rejected: [
        ['apps/docs', 'a library (by its name)'],
        ['services/common', 'a library (by its name)'],
      ],
    });
  });

  it('a data package (schema and migrations) used only by apps without data of their own is one service with them', () => {
    const root = makeRepo({
      'package.json': pkg('shop', {}, { workspaces: ['apps/*', 'packages/*'] }),
      'packages/db/package.json': pkg('@shop/db', { '@prisma/client': '^5' }),
      'packages/db/prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n}\nmodel Order { id Int @id }\n',
      'packages/db/prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "Order" ("id" INTEGER NOT NULL);\n',
      'apps/api/package.json': pkg('api', { '@shop/db': 'workspace:*', express: '^4' }),
      'apps/web/package.json': pkg('web', { '@shop/db': 'workspace:*', next: '^14' }),
      'packages/ui/package.json': pkg('@shop/ui', { react: '^18' }),
    });
    const found = discoverServices(root, discoverFiles({ cwd: root, ignores: [], defaultIgnores: true }), new PackageIndex(root));
    expect(found.services.map((s) => [s.name, s.root, s.clientRoots])).toEqual([['db', 'packages/db', ['apps/api', 'apps/web']]]);
    expect(describeServiceEvidence(found.services[0].evidence.at(-1)!)).toBe(
      'the data package @shop/db, through which apps/api, apps/web reach the database (one application, one database by design)',
    );
    expect(found.rejected.map((r) => r.root)).toEqual(['packages/ui']);
    expect(
      configuredServices(root, {}, discoverFiles({ cwd: root, ignores: [], defaultIgnores: true }), new PackageIndex(root)).services,
    ).toEqual([{ name: 'db', roots: ['packages/db', 'apps/api', 'apps/web'] }]);
  });

  it('a data package that a service with data of its own depends on stays a library', () => {
    const root = makeRepo({
      'packages/db/package.json': pkg('@shop/db', { '@prisma/client': '^5' }),
      'packages/db/prisma/schema.prisma': 'model Order { id Int @id }\n',
      'apps/api/package.json': pkg('api', { '@shop/db': 'workspace:*', pg: '^8' }),
      'apps/web/package.json': pkg('web', { '@shop/db': 'workspace:*', next: '^14' }),
    });
    const found = discover(root);
    expect(found.services.map(([name, folder]) => [name, folder])).toEqual([['api', 'apps/api']]);
    expect(found.rejected).toContainEqual(['packages/db', 'a library (other packages depend on @shop/db)']);
  });

  it('a package with migrations of its own owns its tables although services with schemas of their own depend on it (HELDOUT14 #3)', () => {
    // atproto: the PDS (better-sqlite3, its own Kysely migrations) is a devDependency of bsky and ozone (each with its
    // own migrations) and a dependency of dev-env, which reaches data only through the services it starts.
    const migration = (table: string) => `export async function up(db) { await db.schema.createTable('${table}').execute() }\n`;
    const root = makeRepo({
      'package.json': pkg('atproto', {}, { workspaces: ['packages/*'] }),
      'packages/pds/package.json': pkg('@atproto/pds', { 'better-sqlite3': '^10', kysely: '^0.22' }, { main: 'dist/index.js' }),
      'packages/pds/src/account-manager/db/migrations/001-init.ts': migration('account'),
      'packages/bsky/package.json': pkg(
        '@atproto/bsky',
        { pg: '^8', kysely: '^0.22' },
        { devDependencies: { '@atproto/pds': 'workspace:^' }, scripts: { start: 'node dist/bin.js' } },
      ),
      'packages/bsky/src/db/migrations/20230309T045948368Z-init.ts': migration('actor'),
      'packages/dev-env/package.json': pkg(
        '@atproto/dev-env',
        { '@atproto/pds': 'workspace:^', '@atproto/bsky': 'workspace:^' },
        { scripts: { start: 'node dist/bin.js' } },
      ),
    });
    const found = discover(root);
    expect(found.services.map(([name, folder]) => [name, folder])).toEqual([
      ['bsky', 'packages/bsky'],
      ['dev-env', 'packages/dev-env'],
      ['pds', 'packages/pds'],
    ]);
    expect(found.services.find(([name]) => name === 'pds')?.[2]).toBe(
      'better-sqlite3, kysely, packages/pds/src/account-manager/db/migrations/ (1 file)',
    );
    // A service connecting itself with no schema of its own (its data is the package's schema): the package is its library.
    writeFileSync(
      path.join(root, 'packages/bsky/package.json'),
      pkg('@atproto/bsky', { pg: '^8', '@atproto/pds': 'workspace:^' }, { scripts: { start: 'node dist/bin.js' } }),
    );
    rmSync(path.join(root, 'packages/bsky/src/db'), { recursive: true });
    const library = discover(root);
    expect(library.services.map(([name]) => name)).not.toContain('pds');
    expect(library.rejected).toContainEqual(['packages/pds', 'a library (other packages depend on @atproto/pds)']);
  });

  it('a query builder without a driver of its own keeps no data: its package is a client of the data package', () => {
    const root = makeRepo({
      'package.json': pkg('orbit', {}, { workspaces: ['packages/*'] }),
      'packages/db/package.json': pkg('@orbit/db', { knex: '2.4.1', pg: '^8' }),
      'packages/db/src/migrations/20240301104958_create_collections_table.js':
        "exports.up = (knex) => knex.schema.createTable('collections', (t) => { t.bigIncrements('id'); });\n",
      'packages/api/package.json': pkg(
        '@orbit/api',
        { '@orbit/db': '21.0.0', knex: '2.4.1', express: '^4' },
        { scripts: { serve: 'node bin/cli.js serve' } },
      ),
      'packages/tasks/package.json': pkg('@orbit/tasks', { '@orbit/db': '21.0.0' }),
    });
    const found = discoverServices(root, discoverFiles({ cwd: root, ignores: [], defaultIgnores: true }), new PackageIndex(root));
    expect(found.services.map((s) => [s.name, s.root, s.clientRoots])).toEqual([['db', 'packages/db', ['packages/api', 'packages/tasks']]]);
    // With a driver of its own, the api connects itself: a service, and @orbit/db a library.
    writeFileSync(path.join(root, 'packages/api/package.json'), pkg('@orbit/api', { '@orbit/db': '21.0.0', knex: '2.4.1', pg: '^8' }));
    const withDriver = discover(root);
    expect(withDriver.services.map(([name, folder]) => [name, folder])).toContainEqual(['api', 'packages/api']);
    expect(withDriver.services.map(([name]) => name)).not.toContain('db');
    expect(withDriver.rejected).toContainEqual(['packages/db', 'a library (other packages depend on @orbit/db)']);
  });

  it("an app whose only driver is the one of the Prisma adapter it builds the data package's client with is the data package's client (HELDOUT13 #20)", () => {
    const root = makeRepo({
      'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n  - 'packages/*'\n",
      'package.json': pkg('local-mcp'),
      'packages/database/package.json': pkg(
        '@dx/database',
        { '@prisma/client': '^7', '@prisma/adapter-pg': '^7', pg: '^8' },
        { main: './dist/index.js', types: './dist/index.d.ts' },
      ),
      'packages/database/prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n}\nmodel Profile {\n  id String @id\n}\n',
      'packages/database/prisma/migrations/20250101000000_init/migration.sql': 'CREATE TABLE "profiles" ("id" TEXT PRIMARY KEY);\n',
      'packages/database/src/index.ts': "export * from './generated/prisma/client';\n",
      'apps/backend/package.json': pkg(
        '@dx/backend',
        { '@dx/database': 'workspace:*', '@prisma/adapter-pg': '^7', pg: '^8', '@nestjs/core': '^11' },
        { scripts: { 'start:prod': 'node dist/main.js' } },
      ),
      'apps/backend/src/prisma.service.ts': [
        "import { PrismaClient } from '@dx/database/generated/prisma';",
        "import { PrismaPg } from '@prisma/adapter-pg';",
        'export class PrismaService extends PrismaClient {',
        "  constructor() { super({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL ?? '' }) }); }",
        '}',
        '',
      ].join('\n'),
    });
    const found = discoverServices(root, discoverFiles({ cwd: root, ignores: [], defaultIgnores: true }), new PackageIndex(root));
    expect(found.services.map((s) => [s.name, s.root, s.clientRoots])).toEqual([['database', 'packages/database', ['apps/backend']]]);
    // Without the adapter, its `pg` is a connection of its own: a service, and the data package a library.
    writeFileSync(
      path.join(root, 'apps/backend/package.json'),
      pkg('@dx/backend', { '@dx/database': 'workspace:*', pg: '^8' }, { scripts: { 'start:prod': 'node dist/main.js' } }),
    );
    const withDriver = discover(root);
    expect(withDriver.services.map(([name, folder]) => [name, folder])).toEqual([['backend', 'apps/backend']]);
    expect(withDriver.rejected).toContainEqual(['packages/database', 'a library (other packages depend on @dx/database)']);
  });

  it('a package other packages depend on is still a service when it runs as a process', () => {
    const root = makeRepo({
      'apps/api/package.json': pkg('@x/api', { pg: '^8' }, { scripts: { 'start:prod': 'node dist/main' } }),
      'apps/e2e/package.json': pkg('@x/e2e', { '@x/api': '*' }),
      'apps/worker/package.json': pkg('@x/worker', { pg: '^8' }),
      'apps/worker/Dockerfile': 'FROM node:20\n',
      'apps/cli/package.json': pkg('@x/cli', { '@x/worker': '*' }),
    });
    expect(discover(root).services.map(([name]) => name)).toEqual(['api', 'worker']);
  });

  it('a library that only depends on a driver or defines entities is no service, though nothing names it a dependency', () => {
    const root = makeRepo({
      'package.json': pkg('medflow', {}, { workspaces: ['apps/*', 'libs/*', 'packages/*'] }),
      'libs/database/package.json': pkg('@m/database', { typeorm: '^0.3', pg: '^8' }, { main: 'dist/index.js' }),
      'libs/database/src/index.ts': "export * from './patient.entity';\n",
      'libs/database/src/patient.entity.ts': "@Entity('patients') export class Patient {}\n",
      'packages/pg-health/package.json': pkg('@m/pg-health', { pg: '^8' }),
      'packages/pg-health/src/index.ts': "export const ready = (pool) => pool.query('SELECT 1');\n",
      // Each of these is deployed or keeps data itself.
      'packages/db-pool/package.json': pkg('@m/db-pool', { pg: '^8' }),
      'packages/db-pool/src/index.ts': "export const pool = new Pool({ database: 'ledger' });\n",
      'libs/worker/package.json': pkg('@m/worker', { pg: '^8' }),
      'libs/worker/src/main.ts': 'run();\n',
      'libs/audit/package.json': pkg('@m/audit', { pg: '^8' }),
      'libs/audit/src/index.ts': 'export {};\n',
      'libs/audit/migrations/001_audit.sql': 'CREATE TABLE audit (id INT);\n',
      // Not laid out as a library: a service whose pool comes from elsewhere.
      'services/ledger/package.json': pkg('ledger', { pg: '^8' }),
      'services/ledger/src/entries.ts': "export const entries = (db) => db.query('SELECT * FROM entries');\n",
      'apps/typed/package.json': pkg('@m/typed', { mysql2: '^3' }, { types: 'dist/index.d.ts' }),
      'apps/typed/src/index.ts': "export const rows = (c) => c.query('SELECT 1');\n",
    });
    const found = discover(root);
    expect(found.services.map(([name]) => name)).toEqual(['audit', 'worker', 'db-pool', 'ledger']);
    const why = (what: string) =>
      `a library: ${what}, but no migrations, schema, ORM config or connection of its own, and nothing runs it (no start script, Dockerfile or main/server file); its tables belong to the services that use it`;
    expect(found.rejected).toEqual([
      ['apps/typed', why('mysql2')],
      ['libs/database', why('typeorm, pg, 1 entity')],
      ['packages/pg-health', why('pg')],
    ]);
  });

  it("a plugin whose only evidence is entity files and whose start script runs its tests' dev server is a library (HELDOUT13 #19)", () => {
    // Vendure's plugin template: typeorm and the host come through @vendure/core, `start` boots a dev server in test/.
    const plugin = (scripts: Record<string, string>) =>
      pkg(
        '@pinelab/vendure-plugin-store-credit',
        { 'catch-unknown': '^2.0.0' },
        { main: 'dist/index.js', types: 'dist/index.d.ts', scripts },
      );
    const entity = [
      '"use strict";',
      'const typeorm_1 = require("typeorm");',
      'const core_1 = require("@vendure/core");',
      'let Wallet = class Wallet extends core_1.VendureEntity {};',
      'Wallet = __decorate([(0, typeorm_1.Entity)()], Wallet);',
      'exports.Wallet = Wallet;',
      '',
    ].join('\n');
    const root = makeRepo({
      'package.json': pkg('vendure', {}, { workspaces: ['packages/*'] }),
      'packages/store-credit/package.json': plugin({
        build: 'rimraf dist && tsc',
        start: 'ts-node test/dev-server.ts',
        serve: 'nodemon --exec ts-node --swc test/dev-server.ts',
        test: 'vitest run',
      }),
      'packages/store-credit/src/index.js': 'exports.Wallet = require("./entities/wallet.entity").Wallet;\n',
      'packages/store-credit/src/entities/wallet.entity.js': entity,
    });
    const why =
      'a library: 1 entity, but no migrations, schema, ORM config or connection of its own, and nothing runs it (no start script, Dockerfile or main/server file); its tables belong to the services that use it';
    expect(discover(root)).toEqual({ services: [], rejected: [['packages/store-credit', why]] });
    // A start script running its own code (not its tests') deploys it: a service, as before.
    writeFileSync(
      path.join(root, 'packages/store-credit/package.json'),
      plugin({ start: 'node dist/index.js', dev: 'ts-node test/dev-server.ts' }),
    );
    expect(discover(root).services).toEqual([['store-credit', 'packages/store-credit', '1 entity']]);
  });

  it('an Nx libs/ package whose start script only recompiles it (tsc --watch) is a library; a start script running its code or its own migrations keep it a service (HELDOUT15 #9)', () => {
    // accounts-js's @accounts/typeorm: entities, typeorm, pg for its tests, `"start": "tsc --watch"` — no process of its own.
    const lib = (scripts: Record<string, string>) =>
      JSON.stringify({
        name: '@accounts/typeorm',
        main: 'lib/index.js',
        scripts: { clean: 'rimraf lib', compile: 'tsc', ...scripts },
        devDependencies: { pg: '8.1.0' },
        dependencies: { typeorm: '^0.2.22', 'reflect-metadata': '^0.1.13' },
      });
    const root = makeRepo({
      'package.json': pkg('platform', {}, { workspaces: ['apps/*', 'libs/*'] }),
      'nx.json': JSON.stringify({ workspaceLayout: { appsDir: 'apps', libsDir: 'libs' } }),
      'libs/accounts-typeorm/package.json': lib({ start: 'tsc --watch' }),
      'libs/accounts-typeorm/src/index.ts': "export * from './entity/User';\n",
      'libs/accounts-typeorm/src/entity/User.ts': '@Entity()\nexport class User {}\n',
      'libs/accounts-typeorm/src/entity/Session.ts': '@Entity()\nexport class Session {}\n',
    });
    // In nx.json's libsDir, which says it is a library as long as no start script runs it (see the Nx libsDir case).
    const why =
      "a library (in the Nx workspace's libraries' folder libs/ (nx.json workspaceLayout.libsDir); no migrations, schema or ORM config of its own, and no start script or Dockerfile runs it)";
    expect(discover(root)).toEqual({ services: [], rejected: [['libs/accounts-typeorm', why]] });
    for (const start of [
      'tsc -w',
      'rimraf lib && tsc --watch --preserveWatchOutput',
      'tsup --watch',
      'babel src -d lib --watch',
      'rollup -c -w',
      'vite build --watch',
      'NODE_ENV=development npx tsc -w',
    ]) {
      writeFileSync(path.join(root, 'libs/accounts-typeorm/package.json'), lib({ start }));
      expect([start, discover(root).services]).toEqual([start, []]);
    }
    // A start script that runs the package's own code deploys it: a service, as before.
    for (const start of ['node dist/main.js', 'tsc && node lib/index.js', 'tsc-watch --onSuccess "node lib/index.js"', 'webpack serve']) {
      writeFileSync(path.join(root, 'libs/accounts-typeorm/package.json'), lib({ start }));
      expect([start, discover(root).services]).toEqual([start, [['accounts-typeorm', 'libs/accounts-typeorm', 'typeorm, pg, 2 entities']]]);
    }
    // Its own migrations keep a recompiled-only library a service (HELDOUT14 #3: a package that keeps its data).
    writeFileSync(path.join(root, 'libs/accounts-typeorm/package.json'), lib({ start: 'tsc --watch' }));
    mkdirSync(path.join(root, 'libs/accounts-typeorm/migrations'));
    writeFileSync(path.join(root, 'libs/accounts-typeorm/migrations/001_users.sql'), 'CREATE TABLE users (id INT);\n');
    expect(discover(root).services.map(([name, folder]) => [name, folder])).toEqual([['accounts-typeorm', 'libs/accounts-typeorm']]);
  });

  it("packages in nx.json's libsDir, or with a project.json of projectType library, are libraries unless they keep a schema or something runs them (HELDOUT15 #9)", () => {
    // matrix-appservice-bridge in libs/: a store opening its own `postgres` connection and creating its table in code.
    const root = makeRepo({
      'package.json': pkg('platform', {}, { workspaces: ['apps/*', 'modules/*', 'tools/*'] }),
      'nx.json': JSON.stringify({ workspaceLayout: { appsDir: 'apps', libsDir: 'modules/' } }),
      'modules/bridge/package.json': pkg('bridge', { postgres: '^3' }, { main: 'lib/index.js', scripts: { build: 'tsc' } }),
      'modules/bridge/src/postgres-store.ts':
        "import postgres from 'postgres';\nexport const sql = postgres(process.env.DATABASE_URL);\nexport const up = () => sql`CREATE TABLE schema (version INT)`;\n",
      'apps/api/package.json': pkg('api', { pg: '^8' }, { scripts: { start: 'node dist/main.js' } }),
      'apps/api/src/main.ts': "import { Pool } from 'pg';\nnew Pool();\n",
      'tools/seed/package.json': pkg('seed', { pg: '^8' }),
      'tools/seed/project.json': JSON.stringify({ name: 'seed', projectType: 'library' }),
      'tools/seed/src/seed.ts': "import { Pool } from 'pg';\nnew Pool();\n",
    });
    expect(discover(root)).toEqual({
      services: [['api', 'apps/api', 'pg']],
      rejected: [
        [
          'modules/bridge',
          "a library (in the Nx workspace's libraries' folder modules/ (nx.json workspaceLayout.libsDir); no migrations, schema or ORM config of its own, and no start script or Dockerfile runs it)",
        ],
        [
          'tools/seed',
          'a library (tools/seed/project.json declares "projectType": "library"; no migrations, schema or ORM config of its own, and no start script or Dockerfile runs it)',
        ],
      ],
    });
    // Its own migrations, or a start script running it, keep a library folder's package a service.
    mkdirSync(path.join(root, 'modules/bridge/migrations'));
    writeFileSync(path.join(root, 'modules/bridge/migrations/001_schema.sql'), 'CREATE TABLE schema (version INT);\n');
    writeFileSync(path.join(root, 'tools/seed/package.json'), pkg('seed', { pg: '^8' }, { scripts: { start: 'node dist/seed.js' } }));
    expect(discover(root).services.map(([name]) => name)).toEqual(['api', 'bridge', 'seed']);
    // Without nx.json, libs/ and modules/ say nothing by themselves (the package's own signs decide, as before).
    rmSync(path.join(root, 'nx.json'));
    rmSync(path.join(root, 'modules/bridge/migrations'), { recursive: true });
    expect(discover(root).services.map(([name]) => name)).toEqual(['api', 'bridge', 'seed']);
    // An nx.json naming one folder for both applications and libraries tells neither apart.
    writeFileSync(path.join(root, 'nx.json'), JSON.stringify({ workspaceLayout: { appsDir: 'modules', libsDir: 'modules' } }));
    expect(discover(root).services.map(([name]) => name)).toEqual(['api', 'bridge', 'seed']);
  });

  it("a NocoBase plugin's collections are its own schema: each plugin with src/server/collections is a service, even one others depend on (HELDOUT16 #5)", () => {
    const plugin = (name: string, peers: Record<string, string>) =>
      JSON.stringify({ name, version: '1.6.0', main: './dist/server/index.js', peerDependencies: peers });
    const collection = (name: string) =>
      `import { defineCollection } from '@nocobase/database';\nexport default defineCollection({ name: '${name}' });\n`;
    const root = makeRepo({
      'package.json': pkg('nocobase', {}, { workspaces: ['packages/core/*', 'packages/plugins/@nocobase/*'] }),
      'packages/core/database/package.json': pkg('@nocobase/database', { sequelize: '6', pg: '8' }),
      'packages/plugins/@nocobase/plugin-users/package.json': plugin('@nocobase/plugin-users', {
        '@nocobase/database': '1.x',
        '@nocobase/plugin-acl': '1.x',
      }),
      'packages/plugins/@nocobase/plugin-users/src/server/collections/users.ts': collection('users'),
      // depended on by plugin-users (a peer): its collections still make it the owner of its tables
      'packages/plugins/@nocobase/plugin-acl/package.json': plugin('@nocobase/plugin-acl', { '@nocobase/server': '1.x' }),
      'packages/plugins/@nocobase/plugin-acl/src/server/collections/roles.ts': collection('roles'),
      'packages/plugins/@nocobase/plugin-acl/src/server/collections/roles.d.ts': 'export {};\n',
      // a front-end-only plugin, and a package whose `collections` folder is not NocoBase's
      'packages/plugins/@nocobase/plugin-theme/package.json': plugin('@nocobase/plugin-theme', { '@nocobase/client': '1.x' }),
      'packages/plugins/@nocobase/plugin-theme/src/client/index.tsx': 'export default {};\n',
      'packages/plugins/@nocobase/plugin-theme/src/collections/themes.ts': 'export const themes = [];\n',
    });
    expect(discover(root)).toEqual({
      services: [
        [
          'plugin-acl',
          'packages/plugins/@nocobase/plugin-acl',
          'packages/plugins/@nocobase/plugin-acl/src/server/collections/ (1 NocoBase collection file)',
        ],
        [
          'plugin-users',
          'packages/plugins/@nocobase/plugin-users',
          'packages/plugins/@nocobase/plugin-users/src/server/collections/ (1 NocoBase collection file)',
        ],
      ],
      rejected: [
        ['packages/core/database', 'a library (other packages depend on @nocobase/database)'],
        ['packages/plugins/@nocobase/plugin-theme', 'no driver, ORM, migrations, Prisma schema or entities'],
      ],
    });
  });

  it('a package whose driver or ORM only its peerDependencies name is a library the application installing it completes (HELDOUT15 #9)', () => {
    // @exogee/graphweaver-mikroorm: every @mikro-orm/* package a peer (and a devDependency for its tests), entities and
    // a connection helper (`MikroORM.init(…)`) for whoever installs it.
    const provider = (extra: Record<string, unknown> = {}) =>
      JSON.stringify({
        name: '@exogee/graphweaver-mikroorm',
        main: 'lib/index.js',
        dependencies: { dataloader: '2.2.3' },
        peerDependencies: { '@mikro-orm/core': '6', '@mikro-orm/postgresql': '6', '@mikro-orm/mysql': '6' },
        devDependencies: { '@mikro-orm/core': '6.6.2', '@mikro-orm/postgresql': '6.6.2', '@mikro-orm/mysql': '6.6.2', vitest: '4' },
        ...extra,
      });
    const root = makeRepo({
      'package.json': pkg('graphweaver', {}, { workspaces: ['packages/*'] }),
      'packages/mikroorm/package.json': provider(),
      'packages/mikroorm/src/entities/audit-change.ts': '@Entity()\nexport class AuditChange {}\n',
      'packages/mikroorm/src/database.ts': "import { MikroORM } from '@mikro-orm/core';\nexport const connect = (o) => MikroORM.init(o);\n",
    });
    expect(discover(root)).toEqual({
      services: [],
      rejected: [
        [
          'packages/mikroorm',
          'a library (@mikro-orm/core, @mikro-orm/postgresql, @mikro-orm/mysql only among its peerDependencies: the application installing it brings the driver; no migrations, schema or ORM config of its own, and no start script or Dockerfile runs it)',
        ],
      ],
    });
    // A driver it installs itself (in dependencies) is a connection of its own: judged as before.
    writeFileSync(
      path.join(root, 'packages/mikroorm/package.json'),
      provider({ dependencies: { dataloader: '2.2.3', '@mikro-orm/postgresql': '6.6.2' } }),
    );
    expect(discover(root).services.map(([name]) => name)).toEqual(['mikroorm']);
    // So do migrations of its own.
    writeFileSync(path.join(root, 'packages/mikroorm/package.json'), provider());
    mkdirSync(path.join(root, 'packages/mikroorm/migrations'));
    writeFileSync(path.join(root, 'packages/mikroorm/migrations/Migration20240101000000.ts'), 'export class M {}\n');
    expect(discover(root).services.map(([name]) => name)).toEqual(['mikroorm']);
  });

  it('the root package of a one-package repository is its one service, rooted at the repository root (HELDOUT15 #4)', () => {
    // cnpmjs.org: sequelize and mysql in the root package.json (pg, sqlite3 for its tests), models, docs/db.sql.
    const root = makeRepo({
      'package.json': pkg(
        'cnpmjs.org',
        { sequelize: '~2.0.1', mysql: '~2.5.4', koa: '~0.17.0' },
        { scripts: { start: './bin/nodejsctl start' }, devDependencies: { pg: '~4.2.0', sqlite3: '*' } },
      ),
      'models/module.js': "module.exports = (sequelize) => sequelize.define('Module', {}, { tableName: 'module' });\n",
      'docs/db.sql': 'CREATE TABLE module (id INT PRIMARY KEY);\n',
      'public/package.json': pkg('web', { react: '^18' }),
      'public/src/app.tsx': 'export const App = () => null;\n',
    });
    expect(discover(root)).toEqual({
      services: [
        [
          'cnpmjs.org',
          '.',
          "the repository's one package (package.json: no workspaces, and no folder below is a service), sequelize, mysql, 1 SQL file",
        ],
      ],
      rejected: [['public', 'no driver, ORM, migrations, Prisma schema or entities']],
    });
    // Its files are the service's: `.` holds every path.
    expect(
      configuredServices(root, {}, discoverFiles({ cwd: root, ignores: [], defaultIgnores: true }), new PackageIndex(root)).services,
    ).toEqual([{ name: 'cnpmjs.org', roots: ['.'] }]);
    // A package name that is no service name gives `app`.
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ dependencies: { mysql: '^2' } }));
    expect(discover(root).services.map(([name, folder]) => [name, folder])).toEqual([['app', '.']]);
  });

  it('the root package is no service when a folder below is one, when it is a workspace, or when its driver is for its scripts, a peer, or only imported (HELDOUT15 #4)', () => {
    // A service below: the root package is the workspace's tooling, as before.
    const withService = makeRepo({
      'package.json': pkg('shop', { pg: '^8' }),
      'services/orders/package.json': pkg('orders', { pg: '^8' }),
      'services/orders/migrations/001_orders.sql': 'CREATE TABLE orders (id INT);\n',
    });
    expect(discover(withService).services.map(([name, folder]) => [name, folder])).toEqual([['orders', 'services/orders']]);
    const reasons = (files: Record<string, string>) => {
      const found = discover(makeRepo(files));
      expect(found.services).toEqual([]);
      return found.rejected.filter(([folder]) => folder === '.').map(([, reason]) => reason);
    };
    // A workspace root whose devDependency driver serves its scripts (`db:reset`), however the workspace is declared.
    const scripts = { scripts: { 'db:reset': 'node scripts/reset.js' }, devDependencies: { pg: '^8' } };
    expect(reasons({ 'package.json': pkg('mono', {}, { workspaces: ['packages/*'], ...scripts }), 'scripts/reset.js': 'x;\n' })).toEqual([
      'the repository root: a workspace root (its package.json declares workspaces)',
    ]);
    for (const tool of ['pnpm-workspace.yaml', 'nx.json', 'lerna.json', 'turbo.json', 'serverless-compose.yml'])
      expect(reasons({ 'package.json': pkg('mono', { pg: '^8' }), [tool]: '{}\n', 'src/db.js': 'x;\n' })).toEqual([
        `the repository root: a workspace root (${tool} beside its package.json)`,
      ]);
    // Not a workspace, but the driver only a devDependency (its scripts, its tests) or a peer (a library's user brings it).
    expect(reasons({ 'package.json': pkg('tool', {}, scripts), 'migrations/001_a.sql': 'CREATE TABLE a (id INT);\n' })).toEqual([
      'the repository root: its driver or ORM (pg) is only a devDependency, for its scripts or tests',
    ]);
    expect(reasons({ 'package.json': pkg('kit', {}, { peerDependencies: { knex: '*' } }), 'src/index.js': 'x;\n' })).toEqual([
      'the repository root: a library (its driver or ORM, knex, is a peerDependency its user chooses)',
    ]);
    // A library published to be imported (types, exports) with a driver, no data and no process: a library.
    const library = pkg('pg-helpers', { pg: '^8' }, { types: 'dist/index.d.ts' });
    expect(reasons({ 'package.json': library, 'src/index.ts': 'export const q = 1;\n' })).toEqual([
      'the repository root: a library (it publishes types or an exports map, keeps no migrations, schema or ORM config, opens no connection, and nothing runs it)',
    ]);
    // A front end alone, or tooling alone, shows no data: nothing is said of the root.
    expect(reasons({ 'package.json': pkg('site', { react: '^18', vite: '^5' }), 'src/main.tsx': 'x;\n' })).toEqual([]);
    expect(reasons({ 'package.json': pkg('site', {}, { devDependencies: { prettier: '^3' } }), 'index.js': 'x;\n' })).toEqual([]);
  });

  it('sees a driver that only a wrapper package brings, in the lock file of the package or of the workspace root', () => {
    const root = makeRepo({
      'services/inventory/package.json': pkg('inventory', { '@acme/db-client': '^4', express: '^4' }),
      'services/inventory/package-lock.json': JSON.stringify({
        lockfileVersion: 3,
        packages: { 'node_modules/@acme/db-client': { dependencies: { pg: '^8' } } },
      }),
      'services/shipping/package.json': pkg('shipping', { '@acme/persistence': '^2' }),
      'services/gateway/package.json': pkg('gateway', { '@acme/http': '^1' }),
      'yarn.lock': '"@acme/persistence@^2":\n  version "2.0.0"\n  dependencies:\n    mysql2 "^3"\n\n"@acme/http@^1":\n  version "1.0.0"\n',
    });
    const found = discover(root);
    expect(found.services).toEqual([
      ['inventory', 'services/inventory', '@acme/db-client → pg (services/inventory/package-lock.json)'],
      ['shipping', 'services/shipping', '@acme/persistence → mysql2 (yarn.lock)'],
    ]);
    expect(found.rejected).toEqual([['services/gateway', 'no driver, ORM, migrations, Prisma schema or entities']]);
  });

  // yarn v1 never lists workspace packages, pnpm lists them as `link:` importers, and a lock may be absent:
  // the workspace package's own package.json is the evidence whatever the lock file says.
  const workspaceHelperRepo = (extra: Record<string, string>) => ({
    'common/package.json': pkg('@shop/common', { pg: '^8' }, { main: 'dist/index.js', types: 'dist/index.d.ts' }),
    'common/src/index.ts': "import { Pool, PoolConfig } from 'pg';\nexport const createPool = (c: PoolConfig) => new Pool(c);\n",
    'services/accounts/package.json': pkg('@shop/accounts', { '@shop/common': '1.0.0', fastify: '^4' }, { scripts: { start: 'node .' } }),
    'services/accounts/src/erase.ts':
      "import { createPool } from '@shop/common';\nexport const pool = createPool({ database: 'orders' });\n",
    'services/orders/package.json': pkg('@shop/orders', { '@shop/db-access': 'workspace:*', fastify: '^4' }),
    'services/orders/src/db.ts': "import { pool } from '@shop/db-access';\nexport const get = () => pool.query('SELECT * FROM orders');\n",
    // A second hop: the helper depends on the pool package, which brings the driver.
    'packages/db-access/package.json': pkg('@shop/db-access', { '@shop/common': 'workspace:*' }),
    'services/web/package.json': pkg('@shop/web', { '@shop/ui': 'workspace:*' }, { scripts: { start: 'node .' } }),
    'packages/ui/package.json': pkg('@shop/ui', { react: '^18' }),
    ...extra,
  });

  it.each([
    [
      'yarn v1 lock',
      {
        'package.json': pkg('shop', {}, { workspaces: ['common', 'services/*', 'packages/*'] }),
        'yarn.lock': '# yarn lockfile v1\n\npg@^8:\n  version "8.11.3"\n',
      },
    ],
    ['no lock file', { 'package.json': pkg('shop', {}, { workspaces: { packages: ['common', 'services/*', 'packages/*'] } }) }],
    [
      'pnpm lock v6 with link: importers',
      {
        'package.json': pkg('shop'),
        'pnpm-workspace.yaml': "packages:\n  - common\n  - 'services/*'\n  - 'packages/*'\n",
        'pnpm-lock.yaml':
          "lockfileVersion: '6.0'\n\nimporters:\n\n  services/accounts:\n    dependencies:\n      '@shop/common':\n        specifier: workspace:*\n        version: link:../../common\n\npackages:\n\n  /pg@8.11.3:\n    resolution: {integrity: sha512-x}\n",
      },
    ],
    [
      'lerna.json packages',
      {
        'package.json': pkg('shop'),
        'lerna.json': JSON.stringify({ version: 'independent', packages: ['common', 'services/*', 'packages/*'] }),
      },
    ],
  ])('follows a driver a workspace helper package brings (%s); the helper itself stays a library', (_, extra) => {
    const found = discover(makeRepo(workspaceHelperRepo(extra)));
    expect(found.services).toEqual([
      ['accounts', 'services/accounts', '@shop/common → pg (common/package.json)'],
      ['orders', 'services/orders', '@shop/db-access → @shop/common → pg (common/package.json)'],
    ]);
    expect(found.rejected).toEqual([
      [
        'common',
        'a library (by its name; it has code opening a connection, but nothing runs it: no start script, Dockerfile, Procfile or server entry)',
      ],
      ['packages/db-access', 'a library (other packages depend on @shop/db-access)'],
      ['packages/ui', 'no driver, ORM, migrations, Prisma schema or entities'],
      ['services/web', 'no driver, ORM, migrations, Prisma schema or entities'],
    ]);
  });

  it('without workspace globs a package name is not followed: a registry package of the same name is no workspace helper', () => {
    const found = discover(makeRepo(workspaceHelperRepo({ 'package.json': pkg('shop') })));
    expect(found.services).toEqual([]);
  });

  it('apps that reach the database only through a data package that brings the driver are its clients, not services', () => {
    const root = makeRepo({
      'package.json': pkg('shop'),
      'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n  - 'packages/*'\n",
      'packages/db/package.json': pkg('@shop/db', { 'drizzle-orm': '^0.30', postgres: '^3' }, { main: 'src/index.ts' }),
      'packages/db/drizzle.config.ts': "export default { dialect: 'postgresql', schema: './src/schema.ts' };\n",
      'packages/db/drizzle/0000_init.sql': 'CREATE TABLE orders (id SERIAL PRIMARY KEY);\n',
      'apps/api/package.json': pkg('api', { '@shop/db': 'workspace:*', express: '^4' }, { scripts: { start: 'node .' } }),
      'apps/jobs/package.json': pkg('jobs', { '@shop/db': 'workspace:*' }, { scripts: { start: 'node .' } }),
    });
    const found = discoverServices(root, discoverFiles({ cwd: root, ignores: [], defaultIgnores: true }), new PackageIndex(root));
    expect(found.services.map((s) => [s.name, s.root, s.clientRoots])).toEqual([['db', 'packages/db', ['apps/api', 'apps/jobs']]]);
    expect(found.rejected).toEqual([]);
  });

  it('a driver hoisted to the workspace root counts for a folder whose own code imports it and opens a connection', () => {
    const root = makeRepo({
      'package.json': pkg('shop', { pg: '^8', express: '^4', react: '^18' }, { workspaces: ['services/*', 'packages/*', 'apps/*'] }),
      'services/orders/package.json': pkg('@shop/orders', {}, { scripts: { start: 'node dist/index.js' } }),
      'services/orders/Dockerfile': 'FROM node:20\n',
      'services/orders/src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool({ database: 'orders' });\n",
      // The import and the connection in different files; require() as well as import.
      'services/billing/package.json': pkg('@shop/billing', {}, { scripts: { start: 'node src/index.js' } }),
      'services/billing/src/pool.js': "const { Pool } = require('pg');\nmodule.exports = Pool;\n",
      'services/billing/src/index.js': "const Pool = require('./pool');\nconst pool = new Pool({ database: 'billing' });\n",
      // Imports the driver for its types only: opens nothing.
      'packages/pg-types/package.json': pkg('@shop/pg-types'),
      'packages/pg-types/src/index.ts': "import type { QueryResult } from 'pg';\nexport type Rows<T> = QueryResult<T>['rows'];\n",
      // A front end: no driver import.
      'apps/web/package.json': pkg('@shop/web', {}, { scripts: { start: 'vite preview' } }),
      'apps/web/src/main.tsx': "import { createRoot } from 'react-dom/client';\ncreateRoot(document.body).render(null);\n",
      // Connects only in its tests.
      'services/gateway/package.json': pkg('@shop/gateway', {}, { scripts: { start: 'node .' } }),
      'services/gateway/src/index.ts': "import express from 'express';\nexpress().listen(3000);\n",
      'services/gateway/test/db.test.ts': "import { Pool } from 'pg';\nconst pool = new Pool({ database: 'orders' });\n",
    });
    const found = discover(root);
    expect(found.services).toEqual([
      [
        'billing',
        'services/billing',
        'pg (hoisted to package.json; imported in services/billing/src/pool.js, and its code opens a connection)',
      ],
      ['orders', 'services/orders', 'pg (hoisted to package.json; imported in services/orders/src/db.ts, and its code opens a connection)'],
    ]);
    expect(found.rejected.map(([folder]) => folder)).toEqual(['apps/web', 'packages/pg-types', 'services/gateway']);
  });

  it('a folder that imports and connects with a driver no package.json declares is not a service by that alone', () => {
    const root = makeRepo({
      'package.json': pkg('shop', { express: '^4' }, { workspaces: ['services/*'] }),
      'services/orders/package.json': pkg('@shop/orders', {}, { scripts: { start: 'node .' } }),
      'services/orders/src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool({ database: 'orders' });\n",
    });
    expect(discover(root).services).toEqual([]);
  });

  it('never enters a linked folder: an alias of a service is no second service', () => {
    const root = makeRepo({
      'services/auth-service/package.json': pkg('auth', { '@prisma/client': '^5' }),
      'services/auth-service/prisma/schema.prisma': 'model User { id Int @id }\n',
    });
    mkdirSync(path.join(root, 'apps'));
    symlinkSync('../services/auth-service', path.join(root, 'apps/auth-service'), 'dir');
    expect(discover(root).services).toEqual([
      ['auth-service', 'services/auth-service', '@prisma/client, services/auth-service/prisma/schema.prisma'],
    ]);
  });

  it('reads no package.json through a link (a link to /dev/zero must not hang the run)', () => {
    const root = makeRepo({ 'services/a/package.json': pkg('a', { pg: '^8' }) });
    mkdirSync(path.join(root, 'services/evil'));
    symlinkSync('/dev/zero', path.join(root, 'services/evil/package.json'));
    symlinkSync('/dev/zero', path.join(root, 'services/a/package-lock.json'));
    const found = discover(root);
    expect(found.services.map(([name]) => name)).toEqual(['a']);
    expect(found.rejected).toEqual([]);
    const packages = new PackageIndex(root);
    expect(packages.manifest('services/evil')).toEqual({
      ok: false,
      reason: 'its package.json is a symbolic link (or lies in a linked folder) that leads outside the repository; not read',
    });
    expect(packages.lockGraphsFor('services/a')).toEqual([]);
    // Both said once, so a run's notices tell the user what the links cost.
    expect(packages.problems).toEqual([
      'services/evil/package.json: is a symbolic link (or lies in a linked folder) that leads outside the repository; not read (its dependencies were not used to find services or infer drivers)',
      'services/a/package-lock.json: is a symbolic link (or lies in a linked folder) that leads outside the repository; not read (its dependencies were not used to infer drivers)',
    ]);
  });

  it("a migration folder outside every service named like exactly one service is its (the audit's root migrations/<service>/)", () => {
    const root = makeRepo({
      'services/scheduling-service/package.json': pkg('scheduling-service', { mysql2: '^3' }),
      'services/pharmacy-service/package.json': pkg('pharmacy-service', { mysql2: '^3' }),
      'services/pharmacy-service/migrations/V1__stock.sql': 'CREATE TABLE stock (id INT);\n',
      'services/audit/package.json': pkg('audit', { pg: '^8' }),
      'services/audit-svc/package.json': pkg('audit-svc', { pg: '^8' }),
      'migrations/scheduling/V1__appointments.sql': 'CREATE TABLE appointments (id INT);\n',
      'migrations/scheduling/flyway.conf': 'flyway.locations=filesystem:./migrations/scheduling\n',
      'migrations/pharmacy_service/2024/V2__prescriptions.sql': 'CREATE TABLE prescriptions (id INT);\n',
      'migrations/pharmacy_service/V3__dispensing.sql': 'CREATE TABLE dispensing (id INT);\n',
      // Named like two services (audit, audit-svc), or like none: nobody's.
      'migrations/audit/V1__audit_log.sql': 'CREATE TABLE audit_log (id INT);\n',
      'migrations/reporting/V1__report_runs.sql': 'CREATE TABLE report_runs (id INT);\n',
      // Named like a service, but no migration: a seed folder is not read as one.
      'seeds/scheduling/data.sql': 'INSERT INTO appointments VALUES (1);\n',
    });
    const found = discoverServices(root, discoverFiles({ cwd: root, ignores: [], defaultIgnores: true }), new PackageIndex(root));
    expect(found.services.map((s) => [s.name, s.migrationFolders, s.evidence.map(describeServiceEvidence).join(', ')])).toEqual([
      ['audit-svc', undefined, 'pg'],
      ['audit', undefined, 'pg'],
      [
        'pharmacy-service',
        ['migrations/pharmacy_service'],
        'mysql2, services/pharmacy-service/migrations/ (1 file), migrations/pharmacy_service/ (2 files: migrations outside every service, in a folder named like it)',
      ],
      [
        'scheduling-service',
        ['migrations/scheduling'],
        'mysql2, migrations/scheduling/ (1 file: migrations outside every service, in a folder named like it)',
      ],
    ]);
    // The services init and a run without config use: the folder as the service's migrations, its roots unchanged.
    const setup = configuredServices(root, {}, discoverFiles({ cwd: root, ignores: [], defaultIgnores: true }), new PackageIndex(root));
    expect(setup.services.find((s) => s.name === 'scheduling-service')).toEqual({
      name: 'scheduling-service',
      roots: ['services/scheduling-service'],
      migrations: ['migrations/scheduling'],
    });
  });

  it('a service that is a small workspace (api + worker packages, its migrations beside them) is one service; a folder of services is not', () => {
    const root = makeRepo({
      'package.json': pkg('platform', {}, { workspaces: ['services/*', 'backend'] }),
      'services/billing/package.json': pkg('billing', {}, { workspaces: ['api', 'worker', 'ledger'] }),
      'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id INT);\n',
      'services/billing/api/package.json': pkg('@billing/api', { pg: '^8' }, { scripts: { start: 'node main.js' } }),
      'services/billing/worker/package.json': pkg('@billing/worker', { pg: '^8' }, { scripts: { start: 'node main.js' } }),
      // A package of the workspace with data of its own stays a service, inside it.
      'services/billing/ledger/package.json': pkg('@billing/ledger', { pg: '^8' }),
      'services/billing/ledger/migrations/V1__entries.sql': 'CREATE TABLE entries (id INT);\n',
      // Without data beside its packages, or named as a folder of services, a workspace is none.
      'services/tools/package.json': pkg('tools', {}, { workspaces: ['cli'] }),
      'services/tools/cli/package.json': pkg('@tools/cli', { pg: '^8' }, { scripts: { start: 'node cli.js' } }),
      'backend/package.json': pkg('backend', {}, { workspaces: ['orders'] }),
      'backend/migrations/V1__orders.sql': 'CREATE TABLE orders (id INT);\n',
      'backend/orders/package.json': pkg('@backend/orders', { pg: '^8' }, { scripts: { start: 'node main.js' } }),
    });
    expect(discover(root)).toEqual({
      services: [
        ['orders', 'backend/orders', 'pg'],
        ['ledger', 'services/billing/ledger', 'pg, services/billing/ledger/migrations/ (1 file)'],
        [
          'billing',
          'services/billing',
          'a workspace of its own (services/billing/package.json declares workspaces) whose packages services/billing/api, services/billing/worker are part of it, services/billing/migrations/ (1 file)',
        ],
        ['cli', 'services/tools/cli', 'pg'],
      ],
      rejected: [
        ['backend', 'a workspace root (its package.json declares workspaces)'],
        ['services/tools', 'a workspace root (its package.json declares workspaces)'],
      ],
    });
  });

  it("a root knexfile's migrations used by apps with no data of their own are one service with them; an app with data stays apart", () => {
    const root = makeRepo({
      'package.json': pkg('@acme/shop', {}, { workspaces: ['apps/*'] }),
      'knexfile.js':
        "module.exports = { client: 'pg', connection: process.env.DATABASE_URL, migrations: { directory: './db/migrations' } };\n",
      'db/migrations/20240101000000_init.js': "exports.up = (knex) => knex.schema.createTable('products', () => {});\n",
      'apps/api/package.json': pkg('api', { knex: '^3', pg: '^8' }, { scripts: { start: 'node src/index.js' } }),
      'apps/api/src/index.js': "const knex = require('knex')(require('../../../knexfile'));\n",
      'apps/worker/package.json': pkg('worker', { knex: '^3', pg: '^8' }, { scripts: { start: 'node src/index.js' } }),
      'apps/billing/package.json': pkg('billing', { pg: '^8' }, { scripts: { start: 'node src/index.js' } }),
      'apps/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id INT);\n',
    });
    const found = discoverServices(root, discoverFiles({ cwd: root, ignores: [], defaultIgnores: true }), new PackageIndex(root));
    expect(found.services.map((s) => [s.name, s.root, s.clientRoots, s.evidence.map(describeServiceEvidence).join(', ')])).toEqual([
      ['billing', 'apps/billing', undefined, 'pg, apps/billing/migrations/ (1 file)'],
      [
        'shop',
        'db',
        ['apps/api', 'apps/worker'],
        'the data knexfile.js keeps at the repository root, which apps/api, apps/worker reach with no data of their own (one application, one database by design), db/migrations/ (1 file)',
      ],
    ]);
  });

  it('root data no app reaches without data of its own, or inside a package, makes no service', () => {
    const alone = makeRepo({
      'package.json': pkg('saas', {}, { prisma: { schema: 'prisma/schema.prisma' } }),
      'prisma/schema.prisma': 'model User {\n  id Int @id\n}\n',
      'apps/billing/package.json': pkg('billing', { pg: '^8' }),
      'apps/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id INT);\n',
    });
    expect(discover(alone).services).toEqual([['billing', 'apps/billing', 'pg, apps/billing/migrations/ (1 file)']]);
    const inside = makeRepo({
      'package.json': pkg('saas', {}, { workspaces: ['apps/*'] }),
      'apps/api/package.json': pkg('api', { '@prisma/client': '^5' }, { scripts: { start: 'node main.js' } }),
      'apps/api/prisma/schema.prisma': 'model User {\n  id Int @id\n}\n',
      'apps/web/package.json': pkg('web', { '@prisma/client': '^5' }, { scripts: { start: 'next start' } }),
    });
    expect(discover(inside).services.map(([name, folder]) => [name, folder])).toEqual([
      ['api', 'apps/api'],
      ['web', 'apps/web'],
    ]);
  });

  it('skips build output and node_modules, and tells same-named services apart by their parent folder', () => {
    const root = makeRepo({
      'apps/services/orders/package.json': pkg('orders', { pg: '^8' }),
      'apps/legacy/orders/package.json': pkg('legacy-orders', { mysql2: '^3' }),
      'dist/apps/api/package.json': pkg('api', { pg: '^8' }),
      'node_modules/pg/package.json': pkg('pg', { 'pg-pool': '^3' }),
      'apps/services/orders/node_modules/mysql2/package.json': pkg('mysql2', { denque: '^2' }),
    });
    expect(discover(root).services.map(([name, folder]) => [name, folder])).toEqual([
      ['legacy-orders', 'apps/legacy/orders'],
      ['services-orders', 'apps/services/orders'],
    ]);
  });
});

describe('applications of a workspace with one package.json (Nest CLI monorepo mode, Nx)', () => {
  const rootPackage = pkg('workspace', { '@nestjs/typeorm': '^10', typeorm: '^0.3', pg: '^8', react: '^18' });

  it('a nest-cli.json application is a service when its own files keep data; libraries and apps without data are not', () => {
    const root = makeRepo({
      'package.json': rootPackage,
      'nest-cli.json': JSON.stringify({
        monorepo: true,
        projects: {
          gateway: { type: 'application', root: 'apps/gateway' },
          orders: { type: 'application', root: 'apps/orders/' },
          billing: { type: 'application', root: 'apps/billing' },
          common: { type: 'library', root: 'libs/common' },
          escape: { type: 'application', root: '../elsewhere' },
        },
      }),
      'apps/gateway/src/main.ts': 'app.listen(3000);\n',
      'apps/orders/src/main.ts': 'app.listen(3001);\n',
      'apps/orders/src/order.entity.ts': "@Entity('orders') export class Order {}\n",
      // An app with a package.json of its own is judged as a package, once.
      'apps/billing/package.json': pkg('billing', { mysql2: '^3' }),
      'libs/common/src/user.entity.ts': "@Entity('users') export class User {}\n",
    });
    expect(discover(root)).toEqual({
      services: [
        ['billing', 'apps/billing', 'mysql2'],
        ['orders', 'apps/orders', 'an application in nest-cli.json, 1 entity'],
      ],
      rejected: [
        [
          'apps/gateway',
          'an application of nest-cli.json without data of its own (no migrations, Prisma schema, ORM config, entities or Drizzle tables)',
        ],
      ],
    });
  });

  it('an Nx project.json application with migrations or an ORM config is a service; e2e projects, libraries and front ends are not', () => {
    const project = (projectType: string) => JSON.stringify({ name: 'x', projectType, targets: {} });
    const root = makeRepo({
      'package.json': rootPackage,
      'nx.json': '{}',
      'apps/patients-api/project.json': project('application'),
      'apps/patients-api/src/mikro-orm.config.ts': "export default defineConfig({ dbName: 'patients' });\n",
      'apps/visits-api/project.json': project('application'),
      'apps/visits-api/migrations/001_visits.sql': 'CREATE TABLE visits (id INT);\n',
      'apps/patients-api-e2e/project.json': project('application'),
      'apps/patients-api-e2e/src/patients.spec.ts': "it('works', () => {});\n",
      'apps/admin/project.json': project('application'),
      'apps/admin/src/main.tsx': 'render(<App />);\n',
      'libs/shared/db/project.json': project('library'),
      'libs/shared/db/migrations/001_x.sql': 'CREATE TABLE x (id INT);\n',
      'apps/broken/project.json': '{ "projectType": ',
      'apps/broken/migrations/001_y.sql': 'CREATE TABLE y (id INT);\n',
    });
    expect(discover(root)).toEqual({
      services: [
        [
          'patients-api',
          'apps/patients-api',
          'an application in apps/patients-api/project.json, apps/patients-api/src/mikro-orm.config.ts',
        ],
        ['visits-api', 'apps/visits-api', 'an application in apps/visits-api/project.json, apps/visits-api/migrations/ (1 file)'],
      ],
      rejected: [
        [
          'apps/admin',
          'an application of apps/admin/project.json without data of its own (no migrations, Prisma schema, ORM config, entities or Drizzle tables)',
        ],
        ['apps/patients-api-e2e', 'an end-to-end test project (apps/patients-api-e2e/project.json)'],
      ],
    });
    // The broken project.json declares nothing, and the run says so instead of passing over it.
    const packages = new PackageIndex(root);
    discoverServices(root, discoverFiles({ cwd: root, ignores: [], defaultIgnores: true }), packages);
    expect(packages.problems).toEqual(['apps/broken/project.json is not valid JSON (its applications were not used to find services)']);
  });

  it('an Nx application whose data is a Drizzle schema module and a pool of its own is a service (HELDOUT6 #4); a schema alone or a pool alone is not', () => {
    const project = JSON.stringify({ name: 'x', projectType: 'application', targets: {} });
    const root = makeRepo({
      'package.json': pkg('@acme/source', { 'drizzle-orm': '^0.30', mysql2: '^3', pg: '^8' }),
      'nx.json': '{}',
      'apps/sync/project.json': project,
      'apps/sync/src/schema.ts': "export const merchants = mysqlTable('tbl_merchants', { id: int('id') });\n",
      'apps/sync/src/main.ts': 'const db = drizzle(mysql.createPool({ uri: process.env.LEGACY_MYSQL_URL }));\n',
      // a front end importing a schema's types opens no connection
      'apps/web/project.json': project,
      'apps/web/src/types.ts': "export const orders = pgTable('orders', { id: serial('id') });\n",
      // a worker with a pool and no tables of its own
      'apps/worker/project.json': project,
      'apps/worker/src/main.ts': 'const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n',
    });
    expect(discover(root)).toEqual({
      services: [
        [
          'sync',
          'apps/sync',
          'an application in apps/sync/project.json, the Drizzle tables of apps/sync/src/schema.ts (and its code opens a connection)',
        ],
      ],
      rejected: [
        [
          'apps/web',
          'an application of apps/web/project.json without data of its own (no migrations, Prisma schema, ORM config, entities or Drizzle tables)',
        ],
        [
          'apps/worker',
          'an application of apps/worker/project.json without data of its own (no migrations, Prisma schema, ORM config, entities or Drizzle tables)',
        ],
      ],
    });
  });
});

describe('deployables without a package.json (their own image, or a program in another language)', () => {
  it('a folder with a Dockerfile or a go.mod / pyproject.toml is a service when it keeps data in migrations or SQL files', () => {
    const root = makeRepo({
      'package.json': pkg('shop', { pg: '^8' }, { scripts: { 'start:orders': 'node dist/services/orders/src/index.js' } }),
      'services/orders/Dockerfile': 'FROM node:20-alpine\nCMD ["npm", "run", "start:orders"]\n',
      'services/orders/src/index.ts': "import { Pool } from 'pg';\n",
      'services/orders/migrations/V1__orders.sql': 'CREATE TABLE orders (id INT);\n',
      'services/ledger/go.mod': 'module x\n\nrequire github.com/jackc/pgx/v5 v5.5.2\n',
      'services/ledger/Dockerfile': 'FROM golang:1.22\n',
      'services/ledger/migrations/000001_init.up.sql': 'CREATE TABLE ledger_entries (id INT);\n',
      // The Dockerfile of a sub-folder belongs to the deployable around it.
      'services/fraud/pyproject.toml': '[project]\nname = "fraud"\ndependencies = ["psycopg>=3"]\n',
      'services/fraud/docker/Dockerfile': 'FROM python:3.12-slim\n',
      'services/fraud/app/queries/recent.sql': 'SELECT id FROM invoices;\n',
    });
    expect(discover(root).services).toEqual([
      ['fraud', 'services/fraud', 'a deployable of its own (services/fraud/pyproject.toml), 1 SQL file'],
      ['ledger', 'services/ledger', 'a deployable of its own (services/ledger/go.mod), services/ledger/migrations/ (1 file)'],
      ['orders', 'services/orders', 'its own image (services/orders/Dockerfile), services/orders/migrations/ (1 file)'],
    ]);
  });

  it("a Deno project (deno.json / deno.jsonc) is a deployable; Supabase's edge functions stay the Supabase project's (HELDOUT8 #21)", () => {
    const root = makeRepo({
      'services/mailer/deno.json': '{ "imports": { "postgres": "npm:postgres@3.4.4" } }\n',
      'services/mailer/migrations/V1__sent_mails.sql': 'CREATE TABLE sent_mails (id INT);\n',
      'services/search/deno.jsonc': '{\n  // deno-postgres\n  "imports": { "db": "jsr:@db/postgres@0.19" }\n}\n',
      'services/search/main.ts': 'Deno.serve(() => new Response("ok"));\n',
      'supabase/config.toml': 'project_id = "x"\n',
      'supabase/migrations/20240101000000_notes.sql': 'CREATE TABLE notes (id INT);\n',
      'supabase/functions/deno.json': '{ "imports": {} }\n',
      'supabase/functions/notify/deno.json': '{ "imports": { "postgres": "npm:postgres@3.4.4" } }\n',
      'supabase/functions/notify/index.ts': 'Deno.serve(() => new Response("ok"));\n',
    });
    const found = discover(root);
    expect(found.services.filter(([name]) => name !== 'supabase')).toEqual([
      ['mailer', 'services/mailer', 'a deployable of its own (services/mailer/deno.json), services/mailer/migrations/ (1 file)'],
    ]);
    expect(found.rejected).toEqual([
      [
        'services/search',
        'a deployable of its own (services/search/deno.jsonc) without data of its own (no migrations, SQL files, Prisma schema, ORM config or entities)',
      ],
    ]);
  });

  it("a Python program's Django migrations, or SQLAlchemy / SQLModel models its code creates with create_all, are its data (HELDOUT8 #3, #23)", () => {
    const root = makeRepo({
      'services/accounts/requirements.txt': 'Django==5.0.6\npsycopg[binary]==3.1.19\n',
      'services/accounts/people/migrations/__init__.py': '',
      'services/accounts/people/migrations/0001_initial.py': 'class Migration(migrations.Migration):\n    operations = []\n',
      'services/accounts/orders/migrations/0001_initial.py': 'class Migration(migrations.Migration):\n    operations = []\n',
      'services/heroes/pyproject.toml': '[project]\nname = "heroes"\ndependencies = ["sqlmodel", "psycopg"]\n',
      'services/heroes/app/models.py': 'class Hero(SQLModel, table=True):\n    id: int | None = Field(default=None, primary_key=True)\n',
      'services/heroes/app/main.py': 'SQLModel.metadata.create_all(engine)\n',
      // Models another program creates (no create_all, no Alembic): no data of its own.
      'services/viewer/pyproject.toml': '[project]\nname = "viewer"\ndependencies = ["sqlalchemy", "psycopg"]\n',
      'services/viewer/viewer/models.py': 'class Order(Base):\n    __tablename__ = "orders"\n',
      'services/viewer/viewer/main.py': 'engine = create_engine(URL)\n',
      // create_all in a test only: the tests' database.
      'services/tested/pyproject.toml': '[project]\nname = "tested"\ndependencies = ["sqlalchemy", "psycopg"]\n',
      'services/tested/tested/models.py': 'class Order(Base):\n    __tablename__ = "orders"\n',
      'services/tested/tests/test_orders.py': 'Base.metadata.create_all(engine)\n',
    });
    const found = discover(root);
    expect(found.services).toEqual([
      [
        'accounts',
        'services/accounts',
        'a deployable of its own (services/accounts/requirements.txt), services/accounts/orders/migrations/ (2 files)',
      ],
      [
        'heroes',
        'services/heroes',
        'a deployable of its own (services/heroes/pyproject.toml), the SQLAlchemy / SQLModel models of services/heroes/app/models.py, which services/heroes/app/main.py creates with create_all',
      ],
    ]);
    const reason = (file: string) =>
      `a deployable of its own (${file}) without data of its own (no migrations, SQL files, Prisma schema, ORM config or entities, nor SQLAlchemy / SQLModel models its code creates with create_all)`;
    expect(found.rejected).toEqual([
      ['services/tested', reason('services/tested/pyproject.toml')],
      ['services/viewer', reason('services/viewer/pyproject.toml')],
    ]);
  });

  it("the Alembic revisions of the script directory an alembic.ini names are a Python program's data, whatever the folder is called (HELDOUT10 #15)", () => {
    const root = makeRepo({
      'services/vault/requirements.txt': 'SQLAlchemy>=1.4\nalembic>=1.4\nPyMySQL>=0.8\n',
      'services/vault/vault/model/migration/alembic.ini': '[alembic]\nscript_location = %(here)s/alembic_migrations\n',
      'services/vault/vault/model/migration/alembic_migrations/versions/__init__.py': '',
      'services/vault/vault/model/migration/alembic_migrations/versions/39cf_rebase.py':
        "revision = '39cf'\ndown_revision = None\n\ndef upgrade():\n    op.create_table('secrets')\n",
      'services/vault/vault/model/migration/alembic_migrations/versions/0f8c_consumers.py':
        "revision = '0f8c'\ndown_revision = '39cf'\n\ndef upgrade():\n    op.create_table('consumers')\n",
      // The same revisions with an ini naming another folder: no script directory, and no models created at start-up.
      'services/images/requirements.txt': 'SQLAlchemy>=1.4\nalembic>=1.4\n',
      'services/images/images/db/alembic.ini': '[alembic]\nscript_location = %(here)s/scripts\n',
      'services/images/images/db/alembic_migrations/versions/0001_images.py':
        "revision = '0001'\ndown_revision = None\n\ndef upgrade():\n    op.create_table('images')\n",
    });
    const found = discover(root);
    expect(found.services).toEqual([
      [
        'vault',
        'services/vault',
        'a deployable of its own (services/vault/requirements.txt), services/vault/vault/model/migration/alembic_migrations/versions/ (2 Alembic revisions)',
      ],
    ]);
    expect(found.rejected).toEqual([
      [
        'services/images',
        'a deployable of its own (services/images/requirements.txt) without data of its own (no migrations, SQL files, Prisma schema, ORM config or entities, nor SQLAlchemy / SQLModel models its code creates with create_all)',
      ],
    ]);
  });

  it("a sqlalchemy-migrate repository (migrate.cfg naming a repository_id, numbered versions beside it) is a Python program's data, driver or not (HELDOUT12 #2)", () => {
    const cfg = (id: string) =>
      `[db_settings]\n# Used to identify which repository this database is versioned under.\nrepository_id=${id}\nversion_table=migrate_version\n`;
    const version = (table: string) =>
      `import sqlalchemy\n\n\ndef upgrade(migrate_engine):\n    meta = sqlalchemy.MetaData(bind=migrate_engine)\n    t = sqlalchemy.Table('${table}', meta, sqlalchemy.Column('id', sqlalchemy.Integer))\n    t.create()\n`;
    const root = makeRepo({
      'services/masakari/requirements.txt': 'oslo.db\nsqlalchemy\n',
      'services/masakari/masakari/db/sqlalchemy/migrate_repo/migrate.cfg': cfg('masakari'),
      'services/masakari/masakari/db/sqlalchemy/migrate_repo/manage.py': 'from migrate.versioning.shell import main\n',
      'services/masakari/masakari/db/sqlalchemy/migrate_repo/versions/__init__.py': '',
      'services/masakari/masakari/db/sqlalchemy/migrate_repo/versions/001_add_failover_segments_table.py': version('failover_segments'),
      'services/masakari/masakari/db/sqlalchemy/migrate_repo/versions/002_add_hosts_table.py': version('hosts'),
      // A migrate.cfg without a repository_id, and one whose versions/ holds no numbered version: no repository.
      'services/senlin/requirements.txt': 'sqlalchemy\n',
      'services/senlin/senlin/db/migrate_repo/migrate.cfg': '[db_settings]\nversion_table=migrate_version\n',
      'services/senlin/senlin/db/migrate_repo/versions/001_first_version.py': version('clusters'),
      'services/zun/requirements.txt': 'sqlalchemy\n',
      'services/zun/zun/db/migrate_repo/migrate.cfg': cfg('zun'),
      'services/zun/zun/db/migrate_repo/versions/__init__.py': '',
    });
    const found = discover(root);
    expect(found.services).toEqual([
      [
        'masakari',
        'services/masakari',
        "a deployable of its own (services/masakari/requirements.txt), services/masakari/masakari/db/sqlalchemy/migrate_repo/versions/ (2 sqlalchemy-migrate versions of repository 'masakari')",
      ],
    ]);
    expect(found.rejected.map(([root]) => root)).toEqual(['services/senlin', 'services/zun']);
  });

  it("a Django project's models are its data when it commits no migrations; a reusable app's or unmanaged models are none (issue 14)", () => {
    const models =
      'from django.db import models\n\nclass Order(models.Model):\n    total = models.DecimalField(max_digits=9, decimal_places=2)\n';
    const root = makeRepo({
      'services/shop/requirements.txt': 'Django==5.0.6\npsycopg[binary]==3.1.19\n',
      'services/shop/manage.py': 'import os\n',
      'services/shop/orders/models.py': models,
      // A reusable app: models, no project to run them.
      'packages/django-tags/pyproject.toml': '[project]\nname = "django-tags"\ndependencies = ["Django>=4.2"]\n',
      'packages/django-tags/tags/models.py': models,
      // A project whose models only map tables another program creates.
      'services/reports/requirements.txt': 'Django==5.0.6\n',
      'services/reports/manage.py': 'import os\n',
      'services/reports/views/models.py':
        'from django.db import models\n\nclass Sale(models.Model):\n    class Meta:\n        managed = False\n        db_table = "sales"\n',
    });
    const found = discover(root);
    expect(found.services).toEqual([
      [
        'shop',
        'services/shop',
        'a deployable of its own (services/shop/requirements.txt), the Django models of services/shop/orders/models.py (a Django project, services/shop/manage.py, that commits no migrations)',
      ],
    ]);
    expect(found.rejected.map(([root]) => root)).toEqual(['packages/django-tags', 'services/reports']);
  });

  it('a Django app known only by its egg-info is a service with its migrations or models, at the folder holding it or, in an install folder, at its top_level package (issue 14)', () => {
    const migration =
      'from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.CreateModel(name="AccessAttempt", fields=[("id", models.AutoField(primary_key=True))]),\n    ]\n';
    const models = 'from django.db import models\n\nclass Note(models.Model):\n    body = models.TextField()\n';
    const egg = (name: string, top: string) => ({
      [`${name}.egg-info/PKG-INFO`]: `Metadata-Version: 2.1\nName: ${name.split('-')[0]}\nVersion: 1.0\n`,
      [`${name}.egg-info/requires.txt`]: 'Django>=4.2\n',
      [`${name}.egg-info/top_level.txt`]: `${top}\n`,
    });
    const under = (folder: string, files: Record<string, string>) =>
      Object.fromEntries(Object.entries(files).map(([file, text]) => [`${folder}/${file}`, text]));
    const root = makeRepo({
      ...under('apps/django-axes', egg('django_axes-5.39.0', 'axes')),
      'apps/django-axes/axes/migrations/__init__.py': '',
      'apps/django-axes/axes/migrations/0001_initial.py': migration,
      ...under('apps/django-notes', egg('django_notes-1.4.0', 'notes')),
      'apps/django-notes/notes/models.py': models,
      ...under('debian/usr/lib/python3/dist-packages', egg('django_cas_server-2.0.0', 'cas_server')),
      'debian/usr/lib/python3/dist-packages/cas_server/migrations/0001_initial.py': migration,
      // Near misses: a library's egg-info (no data), an install folder whose top_level package is not there, an egg-info at the root.
      ...under('debian/usr/lib/python3/dist-packages', egg('django_environ-0.11.2', 'environ')),
      'debian/usr/lib/python3/dist-packages/environ/__init__.py': 'import os\n',
      ...under('debian/usr/lib/python3/dist-packages', egg('django_gone-1.0', 'gone')),
      ...egg('toplevel-1.0', 'toplevel'),
      'toplevel/migrations/0001_initial.py': migration,
    });
    const found = discover(root);
    expect(found.services).toEqual([
      [
        'django-axes',
        'apps/django-axes',
        'a Python distribution known by its egg-info (apps/django-axes/django_axes-5.39.0.egg-info/PKG-INFO), apps/django-axes/axes/migrations/ (1 file)',
      ],
      [
        'django-notes',
        'apps/django-notes',
        "a Python distribution known by its egg-info (apps/django-notes/django_notes-1.4.0.egg-info/PKG-INFO), the Django models of apps/django-notes/notes/models.py (a Django app's distribution, apps/django-notes/django_notes-1.4.0.egg-info/PKG-INFO, that commits no migrations)",
      ],
      [
        'cas_server',
        'debian/usr/lib/python3/dist-packages/cas_server',
        'a Python distribution known by its egg-info (debian/usr/lib/python3/dist-packages/django_cas_server-2.0.0.egg-info/PKG-INFO), debian/usr/lib/python3/dist-packages/cas_server/migrations/ (1 file)',
      ],
    ]);
    expect(found.rejected.map(([root]) => root)).toEqual(['debian/usr/lib/python3/dist-packages/environ']);
  });

  it('the database image, migration tooling, images without data and folders holding packages are no such service', () => {
    const root = makeRepo({
      'docker/postgres/Dockerfile': 'FROM docker.io/library/postgres:16-alpine AS base\nCOPY init.sql /docker-entrypoint-initdb.d/\n',
      'docker/postgres/init.sql': 'CREATE DATABASE orders;\nCREATE TABLE orders (id INT);\n',
      'flyway/Dockerfile': 'FROM node:20 AS build\nFROM flyway/flyway:10\n',
      'flyway/sql/V1__init.sql': 'CREATE TABLE t (id INT);\n',
      'db/Dockerfile': 'FROM node:20\n',
      'db/migrations/001_init.sql': 'CREATE TABLE u (id INT);\n',
      'web/Dockerfile': 'FROM nginx:1.25\n',
      'web/index.html': '<html></html>\n',
      // A Dockerfile above package.json services builds them: the packages decide.
      'backend/Dockerfile': 'FROM node:20\n',
      'backend/services/api/package.json': pkg('api', { pg: '^8' }),
      'backend/schema.sql': 'CREATE TABLE api_keys (id INT);\n',
    });
    const found = discover(root);
    expect(found.services).toEqual([['api', 'backend/services/api', 'pg']]);
    expect(found.rejected).toEqual([
      ['db', 'database tooling by its name (db/Dockerfile), not an application'],
      ['docker/postgres', 'a database or migration image (docker/postgres/Dockerfile: FROM postgres), not an application'],
      ['flyway', 'a database or migration image (flyway/Dockerfile: FROM flyway/flyway), not an application'],
      ['web', 'its own image (web/Dockerfile) without data of its own (no migrations, SQL files, Prisma schema, ORM config or entities)'],
    ]);
  });
});

describe('a package one level below its service folder (services/orders/{api/package.json, db/migrations})', () => {
  const api = (name: string) => pkg(name, { pg: '^8' }, { scripts: { start: 'node src/server.js' } });

  it('roots the service at the parent when the parent has no package.json, no other package, and data beside the package', () => {
    const found = discoverServices(
      ...(() => {
        const root = makeRepo({
          'services/orders/Dockerfile': 'FROM node:20\nCOPY api /app\n',
          'services/orders/api/package.json': api('orders-api'),
          'services/orders/api/src/server.js': "const { Pool } = require('pg');\n",
          'services/orders/db/migrations/V1__orders.sql': 'CREATE TABLE orders (id INT);\n',
        });
        return [root, discoverFiles({ cwd: root, ignores: [], defaultIgnores: true }), new PackageIndex(root)] as const;
      })(),
    );
    expect(found.services.map((s) => [s.name, s.root, s.packageRoot, s.evidence.map(describeServiceEvidence).join(', ')])).toEqual([
      [
        'orders',
        'services/orders',
        'services/orders/api',
        "pg, its package.json in services/orders/api (the folder's only package), services/orders/db/migrations/ (1 file)",
      ],
    ]);
  });

  it('keeps the package root when the parent holds another package, is a folder of services, has a package.json or no data of its own', () => {
    const root = makeRepo({
      // Two packages under one folder: which one the migrations belong to is not known.
      'services/catalog/api/package.json': api('catalog-api'),
      'services/catalog/worker/package.json': api('catalog-worker'),
      'services/catalog/db/migrations/V1__products.sql': 'CREATE TABLE products (id INT);\n',
      // A folder of services: its lone package's neighbours are other things.
      'apps/orders/package.json': api('orders'),
      'apps/migrations/V1__shared.sql': 'CREATE TABLE shared (id INT);\n',
      // The parent is a package itself.
      'billing/package.json': pkg('billing', {}, { scripts: { build: 'tsc' } }),
      'billing/api/package.json': api('billing-api'),
      'billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id INT);\n',
      // Nothing but a Dockerfile beside the package.
      'services/search/Dockerfile': 'FROM node:20\n',
      'services/search/api/package.json': api('search-api'),
    });
    expect(discover(root).services.map(([name, folder]) => [name, folder])).toEqual([
      ['orders', 'apps/orders'],
      ['billing-api', 'billing/api'],
      ['billing', 'billing'],
      ['catalog-api', 'services/catalog/api'],
      ['worker', 'services/catalog/worker'],
      ['search-api', 'services/search/api'],
    ]);
  });
});

describe('Serverless Framework services (serverless.yml, serverless-compose.yml) with one root package.json', () => {
  const root = () =>
    makeRepo({
      'package.json': pkg('ridebook', { mysql2: '^3.9.7' }, { devDependencies: { serverless: '^3.38.0' } }),
      'serverless-compose.yml':
        'services:\n  trips:\n    path: services/trips\n  rides:\n    path: ./functions/rides/\n  outside:\n    path: ../elsewhere\n',
      'services/trips/serverless.yml': 'service: trips\nprovider:\n  name: aws\n',
      'services/trips/migrations/V1__trips.sql': 'CREATE TABLE trips (id INT);\n',
      'services/trips/handler.ts': "import mysql from 'mysql2/promise';\n",
      // Listed by the compose file only (its serverless.yml is generated at deploy time).
      'functions/rides/handler.ts':
        "import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({ database: process.env.DB_NAME });\nexport const h = () => pool.query('SELECT id FROM trips');\n",
      // No migrations, but its code connects with the root's driver.
      'services/payouts/serverless.ts': "export default { service: 'payouts' };\n",
      'services/payouts/src/settle.ts': "import { createPool } from 'mysql2/promise';\nconst pool = createPool({ database: 'payouts' });\n",
      // Imports the driver's types only, never connects: no data of its own.
      'services/notifier/serverless.yml': 'service: notifier\n',
      'services/notifier/handler.ts': "import type { Pool } from 'mysql2/promise';\nexport const send = (p: Pool) => p;\n",
    });

  it('a folder with serverless.yml/.ts, or a path of serverless-compose.yml, is a service when it keeps data or connects with the root’s driver', () => {
    const found = discover(root());
    expect(found.services).toEqual([
      [
        'rides',
        'functions/rides',
        'a Serverless Framework service (serverless-compose.yml), mysql2 (hoisted to package.json; imported in functions/rides/handler.ts, and its code opens a connection)',
      ],
      [
        'payouts',
        'services/payouts',
        'a Serverless Framework service (services/payouts/serverless.ts), mysql2 (hoisted to package.json; imported in services/payouts/src/settle.ts, and its code opens a connection)',
      ],
      ['trips', 'services/trips', 'a Serverless Framework service (services/trips/serverless.yml), services/trips/migrations/ (1 file)'],
    ]);
    expect(found.rejected).toEqual([
      [
        'services/notifier',
        'a Serverless Framework service (services/notifier/serverless.yml) without data of its own (no migrations, SQL files, Prisma schema, ORM config or entities, nor code connecting with a driver it imports)',
      ],
    ]);
  });

  it('a serverless-compose.yml that does not parse lists no service, and says so', () => {
    const repo = makeRepo({
      'package.json': pkg('ridebook', { mysql2: '^3' }),
      'serverless-compose.yml': 'services:\n  trips: [path: services/trips\n',
      'services/trips/migrations/V1__trips.sql': 'CREATE TABLE trips (id INT);\n',
    });
    const packages = new PackageIndex(repo);
    const found = discoverServices(repo, discoverFiles({ cwd: repo, ignores: [], defaultIgnores: true }), packages);
    expect(found.services).toEqual([]);
    expect(packages.problems).toHaveLength(1);
    expect(packages.problems[0]).toMatch(
      /^serverless-compose\.yml: the YAML parser rejected it: .+ \(its services were not used to find services\)$/,
    );
  });
});

describe('a Supabase CLI project (supabase/config.toml + supabase/migrations)', () => {
  it('owns its migrations with the apps that keep no data of their own and the apps using Supabase’s client', () => {
    const root = makeRepo({
      'package.json': pkg('notes', {}, { devDependencies: { supabase: '^1.142.2' } }),
      'pnpm-workspace.yaml': 'packages:\n  - "apps/*"\n',
      'supabase/config.toml': 'project_id = "notes"\n',
      'supabase/migrations/20240110141200_notes.sql': 'create table public.notes (id bigint primary key);\n',
      'supabase/functions/send-welcome/index.ts': "import { createClient } from 'npm:@supabase/supabase-js@2';\n",
      'apps/worker/package.json': pkg('worker', { postgres: '^3.4.3' }, { scripts: { start: 'node dist/index.js' } }),
      'apps/worker/src/index.ts': "import postgres from 'postgres';\n",
      'apps/web/package.json': pkg('web', { next: '14.2.3', react: '^18', '@supabase/ssr': '^0.3.0' }),
      'apps/web/app/page.tsx': 'export default function Page() { return null; }\n',
      // A service with a schema of its own stays one.
      'apps/billing/package.json': pkg('billing', { pg: '^8' }),
      'apps/billing/migrations/001_invoices.sql': 'CREATE TABLE invoices (id INT);\n',
    });
    const found = discover(root);
    expect(found.services).toEqual([
      ['billing', 'apps/billing', 'pg, apps/billing/migrations/ (1 file)'],
      [
        'supabase',
        'supabase',
        'the Supabase project of supabase/config.toml, whose database apps/web, apps/worker use (one application, one database by design), supabase/migrations/ (1 file)',
      ],
    ]);
    expect(found.rejected).toEqual([]);
    const setup = configuredServices(root, {}, discoverFiles({ cwd: root, ignores: [], defaultIgnores: true }), new PackageIndex(root));
    expect(setup.services.find((s) => s.name === 'supabase')?.roots).toEqual(['supabase', 'apps/web', 'apps/worker']);
  });

  it('a supabase/ folder without migrations, or inside an app, is no project of its own', () => {
    const root = makeRepo({
      'supabase/config.toml': 'project_id = "x"\n',
      'supabase/seed.sql': 'insert into notes values (1);\n',
      'apps/web/package.json': pkg('web', { pg: '^8' }),
      'apps/web/supabase/config.toml': 'project_id = "web"\n',
      'apps/web/supabase/migrations/20240101000000_init.sql': 'create table notes (id int);\n',
    });
    expect(discover(root).services).toEqual([['web', 'apps/web', 'pg, apps/web/supabase/migrations/ (1 file)']]);
  });
});

describe('a Moleculer project (one package.json, services as files)', () => {
  it('makes each services/**/*.service.js file a service named by its schema, keeping its mixin arguments as database candidates', () => {
    const root = makeRepo({
      'backend/package.json': pkg('shop', { moleculer: '^0.14', mysql2: '^3' }),
      'backend/moleculer.config.js': 'module.exports = { transporter: "NATS" };\n',
      'backend/mixins/db.mixin.js': 'module.exports = (database) => ({ created() { this.pool = mysql.createPool({ database }); } });\n',
      'backend/services/orders.service.js': 'module.exports = {\n  name: "orders",\n  mixins: [DbMixin("orders_db"), Cache],\n};\n',
      'backend/services/legacy/stock.service.ts': 'export default { mixins: [], actions: {} };\n',
      'backend/services/orders.service.spec.js': 'describe("orders", () => {});\n',
    });
    const found = discoverServices(root, discoverFiles({ cwd: root, ignores: [], defaultIgnores: true }), new PackageIndex(root));
    expect(found.services.map((s) => [s.name, s.root, s.evidence.map(describeServiceEvidence).join(', ')])).toEqual([
      ['stock', 'backend/services/legacy/stock.service.ts', "a Moleculer service ('stock') of backend/package.json"],
      ['orders', 'backend/services/orders.service.js', "a Moleculer service ('orders') of backend/package.json"],
    ]);
    // The package holding them is no service of its own, nor set aside.
    expect(found.rejected).toEqual([]);
    const orders = found.services.find((s) => s.name === 'orders')!;
    expect(orders.databaseArguments).toEqual([
      {
        value: 'orders_db',
        call: 'DbMixin("orders_db")',
        file: 'backend/services/orders.service.js',
        line: 3,
        column: 20,
        endLine: 3,
        endColumn: 31,
      },
    ]);
  });

  it('a package without moleculer keeps its *.service.js files as its own code', () => {
    const root = makeRepo({
      'api/package.json': pkg('api', { pg: '^8' }),
      'api/services/orders.service.js': 'module.exports = { name: "orders" };\n',
    });
    expect(discover(root).services).toEqual([['api', 'api', 'pg']]);
  });
  it("a CI workflow named changelog.yml is no Liquibase changelog; a service's db/changelog/ is (HELDOUT15 #11)", () => {
    const workflow = 'name: Tests\non:\n  pull_request:\njobs:\n  changelog:\n    runs-on: ubuntu-latest\n';
    const changelog = 'databaseChangeLog:\n  - include:\n      file: db/changelog/001-init.sql\n';
    const root = makeRepo({
      'services/bridge/package.json': pkg('bridge', { postgres: '^3.4.0' }),
      'services/bridge/.github/workflows/changelog.yml': workflow,
      'services/bridge/.gitlab/changelog.yml': workflow,
      'services/ledger/package.json': pkg('ledger'),
      'services/ledger/src/index.ts': 'export {};\n',
      'services/ledger/db/changelog/db.changelog-master.yaml': changelog,
      'services/notify/package.json': pkg('notify'),
      'services/notify/src/index.ts': 'export {};\n',
      'services/notify/.github/workflows/changelog.yml': workflow,
    });
    const found = discover(root);
    expect(found.services).toEqual([
      ['bridge', 'services/bridge', 'postgres'],
      ['ledger', 'services/ledger', 'services/ledger/db/changelog/db.changelog-master.yaml (a Liquibase changelog)'],
    ]);
    expect(found.services.map((s) => s[0])).not.toContain('notify');
  });
});

describe('configured roots', () => {
  it('takes a linked root for its real folder, and drops one that leads out of the repository', () => {
    const outside = tempDir('nilecare-outside-');
    const root = makeRepo({ 'services/auth/src/db.ts': '', 'services/billing/src/db.ts': '' });
    mkdirSync(path.join(root, 'apps'));
    symlinkSync('../services/auth', path.join(root, 'apps/auth'), 'dir');
    symlinkSync(outside, path.join(root, 'apps/evil'), 'dir');
    const setup = configuredServices(
      root,
      {
        services: [
          { name: 'auth', roots: ['apps/auth'] },
          { name: 'billing', roots: ['services/billing', 'apps/evil', 'services/*/legacy'] },
        ],
      },
      { files: [] },
      new PackageIndex(root),
    );
    expect(setup.services.map((s) => [s.name, s.roots])).toEqual([
      ['auth', ['services/auth']],
      ['billing', ['services/billing', 'services/*/legacy']],
    ]);
    expect(setup.notices).toEqual([
      "services 'auth': root 'apps/auth' is a symbolic link; its real folder 'services/auth' is used.",
      "services 'billing': root 'apps/evil' is a symbolic link that leads outside the repository; it was dropped.",
    ]);
  });
});
