/**
 * One table design, many copies (HELDOUT10 #6): a schema kept once per engine and an extension's install script of
 * every released version repeat each CREATE TABLE; a naming finding is reported once, at the first copy, with the
 * others as related locations. Different tables, different components and suppressed copies stay apart.
 */
import { describe, expect, it } from 'vitest';
import timestampColumns from '../../rules/timestamp-columns.js';
import { copyFolder, foldDesignCopies } from '../../src/engine/design-copies.js';
import type { Diagnostic } from '../../src/engine/types.js';
import { runCase } from '../rule-tester.js';

const USERS = 'CREATE TABLE users (\n  user_id INT PRIMARY KEY,\n  username VARCHAR(128) NOT NULL\n);\n';
const where = (d: Diagnostic) => [d.ruleId, d.file, d.line, d.column, d.endLine, d.endColumn, d.message];

describe('naming findings of copies of one design', () => {
  it('reports per-engine copies in one service once, at the first copy, the others as related locations', async () => {
    const diagnostics = await runCase(timestampColumns, {
      filename: 'services/webmail/SQL/mysql.initial.sql',
      code: USERS,
      files: {
        'services/webmail/package.json': JSON.stringify({ name: 'webmail', dependencies: { mysql2: '^3.0.0' } }),
        'services/webmail/SQL/postgres.initial.sql': `-- PostgreSQL\n${USERS}`,
        // An engine read by its tokens only (SQLite here) has no columns to judge: the copies are of parsed engines.
        'services/webmail/SQL/postgres/users.sql': USERS,
      },
      config: { services: [{ name: 'webmail', roots: ['services/webmail'] }] },
    });
    expect(diagnostics.map(where)).toEqual([
      ['timestamp-columns', 'services/webmail/SQL/mysql.initial.sql', 1, 14, 1, 19, "Table 'users' has no 'created_at' column."],
      ['timestamp-columns', 'services/webmail/SQL/mysql.initial.sql', 1, 14, 1, 19, "Table 'users' has no 'updated_at' column."],
    ]);
    expect(diagnostics[0].related?.map((r) => [r.file, r.range.line, r.range.column, r.range.endLine, r.range.endColumn])).toEqual([
      ['services/webmail/SQL/postgres.initial.sql', 2, 14, 2, 19],
      ['services/webmail/SQL/postgres/users.sql', 1, 14, 1, 19],
    ]);
  });

  it("folds an extension's install scripts of every version (outside every service), not another extension's table", async () => {
    const diagnostics = await runCase(timestampColumns, {
      filename: 'extensions/pglogical/pglogical--1.0.0.sql',
      code: USERS,
      files: {
        'extensions/pglogical/pglogical--2.4.2.sql': `SELECT 1;\n${USERS}`,
        'extensions/pgq/pgq.sql': USERS,
      },
      config: {},
    });
    const created = diagnostics.filter((d) => d.message.includes("'created_at'"));
    expect(created.map(where)).toEqual([
      ['timestamp-columns', 'extensions/pglogical/pglogical--1.0.0.sql', 1, 14, 1, 19, "Table 'users' has no 'created_at' column."],
      ['timestamp-columns', 'extensions/pgq/pgq.sql', 1, 14, 1, 19, "Table 'users' has no 'created_at' column."],
    ]);
    expect(created[0].related?.map((r) => [r.file, r.range.line, r.range.column, r.range.endLine, r.range.endColumn])).toEqual([
      ['extensions/pglogical/pglogical--2.4.2.sql', 2, 14, 2, 19],
    ]);
    expect(created[1].related).toBeUndefined();
  });
});

describe('foldDesignCopies', () => {
  const d = (file: string, message: string, extra: Partial<Diagnostic> = {}): Diagnostic => ({
    ruleId: 'timestamp-columns',
    messageId: 'missing',
    message,
    severity: 'warn',
    file,
    line: 3,
    column: 14,
    endLine: 3,
    endColumn: 18,
    fingerprint: file,
    ...extra,
  });

  it('keeps different tables, other rules, suppressed copies and copies carrying a fix apart', () => {
    const input = [
      d('db/mysql/schema.sql', "Table 'a' has no 'created_at' column."),
      d('db/postgresql/schema.sql', "Table 'a' has no 'created_at' column.", { suppressed: { kind: 'inSource' } }),
      d('db/postgresql/schema.sql', "Table 'b' has no 'created_at' column."),
      d('db/sqlite/schema.sql', "Table 'a' has no 'created_at' column.", { ruleId: 'unknown-table' }),
      d('db/sqlite/schema.sql', "Table 'a' has no 'created_at' column.", { fix: { edits: [] } as never }),
      d('other/schema.sql', "Table 'a' has no 'created_at' column."),
    ];
    const out = foldDesignCopies(
      input,
      (id) => id === 'timestamp-columns',
      () => undefined,
    );
    expect(out).toEqual(input);
  });

  it('sets engine names aside in folder names, not words that merely contain one', () => {
    expect(copyFolder('raddb/sql/main/postgresql/schema.sql')).toBe('raddb/sql/main/*');
    expect(copyFolder('modules/gmysqlbackend/schema.mysql.sql')).toBe('modules/g*backend');
    expect(copyFolder('modules/gsqlite3backend/schema.sql')).toBe('modules/g*backend');
    expect(copyFolder('lib/db_ido_pgsql/schema/upgrade/x.sql')).toBe('lib/db_ido_*/schema/upgrade');
    expect(copyFolder('sql/pg/upgrade/x.sql')).toBe('sql/*/upgrade');
  });
});
