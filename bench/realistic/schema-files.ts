/**
 * The SQL files of the realistic profile: per-service migrations (MySQL with `DELIMITER $$`
 * procedures, triggers, events, partitions, grants; PostgreSQL with extensions, enum types,
 * plpgsql functions and triggers) and the root schema files of logical databases
 * (`database/mysql/schema/<domain>.sql` with `USE db`, `database/postgresql/*.sql` with psql
 * `\c`, TimescaleDB hypertables) — 20 to 40 statements each, with the audit's cross-database
 * foreign keys and views planted.
 */
import { cap, Rng, singular } from '../generate.js';
import type { Dialect, Service, Table } from './catalogue.js';
import { Doc, type Ledger } from './ledger.js';
import { createTable, dataColumns, enumTypeName, fkColumns, numericColumn, statusColumn } from './sql-text.js';

/** A foreign key to plant: `column` of `table` referencing `target` (written as is, maybe qualified). */
export interface FkPlant {
  table: Table;
  column: string;
  target: string;
  style: 'inline' | 'alter';
}

/** A statement reaching into another service's table, planted in a view or a routine. */
export interface SqlQueryPlant {
  /** The foreign table as written (`clinical_data.patients`, `invoices`). */
  target: string;
  style: 'view' | 'trigger';
}

function header(doc: Doc, title: string, lines: string[]): void {
  doc.push(
    '-- =============================================================================',
    `-- ${title}`,
    ...lines.map((l) => `-- ${l}`),
    '-- =============================================================================',
    '',
  );
}

/** CREATE TABLE with a planted cross-service FK among its constraints (inline) when asked. */
function tableDdl(doc: Doc, dialect: Dialect, table: Table, fks: FkPlant[], file: string, ledger: Ledger, partition = false): void {
  const extra: string[] = [];
  const inline = fks.filter((f) => f.table === table && f.style === 'inline');
  const columns = inline.filter((f) => !table.columns.some((c) => c.name === f.column));
  // A reference column the table does not have yet is added for the constraint.
  const withColumns: Table = { ...table, columns: [...table.columns, ...columns.map((f) => ({ name: f.column, type: 'str' as const }))] };
  for (const f of inline)
    extra.push(`CONSTRAINT fk_${table.name}_${f.column} FOREIGN KEY (${f.column}) REFERENCES ${f.target}(id) ON DELETE RESTRICT`);
  const lines = createTable(dialect, withColumns, extra, { partition });
  const first = doc.nextLine;
  doc.push(`-- ${cap(table.name.replace(/_/g, ' '))}`, ...lines);
  for (const f of inline) {
    const at = lines.findIndex((l) => l.includes(`REFERENCES ${f.target}(`));
    ledger.plant('no-cross-service-foreign-key', file, first + 1 + at, 'fk-inline', f.target);
  }
}

function alterFks(doc: Doc, fks: FkPlant[], file: string, ledger: Ledger): void {
  for (const f of fks.filter((x) => x.style === 'alter')) {
    if (!f.table.columns.some((c) => c.name === f.column)) doc.push(`ALTER TABLE ${f.table.name} ADD COLUMN ${f.column} CHAR(36) NULL;`);
    doc.push(`ALTER TABLE ${f.table.name}`, `  ADD CONSTRAINT fk_${f.table.name}_${f.column}`, `  FOREIGN KEY (${f.column})`);
    ledger.plant('no-cross-service-foreign-key', file, doc.nextLine, 'fk-alter', f.target);
    doc.push(`  REFERENCES ${f.target} (id);`, '');
  }
}

function mysqlIndexes(rng: Rng, doc: Doc, table: Table): void {
  const status = statusColumn(table);
  doc.push(`CREATE INDEX idx_${table.name}_${status.name}_created ON ${table.name} (${status.name}, created_at);`);
  if (rng.chance(0.4)) doc.push(`ALTER TABLE ${table.name} ADD COLUMN is_archived TINYINT(1) NOT NULL DEFAULT 0;`);
}

function pgIndexes(rng: Rng, doc: Doc, table: Table): void {
  const status = statusColumn(table);
  doc.push(`CREATE INDEX IF NOT EXISTS idx_${table.name}_${status.name} ON ${table.name} (${status.name});`);
  for (const fk of fkColumns(table)) doc.push(`CREATE INDEX IF NOT EXISTS idx_${table.name}_${fk.name} ON ${table.name} (${fk.name});`);
  if (rng.chance(0.5))
    doc.push(
      `COMMENT ON TABLE ${table.name} IS '${cap(table.name.replace(/_/g, ' '))} (owned by this service; don''t write from elsewhere)';`,
    );
}

function pgEnums(doc: Doc, tables: Table[]): void {
  for (const table of tables) {
    for (const c of table.columns.filter((x) => x.type === 'enum')) {
      doc.push(
        'DO $$',
        'BEGIN',
        `  CREATE TYPE ${enumTypeName(table, c)} AS ENUM (${c.values!.map((v) => `'${v}'`).join(', ')});`,
        'EXCEPTION',
        '  WHEN duplicate_object THEN NULL;',
        'END',
        '$$;',
        '',
      );
    }
  }
}

function seedRows(rng: Rng, doc: Doc, dialect: Dialect, table: Table): void {
  const cols = dataColumns(table)
    .filter((c) => c.type !== 'json')
    .slice(0, 4);
  if (cols.length === 0) return;
  const value = (c: (typeof cols)[number], i: number): string => {
    switch (c.type) {
      case 'money':
        return `${rng.int(10, 900)}.00`;
      case 'int':
        return String(rng.int(1, 50));
      case 'bool':
        return dialect === 'mysql' ? '1' : 'true';
      case 'date':
        return `'2024-0${rng.int(1, 9)}-1${rng.int(0, 9)}'`;
      case 'ts':
        return dialect === 'mysql' ? 'NOW()' : 'now()';
      case 'enum':
        return `'${c.values![i % c.values!.length]}'`;
      default:
        return `'${c.name.replace(/_/g, '-')}-${i + 1}'`;
    }
  };
  doc.push(`INSERT INTO ${table.name} (id, ${cols.map((c) => c.name).join(', ')}) VALUES`);
  const n = rng.int(3, 6);
  for (let i = 0; i < n; i++) {
    const id = dialect === 'mysql' ? 'UUID()' : 'uuid_generate_v4()';
    doc.push(`  (${id}, ${cols.map((c) => value(c, i)).join(', ')})${i < n - 1 ? ',' : dialect === 'mysql' ? ';' : ''}`);
  }
  if (dialect === 'postgresql') doc.push('ON CONFLICT DO NOTHING;');
  doc.push('');
}

function ownView(doc: Doc, dialect: Dialect, tables: Table[], file: string, ledger: Ledger): void {
  const child = tables.find((t) => fkColumns(t).some((c) => tables.some((p) => p.name === c.ref)));
  if (!child) return;
  const fk = fkColumns(child).find((c) => tables.some((p) => p.name === c.ref))!;
  const parent = tables.find((p) => p.name === fk.ref)!;
  const label = dataColumns(parent)[0]?.name ?? 'id';
  const status = statusColumn(child);
  doc.push(
    `CREATE OR REPLACE VIEW v_${child.name}_summary AS`,
    `SELECT c.id, c.${status.name}, p.${label} AS ${singular(parent.name)}_${label}, c.created_at`,
    `  FROM ${child.name} c`,
  );
  ledger.decoy(file, doc.nextLine, 'same-service join in a view');
  doc.push(`  JOIN ${parent.name} p ON p.id = c.${fk.name}`, ' WHERE c.deleted_at IS NULL;', '');
  void dialect;
}

/** MySQL routines: an archive procedure, an updated_at trigger, an audit trigger, a purge event. */
function mysqlRoutines(
  rng: Rng,
  doc: Doc,
  service: Service,
  tables: Table[],
  auditTable: Table | undefined,
  plants: SqlQueryPlant[],
  file: string,
  ledger: Ledger,
): void {
  const t = tables[0];
  const u = tables[tables.length - 1];
  const prefix = service.name.replace(/-service$/, '').replace(/-/g, '_');
  doc.push('-- Housekeeping routines (the nightly job calls the procedure; the event is a safety net).', 'DELIMITER $$', '');
  doc.push(
    `DROP PROCEDURE IF EXISTS sp_${prefix}_archive$$`,
    `CREATE PROCEDURE sp_${prefix}_archive(IN p_cutoff DATETIME, OUT p_archived INT)`,
    'BEGIN',
    '  DECLARE EXIT HANDLER FOR SQLEXCEPTION',
    '  BEGIN',
    '    ROLLBACK;',
    '    RESIGNAL;',
    '  END;',
    '  START TRANSACTION;',
    `  UPDATE ${t.name} SET deleted_at = NOW() WHERE created_at < p_cutoff AND deleted_at IS NULL;`,
    '  SET p_archived = ROW_COUNT();',
    `  DELETE FROM ${u.name} WHERE deleted_at IS NOT NULL AND deleted_at < p_cutoff;`,
    '  IF p_archived > 100000 THEN',
  );
  // The message reads like SQL on another service's table: it is a string, not a statement.
  ledger.decoy(file, doc.nextLine, 'SIGNAL message that reads like SQL');
  doc.push(
    "    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Delete from payments refused: too many rows';",
    '  END IF;',
    '  COMMIT;',
    'END$$',
    '',
  );
  doc.push(
    `CREATE TRIGGER trg_${t.name}_before_update BEFORE UPDATE ON ${t.name}`,
    'FOR EACH ROW',
    'BEGIN',
    '  SET NEW.updated_at = NOW();',
    'END$$',
    '',
  );
  if (auditTable) {
    const status = statusColumn(t);
    doc.push(
      `CREATE TRIGGER trg_${t.name}_after_insert AFTER INSERT ON ${t.name}`,
      'FOR EACH ROW',
      'BEGIN',
      `  INSERT INTO ${auditTable.name} (id, ${auditTable.columns
        .slice(0, 2)
        .map((c) => c.name)
        .join(', ')}, created_at)`,
      `  VALUES (UUID(), ${auditTable.columns
        .slice(0, 2)
        .map((c, i) => (i === 0 ? `'${t.name}'` : c.type === 'enum' ? `'${c.values![0]}'` : `NEW.${status.name}`))
        .join(', ')}, NOW());`,
      'END$$',
      '',
    );
  }
  for (const p of plants.filter((x) => x.style === 'trigger')) {
    const own = tables[1] ?? t;
    doc.push(
      `CREATE TRIGGER trg_${own.name}_after_update AFTER UPDATE ON ${own.name}`,
      'FOR EACH ROW',
      'BEGIN',
      `  IF NEW.${statusColumn(own).name} <> OLD.${statusColumn(own).name} THEN`,
    );
    ledger.plant('no-cross-service-query', file, doc.nextLine, 'sql-trigger', p.target);
    doc.push(`    UPDATE ${p.target} SET updated_at = NOW() WHERE id = NEW.id;`, '  END IF;', 'END$$', '');
  }
  doc.push('DELIMITER ;', '');
  doc.push(
    `CREATE EVENT IF NOT EXISTS ev_${prefix}_purge`,
    `  ON SCHEDULE EVERY 1 DAY STARTS '2024-01-01 03:${String(rng.int(10, 59))}:00'`,
    '  DO',
    `    DELETE FROM ${u.name} WHERE deleted_at < NOW() - INTERVAL 90 DAY;`,
    '',
  );
}

function pgRoutines(doc: Doc, service: Service, tables: Table[], plants: SqlQueryPlant[], file: string, ledger: Ledger): void {
  const prefix = service.name.replace(/-service$/, '').replace(/-/g, '_');
  doc.push(
    `CREATE OR REPLACE FUNCTION ${prefix}_set_updated_at() RETURNS trigger AS $$`,
    'BEGIN',
    '  NEW.updated_at := now();',
    '  RETURN NEW;',
    'END;',
    '$$ LANGUAGE plpgsql;',
    '',
  );
  for (const t of tables) {
    doc.push(
      `DROP TRIGGER IF EXISTS trg_${t.name}_updated_at ON ${t.name};`,
      `CREATE TRIGGER trg_${t.name}_updated_at BEFORE UPDATE ON ${t.name}`,
      `  FOR EACH ROW EXECUTE FUNCTION ${prefix}_set_updated_at();`,
      '',
    );
  }
  const t = tables[0];
  doc.push(
    `CREATE OR REPLACE FUNCTION ${prefix}_archive(p_cutoff TIMESTAMPTZ) RETURNS integer AS $$`,
    'DECLARE',
    '  affected integer;',
    'BEGIN',
    `  UPDATE ${t.name} SET deleted_at = now() WHERE created_at < p_cutoff AND deleted_at IS NULL;`,
    '  GET DIAGNOSTICS affected = ROW_COUNT;',
    "  RAISE NOTICE 'Delete from appointments is not this function''s job (% rows archived)', affected;",
    '  RETURN affected;',
    'END;',
    '$$ LANGUAGE plpgsql;',
    '',
  );
  ledger.decoy(file, doc.nextLine - 5, 'RAISE message that reads like SQL');
  for (const p of plants.filter((x) => x.style === 'trigger')) {
    const own = tables[1] ?? t;
    doc.push(`CREATE OR REPLACE FUNCTION ${prefix}_sync_${own.name}() RETURNS trigger AS $$`, 'BEGIN');
    ledger.plant('no-cross-service-query', file, doc.nextLine, 'sql-trigger', p.target);
    doc.push(`  UPDATE ${p.target} SET updated_at = now() WHERE id = NEW.id;`, '  RETURN NEW;', 'END;', '$$ LANGUAGE plpgsql;', '');
  }
}

function grants(doc: Doc, dialect: Dialect, service: Service, database: string, tables: Table[]): void {
  const user = service.name.replace(/-/g, '_');
  if (dialect === 'mysql') {
    for (const t of tables.slice(0, 4)) doc.push(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${database}.${t.name} TO '${user}'@'%';`);
    doc.push(`GRANT SELECT ON ${database}.* TO 'nilecare_readonly'@'%';`, 'FLUSH PRIVILEGES;', '');
  } else {
    doc.push(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${user};`,
      `GRANT USAGE ON SCHEMA public TO ${user};`,
      '',
    );
  }
}

/** A later migration: columns, indexes and backfills added as the service grew. */
function laterChanges(rng: Rng, service: Service, file: string): { path: string; text: string } {
  const mysql = service.dialect === 'mysql';
  const doc = new Doc();
  header(doc, `${service.name} — reporting columns and indexes`, ['Backfills run in batches; safe to re-run.']);
  for (const table of service.tables) {
    const status = statusColumn(table);
    const col = `${rng.pick(['reviewed', 'exported', 'synced', 'archived'])}_at`;
    doc.push(
      mysql
        ? `ALTER TABLE ${table.name} ADD COLUMN ${col} TIMESTAMP NULL AFTER ${status.name};`
        : `ALTER TABLE ${table.name} ADD COLUMN IF NOT EXISTS ${col} TIMESTAMPTZ;`,
    );
    doc.push(
      mysql
        ? `CREATE INDEX idx_${table.name}_${col} ON ${table.name} (${col});`
        : `CREATE INDEX IF NOT EXISTS idx_${table.name}_${col} ON ${table.name} (${col});`,
    );
    doc.push(
      `UPDATE ${table.name} SET ${col} = updated_at WHERE ${col} IS NULL AND ${status.name} IS NOT NULL${mysql ? ' LIMIT 10000' : ''};`,
      '',
    );
  }
  return { path: file, text: doc.text() };
}

export interface MigrationSet {
  files: Array<{ path: string; text: string }>;
}

/**
 * A service's migrations: its tables split over one to three files, then routines and grants.
 * `fks` and `queries` are planted in them.
 */
export function serviceMigrations(
  rng: Rng,
  service: Service,
  fks: FkPlant[],
  queries: SqlQueryPlant[],
  ledger: Ledger,
  folder = 'migrations',
): MigrationSet {
  const dialect = service.dialect;
  const tables = service.tables;
  const files: MigrationSet['files'] = [];
  const names =
    dialect === 'mysql'
      ? ['001_initial_schema.sql', '002_audit_logs_table.sql', '20251015_100000_add_reporting.sql']
      : ['V1__initial_schema.sql', 'V2__audit_and_triggers.sql', 'V3__add_reporting_columns.sql'];
  const parts = tables.length >= 8 ? 2 : 1;
  const per = Math.ceil(tables.length / parts);
  const auditTable = tables.find((t) => /audit/.test(t.name) && t.columns.length >= 2 && t.columns[0].type === 'str');
  for (let p = 0; p < parts; p++) {
    const file = `${service.dir}/${folder}/${names[p]}`;
    const doc = new Doc();
    const slice = tables.slice(p * per, (p + 1) * per);
    header(
      doc,
      `${service.name} — ${p === 0 ? 'initial schema' : `part ${p + 1}`} (${dialect === 'mysql' ? 'MySQL 8.0' : 'PostgreSQL 15'}), database \`${service.database}\``,
      [
        `Tables: ${slice.map((t) => t.name).join(', ')}.`,
        rng.chance(0.5)
          ? "Run by hand: mysql -u root -p < this file (there's no migration tool yet)."
          : "Worker's compensation fields live in the notes column for now.",
      ],
    );
    if (dialect === 'mysql') {
      doc.push('SET NAMES utf8mb4;', 'SET FOREIGN_KEY_CHECKS = 0;', '');
    } else {
      doc.push('CREATE EXTENSION IF NOT EXISTS "uuid-ossp";', 'CREATE EXTENSION IF NOT EXISTS pgcrypto;', '');
      pgEnums(doc, slice);
    }
    for (const table of slice) {
      tableDdl(
        doc,
        dialect,
        table,
        fks,
        file,
        ledger,
        dialect === 'mysql' && /log|attempts|messages/.test(table.name) && table === slice[slice.length - 1],
      );
      if (dialect === 'mysql') mysqlIndexes(rng, doc, table);
      else pgIndexes(rng, doc, table);
      doc.push('');
    }
    if (p === 0 && slice[0]) seedRows(rng, doc, dialect, slice[0]);
    if (p === parts - 1) {
      alterFks(doc, fks, file, ledger);
      ownView(doc, dialect, tables, file, ledger);
      if (dialect === 'mysql') mysqlRoutines(rng, doc, service, tables, auditTable, queries, file, ledger);
      else pgRoutines(doc, service, tables, queries, file, ledger);
      grants(doc, dialect, service, service.database, tables);
    }
    if (dialect === 'mysql') doc.push('SET FOREIGN_KEY_CHECKS = 1;');
    files.push({ path: file, text: doc.text() });
  }
  if (tables.length >= 3) files.push(laterChanges(rng, service, `${service.dir}/${folder}/${names[2]}`));
  return { files };
}

/** A root schema file for a logical database (`USE db;` / `\c db`), owned through the config's `databases`. */
export function rootSchemaFile(
  rng: Rng,
  service: Service,
  fks: FkPlant[],
  queries: SqlQueryPlant[],
  ledger: Ledger,
): { path: string; text: string } {
  const home = service.rootHome!;
  const file = home.file;
  const dialect: Dialect = file.includes('/postgresql/') ? 'postgresql' : 'mysql';
  const tables = service.rootTables;
  const doc = new Doc();
  header(doc, `${cap(home.database.replace(/_/g, ' '))} domain (logical database \`${home.database}\`), owned by ${service.name}.`, [
    'Loaded by the ops bootstrap; keep in step with the service code.',
    "Don't add other domains' tables here -- that's their team's schema.",
  ]);
  if (dialect === 'mysql') {
    doc.push(
      `CREATE DATABASE IF NOT EXISTS ${home.database} DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;`,
      `USE ${home.database};`,
      '',
      'SET FOREIGN_KEY_CHECKS = 0;',
      '',
    );
  } else {
    doc.push(
      `CREATE DATABASE ${home.database};`,
      `\\c ${home.database}`,
      '',
      'CREATE EXTENSION IF NOT EXISTS "uuid-ossp";',
      'CREATE EXTENSION IF NOT EXISTS timescaledb;',
      '',
    );
    pgEnums(doc, tables);
  }
  const commented = fks.find((f) => f.style === 'inline');
  for (const table of tables) {
    if (commented && commented.table === table) {
      // The comment names the foreign table too: it is a comment, not a reference.
      ledger.decoy(file, doc.nextLine, 'table name in a SQL comment');
      doc.push(`-- ${table.name}.${commented.column} should hold a plain id of ${commented.target}: the FK below is the audit's finding.`);
    }
    tableDdl(doc, dialect, table, fks, file, ledger, dialect === 'mysql' && /audit|analytics|log/.test(table.name));
    if (dialect === 'mysql') mysqlIndexes(rng, doc, table);
    else pgIndexes(rng, doc, table);
    doc.push('');
  }
  seedRows(rng, doc, dialect, tables[0]);
  alterFks(doc, fks, file, ledger);
  ownView(doc, dialect, tables, file, ledger);
  for (const q of queries.filter((x) => x.style === 'view')) {
    const t = tables[0];
    const status = statusColumn(t);
    const num = numericColumn(t);
    doc.push(
      '-- Month-end reporting view; reaches into the other database for the MRN.',
      `CREATE OR REPLACE VIEW v_${t.name}_report AS`,
      `SELECT x.id, x.${status.name}, ${num ? `x.${num.name}, ` : ''}ref.mrn`,
      `  FROM ${t.name} x`,
    );
    ledger.plant('no-cross-service-query', file, doc.nextLine, 'sql-view', q.target);
    doc.push(
      `  JOIN ${q.target} ref ON ref.id = x.${t.columns.find((c) => c.name === 'patient_id') ? 'patient_id' : 'id'}`,
      ' WHERE x.deleted_at IS NULL;',
      '',
    );
  }
  if (dialect === 'mysql') {
    const audit = tables.find((t) => t.name === 'audit_log');
    mysqlRoutines(rng, doc, service, tables, audit, queries, file, ledger);
    grants(doc, dialect, service, home.database, tables);
    doc.push('SET FOREIGN_KEY_CHECKS = 1;');
  } else {
    const series = tables.find((t) => t.columns.some((c) => c.name === 'recorded_at'));
    if (series) {
      doc.push(
        `SELECT create_hypertable('${series.name}', 'recorded_at', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE);`,
        `SELECT add_compression_policy('${series.name}', INTERVAL '7 days');`,
        `SELECT add_retention_policy('${series.name}', INTERVAL '1 year');`,
        '',
        `CREATE MATERIALIZED VIEW IF NOT EXISTS ${series.name}_hourly`,
        'WITH (timescaledb.continuous) AS',
        "SELECT time_bucket('1 hour', recorded_at) AS hour,",
        '       patient_id,',
        '       AVG(heart_rate) AS avg_heart_rate,',
        '       AVG(blood_pressure_systolic) AS avg_bp_systolic',
        `  FROM ${series.name}`,
        ' GROUP BY hour, patient_id',
        'WITH NO DATA;',
        '',
      );
    }
    pgRoutines(doc, service, tables, queries, file, ledger);
    grants(doc, dialect, service, home.database, tables);
  }
  return { path: file, text: doc.text() };
}
