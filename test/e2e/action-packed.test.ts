/**
 * The GitHub Action with the real tool: a repository without nilecare-lint in node_modules gets
 * this checkout packed and installed (npm pack + npm install, as the action does on a runner),
 * which lints the sample into SARIF; the drift step then runs that tool's `diff` on a pull
 * request that adds a cross-service query, or, for a tool without `diff`, says the report is missing.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOutputs } from '../action/fixtures.js';
import { removeScratchDirs, run, scratchDir, userEnv } from './install-helpers.js';
import { repoRoot } from '../built-cli.js';

// The scratch folder holds a whole install: removing it takes more than the default 10 s on a loaded machine.
afterAll(removeScratchDirs, 120_000);

/**
 * The action's checkout as a runner has it: the tracked files, in a folder of its own, so `npm pack`'s
 * prepare builds that copy's dist/ and never rewrites this repository's while other suites run it.
 * Its node_modules links to this repository's (the build's TypeScript comes from there).
 */
function actionCheckout(dir: string): string {
  const checkout = path.join(dir, 'action-checkout');
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of tracked) {
    const from = path.join(repoRoot, file);
    if (!existsSync(from)) continue; // deleted in the work tree, not yet committed
    const to = path.join(checkout, file);
    mkdirSync(path.dirname(to), { recursive: true });
    // Fixtures hold committed symbolic links: copied as links, as a checkout has them.
    if (lstatSync(from).isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else copyFileSync(from, to);
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(checkout, 'node_modules'), 'dir');
  return checkout;
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

describe('the action with the packed tool', () => {
  it('packs and installs its own checkout, lints into SARIF, and reports the drift of a pull request', async () => {
    const dir = scratchDir('nilecare-action-packed-');
    const repo = path.join(dir, 'repo');
    cpSync(path.join(repoRoot, 'fixtures', 'sample-monorepo'), repo, { recursive: true });
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'config', 'user.email', 'test@example.com');
    git(repo, 'config', 'user.name', 'test');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'base');
    const base = git(repo, 'rev-parse', 'HEAD');
    // The pull request: the auth service starts reading the billing service's invoices.
    const added = path.join(repo, 'services', 'auth-service', 'src', 'invoice-peek.ts');
    writeFileSync(
      added,
      "import mysql from 'mysql2/promise';\nconst db = mysql.createPool({ database: 'nilecare' });\nexport const peek = () => db.query('SELECT id FROM invoices');\n",
    );
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'head');
    const event = path.join(dir, 'event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { number: 1, base: { sha: base } } }));

    const checkout = actionCheckout(dir);
    const step = async (name: string, extra: Record<string, string>) => {
      const files = { summary: path.join(dir, `${name}-summary.md`), output: path.join(dir, `${name}-output.txt`) };
      writeFileSync(files.summary, '');
      writeFileSync(files.output, '');
      const outcome = await run(process.execPath, [path.join(checkout, 'action', 'run.mjs'), name], {
        cwd: repo,
        env: userEnv({
          GITHUB_WORKSPACE: repo,
          GITHUB_ACTION_PATH: checkout,
          RUNNER_TEMP: dir,
          GITHUB_STEP_SUMMARY: files.summary,
          GITHUB_OUTPUT: files.output,
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: event,
          INPUT_COMMENT: 'off',
          ...extra,
        }),
        timeout: 900_000,
      });
      return { ...outcome, summary: readFileSync(files.summary, 'utf8'), outputs: parseOutputs(readFileSync(files.output, 'utf8')) };
    };

    const lint = await step('lint', {});
    expect(lint.code, lint.stderr + lint.stdout).toBe(0);
    const tool = JSON.parse(lint.outputs.cli) as { source: string; version: string; args: string[] };
    const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    expect(tool).toMatchObject({ source: 'packed', version });
    expect(tool.args[0].startsWith(path.join(dir, 'nilecare-lint-action', 'tool'))).toBe(true);
    const sarif = JSON.parse(readFileSync(lint.outputs['sarif-file'], 'utf8')) as { runs: Array<{ results: Array<{ ruleId: string }> }> };
    expect(sarif.runs[0].results.filter((r) => r.ruleId === 'no-cross-service-query').length).toBeGreaterThan(0);
    expect(lint.summary).toMatch(new RegExp(`nilecare-lint ${version} \\(packed install\\) reported \\d+ error\\(s\\)`));

    const help = execFileSync(process.execPath, [...tool.args, '--help'], { encoding: 'utf8' });
    const drift = await step('drift', { NILECARE_LINT_CLI: lint.outputs.cli, INPUT_FAIL_ON: 'added-edges' });
    if (/^\s*nilecare-lint diff\b/m.test(help)) {
      // The real command: the new edge fails the policy and the report names it.
      expect(drift.code, drift.stderr).toBe(1);
      expect(drift.outputs.drift).toBe('fails');
      for (const name of ['auth-service', 'invoices', 'billing-service']) expect(drift.summary).toContain(name);
      expect(readFileSync(drift.outputs['report-file'], 'utf8')).toBe(drift.summary);
    } else {
      expect(drift.code, drift.stderr).toBe(0);
      expect(drift.outputs.drift).toBe('unavailable');
      expect(drift.summary).toContain(`nilecare-lint ${version} (packed install) has no \`diff\` command`);
    }
  }, 900_000);
});
