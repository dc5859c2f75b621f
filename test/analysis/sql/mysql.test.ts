import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeSql, holePlaceholder, initSqlParsers } from '../../../src/analysis/sql/index.js';
import { at, atAfter, refTuples, slice } from './helpers.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const fixture = (name: string): string => readFileSync(path.join(root, 'fixtures/sql', name), 'utf8');

// Top-level await: describe blocks below analyse at collection time.
await initSqlParsers();

describe('MySQL table references', () => {
  it('finds FROM, JOIN, subquery, EXISTS and CTE-body tables; a CTE name is not a table', () => {
    const sql = [
      'WITH recent_orders AS (SELECT id, patient_id FROM lab.orders WHERE created_at > NOW() - INTERVAL 7 DAY)',
      'SELECT p.id, r.value',
      'FROM clinical_data.patients p',
      '  JOIN `lab`.`results` r ON r.patient_id = p.id',
      '  LEFT JOIN recent_orders ro ON ro.patient_id = p.id',
      'WHERE p.id IN (SELECT patient_id FROM appointments WHERE EXTRACT(YEAR FROM starts_at) = 2024)',
      '  AND EXISTS (SELECT 1 FROM invoices i WHERE i.patient_id = p.id)',
    ].join('\n');
    const [st] = analyzeSql(sql, 'mysql').statements;
    expect(st.kind).toBe('select');
    expect(st.parse).toBe('full');
    expect(st.tableRefs).toEqual([
      { name: 'orders', qualifier: 'lab', action: 'select', span: at(sql, 'lab.orders') },
      { name: 'patients', qualifier: 'clinical_data', action: 'select', span: at(sql, 'clinical_data.patients') },
      { name: 'results', qualifier: 'lab', action: 'select', span: at(sql, '`lab`.`results`') },
      { name: 'appointments', action: 'select', span: at(sql, 'appointments') },
      { name: 'invoices', action: 'select', span: at(sql, 'invoices') },
    ]);
    // Exact characters, e.g. the backtick-qualified name includes its quotes.
    expect(slice(sql, st.tableRefs[2].span)).toBe('`lab`.`results`');
    expect(st.tableRefs[1].span).toEqual({ start: 130, end: 152 });
  });

  it('UNION branches and comma-separated FROM lists', () => {
    const sql = 'SELECT id FROM a, b AS bb, `c` WHERE a.x = bb.y UNION ALL SELECT id FROM d';
    const [st] = analyzeSql(sql, 'mysql').statements;
    expect(refTuples(sql, st.tableRefs)).toEqual([
      ['select', 'a', 'a'],
      ['select', 'b', 'b'],
      ['select', 'c', '`c`'],
      ['select', 'd', 'd'],
    ]);
    expect(st.tableRefs[0].span).toEqual({ start: 15, end: 16 });
  });

  it('INSERT … SELECT', () => {
    const sql = 'INSERT INTO billing.invoice_archive (id, total)\nSELECT id, total FROM invoices WHERE paid_at < ?';
    const [st] = analyzeSql(sql, 'mysql').statements;
    expect(st.kind).toBe('insert');
    expect(st.tableRefs).toEqual([
      { name: 'invoice_archive', qualifier: 'billing', action: 'insert', span: at(sql, 'billing.invoice_archive') },
      { name: 'invoices', action: 'select', span: at(sql, 'invoices') },
    ]);
  });

  it('UPDATE with JOIN: the tables its SET assigns are updated (here both: MySQL writes i.paid too)', () => {
    const sql = "UPDATE payments p\n  JOIN invoices i ON i.id = p.invoice_id\nSET p.status = 'settled', i.paid = 1\nWHERE p.id = ?";
    const [st] = analyzeSql(sql, 'mysql').statements;
    expect(st.kind).toBe('update');
    expect(st.tableRefs).toEqual([
      { name: 'payments', action: 'update', span: at(sql, 'payments') },
      { name: 'invoices', action: 'update', span: at(sql, 'invoices') },
    ]);
  });

  it('multi-table UPDATE: the tables the SET targets (by alias or name) are written, the others of its list read (issue 14)', () => {
    const cases: Array<[string, Array<[string, string, string]>]> = [
      [
        'UPDATE orders p, order_items i SET p.total = i.sum WHERE p.id = i.order_id',
        [
          ['update', 'orders', 'orders'],
          ['select', 'order_items', 'order_items'],
        ],
      ],
      [
        'UPDATE orders o JOIN customers c ON c.id = o.customer_id SET c.last_order = o.id',
        [
          ['select', 'orders', 'orders'],
          ['update', 'customers', 'customers'],
        ],
      ],
      [
        'UPDATE `shop`.`orders` AS o, items SET items.z = 2 WHERE items.o = o.id',
        [
          ['select', 'shop.orders', '`shop`.`orders`'],
          ['update', 'items', 'items'],
        ],
      ],
      [
        'UPDATE a, b SET b.y = (SELECT MAX(x) FROM c) WHERE a.id = b.id',
        [
          ['select', 'a', 'a'],
          ['update', 'b', 'b'],
          ['select', 'c', 'c'],
        ],
      ],
      // An assignment naming no table: MySQL picks the table by column, which the text does not show.
      [
        'UPDATE a, b SET x = 1, b.y = 2',
        [
          ['update', 'a', 'a'],
          ['update', 'b', 'b'],
        ],
      ],
      // One table, with a subquery read: unchanged.
      [
        'UPDATE orders o SET o.total = 1 WHERE o.id IN (SELECT order_id FROM items)',
        [
          ['update', 'orders', 'orders'],
          ['select', 'items', 'items'],
        ],
      ],
    ];
    for (const [sql, refs] of cases) expect(refTuples(sql, analyzeSql(sql, 'mysql').statements[0].tableRefs), sql).toEqual(refs);
  });

  it('DELETE, and multi-table DELETE … JOIN', () => {
    const sql =
      'DELETE FROM sessions WHERE expires_at < NOW();\nDELETE s FROM auth_sessions s JOIN auth_users u ON u.id = s.user_id WHERE u.deleted_at IS NOT NULL';
    const [a, b] = analyzeSql(sql, 'mysql').statements;
    expect(a.kind).toBe('delete');
    expect(a.tableRefs).toEqual([{ name: 'sessions', action: 'delete', span: at(sql, 'sessions') }]);
    expect(b.tableRefs).toEqual([
      { name: 'auth_sessions', action: 'delete', span: at(sql, 'auth_sessions') },
      { name: 'auth_users', action: 'select', span: at(sql, 'auth_users') },
    ]);
  });

  it('a transaction updating two tables: spans are relative to the whole text', () => {
    const sql = [
      'START TRANSACTION;',
      "UPDATE payments SET status = 'completed' WHERE id = ?;",
      "UPDATE invoices SET status = 'paid', paid_at = NOW() WHERE id = ?;",
      'COMMIT;',
    ].join('\n');
    const { statements } = analyzeSql(sql, 'mysql');
    expect(statements.map((s) => s.kind)).toEqual(['other', 'update', 'update', 'other']);
    expect(statements[1].tableRefs).toEqual([{ name: 'payments', action: 'update', span: { start: 26, end: 34 } }]);
    expect(statements[2].tableRefs).toEqual([{ name: 'invoices', action: 'update', span: at(sql, 'invoices') }]);
    expect(statements[2].span).toEqual({ start: at(sql, 'UPDATE invoices').start, end: at(sql, 'WHERE id = ?;', 1).end - 1 });
  });

  it('the same table twice gets two different spans', () => {
    const sql = 'SELECT * FROM patients a JOIN patients b ON a.parent_id = b.id';
    const [st] = analyzeSql(sql, 'mysql').statements;
    expect(st.tableRefs.map((r) => r.span)).toEqual([at(sql, 'patients', 0), at(sql, 'patients', 1)]);
  });

  it('does not take columns, variables or functions for tables', () => {
    const sql = [
      'INSERT INTO counters (name, hits) VALUES (?, 1) ON DUPLICATE KEY UPDATE hits = hits + 1;',
      "SELECT TRIM(BOTH ' ' FROM name), SUBSTRING(code FROM 2) FROM codes FOR UPDATE;",
      'SELECT * FROM DUAL',
    ].join('\n');
    const { statements } = analyzeSql(sql, 'mysql');
    expect(
      refTuples(
        sql,
        statements.flatMap((s) => s.tableRefs),
      ),
    ).toEqual([
      ['insert', 'counters', 'counters'],
      ['select', 'codes', 'codes'],
    ]);
  });

  it('node-sql-parser adds tables the tokens missed but never removes token references', () => {
    // `tables` is a keyword the token reader refuses as a name; the parser lists it, so it is placed on its tokens.
    const a = 'SELECT * FROM tables WHERE 1';
    expect(analyzeSql(a, 'mysql').statements[0].tableRefs).toEqual([{ name: 'tables', action: 'select', span: at(a, 'tables') }]);
    // node-sql-parser's table list omits `b` and `c` here; the token references stay.
    const b = 'SELECT * FROM a LEFT JOIN (b, c) ON (b.x = a.x AND c.y = a.y)';
    const [st] = analyzeSql(b, 'mysql').statements;
    expect(st.parse).toBe('full');
    expect(refTuples(b, st.tableRefs)).toEqual([
      ['select', 'a', 'a'],
      ['select', 'b', 'b'],
      ['select', 'c', 'c'],
    ]);
    const c = "LOAD DATA INFILE '/tmp/x.csv' INTO TABLE imports FIELDS TERMINATED BY ','";
    expect(refTuples(c, analyzeSql(c, 'mysql').statements[0].tableRefs)).toEqual([['insert', 'imports', 'imports']]);
  });

  it('drops references through unresolved template holes instead of guessing', () => {
    const sql = `SELECT * FROM ${holePlaceholder(0)} t JOIN audit_logs a ON a.id = t.id WHERE a.kind = ${holePlaceholder(1)};\nUPDATE \`${holePlaceholder(2)}\` SET x = 1;\nSELECT * FROM ${holePlaceholder(3)}.patients, patients_${holePlaceholder(4)}`;
    const { statements } = analyzeSql(sql, 'mysql');
    expect(holePlaceholder(3)).toBe('__nl_hole_3__');
    expect(
      refTuples(
        sql,
        statements.flatMap((s) => s.tableRefs),
      ),
    ).toEqual([['select', 'audit_logs', 'audit_logs']]);
    // Kept apart as written, placeholders and all, for the model to complete where it knows a hole's value.
    expect(
      refTuples(
        sql,
        statements.flatMap((s) => s.holeRefs ?? []),
      ),
    ).toEqual([
      ['select', '__nl_hole_0__', holePlaceholder(0)],
      ['update', '__nl_hole_2__', `\`${holePlaceholder(2)}\``],
      ['select', '__nl_hole_3__.patients', `${holePlaceholder(3)}.patients`],
      ['select', 'patients___nl_hole_4__', `patients_${holePlaceholder(4)}`],
    ]);
  });

  it('keeps no hole reference for a driver identifier placeholder or a name without holes', () => {
    const [st] = analyzeSql('SELECT * FROM __nl_hole_identifier__ JOIN orders o ON o.id = 1', 'mysql').statements;
    expect(st.holeRefs).toBeUndefined();
  });

  it('keeps references from tokens with parse "partial" when node-sql-parser rejects the statement', () => {
    const sql = 'SELECT p.id FROM clinical_data.patients p JOIN lab_orders o ON o.patient_id = p.id WHERE p.id = ? ORDER BY';
    const [st] = analyzeSql(sql, 'mysql').statements;
    expect(st.parse).toBe('partial');
    expect(st.parseError).toEqual({ message: 'syntax error at end of input (the statement ends after "BY")', span: at(sql, 'BY') });
    expect(refTuples(sql, st.tableRefs)).toEqual([
      ['select', 'clinical_data.patients', 'clinical_data.patients'],
      ['select', 'lab_orders', 'lab_orders'],
    ]);
  });

  it('reports the parse error at the offending token', () => {
    const sql = 'SELECT 1;\nCREATE TABLE t (id INT,, name TEXT);';
    const [, st] = analyzeSql(sql, 'mysql').statements;
    expect(st.parse).toBe('partial');
    expect(st.parseError).toEqual({
      message: 'syntax error at or near ","',
      span: { start: at(sql, ',,').start + 1, end: at(sql, ',,').start + 2 },
    });
    expect(st.tableRefs).toEqual([{ name: 't', action: 'create', span: atAfter(sql, 'CREATE TABLE ', 't') }]);
  });

  it('analyses a statement over the token budget with the tolerant extractor', () => {
    const sql = `SELECT ${Array.from({ length: 1500 }, (_, i) => `c${i}`).join(', ')} FROM wide_table w JOIN other_db.narrow n ON n.id = w.id`;
    const [st] = analyzeSql(sql, 'mysql').statements;
    expect(st.parse).toBe('partial');
    expect(st.parseError).toBeUndefined();
    expect(st.unsupported).toBe('statement too large to parse');
    expect(refTuples(sql, st.tableRefs)).toEqual([
      ['select', 'wide_table', 'wide_table'],
      ['select', 'other_db.narrow', 'other_db.narrow'],
    ]);
  });

  it('a comment with an apostrophe does not open a string', () => {
    const sql = "-- Worker's compensation\nSELECT * FROM claims;\n/* it's fine */ SELECT * FROM `claim_notes` # don't\n;";
    const { statements } = analyzeSql(sql, 'mysql');
    expect(statements).toHaveLength(2);
    expect(
      refTuples(
        sql,
        statements.flatMap((s) => s.tableRefs),
      ),
    ).toEqual([
      ['select', 'claims', 'claims'],
      ['select', 'claim_notes', '`claim_notes`'],
    ]);
    expect(statements[0].span).toEqual(at(sql, 'SELECT * FROM claims'));
  });
});

describe('MySQL DDL', () => {
  const sql = fixture('mysql-business-operations.sql');
  const { statements } = analyzeSql(sql, 'mysql');
  const claims = statements.find((s) => s.kind === 'create_table')!;

  it('reads CREATE TABLE columns with types, args, nullability and primary key', () => {
    expect(claims.parse).toBe('full');
    const [table] = claims.tables;
    expect(table).toMatchObject({ kind: 'create', name: 'claims', span: at(sql, '`claims`'), primaryKey: ['id'] });
    expect(table.columns.map((c) => [c.name, c.dataType, c.typeArgs, c.nullable, c.primaryKey])).toEqual([
      ['id', 'CHAR', ['36'], false, true],
      ['patient_id', 'CHAR', ['36'], false, false],
      ['invoice_id', 'CHAR', ['36'], true, false],
      ['status', 'ENUM', ["'pending'", "'approved'", "'Rejected'"], false, false],
      ['is_active', 'TINYINT', ['1'], false, false],
      ['amount', 'DECIMAL', ['12', '2'], false, false],
      ['created_at', 'TIMESTAMP', [], true, false],
      ['updated_at', 'TIMESTAMP', [], true, false],
    ]);
    expect(table.columns[1].span).toEqual(at(sql, '`patient_id`'));
  });

  it('gives each ENUM value with the span of its literal, quotes included', () => {
    const status = claims.tables[0].columns.find((c) => c.name === 'status')!;
    expect(status.enumValues).toEqual([
      { value: 'pending', span: at(sql, "'pending'") },
      { value: 'approved', span: at(sql, "'approved'") },
      { value: 'Rejected', span: at(sql, "'Rejected'") },
    ]);
  });

  it('reads table-level foreign keys, named and unnamed, into another database', () => {
    const [table] = claims.tables;
    expect(table.foreignKeys).toEqual([
      {
        name: 'fk_claims_patient',
        nameSpan: at(sql, '`fk_claims_patient`'),
        columns: ['patient_id'],
        references: { name: 'patients', qualifier: 'clinical_data', action: 'references', span: at(sql, 'clinical_data.patients') },
        referencedColumns: ['id'],
        span: at(sql, 'FOREIGN KEY', 0),
      },
      {
        columns: ['invoice_id'],
        references: { name: 'invoices', action: 'references', span: atAfter(sql, 'FOREIGN KEY (invoice_id)', 'invoices') },
        referencedColumns: ['id'],
        span: at(sql, 'FOREIGN KEY', 1),
      },
    ]);
    expect(refTuples(sql, claims.tableRefs)).toEqual([
      ['create', 'claims', '`claims`'],
      ['references', 'clinical_data.patients', 'clinical_data.patients'],
      ['references', 'invoices', 'invoices'],
    ]);
  });

  it('lists inline indexes (INDEX, UNIQUE KEY, FULLTEXT) but not the primary key', () => {
    expect(claims.tables[0].indexes).toEqual([
      { name: 'idx_claims_patient', span: at(sql, '`idx_claims_patient`'), kind: 'index', table: 'claims', columns: ['patient_id'] },
      { name: 'uk_claims_invoice', span: at(sql, '`uk_claims_invoice`'), kind: 'unique', table: 'claims', columns: ['invoice_id'] },
      { name: 'ft_claims_status', span: at(sql, 'ft_claims_status'), kind: 'fulltext', table: 'claims', columns: ['status'] },
    ]);
  });

  it('named and unnamed UNIQUE constraints; column-level UNIQUE; KEY inside CREATE TABLE', () => {
    const ddl =
      'CREATE TABLE user_roles (user_id CHAR(36) NOT NULL, role_id CHAR(36) NOT NULL, email VARCHAR(255) UNIQUE, CONSTRAINT uk_user_role UNIQUE (user_id, role_id), UNIQUE (email, role_id), KEY (role_id), PRIMARY KEY (user_id, role_id))';
    const [table] = analyzeSql(ddl, 'mysql').statements[0].tables;
    expect(table.indexes).toEqual([
      { span: at(ddl, 'UNIQUE'), kind: 'unique', table: 'user_roles', columns: ['email'] },
      { name: 'uk_user_role', span: at(ddl, 'uk_user_role'), kind: 'unique', table: 'user_roles', columns: ['user_id', 'role_id'] },
      { span: at(ddl, 'UNIQUE', 2), kind: 'unique', table: 'user_roles', columns: ['email', 'role_id'] },
      {
        span: { start: at(ddl, 'KEY (').start, end: at(ddl, 'KEY (').start + 3 },
        kind: 'index',
        table: 'user_roles',
        columns: ['role_id'],
      },
    ]);
    expect(table.primaryKey).toEqual(['user_id', 'role_id']);
    expect(table.columns.filter((c) => c.primaryKey).map((c) => c.name)).toEqual(['user_id', 'role_id']);
  });

  it('reads inline REFERENCES; PARTITION BY, which node-sql-parser lacks, is not reported as an error', () => {
    const notes = statements.find((s) => s.tables[0]?.name === 'claim_notes')!;
    // The statement before PARTITION BY parses; the partitioning clause names no table.
    expect(notes.parse).toBe('partial');
    expect(notes.parseError).toBeUndefined();
    const [table] = notes.tables;
    expect(table.columns.map((c) => `${c.name}:${c.dataType}`)).toEqual(['id:INT', 'claim_id:CHAR', 'body:TEXT']);
    expect(table.primaryKey).toEqual(['id']);
    expect(table.foreignKeys).toEqual([
      {
        columns: ['claim_id'],
        references: { name: 'claims', action: 'references', span: atAfter(sql, 'claim_id CHAR(36) NOT NULL REFERENCES ', 'claims') },
        referencedColumns: ['id'],
        span: atAfter(sql, 'claim_id CHAR(36)', 'REFERENCES'),
      },
    ]);
  });

  it('reads CREATE VIEW joining another database’s table', () => {
    const view = statements.find((s) => s.kind === 'create_view')!;
    expect(view.views).toEqual([{ name: 'v_claims_with_patients', span: at(sql, 'v_claims_with_patients') }]);
    expect(view.tableRefs).toEqual([
      { name: 'claims', action: 'select', span: atAfter(sql, 'FROM claims c', 'claims') },
      {
        name: 'patients',
        qualifier: 'clinical_data',
        action: 'select',
        span: atAfter(sql, 'JOIN clinical_data', 'clinical_data.patients'),
      },
    ]);
  });

  it('CREATE VIEW with ALGORITHM, DEFINER and SQL SECURITY (mysqldump style)', () => {
    const ddl =
      'CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`%` SQL SECURITY DEFINER VIEW `v_open_claims` AS SELECT * FROM `business_operations`.`claims` WHERE closed_at IS NULL';
    const [st] = analyzeSql(ddl, 'mysql').statements;
    expect(st).toMatchObject({ kind: 'create_view', parse: 'full', views: [{ name: 'v_open_claims', span: at(ddl, '`v_open_claims`') }] });
    expect(st.tableRefs).toEqual([
      { name: 'claims', qualifier: 'business_operations', action: 'select', span: at(ddl, '`business_operations`.`claims`') },
    ]);
  });

  it('ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY and ADD COLUMN', () => {
    const ddl =
      'ALTER TABLE business_operations.claims\n  ADD COLUMN reviewed_by CHAR(36) NULL,\n  ADD CONSTRAINT fk_claims_reviewer FOREIGN KEY (reviewed_by) REFERENCES auth.auth_users(id),\n  ADD INDEX idx_claims_reviewer (reviewed_by)';
    const [st] = analyzeSql(ddl, 'mysql').statements;
    expect(st.kind).toBe('alter_table');
    expect(st.parse).toBe('full');
    expect(refTuples(ddl, st.tableRefs)).toEqual([
      ['alter', 'business_operations.claims', 'business_operations.claims'],
      ['references', 'auth.auth_users', 'auth.auth_users'],
    ]);
    const [table] = st.tables;
    expect(table).toMatchObject({
      kind: 'alter',
      name: 'claims',
      qualifier: 'business_operations',
      span: at(ddl, 'business_operations.claims'),
    });
    expect(table.columns).toEqual([
      { name: 'reviewed_by', dataType: 'CHAR', typeArgs: ['36'], primaryKey: false, nullable: true, span: at(ddl, 'reviewed_by') },
    ]);
    expect(table.foreignKeys).toEqual([
      {
        name: 'fk_claims_reviewer',
        nameSpan: at(ddl, 'fk_claims_reviewer'),
        columns: ['reviewed_by'],
        references: { name: 'auth_users', qualifier: 'auth', action: 'references', span: at(ddl, 'auth.auth_users') },
        referencedColumns: ['id'],
        span: at(ddl, 'FOREIGN KEY'),
      },
    ]);
    expect(table.indexes).toEqual([
      { name: 'idx_claims_reviewer', span: at(ddl, 'idx_claims_reviewer'), kind: 'index', table: 'claims', columns: ['reviewed_by'] },
    ]);
  });

  it('CREATE [UNIQUE] INDEX … ON table', () => {
    const ddl =
      'CREATE UNIQUE INDEX uk_claims_number ON claims (claim_number);\nCREATE INDEX idx_claims_status_created ON `claims` (status, created_at DESC)';
    const [a, b] = analyzeSql(ddl, 'mysql').statements;
    expect(a.kind).toBe('create_index');
    expect(a.indexes).toEqual([
      { name: 'uk_claims_number', span: at(ddl, 'uk_claims_number'), kind: 'unique', table: 'claims', columns: ['claim_number'] },
    ]);
    expect(a.tableRefs).toEqual([{ name: 'claims', action: 'other', span: atAfter(ddl, ' ON ', 'claims') }]);
    expect(b.indexes[0]).toMatchObject({ kind: 'index', table: 'claims', columns: ['status', 'created_at'] });
    expect(b.tableRefs).toEqual([{ name: 'claims', action: 'other', span: at(ddl, '`claims`') }]);
  });

  it('valid MySQL node-sql-parser has no grammar for is partial without a parse error', () => {
    const sql =
      "FLUSH PRIVILEGES;\nGRANT ALL PRIVILEGES ON app.* TO 'svc'@'%';\nSET NAMES utf8mb4;\nDROP PROCEDURE IF EXISTS close_stale_claims;\nSELECT * FROM a JOIN b WHERE a.id == b.id";
    const { statements } = analyzeSql(sql, 'mysql');
    expect(statements.map((s) => [s.parse, s.parseError?.message, s.unsupported])).toEqual([
      ['partial', undefined, 'server administration'],
      ['partial', undefined, 'account management'],
      ['partial', undefined, 'SET NAMES'],
      ['partial', undefined, 'stored routine'],
      // Not a known gap, and PostgreSQL's parser rejects it too: reported, and the token references stay.
      ['partial', 'syntax error at or near "="', undefined],
    ]);
    expect(refTuples(sql, statements[4].tableRefs)).toEqual([
      ['select', 'a', 'a'],
      ['select', 'b', 'b'],
    ]);
  });

  it('DROP TABLE and TRUNCATE', () => {
    const ddl = 'DROP TABLE IF EXISTS tmp_claims, archive.old_claims;\nTRUNCATE TABLE claim_history';
    const [a, b] = analyzeSql(ddl, 'mysql').statements;
    expect(a.kind).toBe('drop');
    expect(refTuples(ddl, [...a.tableRefs, ...b.tableRefs])).toEqual([
      ['drop', 'tmp_claims', 'tmp_claims'],
      ['drop', 'archive.old_claims', 'archive.old_claims'],
      ['truncate', 'claim_history', 'claim_history'],
    ]);
  });
});

describe('MySQL routines', () => {
  const sql = fixture('mysql-business-operations.sql');
  const { statements } = analyzeSql(sql, 'mysql');

  it('turns DELIMITER lines into skipped statements and keeps each body in one statement', () => {
    const delimiters = statements.filter((s) => s.parse === 'skipped');
    expect(delimiters.map((s) => s.text)).toEqual(['DELIMITER $$', 'DELIMITER ;']);
    const routines = statements.filter((s) => s.kind === 'create_routine');
    expect(routines).toHaveLength(3);
    expect(routines[0].text.startsWith('CREATE PROCEDURE close_stale_claims')).toBe(true);
    expect(routines[0].text.endsWith('END')).toBe(true);
  });

  it('finds table references inside a procedure body, with their actions', () => {
    const proc = statements.find((s) => s.text.startsWith('CREATE PROCEDURE'))!;
    // node-sql-parser has no grammar for compound statements: tokens supply the references, and it is not reported as an error.
    expect(proc.parse).toBe('partial');
    expect(proc.parseError).toBeUndefined();
    expect(refTuples(sql, proc.tableRefs)).toEqual([
      ['select', 'claims', 'claims'],
      ['update', 'claims', 'claims'],
      ['insert', 'billing.audit_events', 'billing.audit_events'],
    ]);
    expect(proc.tableRefs[2].span).toEqual(at(sql, 'billing.audit_events'));
  });

  it('finds the trigger table and the tables in the trigger body', () => {
    const trigger = statements.find((s) => s.text.startsWith('CREATE TRIGGER'))!;
    expect(trigger.tableRefs).toEqual([
      { name: 'claims', action: 'other', span: atAfter(sql, 'AFTER UPDATE ON ', 'claims') },
      { name: 'claim_history', action: 'insert', span: at(sql, 'claim_history') },
    ]);
  });

  it('an EVENT body after the DELIMITER block', () => {
    const event = statements.find((s) => s.text.startsWith('CREATE EVENT'))!;
    expect(event.tableRefs).toEqual([{ name: 'claim_history', action: 'delete', span: atAfter(sql, 'DELETE FROM ', 'claim_history') }]);
  });

  it('keeps BEGIN … END together without DELIMITER, counting nested blocks', () => {
    const body = [
      'CREATE PROCEDURE p()',
      'BEGIN',
      '  DECLARE done INT DEFAULT 0;',
      '  read_loop: LOOP',
      '    IF done THEN LEAVE read_loop; END IF;',
      '    CASE WHEN done = 1 THEN SET done = 2; ELSE SET done = 3; END CASE;',
      '    BEGIN UPDATE stock SET qty = qty - 1; END;',
      '  END LOOP;',
      '  SELECT CASE WHEN 1 THEN 2 END FROM orders;',
      'END;',
      'SELECT * FROM after_routine;',
    ].join('\n');
    const { statements: st } = analyzeSql(body, 'mysql');
    expect(st).toHaveLength(2);
    expect(st[0].kind).toBe('create_routine');
    expect(refTuples(body, st[0].tableRefs)).toEqual([
      ['update', 'stock', 'stock'],
      ['select', 'orders', 'orders'],
    ]);
    expect(refTuples(body, st[1].tableRefs)).toEqual([['select', 'after_routine', 'after_routine']]);
  });
});
