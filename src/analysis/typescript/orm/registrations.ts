/**
 * Entities a service registers with its ORM connection: the `entities: [Order, OrderItem]` of
 * its DataSource / `TypeOrmModule.forRoot` / MikroORM options, and `TypeOrmModule.forFeature([…])`,
 * `MikroOrmModule.forFeature([…])`, `SequelizeModule.forFeature([…])`. A registration is not an
 * access; it is the evidence of which service's database holds an entity that shared code
 * (an Nx `libs/` folder) defines, which the model needs when no migration says it.
 */
import ts from '../ts.js';
import type { OrmRegistration } from '../../facts.js';
import { nodeSpan, type ExtractContext } from '../context.js';
import { propertyNameText, unwrapExpression } from '../scope.js';
import { isPascal, originOf, type MemberCall } from './shared.js';
import { literalText } from '../literals.js';

const {
  isArrayLiteralExpression,
  isBinaryExpression,
  isCallExpression,
  isIdentifier,
  isObjectLiteralExpression,
  isPropertyAssignment,
  isSpreadAssignment,
  isTemplateExpression,
  isVariableDeclaration,
} = ts;
const { FalseKeyword, PlusToken } = ts.SyntaxKind;

/** `XOrmModule.forFeature` receivers and the library each stands for. */
const FEATURE_MODULES: Record<string, string> = {
  TypeOrmModule: 'typeorm',
  MikroOrmModule: 'mikro-orm',
  SequelizeModule: 'sequelize',
};

/** `entities: [A, B]` in any object literal (connection options are often a plain exported object), or `entities: ENTITIES`. */
export function entitiesProperty(ctx: ExtractContext, property: ts.PropertyAssignment): void {
  const name = propertyNameText(property.name);
  if ((name === 'entities' || name === 'autoLoadEntities') && isObjectLiteralExpression(property.parent)) connection(ctx, property);
  if (name !== 'entities') return;
  register(ctx, '*', property.initializer);
  for (const element of entityList(ctx, property.initializer)) {
    const glob = entityGlob(ctx, unwrapExpression(element));
    if (glob) (ctx.facts.ormEntityGlobs ??= []).push({ ...glob, fileSpan: nodeSpan(element, ctx.sf) });
  }
}

/**
 * TypeORM connection options (the object holding `entities` / `autoLoadEntities`): whether schema sync
 * may create tables from them. Only `synchronize: false` or no `synchronize` (TypeORM's default) says
 * it never does; `true`, an expression, or a spread that may carry the option, says it may. Once per
 * object (an object with both keys is one connection).
 */
function connection(ctx: ExtractContext, property: ts.PropertyAssignment): void {
  const options = property.parent;
  const first = options.properties.find(
    (p) => isPropertyAssignment(p) && ['entities', 'autoLoadEntities'].includes(propertyNameText(p.name) ?? ''),
  );
  if (first !== property) return;
  const setting = options.properties.find((p) => p.name !== undefined && propertyNameText(p.name) === 'synchronize');
  const spread = options.properties.some((p) => isSpreadAssignment(p));
  const synchronizes = setting ? !(isPropertyAssignment(setting) && unwrapExpression(setting.initializer).kind === FalseKeyword) : spread;
  (ctx.facts.ormConnections ??= []).push({ synchronizes, fileSpan: nodeSpan(property, ctx.sf) });
}

/**
 * A path glob among the entities: `'dist/**\/*.entity.js'` (from the working directory),
 * `__dirname + '/../**\/*.entity{.ts,.js}'`, `` `${__dirname}/entities/*.js` ``,
 * `path.join(__dirname, '..', '**', '*.entity.{ts,js}')` (from the file's folder).
 */
function entityGlob(ctx: ExtractContext, e: ts.Expression): { pattern: string; relativeTo: 'file' | 'cwd' } | undefined {
  const text = literalText(e);
  if (text !== undefined) return globOf(text, 'cwd');
  if (isBinaryExpression(e) && e.operatorToken.kind === PlusToken && isDirname(e.left)) {
    const rest = literalText(unwrapExpression(e.right));
    return rest === undefined ? undefined : globOf(rest, 'file');
  }
  if (isTemplateExpression(e) && e.head.text === '' && e.templateSpans.length === 1 && isDirname(e.templateSpans[0].expression))
    return globOf(e.templateSpans[0].literal.text, 'file');
  if (isCallExpression(e) && /^(?:path\.)?(?:join|resolve)$/.test(e.expression.getText(ctx.sf)) && e.arguments.length >= 2) {
    const [first, ...rest] = e.arguments.map((a) => unwrapExpression(a));
    const parts = rest.map((part) => literalText(part));
    if (!isDirname(first) || parts.some((p) => p === undefined)) return undefined;
    return globOf(parts.join('/'), 'file');
  }
  return undefined;
}

const isDirname = (e: ts.Expression) => isIdentifier(unwrapExpression(e)) && (unwrapExpression(e) as ts.Identifier).text === '__dirname';

/** Only a path with glob syntax or a script extension is a glob of entity files. */
function globOf(text: string, relativeTo: 'file' | 'cwd'): { pattern: string; relativeTo: 'file' | 'cwd' } | undefined {
  // After `__dirname +` the path starts with `/`; from the working directory, an absolute path leaves the repository.
  let pattern = text.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  if (relativeTo === 'file') pattern = pattern.replace(/^\//, '');
  pattern = pattern.replace(/^(?:\.\/)+/, '');
  if (!/[*{]|\.[cm]?[jt]s$/.test(pattern) || pattern.startsWith('/') || /^[a-z]+:/i.test(pattern)) return undefined;
  return { pattern, relativeTo };
}

/** `TypeOrmModule.forFeature([A, B])` and its MikroORM and Sequelize counterparts. */
export function forFeatureCall(ctx: ExtractContext, c: MemberCall): boolean {
  if (c.method !== 'forFeature' || !isIdentifier(c.receiver) || !Object.hasOwn(FEATURE_MODULES, c.receiver.text)) return false;
  register(ctx, FEATURE_MODULES[c.receiver.text], c.args[0]);
  return true;
}

function register(ctx: ExtractContext, library: string, list: ts.Expression | undefined): void {
  for (const element of entityList(ctx, list)) {
    const e = unwrapExpression(element);
    // Glob strings (`'dist/**/*.entity.js'`), spreads and calls name no class the model can follow.
    if (!isIdentifier(e) || !isPascal(e.text)) continue;
    const origin = originOf(ctx, e);
    const registration: OrmRegistration = { library, symbol: e.text, fileSpan: nodeSpan(e, ctx.sf) };
    if (origin) registration.origin = origin;
    (ctx.facts.ormRegistrations ??= []).push(registration);
  }
}

/** The elements of an array literal, or of the array a `const` of the file holds (`entities: ENTITIES`). */
function entityList(ctx: ExtractContext, list: ts.Expression | undefined): readonly ts.Expression[] {
  const e = list && unwrapExpression(list);
  if (!e) return [];
  if (isArrayLiteralExpression(e)) return e.elements;
  if (!isIdentifier(e)) return [];
  const binding = ctx.scopes.lookup(e.text, e);
  const declaration = binding?.kind === 'const' ? binding.id.parent : undefined;
  const init = declaration && isVariableDeclaration(declaration) && declaration.initializer && unwrapExpression(declaration.initializer);
  return init && isArrayLiteralExpression(init) ? init.elements : [];
}
