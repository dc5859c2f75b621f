#!/usr/bin/env node
// Runs the compiled CLI, dist/ (built by `prepare`: scripts/prepare.mjs): a bundle (dist/cli/, scripts/bundle-cli.mjs)
// when there is one at least as new as the compiled sources, else dist/src (an install without esbuild, or a `tsc`
// run after the last bundle: never older code).
// `--version` alone is answered here, from package.json: loading the CLI costs far more than node's own start.
// runCli guards stdout and stderr itself: `| head` and a full disk end the run without a stack trace.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

const cli = new URL('../dist/src/cli.js', import.meta.url);
/** A lint of these files only (with the cache: see changeSetFromCache). */
const CHANGE_SET_OPTIONS = ['--affected', '--staged', '--changed-since', '--stdin'];
// A lint, map or init run: in a worker thread whose young generation is capped (src/commands/cli-thread.ts says why and
// what the main thread keeps: streams, stdin, the terminal, signals, the exit code). This file is the worker's
// entry too: there, workerData.nilecareLint holds the run.
// A node without worker_threads runs everything here.
const threads = await import('node:worker_threads').catch(() => undefined);
const thread = threads && !threads.isMainThread ? threads.workerData?.nilecareLint : undefined;
const argv = thread ? thread.argv : process.argv.slice(2);

if (thread) {
  const { parentPort } = threads;
  parentPort.postMessage({ type: 'ready' });
  const { runCli, threadIo } = await loadCli(argv);
  parentPort.postMessage({ type: 'done', code: await runCli(argv, threadIo(parentPort, thread)) });
} else if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  // `nilecare-lint -v | true` closes the pipe early: that is the reader's choice, not a crash.
  process.stdout.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // A run is seconds long: at V8's default budget its optimising compiler rebuilds hundreds of functions that
  // are hot only briefly (about a second of CPU on the realistic profile, BENCHMARKS.md). Sixteen times the budget
  // optimises what stays hot. Set before any of the CLI runs (V8's flags hold for the worker too); behaviour is
  // unchanged, only when code is optimised.
  setFlagsFromString('--interrupt-budget=1081344');
  if (!existsSync(cli)) {
    // A checkout before `npm ci`, or a git install whose prepare step npm skipped (npm 11 can block
    // install scripts it was not told to allow): say so instead of a module-not-found stack trace.
    process.stderr.write(
      'nilecare-lint: dist/ is missing, so there is nothing to run.\n' +
        '  In a checkout: npm ci (or npm run build).\n' +
        '  Installed from git: allow its build step (npm install-scripts approve nilecare-lint, or --allow-scripts=nilecare-lint for -g) and reinstall.\n',
    );
    process.exit(2);
  }
  let exitCode;
  if (threads && ['lint', 'map', 'init'].includes(commandOf(argv)) && !isHelp(argv) && !changeSetFromCache(argv)) {
    const host = new URL('../dist/cli/cli-thread.js', import.meta.url);
    const { runCliInThread } = await import((fresh(host) ? host : new URL('../dist/src/commands/cli-thread.js', import.meta.url)).href);
    exitCode = await runCliInThread(new URL(import.meta.url), argv);
  }
  // No worker (none could start, or NILECARE_LINT_NO_WORKER), a change set from the cache, the language server, diff,
  // --print-config, a help text: here.
  process.exitCode = exitCode ?? (await (await loadCli(argv)).runCli(argv));
}

/** The command the arguments select, as far as the bin needs to know: the code cache's variant and where to run. */
function commandOf(args) {
  return ['init', 'map', 'diff', 'lsp'].includes(args[0]) ? args[0] : args.includes('--print-config') ? 'print-config' : 'lint';
}

/**
 * A lint of a change set with the cache (`--cache` with `--affected`, `--staged`, `--changed-since` or `--stdin`: the
 * pre-commit hook's and an editor's run). From a warm cache it analyses the changed files alone, and a worker's own start
 * (node bootstraps a second isolate: ~0.2 s of CPU, a fifth of a one-file run at 600 files, BENCHMARKS.md twentieth
 * session) would cost more than the young generation it caps saves: that cap is for a run over every file (peak RSS).
 * Such a run from a cold cache is a whole lint in this thread, once. Same output either way (test/e2e/cli-thread.test.ts).
 */
function changeSetFromCache(args) {
  const end = args.indexOf('--');
  const options = end === -1 ? args : args.slice(0, end);
  if (commandOf(args) !== 'lint' || !options.includes('--cache')) return false;
  return options.some((arg) => CHANGE_SET_OPTIONS.includes(arg.split('=', 1)[0]));
}

function isHelp(args) {
  return args[0] === 'help' || args.includes('--help') || args.includes('-h');
}

function fresh(url) {
  return existsSync(url) && statSync(url).mtimeMs >= statSync(cli).mtimeMs;
}

/** The CLI module: the CommonJS bundle through the code cache, else the split ES bundle, else dist/src. */
async function loadCli(args) {
  const bundle = new URL('../dist/cli/cli.js', import.meta.url);
  const commonJs = new URL('../dist/cli/cli.cjs', import.meta.url);
  const loader = new URL('../dist/cli/code-cache.js', import.meta.url);
  // A help text needs a few modules: the split ES bundle loads just those. Any other command runs the
  // CommonJS bundle, compiled once: V8's code cache (src/io/code-cache.ts, SECURITY.md) keeps the compiled code
  // in the user's own cache folder, never in the repository; without a usable cache it is a plain require.
  if (!isHelp(args) && fresh(commonJs) && fresh(loader)) {
    const { requireWithCodeCache } = await import(loader.href);
    // One cache per command: each holds the code its first run compiled (a lint run's is not map's).
    return requireWithCodeCache(fileURLToPath(commonJs), import.meta.url, undefined, commandOf(args));
  }
  return await import((fresh(bundle) ? bundle : cli).href);
}
