/**
 * lint({ reuse }): the base state of `nilecare-lint diff` takes the head run's facts of files with
 * the same bytes, and, when both models are equal, its findings for them — per-file rules then run
 * on the changed files only. Every case compares with the same state linted without an earlier
 * run: the findings must be identical, whichever path the run took, and the path is the one named.
 */
import { describe, expect, it } from 'vitest';
import { SharedFactsMemory } from '../../src/analysis/shared-facts-cache.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { analyseProject, checkProject, lint, priorAnalysis, type LintRun } from '../../src/lint.js';
import crossServiceForeignKey from '../../rules/no-cross-service-foreign-key.js';

const config = {
  dialect: 'mysql',
  services: [
    { name: 'billing', roots: ['services/billing'] },
    { name: 'payment', roots: ['services/payment'] },
  ],
  rules: { 'no-hardcoded-credentials': 'error', 'migration-file-name': 'warn', 'service-without-migrations': 'warn' },
  reportUnusedDisableDirectives: 'warn',
};

/** Two services; findings of per-file rules in unchanged files (one suppressed inline, one unused directive) and of project-level ones. */
const head: Record<string, string> = {
  'nilecare-lint.config.json': JSON.stringify(config),
  'services/payment/.env': 'DB_NAME=payment_db\n',
  'services/billing/.env': 'DB_NAME=billing_db\nLEDGER_DB=payment_db\nLEDGER_DATABASE_URL=mysql://app@db:3306/payment_db\n',
  'services/payment/migrations/V1__payments.sql': 'CREATE TABLE payment_payments (id CHAR(36) PRIMARY KEY, amount INT);\n',
  'services/payment/migrations/V2__refunds.sql': 'CREATE TABLE refunds (id CHAR(36) PRIMARY KEY, amount INT);\n',
  'services/billing/migrations/001_invoices.sql': 'CREATE TABLE billing_invoices (id CHAR(36) PRIMARY KEY, total INT);\n',
  'services/billing/migrations/V2__notes.sql': '-- nothing yet\n',
  'services/billing/src/repo.ts': 'export const invoices = () => db.query("SELECT * FROM billing_invoices");\n',
  'services/billing/src/ledger.ts': [
    '// nilecare-lint-disable-next-line no-cross-service-query -- reconciled nightly',
    'export const paid = () => db.query("SELECT amount FROM payment_payments");',
    'export const refunded = () => db.query("SELECT amount FROM refunds");',
    '// nilecare-lint-disable-next-line table-prefix -- nothing here',
    'export const none = 1;',
    '',
  ].join('\n'),
};

/** The head, then the base with and without the head's run; the base's two runs. */
async function lintBoth(base: Record<string, string>): Promise<{ headRun: LintRun; reused: LintRun; plain: LintRun }> {
  return lintStates(head, base);
}

/** `base` linted after `headState`, as diff does (the head's analysis at hand), and alone. */
async function lintStates(
  headState: Record<string, string>,
  base: Record<string, string>,
): Promise<{ headRun: LintRun; reused: LintRun; plain: LintRun }> {
  const memory = new SharedFactsMemory();
  const headProject = await analyseProject({ cwd: '/nilecare-memory', tree: memoryTree(headState), factsCache: memory.cache() });
  const headRun = await checkProject(headProject);
  const paths = new Set([...Object.keys(headState), ...Object.keys(base)]);
  const unchanged = new Set([...paths].filter((p) => headState[p] !== undefined && headState[p] === base[p]));
  const changed = [...paths].filter((p) => !unchanged.has(p));
  const reused = await lint({
    cwd: '/nilecare-memory',
    tree: memoryTree(base),
    factsCache: memory.cache(),
    reuse: { run: headRun, unchanged, changed, analysed: priorAnalysis(headProject) },
  });
  const plain = await lint({ cwd: '/nilecare-memory', tree: memoryTree(base), factsCache: new SharedFactsMemory().cache() });
  return { headRun, reused, plain };
}

const edited = (changes: Record<string, string | null>) => {
  const out = { ...head };
  for (const [file, text] of Object.entries(changes)) {
    if (text === null) delete out[file];
    else out[file] = text;
  }
  return out;
};

describe('a base state linted with the head run at hand', () => {
  it('a change to one code file: per-file rules run on it and on files with project-level findings; the rest is the head run’s', async () => {
    const { reused, plain } = await lintBoth(
      edited({ 'services/billing/src/repo.ts': 'export const invoices = () => db.query("SELECT * FROM payment_payments");\n' }),
    );
    // Per-file rules ran on repo.ts and on the two .env files, where no-shared-database reports.
    expect(reused.reused).toEqual({ files: 5 });
    // The services' dialect is decided from their SQL here, so a changed query may change it: the model is built again.
    expect(reused.keptModel).toEqual({ obstacle: 'services/billing/src/repo.ts changes what the model is built from' });
    expect(plain.reused).toBeUndefined();
    expect(reused.diagnostics).toEqual(plain.diagnostics);
    // The findings are of every kind the merge must keep apart: a changed file's, the head's for
    // unchanged files (one suppressed, one unused directive), and project-level ones.
    const ids = (run: LintRun) => [...new Set(run.diagnostics.map((d) => `${d.ruleId}${d.suppressed ? ' (suppressed)' : ''}`))].sort();
    expect(ids(reused)).toEqual([
      'migration-file-name',
      'no-cross-service-query',
      'no-cross-service-query (suppressed)',
      'no-shared-database',
      'table-prefix',
      'timestamp-columns',
      'unused-disable-directive',
    ]);
    expect(reused.diagnostics.some((d) => d.file === 'services/billing/src/repo.ts' && d.ruleId === 'no-cross-service-query')).toBe(true);
  });

  it('a table moved between services, in files both states hold: every rule runs on every file', async () => {
    const { headRun, reused, plain } = await lintBoth(
      edited({
        'services/payment/migrations/V2__refunds.sql': '-- moved to billing\n',
        'services/billing/migrations/V2__notes.sql': 'CREATE TABLE refunds (id CHAR(36) PRIMARY KEY, amount INT);\n',
      }),
    );
    expect(reused.reused).toEqual({ obstacle: 'services/billing/migrations/V2__notes.sql declares tables, entities or models' });
    expect(reused.keptModel).toEqual({ obstacle: 'services/billing/migrations/V2__notes.sql changes what the model is built from' });
    expect(reused.diagnostics).toEqual(plain.diagnostics);
    // The move shows: in the base, refunds belongs to billing, whose ledger then reads its own table.
    const readsRefunds = (run: LintRun) =>
      run.diagnostics.filter((d) => d.ruleId === 'no-cross-service-query' && d.message.includes("'refunds'")).map((d) => d.file);
    expect(readsRefunds(headRun)).toEqual(['services/billing/src/ledger.ts']);
    expect(readsRefunds(plain)).toEqual([]);
  });

  it('a code change that connects a service to another database: the models differ, every rule runs', async () => {
    const { reused, plain } = await lintBoth(
      edited({ 'services/payment/src/db.ts': "export const pool = mysql.createPool({ database: 'billing_db' });\n" }),
    );
    expect(reused.reused).toEqual({ obstacle: 'files were added or removed' });
    expect(reused.diagnostics).toEqual(plain.diagnostics);

    const withPool = { ...head, 'services/payment/src/db.ts': "export const pool = mysql.createPool({ database: 'payment_db' });\n" };
    const memory = new SharedFactsMemory();
    const headRun = await lint({ cwd: '/nilecare-memory', tree: memoryTree(withPool), factsCache: memory.cache() });
    const base = { ...withPool, 'services/payment/src/db.ts': "export const pool = mysql.createPool({ database: 'billing_db' });\n" };
    const run = await lint({
      cwd: '/nilecare-memory',
      tree: memoryTree(base),
      factsCache: memory.cache(),
      reuse: { run: headRun, unchanged: new Set(Object.keys(head)), changed: ['services/payment/src/db.ts'] },
    });
    expect(run.reused).toEqual({ obstacle: 'the models differ (services, databases, table ownership or config)' });
    const alone = await lint({ cwd: '/nilecare-memory', tree: memoryTree(base), factsCache: new SharedFactsMemory().cache() });
    expect(run.diagnostics).toEqual(alone.diagnostics);
    expect(run.diagnostics.filter((d) => d.ruleId === 'no-shared-database').map((d) => d.file)).toContain('services/payment/src/db.ts');
  });

  it('a changed file the run does not lint (a package.json, a tsconfig) or one holding a secret: every rule runs', async () => {
    const memory = new SharedFactsMemory();
    const headRun = await lint({ cwd: '/nilecare-memory', tree: memoryTree(head), factsCache: memory.cache() });
    const outside = await lint({
      cwd: '/nilecare-memory',
      tree: memoryTree(head),
      factsCache: memory.cache(),
      reuse: { run: headRun, unchanged: new Set(Object.keys(head)), changed: ['tsconfig.json', 'README.md'] },
    });
    expect(outside.reused).toEqual({ obstacle: 'tsconfig.json changed, and it is not a file the run lints' });

    const { reused, plain } = await lintBoth(
      edited({ 'services/billing/src/repo.ts': "export const invoices = () => connect({ password: 'Zq8#rT2!vLx9' });\n" }),
    );
    expect(reused.reused).toEqual({ obstacle: 'services/billing/src/repo.ts holds a secret (findings elsewhere point at the same value)' });
    expect(reused.diagnostics).toEqual(plain.diagnostics);
  });

  it("a package of scripts alone: its credentials are reported once, by the base run as alone, and the head's findings are reused", async () => {
    const ops = JSON.stringify(
      { name: 'ops', private: true, scripts: { 'db:dump': 'PGPASSWORD=s3cr3t pg_dump -h db.prod orders' } },
      null,
      2,
    );
    const withOps = { ...head, 'tools/ops/package.json': ops };
    const { reused, plain } = await lintStates(withOps, {
      ...withOps,
      'services/billing/src/repo.ts': 'export const invoices = () => db.query("SELECT * FROM payment_payments");\n',
    });
    expect(reused.reused).toEqual({ files: 5 });
    expect(reused.diagnostics).toEqual(plain.diagnostics);
    const inManifest = (run: LintRun) =>
      run.diagnostics
        .filter((d) => d.file === 'tools/ops/package.json')
        .map((d) => `${d.ruleId} ${d.line}:${d.column}-${d.endLine}:${d.endColumn}`);
    expect(inManifest(reused)).toEqual(['no-hardcoded-credentials 5:28-5:34']);
  });

  it('only whole-project runs reuse findings', async () => {
    const memory = new SharedFactsMemory();
    const headRun = await lint({ cwd: '/nilecare-memory', tree: memoryTree(head), factsCache: memory.cache() });
    const run = await lint({
      cwd: '/nilecare-memory',
      tree: memoryTree(head),
      files: ['services/billing/src/repo.ts'],
      factsCache: memory.cache(),
      reuse: { run: headRun, unchanged: new Set(Object.keys(head)), changed: [] },
    });
    expect(run.reused).toEqual({ obstacle: 'the run is not over the whole project' });
  });
  it('no-cross-service-foreign-key is project-level only with allow entries, which a base run must still see used in unchanged files', async () => {
    // Without entries it reports per file: a base run need not visit every file for it.
    const listener = (allow: unknown[]) => Object.keys(crossServiceForeignKey.create({ options: { allow } } as never));
    expect(listener([])).toEqual(['foreignKey', 'tableReference']);
    expect(listener([{ table: 'payment_payments', service: 'billing', reason: 'agreed' }])).toEqual([
      'foreignKey',
      'tableReference',
      'project',
    ]);

    const allowed = {
      ...config,
      rules: {
        ...config.rules,
        'no-cross-service-foreign-key': [
          'error',
          { allow: [{ table: 'payment_payments', service: 'billing', reason: 'until the split' }] },
        ],
      },
    };
    const withKey = {
      ...head,
      'nilecare-lint.config.json': JSON.stringify(allowed),
      'services/billing/migrations/V3__links.sql':
        'CREATE TABLE billing_links (id CHAR(36) PRIMARY KEY, payment_id CHAR(36) REFERENCES payment_payments(id));\n',
    };
    const memory = new SharedFactsMemory();
    const headRun = await lint({ cwd: '/nilecare-memory', tree: memoryTree(withKey), factsCache: memory.cache() });
    const base = {
      ...withKey,
      'services/billing/src/repo.ts': 'export const invoices = () => db.query("SELECT id FROM billing_invoices");\n',
    };
    const run = await lint({
      cwd: '/nilecare-memory',
      tree: memoryTree(base),
      factsCache: memory.cache(),
      reuse: {
        run: headRun,
        unchanged: new Set(Object.keys(base).filter((p) => p !== 'services/billing/src/repo.ts')),
        changed: ['services/billing/src/repo.ts'],
      },
    });
    const alone = await lint({ cwd: '/nilecare-memory', tree: memoryTree(base), factsCache: new SharedFactsMemory().cache() });
    expect(run.reused).toMatchObject({ files: expect.any(Number) });
    expect(run.diagnostics).toEqual(alone.diagnostics);
    // The entry is used by the unchanged migration: neither run calls it unused.
    expect(alone.diagnostics.filter((d) => d.ruleId === 'no-cross-service-foreign-key').map((d) => d.messageId ?? d.message)).toEqual([]);
  });

  it('a code change that adds a connection setting to a file both states hold: the model is built again, as alone', async () => {
    const withPool = { ...head, 'services/payment/src/db.ts': 'export const pool = mysql.createPool({ host: DB_HOST });\n' };
    const base = {
      ...withPool,
      'services/payment/src/db.ts': "export const pool = mysql.createPool({ host: DB_HOST, database: 'billing_db' });\n",
    };
    const { headRun, reused, plain } = await lintStates(withPool, base);
    expect(reused.keptModel).toEqual({ obstacle: 'services/payment/src/db.ts changes what the model is built from' });
    expect(reused.diagnostics).toEqual(plain.diagnostics);
    expect(reused.model.services).toEqual(plain.model.services);
    // The setting shows: payment shares billing's database in the base only.
    const shared = (run: LintRun) => run.diagnostics.filter((d) => d.ruleId === 'no-shared-database').map((d) => d.file);
    expect(shared(plain)).toContain('services/payment/src/db.ts');
    expect(shared(headRun)).not.toContain('services/payment/src/db.ts');
  });

  it('a code change that changes a service’s dialect evidence (a driver import): dialects are decided again, as alone', async () => {
    // No dialect in the config: each service's comes from its code, and its SQL is read in it.
    const undecided = { ...config, dialect: undefined };
    const state = (driver: string) => ({
      ...head,
      'nilecare-lint.config.json': JSON.stringify(undecided),
      'services/payment/migrations/V3__ledger.sql': 'CREATE TABLE payment_ledger (id SERIAL PRIMARY KEY, entry JSONB);\n',
      'services/payment/src/db.ts': `import { connect } from '${driver}';\nexport const db = connect(process.env.DATABASE_URL);\n`,
    });
    const { headRun, reused, plain } = await lintStates(state('mysql2/promise'), state('pg'));
    expect(reused.keptModel).toEqual({ obstacle: 'services/payment/src/db.ts changes what the model is built from' });
    expect(reused.diagnostics).toEqual(plain.diagnostics);
    expect(reused.model.services).toEqual(plain.model.services);
    const dialectOf = (run: LintRun) => run.model.services.find((s) => s.name === 'payment')?.dialect;
    expect([dialectOf(headRun), dialectOf(reused)]).toEqual(['mysql', 'postgresql']);
  });

  it('a change to SQL that declares nothing, in services whose dialect the config names: the head’s model stands, findings as alone', async () => {
    const named = { ...config, services: config.services.map((service) => ({ ...service, dialect: 'mysql' })) };
    const seeded = {
      ...head,
      'nilecare-lint.config.json': JSON.stringify(named),
      'services/billing/db/report.sql': 'SELECT id FROM billing_invoices;\n',
    };
    const base = { ...seeded, 'services/billing/db/report.sql': 'SELECT id, total FROM billing_invoices;\nSELECT amount FROM refunds;\n' };
    const { reused, plain } = await lintStates(seeded, base);
    expect(reused.keptModel).toEqual({ kept: true });
    expect(reused.diagnostics).toEqual(plain.diagnostics);
    expect(reused.diagnostics.some((d) => d.file === 'services/billing/db/report.sql' && d.ruleId === 'no-cross-service-query')).toBe(true);
    expect(reused.reused).toMatchObject({ files: expect.any(Number) as number });

    // The same for a query typed into code, which is what most changes are.
    const code = { ...seeded, 'services/billing/src/repo.ts': 'export const invoices = () => db.query("SELECT * FROM refunds");\n' };
    const inCode = await lintStates(seeded, code);
    expect(inCode.reused.keptModel).toEqual({ kept: true });
    expect(inCode.reused.diagnostics).toEqual(inCode.plain.diagnostics);
    expect(inCode.reused.model.services).toEqual(inCode.plain.model.services);
  });

  it('a changed .env or config: the model is built again before any file is read', async () => {
    const { reused, plain } = await lintBoth(edited({ 'services/payment/.env': 'DB_NAME=billing_db\n' }));
    expect(reused.keptModel).toEqual({ obstacle: 'services/payment/.env is a file the model is built from' });
    expect(reused.diagnostics).toEqual(plain.diagnostics);
    const other = { ...config, rules: { ...config.rules, 'table-prefix': 'off' } };
    const changedConfig = await lintBoth(edited({ 'nilecare-lint.config.json': JSON.stringify(other) }));
    expect(changedConfig.reused.keptModel).toEqual({ obstacle: 'the config differs' });
    expect(changedConfig.reused.diagnostics).toEqual(changedConfig.plain.diagnostics);
  });
});
