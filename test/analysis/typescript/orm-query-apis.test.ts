/**
 * Tables named through query APIs other than SQL text, as facts: Objection models and their
 * statics, Kysely's builder, postgres.js `sql('t')` identifiers and pg-promise's ColumnSet.
 */
import { describe, expect, it } from 'vitest';
import { extractScript } from '../../../src/analysis/typescript/index.js';

const extract = (code: string, file = 'm.ts') => extractScript(file, code).script;
const at = (code: string, span: { start: number; end: number }) => `"${code.slice(span.start, span.end)}"`;
/** `library action name[@qualifier] "text at the span"` per ORM table reference. */
const refs = (code: string) =>
  extract(code).ormRefs.map((r) => `${r.library} ${r.action} ${r.qualifier ? `${r.qualifier}.` : ''}${r.name} ${at(code, r.fileSpan)}`);
const defs = (code: string) =>
  extract(code).ormEntities.map(
    (d) =>
      `${d.library} ${d.symbol} ${d.qualifier ? `${d.qualifier}.` : ''}${d.table}${d.mapsOnly ? ' (maps only)' : ''} ${at(code, d.fileSpan)}`,
  );
const uses = (code: string) => extract(code).ormEntityUses.map((u) => `${u.symbol} ${u.action} ${at(code, u.fileSpan)}`);

describe('Objection models', () => {
  it('static tableName (a property or a getter) maps the class to its table without declaring it', () => {
    const code = [
      "import { Model } from 'objection';",
      "export class User extends Model { static tableName = 'users'; }",
      "export class ApiKey extends Model {\n  static get tableName() {\n    return 'auth.api_keys';\n  }\n}",
      "const TABLE = 'payouts';",
      'export class Payout extends BaseModel { static tableName = TABLE; }',
    ].join('\n');
    expect(defs(code)).toEqual([
      'objection User users (maps only) "users"',
      'objection ApiKey auth.api_keys (maps only) "auth.api_keys"',
      'objection Payout payouts (maps only) "TABLE"',
    ]);
  });

  it('lookalikes: an instance tableName, a class extending nothing, a computed getter', () => {
    const code = [
      "class Report extends Base { tableName = 'users'; }",
      "class Settings { static tableName = 'users'; }",
      "class Dynamic extends Model { static get tableName() { if (x) return 'a'; return 'b'; } }",
      "class Pdf extends Doc { static tableName = 'Order summary'; }",
    ].join('\n');
    expect(defs(code)).toEqual([]);
  });

  it("relationMappings' join columns (and through) name the tables the relations read", () => {
    const code = [
      'export class User extends Model {',
      "  static tableName = 'users';",
      '  static relationMappings = () => ({',
      "    apiKeys: { relation: Model.HasManyRelation, modelClass: ApiKey, join: { from: 'users.id', to: 'api_keys.user_id' } },",
      '    roles: {',
      '      relation: Model.ManyToManyRelation,',
      '      modelClass: Role,',
      "      join: { from: 'users.id', through: { from: 'user_roles.user_id', to: 'user_roles.role_id' }, to: ['roles.id'] },",
      '    },',
      '  });',
      '}',
    ].join('\n');
    expect(refs(code)).toEqual([
      'objection select users "users"',
      'objection select api_keys "api_keys"',
      'objection select users "users"',
      'objection select user_roles "user_roles"',
      'objection select user_roles "user_roles"',
      'objection select roles "roles"',
    ]);
  });

  it('M.query() and M.relatedQuery() are uses of the model, with the action of the chain; E.query(sql) is not', () => {
    const code = [
      'const a = await User.query().findById(id);',
      'await User.query(trx).patch({ is_kyc_verified: true }).where("id", id);',
      'await User.query().insertGraph(graph);',
      'await User.query().deleteById(id);',
      "const pets = await Person.relatedQuery('pets').for(1);",
      "const raw = await Order.query('SELECT 1');",
      'const q = await router.query();',
    ].join('\n');
    expect(uses(code)).toEqual([
      'User select "User"',
      'User update "User"',
      'User insert "User"',
      'User delete "User"',
      'Person select "Person"',
    ]);
  });
});
