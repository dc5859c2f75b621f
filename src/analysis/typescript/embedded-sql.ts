/**
 * SQL a script embeds, assembled after the walk from what it collected: tagged templates
 * (sql`…`), arguments of known SQL callees (`pool.query(…)`, `knex.raw(…)`, configured ones),
 * SQL-shaped arguments of other calls, and SQL-shaped literals anywhere. Each text keeps
 * segments that map it back to the file (exact, per character, or collapsed).
 */
import ts from './ts.js';
import { HOLE_PREFIX, type EmbeddedSql, type SqlHole, type Span } from '../facts.js';
import { boundMethodCall, calleeText, lastName, nodeSpan, rootIdentifier, type ExtractContext } from './context.js';
import { cookStringLiteral, cookTemplatePiece, literalText } from './literals.js';
import { guardEngineOf } from './engine-guards.js';
import { originOf } from './orm/shared.js';
import { memberAccess, propertyNameText, unwrapExpression, type Binding, type Scopes } from './scope.js';
import { SqlAssembly } from './segments.js';
import { closingParens, cteListOf, leadingCtes } from './spliced-sql.js';
import {
  isAssertionCallee,
  isLoggingCallee,
  LOG_METHODS,
  looksLikeSqlForStrongCallee,
  looksLikeSqlForWeakCallee,
  looksLikeSqlFragment,
  looksLikeSqlStatement,
  FRAGMENT_CALLEES,
  SQL_TAGS,
  STRONG_SQL_CALLEES,
  WEAK_SQL_CALLEES,
} from './sql-detect.js';

const {
  isArrayLiteralExpression,
  isAwaitExpression,
  isArrowFunction,
  isBinaryExpression,
  isBlock,
  isCallExpression,
  isConditionalExpression,
  isElementAccessExpression,
  isFunctionDeclaration,
  isFunctionExpression,
  isFunctionLike,
  isIdentifier,
  isJsxAttribute,
  isJsxExpression,
  isNewExpression,
  isNoSubstitutionTemplateLiteral,
  isObjectLiteralExpression,
  isParenthesizedExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isReturnStatement,
  isSpreadElement,
  isStringLiteral,
  isTaggedTemplateExpression,
  isTemplateExpression,
  isTemplateSpan,
  isThrowStatement,
  isVariableDeclaration,
} = ts;
const {
  BarBarToken: BarBarTokenKind,
  PlusEqualsToken: PlusEqualsTokenKind,
  PlusToken: PlusTokenKind,
  QuestionQuestionToken: QuestionQuestionTokenKind,
} = ts.SyntaxKind;

/**
 * How sure a call is about its argument being SQL: a SQL callee, a callee that sometimes takes SQL, or only the
 * text's shape; or a query builder's method that takes a fragment of SQL (any text, or one holding a subquery).
 */
type Strength = 'strong' | 'weak' | 'shape' | 'fragment' | 'fragment-subquery';

/** What the walk collected for this step. */
export interface SqlCandidates {
  tagged: readonly ts.TaggedTemplateExpression[];
  calls: ReadonlyArray<ts.CallExpression | ts.NewExpression>;
  /** The outermost string expressions (`'a' + T + 'b'`) that are no module specifier, key or type. */
  roots: readonly ts.Expression[];
  /** `x = …` and `x += …` by the assigned identifier, in source order. */
  assignments: ReadonlyMap<string, readonly ts.BinaryExpression[]>;
}

/** Collects the nodes touched while assembling one SQL text; they are only marked consumed if it is kept. */
class Assembler {
  asm = new SqlAssembly();
  readonly touched: ts.Node[] = [];
  /** Holes whose values the file shows without fixing them (EmbeddedSql.holes). */
  readonly holes: SqlHole[] = [];
  /** The expression of each hole, by its index. */
  readonly holeNodes: ts.Expression[] = [];
}

/** How many links (`const a = b`, member reads) lead from a hole to the import it reads. */
const MAX_IMPORT_PATH = 8;
/** How many values a hole's conditionals may offer. */
const MAX_HOLE_VALUES = 8;
/** How far, and to how many texts, what fills a hole is followed (`valuePieces`). */
const MAX_PIECE_DEPTH = 6;
const MAX_PIECES = 32;
/** A text that starts a statement or a CTE list. */
const STATEMENT_OR_WITH_START = /^\s*(?:select|insert|update|delete|with|create|alter|drop|do|begin)\b/i;
/** After the holes a text starts with: a statement, or the rest of a CTE list a hole starts (`${widthCte}, gauges AS (…)`). */
const AFTER_LEADING_HOLES = /^\s*(?:,|(?:select|insert|update|delete|with|create|alter|drop|do|begin)\b)/i;
/** The holes (and white space) a text starts with. */
const LEADING_HOLES = new RegExp(String.raw`^(?:\s*${HOLE_PREFIX}\d+__)+`);

export class EmbeddedSqlExtractor {
  private readonly sf: ts.SourceFile;
  private readonly text: string;
  private readonly scopes: Scopes;
  private readonly facts: ExtractContext['facts'];
  private readonly ctx: ExtractContext;
  private readonly tagged: SqlCandidates['tagged'];
  private readonly calls: SqlCandidates['calls'];
  private readonly roots: SqlCandidates['roots'];
  private readonly assignments: SqlCandidates['assignments'];
  /** Nodes that are part of a kept SQL text: a literal is found once, by the first step that keeps it. */
  private readonly consumed = new Set<ts.Node>();
  /** The tag of the tagged template being assembled when it is a plain identifier (`sql`, `tx`). */
  private tag: string | undefined;
  /** The identifier the tag of that template starts with (`sql` of `sql.unsafe`, `sql.type(Row)`, `sql`). */
  private tagRoot: string | undefined;
  /** Whether the tag of that template sends each value hole as a bound parameter (see `tagBindsValues`). */
  private bindsValues = false;
  /** Each kept site by the expression its text starts from (the literal, template or initializer read). */
  private readonly siteNodes = new Map<ts.Node, EmbeddedSql>();
  /** The expressions a function of the file returns, by the function (`returnedExpressions`). */
  private readonly returned = new Map<ts.Node, ts.Expression[]>();

  constructor(
    ctx: ExtractContext,
    candidates: SqlCandidates,
    private readonly userCallees: readonly string[],
  ) {
    this.ctx = ctx;
    this.sf = ctx.sf;
    this.text = ctx.text;
    this.scopes = ctx.scopes;
    this.facts = ctx.facts;
    ({ tagged: this.tagged, calls: this.calls, roots: this.roots, assignments: this.assignments } = candidates);
  }

  run(): void {
    // The loops are indexed: a for…of allocates an iterator result per step until V8 optimises it, and these see every
    // call and string of the file.
    // 1. Tagged templates: sql`…`, Prisma.sql`…`, prisma.$queryRaw`…`
    for (let ti = 0; ti < this.tagged.length; ti++) {
      const t = this.tagged[ti];
      if (this.consumed.has(t) || !(isSqlTag(t.tag) || this.isTransactionTag(t.tag))) continue;
      const a = new Assembler();
      a.touched.push(t);
      this.tag = isIdentifier(t.tag) ? t.tag.text : undefined;
      this.tagRoot = rootIdentifier(t.tag)?.text;
      this.bindsValues = this.tagBindsValues(t.tag);
      this.assemble(t.template, a, true);
      this.tag = undefined;
      this.tagRoot = undefined;
      this.bindsValues = false;
      if (a.asm.text.trim() === '') continue;
      this.keep(a, calleeText(t.tag, this.sf), nodeSpan(t.template, this.sf), 'tagged-template', t);
    }
    // 2. Known SQL callees: pool.query(…), conn.execute(…), knex.raw(…), this.dbService.run(…), and the file's own
    // wrappers of them at the position they hand on (`query(url, text, values)` → its second argument).
    const others: Array<ts.CallExpression | ts.NewExpression> = [];
    const wrappers = this.sqlWrappers();
    for (let ci = 0; ci < this.calls.length; ci++) {
      const call = this.calls[ci];
      const wrapper = wrappers.size > 0 && isCallExpression(call) ? this.wrapperOf(call, wrappers) : undefined;
      if (wrapper) {
        const arg = call.arguments?.[wrapper.index];
        if (arg && this.extractArgument(call, arg, wrapper.strength)) continue;
      }
      // db-migrate's `db.runSql.bind(db, 'INSERT …')` is the call `db.runSql('INSERT …')`.
      const bound = isCallExpression(call) ? boundMethodCall(call, this.sf) : undefined;
      const strength = isCallExpression(call) ? this.calleeStrength(bound?.callee ?? call.expression) : undefined;
      if (!strength) {
        others.push(call);
        continue;
      }
      const args = bound ? bound.args : (call.arguments ?? []);
      const arg = args[0];
      if (!arg || this.extractArgument(call, arg, strength)) continue;
      // A builder method that found no fragment in its first argument (`where({ id })`, `literal(1)`) is any other call.
      if (strength === 'fragment-subquery') others.push(call);
      else if ((strength === 'strong' || strength === 'weak') && !isStringExpression(arg)) this.extractLaterArgument(call, args, strength);
    }
    // 3. Any other call whose argument is a SQL-shaped literal or a variable holding one.
    for (let oi = 0; oi < others.length; oi++) {
      const call = others[oi];
      if (!call.arguments || call.arguments.length === 0) continue;
      const name = lastName(call.expression);
      if (name !== undefined && LOG_METHODS.has(name) && isLoggingCallee(calleeText(call.expression, this.sf))) continue;
      if (isCallExpression(call) && isAssertionCallee(calleeText(call.expression, this.sf))) continue;
      if (isNewExpression(call) && name !== undefined && /(?:Error|Exception)$/.test(name)) continue;
      if (name !== undefined && isClassListCallee(name)) continue;
      for (let ai = 0; ai < call.arguments.length; ai++) this.extractArgument(call, call.arguments[ai], 'shape');
    }
    // 4. SQL-shaped literals anywhere else (`const q = { byId: 'SELECT …' }`, `return 'SELECT …'`).
    for (let ri = 0; ri < this.roots.length; ri++) {
      const root = this.roots[ri];
      if (this.consumed.has(root)) continue;
      const p = root.parent;
      if ((isCallExpression(p) || isNewExpression(p)) && p.arguments?.some((a) => a === root)) continue;
      if (
        isThrowStatement(p) ||
        !mayStartStatement(root) ||
        this.insideMessageArgument(root) ||
        insideSchemaDocumentation(root) ||
        insideCssClasses(root)
      )
        continue;
      const a = new Assembler();
      a.touched.push(root);
      if (isVariableDeclaration(p) && p.initializer === root && isIdentifier(p.name)) {
        const b = this.scopes.lookup(p.name.text, p.name);
        this.assemble(root, a, false);
        if (b && (b.kind === 'let' || b.kind === 'var')) this.appendAssignments(b, root, Number.MAX_SAFE_INTEGER, a);
      } else {
        this.assemble(root, a, false);
      }
      if (looksLikeSqlStatement(a.asm.text)) this.keep(a, '', nodeSpan(root, this.sf), 'sql-looking', root);
    }
    // 5. SQL composed from pieces: what fills the holes of a statement's text.
    this.markSplicedPieces();
  }

  /**
   * A statement's text whose holes a function or constant of this file fills (HELDOUT11 #13, pg-boss): each piece that
   * fills one is no statement of its own (`IF v_partition THEN EXECUTE …; END IF;` in a routine body, a lone `WITH w AS
   * (…)` written before a SELECT): `spliced`, no parse error. The CTEs the statement declares — written, or declared by
   * what fills a hole of its WITH list (`WITH ${failJobsBody(…)}`, `${lockedChildrenCte(schema)},`) — are no tables
   * there nor in its pieces (`SELECT COUNT(*) FROM results`, a condition `id IN (SELECT id FROM output_map)` handed to
   * the function that fills the hole). Only the file's own functions and constants are followed: a hole of unknown
   * value declares nothing.
   */
  private markSplicedPieces(): void {
    if (this.siteNodes.size === 0) return;
    const statements = new Set<ts.TemplateExpression>();
    for (const [node, site] of this.siteNodes) {
      const e = unwrapExpression(node as ts.Expression);
      if (site.via !== 'tagged-template' && isTemplateExpression(e)) statements.add(e);
    }
    for (let ri = 0; ri < this.roots.length; ri++) {
      const e = unwrapExpression(this.roots[ri]);
      if (isTemplateExpression(e) && (e.head.text.trim() === '' || STATEMENT_OR_WITH_START.test(e.head.text))) statements.add(e);
    }
    const piecesCtes = new Map<ts.Node, { names: Set<string>; open: boolean }>();
    for (const statement of statements) {
      const a = new Assembler();
      this.assemble(statement, a, false);
      if (a.holeNodes.length === 0) continue;
      const text = a.asm.text;
      // A text read for its holes only: it is a statement when it starts like one once its leading holes are passed.
      if (!this.siteNodes.has(statement) && !AFTER_LEADING_HOLES.test(text.replace(LEADING_HOLES, ''))) continue;
      const list = /\bwith\b/i.test(text) || LEADING_HOLES.test(text) ? cteListOf(text, (i) => this.holeCtes(a.holeNodes[i])) : undefined;
      const ctes = list?.names ?? new Set<string>();
      const open = list?.open === true;
      const site = this.siteNodes.get(statement);
      if (site && ctes.size > 0) site.ctes = [...new Set([...(site.ctes ?? []), ...ctes])].sort();
      if (site && open) site.openCtes = true;
      for (const hole of a.holeNodes) {
        if (!hole) continue;
        const pieces: ts.Expression[] = [];
        this.splicedPieces(hole, pieces, 0);
        for (const piece of pieces) {
          const known = piecesCtes.get(piece);
          if (known) for (const name of ctes) known.names.add(name);
          else piecesCtes.set(piece, { names: new Set(ctes), open });
          if (known && open) known.open = true;
        }
      }
    }
    for (const [piece, ctes] of piecesCtes) {
      const site = this.siteNodes.get(piece);
      if (!site || site.via === 'tagged-template' || site.via === 'fragment') continue;
      site.spliced = true;
      if (ctes.names.size > 0) site.ctes = [...new Set([...(site.ctes ?? []), ...ctes.names])].sort();
      if (ctes.open) site.openCtes = true;
    }
  }

  /**
   * The CTE names the value of a hole declares at the start of a CTE list item (`lockedChildrenCte(schema)` returning
   * `locked_children AS (…)`), or undefined when the file does not show every value it may take.
   */
  private holeCtes(hole: ts.Expression | undefined): ReadonlySet<string> | undefined {
    if (!hole) return undefined;
    const values: ts.Expression[] = [];
    if (!this.valuePieces(hole, values, 0)) return undefined;
    const names = new Set<string>();
    for (const value of values) {
      const a = new Assembler();
      this.assemble(value, a, false);
      for (const name of leadingCtes(a.asm.text)) names.add(name);
    }
    return names;
  }

  /**
   * The string expressions `expr` may evaluate to, through conditionals, `||` / `??`, the file's constants and the
   * calls of its own functions (what they return). False when some value is not shown.
   */
  private valuePieces(expr: ts.Expression, out: ts.Expression[], depth: number): boolean {
    const e = unwrapExpression(expr);
    if (depth > MAX_PIECE_DEPTH || out.length >= MAX_PIECES) return false;
    if (isStringExpression(e)) {
      out.push(e);
      return true;
    }
    if (isConditionalExpression(e)) {
      const t = this.valuePieces(e.whenTrue, out, depth + 1);
      return this.valuePieces(e.whenFalse, out, depth + 1) && t;
    }
    if (isBinaryExpression(e) && (e.operatorToken.kind === BarBarTokenKind || e.operatorToken.kind === QuestionQuestionTokenKind)) {
      const l = this.valuePieces(e.left, out, depth + 1);
      return this.valuePieces(e.right, out, depth + 1) && l;
    }
    if (isIdentifier(e)) {
      const b = this.scopes.lookup(e.text, e);
      if (!b || !b.init || (b.kind !== 'const' && b.kind !== 'let' && b.kind !== 'var')) return false;
      return this.valuePieces(b.init, out, depth + 1);
    }
    if (isCallExpression(e)) {
      const returned = this.returnedExpressions(e);
      if (!returned || returned.length === 0) return false;
      let all = true;
      for (const r of returned) all = this.valuePieces(r, out, depth + 1) && all;
      return all;
    }
    return false;
  }

  /** What fills a hole, as `valuePieces`, and the texts handed to a function of the file that fills it (its arguments). */
  private splicedPieces(expr: ts.Expression, out: ts.Expression[], depth: number): void {
    this.valuePieces(expr, out, depth);
    const e = unwrapExpression(expr);
    if (!isCallExpression(e) || !this.returnedExpressions(e)) return;
    for (const arg of e.arguments) if (!isSpreadElement(arg)) this.valuePieces(arg, out, depth + 1);
  }

  /** The expressions the function of this file a call runs returns (its `return`s, an arrow's body), or undefined. */
  private returnedExpressions(call: ts.CallExpression): ts.Expression[] | undefined {
    const callee = unwrapExpression(call.expression);
    if (!isIdentifier(callee)) return undefined;
    const b = this.scopes.lookup(callee.text, callee);
    const fn = !b ? undefined : b.kind === 'function' ? b.id.parent : b.kind === 'const' && b.init ? unwrapExpression(b.init) : undefined;
    if (!fn || !(isFunctionDeclaration(fn) || isFunctionExpression(fn) || isArrowFunction(fn)) || !fn.body) return undefined;
    const known = this.returned.get(fn);
    if (known) return known;
    const found: ts.Expression[] = [];
    if (isArrowFunction(fn) && !isBlock(fn.body)) found.push(fn.body);
    else {
      const visit = (n: ts.Node): void => {
        if (isReturnStatement(n)) {
          if (n.expression) found.push(n.expression);
          return;
        }
        if (!isFunctionLike(n)) ts.forEachChild(n, visit);
      };
      ts.forEachChild(fn.body, visit);
    }
    this.returned.set(fn, found);
    return found;
  }

  /**
   * A literal inside an object or array passed to a logging call or a test assertion
   * (`logger.info({ query: 'SELECT …' })`, `expect(x).toEqual({ sql: 'SELECT …' })`): a message or
   * an expected value, never SQL the code runs.
   */
  private insideMessageArgument(node: ts.Node): boolean {
    let child: ts.Node = node;
    let parent = node.parent;
    while (parent && (isPropertyAssignment(parent) || isObjectLiteralExpression(parent) || isArrayLiteralExpression(parent))) {
      child = parent;
      parent = parent.parent;
    }
    if (child === node || !parent || !isCallExpression(parent) || !parent.arguments.some((a) => a === child)) return false;
    const callee = calleeText(parent.expression, this.sf);
    return isAssertionCallee(callee) || (LOG_METHODS.has(lastName(parent.expression) ?? '') && isLoggingCallee(callee));
  }

  /**
   * A SQL callee whose first argument is no text takes its SQL further on: EverShop's `execute(connection, \`CREATE
   * TABLE …\`)` (@evershop/postgres-query-builder), `db.execute(conn, sql)`, a wrapper `query(dbUrl, \`SELECT …\`, params)`
   * (HELDOUT11 #1, #20). The first later argument that is a text (or a name holding one) is read, one step less sure than
   * the callee (a strong callee's as a weak one's, a weak one's by its shape): a later text may as well be a value.
   */
  private extractLaterArgument(
    call: ts.CallExpression | ts.NewExpression,
    args: readonly ts.Expression[],
    strength: 'strong' | 'weak',
  ): void {
    for (let i = 1; i < args.length; i++) {
      const arg = unwrapExpression(args[i]);
      const text = isStringExpression(arg)
        ? arg
        : isIdentifier(arg) || isPropertyAccessExpression(arg)
          ? this.scopes.resolveInitializer(arg, true)?.expr
          : undefined;
      if (!text || !isStringExpression(text)) continue;
      this.extractArgument(call, arg, strength === 'strong' ? 'weak' : 'shape');
      return;
    }
  }

  /**
   * The file's own functions that hand one of their parameters to a SQL callee as its SQL, by the position of that
   * parameter: `async function query(connectionString, text, values) { return (await getPool(connectionString).query(text,
   * values)).rows }` → 1 (HELDOUT11 #20, @pg-boss/dashboard's db.server.ts). A call of such a function reads its argument
   * there as the callee inside would (the first wrapper found for a function wins).
   */
  private sqlWrappers(): Map<ts.Node, { index: number; strength: 'strong' | 'weak' }> {
    const wrappers = new Map<ts.Node, { index: number; strength: 'strong' | 'weak' }>();
    for (let ci = 0; ci < this.calls.length; ci++) {
      const call = this.calls[ci];
      if (!isCallExpression(call) || call.arguments.length === 0) continue;
      const first = unwrapExpression(call.arguments[0]);
      if (!isIdentifier(first)) continue;
      const strength = this.calleeStrength(call.expression);
      if (strength !== 'strong' && strength !== 'weak') continue;
      const binding = this.scopes.lookup(first.text, first);
      if (!binding || binding.kind !== 'param') continue;
      const fn = binding.scope;
      if (!isFunctionDeclaration(fn) && !isFunctionExpression(fn) && !isArrowFunction(fn)) continue;
      const index = fn.parameters.findIndex((p) => p.name === binding.id);
      if (index < 0 || fn.parameters[index].dotDotDotToken || wrappers.has(fn)) continue;
      wrappers.set(fn, { index, strength });
    }
    return wrappers;
  }

  /** The wrapper (sqlWrappers) a call of a plain name runs: a function declaration, or a `const` holding a function. */
  private wrapperOf(
    call: ts.CallExpression,
    wrappers: ReadonlyMap<ts.Node, { index: number; strength: 'strong' | 'weak' }>,
  ): { index: number; strength: 'strong' | 'weak' } | undefined {
    const callee = unwrapExpression(call.expression);
    if (!isIdentifier(callee)) return undefined;
    const binding = this.scopes.lookup(callee.text, callee);
    if (!binding) return undefined;
    if (binding.kind === 'function') return wrappers.get(binding.id.parent);
    if (binding.kind !== 'const' || !binding.init) return undefined;
    return wrappers.get(unwrapExpression(binding.init));
  }

  /** The function a call runs: the method of a bound call (`db.runSql` of `db.runSql.bind(db, …)`), else its callee. */
  private calleeOf(call: ts.CallExpression | ts.NewExpression): ts.Expression {
    return (isCallExpression(call) && boundMethodCall(call, this.sf)?.callee) || call.expression;
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
    const fragment = FRAGMENT_CALLEES.get(name);
    if (fragment) return fragment === 'any' ? 'fragment' : 'fragment-subquery';
    return undefined;
  }

  /**
   * How a text is kept, if it is: a statement (`via` as found), or a fragment — the text a query builder's method
   * takes (`whereRaw('EXISTS (SELECT …)')`), and the text of `knex.raw(…)` / `sql.raw(…)` that is no statement
   * (`raw('EXISTS (SELECT 1 FROM reviews …)')`, handed to `where` or `select`).
   */
  private accepts(text: string, strength: Strength): 'statement' | 'fragment' | undefined {
    switch (strength) {
      case 'strong':
        return looksLikeSqlForStrongCallee(text) ? 'statement' : undefined;
      case 'weak':
        return looksLikeSqlForWeakCallee(text) ? 'statement' : undefined;
      case 'shape':
        return looksLikeSqlStatement(text) ? 'statement' : undefined;
      case 'fragment':
        return looksLikeSqlFragment(text, 'any') ? 'fragment' : undefined;
      case 'fragment-subquery':
        return looksLikeSqlFragment(text, 'subquery') ? 'fragment' : undefined;
    }
  }

  /**
   * `accepts`, and for `raw(…)` a text that is no statement is a fragment: a scalar subquery with its alias
   * (`raw('(SELECT COUNT(*) FROM t WHERE …) as n')` in a `select`) or a `REPLACE(…)` call (in an `update`'s
   * values) is an expression (HELDOUT9 #19).
   */
  private acceptsAt(call: ts.CallExpression | ts.NewExpression, text: string, strength: Strength): 'statement' | 'fragment' | undefined {
    const accepted = this.accepts(text, strength);
    const raw = strength === 'strong' && lastName(call.expression) === 'raw';
    if (raw && accepted === 'statement' && isRawExpression(text)) return 'fragment';
    if (accepted || !raw) return accepted;
    return looksLikeSqlFragment(text, 'subquery') ? 'fragment' : undefined;
  }

  /**
   * Whether a SQL tag sends each `${value}` as a bound parameter, never as text: the tags of the SQL libraries do
   * (Slonik's `sql` and `sql.fragment`, postgres.js, @vercel/postgres, Prisma's `Prisma.sql` and `$queryRaw`, Drizzle,
   * Kysely, sql-template-strings, @databases), whatever module re-exports them. Only a tag this file defines itself —
   * a function, or `String.raw` under another name — may paste its values into the text, as it did before.
   */
  /**
   * Whether a tag that is no SQL tag by its name is postgres.js' (porsager) transaction or reserved connection, a
   * tagged-template SQL function as `sql` is: the first parameter of the callback `sql.begin(cb)` / `sql.begin(opts, cb)`
   * (`s => [s`…`]`, `async (tx) => { await tx`…` }`) or of a savepoint's `tx.savepoint(cb)`, and a `const` bound to
   * `await sql.reserve()`. The receiver must itself be a SQL tag (`sql`, `this.sql`) or such a transaction; any other
   * `x.begin(cb)` (knex's, an event emitter's) keeps its callback's parameter what it is.
   */
  private isTransactionTag(tag: ts.Expression, depth = 0): boolean {
    if (!isIdentifier(tag) || depth > 4) return false;
    const binding = this.scopes.lookup(tag.text, tag);
    if (!binding) return false;
    const receiverIsTag = (receiver: ts.Expression) => {
      const r = unwrapExpression(receiver);
      return isSqlTag(r) || this.isTransactionTag(r, depth + 1);
    };
    if (binding.kind === 'const') {
      let init = binding.init && unwrapExpression(binding.init);
      if (init && isAwaitExpression(init)) init = unwrapExpression(init.expression);
      return (
        init !== undefined &&
        isCallExpression(init) &&
        init.arguments.length === 0 &&
        isPropertyAccessExpression(init.expression) &&
        init.expression.name.text === 'reserve' &&
        receiverIsTag(init.expression.expression)
      );
    }
    if (binding.kind !== 'param') return false;
    const parameter = binding.id.parent;
    const callback = parameter?.parent;
    if (!parameter || !callback || !(isArrowFunction(callback) || isFunctionExpression(callback))) return false;
    if (callback.parameters[0] !== parameter) return false;
    const call = callback.parent;
    if (!call || !isCallExpression(call) || call.arguments[call.arguments.length - 1] !== callback) return false;
    const callee = call.expression;
    if (!isPropertyAccessExpression(callee)) return false;
    const method = callee.name.text;
    return (method === 'begin' || method === 'savepoint') && receiverIsTag(callee.expression);
  }

  private tagBindsValues(tag: ts.Expression): boolean {
    const root = rootIdentifier(tag);
    const binding = root && this.scopes.lookup(root.text, root);
    if (!binding) return true;
    if (binding.kind === 'function') return false;
    if (binding.kind !== 'const' && binding.kind !== 'let' && binding.kind !== 'var') return true;
    const init = binding.init && unwrapExpression(binding.init);
    if (!init) return true;
    if (isArrowFunction(init) || isFunctionExpression(init)) return false;
    return !(
      isPropertyAccessExpression(init) &&
      init.name.text === 'raw' &&
      isIdentifier(init.expression) &&
      init.expression.text === 'String'
    );
  }

  /**
   * One argument of a call: a literal / template / concatenation, a `{ text | sql }` object, or a variable.
   * True when it kept a text.
   */
  private extractArgument(call: ts.CallExpression | ts.NewExpression, argument: ts.Expression, strength: Strength): boolean {
    const arg = unwrapExpression(argument);
    if (this.consumed.has(arg)) return false;
    if (isStringExpression(arg)) {
      if (strength === 'shape' && !mayStartStatement(arg)) return false;
      const callee = calleeText(this.calleeOf(call), this.sf);
      const a = new Assembler();
      a.touched.push(arg);
      this.assemble(arg, a, false);
      if (strength !== 'shape') this.bindIdentifierValues(call, arg, a);
      const accepted = this.acceptsAt(call, a.asm.text, strength);
      if (!accepted) return false;
      this.keep(
        a,
        callee,
        nodeSpan(arg, this.sf),
        accepted === 'fragment' ? 'fragment' : strength === 'shape' ? 'sql-looking' : 'callee',
        call,
      );
      return true;
    }
    if (isObjectLiteralExpression(arg)) {
      if (strength !== 'strong' && strength !== 'weak') return false;
      let kept = false;
      for (const p of arg.properties) {
        if (!isPropertyAssignment(p)) continue;
        const key = propertyNameText(p.name);
        if (key === 'text' || key === 'sql' || key === 'query') kept = this.extractArgument(call, p.initializer, strength) || kept;
      }
      return kept;
    }
    if (isIdentifier(arg) || isPropertyAccessExpression(arg) || isElementAccessExpression(arg)) {
      const r = this.scopes.resolveInitializer(arg, true);
      if (!r || this.consumed.has(r.expr)) return false;
      if (!isStringExpression(r.expr)) return false;
      if (strength === 'shape' && !mayStartStatement(r.expr)) return false;
      const callee = calleeText(this.calleeOf(call), this.sf);
      const a = new Assembler();
      a.touched.push(r.expr);
      this.assemble(r.expr, a, false);
      if (r.binding && (r.binding.kind === 'let' || r.binding.kind === 'var'))
        this.appendAssignments(r.binding, r.expr, call.getStart(this.sf), a);
      if (strength !== 'shape') this.bindIdentifierValues(call, arg, a);
      const accepted = this.acceptsAt(call, a.asm.text, strength);
      if (!accepted) return false;
      this.keep(a, callee, nodeSpan(r.expr, this.sf), accepted === 'fragment' ? 'fragment' : 'variable', call);
      return true;
    }
    return false;
  }

  /**
   * `??` is the identifier placeholder of mysql / mysql2 `query()` and of knex `raw()`: a value the
   * call passes as a literal name (`query('SELECT … FROM ??', ['orders'])`) is the table, written in
   * place as a quoted name mapped to the value. Placeholders are counted as the drivers count them,
   * `?` and `??` alike over one array of values (knex's `\?` is an escaped `?`); a value that is no
   * literal or `const` name stays a placeholder.
   */
  private bindIdentifierValues(call: ts.CallExpression | ts.NewExpression, sqlArgument: ts.Expression, a: Assembler): void {
    const values = call.arguments?.[1] === undefined ? undefined : unwrapExpression(call.arguments[1]);
    if (!values || !isArrayLiteralExpression(values) || call.arguments![0] !== sqlArgument) return;
    const text = a.asm.text;
    if (!text.includes('??')) return;
    const replacements: Array<{ start: number; end: number; text: string; span: Span }> = [];
    let index = 0;
    for (const m of text.matchAll(/\\\?|\?\??/g)) {
      if (m[0] === '\\?') continue;
      const value = values.elements[index++] as ts.Expression | undefined;
      if (value && isSpreadElement(value)) return; // the values from here on are not known by position
      if (m[0] !== '??' || !value) continue;
      const v = unwrapExpression(value);
      const name = literalText(v) ?? (isIdentifier(v) ? this.scopes.resolveString(v) : undefined);
      if (name === undefined || !IDENTIFIER_VALUE.test(name)) continue;
      const quoted = name
        .split('.')
        .map((part) => `"${part}"`)
        .join('.');
      replacements.push({ start: m.index, end: m.index + 2, text: quoted, span: nodeSpan(v, this.sf) });
    }
    if (replacements.length === 0) return;
    a.asm = a.asm.withReplacements(replacements);
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

  /** Keeps a site; `at` is where it runs (the call, the template, the literal): the client check around it names its engine. */
  private keep(a: Assembler, callee: string, fileSpan: Span, via: EmbeddedSql['via'], at: ts.Node): void {
    for (const n of a.touched) this.consumed.add(n);
    const site: EmbeddedSql = { text: a.asm.text, segments: a.asm.segments, callee, fileSpan, via };
    if (a.holes.length > 0) {
      site.holes = a.holes;
      const ctes = holeCtes(site.text, a.holes);
      if (ctes.length > 0) site.ctes = ctes;
    }
    const engine = guardEngineOf(at);
    if (engine) site.engine = engine;
    this.facts.embeddedSql.push(site);
    if (a.touched.length > 0) this.siteNodes.set(a.touched[0], site);
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
        if (!this.isTablePrefixHole(span.expression, span.literal)) this.assembleHole(span.expression, a, tagged, depth + 1);
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
    if (isConcatCall(e)) {
      // tsc's ES5 template literal: the receiver, then each argument in order (literals as text, the rest holes).
      const calls: ts.CallExpression[] = [];
      let receiver: ts.Expression = e;
      while (isConcatCall(receiver)) {
        a.touched.push(receiver);
        calls.unshift(receiver);
        receiver = unwrapExpression((receiver.expression as ts.PropertyAccessExpression).expression);
      }
      this.assemble(receiver, a, tagged, depth + 1);
      for (const call of calls) for (const arg of call.arguments) this.assemble(arg, a, tagged, depth + 1);
      return;
    }
    if (isJoinCall(e)) {
      a.touched.push(e);
      const call = e as ts.CallExpression;
      const array = unwrapExpression((call.expression as ts.PropertyAccessExpression).expression) as ts.ArrayLiteralExpression;
      const sepNode = call.arguments[0] ? unwrapExpression(call.arguments[0]) : undefined;
      const sep = (sepNode && literalText(sepNode)) ?? ',';
      const sepSpan = sepNode ? nodeSpan(sepNode, this.sf) : nodeSpan(call, this.sf);
      array.elements.forEach((el, i) => {
        if (i > 0) a.asm.appendCollapsed(sep, sepSpan);
        this.assemble(el, a, tagged, depth + 1);
      });
      return;
    }
    this.assembleHole(e, a, tagged, depth + 1);
  }

  /**
   * The name `tag('name')` escapes when `tag` is the template's own tag: its literal (`'schema.name'`), or
   * the string a `const` it names holds (`tag(ORDERS)`). Undefined otherwise, or when the value is no identifier.
   */
  private escapedIdentifier(e: ts.Expression): ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | string | undefined {
    if (!this.tag || !isCallExpression(e) || !isIdentifier(e.expression) || e.expression.text !== this.tag || e.arguments.length !== 1)
      return undefined;
    const arg = unwrapExpression(e.arguments[0]);
    const literal = isStringLiteral(arg) || isNoSubstitutionTemplateLiteral(arg) ? arg : undefined;
    const value = literal
      ? literal.text
      : isIdentifier(arg) || isPropertyAccessExpression(arg)
        ? this.scopes.resolveString(arg)
        : undefined;
    if (value === undefined || !IDENTIFIER_VALUE.test(value)) return undefined;
    return literal ?? value;
  }

  /**
   * The name a query builder's identifier helper quotes, called on the template tag's own root (`sql`): Slonik's
   * `sql.identifier(['patients'])` / `sql.identifier(['public', 'patients'])` and @databases' `sql.ident('public',
   * 'patients')`, written in the hole (`inline`: its literals map back exactly) or bound to a `const` (or a member of a
   * const object) the hole names. Each part is a literal or a constant of the file and a plain identifier; undefined
   * otherwise.
   */
  private quotedIdentifier(
    e: ts.Expression,
  ): { inline: boolean; parts: Array<ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | string> } | undefined {
    const inline = isCallExpression(e);
    const call = inline ? e : this.scopes.resolveInitializer(e)?.expr;
    if (!this.tagRoot || !call || !isCallExpression(call) || !isPropertyAccessExpression(call.expression)) return undefined;
    const helper = call.expression;
    if (!isIdentifier(helper.expression) || helper.expression.text !== this.tagRoot) return undefined;
    const list = call.arguments.length === 1 ? unwrapExpression(call.arguments[0]) : undefined;
    const args =
      helper.name.text === 'identifier' && list && isArrayLiteralExpression(list)
        ? list.elements
        : helper.name.text === 'ident'
          ? call.arguments
          : undefined;
    if (!args || args.length === 0 || args.length > 3) return undefined;
    const parts: Array<ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | string> = [];
    for (const arg of args) {
      const x = unwrapExpression(arg);
      const literal = isStringLiteral(x) || isNoSubstitutionTemplateLiteral(x) ? x : undefined;
      const value = literal ? literal.text : this.scopes.resolveString(x);
      if (value === undefined || !PLAIN_IDENTIFIER.test(value)) return undefined;
      parts.push(literal && inline ? literal : value);
    }
    return { inline, parts };
  }

  /** A `${…}` hole or a non-literal operand: nested SQL fragments inline, constants collapse, the rest is a placeholder. */
  private assembleHole(expr: ts.Expression, a: Assembler, tagged: boolean, depth: number): void {
    const e = unwrapExpression(expr);
    const span = nodeSpan(e, this.sf);
    if (tagged && this.bindsValues && this.boundValue(e, span, a)) return;
    if (isStringLiteral(e) || isNoSubstitutionTemplateLiteral(e) || isTemplateExpression(e)) {
      this.assemble(e, a, tagged, depth + 1);
      return;
    }
    if (tagged && isTaggedTemplateExpression(e) && (isSqlTag(e.tag) || this.isTransactionTag(e.tag))) {
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
    // postgres.js: `${sql('order_items')}` in its own sql`…` escapes an identifier — the table's name, not a value.
    const identifier = tagged ? this.escapedIdentifier(e) : undefined;
    if (identifier !== undefined) {
      a.touched.push(e);
      // A constant's value stands where the call is written, as any resolved constant does.
      if (typeof identifier === 'string') a.asm.appendCollapsed(identifier, span);
      else this.assemble(identifier, a, tagged, depth + 1);
      return;
    }
    // Slonik: `${sql.identifier(['public', 'patients'])}` (or a const bound to it) quotes a name — the table's.
    const quoted = tagged ? this.quotedIdentifier(e) : undefined;
    if (quoted) {
      a.touched.push(e);
      if (quoted.inline) {
        quoted.parts.forEach((part, i) => {
          if (i > 0) a.asm.appendCollapsed('.', nodeSpan(part as ts.Expression, this.sf));
          this.assemble(part as ts.Expression, a, tagged, depth + 1);
        });
      } else {
        // A constant's value stands where the hole is written, as any resolved constant does.
        a.asm.appendCollapsed(quoted.parts.map((p) => (typeof p === 'string' ? p : p.text)).join('.'), span);
      }
      return;
    }
    const parts =
      isIdentifier(e) || isPropertyAccessExpression(e) || isElementAccessExpression(e) || isBinaryExpression(e)
        ? this.scopes.resolveParts(e)
        : undefined;
    if (!parts) {
      this.appendHole(e, span, a);
      return;
    }
    for (const part of parts) {
      if (typeof part === 'string') a.asm.appendCollapsed(part, span);
      else this.appendHole(part, span, a);
    }
  }

  /**
   * `${tablePrefix}workflow_entity`: a run-time table prefix (TypeORM's `entityPrefix`, n8n's `tablePrefix`, '' by
   * default) written against the name it prefixes. Decided: the table is the bare name (HELDOUT9 #11), as the
   * service's entities and DSL name it; the hole adds nothing to the text. Only a hole the file does not fix, named
   * `…prefix`, followed by a letter or `_`: `${table}_archive` and `${schema}.orders` stay holes.
   */
  private isTablePrefixHole(expr: ts.Expression, literal: ts.TemplateMiddle | ts.TemplateTail): boolean {
    const e = unwrapExpression(expr);
    if (!isIdentifier(e) && !isPropertyAccessExpression(e)) return false;
    if (!/prefix$/i.test(lastName(e) ?? '') || !/^[A-Za-z_]/.test(literal.text)) return false;
    const parts = this.scopes.resolveParts(e);
    return !parts || parts.some((part) => typeof part !== 'string');
  }

  /**
   * A hole of a tag that binds its values (`tagBindsValues`) that is a value, not SQL: a placeholder, as the library
   * sends `$1` (`where indicator = ${cloudApiIndicator}` is valid whatever text the constant holds; HELDOUT9 #20). SQL
   * stays SQL: a nested sql`…` fragment, `sql.raw(…)`, an identifier helper (`sql.identifier([…])`, postgres.js's
   * `sql('t')`) and any other call (`sql.join(…)`, a helper returning a fragment) are left to `assembleHole`. A value
   * the file fixes is kept on the hole (EmbeddedSql.holes): a parameter never names a table, but a tag this file
   * cannot see into (a highlighting `String.raw` another module exports) may paste it where one is expected.
   * True when the hole was written.
   */
  private boundValue(e: ts.Expression, span: Span, a: Assembler): boolean {
    if (isSqlPiece(e) || isConditionalExpression(e)) return false; // a conditional's branches are read by `appendHole`
    // `const users = sql.identifier(['users'])`, `const where = sql`…``: named SQL.
    const bound = isIdentifier(e) || isPropertyAccessExpression(e) ? this.scopes.resolveInitializer(e)?.expr : undefined;
    if (bound && isSqlPiece(unwrapExpression(bound))) return false;
    const value = literalText(e) ?? this.scopes.resolveString(e);
    a.touched.push(e);
    const index = a.asm.appendHole(span);
    a.holeNodes[index] = e;
    if (value !== undefined && IDENTIFIER_VALUE.test(value)) a.holes.push({ index, values: [value] });
    else if (value === undefined) {
      const values: string[] = [];
      const imports: NonNullable<SqlHole['imports']> = [];
      this.holeValues(e, values, imports, 0);
      if (values.length > 0 || imports.length > 0)
        a.holes.push({ index, ...(values.length > 0 ? { values } : {}), ...(imports.length > 0 ? { imports } : {}) });
    }
    return true;
  }

  /** A hole for `e`, with the values it may take where the file shows them (a conditional's branches, an imported constant). */
  private appendHole(e: ts.Expression, span: Span, a: Assembler): void {
    const index = a.asm.appendHole(span);
    a.holeNodes[index] = e;
    const values: string[] = [];
    const imports: NonNullable<SqlHole['imports']> = [];
    this.holeValues(e, values, imports, 0);
    if (values.length === 0 && imports.length === 0) return;
    a.holes.push({ index, ...(values.length > 0 ? { values } : {}), ...(imports.length > 0 ? { imports } : {}) });
  }

  /**
   * What `expr` may be: each branch of a conditional (`archived ? 'orders_archive' : 'orders'`) that
   * is a literal or a constant of the file goes to `values`, one that reads a constant another
   * module exports (`TABLES.PATIENTS`, `INVOICES_TABLE`, through local `const` aliases) to `imports`.
   * A branch of unknown value adds nothing.
   */
  private holeValues(expr: ts.Expression, values: string[], imports: NonNullable<SqlHole['imports']>, depth: number): void {
    if (depth > MAX_IMPORT_PATH || values.length + imports.length >= MAX_HOLE_VALUES) return;
    const e = unwrapExpression(expr);
    if (isConditionalExpression(e)) {
      for (const branch of [e.whenTrue, e.whenFalse]) {
        const value = this.scopes.resolveString(branch);
        if (value !== undefined) {
          if (!values.includes(value)) values.push(value);
        } else this.holeValues(branch, values, imports, depth + 1);
      }
      return;
    }
    // `process.env.CLINICAL_DB || 'clinical_data'`, directly or through a const: the code's default.
    const fallback = this.fallbackValue(e, 0);
    if (fallback !== undefined) {
      if (!values.includes(fallback)) values.push(fallback);
      return;
    }
    const imported = this.importedConstant(e, 0);
    if (imported) imports.push(imported);
  }

  /** The literal fallback of `a || 'x'` / `a ?? 'x'` (through `const` names), as a connection option's default is read. */
  private fallbackValue(expr: ts.Expression, depth: number): string | undefined {
    if (depth > MAX_IMPORT_PATH) return undefined;
    const e = unwrapExpression(expr);
    if (isBinaryExpression(e) && (e.operatorToken.kind === BarBarTokenKind || e.operatorToken.kind === QuestionQuestionTokenKind))
      return this.scopes.resolveString(e.right);
    if (!isIdentifier(e)) return undefined;
    const binding = this.scopes.lookup(e.text, e);
    return binding?.kind === 'const' && binding.init ? this.fallbackValue(binding.init, depth + 1) : undefined;
  }

  /** The import a name or member chain reads (`TABLES.PATIENTS` of `import { TABLES } from …`), and the members read from it. */
  private importedConstant(expr: ts.Expression, depth: number): NonNullable<SqlHole['imports']>[number] | undefined {
    if (depth > MAX_IMPORT_PATH) return undefined;
    const e = unwrapExpression(expr);
    if (isIdentifier(e)) {
      const binding = this.scopes.lookup(e.text, e);
      if (!binding || (binding.kind !== 'import' && binding.kind !== 'const')) return undefined;
      const origin = originOf(this.ctx, e);
      if (origin) return { origin, members: [] };
      // const T = TABLES.PATIENTS
      return binding.kind === 'const' && binding.init ? this.importedConstant(binding.init, depth + 1) : undefined;
    }
    const member = memberAccess(e);
    if (!member) return undefined;
    const inner = this.importedConstant(member.object, depth + 1);
    return inner && { origin: inner.origin, members: [...inner.members, member.name] };
  }
}

/** One part of a quoted name (`patients`, `public`): no dot, no quote, no space. */
const PLAIN_IDENTIFIER = /^[A-Za-z_][\w$]*$/;
/** A table name an identifier helper may escape: `name` or `schema.name`. */
export const IDENTIFIER_VALUE = /^[A-Za-z_][\w$]*(?:\.[A-Za-z_][\w$]*)?$/;

const STRICT_START = /^(?:\s|\()*(?:--|\/\*|#|(?:select|insert|update|delete|with|create|alter|drop|truncate|replace|copy)\b)/i;

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
  if (isConcatCall(e)) return leadingText(concatReceiver(e));
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
  return isJoinCall(e) || isConcatCall(e);
}

/**
 * tsc's ES5 output of a template literal (compiled migrations shipped in a package): `"… iso_2 = '".concat(c.alpha2, "'")`,
 * one call per hole (`"".concat(a, " AND ").concat(b)`): a string literal's `concat` with no spread argument.
 */
function isConcatCall(expr: ts.Expression): expr is ts.CallExpression {
  const e = unwrapExpression(expr);
  if (!isCallExpression(e) || e.arguments.length === 0 || e.arguments.some((arg) => isSpreadElement(arg))) return false;
  const callee = e.expression;
  if (!isPropertyAccessExpression(callee) || callee.name.text !== 'concat') return false;
  const receiver = concatReceiver(e);
  return isStringLiteral(receiver) || isNoSubstitutionTemplateLiteral(receiver);
}

/** The receiver of the first `concat` of a chain, found without recursion. */
function concatReceiver(call: ts.CallExpression): ts.Expression {
  let receiver = unwrapExpression((call.expression as ts.PropertyAccessExpression).expression);
  while (isCallExpression(receiver) && isPropertyAccessExpression(receiver.expression) && receiver.expression.name.text === 'concat')
    receiver = unwrapExpression(receiver.expression.expression);
  return receiver;
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

/** `WITH [RECURSIVE]` before a CTE list. */
const WITH = /\bwith\s+(?:recursive\s+)?/gi;
/** `<name> [(cols)] AS [NOT] [MATERIALIZED] (` at the start of a CTE of the list; group 1 the hole's index when a hole names it. */
const CTE_HEAD = new RegExp(
  String.raw`(?:${HOLE_PREFIX}(\d+)__|[\w$]+|"[^"]*")\s*(?:\([^()]*\)\s*)?as\s+(?:not\s+)?(?:materialized\s+)?\(`,
  'iy',
);

/**
 * The names of the CTEs a text declares by a hole whose values the file shows: graphile-worker's ``with ${batchSize > 1
 * ? 'j_raw' : 'j'} as (…) … update … from j`` declares `j` (and `j_raw`), so `from j` reads no table (HELDOUT9 #7).
 * Each CTE of a `WITH` list is read (its body skipped by parentheses, quotes ignored: a name is only looked for after
 * the body). Lower-cased and sorted (EmbeddedSql.ctes); a reference to one of them is dropped once the text is analysed.
 */
function holeCtes(text: string, holes: readonly SqlHole[]): string[] {
  if (!text.includes(HOLE_PREFIX)) return [];
  const names = new Set<string>();
  let closes: Map<number, number> | undefined;
  for (const w of text.matchAll(WITH)) {
    let at = w.index + w[0].length;
    for (;;) {
      CTE_HEAD.lastIndex = at;
      const head = CTE_HEAD.exec(text);
      if (!head) break;
      const hole = head[1] === undefined ? undefined : holes.find((h) => h.index === Number(head[1]));
      for (const value of hole?.values ?? []) if (IDENTIFIER_VALUE.test(value) && !value.includes('.')) names.add(value.toLowerCase());
      const close = (closes ??= closingParens(text)).get(CTE_HEAD.lastIndex - 1) ?? -1;
      const next = close < 0 ? null : /^\s*,\s*/.exec(text.slice(close + 1, close + 200));
      if (!next) break;
      at = close + 1 + next[0].length;
    }
  }
  return [...names].sort();
}

/** A call (`sql.identifier([…])`, `sql.join(…)`, a fragment helper) or a nested SQL template: SQL, never a bound value. */
function isSqlPiece(e: ts.Expression): boolean {
  return isCallExpression(e) || (isTaggedTemplateExpression(e) && isSqlTag(e.tag));
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

/** Keywords of a JSON schema (OpenAPI, fastify, ajv) that only document the value the schema describes. */
const SCHEMA_DOCUMENTATION_KEYS = new Set(['examples', 'example', 'default', 'description', 'title', 'const', 'enum']);
/** Keywords one of which a JSON-schema object has beside its documentation (`type` counts with a JSON type only). */
const SCHEMA_SHAPE_KEYS = new Set([
  'properties',
  'items',
  '$ref',
  'format',
  'anyOf',
  'oneOf',
  'allOf',
  'pattern',
  'maxLength',
  'minLength',
]);
const JSON_TYPES = new Set(['string', 'object', 'array', 'number', 'integer', 'boolean', 'null']);

/**
 * A literal documenting a JSON schema (`{ type: 'string', examples: ['select id from users …'] }`): a
 * route's request schema showing what a client may send, never SQL this code runs.
 */
function insideSchemaDocumentation(node: ts.Node): boolean {
  let child: ts.Node = node;
  while (isArrayLiteralExpression(child.parent)) child = child.parent;
  const property = child.parent;
  if (!isPropertyAssignment(property) || property.initializer !== child) return false;
  const key = propertyNameText(property.name);
  if (key === undefined || !SCHEMA_DOCUMENTATION_KEYS.has(key)) return false;
  return property.parent.properties.some((p) => {
    const name = p.name !== undefined ? propertyNameText(p.name) : undefined;
    if (name === 'type') return isPropertyAssignment(p) && isStringLiteral(p.initializer) && JSON_TYPES.has(p.initializer.text);
    return name !== undefined && SCHEMA_SHAPE_KEYS.has(name);
  });
}

/** Functions that join CSS class lists: clsx, classnames, tailwind-merge, cva, tailwind-variants, shadcn's `cn`. */
const CLASS_LIST_CALLEES = new Set(['cn', 'clsx', 'classNames', 'classnames', 'cx', 'twMerge', 'twJoin', 'cva', 'tv']);
/** Attributes and properties whose value is a CSS class list. */
const CLASS_KEYS = new Set(['className', 'class', 'classList', 'classes']);

/** A class-list function's name, also as a bundler renames it (`cn$1`). */
function isClassListCallee(name: string): boolean {
  return CLASS_LIST_CALLEES.has(name.replace(/\$\d+$/, ''));
}

/**
 * A string in a CSS class list: the value of a `className` / `class` JSX attribute or property, or an argument of
 * `cn(…)` / `clsx(…)`, through conditionals, `&&`/`||`/`??`, concatenations, template holes, arrays and objects.
 * Tailwind's `truncate` utility (`"truncate font-medium"`, `"truncate flex-1"`) is CSS, never TRUNCATE (HELDOUT11 #14, #15).
 */
function insideCssClasses(node: ts.Node): boolean {
  let child: ts.Node = node;
  for (let depth = 0; depth < 16; depth++) {
    const parent: ts.Node | undefined = child.parent;
    if (!parent) return false;
    if (isJsxAttribute(parent)) return isIdentifier(parent.name) && CLASS_KEYS.has(parent.name.text);
    if (isPropertyAssignment(parent)) {
      if (parent.initializer !== child) return false;
      const key = propertyNameText(parent.name);
      if (key !== undefined && CLASS_KEYS.has(key)) return true;
    } else if (isCallExpression(parent)) {
      if (!parent.arguments.some((a) => a === child)) return false;
      const name = lastName(parent.expression);
      return name !== undefined && isClassListCallee(name);
    } else if (
      !isParenthesizedExpression(parent) &&
      !isConditionalExpression(parent) &&
      !isBinaryExpression(parent) &&
      !isTemplateSpan(parent) &&
      !isTemplateExpression(parent) &&
      !isArrayLiteralExpression(parent) &&
      !isObjectLiteralExpression(parent) &&
      !isJsxExpression(parent)
    )
      return false;
    child = parent;
  }
  return false;
}

const SET_OPERATION = /^(?:union|intersect|except|minus|order|limit|offset|fetch)$/i;

/**
 * An expression rather than a statement: `(SELECT …) as alias` (or `(SELECT …) alias`) — a parenthesised subquery
 * followed by its alias alone, not by a set operation or ORDER BY — or `REPLACE(…)`, MySQL's function (its
 * statement is `REPLACE [INTO] t …`, never followed by a parenthesis).
 */
function isRawExpression(text: string): boolean {
  if (/^\s*replace\s*\(/i.test(text)) return true;
  const start = text.search(/\S/);
  if (start < 0 || text[start] !== '(') return false;
  let depth = 0;
  let quote = '';
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) {
      const alias = /^\s*(?:as\s+)?([A-Za-z_][\w$]*|"[^"]+"|`[^`]+`)\s*$/i.exec(text.slice(i + 1));
      return alias !== null && !SET_OPERATION.test(alias[1]);
    }
  }
  return false;
}
