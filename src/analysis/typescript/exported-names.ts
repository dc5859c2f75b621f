/**
 * What a module offers its importers by name, from its top-level statements: the names it
 * defines itself (`ScriptFacts.exports`, kept for modules that query) and, for CommonJS barrels,
 * where the names it passes on come from (`ScriptFacts.reexports`, as ES `export … from` already
 * is: `module.exports = { ...require('./orders'), pool: require('./pool') }`, `module.exports =
 * require('./x')`, `exports.x = require('./x').y`). The model follows a name imported through a
 * barrel to the module that defines it, so a service runs the modules whose names it imports.
 */
import ts from './ts.js';
import type { ReexportFact } from '../facts.js';
import type { ExtractContext } from './context.js';
import { originOf } from './orm/shared.js';

const {
  isBinaryExpression,
  isCallExpression,
  isClassDeclaration,
  isEnumDeclaration,
  isExportAssignment,
  isExportDeclaration,
  isExpressionStatement,
  isFunctionDeclaration,
  isIdentifier,
  isMethodDeclaration,
  isNamedExports,
  isObjectLiteralExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isShorthandPropertyAssignment,
  isSpreadAssignment,
  isStringLiteralLike,
  isVariableStatement,
} = ts;

export function moduleExports(ctx: ExtractContext): void {
  const own = new Set<string>();
  const passed: ReexportFact[] = [];
  for (const statement of ctx.sf.statements) {
    if (isExportDeclaration(statement)) {
      // `export { a, b as c }` of local names; a list `from` a module, and imported names, are re-exports.
      if (statement.moduleSpecifier || !statement.exportClause || !isNamedExports(statement.exportClause)) continue;
      for (const element of statement.exportClause.elements) {
        const local = element.propertyName ?? element.name;
        if (isIdentifier(local) && originOf(ctx, local)) continue;
        own.add(element.name.text);
      }
    } else if (isExportAssignment(statement)) {
      if (!statement.isExportEquals) own.add('default');
    } else if (isFunctionDeclaration(statement) || isClassDeclaration(statement) || isEnumDeclaration(statement)) {
      const modifiers = ts.getModifiers(statement) ?? [];
      if (!modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      if (modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) own.add('default');
      else if (statement.name) own.add(statement.name.text);
    } else if (isVariableStatement(statement)) {
      if (!(ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      for (const declaration of statement.declarationList.declarations) if (isIdentifier(declaration.name)) own.add(declaration.name.text);
    } else if (isExpressionStatement(statement)) {
      commonJs(ctx, statement.expression, own, passed);
    }
  }
  if (passed.length > 0) (ctx.facts.reexports ??= []).push(...passed);
  const queries = ctx.facts.embeddedSql.length > 0 || ctx.facts.ormRefs.length > 0 || ctx.facts.ormEntityUses.length > 0;
  if (queries && own.size > 0) ctx.facts.exports = [...own].sort();
}

/** `exports.x = …`, `module.exports.x = …`, `module.exports = { … }` / `require(…)`. */
function commonJs(ctx: ExtractContext, expression: ts.Expression, own: Set<string>, passed: ReexportFact[]): void {
  if (!isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  const { left, right } = expression;
  if (isModuleExports(left)) {
    const whole = requiredFrom(right);
    if (whole) {
      if (whole.member === undefined) passed.push({ specifier: whole.specifier, imported: '*', exported: '*' });
      return;
    }
    if (!isObjectLiteralExpression(right)) return;
    for (const property of right.properties) {
      if (isSpreadAssignment(property)) {
        const spread = requiredFrom(property.expression);
        if (spread && spread.member === undefined) passed.push({ specifier: spread.specifier, imported: '*', exported: '*' });
        continue;
      }
      const name = property.name && (isIdentifier(property.name) || isStringLiteralLike(property.name)) ? property.name.text : undefined;
      if (name === undefined) continue;
      if (isPropertyAssignment(property)) exportedAs(ctx, name, property.initializer, own, passed, true);
      else if (isShorthandPropertyAssignment(property)) exportedAs(ctx, name, property.name, own, passed, true);
      else if (isMethodDeclaration(property)) own.add(name);
    }
    return;
  }
  // exports.x = … / module.exports.x = …
  if (isPropertyAccessExpression(left) && isIdentifier(left.name)) {
    const target = left.expression;
    if ((isIdentifier(target) && target.text === 'exports') || isModuleExports(target))
      exportedAs(ctx, left.name.text, right, own, passed, false);
  }
}

/**
 * The export `name` holds `value`: a module required here passes it on, and so, in a `module.exports
 * = { … }` object (`byOrigin`), does a name imported here; anything else is the module's own. (The
 * prefilter sends every `module.exports = {` and `exports.x = require(` to the parser, not every
 * `exports.x = y`: an imported `y` there stays the module's own, so parse and scan agree.)
 */
function exportedAs(
  ctx: ExtractContext,
  name: string,
  value: ts.Expression,
  own: Set<string>,
  passed: ReexportFact[],
  byOrigin: boolean,
): void {
  const required = requiredFrom(value);
  if (required) {
    passed.push({ specifier: required.specifier, imported: required.member ?? '*', exported: name });
    return;
  }
  const origin = byOrigin && isIdentifier(value) ? originOf(ctx, value) : undefined;
  if (origin) passed.push({ specifier: origin.specifier, imported: origin.imported, exported: name });
  else own.add(name);
}

/** `require('x')` → x; `require('x').y` → x, member y. */
function requiredFrom(node: ts.Expression): { specifier: string; member?: string } | undefined {
  if (isPropertyAccessExpression(node) && isIdentifier(node.name)) {
    const inner = requiredFrom(node.expression);
    return inner && inner.member === undefined ? { specifier: inner.specifier, member: node.name.text } : undefined;
  }
  if (!isCallExpression(node) || !isIdentifier(node.expression) || node.expression.text !== 'require') return undefined;
  const [first] = node.arguments;
  return node.arguments.length === 1 && first && isStringLiteralLike(first) ? { specifier: first.text } : undefined;
}

function isModuleExports(node: ts.Expression): boolean {
  return (
    isPropertyAccessExpression(node) && isIdentifier(node.expression) && node.expression.text === 'module' && node.name.text === 'exports'
  );
}
