#!/usr/bin/env node
/**
 * Step 1 of the corpus build: every candidate statement of every source, with where it came from.
 *
 *   node extract.mjs <sources-dir> <out.jsonl>
 *
 * <sources-dir> holds the unpacked upstream sources (see SOURCES.md for the exact packages):
 *   pg/postgresql-15.18, laravel/laravel-framework-*, rails/rails-*, quartz/quartz-2.3.2,
 *   coturn/coturn-4.6.1, opendmarc/OpenDMARC-*, sqlx/sqlx-1.3.5
 * and /usr/share/postgresql/15 is read from the installed postgresql-15 package.
 *
 * Nothing here decides validity: verify-pg.mjs and verify-mariadb.mjs do, build.mjs selects.
 */
import fs from 'node:fs';
import path from 'node:path';
import { splitSql, stripLeadingComments } from './split.mjs';
import { looksLikeStatement, stringLiterals } from './literals.mjs';

const [srcDir, outFile] = process.argv.slice(2);
if (!srcDir || !outFile) {
  console.error('usage: node extract.mjs <sources-dir> <out.jsonl>');
  process.exit(2);
}

const one = (pattern) => {
  const [dir, prefix] = pattern.split('/');
  const hit = fs.readdirSync(path.join(srcDir, dir)).find((n) => n.startsWith(prefix));
  if (!hit) throw new Error(`missing source ${pattern} under ${srcDir}`);
  return path.join(srcDir, dir, hit);
};

const out = [];
const emit = (dialect, text, origin, extra = {}) => {
  const body = stripLeadingComments(text, dialect).trim();
  if (!body) return;
  out.push({ dialect, text: body, origin, ...extra });
};

function sqlFile(dialect, file, origin, { psqlOk = true } = {}) {
  const text = fs.readFileSync(file, 'utf8');
  // A file that can `\quit` (e.g. when the database encoding does not suit it) may not have run at all.
  if (dialect === 'postgresql' && /^\s*\\quit\b/m.test(text)) origin = { ...origin, mayQuit: true };
  for (const s of splitSql(text, dialect)) {
    if (!psqlOk && s.psqlVars.length) continue;
    emit(
      dialect,
      s.text,
      { ...origin, line: s.startLine, endLine: s.endLine },
      {
        ...(dialect === 'mysql' && /\?/.test(s.text.replace(/'(?:[^'\\]|\\.|'')*'/g, '')) ? { placeholders: '?' } : {}),
        ...(s.psqlVars.length ? { psqlVars: s.psqlVars } : {}),
        ...(s.terminator !== ';' && s.terminator !== '' ? { terminator: s.terminator } : {}),
        ...(s.delimiter !== ';' ? { delimiter: s.delimiter } : {}),
        ...(s.copyData !== null ? { copyData: s.copyData } : {}),
      },
    );
  }
}

// --- PostgreSQL 15.18 regression suite and PL/pgSQL tests (PostgreSQL Licence) -----------------
{
  const root = path.join(srcDir, 'pg', 'postgresql-15.18');
  const base = { source: 'postgresql-regress', pkg: 'postgresql-15 (Debian source)', version: '15.18-0+deb12u1', license: 'PostgreSQL' };
  const regress = path.join(root, 'src/test/regress/sql');
  // psql.sql and psql_crosstab.sql test psql itself (meta-commands, deliberately broken input).
  for (const f of fs
    .readdirSync(regress)
    .sort()
    .filter((n) => n !== 'psql.sql' && n !== 'psql_crosstab.sql')) {
    sqlFile('postgresql', path.join(regress, f), { ...base, file: `src/test/regress/sql/${f}` });
  }
  const pl = path.join(root, 'src/pl/plpgsql/src/sql');
  for (const f of fs.readdirSync(pl).sort()) {
    sqlFile('postgresql', path.join(pl, f), { ...base, file: `src/pl/plpgsql/src/sql/${f}` });
  }
}

// --- SQL that initdb runs, as installed by the postgresql-15 package (PostgreSQL Licence) ---------
{
  const share = '/usr/share/postgresql/15';
  const base = { source: 'postgresql-share', pkg: 'postgresql-15 (Debian binary)', version: '15.18-0+deb12u1', license: 'PostgreSQL' };
  for (const f of ['information_schema.sql', 'system_views.sql', 'system_functions.sql']) {
    sqlFile('postgresql', path.join(share, f), { ...base, file: `/usr/share/postgresql/15/${f}` });
  }
  // Extension install scripts: real DDL of the kind services ship (types, functions, operators, grants).
  const ext = path.join(share, 'extension');
  for (const f of fs
    .readdirSync(ext)
    .filter((n) =>
      /^(citext|hstore|pgcrypto|pg_trgm|uuid-ossp|ltree|postgres_fdw|btree_gist|tablefunc|isn|cube|earthdistance|intarray|pg_stat_statements|unaccent|fuzzystrmatch|amcheck|pgrowlocks|pg_buffercache|tsm_system_rows|lo|seg)--[0-9.]+\.sql$/.test(
        n,
      ),
    )
    .sort()) {
    sqlFile('postgresql', path.join(ext, f), { ...base, file: `/usr/share/postgresql/15/extension/${f}` }, { psqlOk: false });
  }
}

// --- Laravel 8.83.26 framework tests (MIT): SQL its MySQL and PostgreSQL grammars must produce --------
{
  const root = one('laravel/php-laravel-framework');
  const version = path.basename(root).replace(/^php-laravel-framework-/, '') || '8.83.26';
  const base = { source: 'laravel', pkg: 'php-laravel-framework (Debian source)', version: '8.83.26+dfsg-2', license: 'MIT' };
  const byFile = {
    'tests/Database/DatabaseMySqlSchemaGrammarTest.php': 'mysql',
    'tests/Database/DatabaseMySqlBuilderTest.php': 'mysql',
    'tests/Database/DatabasePostgresSchemaGrammarTest.php': 'postgresql',
    'tests/Database/DatabasePostgresBuilderTest.php': 'postgresql',
  };
  for (const [rel, dialect] of Object.entries(byFile)) {
    const src = fs.readFileSync(path.join(root, rel), 'utf8');
    for (const lit of stringLiterals(src, 'php')) {
      if (lit.interpolated || !looksLikeStatement(lit.value)) continue;
      emit(dialect, lit.value, { ...base, file: rel, line: lit.line }, { placeholders: lit.value.includes('?') ? '?' : undefined });
    }
  }
  // The query builder test builds with several grammars; the builder made last in the test method says which.
  const rel = 'tests/Database/DatabaseQueryBuilderTest.php';
  const src = fs.readFileSync(path.join(root, rel), 'utf8');
  const builders = [...src.matchAll(/function\s+test\w*|get(MySql|Postgres|SQLite|SqlServer)?Builder(?:WithProcessor)?\s*\(/g)].map(
    (m) => ({
      at: m.index,
      grammar: m[0].startsWith('function') ? 'none' : (m[1] ?? 'generic'),
    }),
  );
  for (const lit of stringLiterals(src, 'php')) {
    if (lit.interpolated || !looksLikeStatement(lit.value)) continue;
    let grammar = 'none';
    for (const b of builders) if (b.at < lit.offset) grammar = b.grammar;
    const dialect = grammar === 'MySql' ? 'mysql' : grammar === 'Postgres' ? 'postgresql' : grammar === 'generic' ? 'postgresql' : null;
    if (!dialect) continue;
    emit(dialect, lit.value, { ...base, file: rel, line: lit.line }, { grammar, placeholders: lit.value.includes('?') ? '?' : undefined });
  }
  void version;
}

// --- Rails 6.1.7.10 Active Record adapter tests (MIT) ---------------------------------------------
{
  const root = one('rails/rails-');
  const base = {
    source: 'rails',
    pkg: 'rails (Debian source)',
    version: '2:6.1.7.10+dfsg-1~deb12u4 (orig tarball 6.1.7.10+dfsg)',
    license: 'MIT',
  };
  const ar = path.join(root, 'activerecord/test');
  const files = [
    ...fs.readdirSync(path.join(ar, 'cases/adapters/mysql2')).map((f) => ['mysql', `cases/adapters/mysql2/${f}`]),
    ['mysql', 'schema/mysql2_specific_schema.rb'],
    ...fs.readdirSync(path.join(ar, 'cases/adapters/postgresql')).map((f) => ['postgresql', `cases/adapters/postgresql/${f}`]),
    ['postgresql', 'schema/postgresql_specific_schema.rb'],
  ];
  for (const [dialect, rel] of files) {
    if (!rel.endsWith('.rb')) continue;
    const src = fs.readFileSync(path.join(ar, rel), 'utf8');
    for (const lit of stringLiterals(src, 'ruby')) {
      if (lit.interpolated || !looksLikeStatement(lit.value)) continue;
      emit(dialect, lit.value, { ...base, file: `activerecord/test/${rel}`, line: lit.line });
    }
  }
}

// --- Quartz 2.3.2 JDBC job store schemas (Apache-2.0) ----------------------------------------------
{
  const root = one('quartz/quartz-');
  const base = { source: 'quartz', pkg: 'libquartz2-java (Debian source)', version: '2.3.2', license: 'Apache-2.0' };
  const dir = 'quartz-core/src/main/resources/org/quartz/impl/jdbcjobstore';
  for (const [dialect, f] of [
    ['mysql', 'tables_mysql_innodb.sql'],
    ['mysql', 'tables_mysql.sql'],
    ['postgresql', 'tables_postgres.sql'],
  ]) {
    sqlFile(dialect, path.join(root, dir, f), { ...base, file: `${dir}/${f}` });
  }
}

// --- coturn 4.6.1 user database schemas (BSD-3-Clause) -----------------------------------------------
{
  const root = one('coturn/coturn-');
  const base = { source: 'coturn', pkg: 'coturn (Debian source)', version: '4.6.1', license: 'BSD-3-Clause' };
  for (const [dialect, f] of [
    ['mysql', 'docker/mysql/schema.sql'],
    ['mysql', 'turndb/testsqldbsetup.sql'],
    ['postgresql', 'docker/postgresql/schema.sql'],
  ]) {
    sqlFile(dialect, path.join(root, f), { ...base, file: f });
  }
}

// --- OpenDMARC 1.4.2 report database (BSD-3-Clause) --------------------------------------------------
{
  const root = one('opendmarc/OpenDMARC-');
  const base = { source: 'opendmarc', pkg: 'opendmarc (Debian source)', version: '1.4.2', license: 'BSD-3-Clause' };
  sqlFile('mysql', path.join(root, 'db/schema.mysql'), { ...base, file: 'db/schema.mysql' });
}

// --- sqlx 1.3.5 tests (MIT): schemas it runs on MySQL and PostgreSQL ------------------------------------
{
  const root = one('sqlx/sqlx-');
  const base = { source: 'sqlx', pkg: 'golang-github-jmoiron-sqlx (Debian source)', version: '1.3.5', license: 'MIT' };
  for (const rel of ['sqlx_test.go', 'sqlx_context_test.go']) {
    const src = fs.readFileSync(path.join(root, rel), 'utf8');
    for (const lit of stringLiterals(src, 'go')) {
      if (!looksLikeStatement(lit.value) && !/^\s*CREATE\s/i.test(lit.value)) continue;
      // A literal may hold several statements; the tests rewrite bindvars per driver.
      for (const dialect of ['mysql', 'postgresql']) {
        for (const s of splitSql(lit.value, dialect)) {
          if (s.psqlVars.length) continue;
          emit(
            dialect,
            s.text,
            { ...base, file: rel, line: lit.line + s.startLine - 1 },
            { placeholders: /\?/.test(s.text) ? '?' : /\$\d/.test(s.text) ? '$n' : undefined },
          );
        }
      }
    }
  }
}

// --- Written for this corpus (MIT, this repository): MySQL 8.0 syntax the public sources above lack ----
{
  const dir = new URL('./authored/', import.meta.url);
  const base = { source: 'authored', pkg: 'nilecare-lint bench/sql-corpus/collect/authored', version: '-', license: 'MIT' };
  for (const f of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.sql'))
    .sort()) {
    sqlFile('mysql', new URL(f, dir), { ...base, file: `collect/authored/${f}` });
  }
}

const lines = out.map((c) => JSON.stringify(Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined))));
fs.writeFileSync(outFile, lines.join('\n') + '\n');
const counts = {};
for (const c of out) counts[`${c.dialect} ${c.origin.source}`] = (counts[`${c.dialect} ${c.origin.source}`] ?? 0) + 1;
console.log(counts);
