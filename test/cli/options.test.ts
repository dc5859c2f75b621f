/** Option values are validated (exit 2, one line naming the option and the value); --max-warnings and --quiet mean what they mean in ESLint 9. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, memoryRepo as makeRepo, paymentMigration, workflowConfig, type Repo } from '../workflow/helpers.js';

// Over repositories in memory (test/cli-memory.ts): the subject is the command line, not the disk.

const REPO = 'services/billing/src/repo.ts';
/** One error (a cross-service query) and one warning (an unknown table). */
const errorAndWarning = {
  ...paymentMigration,
  [REPO]: "db.query('SELECT * FROM payments');\ndb.query('SELECT * FROM legacy_totals');\n",
};
/** Two warnings, no error. */
const warningsOnly = {
  ...paymentMigration,
  [REPO]: "db.query('SELECT * FROM legacy_totals');\ndb.query('SELECT * FROM old_sums');\n",
};

const lint = (repo: Repo, argv: string[], env: NodeJS.ProcessEnv = {}) => cli(repo, argv, env);

interface JsonReport {
  results: Array<{ filePath: string; messages: Array<{ ruleId: string; severityName: string }> }>;
  summary: { errorCount: number; warningCount: number };
}
const messagesOf = (stdout: string) =>
  (JSON.parse(stdout) as JsonReport).results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.severityName}`));

/** A usage error: exit 2, nothing on stdout, one line on stderr. */
function expectUsageError(outcome: { code: number; stdout: string; stderr: string }, ...mentions: string[]) {
  expect(outcome.code, outcome.stderr).toBe(2);
  expect(outcome.stdout).toBe('');
  expect(outcome.stderr.trimEnd().split('\n'), outcome.stderr).toHaveLength(1);
  for (const text of mentions) expect(outcome.stderr).toContain(text);
}

describe('--max-warnings', () => {
  it('rejects what is not a whole number of warnings, naming the option and the value', async () => {
    const repo = makeRepo(warningsOnly);
    for (const value of ['abc', '1.5', '-2', '1e3', '0x10'])
      expectUsageError(await lint(repo, ['--max-warnings', value]), '--max-warnings', `'${value}'`);
    expectUsageError(await lint(repo, ['--max-warnings']), 'max-warnings');
    expectUsageError(await lint(repo, ['--max-warnings=']), '--max-warnings');
    expectUsageError(await lint(repo, ['--max-warnings', ' ']), '--max-warnings');
  });

  it('-1 means no limit, as in ESLint', async () => {
    const repo = makeRepo(warningsOnly);
    const outcome = await lint(repo, ['--max-warnings', '-1']);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('✖ 2 problems (0 errors, 2 warnings)');
    expect(outcome.stdout + outcome.stderr).not.toMatch(/too many warnings/);
  });

  it('more warnings than the limit exit 1 and say so: in the stylish summary, on stderr for other formats', async () => {
    const repo = makeRepo(warningsOnly);
    expect((await lint(repo, ['--max-warnings', '2'])).code).toBe(0);
    const stylish = await lint(repo, ['--max-warnings', '1']);
    expect(stylish.code).toBe(1);
    expect(stylish.stdout).toContain('nilecare-lint found too many warnings (maximum: 1).');
    const json = await lint(repo, ['--max-warnings', '1', '-f', 'json']);
    expect(json.code).toBe(1);
    expect(json.stderr).toBe('nilecare-lint found too many warnings (maximum: 1).\n');
    expect(() => JSON.parse(json.stdout)).not.toThrow();
  });
});

describe('--quiet (ESLint 9)', () => {
  it('reports errors only; the exit code still comes from every finding', async () => {
    const repo = makeRepo(errorAndWarning);
    const loud = await lint(repo, ['-f', 'json']);
    expect(messagesOf(loud.stdout)).toEqual(['no-cross-service-query error', 'unknown-table warning']);
    const quiet = await lint(repo, ['-f', 'json', '--quiet']);
    expect(quiet.code).toBe(1);
    expect(messagesOf(quiet.stdout)).toEqual(['no-cross-service-query error']);
    const stylish = await lint(repo, ['--quiet']);
    expect(stylish.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
    expect(stylish.stdout).not.toContain('legacy_totals');
  });

  it('with warnings only, reports nothing and passes', async () => {
    const outcome = await lint(makeRepo(warningsOnly), ['--quiet']);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('✔ No problems');
  });

  it('does not run rules set to warn, unless --max-warnings needs their count', async () => {
    const repo = makeRepo(errorAndWarning);
    const rulesRun = async (argv: string[]) => {
      const { stderr } = await lint(repo, ['-f', 'json', ...argv], { TIMING: 'all' });
      const rows = stderr.split('\n').slice(stderr.split('\n').findIndex((l) => l.startsWith('Rule ')) + 2);
      return rows.map((row) => row.split('|')[0].trim()).filter(Boolean);
    };
    expect(await rulesRun([])).toContain('unknown-table');
    const quiet = await rulesRun(['--quiet']);
    expect(quiet).toContain('no-cross-service-query');
    expect(quiet).not.toContain('unknown-table');
    expect(await rulesRun(['--quiet', '--max-warnings', '5'])).toContain('unknown-table');
  });

  it('with --max-warnings, warnings count (exit 1, and it says so) though none is reported', async () => {
    const repo = makeRepo(warningsOnly);
    const outcome = await lint(repo, ['--quiet', '--max-warnings', '1']);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).not.toContain('legacy_totals');
    expect(outcome.stdout).toContain('nilecare-lint found too many warnings (maximum: 1).');
    expect((await lint(repo, ['--quiet', '--max-warnings', '2'])).code).toBe(0);
  });
});

describe('other option values', () => {
  it('a boolean option given a value other than true/false is a usage error, not a silent false', async () => {
    const repo = makeRepo(warningsOnly);
    expectUsageError(await lint(repo, ['--cache=yes']), '--cache', "'yes'");
    expectUsageError(await lint(repo, ['--color=always']), '--color', "'always'");
    expect((await lint(repo, ['--quiet=true'])).code).toBe(0);
  });

  it('an option that takes a value has no --no- form: a usage error naming it, not an internal error', async () => {
    const repo = makeRepo(warningsOnly);
    for (const option of [
      'rule',
      'config',
      'cwd',
      'ignore-pattern',
      'changed-since',
      'print-config',
      'fix-type',
      'sarif-category',
      'suppress-rule',
      'output',
      'cache-location',
    ])
      expectUsageError(await lint(repo, [`--no-${option}`]), `--no-${option} is not an option: --${option} takes a value`);
    expectUsageError(await lint(repo, ['--no-format=json']), '--no-format is not an option');
    expect((await lint(repo, ['--no-cache'])).code).toBe(0);
    expect((await lint(repo, ['--no-color'])).code).toBe(0);
  });

  it('string options need a value', async () => {
    const repo = makeRepo(warningsOnly);
    for (const option of ['--output', '--config', '--shard', '--cache-location', '--suppressions-location', '--print-config'])
      expectUsageError(await lint(repo, [`${option}=`]), option);
    expectUsageError(await lint(repo, ['--format']), 'format');
  });

  it('--shard and --rule are checked', async () => {
    const repo = makeRepo(warningsOnly);
    for (const value of ['0/3', '4/3', 'a/b', '1/0', '2', '1/2/3'])
      expectUsageError(await lint(repo, ['--shard', value]), '--shard', `'${value}'`);
    expectUsageError(await lint(repo, ['--rule', 'unknown-table']), '--rule', "'unknown-table'");
  });

  it('a choice outside the list is one line naming the option and the value', async () => {
    const repo = makeRepo(warningsOnly);
    expectUsageError(await lint(repo, ['--format', 'xml']), 'format', 'xml');
    expectUsageError(await lint(repo, ['--concurrency', 'many']), 'concurrency', 'many');
    expectUsageError(await lint(repo, ['--report-unused-disable-directives-severity', 'loud']), 'loud');
  });

  it('a repeated single-value option takes the last value', async () => {
    const outcome = await lint(makeRepo(warningsOnly), ['-f', 'stylish', '-f', 'json']);
    expect(messagesOf(outcome.stdout)).toHaveLength(2);
  });

  it('a repeatable option takes one value per flag, as in ESLint: the path after it stays a path', async () => {
    const repo = makeRepo(errorAndWarning);
    const paths = (stdout: string) =>
      (JSON.parse(stdout) as JsonReport).results.map((r) => path.relative(repo.resolve('.'), repo.resolve(r.filePath)));
    // `--rule x:off services/billing` used to read the folder as a second --rule value (a usage error).
    const ruled = await lint(repo, [
      '-f',
      'json',
      '--rule',
      'unknown-table:off',
      'services/billing',
      '--rule',
      'no-cross-service-query:warn',
    ]);
    expect(ruled.code, ruled.stderr).toBe(0);
    expect(messagesOf(ruled.stdout)).toEqual(['no-cross-service-query warning']);
    expect(paths(ruled.stdout)).toEqual([REPO]);
    // `--ignore-pattern x services/billing` used to ignore the folder as a second pattern.
    const ignored = await lint(repo, ['-f', 'json', '--ignore-pattern', '**/*.sql', 'services/billing']);
    expect(ignored.code, ignored.stderr).toBe(1);
    expect(paths(ignored.stdout)).toEqual([REPO]);
    const fixTyped = await lint(repo, ['-f', 'json', '--fix-dry-run', '--fix-type', 'problem', 'services/billing']);
    expect(fixTyped.stderr).not.toContain('--fix-type');
  });

  it('--cwd must be an existing folder: a typo would lint nothing and pass', async () => {
    const repo = makeRepo(warningsOnly);
    expectUsageError(await lint(repo, ['--cwd', 'nope']), '--cwd', 'nope');
    expectUsageError(await lint(repo, ['--cwd', REPO]), '--cwd');
    expect((await lint(repo, ['--cwd', 'services/billing'])).code).toBe(0);
  });

  it('--sarif-category and --sarif-include-suppressed apply to --format sarif only', async () => {
    const repo = makeRepo(warningsOnly);
    expectUsageError(await lint(repo, ['--sarif-category', 'db']), '--sarif-category', 'stylish');
    expectUsageError(await lint(repo, ['-f', 'json', '--sarif-include-suppressed']), '--sarif-include-suppressed');
    expectUsageError(await lint(repo, ['-f', 'sarif', '--sarif-category', '/']), '--sarif-category');
  });

  it('writes nothing when an option is wrong', async () => {
    const repo = makeRepo(warningsOnly, workflowConfig);
    expectUsageError(await lint(repo, ['-f', 'sarif', '-o', 'out.sarif', '--max-warnings', 'many']), '--max-warnings');
    expect(repo.written.size).toBe(0);
  });
});
