/**
 * The recogniser (src/analysis/sql/mysql-recogniser.ts) gives node-sql-parser's answer wherever it
 * answers: every MySQL statement of the fixtures and of bench/sql-corpus, and every word the
 * parser's build spells (src/analysis/sql/mysql-grammar-words.ts, alone and as the start of a longer
 * name) in every position where the recogniser reads a name, are read by both and compared. Its cost
 * is thousands of parses, so it runs with the end-to-end suites; the recogniser's own grammar is
 * tested in test/analysis/sql/mysql-recogniser.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSql, clearSqlCache, initSqlParsers } from '../../src/analysis/sql/index.js';
import { clearMysqlCaches, recogniserVerification, verifyRecognised } from '../../src/analysis/sql/mysql.js';
import { MYSQL_GRAMMAR_WORDS } from '../../src/analysis/sql/mysql-grammar-words.js';
import { recogniseMysql } from '../../src/analysis/sql/mysql-recogniser.js';
import { tokenize } from '../../src/analysis/sql/tokenizer.js';
import { significant } from '../../src/analysis/sql/tokview.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every `.sql` file below `dir`. */
function sqlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.sql'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

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
];

function mismatchReport(): string[] {
  return recogniserVerification().mismatches.map(
    (m) => `${m.statement}\n  parsed: ${JSON.stringify(m.parsed)}\n  recognised: ${JSON.stringify(m.recognised)}`,
  );
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
    const files = [
      ...sqlFiles(path.join(root, 'fixtures')),
      ...sqlFiles(path.join(root, 'bench', 'sql-corpus', 'mysql')),
      ...sqlFiles(path.join(root, 'bench', 'sql-corpus', 'invalid-mysql')),
    ];
    expect(files.length).toBeGreaterThan(80);
    const before = recogniserVerification().checked;
    for (const file of files) analyzeSql(readFileSync(file, 'utf8'), 'mysql');
    expect(mismatchReport()).toEqual([]);
    expect(recogniserVerification().checked - before).toBeGreaterThan(80);
  });

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
