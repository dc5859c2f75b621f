/**
 * Acceptance: cross-service analysis on fixtures/real-patterns, a monorepo reproducing every
 * data-access shape of REAL-CODE-PATTERNS.md (see the fixture's README for the layout).
 *
 * The fixture is linted once. Expected findings are written by hand as
 * `rule file:line:column-endLine:endColumn` plus the token the range must cover; the first test
 * checks every token against the fixture, so a miscounted position fails loudly on its own.
 *
 * Linter bugs the fixture exposes are listed in KNOWN_BUGS and pinned with `it.fails`: each such
 * test asserts the correct behaviour and starts failing (i.e. "passing unexpectedly") once the bug
 * is fixed; then delete the bug entry and its `it.fails`. The exact-set tests compare against the
 * correct set with the listed bugs' missing/extra findings accounted for, so any *other* change
 * in the findings still fails immediately. test/acceptance/README.md describes each bug.
 */
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/engine/types.js';
import { lint, type LintRun } from '../../src/lint.js';
import { fixtureFacts } from '../fixture-tree.js';
import { tempDir } from '../temp-dirs.js';

const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/real-patterns');

let run: LintRun;
beforeAll(async () => {
  // A copy outside our own checkout: here git tracks the fixture's tmp/ (which its .gitignore
  // ignores), and tracked files are source. The copy is the fixture's repository before `git add`.
  const copy = tempDir('nilecare-real-patterns-');
  cpSync(fixture, copy, { recursive: true });
  run = await lint({ cwd: copy, factsCache: fixtureFacts() });
}, 120_000);

// ---------------------------------------------------------------------------------------------
// Expected findings
// ---------------------------------------------------------------------------------------------

interface Expected {
  key: string;
  /** The fixture text the range covers. */
  token: string;
  severity?: 'error' | 'warn';
  data?: Record<string, string>;
}

const at =
  (rule: string) =>
  (loc: string, token: string, data?: Record<string, string>): Expected => ({ key: `${rule} ${loc}`, token, data });
const q = at('no-cross-service-query');
const fk = at('no-cross-service-foreign-key');
const amb = at('ambiguous-table-owner');
const shared = at('no-shared-database');
const env = (loc: string, token: string, severity: 'error' | 'warn'): Expected => ({
  key: `no-unsafe-env-default ${loc}`,
  token,
  severity,
});
const parse = (loc: string, token: string): Expected => ({ key: `parse-error ${loc}`, token, severity: 'warn' });

const CROSS_RULES = ['no-cross-service-query', 'no-cross-service-foreign-key', 'ambiguous-table-owner', 'no-shared-database'];

/** Every planted cross-service finding: what a correct linter reports on the fixture, nothing more. */
const EXPECTED_CROSS: Expected[] = [
  // Root schema files: a FOREIGN KEY and a VIEW of business_operations reaching into clinical_data.
  fk('database/mysql/schema/business_operations.sql:24:39-24:61', 'clinical_data.patients', {
    service: 'business-service',
    table: 'claims',
    referenced: 'clinical_data.patients',
    owner: 'clinical-service',
  }),
  q('database/mysql/schema/business_operations.sql:33:6-33:28', 'clinical_data.patients', {
    service: 'business-service',
    table: 'clinical_data.patients',
    owner: 'clinical-service',
    verb: 'reads',
  }),
  // Eight services on `app`: each at its first setting (.env before code).
  shared('services/analytics-service/.env:3:9-3:12', 'app', { service: 'analytics-service', database: 'app' }),
  shared('services/appointment-service/src/config.ts:5:36-5:41', "'app'", { service: 'appointment-service', database: 'app' }),
  shared('services/auth-service/.env.example:4:9-4:12', 'app', { service: 'auth-service', database: 'app' }),
  shared('services/billing-service/.env.example:5:9-5:12', 'app', { service: 'billing-service', database: 'app' }),
  shared('services/business-service/src/config.ts:5:36-5:41', "'app'", { service: 'business-service', database: 'app' }),
  shared('services/gateway-service/src/config/database.ts:5:36-5:41', "'app'", { service: 'gateway-service', database: 'app' }),
  shared('services/orchestrator-service/src/config/database.ts:5:36-5:41', "'app'", { service: 'orchestrator-service', database: 'app' }),
  shared('services/payment-service/.env.example:3:9-3:12', 'app', { service: 'payment-service', database: 'app' }),
  // The service on three engines reads the operational MySQL tables of others.
  q('services/analytics-service/src/jobs/queries.ts:7:12-7:20', 'payments', {
    service: 'analytics-service',
    table: 'payments',
    owner: 'payment-service',
    verb: 'reads',
  }),
  q('services/analytics-service/src/jobs/queries.ts:10:43-10:53', 'auth_users', {
    service: 'analytics-service',
    table: 'auth_users',
    owner: 'auth-service',
    verb: 'reads',
  }),
  q('services/analytics-service/src/jobs/revenue.job.ts:10:13-10:21', 'invoices', {
    service: 'analytics-service',
    table: 'invoices',
    owner: 'billing-service',
    verb: 'reads',
  }),
  // A bare `medications` that only two other services create, in databases pharmacy does not use.
  q('services/pharmacy-service/src/dispense.ts:7:53-7:64', 'medications', {
    service: 'pharmacy-service',
    table: 'medications',
    verb: 'reads',
    owners: "services 'analytics-service', 'cds-service' and 'medication-service'",
  }),
  // `appointments` created by two services' migrations in the same database.
  amb('services/appointment-service/migrations/V1__appointments.sql:1:28-1:40', 'appointments', {
    service: 'appointment-service',
    table: 'appointments',
  }),
  amb('services/business-service/migrations/V3__appointments.sql:2:28-2:40', 'appointments', {
    service: 'business-service',
    table: 'appointments',
  }),
  // MySQL trigger inside a DELIMITER $$ block; plpgsql $$ body of a PostgreSQL migration in a MySQL service.
  q('services/billing-service/migrations/V2__billing_routines.sql:35:12-35:20', 'payments', {
    service: 'billing-service',
    table: 'payments',
    owner: 'payment-service',
    verb: 'updates',
  }),
  q('services/billing-service/migrations/V3__reporting_views_pg.sql:15:10-15:18', 'payments', {
    service: 'billing-service',
    table: 'payments',
    owner: 'payment-service',
    verb: 'reads',
  }),
  // `INSERT INTO ${this.tableName}` / `FROM ${this.tableName}` with `private readonly tableName = 'audit_logs'` (owned by config).
  q('services/billing-service/src/repositories/audit.repository.ts:9:22-9:36', 'this.tableName', {
    service: 'billing-service',
    table: 'audit_logs',
    owner: 'auth-service',
    verb: 'inserts into',
  }),
  q('services/billing-service/src/repositories/audit.repository.ts:17:51-17:65', 'this.tableName', {
    service: 'billing-service',
    table: 'audit_logs',
    owner: 'auth-service',
    verb: 'reads',
  }),
  // TypeORM @InjectRepository(Patient), knex('patients'), getRepository(Patient).findOne.
  q('services/billing-service/src/repositories/patient-lookup.service.ts:9:33-9:40', 'Patient', {
    service: 'billing-service',
    table: 'patients',
    owner: 'clinical-service',
    verb: 'uses',
  }),
  q('services/billing-service/src/repositories/patient-lookup.service.ts:12:18-12:26', 'patients', {
    service: 'billing-service',
    table: 'patients',
    owner: 'clinical-service',
    verb: 'reads',
  }),
  q('services/billing-service/src/repositories/patient-lookup.service.ts:16:26-16:33', 'Patient', {
    service: 'billing-service',
    table: 'patients',
    owner: 'clinical-service',
    verb: 'reads',
  }),
  // A 19-line template passed to connection.execute.
  q('services/billing-service/src/services/InvoiceService.ts:29:17-29:39', 'clinical_data.patients', {
    service: 'billing-service',
    table: 'clinical_data.patients',
    owner: 'clinical-service',
    verb: 'reads',
  }),
  q('services/billing-service/src/services/InvoiceService.ts:31:22-31:46', 'clinical_data.encounters', {
    service: 'billing-service',
    table: 'clinical_data.encounters',
    owner: 'clinical-service',
    verb: 'reads',
  }),
  // *.old.ts is still code.
  q('services/billing-service/src/services/invoice.service.old.ts:6:65-6:87', 'clinical_data.patients', {
    service: 'billing-service',
    table: 'clinical_data.patients',
    owner: 'clinical-service',
    verb: 'reads',
  }),
  // An 11-line template passed to this.db.query with $1..$3 placeholders: a Drizzle-defined table of another service.
  q('services/cds-service/src/lab-context.ts:12:15-12:26', 'lab_results', {
    service: 'cds-service',
    table: 'lab_results',
    owner: 'lab-service',
    verb: 'reads',
  }),
  // The same routes copied into the gateway and the orchestrator: both copies are findings.
  q('services/gateway-service/src/routes/data.routes.ts:15:13-15:35', 'clinical_data.patients', {
    service: 'gateway-service',
    table: 'clinical_data.patients',
    owner: 'clinical-service',
    verb: 'reads',
  }),
  q('services/gateway-service/src/routes/data.routes.ts:16:18-16:42', 'clinical_data.encounters', {
    service: 'gateway-service',
    table: 'clinical_data.encounters',
    owner: 'clinical-service',
    verb: 'reads',
  }),
  q('services/gateway-service/src/routes/data.routes.ts:17:18-17:26', 'invoices', {
    service: 'gateway-service',
    table: 'invoices',
    owner: 'billing-service',
    verb: 'reads',
  }),
  q('services/gateway-service/src/routes/data.routes.ts:26:81-26:89', 'payments', {
    service: 'gateway-service',
    table: 'payments',
    owner: 'payment-service',
    verb: 'reads',
  }),
  q('services/gateway-service/src/routes/data.routes.ts:31:30-31:38', 'invoices', {
    service: 'gateway-service',
    table: 'invoices',
    owner: 'billing-service',
    verb: 'updates',
  }),
  q('services/gateway-service/src/shared/legacy-invoices.ts:4:68-4:76', 'invoices', {
    service: 'gateway-service',
    table: 'invoices',
    owner: 'billing-service',
    verb: 'reads',
  }),
  q('services/orchestrator-service/src/routes/data.routes.ts:15:13-15:35', 'clinical_data.patients', {
    service: 'orchestrator-service',
    table: 'clinical_data.patients',
    owner: 'clinical-service',
    verb: 'reads',
  }),
  q('services/orchestrator-service/src/routes/data.routes.ts:16:18-16:42', 'clinical_data.encounters', {
    service: 'orchestrator-service',
    table: 'clinical_data.encounters',
    owner: 'clinical-service',
    verb: 'reads',
  }),
  q('services/orchestrator-service/src/routes/data.routes.ts:17:18-17:26', 'invoices', {
    service: 'orchestrator-service',
    table: 'invoices',
    owner: 'billing-service',
    verb: 'reads',
  }),
  q('services/orchestrator-service/src/routes/data.routes.ts:26:81-26:89', 'payments', {
    service: 'orchestrator-service',
    table: 'payments',
    owner: 'payment-service',
    verb: 'reads',
  }),
  q('services/orchestrator-service/src/routes/data.routes.ts:31:30-31:38', 'invoices', {
    service: 'orchestrator-service',
    table: 'invoices',
    owner: 'billing-service',
    verb: 'updates',
  }),
  // A "PostgreSQL" schema with MySQL syntax pasted in: both statements are only partly parsed.
  fk('services/lab-service/database/postgres/schema.sql:5:39-5:47', 'patients', {
    service: 'lab-service',
    table: 'lab_orders',
    referenced: 'patients',
    owner: 'clinical-service',
  }),
  q('services/lab-service/database/postgres/schema.sql:22:21-22:29', 'patients', {
    service: 'lab-service',
    table: 'patients',
    owner: 'clinical-service',
    verb: 'reads',
  }),
  // client.query with $1.
  q('services/lab-service/src/repositories/result.repository.ts:11:58-11:66', 'patients', {
    service: 'lab-service',
    table: 'patients',
    owner: 'clinical-service',
    verb: 'reads',
  }),
  // `UPDATE ${TABLE}` (module const) through this.dbService.run; a concatenation through the same wrapper;
  // `let sql` with `+=` in branches (the foreign table is in an appended piece); sequelize.query.
  q('services/payment-service/src/repositories/invoice-sync.repository.ts:13:16-13:21', 'TABLE', {
    service: 'payment-service',
    table: 'invoices',
    owner: 'billing-service',
    verb: 'updates',
  }),
  q('services/payment-service/src/repositories/invoice-sync.repository.ts:23:15-23:23', 'invoices', {
    service: 'payment-service',
    table: 'invoices',
    owner: 'billing-service',
    verb: 'reads',
  }),
  q('services/payment-service/src/repositories/invoice-sync.repository.ts:32:23-32:31', 'invoices', {
    service: 'payment-service',
    table: 'invoices',
    owner: 'billing-service',
    verb: 'reads',
  }),
  q('services/payment-service/src/repositories/invoice-sync.repository.ts:40:54-40:76', 'clinical_data.patients', {
    service: 'payment-service',
    table: 'clinical_data.patients',
    owner: 'clinical-service',
    verb: 'reads',
  }),
  q('services/payment-service/src/repositories/invoice-sync.repository.ts:51:15-51:23', 'invoices', {
    service: 'payment-service',
    table: 'invoices',
    owner: 'billing-service',
    verb: 'reads',
  }),
  // Sequelize model of billing used from payment (Invoice.findAll).
  q('services/payment-service/src/repositories/invoice-model.usage.ts:6:10-6:17', 'Invoice', {
    service: 'payment-service',
    table: 'invoices',
    owner: 'billing-service',
    verb: 'reads',
  }),
  // *.backup.ts; the transaction updating payments (own) and invoices (billing's).
  q('services/payment-service/src/services/payment.service.backup.ts:6:30-6:38', 'invoices', {
    service: 'payment-service',
    table: 'invoices',
    owner: 'billing-service',
    verb: 'updates',
  }),
  q('services/payment-service/src/services/payment.service.ts:11:17-11:25', 'invoices', {
    service: 'payment-service',
    table: 'invoices',
    owner: 'billing-service',
    verb: 'updates',
  }),
  // Prisma model of clinical (@@map("patients")) through a second client; Drizzle select and relational query.
  q('services/portal-service/src/services/dashboard.service.ts:14:40-14:47', 'patient', {
    service: 'portal-service',
    table: 'patients',
    owner: 'clinical-service',
    verb: 'reads',
  }),
  q('services/portal-service/src/services/dashboard.service.ts:15:42-15:52', 'labResults', {
    service: 'portal-service',
    table: 'lab_results',
    owner: 'lab-service',
    verb: 'reads',
  }),
  q('services/portal-service/src/services/lab-history.service.ts:7:19-7:29', 'labResults', {
    service: 'portal-service',
    table: 'lab_results',
    owner: 'lab-service',
    verb: 'reads',
  }),
];

/** Every default of a secret (error) or a connection setting (warn); look-alikes and test files have none. */
const EXPECTED_ENV: Expected[] = [
  env('services/analytics-service/src/db/mongo.ts:3:63-3:107', "'mongodb://localhost:27017/analytics_events'", 'warn'),
  env('services/analytics-service/src/db/mysql.ts:5:32-5:43', "'localhost'", 'warn'),
  env('services/analytics-service/src/db/mysql.ts:6:35-6:49', "'analytics_ro'", 'warn'),
  env('services/analytics-service/src/db/mysql.ts:7:43-7:61', "'Xk9#mQ2$vL7!pR4w'", 'error'),
  env('services/analytics-service/src/db/postgres.ts:5:32-5:43', "'localhost'", 'warn'),
  env('services/analytics-service/src/db/postgres.ts:6:40-6:51', "'analytics'", 'warn'),
  env('services/analytics-service/src/db/postgres.ts:7:32-7:43', "'analytics'", 'warn'),
  env('services/appointment-service/src/config.ts:4:32-4:43', "'localhost'", 'warn'),
  env('services/appointment-service/src/config.ts:5:36-5:41', "'app'", 'warn'),
  // || '' ; parseInt(process.env.DB_PORT || '3306')
  env('services/auth-service/src/config/database.ts:4:32-4:43', "'localhost'", 'warn'),
  env('services/auth-service/src/config/database.ts:5:41-5:47', "'3306'", 'warn'),
  env('services/auth-service/src/config/database.ts:6:32-6:38', "'root'", 'warn'),
  env('services/auth-service/src/config/database.ts:7:40-7:42', "''", 'error'),
  env('services/auth-service/src/config/database.ts:8:36-8:41', "'app'", 'warn'),
  // process.env.X = process.env.X || '' ; if (!process.env.X) process.env.X = '' ; || 'dev-secret-key' ; ?? ''
  env('services/auth-service/src/config/secrets.ts:2:54-2:56', "''", 'error'),
  env('services/auth-service/src/config/secrets.ts:4:63-4:65', "''", 'error'),
  env('services/auth-service/src/config/secrets.ts:6:53-6:69', "'dev-secret-key'", 'error'),
  env('services/auth-service/src/config/secrets.ts:7:61-7:63', "''", 'error'),
  env('services/billing-service/src/config/database.ts:4:32-4:43', "'localhost'", 'warn'),
  env('services/billing-service/src/config/database.ts:5:41-5:47', "'3306'", 'warn'),
  env('services/billing-service/src/config/database.ts:6:32-6:38', "'root'", 'warn'),
  env('services/billing-service/src/config/database.ts:7:40-7:42', "''", 'error'),
  env('services/billing-service/src/config/database.ts:8:36-8:41', "'app'", 'warn'),
  // Joi .allow('').default('')
  env('services/billing-service/src/config/env.schema.ts:6:33-6:44', "'localhost'", 'warn'),
  env('services/billing-service/src/config/env.schema.ts:7:47-7:49', "''", 'error'),
  env('services/business-service/src/config.ts:4:32-4:43', "'localhost'", 'warn'),
  env('services/business-service/src/config.ts:5:36-5:41', "'app'", 'warn'),
  // convict { default: '', env: 'PG_PASSWORD' }
  env('services/clinical-service/src/config/convict.ts:14:16-14:18', "''", 'error'),
  env('services/clinical-service/src/config/convict.ts:21:16-21:27', "'localhost'", 'warn'),
  // || 'postgres' ; parseInt(process.env.PG_PORT || '5432')
  env('services/clinical-service/src/db.ts:4:32-4:43', "'localhost'", 'warn'),
  env('services/clinical-service/src/db.ts:5:41-5:47', "'5432'", 'warn'),
  env('services/clinical-service/src/db.ts:6:40-6:55', "'clinical_data'", 'warn'),
  env('services/clinical-service/src/db.ts:7:32-7:50', "'clinical_service'", 'warn'),
  env('services/clinical-service/src/db.ts:8:40-8:50', "'postgres'", 'error'),
  env('services/gateway-service/src/config/database.ts:4:32-4:43', "'localhost'", 'warn'),
  env('services/gateway-service/src/config/database.ts:5:36-5:41', "'app'", 'warn'),
  // envalid str({ default: '' }) (devDefault is not reported)
  env('services/lab-service/src/config/env.ts:6:31-6:33', "''", 'error'),
  env('services/lab-service/src/db/client.ts:6:32-6:43', "'localhost'", 'warn'),
  env('services/lab-service/src/db/client.ts:7:40-7:50', "'lab_data'", 'warn'),
  env('services/orchestrator-service/src/config/database.ts:4:32-4:43', "'localhost'", 'warn'),
  env('services/orchestrator-service/src/config/database.ts:5:36-5:41', "'app'", 'warn'),
  // ?? '' ; new Sequelize(process.env.DB_NAME || 'app', process.env.DB_USER || '…', …)
  env('services/payment-service/src/config/database.ts:5:32-5:43', "'localhost'", 'warn'),
  env('services/payment-service/src/config/database.ts:6:32-6:49', "'payment_service'", 'warn'),
  env('services/payment-service/src/config/database.ts:7:40-7:42', "''", 'error'),
  env('services/payment-service/src/config/database.ts:8:36-8:41', "'app'", 'warn'),
  env('services/payment-service/src/config/database.ts:13:63-13:68', "'app'", 'warn'),
  env('services/payment-service/src/config/database.ts:13:93-13:110', "'payment_service'", 'warn'),
  // zod .default('')
  env('services/payment-service/src/config/env.ts:6:41-6:43', "''", 'error'),
  env('services/payment-service/src/config/env.ts:7:38-7:55', "'whsec_local_dev'", 'error'),
  env('shared/middleware/auth.ts:4:46-4:62', "'dev-secret-key'", 'error'),
];

/**
 * Statements the parsers reject: only the MySQL-isms pasted into lab-service's PostgreSQL schema
 * that neither engine accepts (its `INSERT IGNORE … SELECT` is valid MySQL: a dialect mismatch, below).
 */
const EXPECTED_PARSE: Expected[] = [parse('services/lab-service/database/postgres/schema.sql:6:34-6:41', 'COMMENT')];

const mismatch = (loc: string, token: string): Expected => ({ key: `migration-dialect-mismatch ${loc}`, token, severity: 'error' });
/**
 * SQL of the other engine in a service's files: billing-service's PostgreSQL reporting migration
 * (a MySQL service), and the MySQL statement in lab-service's PostgreSQL schema. Only what the
 * service's own parser rejects and the other engine's accepts.
 */
const EXPECTED_MISMATCH: Expected[] = [
  mismatch('services/billing-service/migrations/V3__reporting_views_pg.sql:4:6-4:15', 'BIGSERIAL'),
  mismatch('services/billing-service/migrations/V3__reporting_views_pg.sql:6:10-6:15', 'JSONB'),
  mismatch('services/billing-service/migrations/V3__reporting_views_pg.sql:6:37-6:39', '::'),
  mismatch('services/billing-service/migrations/V3__reporting_views_pg.sql:7:14-7:25', 'TIMESTAMPTZ'),
  mismatch('services/billing-service/migrations/V3__reporting_views_pg.sql:11:85-11:87', '$$'),
  mismatch('services/billing-service/migrations/V3__reporting_views_pg.sql:18:4-18:20', 'LANGUAGE plpgsql'),
  mismatch('services/lab-service/database/postgres/schema.sql:21:1-21:14', 'INSERT IGNORE'),
];

// ---------------------------------------------------------------------------------------------
// Known linter bugs (see test/acceptance/README.md). `missing`: correct findings the linter does
// not report; `extra`: findings it reports that a correct linter would not.
// ---------------------------------------------------------------------------------------------

interface KnownBug {
  id: string;
  title: string;
  missing: string[];
  extra: Expected[];
}

/** Bugs B1–B8 the fixture exposed are fixed; new ones go here with an `it.fails` that asserts the right behaviour. */
const KNOWN_BUGS: KnownBug[] = [];

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const keyOf = (d: Diagnostic) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`;
const keysOf = (rules: string[], diagnostics: Diagnostic[] = run.diagnostics) =>
  diagnostics
    .filter((d) => rules.includes(d.ruleId))
    .map(keyOf)
    .sort();
const ruleOfKey = (key: string) => key.slice(0, key.indexOf(' '));

/** The expected keys for `rules`, with the known bugs' missing findings removed and extra ones added. */
function expectedWithKnownBugs(expected: Expected[], rules: string[]): string[] {
  const missing = new Set(KNOWN_BUGS.flatMap((b) => b.missing));
  const extra = KNOWN_BUGS.flatMap((b) => b.extra.map((e) => e.key)).filter((k) => rules.includes(ruleOfKey(k)));
  return [...expected.map((e) => e.key).filter((k) => !missing.has(k)), ...extra].sort();
}

const fileCache = new Map<string, string[]>();
function textAt(key: string): string {
  const m = /^\S+ (.+):(\d+):(\d+)-(\d+):(\d+)$/.exec(key);
  if (!m) throw new Error(`bad key ${key}`);
  const [, file, line, column, endLine, endColumn] = m;
  if (line !== endLine) throw new Error(`multi-line range in ${key}`);
  let lines = fileCache.get(file);
  if (!lines) fileCache.set(file, (lines = readFileSync(path.join(fixture, file), 'utf8').split('\n')));
  return lines[Number(line) - 1].slice(Number(column) - 1, Number(endColumn) - 1);
}

const find = (key: string) => run.diagnostics.find((d) => keyOf(d) === key);
const inFile = (file: string, rules: string[]) =>
  run.diagnostics.filter((d) => d.file === file && rules.includes(d.ruleId)).map((d) => `${keyOf(d)} ${d.message}`);

// ---------------------------------------------------------------------------------------------

describe('fixtures/real-patterns (acceptance)', () => {
  it('lints the fixture without internal errors', () => {
    expect(run.internalErrors).toEqual([]);
    expect(run.configFile).toBe('nilecare-lint.config.json');
    expect(run.model.services.map((s) => s.name)).toHaveLength(14);
  });

  it('every expected range covers its planted token in the fixture (hand-counted positions check themselves)', () => {
    const all = [...EXPECTED_CROSS, ...EXPECTED_ENV, ...EXPECTED_PARSE, ...EXPECTED_MISMATCH, ...KNOWN_BUGS.flatMap((b) => b.extra)];
    expect(all.map((e) => `${e.key} «${textAt(e.key)}»`)).toEqual(all.map((e) => `${e.key} «${e.token}»`));
    const keys = all.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  describe('cross-service findings', () => {
    it('reports exactly the planted findings, apart from the known bugs listed in KNOWN_BUGS', () => {
      expect(keysOf(CROSS_RULES)).toEqual(expectedWithKnownBugs(EXPECTED_CROSS, CROSS_RULES));
    });

    it('full acceptance: reports exactly the planted findings and nothing else', () => {
      expect(keysOf(CROSS_RULES)).toEqual(EXPECTED_CROSS.map((e) => e.key).sort());
    });

    it('names the accessing service, the table and its owner', () => {
      for (const expected of EXPECTED_CROSS) {
        const actual = find(expected.key);
        if (!actual) continue; // a missing finding is reported by the exact-set tests
        const picked = Object.fromEntries(Object.keys(expected.data!).map((k) => [k, actual.data?.[k]]));
        expect({ key: expected.key, ...picked }).toEqual({ key: expected.key, ...expected.data });
        expect(actual.severity).toBe(expected.key.startsWith('ambiguous-table-owner') ? 'warn' : 'error');
      }
    });

    it("no-shared-database: each service on `app` is reported at its first setting, with every other service's setting as related", () => {
      const app = EXPECTED_CROSS.filter((e) => e.key.startsWith('no-shared-database') && e.data!.database === 'app');
      expect(app).toHaveLength(8);
      const location = (key: string) => key.replace(/^\S+ /, '').replace(/-\d+:\d+$/, '');
      for (const expected of app) {
        const actual = find(expected.key)!;
        const related = (actual.related ?? []).map((r) => `${r.file}:${r.range.line}:${r.range.column}`).sort();
        const others = app
          .filter((o) => o !== expected)
          .map((o) => location(o.key))
          .sort();
        expect({ service: expected.data!.service, related }).toEqual({ service: expected.data!.service, related: others });
      }
    });

    it('ambiguous-table-owner points each CREATE TABLE at the other one', () => {
      const business = find('ambiguous-table-owner services/business-service/migrations/V3__appointments.sql:2:28-2:40')!;
      expect(business.related?.map((r) => `${r.file}:${r.range.line}:${r.range.column}`)).toEqual([
        'services/appointment-service/migrations/V1__appointments.sql:1:28',
      ]);
    });

    it("a transaction over its own and another service's table: only the foreign statement is reported", () => {
      expect(inFile('services/payment-service/src/services/payment.service.ts', CROSS_RULES)).toEqual([
        "no-cross-service-query services/payment-service/src/services/payment.service.ts:11:17-11:25 Service 'payment-service' updates table 'invoices' owned by service 'billing-service'.",
      ]);
    });

    it('infers the databases of the service on three engines from .env and from code defaults', () => {
      const analytics = run.model.serviceByName('analytics-service')!;
      const databases = analytics.databases
        .map((d) => `${d.name}:${d.kind}@${[...new Set(d.sources.map((s) => `${s.file}:${s.range.line}`))].join(',')}`)
        .sort();
      expect(databases).toEqual([
        'analytics:postgresql@services/analytics-service/src/db/postgres.ts:6,infra/k8s/analytics-configmap.yaml:9',
        'analytics_events:mongodb@services/analytics-service/.env:5,services/analytics-service/src/db/mongo.ts:3',
        'app:mysql@services/analytics-service/.env:3',
      ]);
    });

    it("same-named `medications` in two private databases: each service's own query is silent, and the third service's read is foreign without a guessed owner", () => {
      for (const file of ['services/medication-service/src/medication.repository.ts', 'services/cds-service/src/interactions.ts']) {
        expect(inFile(file, [...CROSS_RULES, 'unknown-table'])).toEqual([]);
      }
      // Two owners, neither reachable from pharmacy_db: ambiguous, and foreign whichever it is (reported, see B8).
      expect(run.model.resolveTable({ name: 'medications' }, run.model.serviceByName('pharmacy-service'))).toMatchObject({
        kind: 'ambiguous',
      });
      expect(run.model.resolveTable({ name: 'medications' }, run.model.serviceByName('medication-service'))).toMatchObject({
        kind: 'owned',
        owner: { name: 'medication-service' },
      });
      expect(run.model.resolveTable({ name: 'medications' }, run.model.serviceByName('cds-service'))).toMatchObject({
        kind: 'owned',
        owner: { name: 'cds-service' },
      });
    });

    it('guesses no table anywhere: no unknown-table finding (holes, aliases, CTEs and prose are not tables)', () => {
      expect(keysOf(['unknown-table'])).toEqual([]);
    });
  });

  describe('look-alikes stay silent', () => {
    const SILENT_RULES = [
      ...CROSS_RULES,
      'unknown-table',
      'parse-error',
      'no-unsafe-env-default',
      'no-hardcoded-credentials',
      'boolean-column-name',
    ];
    const LOOKALIKES: Array<[string, string]> = [
      ['services/billing-service/src/utils/notifications.ts', 'table names in comments, log strings, error messages and UI text'],
      ['services/billing-service/src/services/report.service.ts', 'an alias and a CTE named like foreign tables; a same-service join'],
      ['services/billing-service/src/lib/touch.ts', 'a generic helper with an allow-list and an unresolved `${tableName}` hole'],
      [
        'services/billing-service/src/services/InvoiceService.ts',
        'own tables through `${TABLE}`, `+=` branches, concatenation and an unresolvable hole (only the two clinical reads are findings)',
      ],
      ['services/billing-service/migrations/V1__billing_schema.sql', 'a column named is_enabled; an apostrophe in a trailing comment'],
      ['services/auth-service/src/config/app.ts', "NODE_ENV || 'development', LOG_LEVEL || 'info', (API_KEYS || '').split(',')"],
      [
        'services/clinical-service/src/repositories/encounter.repository.ts',
        'same-service join with LATERAL, $1 placeholders, own Prisma model',
      ],
      [
        'services/lab-service/src/repositories/result.repository.ts',
        'Drizzle select on its own table (only the clinical read is a finding)',
      ],
      ['services/business-service/src/claims.repository.ts', 'own qualified table; an own table another service also creates'],
      ['services/appointment-service/src/appointments.repository.ts', 'an own table another service also creates'],
      [
        'services/billing-service/migrations/V2__billing_routines.sql',
        "DELIMITER $$ routines, PARTITION BY RANGE, EVENT, GRANT, FLUSH PRIVILEGES (only the trigger's write is a finding)",
      ],
      ['services/clinical-service/migrations/V1__clinical_schema.sql', 'CREATE EXTENSION, plpgsql $$ function, triggers'],
      ['services/clinical-service/migrations/V2__vital_signs_timescale.sql', 'TimescaleDB create_hypertable'],
      ['database/postgresql/01-clinical-notes.sql', 'psql \\c meta-command'],
      ['database/mysql/schema/clinical_data.sql', "USE db; a comment with an apostrophe (Worker's compensation)"],
    ];
    /** What each look-alike file may carry: the planted findings of EXPECTED_CROSS / EXPECTED_ENV in it. */
    const plantedIn = (file: string) =>
      [...EXPECTED_CROSS, ...EXPECTED_ENV, ...EXPECTED_PARSE]
        .filter((e) => e.key.split(' ')[1].startsWith(`${file}:`) && SILENT_RULES.includes(ruleOfKey(e.key)))
        .map((e) => e.key);
    for (const [file, what] of LOOKALIKES) {
      it(`${file}: ${what}`, () => {
        expect(
          keysOf(
            SILENT_RULES,
            run.diagnostics.filter((d) => d.file === file),
          ),
        ).toEqual(plantedIn(file).sort());
      });
    }

    // B1: auth's own Prisma model `User` (@@map("auth_users")) resolves to portal-service's `User` (@@map("portal_users")).
    it('[B1] services/auth-service/src/repositories/user.repository.ts: its own Prisma model and its own audit table', () => {
      expect(inFile('services/auth-service/src/repositories/user.repository.ts', SILENT_RULES)).toEqual([]);
    });
    // B2: test-file connection settings become the service's databases.
    it('[B2] services/auth-service/src/__tests__/database.test.ts and services/billing-service/test/setup.ts: defaults in test files', () => {
      expect(inFile('services/auth-service/src/__tests__/database.test.ts', SILENT_RULES)).toEqual([]);
      expect(inFile('services/billing-service/test/setup.ts', SILENT_RULES)).toEqual([]);
    });
    // B3: a same-named table in separate databases (medication_db, cds_db, analytics) is no conflict.
    it('[B3] medications migrations of medication-service, cds-service and analytics-service: same name, separate databases', () => {
      for (const file of [
        'services/medication-service/migrations/V1__medications.sql',
        'services/cds-service/migrations/V1__medications.sql',
        'services/analytics-service/migrations/V2__dim_medications.sql',
      ]) {
        expect(inFile(file, SILENT_RULES)).toEqual([]);
      }
    });
  });

  describe('secrets and defaults', () => {
    it('reports exactly the planted env defaults, apart from the known bugs', () => {
      expect(keysOf(['no-unsafe-env-default'])).toEqual(expectedWithKnownBugs(EXPECTED_ENV, ['no-unsafe-env-default']));
    });

    it('secrets are errors, connection settings warnings', () => {
      const got = EXPECTED_ENV.map((e) => `${e.key} ${find(e.key)?.severity}`);
      expect(got).toEqual(EXPECTED_ENV.map((e) => `${e.key} ${e.severity}`));
    });

    it('never echoes a secret value in any diagnostic', () => {
      const json = JSON.stringify(run.diagnostics);
      for (const secret of ['Xk9#mQ2$vL7!pR4w', 'Xk9#mQ2', 'dev-secret-key', 'whsec_local_dev']) expect(json).not.toContain(secret);
    });

    it('the ConfigMap outside every service: its password is reported at the value, redacted, and nothing else', () => {
      const key = 'no-hardcoded-credentials infra/k8s/analytics-configmap.yaml:8:20-8:36';
      expect(textAt(key)).toBe('Xk9#mQ2$vL7!pR4w');
      expect(run.diagnostics.filter((d) => d.file === 'infra/k8s/analytics-configmap.yaml').map((d) => `${keyOf(d)} ${d.message}`)).toEqual(
        [`${key} ConfigMap 'analytics-service' sets secret 'MYSQL_PASSWORD' to a literal value: **** (16+ chars).`],
      );
    });

    it('the same password as a code fallback and in the ConfigMap: each finding points at the other, without the value', () => {
      const related = (file: string, rule: string) =>
        run.diagnostics
          .filter((d) => d.file === file && d.ruleId === rule)
          .flatMap((d) => (d.related ?? []).map((r) => `${d.line}:${d.column} → ${r.file}:${r.range.line}:${r.range.column} ${r.message}`));
      expect(textAt('no-unsafe-env-default services/analytics-service/src/db/mysql.ts:7:43-7:61')).toBe("'Xk9#mQ2$vL7!pR4w'");
      expect(related('infra/k8s/analytics-configmap.yaml', 'no-hardcoded-credentials')).toEqual([
        "8:20 → services/analytics-service/src/db/mysql.ts:7:43 the same value is the code fallback of 'MYSQL_PASSWORD' here",
      ]);
      expect(related('services/analytics-service/src/db/mysql.ts', 'no-unsafe-env-default')).toEqual([
        "7:43 → infra/k8s/analytics-configmap.yaml:8:20 the same value is 'MYSQL_PASSWORD' of ConfigMap 'analytics-service' here",
      ]);
    });

    it('test files and settings that may default are not reported', () => {
      for (const file of [
        'services/auth-service/src/config/app.ts',
        'services/auth-service/src/__tests__/database.test.ts',
        'services/billing-service/test/setup.ts',
      ]) {
        expect(inFile(file, ['no-unsafe-env-default', 'no-hardcoded-credentials'])).toEqual([]);
      }
      // JWT_EXPIRES_IN and BCRYPT_SALT_ROUNDS (secrets.ts lines 8–9); NODE_ENV, PORT, LOG_LEVEL in Joi / zod / envalid / convict.
      const lines = (file: string) =>
        run.diagnostics.filter((d) => d.file === file && d.ruleId === 'no-unsafe-env-default').map((d) => d.line);
      expect(lines('services/auth-service/src/config/secrets.ts')).toEqual([2, 4, 6, 7]);
      expect(lines('services/billing-service/src/config/env.schema.ts')).toEqual([6, 7]);
      expect(lines('services/payment-service/src/config/env.ts')).toEqual([6, 7]);
      expect(lines('services/lab-service/src/config/env.ts')).toEqual([6]);
      expect(lines('services/clinical-service/src/config/convict.ts')).toEqual([14, 21]);
    });
  });

  describe('build output and file variants', () => {
    const SKIPPED = [
      'services/billing-service/dist/config/database.js',
      'services/billing-service/dist/services/InvoiceService.js',
      'services/orchestrator-service/dist/routes/data.routes.js',
      'services/gateway-service/tmp/debug-query.ts', // .gitignore'd
    ];
    const COMPILED_BESIDE_TS = ['services/gateway-service/src/shared/legacy-invoices.js', 'shared/middleware/auth.js'];

    it("skips dist/ and .gitignore'd files, and a notice says how many", () => {
      for (const file of SKIPPED) expect(run.lintedFiles).not.toContain(file);
      expect(run.diagnostics.filter((d) => SKIPPED.includes(d.file))).toEqual([]);
      const skippedBeside = COMPILED_BESIDE_TS.filter((f) => !run.lintedFiles.includes(f)).length;
      expect(run.filesSkipped).toBe(SKIPPED.length + skippedBeside);
      expect(run.notices).toContain(`${run.filesSkipped} file(s) in build output or .gitignore'd folders were skipped (dist/, build/, …).`);
    });

    it('lints *.old.ts and *.backup.ts variants', () => {
      for (const file of [
        'services/billing-service/src/services/invoice.service.old.ts',
        'services/payment-service/src/services/payment.service.backup.ts',
      ]) {
        expect(run.lintedFiles).toContain(file);
        expect(inFile(file, ['no-cross-service-query'])).toHaveLength(1);
      }
    });

    // B4: REAL-CODE-PATTERNS: ".js files compiled beside .ts in a shared folder … repeat every finding; skip them
    // by default … and say how many files were skipped". Decided: a .js whose same-named .ts sits in the same
    // folder is build output. Today both are linted and every finding is reported twice.
    it('[B4] skips a .js compiled beside its .ts and counts it', () => {
      for (const file of COMPILED_BESIDE_TS) expect(run.lintedFiles).not.toContain(file);
      expect(run.filesSkipped).toBe(SKIPPED.length + COMPILED_BESIDE_TS.length);
    });
  });

  describe('parse errors', () => {
    it('reports exactly the statements the parsers reject, apart from the known bugs', () => {
      expect(keysOf(['parse-error'])).toEqual(expectedWithKnownBugs(EXPECTED_PARSE, ['parse-error']));
    });

    it('reports SQL of the other engine as a dialect mismatch, exactly where the service parser rejects it', () => {
      expect(keysOf(['migration-dialect-mismatch'])).toEqual(EXPECTED_MISMATCH.map((e) => e.key).sort());
    });

    it('valid dialect-specific SQL is not a parse error (DELIMITER, PARTITION, FLUSH, EVENT, plpgsql, \\c, create_hypertable)', () => {
      const files = run.model.files.filter((f) => f.sql).map((f) => f.path);
      const withErrors = new Set(run.diagnostics.filter((d) => d.ruleId === 'parse-error').map((d) => d.file));
      const clean = files.filter((f) => !withErrors.has(f));
      for (const file of [
        'services/billing-service/migrations/V2__billing_routines.sql',
        'services/billing-service/migrations/V3__reporting_views_pg.sql',
        'services/clinical-service/migrations/V1__clinical_schema.sql',
        'services/clinical-service/migrations/V2__vital_signs_timescale.sql',
        'database/postgresql/01-clinical-notes.sql',
        'database/mysql/schema/business_operations.sql',
      ]) {
        expect(clean).toContain(file);
      }
    });

    it('a "PostgreSQL" schema with MySQL syntax is parsed partly, and its table references still count', () => {
      const schema = run.model.files.find((f) => f.path === 'services/lab-service/database/postgres/schema.sql')!;
      expect(schema.sql!.dialect).toBe('postgresql');
      expect(schema.sql!.statements.map((s) => `${s.parse}${s.parseError ? ' (error)' : ''}`)).toEqual([
        'partial (error)',
        'full',
        'partial (error)',
      ]);
      // The FK inside the COMMENT-broken CREATE TABLE, and the read inside INSERT IGNORE … SELECT.
      expect(find('no-cross-service-foreign-key services/lab-service/database/postgres/schema.sql:5:39-5:47')?.data?.owner).toBe(
        'clinical-service',
      );
      expect(find('no-cross-service-query services/lab-service/database/postgres/schema.sql:22:21-22:29')?.data?.owner).toBe(
        'clinical-service',
      );
    });
  });

  describe('fixed bugs (each asserts the correct behaviour)', () => {
    // B1 — src/engine/runner.ts collectEntityTables keys ORM symbols by name across the whole repository
    // (`prisma:user`, `typeorm:patient`, `*:patient`); the last file defining the name wins, so auth-service's
    // own `prisma.user` resolves to portal-service's `model User { @@map("portal_users") }`.
    it('[B1] prisma.user in auth-service resolves to its own model User (@@map("auth_users"))', () => {
      expect(inFile('services/auth-service/src/repositories/user.repository.ts', ['no-cross-service-query'])).toEqual([]);
    });

    // B2 — src/project/connections.ts findConnections reads every file of the service, tests included.
    it("[B2] databases named only in test files are not the service's databases", () => {
      expect(run.model.serviceByName('billing-service')!.databases.map((d) => d.name)).toEqual(['app']);
      expect(run.model.serviceByName('auth-service')!.databases.map((d) => d.name)).toEqual(['app']);
      expect(keysOf(['no-shared-database']).filter((k) => k.includes('/test'))).toEqual([]);
    });

    // B3 — src/project/build-model.ts soleDatabase() is undefined for a service with two relational databases,
    // so analytics' PostgreSQL migration tables get no database, and rules/ambiguous-table-owner.ts lets a
    // database-less declaration collide with every database.
    it('[B3] a PostgreSQL migration of a mysql+pg service lands in its PostgreSQL database; no medications conflict', () => {
      const analytics = run.model.serviceByName('analytics-service')!;
      expect(analytics.createdTables.map((t) => `${t.table}@${t.database}`)).toEqual([
        'report_snapshots@analytics',
        'medications@analytics',
      ]);
      expect(keysOf(['ambiguous-table-owner']).filter((k) => k.includes('medications'))).toEqual([]);
    });

    // B5 — src/parsers/typescript/orm.ts collects Sequelize definitions (define / init) but no uses.
    it("[B5] Invoice.findAll() on billing's Sequelize model is a read of invoices from payment-service", () => {
      const d = find('no-cross-service-query services/payment-service/src/repositories/invoice-model.usage.ts:6:10-6:17');
      expect(d?.data).toMatchObject({ service: 'payment-service', table: 'invoices', owner: 'billing-service' });
    });

    // B6 — src/parsers/typescript/orm.ts handles db.select().from(t), db.insert(t), … but not db.query.<table>.findMany().
    it('[B6] db.query.labResults.findMany() is a read of lab_results from portal-service', () => {
      const d = find('no-cross-service-query services/portal-service/src/services/lab-history.service.ts:7:19-7:29');
      expect(d?.data).toMatchObject({ service: 'portal-service', table: 'lab_results', owner: 'lab-service' });
    });

    // B7 — src/project/dialect.ts sqlFileDialect tests MYSQL_SYNTAX (any backtick) against the whole text,
    // comments included: `-- … (PostgreSQL \`analytics\` database)` makes a PostgreSQL file ambiguous, and the
    // mixed-driver service falls back to the default dialect, MySQL.
    it('[B7] a backtick in a comment does not make a PostgreSQL migration MySQL', () => {
      const file = run.model.files.find((f) => f.path === 'services/analytics-service/migrations/V2__dim_medications.sql')!;
      expect(file.sql!.dialect).toBe('postgresql');
      expect(inFile(file.path, ['parse-error'])).toEqual([]);
    });

    // B8 (a design gap, closed) — pharmacy-service reads `medications`, which only other services create, in
    // databases pharmacy_db does not reach. resolveTable says 'ambiguous' and ambiguous-table-owner rightly
    // stays quiet (separate databases); whichever owner it is, it is not pharmacy-service, so
    // no-cross-service-query reports the access naming every candidate owner, none guessed (`q(…)` above).
    it('[B8] a bare foreign table with several unreachable owners is reported by some rule', () => {
      const rules = ['no-cross-service-query', 'unknown-table', 'ambiguous-table-owner'];
      expect(
        run.diagnostics.filter((d) => rules.includes(d.ruleId) && keyOf(d).endsWith('services/pharmacy-service/src/dispense.ts:7:53-7:64')),
      ).not.toEqual([]);
    });
  });
});
