/**
 * Sequelize: models from `sequelize.define('Patient', attrs, { tableName })`,
 * `Patient.init(attrs, { sequelize, tableName })` and sequelize-typescript's `@Table`, with
 * Sequelize's default table name when none is given.
 */
import ts from '../ts.js';
import { lastName, nodeSpan, type ExtractContext } from '../context.js';
import { pluralize, underscore } from '../inflection.js';
import { unwrapExpression } from '../scope.js';
import type { DecoratedClass } from './compiled-decorators.js';
import type { TableAction } from '../../facts.js';
import {
  booleanProp,
  declaredName,
  isPlainIdentifier,
  nameArg,
  objectHasKey,
  objectProp,
  pushDef,
  pushRef,
  pushRename,
  pushUse,
  tableActionOf,
  type MemberCall,
  type NameArg,
} from './shared.js';

const { isIdentifier, isNewExpression, isObjectLiteralExpression, isPropertyAssignment } = ts;

/** `sequelize.define('Patient', attrs, { tableName: 'patients' })`. */
export function sequelizeDefineCall(ctx: ExtractContext, c: MemberCall): boolean {
  if (c.method !== 'define' || c.args.length < 2) return false;
  const receiverName = lastName(c.receiver) ?? privateFieldName(c.receiver) ?? '';
  if (/sequelize|^db$|^database$|connection|^orm$/i.test(receiverName) || objectHasKey(c.args[2], 'tableName')) {
    const model = nameArg(ctx, c.args[0]);
    if (!model) return true;
    const options = c.args[2];
    const tableName = nameArg(ctx, objectProp(options, 'tableName'));
    const schema = nameArg(ctx, objectProp(options, 'schema'));
    const symbol = declaredName(c.call) ?? model.value;
    pushDef(ctx, 'sequelize', symbol, tableName ?? sequelizeDefaultTable(ctx, model, options), schema?.value);
  }
  return true;
}

/** Babel's and TypeScript's helpers reading a private field: `_classPrivateFieldGet(this, _f)`, `__classPrivateFieldGet(this, _C_f, "f")`. */
const PRIVATE_FIELD_GET = /^_{0,2}classPrivateField(?:Get|LooseBase)\d*$/;

/**
 * The field a compiled `this.#sequelize` reads: Babel's `(0, _classPrivateFieldGet2.default)(this, _sequelize)` (or
 * loose mode's `_classPrivateFieldLooseBase(this, _sequelize)[_sequelize]`), TypeScript's
 * `__classPrivateFieldGet(this, _DB_sequelize, "f")`: the name of the field's key (`_sequelize`). Undefined elsewhere.
 */
function privateFieldName(receiver: ts.Expression): string | undefined {
  let e = unwrapExpression(receiver);
  if (ts.isElementAccessExpression(e) && isIdentifier(e.argumentExpression)) e = unwrapExpression(e.expression);
  if (!ts.isCallExpression(e) || e.arguments.length < 2) return undefined;
  // `(this, _f)`; Babel 7.24's helper takes `(_f, this)`.
  const [first, second] = e.arguments;
  const key = first.kind === ts.SyntaxKind.ThisKeyword ? second : second.kind === ts.SyntaxKind.ThisKeyword ? first : undefined;
  if (!key || !isIdentifier(key)) return undefined;
  let callee = unwrapExpression(e.expression);
  // `(0, helper.default)`: the comma keeps the call's `this` undefined, the helper is its right operand.
  if (ts.isBinaryExpression(callee) && callee.operatorToken.kind === ts.SyntaxKind.CommaToken) callee = unwrapExpression(callee.right);
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'default') callee = unwrapExpression(callee.expression);
  const helper = lastName(callee);
  return helper !== undefined && PRIVATE_FIELD_GET.test(helper) ? key.text : undefined;
}

/**
 * `Patient.init(attrs, { sequelize, tableName: 'patients' })`; the model name defaults to the class name. Also
 * `this.init(…)` in a static method of a `Model` subclass (`static initialize(sequelize) { this.init(…) }`, the
 * TypeScript idiom): `this` is the class.
 */
export function sequelizeInitCall(ctx: ExtractContext, c: MemberCall): boolean {
  if (c.method !== 'init' || c.args.length < 2) return false;
  const receiver = isIdentifier(c.receiver) ? c.receiver : staticThisModel(c.receiver);
  if (!receiver) return false;
  const options = c.args[1];
  if (objectHasKey(options, 'sequelize') || objectHasKey(options, 'tableName')) {
    const model = nameArg(ctx, objectProp(options, 'modelName')) ?? { value: receiver.text, span: nodeSpan(receiver, ctx.sf) };
    const tableName = nameArg(ctx, objectProp(options, 'tableName'));
    const schema = nameArg(ctx, objectProp(options, 'schema'));
    pushDef(ctx, 'sequelize', receiver.text, tableName ?? sequelizeDefaultTable(ctx, model, options), schema?.value);
  }
  return true;
}

/**
 * The class a `this` stands for in a static method (or static block) of a class that extends `Model`: its name
 * (`class Certificate extends Model`, `const Certificate = class extends Model`). Undefined elsewhere: `this.init`
 * in an instance method, or a nested function's own `this`.
 */
function staticThisModel(receiver: ts.Expression): ts.Identifier | undefined {
  if (receiver.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  for (let node: ts.Node = receiver.parent; node; node = node.parent) {
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isConstructorDeclaration(node)) return undefined;
    if (!ts.isMethodDeclaration(node) && !ts.isClassStaticBlockDeclaration(node)) continue;
    const isStatic = ts.isClassStaticBlockDeclaration(node) || !!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
    const cls = node.parent;
    if (!isStatic || !ts.isClassLike(cls) || !extendsModel(cls)) return undefined;
    if (cls.name) return cls.name;
    const holder = cls.parent;
    return ts.isVariableDeclaration(holder) && isIdentifier(holder.name) ? holder.name : undefined;
  }
  return undefined;
}

/** Methods of Sequelize's `QueryInterface` (migrations, `sequelize.getQueryInterface()`), by the table's action. */
const QUERY_INTERFACE: Record<string, TableAction> = {
  createTable: 'create',
  dropTable: 'drop',
  renameTable: 'alter',
  addColumn: 'alter',
  removeColumn: 'alter',
  changeColumn: 'alter',
  renameColumn: 'alter',
  addIndex: 'alter',
  removeIndex: 'alter',
  addConstraint: 'alter',
  removeConstraint: 'alter',
  bulkInsert: 'insert',
  bulkUpdate: 'update',
  bulkDelete: 'delete',
  describeTable: 'other',
};
const QUERY_INTERFACE_RECEIVER = /queryinterface$|^qi$/i;

/**
 * A migration's `queryInterface.createTable('t', attrs, { schema })`, `dropTable('t')`,
 * `renameTable('a', 'b')`, `addColumn('t', …)`, `bulkInsert('t', …)`, …; the table is a name or
 * `{ tableName, schema }`.
 */
export function queryInterfaceCall(ctx: ExtractContext, c: MemberCall): boolean {
  const action = tableActionOf(QUERY_INTERFACE, c.method);
  if (action === undefined || c.args.length < 1 || !QUERY_INTERFACE_RECEIVER.test(lastName(c.receiver) ?? '')) return false;
  const first = c.args[0];
  const table = nameArg(ctx, objectProp(first, 'tableName')) ?? nameArg(ctx, first);
  const options = c.method === 'createTable' ? c.args[2] : undefined;
  const schema = (nameArg(ctx, objectProp(first, 'schema')) ?? nameArg(ctx, objectProp(options, 'schema')))?.value;
  if (c.method === 'renameTable')
    pushRename(ctx, table, nameArg(ctx, objectProp(c.args[1], 'tableName')) ?? nameArg(ctx, c.args[1]), 'sequelize', schema);
  else pushRef(ctx, table, action, 'sequelize', schema);
  if (table) {
    const declaring = { name: table.value, ...(schema ? { qualifier: schema } : {}) };
    for (const references of foreignKeyReferences(c)) {
      // `model` names a table despite its name: a string, or `{ tableName, schema }`; addConstraint's is `table`.
      const model = objectProp(references, 'model') ?? objectProp(references, 'table');
      const target = nameArg(ctx, objectProp(model, 'tableName')) ?? nameArg(ctx, model);
      pushRef(ctx, target, 'references', 'sequelize', nameArg(ctx, objectProp(model, 'schema'))?.value, declaring);
    }
  }
  return true;
}

/**
 * The `references` objects of the foreign keys a QueryInterface call declares: each attribute's of
 * `createTable('t', { userId: { references: { model: 'Users', key: 'id' } } })`, the column's of
 * `addColumn` / `changeColumn`, and `addConstraint('t', { type: 'foreign key', references: { table } })`'s.
 */
function foreignKeyReferences(c: MemberCall): ts.Expression[] {
  const attributes = (obj: ts.Expression | undefined): ts.Expression[] => {
    const o = obj && unwrapExpression(obj);
    if (!o || !isObjectLiteralExpression(o)) return [];
    return o.properties.flatMap((p) => {
      const references = isPropertyAssignment(p) ? objectProp(p.initializer, 'references') : undefined;
      return references ? [references] : [];
    });
  };
  if (c.method === 'createTable') return attributes(c.args[1]);
  if (c.method === 'addColumn' || c.method === 'changeColumn') {
    const references = objectProp(c.args[2], 'references');
    return references ? [references] : [];
  }
  if (c.method === 'addConstraint') {
    // Sequelize 4 took the fields before the options: addConstraint('t', ['userId'], { … }).
    const references = objectProp(c.args[1], 'references') ?? objectProp(c.args[2], 'references');
    return references ? [references] : [];
  }
  return [];
}

/** sequelize-typescript's bare `@Table` on a Model class: the default table of the class name. */
export function bareTableDecorator(ctx: ExtractContext, cls: DecoratedClass | undefined): void {
  if (!cls?.node || !extendsModel(cls.node)) return;
  pushDef(
    ctx,
    'sequelize',
    cls.name.text,
    sequelizeDefaultTable(ctx, { value: cls.name.text, span: nodeSpan(cls.name, ctx.sf) }, undefined),
  );
}

/** sequelize-typescript's `@Table({ tableName, schema })` / `@Table('t')`. */
export function tableDecorator(ctx: ExtractContext, cls: DecoratedClass | undefined, args: ts.NodeArray<ts.Expression>): void {
  if (!cls) return;
  const first = args[0];
  let table: NameArg | undefined;
  let options: ts.Expression | undefined;
  if (first && isObjectLiteralExpression(unwrapExpression(first))) options = first;
  else {
    table = nameArg(ctx, first);
    options = args[1];
  }
  table ??= nameArg(ctx, objectProp(options, 'tableName'));
  if (!table && cls.node && extendsModel(cls.node)) {
    const model = nameArg(ctx, objectProp(options, 'modelName')) ?? { value: cls.name.text, span: nodeSpan(cls.name, ctx.sf) };
    table = sequelizeDefaultTable(ctx, model, options);
  }
  const qualifier = nameArg(ctx, objectProp(options, 'schema')) ?? nameArg(ctx, objectProp(options, 'database'));
  pushDef(ctx, 'sequelize', cls.name.text, table, qualifier?.value);
}

// ---------------------------------------------------------------------------
// Sequelize's default table name
// ---------------------------------------------------------------------------

interface SequelizeNaming {
  freezeTableName?: boolean;
  underscored?: boolean;
}

function namingOf(options: ts.Expression | undefined): SequelizeNaming {
  return { freezeTableName: booleanProp(options, 'freezeTableName'), underscored: booleanProp(options, 'underscored') };
}

/**
 * The table Sequelize gives a model without `tableName`: its name pluralised by `inflection`
 * (`Invoice` → `Invoices`, `Category` → `Categories`, `Person` → `People`), snake_cased with
 * `underscored`, kept as written with `freezeTableName`. The model's own options win over the
 * `define` options of a `new Sequelize(…)` in the same file; an instance created in another file
 * is not seen, so its global `freezeTableName` is not either. The span stays on the model name.
 */
function sequelizeDefaultTable(ctx: ExtractContext, model: NameArg, options: ts.Expression | undefined): NameArg {
  const own = namingOf(options);
  const global = own.freezeTableName === undefined || own.underscored === undefined ? sequelizeDefineOptions(ctx) : {};
  if (own.freezeTableName ?? global.freezeTableName ?? false) return model;
  const plural = pluralize(model.value);
  return { value: (own.underscored ?? global.underscored ?? false) ? underscore(plural) : plural, span: model.span };
}

const NEW_SEQUELIZE = /\bnew\s+(?:[\w$]+\s*\.\s*)?Sequelize\b/;
const fileDefineOptions = new WeakMap<ts.SourceFile, SequelizeNaming>();

/** `define` options of the file's `new Sequelize(…, { define: { … } })`, which every model of the instance inherits. */
function sequelizeDefineOptions(ctx: ExtractContext): SequelizeNaming {
  let naming = fileDefineOptions.get(ctx.sf);
  if (naming) return naming;
  naming = {};
  if (NEW_SEQUELIZE.test(ctx.text)) {
    const visit = (node: ts.Node): void => {
      if (isNewExpression(node) && lastName(node.expression) === 'Sequelize') {
        const options = [...(node.arguments ?? [])].reverse().find((a) => isObjectLiteralExpression(unwrapExpression(a)));
        const found = namingOf(objectProp(options, 'define'));
        naming = {
          freezeTableName: found.freezeTableName ?? naming!.freezeTableName,
          underscored: found.underscored ?? naming!.underscored,
        };
      }
      ts.forEachChild(node, visit);
    };
    visit(ctx.sf);
  }
  fileDefineOptions.set(ctx.sf, naming);
  return naming;
}

/** `class X extends Model` / `extends Model<A, B>` / `extends Sequelize.Model`. */
function extendsModel(cls: ts.ClassLikeDeclaration): boolean {
  return !!cls.heritageClauses?.some(
    (h) => h.token === ts.SyntaxKind.ExtendsKeyword && h.types.some((t) => lastName(t.expression) === 'Model'),
  );
}

/**
 * `@InjectModel(Invoice)` on a constructor parameter (`@nestjs/sequelize`): the service uses the
 * model's table. Mongoose's `@InjectModel(Cat.name)` passes a string, not a model class.
 */
export function injectModelDecorator(ctx: ExtractContext, args: ts.NodeArray<ts.Expression>): void {
  if (isPlainIdentifier(args[0])) pushUse(ctx, 'sequelize', args[0], 'other');
}
