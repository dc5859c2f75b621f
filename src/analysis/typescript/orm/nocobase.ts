/**
 * NocoBase: the collections a plugin defines (`export default defineCollection({ name: 'users', fields: […] })` in its
 * `src/server/collections/`, `db.collection({ name })`), which the app syncs to tables of its one database — the table is
 * the collection's `tableName`, else its `name` — and access to collections by name through the app's database:
 * `ctx.db.getRepository('users').findOne(…)`, `this.app.db.getRepository<UserRepository>('users')`,
 * `db.getCollection('roles').repository.find()`, `ctx.db.getModel('users').update(…)`; in a migration, `db.collection({ name })`
 * alters the table it names (NocoBase's migrations define a collection to sync a column or constraint, then remove it). `extendCollection({ name })` adds
 * fields to another plugin's collection and declares no table; `getRepository('users.roles', id)` is the association
 * repository of a relation, no collection name. Relation fields make no foreign key: NocoBase defines its associations
 * with `constraints: false`.
 *
 * A name reaches a table only in a file that imports NocoBase (`@nocobase/…`): TypeORM's `getRepository('User')` names an
 * entity, and other libraries have a `db.collection('x')` of their own (MongoDB's).
 */
import ts from '../ts.js';
import type { TableAction } from '../../facts.js';
import { lastName, type ExtractContext } from '../context.js';
import { unwrapExpression } from '../scope.js';
import { indirectCallee } from './compiled-decorators.js';
import { nameArg, objectProp, originOf, pushDef, pushRef, tableActionOf, type MemberCall, type NameArg } from './shared.js';

const { isArrayLiteralExpression, isCallExpression, isIdentifier, isObjectLiteralExpression, isPropertyAccessExpression, isStringLiteral } =
  ts;

/** NocoBase's packages: the server, the database layer, the plugins, actions. */
const NOCOBASE_MODULE = /^@nocobase\//;

/** Receivers that are the app's Database: `db`, `this.db`, `ctx.db`, `this.app.db`, `this.context.db`, `ctx.database`, `mainDb`. */
const DATABASE_RECEIVER = /^(?:db|database|mainDb|mainDatabase)$/;

/** The repository's, the collection's and the Sequelize model's methods, by what they do to the table. */
const COLLECTION_ACTIONS: Record<string, TableAction> = {
  find: 'select',
  findOne: 'select',
  findAndCount: 'select',
  findById: 'select',
  findByTargetKey: 'select',
  findAll: 'select',
  findByPk: 'select',
  count: 'select',
  aggregate: 'select',
  create: 'insert',
  createMany: 'insert',
  bulkCreate: 'insert',
  firstOrCreate: 'insert',
  updateOrCreate: 'insert',
  upsert: 'insert',
  update: 'update',
  updateMany: 'update',
  increment: 'update',
  destroy: 'delete',
};

const ACCESSORS = new Set(['getRepository', 'getCollection', 'getModel']);

/** A plugin's migrations (`src/server/migrations/20230802170800-add-username.ts`). */
const MIGRATION_PATH = /(?:^|\/)migrations\//;

/** Whether the file imports a NocoBase package (`import { Plugin } from '@nocobase/server'`, or its compiled `require`). */
const importsNocoBase = (() => {
  const known = new WeakMap<ts.SourceFile, boolean>();
  return (sf: ts.SourceFile): boolean => {
    let answer = known.get(sf);
    if (answer === undefined) {
      answer = sf.statements.some((statement) => {
        if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) {
          const specifier = statement.moduleSpecifier;
          return specifier !== undefined && isStringLiteral(specifier) && NOCOBASE_MODULE.test(specifier.text);
        }
        // `var import_database = require("@nocobase/database");` (esbuild's CommonJS output)
        if (!ts.isVariableStatement(statement)) return false;
        return statement.declarationList.declarations.some((d) => {
          const init = d.initializer && unwrapExpression(d.initializer);
          return (
            init !== undefined &&
            isCallExpression(init) &&
            isIdentifier(init.expression) &&
            init.expression.text === 'require' &&
            init.arguments.length === 1 &&
            isStringLiteral(init.arguments[0]) &&
            NOCOBASE_MODULE.test(init.arguments[0].text)
          );
        });
      });
      known.set(sf, answer);
    }
    return answer;
  };
})();

/**
 * `defineCollection({ … })` / `extendCollection({ … })` imported from a NocoBase package (written, or compiled
 * `(0, import_database.defineCollection)({ … })`).
 */
export function nocobaseCollectionCall(ctx: ExtractContext, call: ts.CallExpression): boolean {
  const callee = indirectCallee(unwrapExpression(call.expression));
  const name = lastName(callee);
  if (name !== 'defineCollection' && name !== 'extendCollection') return false;
  const root = isIdentifier(callee) ? callee : isPropertyAccessExpression(callee) ? callee.expression : undefined;
  if (!root || !isIdentifier(root)) return false;
  const origin = originOf(ctx, root);
  if (origin ? !NOCOBASE_MODULE.test(origin.specifier) : !importsNocoBase(ctx.sf)) return false;
  if (name === 'defineCollection') collectionOptions(ctx, call.arguments[0]);
  return true;
}

/** `db.collection({ name: 'users', fields })` (a collection defined at run time, as a migration does), and the accessors. */
export function nocobaseDatabaseCall(ctx: ExtractContext, c: MemberCall): boolean {
  if (c.method !== 'collection' && !ACCESSORS.has(c.method)) return false;
  if (!DATABASE_RECEIVER.test(lastName(c.receiver) ?? '') || !importsNocoBase(ctx.sf)) return false;
  const first = c.args[0] && unwrapExpression(c.args[0]);
  if (c.method === 'collection') {
    if (!first || !isObjectLiteralExpression(first)) return false;
    // A migration defines a collection to change its table (add a column, a constraint), then removes it: no definition.
    if (MIGRATION_PATH.test(ctx.sf.fileName))
      pushRef(ctx, nameArg(ctx, objectProp(first, 'tableName') ?? objectProp(first, 'name')), 'alter', 'nocobase');
    else collectionOptions(ctx, first);
    return true;
  }
  const name = nameArg(ctx, first);
  // `getRepository('users.roles', id)`: a relation's association repository; a computed name says nothing.
  if (!name || !/^[A-Za-z_$][\w$]*$/.test(name.value)) return true;
  const action = accessAction(c.call, c.method === 'getCollection');
  if (action) pushRef(ctx, name, action, 'nocobase');
  return true;
}

/**
 * What the call chain after the accessor does: `.findOne(…)`, `.repository.create(…)`; `other` when the repository, model
 * or collection is kept (in a variable, an argument). Undefined for a collection's metadata (`getCollection('users')
 * .getField('password')`, `.options`): no query of its table.
 */
function accessAction(call: ts.CallExpression, collection: boolean): TableAction | undefined {
  const above = membersAbove(call);
  if (above.length === 0) return 'other';
  if (collection && above[0] !== 'repository' && above[0] !== 'model') return undefined;
  for (const method of above) {
    const action = tableActionOf(COLLECTION_ACTIONS, method);
    if (action !== undefined) return action;
  }
  return 'other';
}

/** The property and method names read off the call's result, in order: `repository`, `findOne` of `x.repository.findOne()`. */
function membersAbove(call: ts.CallExpression): string[] {
  const names: string[] = [];
  let n: ts.Node = call;
  for (let guard = 0; guard < 20; guard++) {
    let p = n.parent;
    while (p && (ts.isParenthesizedExpression(p) || ts.isNonNullExpression(p))) {
      n = p;
      p = p.parent;
    }
    if (!p || !isPropertyAccessExpression(p) || p.expression !== n) break;
    names.push(p.name.text);
    n = p.parent && isCallExpression(p.parent) && p.parent.expression === p ? p.parent : p;
  }
  return names;
}

/**
 * A collection's options: the table it defines (`tableName`, else `name`), and the through tables of its `belongsToMany`
 * fields, which NocoBase creates beside it when no collection defines them (as a join table: model/join-tables.ts).
 */
function collectionOptions(ctx: ExtractContext, options: ts.Expression | undefined): void {
  const object = options && unwrapExpression(options);
  if (!object || !isObjectLiteralExpression(object)) return;
  const name = nameArg(ctx, objectProp(object, 'name'));
  const table: NameArg | undefined = nameArg(ctx, objectProp(object, 'tableName')) ?? name;
  if (!table) return;
  const symbol = name?.value ?? table.value;
  pushDef(ctx, 'nocobase', symbol, table);
  const fields = objectProp(object, 'fields');
  const list = fields && unwrapExpression(fields);
  if (!list || !isArrayLiteralExpression(list)) return;
  for (const element of list.elements) {
    const field = unwrapExpression(element);
    if (!isObjectLiteralExpression(field) || nameArg(ctx, objectProp(field, 'type'))?.value !== 'belongsToMany') continue;
    const property = nameArg(ctx, objectProp(field, 'name'));
    const written = objectProp(field, 'through');
    const through = nameArg(ctx, written);
    const target = nameArg(ctx, objectProp(field, 'target'));
    if (!property || (written && !through)) continue;
    // Without `through`, NocoBase names it from the two collections: camelize of their lower-cased names, sorted, joined by `_`.
    const joined = through?.value ?? (target ? defaultThrough(symbol, target.value) : undefined);
    if (joined === undefined || !/^[A-Za-z_$][\w$]*$/.test(joined)) continue;
    (ctx.facts.ormJoinTables ??= []).push({ owner: symbol, property: property.value, name: joined, fileSpan: (through ?? property).span });
  }
}

/** NocoBase's BelongsToManyField.through default: Sequelize's `Utils.camelize(['roles', 'uischemas'].sort().join('_'))`. */
function defaultThrough(source: string, target: string): string {
  return [source, target]
    .map((n) => n.toLowerCase())
    .sort()
    .join('_')
    .trim()
    .replace(/[-_\s]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''));
}
