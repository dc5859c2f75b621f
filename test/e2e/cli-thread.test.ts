/**
 * The shipped bin runs lint, map and init in a worker thread with a capped young generation
 * (src/commands/cli-thread.ts, src/commands/thread-io.ts); the main thread keeps the process. Each test runs the
 * bin as a process and checks one thing the process does, against the same run in the main thread
 * (NILECARE_LINT_NO_WORKER): exit codes, stdout and stderr (order, large outputs, a pipe closed early),
 * the terminal for colours, --stdin, signals during a write, the SQL worker inside the worker, and the
 * fallback when no worker starts. A preload (`--import`, which node runs in workers too) records where
 * the CLI ran and plays the failures the tests need; it changes nothing otherwise.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltCli, repoRoot } from '../built-cli.js';
import { tempDir } from '../temp-dirs.js';

const bin = path.join(repoRoot, 'bin/nilecare-lint.js');
const sample = path.join(repoRoot, 'fixtures/sample-monorepo');
let preload: string;
let cacheHome: string;

/** The preload: records the threads that ran the CLI and, on request, plays a failure. */
const PRELOAD = `import { appendFileSync } from 'node:fs';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import threads from 'node:worker_threads';
const log = process.env.THREAD_TEST_LOG;
const note = (line) => log && appendFileSync(log, line + '\\n');
const lintWorker = !threads.isMainThread && threads.workerData?.nilecareLint !== undefined;
if (lintWorker) note('lint worker');
if (process.env.THREAD_TEST_CORES) os.availableParallelism = () => Number(process.env.THREAD_TEST_CORES);
const Worker = threads.Worker;
threads.Worker = class extends Worker {
  constructor(...args) {
    if (threads.isMainThread && process.env.THREAD_TEST_NO_WORKER_START) throw new Error('no worker here');
    super(...args);
    if (!threads.isMainThread) note('worker started in a worker');
  }
};
syncBuiltinESMExports();
if (lintWorker && process.env.THREAD_TEST_SLOW_TEMPORARY) {
  // A write-file-atomic temporary file holds its sync until the test signals the process.
  const temporaries = new Set();
  const { openSync, fsyncSync } = fs;
  fs.openSync = (file, ...rest) => {
    const fd = openSync(file, ...rest);
    if (String(file).endsWith('.tmp')) temporaries.add(fd);
    return fd;
  };
  fs.fsyncSync = (fd) => {
    if (temporaries.has(fd)) for (const end = Date.now() + 60000; Date.now() < end;);
    return fsyncSync(fd);
  };
}
if (lintWorker && process.env.THREAD_TEST_LOSE_EXIT_CODE) {
  const post = threads.MessagePort.prototype.postMessage;
  threads.MessagePort.prototype.postMessage = function (message, ...rest) {
    if (message?.type === 'done') {
      setImmediate(() => { throw new Error('lost on the way'); });
      return;
    }
    return post.call(this, message, ...rest);
  };
}
`;

beforeAll(async () => {
  await loadBuiltCli(); // refuses a stale build
  const dir = tempDir('nilecare-thread-');
  preload = path.join(dir, 'preload.mjs');
  writeFileSync(preload, PRELOAD);
  cacheHome = path.join(dir, 'xdg-cache');
});

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Lines the preload wrote: 'lint worker' when the CLI ran in the worker. */
  threads: string[];
}

function runBin(argv: string[], options: { cwd?: string; env?: Record<string, string>; input?: string | Buffer } = {}): Run {
  const log = path.join(tempDir('nilecare-thread-log-'), 'threads.log');
  writeFileSync(log, '');
  const result: SpawnSyncReturns<string> = spawnSync(process.execPath, ['--import', pathToFileURL(preload).href, bin, ...argv], {
    cwd: options.cwd ?? sample,
    env: { ...process.env, XDG_CACHE_HOME: cacheHome, THREAD_TEST_LOG: log, ...options.env },
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
    threads: readFileSync(log, 'utf8').split('\n').filter(Boolean),
  };
}

/** The same run in the main thread. */
const inMainThread = (argv: string[], options: { cwd?: string; env?: Record<string, string>; input?: string | Buffer } = {}) =>
  runBin(argv, { ...options, env: { ...options.env, NILECARE_LINT_NO_WORKER: '1' } });

const outcome = ({ status, signal, stdout, stderr }: Run) => ({ status, signal, stdout, stderr });

/** A repository of one service: `db.ts` reads a table of another's. */
function smallRepo(files: Record<string, string> = {}): string {
  const root = tempDir('nilecare-thread-repo-');
  const all: Record<string, string> = {
    'package.json': '{"name":"repo","private":true}\n',
    'services/orders/package.json': '{"name":"orders","dependencies":{"mysql2":"^3.0.0"}}\n',
    'services/orders/schema.sql': 'CREATE TABLE orders (id INT PRIMARY KEY);\n',
    'services/billing/package.json': '{"name":"billing","dependencies":{"mysql2":"^3.0.0"}}\n',
    'services/billing/schema.sql': 'CREATE TABLE invoices (id INT PRIMARY KEY);\n',
    'services/billing/db.ts':
      "import mysql from 'mysql2/promise';\nexport const read = (pool: mysql.Pool) => pool.query('SELECT id FROM orders');\n",
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('the CLI in a worker thread', () => {
  it.each([
    ['lint with findings', ['--format', 'json'], 1],
    ['lint, stylish', [], 1],
    ['a usage error', ['--format', 'nope'], 2],
    ['map', ['map', '--format', 'json'], 0],
    ['init, printed', ['init', '--dry-run'], 0],
  ])('%s: the worker runs it, with the exit code, stdout and stderr of a run in the main thread', (_name, argv, status) => {
    const threaded = runBin(argv);
    expect(threaded.threads).toEqual(['lint worker']);
    expect(threaded.status).toBe(status);
    const main = inMainThread(argv);
    expect(main.threads).toEqual([]);
    expect(outcome(threaded)).toEqual(outcome(main));
  });

  it('a clean run exits 0; --help and --print-config stay in the main thread', () => {
    const root = smallRepo({ 'services/billing/db.ts': 'export const x = 1;\n' });
    const clean = runBin(['--format', 'json'], { cwd: root });
    expect([clean.status, clean.stderr, clean.threads]).toEqual([0, '', ['lint worker']]);
    expect(runBin(['--help']).threads).toEqual([]);
    expect(runBin(['--print-config', 'services/auth-service/src/db.ts']).threads).toEqual([]);
  });

  it('stdout and stderr keep the order they were written in (one file for both)', () => {
    const both = (env: Record<string, string>) => {
      const file = path.join(tempDir('nilecare-thread-out-'), 'both.txt');
      const fd = openSync(file, 'w');
      try {
        const result = spawnSync(process.execPath, [bin, '--format', 'json', '--max-warnings', '0'], {
          cwd: sample,
          env: { ...process.env, XDG_CACHE_HOME: cacheHome, ...env },
          stdio: ['ignore', fd, fd],
        });
        expect(result.status).toBe(1);
      } finally {
        closeSync(fd);
      }
      return readFileSync(file, 'utf8');
    };
    const threaded = both({});
    // The report, then the line about warnings.
    expect(threaded).toMatch(/^\{[^]*\}\nnilecare-lint found too many warnings \(maximum: 0\)\.\n$/);
    expect(threaded).toBe(both({ NILECARE_LINT_NO_WORKER: '1' }));
  });

  it('a large report reaches a pipe whole; a reader that closes the pipe early ends the run quietly with its exit code', () => {
    const whole = runBin(['--format', 'json']);
    expect(whole.stdout.length).toBeGreaterThan(100_000); // more than a pipe holds
    expect(whole.stdout).toBe(inMainThread(['--format', 'json']).stdout);
    const early = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${bin}" --format json | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`],
      {
        cwd: sample,
        env: { ...process.env, XDG_CACHE_HOME: cacheHome },
        encoding: 'utf8',
      },
    );
    expect([early.stdout, early.stderr]).toEqual(['1\n', '']);
  });

  it('colours follow the main thread’s terminal', () => {
    // `script` gives the bin a terminal for stdout (util-linux).
    const base: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: cacheHome, TERM: 'xterm' };
    delete base.FORCE_COLOR;
    delete base.NO_COLOR;
    const inTerminal = (env: Record<string, string>) =>
      spawnSync('script', ['-qec', `"${process.execPath}" "${bin}" services/billing-service`, '/dev/null'], {
        cwd: sample,
        env: { ...base, ...env },
        encoding: 'utf8',
      }).stdout;
    const threaded = inTerminal({});
    expect(threaded).toContain('\u001b[31m');
    expect(threaded).toBe(inTerminal({ NILECARE_LINT_NO_WORKER: '1' }));
    // A pipe is no terminal: no colours.
    expect(runBin(['services/billing-service']).stdout).not.toContain('\u001b[');
  });

  it('--stdin is read by the main thread and linted as the file it names, refused above the largest file', () => {
    const root = smallRepo();
    const argv = ['--format', 'json', '--stdin', '--stdin-filename', 'services/billing/db.ts'];
    const input = "import mysql from 'mysql2/promise';\n\nexport const read = (pool: mysql.Pool) => pool.query('SELECT id FROM orders');\n";
    const threaded = runBin(argv, { cwd: root, input });
    expect(threaded.threads).toEqual(['lint worker']);
    const report = JSON.parse(threaded.stdout) as {
      results: Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }>;
    };
    expect(report.results.flatMap(({ messages }) => messages.map(({ ruleId, line }) => [ruleId, line]))).toContainEqual([
      'no-cross-service-query',
      3,
    ]);
    expect(outcome(threaded)).toEqual(outcome(inMainThread(argv, { cwd: root, input })));
    const tooLarge = runBin(argv, { cwd: root, input: Buffer.alloc(64 * 1024 * 1024 + 1, 0x20) });
    expect([tooLarge.status, tooLarge.stdout, tooLarge.stderr]).toEqual([
      2,
      '',
      `nilecare-lint: --stdin: stdin holds more than ${64 * 1024 * 1024} bytes, the largest file the linter reads\n`,
    ]);
  });

  it('a change set from the cache (--cache with --affected or --stdin) runs in the main thread, with the outcome of the worker’s run', () => {
    const root = smallRepo();
    const cache = ['--cache', '--cache-location', path.join(tempDir('nilecare-thread-cache-'), 'facts')];
    const affected = ['--format', 'json', '--affected', 'services/billing/db.ts'];
    const inWorker = runBin(affected, { cwd: root });
    expect([inWorker.status, inWorker.threads]).toEqual([1, ['lint worker']]);
    expect(inWorker.stdout).toContain('no-cross-service-query');
    const cold = runBin([...affected, ...cache], { cwd: root });
    const warm = runBin([...cache, ...affected], { cwd: root });
    expect([cold.threads, warm.threads]).toEqual([[], []]);
    expect(outcome(cold)).toEqual(outcome(inWorker));
    expect(outcome(warm)).toEqual(outcome(inWorker));
    const input = "import mysql from 'mysql2/promise';\nexport const read = (pool: mysql.Pool) => pool.query('SELECT id FROM orders');\n";
    const stdin = ['--format', 'json', '--stdin', '--stdin-filename', 'services/billing/db.ts'];
    const buffer = runBin([...stdin, ...cache], { cwd: root, input });
    expect(buffer.threads).toEqual([]);
    expect(outcome(buffer)).toEqual(outcome(runBin(stdin, { cwd: root, input })));
    // The whole repository from the cache, or a change set without it, or the options after `--` (file names): the worker.
    expect(runBin(['--format', 'json', ...cache], { cwd: root }).threads).toEqual(['lint worker']);
    expect(runBin(['--format', 'json', '--cache', '--', '--affected'], { cwd: root }).threads).toEqual(['lint worker']);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s during a write of --output stops the worker, leaves the old file and no temporary file, and ends the process by the signal',
    { timeout: 60_000 },
    async (signal) => {
      const root = smallRepo();
      writeFileSync(path.join(root, 'report.json'), 'OLD\n');
      const before = readdirSync(root).sort();
      const started = Date.now();
      const ended = await new Promise<{ signal: NodeJS.Signals | null; code: number | null }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--import', pathToFileURL(preload).href, bin, '--format', 'json', '--output', 'report.json'],
          {
            cwd: root,
            env: { ...process.env, XDG_CACHE_HOME: cacheHome, THREAD_TEST_SLOW_TEMPORARY: '1' },
            stdio: 'ignore',
          },
        );
        const watcher = watch(root, (_event, name) => {
          if (name?.endsWith('.tmp') && existsSync(path.join(root, name)) && child.exitCode === null) {
            watcher.close();
            child.kill(signal);
          }
        });
        child.on('error', reject);
        child.on('exit', (code, received) => {
          watcher.close();
          resolve({ signal: received, code });
        });
      });
      expect(ended).toEqual({ signal, code: null });
      // The worker held its write for a minute: it was stopped, not waited for.
      expect(Date.now() - started).toBeLessThan(45_000);
      expect(readFileSync(path.join(root, 'report.json'), 'utf8')).toBe('OLD\n');
      expect(readdirSync(root).sort()).toEqual(before);
    },
  );

  it('--concurrency auto starts the SQL worker inside the lint worker, with the findings of a run without it', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 320; i++) files[`services/orders/sql/q${i}.sql`] = `SELECT id FROM orders WHERE id = ${i};\n`;
    const root = smallRepo(files);
    const env = { THREAD_TEST_CORES: '8' };
    const auto = runBin(['--format', 'json', '--concurrency', 'auto'], { cwd: root, env });
    expect(auto.threads).toEqual(['lint worker', 'worker started in a worker']);
    const off = runBin(['--format', 'json', '--concurrency', 'off'], { cwd: root, env });
    expect(off.threads).toEqual(['lint worker']);
    expect(outcome(auto)).toEqual(outcome(off));
    expect(auto.status).toBe(1);
  });

  it('--concurrency on starts the SQL worker on 2 cores and with few files, where auto does not; same findings', () => {
    const root = smallRepo({ 'services/orders/sql/q.sql': 'SELECT id FROM orders WHERE id = 1;\n' });
    const env = { THREAD_TEST_CORES: '2' };
    const on = runBin(['--format', 'json', '--concurrency', 'on'], { cwd: root, env });
    expect(on.threads).toEqual(['lint worker', 'worker started in a worker']);
    const auto = runBin(['--format', 'json', '--concurrency', 'auto'], { cwd: root, env });
    expect(auto.threads).toEqual(['lint worker']);
    expect(outcome(on)).toEqual(outcome(auto));
    expect(on.status).toBe(1);
  });

  it('a worker that cannot start leaves the run to the main thread, with the same outcome', () => {
    const fallback = runBin(['--format', 'json'], { env: { THREAD_TEST_NO_WORKER_START: '1' } });
    expect(fallback.threads).toEqual([]);
    expect(outcome(fallback)).toEqual(outcome(inMainThread(['--format', 'json'])));
  });

  it('a worker that ends without its exit code is an internal error, exit 2', () => {
    const lost = runBin(['--format', 'json'], { env: { THREAD_TEST_LOSE_EXIT_CODE: '1' } });
    expect(lost.status).toBe(2);
    expect(lost.stderr).toMatch(/^nilecare-lint: internal error: Error: lost on the way\n/);
  });
});
