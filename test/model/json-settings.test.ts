/**
 * A JSON file of connection settings the service's code requires and hands to its driver
 * (`mysql.createPool({ ...require('./config/database.json'), password })`) names its database (HELDOUT6 #14); one
 * that no code requires names nothing.
 */
import { describe, expect, it } from 'vitest';
import { at, lintDatabases } from './database-run.js';

const pkg = (name: string) => JSON.stringify({ name, dependencies: { mysql2: '^3.9.7' } });
const settings = (user: string, database: string) =>
  `{\n  "host": "mysql.internal",\n  "port": 3306,\n  "user": "${user}",\n  "database": "${database}"\n}\n`;
const REQUIRING = [
  "const mysql = require('mysql2/promise');",
  "const dbConfig = require('./config/database.json');",
  'module.exports = mysql.createPool({ ...dbConfig, password: process.env.DB_PASSWORD });',
  '',
].join('\n');
const IMPORTING = [
  "import mysql from 'mysql2/promise';",
  "import settings from '../db.config.json' with { type: 'json' };",
  'export const pool = mysql.createPool({ ...settings.primary, password: process.env.DB_PASSWORD });',
  '',
].join('\n');

async function run(files: Record<string, string>) {
  const { result, databases } = await lintDatabases(
    files,
    '/json-settings',
    (d) => `${d.name}@${(d.hosts ?? []).join(',')} ${d.sources.map(at).join(', ')}`,
  );
  const shared = result.diagnostics
    .filter((d) => d.ruleId === 'no-shared-database')
    .map((d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.data?.service}`);
  return { databases, shared };
}

describe('JSON connection settings the code requires', () => {
  it('required or imported (nested object, a db.config.json outside config/): shared database at the JSON line', async () => {
    const { databases, shared } = await run({
      'services/orders/package.json': pkg('orders'),
      'services/orders/src/db.js': REQUIRING,
      'services/orders/src/config/database.json': settings('orders', 'platform'),
      'services/billing/package.json': pkg('billing'),
      'services/billing/src/lib/db.ts': IMPORTING,
      'services/billing/src/db.config.json': `{\n  "primary": {\n    "host": "mysql.internal",\n    "user": "billing",\n    "database": "platform"\n  }\n}\n`,
    });
    expect(databases).toEqual({
      billing: ['platform@mysql.internal services/billing/src/db.config.json:5:17'],
      orders: ['platform@mysql.internal services/orders/src/config/database.json:5:15'],
    });
    expect(shared).toEqual([
      'services/billing/src/db.config.json:5:17-5:27 billing',
      'services/orders/src/config/database.json:5:15-5:25 orders',
    ]);
  });

  it('a JSON file no code of the service requires names nothing (a fixture, a schema, a leftover)', async () => {
    const { databases, shared } = await run({
      'services/orders/package.json': pkg('orders'),
      'services/orders/src/db.js': REQUIRING,
      'services/orders/src/config/database.json': settings('orders', 'platform'),
      'services/billing/package.json': pkg('billing'),
      'services/billing/src/db.js':
        "const mysql = require('mysql2/promise');\nmodule.exports = mysql.createPool({ uri: process.env.DATABASE_URL });\n",
      'services/billing/src/config/database.json': settings('billing', 'platform'),
    });
    expect(databases.billing).toEqual([]);
    expect(shared).toEqual([]);
  });
});
