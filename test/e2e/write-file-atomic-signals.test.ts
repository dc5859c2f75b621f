/**
 * The write half of the file-access layer under signals and refused permissions: the writer
 * runs in a child process (as `nobody` when the tests run as root) and is interrupted in the
 * middle of a large write.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, statSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/write-file-atomic.js';
import { tempDir } from '../temp-dirs.js';
import { leftovers, refusal } from '../support/file-access.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const writeChild = path.join(repoRoot, 'test/io/write-child.ts');

function repoWithOutside(): { root: string } {
  const root = path.join(tempDir('nilecare-io-write-'), 'repo');
  mkdirSync(root);
  return { root };
}

describe('writeFileAtomic refused', () => {
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
});

describe('writeFileAtomic interrupted', () => {
  /** Starts the child writer and sends `signal` as soon as its temporary file appears. */
  function interruptWrite(signal: NodeJS.Signals): Promise<{ root: string; signal: NodeJS.Signals | null; code: number | null }> {
    const { root } = repoWithOutside();
    writeFileSync(path.join(root, 'report.sarif'), 'OLD REPORT\n');
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', writeChild, root, 'report.sarif', '192'], {
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

  it(
    'SIGKILL half-way leaves the old file whole and a temporary file, which the next write of the target removes',
    { timeout: 30_000 },
    async () => {
      const { root, signal } = await interruptWrite('SIGKILL');
      expect(signal).toBe('SIGKILL');
      expect(readFileSync(path.join(root, 'report.sarif'), 'utf8')).toBe('OLD REPORT\n');
      expect(leftovers(root, ['report.sarif'])).toHaveLength(1);
      writeFileAtomic('report.sarif', 'NEW REPORT\n', { root });
      expect(leftovers(root, ['report.sarif'])).toEqual([]);
    },
  );

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
