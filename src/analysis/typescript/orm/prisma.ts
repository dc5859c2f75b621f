/** The Prisma client: `prisma.patient.findMany(…)`, `this.prismaService.invoice.update(…)`, `tx.payment.create(…)`. */
import ts from '../ts.js';
import type { OrmOrigin, TableAction } from '../../facts.js';
import { lastName, nodeSpan, type ExtractContext } from '../context.js';
import { propertyNameText, thisClass, unwrapExpression } from '../scope.js';
import { originOf, type MemberCall } from './shared.js';

const {
  isArrowFunction,
  isCallExpression,
  isConstructorDeclaration,
  isFunctionExpression,
  isIdentifier,
  isNewExpression,
  isParameter,
  isPropertyAccessExpression,
  isPropertyDeclaration,
  isTypeReferenceNode,
} = ts;
const { ThisKeyword } = ts.SyntaxKind;

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
  if (!clientName) return false;
  const origin = clientOrigin(ctx, client, 0);
  if (!PRISMA_RECEIVERS.test(clientName) && !isRenamedClient(origin)) return false;
  ctx.facts.ormEntityUses.push({
    library: 'prisma',
    symbol: receiver.name.text,
    action: PRISMA_ACTIONS[method],
    fileSpan: nodeSpan(receiver.name, ctx.sf),
    ...(origin ? { origin } : {}),
  });
  return true;
}

/**
 * A client bound under a name of the file's choosing: imported under an alias (`import { prisma as
 * driversDb }`, what a service does to use a second client beside its own `prisma`) or made from the
 * client class (`const driversDb = new PrismaClient()`). What it was imported as, or made of, names it.
 */
function isRenamedClient(origin: OrmOrigin | undefined): boolean {
  return origin !== undefined && PRISMA_RECEIVERS.test(origin.imported);
}

/**
 * The import the client comes from, which tells whose schema its models are: the client itself
 * (`import { prisma } from '../db'`), the class it is made of (`new PrismaClient()`), the type of
 * the property holding it (`private readonly prismaService: PrismaService`), or for a
 * transaction's `tx` the client the transaction runs on.
 */
function clientOrigin(ctx: ExtractContext, client: ts.Expression, depth: number): OrmOrigin | undefined {
  if (depth > 4) return undefined;
  const e = unwrapExpression(client);
  if (isIdentifier(e)) {
    const binding = ctx.scopes.lookup(e.text, e);
    if (!binding) return undefined;
    if (binding.kind === 'param') return transactionClientOrigin(ctx, binding.id, depth);
    if (binding.kind === 'const' && binding.init) {
      const init = unwrapExpression(binding.init);
      if (isNewExpression(init)) return classOrigin(ctx, init.expression);
    }
    return originOf(ctx, e);
  }
  if (isNewExpression(e)) return classOrigin(ctx, e.expression);
  if (isPropertyAccessExpression(e) && e.expression.kind === ThisKeyword) {
    const cls = thisClass(e);
    return cls ? memberOrigin(ctx, cls, e.name.text) : undefined;
  }
  return undefined;
}

function classOrigin(ctx: ExtractContext, expr: ts.Expression): OrmOrigin | undefined {
  const e = unwrapExpression(expr);
  return isIdentifier(e) ? originOf(ctx, e) : undefined;
}

/** `prisma.$transaction(async (tx) => tx.payment.create(…))`: `tx` is `prisma`'s. */
function transactionClientOrigin(ctx: ExtractContext, paramName: ts.Node, depth: number): OrmOrigin | undefined {
  const param = paramName.parent;
  const fn = param?.parent;
  if (!param || !isParameter(param) || !fn || (!isArrowFunction(fn) && !isFunctionExpression(fn))) return undefined;
  const call = fn.parent;
  if (!call || !isCallExpression(call) || !call.arguments.includes(fn)) return undefined;
  const callee = unwrapExpression(call.expression);
  if (!isPropertyAccessExpression(callee) || callee.name.text !== '$transaction') return undefined;
  return clientOrigin(ctx, callee.expression, depth + 1);
}

/** The origin of a class member's value: its type annotation's name, else its `new X()` initialiser. */
function memberOrigin(ctx: ExtractContext, cls: ts.ClassLikeDeclaration, name: string): OrmOrigin | undefined {
  for (const member of cls.members) {
    if (isPropertyDeclaration(member) && propertyNameText(member.name) === name) {
      return (
        typeOrigin(ctx, member.type) ??
        (member.initializer && isNewExpression(unwrapExpression(member.initializer))
          ? classOrigin(ctx, (unwrapExpression(member.initializer) as ts.NewExpression).expression)
          : undefined)
      );
    }
    if (isConstructorDeclaration(member)) {
      // Parameter properties: `constructor(private readonly prismaService: PrismaService)`.
      for (const p of member.parameters) {
        if (isIdentifier(p.name) && p.name.text === name && p.modifiers?.length) return typeOrigin(ctx, p.type);
      }
    }
  }
  return undefined;
}

function typeOrigin(ctx: ExtractContext, type: ts.TypeNode | undefined): OrmOrigin | undefined {
  if (!type || !isTypeReferenceNode(type)) return undefined;
  const name = type.typeName;
  return isIdentifier(name) ? originOf(ctx, name) : isIdentifier(name.left) ? originOf(ctx, name.left) : undefined;
}
