/**
 * Evidence of the *same* database (issue 14, HELDOUT7 #1, #29, #17, #23, #3): each service's own compose file with
 * its own `db` container is a database of its own; a root env file's keys prefixed for another service are not this
 * one's; Prisma's shadow database and the test suite's are nobody's; a kustomize generator's `envs:` file and Spring's
 * JDBC URLs (`SPRING_DATASOURCE_URL`, `spring.datasource.url`) name the database they connect to.
 */
import rule from '../../rules/no-shared-database.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester } from '../rule-tester.js';

const config: NilecareConfig = {
  dialect: 'postgresql',
  services: [
    { name: 'orders', roots: ['services/orders'] },
    { name: 'shipping', roots: ['services/shipping'] },
    { name: 'billing', roots: ['services/billing'] },
  ],
};

/** A service's own compose file: its container `db` (database `app`) and the service connecting to `host`. */
const ownCompose = (service: string, host: string, options: { db?: boolean; name?: string } = {}) =>
  [
    ...(options.name ? [`name: ${options.name}`] : []),
    'services:',
    ...(options.db === false ? [] : ['  db:', '    image: postgres:16', '    environment:', '      POSTGRES_DB: app']),
    `  ${service}:`,
    '    build: .',
    '    environment:',
    `      DATABASE_URL: postgres://app:\${POSTGRES_PASSWORD}@${host}:5432/app`,
    '',
  ].join('\n');

/** A root env file with a key per service, the way one `.env` for local development of every service is written. */
const prefixedEnv = [
  '# one file for local development of every service',
  'ORDERS_DATABASE_URL=postgres://orders@localhost:5432/platform',
  'SHIPPING_DATABASE_URL=postgres://shipping@localhost:5432/platform',
  'BILLING_DATABASE_URL=postgres://billing@localhost:5432/billing',
  '',
].join('\n');
const dotenvPool = (key: string) =>
  [
    "const { Pool } = require('pg');",
    "require('dotenv').config({ path: '../../.env' });",
    `module.exports = new Pool({ connectionString: process.env.${key} });`,
    '',
  ].join('\n');
const composePool = (key: string) =>
  `const { Pool } = require('pg');\nmodule.exports = new Pool({ connectionString: process.env.${key} });\n`;
const envFileCompose = ['orders', 'shipping', 'billing']
  .flatMap((s) => [`  ${s}:`, `    build: ./services/${s}`, '    env_file: .env'])
  .join('\n');

const kustomization = [
  'apiVersion: kustomize.config.k8s.io/v1beta1',
  'kind: Kustomization',
  'configMapGenerator:',
  '  - name: orders-config',
  '    envs:',
  '      - orders.env',
  '  - name: shipping-config',
  '    env: shipping.env',
  '',
].join('\n');

const applicationProperties = (url: string) =>
  [
    '# ledger datasource',
    `spring.datasource.url=${url}`,
    'spring.datasource.username=orders',
    'spring.datasource.password=${DB_PASSWORD}',
    '',
  ].join('\n');

const springCompose = [
  'services:',
  '  postgres:',
  '    image: postgres:16',
  '  orders:',
  '    build: ./services/orders',
  '    environment:',
  '      SPRING_DATASOURCE_URL: jdbc:postgresql://postgres:5432/platform',
  '  shipping:',
  '    build: ./services/shipping',
  '    environment:',
  '      DATABASE_URL: postgres://shipping@postgres:5432/platform',
  '',
].join('\n');
const applicationYml = (url: string) =>
  ['spring:', '  datasource:', `    url: ${url}`, '    username: orders', '    password: ${ORDERS_DB_PASSWORD}', ''].join('\n');

ruleTester.run(rule, {
  valid: [
    {
      name: "Spring's `spring.datasource.url` in a test profile's application-test.properties is the test suite's; another database is not shared",
      filename: 'services/orders/src/test/resources/application-test.properties',
      code: applicationProperties('jdbc:postgresql://pg.platform.internal:5432/platform'),
      files: {
        'services/orders/src/main/resources/application.properties': applicationProperties(
          'jdbc:postgresql://pg.platform.internal:5432/orders',
        ),
        'services/shipping/.env.example': 'DATABASE_URL=postgres://shipping@pg.platform.internal:5432/platform\n',
      },
      config,
    },
    {
      name: "each service's own compose file with its own `db` container: two compose projects, two servers (HELDOUT7 #1)",
      filename: 'services/orders/docker-compose.yml',
      code: ownCompose('orders', 'db'),
      files: { 'services/shipping/docker-compose.yml': ownCompose('shipping', 'db') },
      config,
    },
    {
      name: 'two top-level `name:` are two compose projects, though the files share a folder',
      filename: 'deploy/docker-compose.orders.yml',
      code: ownCompose('orders', 'db', { name: 'orders' }),
      files: { 'deploy/docker-compose.shipping.yml': ownCompose('shipping', 'db', { name: 'shipping' }) },
      config,
    },
    {
      name: "a root env file's keys prefixed for another service are not this one's; each code reads its own (HELDOUT7 #29)",
      filename: '.env.example',
      code: prefixedEnv.replace('5432/platform\nSHIPPING', '5432/orders\nSHIPPING'),
      files: {
        'services/orders/src/db.js': dotenvPool('ORDERS_DATABASE_URL'),
        'services/shipping/src/db.js': dotenvPool('SHIPPING_DATABASE_URL'),
        'services/billing/src/db.js': dotenvPool('BILLING_DATABASE_URL'),
      },
      config,
    },
    {
      name: 'Prisma shadow databases and the test suite database are nobody’s: same name in two services, nothing shared (HELDOUT7 #17)',
      filename: 'services/orders/.env.example',
      code: [
        'DATABASE_URL=postgresql://orders@localhost:5432/orders',
        'SHADOW_DATABASE_URL=postgresql://postgres@localhost:5432/prisma_shadow',
        'TEST_DATABASE_URL=postgresql://postgres@localhost:5432/app_test',
        'DB_NAME_TEST=app_test',
        '',
      ].join('\n'),
      files: {
        'services/shipping/.env.example': [
          'DATABASE_URL=postgresql://shipping@localhost:5432/shipping',
          'SHADOW_DATABASE_URL=postgresql://postgres@localhost:5432/prisma_shadow',
          'E2E_DATABASE_URL=postgresql://postgres@localhost:5432/app_test',
          '',
        ].join('\n'),
        'services/shipping/prisma/schema.prisma':
          'datasource db {\n  provider          = "postgresql"\n  url               = env("DATABASE_URL")\n  shadowDatabaseUrl = env("SHADOW_DATABASE_URL")\n}\n',
      },
      config,
    },
    {
      name: "a test runner's config (vitest.config.ts `test.env`, jest.setup.js) is test code: its database is the suite's",
      filename: 'services/orders/vitest.config.ts',
      code: [
        "import { defineConfig } from 'vitest/config';",
        'export default defineConfig({',
        "  test: { env: { DATABASE_URL: 'postgres://postgres@localhost:5432/integration_test' } },",
        '});',
        '',
      ].join('\n'),
      files: {
        'services/shipping/vitest.config.mts':
          "export default { test: { env: { DATABASE_URL: 'postgres://postgres@localhost:5432/integration_test' } } };\n",
        'services/billing/jest.setup.js': "process.env.DB_NAME = process.env.DB_NAME || 'integration_test';\n",
      },
      config,
    },
    {
      name: "a Spring `application-test.yml` is the test profile's database",
      filename: 'services/orders/src/main/resources/application-test.yml',
      code: applicationYml('jdbc:postgresql://localhost:5432/platform'),
      files: { 'services/shipping/.env.example': 'DATABASE_URL=postgres://shipping@localhost:5432/platform\n' },
      config,
    },
  ],
  invalid: [
    {
      name: "Spring's `spring.datasource.url` in the service's application.properties names its database, as application.yml's does (HELDOUT7 #3)",
      filename: 'services/orders/src/main/resources/application-prod.properties',
      code: applicationProperties('jdbc:postgresql://pg.platform.internal:5432/platform?sslmode=require'),
      files: { 'services/shipping/.env.example': 'DATABASE_URL=postgres://shipping@pg.platform.internal:5432/platform\n' },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'orders', database: 'platform', others: "service 'shipping'" },
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 91,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'shipping', database: 'platform', others: "service 'orders'" },
          file: 'services/shipping/.env.example',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 68,
        },
      ],
    },
    {
      name: 'per-service compose files pointing at one external server share its database (the guard of HELDOUT7 #1)',
      filename: 'services/orders/docker-compose.yml',
      code: ownCompose('orders', 'pg.platform.internal', { db: false }),
      files: { 'services/shipping/docker-compose.yml': ownCompose('shipping', 'pg.platform.internal', { db: false }) },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'orders', database: 'app', others: "service 'shipping'" },
          line: 5,
          column: 21,
          endLine: 5,
          endColumn: 86,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'shipping', database: 'app', others: "service 'orders'" },
          file: 'services/shipping/docker-compose.yml',
          line: 5,
          column: 21,
          endLine: 5,
          endColumn: 86,
        },
      ],
    },
    {
      name: "a `db` one file defines and the other only names (an external network's) may be one container: shared",
      filename: 'services/orders/docker-compose.yml',
      code: ownCompose('orders', 'db'),
      files: { 'services/shipping/docker-compose.yml': ownCompose('shipping', 'db', { db: false }) },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'orders', database: 'app', others: "service 'shipping'" },
          line: 9,
          column: 21,
          endLine: 9,
          endColumn: 68,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'shipping', database: 'app', others: "service 'orders'" },
          file: 'services/shipping/docker-compose.yml',
          line: 5,
          column: 21,
          endLine: 5,
          endColumn: 68,
        },
      ],
    },
    {
      name: 'one top-level `name:` in two files is one compose project: its `db` is one container',
      filename: 'deploy/orders/docker-compose.yml',
      code: ownCompose('orders', 'db', { name: 'platform' }),
      files: { 'deploy/shipping/docker-compose.yml': ownCompose('shipping', 'db', { name: 'platform' }) },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'orders', database: 'app', others: "service 'shipping'" },
          line: 10,
          column: 21,
          endLine: 10,
          endColumn: 68,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'shipping', database: 'app', others: "service 'orders'" },
          file: 'deploy/shipping/docker-compose.yml',
          line: 10,
          column: 21,
          endLine: 10,
          endColumn: 68,
        },
      ],
    },
    {
      name: 'a root env loaded by dotenv: the services whose prefixed keys name one database share it, billing does not (HELDOUT7 #29)',
      filename: '.env.example',
      code: prefixedEnv,
      files: {
        'services/orders/src/db.js': dotenvPool('ORDERS_DATABASE_URL'),
        'services/shipping/src/db.js': dotenvPool('SHIPPING_DATABASE_URL'),
        'services/billing/src/db.js': dotenvPool('BILLING_DATABASE_URL'),
      },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'orders', database: 'platform', others: "service 'shipping'" },
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 62,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'shipping', database: 'platform', others: "service 'orders'" },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 66,
        },
      ],
    },
    {
      name: "compose `env_file: .env` for every service, and billing's code reads orders' key: billing shares orders' database",
      filename: '.env',
      code: prefixedEnv.replace('5432/platform\nSHIPPING', '5432/orders\nSHIPPING'),
      files: {
        'docker-compose.yml': `services:\n${envFileCompose}\n`,
        'services/orders/src/db.js': composePool('ORDERS_DATABASE_URL'),
        'services/shipping/src/db.js': composePool('SHIPPING_DATABASE_URL'),
        'services/billing/src/db.js': composePool('BILLING_DATABASE_URL'),
        'services/billing/src/orders-report.js': composePool('ORDERS_DATABASE_URL'),
      },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', database: 'orders', others: "service 'orders'" },
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 60,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'orders', database: 'orders', others: "service 'billing'" },
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 60,
        },
      ],
    },
    {
      name: "a kustomize generator's `envs:` / `env:` file is the ConfigMap it names: orders and shipping share platform (HELDOUT7 #23)",
      filename: 'deploy/overlays/prod/kustomization.yaml',
      code: kustomization,
      files: {
        'deploy/overlays/prod/orders.env': 'DB_HOST=pg.prod.internal\nDB_NAME=platform\n',
        'deploy/overlays/prod/shipping.env': 'DB_HOST=pg.prod.internal\nDB_NAME=platform\n',
      },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'orders', database: 'platform', others: "service 'shipping'" },
          file: 'deploy/overlays/prod/orders.env',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 17,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'shipping', database: 'platform', others: "service 'orders'" },
          file: 'deploy/overlays/prod/shipping.env',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 17,
        },
      ],
    },
    {
      name: "Spring's SPRING_DATASOURCE_URL (a JDBC URL) in compose names its database (HELDOUT7 #3)",
      filename: 'docker-compose.yml',
      code: springCompose,
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'orders', database: 'platform', others: "service 'shipping'" },
          line: 7,
          column: 30,
          endLine: 7,
          endColumn: 70,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'shipping', database: 'platform', others: "service 'orders'" },
          line: 11,
          column: 21,
          endLine: 11,
          endColumn: 63,
        },
      ],
    },
    {
      name: "Spring's `spring.datasource.url` in the service's application.yml names its database (HELDOUT7 #3b)",
      filename: 'services/orders/src/main/resources/application.yml',
      code: applicationYml('jdbc:postgresql://pg.platform.internal:5432/platform'),
      files: { 'services/shipping/.env.example': 'DATABASE_URL=postgres://shipping@pg.platform.internal:5432/platform\n' },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'orders', database: 'platform', others: "service 'shipping'" },
          line: 3,
          column: 10,
          endLine: 3,
          endColumn: 62,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'shipping', database: 'platform', others: "service 'orders'" },
          file: 'services/shipping/.env.example',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 68,
        },
      ],
    },
  ],
});
