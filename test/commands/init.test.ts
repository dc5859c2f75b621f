import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { SCHEMA_REFERENCE } from '../../src/commands/init-config.js';
import { EDGE_RULES } from '../../src/commands/ownership.js';
import { loadConfig } from '../../src/config/load.js';
import { lint } from '../../src/lint.js';
import { cliInMemory, fixtureCopyInMemory, repoInMemory, writtenText, type MemoryFiles } from '../cli-memory.js';
import { filesUnder, fixtureFacts, fixtureListings } from '../fixture-tree.js';

// init over repositories in memory (test/cli-memory.ts): what it reads, prints and writes. Writing to disk, links
// and unreadable configs: test/e2e/init-disk.test.ts.
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sample = path.join(root, 'fixtures', 'sample-monorepo');
const undecidedFixture = path.join(root, 'fixtures', 'init', 'undecided');
const CONFIG = 'nilecare-lint.config.json';

/** A copy of a fixture repository without its config, in memory. */
const copyOf = (fixture: string): MemoryFiles => fixtureCopyInMemory(fixture, [CONFIG]);

const crossServiceFindings = (diagnostics: Awaited<ReturnType<typeof lint>>['diagnostics']) =>
  diagnostics.filter((d) => EDGE_RULES.has(d.ruleId)).map((d) => ({ ruleId: d.ruleId, file: d.file, line: d.line, column: d.column }));

describe('nilecare-lint init on a copy of the sample monorepo without its config', () => {
  let dir: MemoryFiles;
  let io: Awaited<ReturnType<typeof cliInMemory>>;
  let written: string;
  let config: NilecareConfig;

  beforeAll(async () => {
    dir = copyOf(sample);
    io = await cliInMemory(dir, ['init']);
    written = writtenText(dir, CONFIG)!;
    config = parseConfigText(written, CONFIG);
  });

  it('writes a commented config and exits 0', () => {
    expect(io.code, io.stderr).toBe(0);
    expect([...dir.written.keys()]).toEqual([dir.resolve(CONFIG)]);
    expect(written).toMatch(/^\/\/ /);
    expect(config.$schema).toBe(SCHEMA_REFERENCE);
    expect(config.rules).toEqual({});
    expect(io.stdout).toContain('Wrote nilecare-lint.config.json');
  });

  it('yields the same cross-service findings as the hand-written config', async () => {
    const handWritten = await lint({ cwd: sample, listingCache: fixtureListings, factsCache: fixtureFacts() });
    const inferred = await lint({ cwd: dir.resolve('.'), ...dir.source() });
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
    const file = dir.resolve(CONFIG);
    const own = '{\n  // agreed with the reports team\n  "rules": { "unknown-table": "warn" }\n}\n';
    dir.write(file, own, { root: dir.resolve('.') });
    const refused = await cliInMemory(dir, ['init']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('nilecare-lint.config.json already exists; run with --force to merge what init infers into it');
    expect(writtenText(dir, CONFIG)).toBe(own);

    const forced = await cliInMemory(dir, ['init', '--force']);
    expect(forced.code).toBe(0);
    const merged = writtenText(dir, CONFIG)!;
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
    expect(forced.stdout).toContain(
      'Merged into nilecare-lint.config.json (its comments, allow entries and other options kept):\n  - $schema: set to',
    );
    expect(forced.stdout).toContain(`\n  - services: added ${services!.map((s) => `'${s.name}'`).join(', ')}\n`);

    const writes = dir.written.size;
    const again = await cliInMemory(dir, ['init', '--force']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nilecare-lint.config.json already holds everything init infers; nothing changed.');
    expect(dir.written.size).toBe(writes);
    expect(writtenText(dir, CONFIG)).toBe(merged);

    dir.write(file, '{ "services": [ }\n', { root: dir.resolve('.') });
    const broken = await cliInMemory(dir, ['init', '--force']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(
      'nilecare-lint init: cannot merge into nilecare-lint.config.json: expected a value. Fix it, or move it aside',
    );
    expect(writtenText(dir, CONFIG)).toBe('{ "services": [ }\n');
    dir.write(file, written, { root: dir.resolve('.') });
  });

  it('--dry-run and --stdout print the config and write nothing', async () => {
    const fresh = copyOf(sample);
    for (const flag of ['--dry-run', '--stdout']) {
      const out = await cliInMemory(fresh, ['init', flag]);
      expect(out.code).toBe(0);
      expect(out.stdout).toBe(written);
      expect(out.stderr).toContain('Could not decide');
      expect(fresh.written.size).toBe(0);
    }
  });

  it("--pin-databases writes each service's databases", async () => {
    const out = await cliInMemory(copyOf(sample), ['init', '--stdout', '--pin-databases']);
    expect(out.code).toBe(0);
    const pinned = parseConfigText(out.stdout, 'pinned.json');
    expect(pinned.services!.find((s) => s.name === 'clinical-service')!.databases).toEqual(['clinical_data']);
  });
});

describe('nilecare-lint init on a repository it cannot fully decide', () => {
  let io: { err: string };
  let config: NilecareConfig;
  let text: string;

  beforeAll(async () => {
    const outcome = await cliInMemory(copyOf(undecidedFixture), ['init', '--stdout']);
    expect(outcome.code).toBe(0);
    io = { err: outcome.stderr };
    text = outcome.stdout;
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
    const database = Object.entries(filesUnder(path.join(undecidedFixture, 'database')));
    const dir = repoInMemory(Object.fromEntries(database.map(([file, bytes]) => [`database/${file}`, bytes])), { root: '/memory/empty' });
    const io = await cliInMemory(dir, ['init']);
    expect(io.code).toBe(2);
    expect(io.stderr).toContain(
      'no services found in /memory/empty: no folder with its own package.json and a database driver or ORM (in it or in its lock file), migrations, a Prisma schema or entities.',
    );
    expect(dir.written.size).toBe(0);
  });
});

describe('nilecare-lint init reports what each service is made of', () => {
  it('per service: files, tables, what made it a service and where its dialect came from; folders set aside; services with no files or no tables', async () => {
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
    const io = await cliInMemory(repoInMemory(files), ['init', '--stdout']);
    expect(io.code).toBe(0);
    expect(io.stderr).toContain(
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
    expect(io.stderr).toContain("  - service 'ledger' has no files the linter reads under services/ledger\n");
    expect(io.stderr).toContain("  - service 'stock' creates no tables (no CREATE TABLE, ORM entity or Prisma model found)\n");
    expect(io.stderr).not.toContain("service 'orders' creates no tables");
    const config = parseConfigText(io.stdout, 'nilecare-lint.config.json');
    expect(config.services!.map((s) => [s.name, s.roots, s.dialect])).toEqual([
      ['ledger', ['services/ledger'], 'postgresql'],
      ['orders', ['services/orders'], 'postgresql'],
      ['stock', ['services/stock'], 'mysql'],
    ]);
    expect(io.stdout).toContain('"dialect": "postgresql", // from @acme/db → pg in services/ledger/package-lock.json');
  });
});
