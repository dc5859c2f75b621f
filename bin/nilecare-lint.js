#!/usr/bin/env node
// Runs the compiled CLI (built by `npm run build`, which `prepare` runs on install).
import { runCli } from '../dist/src/cli.js';

process.exitCode = await runCli(process.argv.slice(2));
