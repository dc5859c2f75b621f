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
import ts from './ts.js';

// The `typescript` export object and its enums are in dictionary mode: each `ts.x` / `SyntaxKind.X`
// access is a hash lookup, so the ones used per node are read once here.
const {
  canHaveModifiers,
  getModifiers,
  isArrowFunction,
  isBinaryExpression,
  isCallExpression,
  isClassLike,
  isComputedPropertyName,
  isConstructorDeclaration,
  isElementAccessExpression,
  isFunctionDeclaration,
  isFunctionExpression,
  isFunctionLike,
  isIdentifier,
  isNoSubstitutionTemplateLiteral,
  isNumericLiteral,
  isObjectLiteralExpression,
  isOmittedExpression,
  isPrivateIdentifier,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isStringLiteral,
  isTemplateExpression,
} = ts;
const {
  AsExpression: AsExpressionKind,
  Block: BlockKind,
  CaseBlock: CaseBlockKind,
  CatchClause: CatchClauseKind,
  ClassStaticBlockDeclaration: ClassStaticBlockDeclarationKind,
  ForInStatement: ForInStatementKind,
  ForOfStatement: ForOfStatementKind,
  ForStatement: ForStatementKind,
  ModuleBlock: ModuleBlockKind,
  NonNullExpression: NonNullExpressionKind,
  ParenthesizedExpression: ParenthesizedExpressionKind,
  PlusToken: PlusTokenKind,
  ReadonlyKeyword: ReadonlyKeywordKind,
  SatisfiesExpression: SatisfiesExpressionKind,
  SourceFile: SourceFileKind,
  StaticKeyword: StaticKeywordKind,
  ThisKeyword: ThisKeywordKind,
  TypeAssertionExpression: TypeAssertionExpressionKind,
} = ts.SyntaxKind;

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
    if (
      k === ParenthesizedExpressionKind ||
      k === AsExpressionKind ||
      k === NonNullExpressionKind ||
      k === SatisfiesExpressionKind ||
      k === TypeAssertionExpressionKind
    ) {
      e = (e as ts.ParenthesizedExpression).expression;
    } else return e;
  }
}

export function isBlockScope(node: ts.Node): boolean {
  switch (node.kind) {
    case SourceFileKind:
    case BlockKind:
    case ModuleBlockKind:
    case CaseBlockKind:
    case ForStatementKind:
    case ForInStatementKind:
    case ForOfStatementKind:
    case CatchClauseKind:
    case ClassStaticBlockDeclarationKind:
      return true;
    default:
      return isFunctionLike(node);
  }
}

function isFunctionScope(node: ts.Node): boolean {
  return (
    node.kind === SourceFileKind || node.kind === ModuleBlockKind || isFunctionLike(node) || node.kind === ClassStaticBlockDeclarationKind
  );
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
  if (isIdentifier(name) || isPrivateIdentifier(name)) return name.text;
  if (isStringLiteral(name) || isNoSubstitutionTemplateLiteral(name) || isNumericLiteral(name)) return name.text;
  if (isComputedPropertyName(name)) {
    const e = name.expression;
    if (isStringLiteral(e) || isNoSubstitutionTemplateLiteral(e)) return e.text;
  }
  return undefined;
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  if (!canHaveModifiers(node)) return false;
  return getModifiers(node)?.some((m) => m.kind === kind) ?? false;
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
    if (!m) this.byScope.set(scope, (m = new Map<string, Binding>()));
    const existing = m.get(name);
    if (existing) return existing;
    const b: Binding = { name, kind, init, id, scope };
    m.set(name, b);
    return b;
  }

  /** Declares every name bound by a (possibly destructuring) binding name. */
  declarePattern(scope: ts.Node, name: ts.BindingName, kind: BindingKind, init?: ts.Expression): void {
    if (isIdentifier(name)) {
      this.declare(scope, name.text, kind, name, init);
      return;
    }
    for (const el of name.elements) {
      if (isOmittedExpression(el)) continue;
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
    if (!isClassLike(cls)) return;
    const name = propertyNameText(node.name);
    if (name === undefined) return;
    this.addClass(cls).members.set(name, {
      init: node.initializer,
      readonly: hasModifier(node, ReadonlyKeywordKind),
      isStatic: hasModifier(node, StaticKeywordKind),
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
    if (isIdentifier(e)) {
      const b = this.lookup(e.text, e);
      if (!b || !b.init) return undefined;
      if (b.kind === 'const' || (mutable && (b.kind === 'let' || b.kind === 'var')))
        return { expr: unwrapFreeze(unwrapExpression(b.init)), binding: b };
      return undefined;
    }
    const member = memberAccess(e);
    if (!member) return undefined;
    const { object, name } = member;
    const obj = unwrapExpression(object);
    if (obj.kind === ThisKeywordKind) {
      const cls = thisClass(e);
      const info = cls && this.classes.get(cls);
      const init = info && instanceFieldValue(info, name);
      return init ? { expr: unwrapExpression(init) } : undefined;
    }
    if (isIdentifier(obj)) {
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
    if (!isObjectLiteralExpression(o)) return undefined;
    for (const p of o.properties) {
      if (isPropertyAssignment(p) && propertyNameText(p.name) === name) return { expr: unwrapFreeze(unwrapExpression(p.initializer)) };
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
    if (isStringLiteral(e) || isNoSubstitutionTemplateLiteral(e)) return [e.text];
    if (isNumericLiteral(e)) return [e.text];
    if (isTemplateExpression(e)) {
      const out: ValuePart[] = [e.head.text];
      for (const span of e.templateSpans) {
        const inner = this.resolveParts(span.expression, depth + 1);
        if (inner) out.push(...inner);
        else out.push(span.expression);
        out.push(span.literal.text);
      }
      return out;
    }
    if (isBinaryExpression(e) && e.operatorToken.kind === PlusTokenKind) {
      const left = this.resolveParts(e.left, depth + 1);
      const right = this.resolveParts(e.right, depth + 1);
      if (!left && !right) return undefined;
      return [...(left ?? [e.left]), ...(right ?? [e.right])];
    }
    if (isIdentifier(e) || isPropertyAccessExpression(e) || isElementAccessExpression(e)) {
      const r = this.resolveInitializer(e, false, depth + 1);
      return r ? this.resolveParts(r.expr, depth + 1) : undefined;
    }
    return undefined;
  }
}

/** `Object.freeze({...})` → `{...}`. */
export function unwrapFreeze(expr: ts.Expression): ts.Expression {
  if (
    isCallExpression(expr) &&
    expr.arguments.length === 1 &&
    isPropertyAccessExpression(expr.expression) &&
    expr.expression.name.text === 'freeze' &&
    isIdentifier(expr.expression.expression) &&
    expr.expression.expression.text === 'Object'
  ) {
    return unwrapExpression(expr.arguments[0]);
  }
  return expr;
}

/** `a.b` or `a['b']` → { object: a, name: 'b' }. */
export function memberAccess(e: ts.Expression): { object: ts.Expression; name: string } | undefined {
  if (isPropertyAccessExpression(e)) return { object: e.expression, name: e.name.text };
  if (isElementAccessExpression(e)) {
    const a = e.argumentExpression;
    if (isStringLiteral(a) || isNoSubstitutionTemplateLiteral(a)) return { object: e.expression, name: a.text };
  }
  return undefined;
}

/** The class whose `this` is in effect at `node` (arrow functions see through). */
export function thisClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (isClassLike(n)) return n;
    if (isFunctionDeclaration(n) || isFunctionExpression(n)) return undefined;
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
      if (isConstructorDeclaration(n)) return a.right;
      if (isFunctionLike(n) && !isArrowFunction(n)) return undefined;
    }
  }
  return undefined;
}
