/**
 * Checks of the corpus tooling itself (not of the linter): `node --test bench/sql-corpus/selftest.mjs`.
 * A wrong cut here would silently change what the benchmark measures.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { splitSql, stripLeadingComments } from './collect/split.mjs';
import { stringLiterals } from './collect/literals.mjs';
import { statementKind } from './kinds.mjs';
import { parseCorpusFile } from './measure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

test('psql splitting: nested comments, dollar quotes, parentheses, BEGIN ATOMIC, COPY data, meta-commands', () => {
  const sql = [
    '/* outer /* inner; */ still comment; */ SELECT 1;',
    'CREATE FUNCTION f() RETURNS int AS $fn$ BEGIN RETURN 1; END $fn$ LANGUAGE plpgsql;',
    'CREATE RULE r AS ON DELETE TO t DO INSTEAD (INSERT INTO t DEFAULT VALUES; INSERT INTO t DEFAULT VALUES);',
    '-- a comment first',
    'CREATE FUNCTION g(x int) RETURNS int LANGUAGE SQL BEGIN ATOMIC SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END; SELECT 2; END;',
    'COPY t FROM stdin;',
    'a\tb',
    '\\.',
    'SELECT oid AS o FROM pg_class LIMIT 1 \\gset',
    "\\set fname 'x'",
    "COPY t FROM :'fname';",
    'SELECT arr[1:2], x::int FROM t;',
  ].join('\n');
  const st = splitSql(sql, 'postgresql');
  assert.deepEqual(
    st.map((s) => stripLeadingComments(s.text, 'postgresql').split(/\s+/).slice(0, 2).join(' ')),
    ['SELECT 1', 'CREATE FUNCTION', 'CREATE RULE', 'CREATE FUNCTION', 'COPY t', 'SELECT oid', 'COPY t', 'SELECT arr[1:2],'],
  );
  assert.equal(st[4].copyData, 'a\tb\n\\.\n');
  assert.equal(st[5].terminator, '\\gset');
  assert.deepEqual(st[6].psqlVars, [":'fname'"]);
  assert.deepEqual(st[7].psqlVars, [], 'an array slice and a cast are no psql variables');
});

test('mysql splitting: DELIMITER blocks, # comments, backticks and backslash escapes', () => {
  const sql = [
    "SELECT 'it\\'s; fine', `a;b` FROM t; # comment; here",
    'DELIMITER $$',
    'CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END$$',
    'DELIMITER ;',
    'SELECT 3;',
  ].join('\n');
  const st = splitSql(sql, 'mysql');
  assert.equal(st.length, 3);
  assert.equal(st[1].delimiter, '$$');
  assert.match(st[1].text, /^CREATE PROCEDURE p\(\) BEGIN SELECT 1; SELECT 2; END$/);
  assert.equal(stripLeadingComments(st[2].text, 'mysql'), 'SELECT 3');
});

test('string literals: PHP, Ruby heredocs, interpolation is flagged', () => {
  const php = stringLiterals(`$this->assertSame('alter table \\'t\\' add x', $s); // 'not this'\n$b = "select $x";`, 'php');
  assert.deepEqual(
    php.map((l) => [l.value, l.interpolated]),
    [
      ["alter table 't' add x", false],
      ['select $x', true],
    ],
  );
  const rb = stringLiterals(`execute <<~SQL\n  CREATE PROCEDURE ten()\n  BEGIN\n    SELECT 10;\n  END\nSQL\nx = "a #{b}"`, 'ruby');
  assert.equal(rb[0].value, 'CREATE PROCEDURE ten()\nBEGIN\n  SELECT 10;\nEND\n');
  assert.equal(rb[1].interpolated, true);
});

test('statement kinds', () => {
  const cases = {
    'CREATE TABLE t (id int)': 'create_table',
    'create temporary table t (id int)': 'create_table',
    'ALTER TABLE t ADD c int': 'alter_table',
    'CREATE OR REPLACE ALGORITHM = MERGE DEFINER = CURRENT_USER SQL SECURITY INVOKER VIEW v AS SELECT 1': 'view',
    'CREATE DEFINER=`a`@`%` PROCEDURE p() SELECT 1': 'routine',
    'DO $$ BEGIN END $$': 'routine',
    'DO SLEEP(1)': 'select',
    'WITH a AS (SELECT 1) DELETE FROM t WHERE id IN (SELECT * FROM a)': 'delete',
    'WITH a AS (SELECT 1) SELECT * FROM a': 'select',
    "GRANT SELECT ON t TO 'u'@'%'": 'grant_revoke',
    "CREATE USER 'u'@'%' IDENTIFIED BY 'x'": 'user_role',
    '-- lead\nINSERT INTO t VALUES (1)': 'insert',
    'DELIMITER $$\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1': 'trigger',
  };
  for (const [sql, kind] of Object.entries(cases)) assert.equal(statementKind(sql), kind, sql);
});

test('corpus entries: every file parses, ids are unique, DELIMITER and COPY data are cut as clients send them', () => {
  const ids = new Set();
  let n = 0;
  for (const dir of ['mysql', 'postgresql', 'postgresql-psql']) {
    for (const f of fs.readdirSync(path.join(here, dir)).filter((x) => x.endsWith('.sql'))) {
      for (const e of parseCorpusFile(fs.readFileSync(path.join(here, dir, f), 'utf8'), `${dir}/${f}`)) {
        assert.ok(!ids.has(`${dir}:${e.id}`), `duplicate id ${e.id}`);
        ids.add(`${dir}:${e.id}`);
        assert.ok(!/^DELIMITER/im.test(e.text), `${e.id} keeps a DELIMITER line`);
        assert.ok(!/\n\\\.\s*$/.test(e.text), `${e.id} keeps COPY data`);
        n++;
      }
    }
  }
  assert.ok(n > 4000, `only ${n} entries`);
  const [routine] = parseCorpusFile(
    '-- @corpus id=1 source=x\nDELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;\n',
    'f',
  );
  assert.equal(routine.text, 'CREATE PROCEDURE p() BEGIN SELECT 1; END');
  const [copy] = parseCorpusFile('-- @corpus id=2 source=x\nCOPY t FROM stdin;\n1\t2\n\\.\n', 'f');
  assert.equal(copy.text, 'COPY t FROM stdin');
});
