/**
 * Deterministic generator of a realistic microservice monorepo for the benchmark.
 *
 * Shape (see /work/shared/REAL-CODE-PATTERNS.md): services/<name>/ with a package.json
 * (mysql2 or pg), a `.env.example` naming the service's database, `src/` files of
 * realistic size (2–8 KB typical) where most files have no SQL at all, repositories with
 * embedded SQL (`execute`/`query`/`raw`/`sql```, multi-line templates, `?`/`$1`, `${TABLE}`
 * constants, SQL built in a variable), SQL migrations (CREATE/ALTER TABLE, foreign keys,
 * MySQL DELIMITER procedures, PostgreSQL plpgsql functions), a config, decoy `dist/` and
 * `node_modules/` folders holding copies of violating code (must be skipped), and a
 * manifest of planted violations with their exact file and line.
 *
 * Same seed and size → byte-identical tree.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type PlantKind =
  | 'cross-query-template'
  | 'cross-query-string'
  | 'cross-query-variable'
  | 'cross-query-tagged'
  | 'cross-fk-create'
  | 'cross-fk-alter'
  | 'env-password-default';

export interface PlantedViolation {
  kind: PlantKind;
  /** Rule expected to report it; `null` when the kind has no rule id fixed yet (looked up at check time). */
  ruleId: string | null;
  file: string;
  line: number;
  /** The foreign table or env key, for messages. */
  subject: string;
}

export interface GeneratedRepo {
  root: string;
  services: number;
  tsFiles: number;
  sqlFiles: number;
  otherFiles: number;
  decoyFiles: number;
  bytes: number;
  /** Bytes of the files the linter is expected to read (decoys excluded). */
  lintedBytes: number;
  planted: PlantedViolation[];
  /** Script files (linted ones only), for the floor and ESLint. */
  scriptFiles: string[];
}

// ---------------------------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------------------------

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32 */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
  /** Log-normal-ish size in [min, max] around `median`. */
  size(median: number, min: number, max: number): number {
    const u = this.next() + this.next() + this.next() - 1.5; // ≈ normal(0, 0.5)
    return Math.max(min, Math.min(max, Math.round(median * Math.exp(u * 0.9))));
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

const DOMAINS = [
  'auth',
  'billing',
  'payment',
  'clinical',
  'pharmacy',
  'lab',
  'imaging',
  'scheduling',
  'inventory',
  'notification',
  'referral',
  'insurance',
  'claims',
  'triage',
  'ward',
  'admission',
  'discharge',
  'consent',
  'audit',
  'reporting',
  'messaging',
  'document',
  'vitals',
  'allergy',
  'immunization',
  'nutrition',
  'radiology',
  'surgery',
  'oncology',
  'dental',
  'maternity',
  'pediatrics',
  'telehealth',
  'analytics',
  'identity',
  'catalog',
  'pricing',
  'shipping',
  'procurement',
  'staff',
  'roster',
  'payroll',
  'facility',
  'device',
  'ambulance',
  'bloodbank',
  'feedback',
  'survey',
  'search',
  'gateway',
];
const QUALIFIERS = ['', 'core', 'ext', 'edge', 'sync', 'batch', 'ops', 'hub', 'v2', 'legacy', 'portal', 'worker'];
const ENTITIES = [
  'orders',
  'items',
  'events',
  'records',
  'settings',
  'accounts',
  'sessions',
  'tokens',
  'requests',
  'results',
  'schedules',
  'slots',
  'notes',
  'attachments',
  'comments',
  'versions',
  'batches',
  'jobs',
  'queues',
  'rules',
  'templates',
  'mappings',
  'profiles',
  'contacts',
  'addresses',
  'transactions',
  'ledgers',
  'limits',
  'quotas',
  'tags',
];
const COLUMNS = [
  'status',
  'code',
  'title',
  'description',
  'amount',
  'currency',
  'quantity',
  'priority',
  'category',
  'source',
  'external_ref',
  'created_by',
  'updated_by',
  'notes',
  'payload',
  'version',
  'started_at',
  'finished_at',
  'due_at',
  'score',
];
const NOUNS = [
  'order',
  'item',
  'record',
  'event',
  'request',
  'result',
  'session',
  'profile',
  'account',
  'batch',
  'job',
  'note',
  'schedule',
  'slot',
  'template',
];
const VERBS = [
  'load',
  'fetch',
  'resolve',
  'build',
  'compute',
  'validate',
  'normalize',
  'transform',
  'merge',
  'dispatch',
  'enqueue',
  'sync',
  'refresh',
  'archive',
  'render',
];
const LOG_MESSAGES = [
  'Selected %s items from cache',
  'Could not update %s status, retrying',
  'Failed to delete %s from the queue',
  'Received %s from upstream',
  'Insert into outbox skipped for %s',
  'Processing %s took too long',
  'Unexpected %s payload shape',
  'Created %s for tenant',
];

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const camel = (s: string) => s.replace(/[_-]([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (s: string) => cap(camel(s));
const singular = (s: string) =>
  s.endsWith('ies') ? `${s.slice(0, -3)}y` : s.endsWith('sses') ? s.slice(0, -2) : s.endsWith('s') ? s.slice(0, -1) : s;

// ---------------------------------------------------------------------------------------------
// Service model
// ---------------------------------------------------------------------------------------------

interface Table {
  name: string;
  entity: string;
  columns: string[];
}

interface ServiceSpec {
  name: string;
  root: string;
  prefix: string;
  dialect: 'mysql' | 'postgresql';
  database: string;
  tables: Table[];
  tsFiles: number;
}

function makeServices(rng: Rng, count: number, totalTsFiles: number): ServiceSpec[] {
  const names = new Set<string>();
  const services: ServiceSpec[] = [];
  let i = 0;
  while (services.length < count) {
    const domain = DOMAINS[i % DOMAINS.length];
    const qualifier = i < DOMAINS.length ? '' : QUALIFIERS[1 + ((Math.floor(i / DOMAINS.length) - 1) % (QUALIFIERS.length - 1))];
    i++;
    const base = qualifier ? `${domain}-${qualifier}` : domain;
    if (names.has(base)) continue;
    names.add(base);
    const prefix = `${base.replace(/-/g, '_')}_`;
    const entities = rng.shuffle([...ENTITIES]).slice(0, rng.int(4, 9));
    const tables = entities.map((entity) => ({
      name: `${prefix}${entity}`,
      entity,
      columns: rng.shuffle([...COLUMNS]).slice(0, rng.int(4, 8)),
    }));
    services.push({
      name: `${base}-service`,
      root: `services/${base}-service`,
      prefix,
      dialect: rng.chance(0.5) ? 'mysql' : 'postgresql',
      database: `${base.replace(/-/g, '_')}_db`,
      tables,
      tsFiles: 0,
    });
  }
  // Uneven service sizes: a few big services, many small ones; totals exactly `totalTsFiles`.
  const weights = services.map(() => 0.3 + rng.next() * rng.next() * 3);
  const sum = weights.reduce((a, b) => a + b, 0);
  let assigned = 0;
  services.forEach((s, index) => {
    s.tsFiles = Math.max(8, Math.floor((weights[index] / sum) * totalTsFiles));
    assigned += s.tsFiles;
  });
  let k = 0;
  while (assigned < totalTsFiles) {
    services[k++ % services.length].tsFiles++;
    assigned++;
  }
  while (assigned > totalTsFiles) {
    const s = services[k++ % services.length];
    if (s.tsFiles > 8) {
      s.tsFiles--;
      assigned--;
    }
  }
  return services;
}

// ---------------------------------------------------------------------------------------------
// Text builder that knows its line numbers
// ---------------------------------------------------------------------------------------------

class Doc {
  readonly lines: string[] = [];
  bytes = 0;
  push(...lines: string[]): void {
    for (const line of lines) {
      this.lines.push(line);
      this.bytes += line.length + 1;
    }
  }
  /** 1-based number of the next line pushed. */
  get nextLine(): number {
    return this.lines.length + 1;
  }
  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

// ---------------------------------------------------------------------------------------------
// TypeScript content without SQL
// ---------------------------------------------------------------------------------------------

const IMPORT_POOL = [
  "import { Router, type Request, type Response, type NextFunction } from 'express';",
  "import { z } from 'zod';",
  "import { randomUUID } from 'node:crypto';",
  "import { logger } from '../utils/logger.js';",
  "import { AppError, NotFoundError } from '../utils/errors.js';",
  "import { config } from '../config/index.js';",
  "import { authenticate, requireRole } from '../middleware/auth.js';",
  "import { paginate, type Page } from '../utils/pagination.js';",
  "import { EventBus } from '../events/bus.js';",
  "import axios from 'axios';",
  "import dayjs from 'dayjs';",
  "import { Counter, Histogram } from 'prom-client';",
  "import type { Redis } from 'ioredis';",
];

function imports(rng: Rng, doc: Doc): void {
  for (const line of rng.shuffle([...IMPORT_POOL]).slice(0, rng.int(3, 8))) doc.push(line);
  doc.push('');
}

function interfaceBlock(rng: Rng, doc: Doc, name: string): void {
  doc.push(`/** ${cap(name)} as exchanged with clients and other services. */`, `export interface ${pascal(name)}Dto {`);
  const fields = rng.shuffle([...COLUMNS]).slice(0, rng.int(4, 9));
  doc.push('  id: string;');
  for (const f of fields)
    doc.push(
      `  ${camel(f)}${rng.chance(0.3) ? '?' : ''}: ${rng.pick(['string', 'number', 'boolean', 'Date', 'string | null', 'Record<string, unknown>'])};`,
    );
  doc.push('}', '');
  if (rng.chance(0.5)) {
    doc.push(`export const ${camel(name)}Schema = z.object({`);
    for (const f of fields.slice(0, 4))
      doc.push(`  ${camel(f)}: z.${rng.pick(['string().min(1)', 'number().int().nonnegative()', 'boolean()', 'string().optional()'])},`);
    doc.push('});', '');
  }
}

function enumBlock(rng: Rng, doc: Doc, name: string): void {
  doc.push(`export enum ${pascal(name)}Status {`);
  for (const v of rng.shuffle(['Pending', 'Active', 'Suspended', 'Completed', 'Cancelled', 'Failed', 'Archived']).slice(0, rng.int(3, 6))) {
    doc.push(`  ${v} = '${v.toUpperCase()}',`);
  }
  doc.push('}', '');
}

function utilFunction(rng: Rng, doc: Doc): void {
  const verb = rng.pick(VERBS);
  const noun = rng.pick(NOUNS);
  const fn = `${verb}${pascal(noun)}${rng.int(1, 99)}`;
  switch (rng.int(0, 4)) {
    case 0:
      doc.push(
        `export function ${fn}(values: ReadonlyArray<{ id: string; score?: number }>, limit = ${rng.int(5, 100)}): string[] {`,
        '  return values',
        '    .filter((v) => (v.score ?? 0) > 0)',
        '    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0))',
        '    .slice(0, limit)',
        '    .map((v) => v.id);',
        '}',
        '',
      );
      break;
    case 1:
      doc.push(
        `export async function ${fn}<T>(task: () => Promise<T>, attempts = ${rng.int(2, 5)}): Promise<T> {`,
        '  let lastError: unknown;',
        '  for (let attempt = 1; attempt <= attempts; attempt++) {',
        '    try {',
        '      return await task();',
        '    } catch (error) {',
        '      lastError = error;',
        `      logger.warn({ attempt, error }, '${rng.pick(LOG_MESSAGES).replace('%s', noun)}');`,
        `      await new Promise((resolve) => setTimeout(resolve, ${rng.int(50, 500)} * attempt));`,
        '    }',
        '  }',
        '  throw lastError;',
        '}',
        '',
      );
      break;
    case 2:
      doc.push(
        `export function ${fn}(input: Record<string, unknown>): Record<string, string> {`,
        '  const out: Record<string, string> = {};',
        '  for (const [key, value] of Object.entries(input)) {',
        '    if (value === undefined || value === null) continue;',
        "    out[key.replace(/([A-Z])/g, '_$1').toLowerCase()] = typeof value === 'object' ? JSON.stringify(value) : String(value);",
        '  }',
        '  return out;',
        '}',
        '',
      );
      break;
    case 3:
      doc.push(
        `export function ${fn}(date: Date | string, days = ${rng.int(1, 30)}): { from: string; to: string } {`,
        "  const start = dayjs(date).startOf('day');",
        '  return {',
        "    from: start.format('YYYY-MM-DD'),",
        "    to: start.add(days, 'day').format('YYYY-MM-DD'),",
        '  };',
        '}',
        '',
      );
      break;
    default:
      doc.push(
        `export const ${fn} = (amount: number, currency = '${rng.pick(['USD', 'EUR', 'KES', 'EGP', 'SDG'])}'): string =>`,
        `  new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: ${rng.int(0, 2)} }).format(amount);`,
        '',
      );
  }
}

function classBlock(rng: Rng, doc: Doc, name: string, targetBytes: number): void {
  const cls = `${pascal(name)}${rng.pick(['Service', 'Manager', 'Handler', 'Coordinator', 'Client'])}`;
  doc.push(
    `/**`,
    ` * ${cap(rng.pick(VERBS))}s ${name} data for the ${rng.pick(DOMAINS)} workflow.`,
    ` * Keeps no state between calls apart from the in-memory cache.`,
    ` */`,
    `export class ${cls} {`,
    `  private readonly cache = new Map<string, { value: unknown; expires: number }>();`,
    `  private readonly ttlMs = ${rng.int(1, 60)} * 1000;`,
    '',
    `  constructor(`,
    `    private readonly bus: EventBus,`,
    `    private readonly baseUrl = config.services.${camel(rng.pick(DOMAINS))}Url,`,
    `  ) {}`,
    '',
  );
  while (doc.bytes < targetBytes) {
    const noun = rng.pick(NOUNS);
    const method = `${rng.pick(VERBS)}${pascal(noun)}`;
    switch (rng.int(0, 3)) {
      case 0:
        doc.push(
          `  async ${method}(id: string): Promise<${pascal(noun)}Dto | undefined> {`,
          '    const cached = this.cache.get(id);',
          '    if (cached && cached.expires > Date.now()) return cached.value as never;',
          `    const response = await axios.get(\`\${this.baseUrl}/api/v1/${noun}s/\${encodeURIComponent(id)}\`, { timeout: ${rng.int(1000, 10000)} });`,
          `    if (response.status === 404) return undefined;`,
          '    this.cache.set(id, { value: response.data, expires: Date.now() + this.ttlMs });',
          '    return response.data;',
          '  }',
          '',
        );
        break;
      case 1:
        doc.push(
          `  async ${method}(payload: Partial<${pascal(noun)}Dto>, actor: string): Promise<void> {`,
          `    const parsed = ${camel(noun)}Schema.safeParse(payload);`,
          '    if (!parsed.success) {',
          `      throw new AppError(400, 'Invalid ${noun}: ' + parsed.error.issues.map((i) => i.message).join(', '));`,
          '    }',
          `    logger.info({ actor, ${camel(noun)}: payload.id }, '${rng.pick(LOG_MESSAGES).replace('%s', noun)}');`,
          `    await this.bus.publish('${name}.${noun}.${rng.pick(['created', 'updated', 'deleted', 'synced'])}', { ...parsed.data, actor, at: new Date().toISOString() });`,
          '    this.cache.delete(String(payload.id));',
          '  }',
          '',
        );
        break;
      case 2:
        doc.push(
          `  ${method}(items: ${pascal(noun)}Dto[]): Map<string, ${pascal(noun)}Dto[]> {`,
          `    const groups = new Map<string, ${pascal(noun)}Dto[]>();`,
          '    for (const item of items) {',
          `      const key = String((item as unknown as Record<string, unknown>).${camel(rng.pick(COLUMNS))} ?? 'unknown');`,
          '      const list = groups.get(key) ?? [];',
          '      list.push(item);',
          '      groups.set(key, list);',
          '    }',
          '    return groups;',
          '  }',
          '',
        );
        break;
      default:
        doc.push(
          `  private ${method}State(status: string): '${rng.pick(['open', 'ready'])}' | 'closed' | 'unknown' {`,
          '    switch (status.toUpperCase()) {',
          "      case 'PENDING':",
          "      case 'ACTIVE':",
          `        return '${rng.pick(['open', 'ready'])}' as never;`,
          "      case 'COMPLETED':",
          "      case 'CANCELLED':",
          "        return 'closed';",
          '      default:',
          "        return 'unknown';",
          '    }',
          '  }',
          '',
        );
    }
  }
  doc.push('}', '');
}

function routesBlock(rng: Rng, doc: Doc, name: string, targetBytes: number): void {
  doc.push('export const router = Router();', '');
  while (doc.bytes < targetBytes) {
    const noun = rng.pick(NOUNS);
    const verb = rng.pick(['get', 'post', 'put', 'patch', 'delete'] as const);
    doc.push(
      `router.${verb}('/${name}/${noun}s${verb === 'post' ? '' : '/:id'}', authenticate, requireRole('${rng.pick(['admin', 'clinician', 'staff', 'service'])}'), async (req: Request, res: Response, next: NextFunction) => {`,
      '  try {',
      `    const started = Date.now();`,
      verb === 'get'
        ? `    const result = await ${camel(name)}Service.${rng.pick(VERBS)}${pascal(noun)}(req.params.id);`
        : `    const result = await ${camel(name)}Service.${rng.pick(VERBS)}${pascal(noun)}(req.body, req.user?.id ?? 'anonymous');`,
      `    if (!result && ${verb === 'get' ? 'true' : 'false'}) throw new NotFoundError('${noun} not found');`,
      `    logger.debug({ ms: Date.now() - started, route: req.originalUrl }, 'handled');`,
      `    res.status(${verb === 'post' ? 201 : verb === 'delete' ? 204 : 200}).json({ success: true, data: result ?? null });`,
      '  } catch (error) {',
      '    next(error);',
      '  }',
      '});',
      '',
    );
  }
}

/** A TypeScript file of about `target` bytes without any SQL. */
function plainTsFile(rng: Rng, service: ServiceSpec, kind: string, target: number): Doc {
  const doc = new Doc();
  const name = singular(rng.pick(service.tables).entity);
  if (rng.chance(0.6)) doc.push(`// ${service.name}: ${kind} for ${name}s`, '');
  imports(rng, doc);
  if (kind === 'routes') {
    routesBlock(rng, doc, name, target);
    return doc;
  }
  if (kind === 'types' || rng.chance(0.4)) interfaceBlock(rng, doc, name);
  if (rng.chance(0.3)) enumBlock(rng, doc, name);
  if (kind === 'utils') {
    while (doc.bytes < target) utilFunction(rng, doc);
    return doc;
  }
  if (kind === 'types') {
    while (doc.bytes < target) {
      interfaceBlock(rng, doc, rng.pick(NOUNS));
      if (rng.chance(0.3)) enumBlock(rng, doc, rng.pick(NOUNS));
    }
    return doc;
  }
  if (rng.chance(0.5)) utilFunction(rng, doc);
  classBlock(rng, doc, name, target);
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Repositories with embedded SQL
// ---------------------------------------------------------------------------------------------

interface PlantRequest {
  kind: PlantKind;
  foreign: Table;
}

function ph(service: ServiceSpec, n: number): string {
  return service.dialect === 'mysql' ? '?' : `$${n}`;
}

function repositoryFile(
  rng: Rng,
  service: ServiceSpec,
  table: Table,
  target: number,
  plants: PlantRequest[],
  file: string,
  out: PlantedViolation[],
): Doc {
  const doc = new Doc();
  const entity = pascal(singular(table.entity));
  const constName = `${table.entity.toUpperCase()}_TABLE`;
  const mysql = service.dialect === 'mysql';
  const other = service.tables.find((t) => t !== table) ?? table;
  if (plants.some((p) => p.kind === 'cross-query-tagged')) doc.push("import { sql } from '../db/sql.js';");
  if (mysql) doc.push("import type { Pool, RowDataPacket, ResultSetHeader } from 'mysql2/promise';");
  else doc.push("import type { Pool } from 'pg';");
  doc.push("import { logger } from '../utils/logger.js';", "import { pool } from '../config/database.js';", '');
  doc.push(`const ${constName} = '${table.name}';`, '');
  doc.push(`export interface ${entity}Row {`, '  id: string;');
  for (const c of table.columns)
    doc.push(`  ${c}: ${c.endsWith('_at') ? 'Date | null' : c === 'amount' || c === 'quantity' || c === 'score' ? 'number' : 'string'};`);
  doc.push('  created_at: Date;', '}', '');
  doc.push(
    `export class ${entity}Repository {`,
    `  private readonly tableName = '${table.name}';`,
    '',
    `  constructor(private readonly db: Pool = pool) {}`,
    '',
  );
  const cols = table.columns;
  const rows = mysql ? 'const [rows]' : 'const { rows }';
  const call = mysql ? 'execute' : 'query';

  const methods: Array<() => void> = [
    () => {
      doc.push(
        `  async findById(id: string): Promise<${entity}Row | null> {`,
        `    ${rows} = await this.db.${call}${mysql ? '<RowDataPacket[]>' : ''}(`,
        `      \`SELECT t.id, ${cols
          .slice(0, 3)
          .map((c) => `t.${c}`)
          .join(', ')}, t.created_at`,
        `         FROM ${table.name} t`,
        `        WHERE t.id = ${ph(service, 1)}`,
        `          AND t.deleted_at IS NULL\`,`,
        '      [id],',
        '    );',
        `    return (rows[0] as ${entity}Row | undefined) ?? null;`,
        '  }',
        '',
      );
    },
    () => {
      doc.push(
        `  async list(filter: { ${camel(cols[0])}?: string; limit?: number }): Promise<${entity}Row[]> {`,
        `    let sql = \`SELECT * FROM \${${constName}} WHERE 1 = 1\`;`,
        '    const params: unknown[] = [];',
        `    if (filter.${camel(cols[0])}) {`,
        `      sql += ' AND ${cols[0]} = ${mysql ? '?' : "$' + (params.length + 1) + '"}';`,
        `      params.push(filter.${camel(cols[0])});`,
        '    }',
        `    sql += ' ORDER BY created_at DESC LIMIT ${rng.int(20, 500)}';`,
        `    ${rows} = await this.db.${call}(sql, params);`,
        `    return rows as ${entity}Row[];`,
        '  }',
        '',
      );
    },
    () => {
      const names = ['id', ...cols.slice(0, 4)];
      doc.push(
        `  async create(row: Omit<${entity}Row, 'created_at'>): Promise<void> {`,
        `    await this.db.${call}(`,
        `      \`INSERT INTO \${this.tableName} (${names.join(', ')})`,
        `       VALUES (${names.map((_, i) => ph(service, i + 1)).join(', ')})\`,`,
        `      [${names.map((n) => `row.${n}`).join(', ')}],`,
        '    );',
        `    logger.info({ id: row.id }, '${entity} created');`,
        '  }',
        '',
      );
    },
    () => {
      doc.push(
        `  async update${pascal(cols[1])}(id: string, value: string): Promise<boolean> {`,
        `    const result = await this.db.${call}(`,
        `      'UPDATE ${table.name} SET ${cols[1]} = ${ph(service, 1)}, updated_at = ${mysql ? 'NOW()' : 'now()'} WHERE id = ${ph(service, 2)}',`,
        '      [value, id],',
        '    );',
        mysql ? '    return (result[0] as ResultSetHeader).affectedRows > 0;' : '    return (result.rowCount ?? 0) > 0;',
        '  }',
        '',
      );
    },
    () => {
      doc.push(
        `  async withRelated(id: string): Promise<unknown[]> {`,
        `    ${rows} = await this.db.${call}(`,
        `      \`SELECT a.id, a.${cols[0]}, b.id AS related_id, b.${other.columns[0]}`,
        `         FROM ${table.name} a`,
        `         LEFT JOIN ${other.name} b ON b.id = a.id`,
        `        WHERE a.id = ${ph(service, 1)}`,
        `        ORDER BY b.created_at DESC\`,`,
        '      [id],',
        '    );',
        '    return rows as unknown[];',
        '  }',
        '',
      );
    },
    () => {
      doc.push(
        `  async purge(before: Date): Promise<void> {`,
        `    await this.db.${call}(\`DELETE FROM \${this.tableName} WHERE created_at < ${ph(service, 1)}\`, [before]);`,
        '  }',
        '',
      );
    },
    () => {
      doc.push(
        `  async countBy${pascal(cols[0])}(): Promise<Array<{ group_key: string; total: number }>> {`,
        `    const sql = \``,
        `      SELECT ${cols[0]} AS group_key, COUNT(*) AS total`,
        `        FROM ${table.name}`,
        `       GROUP BY ${cols[0]}`,
        `      HAVING COUNT(*) > ${ph(service, 1)}`,
        `    \`;`,
        `    ${rows} = await this.db.${call}(sql, [${rng.int(0, 5)}]);`,
        '    return rows as Array<{ group_key: string; total: number }>;',
        '  }',
        '',
      );
    },
  ];

  // Plants go in their own methods, each recording its line.
  const plantWriters: Record<string, (p: PlantRequest) => void> = {
    'cross-query-template': (p) => {
      doc.push(
        `  async enrich${pascal(singular(p.foreign.entity))}(id: string): Promise<unknown> {`,
        `    ${rows} = await this.db.${call}(`,
        `      \`SELECT x.id, x.${p.foreign.columns[0]}`,
      );
      out.push({ kind: p.kind, ruleId: 'no-cross-service-query', file, line: doc.nextLine, subject: p.foreign.name });
      doc.push(
        `         FROM ${p.foreign.name} x`,
        `        WHERE x.id = ${ph(service, 1)}\`,`,
        '      [id],',
        '    );',
        '    return rows[0];',
        '  }',
        '',
      );
    },
    'cross-query-string': (p) => {
      doc.push(`  async touch${pascal(singular(p.foreign.entity))}(id: string): Promise<void> {`);
      out.push({ kind: p.kind, ruleId: 'no-cross-service-query', file, line: doc.nextLine, subject: p.foreign.name });
      doc.push(
        `    await this.db.${call}('UPDATE ${p.foreign.name} SET ${p.foreign.columns[0]} = ${ph(service, 1)} WHERE id = ${ph(service, 2)}', ['synced', id]);`,
        '  }',
        '',
      );
    },
    'cross-query-variable': (p) => {
      doc.push(
        `  async copyFrom${pascal(singular(p.foreign.entity))}(id: string): Promise<void> {`,
        '    const sql = `',
        `      INSERT INTO ${table.name} (id, ${cols[0]})`,
        `      SELECT id, ${p.foreign.columns[0]}`,
      );
      out.push({ kind: p.kind, ruleId: 'no-cross-service-query', file, line: doc.nextLine, subject: p.foreign.name });
      doc.push(
        `        FROM ${p.foreign.name}`,
        `       WHERE id = ${ph(service, 1)}`,
        '    `;',
        `    await this.db.${call}(sql, [id]);`,
        '  }',
        '',
      );
    },
    'cross-query-tagged': (p) => {
      doc.push(`  async peek${pascal(singular(p.foreign.entity))}(id: string): Promise<unknown> {`, '    const result = await sql`');
      doc.push(`      SELECT id`);
      out.push({ kind: p.kind, ruleId: 'no-cross-service-query', file, line: doc.nextLine, subject: p.foreign.name });
      doc.push(`        FROM ${p.foreign.name}`, '       WHERE id = ${id}', '    `;', '    return result[0];', '  }', '');
    },
  };

  let m = 0;
  const order = rng.shuffle([...methods.keys()]);
  for (const plant of plants) plantWriters[plant.kind](plant);
  while (doc.bytes < target && m < order.length) methods[order[m++]]();
  if (doc.bytes < target) {
    // Non-SQL helpers round the file up to its size.
    doc.push(
      `  private map(row: Record<string, unknown>): ${entity}Row {`,
      '    return {',
      '      id: String(row.id),',
      ...cols.map((c) => `      ${c}: row.${c} as never,`),
      '      created_at: new Date(String(row.created_at)),',
      '    };',
      '  }',
      '',
    );
  }
  doc.push('}', '');
  while (doc.bytes < target) utilFunction(rng, doc);
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Config, env, migrations
// ---------------------------------------------------------------------------------------------

function databaseConfigFile(rng: Rng, service: ServiceSpec, plantPassword: boolean, file: string, out: PlantedViolation[]): Doc {
  const doc = new Doc();
  const mysql = service.dialect === 'mysql';
  doc.push(
    mysql ? "import mysql from 'mysql2/promise';" : "import { Pool } from 'pg';",
    "import { logger } from '../utils/logger.js';",
    '',
  );
  doc.push(`const port = parseInt(process.env.DB_PORT || '${mysql ? 3306 : 5432}', 10);`, '');
  doc.push(mysql ? 'export const pool = mysql.createPool({' : 'export const pool = new Pool({');
  doc.push(
    "  host: process.env.DB_HOST || 'localhost',",
    '  port,',
    `  ${mysql ? 'user' : 'user'}: process.env.DB_USER || '${service.prefix}app',`,
  );
  if (plantPassword)
    out.push({ kind: 'env-password-default', ruleId: 'no-unsafe-env-default', file, line: doc.nextLine, subject: 'DB_PASSWORD' });
  doc.push(plantPassword ? "  password: process.env.DB_PASSWORD || ''," : '  password: process.env.DB_PASSWORD,');
  doc.push(`  database: process.env.DB_NAME || '${service.database}',`);
  if (mysql) doc.push('  waitForConnections: true,', `  connectionLimit: ${rng.int(5, 30)},`, '  namedPlaceholders: false,');
  else doc.push(`  max: ${rng.int(5, 30)},`, `  idleTimeoutMillis: ${rng.int(10, 60)}000,`);
  doc.push('});', '');
  doc.push(
    'export async function checkDatabase(): Promise<boolean> {',
    '  try {',
    `    await pool.query('SELECT 1');`,
    '    return true;',
    '  } catch (error) {',
    "    logger.error({ error }, 'database unreachable');",
    '    return false;',
    '  }',
    '}',
    '',
  );
  return doc;
}

function appConfigFile(rng: Rng, service: ServiceSpec): Doc {
  const doc = new Doc();
  doc.push(
    "import 'dotenv/config';",
    '',
    'export const config = {',
    "  env: process.env.NODE_ENV || 'development',",
    `  port: Number(process.env.PORT ?? ${rng.int(3000, 3999)}),`,
    "  logLevel: process.env.LOG_LEVEL || 'info',",
    "  apiKeys: (process.env.API_KEYS || '').split(',').filter(Boolean),",
    '  services: {',
  );
  for (const d of rng.shuffle([...DOMAINS]).slice(0, 6))
    doc.push(`    ${camel(d)}Url: process.env.${d.toUpperCase()}_URL || 'http://${d}-service:3000',`);
  doc.push('  },', `  serviceName: '${service.name}',`, '} as const;', '');
  return doc;
}

function envExample(service: ServiceSpec): string {
  return [
    'NODE_ENV=development',
    'PORT=3000',
    'DB_HOST=localhost',
    `DB_PORT=${service.dialect === 'mysql' ? 3306 : 5432}`,
    `DB_NAME=${service.database}`,
    `DB_USER=${service.prefix}app`,
    'DB_PASSWORD=',
    'LOG_LEVEL=info',
    '',
  ].join('\n');
}

function columnType(service: ServiceSpec, column: string): string {
  const mysql = service.dialect === 'mysql';
  if (column.endsWith('_at')) return mysql ? 'DATETIME NULL' : 'TIMESTAMPTZ NULL';
  if (column === 'amount') return 'DECIMAL(12,2) NOT NULL DEFAULT 0';
  if (column === 'quantity' || column === 'priority' || column === 'version')
    return mysql ? 'INT UNSIGNED NOT NULL DEFAULT 0' : 'INTEGER NOT NULL DEFAULT 0';
  if (column === 'score') return mysql ? 'DOUBLE NULL' : 'DOUBLE PRECISION NULL';
  if (column === 'payload') return mysql ? 'JSON NULL' : 'JSONB NULL';
  if (column === 'status')
    return mysql ? "ENUM('pending','active','done','failed') NOT NULL DEFAULT 'pending'" : "VARCHAR(20) NOT NULL DEFAULT 'pending'";
  if (column === 'description' || column === 'notes') return 'TEXT NULL';
  return 'VARCHAR(255) NULL';
}

function createTableSql(
  rng: Rng,
  service: ServiceSpec,
  table: Table,
  parent: Table | undefined,
  doc: Doc,
  plant: Table | undefined,
  file: string,
  out: PlantedViolation[],
): void {
  const mysql = service.dialect === 'mysql';
  doc.push(`-- ${cap(table.entity)} of the ${service.name}`, `CREATE TABLE IF NOT EXISTS ${table.name} (`);
  doc.push(mysql ? '  id CHAR(36) NOT NULL PRIMARY KEY,' : '  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),');
  if (parent) doc.push(`  ${singular(parent.entity)}_id ${mysql ? 'CHAR(36)' : 'UUID'} NULL,`);
  if (plant) doc.push(`  ${singular(plant.entity)}_ref ${mysql ? 'CHAR(36)' : 'UUID'} NULL,`);
  for (const c of table.columns) doc.push(`  ${c} ${columnType(service, c)},`);
  doc.push(mysql ? '  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,' : '  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),');
  doc.push(mysql ? '  updated_at DATETIME NULL ON UPDATE CURRENT_TIMESTAMP,' : '  updated_at TIMESTAMPTZ NULL,');
  const items: string[][] = [['  deleted_at ' + (mysql ? 'DATETIME NULL' : 'TIMESTAMPTZ NULL')]];
  if (mysql) items.push([`  INDEX idx_${table.name}_${table.columns[0]} (${table.columns[0]})`]);
  if (parent)
    items.push([
      `  CONSTRAINT fk_${table.name}_${singular(parent.entity)} FOREIGN KEY (${singular(parent.entity)}_id) REFERENCES ${parent.name}(id) ON DELETE CASCADE`,
    ]);
  if (plant)
    items.push([
      `  CONSTRAINT fk_${table.name}_${singular(plant.entity)}_ref FOREIGN KEY (${singular(plant.entity)}_ref)`,
      `    REFERENCES ${plant.name}(id)`,
    ]);
  items.forEach((item, i) => {
    item.forEach((line, j) => {
      if (plant && i === items.length - 1 && j === 1) {
        out.push({ kind: 'cross-fk-create', ruleId: 'no-cross-service-foreign-key', file, line: doc.nextLine, subject: plant.name });
      }
      doc.push(j === item.length - 1 && i < items.length - 1 ? `${line},` : line);
    });
  });
  doc.push(mysql ? ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;' : ');');
  if (!mysql) doc.push(`CREATE INDEX IF NOT EXISTS idx_${table.name}_${table.columns[0]} ON ${table.name} (${table.columns[0]});`);
  if (rng.chance(0.3))
    doc.push(
      mysql
        ? `ALTER TABLE ${table.name} ADD COLUMN archived TINYINT(1) NOT NULL DEFAULT 0;`
        : `ALTER TABLE ${table.name} ADD COLUMN archived BOOLEAN NOT NULL DEFAULT false;`,
    );
  doc.push('');
}

function routinesSql(rng: Rng, service: ServiceSpec, doc: Doc): void {
  const t = service.tables[0];
  const u = service.tables[1] ?? t;
  if (service.dialect === 'mysql') {
    doc.push(
      '-- Housekeeping procedures (run by the nightly job)',
      'DELIMITER $$',
      '',
      `DROP PROCEDURE IF EXISTS ${service.prefix}archive_old$$`,
      `CREATE PROCEDURE ${service.prefix}archive_old(IN cutoff DATETIME)`,
      'BEGIN',
      '  DECLARE affected INT DEFAULT 0;',
      `  UPDATE ${t.name} SET deleted_at = NOW() WHERE created_at < cutoff AND deleted_at IS NULL;`,
      '  SET affected = ROW_COUNT();',
      '  IF affected > 0 THEN',
      `    DELETE FROM ${u.name} WHERE created_at < cutoff;`,
      '  END IF;',
      '  SELECT affected;',
      'END$$',
      '',
      `CREATE TRIGGER ${service.prefix}touch BEFORE UPDATE ON ${t.name}`,
      'FOR EACH ROW',
      'BEGIN',
      '  SET NEW.updated_at = NOW();',
      'END$$',
      '',
      'DELIMITER ;',
      '',
    );
  } else {
    doc.push(
      '-- Housekeeping functions',
      `CREATE OR REPLACE FUNCTION ${service.prefix}touch_updated_at() RETURNS trigger AS $$`,
      'BEGIN',
      '  NEW.updated_at := now();',
      '  RETURN NEW;',
      'END;',
      '$$ LANGUAGE plpgsql;',
      '',
      `CREATE TRIGGER ${service.prefix}touch BEFORE UPDATE ON ${t.name}`,
      `  FOR EACH ROW EXECUTE FUNCTION ${service.prefix}touch_updated_at();`,
      '',
      `CREATE OR REPLACE FUNCTION ${service.prefix}archive_old(cutoff TIMESTAMPTZ) RETURNS integer AS $$`,
      'DECLARE',
      '  affected integer;',
      'BEGIN',
      `  UPDATE ${t.name} SET deleted_at = now() WHERE created_at < cutoff AND deleted_at IS NULL;`,
      '  GET DIAGNOSTICS affected = ROW_COUNT;',
      `  DELETE FROM ${u.name} WHERE created_at < cutoff;`,
      '  RETURN affected;',
      'END;',
      `$$ LANGUAGE plpgsql;`,
      '',
    );
  }
  if (rng.chance(0.5)) doc.push(`-- Worker's compensation note: keep ${t.name} rows for 7 years`, '');
}

// ---------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------

export interface GenerateOptions {
  root: string;
  /** Approximate number of TypeScript files. */
  tsFiles: number;
  services?: number;
  seed?: number;
  /** Median size of a plain service file, bytes. */
  medianBytes?: number;
}

/** Services for a size: 50 at 2,500 files, 100 at 10,000, 200 at 40,000. */
export function servicesFor(tsFiles: number): number {
  return Math.max(4, Math.min(200, Math.round(50 * Math.sqrt(tsFiles / 2500))));
}

const FILE_KINDS = [
  'services',
  'controllers',
  'routes',
  'utils',
  'types',
  'middleware',
  'validators',
  'events',
  'jobs',
  'clients',
] as const;

export function generateMonorepo(options: GenerateOptions): GeneratedRepo {
  const seed = options.seed ?? 20240611;
  const rng = new Rng(seed ^ options.tsFiles);
  const median = options.medianBytes ?? 3800;
  const serviceCount = options.services ?? servicesFor(options.tsFiles);
  const services = makeServices(rng, serviceCount, options.tsFiles);
  const root = options.root;
  const planted: PlantedViolation[] = [];
  const scriptFiles: string[] = [];
  const stats = { ts: 0, sql: 0, other: 0, decoy: 0, bytes: 0, lintedBytes: 0 };
  const made = new Set<string>();
  const write = (relative: string, text: string, counted: 'ts' | 'sql' | 'other' | 'decoy') => {
    const abs = path.join(root, relative);
    const dir = path.dirname(abs);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(abs, text);
    stats[counted]++;
    stats.bytes += Buffer.byteLength(text);
    if (counted !== 'decoy') stats.lintedBytes += Buffer.byteLength(text);
    if (counted === 'ts') scriptFiles.push(relative);
  };

  // About one planted violation per 120 TS files, at least 12, spread over services and kinds.
  const plantCount = Math.max(12, Math.round(options.tsFiles / 120));
  const tsKinds: PlantKind[] = ['cross-query-template', 'cross-query-string', 'cross-query-variable', 'cross-query-tagged'];
  const plantsByService = new Map<ServiceSpec, PlantKind[]>();
  for (let i = 0; i < plantCount; i++) {
    const service = services[(i * 7 + 3) % services.length];
    const kinds: PlantKind[] = [...tsKinds, 'cross-fk-create', 'cross-fk-alter', 'env-password-default'];
    const list = plantsByService.get(service) ?? [];
    list.push(kinds[i % kinds.length]);
    plantsByService.set(service, list);
  }
  const foreignFor = (service: ServiceSpec): Table => {
    let other = rng.pick(services);
    while (other === service) other = rng.pick(services);
    return rng.pick(other.tables);
  };

  write('package.json', `${JSON.stringify({ name: 'generated-platform', private: true, workspaces: ['services/*'] }, null, 2)}\n`, 'other');
  write('.gitignore', 'node_modules/\ndist/\ncoverage/\n.env\n', 'other');
  const config = {
    dialect: 'mysql',
    services: services.map((s) => ({ name: s.name, roots: [s.root] })),
    rules: { 'unknown-table': 'warn' },
  };
  write('nilecare-lint.config.json', `${JSON.stringify(config, null, 2)}\n`, 'other');

  for (const service of services) {
    const kinds = plantsByService.get(service) ?? [];
    const mysql = service.dialect === 'mysql';
    write(
      `${service.root}/package.json`,
      `${JSON.stringify(
        {
          name: `@platform/${service.name}`,
          version: `1.${rng.int(0, 20)}.${rng.int(0, 9)}`,
          private: true,
          type: 'module',
          scripts: { build: 'tsc -p .', start: 'node dist/index.js', test: 'vitest run' },
          dependencies: {
            express: '^4.19.2',
            zod: '^3.23.8',
            axios: '^1.7.2',
            dayjs: '^1.11.11',
            ...(mysql ? { mysql2: '^3.10.0' } : { pg: '^8.12.0' }),
          },
          devDependencies: { typescript: '^5.5.0', vitest: '^1.6.0' },
        },
        null,
        2,
      )}\n`,
      'other',
    );
    write(`${service.root}/.env.example`, envExample(service), 'other');

    // --- migrations --------------------------------------------------------------------
    const fkPlants = kinds.filter((k) => k === 'cross-fk-create');
    const alterPlants = kinds.filter((k) => k === 'cross-fk-alter');
    let migration = 1;
    const tablesPerMigration = 2;
    for (let i = 0; i < service.tables.length; i += tablesPerMigration) {
      const file = `${service.root}/migrations/${String(migration++).padStart(3, '0')}_create_${service.tables[i].entity}.sql`;
      const doc = new Doc();
      doc.push(
        `-- Migration: ${service.tables
          .slice(i, i + tablesPerMigration)
          .map((t) => t.name)
          .join(', ')}`,
        '',
      );
      for (const table of service.tables.slice(i, i + tablesPerMigration)) {
        const index = service.tables.indexOf(table);
        const parent = index > 0 && rng.chance(0.6) ? service.tables[rng.int(0, index - 1)] : undefined;
        const plant = fkPlants.length > 0 ? (fkPlants.pop(), foreignFor(service)) : undefined;
        createTableSql(rng, service, table, parent, doc, plant, file, planted);
      }
      write(file, doc.text(), 'sql');
    }
    {
      const file = `${service.root}/migrations/${String(migration++).padStart(3, '0')}_routines.sql`;
      const doc = new Doc();
      routinesSql(rng, service, doc);
      for (const _ of alterPlants) {
        const foreign = foreignFor(service);
        const own = rng.pick(service.tables);
        doc.push(`ALTER TABLE ${own.name} ADD COLUMN ${singular(foreign.entity)}_link ${mysql ? 'CHAR(36)' : 'UUID'} NULL;`);
        doc.push(
          `ALTER TABLE ${own.name}`,
          `  ADD CONSTRAINT fk_${own.name}_${singular(foreign.entity)}_link FOREIGN KEY (${singular(foreign.entity)}_link)`,
        );
        planted.push({ kind: 'cross-fk-alter', ruleId: 'no-cross-service-foreign-key', file, line: doc.nextLine, subject: foreign.name });
        doc.push(`  REFERENCES ${foreign.name} (id);`, '');
      }
      write(file, doc.text(), 'sql');
    }

    // --- TypeScript --------------------------------------------------------------------
    let budget = service.tsFiles;
    const tsWrite = (relative: string, doc: Doc) => {
      write(`${service.root}/${relative}`, doc.text(), 'ts');
      budget--;
    };
    const passwordPlant = kinds.includes('env-password-default');
    tsWrite('src/config/database.ts', databaseConfigFile(rng, service, passwordPlant, `${service.root}/src/config/database.ts`, planted));
    tsWrite('src/config/index.ts', appConfigFile(rng, service));
    {
      const doc = new Doc();
      doc.push(
        "import express from 'express';",
        "import { config } from './config/index.js';",
        "import { router } from './routes/index.js';",
        "import { logger } from './utils/logger.js';",
        "import { checkDatabase } from './config/database.js';",
        '',
        'const app = express();',
        "app.use(express.json({ limit: '1mb' }));",
        "app.use('/api/v1', router);",
        "app.get('/health', async (_req, res) => res.json({ ok: await checkDatabase() }));",
        '',
        'app.listen(config.port, () => logger.info(`listening on ${config.port}`));',
        '',
      );
      tsWrite('src/index.ts', doc);
    }
    // Repositories: about 9% of the service's files, at least one per service.
    const tsPlantKinds = kinds.filter((k) => tsKinds.includes(k));
    const repoCount = Math.max(1, Math.min(service.tables.length * 2, Math.round(service.tsFiles * 0.09)));
    for (let r = 0; r < repoCount && budget > 0; r++) {
      const table = service.tables[r % service.tables.length];
      const relative = `src/repositories/${table.entity}${r >= service.tables.length ? `-${r}` : ''}.repository.ts`;
      const plants = tsPlantKinds
        .splice(0, r === repoCount - 1 ? tsPlantKinds.length : 1)
        .map((kind) => ({ kind, foreign: foreignFor(service) }));
      tsWrite(
        relative,
        repositoryFile(rng, service, table, rng.size(median * 1.2, 1800, 12000), plants, `${service.root}/${relative}`, planted),
      );
    }
    let n = 0;
    while (budget > 0) {
      const kind = FILE_KINDS[n % FILE_KINDS.length];
      const entity = service.tables[n % service.tables.length].entity;
      const relative = `src/${kind}/${singular(entity)}-${n}.${kind === 'types' ? 'types' : kind.replace(/s$/, '')}.ts`;
      const doc = plainTsFile(rng, service, kind, rng.size(median, 600, 14000));
      tsWrite(relative, doc);
      n++;
    }

    // --- decoys: build output and a vendored package with violating copies -----------------
    const foreign = foreignFor(service);
    const decoy = `export async function leak(db) {\n  return db.query('SELECT * FROM ${foreign.name} WHERE id = ?', [1]);\n}\nexport const password = process.env.DB_PASSWORD || '';\n`;
    write(`${service.root}/dist/repositories/leak.repository.js`, decoy, 'decoy');
    write(`${service.root}/dist/config/database.js`, decoy, 'decoy');
    write(`${service.root}/node_modules/@platform/shared-db/index.js`, decoy, 'decoy');
  }
  // A root-level vendored copy too.
  write(
    'node_modules/legacy-orm/lib/queries.js',
    `module.exports = (db) => db.query('SELECT * FROM ${services[0].tables[0].name}');\n`,
    'decoy',
  );

  planted.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return {
    root,
    services: services.length,
    tsFiles: stats.ts,
    sqlFiles: stats.sql,
    otherFiles: stats.other,
    decoyFiles: stats.decoy,
    bytes: stats.bytes,
    lintedBytes: stats.lintedBytes,
    planted,
    scriptFiles: scriptFiles.sort(),
  };
}

// `node --import tsx bench/generate.ts <dir> <tsFiles>` writes a repo and its manifest.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, size] = process.argv.slice(2);
  if (!dir || !size) {
    console.error('usage: generate.ts <dir> <tsFiles>');
    process.exit(2);
  }
  const started = performance.now();
  const repo = generateMonorepo({ root: path.resolve(dir), tsFiles: Number(size) });
  writeFileSync(path.join(repo.root, 'bench-manifest.json'), `${JSON.stringify({ ...repo, scriptFiles: undefined }, null, 2)}\n`);
  console.log(
    `${repo.tsFiles} TS + ${repo.sqlFiles} SQL + ${repo.otherFiles} other (+${repo.decoyFiles} decoys) in ${repo.services} services, ` +
      `${(repo.lintedBytes / 1048576).toFixed(1)} MB, ${repo.planted.length} planted, ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
