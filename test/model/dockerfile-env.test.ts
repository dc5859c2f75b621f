/** A Dockerfile's ENV is the image's environment (HELDOUT6 #9): it names the service's database, as a compose environment does. */
import { describe, expect, it } from 'vitest';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';

const pkg = (name: string) => JSON.stringify({ name, dependencies: { pg: '^8.11.0' } });
const code = "const { Pool } = require('pg');\nmodule.exports = new Pool({ host: process.env.DB_HOST, database: process.env.DB_NAME });\n";

async function run(files: Record<string, string>) {
  const tree = memoryTree(
    {
      'services/orders/package.json': pkg('orders'),
      'services/orders/src/db.js': code,
      'services/billing/package.json': pkg('billing'),
      'services/billing/src/db.js': code,
      ...files,
    },
    { root: '/dockerfile-env' },
  );
  const result = await lint({ cwd: tree.root, tree });
  expect(result.internalErrors).toEqual([]);
  return result.diagnostics
    .filter((d) => d.ruleId === 'no-shared-database' || d.ruleId === 'no-hardcoded-credentials')
    .map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.data?.service ?? d.data?.key}`);
}

describe('databases named by Dockerfile ENV', () => {
  it('both forms, continued lines and an ARG default: shared database on one host, the password at its line', async () => {
    expect(
      await run({
        'services/orders/Dockerfile':
          'FROM node:20-alpine\nENV NODE_ENV=production \\\n    DB_HOST=db.internal \\\n    DB_NAME=platform\nENV DB_PASSWORD=0rders-Img-Pw!\n',
        'services/billing/Dockerfile': 'FROM node:20-alpine\nARG DB=platform\nENV DB_HOST db.internal\nENV DB_NAME=${DB}\n',
      }),
    ).toEqual([
      'no-shared-database services/billing/Dockerfile:2:8-2:16 billing',
      'no-shared-database services/orders/Dockerfile:4:13-4:21 orders',
      'no-hardcoded-credentials services/orders/Dockerfile:5:17-5:31 DB_PASSWORD',
    ]);
  });

  it('two hosts, or a name only a build stage sets: nothing shared', async () => {
    expect(
      await run({
        'services/orders/Dockerfile': 'FROM node:20-alpine\nENV DB_HOST=orders-db DB_NAME=platform\n',
        'services/billing/Dockerfile': 'FROM node:20-alpine\nENV DB_HOST=billing-db DB_NAME=platform\n',
      }),
    ).toEqual([]);
    expect(
      await run({
        'services/orders/Dockerfile': 'FROM node:20 AS build\nENV DB_NAME=platform\nFROM node:20-alpine\nCMD ["node"]\n',
        'services/billing/Dockerfile': 'FROM node:20-alpine\nENV DB_NAME=platform\n',
      }),
    ).toEqual([]);
  });
});
