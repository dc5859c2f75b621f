/**
 * `--fix` and `--fix-dry-run`: lint, apply the fixes of the unsuppressed findings, lint the fixed
 * text again, until nothing is left to fix or ten passes ran (ESLint's limit). Every pass lints
 * the fixed texts in memory over the disk or the caller's tree (an overlay tree); the files are written
 * only at the end, each atomically through src/io (or the caller's writer), and only inside the repository — so a dry run and a real
 * one compute the same thing, and a run that fails half-way writes nothing.
 *
 * Only `fix`es are applied, never suggestions, and only text edits of existing files: a fix that
 * would create or rename a file is not a fix (it is offered as a suggestion).
 */
import path from 'node:path';
import { overlayTree, type SourceTree } from './io/source-tree.js';
import { writeFileAtomic } from './io/write-file-atomic.js';
import { MAX_SQL_FILE_BYTES } from './io/read-file.js';
import { FileAccessError } from './io/file-access-error.js';
import { readRegularFile } from './io/read-regular-file.js';
import { decodeText, encodeText, encodingLabel } from './io/text-encoding.js';
import { applyFixes } from './engine/apply-changes.js';
import type { Fix, FixKind } from './engine/fix.js';
import type { AnyRule, Diagnostic } from './engine/types.js';
import { lint, type LintOptions, type LintRun } from './lint.js';

/** ESLint's limit: fixes that keep producing fixes stop here. */
export const MAX_FIX_PASSES = 10;

export interface FixOptions {
  /** Apply only fixes of these kinds (`--fix-type`); all when absent. */
  fixTypes?: readonly FixKind[];
  /** Compute and report, write nothing (`--fix-dry-run`). */
  dryRun?: boolean;
}

export interface FixedFile {
  /** Repo-relative (project-relative) posix path. */
  file: string;
  before: string;
  after: string;
}

export interface FixRun {
  /** The last pass: the findings that remain after fixing. */
  run: LintRun;
  /** Files whose text the fixes changed, sorted by path. */
  fixed: FixedFile[];
  /** Lint passes run (the last one found nothing more to fix, unless `MAX_FIX_PASSES` was reached). */
  passes: number;
  /** How many fixes were applied over all passes. */
  applied: number;
  /** Files whose fixes were not written (nor shown by a dry run), and why: see `fixedBytes`. */
  refused: { file: string; reason: string }[];
}

/** The kind of a diagnostic's fix, as `--fix-type` filters it: its rule's `fixType`, 'problem' by default. */
export function fixKindOf(diagnostic: Diagnostic, rules: ReadonlyMap<string, AnyRule>): FixKind {
  return rules.get(diagnostic.ruleId)?.meta.fixType ?? 'problem';
}

/** The fixes a run would apply: of unsuppressed findings, of the wanted kinds, text edits only. */
export function fixesOf(run: Pick<LintRun, 'diagnostics' | 'rules'>, fixTypes?: readonly FixKind[]): Fix[] {
  const rules = new Map(run.rules.map(({ rule }) => [rule.meta.id, rule]));
  return run.diagnostics
    .filter((d) => d.fix && !d.suppressed && (!fixTypes || fixTypes.includes(fixKindOf(d, rules))))
    .map((d) => d.fix!)
    .filter((fix) => fix.changes.length > 0 && fix.changes.every((change) => change.kind === 'edit'));
}

export async function lintAndFix(options: LintOptions, fix: FixOptions = {}): Promise<FixRun> {
  // The fixed files are written where they were read: a tree needs the writer that stands for it (the CLI's injected files).
  if (options.tree && !options.write) throw new Error('--fix writes the files it fixes: a source tree needs a writer (`write`)');
  const base = options.tree;
  const texts = new Map<string, string>();
  const originals = new Map<string, string>();
  // Suggestions are of no use to the passes that fix: only the run reported at the end gets them.
  const passOptions = { ...options, suggestions: false };
  let run = await lint(passOptions);
  const projectRoot = run.cwd;
  let passes = 1;
  let applied = 0;
  for (;;) {
    const fixes = fixesOf(run, fix.fixTypes);
    if (fixes.length === 0 || passes >= MAX_FIX_PASSES) break;
    const read = (file: string) => texts.get(file) ?? run.model.files.find((f) => f.path === file)?.text;
    const outcome = applyFixes(fixes, read);
    if (outcome.applied.length === 0) break;
    for (const [file, text] of outcome.texts) {
      if (!originals.has(file)) originals.set(file, read(file)!);
      texts.set(file, text);
    }
    applied += outcome.applied.length;
    const tree = overlayTree(projectRoot, Object.fromEntries(texts), { disk: base });
    run = await lint({ ...passOptions, tree, factsCache: undefined, suppressions: options.suppressions && readOnly(options.suppressions) });
    passes++;
  }
  if (options.suggestions) {
    const tree = texts.size > 0 ? overlayTree(projectRoot, Object.fromEntries(texts), { disk: base }) : undefined;
    run = await lint({
      ...options,
      ...(tree ? { tree, factsCache: undefined } : {}),
      suppressions: options.suppressions && readOnly(options.suppressions),
    });
  }
  const root = run.repositoryRoot ?? projectRoot;
  const refused: FixRun['refused'] = [];
  const writes = new Map<string, Uint8Array>();
  const fixed = [...texts]
    .filter(([file, after]) => originals.get(file) !== after)
    .map(([file, after]) => ({ file, before: originals.get(file)!, after }))
    .filter(({ file, before, after }) => {
      const bytes = fixedBytes(base ? { tree: base, file } : { absolute: path.resolve(projectRoot, file), root }, before, after);
      if (typeof bytes === 'string') refused.push({ file, reason: bytes });
      else writes.set(file, bytes);
      return typeof bytes !== 'string';
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (!fix.dryRun) {
    const write = options.write ?? writeFileAtomic;
    for (const { file } of fixed) write(path.resolve(projectRoot, file), writes.get(file)!, { root, origin: 'repository' });
  }
  return { run, fixed, passes, applied, refused };
}

/**
 * The bytes to write for a fixed file: `after` in the file's own encoding, with its byte-order mark
 * (text-encoding.ts), so the bytes outside the edits stay as they were. A reason instead when that
 * cannot be promised: the file does not decode to the exact bytes it has (a UTF-16 file with an
 * odd byte or a lone surrogate), it changed since it was read, or its encoding cannot hold the fix.
 */
function fixedBytes(
  at: { absolute: string; root: string } | { tree: SourceTree; file: string },
  before: string,
  after: string,
): Uint8Array | string {
  let bytes: Buffer | undefined;
  try {
    bytes =
      'tree' in at
        ? at.tree.read(at.file, { maxBytes: MAX_SQL_FILE_BYTES })
        : readRegularFile(at.absolute, { root: at.root, maxBytes: MAX_SQL_FILE_BYTES });
  } catch (error) {
    if (!(error instanceof FileAccessError)) throw error;
    return `the file ${error.reason}`;
  }
  if (bytes === undefined) return 'the file is gone';
  const decoded = decodeText(bytes);
  if (decoded.text !== before) return 'the file changed since it was read';
  const again = encodeText(decoded.text, decoded);
  if (!again || !again.equals(bytes)) {
    return `its bytes do not decode exactly as ${encodingLabel(decoded)}, so writing it back would change bytes the fix does not touch`;
  }
  return encodeText(after, decoded) ?? `the fixed text has characters ${encodingLabel(decoded)} cannot hold`;
}

/** Later passes read the suppressions file; only the first may add or prune entries. */
function readOnly(request: NonNullable<LintOptions['suppressions']>): NonNullable<LintOptions['suppressions']> {
  if (request === false) return false;
  return { file: request.file };
}
