/**
 * Acceptance: the exact findings of the layout cases no other acceptance test lints (each case's
 * exhaustive rules, zero config, on a copy outside this checkout), every expected range checked
 * against the token it must cover and each finding against its message data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ruleRegistry } from '../../rules/index.js';
import { lint, type LintRun } from '../../src/lint.js';
import { fixtureFacts } from '../fixture-tree.js';
import { copyOfCase, findingsOf, keyOf, readExpected, textAt } from './layout-case.js';

const CASES = [
  'db-library',
  'entity-globs',
  'nest-monorepo',
  'nx-apps',
  'ormconfig-entities',
  'workspace-entities',
  'workspace-helper-driver',
  'hoisted-root-dependencies',
  'workspace-service-processes',
  'test-stubs',
  'migrations-package',
  'data-package-barrel',
  'root-sql-folders',
  'numbered-migrations',
  'polyglot-sqlserver-oracle',
  'sqlserver-root-init',
  'migration-version-forms',
  'settings-name-the-engine',
  'umzug-runner-folders',
  'migration-bookkeeping-tables',
];

describe.each(CASES)('fixtures/layouts/%s (acceptance, zero config)', (caseName) => {
  const expected = readExpected(caseName);
  let run: LintRun;
  beforeAll(async () => {
    run = await lint({ cwd: copyOfCase(caseName), factsCache: fixtureFacts() });
  }, 120_000);

  it('lints without internal errors, and every expected range covers its token', () => {
    expect(run.internalErrors).toEqual([]);
    expect(run.configFile).toBeUndefined();
    expect(expected.findings.map((f) => `${keyOf(f)} «${textAt(caseName, f)}»`)).toEqual(
      expected.findings.map((f) => `${keyOf(f)} «${f.token}»`),
    );
  });

  it('reports exactly the expected findings of its exhaustive rules', () => {
    expect(findingsOf(run.diagnostics, expected.exhaustiveRules)).toEqual(expected.findings.map(keyOf).sort());
  });

  // These cases name columns the standard way but prefix no table: only table-prefix learns something (as init would).
  it('a schema on the standard naming keeps the naming rules at their defaults (table prefixes aside), with no notice of a learned convention', async () => {
    const naming = (r: LintRun) =>
      r.diagnostics
        .filter((d) => ruleRegistry[d.ruleId]?.meta.category === 'naming' && d.ruleId !== 'table-prefix')
        .map(keyOf)
        .sort();
    const withDefaults = await lint({ cwd: copyOfCase(caseName), config: {}, factsCache: fixtureFacts() });
    expect(naming(run)).toEqual(naming(withDefaults));
    expect(run.notices.filter((n) => n.startsWith('Naming rules follow'))).toEqual([]);
  }, 120_000);

  it('each finding carries the expected service, table, owner and verb', () => {
    for (const finding of expected.findings) {
      const diagnostic = run.diagnostics.find((d) => keyOf(d) === keyOf(finding));
      const data =
        diagnostic?.data && 'target' in diagnostic.data ? { ...diagnostic.data, owner: diagnostic.data.target } : diagnostic?.data;
      expect(data, keyOf(finding)).toMatchObject(finding.data ?? {});
    }
  });
});
