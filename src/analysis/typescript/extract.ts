/**
 * One pass over a script's AST collecting every fact, then a short resolution
 * phase for what needs the whole file (constants declared after use, SQL built
 * in variables, configuration objects passed by name).
 */
import ts from './ts.js';
import type { CommentFact, EmbeddedSql, EnvDefault, ScriptFacts, Span } from '../facts.js';
import { scanComments } from './comments.js';
import { configFromJwtArgs, configFromProperty, configFromSequelizeArgs, ternaryDefault, type PendingConfig } from './config.js';
import { calleeText, lastName, nodeSpan, rootIdentifier, type ExtractContext } from './context.js';
import {
  envAccessName,
  envDerivedName,
  fallbackChain,
  isEnvObject,
  isFallbackOperator,
  isInnerFallback,
  isUnsetTest,
  literalValue,
  usageOf,
  type LiteralValue,
} from './env.js';
import { cookStringLiteral, cookTemplatePiece } from './literals.js';
import { migrationDownOf } from './migration-phases.js';
import { ormFromCall, ormFromDecorator, ormFromNew } from './orm/index.js';
import { entitiesProperty } from './orm/registrations.js';
import { pushReexports } from './reexports.js';
import { nearestScope, propertyNameText, Scopes, unwrapExpression, type Binding } from './scope.js';
import { SqlAssembly } from './segments.js';
import {
  isLoggingCallee,
  LOG_METHODS,
  looksLikeSqlForStrongCallee,
  looksLikeSqlForWeakCallee,
  looksLikeSqlStatement,
  SQL_TAGS,
  STRONG_SQL_CALLEES,
  WEAK_SQL_CALLEES,
} from './sql-detect.js';

// The `typescript` export object and its enums are in dictionary mode: each `ts.x` / `SyntaxKind.X`
// access is a hash lookup, so the ones used per node are read once here.
const {
  flattenDiagnosticMessageText,
  forEachChild,
  isArrayLiteralExpression,
  isAsExpression,
  isBinaryExpression,
  isBlock,
  isCallExpression,
  isClassDeclaration,
  isDeleteExpression,
  isElementAccessExpression,
  isEnumMember,
  isExportDeclaration,
  isExpressionStatement,
  isExternalModuleReference,
  isIdentifier,
  isIfStatement,
  isImportDeclaration,
  isImportTypeNode,
  isLiteralTypeNode,
  isNamespaceImport,
  isNewExpression,
  isNoSubstitutionTemplateLiteral,
  isObjectBindingPattern,
  isObjectLiteralExpression,
  isParenthesizedExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isPropertyDeclaration,
  isSpreadAssignment,
  isSpreadElement,
  isStringLiteral,
  isTaggedTemplateExpression,
  isTemplateExpression,
  isTemplateSpan,
  isThrowStatement,
  isVariableDeclaration,
  isVariableDeclarationList,
} = ts;
const {
  BarBarEqualsToken: BarBarEqualsTokenKind,
  BinaryExpression: BinaryExpressionKind,
  CallExpression: CallExpressionKind,
  ClassDeclaration: ClassDeclarationKind,
  ClassExpression: ClassExpressionKind,
  ConditionalExpression: ConditionalExpressionKind,
  Decorator: DecoratorKind,
  MethodDeclaration: MethodDeclarationKind,
  ElementAccessExpression: ElementAccessExpressionKind,
  EnumDeclaration: EnumDeclarationKind,
  EqualsToken: EqualsTokenKind,
  ExportDeclaration: ExportDeclarationKind,
  FirstAssignment: FirstAssignmentKind,
  FirstTypeNode: FirstTypeNodeKind,
  FunctionDeclaration: FunctionDeclarationKind,
  ImportDeclaration: ImportDeclarationKind,
  ImportEqualsDeclaration: ImportEqualsDeclarationKind,
  ImportKeyword: ImportKeywordKind,
  InterfaceDeclaration: InterfaceDeclarationKind,
  JsxText: JsxTextKind,
  LastAssignment: LastAssignmentKind,
  LastTypeNode: LastTypeNodeKind,
  NewExpression: NewExpressionKind,
  NoSubstitutionTemplateLiteral: NoSubstitutionTemplateLiteralKind,
  ObjectLiteralExpression: ObjectLiteralExpressionKind,
  Parameter: ParameterKind,
  PlusEqualsToken: PlusEqualsTokenKind,
  PlusToken: PlusTokenKind,
  PropertyAccessExpression: PropertyAccessExpressionKind,
  PropertyAssignment: PropertyAssignmentKind,
  PropertyDeclaration: PropertyDeclarationKind,
  QuestionQuestionEqualsToken: QuestionQuestionEqualsTokenKind,
  QuestionQuestionToken: QuestionQuestionTokenKind,
  RegularExpressionLiteral: RegularExpressionLiteralKind,
  ShorthandPropertyAssignment: ShorthandPropertyAssignmentKind,
  StringLiteral: StringLiteralKind,
  TaggedTemplateExpression: TaggedTemplateExpressionKind,
  TemplateExpression: TemplateExpressionKind,
  TemplateHead: TemplateHeadKind,
  TemplateMiddle: TemplateMiddleKind,
  TemplateTail: TemplateTailKind,
  ThisKeyword: ThisKeywordKind,
  VariableDeclaration: VariableDeclarationKind,
} = ts.SyntaxKind;
const { AwaitUsing: AwaitUsingFlag, Const: ConstFlag, Let: LetFlag, Using: UsingFlag } = ts.NodeFlags;

export interface ExtractOptions {
  sqlCallees?: string[];
}

type Strength = 'strong' | 'weak' | 'shape';

const CONNECTION_URL = /\b(?:mysql2?|postgres(?:ql)?|mongodb(?:\+srv)?|rediss?|amqps?):\/\/|sslmode=/i;
const ENVALID_VALIDATORS = new Set(['str', 'num', 'bool', 'port', 'host', 'url', 'email', 'json', 'makeValidator']);
const SCHEMA_ROOTS: Record<string, string> = { Joi: 'joi', joi: 'joi', z: 'zod', zod: 'zod', yup: 'yup', Yup: 'yup' };
const ENV_KEY = /^[A-Z][A-Z0-9_]*$/;
const MAX_SYNTAX_PROBLEMS = 20;

/** Collects the nodes touched while assembling one SQL text; they are only marked consumed if it is kept. */
class Assembler {
  readonly asm = new SqlAssembly();
  readonly touched: ts.Node[] = [];
}

/** Facts of a script with nothing in it; also what a script that failed to parse yields. */
export function emptyScriptFacts(): ScriptFacts {
  return {
    embeddedSql: [],
    ormRefs: [],
    ormEntities: [],
    ormEntityUses: [],
    envDefaults: [],
    envReads: [],
    configProperties: [],
    connectionStrings: [],
    imports: [],
    syntaxProblems: [],
  };
}

export class ScriptExtractor implements ExtractContext {
  readonly facts: ScriptFacts = emptyScriptFacts();
  comments: CommentFact[] = [];
  readonly scopes = new Scopes();
  readonly drizzleTables = new Set<string>();

  private readonly literalSpans: Span[] = [];
  private readonly calls: Array<ts.CallExpression | ts.NewExpression> = [];
  private readonly tagged: ts.TaggedTemplateExpression[] = [];
  private readonly roots: ts.Expression[] = [];
  private readonly rootSet = new Set<ts.Node>();
  private readonly assignments = new Map<string, ts.BinaryExpression[]>();
  private readonly consumed = new Set<ts.Node>();
  private readonly handledFallbacks = new Set<ts.Node>();
  private readonly pendingConfig: PendingConfig[] = [];
  private readonly userCallees: string[];

  constructor(
    readonly sf: ts.SourceFile,
    readonly text: string,
    options: ExtractOptions = {},
  ) {
    this.userCallees = (options.sqlCallees ?? []).map((c) => c.trim()).filter((c) => c.length > 0);
  }

  run(): void {
    this.reportParseDiagnostics();
    for (const statement of this.sf.statements) {
      try {
        this.visit(statement);
      } catch (error) {
        this.internalProblem(error, statement);
      }
    }
    this.guard(() => this.extractEmbeddedSql());
    this.guard(() => this.linkPendingConfig());
    const byStart = (a: { fileSpan: Span }, b: { fileSpan: Span }) => a.fileSpan.start - b.fileSpan.start;
    this.facts.embeddedSql.sort(byStart);
    this.facts.ormRefs.sort(byStart);
    this.facts.ormEntityUses.sort(byStart);
    this.guard(() => {
      this.literalSpans.sort((a, b) => a.start - b.start);
      this.comments = scanComments(this.text, this.literalSpans);
    });
  }

  // -------------------------------------------------------------------------
  // Problems
  // -------------------------------------------------------------------------

  private reportParseDiagnostics(): void {
    const diagnostics = (this.sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
    for (const d of diagnostics.slice(0, MAX_SYNTAX_PROBLEMS)) {
      const start = d.start ?? 0;
      this.facts.syntaxProblems.push({
        message: flattenDiagnosticMessageText(d.messageText, '\n'),
        fileSpan: { start, end: start + (d.length ?? 0) },
      });
    }
    if (diagnostics.length > MAX_SYNTAX_PROBLEMS) {
      this.facts.syntaxProblems.push({
        message: `${diagnostics.length - MAX_SYNTAX_PROBLEMS} more syntax errors not shown`,
        fileSpan: { start: this.text.length, end: this.text.length },
      });
    }
  }

  private internalProblem(error: unknown, node?: ts.Node): void {
    const message =
      error instanceof RangeError
        ? 'expression nesting too deep to analyse'
        : `internal extractor error: ${(error as Error)?.message ?? String(error)}`;
    let span: Span = { start: 0, end: 0 };
    try {
      if (node) span = nodeSpan(node, this.sf);
    } catch {
      /* keep the empty span */
    }
    this.facts.syntaxProblems.push({ message, fileSpan: span });
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.internalProblem(error);
    }
  }

  // -------------------------------------------------------------------------
  // The walk
  // -------------------------------------------------------------------------

  private readonly visit = (node: ts.Node): void => {
    switch (node.kind) {
      case StringLiteralKind:
      case NoSubstitutionTemplateLiteralKind:
        this.literalSpans.push(nodeSpan(node, this.sf));
        this.onStringish(node as ts.StringLiteral | ts.NoSubstitutionTemplateLiteral);
        break;
      case TemplateExpressionKind:
        this.onStringish(node as ts.TemplateExpression);
        break;
      case TemplateHeadKind:
      case TemplateMiddleKind:
      case TemplateTailKind:
      case RegularExpressionLiteralKind:
        this.literalSpans.push(nodeSpan(node, this.sf));
        break;
      case JsxTextKind:
        this.literalSpans.push({ start: node.pos, end: node.end });
        break;
      case VariableDeclarationKind:
        this.onVariableDeclaration(node as ts.VariableDeclaration);
        this.noteMigrationDown(node);
        break;
      case MethodDeclarationKind:
        this.noteMigrationDown(node);
        break;
      case ParameterKind: {
        const p = node as ts.ParameterDeclaration;
        this.scopes.declarePattern(p.parent, p.name, 'param');
        break;
      }
      case FunctionDeclarationKind: {
        const f = node as ts.FunctionDeclaration;
        if (f.name) this.scopes.declare(nearestScope(f), f.name.text, 'function', f.name);
        this.noteMigrationDown(node);
        break;
      }
      case ClassDeclarationKind:
      case ClassExpressionKind: {
        const c = node as ts.ClassLikeDeclaration;
        this.scopes.addClass(c);
        if (isClassDeclaration(c) && c.name) this.scopes.declare(nearestScope(c), c.name.text, 'class', c.name);
        break;
      }
      case EnumDeclarationKind: {
        const e = node as ts.EnumDeclaration;
        this.scopes.declare(nearestScope(e), e.name.text, 'enum', e.name);
        this.scopes.addEnum(e);
        break;
      }
      case PropertyDeclarationKind:
        this.scopes.addClassMember(node as ts.PropertyDeclaration);
        break;
      case ImportDeclarationKind:
        this.onImportDeclaration(node as ts.ImportDeclaration);
        break;
      case ImportEqualsDeclarationKind: {
        const d = node as ts.ImportEqualsDeclaration;
        this.scopes.declare(nearestScope(d), d.name.text, 'import', d.name);
        if (isExternalModuleReference(d.moduleReference) && isStringLiteral(d.moduleReference.expression)) {
          this.pushImport(d.moduleReference.expression, 'require');
        }
        break;
      }
      case ExportDeclarationKind: {
        const d = node as ts.ExportDeclaration;
        if (d.moduleSpecifier && isStringLiteral(d.moduleSpecifier)) this.pushImport(d.moduleSpecifier, 'export');
        pushReexports(this, d);
        break;
      }
      case CallExpressionKind:
        this.onCall(node as ts.CallExpression);
        break;
      case NewExpressionKind:
        this.calls.push(node as ts.NewExpression);
        configFromSequelizeArgs(this, node as ts.NewExpression);
        ormFromNew(this, node as ts.NewExpression);
        break;
      case TaggedTemplateExpressionKind:
        this.tagged.push(node as ts.TaggedTemplateExpression);
        break;
      case BinaryExpressionKind:
        this.onBinary(node as ts.BinaryExpression);
        this.noteMigrationDown(node);
        break;
      case ConditionalExpressionKind: {
        const t = ternaryDefault(this, node as ts.ConditionalExpression);
        if (t) this.pushEnvDefault(t.name, t.literal, 'ternary', node);
        break;
      }
      case PropertyAccessExpressionKind:
      case ElementAccessExpressionKind:
        this.onMemberAccess(node as ts.PropertyAccessExpression | ts.ElementAccessExpression);
        break;
      case ObjectLiteralExpressionKind:
        this.onObjectLiteral(node as ts.ObjectLiteralExpression);
        break;
      case PropertyAssignmentKind:
        this.noteMigrationDown(node);
        configFromProperty(this, node as ts.PropertyAssignment, this.pendingConfig);
        entitiesProperty(this, node as ts.PropertyAssignment);
        break;
      case ShorthandPropertyAssignmentKind:
        configFromProperty(this, node as ts.ShorthandPropertyAssignment, this.pendingConfig);
        break;
      case DecoratorKind:
        ormFromDecorator(this, node as ts.Decorator);
        break;
      default:
        // Type-only subtrees hold no facts unless they contain a literal or an expression;
        // skipping the plain ones (`Promise<User[]>`, `{ id: string; at: Date }`) saves the walk.
        if (
          ((node.kind >= FirstTypeNodeKind && node.kind <= LastTypeNodeKind) ||
            (node.kind === InterfaceDeclarationKind && !(node as ts.InterfaceDeclaration).heritageClauses)) &&
          this.isPlainType(node)
        )
          return;
        break;
    }
    forEachChild(node, this.visit);
  };

  /**
   * True when the text of a type node cannot contain a node the walk handles: no string or
   * template literal (quotes, backticks) and no expression context — parameters and
   * initializers (`(`, `=`), computed names and tuples (`[` not closing at once), decorators.
   */
  private isPlainType(node: ts.Node): boolean {
    const text = this.text;
    for (let i = node.pos, end = node.end; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 39 /* ' */ || c === 34 /* " */ || c === 96 /* ` */ || c === 40 /* ( */ || c === 61 /* = */ || c === 64 /* @ */)
        return false;
      if (c === 91 /* [ */ && text.charCodeAt(i + 1) !== 93 /* ] */) return false;
    }
    return true;
  }

  // -------------------------------------------------------------------------
  // Declarations and imports
  // -------------------------------------------------------------------------

  /** Records the body of a migration's `down` function (see migration-phases.ts). */
  private noteMigrationDown(node: ts.Node): void {
    const down = migrationDownOf(node);
    if (down) (this.facts.migrationDown ??= []).push(nodeSpan(down, this.sf));
  }

  private onVariableDeclaration(decl: ts.VariableDeclaration): void {
    const list = decl.parent;
    let kind: 'const' | 'let' | 'var' = 'var';
    if (isVariableDeclarationList(list)) {
      if (list.flags & ConstFlag) kind = 'const';
      else if (list.flags & (LetFlag | UsingFlag | AwaitUsingFlag)) kind = 'let';
    }
    const scope =
      kind === 'var'
        ? nearestScope(isVariableDeclarationList(list) ? list : decl, true)
        : nearestScope(isVariableDeclarationList(list) ? list : decl);
    this.scopes.declarePattern(scope, decl.name, kind, decl.initializer);
    const init = decl.initializer;
    if (!init) return;
    if (isIdentifier(decl.name) && isEnvObject(init)) this.scopes.envAliases.add(decl.name.text);
    if (isObjectBindingPattern(decl.name)) {
      const u = unwrapExpression(init);
      // const { env } = process
      if (isIdentifier(u) && u.text === 'process') {
        for (const el of decl.name.elements) {
          if ((propertyNameText(el.propertyName) ?? (isIdentifier(el.name) ? el.name.text : '')) === 'env' && isIdentifier(el.name))
            this.scopes.envAliases.add(el.name.text);
        }
      }
      // const { DB_PASSWORD = '' } = process.env
      if (isEnvObject(init, this.scopes)) {
        for (const el of decl.name.elements) {
          if (el.dotDotDotToken) continue;
          const keyNode = el.propertyName ?? el.name;
          const name = propertyNameText(keyNode as ts.PropertyName);
          if (name === undefined) continue;
          this.facts.envReads.push({ name, fileSpan: nodeSpan(keyNode, this.sf) });
          const lit = el.initializer && literalValue(el.initializer);
          if (lit) this.pushEnvDefault(name, lit, 'destructuring', el.initializer);
        }
      }
    }
  }

  private onImportDeclaration(d: ts.ImportDeclaration): void {
    if (isStringLiteral(d.moduleSpecifier)) this.pushImport(d.moduleSpecifier, 'import');
    const clause = d.importClause;
    if (!clause) return;
    const scope = nearestScope(d);
    if (clause.name) this.scopes.declare(scope, clause.name.text, 'import', clause.name);
    const nb = clause.namedBindings;
    if (nb && isNamespaceImport(nb)) this.scopes.declare(scope, nb.name.text, 'import', nb.name);
    else if (nb) for (const el of nb.elements) this.scopes.declare(scope, el.name.text, 'import', el.name);
  }

  private pushImport(
    literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral,
    kind: 'import' | 'export' | 'require' | 'dynamic-import',
  ): void {
    this.facts.imports.push({ specifier: literal.text, kind, fileSpan: nodeSpan(literal, this.sf) });
  }

  // -------------------------------------------------------------------------
  // Literals
  // -------------------------------------------------------------------------

  private onStringish(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): void {
    const value = isTemplateExpression(node)
      ? this.text.slice(node.getStart(this.sf) + 1, Math.max(node.getStart(this.sf) + 1, node.end - 1))
      : node.text;
    if (CONNECTION_URL.test(value) && !this.isModuleSpecifier(node)) {
      this.facts.connectionStrings.push({ value, fileSpan: nodeSpan(node, this.sf) });
    }
    // The outermost string expression this literal belongs to (`'a' + T + 'b'`).
    let root: ts.Node = node;
    for (;;) {
      const p: ts.Node = root.parent;
      if (isParenthesizedExpression(p) || isAsExpression(p) || (isBinaryExpression(p) && p.operatorToken.kind === PlusTokenKind)) root = p;
      else break;
    }
    if (this.rootSet.has(root)) return;
    if (isTemplateSpan(root.parent) || isTaggedTemplateExpression(root.parent)) return;
    if (this.isModuleSpecifier(root) || isLiteralTypeNode(root.parent) || isExpressionStatement(root.parent)) return;
    if ((isPropertyAssignment(root.parent) || isPropertyDeclaration(root.parent) || isEnumMember(root.parent)) && root.parent.name === root)
      return;
    if (isElementAccessExpression(root.parent) && root.parent.argumentExpression === root) return;
    this.rootSet.add(root);
    this.roots.push(root as ts.Expression);
  }

  private isModuleSpecifier(node: ts.Node): boolean {
    const p = node.parent;
    if (!p) return false;
    if (isImportDeclaration(p) || isExportDeclaration(p) || isExternalModuleReference(p) || isImportTypeNode(p)) return true;
    if (isLiteralTypeNode(p) && isImportTypeNode(p.parent)) return true;
    if (isCallExpression(p) && (p.expression.kind === ImportKeywordKind || (isIdentifier(p.expression) && p.expression.text === 'require')))
      return true;
    return false;
  }

  // -------------------------------------------------------------------------
  // Calls
  // -------------------------------------------------------------------------

  private onCall(call: ts.CallExpression): void {
    this.calls.push(call);
    const callee = call.expression;
    const first = call.arguments[0];
    if (first && (isStringLiteral(first) || isNoSubstitutionTemplateLiteral(first))) {
      if (callee.kind === ImportKeywordKind) this.pushImport(first, 'dynamic-import');
      else if (isIdentifier(callee) && callee.text === 'require' && call.arguments.length === 1) this.pushImport(first, 'require');
    }
    ormFromCall(this, call);
    this.validationDefaults(call);
    configFromJwtArgs(this, call);
  }

  /** Joi / zod / yup `.default(lit)` under an env-like key; envalid `str({ default })`. */
  private validationDefaults(call: ts.CallExpression): void {
    const callee = unwrapExpression(call.expression);
    if (isPropertyAccessExpression(callee) && callee.name.text === 'default' && call.arguments.length === 1) {
      const lit = literalValue(call.arguments[0]);
      if (!lit) return;
      const root = rootIdentifier(callee.expression);
      const shape = root && SCHEMA_ROOTS[root.text];
      if (!shape) return;
      const key = this.enclosingKey(call);
      if (key && ENV_KEY.test(key.name)) this.pushEnvDefault(key.name, lit, shape, call.arguments[0]);
      return;
    }
    const name = lastName(callee);
    if (!name || !ENVALID_VALIDATORS.has(name) || call.arguments.length < 1) return;
    const opts = unwrapExpression(call.arguments[0]);
    if (!isObjectLiteralExpression(opts)) return;
    const key = this.enclosingKey(call);
    if (!key) return;
    if (!ENV_KEY.test(key.name) && !this.insideCleanEnv(key.object)) return;
    for (const p of opts.properties) {
      if (!isPropertyAssignment(p)) continue;
      const option = propertyNameText(p.name);
      if (option !== 'default' && option !== 'devDefault') continue;
      const lit = literalValue(p.initializer);
      if (!lit) continue;
      const fact = this.pushEnvDefault(key.name, lit, 'envalid', p.initializer);
      if (option === 'devDefault') fact.devOnly = true;
    }
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

  // -------------------------------------------------------------------------
  // Env
  // -------------------------------------------------------------------------

  private pushEnvDefault(name: string, lit: LiteralValue, shape: string, context: ts.Node): EnvDefault {
    const fact: EnvDefault = { name, value: lit.value, valueKind: lit.valueKind, shape, fileSpan: nodeSpan(lit.node, this.sf) };
    if (shape === '||' || shape === '??' || shape === 'ternary') {
      const usage = usageOf(context as ts.Expression);
      if (usage) fact.usage = usage;
    }
    this.facts.envDefaults.push(fact);
    return fact;
  }

  private onMemberAccess(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): void {
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

  private onBinary(b: ts.BinaryExpression): void {
    const op = b.operatorToken.kind;
    if (op === EqualsTokenKind || op === PlusEqualsTokenKind) {
      const left = unwrapExpression(b.left);
      if (isIdentifier(left)) {
        const list = this.assignments.get(left.text);
        if (list) list.push(b);
        else this.assignments.set(left.text, [b]);
      } else if (op === EqualsTokenKind && isPropertyAccessExpression(left) && left.expression.kind === ThisKeywordKind) {
        this.scopes.addThisAssignment(b, left.name.text);
      }
    }
    if (op === EqualsTokenKind || op === BarBarEqualsTokenKind || op === QuestionQuestionEqualsTokenKind) {
      this.envAssignment(b);
      return;
    }
    if (isFallbackOperator(op)) this.envFallback(b);
  }

  /** `process.env.X = process.env.X || ''`, `process.env.X ||= ''`, `if (!process.env.X) process.env.X = ''`. */
  private envAssignment(b: ts.BinaryExpression): void {
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
   * when all of them are unset.
   */
  private envFallback(b: ts.BinaryExpression, shape?: string): void {
    if (this.handledFallbacks.has(b) || isInnerFallback(b)) return;
    const chain = fallbackChain(b);
    if (chain.length < 2) return;
    const lit = literalValue(chain[chain.length - 1]);
    if (!lit) return;
    const envs = chain.slice(0, -1).map((e) => envDerivedName(e, this.scopes));
    if (envs.some((e) => e === undefined)) return;
    const op = b.operatorToken.kind === QuestionQuestionTokenKind ? '??' : '||';
    for (const env of envs) {
      const fact = this.pushEnvDefault(env!.name, lit, shape ?? op, b);
      if (!fact.usage && env!.usage) fact.usage = env!.usage;
    }
  }

  // -------------------------------------------------------------------------
  // Objects
  // -------------------------------------------------------------------------

  /** convict: `{ env: 'DB_PASSWORD', default: '' }`. */
  private onObjectLiteral(o: ts.ObjectLiteralExpression): void {
    if (o.properties.length < 2) return;
    let env: string | undefined;
    let def: ts.Expression | undefined;
    for (const p of o.properties) {
      if (!isPropertyAssignment(p)) continue;
      const key = propertyNameText(p.name);
      if (key === 'env') {
        const v = unwrapExpression(p.initializer);
        if (isStringLiteral(v) || isNoSubstitutionTemplateLiteral(v)) env = v.text;
      } else if (key === 'default') def = p.initializer;
    }
    if (env === undefined || !def) return;
    const lit = literalValue(def);
    if (lit) this.pushEnvDefault(env, lit, 'convict', def);
  }

  private linkPendingConfig(): void {
    if (this.pendingConfig.length === 0) return;
    const calleeByBinding = new Map<Binding, string>();
    for (const call of this.calls) {
      for (const arg of call.arguments ?? []) {
        const candidates: ts.Expression[] = [unwrapExpression(arg)];
        const a = candidates[0];
        if (isObjectLiteralExpression(a)) {
          for (const p of a.properties) if (isSpreadAssignment(p)) candidates.push(unwrapExpression(p.expression));
        }
        for (const c of candidates) {
          if (!isIdentifier(c)) continue;
          const b = this.scopes.lookup(c.text, c);
          if (b && !calleeByBinding.has(b)) {
            const text = calleeText(call.expression, this.sf);
            calleeByBinding.set(b, isNewExpression(call) ? `new ${text}` : text);
          }
        }
      }
    }
    for (const { property, binding } of this.pendingConfig) {
      const callee = calleeByBinding.get(binding);
      if (callee) property.callee = callee;
    }
  }

  // -------------------------------------------------------------------------
  // Embedded SQL
  // -------------------------------------------------------------------------

  private extractEmbeddedSql(): void {
    // 1. Tagged templates: sql`…`, Prisma.sql`…`, prisma.$queryRaw`…`
    for (const t of this.tagged) {
      if (this.consumed.has(t) || !isSqlTag(t.tag)) continue;
      const a = new Assembler();
      a.touched.push(t);
      this.assemble(t.template, a, true);
      if (a.asm.text.trim() === '') continue;
      this.keep(a, calleeText(t.tag, this.sf), nodeSpan(t.template, this.sf), 'tagged-template');
    }
    // 2. Known SQL callees: pool.query(…), conn.execute(…), knex.raw(…), this.dbService.run(…)
    const others: Array<ts.CallExpression | ts.NewExpression> = [];
    for (const call of this.calls) {
      const strength = isCallExpression(call) ? this.calleeStrength(call.expression) : undefined;
      if (!strength) {
        others.push(call);
        continue;
      }
      const arg = call.arguments?.[0];
      if (arg) this.extractArgument(call, arg, strength);
    }
    // 3. Any other call whose argument is a SQL-shaped literal or a variable holding one.
    for (const call of others) {
      if (!call.arguments || call.arguments.length === 0) continue;
      const name = lastName(call.expression);
      if (name !== undefined && LOG_METHODS.has(name) && isLoggingCallee(calleeText(call.expression, this.sf))) continue;
      if (isNewExpression(call) && name !== undefined && /(?:Error|Exception)$/.test(name)) continue;
      for (const arg of call.arguments) this.extractArgument(call, arg, 'shape');
    }
    // 4. SQL-shaped literals anywhere else (`const q = { byId: 'SELECT …' }`, `return 'SELECT …'`).
    for (const root of this.roots) {
      if (this.consumed.has(root)) continue;
      const p = root.parent;
      if ((isCallExpression(p) || isNewExpression(p)) && p.arguments?.some((a) => a === root)) continue;
      if (isThrowStatement(p) || !mayStartStatement(root)) continue;
      const a = new Assembler();
      a.touched.push(root);
      if (isVariableDeclaration(p) && p.initializer === root && isIdentifier(p.name)) {
        const b = this.scopes.lookup(p.name.text, p.name);
        this.assemble(root, a, false);
        if (b && (b.kind === 'let' || b.kind === 'var')) this.appendAssignments(b, root, Number.MAX_SAFE_INTEGER, a);
      } else {
        this.assemble(root, a, false);
      }
      if (looksLikeSqlStatement(a.asm.text)) this.keep(a, '', nodeSpan(root, this.sf), 'sql-looking');
    }
  }

  private calleeStrength(expr: ts.Expression): Strength | undefined {
    const name = lastName(expr);
    if (name === undefined) return undefined;
    if (this.userCallees.length > 0) {
      const full = calleeText(expr, this.sf);
      const bare = full.replace(/^this\./, '');
      for (const c of this.userCallees) {
        if (c.includes('.') ? full === c || bare === c || full.endsWith(`.${c}`) : name === c) return 'strong';
      }
    }
    if (STRONG_SQL_CALLEES.has(name)) return 'strong';
    if (WEAK_SQL_CALLEES.has(name)) return 'weak';
    return undefined;
  }

  private accepts(text: string, strength: Strength): boolean {
    if (strength === 'strong') return looksLikeSqlForStrongCallee(text);
    if (strength === 'weak') return looksLikeSqlForWeakCallee(text);
    return looksLikeSqlStatement(text);
  }

  /** One argument of a call: a literal / template / concatenation, a `{ text | sql }` object, or a variable. */
  private extractArgument(call: ts.CallExpression | ts.NewExpression, argument: ts.Expression, strength: Strength): void {
    const arg = unwrapExpression(argument);
    if (this.consumed.has(arg)) return;
    if (isStringExpression(arg)) {
      if (strength === 'shape' && !mayStartStatement(arg)) return;
      const callee = calleeText(call.expression, this.sf);
      const a = new Assembler();
      a.touched.push(arg);
      this.assemble(arg, a, false);
      if (this.accepts(a.asm.text, strength)) this.keep(a, callee, nodeSpan(arg, this.sf), strength === 'shape' ? 'sql-looking' : 'callee');
      return;
    }
    if (isObjectLiteralExpression(arg)) {
      if (strength === 'shape') return;
      for (const p of arg.properties) {
        if (!isPropertyAssignment(p)) continue;
        const key = propertyNameText(p.name);
        if (key === 'text' || key === 'sql' || key === 'query') this.extractArgument(call, p.initializer, strength);
      }
      return;
    }
    if (isIdentifier(arg) || isPropertyAccessExpression(arg) || isElementAccessExpression(arg)) {
      const r = this.scopes.resolveInitializer(arg, true);
      if (!r || this.consumed.has(r.expr)) return;
      if (!isStringExpression(r.expr)) return;
      if (strength === 'shape' && !mayStartStatement(r.expr)) return;
      const callee = calleeText(call.expression, this.sf);
      const a = new Assembler();
      a.touched.push(r.expr);
      this.assemble(r.expr, a, false);
      if (r.binding && (r.binding.kind === 'let' || r.binding.kind === 'var'))
        this.appendAssignments(r.binding, r.expr, call.getStart(this.sf), a);
      if (this.accepts(a.asm.text, strength)) this.keep(a, callee, nodeSpan(r.expr, this.sf), 'variable');
    }
  }

  /** Appends `sql += …` / `sql = sql + …` between the initializer and `before`, in source order. */
  private appendAssignments(binding: Binding, init: ts.Expression, before: number, a: Assembler): void {
    const list = this.assignments.get(binding.name);
    if (!list) return;
    for (const assign of list) {
      if (assign.pos < init.end || assign.pos >= before) continue;
      if (this.scopes.lookup(binding.name, assign) !== binding) continue;
      const right = unwrapExpression(assign.right);
      if (assign.operatorToken.kind === PlusEqualsTokenKind) {
        a.touched.push(right);
        this.assemble(right, a, false);
      } else if (
        isBinaryExpression(right) &&
        right.operatorToken.kind === PlusTokenKind &&
        isSameIdentifier(leftmostOperand(right), binding.name)
      ) {
        // sql = sql + ' AND …'
        this.assembleConcatTail(right, binding.name, a);
      }
      // A plain reassignment (`sql = '…'`) starts a different text; it is found on its own.
    }
  }

  private assembleConcatTail(expr: ts.BinaryExpression, name: string, a: Assembler): void {
    const operands: ts.Expression[] = [];
    let e: ts.Expression = expr;
    while (isBinaryExpression(e) && e.operatorToken.kind === PlusTokenKind) {
      operands.unshift(e.right);
      e = unwrapExpression(e.left);
    }
    if (!isSameIdentifier(e, name)) return;
    for (const op of operands) {
      a.touched.push(op);
      this.assemble(op, a, false);
    }
  }

  private keep(a: Assembler, callee: string, fileSpan: Span, via: EmbeddedSql['via']): void {
    for (const n of a.touched) this.consumed.add(n);
    this.facts.embeddedSql.push({ text: a.asm.text, segments: a.asm.segments, callee, fileSpan, via });
  }

  /** Appends the SQL text of `expr` with exact / per-character / collapsed segments. */
  private assemble(expr: ts.Expression, a: Assembler, tagged: boolean, depth = 0): void {
    const e = unwrapExpression(expr);
    if (depth > 200) {
      a.asm.appendHole(nodeSpan(e, this.sf));
      return;
    }
    if (isStringLiteral(e)) {
      a.touched.push(e);
      a.asm.appendCooked(cookStringLiteral(e, this.sf, this.text));
      return;
    }
    if (isNoSubstitutionTemplateLiteral(e)) {
      a.touched.push(e);
      a.asm.appendCooked(cookTemplatePiece(e, this.sf, this.text));
      return;
    }
    if (isTemplateExpression(e)) {
      a.touched.push(e);
      a.asm.appendCooked(cookTemplatePiece(e.head, this.sf, this.text));
      for (const span of e.templateSpans) {
        this.assembleHole(span.expression, a, tagged, depth + 1);
        a.asm.appendCooked(cookTemplatePiece(span.literal, this.sf, this.text));
      }
      return;
    }
    if (isPlus(e)) {
      // 'a' + 'b' + 'c' nests on the left, one level per operand: walk the chain in a loop
      // so a long concatenation is not cut off by the depth guard.
      const operands: ts.Expression[] = [];
      let left: ts.Expression = e;
      while (isPlus(left)) {
        a.touched.push(left);
        operands.push(left.right);
        left = unwrapExpression(left.left);
      }
      operands.push(left);
      for (let i = operands.length - 1; i >= 0; i--) this.assemble(operands[i], a, tagged, depth + 1);
      return;
    }
    if (isJoinCall(e)) {
      a.touched.push(e);
      const call = e as ts.CallExpression;
      const array = unwrapExpression((call.expression as ts.PropertyAccessExpression).expression) as ts.ArrayLiteralExpression;
      const sepNode = call.arguments[0] ? unwrapExpression(call.arguments[0]) : undefined;
      const sep = sepNode && (isStringLiteral(sepNode) || isNoSubstitutionTemplateLiteral(sepNode)) ? sepNode.text : ',';
      const sepSpan = sepNode ? nodeSpan(sepNode, this.sf) : nodeSpan(call, this.sf);
      array.elements.forEach((el, i) => {
        if (i > 0) a.asm.appendCollapsed(sep, sepSpan);
        this.assemble(el, a, tagged, depth + 1);
      });
      return;
    }
    this.assembleHole(e, a, tagged, depth + 1);
  }

  /** A `${…}` hole or a non-literal operand: nested SQL fragments inline, constants collapse, the rest is a placeholder. */
  private assembleHole(expr: ts.Expression, a: Assembler, tagged: boolean, depth: number): void {
    const e = unwrapExpression(expr);
    const span = nodeSpan(e, this.sf);
    if (isStringLiteral(e) || isNoSubstitutionTemplateLiteral(e) || isTemplateExpression(e)) {
      this.assemble(e, a, tagged, depth + 1);
      return;
    }
    if (tagged && isTaggedTemplateExpression(e) && isSqlTag(e.tag)) {
      a.touched.push(e);
      this.assemble(e.template, a, true, depth + 1);
      return;
    }
    // sql.raw('…'), Prisma.raw('…') inline their literal text.
    if (
      isCallExpression(e) &&
      lastName(e.expression) === 'raw' &&
      e.arguments.length === 1 &&
      isStringExpression(unwrapExpression(e.arguments[0]))
    ) {
      this.assemble(e.arguments[0], a, tagged, depth + 1);
      return;
    }
    const parts =
      isIdentifier(e) || isPropertyAccessExpression(e) || isElementAccessExpression(e) || isBinaryExpression(e)
        ? this.scopes.resolveParts(e)
        : undefined;
    if (!parts) {
      a.asm.appendHole(span);
      return;
    }
    for (const part of parts) {
      if (typeof part === 'string') a.asm.appendCollapsed(part, span);
      else a.asm.appendHole(span);
    }
  }
}

const STRICT_START = /^(?:\s|\()*(?:--|\/\*|#|(?:select|insert|update|delete|with|create|alter|drop|truncate|replace)\b)/i;

function isPlus(e: ts.Node): e is ts.BinaryExpression {
  return isBinaryExpression(e) && e.operatorToken.kind === PlusTokenKind;
}

/** The leftmost operand of a `+` chain, found without recursion. */
function leftmostOfChain(e: ts.BinaryExpression): ts.Expression {
  let left: ts.Expression = e;
  while (isPlus(left)) left = unwrapExpression(left.left);
  return left;
}

/** Text of the leftmost literal of a string expression. */
function leadingText(expr: ts.Expression): string | undefined {
  const e = unwrapExpression(expr);
  if (isStringLiteral(e) || isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (isTemplateExpression(e)) return e.head.text;
  if (isPlus(e)) return leadingText(leftmostOfChain(e));
  if (isJoinCall(e)) {
    const first = ((e as ts.CallExpression).expression as ts.PropertyAccessExpression).expression;
    const array = unwrapExpression(first) as ts.ArrayLiteralExpression;
    return leadingText(array.elements[0]);
  }
  return undefined;
}

/**
 * Cheap pre-check before assembling a literal of unknown purpose: the strict
 * statement shape needs a statement keyword (or a SQL comment) at the start of
 * the leftmost literal. Appends cannot change how a text starts.
 */
function mayStartStatement(expr: ts.Expression): boolean {
  const t = leadingText(expr);
  return t !== undefined && STRICT_START.test(t);
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= FirstAssignmentKind && kind <= LastAssignmentKind;
}

/** A literal, template, or `+` concatenation containing at least one literal. */
function isStringExpression(expr: ts.Expression): boolean {
  const e = unwrapExpression(expr);
  if (isStringLiteral(e) || isNoSubstitutionTemplateLiteral(e) || isTemplateExpression(e)) return true;
  if (isPlus(e)) {
    let left: ts.Expression = e;
    while (isPlus(left)) {
      if (isStringExpression(left.right)) return true;
      left = unwrapExpression(left.left);
    }
    return isStringExpression(left);
  }
  return isJoinCall(e);
}

/** `['SELECT *', 'FROM t'].join(' ')` */
function isJoinCall(expr: ts.Expression): boolean {
  const e = unwrapExpression(expr);
  if (!isCallExpression(e) || e.arguments.length > 1) return false;
  const callee = e.expression;
  if (!isPropertyAccessExpression(callee) || callee.name.text !== 'join') return false;
  const array = unwrapExpression(callee.expression);
  return (
    isArrayLiteralExpression(array) &&
    array.elements.length > 0 &&
    array.elements.every((el) => !isSpreadElement(el)) &&
    array.elements.some((el) => isStringExpression(el))
  );
}

function isSqlTag(tag: ts.Expression): boolean {
  const root = rootIdentifier(tag);
  if (root && (root.text === 'sql' || root.text === 'SQL')) return true;
  const name = lastName(isCallExpression(tag) ? tag.expression : tag);
  if (!name || !SQL_TAGS.has(name)) return false;
  // String.raw`…` is a regex / path helper, not SQL.
  return !(name === 'raw' && root?.text === 'String');
}

function leftmostOperand(e: ts.BinaryExpression): ts.Expression {
  let x: ts.Expression = e;
  while (isBinaryExpression(x) && x.operatorToken.kind === PlusTokenKind) x = unwrapExpression(x.left);
  return x;
}

function isSameIdentifier(e: ts.Expression, name: string): boolean {
  const u = unwrapExpression(e);
  return isIdentifier(u) && u.text === name;
}
