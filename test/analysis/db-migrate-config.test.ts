import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { isDbMigrateConfig, parseDbMigrateConfig } from '../../src/analysis/db-migrate-config.js';

/** Each connection with its entries as `key=value @ text the value span covers`, and the engines with their spans. */
function read(text: string) {
  const facts = parseDbMigrateConfig(text);
  return {
    engines: facts?.engines.map((e) => `${e.key}=${e.type} @ ${text.slice(e.span.start, e.span.end)}`),
    connections: facts?.connections?.map((c) => ({
      name: c.name,
      ...(c.type ? { type: c.type } : {}),
      entries: c.entries.map((e) => `${e.key}=${e.value} @ ${text.slice(e.valueSpan.start, e.valueSpan.end)}`),
    })),
  };
}

describe("db-migrate's database.json", () => {
  it('knows it by name', () => {
    expect(['database.json', 'services/orders/database.json'].every(isDbMigrateConfig)).toBe(true);
    expect(['my-database.json', 'database.json5', 'config/databases.json'].some(isDbMigrateConfig)).toBe(false);
  });

  it("reads each deployed environment's driver, database, host, URL and password; ENV objects are no value; dev and test are local stand-ins", () => {
    const text = [
      '{',
      '  "defaultEnv": { "ENV": "NODE_ENV" },',
      '  "dev": { "driver": "pg", "user": "postgres", "password": "postgres", "database": "orders_dev" },',
      '  "test": { "driver": "sqlite3", "filename": ":memory:" },',
      '  "prod": { "driver": "pg", "host": { "ENV": "DB_HOST" }, "password": { "ENV": "DB_PASSWORD" }, "database": "orders", "schema": "sales" },',
      '  "staging": "postgres://orders:St4ging-pw@staging-db:5432/orders",',
      '  "reporting": { "driver": { "ENV": "DRIVER" }, "url": "mysql://reports@reports-db/reports" },',
      '  "sql-file": true',
      '}',
    ].join('\n');
    expect(read(text)).toEqual({
      engines: ['driver=pg @ "pg"', 'driver=sqlite3 @ "sqlite3"', 'driver=pg @ "pg"'],
      connections: [
        { name: 'prod', type: 'pg', entries: ['database=orders @ "orders"', 'schema=sales @ "sales"'] },
        {
          name: 'staging',
          entries: ['url=postgres://orders:St4ging-pw@staging-db:5432/orders @ "postgres://orders:St4ging-pw@staging-db:5432/orders"'],
        },
        { name: 'reporting', entries: ['url=mysql://reports@reports-db/reports @ "mysql://reports@reports-db/reports"'] },
      ],
    });
  });

  it("is no db-migrate file without a driver or a URL (another tool's database.json), nor when it does not parse", () => {
    expect(parseDbMigrateConfig('{ "tables": { "orders": { "database": "orders" } } }')).toBeUndefined();
    expect(parseDbMigrateConfig('[{ "driver": "pg" }]')).toBeUndefined();
    expect(parseDbMigrateConfig('{ "prod": { "driver": "pg", ')).toBeUndefined();
  });

  it('keeps no literal password in the facts: the secret is described', () => {
    const text = '{ "prod": { "driver": "mysql", "password": "Db-m1grate-pw", "database": "finance" } }';
    const facts = analyzeFile('services/ledger/database.json', text, { defaultDialect: 'mysql', sqlCallees: [], hash: '' });
    const password = facts.ormConfig?.connections?.[0].entries.find((e) => e.key === 'password');
    expect(password?.value).toBeUndefined();
    expect(password?.secret?.kind).toBe('literal');
    expect(JSON.stringify({ ...facts, text: undefined })).not.toContain('Db-m1grate');
    expect(facts.ormConfig?.library).toBe('db-migrate');
  });
});
