/**
 * String constants a module exports that may name a table: `export const TABLES = { PATIENTS:
 * 'patients' } as const`, `export const INVOICES_TABLE = 'invoices'`, `export enum Tables { … }`,
 * `export default { … }`, `export { TABLES as T }` of a local constant, and CommonJS's
 * `module.exports = { … }` / `exports.X = …`. Another module's SQL reads them in its holes
 * (`FROM ${TABLES.PATIENTS}`); the model looks the hole's import up here (ExportedString).
 */
import ts from './ts.js';
import type { ExportedString } from '../facts.js';
import type { ExtractContext } from './context.js';
import { IDENTIFIER_VALUE } from './embedded-sql.js';
import { hasModifier, propertyNameText, unwrapExpression, unwrapFreeze } from './scope.js';

const {
  isAsExpression,
  isBinaryExpression,
  isCallExpression,
  isNoSubstitutionTemplateLiteral,
  isSatisfiesExpression,
  isStringLiteral,
  isTemplateExpression,
  isEnumDeclaration,
  isExportAssignment,
  isExportDeclaration,
  isExpressionStatement,
  isIdentifier,
  isNamedExports,
  isObjectLiteralExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isShorthandPropertyAssignment,
  isVariableStatement,
} = ts;
const { EqualsToken, ExportKeyword } = ts.SyntaxKind;

/** Nesting of objects read below an export (`DB.TABLES.CLINICAL.PATIENTS`). */
const MAX_DEPTH = 4;
/** Constants kept per module: a generated constants file must not blow up the facts. */
const MAX_STRINGS = 2000;

export function exportedStrings(ctx: ExtractContext): ExportedString[] {
  const out: ExportedString[] = [];
  const seen = new Set<string>();
  const push = (name: string, value: string): void => {
    if (out.length >= MAX_STRINGS || seen.has(name) || !IDENTIFIER_VALUE.test(value)) return;
    seen.add(name);
    out.push({ name, value });
  };

  /** Everything `expr` holds, under `prefix` (no prefix: its members are the module's own names). */
  const collect = (prefix: string | undefined, expr: ts.Expression, depth: number): void => {
    if (depth > MAX_DEPTH || out.length >= MAX_STRINGS) return;
    const e = unwrapFreeze(unwrapExpression(expr));
    if (isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        const value = isPropertyAssignment(p) ? p.initializer : isShorthandPropertyAssignment(p) ? p.name : undefined;
        const key = value && propertyNameText(p.name);
        if (!value || key === undefined) continue;
        collect(prefix === undefined ? key : `${prefix}.${key}`, value, depth + 1);
      }
      return;
    }
    if (prefix === undefined) return;
    if (isIdentifier(e)) {
      const binding = ctx.scopes.lookup(e.text, e);
      const declared = binding?.id.parent;
      if (binding?.kind === 'enum' && declared && isEnumDeclaration(declared)) {
        enumMembers(prefix, declared);
        return;
      }
      // A local constant under the exported name (`const TABLES = {…}; export default TABLES`).
      if (binding?.kind === 'const' && binding.init && isObjectLiteralExpression(unwrapFreeze(unwrapExpression(binding.init)))) {
        collect(prefix, binding.init, depth + 1);
        return;
      }
    }
    const value = ctx.scopes.resolveString(e);
    if (value !== undefined) push(prefix, value);
  };

  const enumMembers = (prefix: string, declaration: ts.EnumDeclaration): void => {
    for (const member of declaration.members) {
      const key = propertyNameText(member.name);
      if (key !== undefined && member.initializer) {
        const value = ctx.scopes.resolveString(member.initializer);
        if (value !== undefined) push(`${prefix}.${key}`, value);
      }
    }
  };

  /** A local name the module exports as `exported` (`export { TABLES as T }`, `export default TABLES`). */
  const local = (exported: string, name: ts.Identifier): void => collect(exported, name, 0);

  // Only the shapes the prefilter's `exported-string` check lets through (prefilter.ts): a file it
  // skips must have none, or the facts of a skipped file and of a parsed one would differ.
  for (const statement of ctx.sf.statements) {
    if (isVariableStatement(statement) && hasModifier(statement, ExportKeyword)) {
      for (const d of statement.declarationList.declarations)
        if (isIdentifier(d.name) && d.initializer && literalShaped(d.initializer)) collect(d.name.text, d.initializer, 0);
    } else if (isEnumDeclaration(statement) && hasModifier(statement, ExportKeyword)) {
      // A string enum of statuses is in every other file; one of table names says so in its name.
      if (/table/i.test(statement.name.text)) enumMembers(statement.name.text, statement);
    } else if (isExportAssignment(statement)) {
      // `export default {…}`, `export default TABLES`; `export = {…}` is CommonJS's `module.exports = {…}`.
      const e = statement.expression;
      if (statement.isExportEquals) collect(undefined, e, 0);
      else if (literalShaped(e) || isIdentifier(e)) collect('default', e, 0);
    } else if (
      isExportDeclaration(statement) &&
      !statement.moduleSpecifier &&
      statement.exportClause &&
      isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements) {
        const name = element.propertyName ?? element.name;
        if (isIdentifier(name)) local(element.name.text, name);
      }
    } else if (isExpressionStatement(statement)) {
      const e = statement.expression;
      if (!isBinaryExpression(e) || e.operatorToken.kind !== EqualsToken) continue;
      const target = commonJsTarget(e.left);
      if (target === '') collect(undefined, e.right, 0);
      else if (target !== undefined && literalShaped(e.right)) collect(target, e.right, 0);
    }
  }
  return out;
}

/**
 * A literal as written, with `as const` / `satisfies` after it: a string, a template, an object,
 * `Object.freeze({…})`. Text of these shapes starts with a quote, a backtick, `{` or `Object.freeze({`.
 */
function literalShaped(expr: ts.Expression): boolean {
  let e = expr;
  while (isAsExpression(e) || isSatisfiesExpression(e)) e = e.expression;
  if (isStringLiteral(e) || isNoSubstitutionTemplateLiteral(e) || isTemplateExpression(e) || isObjectLiteralExpression(e)) return true;
  return (
    isCallExpression(e) &&
    isPropertyAccessExpression(e.expression) &&
    e.expression.name.text === 'freeze' &&
    isIdentifier(e.expression.expression) &&
    e.expression.expression.text === 'Object' &&
    e.arguments.length === 1 &&
    isObjectLiteralExpression(e.arguments[0])
  );
}

/** `module.exports` → '', `exports.X` / `module.exports.X` → 'X', anything else undefined. */
function commonJsTarget(left: ts.Expression): string | undefined {
  const e = unwrapExpression(left);
  if (!isPropertyAccessExpression(e)) return undefined;
  const object = unwrapExpression(e.expression);
  if (isIdentifier(object) && object.text === 'module' && e.name.text === 'exports') return '';
  if (isIdentifier(object) && object.text === 'exports') return e.name.text;
  if (commonJsTarget(object) === '') return e.name.text;
  return undefined;
}
