/**
 * Runs the built CLI on a hostile repository without letting it hurt this machine: a wall-clock
 * timeout, a resident-memory watchdog backed by an address-space limit, and an optional
 * kill at the first change of a file (to catch non-atomic writes in the act).
 *
 * The CLI runs as `/usr/bin/time -f … prlimit --as=… node bin/nilecare-lint.js …`, so its peak
 * RSS comes from the kernel (wait4's ru_maxrss) even when it is killed. Only the node process
 * this module started is ever signalled, by its pid.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SandboxLimits {
  /** CPU-time limit (user + system): load-independent, so a slow input is told from a busy machine. */
  cpuSeconds: number;
  /** Wall-clock limit, for runs that block without computing (a FIFO, a device). */
  wallSeconds: number;
  /** Resident memory above which the CLI is killed. */
  memoryCapMiB: number;
}

export interface RunRequest {
  /** node, then its arguments (the CLI script first). */
  command: string[];
  cwd: string;
  env?: Record<string, string>;
  /** 'capture' (default); 'full': stdout is /dev/full (ENOSPC); 'closed': a pipe closed at once (EPIPE). */
  stdout?: 'capture' | 'full' | 'closed';
  /** Run as this uid and gid (file modes do not stop root). */
  user?: number;
  /** SIGKILL the CLI at the first change of this file or folder (size, mtime, inode or listing). */
  killWhenChanged?: string;
  limits: SandboxLimits;
}

export interface RunOutcome {
  exitCode: number | null;
  /** Signal that ended the CLI, if any. */
  signal: string | null;
  /** Why the sandbox killed it: CPU or wall-clock time, memory, or the change probe; undefined when it ended by itself. */
  killedFor?: 'cpu' | 'wall' | 'memory' | 'changed';
  /** Wall-clock seconds. */
  seconds: number;
  /** User + system CPU seconds: what the run costs whatever else the machine is doing. */
  cpuSeconds: number;
  peakMiB: number;
  stdout: string;
  stderr: string;
  /** Pid of the CLI process (what `.<pid>.tmp` names use). */
  pid?: number;
}

/** V8 reserves about 10 GiB of address space for the WebAssembly parser alone; the cap comes on top. */
const ADDRESS_SPACE_BASE_GIB = 16;

/** Reads `/proc` for the pid of the one child of `parent` (time forks the CLI; prlimit and setpriv exec). */
function childOf(parent: number): number | undefined {
  try {
    const children = readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return children.length > 0 ? Number(children[0]) : undefined;
  } catch {
    return undefined;
  }
}

const TICKS_PER_SECOND = 100;

/** utime + stime of the process, all threads, in seconds (fields 14 and 15 of /proc/pid/stat). */
function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function residentMiB(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** What identifies a file's state for the kill probe; folders also by their listing. */
function fingerprint(target: string): string {
  try {
    const stat = statSync(target, { bigint: true });
    const listing = stat.isDirectory() ? (readdirNames(target) ?? '') : '';
    return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${listing}`;
  } catch (error) {
    return `missing:${(error as NodeJS.ErrnoException).code}`;
  }
}

function readdirNames(dir: string): string | undefined {
  try {
    return readdirSync(dir).sort().join('/');
  } catch {
    return undefined;
  }
}

/**
 * The case's variables first: /proc/self/environ lists them in this order, so a canary set by a
 * case is what an echo of the file's first bytes would show.
 */
function caseEnvironmentFirst(caseEnv: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...caseEnv };
  for (const [key, value] of Object.entries({ ...process.env, NO_COLOR: '1' })) if (!(key in env)) env[key] = value;
  return env;
}

export async function runSandboxed(request: RunRequest): Promise<RunOutcome> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'hostile-time-'));
  const timeFile = path.join(scratch, 'time.txt');
  const { limits } = request;
  const asBytes = (ADDRESS_SPACE_BASE_GIB * 1024 + limits.memoryCapMiB) * 1024 * 1024;
  const prefix = request.user !== undefined ? ['setpriv', `--reuid=${request.user}`, `--regid=${request.user}`, '--clear-groups'] : [];
  const argv = ['-f', '%e %M %x %U %S', '-o', timeFile, ...prefix, 'prlimit', `--as=${asBytes}`, '--', ...request.command];
  let stdoutFd: number | undefined;
  if (request.stdout === 'full') stdoutFd = openSync('/dev/full', 'w');
  const child = spawn('/usr/bin/time', argv, {
    cwd: request.cwd,
    env: caseEnvironmentFirst(request.env),
    stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe'],
  });
  if (stdoutFd !== undefined) closeSync(stdoutFd);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  if (request.stdout === 'closed') child.stdout?.destroy();
  else child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));

  const started = performance.now();
  let pid: number | undefined;
  let killedFor: RunOutcome['killedFor'];
  let done = false;
  const kill = (reason: NonNullable<RunOutcome['killedFor']>) => {
    if (killedFor || pid === undefined) return;
    killedFor = reason;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  child.on('close', () => (done = true));

  // The watchdog: find the CLI's pid, then watch its time and memory.
  const watchdog = setInterval(() => {
    if (done) return;
    pid ??= child.pid !== undefined ? childOf(child.pid) : undefined;
    if (pid === undefined) return;
    if (performance.now() - started > limits.wallSeconds * 1000) kill('wall');
    const cpu = cpuSecondsOf(pid);
    if (cpu !== undefined && cpu > limits.cpuSeconds) kill('cpu');
    const rss = residentMiB(pid);
    if (rss !== undefined && rss > limits.memoryCapMiB) kill('memory');
  }, 25);

  // The change probe spins between event-loop turns: a truncating open is visible for microseconds only.
  if (request.killWhenChanged) {
    const target = request.killWhenChanged;
    const before = fingerprint(target);
    await new Promise<void>((resolve) => {
      const spin = () => {
        if (done) return resolve();
        pid ??= child.pid !== undefined ? childOf(child.pid) : undefined;
        for (let i = 0; i < 200; i++) {
          if (fingerprint(target) !== before) {
            kill('changed');
            return resolve();
          }
        }
        setImmediate(spin);
      };
      spin();
    });
  }
  await exited;
  clearInterval(watchdog);
  const seconds = (performance.now() - started) / 1000;
  let peakMiB = 0;
  let cpuSeconds = 0;
  let exitCode: number | null = child.exitCode;
  let signal: string | null = null;
  try {
    const report = readFileSync(timeFile, 'utf8').trim().split('\n');
    const signalled = /terminated by signal (\d+)/.exec(report.join('\n'));
    const [, maxKb, status, user, system] = report[report.length - 1].split(' ');
    peakMiB = Number(maxKb) / 1024;
    cpuSeconds = Number(user) + Number(system);
    if (signalled) {
      signal = Object.entries(os.constants.signals).find(([, n]) => n === Number(signalled[1]))?.[0] ?? `signal ${signalled[1]}`;
      exitCode = null;
    } else exitCode = Number(status);
  } catch {
    // time itself failed: keep what spawn saw
  }
  rmSync(scratch, { recursive: true, force: true });
  return {
    exitCode,
    signal,
    killedFor,
    seconds,
    cpuSeconds,
    peakMiB,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    pid,
  };
}
