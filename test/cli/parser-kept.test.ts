/**
 * The CLI builds its yargs parser once per process (src/cli.ts, commandParser): a run's outcome must
 * not depend on the runs before it in the same process (the test suite's in-process runs, any host
 * calling runCli), whether they selected a command, failed or printed help, nor on runs alongside it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, type CliOutcome } from '../cli-run.js';

// A small project with a config: --print-config and map read all of it (8 files), on every run.
const project = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/layouts/use-database-resolution');
const file = 'services/sales-service/src/orders.ts';

/** Runs that each leave something in yargs while parsing: a command's options, repeated and array options, help, failures. */
const runs: string[][] = [
  ['--print-config', file, '--rule', 'no-shared-database:off', '--rule', 'table-prefix:error'],
  ['--print-config', file],
  ['--print-config', file, '--ignore-pattern', 'services/crm-service/**'],
  // map's report holds the project's findings; a repeated --cwd takes the last.
  ['map', '--format', 'json', '--summary', '--cwd', path.resolve(project, '../../sample-monorepo'), '--cwd', project],
  // Options of another command: exit 2 naming their owner.
  ['map', '--staged'],
  ['init', '--cache'],
  ['--force'],
  ['init', 'stray'],
  ['--format', 'nope', '--list-rules'],
  ['--help'],
  ['map', '--help'],
  ['diff', '--help'],
  ['help', 'init'],
  ['--version'],
  ['--list-rules'],
];

const run = (argv: string[]) => runCliInProcess(['--cwd', project, ...argv]);

describe('the parser kept across runs', () => {
  /** Each run's outcome on a parser built for it: a failed parse drops the kept one. */
  const fresh = new Map<string, CliOutcome>();
  beforeAll(async () => {
    for (const argv of runs) {
      expect((await run(['--no-such-option'])).code).toBe(2);
      fresh.set(argv.join(' '), await run(argv));
    }
  }, 120_000);

  it('the fresh outcomes are what each run asks for', () => {
    const outcome = (argv: string) => fresh.get(argv)!;
    const rules = (argv: string[]) =>
      (JSON.parse(outcome(argv.join(' ')).stdout) as { config: { rules: Record<string, unknown> } }).config.rules;
    expect(rules(runs[0])).toMatchObject({ 'no-shared-database': 'off', 'table-prefix': ['error', { exempt: [] }] });
    expect(rules(runs[1])).toMatchObject({
      'no-shared-database': ['error', { allow: [], ignoreKinds: [] }],
      'table-prefix': ['warn', { exempt: [] }],
    });
    expect(outcome('map --staged')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--staged is an option of nilecare-lint (lint)'),
    });
    expect(outcome('--force')).toMatchObject({ code: 2, stderr: expect.stringContaining('--force is an option of nilecare-lint init') });
    expect(JSON.parse(outcome(runs[3].join(' ')).stdout)).toMatchObject({ total: 5, errors: 3, warnings: 2 });
    expect(outcome('map --help').stdout).toContain('--all-tables');
    expect(outcome('map --help').stdout).not.toContain('--staged');
    expect(outcome('--help').stdout).toContain('--staged');
  });

  it('in any order, each run gives the outcome it gives on a fresh parser', async () => {
    for (const order of [runs, [...runs].reverse()])
      for (const argv of order) expect(await run(argv), argv.join(' ')).toEqual(fresh.get(argv.join(' ')));
  }, 120_000);

  it('runs started together each get their own outcome', async () => {
    const outcomes = await Promise.all(runs.map((argv) => run(argv)));
    outcomes.forEach((outcome, i) => expect(outcome, runs[i].join(' ')).toEqual(fresh.get(runs[i].join(' '))));
  }, 120_000);
});
