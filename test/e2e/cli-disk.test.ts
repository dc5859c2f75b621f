import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, makeRepo, paymentMigration } from '../workflow/helpers.js';

// The lint command over a repository on disk: the config found there, files listed by a walk and read, the report
// written to a file. The command line's contract is tested in memory (test/cli.test.ts, test/cli/*.test.ts).
const crossQuery = { 'services/billing/src/repo.ts': "db.query('SELECT * FROM payments');\n", ...paymentMigration };

describe('CLI on disk', () => {
  it('exits 0 when clean, 1 with an error-level finding, 2 for an invalid config', async () => {
    expect((await cli(makeRepo(paymentMigration), [])).code).toBe(0);
    const dirty = await cli(makeRepo(crossQuery), []);
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toContain("Service 'billing' reads table 'payments' owned by service 'payment'");
    const invalid = makeRepo({ 'nilecare-lint.config.json': '{ "servises": [] }' }, false);
    const outcome = await cli(invalid, []);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/servises/);
  });

  it('--output writes the report to a file (its folder created) and nothing to stdout', async () => {
    const repo = makeRepo(crossQuery);
    const target = path.join(repo, 'reports', 'out.sarif');
    const outcome = await cli(repo, ['--format', 'sarif', '--output', target]);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(target, 'utf8')) as { runs: Array<{ results: unknown[] }> };
    expect(sarif.runs[0].results).toHaveLength(1);
  });
});
