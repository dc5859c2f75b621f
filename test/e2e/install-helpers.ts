import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, runBuiltCli } from '../built-cli.js';

/**
 * Scratch projects and repositories for the install tests: each installs nilecare-lint the way a user
 * would (tarball, git URL, pre-commit) and runs the installed linter on a scratch repository.
 */

const scratchDirs = new Set<string>();

/**
 * A temporary folder for this suite, removed by removeScratchDirs() (each suite's afterAll). Not
 * test/temp-dirs.ts: its fallback for folders made outside a test is process exit, which test workers
 * never reach when they are stopped, and these folders hold whole installs (a pre-commit environment
 * is ~150 MB).
 */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  scratchDirs.add(dir);
  return dir;
}

export function removeScratchDirs(): void {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
  scratchDirs.clear();
}

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment a user's shell would have: `npm run test:e2e` exports npm_config_* and lifecycle
 * variables (npm_config_local_prefix among them) that would point a nested npm at this repository.
 */
export function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === 'INIT_CWD' || key === 'NODE_ENV') continue;
    env[key] = value;
  }
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

/** Runs a command to completion; never throws for a non-zero exit (the caller asserts on it). */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number },
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: options.env ?? userEnv(), timeout: options.timeout ?? 600_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(new Error(`${command} ${args.join(' ')}: ${error.message}\n${stderr}`));
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** Like run(), but a non-zero exit is an error carrying both streams. */
export async function succeed(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number },
): Promise<Outcome> {
  const outcome = await run(command, args, options);
  if (outcome.code !== 0) {
    throw new Error(
      `\`${command} ${args.join(' ')}\` in ${options.cwd} exited ${outcome.code}\n--- stdout\n${outcome.stdout}\n--- stderr\n${outcome.stderr}`,
    );
  }
  return outcome;
}

export const gitIdentity = [
  '-c',
  'user.name=nilecare-lint e2e',
  '-c',
  'user.email=e2e@nilecare-lint.invalid',
  '-c',
  'commit.gpgsign=false',
];

/** The bundled sample, as its own git repository: what the installed linters are run on. */
export function scratchRepository(): string {
  const dir = path.join(scratchDir('nilecare-e2e-repo-'), 'monorepo');
  cpSync(path.join(repoRoot, 'fixtures/sample-monorepo'), dir, { recursive: true });
  execFileSync('git', ['init', '--quiet', '--initial-branch=main'], { cwd: dir });
  execFileSync('git', ['add', '--all'], { cwd: dir });
  execFileSync('git', [...gitIdentity, 'commit', '--quiet', '--message', 'sample'], { cwd: dir });
  return dir;
}

/** An empty project to install into. */
export function scratchProject(): string {
  const dir = scratchDir('nilecare-e2e-project-');
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'scratch', private: true, type: 'module' }, null, 2)}\n`);
  return dir;
}

/** What a git install or pre-commit builds from: the files committed at HEAD. */
const packageInputs = [
  'src',
  'rules',
  'bin',
  'scripts',
  'schema',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  '.npmrc',
  '.pre-commit-hooks.yaml',
];

/**
 * A clone of this repository at HEAD. Refuses uncommitted changes to what the package is built from:
 * the install would test the last commit, not the code in the working tree.
 */
export function cloneOfHead(): string {
  const dirty = execFileSync('git', ['status', '--porcelain', '--', ...packageInputs], { cwd: repoRoot, encoding: 'utf8' }).trim();
  if (dirty) throw new Error(`commit these first (git and pre-commit installs build from HEAD):\n${dirty}`);
  const dir = path.join(scratchDir('nilecare-e2e-clone-'), 'nilecare-lint');
  execFileSync('git', ['clone', '--quiet', '--no-local', repoRoot, dir]);
  return dir;
}

/** The repository's own built CLI on `repository`, as JSON: what every installed copy must print. */
export async function expectedReport(repository: string): Promise<string> {
  const { code, stdout, stderr } = await runBuiltCli(['--cwd', repository, '--format', 'json']);
  if (code !== 1) throw new Error(`the built CLI exited ${code} on the sample (expected findings): ${stderr}`);
  return normalise(stdout);
}

/** Parsed and re-indented: a failed comparison shows a readable diff. */
export function normalise(json: string): string {
  return JSON.stringify(JSON.parse(json), null, 2);
}
