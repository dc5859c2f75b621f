import { describe, expect, it } from 'vitest';
import type { DatabaseConnection, Service, TableDeclaration } from '../../src/model/model.js';
import type { FileFacts } from '../../src/analysis/facts.js';
import { confineToTableSchemas, reachSearchedSchemas } from '../../src/model/table-schemas.js';

const table = (name: string, database?: string): TableDeclaration => ({
  table: name,
  ...(database ? { database } : {}),
  file: 'x.sql',
  range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
  via: 'migration',
});
const service = (
  name: string,
  tables: TableDeclaration[],
  connection: Partial<DatabaseConnection> = {},
  dialect: Service['dialect'] = 'postgresql',
): Service => ({
  name,
  roots: [name],
  dialect,
  databases: [{ name: 'app', kind: 'postgresql', sources: [], ...connection }],
  prefixes: [],
  ownedPatterns: [],
  createdTables: tables,
  migrations: [],
});

describe('a schema per service shown by its tables', () => {
  it('confines a connection that names no schema to the schemas all its tables are in, when no other service declares tables there', () => {
    const members = service('members', [table('members', 'members'), table('sessions', 'Members')]);
    const billing = service('billing', [table('invoices', 'billing'), table('payments', 'billing_archive')]);
    confineToTableSchemas([members, billing]);
    expect(members.databases[0].schemas).toEqual(['members']);
    expect(billing.databases[0].schemas).toEqual(['billing', 'billing_archive']);
  });

  it('leaves it alone when one table is unqualified, a schema is shared or public, the schemas come from the settings, the qualifier is the database, or the engine is MySQL', () => {
    const unqualified = service('a', [table('x', 'a'), table('y')]);
    const sharedSchemaB = service('b', [table('x', 'common')]);
    const sharedSchemaC = service('c', [table('y', 'common')]);
    const inPublic = service('d', [table('z', 'public')]);
    const fromSettings = service('e', [table('w', 'e')], { schemas: ['public', 'tenant'] });
    const databaseName = service('f', [table('v', 'app')]);
    const mysql = service('g', [table('u', 'g')], { kind: 'mysql' }, 'mysql');
    const all = [unqualified, sharedSchemaB, sharedSchemaC, inPublic, fromSettings, databaseName, mysql];
    confineToTableSchemas(all);
    expect(all.map((s) => s.databases[0].schemas)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      ['public', 'tenant'],
      undefined,
      undefined,
    ]);
  });
});

describe('a search path that goes on past the service’s schemas', () => {
  const sqlFile = (path: string, refs: Array<{ name: string; qualifier?: string }>): FileFacts =>
    ({
      path,
      sql: {
        statements: refs.map((ref) => ({ tableRefs: [{ ...ref, action: 'select', span: { start: 0, end: 1 } }] })),
      },
    }) as unknown as FileFacts;

  it('puts the connection in public when the service reads, unqualified, a table another service on the database keeps there', () => {
    const billing = service('billing', [table('invoices', 'billing')]);
    const payment = service('payment', [table('payments', 'app')]);
    confineToTableSchemas([billing, payment]);
    expect(billing.databases[0]).toMatchObject({ schemas: ['billing'], searchedSchemas: ['public'] });
    const files = [sqlFile('billing/q.sql', [{ name: 'invoices', qualifier: 'billing' }, { name: 'Payments' }])];
    reachSearchedSchemas([billing, payment], files, (p) => (p.startsWith('billing/') ? billing : undefined));
    expect(billing.databases[0].schemas).toEqual(['billing', 'public']);
  });

  it('leaves it alone for its own names, qualified names, names nobody keeps in public, or another database', () => {
    const billing = service('billing', [table('invoices')], { schemas: ['billing'], searchedSchemas: ['public'] });
    const payment = service('payment', [table('payments')]);
    const ledger = service('ledger', [table('entries')], { name: 'other' });
    const files = [
      sqlFile('billing/q.sql', [
        { name: 'invoices' },
        { name: 'payments', qualifier: 'payment' },
        { name: 'audit_log' },
        { name: 'entries' },
      ]),
    ];
    reachSearchedSchemas([billing, payment, ledger], files, (p) => (p.startsWith('billing/') ? billing : undefined));
    expect(billing.databases[0].schemas).toEqual(['billing']);
  });
});
