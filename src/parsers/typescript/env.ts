/**
 * Environment variable reads and their code defaults.
 */
import ts from 'typescript';
import type { EnvDefault } from '../../facts.js';
import { memberAccess, propertyNameText, unwrapExpression, type Scopes } from './scope.js';

/** Cached once: the TypeScript bundle exposes its exports through getters. */
const SK = ts.SyntaxKind;

export type EnvUsage = NonNullable<EnvDefault['usage']>;

/** `process.env`, `global.process.env`, `globalThis.process.env`, `import.meta.env`, or a local alias of one. */
export function isEnvObject(expr: ts.Expression, scopes?: Scopes, depth = 0): boolean {
  const e = unwrapExpression(expr);
  const member = memberAccess(e);
  if (member && member.name === 'env') {
    const o = unwrapExpression(member.object);
    if (ts.isIdentifier(o)) return o.text === 'process';
    if (ts.isMetaProperty(o)) return o.keywordToken === SK.ImportKeyword && o.name.text === 'meta';
    if (ts.isPropertyAccessExpression(o) && o.name.text === 'process') {
      const g = o.expression;
      return ts.isIdentifier(g) && (g.text === 'global' || g.text === 'globalThis');
    }
    return false;
  }
  if (ts.isIdentifier(e) && scopes && depth < 3 && scopes.envAliases.has(e.text)) {
    const b = scopes.lookup(e.text, e);
    if (!b) return false;
    if (b.kind === 'const' || b.kind === 'let' || b.kind === 'var') {
      if (b.init && ts.isIdentifier(b.id) && isEnvObject(b.init, scopes, depth + 1)) return true;
      // const { env } = process
      const decl = b.id.parent;
      if (ts.isBindingElement(decl) && (propertyNameText(decl.propertyName) ?? b.name) === 'env') {
        const pattern = decl.parent;
        const vd = pattern.parent;
        if (ts.isVariableDeclaration(vd) && vd.initializer) {
          const init = unwrapExpression(vd.initializer);
          return ts.isIdentifier(init) && init.text === 'process';
        }
      }
    }
  }
  return false;
}

/** Name of the variable read by `process.env.X` / `process.env['X']`, if `expr` is such a read. */
export function envAccessName(expr: ts.Expression, scopes?: Scopes): string | undefined {
  const e = unwrapExpression(expr);
  const m = memberAccess(e);
  if (!m) return undefined;
  return isEnvObject(m.object, scopes) ? m.name : undefined;
}

const CONVERTERS: Record<string, EnvUsage> = {
  parseInt: 'parse-int',
  'Number.parseInt': 'parse-int',
  parseFloat: 'number',
  'Number.parseFloat': 'number',
  Number: 'number',
  Boolean: 'boolean',
  'JSON.parse': 'json',
};

const TRANSPARENT_METHODS = new Set(['trim', 'toLowerCase', 'toUpperCase', 'trimStart', 'trimEnd', 'toString', 'valueOf', 'normalize']);

function calleeName(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) return `${e.expression.text}.${e.name.text}`;
  return undefined;
}

/**
 * An env read possibly wrapped in a conversion: `parseInt(process.env.X, 10)`,
 * `Number(process.env.X)`, `process.env.X?.trim()`, `+process.env.X`.
 */
export function envDerivedName(expr: ts.Expression, scopes?: Scopes): { name: string; usage?: EnvUsage } | undefined {
  const e = unwrapExpression(expr);
  const direct = envAccessName(e, scopes);
  if (direct) return { name: direct };
  if (ts.isCallExpression(e)) {
    const callee = calleeName(e.expression);
    if (callee && CONVERTERS[callee] && e.arguments.length >= 1) {
      const inner = envAccessName(e.arguments[0], scopes);
      if (inner) return { name: inner, usage: CONVERTERS[callee] };
    }
    if (ts.isPropertyAccessExpression(e.expression) && TRANSPARENT_METHODS.has(e.expression.name.text)) {
      return envDerivedName(e.expression.expression, scopes);
    }
  }
  if (ts.isPrefixUnaryExpression(e) && e.operator === SK.PlusToken) {
    const inner = envAccessName(e.operand, scopes);
    if (inner) return { name: inner, usage: 'number' };
  }
  return undefined;
}

export interface LiteralValue {
  value: string;
  valueKind: 'string' | 'number' | 'boolean';
  node: ts.Expression;
}

/** A string / number / boolean literal (including `-1` and an empty template). */
export function literalValue(expr: ts.Expression): LiteralValue | undefined {
  const e = unwrapExpression(expr);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { value: e.text, valueKind: 'string', node: e };
  if (ts.isNumericLiteral(e) || ts.isBigIntLiteral(e)) return { value: e.text, valueKind: 'number', node: e };
  if (e.kind === SK.TrueKeyword) return { value: 'true', valueKind: 'boolean', node: e };
  if (e.kind === SK.FalseKeyword) return { value: 'false', valueKind: 'boolean', node: e };
  if (ts.isPrefixUnaryExpression(e) && e.operator === SK.MinusToken && ts.isNumericLiteral(e.operand)) {
    return { value: `-${e.operand.text}`, valueKind: 'number', node: e };
  }
  return undefined;
}

/**
 * Flattens `a || b || c` (same operator family) into operands. `||` and `??` mix
 * freely for this purpose: both mean "fall back when unset".
 */
export function fallbackChain(expr: ts.BinaryExpression): ts.Expression[] {
  const out: ts.Expression[] = [];
  const visit = (e: ts.Expression): void => {
    const u = unwrapExpression(e);
    if (ts.isBinaryExpression(u) && isFallbackOperator(u.operatorToken.kind)) {
      visit(u.left);
      visit(u.right);
    } else out.push(e);
  };
  visit(expr);
  return out;
}

export function isFallbackOperator(kind: ts.SyntaxKind): boolean {
  return kind === SK.BarBarToken || kind === SK.QuestionQuestionToken;
}

/** True when `node` is the operand of a larger `||`/`??` chain (only the outermost is analysed). */
export function isInnerFallback(node: ts.Expression): boolean {
  let p = node.parent;
  while (p && ts.isParenthesizedExpression(p)) p = p.parent;
  return !!p && ts.isBinaryExpression(p) && isFallbackOperator(p.operatorToken.kind);
}

/**
 * What the defaulted value is used for, from its context:
 * `(process.env.KEYS || '').split(',')` → `split`, `parseInt(process.env.PORT || '5432')` → `parse-int`.
 */
export function usageOf(node: ts.Expression): EnvUsage | undefined {
  let n: ts.Node = node;
  for (let guard = 0; guard < 8; guard++) {
    const p: ts.Node | undefined = n.parent;
    if (!p) return undefined;
    if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p)) {
      n = p;
      continue;
    }
    if (ts.isPropertyAccessExpression(p) && p.expression === n) {
      const method = p.name.text;
      if (method === 'split') return 'split';
      if (TRANSPARENT_METHODS.has(method) && p.parent && ts.isCallExpression(p.parent)) {
        n = p.parent;
        continue;
      }
      return undefined;
    }
    if (ts.isCallExpression(p) && p.arguments[0] === n) {
      const callee = calleeName(p.expression);
      return callee ? CONVERTERS[callee] : undefined;
    }
    if (ts.isPrefixUnaryExpression(p)) {
      if (p.operator === SK.PlusToken) return 'number';
      if (p.operator === SK.ExclamationToken) return 'boolean';
      return undefined;
    }
    if (ts.isBinaryExpression(p)) {
      const k = p.operatorToken.kind;
      if (
        k === SK.EqualsEqualsEqualsToken ||
        k === SK.ExclamationEqualsEqualsToken ||
        k === SK.EqualsEqualsToken ||
        k === SK.ExclamationEqualsToken
      ) {
        return 'compare';
      }
      return undefined;
    }
    return undefined;
  }
  return undefined;
}

/** Condition of an `if` that holds when env var `name` is unset: `!process.env.X`, `process.env.X === undefined`, `typeof … === 'undefined'`, `=== ''`. */
export function isUnsetTest(cond: ts.Expression, name: string, scopes: Scopes): boolean {
  const c = unwrapExpression(cond);
  if (ts.isPrefixUnaryExpression(c) && c.operator === SK.ExclamationToken) {
    return envAccessName(c.operand, scopes) === name;
  }
  if (ts.isBinaryExpression(c)) {
    const k = c.operatorToken.kind;
    if (k === SK.BarBarToken) return isUnsetTest(c.left, name, scopes) || isUnsetTest(c.right, name, scopes);
    if (k === SK.EqualsEqualsEqualsToken || k === SK.EqualsEqualsToken) {
      const sides = [unwrapExpression(c.left), unwrapExpression(c.right)];
      for (let i = 0; i < 2; i++) {
        const a = sides[i];
        const b = sides[1 - i];
        const other = ts.isTypeOfExpression(a) ? a.expression : a;
        if (envAccessName(other, scopes) !== name) continue;
        if (ts.isIdentifier(b) && b.text === 'undefined') return true;
        if (b.kind === SK.NullKeyword) return true;
        if ((ts.isStringLiteral(b) || ts.isNoSubstitutionTemplateLiteral(b)) && (b.text === '' || b.text === 'undefined')) return true;
      }
    }
  }
  return false;
}
