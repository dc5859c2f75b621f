/**
 * Never a silent pass, where git selects the files: --staged with nothing staged, --changed-since
 * with no change, and a staged file the linter does not read say so instead of "✔ No problems".
 * Real temporary repositories; the other cases are in test/cli/unchecked.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../cli-run.js';
import { git, gitRepo, paymentMigration } from '../workflow/helpers.js';

const lint = (repo: string, argv: string[]) => runCliInProcess(['--cwd', repo, '--no-color', ...argv]);
interface Summary {
  filesLinted: number;
  unchecked: Array<{ kind: string; message: string }>;
}
const summaryOf = (stdout: string) => (JSON.parse(stdout) as { summary: Summary }).summary;

describe('a change set or a shard that selects nothing', () => {
  it('--staged with nothing staged says "No staged files" and exits 0; --changed-since with no change names the ref', async () => {
    const repo = gitRepo({ ...paymentMigration, 'services/billing/src/repo.ts': "db.query('SELECT 1');\n" });
    const staged = await lint(repo, ['--staged']);
    expect(staged.code).toBe(0);
    expect(staged.stdout).toContain('⚠ No staged files: nothing was linted.');
    expect(staged.stdout).not.toContain('✔');
    const since = await lint(repo, ['--changed-since', 'HEAD', '--format', 'json']);
    expect(since.code).toBe(0);
    expect(summaryOf(since.stdout).unchecked).toEqual([{ kind: 'no-files', message: 'No files changed since HEAD: nothing was linted.' }]);
    expect(since.stderr).toContain('nilecare-lint: warning: No files changed since HEAD: nothing was linted.');
  });

  it('a staged file the linter does not read is named as such', async () => {
    const repo = gitRepo({ ...paymentMigration, 'services/billing/src/repo.ts': "db.query('SELECT 1');\n" });
    git(repo, 'mv', 'services/billing/src/repo.ts', 'services/billing/src/repo.ts.bak');
    const outcome = await lint(repo, ['--staged', '--format', 'json']);
    expect(outcome.code).toBe(0);
    expect(summaryOf(outcome.stdout).unchecked.map((part) => part.message)).toEqual([
      expect.stringMatching(
        /^None of the \d+ staged files is a file the linter reads \(or each is ignored\), nor uses a table they declare: nothing was linted\.$/,
      ),
    ]);
  });
});
