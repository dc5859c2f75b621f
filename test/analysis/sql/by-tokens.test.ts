import { describe, expect, it } from 'vitest';
import { analyzeSqlByTokens } from '../../../src/analysis/sql/index.js';
import { at, atAfter, refTuples } from './helpers.js';

describe('SQL of engines without a parser here, read by tokens only', () => {
  it('T-SQL: [bracketed] names are names, a GO line ends a batch, nothing is a parse error', () => {
    const sql = [
      'CREATE TABLE [dbo].[Customers] ([Id] INT IDENTITY(1,1) NOT NULL, [Name] NVARCHAR(MAX) NULL)',
      'GO',
      "UPDATE [dbo].[Customers] SET [Name] = N'[x]' WHERE [Id] = @Id",
      'GO',
      'SELECT TOP 1 c.Id FROM dbo.Customers c JOIN [sales].[Orders] o ON o.CustomerId = c.Id;',
    ].join('\n');
    const analysis = analyzeSqlByTokens(sql, 'sqlserver');
    expect(analysis.byTokensOnly).toBe('sqlserver');
    expect(analysis.statements.map((s) => [s.kind, s.parse, s.parseError, s.unsupported])).toEqual([
      ['create_table', 'partial', undefined, 'SQL Server (no parser here)'],
      ['update', 'partial', undefined, 'SQL Server (no parser here)'],
      ['select', 'partial', undefined, 'SQL Server (no parser here)'],
    ]);
    expect(analysis.statements[0].tables.map((t) => t.name)).toEqual(['Customers']);
    expect(analysis.statements.flatMap((s) => refTuples(sql, s.tableRefs))).toEqual([
      ['create', 'dbo.Customers', '[dbo].[Customers]'],
      ['update', 'dbo.Customers', '[dbo].[Customers]'],
      ['select', 'dbo.Customers', 'dbo.Customers'],
      ['select', 'sales.Orders', '[sales].[Orders]'],
    ]);
    // The statement texts are the file's, brackets and all; the string's `[x]` is data.
    expect(analysis.statements[1].text).toContain("N'[x]'");
    expect(analysis.statements[1].span.start).toBe(at(sql, 'UPDATE').start);
  });

  it('T-SQL: DDL guarded by IF NOT EXISTS (…) BEGIN … END or IF OBJECT_ID(…) IS NULL declares its table; a guarded DML or UPDATE no table', () => {
    const sql = [
      "IF NOT EXISTS (SELECT * FROM sys.objects WHERE object_id = OBJECT_ID(N'[dbo].[Customers]') AND type in (N'U'))",
      'BEGIN',
      'CREATE TABLE [dbo].[Customers] ([Id] INT NOT NULL PRIMARY KEY, [RegionId] INT REFERENCES [dbo].[Regions]([Id]))',
      'END',
      'GO',
      "IF OBJECT_ID(N'dbo.Invoices', N'U') IS NULL CREATE TABLE dbo.Invoices (Id INT PRIMARY KEY)",
      'GO',
      'IF EXISTS (SELECT 1 FROM dbo.Customers) UPDATE dbo.Customers SET RegionId = 1',
      'GO',
    ].join('\n');
    const statements = analyzeSqlByTokens(sql, 'sqlserver').statements;
    expect(
      statements.map((s) =>
        s.tables.map((t) => [t.kind, t.qualifier, t.name, t.span, t.foreignKeys.map((fk) => [fk.references.name, fk.references.span])]),
      ),
    ).toEqual([
      [['create', 'dbo', 'Customers', at(sql, '[dbo].[Customers]', 1), [['Regions', at(sql, '[dbo].[Regions]')]]]],
      [['create', 'dbo', 'Invoices', atAfter(sql, 'IS NULL CREATE TABLE ', 'dbo.Invoices'), []]],
      [],
    ]);
    expect(statements.every((s) => s.parseError === undefined)).toBe(true);
  });

  it('SQLite: INSERT OR REPLACE writes its table; a statement per row, no bulk heads to check', () => {
    const sql =
      'PRAGMA journal_mode = WAL;\nINSERT OR REPLACE INTO cache_stats (id, hits) VALUES (1, 0);\nINSERT INTO cache_stats (id, hits) VALUES (2, 0);';
    const analysis = analyzeSqlByTokens(sql, 'sqlite');
    expect(analysis.statements.map((s) => s.parseError)).toEqual([undefined, undefined, undefined]);
    expect(analysis.statements.flatMap((s) => s.tableRefs.map((r) => [r.name, r.action, r.span]))).toEqual([
      ['cache_stats', 'insert', at(sql, 'cache_stats')],
      ['cache_stats', 'insert', at(sql, 'cache_stats', 1)],
    ]);
  });

  it('ClickHouse: DateTime64, LowCardinality, ENGINE = MergeTree, TTL and array literals are no parse error; `[…]` is no name', () => {
    const sql = [
      'CREATE TABLE IF NOT EXISTS events (ts DateTime64(3), kind LowCardinality(String), user_id UInt64)',
      'ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY (kind, ts) TTL toDateTime(ts) + INTERVAL 180 DAY;',
      'INSERT INTO `events` SELECT * FROM events_buffer ARRAY JOIN [1, 2] AS x;',
    ].join('\n');
    const analysis = analyzeSqlByTokens(sql, 'clickhouse');
    expect(analysis.byTokensOnly).toBe('clickhouse');
    expect(analysis.statements.map((s) => [s.kind, s.parseError, s.unsupported])).toEqual([
      ['create_table', undefined, 'ClickHouse (no parser here)'],
      ['insert', undefined, 'ClickHouse (no parser here)'],
    ]);
    expect(analysis.statements[0].tables.map((t) => t.name)).toEqual(['events']);
    expect(analysis.statements.flatMap((s) => refTuples(sql, s.tableRefs))).toEqual([
      ['create', 'events', 'events'],
      ['insert', 'events', '`events`'],
      ['select', 'events_buffer', 'events_buffer'],
    ]);
  });

  it("ClickHouse's mutations ALTER TABLE t UPDATE c = … / DELETE WHERE … change t's rows: the column is no table (HELDOUT9 #6)", () => {
    const sql = [
      'alter table umami.event_data update string_value = number_value where data_type = 2;',
      'ALTER TABLE events DELETE WHERE ts < now() - INTERVAL 1 YEAR;',
      'ALTER TABLE events ADD COLUMN country String AFTER kind;',
    ].join('\n');
    const analysis = analyzeSqlByTokens(sql, 'clickhouse');
    expect(analysis.statements.map((s) => s.parseError)).toEqual([undefined, undefined, undefined]);
    expect(analysis.statements.flatMap((s) => refTuples(sql, s.tableRefs))).toEqual([
      ['alter', 'umami.event_data', 'umami.event_data'],
      ['alter', 'events', 'events'],
      ['alter', 'events', 'events'],
    ]);
  });

  it("BigQuery: a backticked path is the dataset's table, double quotes are strings, `#` starts a comment", () => {
    const sql = [
      '# daily revenue',
      'SELECT DATE(created_at) AS day, SUM(total) FROM `acme-prod.exports.orders` o',
      'JOIN `exports`.`regions` r ON r.id = o.region_id WHERE r.name = "orders" GROUP BY day;',
      'CREATE TABLE `acme-prod.staging.daily` (day DATE);',
    ].join('\n');
    const analysis = analyzeSqlByTokens(sql, 'bigquery');
    expect(analysis.byTokensOnly).toBe('bigquery');
    expect(analysis.statements.map((s) => s.parseError)).toEqual([undefined, undefined]);
    expect(analysis.statements.flatMap((s) => refTuples(sql, s.tableRefs))).toEqual([
      ['select', 'exports.orders', '`acme-prod.exports.orders`'],
      ['select', 'exports.regions', '`exports`.`regions`'],
      ['create', 'staging.daily', '`acme-prod.staging.daily`'],
    ]);
    expect(analysis.statements[1].tables.map((t) => [t.qualifier, t.name])).toEqual([['staging', 'daily']]);
  });

  it("Cassandra's CQL and DynamoDB's PartiQL: keyspaces, maps and double-quoted table names", () => {
    const cql = [
      "CREATE KEYSPACE IF NOT EXISTS timeline WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};",
      'CREATE TABLE IF NOT EXISTS timeline.posts_by_user (user_id uuid, ts timeuuid, PRIMARY KEY (user_id, ts)) WITH CLUSTERING ORDER BY (ts DESC);',
    ].join('\n');
    const cassandra = analyzeSqlByTokens(cql, 'cassandra');
    expect(cassandra.statements.map((s) => [s.parseError, s.unsupported])).toEqual([
      [undefined, 'Cassandra CQL (no parser here)'],
      [undefined, 'Cassandra CQL (no parser here)'],
    ]);
    expect(cassandra.statements.flatMap((s) => refTuples(cql, s.tableRefs))).toEqual([
      ['create', 'timeline.posts_by_user', 'timeline.posts_by_user'],
    ]);
    const partiql = 'SELECT * FROM "orders" WHERE pk = ?';
    const dynamodb = analyzeSqlByTokens(partiql, 'dynamodb');
    expect(dynamodb.statements.flatMap((s) => refTuples(partiql, s.tableRefs))).toEqual([['select', 'orders', '"orders"']]);
    expect(dynamodb.statements[0].unsupported).toBe('DynamoDB PartiQL (no parser here)');
  });
});
