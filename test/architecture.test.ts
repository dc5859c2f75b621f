import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The import-boundary check: data flows one way (discovery → analysis → model → rules →
 * reporters) and no layer imports one above it. ARCHITECTURE.md describes the same layers.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Layers from the bottom up; a module may import its own layer and any lower one. */
export const LAYERS: Array<{ name: string; rank: number; matches: (file: string) => boolean }> = [
  { name: 'io', rank: 0, matches: (f) => f.startsWith('src/io/') },
  { name: 'config', rank: 1, matches: (f) => f.startsWith('src/config/') },
  { name: 'discovery', rank: 2, matches: (f) => f.startsWith('src/discovery/') },
  { name: 'analysis', rank: 3, matches: (f) => f.startsWith('src/analysis/') },
  { name: 'model', rank: 4, matches: (f) => f.startsWith('src/model/') },
  { name: 'engine', rank: 5, matches: (f) => f.startsWith('src/engine/') },
  { name: 'rules/support', rank: 6, matches: (f) => f.startsWith('rules/support/') },
  { name: 'rules', rank: 7, matches: (f) => f.startsWith('rules/') },
  { name: 'reporters', rank: 8, matches: (f) => f.startsWith('src/reporters/') },
  { name: 'pipeline', rank: 8, matches: (f) => /^src\/[^/]+\.ts$/.test(f) && !['src/cli.ts', 'src/index.ts'].includes(f) },
  { name: 'commands', rank: 9, matches: (f) => f.startsWith('src/commands/') },
  { name: 'entry', rank: 10, matches: (f) => f === 'src/cli.ts' || f === 'src/index.ts' },
];

export function layerOf(file: string) {
  const layer = LAYERS.find((l) => l.matches(file));
  if (!layer) throw new Error(`${file} belongs to no layer: add it to LAYERS and ARCHITECTURE.md`);
  return layer;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

/** Relative imports (static, dynamic, re-exports, type-only) of a module, as repo-relative .ts paths. */
export function importsOf(file: string, text: string): string[] {
  // TypeScript's own pre-processor: real import/export/require/import() only, never code inside strings.
  const specifiers = ts
    .preProcessFile(text, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((s) => s.startsWith('.'));
  return specifiers.map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)).replace(/\.js$/, '.ts'));
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
      else if (to.name !== from.name && to.rank >= from.rank) out.push(`${file} → ${target} (${from.name} imports ${to.name})`);
    }
  }
  return out.sort();
}

describe('import boundaries', () => {
  const files = [...sourceFiles('src'), ...sourceFiles('rules')].map((file) => ({
    file,
    text: readFileSync(path.join(root, file), 'utf8'),
  }));

  it('no layer imports one above it, and rules import only the rule API, the model and rules/support', () => {
    expect(violations(files).filter((v) => !KNOWN.includes(v))).toEqual([]);
  });

  it('every known bend still exists (remove it from KNOWN once straightened)', () => {
    const found = new Set(violations(files));
    expect(KNOWN.filter((v) => !found.has(v))).toEqual([]);
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
});
