/**
 * PostgreSQL through libpg-query (PostgreSQL's own parser compiled to WASM).
 *
 * The AST says which relations a statement names and with what action; its
 * RangeVar locations (UTF-8 bytes) say where they start. Names and exact spans
 * are then read from our tokens at those offsets, so they keep their original
 * case and quoting (the AST lower-cases unquoted identifiers).
 */
import { createRequire } from 'node:module';
import type * as PgQuery from 'libpg-query';
import type { TableAction } from '../facts.js';
import { byteOffsetMapper, codePointToUtf16 } from './offsets.js';

/** libpg-query, required on first load: a run without PostgreSQL never pays for its glue or its WASM. */
let pg: typeof PgQuery;
let ready = false;
let loading: Promise<void> | null = null;
/** Whether an analysis asked for the parser (`pgReady()`) while it was not loaded; see `takeMissedPg`. */
let missed = false;

export function loadPg(): Promise<void> {
  if (ready) return Promise.resolve();
  loading ??= Promise.resolve()
    .then(async () => {
      pg ??= createRequire(import.meta.url)('libpg-query') as typeof PgQuery;
      await pg.loadModule();
    })
    .then(
      () => {
        ready = true;
      },
      (err: unknown) => {
        loading = null; // let a later call retry; the caller decides whether a missing parser is fatal
        throw err;
      },
    );
  return loading;
}

/**
 * Whether the parser is loaded. Every answer that depends on libpg-query asks this first, so a
 * `false` is recorded: the analysis in progress is not what it would be with the parser loaded.
 */
export function pgReady(): boolean {
  if (!ready) missed = true;
  return ready;
}

/** Whether `pgReady()` answered `false` since the last call; resets the record. */
export function takeMissedPg(): boolean {
  const was = missed;
  missed = false;
  return was;
}

/** A relation named by a statement. `offset` is an absolute UTF-16 offset when the AST located it. */
export interface AstRef {
  action: TableAction;
  name: string;
  qualifier?: string;
  offset?: number;
}

export interface AstFacts {
  refs: AstRef[];
  /** CTE names, as the AST spells them (unquoted ones lower-cased). */
  ctes: Set<string>;
}

export type PgResult = { ok: true; facts: AstFacts } | { ok: false; message: string; offset?: number };

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

function isObj(x: Json | undefined): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Per node type: the action for RangeVars under a given field; `null` ignores the field; missing fields inherit. */
const FIELD_ACTIONS: Record<string, { self?: TableAction | null; fields?: Record<string, TableAction | null> }> = {
  SelectStmt: { self: 'select', fields: { intoClause: 'create' } },
  InsertStmt: { self: 'select', fields: { relation: 'insert' } },
  UpdateStmt: { self: 'select', fields: { relation: 'update' } },
  DeleteStmt: { self: 'select', fields: { relation: 'delete' } },
  MergeStmt: { self: 'select', fields: { relation: 'update' } },
  CreateStmt: { self: null, fields: { relation: 'create', inhRelations: 'other', partbound: null } },
  Constraint: { fields: { pktable: 'references' } },
  TableLikeClause: { fields: { relation: 'other' } },
  IndexStmt: { self: null, fields: { relation: 'other' } },
  CreateTrigStmt: { self: null, fields: { relation: 'other' } },
  ViewStmt: { self: null, fields: { view: null, query: 'select' } },
  TruncateStmt: { self: null, fields: { relations: 'truncate' } },
  CopyStmt: { self: null, fields: { relation: 'other', query: 'select' } },
  LockStmt: { self: null, fields: { relations: 'other' } },
  CreatePolicyStmt: { self: null, fields: { table: 'other' } },
  RuleStmt: { self: null, fields: { relation: 'other' } },
  CreateSeqStmt: { self: null, fields: { sequence: null } },
  AlterSeqStmt: { self: null, fields: { sequence: null } },
  CommentStmt: { self: null },
  // `FOR UPDATE OF j` names a table of the same query by its alias or name: no table of its own.
  LockingClause: { fields: { lockedRels: null } },
};

/**
 * Collects RangeVars with the action their position implies. Iterative, so an
 * AST as deep as PostgreSQL accepts (hundreds of nested subqueries) cannot
 * overflow the JavaScript stack.
 */
class Walker {
  readonly refs: AstRef[] = [];
  readonly ctes = new Set<string>();

  constructor(private readonly toOffset: (byte: number) => number) {}

  walk(root: Json | undefined): void {
    const stack: Array<[Json | undefined, TableAction | null]> = [[root, null]];
    while (stack.length > 0) {
      // Read by index: destructuring an array runs the iterator protocol (an iterator and a result per element) until
      // V8 optimises this.
      const top = stack.pop()!;
      const node = top[0];
      const action = top[1];
      if (node === null || node === undefined || typeof node !== 'object') continue;
      if (Array.isArray(node)) {
        for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], action]);
        continue;
      }
      // Keys, indexed (Object.keys gives Object.entries' order): no [key, value] pair nor iterator result per field, for
      // every node of every statement's AST, mostly before V8 optimises this.
      const keys = Object.keys(node);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const body = node[key];
        if (isObj(body) && /^[A-Z]/.test(key)) this.visit(key, body, action, stack);
        else stack.push([body, action]);
      }
    }
  }

  private visit(type: string, body: Obj, inherited: TableAction | null, stack: Array<[Json | undefined, TableAction | null]>): void {
    if (type === 'RangeVar') {
      this.rangeVar(body, inherited);
      return;
    }
    if (type === 'CommonTableExpr' && typeof body.ctename === 'string') this.ctes.add(body.ctename);
    if (type === 'DropStmt') {
      this.drop(body);
      return;
    }
    let rule = FIELD_ACTIONS[type];
    if (type === 'AlterTableStmt') {
      rule = { self: null, fields: { relation: body.objtype === 'OBJECT_TABLE' ? 'alter' : null } };
    }
    if (type === 'RenameStmt') {
      // ALTER TABLE t RENAME TO u: renameType TABLE; … RENAME COLUMN: relationType TABLE.
      const table = body.renameType === 'OBJECT_TABLE' || body.relationType === 'OBJECT_TABLE';
      rule = { self: null, fields: { relation: table ? 'alter' : null } };
    }
    if (type === 'GrantStmt') {
      // GRANT … ON [TABLE] t: objects are RangeVars. ALL TABLES IN SCHEMA, sequences, functions… are not tables;
      // USAGE on a table-like object is only valid for sequences (`GRANT USAGE ON invoices_id_seq`).
      const onTables = body.targtype === 'ACL_TARGET_OBJECT' && body.objtype === 'OBJECT_TABLE' && !grantsUsage(body);
      rule = { self: null, fields: { objects: onTables ? 'grant' : null } };
    }
    if (type === 'CreateTableAsStmt') {
      rule = { self: 'select', fields: { into: body.objtype === 'OBJECT_MATVIEW' ? null : 'create' } };
    }
    const self = rule && 'self' in rule ? (rule.self ?? null) : inherited;
    const fields = Object.keys(body);
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i];
      const value = body[field];
      const fieldAction = rule?.fields && field in rule.fields ? (rule.fields[field] ?? null) : self;
      // A RangeVar stored directly in a field (`relation`, `pktable`) has no wrapper key.
      if (isObj(value) && 'relname' in value) this.rangeVar(value, fieldAction);
      else if ((field === 'into' || field === 'intoClause') && isObj(value) && isObj(value.rel)) this.rangeVar(value.rel, fieldAction);
      else stack.push([value, fieldAction]);
    }
  }

  private rangeVar(rv: Obj, action: TableAction | null): void {
    if (action === null || typeof rv.relname !== 'string') return;
    const ref: AstRef = { action, name: rv.relname };
    if (typeof rv.schemaname === 'string') ref.qualifier = rv.schemaname;
    if (typeof rv.location === 'number' && rv.location >= 0) ref.offset = this.toOffset(rv.location);
    this.refs.push(ref);
  }

  private drop(body: Obj): void {
    if (body.removeType !== 'OBJECT_TABLE' || !Array.isArray(body.objects)) return;
    for (const obj of body.objects) {
      const items = isObj(obj) && isObj(obj.List) && Array.isArray(obj.List.items) ? obj.List.items : [];
      const names = items.map((it) => (isObj(it) && isObj(it.String) && typeof it.String.sval === 'string' ? it.String.sval : ''));
      if (names.length === 0 || names.some((n) => !n)) continue;
      const ref: AstRef = { action: 'drop', name: names[names.length - 1] };
      if (names.length >= 2) ref.qualifier = names[names.length - 2];
      this.refs.push(ref);
    }
  }
}

function grantsUsage(grant: Obj): boolean {
  const privileges = Array.isArray(grant.privileges) ? grant.privileges : [];
  return privileges.some((p) => isObj(p) && isObj(p.AccessPriv) && p.AccessPriv.priv_name === 'usage');
}

function factsOf(stmt: Json, toOffset: (byte: number) => number): AstFacts {
  const w = new Walker(toOffset);
  w.walk(stmt);
  const refs = w.refs.filter((r) => r.qualifier !== undefined || !w.ctes.has(r.name));
  return { refs, ctes: w.ctes };
}

interface PgError {
  message?: string;
  sqlDetails?: { message?: string; cursorPosition?: number };
}

/** Parses one statement; `base` is its offset in the whole text. */
export function parsePgStatement(stmtText: string, base: number): PgResult {
  const nul = stmtText.indexOf('\u0000');
  if (nul >= 0) {
    // The C parser would stop at the NUL and accept a truncated statement.
    return { ok: false, message: 'NUL character in statement', offset: base + nul };
  }
  let tree: { stmts?: Array<{ stmt?: Json }> };
  try {
    tree = pg.parseSync(stmtText) as unknown as typeof tree;
  } catch (e) {
    const err = e as PgError;
    const message = err.sqlDetails?.message ?? err.message ?? String(e);
    const cp = err.sqlDetails?.cursorPosition;
    return { ok: false, message, ...(typeof cp === 'number' && cp >= 0 ? { offset: base + codePointToUtf16(stmtText, cp) } : {}) };
  }
  const toOffset = byteOffsetMapper(stmtText, base);
  const refs: AstRef[] = [];
  const ctes = new Set<string>();
  for (const s of tree.stmts ?? []) {
    const f = factsOf(s.stmt ?? null, toOffset);
    refs.push(...f.refs);
    for (const c of f.ctes) ctes.add(c);
  }
  return { ok: true, facts: { refs, ctes } };
}

/**
 * Fast path: parses the whole text in one call. `spans` are our statements
 * (skipped ones blanked out first). Returns facts aligned with `spans`, or null
 * when the parse fails or its statements do not line up one-to-one with ours.
 */
export function parsePgWhole(text: string, spans: Array<{ start: number; end: number; skipped: boolean }>): Array<AstFacts | null> | null {
  if (text.includes('\u0000')) return null;
  let source = text;
  if (spans.some((s) => s.skipped)) {
    const parts: string[] = [];
    let at = 0;
    for (const s of spans) {
      if (!s.skipped) continue;
      parts.push(text.slice(at, s.start), ' '.repeat(s.end - s.start));
      at = s.end;
    }
    parts.push(text.slice(at));
    source = parts.join('');
  }
  let tree: { stmts?: Array<{ stmt?: Json; stmt_location?: number; stmt_len?: number }> };
  try {
    tree = pg.parseSync(source) as unknown as typeof tree;
  } catch {
    return null;
  }
  const toOffset = byteOffsetMapper(source);
  const out: Array<AstFacts | null> = spans.map(() => null);
  const stmts = tree.stmts ?? [];
  let k = 0;
  for (const s of stmts) {
    const from = toOffset(s.stmt_location ?? 0);
    const to = s.stmt_len ? toOffset((s.stmt_location ?? 0) + s.stmt_len) : text.length;
    while (k < spans.length && (spans[k].skipped || spans[k].start < from)) {
      if (!spans[k].skipped) return null; // one of ours has no PostgreSQL statement
      k++;
    }
    if (k >= spans.length || spans[k].start >= to) return null;
    out[k] = factsOf(s.stmt ?? null, toOffset);
    k++;
    if (k < spans.length && !spans[k].skipped && spans[k].start < to) return null; // PostgreSQL saw one where we saw two
  }
  for (; k < spans.length; k++) if (!spans[k].skipped) return null;
  return out;
}
