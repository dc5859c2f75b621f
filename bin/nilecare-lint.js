#!/usr/bin/env node
// Runs the compiled CLI (built by `npm run build`, which `prepare` runs on install).
// `--version` alone is answered here, from package.json: loading the CLI costs far more than node's own start.
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);

// `nilecare-lint | head` closes the pipe early: that is the reader's choice, not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  const { runCli } = await import('../dist/src/cli.js');
  process.exitCode = await runCli(argv);
}
