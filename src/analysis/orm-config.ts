/**
 * TypeORM's legacy connection files, `ormconfig.json` and `ormconfig.yml` / `ormconfig.yaml`
 * (`ormconfig.js` / `.ts` are scripts, read as any other code): what they tell about a service
 * without running anything — the entity files it registers (`"entities": ["dist/**\/*.entity.js"]`),
 * the engine it connects to (`"type": "postgres"`) and a literal `password`, a committed credential.
 *
 * `ormconfig.json` holds one connection object or a list of them; `ormconfig.yml` maps each
 * connection's name to its options (`default: { type: postgres, entities: [...] }`), as TypeORM's
 * YAML reader takes it. TypeORM reads the
 * file from the process's working directory and resolves its globs from there: the service's
 * folder, or the workspace root where a monorepo tool runs every app (`relativeTo: 'cwd'`, as for
 * a DataSource's string globs; see src/model/registered-entities.ts). Entries that are class names (impossible in JSON and YAML) or plain folders are not
 * globs of entity files and are skipped. A connection's `database`, `host`, `url` and `schema` are
 * kept as a settings group: the database the service connects to, evidence for sharing (src/model/connections.ts).
 * A file that does not parse yields nothing. Never throws.
 */
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Node, Scalar } from 'yaml';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments } from './yaml-module.js';
import type { EnvFileEntry, OrmConfigFacts, OrmEntityGlob, Span } from './facts.js';

/** `ormconfig.json`, `ormconfig.yml`, `ormconfig.yaml` by base name. */
export function isOrmConfigFile(path: string): boolean {
  return /^ormconfig\.(?:json|ya?ml)$/i.test(path.slice(path.lastIndexOf('/') + 1));
}

interface Value {
  text: string;
  span: Span;
}
interface Connection {
  name?: string;
  type?: Value;
  entities: Value[];
  settings: EnvFileEntry[];
  /** `synchronize: true` as a literal boolean; anything else leaves TypeORM's default (off). */
  synchronize?: true;
}

/**
 * The connection options that say where a connection goes (TypeORM's `url` overrides the others),
 * and its `password`: a literal one is a committed credential (described, never kept).
 */
const PLACE_KEYS = new Set(['database', 'host', 'url', 'schema', 'password']);

export function parseOrmConfig(path: string, text: string): OrmConfigFacts | undefined {
  const connections = /\.json$/i.test(path) ? jsonConnections(text) : yamlConnections(text);
  const entityGlobs: OrmEntityGlob[] = [];
  const engines: OrmConfigFacts['engines'] = [];
  const places: NonNullable<OrmConfigFacts['connections']> = [];
  const schemaSync: boolean[] = [];
  for (const connection of connections) {
    if (connection.type || connection.entities.length > 0) schemaSync.push(connection.synchronize === true);
    if (connection.type) engines.push({ type: connection.type.text, span: connection.type.span });
    if (connection.settings.length > 0)
      places.push({
        ...(connection.name !== undefined ? { name: connection.name } : {}),
        ...(connection.type ? { type: connection.type.text } : {}),
        entries: connection.settings,
      });
    for (const entry of connection.entities) {
      const pattern = entityGlob(entry.text);
      if (pattern !== undefined) entityGlobs.push({ pattern, relativeTo: 'cwd', fileSpan: entry.span });
    }
  }
  if (entityGlobs.length === 0 && engines.length === 0 && places.length === 0) return undefined;
  return {
    entityGlobs,
    engines,
    ...(schemaSync.length > 0 ? { schemaSync } : {}),
    ...(places.length > 0 ? { connections: places } : {}),
  };
}

/** Only a path with glob syntax or a script extension names entity files; `./` and repeated slashes are dropped. */
function entityGlob(text: string): string | undefined {
  const pattern = text
    .replace(/\\/g, '/')
    .replace(/\/{2,}/g, '/')
    .replace(/^(?:\.\/)+/, '');
  if (!/[*{]|\.[cm]?[jt]s$/.test(pattern) || pattern.startsWith('/') || /^[a-z]+:/i.test(pattern)) return undefined;
  return pattern;
}

function jsonConnections(text: string): Connection[] {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root || errors.length > 0) return [];
  const objects = root.type === 'array' ? (root.children ?? []) : [root];
  return objects.filter((o) => o.type === 'object').map((o) => jsonConnection(o));
}

function jsonConnection(object: JsonNode): Connection {
  const out: Connection = { entities: [], settings: [] };
  for (const property of object.children ?? []) {
    const [name, value] = property.children ?? [];
    if (!name || !value) continue;
    if (name.value === 'type' && value.type === 'string') out.type = { text: value.value as string, span: jsonStringSpan(value) };
    if (name.value === 'name' && value.type === 'string') out.name = value.value as string;
    if (name.value === 'synchronize' && value.type === 'boolean' && value.value === true) out.synchronize = true;
    if (PLACE_KEYS.has(name.value as string) && value.type === 'string')
      out.settings.push({
        key: name.value as string,
        value: value.value as string,
        keySpan: jsonStringSpan(name),
        valueSpan: jsonStringSpan(value),
      });
    if (name.value === 'entities' && value.type === 'array')
      out.entities = (value.children ?? [])
        .filter((e) => e.type === 'string')
        .map((e) => ({ text: e.value as string, span: jsonStringSpan(e) }));
  }
  return out;
}

/** A JSON string's span, quotes included (as code string literals are reported). */
function jsonStringSpan(node: JsonNode): Span {
  return { start: node.offset, end: node.offset + node.length };
}

function yamlConnections(text: string): Connection[] {
  let documents;
  try {
    documents = parseAllDocuments(text, { keepSourceTokens: false, uniqueKeys: false, prettyErrors: false });
  } catch {
    return [];
  }
  if (!Array.isArray(documents)) return [];
  const out: Connection[] = [];
  for (const doc of documents) {
    if (doc.errors.length > 0) continue;
    const root = doc.contents as Node | null;
    if (!isMap(root)) continue;
    for (const pair of root.items)
      if (isPair(pair) && isMap(pair.value)) {
        const connection = yamlConnection(pair.value);
        if (isScalar(pair.key) && typeof pair.key.value === 'string') connection.name = pair.key.value;
        out.push(connection);
      }
  }
  return out;
}

function yamlConnection(object: Node): Connection {
  const out: Connection = { entities: [], settings: [] };
  if (!isMap(object)) return out;
  for (const pair of object.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const value = pair.value as Node | null;
    if (pair.key.value === 'type' && isScalar(value) && typeof value.value === 'string' && value.range)
      out.type = { text: value.value, span: yamlSpan(value) };
    if (pair.key.value === 'synchronize' && isScalar(value) && value.value === true) out.synchronize = true;
    const key = pair.key;
    if (
      typeof key.value === 'string' &&
      PLACE_KEYS.has(key.value) &&
      key.range &&
      isScalar(value) &&
      typeof value.value === 'string' &&
      value.range
    )
      out.settings.push({ key: key.value, value: value.value, keySpan: yamlSpan(key), valueSpan: yamlSpan(value) });
    if (pair.key.value === 'entities' && isSeq(value))
      for (const item of value.items)
        if (isScalar(item) && typeof item.value === 'string' && item.range) out.entities.push({ text: item.value, span: yamlSpan(item) });
  }
  return out;
}

/** A YAML scalar's span, quotes included when quoted. */
function yamlSpan(node: Scalar): Span {
  return { start: node.range![0], end: node.range![1] };
}
