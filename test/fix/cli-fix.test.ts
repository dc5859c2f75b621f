/**
 * The command line's side of fixing: `--fix` writes and says so, `--fix-dry-run` prints the diff
 * and writes nothing, `--fix-type` is checked, and the reports carry fixes and suggestions
 * (stylish: the fixable count; JSON: `fix`/`suggestions`; SARIF: `fixes` valid against the schema).
 * Over a repository in memory (test/cli-memory.ts): the fixed file is written through the CLI's injected files;
 * on disk in test/e2e/cli-disk.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { cli, memoryRepo, paymentMigration, readFile, workflowConfig } from '../workflow/helpers.js';
import { sarifSchemaValidator } from '../reporters/sarif-schema.js';

const repoFile = 'services/billing/src/repo.ts';
const before = "db.query('SELECT * FROM payments'); // nilecare-lint-disable-line unknown-table\n";
const after = "db.query('SELECT * FROM payments');\n";
const repo = () => memoryRepo({ ...paymentMigration, [repoFile]: before }, { ...workflowConfig, reportUnusedDisableDirectives: 'warn' });

describe('--fix on the command line', () => {
  it('stylish marks the fixable finding and counts it as ESLint does', async () => {
    const { stdout, code } = await cli(repo(), []);
    expect(code).toBe(1);
    expect(stdout).toContain("    ✎ --fix: Remove the unused 'nilecare-lint-disable-line' directive.");
    expect(stdout).toContain('  0 errors and 1 warning potentially fixable with the `--fix` option.');
  });

  it('--fix-dry-run prints a unified diff and writes nothing', async () => {
    const root = repo();
    const { stdout, code } = await cli(root, ['--fix-dry-run']);
    expect(stdout.startsWith(`--- a/${repoFile}\n+++ b/${repoFile}\n@@ -1,1 +1,1 @@\n-${before}+${after}`)).toBe(true);
    // The report that follows is of what remains: the cross-service query.
    expect(stdout).toContain('no-cross-service-query');
    expect(stdout).not.toContain('unused-disable-directive');
    expect(code).toBe(1);
    expect(readFile(root, repoFile)).toBe(before);
    expect(root.written.size).toBe(0);
  });

  it('--fix writes the fixed file, reports what remains, and a second run changes nothing', async () => {
    const root = repo();
    const first = await cli(root, ['--fix']);
    expect([...root.written.keys()]).toEqual([root.resolve(repoFile)]);
    expect(readFile(root, repoFile)).toBe(after);
    expect(first.stderr).toContain('nilecare-lint: 1 fix(es) applied to 1 file(s) in 1 pass(es)');
    expect(first.stdout).not.toContain('potentially fixable');
    const second = await cli(root, ['--fix']);
    expect(second.stderr).not.toContain('applied');
    expect(readFile(root, repoFile)).toBe(after);
  });

  it.each([
    [['--fix-type', 'layout,bogus', '--fix'], "--fix-type expects problem, suggestion, layout, directive; got 'bogus'"],
    [['--fix-type', 'problem'], '--fix-type applies to --fix or --fix-dry-run'],
    [['--fix', '--fix-dry-run'], '--fix and --fix-dry-run exclude each other'],
    [['--fix-dry-run', '-f', 'json'], '--fix-dry-run prints a diff: write the json report elsewhere with --output'],
    [['--fix', '--suppress-all'], '--fix cannot be combined with --suppress-all'],
  ])('%j is a usage error', async (argv, message) => {
    const root = repo();
    const { code, stderr } = await cli(root, argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(readFile(root, repoFile)).toBe(before);
  });

  it('JSON carries the fix, the suggestions and the fixable counts', async () => {
    const { stdout } = await cli(repo(), ['-f', 'json']);
    const report = JSON.parse(stdout) as {
      results: Array<{ messages: Array<{ ruleId: string; fix: unknown; suggestions: Array<{ description: string }> }> }>;
      summary: { fixableErrorCount: number; fixableWarningCount: number };
    };
    const messages = report.results.flatMap((r) => r.messages);
    const unused = messages.find((m) => m.ruleId === 'unused-disable-directive')!;
    expect(unused.fix).toEqual({
      description: "Remove the unused 'nilecare-lint-disable-line' directive.",
      changes: [{ kind: 'edit', file: repoFile, edits: [{ start: 35, end: 79, text: '' }] }],
    });
    const query = messages.find((m) => m.ruleId === 'no-cross-service-query')!;
    expect(query.fix).toBeNull();
    expect(query.suggestions.map((s) => s.description)).toContain("Disable 'no-cross-service-query' for this line, with a reason.");
    expect(report.summary).toMatchObject({ fixableErrorCount: 0, fixableWarningCount: 1 });
  });

  it('SARIF carries fixes with artifactChanges and stays valid', async () => {
    const { stdout } = await cli(repo(), ['-f', 'sarif']);
    const log = JSON.parse(stdout) as { runs: Array<{ results: Array<{ ruleId: string; fixes?: unknown[] }> }> };
    const validate = sarifSchemaValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const unused = log.runs[0].results.find((r) => r.ruleId === 'unused-disable-directive')!;
    expect(unused.fixes![0]).toEqual({
      description: { text: "Remove the unused 'nilecare-lint-disable-line' directive." },
      artifactChanges: [
        {
          artifactLocation: { uri: repoFile, uriBaseId: '%SRCROOT%' },
          replacements: [{ deletedRegion: { charOffset: 35, charLength: 44 }, insertedContent: { text: '' } }],
        },
      ],
    });
  });
});
