/**
 * The recogniser (src/analysis/sql/mysql-recogniser.ts) gives node-sql-parser's answer wherever it
 * answers: every MySQL statement of the fixtures and of bench/sql-corpus, and every word the
 * parser's build spells (src/analysis/sql/mysql-grammar-words.ts, alone and as the start of a longer
 * name) in every position where the recogniser reads a name, and CREATE TABLE's types, attributes, keys and
 * options in combination, are read by both and compared. Its cost
 * is thousands of parses, so it runs with the end-to-end suites; the recogniser's own grammar is
 * tested in test/analysis/sql/mysql-recogniser.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSql, clearSqlCache, initSqlParsers } from '../../src/analysis/sql/index.js';
import { clearMysqlCaches, recogniserVerification, unreadVerification, verifyRecognised } from '../../src/analysis/sql/mysql.js';
import { MYSQL_GRAMMAR_WORDS } from '../../src/analysis/sql/mysql-grammar-words.js';
import { recogniseMysql } from '../../src/analysis/sql/mysql-recogniser.js';
import { parserRejects } from '../../src/analysis/sql/mysql-unread.js';
import { judgeMysqlStatement } from '../../src/analysis/sql/mysql-verdict.js';
import { classifyStatement, cteNames } from '../../src/analysis/sql/refs.js';
import { tokenize } from '../../src/analysis/sql/tokenizer.js';
import { significant, TokView } from '../../src/analysis/sql/tokview.js';
import { mysqlCorpusFiles } from '../support/sql-files.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Every position where the recogniser reads a name (`§`), a few to a statement: a word the parser reads otherwise in
 * one of them makes the whole statement differ.
 */
const POSITIONS = [
  'SELECT §, a.§, a §, b AS § FROM t a WHERE § = ? AND b IS NULL AND a IN (?, §) ORDER BY § DESC',
  'SELECT a FROM § JOIN §.t AS § ON §.a = 1 JOIN u § ON u.a = §.a',
  'INSERT INTO t (§, b) VALUES (?, §) ON DUPLICATE KEY UPDATE § = VALUES(§)',
  'UPDATE § SET § = ? WHERE § IS NULL',
  'DELETE FROM § WHERE a = 1',
  'WITH § AS (SELECT a FROM t) SELECT a FROM §',
  // CREATE TABLE, one or two names at a time (a word declined in one place would hide the others)
  'CREATE TABLE § (a INT)',
  'CREATE TABLE §.t (a INT)',
  'CREATE TABLE t (§ INT)',
  'CREATE TABLE t (a INT, § INT NOT NULL)',
  'CREATE TABLE t (a INT, KEY § (a))',
  'CREATE TABLE t (a INT, PRIMARY KEY (§))',
  'CREATE TABLE t (a INT, UNIQUE KEY § (a, §))',
  'CREATE TABLE t (a INT, CONSTRAINT § FOREIGN KEY (a) REFERENCES u (b))',
  'CREATE TABLE t (a INT, FOREIGN KEY (a) REFERENCES § (§))',
  'CREATE TABLE t (a INT, FOREIGN KEY (a) REFERENCES §.u (b))',
  'CREATE TABLE t (a INT) ENGINE=§',
  'CREATE TABLE t (a INT) DEFAULT CHARSET=§ COLLATE=§',
  'CREATE INDEX § ON § (§)',
  'CREATE UNIQUE INDEX i ON §.t (a, §)',
  'ALTER TABLE § ADD COLUMN § INT AFTER §',
  'ALTER TABLE §.t ADD § INT',
  'ALTER TABLE t DROP COLUMN §',
  'ALTER TABLE t ADD CONSTRAINT § FOREIGN KEY (§) REFERENCES § (a)',
  'ALTER TABLE t ADD KEY § (§), DROP COLUMN a',
];

/** Column types and attributes of CREATE TABLE, some the recogniser reads and some it must leave (`VARCHAR` without a length). */
const COLUMN_TYPES = [
  ...['INT', 'INT(11)', 'INT UNSIGNED', 'INT(10) UNSIGNED', 'INTEGER', 'INTEGER(3) UNSIGNED', 'BIGINT', 'BIGINT(20) UNSIGNED'],
  ...['SMALLINT', 'TINYINT', 'TINYINT(1)', 'DECIMAL', 'DECIMAL(10)', 'DECIMAL(12,2)', 'DECIMAL(1.5)', 'CHAR', 'CHAR(36)'],
  ...['VARCHAR', 'VARCHAR(255)', 'TEXT', 'MEDIUMTEXT', 'LONGTEXT', 'DATE', 'DATETIME', 'DATETIME(3)', 'TIMESTAMP', 'TIMESTAMP(6)'],
  ...['BOOLEAN', 'JSON', "ENUM('a')", "ENUM('a', 'b c')"],
];
const COLUMN_ATTRIBUTES = [
  ...['NOT NULL', 'NULL', 'DEFAULT 0', 'DEFAULT -1', 'DEFAULT - 1', 'DEFAULT 0.00', 'DEFAULT 1.5', "DEFAULT 'x'", "DEFAULT ''"],
  ...['DEFAULT NULL', 'DEFAULT TRUE', 'DEFAULT FALSE', 'DEFAULT CURRENT_TIMESTAMP', 'DEFAULT (UUID())', 'DEFAULT ( UUID ( ) )'],
  ...['ON UPDATE CURRENT_TIMESTAMP', 'AUTO_INCREMENT', 'PRIMARY KEY', 'UNIQUE', 'UNIQUE KEY', "COMMENT 'c'"],
];
const REFERENCE_ACTIONS = [
  '',
  ' ON DELETE CASCADE',
  ' ON DELETE RESTRICT',
  ' ON DELETE SET NULL',
  ' ON DELETE NO ACTION',
  ' ON UPDATE CASCADE',
];
const DEFINITIONS = [
  ...['PRIMARY KEY (a)', 'PRIMARY KEY (a, b)', 'KEY k (a)', 'INDEX k (a, b)', 'UNIQUE k (a)', 'UNIQUE KEY k (a)', 'UNIQUE INDEX k (a, b)'],
  ...['KEY (a)', 'UNIQUE (a)'],
  ...[
    ...REFERENCE_ACTIONS,
    ' ON DELETE CASCADE ON UPDATE SET NULL',
    ' ON UPDATE CASCADE ON DELETE CASCADE',
    ' ON DELETE SET DEFAULT',
  ].flatMap((action) => [`FOREIGN KEY (a) REFERENCES u (id)${action}`, `CONSTRAINT fk FOREIGN KEY (a, b) REFERENCES d.u (x, y)${action}`]),
];
const TABLE_OPTIONS = [
  ...['ENGINE=InnoDB', 'ENGINE=MyISAM', 'DEFAULT CHARSET=utf8mb4', 'CHARSET=utf8', 'COLLATE=utf8mb4_unicode_ci'],
  ...['DEFAULT COLLATE=utf8mb4_bin', 'AUTO_INCREMENT=100', "COMMENT='x y'", 'DEFAULT ENGINE=InnoDB'],
];

/**
 * CREATE TABLE statements made of every type with up to two attributes (in both orders), every definition, every pair of
 * options; ALTER TABLE adding each type with each attribute and each definition, at each position.
 */
function createTableStatements(): string[] {
  const out: string[] = [];
  for (const type of COLUMN_TYPES) {
    out.push(`CREATE TABLE t (c ${type})`);
    for (const first of COLUMN_ATTRIBUTES) {
      out.push(`CREATE TABLE t (c ${type} ${first})`);
      for (const second of COLUMN_ATTRIBUTES) out.push(`CREATE TABLE t (c ${type} ${first} ${second})`);
    }
  }
  for (const definition of DEFINITIONS)
    out.push(`CREATE TABLE t (a INT, b INT, ${definition})`, `CREATE TABLE IF NOT EXISTS d.t (a INT, ${definition}, b INT)`);
  for (const type of COLUMN_TYPES)
    for (const attribute of ['', ...COLUMN_ATTRIBUTES])
      for (const position of ['', ' AFTER b', ' FIRST'])
        out.push(
          `ALTER TABLE t ADD COLUMN c ${type} ${attribute}${position}`,
          `ALTER TABLE d.t ADD c ${type} ${attribute}${position}, DROP COLUMN e`,
        );
  for (const definition of DEFINITIONS)
    for (const position of ['', ' AFTER b', ' FIRST'])
      out.push(`ALTER TABLE t ADD ${definition}${position}`, `ALTER TABLE t DROP COLUMN a, ADD ${definition}, ADD COLUMN c INT${position}`);
  for (const first of TABLE_OPTIONS) {
    out.push(`CREATE TABLE t (a INT) ${first}`);
    for (const second of TABLE_OPTIONS) out.push(`CREATE TABLE t (a INT) ${first} ${second}`, `CREATE TABLE t (a INT) ${first}, ${second}`);
  }
  return out;
}

/**
 * Stored-routine statements (mysql-unread.ts): every header form it reads, with bodies the parser reads on their own,
 * and every word of the parser's grammar as each name of a trigger's header and as a routine's name.
 */
function routineStatements(): string[] {
  const definers = [
    '',
    ' OR REPLACE',
    ' DEFINER = `root`@`localhost`',
    " DEFINER='app'@'%'",
    ' DEFINER = CURRENT_USER',
    ' DEFINER=CURRENT_USER()',
    ' DEFINER = root',
  ];
  const bodies = [
    'SELECT 1',
    'SET a = 1',
    'INSERT INTO t (a) VALUES (1)',
    'UPDATE t SET a = 1',
    'DELETE FROM t',
    'BEGIN END',
    'BEGIN SELECT 1; SET NEW.a = 2; END',
  ];
  const out: string[] = [];
  for (const definer of definers)
    for (const body of bodies) {
      out.push(`CREATE${definer} PROCEDURE p() ${body}`, `CREATE${definer} PROCEDURE db.p (IN a INT, OUT b INT)\n${body}`);
      out.push(
        `CREATE${definer} FUNCTION f(a INT) RETURNS INT DETERMINISTIC ${body}`,
        `CREATE${definer} EVENT e ON SCHEDULE EVERY 1 DAY DO ${body}`,
      );
      for (const time of ['BEFORE', 'AFTER'])
        for (const event of ['INSERT', 'UPDATE', 'DELETE'])
          out.push(`CREATE${definer} TRIGGER IF NOT EXISTS trg ${time} ${event} ON \`db\`.t FOR EACH ROW ${body}`);
    }
  for (const object of ['PROCEDURE', 'FUNCTION', 'EVENT'])
    out.push(`DROP ${object} p`, `DROP ${object} IF EXISTS db.p`, `drop ${object.toLowerCase()} \`p\``);
  for (const word of MYSQL_GRAMMAR_WORDS)
    for (const spelling of [word.toLowerCase(), `${word}_x`])
      out.push(
        `CREATE TRIGGER ${spelling} BEFORE UPDATE ON t FOR EACH ROW BEGIN END`,
        `CREATE TRIGGER trg BEFORE UPDATE ON ${spelling} FOR EACH ROW BEGIN END`,
        `CREATE TRIGGER trg BEFORE UPDATE ON t FOR EACH ROW ${spelling} = 1`,
        `CREATE DEFINER = ${spelling} TRIGGER trg BEFORE UPDATE ON t FOR EACH ROW BEGIN END`,
        `CREATE PROCEDURE ${spelling}() BEGIN END`,
        `DROP PROCEDURE ${spelling}`,
      );
  return out;
}

function mismatchReport(): string[] {
  return [
    ...recogniserVerification().mismatches.map(
      (m) => `${m.statement}\n  parsed: ${JSON.stringify(m.parsed)}\n  recognised: ${JSON.stringify(m.recognised)}`,
    ),
    ...unreadVerification().mismatches.map(
      (m) =>
        `${m.statement}\n  parsed: ${JSON.stringify(m.parsed)}\n  with the parser: ${JSON.stringify(m.byParser)}\n  without: ${JSON.stringify(m.unread)}`,
    ),
  ];
}

describe('the recogniser gives the parser’s answer', () => {
  const previous = process.env.NILECARE_VERIFY_MYSQL_RECOGNISER;
  beforeAll(async () => {
    await initSqlParsers();
    process.env.NILECARE_VERIFY_MYSQL_RECOGNISER = '1';
    clearMysqlCaches();
    clearSqlCache();
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.NILECARE_VERIFY_MYSQL_RECOGNISER;
    else process.env.NILECARE_VERIFY_MYSQL_RECOGNISER = previous;
  });

  it('on the SQL of the fixtures and of bench/sql-corpus, read as MySQL', () => {
    const files = mysqlCorpusFiles(root);
    expect(files.length).toBeGreaterThan(80);
    const before = recogniserVerification().checked;
    const unreadBefore = unreadVerification().checked;
    for (const file of files) analyzeSql(readFileSync(file, 'utf8'), 'mysql');
    expect(mismatchReport()).toEqual([]);
    expect(recogniserVerification().checked - before).toBeGreaterThan(80);
    expect(unreadVerification().checked - unreadBefore).toBeGreaterThan(20);
  });

  it('for stored routines judged without the parser: every header form, with bodies it reads alone, every grammar word as a name', () => {
    const before = unreadVerification().checked;
    let unread = 0;
    for (const text of routineStatements()) {
      const v = new TokView(text, significant(tokenize(text, 'mysql')));
      if (parserRejects(text, 0, v)) unread++;
      judgeMysqlStatement({ text, start: 0, end: text.length, v, kind: classifyStatement(v, cteNames(v).mainVerbIndex) });
    }
    expect(mismatchReport()).toEqual([]);
    expect(unread).toBeGreaterThan(5_000);
    expect(unreadVerification().checked - before).toBeGreaterThan(4_000);
  }, 240_000);

  it('for CREATE TABLE’s column types, attributes (each pair, both orders), keys, foreign keys and table options, and ALTER TABLE’s', () => {
    const before = recogniserVerification().checked;
    for (const text of createTableStatements()) {
      const recognised = recogniseMysql(text, significant(tokenize(text, 'mysql')), 0, text.length);
      if (recognised) verifyRecognised(text, recognised);
    }
    expect(mismatchReport()).toEqual([]);
    expect(recogniserVerification().checked - before).toBeGreaterThan(9_000);
  }, 240_000);

  it('for every word of the parser’s grammar, alone and beginning a longer name, in every name position', () => {
    const before = recogniserVerification().checked;
    for (const word of MYSQL_GRAMMAR_WORDS) {
      for (const spelling of [word.toLowerCase(), `${word}_x`]) {
        for (const position of POSITIONS) {
          const text = position.replaceAll('§', spelling);
          const recognised = recogniseMysql(text, significant(tokenize(text, 'mysql')), 0, text.length);
          if (recognised) verifyRecognised(text, recognised);
        }
      }
    }
    expect(mismatchReport()).toEqual([]);
    expect(recogniserVerification().checked - before).toBeGreaterThan(5_000);
  }, 240_000);
});
