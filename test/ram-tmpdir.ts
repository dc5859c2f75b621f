/**
 * vitest globalSetup: the tests' temporary folders (os.tmpdir(), inherited by the workers, the CLI
 * and git processes they start) go to a RAM file system when the machine has one with room.
 *
 * Why: the suite creates and removes a few hundred temporary repositories. On the 2-core machine
 * /tmp is ext4 mounted with `discard`, where removing a small git repository waits ~130 ms on the
 * disk (15 ms of CPU); on /dev/shm it takes ~10 ms (4 ms of CPU), and fsync costs nothing.
 * A /dev/shm smaller than 1 GiB (Docker's default is 64 MiB) is left alone, and so is the default
 * when NILECARE_TEST_RAM_TMPDIR is set (to anything, even empty) before the run.
 */
import { chmodSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';

const MARK = 'NILECARE_TEST_RAM_TMPDIR';

export default function setup(): (() => void) | undefined {
  // Every project runs its global setup; the first one in a run chooses for all.
  if (process.env[MARK] !== undefined) return undefined;
  let dir: string;
  try {
    const { bavail, bsize } = statfsSync('/dev/shm');
    if (bavail * bsize < 1024 ** 3) return undefined;
    dir = mkdtempSync('/dev/shm/nilecare-lint-tests-');
    // Like /tmp (sticky, writable by all): some tests run the CLI as another user (EACCES rows).
    chmodSync(dir, 0o1777);
  } catch {
    return undefined; // no /dev/shm (macOS, Windows) or not writable: the default temporary folder
  }
  const previous = process.env.TMPDIR;
  process.env[MARK] = dir;
  process.env.TMPDIR = dir;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    delete process.env[MARK];
  };
}
