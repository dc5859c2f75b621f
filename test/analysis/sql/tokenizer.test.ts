import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../../src/analysis/facts.js';
import { splitStatements } from '../../../src/analysis/sql/splitter.js';
import { identifierValue, stringValue, tokenize } from '../../../src/analysis/sql/tokenizer.js';

const toks = (sql: string, dialect: Dialect): Array<[string, string]> =>
  tokenize(sql, dialect).map((t) => [t.type, sql.slice(t.start, t.end)]);

const texts = (sql: string, dialect: Dialect): string[] => splitStatements(sql, dialect).map((s) => sql.slice(s.start, s.end));

describe('tokenizer', () => {
  it('single-quoted strings: doubled quotes everywhere, backslash escapes in MySQL only', () => {
    expect(toks("'it''s' 'a\\'b' x", 'mysql')).toEqual([
      ['string', "'it''s'"],
      ['string', "'a\\'b'"],
      ['word', 'x'],
    ]);
    // PostgreSQL standard strings: the backslash is a plain character, so the string ends at the second quote.
    expect(toks("'a\\' x", 'postgresql')).toEqual([
      ['string', "'a\\'"],
      ['word', 'x'],
    ]);
    expect(toks("E'a\\'b' N'x' X'0f'", 'postgresql')).toEqual([
      ['string', "E'a\\'b'"],
      ['string', "N'x'"],
      ['string', "X'0f'"],
    ]);
    expect(stringValue("'it''s'", tokenize("'it''s'", 'mysql')[0], true)).toBe("it's");
  });

  it('quoted identifiers: double quotes and backticks, with doubled-quote escapes', () => {
    const sql = '"My ""Table""" `odd``name`';
    const [a, b] = tokenize(sql, 'postgresql');
    expect([a.type, b.type]).toEqual(['quoted', 'quoted']);
    expect(identifierValue(sql, a)).toBe('My "Table"');
    expect(identifierValue(sql, b)).toBe('odd`name');
  });

  it('comments: --, # (MySQL only), /* */ nested in PostgreSQL only', () => {
    expect(toks("-- Worker's comp\nSELECT 1", 'mysql')).toEqual([
      ['comment', "-- Worker's comp"],
      ['word', 'SELECT'],
      ['number', '1'],
    ]);
    expect(toks("SELECT 1 # don't\n", 'mysql').map((t) => t[0])).toEqual(['word', 'number', 'comment']);
    expect(toks('SELECT 5 # 3', 'postgresql').map((t) => t[1])).toEqual(['SELECT', '5', '#', '3']);
    // PostgreSQL has no `#` comments: `#-` at the start of a line is the jsonb operator, and the rest of the line counts.
    expect(toks("SELECT doc\n#- '{a}' FROM t", 'postgresql').map((t) => t[1])).toEqual(['SELECT', 'doc', '#', '-', "'{a}'", 'FROM', 't']);
    expect(toks('/* a /* b */ c */ x', 'postgresql')).toEqual([
      ['comment', '/* a /* b */ c */'],
      ['word', 'x'],
    ]);
    expect(toks('/* a /* b */ c */ x', 'mysql').slice(0, 2)).toEqual([
      ['comment', '/* a /* b */'],
      ['word', 'c'],
    ]);
  });

  it('dollar quoting with and without tags; $1 parameters; ? parameters; :: casts', () => {
    const sql = "$$ it's; $$ $fn$ a $$ b $fn$ $1 ? x::int";
    expect(toks(sql, 'postgresql')).toEqual([
      ['dollar', "$$ it's; $$"],
      ['dollar', '$fn$ a $$ b $fn$'],
      ['param', '$1'],
      ['param', '?'],
      ['word', 'x'],
      ['op', '::'],
      ['word', 'int'],
    ]);
    const [d] = tokenize('$b$body$b$', 'postgresql');
    expect([d.bodyStart, d.bodyEnd]).toEqual([3, 7]);
  });

  it('treats unterminated strings, identifiers, comments and dollar bodies as running to the end', () => {
    expect(toks("SELECT 'abc", 'mysql')).toEqual([
      ['word', 'SELECT'],
      ['string', "'abc"],
    ]);
    expect(toks('SELECT "abc', 'postgresql')).toEqual([
      ['word', 'SELECT'],
      ['quoted', '"abc'],
    ]);
    expect(toks('x /* never', 'mysql')).toEqual([
      ['word', 'x'],
      ['comment', '/* never'],
    ]);
    expect(toks('AS $$ BEGIN', 'postgresql')).toEqual([
      ['word', 'AS'],
      ['dollar', '$$ BEGIN'],
    ]);
    // MySQL has no dollar quoting: an unclosed `$$` is not a string there.
    expect(toks('a$$ b', 'mysql')).toEqual([
      ['word', 'a$$'],
      ['word', 'b'],
    ]);
  });

  it('keeps offsets of a sub-range of the text', () => {
    const sql = 'xx SELECT yy';
    expect(tokenize(sql, 'mysql', 3, 9)).toEqual([{ type: 'word', start: 3, end: 9, upper: 'SELECT' }]);
  });
});

describe('statement splitter', () => {
  it('splits on ; outside strings, comments and dollar bodies; drops empty statements', () => {
    const sql = "SELECT ';' FROM a; -- x; y\nSELECT 2 /* ; */;;\n;CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;";
    expect(texts(sql, 'postgresql')).toEqual([
      "SELECT ';' FROM a",
      'SELECT 2', // a trailing comment is not part of the statement span
      'CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql',
    ]);
  });

  it('handles MySQL DELIMITER blocks (including END$$ glued to the delimiter)', () => {
    const sql =
      'DELIMITER $$\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND$$\nDELIMITER //\nCREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END //\ndelimiter ;\nSELECT 3;';
    const split = splitStatements(sql, 'mysql');
    expect(split.map((s) => [s.skipped ?? 'sql', sql.slice(s.start, s.end)])).toEqual([
      ['delimiter', 'DELIMITER $$'],
      ['sql', 'CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND'],
      ['delimiter', 'DELIMITER //'],
      ['sql', 'CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END'],
      ['delimiter', 'delimiter ;'],
      ['sql', 'SELECT 3'],
    ]);
  });

  it('Liquibase formatted SQL: changesets end statements, `/` and GO alone on a line end one, endDelimiter replaces `;`', () => {
    const sql = [
      '--liquibase formatted sql',
      '--changeset dana:1',
      'CREATE TABLE orders (id int, total int)',
      '--changeset dana:2 endDelimiter:/',
      'CREATE FUNCTION touch() RETURNS trigger AS $$ BEGIN NEW.total := NEW.total / 2; RETURN NEW; END; $$ LANGUAGE plpgsql;',
      '  /  ',
      'SELECT total',
      '  / 2 FROM orders; SELECT 1',
      '/',
      '--changeset dana:3',
      'SELECT 2; SELECT 3',
      'go',
      'SELECT 4',
      '--changeset dana:4 endDelimiter:@@',
      'SELECT 5; SELECT 6@@ SELECT 7',
    ].join('\n');
    expect(texts(sql, 'postgresql')).toEqual([
      'CREATE TABLE orders (id int, total int)',
      'CREATE FUNCTION touch() RETURNS trigger AS $$ BEGIN NEW.total := NEW.total / 2; RETURN NEW; END; $$ LANGUAGE plpgsql;',
      'SELECT total\n  / 2 FROM orders; SELECT 1',
      'SELECT 2',
      'SELECT 3',
      'SELECT 4',
      'SELECT 5; SELECT 6',
      'SELECT 7',
    ]);
    // Without the header line the same text is plain SQL: `/` and GO lines are no terminators.
    expect(texts('SELECT 1\n/\nSELECT 2', 'postgresql')).toEqual(['SELECT 1\n/\nSELECT 2']);
    expect(texts('SELECT 1\n--changeset a:1\nSELECT 2\ngo', 'mysql')).toEqual(['SELECT 1\n--changeset a:1\nSELECT 2\ngo']);
  });

  it('keeps a routine body together without DELIMITER, counting IF/CASE/LOOP/WHILE/REPEAT', () => {
    const sql = [
      'CREATE DEFINER=`root`@`localhost` PROCEDURE p()',
      'BEGIN',
      '  WHILE 1 DO SET @a = 1; END WHILE;',
      "  REPEAT SET @b = REPEAT('x', 2); UNTIL 1 END REPEAT;",
      '  IF 1 THEN SELECT 1; ELSEIF 2 THEN SELECT 2; END IF;',
      '  SET @c = CASE WHEN 1 THEN 2 ELSE 3 END;',
      'END;',
      'CREATE TRIGGER tr BEFORE UPDATE ON t FOR EACH ROW IF NEW.a IS NULL THEN SET NEW.a = 0; END IF;',
      'CREATE TRIGGER tr2 BEFORE UPDATE ON t FOR EACH ROW SET NEW.b = IF(NEW.b > 0, 1, 0);',
      'SELECT 1',
    ].join('\n');
    const parts = texts(sql, 'mysql');
    expect(parts).toHaveLength(4);
    expect(parts[0].endsWith('END')).toBe(true);
    expect(parts[1].startsWith('CREATE TRIGGER tr ')).toBe(true);
    expect(parts[1].endsWith('END IF')).toBe(true);
    expect(parts[3]).toBe('SELECT 1');
  });

  it('ends a statement that is no routine at its `;` whatever block words it holds, and reads the next routine whole', () => {
    const sql = [
      "SELECT `begin`, CASE WHEN a THEN 1 END AS loop_end FROM t WHERE kind = 'BEGIN';",
      'CREATE TABLE repeat_log (procedure_name TEXT, `end` INT);',
      'CREATE OR REPLACE VIEW v AS SELECT CASE WHEN a THEN 1 ELSE 2 END FROM t;',
      'CREATE EVENT purge ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; IF 1 THEN DELETE FROM u; END IF; END;',
      'SELECT 2',
    ].join('\n');
    expect(texts(sql, 'mysql')).toEqual([
      "SELECT `begin`, CASE WHEN a THEN 1 END AS loop_end FROM t WHERE kind = 'BEGIN'",
      'CREATE TABLE repeat_log (procedure_name TEXT, `end` INT)',
      'CREATE OR REPLACE VIEW v AS SELECT CASE WHEN a THEN 1 ELSE 2 END FROM t',
      'CREATE EVENT purge ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; IF 1 THEN DELETE FROM u; END IF; END',
      'SELECT 2',
    ]);
  });

  it('PostgreSQL BEGIN ATOMIC bodies stay whole; BEGIN; COMMIT; are ordinary statements', () => {
    const sql = 'BEGIN;\nCREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\nCOMMIT;';
    expect(texts(sql, 'postgresql')).toEqual([
      'BEGIN',
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END',
      'COMMIT',
    ]);
  });

  it('psql meta-commands and COPY … FROM stdin data are skipped', () => {
    const sql = '\\c clinical\nCOPY t (a, b) FROM stdin;\n1\tx; y\n2\tz\n\\.\n\\i other.sql\nSELECT 1;';
    const split = splitStatements(sql, 'postgresql');
    expect(split.map((s) => [s.skipped ?? 'sql', sql.slice(s.start, s.end)])).toEqual([
      ['meta-command', '\\c clinical'],
      ['sql', 'COPY t (a, b) FROM stdin'],
      ['copy-data', '1\tx; y\n2\tz\n\\.'],
      ['meta-command', '\\i other.sql'],
      ['sql', 'SELECT 1'],
    ]);
  });

  it('attaches leading comments to the following statement and trailing ones to the last', () => {
    const sql = '# one\nSELECT 1;\n-- two\nSELECT 2;\n# tail';
    const split = splitStatements(sql, 'mysql');
    expect(split.map((s) => s.leadingComments.map((c) => sql.slice(c.start, c.end)))).toEqual([['# one'], ['-- two', '# tail']]);
  });
});
