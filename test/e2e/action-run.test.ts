/**
 * The GitHub Action's script (action/run.mjs) run as the runner runs it: a pull_request event
 * file, a job summary file, an outputs file, and a local HTTP server standing in for the REST
 * API (GITHUB_API_URL). The repository's nilecare-lint is a stand-in that keeps the `diff`
 * contract (markdown on stdout, exit 0/1/2) until the real command is on main.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { CommentsApi, runStep, scratchRepository, TOKEN, type StepRun } from '../action/fixtures.js';

const MARKER = '<!-- nilecare-lint-drift -->';
const REPORT_1 =
  '## Architecture drift\n\n**This pull request adds 1 cross-service access.**\n\n| Accessor | Table | Owner |\n| --- | --- | --- |\n| `billing` | `patients` | `clinical` |\n';
const REPORT_2 = '## Architecture drift\n\nNo change to the architecture.\n';

// Each step is a Node process (and the lint step's npx one more): slow on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

let dir: string;
let repo: string;
let base: string;
let api: CommentsApi;
let env: Record<string, string>;
let files: { dir: string; calls: string };

beforeAll(async () => {
  api = new CommentsApi('acme/mono', 42);
  await api.start();
});
afterAll(() => api.stop());

beforeEach(() => {
  dir = tempDir('nilecare-action-');
  repo = path.join(dir, 'repo');
  ({ base } = scratchRepository(repo));
  const eventPath = path.join(dir, 'event.json');
  writeFileSync(
    eventPath,
    JSON.stringify({
      action: 'synchronize',
      number: 42,
      pull_request: { number: 42, base: { sha: base } },
      repository: { full_name: 'acme/mono' },
    }),
  );
  files = { dir, calls: path.join(dir, 'calls.jsonl') };
  api.comments.length = 0;
  api.requests.length = 0;
  api.refuseWrites = undefined;
  api.foreignNext = false;
  env = {
    GITHUB_WORKSPACE: repo,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/mono',
    GITHUB_API_URL: api.url,
    GITHUB_TOKEN: TOKEN,
    RUNNER_TEMP: dir,
    INPUT_COMMENT: 'update',
    INPUT_FAIL_ON: 'added-edges',
    FAKE_DIFF_MARKDOWN: REPORT_1,
    FAKE_DIFF_EXIT: '1',
    // What action.yml hands the drift step from the lint step (its `cli` output): the lint test
    // resolves it through npx; here the stand-in runs directly, which keeps each step under a second.
    NILECARE_LINT_CLI: JSON.stringify({
      command: process.execPath,
      args: [path.join(repo, 'node_modules', '.bin', 'nilecare-lint')],
      source: 'repository',
      version: '9.9.9',
    }),
  };
});

const noToken = (run: StepRun) => {
  for (const text of [run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs)]) expect(text).not.toContain(TOKEN);
};

describe('action/run.mjs lint', () => {
  it("runs the repository's own nilecare-lint (npx --no-install) into SARIF, says what it found, and leaves failing to the drift policy", async () => {
    const run = await runStep('lint', { ...env, NILECARE_LINT_CLI: '', INPUT_CONFIG: 'lint.config.json' }, files);
    expect(run.code).toBe(0);
    expect(run.calls).toContainEqual([
      '--format',
      'sarif',
      '--output',
      path.join(dir, 'nilecare-lint.sarif'),
      '--config',
      'lint.config.json',
    ]);
    expect(run.outputs['sarif-file']).toBe(path.join(dir, 'nilecare-lint.sarif'));
    expect(JSON.parse(run.outputs.cli)).toMatchObject({
      command: 'npx',
      args: ['--no-install', 'nilecare-lint'],
      source: 'repository',
      version: '9.9.9',
    });
    expect(run.summary).toContain('reported 1 error(s) and 0 warning(s); they are uploaded to code scanning (category `nilecare-lint`)');
  });

  it('rejects an unknown input value with exit 2 and an error annotation', async () => {
    const run = await runStep('lint', { ...env, INPUT_FAIL_ON: 'sometimes' }, files);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(
      "::error::nilecare-lint action: input fail-on must be one of added-edges, added-findings, never, got 'sometimes'",
    );
  });
});

describe('action/run.mjs drift', () => {
  it('creates the PR comment, then updates the same one, paging through the existing comments to find it', async () => {
    // 150 comments by people first, one of them quoting the marker: not the action's.
    api.seed(150, (i) => (i === 3 ? { body: `${MARKER}\nfake` } : {}));
    const first = await runStep('drift', env, files);
    expect(first.code).toBe(1);
    expect(first.calls).toContainEqual(['diff', base, '--format', 'markdown', '--fail-on', 'added-edges']);
    expect(first.summary).toBe(REPORT_1);
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /repos/acme/mono/issues/42/comments?per_page=100',
      'GET /repos/acme/mono/issues/42/comments?per_page=100&page=2',
      'POST /repos/acme/mono/issues/42/comments',
    ]);
    const created = api.comments.at(-1)!;
    expect(created.body).toBe(`${MARKER}\n${REPORT_1}`);
    expect(first.outputs).toMatchObject({ drift: 'fails', 'comment-url': created.html_url });
    for (const request of api.requests) expect([request.authorization, request.apiVersion]).toEqual([`Bearer ${TOKEN}`, '2022-11-28']);

    api.seed(30);
    api.requests.length = 0;
    const second = await runStep('drift', { ...env, FAKE_DIFF_MARKDOWN: REPORT_2, FAKE_DIFF_EXIT: '0' }, files);
    expect(second.code).toBe(0);
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /repos/acme/mono/issues/42/comments?per_page=100',
      'GET /repos/acme/mono/issues/42/comments?per_page=100&page=2',
      `PATCH /repos/acme/mono/issues/comments/${created.id}`,
    ]);
    expect(api.comments.filter((c) => c.user.type === 'Bot')).toEqual([
      expect.objectContaining({ id: created.id, body: `${MARKER}\n${REPORT_2}` }),
    ]);
    expect(second.outputs.drift).toBe('passes');
    noToken(first);
    noToken(second);
  });

  it('comment: on posts a new comment each run; off posts none; fail-on never passes', async () => {
    await runStep('drift', { ...env, INPUT_COMMENT: 'on' }, files);
    await runStep('drift', { ...env, INPUT_COMMENT: 'on' }, files);
    expect(api.comments.map((c) => c.body)).toEqual([`${MARKER}\n${REPORT_1}`, `${MARKER}\n${REPORT_1}`]);
    api.requests.length = 0;
    const off = await runStep('drift', { ...env, INPUT_COMMENT: 'off', INPUT_FAIL_ON: 'never' }, files);
    expect(api.requests).toEqual([]);
    expect(off.calls).toContainEqual(['diff', base, '--format', 'markdown', '--fail-on', 'never']);
    expect(off.code).toBe(0);
  });

  it('without diff in the installed nilecare-lint: says so in the summary and a warning, posts nothing, passes', async () => {
    const run = await runStep('drift', { ...env, FAKE_NO_DIFF: '1' }, files);
    expect(run.code).toBe(0);
    expect(run.summary).toContain(
      'nilecare-lint 9.9.9 (repository install) has no `diff` command, so there is no drift report; the lint ran and its SARIF was uploaded.',
    );
    expect(run.stdout).toContain("::warning::nilecare-lint 9.9.9 (repository install) has no 'diff' command");
    expect(run.calls.some((c) => c[0] === 'diff')).toBe(false);
    expect(run.outputs.drift).toBe('unavailable');
    expect(api.requests).toEqual([]);
  });

  it('a failing diff (exit 2) fails the step with its message, and posts nothing', async () => {
    const run = await runStep(
      'drift',
      { ...env, FAKE_DIFF_EXIT: '2', FAKE_DIFF_MARKDOWN: '', FAKE_DIFF_STDERR: "nilecare-lint diff: unknown revision 'x'\n" },
      files,
    );
    expect(run.code).toBe(2);
    expect(run.summary).toContain(`\`nilecare-lint diff ${base}\` failed (exit 2):`);
    expect(run.summary).toContain("unknown revision 'x'");
    expect(run.outputs.drift).toBe('error');
    expect(api.requests).toEqual([]);
  });

  it("a read-only token (a fork's pull request): a warning, the report stays in the summary, the verdict stands", async () => {
    api.refuseWrites = 403;
    const run = await runStep('drift', env, files);
    expect(run.code).toBe(1);
    expect(run.summary).toBe(REPORT_1);
    expect(run.stdout).toContain(
      "::warning::Could not write the pull request comment (HTTP 403: Resource not accessible by integration); the drift report is in the job summary. The comment needs 'pull-requests: write'.",
    );
  });

  it('never sends the token to another origin named by a Link header', async () => {
    api.seed(120);
    api.foreignNext = true;
    const run = await runStep('drift', env, files);
    expect(run.stdout).toContain(
      '::warning::Could not write the pull request comment (HTTP 0: refusing to call http://127.0.0.2:9 with the token)',
    );
    expect(api.requests).toHaveLength(1);
    expect(run.code).toBe(1);
  });

  it('skips on an event without a base commit, and fails clearly when the base commit cannot be had', async () => {
    const manual = await runStep('drift', { ...env, GITHUB_EVENT_NAME: 'workflow_dispatch' }, files);
    expect(manual.code).toBe(0);
    expect(manual.summary).toContain('No base commit to compare with on a `workflow_dispatch` event');
    expect(manual.outputs.drift).toBe('skipped');

    const missing = 'f'.repeat(40);
    writeFileSync(env.GITHUB_EVENT_PATH, JSON.stringify({ pull_request: { number: 42, base: { sha: missing } } }));
    const run = await runStep('drift', env, files);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`::error::nilecare-lint action: the base commit ${missing} is not in the clone and could not be fetched:`);
    expect(run.calls.some((c) => c[0] === 'diff')).toBe(false);
  });

  it('cuts a report longer than a comment can hold, saying so', async () => {
    const long = `## Architecture drift\n\n${'| `a` | `b` | `c` |\n'.repeat(5000)}`;
    await runStep('drift', { ...env, FAKE_DIFF_MARKDOWN: long }, files);
    const body = api.comments.at(-1)!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.startsWith(`${MARKER}\n## Architecture drift`)).toBe(true);
    expect(body).toContain('(cut: a comment holds 65,536 characters; the whole report is in the job summary)');
  });
});
