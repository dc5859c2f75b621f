#!/usr/bin/env node
// Runs the compiled CLI, dist/ (built by `prepare`: scripts/prepare.mjs): a bundle (dist/cli/, scripts/bundle-cli.mjs)
// when there is one at least as new as the compiled sources, else dist/src (an install without esbuild, or a `tsc`
// run after the last bundle: never older code).
// `--version` alone is answered here, from package.json: loading the CLI costs far more than node's own start.
// runCli guards stdout and stderr itself: `| head` and a full disk end the run without a stack trace.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

const argv = process.argv.slice(2);

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  // `nilecare-lint -v | true` closes the pipe early: that is the reader's choice, not a crash.
  process.stdout.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // A run is seconds long: at V8's default budget its optimising compiler rebuilds hundreds of functions that
  // are hot only briefly (about a second of CPU on the realistic profile, BENCHMARKS.md). Sixteen times the budget
  // optimises what stays hot. Set before any of the CLI runs; behaviour is unchanged, only when code is optimised.
  setFlagsFromString('--interrupt-budget=1081344');
  const cli = new URL('../dist/src/cli.js', import.meta.url);
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
  const fresh = (url) => existsSync(url) && statSync(url).mtimeMs >= statSync(cli).mtimeMs;
  const bundle = new URL('../dist/cli/cli.js', import.meta.url);
  const commonJs = new URL('../dist/cli/cli.cjs', import.meta.url);
  const loader = new URL('../dist/cli/code-cache.js', import.meta.url);
  // A help text needs a few modules: the split ES bundle loads just those. Any other command runs the
  // CommonJS bundle, compiled once: V8's code cache (src/io/code-cache.ts, SECURITY.md) keeps the compiled code
  // in the user's own cache folder, never in the repository; without a usable cache it is a plain require.
  const help = argv[0] === 'help' || argv.includes('--help') || argv.includes('-h');
  let runCli;
  if (!help && fresh(commonJs) && fresh(loader)) {
    const { requireWithCodeCache } = await import(loader.href);
    // One cache per command: each holds the code its first run compiled (a lint run's is not map's).
    const command = ['init', 'map', 'diff', 'lsp'].includes(argv[0]) ? argv[0] : argv.includes('--print-config') ? 'print-config' : 'lint';
    ({ runCli } = requireWithCodeCache(fileURLToPath(commonJs), import.meta.url, undefined, command));
  } else {
    ({ runCli } = await import((fresh(bundle) ? bundle : cli).href));
  }
  process.exitCode = await runCli(argv);
}
