import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneOfHead, gitIdentity, removeScratchDirs, run, scratchDir, scratchRepository, succeed, userEnv } from './install-helpers.js';

/**
 * The hook in .pre-commit-hooks.yaml, installed and run by pre-commit itself: pre-commit builds a node
 * environment from a clone (npm install, npm pack, npm install -g of the tarball) and runs
 * `nilecare-lint --affected --cache <staged files>`. .ci/run installs Debian's pre-commit when it is
 * missing; elsewhere a machine without it reports this suite as skipped.
 */
function preCommitVersion(): string | undefined {
  try {
    return execFileSync('pre-commit', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

const version = preCommitVersion();
const badFile = 'services/billing-service/src/services/InvoiceService.ts';
const cleanFile = 'services/auth-service/src/repositories/user.repository.ts';

// Skipped (and reported as skipped) only outside CI; in CI a missing pre-commit fails the suite.
describe.skipIf(!version && !process.env.CI).concurrent('through pre-commit', () => {
  let clone: string;
  let tryRepoRepository: string;
  let hookRepository: string;
  let env: NodeJS.ProcessEnv;

  afterAll(removeScratchDirs);

  beforeAll(() => {
    if (!version) throw new Error('pre-commit is not on PATH: .ci/run installs it (apt-get install -y pre-commit)');
    clone = cloneOfHead();
    tryRepoRepository = scratchRepository();
    hookRepository = scratchRepository();
    // A fresh pre-commit home: the hook environment is really built, never reused from an earlier run.
    env = userEnv({ PRE_COMMIT_HOME: scratchDir('nilecare-e2e-pre-commit-'), PRE_COMMIT_COLOR: 'never' });
  }, 120_000);

  it('pre-commit try-repo <clone> nilecare-lint --files <file>: fails on a cross-service query, naming the file and the rule', async () => {
    const outcome = await run('pre-commit', ['try-repo', clone, 'nilecare-lint', '--verbose', '--files', badFile], {
      cwd: tryRepoRepository,
      env,
      timeout: 900_000,
    });
    const output = outcome.stdout + outcome.stderr;
    expect(outcome.code, output).toBe(1);
    expect(output).toMatch(/nilecare-lint\.+Failed/);
    expect(output).toContain(badFile);
    expect(output).toContain('no-cross-service-query');
  }, 900_000);

  it('installed as a git hook from .pre-commit-config.yaml: a clean change commits, a cross-service query does not', async () => {
    const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: clone, encoding: 'utf8' }).trim();
    writeFileSync(
      path.join(hookRepository, '.pre-commit-config.yaml'),
      ['repos:', `  - repo: ${clone}`, `    rev: ${rev}`, '    hooks:', '      - id: nilecare-lint', ''].join('\n'),
    );
    const git = (args: string[]) => run('git', [...gitIdentity, ...args], { cwd: hookRepository, env, timeout: 900_000 });
    // Committed before the hook exists, so the hook's first run sees only the change under test.
    await succeed('git', ['add', '.pre-commit-config.yaml'], { cwd: hookRepository, env });
    expect((await git(['commit', '--message', 'pre-commit config'])).code).toBe(0);
    await succeed('pre-commit', ['install'], { cwd: hookRepository, env });

    const touch = (file: string) => writeFileSync(path.join(hookRepository, file), '\n// touched\n', { flag: 'a' });
    touch(cleanFile);
    await succeed('git', ['add', '--all'], { cwd: hookRepository, env });
    const clean = await git(['commit', '--message', 'clean change']);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout + clean.stderr).toMatch(/nilecare-lint\.+Passed/);

    touch(badFile);
    await succeed('git', ['add', '--all'], { cwd: hookRepository, env });
    const blocked = await git(['commit', '--message', 'cross-service query']);
    const output = blocked.stdout + blocked.stderr;
    expect(blocked.code, output).toBe(1);
    expect(output).toMatch(/nilecare-lint\.+Failed/);
    expect(output).toContain('no-cross-service-query');
    const head = await succeed('git', ['log', '--format=%s', '-1'], { cwd: hookRepository, env });
    expect(head.stdout.trim()).toBe('clean change');
  }, 900_000);
});
