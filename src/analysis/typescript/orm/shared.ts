/**
 * What the ORM modules share: call chains (`knex('t').where(…).first()`), table-name arguments
 * (literals and constants the file fixes), option objects, and the three kinds of fact they
 * push — a table reference by name, an entity definition, an entity use.
 */
import ts from '../ts.js';
import type { OrmEntityDef, OrmOrigin, SnakeCaseMapper, Span, TableAction } from '../../facts.js';
import { lastName, nodeSpan, type ExtractContext } from '../context.js';
import { cookRaw, literalText, stringLiteralBody, templatePieceBody } from '../literals.js';
import { propertyNameText, unwrapExpression } from '../scope.js';

// The `typescript` export object and its enums are in dictionary mode: each `ts.x` / `SyntaxKind.X`
// access is a hash lookup, so the ones used per node are read once here.
const {
  isAsExpression,
  isAwaitExpression,
  isBinaryExpression,
  isBindingElement,
  isCallExpression,
  isElementAccessExpression,
  isIdentifier,
  isImportClause,
  isImportEqualsDeclaration,
  isImportSpecifier,
  isNamespaceImport,
  isNoSubstitutionTemplateLiteral,
  isObjectBindingPattern,
  isObjectLiteralExpression,
  isParenthesizedExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isPropertyDeclaration,
  isSatisfiesExpression,
  isShorthandPropertyAssignment,
  isStringLiteral,
  isVariableDeclaration,
  isExternalModuleReference,
} = ts;
const { EqualsToken: EqualsTokenKind, TrueKeyword, FalseKeyword } = ts.SyntaxKind;

// ---------------------------------------------------------------------------
// Chains
// ---------------------------------------------------------------------------

export interface Chain {
  /** Method / property names along the whole chain, below and above the call. */
  names: Set<string>;
  /** Every call on the chain, for reading arguments such as `withSchema('s')`. */
  calls: ts.CallExpression[];
  /** The expression the chain starts from (`knex`, `this.db`, `supabase`). */
  root: ts.Expression;
  /** Names of calls above the given one (`where`, `update`, … after `knex('t')`). */
  above: string[];
}

export function chainOf(call: ts.CallExpression): Chain {
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

export const has = (names: Set<string>, ...candidates: string[]) => candidates.some((c) => names.has(c));

/**
 * What a library's method (or imported function) does to its table, from the library's table of them; undefined for a
 * name it lacks, own keys only (`constructor`, `toString` are no methods of a query interface).
 */
export function tableActionOf<Action>(table: Readonly<Record<string, Action>>, name: string): Action | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/** The access a query-builder chain makes, from the names of its calls. */
export function builderAction(names: Set<string>): TableAction {
  if (has(names, 'insert', 'upsert', 'batchInsert', 'insertGetId', 'orIgnore')) return 'insert';
  if (has(names, 'update', 'increment', 'decrement', 'softDelete', 'restore')) return 'update';
  if (has(names, 'del', 'delete')) return 'delete';
  if (has(names, 'truncate')) return 'truncate';
  return 'select';
}

// ---------------------------------------------------------------------------
// Table name strings
// ---------------------------------------------------------------------------

export interface NameArg {
  value: string;
  /** Offset of the value's first character in the file, when it maps 1:1; else the span covers the node. */
  span: Span;
  exactAt?: number;
}

/** A string literal argument, or a constant the file fixes (`TABLES.PATIENTS`). */
export function nameArg(ctx: ExtractContext, expr: ts.Expression | undefined): NameArg | undefined {
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

export interface TableName {
  name: string;
  qualifier?: string;
  span: Span;
}

/** `'schema.table as alias'` → qualifier, name and the span of `schema.table`. */
export function parseTableName(arg: NameArg): TableName | undefined {
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

/** A table reached by name (`knex('t')`, `.from('t')`, `schema.createTable('t')`). Returns the pushed name, if any. */
export function pushRef(
  ctx: ExtractContext,
  arg: NameArg | undefined,
  action: TableAction,
  library: string,
  qualifier?: string,
  declaringTable?: { name: string; qualifier?: string },
): TableName | undefined {
  if (!arg) return undefined;
  const parsed = parseTableName(arg);
  if (!parsed) return undefined;
  ctx.facts.ormRefs.push({
    name: parsed.name,
    qualifier: parsed.qualifier ?? qualifier,
    action,
    library,
    fileSpan: parsed.span,
    ...(declaringTable ? { declaringTable } : {}),
  });
  return parsed;
}

/**
 * `renameTable('a', 'b')`: an `alter` of the old name carrying the new one, and an `alter` of the
 * new name (the call touches both). Without a readable new name, only the old name's `alter`.
 */
export function pushRename(
  ctx: ExtractContext,
  from: NameArg | undefined,
  to: NameArg | undefined,
  library: string,
  qualifier?: string,
): void {
  const renamed = to && parseTableName(to);
  const old = pushRef(ctx, from, 'alter', library, qualifier);
  if (!renamed) return;
  if (old) {
    const ref = ctx.facts.ormRefs[ctx.facts.ormRefs.length - 1];
    ref.renamedTo = { name: renamed.name, qualifier: renamed.qualifier ?? qualifier, fileSpan: renamed.span };
  }
  pushRef(ctx, to, 'alter', library, qualifier);
}

/** An entity / model / table object that maps `symbol` to a table. */
export function pushDef(
  ctx: ExtractContext,
  library: string,
  symbol: string,
  arg: NameArg | undefined,
  qualifier?: string,
  extra?: Pick<OrmEntityDef, 'view' | 'unsynchronized'>,
): void {
  if (!arg) return;
  const parsed = parseTableName(arg);
  if (!parsed) return;
  const def: OrmEntityDef = { library, symbol, table: parsed.name, fileSpan: parsed.span };
  const q = parsed.qualifier ?? qualifier;
  if (q) def.qualifier = q;
  if (extra?.view) def.view = true;
  if (extra?.unsynchronized) def.unsynchronized = true;
  ctx.facts.ormEntities.push(def);
}

/** A use of an entity symbol (`getRepository(Patient)`), for the project model to resolve through its import. */
export function pushUse(
  ctx: ExtractContext,
  library: string,
  symbolNode: ts.Expression,
  action: TableAction,
  declaringClass?: string,
  joinProperty?: string,
): void {
  const e = unwrapExpression(symbolNode);
  const entity = entitySymbol(ctx, e);
  if (!entity) return;
  ctx.facts.ormEntityUses.push({
    library,
    symbol: entity.symbol,
    action,
    fileSpan: nodeSpan(e, ctx.sf),
    ...(entity.origin ? { origin: entity.origin } : {}),
    ...(declaringClass === undefined ? {} : { declaringClass }),
    ...(joinProperty === undefined ? {} : { joinProperty }),
  });
}

/**
 * The entity an expression names as a use records it: the symbol and the import that decides whose it is — an
 * identifier's own import (none where the file declares it; a parameter or variable is no entity), or for a member
 * of an imported namespace (`entities.Patient`, compiled `folder_1.Folder`) the namespace's import naming the member.
 */
export function entitySymbol(ctx: ExtractContext, symbolNode: ts.Expression): { symbol: string; origin?: OrmOrigin } | undefined {
  const e = unwrapExpression(symbolNode);
  if (isPropertyAccessExpression(e) && isIdentifier(e.expression) && isIdentifier(e.name)) {
    const namespace = originOf(ctx, e.expression);
    if (!namespace || namespace.imported === 'default') return undefined;
    const member = e.name.text;
    const imported = namespace.imported === '*' ? member : `${namespace.imported}.${member}`;
    return { symbol: member, origin: { ...namespace, imported } };
  }
  if (!isIdentifier(e)) return undefined;
  const b = ctx.scopes.lookup(e.text, e);
  if (b && (b.kind === 'param' || b.kind === 'let' || b.kind === 'var')) return undefined;
  const origin = originOf(ctx, e);
  return { symbol: e.text, ...(origin ? { origin } : {}) };
}

/**
 * A static use of a model class the file imports or declares (`Invoice.findAll()`, `Person.relatedQuery('pets')`,
 * Bookshelf's `Listing.where(…)`): any library's model of that name; its import tells which module's it is.
 */
export function pushModelClassUse(ctx: ExtractContext, model: ts.Identifier, action: TableAction, relation?: string): void {
  const origin = originOf(ctx, model);
  ctx.facts.ormEntityUses.push({
    library: '*',
    symbol: model.text,
    action,
    fileSpan: nodeSpan(model, ctx.sf),
    ...(relation !== undefined ? { relation } : {}),
    ...(origin ? { origin } : {}),
  });
}

/**
 * The import that brings `id` into the file (`import { A as B } from 'm'`, `import X from 'm'`,
 * `import * as N from 'm'`, `import X = require('m')`, `const { A } = require('m')`), as the
 * module specifier and the name the module exports; undefined for names the file declares.
 */
export function originOf(ctx: ExtractContext, id: ts.Identifier): OrmOrigin | undefined {
  const binding = ctx.scopes.lookup(id.text, id);
  if (!binding) return undefined;
  const declared = binding.id;
  const at = nodeSpan(declared, ctx.sf);
  const parent = declared.parent;
  if (binding.kind === 'import') {
    if (isImportSpecifier(parent)) {
      const specifier = moduleOf(parent.parent.parent.parent.moduleSpecifier);
      const imported = parent.propertyName ? propertyNameText(parent.propertyName) : parent.name.text;
      return specifier !== undefined && imported !== undefined
        ? { specifier, imported, fileSpan: { start: parent.getStart(ctx.sf), end: parent.end } }
        : undefined;
    }
    if (isImportClause(parent)) {
      const specifier = moduleOf(parent.parent.moduleSpecifier);
      return specifier !== undefined ? { specifier, imported: 'default', fileSpan: at } : undefined;
    }
    if (isNamespaceImport(parent)) {
      const specifier = moduleOf(parent.parent.parent.moduleSpecifier);
      return specifier !== undefined ? { specifier, imported: '*', fileSpan: at } : undefined;
    }
    if (isImportEqualsDeclaration(parent) && isExternalModuleReference(parent.moduleReference)) {
      const specifier = moduleOf(parent.moduleReference.expression);
      return specifier !== undefined ? { specifier, imported: '*', fileSpan: at } : undefined;
    }
    return undefined;
  }
  if (binding.kind !== 'const') return undefined;
  // const X = require('m') / const { A: B } = require('m')
  if (isVariableDeclaration(parent) && parent.name === declared) {
    const specifier = requiredModule(parent.initializer);
    return specifier !== undefined ? { specifier, imported: '*', fileSpan: at } : undefined;
  }
  if (isBindingElement(parent) && isObjectBindingPattern(parent.parent) && isVariableDeclaration(parent.parent.parent)) {
    const specifier = requiredModule(parent.parent.parent.initializer);
    const imported = parent.propertyName ? propertyNameText(parent.propertyName) : isIdentifier(parent.name) ? parent.name.text : undefined;
    return specifier !== undefined && imported !== undefined
      ? { specifier, imported, fileSpan: { start: parent.getStart(ctx.sf), end: parent.end } }
      : undefined;
  }
  return undefined;
}

function moduleOf(expr: ts.Expression | undefined): string | undefined {
  return expr && literalText(expr);
}

/** `require('m')` → 'm'. */
function requiredModule(expr: ts.Expression | undefined): string | undefined {
  if (!expr) return undefined;
  const e = unwrapExpression(expr);
  if (isCallExpression(e) && isIdentifier(e.expression) && e.expression.text === 'require' && e.arguments.length === 1)
    return moduleOf(e.arguments[0]);
  return undefined;
}

export function withSchemaOf(ctx: ExtractContext, chain: Chain): string | undefined {
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
export function declaredName(node: ts.Node): string | undefined {
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

export function objectProp(obj: ts.Expression | undefined, key: string): ts.Expression | undefined {
  if (!obj) return undefined;
  const o = unwrapExpression(obj);
  if (!isObjectLiteralExpression(o)) return undefined;
  for (const p of o.properties) {
    if (isPropertyAssignment(p) && propertyNameText(p.name) === key) return p.initializer;
  }
  return undefined;
}

export function objectHasKey(obj: ts.Expression | undefined, key: string): boolean {
  if (!obj) return false;
  const o = unwrapExpression(obj);
  if (!isObjectLiteralExpression(o)) return false;
  return o.properties.some((p) => (isPropertyAssignment(p) || isShorthandPropertyAssignment(p)) && propertyNameText(p.name) === key);
}

export function booleanProp(obj: ts.Expression | undefined, key: string): boolean | undefined {
  const value = objectProp(obj, key);
  const kind = value && unwrapExpression(value).kind;
  return kind === TrueKeyword ? true : kind === FalseKeyword ? false : undefined;
}

export function isPascal(name: string): boolean {
  return /^[A-Z]/.test(name);
}

export function isPlainIdentifier(e: ts.Expression | undefined): e is ts.Identifier {
  return !!e && isIdentifier(unwrapExpression(e));
}

/** An entity passed as an argument: `Patient`, or a member of a namespace, `entities.Patient` (see pushUse). */
export function isEntityReference(e: ts.Expression | undefined): e is ts.Expression {
  if (!e) return false;
  const u = unwrapExpression(e);
  return isIdentifier(u) || (isPropertyAccessExpression(u) && isIdentifier(u.expression) && isIdentifier(u.name));
}

/** The class name an entity reference ends in (`Patient` for `entities.Patient`). */
export function entityReferenceName(e: ts.Expression): string {
  const u = unwrapExpression(e);
  return isPropertyAccessExpression(u) ? u.name.text : (u as ts.Identifier).text;
}

/** The call's method and receiver when its callee is `receiver.method`. */
export interface MemberCall {
  call: ts.CallExpression;
  method: string;
  receiver: ts.Expression;
  /** The call's arguments; for a bound method (`db.createTable.bind(db, 't', …)`) those the `bind` fixes. */
  args: readonly ts.Expression[];
}

/**
 * A snake_case identifier mapper the query builder is built with (`new CamelCasePlugin({ underscoreBeforeDigits: true })`,
 * `knexSnakeCaseMappers()`), with the options its literal sets (an option set otherwise is the library's default).
 */
export function pushSnakeCaseMapper(
  ctx: ExtractContext,
  plugin: SnakeCaseMapper['plugin'],
  at: ts.Node,
  options: ts.Expression | undefined,
): void {
  const mapper: SnakeCaseMapper = { plugin, fileSpan: nodeSpan(at, ctx.sf) };
  for (const key of ['upperCase', 'underscoreBeforeDigits', 'underscoreBetweenUppercaseLetters'] as const) {
    const value = booleanProp(options, key);
    if (value !== undefined) mapper[key] = value;
  }
  (ctx.facts.snakeCaseMappers ??= []).push(mapper);
}
