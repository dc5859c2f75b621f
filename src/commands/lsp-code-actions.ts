/**
 * Code actions: a finding's fix (preferred) and its suggestions — the disable-with-reason
 * comment among them — as WorkspaceEdits. Fixes speak in UTF-16 offsets into the text the
 * linter read; the edit speaks in positions of the same text, so an action is offered only for
 * the document version its run read (the client refuses a versioned edit on any other).
 */
import path from 'node:path';
import type * as Lsp from 'vscode-languageserver';
import { computeLineStarts, positionAt } from '../analysis/text.js';
import { insideRoot } from '../config/locate.js';
import type { EditorRun } from '../editor-session.js';
import type { Diagnostic, FileChange, Fix } from '../engine/types.js';
import { fileUri, lspRange, toLspDiagnostic, type DiagnosticData } from './lsp-convert.js';

/** What the client can apply (`workspace.workspaceEdit` capabilities). */
export interface EditCapabilities {
  documentChanges: boolean;
  create: boolean;
  rename: boolean;
}

export interface CodeActionContext {
  run: EditorRun;
  /** The document asked about, and the version the run read. */
  uri: string;
  version: number;
  edits: EditCapabilities;
}

const QUICK_FIX = 'quickfix';

function intersects(a: Lsp.Range, b: Lsp.Range): boolean {
  const before = (p: Lsp.Position, q: Lsp.Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** The findings a request is about: those the client names (by fingerprint), else those touching its range. */
function selected(diagnostics: readonly Diagnostic[], params: Lsp.CodeActionParams): Diagnostic[] {
  const named = new Set(
    params.context.diagnostics.flatMap((d) => {
      const data = d.data as Partial<DiagnosticData> | undefined;
      return typeof data?.fingerprint === 'string' ? [data.fingerprint] : [];
    }),
  );
  if (named.size > 0) return diagnostics.filter((d) => named.has(d.fingerprint));
  return diagnostics.filter((d) => intersects(lspRange(d), params.range));
}

export function codeActionsFor(
  diagnostics: readonly Diagnostic[],
  params: Lsp.CodeActionParams,
  context: CodeActionContext,
): Lsp.CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((kind) => kind === QUICK_FIX || QUICK_FIX.startsWith(`${kind}.`) || kind === '')) return [];
  const root = context.run.location.projectRoot;
  const actions: Lsp.CodeAction[] = [];
  for (const d of selected(diagnostics, params)) {
    const offered: Array<{ fix: Fix; preferred: boolean }> = [
      ...(d.fix ? [{ fix: d.fix, preferred: true }] : []),
      ...(d.suggestions ?? []).map((fix) => ({ fix, preferred: false })),
    ];
    for (const { fix, preferred } of offered) {
      const edit = workspaceEdit(fix.changes, context);
      if (!edit) continue;
      actions.push({
        title: fix.description,
        kind: QUICK_FIX,
        diagnostics: [toLspDiagnostic(d, root)],
        ...(preferred ? { isPreferred: true } : {}),
        edit,
      });
    }
  }
  return actions;
}

/** Offsets of a text → positions, with the text's line table computed once. */
function positions(text: string): (offset: number) => Lsp.Position {
  const lineStarts = computeLineStarts(text);
  return (offset) => {
    const { line, column } = positionAt(lineStarts, Math.max(0, Math.min(offset, text.length)));
    return { line: line - 1, character: column - 1 };
  };
}

/**
 * The changes as one WorkspaceEdit; undefined when the client cannot apply them (file
 * operations without `resourceOperations`), when a file's text is unknown, or when a path
 * would leave the project.
 */
export function workspaceEdit(changes: readonly FileChange[], context: CodeActionContext): Lsp.WorkspaceEdit | undefined {
  const root = context.run.location.projectRoot;
  const uriOf = (file: string) => (insideRoot(root, path.resolve(root, file)) ? fileUri(root, file) : undefined);
  const versionOf = (uri: string) => (uri === context.uri ? context.version : null);
  const documentChanges: Array<Lsp.TextDocumentEdit | Lsp.CreateFile | Lsp.RenameFile> = [];
  const plain: Record<string, Lsp.TextEdit[]> = {};
  for (const change of changes) {
    const uri = uriOf(change.file);
    if (!uri) return undefined;
    if (change.kind === 'edit') {
      const text = context.run.textOf(change.file);
      if (text === undefined) return undefined;
      const at = positions(text);
      const edits = change.edits.map((e) => ({ range: { start: at(e.start), end: at(e.end) }, newText: e.text }));
      documentChanges.push({ textDocument: { uri, version: versionOf(uri) }, edits });
      plain[uri] = [...(plain[uri] ?? []), ...edits];
    } else if (change.kind === 'create') {
      if (!context.edits.create) return undefined;
      documentChanges.push(
        { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } },
        {
          textDocument: { uri, version: null },
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: change.text }],
        },
      );
    } else {
      const to = uriOf(change.to);
      if (!to || !context.edits.rename) return undefined;
      documentChanges.push({ kind: 'rename', oldUri: uri, newUri: to, options: { overwrite: false, ignoreIfExists: false } });
    }
  }
  if (context.edits.documentChanges) return { documentChanges };
  // A client without documentChanges takes plain edits only (file operations were refused above).
  return { changes: plain };
}
