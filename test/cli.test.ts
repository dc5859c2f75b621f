import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleRegistry } from '../rules/index.js';
import { fixtureInMemory } from './cli-memory.js';
import { cli, jsonRun, memoryRepo as makeRepo, paymentMigration, readFile, writeFile } from './workflow/helpers.js';

// The command line's contract over repositories in memory (test/cli-memory.ts); on disk: test/e2e/cli-disk.test.ts.

const crossQuery = { 'services/billing/src/repo.ts': "db.query('SELECT * FROM payments');\n", ...paymentMigration };
const unknownOnly = { 'services/billing/src/repo.ts': "db.query('SELECT * FROM legacy_totals');\n", ...paymentMigration };

describe('CLI contract', () => {
  it('exits 0 when clean, 1 with an error-level finding', async () => {
    expect((await cli(makeRepo(paymentMigration), [])).code).toBe(0);
    const dirty = await cli(makeRepo(crossQuery), []);
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toContain("Service 'billing' reads table 'payments' owned by service 'payment'");
  });

  it('TIMING prints phases and the slowest rules to stderr, like ESLint, leaving stdout alone', async () => {
    const repo = fixtureInMemory(path.resolve(__dirname, '../fixtures/sample-monorepo'));
    const plain = await cli(repo, ['-f', 'json']);
    const timed = await cli(repo, ['-f', 'json'], { TIMING: '1' });
    expect(plain.stderr).not.toMatch(/Time \(ms\)/);
    expect(timed.stdout).toBe(plain.stdout);
    const lines = timed.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^Phase\s+\| Time \(ms\) \| Relative$/);
    expect(lines.slice(2, 7).map((l) => l.split('|')[0].trim())).toEqual([
      'config + discovery',
      'read + parse',
      'model',
      'rules',
      'suppressions',
    ]);
    const ruleRows = lines.slice(lines.findIndex((l) => l.startsWith('Rule ')) + 2);
    expect(ruleRows).toHaveLength(10);
    for (const row of ruleRows) expect(ruleRegistry[row.split('|')[0].trim()]).toBeDefined();
    const all = await cli(repo, ['-f', 'json'], { TIMING: 'all' });
    const allRows = all.stderr.trim().split('\n');
    expect(allRows.length - allRows.findIndex((l) => l.startsWith('Rule ')) - 2).toBeGreaterThan(10);
  });

  it('--concurrency accepts auto, on and off with the same findings; anything else is a usage error', async () => {
    const repo = makeRepo(crossQuery);
    const auto = await cli(repo, ['-f', 'json']);
    const off = await cli(repo, ['-f', 'json', '--concurrency', 'off']);
    expect(off.code).toBe(1);
    expect(off.stdout).toBe(auto.stdout);
    const on = await cli(repo, ['-f', 'json', '--concurrency', 'on']);
    expect(on.code).toBe(1);
    expect(on.stdout).toBe(auto.stdout);
    expect((await cli(repo, ['--concurrency', 'many'])).code).toBe(2);
  });

  it('warnings alone exit 0, and 1 once they exceed --max-warnings', async () => {
    const repo = makeRepo(unknownOnly);
    expect((await cli(repo, [])).code).toBe(0);
    expect((await cli(repo, ['--max-warnings', '1'])).code).toBe(0);
    expect((await cli(repo, ['--max-warnings', '0'])).code).toBe(1);
  });

  it('--rule overrides a severity from the command line', async () => {
    const repo = makeRepo(crossQuery);
    expect((await cli(repo, ['--rule', 'no-cross-service-query:warn'])).code).toBe(0);
    expect((await cli(repo, ['--rule', 'unknown-table:error', '--rule', 'no-cross-service-query:off'])).code).toBe(0);
    const bad = await cli(repo, ['--rule', 'no-such-rule:error']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown rule 'no-such-rule' \(see --list-rules\)/);
    const typo = await cli(repo, ['--rule', 'no-shared-databse:off']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("--rule no-shared-databse: unknown rule 'no-shared-databse' (did you mean 'no-shared-database'?)");
    expect((await cli(repo, ['--rule', 'no-cross-service-query=loud'])).code).toBe(2);
  });

  it('an invalid config exits 2 and names the file and the key path', async () => {
    const repo = makeRepo({}, false);
    writeFile(repo, 'nilecare-lint.config.json', '{ "services": [{ "name": "billing", "roots": "services/billing" }] }');
    const outcome = await cli(repo, []);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/nilecare-lint\.config\.json/);
    expect(outcome.stderr).toMatch(/services\[0\]\.roots: /);
  });

  it('a config with an unknown key or rule exits 2', async () => {
    const repo = makeRepo({}, false);
    writeFile(repo, 'nilecare-lint.config.json', '{ "servises": [] }');
    expect((await cli(repo, [])).stderr).toMatch(/servises/);
    writeFile(repo, 'nilecare-lint.config.json', '{ "rules": { "no-such-rule": "warn" } }');
    const outcome = await cli(repo, []);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/rules\.no-such-rule: unknown rule/);
    writeFile(repo, 'nilecare-lint.config.json', '{ "rules": { "No-Cross-Service-Querry": "warn" } }');
    expect((await cli(repo, [])).stderr).toContain(
      "rules.No-Cross-Service-Querry: unknown rule 'No-Cross-Service-Querry' (did you mean 'no-cross-service-query'?)",
    );
  });

  it('invalid rule options exit 2 with the option path', async () => {
    const repo = makeRepo({}, false);
    writeFile(repo, 'nilecare-lint.config.json', '{ "rules": { "no-cross-service-query": ["error", { "allow": "x" }] } }');
    const outcome = await cli(repo, []);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/rules\.no-cross-service-query\[1\]\.allow/);
  });

  it('--config with a missing file exits 2', async () => {
    const outcome = await cli(makeRepo({}), ['--config', 'nope.json']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/nope\.json: cannot read config: file not found/);
  });

  it('unknown options and bad --shard are usage errors (exit 2)', async () => {
    const repo = makeRepo({});
    expect((await cli(repo, ['--frobnicate'])).code).toBe(2);
    expect((await cli(repo, ['--shard', '3/2'])).code).toBe(2);
    expect((await cli(repo, ['--format', 'xml'])).code).toBe(2);
  });

  it('--list-rules prints every rule with its default severity', async () => {
    const outcome = await cli(makeRepo({}), ['--list-rules']);
    expect(outcome.code).toBe(0);
    for (const [id, rule] of Object.entries(ruleRegistry)) {
      expect(outcome.stdout).toMatch(new RegExp(`^${id}\\s+${rule.meta.defaultSeverity}\\s`, 'm'));
    }
  });

  it('--output writes the report to a file and nothing to stdout', async () => {
    const repo = makeRepo(crossQuery);
    const outcome = await cli(repo, ['--format', 'sarif', '--output', 'reports/out.sarif']);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toBe('');
    expect([...repo.written.keys()]).toEqual(['/repo/reports/out.sarif']);
    const sarif = JSON.parse(readFile(repo, 'reports/out.sarif')) as { runs: Array<{ results: unknown[] }> };
    expect(sarif.runs[0].results).toHaveLength(1);
  });

  it('without a config it infers services from the layout and says so', async () => {
    const repo = makeRepo(
      {
        'services/billing/package.json': '{ "name": "billing", "dependencies": { "mysql2": "3" } }',
        'services/payment/package.json': '{ "name": "payment", "dependencies": { "mysql2": "3" } }',
        ...crossQuery,
      },
      false,
    );
    const { code, messages, summary } = await jsonRun(repo);
    expect(code).toBe(1);
    expect(messages.filter((m) => m.ruleId === 'no-cross-service-query').map((m) => `${m.file}:${m.line}:${m.column}`)).toEqual([
      'services/billing/src/repo.ts:1:25',
    ]);
    expect(JSON.stringify(summary.notices)).toMatch(/No nilecare-lint\.config\.json found/);
  });

  it('stylish output has no colour codes when not a TTY, and colour with --color', async () => {
    const repo = makeRepo(crossQuery);
    expect((await cli(repo, [])).stdout).not.toMatch(/\u001b\[/);
    expect((await cli(repo, ['--color'])).stdout).toMatch(/\u001b\[/);
  });
});
