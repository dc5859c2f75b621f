import { describe, expect, it } from 'vitest';
import { extractScript } from '../../../src/parsers/typescript/index.js';
import { extractFixture, rangeOf } from './helpers.js';

const { text, script } = extractFixture('connections.ts');
const props = script.configProperties.map((p) => ({
  ...p,
  keyAt: rangeOf(text, p.keySpan),
  valueText: text.slice(p.valueSpan.start, p.valueSpan.end),
}));
const prop = (callee: string, key: string, path: string[] = []) => {
  const found = props.filter((p) => p.callee === callee && p.key === key && p.path.join('.') === path.join('.'));
  expect(found, `${callee} ${[...path, key].join('.')}`).toHaveLength(1);
  return found[0];
};

describe('config properties', () => {
  it('classifies literal, env-default and const-resolved values of a mysql2 pool', () => {
    expect(prop('mysql.createPool', 'host')).toMatchObject({ valueKind: 'env-default', envName: 'DB_HOST', value: 'localhost', valueText: "'localhost'" });
    expect(prop('mysql.createPool', 'port')).toMatchObject({ valueKind: 'number', value: '3306' });
    expect(prop('mysql.createPool', 'user')).toMatchObject({ valueKind: 'string', value: 'root', keyAt: { line: 13, column: 3, endLine: 13, endColumn: 7 } });
    expect(prop('mysql.createPool', 'password')).toMatchObject({ valueKind: 'string', value: 'hunter2', valueText: 'DB_PASS' });
    expect(prop('mysql.createPool', 'database')).toMatchObject({ valueKind: 'env-default', envName: 'DB_NAME', value: 'nilecare' });
    expect(props.find((p) => p.key === 'connectionLimit')).toBeUndefined();
  });

  it('gives env-default values the span of the fallback literal, like the EnvDefault fact', () => {
    const db = prop('mysql.createPool', 'database');
    const envDefault = script.envDefaults.find((d) => d.name === 'DB_NAME')!;
    expect(db.valueSpan).toEqual(envDefault.fileSpan);
  });

  it('walks into nested ssl objects, through a conditional', () => {
    expect(prop('mysql.createPool', 'ssl')).toMatchObject({ valueKind: 'other' });
    const reject = prop('mysql.createPool', 'rejectUnauthorized', ['ssl']);
    expect(reject).toMatchObject({ valueKind: 'boolean', value: 'false', keyAt: { line: 18, column: 42, endLine: 18, endColumn: 60 } });
    expect(prop('new Pool', 'rejectUnauthorized', ['ssl'])).toMatchObject({ value: 'false' });
    expect(prop('new Pool', 'connectionString')).toMatchObject({ valueKind: 'env', envName: 'DATABASE_URL', valueText: 'process.env.DATABASE_URL' });
  });

  it('links an object declared in a variable to the call it is passed to (directly or spread)', () => {
    expect(prop('new DataSource', 'type')).toMatchObject({ value: 'mysql' });
    expect(prop('new DataSource', 'password')).toMatchObject({ value: 'app-password' });
    expect(prop('createRedis', 'host')).toMatchObject({ value: 'cache' });
  });

  it('keeps the path of knex connection objects', () => {
    expect(prop('knex', 'client')).toMatchObject({ value: 'pg' });
    expect(prop('knex', 'password', ['connection'])).toMatchObject({ valueKind: 'env-default', envName: 'LAB_DB_PASSWORD', value: 'lab' });
    expect(prop('knex', 'database', ['connection'])).toMatchObject({ value: 'lab_results' });
  });

  it('reads TLS agents', () => {
    expect(prop('new https.Agent', 'rejectUnauthorized')).toMatchObject({ valueKind: 'boolean', value: 'false' });
  });

  it('reads new Sequelize(database, user, password, options) positionally', () => {
    expect(prop('new Sequelize', 'database')).toMatchObject({ valueKind: 'string', value: 'billing', valueText: "'billing'" });
    expect(prop('new Sequelize', 'user')).toMatchObject({ value: 'billing_user' });
    expect(prop('new Sequelize', 'password')).toMatchObject({ valueKind: 'env-default', envName: 'BILLING_DB_PASSWORD', value: 'billing' });
    expect(prop('new Sequelize', 'dialect')).toMatchObject({ value: 'mysql' });
  });

  it('only takes type / client / dialect next to connection keys or naming a driver', () => {
    expect(props.filter((p) => p.key === 'type').map((p) => p.value)).toEqual(['mysql']);
    const snippet = extractScript('x.ts', "const a = { type: 'button' }; const b = { client: httpClient }; const c = { type: 'postgres', url: u };").script.configProperties;
    expect(snippet.map((p) => [p.key, p.value])).toEqual([
      ['type', 'postgres'],
      ['url', undefined],
    ]);
  });

  it('reads a config object returned by a factory passed to a call', () => {
    const code = "TypeOrmModule.forRootAsync({ useFactory: () => ({ type: 'mysql', host: 'db', password: process.env.DB_PASSWORD }) });";
    const found = extractScript('m.ts', code).script.configProperties;
    expect(found.map((p) => [p.key, p.callee, p.valueKind])).toEqual([
      ['type', 'TypeOrmModule.forRootAsync', 'string'],
      ['host', 'TypeOrmModule.forRootAsync', 'string'],
      ['password', 'TypeOrmModule.forRootAsync', 'env'],
    ]);
  });
});

describe('connection strings', () => {
  it('finds database URLs and sslmode strings, with holes kept as written', () => {
    expect(script.connectionStrings.map((c) => c.value)).toEqual([
      'postgres://admin:admin123@localhost:5432/clinical',
      'mysql://${process.env.DB_USER}:${process.env.DB_PASSWORD}@db:3306/billing',
      'mongodb+srv://cluster0.example.net/notifications',
      'redis://cache:6379/0',
      'amqp://guest:guest@rabbit:5672',
      'host=db dbname=app sslmode=disable',
    ]);
    expect(rangeOf(text, script.connectionStrings[0].fileSpan)).toEqual({ line: 58, column: 3, endLine: 58, endColumn: 54 });
  });
});
