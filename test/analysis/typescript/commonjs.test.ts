import { describe, expect, it } from 'vitest';
import { assertSegmentsWellFormed, extractFixture, siteWith, sqlNeedleRange } from './helpers.js';

describe('a CommonJS service file', () => {
  const { text, script } = extractFixture('payment-repository.js');

  it('finds SQL through a local query() wrapper, a constructor-assigned table name and appends', () => {
    for (const site of script.embeddedSql) assertSegmentsWellFormed(text, site);
    expect(script.embeddedSql.map((s) => [s.callee, s.via])).toEqual([
      ['query', 'callee'],
      ['conn.query', 'callee'],
      ['conn.query', 'callee'],
      ['query', 'variable'],
    ]);
    expect(siteWith(script.embeddedSql, 'SELECT * FROM').text).toBe('SELECT * FROM payments WHERE invoice_id = ?');
  });

  it('keeps both updates of a transaction, each at its own line', () => {
    const payments = siteWith(script.embeddedSql, 'UPDATE payments');
    const invoices = siteWith(script.embeddedSql, 'UPDATE invoices');
    expect(sqlNeedleRange(text, payments, 'payments')).toEqual({ line: 27, column: 30, endLine: 27, endColumn: 38 });
    expect(sqlNeedleRange(text, invoices, 'invoices')).toEqual({ line: 28, column: 30, endLine: 28, endColumn: 38 });
  });

  it('maps a multi-line template with appends, including the ORDER BY added after the branches', () => {
    const site = siteWith(script.embeddedSql, 'LEFT JOIN invoices');
    expect(site.text.endsWith('ORDER BY p.created_at DESC LIMIT ? OFFSET ?')).toBe(true);
    expect(sqlNeedleRange(text, site, 'invoices')).toEqual({ line: 33, column: 17, endLine: 33, endColumn: 25 });
    expect(sqlNeedleRange(text, site, 'OFFSET')).toEqual({ line: 38, column: 49, endLine: 38, endColumn: 55 });
  });

  it('reads require() imports, pool config and a module.exports secret default', () => {
    expect(script.imports.map((i) => [i.kind, i.specifier])).toEqual([
      ['require', 'mysql2/promise'],
      ['require', 'dotenv'],
    ]);
    expect(script.configProperties.filter((p) => p.callee === 'mysql.createPool').map((p) => [p.key, p.value])).toEqual([
      ['host', 'localhost'],
      ['user', 'root'],
      ['password', ''],
      ['database', 'nilecare'],
    ]);
    expect(script.envDefaults.find((d) => d.name === 'JWT_SECRET')).toMatchObject({ value: 'dev-secret-key', shape: '||' });
  });
});
