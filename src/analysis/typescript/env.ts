/**
 * Environment variable reads and their code defaults.
 */
import ts from './ts.js';
import type { EnvDefault } from '../facts.js';
import { memberAccess, propertyNameText, unwrapExpression, type Scopes } from './scope.js';

// The `typescript` export object and its enums are in dictionary mode: each `ts.x` / `SyntaxKind.X`
// access is a hash lookup, so the ones used per node are read once here.
const {
  isAsExpression,
  isBigIntLiteral,
  isBinaryExpression,
  isBindingElement,
  isCallExpression,
  isIdentifier,
  isMetaProperty,
  isNoSubstitutionTemplateLiteral,
  isNonNullExpression,
  isNumericLiteral,
  isObjectLiteralExpression,
  isParenthesizedExpression,
  isPrefixUnaryExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isStringLiteral,
  isTypeOfExpression,
  isVariableDeclaration,
} = ts;
const {
  BarBarToken: BarBarTokenKind,
  EqualsEqualsEqualsToken: EqualsEqualsEqualsTokenKind,
  EqualsEqualsToken: EqualsEqualsTokenKind,
  ExclamationEqualsEqualsToken: ExclamationEqualsEqualsTokenKind,
  ExclamationEqualsToken: ExclamationEqualsTokenKind,
  ExclamationToken: ExclamationTokenKind,
  FalseKeyword: FalseKeywordKind,
  ImportKeyword: ImportKeywordKind,
  MinusToken: MinusTokenKind,
  NullKeyword: NullKeywordKind,
  PlusToken: PlusTokenKind,
  QuestionQuestionToken: QuestionQuestionTokenKind,
  TrueKeyword: TrueKeywordKind,
} = ts.SyntaxKind;

export type EnvUsage = NonNullable<EnvDefault['usage']>;

/** `process.env`, `global.process.env`, `globalThis.process.env`, `import.meta.env`, or a local alias of one. */
export function isEnvObject(expr: ts.Expression, scopes?: Scopes, depth = 0): boolean {
  const e = unwrapExpression(expr);
  const member = memberAccess(e);
  if (member && member.name === 'env') {
    const o = unwrapExpression(member.object);
    if (isIdentifier(o)) return o.text === 'process';
    if (isMetaProperty(o)) return o.keywordToken === ImportKeywordKind && o.name.text === 'meta';
    if (isPropertyAccessExpression(o) && o.name.text === 'process') {
      const g = o.expression;
      return isIdentifier(g) && (g.text === 'global' || g.text === 'globalThis');
    }
    return false;
  }
  if (isIdentifier(e) && scopes && depth < 3 && scopes.envAliases.has(e.text)) {
    const b = scopes.lookup(e.text, e);
    if (!b) return false;
    if (b.kind === 'const' || b.kind === 'let' || b.kind === 'var') {
      if (b.init && isIdentifier(b.id) && isEnvObject(b.init, scopes, depth + 1)) return true;
      // const { env } = process
      const decl = b.id.parent;
      if (isBindingElement(decl) && (propertyNameText(decl.propertyName) ?? b.name) === 'env') {
        const pattern = decl.parent;
        const vd = pattern.parent;
        if (isVariableDeclaration(vd) && vd.initializer) {
          const init = unwrapExpression(vd.initializer);
          return isIdentifier(init) && init.text === 'process';
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
  if (isIdentifier(e)) return e.text;
  if (isPropertyAccessExpression(e) && isIdentifier(e.expression)) return `${e.expression.text}.${e.name.text}`;
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
  if (isCallExpression(e)) {
    const callee = calleeName(e.expression);
    if (callee && CONVERTERS[callee] && e.arguments.length >= 1) {
      const inner = envAccessName(e.arguments[0], scopes);
      if (inner) return { name: inner, usage: CONVERTERS[callee] };
    }
    if (isPropertyAccessExpression(e.expression) && TRANSPARENT_METHODS.has(e.expression.name.text)) {
      return envDerivedName(e.expression.expression, scopes);
    }
  }
  if (isPrefixUnaryExpression(e) && e.operator === PlusTokenKind) {
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
  if (isStringLiteral(e) || isNoSubstitutionTemplateLiteral(e)) return { value: e.text, valueKind: 'string', node: e };
  if (isNumericLiteral(e) || isBigIntLiteral(e)) return { value: e.text, valueKind: 'number', node: e };
  if (e.kind === TrueKeywordKind) return { value: 'true', valueKind: 'boolean', node: e };
  if (e.kind === FalseKeywordKind) return { value: 'false', valueKind: 'boolean', node: e };
  if (isPrefixUnaryExpression(e) && e.operator === MinusTokenKind && isNumericLiteral(e.operand)) {
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
    if (isBinaryExpression(u) && isFallbackOperator(u.operatorToken.kind)) {
      visit(u.left);
      visit(u.right);
    } else out.push(e);
  };
  visit(expr);
  return out;
}

export function isFallbackOperator(kind: ts.SyntaxKind): boolean {
  return kind === BarBarTokenKind || kind === QuestionQuestionTokenKind;
}

/** True when `node` is the operand of a larger `||`/`??` chain (only the outermost is analysed). */
export function isInnerFallback(node: ts.Expression): boolean {
  let p = node.parent;
  while (p && isParenthesizedExpression(p)) p = p.parent;
  return !!p && isBinaryExpression(p) && isFallbackOperator(p.operatorToken.kind);
}

/** The property of a prompt question that pre-fills its answer: enquirer's and prompts' `initial`, inquirer's `default`, @clack/prompts' `initialValue`. */
const PROMPT_ANSWER = new Set(['initial', 'default', 'initialValue']);

/**
 * The pre-filled answer of an interactive prompt's question: `initial` / `default` / `initialValue` beside a `message`
 * (enquirer and prompts `{ type, name, message, initial }`, inquirer `{ name, message, default }`, @inquirer/prompts
 * `input({ message, default })`, @clack/prompts `text({ message, initialValue })`). An installer asks the user, who
 * confirms or edits the value (EverShop's `initial: process.env.DB_HOST || 'localhost', skip: !!process.env.DB_HOST`):
 * no fallback a running service starts on. A config schema's `default` (convict's `{ doc, format, default, env }`) has no `message`.
 */
function isPromptAnswer(property: ts.PropertyAssignment): boolean {
  const key = propertyNameText(property.name);
  if (key === undefined || !PROMPT_ANSWER.has(key) || !isObjectLiteralExpression(property.parent)) return false;
  return property.parent.properties.some((p) => isPropertyAssignment(p) && propertyNameText(p.name) === 'message');
}

/**
 * What the defaulted value is used for, from its context:
 * `(process.env.KEYS || '').split(',')` → `split`, `parseInt(process.env.PORT || '5432')` → `parse-int`,
 * a prompt question's `initial: process.env.DB_HOST || 'localhost'` → `prompt`.
 */
export function usageOf(node: ts.Expression): EnvUsage | undefined {
  let n: ts.Node = node;
  for (let guard = 0; guard < 8; guard++) {
    const p: ts.Node | undefined = n.parent;
    if (!p) return undefined;
    if (isPropertyAssignment(p) && p.initializer === n) return isPromptAnswer(p) ? 'prompt' : undefined;
    if (isParenthesizedExpression(p) || isAsExpression(p) || isNonNullExpression(p)) {
      n = p;
      continue;
    }
    if (isPropertyAccessExpression(p) && p.expression === n) {
      const method = p.name.text;
      if (method === 'split') return 'split';
      if (TRANSPARENT_METHODS.has(method) && p.parent && isCallExpression(p.parent)) {
        n = p.parent;
        continue;
      }
      return undefined;
    }
    if (isCallExpression(p) && p.arguments[0] === n) {
      const callee = calleeName(p.expression);
      return callee ? CONVERTERS[callee] : undefined;
    }
    if (isPrefixUnaryExpression(p)) {
      if (p.operator === PlusTokenKind) return 'number';
      if (p.operator === ExclamationTokenKind) return 'boolean';
      return undefined;
    }
    if (isBinaryExpression(p)) {
      const k = p.operatorToken.kind;
      if (
        k === EqualsEqualsEqualsTokenKind ||
        k === ExclamationEqualsEqualsTokenKind ||
        k === EqualsEqualsTokenKind ||
        k === ExclamationEqualsTokenKind
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
  if (isPrefixUnaryExpression(c) && c.operator === ExclamationTokenKind) {
    return envAccessName(c.operand, scopes) === name;
  }
  if (isBinaryExpression(c)) {
    const k = c.operatorToken.kind;
    if (k === BarBarTokenKind) return isUnsetTest(c.left, name, scopes) || isUnsetTest(c.right, name, scopes);
    if (k === EqualsEqualsEqualsTokenKind || k === EqualsEqualsTokenKind) {
      const sides = [unwrapExpression(c.left), unwrapExpression(c.right)];
      for (let i = 0; i < 2; i++) {
        const a = sides[i];
        const b = sides[1 - i];
        const other = isTypeOfExpression(a) ? a.expression : a;
        if (envAccessName(other, scopes) !== name) continue;
        if (isIdentifier(b) && b.text === 'undefined') return true;
        if (b.kind === NullKeywordKind) return true;
        if ((isStringLiteral(b) || isNoSubstitutionTemplateLiteral(b)) && (b.text === '' || b.text === 'undefined')) return true;
      }
    }
  }
  return false;
}
