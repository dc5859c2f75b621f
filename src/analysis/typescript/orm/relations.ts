/**
 * Uses of a model's relation: Lucid's `model.related('variants')…` and Objection's
 * `model.$relatedQuery('pets')…` / `Person.relatedQuery('pets')`. The table they reach is the
 * related model's, which only the relation's declaration says (Lucid's `@hasMany(() => Variant)`,
 * Objection's `relationMappings`): the use names the relation and, when the call shows it, the
 * model declaring it — `this` inside a model class, or the class a static is called on — and the
 * project model resolves it (entity-resolver.ts).
 */
import ts from '../ts.js';
import type { TableAction } from '../../facts.js';
import type { ExtractContext } from '../context.js';
import { unwrapExpression } from '../scope.js';
import { MODEL_QUERY_WRITES } from './model-statics.js';
import { chainOf, declaredName, isPascal, nameArg, pushModelClassUse, type MemberCall } from './shared.js';

const { isClassLike, isFunctionDeclaration, isFunctionExpression, isIdentifier, isClassDeclaration } = ts;
const { ThisKeyword } = ts.SyntaxKind;

/** Lucid's relation client methods after `related('x')`, by what they do to the related table. */
const LUCID_RELATED: Record<string, TableAction | null> = {
  create: 'insert',
  createMany: 'insert',
  save: 'insert',
  saveMany: 'insert',
  firstOrCreate: 'insert',
  fetchOrCreateMany: 'insert',
  updateOrCreate: 'update',
  updateOrCreateMany: 'update',
  // These write the pivot table or the owner's own row, not the related table.
  attach: null,
  detach: null,
  sync: null,
  associate: null,
  dissociate: null,
};

/** `x.related('name')` (Lucid), `x.$relatedQuery('name')` / `Model.relatedQuery('name')` (Objection). */
export function relationCall(ctx: ExtractContext, c: MemberCall): boolean {
  const lucid = c.method === 'related';
  if (!lucid && c.method !== '$relatedQuery' && c.method !== 'relatedQuery') return false;
  const name = nameArg(ctx, c.args[0]);
  if (!name || !/^[A-Za-z_$][\w$]*$/.test(name.value)) return false;
  const action = lucid ? lucidAction(c.call) : queryAction(chainOf(c.call).above);
  if (action === null) return true;
  const receiver = unwrapExpression(c.receiver);
  if (receiver.kind === ThisKeyword) {
    const owner = thisClass(receiver);
    ctx.facts.ormEntityUses.push({ library: '*', symbol: owner ?? '*', action, fileSpan: name.span, relation: name.value });
    return true;
  }
  // A static `Person.relatedQuery('pets')` names its model; an instance (`person.$relatedQuery`) does not.
  if (c.method === 'relatedQuery' && isIdentifier(receiver) && isPascal(receiver.text)) {
    pushModelClassUse(ctx, receiver, action, name.value);
    return true;
  }
  if (c.method === 'relatedQuery') return false;
  ctx.facts.ormEntityUses.push({ library: '*', symbol: '*', action, fileSpan: name.span, relation: name.value });
  return true;
}

/** `related('x').create(…)` inserts, `.related('x').query().update(…)` updates, `.attach(…)` touches only the pivot. */
function lucidAction(call: ts.CallExpression): TableAction | null {
  const above = chainOf(call).above;
  const next = above[0];
  if (next !== undefined && Object.hasOwn(LUCID_RELATED, next)) return LUCID_RELATED[next];
  return queryAction(above);
}

function queryAction(above: readonly string[]): TableAction {
  for (const name of above) if (Object.hasOwn(MODEL_QUERY_WRITES, name)) return MODEL_QUERY_WRITES[name];
  return 'select';
}

/** The class whose instance `this` is: the nearest enclosing class, unless a `function` rebinds `this` first. */
function thisClass(node: ts.Node): string | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (isFunctionDeclaration(n) || isFunctionExpression(n)) return undefined;
    if (isClassLike(n)) return n.name?.text ?? (isClassDeclaration(n) ? undefined : declaredName(n));
  }
  return undefined;
}
