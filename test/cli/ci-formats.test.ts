/**
 * The CI formats as the CLI writes them. SARIF: upload-sarif's category applies unless
 * --sarif-category (or --shard) asks for an id, and security rules are security alerts.
 * JUnit: one test case per linted file, warnings as output, failures only when the job fails.
 * Over repositories in memory (test/cli-memory.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Log, ReportingDescriptor } from 'sarif';
import { cli, memoryRepo as makeRepo, paymentMigration, type Repo } from '../workflow/helpers.js';
import { ruleRegistry } from '../../rules/index.js';

const twoServices = [
  { name: 'billing', roots: ['services/billing'], databases: ['nilecare'] },
  { name: 'payment', roots: ['services/payment'], databases: ['nilecare'] },
];

describe('SARIF', () => {
  let repo: Repo;
  beforeAll(() => {
    repo = makeRepo(
      {
        ...paymentMigration,
        'services/billing/src/repo.ts': "db.query('SELECT * FROM payments');\n",
        'services/billing/src/db.ts': [
          "export const pool = mysql.createPool({ host: 'db', user: 'billing', password: 'billing-2024' });",
          'export const password = process.env.DB_PASSWORD || "";',
          'export const pg = new Pool({ host: process.env.PG_HOST, ssl: { rejectUnauthorized: false } });',
          '',
        ].join('\n'),
        'services/payment/migrations/V2__broken.sql': 'CREATE TABLE payment_refunds (id CHAR(36) PRIMARY KEY,, amount INT);\n',
      },
      // No `rules`: every rule at its default severity, so the descriptors are the real rules'.
      { dialect: 'mysql', services: twoServices },
    );
  });

  const sarif = async (...argv: string[]) => {
    const outcome = await cli(repo, ['-f', 'sarif', ...argv]);
    expect([0, 1], outcome.stderr).toContain(outcome.code);
    return JSON.parse(outcome.stdout) as Log;
  };
  const descriptor = (log: Log, id: string): ReportingDescriptor | undefined => log.runs[0].tool.driver.rules?.find((r) => r.id === id);

  it('carries no automationDetails.id unless asked, so upload-sarif’s category input applies', async () => {
    expect((await sarif()).runs[0].automationDetails).toBeUndefined();
    expect((await sarif('--sarif-category', 'db-layer')).runs[0].automationDetails).toEqual({ id: 'db-layer/' });
    expect((await sarif('--sarif-category', 'db-layer/')).runs[0].automationDetails).toEqual({ id: 'db-layer/' });
    expect((await sarif('--shard', '2/3')).runs[0].automationDetails).toEqual({ id: 'nilecare-lint/shard-2-of-3/' });
    expect((await sarif('--shard', '2/3', '--sarif-category', 'db-layer')).runs[0].automationDetails).toEqual({
      id: 'db-layer/shard-2-of-3/',
    });
  });

  it('security rules carry the security tag and a numeric security-severity; other rules neither', async () => {
    const log = await sarif();
    const results = new Set(log.runs[0].results?.map((r) => r.ruleId));
    for (const id of ['no-hardcoded-credentials', 'no-unsafe-env-default', 'no-insecure-db-tls', 'no-cross-service-query', 'parse-error'])
      expect(results, id).toContain(id);
    expect(descriptor(log, 'no-hardcoded-credentials')?.properties).toEqual({
      tags: ['security'],
      precision: 'high',
      'security-severity': '9.0',
    });
    expect(descriptor(log, 'no-insecure-db-tls')?.properties).toEqual({
      tags: ['security'],
      precision: 'high',
      'security-severity': '7.5',
    });
    expect(descriptor(log, 'no-unsafe-env-default')?.properties).toEqual({
      tags: ['security'],
      precision: 'high',
      'security-severity': '7.0',
    });
    for (const rule of log.runs[0].tool.driver.rules ?? []) {
      const severity = rule.properties?.['security-severity'] as string | undefined;
      if (severity === undefined) expect(rule.properties?.tags, rule.id).not.toContain('security');
      else expect(Number(severity), rule.id).toBeGreaterThan(0);
    }
  });

  it('describes parse-error from its rule like any other, and does not repeat its findings as tool notifications', async () => {
    const log = await sarif();
    expect(descriptor(log, 'parse-error')).toMatchObject({
      shortDescription: { text: ruleRegistry['parse-error'].meta.description },
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['correctness'], precision: 'high' },
    });
    const notifications = log.runs[0].invocations?.[0].toolExecutionNotifications ?? [];
    expect(notifications.filter((n) => n.associatedRule !== undefined || n.locations !== undefined)).toEqual([]);
  });
});

describe('JUnit', () => {
  const junit = async (repo: Repo, ...argv: string[]) => {
    const outcome = await cli(repo, ['-f', 'junit', ...argv]);
    const suites = /<testsuites name="nilecare-lint" tests="(\d+)" failures="(\d+)" errors="(\d+)">/.exec(outcome.stdout);
    const names = [...outcome.stdout.matchAll(/<testcase name="([^"]*)"/g)].map((m) => m[1]);
    return { ...outcome, tests: Number(suites?.[1]), failures: Number(suites?.[2]), errors: Number(suites?.[3]), names };
  };
  const WARNING = "db.query('SELECT * FROM legacy_totals');\n";

  it('a clean run shows every linted file as a passed test, not "0 tests"', async () => {
    const repo = makeRepo({ ...paymentMigration, 'services/payment/src/repo.ts': "db.query('SELECT * FROM payments');\n" });
    const outcome = await junit(repo);
    expect(outcome.code).toBe(0);
    expect(outcome.names).toEqual(['services/payment/migrations/V1__payments.sql', 'services/payment/src/repo.ts']);
    expect([outcome.tests, outcome.failures, outcome.errors]).toEqual([2, 0, 0]);
  });

  it('warnings are the case’s output, not failures: a passing job shows no failed test', async () => {
    const repo = makeRepo({ ...paymentMigration, 'services/billing/src/repo.ts': WARNING });
    const outcome = await junit(repo);
    expect(outcome.code).toBe(0);
    expect(outcome.failures).toBe(0);
    expect(outcome.stdout).toMatch(/<testcase name="services\/billing\/src\/repo.ts"[^>]*>\n {6}<system-out>Warning: .*legacy_totals/);
  });

  it('past --max-warnings the job fails, the warnings are failures and a --max-warnings case says so', async () => {
    const repo = makeRepo({ ...paymentMigration, 'services/billing/src/repo.ts': WARNING });
    const outcome = await junit(repo, '--max-warnings', '0');
    expect(outcome.code).toBe(1);
    expect(outcome.names.at(-1)).toBe('--max-warnings');
    expect(outcome.failures).toBe(2);
    expect(outcome.stdout).toContain('<failure message="nilecare-lint found too many warnings (maximum: 0)." type="max-warnings">');
    expect(outcome.stderr).toBe('nilecare-lint found too many warnings (maximum: 0).\n');
  });

  it('an error-level finding fails its file’s case', async () => {
    const repo = makeRepo({ ...paymentMigration, 'services/billing/src/repo.ts': "db.query('SELECT * FROM payments');\n" });
    const outcome = await junit(repo);
    expect(outcome.code).toBe(1);
    expect(outcome.failures).toBe(1);
    expect(outcome.stdout).toMatch(
      /<testcase name="services\/billing\/src\/repo.ts"[^>]*>\n {6}<failure message="Service 'billing' reads table 'payments'/,
    );
  });
});
