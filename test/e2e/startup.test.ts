/**
 * Start-up pays only for what the command uses: `--version` and the help texts load no parser,
 * no rule and no config schema (TypeScript alone costs ~0.5 s to load), and a lint run loads
 * each parser only for the files that need it: node-sql-parser for MySQL, libpg-query for
 * PostgreSQL, yaml for YAML files. Checked on the process as it ships, `bin/nilecare-lint.js`,
 * with hooks recording every module it resolves, by `import` and by `require` (the parsers are
 * CommonJS, required on first use).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltCli, repoRoot } from '../built-cli.js';

/** Packages and folders only linting needs. */
const HEAVY = ['typescript', 'node-sql-parser', 'libpg-query', 'yaml', 'zod'].map((name) => `/node_modules/${name}/`);
const HEAVY_OWN = ['/dist/rules/', '/dist/src/lint.js', '/dist/src/analysis/analyze-file.js', '/dist/src/config/schema.js'];
/** What only `nilecare-lint lsp` needs: the protocol library and the server. */
const LANGUAGE_SERVER = [
  ...['vscode-languageserver', 'vscode-languageserver-textdocument', 'vscode-languageserver-protocol', 'vscode-jsonrpc'].map(
    (name) => `/node_modules/${name}/`,
  ),
  '/dist/src/commands/lsp-server.js',
  '/dist/src/editor-session.js',
];

/** What only computing suggestions needs: the code changes behind no-unsafe-env-default's suggestions. */
const SUGGESTIONS = ['/dist/rules/support/env-fail-fast.js'];

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
  // ESM resolution hooks do not see require() on Node 20: CommonJS resolution is recorded by wrapping it.
  writeFileSync(
    hook,
    `import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { isAbsolute } from 'node:path';
import vm from 'node:vm';
import { pathToFileURL } from 'node:url';
register(${JSON.stringify(pathToFileURL(path.join(dir, 'hooks.mjs')).href)});
// The CommonJS bundle (dist/cli/cli.cjs) holds every module; esbuild evaluates each one that was imported lazily
// (\`__esm\`, \`__commonJS\`) when first needed. Its compile goes through vm.Script (the code cache): the wrappers
// are made to record the module they evaluate. A bundle without them fails the run, never passes unseen.
const Script = vm.Script;
vm.Script = class extends Script {
  constructor(code, options) {
    if (typeof options?.filename === 'string' && options.filename.endsWith('/dist/cli/cli.cjs')) {
      const wrappers = [
        ['var __esm = (fn, res, err) => function __init() {\\n', 'fn'],
        ['var __commonJS = (cb, mod) => function __require() {\\n', '!mod && cb'],
      ];
      for (const [wrapper, pending] of wrappers) {
        if (!code.includes(wrapper)) throw new Error('startup test: no esbuild wrapper in the bundle: ' + wrapper);
        const key = pending.split(' ').pop();
        code = code.replace(wrapper, wrapper + 'if (' + pending + ') globalThis.__nilecareEvaluated(Object.getOwnPropertyNames(' + key + ')[0]);\\n');
      }
    }
    super(code, options);
  }
};
// Where the CLI ran: lint, map and init in the bin's worker thread (src/commands/cli-thread.ts), which node gives this preload too.
const threads = await import('node:worker_threads');
if (!threads.isMainThread && threads.workerData?.nilecareLint) appendFileSync(process.env.MODULE_LOG, 'thread lint-worker\\n');
globalThis.__nilecareEvaluated = (input) => appendFileSync(process.env.MODULE_LOG, 'evaluated ' + input + '\\n');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (...args) {
  const file = resolveFilename.apply(this, args);
  if (isAbsolute(file)) appendFileSync(process.env.MODULE_LOG, 'require ' + pathToFileURL(file).href + '\\n');
  return file;
};
`,
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the shipped bin with `argv` in `cwd` (with `env` added); returns its stdout, stderr and every module URL it resolved
 * (`require <url>` when by require). Exits other than 0 and 1 throw, but for `usageError` (2).
 */
function runBin(
  argv: string[],
  cwd = dir,
  { env = {}, usageError = false }: { env?: Record<string, string>; usageError?: boolean } = {},
): { stdout: string; stderr: string; modules: string[] } {
  const log = path.join(dir, `modules-${argv.join('_').replace(/\W/g, '')}.log`);
  writeFileSync(log, '');
  const result = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, path.join(repoRoot, 'bin/nilecare-lint.js'), ...argv], {
    cwd,
    // A code cache of the test's own, so the user's is neither used nor written with the recording bundle's code.
    env: { ...process.env, MODULE_LOG: log, XDG_CACHE_HOME: path.join(dir, 'xdg-cache'), ...env },
    encoding: 'utf8',
  });
  // A lint run exits 1 when it reports errors; anything else is a failure to run.
  if (usageError ? result.status !== 2 : result.status !== 0 && result.status !== 1)
    throw new Error(`exit ${result.status}: ${result.stderr}`);
  return {
    stdout: result.stdout,
    stderr: result.stderr,
    modules: withBundledModules(readFileSync(log, 'utf8').split('\n').filter(Boolean)),
  };
}

/**
 * The bin runs the bundle (dist/cli/, scripts/bundle-cli.mjs) when it is fresh: each of its files
 * stands for the source modules and packages in it (dist/cli/modules.json), added as
 * `bundled <url>`, so that the checks below see what the run loaded either way.
 */
function withBundledModules(urls: string[]): string[] {
  const bundle = pathToFileURL(path.join(repoRoot, 'dist/cli')).href;
  const bundled = (input: string) => `bundled ${pathToFileURL(path.join(repoRoot, input)).href}`;
  if (!urls.some((url) => url.replace(/^require /, '').startsWith(`${bundle}/`))) return urls;
  const contents = JSON.parse(readFileSync(path.join(repoRoot, 'dist/cli/modules.json'), 'utf8')) as Record<string, string[]>;
  return urls.flatMap((url) => {
    // A module of the CommonJS bundle that ran (see the hook): those esbuild evaluates when the bundle loads are in modules.json.
    if (url.startsWith('evaluated ')) return [bundled(url.slice('evaluated '.length))];
    const file = url.replace(/^require /, '');
    if (!file.startsWith(`${bundle}/`)) return [url];
    const inputs = contents[file.slice(bundle.length + 1)];
    if (!inputs) throw new Error(`${url} is not in dist/cli/modules.json: rebuild (npm run build)`);
    return [url, ...inputs.map(bundled)];
  });
}

/** Which of the parsers' packages the run loaded. */
function parsersLoaded(modules: string[]): string[] {
  return ['typescript', 'node-sql-parser', 'libpg-query', 'yaml'].filter((name) =>
    modules.some((url) => url.includes(`/node_modules/${name}/`)),
  );
}

/** A repository of one service holding `files`, linted by the shipped bin. */
function lintRepository(name: string, files: Record<string, string>): { report: { results?: unknown[] }; modules: string[] } {
  const root = path.join(dir, name);
  for (const [file, text] of Object.entries({ 'package.json': '{"name":"repo","private":true}\n', ...files })) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  const { stdout, modules } = runBin(['--format', 'json', '--no-color'], root);
  return { report: JSON.parse(stdout) as { results?: unknown[] }, modules };
}

const SERVICE = 'services/billing-service';

describe('start-up', () => {
  const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

  it.each([['--version'], ['-v']])('`%s` prints the version without loading the CLI', (flag) => {
    const { stdout, modules } = runBin([flag]);
    expect(stdout).toBe(`${version}\n`);
    expect(modules.filter((url) => url.includes('/dist/') || url.includes('/node_modules/'))).toEqual([]);
  });

  it.each(['--help', 'init --help', 'map --help', 'help map', 'lsp --help'])(
    '`nilecare-lint %s` loads no parser, rule, config schema or language server',
    (command) => {
      const { stdout, modules } = runBin(command.split(' '));
      expect(stdout).toMatch(/^nilecare-lint/);
      // The hook sees the CLI itself: a hook that recorded nothing would make this test pass on anything.
      expect(modules.some((url) => url.endsWith('/dist/src/cli.js'))).toBe(true);
      expect(
        modules.filter((url) => [...HEAVY, ...HEAVY_OWN, ...LANGUAGE_SERVER, ...SUGGESTIONS].some((part) => url.includes(part))),
      ).toEqual([]);
    },
  );

  it('the bin runs the split ES bundle for a help text when it is at least as new as dist/src, and loads no module of dist/src itself', () => {
    const bundle = path.join(repoRoot, 'dist/cli/cli.js');
    if (!existsSync(bundle) || statSync(bundle).mtimeMs < statSync(path.join(repoRoot, 'dist/src/cli.js')).mtimeMs)
      throw new Error('dist/cli is missing or older than dist/src: run `npm run build` (tsc, then scripts/bundle-cli.mjs)');
    const { modules } = runBin(['--help']);
    expect(modules).toContain(pathToFileURL(bundle).href);
    expect(modules.filter((url) => url.includes('/dist/src/') && !url.startsWith('bundled '))).toEqual([]);
  });

  it('a lint run goes through the CommonJS bundle, compiled once: V8 code cache, private, taken by the next run', () => {
    const commonJs = path.join(repoRoot, 'dist/cli/cli.cjs');
    if (!existsSync(commonJs) || statSync(commonJs).mtimeMs < statSync(path.join(repoRoot, 'dist/src/cli.js')).mtimeMs)
      throw new Error('dist/cli/cli.cjs is missing or older than dist/src: run `npm run build` (tsc, then scripts/bundle-cli.mjs)');
    const root = path.join(dir, 'through-cjs');
    mkdirSync(root, { recursive: true });
    writeFileSync(path.join(root, 'package.json'), '{"name":"repo","private":true}\n');
    writeFileSync(path.join(root, 'schema.sql'), 'CREATE TABLE t (id INT);\n');
    writeFileSync(path.join(root, 'db.ts'), 'export const host = process.env.DB_HOST;\n');
    const folder = path.join(dir, 'xdg-cache/nilecare-lint/v8-code-cache');
    rmSync(folder, { recursive: true, force: true });
    const cached = () =>
      existsSync(folder)
        ? readdirSync(folder).map((name) => {
            const stats = statSync(path.join(folder, name));
            return { name, ino: stats.ino, mode: stats.mode & 0o777 };
          })
        : [];
    const first = runBin(['--format', 'json'], root);
    // In the worker thread: the code cache is the worker's as it was the main thread's.
    expect(first.modules).toContain('thread lint-worker');
    expect(first.modules).toContain(`require ${pathToFileURL(commonJs).href}`);
    expect(first.modules.filter((url) => url.includes('/dist/src/') && !url.startsWith('bundled '))).toEqual([]);
    // yargs lays out help and usage texts with cliui and string-width, which build Intl segmenters and Unicode
    // regular expressions as they load (scripts/bundle-cli.mjs): a lint run evaluates neither.
    expect(first.modules.filter((url) => /\/node_modules\/(?:cliui|string-width|wrap-ansi)\//.test(url))).toEqual([]);
    // The bundle's compiled code is saved at exit, 0600, beside TypeScript's (db.ts is parsed with it); without the
    // bundle's there would be one file.
    const written = cached();
    expect(written.map(({ mode }) => mode)).toEqual([0o600, 0o600]);
    // Taken by the next run: a file V8 rejected would be replaced (another inode), one missing written again.
    const second = runBin(['--format', 'json'], root);
    expect(second.stdout).toBe(first.stdout);
    expect(cached()).toEqual(written);
    // Another command keeps its own: V8 saves what the first run compiled, and map's is not a lint run's.
    runBin(['map'], root);
    expect(cached()).toHaveLength(3);
    // A help text loads only its few modules, from the split ES bundle: not the whole CommonJS one.
    expect(runBin(['--help'], root).modules.filter((url) => url.includes('/dist/cli/cli.cjs'))).toEqual([]);
  });

  it('a lint run takes yargs from the CommonJS bundle, not its ES modules, and yargs still finds its translations in its package', () => {
    const { stderr, modules } = runBin(['--format', 'json', '--max-warnings'], dir, { env: { LC_ALL: 'de_DE.UTF-8' }, usageError: true });
    expect(modules).toContain(`require ${pathToFileURL(path.join(repoRoot, 'dist/cli/cli.cjs')).href}`);
    // Where yargs really is: esbuild (modules.json) and require name a package by its real path, which in a git worktree
    // whose node_modules links to another checkout's is that checkout's.
    const yargs = path.join(realpathSync(path.join(repoRoot, 'node_modules')), 'yargs');
    expect(modules).toContain(`bundled ${pathToFileURL(path.join(yargs, 'index.mjs')).href}`);
    // Only its package.json is resolved (once for each use of the shim's URL), to find the package: its locales, and a
    // configuration's `extends`, are read beside it.
    const unbundled = modules.filter((url) => url.includes('/node_modules/yargs/') && !url.startsWith('bundled '));
    expect([...new Set(unbundled)]).toEqual([`require ${pathToFileURL(path.join(yargs, 'package.json')).href}`]);
    // yargs' German message (locales/de.json), as from its own modules.
    expect(stderr).toBe('nilecare-lint: Nicht genügend Argumente nach: max-warnings\n');
  });

  it('a lint run still loads the pipeline (the lazy imports resolve), and no language server', () => {
    writeFileSync(path.join(dir, 'schema.sql'), 'CREATE TABLE t (id INT);\n');
    const { modules } = runBin(['.']);
    expect(modules.some((url) => url.includes('/dist/rules/'))).toBe(true);
    expect(modules.some((url) => url.includes('/dist/src/lint.js'))).toBe(true);
    expect(modules.filter((url) => LANGUAGE_SERVER.some((part) => url.includes(part)))).toEqual([]);
  });

  it('a finding with a deferred suggestion loads its code only for the JSON report, which carries suggestions', () => {
    const root = path.join(dir, 'env-default');
    mkdirSync(path.join(root, SERVICE, 'src'), { recursive: true });
    writeFileSync(path.join(root, 'package.json'), '{"name":"repo","private":true}\n');
    writeFileSync(path.join(root, SERVICE, 'package.json'), '{"name":"billing-service"}\n');
    writeFileSync(path.join(root, SERVICE, 'src/db.ts'), "export const password = process.env.DB_PASSWORD || '';\n");
    const plain = runBin(['--no-color'], root);
    expect(plain.stdout).toContain('no-unsafe-env-default');
    expect(plain.modules.filter((url) => SUGGESTIONS.some((part) => url.includes(part)))).toEqual([]);
    const json = runBin(['--format', 'json', '--no-color'], root);
    // The suggestion is computed (in the bundle too), not a notice saying it could not be.
    const report = JSON.parse(json.stdout) as {
      results: Array<{ messages: Array<{ ruleId: string; suggestions?: Array<{ changes: Array<{ kind: string; file: string }> }> }> }>;
      summary: { notices: string[] };
    };
    expect(report.summary.notices.filter((n) => n.includes('could not be computed'))).toEqual([]);
    const [finding] = report.results.flatMap((r) => r.messages).filter((m) => m.ruleId === 'no-unsafe-env-default');
    expect(finding.suggestions?.flatMap((s) => s.changes.map((c) => `${c.kind} ${c.file}`))).toContain(
      // No service found in this one-service repository: the helper goes to the root.
      'create src/config/require-env.ts',
    );
    expect(SUGGESTIONS.filter((part) => !json.modules.some((url) => url.includes(part)))).toEqual([]);
  });

  // Each case also proves the hooks see what it loads (TypeScript, and the parser that must load).
  it('linting a TypeScript-only repository loads neither SQL parser nor yaml', () => {
    const { modules } = lintRepository('ts-only', {
      [`${SERVICE}/src/index.ts`]:
        "import express from 'express';\nexport const app = express();\nexport const port = process.env.PORT ?? 3000;\n",
      [`${SERVICE}/src/db.ts`]:
        "import mysql from 'mysql2/promise';\nexport const pool = mysql.createPool({ host: process.env.DB_HOST });\n",
    });
    expect(parsersLoaded(modules)).toEqual(['typescript']);
    // An ESM import of TypeScript's 9 MB of CommonJS costs node a module-format detection and an
    // export scan of the whole file on top of the require (~0.6 s of CPU): every import goes through ts.ts.
    expect(modules.filter((url) => url.includes('/node_modules/typescript/') && !url.startsWith('require '))).toEqual([]);
  });

  it('MySQL SQL loads node-sql-parser and not libpg-query', () => {
    const { modules } = lintRepository('mysql-only', {
      [`${SERVICE}/src/db.ts`]:
        "import mysql from 'mysql2/promise';\nexport const pool = mysql.createPool({ host: process.env.DB_HOST });\n",
      [`${SERVICE}/src/repo.ts`]:
        "import { pool } from './db';\nexport const find = (id: string) => pool.query('SELECT id, total FROM invoices WHERE id = ?', [id]);\n",
      // ROW_FORMAT is outside the recogniser's grammar (mysql-recogniser.ts): node-sql-parser reads it.
      [`${SERVICE}/migrations/001_init.sql`]:
        'CREATE TABLE invoices (id INT PRIMARY KEY, total DECIMAL(10,2)) ENGINE=InnoDB ROW_FORMAT=DYNAMIC;\n',
    });
    expect(parsersLoaded(modules)).toEqual(['typescript', 'node-sql-parser']);
  });

  it('a repository without a script to parse never loads TypeScript: SQL, YAML and .env files are read without it', () => {
    const { report, modules } = lintRepository('sql-only', {
      // ROW_FORMAT is outside the recogniser's grammar (mysql-recogniser.ts): node-sql-parser reads it.
      [`${SERVICE}/migrations/001_init.sql`]:
        'CREATE TABLE invoices (id INT PRIMARY KEY, total DECIMAL(10,2)) ENGINE=InnoDB ROW_FORMAT=DYNAMIC;\n',
      [`${SERVICE}/.env.example`]: 'DB_NAME=billing\n',
      [`${SERVICE}/serverless.yml`]: 'service: billing\nprovider:\n  environment:\n    DB_NAME: billing\n',
      // A script that can hold no fact is not parsed: it loads nothing either.
      [`${SERVICE}/src/add.ts`]: 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
    });
    expect(report.results?.length).toBeGreaterThan(0);
    expect(parsersLoaded(modules)).toEqual(['node-sql-parser', 'yaml']);
    // Nor the extraction that needs it (the prefilter deciding that add.ts holds nothing is read: it needs no parser).
    expect(modules.filter((url) => /\/analysis\/typescript\/(?:ts|extract|script-analysis)\.js$/.test(url))).toEqual([]);
    expect(modules.some((url) => url.endsWith('/analysis/typescript/prefilter.js'))).toBe(true);
  });

  // The pre-commit run (issue 16): every other file's facts come from the cache, so only the changed file can need a parser.
  it('a warm one-file run (--cache --affected) loads TypeScript only when the changed file is a script to parse', () => {
    const root = path.join(dir, 'warm-one-file');
    const cache = path.join(dir, 'warm-one-file.cache');
    const files: Record<string, string> = {
      'package.json': '{"name":"repo","private":true}\n',
      [`${SERVICE}/package.json`]: '{"name":"billing-service","dependencies":{"mysql2":"^3.0.0"}}\n',
      [`${SERVICE}/src/db.ts`]:
        "import mysql from 'mysql2/promise';\nexport const pool = mysql.createPool({ host: process.env.DB_HOST });\n",
      [`${SERVICE}/src/repo.ts`]:
        "import { pool } from './db';\nexport const find = (id: string) => pool.query('SELECT id, total FROM invoices WHERE id = ?', [id]);\n",
      [`${SERVICE}/migrations/001_init.sql`]: 'CREATE TABLE invoices (id INT PRIMARY KEY, total DECIMAL(10,2));\n',
      [`${SERVICE}/.env.example`]: 'DB_HOST=localhost\n',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    const warm = ['--cache', '--cache-location', cache, '--no-color'];
    expect(parsersLoaded(runBin(warm, root).modules)).toContain('typescript');
    const changeAndLint = (file: string, added: string) => {
      writeFileSync(path.join(root, file), files[file] + added);
      const run = runBin([...warm, '--affected', file], root);
      writeFileSync(path.join(root, file), files[file]);
      return run;
    };
    // An .env file changes the model: every file is re-checked, all of them from their cached facts.
    const env = changeAndLint(`${SERVICE}/.env.example`, 'DB_NAME=billing\n');
    expect(env.stdout + env.stderr).toContain('every file was re-checked');
    expect(parsersLoaded(env.modules)).toEqual([]);
    const sql = changeAndLint(`${SERVICE}/migrations/001_init.sql`, '-- the first table\n');
    expect(parsersLoaded(sql.modules)).not.toContain('typescript');
    const script = changeAndLint(`${SERVICE}/src/repo.ts`, '// an edit\n');
    expect(parsersLoaded(script.modules)).toEqual(['typescript']);
    // By require, through the code cache (src/io/code-cache.ts), as a cold run loads it.
    expect(script.modules.filter((url) => url.includes('/node_modules/typescript/') && !url.startsWith('require '))).toEqual([]);
  });

  it('PostgreSQL SQL loads libpg-query, a YAML file loads yaml', () => {
    const { modules } = lintRepository('pg-and-yaml', {
      [`${SERVICE}/package.json`]: '{"name":"billing-service","dependencies":{"pg":"^8.11.0"}}\n',
      [`${SERVICE}/migrations/001_init.sql`]: 'CREATE TABLE invoices (id SERIAL PRIMARY KEY, total NUMERIC(10,2));\n',
      [`${SERVICE}/src/db.ts`]: "import { Pool } from 'pg';\nexport const pool = new Pool();\n",
      'docker-compose.yml': 'services:\n  billing-service:\n    image: billing\n',
    });
    expect(parsersLoaded(modules)).toEqual(['typescript', 'libpg-query', 'yaml']);
    // yaml as the one file the build bundles it into, through the code cache: none of the package's own ~60 files.
    expect(modules).toContain(`require ${pathToFileURL(path.join(repoRoot, 'dist/cli/yaml.cjs')).href}`);
    expect(modules.filter((url) => url.startsWith('require ') && url.includes('/node_modules/yaml/'))).toEqual([]);
  });
});
