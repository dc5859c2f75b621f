/**
 * TypeORM: entities (`@Entity('t')`, `@Entity({ name, schema })`), repositories and managers
 * (`getRepository(E)`, `dataSource.getRepository(E)`, `manager.find(E, …)`,
 * `createQueryBuilder(E, 'e')`, `@InjectRepository(E)`) and relations (`@ManyToOne(() => E)`).
 */
import ts from '../ts.js';
import type { TableAction } from '../../facts.js';
import { lastName, nodeSpan, type ExtractContext } from '../context.js';
import { mikroOrmTableName, typeormTableName } from './naming.js';
import { unwrapExpression } from '../scope.js';
import { indirectCallee, type DecoratedClass, type DecoratedMember } from './compiled-decorators.js';
import {
  booleanProp,
  builderAction,
  chainOf,
  declaredName,
  entityReferenceName,
  entitySymbol,
  isEntityReference,
  isPascal,
  isPlainIdentifier,
  nameArg,
  objectProp,
  originOf,
  pushDef,
  pushRef,
  pushRename,
  pushUse,
  tableActionOf,
  type MemberCall,
  type NameArg,
} from './shared.js';

const {
  isArrayLiteralExpression,
  isArrowFunction,
  isBlock,
  isFunctionExpression,
  isIdentifier,
  isNewExpression,
  isPropertyAccessExpression,
  isObjectLiteralExpression,
} = ts;

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
    const a = tableActionOf(REPOSITORY_ACTIONS, name);
    if (a !== undefined && name !== 'createQueryBuilder') return a;
    if (name === 'createQueryBuilder') return builderAction(new Set(chain.above));
  }
  return 'other';
}

/** `getRepository(E)` / `getCustomRepository(R)` / `getTreeRepository(E)` imported from typeorm. */
export function typeormFunctionCall(ctx: ExtractContext, callee: ts.Identifier, call: ts.CallExpression): boolean {
  if (callee.text !== 'getRepository' && callee.text !== 'getCustomRepository' && callee.text !== 'getTreeRepository') return false;
  if (isEntityReference(call.arguments[0])) pushUse(ctx, 'typeorm', call.arguments[0], repositoryAction(call));
  return true;
}

/**
 * `dataSource.getRepository(E)`, `manager.getTreeRepository(E)`, …; Vendure's `this.connection.getRepository(ctx, E)`
 * (TransactionalConnection: a RequestContext first, the entity second — TypeORM's own takes one argument).
 */
export function typeormRepositoryCall(ctx: ExtractContext, c: MemberCall): boolean {
  if (!GET_REPOSITORY.has(c.method)) return false;
  const second = c.method === 'getRepository' && c.args.length === 2 ? c.args[1] : undefined;
  if (second && isEntityReference(second) && isPascal(entityReferenceName(second)))
    pushUse(ctx, 'typeorm', second, repositoryAction(c.call));
  else if (isEntityReference(c.args[0])) pushUse(ctx, 'typeorm', c.args[0], repositoryAction(c.call));
  return true;
}

/** `dataSource.createQueryBuilder(E, 'e')` / `manager.createQueryBuilder(E, 'e')`. */
export function typeormQueryBuilderCall(ctx: ExtractContext, c: MemberCall): boolean {
  if (c.method !== 'createQueryBuilder' || c.args.length < 1 || !isEntityReference(c.args[0])) return false;
  if (!isPascal(entityReferenceName(c.args[0]))) return false;
  pushUse(ctx, 'typeorm', c.args[0], builderAction(chainOf(c.call).names));
  return true;
}

/** Entity manager methods taking the entity first: `manager.find(E, …)`, `em.count(E)`, `dataSource.manager.save(E, …)`. */
export function entityManagerCall(ctx: ExtractContext, c: MemberCall): boolean {
  const action = tableActionOf(REPOSITORY_ACTIONS, c.method);
  if (action === undefined || c.args.length < 1 || !isEntityReference(c.args[0])) return false;
  const receiverName = lastName(c.receiver) ?? '';
  const symbol = entityReferenceName(c.args[0]);
  if (!(/manager$/i.test(receiverName) || receiverName === 'em') || !isPascal(symbol)) return false;
  pushUse(ctx, 'typeorm', c.args[0], action);
  return true;
}

/**
 * `@Entity('t')` / `@Entity({ name, schema | database })` / `@ViewEntity(…)` on a class; without a
 * name, the table TypeORM's default naming strategy gives the class (`OrderNote` → `order_note`).
 * A name the file does not fix (`@Entity(process.env.T)`) defines nothing.
 */
export function typeormEntityDecorator(
  ctx: ExtractContext,
  cls: DecoratedClass | undefined,
  args: ts.NodeArray<ts.Expression>,
  view: boolean,
): void {
  if (!cls) return;
  const first = args[0];
  let table: NameArg | undefined;
  let options: ts.Expression | undefined;
  if (first && isObjectLiteralExpression(unwrapExpression(first))) options = first;
  else if (first) {
    table = nameArg(ctx, first);
    if (!table) return;
    options = args[1];
  }
  const named = objectProp(options, 'name');
  if (!table && named) {
    table = nameArg(ctx, named);
    if (!table) return;
  }
  table ??= { value: typeormTableName(cls.name.text), span: nodeSpan(cls.name, ctx.sf) };
  const qualifier = nameArg(ctx, objectProp(options, 'schema')) ?? nameArg(ctx, objectProp(options, 'database'));
  const extra = {
    ...(view ? { view: true as const } : {}),
    ...(booleanProp(options, 'synchronize') === false ? { unsynchronized: true as const } : {}),
  };
  pushDef(ctx, 'typeorm', cls.name.text, table, qualifier?.value, extra);
}

/** Methods of TypeORM's `QueryRunner` that change a table's schema, by the table's action. */
const QUERY_RUNNER_DDL: Record<string, TableAction> = {
  createTable: 'create',
  dropTable: 'drop',
  renameTable: 'alter',
  addColumn: 'alter',
  addColumns: 'alter',
  renameColumn: 'alter',
  changeColumn: 'alter',
  changeColumns: 'alter',
  dropColumn: 'alter',
  dropColumns: 'alter',
  createPrimaryKey: 'alter',
  updatePrimaryKeys: 'alter',
  dropPrimaryKey: 'alter',
  createUniqueConstraint: 'alter',
  createUniqueConstraints: 'alter',
  dropUniqueConstraint: 'alter',
  dropUniqueConstraints: 'alter',
  createCheckConstraint: 'alter',
  dropCheckConstraint: 'alter',
  createIndex: 'alter',
  createIndices: 'alter',
  dropIndex: 'alter',
  dropIndices: 'alter',
  createForeignKey: 'alter',
  createForeignKeys: 'alter',
  dropForeignKey: 'alter',
  dropForeignKeys: 'alter',
  clearTable: 'truncate',
  hasTable: 'other',
  hasColumn: 'other',
};
const QUERY_RUNNER = /queryrunner$|^qr$/i;

/**
 * A migration's `queryRunner.createTable(new Table({ name }))`, `dropTable('t')`,
 * `renameTable('a', 'b')`, `addColumn('t', …)`, …; a foreign key's `referencedTableName` is a
 * reference. The table is a name or a `Table` object (`new Table({ name })`).
 */
export function queryRunnerCall(ctx: ExtractContext, c: MemberCall): boolean {
  const action = tableActionOf(QUERY_RUNNER_DDL, c.method);
  if (action === undefined || c.args.length < 1) return false;
  const receiverName = lastName(c.receiver) ?? '';
  if (!QUERY_RUNNER.test(receiverName) && !(c.method === 'createTable' && tableObjectOptions(c.args[0]))) return false;
  const table = tableArg(ctx, c.args[0]);
  if (c.method === 'renameTable') {
    pushRename(ctx, table?.name, nameArg(ctx, c.args[1]), 'typeorm', table?.schema);
    return true;
  }
  if (table) pushRef(ctx, table.name, action, 'typeorm', table.schema);
  const keys =
    c.method === 'createForeignKey'
      ? [c.args[1]]
      : c.method === 'createForeignKeys'
        ? arrayElements(c.args[1])
        : c.method === 'createTable'
          ? arrayElements(objectProp(tableObjectOptions(c.args[0]), 'foreignKeys'))
          : [];
  const declaring = table && { name: table.name.value, ...(table.schema ? { qualifier: table.schema } : {}) };
  for (const key of keys) {
    // `new TableForeignKey({ … })`, or in `new Table({ foreignKeys: [{ … }] })` the plain options too.
    const options = tableObjectOptions(key, 'TableForeignKey') ?? (isObjectLiteralExpression(unwrapExpression(key)) ? key : undefined);
    if (!options) continue;
    const schema = nameArg(ctx, objectProp(options, 'referencedSchema'))?.value;
    pushRef(ctx, nameArg(ctx, objectProp(options, 'referencedTableName')), 'references', 'typeorm', schema, declaring);
  }
  return true;
}

/** A table argument of a `QueryRunner` method: a name, or `new Table({ name, schema })`. */
function tableArg(ctx: ExtractContext, arg: ts.Expression): { name: NameArg; schema?: string } | undefined {
  const options = tableObjectOptions(arg);
  if (options) {
    const name = nameArg(ctx, objectProp(options, 'name'));
    return name ? { name, schema: nameArg(ctx, objectProp(options, 'schema'))?.value } : undefined;
  }
  const name = nameArg(ctx, arg);
  return name ? { name } : undefined;
}

/** The options object of `new Table({ … })` (or of another TypeORM schema class). */
function tableObjectOptions(arg: ts.Expression | undefined, className = 'Table'): ts.Expression | undefined {
  if (!arg) return undefined;
  const e = unwrapExpression(arg);
  if (!isNewExpression(e) || lastName(e.expression) !== className) return undefined;
  const options = e.arguments?.[0];
  return options && isObjectLiteralExpression(unwrapExpression(options)) ? options : undefined;
}

function arrayElements(arg: ts.Expression | undefined): ts.Expression[] {
  const e = arg && unwrapExpression(arg);
  return e && isArrayLiteralExpression(e) ? [...e.elements] : [];
}

/**
 * `new EntitySchema({ name: 'Book', tableName: 'books', schema })` (TypeORM and MikroORM): the
 * variable it initialises and the entity name both map to the table; without `tableName`, the
 * library's default name for the entity name.
 */
export function entitySchemaNew(ctx: ExtractContext, node: ts.NewExpression): void {
  const callee = unwrapExpression(node.expression);
  if (lastName(callee) !== 'EntitySchema') return;
  const options = node.arguments?.[0];
  if (!options || !isObjectLiteralExpression(unwrapExpression(options))) return;
  const root = isIdentifier(callee) ? callee : undefined;
  const library = root && originOf(ctx, root)?.specifier.startsWith('@mikro-orm/') ? 'mikro-orm' : 'typeorm';
  const entityName = nameArg(ctx, objectProp(options, 'name')) ?? nameArg(ctx, objectProp(options, 'className'));
  const tableOption = objectProp(options, 'tableName') ?? objectProp(options, 'collection');
  let table = tableOption ? nameArg(ctx, tableOption) : undefined;
  if (tableOption && !table) return;
  if (!table) {
    if (!entityName) return;
    const value = library === 'mikro-orm' ? mikroOrmTableName(entityName.value) : typeormTableName(entityName.value);
    table = { value, span: entityName.span };
  }
  const schema = nameArg(ctx, objectProp(options, 'schema'))?.value;
  const symbols = new Set([declaredName(node), entityName?.value].filter((s): s is string => s !== undefined));
  for (const symbol of symbols) pushDef(ctx, library, symbol, table, schema);
}

/** TypeORM 0.2 `@EntityRepository(E)` on a custom repository class: its uses are uses of `E`. */
export function entityRepositoryDecorator(ctx: ExtractContext, cls: DecoratedClass | undefined, args: ts.NodeArray<ts.Expression>): void {
  if (!cls || !isPlainIdentifier(args[0])) return;
  const entity = unwrapExpression(args[0]) as ts.Identifier;
  const origin = originOf(ctx, entity);
  (ctx.facts.ormRepositories ??= []).push({
    symbol: cls.name.text,
    entity: entity.text,
    ...(origin ? { origin } : {}),
    fileSpan: nodeSpan(cls.name, ctx.sf),
  });
}

/** `@InjectRepository(E)` on a constructor parameter. */
export function injectRepositoryDecorator(ctx: ExtractContext, args: ts.NodeArray<ts.Expression>): void {
  if (isEntityReference(args[0])) pushUse(ctx, 'typeorm', args[0], 'other');
}

/**
 * `@ManyToMany(() => Category) @JoinTable() categories` (or `@JoinTable({ name: 'post_tags', schema })`) on a member of
 * entity class `member.cls`: the join table the relation's owning side makes (OrmJoinTable).
 */
export function typeormJoinTable(
  ctx: ExtractContext,
  args: ts.NodeArray<ts.Expression>,
  member: DecoratedMember,
  joinTable: ts.CallExpression,
): void {
  const options = joinTable.arguments[0];
  // `@JoinTable({ synchronize: false })`: a table schema sync leaves alone, created by something else.
  if (member.name === undefined || booleanProp(options, 'synchronize') === false) return;
  const written = objectProp(options, 'name');
  const name = nameArg(ctx, written);
  if (written && !name) return; // a computed name: no table to tell
  const qualifier = nameArg(ctx, objectProp(options, 'schema')) ?? nameArg(ctx, objectProp(options, 'database'));
  const fn = args[0] && unwrapExpression(args[0]);
  const body = fn && (isArrowFunction(fn) || isFunctionExpression(fn)) && !isBlock(fn.body) ? unwrapExpression(fn.body) : undefined;
  const target = body && isEntityReference(body) && isPascal(entityReferenceName(body)) ? entitySymbol(ctx, body) : undefined;
  if (!name && !target) return;
  const callee = indirectCallee(joinTable.expression);
  const nameNode = isPropertyAccessExpression(callee) ? callee.name : callee;
  (ctx.facts.ormJoinTables ??= []).push({
    owner: member.cls.text,
    property: member.name,
    ...(target ? { target: target.symbol, ...(target.origin ? { targetOrigin: target.origin } : {}) } : {}),
    ...(name ? { name: name.value } : {}),
    ...(qualifier ? { qualifier: qualifier.value } : {}),
    fileSpan: name ? name.span : nodeSpan(nameNode, ctx.sf),
  });
}

/**
 * `@ManyToOne(() => E)` and the other relation decorators whose first argument returns the related class; `declaringClass`
 * is the entity declaring the relation when the decorator is on its owning side: its table holds the foreign key, or for a
 * many-to-many relation (`joinProperty`, the relation's property) the join table beside it does.
 */
export function relationDecorator(
  ctx: ExtractContext,
  library: string,
  args: ts.NodeArray<ts.Expression>,
  declaringClass?: string,
  joinProperty?: string,
): void {
  if (args.length < 1) return;
  const fn = unwrapExpression(args[0]);
  if ((isArrowFunction(fn) || isFunctionExpression(fn)) && !isBlock(fn.body)) {
    // `() => Folder`, or compiled, `() => folder_1.Folder` (the module's export, pushUse resolves it through the require)
    const body = unwrapExpression(fn.body);
    if (isEntityReference(body) && isPascal(entityReferenceName(body)))
      pushUse(ctx, library, body, 'references', declaringClass, joinProperty);
  }
}
