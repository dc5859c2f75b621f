/**
 * Issue 13, the file-access rows that need the CLI in a process of its own (the in-process rows
 * are in test/e2e/untrusted-files.test.ts):
 *
 * - Row 1: links to /dev/zero (an endless read) and FIFOs (a read that never starts) are refused
 *   at once. The CLI runs in a child process with a timeout and a memory cap, so a regression
 *   fails the test instead of hanging the suite or filling the machine's memory.
 * - Row 12: writes are atomic (a run killed during a write leaves the old file).
 * - Row 14: permission denied (the CLI runs as another user when the tests run as root), stdout
 *   on a full disk is one line and exit 2, a closed pipe ends the run quietly with the exit code
 *   it earned.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cli,
  cliBatch,
  cliProcess,
  expectNormalFinding,
  expectOneLineError,
  jsonDiagnostics,
  makeRepo,
  repoAndOutside,
  type JsonReport,
} from '../robustness/helpers.js';

const SUPPRESSIONS = 'nilecare-lint-suppressions.json';
const CONFIG = 'nilecare-lint.config.json';
// Generous: a loaded CI machine is slow; what the guard catches (an endless read or a wait) never ends.
const GUARD = { timeoutMs: 120_000 };
const GUARDED_TEST = { timeout: 180_000 };

describe('row 1: a committed link to /dev/zero or a FIFO is refused at once', () => {
  it('the suppressions file, the config, a FIFO: exit 2 naming the file', GUARDED_TEST, async () => {
    const suppressions = repoAndOutside().root;
    symlinkSync('/dev/zero', path.join(suppressions, SUPPRESSIONS));
    const config = makeRepo({ config: false });
    symlinkSync('/dev/zero', path.join(config, CONFIG));
    const fifo = makeRepo();
    execFileSync('mkfifo', [path.join(fifo, SUPPRESSIONS)]);
    const outcomes = await cliBatch(
      [suppressions, config, fifo].map((root) => ['--cwd', root, '-f', 'json']),
      GUARD,
    );
    for (const [outcome, file] of [
      [outcomes[0], SUPPRESSIONS],
      [outcomes[1], CONFIG],
      [outcomes[2], SUPPRESSIONS],
    ] as const) {
      expect(outcome.code, outcome.stderr).toBe(2);
      expectOneLineError(outcome, file);
    }
    expect(outcomes[0].stderr).toBe(
      `nilecare-lint: ${SUPPRESSIONS}: is a symbolic link (or lies in a linked folder) that leads outside the repository; not read\n`,
    );
    expect(outcomes[2].stderr).toBe(`nilecare-lint: ${SUPPRESSIONS}: is not a regular file (a FIFO); not read\n`);
  });

  it("a service's package.json and the cache: skipped with a notice, the run goes on", GUARDED_TEST, async () => {
    const manifest = makeRepo({ files: { 'services/payment/package.json': '' } });
    const manifestPath = path.join(manifest, 'services/payment/package.json');
    execFileSync('rm', [manifestPath]);
    symlinkSync('/dev/zero', manifestPath);
    const cache = makeRepo();
    mkdirSync(path.join(cache, 'node_modules/.cache/nilecare-lint'), { recursive: true });
    symlinkSync('/dev/zero', path.join(cache, 'node_modules/.cache/nilecare-lint/facts'));
    symlinkSync('/dev/zero', path.join(cache, '.nilecare-lint-cache'));
    const runs: Array<[string[], string]> = [
      [['--cwd', manifest, '-f', 'json'], 'services/payment/package.json'],
      [['--cwd', cache, '-f', 'json', '--cache'], 'node_modules/.cache/nilecare-lint/facts'],
      [['--cwd', cache, '-f', 'json', '--cache', '--cache-location', path.join(cache, '.nilecare-lint-cache')], '.nilecare-lint-cache'],
      [['--cwd', cache, '-f', 'json', '--cache', '--cache-location', '/dev/full'], '/dev/full'],
    ];
    const outcomes = await cliBatch(
      runs.map(([args]) => args),
      GUARD,
    );
    outcomes.forEach((outcome, i) => {
      expect(outcome.code, outcome.stderr).toBe(1);
      expectNormalFinding(jsonDiagnostics(outcome.stdout));
      const { notices, warnings } = (JSON.parse(outcome.stdout) as JsonReport).summary;
      // An unreadable manifest changes what is inferred (a notice); a cache the user asked for and does not get is a warning, on stderr too.
      const said = i === 0 ? notices : warnings;
      expect(
        said.filter((line) => line.includes(runs[i][1])),
        said.join('\n'),
      ).toHaveLength(1);
      if (i > 0) expect(outcome.stderr).toContain(`nilecare-lint: warning: The cache is not used: ${runs[i][1]}`);
    });
    expect(lstatSync(path.join(cache, '.nilecare-lint-cache')).isSymbolicLink()).toBe(true);
  });
});

describe('row 12: writes are atomic', () => {
  /** A repository whose report and baseline run to megabytes: a write that is not atomic is caught in the act. */
  function busyRepo(): string {
    const queries = Array.from({ length: 4000 }, (_, i) => `SELECT id, amount, status FROM payments WHERE id = ${i};`).join('\n');
    return makeRepo({ files: { 'services/billing/sql/reports.sql': `${queries}\n` } });
  }

  it('a run killed at the first change to the folder leaves the old report and the old baseline whole', { timeout: 300_000 }, async () => {
    const root = busyRepo();
    const reports = path.join(root, 'reports');
    mkdirSync(reports);
    const old = `${'OLD REPORT '.repeat(200_000)}\n`;
    writeFileSync(path.join(reports, 'report.json'), old);
    const report = await cliProcess(['--cwd', root, '-f', 'json', '-o', path.join(reports, 'report.json')], {
      timeoutMs: 120_000,
      killOnChangeIn: reports,
    });
    expect(report.killedFor, report.stderr).toBe('change');
    // The old file, or (when the rename beat the kill) the whole new one: never a part of either.
    const after = readFileSync(path.join(reports, 'report.json'), 'utf8');
    if (after !== old) expect(jsonDiagnostics(after).length).toBeGreaterThan(4000);

    const baselines = path.join(root, 'baselines');
    mkdirSync(baselines);
    // A large baseline of a legacy repository (entries for files long gone); --suppress-all adds the run's findings to it.
    const legacy = Array.from({ length: 6000 }, (_, i) => ({
      rule: 'no-cross-service-query',
      file: `services/billing/src/legacy-${i}.ts`,
      fingerprint: `${i}`.padStart(32, '0'),
      line: 1,
      message: "Service 'billing' reads table 'payments' owned by service 'payment'.",
    }));
    const baseline = JSON.stringify({ version: 1, suppressions: legacy }, null, 1);
    writeFileSync(path.join(baselines, 'all.json'), baseline);
    const killed = await cliProcess(['--cwd', root, '--suppress-all', '--suppressions-location', path.join(baselines, 'all.json')], {
      timeoutMs: 120_000,
      killOnChangeIn: baselines,
    });
    expect(killed.killedFor, killed.stderr).toBe('change');
    const afterBaseline = readFileSync(path.join(baselines, 'all.json'), 'utf8');
    if (afterBaseline !== baseline) expect(afterBaseline).toContain('"file":"services/billing/sql/reports.sql"');
    expect(JSON.parse(afterBaseline)).toHaveProperty('suppressions');
  });
});

/** A repository with nothing to report or warn about: billing has code of its own, and none of it is a finding. */
const CLEAN = { noNormal: true, files: { 'services/billing/src/index.ts': 'export const ready = true;\n' } };

describe('row 14: I/O errors are one line and exit 2', () => {
  it('permission denied (EACCES) on -o, --suppress-all and init', GUARDED_TEST, async () => {
    const root = makeRepo();
    const bare = makeRepo({ config: false });
    mkdirSync(path.join(root, 'locked'));
    const asRoot = process.getuid?.() === 0;
    // Root ignores file modes: as root, the CLI runs as nobody, in folders nobody can read but not write.
    // (tempDir folders are 0700: opened for reading to all, closed for writing.)
    for (const dir of [root, bare]) chmodSync(dir, 0o555);
    chmodSync(path.join(root, 'locked'), 0o555);
    const user = asRoot ? { user: 65534 } : {};
    const runs: Array<[string[], string]> = [
      [
        ['--cwd', root, '-o', path.join(root, 'locked/report.txt')],
        'nilecare-lint: locked/report.txt: cannot write it: permission denied\n',
      ],
      [['--cwd', root, '--suppress-all'], `nilecare-lint: ${SUPPRESSIONS}: cannot write it: permission denied\n`],
      [['--cwd', bare, 'init'], `nilecare-lint init: ${CONFIG}: cannot write it: permission denied\n`],
    ];
    const outcomes = await cliBatch(
      runs.map(([args]) => args),
      { ...GUARD, ...user },
    );
    outcomes.forEach((outcome, i) => {
      expect(outcome.code, outcome.stderr).toBe(2);
      expect(
        outcome.stderr
          .split('\n')
          .filter((l) => l.startsWith('nilecare-lint'))
          .join('\n') + '\n',
      ).toBe(runs[i][1]);
    });
    for (const dir of [root, bare]) chmodSync(dir, 0o755);
  });

  it('stdout on a full disk (/dev/full): one line, exit 2, even for a clean repository', GUARDED_TEST, async () => {
    const root = makeRepo(CLEAN);
    const outcome = await cliProcess(['--cwd', root], { ...GUARD, stdout: 'full' });
    expect(outcome.code, outcome.stderr).toBe(2);
    expect(outcome.stderr).toBe('nilecare-lint: cannot write to stdout: no space left on the device\n');
  });

  it('stdout closed by its reader (EPIPE, `| head`): quiet, with the exit code the run earned', GUARDED_TEST, async () => {
    const dirty = makeRepo();
    const clean = makeRepo(CLEAN);
    const earned = await Promise.all([dirty, clean].map(async (root) => (await cli(['--cwd', root, '-f', 'json'])).code));
    expect(earned).toEqual([1, 0]);
    const closed = await Promise.all(
      [dirty, clean].map((root) => cliProcess(['--cwd', root, '-f', 'json'], { ...GUARD, stdout: 'closed' })),
    );
    expect(closed.map((outcome) => [outcome.code, outcome.stderr])).toEqual([
      [1, ''],
      [0, ''],
    ]);
  });
});
