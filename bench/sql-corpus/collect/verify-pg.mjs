#!/usr/bin/env node
/**
 * Step 2a: which PostgreSQL candidates PostgreSQL itself accepts.
 *
 *   node verify-pg.mjs <candidates.jsonl> <regress-err-dir> <out.jsonl>
 *     env NODE_PATH-free: LIBPG_QUERY=<dir of the libpg-query package>, PG_MODULE=<dir of the pg package>,
 *     PGHOST/PGPORT/PGUSER of a scratch PostgreSQL 15 server.
 *
 * Two checks per statement, both recorded:
 * - `libpgQuery`: PostgreSQL's parser as the linter ships it (libpg-query, PostgreSQL 18's grammar).
 * - `server`: a real PostgreSQL 15 server. Regression-suite statements were run by psql in schedule
 *   order (run-regress.sh); psql's `file:line: ERROR: SQLSTATE` lines are matched to the line that ends
 *   each statement. Other statements run one by one inside a transaction that is rolled back. SQLSTATE
 *   42601 (syntax_error) is a rejection; any other error means the server parsed the statement and then
 *   failed for want of context (a missing table, a permission), which says nothing against its syntax.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { bindQuestionMarks } from '../placeholders.mjs';

const [candFile, errDir, outFile] = process.argv.slice(2);
if (!candFile || !errDir || !outFile || !process.env.LIBPG_QUERY || !process.env.PG_MODULE) {
  console.error('usage: LIBPG_QUERY=… PG_MODULE=… node verify-pg.mjs <candidates.jsonl> <regress-err-dir> <out.jsonl>');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const pgq = await import(path.join(process.env.LIBPG_QUERY, 'wasm/index.js'));
await pgq.loadModule();
const { Client } = require(process.env.PG_MODULE);

const candidates = fs
  .readFileSync(candFile, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l))
  .filter((c) => c.dialect === 'postgresql');

/** psql error lines per regress file: Map<file, Map<line, sqlstate[]>>. */
const regressErrors = new Map();
for (const f of fs.readdirSync(errDir)) {
  const text = fs.readFileSync(path.join(errDir, f), 'utf8');
  for (const m of text.matchAll(/^psql:(?:sql\/)?([^:]+):(\d+): ERROR:\s+([0-9A-Z]{5}):/gm)) {
    const file = m[1];
    const byLine = regressErrors.get(file) ?? new Map();
    const codes = byLine.get(Number(m[2])) ?? [];
    codes.push(m[3]);
    byLine.set(Number(m[2]), codes);
    regressErrors.set(file, byLine);
  }
}
const ranRegress = new Set(fs.readdirSync(errDir).map((f) => f.replace(/\.err$/, '').replace(/^pl_/, '') + '.sql'));

function libpg(sql) {
  try {
    pgq.parseSync(sql);
    return 'ok';
  } catch (e) {
    return `error: ${String(e.message).split('\n')[0].slice(0, 160)}`;
  }
}

const client = new Client({ database: process.env.PGDATABASE ?? 'corpus_check', statement_timeout: 5000, query_timeout: 10000 });
await client.connect();

/** Statements that would leave the scratch session changed or cannot run in the check's transaction. */
const TXN_CONTROL =
  /^\s*(begin|start\s+transaction|commit|end|rollback|abort|savepoint|release|prepare\s+transaction|commit\s+prepared|rollback\s+prepared)\b/i;

async function server(sql) {
  if (TXN_CONTROL.test(sql)) return 'not-run: transaction control';
  try {
    await client.query('BEGIN');
    await client.query(sql);
    return 'ok';
  } catch (e) {
    return e.code ?? `error: ${String(e.message).slice(0, 80)}`;
  } finally {
    try {
      await client.query('ROLLBACK');
      await client.query('RESET SESSION AUTHORIZATION; RESET ROLE; RESET ALL');
    } catch {
      // a broken connection shows up as errors on the next statements
    }
  }
}

const out = fs.createWriteStream(outFile);
let done = 0;
for (const c of candidates) {
  const checked = c.placeholders === '?' ? bindQuestionMarks(c.text) : c.text;
  const rec = { ...c, checks: {} };
  if (checked !== c.text) rec.checks.boundText = checked;
  rec.checks.libpgQuery = c.psqlVars ? 'n/a: psql variables' : libpg(checked);
  if (c.origin.source === 'postgresql-regress') {
    const file = path.basename(c.origin.file);
    if (!ranRegress.has(file)) rec.checks.server = 'not-run';
    else if (c.origin.mayQuit) rec.checks.server = 'not-run: the file may \\quit early';
    else {
      const codes = regressErrors.get(file)?.get(c.origin.endLine) ?? [];
      rec.checks.server = codes.length === 0 ? 'ok' : codes.join(',');
      rec.checks.serverContext = 'regression schedule (psql)';
    }
  } else if (!c.psqlVars) {
    rec.checks.server = await server(checked);
    rec.checks.serverContext = 'alone, rolled back';
  }
  out.write(JSON.stringify(rec) + '\n');
  if (++done % 5000 === 0) console.error(`${done}/${candidates.length}`);
}
out.end();
await client.end();
console.error(`checked ${done} PostgreSQL candidates`);
