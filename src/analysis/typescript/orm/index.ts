/**
 * Tables reached through ORMs, query builders and migration builders: knex, TypeORM, Sequelize,
 * Drizzle, the Prisma client, MikroORM, node-pg-migrate, Objection, Bookshelf, Lucid, Kysely, Zapatos, pg-promise's
 * helpers and NocoBase's collections, one module each. Table names come from string literals (or constants the file
 * fixes); entity symbols are reported as uses for the project model to resolve against
 * definitions anywhere in the repository.
 *
 * This module only dispatches the nodes the extractor's single walk meets — calls and
 * decorators — to the library modules, in an order that matters: the first handler that
 * recognises a call's shape takes it.
 */
import ts from '../ts.js';
import { boundMethodCall, lastName, rootIdentifier, type ExtractContext } from '../context.js';
import { propertyNameText, unwrapExpression } from '../scope.js';
import { compiledDecorators, indirectCallee, type DecoratedClass, type DecoratedMember } from './compiled-decorators.js';
import { bookshelfCall, bookshelfClass, bookshelfStaticCall } from './bookshelf.js';
import { drizzleRelationalQuery, drizzleSchemaTable, drizzleTableCall } from './drizzle.js';
import { camelCasePluginNew, kyselyCall, kyselyNew } from './kysely.js';
import { KNEX_ROOTS, knexMemberRoot, knexRoot, knexSchemaBuilder, knexForeignKey } from './knex.js';
import { modelStaticCall } from './model-statics.js';
import { migrationBuilderCall } from './node-pg-migrate.js';
import { lucidModel } from './lucid.js';
import { knexSnakeCaseMappersCall, objectionModel } from './objection.js';
import { pgPromiseHelpersWrite } from './pg-promise.js';
import { prismaDelegateCall } from './prisma.js';
import { relationCall } from './relations.js';
import { fromLikeCall, joinCall, writeWithTableObject } from './query-builder.js';
import { mikroOrmEntityDecorator } from './mikro-orm.js';
import { nocobaseCollectionCall, nocobaseDatabaseCall } from './nocobase.js';
import {
  bareTableDecorator,
  injectModelDecorator,
  queryInterfaceCall,
  sequelizeDefineCall,
  sequelizeInitCall,
  tableDecorator,
} from './sequelize.js';
import { forFeatureCall } from './registrations.js';
import { bareHelperCall, memberHelperCall } from './schema-helpers.js';
import { zapatosCall } from './zapatos.js';
import { originOf, type MemberCall } from './shared.js';
import {
  entityManagerCall,
  entityRepositoryDecorator,
  entitySchemaNew,
  queryRunnerCall,
  injectRepositoryDecorator,
  relationDecorator,
  typeormJoinTable,
  typeormEntityDecorator,
  typeormFunctionCall,
  typeormQueryBuilderCall,
  typeormRepositoryCall,
} from './typeorm.js';

const { isCallExpression, isClassDeclaration, isIdentifier, isPropertyAccessExpression } = ts;

/** Receivers whose `.from()` / `.table()` / `.join()` are not query builders. */
const NOT_BUILDERS = new Set([
  'Array',
  'Buffer',
  'Object',
  'Promise',
  'Set',
  'Map',
  'String',
  'Date',
  'Readable',
  'Observable',
  'Uint8Array',
  'Int8Array',
  'Uint16Array',
  'Int16Array',
  'Uint32Array',
  'Int32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'Iterator',
  'console',
  'path',
  'posix',
  'win32',
  'nodePath',
  'upath',
  'url',
  'Rx',
  'rxjs',
]);

type MemberHandler = (ctx: ExtractContext, c: MemberCall) => boolean;

/** Handlers for `receiver.method(…)` calls whose receiver may be a query builder, in priority order. */
const BUILDER_HANDLERS: MemberHandler[] = [
  forFeatureCall,
  prismaDelegateCall,
  nocobaseDatabaseCall,
  drizzleRelationalQuery,
  relationCall,
  modelStaticCall,
  bookshelfCall,
  bookshelfStaticCall,
  queryRunnerCall,
  queryInterfaceCall,
  migrationBuilderCall,
  knexSchemaBuilder,
  knexForeignKey,
  kyselyCall,
  fromLikeCall,
  joinCall,
  pgPromiseHelpersWrite,
  writeWithTableObject,
  typeormRepositoryCall,
  typeormQueryBuilderCall,
  entityManagerCall,
  sequelizeDefineCall,
  sequelizeInitCall,
  // last: a project's own helper (`commands.createTable('gift_links', knex, spec)`) only where no library's reader took it
  memberHelperCall,
];

/** Every ORM / query-builder fact a call expression carries. */
export function ormFromCall(ctx: ExtractContext, call: ts.CallExpression): void {
  const applied = compiledDecorators(call);
  if (applied) {
    for (const d of applied) ormFromDecoratorExpression(ctx, d.expression, d.target, d.member);
    return;
  }
  const callee = unwrapExpression(call.expression);
  if (zapatosCall(ctx, call) || knexSnakeCaseMappersCall(ctx, call) || nocobaseCollectionCall(ctx, call)) return;
  if (isIdentifier(callee)) {
    if (drizzleTableCall(ctx, callee, call)) return;
    // knex('patients'), db('patients'), trx('patients')
    if (KNEX_ROOTS.has(callee.text) && call.arguments.length >= 1) {
      knexRoot(ctx, call);
      return;
    }
    if (bareHelperCall(ctx, callee, call)) return;
    typeormFunctionCall(ctx, callee, call);
    return;
  }
  if (!isPropertyAccessExpression(callee)) return;
  const bound = callee.name.text === 'bind' ? boundMethodCall(call, ctx.sf) : undefined;
  const c: MemberCall = bound
    ? { call, method: bound.method, receiver: unwrapExpression(bound.receiver), args: bound.args }
    : { call, method: callee.name.text, receiver: unwrapExpression(callee.expression), args: call.arguments };
  if (knexMemberRoot(ctx, c) || drizzleSchemaTable(ctx, c)) return;
  const receiverRoot = rootIdentifier(c.receiver);
  if (receiverRoot && NOT_BUILDERS.has(receiverRoot.text) && (c.receiver === receiverRoot || isIdentifier(c.receiver))) return;
  // Indexed: a for…of allocates an iterator result per step until V8 optimises the loop, and this one runs 22 steps for
  // every member call of every file (~10 MB of the realistic profile's allocations).
  for (let i = 0; i < BUILDER_HANDLERS.length; i++) if (BUILDER_HANDLERS[i](ctx, c)) return;
}

/** Relation decorators whose first argument returns the related class, by library. */
const RELATIONS: Record<string, string> = {
  ManyToOne: 'typeorm',
  OneToOne: 'typeorm',
  ManyToMany: 'typeorm',
  ForeignKey: 'sequelize',
  BelongsTo: 'sequelize',
};

/**
 * The class whose table holds the foreign key a TypeORM relation decorator on `member` makes: `@ManyToOne` always,
 * `@OneToOne` with `@JoinColumn` and `@ManyToMany` with `@JoinTable` (the owning side; the inverse side holds none).
 */
function foreignKeyHolder(relation: string, member: DecoratedMember | undefined): string | undefined {
  if (!member || RELATIONS[relation] !== 'typeorm') return undefined;
  const has = (decorator: string) => memberDecorator(member, decorator) !== undefined;
  if (relation === 'ManyToOne' || (relation === 'OneToOne' && has('JoinColumn')) || (relation === 'ManyToMany' && has('JoinTable')))
    return member.cls.text;
  return undefined;
}

/** `@Entity('t')`, `@Table({ tableName })`, `@InjectRepository(X)`, `@InjectModel(X)`, `@ManyToOne(() => X)`. */
export function ormFromDecorator(ctx: ExtractContext, decorator: ts.Decorator): void {
  const target = decorator.parent;
  ormFromDecoratorExpression(
    ctx,
    decorator.expression,
    isClassDeclaration(target) && target.name ? { name: target.name, node: target } : undefined,
    writtenMember(target),
  );
}

/** A property or accessor of a named class that decorators apply to: the class, and the member's decorators. */
function writtenMember(target: ts.Node): DecoratedMember | undefined {
  if (!ts.isPropertyDeclaration(target) && !ts.isGetAccessorDeclaration(target) && !ts.isSetAccessorDeclaration(target)) return undefined;
  const cls = target.parent;
  if (!ts.isClassLike(cls) || !cls.name) return undefined;
  const name = propertyNameText(target.name);
  return { cls: cls.name, decorators: (ts.getDecorators(target) ?? []).map((d) => d.expression), ...(name === undefined ? {} : { name }) };
}

/**
 * A decorator's expression, written (`@Entity()`) or applied by compiled code (`__decorate([(0, typeorm_1.Entity)()], X)`,
 * compiled-decorators.ts); `cls` is the class it decorates, undefined on a member or a parameter.
 */
function ormFromDecoratorExpression(
  ctx: ExtractContext,
  expression: ts.Expression,
  cls: DecoratedClass | undefined,
  member?: DecoratedMember,
): void {
  const expr = unwrapExpression(expression);
  if (!isCallExpression(expr)) {
    if (lastName(indirectCallee(expr)) === 'Table') bareTableDecorator(ctx, cls);
    return;
  }
  const callee = indirectCallee(expr.expression);
  const name = lastName(callee);
  if (!name) return;
  const args = expr.arguments;
  if (name === 'Entity') {
    if (importedFrom(ctx, callee)?.startsWith('@mikro-orm/')) mikroOrmEntityDecorator(ctx, cls, args);
    else typeormEntityDecorator(ctx, cls, args, false);
  } else if (name === 'ViewEntity') typeormEntityDecorator(ctx, cls, args, true);
  else if (name === 'Table') tableDecorator(ctx, cls, args);
  else if (name === 'InjectRepository') injectRepositoryDecorator(ctx, args);
  else if (name === 'InjectModel') injectModelDecorator(ctx, args);
  else if (name === 'EntityRepository') entityRepositoryDecorator(ctx, cls, args);
  else if (Object.hasOwn(RELATIONS, name)) {
    const joinTable = name === 'ManyToMany' ? memberDecorator(member, 'JoinTable') : undefined;
    // The owning side of a many-to-many relation: its foreign keys are its join table's (keyed by the property).
    const joinProperty = joinTable && RELATIONS[name] === 'typeorm' ? member?.name : undefined;
    relationDecorator(ctx, RELATIONS[name], args, foreignKeyHolder(name, member), joinProperty);
    if (member && joinTable) typeormJoinTable(ctx, args, member, joinTable);
  }
}

/** The call of decorator `decorator` among the member's (`@JoinTable({ name: 'post_tags' })`). */
function memberDecorator(member: DecoratedMember | undefined, decorator: string): ts.CallExpression | undefined {
  for (const d of member?.decorators ?? []) {
    const e = unwrapExpression(d);
    if (isCallExpression(e) && lastName(indirectCallee(e.expression)) === decorator) return e;
  }
  return undefined;
}

/**
 * Classes that map to a table by their base class and a member (a Lucid model's `static table`, a Bookshelf model's
 * `get tableName()`, an Objection model's `static tableName`).
 */
export function ormFromClass(ctx: ExtractContext, node: ts.ClassLikeDeclaration): void {
  if (!lucidModel(ctx, node) && !bookshelfClass(ctx, node)) objectionModel(ctx, node);
}

/** `new EntitySchema({ … })`, `new Kysely(…)`. */
export function ormFromNew(ctx: ExtractContext, node: ts.NewExpression): void {
  entitySchemaNew(ctx, node);
  kyselyNew(ctx, node);
  camelCasePluginNew(ctx, node);
}

/** The module a decorator or class name is imported from (`Entity` from `@mikro-orm/core`), if the file imports it. */
function importedFrom(ctx: ExtractContext, expr: ts.Expression): string | undefined {
  const e = unwrapExpression(expr);
  const root = isIdentifier(e) ? e : isPropertyAccessExpression(e) ? rootIdentifier(e) : undefined;
  return root ? originOf(ctx, root)?.specifier : undefined;
}
