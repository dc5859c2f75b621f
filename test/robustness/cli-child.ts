// The CLI from source, for tests that must be able to kill a run that hangs.
import { runCli } from '../../src/cli.js';

process.exitCode = await runCli(process.argv.slice(2));
