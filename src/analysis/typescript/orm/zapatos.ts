/**
 * Zapatos' shortcut functions (`import * as db from 'zapatos/db'`): `db.select('users', …)`,
 * `db.selectOne`, `db.update('users', …)`, `db.deletes`, … take the table's name as their first
 * argument, the way knex's `knex('users')` does. Only functions of the `zapatos/db` module count (through
 * a namespace import or a require of it, or imported under its own name), so another library's
 * `select('users')` is not one. (Its `db.sql` template is SQL, read as such.)
 */
import ts from '../ts.js';
import type { TableAction } from '../../facts.js';
import type { ExtractContext } from '../context.js';
import { unwrapExpression } from '../scope.js';
import { nameArg, originOf, pushRef, tableActionOf } from './shared.js';

const { isArrayLiteralExpression, isIdentifier, isPropertyAccessExpression } = ts;

const LIBRARY = 'zapatos';
const MODULE = 'zapatos/db';

const SHORTCUTS: Record<string, TableAction> = {
  select: 'select',
  selectOne: 'select',
  selectExactlyOne: 'select',
  count: 'select',
  sum: 'select',
  avg: 'select',
  min: 'select',
  max: 'select',
  insert: 'insert',
  upsert: 'insert',
  update: 'update',
  deletes: 'delete',
  truncate: 'truncate',
};

/** The shortcut a call makes (`db.select(…)` of a `zapatos/db` namespace, `select(…)` imported from it), if it is one. */
function shortcutOf(ctx: ExtractContext, callee: ts.Expression): TableAction | undefined {
  if (isIdentifier(callee)) {
    // Named as imported (`import { select } from 'zapatos/db'`): the name is checked before the import, on every call.
    if (!Object.hasOwn(SHORTCUTS, callee.text)) return undefined;
    const origin = originOf(ctx, callee);
    return origin?.specifier === MODULE ? tableActionOf(SHORTCUTS, origin.imported) : undefined;
  }
  if (!isPropertyAccessExpression(callee) || !Object.hasOwn(SHORTCUTS, callee.name.text)) return undefined;
  const receiver = unwrapExpression(callee.expression);
  if (!isIdentifier(receiver)) return undefined;
  const origin = originOf(ctx, receiver);
  return origin?.specifier === MODULE && origin.imported === '*' ? SHORTCUTS[callee.name.text] : undefined;
}

/** `db.select('users', where)`, `update('users', values, where)`, `db.truncate(['a', 'b'])`: the tables, with the shortcut's action. */
export function zapatosCall(ctx: ExtractContext, call: ts.CallExpression): boolean {
  const first = call.arguments[0];
  if (!first) return false;
  const action = shortcutOf(ctx, unwrapExpression(call.expression));
  if (!action) return false;
  const arg = unwrapExpression(first);
  for (const table of isArrayLiteralExpression(arg) ? arg.elements : [arg]) pushRef(ctx, nameArg(ctx, table), action, LIBRARY);
  return true;
}
