/**
 * The write half of the file-access layer: never through a symbolic link, atomic, temporary
 * files cleaned up. The signal and permission cases, which need a child process, are in
 * test/e2e/write-file-atomic-signals.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/write-file-atomic.js';
import { tempDir } from '../temp-dirs.js';
import { leftovers, refusal } from '../support/file-access.js';

function repoWithOutside(): { root: string; outside: string; victim: string } {
  const base = tempDir('nilecare-io-write-');
  const root = path.join(base, 'repo');
  const outside = path.join(base, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  const victim = path.join(outside, 'victim');
  writeFileSync(victim, 'VICTIM\n');
  return { root, outside, victim };
}

describe('writeFileAtomic', () => {
  it('writes a new file, creating its folders, and replaces an old one keeping its mode', () => {
    const { root } = repoWithOutside();
    writeFileAtomic('reports/deep/report.sarif', '{}\n', { root });
    expect(readFileSync(path.join(root, 'reports/deep/report.sarif'), 'utf8')).toBe('{}\n');
    writeFileSync(path.join(root, 'config.json'), 'old');
    chmodSync(path.join(root, 'config.json'), 0o640);
    writeFileAtomic('config.json', 'new', { root });
    expect(readFileSync(path.join(root, 'config.json'), 'utf8')).toBe('new');
    expect(statSync(path.join(root, 'config.json')).mode & 0o777).toBe(0o640);
    expect(leftovers(root, ['reports', 'config.json'])).toEqual([]);
  });

  it('never writes through a committed link at the target, even when the user named it', () => {
    const { root, victim } = repoWithOutside();
    symlinkSync(victim, path.join(root, 'report.sarif'));
    for (const origin of ['repository', 'command-line'] as const) {
      const error = refusal(() => writeFileAtomic('report.sarif', 'REPORT', { root, origin }));
      expect(error.problem).toBe('symlink');
      expect(error.message).toBe('report.sarif: is a symbolic link; not written through it (remove the link, or write elsewhere)');
    }
    expect(readFileSync(victim, 'utf8')).toBe('VICTIM\n');
    expect(lstatSync(path.join(root, 'report.sarif')).isSymbolicLink()).toBe(true);
    expect(leftovers(root, ['report.sarif'])).toEqual([]);
  });

  it('never writes into a linked folder that leads out of the repository', () => {
    const { root, outside } = repoWithOutside();
    symlinkSync(outside, path.join(root, '.nilecare-lint-cache'));
    symlinkSync(outside, path.join(root, 'out'));
    for (const file of ['.nilecare-lint-cache/facts', 'out/new/report.sarif']) {
      const error = refusal(() => writeFileAtomic(file, 'X', { root, origin: 'command-line' }));
      expect(error.problem).toBe('outside-repository');
    }
    expect(readdirSync(outside)).toEqual(['victim']);
  });

  it('with symlinks "never", not even into a linked folder inside the repository', () => {
    const { root } = repoWithOutside();
    mkdirSync(path.join(root, 'real'));
    symlinkSync('real', path.join(root, 'node_modules'));
    expect(refusal(() => writeFileAtomic('node_modules/.cache/x', 'X', { root, symlinks: 'never' })).problem).toBe('symlink');
    writeFileAtomic('node_modules/.cache/x', 'X', { root });
    expect(readFileSync(path.join(root, 'real/.cache/x'), 'utf8')).toBe('X');
  });

  it('a repository path spelled to leave the root is refused; a command-line path outside is the user’s choice', () => {
    const { root, outside } = repoWithOutside();
    expect(refusal(() => writeFileAtomic('../outside/x', 'X', { root })).problem).toBe('outside-repository');
    writeFileAtomic(path.join(outside, 'report.sarif'), 'R', { root, origin: 'command-line' });
    expect(readFileSync(path.join(outside, 'report.sarif'), 'utf8')).toBe('R');
  });

  it('refuses folders, devices and paths through a file, in one line', { timeout: 5_000 }, () => {
    const { root } = repoWithOutside();
    mkdirSync(path.join(root, 'reports'));
    writeFileSync(path.join(root, 'package.json'), '{}');
    expect(refusal(() => writeFileAtomic('reports', 'X', { root })).message).toBe('reports: is a folder; name a file to write');
    expect(refusal(() => writeFileAtomic('package.json/x.sarif', 'X', { root })).message).toBe(
      'package.json/x.sarif: cannot write it: a part of the path is not a folder',
    );
    expect(refusal(() => writeFileAtomic('/dev/full', 'X', { root, origin: 'command-line' })).message).toBe(
      '/dev/full: is not a regular file (a device, FIFO or socket); not written',
    );
    execFileSync('mkfifo', [path.join(root, 'fifo')]);
    expect(refusal(() => writeFileAtomic('fifo', 'X', { root })).problem).toBe('not-regular');
  });

  it("a folder the system refuses to create is an error, not a hang (/proc: Node's recursive mkdir looped forever)", () => {
    const { root } = repoWithOutside();
    const error = refusal(() => writeFileAtomic('/proc/nilecare-x/y/cache', 'X', { root, origin: 'command-line' }));
    expect(error.message).toMatch(/^\/proc\/nilecare-x\/y\/cache: cannot create its folder: /);
    writeFileAtomic('new/deeper/still/file.txt', 'X', { root });
    expect(readFileSync(path.join(root, 'new/deeper/still/file.txt'), 'utf8')).toBe('X');
  });

  it('temporary names are unpredictable: files planted at pid-based names are neither followed nor in the way', () => {
    const { root, outside } = repoWithOutside();
    for (let pid = process.pid - 50; pid < process.pid + 50; pid++) {
      symlinkSync(path.join(outside, `victim-${pid}`), path.join(root, `.nilecare-lint-cache.${pid}.tmp`));
    }
    writeFileAtomic('.nilecare-lint-cache', 'CACHE', { root });
    expect(readFileSync(path.join(root, '.nilecare-lint-cache'), 'utf8')).toBe('CACHE');
    expect(readdirSync(outside)).toEqual(['victim']);
  });
});

/**
 * A pid no process holds (the writer of a temporary file that no longer runs): the highest free one
 * below the kernel's pid_max. Spawning a process to get one cost ~0.25 s of CPU; the check the code
 * makes is the same, process.kill(pid, 0) failing with ESRCH.
 */
function freePid(): number {
  const max = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'));
  for (let pid = max - 1; pid > 1; pid--) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
  throw new Error('every pid is taken');
}

describe('temporary files of killed writers', () => {
  it('are removed by the next write of the same target: only regular files so named, whose writer no longer runs', () => {
    const { root, outside } = repoWithOutside();
    const dead = freePid();
    const alive = process.ppid;
    const hex = '0123456789abcdef';
    const planted = {
      orphan: `.report.sarif.${dead}-${hex}.tmp`,
      liveWriter: `.report.sarif.${alive}-${hex}.tmp`,
      otherTarget: `.map.md.${dead}-${hex}.tmp`,
      notOurName: `.report.sarif.${dead}.tmp`,
      link: `.report.sarif.${dead}-fedcba9876543210.tmp`,
    };
    for (const [key, name] of Object.entries(planted)) {
      if (key === 'link') symlinkSync(path.join(outside, 'victim'), path.join(root, name));
      else writeFileSync(path.join(root, name), 'partial');
    }
    writeFileAtomic('report.sarif', 'REPORT', { root });
    expect(readdirSync(root).sort()).toEqual(
      ['report.sarif', planted.liveWriter, planted.otherTarget, planted.notOurName, planted.link].sort(),
    );
    expect(readFileSync(path.join(outside, 'victim'), 'utf8')).toBe('VICTIM\n');
  });
});
