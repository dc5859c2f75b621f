import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../../src/analysis/facts.js';
import { analyzeSql, initSqlParsers } from '../../../src/analysis/sql/index.js';
import { at, atAfter, refTuples } from './helpers.js';

await initSqlParsers();

const refsOf = (sql: string, dialect: Dialect) =>
  refTuples(
    sql,
    analyzeSql(sql, dialect).statements.flatMap((s) => s.tableRefs),
  );

describe('dynamic SQL in PostgreSQL routines', () => {
  const fn = [
    'CREATE OR REPLACE FUNCTION close_invoice(p_id uuid, tbl text, suffix text) RETURNS void AS $$',
    'DECLARE',
    "  v_sql text := 'DELETE FROM invoice_items WHERE invoice_id = $1';",
    '  q varchar(200);',
    'BEGIN',
    "  EXECUTE 'UPDATE invoices SET status = ''closed'' WHERE id = $1' USING p_id;",
    "  EXECUTE format('SELECT count(*) FROM %I WHERE id = %L', tbl, p_id);",
    "  EXECUTE format('INSERT INTO audit_log (msg) VALUES (%L)', 'closed');",
    "  EXECUTE 'SELECT * FROM ' || quote_ident(tbl) || ' t JOIN payments p ON p.id = t.id';",
    "  EXECUTE 'SELECT * FROM claims_' || suffix;",
    "  q := 'TRUNCATE ' || 'ledger';",
    '  EXECUTE q;',
    '  EXECUTE v_sql USING p_id;',
    '  RETURN QUERY EXECUTE $q$SELECT * FROM refunds$q$;',
    "  RAISE NOTICE 'Update invoices failed for %', p_id;",
    'END;',
    '$$ LANGUAGE plpgsql;',
  ].join('\n');

  it('reads EXECUTE of literals, concatenations, format() and variables at their places inside the literals', () => {
    const [st] = analyzeSql(fn, 'postgresql').statements;
    expect(st.parse).toBe('full');
    expect(refTuples(fn, st.tableRefs)).toEqual([
      ['delete', 'invoice_items', 'invoice_items'],
      ['update', 'invoices', 'invoices'],
      ['insert', 'audit_log', 'audit_log'],
      ['select', 'payments', 'payments'],
      ['truncate', 'ledger', 'ledger'],
      ['select', 'refunds', 'refunds'],
    ]);
    expect(st.tableRefs[1].span).toEqual(atAfter(fn, "EXECUTE 'UPDATE ", 'invoices'));
    expect(st.tableRefs[4].span).toEqual(at(fn, 'ledger'));
  });

  it('names built at run time (%I, || tbl ||, a hole glued to a name) and prose strings are not tables', () => {
    const names = refTuples(fn, analyzeSql(fn, 'postgresql').statements[0].tableRefs).map((r) => r[1]);
    expect(names).not.toContain('t');
    expect(names.some((n) => n.startsWith('claims'))).toBe(false);
    expect(names.filter((n) => n === 'invoices')).toHaveLength(1); // not the RAISE NOTICE text
  });

  it('a DO block, escaped quotes and E-strings keep exact spans', () => {
    const sql = [
      'DO $$ BEGIN',
      String.raw`  EXECUTE E'SELECT \'a\\tb\' AS x FROM old_notes';`,
      `  EXECUTE 'SELECT ''it''''s'' FROM "Audit""Log"';`,
      `  EXECUTE 'GRANT SELECT ON ''weird'' TO r';`,
      'END $$;',
    ].join('\n');
    const refs = analyzeSql(sql, 'postgresql').statements.flatMap((s) => s.tableRefs);
    expect(refTuples(sql, refs)).toEqual([
      ['select', 'old_notes', 'old_notes'],
      ['select', 'Audit"Log', '"Audit""Log"'],
    ]);
    expect(refs[0].span).toEqual(at(sql, 'old_notes'));
  });

  it('a trigger`s EXECUTE FUNCTION and EXECUTE of a prepared statement are not dynamic SQL', () => {
    const sql = 'CREATE TRIGGER trg BEFORE UPDATE ON patients FOR EACH ROW EXECUTE FUNCTION set_updated_at();\nEXECUTE close_invoice(1);';
    expect(refsOf(sql, 'postgresql')).toEqual([['other', 'patients', 'patients']]);
  });
});

describe('dynamic SQL in MySQL', () => {
  it('PREPARE FROM a literal or a @variable SET in the same procedure', () => {
    const sql = [
      'CREATE PROCEDURE purge(IN tbl VARCHAR(64))',
      'BEGIN',
      "  SET @q = 'DELETE FROM invoices WHERE id = ?';",
      '  PREPARE s FROM @q;',
      '  EXECUTE s USING @id;',
      '  DEALLOCATE PREPARE s;',
      "  PREPARE s2 FROM 'SELECT * FROM payments WHERE id = ?';",
      "  SET @d = CONCAT('SELECT * FROM ', tbl, ' JOIN claims c ON c.id = x.claim_id');",
      '  PREPARE s3 FROM @d;',
      "  SET @msg = 'Update invoices failed';",
      "  SET @e := \"UPDATE `refunds` SET note = 'it\\'s'\";",
      '  PREPARE s4 FROM @e;',
      'END',
    ].join('\n');
    const [st] = analyzeSql(sql, 'mysql').statements;
    expect(st.parseError).toBeUndefined();
    expect(refTuples(sql, st.tableRefs)).toEqual([
      ['delete', 'invoices', 'invoices'],
      ['select', 'payments', 'payments'],
      ['select', 'claims', 'claims'],
      ['update', 'refunds', '`refunds`'],
    ]);
    expect(st.tableRefs[0].span).toEqual(atAfter(sql, "'DELETE FROM ", 'invoices'));
  });

  it('conditional DDL over three top-level statements: the references sit in the SET that holds the text', () => {
    const sql = [
      "SET @exist := (SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'invoices' AND column_name = 'note');",
      "SET @sqlstmt := IF(@exist > 0, 'SELECT ''exists''', 'ALTER TABLE invoices ADD COLUMN note TEXT');",
      'PREPARE stmt FROM @sqlstmt;',
      'EXECUTE stmt;',
      'DEALLOCATE PREPARE stmt;',
      'SET @s = (SELECT IF((SELECT COUNT(*) FROM information_schema.columns WHERE table_name = \'payments\') > 0, "SELECT 1", CONCAT("ALTER TABLE payments ADD ", @col, " INT")));',
      'PREPARE st FROM @s;',
      "SET @unused = 'DELETE FROM claims';",
      "PREPARE x FROM 'SELECT * FROM refunds';",
      "EXECUTE IMMEDIATE 'SELECT * FROM ledger';",
    ].join('\n');
    const { statements } = analyzeSql(sql, 'mysql');
    expect(statements.map((s) => refTuples(sql, s.tableRefs).filter((r) => !r[1].startsWith('information_schema')))).toEqual([
      [],
      [['alter', 'invoices', 'invoices']],
      [],
      [],
      [],
      [['alter', 'payments', 'payments']],
      [],
      [], // never prepared: a message, not SQL
      [['select', 'refunds', 'refunds']],
      [['select', 'ledger', 'ledger']],
    ]);
    expect(statements[1].tableRefs[0].span).toEqual(atAfter(sql, "'ALTER TABLE ", 'invoices'));
    expect(statements.every((s) => s.parseError === undefined)).toBe(true);
  });

  it('a variable SET after its PREPARE, or prepared from a dynamic name, names no table', () => {
    const sql = "PREPARE p FROM @later;\nSET @later = 'DELETE FROM invoices';\nSET @t = CONCAT('DELETE FROM ', @tbl);\nPREPARE q FROM @t;";
    expect(refsOf(sql, 'mysql')).toEqual([]);
  });
});

describe('SQL run on another database: dblink and foreign data wrappers (PostgreSQL)', () => {
  it("dblink's SQL argument: after a connection or alone, before a boolean; dblink_open's after its cursor", () => {
    const sql = [
      "SELECT * FROM dblink('dbname=clinical', 'SELECT id FROM patients') AS t(id int);",
      "SELECT * FROM dblink('SELECT id FROM visits', false) AS t(id int);",
      "SELECT dblink_exec('c', 'INSERT INTO audit_log (m) VALUES (''it''''s'')', true);",
      "SELECT dblink_open('c', 'cur', 'SELECT * FROM claims'), dblink_open('cur2', 'SELECT * FROM refunds');",
      "SELECT dblink_send_query('c', 'DELETE FROM sessions');",
      "SELECT public.dblink_exec('TRUNCATE ' || 'ledger');",
    ].join('\n');
    const { statements } = analyzeSql(sql, 'postgresql');
    expect(statements.map((s) => refTuples(sql, s.tableRefs))).toEqual([
      [['select', 'patients', 'patients']],
      [['select', 'visits', 'visits']],
      [['insert', 'audit_log', 'audit_log']],
      [
        ['select', 'claims', 'claims'],
        ['select', 'refunds', 'refunds'],
      ],
      [['delete', 'sessions', 'sessions']],
      [['truncate', 'ledger', 'ledger']],
    ]);
    expect(statements[0].tableRefs[0].span).toEqual(atAfter(sql, "'SELECT id FROM ", 'patients'));
    expect(statements.every((s) => s.parse === 'full')).toBe(true);
  });

  it('dblink calls that run no SQL, connection strings, a column named dblink and MySQL text name no table', () => {
    const sql = [
      "SELECT dblink_connect('c', 'dbname=patients host=patients-db'), dblink_fetch('cur', 10), dblink_disconnect('c');",
      "SELECT dblink FROM links WHERE dblink = 'SELECT * FROM patients';",
      "SELECT * FROM dblink('c', 'SELECT * FROM ' || tbl) AS t(id int);",
    ].join('\n');
    expect(refsOf(sql, 'postgresql')).toEqual([['select', 'links', 'links']]);
    expect(refsOf("SELECT dblink('c', 'SELECT id FROM patients');", 'mysql')).toEqual([]);
  });

  it('a foreign table names its remote table (table_name, else its own name), IMPORT FOREIGN SCHEMA its LIMIT TO list', () => {
    const sql = [
      "CREATE FOREIGN TABLE remote_patients (id int OPTIONS (column_name 'pid')) SERVER s OPTIONS (schema_name 'clinical', table_name 'patients');",
      'CREATE FOREIGN TABLE IF NOT EXISTS visits (id int) SERVER s;',
      "CREATE FOREIGN TABLE notes (id int) SERVER s OPTIONS (table_name E'old_notes');",
      'IMPORT FOREIGN SCHEMA clinical LIMIT TO (claims, "Refunds") FROM SERVER s INTO remote;',
      "CREATE FOREIGN TABLE imports (line text) SERVER files OPTIONS (program 'cat /srv/patients.csv');",
      'CREATE FOREIGN TABLE visits_2024 PARTITION OF visits FOR VALUES IN (2024) SERVER s;',
      'IMPORT FOREIGN SCHEMA clinical EXCEPT (claims) FROM SERVER s INTO remote;',
    ].join('\n');
    const { statements } = analyzeSql(sql, 'postgresql');
    expect(statements.map((s) => refTuples(sql, s.tableRefs))).toEqual([
      [['select', 'clinical.patients', 'patients']],
      [['select', 'visits', 'visits']],
      [['select', 'old_notes', "E'old_notes'"]],
      [
        ['select', 'clinical.claims', 'claims'],
        ['select', 'clinical.Refunds', '"Refunds"'],
      ],
      [],
      [],
      [],
    ]);
    expect(statements[0].tableRefs[0].span).toEqual(atAfter(sql, "table_name '", 'patients'));
    expect(statements.every((s) => s.tables.length === 0)).toBe(true);
    // Under a name of its own a foreign table is a relation of the service's database, as a view is; under the remote name, none.
    expect(statements.map((s) => s.views.map((view) => refTuples(sql, [{ ...view, action: 'create' }])[0][2]))).toEqual([
      ['remote_patients'],
      [],
      ['notes'],
      [],
      [],
      [],
      [],
    ]);
  });
});

describe('SQL a pg_cron job runs (PostgreSQL)', () => {
  it('reads the command of cron.schedule, schedule_in_database and alter_job, by position or by name, at its place in the literal', () => {
    const sql = [
      "SELECT cron.schedule('purge', '0 3 * * *', $$DELETE FROM orders WHERE created_at < now() - interval '30 days'$$);",
      "SELECT cron.schedule('*/5 * * * *', 'UPDATE carts SET note = ''it''''s''');",
      "SELECT cron.schedule_in_database('job', '* * * * *', $job$INSERT INTO audit_log SELECT * FROM events$job$, 'billing');",
      "SELECT cron.schedule(job_name => 'v', schedule => '@weekly', command => 'TRUNCATE sessions');",
      "SELECT cron.alter_job(7, command := 'DELETE FROM refunds', database := 'payments');",
      "SELECT cron.schedule_in_database('t', '@daily', 'DELETE FROM ' || 'ledger', current_database());",
      "DO $do$ BEGIN PERFORM cron.schedule('p', '@hourly', $j$DELETE FROM claims$j$); END $do$;",
    ].join('\n');
    const { statements } = analyzeSql(sql, 'postgresql');
    expect(statements.map((s) => refTuples(sql, s.tableRefs))).toEqual([
      [['delete', 'orders', 'orders']],
      [['update', 'carts', 'carts']],
      [
        ['insert', 'audit_log', 'audit_log'],
        ['select', 'events', 'events'],
      ],
      [['truncate', 'sessions', 'sessions']],
      [['delete', 'refunds', 'refunds']],
      [['delete', 'ledger', 'ledger']],
      [['delete', 'claims', 'claims']],
    ]);
    expect(statements.map((s) => s.tableRefs.map((r) => r.database ?? null))).toEqual([
      [null],
      [null],
      ['billing', 'billing'],
      [null],
      ['payments'],
      [null],
      [null],
    ]);
    expect(statements[0].tableRefs[0].span).toEqual(atAfter(sql, '$$DELETE FROM ', 'orders'));
    expect(statements[1].tableRefs[0].span).toEqual(atAfter(sql, "'UPDATE ", 'carts'));
    expect(statements.every((s) => s.parse === 'full')).toBe(true);
  });

  it("a job's CALL is a call of the scheduling statement, at its place in the literal; a function in an expression is none", () => {
    const sql = [
      "SELECT cron.schedule('archive', '0 2 * * *', 'CALL archive_orders(30)');",
      "SELECT cron.schedule_in_database('rollup', '@daily', $$CALL billing.rollup()$$, 'billing');",
      "SELECT cron.schedule('purge', '@hourly', 'SELECT purge_sessions()');",
      "SELECT cron.unschedule('archive');",
    ].join('\n');
    const { statements } = analyzeSql(sql, 'postgresql');
    expect(statements.map((s) => (s.calls ?? []).map((c) => sql.slice(c.span.start, c.span.end)))).toEqual([
      ['archive_orders'],
      ['billing.rollup'],
      [],
      [],
    ]);
    expect(statements[0].calls![0].span).toEqual(atAfter(sql, "'CALL ", 'archive_orders'));
  });

  it('unschedule, a job without a command, a literal passed to another function, a column named cron and MySQL text name no table', () => {
    const sql = [
      "SELECT cron.unschedule('purge'), cron.unschedule(42);",
      "SELECT cron.alter_job(7, schedule := '0 4 * * *'), cron.alter_job(8, '@daily', NULL, NULL);",
      "SELECT pg_notify('jobs', $$DELETE FROM carts$$), app.schedule('x', '@daily', 'DELETE FROM carts');",
      "SELECT cron FROM settings WHERE cron = 'DELETE FROM carts';",
    ].join('\n');
    expect(refsOf(sql, 'postgresql')).toEqual([['select', 'settings', 'settings']]);
    expect(refsOf("SELECT cron.schedule('p', '@daily', 'DELETE FROM carts');", 'mysql')).toEqual([]);
  });
});
