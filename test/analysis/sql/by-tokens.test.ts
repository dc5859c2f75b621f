import { describe, expect, it } from 'vitest';
import { analyzeSqlByTokens } from '../../../src/analysis/sql/index.js';
import { at, refTuples } from './helpers.js';

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
});
