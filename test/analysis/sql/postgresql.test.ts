import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeSql, clearSqlCache, initSqlParsers } from '../../../src/analysis/sql/index.js';
import { parsePgWhole } from '../../../src/analysis/sql/pg.js';
import { splitStatements } from '../../../src/analysis/sql/splitter.js';
import { at, atAfter, refTuples } from './helpers.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const fixture = (name: string): string => readFileSync(path.join(root, 'fixtures/sql', name), 'utf8');

// Top-level await: describe blocks below analyse at collection time.
await initSqlParsers();
await initSqlParsers(); // idempotent

function wholeParseAligned(text: string): boolean {
  const spans = splitStatements(text, 'postgresql').map((s) => ({ start: s.start, end: s.end, skipped: !!s.skipped }));
  return parsePgWhole(text, spans) !== null;
}

describe('PostgreSQL schema file (TimescaleDB, plpgsql, psql meta-commands)', () => {
  const sql = fixture('pg-device-integration.sql');
  const { statements } = analyzeSql(sql, 'postgresql');

  it('parses the whole file in one libpg-query call, psql lines blanked out', () => {
    expect(wholeParseAligned(sql)).toBe(true);
    expect(statements.filter((s) => s.parse !== 'skipped').every((s) => s.parse === 'full')).toBe(true);
  });

  it('skips psql meta-commands', () => {
    const skipped = statements.filter((s) => s.parse === 'skipped');
    expect(skipped.map((s) => [s.text, s.span])).toEqual([
      ['\\c device_integration', at(sql, '\\c device_integration')],
      ['\\i seed/devices.sql', at(sql, '\\i seed/devices.sql')],
    ]);
    expect(skipped.every((s) => s.tableRefs.length === 0)).toBe(true);
  });

  it('CREATE EXTENSION is a create_other statement with a PostgreSQL marker', () => {
    const ext = statements.filter((s) => s.text.startsWith('CREATE EXTENSION'));
    expect(ext.map((s) => s.kind)).toEqual(['create_other', 'create_other']);
    expect(ext[0].dialectMarkers).toEqual([{ dialect: 'postgresql', feature: 'CREATE EXTENSION', span: at(sql, 'CREATE EXTENSION', 0) }]);
    expect(ext.flatMap((s) => s.tableRefs)).toEqual([]);
  });

  it('SELECT create_hypertable(…) parses and names no table', () => {
    const hyper = statements.find((s) => s.text.startsWith('SELECT create_hypertable'))!;
    expect(hyper).toMatchObject({ kind: 'select', parse: 'full', tableRefs: [] });
  });

  it('reads CREATE TABLE columns, serial/boolean/uuid types, inline and named foreign keys', () => {
    const devices = statements.find((s) => s.tables[0]?.name === 'devices')!.tables[0];
    expect(devices.columns.map((c) => [c.name, c.dataType, c.typeArgs, c.nullable])).toEqual([
      ['id', 'UUID', [], false],
      ['serial', 'VARCHAR', ['64'], false],
      ['facility_id', 'UUID', [], false],
      ['is_active', 'BOOLEAN', [], false],
      ['metadata', 'JSONB', [], true],
      ['created_at', 'TIMESTAMPTZ', [], false],
    ]);
    // Column-level UNIQUE is an unnamed unique index spanning its keyword.
    expect(devices.indexes).toEqual([
      { span: atAfter(sql, 'serial VARCHAR(64) NOT NULL ', 'UNIQUE'), kind: 'unique', table: 'devices', columns: ['serial'] },
    ]);

    const vitals = statements.find((s) => s.tables[0]?.name === 'vital_signs')!;
    const table = vitals.tables[0];
    expect(table.primaryKey).toEqual(['id', 'recorded_at']);
    expect(table.columns.map((c) => [c.name, c.dataType, c.primaryKey, c.nullable])).toEqual([
      ['id', 'BIGSERIAL', true, false],
      ['device_id', 'UUID', false, false],
      ['patient_id', 'UUID', false, false],
      ['heart_rate', 'SMALLINT', false, true],
      ['recorded_at', 'TIMESTAMP WITH TIME ZONE', true, false],
    ]);
    expect(table.foreignKeys.map((f) => [f.name, f.columns, f.references.qualifier, f.references.name, f.referencedColumns])).toEqual([
      [undefined, ['device_id'], undefined, 'devices', ['id']],
      ['fk_vitals_patient', ['patient_id'], 'clinical', 'patients', ['id']],
    ]);
    expect(refTuples(sql, vitals.tableRefs)).toEqual([
      ['create', 'vital_signs', 'vital_signs'],
      ['references', 'devices', 'devices'],
      ['references', 'clinical.patients', 'clinical.patients'],
    ]);
    expect(vitals.tableRefs[2].span).toEqual(at(sql, 'clinical.patients'));
  });

  it('finds the UPDATE inside a plpgsql function body at its exact offset', () => {
    const fn = statements.find((s) => s.text.startsWith('CREATE OR REPLACE FUNCTION'))!;
    expect(fn).toMatchObject({ kind: 'create_routine', parse: 'full' });
    expect(fn.tableRefs).toEqual([{ name: 'devices', action: 'update', span: atAfter(sql, 'UPDATE devices', 'devices') }]);
  });

  it('a trigger names its table with action other', () => {
    const trg = statements.find((s) => s.text.startsWith('CREATE TRIGGER'))!;
    expect(trg.tableRefs).toEqual([{ name: 'vital_signs', action: 'other', span: atAfter(sql, 'AFTER INSERT ON ', 'vital_signs') }]);
  });

  it('CREATE INDEX IF NOT EXISTS … ON', () => {
    const idx = statements.find((s) => s.kind === 'create_index')!;
    expect(idx.indexes).toEqual([
      {
        name: 'idx_vital_signs_device',
        span: at(sql, 'idx_vital_signs_device'),
        kind: 'index',
        table: 'vital_signs',
        columns: ['device_id', 'recorded_at'],
      },
    ]);
  });

  it("an index's expressions are kept whole: a schema's function call is no column named after the schema (HELDOUT15 #10)", () => {
    const text =
      "CREATE INDEX messages_category ON message_store.messages (message_store.category(stream_name), global_position DESC, lower(email), (metadata->>'id'));";
    const [statement] = analyzeSql(text, 'postgresql').statements;
    expect(statement.indexes.map((i) => i.columns)).toEqual([
      ['message_store.category(stream_name)', 'global_position', 'lower(email)', "(metadata->>'id')"],
    ]);
  });
});

describe('PostgreSQL statements', () => {
  it('DO blocks and SQL-language functions: references in the body', () => {
    const sql =
      "DO $$\nBEGIN\n  DELETE FROM stale_readings WHERE ts < now() - interval '1 day';\nEND\n$$;\nCREATE FUNCTION active_count() RETURNS bigint LANGUAGE sql AS $body$ SELECT count(*) FROM devices WHERE is_active $body$;\nCREATE FUNCTION py() RETURNS int LANGUAGE plpython3u AS $$ return plpy.execute('select 1 from ignored') $$";
    const { statements } = analyzeSql(sql, 'postgresql');
    expect(statements.map((s) => [s.kind, s.parse])).toEqual([
      ['create_routine', 'full'],
      ['create_routine', 'full'],
      ['create_routine', 'full'],
    ]);
    expect(
      refTuples(
        sql,
        statements.flatMap((s) => s.tableRefs),
      ),
    ).toEqual([
      ['delete', 'stale_readings', 'stale_readings'],
      ['select', 'devices', 'devices'],
    ]);
  });

  it("DO blocks: the static DDL the block runs is the block's DDL (drizzle-kit, guarded constraints), dynamic SQL and other languages are not", () => {
    const sql = [
      'DO $$ BEGIN',
      ' CREATE TYPE "public"."status" AS ENUM(\'active\', \'canceled\');',
      'EXCEPTION',
      ' WHEN duplicate_object THEN null;',
      'END $$;',
      'DO LANGUAGE plpgsql $x$',
      'DECLARE n int;',
      'BEGIN',
      '  <<guard>>',
      '  BEGIN',
      "    IF (CASE WHEN n > 0 THEN true ELSE false END) AND NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'audit') THEN",
      '      CREATE TABLE audit (id bigint PRIMARY KEY, sub_id int REFERENCES subs(id));',
      '    ELSE',
      '      ALTER TABLE audit RENAME COLUMN sub_id TO subscription_id;',
      '    END IF;',
      '    FOR r IN SELECT 1 LOOP CREATE INDEX IF NOT EXISTS audit_sub_idx ON audit (sub_id); END LOOP;',
      '  END;',
      "  EXECUTE 'CREATE TABLE dyn (id int)';",
      "  INSERT INTO audit_log (note) VALUES ('done');",
      'END $x$;',
      "DO $$ plpy.execute('CREATE TABLE py (id int)') $$ LANGUAGE plpython3u;",
    ].join('\n');
    const statements = analyzeSql(sql, 'postgresql').statements;
    expect(statements.map((s) => [s.kind, s.parse])).toEqual([
      ['create_routine', 'full'],
      ['create_routine', 'full'],
      ['create_routine', 'full'],
    ]);
    const [enumBlock, guarded, python] = statements;
    expect(enumBlock.enumTypes).toEqual([
      {
        name: 'status',
        qualifier: 'public',
        span: at(sql, '"public"."status"'),
        values: [
          { value: 'active', span: at(sql, "'active'") },
          { value: 'canceled', span: at(sql, "'canceled'") },
        ],
      },
    ]);
    expect(
      guarded.tables.map((t) => [t.kind, t.name, t.span, t.foreignKeys.map((fk) => [fk.references.name, fk.references.span])]),
    ).toEqual([
      ['create', 'audit', at(sql, 'audit', 1), [['subs', atAfter(sql, 'REFERENCES', 'subs')]]],
      ['alter', 'audit', at(sql, 'audit', 2), []],
    ]);
    expect(guarded.nameChanges).toEqual([
      {
        object: 'column',
        table: 'audit',
        name: 'sub_id',
        span: atAfter(sql, 'RENAME COLUMN', 'sub_id'),
        to: 'subscription_id',
        toSpan: at(sql, 'subscription_id'),
      },
    ]);
    expect(guarded.indexes.map((i) => [i.name, i.table, i.span])).toEqual([['audit_sub_idx', 'audit', at(sql, 'audit_sub_idx')]]);
    expect(guarded.tables.some((t) => t.name === 'dyn')).toBe(false);
    expect(refTuples(sql, guarded.tableRefs).map(([action, name]) => `${action} ${name}`)).toContain('insert audit_log');
    expect([python.tables, python.enumTypes]).toEqual([[], undefined]);
  });

  it('keeps the original case of quoted names and lower-cases nothing', () => {
    const sql = 'SELECT * FROM "Clinical"."Patients" p JOIN Public.Visits v ON v.patient_id = p.id';
    const [st] = analyzeSql(sql, 'postgresql').statements;
    expect(st.tableRefs).toEqual([
      { name: 'Patients', qualifier: 'Clinical', action: 'select', span: at(sql, '"Clinical"."Patients"') },
      { name: 'Visits', qualifier: 'Public', action: 'select', span: at(sql, 'Public.Visits') },
    ]);
  });

  it('converts libpg-query byte offsets to UTF-16 after non-ASCII text (whole-file and per-statement paths)', () => {
    const sql =
      '-- Übersicht der Patienten 🚑\nSELECT \'naïve café\', p.id FROM "Klinik"."Patienten" p JOIN été e ON e.id = p.id;\nSELECT * FROM après WHERE x = \'ü\'';
    expect(wholeParseAligned(sql)).toBe(true);
    const whole = analyzeSql(sql, 'postgresql');
    const expected: Array<[string, string, string]> = [
      ['select', 'Klinik.Patienten', '"Klinik"."Patienten"'],
      ['select', 'été', 'été'],
      ['select', 'après', 'après'],
    ];
    expect(
      refTuples(
        sql,
        whole.statements.flatMap((s) => s.tableRefs),
      ),
    ).toEqual(expected);
    expect(whole.statements[0].tableRefs[0].span).toEqual(at(sql, '"Klinik"."Patienten"'));

    // A bad statement at the end forces the per-statement path; offsets must not change.
    const withBad = `${sql};\nSELECT FROM WHERE 'ö';`;
    expect(wholeParseAligned(withBad)).toBe(false);
    const per = analyzeSql(withBad, 'postgresql');
    expect(
      refTuples(
        withBad,
        per.statements.flatMap((s) => s.tableRefs),
      ),
    ).toEqual(expected);
    expect(per.statements.map((s) => s.parse)).toEqual(['full', 'full', 'partial']);
    expect(per.statements[2].parseError).toEqual({
      message: 'syntax error at or near "WHERE"',
      span: atAfter(withBad, 'SELECT FROM ', 'WHERE'),
    });
  });

  it('one bad statement does not stop the others', () => {
    const sql = 'SELECT * FROM a;\nSELEC * FROM b;\nSELECT * FROM c';
    const { statements } = analyzeSql(sql, 'postgresql');
    expect(statements.map((s) => s.parse)).toEqual(['full', 'partial', 'full']);
    expect(statements[1].parseError).toEqual({ message: 'syntax error at or near "SELEC"', span: { start: 17, end: 22 } });
    expect(
      refTuples(
        sql,
        statements.flatMap((s) => s.tableRefs),
      ).map((r) => r[1]),
    ).toEqual(['a', 'b', 'c']);
  });

  it('UPDATE … FROM, DELETE … USING, INSERT … ON CONFLICT, CTEs and DROP TABLE', () => {
    const sql = [
      'UPDATE invoices i SET paid = true FROM payments p WHERE p.invoice_id = i.id RETURNING i.id;',
      'DELETE FROM sessions s USING auth_users u WHERE u.id = s.user_id;',
      'INSERT INTO counters (k, n) VALUES ($1, 1) ON CONFLICT (k) DO UPDATE SET n = counters.n + 1;',
      'WITH moved AS (DELETE FROM queue WHERE done RETURNING *) INSERT INTO queue_archive SELECT * FROM moved;',
      'DROP TABLE IF EXISTS tmp_a, archive.tmp_b CASCADE;',
      'SELECT * FROM generate_series(1, 3) g, LATERAL (SELECT * FROM readings r WHERE r.n = g) x WHERE a IS DISTINCT FROM b',
    ].join('\n');
    const { statements } = analyzeSql(sql, 'postgresql');
    expect(statements.every((s) => s.parse === 'full')).toBe(true);
    expect(statements.map((s) => s.kind)).toEqual(['update', 'delete', 'insert', 'insert', 'drop', 'select']);
    expect(
      refTuples(
        sql,
        statements.flatMap((s) => s.tableRefs),
      ),
    ).toEqual([
      ['update', 'invoices', 'invoices'],
      ['select', 'payments', 'payments'],
      ['delete', 'sessions', 'sessions'],
      ['select', 'auth_users', 'auth_users'],
      ['insert', 'counters', 'counters'],
      ['delete', 'queue', 'queue'],
      ['insert', 'queue_archive', 'queue_archive'],
      ['drop', 'tmp_a', 'tmp_a'],
      ['drop', 'archive.tmp_b', 'archive.tmp_b'],
      ['select', 'readings', 'readings'],
    ]);
    const drop = statements[4];
    expect(drop.tableRefs.map((r) => r.span)).toEqual([at(sql, 'tmp_a'), at(sql, 'archive.tmp_b')]);
  });

  it('parent tables of LIKE, PARTITION OF and INHERITS; ALTER TABLE … RENAME; materialized views', () => {
    const sql = [
      'CREATE TABLE child (LIKE parent INCLUDING ALL);',
      "CREATE TABLE readings_2024 PARTITION OF readings FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');",
      'CREATE TABLE sub (x int) INHERITS (base);',
      'ALTER TABLE readings RENAME COLUMN a TO b;',
      'CREATE MATERIALIZED VIEW mv_daily AS SELECT * FROM readings;',
    ].join('\n');
    const { statements } = analyzeSql(sql, 'postgresql');
    expect(statements.every((s) => s.parse === 'full')).toBe(true);
    expect(
      refTuples(
        sql,
        statements.flatMap((s) => s.tableRefs),
      ),
    ).toEqual([
      ['create', 'child', 'child'],
      ['other', 'parent', 'parent'],
      ['create', 'readings_2024', 'readings_2024'],
      ['other', 'readings', 'readings'],
      ['create', 'sub', 'sub'],
      ['other', 'base', 'base'],
      ['alter', 'readings', 'readings'],
      ['select', 'readings', 'readings'],
    ]);
    expect(statements[4]).toMatchObject({ kind: 'create_view', views: [{ name: 'mv_daily', span: at(sql, 'mv_daily') }] });
  });

  it('CREATE VIEW reading another schema', () => {
    const sql =
      'CREATE OR REPLACE VIEW reporting.v_device_vitals AS SELECT d.id, v.heart_rate FROM devices d JOIN clinical.vital_signs v ON v.device_id = d.id';
    const [st] = analyzeSql(sql, 'postgresql').statements;
    expect(st.kind).toBe('create_view');
    expect(st.views).toEqual([{ name: 'v_device_vitals', qualifier: 'reporting', span: at(sql, 'reporting.v_device_vitals') }]);
    expect(refTuples(sql, st.tableRefs)).toEqual([
      ['select', 'devices', 'devices'],
      ['select', 'clinical.vital_signs', 'clinical.vital_signs'],
    ]);
  });

  it('ALTER TABLE ADD CONSTRAINT FOREIGN KEY', () => {
    const sql =
      'ALTER TABLE ONLY public.prescriptions ADD CONSTRAINT fk_rx_patient FOREIGN KEY (patient_id) REFERENCES clinical.patients(id) ON DELETE RESTRICT';
    const [st] = analyzeSql(sql, 'postgresql').statements;
    expect(st.parse).toBe('full');
    expect(refTuples(sql, st.tableRefs)).toEqual([
      ['alter', 'public.prescriptions', 'public.prescriptions'],
      ['references', 'clinical.patients', 'clinical.patients'],
    ]);
    expect(st.tables[0].foreignKeys).toEqual([
      {
        name: 'fk_rx_patient',
        nameSpan: at(sql, 'fk_rx_patient'),
        columns: ['patient_id'],
        references: { name: 'patients', qualifier: 'clinical', action: 'references', span: at(sql, 'clinical.patients') },
        referencedColumns: ['id'],
        span: at(sql, 'FOREIGN KEY'),
      },
    ]);
  });
});

describe('a "PostgreSQL" schema with MySQL syntax pasted in', () => {
  const sql = fixture('pg-schema-with-mysql-syntax.sql');
  clearSqlCache();
  const { statements } = analyzeSql(sql, 'postgresql');

  it('still yields the table, its columns, FKs and the inline index, with parse "partial"', () => {
    const [meds, rx] = statements;
    expect(meds.parse).toBe('partial');
    expect(meds.parseError).toEqual({ message: 'syntax error at or near "COMMENT"', span: at(sql, 'COMMENT') });
    const table = meds.tables[0];
    expect(table).toMatchObject({ kind: 'create', name: 'medications', span: at(sql, 'medications') });
    expect(table.columns.map((c) => `${c.name} ${c.dataType}${c.typeArgs.length ? `(${c.typeArgs})` : ''}`)).toEqual([
      'id UUID',
      'name VARCHAR(200)',
      'patient_id UUID',
      'dosage_mg INTEGER',
    ]);
    expect(table.indexes).toEqual([
      {
        name: 'idx_medications_patient',
        span: at(sql, 'idx_medications_patient'),
        kind: 'index',
        table: 'medications',
        columns: ['patient_id'],
      },
    ]);
    expect(refTuples(sql, meds.tableRefs)).toEqual([
      ['create', 'medications', 'medications'],
      ['references', 'clinical.patients', 'clinical.patients'],
    ]);
    expect(meds.dialectMarkers.filter((m) => m.dialect === 'mysql')).toEqual([
      { dialect: 'mysql', feature: "inline COMMENT '…'", span: at(sql, 'COMMENT') },
      { dialect: 'mysql', feature: 'inline INDEX', span: atAfter(sql, 'dosage_mg', 'INDEX') },
    ]);
    // The next statement is unaffected.
    expect(rx.parse).toBe('full');
    expect(refTuples(sql, rx.tableRefs)).toEqual([
      ['create', 'prescriptions', 'prescriptions'],
      ['references', 'medications', 'medications'],
    ]);
  });
});

describe('driver placeholders in PostgreSQL statements (knex, Sequelize, TypeORM rewrite them to $1)', () => {
  it('`?` and `:name` placeholders are bound before checking: a full parse, references where they are written', () => {
    for (const sql of [
      'SELECT i.id FROM invoices i JOIN payments p ON p.invoice_id = i.id WHERE i.id = ? AND p.status IN (?, ?) LIMIT ?',
      'UPDATE invoices SET status = :status, updated_at = now() WHERE id = :id AND total::numeric > :min',
    ]) {
      const [statement] = analyzeSql(sql, 'postgresql').statements;
      expect(statement.parse, sql).toBe('full');
      expect(statement.parseError, sql).toBeUndefined();
      expect(statement.tableRefs.map((r) => [r.name, r.span])).toEqual(
        sql.startsWith('SELECT')
          ? [
              ['invoices', at(sql, 'invoices')],
              ['payments', at(sql, 'payments')],
            ]
          : [['invoices', at(sql, 'invoices')]],
      );
    }
  });

  it('a statement that is wrong with its placeholders bound keeps the original error', () => {
    const sql = 'SELECT id FORM invoices WHERE id = ?';
    const [statement] = analyzeSql(sql, 'postgresql').statements;
    expect(statement.parse).toBe('partial');
    expect(statement.parseError?.message).toMatch(/syntax error at or near "invoices"/);
    expect(statement.tableRefs.map((r) => r.name)).toEqual([]);
  });

  it('the JSONB `?` operator is left alone: the statement parses as written', () => {
    const sql = "SELECT id FROM documents WHERE tags ? 'urgent'";
    const [statement] = analyzeSql(sql, 'postgresql').statements;
    expect(statement.parse).toBe('full');
    expect(statement.tableRefs.map((r) => [r.name, r.span])).toEqual([['documents', at(sql, 'documents')]]);
  });
});
