/**
 * The reverting half of a code migration: the function named `down` of a knex, Sequelize
 * (umzug) or TypeORM migration. Its DDL (`dropTable`, a rename back) undoes the `up` half and
 * changes no table's history, so the model skips DDL inside it.
 */
import ts from './ts.js';
import { lastName } from './context.js';
import { propertyNameText, unwrapExpression } from './scope.js';

const {
  isArrowFunction,
  isBinaryExpression,
  isFunctionDeclaration,
  isFunctionExpression,
  isIdentifier,
  isMethodDeclaration,
  isPropertyAssignment,
  isVariableDeclaration,
} = ts;
const { EqualsToken } = ts.SyntaxKind;

const DOWN = 'down';

function isFunctionValue(e: ts.Expression | undefined): e is ts.ArrowFunction | ts.FunctionExpression {
  if (!e) return false;
  const u = unwrapExpression(e);
  return isArrowFunction(u) || isFunctionExpression(u);
}

/**
 * The `down` function `node` declares, if any: `export async function down()`, a class or object
 * method `down()`, `down: async (queryInterface) => …`, `exports.down = …`,
 * `module.exports.down = …`, `const down = async (knex) => …`.
 */
export function migrationDownOf(node: ts.Node): ts.Node | undefined {
  if (isFunctionDeclaration(node) || isMethodDeclaration(node)) {
    return node.body && node.name && propertyNameText(node.name) === DOWN ? node : undefined;
  }
  if (isPropertyAssignment(node))
    return propertyNameText(node.name) === DOWN && isFunctionValue(node.initializer) ? node.initializer : undefined;
  if (isVariableDeclaration(node))
    return isIdentifier(node.name) && node.name.text === DOWN && isFunctionValue(node.initializer) ? node.initializer : undefined;
  if (isBinaryExpression(node) && node.operatorToken.kind === EqualsToken) {
    return lastName(node.left) === DOWN && isFunctionValue(node.right) ? node.right : undefined;
  }
  return undefined;
}

/**
 * `up` or `down` when `fn` is a migration's function of that name (in any of the forms
 * `migrationDownOf` knows), undefined otherwise: its first parameter is the migration builder
 * of tools that pass one (node-pg-migrate's `pgm`, db-migrate's `db`).
 */
export function migrationPhaseOf(fn: ts.Node): 'up' | 'down' | undefined {
  const named = (name: string | undefined) => (name === 'up' || name === 'down' ? name : undefined);
  if (isFunctionDeclaration(fn) || isMethodDeclaration(fn)) return fn.name ? named(propertyNameText(fn.name)) : undefined;
  if (!isArrowFunction(fn) && !isFunctionExpression(fn)) return undefined;
  let n: ts.Node = fn;
  while (n.parent && n.parent.kind === ts.SyntaxKind.ParenthesizedExpression) n = n.parent;
  const p = n.parent;
  if (!p) return undefined;
  if (isPropertyAssignment(p) && p.initializer === n) return named(propertyNameText(p.name));
  if (isVariableDeclaration(p) && p.initializer === n && isIdentifier(p.name)) return named(p.name.text);
  if (isBinaryExpression(p) && p.operatorToken.kind === EqualsToken && p.right === n) return named(lastName(p.left));
  return undefined;
}

/**
 * The helper methods of a migration class that only its `down` reaches (`async down(qr) { await this.dropTables(qr) }`):
 * part of the reverting half, as `down`'s own body is. Calls are followed through `this.name(…)` from method to method;
 * a helper `up` also reaches (directly or through another helper) is part of `up` (flowise's
 * `await this.deleteTempTable(queryRunner)` in `up`), and a class without both `up` and `down` has none.
 */
export function downOnlyHelpers(cls: ts.ClassLikeDeclaration): ts.MethodDeclaration[] {
  const methods = new Map<string, ts.MethodDeclaration>();
  for (const member of cls.members) {
    if (!isMethodDeclaration(member) || !member.body) continue;
    const name = propertyNameText(member.name);
    if (name !== undefined) methods.set(name, member);
  }
  if (!methods.has('up') || !methods.has(DOWN)) return [];
  const reached = (from: string): Set<string> => {
    const seen = new Set<string>([from]);
    const queue = [from];
    while (queue.length > 0) {
      const body = methods.get(queue.pop() as string)?.body;
      if (body) {
        for (const callee of thisMethodCalls(body)) {
          if (!seen.has(callee) && methods.has(callee)) {
            seen.add(callee);
            queue.push(callee);
          }
        }
      }
    }
    return seen;
  };
  const fromUp = reached('up');
  return [...reached(DOWN)].flatMap((name) => (name === DOWN || fromUp.has(name) ? [] : [methods.get(name) as ts.MethodDeclaration]));
}

/** The names of `this.name(…)` calls in `body`, outside nested functions with a `this` of their own. */
function thisMethodCalls(body: ts.Node): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionDeclaration(node) || isFunctionExpression(node) || ts.isClassLike(node)) return;
    if (ts.isCallExpression(node)) {
      const callee = unwrapExpression(node.expression);
      if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) out.push(callee.name.text);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}
