import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Helpers of the action tests: a scratch repository, a stand-in REST API, and the step runner. */

export const actionRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TOKEN = 'ghs_test-token-4f1c9e';

/**
 * A stand-in nilecare-lint, installed as the repository's own (node_modules/.bin): it records its
 * arguments and answers as the contract says: `--help` lists `diff` unless FAKE_NO_DIFF is set,
 * a lint writes a SARIF file with one error, `diff` prints FAKE_DIFF_MARKDOWN and exits FAKE_DIFF_EXIT.
 */
const STAND_IN = `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_CALLS, JSON.stringify(args) + '\\n');
if (args[0] === '--version') { console.log('9.9.9'); process.exit(0); }
if (args[0] === '--help') {
  console.log('nilecare-lint [paths..]\\n\\nCommands:\\n  nilecare-lint map  Print the map' + (process.env.FAKE_NO_DIFF ? '' : '\\n  nilecare-lint diff <base-ref> [head-ref]  Report the architecture change'));
  process.exit(0);
}
if (args[0] === 'diff') {
  if (process.env.FAKE_DIFF_STDERR) process.stderr.write(process.env.FAKE_DIFF_STDERR);
  process.stdout.write(process.env.FAKE_DIFF_MARKDOWN ?? '');
  process.exit(Number(process.env.FAKE_DIFF_EXIT ?? 0));
}
const out = args[args.indexOf('--output') + 1];
fs.writeFileSync(out, JSON.stringify({ version: '2.1.0', runs: [{ results: [{ ruleId: 'no-cross-service-query', level: 'error' }, { ruleId: 'x', level: 'warning', suppressions: [{ kind: 'external' }] }] }] }));
process.exit(1);
`;

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/** A git repository of two commits with the stand-in CLI; returns the base (first) commit. */
export function scratchRepository(dir: string): { base: string; head: string } {
  mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'scratch', private: true }));
  const bin = path.join(dir, 'node_modules', '.bin', 'nilecare-lint');
  writeFileSync(bin, STAND_IN);
  chmodSync(bin, 0o755);
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'user.name', 'test');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'base');
  writeFileSync(path.join(dir, 'change.sql'), 'SELECT 1;\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'head');
  return { base: git(dir, 'rev-parse', 'HEAD~1'), head: git(dir, 'rev-parse', 'HEAD') };
}

export interface Comment {
  id: number;
  body: string;
  user: { login: string; type: 'Bot' | 'User' };
  html_url: string;
}

export interface ApiRequest {
  method: string;
  url: string;
  authorization?: string;
  apiVersion?: string;
  body?: { body?: string };
}

/** The issue-comment endpoints of GitHub's REST API, paginated with `Link` headers as GitHub does. */
export class CommentsApi {
  readonly comments: Comment[] = [];
  readonly requests: ApiRequest[] = [];
  /** Status to answer every write with (a fork's read-only token gets 403). */
  refuseWrites?: number;
  /** A `Link: rel="next"` to another origin on the first page (the token must not follow it). */
  foreignNext = false;
  private server?: Server;
  private nextId = 1000;
  url = '';

  constructor(
    private readonly repository: string,
    private readonly issue: number,
  ) {}

  seed(count: number, make: (i: number) => Partial<Comment> = () => ({})): void {
    for (let i = 0; i < count; i++) this.add({ body: `comment ${i}`, user: { login: `user${i}`, type: 'User' }, ...make(i) });
  }

  private add(fields: Pick<Comment, 'body' | 'user'>): Comment {
    const id = this.nextId++;
    const comment = { id, ...fields, html_url: `https://github.example/${this.repository}/pull/${this.issue}#issuecomment-${id}` };
    this.comments.push(comment);
    return comment;
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', this.url);
    const recorded: ApiRequest = {
      method: request.method ?? '',
      url: `${url.pathname}${url.search}`,
      authorization: request.headers.authorization,
      apiVersion: request.headers['x-github-api-version'] as string | undefined,
      body: raw ? (JSON.parse(raw) as { body?: string }) : undefined,
    };
    this.requests.push(recorded);
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(json));
    };
    if (request.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { message: 'Bad credentials' });
    const list = `/repos/${this.repository}/issues/${this.issue}/comments`;
    if (request.method === 'GET' && url.pathname === list) {
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const items = this.comments.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> = {};
      if (page * perPage < this.comments.length) {
        const origin = this.foreignNext ? 'http://127.0.0.2:9' : this.url;
        headers.link = `<${origin}${list}?per_page=${perPage}&page=${page + 1}>; rel="next", <${this.url}${list}?per_page=${perPage}&page=99>; rel="last"`;
      }
      return send(200, items, headers);
    }
    if (this.refuseWrites && request.method !== 'GET')
      return send(this.refuseWrites, { message: 'Resource not accessible by integration' });
    if (request.method === 'POST' && url.pathname === list) {
      return send(201, this.add({ body: recorded.body?.body ?? '', user: { login: 'github-actions[bot]', type: 'Bot' } }));
    }
    const patch = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (request.method === 'PATCH' && patch) {
      const comment = this.comments.find((c) => c.id === Number(patch[1]));
      if (!comment) return send(404, { message: 'Not Found' });
      comment.body = recorded.body?.body ?? '';
      return send(200, comment);
    }
    send(404, { message: 'Not Found' });
  }
}

export interface StepRun {
  code: number;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
  calls: string[][];
}

/** `GITHUB_OUTPUT`'s `name<<DELIMITER` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([\w-]+)<<(\S+)$/.exec(lines[i]);
    if (!match) continue;
    const end = lines.indexOf(match[2], i + 1);
    outputs[match[1]] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}

/** Runs one step of the action (`node action/run.mjs <step>`) as the runner would, with files for summary and outputs. */
export async function runStep(
  step: 'lint' | 'drift',
  env: Record<string, string>,
  files: { dir: string; calls: string },
): Promise<StepRun> {
  const summaryFile = path.join(files.dir, `summary-${Math.random().toString(36).slice(2)}.md`);
  const outputFile = path.join(files.dir, `output-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  writeFileSync(files.calls, '');
  const child = spawn(process.execPath, [path.join(actionRoot, 'action', 'run.mjs'), step], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? files.dir,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      FAKE_CALLS: files.calls,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  const calls = readFileSync(files.calls, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as string[]);
  return {
    code,
    stdout,
    stderr,
    summary: readFileSync(summaryFile, 'utf8'),
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    calls,
  };
}
