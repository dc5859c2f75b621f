/**
 * The naming convention `init` learns from a repository's DDL, on small repositories that each
 * follow (or mix) one convention: what it decides per aspect and the rule settings it writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NilecareConfig } from '../../src/config/schema.js';
import { learnNamingConvention, type LearnedNaming } from '../../src/naming-convention.js';
import { lint } from '../../src/lint.js';
import { ruleRegistry } from '../../rules/index.js';
import { tempDir } from '../temp-dirs.js';

const allRulesOff = (): NonNullable<NilecareConfig['rules']> => Object.fromEntries(Object.keys(ruleRegistry).map((id) => [id, 'off']));

function repository(files: Record<string, string>): string {
  const dir = tempDir('nilecare-naming-');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

async function learn(dir: string): Promise<LearnedNaming> {
  const run = await lint({ cwd: dir, config: { rules: allRulesOff() } });
  return learnNamingConvention(run.model);
}

const verdicts = (naming: LearnedNaming) => Object.fromEntries(naming.aspects.map((a) => [a.aspect, a.verdict]));
const settings = (naming: LearnedNaming) => Object.fromEntries(naming.rules.map((r) => [r.id, r.entry]));

/** The naming findings of a lint with the learned settings (other rules off; table prefixes are init's `prefixes`, tested apart). */
async function namingFindingsWith(dir: string, naming: LearnedNaming): Promise<string[]> {
  const rules = allRulesOff();
  for (const id of Object.keys(ruleRegistry))
    if (ruleRegistry[id].meta.category === 'naming' && id !== 'table-prefix') rules[id] = ruleRegistry[id].meta.defaultSeverity;
  for (const rule of naming.rules) rules[rule.id] = rule.entry;
  const run = await lint({ cwd: dir, config: { rules } });
  return run.diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column} ${d.message}`);
}

const pgService = (name: string) => ({
  [`services/${name}/package.json`]: JSON.stringify({ name, dependencies: { pg: '^8.11.0' } }),
  [`services/${name}/.env.example`]: `PGDATABASE=${name.replace(/-/g, '_')}\n`,
});

describe('a Prisma schema: PascalCase tables, camelCase columns, upper-case enums, _key/_idx/_fkey names', () => {
  const migration = [
    `CREATE TYPE "Role" AS ENUM ('ADMIN', 'MEMBER', 'GUEST');`,
    `CREATE TABLE "User" ("id" TEXT NOT NULL, "email" TEXT NOT NULL, "displayName" TEXT, "role" "Role" NOT NULL DEFAULT 'MEMBER', "isActive" BOOLEAN NOT NULL DEFAULT true, "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, "updatedAt" TIMESTAMP(3) NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));`,
    `CREATE TABLE "Post" ("id" TEXT NOT NULL, "title" TEXT NOT NULL, "authorId" TEXT NOT NULL, "isPublished" BOOLEAN NOT NULL DEFAULT false, "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, "updatedAt" TIMESTAMP(3) NOT NULL, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));`,
    `CREATE TABLE "PostComment" ("id" TEXT NOT NULL, "postId" TEXT NOT NULL, "body" TEXT NOT NULL, "isHidden" BOOLEAN NOT NULL DEFAULT false, "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, "updatedAt" TIMESTAMP(3) NOT NULL, CONSTRAINT "PostComment_pkey" PRIMARY KEY ("id"));`,
    `CREATE UNIQUE INDEX "User_email_key" ON "User"("email");`,
    `CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");`,
    `ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;`,
    `ALTER TABLE "PostComment" ADD CONSTRAINT "PostComment_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE RESTRICT ON UPDATE CASCADE;`,
  ].join('\n');

  it('learns the case of tables, columns and enum values and writes them', async () => {
    const dir = repository({
      ...pgService('blog'),
      'services/blog/prisma/migrations/20240101000000_init/migration.sql': migration,
    });
    const naming = await learn(dir);
    expect(verdicts(naming)).toMatchObject({
      'column names': 'learned',
      'table names': 'learned',
      'primary keys': 'standard',
      'enum values': 'learned',
      'boolean columns': 'standard',
      'index names': 'learned',
    });
    expect(settings(naming)).toEqual({
      'audit-columns': ['off', { case: 'camelCase' }],
      'boolean-column-name': ['warn', { case: 'camelCase' }],
      'enum-value-case': ['warn', { case: 'UPPER_SNAKE_CASE' }],
      'foreign-key-column-name': ['warn', { case: 'camelCase' }],
      'identifier-case': ['warn', { case: 'camelCase', tableCase: 'PascalCase' }],
      'index-name': ['warn', { suffixes: { index: '_idx', unique: '_key', foreignKey: '_fkey', fulltext: '_idx' } }],
      'timestamp-columns': ['warn', { case: 'camelCase' }],
    });
    expect(naming.definitions).toMatchObject({ tables: 3, files: 1 });
    // A role name (`authorId` → User) is still foreign-key-column-name's finding, now spelled camelCase.
    expect(await namingFindingsWith(dir, naming)).toEqual([
      "foreign-key-column-name services/blog/prisma/migrations/20240101000000_init/migration.sql:7:35 Foreign key column 'authorId' does not name the table it references, 'User'; expected 'userId' or a role-prefixed '*UserId'.",
    ]);
  });
});

describe('a snake_case schema with its own names for keys, timestamps and flags', () => {
  const table = (name: string, key: string, extra: string) =>
    `CREATE TABLE ${name} (${key} BIGINT PRIMARY KEY, ${extra}, created_on TIMESTAMP NOT NULL, modified_on TIMESTAMP NOT NULL);`;
  const files = {
    ...pgService('shop'),
    'services/shop/migrations/V1__init.sql': [
      table('customers', 'customer_id', 'email TEXT NOT NULL, active BOOLEAN NOT NULL'),
      table('orders', 'order_id', 'customer_id BIGINT NOT NULL REFERENCES customers (customer_id), paid BOOLEAN NOT NULL'),
      table('products', 'product_id', 'title TEXT NOT NULL, visible BOOLEAN NOT NULL'),
      table('order_lines', 'order_line_id', 'order_id BIGINT NOT NULL REFERENCES orders (order_id), gift_wrapped BOOLEAN NOT NULL'),
    ].join('\n'),
  };

  it('writes {entity}_id keys, the timestamp names used, and turns off the boolean prefix', async () => {
    const dir = repository(files);
    const naming = await learn(dir);
    expect(verdicts(naming)).toMatchObject({
      'column names': 'standard',
      'table names': 'standard',
      'primary keys': 'learned',
      timestamps: 'learned',
      'boolean columns': 'learned',
    });
    expect(settings(naming)).toEqual({
      'boolean-column-name': 'off',
      'primary-key-name': ['warn', { name: '{entity}_id' }],
      'timestamp-columns': ['warn', { required: ['created_on', 'modified_on'] }],
    });
    expect(await namingFindingsWith(dir, naming)).toEqual([]);
  });
});

describe('a repository that mixes conventions', () => {
  it('keeps every default and says which aspects are mixed', async () => {
    const dir = repository({
      ...pgService('left'),
      ...pgService('right'),
      'services/left/migrations/V1__init.sql':
        'CREATE TABLE left_items (id UUID PRIMARY KEY, itemName TEXT, unitPrice INT, createdAt TIMESTAMP, updatedAt TIMESTAMP);\n',
      'services/right/migrations/V1__init.sql':
        'CREATE TABLE right_items (id UUID PRIMARY KEY, item_name TEXT, unit_price INT, created_at TIMESTAMP, updated_at TIMESTAMP);\n',
    });
    const naming = await learn(dir);
    expect(naming.rules).toEqual([]);
    expect(verdicts(naming)).toMatchObject({ 'column names': 'mixed', timestamps: 'standard' });
    expect(naming.aspects.find((a) => a.aspect === 'column names')!.text).toMatch(/^mixed/);
  });
});

describe('the audit standard', () => {
  it('writes nothing', async () => {
    const dir = repository({
      ...pgService('auth'),
      'services/auth/migrations/V1__init.sql': [
        'CREATE TABLE auth_users (id UUID PRIMARY KEY, email TEXT NOT NULL, is_active BOOLEAN NOT NULL, created_at TIMESTAMP, updated_at TIMESTAMP);',
        'CREATE TABLE auth_roles (id UUID PRIMARY KEY, role_name TEXT NOT NULL, is_default BOOLEAN NOT NULL, created_at TIMESTAMP, updated_at TIMESTAMP);',
        'CREATE TABLE auth_user_roles (id UUID PRIMARY KEY, user_id UUID NOT NULL, role_id UUID NOT NULL, has_expiry BOOLEAN NOT NULL, created_at TIMESTAMP, updated_at TIMESTAMP,',
        '  CONSTRAINT fk_auth_user_roles_user_id FOREIGN KEY (user_id) REFERENCES auth_users (id), CONSTRAINT fk_auth_user_roles_role_id FOREIGN KEY (role_id) REFERENCES auth_roles (id));',
        'CREATE INDEX idx_auth_users_email ON auth_users (email);',
        'CREATE UNIQUE INDEX uk_auth_roles_role_name ON auth_roles (role_name);',
      ].join('\n'),
    });
    const naming = await learn(dir);
    expect(naming.rules).toEqual([]);
    expect(naming.aspects.filter((a) => a.verdict === 'learned' || a.verdict === 'mixed')).toEqual([]);
  });
});
