/**
 * Command-line paths as ESLint 9 reads them, and how files are found: folders, globs, paths that
 * match nothing (exit 2, never "✔ No problems (0 files linted)"), ignored files named on purpose,
 * and links. Runs the CLI in this process over repositories in memory (test/cli-memory.ts). Links and places
 * outside the project are in test/e2e/paths-disk.test.ts; how git decides what is source (tracked files,
 * submodules, a committed link) in test/e2e/paths-git.test.ts: they need real folders and repositories.
 */
import { describe, expect, it } from 'vitest';
import { runCliInProcess, runCliJson } from '../cli-run.js';
import type { MemoryFiles } from '../cli-memory.js';
import { billingReadsPayments, crossQuery, memoryRepo as makeRepo, workflowConfig, writeFile } from './helpers.js';

const files = billingReadsPayments;
const billingFinding = 'services/billing/src/repo.ts:1:25 no-cross-service-query';

const json = (repo: MemoryFiles, argv: string[]) => runCliJson(argv, { files: repo });
const run = (repo: MemoryFiles, argv: string[]) => runCliInProcess(argv, { files: repo });

describe('paths on the command line', () => {
  it('`.` and no path lint the same files and report the same findings', async () => {
    const repo = makeRepo(files);
    const bare = await json(repo, []);
    const dot = await json(repo, ['.']);
    expect(dot.code).toBe(1);
    expect(dot.findings).toEqual([billingFinding]);
    expect(dot.report.summary.filesLinted).toBe(4);
    expect(dot.stdout).toBe(bare.stdout);
  });

  it('a folder lints every file under it, with findings that need other services still resolved', async () => {
    const repo = makeRepo(files);
    for (const folder of ['services/billing', 'services/billing/', './services/billing/src']) {
      const outcome = await json(repo, [folder]);
      expect(outcome.findings).toEqual([billingFinding]);
      expect(outcome.report.summary.filesLinted).toBe(2);
    }
    const payment = await json(repo, ['services/payment']);
    expect(payment.code).toBe(0);
    expect(payment.report.summary.filesLinted).toBe(2);
  });

  it('a glob is expanded, as a quoted shell argument reaches it', async () => {
    const repo = makeRepo(files);
    const ts = await json(repo, ['services/**/*.ts']);
    expect(ts.findings).toEqual([billingFinding]);
    expect(ts.report.summary.filesLinted).toBe(3);
    const sql = await json(repo, ['services/*/migrations/*.sql', 'services/billing/src/ok.ts']);
    expect(sql.code).toBe(0);
    expect(sql.report.summary.filesLinted).toBe(2);
  });

  it('a path that matches nothing exits 2 with ESLint wording, and writes no report', async () => {
    const repo = makeRepo(files);
    const cases: Array<[string, string]> = [
      ['does-not-exist.ts', "nilecare-lint: No files matching 'does-not-exist.ts' were found.\n"],
      ['services/*/nothing/**', "nilecare-lint: No files matching 'services/*/nothing/**' were found.\n"],
    ];
    for (const [pattern, message] of cases) {
      const outcome = await run(repo, [pattern, '--format', 'sarif', '--output', 'report.sarif']);
      expect(outcome).toEqual({ code: 2, stdout: '', stderr: message });
      expect(repo.written.size).toBe(0);
    }
    writeFile(repo, 'docs/guide.md', '# guide\n');
    const folder = await run(repo, ['docs']);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/^nilecare-lint: No files matching 'docs' were found: the folder holds no file nilecare-lint reads/);
    // One bad path fails the run even next to good ones: a typo in CI must not go unnoticed.
    expect((await run(repo, ['services/billing', 'services/biling'])).code).toBe(2);
  });

  it('a word that is neither a path nor a command exits 2 and suggests the command', async () => {
    const repo = makeRepo(files);
    expect(await run(repo, ['mapp'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "nilecare-lint: 'mapp' is not a file, folder or command; did you mean 'map'?\n",
    });
    expect((await run(repo, ['inti'])).stderr).toMatch(/did you mean 'init'\?/);
    expect((await run(repo, ['hlep'])).stderr).toMatch(/did you mean 'help'\?/);
    expect((await run(repo, ['zebra'])).stderr).toBe("nilecare-lint: No files matching 'zebra' were found.\n");
  });

  it('a named file an ignore rule covers is a warning naming the rule; --no-ignore lints it', async () => {
    const repo = makeRepo(
      {
        ...files,
        'services/billing/dist/repo.ts': crossQuery,
        'services/billing/legacy/old.ts': crossQuery,
        'services/billing/generated/gen.ts': crossQuery,
      },
      { ...workflowConfig, ignores: ['services/billing/legacy/**'] },
    );
    const cases: Array<[string, string[], string]> = [
      ['services/billing/dist/repo.ts', [], 'the default ignores (dist/)'],
      ['services/billing/legacy/old.ts', [], "'services/billing/legacy/**' (ignores[0] in nilecare-lint.config.json)"],
      ['services/billing/generated/gen.ts', ['--ignore-pattern', '**/generated/**'], "'**/generated/**' (--ignore-pattern)"],
    ];
    for (const [file, extra, rule] of cases) {
      const warning = `${file} is ignored by ${rule}; use --no-ignore to lint it.`;
      const ignored = await json(repo, [file, 'services/billing/src/ok.ts', ...extra]);
      expect(ignored.code).toBe(0);
      expect(ignored.report.summary.filesLinted).toBe(1);
      expect(ignored.stderr).toBe(`nilecare-lint: warning: ${warning}\n`);
      expect(ignored.report.summary.warnings).toEqual([warning]);
      const linted = await json(repo, [file, '--no-ignore', ...extra]);
      expect(linted.code).toBe(1);
      expect(linted.findings).toEqual([`${file}:1:25 no-cross-service-query`]);
    }
    const all = await run(repo, ['services/billing/dist']);
    expect(all.code).toBe(2);
    expect(all.stderr).toBe(
      "nilecare-lint: All files matched by 'services/billing/dist' are ignored (services/billing/dist/repo.ts: the default ignores (dist/)); use --no-ignore to lint them.\n",
    );
  });

  it('a named file of a kind the linter does not read is a warning that names it', async () => {
    const repo = makeRepo(files);
    const outcome = await json(repo, ['README.md', 'services/billing/src/repo.ts']);
    expect(outcome.findings).toEqual([billingFinding]);
    expect(outcome.report.summary.warnings).toEqual([
      'README.md is not a file nilecare-lint reads (TypeScript/JavaScript, SQL, Prisma, .env, Docker Compose or Kubernetes YAML); not linted.',
    ]);
    expect(JSON.stringify(outcome.report.summary.notices)).not.toMatch(/named file/);
  });
});
