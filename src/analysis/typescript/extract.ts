/**
 * The walker: one pass over a script's AST collecting every fact, then a short resolution
 * phase for what needs the whole file (constants declared after use, SQL built in variables,
 * configuration objects passed by name). What the environment is given and read is
 * env-defaults.ts's, embedded SQL is embedded-sql.ts's; ORM and configuration facts are
 * orm/ and config.ts's.
 */
import { emptyScriptFacts } from '../script-facts.js';
import ts from './ts.js';
import type { CommentFact, ScriptFacts, Span } from '../facts.js';
import { scanComments } from './comments.js';
import { isEcosystemFile, pm2Apps } from './pm2.js';
import {
  configFromJwtArgs,
  configFromProperty,
  configFromSecretValue,
  configFromSequelizeArgs,
  ternaryDefault,
  type PendingConfig,
} from './config.js';
import { calleeText, nodeSpan, type ExtractContext } from './context.js';
import { isEnvObject, isFallbackOperator, literalValue } from './env.js';
import { downOnlyHelpers, migrationDownOf } from './migration-phases.js';
import { folderTemplate } from './folder-templates.js';
import { isMigrationRunnerOption, isSequelizeStorage, migrationRunnersOf } from './migration-runners.js';
import { ormFromCall, ormFromClass, ormFromDecorator, ormFromNew } from './orm/index.js';
import { schemaModuleTables } from './orm/schema-helpers.js';
import { entitiesProperty } from './orm/registrations.js';
import { pushReexports } from './reexports.js';
import { importedNames } from './imported-names.js';
import { moduleExports } from './exported-names.js';
import { nearestScope, propertyNameText, Scopes, unwrapExpression, type Binding } from './scope.js';
import { EmbeddedSqlExtractor } from './embedded-sql.js';
import { builderCtes, BuilderCteScopes } from './orm/builder-names.js';
import { exportedStrings } from './exported-strings.js';
import { optionCtes } from './orm/builder-names.js';
import { EnvDefaults } from './env-defaults.js';
import { dotenvLoadsOf } from './dotenv-loads.js';
import { usedAsDblinkConnection } from './dblink-connection.js';
import { isFlowFile } from './flow-pragma.js';

// The `typescript` export object and its enums are in dictionary mode: each `ts.x` / `SyntaxKind.X`
// access is a hash lookup, so the ones used per node are read once here.
const {
  flattenDiagnosticMessageText,
  forEachChild,
  isAsExpression,
  isBinaryExpression,
  isCallExpression,
  isClassDeclaration,
  isElementAccessExpression,
  isEnumMember,
  isExportDeclaration,
  isExpressionStatement,
  isExternalModuleReference,
  isIdentifier,
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
  isStringLiteral,
  isTaggedTemplateExpression,
  isTemplateExpression,
  isTemplateSpan,
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
  FirstTypeNode: FirstTypeNodeKind,
  FunctionDeclaration: FunctionDeclarationKind,
  ImportDeclaration: ImportDeclarationKind,
  ImportEqualsDeclaration: ImportEqualsDeclarationKind,
  ImportKeyword: ImportKeywordKind,
  InterfaceDeclaration: InterfaceDeclarationKind,
  JsxText: JsxTextKind,
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

/** A connection URL, a URL option, or a connection string in another form: a Go MySQL DSN's `@tcp(`, a conninfo's `dbname=`, ADO.NET's `;Database=`. */
const CONNECTION_URL =
  /\b(?:mysql2?|postgres(?:ql)?|mongodb(?:\+srv)?|rediss?|amqps?|sqlserver):\/\/|sslmode=|@(?:tcp6?|unix)\(|\bdbname\s*=|;\s*(?:database|initial catalog)\s*=/i;
const MAX_SYNTAX_PROBLEMS = 20;
/** Property names of a query's CTE options (`findPage({ cte: [{ name, query }] })`). */
const CTE_OPTION = new Set(['cte', 'ctes']);

export class ScriptExtractor implements ExtractContext {
  readonly facts: ScriptFacts = emptyScriptFacts();
  comments: CommentFact[] = [];
  readonly scopes = new Scopes();
  readonly drizzleTables = new Set<string>();

  private readonly literalSpans: Span[] = [];
  private readonly calls: Array<ts.CallExpression | ts.NewExpression> = [];
  private readonly tagged: ts.TaggedTemplateExpression[] = [];
  /** `cte:` / `ctes:` properties (a query's CTE options, builder-names.ts optionCtes). */
  private readonly cteOptions: ts.PropertyAssignment[] = [];
  /** `migrations:` / `storageOptions:` properties and `new SequelizeStorage(…)` (migration-runners.ts). */
  private readonly runnerOptions: Array<ts.PropertyAssignment | ts.NewExpression> = [];
  private readonly roots: ts.Expression[] = [];
  private readonly rootSet = new Set<ts.Node>();
  private readonly assignments = new Map<string, ts.BinaryExpression[]>();
  private readonly env: EnvDefaults;
  private readonly pendingConfig: PendingConfig[] = [];
  private readonly userCallees: string[];

  constructor(
    readonly sf: ts.SourceFile,
    readonly text: string,
    options: ExtractOptions = {},
  ) {
    this.userCallees = (options.sqlCallees ?? []).map((c) => c.trim()).filter((c) => c.length > 0);
    // After the parameter properties: it reads `sf` from this context.
    this.env = new EnvDefaults(this);
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
    this.guard(() =>
      new EmbeddedSqlExtractor(
        this,
        { tagged: this.tagged, calls: this.calls, roots: this.roots, assignments: this.assignments },
        this.userCallees,
      ).run(),
    );
    this.guard(() => this.dropBuilderCtes());
    this.guard(() => this.linkPendingConfig());
    this.guard(() => {
      const loads = this.calls.flatMap((call) => (isCallExpression(call) ? dotenvLoadsOf(this, call) : []));
      if (loads.length > 0) this.facts.dotenvLoads = loads;
    });
    if (this.runnerOptions.length > 0)
      this.guard(() => {
        const runners = migrationRunnersOf(this, this.runnerOptions);
        if (runners.length > 0) this.facts.migrationRunners = runners;
      });
    this.guard(() => moduleExports(this));
    this.guard(() => schemaModuleTables(this));
    this.guard(() => {
      const exported = exportedStrings(this);
      if (exported.length > 0) this.facts.exportedStrings = exported;
    });
    if (isEcosystemFile(this.sf.fileName))
      this.guard(() => {
        const apps = pm2Apps(this);
        if (apps.length > 0) this.facts.pm2Apps = apps;
      });
    const byStart = (a: { fileSpan: Span }, b: { fileSpan: Span }) => a.fileSpan.start - b.fileSpan.start;
    this.facts.embeddedSql.sort(byStart);
    this.facts.ormRefs.sort(byStart);
    this.facts.ormEntityUses.sort(byStart);
    this.guard(() => {
      this.literalSpans.sort((a, b) => a.start - b.start);
      this.comments = scanComments(this.text, this.literalSpans);
    });
  }

  /**
   * A CTE a query builder declares (`.with('ranked', …)`, `addCommonTableExpression(q, 'folder_tree')`) is
   * no table where it is declared: the builder's `.from('ranked')` reads none, and the SQL of the sites
   * there carries the names it mentions (EmbeddedSql.ctes) for their references to be dropped once analysed.
   */
  private dropBuilderCtes(): void {
    const ctes = [...builderCtes(this, this.calls), ...optionCtes(this, this.cteOptions)];
    if (ctes.length === 0) return;
    this.facts.builderCtes = [...new Set(ctes.map((c) => c.name))].sort();
    const scopes = new BuilderCteScopes(ctes);
    const refs = this.facts.ormRefs;
    const kept = refs.filter((r) => r.qualifier !== undefined || !scopes.declares(r.name, r.fileSpan));
    if (kept.length < refs.length) {
      // Not splice(…, ...kept): spreading some 150,000 arguments overflows the stack.
      refs.length = 0;
      for (const r of kept) refs.push(r);
    }
    for (const site of this.facts.embeddedSql) {
      const names = scopes.mentionedAt(site.text, site.fileSpan);
      // Merged with the CTEs the SQL names by a hole (`with ${x} as (…)`, embedded-sql.ts).
      if (names.length > 0) site.ctes = [...new Set([...(site.ctes ?? []), ...names])].sort();
    }
  }

  // -------------------------------------------------------------------------
  // Problems
  // -------------------------------------------------------------------------

  private reportParseDiagnostics(): void {
    const diagnostics = (this.sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
    // Flow's type syntax is valid where Babel's Flow preset compiles the file: counted, not reported (flow-pragma.ts).
    if (diagnostics.length > 0 && isFlowFile(this.sf.fileName, this.text)) {
      const start = diagnostics[0].start ?? 0;
      this.facts.flowSyntax = { errors: diagnostics.length, fileSpan: { start, end: start + (diagnostics[0].length ?? 0) } };
      return;
    }
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
        folderTemplate(this, node as ts.TemplateExpression);
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
        ormFromClass(this, c);
        this.noteDownHelpers(c);
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
        if (isSequelizeStorage(node as ts.NewExpression)) this.runnerOptions.push(node as ts.NewExpression);
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
        if (t) this.env.pushEnvDefault(t.name, t.literal, 'ternary', node);
        break;
      }
      case PropertyAccessExpressionKind:
      case ElementAccessExpressionKind:
        this.env.onMemberAccess(node as ts.PropertyAccessExpression | ts.ElementAccessExpression);
        break;
      case ObjectLiteralExpressionKind:
        this.env.onObjectLiteral(node as ts.ObjectLiteralExpression);
        break;
      case PropertyAssignmentKind:
        if (CTE_OPTION.has(propertyNameText((node as ts.PropertyAssignment).name) ?? ''))
          this.cteOptions.push(node as ts.PropertyAssignment);
        if (isMigrationRunnerOption(node as ts.PropertyAssignment)) this.runnerOptions.push(node as ts.PropertyAssignment);
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

  /** Records the helper methods of a migration class that only its `down` calls, the reverting half too (migration-phases.ts). */
  private noteDownHelpers(cls: ts.ClassLikeDeclaration): void {
    for (const helper of downOnlyHelpers(cls)) (this.facts.migrationDown ??= []).push(nodeSpan(helper, this.sf));
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
          if (lit) this.env.pushEnvDefault(name, lit, 'destructuring', el.initializer);
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
    const fileSpan = nodeSpan(literal, this.sf);
    const names = importedNames(this.text, fileSpan, kind);
    this.facts.imports.push(names ? { specifier: literal.text, kind, fileSpan, names } : { specifier: literal.text, kind, fileSpan });
  }

  // -------------------------------------------------------------------------
  // Literals
  // -------------------------------------------------------------------------

  private onStringish(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): void {
    const value = isTemplateExpression(node)
      ? this.text.slice(node.getStart(this.sf) + 1, Math.max(node.getStart(this.sf) + 1, node.end - 1))
      : node.text;
    if (CONNECTION_URL.test(value) && !this.isModuleSpecifier(node)) {
      // A constant only dblink takes as its connection (`const remote = 'dbname=billing …'`): another database's.
      const declared = node.parent;
      const dblink =
        isVariableDeclaration(declared) &&
        declared.initializer === node &&
        isIdentifier(declared.name) &&
        usedAsDblinkConnection(this.text, declared.name.text);
      this.facts.connectionStrings.push({ value, fileSpan: nodeSpan(node, this.sf), ...(dblink ? { dblink: true as const } : {}) });
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
    this.env.validationDefaults(call);
    configFromJwtArgs(this, call);
    configFromSecretValue(this, call);
  }

  // -------------------------------------------------------------------------
  // Assignments
  // -------------------------------------------------------------------------

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
      this.env.envAssignment(b);
      return;
    }
    if (isFallbackOperator(op)) this.env.envFallback(b);
  }

  // -------------------------------------------------------------------------
  // Configuration objects
  // -------------------------------------------------------------------------

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
}
