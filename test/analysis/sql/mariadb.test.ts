import { describe, expect, it } from 'vitest';
import { analyzeSql, initSqlParsers } from '../../../src/analysis/sql/index.js';
import { at, refTuples, slice } from './helpers.js';

await initSqlParsers();

/** One MySQL statement: how it was read, its MariaDB constructs (with the text where MySQL 8 stops) and its references. */
function one(sql: string) {
  const statements = analyzeSql(sql, 'mysql').statements;
  expect(statements).toHaveLength(1);
  const [st] = statements;
  return {
    verdict: [st.parse, st.parseError?.message, st.unsupported, st.dialectSignal],
    mariadb: st.mariadb && [st.mariadb.constructs, slice(sql, st.mariadb.span)],
    refs: refTuples(sql, st.tableRefs),
    tables: st.tables.map((t) => [t.name, slice(sql, t.span)]),
  };
}

describe('MariaDB syntax MySQL 8 rejects: read in full, its constructs recorded where MySQL 8 stops', () => {
  it.each([
    [
      'CREATE OR REPLACE TABLE audit_events (id BIGINT PRIMARY KEY) ENGINE=Aria PAGE_CHECKSUM=1 WITH SYSTEM VERSIONING',
      ['CREATE OR REPLACE', 'table option PAGE_CHECKSUM', 'WITH SYSTEM VERSIONING'],
      'OR REPLACE',
      [['create', 'audit_events', 'audit_events']],
    ],
    [
      'CREATE TABLE ledger (id INT, note TEXT WITHOUT SYSTEM VERSIONING, rs TIMESTAMP(6) GENERATED ALWAYS AS ROW START INVISIBLE,' +
        ' re TIMESTAMP(6) GENERATED ALWAYS AS ROW END INVISIBLE, PERIOD FOR SYSTEM_TIME(rs, re)) WITH SYSTEM VERSIONING',
      ['WITH[OUT] SYSTEM VERSIONING', 'AS ROW START/END', 'PERIOD FOR', 'WITH SYSTEM VERSIONING'],
      'WITHOUT SYSTEM VERSIONING',
      [['create', 'ledger', 'ledger']],
    ],
    [
      'ALTER TABLE IF EXISTS audit_events ADD COLUMN IF NOT EXISTS request_id VARCHAR(64), DROP INDEX IF EXISTS idx_old,' +
        ' ADD CONSTRAINT fk_actor FOREIGN KEY IF NOT EXISTS (actor_id) REFERENCES actors (id)',
      ['ALTER TABLE IF EXISTS', 'ADD … IF NOT EXISTS', 'DROP … IF EXISTS'],
      'IF EXISTS',
      [
        ['alter', 'audit_events', 'audit_events'],
        ['references', 'actors', 'actors'],
      ],
    ],
    ['ALTER TABLE ledger ADD SYSTEM VERSIONING', ['ADD SYSTEM VERSIONING'], 'ADD SYSTEM VERSIONING', [['alter', 'ledger', 'ledger']]],
    [
      'CREATE INDEX IF NOT EXISTS idx_ledger_at ON ledger (at)',
      ['CREATE/DROP INDEX IF [NOT] EXISTS'],
      'IF NOT EXISTS',
      [['other', 'ledger', 'ledger']],
    ],
    [
      "SELECT l.id FROM ledger FOR SYSTEM_TIME AS OF TIMESTAMP '2024-01-01 00:00:00' AS l JOIN accounts a ON a.id = l.account_id",
      ['FOR SYSTEM_TIME'],
      "FOR SYSTEM_TIME AS OF TIMESTAMP '2024-01-01 00:00:00'",
      [
        ['select', 'ledger', 'ledger'],
        ['select', 'accounts', 'accounts'],
      ],
    ],
    [
      'SELECT * FROM ledger FOR SYSTEM_TIME BETWEEN NOW() - INTERVAL 1 DAY AND NOW() WHERE id = ?',
      ['FOR SYSTEM_TIME'],
      'FOR SYSTEM_TIME BETWEEN NOW() - INTERVAL 1 DAY AND NOW()',
      [['select', 'ledger', 'ledger']],
    ],
    [
      'SELECT * FROM audit_events FOR SYSTEM_TIME ALL WHERE id = ?',
      ['FOR SYSTEM_TIME'],
      'FOR SYSTEM_TIME ALL',
      [['select', 'audit_events', 'audit_events']],
    ],
    ["DELETE HISTORY FROM ledger BEFORE SYSTEM_TIME '2024-01-01'", ['DELETE HISTORY'], 'HISTORY', [['delete', 'ledger', 'ledger']]],
    [
      "UPDATE bookings FOR PORTION OF stay FROM '2024-01-01' TO '2024-01-05' SET rate = 90",
      ['FOR PORTION OF'],
      "FOR PORTION OF stay FROM '2024-01-01' TO '2024-01-05'",
      [['update', 'bookings', 'bookings']],
    ],
    [
      'INSERT INTO invoices (id, total) VALUES (NEXT VALUE FOR invoice_seq, 10)',
      ['NEXT VALUE FOR'],
      'NEXT VALUE FOR invoice_seq',
      [['insert', 'invoices', 'invoices']],
    ],
    ['CREATE TABLE hosts (id INT, ip INET6 NOT NULL)', ['column type INET6'], 'INET6', [['create', 'hosts', 'hosts']]],
  ])('%s', (sql, constructs, stopsAt, refs) => {
    const r = one(sql);
    expect(r.verdict).toEqual(['full', undefined, undefined, undefined]);
    expect(r.mariadb).toEqual([constructs, stopsAt]);
    expect(r.refs).toEqual(refs);
  });

  it('sequences are a statement family node-sql-parser has no grammar for: counted, their name read', () => {
    const sql = 'CREATE SEQUENCE IF NOT EXISTS audit_batch_seq START WITH 1 INCREMENT BY 1';
    const [st] = analyzeSql(sql, 'mysql').statements;
    expect([st.parse, st.parseError, st.unsupported, st.dialectSignal]).toEqual(['partial', undefined, 'CREATE SEQUENCE', undefined]);
    expect(st.mariadb).toEqual({ constructs: ['CREATE SEQUENCE'], span: at(sql, 'CREATE') });
    expect(st.sequences?.map((s) => slice(sql, s.span))).toEqual(['audit_batch_seq']);
    expect(one('DROP SEQUENCE IF EXISTS audit_batch_seq').verdict).toEqual(['partial', undefined, 'DROP SEQUENCE', undefined]);
  });

  it('RETURNING, a PostgreSQL marker PostgreSQL accepts: a dialect signal where MySQL 8 stops, the MariaDB reading kept beside it', () => {
    for (const [sql, returning] of [
      ['INSERT INTO accounts (email) VALUES (?) RETURNING id, created_at', 'RETURNING id, created_at'],
      ['DELETE FROM sessions WHERE expires_at < NOW() RETURNING id', 'RETURNING id'],
    ]) {
      const [st] = analyzeSql(sql, 'mysql').statements;
      expect([st.parse, st.dialectSignal, st.parseError?.message]).toEqual([
        'partial',
        'postgresql',
        'syntax error at or near "RETURNING"',
      ]);
      expect(st.mariadb).toEqual({ constructs: ['RETURNING'], span: at(sql, returning) });
    }
  });

  it('CREATE OR REPLACE TABLE creates its table: the DDL facts hold it at its name', () => {
    expect(one('CREATE OR REPLACE TABLE `dispensing_log` (id INT PRIMARY KEY)').tables).toEqual([['dispensing_log', '`dispensing_log`']]);
  });

  it('MySQL 8 statements carry no MariaDB constructs', () => {
    expect(one('CREATE TABLE t (id INT) ENGINE=InnoDB').mariadb).toBeUndefined();
    expect(one("SELECT JSON_VALUE(meta, '$.ref' RETURNING CHAR(64)) FROM t").mariadb).toBeUndefined();
  });

  it('PostgreSQL stays a dialect signal: syntax no MySQL-family engine accepts', () => {
    const r = one('INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO NOTHING RETURNING id');
    expect(r.verdict[3]).toBe('postgresql');
    expect(r.mariadb).toBeUndefined();
  });

  it.each([
    // IF EXISTS after ADD, IF NOT EXISTS after DROP: neither engine's grammar.
    ['ALTER TABLE t ADD COLUMN IF EXISTS c INT', 'syntax error at or near "EXISTS"', 'EXISTS'],
    ['ALTER TABLE t DROP COLUMN IF NOT EXISTS c', 'syntax error at or near "NOT"', 'NOT'],
    // Broken past the MariaDB construct: the error is where MariaDB's reading stops.
    ['CREATE OR REPLACE TABLE t (id INT,, x INT)', 'syntax error at or near ","', ','],
    ['SELECT * FROM t FOR SYSTEM_TIME AS OF', 'syntax error at or near "SYSTEM_TIME"', 'SYSTEM_TIME'],
    ['INSERT INTO t (a) VALUES (1) RETURNING', 'syntax error at or near "RETURNING"', 'RETURNING'],
    ['DROP SEQUENCE IF EXISTS', 'syntax error at end of input (the statement ends after "EXISTS")', 'EXISTS'],
  ])('invalid in MariaDB too: %s', (sql, message, token) => {
    const [st] = analyzeSql(sql, 'mysql').statements;
    expect([st.parse, st.parseError?.message, st.mariadb]).toEqual(['partial', message, undefined]);
    expect(slice(sql, st.parseError!.span)).toBe(token);
  });
});
