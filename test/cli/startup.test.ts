/**
 * Start-up pays only for what the command uses: `--version` and the help texts load no parser,
 * no rule and no config schema (TypeScript alone costs ~0.5 s to load). Checked on the process
 * as it ships, `bin/nilecare-lint.js`, with a module-resolution hook recording every module.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltCli, repoRoot } from '../built-cli.js';

/** Packages and folders only linting needs. */
const HEAVY = ['typescript', 'node-sql-parser', 'libpg-query', 'yaml', 'zod'].map((name) => `/node_modules/${name}/`);
const HEAVY_OWN = ['/dist/rules/', '/dist/src/lint.js', '/dist/src/analysis/analyze-file.js', '/dist/src/config/schema.js'];

let dir: string;
let hook: string;

beforeAll(async () => {
  await loadBuiltCli(); // refuses a stale build
  dir = mkdtempSync(path.join(tmpdir(), 'nilecare-startup-'));
  writeFileSync(
    path.join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.MODULE_LOG, result.url + '\\n');
  return result;
}
`,
  );
  hook = path.join(dir, 'register.mjs');
  writeFileSync(
    hook,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(dir, 'hooks.mjs')).href)});\n`,
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the shipped bin with `argv`; returns its stdout and every module URL it resolved. */
function runBin(argv: string[]): { stdout: string; modules: string[] } {
  const log = path.join(dir, `modules-${argv.join('_').replace(/\W/g, '')}.log`);
  writeFileSync(log, '');
  const stdout = execFileSync(
    process.execPath,
    ['--import', pathToFileURL(hook).href, path.join(repoRoot, 'bin/nilecare-lint.js'), ...argv],
    {
      cwd: dir,
      env: { ...process.env, MODULE_LOG: log },
      encoding: 'utf8',
    },
  );
  return { stdout, modules: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

describe('start-up', () => {
  const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

  it.each([['--version'], ['-v']])('`%s` prints the version without loading the CLI', (flag) => {
    const { stdout, modules } = runBin([flag]);
    expect(stdout).toBe(`${version}\n`);
    expect(modules.filter((url) => url.includes('/dist/') || url.includes('/node_modules/'))).toEqual([]);
  });

  it.each(['--help', 'init --help', 'map --help', 'help map'])('`nilecare-lint %s` loads no parser, rule or config schema', (command) => {
    const { stdout, modules } = runBin(command.split(' '));
    expect(stdout).toMatch(/^nilecare-lint/);
    // The hook sees the CLI itself: a hook that recorded nothing would make this test pass on anything.
    expect(modules.some((url) => url.endsWith('/dist/src/cli.js'))).toBe(true);
    expect(modules.filter((url) => [...HEAVY, ...HEAVY_OWN].some((part) => url.includes(part)))).toEqual([]);
  });

  it('a lint run still loads the pipeline (the lazy imports resolve)', () => {
    const { modules } = runBin(['--list-rules']);
    expect(modules.some((url) => url.includes('/dist/rules/'))).toBe(true);
  });
});
