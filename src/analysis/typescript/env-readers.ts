/**
 * Readers of the environment other than `process.env` itself, whose second value is what the code
 * runs with when the variable is unset — read statically, never run:
 *
 * - `@nestjs/config`'s `ConfigService`: `config.get<string>('DB_NAME', 'platform')`,
 *   `this.configService.getOrThrow('DB_PASSWORD', 'x')` (both return the default when the key is unset);
 * - env-var: `env.get('DB_NAME').default('platform').asString()`;
 * - a helper the file defines whose body reads `process.env[key]` and gives back its fallback
 *   parameter: `const env = (key, fallback) => process.env[key] ?? fallback`,
 *   `function getEnv(key, def) { const v = process.env[key]; if (v === undefined) return def; return v; }`.
 *
 * Each is the same fact as `process.env.DB_NAME || 'platform'`: the variable, the literal, its span.
 */
import ts from './ts.js';
import { literalValue, isEnvObject, isFallbackOperator, type LiteralValue } from './env.js';
import { unwrapExpression, type Scopes } from './scope.js';
import { literalText } from './literals.js';

const {
  isArrowFunction,
  isBinaryExpression,
  isCallExpression,
  isConditionalExpression,
  isElementAccessExpression,
  isExternalModuleReference,
  isFunctionDeclaration,
  isFunctionExpression,
  isIdentifier,
  isImportDeclaration,
  isImportEqualsDeclaration,
  isPropertyAccessExpression,
  isReturnStatement,
  isStringLiteral,
} = ts;

/** Which reader the default comes through (the fact's `shape`). */
export type ReaderShape = 'nestjs-config' | 'env-var' | 'env-helper';

export interface ReaderDefault {
  /** The variable. */
  name: string;
  literal: LiteralValue;
  shape: ReaderShape;
}

/** The names an environment variable is written with; a dotted `database.host` is a config namespace's key, not a variable. */
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** env-var's converters closing a chain: `.asString()`, `.asPortNumber()`, `.asBool()`. */
const ENV_VAR_CONVERTER = /^as[A-Z]\w*$/;
/** env-var's chain links that change neither the key nor the default. */
const ENV_VAR_LINKS = new Set(['required', 'example', 'description', 'convertFromBase64']);

const nestConfigFiles = new WeakMap<ts.SourceFile, boolean>();

/** Whether the file imports `@nestjs/config` (where `ConfigService` comes from). */
function importsNestConfig(sf: ts.SourceFile): boolean {
  let known = nestConfigFiles.get(sf);
  if (known === undefined) {
    known = sf.statements.some(
      (s) =>
        (isImportDeclaration(s) && isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === '@nestjs/config') ||
        (isImportEqualsDeclaration(s) &&
          isExternalModuleReference(s.moduleReference) &&
          isStringLiteral(s.moduleReference.expression) &&
          s.moduleReference.expression.text === '@nestjs/config'),
    );
    nestConfigFiles.set(sf, known);
  }
  return known;
}

const stringArgument = (e: ts.Expression | undefined): string | undefined => {
  if (!e) return undefined;
  const u = unwrapExpression(e);
  return literalText(u);
};

/**
 * The default a call gives an environment variable, if the call is one of the readers above. For
 * env-var the call is the `.default(lit)` link; `readerDefaultOf` also takes the whole chain.
 */
export function readerDefault(call: ts.CallExpression, scopes: Scopes, sf: ts.SourceFile): ReaderDefault | undefined {
  const callee = unwrapExpression(call.expression);
  if (isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    if (method === 'default') return envVarDefault(call, callee, scopes);
    if ((method === 'get' || method === 'getOrThrow') && call.arguments.length === 2) return nestDefault(call, sf);
    return undefined;
  }
  if (isIdentifier(callee) && call.arguments.length === 2) return helperDefault(call, callee, scopes, sf);
  return undefined;
}

/** `readerDefault` of a value as written, env-var's converter included: `env.get('X').default('v').asString()`. */
export function readerDefaultOf(expr: ts.Expression, scopes: Scopes, sf: ts.SourceFile): ReaderDefault | undefined {
  const e = unwrapExpression(expr);
  if (!isCallExpression(e)) return undefined;
  const callee = unwrapExpression(e.expression);
  if (isPropertyAccessExpression(callee) && ENV_VAR_CONVERTER.test(callee.name.text)) {
    const inner = unwrapExpression(callee.expression);
    return isCallExpression(inner) ? readerDefault(inner, scopes, sf) : undefined;
  }
  return readerDefault(e, scopes, sf);
}

/**
 * `config.get('DB_NAME', 'platform')` in a file importing `@nestjs/config`: a two-argument `get` with
 * a variable's name there is ConfigService's (a Map's `get` takes one argument).
 */
function nestDefault(call: ts.CallExpression, sf: ts.SourceFile): ReaderDefault | undefined {
  const name = stringArgument(call.arguments[0]);
  if (name === undefined || !ENV_KEY.test(name) || !importsNestConfig(sf)) return undefined;
  const literal = literalValue(call.arguments[1]);
  return literal && { name, literal, shape: 'nestjs-config' };
}

/** env-var: `env.get('X')[.required(false)…].default(lit)`, `env` imported or required from `env-var`. */
function envVarDefault(call: ts.CallExpression, callee: ts.PropertyAccessExpression, scopes: Scopes): ReaderDefault | undefined {
  if (call.arguments.length !== 1) return undefined;
  let e = unwrapExpression(callee.expression);
  for (let guard = 0; guard < 8; guard++) {
    if (!isCallExpression(e)) return undefined;
    const link = unwrapExpression(e.expression);
    if (!isPropertyAccessExpression(link)) return undefined;
    if (link.name.text === 'get') {
      const name = stringArgument(e.arguments[0]);
      if (name === undefined || e.arguments.length !== 1 || !ENV_KEY.test(name) || !isEnvVarModule(link.expression, scopes))
        return undefined;
      const literal = literalValue(call.arguments[0]);
      return literal && { name, literal, shape: 'env-var' };
    }
    if (!ENV_VAR_LINKS.has(link.name.text)) return undefined;
    e = unwrapExpression(link.expression);
  }
  return undefined;
}

/** `require('env-var')`, or a name bound to it (`const env = require('env-var')`, `import env from 'env-var'`, `import * as env`). */
function isEnvVarModule(expr: ts.Expression, scopes: Scopes): boolean {
  const e = unwrapExpression(expr);
  if (isCallExpression(e)) return isRequireOf(e, 'env-var');
  if (!isIdentifier(e)) return false;
  const binding = scopes.lookup(e.text, e);
  if (!binding) return false;
  if (binding.kind === 'import') {
    let n: ts.Node | undefined = binding.id;
    while (n && !isImportDeclaration(n) && !isImportEqualsDeclaration(n)) n = n.parent;
    if (!n) return false;
    if (isImportDeclaration(n)) return isStringLiteral(n.moduleSpecifier) && n.moduleSpecifier.text === 'env-var';
    return (
      isExternalModuleReference(n.moduleReference) &&
      isStringLiteral(n.moduleReference.expression) &&
      n.moduleReference.expression.text === 'env-var'
    );
  }
  const init = binding.kind === 'const' && isIdentifier(binding.id) && binding.init ? unwrapExpression(binding.init) : undefined;
  return !!init && isCallExpression(init) && isRequireOf(init, 'env-var');
}

function isRequireOf(call: ts.CallExpression, specifier: string): boolean {
  const callee = call.expression;
  return (
    isIdentifier(callee) && callee.text === 'require' && call.arguments.length === 1 && stringArgument(call.arguments[0]) === specifier
  );
}

type FunctionNode = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction;

const helpers = new WeakMap<FunctionNode, boolean>();

/** `env('DB_NAME', 'platform')` of a helper the file defines (see isEnvHelper). */
function helperDefault(call: ts.CallExpression, callee: ts.Identifier, scopes: Scopes, sf: ts.SourceFile): ReaderDefault | undefined {
  const name = stringArgument(call.arguments[0]);
  if (name === undefined || !ENV_KEY.test(name)) return undefined;
  const literal = literalValue(call.arguments[1]);
  if (!literal) return undefined;
  const fn = helperFunction(callee, scopes, sf);
  if (!fn) return undefined;
  let known = helpers.get(fn);
  if (known === undefined) helpers.set(fn, (known = isEnvHelper(fn, scopes)));
  return known ? { name, literal, shape: 'env-helper' } : undefined;
}

/** The function a name calls: a declaration or a `const` arrow / function expression, found by scope, else a top-level declaration below the call (hoisted). */
function helperFunction(callee: ts.Identifier, scopes: Scopes, sf: ts.SourceFile): FunctionNode | undefined {
  const binding = scopes.lookup(callee.text, callee);
  if (binding) {
    if (binding.kind === 'function') return isFunctionDeclaration(binding.id.parent) ? binding.id.parent : undefined;
    if (binding.kind !== 'const' || !binding.init) return undefined;
    const init = unwrapExpression(binding.init);
    return isArrowFunction(init) || isFunctionExpression(init) ? init : undefined;
  }
  for (const s of sf.statements) if (isFunctionDeclaration(s) && s.name?.text === callee.text && s.body) return s;
  return undefined;
}

/**
 * A function of (key, fallback, …) that reads `process.env[key]` and gives back `fallback`: as the end of
 * a `??` / `||` chain, a branch of a conditional, or what a `return` (or the arrow's body) yields.
 */
function isEnvHelper(fn: FunctionNode, scopes: Scopes): boolean {
  const [keyParam, fallbackParam] = fn.parameters;
  if (!keyParam || !fallbackParam || !isIdentifier(keyParam.name) || !isIdentifier(fallbackParam.name) || !fn.body) return false;
  const key = keyParam.name.text;
  const fallback = fallbackParam.name.text;
  const isFallback = (e: ts.Expression | undefined): boolean => {
    if (!e) return false;
    const u = unwrapExpression(e);
    return isIdentifier(u) && u.text === fallback;
  };
  let readsKey = false;
  let yieldsFallback = !isFunctionNodeBlock(fn) && isFallback(fn.body as ts.Expression);
  let visited = 0;
  const visit = (node: ts.Node): void => {
    // A helper is a few lines: a long body is something else.
    if (++visited > 400 || (readsKey && yieldsFallback)) return;
    if (isElementAccessExpression(node)) {
      const argument = unwrapExpression(node.argumentExpression);
      if (isIdentifier(argument) && argument.text === key && isEnvObject(node.expression, scopes)) readsKey = true;
    } else if (isBinaryExpression(node) && isFallbackOperator(node.operatorToken.kind)) {
      if (isFallback(node.right)) yieldsFallback = true;
    } else if (isConditionalExpression(node)) {
      if (isFallback(node.whenTrue) || isFallback(node.whenFalse)) yieldsFallback = true;
    } else if (isReturnStatement(node)) {
      if (isFallback(node.expression)) yieldsFallback = true;
    }
    // A function inside the helper reads its own parameters.
    if (isFunctionDeclaration(node) || isFunctionExpression(node) || isArrowFunction(node)) return;
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return readsKey && yieldsFallback;
}

const isFunctionNodeBlock = (fn: FunctionNode): boolean => !!fn.body && ts.isBlock(fn.body);
