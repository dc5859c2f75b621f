/**
 * Kysely's query builder: `db.selectFrom('t')`, `insertInto`, `replaceInto`, `updateTable`,
 * `deleteFrom`, `mergeInto` (a name, `'t as alias'`, `'schema.t'`, or a list of them), under
 * `withSchema('s')`. Its joins are the shared join reader's; its schema builder
 * (`db.schema.createTable`) is knex-shaped and read there.
 *
 * Only on a Kysely receiver: a `new Kysely(…)` of the file, a parameter or variable typed
 * `Kysely<…>` / `Transaction<…>`, or any receiver in a file that imports kysely or on a chain
 * that Kysely's own `execute…()` ends — `menu.selectFrom('orders')` elsewhere is no query.
 */
import ts from '../ts.js';
import type { TableAction } from '../../facts.js';
import type { ExtractContext } from '../context.js';
import { unwrapExpression } from '../scope.js';
import { chainOf, has, nameArg, pushRef, withSchemaOf, type MemberCall } from './shared.js';

const {
  forEachChild,
  isArrayLiteralExpression,
  isBinaryExpression,
  isIdentifier,
  isNewExpression,
  isParameter,
  isPropertyAssignment,
  isVariableDeclaration,
} = ts;
const { QuestionQuestionToken, BarBarToken } = ts.SyntaxKind;

const METHODS: Record<string, TableAction> = {
  selectFrom: 'select',
  insertInto: 'insert',
  replaceInto: 'insert',
  updateTable: 'update',
  deleteFrom: 'delete',
  mergeInto: 'update',
};

/** Methods that run a Kysely query: on a chain, they make its receiver a Kysely instance. */
const EXECUTE = ['execute', 'executeTakeFirst', 'executeTakeFirstOrThrow', 'stream'];
const KYSELY_TYPE = /^\s*(?:Kysely|Transaction|ControlledTransaction)\s*</;

export function kyselyCall(ctx: ExtractContext, c: MemberCall): boolean {
  const action = Object.hasOwn(METHODS, c.method) ? METHODS[c.method] : undefined;
  if (action === undefined || c.args.length < 1) return false;
  const chain = chainOf(c.call);
  const instance = kyselyInstance(ctx, chain.root);
  if (!instance && !importsKysely(ctx) && !has(chain.names, ...EXECUTE)) return true;
  const first = unwrapExpression(c.args[0]);
  const names = isArrayLiteralExpression(first) ? [...first.elements] : [first];
  const schema = withSchemaOf(ctx, chain);
  for (const name of names) {
    const pushed = pushRef(ctx, nameArg(ctx, name), action, LIBRARY, schema);
    if (pushed && instance?.database) ctx.facts.ormRefs[ctx.facts.ormRefs.length - 1].database = instance.database;
  }
  return true;
}

const LIBRARY = 'kysely';

function importsKysely(ctx: ExtractContext): boolean {
  return ctx.facts.imports.some((i) => i.specifier === 'kysely' || i.specifier.startsWith('kysely/'));
}

/** The Kysely instance a chain starts from, when the file shows it is one, with the database its pool names. */
function kyselyInstance(ctx: ExtractContext, root: ts.Expression): { database?: string } | undefined {
  const r = unwrapExpression(root);
  if (!isIdentifier(r)) return undefined;
  const binding = ctx.scopes.lookup(r.text, r);
  if (!binding) return undefined;
  const declaration = binding.id.parent;
  if (
    (isParameter(declaration) || isVariableDeclaration(declaration)) &&
    declaration.type &&
    KYSELY_TYPE.test(declaration.type.getText(ctx.sf))
  )
    return {};
  const init = binding.kind === 'const' && binding.init ? unwrapExpression(binding.init) : undefined;
  if (!init || !isNewExpression(init) || !isIdentifier(init.expression) || init.expression.text !== 'Kysely') return undefined;
  const database = init.arguments?.[0] && poolDatabase(ctx, init.arguments[0]);
  return database ? { database } : {};
}

/**
 * The `database` its dialect's pool options name (`new PostgresDialect({ pool: new Pool({ database:
 * 'orders' }) })`, `createPool({ database })`): a literal, or the literal fallback of an
 * environment variable (`process.env.PGDATABASE ?? 'catalog'`).
 */
function poolDatabase(ctx: ExtractContext, options: ts.Expression): string | undefined {
  let found: string | undefined;
  const visit = (n: ts.Node): void => {
    if (found !== undefined) return;
    if (isPropertyAssignment(n) && isIdentifier(n.name) && n.name.text === 'database') {
      let value = unwrapExpression(n.initializer);
      if (isBinaryExpression(value) && (value.operatorToken.kind === QuestionQuestionToken || value.operatorToken.kind === BarBarToken))
        value = unwrapExpression(value.right);
      found = nameArg(ctx, value)?.value;
      return;
    }
    forEachChild(n, visit);
  };
  visit(options);
  return found !== undefined && /^[\w$-]+$/.test(found) ? found : undefined;
}
