/**
 * The TypeScript files of a service in the realistic profile: repositories and routes that run
 * SQL (most of them), services that do so half the time (with transactions), controllers,
 * ORM models and entities, validators, types, utilities, middleware, jobs, event handlers and
 * tests — sized like real service files, with the decoys real code carries (table names in
 * comments, SQL-looking log messages, aliases and CTEs named like foreign tables, look-alike
 * env defaults, test mocks).
 */
import { camel, pascal, Rng, singular } from '../generate.js';
import { ownTables, type Service, type Table } from './catalogue.js';
import { Doc, type Ledger } from './ledger.js';
import { emitPlantMethod, emitPlantRoute, plantPrelude, type TsPlant } from './plants.js';
import { dataColumns, statementsFor, statusColumn, type Statement } from './sql-text.js';
import { codeDialect, emitStatement, ormImports, parameterList, runnerField, runnerFor } from './ts-sql.js';

export interface FileContext {
  rng: Rng;
  service: Service;
  services: Service[];
  file: string;
  ledger: Ledger;
  plants: TsPlant[];
  table?: Table;
  /** Size to reach, bytes. */
  target: number;
}

/**
 * Same-service joins are decoys only where the linter can know the tables: it does not read
 * knex `createTable` calls as declarations yet (a table without the service prefix, created in a
 * knex migration, is an `unknown-table`), so in knex services they are left unchecked.
 */
export const KNEX_CREATE_TABLE_GAP = 'knex schema.createTable in a TypeScript migration declares no table';

function joinDecoy(ctx: FileContext, line: number): void {
  if (ctx.service.orm !== 'knex') ctx.ledger.decoy(ctx.file, line, 'same-service join');
}

const rowType = (table: Table) => `${pascal(singular(table.name))}Row`;
const entityName = (table: Table) => pascal(singular(table.name));

/** A table of another service, by bare name, for decoys. */
function foreignTable(ctx: FileContext): string {
  const others = ctx.services.filter((s) => s !== ctx.service && ownTables(s).length > 0);
  const other = others[ctx.rng.int(0, others.length - 1)];
  const tables = ownTables(other);
  return tables[ctx.rng.int(0, tables.length - 1)].name;
}

function logMessages(ctx: FileContext, doc: Doc, indent: string, what: string): void {
  const foreign = foreignTable(ctx);
  switch (ctx.rng.int(0, 3)) {
    case 0:
      ctx.ledger.decoy(ctx.file, doc.nextLine, 'log string that reads like SQL');
      doc.push(`${indent}logger.warn(\`Delete from ${foreign} skipped for ${what} \${id}\`);`);
      break;
    case 1:
      ctx.ledger.decoy(ctx.file, doc.nextLine, 'log string that reads like SQL');
      doc.push(`${indent}logger.info('Update failed for ${foreign}, will retry', { id });`);
      break;
    case 2:
      ctx.ledger.decoy(ctx.file, doc.nextLine, 'table name in a comment');
      doc.push(`${indent}// Previously: SELECT * FROM ${foreign} WHERE id = ? -- now through the owner's API.`);
      break;
    default:
      doc.push(`${indent}logger.debug('${what} handled', { id, took: Date.now() - started });`);
  }
}

// ---------------------------------------------------------------------------------------------
// Repositories
// ---------------------------------------------------------------------------------------------

export function repositoryFile(ctx: FileContext): Doc {
  const { rng, service } = ctx;
  const table = ctx.table!;
  const doc = new Doc();
  const runner = runnerFor(service, 'class');
  const dialect = codeDialect(service);
  const entity = entityName(table);
  const holeStyle = rng.pick(['field', 'const', 'literal'] as const);
  const ref = holeStyle === 'field' ? '${this.tableName}' : holeStyle === 'const' ? '${TABLE}' : table.name;
  doc.push(
    ...ormImports(service, 'class'),
    "import { logger } from '../utils/logger';",
    "import { NotFoundError } from '../utils/errors';",
  );
  doc.push(`import type { ${rowType(table)} } from '../models/${entity}';`, '');
  if (holeStyle === 'const') doc.push(`const TABLE = '${table.name}';`, '');
  doc.push(...plantPrelude(ctx.plants, 'class'));
  doc.push(
    `/**`,
    ` * Data access for ${table.name.replace(/_/g, ' ')}. Every query filters soft-deleted rows`,
    ` * unless it says otherwise.`,
    ` */`,
  );
  doc.push(`export class ${entity}Repository {`);
  if (holeStyle === 'field') doc.push(`  private readonly tableName = '${table.name}';`, '');
  doc.push(`  constructor(${runnerField(service)}) {}`, '');
  for (const plant of ctx.plants) emitPlantMethod(doc, runner, plant, service, table, ctx.file, ctx.ledger);

  const statements = statementsFor(rng, dialect, table, ownTables(service), ref);
  let searchDone = false;
  let txDone = service.orm !== 'raw';
  for (let i = 0; doc.bytes < ctx.target || i < 3; i++) {
    if (i < statements.length) {
      emitStatementMethod(ctx, doc, runner, statements[i], table, rng.chance(0.3) ? 'variable' : 'inline');
    } else if (!searchDone) {
      searchMethod(ctx, doc, runner, table, ref);
      searchDone = true;
    } else if (!txDone) {
      transactionMethod(ctx, doc, table, ref);
      txDone = true;
    } else {
      break;
    }
  }
  mapperMethod(doc, table);
  doc.push('}', '');
  doc.push(`export const ${entity[0].toLowerCase()}${entity.slice(1)}Repository = new ${entity}Repository();`);
  return doc;
}

function emitStatementMethod(
  ctx: FileContext,
  doc: Doc,
  runner: ReturnType<typeof runnerFor>,
  stmt: Statement,
  table: Table,
  style: 'inline' | 'variable',
): void {
  const returns = stmt.reads ? `Promise<${rowType(table)}[]>` : 'Promise<void>';
  doc.push(`  async ${stmt.name}(${parameterList(stmt, rowType(table))}): ${returns} {`);
  if (stmt.name === 'findById') doc.push("    if (!id) throw new NotFoundError('id is required');");
  const { firstSqlLine } = emitStatement(doc, '    ', runner, stmt, style, true);
  for (const i of stmt.ownJoinLines) joinDecoy(ctx, firstSqlLine + i);
  if (stmt.reads) doc.push(`    return (rows as unknown[]).map((row) => this.toRow(row as Record<string, unknown>));`);
  else doc.push(`    logger.debug('${table.name}.${stmt.name} done');`);
  doc.push('  }', '');
}

/** The list endpoint's query: a base SELECT extended with `sql +=` in branches. */
function searchMethod(ctx: FileContext, doc: Doc, runner: ReturnType<typeof runnerFor>, table: Table, ref: string): void {
  const dialect = codeDialect(ctx.service);
  const status = statusColumn(table).name;
  const text = dataColumns(table).find((c) => c.type === 'str' || c.type === 'text')?.name ?? status;
  const cols = dataColumns(table)
    .slice(0, 5)
    .map((c) => `t.${c.name}`);
  const next = (n: string) => (dialect !== 'postgresql' ? '?' : `$\${params.length + ${n}}`);
  const q = dialect !== 'postgresql' ? "'" : '`';
  doc.push(
    `  async search(filters: { ${camel(status)}?: string; q?: string; from?: string; sort?: string; limit?: number; offset?: number }): Promise<${rowType(table)}[]> {`,
    '    let sql = `',
    `      SELECT t.id, ${cols.join(', ')}, t.created_at`,
    `        FROM ${ref} t`,
    '       WHERE t.deleted_at IS NULL`;',
    '    const params: unknown[] = [];',
    `    if (filters.${camel(status)}) {`,
    `      sql += ${q} AND t.${status} = ${next('1')}${q};`,
    `      params.push(filters.${camel(status)});`,
    '    }',
    '    if (filters.from) {',
    `      sql += ${q} AND t.created_at >= ${next('1')}${q};`,
    '      params.push(filters.from);',
    '    }',
    '    if (filters.q) {',
    `      sql += ${q} AND t.${text} ${dialect === 'mysql' ? 'LIKE' : 'ILIKE'} ${next('1')}${q};`,
    '      params.push(`%${filters.q}%`);',
    '    }',
    "    const sortColumn = ['created_at', 'updated_at'].includes(filters.sort ?? '') ? filters.sort : 'created_at';",
    '    sql += ` ORDER BY t.${sortColumn} DESC`;',
    `    sql += ${q} LIMIT ${next('1')} OFFSET ${next('2')}${q};`,
    '    params.push(filters.limit ?? 50, filters.offset ?? 0);',
    `    ${runner.rows} await ${runner.call}${runner.generic}(sql, ${runner.params(['...params'], true)});`,
    '    return (rows as unknown[]).map((row) => this.toRow(row as Record<string, unknown>));',
    '  }',
    '',
  );
}

/** Two statements on the service's own tables in one transaction (raw drivers). */
function transactionMethod(ctx: FileContext, doc: Doc, table: Table, ref: string): void {
  const child = ownTables(ctx.service).find((t) => t.columns.some((c) => c.type === 'fk' && c.ref === table.name));
  const status = statusColumn(table).name;
  if (ctx.service.dialect === 'mysql') {
    doc.push(
      `  async changeStatus(id: string, ${camel(status)}: string, actor: string): Promise<void> {`,
      '    const connection: PoolConnection = await this.pool.getConnection();',
      '    try {',
      '      await connection.beginTransaction();',
      '      const [result] = await connection.execute<ResultSetHeader>(',
      `        \`UPDATE ${ref}`,
      `            SET ${status} = ?, updated_at = NOW()`,
      '          WHERE id = ? AND deleted_at IS NULL`,',
      `        [${camel(status)}, id],`,
      '      );',
      '      if (result.affectedRows === 0) throw new NotFoundError(`no row ${id}`);',
    );
    if (child) {
      const fk = child.columns.find((c) => c.type === 'fk' && c.ref === table.name)!;
      doc.push(
        '      await connection.execute(',
        `        \`UPDATE ${child.name}`,
        '            SET updated_at = NOW()',
        `          WHERE ${fk.name} = ?\`,`,
        '        [id],',
        '      );',
      );
    }
    doc.push(
      "      logger.info('status changed', { id, actor });",
      '      await connection.commit();',
      '    } catch (error) {',
      '      await connection.rollback();',
      '      throw error;',
      '    } finally {',
      '      connection.release();',
      '    }',
      '  }',
      '',
    );
  } else {
    doc.push(
      `  async changeStatus(id: string, ${camel(status)}: string, actor: string): Promise<void> {`,
      '    const client: PoolClient = await this.pool.connect();',
      '    try {',
      "      await client.query('BEGIN');",
      `      const result = await client.query(\`UPDATE ${ref} SET ${status} = $1, updated_at = now() WHERE id = $2 AND deleted_at IS NULL\`, [${camel(status)}, id]);`,
      '      if (result.rowCount === 0) throw new NotFoundError(`no row ${id}`);',
    );
    if (child) {
      const fk = child.columns.find((c) => c.type === 'fk' && c.ref === table.name)!;
      doc.push(`      await client.query('UPDATE ${child.name} SET updated_at = now() WHERE ${fk.name} = $1', [id]);`);
    }
    doc.push(
      "      logger.info('status changed', { id, actor });",
      "      await client.query('COMMIT');",
      '    } catch (error) {',
      "      await client.query('ROLLBACK');",
      '      throw error;',
      '    } finally {',
      '      client.release();',
      '    }',
      '  }',
      '',
    );
  }
}

function mapperMethod(doc: Doc, table: Table): void {
  doc.push(`  private toRow(row: Record<string, unknown>): ${rowType(table)} {`, '    return {', '      id: String(row.id),');
  for (const c of table.columns) {
    const conv =
      c.type === 'money' || c.type === 'int'
        ? `Number(row.${c.name} ?? 0)`
        : c.type === 'bool'
          ? `Boolean(row.${c.name})`
          : c.type === 'ts' || c.type === 'date'
            ? `row.${c.name} ? new Date(String(row.${c.name})) : null`
            : c.type === 'json'
              ? `(row.${c.name} ?? {}) as Record<string, unknown>`
              : `row.${c.name} == null ? null : String(row.${c.name})`;
    doc.push(`      ${c.name}: ${conv},`);
  }
  doc.push('      created_at: new Date(String(row.created_at)),', '    };', '  }');
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

export function routesFile(ctx: FileContext, withSql: boolean): Doc {
  const { rng, service } = ctx;
  const doc = new Doc();
  const table = ctx.table;
  const noun = table ? singular(table.name) : rng.pick(['patient', 'record', 'request', 'summary']);
  doc.push("import { Router, type Request, type Response, type NextFunction } from 'express';");
  if (withSql || ctx.plants.length > 0) doc.push(...ormImports(service, 'module'));
  doc.push("import { authenticate, requireRole } from '../middleware/auth';", "import { logger } from '../utils/logger';");
  if (!withSql) doc.push(`import { ${camel(noun)}Service } from '../services/${pascal(noun)}Service';`);
  doc.push('');
  doc.push(...plantPrelude(ctx.plants, 'module'));
  doc.push('export const router = Router();', '');
  const runner = runnerFor(service, 'module');
  for (const plant of ctx.plants) emitPlantRoute(doc, runner, plant, service, table, ctx.file, ctx.ledger);
  const slug = noun.replace(/_/g, '-');
  if (withSql && table) {
    const statements = statementsFor(rng, codeDialect(service), table, ownTables(service), table.name);
    const verbs: Record<string, string> = {
      findById: 'get',
      dailyReport: 'get',
      weeklyReport: 'get',
      monthlyReport: 'get',
      save: 'post',
      topPerGroup: 'get',
      purgeDeleted: 'delete',
    };
    for (const stmt of statements) {
      if (doc.bytes >= ctx.target && doc.lines.length > 40) break;
      const verb = verbs[stmt.name] ?? (stmt.reads ? 'get' : 'patch');
      const pathSuffix =
        stmt.name === 'findById' ? '/:id' : stmt.name === 'save' ? '' : `/${stmt.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      doc.push(
        `router.${verb}('/${slug}s${pathSuffix}', authenticate, requireRole('${rng.pick(['admin', 'clinician', 'staff', 'billing_clerk'])}'), async (req: Request, res: Response, next: NextFunction) => {`,
        '  try {',
        '    const started = Date.now();',
      );
      for (const p of [...new Set(stmt.params.map((x) => x.split('.')[0]))]) {
        doc.push(
          p === 'row'
            ? '    const row = { ...req.body, id: req.body.id ?? crypto.randomUUID() };'
            : p === 'id'
              ? '    const id = req.params.id;'
              : `    const ${p} = ${/days|limit|count|retention/i.test(p) ? `Number(req.query.${p} ?? ${rng.int(1, 90)})` : `String(req.query.${p} ?? '')`};`,
        );
      }
      const { firstSqlLine } = emitStatement(doc, '    ', runner, stmt, rng.chance(0.25) ? 'variable' : 'inline', true);
      if (rng.chance(0.3)) for (const i of stmt.ownJoinLines) joinDecoy(ctx, firstSqlLine + i);
      doc.push("    logger.debug('handled', { route: req.originalUrl, ms: Date.now() - started });");
      doc.push(stmt.reads ? '    res.json({ success: true, data: rows });' : `    res.status(${verb === 'post' ? 201 : 204}).end();`);
      doc.push(
        '  } catch (error) {',
        `    logger.error('Failed to handle ${slug} request', { error });`,
        '    next(error);',
        '  }',
        '});',
        '',
      );
    }
  }
  while (doc.bytes < ctx.target) {
    const verb = rng.pick(['get', 'post', 'put', 'delete'] as const);
    doc.push(
      `router.${verb}('/${slug}s/${rng.pick(['export', 'bulk', 'history', 'status', 'sync', 'validate'])}${verb === 'post' ? '' : '/:id'}', authenticate, async (req: Request, res: Response, next: NextFunction) => {`,
      '  try {',
      `    const result = await ${camel(noun)}Service.${rng.pick(['load', 'sync', 'validate', 'archive', 'export'])}${pascal(noun)}(${verb === 'post' ? 'req.body' : 'req.params.id'}, req.user?.id ?? 'system');`,
      `    res.status(${verb === 'post' ? 201 : 200}).json({ success: true, data: result });`,
      '  } catch (error) {',
      '    next(error);',
      '  }',
      '});',
      '',
    );
  }
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Services (business logic, half of them with SQL)
// ---------------------------------------------------------------------------------------------

export function serviceFile(ctx: FileContext, withSql: boolean): Doc {
  const { rng, service } = ctx;
  const doc = new Doc();
  const table = ctx.table;
  const noun = table ? entityName(table) : pascal(rng.pick(['patient', 'report', 'summary', 'sync']));
  const cls = ctx.file.split('/').pop()!.replace(/\.ts$/, '');
  doc.push(
    "import axios from 'axios';",
    "import { logger } from '../utils/logger';",
    "import { AppError } from '../utils/errors';",
    "import { env } from '../config/env';",
  );
  if (withSql || ctx.plants.length > 0) doc.push(...ormImports(service, 'class'));
  doc.push('');
  doc.push(...plantPrelude(ctx.plants, 'class'));
  doc.push(`/** ${noun} workflows: validation, persistence and notifications to other services over HTTP. */`, `export class ${cls} {`);
  doc.push('  private readonly cache = new Map<string, { value: unknown; expires: number }>();', '');
  doc.push(
    `  constructor(${withSql || ctx.plants.length > 0 ? `${runnerField(service)}, ` : ''}private readonly baseUrl = env.gatewayUrl) {}`,
    '',
  );
  const runner = runnerFor(service, 'class');
  for (const plant of ctx.plants) emitPlantMethod(doc, runner, plant, service, table, ctx.file, ctx.ledger);
  if (withSql && table) {
    const statements = rng.shuffle(statementsFor(rng, codeDialect(service), table, ownTables(service), table.name));
    for (const stmt of statements.slice(0, rng.int(2, 4))) {
      doc.push(
        `  async ${stmt.name}${noun}(${parameterList(stmt, `Record<string, any>`)}): Promise<unknown> {`,
        '    const started = Date.now();',
        '    try {',
      );
      const { firstSqlLine } = emitStatement(doc, '      ', runner, stmt, rng.chance(0.4) ? 'variable' : 'inline', true);
      if (rng.chance(0.3)) for (const i of stmt.ownJoinLines) joinDecoy(ctx, firstSqlLine + i);
      const id = stmt.params.includes('id') ? 'id' : "'batch'";
      doc.push(`      const id_ = ${id};`, '      void id_;');
      doc.push(stmt.reads ? '      return rows;' : '      return result;', '    } catch (error) {');
      doc.push(
        `      logger.error('${noun} ${stmt.name} failed', { error, ms: Date.now() - started });`,
        `      throw new AppError(500, '${noun} could not be ${stmt.reads ? 'loaded' : 'saved'}');`,
        '    }',
        '  }',
        '',
      );
    }
  }
  while (doc.bytes < ctx.target) {
    const verb = rng.pick(['load', 'sync', 'validate', 'archive', 'export', 'notify', 'reconcile']);
    const kind = rng.int(0, 2);
    if (kind === 0) {
      doc.push(
        `  async ${verb}${noun}(id: string, actor = 'system'): Promise<Record<string, unknown> | undefined> {`,
        '    const started = Date.now();',
        '    const cached = this.cache.get(id);',
        '    if (cached && cached.expires > Date.now()) return cached.value as Record<string, unknown>;',
      );
      logMessages(ctx, doc, '    ', noun.toLowerCase());
      doc.push(
        `    const response = await axios.get(\`\${this.baseUrl}/api/v1/${noun.toLowerCase()}s/\${encodeURIComponent(id)}\`, {`,
        `      timeout: ${rng.int(2, 15)}000,`,
        "      headers: { 'x-actor': actor },",
        '    });',
        '    if (response.status === 404) return undefined;',
        `    this.cache.set(id, { value: response.data, expires: Date.now() + ${rng.int(10, 300)}_000 });`,
        '    return response.data as Record<string, unknown>;',
        '  }',
        '',
      );
    } else if (kind === 1) {
      doc.push(
        `  ${verb}${noun}Totals(items: Array<{ amount?: number; quantity?: number; status?: string }>): { total: number; count: number; byStatus: Record<string, number> } {`,
        '    const byStatus: Record<string, number> = {};',
        '    let total = 0;',
        '    for (const item of items) {',
        '      const value = (item.amount ?? 0) * (item.quantity ?? 1);',
        '      total += Math.round(value * 100) / 100;',
        "      const key = item.status ?? 'unknown';",
        '      byStatus[key] = (byStatus[key] ?? 0) + 1;',
        '    }',
        '    return { total, count: items.length, byStatus };',
        '  }',
        '',
      );
    } else {
      doc.push(
        `  async ${verb}${noun}Batch(ids: string[]): Promise<{ ok: string[]; failed: string[] }> {`,
        '    const ok: string[] = [];',
        '    const failed: string[] = [];',
        `    for (const chunk of this.chunk(ids, ${rng.int(10, 100)})) {`,
        '      const results = await Promise.allSettled(chunk.map((id) => axios.post(`${this.baseUrl}/internal/sync`, { id })));',
        "      results.forEach((r, i) => (r.status === 'fulfilled' ? ok : failed).push(chunk[i]));",
        '    }',
        `    if (failed.length > 0) logger.warn('${noun} batch had failures', { failed: failed.length });`,
        '    return { ok, failed };',
        '  }',
        '',
      );
    }
  }
  doc.push(
    '  private chunk<T>(items: T[], size: number): T[][] {',
    '    const out: T[][] = [];',
    '    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));',
    '    return out;',
    '  }',
  );
  doc.push('}', '', `export const ${cls[0].toLowerCase()}${cls.slice(1)} = new ${cls}();`);
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Controllers, validators, types, utilities, middleware, events
// ---------------------------------------------------------------------------------------------

export function controllerFile(ctx: FileContext): Doc {
  const { rng } = ctx;
  const doc = new Doc();
  const noun = ctx.table ? entityName(ctx.table) : 'Record';
  doc.push(
    "import type { Request, Response, NextFunction } from 'express';",
    "import { z } from 'zod';",
    "import { logger } from '../utils/logger';",
    "import { AppError, NotFoundError } from '../utils/errors';",
    '',
  );
  doc.push(
    `const listQuery = z.object({ page: z.coerce.number().int().min(1).default(1), limit: z.coerce.number().int().max(100).default(20), q: z.string().optional() });`,
    '',
  );
  doc.push(
    `export class ${noun}Controller {`,
    `  constructor(private readonly service: { [method: string]: (...args: any[]) => Promise<unknown> }) {}`,
    '',
  );
  while (doc.bytes < ctx.target) {
    const action = rng.pick(['list', 'show', 'create', 'update', 'remove', 'export', 'approve', 'assign']);
    const method = `${action}${rng.int(1, 99)}`;
    doc.push(
      `  ${method} = async (req: Request, res: Response, next: NextFunction): Promise<void> => {`,
      '    const started = Date.now();',
      '    try {',
    );
    if (action === 'list' || action === 'export') {
      doc.push(
        '      const query = listQuery.parse(req.query);',
        `      const data = await this.service.${action}(query);`,
        "      res.setHeader('x-total-count', String(Array.isArray(data) ? data.length : 0));",
        '      res.json({ success: true, data, page: query.page });',
      );
    } else {
      const id = 'id';
      doc.push(
        `      const ${id} = req.params.id;`,
        `      if (!${id}) throw new AppError(400, 'id is required');`,
        `      const data = await this.service.${action}(${id}, req.body, req.user?.id);`,
      );
      if (rng.chance(0.3)) {
        const foreign = foreignTable(ctx);
        ctx.ledger.decoy(ctx.file, doc.nextLine, 'error message that reads like SQL');
        doc.push(`      if (!data) throw new NotFoundError('Select a record from ${foreign} first');`);
      } else {
        doc.push(`      if (!data) throw new NotFoundError('${noun} not found');`);
      }
      doc.push(`      res.status(${action === 'create' ? 201 : 200}).json({ success: true, data });`);
    }
    doc.push(
      '    } catch (error) {',
      `      logger.error('${noun} ${action} failed', { error, ms: Date.now() - started });`,
      '      next(error);',
      '    }',
      '  };',
      '',
    );
  }
  doc.push('}');
  return doc;
}

export function validatorFile(ctx: FileContext): Doc {
  const { rng } = ctx;
  const doc = new Doc();
  const table = ctx.table ?? ownTables(ctx.service)[0];
  doc.push("import Joi from 'joi';", "import { z } from 'zod';", '');
  let n = 0;
  while (doc.bytes < ctx.target) {
    const name = `${camel(singular(table?.name ?? 'record'))}${['Create', 'Update', 'Query', 'Bulk'][n % 4]}${n >= 4 ? n : ''}`;
    if (n % 2 === 0) {
      doc.push(`export const ${name}Schema = Joi.object({`);
      for (const c of table?.columns ?? [])
        doc.push(
          `  ${camel(c.name)}: Joi.${c.type === 'money' || c.type === 'int' ? 'number().min(0)' : c.type === 'bool' ? 'boolean()' : c.type === 'enum' ? `string().valid(${c.values!.map((v) => `'${v}'`).join(', ')})` : c.type === 'ts' || c.type === 'date' ? 'date().iso()' : 'string().max(255)'}${rng.chance(0.5) ? '.required()' : '.optional()'},`,
        );
      doc.push('}).options({ stripUnknown: true });', '');
    } else {
      doc.push(`export const ${name} = z.object({`);
      for (const c of table?.columns ?? [])
        doc.push(
          `  ${camel(c.name)}: z.${c.type === 'money' || c.type === 'int' ? 'number().nonnegative()' : c.type === 'bool' ? 'boolean()' : c.type === 'enum' ? `enum([${c.values!.map((v) => `'${v}'`).join(', ')}])` : 'string().min(1)'}${rng.chance(0.4) ? '.optional()' : ''},`,
        );
      doc.push('});', `export type ${pascal(name)} = z.infer<typeof ${name}>;`, '');
    }
    n++;
    if (!table) break;
  }
  return doc;
}

export function typesFile(ctx: FileContext): Doc {
  const doc = new Doc();
  const tables = ctx.table ? [ctx.table] : ownTables(ctx.service).slice(0, 2);
  for (const table of tables) {
    doc.push(`/** A row of ${table.name} as the driver returns it. */`, `export interface ${rowType(table)} {`, '  id: string;');
    for (const c of table.columns)
      doc.push(
        `  ${c.name}: ${c.type === 'money' || c.type === 'int' ? 'number' : c.type === 'bool' ? 'boolean' : c.type === 'ts' || c.type === 'date' ? 'Date | null' : c.type === 'json' ? 'Record<string, unknown>' : c.type === 'enum' ? c.values!.map((v) => `'${v}'`).join(' | ') : 'string | null'};`,
      );
    doc.push('  created_at: Date;', '}', '');
    doc.push(`export interface ${entityName(table)}Dto {`, '  id: string;');
    for (const c of dataColumns(table))
      doc.push(`  ${camel(c.name)}?: ${c.type === 'money' || c.type === 'int' ? 'number' : c.type === 'bool' ? 'boolean' : 'string'};`);
    doc.push('}', '');
  }
  while (doc.bytes < ctx.target) {
    const name = pascal(
      `${ctx.rng.pick(['page', 'filter', 'event', 'audit', 'sync'])}-${ctx.rng.pick(['options', 'result', 'payload', 'envelope'])}-${ctx.rng.int(1, 99)}`,
    );
    doc.push(
      `export interface ${name}<T = unknown> {`,
      '  items: T[];',
      '  total: number;',
      '  cursor?: string;',
      '  requestedBy: string;',
      '  at: string;',
      '}',
      '',
    );
  }
  return doc;
}

export function utilsFile(ctx: FileContext): Doc {
  const { rng } = ctx;
  const doc = new Doc();
  doc.push("import { createHash, randomUUID } from 'node:crypto';", '');
  while (doc.bytes < ctx.target) {
    const n = rng.int(1, 999);
    switch (rng.int(0, 3)) {
      case 0:
        doc.push(
          `export function fingerprint${n}(parts: Array<string | number | undefined>): string {`,
          "  return createHash('sha256').update(parts.filter((p) => p !== undefined).join('|')).digest('hex').slice(0, 16);",
          '}',
          '',
        );
        break;
      case 1:
        doc.push(
          `export function paginate${n}<T>(items: T[], page = 1, limit = 20): { data: T[]; page: number; pages: number } {`,
          '  const pages = Math.max(1, Math.ceil(items.length / limit));',
          '  const current = Math.min(Math.max(1, page), pages);',
          '  return { data: items.slice((current - 1) * limit, current * limit), page: current, pages };',
          '}',
          '',
        );
        break;
      case 2:
        doc.push(
          `export function toSnakeCase${n}(input: Record<string, unknown>): Record<string, unknown> {`,
          '  const out: Record<string, unknown> = {};',
          "  for (const [key, value] of Object.entries(input)) out[key.replace(/([A-Z])/g, '_$1').toLowerCase()] = value;",
          '  return out;',
          '}',
          '',
        );
        break;
      default:
        doc.push(
          `export const newReference${n} = (prefix: string): string => \`\${prefix}-\${new Date().getFullYear()}-\${randomUUID().slice(0, 8).toUpperCase()}\`;`,
          '',
        );
    }
  }
  return doc;
}

export function middlewareFile(ctx: FileContext): Doc {
  const doc = new Doc();
  doc.push(
    "import type { Request, Response, NextFunction } from 'express';",
    "import jwt from 'jsonwebtoken';",
    "import { env } from '../config/env';",
    "import { logger } from '../utils/logger';",
    '',
  );
  doc.push(
    'export function authenticate(req: Request, res: Response, next: NextFunction): void {',
    "  const header = req.headers.authorization ?? '';",
    "  const token = header.startsWith('Bearer ') ? header.slice(7) : undefined;",
    '  if (!token) {',
    "    res.status(401).json({ success: false, error: 'Authentication required' });",
    '    return;',
    '  }',
    '  try {',
    "    req.user = jwt.verify(token, env.jwtSecret) as Request['user'];",
    '    next();',
    '  } catch (error) {',
    "    logger.warn('Invalid token', { error: (error as Error).message });",
    "    res.status(401).json({ success: false, error: 'Invalid or expired token' });",
    '  }',
    '}',
    '',
    'export const requireRole = (...roles: string[]) => (req: Request, res: Response, next: NextFunction): void => {',
    '  if (!req.user || !roles.some((r) => req.user!.roles?.includes(r))) {',
    "    res.status(403).json({ success: false, error: 'Forbidden' });",
    '    return;',
    '  }',
    '  next();',
    '};',
    '',
  );
  while (doc.bytes < ctx.target) {
    const n = ctx.rng.int(1, 999);
    doc.push(
      `export function rateLimit${n}(limit = ${ctx.rng.int(50, 500)}, windowMs = 60_000) {`,
      '  const hits = new Map<string, { count: number; resetAt: number }>();',
      '  return (req: Request, res: Response, next: NextFunction): void => {',
      "    const key = req.ip ?? 'unknown';",
      '    const now = Date.now();',
      '    const entry = hits.get(key);',
      '    if (!entry || entry.resetAt < now) hits.set(key, { count: 1, resetAt: now + windowMs });',
      '    else if (++entry.count > limit) {',
      "      res.status(429).json({ success: false, error: 'Too many requests' });",
      '      return;',
      '    }',
      '    next();',
      '  };',
      '}',
      '',
    );
  }
  return doc;
}

export function jobFile(ctx: FileContext, withSql: boolean): Doc {
  const { rng, service } = ctx;
  const doc = new Doc();
  const table = ctx.table;
  doc.push("import cron from 'node-cron';", "import { logger } from '../utils/logger';");
  if (withSql && table) doc.push(...ormImports(service, 'module'));
  doc.push('');
  const runner = runnerFor(service, 'module');
  const name = camel(
    ctx.file
      .split('/')
      .pop()!
      .replace(/\.(job|handler)\.ts$/, ''),
  );
  doc.push(`export async function ${name}(): Promise<void> {`, '  const started = Date.now();');
  if (withSql && table) {
    const stmts = statementsFor(rng, codeDialect(service), table, ownTables(service), table.name).filter(
      (s) => s.name.endsWith('Report') || s.name === 'purgeDeleted',
    );
    for (const stmt of stmts) {
      for (const p of [...new Set(stmt.params)])
        doc.push(
          `  const ${p} = ${/days|retention|count/i.test(p) ? rng.int(7, 365) : `'${rng.pick(['pending', 'active', 'cancelled'])}'`};`,
        );
      emitStatement(doc, '  ', runner, { ...stmt, reads: stmt.reads }, 'variable', true);
      if (stmt.reads) doc.push("  logger.info('report rows', { rows: (rows as unknown[]).length });");
      doc.push('');
      // Two statements in one function: rename the second `sql` and `rows`.
      break;
    }
  } else {
    doc.push(
      "  const queue = await fetch(process.env.QUEUE_URL ?? 'http://queue:8080/jobs').then((r) => r.json() as Promise<unknown[]>);",
      "  logger.info('jobs pulled', { count: queue.length });",
    );
  }
  doc.push("  logger.info('job finished', { ms: Date.now() - started });", '}', '');
  doc.push(
    `cron.schedule('${rng.int(0, 59)} ${rng.int(0, 23)} * * *', () => {`,
    `  ${name}().catch((error) => logger.error('${name} failed', { error }));`,
    '});',
    '',
  );
  while (doc.bytes < ctx.target) {
    doc.push(
      `export function next${pascal(name)}Run${rng.int(1, 99)}(from = new Date()): Date {`,
      '  const next = new Date(from);',
      `  next.setUTCHours(${rng.int(0, 23)}, 0, 0, 0);`,
      '  if (next <= from) next.setUTCDate(next.getUTCDate() + 1);',
      '  return next;',
      '}',
      '',
    );
  }
  return doc;
}

export function eventsFile(ctx: FileContext): Doc {
  const { rng } = ctx;
  const doc = new Doc();
  const noun = ctx.table ? singular(ctx.table.name) : 'record';
  doc.push(
    "import { EventEmitter } from 'node:events';",
    "import { logger } from '../utils/logger';",
    '',
    'export const bus = new EventEmitter();',
    '',
  );
  while (doc.bytes < ctx.target) {
    const event = `${ctx.service.name.replace(/-service$/, '')}.${noun}.${rng.pick(['created', 'updated', 'cancelled', 'archived', 'synced'])}`;
    doc.push(
      `bus.on('${event}', async (payload: { id: string; actor?: string; at?: string }) => {`,
      '  try {',
      `    logger.info('${event}', { id: payload.id, actor: payload.actor ?? 'system' });`,
      `    await fetch(\`\${process.env.WEBHOOK_URL ?? 'http://localhost:9000'}/events\`, { method: 'POST', body: JSON.stringify({ type: '${event}', ...payload }) });`,
      '  } catch (error) {',
      `    logger.error('${event} delivery failed', { error });`,
      '  }',
      '});',
      '',
    );
  }
  return doc;
}

/** A unit test: mocks the driver, asserts the SQL it receives (own tables only), and a mock secret. */
export function testFile(ctx: FileContext): Doc {
  const { rng } = ctx;
  const doc = new Doc();
  const table = ctx.table ?? ownTables(ctx.service)[0];
  const entity = table ? entityName(table) : 'Health';
  doc.push("import { describe, it, expect, vi, beforeEach } from 'vitest';", '');
  doc.push('const query = vi.fn();', '');
  ctx.ledger.decoy(ctx.file, doc.nextLine + 1, 'mock credential in a test');
  doc.push(
    "vi.mock('../src/config/env', () => ({",
    "  env: { jwtSecret: 'test-secret-not-real', clientSecret: 'mock_secret' },",
    '}));',
    '',
  );
  doc.push(`describe('${entity}', () => {`, '  beforeEach(() => query.mockReset());', '');
  while (doc.bytes < ctx.target) {
    const n = rng.int(1, 999);
    if (table && rng.chance(0.6)) {
      doc.push(
        `  it('reads ${table.name} by id (${n})', async () => {`,
        "    query.mockResolvedValueOnce([[{ id: 'a1' }]]);",
        `    await query('SELECT * FROM ${table.name} WHERE id = ?', ['a1']);`,
        `    expect(query).toHaveBeenCalledWith(expect.stringContaining('${table.name}'), ['a1']);`,
        '  });',
        '',
      );
    } else {
      doc.push(
        `  it('computes totals (${n})', () => {`,
        `    const items = [{ amount: ${rng.int(1, 99)}, quantity: 2 }, { amount: 5, quantity: 1 }];`,
        '    const total = items.reduce((sum, i) => sum + i.amount * i.quantity, 0);',
        '    expect(total).toBeGreaterThan(0);',
        '  });',
        '',
      );
    }
  }
  doc.push('});');
  return doc;
}

export function sharedLibraryFile(ctx: FileContext): Doc {
  const doc = new Doc();
  doc.push("import type { Request, Response, NextFunction } from 'express';", '');
  doc.push(
    '/** Correlation ids across services; every service mounts this first. */',
    'export function correlationId(req: Request, res: Response, next: NextFunction): void {',
    "  const id = req.header('x-correlation-id') ?? crypto.randomUUID();",
    "  res.setHeader('x-correlation-id', id);",
    '  next();',
    '}',
    '',
  );
  while (doc.bytes < ctx.target) {
    const n = ctx.rng.int(1, 999);
    doc.push(
      `export function formatMoney${n}(amount: number, currency = 'SDG'): string {`,
      "  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);",
      '}',
      '',
    );
  }
  return doc;
}

/** The project's generic touch helper: its table is a run-time argument, never a reference. */
export function genericHelperFile(ctx: FileContext): Doc {
  const doc = new Doc();
  doc.push("import type { Pool } from 'mysql2/promise';", '', "const ALLOWED = new Set(['audit_events', 'sync_state', 'job_runs']);", '');
  doc.push(
    'export async function touch(pool: Pool, tableName: string, id: string): Promise<void> {',
    '  if (!ALLOWED.has(tableName)) throw new Error(`table ${tableName} is not allowed`);',
  );
  ctx.ledger.decoy(ctx.file, doc.nextLine, 'unresolved table hole in a generic helper');
  doc.push('  await pool.execute(`UPDATE \\`${tableName}\\` SET updated_at = NOW() WHERE id = ?`, [id]);', '}', '');
  return doc;
}
