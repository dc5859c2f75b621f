/**
 * Naming rules on a service whose only engine is SQLite (no parser here: its DDL is read from tokens) apply as on any
 * other service, and valid SQLite is no finding: INTEGER PRIMARY KEY AUTOINCREMENT, WITHOUT ROWID, a composite key,
 * sqlite_sequence read from code (issue 14, naming rules on SQLite-only services).
 */
import { describe, expect, it } from 'vitest';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';
import { ruleRegistry } from '../../rules/index.js';

const MIGRATION = [
  'CREATE TABLE notes_items (',
  '  id INTEGER PRIMARY KEY AUTOINCREMENT,',
  '  title TEXT NOT NULL,',
  '  is_done INTEGER NOT NULL DEFAULT 0,',
  '  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,',
  '  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP',
  ');',
  'CREATE TABLE notes_tags (',
  '  notes_item_id INTEGER NOT NULL REFERENCES notes_items(id),',
  '  tag TEXT NOT NULL,',
  '  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,',
  '  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,',
  '  PRIMARY KEY (notes_item_id, tag)',
  ') WITHOUT ROWID;',
  'CREATE INDEX idx_notes_tags_tag ON notes_tags (tag);',
  '',
].join('\n');

async function findings(migration: string) {
  const tree = memoryTree(
    {
      'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['services/*'] }),
      'services/notes/package.json': JSON.stringify({ name: 'notes', private: true, dependencies: { 'better-sqlite3': '^11.0.0' } }),
      'services/notes/migrations/V1__init.sql': migration,
      'services/notes/src/db.ts': [
        "import Database from 'better-sqlite3';",
        "const db = new Database('notes.db');",
        "export const all = () => db.prepare('SELECT id, title FROM notes_items').all();",
        'export const seq = () => db.prepare("SELECT seq FROM sqlite_sequence WHERE name = \'notes_items\'").get();',
        '',
      ].join('\n'),
    },
    { root: '/sqlite-naming' },
  );
  const run = await lint({ cwd: tree.root, tree });
  expect(run.internalErrors).toEqual([]);
  // Every rule at its default severity: cross-service, unknown-table and naming alike.
  return run.diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`);
}

describe('naming rules on a SQLite-only service', () => {
  it('valid SQLite on the audit standard: no finding from any rule', async () => {
    expect(await findings(MIGRATION)).toEqual([]);
    // The naming rules did run on the service (they are on by default).
    for (const id of ['identifier-case', 'index-name', 'foreign-key-column-name', 'timestamp-columns'])
      expect(ruleRegistry[id].meta.defaultSeverity).not.toBe('off');
  });

  it('a departure is reported as on any other engine, at the name', async () => {
    const migration = `${MIGRATION}CREATE TABLE notes_Flags (id INTEGER PRIMARY KEY, created_at TEXT, updated_at TEXT);\nCREATE INDEX flags_by_id ON notes_Flags (id);\n`;
    expect(await findings(migration)).toEqual([
      'identifier-case services/notes/migrations/V1__init.sql:16:14-16:25',
      'index-name services/notes/migrations/V1__init.sql:17:14-17:25',
    ]);
  });
});
