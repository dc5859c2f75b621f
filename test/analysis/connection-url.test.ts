import { describe, expect, it } from 'vitest';
import { parseConnectionUrl } from '../../src/analysis/connection-url.js';
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
    expect(databaseOfUrl(url)).toEqual({ name: 'billing', kind: 'postgresql', host: 'db:5432' });
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

  it('is linear on long hostile inputs', () => {
    // CPU time, not wall time: a loaded machine stretches the wall clock, a quadratic scan takes minutes of CPU here.
    const started = process.cpuUsage();
    parseConnectionUrl(`postgres://${'?a'.repeat(200_000)}@${':'.repeat(200_000)}/${'/'.repeat(200_000)}`);
    parseConnectionUrl(`mysql://${'?'.repeat(300_000)}`);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
  });
});
