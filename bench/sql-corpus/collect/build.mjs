#!/usr/bin/env node
/**
 * Step 3: select the verified statements and write the corpus files.
 *
 *   node build.mjs <pg-verified.jsonl> <mysql-verified.jsonl> <corpus-dir>
 *
 * Selection rules (SOURCES.md explains why):
 * - PostgreSQL: libpg-query accepts the statement (with `?` bound to `$n` where a framework uses `?`) and
 *   PostgreSQL 15 did not answer 42601 (syntax_error). Regression-suite statements must also have run
 *   without any error in schedule order, and are sampled per statement kind (caps below) so that DDL,
 *   DML, routines, views, grants and roles dominate rather than the suite's thousands of SELECTs of
 *   built-in functions. Statements that use psql variables, end in `\gset`/`\gexec`, or are a
 *   COPY … FROM STDIN with its inline data go to postgresql-psql/: they are valid psql scripts, not
 *   valid SQL statements on their own.
 * - MySQL: MariaDB 10.11 parsed it (executed, or failed with an error other than 1064/1149), or it is
 *   MySQL 8 syntax MariaDB lacks and was reviewed by hand (MYSQL8_ONLY for third-party sources; every
 *   statement of collect/authored/, which was written against the MySQL 8.0 grammar).
 * - Exact duplicates (whitespace-insensitive) are kept once, the first source in SOURCE_ORDER winning.
 * - Entries are written in a stable order (source, file, line); sampling is by content hash, so a rebuild
 *   from the same inputs gives the same bytes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { statementKind } from '../kinds.mjs';

const [pgFile, myFile, corpusDir] = process.argv.slice(2);
if (!pgFile || !myFile || !corpusDir) {
  console.error('usage: node build.mjs <pg-verified.jsonl> <mysql-verified.jsonl> <corpus-dir>');
  process.exit(2);
}
const read = (f) =>
  fs
    .readFileSync(f, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
const sha = (s) => crypto.createHash('sha1').update(s).digest('hex');
const norm = (s) => s.replace(/\s+/g, ' ').trim();

/** Third-party MySQL statements MariaDB rejects that are valid MySQL 8 (reviewed one by one). */
const MYSQL8_ONLY = new Map([
  ['laravel:tests/Database/DatabaseMySqlSchemaGrammarTest.php:548', 'NOT NULL after a generated column definition'],
  ['laravel:tests/Database/DatabaseMySqlSchemaGrammarTest.php:1118', 'column SRID attribute'],
  ['laravel:tests/Database/DatabaseMySqlSchemaGrammarTest.php:1128', 'column SRID attribute'],
  ['laravel:tests/Database/DatabaseQueryBuilderTest.php:3044', 'JSON column->path operator'],
  ['laravel:tests/Database/DatabaseQueryBuilderTest.php:3081', 'JSON column->path operator'],
]);

/**
 * Literals of third-party tests that are not statements a database receives, whatever a server says:
 * another driver's bind variables, a framework's own escapes, a deliberately malformed INSERT.
 */
function notSql(c, dialect) {
  const t = c.text;
  if (c.origin.source === 'sqlx' && /@p\d/.test(t)) return 'SQL Server bind variables (sqlx rebinding test)';
  if (c.origin.source === 'sqlx' && dialect === 'mysql' && /\$\d/.test(t)) return 'PostgreSQL bind variables in a MySQL candidate';
  if (c.origin.source === 'sqlx' && /:[A-Za-z_]/.test(t.replace(/'[^']*'/g, '').replace(/::/g, '')))
    return 'sqlx named parameters, rewritten by sqlx before the database sees them';
  if (c.origin.source === 'sqlx' && `${c.origin.file}:${c.origin.line}` === 'sqlx_test.go:1320')
    return '9 columns, 10 values (a bindvar-rewriting test input)';
  if (c.origin.source === 'laravel' && /\?\?/.test(t)) return "Laravel's `??` escape for the `?` operator, rewritten before PDO sends it";
  return null;
}

/** Words that are a complete statement on their own; any other one-word literal is a test's fragment. */
const ONE_WORD = /^(begin|commit|rollback|end|abort|checkpoint|vacuum|analyze|unlock\s+tables)$/i;

/** Regression-suite statements kept per kind (PostgreSQL); the rest of the suite is not needed. */
const REGRESS_CAPS = {
  create_table: 260,
  alter_table: 260,
  create_index: 110,
  view: 130,
  routine: 200,
  trigger: 90,
  event: 10,
  type_domain: 80,
  schema_database: 40,
  sequence: 40,
  extension: 10,
  policy: 40,
  grant_revoke: 130,
  user_role: 110,
  comment: 30,
  insert: 180,
  update: 120,
  delete: 70,
  merge: 60,
  select: 320,
  copy_load: 30,
  truncate: 20,
  drop: 90,
  transaction: 30,
  prepared: 20,
  call: 20,
  session: 40,
  maintenance: 30,
  other: 40,
};
/** The same for initdb's SQL and extension scripts, which are mostly functions, views and grants. */
const SHARE_CAPS = {
  routine: 160,
  view: 80,
  grant_revoke: 80,
  type_domain: 40,
  comment: 10,
  select: 20,
  other: 30,
  session: 5,
  drop: 10,
  create_table: 10,
  schema_database: 5,
  create_index: 5,
  insert: 10,
  update: 5,
  event: 5,
};

const SOURCE_ORDER = ['laravel', 'rails', 'quartz', 'coturn', 'opendmarc', 'sqlx', 'postgresql-share', 'postgresql-regress', 'authored'];

function pgAccepted(c) {
  return c.checks.libpgQuery === 'ok' && c.checks.server !== '42601' && !String(c.checks.server).split(',').includes('42601');
}

function pick(list, caps) {
  const byKind = new Map();
  for (const c of list) {
    const k = statementKind(c.text);
    if (!byKind.has(k)) byKind.set(k, []);
    byKind.get(k).push(c);
  }
  const out = [];
  for (const [k, items] of byKind) {
    items.sort((a, b) => (sha(a.text) < sha(b.text) ? -1 : 1));
    out.push(...items.slice(0, caps[k] ?? 0));
  }
  return out;
}

// --- PostgreSQL ------------------------------------------------------------------------------------
const pg = read(pgFile).filter((c) => !(norm(c.text).split(' ').length === 1 && !ONE_WORD.test(norm(c.text))) && !notSql(c, 'postgresql'));
/** psql-only syntax: variables, `\gset`-style terminators, and COPY … FROM STDIN with its inline data. */
const isPsql = (c) => Boolean(c.psqlVars || c.terminator || c.copyData !== undefined);
const psqlScripts = pg.filter((c) => c.origin.source === 'postgresql-regress' && isPsql(c) && c.checks.server === 'ok');
const plain = pg.filter((c) => !isPsql(c) && pgAccepted(c));
const pgChosen = [
  ...plain.filter((c) => !c.origin.source.startsWith('postgresql-')),
  ...pick(
    plain.filter((c) => c.origin.source === 'postgresql-share'),
    SHARE_CAPS,
  ),
  ...pick(
    plain.filter((c) => c.origin.source === 'postgresql-regress' && c.checks.server === 'ok'),
    REGRESS_CAPS,
  ),
];

// --- MySQL -------------------------------------------------------------------------------------------
const my = read(myFile).filter((c) => !(norm(c.text).split(' ').length === 1 && !ONE_WORD.test(norm(c.text))) && !notSql(c, 'mysql'));
const rejected = (c) => c.checks.mariadb === '1064' || c.checks.mariadb === '1149';
const myChosen = my.filter((c) => {
  if (!rejected(c)) return !String(c.checks.mariadb).startsWith('not-run') || c.origin.source === 'authored';
  if (c.origin.source === 'authored') return true;
  return MYSQL8_ONLY.has(`${c.origin.source}:${c.origin.file}:${c.origin.line}`);
});

function dedupe(list) {
  const seen = new Set();
  const sorted = [...list].sort(
    (a, b) =>
      SOURCE_ORDER.indexOf(a.origin.source) - SOURCE_ORDER.indexOf(b.origin.source) ||
      a.origin.file.localeCompare(b.origin.file) ||
      a.origin.line - b.origin.line,
  );
  return sorted.filter((c) => {
    const k = norm(c.text);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function pgCheck(c) {
  const s = String(c.checks.server ?? 'not-run');
  const server = s === 'ok' ? 'pg15=ok' : s.startsWith('not-run') ? 'pg15=not-run' : `pg15=parsed(${s})`;
  return `libpg-query=ok ${server}${c.checks.serverContext === 'alone, rolled back' ? ' (alone, rolled back)' : c.checks.serverContext ? ' (regression schedule)' : ''}`;
}
function myCheck(c) {
  const r = String(c.checks.mariadb);
  const verdict = r === 'ok' ? 'ok' : rejected(c) ? `rejected(${r})` : r.startsWith('not-run') ? 'not-run' : `parsed(${r})`;
  const note = rejected(c)
    ? c.origin.source === 'authored'
      ? ' mysql8-only: reviewed'
      : ` mysql8-only: ${MYSQL8_ONLY.get(`${c.origin.source}:${c.origin.file}:${c.origin.line}`)}`
    : '';
  return `mariadb-10.11=${verdict}${c.checks.mariadbMode === 'PREPARE' ? ' (PREPARE)' : ''}${note}`;
}

/** A MySQL statement with `;` inside (a routine body) needs DELIMITER, as the mysql client does. */
function hasInnerSemicolon(text) {
  return /;/.test(text.replace(/'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"|`[^`]*`|--[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\//g, ''));
}

function entry(c, dialect) {
  const id = sha(`${dialect}\n${norm(c.text)}`).slice(0, 10);
  const where = `${c.origin.file}:${c.origin.line}`;
  const check = dialect === 'mysql' ? myCheck(c) : isPsql(c) ? `pg15=ok (regression schedule, via psql)` : pgCheck(c);
  const head = `-- @corpus id=${id} source=${c.origin.source} at=${where} kind=${statementKind(c.text)} check=${check}${c.placeholders ? ` placeholders=${c.placeholders}` : ''}\n`;
  if (dialect === 'mysql' && (c.delimiter || hasInnerSemicolon(c.text))) return `${head}DELIMITER $$\n${c.text}$$\nDELIMITER ;\n\n`;
  // A statement whose last line ends in a `--` comment gets its terminator on a line of its own.
  const lastLine = c.text.slice(c.text.lastIndexOf('\n') + 1);
  const sep = /--|#/.test(lastLine.replace(/'(?:[^'\\]|\\.|'')*'|"(?:[^"]|"")*"/g, '')) ? '\n' : '';
  if (c.terminator) return `${head}${c.text}${sep || ' '}${c.terminator}\n\n`;
  if (c.copyData !== undefined) return `${head}${c.text}${sep};\n${c.copyData.endsWith('\\.\n') ? c.copyData : `${c.copyData}\\.\n`}\n`;
  return `${head}${c.text}${sep};\n\n`;
}

function fileFor(c, dialect) {
  const s = c.origin.source;
  if (dialect === 'mysql')
    return s === 'authored' ? `mysql/authored-${path.basename(c.origin.file, '.sql').replace(/^mysql8-/, '')}.sql` : `mysql/${s}.sql`;
  if (isPsql(c)) return 'postgresql-psql/regress-psql.sql';
  if (s !== 'postgresql-regress') return `postgresql/${s.replace(/^postgresql-/, '')}.sql`;
  const k = statementKind(c.text);
  const group = ['routine', 'trigger', 'event'].includes(k)
    ? 'routines'
    : ['insert', 'update', 'delete', 'merge', 'select', 'copy_load'].includes(k)
      ? 'dml'
      : ['grant_revoke', 'user_role', 'policy'].includes(k)
        ? 'access'
        : ['transaction', 'prepared', 'call', 'session', 'maintenance', 'other'].includes(k)
          ? 'session'
          : 'ddl';
  return `postgresql/regress-${group}.sql`;
}

const HEADER = {
  mysql:
    '-- Corpus of valid MySQL 8 statements for nilecare-lint\'s parse-error benchmark (bench/sql-corpus).\n-- One statement per entry; each entry starts with a "-- @corpus" line naming its source and checks.\n-- Generated by collect/build.mjs: do not edit by hand. Sources and licences: SOURCES.md.\n\n',
  postgresql:
    '-- Corpus of valid PostgreSQL statements for nilecare-lint\'s parse-error benchmark (bench/sql-corpus).\n-- One statement per entry; each entry starts with a "-- @corpus" line naming its source and checks.\n-- Generated by collect/build.mjs: do not edit by hand. Sources and licences: SOURCES.md.\n\n',
};

for (const d of ['mysql', 'postgresql', 'postgresql-psql']) fs.rmSync(path.join(corpusDir, d), { recursive: true, force: true });
const files = new Map();
const add = (c, dialect) => {
  const f = fileFor(c, dialect);
  if (!files.has(f)) files.set(f, HEADER[dialect]);
  files.set(f, files.get(f) + entry(c, dialect));
};
const order = (a, b) => a.origin.file.localeCompare(b.origin.file) || a.origin.line - b.origin.line;
const myFinal = dedupe(myChosen).sort(order);
const pgFinal = dedupe(pgChosen).sort(order);
const psqlFinal = dedupe(psqlScripts).sort(order);
for (const c of myFinal) add(c, 'mysql');
for (const c of pgFinal) add(c, 'postgresql');
for (const c of psqlFinal) add(c, 'postgresql');
for (const [f, text] of files) {
  fs.mkdirSync(path.dirname(path.join(corpusDir, f)), { recursive: true });
  fs.writeFileSync(path.join(corpusDir, f), text);
}

const tally = (list) => {
  const t = {};
  for (const c of list) t[c.origin.source] = (t[c.origin.source] ?? 0) + 1;
  return t;
};
console.log(
  JSON.stringify(
    {
      mysql: myFinal.length,
      mysqlBySource: tally(myFinal),
      postgresql: pgFinal.length,
      postgresqlBySource: tally(pgFinal),
      psqlScripts: psqlFinal.length,
      files: [...files.keys()].sort(),
    },
    null,
    1,
  ),
);
