/**
 * Statements node-sql-parser's MySQL grammar cannot accept, told from their first tokens (issue 16).
 *
 * Schema files repeat stored routines: `DROP PROCEDURE IF EXISTS p`, `CREATE PROCEDURE p(…) BEGIN … END`,
 * `CREATE EVENT … DO …`, `CREATE TRIGGER … FOR EACH ROW BEGIN … END`. The parser rejects every one of them
 * (twice, when the statement has a shape: mysql-shape.ts parses the shape, then the statement as
 * written), and the verdict (mysql-verdict.ts) then calls them the 'stored routine' family without
 * reading the parser's message or offset. So for these statements the parser is asked a question whose
 * answer is known; this module says when.
 *
 * Why the answer is known, from node-sql-parser 5.4.0's generated MySQL grammar: a statement is
 * `__ crud_stmt (; crud_stmt)*`, and the only rules that can read a leading `CREATE` are
 * `create_table_stmt` (`CREATE [TEMPORARY] TABLE`), `create_trigger_stmt` (`CREATE [DEFINER = user]
 * TRIGGER`), `create_index_stmt` (`CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX`), `create_db_stmt`
 * (`CREATE DATABASE|SCHEMA`), `create_view_stmt` (`CREATE [OR REPLACE] [ALGORITHM = x] [DEFINER = user]
 * [SQL SECURITY x] VIEW`), `create_user_stmt` (`CREATE USER`) and `assign_stmt` (a variable named
 * `create`, then `=` or `:=`); a leading `DROP`: `drop_stmt`'s five forms, `DROP TABLE|VIEW|INDEX|
 * DATABASE|SCHEMA|TRIGGER`, and `assign_stmt`. None reads `PROCEDURE`, `FUNCTION` or `EVENT` where
 * the object word stands, so `CREATE [OR REPLACE] [DEFINER = user] PROCEDURE|FUNCTION|EVENT …` and
 * `DROP PROCEDURE|FUNCTION|EVENT …` are rejected whatever follows. `create_trigger_stmt` reads
 * `CREATE [DEFINER = user] TRIGGER [IF NOT EXISTS] name BEFORE|AFTER INSERT|UPDATE|DELETE ON name FOR
 * EACH ROW [FOLLOWS|PRECEDES name]` and then only `SET assignments` as its body: a trigger of that
 * header whose body is anything else (`BEGIN … END`, an INSERT) is rejected too.
 *
 * Only that strict header is read, and only when the text up to its last word holds nothing but those
 * tokens and the parser's own whitespace (space, tab, newline, carriage return): no comment, no
 * character the two tokenizers could read differently. Anything else is `false`, and the statement goes
 * to the parser as before. `NILECARE_VERIFY_MYSQL_RECOGNISER=1` parses every statement this module
 * answers for and compares the whole verdict (mysql-verdict.ts); test/e2e/mysql-recogniser-corpus.test.ts
 * runs it on the fixtures' SQL and on generated headers.
 */
import type { TokView } from './tokview.js';

const ROUTINES = new Set(['PROCEDURE', 'FUNCTION', 'EVENT']);
const TRIGGER_TIMES = new Set(['BEFORE', 'AFTER']);
const TRIGGER_EVENTS = new Set(['INSERT', 'UPDATE', 'DELETE']);
/** Words the trigger rule reads after `FOR EACH ROW`: its order clause and its only body. */
const TRIGGER_READ_AFTER_ROW = new Set(['SET', 'FOLLOWS', 'PRECEDES']);

/**
 * True when node-sql-parser rejects the statement `text.slice(start, …)` whose significant tokens are
 * `v`, whatever follows its header (see above). False means "not known", never "accepted".
 */
export function parserRejects(text: string, start: number, v: TokView): boolean {
  const head = v.key(0);
  if (head !== 'CREATE' && head !== 'DROP') return false;
  let last: number;
  if (head === 'DROP') {
    if (!ROUTINES.has(v.key(1))) return false;
    last = 1;
  } else {
    const object = createObject(v);
    if (object < 0) return false;
    if (ROUTINES.has(v.key(object))) last = object;
    else if (v.key(object) === 'TRIGGER') {
      last = triggerBodyStart(v, object + 1);
      if (last < 0) return false;
    } else return false;
  }
  return onlyParserWhitespace(text, start, v, last);
}

/** Index of the object word after `CREATE [OR REPLACE] [DEFINER = user]`, or -1. */
function createObject(v: TokView): number {
  let i = 1;
  if (v.key(i) === 'OR' && v.key(i + 1) === 'REPLACE') i += 2;
  if (v.key(i) === 'DEFINER') {
    if (v.key(i + 1) !== '=') return -1;
    i = definerEnd(v, i + 2);
  }
  return i > 0 && v.isWord(i) ? i : -1;
}

/** After `DEFINER =`: `CURRENT_USER[()]` or `user[@host]`, each part a word, a backquoted name or a string. Index after it, or -1. */
function definerEnd(v: TokView, i: number): number {
  if (v.key(i) === 'CURRENT_USER') return v.key(i + 1) === '(' && v.key(i + 2) === ')' ? i + 3 : i + 1;
  if (!userPart(v, i)) return -1;
  if (v.key(i + 1) !== '@') return i + 1;
  return userPart(v, i + 2) ? i + 3 : -1;
}

function userPart(v: TokView, i: number): boolean {
  const t = v.toks[i];
  if (!t) return false;
  if (t.type === 'string') return v.text[t.start] === "'";
  if (t.type === 'quoted') return v.text[t.start] === '`';
  return t.type === 'word';
}

/**
 * From the token after `TRIGGER`: `[IF NOT EXISTS] name BEFORE|AFTER INSERT|UPDATE|DELETE ON name FOR EACH ROW`,
 * then a body word the trigger rule cannot read. The body's index, or -1.
 */
function triggerBodyStart(v: TokView, i: number): number {
  if (v.key(i) === 'IF' && v.key(i + 1) === 'NOT' && v.key(i + 2) === 'EXISTS') i += 3;
  i = plainName(v, i);
  if (i < 0 || !TRIGGER_TIMES.has(v.key(i)) || !TRIGGER_EVENTS.has(v.key(i + 1)) || v.key(i + 2) !== 'ON') return -1;
  i = plainName(v, i + 3);
  if (i < 0 || v.key(i) !== 'FOR' || v.key(i + 1) !== 'EACH' || v.key(i + 2) !== 'ROW') return -1;
  i += 3;
  return v.isWord(i) && !TRIGGER_READ_AFTER_ROW.has(v.key(i)) ? i : -1;
}

/** `a` or `a.b`, each part a word or a backquoted name: index after it, or -1. */
function plainName(v: TokView, i: number): number {
  if (!namePart(v, i)) return -1;
  return v.key(i + 1) === '.' && namePart(v, i + 2) ? i + 3 : i + 1;
}

function namePart(v: TokView, i: number): boolean {
  const t = v.toks[i];
  return !!t && (t.type === 'word' || (t.type === 'quoted' && v.text[t.start] === '`'));
}

/** The text from `start` to the end of token `last` is the tokens 0…last and `[ \t\n\r]` between them. */
function onlyParserWhitespace(text: string, start: number, v: TokView, last: number): boolean {
  let at = start;
  for (let i = 0; i <= last; i++) {
    const t = v.toks[i];
    for (; at < t.start; at++) {
      const c = text.charCodeAt(at);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
    }
    at = t.end;
  }
  return true;
}
