/**
 * The README's GitLab job that posts the drift report as a merge-request note, run as GitLab's
 * runner runs a script (bash, stopping at the first failing line) against a local stand-in of the
 * notes API, with the stand-in nilecare-lint of the action tests installed in a scratch repository.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tempDir } from '../temp-dirs.js';
import { actionRoot, scratchRepository } from '../action/fixtures.js';

const NOTE_TOKEN = 'glpat-test-note-token';
const notes: Array<{ url: string; token?: string; body: string }> = [];
let apiUrl = '';
const server = createServer((request, response) => {
  let raw = '';
  request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
  request.on('end', () => {
    notes.push({ url: `${request.method} ${request.url}`, token: request.headers['private-token'] as string | undefined, body: raw });
    response.writeHead(201, { 'content-type': 'application/json' });
    response.end('{"id":1}');
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The job's script lines, less the install and fetch a real pipeline needs (the scratch repository has both). */
function scriptLines(): string[] {
  const readme = readFileSync(path.join(actionRoot, 'README.md'), 'utf8');
  for (const [, block] of readme.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    const job = (parse(block) as Record<string, { script?: string[] }> | null)?.['nilecare-lint-drift'];
    if (job?.script) return job.script.filter((line) => line !== 'npm ci' && !line.startsWith('git fetch'));
  }
  throw new Error('README: no nilecare-lint-drift job');
}

async function runJob(env: Record<string, string>, cwd: string): Promise<{ code: number; output: string }> {
  const child = spawn('bash', ['-eo', 'pipefail', '-c', scriptLines().join('\n')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  return { code, output };
}

describe("README's GitLab merge-request note job", () => {
  it('posts the drift markdown as a note with the marker, and exits with the diff verdict; a failing diff posts nothing', async () => {
    const dir = tempDir('nilecare-gitlab-note-');
    const repo = path.join(dir, 'repo');
    const { base } = scratchRepository(repo);
    const report = '## Architecture drift\n\n**Adds 1 cross-service access:** `billing` → `patients`.\n';
    const env = {
      CI_MERGE_REQUEST_DIFF_BASE_SHA: base,
      CI_API_V4_URL: apiUrl,
      CI_PROJECT_ID: '7',
      CI_MERGE_REQUEST_IID: '3',
      NILECARE_LINT_NOTE_TOKEN: NOTE_TOKEN,
      FAKE_CALLS: path.join(dir, 'calls.jsonl'),
      FAKE_DIFF_MARKDOWN: report,
      FAKE_DIFF_EXIT: '1',
    };
    const job = await runJob(env, repo);
    expect(job.code, job.output).toBe(1);
    expect(notes).toEqual([{ url: 'POST /api/v4/projects/7/merge_requests/3/notes', token: NOTE_TOKEN, body: expect.any(String) }]);
    expect(JSON.parse(notes[0].body)).toEqual({ body: `<!-- nilecare-lint-drift -->\n${report}` });
    expect(readFileSync(path.join(repo, 'drift.md'), 'utf8')).toBe(report);
    expect(readFileSync(env.FAKE_CALLS, 'utf8')).toContain(JSON.stringify(['diff', base, '--format', 'markdown']));

    const failed = await runJob({ ...env, FAKE_DIFF_EXIT: '2', FAKE_DIFF_MARKDOWN: '' }, repo);
    expect(failed.code).not.toBe(0);
    expect(notes).toHaveLength(1);
  }, 120_000);
});
