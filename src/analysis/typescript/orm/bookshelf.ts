/**
 * Bookshelf.js models (knex-based, like Objection): `bookshelf.model('Listing', { tableName: 'listings' })`
 * (the registry), `bookshelf.Model.extend({ tableName: 'reviews' })` and `class Review extends
 * bookshelf.Model { get tableName() { return 'reviews'; } }` map a model to a table knex migrations
 * create, so a definition only maps (a model of another service's table is an access, not a second
 * owner). Uses are the model's statics and instances (`Listing.where({ id }).fetch()`, `Listing.forge(…).save()`,
 * `new Listing({ id }).destroy()`) and the registry's `bookshelf.model('Listing')`, with the action their
 * chain shows.
 */
import ts from '../ts.js';
import type { TableAction } from '../../facts.js';
import { nodeSpan, type ExtractContext } from '../context.js';
import { hasModifier, propertyNameText, unwrapExpression } from '../scope.js';
import { chainOf, declaredName, isPascal, nameArg, objectProp, pushModelClassUse, type MemberCall, type NameArg } from './shared.js';

const { isGetAccessorDeclaration, isIdentifier, isNewExpression, isPropertyAccessExpression, isPropertyDeclaration, isReturnStatement } =
  ts;
const { ExtendsKeyword, StaticKeyword } = ts.SyntaxKind;

const LIBRARY = 'bookshelf';
const TABLE = /^[A-Za-z_][\w$]*(?:\.[A-Za-z_][\w$]*)?$/;

/** Model statics that start a query on the model's table (`forge` builds an instance). */
const STATICS = new Set(['forge', 'where', 'fetchAll', 'fetchPage', 'collection', 'count']);
/** Instance methods that run a query on the model's table. */
const INSTANCE = new Set(['fetch', 'fetchAll', 'fetchPage', 'save', 'destroy', 'load', 'count']);

/** What a Bookshelf chain does: `save` writes (an update with `{ patch: true }` or `{ method: 'update' }`), `destroy` deletes, the rest reads. */
function chainAction(call: ts.CallExpression): TableAction {
  for (const c of chainOf(call).calls) {
    const callee = unwrapExpression(c.expression);
    const method = isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (method === 'destroy') return 'delete';
    if (method === 'save') {
      const options = c.arguments[1];
      const patch = objectProp(options, 'patch');
      const how = objectProp(options, 'method');
      const updates =
        (patch !== undefined && patch.kind === ts.SyntaxKind.TrueKeyword) ||
        (how !== undefined && ts.isStringLiteral(how) && how.text === 'update');
      return updates ? 'update' : 'insert';
    }
  }
  return 'select';
}

function pushDefinition(ctx: ExtractContext, symbol: string, table: NameArg): void {
  const dot = table.value.indexOf('.');
  const fileSpan = table.exactAt !== undefined ? { start: table.exactAt, end: table.exactAt + table.value.length } : table.span;
  ctx.facts.ormEntities.push(
    dot > 0
      ? { library: LIBRARY, symbol, table: table.value.slice(dot + 1), qualifier: table.value.slice(0, dot), fileSpan, mapsOnly: true }
      : { library: LIBRARY, symbol, table: table.value, fileSpan, mapsOnly: true },
  );
}

/** The `tableName` of a model's prototype properties (`{ tableName: 'listings', … }`), when it names a table. */
function tableNameOf(ctx: ExtractContext, properties: ts.Expression | undefined): NameArg | undefined {
  const table = nameArg(ctx, objectProp(properties, 'tableName'));
  return table && TABLE.test(table.value) ? table : undefined;
}

/**
 * `bookshelf.model('Listing', { tableName })` and `bookshelf.Model.extend({ tableName })`: a definition (under
 * the registry name and the variable it is assigned to); `bookshelf.model('Listing')` in a chain: a use of the
 * registered model; `Listing.where(…)` / `new Listing(…).fetch()`: a use of a model.
 */
export function bookshelfCall(ctx: ExtractContext, c: MemberCall): boolean {
  const { method, receiver, args, call } = c;
  if (method === 'model' && args.length >= 1) {
    const name = nameArg(ctx, args[0]);
    if (!name || !isPascal(name.value)) return false;
    if (args.length >= 2) {
      const table = tableNameOf(ctx, args[1]);
      if (!table) return false;
      pushDefinition(ctx, name.value, table);
      const variable = declaredName(call);
      if (variable !== undefined && variable !== name.value) pushDefinition(ctx, variable, table);
      return true;
    }
    // The registry's model: a use where a query runs on it (`bookshelf.model('Listing').where(…).fetch()`).
    const above = chainOf(call).above;
    if (!above.some((m) => STATICS.has(m) || INSTANCE.has(m) || m === 'query')) return false;
    ctx.facts.ormEntityUses.push({ library: LIBRARY, symbol: name.value, action: chainAction(call), fileSpan: nodeSpan(args[0], ctx.sf) });
    return true;
  }
  if (method === 'extend' && isPropertyAccessExpression(receiver) && receiver.name.text === 'Model') {
    const table = tableNameOf(ctx, args[0]);
    const symbol = declaredName(call);
    if (!table || symbol === undefined) return false;
    pushDefinition(ctx, symbol, table);
    return true;
  }
  // new Listing({ id }).fetch() / .save() / .destroy()
  if (INSTANCE.has(method)) {
    const target = unwrapExpression(receiver);
    if (!isNewExpression(target) || !isIdentifier(target.expression) || !isPascal(target.expression.text)) return false;
    pushModelClassUse(ctx, target.expression, chainAction(call));
    return true;
  }
  return false;
}

/** `Listing.where({ id }).fetch()`, `Listing.forge(attrs).save()`: a static of a model, with its chain's action. */
export function bookshelfStaticCall(ctx: ExtractContext, c: MemberCall): boolean {
  if (!STATICS.has(c.method) || !isIdentifier(c.receiver) || !isPascal(c.receiver.text)) return false;
  pushModelClassUse(ctx, c.receiver, chainAction(c.call));
  return true;
}

/** `class Review extends bookshelf.Model { get tableName() { return 'reviews'; } }` (an instance member, unlike Objection's static one). */
export function bookshelfClass(ctx: ExtractContext, node: ts.ClassLikeDeclaration): boolean {
  const base = node.heritageClauses?.find((h) => h.token === ExtendsKeyword)?.types[0]?.expression;
  if (!base || !isPropertyAccessExpression(base) || base.name.text !== 'Model') return false;
  const symbol = node.name?.text ?? declaredName(node);
  if (!symbol) return false;
  for (const member of node.members) {
    if (!member.name || propertyNameText(member.name) !== 'tableName') continue;
    if (hasModifier(member, StaticKeyword)) return false;
    const value = isPropertyDeclaration(member)
      ? member.initializer
      : isGetAccessorDeclaration(member) && member.body?.statements.length === 1 && isReturnStatement(member.body.statements[0])
        ? member.body.statements[0].expression
        : undefined;
    const table = nameArg(ctx, value);
    if (!table || !TABLE.test(table.value)) return false;
    pushDefinition(ctx, symbol, table);
    return true;
  }
  return false;
}
