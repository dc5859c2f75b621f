/**
 * no-hardcoded-credentials on credentials written into commands (HELDOUT7 #26, #26b) and on the developer's env
 * files (#11b): a package.json script's inline URL or secret variable, a compose service's `command:`,
 * `entrypoint:` and healthcheck `test:`, and `.env.development` / `.env.local` as local stand-ins.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-hardcoded-credentials.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';
import { defaultTestConfig, ruleTester } from '../rule-tester.js';

const ordersIndex = "const { Pool } = require('pg');\nmodule.exports = new Pool({ connectionString: process.env.DATABASE_URL });\n";
const manifest = (scripts: Record<string, string>) => JSON.stringify({ name: 'billing', scripts, dependencies: { mysql2: '^3' } }, null, 2);

/** A package of scripts alone (HELDOUT14 left-over): no file the linter reads in its folder, only a package.json. */
const opsManifest = (name: string) =>
  JSON.stringify(
    {
      name,
      private: true,
      scripts: {
        'db:dump': 'PGPASSWORD=s3cr3t pg_dump -h orders-db.prod.internal -U app orders > dump.sql',
        migrate: 'mysql -uroot -pHunter22 app < schema.sql',
        'db:restore': 'PGPASSWORD=$RESTORE_PASSWORD pg_restore -d orders dump.sql',
      },
    },
    null,
    2,
  ) + '\n';

ruleTester.run(rule, {
  valid: [
    {
      name: 'an on/off switch under a secret-looking name is no credential (HELDOUT11 #19: cumulus FAKE_AUTH=true), in scripts and env files',
      filename: 'services/billing/.env',
      code: 'DISABLE_AUTH=1\nSKIP_AUTH=false\nAUTH_TOKEN_REQUIRED=yes\n',
      files: {
        'services/billing/package.json': manifest({
          serve: 'LOCALSTACK_HOST=localhost NODE_ENV=test FAKE_AUTH=true ./bin/cli.js serve',
          'serve:off': 'FAKE_AUTH=OFF SKIP_AUTH=0 ./bin/cli.js serve',
        }),
      },
    },
    {
      name: 'a package of scripts alone in a folder the config ignores, or below build output, or .gitignored, is never reported',
      filename: 'services/billing/src/index.js',
      code: ordersIndex,
      files: {
        'legacy/ops/package.json': opsManifest('legacy-ops'),
        'tools/db-ops/dist/package.json': opsManifest('db-ops-dist'),
        '.gitignore': 'scratch/\n',
        'scratch/ops/package.json': opsManifest('scratch-ops'),
      },
      config: { ...defaultTestConfig, ignores: ['legacy/**'] },
    },
    {
      name: 'scripts: references, the test suite, a local environment, a loopback server, a URL without a password',
      filename: 'services/billing/src/index.js',
      code: ordersIndex,
      files: {
        'services/billing/package.json': manifest({
          migrate: 'node-pg-migrate up',
          'migrate:ci': 'DATABASE_URL=postgres://ci:${CI_DB_PASSWORD}@db:5432/billing node-pg-migrate up',
          'seed:prod': 'PGPASSWORD=$SEED_PASSWORD psql -h billing-db.prod.internal -f seed.sql',
          'migrate:dev': 'DATABASE_URL=postgres://postgres:postgres@db:5432/billing node-pg-migrate up',
          'db:local': 'DATABASE_URL=mysql://root:Local-Root-99@db/billing knex migrate:latest',
          'migrate:tunnel': 'DATABASE_URL=postgres://owner:Tunnel-Only-51@127.0.0.1:6543/billing node-pg-migrate up',
          'report:prod': 'DATABASE_URL=postgres://reporter@billing-db.prod.internal/billing node report.js',
          test: 'DATABASE_URL=postgres://test:Test-Pass-123@db/billing_test vitest run',
          'test:e2e': 'PGPASSWORD=E2e-Pass-77 playwright test',
        }),
      },
    },
    {
      name: "a script of a package.json under a test fixture folder is the test suite's",
      filename: 'test/fixtures/app/src/index.js',
      code: ordersIndex,
      files: {
        'test/fixtures/app/package.json': manifest({
          'migrate:prod': 'DATABASE_URL=postgres://o:Fixture-Pass-1@db.prod/app node-pg-migrate up',
        }),
      },
    },
    {
      name: 'compose commands: interpolations, compose-escaped $$ references, a URL without a password, a test compose file',
      filename: 'docker-compose.prod.yml',
      code: [
        'services:',
        '  migrate:',
        '    image: migrate/migrate',
        '    command: ["-database", "${ORDERS_DATABASE_URL}", "up"]',
        '  flyway:',
        '    image: flyway/flyway',
        '    command: -url=jdbc:postgresql://db.prod/orders -user=owner -password=$${FLYWAY_PASSWORD} migrate',
        '    healthcheck:',
        '      test: ["CMD-SHELL", "pg_isready -d postgres://orders@db.prod:5432/orders"]',
        '  billing:',
        '    image: billing',
        '    entrypoint: ["sh", "-c", "MYSQL_PWD=$$BILLING_DB_PASSWORD mysql -h db -e \'SELECT 1\'"]',
        '',
      ].join('\n'),
    },
    {
      name: "compose commands of a test compose file are the test suite's",
      filename: 'docker-compose.test.yml',
      code: [
        'services:',
        '  migrate:',
        '    image: migrate/migrate',
        '    command: -database postgres://o:Test-Only-2@db/orders up',
        '',
      ].join('\n'),
    },
    {
      name: "the developer's env files: .env.development, .env.local, .env.development.local, development.env",
      filename: 'services/billing/.env.development',
      code: 'DB_HOST=localhost\nDB_PASSWORD=postgres\nDATABASE_URL=postgres://app:Dev-Pass-11@localhost:5432/billing\n',
      files: {
        'services/billing/.env.local': 'DB_PASSWORD=postgres\n',
        'services/billing/.env.development.local': 'JWT_SECRET=dev-jwt-secret-1234\n',
        'services/billing/development.env': 'DB_PASSWORD=postgres\n',
      },
    },
    {
      name: 'with compose off, compose commands are not read; with configFiles off, scripts are not',
      filename: 'docker-compose.prod.yml',
      code: [
        'services:',
        '  migrate:',
        '    image: migrate/migrate',
        '    command: -database postgres://o:Pr0d-Owner-88@db.prod/orders up',
        '',
      ].join('\n'),
      files: { 'package.json': manifest({ 'migrate:prod': 'DATABASE_URL=postgres://o:Pr0d-Owner-88@db.prod/orders node-pg-migrate up' }) },
      options: { compose: false, configFiles: false },
    },
  ],
  invalid: [
    {
      name: "a switch's near miss is a value: FAKE_AUTH=truee; a URL's password of '1' is a password, however weak",
      filename: 'services/billing/src/index.js',
      code: ordersIndex,
      files: {
        'services/billing/package.json': manifest({
          serve: 'FAKE_AUTH=truee ./bin/cli.js serve',
          'migrate:prod': 'DATABASE_URL=postgres://owner:1@billing-db.prod.internal/billing node-pg-migrate up',
        }),
      },
      errors: [
        {
          file: 'services/billing/package.json',
          messageId: 'scriptSecret',
          line: 4,
          column: 25,
          endLine: 4,
          endColumn: 30,
          data: { script: 'serve', key: 'FAKE_AUTH', redacted: '**** (1-7 chars)' },
        },
        {
          file: 'services/billing/package.json',
          messageId: 'scriptConnectionString',
          line: 5,
          column: 52,
          endLine: 5,
          endColumn: 53,
        },
      ],
    },
    {
      name: 'a package of scripts alone (no file the linter reads in its folder) is read: each literal credential at its position',
      filename: 'services/billing/src/index.js',
      code: ordersIndex,
      files: { 'tools/db-ops/package.json': opsManifest('db-ops') },
      errors: [
        {
          file: 'tools/db-ops/package.json',
          messageId: 'scriptSecret',
          line: 5,
          column: 28,
          endLine: 5,
          endColumn: 34,
          data: { script: 'db:dump', key: 'PGPASSWORD', redacted: '**** (1-7 chars)' },
        },
        {
          file: 'tools/db-ops/package.json',
          messageId: 'scriptSecret',
          line: 6,
          column: 32,
          endLine: 6,
          endColumn: 40,
          data: { script: 'migrate', key: 'password', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: "a package.json script's inline URL with a literal password, at the password (HELDOUT7 #26)",
      filename: 'services/billing/src/index.js',
      code: ordersIndex,
      files: {
        'services/billing/package.json': manifest({
          start: 'node src/index.js',
          'migrate:prod': 'DATABASE_URL=postgres://owner:Pr0d-Owner-88@billing-db.prod.internal:5432/billing node-pg-migrate up',
        }),
      },
      errors: [
        {
          file: 'services/billing/package.json',
          messageId: 'scriptConnectionString',
          line: 5,
          column: 52,
          endLine: 5,
          endColumn: 65,
          data: { script: 'migrate:prod', scheme: 'postgres', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: 'a secret variable, a password flag and a quoted value in scripts; JSON escapes before the value keep the position',
      filename: 'src/seed.js',
      code: 'module.exports = {};\n',
      files: {
        'package.json': [
          '{',
          '  "name": "platform",',
          '  "scripts": {',
          '    "seed:staging": "PGPASSWORD=Stg-Seed-77 psql -h staging-db.acme.internal -f seed.sql",',
          '    "flyway:prod": "flyway -url=jdbc:postgresql://db.prod/orders -user=owner -password=Flyway-Pass-9 migrate",',
          '    "quoted": "sh -c \\"MYSQL_PWD=\'My Sql Pw 5\' mysql -h db.prod.internal\\""',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      errors: [
        {
          file: 'package.json',
          messageId: 'scriptSecret',
          line: 4,
          column: 33,
          endLine: 4,
          endColumn: 44,
          data: { script: 'seed:staging', key: 'PGPASSWORD', redacted: '**** (8-15 chars)' },
        },
        {
          file: 'package.json',
          messageId: 'scriptSecret',
          line: 5,
          column: 88,
          endLine: 5,
          endColumn: 101,
          data: { script: 'flyway:prod', key: 'password', redacted: '**** (8-15 chars)' },
        },
        {
          file: 'package.json',
          messageId: 'scriptSecret',
          line: 6,
          column: 35,
          endLine: 6,
          endColumn: 46,
          data: { script: 'quoted', key: 'MYSQL_PWD', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: "a compose command's URL password, list and string form, an entrypoint's secret variable and a healthcheck's password flag (HELDOUT7 #26b)",
      filename: 'docker-compose.prod.yml',
      code: [
        'services:',
        '  orders-migrate:',
        '    image: migrate/migrate',
        '    command: ["-path", "/migrations", "-database", "postgres://orders_owner:Migrate-Pass-31@orders-db.prod:5432/orders", "up"]',
        '  billing-migrate:',
        '    image: migrate/migrate',
        '    command: -database mysql://billing:Billing-Pw-4@tcp(billing-db.prod:3306)/billing up',
        '  seed:',
        '    image: postgres:16',
        '    entrypoint:',
        '      - sh',
        '      - -c',
        '      - PGPASSWORD=Seed-Pass-66 psql -h orders-db.prod -f /seed.sql',
        '    healthcheck:',
        '      test: ["CMD", "mysqladmin", "ping", "-h", "billing-db.prod", "--password=Health-Pw-8"]',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'composeCommandConnectionString',
          line: 4,
          column: 77,
          endLine: 4,
          endColumn: 92,
          data: { service: 'orders-migrate', scheme: 'postgres', where: 'command', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'composeCommandConnectionString',
          line: 7,
          column: 40,
          endLine: 7,
          endColumn: 52,
          data: { service: 'billing-migrate', scheme: 'mysql', where: 'command', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'composeCommandSecret',
          line: 13,
          column: 20,
          endLine: 13,
          endColumn: 32,
          data: { service: 'seed', key: 'PGPASSWORD', where: 'entrypoint', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'composeCommandSecret',
          line: 15,
          column: 80,
          endLine: 15,
          endColumn: 91,
          data: { service: 'seed', key: 'password', where: 'healthcheck test', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: "the MySQL clients' -p<password> in a script, a compose command and a healthcheck; -p alone prompts",
      filename: 'docker-compose.prod.yml',
      code: [
        'services:',
        '  seed:',
        '    image: mysql:8',
        '    command: sh -c "mysql -h orders-db.prod -uroot -pR00t-Seed-9931 orders < /seed.sql"',
        '    healthcheck:',
        '      test: ["CMD", "mysqladmin", "ping", "-h", "localhost", "-uroot", "-pR00t-Health-771"]',
        '  shell:',
        '    image: mysql:8',
        '    command: mysql -h orders-db.prod -u orders -p orders',
        '',
      ].join('\n'),
      files: {
        'services/billing/src/index.js': ordersIndex,
        'services/billing/package.json': manifest({
          'db:seed:prod': 'mysql -h billing-db.prod -u billing -pB1ll-Seed-2291 billing < seed.sql',
        }),
      },
      errors: [
        {
          messageId: 'composeCommandSecret',
          line: 4,
          column: 54,
          endLine: 4,
          endColumn: 68,
          data: { service: 'seed', key: 'password', where: 'command', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'composeCommandSecret',
          line: 6,
          column: 75,
          endLine: 6,
          endColumn: 90,
          data: { service: 'seed', key: 'password', where: 'healthcheck test', redacted: '**** (8-15 chars)' },
        },
        {
          file: 'services/billing/package.json',
          messageId: 'scriptSecret',
          line: 4,
          column: 60,
          endLine: 4,
          endColumn: 74,
          data: { script: 'db:seed:prod', key: 'password', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: "a deployed environment's env file is reported, even with 'local' in its name (.env.production.local, .env.staging)",
      filename: 'services/billing/.env.production.local',
      code: 'DB_PASSWORD=Prod-Local-Pw-1\n',
      files: { 'services/billing/.env.staging': 'DB_PASSWORD=Staging-Pw-22\n' },
      errors: [
        {
          messageId: 'envFileSecret',
          line: 1,
          column: 13,
          endLine: 1,
          endColumn: 28,
          data: { key: 'DB_PASSWORD', redacted: '**** (8-15 chars)' },
        },
        {
          file: 'services/billing/.env.staging',
          messageId: 'envFileSecret',
          line: 1,
          column: 13,
          endLine: 1,
          endColumn: 26,
          data: { key: 'DB_PASSWORD', redacted: '**** (8-15 chars)' },
        },
      ],
    },
  ],
});

describe('credentials in scripts and commands never show their value', () => {
  it('the finding in package.json names the script and the length class only', async () => {
    const tree = memoryTree({
      'services/billing/package.json': manifest({
        'migrate:prod': 'DATABASE_URL=postgres://owner:Pr0d-Owner-88@db.prod/billing node-pg-migrate up',
      }),
      'services/billing/src/index.js': ordersIndex,
    });
    const run = await lint({ cwd: tree.root, tree, config: { ...defaultTestConfig, rules: { 'no-hardcoded-credentials': 'error' } } });
    const found = run.diagnostics.filter((d) => d.ruleId === 'no-hardcoded-credentials');
    expect(found.map((d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`)).toEqual([
      'services/billing/package.json:4:52-4:65',
    ]);
    expect(JSON.stringify(run)).not.toContain('Pr0d-Owner-88');
  });

  it('a run over another service only does not report the manifest of a folder it does not cover', async () => {
    const tree = memoryTree({
      'services/billing/package.json': manifest({
        'migrate:prod': 'DATABASE_URL=postgres://owner:Pr0d-Owner-88@db.prod/billing node-pg-migrate up',
      }),
      'services/billing/src/index.js': ordersIndex,
      'services/clinical/src/index.js': ordersIndex,
    });
    const config = { ...defaultTestConfig, rules: { 'no-hardcoded-credentials': 'error' as const } };
    const only = await lint({ cwd: tree.root, tree, config, files: ['services/clinical/src/index.js'] });
    expect(only.diagnostics.filter((d) => d.ruleId === 'no-hardcoded-credentials')).toEqual([]);
    const billing = await lint({ cwd: tree.root, tree, config, files: ['services/billing/src/index.js'] });
    expect(billing.diagnostics.filter((d) => d.ruleId === 'no-hardcoded-credentials').map((d) => d.file)).toEqual([
      'services/billing/package.json',
    ]);
  });
});
