/**
 * The engine a client check around a piece of code names. A knex, TypeORM or Sequelize project that runs on several
 * engines keeps each engine's SQL behind a check of the client it was given (backstage's catalog-backend):
 *
 *   if (knex.client.config.client.includes('mysql')) await knex.raw('SHOW INDEX FROM `search` …')
 *   const client = knex.client.config.client; if (client === 'pg') … else if (client.includes('mysql')) …
 *   if (isMysql(knex)) …   if (this.isSQLite) …   switch (dialect) { case 'mysql': case 'mariadb': … }
 *   async function syncMysql(knex) { … }   async function mysqlDropIndexIfExists(knex, name) { … }
 *
 * The nearest such check around the code decides: the branch a condition names an engine for (the `else` of a negated
 * one: `if (!client.includes('sqlite3')) … else …`), a `case` of engine values, or a function whose name names one
 * engine. A condition or name naming two engines decides nothing, nor does an `else` of a positive check (which of the
 * others is not said).
 */
import ts from './ts.js';
import type { Dialect, UnparsedEngine } from '../facts.js';
import { optionValueDialect, optionValueUnparsedEngine } from '../database-packages.js';
import { lastName } from './context.js';
import { unwrapExpression } from './scope.js';
import { literalText } from './literals.js';

export type GuardEngine = Dialect | UnparsedEngine;

const {
  isArrayLiteralExpression,
  isArrowFunction,
  isBinaryExpression,
  isCallExpression,
  isCaseClause,
  isConditionalExpression,
  isFunctionDeclaration,
  isFunctionExpression,
  isIdentifier,
  isIfStatement,
  isMethodDeclaration,
  isPrefixUnaryExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isRegularExpressionLiteral,
  isStringLiteral,
  isVariableDeclaration,
} = ts;
const { SyntaxKind } = ts;

/** The engine a client value names (`'mysql2'`, `'pg'`, `'sqlite3'`, `'mssql'`, `'oracledb'`); undefined for others. */
function clientValueEngine(value: string): GuardEngine | undefined {
  return optionValueDialect(value) ?? optionValueUnparsedEngine(value);
}

/** The engine a part of a client value names, as `client.includes('mysql')` tests it (`'better-sqlite'`, `'postgres'`). */
function clientPartEngine(part: string): GuardEngine | undefined {
  const exact = clientValueEngine(part);
  if (exact) return exact;
  const engines = new Set<GuardEngine>();
  const v = part.toLowerCase();
  if (/mysql|mariadb/.test(v)) engines.add('mysql');
  if (/postgres|pgsql|cockroach/.test(v)) engines.add('postgresql');
  if (/sqlite/.test(v)) engines.add('sqlite');
  if (/mssql|sqlserver|tedious/.test(v)) engines.add('sqlserver');
  if (/oracle/.test(v)) engines.add('oracle');
  return engines.size === 1 ? [...engines][0] : undefined;
}

/** Engine words in a name, longest first so `pgsql` is not read as `pg`, `mysql2` not as `mysql`. */
const NAME_WORDS = /postgresql|postgres|pgsql|pg|mysql2|mysql|mariadb|sqlite3|sqlite|mssql|sqlserver|oracle/gi;
const ALNUM = /[A-Za-z0-9]/;
const isUpper = (c: string | undefined): boolean => c !== undefined && c >= 'A' && c <= 'Z';

/**
 * The one engine a name's words name (`syncMysql`, `mysqlDropIndexIfExists`, `isSQLite`, `upPostgres`, `ensurePgIndex`,
 * `MYSQL_ONLY`): an engine word standing as a word of the name (camelCase, `_`, `-`), not inside one (`upgrade`).
 * Undefined when the name names none, or two (`copyMysqlToPg`).
 */
export function nameEngine(name: string): GuardEngine | undefined {
  const engines = new Set<GuardEngine>();
  for (const m of name.matchAll(NAME_WORDS)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = name[start - 1];
    const after = name[end];
    const startsWord = before === undefined || !ALNUM.test(before) || (isUpper(name[start]) && !isUpper(before));
    const endsWord = after === undefined || !ALNUM.test(after) || (isUpper(after) && !isUpper(name[end - 1]));
    if (!startsWord || !endsWord) continue;
    const engine = clientPartEngine(m[0]);
    if (engine) engines.add(engine);
  }
  return engines.size === 1 ? [...engines][0] : undefined;
}

/** A flag or predicate whose name asks for one engine: `isMysql`, `this.isSQLite`, `DatabaseInfo.isSQLite(knex)`, `usePostgres`. */
function predicateEngine(name: string | undefined): GuardEngine | undefined {
  if (name === undefined || !/^(?:is|use|uses|on)[A-Z_]/.test(name)) return undefined;
  return nameEngine(name);
}

/** What a condition says of the engine when it holds (`yes`) and when it does not (`no`). */
interface Guard {
  yes?: GuardEngine;
  no?: GuardEngine;
}

/** Both sides' engine when they agree (or one says none), undefined when they name two. */
function agree(a: GuardEngine | undefined, b: GuardEngine | undefined): GuardEngine | undefined {
  return a && b && a !== b ? undefined : (a ?? b);
}

function stringValue(e: ts.Expression): string | undefined {
  const u = unwrapExpression(e);
  return literalText(u);
}

/** `['mysql', 'mysql2'].includes(client)`: the one engine every listed value names. */
function listEngine(list: ts.ArrayLiteralExpression): GuardEngine | undefined {
  let engine: GuardEngine | undefined;
  for (const element of list.elements) {
    const value = stringValue(element);
    const named = value === undefined ? undefined : clientValueEngine(value);
    if (!named || (engine && engine !== named)) return undefined;
    engine = named;
  }
  return engine;
}

function conditionGuard(expr: ts.Expression, depth = 0): Guard {
  const e = unwrapExpression(expr);
  if (depth > 20) return {};
  if (isPrefixUnaryExpression(e) && e.operator === SyntaxKind.ExclamationToken) {
    const inner = conditionGuard(e.operand, depth + 1);
    return { yes: inner.no, no: inner.yes };
  }
  if (isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === SyntaxKind.AmpersandAmpersandToken) {
      // Both hold: either's engine, when they do not name two.
      return { yes: agree(conditionGuard(e.left, depth + 1).yes, conditionGuard(e.right, depth + 1).yes) };
    }
    if (op === SyntaxKind.BarBarToken) {
      const [a, b] = [conditionGuard(e.left, depth + 1), conditionGuard(e.right, depth + 1)];
      // One of them holds: an engine only when both name the same; neither holds: either's `no`.
      return { yes: a.yes && a.yes === b.yes ? a.yes : undefined, no: agree(a.no, b.no) };
    }
    const equal = op === SyntaxKind.EqualsEqualsEqualsToken || op === SyntaxKind.EqualsEqualsToken;
    const unequal = op === SyntaxKind.ExclamationEqualsEqualsToken || op === SyntaxKind.ExclamationEqualsToken;
    if (!equal && !unequal) return {};
    const value = stringValue(e.right) ?? stringValue(e.left);
    const engine = value === undefined ? undefined : clientValueEngine(value);
    return equal ? { yes: engine } : { no: engine };
  }
  if (isCallExpression(e)) {
    const callee = unwrapExpression(e.expression);
    const name = lastName(callee);
    if (isPropertyAccessExpression(callee) && (name === 'includes' || name === 'startsWith' || name === 'endsWith')) {
      const receiver = unwrapExpression(callee.expression);
      // `['mysql', 'mysql2'].includes(client)`
      if (isArrayLiteralExpression(receiver)) return { yes: listEngine(receiver) };
      const part = e.arguments[0] ? stringValue(e.arguments[0]) : undefined;
      return { yes: part === undefined ? undefined : clientPartEngine(part) };
    }
    // `/mysql/i.test(client)`
    if (isPropertyAccessExpression(callee) && name === 'test' && isRegularExpressionLiteral(unwrapExpression(callee.expression))) {
      const source = (unwrapExpression(callee.expression) as ts.RegularExpressionLiteral).text;
      const body = source.slice(1, source.lastIndexOf('/'));
      return { yes: /^[\w-]+$/.test(body) ? clientPartEngine(body) : undefined };
    }
    return { yes: predicateEngine(name) };
  }
  if (isIdentifier(e) || isPropertyAccessExpression(e)) return { yes: predicateEngine(lastName(e)) };
  return {};
}

/** `case 'mysql': case 'mysql2': …`: the engine of the clause's label and of the empty clauses falling into it. */
function caseEngine(clause: ts.CaseClause): GuardEngine | undefined {
  const clauses = clause.parent.clauses;
  let i = clauses.indexOf(clause);
  let engine: GuardEngine | undefined;
  for (; i >= 0; i--) {
    const c = clauses[i];
    if (!isCaseClause(c) || (c !== clause && c.statements.length > 0)) break;
    const value = stringValue(c.expression);
    const named = value === undefined ? undefined : clientValueEngine(value);
    if (!named || (engine && engine !== named)) return undefined;
    engine = named;
  }
  return engine;
}

/** A function's own name, or the name it is given (`const syncMysql = async () => …`, `exports.upMysql = function …`). */
function functionName(fn: ts.Node): string | undefined {
  if ((isFunctionDeclaration(fn) || isFunctionExpression(fn) || isMethodDeclaration(fn)) && fn.name) {
    return isIdentifier(fn.name) || isStringLiteral(fn.name) ? fn.name.text : undefined;
  }
  if (!isFunctionExpression(fn) && !isArrowFunction(fn)) return undefined;
  const p = fn.parent;
  if (isVariableDeclaration(p) && isIdentifier(p.name)) return p.name.text;
  if (isPropertyAssignment(p) && (isIdentifier(p.name) || isStringLiteral(p.name))) return p.name.text;
  if (isBinaryExpression(p) && p.operatorToken.kind === SyntaxKind.EqualsToken) return lastName(p.left);
  return undefined;
}

/** The engine the nearest client check around `node` names (see above); undefined when none does. */
export function guardEngineOf(node: ts.Node): GuardEngine | undefined {
  let child: ts.Node = node;
  for (let p: ts.Node | undefined = node.parent; p; child = p, p = p.parent) {
    let engine: GuardEngine | undefined;
    if (isIfStatement(p)) {
      if (child === p.thenStatement) engine = conditionGuard(p.expression).yes;
      else if (child === p.elseStatement) engine = conditionGuard(p.expression).no;
    } else if (isConditionalExpression(p)) {
      if (child === p.whenTrue) engine = conditionGuard(p.condition).yes;
      else if (child === p.whenFalse) engine = conditionGuard(p.condition).no;
    } else if (isBinaryExpression(p) && p.operatorToken.kind === SyntaxKind.AmpersandAmpersandToken && child === p.right) {
      engine = conditionGuard(p.left).yes;
    } else if (isCaseClause(p)) {
      if (child !== p.expression) engine = caseEngine(p);
    } else if (isFunctionDeclaration(p) || isFunctionExpression(p) || isArrowFunction(p) || isMethodDeclaration(p)) {
      const name = functionName(p);
      engine = name === undefined ? undefined : nameEngine(name);
    }
    if (engine) return engine;
  }
  return undefined;
}
