/**
 * Names a query builder gives itself, which are no tables (issue 14, HELDOUT9 #7 and #10):
 *
 * - common table expressions: knex's and Kysely's `.with('name', …)`, `.withRecursive('name', ['col'], cb)`,
 *   `.withMaterialized(…)`, `.withNotMaterialized(…)` (Kysely's `'name(col, …)'` too), TypeORM's
 *   `.addCommonTableExpression(query, 'name', { recursive: true })`, and a query option listing them (Ghost's
 *   `findPage({ cte: [{ name: 'PostClicks', query }] })`). The name is the builder's own in the
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

/** The property of a CTE option object that holds its SQL (`{ name: 'PostClicks', query: postClicksQuery }`). */
const CTE_OPTION_QUERY = new Set(['query', 'sql']);

/**
 * The CTEs a query's options list (Ghost's Bookshelf `findPage({ cte: [{ name: 'PostClicks', query }, …] })`, which its
 * crud plugin turns into `qb.with(cte.name, qb.client.raw(cte.query))`): each element, or the one object, of a `cte` /
 * `ctes` property with a literal `name` and a `query` (or `sql`). `properties` are the file's property assignments so named.
 */
export function optionCtes(ctx: ExtractContext, properties: readonly ts.PropertyAssignment[]): BuilderCte[] {
  const out: BuilderCte[] = [];
  for (const property of properties) {
    const value = unwrapExpression(property.initializer);
    const elements = ts.isArrayLiteralExpression(value) ? value.elements : [value];
    for (const element of elements) {
      const object = unwrapExpression(element);
      if (!ts.isObjectLiteralExpression(object)) continue;
      let name: string | undefined;
      let query = false;
      for (const p of object.properties) {
        if (!p.name || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) continue;
        if (p.name.text === 'name' && ts.isPropertyAssignment(p)) name = literalText(p.initializer);
        else if (CTE_OPTION_QUERY.has(p.name.text)) query = true;
      }
      if (name !== undefined && query && IDENTIFIER.test(name)) out.push({ name: name.toLowerCase(), scope: scopeOf(object, ctx.sf) });
    }
  }
  return out;
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

const contains = (outer: Span, inner: Span) => outer.start <= inner.start && inner.end <= outer.end;

/** A word of SQL text that can be a CTE's bare name (CTE_NAME's identifiers). */
const WORD = /[A-Za-z_][\w$]*/g;

/**
 * A file's builder CTEs grouped by the scope they hold in, once: a lookup walks the scopes around a span (as deep
 * as functions nest), never every CTE, so 5,000 `.with(…)` calls and their 5,000 references stay linear.
 */
export class BuilderCteScopes {
  /** Distinct scopes, by start (an outer one before an inner one of the same start), each with its parent's index. */
  private readonly scopes: Array<{ span: Span; names: Set<string>; parent: number }> = [];

  constructor(ctes: readonly BuilderCte[]) {
    const byScope = new Map<string, { span: Span; names: Set<string> }>();
    for (const c of ctes) {
      const key = `${c.scope.start}:${c.scope.end}`;
      let scope = byScope.get(key);
      if (!scope) byScope.set(key, (scope = { span: c.scope, names: new Set() }));
      scope.names.add(c.name);
    }
    const sorted = [...byScope.values()].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
    const open: number[] = [];
    for (const scope of sorted) {
      while (open.length > 0 && !contains(this.scopes[open[open.length - 1]].span, scope.span)) open.pop();
      this.scopes.push({ ...scope, parent: open.length > 0 ? open[open.length - 1] : -1 });
      open.push(this.scopes.length - 1);
    }
  }

  /**
   * The name sets of the scopes around `at`, innermost first. Functions and classes nest, so every scope around `at`
   * is the last one starting at or before it or one of that one's ancestors.
   */
  private around(at: Span): Array<Set<string>> {
    let lo = 0;
    let hi = this.scopes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.scopes[mid].span.start <= at.start) lo = mid + 1;
      else hi = mid;
    }
    const out: Array<Set<string>> = [];
    for (let i = lo - 1; i >= 0; i = this.scopes[i].parent) if (contains(this.scopes[i].span, at)) out.push(this.scopes[i].names);
    return out;
  }

  /** Whether the bare name `name` at `at` is a CTE a builder declares around it. */
  declares(name: string, at: Span): boolean {
    const lower = name.toLowerCase();
    return this.around(at).some((names) => names.has(lower));
  }

  /**
   * The CTEs declared around a SQL site that its text names (lower-cased): the ones a reference in it can be to. Read
   * word by word, so a site costs its own length, not the number of CTEs around it.
   */
  mentionedAt(text: string, at: Span): string[] {
    const around = this.around(at);
    if (around.length === 0) return [];
    const out = new Set<string>();
    for (const [word] of text.matchAll(WORD)) {
      const lower = word.toLowerCase();
      if (around.some((names) => names.has(lower))) out.add(lower);
    }
    return [...out];
  }
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
