/**
 * pg-promise's query generators: `pgp.helpers.insert(rows, cs)` / `helpers.update(data, cs)` write
 * the table their ColumnSet names (`new pgp.helpers.ColumnSet(['a', 'b'], { table: 'order_items' })`)
 * or their third argument names (`helpers.insert(rows, ['a'], 'order_items')`). A table is a name,
 * `{ table, schema }`, or a `new TableName(…)` of either. The reference sits at the table's name.
 */
import ts from '../ts.js';
import { lastName, type ExtractContext } from '../context.js';
import { unwrapExpression } from '../scope.js';
import { nameArg, objectProp, pushRef, type MemberCall } from './shared.js';

const { isIdentifier, isNewExpression, isObjectLiteralExpression } = ts;

export function pgPromiseHelpersWrite(ctx: ExtractContext, c: MemberCall): boolean {
  if ((c.method !== 'insert' && c.method !== 'update') || c.args.length < 2 || lastName(c.receiver) !== 'helpers') return false;
  const table = tableOf(ctx, c.args[2]) ?? tableOf(ctx, objectProp(columnSetOptions(ctx, c.args[1]), 'table'));
  if (table) pushRef(ctx, nameArg(ctx, table.name), c.method, 'pg-promise', table.schema);
  return true;
}

/** The options of the ColumnSet an argument is: `new ….ColumnSet(columns, options)`, inline or a const of the file. */
function columnSetOptions(ctx: ExtractContext, expr: ts.Expression | undefined): ts.Expression | undefined {
  let e = expr && unwrapExpression(expr);
  if (e && isIdentifier(e)) {
    const binding = ctx.scopes.lookup(e.text, e);
    e = binding?.kind === 'const' && binding.init ? unwrapExpression(binding.init) : undefined;
  }
  if (!e || !isNewExpression(e) || lastName(e.expression) !== 'ColumnSet') return undefined;
  return e.arguments?.[1];
}

/** `'t'`, `{ table: 't', schema: 's' }`, `new TableName('t')`, `new pgp.helpers.TableName({ table, schema })`. */
function tableOf(ctx: ExtractContext, expr: ts.Expression | undefined): { name: ts.Expression; schema?: string } | undefined {
  let e = expr && unwrapExpression(expr);
  if (e && isNewExpression(e) && lastName(e.expression) === 'TableName') e = e.arguments?.[0] && unwrapExpression(e.arguments[0]);
  if (!e) return undefined;
  if (isObjectLiteralExpression(e)) {
    const name = objectProp(e, 'table');
    const schema = nameArg(ctx, objectProp(e, 'schema'))?.value;
    return name ? { name, ...(schema ? { schema } : {}) } : undefined;
  }
  return nameArg(ctx, e) ? { name: e } : undefined;
}
