/**
 * Fixes and suggestions as code actions: offsets (UTF-16, into the text the linter read) become
 * positions of that text, edits of the open document carry the version its run read, and file
 * creations and renames are offered only to clients that can apply them. Applying the produced
 * edits must give exactly the text the fix describes.
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeActionParams, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import { codeActionsFor, type CodeActionContext, type EditCapabilities } from '../../src/commands/lsp-code-actions.js';
import type { EditorRun } from '../../src/editor-session.js';
import type { Diagnostic, Fix } from '../../src/engine/types.js';
import type { LintRun } from '../../src/lint.js';

const ROOT = '/repo';
const FILE = 'services/billing/src/repo.ts';
const URI = 'file:///repo/services/billing/src/repo.ts';
const CONFIG = 'nilecare-lint.config.json';
// A line with an astral character before the finding: UTF-16 offsets count it as two units.
const TEXT = '// 🩺 billing\nconst pool = connect({ rejectUnauthorized: false });\n';
const CONFIG_TEXT = '{\n  "services": []\n}\n';

const at = (needle: string) => TEXT.indexOf(needle);
const falseAt = at('false');

const fix: Fix = {
  description: "Replace 'false' with 'true'.",
  changes: [{ kind: 'edit', file: FILE, edits: [{ start: falseAt, end: falseAt + 'false'.length, text: 'true' }] }],
};
const allowList: Fix = {
  description: 'Record an allow-list entry in the config.',
  changes: [
    {
      kind: 'edit',
      file: CONFIG,
      edits: [{ start: CONFIG_TEXT.indexOf('[]'), end: CONFIG_TEXT.indexOf('[]') + 2, text: '[{ "name": "billing" }]' }],
    },
  ],
};
const newMigration: Fix = {
  description: 'Write a migration that renames the column.',
  changes: [{ kind: 'create', file: 'services/billing/migrations/V2__rename.sql', text: 'ALTER TABLE t RENAME COLUMN a TO b;\n' }],
};
const renameMigration: Fix = {
  description: 'Rename the migration to V3__x.sql.',
  changes: [{ kind: 'rename', file: 'services/billing/migrations/v3_x.sql', to: 'services/billing/migrations/V3__x.sql' }],
};
const escaping: Fix = { description: 'Writes outside.', changes: [{ kind: 'create', file: '../elsewhere.sql', text: '' }] };

const diagnostic: Diagnostic = {
  ruleId: 'no-insecure-db-tls',
  messageId: 'rejectUnauthorized',
  message: 'TLS certificate checks are off.',
  severity: 'error',
  file: FILE,
  line: 2,
  column: falseAt - TEXT.indexOf('\n'),
  endLine: 2,
  endColumn: falseAt - TEXT.indexOf('\n') + 5,
  fingerprint: 'fp-tls',
  fix,
  suggestions: [allowList, newMigration, renameMigration, escaping],
};
const elsewhere: Diagnostic = {
  ...diagnostic,
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 3,
  fingerprint: 'fp-other',
  fix: undefined,
  suggestions: [fix],
};

const everything: EditCapabilities = { documentChanges: true, create: true, rename: true };

function context(edits: EditCapabilities = everything): CodeActionContext {
  const run = {
    location: { projectRoot: ROOT },
    run: {} as LintRun,
    textOf: (file: string) => ({ [FILE]: TEXT, [CONFIG]: CONFIG_TEXT })[file],
  };
  return { run: run as unknown as EditorRun, uri: URI, version: 7, edits };
}

const params = (overrides: Partial<CodeActionParams['context']> = {}, line = 1): CodeActionParams => ({
  textDocument: { uri: URI },
  range: { start: { line, character: 44 }, end: { line, character: 44 } },
  context: { diagnostics: [], ...overrides },
});

/** Applies a WorkspaceEdit's text edits to the texts they address (by URI). */
function apply(edit: WorkspaceEdit, texts: Record<string, string>): Record<string, string> {
  const out = { ...texts };
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) continue;
    const { uri } = (change as TextDocumentEdit).textDocument;
    out[uri] = TextDocument.applyEdits(TextDocument.create(uri, 'x', 0, out[uri] ?? ''), (change as TextDocumentEdit).edits as never);
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {}))
    out[uri] = TextDocument.applyEdits(TextDocument.create(uri, 'x', 0, out[uri] ?? ''), edits);
  return out;
}

describe('code actions', () => {
  it('offers the fix (preferred) and each suggestion a client with file operations can apply, never one leaving the project', () => {
    const actions = codeActionsFor([diagnostic, elsewhere], params(), context());
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false])).toEqual([
      ["Replace 'false' with 'true'.", 'quickfix', true],
      ['Record an allow-list entry in the config.', 'quickfix', false],
      ['Write a migration that renames the column.', 'quickfix', false],
      ['Rename the migration to V3__x.sql.', 'quickfix', false],
    ]);
    expect(actions[0].diagnostics?.map((d) => d.code)).toEqual(['no-insecure-db-tls']);
  });

  it('edits map UTF-16 offsets to positions and apply to exactly the fixed text; the open document is versioned', () => {
    const [fixAction, allowAction, createAction, renameAction] = codeActionsFor([diagnostic], params(), context());
    const edit = fixAction.edit!;
    expect(edit.documentChanges).toEqual([
      {
        textDocument: { uri: URI, version: 7 },
        edits: [{ range: { start: { line: 1, character: 43 }, end: { line: 1, character: 48 } }, newText: 'true' }],
      },
    ]);
    expect(apply(edit, { [URI]: TEXT })[URI]).toBe('// 🩺 billing\nconst pool = connect({ rejectUnauthorized: true });\n');
    const configUri = 'file:///repo/nilecare-lint.config.json';
    expect((allowAction.edit!.documentChanges![0] as TextDocumentEdit).textDocument).toEqual({ uri: configUri, version: null });
    expect(apply(allowAction.edit!, { [configUri]: CONFIG_TEXT })[configUri]).toBe('{\n  "services": [{ "name": "billing" }]\n}\n');
    const created = 'file:///repo/services/billing/migrations/V2__rename.sql';
    expect(createAction.edit!.documentChanges![0]).toEqual({
      kind: 'create',
      uri: created,
      options: { overwrite: false, ignoreIfExists: false },
    });
    expect(apply(createAction.edit!, {})[created]).toBe('ALTER TABLE t RENAME COLUMN a TO b;\n');
    expect(renameAction.edit!.documentChanges).toEqual([
      {
        kind: 'rename',
        oldUri: 'file:///repo/services/billing/migrations/v3_x.sql',
        newUri: 'file:///repo/services/billing/migrations/V3__x.sql',
        options: { overwrite: false, ignoreIfExists: false },
      },
    ]);
  });

  it('a client without file operations gets only the text edits; one without documentChanges gets plain changes', () => {
    const editsOnly = codeActionsFor([diagnostic], params(), context({ documentChanges: true, create: false, rename: false }));
    expect(editsOnly.map((a) => a.title)).toEqual(["Replace 'false' with 'true'.", 'Record an allow-list entry in the config.']);
    const plain = codeActionsFor([diagnostic], params(), context({ documentChanges: false, create: false, rename: false }));
    expect(plain[0].edit).toEqual({
      changes: { [URI]: [{ range: { start: { line: 1, character: 43 }, end: { line: 1, character: 48 } }, newText: 'true' }] },
    });
  });

  it('answers for the diagnostics the client names, else for those touching the range; not for other kinds', () => {
    const named = codeActionsFor(
      [diagnostic, elsewhere],
      params({ diagnostics: [{ range: params().range, message: '', data: { fingerprint: 'fp-other' } }] }),
      context(),
    );
    expect(named.map((a) => a.diagnostics?.[0].range.start.line)).toEqual([0]);
    expect(codeActionsFor([diagnostic], params({}, 0), context())).toEqual([]);
    expect(codeActionsFor([diagnostic], params({ only: ['source.organizeImports'] }), context())).toEqual([]);
    expect(codeActionsFor([diagnostic], params({ only: ['quickfix'] }), context())).toHaveLength(4);
  });

  it('offers nothing for a file whose text is unknown (its offsets could not be placed)', () => {
    const unknown: Diagnostic = {
      ...diagnostic,
      suggestions: [{ description: 'x', changes: [{ kind: 'edit', file: 'gone.ts', edits: [{ start: 0, end: 0, text: 'x' }] }] }],
      fix: undefined,
    };
    expect(codeActionsFor([unknown], params(), context())).toEqual([]);
  });
});
