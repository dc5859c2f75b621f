/**
 * SQL text of the realistic profile: column types and CREATE TABLEs per dialect, and the
 * statements services run — multi-line SELECTs with same-service joins, CTEs, CASE and window
 * functions, upserts, updates, deletes, reports — as lines to embed in code or schema files.
 */
import { Rng, singular } from '../generate.js';
import type { Column, Dialect, Table } from './catalogue.js';

export const mysqlType = (c: Column): string => {
  switch (c.type) {
    case 'fk':
      return 'CHAR(36) NOT NULL';
    case 'str':
      return /email|name|title/.test(c.name) ? 'VARCHAR(255) NOT NULL' : 'VARCHAR(100) NULL';
    case 'text':
      return 'TEXT NULL';
    case 'money':
      return 'DECIMAL(12,2) NOT NULL DEFAULT 0.00';
    case 'int':
      return 'INT NOT NULL DEFAULT 0';
    case 'bool':
      return 'TINYINT(1) NOT NULL DEFAULT 0';
    case 'date':
      return 'DATE NULL';
    case 'ts':
      return 'TIMESTAMP NULL';
    case 'json':
      return 'JSON NULL';
    case 'enum':
      return `ENUM(${c.values!.map((v) => `'${v}'`).join(', ')}) NOT NULL DEFAULT '${c.values![0]}'`;
  }
};

export const pgType = (c: Column, table: Table): string => {
  switch (c.type) {
    case 'fk':
      return 'UUID NOT NULL';
    case 'str':
      return /email|name|title/.test(c.name) ? 'VARCHAR(255) NOT NULL' : 'VARCHAR(100)';
    case 'text':
      return 'TEXT';
    case 'money':
      return 'NUMERIC(12,2) NOT NULL DEFAULT 0';
    case 'int':
      return 'INTEGER NOT NULL DEFAULT 0';
    case 'bool':
      return 'BOOLEAN NOT NULL DEFAULT false';
    case 'date':
      return 'DATE';
    case 'ts':
      return 'TIMESTAMPTZ';
    case 'json':
      return "JSONB NOT NULL DEFAULT '{}'::jsonb";
    case 'enum':
      return `${enumTypeName(table, c)} NOT NULL DEFAULT '${c.values![0]}'`;
  }
};

export const enumTypeName = (table: Table, c: Column): string => `${singular(table.name)}_${c.name}`;

/** A column to filter and group on: an enum if there is one, else the first plain column. */
export function statusColumn(table: Table): Column {
  return table.columns.find((c) => c.type === 'enum') ?? table.columns.find((c) => c.type === 'str') ?? table.columns[0];
}

export function dataColumns(table: Table): Column[] {
  return table.columns.filter((c) => c.type !== 'fk');
}

export function fkColumns(table: Table): Column[] {
  return table.columns.filter((c) => c.type === 'fk');
}

export function numericColumn(table: Table): Column | undefined {
  return table.columns.find((c) => c.type === 'money') ?? table.columns.find((c) => c.type === 'int');
}

export function timeColumn(table: Table): string {
  return table.columns.find((c) => c.type === 'ts')?.name ?? 'created_at';
}

/**
 * The SQL dialect of a statement and its placeholder syntax: knex and Sequelize take `?` whatever
 * the database, so a PostgreSQL service using them writes PostgreSQL with `?` marks.
 */
export type Flavour = Dialect | 'postgresql-qmark';

/** Placeholder number `n` (1-based) in the driver's syntax. */
export const placeholder = (flavour: Flavour, n: number): string => (flavour === 'postgresql' ? `$${n}` : '?');

/** Short words an initialism alias must not be: keywords of either dialect. */
const RESERVED = new Set([
  'as',
  'at',
  'by',
  'do',
  'if',
  'in',
  'is',
  'of',
  'on',
  'or',
  'to',
  'add',
  'all',
  'and',
  'any',
  'are',
  'asc',
  'day',
  'div',
  'end',
  'for',
  'key',
  'mod',
  'new',
  'not',
  'now',
  'old',
  'out',
  'row',
  'set',
  'sql',
  'ssl',
  'top',
  'use',
  'xor',
  'desc',
  'drop',
  'from',
  'into',
  'join',
  'left',
  'like',
  'null',
  'over',
  'rows',
  'show',
  'some',
  'then',
  'true',
  'user',
  'when',
  'with',
]);

const alias = (table: Table, taken: Set<string>): string => {
  const parts = table.name.split('_');
  let a = parts.map((p) => p[0]).join('');
  while (taken.has(a) || RESERVED.has(a)) a += parts[parts.length - 1][a.length] ?? 'x';
  taken.add(a);
  return a;
};

export interface Statement {
  /** Lines of SQL, without the enclosing quotes. */
  lines: string[];
  /** Bound values for the placeholders, as TypeScript expressions. */
  params: string[];
  /** Index (into `lines`) of lines that join another table of the same service. */
  ownJoinLines: number[];
  /** Reads rows (SELECT) or writes. */
  reads: boolean;
  /** Short verb for method names. */
  name: string;
}

/**
 * The statements a repository of `table` runs, in `dialect`. `tableRef` is how the table is
 * written in the text (its name, or a `${…}` hole bound to it).
 */
export function statementsFor(rng: Rng, dialect: Flavour, table: Table, tables: Table[], tableRef: string): Statement[] {
  const mysql = dialect === 'mysql';
  const now = mysql ? 'NOW()' : 'now()';
  const out: Statement[] = [];
  const taken = new Set<string>();
  const t = alias(table, taken);
  const status = statusColumn(table);
  const data = dataColumns(table);
  const num = numericColumn(table);
  const time = timeColumn(table);
  const parents = fkColumns(table)
    .map((c) => ({ column: c, table: tables.find((x) => x.name === c.ref) }))
    .filter((p): p is { column: Column; table: Table } => p.table !== undefined);
  const children = tables.filter((x) => x !== table && x.columns.some((c) => c.type === 'fk' && c.ref === table.name));

  // 1. Find one row with its parents (same-service joins).
  {
    const lines: string[] = [];
    const ownJoinLines: number[] = [];
    const cols = rng
      .shuffle([...data])
      .slice(0, rng.int(Math.min(3, data.length), Math.min(8, data.length)))
      .map((c) => `${t}.${c.name}`);
    lines.push(`SELECT ${t}.id,`);
    for (const c of cols) lines.push(`       ${c},`);
    const joined = parents.slice(0, 2).map((p) => ({ ...p, a: alias(p.table, taken) }));
    for (const j of joined) {
      const label = dataColumns(j.table)[0];
      if (label) lines.push(`       ${j.a}.${label.name} AS ${singular(j.table.name)}_${label.name},`);
    }
    lines.push(`       ${t}.created_at,`, `       ${t}.updated_at`);
    lines.push(`  FROM ${tableRef} ${t}`);
    for (const j of joined) {
      ownJoinLines.push(lines.length);
      lines.push(`  LEFT JOIN ${j.table.name} ${j.a} ON ${j.a}.id = ${t}.${j.column.name}`);
    }
    lines.push(` WHERE ${t}.id = ${placeholder(dialect, 1)}`, `   AND ${t}.deleted_at IS NULL`);
    const flag = data.find((c) => c.type === 'bool');
    if (flag && rng.chance(0.4)) lines.push(`   AND ${t}.${flag.name} = ${mysql ? '1' : 'true'}`);
    out.push({ lines, params: ['id'], ownJoinLines, reads: true, name: 'findById' });
  }

  // 2. A report: CTE, CASE, GROUP BY, HAVING.
  {
    const lines: string[] = [];
    const grain = rng.pick(['day', 'week', 'month'] as const);
    const bucket = mysql
      ? grain === 'day'
        ? `DATE(${t}.created_at)`
        : `DATE_FORMAT(${t}.created_at, '${grain === 'week' ? '%x-%v' : '%Y-%m-01'}')`
      : `date_trunc('${grain}', ${t}.created_at)`;
    const measure = num ? `SUM(${t}.${num.name})` : 'COUNT(*)';
    lines.push(
      'WITH recent AS (',
      `  SELECT ${t}.id, ${t}.${status.name}, ${num ? `${t}.${num.name}, ` : ''}${t}.created_at`,
      `    FROM ${tableRef} ${t}`,
      `   WHERE ${t}.created_at >= ${mysql ? `DATE_SUB(NOW(), INTERVAL ${placeholder(dialect, 1)} DAY)` : `now() - (${placeholder(dialect, 1)} || ' days')::interval`}`,
      `     AND ${t}.deleted_at IS NULL`,
      ')',
      `SELECT ${bucket.replace(`${t}.`, 'r.')} AS period,`,
      `       r.${status.name},`,
      '       COUNT(*) AS total,',
      `       ${measure.replace(`${t}.`, 'r.')} AS volume,`,
      `       SUM(CASE WHEN r.${status.name} = ${placeholder(dialect, 2)} THEN 1 ELSE 0 END) AS matching`,
      '  FROM recent r',
      ` GROUP BY ${bucket.replace(`${t}.`, 'r.')}, r.${status.name}`,
      `HAVING COUNT(*) >= ${placeholder(dialect, 3)}`,
      ' ORDER BY period DESC, total DESC',
    );
    out.push({
      lines,
      params: ['days', 'status', 'minCount'],
      ownJoinLines: [],
      reads: true,
      name: `${grain === 'day' ? 'daily' : grain === 'week' ? 'weekly' : 'monthly'}Report`,
    });
  }

  // 3. Upsert.
  {
    const cols = [
      'id',
      ...table.columns.slice(0, rng.int(Math.min(3, table.columns.length), Math.min(8, table.columns.length))).map((c) => c.name),
    ];
    const lines = [
      `INSERT INTO ${tableRef} (`,
      `  ${cols.join(', ')},`,
      '  created_at, updated_at',
      ') VALUES (',
      `  ${cols.map((_, i) => placeholder(dialect, i + 1)).join(', ')},`,
      `  ${now}, ${now}`,
      ')',
    ];
    const updatable = cols.slice(1, 5);
    if (mysql) {
      lines.push('ON DUPLICATE KEY UPDATE');
      for (const c of updatable) lines.push(`  ${c} = VALUES(${c}),`);
      lines.push('  updated_at = NOW()');
    } else {
      lines.push('ON CONFLICT (id) DO UPDATE SET');
      for (const c of updatable) lines.push(`  ${c} = EXCLUDED.${c},`);
      lines.push('  updated_at = now()', 'RETURNING id, created_at, updated_at');
    }
    out.push({ lines, params: cols.map((c) => `row.${c}`), ownJoinLines: [], reads: false, name: 'save' });
  }

  // 4. Status change with a guard subquery on a child table.
  {
    const child = children[0];
    const lines = [
      `UPDATE ${tableRef}`,
      `   SET ${status.name} = ${placeholder(dialect, 1)},`,
      `       updated_at = ${now}`,
      ` WHERE id = ${placeholder(dialect, 2)}`,
      '   AND deleted_at IS NULL',
    ];
    const ownJoinLines: number[] = [];
    if (child) {
      const fk = child.columns.find((c) => c.type === 'fk' && c.ref === table.name)!;
      ownJoinLines.push(lines.length + 2);
      lines.push(
        '   AND NOT EXISTS (',
        '     SELECT 1',
        `       FROM ${child.name} c`,
        `      WHERE c.${fk.name} = ${placeholder(dialect, 3)}`,
        '        AND c.deleted_at IS NULL',
        '   )',
      );
    }
    out.push({
      lines,
      params: child ? ['value', 'id', 'id'] : ['value', 'id'],
      ownJoinLines,
      reads: false,
      name: `update${status.name.replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase())}`,
    });
  }

  // 5. Ranked list: window function over the table, filtered by the rank.
  {
    const partition = parents[0]?.column.name ?? status.name;
    const order = rng.chance(0.5) ? (num?.name ?? time) : time;
    const lines = [
      'SELECT ranked.*',
      '  FROM (',
      `    SELECT ${t}.id, ${t}.${partition}, ${t}.${order}, ${t}.created_at,`,
      `           ROW_NUMBER() OVER (PARTITION BY ${t}.${partition} ORDER BY ${t}.${order} DESC) AS position`,
      `      FROM ${tableRef} ${t}`,
      `     WHERE ${t}.deleted_at IS NULL`,
      '  ) ranked',
      ` WHERE ranked.position <= ${placeholder(dialect, 1)}`,
      ` ORDER BY ranked.${partition}, ranked.position`,
    ];
    out.push({ lines, params: ['limit'], ownJoinLines: [], reads: true, name: 'topPerGroup' });
  }

  // 6. Purge old soft-deleted rows.
  {
    const lines = [
      `DELETE FROM ${tableRef}`,
      ` WHERE deleted_at IS NOT NULL`,
      `   AND deleted_at < ${mysql ? `DATE_SUB(NOW(), INTERVAL ${placeholder(dialect, 1)} DAY)` : `now() - (${placeholder(dialect, 1)} || ' days')::interval`}`,
    ];
    if (mysql) lines.push(` LIMIT ${rng.pick([500, 1000, 5000])}`);
    out.push({ lines, params: ['retentionDays'], ownJoinLines: [], reads: false, name: 'purgeDeleted' });
  }

  // 7. Children summary: own join with aggregates.
  if (children.length > 0) {
    const child = children[rng.int(0, children.length - 1)];
    const fk = child.columns.find((c) => c.type === 'fk' && c.ref === table.name)!;
    const c = alias(child, taken);
    const childNum = numericColumn(child);
    const lines = [
      `SELECT ${t}.id,`,
      `       ${t}.${status.name},`,
      `       COUNT(${c}.id) AS ${singular(child.name)}_count,`,
      `       ${childNum ? `COALESCE(SUM(${c}.${childNum.name}), 0)` : `MAX(${c}.created_at)`} AS ${childNum ? `${childNum.name}_total` : 'last_activity'}`,
      `  FROM ${tableRef} ${t}`,
      `  JOIN ${child.name} ${c} ON ${c}.${fk.name} = ${t}.id`,
      ` WHERE ${t}.${status.name} IN (${placeholder(dialect, 1)}, ${placeholder(dialect, 2)})`,
      `   AND ${c}.deleted_at IS NULL`,
      ` GROUP BY ${t}.id, ${t}.${status.name}`,
      ` ORDER BY ${singular(child.name)}_count DESC`,
      ` LIMIT ${rng.int(20, 200)}`,
    ];
    out.push({
      lines,
      params: ['first', 'second'],
      ownJoinLines: [5],
      reads: true,
      name: `with${child.name.replace(/(^|_)(\w)/g, (_, __, ch: string) => ch.toUpperCase())}`,
    });
  }
  return out;
}

/** `CREATE TABLE` lines; `extra` lines (constraints) go before the closing parenthesis. */
export function createTable(dialect: Dialect, table: Table, extra: string[] = [], options: { partition?: boolean } = {}): string[] {
  const mysql = dialect === 'mysql';
  const lines = [`CREATE TABLE IF NOT EXISTS ${table.name} (`];
  const items: string[] = [];
  items.push(
    mysql
      ? options.partition
        ? 'id CHAR(36) NOT NULL'
        : 'id CHAR(36) NOT NULL DEFAULT (UUID())'
      : 'id UUID PRIMARY KEY DEFAULT uuid_generate_v4()',
  );
  for (const c of table.columns) items.push(`${c.name} ${mysql ? mysqlType(c) : pgType(c, table)}`);
  if (mysql) {
    items.push(
      'created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP',
      'updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP',
      'deleted_at TIMESTAMP NULL',
    );
    items.push(options.partition ? 'PRIMARY KEY (id, created_at)' : 'PRIMARY KEY (id)');
    const status = statusColumn(table);
    items.push(`INDEX idx_${table.name}_${status.name} (${status.name})`);
    for (const fk of fkColumns(table)) {
      items.push(`INDEX idx_${table.name}_${fk.name} (${fk.name})`);
      if (!options.partition)
        items.push(`CONSTRAINT fk_${table.name}_${fk.name} FOREIGN KEY (${fk.name}) REFERENCES ${fk.ref}(id) ON DELETE CASCADE`);
    }
  } else {
    items.push('created_at TIMESTAMPTZ NOT NULL DEFAULT now()', 'updated_at TIMESTAMPTZ NOT NULL DEFAULT now()', 'deleted_at TIMESTAMPTZ');
    for (const fk of fkColumns(table))
      items.push(`CONSTRAINT fk_${table.name}_${fk.name} FOREIGN KEY (${fk.name}) REFERENCES ${fk.ref}(id) ON DELETE CASCADE`);
  }
  const all = [...items, ...extra];
  all.forEach((item, i) => lines.push(`  ${item}${i < all.length - 1 ? ',' : ''}`));
  if (mysql) {
    lines.push(`) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci${options.partition ? '' : ';'}`);
    if (options.partition) {
      lines.push('PARTITION BY RANGE (YEAR(created_at)) (');
      lines.push(
        '  PARTITION p2023 VALUES LESS THAN (2024),',
        '  PARTITION p2024 VALUES LESS THAN (2025),',
        '  PARTITION p2025 VALUES LESS THAN (2026),',
        '  PARTITION pmax VALUES LESS THAN MAXVALUE',
        ');',
      );
    }
  } else {
    lines.push(');');
  }
  return lines;
}
