/**
 * `--stdin --stdin-filename <path>`: an editor pipes an unsaved buffer; it is linted as that file
 * of the project (its service and the ownership of the rest of the repository apply), the disk's
 * content of the file, if any, set aside. Wrong combinations are usage errors (exit 2), as in ESLint.
 * The shipped bin reading a real pipe is in test/e2e/process.test.ts; the buffer over a repository on disk in
 * test/e2e/cli-disk.test.ts. Over repositories in memory (test/cli-memory.ts).
 */
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli.js';
import { memoryRepo as makeRepo, paymentMigration, readFile } from '../workflow/helpers.js';
import type { MemoryFiles } from '../cli-memory.js';

const REPO = 'services/billing/src/repo.ts';
const clean = "db.query('SELECT 1');\n";
const crossService = "\n  db.query('SELECT amount FROM payments');\n";

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  /** Whether the CLI read stdin at all. */
  read: boolean;
}

async function lintStdin(root: MemoryFiles, argv: string[], text: string | Buffer | undefined): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  let read = false;
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    isTTY: false,
    env: {},
    files: root,
    ...(text === undefined
      ? {}
      : {
          stdin: (maxBytes: number) => {
            read = true;
            const bytes = Buffer.from(text);
            return bytes.length > maxBytes ? Promise.reject(new Error('too large')) : Promise.resolve(bytes);
          },
        }),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr, read };
}

const findings = (stdout: string) =>
  (
    JSON.parse(stdout) as { results: Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; column: number }> }> }
  ).results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.column} ${m.ruleId}`));

/** A usage error: exit 2, nothing on stdout, one line on stderr naming what is wrong. */
function expectUsageError(outcome: Outcome, ...mentions: string[]) {
  expect(outcome.code, outcome.stderr).toBe(2);
  expect(outcome.stdout).toBe('');
  expect(outcome.stderr.trimEnd().split('\n'), outcome.stderr).toHaveLength(1);
  for (const text of mentions) expect(outcome.stderr).toContain(text);
  expect(outcome.read, 'stdin is not read when the arguments are wrong').toBe(false);
}

describe('--stdin --stdin-filename', () => {
  it("lints stdin's text in place of the file on disk, with ownership from the rest of the repository", async () => {
    const root = makeRepo({ ...paymentMigration, [REPO]: clean, 'services/billing/src/other.ts': "db.query('SELECT * FROM payments');\n" });
    const outcome = await lintStdin(root, ['--stdin', '--stdin-filename', REPO, '-f', 'json'], crossService);
    expect(outcome.code, outcome.stderr).toBe(1);
    expect(outcome.read).toBe(true);
    // Only the buffer is reported: other.ts has a finding of its own on disk, and is not linted.
    expect(findings(outcome.stdout)).toEqual([`${REPO}:2:32 no-cross-service-query`]);
    expect(readFile(root, REPO)).toBe(clean);
    const fromDisk = await lintStdin(root, ['--stdin', '--stdin-filename', REPO, '-f', 'json'], clean);
    expect(fromDisk.code, fromDisk.stderr).toBe(0);
    expect(findings(fromDisk.stdout)).toEqual([]);
  });

  it('lints a file that does not exist yet, and a path relative to --cwd', async () => {
    const root = makeRepo({ ...paymentMigration, [REPO]: clean });
    const outcome = await lintStdin(
      root,
      ['--cwd', 'services/billing', '--stdin', '--stdin-filename', 'src/new.ts', '-f', 'json'],
      crossService,
    );
    expect(outcome.code, outcome.stderr).toBe(1);
    // Reports name files from the project root, whatever the folder the CLI ran in.
    expect(findings(outcome.stdout)).toEqual(['services/billing/src/new.ts:2:32 no-cross-service-query']);
  });

  it("an unsaved migration on stdin is that service's migration: its table is owned and its findings are its own", async () => {
    const root = makeRepo({ ...paymentMigration, [REPO]: "db.query('SELECT * FROM ledger');\n" });
    const migration = 'services/billing/migrations/V1__ledger.sql';
    const outcome = await lintStdin(root, ['--stdin', '--stdin-filename', migration, '-f', 'json'], 'CREATE TABLE ledger (id INT);\n');
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(findings(outcome.stdout)).toEqual([]);
    const sql = await lintStdin(root, ['--stdin', '--stdin-filename', migration, '-f', 'json'], 'SELECT * FROM payments;\n');
    expect(findings(sql.stdout)).toEqual([`${migration}:1:15 no-cross-service-query`]);
  });

  it('says on stderr when the file is not linted (ignored, or not a kind the linter reads), exit 0', async () => {
    const root = makeRepo({ ...paymentMigration });
    for (const file of ['services/billing/dist/out.ts', 'services/billing/README.md']) {
      const outcome = await lintStdin(root, ['--stdin', '--stdin-filename', file, '-f', 'json'], crossService);
      expect(outcome.code, outcome.stderr).toBe(0);
      expect(findings(outcome.stdout)).toEqual([]);
      expect(outcome.stderr).toContain(`warning: ${file} was not linted`);
    }
  });

  it('refuses wrong combinations with one line and exit 2, before reading stdin', async () => {
    const root = makeRepo({ ...paymentMigration, [REPO]: clean });
    expectUsageError(await lintStdin(root, ['--stdin'], crossService), '--stdin needs --stdin-filename');
    expectUsageError(await lintStdin(root, ['--stdin-filename', REPO], crossService), '--stdin-filename', 'give --stdin');
    expectUsageError(
      await lintStdin(root, ['--stdin', '--stdin-filename', REPO, REPO], crossService),
      'file arguments cannot be combined with --stdin',
    );
    expectUsageError(
      await lintStdin(root, ['--stdin', '--stdin-filename', REPO, '--staged'], crossService),
      '--staged cannot be combined with --stdin',
    );
    expectUsageError(await lintStdin(root, ['--stdin', '--stdin-filename', REPO, '--suppress-all'], crossService), '--suppress-all');
    expectUsageError(await lintStdin(root, ['--stdin', '--stdin-filename', '../elsewhere.ts'], crossService), 'lies outside the project');
    expectUsageError(await lintStdin(root, ['--stdin', '--stdin-filename', '/x.ts'], crossService), 'outside the project');
    expectUsageError(await lintStdin(root, ['--stdin', '--stdin-filename', '.'], crossService), 'outside the project');
    expectUsageError(await lintStdin(root, ['--stdin', '--stdin-filename', 'services/billing'], crossService), 'is a folder');
    expectUsageError(await lintStdin(root, ['--stdin', '--stdin-filename='], crossService), '--stdin-filename needs a value');
    // The buffer is not the file on disk: fixing it there would overwrite what the editor shows.
    expectUsageError(
      await lintStdin(root, ['--stdin', '--stdin-filename', REPO, '--fix'], crossService),
      '--fix and --fix-dry-run do not apply to --stdin',
    );
    expectUsageError(
      await lintStdin(root, ['--stdin', '--stdin-filename', REPO, '--fix-dry-run'], crossService),
      'do not apply to --stdin',
    );
  });
});
