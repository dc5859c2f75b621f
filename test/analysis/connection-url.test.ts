import { describe, expect, it } from 'vitest';
import { parseConnectionString, parseConnectionUrl } from '../../src/analysis/connection-url.js';
import { parseConnectionUrl as databaseOfUrl } from '../../src/model/connections.js';

/** The password as the parser locates it (the test's view only: the linter never slices it out). */
const passwordOf = (url: string) => {
  const span = parseConnectionUrl(url)?.password;
  return span && url.slice(span.start, span.end);
};

describe('parseConnectionUrl', () => {
  it('splits a URL as drivers do', () => {
    const url = 'postgres://app:pw@Billing-DB:5432/billing?sslmode=require&application_name=x';
    expect(parseConnectionUrl(url)).toEqual({
      scheme: 'postgres',
      user: 'app',
      password: { start: 15, end: 17 },
      host: 'billing-db',
      port: '5432',
      database: 'billing',
      databaseSpan: { start: 34, end: 41 },
      params: [
        { key: 'sslmode', value: 'require', span: { start: 42, end: 57 }, valueSpan: { start: 50, end: 57 } },
        { key: 'application_name', value: 'x', span: { start: 58, end: 76 }, valueSpan: { start: 75, end: 76 } },
      ],
    });
    expect([url.slice(15, 17), url.slice(34, 41), url.slice(42, 57), url.slice(75, 76)]).toEqual(['pw', 'billing', 'sslmode=require', 'x']);
  });

  it('ends the userinfo at the last @ before the query: a raw / in a password stays in the password (issue 13, row 9)', () => {
    const url = 'postgres://app:hunter2/TailSecret99@db:5432/billing';
    expect(passwordOf(url)).toBe('hunter2/TailSecret99');
    expect(parseConnectionUrl(url)).toMatchObject({ host: 'db', port: '5432', database: 'billing' });
    expect(databaseOfUrl(url)).toEqual({ name: 'billing', kind: 'postgresql', host: 'db:5432', user: 'app' });
    // `@`, `?` and `#` in a password; an empty user (Redis).
    expect(passwordOf('postgres://u:p@ss@host/db')).toBe('p@ss');
    expect(passwordOf('postgres://u:pa?ss@host/db?sslmode=require')).toBe('pa?ss');
    expect(passwordOf('postgres://u:pa#ss@host/db')).toBe('pa#ss');
    expect(passwordOf('redis://:r3dis-pw@cache:6379/0')).toBe('r3dis-pw');
    expect(parseConnectionUrl('postgres://u:pa?ss@host/db?sslmode=require')?.params.map((p) => p.key)).toEqual(['sslmode']);
  });

  it('an @ in the query or without a password is no password', () => {
    expect(passwordOf('postgres://db:5432/app?user=ops@example.com')).toBeUndefined();
    expect(parseConnectionUrl('postgres://db:5432/app?user=ops@example.com')).toMatchObject({ host: 'db', database: 'app' });
    expect(passwordOf('mysql://app@db/app')).toBeUndefined();
    expect(parseConnectionUrl('mysql://app@db/app')).toMatchObject({ user: 'app', host: 'db', database: 'app' });
    expect(passwordOf('mysql://app:@db/app')).toBeUndefined();
    expect(parseConnectionUrl('not a url app:pw@db')).toBeUndefined();
    expect(parseConnectionUrl('postgres:/db/app')).toBeUndefined();
  });

  it('a server drivers cannot read names no database and no server', () => {
    expect(parseConnectionUrl('postgres://app:hunter2/billing')).toEqual({ scheme: 'postgres', params: [] });
    expect(databaseOfUrl('postgres://app:hunter2/billing')).toEqual({ kind: 'postgresql' });
  });

  it('several servers, template holes, IPv6, JDBC, escapes, white space', () => {
    expect(parseConnectionUrl('mongodb://h1:27017,h2:27017/orders?replicaSet=rs0')).toMatchObject({ database: 'orders' });
    expect(parseConnectionUrl('mongodb://h1:27017,h2:27017/orders')?.host).toBeUndefined();
    const template = 'postgres://${user}:${pass}@${host}:5432/app';
    expect(passwordOf(template)).toBe('${pass}');
    expect(parseConnectionUrl(template)).toMatchObject({ database: 'app' });
    expect(parseConnectionUrl(template)?.host).toBeUndefined();
    expect(parseConnectionUrl('postgres://[::1]:5432/app')).toMatchObject({ host: '::1', database: 'app' });
    expect(parseConnectionUrl('jdbc:postgresql://db/app?user=a&password=b')).toMatchObject({ scheme: 'postgresql', database: 'app' });
    expect(parseConnectionUrl('mysql://u:p@db/my%20db')?.database).toBe('my db');
    expect(parseConnectionUrl('mysql://u:p@db/db%zz')?.database).toBe('db%zz');
    expect(parseConnectionUrl('  psql postgres://u:p@db/app -c x')).toBeUndefined();
    expect(parseConnectionUrl('postgres://u:p@db/app -c "select 1@x"')).toMatchObject({ host: 'db', database: 'app' });
    expect(passwordOf('postgres://u:p@db/app -c "select 1@x"')).toBe('p');
  });
});

/** What a test compares of a connection string: the form, engine, server, database and password (sliced here only). */
const partsOf = (text: string) => {
  const c = parseConnectionString(text);
  if (!c) return undefined;
  const slice = (span: { start: number; end: number } | undefined) => span && text.slice(span.start, span.end);
  return {
    form: c.form,
    scheme: c.scheme,
    user: c.user,
    password: slice(c.password),
    host: c.host,
    port: c.port,
    database: c.database,
    database_at: slice(c.databaseSpan),
    params: c.params.map((p) => `${p.key}=${p.value}`),
  };
};

describe('parseConnectionString (HELDOUT7 #20, #21)', () => {
  it('reads a Go MySQL DSN: the userinfo up to the last @ before the protocol, the address, the database, the params', () => {
    expect(partsOf('inventory:p@ss:w0rd@tcp(MySQL.prod.internal:3306)/platform?parseTime=true&loc=UTC')).toEqual({
      form: 'mysql-dsn',
      scheme: 'mysql',
      user: 'inventory',
      password: 'p@ss:w0rd',
      host: 'mysql.prod.internal',
      port: '3306',
      database: 'platform',
      database_at: 'platform',
      params: ['parseTime=true', 'loc=UTC'],
    });
    expect(partsOf('  app@unix(/var/run/mysqld/mysqld.sock)/app ')).toMatchObject({
      user: 'app',
      password: undefined,
      host: undefined,
      database: 'app',
    });
    expect(partsOf('tcp(db:3306)/orders')).toMatchObject({ form: 'mysql-dsn', user: undefined, host: 'db', database: 'orders' });
    // Not DSNs: no protocol before the address, white space, a function call in prose.
    expect(partsOf('app:pw@/orders')).toBeUndefined();
    expect(partsOf('call f(x)/y')).toBeUndefined();
    expect(partsOf('user:pw@foo(db:3306)/orders')).toBeUndefined();
  });

  it('reads a libpq conninfo: quoted values with spaces and escapes, `key = value`; a sentence or a lone option is none', () => {
    expect(partsOf("host=PG.prod.internal port=5432 user=ledger password='a b\\'c' dbname=ledger sslmode=require")).toEqual({
      form: 'conninfo',
      scheme: 'postgres',
      user: 'ledger',
      password: "a b\\'c",
      host: 'pg.prod.internal',
      port: '5432',
      database: 'ledger',
      database_at: 'ledger',
      params: ['host=PG.prod.internal', 'port=5432', 'user=ledger', 'dbname=ledger', 'sslmode=require'],
    });
    expect(partsOf('dbname = orders host = /var/run/postgresql pool_max_conns=10')).toMatchObject({ database: 'orders', host: undefined });
    expect(partsOf('password=x is not a conninfo')).toBeUndefined();
    expect(partsOf('sslmode=require')).toBeUndefined();
    expect(partsOf('color=red size=10')).toBeUndefined();
    expect(partsOf("host=db password='unterminated")).toBeUndefined();
  });

  it('reads ADO.NET strings: Npgsql, SQL Server, MySQL connectors; keys in any case, quoted values', () => {
    expect(partsOf('Host=pg.prod.internal;Port=5432;Database=platform;Username=billing;Password=Net-Pw;')).toEqual({
      form: 'ado.net',
      scheme: 'postgres',
      user: 'billing',
      password: 'Net-Pw',
      host: 'pg.prod.internal',
      port: '5432',
      database: 'platform',
      database_at: 'platform',
      params: ['host=pg.prod.internal', 'port=5432', 'database=platform', 'username=billing'],
    });
    expect(partsOf('Server=tcp:sql.internal,1433;Initial Catalog=reports;User Id=rep;Password="a;b";Encrypt=True')).toMatchObject({
      scheme: 'sqlserver',
      password: 'a;b',
      host: 'sql.internal',
      port: '1433',
      database: 'reports',
    });
    expect(partsOf('server=mysql;database=shop;uid=shop;pwd=Shop-pw')).toMatchObject({
      scheme: 'ado.net',
      password: 'Shop-pw',
      database: 'shop',
    });
    // Not ADO.NET: no server, no database nor password, a segment without `=`.
    expect(partsOf('Database=x;Password=y')).toBeUndefined();
    expect(partsOf('Server=x;Timeout=5')).toBeUndefined();
    expect(partsOf('Server=x;Database=y;oops')).toBeUndefined();
    expect(partsOf('a = b; c')).toBeUndefined();
  });

  it('names the database through the model for each form, none for a string that is none', () => {
    expect(databaseOfUrl('app:pw@tcp(db:3306)/orders')).toEqual({ name: 'orders', kind: 'mysql', host: 'db:3306', user: 'app' });
    expect(databaseOfUrl('host=db port=5433 dbname=ledger')).toEqual({ name: 'ledger', kind: 'postgresql', host: 'db:5433' });
    expect(databaseOfUrl('Host=db;Database=billing;Username=b')).toEqual({ name: 'billing', kind: 'postgresql', host: 'db', user: 'b' });
    expect(databaseOfUrl('Server=sql;Initial Catalog=reports;User Id=r')).toEqual({
      name: 'reports',
      kind: 'unknown',
      host: 'sql',
      user: 'r',
    });
    expect(databaseOfUrl('name=billing')).toBeUndefined();
  });
});
