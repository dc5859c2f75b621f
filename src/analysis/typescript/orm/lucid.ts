/**
 * AdonisJS Lucid models: `class Product extends BaseModel` (or `extends compose(BaseModel, …)`)
 * with `BaseModel` from `@adonisjs/lucid/orm` (v6) or `@ioc:Adonis/Lucid/Orm` (v5) maps to
 * `static table = 'products'`, else to Lucid's default: its naming strategy's
 * `pluralize(snakeCase(className))` (`OrderItem` → `order_items`). Like an Objection model it
 * declares no table — Lucid migrations (knex's schema builder, read there) create it — so a
 * model of another app's table maps to that app's table instead of co-owning it. Uses are model
 * statics (`Product.query()`, `Product.findOrFail(id)`, model-statics.ts).
 */
import ts from '../ts.js';
import type { ExtractContext } from '../context.js';
import { nodeSpan } from '../context.js';
import { pluralize } from '../inflection.js';
import { hasModifier, propertyNameText, unwrapExpression } from '../scope.js';
import { typeormTableName } from './naming.js';
import { nameArg, originOf, parseTableName } from './shared.js';

const {
  isArrayLiteralExpression,
  isArrowFunction,
  isBlock,
  isCallExpression,
  isIdentifier,
  isPropertyAccessExpression,
  isPropertyDeclaration,
} = ts;
const { StaticKeyword, ExtendsKeyword } = ts.SyntaxKind;

const LIBRARY = 'lucid';
const LUCID_MODULES = new Set(['@adonisjs/lucid/orm', '@ioc:Adonis/Lucid/Orm']);

/** `class X extends BaseModel { static table = '…' }`: the mapping to its table. */
export function lucidModel(ctx: ExtractContext, node: ts.ClassLikeDeclaration): boolean {
  const symbol = node.name?.text;
  if (!symbol || !isLucidModel(ctx, node)) return false;
  lucidRelations(ctx, node, symbol);
  for (const member of node.members) {
    if (!member.name || !hasModifier(member, StaticKeyword) || propertyNameText(member.name) !== 'table') continue;
    // `static table = 'products'`; a table the file cannot read leaves the class unmapped rather than mapped wrongly.
    const arg = isPropertyDeclaration(member) ? nameArg(ctx, member.initializer) : undefined;
    const parsed = arg && parseTableName(arg);
    if (!parsed) return true;
    ctx.facts.ormEntities.push({
      library: LIBRARY,
      symbol,
      table: parsed.name,
      ...(parsed.qualifier ? { qualifier: parsed.qualifier } : {}),
      fileSpan: parsed.span,
      mapsOnly: true,
    });
    return true;
  }
  ctx.facts.ormEntities.push({
    library: LIBRARY,
    symbol,
    table: lucidTableName(symbol),
    fileSpan: nodeSpan(node.name, ctx.sf),
    mapsOnly: true,
  });
  return true;
}

/** Lucid's `SnakeCaseNamingStrategy.tableName`: `Product` → `products`, `OrderItem` → `order_items`, `Category` → `categories`. */
export function lucidTableName(className: string): string {
  return pluralize(typeormTableName(className));
}

/**
 * `extends BaseModel` / `extends compose(BaseModel, SoftDeletes)` with `BaseModel` imported from
 * Lucid, or — for a model extending the app's own base class (`class User extends AppBaseModel`) —
 * a member decorated by Lucid's `@column` / `@column.dateTime` / relation decorators.
 */
function isLucidModel(ctx: ExtractContext, node: ts.ClassLikeDeclaration): boolean {
  const clause = node.heritageClauses?.find((h) => h.token === ExtendsKeyword);
  let base = clause?.types[0] && unwrapExpression(clause.types[0].expression);
  if (!base) return false;
  if (isCallExpression(base) && isIdentifier(base.expression) && base.expression.text === 'compose')
    base = base.arguments[0] && unwrapExpression(base.arguments[0]);
  if (base && isIdentifier(base) && importedFromLucid(ctx, base)) return true;
  return node.members.some((member) => ts.canHaveDecorators(member) && ts.getDecorators(member)?.some((d) => lucidDecorator(ctx, d)));
}

function lucidDecorator(ctx: ExtractContext, decorator: ts.Decorator): boolean {
  let e = unwrapExpression(decorator.expression);
  if (isCallExpression(e)) e = unwrapExpression(e.expression);
  if (isPropertyAccessExpression(e)) e = unwrapExpression(e.expression);
  return isIdentifier(e) && importedFromLucid(ctx, e);
}

function importedFromLucid(ctx: ExtractContext, id: ts.Identifier): boolean {
  const origin = originOf(ctx, id);
  return origin !== undefined && LUCID_MODULES.has(origin.specifier);
}

/** Lucid's relation decorators; for `hasManyThrough([() => Related, () => Through])` the related model comes first. */
const RELATION_DECORATORS = new Set(['hasMany', 'hasOne', 'belongsTo', 'manyToMany', 'hasManyThrough']);

/** `@hasMany(() => Variant) declare variants: HasMany<typeof Variant>`: relation `variants` of the model, to Variant. */
function lucidRelations(ctx: ExtractContext, node: ts.ClassLikeDeclaration, owner: string): void {
  for (const member of node.members) {
    if (!isPropertyDeclaration(member) || !isIdentifier(member.name)) continue;
    for (const decorator of ts.getDecorators(member) ?? []) {
      const call = unwrapExpression(decorator.expression);
      if (!isCallExpression(call) || !isIdentifier(call.expression) || !RELATION_DECORATORS.has(call.expression.text)) continue;
      if (!importedFromLucid(ctx, call.expression)) continue;
      let first = call.arguments[0] && unwrapExpression(call.arguments[0]);
      if (first && isArrayLiteralExpression(first)) first = first.elements[0] && unwrapExpression(first.elements[0]);
      const target = first && isArrowFunction(first) && !isBlock(first.body) ? unwrapExpression(first.body) : undefined;
      if (!target || !isIdentifier(target)) continue;
      const targetOrigin = originOf(ctx, target);
      (ctx.facts.ormRelations ??= []).push({
        library: LIBRARY,
        owner,
        name: member.name.text,
        target: target.text,
        ...(targetOrigin ? { targetOrigin } : {}),
        fileSpan: nodeSpan(member.name, ctx.sf),
      });
    }
  }
}
