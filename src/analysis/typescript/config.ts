/**
 * Connection / TLS / credential properties in object literals, and the call
 * they configure.
 */
import ts from './ts.js';
import type { ConfigProperty, Span } from '../facts.js';
import { calleeText, lastName, nodeSpan, type ExtractContext } from './context.js';
import { envDerivedName, fallbackChain, isFallbackOperator, isUnsetTest, literalValue, envAccessName } from './env.js';
import { readerDefaultOf } from './env-readers.js';
import { propertyNameText, unwrapExpression, type Binding } from './scope.js';
import { CONNECTION_KEYS } from './vocabulary.js';
import { isFirebaseWebApiKey, isPlaceholderSecret, isSecretName } from '../secrets.js';
import { literalText } from './literals.js';

// The `typescript` export object and its enums are in dictionary mode: each `ts.x` / `SyntaxKind.X`
// access is a hash lookup, so the ones used per node are read once here.
const {
  isArrayLiteralExpression,
  isArrowFunction,
  isAsExpression,
  isBinaryExpression,
  isCallExpression,
  isCaseClause,
  isConditionalExpression,
  isElementAccessExpression,
  isFunctionDeclaration,
  isFunctionLike,
  isGetAccessorDeclaration,
  isIdentifier,
  isIfStatement,
  isImportDeclaration,
  isMethodDeclaration,
  isNewExpression,
  isNoSubstitutionTemplateLiteral,
  isNonNullExpression,
  isObjectLiteralExpression,
  isParenthesizedExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isPropertyDeclaration,
  isReturnStatement,
  isSatisfiesExpression,
  isShorthandPropertyAssignment,
  isSourceFile,
  isSpreadAssignment,
  isSpreadElement,
  isStringLiteral,
  isTemplateExpression,
  isTypeAssertionExpression,
  isVariableDeclaration,
} = ts;
const {
  AmpersandAmpersandToken: AmpersandAmpersandTokenKind,
  BarBarToken: BarBarTokenKind,
  EqualsEqualsEqualsToken: EqualsEqualsEqualsTokenKind,
  EqualsEqualsToken: EqualsEqualsTokenKind,
  EqualsToken: EqualsTokenKind,
  ExclamationEqualsEqualsToken: ExclamationEqualsEqualsTokenKind,
  ExclamationEqualsToken: ExclamationEqualsTokenKind,
  NullKeyword: NullKeywordKind,
  PlusToken: PlusTokenKind,
  QuestionQuestionToken: QuestionQuestionTokenKind,
} = ts.SyntaxKind;

/** Keys whose properties are config facts: connection and credential keys, pg's `options`, driver names and TLS material. */
// `search_path`: postgres.js passes its `connection: { search_path }` as the session's startup parameters.
export const CONFIG_KEYS = new Set([...CONNECTION_KEYS, 'options', 'search_path', 'dialect', 'client', 'type', 'key', 'cert', 'ca']);

/** Keys that are only configuration next to connection keys, or when naming a database driver. */
const DRIVER_KEYS = new Set(['dialect', 'client', 'type']);
/** TLS material, taken only directly inside an `ssl` / `tls` object (elsewhere `key` is any key). */
const TLS_MATERIAL_KEYS = new Set(['key', 'cert', 'ca']);
/** Password keys that make an `auth: { … }` object a credential (nodemailer, Redis, HTTP basic auth). */
const AUTH_PASSWORD_KEYS = new Set(['pass', 'password']);
const CONNECTION_OBJECT_KEYS = new Set([
  'host',
  'hostname',
  'database',
  'user',
  'username',
  'connection',
  'connectionString',
  'socketPath',
]);
const DRIVER_NAMES =
  /^(?:mysql2?|mariadb|pg|postgres(?:ql)?|pg-native|sqlite3?|better-sqlite3|mssql|tedious|oracle(?:db)?|mongodb|cockroachdb|redshift|aurora-(?:mysql|postgres)|sqljs|capacitor|cordova|expo|nativescript|react-native|spanner|sap|libsql|d1)$/i;

export interface ValueInfo {
  valueKind: ConfigProperty['valueKind'];
  value?: string;
  envName?: string;
  valueSpan: Span;
}

/**
 * Classifies a configuration value: literal, env read, env read with a literal
 * fallback (`valueSpan` is then the fallback literal, matching
 * `EnvDefault.fileSpan`), or other.
 */
export function classifyValue(ctx: ExtractContext, expr: ts.Expression): ValueInfo {
  const e = unwrapExpression(expr);
  const span = nodeSpan(e, ctx.sf);
  const lit = literalValue(e);
  if (lit) return { valueKind: lit.valueKind, value: lit.value, valueSpan: span };
  const env = envDerivedName(e, ctx.scopes);
  if (env) return { valueKind: 'env', envName: env.name, valueSpan: span };
  const fallback = envFallback(ctx, e);
  if (fallback) return fallback;
  const reader = isCallExpression(e) ? readerDefaultOf(e, ctx.scopes, ctx.sf) : undefined;
  if (reader)
    return {
      valueKind: 'env-default',
      envName: reader.name,
      value: reader.literal.value,
      valueSpan: nodeSpan(reader.literal.node, ctx.sf),
    };
  if (isIdentifier(e) || isPropertyAccessExpression(e) || isElementAccessExpression(e)) {
    const r = ctx.scopes.resolveInitializer(e);
    const fixed = r && literalValue(r.expr);
    if (fixed) return { valueKind: fixed.valueKind, value: fixed.value, valueSpan: span };
  }
  return { valueKind: 'other', valueSpan: span };
}

function envFallback(ctx: ExtractContext, e: ts.Expression): ValueInfo | undefined {
  if (isBinaryExpression(e) && isFallbackOperator(e.operatorToken.kind)) {
    const chain = fallbackChain(e);
    const lit = literalValue(chain[chain.length - 1]);
    const env = envDerivedName(chain[0], ctx.scopes);
    if (lit && env && chain.slice(0, -1).every((c) => envDerivedName(c, ctx.scopes))) {
      return { valueKind: 'env-default', envName: env.name, value: lit.value, valueSpan: nodeSpan(lit.node, ctx.sf) };
    }
    return undefined;
  }
  // parseInt(process.env.PORT || '5432', 10), Number(process.env.PORT ?? 5432)
  if (
    isCallExpression(e) &&
    e.arguments.length >= 1 &&
    /^(?:parseInt|parseFloat|Number|Boolean|String|Number\.parseInt|Number\.parseFloat)$/.test(e.expression.getText(ctx.sf))
  ) {
    const inner = envFallback(ctx, unwrapExpression(e.arguments[0]));
    if (inner) return inner;
    return undefined;
  }
  if (isConditionalExpression(e)) {
    const t = ternaryDefault(ctx, e);
    if (t) return { valueKind: 'env-default', envName: t.name, value: t.literal.value, valueSpan: nodeSpan(t.literal.node, ctx.sf) };
  }
  return undefined;
}

/** `process.env.X ? process.env.X : 'lit'`, `!process.env.X ? 'lit' : process.env.X`, `process.env.X !== undefined ? … : 'lit'`. */
export function ternaryDefault(
  ctx: ExtractContext,
  c: ts.ConditionalExpression,
): { name: string; literal: NonNullable<ReturnType<typeof literalValue>> } | undefined {
  const cond = unwrapExpression(c.condition);
  const t = envDerivedName(c.whenTrue, ctx.scopes);
  const f = envDerivedName(c.whenFalse, ctx.scopes);
  if (t) {
    const lit = literalValue(c.whenFalse);
    if (lit && isSetTest(cond, t.name, ctx)) return { name: t.name, literal: lit };
  }
  if (f) {
    const lit = literalValue(c.whenTrue);
    if (lit && isUnsetTest(cond, f.name, ctx.scopes)) return { name: f.name, literal: lit };
  }
  return undefined;
}

function isSetTest(cond: ts.Expression, name: string, ctx: ExtractContext): boolean {
  if (envAccessName(cond, ctx.scopes) === name) return true;
  if (isBinaryExpression(cond)) {
    const k = cond.operatorToken.kind;
    if (k === ExclamationEqualsEqualsTokenKind || k === ExclamationEqualsTokenKind) {
      const l = unwrapExpression(cond.left);
      const r = unwrapExpression(cond.right);
      const other = envAccessName(l, ctx.scopes) === name ? r : envAccessName(r, ctx.scopes) === name ? l : undefined;
      if (!other) return false;
      return (
        (isIdentifier(other) && other.text === 'undefined') ||
        other.kind === NullKeywordKind ||
        (isStringLiteral(other) && other.text === '')
      );
    }
  }
  return false;
}

const TRANSPARENT = (n: ts.Node): boolean =>
  isParenthesizedExpression(n) ||
  isAsExpression(n) ||
  isSatisfiesExpression(n) ||
  isNonNullExpression(n) ||
  isTypeAssertionExpression(n) ||
  isConditionalExpression(n) ||
  isArrayLiteralExpression(n) ||
  (isBinaryExpression(n) &&
    (n.operatorToken.kind === BarBarTokenKind ||
      n.operatorToken.kind === AmpersandAmpersandTokenKind ||
      n.operatorToken.kind === QuestionQuestionTokenKind));

/** Path of enclosing keys and the outermost object literal of a nested configuration object. */
export function configPath(obj: ts.ObjectLiteralExpression): { path: string[]; top: ts.Expression } {
  const path: string[] = [];
  let n: ts.Node = obj;
  for (let guard = 0; guard < 50; guard++) {
    const p: ts.Node | undefined = n.parent;
    if (!p) break;
    if (TRANSPARENT(p) && !(isConditionalExpression(p) && p.condition === n)) {
      n = p;
      continue;
    }
    if (isPropertyAssignment(p) && p.initializer === n) {
      const key = propertyNameText(p.name);
      if (key === undefined) break;
      path.unshift(key);
      n = p.parent;
      continue;
    }
    break;
  }
  return { path, top: n as ts.Expression };
}

export type CalleeLink = { callee: string } | { binding: Binding } | undefined;

/** The call an object literal configures: `mysql.createPool({…})`, `new Pool({…})`, `forRootAsync({ useFactory: () => ({…}) })`. */
export function calleeOf(ctx: ExtractContext, top: ts.Expression): CalleeLink {
  let n: ts.Node = top;
  for (let guard = 0; guard < 12; guard++) {
    const p: ts.Node | undefined = n.parent;
    if (!p) return undefined;
    if ((isCallExpression(p) || isNewExpression(p)) && p.arguments?.some((a) => a === n)) {
      const text = calleeText(p.expression, ctx.sf);
      return { callee: isNewExpression(p) ? `new ${text}` : text };
    }
    if (isVariableDeclaration(p) && p.initializer === n) {
      if (!isIdentifier(p.name)) return undefined;
      const b = ctx.scopes.lookup(p.name.text, p.name);
      return b ? { binding: b } : undefined;
    }
    if (TRANSPARENT(p) || isSpreadAssignment(p) || isSpreadElement(p)) {
      n = p;
      continue;
    }
    if (isArrowFunction(p) && p.body === n) {
      n = p;
      continue;
    }
    if (isReturnStatement(p)) {
      let f: ts.Node | undefined = p.parent;
      while (f && !isFunctionLike(f)) f = f.parent;
      if (!f || isFunctionDeclaration(f) || isMethodDeclaration(f)) return undefined;
      n = f;
      continue;
    }
    if (isPropertyAssignment(p) && p.initializer === n) {
      n = p.parent;
      continue;
    }
    if (isObjectLiteralExpression(p)) {
      n = p;
      continue;
    }
    return undefined;
  }
  return undefined;
}

/** Keys only a Firebase web app's config has (`initializeApp({ apiKey, authDomain, projectId, appId, … })`). */
const FIREBASE_WEB_CONFIG_KEYS = new Set(['authDomain', 'appId', 'messagingSenderId', 'measurementId']);

function isFirebaseWebConfig(obj: ts.ObjectLiteralExpression): boolean {
  return obj.properties.some((p) => {
    const key = p.name && propertyNameText(p.name);
    return key !== undefined && FIREBASE_WEB_CONFIG_KEYS.has(key);
  });
}

/**
 * Keys of a syntax highlighter's rule, beside which `token` names a lexical token type (`'comment'`,
 * `'keyword.operator'`), not a credential: Ace's and CodeMirror 5 simple modes'
 * `{ token: 'comment', regex: '\\/\\*', next: 'comment' }`, Ace's `{ defaultToken: 'string' }`.
 */
const HIGHLIGHTER_RULE_KEYS = new Set(['regex', 'next', 'push', 'defaultToken']);

function isHighlighterRule(obj: ts.ObjectLiteralExpression): boolean {
  return obj.properties.some((p) => {
    const key = p.name && propertyNameText(p.name);
    return key !== undefined && HIGHLIGHTER_RULE_KEYS.has(key);
  });
}

/**
 * Authorization fields of an in-memory principal or API-token record, beside which a `secret` / `token` is the record's
 * own field: unleash's `new ApiUser({ tokenName, permissions, type: ApiTokenType.FRONTEND, secret: 'unknown' })`.
 */
const PRINCIPAL_KEYS = new Set(['permissions', 'permission', 'roles', 'role', 'scopes', 'scope', 'claims', 'grants', 'authorities']);
/** Words that stand for "no token" in such a record: what a demo or no-auth mode gives the principal it makes up. */
const NO_TOKEN_WORD = /^(?:unknown|none|anonymous|anon|guest|default|dummy|fake|demo|null|undefined|n\/a|unset|empty|noop)$/i;

/**
 * Whether a class is the project's own: `true` when declared in the file or imported from a relative module
 * (`../types/api-user.js`); the specifier when imported by a bare one (`@app/types/api-user`), which the model resolves
 * (a tsconfig `paths` alias or a workspace package is the project's, a library is not); `false` otherwise.
 */
function ownClass(ctx: ExtractContext, expr: ts.Expression): boolean | string {
  const e = unwrapExpression(expr);
  if (!isIdentifier(e)) return false;
  const binding = ctx.scopes.lookup(e.text, e);
  if (!binding) return false;
  if (binding.kind === 'class') return true;
  const specifier = moduleOf(ctx, e);
  if (specifier === undefined) return false;
  return /^\.{1,2}\//.test(specifier) || (!specifier.startsWith('node:') && !specifier.startsWith('/') && specifier);
}

/**
 * A placeholder token of a principal the code makes up: the options of `new X(…)` where X is the project's own class
 * (not a driver, ORM, HTTP client or auth library), beside authorization fields (`permissions`, `roles`, `scopes`) and
 * no connection key, holding a word for "no token" or a single character (`secret: 'unknown'`, `secret: 'a'`). The
 * record stands for an anonymous caller in memory; nothing authenticates with it.
 */
function placeholderPrincipalToken(ctx: ExtractContext, obj: ts.ObjectLiteralExpression, value: string): boolean | string {
  const v = value.trim();
  if (!(Array.from(v).length <= 1 || NO_TOKEN_WORD.test(v) || isPlaceholderSecret(v))) return false;
  const parent = obj.parent;
  if (!isNewExpression(parent) || !parent.arguments?.includes(obj)) return false;
  const own = ownClass(ctx, parent.expression);
  if (own === false || hasConnectionKeys(obj)) return false;
  const principal = obj.properties.some((p) => {
    const key = p.name && propertyNameText(p.name);
    return key !== undefined && PRINCIPAL_KEYS.has(key);
  });
  return principal && own;
}

/** Per object literal: the values of a lookup table held by keys that name no secret, or null when it is none. */
const lookupTables = new WeakMap<ts.ObjectLiteralExpression, ReadonlySet<string> | null>();
/** The fewest properties of a lookup table. */
const MIN_LOOKUP_PROPERTIES = 6;

/**
 * Whether `value` is one of the few words a lookup table maps its keys to (Ghost's settings key → group map,
 * `{ twitter_image: 'site', is_private: 'private', password: 'private', public_hash: 'private', labs: 'labs' }`): every
 * property a string literal, at least six, two or more distinct values but at most half as many as properties, no
 * connection key, and `value` also held by two other keys, one naming no secret. `password` is then a key of the table and its
 * value a group's name. A record whose every field says the same (`{ name: 'admin', …, password: 'admin' }`) is no table.
 */
function isLookupTableWord(obj: ts.ObjectLiteralExpression, value: string): boolean {
  let words = lookupTables.get(obj);
  if (words === undefined) {
    words = lookupTableWords(obj);
    lookupTables.set(obj, words);
  }
  return words !== null && words.has(value);
}

function lookupTableWords(obj: ts.ObjectLiteralExpression): ReadonlySet<string> | null {
  if (obj.properties.length < MIN_LOOKUP_PROPERTIES || hasConnectionKeys(obj)) return null;
  // Per value: how many keys hold it, and whether one of them names no secret (`is_private` does, by its PRIVATE).
  const holders = new Map<string, { count: number; plain: boolean }>();
  for (const p of obj.properties) {
    if (!isPropertyAssignment(p)) return null;
    const key = propertyNameText(p.name);
    const v = unwrapExpression(p.initializer);
    if (key === undefined || !(isStringLiteral(v) || isNoSubstitutionTemplateLiteral(v))) return null;
    const held = holders.get(v.text) ?? { count: 0, plain: false };
    held.count++;
    held.plain ||= !isSecretName(key);
    holders.set(v.text, held);
  }
  if (holders.size < 2 || holders.size * 2 > obj.properties.length) return null;
  // The secret key's own holding counts: three keys in all, so two others.
  return new Set([...holders].filter(([, held]) => held.count >= 3 && held.plain).map(([word]) => word));
}

function hasConnectionKeys(obj: ts.ObjectLiteralExpression): boolean {
  return obj.properties.some((p) => {
    const key = p.name && propertyNameText(p.name);
    return key !== undefined && CONNECTION_OBJECT_KEYS.has(key);
  });
}

/** LangChain's serialisation maps: fields to the env variables of their secrets, and to their serialised names. */
const LANGCHAIN_NAME_MAPS = new Set(['lc_secrets', 'lc_aliases']);

/**
 * The object a LangChain class's `get lc_secrets()` / `get lc_aliases()` returns (or such a class field's initializer):
 * `{ apiKey: 'FIREWORKS_API_KEY' }` names the variable a field is read from, `{ openAIApiKey: 'openai_api_key' }` the
 * field's serialised name. Names, never values.
 */
function isLangChainNameMap(obj: ts.ObjectLiteralExpression): boolean {
  let n: ts.Node = obj;
  while (n.parent && (isParenthesizedExpression(n.parent) || isAsExpression(n.parent) || isSatisfiesExpression(n.parent))) n = n.parent;
  const p = n.parent;
  let member: ts.Node | undefined;
  if (p && isReturnStatement(p)) {
    member = p.parent;
    while (member && !isFunctionLike(member)) member = member.parent;
  } else if (p && (isPropertyDeclaration(p) || isArrowFunction(p))) member = isArrowFunction(p) ? p.parent : p;
  if (!member || !(isGetAccessorDeclaration(member) || isMethodDeclaration(member) || isPropertyDeclaration(member))) return false;
  const name = member.name && propertyNameText(member.name);
  return name !== undefined && LANGCHAIN_NAME_MAPS.has(name);
}

export interface PendingConfig {
  property: ConfigProperty;
  binding: Binding;
}

/** A `key: value` or shorthand `{ key }` in an object literal. */
export function configFromProperty(
  ctx: ExtractContext,
  prop: ts.PropertyAssignment | ts.ShorthandPropertyAssignment,
  pending: PendingConfig[],
): void {
  const key = propertyNameText(prop.name);
  if (key === undefined || !CONFIG_KEYS.has(key)) return;
  const obj = prop.parent;
  if (!isObjectLiteralExpression(obj)) return;
  const valueExpr = isPropertyAssignment(prop) ? prop.initializer : prop.name;
  if (key === 'token' && isHighlighterRule(obj)) return;
  if (isLangChainNameMap(obj)) return;
  if (DRIVER_KEYS.has(key)) {
    const lit = literalValue(valueExpr);
    const namesDriver = lit?.valueKind === 'string' && DRIVER_NAMES.test(lit.value);
    if (!namesDriver && !hasConnectionKeys(obj)) return;
  }
  const { path, top } = configPath(obj);
  if (TLS_MATERIAL_KEYS.has(key) && !/^(?:ssl|tls)$/.test(path[path.length - 1] ?? '')) return;
  const value = key === 'searchPath' || key === 'search_path' ? searchPathValue(ctx, valueExpr) : classifyValue(ctx, valueExpr);
  // `options` is any library's bag of settings; it matters only as pg's `options: '-c search_path=…'`.
  if (key === 'options' && !(value.value !== undefined && /search_path/i.test(value.value))) return;
  // `tls: false` is a TLS switch; `tls: tlsOptions` / `tls: { … }` is no setting by itself (its keys are read on their own).
  if (key === 'tls' && value.valueKind !== 'boolean') return;
  // SQL Server's TLS switches matter only as written booleans (`encrypt` is any library's word otherwise).
  if ((key === 'encrypt' || key === 'trustServerCertificate') && value.valueKind !== 'boolean') return;
  if (key === 'auth' && !isAuthCredential(value, valueExpr)) return;
  // A Firebase web config's `apiKey` (`AIza…` beside `authDomain` / `appId`) identifies the project to browsers: no credential.
  if (key === 'apiKey' && value.value !== undefined && isFirebaseWebApiKey(value.value) && isFirebaseWebConfig(obj)) return;
  // A lookup table's group name under a `password` key, a made-up principal's placeholder token: no credential.
  let principalClassModule: string | undefined;
  if (value.valueKind === 'string' && value.value !== undefined && isSecretName(key)) {
    if (isLookupTableWord(obj, value.value)) return;
    const principal = placeholderPrincipalToken(ctx, obj, value.value);
    if (principal === true) return;
    // A class imported by a bare specifier: the model tells the project's own (a tsconfig alias) from a library's.
    if (typeof principal === 'string') principalClassModule = principal;
  }
  const property: ConfigProperty = {
    key,
    path,
    valueKind: value.valueKind,
    keySpan: nodeSpan(prop.name, ctx.sf),
    valueSpan: value.valueSpan,
    objectSpan: nodeSpan(obj, ctx.sf),
  };
  if (principalClassModule !== undefined) property.principalClassModule = principalClassModule;
  if (value.value !== undefined) property.value = value.value;
  if (value.envName !== undefined) property.envName = value.envName;
  if (value.valueKind === 'other' && NAME_KEYS.has(key)) {
    const computed = computedName(valueExpr);
    if (computed) property.computed = computed;
  }
  if (TLS_SWITCH_KEYS.has(key) && value.valueKind === 'boolean') {
    const optionCode = optionCodeOf(ctx, obj, top);
    if (optionCode) property.optionCode = optionCode;
  }
  const link = calleeOf(ctx, top);
  if (link && 'callee' in link) property.callee = link.callee;
  else if (link) pending.push({ property, binding: link.binding });
  ctx.facts.configProperties.push(property);
}

/** The TLS switches no-insecure-db-tls reads, whose code it asks about (`optionCodeOf`). */
const TLS_SWITCH_KEYS = new Set(['rejectUnauthorized', 'ssl', 'tls', 'encrypt', 'trustServerCertificate']);
/** Names of an options-defaults object: `defaults`, `DEFAULTS`, `defaultOptions`, `DEFAULT_POOL_OPTIONS`, `defaultConfig`. */
const DEFAULTS_NAME = /^(?:defaults?|default[A-Z_]\w*|DEFAULTS?(?:_\w+)?|\w+Defaults|\w+_DEFAULTS)$/;
/** A module that lists defaults: `defaults.js`, `default-options.ts`, `config-defaults.js`. */
const DEFAULTS_MODULE = /(?:^|[-_.])defaults?(?:[-_.]options|[-_.]config)?\.[cm]?[jt]s$/i;
/** How far up from an object literal a mode branch or a defaults binding is looked for. */
const MAX_OPTION_CODE_DEPTH = 8;

/**
 * Whether the object holding a TLS switch implements options rather than choosing them (see `ConfigProperty.optionCode`).
 * Decided from the outermost object literal `top` up to the enclosing function; `obj` is the switch's own object.
 */
function optionCodeOf(ctx: ExtractContext, obj: ts.ObjectLiteralExpression, top: ts.Expression): ConfigProperty['optionCode'] {
  let n: ts.Node = top;
  for (let depth = 0; depth < MAX_OPTION_CODE_DEPTH; depth++) {
    const p: ts.Node | undefined = n.parent;
    if (!p || isSourceFile(p) || isFunctionLike(p)) break;
    if (isCaseClause(p) && isStringLike(p.expression)) return 'mode';
    if (isIfStatement(p) && p.thenStatement === n && comparesWithString(p.expression)) return 'mode';
    if (isCallExpression(p) && p.arguments[0] === n && p.arguments.length >= 2 && calleeText(p.expression, ctx.sf) === 'Object.assign')
      return 'defaults';
    if (isVariableDeclaration(p) && p.initializer === n && isIdentifier(p.name) && DEFAULTS_NAME.test(p.name.text)) return 'defaults';
    if (isBinaryExpression(p) && p.right === n && p.operatorToken.kind === EqualsTokenKind) {
      const target = calleeText(p.left, ctx.sf);
      if (DEFAULTS_NAME.test(target.slice(target.lastIndexOf('.') + 1))) return 'defaults';
      if (target === 'module.exports' && DEFAULTS_MODULE.test(ctx.sf.fileName.slice(ctx.sf.fileName.lastIndexOf('/') + 1)))
        return 'defaults';
    }
    n = p;
  }
  return readsParameter(ctx, obj) ? 'caller-options' : undefined;
}

function isStringLike(e: ts.Expression): boolean {
  return literalText(unwrapExpression(e)) !== undefined;
}

/** `x === 'no-verify'`, `'disable' == mode`. */
function comparesWithString(e: ts.Expression): boolean {
  const u = unwrapExpression(e);
  if (!isBinaryExpression(u)) return false;
  const k = u.operatorToken.kind;
  return (k === EqualsEqualsEqualsTokenKind || k === EqualsEqualsTokenKind) && (isStringLike(u.left) || isStringLike(u.right));
}

/** The most nodes looked at for a parameter read in one object's values. */
const MAX_PARAMETER_SCAN = 200;

/** Whether a value of `obj` (not a nested function's) reads a parameter of the function around it (`port: options.port`). */
function readsParameter(ctx: ExtractContext, obj: ts.ObjectLiteralExpression): boolean {
  let budget = MAX_PARAMETER_SCAN;
  const visit = (node: ts.Node): boolean => {
    if (--budget < 0 || isFunctionLike(node)) return false;
    // `options.port`: the receiver is read, the name after the dot is no variable.
    if (isPropertyAccessExpression(node)) return visit(node.expression);
    if (isIdentifier(node)) {
      const binding = ctx.scopes.lookup(node.text, node);
      if (binding?.kind === 'param') return true;
      // `host` bound to `typeof options.host === 'string' ? options.host : 'localhost'` a line above.
      const init = binding && (binding.kind === 'const' || binding.kind === 'let') ? binding.init : undefined;
      return init !== undefined && visit(init);
    }
    return ts.forEachChild(node, visit) === true;
  };
  return obj.properties.some((p) => {
    if (isPropertyAssignment(p)) return visit(p.initializer);
    return isShorthandPropertyAssignment(p) && visit(p.name);
  });
}

/** Keys whose value names the database a connection opens. */
const NAME_KEYS = new Set(['database', 'db', 'dbName']);

/**
 * A name built at run time around one value: `` `sg_${subgraph}` ``, `'ms-' + MS_NAME`,
 * `prefix_${x}_db` → its constant text before and after that value. Undefined for a literal, for
 * more than one value (`${env}_${name}`: nothing fixes which parts are which) and when nothing
 * constant is left (`${name}` alone is a plain variable).
 */
function computedName(expr: ts.Expression): { prefix: string; suffix: string } | undefined {
  const e = unwrapExpression(expr);
  const parts: Array<string | undefined> = [];
  if (isTemplateExpression(e)) {
    parts.push(e.head.text);
    for (const span of e.templateSpans) parts.push(undefined, span.literal.text);
  } else if (isBinaryExpression(e) && e.operatorToken.kind === PlusTokenKind) {
    const visit = (n: ts.Expression): void => {
      const u = unwrapExpression(n);
      if (isBinaryExpression(u) && u.operatorToken.kind === PlusTokenKind) {
        visit(u.left);
        visit(u.right);
      } else parts.push(literalText(u));
    };
    visit(e);
  } else return undefined;
  const hole = parts.indexOf(undefined);
  if (hole < 0 || parts.indexOf(undefined, hole + 1) >= 0) return undefined;
  const prefix = parts.slice(0, hole).join('');
  const suffix = parts.slice(hole + 1).join('');
  return prefix + suffix === '' ? undefined : { prefix, suffix };
}

/** knex `searchPath: ['billing', 'public']`: the first schema is where unqualified tables live. */
function searchPathValue(ctx: ExtractContext, expr: ts.Expression): ValueInfo {
  const e = unwrapExpression(expr);
  if (isArrayLiteralExpression(e)) {
    const first = e.elements[0];
    return first ? classifyValue(ctx, first) : { valueKind: 'other', valueSpan: nodeSpan(e, ctx.sf) };
  }
  return classifyValue(ctx, e);
}

/** `auth: 'user:secret'` (a string, or a string from the environment), or `auth: { user, pass }`. */
function isAuthCredential(value: ValueInfo, expr: ts.Expression): boolean {
  if (value.valueKind === 'string' || value.valueKind === 'env' || value.valueKind === 'env-default') return true;
  const e = unwrapExpression(expr);
  return (
    isObjectLiteralExpression(e) &&
    e.properties.some((p) => {
      const name = p.name && propertyNameText(p.name);
      return name !== undefined && AUTH_PASSWORD_KEYS.has(name);
    })
  );
}

const POSITIONAL_KEYS = ['database', 'user', 'password'];

/** `new Sequelize('db', 'user', 'pass', {...})`. */
export function configFromSequelizeArgs(ctx: ExtractContext, expr: ts.NewExpression): void {
  const args = expr.arguments;
  if (!args || args.length < 3) return;
  const name = calleeText(expr.expression, ctx.sf);
  if (!/(?:^|\.)Sequelize$/.test(name)) return;
  for (let i = 0; i < 3; i++) {
    const a = unwrapExpression(args[i]);
    if (a.kind === NullKeywordKind || (isIdentifier(a) && a.text === 'undefined') || isObjectLiteralExpression(a)) continue;
    const value = classifyValue(ctx, a);
    const property: ConfigProperty = {
      key: POSITIONAL_KEYS[i],
      path: [],
      valueKind: value.valueKind,
      callee: `new ${name}`,
      keySpan: nodeSpan(a, ctx.sf),
      valueSpan: value.valueSpan,
    };
    if (value.value !== undefined) property.value = value.value;
    if (value.envName !== undefined) property.envName = value.envName;
    ctx.facts.configProperties.push(property);
  }
}

/** Receivers that are the `jsonwebtoken` module by name: `jwt.sign`, `jsonwebtoken.verify`, `this.jwt.sign`. */
const JWT_RECEIVER = /^(?:jwt|jsonwebtoken)$/i;
/** A PEM public key or certificate verifies signatures; it is not a secret. */
const PUBLIC_PEM = /^\s*-----BEGIN (?:[A-Z ]*PUBLIC KEY|CERTIFICATE)-----/;

/** The module a name is imported or required from (`import { sign } from 'jsonwebtoken'`, `const jwt = require('jsonwebtoken')`). */
function moduleOf(ctx: ExtractContext, id: ts.Identifier): string | undefined {
  const b = ctx.scopes.lookup(id.text, id);
  if (!b) return undefined;
  let n: ts.Node | undefined = b.id;
  for (let guard = 0; n && guard < 6; guard++, n = n.parent) {
    if (isImportDeclaration(n)) return isStringLiteral(n.moduleSpecifier) ? n.moduleSpecifier.text : undefined;
    if (isVariableDeclaration(n)) {
      const init = n.initializer && unwrapExpression(n.initializer);
      if (init && isCallExpression(init) && isIdentifier(init.expression) && init.expression.text === 'require') {
        const arg = init.arguments[0];
        return arg && isStringLiteral(arg) ? arg.text : undefined;
      }
      return undefined;
    }
  }
  return undefined;
}

/** `jwt.sign(payload, secret, …)`, `jwt.verify(token, secret, …)`, or `sign` / `verify` imported from `jsonwebtoken`. */
function isJwtCall(ctx: ExtractContext, callee: ts.Expression): boolean {
  const e = unwrapExpression(callee);
  if (isIdentifier(e)) return (e.text === 'sign' || e.text === 'verify') && moduleOf(ctx, e) === 'jsonwebtoken';
  if (!isPropertyAccessExpression(e) || (e.name.text !== 'sign' && e.name.text !== 'verify')) return false;
  const receiver = unwrapExpression(e.expression);
  const name = lastName(receiver);
  if (name !== undefined && JWT_RECEIVER.test(name)) return true;
  return isIdentifier(receiver) && moduleOf(ctx, receiver) === 'jsonwebtoken';
}

/**
 * The secret passed positionally to `jsonwebtoken`: `jwt.sign(payload, 'secret')` and
 * `jwt.verify(token, 'secret')` become a `secret` property of that call. An options object
 * (NestJS `jwtService.sign(p, { secret })`) is read by `configFromProperty`; a key-lookup
 * callback or a PEM public key is not a secret.
 */
export function configFromJwtArgs(ctx: ExtractContext, call: ts.CallExpression): void {
  if (call.arguments.length < 2 || !isJwtCall(ctx, call.expression)) return;
  const arg = unwrapExpression(call.arguments[1]);
  if (
    arg.kind === NullKeywordKind ||
    (isIdentifier(arg) && arg.text === 'undefined') ||
    isObjectLiteralExpression(arg) ||
    isFunctionLike(arg)
  ) {
    return;
  }
  const value = classifyValue(ctx, arg);
  if (value.value !== undefined && PUBLIC_PEM.test(value.value)) return;
  pushCallSecret(ctx, call, arg, value);
}

/**
 * AWS CDK's `SecretValue.unsafePlainText('…')` (and the deprecated `SecretValue.plainText`): a secret written
 * into the app, and so into every synthesized template (`rds.Credentials.fromPassword('admin',
 * SecretValue.unsafePlainText('…'))` is a CDK app's hard-coded database password). Its argument becomes a `secret`
 * property of the call, as `jwt.sign`'s is; `SecretValue.secretsManager(…)`, `ssmSecure(…)` and a value read from
 * the environment are references, not values.
 */
export function configFromSecretValue(ctx: ExtractContext, call: ts.CallExpression): void {
  const callee = unwrapExpression(call.expression);
  if (!isPropertyAccessExpression(callee) || (callee.name.text !== 'unsafePlainText' && callee.name.text !== 'plainText')) return;
  if (lastName(unwrapExpression(callee.expression)) !== 'SecretValue' || call.arguments.length === 0) return;
  const arg = unwrapExpression(call.arguments[0]);
  const value = classifyValue(ctx, arg);
  pushCallSecret(ctx, call, arg, value);
}

/** `arg` of `call`, a secret passed positionally (jwt.sign's, CDK's SecretValue's): a `secret` property of that call. */
function pushCallSecret(ctx: ExtractContext, call: ts.CallExpression, arg: ts.Expression, value: ReturnType<typeof classifyValue>): void {
  const property: ConfigProperty = {
    key: 'secret',
    path: [],
    valueKind: value.valueKind,
    callee: calleeText(call.expression, ctx.sf),
    keySpan: nodeSpan(arg, ctx.sf),
    valueSpan: value.valueSpan,
  };
  if (value.value !== undefined) property.value = value.value;
  if (value.envName !== undefined) property.envName = value.envName;
  ctx.facts.configProperties.push(property);
}
