/**
 * Lexical bindings and constant resolution, without a type checker.
 *
 * During the single AST walk every declaration is recorded in the scope node
 * that owns it (block, function, source file). A name is resolved by walking the
 * ancestors of its use and taking the first scope that declares it, so shadowing
 * by parameters, imports and inner declarations is honoured. Only things whose
 * value is fixed by the file itself resolve: `const` literals, `readonly` class
 * fields, enum members, members of `const` object literals. Everything else
 * (parameters, imports, calls, `let` in holes) stays unresolved — an unresolved
 * hole is never turned into a guessed name.
 */
import ts from 'typescript';

/** Cached once: the TypeScript bundle exposes its exports through getters. */
const SK = ts.SyntaxKind;

export type BindingKind = 'const' | 'let' | 'var' | 'param' | 'import' | 'function' | 'class' | 'enum' | 'other';

export interface Binding {
  name: string;
  kind: BindingKind;
  /** Initializer of a simple `name = init` declaration. */
  init?: ts.Expression;
  /** The declaring identifier. */
  id: ts.Node;
  scope: ts.Node;
}

interface ClassMember {
  init?: ts.Expression;
  readonly: boolean;
  isStatic: boolean;
}

export interface ClassInfo {
  node: ts.ClassLikeDeclaration;
  name?: string;
  members: Map<string, ClassMember>;
  /** `this.x = …` assignments anywhere in the class body. */
  thisAssignments: Map<string, ts.BinaryExpression[]>;
}

const MAX_DEPTH = 12;

/** Strips parentheses, `as`, `!`, `satisfies` and `<T>` casts. */
export function unwrapExpression(expr: ts.Expression): ts.Expression {
  let e = expr;
  for (;;) {
    const k = e.kind;
    if (k === SK.ParenthesizedExpression || k === SK.AsExpression || k === SK.NonNullExpression || k === SK.SatisfiesExpression || k === SK.TypeAssertionExpression) {
      e = (e as ts.ParenthesizedExpression).expression;
    } else return e;
  }
}

export function isBlockScope(node: ts.Node): boolean {
  switch (node.kind) {
    case SK.SourceFile:
    case SK.Block:
    case SK.ModuleBlock:
    case SK.CaseBlock:
    case SK.ForStatement:
    case SK.ForInStatement:
    case SK.ForOfStatement:
    case SK.CatchClause:
    case SK.ClassStaticBlockDeclaration:
      return true;
    default:
      return ts.isFunctionLike(node);
  }
}

function isFunctionScope(node: ts.Node): boolean {
  return node.kind === SK.SourceFile || node.kind === SK.ModuleBlock || ts.isFunctionLike(node) || node.kind === SK.ClassStaticBlockDeclaration;
}

export function nearestScope(node: ts.Node, functionScope = false): ts.Node {
  let n: ts.Node | undefined = node.parent;
  while (n) {
    if (functionScope ? isFunctionScope(n) : isBlockScope(n)) return n;
    n = n.parent;
  }
  return node.getSourceFile();
}

export function propertyNameText(name: ts.PropertyName | ts.Expression | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) {
    const e = name.expression;
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  }
  return undefined;
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  if (!ts.canHaveModifiers(node)) return false;
  return ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false;
}

/** Pieces of a partially resolved string value: literal text or an unresolved expression. */
export type ValuePart = string | ts.Expression;

export class Scopes {
  private readonly byScope = new Map<ts.Node, Map<string, Binding>>();
  readonly classes = new Map<ts.Node, ClassInfo>();
  private readonly classesByName = new Map<string, ClassInfo>();
  private readonly enums = new Map<string, Map<string, ts.Expression | undefined>>();
  /** Names declared anywhere as `= process.env` or `{ env } = process` (a cheap pre-check before lookups). */
  readonly envAliases = new Set<string>();

  declare(scope: ts.Node, name: string, kind: BindingKind, id: ts.Node, init?: ts.Expression): Binding {
    let m = this.byScope.get(scope);
    if (!m) this.byScope.set(scope, (m = new Map()));
    const existing = m.get(name);
    if (existing) return existing;
    const b: Binding = { name, kind, init, id, scope };
    m.set(name, b);
    return b;
  }

  /** Declares every name bound by a (possibly destructuring) binding name. */
  declarePattern(scope: ts.Node, name: ts.BindingName, kind: BindingKind, init?: ts.Expression): void {
    if (ts.isIdentifier(name)) {
      this.declare(scope, name.text, kind, name, init);
      return;
    }
    for (const el of name.elements) {
      if (ts.isOmittedExpression(el)) continue;
      // Destructured names keep their declaration kind but have no initializer of their own.
      this.declarePattern(scope, el.name, kind);
    }
  }

  lookup(name: string, from: ts.Node): Binding | undefined {
    for (let n: ts.Node | undefined = from; n; n = n.parent) {
      const b = this.byScope.get(n)?.get(name);
      if (b) return b;
    }
    return undefined;
  }

  addClass(node: ts.ClassLikeDeclaration): ClassInfo {
    let info = this.classes.get(node);
    if (!info) {
      info = { node, name: node.name?.text, members: new Map(), thisAssignments: new Map() };
      this.classes.set(node, info);
      if (info.name && !this.classesByName.has(info.name)) this.classesByName.set(info.name, info);
    }
    return info;
  }

  addClassMember(node: ts.PropertyDeclaration): void {
    const cls = node.parent;
    if (!ts.isClassLike(cls)) return;
    const name = propertyNameText(node.name);
    if (name === undefined) return;
    this.addClass(cls).members.set(name, {
      init: node.initializer,
      readonly: hasModifier(node, SK.ReadonlyKeyword),
      isStatic: hasModifier(node, SK.StaticKeyword),
    });
  }

  /** Records `this.x = …` against the class whose `this` it is. */
  addThisAssignment(assign: ts.BinaryExpression, name: string): void {
    const cls = thisClass(assign);
    if (!cls) return;
    const info = this.addClass(cls);
    const list = info.thisAssignments.get(name);
    if (list) list.push(assign);
    else info.thisAssignments.set(name, [assign]);
  }

  addEnum(node: ts.EnumDeclaration): void {
    const members = new Map<string, ts.Expression | undefined>();
    for (const m of node.members) {
      const name = propertyNameText(m.name);
      if (name !== undefined) members.set(name, m.initializer);
    }
    const existing = this.enums.get(node.name.text);
    if (existing) for (const [k, v] of members) existing.set(k, v);
    else this.enums.set(node.name.text, members);
  }

  /**
   * The expression that initialises what `expr` names: a `const` (or, with
   * `mutable`, a `let`/`var`), a readonly class field, an enum member, or a member
   * of a const object literal.
   */
  resolveInitializer(expr: ts.Expression, mutable = false, depth = 0): { expr: ts.Expression; binding?: Binding } | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const e = unwrapExpression(expr);
    if (ts.isIdentifier(e)) {
      const b = this.lookup(e.text, e);
      if (!b || !b.init) return undefined;
      if (b.kind === 'const' || (mutable && (b.kind === 'let' || b.kind === 'var'))) return { expr: unwrapFreeze(unwrapExpression(b.init)), binding: b };
      return undefined;
    }
    const member = memberAccess(e);
    if (!member) return undefined;
    const { object, name } = member;
    const obj = unwrapExpression(object);
    if (obj.kind === SK.ThisKeyword) {
      const cls = thisClass(e);
      const info = cls && this.classes.get(cls);
      const init = info && instanceFieldValue(info, name);
      return init ? { expr: unwrapExpression(init) } : undefined;
    }
    if (ts.isIdentifier(obj)) {
      const b = this.lookup(obj.text, obj);
      if (!b || b.kind === 'class') {
        const info = this.classesByName.get(obj.text);
        const m = info?.members.get(name);
        if (m && m.isStatic && m.readonly && m.init) return { expr: unwrapExpression(m.init) };
      }
      if (!b || b.kind === 'enum') {
        const en = this.enums.get(obj.text);
        const init = en?.get(name);
        if (init) return { expr: unwrapExpression(init) };
        if (en) return undefined;
      }
    }
    const target = this.resolveInitializer(obj, false, depth + 1);
    if (!target) return undefined;
    const o = unwrapFreeze(target.expr);
    if (!ts.isObjectLiteralExpression(o)) return undefined;
    for (const p of o.properties) {
      if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === name) return { expr: unwrapFreeze(unwrapExpression(p.initializer)) };
    }
    return undefined;
  }

  /** The literal string value of `expr` if the file fixes it, else undefined. */
  resolveString(expr: ts.Expression): string | undefined {
    const parts = this.resolveParts(expr);
    if (!parts) return undefined;
    let s = '';
    for (const p of parts) {
      if (typeof p !== 'string') return undefined;
      s += p;
    }
    return s;
  }

  /**
   * The value of a string expression as literal pieces and unresolved
   * sub-expressions, or undefined when nothing of it is known.
   */
  resolveParts(expr: ts.Expression, depth = 0): ValuePart[] | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const e = unwrapExpression(expr);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
    if (ts.isNumericLiteral(e)) return [e.text];
    if (ts.isTemplateExpression(e)) {
      const out: ValuePart[] = [e.head.text];
      for (const span of e.templateSpans) {
        const inner = this.resolveParts(span.expression, depth + 1);
        if (inner) out.push(...inner);
        else out.push(span.expression);
        out.push(span.literal.text);
      }
      return out;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === SK.PlusToken) {
      const left = this.resolveParts(e.left, depth + 1);
      const right = this.resolveParts(e.right, depth + 1);
      if (!left && !right) return undefined;
      return [...(left ?? [e.left]), ...(right ?? [e.right])];
    }
    if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const r = this.resolveInitializer(e, false, depth + 1);
      return r ? this.resolveParts(r.expr, depth + 1) : undefined;
    }
    return undefined;
  }
}

/** `Object.freeze({...})` → `{...}`. */
export function unwrapFreeze(expr: ts.Expression): ts.Expression {
  if (
    ts.isCallExpression(expr) &&
    expr.arguments.length === 1 &&
    ts.isPropertyAccessExpression(expr.expression) &&
    expr.expression.name.text === 'freeze' &&
    ts.isIdentifier(expr.expression.expression) &&
    expr.expression.expression.text === 'Object'
  ) {
    return unwrapExpression(expr.arguments[0]);
  }
  return expr;
}

/** `a.b` or `a['b']` → { object: a, name: 'b' }. */
export function memberAccess(e: ts.Expression): { object: ts.Expression; name: string } | undefined {
  if (ts.isPropertyAccessExpression(e)) return { object: e.expression, name: e.name.text };
  if (ts.isElementAccessExpression(e)) {
    const a = e.argumentExpression;
    if (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a)) return { object: e.expression, name: a.text };
  }
  return undefined;
}

/** The class whose `this` is in effect at `node` (arrow functions see through). */
export function thisClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isClassLike(n)) return n;
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) return undefined;
  }
  return undefined;
}

/**
 * Value of an instance field `this.name`: a `readonly` field initialiser, a field
 * initialiser never reassigned through `this.name =`, or the single
 * constructor assignment of a field without initialiser.
 */
function instanceFieldValue(info: ClassInfo, name: string): ts.Expression | undefined {
  const m = info.members.get(name);
  const assigns = info.thisAssignments.get(name) ?? [];
  if (m && !m.isStatic) {
    if (m.init && (m.readonly || assigns.length === 0)) return m.init;
    if (m.init) return undefined;
  }
  if (m?.isStatic) return undefined;
  if (assigns.length === 1) {
    const a = assigns[0];
    for (let n: ts.Node | undefined = a.parent; n && n !== info.node; n = n.parent) {
      if (ts.isConstructorDeclaration(n)) return a.right;
      if (ts.isFunctionLike(n) && !ts.isArrowFunction(n)) return undefined;
    }
  }
  return undefined;
}
