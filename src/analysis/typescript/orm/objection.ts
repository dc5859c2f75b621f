/**
 * Objection.js models: a class with a static `tableName` (`static tableName = 'users'`, or
 * `static get tableName() { return 'users'; }`) maps to that table, and the `join` / `through`
 * columns of its `relationMappings` (`{ from: 'users.id', to: 'api_keys.user_id' }`) name the
 * tables its relations read. A model declares no table — knex migrations create it — so its
 * definition only maps (a read-only model of another service's table is an access, not a second
 * owner). Uses are model statics (`User.query()`, model-statics.ts).
 */
import ts from '../ts.js';
import { nodeSpan, type ExtractContext } from '../context.js';
import { hasModifier, propertyNameText, unwrapExpression } from '../scope.js';
import { declaredName, nameArg, objectProp, originOf, pushRef, pushSnakeCaseMapper, type NameArg } from './shared.js';

const {
  forEachChild,
  isArrayLiteralExpression,
  isArrowFunction,
  isBlock,
  isClassDeclaration,
  isGetAccessorDeclaration,
  isIdentifier,
  isObjectLiteralExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isPropertyDeclaration,
  isReturnStatement,
} = ts;
const { StaticKeyword, ExtendsKeyword } = ts.SyntaxKind;

const LIBRARY = 'objection';

/**
 * `knexSnakeCaseMappers(options?)` (`objection.knexSnakeCaseMappers()`) in a file that imports objection: spread into a
 * knex config (`Knex({ client, ...knexSnakeCaseMappers() })`), it snake_cases every identifier knex sends. Objection's
 * `snakeCaseMappers()` (a model's `columnNameMappers`) maps columns only and is not one.
 */
export function knexSnakeCaseMappersCall(ctx: ExtractContext, call: ts.CallExpression): boolean {
  const callee = unwrapExpression(call.expression);
  const name = isIdentifier(callee) ? callee : isPropertyAccessExpression(callee) ? callee.name : undefined;
  if (name?.text !== 'knexSnakeCaseMappers' || !ctx.facts.imports.some((i) => i.specifier === 'objection')) return false;
  pushSnakeCaseMapper(ctx, 'knex', name, call.arguments[0]);
  return true;
}

/** `class User extends Model { static tableName = 'users' }`: the mapping, and its relations' tables. */
export function objectionModel(ctx: ExtractContext, node: ts.ClassLikeDeclaration): void {
  if (!node.heritageClauses?.some((h) => h.token === ExtendsKeyword)) return;
  const symbol = node.name?.text ?? (isClassDeclaration(node) ? undefined : declaredName(node));
  if (!symbol) return;
  let table: NameArg | undefined;
  let relations: ts.Node | undefined;
  for (const member of node.members) {
    if (!member.name || !hasModifier(member, StaticKeyword)) continue;
    const name = propertyNameText(member.name);
    if (name === 'tableName') table = nameArg(ctx, staticValue(member));
    else if (name === 'relationMappings') relations = isPropertyDeclaration(member) ? member.initializer : member;
  }
  if (!table || !/^[A-Za-z_][\w$]*(?:\.[A-Za-z_][\w$]*)?$/.test(table.value)) return;
  const dot = table.value.indexOf('.');
  const at = (offset: number, length: number) =>
    table.exactAt !== undefined ? { start: table.exactAt + offset, end: table.exactAt + offset + length } : table.span;
  ctx.facts.ormEntities.push(
    dot > 0
      ? {
          library: LIBRARY,
          symbol,
          table: table.value.slice(dot + 1),
          qualifier: table.value.slice(0, dot),
          fileSpan: at(0, table.value.length),
          mapsOnly: true,
        }
      : { library: LIBRARY, symbol, table: table.value, fileSpan: at(0, table.value.length), mapsOnly: true },
  );
  if (relations) {
    relationTables(ctx, relations);
    relationMappings(ctx, relations, symbol, table.value);
  }
}

/**
 * Each `relationMappings` entry (`pets: { relation, modelClass: Animal, join: { from, to } }`) as a
 * relation of the model: to its `modelClass` when that is a class the file names, else to the table
 * its join's far end names (the end that is not the model's own table).
 */
function relationMappings(ctx: ExtractContext, root: ts.Node, owner: string, ownTable: string): void {
  const visit = (n: ts.Node): void => {
    if (isObjectLiteralExpression(n) && n.properties.some((p) => isPropertyAssignment(p) && objectProp(p.initializer, 'join'))) {
      for (const p of n.properties) {
        if (!isPropertyAssignment(p)) continue;
        const name = propertyNameText(p.name);
        const join = objectProp(p.initializer, 'join');
        if (!name || !join) continue;
        const modelClass = objectProp(p.initializer, 'modelClass');
        const target = modelClass && unwrapExpression(modelClass);
        const at = nodeSpan(p.name, ctx.sf);
        if (target && isIdentifier(target)) {
          const targetOrigin = originOf(ctx, target);
          (ctx.facts.ormRelations ??= []).push({
            library: LIBRARY,
            owner,
            name,
            target: target.text,
            ...(targetOrigin ? { targetOrigin } : {}),
            fileSpan: at,
          });
          continue;
        }
        const far = joinTables(ctx, join).find((t) => t.toLowerCase() !== ownTable.toLowerCase());
        if (!far) continue;
        const dot = far.indexOf('.');
        (ctx.facts.ormRelations ??= []).push(
          dot > 0
            ? { library: LIBRARY, owner, name, table: far.slice(dot + 1), qualifier: far.slice(0, dot), fileSpan: at }
            : { library: LIBRARY, owner, name, table: far, fileSpan: at },
        );
      }
      return;
    }
    if (isArrowFunction(n) || isBlock(n) || !ts.isClassLike(n)) forEachChild(n, visit);
  };
  visit(root);
}

/** The tables of a join's `to` then `from` ends (`'animals.owner_id'` → `animals`). */
function joinTables(ctx: ExtractContext, join: ts.Expression): string[] {
  const out: string[] = [];
  for (const key of ['to', 'from']) {
    for (const column of columnsOf(objectProp(join, key))) {
      const value = nameArg(ctx, column)?.value;
      const dot = value?.lastIndexOf('.') ?? -1;
      if (value && dot > 0) out.push(value.slice(0, dot));
    }
  }
  return out;
}

/** The value of `static x = v`, or what `static get x() { return v; }` returns. */
function staticValue(member: ts.ClassElement): ts.Expression | undefined {
  if (isPropertyDeclaration(member)) return member.initializer;
  if (isGetAccessorDeclaration(member) && member.body) return soleReturn(member.body);
  return undefined;
}

function soleReturn(body: ts.Block): ts.Expression | undefined {
  const returns = body.statements.filter(isReturnStatement);
  return returns.length === 1 && body.statements.length === 1 ? returns[0].expression : undefined;
}

/**
 * The tables of every `join: { from, to, through: { from, to } }` under `relationMappings` (an
 * object, a function or getter returning one): `'users.id'`, or a list of them for composite keys.
 */
function relationTables(ctx: ExtractContext, root: ts.Node): void {
  const visit = (n: ts.Node): void => {
    if (isPropertyAssignment(n) && propertyNameText(n.name) === 'join') {
      const join = unwrapExpression(n.initializer);
      if (isObjectLiteralExpression(join)) {
        for (const end of [join, objectProp(join, 'through')]) {
          for (const key of ['from', 'to']) for (const column of columnsOf(objectProp(end, key))) pushColumnTable(ctx, column);
        }
        return;
      }
    }
    // Function bodies of `relationMappings = () => ({ … })` and getters are part of it; nested classes are not.
    if (isArrowFunction(n) || isBlock(n) || !ts.isClassLike(n)) forEachChild(n, visit);
  };
  visit(root);
}

function columnsOf(value: ts.Expression | undefined): ts.Expression[] {
  if (!value) return [];
  const v = unwrapExpression(value);
  return isArrayLiteralExpression(v) ? [...v.elements] : [v];
}

/** `'users.id'` → a read of `users` at its name (`'auth.users.id'` → `auth.users`); a bare column names no table. */
function pushColumnTable(ctx: ExtractContext, expr: ts.Expression): void {
  const arg = nameArg(ctx, expr);
  if (!arg) return;
  const dot = arg.value.lastIndexOf('.');
  if (dot <= 0) return;
  const value = arg.value.slice(0, dot);
  pushRef(
    ctx,
    arg.exactAt !== undefined
      ? { value, span: { start: arg.exactAt, end: arg.exactAt + dot }, exactAt: arg.exactAt }
      : { value, span: arg.span },
    'select',
    LIBRARY,
  );
}
