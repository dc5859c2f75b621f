/**
 * Statement shapes (src/analysis/sql/mysql-shape.ts) change no answer of node-sql-parser on a
 * corpus: every MySQL statement of the fixtures and of bench/sql-corpus, parsed as written and
 * through its shape. Its cost is the corpus (each statement parsed twice, over a second of CPU),
 * so it runs with the end-to-end suites; the shapes' own rules are tested in
 * test/analysis/sql/mysql-shape.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSql, clearSqlCache, initSqlParsers } from '../../src/analysis/sql/index.js';
import { clearMysqlCaches, shapeVerification } from '../../src/analysis/sql/mysql.js';
import { mysqlCorpusFiles } from '../support/sql-files.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('shapes change no answer of the parser', () => {
  const previous = process.env.NILECARE_VERIFY_MYSQL_SHAPES;
  beforeAll(async () => {
    await initSqlParsers();
    process.env.NILECARE_VERIFY_MYSQL_SHAPES = '1';
    clearMysqlCaches();
    clearSqlCache();
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.NILECARE_VERIFY_MYSQL_SHAPES;
    else process.env.NILECARE_VERIFY_MYSQL_SHAPES = previous;
  });

  it('on the SQL of the fixtures and of bench/sql-corpus, read as MySQL', () => {
    const files = mysqlCorpusFiles(root);
    expect(files.length).toBeGreaterThan(80);
    const before = shapeVerification().checked;
    for (const file of files) analyzeSql(readFileSync(file, 'utf8'), 'mysql');
    const { checked, mismatches } = shapeVerification();
    expect(
      mismatches.map((m) => `${m.statement}\n  as written: ${JSON.stringify(m.asWritten)}\n  by shape: ${JSON.stringify(m.byShape)}`),
    ).toEqual([]);
    // Most of the statements that reach the parser are read through a shape that is not their own text (the plain
    // DML and DDL the recogniser reads, mysql-recogniser.ts, never reach it: 329 are left of 400+).
    expect(checked - before).toBeGreaterThan(300);
  });
});
