/**
 * Which design rules judge the tables of engines read by tokens (h14n's leftover of HELDOUT6 #23): a Cassandra,
 * ClickHouse, BigQuery, Snowflake or DynamoDB table is designed for its queries (partition, clustering and sorting
 * keys; append-only facts), so primary-key-name, timestamp-columns and audit-columns leave it alone; SQL Server,
 * SQLite, Oracle and DuckDB are relational and keep every rule; naming rules (identifier-case) judge every engine.
 */
import primaryKeyName from '../../rules/primary-key-name.js';
import timestampColumns from '../../rules/timestamp-columns.js';
import identifierCase from '../../rules/identifier-case.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester } from '../rule-tester.js';

const pkg = (name: string, dependency: string) => JSON.stringify({ name, dependencies: { [dependency]: '^1.0.0' } });
const config: NilecareConfig = {
  services: ['timeline', 'analytics', 'legacy'].map((name) => ({ name, roots: [`services/${name}`] })),
};
const files = {
  'services/timeline/package.json': pkg('timeline', 'cassandra-driver'),
  'services/analytics/package.json': pkg('analytics', '@clickhouse/client'),
  'services/legacy/package.json': pkg('legacy', 'mssql'),
};
const CQL_USERS = 'CREATE TABLE IF NOT EXISTS timeline.users (user_id uuid PRIMARY KEY, handle text, createdAt timestamp);';
const CLICKHOUSE_EVENTS =
  'CREATE TABLE events (event_id UInt64, ts DateTime64(3), createdAt DateTime, PRIMARY KEY (event_id)) ENGINE = MergeTree ORDER BY event_id;';
const TSQL_USERS = 'CREATE TABLE users (user_id INT PRIMARY KEY, handle NVARCHAR(50), createdAt DATETIME2);';

ruleTester.run(primaryKeyName, {
  valid: [
    {
      name: "a Cassandra table's partition key names what it partitions by: no surrogate id expected",
      filename: 'services/timeline/cql/001_schema.cql',
      code: CQL_USERS,
      files,
      config,
    },
    {
      name: "a ClickHouse table's key, in a service on ClickHouse",
      filename: 'services/analytics/clickhouse/migrations/001_events.sql',
      code: CLICKHOUSE_EVENTS,
      files,
      config,
    },
  ],
  invalid: [
    {
      name: 'a SQL Server table (read by tokens, a relational engine) keeps the rule',
      filename: 'services/legacy/migrations/V1__users.sql',
      code: TSQL_USERS,
      files,
      config,
      errors: [{ messageId: 'wrongName', line: 1, column: 21, endLine: 1, endColumn: 28 }],
    },
  ],
});

ruleTester.run(timestampColumns, {
  valid: [
    {
      name: "a Cassandra or ClickHouse table's timestamp columns are its own design",
      filename: 'services/timeline/cql/001_schema.cql',
      code: CQL_USERS,
      files: { ...files, 'services/analytics/clickhouse/migrations/001_events.sql': CLICKHOUSE_EVENTS },
      config,
    },
  ],
  invalid: [
    {
      name: 'a SQL Server table keeps the rule: createdAt is created_at misspelled',
      filename: 'services/legacy/migrations/V1__users.sql',
      code: TSQL_USERS,
      files,
      config,
      errors: [{ messageId: 'misspelled', line: 1, column: 67, endLine: 1, endColumn: 76 }],
    },
  ],
});

ruleTester.run(identifierCase, {
  valid: [
    {
      name: 'snake_case CQL is as the defaults expect',
      filename: 'services/timeline/cql/002_posts.cql',
      code: 'CREATE TABLE timeline.posts_by_user (user_id uuid, ts timeuuid, body text, PRIMARY KEY ((user_id), ts));',
      files,
      config,
    },
  ],
  invalid: [
    {
      name: 'naming rules judge every engine: a camelCase column of a Cassandra table',
      filename: 'services/timeline/cql/001_schema.cql',
      code: CQL_USERS,
      files,
      config,
      errors: [{ messageId: 'column', line: 1, column: 83, endLine: 1, endColumn: 92 }],
    },
  ],
});
