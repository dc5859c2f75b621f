/**
 * Tables a project declares through its own migration helpers and schema modules rather than a library's API
 * (HELDOUT9 #2, #11):
 *
 * - a helper whose first argument is the table it creates, in a migration: Ghost's `addTable('suppressions', {…})`
 *   and `commands.createTable('gift_links', knex, spec)`, n8n's DSL `createTable('agents').withColumns(…)` (its
 *   `schemaBuilder` destructured in `up`) — `addTable` / `createTable` called bare or on any receiver, `dropTable`
 *   called bare. Only in a file under a `migrations/` (or `migration/`) folder: elsewhere `doc.createTable('orders')`
 *   is a PDF's or a UI's table as often as a database's;
 * - a knex-migrator schema module (Ghost's `core/server/data/schema/schema.js`, which knex-migrator's `init` turns
 *   into tables with `commands.createTable(name)` for each key): `module.exports = { posts: { id: { type: 'string',
 *   maxlength: 24, nullable: false, primary: true }, … }, … }`. Its evidence is the path — a module named `schema`
 *   or in a `schema/` folder — and the shape: an object of tables whose columns are column specs with a `type`
 *   string, and knex column options (`maxlength`, `defaultTo`, `primary`, `references`, `unsigned`)
 *   among them. A JSON Schema or OpenAPI document (`type` with `properties`, camelCase `maxLength`) or a GraphQL
 *   type map elsewhere declares nothing.
 */
import ts from '../ts.js';
import type { ExtractContext } from '../context.js';
import { propertyNameText, unwrapExpression } from '../scope.js';
import { nameArg, pushRef, tableActionOf, type MemberCall } from './shared.js';
import { stringLiteralBody } from '../literals.js';

const {
  isBinaryExpression,
  isExportAssignment,
  isExpressionStatement,
  isIdentifier,
  isObjectLiteralExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isStringLiteral,
  SyntaxKind,
} = ts;

const LIBRARY = 'migration-helper';
/** A migrations folder in the file's path (the model decides which files are its service's migrations; this is the helper's evidence). */
const MIGRATIONS_PATH = /(?:^|\/)migrations?\//i;
const TABLE_NAME = /^[A-Za-z_][\w$]*$/;

/** Helpers called bare whose first argument is a table, by what they do to it. */
const BARE_HELPERS: Record<string, 'create' | 'drop'> = { addTable: 'create', createTable: 'create', dropTable: 'drop' };
/** Helpers called on any receiver (`commands.createTable('gift_links', knex, spec)`). */
const MEMBER_HELPERS: Record<string, 'create'> = { addTable: 'create', createTable: 'create' };

function inMigrations(ctx: ExtractContext): boolean {
  return MIGRATIONS_PATH.test(ctx.sf.fileName.replace(/\\/g, '/'));
}

/** `addTable('suppressions', {…})`, `createTable('agents')`, `dropTable('agents')` called bare in a migration. */
export function bareHelperCall(ctx: ExtractContext, callee: ts.Identifier, call: ts.CallExpression): boolean {
  const action = tableActionOf(BARE_HELPERS, callee.text);
  if (!action || call.arguments.length < 1 || !inMigrations(ctx)) return false;
  return pushHelperTable(ctx, call.arguments[0], action);
}

/** `commands.createTable('gift_links', knex, spec)`, `utils.addTable('x', spec)` in a migration (after the libraries' readers). */
export function memberHelperCall(ctx: ExtractContext, c: MemberCall): boolean {
  const action = tableActionOf(MEMBER_HELPERS, c.method);
  if (!action || c.args.length < 1 || !inMigrations(ctx)) return false;
  return pushHelperTable(ctx, c.args[0], action);
}

function pushHelperTable(ctx: ExtractContext, arg: ts.Expression, action: 'create' | 'drop'): boolean {
  const name = nameArg(ctx, arg);
  if (!name || !TABLE_NAME.test(name.value.trim())) return false;
  pushRef(ctx, name, action, LIBRARY);
  return true;
}

/** A module named `schema`, or in a `schema/` folder: where knex-migrator (and projects like it) keep the table specs. */
const SCHEMA_MODULE_PATH = /(?:^|\/)schema(?:\/[^/]+|\.[cm]?[jt]s)$/i;
/** knex column options a column spec carries (JSON Schema spells `maxLength`, has no `defaultTo`, `primary`, `references`; OpenAPI has `nullable` too). */
const COLUMN_OPTIONS = new Set(['maxlength', 'defaultTo', 'primary', 'references', 'unsigned']);

/** The tables of a knex-migrator schema module's `module.exports = { table: { column: { type: … } } }`. */
export function schemaModuleTables(ctx: ExtractContext): void {
  if (!SCHEMA_MODULE_PATH.test(ctx.sf.fileName.replace(/\\/g, '/'))) return;
  for (const statement of ctx.sf.statements) {
    const exported = exportedObject(statement);
    if (!exported) continue;
    const tables: Array<ts.StringLiteral | ts.Identifier> = [];
    let options = false;
    for (const p of exported.properties) {
      if (!isPropertyAssignment(p)) continue;
      const table = unwrapExpression(p.initializer);
      if (!isObjectLiteralExpression(table)) continue;
      const spec = columnSpecs(table);
      if (!spec.columns) continue;
      options ||= spec.options;
      if ((isIdentifier(p.name) || isStringLiteral(p.name)) && TABLE_NAME.test(p.name.text)) tables.push(p.name);
    }
    if (!options) continue;
    for (const name of tables) {
      const span = isStringLiteral(name) ? stringLiteralBody(name, ctx.sf, ctx.text) : { start: name.getStart(ctx.sf), end: name.end };
      pushRef(ctx, { value: name.text, span, exactAt: span.start }, 'create', 'knex-migrator');
    }
  }
}

/** `module.exports = {…}`, `export default {…}`, `export = {…}`. */
function exportedObject(statement: ts.Statement): ts.ObjectLiteralExpression | undefined {
  let value: ts.Expression | undefined;
  if (isExportAssignment(statement)) value = statement.expression;
  else if (isExpressionStatement(statement) && isBinaryExpression(statement.expression)) {
    const { left, operatorToken, right } = statement.expression;
    if (
      operatorToken.kind === SyntaxKind.EqualsToken &&
      isPropertyAccessExpression(left) &&
      isIdentifier(left.expression) &&
      left.expression.text === 'module' &&
      left.name.text === 'exports'
    )
      value = right;
  }
  const v = value && unwrapExpression(value);
  return v && isObjectLiteralExpression(v) ? v : undefined;
}

/**
 * Whether every property of a table's object that is an object is a column spec (a `type` string, no `properties`),
 * with at least one; and whether one carries a knex column option. Keys that are no columns (knex-migrator's
 * `@@INDEXES@@`, `@@UNIQUE_CONSTRAINTS@@` arrays) are left alone.
 */
function columnSpecs(table: ts.ObjectLiteralExpression): { columns: boolean; options: boolean } {
  let columns = 0;
  let options = false;
  for (const p of table.properties) {
    if (!isPropertyAssignment(p)) continue;
    const column = unwrapExpression(p.initializer);
    if (!isObjectLiteralExpression(column)) continue;
    let typed = false;
    for (const q of column.properties) {
      if (!isPropertyAssignment(q)) continue;
      const key = propertyNameText(q.name);
      if (key === 'properties' || key === 'items') return { columns: false, options: false };
      if (key === 'type') typed = isStringLiteral(unwrapExpression(q.initializer));
      else if (key !== undefined && COLUMN_OPTIONS.has(key)) options = true;
    }
    if (!typed) return { columns: false, options: false };
    columns++;
  }
  return { columns: columns > 0, options };
}
