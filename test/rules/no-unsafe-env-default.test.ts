import { describe, expect, it } from 'vitest';
import rule, { isConnectionName } from '../../rules/no-unsafe-env-default.js';
import { isSecretName } from '../../rules/support/redact.js';
import { defaultTestConfig, ruleTester } from '../rule-tester.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';

describe('secret and connection names', () => {
  it.each([
    'DB_PASSWORD',
    'PG_PASSWORD',
    'PGPASSWORD',
    'DB_PASS',
    'DB_PWD',
    'MYSQL_PASSWD',
    'JWT_SECRET',
    'JWT',
    'SESSION_SECRET',
    'API_KEY',
    'API_KEYS',
    'PRIVATE_KEY',
    'JWT_PRIVATE_KEY',
    'SECRET_KEY_BASE',
    'TWILIO_AUTH_TOKEN',
    'AUTH_TOKEN',
    'SMTP_CREDENTIALS',
    'PASSWORD_SALT',
    'AUTH',
    'dbPassword',
    'jwtSecret',
    'apiKey',
    'GOOGLE_MAPS_API_KEY',
    'ENCRYPTION_KEY',
    'OAUTH_CLIENT_SECRET',
  ])('%s is a secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each([
    'KEYCLOAK_URL',
    'CACHE_KEY_PREFIX',
    'AUTHOR',
    'AUTHOR_NAME',
    'AUTH_SERVICE_URL',
    'JWT_EXPIRES_IN',
    'JWT_ISSUER',
    'TOKEN_TTL',
    'BCRYPT_SALT_ROUNDS',
    'DB_PASSWORD_FILE',
    'PRIVATE_KEY_PATH',
    'AWS_ACCESS_KEY_ID',
    'JWT_PUBLIC_KEY',
    'STRIPE_PUBLISHABLE_KEY',
    'API_KEY_HEADER',
    'PWD',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'AUTH_DB_NAME',
    'MONKEY_MODE',
    'PASSENGER_LIMIT',
    'BYPASS_CACHE',
    'NODE_ENV',
    'ACTUAL_OPENID_AUTH_METHOD',
    'authMechanism',
    'authSource',
    'MONGO_AUTH_SOURCE',
    'TOKEN_SIGNING_METHODS',
  ])('%s is not a secret', (name) => {
    expect(isSecretName(name)).toBe(false);
  });

  it.each([
    'DB_HOST',
    'DB_USER',
    'DB_USERNAME',
    'DB_NAME',
    'DB_PORT',
    'DB_DATABASE',
    'DATABASE_URL',
    'PG_DATABASE',
    'POSTGRES_DB',
    'MONGO_URI',
    'REDIS_URL',
    'PGHOST',
    'DB_CONNECTION_STRING',
    'AUTH_DB_HOST',
  ])('%s is a database setting', (name) => {
    expect(isConnectionName(name)).toBe(true);
  });

  it.each(['PORT', 'HOST', 'DB_POOL_SIZE', 'DB_SSL', 'DB_DIALECT', 'API_URL', 'LOG_LEVEL', 'DATABASE_APPLICATION_NAME', 'PG_APP_NAME'])(
    '%s is not a database setting',
    (name) => {
      expect(isConnectionName(name)).toBe(false);
    },
  );
});

ruleTester.run(rule, {
  valid: [
    {
      name: 'an on/off fallback under a secret-looking name switches a feature (HELDOUT11 #19)',
      filename: 'services/auth/src/config.ts',
      code: "export const fakeAuth = process.env.FAKE_AUTH || 'false';\nexport const skip = (process.env.SKIP_AUTH ?? '0') === '1';\n",
    },
    {
      name: "an installer's prompt questions pre-fill answers the user confirms: enquirer initial, inquirer default, @clack/prompts initialValue (HELDOUT11 #16)",
      filename: 'apps/evershop/src/bin/install/index.js',
      code: [
        "import enquirer from 'enquirer';",
        'const dbQuestions = [',
        "  { type: 'input', name: 'databaseHost', message: 'Postgres Database Host (localhost)', initial: process.env.DB_HOST || 'localhost', skip: !!process.env.DB_HOST },",
        "  { type: 'input', name: 'databasePassword', message: 'PostgreSQL Database Password (<empty>)', initial: process.env.DB_PASSWORD || '' },",
        "  { type: 'password', name: 'password', message: 'Your administrator user password', initial: process.env.ADMIN_PASSWORD ?? '123456' },",
        '];',
        'db = await enquirer.prompt(dbQuestions);',
        "const user = await inquirer.prompt([{ name: 'user', message: 'Database user', default: process.env.DB_USER || 'postgres' }]);",
        "const name = await text({ message: 'Database name', initialValue: process.env.DB_NAME || 'evershop' });",
        '',
      ].join('\n'),
    },
    {
      name: "get(key, fallback) of anything but AdonisJS's env reader reads no environment",
      filename: 'apps/inventory/config/database.ts',
      code: "import env from './settings-store'\nimport { Env } from '@adonisjs/core/env'\nconst cache = new Map<string, string>()\n\nexport const a = env.get('DB_PASSWORD', 'shop')\nexport const b = cache.get('DB_PASSWORD') ?? null\nexport const c = Env.identifier\n",
    },
    {
      name: 'AdonisJS env.get without a fallback, or with a computed one',
      filename: 'apps/inventory/config/database.ts',
      code: "import env from '#start/env'\n\nexport const password = env.get('DB_PASSWORD')\nexport const host = env.get('DB_HOST', process.env.FALLBACK_HOST)\n",
    },
    {
      name: 'get(key, fallback) outside a file importing @nestjs/config, and a dotted ConfigService key, read no variable',
      filename: 'services/orders/src/settings.ts',
      code: "import { Store } from './store';\nconst store = new Store();\nexport const password = store.get('DB_PASSWORD', 'shop');\n",
    },
    {
      name: 'a dotted ConfigService key is a config namespace, not a variable',
      filename: 'services/orders/src/db.config.ts',
      code: "import { ConfigService } from '@nestjs/config';\nexport const make = (config: ConfigService) => ({ password: config.get('database.password', 'shop') });\n",
    },
    {
      name: 'a get().default() chain not from env-var, helpers that read no variable or do not return their second argument',
      filename: 'services/billing/src/settings.js',
      code: [
        "const env = require('./env');",
        'const cache = {};',
        'const pick = (key, fallback) => cache[key] ?? fallback;',
        'const need = (key, message) => process.env[key] ?? fail(message);',
        'const fixed = (key, fallback) => process.env.FIXED ?? fallback;',
        'module.exports = {',
        "  a: env.get('DB_PASSWORD').default('x').asString(),",
        "  b: pick('DB_PASSWORD', 'x'),",
        "  c: need('DB_PASSWORD', 'DB_PASSWORD is required'),",
        "  d: fixed('DB_PASSWORD', 'x'),",
        '};',
        '',
      ].join('\n'),
    },
    {
      name: 'defaults that are configuration, not secrets or database settings',
      filename: 'services/auth/src/config/app.ts',
      code: [
        "export const env = process.env.NODE_ENV || 'development';",
        "export const logLevel = process.env.LOG_LEVEL || 'info';",
        'export const port = Number(process.env.PORT) || 3000;',
        "export const listen = process.env.HOST ?? '0.0.0.0';",
        "export const poolSize = parseInt(process.env.DB_POOL_SIZE || '10', 10);",
      ].join('\n'),
    },
    {
      name: 'look-alike names: KEYCLOAK, CACHE_KEY_PREFIX, AUTHOR, JWT_EXPIRES_IN, AUTH_SERVICE_URL, SALT_ROUNDS',
      filename: 'services/auth/src/config/auth.ts',
      code: [
        "export const keycloak = process.env.KEYCLOAK_URL || 'http://keycloak:8080';",
        "export const prefix = process.env.CACHE_KEY_PREFIX || 'nc:';",
        "export const author = process.env.AUTHOR_NAME || 'platform team';",
        "export const expiresIn = process.env.JWT_EXPIRES_IN || '1h';",
        "export const authUrl = process.env.AUTH_SERVICE_URL || 'http://auth-service:3001';",
        "export const rounds = Number(process.env.BCRYPT_SALT_ROUNDS || '12');",
        "export const cwd = process.env.PWD || '/app';",
      ].join('\n'),
    },
    {
      name: 'an empty allow-list of API keys fails closed',
      filename: 'services/auth/src/middleware/api-key.ts',
      code: "const allowed = (process.env.API_KEYS || '').split(',').filter(Boolean);\nexport const isAllowed = (key: string) => allowed.includes(key);",
    },
    {
      name: 'an empty allow-list with ?? and trim',
      filename: 'services/payment/src/webhooks.ts',
      code: "export const tokens = (process.env.WEBHOOK_TOKENS ?? '').trim().split(/\\s*,\\s*/);",
    },
    {
      name: 'one variable falling back to another, no literal',
      filename: 'services/billing/src/config/database.ts',
      code: 'export const password = process.env.DB_PASSWORD || process.env.MYSQL_PASSWORD;',
    },
    {
      name: 'the environment, then a config file, and no literal at the end',
      filename: 'backend/services/inventory/src/db/pool.js',
      code: "const config = require('../../config/config.json')[process.env.NODE_ENV || 'development'];\nexport const password = process.env.DB_PASSWORD || config.password;\nexport const host = config.host || process.env.DB_HOST;\n",
    },
    {
      name: 'no default at all',
      filename: 'services/billing/src/config/database.ts',
      code: "export const pool = mysql.createPool({ host: process.env.DB_HOST, password: process.env.DB_PASSWORD, database: requireEnv('DB_NAME') });",
    },
    {
      name: 'a default in a *.test.ts file',
      filename: 'services/auth/src/config/database.test.ts',
      code: "process.env.DB_PASSWORD = process.env.DB_PASSWORD || 'test-password';",
    },
    {
      name: 'a default in a *.spec.ts file',
      filename: 'services/auth/src/auth.spec.ts',
      code: "const secret = process.env.JWT_SECRET || 'spec-secret';",
    },
    {
      name: 'a default under __tests__/',
      filename: 'services/auth/src/__tests__/login.ts',
      code: "const secret = process.env.JWT_SECRET ?? 'test-secret';",
    },
    {
      name: 'a default under test/',
      filename: 'services/billing/test/setup.ts',
      code: "process.env.DB_HOST = process.env.DB_HOST || 'localhost';",
    },
    {
      name: "envalid's devDefault never applies in production",
      filename: 'services/auth/src/env.ts',
      code: "import { cleanEnv, str } from 'envalid';\nexport const env = cleanEnv(process.env, { JWT_SECRET: str({ devDefault: 'dev-only-secret' }) });",
    },
    {
      name: 'allowed by option',
      filename: 'services/billing/src/config/database.ts',
      code: "export const host = process.env.DB_HOST || 'localhost';\nexport const name = process.env.BILLING_DB_NAME || 'billing';",
      options: { allow: ['DB_HOST', 'BILLING_*'] },
    },
  ],
  invalid: [
    {
      name: "a secret's fallback that only starts like a switch is a value",
      filename: 'services/auth/src/config.ts',
      code: "export const fakeAuth = process.env.FAKE_AUTH || 'true-ish';\n",
      errors: [{ messageId: 'hardcodedSecret', line: 1, column: 50, endLine: 1, endColumn: 60, data: { name: 'FAKE_AUTH' } }],
    },
    {
      name: "a config schema's default beside a doc, and a setting beside a message that is no prompt's answer",
      filename: 'services/auth/src/config.js',
      code: [
        "const schema = { db: { password: { doc: 'Database password', default: process.env.DB_PASSWORD || 'changeme' } } };",
        "const notice = { message: 'connecting', host: process.env.DB_HOST || 'localhost' };",
        '',
      ].join('\n'),
      errors: [
        { messageId: 'hardcodedSecret', line: 1, column: 98, endLine: 1, endColumn: 108, data: { name: 'DB_PASSWORD' } },
        { messageId: 'connectionDefault', line: 2, column: 70, endLine: 2, endColumn: 81, severity: 'warn', data: { name: 'DB_HOST' } },
      ],
    },
    {
      name: 'the audit shape: every connection setting with a fallback',
      filename: 'services/auth/src/config/database.ts',
      code: "import mysql from 'mysql2/promise';\n\nexport const pool = mysql.createPool({\n  host: process.env.DB_HOST || 'localhost',\n  user: process.env.DB_USER || 'root',\n  password: process.env.DB_PASSWORD || '',\n  database: process.env.DB_NAME || 'nilecare',\n  connectionLimit: 20,\n});\n",
      errors: [
        { messageId: 'connectionDefault', line: 4, column: 32, endLine: 4, endColumn: 43, severity: 'warn', data: { name: 'DB_HOST' } },
        { messageId: 'connectionDefault', line: 5, column: 32, endLine: 5, endColumn: 38, severity: 'warn', data: { name: 'DB_USER' } },
        { messageId: 'emptySecret', line: 6, column: 40, endLine: 6, endColumn: 42, severity: 'error', data: { name: 'DB_PASSWORD' } },
        { messageId: 'connectionDefault', line: 7, column: 36, endLine: 7, endColumn: 46, severity: 'warn', data: { name: 'DB_NAME' } },
      ],
    },
    {
      name: "a well-known password: || 'postgres'",
      filename: 'services/clinical/src/config.ts',
      code: "export const config = {\n    password: process.env.PG_PASSWORD || 'postgres',\n};\n",
      errors: [
        { messageId: 'hardcodedSecret', line: 2, column: 42, endLine: 2, endColumn: 52, severity: 'error', data: { name: 'PG_PASSWORD' } },
      ],
    },
    {
      name: "a JWT secret: || 'dev-secret-key'",
      filename: 'services/auth/src/jwt.ts',
      code: "const jwtSecret = process.env.JWT_SECRET || 'dev-secret-key';\n",
      errors: [{ messageId: 'hardcodedSecret', line: 1, column: 45, endLine: 1, endColumn: 61, data: { name: 'JWT_SECRET' } }],
    },
    {
      name: "?? ''",
      filename: 'services/payment/src/provider.ts',
      code: "export const token = process.env.API_TOKEN ?? '';\n",
      errors: [{ messageId: 'emptySecret', line: 1, column: 47, endLine: 1, endColumn: 49, data: { name: 'API_TOKEN' } }],
    },
    {
      name: "process.env['X'] with a fallback",
      filename: 'services/auth/src/app.ts',
      code: "app.use(session({ secret: process.env['SESSION_SECRET'] || 'keyboard cat' }));\n",
      errors: [{ messageId: 'hardcodedSecret', line: 1, column: 60, endLine: 1, endColumn: 74, data: { name: 'SESSION_SECRET' } }],
    },
    {
      name: 'destructuring defaults',
      filename: 'services/billing/src/config.ts',
      code: "const {\n  DB_HOST = 'localhost',\n  DB_PASSWORD = 'root',\n} = process.env;\n",
      errors: [
        { messageId: 'connectionDefault', line: 2, column: 13, endLine: 2, endColumn: 24, severity: 'warn' },
        { messageId: 'hardcodedSecret', line: 3, column: 17, endLine: 3, endColumn: 23, severity: 'error' },
      ],
    },
    {
      name: 'a ternary fallback',
      filename: 'services/auth/src/jwt.ts',
      code: "export const secret = process.env.JWT_SECRET ? process.env.JWT_SECRET : 'changeme';\n",
      errors: [{ messageId: 'hardcodedSecret', line: 1, column: 73, endLine: 1, endColumn: 83 }],
    },
    {
      name: 'an assignment-style default',
      filename: 'services/auth/src/bootstrap.ts',
      code: "// mysql2 refuses undefined\nprocess.env.DB_PASSWORD = process.env.DB_PASSWORD || '';\n",
      errors: [{ messageId: 'emptySecret', line: 2, column: 54, endLine: 2, endColumn: 56, data: { name: 'DB_PASSWORD' } }],
    },
    {
      name: 'an if-unset assignment',
      filename: 'services/auth/src/bootstrap.ts',
      code: "if (!process.env.JWT_SECRET) {\n  process.env.JWT_SECRET = 'local-dev';\n}\n",
      errors: [{ messageId: 'hardcodedSecret', line: 2, column: 28, endLine: 2, endColumn: 39, data: { name: 'JWT_SECRET' } }],
    },
    {
      name: "Joi .allow('').default('')",
      filename: 'services/billing/src/env.ts',
      code: "import Joi from 'joi';\n\nexport const schema = Joi.object({\n  DB_HOST: Joi.string().required(),\n  DB_PASSWORD: Joi.string().allow('').default(''),\n});\n",
      errors: [{ messageId: 'emptySecret', line: 5, column: 47, endLine: 5, endColumn: 49, data: { name: 'DB_PASSWORD' } }],
    },
    {
      name: 'zod .default()',
      filename: 'services/auth/src/env.ts',
      code: "import { z } from 'zod';\n\nexport const env = z.object({\n  NODE_ENV: z.string().default('development'),\n  JWT_SECRET: z.string().default('dev-secret'),\n}).parse(process.env);\n",
      errors: [{ messageId: 'hardcodedSecret', line: 5, column: 34, endLine: 5, endColumn: 46, data: { name: 'JWT_SECRET' } }],
    },
    {
      name: 'envalid str({ default })',
      filename: 'services/payment/src/env.ts',
      code: "import { cleanEnv, str } from 'envalid';\n\nexport const env = cleanEnv(process.env, {\n  DB_PASSWORD: str({ default: '' }),\n  DB_NAME: str({ default: 'nilecare' }),\n});\n",
      errors: [
        { messageId: 'emptySecret', line: 4, column: 31, endLine: 4, endColumn: 33, severity: 'error', data: { name: 'DB_PASSWORD' } },
        { messageId: 'connectionDefault', line: 5, column: 27, endLine: 5, endColumn: 37, severity: 'warn', data: { name: 'DB_NAME' } },
      ],
    },
    {
      name: "a default among the values the schema lists is a mode (convict format, envalid choices, Joi valid, yup oneOf, zod enum); a secret's default outside the list, an auth method's name and pg's application_name label are not",
      filename: 'packages/sync-server/src/load-config.js',
      code: [
        "import convict from 'convict';",
        "import Joi from 'joi';",
        "import { cleanEnv, str } from 'envalid';",
        "import { z } from 'zod';",
        '',
        'export const config = convict({',
        "  authMethod: { doc: 'OpenID authentication method.', format: ['openid', 'oauth2'], default: 'openid', env: 'ACTUAL_OPENID_AUTH_METHOD' },",
        "  tokenMode: { format: ['jwt', 'opaque'], default: 'jwt', env: 'AUTH_TOKEN' },",
        "  clientSecret: { format: ['a', 'b'], default: 'c-9f2Kq', env: 'OPENID_CLIENT_SECRET' },",
        "  secret: { format: String, default: 'openid', env: 'SESSION_SECRET' },",
        '});',
        'export const schema = Joi.object({',
        "  AUTH_TOKEN_KIND: Joi.string().valid('bearer', 'basic').default('bearer'),",
        "  API_KEY: Joi.string().valid('x').default('y-2kd'),",
        '});',
        "export const env = cleanEnv(process.env, { JWT_SECRET: str({ choices: ['hs256', 'rs256'], default: 'hs256' }) });",
        "export const zenv = z.object({ SECRET_KIND: z.enum(['plain', 'vault']).default('plain') });",
        "export const db = { database: process.env.DATABASE_NAME || 'unleash', applicationName: process.env.DATABASE_APPLICATION_NAME || 'unleash' };",
        '',
      ].join('\n'),
      errors: [
        { messageId: 'hardcodedSecret', line: 9, column: 48, endLine: 9, endColumn: 57, data: { name: 'OPENID_CLIENT_SECRET' } },
        { messageId: 'hardcodedSecret', line: 10, column: 38, endLine: 10, endColumn: 46, data: { name: 'SESSION_SECRET' } },
        { messageId: 'hardcodedSecret', line: 14, column: 44, endLine: 14, endColumn: 51, data: { name: 'API_KEY' } },
        {
          messageId: 'connectionDefault',
          line: 18,
          column: 60,
          endLine: 18,
          endColumn: 69,
          severity: 'warn',
          data: { name: 'DATABASE_NAME' },
        },
      ],
    },
    {
      name: 'convict default:',
      filename: 'services/billing/src/config.ts',
      code: "import convict from 'convict';\n\nexport const config = convict({\n  db: {\n    password: { doc: 'Database password', format: String, default: 'postgres', env: 'DB_PASSWORD' },\n  },\n});\n",
      errors: [{ messageId: 'hardcodedSecret', line: 5, column: 68, endLine: 5, endColumn: 78, data: { name: 'DB_PASSWORD' } }],
    },
    {
      name: "AdonisJS v6: env.get('X', fallback) of the app's start/env",
      filename: 'apps/inventory/config/database.ts',
      code: "import env from '#start/env'\n\nexport const connection = {\n  host: env.get('DB_HOST', 'localhost'),\n  password: env.get('DB_PASSWORD', 'shop'),\n  database: env.get('DB_DATABASE'),\n}\n",
      errors: [
        { messageId: 'connectionDefault', line: 4, column: 28, endLine: 4, endColumn: 39, severity: 'warn', data: { name: 'DB_HOST' } },
        { messageId: 'hardcodedSecret', line: 5, column: 36, endLine: 5, endColumn: 42, data: { name: 'DB_PASSWORD' } },
      ],
    },
    {
      name: "AdonisJS v5: Env.get of '@ioc:Adonis/Core/Env', and v4's use('Env')",
      filename: 'apps/api/config/database.ts',
      code: "import Env from '@ioc:Adonis/Core/Env'\nconst Legacy = use('Env')\n\nexport const password = Env.get('PG_PASSWORD', '')\nexport const jwt = Legacy.get('APP_KEY', 'dev-key')\n",
      errors: [
        { messageId: 'emptySecret', line: 4, column: 48, endLine: 4, endColumn: 50, data: { name: 'PG_PASSWORD' } },
        { messageId: 'hardcodedSecret', line: 5, column: 42, endLine: 5, endColumn: 51, data: { name: 'APP_KEY' } },
      ],
    },
    {
      name: "NestJS ConfigService: get(key, fallback) and getOrThrow(key, fallback) in TypeOrmModule.forRootAsync's factory",
      filename: 'services/orders/src/app.module.ts',
      code: "import { Module } from '@nestjs/common';\nimport { ConfigService } from '@nestjs/config';\nimport { TypeOrmModule } from '@nestjs/typeorm';\n\n@Module({\n  imports: [\n    TypeOrmModule.forRootAsync({\n      inject: [ConfigService],\n      useFactory: (config: ConfigService) => ({\n        type: 'mysql',\n        host: config.get<string>('DB_HOST', 'mysql.internal'),\n        database: config.get<string>('DB_NAME', 'platform'),\n        password: config.get<string>('DB_PASSWORD', 'app-Pa55!'),\n        username: config.getOrThrow('DB_USER', 'orders'),\n        logging: config.get('TYPEORM_LOGGING', false),\n        synchronize: config.get('database.password', 'not-a-variable'),\n      }),\n    }),\n  ],\n})\nexport class AppModule {}\n",
      errors: [
        { messageId: 'connectionDefault', line: 11, column: 45, endLine: 11, endColumn: 61, severity: 'warn', data: { name: 'DB_HOST' } },
        { messageId: 'connectionDefault', line: 12, column: 49, endLine: 12, endColumn: 59, severity: 'warn', data: { name: 'DB_NAME' } },
        { messageId: 'hardcodedSecret', line: 13, column: 53, endLine: 13, endColumn: 64, data: { name: 'DB_PASSWORD' } },
        { messageId: 'connectionDefault', line: 14, column: 48, endLine: 14, endColumn: 56, severity: 'warn', data: { name: 'DB_USER' } },
      ],
    },
    {
      name: 'NestJS ConfigService injected in a provider: this.configService.get(key, fallback)',
      filename: 'services/auth/src/jwt.settings.ts',
      code: "import { Injectable } from '@nestjs/common';\nimport { ConfigService } from '@nestjs/config';\n\n@Injectable()\nexport class JwtSettings {\n  constructor(private readonly configService: ConfigService) {}\n\n  get secret(): string {\n    return this.configService.get<string>('JWT_SECRET', '');\n  }\n\n  get issuer(): string {\n    return this.configService.get<string>('JWT_SECRET_ISSUER');\n  }\n}\n",
      errors: [{ messageId: 'emptySecret', line: 9, column: 57, endLine: 9, endColumn: 59, data: { name: 'JWT_SECRET' } }],
    },
    {
      name: "env-var: env.get('X').default('v') (required(false) between), required without a default is no default",
      filename: 'services/orders/src/config.js',
      code: "const env = require('env-var');\n\nmodule.exports = {\n  host: env.get('DB_HOST').default('mysql.internal').asString(),\n  password: env.get('DB_PASSWORD').required(false).default('s3cret').asString(),\n  user: env.get('DB_USER').required().asString(),\n};\n",
      errors: [
        { messageId: 'connectionDefault', line: 4, column: 36, endLine: 4, endColumn: 52, severity: 'warn', data: { name: 'DB_HOST' } },
        { messageId: 'hardcodedSecret', line: 5, column: 60, endLine: 5, endColumn: 68, data: { name: 'DB_PASSWORD' } },
      ],
    },
    {
      name: 'env-var imported as a namespace',
      filename: 'services/orders/src/keys.ts',
      code: "import * as env from 'env-var';\n\nexport const apiKey = env.get('API_KEY').default('dev-key').asString();\n",
      errors: [{ messageId: 'hardcodedSecret', line: 3, column: 50, endLine: 3, endColumn: 59, data: { name: 'API_KEY' } }],
    },
    {
      name: "the file's own helper returning process.env[key] or its fallback (an arrow, a function declared below its use)",
      filename: 'services/billing/src/db.ts',
      code: "const env = (key, fallback) => process.env[key] ?? fallback;\n\nexport const password = getEnv('DB_PASSWORD', 'root');\nexport const host = env('DB_HOST', 'localhost');\nexport const user = env('DB_USER');\n\nfunction getEnv(key: string, defaultValue?: string): string | undefined {\n  const value = process.env[key];\n  if (value === undefined) return defaultValue;\n  return value;\n}\n",
      errors: [
        { messageId: 'hardcodedSecret', line: 3, column: 47, endLine: 3, endColumn: 53, data: { name: 'DB_PASSWORD' } },
        { messageId: 'connectionDefault', line: 4, column: 36, endLine: 4, endColumn: 47, severity: 'warn', data: { name: 'DB_HOST' } },
      ],
    },
    {
      name: 'a port fallback inside parseInt',
      filename: 'services/billing/src/config.ts',
      code: "const port = parseInt(process.env.DB_PORT || '5432', 10);\n",
      errors: [
        { messageId: 'connectionDefault', line: 1, column: 46, endLine: 1, endColumn: 52, severity: 'warn', data: { name: 'DB_PORT' } },
      ],
    },
    {
      name: 'a DATABASE_URL fallback',
      filename: 'services/clinical/src/db.ts',
      code: "export const url = process.env.DATABASE_URL || 'postgres://localhost:5432/clinical_data';\n",
      errors: [{ messageId: 'connectionDefault', line: 1, column: 48, endLine: 1, endColumn: 89, severity: 'warn' }],
    },
    {
      name: 'a database-name fallback (PG_DATABASE)',
      filename: 'services/clinical/src/db.ts',
      code: "export const db = { database: process.env.PG_DATABASE || 'clinical_data' };\n",
      errors: [
        { messageId: 'connectionDefault', line: 1, column: 58, endLine: 1, endColumn: 73, severity: 'warn', data: { name: 'PG_DATABASE' } },
      ],
    },
    {
      name: 'a non-empty key list feeding split is a hard-coded key',
      filename: 'services/auth/src/middleware/api-key.ts',
      code: "const keys = (process.env.API_KEYS || 'dev-key-1,dev-key-2').split(',');\n",
      errors: [{ messageId: 'hardcodedSecret', line: 1, column: 39, endLine: 1, endColumn: 60, data: { name: 'API_KEYS' } }],
    },
    {
      name: 'AUTH_TOKEN is a secret even though AUTHOR is not',
      filename: 'services/notification/src/sms.ts',
      code: "export const twilio = { token: process.env.TWILIO_AUTH_TOKEN || '' };\n",
      errors: [{ messageId: 'emptySecret', line: 1, column: 65, endLine: 1, endColumn: 67, data: { name: 'TWILIO_AUTH_TOKEN' } }],
    },
    {
      name: 'a private key',
      filename: 'services/auth/src/keys.ts',
      code: "const key = process.env.JWT_PRIVATE_KEY ?? 'not-a-real-key';\n",
      errors: [{ messageId: 'hardcodedSecret', line: 1, column: 44, endLine: 1, endColumn: 60, data: { name: 'JWT_PRIVATE_KEY' } }],
    },
    {
      name: 'a template literal fallback',
      filename: 'services/billing/src/config.ts',
      code: 'export const pass = process.env.DB_PASS ?? `secret`;\n',
      errors: [{ messageId: 'hardcodedSecret', line: 1, column: 44, endLine: 1, endColumn: 52, data: { name: 'DB_PASS' } }],
    },
    {
      name: 'a fallback chain through a config value that ends in a literal',
      filename: 'backend/services/inventory/src/db/pool.js',
      code: [
        "const mysql = require('mysql2/promise');",
        "const config = require('../../config/config.json')[process.env.NODE_ENV || 'development'];",
        'const pool = mysql.createPool({',
        '  host: process.env.DB_HOST || config.host,',
        "  password: process.env.DB_PASSWORD || config.password || '',",
        "  database: config.database ?? process.env.DB_NAME ?? 'inventory',",
        '});',
        '',
      ].join('\n'),
      errors: [
        { messageId: 'emptySecret', line: 5, column: 59, endLine: 5, endColumn: 61, severity: 'error', data: { name: 'DB_PASSWORD' } },
        { messageId: 'connectionDefault', line: 6, column: 55, endLine: 6, endColumn: 66, severity: 'warn', data: { name: 'DB_NAME' } },
      ],
    },
    {
      name: 'extra patterns from options',
      filename: 'services/payment/src/config.ts',
      code: "const signing = process.env.WEBHOOK_SIGNING || 'whsec_local';\nconst ch = process.env.CLICKHOUSE_ENDPOINT || 'http://localhost:8123';\n",
      options: { secretPatterns: ['_SIGNING$'], connectionPatterns: ['^CLICKHOUSE_'] },
      errors: [
        {
          messageId: 'hardcodedSecret',
          line: 1,
          column: 48,
          endLine: 1,
          endColumn: 61,
          severity: 'error',
          data: { name: 'WEBHOOK_SIGNING' },
        },
        {
          messageId: 'connectionDefault',
          line: 2,
          column: 47,
          endLine: 2,
          endColumn: 70,
          severity: 'warn',
          data: { name: 'CLICKHOUSE_ENDPOINT' },
        },
      ],
    },
  ],
});

describe('a fallback chain through other sources', () => {
  it('says to drop the last fallback, names what the chain tries, and offers no one-variable rewrite', async () => {
    const tree = memoryTree({
      'services/billing/src/pool.js':
        "const password = process.env.DB_PASSWORD || config.password || '';\nconst secret = process.env.JWT_SECRET || '';\n",
    });
    const rules = { 'no-unsafe-env-default': 'error' as const };
    const run = await lint({ cwd: tree.root, tree, config: { ...defaultTestConfig, rules }, suppressions: false, suggestions: true });
    const [chain, plain, ...rest] = run.diagnostics.filter((d) => d.ruleId === 'no-unsafe-env-default');
    expect(rest).toEqual([]);
    expect(chain).toMatchObject({ messageId: 'emptySecret', line: 1, column: 64, endLine: 1, endColumn: 66 });
    expect(chain.help).toBe(
      "Drop the last fallback: when 'DB_PASSWORD' and `config.password` are all unset the service should stop at startup (throw when the chain yields nothing) rather than run with a value written in the code.",
    );
    const rewrites = (d: typeof chain) => (d.suggestions ?? []).filter((fix) => /requireEnv/.test(fix.description));
    // The plain fallback keeps its help and its rewrite.
    expect(plain).toMatchObject({ line: 2, column: 42, endLine: 2, endColumn: 44 });
    expect(plain.help).toContain("requireEnv('JWT_SECRET')");
    expect(rewrites(chain)).toEqual([]);
    expect(rewrites(plain)).toHaveLength(1);
  });
});

describe('no-unsafe-env-default options', () => {
  it('rejects a pattern that is not a regular expression', () => {
    expect(rule.meta.options!.safeParse({ secretPatterns: ['(unclosed'] }).success).toBe(false);
  });
});
