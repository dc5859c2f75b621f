import { describe, expect, it } from 'vitest';
import { isNodeConfigFile, parseNodeConfig } from '../../src/analysis/node-config.js';

/** Each connection with its entries as `key=value @ text the value span covers`. */
function read(path: string, text: string) {
  return parseNodeConfig(path, text)?.connections?.map((c) => ({
    name: c.name,
    ...(c.type ? { type: c.type } : {}),
    entries: c.entries.map((e) => `${e.key}=${e.value} @ ${text.slice(e.valueSpan.start, e.valueSpan.end)}`),
  }));
}

describe("node-config's config/ files", () => {
  it('knows them by folder and name; not the Sequelize CLI file, custom-environment-variables or tsconfig', () => {
    expect(['config/default.json', 'services/a/config/production.yml', 'a/config/local-production.yaml'].every(isNodeConfigFile)).toBe(
      true,
    );
    expect(
      [
        'config/config.json',
        'a/config/custom-environment-variables.json',
        'a/settings/default.json',
        'a/config/tsconfig.json',
        'a/config/x/default.json',
      ].some(isNodeConfigFile),
    ).toBe(false);
  });

  it('reads objects with connection options (JSON keeps the password, YAML leaves it to yaml-settings), the enclosing engine', () => {
    const json =
      '{ "db": { "host": "h", "password": "pw", "database": "shop" }, "knex": { "client": "pg", "connection": { "host": "pg", "database": "reports" } }, "i18n": { "database": "words" } }';
    expect(read('config/production.json', json)).toEqual([
      { name: 'db', entries: ['host=h @ "h"', 'password=pw @ "pw"', 'database=shop @ "shop"'] },
      { name: 'knex.connection', type: 'pg', entries: ['host=pg @ "pg"', 'database=reports @ "reports"'] },
    ]);
    const yaml = 'db:\n  host: localhost\n  password: secret\n  database: shop\ncache:\n  url: redis://cache:6379\n';
    expect(read('config/default.yml', yaml)).toEqual([
      { name: 'db', entries: ['host=localhost @ localhost', 'database=shop @ shop'] },
      { name: 'cache', entries: ['url=redis://cache:6379 @ redis://cache:6379'] },
    ]);
  });

  it('yields nothing for the test environment, a file that does not parse, or one without connection options', () => {
    expect(parseNodeConfig('config/test.json', '{ "db": { "host": "h", "database": "shop_test" } }')).toBeUndefined();
    expect(parseNodeConfig('config/default.json', '{ "db": { "host": ')).toBeUndefined();
    expect(parseNodeConfig('config/default.json', '{ "port": 3000 }')).toBeUndefined();
  });
});

describe('JSON files of connection settings a service may require', () => {
  it('are read as node-config files are, without the password, as json-module; database.json that is no db-migrate file too', async () => {
    const { extractFileFacts } = await import('../../src/analysis/analyze-file.js');
    const text =
      '{\n  "host": "mysql.internal",\n  "port": 3306,\n  "user": "orders",\n  "password": "Kx9vQm2LpZr7Wt",\n  "database": "platform"\n}\n';
    const facts = extractFileFacts('services/orders/src/config/database.json', text, { sqlCallees: [] });
    expect(facts.ormConfig?.library).toBe('json-module');
    expect(
      facts.ormConfig?.connections?.map((c) =>
        c.entries.map((e) => `${e.key}=${e.value} @ ${text.slice(e.valueSpan.start, e.valueSpan.end)}`),
      ),
    ).toEqual([['host=mysql.internal @ "mysql.internal"', 'database=platform @ "platform"']]);
    expect(JSON.stringify(facts.ormConfig)).not.toContain('Kx9vQm');
    // db-migrate's own file (environments with a driver) stays db-migrate's; node-config's stays node-config's.
    const dbMigrate = '{ "prod": { "driver": "pg", "host": "db", "database": "orders" } }';
    expect(extractFileFacts('services/orders/database.json', dbMigrate, { sqlCallees: [] }).ormConfig?.library).toBe('db-migrate');
    const nodeConfig = '{ "db": { "host": "db", "database": "orders" } }';
    expect(extractFileFacts('services/orders/config/default.json', nodeConfig, { sqlCallees: [] }).ormConfig?.library).toBe('node-config');
    // A JSON object without connection options yields nothing.
    expect(extractFileFacts('services/orders/src/db.json', '{ "database": "orders" }', { sqlCallees: [] }).ormConfig).toBeUndefined();
  });
});
