import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { loadConfig, parseConfigText } from '../../src/config/load.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { SCHEMA_REFERENCE } from '../../src/commands/init-config.js';
import { EDGE_RULES } from '../../src/commands/ownership.js';
import { lint } from '../../src/lint.js';
import { fixtureListings } from '../fixture-tree.js';
import { captureIo } from '../support/capture-io.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sample = path.join(root, 'fixtures', 'sample-monorepo');
const undecidedFixture = path.join(root, 'fixtures', 'init', 'undecided');

const temp = mkdtempSync(path.join(tmpdir(), 'nilecare-init-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A fresh copy of a fixture repository without its config. */
function copyOf(fixture: string, name: string): string {
  const dir = path.join(temp, name);
  cpSync(fixture, dir, { recursive: true });
  rmSync(path.join(dir, 'nilecare-lint.config.json'), { force: true });
  return dir;
}

const capture = () => captureIo();

const crossServiceFindings = (diagnostics: Awaited<ReturnType<typeof lint>>['diagnostics']) =>
  diagnostics.filter((d) => EDGE_RULES.has(d.ruleId)).map((d) => ({ ruleId: d.ruleId, file: d.file, line: d.line, column: d.column }));

describe('nilecare-lint init on a copy of the sample monorepo without its config', () => {
  let dir: string;
  let io: ReturnType<typeof capture>;
  let exitCode: number;
  let written: string;
  let config: NilecareConfig;

  beforeAll(async () => {
    dir = copyOf(sample, 'sample');
    io = capture();
    exitCode = await runCli(['init', '--cwd', dir], io);
    written = readFileSync(path.join(dir, 'nilecare-lint.config.json'), 'utf8');
    config = parseConfigText(written, 'nilecare-lint.config.json');
  });

  it('writes a commented config and exits 0', () => {
    expect(exitCode, io.err).toBe(0);
    expect(written).toMatch(/^\/\/ /);
    expect(config.$schema).toBe(SCHEMA_REFERENCE);
    expect(config.rules).toEqual({});
    expect(io.out).toContain('Wrote nilecare-lint.config.json');
  });

  it('yields the same cross-service findings as the hand-written config', async () => {
    const handWritten = await lint({ cwd: sample, listingCache: fixtureListings });
    const inferred = await lint({ cwd: dir });
    expect(inferred.configFile).toBe('nilecare-lint.config.json');
    const expected = crossServiceFindings(handWritten.diagnostics);
    expect(expected.length).toBeGreaterThan(0);
    expect(crossServiceFindings(inferred.diagnostics)).toEqual(expected);
  });

  it('proposes the same database owners as the hand-written config', () => {
    const handWritten = loadConfig(sample)!.config;
    expect(config.databases).toEqual(handWritten.databases);
    expect(written).toContain(
      "// TODO: 'nilecare' is shared by 'auth-service', 'billing-service', 'main-nilecare', 'payment-gateway-service'",
    );
  });

  it('infers services, dialects and table ownership', () => {
    const byName = new Map(config.services!.map((s) => [s.name, s]));
    expect([...byName.keys()]).toEqual([
      'auth-service',
      'billing-service',
      'business-service',
      'clinical-service',
      'main-nilecare',
      'payment-gateway-service',
    ]);
    expect(byName.get('clinical-service')!.dialect).toBe('postgresql');
    expect(byName.get('auth-service')).toMatchObject({
      roots: ['services/auth-service'],
      dialect: 'mysql',
      tables: ['auth_*'],
      prefixes: ['auth_'],
    });
    expect(byName.get('billing-service')!.tables).toEqual(expect.arrayContaining(['billing_accounts', 'invoices']));
    expect(byName.get('payment-gateway-service')).toMatchObject({ tables: ['payments'], prefixes: ['payment_gateway_'] });
    expect(config.dialect).toBe('mysql');
    // Databases stay inferred from the files (a comment shows them), unless --pin-databases.
    expect(byName.get('auth-service')!.databases).toBeUndefined();
    expect(written).toContain('// "databases": ["nilecare"], // read on every run from services/auth-service/.env.example:3 DB_NAME');
  });

  it('validates against the shipped JSON Schema', () => {
    const schema = JSON.parse(readFileSync(path.join(root, 'schema', 'config.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses to touch the config without --force (exit 2), and merges into it with --force', async () => {
    const file = path.join(dir, 'nilecare-lint.config.json');
    const own = '{\n  // agreed with the reports team\n  "rules": { "unknown-table": "warn" }\n}\n';
    writeFileSync(file, own);
    const refused = capture();
    expect(await runCli(['init', '--cwd', dir], refused)).toBe(2);
    expect(refused.err).toContain('nilecare-lint.config.json already exists; run with --force to merge what init infers into it');
    expect(readFileSync(file, 'utf8')).toBe(own);

    const forced = capture();
    expect(await runCli(['init', '--cwd', dir, '--force'], forced)).toBe(0);
    const merged = readFileSync(file, 'utf8');
    // The user's lines stay as they were; what init learned is added after them.
    expect(merged.startsWith('{\n  // agreed with the reports team\n  "rules": { "unknown-table": "warn" },\n  "$schema": ')).toBe(true);
    const { $schema, dialect, services, databases } = config;
    expect(parseConfigText(merged, 'nilecare-lint.config.json')).toEqual({
      rules: { 'unknown-table': 'warn' },
      $schema,
      dialect,
      services,
      databases,
    });
    expect(forced.out).toContain(
      'Merged into nilecare-lint.config.json (its comments, allow entries and other options kept):\n  - $schema: set to',
    );
    expect(forced.out).toContain(`\n  - services: added ${services!.map((s) => `'${s.name}'`).join(', ')}\n`);

    const again = capture();
    expect(await runCli(['init', '--cwd', dir, '--force'], again)).toBe(0);
    expect(again.out).toContain('nilecare-lint.config.json already holds everything init infers; nothing changed.');
    expect(readFileSync(file, 'utf8')).toBe(merged);

    writeFileSync(file, '{ "services": [ }\n');
    const broken = capture();
    expect(await runCli(['init', '--cwd', dir, '--force'], broken)).toBe(2);
    expect(broken.err).toContain(
      'nilecare-lint init: cannot merge into nilecare-lint.config.json: expected a value. Fix it, or move it aside',
    );
    expect(readFileSync(file, 'utf8')).toBe('{ "services": [ }\n');
    writeFileSync(file, written);
  });

  it('--dry-run and --stdout print the config and write nothing', async () => {
    const fresh = copyOf(sample, 'sample-dry-run');
    for (const flag of ['--dry-run', '--stdout']) {
      const out = capture();
      expect(await runCli(['init', '--cwd', fresh, flag], out)).toBe(0);
      expect(out.out).toBe(written);
      expect(out.err).toContain('Could not decide');
      expect(existsSync(path.join(fresh, 'nilecare-lint.config.json'))).toBe(false);
    }
  });

  it("--pin-databases writes each service's databases", async () => {
    const out = capture();
    expect(await runCli(['init', '--cwd', copyOf(sample, 'sample-pin'), '--stdout', '--pin-databases'], out)).toBe(0);
    const pinned = parseConfigText(out.out, 'pinned.json');
    expect(pinned.services!.find((s) => s.name === 'clinical-service')!.databases).toEqual(['clinical_data']);
  });
});

describe('nilecare-lint init on a repository it cannot fully decide', () => {
  let io: ReturnType<typeof capture>;
  let config: NilecareConfig;
  let text: string;

  beforeAll(async () => {
    io = capture();
    expect(await runCli(['init', '--cwd', copyOf(undecidedFixture, 'undecided'), '--stdout'], io)).toBe(0);
    text = io.out;
    config = parseConfigText(text, 'nilecare-lint.config.json');
  });

  it('names both services that create the same table, and claims it for neither', () => {
    expect(io.err).toContain(
      "table 'users' is created by 'accounts' (services/accounts/migrations/V1__init.sql:3) and 'audit' (services/audit/migrations/V1__init.sql:2)",
    );
    for (const service of config.services!) expect(service.tables).not.toContain('users');
  });

  it("lists exact names when a prefix glob would claim another service's table", () => {
    const accounts = config.services!.find((s) => s.name === 'accounts')!;
    expect(accounts.tables).toEqual(['acct_roles', 'acct_users']);
    expect(text).toContain("exact names: 'acct_*' would also match 'acct_audit' created elsewhere");
    // Both services' tables start with 'acct_': neither gets it as its prefix.
    expect(accounts.prefixes).toEqual(['accounts_']);
    expect(io.err).toContain("prefix 'acct_' fits 'accounts' and 'audit'");
  });

  it('reports services without database settings, shared databases and unowned root schemas', () => {
    expect(io.err).toContain("service 'reports-service' has no database settings");
    expect(io.err).toContain("database 'platform' is shared by 'accounts', 'audit'");
    expect(io.err).toContain(
      "database 'reports' (database/schema/reports.sql) has no service connecting to it; the name suggests 'reports-service'",
    );
    expect(io.err).toContain('database/legacy.sql creates tables outside every service without USE / CREATE DATABASE');
    expect(config.databases).toEqual({});
    expect(text).toContain('// "reports": "reports-service",');
    expect(text).toContain(
      '// TODO: dialect unknown: no driver, ORM option, Prisma provider, connection URL or one-dialect SQL names it: add "dialect" if it runs SQL.',
    );
  });

  it('takes the dialect most services use as the default', () => {
    expect(config.dialect).toBe('postgresql');
  });
});

describe('nilecare-lint init without services', () => {
  it('exits 2 and explains where it looked', async () => {
    const dir = path.join(temp, 'empty');
    cpSync(path.join(undecidedFixture, 'database'), path.join(dir, 'database'), { recursive: true });
    const io = capture();
    expect(await runCli(['init', '--cwd', dir], io)).toBe(2);
    expect(io.err).toContain(
      'no services found in ' +
        dir +
        ': no folder with its own package.json and a database driver or ORM (in it or in its lock file), migrations, a Prisma schema or entities.',
    );
    expect(existsSync(path.join(dir, 'nilecare-lint.config.json'))).toBe(false);
  });
});

describe('nilecare-lint init reports what each service is made of', () => {
  it('per service: files, tables, what made it a service and where its dialect came from; folders set aside; services with no files or no tables', async () => {
    const dir = path.join(temp, 'made-of');
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['services/*', 'apps/*'] }),
      'services/orders/package.json': JSON.stringify({ name: 'orders', dependencies: { pg: '^8.11.0' } }),
      'services/orders/migrations/V1__orders.sql': 'CREATE TABLE orders (id UUID PRIMARY KEY, placed_at TIMESTAMPTZ NOT NULL);\n',
      'services/orders/.env.example': 'PGDATABASE=orders\n',
      'services/stock/package.json': JSON.stringify({ name: 'stock', dependencies: { knex: '^3.1.0' } }),
      'services/stock/knexfile.js': "module.exports = { client: 'mysql2', connection: { database: 'stock' } };\n",
      'services/ledger/package.json': JSON.stringify({ name: 'ledger', dependencies: { '@acme/db': '^1.0.0' } }),
      'services/ledger/package-lock.json': JSON.stringify({
        lockfileVersion: 3,
        packages: { 'node_modules/@acme/db': { dependencies: { pg: '^8.11.0' } } },
      }),
      'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { react: '^18.0.0', 'react-dom': '^18.0.0' } }),
      'apps/web/src/main.tsx': 'export const App = () => null;\n',
    };
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    }
    const io = capture();
    expect(await runCli(['init', '--cwd', dir, '--stdout'], io)).toBe(0);
    expect(io.err).toContain(
      [
        'What each service is made of:',
        '  ledger (services/ledger): 0 file(s), 0 table(s)',
        '    found: @acme/db → pg (services/ledger/package-lock.json)',
        '    dialect: postgresql from @acme/db → pg in services/ledger/package-lock.json',
        '  orders (services/orders): 2 file(s), 1 table(s)',
        '    found: pg, services/orders/migrations/ (1 file)',
        '    dialect: postgresql from pg in services/orders/package.json',
        '  stock (services/stock): 1 file(s), 0 table(s)',
        '    found: knex, services/stock/knexfile.js',
        "    dialect: mysql from client: 'mysql2' in services/stock/knexfile.js:1",
        '',
        'Not services:',
        '  apps/web: no driver, ORM, migrations, Prisma schema or entities',
      ].join('\n'),
    );
    expect(io.err).toContain("  - service 'ledger' has no files the linter reads under services/ledger\n");
    expect(io.err).toContain("  - service 'stock' creates no tables (no CREATE TABLE, ORM entity or Prisma model found)\n");
    expect(io.err).not.toContain("service 'orders' creates no tables");
    const config = parseConfigText(io.out, 'nilecare-lint.config.json');
    expect(config.services!.map((s) => [s.name, s.roots, s.dialect])).toEqual([
      ['ledger', ['services/ledger'], 'postgresql'],
      ['orders', ['services/orders'], 'postgresql'],
      ['stock', ['services/stock'], 'mysql'],
    ]);
    expect(io.out).toContain('"dialect": "postgresql", // from @acme/db → pg in services/ledger/package-lock.json');
  });

  it('a repository whose services are linked from apps/: one service each, at the real folder', async () => {
    const dir = path.join(temp, 'linked');
    cpSync(path.join(root, 'fixtures', 'layouts', 'symlinked-services'), dir, { recursive: true, verbatimSymlinks: true });
    const io = capture();
    expect(await runCli(['init', '--cwd', dir, '--stdout'], io)).toBe(0);
    const config = parseConfigText(io.out, 'nilecare-lint.config.json');
    expect(config.services!.map((s) => [s.name, s.roots])).toEqual([
      ['auth-service', ['services/auth-service']],
      ['billing-service', ['services/billing-service']],
      ['notification-service', ['services/notification-service']],
    ]);
    expect(io.err).toContain('  auth-service (services/auth-service): 5 file(s), 3 table(s)\n');
    expect(io.err).not.toMatch(/has no files|creates no tables/);
  });
});
