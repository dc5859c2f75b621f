import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as cliModule from '../src/cli.js';
import type * as lintModule from '../src/lint.js';
import type { CliIo } from '../src/cli.js';

/**
 * The CLI as it ships: `dist/src/cli.js`, run in-process with captured streams (a spawned
 * process costs ~0.3 s of Node start-up; spawn `bin/` only where the process itself is tested).
 */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtCli = path.join(repoRoot, 'dist/src/cli.js');

type CliModule = typeof cliModule;
type LintModule = typeof lintModule;
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

/** The built pipeline, `dist/src/lint.js`: lint() as API users call it. */
export function loadBuiltLint(): Promise<LintModule> {
  checkBuild();
  return import(pathToFileURL(path.join(repoRoot, 'dist/src/lint.js')).href) as Promise<LintModule>;
}

export interface BuiltCliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface BuiltCliOptions {
  env?: NodeJS.ProcessEnv;
  /** Pretend stdout is a terminal. */
  isTTY?: boolean;
}

/** Runs the built CLI with `argv` as given (add `--cwd` yourself). */
export async function runBuiltCli(argv: string[], options: BuiltCliOptions = {}): Promise<BuiltCliOutcome> {
  const { runCli } = await loadBuiltCli();
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

export interface JsonReport {
  results: Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; column: number; message: string }> }>;
  summary: { filesLinted: number; filesSkipped: number; notices: string[]; warnings: string[] };
}

/** `--format json` through the built CLI, with each finding as `file:line:column rule`; throws with stderr when no report came out. */
export async function runBuiltJson(argv: string[]): Promise<BuiltCliOutcome & { report: JsonReport; findings: string[] }> {
  const outcome = await runBuiltCli([...argv, '--format', 'json']);
  if (!outcome.stdout.trim().startsWith('{')) throw new Error(`no JSON report (exit ${outcome.code}): ${outcome.stderr}`);
  const report = JSON.parse(outcome.stdout) as JsonReport;
  const findings = report.results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.column} ${m.ruleId}`));
  return { ...outcome, report, findings };
}
