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

describe('GRANT / REVOKE targets are grant references', () => {
  it('MySQL: qualified, quoted and column-level grants, REVOKE, IF EXISTS', () => {
    const sql = [
      "GRANT SELECT, UPDATE ON billing.invoices TO 'payment_svc'@'%';",
      "GRANT SELECT ON TABLE `billing`.`invoice_items` TO 'x'@'%' WITH GRANT OPTION;",
      "GRANT SELECT (id, total), UPDATE (status) ON invoices, payments TO 'x'@'%';",
      "REVOKE INSERT, UPDATE ON invoices FROM 'x'@'%';",
      "REVOKE IF EXISTS SELECT ON claims FROM 'x'@'%';",
    ].join('\n');
    const { statements } = analyzeSql(sql, 'mysql');
    expect(statements.map((s) => s.parseError)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(refsOf(sql, 'mysql')).toEqual([
      ['grant', 'billing.invoices', 'billing.invoices'],
      ['grant', 'billing.invoice_items', '`billing`.`invoice_items`'],
      ['grant', 'invoices', 'invoices'],
      ['grant', 'payments', 'payments'],
      ['grant', 'invoices', 'invoices'],
      ['grant', 'claims', 'claims'],
    ]);
    expect(statements[0].tableRefs[0].span).toEqual(at(sql, 'billing.invoices'));
    expect(statements[3].tableRefs[0].span).toEqual(atAfter(sql, 'REVOKE INSERT', 'invoices'));
  });

  it('MySQL: *.*, db.*, routines, proxies, USAGE and role grants name no table', () => {
    const sql = [
      "GRANT ALL PRIVILEGES ON app.* TO 'svc'@'%';",
      "GRANT SELECT ON *.* TO 'backup'@'localhost';",
      "GRANT SELECT ON * TO 'x'@'%';",
      "GRANT EXECUTE ON PROCEDURE app.close_invoice TO 'x'@'%';",
      "GRANT EXECUTE ON FUNCTION app.total TO 'x'@'%';",
      "GRANT PROXY ON `root` TO 'bob'@'%';",
      "GRANT USAGE ON app.invoices TO 'x'@'%';",
      "GRANT reader, writer TO 'x'@'%';",
      "REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'x'@'%';",
      'REVOKE reader FROM invoices;',
    ].join('\n');
    expect(refsOf(sql, 'mysql')).toEqual([]);
  });

  it('PostgreSQL: the AST locates each table of ON [TABLE] a, b', () => {
    const sql = [
      'GRANT SELECT, UPDATE ON billing.invoices, payments TO payment_role;',
      'GRANT SELECT ON TABLE "Billing"."Claims" TO r;',
      'GRANT SELECT (id, total) ON invoices TO r WITH GRANT OPTION;',
      'REVOKE ALL ON invoices FROM payments;',
      'REVOKE GRANT OPTION FOR SELECT ON claims FROM r;',
    ].join('\n');
    const { statements } = analyzeSql(sql, 'postgresql');
    expect(statements.every((s) => s.parse === 'full')).toBe(true);
    expect(refsOf(sql, 'postgresql')).toEqual([
      ['grant', 'billing.invoices', 'billing.invoices'],
      ['grant', 'payments', 'payments'],
      ['grant', 'Billing.Claims', '"Billing"."Claims"'],
      ['grant', 'invoices', 'invoices'],
      ['grant', 'invoices', 'invoices'],
      ['grant', 'claims', 'claims'],
    ]);
    expect(statements[0].tableRefs[1].span).toEqual(atAfter(sql, 'invoices, ', 'payments'));
  });

  it('PostgreSQL: schemas, sequences, functions, databases, default privileges and roles name no table', () => {
    const sql = [
      'GRANT SELECT ON ALL TABLES IN SCHEMA billing TO r;',
      'GRANT USAGE ON SCHEMA billing TO r;',
      'GRANT USAGE, SELECT ON SEQUENCE invoices_id_seq TO r;',
      'GRANT USAGE, SELECT ON invoices_id_seq TO r;',
      'GRANT EXECUTE ON FUNCTION total(int) TO r;',
      'GRANT CONNECT ON DATABASE billing TO r;',
      'ALTER DEFAULT PRIVILEGES IN SCHEMA billing GRANT SELECT ON TABLES TO r;',
      'GRANT admin TO bob;',
      'REVOKE admin FROM invoices;',
    ].join('\n');
    expect(refsOf(sql, 'postgresql')).toEqual([]);
  });

  it('the token path agrees with the AST when PostgreSQL rejects the statement', () => {
    // A trailing word PostgreSQL rejects: the statement is partial and its targets come from tokens.
    const sql = 'GRANT SELECT ON invoices, billing.claims TO r ROLLUP;';
    const [st] = analyzeSql(sql, 'postgresql').statements;
    expect(st.parse).toBe('partial');
    expect(refTuples(sql, st.tableRefs)).toEqual([
      ['grant', 'invoices', 'invoices'],
      ['grant', 'billing.claims', 'billing.claims'],
    ]);
  });

  it('a GRANT inside a MySQL procedure body is read too; its FROM role is not a table', () => {
    const sql =
      "CREATE PROCEDURE setup()\nBEGIN\n  GRANT SELECT ON invoices TO 'r'@'%';\n  REVOKE DELETE ON payments FROM auditors;\n  SELECT id FROM claims;\nEND";
    expect(refsOf(sql, 'mysql')).toEqual([
      ['grant', 'invoices', 'invoices'],
      ['grant', 'payments', 'payments'],
      ['select', 'claims', 'claims'],
    ]);
  });
});
