/**
 * What a script does with the environment, found on the walker's nodes: reads
 * (`process.env.X`, destructuring), writes (`process.env.X = 'v'`) and defaults — fallbacks
 * (`process.env.X || 'v'`), conditional assignments, ternaries, Joi / zod / yup `.default()`,
 * envalid and convict options, and the readers of env-readers.ts (NestJS `ConfigService.get(key, v)`,
 * env-var, a helper of the file).
 */
import ts from './ts.js';
import type { EnvDefault } from '../facts.js';
import { calleeText, lastName, nodeSpan, rootIdentifier, type ExtractContext } from './context.js';
import {
  envAccessName,
  envDerivedName,
  fallbackChain,
  isFallbackOperator,
  isInnerFallback,
  isUnsetTest,
  literalValue,
  usageOf,
  type LiteralValue,
} from './env.js';
import { readerDefault } from './env-readers.js';
import { propertyNameText, unwrapExpression, type Scopes } from './scope.js';

// Read once: the `typescript` export object is in dictionary mode (see extract.ts); member accesses are visited per node.
const {
  isArrayLiteralExpression,
  isAsExpression,
  isBinaryExpression,
  isBlock,
  isCallExpression,
  isConditionalExpression,
  isDeleteExpression,
  isExpressionStatement,
  isFunctionLike,
  isIdentifier,
  isIfStatement,
  isImportDeclaration,
  isNoSubstitutionTemplateLiteral,
  isObjectLiteralExpression,
  isParenthesizedExpression,
  isPrefixUnaryExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isSourceFile,
  isStringLiteral,
} = ts;
const {
  AmpersandAmpersandToken: AmpersandAmpersandTokenKind,
  BarBarToken: BarBarTokenKind,
  ExclamationToken: ExclamationTokenKind,
  BarBarEqualsToken: BarBarEqualsTokenKind,
  EqualsToken: EqualsTokenKind,
  FirstAssignment: FirstAssignmentKind,
  LastAssignment: LastAssignmentKind,
  QuestionQuestionEqualsToken: QuestionQuestionEqualsTokenKind,
  QuestionQuestionToken: QuestionQuestionTokenKind,
} = ts.SyntaxKind;

const ENVALID_VALIDATORS = new Set(['str', 'num', 'bool', 'port', 'host', 'url', 'email', 'json', 'makeValidator']);
const SCHEMA_ROOTS: Record<string, string> = { Joi: 'joi', joi: 'joi', z: 'zod', zod: 'zod', yup: 'yup', Yup: 'yup' };
const ENV_KEY = /^[A-Z][A-Z0-9_]*$/;
/** The modules AdonisJS's env reader comes from: the app's `start/env` (`#start/env`, `../start/env.js`), `@adonisjs/core/env`, v5's IoC alias. */
const ADONIS_ENV_MODULE =
  /^(?:#start\/env|(?:\.{1,2}\/)+(?:[\w-]+\/)*start\/env|@adonisjs\/core\/(?:services\/)?env|@ioc:Adonis\/Core\/Env)(?:\.[cm]?[jt]s)?$/;

/** How far up a guard of a fallback is looked for, and how deep a guard's condition is followed. */
const MAX_GUARD_DEPTH = 24;

export class EnvDefaults {
  private readonly sf: ts.SourceFile;
  private readonly scopes: Scopes;
  private readonly facts: ExtractContext['facts'];
  /** Fallbacks already reported as the right side of an assignment (`process.env.X = process.env.X || ''`). */
  private readonly handledFallbacks = new Set<ts.Node>();

  constructor(ctx: ExtractContext) {
    this.sf = ctx.sf;
    this.scopes = ctx.scopes;
    this.facts = ctx.facts;
  }

  pushEnvDefault(name: string, lit: LiteralValue, shape: string, context: ts.Node): EnvDefault {
    const fact: EnvDefault = { name, value: lit.value, valueKind: lit.valueKind, shape, fileSpan: nodeSpan(lit.node, this.sf) };
    if (shape === '||' || shape === '??' || shape === 'ternary') {
      const usage = usageOf(context as ts.Expression);
      if (usage) fact.usage = usage;
    }
    this.facts.envDefaults.push(fact);
    return fact;
  }

  onMemberAccess(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): void {
    const name = envAccessName(node, this.scopes);
    if (name === undefined) return;
    let n: ts.Node = node;
    while (isParenthesizedExpression(n.parent)) n = n.parent;
    const p = n.parent;
    if (
      isBinaryExpression(p) &&
      p.left === n &&
      isAssignmentOperator(p.operatorToken.kind) &&
      p.operatorToken.kind !== BarBarEqualsTokenKind &&
      p.operatorToken.kind !== QuestionQuestionEqualsTokenKind
    )
      return;
    if (isDeleteExpression(p)) return;
    this.facts.envReads.push({ name, fileSpan: nodeSpan(node, this.sf) });
  }

  /** `process.env.X = process.env.X || ''`, `process.env.X ||= ''`, `if (!process.env.X) process.env.X = ''`. */
  envAssignment(b: ts.BinaryExpression): void {
    const name = envAccessName(b.left, this.scopes);
    if (name === undefined) return;
    const op = b.operatorToken.kind;
    if (op !== EqualsTokenKind) {
      const lit = literalValue(b.right);
      if (lit) this.pushEnvDefault(name, lit, 'assignment', b);
      return;
    }
    const right = unwrapExpression(b.right);
    if (isBinaryExpression(right) && isFallbackOperator(right.operatorToken.kind)) {
      this.envFallback(right, 'assignment');
      this.handledFallbacks.add(right);
      return;
    }
    const lit = literalValue(right);
    if (!lit) return;
    // Only a conditional assignment is a default; `process.env.X = 'v'` always overrides.
    if (this.assignsWhenUnset(b, name)) this.pushEnvDefault(name, lit, 'assignment', b);
    else (this.facts.envWrites ??= []).push({ name, value: lit.value, fileSpan: nodeSpan(lit.node, this.sf) });
  }

  /** True for `if (!process.env.X) process.env.X = …` (braces optional): an assignment only when `name` is unset. */
  private assignsWhenUnset(b: ts.BinaryExpression, name: string): boolean {
    let n: ts.Node = b;
    for (let guard = 0; guard < 4 && n.parent; guard++) {
      const p: ts.Node = n.parent;
      if (isIfStatement(p)) return p.thenStatement === n && isUnsetTest(p.expression, name, this.scopes);
      if (isExpressionStatement(p) || isBlock(p) || isParenthesizedExpression(p)) n = p;
      else return false;
    }
    return false;
  }

  /**
   * `process.env.X || 'lit'` and chains. `process.env.A || process.env.B || 'lit'`
   * is reported once for each variable in the chain, since the literal applies
   * when all of them are unset. Other values tried on the way (`process.env.DB_PASSWORD ||
   * config.password || ''`) do not make the literal safe: it still applies when they are empty
   * too. They are kept as written (`alsoTried`), since requiring the variable alone would drop them.
   */
  envFallback(b: ts.BinaryExpression, shape?: string): void {
    if (this.handledFallbacks.has(b) || isInnerFallback(b)) return;
    const chain = fallbackChain(b);
    if (chain.length < 2) return;
    const lit = literalValue(chain[chain.length - 1]);
    if (!lit) return;
    const tried = chain.slice(0, -1);
    const envs = tried.map((e) => envDerivedName(e, this.scopes));
    if (envs.every((e) => e === undefined)) return;
    // Inside a branch that runs only when a variable the chain reads is set, the literal never applies.
    for (const e of tried) {
      const read = envAccessName(unwrapExpression(e), this.scopes);
      if (read !== undefined && this.guardedBySet(b, read)) return;
    }
    const others = tried.filter((_, i) => envs[i] === undefined).map((e) => sourceSummary(e, this.sf));
    const op = b.operatorToken.kind === QuestionQuestionTokenKind ? '??' : '||';
    for (const env of envs) {
      if (!env) continue;
      const fact = this.pushEnvDefault(env.name, lit, shape ?? op, b);
      if (!fact.usage && env.usage) fact.usage = env.usage;
      if (others.length > 0) fact.alsoTried = others;
    }
  }

  /**
   * Whether `node` runs only where env variable `name` is set (non-empty): the right of `cond && …`, a branch of
   * `cond ? … : …` or of `if (cond) … else …` whose condition says so, up to the enclosing function. `hasGoogle && {
   * clientSecret: process.env.GOOGLE_CLIENT_SECRET ?? '' }` with `const hasGoogle = !!process.env.GOOGLE_CLIENT_ID &&
   * !!process.env.GOOGLE_CLIENT_SECRET` (local-mcp's auth config, HELDOUT13 #15): the fallback only satisfies the types.
   */
  private guardedBySet(node: ts.Node, name: string): boolean {
    let n: ts.Node = node;
    for (let guard = 0; guard < MAX_GUARD_DEPTH && n.parent; guard++) {
      const p: ts.Node = n.parent;
      if (isFunctionLike(p) || isSourceFile(p)) return false;
      if (
        isBinaryExpression(p) &&
        p.right === n &&
        p.operatorToken.kind === AmpersandAmpersandTokenKind &&
        this.impliesSet(p.left, name, true)
      )
        return true;
      if (isConditionalExpression(p) && p.condition !== n && this.impliesSet(p.condition, name, p.whenTrue === n)) return true;
      if (isIfStatement(p) && p.expression !== n && this.impliesSet(p.expression, name, p.thenStatement === n)) return true;
      n = p;
    }
    return false;
  }

  /**
   * Whether `cond` being `truthy` (or falsy) means env variable `name` is set: `process.env.X`, `!!process.env.X`,
   * `Boolean(process.env.X)`, a conjunction with one of them (a disjunction, when falsy: `!process.env.X || …`), or a
   * const bound to such a test. Truthiness only: `!== undefined` lets an empty value through to `||`.
   */
  private impliesSet(cond: ts.Expression, name: string, truthy: boolean, depth = 0): boolean {
    if (depth > MAX_GUARD_DEPTH) return false;
    const c = unwrapExpression(cond);
    if (envAccessName(c, this.scopes) === name) return truthy;
    if (isPrefixUnaryExpression(c) && c.operator === ExclamationTokenKind) return this.impliesSet(c.operand, name, !truthy, depth + 1);
    if (isCallExpression(c) && isIdentifier(c.expression) && c.expression.text === 'Boolean' && c.arguments.length === 1)
      return this.impliesSet(c.arguments[0], name, truthy, depth + 1);
    if (isBinaryExpression(c)) {
      const k = c.operatorToken.kind;
      if (k === (truthy ? AmpersandAmpersandTokenKind : BarBarTokenKind))
        return this.impliesSet(c.left, name, truthy, depth + 1) || this.impliesSet(c.right, name, truthy, depth + 1);
      return false;
    }
    if (isIdentifier(c)) {
      const binding = this.scopes.lookup(c.text, c);
      return binding?.kind === 'const' && binding.init !== undefined && this.impliesSet(binding.init, name, truthy, depth + 1);
    }
    return false;
  }

  /** convict: `{ env: 'DB_PASSWORD', default: '' }`. */
  onObjectLiteral(o: ts.ObjectLiteralExpression): void {
    if (o.properties.length < 2) return;
    let env: string | undefined;
    let def: ts.Expression | undefined;
    let format: ts.Expression | undefined;
    for (const p of o.properties) {
      if (!isPropertyAssignment(p)) continue;
      const key = propertyNameText(p.name);
      if (key === 'env') {
        const v = unwrapExpression(p.initializer);
        if (isStringLiteral(v) || isNoSubstitutionTemplateLiteral(v)) env = v.text;
      } else if (key === 'default') def = p.initializer;
      else if (key === 'format') format = p.initializer;
    }
    if (env === undefined || !def) return;
    const lit = literalValue(def);
    if (!lit) return;
    const fact = this.pushEnvDefault(env, lit, 'convict', def);
    // convict's `format: ['openid', 'oauth2']` is the list of values the setting accepts.
    if (format && listedValues(format)?.includes(lit.value)) fact.choice = true;
  }

  /** Joi / zod / yup `.default(lit)` under an env-like key; envalid `str({ default })`; AdonisJS `env.get('X', lit)`; env-readers.ts's readers. */
  validationDefaults(call: ts.CallExpression): void {
    const callee = unwrapExpression(call.expression);
    if (this.adonisEnvDefault(call, callee)) return;
    const reader = readerDefault(call, this.scopes, this.sf);
    if (reader) {
      this.pushEnvDefault(reader.name, reader.literal, reader.shape, call);
      return;
    }
    if (isPropertyAccessExpression(callee) && callee.name.text === 'default' && call.arguments.length === 1) {
      const lit = literalValue(call.arguments[0]);
      if (!lit) return;
      const root = rootIdentifier(callee.expression);
      const shape = root && SCHEMA_ROOTS[root.text];
      if (!shape) return;
      const key = this.enclosingKey(call);
      if (!key || !ENV_KEY.test(key.name)) return;
      const fact = this.pushEnvDefault(key.name, lit, shape, call.arguments[0]);
      if (chainChoices(callee.expression)?.includes(lit.value)) fact.choice = true;
      return;
    }
    const name = lastName(callee);
    if (!name || !ENVALID_VALIDATORS.has(name) || call.arguments.length < 1) return;
    const opts = unwrapExpression(call.arguments[0]);
    if (!isObjectLiteralExpression(opts)) return;
    const key = this.enclosingKey(call);
    if (!key) return;
    if (!ENV_KEY.test(key.name) && !this.insideCleanEnv(key.object)) return;
    let choices: string[] | undefined;
    for (const p of opts.properties)
      if (isPropertyAssignment(p) && propertyNameText(p.name) === 'choices') choices = listedValues(p.initializer);
    for (const p of opts.properties) {
      if (!isPropertyAssignment(p)) continue;
      const option = propertyNameText(p.name);
      if (option !== 'default' && option !== 'devDefault') continue;
      const lit = literalValue(p.initializer);
      if (!lit) continue;
      const fact = this.pushEnvDefault(key.name, lit, 'envalid', p.initializer);
      if (option === 'devDefault') fact.devOnly = true;
      if (choices?.includes(lit.value)) fact.choice = true;
    }
  }

  /**
   * AdonisJS's reader of the environment: `env.get('DB_PASSWORD', 'shop')` (v6, `env` from
   * `#start/env`), `Env.get(…)` (v5, `@ioc:Adonis/Core/Env`; v4, `use('Env')`). Its second argument
   * is what the app runs with when the variable is unset, like `process.env.X || 'shop'`. Only a
   * receiver imported from Adonis's env module counts: any other `env.get(key, fallback)` (a Map, a
   * config store) reads no environment.
   */
  private adonisEnvDefault(call: ts.CallExpression, callee: ts.Expression): boolean {
    if (!isPropertyAccessExpression(callee) || callee.name.text !== 'get' || call.arguments.length !== 2) return false;
    const receiver = unwrapExpression(callee.expression);
    if (!isIdentifier(receiver) || !this.isAdonisEnv(receiver)) return false;
    const key = unwrapExpression(call.arguments[0]);
    if (!isStringLiteral(key) && !isNoSubstitutionTemplateLiteral(key)) return false;
    const lit = literalValue(call.arguments[1]);
    if (lit) this.pushEnvDefault(key.text, lit, 'adonis', call.arguments[1]);
    return true;
  }

  private isAdonisEnv(id: ts.Identifier): boolean {
    const binding = this.scopes.lookup(id.text, id);
    if (!binding) return false;
    if (binding.kind === 'import') {
      let n: ts.Node | undefined = binding.id;
      while (n && !isImportDeclaration(n)) n = n.parent;
      return !!n && isStringLiteral(n.moduleSpecifier) && ADONIS_ENV_MODULE.test(n.moduleSpecifier.text);
    }
    // Adonis v4: `const Env = use('Env')`.
    const init = binding.init && unwrapExpression(binding.init);
    if (!init || !isCallExpression(init) || !isIdentifier(init.expression) || init.expression.text !== 'use') return false;
    const arg = init.arguments[0];
    return !!arg && isStringLiteral(arg) && arg.text === 'Env';
  }

  /** Key of the property whose value is the chain `call` belongs to (`DB_PASSWORD: Joi.string().default('')`). */
  private enclosingKey(call: ts.CallExpression): { name: string; object: ts.ObjectLiteralExpression } | undefined {
    let n: ts.Node = call;
    for (let guard = 0; guard < 60; guard++) {
      const p: ts.Node = n.parent;
      if (!p) return undefined;
      if (isPropertyAccessExpression(p) && p.expression === n && isCallExpression(p.parent) && p.parent.expression === p) {
        n = p.parent;
        continue;
      }
      if (isParenthesizedExpression(p) || isAsExpression(p)) {
        n = p;
        continue;
      }
      if (isPropertyAssignment(p) && p.initializer === n && isObjectLiteralExpression(p.parent)) {
        const name = propertyNameText(p.name);
        return name === undefined ? undefined : { name, object: p.parent };
      }
      return undefined;
    }
    return undefined;
  }

  private insideCleanEnv(obj: ts.ObjectLiteralExpression): boolean {
    const p = obj.parent;
    return isCallExpression(p) && /(?:^|\.)(?:cleanEnv|customCleanEnv)$/.test(calleeText(p.expression, this.sf));
  }
}

/** The values of an array literal of literals (`['openid', 'oauth2']`); undefined for anything else. */
function listedValues(expr: ts.Expression): string[] | undefined {
  const e = unwrapExpression(expr);
  if (!isArrayLiteralExpression(e) || e.elements.length === 0) return undefined;
  const values: string[] = [];
  for (const element of e.elements) {
    const lit = literalValue(element);
    if (!lit) return undefined;
    values.push(lit.value);
  }
  return values;
}

/** Methods of a schema chain that restrict the value to a list: Joi's `valid` / `only`, yup's `oneOf`, zod's `enum`. */
const CHOICE_METHODS = new Set(['valid', 'only', 'oneOf', 'enum']);

/**
 * The values a Joi / yup / zod chain before `.default(…)` restricts the variable to: `Joi.string().valid('a', 'b')`,
 * `yup.string().oneOf(['a', 'b'])`, `z.enum(['a', 'b'])`. Undefined when the chain lists none.
 */
function chainChoices(expr: ts.Expression): string[] | undefined {
  let e = unwrapExpression(expr);
  for (let guard = 0; guard < 30 && isCallExpression(e); guard++) {
    const callee = unwrapExpression(e.expression);
    if (!isPropertyAccessExpression(callee)) return undefined;
    if (CHOICE_METHODS.has(callee.name.text) && e.arguments.length > 0) {
      if (e.arguments.length === 1)
        return listedValues(e.arguments[0]) ?? (literalValue(e.arguments[0]) ? [literalValue(e.arguments[0])!.value] : undefined);
      const values: string[] = [];
      for (const arg of e.arguments) {
        const lit = literalValue(arg);
        if (!lit) return undefined;
        values.push(lit.value);
      }
      return values;
    }
    e = unwrapExpression(callee.expression);
  }
  return undefined;
}

/** Longest text kept of a value a fallback chain tries before its literal: enough to name it (`config.password`), never a whole expression. */
const MAX_TRIED_TEXT = 60;

/** An operand of a fallback chain as written, on one line, cut to MAX_TRIED_TEXT characters. */
function sourceSummary(e: ts.Expression, sf: ts.SourceFile): string {
  const text = e.getText(sf).replace(/\s+/g, ' ').trim();
  return text.length > MAX_TRIED_TEXT ? `${text.slice(0, MAX_TRIED_TEXT - 1)}…` : text;
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= FirstAssignmentKind && kind <= LastAssignmentKind;
}
