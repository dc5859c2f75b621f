/**
 * NocoBase (src/analysis/typescript/orm/nocobase.ts): a plugin's collections are table definitions, the app database's
 * accessors (`getRepository('x')`, `getCollection('x').repository`, `getModel('x')`) are accesses by name, with the
 * action the chain shows; only in files importing NocoBase.
 */
import { describe, expect, it } from 'vitest';
import { extractScript } from '../../../src/analysis/typescript/index.js';
import { rangeOf } from './helpers.js';

const definitions = (file: string, code: string) =>
  extractScript(file, code).script.ormEntities.map(
    (e) => `${e.library} ${e.symbol} -> ${e.table} @${JSON.stringify(rangeOf(code, e.fileSpan))}`,
  );
const references = (file: string, code: string) =>
  extractScript(file, code).script.ormRefs.map((r) => `${r.library} ${r.action} ${r.name} @${JSON.stringify(rangeOf(code, r.fileSpan))}`);

const ROLES = [
  "import { defineCollection } from '@nocobase/database';",
  '',
  'export default defineCollection({',
  "  dumpRules: 'required',",
  "  name: 'roles',",
  "  fields: [{ type: 'belongsToMany', name: 'users', target: 'users', through: 'rolesUsers' }],",
  '});',
].join('\n');

describe('NocoBase collections', () => {
  it('defineCollection({ name }) defines the table of its name, tableName when given; extendCollection defines none', () => {
    expect(definitions('packages/plugins/@nocobase/plugin-acl/src/server/collections/roles.ts', ROLES)).toEqual([
      'nocobase roles -> roles @{"line":5,"column":10,"endLine":5,"endColumn":15}',
    ]);
    const renamed = [
      "import { defineCollection } from '@nocobase/database';",
      "export default defineCollection({ name: 'auditLogs', tableName: 'audit_logs', fields: [] });",
    ].join('\n');
    expect(definitions('src/server/collections/audit-logs.ts', renamed)).toEqual([
      'nocobase auditLogs -> audit_logs @{"line":2,"column":66,"endLine":2,"endColumn":76}',
    ]);
    const extended = [
      "import { extendCollection } from '@nocobase/database';",
      "export default extendCollection({ name: 'users', fields: [{ type: 'belongsTo', name: 'role', target: 'roles' }] });",
    ].join('\n');
    expect(definitions('src/server/collections/users.ts', extended)).toEqual([]);
    expect(references('src/server/collections/users.ts', extended)).toEqual([]);
  });

  it('reads the compiled form and db.collection({ name }) of plugin code; a migration’s db.collection({ name }) alters its table', () => {
    const compiled = [
      'var import_database = require("@nocobase/database");',
      'var users_default = (0, import_database.defineCollection)({ name: "users", fields: [] });',
    ].join('\n');
    expect(definitions('dist/server/collections/users.js', compiled)).toEqual([
      'nocobase users -> users @{"line":2,"column":68,"endLine":2,"endColumn":73}',
    ]);
    const migration = [
      "import { Migration } from '@nocobase/server';",
      'export default class extends Migration {',
      '  async up() {',
      "    const collection = this.db.collection({ name: 'users', fields: [{ type: 'string', name: 'phone' }] });",
      '    await collection.sync();',
      '  }',
      '}',
    ].join('\n');
    expect(definitions('src/server/migrations/20220818072639-add-users-phone.ts', migration)).toEqual([]);
    expect(references('src/server/migrations/20220818072639-add-users-phone.ts', migration)).toEqual([
      'nocobase alter users @{"line":4,"column":52,"endLine":4,"endColumn":57}',
    ]);
    expect(definitions('src/server/plugin.ts', migration)).toEqual([
      'nocobase users -> users @{"line":4,"column":52,"endLine":4,"endColumn":57}',
    ]);
  });

  it("a belongsToMany field's through table, given or NocoBase's default name, is a join table of the collection", () => {
    const code = [
      "import { defineCollection } from '@nocobase/database';",
      'export default defineCollection({',
      "  name: 'roles',",
      '  fields: [',
      "    { type: 'belongsToMany', name: 'users', target: 'users', through: 'rolesUsers' },",
      "    { type: 'belongsToMany', name: 'menuUiSchemas', target: 'uiSchemas', targetKey: 'x-uid' },",
      "    { type: 'belongsToMany', name: 'scopes', target: 'scopes', through: `${prefix}Scopes` },",
      "    { type: 'hasMany', name: 'resources', target: 'rolesResources' },",
      '  ],',
      '});',
    ].join('\n');
    const joins = (extractScript('src/server/collections/roles.ts', code).script.ormJoinTables ?? []).map(
      (j) => `${j.owner}.${j.property} -> ${j.name} @${JSON.stringify(rangeOf(code, j.fileSpan))}`,
    );
    expect(joins).toEqual([
      'roles.users -> rolesUsers @{"line":5,"column":72,"endLine":5,"endColumn":82}',
      'roles.menuUiSchemas -> rolesUischemas @{"line":6,"column":37,"endLine":6,"endColumn":50}',
    ]);
  });

  it('a defineCollection nothing shows to be NocoBase’s defines nothing', () => {
    const own = ['function defineCollection(o: object) { return o; }', "export default defineCollection({ name: 'users' });"].join('\n');
    expect(definitions('src/collections/users.ts', own)).toEqual([]);
  });
});

describe('NocoBase accesses', () => {
  const ACTIONS = [
    "import { Context, Next } from '@nocobase/actions';",
    'export async function handler(ctx: Context, next: Next) {',
    "  const user = await ctx.db.getRepository<UserRepository>('users').findOne({ filterByTk: 1 });",
    "  await this.app.db.getRepository('roles').createMany({ records: [] });",
    "  await ctx.db.getCollection('rolesUsers').repository.update({ filter: {}, values: {} });",
    "  await ctx.db.getModel('verifications').destroy({ where: {} });",
    "  const repo = ctx.db.getRepository('issuedTokens');",
    "  const field = ctx.db.getCollection('users').getField('password');",
    "  const roles = ctx.db.getRepository('users.roles', user.id);",
    '  const dynamic = ctx.db.getRepository(ctx.action.resourceName);',
    '  await next();',
    '}',
  ].join('\n');

  it('names the collection and the action its chain shows; keeps a repository as a use; not metadata, associations or computed names', () => {
    expect(references('packages/plugins/@nocobase/plugin-auth/src/server/actions.ts', ACTIONS)).toEqual([
      'nocobase select users @{"line":3,"column":60,"endLine":3,"endColumn":65}',
      'nocobase insert roles @{"line":4,"column":36,"endLine":4,"endColumn":41}',
      'nocobase update rolesUsers @{"line":5,"column":31,"endLine":5,"endColumn":41}',
      'nocobase delete verifications @{"line":6,"column":26,"endLine":6,"endColumn":39}',
      'nocobase other issuedTokens @{"line":7,"column":38,"endLine":7,"endColumn":50}',
    ]);
  });

  it('the same calls in a file that does not import NocoBase are no NocoBase access', () => {
    const typeorm = [
      "import { dataSource } from './data-source';",
      "export const users = () => dataSource.db.getRepository('User').find();",
    ].join('\n');
    expect(references('src/users.ts', typeorm)).toEqual([]);
    expect(references('src/actions.ts', ACTIONS.replace("'@nocobase/actions'", "'./context'"))).toEqual([]);
  });
});
