/**
 * The GitHub Action with the real tool: a repository without nilecare-lint in node_modules gets
 * this checkout packed and installed (npm pack + npm install, as the action does on a runner),
 * which lints the sample into SARIF; the drift step then runs that tool's `diff` on a pull
 * request that adds a cross-service query, or, for a tool without `diff`, says the report is missing.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOutputs } from '../action/fixtures.js';
import { removeScratchDirs, run, scratchDir, userEnv } from './install-helpers.js';
import { repoRoot } from '../built-cli.js';

afterAll(removeScratchDirs);

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

    const step = async (name: string, extra: Record<string, string>) => {
      const files = { summary: path.join(dir, `${name}-summary.md`), output: path.join(dir, `${name}-output.txt`) };
      writeFileSync(files.summary, '');
      writeFileSync(files.output, '');
      const outcome = await run(process.execPath, [path.join(repoRoot, 'action', 'run.mjs'), name], {
        cwd: repo,
        env: userEnv({
          GITHUB_WORKSPACE: repo,
          GITHUB_ACTION_PATH: repoRoot,
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
      appendFileSync(files.summary, '');
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
