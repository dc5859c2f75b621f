/**
 * Static methods of model classes: Sequelize models (`Invoice.findAll()`,
 * `sequelize.models.Invoice.update()`), TypeORM Active Record entities (`Patient.find()`) and
 * Objection models (`User.query().patch(…)`) and Lucid models
 * (`Product.findOrFail(id)`, `Product.query().where(…)`, `Product.updateOrCreate(…)`).
 * Only a symbol some ORM definition declares becomes a table use, so `Object.create()` costs nothing.
 */
import ts from '../ts.js';
import type { TableAction } from '../../facts.js';
import { lastName, nodeSpan, type ExtractContext } from '../context.js';
import { unwrapExpression } from '../scope.js';
import { chainOf, isPascal, pushModelClassUse, tableActionOf, type MemberCall } from './shared.js';

const { isIdentifier, isNoSubstitutionTemplateLiteral, isPropertyAccessExpression, isStringLiteral, isTemplateExpression } = ts;

const MODEL_STATICS: Record<string, TableAction> = {
  findAll: 'select',
  findOne: 'select',
  findByPk: 'select',
  findAndCountAll: 'select',
  findOrCreate: 'insert',
  find: 'select',
  findBy: 'select',
  findOneBy: 'select',
  findAndCount: 'select',
  count: 'select',
  create: 'insert',
  bulkCreate: 'insert',
  upsert: 'insert',
  insert: 'insert',
  save: 'insert',
  update: 'update',
  increment: 'update',
  decrement: 'update',
  destroy: 'delete',
  delete: 'delete',
  remove: 'delete',
  softDelete: 'update',
  // Lucid's BaseModel statics
  findOrFail: 'select',
  findByOrFail: 'select',
  findMany: 'select',
  findManyBy: 'select',
  first: 'select',
  firstOrFail: 'select',
  all: 'select',
  createMany: 'insert',
  createQuietly: 'insert',
  createManyQuietly: 'insert',
  firstOrCreate: 'insert',
  fetchOrCreateMany: 'insert',
  updateOrCreate: 'update',
  updateOrCreateMany: 'update',
  truncate: 'truncate',
};

/** What an Objection or Lucid model query builder's chain does, by the methods called on it. */
export const MODEL_QUERY_WRITES: Record<string, TableAction> = {
  insert: 'insert',
  insertAndFetch: 'insert',
  insertGraph: 'insert',
  insertGraphAndFetch: 'insert',
  patch: 'update',
  patchAndFetch: 'update',
  patchAndFetchById: 'update',
  update: 'update',
  updateAndFetch: 'update',
  updateAndFetchById: 'update',
  upsertGraph: 'update',
  upsertGraphAndFetch: 'update',
  increment: 'update',
  decrement: 'update',
  relate: 'update',
  unrelate: 'update',
  delete: 'delete',
  deleteById: 'delete',
  // Lucid's model query builder
  del: 'delete',
};

/**
 * Objection's and Lucid's `M.query()` / `M.query(trx)`: a builder on the model's table, doing what
 * the chain above says. `E.query('SELECT …')` (TypeORM's BaseEntity) is raw SQL, read as such
 * elsewhere. (`M.relatedQuery('rel')` reaches the related model's table: relations.ts.)
 */
function objectionQueryAction(c: MemberCall): TableAction | undefined {
  if (c.method !== 'query') return undefined;
  const first = c.args[0] && unwrapExpression(c.args[0]);
  if (first && (isStringLiteral(first) || isNoSubstitutionTemplateLiteral(first) || isTemplateExpression(first))) return undefined;
  for (const name of chainOf(c.call).above) if (Object.hasOwn(MODEL_QUERY_WRITES, name)) return MODEL_QUERY_WRITES[name];
  return 'select';
}

export function modelStaticCall(ctx: ExtractContext, c: MemberCall): boolean {
  const action = tableActionOf(MODEL_STATICS, c.method) ?? objectionQueryAction(c);
  if (!action) return false;
  const { receiver } = c;
  if (isIdentifier(receiver) && isPascal(receiver.text)) {
    pushModelClassUse(ctx, receiver, action);
    return true;
  }
  if (isPropertyAccessExpression(receiver) && lastName(unwrapExpression(receiver.expression)) === 'models') {
    ctx.facts.ormEntityUses.push({ library: '*', symbol: receiver.name.text, action, fileSpan: nodeSpan(receiver.name, ctx.sf) });
    return true;
  }
  return false;
}
