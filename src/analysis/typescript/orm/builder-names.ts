/**
 * Names a query builder gives itself, which are no tables (issue 14, HELDOUT9 #7 and #10):
 *
 * - common table expressions: knex's and Kysely's `.with('name', …)`, `.withRecursive('name', ['col'], cb)`,
 *   `.withMaterialized(…)`, `.withNotMaterialized(…)` (Kysely's `'name(col, …)'` too), TypeORM's
 *   `.addCommonTableExpression(query, 'name', { recursive: true })`. The name is the builder's own in the
 *   function that declares it (in a class, its methods compose one query: the class), so `.from('name')`,
 *   `.join('name', …)` and the raw SQL there (`db.raw('select … from final_ranks')`, `joinRaw('CROSS JOIN
 *   range')`) read no table by that bare name;
 * - TypeORM's relation joins: `leftJoin('folder.tags', 'tags')` names the relation `tags` of the alias
 *   `folder`, which the file gives a query builder (`createQueryBuilder('folder')`, or an earlier join's
 *   alias). A `schema.table` whose first part is no such alias stays a table.
 */
import ts from '../ts.js';
import type { Span } from '../../facts.js';
import { lastName, type ExtractContext } from '../context.js';
import { unwrapExpression } from '../scope.js';
import { literalText as cookedLiteral } from '../literals.js';
import { JOIN_METHODS } from '../vocabulary.js';

const { isCallExpression, isClassLike, isFunctionLike, isPropertyAccessExpression } = ts;

const CTE_METHODS = new Set(['with', 'withRecursive', 'withMaterialized', 'withNotMaterialized']);
const TYPEORM_CTE = 'addCommonTableExpression';
const JOINS = new Set(['join', ...JOIN_METHODS, 'leftJoinAndMapOne', 'leftJoinAndMapMany', 'innerJoinAndMapOne', 'innerJoinAndMapMany']);
const IDENTIFIER = /^[A-Za-z_][\w$]*$/;
/** `name` or Kysely's `name(col1, col2)`. */
// One optional run of spaces per place: two adjacent `\s*` (before and after an absent column list) backtrack quadratically.
const CTE_NAME = /^\s*([A-Za-z_][\w$]*)\s*(?:\([^()]*\)\s*)?$/;

/** A (parenthesised, cast) string literal's text. */
function literalText(expr: ts.Expression | undefined): string | undefined {
  return expr ? cookedLiteral(unwrapExpression(expr)) : undefined;
}

/** The function (or, inside a class, the class) a builder's names belong to; the file at top level. */
function scopeOf(node: ts.Node, sf: ts.SourceFile): Span {
  let fn: ts.Node | undefined;
  for (let p = node.parent; p; p = p.parent) {
    if (isClassLike(p)) return { start: p.getStart(sf), end: p.end };
    if (!fn && isFunctionLike(p)) fn = p;
  }
  return fn ? { start: fn.getStart(sf), end: fn.end } : { start: 0, end: sf.end };
}

export interface BuilderCte {
  /** Lower-cased. */
  name: string;
  scope: Span;
}

/** The CTE names the file's builder calls declare, each with the span it holds in. */
export function builderCtes(ctx: ExtractContext, calls: ReadonlyArray<ts.CallExpression | ts.NewExpression>): BuilderCte[] {
  const out: BuilderCte[] = [];
  for (const call of calls) {
    if (!isCallExpression(call) || !isPropertyAccessExpression(call.expression)) continue;
    const method = call.expression.name.text;
    const arg = CTE_METHODS.has(method) ? call.arguments[0] : method === TYPEORM_CTE ? call.arguments[1] : undefined;
    // knex's and Kysely's `with` take the name and a body (a callback, a builder, a raw); one argument is something else.
    if (CTE_METHODS.has(method) && call.arguments.length < 2) continue;
    const m = CTE_NAME.exec(literalText(arg) ?? '');
    if (m) out.push({ name: m[1].toLowerCase(), scope: scopeOf(call, ctx.sf) });
  }
  return out;
}

/** Whether the bare name `name` at `at` is a CTE a builder declares around it. */
export function isBuilderCte(ctes: readonly BuilderCte[], name: string, at: Span): boolean {
  const lower = name.toLowerCase();
  return ctes.some((c) => c.name === lower && c.scope.start <= at.start && at.end <= c.scope.end);
}

const aliasCache = new WeakMap<ts.SourceFile, Set<string>>();

/**
 * The aliases the file gives TypeORM query builders: string arguments of `createQueryBuilder(…)`, a
 * join's alias (its second argument, a bare identifier, when the first is a relation path or an
 * entity) and `.from(Entity, 'alias')`'s.
 */
function builderAliases(sf: ts.SourceFile): Set<string> {
  const cached = aliasCache.get(sf);
  if (cached) return cached;
  const aliases = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (isCallExpression(node)) {
      const method = lastName(node.expression);
      if (method === 'createQueryBuilder') {
        for (const a of node.arguments) {
          const text = literalText(a);
          if (text !== undefined && IDENTIFIER.test(text)) aliases.add(text);
        }
      } else if (method !== undefined && (JOINS.has(method) || method === 'from' || method === 'addFrom')) {
        const first = node.arguments[0] && unwrapExpression(node.arguments[0]);
        const second = literalText(node.arguments[1]);
        const firstText = literalText(first);
        const relationOrEntity = firstText === undefined ? first !== undefined && !isFunctionLike(first) : firstText.includes('.');
        if (second !== undefined && IDENTIFIER.test(second) && relationOrEntity) aliases.add(second);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  aliasCache.set(sf, aliases);
  return aliases;
}

/** `leftJoin('folder.tags', 'tags')` where `folder` is an alias the file gives a query builder: a relation, no table. */
export function isRelationJoin(ctx: ExtractContext, path: string, aliasArg: ts.Expression | undefined): boolean {
  const dot = path.indexOf('.');
  if (dot <= 0 || path.indexOf('.', dot + 1) >= 0) return false;
  const alias = literalText(aliasArg);
  if (alias === undefined || !IDENTIFIER.test(alias)) return false;
  return builderAliases(ctx.sf).has(path.slice(0, dot));
}
