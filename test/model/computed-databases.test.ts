/**
 * Databases named at run time around a service's own name (`` `sg_${name}` ``) count when the
 * repository's SQL declares exactly that database; nothing else makes them one.
 */
import { describe, expect, it } from 'vitest';
import type { NilecareConfig } from '../../src/config/schema.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';
import { ruleRegistry } from '../../rules/index.js';

const HELPER = [
  "import { Pool } from 'pg';",
  'export function createPool(name = process.env.SUBGRAPH_NAME) {',
  '  return new Pool({ host: process.env.PGHOST, database: `sg_${name}` });',
  '}',
  '',
].join('\n');
const SCHEMA =
  '\\c sg_accounts\nCREATE TABLE users (id text PRIMARY KEY);\n\\c sg_products\nCREATE TABLE products (upc text PRIMARY KEY);\n';

const services: NilecareConfig['services'] = [
  { name: 'accounts', roots: ['subgraphs/accounts'], dialect: 'postgresql' },
  { name: 'products-service', roots: ['subgraphs/products'], dialect: 'postgresql' },
];

async function databasesOf(files: Record<string, string>, config: NilecareConfig = { services }) {
  const tree = memoryTree(files);
  const rules = Object.fromEntries(Object.keys(ruleRegistry).map((id) => [id, 'off' as const]));
  const run = await lint({ cwd: tree.root, tree, config: { dialect: 'postgresql', ...config, rules } });
  expect(run.internalErrors).toEqual([]);
  return Object.fromEntries(
    run.model.services.map((s) => [
      s.name,
      s.databases.map((d) => `${d.name}:${d.kind} ${d.sources.map((x) => `${x.file}:${x.range.line} ${x.origin}`)}`),
    ]),
  );
}

describe('computed database names', () => {
  it('links a service to the declared database its helper names around its own name (or its name without -service)', async () => {
    const found = await databasesOf({
      'shared/db/index.js': HELPER,
      'subgraphs/accounts/src/resolvers.js': "const { createPool } = require('../../../shared/db/index.js');\nconst db = createPool();\n",
      'subgraphs/products/src/resolvers.js': "import { createPool } from '../../../shared/db/index.js';\nexport const db = createPool();\n",
      'db/init/schema.sql': SCHEMA,
    });
    expect(found).toEqual({
      accounts: ['sg_accounts:postgresql shared/db/index.js:3 computed'],
      'products-service': ['sg_products:postgresql shared/db/index.js:3 computed'],
    });
  });

  it('a template in the service itself counts; CREATE DATABASE and MySQL USE declare too', async () => {
    const found = await databasesOf(
      {
        'subgraphs/accounts/src/db.js': "const pool = mysql.createPool({ host: 'db', database: 'ms-' + process.env.MS_NAME });\n",
        'subgraphs/products/src/db.js': "const pool = mysql.createPool({ host: 'db', database: 'ms-' + process.env.MS_NAME });\n",
        'db/schema.sql': 'CREATE DATABASE `ms-accounts`;\nUSE `ms-products`;\nCREATE TABLE products (id INT PRIMARY KEY);\n',
      },
      { services: services!.map((s) => ({ ...s, dialect: 'mysql' as const })) },
    );
    expect(found).toEqual({
      accounts: ['ms-accounts:mysql subgraphs/accounts/src/db.js:1 computed'],
      'products-service': ['ms-products:mysql subgraphs/products/src/db.js:1 computed'],
    });
  });

  it('no link without the import, without a declared database of that name, or beside a database the settings name', async () => {
    const found = await databasesOf({
      // Never imported by either service.
      'scripts/restore.js': HELPER,
      'subgraphs/accounts/src/resolvers.js': 'const db = createPool();\n',
      'subgraphs/products/src/resolvers.js': "import { createPool } from '../../../scripts/restore.js';\nexport const db = createPool();\n",
      'subgraphs/products/.env.example': 'PGDATABASE=catalog\n',
      'db/init/schema.sql': SCHEMA,
    });
    expect(found).toEqual({ accounts: [], 'products-service': ['catalog:postgresql subgraphs/products/.env.example:1 env-file'] });
    const undeclared = await databasesOf({
      'shared/db/index.js': HELPER,
      'subgraphs/accounts/src/resolvers.js':
        "const { createPool } = require('../../../shared/db/index.js');\nconst db = createPool('products');\n",
      'db/init/schema.sql': '\\c sg_billing\nCREATE TABLE invoices (id int PRIMARY KEY);\n',
    });
    expect(undeclared).toEqual({ accounts: [], 'products-service': [] });
  });
});
