/**
 * Decorators as compilers emit them. A package that ships its compiled JavaScript (n8n's `@n8n/db`, most published
 * TypeORM / sequelize-typescript code) has no `@Entity()` left: tsc writes
 * `X = __decorate([(0, typeorm_1.Entity)()], X)` (tslib: `(0, tslib_1.__decorate)(…)`), swc `_ts_decorate([…], X)`,
 * esbuild `__decorateClass([…], X)`, each with `X.prototype, 'name'` after the list for a member's decorators and
 * `__param(0, dec)` for a parameter's; Babel's legacy plugin writes `(_dec = Entity(), _dec(_class = class X {}) || _class)`.
 * Each decorator so applied is read as the source decorator it was (index.ts `ormFromDecoratorExpression`), on the
 * class the call names: the same entity, table and uses as `@Entity()` on `class X` gives.
 */
import ts from '../ts.js';
import { unwrapExpression } from '../scope.js';

const {
  isArrayLiteralExpression,
  isBinaryExpression,
  isBlock,
  isCallExpression,
  isClassDeclaration,
  isClassExpression,
  isIdentifier,
  isNumericLiteral,
  isParenthesizedExpression,
  isPropertyAccessExpression,
  isSourceFile,
  isVariableStatement,
} = ts;
const { CommaToken, EqualsToken } = ts.SyntaxKind;

/** The class a decorator applies to: the name TypeORM and the others read, and its declaration where the file shows it. */
export interface DecoratedClass {
  name: ts.Identifier;
  node?: ts.ClassLikeDeclaration;
}

/** A class member some decorators apply to: the class declaring it, and every decorator on it (`@ManyToOne(…) @JoinColumn(…)`). */
export interface DecoratedMember {
  cls: ts.Identifier;
  decorators: readonly ts.Expression[];
  /** The member's name, when written as one (`categories`, compiled `X.prototype, 'categories'`). */
  name?: string;
}

/** One decorator a compiled helper applies, and the class when it decorates the class itself (not a member or parameter). */
export interface AppliedDecorator {
  expression: ts.Expression;
  target: DecoratedClass | undefined;
  /** When it decorates a member (`X.prototype, 'name'`, or `X, 'name'` for a static one): the member. */
  member?: DecoratedMember;
}

/** tsc / tslib, esbuild and swc's helpers applying a list of decorators. */
const DECORATE_HELPERS = new Set(['__decorate', '__decorateClass', '_ts_decorate']);
/** Their parameter-decorator wrappers: `__param(0, InjectRepository(User))`. */
const PARAM_HELPERS = new Set(['__param', '__decorateParam', '_ts_param']);

/**
 * The function a compiled call calls: `(0, typeorm_1.Entity)` (tsc's call without a `this`) is `typeorm_1.Entity`.
 * Any other comma expression is what it is.
 */
export function indirectCallee(expr: ts.Expression): ts.Expression {
  const e = unwrapExpression(expr);
  if (isBinaryExpression(e) && e.operatorToken.kind === CommaToken && isZero(e.left)) return unwrapExpression(e.right);
  return e;
}

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = indirectCallee(call.expression);
  if (isIdentifier(callee)) return callee.text;
  if (isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/**
 * The decorators a compiled helper call applies (`__decorate([…], X)`, `__decorateClass([…], X.prototype, 'name', 2)`,
 * Babel's `_dec(_class = class X {})`), or undefined when `call` is none.
 */
export function compiledDecorators(call: ts.CallExpression): AppliedDecorator[] | undefined {
  const name = calleeName(call);
  if (name === undefined || name.charCodeAt(0) !== 95 /* _ */) return undefined;
  if (DECORATE_HELPERS.has(name)) return helperDecorators(call);
  if (/^_dec\d*$/.test(name)) return babelClassDecorator(call);
  return undefined;
}

function helperDecorators(call: ts.CallExpression): AppliedDecorator[] | undefined {
  const [list, target] = call.arguments;
  const decorators = list && unwrapExpression(list);
  if (!decorators || !isArrayLiteralExpression(decorators) || !target) return undefined;
  // Two arguments decorate the class; a member's decorators come with `X.prototype` (or `X`, static) and its name.
  const cls =
    call.arguments.length === 2 && isIdentifier(unwrapExpression(target))
      ? decoratedClass(unwrapExpression(target) as ts.Identifier, call)
      : undefined;
  const member = cls ? undefined : decoratedMember(call, decorators.elements);
  const applied: AppliedDecorator[] = [];
  for (const element of decorators.elements) {
    const e = unwrapExpression(element);
    if (isCallExpression(e) && PARAM_HELPERS.has(calleeName(e) ?? '')) {
      if (e.arguments[1]) applied.push({ expression: e.arguments[1], target: undefined });
    } else applied.push({ expression: e, target: cls, ...(member ? { member } : {}) });
  }
  return applied;
}

/** The member of `__decorate([…], X.prototype, 'name', void 0)` (or `X, 'name'`, static): its class and decorators. */
function decoratedMember(call: ts.CallExpression, decorators: ts.NodeArray<ts.Expression>): DecoratedMember | undefined {
  const [, target, name] = call.arguments;
  if (!name || !ts.isStringLiteral(name)) return undefined;
  let owner = unwrapExpression(target);
  if (isPropertyAccessExpression(owner) && owner.name.text === 'prototype') owner = unwrapExpression(owner.expression);
  if (!isIdentifier(owner)) return undefined;
  return { cls: decoratedClass(owner, call).name, decorators: decorators.map(unwrapExpression), name: name.text };
}

/**
 * Babel's legacy decorators: `let X = (_dec = (0, _typeorm.Entity)(), _dec(_class = class X {}) || _class)`: the
 * decorator is the value assigned to `_dec` earlier in the same comma list, the class the argument.
 */
function babelClassDecorator(call: ts.CallExpression): AppliedDecorator[] | undefined {
  const callee = unwrapExpression(call.expression);
  const arg = call.arguments[0];
  if (!isIdentifier(callee) || !arg) return undefined;
  const cls = assignedValue(arg);
  if (!isClassExpression(cls)) return undefined;
  const name = cls.name ?? declaredVariable(call);
  if (!name) return undefined;
  // Up the comma list the call is the last part of: `(_dec = E, _dec2 = F, _dec(…) || _class)`.
  let node: ts.Node = call;
  while (isBinaryExpression(node.parent) || isParenthesizedExpression(node.parent)) {
    node = node.parent;
    if (!isBinaryExpression(node) || node.operatorToken.kind !== CommaToken) continue;
    for (const part of commaParts(node.left)) {
      if (isBinaryExpression(part) && part.operatorToken.kind === EqualsToken && isIdentifier(part.left) && part.left.text === callee.text)
        return [{ expression: part.right, target: { name, node: cls } }];
    }
  }
  return undefined;
}

function commaParts(expr: ts.Expression): ts.Expression[] {
  const e = unwrapExpression(expr);
  return isBinaryExpression(e) && e.operatorToken.kind === CommaToken ? [...commaParts(e.left), ...commaParts(e.right)] : [e];
}

/**
 * `_class = X_1 = class X {}` → the class expression; Babel's class with decorated members is the first part of a comma
 * list (`_class = (_class2 = class X {}, (_descriptor = …), _class2)`).
 */
function assignedValue(expr: ts.Expression): ts.Expression {
  let e = unwrapExpression(expr);
  for (;;) {
    if (isBinaryExpression(e) && e.operatorToken.kind === EqualsToken) e = unwrapExpression(e.right);
    else if (isBinaryExpression(e) && e.operatorToken.kind === CommaToken) e = commaParts(e)[0];
    else return e;
  }
}

/** The variable a class expression initialises (`let X = (… class {} …)`), when the call sits in its initializer. */
function declaredVariable(node: ts.Node): ts.Identifier | undefined {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (ts.isVariableDeclaration(n)) return isIdentifier(n.name) ? n.name : undefined;
    if (ts.isStatement(n)) return undefined;
  }
  return undefined;
}

/**
 * The class `X` of `__decorate([…], X)`: `class X {}` or `let X = class X {}` (`let X = X_1 = class X {}` when it refers to
 * itself) among the statements around the call. Its name is the class expression's own, as TypeORM reads `X.name`.
 */
function decoratedClass(id: ts.Identifier, call: ts.Node): DecoratedClass {
  let scope: ts.Node = call;
  while (!isSourceFile(scope) && !isBlock(scope)) scope = scope.parent;
  for (const statement of scope.statements) {
    if (isClassDeclaration(statement) && statement.name?.text === id.text) return { name: statement.name, node: statement };
    if (!isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      if (!isIdentifier(d.name) || d.name.text !== id.text || !d.initializer) continue;
      const cls = assignedValue(d.initializer);
      if (isClassExpression(cls)) return { name: cls.name ?? d.name, node: cls };
    }
  }
  return { name: id };
}

function isZero(expr: ts.Expression): boolean {
  const e = unwrapExpression(expr);
  return isNumericLiteral(e) && e.text === '0';
}
