/**
 * Kysely's query builder: `db.selectFrom('t')`, `insertInto`, `replaceInto`, `updateTable`,
 * `deleteFrom`, `mergeInto` (a name, `'t as alias'`, `'schema.t'`, or a list of them), under
 * `withSchema('s')`. Its joins are the shared join reader's; its schema builder
 * (`db.schema.createTable`) is knex-shaped and read there.
 *
 * Only on a Kysely receiver: a `new Kysely(…)` of the file, a parameter or variable typed
 * `Kysely<…>` / `Transaction<…>`, or any receiver in a file that imports kysely or on a chain
 * that Kysely's own `execute…()` ends — `menu.selectFrom('orders')` elsewhere is no query. An
 * instance imported from another module carries its import, and the model takes that module's
 * `new Kysely(…)` database (or, with nothing else showing a Kysely receiver, whether it is one).
 */
import ts from '../ts.js';
import type { OrmOrigin, TableAction } from '../../facts.js';
import type { ExtractContext } from '../context.js';
import { unwrapExpression } from '../scope.js';
import { chainOf, has, nameArg, originOf, pushRef, pushSnakeCaseMapper, tableActionOf, withSchemaOf, type MemberCall } from './shared.js';

const {
  forEachChild,
  isArrayLiteralExpression,
  isArrowFunction,
  isAsExpression,
  isAwaitExpression,
  isCallExpression,
  isFunctionDeclaration,
  isFunctionExpression,
  isFunctionLike,
  isReturnStatement,
  isBinaryExpression,
  isExportAssignment,
  isExportDeclaration,
  isIdentifier,
  isNamedExports,
  isNewExpression,
  isParameter,
  isParenthesizedExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isSatisfiesExpression,
  isVariableDeclaration,
  isVariableStatement,
} = ts;
const { QuestionQuestionToken, BarBarToken, DefaultKeyword, ExportKeyword } = ts.SyntaxKind;

const METHODS: Record<string, TableAction> = {
  selectFrom: 'select',
  insertInto: 'insert',
  replaceInto: 'insert',
  updateTable: 'update',
  deleteFrom: 'delete',
  mergeInto: 'update',
};

/** Methods that run a Kysely query: on a chain, they make its receiver a Kysely instance. */
const EXECUTE = ['execute', 'executeTakeFirst', 'executeTakeFirstOrThrow', 'stream'];
const KYSELY_TYPE = /^\s*(?:Kysely|Transaction|ControlledTransaction)\s*</;

export function kyselyCall(ctx: ExtractContext, c: MemberCall): boolean {
  const action = tableActionOf(METHODS, c.method);
  if (action === undefined || c.args.length < 1) return false;
  const chain = chainOf(c.call);
  const instance = kyselyInstance(ctx, chain.root);
  // An instance another module creates (`import { db } from './db'`) carries that module's database.
  const origin = instance ? undefined : importedRoot(ctx, chain.root);
  const confirmed = instance !== undefined || importsKysely(ctx) || has(chain.names, ...EXECUTE);
  if (!confirmed && !origin) return true;
  const first = unwrapExpression(c.args[0]);
  const names = isArrayLiteralExpression(first) ? [...first.elements] : [first];
  const schema = withSchemaOf(ctx, chain);
  for (const name of names) {
    if (!pushRef(ctx, nameArg(ctx, name), action, LIBRARY, schema)) continue;
    const ref = ctx.facts.ormRefs[ctx.facts.ormRefs.length - 1];
    if (instance?.database) ref.database = instance.database;
    if (origin) ref.instance = confirmed ? { origin } : { origin, unconfirmed: true };
  }
  return true;
}

/**
 * The import the chain's root identifier comes from (`db` of `import { db } from './db'`, `this.db` is
 * none), or, for `const db = createDb()`, the import of the factory it calls.
 */
function importedRoot(ctx: ExtractContext, root: ts.Expression): OrmOrigin | undefined {
  const r = unwrapExpression(root);
  if (!isIdentifier(r)) return undefined;
  const binding = ctx.scopes.lookup(r.text, r);
  if (binding?.kind !== 'import' && binding?.kind !== 'const') return undefined;
  const origin = originOf(ctx, r);
  if (origin || !binding.init) return origin;
  const callee = calledName(binding.init);
  const calleeBinding = callee && ctx.scopes.lookup(callee.text, callee);
  return calleeBinding && (calleeBinding.kind === 'import' || calleeBinding.kind === 'const') ? originOf(ctx, callee) : undefined;
}

/** `f(…)` / `await f(…)` → `f`. */
function calledName(expr: ts.Expression): ts.Identifier | undefined {
  let e = unwrapExpression(expr);
  if (isAwaitExpression(e)) e = unwrapExpression(e.expression);
  return isCallExpression(e) && isIdentifier(e.expression) ? e.expression : undefined;
}

/**
 * `export const db = new Kysely<DB>(…)`, `export default new Kysely(…)`, or a `const db = new
 * Kysely(…)` the module exports as `export default db` / `export { db as ordersDb }`: the exported
 * names and the database its pool names, for the files importing it. A factory (`export function
 * createDb() { return new Kysely(…) }`, `const createDb = () => new Kysely(…)`) is exported under its
 * name — an importer's `createDb()` is the instance — and so is what the module makes with it
 * (`export const db = createDb()`).
 */
export function kyselyNew(ctx: ExtractContext, node: ts.NewExpression): void {
  if (!isIdentifier(node.expression) || node.expression.text !== 'Kysely') return;
  const database = node.arguments?.[0] && poolDatabase(ctx, node.arguments[0]);
  const push = (exported: string) => (ctx.facts.kyselyInstances ??= []).push(database ? { exported, database } : { exported });
  const n = outermost(node);
  const parent = n.parent;
  if (isExportAssignment(parent) && !parent.isExportEquals) {
    push('default');
    return;
  }
  const factory = factoryOf(n);
  if (factory) {
    exportsOf(ctx, factory).forEach(push);
    for (const top of ctx.sf.statements) {
      if (isExportAssignment(top) && !top.isExportEquals && calledName(top.expression)?.text === factory.text) push('default');
      if (!isVariableStatement(top)) continue;
      for (const d of top.declarationList.declarations)
        if (isIdentifier(d.name) && d.initializer && calledName(d.initializer)?.text === factory.text) exportsOf(ctx, d.name).forEach(push);
    }
    return;
  }
  if (isVariableDeclaration(parent) && parent.initializer === n && isIdentifier(parent.name)) exportsOf(ctx, parent.name).forEach(push);
}

/** `new Kysely(…)` without the parentheses, `as` and `satisfies` around it. */
function outermost(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && (isParenthesizedExpression(n.parent) || isAsExpression(n.parent) || isSatisfiesExpression(n.parent))) n = n.parent;
  return n;
}

/** The name of the function `n` is the returned value of (`return n`, `() => n`), if it has one. */
function factoryOf(n: ts.Node): ts.Identifier | undefined {
  let fn: ts.Node | undefined;
  if (isArrowFunction(n.parent) && n.parent.body === n) fn = n.parent;
  else if (isReturnStatement(n.parent)) {
    fn = n.parent.parent;
    while (fn && !isFunctionLike(fn)) fn = fn.parent;
  }
  if (!fn) return undefined;
  if (isFunctionDeclaration(fn)) return fn.name;
  const holder = outermost(fn).parent;
  return (isArrowFunction(fn) || isFunctionExpression(fn)) && isVariableDeclaration(holder) && isIdentifier(holder.name)
    ? holder.name
    : undefined;
}

/** The names the module exports `local` under: `export const` / `export function`, `export default local`, `export { local as x }`. */
function exportsOf(ctx: ExtractContext, local: ts.Identifier): string[] {
  const out: string[] = [];
  const declaration = local.parent;
  const statement = isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  if ((isVariableStatement(statement) || isFunctionDeclaration(statement)) && statement.modifiers?.some((m) => m.kind === ExportKeyword))
    out.push(statement.modifiers.some((m) => m.kind === DefaultKeyword) ? 'default' : local.text);
  for (const top of ctx.sf.statements) {
    if (isExportAssignment(top) && !top.isExportEquals && isIdentifier(top.expression) && top.expression.text === local.text)
      out.push('default');
    if (isExportDeclaration(top) && !top.moduleSpecifier && top.exportClause && isNamedExports(top.exportClause))
      for (const element of top.exportClause.elements)
        if ((element.propertyName ?? element.name).text === local.text) out.push(element.name.text);
  }
  return out;
}

const LIBRARY = 'kysely';

/**
 * `new CamelCasePlugin(options?)` (or `new kysely.CamelCasePlugin()`) in a file that imports kysely: the plugin
 * snake_cases every identifier the instance sends, so `selectFrom('cartLines')` reads `cart_lines`.
 */
export function camelCasePluginNew(ctx: ExtractContext, node: ts.NewExpression): void {
  const callee = node.expression;
  const name = isIdentifier(callee) ? callee : isPropertyAccessExpression(callee) ? callee.name : undefined;
  if (name?.text !== 'CamelCasePlugin' || !importsKysely(ctx)) return;
  pushSnakeCaseMapper(ctx, 'kysely', name, node.arguments?.[0]);
}

function importsKysely(ctx: ExtractContext): boolean {
  return ctx.facts.imports.some((i) => i.specifier === 'kysely' || i.specifier.startsWith('kysely/'));
}

/** The Kysely instance a chain starts from, when the file shows it is one, with the database its pool names. */
function kyselyInstance(ctx: ExtractContext, root: ts.Expression): { database?: string } | undefined {
  const r = unwrapExpression(root);
  if (!isIdentifier(r)) return undefined;
  const binding = ctx.scopes.lookup(r.text, r);
  if (!binding) return undefined;
  const declaration = binding.id.parent;
  if (
    (isParameter(declaration) || isVariableDeclaration(declaration)) &&
    declaration.type &&
    KYSELY_TYPE.test(declaration.type.getText(ctx.sf))
  )
    return {};
  const init = binding.kind === 'const' && binding.init ? unwrapExpression(binding.init) : undefined;
  if (!init) return undefined;
  // `const db = createDb()` of a factory the file declares: the `new Kysely(…)` it returns.
  const callee = calledName(init);
  const created = callee ? factoryNew(ctx, callee) : init;
  if (!created || !isNewExpression(created) || !isIdentifier(created.expression) || created.expression.text !== 'Kysely') return undefined;
  const database = created.arguments?.[0] && poolDatabase(ctx, created.arguments[0]);
  return database ? { database } : {};
}

/** The `new Kysely(…)` the function `callee` names returns, when the file declares it. */
function factoryNew(ctx: ExtractContext, callee: ts.Identifier): ts.NewExpression | undefined {
  const binding = ctx.scopes.lookup(callee.text, callee);
  const declaration = binding?.id.parent;
  if (!binding || (binding.kind !== 'function' && binding.kind !== 'const') || !declaration) return undefined;
  let found: ts.NewExpression | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (isNewExpression(n) && isIdentifier(n.expression) && n.expression.text === 'Kysely' && factoryOf(outermost(n)) === binding.id)
      found = n;
    else forEachChild(n, visit);
  };
  visit(declaration);
  return found;
}

/**
 * The `database` its dialect's pool options name (`new PostgresDialect({ pool: new Pool({ database:
 * 'orders' }) })`, `createPool({ database })`): a literal, or the literal fallback of an
 * environment variable (`process.env.PGDATABASE ?? 'catalog'`).
 */
function poolDatabase(ctx: ExtractContext, options: ts.Expression): string | undefined {
  let found: string | undefined;
  const visit = (n: ts.Node): void => {
    if (found !== undefined) return;
    if (isPropertyAssignment(n) && isIdentifier(n.name) && n.name.text === 'database') {
      let value = unwrapExpression(n.initializer);
      if (isBinaryExpression(value) && (value.operatorToken.kind === QuestionQuestionToken || value.operatorToken.kind === BarBarToken))
        value = unwrapExpression(value.right);
      found = nameArg(ctx, value)?.value;
      return;
    }
    forEachChild(n, visit);
  };
  visit(options);
  return found !== undefined && /^[\w$-]+$/.test(found) ? found : undefined;
}
