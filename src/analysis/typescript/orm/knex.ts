/**
 * knex: `knex('t')` / `db('t')` / `trx('t')` / `this.knex('t')` query roots, and the schema
 * builder (`knex.schema.createTable('t', …)`, `withSchema('s').alterTable(…)`).
 */
import ts from '../ts.js';
import type { TableAction } from '../../facts.js';
import type { ExtractContext } from '../context.js';
import { unwrapExpression } from '../scope.js';
import { builderAction, chainOf, nameArg, pushRef, pushRename, withSchemaOf, type MemberCall } from './shared.js';

const { isNoSubstitutionTemplateLiteral, isStringLiteral } = ts;

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
  knexRoot(ctx, c.call);
  return true;
}

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
