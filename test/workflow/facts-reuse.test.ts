/**
 * What a facts cache may reuse, in memory (`MemoryFactsCache`, the language server's, over `memoryTree`): a warm run
 * analyses nothing, a changed file is analysed again alone, a change of what the extractors read (SQL callees, secret
 * names) starts over and a config change they do not read keeps every file, each with the findings of a run without
 * a cache. lint() computes the settings digest both caches are prepared with; `--cache` on disk (stamps, appended
 * entries, damage, the stored model) is test/e2e/cache.test.ts and test/e2e/stored-model.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFactsCache } from '../../src/analysis/memory-facts-cache.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint, type LintRun } from '../../src/lint.js';
import { paymentMigration, workflowConfig } from './helpers.js';

const root = '/nilecare-facts-reuse';
const files: Record<string, string> = {
  ...paymentMigration,
  'services/billing/src/invoices.ts': "export const invoices = () => db.query('SELECT * FROM billing_invoices');\n",
  'services/billing/src/totals.ts': "export const totals = () => db.query('SELECT total FROM billing_invoices');\n",
  'services/billing/src/ledger.ts': "export const ledger = () => runQuery('SELECT amount FROM payments');\n",
  'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE billing_invoices (id CHAR(36) PRIMARY KEY, total INT);\n',
  'services/billing/src/audit.ts': "export const audit = () => db.query('SELECT * FROM audit_log');\n",
  'services/payment/src/charge.ts': "export const charge = () => db.query('SELECT amount FROM payments');\n",
};
const FILES = Object.keys(files).length;

const findings = (run: LintRun) => run.diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column} ${d.message}`);

/** A run with `cache`: what it took from the cache and what it analysed. */
async function run(cache: MemoryFactsCache, config: NilecareConfig = workflowConfig, tree: Record<string, string> = files) {
  const [hits, misses] = [cache.hits, cache.misses];
  const result = await lint({ cwd: root, tree: memoryTree(tree, { root }), config, factsCache: cache });
  return { hits: cache.hits - hits, misses: cache.misses - misses, result };
}

/** A run that took facts from the cache finds what a run without any cache finds. */
async function expectSameAsUncached(result: LintRun, config: NilecareConfig = workflowConfig, tree: Record<string, string> = files) {
  expect(findings(result)).toEqual(findings(await lint({ cwd: root, tree: memoryTree(tree, { root }), config })));
}

describe('facts reused in memory', () => {
  it('a warm run analyses nothing; a changed file is analysed again, alone', async () => {
    const cache = new MemoryFactsCache();
    expect(await run(cache)).toMatchObject({ hits: 0, misses: FILES });
    const warm = await run(cache);
    expect(warm).toMatchObject({ hits: FILES, misses: 0 });
    await expectSameAsUncached(warm.result);
    const edited = { ...files, 'services/billing/src/totals.ts': "export const totals = () => db.query('SELECT * FROM payments');\n" };
    const changed = await run(cache, workflowConfig, edited);
    expect(changed).toMatchObject({ hits: FILES - 1, misses: 1 });
    await expectSameAsUncached(changed.result, workflowConfig, edited);
    // The edited file's new query is found: its facts are its new text's.
    expect(findings(changed.result).some((f) => f.startsWith('no-cross-service-query services/billing/src/totals.ts:1:'))).toBe(true);
  });

  it('a change of what the extractors read starts over: SQL callees, secret names', async () => {
    const cache = new MemoryFactsCache();
    await run(cache);
    const callees: NilecareConfig = { ...workflowConfig, sqlCallees: ['runQuery'] };
    const withCallees = await run(cache, callees);
    expect(withCallees).toMatchObject({ hits: 0, misses: FILES });
    // runQuery's SQL is read now: ledger.ts queries payment's table.
    expect(findings(withCallees.result).some((f) => f.startsWith('no-cross-service-query services/billing/src/ledger.ts:1:'))).toBe(true);
    const warm = await run(cache, callees);
    expect(warm).toMatchObject({ hits: FILES, misses: 0 });
    await expectSameAsUncached(warm.result, callees);
    const secrets = {
      ...callees,
      rules: { ...callees.rules, 'no-unsafe-env-default': ['error', { secretPatterns: ['^LEDGER_'] }] },
    } as NilecareConfig;
    expect(await run(cache, secrets)).toMatchObject({ hits: 0, misses: FILES });
    expect(await run(cache, secrets)).toMatchObject({ hits: FILES, misses: 0 });
  });

  it('a config change the extractors do not read keeps every file: severities, services, ignores, the default dialect', async () => {
    const cache = new MemoryFactsCache();
    await run(cache);
    const edited: NilecareConfig = {
      ...workflowConfig,
      dialect: 'postgresql',
      services: workflowConfig.services?.slice(0, 1),
      ignores: ['nothing-here/**'],
      rules: { ...workflowConfig.rules, 'unknown-table': 'error', 'table-prefix': 'warn' },
    };
    const warm = await run(cache, edited);
    expect(warm).toMatchObject({ hits: FILES, misses: 0 });
    await expectSameAsUncached(warm.result, edited);
    // audit_log is declared nowhere: unknown-table, now an error.
    expect(warm.result.diagnostics.map((d) => `${d.ruleId} ${d.severity} ${d.file}`)).toContain(
      'unknown-table error services/billing/src/audit.ts',
    );
  });
});
