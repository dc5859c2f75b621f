import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as cliModule from '../src/cli.js';
import { runCapturing, type CliOutcome, type CliRunOptions } from './captured-cli.js';

/**
 * The CLI as it ships: `dist/src/cli.js`, for the tests about the build and the package (test/e2e/,
 * start-up). Every other test runs the CLI from source in the test worker (test/cli-run.ts): loading
 * both graphs in one worker costs a second copy of every module.
 */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtCli = path.join(repoRoot, 'dist/src/cli.js');

type CliModule = typeof cliModule;
let loading: Promise<CliModule> | undefined;

/** Newest modification time of the TypeScript sources the build compiles. */
function newestSource(): { file: string; mtime: number } {
  let newest = { file: '', mtime: 0 };
  for (const dir of ['src', 'rules']) {
    for (const entry of readdirSync(path.join(repoRoot, dir), { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const file = path.join(entry.parentPath, entry.name);
      const mtime = statSync(file).mtimeMs;
      if (mtime > newest.mtime) newest = { file, mtime };
    }
  }
  return newest;
}

/** Refuses a build older than the sources: a stale build tests old code. Checked once. */
let checked = false;
function checkBuild(): void {
  if (checked) return;
  let built: number;
  try {
    built = statSync(builtCli).mtimeMs;
  } catch {
    throw new Error('dist/src/cli.js is missing: run `npm run build`');
  }
  const newest = newestSource();
  if (newest.mtime > built)
    throw new Error(`dist/ is older than ${path.relative(repoRoot, newest.file)}: run \`npm run build\` before these tests`);
  checked = true;
}

/** Loads dist/src/cli.js once. */
export function loadBuiltCli(): Promise<CliModule> {
  checkBuild();
  loading ??= import(pathToFileURL(builtCli).href) as Promise<CliModule>;
  return loading;
}

/** Runs the built CLI with `argv` as given (add `--cwd` yourself). */
export async function runBuiltCli(argv: string[], options: CliRunOptions = {}): Promise<CliOutcome> {
  const { runCli } = await loadBuiltCli();
  return runCapturing(runCli, argv, options);
}
