import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
// TypeScript as src/ loads it (src/analysis/typescript/ts.ts): one copy per worker, where an import of the package
// loaded and compiled its 9 MB a second time in each worker (1.6-3.3 s of CPU at load 16).
import ts from '../../src/analysis/typescript/ts.js';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../built-cli.js';
import { runCliInProcess } from '../cli-run.js';
import { ruleRegistry } from '../../rules/index.js';

/**
 * package.json as users meet it: the dependencies they download, the entry points they import and
 * the links they follow. Each check reads the real sources or runs the real build, so a new import
 * without a dependency (or a dependency nothing imports) fails here rather than on a user's machine.
 * Importing the built API by the package's name is in test/e2e/package-exports.test.ts: it loads a
 * second copy of every module beside the sources this worker holds.
 */

interface Manifest {
  name: string;
  main: string;
  types: string;
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
  files: string[];
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  repository: { type: string; url: string };
  homepage: string;
  bugs: { url: string };
}

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** `node-sql-parser/build/mysql` → `node-sql-parser`, `@scope/pkg/x` → `@scope/pkg`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Specifiers the file imports only for types (`import type`, or every named import a type): erased from the JavaScript. */
function typeOnlySpecifiers(file: string, text: string): Set<string> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const typeOnly = new Map<string, boolean>();
  const note = (specifier: ts.Expression | undefined, isTypeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteral(specifier)) return;
    typeOnly.set(specifier.text, (typeOnly.get(specifier.text) ?? true) && isTypeOnly);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      const allNamedAreTypes =
        clause !== undefined && !clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0
          ? bindings.elements.every((e) => e.isTypeOnly)
          : false;
      note(statement.moduleSpecifier, Boolean(clause?.isTypeOnly) || allNamedAreTypes);
    } else if (ts.isExportDeclaration(statement)) {
      note(statement.moduleSpecifier, statement.isTypeOnly);
    }
  }
  return new Set([...typeOnly].filter(([, only]) => only).map(([specifier]) => specifier));
}

/** A bare specifier names a package: not a relative or absolute path, not a Node builtin. */
const isPackageSpecifier = (specifier: string) => !specifier.startsWith('.') && !specifier.startsWith('/') && !isBuiltin(specifier);

interface FileImports {
  specifiers: string[];
  /** Loaded through `createRequire` or the code cache. */
  required: Set<string>;
  typeOnly: Set<string>;
}

/** Each shipped file read and pre-processed once for both tests that need its imports. */
const importsByFile = new Map<string, FileImports>();

function importsOf(file: string): FileImports {
  const known = importsByFile.get(file);
  if (known) return known;
  const text = readFileSync(file, 'utf8');
  // TypeScript's own pre-processor: static imports, re-exports, import() and require(), never text in strings.
  const imported = ts.preProcessFile(text, true, true).importedFiles;
  const specifiers = imported.map((f) => f.fileName);
  // `createRequire(import.meta.url)('pkg')`: the lazy loads that keep start-up small (their types come from `import type`);
  // `requireWithCodeCache<T>('pkg', …)` (src/io/code-cache.ts) is the same load through V8's code cache (T may hold `=>`).
  const required = new Set(
    [...text.matchAll(/(?:createRequire\([^()]*\)\(|requireWithCodeCache(?:<[^']*?>)?\()\s*'([^']+)'/g)].map((match) => match[1]),
  );
  specifiers.push(...required);
  // Whether an import is type-only matters for packages only: most files import none, and need no syntax tree.
  // Parsed up to the line of the last package specifier: the declarations that say type-only are all above it, and the
  // rest of the file (most of it: a syntax tree of every shipped file importing a package was most of this suite's CPU) is not needed.
  const last = Math.max(-1, ...imported.filter((f) => isPackageSpecifier(f.fileName)).map((f) => f.end));
  const header = last < 0 ? '' : text.slice(0, text.indexOf('\n', last) + 1 || text.length);
  const typeOnly = header === '' ? new Set<string>() : typeOnlySpecifiers(file, header);
  const imports = { specifiers, required, typeOnly };
  importsByFile.set(file, imports);
  return imports;
}

/** Packages the shipped code loads at run time: every bare, non-builtin specifier of src/ and rules/ that is not type-only. */
export function runtimeImports(files: string[]): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  for (const file of files) {
    const { specifiers, required, typeOnly } = importsOf(file);
    for (const specifier of specifiers) {
      if (!isPackageSpecifier(specifier) || (typeOnly.has(specifier) && !required.has(specifier))) continue;
      const name = packageOf(specifier);
      packages.set(name, [...(packages.get(name) ?? []), path.relative(repoRoot, file)]);
    }
  }
  return packages;
}

describe('runtime dependencies', () => {
  const shipped = [...sourceFiles('src'), ...sourceFiles('rules')];
  const imported = runtimeImports(shipped);

  it('are exactly the packages src/ and rules/ import at run time (no unused download, no missing import)', () => {
    const declared = Object.keys(manifest.dependencies).sort();
    const needed = [...imported.keys()].sort();
    const unused = declared.filter((name) => !imported.has(name));
    const missing = needed
      .filter((name) => !Object.hasOwn(manifest.dependencies, name))
      .map((name) => `${name} (${imported.get(name)?.[0]})`);
    expect({ unused, missing }).toEqual({ unused: [], missing: [] });
    expect(needed).toEqual(declared);
  });

  it('tells type-only imports from value imports, and sees dynamic imports and subpaths', () => {
    const found = runtimeImportsOfText(
      'probe.ts',
      [
        "import type { Log } from 'sarif';",
        "import { type A, type B } from 'only-types';",
        "import { type C, value } from 'mixed';",
        "import x from 'node-sql-parser/build/mysql';",
        "import { z } from '@scope/pkg/sub';",
        "export * from 're-exported';",
        "export type { T } from 'type-re-export';",
        "const lazy = await import('lazy-loaded');",
        "import { readFileSync } from 'node:fs';",
        "import path from 'path';",
        "import local from './local.js';",
        'const s = "import nope from \'in-a-string\'";',
      ].join('\n'),
    );
    expect(found).toEqual(['@scope/pkg', 'lazy-loaded', 'mixed', 'node-sql-parser', 're-exported']);
  });

  it('type-only packages the sources import are development dependencies', () => {
    const typeOnly = new Set<string>();
    for (const file of shipped)
      for (const specifier of importsOf(file).typeOnly) if (isPackageSpecifier(specifier)) typeOnly.add(packageOf(specifier));
    for (const name of typeOnly) {
      if (Object.hasOwn(manifest.dependencies, name)) continue;
      expect(Object.hasOwn(manifest.devDependencies, name) || Object.hasOwn(manifest.devDependencies, `@types/${name}`), name).toBe(true);
    }
  });
});

function runtimeImportsOfText(file: string, text: string): string[] {
  const specifiers = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
  const typeOnly = typeOnlySpecifiers(file, text);
  return [...new Set(specifiers.filter((s) => !s.startsWith('.') && !isBuiltin(s) && !typeOnly.has(s)).map((s) => packageOf(s)))].sort();
}

describe('what is published', () => {
  it('leaves out the VS Code extension: it is a package of its own (editors/vscode, packaged with vsce)', () => {
    expect(manifest.files.filter((entry) => entry === 'editors' || entry.startsWith('editors/') || entry.startsWith('*'))).toEqual([]);
  });
});

describe('entry points', () => {
  const targets = [
    ['main', manifest.main],
    ['types', manifest.types],
    ...Object.entries(manifest.exports).flatMap(([key, value]) =>
      typeof value === 'string'
        ? [[`exports["${key}"]`, value]]
        : Object.entries(value).map(([condition, target]) => [`exports["${key}"].${condition}`, target]),
    ),
    ...Object.entries(manifest.bin).map(([name, target]) => [`bin.${name}`, target]),
  ];

  it.each(targets)('%s (%s) exists after the build and is in the published files', (_key, target) => {
    const relative = path.posix.normalize(target);
    expect(existsSync(path.join(repoRoot, relative)), `${relative} missing: run \`npm run build\``).toBe(true);
    const published = manifest.files.some((entry) => relative === entry || relative.startsWith(`${entry}/`)) || relative === 'package.json';
    expect(published, `${relative} is not covered by "files"`).toBe(true);
  });
});

describe('repository links', () => {
  const repository = 'https://github.com/nilecare/nilecare-lint';

  it('repository, homepage and bugs name the repository the README and .pre-commit-hooks.yaml point at', () => {
    expect(manifest.repository).toEqual({ type: 'git', url: `git+${repository}.git` });
    expect(manifest.homepage).toBe(`${repository}#readme`);
    expect(manifest.bugs.url).toBe(`${repository}/issues`);
    expect(readFileSync(path.join(repoRoot, 'README.md'), 'utf8')).toContain(`repo: ${repository}\n`);
    expect(readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')).toContain(`repo: ${repository}\n`);
  });

  it('SARIF links (informationUri, every rule helpUri) point into that repository', async () => {
    // A small project with a config (its findings fail the run) and the one rule it leaves off on: every rule is in the log.
    const { code, stdout, stderr } = await runCliInProcess([
      '--cwd',
      path.join(repoRoot, 'fixtures/layouts/use-database-resolution'),
      '--rule',
      'audit-columns:warn',
      '--format',
      'sarif',
    ]);
    expect(code, stderr).toBe(1);
    const driver = (
      JSON.parse(stdout) as { runs: Array<{ tool: { driver: { informationUri: string; rules: Array<{ id: string; helpUri: string }> } } }> }
    ).runs[0].tool.driver;
    expect(driver.informationUri).toBe(repository);
    expect(driver.rules.map((rule) => rule.id)).toEqual(expect.arrayContaining(Object.keys(ruleRegistry)));
    for (const rule of driver.rules) expect(rule.helpUri).toBe(`${repository}/blob/main/rules/${rule.id}.md`);
  });
});
