/**
 * The shipped binary as a process: what the in-process CLI tests cannot see (the exit status
 * the shell gets, stdout and stderr kept apart, the process working directory).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../built-cli.js';
import { makeRepo, paymentMigration } from '../workflow/helpers.js';

const crossQuery = "db.query('SELECT * FROM payments');\n";
const files = { ...paymentMigration, 'services/billing/src/repo.ts': crossQuery, 'services/billing/src/ok.ts': "db.query('SELECT 1');\n" };

describe('bin/nilecare-lint.js', () => {
  describe('the process working directory', () => {
    it('command-line paths are relative to it, and the config is found above it', () => {
      const repo = makeRepo(files);
      const child = spawnSync(process.execPath, [path.join(repoRoot, 'bin/nilecare-lint.js'), 'src/repo.ts', '-f', 'json'], {
        cwd: path.join(repo, 'services/billing'),
        encoding: 'utf8',
      });
      expect(child.status).toBe(1);
      const report = JSON.parse(child.stdout) as {
        results: Array<{ filePath: string; messages: Array<{ line: number; column: number }> }>;
      };
      expect(report.results.map((r) => `${r.filePath}:${r.messages[0].line}:${r.messages[0].column}`)).toEqual([
        'services/billing/src/repo.ts:1:25',
      ]);
    });
  });

  describe('help', () => {
    it('the process itself: `nilecare-lint help` exits 0 with the help on stdout only', () => {
      // A repository with an error finding: a help request that also linted would exit 1.
      const repo = makeRepo({ ...paymentMigration, 'services/billing/src/repo.ts': crossQuery });
      const child = spawnSync(process.execPath, [path.join(repoRoot, 'bin/nilecare-lint.js'), '--cwd', repo, 'help'], { encoding: 'utf8' });
      expect(child.status).toBe(0);
      expect(child.stderr).toBe('');
      expect(child.stdout).toMatch(/^nilecare-lint \[paths\.\.\]/);
      expect(child.stdout.match(/^Commands:$/gm)).toHaveLength(1);
    });
  });

  describe('--stdin', () => {
    // The in-process tests (test/cli/stdin.test.ts) hand the CLI the buffer; this is the real pipe.
    it('the shipped bin reads the pipe', () => {
      const repo = 'services/billing/src/repo.ts';
      const root = makeRepo({ ...paymentMigration, [repo]: "db.query('SELECT 1');\n" });
      const child = spawnSync(
        process.execPath,
        [path.join(repoRoot, 'bin/nilecare-lint.js'), '--cwd', root, '--stdin', '--stdin-filename', repo],
        {
          input: "\n  db.query('SELECT amount FROM payments');\n",
          encoding: 'utf8',
        },
      );
      expect(child.status, child.stderr).toBe(1);
      expect(child.stdout).toContain('2:32');
      expect(child.stdout).toContain('no-cross-service-query');
    });
  });
});
