/**
 * no-unsafe-env-default suggestions, applied: a fallback becomes a fail-fast read
 * through the project's helper (its import added or merged in the file's style, the helper's
 * module written when the config names none), and a validation schema requires the variable
 * instead of defaulting it. Each case compares the exact text and lints the result clean for the
 * rule, so a second application has nothing left to change.
 */
import { describe, expect, it } from 'vitest';
import { workflowConfig } from '../workflow/helpers.js';
import { applied, configFile, lintFiles, only, suggestion, unsuppressed, type Files } from './helpers.js';

const RULE = 'no-unsafe-env-default';
const services = [...(workflowConfig.services ?? []), { name: 'legacy', roots: ['services/legacy'], databases: ['legacy'] }];
const withOptions = (options?: Record<string, unknown>): Files =>
  configFile(only({ [RULE]: options ? ['error', options] : 'error' }, { dialect: 'mysql', services }));
const PACKAGE_HELPER = { envHelper: { name: 'requireEnv', import: '@acme/config' } };
const DB = 'services/billing/src/db.ts';

const findingsIn = async (files: Files, file: string) => unsuppressed(await lintFiles(files), RULE).filter((d) => d.file === file);

/** Applies the suggestion matching `description` of the finding for `variable` in `file`; the result lints clean for that variable. */
async function applyTo(files: Files, file: string, variable: string, description: RegExp): Promise<Files> {
  const findings = (await findingsIn(files, file)).filter((d) => d.data?.name === variable);
  expect(findings.length).toBe(1);
  const fixed = applied(files, [suggestion(findings[0], description)]);
  expect((await findingsIn(fixed, file)).filter((d) => d.data?.name === variable)).toEqual([]);
  return fixed;
}

describe('no-unsafe-env-default: read through the configured helper', () => {
  it.each([
    [
      "|| '': a new import after the last one",
      'DB_PASSWORD',
      "import mysql from 'mysql2/promise';\n\nexport const pool = mysql.createPool({\n  host: process.env.DB_HOST,\n  password: process.env.DB_PASSWORD || '',\n});\n",
      "import mysql from 'mysql2/promise';\nimport { requireEnv } from '@acme/config';\n\nexport const pool = mysql.createPool({\n  host: process.env.DB_HOST,\n  password: requireEnv('DB_PASSWORD'),\n});\n",
    ],
    [
      '??: merged into an import of the package',
      'JWT_SECRET',
      "import { loadConfig } from '@acme/config';\n\nexport const secret = process.env.JWT_SECRET ?? 'dev-secret';\n",
      "import { loadConfig, requireEnv } from '@acme/config';\n\nexport const secret = requireEnv('JWT_SECRET');\n",
    ],
    [
      'a one-per-line import keeps its layout and trailing comma',
      'JWT_SECRET',
      "import {\n  loadConfig,\n  logger,\n} from '@acme/config';\n\nexport const secret = process.env.JWT_SECRET ?? 'dev-secret';\n",
      "import {\n  loadConfig,\n  logger,\n  requireEnv,\n} from '@acme/config';\n\nexport const secret = requireEnv('JWT_SECRET');\n",
    ],
    [
      'already imported: no import change',
      'DB_PASSWORD',
      "import { requireEnv } from '@acme/config';\n\nexport const a = requireEnv('DB_HOST');\nexport const b = process.env['DB_PASSWORD'] || 'root';\n",
      "import { requireEnv } from '@acme/config';\n\nexport const a = requireEnv('DB_HOST');\nexport const b = requireEnv('DB_PASSWORD');\n",
    ],
    [
      'a namespace import of the package is used as it is',
      'DB_PASSWORD',
      "import * as config from '@acme/config';\n\nexport const b = process.env.DB_PASSWORD || 'root';\n",
      "import * as config from '@acme/config';\n\nexport const b = config.requireEnv('DB_PASSWORD');\n",
    ],
    [
      'inside a conversion',
      'DB_PORT',
      "import mysql from 'mysql2';\n\nconst port = parseInt(process.env.DB_PORT || '3306', 10);\n",
      "import mysql from 'mysql2';\nimport { requireEnv } from '@acme/config';\n\nconst port = parseInt(requireEnv('DB_PORT'), 10);\n",
    ],
    [
      'parentheses that only grouped the fallback go',
      'API_KEYS',
      "import express from 'express';\n\nconst keys = (process.env.API_KEYS || 'dev-key-1,dev-key-2').split(',');\n",
      "import express from 'express';\nimport { requireEnv } from '@acme/config';\n\nconst keys = requireEnv('API_KEYS').split(',');\n",
    ],
    [
      'a ternary',
      'JWT_SECRET',
      "import jwt from 'jsonwebtoken';\n\nexport const secret = process.env.JWT_SECRET ? process.env.JWT_SECRET : 'changeme';\n",
      "import jwt from 'jsonwebtoken';\nimport { requireEnv } from '@acme/config';\n\nexport const secret = requireEnv('JWT_SECRET');\n",
    ],
    [
      'double quotes and no semicolons, as the file writes them',
      'DB_PASSWORD',
      'import mysql from "mysql2"\n\nexport const password = process.env.DB_PASSWORD || ""\n',
      'import mysql from "mysql2"\nimport { requireEnv } from "@acme/config"\n\nexport const password = requireEnv("DB_PASSWORD")\n',
    ],
    [
      'a file without imports gets one above its first statement, below its header',
      'DB_PASSWORD',
      '// Database settings.\n\n/** The password. */\nexport const password = process.env.DB_PASSWORD || "";\n',
      '// Database settings.\n\nimport { requireEnv } from "@acme/config";\n\n/** The password. */\nexport const password = requireEnv("DB_PASSWORD");\n',
    ],
  ])('%s', async (_, variable, before, after) => {
    const fixed = await applyTo(
      { ...withOptions(PACKAGE_HELPER), [DB]: before },
      DB,
      variable,
      /^Read '\w+' with requireEnv\(\) from '@acme\/config'/,
    );
    expect(fixed[DB]).toBe(after);
  });

  it.each([
    [
      'a destructured default leaves the pattern and is required on its own',
      "import { x } from '@acme/config';\n\nexport const {\n  DB_HOST,\n  DB_PASSWORD = 'root',\n  LOG_LEVEL = 'info',\n} = process.env;\n",
      "import { x, requireEnv } from '@acme/config';\n\nexport const {\n  DB_HOST,\n  LOG_LEVEL = 'info',\n} = process.env;\nexport const DB_PASSWORD = requireEnv('DB_PASSWORD');\n",
    ],
    [
      'the last destructured element, renamed',
      "import { x } from '@acme/config';\n\nlet { DB_HOST, DB_PASSWORD: password = 'root' } = process.env;\n",
      "import { x, requireEnv } from '@acme/config';\n\nlet { DB_HOST } = process.env;\nlet password = requireEnv('DB_PASSWORD');\n",
    ],
    [
      'the only destructured element',
      "import { x } from '@acme/config';\n\nconst { DB_PASSWORD = 'root' } = process.env;\n",
      "import { x, requireEnv } from '@acme/config';\n\nconst DB_PASSWORD = requireEnv('DB_PASSWORD');\n",
    ],
    [
      'an assignment of the fallback back to the environment',
      "import { x } from '@acme/config';\n\n// mysql2 refuses undefined\nprocess.env.DB_PASSWORD = process.env.DB_PASSWORD || '';\n",
      "import { x, requireEnv } from '@acme/config';\n\n// mysql2 refuses undefined\nrequireEnv('DB_PASSWORD');\n",
    ],
    [
      '||=',
      "import { x } from '@acme/config';\n\nprocess.env.DB_PASSWORD ||= 'root';\n",
      "import { x, requireEnv } from '@acme/config';\n\nrequireEnv('DB_PASSWORD');\n",
    ],
    [
      'an if-unset assignment',
      "import { x } from '@acme/config';\n\nif (!process.env.DB_PASSWORD) {\n  process.env.DB_PASSWORD = 'local-dev';\n}\nstart();\n",
      "import { x, requireEnv } from '@acme/config';\n\nrequireEnv('DB_PASSWORD');\nstart();\n",
    ],
  ])('%s', async (_, before, after) => {
    const fixed = await applyTo(
      { ...withOptions(PACKAGE_HELPER), [DB]: before },
      DB,
      'DB_PASSWORD',
      /^Read 'DB_PASSWORD' with requireEnv\(\)/,
    );
    expect(fixed[DB]).toBe(after);
  });

  it('a CommonJS file gets a require, next to its others', async () => {
    const file = 'services/legacy/src/db.js';
    const before =
      "'use strict';\nconst { Pool } = require('pg');\n\nmodule.exports = new Pool({ password: process.env.DB_PASSWORD || '' });\n";
    const fixed = await applyTo({ ...withOptions(PACKAGE_HELPER), [file]: before }, file, 'DB_PASSWORD', /^Read 'DB_PASSWORD'/);
    expect(fixed[file]).toBe(
      "'use strict';\nconst { Pool } = require('pg');\nconst { requireEnv } = require('@acme/config');\n\nmodule.exports = new Pool({ password: requireEnv('DB_PASSWORD') });\n",
    );
  });

  it('two fallbacks of one file: each rewrite is made from that file, whichever finding came first', async () => {
    // The file is parsed once for both suggestions (rules/support/env-fail-fast.ts keeps the last tree): each must still
    // be its own edit of the text as it is, and a file of the same name with another text must not get the first tree's.
    const before =
      "import { x } from '@acme/config';\n\nexport const user = process.env.DB_USER || 'root';\nexport const password = process.env.DB_PASSWORD || '';\n";
    const findings = await findingsIn({ ...withOptions(PACKAGE_HELPER), [DB]: before }, DB);
    expect(findings.map((d) => [d.data?.name, d.line, d.column, d.endLine, d.endColumn])).toEqual([
      ['DB_USER', 3, 44, 3, 50],
      ['DB_PASSWORD', 4, 52, 4, 54],
    ]);
    const files = { ...withOptions(PACKAGE_HELPER), [DB]: before };
    const user = applied(files, [suggestion(findings[0], /^Read 'DB_USER' with requireEnv\(\)/)]);
    expect(user[DB]).toBe(
      "import { x, requireEnv } from '@acme/config';\n\nexport const user = requireEnv('DB_USER');\nexport const password = process.env.DB_PASSWORD || '';\n",
    );
    const password = applied(files, [suggestion(findings[1], /^Read 'DB_PASSWORD' with requireEnv\(\)/)]);
    expect(password[DB]).toBe(
      "import { x, requireEnv } from '@acme/config';\n\nexport const user = process.env.DB_USER || 'root';\nexport const password = requireEnv('DB_PASSWORD');\n",
    );
    // Same path, the lines swapped: the fallbacks are elsewhere, so a tree kept by name alone would edit the wrong spans.
    const swapped =
      "import { x } from '@acme/config';\n\nexport const password = process.env.DB_PASSWORD || '';\nexport const user = process.env.DB_USER || 'root';\n";
    const again = await applyTo({ ...withOptions(PACKAGE_HELPER), [DB]: swapped }, DB, 'DB_USER', /^Read 'DB_USER' with requireEnv\(\)/);
    expect(again[DB]).toBe(
      "import { x, requireEnv } from '@acme/config';\n\nexport const password = process.env.DB_PASSWORD || '';\nexport const user = requireEnv('DB_USER');\n",
    );
  });

  it('a helper module of the repository is imported relatively, with the extension style of the file', async () => {
    const options = { envHelper: { name: 'mustEnv', import: 'libs/config/src/env.ts' } };
    const file = 'services/billing/src/config/db.ts';
    const files = {
      ...withOptions(options),
      'libs/config/src/env.ts': 'export function mustEnv(name: string): string {\n  return process.env[name]!;\n}\n',
      [file]: "import { pool } from '../pool.js';\n\nexport const password = process.env.DB_PASSWORD || '';\n",
    };
    const fixed = await applyTo(files, file, 'DB_PASSWORD', /^Read 'DB_PASSWORD' with mustEnv\(\) from libs\/config\/src\/env\.ts/);
    expect(fixed[file]).toBe(
      "import { pool } from '../pool.js';\nimport { mustEnv } from '../../../../libs/config/src/env.js';\n\nexport const password = mustEnv('DB_PASSWORD');\n",
    );
  });

  it('offers no rewrite of a chain of variables (which one to require is the author’s call)', async () => {
    const files = {
      ...withOptions(PACKAGE_HELPER),
      [DB]: "export const p = process.env.DB_PASSWORD || process.env.MYSQL_PASSWORD || 'root';\n",
    };
    const findings = await findingsIn(files, DB);
    expect(findings.map((d) => d.data?.name)).toEqual(['DB_PASSWORD', 'MYSQL_PASSWORD']);
    for (const finding of findings)
      expect(finding.suggestions?.map((s) => s.description)).toEqual([`Disable '${RULE}' for this line, with a reason.`]);
  });
});

describe('no-unsafe-env-default: without a configured helper, the suggestion writes one', () => {
  const HELPER_TS = [
    '/**',
    ' * Reads an environment variable the service cannot run without: a missing or empty one stops it',
    ' * at startup, where the mistake is cheap to see, instead of running it on a hard-coded default.',
    ' */',
    'export function requireEnv(name: string): string {',
    '  const value = process.env[name];',
    "  if (value === undefined || value === '') {",
    '    throw new Error(`Environment variable ${name} is required but not set.`);',
    '  }',
    '  return value;',
    '}',
    '',
  ].join('\n');

  it("creates the service's src/config/require-env.ts, then reuses it for the next variable", async () => {
    const file = 'services/billing/src/db.ts';
    const before =
      "import mysql from 'mysql2/promise';\n\nexport const pool = mysql.createPool({\n  user: process.env.DB_USER || 'root',\n  password: process.env.DB_PASSWORD || '',\n});\n";
    const first = await applyTo(
      { ...withOptions(), [file]: before },
      file,
      'DB_PASSWORD',
      /^Create requireEnv\(\) from services\/billing\/src\/config\/require-env\.ts and read 'DB_PASSWORD' with it/,
    );
    expect(first['services/billing/src/config/require-env.ts']).toBe(HELPER_TS);
    expect(first[file]).toBe(
      "import mysql from 'mysql2/promise';\nimport { requireEnv } from './config/require-env';\n\nexport const pool = mysql.createPool({\n  user: process.env.DB_USER || 'root',\n  password: requireEnv('DB_PASSWORD'),\n});\n",
    );
    const second = await applyTo(
      first,
      file,
      'DB_USER',
      /^Read 'DB_USER' with requireEnv\(\) from services\/billing\/src\/config\/require-env\.ts/,
    );
    expect(second['services/billing/src/config/require-env.ts']).toBe(HELPER_TS);
    expect(second[file]).toBe(
      "import mysql from 'mysql2/promise';\nimport { requireEnv } from './config/require-env';\n\nexport const pool = mysql.createPool({\n  user: requireEnv('DB_USER'),\n  password: requireEnv('DB_PASSWORD'),\n});\n",
    );
  });

  it('adds the helper to an existing module that lacks it, at the configured path', async () => {
    const file = 'services/billing/src/db.ts';
    const module = 'services/billing/lib/env.ts';
    const files = {
      ...withOptions({ envHelperModule: 'lib/env.ts' }),
      [module]: "export const isProduction = process.env.NODE_ENV === 'production';\n",
      [file]: "import { isProduction } from '../lib/env.js';\n\nexport const secret = process.env.JWT_SECRET ?? 'dev';\n",
    };
    const fixed = await applyTo(
      files,
      file,
      'JWT_SECRET',
      /^Add requireEnv\(\) from services\/billing\/lib\/env\.ts and read 'JWT_SECRET'/,
    );
    expect(fixed[module]).toBe(`export const isProduction = process.env.NODE_ENV === 'production';\n\n${HELPER_TS}`);
    expect(fixed[file]).toBe(
      "import { isProduction, requireEnv } from '../lib/env.js';\n\nexport const secret = requireEnv('JWT_SECRET');\n",
    );
  });

  it('writes a CommonJS helper for a CommonJS service', async () => {
    const file = 'services/legacy/src/config/db.js';
    const files = { ...withOptions(), [file]: "const mysql = require('mysql');\n\nexports.password = process.env.DB_PASSWORD || '';\n" };
    const fixed = await applyTo(files, file, 'DB_PASSWORD', /^Create requireEnv\(\) from services\/legacy\/src\/config\/require-env\.js/);
    expect(fixed[file]).toBe(
      "const mysql = require('mysql');\nconst { requireEnv } = require('./require-env');\n\nexports.password = requireEnv('DB_PASSWORD');\n",
    );
    expect(fixed['services/legacy/src/config/require-env.js']).toBe(
      HELPER_TS.replace('export function', 'function').replace('(name: string): string', '(name)') + '\nmodule.exports = { requireEnv };\n',
    );
  });
});

describe('no-unsafe-env-default: validation schemas require the variable', () => {
  it.each([
    [
      "Joi: .default('') becomes .required()",
      'DB_PASSWORD',
      "import Joi from 'joi';\n\nexport const schema = Joi.object({\n  DB_HOST: Joi.string().required(),\n  DB_PASSWORD: Joi.string().allow('').default(''),\n});\n",
      "import Joi from 'joi';\n\nexport const schema = Joi.object({\n  DB_HOST: Joi.string().required(),\n  DB_PASSWORD: Joi.string().allow('').required(),\n});\n",
    ],
    [
      'Joi over several lines: .optional() becomes .required(), the default goes',
      'DB_PASSWORD',
      "import Joi from 'joi';\n\nexport const schema = Joi.object({\n  DB_PASSWORD: Joi.string()\n    .optional()\n    .default('root')\n    .description('database password'),\n});\n",
      "import Joi from 'joi';\n\nexport const schema = Joi.object({\n  DB_PASSWORD: Joi.string()\n    .required()\n    .description('database password'),\n});\n",
    ],
    [
      'yup, written as Joi is',
      'JWT_SECRET',
      "import * as yup from 'yup';\n\nexport const schema = yup.object({ JWT_SECRET: yup.string().default('dev') });\n",
      "import * as yup from 'yup';\n\nexport const schema = yup.object({ JWT_SECRET: yup.string().required() });\n",
    ],
    [
      'zod: the default goes (a zod key is required without it)',
      'JWT_SECRET',
      "import { z } from 'zod';\n\nexport const env = z.object({\n  NODE_ENV: z.string().default('development'),\n  JWT_SECRET: z.string().min(32).default('dev-secret'),\n}).parse(process.env);\n",
      "import { z } from 'zod';\n\nexport const env = z.object({\n  NODE_ENV: z.string().default('development'),\n  JWT_SECRET: z.string().min(32),\n}).parse(process.env);\n",
    ],
    [
      'zod: an .optional() goes with it',
      'DB_PORT',
      "import { z } from 'zod';\n\nexport const env = z.object({ DB_PORT: z.coerce.number().optional().default(5432) }).parse(process.env);\n",
      "import { z } from 'zod';\n\nexport const env = z.object({ DB_PORT: z.coerce.number() }).parse(process.env);\n",
    ],
    [
      'envalid: the only option, so no options',
      'DB_PASSWORD',
      "import { cleanEnv, str } from 'envalid';\n\nexport const env = cleanEnv(process.env, {\n  DB_PASSWORD: str({ default: '' }),\n});\n",
      "import { cleanEnv, str } from 'envalid';\n\nexport const env = cleanEnv(process.env, {\n  DB_PASSWORD: str(),\n});\n",
    ],
    [
      'envalid: the other options stay',
      'DB_NAME',
      "import { cleanEnv, str } from 'envalid';\n\nexport const env = cleanEnv(process.env, {\n  DB_NAME: str({ default: 'nilecare', desc: 'database name' }),\n});\n",
      "import { cleanEnv, str } from 'envalid';\n\nexport const env = cleanEnv(process.env, {\n  DB_NAME: str({ desc: 'database name' }),\n});\n",
    ],
    [
      'convict: default null with the typed format',
      'DB_PASSWORD',
      "import convict from 'convict';\n\nexport const config = convict({\n  db: {\n    password: { doc: 'Database password', format: String, default: 'postgres', env: 'DB_PASSWORD' },\n  },\n});\n",
      "import convict from 'convict';\n\nexport const config = convict({\n  db: {\n    password: { doc: 'Database password', format: String, default: null, env: 'DB_PASSWORD' },\n  },\n});\n",
    ],
    [
      'convict without a format gets the type its default had',
      'DB_PORT',
      "import convict from 'convict';\n\nexport const config = convict({ port: { default: 5432, env: 'DB_PORT' } });\n",
      "import convict from 'convict';\n\nexport const config = convict({ port: { format: Number, default: null, env: 'DB_PORT' } });\n",
    ],
  ])('%s', async (_, variable, before, after) => {
    const file = 'services/billing/src/env.ts';
    const fixed = await applyTo(
      { ...withOptions(PACKAGE_HELPER), [file]: before },
      file,
      variable,
      /^Make the \w+ schema require '\w+' instead of defaulting it\.$/,
    );
    expect(fixed[file]).toBe(after);
  });

  it("NestJS config.get('X', fallback) becomes getOrThrow('X'); getOrThrow('X', fallback) loses its fallback", async () => {
    const file = 'services/billing/src/app.module.ts';
    const before =
      "import { ConfigService } from '@nestjs/config';\n\nexport const options = (config: ConfigService) => ({\n  host: config.get<string>('DB_HOST'),\n  password: config.get<string>('DB_PASSWORD', 'shop'),\n  secret: config.getOrThrow('JWT_SECRET', ''),\n});\n";
    const once = await applyTo(
      { ...withOptions(PACKAGE_HELPER), [file]: before },
      file,
      'DB_PASSWORD',
      /^Read 'DB_PASSWORD' with getOrThrow\('DB_PASSWORD'\) and no default, which stops the app at startup when it is unset\.$/,
    );
    expect(once[file]).toBe(before.replace("config.get<string>('DB_PASSWORD', 'shop')", "config.getOrThrow<string>('DB_PASSWORD')"));
    const twice = await applyTo(once, file, 'JWT_SECRET', /^Read 'JWT_SECRET' with getOrThrow/);
    expect(twice[file]).toBe(once[file].replace("config.getOrThrow('JWT_SECRET', '')", "config.getOrThrow('JWT_SECRET')"));
  });

  it("env-var's .default(x) becomes .required(), and a required(false) beside it required()", async () => {
    const file = 'services/billing/src/config.js';
    const before =
      "const env = require('env-var');\n\nmodule.exports = {\n  password: env.get('DB_PASSWORD').default('s3cret').asString(),\n  key: env.get('API_KEY').required(false).default('k').asString(),\n};\n";
    const once = await applyTo(
      { ...withOptions(PACKAGE_HELPER), [file]: before },
      file,
      'DB_PASSWORD',
      /^Make env-var require 'DB_PASSWORD' \(`\.required\(\)`\) instead of defaulting it\.$/,
    );
    expect(once[file]).toBe(before.replace(".default('s3cret')", '.required()'));
    const twice = await applyTo(once, file, 'API_KEY', /^Make env-var require 'API_KEY'/);
    expect(twice[file]).toBe(once[file].replace(".required(false).default('k')", '.required()'));
  });

  it("AdonisJS env.get('X', fallback): the fallback argument goes, start/env.ts's schema decides", async () => {
    const file = 'apps/inventory/config/database.ts';
    const before =
      "import env from '#start/env'\n\nexport const connection = {\n  host: env.get('DB_HOST'),\n  password: env.get('DB_PASSWORD', 'shop'),\n}\n";
    const fixed = await applyTo(
      { ...withOptions(PACKAGE_HELPER), [file]: before },
      file,
      'DB_PASSWORD',
      /^Drop the fallback of env\.get\('DB_PASSWORD'\), so that start\/env\.ts's schema decides whether the app may start without it\.$/,
    );
    expect(fixed[file]).toBe(before.replace("env.get('DB_PASSWORD', 'shop')", "env.get('DB_PASSWORD')"));
  });
});
