#!/usr/bin/env node
/**
 * The steps of the nilecare-lint GitHub Action (../action.yml): `node run.mjs lint` runs the full
 * lint into a SARIF file, `node run.mjs drift` writes the pull request's architecture drift report
 * (`nilecare-lint diff <base> --format markdown`) to the job summary and, when asked, to one PR
 * comment. Node 20's built-ins only (fetch included): the action runs before any install.
 *
 * The contract with `diff`: the markdown report on stdout; exit 0 when the change adds nothing the
 * `--fail-on` policy counts, 1 when it does, 2 on a usage or runtime error. A tool without `diff`
 * (older than the command) still lints and uploads SARIF; the summary says the drift is missing.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Finds the action's own PR comment among the others: it is the comment's first line. */
export const MARKER = '<!-- nilecare-lint-drift -->';
export const FAIL_ON = ['added-edges', 'added-findings', 'never'];
export const COMMENT = ['off', 'on', 'update'];
/** GitHub's limits: 65,536 characters for a comment body, 1 MiB for one step's summary. */
const COMMENT_LIMIT = 65_536;
const SUMMARY_LIMIT = 1024 * 1024;
const API_VERSION = '2022-11-28';

export class ActionError extends Error {}

/** The action's inputs, as action.yml hands them to this script (composite actions map none by themselves). */
export function readInputs(env) {
  const value = (name, fallback) => (env[`INPUT_${name}`] ?? '').trim() || fallback;
  const inputs = {
    config: value('CONFIG', ''),
    workingDirectory: value('WORKING_DIRECTORY', '.'),
    sarifCategory: value('SARIF_CATEGORY', 'nilecare-lint'),
    failOn: value('FAIL_ON', 'added-edges'),
    comment: value('COMMENT', 'off'),
  };
  if (!FAIL_ON.includes(inputs.failOn)) throw new ActionError(`input fail-on must be one of ${FAIL_ON.join(', ')}, got '${inputs.failOn}'`);
  if (!COMMENT.includes(inputs.comment))
    throw new ActionError(`input comment must be one of ${COMMENT.join(', ')}, got '${inputs.comment}'`);
  return inputs;
}

// ---------------------------------------------------------------------------------------
// Workflow commands and files
// ---------------------------------------------------------------------------------------

/** A workflow command's message: `%`, CR and LF escaped so one message stays one annotation. */
export function commandText(text) {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function annotate(level, message) {
  process.stdout.write(`::${level}::${commandText(message)}\n`);
}

function setOutput(env, name, value) {
  if (!env.GITHUB_OUTPUT) return;
  const delimiter = `nilecare_lint_${Math.random().toString(36).slice(2)}`;
  appendFileSync(env.GITHUB_OUTPUT, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

/** Text cut to at most `limit` UTF-8 bytes (GitHub counts the summary in bytes), with a note when cut. */
export function fitBytes(text, limit, note) {
  if (Buffer.byteLength(text) <= limit) return text;
  const room = limit - Buffer.byteLength(note) - 1;
  let cut = Buffer.from(text).subarray(0, Math.max(0, room)).toString('utf8');
  if (cut.endsWith('\uFFFD')) cut = cut.slice(0, -1);
  return `${cut.slice(0, cut.lastIndexOf('\n') + 1 || cut.length)}${note}`;
}

function summary(env, markdown) {
  const text = fitBytes(
    `${markdown.trimEnd()}\n`,
    SUMMARY_LIMIT - 1,
    '\n_(cut: the job summary holds 1 MiB; see the step log for the whole report)_\n',
  );
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, text);
  else process.stdout.write(text);
}

function lastLines(text, n = 20) {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

// ---------------------------------------------------------------------------------------
// The CLI: the repository's own, or this checkout packed
// ---------------------------------------------------------------------------------------

function run(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  if (result.error) throw new ActionError(`could not run ${command}: ${result.error.message}`);
  return result;
}

/**
 * How to run nilecare-lint in `cwd`: the repository's own install (`npx --no-install`, so the
 * version its lock file pins), else this action's checkout packed and installed into the runner's
 * temp folder (what `npm install` of the published package would give).
 */
export function resolveCli(env, cwd) {
  if (env.NILECARE_LINT_CLI) return JSON.parse(env.NILECARE_LINT_CLI);
  const own = run('npx', ['--no-install', 'nilecare-lint', '--version'], { cwd, env });
  if (own.status === 0)
    return { command: 'npx', args: ['--no-install', 'nilecare-lint'], source: 'repository', version: own.stdout.trim() };
  const actionRoot = env.GITHUB_ACTION_PATH || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const work = path.join(env.RUNNER_TEMP || tmpdir(), 'nilecare-lint-action');
  mkdirSync(work, { recursive: true });
  const pack = run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: actionRoot, env });
  const tarball = pack.stdout.trim().split('\n').at(-1);
  if (pack.status !== 0 || !tarball) throw new ActionError(`npm pack of the action's checkout failed:\n${lastLines(pack.stderr)}`);
  const tool = path.join(work, 'tool');
  const install = run('npm', ['install', '--no-audit', '--no-fund', '--prefix', tool, path.join(work, tarball)], { cwd: work, env });
  if (install.status !== 0) throw new ActionError(`installing the packed nilecare-lint failed:\n${lastLines(install.stderr)}`);
  const bin = path.join(tool, 'node_modules', 'nilecare-lint', 'bin', 'nilecare-lint.js');
  const version = run(process.execPath, [bin, '--version'], { cwd, env });
  if (version.status !== 0) throw new ActionError(`the packed nilecare-lint does not start:\n${lastLines(version.stderr)}`);
  return { command: process.execPath, args: [bin], source: 'packed', version: version.stdout.trim() };
}

function cli(tool, args, cwd, env) {
  return run(tool.command, [...tool.args, ...args], { cwd, env });
}

// ---------------------------------------------------------------------------------------
// lint: the full lint into SARIF
// ---------------------------------------------------------------------------------------

function sarifCounts(file) {
  try {
    const sarif = JSON.parse(readFileSync(file, 'utf8'));
    const results = (sarif.runs ?? []).flatMap((r) => r.results ?? []).filter((r) => !(r.suppressions ?? []).length);
    return { errors: results.filter((r) => r.level === 'error').length, others: results.filter((r) => r.level !== 'error').length };
  } catch {
    return undefined;
  }
}

export function lintStep(env) {
  const inputs = readInputs(env);
  const cwd = path.resolve(env.GITHUB_WORKSPACE || process.cwd(), inputs.workingDirectory);
  const tool = resolveCli(env, cwd);
  setOutput(env, 'cli', JSON.stringify(tool));
  const sarif = path.join(env.RUNNER_TEMP || tmpdir(), 'nilecare-lint.sarif');
  const config = inputs.config ? ['--config', inputs.config] : [];
  const result = cli(tool, ['--format', 'sarif', '--output', sarif, ...config], cwd, env);
  process.stderr.write(result.stderr);
  if (existsSync(sarif)) setOutput(env, 'sarif-file', sarif);
  if (result.status !== 0 && result.status !== 1) {
    const message = `nilecare-lint ${tool.version} (${tool.source}) could not lint ${inputs.workingDirectory} (exit ${result.status}):\n${lastLines(result.stderr)}`;
    summary(env, `## nilecare-lint\n\n${message.split('\n')[0]}\n\n\`\`\`\n${lastLines(result.stderr)}\n\`\`\`\n`);
    annotate('error', message);
    return 2;
  }
  const counts = sarifCounts(sarif);
  const found = counts ? `${counts.errors} error(s) and ${counts.others} warning(s)` : 'findings';
  summary(
    env,
    `## nilecare-lint\n\nnilecare-lint ${tool.version} (${tool.source} install) reported ${found}; they are uploaded to code scanning (category \`${inputs.sarifCategory}\`).\n`,
  );
  // Findings go to code scanning; whether the job fails is the drift policy's call (fail-on).
  return 0;
}

// ---------------------------------------------------------------------------------------
// drift: the diff report in the summary and the PR comment
// ---------------------------------------------------------------------------------------

function readEvent(env) {
  if (!env.GITHUB_EVENT_PATH || !existsSync(env.GITHUB_EVENT_PATH)) return {};
  return JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
}

/** The commit the change is compared with: the PR's base, the push's previous head, the merge group's base. */
export function baseOf(eventName, event) {
  if (eventName === 'pull_request' || eventName === 'pull_request_target') return event.pull_request?.base?.sha;
  if (eventName === 'merge_group') return event.merge_group?.base_sha;
  if (eventName === 'push' && event.before && !/^0+$/.test(event.before)) return event.before;
  return undefined;
}

/** The base commit in the local clone: a shallow checkout (actions/checkout's default) lacks it, so fetch that one commit. */
function ensureCommit(sha, cwd, env) {
  const has = () => run('git', ['cat-file', '-e', `${sha}^{commit}`], { cwd, env }).status === 0;
  if (has()) return;
  const fetch = run('git', ['fetch', '--no-tags', '--depth=1', 'origin', sha], { cwd, env });
  if (fetch.status !== 0 || !has())
    throw new ActionError(`the base commit ${sha} is not in the clone and could not be fetched:\n${lastLines(fetch.stderr)}`);
}

/** Whether this nilecare-lint has the `diff` command: its help lists it. */
export function hasDiff(tool, cwd, env) {
  const help = cli(tool, ['--help'], cwd, env);
  return help.status === 0 && /^\s*nilecare-lint diff\b/m.test(help.stdout);
}

export async function driftStep(env) {
  const inputs = readInputs(env);
  const cwd = path.resolve(env.GITHUB_WORKSPACE || process.cwd(), inputs.workingDirectory);
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const event = readEvent(env);
  const base = baseOf(eventName, event);
  if (!base) {
    setOutput(env, 'drift', 'skipped');
    summary(
      env,
      `## Architecture drift\n\nNo base commit to compare with on a \`${eventName || 'unknown'}\` event: the drift report runs on pull requests, merge groups and pushes.\n`,
    );
    return 0;
  }
  const tool = resolveCli(env, cwd);
  if (!hasDiff(tool, cwd, env)) {
    setOutput(env, 'drift', 'unavailable');
    const message = `nilecare-lint ${tool.version} (${tool.source} install) has no \`diff\` command, so there is no drift report; the lint ran and its SARIF was uploaded. Upgrade nilecare-lint for the report.`;
    summary(env, `## Architecture drift\n\n${message}\n`);
    annotate('warning', message.replace(/`/g, "'"));
    return 0;
  }
  ensureCommit(base, cwd, env);
  const config = inputs.config ? ['--config', inputs.config] : [];
  const result = cli(tool, ['diff', base, '--format', 'markdown', '--fail-on', inputs.failOn, ...config], cwd, env);
  process.stderr.write(result.stderr);
  if (result.status !== 0 && result.status !== 1) {
    setOutput(env, 'drift', 'error');
    summary(
      env,
      `## Architecture drift\n\n\`nilecare-lint diff ${base}\` failed (exit ${result.status}):\n\n\`\`\`\n${lastLines(result.stderr)}\n\`\`\`\n`,
    );
    annotate('error', `nilecare-lint diff ${base} failed (exit ${result.status}):\n${lastLines(result.stderr)}`);
    return 2;
  }
  const report = result.stdout;
  const reportFile = path.join(env.RUNNER_TEMP || tmpdir(), 'nilecare-lint-drift.md');
  writeFileSync(reportFile, report);
  setOutput(env, 'report-file', reportFile);
  setOutput(env, 'drift', result.status === 1 ? 'fails' : 'passes');
  process.stdout.write(report);
  summary(env, report);

  const number = event.pull_request?.number;
  if (inputs.comment !== 'off' && number !== undefined && eventName.startsWith('pull_request')) {
    try {
      const comment = await postComment(env, {
        repository: env.GITHUB_REPOSITORY || event.repository?.full_name,
        number,
        report,
        mode: inputs.comment,
      });
      setOutput(env, 'comment-url', comment.html_url ?? '');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // A fork's pull request gets a read-only token: the report is still in the summary.
      annotate(
        'warning',
        `Could not write the pull request comment (${error.message}); the drift report is in the job summary. The comment needs 'pull-requests: write'.`,
      );
    }
  }
  return result.status === 1 && inputs.failOn !== 'never' ? 1 : 0;
}

// ---------------------------------------------------------------------------------------
// The REST API
// ---------------------------------------------------------------------------------------

export class ApiError extends Error {
  constructor(status, message) {
    super(`HTTP ${status}: ${message}`);
    this.status = status;
  }
}

function apiBase(env) {
  return (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
}

async function api(env, method, target, body) {
  const base = apiBase(env);
  const url = target.startsWith('/') ? `${base}${target}` : target;
  // Never send the token anywhere but the API: a `Link` header naming another origin is not followed.
  if (new URL(url).origin !== new URL(base).origin) throw new ApiError(0, `refusing to call ${new URL(url).origin} with the token`);
  if (!env.GITHUB_TOKEN) throw new ApiError(401, 'no token: set the github-token input (default: the workflow token)');
  const response = await fetch(url, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${env.GITHUB_TOKEN}`,
      'x-github-api-version': API_VERSION,
      'user-agent': 'nilecare-lint-action',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) throw new ApiError(response.status, json?.message ?? response.statusText);
  return { json, link: response.headers.get('link') };
}

/** The `rel="next"` URL of a `Link` header. */
export function nextLink(header) {
  for (const part of (header ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

/** The action's earlier comment on the pull request: the marker opens it and a bot (the workflow token's account) wrote it. */
export async function findComment(env, repository, number) {
  let target = `/repos/${repository}/issues/${number}/comments?per_page=100`;
  while (target) {
    const { json, link } = await api(env, 'GET', target);
    const found = (json ?? []).find((c) => typeof c.body === 'string' && c.body.startsWith(MARKER) && c.user?.type === 'Bot');
    if (found) return found;
    target = nextLink(link);
  }
  return undefined;
}

export function commentBody(report) {
  const note = '\n\n_(cut: a comment holds 65,536 characters; the whole report is in the job summary)_\n';
  const body = `${MARKER}\n${report.trimEnd()}\n`;
  return body.length <= COMMENT_LIMIT ? body : `${body.slice(0, COMMENT_LIMIT - note.length)}${note}`;
}

/** `on`: a new comment each run; `update`: the one earlier comment edited, or created the first time. */
export async function postComment(env, { repository, number, report, mode }) {
  if (!repository) throw new ApiError(0, 'GITHUB_REPOSITORY is not set');
  const body = commentBody(report);
  if (mode === 'update') {
    const existing = await findComment(env, repository, number);
    if (existing) return (await api(env, 'PATCH', `/repos/${repository}/issues/comments/${existing.id}`, { body })).json;
  }
  return (await api(env, 'POST', `/repos/${repository}/issues/${number}/comments`, { body })).json;
}

// ---------------------------------------------------------------------------------------

export async function main(argv = process.argv.slice(2), env = process.env) {
  try {
    if (argv[0] === 'lint') return lintStep(env);
    if (argv[0] === 'drift') return await driftStep(env);
    process.stderr.write('usage: run.mjs lint|drift\n');
    return 2;
  } catch (error) {
    if (!(error instanceof ActionError)) throw error;
    annotate('error', `nilecare-lint action: ${error.message}`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main();
