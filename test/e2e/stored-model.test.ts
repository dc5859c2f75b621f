/**
 * `--cache` keeps the project model with the facts (src/stored-model.ts): a warm run whose files declare
 * what they declared when the model was built takes it instead of building one, and finds exactly what a
 * run without any cache finds; a change the model is built from (a table created, a dependency, a file
 * added, the config) builds it again.
 * In the e2e project: the stored model exists only in the cache file of a run on disk (lint() keeps none over a
 * memory tree), and the damage loop alone lints 29 times (4.3 s of CPU at load 13).
 */
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FileFactsCache } from '../../src/analysis/facts-cache.js';
import { lint, type LintRun } from '../../src/lint.js';

const sample = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/sample-monorepo');
const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function copyOfSample(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'nilecare-stored-model-'));
  temps.push(dir);
  cpSync(sample, dir, { recursive: true });
  return dir;
}

/**
 * Three services of the sample with their part of its config: billing and payment-gateway (one MySQL database,
 * a cross-service query, two migrations) and business, which owns a database of its own. For what the stored
 * model does with damage, a change or a run that leaves it, where the whole sample's findings add nothing (the
 * first test keeps them). A lint of it costs about a third of the sample's; the last test alone lints 29 times.
 */
function copyOfThreeServices(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'nilecare-stored-model-'));
  temps.push(dir);
  for (const service of ['billing-service', 'payment-gateway-service', 'business-service'])
    cpSync(path.join(sample, 'services', service), path.join(dir, 'services', service), { recursive: true });
  writeFileSync(
    path.join(dir, 'nilecare-lint.config.json'),
    `{
  "dialect": "mysql",
  "services": [
    { "name": "billing-service", "roots": ["services/billing-service"], "tables": ["invoices", "billing_*"], "prefixes": ["billing_"] },
    { "name": "payment-gateway-service", "roots": ["services/payment-gateway-service"], "tables": ["payments"], "prefixes": ["payment_"] },
    { "name": "business-service", "roots": ["services/business-service"] }
  ],
  "databases": { "business_operations": "business-service" },
  "rules": {
    "unknown-table": "warn"
  }
}
`,
  );
  return dir;
}

async function cached(cwd: string): Promise<LintRun> {
  const cache = FileFactsCache.open({ base: cwd, location: '.nilecare-lint-cache', toolVersion: '1.0.0' });
  const run = await lint({ cwd, factsCache: cache });
  cache.save();
  return run;
}

/** What a reporter shows of a run: findings, notices, warnings. */
const shown = (run: LintRun) => JSON.stringify([run.diagnostics, run.notices, run.warnings, run.filesLinted]);

describe('the stored model', () => {
  it('is taken by a warm run, and by one whose changed file declares what it declared', async () => {
    const cwd = copyOfSample();
    const cold = await cached(cwd);
    expect(cold.storedModel).toEqual({ stored: true });
    const warm = await cached(cwd);
    expect(warm.storedModel).toEqual({ taken: true });
    expect(shown(warm)).toBe(shown(cold));
    // A comment and a query: what rules read, not what the model is built from.
    appendFileSync(
      path.join(cwd, 'services/billing-service/src/services/InvoiceService.ts'),
      "\n// a note\nexport const audit = (db: any) => db.query('SELECT id FROM payments');\n",
    );
    const edited = await cached(cwd);
    expect(edited.storedModel).toEqual({ taken: true });
    expect(shown(edited)).toBe(shown(await lint({ cwd })));
    expect(edited.diagnostics.some((d) => d.file.endsWith('InvoiceService.ts') && d.ruleId === 'no-cross-service-query')).toBe(true);
    // Edited again: compared with the facts the last run kept (themselves compared with the model's), not the model's own.
    const service = path.join(cwd, 'services/billing-service/src/services/InvoiceService.ts');
    appendFileSync(service, '// another note\n');
    expect((await cached(cwd)).storedModel).toEqual({ taken: true });
    // … and once it declares a table, the model is built again, whichever earlier facts it is compared with.
    appendFileSync(service, "export const ddl = (db: any) => db.query('CREATE TABLE billing_audit (id INT PRIMARY KEY)');\n");
    const declared = await cached(cwd);
    expect(declared.storedModel).toMatchObject({ stored: true, because: expect.stringContaining('InvoiceService.ts') });
    expect(shown(declared)).toBe(shown(await lint({ cwd })));
    // An import is seen in the file's own facts, before the stored model's data is decoded.
    expect((await cached(cwd)).storedModel).toEqual({ taken: true });
    appendFileSync(service, "import { randomUUID } from 'node:crypto';\nexport const id = () => randomUUID();\n");
    const imported = await cached(cwd);
    expect(imported.storedModel).toMatchObject({ stored: true, because: expect.stringContaining('InvoiceService.ts') });
    expect(shown(imported)).toBe(shown(await lint({ cwd })));
  }, 120_000);

  it('without a config: a file that comes to open a connection builds it again; one over the size cap is compared by its signature', async () => {
    const cwd = copyOfSample();
    rmSync(path.join(cwd, 'nilecare-lint.config.json'));
    // Unread (over the size cap): no facts in the cache, so its signature is stored with the model.
    writeFileSync(path.join(cwd, 'services/billing-service/src/huge.ts'), `// ${'x'.repeat(8 * 1024 * 1024)}\n`);
    const cold = await cached(cwd);
    expect(cold.storedModel).toEqual({ stored: true });
    const warm = await cached(cwd);
    expect(warm.storedModel).toEqual({ taken: true });
    expect(shown(warm)).toBe(shown(cold));
    // An inferred service's discovery reads whether its code opens a connection (FileFacts.opensConnection).
    const helper = path.join(cwd, 'services/billing-service/src/services/InvoiceService.ts');
    appendFileSync(helper, '\n// a note\n');
    expect((await cached(cwd)).storedModel).toEqual({ taken: true });
    appendFileSync(helper, 'export const start = (app: any) => app.listen(3000);\n');
    const listens = await cached(cwd);
    expect(listens.storedModel).toMatchObject({ stored: true, because: expect.stringContaining('InvoiceService.ts') });
    expect(shown(listens)).toBe(shown(await lint({ cwd })));
  }, 180_000);

  it("without a config: each service's learned naming settings (overrides) are kept with the model and applied warm", async () => {
    // analytics names indexes as Prisma does (_idx/_key), identity as knex does (_index/_unique): repository-wide mixed,
    // so each service's own convention is learned as an override (test/commands/init-naming.test.ts has the shape).
    const cwd = mkdtempSync(path.join(tmpdir(), 'nilecare-stored-model-'));
    temps.push(cwd);
    const table = (name: string) =>
      `CREATE TABLE ${name} (id UUID PRIMARY KEY, name TEXT, created_at TIMESTAMPTZ, updated_at TIMESTAMPTZ);\n`;
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(cwd, file)), { recursive: true });
      writeFileSync(path.join(cwd, file), text);
    };
    const service = (name: string, tables: string[], index: (t: string) => string) => {
      write(`services/${name}/package.json`, JSON.stringify({ name, dependencies: { pg: '^8.11.0' } }));
      write(`services/${name}/.env.example`, `PGDATABASE=${name}\n`);
      write(`services/${name}/migrations/V1__init.sql`, tables.map((t) => table(t) + index(t)).join(''));
    };
    service('analytics', ['events', 'sessions', 'websites', 'reports'], (t) => `CREATE INDEX ${t}_name_idx ON ${t} (name);\n`);
    service('identity', ['users', 'roles', 'scopes', 'tenants'], (t) => `CREATE INDEX ${t}_name_index ON ${t} (name);\n`);
    write('services/identity/src/db.ts', "export const all = (db: any) => db.query('SELECT id FROM users');\n");
    const cold = await cached(cwd);
    expect(cold.storedModel).toEqual({ stored: true });
    expect(cold.notices.some((n) => n.includes('services whose own schema differs follow theirs'))).toBe(true);
    expect(cold.diagnostics.filter((d) => d.ruleId === 'index-name')).toEqual([]);
    appendFileSync(path.join(cwd, 'services/identity/src/db.ts'), '// a note\n');
    const warm = await cached(cwd);
    expect(warm.storedModel).toEqual({ taken: true });
    expect(shown(warm)).toBe(shown(await lint({ cwd })));
    expect(warm.diagnostics.filter((d) => d.ruleId === 'index-name')).toEqual([]);
    // Forged: a rule no run learns (a project-level one, which overrides refuse) among the stored settings is no stored model.
    const file = path.join(cwd, '.nilecare-lint-cache');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.map((line) => line.includes('"\\u0000model"')).lastIndexOf(true);
    const forged = lines[at].replace(
      '"learnedOverrides":[',
      '"learnedOverrides":[{"files":["services/identity"],"rules":{"service-without-migrations":"off"}},',
    );
    expect(forged).not.toBe(lines[at]);
    lines[at] = forged;
    writeFileSync(file, lines.join('\n'));
    const rebuilt = await cached(cwd);
    expect(rebuilt.storedModel).toEqual({ stored: true, because: 'the stored naming rules are no rules' });
    expect(shown(rebuilt)).toBe(shown(warm));
  }, 120_000);

  it('a run that neither takes nor stores the model does not keep it', async () => {
    const cwd = copyOfThreeServices();
    await cached(cwd);
    const cache = FileFactsCache.open({ base: cwd, location: '.nilecare-lint-cache', toolVersion: '1.0.0' });
    // Read and set aside (as a run over another tree, or one reusing an earlier run's model, does): not saved again.
    const file = path.join(cwd, '.nilecare-lint-cache');
    expect(readFileSync(file, 'utf8')).toContain('"\\u0000model"');
    cache.save();
    expect(readFileSync(file, 'utf8')).not.toContain('"\\u0000model"');
    expect((await cached(cwd)).storedModel).toEqual({ stored: true });
  }, 120_000);

  it('is built again when a file declares a table, a dependency changes, a file is added, or the config changes', async () => {
    const cwd = copyOfThreeServices();
    await cached(cwd);
    const migration = path.join(cwd, 'services/billing-service/migrations/V2__add_legacy_tables.sql');
    appendFileSync(migration, '\nCREATE TABLE billing_notes (id INT PRIMARY KEY);\n');
    const declared = await cached(cwd);
    expect(declared.storedModel).toMatchObject({ stored: true, because: expect.stringContaining('V2__add_legacy_tables.sql') });
    expect(shown(declared)).toBe(shown(await lint({ cwd })));
    expect((await cached(cwd)).storedModel).toEqual({ taken: true });

    const manifest = path.join(cwd, 'services/billing-service/package.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"mysql2": "^3.9.0"', '"pg": "^8.11.0"'));
    const dependency = await cached(cwd);
    expect(dependency.storedModel).toEqual({ stored: true, because: 'a package file it read changed' });
    expect(shown(dependency)).toBe(shown(await lint({ cwd })));

    writeFileSync(path.join(cwd, 'services/billing-service/src/notes.ts'), "export const notes = (db: any) => db.query('SELECT 1');\n");
    const added = await cached(cwd);
    expect(added.storedModel).toEqual({ stored: true });
    expect(shown(added)).toBe(shown(await lint({ cwd })));

    const configFile = path.join(cwd, 'nilecare-lint.config.json');
    writeFileSync(configFile, readFileSync(configFile, 'utf8').replace('"rules": {', '"rules": {\n    "table-prefix": "off",'));
    const configured = await cached(cwd);
    expect(configured.storedModel).toEqual({ stored: true });
    expect(shown(configured)).toBe(shown(await lint({ cwd })));
    expect((await cached(cwd)).storedModel).toEqual({ taken: true });
  }, 180_000);

  it('a damaged or forged stored model is built again, never a failed run', async () => {
    const cwd = copyOfThreeServices();
    const cold = await cached(cwd);
    const file = path.join(cwd, '.nilecare-lint-cache');
    /** Damage to the record (read first): no stored model at all. */
    const toRecord: Array<[string, (line: string) => string]> = [
      ['not JSON', (line) => line.replace('"version":2,', '"version":2,,')],
      ['another version', (line) => line.replace('"version":2,', '"version":1,')],
      ['a dialect basis no run writes', (line) => line.replace('"basis":"declared"', '"basis":"guessed"')],
      ['an answer of another shape', (line) => line.replace('"answers":[', '"answers":[7,')],
      ['a file count that is no number', (line) => line.replace(/"files":(\d+)/, '"files":"$1"')],
      ['an unread file without its signature', (line) => line.replace('"unread":[]', '"unread":[["a.ts"]]')],
      ['no data', (line) => line.slice(0, line.lastIndexOf('\t'))],
    ];
    /** Damage to the data (decoded when the model is to be taken): the model is built, and says why. */
    const toData: Array<[string, (line: string) => string]> = [
      ['not JSON', (line) => line.slice(0, -1)],
      ['a declaration it does not hold', (line) => line.replace(/"createdTables":\[\d+/, '"createdTables":[99999')],
      ['a root that is no string', (line) => line.replace('"roots":[', '"roots":[7,')],
      ['a key no service has', (line) => line.replace('"ownedPatterns":', '"ownedPattern":')],
      ['a service reference that is no index', (line) => line.replace(/\{"\$s":(\d+)\}/, '{"$s":"$1"}')],
      ['a range of another shape', (line) => line.replace(/"range":\{"line":\d+/, '"range":{"line":-1')],
      ['a map that is no list', (line) => line.replace(/"\$map":\[/, '"$map":{"a":[')],
    ];
    for (const [what, damage, because] of [
      ...toRecord.map(([what, damage]) => [what, damage, undefined] as const),
      ...toData.map(([what, damage]) => [what, damage, 'the stored model does not decode'] as const),
    ]) {
      const lines = readFileSync(file, 'utf8').split('\n');
      // The last: a run that builds the model again appends it, and the last line of a path counts.
      const at = lines.map((line) => line.includes('"\\u0000model"')).lastIndexOf(true);
      expect(at, what).toBeGreaterThan(0);
      const damaged = damage(lines[at]);
      expect(damaged, what).not.toBe(lines[at]);
      lines[at] = damaged;
      writeFileSync(file, lines.join('\n'));
      const run = await cached(cwd);
      expect(run.storedModel, what).toEqual({ stored: true, ...(because ? { because } : {}) });
      expect(shown(run), what).toBe(shown(cold));
      expect((await cached(cwd)).storedModel, what).toEqual({ taken: true });
    }
  }, 180_000);
});
