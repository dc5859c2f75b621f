/**
 * The write half of the file-access layer: never through a symbolic link, atomic, temporary
 * files cleaned up. The signal cases run the writer in a child process and interrupt it in the
 * middle of a large write.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FileAccessError } from '../../src/io/file-access-error.js';
import { writeFileAtomic } from '../../src/io/write-file-atomic.js';
import { tempDir } from '../temp-dirs.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

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

function refusal(run: () => unknown): FileAccessError {
  try {
    run();
  } catch (error) {
    if (error instanceof FileAccessError) return error;
    throw error;
  }
  throw new Error('expected a FileAccessError, but the write succeeded');
}

/** Files of a folder other than `keep`: temporary files left behind. */
const leftovers = (folder: string, keep: string[]) => readdirSync(folder).filter((name) => !keep.includes(name));

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

  it('a write the system refuses (EACCES) is one line, and leaves nothing behind', () => {
    const { root } = repoWithOutside();
    mkdirSync(path.join(root, 'locked'), { mode: 0o555 });
    writeFileSync(path.join(root, 'locked/report.sarif'), 'OLD');
    if (process.getuid?.() === 0) {
      // Root ignores file modes: the same write, as nobody, in a child.
      chmodSync(path.dirname(root), 0o755);
      chmodSync(root, 0o755);
      const script = `import('${path.join(repoRoot, 'src/io/write-file-atomic.ts')}').then((m) => { try { m.writeFileAtomic('locked/report.sarif', 'NEW', { root: '${root}' }); } catch (e) { console.log(e.message); } })`;
      const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
        cwd: repoRoot,
        uid: 65534,
        gid: 65534,
        encoding: 'utf8',
      });
      expect(out.trim()).toBe('locked/report.sarif: cannot write it: permission denied');
    } else {
      expect(refusal(() => writeFileAtomic('locked/report.sarif', 'NEW', { root })).message).toBe(
        'locked/report.sarif: cannot write it: permission denied',
      );
    }
    expect(readFileSync(path.join(root, 'locked/report.sarif'), 'utf8')).toBe('OLD');
    expect(leftovers(path.join(root, 'locked'), ['report.sarif'])).toEqual([]);
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

describe('writeFileAtomic interrupted', () => {
  /** Starts the child writer and sends `signal` as soon as its temporary file appears. */
  function interruptWrite(signal: NodeJS.Signals): Promise<{ root: string; signal: NodeJS.Signals | null; code: number | null }> {
    const { root } = repoWithOutside();
    writeFileSync(path.join(root, 'report.sarif'), 'OLD REPORT\n');
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'write-child.ts'), root, 'report.sarif', '192'], {
        cwd: repoRoot,
        stdio: 'ignore',
      });
      const watcher = watch(root, (_event, name) => {
        if (name && name.endsWith('.tmp') && child.exitCode === null) {
          watcher.close();
          child.kill(signal);
        }
      });
      child.on('error', reject);
      child.on('exit', (code, received) => {
        watcher.close();
        resolve({ root, signal: received, code });
      });
    });
  }

  it('SIGKILL half-way leaves the old file whole (a temporary file may remain; nothing else can)', { timeout: 30_000 }, async () => {
    const { root, signal } = await interruptWrite('SIGKILL');
    expect(signal).toBe('SIGKILL');
    expect(readFileSync(path.join(root, 'report.sarif'), 'utf8')).toBe('OLD REPORT\n');
  });

  it(
    'SIGTERM half-way: the write completes, no temporary file remains, and the process still ends by the signal',
    { timeout: 30_000 },
    async () => {
      const { root, signal } = await interruptWrite('SIGTERM');
      expect(signal).toBe('SIGTERM');
      expect(statSync(path.join(root, 'report.sarif')).size).toBe(192 * 1024 * 1024);
      expect(leftovers(root, ['report.sarif'])).toEqual([]);
    },
  );
});
