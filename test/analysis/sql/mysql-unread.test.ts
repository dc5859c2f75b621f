import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unreadVerification } from '../../../src/analysis/sql/mysql.js';
import { judgeMysqlStatement } from '../../../src/analysis/sql/mysql-verdict.js';
import { parserRejects } from '../../../src/analysis/sql/mysql-unread.js';
import { classifyStatement, cteNames } from '../../../src/analysis/sql/refs.js';
import { tokenize } from '../../../src/analysis/sql/tokenizer.js';
import { significant, TokView } from '../../../src/analysis/sql/tokview.js';

function view(text: string): TokView {
  return new TokView(text, significant(tokenize(text, 'mysql')));
}

/** node-sql-parser's own answer: does it accept `text`? */
function parserAccepts(text: string): boolean {
  const { Parser } = createRequire(import.meta.url)('node-sql-parser/build/mysql') as {
    Parser: new () => { parse(sql: string, opt: object): unknown };
  };
  try {
    new Parser().parse(text, { database: 'MySQL' });
    return true;
  } catch {
    return false;
  }
}

const PROCEDURE = `CREATE PROCEDURE sp_archive(IN p_cutoff DATETIME, OUT p_archived INT)
BEGIN
  DELETE FROM audit_log WHERE created_at < p_cutoff;
  SET p_archived = ROW_COUNT();
END`;

describe('statements node-sql-parser rejects, told from their header (mysql-unread.ts)', () => {
  it.each([
    ['DROP PROCEDURE IF EXISTS sp_archive'],
    ['drop function f'],
    ['DROP EVENT IF EXISTS ev_purge'],
    [PROCEDURE],
    ['CREATE DEFINER = `root`@`localhost` PROCEDURE p() SELECT 1'],
    ["CREATE DEFINER='app'@'%' FUNCTION f(a INT) RETURNS INT DETERMINISTIC RETURN a + 1"],
    ['CREATE DEFINER = CURRENT_USER() PROCEDURE p() BEGIN END'],
    ['CREATE DEFINER = CURRENT_USER EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t'],
    ['CREATE OR REPLACE PROCEDURE p() BEGIN END'],
    ["CREATE EVENT IF NOT EXISTS ev ON SCHEDULE EVERY 1 DAY STARTS '2024-01-01 03:23:00' DO DELETE FROM t WHERE a < NOW()"],
    ['CREATE TRIGGER trg BEFORE UPDATE ON claims FOR EACH ROW BEGIN SET NEW.updated_at = NOW(); END'],
    ['CREATE TRIGGER IF NOT EXISTS db.trg AFTER INSERT ON `db`.`patients` FOR EACH ROW INSERT INTO audit_log (id) VALUES (NEW.id)'],
    ['CREATE DEFINER=`root`@`%` TRIGGER trg BEFORE DELETE ON t FOR EACH ROW DELETE FROM u WHERE u.t_id = OLD.id'],
    ['\n  CREATE\tPROCEDURE\r\np() BEGIN END'],
    // Only the header is read: what follows may be anything.
    ['CREATE PROCEDURE p() BEGIN SELECT 1 FROM ) END'],
  ])('%s: rejected without asking the parser', (text) => {
    expect(parserRejects(text, 0, view(text))).toBe(true);
    expect(parserAccepts(text)).toBe(false);
  });

  it.each([
    // The parser reads these (or may): they go to it.
    ['CREATE TRIGGER trg BEFORE UPDATE ON t FOR EACH ROW SET NEW.updated_at = NOW()', true],
    ['CREATE TRIGGER trg BEFORE UPDATE ON t FOR EACH ROW FOLLOWS other SET NEW.a = 1', true],
    ['CREATE TRIGGER trg BEFORE UPDATE ON t FOR EACH ROW PRECEDES other BEGIN END', false],
    ['DROP TRIGGER IF EXISTS trg', true],
    ['CREATE VIEW v AS SELECT 1', true],
    ['CREATE TABLE procedure_log (a INT)', true],
    ['DROP TABLE procedures', true],
    ['SELECT 1', true],
    // A header the module does not read exactly: the parser decides.
    ['CREATE /* c */ PROCEDURE p() BEGIN END', false],
    ['CREATE\u00a0PROCEDURE p() BEGIN END', false],
    ['CREATE -- c\nTRIGGER trg BEFORE UPDATE ON t FOR EACH ROW BEGIN END', false],
    ['CREATE TRIGGER trg BEFORE UPDATE ON t FOR EACH STATEMENT BEGIN END', false],
    ['CREATE TRIGGER trg INSTEAD OF UPDATE ON t FOR EACH ROW BEGIN END', false],
    ['CREATE TRIGGER trg BEFORE UPDATE ON t FOR EACH ROW', false],
    ['CREATE DEFINER = PROCEDURE p() BEGIN END', false],
    ['CREATE DEFINER `root` PROCEDURE p() BEGIN END', false],
    ['CREATE DEFINER = "root"@"%" PROCEDURE p() BEGIN END', false],
    ['CREATE AGGREGATE FUNCTION f RETURNS STRING SONAME "f.so"', false],
    ['(CREATE PROCEDURE p() BEGIN END)', false],
    ['DROP TEMPORARY PROCEDURE p', false],
  ])('%s: left to the parser', (text, accepted) => {
    expect(parserRejects(text, 0, view(text))).toBe(false);
    expect(parserAccepts(text)).toBe(accepted);
  });

  it('reads the statement where it starts in the whole text', () => {
    const text = 'SELECT 1;\nDROP PROCEDURE p';
    const start = text.indexOf('DROP');
    const v = new TokView(
      text,
      significant(tokenize(text, 'mysql')).filter((t) => t.start >= start),
    );
    expect(parserRejects(text, start, v)).toBe(true);
    expect(parserRejects(text, start - 1, v)).toBe(true);
    const commented = 'SELECT 1;/* x */DROP PROCEDURE p';
    const from = commented.indexOf('/*');
    const w = new TokView(
      commented,
      significant(tokenize(commented, 'mysql')).filter((t) => t.start >= from),
    );
    expect(parserRejects(commented, from, w)).toBe(false);
  });
});

describe('the verdict on them', () => {
  const previous = process.env.NILECARE_VERIFY_MYSQL_RECOGNISER;
  beforeEach(() => {
    process.env.NILECARE_VERIFY_MYSQL_RECOGNISER = '1';
  });
  afterEach(() => {
    if (previous === undefined) delete process.env.NILECARE_VERIFY_MYSQL_RECOGNISER;
    else process.env.NILECARE_VERIFY_MYSQL_RECOGNISER = previous;
  });

  function judge(text: string) {
    const v = view(text);
    return judgeMysqlStatement({ text, start: 0, end: text.length, v, kind: classifyStatement(v, cteNames(v).mainVerbIndex) });
  }

  it.each([
    [PROCEDURE],
    ['DROP PROCEDURE IF EXISTS sp_archive'],
    ['CREATE TRIGGER trg BEFORE UPDATE ON claims FOR EACH ROW BEGIN SET NEW.updated_at = NOW(); END'],
    ['CREATE EVENT ev ON SCHEDULE EVERY 1 DAY DO DELETE FROM t'],
  ])('%s: a stored routine, judged without the parser and the same with it', (text) => {
    const before = unreadVerification().checked;
    expect(judge(text)).toEqual({ verdict: 'unsupported', construct: 'stored routine' });
    expect(unreadVerification().checked).toBe(before + 1);
    expect(unreadVerification().mismatches).toEqual([]);
  });

  it.each([
    // Obviously broken: the verdict is 'invalid', located by the parser's rejection.
    ['CREATE PROCEDURE p() BEGIN SELECT (1 END'],
    // The driver binds the placeholder: the bound statement is judged.
    ['DROP PROCEDURE IF EXISTS ??'],
    // The parser reads it.
    ['CREATE TRIGGER trg BEFORE UPDATE ON t FOR EACH ROW SET NEW.a = 1'],
  ])('%s: judged with the parser', (text) => {
    const before = unreadVerification().checked;
    judge(text);
    expect(unreadVerification().checked).toBe(before);
  });
});
