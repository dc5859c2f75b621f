import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// TypeScript as src/ loads it (src/analysis/typescript/ts.ts): one copy per worker, where an import of the package
// loaded and compiled its 9 MB a second time in each worker (1.6-3.3 s of CPU at load 16).
import ts from '../src/analysis/typescript/ts.js';
import { describe, expect, it } from 'vitest';
import { layerOf } from './support/layers.js';

/**
 * The import-boundary check: data flows one way (discovery → analysis → model → rules →
 * reporters) and no layer imports one above it. ARCHITECTURE.md describes the same layers.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

const preProcessed = new Map<string, string[]>();

/** Every module specifier a module's text imports (static, dynamic, re-exports, type-only, require), pre-processed once per text. */
function specifiersOf(text: string): string[] {
  let specifiers = preProcessed.get(text);
  if (!specifiers) {
    // TypeScript's own pre-processor: real import/export/require/import() only, never code inside strings.
    specifiers = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
    preProcessed.set(text, specifiers);
  }
  return specifiers;
}

/** Relative imports (static, dynamic, re-exports, type-only) of a module, as repo-relative .ts paths. */
export function importsOf(file: string, text: string): string[] {
  return specifiersOf(text)
    .filter((s) => s.startsWith('.'))
    .map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)).replace(/\.js$/, '.ts'));
}

/** What a rule module may import besides its own layer: the rule API, the model, the facts vocabulary, shared rule helpers. */
function ruleMayImport(target: string): boolean {
  return (
    target.startsWith('src/engine/') ||
    target.startsWith('src/model/') ||
    target === 'src/analysis/facts.ts' ||
    target.startsWith('rules/support/')
  );
}

/**
 * The model is built in one place, by the pipeline (`lint.ts`): rules and commands read the built
 * model, never the builder, so its helpers never become a second source of model knowledge.
 */
const MODEL_BUILDER = 'src/model/build-model.ts';

/**
 * src/ reaches the rules through their registry alone (the pipeline runs them, the public API, print-config and init
 * list them): a helper of rules/support that src/ needs too belongs in a lower layer both import (the naming
 * convention `lint` learns spells names as the naming rules do: src/model/naming.ts).
 */
const RULE_REGISTRY = 'rules/index.ts';

/** Known bends, each to be straightened; the test fails when one disappears, so the list only shrinks. */
const KNOWN: string[] = [];

export function violations(files: Array<{ file: string; text: string }>): string[] {
  const out: string[] = [];
  for (const { file, text } of files) {
    const from = layerOf(file);
    for (const target of importsOf(file, text)) {
      if (!target.startsWith('src/') && !target.startsWith('rules/')) continue;
      const to = layerOf(target);
      const isRule = from.name === 'rules' && file !== 'rules/index.ts';
      if (isRule && to.name === 'rules') out.push(`${file} → ${target} (a rule imports another rule; shared helpers go to rules/support/)`);
      else if (isRule && !ruleMayImport(target)) out.push(`${file} → ${target} (rules see the model and the rule API, never parsers)`);
      else if (file.startsWith('src/') && target.startsWith('rules/') && target !== RULE_REGISTRY)
        out.push(`${file} → ${target} (src/ reaches the rules only through their registry, rules/index.ts)`);
      else if (to.name !== from.name && to.rank >= from.rank) out.push(`${file} → ${target} (${from.name} imports ${to.name})`);
      else if (target === MODEL_BUILDER && from.name !== 'model' && from.name !== 'pipeline')
        out.push(`${file} → ${target} (only the pipeline builds the model; read the built ProjectModel)`);
    }
  }
  return out.sort();
}

const files = [...sourceFiles('src'), ...sourceFiles('rules')].map((file) => ({
  file,
  text: readFileSync(path.join(root, file), 'utf8'),
}));

describe('import boundaries', () => {
  // Pre-processing every module is the cost here: once for both checks.
  let found: string[] | undefined;
  const ours = () => (found ??= violations(files));

  it('no layer imports one above it, and rules import only the rule API, the model and rules/support', () => {
    expect(ours().filter((v) => !KNOWN.includes(v))).toEqual([]);
  });

  it('every known bend still exists (remove it from KNOWN once straightened)', () => {
    expect(KNOWN.filter((v) => !ours().includes(v))).toEqual([]);
  });

  it('catches an upward import, a rule importing a parser and a rule importing a rule', () => {
    expect(
      violations([
        { file: 'src/analysis/x.ts', text: "import { lint } from '../lint.js';" },
        { file: 'src/model/y.ts', text: "import type { CliIo } from '../cli.js';\nconst m = await import('../engine/runner.js');" },
        { file: 'rules/a.ts', text: "import { spanToRange } from '../src/analysis/text.js';\nexport * from './b.js';" },
        { file: 'rules/b.ts', text: "import { x } from '../src/model/model.js';\nimport type { Facts } from '../src/analysis/facts.js';" },
        { file: 'src/reporters/z.ts', text: "import { lint } from '../lint.js';" },
      ]),
    ).toEqual([
      'rules/a.ts → rules/b.ts (a rule imports another rule; shared helpers go to rules/support/)',
      'rules/a.ts → src/analysis/text.ts (rules see the model and the rule API, never parsers)',
      'src/analysis/x.ts → src/lint.ts (analysis imports pipeline)',
      'src/model/y.ts → src/cli.ts (model imports entry)',
      'src/model/y.ts → src/engine/runner.ts (model imports engine)',
      'src/reporters/z.ts → src/lint.ts (reporters imports pipeline)',
    ]);
  });

  // Issue 15's list of bends, each in today's folders: the check must reject every one of them.
  it.each([
    ['src/engine/suppressions.ts', "import { lint } from '../lint.js';", 'engine imports pipeline'],
    ['src/engine/suppressions.ts', "import { ruleRegistry } from '../../rules/index.js';", 'engine imports rules'],
    ['src/analysis/analyze-file.ts', "import { readDirectives } from '../engine/directives.js';", 'analysis imports engine'],
    ['src/model/build-model.ts', "import { fingerprint } from '../engine/fingerprint.js';", 'model imports engine'],
    ['src/commands/init.ts', "import type { CliIo } from '../cli.js';", 'commands imports entry'],
    ['src/commands/map.ts', "import type { CliIo } from '../cli.js';", 'commands imports entry'],
    [
      'rules/migration-file-name.ts',
      "import { isMigrationPath } from '../src/model/build-model.js';",
      'only the pipeline builds the model',
    ],
    ['src/commands/ownership.ts', "import { isMigrationPath } from '../model/build-model.js';", 'only the pipeline builds the model'],
    ['src/commands/init-config.ts', "import { defaultPrefix } from '../model/build-model.js';", 'only the pipeline builds the model'],
    ['rules/table-prefix.ts', "import { spanToRange } from '../src/analysis/text.js';", 'never parsers'],
    ['rules/parse-error.ts', "import { SQL_LIMIT } from '../src/analysis/sql/limits.js';", 'never parsers'],
    ['rules/index-name.ts', "import { migrationVersion } from './migration-file-name.js';", 'a rule imports another rule'],
    // Session 18's bend: the learned naming convention (pipeline) read the naming rules' helpers in rules/support/.
    ['src/naming-convention.ts', "import { isCase } from '../rules/support/naming.js';", 'only through their registry'],
    ['src/commands/init-config.ts', "import { toSnakeCase } from '../../rules/support/naming.js';", 'only through their registry'],
  ])('rejects %s importing %j', (file, text, why) => {
    const found = violations([{ file, text }]);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(why);
  });

  it('lets the pipeline and the model itself import the model builder', () => {
    expect(
      violations([
        { file: 'src/lint.ts', text: "import { buildProjectModel } from './model/build-model.js';" },
        { file: 'src/model/affected.ts', text: "import { buildProjectModel } from './build-model.js';" },
      ]),
    ).toEqual([]);
  });
});

/**
 * SECURITY.md promises that every file the tool reads or writes goes through src/io, where the
 * checks are (regular files only, size caps, containment, no writes through links, atomic
 * writes). This holds it: no module outside src/io imports node:fs. Here because it reads the same
 * pre-processed imports as the layer check.
 */
describe('the file-access boundary', () => {
  const FS_MODULES = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises']);

  it('only src/io imports node:fs', () => {
    const offenders = files
      .filter(({ file }) => !file.startsWith('src/io/'))
      .filter(({ text }) => specifiersOf(text).some((specifier) => FS_MODULES.has(specifier)))
      .map(({ file }) => file);
    expect(offenders).toEqual([]);
  });

  it('the check sees an import of node:fs', () => {
    const found = specifiersOf("import { readFileSync } from 'node:fs';\nconst f = await import('fs/promises');\n");
    expect(found.filter((name) => FS_MODULES.has(name))).toEqual(['node:fs', 'fs/promises']);
  });
});

/**
 * Bends an import cannot show (issue 15): a reporter special-casing one rule (the SARIF reporter once hard-coded
 * parse-error's metadata, contradicting the rule), and a rule reading another rule's options from the config
 * (migration-file-name once read another rule's settings). Read from the modules' text.
 */
describe('rules stay opaque to reporters, each rule reads only its own options and no file’s text', () => {
  const ruleIds = readdirSync(path.join(root, 'rules'))
    .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
    .map((name) => name.slice(0, -'.ts'.length));

  /** The rule ids a module's text names as a string (`'parse-error'`, `"unknown-table"`, a template without holes). */
  function rulesNamedIn(text: string, ids: readonly string[]): string[] {
    return ids.filter((id) => text.includes(`'${id}'`) || text.includes(`"${id}"`) || text.includes(`\`${id}\``));
  }

  /** `config.rules` / `config?.rules`: the whole rules setting, every rule's options. */
  const READS_RULE_SETTINGS = /\bconfig\??\.rules\b/;
  /**
   * A rule reading a file's text itself (`file.text`, `event.file.text`): where a value sits inside its quotes or a
   * literal, and what a fix replaces, are rules/support helpers' (redact.ts, text-fixes.ts, env-fail-fast.ts).
   */
  const READS_FILE_TEXT = /\bfile\.text\b/;
  /** Reads its caller's own entry, to write an `allow` entry into the config file (a fix), never another rule's. */
  const OWN_ENTRY_EDITORS = ['rules/support/allow-entry.ts'];

  it('no reporter names a rule: every finding is formatted alike', () => {
    const named = files
      .filter(({ file }) => file.startsWith('src/reporters/'))
      .flatMap(({ file, text }) => rulesNamedIn(text, ruleIds).map((id) => `${file}: ${id}`));
    expect(ruleIds.length).toBeGreaterThan(20);
    expect(named).toEqual([]);
  });

  it('no rule reads the config’s rule settings: its options come as context.options', () => {
    const readers = files
      .filter(({ file }) => file.startsWith('rules/') && !OWN_ENTRY_EDITORS.includes(file))
      .filter(({ text }) => READS_RULE_SETTINGS.test(text))
      .map(({ file }) => file);
    expect(readers).toEqual([]);
  });

  it('no rule reads a file’s text: the facts, the events and rules/support say what is where', () => {
    const readers = files
      .filter(({ file }) => /^rules\/[^/]+\.ts$/.test(file))
      .filter(({ text }) => READS_FILE_TEXT.test(text))
      .map(({ file }) => file);
    expect(readers).toEqual([]);
  });

  it('the checks see a reporter special-casing parse-error and a rule reading another rule’s patterns', () => {
    expect(rulesNamedIn("if (d.ruleId === 'parse-error') return { level: 'error' };", ruleIds)).toEqual(['parse-error']);
    expect(rulesNamedIn('const ruleId = d.ruleId; // parse-error is a rule like any other', ruleIds)).toEqual([]);
    expect(READS_RULE_SETTINGS.test("const patterns = context.project.config.rules?.['migration-file-name'];")).toBe(true);
    expect(READS_RULE_SETTINGS.test('const patterns = context.options.patterns;')).toBe(false);
    expect(READS_FILE_TEXT.test('const at = file.text ? file.text.slice(valueSpan.start, valueSpan.end).indexOf(value) : -1;')).toBe(true);
    expect(READS_FILE_TEXT.test('const site = { file: { path: event.file.path, text: event.file.text } };')).toBe(true);
    expect(READS_FILE_TEXT.test('fingerprintText: statement.text,')).toBe(false);
  });
});
