#!/usr/bin/env node
// Runs the compiled CLI (built by `npm run build`, which `prepare` runs on install).
// `--version` alone is answered here, from package.json: loading the CLI costs far more than node's own start.
// runCli guards stdout and stderr itself: `| head` and a full disk end the run without a stack trace.
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  // `nilecare-lint -v | true` closes the pipe early: that is the reader's choice, not a crash.
  process.stdout.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  const { runCli } = await import('../dist/src/cli.js');
  process.exitCode = await runCli(argv);
}
