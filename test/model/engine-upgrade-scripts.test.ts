/**
 * Roundcube's upgrade scripts (HELDOUT10 #23): `SQL/<engine>/<YYYYMMDDNN>.sql` beside `SQL/<engine>.initial.sql`, run in
 * name order by `bin/updatedb.sh`, are versioned migrations, a sequence per engine folder; the replay retires a table every
 * engine's scripts drop, and one engine's drop leaves the tables of the others.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { memoryTree } from '../../src/io/source-tree.js';

const RULES = ['unknown-table', 'service-without-migrations', 'migration-duplicate-version', 'parse-error', 'migration-dialect-mismatch'];

const files: Record<string, string> = {
  'services/roundcube/composer.json': JSON.stringify({ name: 'roundcube/roundcubemail', require: { php: '>=7.3.0' } }),
  'services/roundcube/SQL/mysql.initial.sql':
    'CREATE TABLE `users` (`user_id` int(10) UNSIGNED NOT NULL AUTO_INCREMENT, PRIMARY KEY (`user_id`));\nCREATE TABLE `cache` (`user_id` int(10) UNSIGNED NOT NULL, `data` longtext NOT NULL);\n',
  'services/roundcube/SQL/postgres.initial.sql':
    'CREATE TABLE users (user_id serial PRIMARY KEY);\nCREATE TABLE "cache" (user_id integer NOT NULL, data text NOT NULL);\n',
  'services/roundcube/SQL/sqlite.initial.sql':
    'CREATE TABLE users (user_id integer NOT NULL PRIMARY KEY);\nCREATE TABLE cache (user_id integer NOT NULL default 0, data text NOT NULL);\n',
  // 0.1-stable's upgrade: `messages` was created by the installs of its time (no script here creates it but SQLite's rebuild).
  'services/roundcube/SQL/mysql/2008030300.sql': 'TRUNCATE TABLE `messages`;\nALTER TABLE `messages` DROP INDEX `idx`;\n',
  'services/roundcube/SQL/postgres/2008030300.sql': 'ALTER TABLE messages DROP CONSTRAINT messages_user_id_fkey;\n',
  'services/roundcube/SQL/sqlite/2008030300.sql':
    'DROP TABLE messages;\nCREATE TABLE messages (message_id integer NOT NULL PRIMARY KEY, user_id integer NOT NULL);\n',
  // 0.7's: every engine drops `messages`; only SQLite keeps a scratch table of its own.
  'services/roundcube/SQL/mysql/2011092800.sql': 'DROP TABLE `messages`;\n',
  'services/roundcube/SQL/postgres/2011092800.sql': 'DROP TABLE messages;\n',
  'services/roundcube/SQL/sqlite/2011092800.sql':
    'DROP TABLE messages;\nCREATE TABLE tmp_cache (user_id integer NOT NULL, data text NOT NULL);\n',
  // A later MySQL-only drop of the SQLite scratch table's name changes nothing of SQLite's.
  'services/roundcube/SQL/mysql/2012080700.sql': 'DROP TABLE IF EXISTS `tmp_cache`;\n',
};

async function run(tree: Record<string, string>) {
  const memory = memoryTree(tree, { root: '/roundcube' });
  const result = await lint({
    cwd: memory.root,
    tree: memory,
    config: { services: [{ name: 'roundcube', roots: ['services/roundcube'] }] },
  });
  expect(result.internalErrors).toEqual([]);
  return {
    tables: [...new Set(result.model.serviceByName('roundcube')!.createdTables.map((d) => d.table.toLowerCase()))].sort(),
    findings: result.diagnostics
      .filter((d) => RULES.includes(d.ruleId))
      .map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`),
  };
}

describe("roundcube's SQL/<engine>/<YYYYMMDDNN>.sql upgrade scripts (HELDOUT10 #23)", () => {
  it('are versioned migrations, one sequence per engine: `messages` retired, each use of it known, SQLite keeps its own table', async () => {
    const { tables, findings } = await run(files);
    expect(findings).toEqual([]);
    expect(tables).toEqual(['cache', 'tmp_cache', 'users']);
  });

  it("a use of `messages` after every engine dropped it is unknown, SQLite's own later table is known", async () => {
    const { findings } = await run({
      ...files,
      'services/roundcube/SQL/mysql/2013011000.sql': 'ALTER TABLE `messages` ADD INDEX `uid_idx` (`uid`);\n',
      'services/roundcube/SQL/sqlite/2012080700.sql': 'CREATE INDEX ix_tmp_cache ON tmp_cache (user_id);\n',
    });
    expect(findings).toEqual([
      "unknown-table services/roundcube/SQL/mysql/2013011000.sql:1:13-1:23 Table 'messages' used by service 'roundcube' is not owned or created by any service.",
    ]);
  });

  it('a name that is no date (SQL/mysql/upgrade.sql, 2011139900.sql) is no migration: the service has none, and its table stays', async () => {
    const renamed = Object.fromEntries(
      Object.entries(files).map(([p, text]) => [
        p.replace(/\/(\d{10})\.sql$/, (_, v: string) => `/${v.slice(0, 4)}13${v.slice(6)}.sql`),
        text,
      ]),
    );
    const { tables, findings } = await run(renamed);
    expect(findings).toEqual([
      "service-without-migrations services/roundcube/SQL/mysql.initial.sql:1:14-1:21 Service 'roundcube' owns tables but has no versioned migrations.",
    ]);
    expect(tables).toEqual(['cache', 'messages', 'tmp_cache', 'users']);
  });
});
