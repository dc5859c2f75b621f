import { describe, expect, it } from 'vitest';
import {
  embeddedDialect,
  leanDialect,
  pathEngine,
  sniffSqlDialect,
  sqlAnalysedAs,
  sqlFileDialect,
  sqlFileEngine,
} from '../../src/analysis/dialect.js';
import type { FileFacts } from '../../src/analysis/facts.js';

const none = { defaultDialect: 'mysql' as const };

describe('pathEngine: the engine a path names, nearest first, as a whole word (issue 14)', () => {
  it('reads engine folders and file names of multi-engine projects', () => {
    const cases: Array<[string, string | undefined]> = [
      ['SQL/mysql.initial.sql', 'mysql'],
      ['SQL/postgres/2016081200.sql', 'postgresql'],
      ['SQL/mssql.initial.sql', 'sqlserver'],
      ['SQL/oracle/2019092900.sql', 'oracle'],
      ['modules/gsqlite3backend/schema.sqlite3.sql', 'sqlite'],
      ['modules/gmysqlbackend/schema.mysql.sql', 'mysql'],
      ['raddb/mods-config/sql/dhcp/mssql/schema.sql', 'sqlserver'],
      ['lib/db_ido_pgsql/schema/upgrade/2.8.0.sql', 'postgresql'],
      ['schema/pgsql-upgrades/2.9.1.sql', 'postgresql'],
      ['schema/pgsql.schema.sql', 'postgresql'],
      ['db/clickhouse/migrations/01_edit_keys.sql', 'clickhouse'],
      ['src/migrations/postgresdb/1587669153312-InitialMigration.js', 'postgresql'],
      ['src/database/helpers/schema/dialects/sqlite.js', 'sqlite'],
      ['maintenance/sqlite/archives/patch-actor-table.sql', 'sqlite'],
      ['db/mariadb10/V1.sql', 'mysql'],
      // The nearest says: a MySQL file in a folder of PostgreSQL scripts.
      ['postgres/legacy.mysql.sql', 'mysql'],
      // A name naming two engines decides nothing; its folder does.
      ['sqlite/mysql.postgres.sql', 'sqlite'],
      ['mysql-to-postgres/legacy/V1.sql', undefined],
    ];
    expect(cases.map(([p]) => [p, pathEngine(p)])).toEqual(cases);
  });

  it('never a part of another word, nor a word inside a file name part', () => {
    for (const p of [
      'migrations/V1__init.sql',
      'src/pgadmin/export.sql',
      'src/oracles/price.sql',
      'migrations/migrate_from_pg.sql',
      'migrations/20240101_add_pg_trgm.js',
      'src/mysqlish/db.js',
      'sql/mysql-to-postgres.sql',
      'tsqllint.json',
      // A file name's words are its dot-separated parts: a migration written for another engine than its service's stays one.
      'migrations/001_initial_schema_postgres.sql',
      'migrations/V2__sqlite_compat.sql',
    ])
      expect([p, pathEngine(p)]).toEqual([p, undefined]);
    expect(pathEngine('db/schema.pg.sql')).toBe('postgresql');
    expect(pathEngine('db/pg/V1.sql')).toBe('postgresql');
  });
});

describe('sqlFileDialect', () => {
  it("takes the service's dialect over the path and the syntax", () => {
    const mysqlText = 'CREATE TABLE `a` (id INT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;';
    expect(sqlFileDialect('services/a/db/postgres/V1.sql', mysqlText, { ...none, serviceDialect: 'postgresql' })).toBe('postgresql');
    expect(sqlFileDialect('services/a/V1__pg.sql', 'CREATE TABLE a (j JSONB);', { ...none, serviceDialect: 'mysql' })).toBe('mysql');
  });

  it("reads the text only when the syntax decides: a cached file's text comes from disk when asked for", () => {
    const reads: string[] = [];
    const text = (path: string, sql: string) => () => (reads.push(path), sql);
    expect(sqlFileDialect('a/V1.sql', text('service', 'CREATE TABLE a (j JSONB);'), { ...none, serviceDialect: 'mysql' })).toBe('mysql');
    expect(sqlFileDialect('db/postgres/V1.sql', text('path', 'CREATE TABLE a (id INT);'), none)).toBe('postgresql');
    expect(sqlFileDialect('db/V1.sql', text('syntax', 'CREATE TABLE a (j JSONB);'), none)).toBe('postgresql');
    expect(reads).toEqual(['syntax']);
    // A cached .sql file whose service decides its dialect: the check that its analysis still holds reads nothing.
    const facts = {
      path: 'services/a/V1.sql',
      kind: 'sql',
      sql: { dialect: 'mysql', statements: [] },
      get text(): string {
        reads.push('facts');
        return 'CREATE TABLE a (j JSONB);';
      },
    } as unknown as FileFacts;
    expect(sqlAnalysedAs(facts, { ...none, serviceDialect: 'mysql' })).toBe(true);
    expect(sqlAnalysedAs(facts, none)).toBe(false);
    expect(reads).toEqual(['syntax', 'facts']);
  });

  it('falls back to the path, then the syntax, then the default when the service says nothing', () => {
    expect(sqlFileDialect('database/postgres/init.sql', 'CREATE TABLE a (id INT);', none)).toBe('postgresql');
    expect(sqlFileDialect('database/mariadb/init.sql', 'CREATE TABLE a (id INT);', { defaultDialect: 'postgresql' })).toBe('mysql');
    expect(sqlFileDialect('database/init.sql', 'CREATE TABLE a (id UUID PRIMARY KEY, at TIMESTAMPTZ);', none)).toBe('postgresql');
    expect(sqlFileDialect('database/init.sql', 'CREATE TABLE a (id INT);', { defaultDialect: 'postgresql' })).toBe('postgresql');
  });

  it('does not read DELIMITER options of valid PostgreSQL as the MySQL client command', () => {
    const copy = "COPY encounters (id, note) FROM '/tmp/e.csv' WITH (FORMAT csv, DELIMITER ';');\nCOPY a FROM stdin\nDELIMITER ',';";
    const type = "CREATE TYPE box (\n  INTERNALLENGTH = 16,\n  INPUT = box_in,\n  OUTPUT = box_out,\n  delimiter = ','\n);";
    expect(sniffSqlDialect(copy).mysql).toEqual([]);
    expect(sniffSqlDialect(type).mysql).toEqual([]);
    expect(sniffSqlDialect('DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;').mysql).toEqual(['DELIMITER']);
  });

  it('ignores comments and string literals', () => {
    expect(sniffSqlDialect("-- was `x` with AUTO_INCREMENT\nINSERT INTO a (note) VALUES ('uses JSONB and ENGINE=x');")).toEqual({
      postgresql: [],
      mysql: [],
    });
  });

  it('reads the PostgreSQL of ORM-generated migrations (Prisma, TypeORM) as PostgreSQL', () => {
    const prisma = [
      "CREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN');",
      'CREATE TABLE "users" ("id" TEXT NOT NULL, "role" "Role" NOT NULL, "created_at" TIMESTAMP(3) NOT NULL, CONSTRAINT "users_pkey" PRIMARY KEY ("id"));',
    ].join('\n');
    expect(sniffSqlDialect(prisma).postgresql).toEqual(['CREATE TYPE … AS ENUM', 'double-quoted table name']);
    const typeorm =
      'CREATE TABLE "review" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "title" character varying NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL)';
    expect(leanDialect(sniffSqlDialect(typeorm))).toBe('postgresql');
  });

  it('weighs distinct features: a ported schema with one MySQL leftover is still PostgreSQL', () => {
    const lean = sniffSqlDialect('CREATE TABLE a (id UUID PRIMARY KEY, at TIMESTAMPTZ);\nINSERT IGNORE INTO a (id) SELECT id FROM b;');
    expect(lean).toEqual({ postgresql: ['TIMESTAMPTZ', 'UUID column'], mysql: ['INSERT IGNORE'] });
    expect(leanDialect(lean)).toBe('postgresql');
    expect(leanDialect({ postgresql: ['JSONB'], mysql: ['UNSIGNED'] })).toBeUndefined();
  });

  it('does not take a column named uuid for the PostgreSQL type', () => {
    expect(sniffSqlDialect('CREATE TABLE a (id INT, uuid VARCHAR(36) NOT NULL);').postgresql).toEqual([]);
  });
});

describe('embeddedDialect', () => {
  it("takes the service's dialect, else $1 placeholders or :: casts, else the default", () => {
    expect(embeddedDialect('SELECT * FROM a WHERE id = $1', { ...none, serviceDialect: 'mysql' })).toBe('mysql');
    expect(embeddedDialect('SELECT * FROM a WHERE id = $1', none)).toBe('postgresql');
    expect(embeddedDialect('SELECT id::text FROM a', none)).toBe('postgresql');
    expect(embeddedDialect('SELECT * FROM a WHERE id = ?', none)).toBe('mysql');
  });
});

describe("a SQL file's own SQLite syntax (sqlFileEngine)", () => {
  const file = 'create table t (id INTEGER primary key autoincrement);';
  it('an unmistakable mark (AUTOINCREMENT, PRAGMA at a statement head, sqlite_master) makes it SQLite wherever its syntax may decide', () => {
    expect(sqlFileEngine(file, { defaultDialect: 'mysql', sqliteSyntax: 'strict' })).toBe('sqlite');
    expect(sqlFileEngine('SELECT 1;\nPRAGMA foreign_keys=off;', { defaultDialect: 'mysql', sqliteSyntax: 'strict' })).toBe('sqlite');
    expect(sqlFileEngine("SELECT name FROM sqlite_master WHERE type = 'table';", { defaultDialect: 'mysql', sqliteSyntax: 'strict' })).toBe(
      'sqlite',
    );
    const strict = { defaultDialect: 'mysql' as const, sqliteSyntax: 'strict' as const };
    expect(sqlFileEngine('CREATE TABLE s (id TEXT PRIMARY KEY) STRICT;', strict)).toBe('sqlite');
    expect(sqlFileEngine('CREATE TABLE s (id TEXT PRIMARY KEY) WITHOUT ROWID;', strict)).toBe('sqlite');
    expect(sqlFileEngine("SET SESSION sql_mode = 'STRICT_TRANS_TABLES';", strict)).toBeUndefined();
    // Where its service's dialect reads it (no sqliteSyntax), never.
    expect(sqlFileEngine(file, { defaultDialect: 'mysql', serviceDialect: 'mysql' })).toBeUndefined();
  });

  it('a [bracket] name counts only where the service names SQLite; comments and strings never count', () => {
    const bracketed = 'CREATE INDEX [fk] ON [monitor_group] ([monitor_id]);';
    expect(sqlFileEngine(bracketed, { defaultDialect: 'mysql', sqliteSyntax: 'any' })).toBe('sqlite');
    expect(sqlFileEngine(bracketed, { defaultDialect: 'mysql', sqliteSyntax: 'strict' })).toBeUndefined();
    const quiet =
      "-- was AUTOINCREMENT under SQLite\nINSERT INTO notes (body) VALUES ('PRAGMA [x] AUTOINCREMENT');\nSELECT tags[1], ARRAY[a] FROM posts;";
    expect(sqlFileEngine(quiet, { defaultDialect: 'postgresql', sqliteSyntax: 'any' })).toBeUndefined();
  });

  it("a service's own engine without a parser here comes first", () => {
    expect(sqlFileEngine(file, { defaultDialect: 'mysql', unparsedEngine: 'sqlserver', sqliteSyntax: 'any' })).toBe('sqlserver');
  });
});
