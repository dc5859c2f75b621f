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
import { isRelationJoin } from './builder-names.js';
import {
  builderAction,
  chainOf,
  has,
  isEntityReference,
  isPlainIdentifier,
  nameArg,
  pushRef,
  pushUse,
  withSchemaOf,
  type Chain,
  type MemberCall,
} from './shared.js';

const { isCallExpression, isObjectLiteralExpression, isPropertyAccessExpression } = ts;

const FROM_LIKE = new Set(['from', 'into', 'table']);
const JOINS = new Set(['join', ...JOIN_METHODS]);
/** A class name (`ProductVariant`, not `USERS`): TypeORM's name of an entity, where a table name would be `product_variant`. */
const isEntityName = (name: string): boolean => /^[A-Z][A-Za-z0-9]*$/.test(name) && /[a-z]/.test(name);

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
    // Drizzle's `db.select()` / `db.select({ id: t.id })`; knex's `trx.select(pkField).from(collection)` names columns (HELDOUT9 #25).
    if ((name === 'select' || name === 'selectDistinct' || name === 'selectDistinctOn') && drizzleSelection(r)) return 'drizzle';
  }
  return undefined;
}

/** Drizzle selects nothing or an object of fields (`selectDistinctOn([t.id], {…})`); a string or a plain variable is a knex column. */
function drizzleSelection(call: ts.CallExpression): boolean {
  const last = call.arguments[call.arguments.length - 1];
  return last === undefined || isObjectLiteralExpression(unwrapExpression(last));
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
  // TypeORM's `leftJoinAndMapOne('user.photo', target, 'alias', …)`: the first argument is the property mapped to, the second the join.
  const mapped = /AndMap(?:One|Many)$/.test(c.method);
  if (mapped && c.args.length < 3) return true;
  const target = mapped ? c.args[1] : c.args[0];
  const arg = nameArg(ctx, target);
  if (arg) {
    // A relation path 'p.visits' of a TypeORM builder, or of an alias the file gives one ('folder.tags' after createQueryBuilder('folder')).
    if (arg.value.includes('.') && (typeorm || mapped || isRelationJoin(ctx, arg.value, mapped ? c.args[2] : c.args[1]))) return true;
    if (c.method === 'join' && c.args.length < 2) return true; // Array#join
    // TypeORM's entity target by name (`leftJoinAndMapOne('line.variant', 'ProductVariant', 'variant', …)`): the
    // entity of that class name when the repository declares one, else nothing (model/entity-resolver.ts).
    if ((typeorm || mapped) && isEntityName(arg.value)) {
      ctx.facts.ormEntityUses.push({ library: 'typeorm', symbol: arg.value, action: 'select', fileSpan: arg.span });
      return true;
    }
    pushRef(ctx, arg, 'select', typeorm || mapped ? 'typeorm' : builderLibrary(chain), withSchemaOf(ctx, chain));
    return true;
  }
  // An entity class, also a member of a module (`medusa_1.LineItem`, compiled imports): TypeORM's join target.
  if ((typeorm || mapped) && isEntityReference(target)) {
    pushUse(ctx, 'typeorm', target, 'select');
    return true;
  }
  if (isPlainIdentifier(target)) {
    const library =
      typeorm || mapped
        ? 'typeorm'
        : has(chain.names, 'select', 'selectDistinct', 'selectDistinctOn') ||
            ctx.drizzleTables.has(unwrapExpression(c.args[0]).getText(ctx.sf))
          ? 'drizzle'
          : undefined;
    if (library) pushUse(ctx, library, target, 'select');
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
