#!/usr/bin/env node
// Runs the compiled CLI (built by `npm run build`, which `prepare` runs on install).
import { runCli } from '../dist/src/cli.js';

// `nilecare-lint | head` closes the pipe early: that is the reader's choice, not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await runCli(process.argv.slice(2));
