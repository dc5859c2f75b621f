#!/usr/bin/env node
/**
 * Step 2b: a second opinion on the MySQL candidates from a real server. No MySQL 8 server is available
 * from the package registries this project can reach; Debian ships MariaDB 10.11. MariaDB accepting a
 * statement is evidence, not proof, of MySQL 8 validity, and MariaDB rejects some MySQL 8 syntax
 * (functional key parts, `VALUES ROW()`, `TABLE t`, …), so a rejection is recorded, not decisive.
 *
 *   node verify-mariadb.mjs <candidates.jsonl> <out.jsonl>
 *     env MYSQL2_MODULE=<dir of the mysql2 package>, MARIADB_SOCKET=<socket of a scratch server>
 *
 * Each statement runs on a fresh connection in a scratch database (DDL commits in MySQL, so nothing can
 * be rolled back). The server is emptied first: every non-system database and user is dropped, so never
 * point this at a server that holds anything of value. Statements with `?` placeholders are PREPAREd, as drivers
 * do. Error 1064 (ER_PARSE_ERROR) and 1149 (ER_SYNTAX_ERROR) are rejections; any other error means the
 * server parsed the statement and failed for want of context.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

const [candFile, outFile] = process.argv.slice(2);
if (!candFile || !outFile || !process.env.MYSQL2_MODULE || !process.env.MARIADB_SOCKET) {
  console.error('usage: MYSQL2_MODULE=… MARIADB_SOCKET=… node verify-mariadb.mjs <candidates.jsonl> <out.jsonl>');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const mysql = require(`${process.env.MYSQL2_MODULE}/promise`);

const lines = fs
  .readFileSync(candFile, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const candidates = lines.filter((c) => c.dialect === 'mysql');

const NEVER = /^\s*(shutdown|kill|restart|set\s+global|set\s+persist|purge|reset\s+(master|replica|slave))\b/i;

async function check(sql, prepared) {
  if (NEVER.test(sql)) return 'not-run: affects the server';
  const conn = await mysql.createConnection({ socketPath: process.env.MARIADB_SOCKET, user: 'root', multipleStatements: false });
  try {
    await conn.query('CREATE DATABASE IF NOT EXISTS corpus_check');
    await conn.query('USE corpus_check');
    await conn.query('SET SESSION max_statement_time = 5');
    if (prepared) await conn.prepare(sql);
    else await conn.query(sql);
    return 'ok';
  } catch (e) {
    return e.errno ? String(e.errno) : `error: ${String(e.message).slice(0, 80)}`;
  } finally {
    await conn.end().catch(() => conn.destroy());
  }
}

/**
 * Statements create databases, users, roles and servers; a second run would then meet "already exists"
 * errors instead of the first run's results. Start from an empty scratch server every time.
 */
async function resetScratch() {
  const conn = await mysql.createConnection({ socketPath: process.env.MARIADB_SOCKET, user: 'root' });
  try {
    const [dbs] = await conn.query('SHOW DATABASES');
    for (const { Database: db } of dbs) {
      if (!['information_schema', 'mysql', 'performance_schema', 'sys'].includes(db)) await conn.query(`DROP DATABASE \`${db}\``);
    }
    const [users] = await conn.query(
      "SELECT User, Host, is_role FROM mysql.user WHERE User NOT IN ('root', 'mysql', 'mariadb.sys', 'PUBLIC', '')",
    );
    for (const u of users)
      await conn.query(u.is_role === 'Y' ? 'DROP ROLE ?' : 'DROP USER ?@?', u.is_role === 'Y' ? [u.User] : [u.User, u.Host]);
    await conn.query('DELETE FROM mysql.servers');
    await conn.query('FLUSH PRIVILEGES');
  } finally {
    await conn.end();
  }
}
await resetScratch();

const out = fs.createWriteStream(outFile);
let n = 0;
for (const c of candidates) {
  const prepared = c.placeholders === '?';
  const result = await check(c.text, prepared);
  out.write(
    JSON.stringify({ ...c, checks: { ...(c.checks ?? {}), mariadb: result, mariadbMode: prepared ? 'PREPARE' : 'executed' } }) + '\n',
  );
  n++;
}
out.end();
console.error(`checked ${n} MySQL candidates on MariaDB`);
