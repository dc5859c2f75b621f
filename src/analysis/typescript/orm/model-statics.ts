/**
 * Static methods of model classes: Sequelize models (`Invoice.findAll()`,
 * `sequelize.models.Invoice.update()`) and TypeORM Active Record entities (`Patient.find()`).
 * Only a symbol some ORM definition declares becomes a table use, so `Object.create()` costs nothing.
 */
import ts from 'typescript';
import type { TableAction } from '../../facts.js';
import { lastName, nodeSpan, type ExtractContext } from '../context.js';
import { unwrapExpression } from '../scope.js';
import { isPascal, type MemberCall } from './shared.js';

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
  const model =
    isIdentifier(receiver) && isPascal(receiver.text)
      ? receiver
      : isPropertyAccessExpression(receiver) && lastName(unwrapExpression(receiver.expression)) === 'models'
        ? receiver.name
        : undefined;
  if (!model) return false;
  ctx.facts.ormEntityUses.push({ library: '*', symbol: model.text, action, fileSpan: nodeSpan(model, ctx.sf) });
  return true;
}
