/**
 * SQLite SQL in a service (HELDOUT16 #2): SQLite's native drivers republished under a scope (`@louislam/sqlite3`,
 * uptime-kuma's) are the driver, and a `[bracket]`-quoted name is SQLite's syntax: a service declaring SQLite beside
 * MySQL counts such statements, parse-error stays silent; a service that declares no SQLite still gets the warning.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/parse-error.js';
import { lint } from '../../src/lint.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { driverEngine, isDataPackage, packageUnparsedEngine } from '../../src/analysis/database-packages.js';
import { ruleTester } from '../rule-tester.js';

const kuma = (dependencies: Record<string, string>) => ({
  files: { 'services/kuma/package.json': JSON.stringify({ name: 'kuma', dependencies }) },
  config: { services: [{ name: 'kuma', roots: ['services/kuma'] }] },
});
const SQLITE_AND_MARIADB = { '@louislam/sqlite3': '15.1.6', knex: '^2.4.2', mysql2: '~2.3.3' };

/** uptime-kuma's patch-group-table.sql, shortened. */
const GROUP_PATCH = [
  'BEGIN TRANSACTION;',
  'CREATE TABLE [monitor_group]',
  '(',
  '    [id]         INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,',
  '    [monitor_id] INTEGER NOT NULL REFERENCES [monitor] ([id]) ON DELETE CASCADE',
  ');',
  'CREATE INDEX [fk]',
  '    ON [monitor_group] ([monitor_id]);',
  'COMMIT;',
  '',
].join('\n');
const PRAGMA_PATCH = 'PRAGMA foreign_keys=off;\nUPDATE [group] SET status_page_id = 1 WHERE id = 2;\nPRAGMA foreign_keys=on;\n';

ruleTester.run(rule, {
  valid: [
    {
      name: "uptime-kuma's SQLite patch in a service on @louislam/sqlite3 and mysql2: `[bracket]` names and AUTOINCREMENT are SQLite's",
      filename: 'services/kuma/db/patch-group-table.sql',
      code: GROUP_PATCH,
      ...kuma(SQLITE_AND_MARIADB),
    },
    {
      name: 'PRAGMA and `UPDATE [group]` beside them: SQLite syntax, counted',
      filename: 'services/kuma/db/patch1.sql',
      code: PRAGMA_PATCH,
      ...kuma(SQLITE_AND_MARIADB),
    },
    {
      name: 'a service whose only driver is the scoped fork runs on SQLite: its SQL is read by tokens',
      filename: 'services/kuma/db/patch-group-table.sql',
      code: GROUP_PATCH,
      ...kuma({ '@louislam/sqlite3': '15.1.6', knex: '^2.4.2' }),
    },
  ],
  invalid: [
    {
      name: 'the same patch in a service on mysql2 alone: nothing says SQLite, the parse error stays',
      filename: 'services/kuma/db/patch-group-table.sql',
      code: GROUP_PATCH,
      ...kuma({ knex: '^2.4.2', mysql2: '~2.3.3' }),
      errors: [
        { messageId: 'sqlSyntax', line: 2, column: 14, endLine: 2, endColumn: 15, data: { dialect: 'MySQL' } },
        { messageId: 'sqlSyntax', line: 7, column: 14, endLine: 7, endColumn: 15, data: { dialect: 'MySQL' } },
      ],
    },
    {
      name: '`@types/sqlite3` is no driver: PRAGMA in a MySQL service is still reported',
      filename: 'services/kuma/db/patch1.sql',
      code: PRAGMA_PATCH,
      ...kuma({ '@types/sqlite3': '^3.1.0', mysql2: '~2.3.3' }),
      errors: [
        { messageId: 'sqlSyntax', line: 1, column: 8, endLine: 1, endColumn: 20, data: { dialect: 'MySQL' } },
        { messageId: 'sqlSyntax', line: 2, column: 8, endLine: 2, endColumn: 9, data: { dialect: 'MySQL' } },
        { messageId: 'sqlSyntax', line: 3, column: 8, endLine: 3, endColumn: 20, data: { dialect: 'MySQL' } },
      ],
    },
    {
      name: 'a PostgreSQL array subscript is no bracket name: an invalid statement beside it is still reported in a SQLite+pg service',
      filename: 'services/kuma/db/tags.sql',
      code: 'SELECT tags[1] FROM monitor WHERE WHERE id = 1;\n',
      ...kuma({ '@louislam/sqlite3': '15.1.6', pg: '^8.8.0' }),
      errors: [{ messageId: 'sqlSyntax', line: 1, column: 35, endLine: 1, endColumn: 40, data: { dialect: 'PostgreSQL' } }],
    },
  ],
});

describe('SQLite drivers republished under a scope (HELDOUT16 #2)', () => {
  it('are the driver they fork; @types/ and other scoped names are not', () => {
    expect(['@louislam/sqlite3', '@vscode/sqlite3', '@acme/better-sqlite3'].map(driverEngine)).toEqual(['sqlite', 'sqlite', 'sqlite']);
    expect(packageUnparsedEngine('@louislam/sqlite3')).toBe('sqlite');
    expect(isDataPackage('@louislam/sqlite3')).toBe(true);
    expect(['@types/sqlite3', '@types/better-sqlite3', '@acme/pg', '@louislam/sqlite3-extra', 'sqlite3-offline'].map(driverEngine)).toEqual(
      [undefined, undefined, undefined, undefined, undefined],
    );
  });

  it("a service on @louislam/sqlite3 and mysql2 reads its SQL files in SQLite's syntax by SQLite's tokens, counts each statement at its place, and reads their tables", async () => {
    const { files, config } = kuma(SQLITE_AND_MARIADB);
    const tree = memoryTree({
      ...files,
      'services/kuma/db/patch-group-table.sql': GROUP_PATCH,
      'services/kuma/db/patch2.sql': 'create table `group` (id INTEGER not null primary key autoincrement, name VARCHAR(255));\n',
    });
    const run = await lint({ cwd: tree.root, tree, config, suppressions: false });
    expect(run.model.serviceByName('kuma')?.dialectDecision?.engines).toEqual(['mysql', 'sqlite']);
    expect(run.diagnostics.filter((d) => d.ruleId === 'parse-error')).toEqual([]);
    // The whole file is SQLite's (its AUTOINCREMENT, its [bracket] names: sqlFileEngine), its BEGIN and COMMIT too.
    expect(run.unsupportedSql?.locations.map((l) => [l.file, l.line, l.column, l.construct])).toEqual([
      ['services/kuma/db/patch-group-table.sql', 1, 1, 'SQLite (no parser here)'],
      ['services/kuma/db/patch-group-table.sql', 2, 1, 'SQLite (no parser here)'],
      ['services/kuma/db/patch-group-table.sql', 7, 1, 'SQLite (no parser here)'],
      ['services/kuma/db/patch-group-table.sql', 9, 1, 'SQLite (no parser here)'],
      ['services/kuma/db/patch2.sql', 1, 1, 'SQLite (no parser here)'],
    ]);
    // Read from SQLite's tokens: the [bracket] table too, which MySQL's tokens lost.
    expect(run.model.serviceByName('kuma')?.createdTables.map((t) => t.table)).toEqual(['monitor_group', 'group']);
  });
});
