/**
 * Env files a module loads with dotenv by a path it names: `dotenv.config({ path:
 * path.resolve(__dirname, '../../.env') })`, `require('dotenv').config({ path: '../../.env' })`,
 * `config({ path })` imported from dotenv. The file is then the process's environment: its
 * `DB_NAME` is the service's database. The path is evaluated statically from string literals,
 * `__dirname` / `import.meta.dirname` (the module's folder), `process.cwd()` (the working
 * directory), `path.resolve` / `path.join` of those and constants holding them; anything else
 * (an absolute path, a variable from the environment) is not guessed.
 */
import ts from './ts.js';
import type { DotenvLoad } from '../facts.js';
import { nodeSpan, type ExtractContext } from './context.js';
import { unwrapExpression, type Binding } from './scope.js';

const DOTENV_MODULES = new Set(['dotenv', '@dotenvx/dotenvx']);
const PATH_MODULES = new Set(['path', 'node:path', 'path/posix', 'node:path/posix']);
/** Constants followed at most this deep (`const root = resolve(__dirname, '..'); const env = join(root, '.env')`). */
const MAX_DEPTH = 4;

/** The loads of `call` when it is dotenv's `config` with a `path` the module names; empty otherwise. */
export function dotenvLoadsOf(ctx: ExtractContext, call: ts.CallExpression): DotenvLoad[] {
  if (!isDotenvConfig(ctx, call.expression)) return [];
  const options = call.arguments[0] && unwrapExpression(call.arguments[0]);
  if (!options || !ts.isObjectLiteralExpression(options)) return [];
  const property = options.properties.find(
    (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyName(p.name) === 'path',
  );
  if (!property) return [];
  const value = unwrapExpression(property.initializer);
  // dotenv 16.4 takes a list: every file of it is loaded (the first one setting a key wins).
  const values = ts.isArrayLiteralExpression(value) ? value.elements.map(unwrapExpression) : [value];
  const span = nodeSpan(call, ctx.sf);
  const out: DotenvLoad[] = [];
  for (const element of values) {
    const found = evaluate(ctx, element, 0);
    const path = found && normalise(found.parts);
    if (found && path) out.push({ base: found.base, path, fileSpan: span });
  }
  return out;
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** `dotenv.config`, `require('dotenv').config`, `configDotenv`, or `config` imported from dotenv. */
function isDotenvConfig(ctx: ExtractContext, callee: ts.Expression): boolean {
  const expr = unwrapExpression(callee);
  if (ts.isPropertyAccessExpression(expr)) {
    if (expr.name.text !== 'config' && expr.name.text !== 'configDotenv') return false;
    const object = unwrapExpression(expr.expression);
    if (isRequireOf(object, DOTENV_MODULES)) return true;
    if (!ts.isIdentifier(object)) return false;
    const origin = originOf(ctx.scopes.lookup(object.text, object));
    return !!origin && DOTENV_MODULES.has(origin.module) && (origin.imported === '*' || origin.imported === 'default');
  }
  if (!ts.isIdentifier(expr)) return false;
  const origin = originOf(ctx.scopes.lookup(expr.text, expr));
  return !!origin && DOTENV_MODULES.has(origin.module) && (origin.imported === 'config' || origin.imported === 'configDotenv');
}

function isRequireOf(expr: ts.Expression, modules: ReadonlySet<string>): boolean {
  return (
    ts.isCallExpression(expr) &&
    ts.isIdentifier(expr.expression) &&
    expr.expression.text === 'require' &&
    expr.arguments.length === 1 &&
    ts.isStringLiteralLike(expr.arguments[0]) &&
    modules.has(expr.arguments[0].text)
  );
}

/**
 * The module a binding comes from and the name imported (`*` for a namespace or a whole `require`,
 * `default` for a default import): `import dotenv from 'dotenv'`, `import { config } from 'dotenv'`,
 * `const dotenv = require('dotenv')`, `const { config } = require('dotenv')`, `import x = require('x')`.
 */
function originOf(binding: Binding | undefined): { module: string; imported: string } | undefined {
  if (!binding) return undefined;
  const id = binding.id;
  const parent = id.parent;
  if (!parent) return undefined;
  const fromDeclaration = (declaration: ts.Node | undefined) =>
    declaration && ts.isImportDeclaration(declaration) && ts.isStringLiteral(declaration.moduleSpecifier)
      ? declaration.moduleSpecifier.text
      : undefined;
  if (ts.isImportClause(parent)) {
    const module = fromDeclaration(parent.parent);
    return module === undefined ? undefined : { module, imported: 'default' };
  }
  if (ts.isNamespaceImport(parent)) {
    const module = fromDeclaration(parent.parent.parent);
    return module === undefined ? undefined : { module, imported: '*' };
  }
  if (ts.isImportSpecifier(parent)) {
    const module = fromDeclaration(parent.parent.parent.parent);
    return module === undefined ? undefined : { module, imported: (parent.propertyName ?? parent.name).text };
  }
  if (ts.isImportEqualsDeclaration(parent)) {
    const reference = parent.moduleReference;
    return ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression)
      ? { module: reference.expression.text, imported: '*' }
      : undefined;
  }
  if (ts.isVariableDeclaration(parent) && parent.name === id && parent.initializer) {
    const init = unwrapExpression(parent.initializer);
    const module = requiredModule(init);
    return module === undefined ? undefined : { module, imported: '*' };
  }
  if (ts.isBindingElement(parent) && ts.isObjectBindingPattern(parent.parent) && ts.isVariableDeclaration(parent.parent.parent)) {
    const declaration = parent.parent.parent;
    const module = declaration.initializer && requiredModule(unwrapExpression(declaration.initializer));
    const imported = parent.propertyName ? propertyName(parent.propertyName) : ts.isIdentifier(parent.name) ? parent.name.text : undefined;
    return module === undefined || imported === undefined ? undefined : { module, imported };
  }
  return undefined;
}

function requiredModule(expr: ts.Expression): string | undefined {
  if (!ts.isCallExpression(expr) || !ts.isIdentifier(expr.expression) || expr.expression.text !== 'require') return undefined;
  const [argument] = expr.arguments;
  return argument && ts.isStringLiteralLike(argument) ? argument.text : undefined;
}

/**
 * A path: `base` is where it starts from at run time, `parts` the segments after it. `anchored`: the
 * value is a whole path from its base (`__dirname`, `process.cwd()`, `path.resolve(…)`), not a
 * relative piece (`'../.env'`, which `path.resolve` puts after the working directory).
 */
export interface Evaluated {
  base: DotenvLoad['base'];
  parts: string[];
  anchored: boolean;
}

/** A path the module names, evaluated statically (see the module comment); migration-runners.ts reads runners' folders with it. */
export function evaluatePath(ctx: ExtractContext, node: ts.Expression): Evaluated | undefined {
  return evaluate(ctx, node, 0);
}

function evaluate(ctx: ExtractContext, node: ts.Expression, depth: number): Evaluated | undefined {
  const expr = unwrapExpression(node);
  if (ts.isStringLiteralLike(expr)) {
    const text = expr.text.replace(/\\/g, '/');
    // An absolute path names a place on some machine, not in the repository.
    if (text.startsWith('/') || /^[A-Za-z]:/.test(text) || text.startsWith('~')) return undefined;
    return { base: 'cwd', parts: [text], anchored: false };
  }
  if (ts.isIdentifier(expr)) {
    // An ES module's own `const __dirname = dirname(fileURLToPath(import.meta.url))` means the same.
    if (expr.text === '__dirname') return { base: 'module', parts: [], anchored: true };
    if (depth >= MAX_DEPTH) return undefined;
    const binding = ctx.scopes.lookup(expr.text, expr);
    if (!binding || binding.kind !== 'const' || !binding.init) return undefined;
    return evaluate(ctx, binding.init, depth + 1);
  }
  if (ts.isPropertyAccessExpression(expr)) {
    // import.meta.dirname (Node 20.11)
    const object = expr.expression;
    if (expr.name.text === 'dirname' && ts.isMetaProperty(object) && object.name.text === 'meta')
      return { base: 'module', parts: [], anchored: true };
    return undefined;
  }
  if (ts.isTemplateExpression(expr)) {
    // `${__dirname}/../.env`: a whole path followed by literal text.
    if (expr.head.text !== '' || expr.templateSpans.length !== 1) return undefined;
    const [span] = expr.templateSpans;
    const start = evaluate(ctx, span.expression, depth + 1);
    if (!start?.anchored) return undefined;
    return { ...start, parts: [...start.parts, span.literal.text] };
  }
  if (!ts.isCallExpression(expr)) return undefined;
  const callee = unwrapExpression(expr.expression);
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'cwd' && expr.arguments.length === 0) {
    const object = unwrapExpression(callee.expression);
    return ts.isIdentifier(object) && object.text === 'process' ? { base: 'cwd', parts: [], anchored: true } : undefined;
  }
  const method = pathMethod(ctx, callee);
  if (!method || expr.arguments.length === 0 || expr.arguments.some((a) => ts.isSpreadElement(a))) return undefined;
  const args: Evaluated[] = [];
  for (const argument of expr.arguments) {
    const value = evaluate(ctx, argument, depth + 1);
    if (!value) return undefined;
    args.push(value);
  }
  if (method === 'resolve') {
    // Each whole path starts over; what precedes the first one is the working directory.
    let result: Evaluated = { base: 'cwd', parts: [], anchored: true };
    for (const value of args)
      result = value.anchored ? { ...value, parts: [...value.parts] } : { ...result, parts: [...result.parts, ...value.parts] };
    return result;
  }
  const [first, ...rest] = args;
  if (rest.some((value) => value.anchored)) return undefined;
  return { ...first, parts: [...first.parts, ...rest.flatMap((value) => value.parts)] };
}

/** `path.resolve` / `path.join` (or `resolve` / `join` imported from path). */
function pathMethod(ctx: ExtractContext, callee: ts.Expression): 'resolve' | 'join' | undefined {
  if (ts.isPropertyAccessExpression(callee)) {
    const name = callee.name.text;
    if (name !== 'resolve' && name !== 'join') return undefined;
    const object = unwrapExpression(callee.expression);
    if (isRequireOf(object, PATH_MODULES)) return name;
    if (!ts.isIdentifier(object)) return undefined;
    const origin = originOf(ctx.scopes.lookup(object.text, object));
    return origin && PATH_MODULES.has(origin.module) && (origin.imported === '*' || origin.imported === 'default') ? name : undefined;
  }
  if (!ts.isIdentifier(callee)) return undefined;
  const origin = originOf(ctx.scopes.lookup(callee.text, callee));
  if (!origin || !PATH_MODULES.has(origin.module)) return undefined;
  return origin.imported === 'resolve' || origin.imported === 'join' ? origin.imported : undefined;
}

/** Segments joined and normalised (`a/../../.env` → `../.env`); undefined when nothing is left. */
function normalise(parts: readonly string[]): string | undefined {
  const out: string[] = [];
  for (const part of parts.join('/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  if (out.length === 0 || out[out.length - 1] === '..') return undefined;
  return out.join('/');
}
