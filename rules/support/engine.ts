import type { FileFacts, SqlStatement, UnparsedEngine } from '../../src/analysis/facts.js';
import type { Service } from '../../src/model/model.js';

/**
 * Engines whose tables are designed for their queries rather than as relational rows: Cassandra's partition and
 * clustering keys (`PRIMARY KEY ((user_id), ts)`), ClickHouse's sorting key (`ORDER BY`), the warehouses' append-only
 * fact tables, DynamoDB's key schema. A surrogate `id`, `created_at` / `updated_at` and audit columns are a relational
 * row's design; these rules do not judge such tables. Naming rules (case, prefixes, boolean and index names) and the
 * migration rules judge them as any table: a name and a versioned schema are engine-neutral. SQL Server, SQLite,
 * Oracle and DuckDB, read by tokens too, are relational engines: every rule applies to their tables.
 */
const QUERY_DESIGNED = new Set<UnparsedEngine>(['cassandra', 'clickhouse', 'bigquery', 'snowflake', 'dynamodb']);

/** The engine a statement of `file` was read for, when its tables are designed for their queries (see above). */
export function queryDesignedEngine(event: { file: FileFacts; service?: Service; statement: SqlStatement }): UnparsedEngine | undefined {
  const { file, service, statement } = event;
  const analysis = file.sql ?? file.embeddedAnalyses?.find((a) => a?.statements.includes(statement));
  const engine = analysis ? analysis.byTokensOnly : service?.dialectDecision?.unparsedEngine;
  return engine !== undefined && QUERY_DESIGNED.has(engine) ? engine : undefined;
}
