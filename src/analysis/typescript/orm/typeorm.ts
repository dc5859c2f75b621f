/**
 * TypeORM: entities (`@Entity('t')`, `@Entity({ name, schema })`), repositories and managers
 * (`getRepository(E)`, `dataSource.getRepository(E)`, `manager.find(E, …)`,
 * `createQueryBuilder(E, 'e')`, `@InjectRepository(E)`) and relations (`@ManyToOne(() => E)`).
 */
import ts from 'typescript';
import type { TableAction } from '../../facts.js';
import { lastName, type ExtractContext } from '../context.js';
import { unwrapExpression } from '../scope.js';
import {
  builderAction,
  chainOf,
  isPascal,
  isPlainIdentifier,
  nameArg,
  objectProp,
  pushDef,
  pushUse,
  type MemberCall,
  type NameArg,
} from './shared.js';

const { isArrowFunction, isBlock, isClassDeclaration, isFunctionExpression, isIdentifier, isObjectLiteralExpression } = ts;

const REPOSITORY_ACTIONS: Record<string, TableAction> = {
  find: 'select',
  findOne: 'select',
  findOneBy: 'select',
  findOneOrFail: 'select',
  findOneByOrFail: 'select',
  findBy: 'select',
  findAndCount: 'select',
  findAndCountBy: 'select',
  findByIds: 'select',
  count: 'select',
  countBy: 'select',
  exist: 'select',
  exists: 'select',
  existsBy: 'select',
  sum: 'select',
  average: 'select',
  minimum: 'select',
  maximum: 'select',
  query: 'other',
  save: 'insert',
  insert: 'insert',
  upsert: 'insert',
  create: 'other',
  update: 'update',
  increment: 'update',
  decrement: 'update',
  softDelete: 'update',
  softRemove: 'update',
  restore: 'update',
  recover: 'update',
  delete: 'delete',
  remove: 'delete',
  clear: 'truncate',
  createQueryBuilder: 'select',
  getRepository: 'other',
  getTreeRepository: 'other',
  preload: 'select',
};

const GET_REPOSITORY = new Set(['getRepository', 'getTreeRepository', 'getMongoRepository', 'getCustomRepository']);

/** The access a repository obtained by `call` makes: the repository method called on it, if any. */
function repositoryAction(call: ts.CallExpression): TableAction {
  const chain = chainOf(call);
  for (const name of chain.above) {
    const a = Object.hasOwn(REPOSITORY_ACTIONS, name) ? REPOSITORY_ACTIONS[name] : undefined;
    if (a !== undefined && name !== 'createQueryBuilder') return a;
    if (name === 'createQueryBuilder') return builderAction(new Set(chain.above));
  }
  return 'other';
}

/** `getRepository(E)` / `getCustomRepository(R)` / `getTreeRepository(E)` imported from typeorm. */
export function typeormFunctionCall(ctx: ExtractContext, callee: ts.Identifier, call: ts.CallExpression): boolean {
  if (callee.text !== 'getRepository' && callee.text !== 'getCustomRepository' && callee.text !== 'getTreeRepository') return false;
  if (isPlainIdentifier(call.arguments[0])) pushUse(ctx, 'typeorm', call.arguments[0], repositoryAction(call));
  return true;
}

/** `dataSource.getRepository(E)`, `manager.getTreeRepository(E)`, … */
export function typeormRepositoryCall(ctx: ExtractContext, c: MemberCall): boolean {
  if (!GET_REPOSITORY.has(c.method)) return false;
  if (isPlainIdentifier(c.args[0])) pushUse(ctx, 'typeorm', c.args[0], repositoryAction(c.call));
  return true;
}

/** `dataSource.createQueryBuilder(E, 'e')` / `manager.createQueryBuilder(E, 'e')`. */
export function typeormQueryBuilderCall(ctx: ExtractContext, c: MemberCall): boolean {
  if (c.method !== 'createQueryBuilder' || c.args.length < 1 || !isPlainIdentifier(c.args[0])) return false;
  if (!isPascal(unwrapExpression(c.args[0]).getText(ctx.sf))) return false;
  pushUse(ctx, 'typeorm', c.args[0], builderAction(chainOf(c.call).names));
  return true;
}

/** Entity manager methods taking the entity first: `manager.find(E, …)`, `em.count(E)`, `dataSource.manager.save(E, …)`. */
export function entityManagerCall(ctx: ExtractContext, c: MemberCall): boolean {
  const action = Object.hasOwn(REPOSITORY_ACTIONS, c.method) ? REPOSITORY_ACTIONS[c.method] : undefined;
  if (action === undefined || c.args.length < 1 || !isPlainIdentifier(c.args[0])) return false;
  const receiverName = lastName(c.receiver) ?? '';
  const symbol = unwrapExpression(c.args[0]).getText(ctx.sf);
  if (!(/manager$/i.test(receiverName) || receiverName === 'em') || !isPascal(symbol)) return false;
  pushUse(ctx, 'typeorm', c.args[0], action);
  return true;
}

/** `@Entity('t')` / `@Entity({ name, schema | database })` on a class. */
export function typeormEntityDecorator(ctx: ExtractContext, target: ts.Node, args: ts.NodeArray<ts.Expression>): void {
  if (!isClassDeclaration(target) || !target.name) return;
  const first = args[0];
  let table: NameArg | undefined;
  let options: ts.Expression | undefined;
  if (first && isObjectLiteralExpression(unwrapExpression(first))) options = first;
  else {
    table = nameArg(ctx, first);
    options = args[1];
  }
  table ??= nameArg(ctx, objectProp(options, 'name'));
  const qualifier = nameArg(ctx, objectProp(options, 'schema')) ?? nameArg(ctx, objectProp(options, 'database'));
  pushDef(ctx, 'typeorm', target.name.text, table, qualifier?.value);
}

/** `@InjectRepository(E)` on a constructor parameter. */
export function injectRepositoryDecorator(ctx: ExtractContext, args: ts.NodeArray<ts.Expression>): void {
  if (isPlainIdentifier(args[0])) pushUse(ctx, 'typeorm', args[0], 'other');
}

/** `@ManyToOne(() => E)` and the other relation decorators whose first argument returns the related class. */
export function relationDecorator(ctx: ExtractContext, library: string, args: ts.NodeArray<ts.Expression>): void {
  if (args.length < 1) return;
  const fn = unwrapExpression(args[0]);
  if ((isArrowFunction(fn) || isFunctionExpression(fn)) && !isBlock(fn.body)) {
    const body = unwrapExpression(fn.body);
    if (isIdentifier(body) && isPascal(body.text)) pushUse(ctx, library, body, 'references');
  }
}
