import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { MYSQL_RESERVED, recogniseMysql } from '../../../src/analysis/sql/mysql-recogniser.js';
import { tokenize } from '../../../src/analysis/sql/tokenizer.js';
import { significant } from '../../../src/analysis/sql/tokview.js';

function recognise(text: string): ReturnType<typeof recogniseMysql> {
  return recogniseMysql(text, significant(tokenize(text, 'mysql')), 0, text.length);
}

/** node-sql-parser's own answer for `text`: its table list as `action::db::table`, or the error. */
function parserTables(text: string): string[] | 'rejected' {
  const { Parser } = createRequire(import.meta.url)('node-sql-parser/build/mysql') as {
    Parser: new () => { parse(sql: string, opt: object): { tableList: string[] } };
  };
  try {
    return new Parser().parse(text, { database: 'MySQL' }).tableList;
  } catch {
    return 'rejected';
  }
}

function asEntries(tables: ReturnType<typeof recogniseMysql>): string[] | undefined {
  return tables?.map((t) => `${t.action}::${t.db ?? 'null'}::${t.table}`);
}

describe('the MySQL recogniser', () => {
  it('has the installed parser’s reserved-word table', () => {
    const build = readFileSync(createRequire(import.meta.url).resolve('node-sql-parser/build/mysql'), 'utf8');
    const table = /[{,]ALTER:!0,[A-Z_0-9:!,]*}/.exec(build)?.[0];
    expect(table).toBeDefined();
    const words = [...table!.matchAll(/([A-Z_0-9]+):!0/g)].map((m) => m[1]).sort();
    expect([...MYSQL_RESERVED].sort()).toEqual(words);
  });

  it.each([
    ['INSERT INTO appointments (id, patient_id, created_at) VALUES (?, ?, NOW())', ['insert::null::appointments']],
    [
      'INSERT INTO `billing`.`invoices` (id, total) VALUES (?, ?), (UUID(), 0) ON DUPLICATE KEY UPDATE total = VALUES(total), updated_at = NOW()',
      ['insert::billing::invoices'],
    ],
    [
      'UPDATE insurance_claims SET status = ?, updated_at = NOW() WHERE id = ? AND NOT EXISTS (SELECT 1 FROM claim_items ci WHERE ci.claim_id = ?)',
      ['select::null::claim_items', 'update::null::insurance_claims'],
    ],
    ['UPDATE t SET a = a + 1 WHERE b IS NULL ORDER BY id LIMIT 100', ['update::null::t']],
    [
      'DELETE FROM clinical_data.sessions WHERE expires_at < DATE_SUB(NOW(), INTERVAL ? DAY) LIMIT 500',
      ['delete::clinical_data::sessions'],
    ],
    // Nested SELECTs are complete first, then the FROM list of the one around them, in the parser's order.
    [
      'SELECT (SELECT COUNT(*) FROM s) AS n, a.x FROM t1 a LEFT JOIN t2 b ON b.id = a.id WHERE a.y IN (SELECT z FROM t3) AND EXISTS (SELECT 1 FROM t1)',
      ['select::null::s', 'select::null::t3', 'select::null::t1', 'select::null::t2'],
    ],
    [
      "WITH recent AS (SELECT i.id, i.total FROM invoices i WHERE i.created_at >= DATE_SUB(NOW(), INTERVAL 7 DAY)) SELECT DATE_FORMAT(r.created_at, '%Y-%m') AS m, SUM(CASE WHEN r.total > 0 THEN 1 ELSE 0 END) FROM recent r GROUP BY m HAVING COUNT(*) >= ? ORDER BY m DESC LIMIT ? OFFSET ?",
      ['select::null::invoices', 'select::null::recent'],
    ],
    [
      'SELECT ranked.* FROM (SELECT a.id, ROW_NUMBER() OVER (PARTITION BY a.user_id ORDER BY a.created_at DESC) AS position FROM sessions a) ranked WHERE ranked.position <= ?',
      ['select::null::sessions'],
    ],
    // A schema file's CREATE TABLE: only the created table is listed, never a foreign key's target.
    [
      [
        'CREATE TABLE IF NOT EXISTS claims (',
        '  id CHAR(36) NOT NULL DEFAULT (UUID()),',
        '  patient_id VARCHAR(100) NULL,',
        '  claim_amount DECIMAL(12,2) NOT NULL DEFAULT 0.00,',
        "  status ENUM('pending', 'paid') NOT NULL DEFAULT 'pending',",
        '  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,',
        '  PRIMARY KEY (id),',
        '  INDEX idx_claims_status (status),',
        '  CONSTRAINT fk_claims_patient_id FOREIGN KEY (patient_id) REFERENCES clinical_data.patients(id) ON DELETE RESTRICT',
        ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
      ].join('\n'),
      ['create::null::claims'],
    ],
    [
      "CREATE TABLE `billing`.`invoices` (id BIGINT(20) UNSIGNED AUTO_INCREMENT PRIMARY KEY, total INT DEFAULT -1 COMMENT 'cents', UNIQUE KEY uq_total (total, id), FOREIGN KEY (id) REFERENCES u (id) ON DELETE SET NULL ON UPDATE NO ACTION) AUTO_INCREMENT=100, COMMENT='x'",
      ['create::billing::invoices'],
    ],
    [
      'ALTER TABLE invoices ADD COLUMN archived_at TIMESTAMP NULL AFTER status, ADD KEY idx_archived (archived_at)',
      ['alter::null::invoices'],
    ],
    [
      'ALTER TABLE billing.allocations ADD CONSTRAINT fk_a FOREIGN KEY (payment_id) REFERENCES payments (id), DROP COLUMN legacy',
      ['alter::billing::allocations'],
    ],
    // The parser lists no table for CREATE INDEX.
    ['CREATE UNIQUE INDEX idx_waitlist ON clinic.waitlist (patient_id, created_at)', []],
  ])('reads %s as the parser does', (text, entries) => {
    expect(asEntries(recognise(text))).toEqual(entries);
    expect(parserTables(text)).toEqual(entries);
  });

  it.each([
    // Outside its grammar: the parser decides.
    'SELECT a FROM t -- why\nWHERE b = 1',
    'SELECT a FROM t /* note */ WHERE b = 1',
    'SELECT a FROM t WHERE b = "x"',
    "SELECT a FROM t WHERE b = 'it''s'",
    "SELECT a FROM t WHERE b = 'a\\'b'",
    'SELECT a FROM t WHERE b = ? FOR UPDATE',
    'SELECT a FROM t UNION SELECT b FROM u',
    'SELECT GROUP_CONCAT(a) FROM t',
    'SELECT COUNT(DISTINCT a) FROM t',
    'SELECT a FROM t WHERE b = @v',
    'SELECT a FROM tä',
    'SELECT a\u00a0FROM t',
    'SELECT a FROM t RIGHT JOIN u ON u.a = t.a',
    'UPDATE t x SET x.a = 1',
    'UPDATE t JOIN u ON u.a = t.a SET t.b = 1',
    'DELETE t FROM t JOIN u ON u.a = t.a',
    'INSERT INTO t VALUES (?)',
    'INSERT INTO t (a) SELECT b FROM u',
    'REPLACE INTO t (a) VALUES (?)',
    'SELECT a FROM t WHERE b = $1',
    'UPDATE t SET a = ? WHERE a = ? LIMIT 1, 2',
    'SELECT NOW(6) FROM t',
    // CREATE TABLE outside its grammar: other statements, types, attributes, definitions and options.
    'CREATE TEMPORARY TABLE t (a INT)',
    'CREATE OR REPLACE TABLE t (a INT)',
    'CREATE TABLE t LIKE u',
    'CREATE TABLE t (a INT) PARTITION BY RANGE (a) (PARTITION p0 VALUES LESS THAN (10))',
    'CREATE TABLE t (a UUID)',
    'CREATE TABLE t (a INT NOT NULL NOT NULL)',
    'CREATE TABLE t (a INT GENERATED ALWAYS AS (1) STORED)',
    'CREATE TABLE t (a VARCHAR(10) CHARACTER SET utf8mb4)',
    'CREATE TABLE t (a INT DEFAULT (1 + 1))',
    'CREATE TABLE t (a INT, KEY k (a(10)))',
    'CREATE TABLE t (a INT, INDEX k (a DESC))',
    'CREATE TABLE t (a INT, CHECK (a > 0))',
    'CREATE TABLE t (a INT, FULLTEXT KEY k (a))',
    'CREATE TABLE t (a INT, FOREIGN KEY (a) REFERENCES u (b) ON DELETE SET DEFAULT)',
    'CREATE TABLE t (a INT) ENGINE=`InnoDB`',
    'CREATE TABLE t (a INT) ENGINE InnoDB',
    'CREATE TABLE t (a INT) ROW_FORMAT=DYNAMIC',
    'CREATE TABLE t (index INT)',
    'CREATE TABLE t (a VARCHAR)',
    'CREATE INDEX k ON t (a(10))',
    'CREATE INDEX k ON t (a) USING BTREE',
    'ALTER TABLE t DROP a',
    'ALTER TABLE t DROP INDEX k',
    'ALTER TABLE t MODIFY COLUMN a INT',
    'ALTER TABLE t RENAME COLUMN a TO b',
    'ALTER TABLE t ADD INDEX k (a) AFTER b',
    'ALTER TABLE t ADD COLUMN a INT AFTER b FIRST',
  ])('leaves %j to the parser', (text) => {
    expect(recognise(text)).toBeUndefined();
  });

  it.each([
    // The parser rejects these; the recogniser must not accept them.
    'INSERT INTO t (a, b) VALUES (?)',
    'SELECT a FROM dual_archive',
    'SELECT sql_cache, b FROM t',
    'SELECT a FROM order',
    'SELECT a FROM t WHERE',
    'SELECT a, FROM t',
    'CREATE TABLE t (a INT,)',
    'CREATE TABLE t ()',
    'CREATE TABLE t (a INT) DEFAULT ENGINE=InnoDB',
    'CREATE TABLE t (a INT, KEY (a) x)',
    'ALTER TABLE t ADD',
    'ALTER TABLE t ADD COLUMN c INT,',
    'CREATE INDEX ON t (a)',
  ])('declines %j, which the parser rejects', (text) => {
    expect(parserTables(text)).toBe('rejected');
    expect(recognise(text)).toBeUndefined();
  });
});
