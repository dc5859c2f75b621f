/** The Prisma client: `prisma.patient.findMany(…)`, `this.prismaService.invoice.update(…)`, `tx.payment.create(…)`. */
import ts from 'typescript';
import type { TableAction } from '../../facts.js';
import { lastName, nodeSpan, type ExtractContext } from '../context.js';
import { unwrapExpression } from '../scope.js';
import type { MemberCall } from './shared.js';

const { isPropertyAccessExpression } = ts;

const PRISMA_ACTIONS: Record<string, TableAction> = {
  findMany: 'select',
  findUnique: 'select',
  findUniqueOrThrow: 'select',
  findFirst: 'select',
  findFirstOrThrow: 'select',
  count: 'select',
  aggregate: 'select',
  groupBy: 'select',
  create: 'insert',
  createMany: 'insert',
  createManyAndReturn: 'insert',
  upsert: 'insert',
  update: 'update',
  updateMany: 'update',
  updateManyAndReturn: 'update',
  delete: 'delete',
  deleteMany: 'delete',
};
const PRISMA_RECEIVERS = /prisma|^(?:db|tx|trx|client|database)$/i;

/** `<client>.<model>.<action>(…)`: a use of the model's table. */
export function prismaDelegateCall(ctx: ExtractContext, c: MemberCall): boolean {
  const { method, receiver } = c;
  if (!Object.hasOwn(PRISMA_ACTIONS, method) || !isPropertyAccessExpression(receiver) || receiver.name.text.startsWith('$')) return false;
  const client = unwrapExpression(receiver.expression);
  const clientName = lastName(client);
  if (!clientName || !PRISMA_RECEIVERS.test(clientName)) return false;
  ctx.facts.ormEntityUses.push({
    library: 'prisma',
    symbol: receiver.name.text,
    action: PRISMA_ACTIONS[method],
    fileSpan: nodeSpan(receiver.name, ctx.sf),
  });
  return true;
}
