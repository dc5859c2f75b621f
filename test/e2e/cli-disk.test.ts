import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { captureIo } from '../support/capture-io.js';
import { cli, makeRepo, paymentMigration, readFile, workflowConfig, writeFile } from '../workflow/helpers.js';

// The lint command over a repository on disk: the config found there, files listed by a walk and read, the report
// written to a file, the suppressions file and --fix's files written. The command line's contract is tested in memory (test/cli.test.ts, test/cli/*.test.ts).
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

  it('--stdin lints the buffer in place of the file on disk, which stays as it was', async () => {
    const file = 'services/billing/src/repo.ts';
    const repo = makeRepo({ ...paymentMigration, [file]: "db.query('SELECT 1');\n" });
    const io = captureIo({ stdin: () => Promise.resolve(Buffer.from("db.query('SELECT amount FROM payments');\n")) });
    expect(await runCli(['--cwd', repo, '--stdin', '--stdin-filename', file, '-f', 'json'], io), io.err).toBe(1);
    expect(io.out).toContain('no-cross-service-query');
    expect(readFile(repo, file)).toBe("db.query('SELECT 1');\n");
  });

  it('--suppress-all writes the suppressions file on disk, the next run reads it; --prune-suppressions rewrites it', async () => {
    const repo = makeRepo(crossQuery);
    const written = await cli(repo, ['--suppress-all']);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('nilecare-lint-suppressions.json: 1 suppression(s) added, 0 pruned, 1 in total');
    expect(JSON.parse(readFile(repo, 'nilecare-lint-suppressions.json'))).toMatchObject({
      version: 1,
      suppressions: [{ rule: 'no-cross-service-query', file: 'services/billing/src/repo.ts', line: 1 }],
    });
    expect((await cli(repo, [])).code).toBe(0);
    writeFile(repo, 'services/billing/src/repo.ts', "db.query('SELECT 1');\n");
    expect((await cli(repo, [])).code).toBe(2);
    expect((await cli(repo, ['--prune-suppressions'])).code).toBe(0);
    expect(JSON.parse(readFile(repo, 'nilecare-lint-suppressions.json'))).toEqual({ version: 1, suppressions: [] });
  });

  it('--fix rewrites the fixed file on disk; --fix-dry-run leaves it as it was', async () => {
    const file = 'services/billing/src/repo.ts';
    const before = "db.query('SELECT 1'); // nilecare-lint-disable-line unknown-table\n";
    const repo = makeRepo({ ...paymentMigration, [file]: before }, { ...workflowConfig, reportUnusedDisableDirectives: 'warn' });
    expect((await cli(repo, ['--fix-dry-run'])).stdout).toContain(`--- a/${file}`);
    expect(readFile(repo, file)).toBe(before);
    const fixed = await cli(repo, ['--fix']);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toContain('1 fix(es) applied to 1 file(s) in 1 pass(es)');
    expect(readFile(repo, file)).toBe("db.query('SELECT 1');\n");
  });
});
