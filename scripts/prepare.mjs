#!/usr/bin/env node
/**
 * Builds dist/ wherever npm runs `prepare`: `npm ci` in a checkout, `npm pack`, and installing
 * nilecare-lint from git (`npm install git+…`, pre-commit). Plain JavaScript, no devDependency.
 *
 * With the development dependencies present this is `npm run build` (tsc: type-check and .d.ts).
 * Without them it transpiles src/ and rules/ with the `typescript` runtime dependency, file by file:
 * the JavaScript is byte-identical to tsc's (no type-level emit here), only the .d.ts files are missing,
 * which a command-line install does not use. `npm install -g git+…` prepares the clone before
 * installing any of its dependencies, not even the runtime ones; then the TypeScript version the lock
 * file pins is fetched into a temporary folder for the build.
 *
 * Writes nothing on stdout: older pre-commit releases read `npm pack`'s stdout as the tarball name.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireHere = createRequire(path.join(root, 'package.json'));
const say = (line) => process.stderr.write(`nilecare-lint prepare: ${line}\n`);

function resolves(specifier, from = requireHere) {
  try {
    return from.resolve(specifier);
  } catch {
    return undefined;
  }
}

/** The TypeScript version package-lock.json pins: the build is the same whichever way it runs. */
function lockedTypescriptVersion() {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const version = lock.packages?.['node_modules/typescript']?.version;
  if (!version) throw new Error('package-lock.json pins no typescript version');
  return version;
}

/** Fetches typescript into a temporary folder (npm's own cache serves it when it can); returns the folder. */
function fetchTypescript() {
  const version = lockedTypescriptVersion();
  const dir = mkdtempSync(path.join(tmpdir(), 'nilecare-lint-build-'));
  say(`no dependencies installed here (npm prepares a global git install before installing them): fetching typescript@${version}`);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, dependencies: { typescript: version } }));
  // npm passes its global mode to scripts through the environment; this install is local to `dir`.
  execFileSync(
    'npm',
    ['install', '--global=false', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'],
    {
      cwd: dir,
      stdio: ['ignore', 2, 2],
    },
  );
  return dir;
}

async function typeCheckedBuild(tsc) {
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: ['ignore', 2, 2] });
  // The bundle the bin prefers (scripts/bundle-cli.mjs); without esbuild the bin runs dist/src.
  if (!resolves('esbuild')) return;
  const { bundleCli } = await import(pathToFileURL(path.join(root, 'scripts/bundle-cli.mjs')).href);
  await bundleCli(root);
}

async function transpileOnly(typescriptMain) {
  const { default: ts } = await import(pathToFileURL(typescriptMain).href);
  const configFile = path.join(root, 'tsconfig.build.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    // "types": ["node"] cannot resolve without @types/node; transpiling needs no types.
    { types: [] },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  const { options, fileNames } = parsed;
  // Each file alone: NodeNext needs the package's module format, which is ESM ("type": "module").
  const compilerOptions = { ...options, module: ts.ModuleKind.ES2022, moduleResolution: ts.ModuleResolutionKind.Bundler };
  const failures = [];
  for (const file of fileNames) {
    const output = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions, fileName: file, reportDiagnostics: true });
    for (const d of output.diagnostics ?? [])
      failures.push(`${path.relative(root, file)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    const target = path.join(options.outDir, path.relative(options.rootDir, file)).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, output.outputText);
  }
  if (failures.length > 0) throw new Error(`cannot transpile:\n${failures.join('\n')}`);
  say(`transpiled ${fileNames.length} files without type-checking (development dependencies not installed)`);
}

/**
 * dist/ newer than every input: pre-commit runs `npm install` and then `npm pack` in the same clone,
 * and each ran a full build (about a minute under load). The same rule as test/built-cli.ts; `npm run
 * build` always builds.
 */
function distIsFresh(withDeclarations) {
  const built = path.join(root, 'dist/src/cli.js');
  if (!existsSync(built) || (withDeclarations && !existsSync(path.join(root, 'dist/src/index.d.ts')))) return false;
  const builtAt = statSync(built).mtimeMs;
  const inputs = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'].map((f) => path.join(root, f));
  for (const dir of ['src', 'rules']) {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) inputs.push(path.join(entry.parentPath, entry.name));
    }
  }
  return inputs.every((file) => !existsSync(file) || statSync(file).mtimeMs <= builtAt);
}

const tsc = resolves('typescript/bin/tsc');
const withDevDependencies = Boolean(tsc && resolves('@types/node/package.json'));
if (distIsFresh(withDevDependencies)) {
  say('dist/ is newer than its sources: not rebuilt (`npm run build` forces a build)');
} else if (withDevDependencies) {
  await typeCheckedBuild(tsc);
} else {
  let fetched;
  try {
    let typescript = resolves('typescript');
    if (!typescript) {
      fetched = fetchTypescript();
      typescript = createRequire(path.join(fetched, 'package.json')).resolve('typescript');
    }
    await transpileOnly(typescript);
  } finally {
    if (fetched) rmSync(fetched, { recursive: true, force: true });
  }
}
