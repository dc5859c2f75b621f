/**
 * A Cloudflare Worker's wrangler config (`wrangler.toml`, `wrangler.json`, `wrangler.jsonc`): the D1 databases it
 * binds (`[[d1_databases]]`, `[[env.production.d1_databases]]`, `d1_databases = [{ … }]`, the JSON `d1_databases`
 * array, top-level or under `env.<name>`). D1 is SQLite: the Worker's SQL is SQLite's (read by tokens, as every
 * SQLite service's), and `wrangler d1 migrations apply` runs the `.sql` files of each database's `migrations_dir`
 * (`migrations` by default) in file-name order (`0001_users.sql`, `0002_sessions.sql`) and records them. Read as text,
 * never run; only the D1 entries are kept (`database_id` is no secret, and not kept either). A binding's `database_name` is
 * the Worker's database (connections.ts): two Workers binding one name share it.
 */
import type { D1DatabaseBinding, Span } from './facts.js';
import { jsonSpan, objectMembers, parseJsonObject, type JsonNode } from './json-tree.js';

const WRANGLER_CONFIG = /(?:^|\/)wrangler\.(?:toml|jsonc?)$/;

export function isWranglerConfig(path: string): boolean {
  return WRANGLER_CONFIG.test(path);
}

/** The D1 databases the config binds, in file order; empty when it binds none or is not readable. */
export function parseWranglerConfig(path: string, text: string): D1DatabaseBinding[] {
  return path.endsWith('.toml') ? tomlD1Databases(text) : jsonD1Databases(text);
}

const FIELDS: Record<string, keyof Omit<D1DatabaseBinding, 'span' | 'environment' | 'databaseNameSpan'>> = {
  binding: 'binding',
  database_name: 'databaseName',
  migrations_dir: 'migrationsDir',
};

function jsonD1Databases(text: string): D1DatabaseBinding[] {
  const root = parseJsonObject(text);
  if (!root) return [];
  const out: D1DatabaseBinding[] = [];
  const read = (object: JsonNode, environment: string | undefined) => {
    for (const { key, keyNode, value } of objectMembers(object)) {
      if (key !== 'd1_databases' || value.type !== 'array') continue;
      for (const item of value.children ?? []) {
        if (item.type !== 'object') continue;
        const entry: D1DatabaseBinding = { span: jsonSpan(keyNode), ...(environment ? { environment } : {}) };
        for (const field of objectMembers(item))
          if (Object.hasOwn(FIELDS, field.key) && typeof field.value.value === 'string') {
            entry[FIELDS[field.key]] = field.value.value;
            if (field.key === 'database_name') entry.databaseNameSpan = jsonSpan(field.value);
          }
        out.push(entry);
      }
    }
  };
  read(root, undefined);
  for (const { key, value } of objectMembers(root))
    if (key === 'env' && value.type === 'object')
      for (const env of objectMembers(value)) if (env.value.type === 'object') read(env.value, env.key);
  return out;
}

/** One logical TOML line: a table header, or `key = value` (a value may span lines inside brackets and braces). */
export interface TomlLine {
  header?: { path: string[]; array: boolean; span: Span };
  key?: { path: string[]; span: Span };
  /** The value's text, comments removed, and its start in the file. */
  value?: { text: string; start: number };
}

function tomlD1Databases(text: string): D1DatabaseBinding[] {
  const out: D1DatabaseBinding[] = [];
  let table: string[] = [];
  let current: D1DatabaseBinding | undefined;
  for (const line of tomlLines(text)) {
    if (line.header) {
      table = line.header.path;
      current = undefined;
      const environment = d1Environment(table);
      if (line.header.array && environment !== undefined) {
        const span = d1Word(text, line.header.span);
        current = { span, ...(environment ? { environment } : {}) };
        out.push(current);
      }
      continue;
    }
    if (!line.key || !line.value) continue;
    const fullPath = [...table, ...line.key.path];
    if (current && line.key.path.length === 1 && Object.hasOwn(FIELDS, line.key.path[0])) {
      const value = tomlString(line.value.text);
      if (value !== undefined) current[FIELDS[line.key.path[0]]] = value;
      if (value !== undefined && line.key.path[0] === 'database_name')
        current.databaseNameSpan = { start: line.value.start, end: line.value.start + line.value.text.length };
      continue;
    }
    const environment = d1Environment(fullPath);
    if (environment === undefined || !line.value.text.startsWith('[')) continue;
    const keySpan = d1Word(text, line.key.span);
    for (const pairs of inlineTables(line.value.text)) {
      const entry: D1DatabaseBinding = { span: keySpan, ...(environment ? { environment } : {}) };
      for (const [key, raw] of pairs) {
        const value = Object.hasOwn(FIELDS, key) ? tomlString(raw) : undefined;
        if (value !== undefined) entry[FIELDS[key]] = value;
      }
      out.push(entry);
    }
  }
  return out;
}

/** The word `d1_databases` of a header or key: where the binding is declared. */
function d1Word(text: string, span: Span): Span {
  const at = text.lastIndexOf('d1_databases', span.end - 1);
  return at >= span.start ? { start: at, end: at + 'd1_databases'.length } : span;
}

/** `''` for `d1_databases`, the environment's name for `env.<name>.d1_databases`, undefined for any other path. */
function d1Environment(keys: readonly string[]): string | undefined {
  if (keys.length === 1 && keys[0] === 'd1_databases') return '';
  if (keys.length === 3 && keys[0] === 'env' && keys[2] === 'd1_databases') return keys[1];
  return undefined;
}

/** The logical lines of a TOML text (see TomlLine); lines it cannot read are skipped. */
export function* tomlLines(text: string): Generator<TomlLine> {
  let i = 0;
  while (i < text.length) {
    const lineEnd = endOfLine(text, i);
    let start = i;
    while (start < lineEnd && (text[start] === ' ' || text[start] === '\t')) start++;
    if (text[start] === '[') {
      const array = text[start + 1] === '[';
      const open = start + (array ? 2 : 1);
      // Searched within the line only: a search to the end of the text from every line would be quadratic.
      const inLine = text.slice(open, lineEnd).indexOf(array ? ']]' : ']');
      const close = inLine < 0 ? -1 : open + inLine;
      if (close >= 0) {
        const keys = dottedKeys(text.slice(open, close));
        if (keys) {
          const raw = text.slice(open, close);
          const end = open + raw.trimEnd().length;
          yield { header: { path: keys, array, span: { start: open, end } } };
        }
      }
      i = nextLine(text, lineEnd);
      continue;
    }
    const eq = indexOutsideQuotes(text, start, lineEnd, '=');
    if (eq < 0 || text[start] === '#') {
      i = nextLine(text, lineEnd);
      continue;
    }
    const keyText = text.slice(start, eq);
    const keys = dottedKeys(keyText);
    // The value runs to the end of its line, or of the line that closes its brackets and braces.
    let valueStart = eq + 1;
    while (valueStart < lineEnd && (text[valueStart] === ' ' || text[valueStart] === '\t')) valueStart++;
    const { text: value, end } = tomlValue(text, valueStart);
    if (keys)
      yield { key: { path: keys, span: { start, end: start + keyText.trimEnd().length } }, value: { text: value, start: valueStart } };
    i = nextLine(text, endOfLine(text, end));
  }
}

function endOfLine(text: string, from: number): number {
  const br = text.indexOf('\n', from);
  return br < 0 ? text.length : br;
}

function nextLine(text: string, lineEnd: number): number {
  return lineEnd >= text.length ? text.length : lineEnd + 1;
}

/** `env.production.d1_databases`, `"env"."prod"` → the keys; undefined when the text is no dotted key. */
function dottedKeys(text: string): string[] | undefined {
  const keys: string[] = [];
  for (const part of text.split('.')) {
    const key = part.trim();
    const quoted = key.length >= 2 && (key[0] === '"' || key[0] === "'") && key[key.length - 1] === key[0];
    const bare = quoted ? key.slice(1, -1) : key;
    if (bare === '' || (!quoted && !/^[\w-]+$/.test(bare))) return undefined;
    keys.push(bare);
  }
  return keys;
}

/** The first `char` in text[from, to) outside quotes, or -1; a `#` outside quotes ends the search. */
function indexOutsideQuotes(text: string, from: number, to: number, char: string): number {
  let quote = '';
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return -1;
    else if (c === char) return i;
  }
  return -1;
}

/**
 * A value from `start`: to the end of its line, or across lines while brackets and braces are open; comments
 * and line breaks are replaced by spaces, so offsets inside the value keep no meaning (only strings are read).
 */
function tomlValue(text: string, start: number): { text: string; end: number } {
  let depth = 0;
  let quote = '';
  let out = '';
  let i = start;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      out += c;
      if (c === '\\' && quote === '"' && i + 1 < text.length) out += text[++i];
      else if (c === quote) quote = '';
      else if (c === '\n') quote = ''; // an unclosed string ends with its line
      continue;
    }
    if (c === '#') {
      const end = endOfLine(text, i);
      out += ' ';
      if (depth === 0) return { text: out.trim(), end };
      i = end;
      continue;
    }
    if (c === '\n') {
      if (depth === 0) break;
      out += ' ';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && depth > 0) depth--;
    out += c;
  }
  return { text: out.trim(), end: i };
}

/** A TOML string value's content: basic (`"…"`, simple escapes) or literal (`'…'`); undefined for any other value. */
export function tomlString(value: string): string | undefined {
  const v = value.trim();
  if (v.length < 2 || (v[0] !== '"' && v[0] !== "'") || v[v.length - 1] !== v[0]) return undefined;
  const body = v.slice(1, -1);
  return v[0] === "'" ? body : body.replace(/\\(["\\/])/g, '$1');
}

/** The `key = value` pairs of each inline table (`{ … }`) of an array value, values as written. */
function inlineTables(value: string): Array<Array<[string, string]>> {
  const tables: Array<Array<[string, string]>> = [];
  let quote = '';
  let depth = 0;
  let tableStart = -1;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '{') {
      if (depth === 0) tableStart = i + 1;
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0 && tableStart >= 0) tables.push(inlinePairs(value.slice(tableStart, i)));
    } else if (c === '[' && depth > 0) depth++;
    else if (c === ']' && depth > 1) depth--;
  }
  return tables;
}

/** `binding = "DB", database_name = "auth"` → its pairs (nested values are skipped whole). */
function inlinePairs(body: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  let quote = '';
  let depth = 0;
  let from = 0;
  const flush = (to: number) => {
    const part = body.slice(from, to);
    const eq = part.indexOf('=');
    if (eq > 0) {
      const keys = dottedKeys(part.slice(0, eq));
      if (keys && keys.length === 1) pairs.push([keys[0], part.slice(eq + 1).trim()]);
    }
    from = to + 1;
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && depth > 0) depth--;
    else if (c === ',' && depth === 0) flush(i);
  }
  flush(body.length);
  return pairs;
}
