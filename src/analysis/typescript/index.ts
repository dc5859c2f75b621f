/**
 * TypeScript / JavaScript fact extractor.
 *
 * Parses with the bare TypeScript parser (`createSourceFile`: no Program, no type
 * checker), walks the AST once, and returns plain facts — embedded SQL with a map
 * back to the file, ORM table references, env defaults and reads, connection
 * configuration, connection strings, imports and comments. The AST is dropped
 * when this returns.
 */
import ts from './ts.js';
import type { CommentFact, ImportFact, ScriptFacts } from '../facts.js';
import { emptyScriptFacts } from '../script-facts.js';
import { ScriptExtractor } from './extract.js';
import { onlyImportsPossible } from './prefilter.js';
import { importedNames } from './imported-names.js';

export interface ScriptExtractOptions {
  /** Extra callee names whose string argument is SQL (project wrappers, e.g. 'run', 'dbService.run'). Matched against the last property name or the full dotted text. */
  sqlCallees?: string[];
  /** Read the imports of files that can hold nothing else with the scanner instead of a full parse (default true). */
  scanImportOnlyFiles?: boolean;
  /** Called with the parsed file before it is dropped: another reading of the same tree (a serverless.ts's config), never a second parse. */
  readTree?: (sf: ts.SourceFile) => void;
}

export { sqlOffsetToFile, sqlSpanToFile } from './segments.js';
export { HOLE_PREFIX, holePlaceholder } from './placeholder.js';

export function scriptKindFor(path: string): ts.ScriptKind {
  const lower = path.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (lower.endsWith('.js') || lower.endsWith('.mjs') || lower.endsWith('.cjs')) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** Extracts every fact of one script. Never throws: unexpected failures become `syntaxProblems`. */
export function extractScript(
  path: string,
  text: string,
  options: ScriptExtractOptions = {},
): { script: ScriptFacts; comments: CommentFact[] } {
  let extractor: ScriptExtractor | undefined;
  try {
    if (options.scanImportOnlyFiles !== false && onlyImportsPossible(text, options))
      return { script: importsByScanner(text), comments: [] };
    // No JSDoc parsing (comments are scanned from the text) and parent pointers set by a plain
    // explicit-stack pass: TypeScript's own `setParentNodes` walker costs more than the parse.
    const sf = ts.createSourceFile(path, text, PARSE_OPTIONS, /* setParentNodes */ false, scriptKindFor(path));
    setParents(sf);
    options.readTree?.(sf);
    extractor = new ScriptExtractor(sf, text, options);
    extractor.run();
    return { script: extractor.facts, comments: extractor.comments };
  } catch (error) {
    const script = extractor?.facts ?? emptyScriptFacts();
    script.syntaxProblems.push({
      message: `internal extractor error: ${(error as Error)?.message ?? String(error)}`,
      fileSpan: { start: 0, end: 0 },
    });
    return { script, comments: extractor?.comments ?? [] };
  }
}

const PARSE_OPTIONS: ts.CreateSourceFileOptions = {
  languageVersion: ts.ScriptTarget.Latest,
  jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
};
const forEachChild = ts.forEachChild;

/** Sets `parent` on every node below `sf`, without recursion. */
function setParents(sf: ts.SourceFile): void {
  const stack: ts.Node[] = [sf];
  let current: ts.Node = sf;
  const push = (child: ts.Node): void => {
    (child as { parent: ts.Node }).parent = current;
    stack.push(child);
  };
  while (stack.length > 0) {
    current = stack.pop()!;
    forEachChild(current, push);
  }
}

/**
 * The imports of a file that can hold nothing else, read by TypeScript's scanner
 * (`preProcessFile`) instead of a full parse: same facts, a fraction of the cost.
 */
function importsByScanner(text: string): ScriptFacts {
  const facts = emptyScriptFacts();
  for (const imported of ts.preProcessFile(text, /* readImportFiles */ true, /* detectJavaScriptImports */ true).importedFiles) {
    // `pos` is the opening quote; the span covers the literal with its quotes, as the full extractor's does.
    const start = imported.pos;
    const kind = importKind(text, start);
    const fileSpan = { start, end: start + imported.fileName.length + 2 };
    const names = importedNames(text, fileSpan, kind);
    facts.imports.push(names ? { specifier: imported.fileName, kind, fileSpan, names } : { specifier: imported.fileName, kind, fileSpan });
  }
  return facts;
}

/** `require('x')`, `import('x')`, or the nearest `import` / `export` keyword before the specifier. */
function importKind(text: string, specifierStart: number): ImportFact['kind'] {
  const before = text.slice(Math.max(0, specifierStart - 2000), specifierStart);
  if (/\brequire\s*\(\s*$/.test(before)) return 'require';
  if (/\bimport\s*\(\s*$/.test(before)) return 'dynamic-import';
  return before.lastIndexOf('export') > before.lastIndexOf('import') ? 'export' : 'import';
}

export { prefilterReasons, scriptMayHaveFacts } from './prefilter.js';
