/**
 * Static methods of model classes: Sequelize models (`Invoice.findAll()`,
 * `sequelize.models.Invoice.update()`) and TypeORM Active Record entities (`Patient.find()`).
 * Only a symbol some ORM definition declares becomes a table use, so `Object.create()` costs nothing.
 */
import ts from '../ts.js';
import type { TableAction } from '../../facts.js';
import { lastName, nodeSpan, type ExtractContext } from '../context.js';
import { unwrapExpression } from '../scope.js';
import { isPascal, originOf, type MemberCall } from './shared.js';

const { isIdentifier, isPropertyAccessExpression } = ts;

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
};

export function modelStaticCall(ctx: ExtractContext, c: MemberCall): boolean {
  const action = Object.hasOwn(MODEL_STATICS, c.method) ? MODEL_STATICS[c.method] : undefined;
  if (!action) return false;
  const { receiver } = c;
  if (isIdentifier(receiver) && isPascal(receiver.text)) {
    // A class the file imports or declares; its import tells which module's model it is.
    const origin = originOf(ctx, receiver);
    ctx.facts.ormEntityUses.push({
      library: '*',
      symbol: receiver.text,
      action,
      fileSpan: nodeSpan(receiver, ctx.sf),
      ...(origin ? { origin } : {}),
    });
    return true;
  }
  if (isPropertyAccessExpression(receiver) && lastName(unwrapExpression(receiver.expression)) === 'models') {
    ctx.facts.ormEntityUses.push({ library: '*', symbol: receiver.name.text, action, fileSpan: nodeSpan(receiver.name, ctx.sf) });
    return true;
  }
  return false;
}
