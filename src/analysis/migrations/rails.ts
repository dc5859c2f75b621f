/**
 * A Rails service's tables, read from the tokens of its Active Record migrations (`db/migrate/*.rb`) and schema dump
 * (`db/schema.rb`), never run: `create_table :users` / `create_table "users"` (declares), `rename_table :a, :b`
 * (renames), `drop_table :users` (drops), `change_table`, `add_column`, `add_index` and the other changes of one
 * table (alter); foreign keys: `add_foreign_key :orders, :users`, and `t.references :user, foreign_key: true` /
 * `add_reference :orders, :user, foreign_key: true` (Rails' own pluralisation of the reference name gives the table,
 * `foreign_key: { to_table: :accounts }` names it). A `"schema.table"` string is qualified. The body of `def down`
 * (the reverting half) is left out; SQL in `execute` strings and heredocs is not read.
 */
import type { OrmTableRef, Span } from '../facts.js';
import {
  isName,
  isOp,
  literalArg,
  matchBrackets,
  namedArg,
  splitArgs,
  splitQualified,
  tableRefCollector,
  tokenize,
  type Tok,
} from './tokens.js';

const LIBRARY = 'activerecord';

/** Rails' `db/migrate/*.rb` (a second database's `db/<name>_migrate/`) and `db/schema.rb` (`db/<name>_schema.rb`). */
export function isRailsSchemaFile(path: string): boolean {
  const slash = path.lastIndexOf('/');
  const folder = path.slice(0, slash + 1);
  const base = path.slice(slash + 1);
  if (!base.endsWith('.rb')) return false;
  return /(?:^|\/)db\/[^/]*migrate\/$/.test(folder) || (base.endsWith('schema.rb') && /(?:^|\/)db\/$/.test(folder));
}

/** Calls whose first argument is the one table they change. */
const ALTERS = new Set([
  'change_table',
  'add_column',
  'remove_column',
  'remove_columns',
  'rename_column',
  'change_column',
  'change_column_null',
  'change_column_default',
  'add_index',
  'remove_index',
  'add_timestamps',
  'remove_timestamps',
  'add_check_constraint',
  'remove_check_constraint',
  'remove_reference',
  'remove_foreign_key',
]);

const CALLS = new Set(['create_table', 'drop_table', 'rename_table', 'add_foreign_key', 'add_reference', 'add_belongs_to', ...ALTERS]);

export function parseRailsSchema(text: string): OrmTableRef[] {
  const toks = tokenize(text, 'ruby');
  const match = matchBrackets(toks);
  const { refs, ref } = tableRefCollector(LIBRARY);
  const declaring = (table: OrmTableRef) =>
    table.qualifier !== undefined ? { name: table.name, qualifier: table.qualifier } : { name: table.name };
  // The create_table / change_table blocks open at each point: their block variable's references belong to their table.
  const blocks: Array<{ indent: number; variable: string; table: OrmTableRef }> = [];
  let skipAbove = -1; // the indentation of `def down` while its body is skipped
  let lineIndent = 0; // the indentation of the current line
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i];
    if (i === 0 || toks[i - 1].line !== tok.line) {
      lineIndent = indentOf(text, tok);
      const indent = lineIndent;
      if (skipAbove >= 0) {
        if (indent > skipAbove) continue;
        const closing = indent === skipAbove && isName(tok, 'end');
        skipAbove = -1;
        if (closing) continue;
      }
      while (blocks.length > 0 && indent <= blocks[blocks.length - 1].indent && isName(tok, 'end')) blocks.pop();
      // def down / def self.down: the reverting half, to its `end` at the same indentation.
      const down = isName(toks[i + 1], 'down')
        ? i + 1
        : isName(toks[i + 1], 'self') && isOp(toks[i + 2], '.') && isName(toks[i + 3], 'down')
          ? i + 3
          : -1;
      if (isName(tok, 'def') && down > 0 && toks[down + 1]?.line !== tok.line) {
        skipAbove = indent;
        continue;
      }
    } else if (skipAbove >= 0) continue;
    if (tok.t !== 'name') continue;
    const block = blocks[blocks.length - 1];
    // t.references :user, foreign_key: true / t.belongs_to inside create_table or change_table
    if (block && tok.v === block.variable && isOp(toks[i + 1], '.') && isName(toks[i + 2])) {
      const method = (toks[i + 2] as { v: string }).v;
      const inner = callAt(toks, match, i + 2);
      if (inner && (method === 'references' || method === 'belongs_to')) {
        const fk = referencedTable(toks, match, inner.args);
        const created = fk && ref('references', fk);
        if (created) created.declaringTable = declaring(block.table);
      }
      i = inner ? inner.end - 1 : i + 2;
      continue;
    }
    // Only the calls read here take their arguments: any other name's line is never scanned for them.
    if (!CALLS.has(tok.v) || isOp(toks[i - 1], '.') || isOp(toks[i - 1], '::')) continue;
    const call = callAt(toks, match, i);
    if (!call) continue;
    const { args } = call;
    const name = tok.v;
    if (name === 'create_table' || name === 'change_table') {
      const table = literalArg(toks, args[0]);
      const created = table && ref(name === 'create_table' ? 'create' : 'alter', table);
      const variable = blockVariable(toks, call.end);
      if (created && variable !== undefined) blocks.push({ indent: lineIndent, variable, table: created });
    } else if (name === 'drop_table') {
      const table = literalArg(toks, args[0]);
      if (table) ref('drop', table);
    } else if (name === 'rename_table') {
      const [from, to] = [literalArg(toks, args[0]), literalArg(toks, args[1])];
      const target = to && splitQualified(to.value);
      const renamed = from && target ? ref('alter', from) : undefined;
      if (renamed && target && to)
        renamed.renamedTo = {
          name: target.name,
          ...(target.qualifier !== undefined ? { qualifier: target.qualifier } : {}),
          fileSpan: to.span,
        };
    } else if (name === 'add_foreign_key') {
      const [from, to] = [literalArg(toks, args[0]), literalArg(toks, args[1])];
      const source = from && splitQualified(from.value);
      const fk = source && to ? ref('references', to) : undefined;
      if (fk && source) fk.declaringTable = source;
    } else if (name === 'add_reference' || name === 'add_belongs_to') {
      const from = literalArg(toks, args[0]);
      const source = from && splitQualified(from.value);
      const target = referencedTable(toks, match, args.slice(1));
      if (from) ref('alter', from);
      const fk = source && target ? ref('references', target) : undefined;
      if (fk && source) fk.declaringTable = source;
    } else if (ALTERS.has(name)) {
      const table = literalArg(toks, args[0]);
      if (table) ref('alter', table);
    } else continue;
    i = Math.max(i, call.end - 1);
  }
  return refs.sort((a, b) => a.fileSpan.start - b.fileSpan.start);
}

/** The spaces before a token that starts its line. */
function indentOf(text: string, tok: Tok): number {
  const start = tok.t === 'str' || tok.t === 'sym' ? tok.span.start : tok.start;
  let j = start - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return start - j - 1;
}

/**
 * The call whose name is at `i`: `name(args…)` or Ruby's paren-less `name args…` to the end of its line (or to a
 * `do` / `{` block). Its arguments and the index after them.
 */
function callAt(toks: readonly Tok[], match: Int32Array, i: number): { args: Array<[number, number]>; end: number } | undefined {
  const next = toks[i + 1];
  if (!next) return undefined;
  if (isOp(next, '(') && (next as { start: number }).start === (toks[i] as { end: number }).end) {
    const close = match[i + 1];
    return { args: splitArgs(toks, match, i + 2, close), end: Math.min(close + 1, toks.length) };
  }
  if (next.line !== toks[i].line || next.t === 'op') return undefined;
  let end = i + 1;
  // A `{` opens a hash argument unless `|` follows (a block's parameters).
  while (
    end < toks.length &&
    toks[end].line === toks[i].line &&
    !isName(toks[end], 'do') &&
    !(isOp(toks[end], '{') && isOp(toks[end + 1], '|'))
  ) {
    if (isOp(toks[end], '(') || isOp(toks[end], '[') || isOp(toks[end], '{')) end = match[end];
    end++;
  }
  return { args: splitArgs(toks, match, i + 1, Math.min(end, toks.length)), end };
}

/** The block variable of a `do |t|` (or `{ |t|`) right after a call. */
function blockVariable(toks: readonly Tok[], at: number): string | undefined {
  if (!(isName(toks[at], 'do') || isOp(toks[at], '{')) || !isOp(toks[at + 1], '|')) return undefined;
  const variable = toks[at + 2];
  return variable?.t === 'name' && isOp(toks[at + 3], '|') ? variable.v : undefined;
}

/**
 * The table a reference's foreign key points at: `foreign_key: { to_table: :accounts }`, else, with `foreign_key:
 * true`, the reference name pluralised as Rails does (`:user` → `users`). None without a foreign key (Rails adds no
 * constraint then) or with `polymorphic: true`.
 */
function referencedTable(
  toks: readonly Tok[],
  match: Int32Array,
  args: ReadonlyArray<[number, number]>,
): { value: string; span: Span } | undefined {
  const name = literalArg(toks, args[0]);
  const options = args.slice(1);
  const foreignKey = namedArg(toks, options, 'foreign_key');
  if (!name || !foreignKey) return undefined;
  const polymorphic = namedArg(toks, options, 'polymorphic');
  if (polymorphic && isName(toks[polymorphic[0]], 'true')) return undefined;
  const [a, b] = foreignKey;
  if (b === a + 1 && isName(toks[a], 'true')) {
    const plural = pluralize(name.value);
    return plural === undefined ? undefined : { value: plural, span: name.span };
  }
  if (isOp(toks[a], '{')) {
    const inner = splitArgs(toks, match, a + 1, match[a]);
    const toTable = namedArg(toks, inner, 'to_table');
    return toTable ? literalArg(toks, toTable) : undefined;
  }
  return undefined;
}

/** Rails' irregular and uncountable words (ActiveSupport's default inflections) that a table name may be. */
const IRREGULAR: Record<string, string> = {
  person: 'people',
  man: 'men',
  woman: 'women',
  child: 'children',
  sex: 'sexes',
  move: 'moves',
  zombie: 'zombies',
};
const UNCOUNTABLE = new Set(['equipment', 'information', 'rice', 'money', 'species', 'series', 'fish', 'sheep', 'jeans', 'police']);

/** `user` → `users`, `category` → `categories`, `address` → `addresses`, `person` → `people`; undefined when unsure. */
export function pluralize(word: string): string | undefined {
  if (!/^[a-z][a-z0-9_]*$/.test(word)) return undefined;
  const cut = word.lastIndexOf('_') + 1;
  const [head, last] = [word.slice(0, cut), word.slice(cut)];
  if (UNCOUNTABLE.has(last)) return word;
  if (IRREGULAR[last] !== undefined) return head + IRREGULAR[last];
  if (/(?:[^aeiou]y|qu[iy])$/.test(last)) return `${head}${last.slice(0, -1)}ies`;
  if (/(?:s|x|z|ch|sh)$/.test(last)) return `${word}es`;
  return `${word}s`;
}
