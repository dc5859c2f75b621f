/**
 * Query-builder calls several libraries share: `.from()` / `.into()` / `.table()`, joins, and
 * writes that take a table object (`db.insert(patients)`, `qb.update(Patient)`). The library is
 * told apart by the chain: TypeORM (`createQueryBuilder`), Supabase (its client), Drizzle (table
 * objects, `db.select()`), knex otherwise.
 */
import ts from '../ts.js';
import type { TableAction } from '../../facts.js';
import { lastName, rootIdentifier, type ExtractContext } from '../context.js';
import { unwrapExpression } from '../scope.js';
import { DRIZZLE_CONTINUATIONS, DRIZZLE_DB_NAMES } from './drizzle.js';
import { JOIN_METHODS } from '../vocabulary.js';
import {
  builderAction,
  chainOf,
  has,
  isPlainIdentifier,
  nameArg,
  pushRef,
  pushUse,
  withSchemaOf,
  type Chain,
  type MemberCall,
} from './shared.js';

const { isCallExpression, isPropertyAccessExpression } = ts;

const FROM_LIKE = new Set(['from', 'into', 'table']);
const JOINS = new Set(['join', ...JOIN_METHODS]);

function isTypeormChain(chain: Chain): boolean {
  return has(
    chain.names,
    'createQueryBuilder',
    'getRepository',
    'innerJoinAndSelect',
    'leftJoinAndSelect',
    'getMany',
    'getOne',
    'getRawMany',
    'getRawOne',
    'getManyAndCount',
    'andWhere',
    'orWhere',
    'setParameter',
  );
}

function builderLibrary(chain: Chain): string {
  if (has(chain.names, 'createQueryBuilder', 'getRepository')) return 'typeorm';
  const root = rootIdentifier(chain.root);
  if (root && /supabase/i.test(root.text)) return 'supabase';
  if (isPropertyAccessExpression(chain.root) && /supabase/i.test(chain.root.name.text)) return 'supabase';
  return 'knex';
}

/** Library of an entity / table-object argument to `.from(x)` / `.into(x)`. */
function entityLibrary(ctx: ExtractContext, chain: Chain, receiver: ts.Expression, arg: ts.Expression): string | undefined {
  if (has(chain.names, 'createQueryBuilder')) return 'typeorm';
  const symbol = unwrapExpression(arg).getText(ctx.sf);
  if (ctx.drizzleTables.has(symbol)) return 'drizzle';
  const r = unwrapExpression(receiver);
  if (isCallExpression(r)) {
    const name = lastName(r.expression);
    if (name === 'select' || name === 'selectDistinct' || name === 'selectDistinctOn') return 'drizzle';
  }
  return undefined;
}

/** `.from('t')`, `.into('t')`, `.table('t')`, or a table object / entity in `.from(x)`. */
export function fromLikeCall(ctx: ExtractContext, c: MemberCall): boolean {
  if (!FROM_LIKE.has(c.method) || c.args.length < 1) return false;
  const chain = chainOf(c.call);
  const arg = nameArg(ctx, c.args[0]);
  if (arg) {
    pushRef(ctx, arg, builderAction(chain.names), builderLibrary(chain), withSchemaOf(ctx, chain));
    return true;
  }
  if (isPlainIdentifier(c.args[0]) && c.method !== 'table') {
    const library = entityLibrary(ctx, chain, c.receiver, c.args[0]);
    if (library) pushUse(ctx, library, c.args[0], c.method === 'into' ? 'insert' : builderAction(chain.names));
  }
  return true;
}

/** Joins on a table name (not a TypeORM relation path) or a table object / entity. */
export function joinCall(ctx: ExtractContext, c: MemberCall): boolean {
  if (!JOINS.has(c.method) || c.args.length < 1) return false;
  const chain = chainOf(c.call);
  const typeorm = isTypeormChain(chain);
  const arg = nameArg(ctx, c.args[0]);
  if (arg) {
    if (typeorm && arg.value.includes('.')) return true; // relation path 'p.visits'
    if (c.method === 'join' && c.args.length < 2) return true; // Array#join
    pushRef(ctx, arg, 'select', typeorm ? 'typeorm' : builderLibrary(chain), withSchemaOf(ctx, chain));
    return true;
  }
  if (isPlainIdentifier(c.args[0])) {
    const library = typeorm
      ? 'typeorm'
      : has(chain.names, 'select', 'selectDistinct', 'selectDistinctOn') ||
          ctx.drizzleTables.has(unwrapExpression(c.args[0]).getText(ctx.sf))
        ? 'drizzle'
        : undefined;
    if (library) pushUse(ctx, library, c.args[0], 'select');
  }
  return true;
}

/**
 * Drizzle writes: `db.insert(patients).values(…)`, `db.update(patients).set(…)`, `db.delete(patients)`;
 * TypeORM builder writes: `qb.update(Patient).set(…)`, `createQueryBuilder().update('orders')`.
 */
export function writeWithTableObject(ctx: ExtractContext, c: MemberCall): boolean {
  const { method } = c;
  // TypeORM's builder names the table as a string too: `createQueryBuilder().update('orders').set(…)`.
  if (method === 'update' && c.args.length === 1 && !isPlainIdentifier(c.args[0])) {
    const chain = chainOf(c.call);
    const arg = has(chain.names, 'createQueryBuilder') ? nameArg(ctx, c.args[0]) : undefined;
    if (!arg) return false;
    pushRef(ctx, arg, 'update', 'typeorm', withSchemaOf(ctx, chain));
    return true;
  }
  if ((method !== 'insert' && method !== 'update' && method !== 'delete') || c.args.length !== 1 || !isPlainIdentifier(c.args[0]))
    return false;
  const chain = chainOf(c.call);
  const action: TableAction = method;
  if (has(chain.names, 'createQueryBuilder')) {
    pushUse(ctx, 'typeorm', c.args[0], action);
    return true;
  }
  const symbol = (unwrapExpression(c.args[0]) as ts.Identifier).text;
  const receiverName = lastName(c.receiver);
  const continued = chain.above.some((n) => DRIZZLE_CONTINUATIONS.has(n));
  if (ctx.drizzleTables.has(symbol) || continued || (receiverName !== undefined && DRIZZLE_DB_NAMES.test(receiverName))) {
    pushUse(ctx, 'drizzle', c.args[0], action);
  }
  return true;
}
