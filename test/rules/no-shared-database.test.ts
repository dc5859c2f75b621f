import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-shared-database.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester, runCase } from '../rule-tester.js';

/** Services without declared databases: the rule sees what .env files and code say. */
const config: NilecareConfig = {
  dialect: 'mysql',
  services: [
    { name: 'auth', roots: ['services/auth'] },
    { name: 'billing', roots: ['services/billing'] },
    { name: 'payment', roots: ['services/payment'] },
    { name: 'ehr', roots: ['services/ehr'] },
  ],
};

const authEnv = '# Auth service settings\nDB_HOST=localhost\nDB_NAME=nilecare\n';
const billingPool = [
  "import mysql from 'mysql2/promise';",
  '',
  'export const pool = mysql.createPool({',
  "  host: process.env.DB_HOST || 'localhost',",
  "  database: process.env.DB_NAME || 'nilecare',",
  '});',
  '',
].join('\n');

/** One database named through readers other than process.env (HELDOUT6 #13): NestJS ConfigService, env-var, a helper of the file. */
const nestBilling =
  "import { ConfigService } from '@nestjs/config';\nimport { TypeOrmModule } from '@nestjs/typeorm';\n\nexport const db = TypeOrmModule.forRootAsync({\n  inject: [ConfigService],\n  useFactory: (config: ConfigService) => ({\n    type: 'mysql',\n    host: config.get<string>('DB_HOST', 'mysql.internal'),\n    database: config.get<string>('DB_NAME', 'platform'),\n  }),\n});\n";
const envVarPayment =
  "const env = require('env-var');\nconst mysql = require('mysql2/promise');\n\nmodule.exports = mysql.createPool({\n  host: env.get('DB_HOST').default('mysql.internal').asString(),\n  database: env.get('DB_NAME').default('platform').asString(),\n});\n";
const helperAuth =
  "const mysql = require('mysql2/promise');\n\nconst env = (key, fallback) => process.env[key] ?? fallback;\n\nmodule.exports = mysql.createPool({\n  host: env('DB_HOST', 'mysql.internal'),\n  database: env('DB_NAME', 'platform'),\n});\n";

const compose = (billingHost: string, paymentHost: string) =>
  [
    'services:',
    '  billing:',
    '    environment:',
    `      DB_HOST: ${billingHost}`,
    '      DB_NAME: app',
    '  payment:',
    '    environment:',
    `      DB_HOST: ${paymentHost}`,
    '      DB_NAME: app',
    '',
  ].join('\n');

const pgConfig: NilecareConfig = { ...config, dialect: 'postgresql' };

const lucidConfig = [
  "import env from '#start/env'",
  "import { defineConfig } from '@adonisjs/lucid'",
  '',
  'export default defineConfig({',
  "  connection: 'pg',",
  '  connections: {',
  "    pg: { client: 'pg', connection: { host: env.get('DB_HOST'), user: env.get('DB_USER'), database: env.get('DB_DATABASE') } },",
  '    catalog_ro: {',
  "      client: 'pg',",
  "      connection: { host: env.get('DB_HOST'), user: 'catalog_reader', password: env.get('CATALOG_RO_PASSWORD'), database: 'catalog' },",
  '    },',
  "    test: { client: 'pg', connection: { host: 'localhost', user: 'ci', database: 'payment' } },",
  '  },',
  '})',
  '',
].join('\n');

/** Billing keeps its tables in schema billing; payment keeps payments in public of the same database. */
const billingInSchema = 'CREATE TABLE billing.invoices (id uuid PRIMARY KEY, payment_id uuid);\n';
const paymentInPublic = {
  'services/payment/.env': 'DATABASE_URL=postgres://app@pg:5432/shop\n',
  'services/payment/migrations/V1__payments.sql': 'CREATE TABLE payments (id uuid PRIMARY KEY);\n',
};
const billingQuery = (sql: string) =>
  `import { Pool } from 'pg';\nconst pool = new Pool();\nexport const q = () => pool.query('${sql}');\n`;
const sharedShop = (billingEnd = 41) => [
  {
    messageId: 'sharedDatabase',
    data: { service: 'billing', others: "service 'payment'" },
    line: 1,
    column: 14,
    endLine: 1,
    endColumn: billingEnd,
    file: 'services/billing/.env',
  },
  {
    messageId: 'sharedDatabase',
    data: { service: 'payment', others: "service 'billing'" },
    line: 1,
    column: 14,
    endLine: 1,
    endColumn: 41,
    file: 'services/payment/.env',
  },
];

/** A PM2 ecosystem file starting billing and payment, each app's `env_production` naming its database (HELDOUT5 #15). */
const ecosystem = (billing: string, payment: string, paymentApp = "cwd: './services/payment', script: 'dist/main.js'") =>
  [
    'module.exports = {',
    '  apps: [',
    "    { name: 'billing-api', cwd: './services/billing', script: 'dist/main.js', env: { DB_HOST: 'localhost', DB_NAME: 'dev' },",
    `      env_production: { ${billing} } },`,
    `    { name: 'payment', ${paymentApp},`,
    `      env_production: { ${payment} } },`,
    '  ],',
    '};',
    '',
  ].join('\n');

/** The `.env.example` `laravel new` writes (Laravel 10): its database is the generator's stand-in. */
const laravelEnv = (database: string) =>
  `APP_NAME=Laravel\nAPP_ENV=local\n\nDB_CONNECTION=mysql\nDB_HOST=127.0.0.1\nDB_PORT=3306\nDB_DATABASE=${database}\nDB_USERNAME=root\nDB_PASSWORD=\n`;

/** An init script (docker-entrypoint-initdb.d) giving each service a login role and a schema (HELDOUT8 #10). */
const rolesInit = (alter: boolean) =>
  ['billing', 'payment']
    .map((role) =>
      [
        `CREATE ROLE ${role} LOGIN;`,
        `CREATE SCHEMA IF NOT EXISTS ${role} AUTHORIZATION ${role};`,
        alter ? `ALTER ROLE ${role} IN DATABASE shop SET search_path TO ${role};` : `GRANT USAGE ON SCHEMA ${role} TO ${role};`,
      ].join('\n'),
    )
    .join('\n\n') + '\n';

/** Cloudflare Workers, each with its wrangler config: the D1 databases they bind by `database_name`. */
const workersConfig: NilecareConfig = {
  services: ['orders-api', 'orders-reminders', 'accounts'].map((name) => ({ name, roots: [`workers/${name}`] })),
};
const wranglerToml = (name: string, database: string, id: string) =>
  [
    `name = "${name}"`,
    'main = "src/index.ts"',
    'compatibility_date = "2024-09-01"',
    '',
    '[[d1_databases]]',
    'binding = "DB"',
    `database_name = "${database}"`,
    `database_id = "${id}"`,
    '',
  ].join('\n');
const wranglerJsonc = (name: string, database: string, id: string) =>
  [
    '{',
    `  "name": "${name}",`,
    '  "main": "src/index.ts",',
    '  "triggers": { "crons": ["0 9 * * *"] },',
    '  // The orders database, read for reminders.',
    `  "d1_databases": [{ "binding": "ORDERS", "database_name": "${database}", "database_id": "${id}" }],`,
    '}',
    '',
  ].join('\n');

ruleTester.run(rule, {
  valid: [
    {
      name: 'Cloudflare Workers binding D1 databases of different names, in any environment, are isolated',
      filename: 'workers/orders-api/wrangler.toml',
      code:
        wranglerToml('orders-api', 'orders-db', '5b0e4c1a-0000-4000-8000-000000000001') +
        '[[env.staging.d1_databases]]\nbinding = "DB"\ndatabase_name = "orders-db-staging"\n',
      files: {
        'workers/orders-reminders/wrangler.jsonc': wranglerJsonc(
          'orders-reminders',
          'reminders-db',
          '3e2d1c0b-0000-4000-8000-000000000003',
        ),
        'workers/accounts/wrangler.toml': wranglerToml('accounts', 'accounts-db', '9c8d7e6f-0000-4000-8000-000000000002'),
      },
      config: workersConfig,
    },
    {
      name: 'two Turso databases of one organisation, and local sqld servers: no shared database (HELDOUT8 #24)',
      filename: 'services/billing/.env.example',
      code: 'TURSO_DATABASE_URL=libsql://billing-acme.turso.io\nTURSO_AUTH_TOKEN=\n',
      files: {
        'services/payment/.env.example': 'TURSO_DATABASE_URL=libsql://payment-acme.turso.io\n',
        'services/auth/.env.example': 'LIBSQL_URL=libsql://localhost:8080\n',
        'services/ehr/.env.example': 'LIBSQL_URL=libsql://localhost:8080\n',
      },
      config,
    },
    {
      name: 'schema per service set on the login role (ALTER ROLE … SET search_path), the URLs log in as the roles: a schema each (HELDOUT8 #10)',
      filename: 'services/billing/.env.example',
      code: 'DATABASE_URL=postgres://billing@localhost:5432/shop\n',
      files: {
        'infra/postgres/init/01-roles.sql': rolesInit(true),
        'services/payment/.env.example': 'DATABASE_URL=postgres://payment:${PAYMENT_DB_PASSWORD}@localhost:5432/shop\n',
      },
      config: pgConfig,
    },
    {
      name: 'a schema named after each login role and the default search path ("$user", public): a schema each (HELDOUT8 #10)',
      filename: 'services/billing/.env.example',
      code: 'DATABASE_URL=postgres://billing@localhost:5432/shop\n',
      files: {
        'infra/postgres/init/01-roles.sql': rolesInit(false),
        'services/payment/.env.example': 'DATABASE_URL=postgres://payment@localhost:5432/shop\n',
      },
      config: pgConfig,
    },
    {
      name: "two Laravel apps' generated .env.example (DB_DATABASE=laravel, and Homestead's homestead): stand-ins, no shared database (HELDOUT8 #22)",
      filename: 'services/billing/.env.example',
      code: laravelEnv('laravel'),
      files: {
        'services/payment/.env.example': laravelEnv('laravel'),
        'services/auth/.env': laravelEnv('homestead'),
        'services/ehr/.env': laravelEnv('homestead'),
      },
      config,
    },
    {
      name: 'the same reader defaults with a host of their own each: three servers, no shared database (HELDOUT6 #13)',
      filename: 'services/billing/src/app.module.ts',
      code: nestBilling.replace('mysql.internal', 'billing-db'),
      files: {
        'services/payment/src/db.js': envVarPayment.replace('mysql.internal', 'payment-db'),
        'services/auth/src/db.js': helperAuth.replace('mysql.internal', 'auth-db'),
      },
      config,
    },
    {
      name: 'PM2 apps on two servers (each env block has its own DB_HOST): two databases; the dev env of one app names another',
      filename: 'ecosystem.config.js',
      code: ecosystem("DB_HOST: 'billing-db', DB_NAME: 'platform'", "DB_HOST: 'payment-db', DB_NAME: 'platform'"),
      config,
    },
    {
      name: 'a PM2 app whose script and name lead to no service, and a test environment: nothing is attributed',
      filename: 'ecosystem.config.js',
      code: ecosystem("DB_NAME: 'platform'", "DB_NAME: 'platform'", "name2: 'x', script: '/opt/legacy/server.js'").replace(
        "name: 'payment'",
        "name: 'legacy-reports'",
      ),
      files: {
        'services/payment/ecosystem.config.js': "module.exports = { apps: [{ name: 'payment', env_test: { DB_NAME: 'platform' } }] };\n",
      },
      config,
    },
    {
      name: 'a schema of its own shown by its tables, and every access stays in it: isolated from public',
      filename: 'services/billing/.env',
      code: 'DATABASE_URL=postgres://app@pg:5432/shop\n',
      files: {
        ...paymentInPublic,
        'services/billing/migrations/V1__invoices.sql': billingInSchema,
        'services/billing/src/repo.ts': billingQuery('SELECT id FROM billing.invoices JOIN invoices USING (id)'),
      },
      config: pgConfig,
    },
    {
      name: 'search_path=billing,public, and every access stays in billing: isolated',
      filename: 'services/billing/.env',
      code: 'DATABASE_URL=postgres://app@pg:5432/shop?options=-c%20search_path%3Dbilling%2Cpublic\n',
      files: {
        ...paymentInPublic,
        'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id uuid PRIMARY KEY);\n',
        'services/billing/src/repo.ts': billingQuery('SELECT id FROM invoices'),
      },
      config: pgConfig,
    },
    {
      name: "?schema=billing alone: an unqualified name is looked up in billing only, never in public's payments",
      filename: 'services/billing/.env',
      code: 'DATABASE_URL=postgres://app@pg:5432/shop?schema=billing\n',
      files: {
        ...paymentInPublic,
        'services/billing/migrations/V1__invoices.sql': billingInSchema,
        'services/billing/src/repo.ts': billingQuery('SELECT id FROM payments'),
      },
      config: pgConfig,
    },
    {
      name: "postgres.js `connection: { search_path }` and pg `options` on the environment's URL: one database, a schema each",
      filename: 'services/billing/.env.example',
      code: 'DATABASE_URL=postgres://app@pg:5432/shop\n',
      files: {
        'services/billing/src/db.ts':
          "import postgres from 'postgres'\nexport const sql = postgres(process.env.DATABASE_URL, { connection: { search_path: 'billing' } })\n",
        'services/payment/.env.example': 'DATABASE_URL=postgres://app@pg:5432/shop\n',
        'services/payment/src/db.ts':
          "import { Pool } from 'pg'\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL, options: '-c search_path=payment,public' })\n",
      },
      config: pgConfig,
    },
    {
      name: "a Lucid connections map's `test` connection is the test suite's database",
      filename: 'services/billing/config/database.ts',
      code: lucidConfig,
      files: { 'services/payment/.env.example': 'DB_DATABASE=payment\n' },
      config: pgConfig,
    },
    {
      name: 'the same name on two servers (each compose service has its own DB_HOST) is two databases',
      filename: 'docker-compose.yml',
      code: compose('billing-db', 'payment-db'),
      config,
    },
    {
      name: "a service's own keys win over those a `<<:` merge key brings: two servers",
      filename: 'docker-compose.yml',
      code: [
        'x-db-env: &db-env',
        '  DB_HOST: mysql',
        '  DB_NAME: platform',
        'services:',
        '  billing:',
        '    environment:',
        '      <<: *db-env',
        '      DB_HOST: billing-db',
        '  payment:',
        '    <<: { environment: *db-env }',
        '',
      ].join('\n'),
      config,
    },
    {
      name: 'an interpolation without a default is set by the deployment: no value to compare',
      filename: 'docker-compose.yml',
      code: [
        'services:',
        '  billing:',
        '    environment:',
        '      DB_HOST: ${DB_HOST}',
        '      DB_NAME: ${APP_DB_NAME:?set APP_DB_NAME}',
        '  payment:',
        '    environment:',
        '      DB_HOST: ${DB_HOST}',
        '      DB_NAME: ${APP_DB_NAME:?set APP_DB_NAME}',
        '',
      ].join('\n'),
      config,
    },
    {
      name: 'the same name in two pools whose host options name two servers is two databases',
      filename: 'services/billing/src/config/database.ts',
      code: billingPool.replace("'localhost'", "'billing-db'").replace("'nilecare'", "'app'"),
      files: {
        'services/payment/src/config/database.ts': billingPool.replace("'localhost'", "'payment-db'").replace("'nilecare'", "'app'"),
      },
      config,
    },
    {
      name: 'two ports on localhost are two servers (a container per service, published on 5433 and 5434)',
      filename: 'services/billing/.env.example',
      code: 'DATABASE_URL=postgresql://postgres:postgres@localhost:5433/app\n',
      files: { 'services/payment/.env.example': 'DATABASE_URL=postgresql://postgres:postgres@localhost:5434/app\n' },
      config: pgConfig,
    },
    {
      name: 'a DB_PORT beside DB_HOST and DB_NAME is part of the server too',
      filename: 'services/billing/.env.example',
      code: 'DB_HOST=127.0.0.1\nDB_PORT=3307\nDB_NAME=app\n',
      files: { 'services/payment/.env.example': 'DB_HOST=127.0.0.1\nDB_PORT=3308\nDB_NAME=app\n' },
      config,
    },
    {
      name: "localhost in a side's dev settings is the server its compose settings name, not any other service's",
      filename: 'docker-compose.yml',
      code: compose('billing-db', 'payment-db'),
      files: {
        'services/billing/.env.example': 'DB_HOST=localhost\nDB_PORT=3307\nDB_NAME=app\n',
        'services/payment/.env.example': 'DB_HOST=localhost\nDB_PORT=3308\nDB_NAME=app\n',
      },
      config,
    },
    {
      name: 'the same name in URLs to two hosts is two databases',
      filename: 'services/billing/.env',
      code: 'DATABASE_URL=postgres://billing@billing-db.internal:5432/app\n',
      files: { 'services/payment/.env': 'DATABASE_URL=postgres://payment@payment-db.internal/app\n' },
      config,
    },
    {
      name: 'each service has its own database',
      filename: 'services/auth/.env.example',
      code: 'DB_NAME=nilecare_auth\n',
      files: { 'services/billing/.env.example': 'DB_NAME=nilecare_billing\n' },
      config,
    },
    {
      name: 'a database allowed by option',
      filename: 'services/auth/.env.example',
      code: authEnv,
      files: { 'services/billing/src/config/database.ts': billingPool },
      config,
      options: { allow: ['nilecare'] },
    },
    {
      name: 'allowed by glob, case-insensitive',
      filename: 'services/auth/.env',
      code: 'DB_NAME=Cache_Sessions\n',
      files: { 'services/billing/.env': 'DB_NAME=cache_sessions\n' },
      config,
      options: { allow: ['cache_*'] },
    },
    {
      name: 'the same name on MySQL and on MongoDB is two databases',
      filename: 'services/ehr/.env',
      code: 'MONGO_URL=mongodb://localhost:27017/nilecare\n',
      files: { 'services/auth/.env': 'MYSQL_DATABASE=nilecare\n' },
      config,
    },
    {
      name: 'an ignored engine',
      filename: 'services/ehr/.env',
      code: 'MONGO_URL=mongodb://localhost:27017/documents\n',
      files: { 'services/billing/.env': 'MONGODB_URI=mongodb://mongo:27017/documents\n' },
      config,
      options: { ignoreKinds: ['mongodb'] },
    },
    {
      name: 'one PostgreSQL database, a Prisma schema per service',
      filename: 'services/billing/.env.example',
      code: 'DATABASE_URL="postgresql://shop:shop@localhost:5432/shop?schema=billing"\n',
      files: { 'services/payment/.env.example': 'DATABASE_URL="postgresql://shop:shop@localhost:5432/shop?schema=payment"\n' },
      config,
    },
    {
      name: 'one PostgreSQL database: search_path in PGOPTIONS, pg `options`, a TypeORM `schema`, knex `searchPath`',
      filename: 'services/billing/.env',
      code: 'PGHOST=pg\nPGDATABASE=shop\nPGOPTIONS=-c search_path=billing\n',
      files: {
        'services/payment/src/db.ts': "export const pool = new Pool({ host: 'pg', database: 'shop', options: '-c search_path=payment' });",
        'services/auth/src/app.module.ts':
          "TypeOrmModule.forRoot({ type: 'postgres', host: process.env.DB_HOST, database: process.env.DB_NAME || 'shop', schema: 'auth' });",
        'services/ehr/knexfile.js':
          "module.exports = { client: 'pg', connection: { host: 'pg', database: 'shop' }, searchPath: ['ehr', 'public'] };",
      },
      config,
    },
    {
      name: 'Redis indexes, health payloads and labels are no databases',
      filename: 'services/auth/.env',
      code: 'REDIS_DB=0\nCACHE_DB=1\n',
      files: {
        'services/billing/.env': 'REDIS_DB=0\n',
        'services/billing/src/redis.ts':
          "export const redis = new Redis({ host: 'cache', db: parseInt(process.env.REDIS_DB || '1', 10) });\nexport const cache = createClient({ url: process.env.REDIS_URL, database: 1 });",
        'services/auth/src/health.ts':
          "export const health = (_req, res) => res.json({ status: 'ok', database: 'connected' });\nexport const info = { service: 'auth', database: 'Shared MySQL (nilecare)' };",
        'services/payment/src/health.ts':
          "export function health(res) {\n  res.status(200).json({ status: 'ok', database: 'connected' });\n  return { database: 'Shared MySQL (nilecare)', host: 'status-page' };\n}",
      },
      config,
    },
    {
      name: 'placeholders are not database names',
      filename: 'services/auth/.env.example',
      code: 'DB_NAME=${DB_NAME}\n',
      files: { 'services/billing/.env.example': 'DB_NAME=your_db_here\n' },
      config,
    },
  ],
  invalid: [
    {
      name: "two Cloudflare Workers binding one D1 database_name share that database, at each binding's database_name (a TOML table, a JSONC object)",
      filename: 'workers/orders-api/wrangler.toml',
      code: wranglerToml('orders-api', 'orders-db', '5b0e4c1a-0000-4000-8000-000000000001'),
      files: {
        'workers/orders-reminders/wrangler.jsonc': wranglerJsonc('orders-reminders', 'orders-db', '5b0e4c1a-0000-4000-8000-000000000001'),
        'workers/accounts/wrangler.toml': wranglerToml('accounts', 'accounts-db', '9c8d7e6f-0000-4000-8000-000000000002'),
      },
      config: workersConfig,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'orders-api', database: 'orders-db', others: "service 'orders-reminders'" },
          line: 7,
          column: 17,
          endLine: 7,
          endColumn: 28,
        },
        {
          file: 'workers/orders-reminders/wrangler.jsonc',
          messageId: 'sharedDatabase',
          data: { service: 'orders-reminders', database: 'orders-db', others: "service 'orders-api'" },
          line: 6,
          column: 60,
          endLine: 6,
          endColumn: 71,
        },
      ],
    },
    {
      name: 'two services on one Turso database (libsql:// and https:// URLs of one host) share it (HELDOUT8 #24)',
      filename: 'services/billing/.env.example',
      code: 'TURSO_DATABASE_URL=libsql://platform-acme.turso.io\n',
      files: {
        'services/payment/.env.production': 'LIBSQL_URL=https://platform-acme.turso.io\nLIBSQL_AUTH_TOKEN=${TURSO_TOKEN}\n',
      },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "service 'payment'" },
          line: 1,
          column: 20,
          endLine: 1,
          endColumn: 51,
        },
        {
          file: 'services/payment/.env.production',
          messageId: 'sharedDatabase',
          data: { service: 'payment', others: "service 'billing'" },
          line: 1,
          column: 12,
          endLine: 1,
          endColumn: 42,
        },
      ],
    },
    {
      name: 'login roles whose search path is one schema ("$user" with no schema of that name is skipped) share it with ?schema=app; a user with no role set up works in public (HELDOUT8 #10)',
      filename: 'services/billing/.env.example',
      code: 'DATABASE_URL=postgres://billing@localhost:5432/shop\n',
      files: {
        'infra/postgres/init/01-roles.sql':
          'CREATE ROLE billing LOGIN;\nALTER ROLE billing SET search_path TO app;\nCREATE ROLE payment LOGIN;\nALTER USER payment SET search_path = "$user", app;\n',
        'services/payment/.env.example': 'DATABASE_URL=postgres://payment@localhost:5432/shop\n',
        'services/auth/.env.example': 'DATABASE_URL=postgres://auth@localhost:5432/shop\n',
        'services/ehr/.env.example': 'DATABASE_URL=postgres://ehr@localhost:5432/shop?schema=app\n',
      },
      config: pgConfig,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "services 'ehr' and 'payment'" },
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 52,
        },
        {
          file: 'services/ehr/.env.example',
          messageId: 'sharedDatabase',
          data: { service: 'ehr', others: "services 'billing' and 'payment'" },
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 59,
        },
        {
          file: 'services/payment/.env.example',
          messageId: 'sharedDatabase',
          data: { service: 'payment', others: "services 'billing' and 'ehr'" },
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 52,
        },
      ],
    },
    {
      name: 'a compose file that names the database laravel chose it: two services on it share it (only a dotenv file holds the stand-in)',
      filename: 'docker-compose.yml',
      code: compose('mysql', 'mysql').replace(/DB_NAME: app/g, 'DB_DATABASE: laravel'),
      files: { 'services/billing/.env.example': laravelEnv('laravel'), 'services/payment/.env.example': laravelEnv('catalog') },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "service 'payment'" },
          line: 5,
          column: 20,
          endLine: 5,
          endColumn: 27,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'payment', others: "service 'billing'" },
          line: 9,
          column: 20,
          endLine: 9,
          endColumn: 27,
        },
      ],
    },
    {
      name: 'a Go MySQL DSN and a .NET ADO.NET connection string name one database on one server; a conninfo names another (HELDOUT7 #20, #21)',
      filename: 'services/auth/.env.production',
      code: 'MYSQL_DSN=auth:${AUTH_DB_PASSWORD}@tcp(mysql.internal:3306)/platform?parseTime=true\n',
      files: {
        'services/payment/appsettings.Production.json':
          '{ "ConnectionStrings": { "Default": "Server=mysql.internal;Port=3306;Database=platform;Uid=payment;Pwd=${PAYMENT_DB_PASSWORD}" } }\n',
        'services/ehr/.env.production': 'DATABASE_DSN="host=mysql.internal port=3306 dbname=ehr user=ehr"\n',
      },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'auth', others: "service 'payment'" },
          line: 1,
          column: 11,
          endLine: 1,
          endColumn: 84,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'payment', others: "service 'auth'" },
          line: 1,
          column: 37,
          endLine: 1,
          endColumn: 127,
          file: 'services/payment/appsettings.Production.json',
        },
      ],
    },
    {
      name: "defaults through NestJS ConfigService.get, env-var's .default() and the file's env(key, fallback) helper name one database on one host (HELDOUT6 #13)",
      filename: 'services/billing/src/app.module.ts',
      code: nestBilling,
      files: { 'services/payment/src/db.js': envVarPayment, 'services/auth/src/db.js': helperAuth },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'auth', others: "services 'billing' and 'payment'" },
          line: 7,
          column: 28,
          endLine: 7,
          endColumn: 38,
          file: 'services/auth/src/db.js',
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "services 'auth' and 'payment'" },
          line: 9,
          column: 45,
          endLine: 9,
          endColumn: 55,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'payment', others: "services 'auth' and 'billing'" },
          line: 6,
          column: 40,
          endLine: 6,
          endColumn: 50,
          file: 'services/payment/src/db.js',
        },
      ],
    },
    {
      name: "PM2 apps matched by cwd and by script path, both on one server's 'platform' in env_production (HELDOUT5 #15)",
      filename: 'ecosystem.config.js',
      code: ecosystem(
        "DB_HOST: 'db.internal', DB_NAME: 'platform'",
        "DB_HOST: 'db.internal', DB_NAME: 'platform'",
        "script: './services/payment/dist/main.js'",
      ),
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "service 'payment'" },
          line: 4,
          column: 58,
          endLine: 4,
          endColumn: 68,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'payment', others: "service 'billing'" },
          line: 6,
          column: 58,
          endLine: 6,
          endColumn: 68,
        },
      ],
    },
    {
      name: 'a PM2 app matched by name (its script is npm), beside an env file of the other service',
      filename: 'ecosystem.config.js',
      code: "module.exports = { apps: [{ name: 'payment', script: 'npm', args: 'start', env: { DB_NAME: 'nilecare' } }] };\n",
      files: { 'services/auth/.env': authEnv },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'payment', others: "service 'auth'" },
          line: 1,
          column: 92,
          endLine: 1,
          endColumn: 102,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'auth', others: "service 'payment'" },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 17,
          file: 'services/auth/.env',
        },
      ],
    },
    {
      name: 'tables in a schema of its own, no search path, yet an unqualified read of public payments: one database shared',
      filename: 'services/billing/.env',
      code: 'DATABASE_URL=postgres://app@pg:5432/shop\n',
      files: {
        ...paymentInPublic,
        'services/billing/migrations/V1__invoices.sql': billingInSchema,
        'services/billing/src/repo.ts': billingQuery('SELECT i.id FROM billing.invoices i JOIN payments p ON p.id = i.payment_id'),
      },
      config: pgConfig,
      errors: sharedShop(),
    },
    {
      name: 'search_path=billing,public in the URL and an unqualified read of public payments: shared',
      filename: 'services/billing/.env',
      code: 'DATABASE_URL=postgres://app@pg:5432/shop?options=-c%20search_path%3Dbilling%2Cpublic\n',
      files: {
        ...paymentInPublic,
        'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id uuid PRIMARY KEY);\n',
        'services/billing/src/repo.ts': billingQuery('SELECT id FROM payments'),
      },
      config: pgConfig,
      errors: sharedShop(85),
    },
    {
      name: "pg `options: '-c search_path=billing,public'` beside the URL, and knex reaching public payments: shared",
      filename: 'services/billing/.env',
      code: 'DATABASE_URL=postgres://app@pg:5432/shop\n',
      files: {
        ...paymentInPublic,
        'services/billing/src/db.ts':
          "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL, options: '-c search_path=billing,public' });\n",
        'services/billing/src/repo.ts': "export const paid = (knex) => knex('payments').where({ id: 1 });\n",
      },
      config: pgConfig,
      errors: sharedShop(),
    },
    {
      name: 'node-config: config/default.json and config/default.yml name one database',
      filename: 'services/billing/config/default.json',
      code: '{ "port": 3000, "db": { "host": "localhost", "user": "billing", "password": "", "database": "shop" } }\n',
      files: {
        'services/payment/config/default.yml': 'db:\n  host: localhost\n  user: payment\n  database: shop\n',
        'services/payment/config/test.yml': 'db:\n  host: localhost\n  database: billing_test\n',
        'services/auth/config/default.json': '{ "i18n": { "database": "translations" }, "logger": { "name": "auth" } }\n',
      },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "service 'payment'" },
          line: 1,
          column: 93,
          endLine: 1,
          endColumn: 99,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'payment', others: "service 'billing'" },
          line: 4,
          column: 13,
          endLine: 4,
          endColumn: 17,
          file: 'services/payment/config/default.yml',
        },
      ],
    },
    {
      name: "serverless.yml: a function's environment (DB_NAME) and an RDS cluster's DatabaseName name the service's database",
      filename: 'services/billing/serverless.yml',
      code: 'service: billing\nfunctions:\n  invoice:\n    handler: handler.invoice\n    environment:\n      DB_NAME: ledger\n',
      files: {
        'services/payment/serverless.yml':
          'service: payment\nprovider:\n  environment:\n    DB_NAME: ${ssm:/payment/db-name}\nresources:\n  Resources:\n    Db:\n      Type: AWS::RDS::DBCluster\n      Properties:\n        Engine: aurora-mysql\n        DatabaseName: ledger\n',
      },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "service 'payment'" },
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 22,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'payment', others: "service 'billing'" },
          line: 11,
          column: 23,
          endLine: 11,
          endColumn: 29,
          file: 'services/payment/serverless.yml',
        },
      ],
    },
    {
      name: 'a search path confines nothing when the service sets two, or outside options of a driver',
      filename: 'services/billing/.env.example',
      code: 'DATABASE_URL=postgres://app@pg:5432/shop\n',
      files: {
        'services/billing/src/db.ts':
          "import postgres from 'postgres'\nexport const a = postgres(process.env.DATABASE_URL, { connection: { search_path: 'billing' } })\nexport const b = postgres(process.env.DATABASE_URL, { connection: { search_path: 'billing_archive' } })\n",
        'services/payment/.env.example': 'DATABASE_URL=postgres://app@pg:5432/shop\n',
        'services/payment/src/health.ts': "export const health = (res) => res.json({ host: 'pg', search_path: 'payment' })\n",
      },
      config: pgConfig,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "service 'payment'" },
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 41,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'payment', others: "service 'billing'" },
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 41,
          file: 'services/payment/.env.example',
        },
      ],
    },
    {
      name: "a second Lucid connection's literal database (beside its host, user, password) is the service's too",
      filename: 'services/billing/config/database.ts',
      code: lucidConfig,
      files: { 'services/payment/.env.example': 'DB_DATABASE=catalog\n' },
      config: pgConfig,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "service 'payment'" },
          line: 10,
          column: 123,
          endLine: 10,
          endColumn: 132,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'payment', others: "service 'billing'" },
          line: 1,
          column: 13,
          endLine: 1,
          endColumn: 20,
          file: 'services/payment/.env.example',
        },
      ],
    },
    {
      name: 'one PostgreSQL database and the same schema',
      filename: 'services/billing/.env.example',
      code: 'DATABASE_URL="postgresql://shop@pg:5432/shop?schema=money"\n',
      files: {
        'services/payment/src/db.ts': "export const pool = new Pool({ host: 'pg', database: 'shop', options: '-c search_path=money' });",
      },
      config,
      errors: [
        { messageId: 'sharedDatabase', data: { service: 'billing', database: 'shop' }, line: 1, column: 15, endLine: 1, endColumn: 58 },
        {
          messageId: 'sharedDatabase',
          data: { service: 'payment', database: 'shop' },
          file: 'services/payment/src/db.ts',
          line: 1,
          column: 54,
          endLine: 1,
          endColumn: 60,
        },
      ],
    },
    {
      name: 'a schema on one side only: the other works in public, unless it names public too',
      filename: 'services/billing/.env',
      code: 'DATABASE_URL=postgresql://u@pg/shop?schema=public\n',
      files: { 'services/payment/.env': 'PGDATABASE=shop\n', 'services/auth/.env': 'DATABASE_URL=postgresql://u@pg/shop?schema=auth\n' },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "service 'payment'" },
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 50,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'payment', others: "service 'billing'" },
          file: 'services/payment/.env',
          line: 1,
          column: 12,
          endLine: 1,
          endColumn: 16,
        },
      ],
    },
    {
      name: 'TYPEORM_DATABASE and a knexfile connection are connection settings',
      filename: 'services/billing/.env',
      code: 'TYPEORM_DATABASE=ledger\n',
      files: {
        'services/payment/knexfile.js':
          "module.exports = { client: 'mysql2', connection: { host: process.env.DB_HOST, database: 'ledger' } };",
      },
      config,
      errors: [
        { messageId: 'sharedDatabase', data: { service: 'billing', database: 'ledger' }, line: 1, column: 18, endLine: 1, endColumn: 24 },
        {
          messageId: 'sharedDatabase',
          data: { service: 'payment', database: 'ledger' },
          file: 'services/payment/knexfile.js',
          line: 1,
          column: 89,
          endLine: 1,
          endColumn: 97,
        },
      ],
    },
    {
      name: 'the same name on the same server',
      filename: 'docker-compose.yml',
      code: compose('mysql', 'mysql'),
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "service 'payment'" },
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 19,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'payment', others: "service 'billing'" },
          line: 9,
          column: 16,
          endLine: 9,
          endColumn: 19,
        },
      ],
    },
    {
      name: 'compose settings shared through a YAML anchor: `environment: *env` and a `<<: *env` merge key',
      filename: 'docker-compose.yml',
      code: [
        'x-db-env: &db-env',
        '  DB_HOST: mysql',
        '  DB_NAME: platform',
        'services:',
        '  billing:',
        '    environment:',
        '      <<: *db-env',
        '      PORT: "7020"',
        '  payment:',
        '    environment: *db-env',
        '',
      ].join('\n'),
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "service 'payment'" },
          line: 3,
          column: 12,
          endLine: 3,
          endColumn: 20,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'payment', others: "service 'billing'" },
          line: 3,
          column: 12,
          endLine: 3,
          endColumn: 20,
        },
      ],
    },
    {
      name: 'compose interpolation defaults are the values compose passes when the variable is unset',
      filename: 'docker-compose.yml',
      code: [
        'services:',
        '  billing:',
        '    environment:',
        '      DB_HOST: ${DB_HOST:-mysql}',
        '      DB_NAME: ${APP_DB_NAME:-platform}',
        '  payment:',
        '    environment:',
        '      - DB_HOST=${DB_HOST-mysql}',
        '      - "DB_NAME=${APP_DB_NAME:-platform}"',
        '',
      ].join('\n'),
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "service 'payment'" },
          line: 5,
          column: 31,
          endLine: 5,
          endColumn: 39,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'payment', others: "service 'billing'" },
          line: 9,
          column: 33,
          endLine: 9,
          endColumn: 41,
        },
      ],
    },
    {
      name: 'two pools with the same host option are on one server',
      filename: 'services/billing/src/config/database.ts',
      code: billingPool.replace("'localhost'", "'mysql'").replace("'nilecare'", "'app'"),
      files: { 'services/payment/src/config/database.ts': billingPool.replace("'localhost'", "'mysql'").replace("'nilecare'", "'app'") },
      config,
      errors: [
        { messageId: 'sharedDatabase', data: { service: 'billing' }, line: 5, column: 36, endLine: 5, endColumn: 41 },
        {
          messageId: 'sharedDatabase',
          data: { service: 'payment' },
          file: 'services/payment/src/config/database.ts',
          line: 5,
          column: 36,
          endLine: 5,
          endColumn: 41,
        },
      ],
    },
    {
      name: 'the same port on localhost is one server; a side without a port may be on any',
      filename: 'services/billing/.env.example',
      code: 'DATABASE_URL=postgresql://postgres:postgres@localhost:5433/app\n',
      files: {
        'services/payment/.env.example': 'DATABASE_URL=postgresql://postgres:postgres@localhost:5433/app\n',
        'services/auth/.env.example': 'DB_HOST=localhost\nDB_NAME=app\n',
      },
      config: pgConfig,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'auth' },
          file: 'services/auth/.env.example',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 12,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "services 'auth' and 'payment'" },
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 63,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'payment' },
          file: 'services/payment/.env.example',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 63,
        },
      ],
    },
    {
      name: 'localhost on both sides is one machine, not two servers',
      filename: 'docker-compose.yml',
      code: compose('localhost', 'localhost'),
      config,
      errors: [
        { messageId: 'sharedDatabase', data: { service: 'billing' }, line: 5, column: 16, endLine: 5, endColumn: 19 },
        { messageId: 'sharedDatabase', data: { service: 'payment' }, line: 9, column: 16, endLine: 9, endColumn: 19 },
      ],
    },
    {
      name: "a side that names no server may be on the other's",
      filename: 'services/billing/.env',
      code: 'DATABASE_URL=postgres://billing@billing-db.internal:5432/app\n',
      files: { 'services/payment/.env': 'PGDATABASE=app\n' },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "service 'payment'" },
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 61,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'payment', others: "service 'billing'" },
          file: 'services/payment/.env',
          line: 1,
          column: 12,
          endLine: 1,
          endColumn: 15,
        },
      ],
    },
    {
      name: '.env.example in one service, a code default in another',
      filename: 'services/auth/.env.example',
      code: authEnv,
      files: { 'services/billing/src/config/database.ts': billingPool },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'auth', database: 'nilecare', others: "service 'billing'" },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 17,
          severity: 'error',
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', database: 'nilecare', others: "service 'auth'" },
          line: 5,
          column: 36,
          endLine: 5,
          endColumn: 46,
          file: 'services/billing/src/config/database.ts',
        },
      ],
    },
    {
      name: 'three services, each told about the other two',
      filename: 'services/payment/src/db.ts',
      code: "import mysql from 'mysql2/promise';\nexport const pool = mysql.createPool({ database: process.env.DB_NAME || 'nilecare' });\n",
      files: { 'services/auth/.env.example': authEnv, 'services/billing/src/config/database.ts': billingPool },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'auth', others: "services 'billing' and 'payment'" },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 17,
          file: 'services/auth/.env.example',
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "services 'auth' and 'payment'" },
          line: 5,
          column: 36,
          endLine: 5,
          endColumn: 46,
          file: 'services/billing/src/config/database.ts',
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'payment', others: "services 'auth' and 'billing'" },
          line: 2,
          column: 73,
          endLine: 2,
          endColumn: 83,
        },
      ],
    },
    {
      name: 'a shared MongoDB database is reported unless its engine is ignored',
      filename: 'services/ehr/.env',
      code: 'MONGO_URL=mongodb://localhost:27017/documents\n',
      files: { 'services/billing/.env': 'MONGODB_URI=mongodb://mongo:27017/documents\n' },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', database: 'documents' },
          line: 1,
          column: 13,
          endLine: 1,
          endColumn: 44,
          file: 'services/billing/.env',
        },
        { messageId: 'sharedDatabase', data: { service: 'ehr', database: 'documents' }, line: 1, column: 11, endLine: 1, endColumn: 46 },
      ],
    },
    {
      name: 'another database is still reported when one is allowed',
      filename: 'services/auth/.env',
      code: 'DB_NAME=nilecare\nREDIS_DB=sessions\n',
      files: { 'services/billing/.env': 'REDIS_DB=sessions\nDB_NAME=nilecare\n' },
      config,
      options: { allow: ['sessions'] },
      errors: [
        { messageId: 'sharedDatabase', data: { service: 'auth' }, line: 1, column: 9, endLine: 1, endColumn: 17 },
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', database: 'nilecare' },
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 17,
          file: 'services/billing/.env',
        },
      ],
    },
    {
      name: "databases declared in the config: the service's first file",
      filename: 'services/billing/src/index.ts',
      code: "export * from './invoices.js';\n",
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', database: 'nilecare', others: "services 'auth' and 'payment'" },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 31,
        },
      ],
    },
  ],
});

describe('no-shared-database related locations', () => {
  it("points at each other service's setting", async () => {
    const diagnostics = await runCase(rule, {
      filename: 'services/auth/.env.example',
      code: authEnv,
      files: { 'services/billing/src/config/database.ts': billingPool },
      config,
    });
    expect(
      diagnostics.map((d) => ({
        file: d.file,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        related: d.related,
      })),
    ).toEqual([
      {
        file: 'services/auth/.env.example',
        line: 3,
        column: 9,
        endLine: 3,
        endColumn: 17,
        related: [
          {
            file: 'services/billing/src/config/database.ts',
            range: { line: 5, column: 36, endLine: 5, endColumn: 46 },
            message: "'billing' connects to 'nilecare' here (DB_NAME)",
          },
        ],
      },
      {
        file: 'services/billing/src/config/database.ts',
        line: 5,
        column: 36,
        endLine: 5,
        endColumn: 46,
        related: [
          {
            file: 'services/auth/.env.example',
            range: { line: 3, column: 9, endLine: 3, endColumn: 17 },
            message: "'auth' connects to 'nilecare' here (DB_NAME)",
          },
        ],
      },
    ]);
  });
});
