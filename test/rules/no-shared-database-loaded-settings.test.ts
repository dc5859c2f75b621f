/**
 * Settings a service takes from files outside its folder: the root `.env` its code loads with
 * dotenv by a path it names, a shared config package it imports (HELDOUT5 #14, #9), the compose
 * service it `extends:` and the `.env` compose interpolates from (#7b, #8b).
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-shared-database.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester, runCase } from '../rule-tester.js';

const config: NilecareConfig = {
  dialect: 'mysql',
  services: [
    { name: 'auth', roots: ['services/auth'] },
    { name: 'billing', roots: ['services/billing'] },
  ],
};

const rootEnv = '# copy to .env; every service loads it\nDB_HOST=mysql\nDB_NAME=platform\n';
const pool = 'export const pool = mysql.createPool({ host: process.env.DB_HOST, database: process.env.DB_NAME });\n';
const resolvedLoad = [
  "import path from 'node:path';",
  "import dotenv from 'dotenv';",
  "import mysql from 'mysql2/promise';",
  '',
  "dotenv.config({ path: path.resolve(__dirname, '../../../.env') });",
  '',
  pool,
].join('\n');
const cwdLoad = ["import mysql from 'mysql2/promise';", "require('dotenv').config({ path: '../../.env' });", pool].join('\n');

/** Start scripts loading the root env file (HELDOUT5 #14 variant): Node's --env-file and dotenv-cli's -e. */
const nodeEnvFilePackage = JSON.stringify({ name: 'auth', scripts: { start: 'node --env-file=../../.env src/index.js' } }, null, 2) + '\n';
const dotenvCliPackage =
  JSON.stringify(
    { name: 'billing', scripts: { start: 'dotenv -e ../../.env -- node src/index.js', test: 'node --env-file=../../.env.test --test' } },
    null,
    2,
  ) + '\n';
const testOnlyPackage =
  JSON.stringify({ name: 'billing', scripts: { test: 'node --env-file=../../.env --test', start: 'node src/index.js' } }) + '\n';
const plainPool = "import mysql from 'mysql2/promise';\n" + pool;

const sharedConfig = [
  'export const dbConfig = {',
  "  host: process.env.DB_HOST || 'mysql',",
  '  user: process.env.DB_USER,',
  '  password: process.env.DB_PASSWORD,',
  "  database: process.env.DB_NAME || 'platform',",
  '};',
  '',
].join('\n');
const sharedPackage = {
  'packages/db-config/package.json': '{"name":"@acme/db-config","version":"1.0.0","main":"src/index.ts"}',
  'packages/db-config/src/index.ts': sharedConfig,
};
const usesShared = (spread: boolean) =>
  [
    "import mysql from 'mysql2/promise';",
    "import { dbConfig } from '@acme/db-config';",
    spread
      ? 'export const pool = mysql.createPool({ ...dbConfig, connectionLimit: 5 });'
      : 'export const pool = mysql.createPool(dbConfig);',
    '',
  ].join('\n');
const rootPackage = '{"name":"acme","private":true,"workspaces":["services/*","packages/*"]}';

const composeCode = (billing: string, payment: string) =>
  ['services:', '  auth:', '    build: ./services/auth', billing, '  billing:', '    build: ./services/billing', payment, ''].join('\n');
const interpolated = '    environment:\n      DB_HOST: mysql\n      DB_NAME: ${APP_DB_NAME}';
const extendsCommon = '    extends:\n      file: compose/common.yml\n      service: node-app';
const common = ['services:', '  node-app:', '    environment:', '      DB_HOST: mysql', '      DB_NAME: platform', ''].join('\n');

ruleTester.run(rule, {
  valid: [
    {
      name: "an env file only a test script loads is the test suite's, and a service without such a script takes nothing from the root",
      filename: '.env.example',
      code: rootEnv,
      files: {
        'services/auth/package.json': nodeEnvFilePackage,
        'services/auth/src/db.ts': plainPool,
        'services/billing/package.json': testOnlyPackage,
        'services/billing/src/db.ts': plainPool,
      },
      config,
    },
    {
      name: 'a service whose own .env sets DB_NAME keeps it over the root .env it loads',
      filename: 'services/auth/src/db.ts',
      code: resolvedLoad,
      files: { '.env.example': rootEnv, 'services/billing/src/db.ts': resolvedLoad, 'services/billing/.env': 'DB_NAME=billing\n' },
      config,
    },
    {
      name: 'a path from the environment, an absolute path or a file the repository lacks names nothing',
      filename: 'services/auth/src/db.ts',
      code: resolvedLoad.replace("path.resolve(__dirname, '../../../.env')", 'process.env.ENV_FILE'),
      files: {
        '.env.example': rootEnv,
        'services/billing/src/db.ts': resolvedLoad.replace("'../../../.env'", "'../../../config/.env'"),
        'services/billing/src/other.ts': cwdLoad.replace("'../../.env'", "'/etc/app/.env'"),
      },
      config,
    },
    {
      name: 'only one service loads the root .env: nothing is shared',
      filename: 'services/auth/src/db.ts',
      code: resolvedLoad,
      files: { '.env.example': rootEnv, 'services/billing/src/db.ts': pool },
      config,
    },
    {
      name: "a shared package's default does not apply where the service's own .env sets the variable",
      filename: 'services/auth/src/db.ts',
      code: usesShared(false),
      files: {
        ...sharedPackage,
        'package.json': rootPackage,
        'services/billing/src/db.ts': usesShared(true),
        'services/billing/.env': 'DB_NAME=billing\n',
      },
      config,
    },
    {
      name: "a shared module naming several databases (every service's settings) says nothing of which one an importer uses",
      filename: 'services/auth/src/db.ts',
      code: usesShared(false),
      files: {
        ...sharedPackage,
        'packages/db-config/src/index.ts': sharedConfig.replace(
          '};',
          "};\nexport const reportingConfig = { host: 'mysql', user: 'ro', database: 'reporting' };",
        ),
        'package.json': rootPackage,
        'services/billing/src/db.ts': usesShared(true),
      },
      config,
    },
    {
      name: 'a shared config imported only by a test file is no deployment setting',
      filename: 'services/auth/src/db.ts',
      code: usesShared(false),
      files: { ...sharedPackage, 'package.json': rootPackage, 'services/billing/test/db.test.ts': usesShared(true) },
      config,
    },
    {
      name: 'an interpolated value the .env beside the compose file does not set names nothing',
      filename: 'docker-compose.yml',
      code: composeCode(interpolated, interpolated),
      files: { '.env.example': 'OTHER_DB_NAME=platform\n', 'deploy/.env': 'APP_DB_NAME=platform\n' },
      config,
    },
    {
      name: 'a compose-like YAML file under another name is read only where `extends:` names it; a missing base adds nothing',
      filename: 'compose/common.yml',
      code: [
        'services:',
        '  auth:',
        '    environment:',
        '      DB_NAME: platform',
        '  billing:',
        '    environment:',
        '      DB_NAME: platform',
        '',
      ].join('\n'),
      files: { 'docker-compose.yml': composeCode(extendsCommon.replace('node-app', 'missing'), '    extends: nowhere') },
      config,
    },
    {
      name: "a service's own environment wins over the one it extends",
      filename: 'docker-compose.yml',
      code: composeCode(extendsCommon, `${extendsCommon}\n    environment:\n      DB_NAME: billing`),
      files: { 'compose/common.yml': common },
      config,
    },
  ],
  invalid: [
    {
      name: 'start scripts load the root env file: node --env-file=../../.env and dotenv -e ../../.env (its template .env.example)',
      filename: '.env.example',
      code: rootEnv,
      files: {
        'services/auth/package.json': nodeEnvFilePackage,
        'services/auth/src/db.ts': plainPool,
        'services/billing/package.json': dotenvCliPackage,
        'services/billing/src/db.ts': plainPool,
      },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'auth', others: "service 'billing'" },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 17,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "service 'auth'" },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 17,
        },
      ],
    },
    {
      name: 'every service loads the root .env (its template .env.example) through path.resolve(__dirname, …)',
      filename: '.env.example',
      code: rootEnv,
      files: { 'services/auth/src/db.ts': resolvedLoad, 'services/billing/src/db.ts': resolvedLoad },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'auth', others: "service 'billing'" },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 17,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "service 'auth'" },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 17,
        },
      ],
    },
    {
      name: "a relative path is from the service's folder, where it runs; the .env itself wins over its template",
      filename: '.env',
      code: 'DB_NAME=platform\n',
      files: { '.env.example': 'DB_NAME=other\n', 'services/auth/src/db.ts': cwdLoad, 'services/billing/src/db.ts': resolvedLoad },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'auth', others: "service 'billing'" },
          line: 1,
          column: 9,
          endLine: 1,
          endColumn: 17,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "service 'auth'" },
          line: 1,
          column: 9,
          endLine: 1,
          endColumn: 17,
        },
      ],
    },
    {
      name: "a shared config package's literal default is the database of every service importing it (passed whole or spread)",
      filename: 'packages/db-config/src/index.ts',
      code: sharedConfig,
      files: {
        'packages/db-config/package.json': sharedPackage['packages/db-config/package.json'],
        'package.json': rootPackage,
        'services/auth/src/db.ts': usesShared(false),
        'services/billing/src/db.ts': usesShared(true),
      },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'auth', others: "service 'billing'" },
          line: 5,
          column: 36,
          endLine: 5,
          endColumn: 46,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "service 'auth'" },
          line: 5,
          column: 36,
          endLine: 5,
          endColumn: 46,
        },
      ],
    },
    {
      name: 'compose fills ${APP_DB_NAME} from the .env beside it (its template when the .env is not committed)',
      filename: '.env.example',
      code: '# compose reads .env\nAPP_DB_NAME=platform\n',
      files: { 'docker-compose.yml': composeCode(interpolated, interpolated.replace('${APP_DB_NAME}', '${APP_DB_NAME:-billing}')) },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'auth', others: "service 'billing'" },
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 21,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "service 'auth'" },
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 21,
        },
      ],
    },
    {
      name: 'both services extend one service of another compose file: its environment is theirs',
      filename: 'compose/common.yml',
      code: common,
      files: { 'docker-compose.yml': composeCode(extendsCommon, extendsCommon) },
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'auth', others: "service 'billing'" },
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 24,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "service 'auth'" },
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 24,
        },
      ],
    },
    {
      name: '`extends: base` in the same file, the base interpolating from .env',
      filename: 'docker-compose.yml',
      code: [
        'services:',
        '  base:',
        '    environment:',
        '      DB_HOST: mysql',
        '      DB_NAME: ${APP_DB_NAME:-platform}',
        '  auth:',
        '    extends: base',
        '  billing:',
        '    extends: base',
        '    environment:',
        '      PORT: "7020"',
        '',
      ].join('\n'),
      config,
      errors: [
        {
          messageId: 'sharedDatabase',
          data: { service: 'auth', others: "service 'billing'" },
          line: 5,
          column: 31,
          endLine: 5,
          endColumn: 39,
        },
        {
          messageId: 'sharedDatabase',
          data: { service: 'billing', others: "service 'auth'" },
          line: 5,
          column: 31,
          endLine: 5,
          endColumn: 39,
        },
      ],
    },
  ],
});

describe('no-shared-database: where a setting outside the service is taken from', () => {
  it('the dotenv.config call loading the root .env, then the other service', async () => {
    const diagnostics = await runCase(rule, {
      filename: '.env.example',
      code: rootEnv,
      files: { 'services/auth/src/db.ts': resolvedLoad, 'services/billing/src/db.ts': cwdLoad },
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
        file: '.env.example',
        line: 3,
        column: 9,
        endLine: 3,
        endColumn: 17,
        related: [
          {
            file: 'services/auth/src/db.ts',
            range: { line: 5, column: 1, endLine: 5, endColumn: 66 },
            message: "'auth' loads this env file here",
          },
          {
            file: '.env.example',
            range: { line: 3, column: 9, endLine: 3, endColumn: 17 },
            message: "'billing' connects to 'platform' here (DB_NAME)",
          },
        ],
      },
      {
        file: '.env.example',
        line: 3,
        column: 9,
        endLine: 3,
        endColumn: 17,
        related: [
          {
            file: 'services/billing/src/db.ts',
            range: { line: 2, column: 1, endLine: 2, endColumn: 49 },
            message: "'billing' loads this env file here",
          },
          {
            file: '.env.example',
            range: { line: 3, column: 9, endLine: 3, endColumn: 17 },
            message: "'auth' connects to 'platform' here (DB_NAME)",
          },
        ],
      },
    ]);
  });

  it('the package.json script loading the root .env (HELDOUT5 #14 variant)', async () => {
    const diagnostics = await runCase(rule, {
      filename: '.env.example',
      code: rootEnv,
      files: {
        'services/auth/package.json': nodeEnvFilePackage,
        'services/auth/src/db.ts': plainPool,
        'services/billing/package.json': dotenvCliPackage,
        'services/billing/src/db.ts': plainPool,
      },
      config,
    });
    expect(diagnostics.map((d) => d.related?.[0])).toEqual([
      {
        file: 'services/auth/package.json',
        range: { line: 4, column: 31, endLine: 4, endColumn: 41 },
        message: "'auth' starts with this env file loaded here",
      },
      {
        file: 'services/billing/package.json',
        range: { line: 4, column: 25, endLine: 4, endColumn: 35 },
        message: "'billing' starts with this env file loaded here",
      },
    ]);
  });

  it('the import of the shared config package', async () => {
    const diagnostics = await runCase(rule, {
      filename: 'packages/db-config/src/index.ts',
      code: sharedConfig,
      files: {
        ...sharedPackage,
        'package.json': rootPackage,
        'services/auth/src/db.ts': usesShared(false),
        'services/billing/src/db.ts': usesShared(true),
      },
      config,
    });
    expect(diagnostics.map((d) => d.related?.[0])).toEqual([
      {
        file: 'services/auth/src/db.ts',
        range: { line: 2, column: 26, endLine: 2, endColumn: 43 },
        message: "'auth' imports these settings here",
      },
      {
        file: 'services/billing/src/db.ts',
        range: { line: 2, column: 26, endLine: 2, endColumn: 43 },
        message: "'billing' imports these settings here",
      },
    ]);
  });

  it('the compose `extends:` and the interpolating compose value', async () => {
    const extended = await runCase(rule, {
      filename: 'compose/common.yml',
      code: common,
      files: { 'docker-compose.yml': composeCode(extendsCommon, extendsCommon) },
      config,
    });
    expect(extended.map((d) => d.related?.[0])).toEqual([
      {
        file: 'docker-compose.yml',
        range: { line: 6, column: 16, endLine: 6, endColumn: 24 },
        message: "'auth' extends the compose service holding this setting here",
      },
      {
        file: 'docker-compose.yml',
        range: { line: 11, column: 16, endLine: 11, endColumn: 24 },
        message: "'billing' extends the compose service holding this setting here",
      },
    ]);
    const filled = await runCase(rule, {
      filename: '.env',
      code: 'APP_DB_NAME=platform\n',
      files: { '.env.example': 'APP_DB_NAME=other\n', 'docker-compose.yml': composeCode(interpolated, interpolated) },
      config,
    });
    expect(filled.map((d) => [d.file, d.line, d.column, d.endLine, d.endColumn, d.related?.[0]])).toEqual([
      [
        '.env',
        1,
        13,
        1,
        21,
        {
          file: 'docker-compose.yml',
          range: { line: 6, column: 16, endLine: 6, endColumn: 30 },
          message: "'auth' interpolates this value here",
        },
      ],
      [
        '.env',
        1,
        13,
        1,
        21,
        {
          file: 'docker-compose.yml',
          range: { line: 11, column: 16, endLine: 11, endColumn: 30 },
          message: "'billing' interpolates this value here",
        },
      ],
    ]);
  });
});
