/**
 * Tables reached through ORMs and query builders: knex, TypeORM, Sequelize,
 * Drizzle and the Prisma client. Table names come from string literals (or
 * constants the file fixes); entity symbols are reported as uses for the project
 * model to resolve against definitions anywhere in the repository.
 */
import ts from 'typescript';
import type { OrmEntityDef, Span, TableAction } from '../facts.js';
import { lastName, nodeSpan, rootIdentifier, type ExtractContext } from './context.js';
import { pluralize, underscore } from './inflection.js';
import { cookRaw, stringLiteralBody, templatePieceBody } from './literals.js';
import { propertyNameText, unwrapExpression } from './scope.js';

// The `typescript` export object and its enums are in dictionary mode: each `ts.x` / `SyntaxKind.X`
// access is a hash lookup, so the ones used per node are read once here.
const {
  isArrowFunction,
  isAsExpression,
  isAwaitExpression,
  isBinaryExpression,
  isBlock,
  isCallExpression,
  isClassDeclaration,
  isElementAccessExpression,
  isFunctionExpression,
  isIdentifier,
  isNewExpression,
  isNoSubstitutionTemplateLiteral,
  isObjectLiteralExpression,
  isParenthesizedExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isPropertyDeclaration,
  isSatisfiesExpression,
  isShorthandPropertyAssignment,
  isStringLiteral,
  isVariableDeclaration,
} = ts;
const { EqualsToken: EqualsTokenKind, TrueKeyword, FalseKeyword } = ts.SyntaxKind;

// ---------------------------------------------------------------------------
// Chains
// ---------------------------------------------------------------------------

interface Chain {
  /** Method / property names along the whole chain, below and above the call. */
  names: Set<string>;
  /** Every call on the chain, for reading arguments such as `withSchema('s')`. */
  calls: ts.CallExpression[];
  /** The expression the chain starts from (`knex`, `this.db`, `supabase`). */
  root: ts.Expression;
  /** Names of calls above the given one (`where`, `update`, … after `knex('t')`). */
  above: string[];
}

function chainOf(call: ts.CallExpression): Chain {
  const names = new Set<string>();
  const calls: ts.CallExpression[] = [call];
  const above: string[] = [];
  let e: ts.Expression = call;
  let root: ts.Expression = call;
  for (let guard = 0; guard < 100; guard++) {
    e = unwrapExpression(e);
    if (isAwaitExpression(e)) e = unwrapExpression(e.expression);
    if (isCallExpression(e)) {
      if (e !== call) calls.push(e);
      const c = unwrapExpression(e.expression);
      if (isPropertyAccessExpression(c)) {
        names.add(c.name.text);
        e = c.expression;
        continue;
      }
      root = c;
      break;
    }
    if (isPropertyAccessExpression(e)) {
      names.add(e.name.text);
      e = e.expression;
      continue;
    }
    root = e;
    break;
  }
  let n: ts.Node = call;
  for (let guard = 0; guard < 100; guard++) {
    let p = n.parent;
    while (p && isParenthesizedExpression(p)) {
      n = p;
      p = p.parent;
    }
    if (p && isPropertyAccessExpression(p) && p.expression === n && p.parent && isCallExpression(p.parent) && p.parent.expression === p) {
      names.add(p.name.text);
      above.push(p.name.text);
      calls.push(p.parent);
      n = p.parent;
      continue;
    }
    break;
  }
  return { names, calls, root, above };
}

const has = (names: Set<string>, ...candidates: string[]) => candidates.some((c) => names.has(c));

function builderAction(names: Set<string>): TableAction {
  if (has(names, 'insert', 'upsert', 'batchInsert', 'insertGetId', 'orIgnore')) return 'insert';
  if (has(names, 'update', 'increment', 'decrement', 'softDelete', 'restore')) return 'update';
  if (has(names, 'del', 'delete')) return 'delete';
  if (has(names, 'truncate')) return 'truncate';
  return 'select';
}

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

// ---------------------------------------------------------------------------
// Table name strings
// ---------------------------------------------------------------------------

interface NameArg {
  value: string;
  /** Offset of the value's first character in the file, when it maps 1:1; else the span covers the node. */
  span: Span;
  exactAt?: number;
}

/** A string literal argument, or a constant the file fixes (`TABLES.PATIENTS`). */
function nameArg(ctx: ExtractContext, expr: ts.Expression | undefined): NameArg | undefined {
  if (!expr) return undefined;
  const e = unwrapExpression(expr);
  if (isStringLiteral(e)) {
    const b = stringLiteralBody(e, ctx.sf, ctx.text);
    const cooked = cookRaw(ctx.text, b.start, b.end, false);
    return { value: cooked.text, span: { start: b.start, end: b.end }, exactAt: cooked.map === null ? b.start : undefined };
  }
  if (isNoSubstitutionTemplateLiteral(e)) {
    const b = templatePieceBody(e, ctx.sf, ctx.text);
    const cooked = cookRaw(ctx.text, b.start, b.end, true);
    return { value: cooked.text, span: { start: b.start, end: b.end }, exactAt: cooked.map === null ? b.start : undefined };
  }
  if (isIdentifier(e) || isPropertyAccessExpression(e) || isElementAccessExpression(e)) {
    const value = ctx.scopes.resolveString(e);
    if (value !== undefined) return { value, span: nodeSpan(e, ctx.sf) };
  }
  return undefined;
}

const TABLE_STRING = /^\s*([A-Za-z_][\w$]*)(?:\.([A-Za-z_][\w$]*))?(?:\s+as\s+[\w$]+|\s+[A-Za-z_][\w$]*)?\s*$/i;

/** `'schema.table as alias'` → qualifier, name and the span of `schema.table`. */
function parseTableName(arg: NameArg): { name: string; qualifier?: string; span: Span } | undefined {
  const m = TABLE_STRING.exec(arg.value);
  if (!m) return undefined;
  const qualified = m[2] !== undefined ? `${m[1]}.${m[2]}` : m[1];
  let span = arg.span;
  if (arg.exactAt !== undefined) {
    const at = arg.value.indexOf(qualified);
    span = { start: arg.exactAt + at, end: arg.exactAt + at + qualified.length };
  }
  return m[2] !== undefined ? { name: m[2], qualifier: m[1], span } : { name: m[1], span };
}

function pushRef(ctx: ExtractContext, arg: NameArg | undefined, action: TableAction, library: string, qualifier?: string): void {
  if (!arg) return;
  const parsed = parseTableName(arg);
  if (!parsed) return;
  ctx.facts.ormRefs.push({ name: parsed.name, qualifier: parsed.qualifier ?? qualifier, action, library, fileSpan: parsed.span });
}

function pushDef(ctx: ExtractContext, library: string, symbol: string, arg: NameArg | undefined, qualifier?: string): void {
  if (!arg) return;
  const parsed = parseTableName(arg);
  if (!parsed) return;
  const def: OrmEntityDef = { library, symbol, table: parsed.name, fileSpan: parsed.span };
  const q = parsed.qualifier ?? qualifier;
  if (q) def.qualifier = q;
  ctx.facts.ormEntities.push(def);
}

function pushUse(ctx: ExtractContext, library: string, symbolNode: ts.Expression, action: TableAction): void {
  const e = unwrapExpression(symbolNode);
  if (!isIdentifier(e)) return;
  const b = ctx.scopes.lookup(e.text, e);
  if (b && (b.kind === 'param' || b.kind === 'let' || b.kind === 'var')) return;
  ctx.facts.ormEntityUses.push({ library, symbol: e.text, action, fileSpan: nodeSpan(e, ctx.sf) });
}

function withSchemaOf(ctx: ExtractContext, chain: Chain): string | undefined {
  for (const c of chain.calls) {
    const callee = unwrapExpression(c.expression);
    if (isPropertyAccessExpression(callee) && callee.name.text === 'withSchema') {
      const a = nameArg(ctx, c.arguments[0]);
      if (a) return a.value;
    }
  }
  return undefined;
}

/** Name of the variable a call initialises (`const patients = pgTable(…)`). */
function declaredName(node: ts.Node): string | undefined {
  let n: ts.Node = node;
  while (n.parent && (isParenthesizedExpression(n.parent) || isAsExpression(n.parent) || isSatisfiesExpression(n.parent))) n = n.parent;
  const p = n.parent;
  if (p && isVariableDeclaration(p) && p.initializer === n && isIdentifier(p.name)) return p.name.text;
  if (p && isPropertyDeclaration(p) && p.initializer === n) return propertyNameText(p.name);
  if (p && isBinaryExpression(p) && p.operatorToken.kind === EqualsTokenKind && p.right === n) {
    return lastName(p.left);
  }
  return undefined;
}

function objectProp(obj: ts.Expression | undefined, key: string): ts.Expression | undefined {
  if (!obj) return undefined;
  const o = unwrapExpression(obj);
  if (!isObjectLiteralExpression(o)) return undefined;
  for (const p of o.properties) {
    if (isPropertyAssignment(p) && propertyNameText(p.name) === key) return p.initializer;
  }
  return undefined;
}

function objectHasKey(obj: ts.Expression | undefined, key: string): boolean {
  if (!obj) return false;
  const o = unwrapExpression(obj);
  if (!isObjectLiteralExpression(o)) return false;
  return o.properties.some((p) => (isPropertyAssignment(p) || isShorthandPropertyAssignment(p)) && propertyNameText(p.name) === key);
}

// ---------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------

const KNEX_ROOTS = new Set(['knex', 'db', 'trx', 'tx']);
const FROM_LIKE = new Set(['from', 'into', 'table']);
const JOINS = new Set([
  'join',
  'innerJoin',
  'leftJoin',
  'leftOuterJoin',
  'rightJoin',
  'rightOuterJoin',
  'fullJoin',
  'fullOuterJoin',
  'outerJoin',
  'crossJoin',
  'innerJoinAndSelect',
  'leftJoinAndSelect',
  'innerJoinAndMapOne',
  'innerJoinAndMapMany',
  'leftJoinAndMapOne',
  'leftJoinAndMapMany',
]);
const SCHEMA_METHODS: Record<string, TableAction> = {
  createTable: 'create',
  createTableIfNotExists: 'create',
  createTableLike: 'create',
  alterTable: 'alter',
  table: 'alter',
  dropTable: 'drop',
  dropTableIfExists: 'drop',
  renameTable: 'alter',
};
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
const DRIZZLE_TABLE_FNS = new Set(['pgTable', 'mysqlTable', 'sqliteTable', 'singlestoreTable']);
const DRIZZLE_SCHEMA_FNS = new Set(['pgSchema', 'mysqlSchema']);
const DRIZZLE_CONTINUATIONS = new Set([
  'values',
  'set',
  'where',
  'returning',
  'onConflictDoUpdate',
  'onConflictDoNothing',
  'onDuplicateKeyUpdate',
]);
const DRIZZLE_DB_NAMES = /^(?:db|tx|trx|database|drizzle|orm)$/i;

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

const PRISMA_ACTIONS: Record<string, TableAction> = {
  findMany: 'select',
  findUnique: 'select',
  findUniqueOrThrow: 'select',
  findFirst: 'select',
  findFirstOrThrow: 'select',
  count: 'select',
  aggregate: 'select',
  groupBy: 'select',
  create: 'insert',
  createMany: 'insert',
  createManyAndReturn: 'insert',
  upsert: 'insert',
  update: 'update',
  updateMany: 'update',
  updateManyAndReturn: 'update',
  delete: 'delete',
  deleteMany: 'delete',
};
/** Static methods of Sequelize models and TypeORM Active Record entities, by the access they make. */
const MODEL_STATICS: Record<string, TableAction> = {
  findAll: 'select',
  findOne: 'select',
  findByPk: 'select',
  findAndCountAll: 'select',
  findOrCreate: 'insert',
  find: 'select',
  findBy: 'select',
  findOneBy: 'select',
  findAndCount: 'select',
  count: 'select',
  create: 'insert',
  bulkCreate: 'insert',
  upsert: 'insert',
  insert: 'insert',
  save: 'insert',
  update: 'update',
  increment: 'update',
  decrement: 'update',
  destroy: 'delete',
  delete: 'delete',
  remove: 'delete',
  softDelete: 'update',
};
const PRISMA_RECEIVERS = /prisma|^(?:db|tx|trx|client|database)$/i;

function isPascal(name: string): boolean {
  return /^[A-Z]/.test(name);
}

function isPlainIdentifier(e: ts.Expression | undefined): e is ts.Identifier {
  return !!e && isIdentifier(unwrapExpression(e));
}

/** Every ORM / query-builder fact a call expression carries. */
export function ormFromCall(ctx: ExtractContext, call: ts.CallExpression): void {
  const callee = unwrapExpression(call.expression);
  const args = call.arguments;

  // Drizzle table definitions: pgTable('patients', {...})
  if (isIdentifier(callee)) {
    if (DRIZZLE_TABLE_FNS.has(callee.text)) {
      const arg = nameArg(ctx, args[0]);
      if (arg) {
        const symbol = declaredName(call) ?? arg.value;
        ctx.drizzleTables.add(symbol);
        pushDef(ctx, 'drizzle', symbol, arg);
      }
      return;
    }
    // knex('patients'), db('patients'), trx('patients')
    if (KNEX_ROOTS.has(callee.text) && args.length >= 1) {
      knexRoot(ctx, call);
      return;
    }
    if (callee.text === 'getRepository' || callee.text === 'getCustomRepository' || callee.text === 'getTreeRepository') {
      if (isPlainIdentifier(args[0])) pushUse(ctx, 'typeorm', args[0], repositoryAction(call));
    }
    return;
  }
  if (!isPropertyAccessExpression(callee)) return;
  const method = callee.name.text;
  const receiver = unwrapExpression(callee.expression);

  // this.knex('patients') / this.db('patients')
  // (a property access callee whose last name is a knex root is handled via knexRoot)
  if (
    KNEX_ROOTS.has(method) &&
    args.length >= 1 &&
    (isStringLiteral(unwrapExpression(args[0])) || isNoSubstitutionTemplateLiteral(unwrapExpression(args[0])))
  ) {
    knexRoot(ctx, call);
    return;
  }

  // Drizzle schema-qualified tables: clinical.table('patients', {...})
  if (method === 'table' && args.length >= 2 && drizzleSchemaOf(ctx, receiver) !== undefined) {
    const arg = nameArg(ctx, args[0]);
    if (arg) {
      const symbol = declaredName(call) ?? arg.value;
      ctx.drizzleTables.add(symbol);
      pushDef(ctx, 'drizzle', symbol, arg, drizzleSchemaOf(ctx, receiver));
    }
    return;
  }

  const receiverRoot = rootIdentifier(receiver);
  if (receiverRoot && NOT_BUILDERS.has(receiverRoot.text) && (receiver === receiverRoot || isIdentifier(receiver))) return;

  // Prisma client: prisma.patient.findMany(…)
  if (Object.hasOwn(PRISMA_ACTIONS, method) && isPropertyAccessExpression(receiver) && !receiver.name.text.startsWith('$')) {
    const client = unwrapExpression(receiver.expression);
    const clientName = lastName(client);
    if (clientName && PRISMA_RECEIVERS.test(clientName)) {
      ctx.facts.ormEntityUses.push({
        library: 'prisma',
        symbol: receiver.name.text,
        action: PRISMA_ACTIONS[method],
        fileSpan: nodeSpan(receiver.name, ctx.sf),
      });
      return;
    }
  }

  // Drizzle relational queries: db.query.labResults.findMany(…)
  if ((method === 'findMany' || method === 'findFirst') && isPropertyAccessExpression(receiver)) {
    const parent = unwrapExpression(receiver.expression);
    if (isPropertyAccessExpression(parent) && parent.name.text === 'query') {
      ctx.facts.ormEntityUses.push({
        library: 'drizzle',
        symbol: receiver.name.text,
        action: 'select',
        fileSpan: nodeSpan(receiver.name, ctx.sf),
      });
      return;
    }
  }

  // Model statics (Sequelize models, TypeORM Active Record): Invoice.findAll(), sequelize.models.Invoice.update().
  // Only a symbol some ORM definition declares becomes a table use, so `Object.create()` costs nothing.
  const staticAction = Object.hasOwn(MODEL_STATICS, method) ? MODEL_STATICS[method] : undefined;
  if (staticAction) {
    const model =
      isIdentifier(receiver) && isPascal(receiver.text)
        ? receiver
        : isPropertyAccessExpression(receiver) && lastName(unwrapExpression(receiver.expression)) === 'models'
          ? receiver.name
          : undefined;
    if (model) {
      ctx.facts.ormEntityUses.push({ library: '*', symbol: model.text, action: staticAction, fileSpan: nodeSpan(model, ctx.sf) });
      return;
    }
  }

  // knex.schema.createTable('t', …)
  if (Object.hasOwn(SCHEMA_METHODS, method) && args.length >= 1) {
    const chain = chainOf(call);
    if (chain.names.has('schema')) {
      const qualifier = withSchemaOf(ctx, chain);
      pushRef(ctx, nameArg(ctx, args[0]), SCHEMA_METHODS[method], 'knex', qualifier);
      if (method === 'renameTable') pushRef(ctx, nameArg(ctx, args[1]), 'alter', 'knex', qualifier);
      return;
    }
  }

  if (FROM_LIKE.has(method) && args.length >= 1) {
    const chain = chainOf(call);
    const arg = nameArg(ctx, args[0]);
    if (arg) {
      const library = builderLibrary(chain);
      pushRef(ctx, arg, builderAction(chain.names), library, withSchemaOf(ctx, chain));
      return;
    }
    if (isPlainIdentifier(args[0]) && method !== 'table') {
      const library = entityLibrary(ctx, chain, receiver, args[0]);
      if (library) pushUse(ctx, library, args[0], method === 'into' ? 'insert' : builderAction(chain.names));
    }
    return;
  }

  if (JOINS.has(method) && args.length >= 1) {
    const chain = chainOf(call);
    const typeorm = isTypeormChain(chain);
    const arg = nameArg(ctx, args[0]);
    if (arg) {
      if (typeorm && arg.value.includes('.')) return; // relation path 'p.visits'
      if (method === 'join' && args.length < 2) return; // Array#join
      pushRef(ctx, arg, 'select', typeorm ? 'typeorm' : builderLibrary(chain), withSchemaOf(ctx, chain));
      return;
    }
    if (isPlainIdentifier(args[0])) {
      const library = typeorm
        ? 'typeorm'
        : has(chain.names, 'select', 'selectDistinct', 'selectDistinctOn') ||
            ctx.drizzleTables.has(unwrapExpression(args[0]).getText(ctx.sf))
          ? 'drizzle'
          : undefined;
      if (library) pushUse(ctx, library, args[0], 'select');
    }
    return;
  }

  // Drizzle writes: db.insert(patients).values(…), db.update(patients).set(…), db.delete(patients)
  // TypeORM builder writes: qb.update(Patient).set(…)
  if ((method === 'insert' || method === 'update' || method === 'delete') && args.length === 1 && isPlainIdentifier(args[0])) {
    const chain = chainOf(call);
    const action: TableAction = method;
    if (has(chain.names, 'createQueryBuilder')) {
      pushUse(ctx, 'typeorm', args[0], action);
      return;
    }
    const symbol = (unwrapExpression(args[0]) as ts.Identifier).text;
    const receiverName = lastName(receiver);
    const continued = chain.above.some((n) => DRIZZLE_CONTINUATIONS.has(n));
    if (ctx.drizzleTables.has(symbol) || continued || (receiverName !== undefined && DRIZZLE_DB_NAMES.test(receiverName))) {
      pushUse(ctx, 'drizzle', args[0], action);
    }
    return;
  }

  // TypeORM
  if (method === 'getRepository' || method === 'getTreeRepository' || method === 'getMongoRepository' || method === 'getCustomRepository') {
    if (isPlainIdentifier(args[0])) pushUse(ctx, 'typeorm', args[0], repositoryAction(call));
    return;
  }
  if (
    method === 'createQueryBuilder' &&
    args.length >= 1 &&
    isPlainIdentifier(args[0]) &&
    isPascal(unwrapExpression(args[0]).getText(ctx.sf))
  ) {
    pushUse(ctx, 'typeorm', args[0], builderAction(chainOf(call).names));
    return;
  }
  if (REPOSITORY_ACTIONS[method] !== undefined && args.length >= 1 && isPlainIdentifier(args[0])) {
    const receiverName = lastName(receiver) ?? '';
    const symbol = unwrapExpression(args[0]).getText(ctx.sf);
    if ((/manager$/i.test(receiverName) || receiverName === 'em') && isPascal(symbol)) {
      pushUse(ctx, 'typeorm', args[0], REPOSITORY_ACTIONS[method]);
      return;
    }
  }

  // Sequelize: sequelize.define('Patient', attrs, { tableName: 'patients' })
  if (method === 'define' && args.length >= 2) {
    const receiverName = lastName(receiver) ?? '';
    if (/sequelize|^db$|^database$|connection|^orm$/i.test(receiverName) || objectHasKey(args[2], 'tableName')) {
      const model = nameArg(ctx, args[0]);
      if (!model) return;
      const options = args[2];
      const tableName = nameArg(ctx, objectProp(options, 'tableName'));
      const schema = nameArg(ctx, objectProp(options, 'schema'));
      const symbol = declaredName(call) ?? model.value;
      pushDef(ctx, 'sequelize', symbol, tableName ?? sequelizeDefaultTable(ctx, model, options), schema?.value);
    }
    return;
  }
  // Sequelize: Patient.init(attrs, { sequelize, tableName: 'patients' }); the model name defaults to the class name.
  if (method === 'init' && args.length >= 2 && isIdentifier(receiver)) {
    const options = args[1];
    if (objectHasKey(options, 'sequelize') || objectHasKey(options, 'tableName')) {
      const model = nameArg(ctx, objectProp(options, 'modelName')) ?? { value: receiver.text, span: nodeSpan(receiver, ctx.sf) };
      const tableName = nameArg(ctx, objectProp(options, 'tableName'));
      const schema = nameArg(ctx, objectProp(options, 'schema'));
      pushDef(ctx, 'sequelize', receiver.text, tableName ?? sequelizeDefaultTable(ctx, model, options), schema?.value);
    }
  }
}

// ---------------------------------------------------------------------------
// Sequelize's default table name
// ---------------------------------------------------------------------------

interface SequelizeNaming {
  freezeTableName?: boolean;
  underscored?: boolean;
}

function booleanProp(obj: ts.Expression | undefined, key: string): boolean | undefined {
  const value = objectProp(obj, key);
  const kind = value && unwrapExpression(value).kind;
  return kind === TrueKeyword ? true : kind === FalseKeyword ? false : undefined;
}

function namingOf(options: ts.Expression | undefined): SequelizeNaming {
  return { freezeTableName: booleanProp(options, 'freezeTableName'), underscored: booleanProp(options, 'underscored') };
}

/**
 * The table Sequelize gives a model without `tableName`: its name pluralised by `inflection`
 * (`Invoice` → `Invoices`, `Category` → `Categories`, `Person` → `People`), snake_cased with
 * `underscored`, kept as written with `freezeTableName`. The model's own options win over the
 * `define` options of a `new Sequelize(…)` in the same file; an instance created in another file
 * is not seen, so its global `freezeTableName` is not either. The span stays on the model name.
 */
function sequelizeDefaultTable(ctx: ExtractContext, model: NameArg, options: ts.Expression | undefined): NameArg {
  const own = namingOf(options);
  const global = own.freezeTableName === undefined || own.underscored === undefined ? sequelizeDefineOptions(ctx) : {};
  if (own.freezeTableName ?? global.freezeTableName ?? false) return model;
  const plural = pluralize(model.value);
  return { value: (own.underscored ?? global.underscored ?? false) ? underscore(plural) : plural, span: model.span };
}

const NEW_SEQUELIZE = /\bnew\s+(?:[\w$]+\s*\.\s*)?Sequelize\b/;
const fileDefineOptions = new WeakMap<ts.SourceFile, SequelizeNaming>();

/** `define` options of the file's `new Sequelize(…, { define: { … } })`, which every model of the instance inherits. */
function sequelizeDefineOptions(ctx: ExtractContext): SequelizeNaming {
  let naming = fileDefineOptions.get(ctx.sf);
  if (naming) return naming;
  naming = {};
  if (NEW_SEQUELIZE.test(ctx.text)) {
    const visit = (node: ts.Node): void => {
      if (isNewExpression(node) && lastName(node.expression) === 'Sequelize') {
        const options = [...(node.arguments ?? [])].reverse().find((a) => isObjectLiteralExpression(unwrapExpression(a)));
        const found = namingOf(objectProp(options, 'define'));
        naming = {
          freezeTableName: found.freezeTableName ?? naming!.freezeTableName,
          underscored: found.underscored ?? naming!.underscored,
        };
      }
      ts.forEachChild(node, visit);
    };
    visit(ctx.sf);
  }
  fileDefineOptions.set(ctx.sf, naming);
  return naming;
}

/** `class X extends Model` / `extends Model<A, B>` / `extends Sequelize.Model`. */
function extendsModel(cls: ts.ClassDeclaration): boolean {
  return !!cls.heritageClauses?.some(
    (h) => h.token === ts.SyntaxKind.ExtendsKeyword && h.types.some((t) => lastName(t.expression) === 'Model'),
  );
}

function knexRoot(ctx: ExtractContext, call: ts.CallExpression): void {
  const arg = nameArg(ctx, call.arguments[0]);
  if (!arg) return;
  const chain = chainOf(call);
  pushRef(ctx, arg, builderAction(new Set(chain.above)), 'knex', withSchemaOf(ctx, chain));
}

function repositoryAction(call: ts.CallExpression): TableAction {
  const chain = chainOf(call);
  for (const name of chain.above) {
    const a = REPOSITORY_ACTIONS[name];
    if (a !== undefined && name !== 'createQueryBuilder') return a;
    if (name === 'createQueryBuilder') return builderAction(new Set(chain.above));
  }
  return 'other';
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

// ---------------------------------------------------------------------------
// Decorators
// ---------------------------------------------------------------------------

const RELATIONS: Record<string, string> = {
  ManyToOne: 'typeorm',
  OneToOne: 'typeorm',
  ManyToMany: 'typeorm',
  ForeignKey: 'sequelize',
  BelongsTo: 'sequelize',
};

/** `@Entity('t')`, `@Table({ tableName })`, `@InjectRepository(X)`, `@ManyToOne(() => X)`. */
export function ormFromDecorator(ctx: ExtractContext, decorator: ts.Decorator): void {
  const expr = unwrapExpression(decorator.expression);
  if (!isCallExpression(expr)) {
    // sequelize-typescript's bare `@Table`: the default table of the class name.
    const target = decorator.parent;
    if (isIdentifier(expr) && expr.text === 'Table' && isClassDeclaration(target) && target.name && extendsModel(target)) {
      pushDef(
        ctx,
        'sequelize',
        target.name.text,
        sequelizeDefaultTable(ctx, { value: target.name.text, span: nodeSpan(target.name, ctx.sf) }, undefined),
      );
    }
    return;
  }
  const name = lastName(expr.expression);
  if (!name) return;
  const args = expr.arguments;
  const target = decorator.parent;
  if (name === 'Entity' || name === 'Table') {
    if (!isClassDeclaration(target) || !target.name) return;
    const library = name === 'Entity' ? 'typeorm' : 'sequelize';
    const first = args[0];
    let table: NameArg | undefined;
    let options: ts.Expression | undefined;
    if (first && isObjectLiteralExpression(unwrapExpression(first))) options = first;
    else {
      table = nameArg(ctx, first);
      options = args[1];
    }
    table ??= nameArg(ctx, objectProp(options, library === 'typeorm' ? 'name' : 'tableName'));
    if (!table && library === 'sequelize' && extendsModel(target)) {
      const model = nameArg(ctx, objectProp(options, 'modelName')) ?? { value: target.name.text, span: nodeSpan(target.name, ctx.sf) };
      table = sequelizeDefaultTable(ctx, model, options);
    }
    const qualifier = nameArg(ctx, objectProp(options, 'schema')) ?? nameArg(ctx, objectProp(options, 'database'));
    pushDef(ctx, library, target.name.text, table, qualifier?.value);
    return;
  }
  if (name === 'InjectRepository') {
    if (isPlainIdentifier(args[0])) pushUse(ctx, 'typeorm', args[0], 'other');
    return;
  }
  const library = RELATIONS[name];
  if (library && args.length >= 1) {
    const fn = unwrapExpression(args[0]);
    if ((isArrowFunction(fn) || isFunctionExpression(fn)) && !isBlock(fn.body)) {
      const body = unwrapExpression(fn.body);
      if (isIdentifier(body) && isPascal(body.text)) pushUse(ctx, library, body, 'references');
    }
  }
}
