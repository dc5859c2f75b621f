import ts from './ts.js';
import type { ScriptFacts, Span } from '../facts.js';
import type { Scopes } from './scope.js';

// The `typescript` export object and its enums are in dictionary mode: each `ts.x` / `SyntaxKind.X`
// access is a hash lookup, so the ones used per node are read once here.
const {
  isAsExpression,
  isAwaitExpression,
  isCallExpression,
  isElementAccessExpression,
  isIdentifier,
  isNoSubstitutionTemplateLiteral,
  isNonNullExpression,
  isParenthesizedExpression,
  isPrivateIdentifier,
  isPropertyAccessExpression,
  isStringLiteral,
  isTaggedTemplateExpression,
} = ts;

/** What the per-topic extractors share during one file's walk. */
export interface ExtractContext {
  readonly sf: ts.SourceFile;
  readonly text: string;
  readonly scopes: Scopes;
  readonly facts: ScriptFacts;
  /** Drizzle table constants defined in this file (`const patients = pgTable('patients', …)`). */
  readonly drizzleTables: Set<string>;
}

export function nodeSpan(node: ts.Node, sf: ts.SourceFile): Span {
  return { start: node.getStart(sf), end: node.end };
}

/** Callee as written, with line breaks inside member chains removed (`this.db\n  .query` → `this.db.query`). */
export function calleeText(expr: ts.Expression, sf: ts.SourceFile): string {
  const raw = expr.getText(sf);
  const text =
    raw.includes('\n') || raw.includes('\r')
      ? raw.replace(/\s+/g, (space) => (space.includes('\n') || space.includes('\r') ? '' : space))
      : raw;
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/**
 * `db.createTable.bind(db, 'projects', {…})`: the method a `.bind` call fixes to its own receiver, and the
 * arguments it fixes — db-migrate's `async.series([db.createTable.bind(db, …), db.runSql.bind(db, 'INSERT …')], cb)`
 * runs exactly `db.createTable('projects', {…})`. Only a `bind` whose first argument is the method's receiver as
 * written (`db`, `this.db`, `this`): another `this` binds another object's method, which the call does not show.
 */
export function boundMethodCall(
  call: ts.CallExpression,
  sf: ts.SourceFile,
): { callee: ts.PropertyAccessExpression; method: string; receiver: ts.Expression; args: readonly ts.Expression[] } | undefined {
  const bind = call.expression;
  if (!isPropertyAccessExpression(bind) || bind.name.text !== 'bind' || call.arguments.length < 2) return undefined;
  let callee: ts.Expression = bind.expression;
  while (isParenthesizedExpression(callee)) callee = callee.expression;
  if (!isPropertyAccessExpression(callee)) return undefined;
  let receiver: ts.Expression = callee.expression;
  while (isParenthesizedExpression(receiver)) receiver = receiver.expression;
  if (calleeText(receiver, sf) !== calleeText(call.arguments[0], sf)) return undefined;
  return { callee, method: callee.name.text, receiver, args: call.arguments.slice(1) };
}

/** Last name of a callee: `query` for `this.db.query`, `run` for `run`. */
export function lastName(expr: ts.Expression): string | undefined {
  let e = expr;
  while (isParenthesizedExpression(e) || isNonNullExpression(e)) e = e.expression;
  if (isIdentifier(e) || isPrivateIdentifier(e)) return e.text;
  if (isPropertyAccessExpression(e)) return e.name.text;
  if (isElementAccessExpression(e)) {
    const a = e.argumentExpression;
    if (isStringLiteral(a) || isNoSubstitutionTemplateLiteral(a)) return a.text;
  }
  return undefined;
}

/** Leftmost identifier of a member / call chain (`knex` for `knex('t').where(…).first`). */
export function rootIdentifier(expr: ts.Expression): ts.Identifier | undefined {
  let e: ts.Expression = expr;
  for (let guard = 0; guard < 200; guard++) {
    if (isIdentifier(e)) return e;
    if (
      isPropertyAccessExpression(e) ||
      isElementAccessExpression(e) ||
      isCallExpression(e) ||
      isNonNullExpression(e) ||
      isParenthesizedExpression(e) ||
      isAwaitExpression(e) ||
      isAsExpression(e)
    ) {
      e = e.expression;
    } else if (isTaggedTemplateExpression(e)) {
      e = e.tag;
    } else return undefined;
  }
  return undefined;
}
