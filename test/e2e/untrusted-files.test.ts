/**
 * Issue 13, the file-access rows: a pull request controls every file of the repository being
 * linted, links included. Each case builds the hostile repository in a temporary folder and runs
 * the CLI in this process. Its subject is the disk (symbolic links, cache folders, errors of the file
 * system, a full tmpfs), so it is in the e2e project; the bytes a file may hold (NUL, oversized, UTF-16)
 * run in memory in test/robustness/untrusted-input.test.ts. The rows that need a process of their own (row 1's endless reads
 * under a timeout and a memory cap, row 12's kill during a write, row 14's permissions, full
 * stdout and closed pipe) are in test/e2e/untrusted-files-process.test.ts.
 *
 * - Row 2: no write follows a committed link out of the repository.
 * - Row 8: no read follows one out, and no message quotes what is there.
 * - Row 14 (with issue 12's "write errors are one line"): I/O errors are one line naming the
 *   path, exit 2; a cache that cannot be written is a warning; ENOSPC on a file write.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cli,
  expectNormalFinding,
  expectOneLineError,
  jsonDiagnostics,
  makeRepo,
  repoAndOutside,
  type JsonReport,
} from '../robustness/helpers.js';

const SUPPRESSIONS = 'nilecare-lint-suppressions.json';
const CONFIG = 'nilecare-lint.config.json';

/** A valid, empty baseline: as a victim, it lets a run that follows the link get as far as writing through it. */
const EMPTY_BASELINE = '{"version":1,"suppressions":[]}\n';

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
    expect(outcome.stderr).toBe(`nilecare-lint init: ${CONFIG}: is a folder, not a file\n`);
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
});
