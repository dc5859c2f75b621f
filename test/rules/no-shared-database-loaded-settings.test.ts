/**
 * Settings a service takes from files outside its folder: the root `.env` its code loads with
 * dotenv by a path it names, and a shared config package it imports (HELDOUT5 #14, #9).
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

ruleTester.run(rule, {
  valid: [
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
  ],
  invalid: [
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
    expect(diagnostics.map((d) => ({ file: d.file, line: d.line, related: d.related }))).toEqual([
      {
        file: '.env.example',
        line: 3,
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
});
