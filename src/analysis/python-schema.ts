/**
 * The tables a Python service's schema code declares, read from its tokens (never run): Alembic migrations'
 * `op.create_table("users", …)`, `op.rename_table("a", "b")`, `op.drop_table("x")`, `op.create_foreign_key(name,
 * "source", "referent", …)` and, inside a `create_table`, `sa.ForeignKey("users.id")`; SQLAlchemy's declarative
 * `__tablename__ = "users"` (with the class's `ForeignKey("accounts.id")` columns) and Core's `Table("users",
 * metadata, …)` (not a reflected one, `autoload_with=engine`); SQLModel's `class Hero(SQLModel, table=True)` (`__tablename__`, else the class name lower-cased, library
 * `sqlmodel`, with its `Field(foreign_key="teams.id")` columns). Each is an `OrmTableRef` (library `alembic` or `sqlalchemy`) located at the name's text (without its
 * quotes), as a knex migration's `createTable('t')` is, so the model reads it as it reads a migration builder's.
 *
 * Alembic's changes of one table (`op.add_column("orders", …)`, `alter_column`, `drop_column`, `create_index("ix",
 * "orders", …)`, the constraints' calls, `with op.batch_alter_table("orders") as batch_op:`) alter it;
 * `sa.ForeignKeyConstraint(["user_id"], ["users.id"])` (autogenerate's form, inside `create_table` or a model's
 * `__table_args__`) and `batch_op.create_foreign_key(name, "users", …)` reference their target as `ForeignKey` does.
 * `op.execute("…")`, `op.execute(sa.text("…"))` and a triple-quoted literal there are SQL of the revision, located
 * in the string (an f-string, a literal with escapes or a computed string gives none).
 *
 * Only plain string literals name a table, and in an Alembic call a module-level string constant of the file
 * (`OLD_REFERRED_TABLE_NAME = 'ml2_network_segments'`, bound once: see moduleConstants), located where it is used (an
 * f-string or a variable names none); `schema="s"` qualifies it. The
 * body of `def downgrade(` (Alembic's reverting half) is left out, as a knex migration's `down` is. One pass over the
 * text, each character once; never throws.
 */
import type { EmbeddedSql, OrmTableRef, Span, TableCopies } from './facts.js';
import { matchBrackets } from './migrations/tokens.js';

/**
 * A token: a name, an operator, or a string literal whose `v` is its value when it can name a table (one line, no
 * escapes, no f-string) and whose `raw` is its text when it can hold SQL (triple-quoted too; no escapes, no f-string).
 */
export type Tok =
  | { t: 'name'; v: string; start: number; indent: number; lineStart: boolean }
  | { t: 'str'; v: string | undefined; raw?: string; span: Span; indent: number; lineStart: boolean }
  | { t: 'op'; v: string; start: number; indent: number; lineStart: boolean };

/** The calls and attributes this module reads; `table=True` is SQLModel's table class (`class Hero(SQLModel, table=True)`). */
export const PYTHON_TABLE_WORD =
  /\b(?:create_table|rename_table|drop_table|create_foreign_key|__tablename__|Table\s*\(|table\s*=\s*True\b|op\.(?:execute|add_column|drop_column|alter_column|create_index|drop_index|create_unique_constraint|create_check_constraint|create_primary_key|create_exclude_constraint|drop_constraint|batch_alter_table|create_table_comment|drop_table_comment)\b)/;

/**
 * A file worth reading: it names one of the calls or attributes this module reads, and is no test module. A test
 * module's models and tables (`tests/test_transaction.py`'s `__tablename__ = "atable"`, a `conftest.py` fixture's
 * `Table(…)`) are the tests' throw-away schema, no table of the service.
 */
export function mayDeclarePythonTables(path: string, text: string): boolean {
  return /\.py$/i.test(path) && !isPythonTestModule(path) && PYTHON_TABLE_WORD.test(text);
}

/**
 * A folder whose modules are named for what they hold, which pytest never collects from: Alembic's and Django's revision
 * folders (`versions/4f2e9a1b7c3d_add_result_test.py`: a revision's slug) and a models package (`models/test_result.py`:
 * the model of test results).
 */
const NAMED_FOR_CONTENT = /(?:^|\/)(?:versions|migrations|models?)\/[^/]+$/;

/**
 * pytest's and unittest's modules: in a `tests/` or `test/` package, `conftest.py`, and elsewhere `test_*.py` and
 * `*_test.py` — not in a revision folder or a models package, whose modules only happen to be named so.
 */
export function isPythonTestModule(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/(?:^|\/)tests?\//.test(path) || base === 'conftest.py') return true;
  return !NAMED_FOR_CONTENT.test(path) && (/^test_\w*\.py$/.test(base) || /_tests?\.py$/.test(base));
}

const IDENT_START = /[A-Za-z_]/;
const IDENT = /[\w]/;
const STRING_PREFIX = /^(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])$/;

/** Python's tokens, enough for this module: names, string literals (value unless an f-string or escaped), operators. */
export function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let depth = 0;
  let indent = 0;
  let atLineStart = true;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      i++;
      if (depth === 0) {
        atLineStart = true;
        indent = 0;
        while (i < n && (text[i] === ' ' || text[i] === '\t')) {
          indent++;
          i++;
        }
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    const lineStart = atLineStart;
    atLineStart = false;
    if (IDENT_START.test(c)) {
      const start = i;
      while (i < n && IDENT.test(text[i])) i++;
      const word = text.slice(start, i);
      if ((text[i] === '"' || text[i] === "'") && STRING_PREFIX.test(word)) {
        i = readString(text, i, word, indent, lineStart, out);
        continue;
      }
      out.push({ t: 'name', v: word, start, indent, lineStart });
      continue;
    }
    if (c === '"' || c === "'") {
      i = readString(text, i, '', indent, lineStart, out);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    out.push({ t: 'op', v: c, start: i, indent, lineStart });
    i++;
  }
  return out;
}

/**
 * A module's tokens and their matched brackets, or undefined when it cannot be read: what every reader of
 * Python schema code (this module, django-migrations.ts, django-models.ts) starts from.
 */
export function pythonTokens(text: string): { toks: Tok[]; match: Int32Array } | undefined {
  let toks: Tok[];
  try {
    toks = tokenize(text);
  } catch {
    return undefined;
  }
  return { toks, match: matchBrackets(toks) };
}

/** Reads the string literal whose opening quote is at `quote` (after its `prefix`); returns the index after it. */
function readString(text: string, quote: number, prefix: string, indent: number, lineStart: boolean, out: Tok[]): number {
  const q = text[quote];
  const triple = text[quote + 1] === q && text[quote + 2] === q;
  const open = quote + (triple ? 3 : 1);
  let j = open;
  let escaped = false;
  const n = text.length;
  while (j < n) {
    const c = text[j];
    if (c === '\\') {
      escaped = true;
      j += 2;
      continue;
    }
    if (!triple && c === '\n') break;
    if (c === q && (!triple || (text[j + 1] === q && text[j + 2] === q))) break;
    j++;
  }
  const close = Math.min(j, n);
  const end = Math.min(n, close + (triple ? 3 : 1));
  // An f-string, or a value with escapes, is no plain name: its span still holds the literal.
  const literal = !/[fF]/.test(prefix) && !escaped;
  const plain = literal && !triple;
  const tok: Tok = { t: 'str', v: plain ? text.slice(open, close) : undefined, span: { start: open, end: close }, indent, lineStart };
  if (literal && !/[bB]/.test(prefix)) tok.raw = text.slice(open, close);
  out.push(tok);
  return end;
}

/** `schema.table` / `table` (Python names hold no dots of their own). */
export function splitName(value: string): { name: string; qualifier?: string } | undefined {
  const parts = value.split('.');
  if (parts.some((p) => !/^\w+$/.test(p)) || parts.length > 2) return undefined;
  return parts.length === 2 ? { qualifier: parts[0], name: parts[1] } : { name: parts[0] };
}

/**
 * The arguments of the call whose `(` is at `open`: token ranges split on its own commas. Nested brackets are
 * jumped over, so every token is walked by the one call it is an argument of: the whole file's calls stay linear.
 */
export function callArgs(toks: Tok[], match: Int32Array, open: number): Array<[number, number]> {
  const args: Array<[number, number]> = [];
  const close = match[open];
  let from = open + 1;
  for (let j = open + 1; j < close; j++) {
    const tok = toks[j];
    if (tok.t !== 'op') continue;
    if (tok.v === '(' || tok.v === '[' || tok.v === '{') j = match[j];
    else if (tok.v === ',') {
      args.push([from, j]);
      from = j + 1;
    }
  }
  if (close > from) args.push([from, Math.min(close, toks.length)]);
  return args;
}

/** The string literal a one-token argument is. */
export function stringArg(toks: Tok[], arg: [number, number] | undefined): { value: string; span: Span } | undefined {
  if (!arg || arg[1] !== arg[0] + 1) return undefined;
  const tok = toks[arg[0]];
  return tok.t === 'str' && tok.v !== undefined ? { value: tok.v, span: tok.span } : undefined;
}

/** The string value of keyword argument `key=` among `args`. */
export function keywordArg(toks: Tok[], args: Array<[number, number]>, key: string): string | undefined {
  for (const [a, b] of args) {
    const k = toks[a];
    if (b === a + 3 && k.t === 'name' && k.v === key && toks[a + 1].t === 'op' && toks[a + 1].v === '=') {
      const value = toks[a + 2];
      if (value.t === 'str' && value.v !== undefined) return value.v;
    }
  }
  return undefined;
}

export const isName = (tok: Tok | undefined, v?: string): boolean => tok?.t === 'name' && (v === undefined || tok.v === v);
export const isOp = (tok: Tok | undefined, v: string): boolean => tok?.t === 'op' && tok.v === v;

/** A string literal's value with the span of its text. */
export type Literal = { value: string; span: Span };

/** Whether the argument is a keyword argument (`key=value`). */
export const isKeyword = (toks: Tok[], [a]: [number, number]) => toks[a].t === 'name' && isOp(toks[a + 1], '=');

/** The one-literal argument at `index` when it is positional. */
export function positional(toks: Tok[], args: Array<[number, number]>, index: number): Literal | undefined {
  const arg = args[index];
  return arg && !isKeyword(toks, arg) ? stringArg(toks, arg) : undefined;
}

/** The literal value of `key=` with its span. */
export function keywordLiteral(toks: Tok[], args: Array<[number, number]>, key: string): Literal | undefined {
  if (keywordArg(toks, args, key) === undefined) return undefined;
  const range = keywordRange(toks, args, key);
  return range ? stringArg(toks, range) : undefined;
}

/** The tokens of `key=`'s value. */
export function keywordRange(toks: Tok[], args: Array<[number, number]>, key: string): [number, number] | undefined {
  const arg = args.find(([a, b]) => b > a + 2 && isName(toks[a], key) && isOp(toks[a + 1], '='));
  return arg && [arg[0] + 2, arg[1]];
}

/**
 * The SQL a string literal holds, as embedded SQL of `callee` located in the literal: its text is the file's from the
 * opening quote on (an f-string or a literal with escapes has no `raw`, and gives none), so positions are exact.
 */
export function embeddedSqlAt(tok: Tok | undefined, callee: string): EmbeddedSql | undefined {
  if (tok?.t !== 'str' || tok.raw === undefined || tok.raw.trim() === '') return undefined;
  return {
    text: tok.raw,
    segments: [{ sql: { start: 0, end: tok.raw.length }, fileOffset: tok.span.start, mode: 'exact' }],
    callee,
    fileSpan: tok.span,
    via: 'callee',
  };
}

/**
 * Alembic's operations that change one table, with the position of its name among their arguments (`table_name=`
 * anywhere): `op.add_column("orders", sa.Column(…))`, `op.create_index("ix_orders_note", "orders", ["note"])`.
 */
const ALEMBIC_ALTERS: ReadonlyMap<string, number> = new Map([
  ['add_column', 0],
  ['drop_column', 0],
  ['alter_column', 0],
  ['create_table_comment', 0],
  ['drop_table_comment', 0],
  ['batch_alter_table', 0],
  ['create_index', 1],
  ['drop_index', 1],
  ['create_unique_constraint', 1],
  ['create_check_constraint', 1],
  ['create_primary_key', 1],
  ['create_exclude_constraint', 1],
  ['drop_constraint', 1],
]);

/** The table references of a Python module's schema code (see readPythonSchema). */
export function parsePythonSchema(text: string): OrmTableRef[] {
  return readPythonSchema(text).tables;
}

/**
 * The table references of a Python module's schema code, in source order, the SQL its `op.execute` calls run, and the
 * families of tables it creates as copies of the tables it loops over (see computedCopies).
 */
export function readPythonSchema(text: string): { tables: OrmTableRef[]; sql: EmbeddedSql[]; copies: TableCopies[] } {
  const tokens = pythonTokens(text);
  if (!tokens) return { tables: [], sql: [], copies: [] };
  const { toks, match } = tokens;
  const refs: OrmTableRef[] = [];
  const sql: EmbeddedSql[] = [];
  const copies: TableCopies[] = [];
  const ref = (library: string, action: OrmTableRef['action'], value: { value: string; span: Span }, qualifier?: string) => {
    const named = splitName(value.value);
    if (!named) return undefined;
    const out: OrmTableRef = { name: named.name, action, library, fileSpan: value.span };
    const q = named.qualifier ?? qualifier;
    if (q !== undefined) out.qualifier = q;
    refs.push(out);
    return out;
  };
  const declaringOf = (table: OrmTableRef) =>
    table.qualifier !== undefined ? { name: table.name, qualifier: table.qualifier } : { name: table.name };
  /**
   * The table a `ForeignKey("t.col")` at `j` points at, `s.t.col` qualified; for a `ForeignKeyConstraint(["user_id"],
   * ["users.id"])` (or `refcolumns=[…]`), the table of its first referenced column. Undefined for anything else.
   */
  const foreignKeyTarget = (j: number): Literal | undefined => {
    const args = callArgs(toks, match, j + 1);
    let target: Literal | undefined;
    if (isName(toks[j], 'ForeignKey')) target = stringArg(toks, args[0]);
    else {
      const columns = keywordRange(toks, args, 'refcolumns') ?? (args[1] && !isKeyword(toks, args[1]) ? args[1] : undefined);
      if (columns && isOp(toks[columns[0]], '[') && match[columns[0]] === columns[1] - 1)
        target = stringArg(toks, callArgs(toks, match, columns[0])[0]);
    }
    const cut = target ? target.value.lastIndexOf('.') : -1;
    if (!target || cut <= 0) return undefined;
    return { value: target.value.slice(0, cut), span: { start: target.span.start, end: target.span.start + cut } };
  };
  // `with op.batch_alter_table("orders") as batch_op:`: the alias's table, while the block's lines are read.
  const batches: Array<{ alias: string; indent: number; table: OrmTableRef }> = [];
  // The create_table / Table( calls open at each point (their closing index, their table), innermost last.
  const calls: Array<{ end: number; table: OrmTableRef; library: string }> = [];
  // Classes by indentation, with the ForeignKey columns read in their body: a class declares its table anywhere in it.
  // A SQLModel table class (`table=True`) without `__tablename__` declares its class name lower-cased (`sqlmodel`).
  const classes: Array<{
    indent: number;
    table?: OrmTableRef;
    keys: Array<{ value: string; span: Span }>;
    sqlModel?: { value: string; span: Span };
  }> = [];
  const closeClasses = (indent: number) => {
    while (classes.length > 0 && classes[classes.length - 1].indent >= indent) {
      const done = classes.pop()!;
      if (!done.table && done.sqlModel) done.table = ref('sqlmodel', 'create', done.sqlModel);
      if (!done.table) continue;
      for (const key of done.keys) {
        const fk = ref('sqlalchemy', 'references', key);
        if (fk) fk.declaringTable = declaringOf(done.table);
      }
    }
  };
  // A function's lists of table names (`names = ['a']`, `names.append('b')`) and the `for name in names:` loops open.
  const lists = new Map<string, Literal[]>();
  const loops: Array<{ variable: string; indent: number; names: Literal[] }> = [];
  // Every `for <name> in …:` open, and whether it goes over table names (its variable or what it iterates names a table).
  const forLoops: Array<{ variable: string; indent: number; overTables: boolean }> = [];
  /** `'shadow_' + table_name`, `table_name + '_history'`, `f'shadow_{table_name}'` over a loop of table names: a family of copies. */
  const copiesAt = (arg: [number, number] | undefined): TableCopies | undefined => {
    const named = arg && computedCopyName(toks, text, arg);
    if (!named || !forLoops.some((loop) => loop.variable === named.variable && loop.overTables)) return undefined;
    return { prefix: named.prefix, suffix: named.suffix, fileSpan: named.span };
  };
  const constants = moduleConstants(toks);
  /**
   * The table a one-token argument names: a string literal, or a module-level string constant of the revision
   * (`op.rename_table(OLD_REFERRED_TABLE_NAME, NEW_REFERRED_TABLE_NAME)` with `OLD_REFERRED_TABLE_NAME =
   * 'ml2_network_segments'` at the top: Neutron's), located at the name where it is used, as a resolved TypeScript
   * constant is.
   */
  const literalArg = (arg: [number, number] | undefined): Literal | undefined => {
    const literal = stringArg(toks, arg);
    if (literal || !arg || arg[1] !== arg[0] + 1) return literal;
    const tok = toks[arg[0]];
    const value = tok.t === 'name' ? constants.get(tok.v) : undefined;
    return value !== undefined && tok.t === 'name' ? { value, span: { start: tok.start, end: tok.start + tok.v.length } } : undefined;
  };
  /** The tables an argument names: a string literal or constant, or the loop variable of a loop over literal names. */
  const namesOf = (arg: [number, number] | undefined): Literal[] => {
    const tok = arg && arg[1] === arg[0] + 1 ? toks[arg[0]] : undefined;
    if (tok?.t === 'name') for (let l = loops.length - 1; l >= 0; l--) if (loops[l].variable === tok.v) return loops[l].names;
    const literal = literalArg(arg);
    return literal ? [literal] : [];
  };
  let skipBelow = -1; // the indentation of `def downgrade(` while its body is read
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i];
    if (tok.lineStart) {
      if (skipBelow >= 0 && tok.indent > skipBelow) continue;
      skipBelow = -1;
      closeClasses(tok.indent);
      while (batches.length > 0 && batches[batches.length - 1].indent >= tok.indent) batches.pop();
      while (loops.length > 0 && loops[loops.length - 1].indent >= tok.indent) loops.pop();
      while (forLoops.length > 0 && forLoops[forLoops.length - 1].indent >= tok.indent) forLoops.pop();
      const loop = forLoopAt(toks, i);
      if (loop) forLoops.push(loop);
      if (isName(tok, 'def')) lists.clear();
      if (isName(tok, 'def') && isName(toks[i + 1], 'downgrade') && isOp(toks[i + 2], '(')) {
        skipBelow = tok.indent;
        continue;
      }
      if (isName(tok, 'class')) classes.push({ indent: tok.indent, keys: [], ...sqlModelClass(toks, match, i) });
      nameLists(toks, match, i, lists, loops);
    } else if (skipBelow >= 0) continue;
    while (calls.length > 0 && calls[calls.length - 1].end < i) calls.pop();
    if (tok.t !== 'name') continue;
    if ((tok.v === 'ForeignKey' || tok.v === 'ForeignKeyConstraint') && isOp(toks[i + 1], '(')) {
      const target = foreignKeyTarget(i);
      const call = calls[calls.length - 1];
      if (!target) continue;
      if (call) {
        const fk = ref(call.library, 'references', target);
        if (fk) fk.declaringTable = declaringOf(call.table);
      } else if (classes.length > 0) classes[classes.length - 1].keys.push(target);
      continue;
    }
    // op.create_table / op.rename_table / op.drop_table / op.create_foreign_key
    if (tok.v === 'op' && isOp(toks[i + 1], '.') && isOp(toks[i + 3], '(') && toks[i + 2].t === 'name') {
      const call = (toks[i + 2] as { v: string }).v;
      const args = callArgs(toks, match, i + 3);
      const schema = keywordArg(toks, args, 'schema');
      if (call === 'create_table') {
        const nameArg = args[0] && !isKeyword(toks, args[0]) ? args[0] : keywordRange(toks, args, 'table_name');
        const name = literalArg(nameArg);
        const created = name && ref('alembic', 'create', name, schema);
        if (created) calls.push({ end: match[i + 3], table: created, library: 'alembic' });
        const copy = name ? undefined : copiesAt(nameArg);
        if (copy) copies.push(copy);
      } else if (call === 'drop_table') {
        const arg = keywordRange(toks, args, 'table_name') ?? (args[0] && !isKeyword(toks, args[0]) ? args[0] : undefined);
        for (const name of namesOf(arg)) ref('alembic', 'drop', name, schema);
      } else if (call === 'rename_table') {
        const [from, to] = [
          literalArg(keywordRange(toks, args, 'old_table_name') ?? (args[0] && !isKeyword(toks, args[0]) ? args[0] : undefined)),
          literalArg(keywordRange(toks, args, 'new_table_name') ?? (args[1] && !isKeyword(toks, args[1]) ? args[1] : undefined)),
        ];
        const target = to && splitName(to.value);
        const renamed = from && target ? ref('alembic', 'alter', from, schema) : undefined;
        if (renamed && target && to) {
          const qualifier = target.qualifier ?? schema;
          renamed.renamedTo = { name: target.name, ...(qualifier !== undefined ? { qualifier } : {}), fileSpan: to.span };
        }
      } else if (call === 'create_foreign_key') {
        // `op.create_foreign_key(name, "source", "referent", …)`, or by keyword (`source_table=`, `referent_table=`).
        const [source, referent] = [
          literalArg(keywordRange(toks, args, 'source_table') ?? (args[1] && !isKeyword(toks, args[1]) ? args[1] : undefined)),
          literalArg(keywordRange(toks, args, 'referent_table') ?? (args[2] && !isKeyword(toks, args[2]) ? args[2] : undefined)),
        ];
        const sourceName = source && splitName(source.value);
        const sourceSchema = keywordArg(toks, args, 'source_schema');
        const fk = sourceName && referent ? ref('alembic', 'references', referent, keywordArg(toks, args, 'referent_schema')) : undefined;
        if (fk && sourceName)
          fk.declaringTable = sourceSchema !== undefined ? { name: sourceName.name, qualifier: sourceSchema } : sourceName;
      } else if (call === 'execute') {
        const site = executedSql(
          toks,
          match,
          keywordRange(toks, args, 'sqltext') ?? (args[0] && !isKeyword(toks, args[0]) ? args[0] : undefined),
        );
        if (site) sql.push(site);
        i = match[i + 3];
      } else if (ALEMBIC_ALTERS.has(call)) {
        const position = ALEMBIC_ALTERS.get(call)!;
        const arg =
          keywordRange(toks, args, 'table_name') ?? (args[position] && !isKeyword(toks, args[position]) ? args[position] : undefined);
        const names = namesOf(arg);
        const altered = names.map((name) => ref('alembic', 'alter', name, schema))[0];
        const as = match[i + 3] + 1;
        if (altered && call === 'batch_alter_table' && isName(toks[as], 'as') && toks[as + 1]?.t === 'name' && isOp(toks[as + 2], ':'))
          batches.push({ alias: (toks[as + 1] as { v: string }).v, indent: tok.indent, table: altered });
      }
      continue;
    }
    // batch_op.create_foreign_key("fk_orders_user", "users", ["user_id"], ["id"]) in a batch_alter_table block
    const batch = batches.length > 0 && isOp(toks[i + 1], '.') ? batches.find((b) => b.alias === tok.v) : undefined;
    if (batch && isName(toks[i + 2], 'create_foreign_key') && isOp(toks[i + 3], '(')) {
      const args = callArgs(toks, match, i + 3);
      const referent = keywordLiteral(toks, args, 'referent_table') ?? positional(toks, args, 1);
      const fk = referent ? ref('alembic', 'references', referent, keywordArg(toks, args, 'referent_schema')) : undefined;
      if (fk) fk.declaringTable = declaringOf(batch.table);
      continue;
    }
    // SQLModel's `Field(foreign_key="teams.id")` in a class body: the class's foreign key, as a ForeignKey column is.
    if (tok.v === 'foreign_key' && isOp(toks[i + 1], '=') && classes.length > 0 && calls.length === 0) {
      const value = toks[i + 2];
      const cut = value?.t === 'str' && value.v !== undefined ? value.v.lastIndexOf('.') : -1;
      if (value?.t === 'str' && cut > 0)
        classes[classes.length - 1].keys.push({
          value: value.v!.slice(0, cut),
          span: { start: value.span.start, end: value.span.start + cut },
        });
      continue;
    }
    // class User(Base): __tablename__ = "users"
    if (tok.v === '__tablename__' && tok.lineStart && isOp(toks[i + 1], '=')) {
      const value = toks[i + 2];
      const owner = classes[classes.length - 1];
      if (value?.t === 'str' && value.v !== undefined && owner && !owner.table)
        owner.table = ref('sqlalchemy', 'create', { value: value.v, span: value.span });
      continue;
    }
    // users = Table("users", metadata, Column(…), schema="s"); sa.Table(…); Flask-SQLAlchemy's db.Table("tags", db.Column(…));
    // a project's thin wrapper of sa.Table on another module (buildbot's sautils.Table("builders", metadata, sa.Column(…)))
    const attribute = isOp(toks[i - 1], '.');
    if (tok.v === 'Table' && isOp(toks[i + 1], '(')) {
      const known = !attribute || ['sa', 'sqlalchemy', 'db'].some((m) => isName(toks[i - 2], m));
      const args = callArgs(toks, match, i + 1);
      const name = stringArg(toks, args[0]);
      if (!args[1] || !tableSecondArg(toks, args[1]) || reflects(toks, args)) continue;
      if (!known && !wrapsSqlAlchemyTable(toks, args)) continue;
      if (!name) {
        const copy = copiesAt(args[0]);
        if (copy) copies.push(copy);
        continue;
      }
      const created = ref('sqlalchemy', 'create', name, keywordArg(toks, args, 'schema'));
      if (created) calls.push({ end: match[i + 1], table: created, library: 'sqlalchemy' });
    }
  }
  closeClasses(-1);
  // A class's foreign keys are read when it ends: every reference in source order, as the replay takes them.
  return { tables: refs.sort((a, b) => a.fileSpan.start - b.fileSpan.start), sql, copies };
}

/** A loop's variable or what it iterates names tables: `for table_name in table_names:`, `for t in meta.sorted_tables:`. */
const TABLE_WORD = /table/i;

/** `for <name> in <…>:` at the line start `at`: its variable, and whether it goes over table names (TABLE_WORD). */
function forLoopAt(toks: Tok[], at: number): { variable: string; indent: number; overTables: boolean } | undefined {
  const tok = toks[at];
  const variable = toks[at + 1];
  if (!isName(tok, 'for') || variable?.t !== 'name' || !isName(toks[at + 2], 'in')) return undefined;
  let overTables = TABLE_WORD.test(variable.v);
  for (let j = at + 3; j < toks.length && !toks[j].lineStart && !overTables; j++) {
    const part = toks[j];
    if (part.t === 'name' && TABLE_WORD.test(part.v)) overTables = true;
  }
  return { variable: variable.v, indent: tok.indent, overTables };
}

/** A prefix or suffix of a copy's name: a word, as `shadow_`, `_history`, `_archive` are. */
const COPY_AFFIX = /^\w+$/;
/** An f-string naming a copy: `shadow_{table_name}`, `{name}_history`. */
const FSTRING_COPY = /^(\w*)\{([A-Za-z_]\w*)\}(\w*)$/;

/**
 * A created table's name computed from one variable and literal words around it (`'shadow_' + table_name`,
 * `name + '_history'`, `'a_' + name + '_log'`, `f'shadow_{table_name}'`), with the span of the expression; undefined
 * for any other expression (a call, two variables, a `%` or `.format(…)`).
 */
function computedCopyName(
  toks: Tok[],
  text: string,
  [a, b]: [number, number],
): { prefix: string; suffix: string; variable: string; span: Span } | undefined {
  const first = toks[a];
  const last = toks[b - 1];
  // A string's span is its content: the expression starts at its prefix letters (`f'…'`) and ends after its quote.
  let start = first.t === 'str' ? first.span.start - 1 : first.start;
  if (first.t === 'str') while (start > 0 && /[A-Za-z]/.test(text[start - 1])) start--;
  const end = last.t === 'str' ? last.span.end + 1 : last.start + last.v.length;
  const word = (tok: Tok) => (tok.t === 'str' && tok.v !== undefined && COPY_AFFIX.test(tok.v) ? tok.v : undefined);
  let parts: { prefix: string; suffix: string; variable: string } | undefined;
  if (b === a + 1 && first.t === 'str' && first.v === undefined) {
    const fstring = FSTRING_COPY.exec(text.slice(first.span.start, first.span.end));
    if (fstring && /f/i.test(text.slice(start, first.span.start - 1)))
      parts = { prefix: fstring[1], variable: fstring[2], suffix: fstring[3] };
  } else if (b === a + 3 && isOp(toks[a + 1], '+')) {
    if (word(first) && toks[a + 2].t === 'name') parts = { prefix: word(first)!, variable: (toks[a + 2] as { v: string }).v, suffix: '' };
    else if (first.t === 'name' && word(last)) parts = { prefix: '', variable: first.v, suffix: word(last)! };
  } else if (b === a + 5 && isOp(toks[a + 1], '+') && isOp(toks[a + 3], '+') && word(first) && toks[a + 2].t === 'name' && word(last))
    parts = { prefix: word(first)!, variable: (toks[a + 2] as { v: string }).v, suffix: word(last)! };
  if (!parts || parts.prefix + parts.suffix === '') return undefined;
  return { ...parts, span: { start, end } };
}

/**
 * The module's string constants: `NAME = 'value'` alone on a line at the top level (`TABLE_NAME = 'ml2_port_binding_levels'`),
 * bound once in the whole module: a name assigned again anywhere, to anything else, augmented (`NAME += …`), or bound by
 * a `for NAME in`, `as NAME` or `def NAME`, is a variable, no constant.
 */
function moduleConstants(toks: Tok[]): Map<string, string> {
  const constants = new Map<string, string>();
  const bound = new Set<string>();
  const rebind = (name: string) => {
    constants.delete(name);
    bound.add(name);
  };
  let forTargets = false; // between a `for` and its `in`
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i];
    if (tok.t !== 'name') continue;
    if (tok.v === 'for') forTargets = true;
    else if (tok.v === 'in') forTargets = false;
    else if (forTargets) rebind(tok.v);
    if ((tok.v === 'as' || tok.v === 'def' || tok.v === 'class') && toks[i + 1]?.t === 'name') rebind((toks[i + 1] as { v: string }).v);
    const next = toks[i + 1];
    if (next?.t === 'op' && next.v !== '=' && isOp(toks[i + 2], '=') && !isOp(toks[i + 3], '=') && /^[-+*/%&|^@<>]$/.test(next.v))
      rebind(tok.v);
    if (!tok.lineStart || !isOp(next, '=') || isOp(toks[i + 2], '=')) continue;
    const value = toks[i + 2];
    const alone = value?.t === 'str' && value.v !== undefined && (i + 3 >= toks.length || toks[i + 3].lineStart);
    if (bound.has(tok.v) || !alone || tok.indent !== 0) rebind(tok.v);
    else {
      constants.set(tok.v, value.v!);
      bound.add(tok.v);
    }
  }
  return constants;
}

/** A longer list is data, not a migration's tables: its loops name none (and each loop's calls stay few). */
const MAX_LOOP_NAMES = 64;

/**
 * At the line start `at`: `names = ['a', 'b']` (or a tuple, or `[]`) and `names.append('c')` keep a function's list of
 * table names; `for name in names:` (or over a literal list) opens a loop whose variable names each of them, as
 * Glance's `for table_name in table_names: op.drop_table(table_name=table_name)` does. Anything else in a list (a
 * variable, an f-string) makes it no list of names.
 */
function nameLists(
  toks: Tok[],
  match: Int32Array,
  at: number,
  lists: Map<string, Literal[]>,
  loops: Array<{ variable: string; indent: number; names: Literal[] }>,
): void {
  const tok = toks[at];
  if (tok.t !== 'name') return;
  const literals = (open: number): Literal[] | undefined => {
    if (!isOp(toks[open], '[') && !isOp(toks[open], '(')) return undefined;
    const args = callArgs(toks, match, open);
    if (args.length > MAX_LOOP_NAMES) return undefined;
    const items = args.map((arg) => stringArg(toks, arg));
    return items.every((item) => item !== undefined) ? items : undefined;
  };
  if (isOp(toks[at + 1], '=') && !isOp(toks[at + 2], '=')) {
    const items = literals(at + 2);
    if (items && match[at + 2] + 1 < toks.length && !toks[match[at + 2] + 1].lineStart) lists.delete(tok.v);
    else if (items) lists.set(tok.v, items);
    else lists.delete(tok.v);
  } else if (isOp(toks[at + 1], '.') && isName(toks[at + 2], 'append') && isOp(toks[at + 3], '(')) {
    const args = callArgs(toks, match, at + 3);
    const item = args.length === 1 ? stringArg(toks, args[0]) : undefined;
    const list = lists.get(tok.v);
    if (list && item && list.length < MAX_LOOP_NAMES) list.push(item);
    else lists.delete(tok.v);
  } else if (tok.v === 'for' && toks[at + 1]?.t === 'name' && isName(toks[at + 2], 'in')) {
    const source = toks[at + 3];
    const names = source?.t === 'name' && isOp(toks[at + 4], ':') ? lists.get(source.v) : literals(at + 3);
    if (names && names.length > 0) loops.push({ variable: (toks[at + 1] as { v: string }).v, indent: tok.indent, names: [...names] });
  }
}

/**
 * The SQL of `op.execute(<arg>)`: a string literal, or `text("…")` / `sa.text("…")` (with `.bindparams(…)` after it).
 * A computed string (`"…" % x`, `.format(…)`, concatenation) or a construct (`table.update()`) gives none.
 */
function executedSql(toks: Tok[], match: Int32Array, arg: [number, number] | undefined): EmbeddedSql | undefined {
  if (!arg) return undefined;
  const [a, b] = arg;
  if (b === a + 1) return embeddedSqlAt(toks[a], 'op.execute');
  const call = isName(toks[a], 'text') ? a : isName(toks[a], 'sa') || isName(toks[a], 'sqlalchemy') ? a + 2 : -1;
  if (call < 0 || (call > a && !isOp(toks[a + 1], '.')) || !isName(toks[call], 'text') || !isOp(toks[call + 1], '(')) return undefined;
  const close = match[call + 1];
  if (close + 1 !== b && !isOp(toks[close + 1], '.')) return undefined;
  const inner = callArgs(toks, match, call + 1);
  return inner.length === 1 && inner[0][1] === inner[0][0] + 1 ? embeddedSqlAt(toks[inner[0][0]], 'op.execute') : undefined;
}

/**
 * `class Hero(SQLModel, table=True):` at `at`: SQLModel's table class, whose table is the class name lower-cased
 * unless its body sets `__tablename__` (SQLModel's default `__tablename__` is `cls.__name__.lower()`).
 */
function sqlModelClass(toks: Tok[], match: Int32Array, at: number): { sqlModel?: { value: string; span: Span } } {
  const name = toks[at + 1];
  if (name?.t !== 'name' || !isOp(toks[at + 2], '(')) return {};
  const args = callArgs(toks, match, at + 2);
  const table = args.some(([a, b]) => b === a + 3 && isName(toks[a], 'table') && isOp(toks[a + 1], '=') && isName(toks[a + 2], 'True'));
  if (!table) return {};
  return { sqlModel: { value: name.v.toLowerCase(), span: { start: name.start, end: name.start + name.v.length } } };
}

/**
 * `Table("alembic_version", meta, autoload=True)`, `Table("users", metadata, autoload_with=engine)`: reflection, which
 * reads the columns of a table the database already has; it declares none.
 */
function reflects(toks: Tok[], args: Array<[number, number]>): boolean {
  return args.some(
    ([a, b]) =>
      b > a + 2 &&
      isOp(toks[a + 1], '=') &&
      (isName(toks[a], 'autoload_with') || (isName(toks[a], 'autoload') && !(b === a + 3 && isName(toks[a + 2], 'False')))),
  );
}

/**
 * A `Table(…)` on a module other than SQLAlchemy's (a project's wrapper, buildbot's `sautils.Table`, which adds dialect
 * options and returns `sa.Table(*args, **kwargs)`) is SQLAlchemy's when called as it is: a MetaData second (not a column,
 * as Flask-SQLAlchemy's form) and a `Column(…)` / `sa.Column(…)` after it (HELDOUT15 #3).
 */
function wrapsSqlAlchemyTable(toks: Tok[], args: Array<[number, number]>): boolean {
  if (!/(?:^|\.)(?:metadata\w*|meta|md)$/i.test(argText(toks, args[1]))) return false;
  return args.slice(2).some(([a]) => {
    const call = isName(toks[a], 'Column') ? a : isOp(toks[a + 1], '.') && isName(toks[a + 2], 'Column') ? a + 2 : -1;
    return call >= 0 && isOp(toks[call + 1], '(');
  });
}

/** `Table("x", <this>, …)`: a MetaData (`metadata`, `Base.metadata`, `meta`, `md`) or, in Flask-SQLAlchemy, the first column. */
function tableSecondArg(toks: Tok[], arg: [number, number]): boolean {
  const dotted = argText(toks, arg);
  if (/(?:^|\.)(?:metadata\w*|meta|md)$/i.test(dotted)) return true;
  const [a] = arg;
  return isName(toks[a], 'Column') || (isOp(toks[a + 1], '.') && isName(toks[a + 2], 'Column'));
}

/** The names of a dotted argument (`Base.metadata`), joined; empty for anything else. */
function argText(toks: Tok[], [a, b]: [number, number]): string {
  let out = '';
  for (let j = a; j < b; j++) {
    const tok = toks[j];
    if (tok.t === 'name') out += tok.v;
    else if (tok.t === 'op' && tok.v === '.') out += '.';
    else return '';
  }
  return out;
}
