/**
 * Runs the hostile corpus (cases.ts) against the built CLI of this checkout and prints, per
 * case, what happened: exit code, wall time, peak RSS, and whether the behaviour the fix must
 * show held — checked automatically: exit codes, the sibling finding, no crash, the issue's
 * time and memory targets, nothing outside the repository read or written, no planted secret
 * in any output.
 *
 *   node --import tsx bench/hostile/run.ts [--only REGEX] [--timeout 30] [--wall-factor 8]
 *        [--mem-cap 3072] [--seed 13] [--attempts N] [--json FILE] [--cli DIR] [--list]
 *
 * Each run is killed after `timeout` seconds of CPU ("> 30 CPU": CPU time does not depend on
 * what else this shared machine runs), after `timeout × wall-factor` seconds of wall clock (a
 * run blocked on a FIFO computes nothing), and above the memory cap (the address space is
 * limited too, so a runaway read cannot take the machine). Temp folders, outside folders and tmpfs mounts are removed after each case.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultContext, hostileCases, type Built, type HostileCase, type Step } from './cases.js';
import { noCrash, withinLimits, type Observation, type RunRecord } from './checks.js';
import { runSandboxed } from './sandbox.js';
import { renderTable, type CaseResult } from './report.js';
import { excludedFragments, findLeaks, toolVocabulary } from './secrets.js';

interface Options {
  only?: RegExp;
  timeout: number;
  /** The wall-clock limit is this many times the CPU limit (only blocked runs reach it). */
  wallFactor: number;
  memCap: number;
  seed: number;
  attempts?: number;
  json?: string;
  cliRoot: string;
  list: boolean;
}

function parseOptions(argv: string[]): Options {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const options: Options = { timeout: 30, wallFactor: 8, memCap: 3072, seed: 13, cliRoot: path.resolve(here, '../..'), list: false };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return next;
    };
    const number = (name: string) => {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} needs a positive number`);
      return n;
    };
    switch (argv[i]) {
      case '--only':
        options.only = new RegExp(value());
        break;
      case '--timeout':
        options.timeout = number('--timeout');
        break;
      case '--wall-factor':
        options.wallFactor = number('--wall-factor');
        break;
      case '--mem-cap':
        options.memCap = number('--mem-cap');
        break;
      case '--seed':
        options.seed = number('--seed');
        break;
      case '--attempts':
        options.attempts = number('--attempts');
        break;
      case '--json':
        options.json = path.resolve(value());
        break;
      case '--cli':
        options.cliRoot = path.resolve(value());
        break;
      case '--list':
        options.list = true;
        break;
      default:
        throw new Error(`unknown option ${argv[i]} (see the comment at the top of bench/hostile/run.ts)`);
    }
  }
  return options;
}

// --- nothing outside the repository read, written, created or deleted ---------------------------

const OLD_ATIME = new Date('2001-01-01T00:00:00Z');

interface EntryState {
  kind: 'file' | 'dir' | 'link' | 'other';
  digest: string;
}

function walk(root: string, visit: (relative: string, full: string) => void, relative = ''): void {
  const full = path.join(root, relative);
  visit(relative, full);
  if (lstatSync(full).isDirectory())
    for (const name of readdirSync(full).sort()) walk(root, visit, relative ? `${relative}/${name}` : name);
}

/** Records every entry's content, then sets atimes far back: with relatime, any later read moves them. */
function snapshotOutside(root: string): Map<string, EntryState> {
  const states = new Map<string, EntryState>();
  walk(root, (relative, full) => {
    const stat = lstatSync(full);
    const kind = stat.isFile() ? 'file' : stat.isDirectory() ? 'dir' : stat.isSymbolicLink() ? 'link' : 'other';
    const digest =
      kind === 'file'
        ? createHash('sha1').update(readFileSync(full)).digest('hex')
        : kind === 'dir'
          ? readdirSync(full).sort().join('/')
          : '';
    states.set(relative, { kind, digest });
  });
  for (const [relative, state] of states)
    if (state.kind === 'file' || state.kind === 'dir')
      utimesSync(path.join(root, relative), OLD_ATIME, lstatSync(path.join(root, relative)).mtime);
  return states;
}

function compareOutside(root: string, before: Map<string, EntryState>, atimeWorks: boolean): string[] {
  const failures: string[] = [];
  // atimes first: the comparison below reads the files itself.
  if (atimeWorks) {
    for (const [relative, state] of before) {
      if (state.kind !== 'file' && state.kind !== 'dir') continue;
      try {
        if (lstatSync(path.join(root, relative)).atimeMs !== OLD_ATIME.getTime())
          failures.push(`outside ${state.kind === 'dir' ? 'folder listed' : 'file read'}: ${relative || '.'}`);
      } catch {
        // reported as deleted below
      }
    }
  }
  const after = new Map<string, EntryState>();
  walk(root, (relative, full) => {
    const stat = lstatSync(full);
    const kind = stat.isFile() ? 'file' : stat.isDirectory() ? 'dir' : stat.isSymbolicLink() ? 'link' : 'other';
    after.set(relative, { kind, digest: kind === 'file' ? createHash('sha1').update(readFileSync(full)).digest('hex') : '' });
  });
  for (const [relative, state] of before) {
    const now = after.get(relative);
    if (!now) failures.push(`outside ${relative} deleted`);
    else if (state.kind === 'file' && now.digest !== state.digest) failures.push(`outside file written: ${relative}`);
  }
  for (const relative of after.keys()) if (!before.has(relative)) failures.push(`outside file created: ${relative}`);
  return failures;
}

/** Whether reads move atimes here (relatime after a utimes into the past); if not, reads go unseen and the report says so. */
function atimeTracksReads(): boolean {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hostile-atime-'));
  try {
    const file = path.join(dir, 'probe');
    writeFileSync(file, 'probe');
    utimesSync(file, OLD_ATIME, new Date());
    readFileSync(file);
    return lstatSync(file).atimeMs !== OLD_ATIME.getTime();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text of an output file, only when it is a regular file of sane size (outputs may be hostile links). */
function readOutput(dir: string, file: string): string | undefined {
  const full = path.isAbsolute(file) ? file : path.join(dir, file);
  try {
    const stat = lstatSync(full);
    if (!stat.isFile() || stat.size > 512 * 1024 * 1024) return undefined;
    return readFileSync(full, 'utf8');
  } catch {
    return undefined;
  }
}

// --- one case ---------------------------------------------------------------------------------

async function runCase(testCase: HostileCase, options: Options, vocabulary: Set<string>, atimeWorks: boolean): Promise<CaseResult> {
  const result: CaseResult = {
    id: testCase.id,
    row: testCase.row,
    title: testCase.title,
    expect: '',
    status: 'pass',
    failures: [],
    attempts: [],
    notes: [],
  };
  const attempts = options.attempts ?? testCase.attempts ?? 1;
  const ctx = defaultContext(options.cliRoot);
  const bin = path.join(options.cliRoot, 'bin/nilecare-lint.js');
  for (let attempt = 0; attempt < attempts; attempt++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), `hostile-${testCase.id}-`));
    let built: Built | undefined;
    try {
      try {
        built = testCase.build(dir, ctx);
      } catch (error) {
        result.status = 'error';
        result.failures.push(`could not build the case: ${(error as Error).message}`);
        return result;
      }
      result.expect = built.expect;
      const before = built.outsideDir ? snapshotOutside(built.outsideDir) : undefined;
      const steps: Step[] = [built, ...(built.then ?? [])];
      const runs: RunRecord[] = [];
      for (const step of steps) {
        const outcome = await runSandboxed({
          command: [process.execPath, bin, ...step.args],
          cwd: dir,
          env: step.env,
          stdout: step.stdout,
          user: step.user,
          killWhenChanged: step.killWhenChanged ? path.join(dir, step.killWhenChanged) : undefined,
          limits: { cpuSeconds: options.timeout, wallSeconds: options.timeout * options.wallFactor, memoryCapMiB: options.memCap },
        });
        runs.push({ ...outcome, label: step.label ?? (step.args.join(' ') || '(no arguments)'), args: step.args });
      }
      const files: Record<string, string | undefined> = {};
      for (const file of built.outputs ?? []) files[file] = readOutput(dir, file);
      const texts = [
        ...runs.flatMap((run) => [
          { where: `${run.label}: stdout`, text: run.stdout },
          { where: `${run.label}: stderr`, text: run.stderr },
        ]),
        ...Object.entries(files).flatMap(([file, text]) => (text === undefined ? [] : [{ where: file, text }])),
      ];
      const observation: Observation = { dir, main: runs[0], runs, files, texts };
      const failures = [
        ...withinLimits(runs, built.limits ?? { seconds: 10, mib: 500 }),
        ...runs.flatMap(noCrash),
        ...(built.outsideDir && before ? compareOutside(built.outsideDir, before, atimeWorks) : []),
        ...findLeaks(texts, built.secrets ?? [], vocabulary).map(
          (leak) => `secret leaked in ${leak.where}: '${leak.needle}'${leak.needle === leak.secret ? ' (the whole value)' : ''}`,
        ),
        ...(built.verify?.(observation) ?? []),
      ];
      if (attempt === 0) {
        for (const secret of built.secrets ?? []) {
          const excluded = excludedFragments(secret, vocabulary);
          if (excluded.length > 0) result.notes.push(`fragments not searched (the tool's own words): ${excluded.join(', ')}`);
        }
        if (built.outsideDir && !atimeWorks) result.notes.push('reads outside not observable here (atime not updated); writes are');
      }
      result.attempts.push({
        failures,
        runs: runs.map(({ stdout: _stdout, stderr, ...run }) => ({ ...run, stderrHead: stderr.slice(0, 400) })),
      });
    } finally {
      try {
        built?.cleanup?.();
      } finally {
        for (const target of [dir, `${dir}-outside`, `${dir}-twin`]) rmSync(target, { recursive: true, force: true });
      }
    }
  }
  const all = result.attempts.flatMap((a) => a.failures);
  const real = all.filter((f) => !f.startsWith('inconclusive'));
  result.failures = [...new Set(real.length > 0 ? real : all)];
  result.status = real.length > 0 ? 'FAIL' : all.length > 0 ? 'inconclusive' : 'pass';
  return result;
}

// --- report -----------------------------------------------------------------------------------

function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const cases = hostileCases({ seed: options.seed }).filter((c) => !options.only || options.only.test(c.id));
  if (options.list) {
    for (const c of cases) process.stdout.write(`${c.id.padEnd(38)} row ${c.row.padEnd(8)} ${c.title}\n`);
    return;
  }
  const version = execFileSync(process.execPath, [path.join(options.cliRoot, 'bin/nilecare-lint.js'), '--version'], {
    encoding: 'utf8',
  }).trim();
  const commit = (() => {
    try {
      // The linter's own last change, not the bench's: bench commits do not change what is measured.
      const linterPaths = ['src', 'rules', 'bin', 'package.json', 'package-lock.json'];
      const last = execFileSync('git', ['log', '-1', '--format=%h', '--', ...linterPaths], {
        cwd: options.cliRoot,
        encoding: 'utf8',
      }).trim();
      const dirty =
        execFileSync('git', ['status', '--porcelain', '--', ...linterPaths], { cwd: options.cliRoot, encoding: 'utf8' }).trim() !== '';
      return `linter at ${last}${dirty ? ' + uncommitted changes' : ''}`;
    } catch {
      return 'unknown';
    }
  })();
  const atimeWorks = atimeTracksReads();
  const vocabulary = toolVocabulary(options.cliRoot);
  const startLoad = loadAverage();
  process.stderr.write(
    `nilecare-lint ${version} (${commit}), ${cases.length} case(s), timeout ${options.timeout} s CPU, memory cap ${options.memCap} MiB, load ${startLoad}\n`,
  );
  const results: CaseResult[] = [];
  for (const testCase of cases) {
    const started = Date.now();
    const result = await runCase(testCase, options, vocabulary, atimeWorks);
    results.push(result);
    // Written after every case: a run of an hour on a busy machine must not lose what it measured.
    if (options.json)
      writeFileSync(
        options.json,
        `${JSON.stringify({ version, commit, node: process.version, startLoad, partial: true, options: { ...options, only: options.only?.source }, results }, null, 2)}\n`,
      );
    process.stderr.write(
      `${result.status.padEnd(12)} ${testCase.id} (${((Date.now() - started) / 1000).toFixed(1)} s)${result.failures.length ? `: ${result.failures[0]}` : ''}\n`,
    );
  }
  const endLoad = loadAverage();
  const lines = [
    `nilecare-lint ${version} (${commit}) · node ${process.version} · ${os.cpus().length} cores · load average ${startLoad} at start, ${endLoad} at end · timeout ${options.timeout} s CPU (${options.timeout * options.wallFactor} s wall) · memory cap ${options.memCap} MiB · seed ${options.seed}`,
    '',
    renderTable(results),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (options.json)
    writeFileSync(
      options.json,
      `${JSON.stringify({ version, commit, node: process.version, startLoad, endLoad, options: { ...options, only: options.only?.source }, results }, null, 2)}\n`,
    );
  process.exitCode = results.some((r) => r.status === 'FAIL' || r.status === 'error') ? 1 : 0;
}

await main();
