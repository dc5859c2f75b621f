/**
 * Never a silent pass: a run that had nothing to check — no services for the cross-service rules,
 * no staged or changed file, an empty shard, every rule off — says what happened instead of
 * "✔ No problems", in every format; a run finding no services exits 2 (as `init` does). The
 * --staged and --changed-since cases need a git repository: test/e2e/unchecked-git.test.ts. The others run the CLI over
 * repositories in memory (test/cli-memory.ts): their subject is what a run says, not the disk.
 */
import { describe, expect, it } from 'vitest';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint as lint_ } from '../../src/lint.js';
import { cliInMemory, type MemoryFiles } from '../cli-memory.js';
import { memoryRepo as makeRepo, paymentMigration } from '../workflow/helpers.js';

const lint = (repo: MemoryFiles, argv: string[]) => cliInMemory(repo, ['--no-color', ...argv]);
interface Summary {
  filesLinted: number;
  unchecked: Array<{ kind: string; message: string }>;
}
const summaryOf = (stdout: string) => (JSON.parse(stdout) as { summary: Summary }).summary;

/** No package.json, migrations or driver anywhere: nothing discovery calls a service. */
const noServices = { 'src/index.ts': "export const hello = 'world';\n" };

describe('a run that finds no services', () => {
  it("says the cross-service rules had nothing to check and prints no ✔; the exit code is the per-file findings'", async () => {
    const repo = makeRepo(noServices, false);
    const outcome = await lint(repo, []);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain(
      '⚠ No services found: the cross-service rules (ambiguous-table-owner, no-cross-service-foreign-key, no-cross-service-import, no-cross-service-query, no-shared-database) had nothing to check.',
    );
    expect(outcome.stdout).not.toContain('✔');
    expect(outcome.stdout).toContain('No problems reported (1 file linted), and not everything was checked.');
  });

  it("a per-file error still fails the run: the exit code is the findings'", async () => {
    const repo = makeRepo({ 'src/db.ts': "export const config = { host: 'db', password: 'Tr0ub4dor-and-3' };\n" }, false);
    const outcome = await lint(repo, ['--format', 'json']);
    expect(outcome.code).toBe(1);
    expect(summaryOf(outcome.stdout).unchecked.map((part) => part.kind)).toEqual(['no-services']);
  });

  it('says so in JSON (summary.unchecked) and on stderr for formats a person does not read', async () => {
    const repo = makeRepo(noServices, false);
    const outcome = await lint(repo, ['--format', 'json']);
    expect(outcome.code).toBe(0);
    const summary = summaryOf(outcome.stdout);
    expect(summary.unchecked.map((part) => part.kind)).toEqual(['no-services']);
    expect(outcome.stderr).toMatch(/^nilecare-lint: warning: No services found: the cross-service rules/m);
    const sarif = await lint(repo, ['--format', 'sarif']);
    const notes = (
      JSON.parse(sarif.stdout) as {
        runs: Array<{ invocations: Array<{ toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }> }>;
      }
    ).runs[0].invocations[0].toolExecutionNotifications;
    expect(notes.filter((n) => n.level === 'warning' && n.message.text.startsWith('No services found'))).toHaveLength(1);
  });

  it('a run with services says nothing of the kind and passes with ✔', async () => {
    const repo = makeRepo({ ...paymentMigration, 'services/billing/src/repo.ts': "db.query('SELECT 1');\n" });
    const outcome = await lint(repo, []);
    expect(outcome.code, outcome.stdout + outcome.stderr).toBe(0);
    expect(outcome.stdout).toMatch(/^✔ No problems \(\d+ files linted\)$/m);
    expect(outcome.stdout).not.toContain('⚠');
  });
});

describe('a change set or a shard that selects nothing', () => {
  it('an empty shard says it holds none of the files, and exits 0; a shard with files passes as usual', async () => {
    const repo = makeRepo({ ...paymentMigration, 'services/billing/src/repo.ts': "db.query('SELECT 1');\n" });
    const outcomes = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((k) => lint(repo, ['--shard', `${k}/8`, '--format', 'json'])));
    const empty = outcomes.filter((o) => summaryOf(o.stdout).filesLinted === 0);
    expect(empty.length).toBeGreaterThan(0);
    for (const outcome of empty) {
      expect(outcome.code).toBe(0);
      expect(summaryOf(outcome.stdout).unchecked).toEqual([
        {
          kind: 'empty-shard',
          message: expect.stringMatching(/^Shard \d\/8 holds none of the \d+ file\(s\) selected: nothing was linted in this shard/),
        },
      ]);
    }
    for (const outcome of outcomes.filter((o) => summaryOf(o.stdout).filesLinted > 0))
      expect(summaryOf(outcome.stdout).unchecked).toEqual([]);
  });
});

describe('every rule off', () => {
  it('says nothing was checked instead of ✔', async () => {
    const repo = makeRepo({ ...paymentMigration, 'services/billing/src/repo.ts': "db.query('SELECT 1');\n" });
    const { ruleRegistry } = await import('../../rules/index.js');
    const off = Object.keys(ruleRegistry).flatMap((id) => ['--rule', `${id}:off`]);
    const outcome = await lint(repo, off);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('⚠ Every rule is off (config, --rule, or --quiet with only warning rules on): nothing was checked.');
    expect(outcome.stdout).not.toContain('✔');
  });
});

describe('a discovered service without a file the linter reads', () => {
  it('is a warning naming it and its root', async () => {
    const repo = makeRepo(
      {
        'services/orders/api/package.json': JSON.stringify({ name: 'orders-api', dependencies: { pg: '^8' } }),
        'services/billing/package.json': JSON.stringify({ name: 'billing', dependencies: { pg: '^8' } }),
        'services/billing/src/index.ts': "import { Pool } from 'pg';\nexport const pool = new Pool();\n",
      },
      false,
    );
    const outcome = await lint(repo, ['--format', 'json']);
    expect(outcome.stderr).toContain(
      "nilecare-lint: warning: service 'api' has no files the linter reads under services/orders/api: nothing of it was checked.",
    );
    expect(outcome.stderr).not.toContain("service 'billing'");
  });
});

describe('a run that selects no file', () => {
  const repo = () =>
    makeRepo({ ...paymentMigration, 'services/billing/src/repo.ts': "db.query('SELECT 1');\n", 'README.md': '# Billing\n' });

  it('naming only a file the linter does not read: a ⚠ and no ✔, in JSON summary.unchecked and on stderr', async () => {
    const root = repo();
    const outcome = await lint(root, ['README.md']);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain(
      '⚠ No files to lint: none of the paths given is a file the linter reads, or each is ignored: nothing was checked.',
    );
    expect(outcome.stdout).toContain('No problems reported (0 files linted), and not everything was checked.');
    expect(outcome.stdout).not.toContain('✔');
    const json = await lint(root, ['README.md', '--format', 'json']);
    expect(summaryOf(json.stdout).unchecked.map((part) => part.kind)).toEqual(['no-files']);
    expect(json.stderr).toContain('nilecare-lint: warning: No files to lint: none of the paths given');
  });

  it('a tree with no file the linter reads (lint() on a tree): a no-files part naming where to look', async () => {
    const run = await lint_({ cwd: '/nilecare-memory', tree: memoryTree({ 'README.md': '# Billing\n' }), config: {} });
    expect(run.filesLinted).toBe(0);
    expect(run.unchecked).toEqual([
      {
        kind: 'no-files',
        message: 'No files to lint: no source file matched, or every one was ignored (check `ignores`, `--ignore-pattern` and .gitignore).',
      },
    ]);
  });

  it('a named file the linter reads is linted, with no such line', async () => {
    const outcome = await lint(repo(), ['services/billing/src/repo.ts']);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toMatch(/^✔ No problems \(1 file linted\)$/m);
  });
});
