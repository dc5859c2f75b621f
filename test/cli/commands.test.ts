/** Commands behave like commands: help and version exit 0 without linting, each command takes only its own options. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../built-cli.js';
import { runCliInProcess } from '../cli-run.js';
import { makeRepo, paymentMigration } from '../workflow/helpers.js';

const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** Options each command's help must list, and options of other commands it must not. */
const LINT_ONLY = ['--cache', '--staged', '--suppress-all', '--quiet', '--max-warnings', '--sarif-category', '--shard'];
const INIT_ONLY = ['--force', '--dry-run', '--pin-databases'];
const MAP_ONLY = ['--summary', '--all-tables'];
const EVERY_DIFF_OPTION = [
  '--cwd',
  '--config',
  '--format',
  '--fail-on',
  '--output',
  '--cache',
  '--cache-location',
  '--ignore-pattern',
  '--ignore',
  '--help',
  '--version',
];
const EVERY_LINT_OPTION = [
  '--cwd',
  '--config',
  '--format',
  '--output',
  '--quiet',
  '--max-warnings',
  '--color',
  '--sarif-category',
  '--sarif-include-suppressed',
  '--fix',
  '--fix-dry-run',
  '--fix-type',
  '--rule',
  '--ignore-pattern',
  '--ignore',
  '--shard',
  '--concurrency',
  '--list-rules',
  '--print-config',
  '--changed-since',
  '--staged',
  '--affected',
  '--cache',
  '--cache-location',
  '--report-unused-disable-directives',
  '--report-unused-disable-directives-severity',
  '--require-disable-reason',
  '--suppress-all',
  '--suppress-rule',
  '--suppressions-location',
  '--prune-suppressions',
  '--pass-on-unpruned-suppressions',
  '--stdin',
  '--stdin-filename',
  '--help',
  '--version',
];

/** The `--option` names a help text shows at the start of its rows (continuation lines hold none). */
const listedOptions = (help: string) =>
  help
    .split('\n')
    .map((line) => /^ {2}(?:-\w, | {4})(--[\w-]+)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);

describe('help and version', () => {
  let repo: string;
  beforeAll(() => {
    // A repository with an error finding: a help request that also linted would exit 1.
    repo = makeRepo({ ...paymentMigration, 'services/billing/src/repo.ts': "db.query('SELECT * FROM payments');\n" });
  });

  it.each([['help'], ['--help'], ['-h']])('`nilecare-lint %s` prints the help and exits 0 without linting', async (word) => {
    const outcome = await runCliInProcess(['--cwd', repo, word]);
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toBe('');
    expect(outcome.stdout).toMatch(/^nilecare-lint \[paths\.\.\]/);
    expect(outcome.stdout).toContain('Commands:');
    // A lint's summary or findings; the help itself names `problem` as a --fix-type.
    expect(outcome.stdout).not.toMatch(/\d+ problems? \(|No problems|no-cross-service-query/);
  });

  it('`help <command>` and `<command> --help` print that command’s help', async () => {
    for (const argv of [
      ['help', 'init'],
      ['init', '--help'],
      ['init', '-h'],
    ]) {
      const outcome = await runCliInProcess(argv);
      expect(outcome.code, argv.join(' ')).toBe(0);
      expect(outcome.stdout).toMatch(/^nilecare-lint init\n/);
    }
    expect((await runCliInProcess(['help', 'map'])).stdout).toMatch(/^nilecare-lint map\n/);
    const unknown = await runCliInProcess(['help', 'mapp']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no command 'mapp'");
  });

  it('each command’s help lists its own options and no other command’s', async () => {
    const lintHelp = listedOptions((await runCliInProcess(['--help'])).stdout);
    const initHelp = listedOptions((await runCliInProcess(['init', '--help'])).stdout);
    const mapHelp = listedOptions((await runCliInProcess(['map', '--help'])).stdout);
    expect([...lintHelp].sort()).toEqual([...EVERY_LINT_OPTION].sort());
    expect(initHelp).toEqual(expect.arrayContaining(INIT_ONLY));
    expect(mapHelp).toEqual(expect.arrayContaining([...MAP_ONLY, '--format', '--output', '--config']));
    for (const option of [...LINT_ONLY, ...MAP_ONLY]) expect(initHelp).not.toContain(option);
    for (const option of [...LINT_ONLY, ...INIT_ONLY]) expect(mapHelp).not.toContain(option);
    for (const option of [...INIT_ONLY, ...MAP_ONLY]) expect(lintHelp).not.toContain(option);
    const diffHelp = (await runCliInProcess(['help', 'diff'])).stdout;
    expect(diffHelp).toMatch(/^nilecare-lint diff <base> \[head\]\n/);
    expect([...listedOptions(diffHelp)].sort()).toEqual([...EVERY_DIFF_OPTION].sort());
  });

  it('no option name is broken across lines (yargs capped the option column at half of 80 columns)', async () => {
    for (const argv of [['--help'], ['init', '--help'], ['map', '--help'], ['diff', '--help']]) {
      const help = (await runCliInProcess(argv)).stdout;
      const named = help.match(/--[\w-]+/g) ?? [];
      for (const name of named)
        expect(EVERY_LINT_OPTION.concat(INIT_ONLY, MAP_ONLY, EVERY_DIFF_OPTION, ['--stdout', '--no-color', '--no-ignore']), name).toContain(
          name,
        );
    }
    expect((await runCliInProcess(['--help'])).stdout).toMatch(/^ +--report-unused-disable-directives-severity +\S/m);
  });

  it.each([['-v'], ['--version']])('`%s` prints the version and exits 0', async (flag) => {
    const outcome = await runCliInProcess([flag]);
    expect(outcome).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('options of another command are rejected', () => {
  it('init --cache --staged --suppress-all: exit 2, naming the options and whose they are, and writes nothing', async () => {
    const repo = makeRepo({ 'services/billing/package.json': '{ "name": "billing" }\n' }, false);
    const outcome = await runCliInProcess(['--cwd', repo, 'init', '--cache', '--staged', '--suppress-all']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toBe(
      'nilecare-lint: --cache is an option of nilecare-lint (lint) and nilecare-lint diff, not of nilecare-lint init; --staged, --suppress-all are options of nilecare-lint (lint), not of nilecare-lint init (see nilecare-lint init --help)\n',
    );
    expect(existsSync(path.join(repo, 'nilecare-lint.config.json'))).toBe(false);
  });

  it('map rejects lint and init options; lint rejects init and map options; init and map take no words', async () => {
    const repo = makeRepo({});
    const cases: Array<[string[], string]> = [
      [['map', '--staged'], '--staged is an option of nilecare-lint (lint), not of nilecare-lint map'],
      [['map', '--force'], '--force is an option of nilecare-lint init, not of nilecare-lint map'],
      [['--summary'], '--summary is an option of nilecare-lint map, not of nilecare-lint'],
      [['--pin-databases'], '--pin-databases is an option of nilecare-lint init, not of nilecare-lint'],
      [['init', 'services'], "nilecare-lint init takes no arguments, got 'services'"],
      [['--frobnicate'], 'unknown option --frobnicate'],
    ];
    for (const [argv, message] of cases) {
      const outcome = await runCliInProcess(['--cwd', repo, ...argv]);
      expect(outcome.code, argv.join(' ')).toBe(2);
      expect(outcome.stderr).toContain(message);
    }
  });
});
