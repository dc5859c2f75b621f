/**
 * Per-service configuration and ORM set-up of the realistic profile: the connection settings
 * with their env defaults (the audit's `password: process.env.DB_PASSWORD || ''` and its
 * variants, the safe `requireEnv` shape, look-alikes that are fine), env validation with Joi
 * and zod, the Sequelize / TypeORM / knex / Prisma / mongoose set-ups, ORM models and entities,
 * TypeORM and knex migrations, and the app bootstrap.
 */
import { camel, pascal, Rng, singular } from '../generate.js';
import { ownTables, type Service, type Table } from './catalogue.js';
import { Doc, type Ledger } from './ledger.js';
import { createTable, enumTypeName } from './sql-text.js';

/** How a service's code reads its database password. */
export type SecretShape = 'or-empty' | 'nullish-empty' | 'assign-empty' | 'or-postgres' | 'real-password' | 'required';

/** The password committed as a code fallback and in a ConfigMap (REAL-CODE-PATTERNS). */
export const LEAKED_PASSWORD = 'Nc!Prod#2024mysql';

const ENV = 'no-unsafe-env-default';

function passwordLine(ctx: { file: string; ledger: Ledger }, doc: Doc, shape: SecretShape, key: string): string {
  const line = doc.nextLine;
  switch (shape) {
    case 'or-empty':
      ctx.ledger.plant(ENV, ctx.file, line, 'env-or-empty', key);
      return `process.env.${key} || ''`;
    case 'nullish-empty':
      ctx.ledger.plant(ENV, ctx.file, line, 'env-nullish-empty', key);
      return `process.env.${key} ?? ''`;
    case 'or-postgres':
      ctx.ledger.plant(ENV, ctx.file, line, 'env-or-postgres', key);
      return `process.env.${key} || 'postgres'`;
    case 'real-password':
      ctx.ledger.plant(ENV, ctx.file, line, 'env-real-password', key);
      return `process.env.${key} || '${LEAKED_PASSWORD}'`;
    case 'assign-empty':
      return `process.env.${key}`;
    case 'required':
      return `requireEnv('${key}')`;
  }
}

const REQUIRE_ENV = [
  'function requireEnv(name: string): string {',
  '  const value = process.env[name];',
  '  if (!value) throw new Error(`Missing required environment variable ${name}`);',
  '  return value;',
  '}',
  '',
];

interface ConfigContext {
  service: Service;
  file: string;
  ledger: Ledger;
  rng: Rng;
}

/** Connection settings: the lines that name the database are setting sources. */
function connectionObject(
  ctx: ConfigContext,
  doc: Doc,
  indent: string,
  shape: SecretShape,
  options: { tls?: boolean; keys?: 'DB' | 'PG' } = {},
): void {
  const { service } = ctx;
  const mysql = service.dialect === 'mysql';
  const k = options.keys ?? 'DB';
  doc.push(
    `${indent}host: process.env.${k}_HOST || 'localhost',`,
    `${indent}port: parseInt(process.env.${k}_PORT || '${mysql ? 3306 : 5432}', 10),`,
  );
  doc.push(`${indent}user: process.env.${k}_USER || '${mysql ? 'root' : 'postgres'}',`);
  doc.push(`${indent}password: ${passwordLine(ctx, doc, shape, `${k}_PASSWORD`)},`);
  ctx.ledger.setting(service.database, service.name, ctx.file, doc.nextLine);
  doc.push(`${indent}database: process.env.${k === 'PG' ? 'PG_DATABASE' : 'DB_NAME'} || '${service.database}',`);
  if (options.tls) {
    ctx.ledger.plant('no-insecure-db-tls', ctx.file, doc.nextLine, 'tls-reject-unauthorized', 'rejectUnauthorized');
    doc.push(`${indent}ssl: process.env.DB_SSL === 'true' ? { rejectUnauthorized: false } : undefined,`);
  }
}

export function databaseConfigFile(ctx: ConfigContext, shape: SecretShape, tls: boolean): Doc {
  const { service } = ctx;
  const doc = new Doc();
  const mysql = service.dialect === 'mysql';
  doc.push(
    mysql ? "import mysql, { type PoolConnection } from 'mysql2/promise';" : "import { Pool, type PoolClient } from 'pg';",
    "import dotenv from 'dotenv';",
    "import { logger } from '../utils/logger';",
    '',
    'dotenv.config();',
    '',
  );
  if (shape === 'required') doc.push(...REQUIRE_ENV);
  if (shape === 'assign-empty') {
    ctx.ledger.plant(ENV, ctx.file, doc.nextLine, 'env-assign-empty', 'DB_PASSWORD');
    doc.push("process.env.DB_PASSWORD = process.env.DB_PASSWORD || '';", '');
  }
  doc.push('export const dbConfig = {');
  connectionObject(ctx, doc, '  ', shape, { tls, keys: service.name === 'clinical-service' ? 'PG' : 'DB' });
  if (mysql) doc.push('  waitForConnections: true,', `  connectionLimit: ${ctx.rng.int(10, 30)},`, '  queueLimit: 0,', "  timezone: 'Z',");
  else doc.push(`  max: ${ctx.rng.int(10, 30)},`, '  idleTimeoutMillis: 30000,', '  connectionTimeoutMillis: 5000,');
  doc.push('};', '');
  doc.push(mysql ? 'export const pool = mysql.createPool(dbConfig);' : 'export const pool = new Pool(dbConfig);', '');
  if (mysql) {
    doc.push(
      'export async function transaction<T>(callback: (connection: PoolConnection) => Promise<T>): Promise<T> {',
      '  const connection = await pool.getConnection();',
      '  try {',
      '    await connection.beginTransaction();',
      '    const result = await callback(connection);',
      '    await connection.commit();',
      '    return result;',
      '  } catch (error) {',
      '    await connection.rollback();',
      '    throw error;',
      '  } finally {',
      '    connection.release();',
      '  }',
      '}',
      '',
    );
  } else {
    doc.push(
      'export async function transaction<T>(callback: (client: PoolClient) => Promise<T>): Promise<T> {',
      '  const client = await pool.connect();',
      '  try {',
      "    await client.query('BEGIN');",
      '    const result = await callback(client);',
      "    await client.query('COMMIT');",
      '    return result;',
      '  } catch (error) {',
      "    await client.query('ROLLBACK');",
      '    throw error;',
      '  } finally {',
      '    client.release();',
      '  }',
      '}',
      '',
    );
  }
  doc.push(
    'export async function testConnection(): Promise<boolean> {',
    '  try {',
    "    await pool.query('SELECT 1');",
    "    logger.info('Database connection established');",
    '    return true;',
    '  } catch (error) {',
    "    logger.error('Database connection failed', { error });",
    '    return false;',
    '  }',
    '}',
  );
  return doc;
}

/** ORM set-ups: the file that holds the connection settings for ORM services. */
export function ormConfigFile(ctx: ConfigContext, shape: SecretShape): Doc {
  const { service } = ctx;
  const doc = new Doc();
  const mysql = service.dialect === 'mysql';
  switch (service.orm) {
    case 'sequelize': {
      doc.push("import { Sequelize } from 'sequelize';", "import { logger } from '../utils/logger';", '');
      if (shape === 'required') doc.push(...REQUIRE_ENV);
      doc.push('export const sequelize = new Sequelize(');
      ctx.ledger.setting(service.database, service.name, ctx.file, doc.nextLine);
      doc.push(`  process.env.DB_NAME || '${service.database}',`, "  process.env.DB_USER || 'root',");
      doc.push(`  ${passwordLine(ctx, doc, shape, 'DB_PASSWORD')},`);
      doc.push(
        '  {',
        `    dialect: '${mysql ? 'mysql' : 'postgres'}',`,
        "    host: process.env.DB_HOST || 'localhost',",
        `    port: Number(process.env.DB_PORT || ${mysql ? 3306 : 5432}),`,
      );
      doc.push(
        '    logging: (sql) => logger.debug(sql),',
        `    pool: { max: ${ctx.rng.int(5, 20)}, min: 0, idle: 10000 },`,
        '    define: { underscored: true, timestamps: true, paranoid: true },',
        '  },',
        ');',
      );
      break;
    }
    case 'typeorm': {
      doc.push("import 'reflect-metadata';", "import { DataSource } from 'typeorm';", '');
      if (shape === 'required') doc.push(...REQUIRE_ENV);
      doc.push('export const dataSource = new DataSource({', `  type: '${mysql ? 'mysql' : 'postgres'}',`);
      connectionObject(ctx, doc, '  ', shape);
      doc.push(
        "  entities: [__dirname + '/../entities/*.{ts,js}'],",
        "  migrations: [__dirname + '/../migrations/*.{ts,js}'],",
        '  synchronize: false,',
        "  logging: process.env.NODE_ENV === 'development',",
        '});',
      );
      break;
    }
    case 'knex': {
      doc.push(
        "import knex from 'knex';",
        "import config from '../../knexfile';",
        '',
        "export const db = knex(config[process.env.NODE_ENV ?? 'development']);",
      );
      break;
    }
    case 'prisma': {
      doc.push(
        "import { PrismaClient } from '@prisma/client';",
        '',
        'export const prisma = new PrismaClient({',
        "  log: process.env.NODE_ENV === 'development' ? ['query', 'warn', 'error'] : ['error'],",
        '});',
      );
      break;
    }
    case 'mongo': {
      doc.push("import mongoose from 'mongoose';", "import { logger } from '../utils/logger';", '');
      ctx.ledger.setting(service.database, service.name, ctx.file, doc.nextLine);
      doc.push(`const uri = process.env.MONGO_URI || 'mongodb://localhost:27017/${service.database}';`, '');
      doc.push(
        'export async function connectMongo(): Promise<void> {',
        '  await mongoose.connect(uri, { maxPoolSize: 20 });',
        "  logger.info('MongoDB connected');",
        '}',
      );
      break;
    }
    default:
      throw new Error(`no ORM config for ${service.orm}`);
  }
  return doc;
}

/** knexfile.ts at the service root: knex's connection settings per environment. */
export function knexfile(ctx: ConfigContext, shape: SecretShape): Doc {
  const doc = new Doc();
  doc.push("import type { Knex } from 'knex';", '');
  if (shape === 'required') doc.push(...REQUIRE_ENV);
  doc.push(
    'const config: Record<string, Knex.Config> = {',
    '  development: {',
    `    client: '${ctx.service.dialect === 'mysql' ? 'mysql2' : 'pg'}',`,
    '    connection: {',
  );
  connectionObject(ctx, doc, '      ', shape);
  doc.push(
    '    },',
    "    migrations: { directory: './migrations', extension: 'ts' },",
    '    pool: { min: 2, max: 10 },',
    '  },',
    '};',
    '',
    'export default config;',
  );
  return doc;
}

/** env.ts: the look-alike defaults that are fine, and the service's secret defaults. */
export function envFile(
  ctx: ConfigContext,
  secrets: Array<{ key: string; prop: string; fallback: 'empty' | 'literal' | 'required'; literal?: string }>,
): Doc {
  const doc = new Doc();
  const decoy = (kind: string) => ctx.ledger.decoy(ctx.file, doc.nextLine, kind);
  doc.push("import dotenv from 'dotenv';", '', 'dotenv.config();', '', ...REQUIRE_ENV, 'export const env = {');
  decoy('look-alike env default (NODE_ENV)');
  doc.push("  nodeEnv: process.env.NODE_ENV || 'development',");
  decoy('look-alike env default (PORT)');
  doc.push(`  port: Number(process.env.PORT || ${ctx.service.port}),`);
  decoy('look-alike env default (LOG_LEVEL)');
  doc.push("  logLevel: process.env.LOG_LEVEL || 'info',");
  decoy('fail-closed allow-list default');
  doc.push("  apiKeys: (process.env.API_KEYS || '').split(',').filter(Boolean),");
  decoy('setting about a secret (JWT_EXPIRES_IN)');
  doc.push("  jwtExpiresIn: process.env.JWT_EXPIRES_IN || '1h',");
  doc.push(
    "  gatewayUrl: process.env.GATEWAY_URL || 'http://gateway-service:8080',",
    "  authServiceUrl: process.env.AUTH_SERVICE_URL || 'http://auth-service:7020',",
  );
  for (const s of secrets) {
    if (s.fallback === 'required') {
      doc.push(`  ${s.prop}: requireEnv('${s.key}'),`);
      continue;
    }
    ctx.ledger.plant(ENV, ctx.file, doc.nextLine, s.fallback === 'empty' ? 'env-secret-empty' : 'env-secret-literal', s.key);
    doc.push(`  ${s.prop}: process.env.${s.key} || '${s.fallback === 'empty' ? '' : s.literal}',`);
  }
  doc.push('};');
  return doc;
}

/** Env validation with Joi or zod, whose `.default('')` on a secret is the same unsafe default. */
export function envSchemaFile(ctx: ConfigContext, library: 'joi' | 'zod'): Doc {
  const doc = new Doc();
  const { service } = ctx;
  if (library === 'joi') {
    doc.push(
      "import Joi from 'joi';",
      '',
      'export const envSchema = Joi.object({',
      "  NODE_ENV: Joi.string().valid('development', 'test', 'production').default('development'),",
      `  PORT: Joi.number().default(${service.port}),`,
      '  DB_HOST: Joi.string().required(),',
      '  DB_NAME: Joi.string().required(),',
    );
    ctx.ledger.plant(ENV, ctx.file, doc.nextLine, 'joi-default-empty', 'DB_PASSWORD');
    doc.push(
      "  DB_PASSWORD: Joi.string().allow('').default(''),",
      "  LOG_LEVEL: Joi.string().valid('debug', 'info', 'warn', 'error').default('info'),",
      '}).unknown(true);',
      '',
      'const { error, value } = envSchema.validate(process.env);',
      'if (error) throw new Error(`Invalid environment: ${error.message}`);',
      'export const validatedEnv = value as Record<string, string>;',
    );
  } else {
    doc.push(
      "import { z } from 'zod';",
      '',
      'export const envSchema = z.object({',
      "  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),",
      `  PORT: z.coerce.number().default(${service.port}),`,
      '  PG_HOST: z.string().min(1),',
      '  PG_DATABASE: z.string().min(1),',
    );
    ctx.ledger.plant(ENV, ctx.file, doc.nextLine, 'zod-default-empty', 'PG_PASSWORD');
    doc.push(
      "  PG_PASSWORD: z.string().default(''),",
      "  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),",
      '});',
      '',
      'export const validatedEnv = envSchema.parse(process.env);',
    );
  }
  return doc;
}

export function appIndexFile(service: Service): Doc {
  const doc = new Doc();
  doc.push(
    "import express from 'express';",
    "import helmet from 'helmet';",
    "import cors from 'cors';",
    "import { env } from './config/env';",
    "import { logger } from './utils/logger';",
    "import { router } from './routes';",
    '',
    'const app = express();',
    'app.use(helmet());',
    "app.use(cors({ origin: process.env.CORS_ORIGIN?.split(',') ?? [] }));",
    "app.use(express.json({ limit: '2mb' }));",
    "app.use('/api/v1', router);",
    `app.get('/health', (_req, res) => res.json({ status: 'ok', service: '${service.name}', uptime: process.uptime() }));`,
    '',
    'app.use((error: Error & { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {',
    "  logger.error('Unhandled error', { message: error.message, stack: error.stack });",
    "  res.status(error.status ?? 500).json({ success: false, error: error.status ? error.message : 'Internal server error' });",
    '});',
    '',
    `app.listen(env.port, () => logger.info(\`${service.name} listening on port \${env.port}\`));`,
    '',
    'export default app;',
  );
  return doc;
}

export function loggerFile(service: Service): Doc {
  const doc = new Doc();
  doc.push(
    "import winston from 'winston';",
    '',
    'export const logger = winston.createLogger({',
    "  level: process.env.LOG_LEVEL || 'info',",
    `  defaultMeta: { service: '${service.name}' },`,
    '  format: winston.format.combine(winston.format.timestamp(), winston.format.errors({ stack: true }), winston.format.json()),',
    '  transports: [new winston.transports.Console()],',
    '});',
  );
  return doc;
}

export function errorsFile(): Doc {
  const doc = new Doc();
  doc.push(
    'export class AppError extends Error {',
    "  constructor(public readonly status: number, message: string, public readonly code = 'APP_ERROR') {",
    '    super(message);',
    "    this.name = 'AppError';",
    '  }',
    '}',
    '',
    'export class NotFoundError extends AppError {',
    "  constructor(message = 'Not found') {",
    "    super(404, message, 'NOT_FOUND');",
    '  }',
    '}',
    '',
    'export class ValidationError extends AppError {',
    '  constructor(message: string, public readonly details: unknown[] = []) {',
    "    super(400, message, 'VALIDATION_ERROR');",
    '  }',
    '}',
  );
  return doc;
}

export function routesIndexFile(routeFiles: string[]): Doc {
  const doc = new Doc();
  doc.push("import { Router } from 'express';");
  routeFiles.forEach((f, i) => doc.push(`import { router as r${i} } from './${f.replace(/\.ts$/, '')}';`));
  doc.push('', 'export const router = Router();');
  routeFiles.forEach((_, i) => doc.push(`router.use(r${i});`));
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Models and migrations in code
// ---------------------------------------------------------------------------------------------

export function modelFile(service: Service, table: Table): Doc {
  const doc = new Doc();
  const entity = pascal(singular(table.name));
  const tsType = (c: Table['columns'][number]) =>
    c.type === 'money' || c.type === 'int'
      ? 'number'
      : c.type === 'bool'
        ? 'boolean'
        : c.type === 'ts' || c.type === 'date'
          ? 'Date | null'
          : c.type === 'json'
            ? 'Record<string, unknown>'
            : c.type === 'enum'
              ? c.values!.map((v) => `'${v}'`).join(' | ')
              : 'string';
  if (service.orm === 'typeorm') {
    doc.push(
      "import { Column, CreateDateColumn, DeleteDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';",
      '',
    );
    doc.push(
      `@Entity('${table.name}')`,
      `@Index(['createdAt'])`,
      `export class ${entity} {`,
      "  @PrimaryGeneratedColumn('uuid')",
      '  id!: string;',
      '',
    );
    for (const c of table.columns) {
      const opts =
        c.type === 'enum'
          ? `{ type: 'enum', enum: [${c.values!.map((v) => `'${v}'`).join(', ')}], name: '${c.name}' }`
          : c.type === 'json'
            ? `{ type: 'jsonb', name: '${c.name}' }`
            : c.type === 'money'
              ? `{ type: 'numeric', precision: 12, scale: 2, name: '${c.name}' }`
              : `{ name: '${c.name}', nullable: ${c.type === 'ts' || c.type === 'date' || c.type === 'text'} }`;
      doc.push(`  @Column(${opts})`, `  ${camel(c.name)}!: ${tsType(c)};`, '');
    }
    doc.push(
      "  @CreateDateColumn({ name: 'created_at' })",
      '  createdAt!: Date;',
      '',
      "  @UpdateDateColumn({ name: 'updated_at' })",
      '  updatedAt!: Date;',
      '',
      "  @DeleteDateColumn({ name: 'deleted_at' })",
      '  deletedAt?: Date | null;',
      '}',
    );
    return doc;
  }
  if (service.orm === 'sequelize') {
    doc.push("import { DataTypes } from 'sequelize';", "import { sequelize } from '../config/sequelize';", '');
    doc.push(
      `export const ${entity} = sequelize.define(`,
      `  '${entity}',`,
      '  {',
      '    id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true },',
    );
    for (const c of table.columns) {
      const type =
        c.type === 'money'
          ? 'DataTypes.DECIMAL(12, 2)'
          : c.type === 'int'
            ? 'DataTypes.INTEGER'
            : c.type === 'bool'
              ? 'DataTypes.BOOLEAN'
              : c.type === 'ts'
                ? 'DataTypes.DATE'
                : c.type === 'date'
                  ? 'DataTypes.DATEONLY'
                  : c.type === 'json'
                    ? 'DataTypes.JSON'
                    : c.type === 'text'
                      ? 'DataTypes.TEXT'
                      : c.type === 'enum'
                        ? `DataTypes.ENUM(${c.values!.map((v) => `'${v}'`).join(', ')})`
                        : c.type === 'fk'
                          ? 'DataTypes.UUID'
                          : 'DataTypes.STRING(255)';
      doc.push(`    ${camel(c.name)}: { type: ${type}, field: '${c.name}'${c.type === 'fk' ? ', allowNull: false' : ''} },`);
    }
    doc.push('  },', `  { tableName: '${table.name}', underscored: true, paranoid: true },`, ');', '');
  }
  doc.push(`export interface ${entity}Row {`, '  id: string;');
  for (const c of table.columns) doc.push(`  ${c.name}: ${tsType(c)};`);
  doc.push('  created_at: Date;', '  updated_at?: Date;', '  deleted_at?: Date | null;', '}');
  return doc;
}

/** A TypeORM migration: the service's DDL through queryRunner.query (tables declared in code). */
export function typeormMigrationFile(service: Service): Doc {
  const doc = new Doc();
  const tables = service.tables;
  doc.push(
    "import type { MigrationInterface, QueryRunner } from 'typeorm';",
    '',
    'export class InitialSchema1697356800000 implements MigrationInterface {',
    "  name = 'InitialSchema1697356800000';",
    '',
    '  public async up(queryRunner: QueryRunner): Promise<void> {',
    '    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`);',
  );
  for (const table of tables) {
    for (const c of table.columns.filter((x) => x.type === 'enum'))
      doc.push(
        `    await queryRunner.query(\`CREATE TYPE ${enumTypeName(table, c)} AS ENUM (${c.values!.map((v) => `'${v}'`).join(', ')})\`);`,
      );
    const lines = createTable('postgresql', table);
    doc.push(`    await queryRunner.query(\`${lines[0]}`);
    for (const l of lines.slice(1, -1)) doc.push(`      ${l}`);
    doc.push('    )`);', `    await queryRunner.query(\`CREATE INDEX idx_${table.name}_created_at ON ${table.name} (created_at)\`);`);
  }
  doc.push('  }', '', '  public async down(queryRunner: QueryRunner): Promise<void> {');
  for (const table of [...tables].reverse()) doc.push(`    await queryRunner.query(\`DROP TABLE IF EXISTS ${table.name}\`);`);
  doc.push('  }', '}');
  return doc;
}

/** A knex migration: createTable in code. */
export function knexMigrationFile(service: Service): Doc {
  const doc = new Doc();
  doc.push("import type { Knex } from 'knex';", '', 'export async function up(knex: Knex): Promise<void> {');
  for (const table of service.tables) {
    doc.push(`  await knex.schema.createTable('${table.name}', (t) => {`, "    t.uuid('id').primary().defaultTo(knex.raw('(UUID())'));");
    for (const c of table.columns) {
      const col =
        c.type === 'money'
          ? `t.decimal('${c.name}', 12, 2).notNullable().defaultTo(0)`
          : c.type === 'int'
            ? `t.integer('${c.name}').notNullable().defaultTo(0)`
            : c.type === 'bool'
              ? `t.boolean('${c.name}').notNullable().defaultTo(false)`
              : c.type === 'ts'
                ? `t.timestamp('${c.name}').nullable()`
                : c.type === 'date'
                  ? `t.date('${c.name}').nullable()`
                  : c.type === 'json'
                    ? `t.json('${c.name}').nullable()`
                    : c.type === 'text'
                      ? `t.text('${c.name}').nullable()`
                      : c.type === 'enum'
                        ? `t.enu('${c.name}', [${c.values!.map((v) => `'${v}'`).join(', ')}]).notNullable().defaultTo('${c.values![0]}')`
                        : c.type === 'fk'
                          ? `t.uuid('${c.name}').notNullable().references('id').inTable('${c.ref}').onDelete('CASCADE')`
                          : `t.string('${c.name}', 255).nullable()`;
      doc.push(`    ${col};`);
    }
    doc.push(
      '    t.timestamps(true, true);',
      "    t.timestamp('deleted_at').nullable();",
      `    t.index(['created_at'], 'idx_${table.name}_created_at');`,
      '  });',
      '',
    );
  }
  doc.push('}', '', 'export async function down(knex: Knex): Promise<void> {');
  for (const table of [...service.tables].reverse()) doc.push(`  await knex.schema.dropTableIfExists('${table.name}');`);
  doc.push('}');
  return doc;
}

/** schema.prisma: a model per table, `@@map`ped to its table. */
export function prismaSchema(service: Service): string {
  const lines = [
    'generator client {',
    '  provider = "prisma-client-js"',
    '}',
    '',
    'datasource db {',
    `  provider = "${service.dialect === 'mysql' ? 'mysql' : 'postgresql'}"`,
    '  url      = env("DATABASE_URL")',
    '}',
    '',
  ];
  const tables = ownTables(service);
  for (const c of tables.flatMap((t) => t.columns.filter((x) => x.type === 'enum').map((x) => ({ t, x })))) {
    lines.push(`enum ${pascal(enumTypeName(c.t, c.x))} {`, ...c.x.values!.map((v) => `  ${v}`), '}', '');
  }
  for (const table of tables) {
    lines.push(`model ${pascal(singular(table.name))} {`, '  id         String   @id @default(uuid()) @db.Uuid');
    for (const c of table.columns) {
      const type =
        c.type === 'money'
          ? 'Decimal  @db.Decimal(12, 2)'
          : c.type === 'int'
            ? 'Int'
            : c.type === 'bool'
              ? 'Boolean'
              : c.type === 'ts'
                ? 'DateTime?'
                : c.type === 'date'
                  ? 'DateTime? @db.Date'
                  : c.type === 'json'
                    ? 'Json'
                    : c.type === 'enum'
                      ? pascal(enumTypeName(table, c))
                      : c.type === 'fk'
                        ? 'String   @db.Uuid'
                        : 'String?';
      lines.push(`  ${camel(c.name)} ${type} @map("${c.name}")`);
    }
    lines.push(
      '  createdAt  DateTime @default(now()) @map("created_at")',
      '  updatedAt  DateTime @updatedAt @map("updated_at")',
      '  deletedAt  DateTime? @map("deleted_at")',
      '',
      `  @@map("${table.name}")`,
      '}',
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}
