/**
 * Colour follows FORCE_COLOR, --color/--no-color, NO_COLOR, the terminal and TERM=dumb, in that
 * precedence (see src/commands/color.ts for where each rule comes from). Run on a fake terminal, over a repository in memory.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../cli-run.js';
import { memoryRepo, paymentMigration, readFile } from '../workflow/helpers.js';
import type { MemoryFiles } from '../cli-memory.js';

const ESC = /\u001b\[/;

describe('colour of the stylish report', () => {
  let repo: MemoryFiles;
  beforeAll(() => {
    repo = memoryRepo({ ...paymentMigration, 'services/billing/src/repo.ts': "db.query('SELECT * FROM payments');\n" });
  });

  const cases: Array<{ name: string; tty: boolean; env?: NodeJS.ProcessEnv; argv?: string[]; color: boolean }> = [
    { name: 'a terminal', tty: true, color: true },
    { name: 'a pipe', tty: false, color: false },
    { name: 'FORCE_COLOR=1 on a pipe', tty: false, env: { FORCE_COLOR: '1' }, color: true },
    { name: 'FORCE_COLOR=3 on a pipe', tty: false, env: { FORCE_COLOR: '3' }, color: true },
    { name: 'FORCE_COLOR=true on a pipe', tty: false, env: { FORCE_COLOR: 'true' }, color: true },
    { name: 'FORCE_COLOR= (empty) on a pipe, as supports-color reads it', tty: false, env: { FORCE_COLOR: '' }, color: true },
    { name: 'FORCE_COLOR=0 on a terminal', tty: true, env: { FORCE_COLOR: '0' }, color: false },
    { name: 'FORCE_COLOR=false on a terminal', tty: true, env: { FORCE_COLOR: 'false' }, color: false },
    { name: 'TERM=dumb on a terminal', tty: true, env: { TERM: 'dumb' }, color: false },
    { name: 'NO_COLOR=1 on a terminal', tty: true, env: { NO_COLOR: '1' }, color: false },
    { name: 'an empty NO_COLOR on a terminal (no-color.org: ignored)', tty: true, env: { NO_COLOR: '' }, color: true },
    { name: '--no-color on a terminal', tty: true, argv: ['--no-color'], color: false },
    { name: '--color on a pipe', tty: false, argv: ['--color'], color: true },
    { name: '--color over NO_COLOR (no-color.org)', tty: true, env: { NO_COLOR: '1' }, argv: ['--color'], color: true },
    { name: '--color over TERM=dumb (supports-color)', tty: true, env: { TERM: 'dumb' }, argv: ['--color'], color: true },
    { name: 'FORCE_COLOR=1 over --no-color (supports-color)', tty: true, env: { FORCE_COLOR: '1' }, argv: ['--no-color'], color: true },
    { name: 'FORCE_COLOR=0 over --color (supports-color)', tty: true, env: { FORCE_COLOR: '0' }, argv: ['--color'], color: false },
    { name: 'FORCE_COLOR=1 over NO_COLOR (as Node does)', tty: false, env: { FORCE_COLOR: '1', NO_COLOR: '1' }, color: true },
    { name: 'FORCE_COLOR=1 over TERM=dumb', tty: true, env: { FORCE_COLOR: '1', TERM: 'dumb' }, color: true },
  ];

  it.each(cases)('$name: colour $color', async ({ tty, env = {}, argv = [], color }) => {
    const outcome = await runCliInProcess(argv, { isTTY: tty, env, files: repo });
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain('no-cross-service-query');
    if (color) expect(outcome.stdout).toMatch(ESC);
    else expect(outcome.stdout).not.toMatch(ESC);
  });

  it('a report written with --output is no terminal: plain, unless colour is forced', async () => {
    await runCliInProcess(['-o', 'report.txt'], { isTTY: true, files: repo });
    expect(readFile(repo, 'report.txt')).not.toMatch(ESC);
    await runCliInProcess(['-o', 'report.txt'], { isTTY: true, env: { FORCE_COLOR: '1' }, files: repo });
    expect(readFile(repo, 'report.txt')).toMatch(ESC);
  });

  it('machine formats never carry colour', async () => {
    const outcome = await runCliInProcess(['-f', 'json'], { isTTY: true, env: { FORCE_COLOR: '3' }, files: repo });
    expect(outcome.stdout).not.toMatch(ESC);
  });
});
