/**
 * knex: `knex('t')` / `db('t')` / `trx('t')` / `this.knex('t')` query roots, and the schema
 * builder (`knex.schema.createTable('t', …)`, `withSchema('s').alterTable(…)`).
 */
import ts from '../ts.js';
import type { TableAction } from '../../facts.js';
import type { ExtractContext } from '../context.js';
import { unwrapExpression } from '../scope.js';
import { builderAction, chainOf, nameArg, pushRef, pushRename, withSchemaOf, type MemberCall, type NameArg } from './shared.js';

const { isCallExpression, isFunctionLike, isIdentifier, isNoSubstitutionTemplateLiteral, isPropertyAccessExpression, isStringLiteral } = ts;

export const KNEX_ROOTS = new Set(['knex', 'db', 'trx', 'tx']);

const SCHEMA_METHODS: Record<string, TableAction> = {
  createTable: 'create',
  createTableIfNotExists: 'create',
  createTableLike: 'create',
  alterTable: 'alter',
  table: 'alter',
  dropTable: 'drop',
  dropTableIfExists: 'drop',
  renameTable: 'alter',
  hasTable: 'other',
  hasColumn: 'other',
  // views are declared like tables (Ghost's `knex.schema.createViewOrReplace('members_resolved_subscription', …)`)
  createView: 'create',
  createViewOrReplace: 'create',
  createMaterializedView: 'create',
  alterView: 'alter',
  dropView: 'drop',
  dropViewIfExists: 'drop',
  dropMaterializedView: 'drop',
  dropMaterializedViewIfExists: 'drop',
};

/** `knex('patients')`, `db('patients')`, `trx('patients')`: a query on the table, with the action of the chain above. */
export function knexRoot(ctx: ExtractContext, call: ts.CallExpression): void {
  const arg = nameArg(ctx, call.arguments[0]);
  if (!arg) return;
  const chain = chainOf(call);
  pushRef(ctx, arg, builderAction(new Set(chain.above)), 'knex', withSchemaOf(ctx, chain));
}

/** `this.knex('patients')` / `this.db('patients')` with a literal table name. */
export function knexMemberRoot(ctx: ExtractContext, c: MemberCall): boolean {
  if (!KNEX_ROOTS.has(c.method) || c.args.length < 1) return false;
  const first = unwrapExpression(c.args[0]);
  if (!isStringLiteral(first) && !isNoSubstitutionTemplateLiteral(first)) return false;
  // pg-promise's `db.tx('close-invoice', (t) => …)` (as `db.task(tag, cb)`): a tag for its logs, then the callback the
  // transaction runs (inline or named); a knex query root takes a table and at most an options object (`{ only: true }`).
  const last = unwrapExpression(c.args[c.args.length - 1]);
  if (c.args.length >= 2 && (isFunctionLike(last) || isIdentifier(last))) return true;
  // MongoDB's `client.db('notification_events').collection('receipts')` names a database, not a table.
  if (c.method === 'db' && chainOf(c.call).above.some((name) => MONGO_DB_METHODS.has(name))) return true;
  knexRoot(ctx, c.call);
  return true;
}

/** Methods of a MongoDB `Db`: a `.db(name)` they follow is the Mongo driver's, not knex. */
const MONGO_DB_METHODS = new Set([
  'collection',
  'createCollection',
  'listCollections',
  'dropDatabase',
  'command',
  'admin',
  'dropCollection',
]);

/** `knex.schema.createTable('t', …)` and the other schema-builder calls on a `.schema` chain. */
export function knexSchemaBuilder(ctx: ExtractContext, c: MemberCall): boolean {
  if (!Object.hasOwn(SCHEMA_METHODS, c.method) || c.args.length < 1) return false;
  const chain = chainOf(c.call);
  if (!chain.names.has('schema')) return false;
  const qualifier = withSchemaOf(ctx, chain);
  if (c.method === 'renameTable') pushRename(ctx, nameArg(ctx, c.args[0]), nameArg(ctx, c.args[1]), 'knex', qualifier);
  else pushRef(ctx, nameArg(ctx, c.args[0]), SCHEMA_METHODS[c.method], 'knex', qualifier);
  return true;
}

/** Table-builder methods whose callback declares the table's columns and keys. */
const TABLE_BUILDERS = new Set(['createTable', 'createTableIfNotExists', 'alterTable', 'table']);
/** Calls that may stand between `.references(…)` and the `.inTable(…)` naming its table. */
const REFERENCE_MODIFIERS = new Set(['withKeyName', 'deferrable', 'onDelete', 'onUpdate']);

/**
 * A foreign key declared in a knex table builder: `t.foreign('product_id').references('id').inTable('products')`
 * (`.on('products')` is the same), or `t.integer('user_id').references('users.id')`. The referenced
 * table is a `references` reference held by the table the builder declares.
 */
export function knexForeignKey(ctx: ExtractContext, c: MemberCall): boolean {
  let target: NameArg | undefined;
  if ((c.method === 'inTable' || c.method === 'on') && c.args.length === 1 && referencesBelow(c.receiver)) {
    target = nameArg(ctx, c.args[0]);
  } else if (c.method === 'references' && c.args.length === 1) {
    target = tableOfColumn(nameArg(ctx, c.args[0]));
  } else {
    return false;
  }
  const declaring = declaringTable(ctx, c.call);
  if (!target || !declaring) return false;
  pushRef(ctx, target, 'references', 'knex', declaring.qualifier, declaring);
  return true;
}

/** True when the expression is `….references(…)`, possibly followed by its modifiers. */
function referencesBelow(receiver: ts.Expression): boolean {
  let e = unwrapExpression(receiver);
  for (let guard = 0; guard < 10 && isCallExpression(e); guard++) {
    const callee = unwrapExpression(e.expression);
    if (!isPropertyAccessExpression(callee)) return false;
    if (callee.name.text === 'references') return true;
    if (!REFERENCE_MODIFIERS.has(callee.name.text)) return false;
    e = unwrapExpression(callee.expression);
  }
  return false;
}

/** `'users.id'` → `users` (`'auth.users.id'` → `auth.users`); a bare column names no table. */
function tableOfColumn(arg: NameArg | undefined): NameArg | undefined {
  if (!arg) return undefined;
  const dot = arg.value.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const value = arg.value.slice(0, dot);
  return arg.exactAt !== undefined
    ? { value, span: { start: arg.exactAt, end: arg.exactAt + dot }, exactAt: arg.exactAt }
    : { value, span: arg.span };
}

/** The table whose `knex.schema.createTable('t', (t) => …)` / `alterTable` callback holds the node. */
function declaringTable(ctx: ExtractContext, node: ts.Node): { name: string; qualifier?: string } | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (!isFunctionLike(n)) continue;
    const call = n.parent;
    if (!call || !isCallExpression(call) || !call.arguments.some((a) => a === n)) continue;
    const callee = unwrapExpression(call.expression);
    if (!isPropertyAccessExpression(callee) || !TABLE_BUILDERS.has(callee.name.text)) continue;
    const chain = chainOf(call);
    if (!chain.names.has('schema')) continue;
    const name = nameArg(ctx, call.arguments[0]);
    if (!name) return undefined;
    const dot = name.value.indexOf('.');
    const qualifier = withSchemaOf(ctx, chain);
    return dot > 0
      ? { name: name.value.slice(dot + 1), qualifier: name.value.slice(0, dot) }
      : { name: name.value, ...(qualifier ? { qualifier } : {}) };
  }
  return undefined;
}
