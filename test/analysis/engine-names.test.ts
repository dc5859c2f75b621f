/**
 * Engines' names in paths are one table (src/analysis/engine-names.ts). Before, four readers kept their own lists and
 * disagreed: a file's engine (`pathEngine`) knew `pgsql`, `psql`, `timescaledb`, `mysqldb`, `tsql`, `oracledb` and
 * version digits but not CockroachDB; a migration set's engine folder knew `cockroachdb` but none of those, nor
 * `mysql8`; a SQL file's dialect outside every service knew neither `pgsql` nor `postgresdb` nor a version; Roundcube's
 * upgrade scripts knew nine names; the copies of one design knew `ndb`, `db2` and `maria`, which nothing else did.
 */
import { describe, expect, it } from 'vitest';
import { pathEngine, sqlFileDialect } from '../../src/analysis/dialect.js';
import { engineOfWord, ENGINE_NAMES_INSIDE_WORDS, isEngineWord } from '../../src/analysis/engine-names.js';
import { copyFolder } from '../../src/engine/design-copies.js';
import { engineUpgradeOrderKey, isMigrationPath, migrationVersion } from '../../src/model/migrations.js';

describe('the table', () => {
  it('reads a whole word, in any case, with a version after it', () => {
    expect(['pgsql', 'PostgreSQL', 'postgres15', 'mysql8', 'MariaDB10', 'sqlite3', 'cockroachdb', 'tsql'].map(engineOfWord)).toEqual([
      'postgresql',
      'postgresql',
      'postgresql',
      'mysql',
      'mysql',
      'sqlite',
      'postgresql',
      'sqlserver',
    ]);
    expect(['pgadmin', 'oracles', 'upgrade', 'mysqlish', 'sql', '8', ''].map(isEngineWord)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('knows an engine without a dialect here as an engine name that decides nothing', () => {
    expect(isEngineWord('db2')).toBe(true);
    expect(engineOfWord('db2')).toBeUndefined();
    expect(pathEngine('sql/db2/schema.sql')).toBeUndefined();
  });

  it("knows hosted engines by the engine whose SQL they speak (HELDOUT13 #9: jackson's `migration/planetscale/`)", () => {
    expect(['planetscale', 'Vitess', 'tidb', 'singlestore', 'memsql'].map(engineOfWord)).toEqual([
      'mysql',
      'mysql',
      'mysql',
      'mysql',
      'mysql',
    ]);
    expect(['yugabyte', 'yugabytedb', 'neon', 'crdb'].map(engineOfWord)).toEqual(['postgresql', 'postgresql', 'postgresql', 'postgresql']);
    expect(['libsql', 'turso'].map(engineOfWord)).toEqual(['sqlite', 'sqlite']);
    // Aurora is either engine: a name, no dialect.
    expect(isEngineWord('aurora')).toBe(true);
    expect(engineOfWord('aurora')).toBeUndefined();
    // Never part of a word.
    expect(['neonatal', 'planetscaled', 'tidbits', 'crdbx'].map(isEngineWord)).toEqual([false, false, false, false]);
    expect(migrationVersion('npm/migration/planetscale/1692767993709-ms_namespace.ts')?.engine).toBe('planetscale');
    expect(pathEngine('db/planetscale/schema.sql')).toBe('mysql');
    expect(pathEngine('db/yugabyte/schema.sql')).toBe('postgresql');
  });

  it('finds only the long names inside a longer name, longest first', () => {
    expect(ENGINE_NAMES_INSIDE_WORDS).not.toContain('pg');
    expect(ENGINE_NAMES_INSIDE_WORDS.indexOf('postgresql')).toBeLessThan(ENGINE_NAMES_INSIDE_WORDS.indexOf('postgres'));
  });
});

describe('answers that changed when the lists became one', () => {
  it("a file's engine: CockroachDB's SQL is PostgreSQL's, NDB and a bare `maria` are MySQL's", () => {
    // Before: undefined for each (the file's engine came from its service alone).
    expect(pathEngine('db/cockroachdb/schema.sql')).toBe('postgresql');
    expect(pathEngine('sql/ndb/schema.sql')).toBe('mysql');
    expect(pathEngine('sql/maria/schema.sql')).toBe('mysql');
  });

  it('a SQL file outside every service: `pgsql`, `postgresdb` and a version name PostgreSQL, `mysqldb` MySQL', () => {
    const plain = 'CREATE TABLE t (id INT);';
    const settings = { defaultDialect: 'mysql' as const };
    // Before: the default (mysql) for the first three; the fourth was mysql by default too, now by its path.
    expect(sqlFileDialect('db/pgsql/schema.sql', plain, settings)).toBe('postgresql');
    expect(sqlFileDialect('db/postgresdb/schema.sql', plain, settings)).toBe('postgresql');
    expect(sqlFileDialect('db/postgres15/schema.sql', plain, settings)).toBe('postgresql');
    expect(sqlFileDialect('db/mysqldb/schema.sql', plain, { defaultDialect: 'postgresql' })).toBe('mysql');
    // Unchanged: PostgreSQL wins a path naming both, and a word inside another word is none.
    expect(sqlFileDialect('mysql-to-postgres/V1.sql', plain, settings)).toBe('postgresql');
    expect(sqlFileDialect('db/upgrade/V1.sql', plain, { defaultDialect: 'postgresql' })).toBe('postgresql');
    expect(sqlFileDialect('db/pgadmin/V1.sql', plain, settings)).toBe('mysql');
  });

  it("a migration set's engine folder: `pgsql`, `timescaledb`, `mysql8`, `oracledb` (before: one sequence with every engine's)", () => {
    expect(migrationVersion('db/pgsql/migrations/V1__init.sql')?.engine).toBe('pgsql');
    expect(migrationVersion('db/timescaledb/V1__init.sql')?.engine).toBe('timescaledb');
    expect(migrationVersion('db/MySQL8/V1__init.sql')?.engine).toBe('mysql8');
    expect(migrationVersion('migrations/oracledb/V1__init.sql')?.engine).toBe('oracledb');
    // Unchanged.
    expect(migrationVersion('db/cockroachdb/V1__init.sql')?.engine).toBe('cockroachdb');
    expect(migrationVersion('db/mysql/migrations/V1__init.sql')?.engine).toBe('mysql');
    expect(migrationVersion('db/common/V1__init.sql')?.engine).toBeUndefined();
    expect(migrationVersion('db/upgrade/V1__init.sql')?.engine).toBeUndefined();
  });

  it("Roundcube's upgrade scripts in an engine folder: `pg`, `pgsql`, `cockroachdb` too (before: nine names)", () => {
    expect(engineUpgradeOrderKey('SQL/pgsql/2011092800.sql')).toBe('SQL/2011092800.sql');
    expect(engineUpgradeOrderKey('SQL/cockroachdb/2011092800.sql')).toBe('SQL/2011092800.sql');
    expect(isMigrationPath('SQL/pg/2011092800.sql', undefined)).toBe(true);
    // Unchanged.
    expect(engineUpgradeOrderKey('SQL/postgres/2011092800.sql')).toBe('SQL/2011092800.sql');
    expect(engineUpgradeOrderKey('SQL/reports/2011092800.sql')).toBeUndefined();
    expect(engineUpgradeOrderKey('2011092800.sql')).toBeUndefined();
  });

  it('the copies of one design: a version after a whole-word name (before: `sql/*8` and `sql/*15` stayed apart)', () => {
    expect(copyFolder('sql/mysql8/schema.sql')).toBe('sql/*');
    expect(copyFolder('sql/postgres15/schema.sql')).toBe('sql/*');
    expect(copyFolder('sql/cockroachdb/schema.sql')).toBe('sql/*');
    // Unchanged.
    expect(copyFolder('modules/gsqlite3backend/schema.sql')).toBe('modules/g*backend');
    expect(copyFolder('sql/ndb/x.sql')).toBe('sql/*');
    expect(copyFolder('sql/pg/upgrade/x.sql')).toBe('sql/*/upgrade');
  });
});
