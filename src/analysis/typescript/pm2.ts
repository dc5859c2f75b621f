/**
 * PM2 ecosystem files (`ecosystem.config.js`, `ecosystem.production.config.cjs`, `pm2.config.js`):
 * `module.exports = { apps: [{ name, cwd, script, env: { DB_NAME: 'platform' }, env_production: { … } }] }`,
 * or `export default { apps }`, or either through a top-level constant. Read as data from the syntax
 * tree, never run: only literal values are kept (`process.env.X`, calls and templates with holes are
 * what the machine running PM2 supplies, so those entries are left out).
 */
import ts from './ts.js';
import type { EnvFileEntry, Pm2App } from '../facts.js';
import { nodeSpan, type ExtractContext } from './context.js';
import { literalValue } from './env.js';
import { propertyNameText, unwrapExpression } from './scope.js';

const {
  isArrayLiteralExpression,
  isBinaryExpression,
  isExportAssignment,
  isExpressionStatement,
  isIdentifier,
  isObjectLiteralExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isVariableStatement,
} = ts;
const { EqualsToken } = ts.SyntaxKind;

/** File names PM2's ecosystem files go by: `ecosystem.config.js`, `ecosystem.prod.config.cjs`, `pm2.config.ts`, `ecosystem.js`. */
const ECOSYSTEM_FILE = /^(?:ecosystem|pm2)[\w.-]*\.[cm]?[jt]s$/i;
/** An environment block of an app: `env`, `env_production`, `env_staging`. */
const ENV_BLOCK = /^env(?:_\w+)?$/;
/** Apps kept per file: a generated ecosystem must not blow up the facts. */
const MAX_APPS = 200;

export function isEcosystemFile(path: string): boolean {
  return ECOSYSTEM_FILE.test(path.slice(path.lastIndexOf('/') + 1));
}

/** The apps of the ecosystem file `ctx` is reading, in order; empty when its export holds no `apps` list. */
export function pm2Apps(ctx: ExtractContext): Pm2App[] {
  const exported = exportedObject(ctx.sf);
  const apps = exported && propertyValue(exported, 'apps', ctx.sf);
  if (!apps || !isArrayLiteralExpression(apps)) return [];
  const out: Pm2App[] = [];
  for (const element of apps.elements) {
    const app = objectOf(element, ctx.sf);
    if (!app || out.length >= MAX_APPS) continue;
    const found: Pm2App = { environments: [], fileSpan: nodeSpan(app, ctx.sf) };
    for (const property of app.properties) {
      if (!isPropertyAssignment(property)) continue;
      const key = propertyNameText(property.name);
      if (key === 'name' || key === 'cwd' || key === 'script') {
        const value = literalValue(property.initializer);
        if (value?.valueKind === 'string') found[key] = value.value;
      } else if (key !== undefined && ENV_BLOCK.test(key)) {
        const block = objectOf(property.initializer, ctx.sf);
        if (block) found.environments.push({ name: key, entries: envEntries(block, ctx) });
      }
    }
    if (found.environments.length > 0 || found.name !== undefined) out.push(found);
  }
  return out;
}

/** `KEY: 'literal'` (strings, numbers, booleans as text) of an environment block; anything else is left out. */
function envEntries(block: ts.ObjectLiteralExpression, ctx: ExtractContext): EnvFileEntry[] {
  const entries: EnvFileEntry[] = [];
  for (const property of block.properties) {
    if (!isPropertyAssignment(property)) continue;
    const key = propertyNameText(property.name);
    const value = literalValue(property.initializer);
    if (key === undefined || !value) continue;
    entries.push({ key, value: value.value, keySpan: nodeSpan(property.name, ctx.sf), valueSpan: nodeSpan(value.node, ctx.sf) });
  }
  return entries;
}

/** What `module.exports = …` or `export default …` gives, as an object literal. */
function exportedObject(sf: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  for (const statement of sf.statements) {
    let value: ts.Expression | undefined;
    if (isExportAssignment(statement)) value = statement.expression;
    else if (isExpressionStatement(statement) && isBinaryExpression(statement.expression)) {
      const { left, operatorToken, right } = statement.expression;
      if (operatorToken.kind === EqualsToken && isModuleExports(left)) value = right;
    }
    const object = value && objectOf(value, sf);
    if (object) return object;
  }
  return undefined;
}

function isModuleExports(e: ts.Expression): boolean {
  return isPropertyAccessExpression(e) && e.name.text === 'exports' && isIdentifier(e.expression) && e.expression.text === 'module';
}

/** An object literal, directly or through a top-level `const` of the file (`const config = { apps }; module.exports = config`). */
function objectOf(expr: ts.Expression, sf: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  const e = unwrapExpression(expr);
  if (isObjectLiteralExpression(e)) return e;
  if (!isIdentifier(e)) return undefined;
  for (const statement of sf.statements) {
    if (!isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (isIdentifier(declaration.name) && declaration.name.text === e.text && declaration.initializer) {
        const init = unwrapExpression(declaration.initializer);
        return isObjectLiteralExpression(init) ? init : undefined;
      }
    }
  }
  return undefined;
}

/** The value of `key: …` (or the shorthand `{ apps }`, through its constant) in `object`. */
function propertyValue(object: ts.ObjectLiteralExpression, key: string, sf: ts.SourceFile): ts.Expression | undefined {
  for (const property of object.properties) {
    if (isPropertyAssignment(property) && propertyNameText(property.name) === key) return unwrapExpression(property.initializer);
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === key) return constantOf(property.name.text, sf);
  }
  return undefined;
}

function constantOf(name: string, sf: ts.SourceFile): ts.Expression | undefined {
  for (const statement of sf.statements) {
    if (!isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations)
      if (isIdentifier(declaration.name) && declaration.name.text === name && declaration.initializer)
        return unwrapExpression(declaration.initializer);
  }
  return undefined;
}
