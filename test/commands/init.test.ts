import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli.js';
import { loadConfig, parseConfigText } from '../../src/config/load.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { SCHEMA_REFERENCE } from '../../src/commands/init-config.js';
import { EDGE_RULES } from '../../src/commands/ownership.js';
import { lint } from '../../src/lint.js';

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

function capture(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    isTTY: false,
    env: {},
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
  };
  return io;
}

const crossServiceFindings = (diagnostics: Awaited<ReturnType<typeof lint>>['diagnostics']) =>
  diagnostics.filter((d) => d.ruleId in EDGE_RULES).map((d) => ({ ruleId: d.ruleId, file: d.file, line: d.line, column: d.column }));

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
    const handWritten = await lint({ cwd: sample });
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

  it('refuses to overwrite the config without --force (exit 2), and overwrites with it', async () => {
    const file = path.join(dir, 'nilecare-lint.config.json');
    writeFileSync(file, '{ "rules": { "unknown-table": "warn" } }\n');
    const refused = capture();
    expect(await runCli(['init', '--cwd', dir], refused)).toBe(2);
    expect(refused.err).toContain('nilecare-lint.config.json already exists; run with --force to overwrite it');
    expect(readFileSync(file, 'utf8')).toBe('{ "rules": { "unknown-table": "warn" } }\n');

    const forced = capture();
    expect(await runCli(['init', '--cwd', dir, '--force'], forced)).toBe(0);
    expect(forced.out).toContain('Overwrote nilecare-lint.config.json');
    expect(readFileSync(file, 'utf8')).toBe(written);
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
    expect(text).toContain('// TODO: no driver in package.json and no connection setting name the dialect');
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
    expect(io.err).toContain('no services found (folders with a package.json under services/*');
    expect(existsSync(path.join(dir, 'nilecare-lint.config.json'))).toBe(false);
  });
});
