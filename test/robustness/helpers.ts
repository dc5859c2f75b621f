import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, openSync, readFileSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { NilecareConfig } from '../../src/config/schema.js';
import type { Diagnostic } from '../../src/engine/types.js';
import { repoInMemory, type MemoryFiles } from '../cli-memory.js';
import { runCliInProcess, type CliOutcome } from '../cli-run.js';
import { filesUnder } from '../fixture-tree.js';
import { tempDir } from '../temp-dirs.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const hostileDir = path.join(repoRoot, 'fixtures/hostile');

/** Two services: billing may not touch payment's tables. */
export const baseConfig: NilecareConfig = {
  dialect: 'mysql',
  services: [
    // Only tables the repository has: a `tables` entry matching none is a warning on stderr.
    { name: 'billing', roots: ['services/billing'], databases: ['billing_db'] },
    { name: 'payment', roots: ['services/payment'], tables: ['payments'], databases: ['payment_db'] },
  ],
};

/** The normal file every case carries: its finding must survive whatever else is in the repository. */
export const NORMAL_FILE = 'services/billing/src/normal.repository.ts';
const NORMAL_LINE = "export const byId = (id: string) => pool.query('SELECT * FROM payments WHERE id = ?', [id]);";
export const NORMAL_TEXT = `import { pool } from './db.js';\n\n${NORMAL_LINE}\n`;
export const NORMAL_FINDING = { ruleId: 'no-cross-service-query', file: NORMAL_FILE, line: 3, column: NORMAL_LINE.indexOf('payments') + 1 };

export interface RepoOptions {
  /** Folder under fixtures/hostile to copy in. */
  fixture?: string;
  /** Extra files, repo-relative. */
  files?: Record<string, string | Uint8Array>;
  /** Config to write; `false` writes none (the case brings its own). */
  config?: NilecareConfig | false;
  /** Leave out the normal file. */
  noNormal?: boolean;
}

/** The files of a hostile repository besides its fixture: the two services, the normal file, the extra files, the config. */
function repoFiles(options: RepoOptions): Record<string, string | Uint8Array> {
  const files: Record<string, string | Uint8Array> = {
    'services/billing/package.json': '{"name":"billing","dependencies":{"mysql2":"^3.0.0"}}\n',
    'services/payment/package.json': '{"name":"payment","dependencies":{"mysql2":"^3.0.0"}}\n',
    'services/payment/migrations/V1__payments.sql': 'CREATE TABLE payments (id CHAR(36) PRIMARY KEY, invoice_id CHAR(36));\n',
    ...(options.noNormal ? {} : { [NORMAL_FILE]: NORMAL_TEXT }),
    ...options.files,
  };
  if (options.config !== false) files['nilecare-lint.config.json'] = `${JSON.stringify(options.config ?? baseConfig, null, 2)}\n`;
  return files;
}

/**
 * The repository makeRepo would write, held in memory (test/cli-memory.ts): for cases whose subject is the bytes a
 * file holds, not the disk (links, modes, errors of the file system stay on disk, in test/e2e). The fixture's files
 * are read from fixtures/hostile and lie under the others, as makeRepo's copy does.
 */
export function memoryRepo(options: RepoOptions = {}): MemoryFiles {
  return repoInMemory({ ...(options.fixture ? filesUnder(path.join(hostileDir, options.fixture)) : {}), ...repoFiles(options) });
}

/** A fresh temporary repository holding a hostile case, the normal file and a config. */
export function makeRepo(options: RepoOptions = {}): string {
  const root = tempDir('nilecare-hostile-');
  if (options.fixture) cpSync(path.join(hostileDir, options.fixture), root, { recursive: true });
  const files = repoFiles(options);
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return root;
}

export type { CliOutcome };

/** Runs the CLI in this process with captured io. */
export function cli(args: string[]): Promise<CliOutcome> {
  return runCliInProcess(args);
}

/**
 * Runs the CLI in a child process that is killed after `timeoutMs`: a case that could hang
 * (an infinite loop in a parser) must fail the test, not freeze the test runner.
 */
/**
 * CPU time (user + system, ms) of this process's waited-for children, from /proc/self/stat's cutime and cstime
 * (clock ticks, 100 per second on Linux); undefined where /proc is missing. The bound of a linear-time check is
 * on the child's CPU, not the wall clock: on a shared 2-core machine at load 24 a 5-second run takes 50 s of wall.
 */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name in parentheses (which may hold spaces): state is field 3, cutime 16, cstime 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

export function cliChild(
  args: string[],
  timeoutMs: number,
  nodeOptions: string[] = [],
): CliOutcome & { ms: number; cpuMs: number; timedOut: boolean } {
  const started = performance.now();
  const cpuBefore = childrenCpuMs();
  const child = spawnSync(
    process.execPath,
    [...nodeOptions, '--import', 'tsx', path.join(repoRoot, 'test/robustness/cli-child.ts'), ...args],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const ms = performance.now() - started;
  const cpuAfter = childrenCpuMs();
  const timedOut = child.error !== undefined && /ETIMEDOUT/.test(String((child.error as NodeJS.ErrnoException).code ?? child.error));
  return {
    code: child.status ?? -1,
    stdout: child.stdout ?? '',
    stderr: child.stderr ?? '',
    ms,
    cpuMs: cpuBefore === undefined || cpuAfter === undefined ? ms : cpuAfter - cpuBefore,
    timedOut: timedOut || child.signal === 'SIGKILL',
  };
}

export interface JsonReport {
  results: Array<{
    filePath: string;
    messages: Array<{
      ruleId: string;
      line: number;
      column: number;
      endLine?: number;
      endColumn?: number;
      message: string;
      severityName: string;
      fingerprint: string;
    }>;
  }>;
  summary: { errorCount: number; warningCount: number; filesLinted: number; filesSkipped: number; notices: string[]; warnings: string[] };
}

/** Diagnostics of a `--format json` report, flattened. */
export function jsonDiagnostics(
  stdout: string,
): Array<{ ruleId: string; file: string; line: number; column: number; message: string; fingerprint: string }> {
  const report = JSON.parse(stdout) as JsonReport;
  return report.results.flatMap((r) =>
    r.messages.map((m) => ({
      ruleId: m.ruleId,
      file: r.filePath,
      line: m.line,
      column: m.column,
      message: m.message,
      fingerprint: m.fingerprint,
    })),
  );
}

export function expectNormalFinding(diagnostics: readonly Pick<Diagnostic, 'ruleId' | 'file' | 'line' | 'column'>[]): void {
  expect(diagnostics.map((d) => ({ ruleId: d.ruleId, file: d.file, line: d.line, column: d.column }))).toContainEqual(NORMAL_FINDING);
}

export interface ProcessOptions {
  /** Killed after this long: a read that never ends must fail the test, not hang the suite. */
  timeoutMs: number;
  /** Killed when its resident memory passes this (an endless read fills memory fast). Default 1 GiB. */
  maxRssMiB?: number;
  /** `pipe` (default); `full`: stdout is /dev/full (ENOSPC); `closed`: stdout is a pipe nobody reads, closed at once (EPIPE). */
  stdout?: 'pipe' | 'full' | 'closed';
  /** Run as this uid and gid (root ignores file modes). */
  user?: number;
  /** SIGKILL the CLI at the first change in this folder (a write that is not atomic shows there first). */
  killOnChangeIn?: string;
}

export interface ProcessOutcome extends CliOutcome {
  signal: NodeJS.Signals | null;
  /** Why the test killed it, if it did. */
  killedFor?: 'timeout' | 'memory' | 'change';
  ms: number;
}

/** Runs the CLI (from source) in a child process, guarded by a timeout and a memory cap. */
export function cliProcess(args: string[], options: ProcessOptions): Promise<ProcessOutcome> {
  return guardedChild('test/robustness/cli-child.ts', args, options);
}

/**
 * Several CLI runs in one guarded child process (one module load instead of one per run), with
 * captured io; the whole batch shares the timeout and the memory cap.
 */
export async function cliBatch(runs: string[][], options: Omit<ProcessOptions, 'stdout' | 'killOnChangeIn'>): Promise<CliOutcome[]> {
  const outcome = await guardedChild('test/robustness/cli-batch.ts', [JSON.stringify(runs)], options);
  if (outcome.killedFor || outcome.code !== 0) {
    throw new Error(
      `the batch of CLI runs ${outcome.killedFor ? `was killed (${outcome.killedFor})` : `failed (${outcome.code})`}: ${outcome.stderr}`,
    );
  }
  return JSON.parse(outcome.stdout) as CliOutcome[];
}

function guardedChild(script: string, args: string[], options: ProcessOptions): Promise<ProcessOutcome> {
  const started = performance.now();
  const stdoutMode = options.stdout ?? 'pipe';
  const full = stdoutMode === 'full' ? openSync('/dev/full', 'w') : undefined;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, script), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', full ?? 'pipe', 'pipe'],
    ...(options.user !== undefined ? { uid: options.user, gid: options.user } : {}),
  });
  if (full !== undefined) closeSync(full);
  let stdout = '';
  let stderr = '';
  if (stdoutMode === 'closed') child.stdout?.destroy();
  else child.stdout?.on('data', (chunk: Buffer) => void (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
  let killedFor: ProcessOutcome['killedFor'];
  const kill = (why: NonNullable<ProcessOutcome['killedFor']>) => {
    if (killedFor || child.exitCode !== null || child.signalCode !== null) return;
    killedFor = why;
    child.kill('SIGKILL');
  };
  const timer = setTimeout(() => kill('timeout'), options.timeoutMs);
  const maxRss = (options.maxRssMiB ?? 1024) * 1024;
  const memory = setInterval(() => {
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (rss && Number(rss[1]) > maxRss) kill('memory');
    } catch {
      // Gone already.
    }
  }, 50);
  const watcher = options.killOnChangeIn ? watch(options.killOnChangeIn, () => kill('change')) : undefined;
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(memory);
      watcher?.close();
      resolve({ code: code ?? -1, signal, stdout, stderr, killedFor, ms: performance.now() - started });
    });
  });
}

/** A repository and, beside it, a folder the run must not touch. */
export function repoAndOutside(
  options: RepoOptions = {},
  victimText = 'VICTIM: no lint run may change this file\n',
): { root: string; outside: string; victim: string } {
  const root = makeRepo(options);
  const outside = tempDir('nilecare-outside-');
  const victim = path.join(outside, 'victim');
  writeFileSync(victim, victimText);
  return { root, outside, victim };
}

/** One line on stderr that names `file`, and nothing of a crash. */
export function expectOneLineError(outcome: Pick<CliOutcome, 'stderr'>, file: string): void {
  const lines = outcome.stderr.trimEnd().split('\n');
  expect(lines, outcome.stderr).toHaveLength(1);
  expect(lines[0]).toContain(file);
  expect(outcome.stderr).not.toMatch(/internal error|\n\s+at |Error:/);
}
