/**
 * Migration runners a module configures (ScriptFacts.migrationRunners): the folders it points them at and the
 * bookkeeping tables they record applied migrations in. Every runner numbers its own folder: process-engine's repository
 * packages each run an umzug over `path.join(__dirname, 'migrations')`, each from `01_…`; a knexfile's
 * `migrations: { directory: './db/migrations', tableName: 'migration' }` reads one folder and records it in `migration`.
 *
 * - `migrations: { path | pathTs | directory | glob }`: umzug 2 (`path`), umzug 3 (`glob: 'migrations/*.js'` or
 *   `glob: ['migrations/*.js', { cwd: __dirname }]`), knex (`directory`, one or a list), MikroORM (`path`, `pathTs`);
 *   knex's `tableName` beside them, and the `<tableName>_lock` knex keeps with it.
 * - `migrations: ['src/migrations/*.ts', __dirname + '/migrations/*.js']`: TypeORM's globs (class references are not folders).
 * - `storageOptions: { tableName, modelName }` (umzug 2's Sequelize storage) and `new SequelizeStorage({ tableName,
 *   modelName })` (umzug 3): the table, `tableName` else `modelName` (umzug's default, `SequelizeMeta`, is known anyway).
 *
 * Paths are evaluated statically (dotenv-loads.ts: literals, `__dirname`, `path.join` / `path.resolve`, constants, and
 * here `__dirname + '/…'`); anything else (a folder from the environment, a variable) is not guessed.
 */
import ts from './ts.js';
import type { MigrationRunnerFolder, MigrationRunnerSettings } from '../facts.js';
import { nodeSpan, type ExtractContext } from './context.js';
import { evaluatePath, type Evaluated } from './dotenv-loads.js';
import { propertyNameText, unwrapExpression } from './scope.js';

/** The options of a `migrations: …` property or of a storage, collected during the walk and read after it (constants known). */
export function isMigrationRunnerOption(node: ts.PropertyAssignment): boolean {
  const name = propertyNameText(node.name);
  return name === 'migrations' || name === 'storageOptions';
}

/** `new SequelizeStorage({ … })` (umzug 3). */
export function isSequelizeStorage(node: ts.NewExpression): boolean {
  const callee = unwrapExpression(node.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return name === 'SequelizeStorage';
}

/** The runners of the collected options (see the module comment); empty when none names a folder or a table. */
export function migrationRunnersOf(
  ctx: ExtractContext,
  nodes: readonly (ts.PropertyAssignment | ts.NewExpression)[],
): MigrationRunnerSettings[] {
  const out: MigrationRunnerSettings[] = [];
  for (const node of nodes) {
    const settings = ts.isNewExpression(node) ? storageSettings(ctx, node.arguments?.[0]) : optionSettings(ctx, node);
    if (settings && (settings.folders.length > 0 || settings.tables.length > 0)) out.push(settings);
  }
  return out;
}

function optionSettings(ctx: ExtractContext, node: ts.PropertyAssignment): MigrationRunnerSettings | undefined {
  if (propertyNameText(node.name) === 'storageOptions') return storageSettings(ctx, node.initializer);
  const value = unwrapExpression(node.initializer);
  if (ts.isArrayLiteralExpression(value)) {
    // TypeORM: a list of globs (or of migration classes, which name no folder).
    const folders = value.elements.flatMap((e) => folderOf(ctx, e));
    return { folders: unique(folders), tables: [], fileSpan: nodeSpan(value, ctx.sf) };
  }
  if (!ts.isObjectLiteralExpression(value)) return undefined;
  const folders: MigrationRunnerFolder[] = [];
  const tables: string[] = [];
  for (const property of value.properties) {
    if (!ts.isPropertyAssignment(property)) continue;
    const key = propertyNameText(property.name);
    const initializer = unwrapExpression(property.initializer);
    if (key === 'path' || key === 'pathTs' || key === 'directory') {
      const values = ts.isArrayLiteralExpression(initializer) ? initializer.elements : [initializer];
      for (const v of values) folders.push(...folderOf(ctx, v));
    } else if (key === 'glob') {
      folders.push(...globFolders(ctx, initializer));
    } else if (key === 'tableName') {
      // knex locks its runs in a table named after it (`knex_migrations_lock` beside `knex_migrations`).
      const table = literalText(initializer);
      if (table) tables.push(table, `${table}_lock`);
    }
  }
  return { folders: unique(folders), tables, fileSpan: nodeSpan(value, ctx.sf) };
}

/** umzug's Sequelize storage: `tableName`, else `modelName` (the model's table is named after it). */
function storageSettings(ctx: ExtractContext, expr: ts.Expression | undefined): MigrationRunnerSettings | undefined {
  const value = expr && unwrapExpression(expr);
  if (!value || !ts.isObjectLiteralExpression(value)) return undefined;
  const read = (key: string) => {
    const property = value.properties.find(
      (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === key,
    );
    return property && literalText(unwrapExpression(property.initializer));
  };
  const table = read('tableName') ?? read('modelName');
  return { folders: [], tables: table ? [table] : [], fileSpan: nodeSpan(value, ctx.sf) };
}

/** umzug 3's `glob`: a pattern, or `[pattern, { cwd }]` whose `cwd` is where the pattern starts. */
function globFolders(ctx: ExtractContext, expr: ts.Expression): MigrationRunnerFolder[] {
  if (!ts.isArrayLiteralExpression(expr)) return folderOf(ctx, expr);
  const [pattern, options] = expr.elements.map(unwrapExpression);
  if (!pattern) return [];
  const cwd =
    options && ts.isObjectLiteralExpression(options)
      ? options.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'cwd')
      : undefined;
  const start = cwd ? evaluated(ctx, cwd.initializer) : undefined;
  if (cwd && !start?.anchored) return [];
  const rest = evaluated(ctx, pattern);
  if (!rest) return [];
  if (!start || rest.anchored) return toFolder(rest);
  return toFolder({ ...start, parts: [...start.parts, ...rest.parts] });
}

function folderOf(ctx: ExtractContext, expr: ts.Expression): MigrationRunnerFolder[] {
  const value = evaluated(ctx, expr);
  return value ? toFolder(value) : [];
}

/** A path, with `__dirname + '/migrations'` read as `path.join(__dirname, 'migrations')`. */
function evaluated(ctx: ExtractContext, node: ts.Expression): Evaluated | undefined {
  const expr = unwrapExpression(node);
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = evaluated(ctx, expr.left);
    const right = literalText(unwrapExpression(expr.right));
    if (!left?.anchored || right === undefined) return undefined;
    return { ...left, parts: [...left.parts, right] };
  }
  return evaluatePath(ctx, expr);
}

const GLOB_SEGMENT = /[*?[\]{}!]/;

/**
 * The folder a path or glob names: segments up to the first glob one (`migrations/*.js` → `migrations`, with `below` for
 * `**`), normalised; a path naming a file (`migrations/index.js`) or leaving its base (`..` at the end) names none.
 */
function toFolder(value: Evaluated): MigrationRunnerFolder[] {
  const segments = value.parts
    .join('/')
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.');
  const firstGlob = segments.findIndex((s) => GLOB_SEGMENT.test(s));
  const fixed = firstGlob < 0 ? segments : segments.slice(0, firstGlob);
  const below = firstGlob >= 0 && segments.slice(firstGlob, -1).length > 0;
  if (firstGlob < 0 && fixed.length > 0 && /\.(?:[cm]?[jt]s|sql)$/.test(fixed[fixed.length - 1])) return [];
  const out: string[] = [];
  for (const part of fixed) {
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  if (out.length === 0 || out[out.length - 1] === '..') return [];
  return [{ base: value.base, path: out.join('/'), ...(below ? { below: true as const } : {}) }];
}

function literalText(expr: ts.Expression): string | undefined {
  return ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr) ? expr.text : undefined;
}

function unique(folders: MigrationRunnerFolder[]): MigrationRunnerFolder[] {
  const seen = new Set<string>();
  return folders.filter((f) => {
    const key = `${f.base}\0${f.path}\0${f.below ? 1 : 0}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
