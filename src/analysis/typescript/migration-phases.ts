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
