import { describe, expect, it } from 'vitest';
import type { DialectMarker } from '../../../src/analysis/facts.js';
import { readFileSync } from 'node:fs';
import { analyzeSql, initSqlParsers } from '../../../src/analysis/sql/index.js';
import { MARKER_WORDS } from '../../../src/analysis/sql/markers.js';
import { at } from './helpers.js';

await initSqlParsers();

const markersOf = (sql: string, dialect: 'mysql' | 'postgresql'): DialectMarker[] =>
  analyzeSql(sql, dialect).statements.flatMap((s) => s.dialectMarkers);

describe('dialect markers', () => {
  const mysqlDdl =
    "CREATE TABLE `t` (`id` INT UNSIGNED AUTO_INCREMENT, flag TINYINT(1), n MEDIUMINT, kind ENUM('a'), ts TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, note TEXT COMMENT 'x', KEY k_n (n)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
  const expectedMysql: DialectMarker[] = [
    { dialect: 'mysql', feature: 'backtick identifier', span: at(mysqlDdl, '`t`') },
    { dialect: 'mysql', feature: 'UNSIGNED', span: at(mysqlDdl, 'UNSIGNED') },
    { dialect: 'mysql', feature: 'AUTO_INCREMENT', span: at(mysqlDdl, 'AUTO_INCREMENT') },
    { dialect: 'mysql', feature: 'TINYINT', span: at(mysqlDdl, 'TINYINT') },
    { dialect: 'mysql', feature: 'MEDIUMINT', span: at(mysqlDdl, 'MEDIUMINT') },
    { dialect: 'mysql', feature: 'ENUM column type', span: at(mysqlDdl, 'ENUM') },
    { dialect: 'mysql', feature: 'ON UPDATE CURRENT_TIMESTAMP', span: at(mysqlDdl, 'ON UPDATE CURRENT_TIMESTAMP') },
    { dialect: 'mysql', feature: "inline COMMENT '…'", span: at(mysqlDdl, 'COMMENT') },
    { dialect: 'mysql', feature: 'inline KEY', span: { start: at(mysqlDdl, 'KEY k_n').start, end: at(mysqlDdl, 'KEY k_n').start + 3 } },
    { dialect: 'mysql', feature: 'ENGINE=', span: at(mysqlDdl, 'ENGINE') },
    { dialect: 'mysql', feature: 'DEFAULT CHARSET', span: at(mysqlDdl, 'DEFAULT CHARSET') },
  ];

  it('marks MySQL-only tokens at exact offsets', () => {
    expect(markersOf(mysqlDdl, 'mysql')).toEqual(expectedMysql);
    // One backtick marker per statement, not one per identifier.
    expect(markersOf(mysqlDdl, 'mysql').filter((m) => m.feature === 'backtick identifier')).toHaveLength(1);
  });

  it('finds the same markers whatever the analysed dialect', () => {
    expect(markersOf(mysqlDdl, 'postgresql')).toEqual(expectedMysql);
  });

  it('marks PostgreSQL-only tokens at exact offsets', () => {
    const sql = [
      'CREATE TABLE s (id SERIAL PRIMARY KEY, b BIGSERIAL, j JSONB, raw BYTEA, seen TIMESTAMPTZ, serial VARCHAR(20));',
      "SELECT id::text FROM s WHERE serial ILIKE 'a%' AND s.jsonb IS NULL;",
      "INSERT INTO s (j) VALUES ('{}') RETURNING id;",
      'CREATE EXTENSION IF NOT EXISTS pgcrypto;',
      'CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1 $body$ LANGUAGE plpgsql;',
    ].join('\n');
    // Plain SERIAL is valid MySQL too (BIGINT UNSIGNED AUTO_INCREMENT UNIQUE): no marker.
    expect(markersOf(sql, 'postgresql')).toEqual([
      { dialect: 'postgresql', feature: 'BIGSERIAL', span: at(sql, 'BIGSERIAL') },
      { dialect: 'postgresql', feature: 'JSONB', span: at(sql, 'JSONB') },
      { dialect: 'postgresql', feature: 'BYTEA', span: at(sql, 'BYTEA') },
      { dialect: 'postgresql', feature: 'TIMESTAMPTZ', span: at(sql, 'TIMESTAMPTZ') },
      { dialect: 'postgresql', feature: ':: cast', span: at(sql, '::') },
      { dialect: 'postgresql', feature: 'ILIKE', span: at(sql, 'ILIKE') },
      { dialect: 'postgresql', feature: 'RETURNING', span: at(sql, 'RETURNING') },
      { dialect: 'postgresql', feature: 'CREATE EXTENSION', span: at(sql, 'CREATE EXTENSION') },
      { dialect: 'postgresql', feature: 'dollar quoting', span: at(sql, '$body$') },
      { dialect: 'postgresql', feature: 'LANGUAGE plpgsql', span: at(sql, 'LANGUAGE plpgsql') },
    ]);
    // The same text analysed as MySQL reports the same PostgreSQL features.
    expect(markersOf(sql, 'mysql').map((m) => m.feature)).toEqual(markersOf(sql, 'postgresql').map((m) => m.feature));
  });

  it("marks RETURNING only as a statement's clause, not inside MySQL's JSON_VALUE(… RETURNING type)", () => {
    const sql = "SELECT JSON_VALUE(doc, '$.name' RETURNING CHAR) FROM t;\nUPDATE t SET a = 1 RETURNING id;";
    expect(markersOf(sql, 'mysql')).toEqual([{ dialect: 'postgresql', feature: 'RETURNING', span: at(sql, 'RETURNING', 1) }]);
  });

  it('marks one-dialect statement forms and column types', () => {
    const sql = [
      'INSERT IGNORE INTO a (x) VALUES (1) ON DUPLICATE KEY UPDATE x = 2;',
      'REPLACE INTO a (x) VALUES (1);',
      'INSERT INTO b (x) VALUES (1) ON CONFLICT (x) DO NOTHING;',
      'CREATE TABLE "c" (id UUID, tags TEXT[], at TIMESTAMP WITH TIME ZONE, d DATETIME, body LONGTEXT, n INT(11), serial_no SERIAL, uuid VARCHAR(36));',
    ].join('\n');
    expect(markersOf(sql, 'postgresql').map((m) => [m.dialect, m.feature, sql.slice(m.span.start, m.span.end)])).toEqual([
      ['mysql', 'INSERT IGNORE', 'INSERT IGNORE'],
      ['mysql', 'ON DUPLICATE KEY UPDATE', 'ON DUPLICATE KEY UPDATE'],
      ['mysql', 'REPLACE INTO', 'REPLACE INTO'],
      ['postgresql', 'ON CONFLICT', 'ON CONFLICT'],
      ['postgresql', 'double-quoted identifier', '"c"'],
      ['postgresql', 'UUID', 'UUID'],
      ['postgresql', 'array type', 'TEXT'],
      ['postgresql', 'TIMESTAMP WITH TIME ZONE', 'TIMESTAMP'],
      ['mysql', 'DATETIME', 'DATETIME'],
      ['mysql', 'LONGTEXT', 'LONGTEXT'],
      ['mysql', 'INT(n) display width', 'INT'],
    ]);
  });

  it('marks # comments (attached to the next statement) and DELIMITER lines', () => {
    const sql = '# setup\nSELECT 1;\nDELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;';
    const { statements } = analyzeSql(sql, 'mysql');
    expect(statements.map((s) => s.dialectMarkers)).toEqual([
      [{ dialect: 'mysql', feature: '# comment', span: { start: 0, end: 1 } }],
      [{ dialect: 'mysql', feature: 'DELIMITER', span: at(sql, 'DELIMITER', 0) }],
      [],
      [{ dialect: 'mysql', feature: 'DELIMITER', span: at(sql, 'DELIMITER', 1) }],
    ]);
  });

  it('marks # comments before a statement and inside it in text order', () => {
    const sql = '# before\n# again\nSELECT id # inside\nFROM t;';
    const [statement] = analyzeSql(sql, 'mysql').statements;
    expect(statement.dialectMarkers.map((m) => m.span.start)).toEqual([0, sql.indexOf('# again'), sql.indexOf('# inside')]);
  });

  it('passes over only words that no rule of the scan reads', () => {
    // A word outside MARKER_WORDS is skipped before the scan looks at it: every word a rule below reads must be in it.
    const source = readFileSync(new URL('../../../src/analysis/sql/markers.ts', import.meta.url), 'utf8');
    const scan = source.slice(source.indexOf('export function scanMarkers'));
    const cases = [...scan.matchAll(/^\s*case '([A-Z_]+)':/gm)].map((m) => m[1]);
    const mapped = [...source.matchAll(/^\s*\['([A-Z_]+)', '[A-Z_]+'\],$/gm)].map((m) => m[1]);
    expect(cases.length).toBeGreaterThan(10);
    expect(mapped).toHaveLength(11);
    expect([...MARKER_WORDS].sort()).toEqual([...new Set([...cases, ...mapped])].sort());
  });
});
