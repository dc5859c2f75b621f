/**
 * How service code hands SQL to its driver: the call shapes of mysql2, pg, Sequelize, TypeORM,
 * knex and Prisma around one statement, written into a `Doc` so every SQL line's number is
 * known (for planted violations and decoys).
 */
import type { Orm, Service } from './catalogue.js';
import type { Doc } from './ledger.js';
import type { Flavour, Statement } from './sql-text.js';

/** The expression that runs SQL in a class (`this.…`) or module of a service. */
export interface Runner {
  /** e.g. `this.pool.execute`, `pool.query`, `this.dataSource.query`, `sequelize.query`, `db.raw`. */
  call: string;
  /** How rows come back: `const [rows] =`, `const { rows } =`, `const rows =`. */
  rows: string;
  /** Generic argument for reads (`<RowDataPacket[]>`) or ''. */
  generic: string;
  /** How parameters are passed after the SQL: `[a, b]` or `{ replacements: [a, b], type: QueryTypes.SELECT }`. */
  params: (params: string[], reads: boolean) => string;
}

export function runnerFor(service: Service, scope: 'class' | 'module'): Runner {
  const self = scope === 'class' ? 'this.' : '';
  const mysql = service.dialect === 'mysql';
  switch (service.orm) {
    case 'sequelize':
      return {
        call: `${self}sequelize.query`,
        rows: 'const rows =',
        generic: '',
        params: (p, reads) => `{ replacements: [${p.join(', ')}], type: ${reads ? 'QueryTypes.SELECT' : 'QueryTypes.UPDATE'} }`,
      };
    case 'typeorm':
      return { call: `${self}dataSource.query`, rows: 'const rows =', generic: '', params: (p) => `[${p.join(', ')}]` };
    case 'knex':
      return { call: `${self}db.raw`, rows: 'const rows =', generic: '', params: (p) => `[${p.join(', ')}]` };
    case 'prisma':
      return { call: `${self}prisma.$queryRawUnsafe`, rows: 'const rows =', generic: '', params: (p) => p.join(', ') };
    default:
      return mysql
        ? { call: `${self}pool.execute`, rows: 'const [rows] =', generic: '<RowDataPacket[]>', params: (p) => `[${p.join(', ')}]` }
        : { call: `${self}pool.query`, rows: 'const { rows } =', generic: '', params: (p) => `[${p.join(', ')}]` };
  }
}

/** Knex's raw() takes `?` whatever the database; Sequelize replacements too. */
export function codeDialect(service: Service): Flavour {
  if (service.dialect === 'mysql') return 'mysql';
  return service.orm === 'knex' || service.orm === 'sequelize' ? 'postgresql-qmark' : 'postgresql';
}

export interface Emitted {
  /** Line number of the statement's first SQL line. */
  firstSqlLine: number;
}

/**
 * Writes one statement run through `runner`, as a call with a multi-line template literal
 * (`style: 'inline'`) or built in a `const sql` first (`'variable'`). Returns where its first
 * line of SQL is.
 */
export function emitStatement(
  doc: Doc,
  indent: string,
  runner: Runner,
  stmt: Statement,
  style: 'inline' | 'variable',
  assign: boolean,
): Emitted {
  const target = assign ? `${stmt.reads ? runner.rows : 'const result ='} ` : '';
  const generic = stmt.reads ? runner.generic : '';
  if (style === 'variable') {
    doc.push(`${indent}const sql = \``);
    const firstSqlLine = doc.nextLine;
    for (const line of stmt.lines) doc.push(`${indent}  ${line}`);
    doc.push(`${indent}\`;`);
    doc.push(`${indent}${target}await ${runner.call}${generic}(sql, ${runner.params(stmt.params, stmt.reads)});`);
    return { firstSqlLine };
  }
  doc.push(`${indent}${target}await ${runner.call}${generic}(`);
  const firstSqlLine = doc.nextLine;
  stmt.lines.forEach((line, i) => {
    const last = i === stmt.lines.length - 1;
    doc.push(`${indent}  ${i === 0 ? '`' : ' '}${line}${last ? '`,' : ''}`);
  });
  doc.push(`${indent}  ${runner.params(stmt.params, stmt.reads)},`, `${indent});`);
  return { firstSqlLine };
}

/** Declares the method parameters the statement's bound values need. */
export function parameterList(stmt: Statement, rowType: string): string {
  const roots = [...new Set(stmt.params.map((p) => p.split('.')[0]))];
  return roots
    .map((r) => (r === 'row' ? `row: ${rowType}` : `${r}: ${/days|limit|count|minCount|retention/i.test(r) ? 'number' : 'string'}`))
    .join(', ');
}

/**
 * Imports of a file running SQL: in class scope the shared handle is imported under another
 * name and injected through the constructor (`this.pool`), in module scope used directly.
 */
export function ormImports(service: Service, scope: 'class' | 'module'): string[] {
  const as = (name: string) => (scope === 'class' ? `${name} as shared${name[0].toUpperCase()}${name.slice(1)}` : name);
  switch (service.orm) {
    case 'sequelize':
      return ["import { QueryTypes, type Sequelize } from 'sequelize';", `import { ${as('sequelize')} } from '../config/sequelize';`];
    case 'typeorm':
      return ["import type { DataSource } from 'typeorm';", `import { ${as('dataSource')} } from '../config/data-source';`];
    case 'knex':
      return ["import type { Knex } from 'knex';", `import { ${as('db')} } from '../db/knex';`];
    case 'prisma':
      return ["import type { PrismaClient } from '@prisma/client';", `import { ${as('prisma')} } from '../db/prisma';`];
    default:
      return service.dialect === 'mysql'
        ? [
            "import type { Pool, PoolConnection, RowDataPacket, ResultSetHeader } from 'mysql2/promise';",
            `import { ${as('pool')} } from '../config/database';`,
          ]
        : ["import type { Pool, PoolClient } from 'pg';", `import { ${as('pool')} } from '../config/database';`];
  }
}

/** Constructor parameter giving a class its runner (`this.pool`, `this.dataSource`, …). */
export function runnerField(service: Service): string {
  switch (service.orm) {
    case 'sequelize':
      return 'private readonly sequelize: Sequelize = sharedSequelize';
    case 'typeorm':
      return 'private readonly dataSource: DataSource = sharedDataSource';
    case 'knex':
      return 'private readonly db: Knex = sharedDb';
    case 'prisma':
      return 'private readonly prisma: PrismaClient = sharedPrisma';
    default:
      return 'private readonly pool: Pool = sharedPool';
  }
}

export const sqlOrms: Orm[] = ['raw', 'sequelize', 'typeorm', 'knex', 'prisma'];
