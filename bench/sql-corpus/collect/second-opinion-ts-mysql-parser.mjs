#!/usr/bin/env node
/**
 * How would ts-mysql-parser (an ANTLR MySQL grammar, a candidate second opinion for MySQL) judge the
 * MySQL corpus, and in particular the statements the linter flags today?
 *
 *   node bench/sql-corpus/measure.mjs --json /tmp/m.json
 *   TS_MYSQL_PARSER=/tmp/tools/node_modules/ts-mysql-parser node collect/second-opinion-ts-mysql-parser.mjs /tmp/m.json
 *
 * ts-mysql-parser is installed outside the repository (`npm install --prefix /tmp/tools ts-mysql-parser
 * antlr4ts@0.5.0-alpha.4`; antlr4ts 0.5.0-dev, which its range also admits, fails to load).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseCorpusFile } from '../measure.mjs';

const [measureJson] = process.argv.slice(2);
if (!measureJson || !process.env.TS_MYSQL_PARSER) {
  console.error('usage: TS_MYSQL_PARSER=<dir of ts-mysql-parser> node second-opinion-ts-mysql-parser.mjs <measure --json output>');
  process.exit(2);
}
const require = createRequire(path.join(process.env.TS_MYSQL_PARSER, 'package.json'));
const mod = require(process.env.TS_MYSQL_PARSER);
const Parser = mod.default ?? mod;
const parser = new Parser({ version: '8.0.30' });
const accepts = (sql) => {
  const r = parser.parse(sql);
  return !r.parserError && !r.lexerError;
};

// It must reject invalid SQL, or its acceptance of the rest means nothing.
const invalid = [
  'SELECT * FROM WHERE x',
  'CREATE TABLE (id int)',
  "INSERT INTO t VALUES ('a'",
  'ALTER TABLE t ADD',
  'SELEC 1',
  'UPDATE t SET WHERE a = 1',
];
const invalidAccepted = invalid.filter(accepts);

const measured = JSON.parse(fs.readFileSync(measureJson, 'utf8'));
const flaggedIds = new Set(
  measured.entries.filter((e) => e.file.startsWith('mysql/') && e.diagnostics.length > 0).map((e) => `${e.file}:${e.id}`),
);
if (flaggedIds.size === 0 && !measured.entries.some((e) => e.file.startsWith('mysql/')))
  throw new Error(`${measureJson} has no MySQL entries`);

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../mysql');
const counts = { flaggedAccepted: 0, flaggedRejected: 0, cleanAccepted: 0, cleanRejected: 0 };
const rejectedValid = [];
const started = Date.now();
let n = 0;
for (const f of fs
  .readdirSync(dir)
  .filter((x) => x.endsWith('.sql'))
  .sort()) {
  for (const e of parseCorpusFile(fs.readFileSync(path.join(dir, f), 'utf8'), `mysql/${f}`)) {
    const flagged = flaggedIds.has(`${e.file}:${e.id}`);
    const ok = accepts(e.text);
    counts[`${flagged ? 'flagged' : 'clean'}${ok ? 'Accepted' : 'Rejected'}`]++;
    if (!ok) rejectedValid.push(`${e.file} ${e.id}: ${e.text.replace(/\s+/g, ' ').slice(0, 110)}`);
    n++;
  }
}
const ms = Date.now() - started;
console.log(`ts-mysql-parser on ${n} valid MySQL statements (${(ms / n).toFixed(1)} ms each):`);
console.log(
  `  of the ${counts.flaggedAccepted + counts.flaggedRejected} the linter flags: accepts ${counts.flaggedAccepted}, rejects ${counts.flaggedRejected}`,
);
console.log(
  `  of the ${counts.cleanAccepted + counts.cleanRejected} the linter accepts: accepts ${counts.cleanAccepted}, rejects ${counts.cleanRejected}`,
);
console.log(
  `  invalid probes accepted: ${invalidAccepted.length} of ${invalid.length}${invalidAccepted.length ? ` (${invalidAccepted.join(' | ')})` : ''}`,
);
console.log('  valid statements it rejects:');
for (const r of rejectedValid) console.log(`    ${r}`);
