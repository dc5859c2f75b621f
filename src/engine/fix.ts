/**
 * Fixes and suggestions, with ESLint's semantics: a fix is safe and `--fix` applies it; a
 * suggestion changes behaviour (or writes a new file) and is only offered — in JSON and SARIF
 * output and as editor code actions. Both are plain data, so every consumer (the fixer, the
 * reporters, the language server) reads the same changes.
 */

/** One text replacement; offsets are UTF-16 offsets into the file's text as the linter read it, `end` exclusive. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** One change; `file` and `to` are repo-relative posix paths. */
export type FileChange =
  | { kind: 'edit'; file: string; edits: TextEdit[] }
  | { kind: 'create'; file: string; text: string }
  | { kind: 'rename'; file: string; to: string };

/** ESLint's `--fix-type` values: which kind of change a rule's fixes make. */
export type FixKind = 'problem' | 'suggestion' | 'layout' | 'directive';

export const FIX_KINDS: readonly FixKind[] = ['problem', 'suggestion', 'layout', 'directive'];

export interface Fix {
  /** The rule's message id for the description, when it comes from `meta.messages`. */
  messageId?: string;
  /** What applying it does, one sentence: "Replace 'sslmode=disable' with 'sslmode=require'.". */
  description: string;
  changes: FileChange[];
}

/**
 * A fix whose changes are worth computing only when someone asks for them (they parse the file
 * again, say): the pipeline resolves it when the output carries suggestions or `--fix` applies fixes,
 * so a plain lint run never pays for it.
 */
export interface DeferredFix {
  messageId?: string;
  description: string;
  compute(): Promise<FileChange[]> | FileChange[];
}

export type FixSource = Fix | DeferredFix;

export function isDeferred(source: FixSource): source is DeferredFix {
  return typeof (source as DeferredFix).compute === 'function';
}
