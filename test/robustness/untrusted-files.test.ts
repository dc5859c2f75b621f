/**
 * Issue 13, the file-access rows: a pull request controls every file of the repository being
 * linted, links included. Each case builds the hostile repository in a temporary folder.
 *
 * - Row 1: links to /dev/zero (an endless read) and FIFOs (a read that never starts) are refused
 *   at once. These run the CLI in a child process with a timeout and a memory cap, so a
 *   regression fails the test instead of hanging the suite or filling the machine's memory.
 * - Row 2: no write follows a committed link out of the repository.
 * - Row 8: no read follows one out, and no message quotes what is there.
 * - Row 12: writes are atomic (a run killed during a write leaves the old file).
 * - Row 14 (with issue 12's "write errors are one line"): I/O errors are one line naming the
 *   path, exit 2; a cache that cannot be written is a warning; stdout on a full disk is one line
 *   and exit 2, a closed pipe ends the run quietly with the exit code it earned.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { cli, cliBatch, cliProcess, expectNormalFinding, jsonDiagnostics, makeRepo, type CliOutcome, type JsonReport } from './helpers.js';

const SUPPRESSIONS = 'nilecare-lint-suppressions.json';
const CONFIG = 'nilecare-lint.config.json';
// Generous: a loaded CI machine is slow; what the guard catches (an endless read or a wait) never ends.
const GUARD = { timeoutMs: 120_000 };
const GUARDED_TEST = { timeout: 180_000 };

/** A valid, empty baseline: as a victim, it lets a run that follows the link get as far as writing through it. */
const EMPTY_BASELINE = '{"version":1,"suppressions":[]}\n';

/** A repository and, beside it, a folder the run must not touch. */
function repoAndOutside(
  options: Parameters<typeof makeRepo>[0] = {},
  victimText = 'VICTIM: no lint run may change this file\n',
): { root: string; outside: string; victim: string } {
  const root = makeRepo(options);
  const outside = tempDir('nilecare-outside-');
  const victim = path.join(outside, 'victim');
  writeFileSync(victim, victimText);
  return { root, outside, victim };
}

/** One line on stderr that names `file`, and nothing of a crash. */
function expectOneLineError(outcome: Pick<CliOutcome, 'stderr'>, file: string): void {
  const lines = outcome.stderr.trimEnd().split('\n');
  expect(lines, outcome.stderr).toHaveLength(1);
  expect(lines[0]).toContain(file);
  expect(outcome.stderr).not.toMatch(/internal error|\n\s+at |Error:/);
}

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

describe('row 2: writes never follow a committed link', () => {
  const cases: Array<{ name: string; link: string; args: string[]; victim?: string; config?: false }> = [
    { name: '-f sarif -o report.sarif (the README CI command)', link: 'report.sarif', args: ['-f', 'sarif', '-o', 'report.sarif'] },
    { name: 'map -o map.md', link: 'map.md', args: ['map', '-f', 'markdown', '-o', 'map.md'] },
    { name: 'init --force', link: CONFIG, args: ['init', '--force'], config: false },
    // The victim reads as a suppressions file, so a run that follows the link gets as far as the write.
    { name: '--suppress-all', link: SUPPRESSIONS, args: ['--suppress-all'], victim: EMPTY_BASELINE },
    { name: '--prune-suppressions', link: SUPPRESSIONS, args: ['--prune-suppressions'], victim: EMPTY_BASELINE },
  ];
  for (const { name, link, args, victim: victimText, config } of cases) {
    it(`${name}: exit 2 naming the link; the file it points to is untouched`, async () => {
      const { root, victim } = repoAndOutside(config === false ? { config: false } : {}, victimText);
      symlinkSync(victim, path.join(root, link));
      const before = readFileSync(victim, 'utf8');
      const outcome = await cli(['--cwd', root, ...args.map((a) => (a === link ? path.join(root, a) : a))]);
      expect(outcome.code, outcome.stderr).toBe(2);
      expect(outcome.stderr).toMatch(new RegExp(`${link.replace('.', '\\.')}: is a symbolic link(; not written through it| \\(or lies)`));
      expectOneLineError(
        {
          stderr: outcome.stderr
            .split('\n')
            .filter((l) => l.startsWith('nilecare-lint'))
            .join('\n'),
        },
        link,
      );
      expect(readFileSync(victim, 'utf8')).toBe(before);
      expect(lstatSync(path.join(root, link)).isSymbolicLink()).toBe(true);
    });
  }

  it('a cache folder linked out of the repository: nothing written there, a warning, the run goes on', async () => {
    const { root, outside } = repoAndOutside();
    mkdirSync(path.join(root, 'node_modules'));
    symlinkSync(outside, path.join(root, 'node_modules/.cache'));
    symlinkSync(outside, path.join(root, '.nilecare-lint-cache'));
    const [byDefault, named] = await Promise.all(
      [[], ['--cache-location', path.join(root, '.nilecare-lint-cache')]].map((extra) =>
        cli(['--cwd', root, '-f', 'json', '--cache', ...extra]),
      ),
    );
    for (const outcome of [byDefault, named]) {
      expect(outcome.code, outcome.stderr).toBe(1);
      expectNormalFinding(jsonDiagnostics(outcome.stdout));
    }
    // The default location is only written: refused on the way there. The named link is refused at once, read or write.
    expect(byDefault.stderr).toBe(
      'nilecare-lint: warning: the cache was not written: node_modules/.cache/nilecare-lint/facts: lies in a linked folder that leads outside the repository; not written\n',
    );
    const refused =
      'The cache is not used: .nilecare-lint-cache: is a symbolic link (or lies in a linked folder) that leads outside the repository; not read.';
    expect((JSON.parse(named.stdout) as JsonReport).summary.warnings).toContain(refused);
    expect(named.stderr).toBe(`nilecare-lint: warning: ${refused}\n`);
    expect(readdirSync(outside)).toEqual(['victim']);
  });

  it('links planted at the temporary names a pid predicts are never followed', async () => {
    const { root, outside } = repoAndOutside();
    // The CLI runs in this process: its pid is known exactly.
    for (const name of [`.nilecare-lint-cache.${process.pid}.tmp`, `report.sarif.${process.pid}.tmp`, `.report.sarif.${process.pid}.tmp`]) {
      symlinkSync(path.join(outside, `victim-${name}`), path.join(root, name));
    }
    const cacheRun = await cli(['--cwd', root, '--cache', '--cache-location', path.join(root, '.nilecare-lint-cache')]);
    const reportRun = await cli(['--cwd', root, '-f', 'sarif', '-o', path.join(root, 'report.sarif')]);
    expect([cacheRun.code, reportRun.code]).toEqual([1, 1]);
    expect(readdirSync(outside)).toEqual(['victim']);
    expect(lstatSync(path.join(root, '.nilecare-lint-cache')).isFile()).toBe(true);
    expect(JSON.parse(readFileSync(path.join(root, 'report.sarif'), 'utf8'))).toHaveProperty('runs');
  });
});

describe('row 8: reads never follow a committed link out of the repository, and never echo it', () => {
  const outsideJson = '{ "AWS_SECRET_ACCESS_KEY": "planted-1", "deployToken": "planted-2" }\n';
  for (const file of [CONFIG, SUPPRESSIONS]) {
    for (const target of ['/proc/self/environ', 'outside.json']) {
      it(`${file} -> ${target}: exit 2 naming ${file}, nothing of the target in the output`, async () => {
        const { root, outside } = repoAndOutside(file === CONFIG ? { config: false } : {});
        writeFileSync(path.join(outside, 'outside.json'), outsideJson);
        symlinkSync(target.startsWith('/') ? target : path.join(outside, target), path.join(root, file));
        const outcome = await cli(['--cwd', root, '-f', 'json']);
        expect(outcome.code).toBe(2);
        expectOneLineError(outcome, file);
        expect(outcome.stderr).toMatch(/leads outside the repository; not read/);
        const everything = outcome.stdout + outcome.stderr;
        for (const leak of ['SHELL', 'PATH=', 'HOME=', 'AWS_SECRET', 'deployToken', 'planted']) expect(everything).not.toContain(leak);
      });
    }
  }

  it('a config named with -c may be anywhere (the user chose it); a JSON error quotes no text from it', async () => {
    const { root, outside } = repoAndOutside({ config: false });
    writeFileSync(path.join(outside, 'lint.json'), 'SECRET_TOKEN=planted-3\n');
    const outcome = await cli(['--cwd', root, '-c', path.join(outside, 'lint.json')]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/lint\.json:1:1: not valid JSON/);
    expect(outcome.stderr).not.toMatch(/planted|SECRET_TOKEN|ECRET/);
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

describe('row 14: I/O errors are one line and exit 2', () => {
  it('-o and map -o naming a folder or a path through a file', async () => {
    const { root } = repoAndOutside();
    mkdirSync(path.join(root, 'reports'));
    const cases: Array<[string[], string]> = [
      [['-f', 'sarif', '-o', path.join(root, 'reports')], 'nilecare-lint: reports: is a folder; name a file to write'],
      [
        ['-f', 'sarif', '-o', path.join(root, 'services/billing/package.json/x.sarif')],
        'nilecare-lint: services/billing/package.json/x.sarif: cannot write it: a part of the path is not a folder',
      ],
      [['map', '-o', path.join(root, 'reports')], 'nilecare-lint map: reports: is a folder; name a file to write'],
    ];
    for (const [args, message] of cases) {
      const outcome = await cli(['--cwd', root, ...args]);
      expect(outcome.code).toBe(2);
      expect(outcome.stderr.split('\n').filter((line) => !line.startsWith('ℹ'))).toEqual([message, '']);
    }
  });

  it('init where the config is a folder', async () => {
    const root = makeRepo({ config: false });
    mkdirSync(path.join(root, CONFIG));
    const outcome = await cli(['--cwd', root, 'init', '--force']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toBe(`nilecare-lint init: ${CONFIG}: is a folder; name a file to write\n`);
  });

  it('a cache that cannot be written is a warning: the run keeps its exit code', async () => {
    const { root } = repoAndOutside();
    const outcome = await cli([
      '--cwd',
      root,
      '-f',
      'json',
      '--cache',
      '--cache-location',
      path.join(root, 'services/billing/package.json/cache'),
    ]);
    expect(outcome.code).toBe(1);
    expectNormalFinding(jsonDiagnostics(outcome.stdout));
    expect(outcome.stderr).toBe(
      'nilecare-lint: warning: the cache was not written: services/billing/package.json/cache: cannot write it: a part of the path is not a folder\n',
    );
  });

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

  it('no space left (ENOSPC) on -o, --suppress-all and map -o: one line, and the old file intact', async (ctx) => {
    const { root } = repoAndOutside();
    const full = path.join(root, 'full');
    mkdirSync(full);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', full], { stdio: 'ignore' });
    } catch {
      ctx.skip('mounting a small tmpfs needs root: ENOSPC on a file write cannot be produced here');
    }
    try {
      writeFileSync(path.join(full, 'report.sarif'), 'OLD');
      try {
        writeFileSync(path.join(full, 'filler'), Buffer.alloc(128 * 1024));
      } catch {
        // Full: the point.
      }
      const cases: Array<[string[], string]> = [
        [
          ['-f', 'sarif', '-o', path.join(full, 'report.sarif')],
          'nilecare-lint: full/report.sarif: cannot write it: no space left on the device\n',
        ],
        [
          ['--suppress-all', '--suppressions-location', path.join(full, 's.json')],
          'nilecare-lint: full/s.json: cannot write it: no space left on the device\n',
        ],
        [['map', '-o', path.join(full, 'map.txt')], 'nilecare-lint map: full/map.txt: cannot write it: no space left on the device\n'],
      ];
      for (const [args, message] of cases) {
        const outcome = await cli(['--cwd', root, ...args]);
        expect(outcome.code).toBe(2);
        expect(
          outcome.stderr
            .split('\n')
            .filter((l) => l.startsWith('nilecare-lint'))
            .join('\n') + '\n',
        ).toBe(message);
      }
      expect(readFileSync(path.join(full, 'report.sarif'), 'utf8')).toBe('OLD');
      expect(readdirSync(full).sort()).toEqual(['filler', 'report.sarif']);
    } finally {
      execFileSync('umount', ['-l', full], { stdio: 'ignore' });
    }
  });

  it('stdout on a full disk (/dev/full): one line, exit 2, even for a clean repository', GUARDED_TEST, async () => {
    const root = makeRepo({ noNormal: true });
    const outcome = await cliProcess(['--cwd', root], { ...GUARD, stdout: 'full' });
    expect(outcome.code, outcome.stderr).toBe(2);
    expect(outcome.stderr).toBe('nilecare-lint: cannot write to stdout: no space left on the device\n');
  });

  it('stdout closed by its reader (EPIPE, `| head`): quiet, with the exit code the run earned', GUARDED_TEST, async () => {
    const dirty = makeRepo();
    const clean = makeRepo({ noNormal: true });
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
