/**
 * node-pg-migrate's MigrationBuilder (`exports.up = (pgm) => { pgm.createTable('orders', {…}) }`),
 * and db-migrate's alike-shaped `db.createTable('t', {…})` (also bound, as `async.series` takes them:
 * `db.createTable.bind(db, 't', {…})`, orm/index.ts): the tables a migration creates,
 * renames, alters and drops, and the foreign keys its column definitions and constraints declare
 * (`references: 'orders'`, `'orders(id)'`, `{ schema, name }`; db-migrate's `foreignKey: { table }` and
 * `addForeignKey('t', 'orders', …)`). Its raw `pgm.sql('…')` is embedded
 * SQL, read elsewhere.
 */
import ts from '../ts.js';
import type { TableAction } from '../../facts.js';
import type { ExtractContext } from '../context.js';
import { migrationPhaseOf } from '../migration-phases.js';
import { unwrapExpression } from '../scope.js';
import { nameArg, objectProp, pushRef, pushRename, tableActionOf, type MemberCall, type NameArg } from './shared.js';

const { isArrayLiteralExpression, isIdentifier, isObjectLiteralExpression, isParameter, isPropertyAssignment } = ts;

/** MigrationBuilder methods whose first argument is a table (or view), by what they do to it. */
const TABLE_METHODS: Record<string, TableAction> = {
  createTable: 'create',
  dropTable: 'drop',
  renameTable: 'alter',
  alterTable: 'alter',
  addColumns: 'alter',
  addColumn: 'alter',
  dropColumns: 'alter',
  dropColumn: 'alter',
  renameColumn: 'alter',
  alterColumn: 'alter',
  addConstraint: 'alter',
  addForeignKey: 'alter',
  removeForeignKey: 'alter',
  createConstraint: 'alter',
  dropConstraint: 'alter',
  renameConstraint: 'alter',
  createIndex: 'alter',
  addIndex: 'alter',
  dropIndex: 'alter',
  createView: 'create',
  dropView: 'drop',
  createMaterializedView: 'create',
  dropMaterializedView: 'drop',
  renameView: 'alter',
  // db-migrate's names (its `addColumn`, `renameColumn`, `addIndex`, `addForeignKey` are shared above)
  removeColumn: 'alter',
  changeColumn: 'alter',
  removeIndex: 'alter',
};

/** The builder's conventional name, and its TypeScript type. */
const BUILDER_NAME = 'pgm';
const BUILDER_TYPE = /\bMigrationBuilder\b/;

/**
 * `pgm.createTable('orders', { … })` and the other table methods, on a receiver that is a migration
 * builder: `pgm`, a parameter typed `MigrationBuilder`, or the first parameter of a migration's
 * `up` / `down` function. Other receivers (`knex.schema`, `queryInterface`) have their own readers.
 */
export function migrationBuilderCall(ctx: ExtractContext, c: MemberCall): boolean {
  const action = tableActionOf(TABLE_METHODS, c.method);
  if (action === undefined || c.args.length < 1 || !isMigrationBuilder(ctx, c.receiver)) return false;
  const table = tableArg(ctx, c.args[0]);
  if (!table) return true;
  if (c.method === 'renameTable' || c.method === 'renameView')
    pushRename(ctx, table.name, tableArg(ctx, c.args[1])?.name, LIBRARY, table.schema);
  else pushRef(ctx, table.name, action, LIBRARY, table.schema);
  const declaring = declaringOf(table);
  if (!declaring) return true;
  for (const references of foreignKeyReferences(c)) {
    const target = referencedTable(ctx, references);
    if (target) pushRef(ctx, target.name, 'references', LIBRARY, target.schema, declaring);
  }
  return true;
}

const LIBRARY = 'node-pg-migrate';

function isMigrationBuilder(ctx: ExtractContext, receiver: ts.Expression): boolean {
  const r = unwrapExpression(receiver);
  if (!isIdentifier(r)) return false;
  const binding = ctx.scopes.lookup(r.text, r);
  if (!binding) return r.text === BUILDER_NAME;
  if (binding.kind !== 'param') return false;
  const parameter = binding.id.parent;
  if (!isParameter(parameter)) return false;
  if (r.text === BUILDER_NAME || (parameter.type && BUILDER_TYPE.test(parameter.type.getText(ctx.sf)))) return true;
  const fn = parameter.parent;
  return fn.parameters[0] === parameter && migrationPhaseOf(fn) !== undefined;
}

interface TableArg {
  name: NameArg;
  schema?: string;
}

/** A table argument: `'orders'`, or `{ schema: 'sales', name: 'orders' }`. */
function tableArg(ctx: ExtractContext, expr: ts.Expression | undefined): TableArg | undefined {
  if (!expr) return undefined;
  const e = unwrapExpression(expr);
  if (isObjectLiteralExpression(e)) {
    const name = nameArg(ctx, objectProp(e, 'name'));
    const schema = nameArg(ctx, objectProp(e, 'schema'))?.value;
    return name ? { name, ...(schema ? { schema } : {}) } : undefined;
  }
  const name = nameArg(ctx, e);
  return name ? { name } : undefined;
}

function declaringOf(table: TableArg): { name: string; qualifier?: string } | undefined {
  const value = table.name.value.trim();
  if (!/^[A-Za-z_][\w$]*(?:\.[A-Za-z_][\w$]*)?$/.test(value)) return undefined;
  const dot = value.indexOf('.');
  if (dot > 0) return { name: value.slice(dot + 1), qualifier: value.slice(0, dot) };
  return { name: value, ...(table.schema ? { qualifier: table.schema } : {}) };
}

/**
 * The `references` values of the foreign keys a call declares: each column's of `createTable('t',
 * { user_id: { references: 'users' } })` and of `addColumns('t', { … })` / `alterColumn('t', 'c',
 * { references })`, and the `foreignKeys` (one or a list) of `createTable`'s `constraints` option and
 * of `addConstraint('t', name, { foreignKeys })`.
 */
function foreignKeyReferences(c: MemberCall): ts.Expression[] {
  const ofColumns = (obj: ts.Expression | undefined): ts.Expression[] => {
    const o = obj && unwrapExpression(obj);
    if (!o || !isObjectLiteralExpression(o)) return [];
    return o.properties.flatMap((p) => {
      if (!isPropertyAssignment(p)) return [];
      // db-migrate writes a column's key as `foreignKey: { name, table: 'trips', mapping: 'id' }`.
      const references = objectProp(p.initializer, 'references') ?? objectProp(objectProp(p.initializer, 'foreignKey'), 'table');
      return references ? [references] : [];
    });
  };
  const ofConstraints = (options: ts.Expression | undefined): ts.Expression[] => {
    const keys = objectProp(options, 'foreignKeys');
    const k = keys && unwrapExpression(keys);
    const list = k && isArrayLiteralExpression(k) ? [...k.elements] : k ? [k] : [];
    return list.flatMap((fk) => {
      const references = objectProp(fk, 'references');
      return references ? [references] : [];
    });
  };
  switch (c.method) {
    case 'createTable':
      return [...ofColumns(c.args[1]), ...ofConstraints(objectProp(c.args[2], 'constraints'))];
    case 'addColumns':
    case 'addColumn':
      return ofColumns(c.args[1]);
    case 'alterColumn': {
      const references = objectProp(c.args[2], 'references');
      return references ? [references] : [];
    }
    case 'addConstraint':
    case 'createConstraint':
      return ofConstraints(c.args[2]);
    // db-migrate: addForeignKey('payouts', 'trips', 'payouts_trip_id_fk', { trip_id: 'id' }, rules)
    case 'addForeignKey':
      return c.args[1] ? [c.args[1]] : [];
    default:
      return [];
  }
}

/**
 * `'orders'`, `'orders(id)'`, `'"sales"."orders"'`, `'sales.orders (id)'`, or `{ schema, name }`. The
 * spaces after the column list belong to it (`(?:\(…\)\s*)?`): two `\s*` around an optional group split
 * a run of spaces every way before failing (quadratic).
 */
export const REFERENCE = /^\s*("?)([A-Za-z_][\w$]*)\1(?:\.("?)([A-Za-z_][\w$]*)\3)?\s*(?:\([^)]*\)\s*)?$/;

function referencedTable(ctx: ExtractContext, expr: ts.Expression): TableArg | undefined {
  const e = unwrapExpression(expr);
  if (isObjectLiteralExpression(e)) return tableArg(ctx, e);
  const arg = nameArg(ctx, e);
  const m = arg && REFERENCE.exec(arg.value);
  if (!arg || !m) return undefined;
  const written = m[4] !== undefined ? `${m[2]}.${m[4]}` : m[2];
  // The name as written maps to the file only when it carries no quotes (they sit between its parts).
  const quoted = m[1] !== '' || (m[3] ?? '') !== '';
  const at = arg.value.indexOf(m[1] + m[2]) + m[1].length;
  const name: NameArg =
    arg.exactAt !== undefined && !quoted
      ? { value: written, span: { start: arg.exactAt + at, end: arg.exactAt + at + written.length }, exactAt: arg.exactAt + at }
      : { value: written, span: arg.span };
  return { name };
}
