/**
 * Drizzle: table objects (`pgTable('t', …)`, `mysqlTable`, `pgSchema('s').table('t', …)`) and the
 * relational query API (`db.query.labResults.findMany()`). Builder calls that take a table
 * object (`db.select().from(t)`, `db.insert(t)`) are read with the other query builders.
 */
import ts from '../ts.js';
import type { ExtractContext } from '../context.js';
import { nodeSpan } from '../context.js';
import { unwrapExpression } from '../scope.js';
import { declaredName, nameArg, pushDef, type MemberCall } from './shared.js';

const { isCallExpression, isIdentifier, isPropertyAccessExpression } = ts;

const DRIZZLE_TABLE_FNS = new Set(['pgTable', 'mysqlTable', 'sqliteTable', 'singlestoreTable']);
const DRIZZLE_SCHEMA_FNS = new Set(['pgSchema', 'mysqlSchema']);
/** Calls that continue a Drizzle write: `db.insert(t).values(…)`, `db.update(t).set(…)`. */
export const DRIZZLE_CONTINUATIONS = new Set([
  'values',
  'set',
  'where',
  'returning',
  'onConflictDoUpdate',
  'onConflictDoNothing',
  'onDuplicateKeyUpdate',
]);
export const DRIZZLE_DB_NAMES = /^(?:db|tx|trx|database|drizzle|orm)$/i;

/** `pgTable('patients', {...})`: defines the table object `const patients`. */
export function drizzleTableCall(ctx: ExtractContext, callee: ts.Identifier, call: ts.CallExpression): boolean {
  if (!DRIZZLE_TABLE_FNS.has(callee.text)) return false;
  const arg = nameArg(ctx, call.arguments[0]);
  if (arg) {
    const symbol = declaredName(call) ?? arg.value;
    ctx.drizzleTables.add(symbol);
    pushDef(ctx, 'drizzle', symbol, arg);
  }
  return true;
}

/** Schema-qualified tables: `clinical.table('patients', {...})` with `const clinical = pgSchema('clinical')`. */
export function drizzleSchemaTable(ctx: ExtractContext, c: MemberCall): boolean {
  if (c.method !== 'table' || c.args.length < 2) return false;
  const schema = drizzleSchemaOf(ctx, c.receiver);
  if (schema === undefined) return false;
  const arg = nameArg(ctx, c.args[0]);
  if (arg) {
    const symbol = declaredName(c.call) ?? arg.value;
    ctx.drizzleTables.add(symbol);
    pushDef(ctx, 'drizzle', symbol, arg, schema);
  }
  return true;
}

/** Relational queries: `db.query.labResults.findMany(…)`. */
export function drizzleRelationalQuery(ctx: ExtractContext, c: MemberCall): boolean {
  if ((c.method !== 'findMany' && c.method !== 'findFirst') || !isPropertyAccessExpression(c.receiver)) return false;
  const parent = unwrapExpression(c.receiver.expression);
  if (!isPropertyAccessExpression(parent) || parent.name.text !== 'query') return false;
  ctx.facts.ormEntityUses.push({
    library: 'drizzle',
    symbol: c.receiver.name.text,
    action: 'select',
    fileSpan: nodeSpan(c.receiver.name, ctx.sf),
  });
  return true;
}

/** `pgSchema('clinical')`, or a const bound to it → 'clinical'. */
function drizzleSchemaOf(ctx: ExtractContext, receiver: ts.Expression): string | undefined {
  let e = unwrapExpression(receiver);
  if (isIdentifier(e)) {
    const r = ctx.scopes.resolveInitializer(e);
    if (!r) return undefined;
    e = r.expr;
  }
  if (isCallExpression(e) && isIdentifier(e.expression) && DRIZZLE_SCHEMA_FNS.has(e.expression.text)) {
    return nameArg(ctx, e.arguments[0])?.value;
  }
  return undefined;
}
