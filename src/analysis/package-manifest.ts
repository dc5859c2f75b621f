import { yaml } from './yaml-module.js';
import { parseJsonObject } from './json-object.js';
import { objectMembers, parseJsonObject as parseJsonTree } from './json-tree.js';
import type { Range, SecretDescriptor } from './facts.js';
import { computeLineStarts, spanToRange } from './text.js';
import { commandSecrets } from './command-secrets.js';
import { parseConnectionString } from './connection-url.js';
import { interpolationDefaultPart } from './describe-secrets.js';
import { describeSecret, type SecretKey } from './secrets.js';

/**
 * What a package.json says about its folder: its dependencies, whether it is a workspace root,
 * whether it runs as a process. Parsed as data only; nothing in it is ever run or resolved.
 */

export interface PackageManifest {
  name?: string;
  /** `dependencies` (what runs in production). */
  dependencies: string[];
  /** `devDependencies`, `optionalDependencies` and `peerDependencies`. */
  otherDependencies: string[];
  /** Names only `devDependencies` lists (a test database's driver: `better-sqlite3` for the tests); absent when none. */
  devOnly?: string[];
  /**
   * Names `peerDependencies` lists and neither `dependencies` nor `optionalDependencies` does: what the application
   * installing the package brings (a provider library's `@mikro-orm/postgresql`, the driver its user chooses). Absent when none.
   */
  peerOnly?: string[];
  /** Script names (`start`, `build`, `migrate`…). */
  scripts: string[];
  /**
   * Scripts that run only a file of its tests (`"start": "ts-node test/dev-server.ts"`, a plugin's development server
   * booting a host application around it): nothing the package deploys. Absent when none.
   */
  testServerScripts?: string[];
  /**
   * Scripts that only compile or bundle the package's files, also in watch mode (`"start": "tsc --watch"`,
   * `rimraf lib && tsc`, `rollup -c -w`, `vite build --watch`): they rebuild files and run none of them, so no process
   * of the package. Absent when none.
   */
  compileScripts?: string[];
  /** Declares `workspaces` (npm, yarn): the root of other packages, not a deployable of its own. */
  workspaces: boolean;
  /** The `workspaces` globs (`packages/*`), from the array or yarn's `{ packages: [...] }`. Absent when none. */
  workspacePatterns?: string[];
  /**
   * What an importer of the package by name loads: `main`, `module`, `types` / `typings`, and the
   * `exports` targets by subpath (`.` for the package itself; conditions flattened, most specific
   * first). Absent when the manifest names none.
   */
  entries?: PackageEntries;
  /**
   * Env files its scripts load into the process they start, relative to the package's folder (where
   * npm runs scripts): `node --env-file=../../.env src/index.js` (also `--env-file-if-exists`, tsx and
   * bun's flag), dotenv-cli's `dotenv -e ../../.env -- node …`, env-cmd's `env-cmd -f .env.prod node …`.
   * `range` is the path in the package.json; test scripts (`test`, `test:*`) are the test suite's.
   * Absent when none.
   */
  envFileLoads?: Array<{ path: string; range: Range }>;
  /**
   * Credentials written into its scripts (src/analysis/command-secrets.ts), described at once: nothing of the
   * value is kept. Not the test suite's scripts, nor a local environment's (see `scriptSecretsOf`). Absent when none.
   */
  scriptSecrets?: ScriptSecret[];
  /**
   * A marker, not a package: no name, no dependency, no script, no workspaces, no entry point — `{"type": "commonjs"}`
   * that a build ships into `dist/migrations/` so Node reads the folder's files as CommonJS, `{"sideEffects": false}`
   * for a bundler, `{"private": true}` alone. Such a file makes its folder no service and no package boundary: the
   * folder's files belong to the package above (src/model/packages.ts reads it as no manifest). Also the package.json
   * `prisma generate` writes into its output folder (see `isPrismaClientOutput`): build output of the package above,
   * no package of its own. Absent otherwise.
   */
  marker?: true;
}

/** A credential in a package.json script: a connection URL's password, or a secret-named variable or password flag. */
export interface ScriptSecret {
  /** The script's name (`migrate:prod`). */
  script: string;
  /** `url` for a connection string's password; else the variable or flag name (`PGPASSWORD`, `password`). */
  key: string;
  /** A connection string's scheme (`postgres`, `mysql`). */
  scheme?: string;
  secret: SecretDescriptor;
  /** Where the package.json holds the value (the password alone, in a URL). */
  range: Range;
}

export interface PackageEntries {
  main?: string;
  module?: string;
  types?: string;
  exports?: Record<string, string[]>;
}

const names = (value: unknown): string[] => (value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : []);

/**
 * The manifest, or undefined when the text is not a JSON object. `secretKey` fingerprints the secrets of its
 * scripts (as the run's facts are fingerprinted: src/analysis/secrets.ts).
 */
export function parsePackageManifest(text: string, secretKey?: SecretKey): PackageManifest | undefined {
  const m = parseJsonObject(text);
  if (!m) return undefined;
  const scriptSecrets = scriptSecretsOf(m.scripts, text, secretKey);
  const workspacePatterns = stringList(
    Array.isArray(m.workspaces) ? m.workspaces : (m.workspaces as { packages?: unknown } | null)?.packages,
  );
  const entries = entriesOf(m);
  const envFileLoads = scriptEnvFiles(m.scripts, text);
  const testServerScripts = testServerScriptsOf(m.scripts);
  const compileScripts = compileScriptsOf(m.scripts);
  const shipped = new Set([...names(m.dependencies), ...names(m.optionalDependencies), ...names(m.peerDependencies)]);
  const devOnly = names(m.devDependencies).filter((name) => !shipped.has(name));
  const installed = new Set([...names(m.dependencies), ...names(m.optionalDependencies)]);
  const peerOnly = names(m.peerDependencies).filter((name) => !installed.has(name));
  return {
    ...(typeof m.name === 'string' ? { name: m.name } : {}),
    dependencies: names(m.dependencies),
    otherDependencies: [...new Set([...names(m.devDependencies), ...names(m.optionalDependencies), ...names(m.peerDependencies)])],
    ...(devOnly.length > 0 ? { devOnly } : {}),
    ...(peerOnly.length > 0 ? { peerOnly } : {}),
    scripts: names(m.scripts),
    ...(testServerScripts.length > 0 ? { testServerScripts } : {}),
    ...(compileScripts.length > 0 ? { compileScripts } : {}),
    workspaces: Array.isArray(m.workspaces) || (typeof m.workspaces === 'object' && m.workspaces !== null),
    ...(workspacePatterns.length > 0 ? { workspacePatterns } : {}),
    ...(entries ? { entries } : {}),
    ...(envFileLoads.length > 0 ? { envFileLoads } : {}),
    ...(scriptSecrets.length > 0 ? { scriptSecrets } : {}),
    ...(isMarker(m) || isPrismaClientOutput(m) ? { marker: true as const } : {}),
  };
}

/** A folder of a package's tests (or of a development playground around it): what runs from there is not deployed. */
const TEST_FOLDER = /^(?:\.\/)?(?:test|tests|__tests__|e2e|dev|playground|examples?)\//;
/** A script or module file a command runs (`test/dev-server.ts`, `./test/server.js`). */
const CODE_FILE = /\.[cm]?[jt]sx?$/;

/** The scripts whose command runs code files, every one under a test folder (`ts-node test/dev-server.ts`). */
function testServerScriptsOf(scripts: unknown): string[] {
  if (!scripts || typeof scripts !== 'object' || Array.isArray(scripts)) return [];
  return Object.entries(scripts as Record<string, unknown>).flatMap(([name, command]) => {
    if (typeof command !== 'string') return [];
    const files = command.split(/[\s'"]+/).filter((token) => CODE_FILE.test(token) && !token.includes('*'));
    return files.length > 0 && files.every((file) => TEST_FOLDER.test(file)) ? [name] : [];
  });
}

/** Compilers and bundlers: run alone they write files, they start none of them. */
const COMPILERS = new Set(['tsc', 'ttsc', 'tspc', 'tsup', 'babel', 'swc', 'rollup', 'esbuild', 'webpack']);
/** Steps that only delete build output before a compile (`rimraf lib && tsc`). */
const CLEANERS = new Set(['rimraf', 'rm', 'del-cli']);
/** A development server a bundler starts (`webpack serve`, `esbuild --serve`): a process, not a compile. */
const SERVES = new Set(['serve', '--serve']);
/** An environment assignment before a command (`NODE_ENV=production tsc`). */
const ENV_ASSIGNMENT = /^[A-Za-z_]\w*=/;

/**
 * The scripts whose every step compiles, bundles or cleans (see `PackageManifest.compileScripts`): `tsc --watch`,
 * `tsc -w`, `tsup --watch`, `babel src -d lib --watch`, `rollup -c -w`, `vite build --watch`, `rimraf lib && tsc`.
 * A step running anything else (`tsc && node dist/main.js`, `tsc-watch --onSuccess …`, `nodemon`, `concurrently`,
 * `npm run …`) keeps the script a process's.
 */
function compileScriptsOf(scripts: unknown): string[] {
  if (!scripts || typeof scripts !== 'object' || Array.isArray(scripts)) return [];
  return Object.entries(scripts as Record<string, unknown>).flatMap(([name, command]) => {
    if (typeof command !== 'string') return [];
    const steps = command.split(/[&|;]+/).flatMap((step) => (step.trim() === '' ? [] : [step.trim().split(/\s+/)]));
    return steps.length > 0 && steps.every(compileStep) ? [name] : [];
  });
}

function compileStep(tokens: readonly string[]): boolean {
  let i = 0;
  if (tokens[i] === 'cross-env') i += 1;
  while (i < tokens.length && ENV_ASSIGNMENT.test(tokens[i])) i += 1;
  if (tokens[i] === 'npx' || (tokens[i] === 'pnpm' && tokens[i + 1] === 'exec')) i += tokens[i] === 'npx' ? 1 : 2;
  else if (tokens[i] === 'yarn' && COMPILERS.has(tokens[i + 1] ?? '')) i += 1;
  const command = tokens[i];
  if (command === undefined || command === '') return false;
  const args = tokens.slice(i + 1);
  if (CLEANERS.has(command)) return true;
  if (command === 'vite') return args[0] === 'build';
  return COMPILERS.has(command) && !args.some((arg) => SERVES.has(arg));
}

/** What makes a package.json a package's: a name, what it depends on, what it runs, what it exports or serves. */
const PACKAGE_FIELDS = [
  'name',
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
  'bundleDependencies',
  'bundledDependencies',
  'scripts',
  'workspaces',
  'main',
  'module',
  'types',
  'typings',
  'exports',
  'imports',
  'bin',
];

/** None of the package's fields (see `PackageManifest.marker`): a module-type or bundler marker. */
function isMarker(m: Record<string, unknown>): boolean {
  return PACKAGE_FIELDS.every((field) => m[field] === undefined);
}

/**
 * The package.json `prisma generate` writes beside the client it generates into a custom `output` folder (Prisma 5+,
 * and Prisma 7's default: `src/generated/prisma/`): named `prisma-client-<hash of the schema>` (Prisma 4: `.prisma/client`),
 * `main` index.js, no scripts, no workspaces, depending on Prisma's runtime alone. Recognised by that shape, not by
 * its folder's name: a package someone wrote has scripts, or a name of its own.
 */
function isPrismaClientOutput(m: Record<string, unknown>): boolean {
  const name = typeof m.name === 'string' ? m.name : '';
  if (!/^prisma-client-[0-9a-f]{16,128}$/.test(name) && name !== '.prisma/client') return false;
  if (m.scripts !== undefined || m.workspaces !== undefined || m.bin !== undefined) return false;
  if (m.main !== undefined && m.main !== 'index.js' && m.main !== './index.js') return false;
  const deps = [m.dependencies, m.devDependencies, m.peerDependencies, m.optionalDependencies].flatMap(names);
  return deps.every((dep) => dep.startsWith('@prisma/'));
}

/** The test suite's scripts (`test`, `pretest`, `test:e2e`) and a local environment's (`dev`, `db:local`, `migrate:dev`, `start:development`). */
const LOCAL_SCRIPT = /^(?:pre|post)?test(?::|$)|(?:^|[:._-])(?:dev|develop|development|local|test|testing|e2e)(?:[:._-]|$)/i;
/** The developer's machine: a password for a server there opens nothing anyone else can reach. */
const LOOPBACK_HOST = /^(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[?::1\]?|0\.0\.0\.0|host\.docker\.internal)$/;

/**
 * The credentials of a manifest's scripts (`PackageManifest.scriptSecrets`): a literal or placeholder password of a
 * connection URL, and the values of secret-named variables and password flags, each described (`secret.kind` tells a
 * literal from `$DB_PASSWORD`, `${DB_PASSWORD}`, `<password>`). Stand-ins are left out: scripts named for the test
 * suite or a local environment, and URLs of a loopback server (`postgres://postgres:postgres@localhost/app`).
 */
function scriptSecretsOf(scripts: unknown, text: string, secretKey: SecretKey | undefined): ScriptSecret[] {
  if (!scripts || typeof scripts !== 'object' || Array.isArray(scripts)) return [];
  const wanted = Object.entries(scripts as Record<string, unknown>).filter(
    ([name, command]) => typeof command === 'string' && !LOCAL_SCRIPT.test(name) && commandSecrets(command).length > 0,
  );
  if (wanted.length === 0) return [];
  // Located through the JSON's tree (read only for a manifest whose scripts hold one): each script's string as written.
  const root = parseJsonTree(text);
  const scriptsNode = root && [...objectMembers(root)].reverse().find((member) => member.key === 'scripts')?.value;
  if (!scriptsNode || scriptsNode.type !== 'object') return [];
  const lineStarts = computeLineStarts(text);
  const out: ScriptSecret[] = [];
  for (const { key: script, value } of objectMembers(scriptsNode)) {
    if (value.type !== 'string' || typeof value.value !== 'string' || !wanted.some(([name]) => name === script)) continue;
    const command = value.value;
    const at = decodedOffsets(text, value.offset, value.offset + value.length);
    const range = (start: number, end: number) => spanToRange(lineStarts, { start: at(start), end: at(end) });
    for (const found of commandSecrets(command)) {
      if (found.key !== 'url') {
        out.push({ script, key: found.key, secret: describeSecret(found.value, secretKey), range: range(found.start, found.end) });
        continue;
      }
      const url = parseConnectionString(found.value);
      if (!url?.password || (url.host !== undefined && LOOPBACK_HOST.test(url.host))) continue;
      const part = interpolationDefaultPart(found.value, url.password);
      out.push({
        script,
        key: 'url',
        scheme: url.scheme,
        secret: describeSecret(found.value.slice(part.start, part.end), secretKey, true),
        range: range(found.start + part.start, found.start + part.end),
      });
    }
  }
  return out;
}

/**
 * Maps an offset into a JSON string's decoded value to the file: `start`..`end` is the string with its quotes. Each
 * escape (`\"`, `\\`, `\u0041`) is one character of the value and several of the file.
 */
function decodedOffsets(text: string, start: number, end: number): (offset: number) => number {
  const starts: number[] = [];
  for (let i = start + 1; i < end - 1; i++) {
    starts.push(i);
    if (text[i] === '\\') i += text[i + 1] === 'u' ? 5 : 1;
  }
  starts.push(end - 1);
  return (offset) => starts[Math.min(offset, starts.length - 1)];
}

/** Scripts read for env files: a script line is short; a longer one is not a command anyone wrote. */
const MAX_SCRIPT_LENGTH = 4096;

/** The env files each non-test script loads (see `PackageManifest.envFileLoads`), each path located once in the text. */
function scriptEnvFiles(scripts: unknown, text: string): Array<{ path: string; range: Range }> {
  if (!scripts || typeof scripts !== 'object' || Array.isArray(scripts)) return [];
  const out: Array<{ path: string; range: Range }> = [];
  let lineStarts: number[] | undefined;
  for (const [name, command] of Object.entries(scripts as Record<string, unknown>)) {
    if (typeof command !== 'string' || command.length > MAX_SCRIPT_LENGTH || /^(?:pre|post)?test(?::|$)/.test(name)) continue;
    for (const path of envFilesOfCommand(command)) {
      if (out.some((load) => load.path === path)) continue;
      // Where the script's text holds the path (a JSON escape inside it leaves the script's start).
      const at = text.indexOf(JSON.stringify(command).slice(1, -1));
      const inScript = at < 0 ? -1 : text.indexOf(path, at);
      const start = inScript < 0 ? Math.max(at, 0) : inScript;
      lineStarts ??= computeLineStarts(text);
      out.push({ path, range: spanToRange(lineStarts, { start, end: inScript < 0 ? start : start + path.length }) });
    }
  }
  return out;
}

/** `--env-file=x`, `--env-file x` (node, tsx, bun), dotenv-cli's `-e x` (after `dotenv`), env-cmd's `-f x` / `--file x`. */
export function envFilesOfCommand(command: string): string[] {
  const words = command.split(/\s+/).filter((w) => w !== '');
  const out: string[] = [];
  let tool: 'dotenv' | 'env-cmd' | undefined;
  const take = (word: string | undefined) => {
    const path = word?.replace(/^['"]|['"]$/g, '');
    if (path && !path.startsWith('-') && !path.includes('$')) out.push(path);
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const flag = /^--env-file(?:-if-exists)?(?:=(.*))?$/.exec(word);
    if (flag) {
      take(flag[1] ?? words[++i]);
      continue;
    }
    const program = word.split('/').pop();
    if (program === 'dotenv' || program === 'dotenv-cli') tool = 'dotenv';
    else if (program === 'env-cmd') tool = 'env-cmd';
    else if (word === '--' || word === '&&' || word === '||' || word === ';') tool = undefined;
    else if (tool === 'dotenv' && word === '-e') take(words[++i]);
    else if (tool === 'env-cmd' && (word === '-f' || word === '--file')) take(words[++i]);
  }
  return out;
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
/** How deep `exports` conditions are followed (`{ ".": { "node": { "import": … } } }`). */
const MAX_CONDITION_DEPTH = 4;

function entriesOf(m: Record<string, unknown>): PackageEntries | undefined {
  const main = text(m.main);
  const module = text(m.module);
  const types = text(m.types) ?? text(m.typings);
  const exports = exportsOf(m.exports);
  if (!main && !module && !types && !exports) return undefined;
  return { ...(main ? { main } : {}), ...(module ? { module } : {}), ...(types ? { types } : {}), ...(exports ? { exports } : {}) };
}

/** `exports` as subpath → targets: a string or conditions object is the `.` subpath; keys starting with `.` are subpaths. */
function exportsOf(value: unknown): Record<string, string[]> | undefined {
  if (typeof value === 'string' || Array.isArray(value)) return { '.': targetsOf(value, 0) };
  if (!value || typeof value !== 'object') return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  const subpaths = entries.filter(([key]) => key.startsWith('.'));
  const out: Record<string, string[]> =
    subpaths.length > 0 ? Object.fromEntries(subpaths.map(([key, target]) => [key, targetsOf(target, 0)])) : { '.': targetsOf(value, 0) };
  for (const key of Object.keys(out)) if (out[key].length === 0) delete out[key];
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The files a target names, `types` conditions first (they point at what TypeScript reads). */
function targetsOf(value: unknown, depth: number): string[] {
  if (typeof value === 'string') return [value];
  if (depth > MAX_CONDITION_DEPTH || !value || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((v) => targetsOf(v, depth + 1));
  const conditions = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => Number(b === 'types') - Number(a === 'types'));
  return [...new Set(conditions.flatMap(([, v]) => targetsOf(v, depth + 1)))];
}

/** The `packages` globs of a pnpm-workspace.yaml; undefined when the text is not YAML (aliases are refused). */
export function parsePnpmWorkspace(text: string): string[] | undefined {
  let doc: unknown;
  try {
    doc = yaml().parse(text, { maxAliasCount: 0 });
  } catch {
    return undefined;
  }
  const list = doc && typeof doc === 'object' ? (doc as { packages?: unknown }).packages : undefined;
  return stringList(list);
}
