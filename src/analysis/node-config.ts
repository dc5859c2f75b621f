/**
 * node-config's files (the `config` package: `config/default.json`, `config/production.yml`, …,
 * read by `config.get('db')`): the classic Node way to keep a service's connection settings. Each
 * file is one deployment environment's settings (`default` the base every environment extends,
 * `<NODE_ENV>`, `local-<NODE_ENV>`); what they tell without running anything:
 *
 * - every object holding connection options (`"db": { "host": …, "database": "shop" }`, knex's
 *   `{ "client": "mysql2", "connection": { … } }`) is a connection: its `database` on its `host` in its
 *   `schema`, or its `url` / `uri` / `connectionString`, the engine its (or an enclosing object's)
 *   `dialect` / `client` / `type` names;
 * - a literal `password` of a JSON file is a committed credential (described, never kept). In YAML,
 *   secret-named settings of `config/*.yml` are read already (yaml-settings.ts): not kept twice.
 *
 * Not read: `custom-environment-variables.*`, whose values are the names of the variables that
 * fill the settings (references, never values), `config/config.json` (the Sequelize CLI's), and the
 * `test` environment's files (the test suite's throwaway database). A file that does not parse
 * yields nothing. Never throws.
 */
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Node, Scalar } from 'yaml';
import { isMap, isPair, isScalar, parseAllDocuments } from './yaml-module.js';
import type { EnvFileEntry, OrmConfigFacts, Span } from './facts.js';

/** A file directly in a `config/` folder, JSON or YAML, that node-config loads as an environment's settings. */
export function isNodeConfigFile(path: string): boolean {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1).toLowerCase();
  if (!/(?:^|\/)config$/i.test(path.slice(0, Math.max(slash, 0)))) return false;
  const match = /^([\w.-]+?)\.(?:json|ya?ml)$/.exec(base);
  return !!match && match[1] !== 'config' && !match[1].startsWith('custom-environment-variables') && !/^[jt]sconfig\b/.test(match[1]);
}

/** `test`, `testing`, `local-test`, `test-ci`: the test suite's environment. */
const TEST_ENVIRONMENT = /^(?:local-)?test(?:ing)?(?:[-.][\w.-]+)?$/;

/** Options that say where a connection goes, and its password. */
const KEPT_KEYS = new Set(['database', 'host', 'url', 'uri', 'connectionString', 'schema', 'password']);
/** Options only connection settings hold beside a database or URL. */
const SIBLING_KEYS = new Set(['host', 'hostname', 'port', 'user', 'username', 'password', 'dialect', 'client', 'type', 'socketPath']);
const URL_KEYS = new Set(['url', 'uri', 'connectionString']);
const ENGINE_KEYS = new Set(['dialect', 'client', 'type']);
/** Nesting deeper than this is no configuration (and a hostile file must not recurse without end). */
const MAX_DEPTH = 16;

interface Setting {
  key: string;
  value: string;
  keySpan: Span;
  valueSpan: Span;
}
/** One object of the file, as a list of its string settings and its named child objects. */
interface ConfigObject {
  settings: Setting[];
  children: Array<{ key: string; object: ConfigObject }>;
}

/**
 * `library` `json-module`: any other JSON file of settings (`src/config/database.json`), read the same way; it counts
 * as the service's connection settings only where its code requires or imports it (service-databases.ts). Its
 * `password` is not kept: the credential rule's wording and advice are node-config's, not this file's.
 */
export function parseNodeConfig(
  path: string,
  text: string,
  library: 'node-config' | 'json-module' = 'node-config',
): OrmConfigFacts | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (TEST_ENVIRONMENT.test(base.replace(/\.(?:json|ya?ml)$/, ''))) return undefined;
  const json = /\.json$/i.test(path);
  const root = json ? jsonObject(text) : yamlObject(text);
  if (!root) return undefined;
  const connections: NonNullable<OrmConfigFacts['connections']> = [];
  const visit = (object: ConfigObject, path: string[], engine: string | undefined, depth: number) => {
    const own = object.settings.find((s) => ENGINE_KEYS.has(s.key))?.value ?? engine;
    const keys = new Set(object.settings.map((s) => s.key));
    // A `database` beside host / user / password / engine options, or a URL: a `database` alone is any app's word.
    const isConnection = [...keys].some((k) => URL_KEYS.has(k)) || (keys.has('database') && [...keys].some((k) => SIBLING_KEYS.has(k)));
    if (isConnection) {
      // A YAML file's password is a yaml-settings finding already.
      const entries: EnvFileEntry[] = object.settings.filter(
        (s) => KEPT_KEYS.has(s.key) && (json || s.key !== 'password') && (library === 'node-config' || s.key !== 'password'),
      );
      if (entries.length > 0)
        connections.push({ ...(path.length > 0 ? { name: path.join('.') } : {}), ...(own ? { type: own } : {}), entries });
    }
    if (depth < MAX_DEPTH) for (const child of object.children) visit(child.object, [...path, child.key], own, depth + 1);
  };
  visit(root, [], undefined, 0);
  if (connections.length === 0) return undefined;
  return { library, entityGlobs: [], engines: [], connections };
}

function jsonObject(text: string): ConfigObject | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root || errors.length > 0 || root.type !== 'object') return undefined;
  const convert = (node: JsonNode, depth: number): ConfigObject => {
    const out: ConfigObject = { settings: [], children: [] };
    for (const property of node.children ?? []) {
      const [name, value] = property.children ?? [];
      if (!name || !value || typeof name.value !== 'string') continue;
      if (value.type === 'string')
        out.settings.push({ key: name.value, value: value.value as string, keySpan: jsonSpan(name), valueSpan: jsonSpan(value) });
      else if (value.type === 'number')
        out.settings.push({ key: name.value, value: String(value.value), keySpan: jsonSpan(name), valueSpan: jsonSpan(value) });
      else if (value.type === 'object' && depth < MAX_DEPTH) out.children.push({ key: name.value, object: convert(value, depth + 1) });
    }
    return out;
  };
  return convert(root, 0);
}

/** A JSON string's span, quotes included (as code string literals are reported). */
function jsonSpan(node: JsonNode): Span {
  return { start: node.offset, end: node.offset + node.length };
}

function yamlObject(text: string): ConfigObject | undefined {
  let documents;
  try {
    documents = parseAllDocuments(text, { keepSourceTokens: false, uniqueKeys: false, prettyErrors: false });
  } catch {
    return undefined;
  }
  if (!Array.isArray(documents) || documents.length !== 1 || documents[0].errors.length > 0) return undefined;
  const root = documents[0].contents as Node | null;
  if (!isMap(root)) return undefined;
  const convert = (node: Node, depth: number): ConfigObject => {
    const out: ConfigObject = { settings: [], children: [] };
    if (!isMap(node)) return out;
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || typeof pair.key.value !== 'string' || !pair.key.range) continue;
      const key = pair.key as Scalar<string>;
      const value = pair.value as Node | null;
      if (isScalar(value) && !value.tag && value.range && (typeof value.value === 'string' || typeof value.value === 'number'))
        out.settings.push({ key: key.value, value: String(value.value), keySpan: yamlSpan(key), valueSpan: yamlSpan(value) });
      else if (isMap(value) && depth < MAX_DEPTH) out.children.push({ key: key.value, object: convert(value, depth + 1) });
    }
    return out;
  };
  return convert(root, 0);
}

/** A YAML scalar's span, quotes included when quoted. */
function yamlSpan(node: Scalar): Span {
  return { start: node.range![0], end: node.range![1] };
}
