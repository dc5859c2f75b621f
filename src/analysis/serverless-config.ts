/**
 * A Serverless Framework service file — `serverless.yml` / `serverless.yaml`, `serverless.json`, or
 * `serverless.ts` / `.js` (an object literal the framework imports) — and what it tells about the
 * service's database without running anything.
 *
 * - `provider.environment` and `functions.<name>.environment` ARE the service's environment (what
 *   each Lambda function is given): read as env entries (`DB_NAME: trips` names its database, a
 *   literal `DB_PASSWORD` is a committed credential).
 * - `resources.Resources.<id>` of type `AWS::RDS::DBCluster` / `AWS::RDS::DBInstance`: the database
 *   the stack creates (`DatabaseName`, `DBName`) with its engine (`Engine: aurora-mysql`) and its
 *   `MasterUserPassword`.
 *
 * Variables the file itself answers are resolved as the framework resolves them: `${self:custom.x}`
 * is the file's own `custom.x` when that is a literal, and `${env:X, 'fallback'}` (any source with a
 * literal fallback: `${opt:stage, 'dev'}`) is its fallback, the value where nothing sets X. The value
 * then points where it is written (the `custom` literal, the fallback inside the string).
 * Everything else Serverless or CloudFormation resolves at deploy time is a reference, never a value:
 * `${ssm:…}`, `${env:X}` without fallback, `${sls:stage}`, a string mixing text and variables, and
 * intrinsic functions, tagged (`!Ref`, `!GetAtt`, `!Sub`) or long-form (`Fn::GetAtt: […]`, a map).
 * Tagged scalars and maps are not kept; unresolved `${…}` strings are kept as written (placeholders:
 * no database, no secret).
 *
 * `serverless.ts` is read with the TypeScript parser, never run: the object literal exported
 * (`module.exports = config`, `export default`, `export =`), through a top-level `const` it names,
 * `as` / `satisfies` casts and `const` names bound to literals in the file; anything computed (a
 * call, `process.env`, a spread, an imported name) is no value. A file that does not parse yields
 * nothing. Never throws.
 */
import type { Document, Node } from 'yaml';
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { isMap, isPair, isScalar, parseAllDocuments } from './yaml-module.js';
import type { EnvFileEntry, OrmConfigFacts, Span } from './facts.js';

/** `serverless.yml` / `.yaml` / `.json` / `.ts` / `.js` (also `.mts`, `.cjs`, …) by base name. */
export function isServerlessConfig(path: string): boolean {
  return /^serverless\.(?:ya?ml|json|[cm]?[jt]s)$/i.test(path.slice(path.lastIndexOf('/') + 1));
}

/** A serverless.ts / .js: read from its syntax tree (see `serverlessConfigOfSource`). */
export function isServerlessScript(path: string): boolean {
  return /^serverless\.[cm]?[jt]s$/i.test(path.slice(path.lastIndexOf('/') + 1));
}

/** The file's settings as a tree, whatever its syntax: maps of literal scalars; anything else is `other`. */
export type ConfigNode = ConfigMap | ConfigScalar | { kind: 'other' };
export interface ConfigMap {
  kind: 'map';
  entries: Array<{ key: string; keySpan: Span; value: ConfigNode }>;
}
interface ConfigScalar {
  kind: 'scalar';
  value: string;
  /** Where the value is written, quotes included. */
  span: Span;
  /** Where the value's own characters start in the file, when they are written as they read (no escapes). */
  contentStart?: number;
}

export const OTHER: ConfigNode = { kind: 'other' };
/** Nesting deeper than this is no configuration (and a hostile file must not recurse without end). */
export const MAX_DEPTH = 24;

const RDS_TYPE = /^AWS::RDS::DB(?:Cluster|Instance)$/;
/** An RDS resource's properties that name its database, and its master password. */
const RDS_KEPT = new Set(['DatabaseName', 'DBName', 'MasterUserPassword']);

/** `serverless.yml` / `.yaml` / `.json`, from its text. A `serverless.ts` goes through `serverlessConfigOfSource`. */
export function parseServerlessConfig(text: string, path = 'serverless.yml'): OrmConfigFacts | undefined {
  const root = /\.json$/i.test(path) ? jsonRoot(text) : yamlRoot(text);
  return root ? configFacts(root, text) : undefined;
}

/**
 * The facts of a file's settings read as a tree (`ConfigNode`): a serverless.ts's come from its syntax
 * tree (typescript/serverless-script.ts, which loads TypeScript; this module does not).
 */
export function configFacts(root: ConfigNode, text: string): OrmConfigFacts | undefined {
  const resolve = variableResolver(root, text);
  const connections: NonNullable<OrmConfigFacts['connections']> = [];
  const environment = (name: string, node: ConfigNode | undefined) => {
    const entries = scalarEntries(node, resolve);
    if (entries.length > 0) connections.push({ name, environment: true, entries });
  };
  environment('provider.environment', child(child(root, 'provider'), 'environment'));
  const functions = child(root, 'functions');
  if (functions?.kind === 'map')
    for (const entry of functions.entries) environment(`functions.${entry.key}.environment`, child(entry.value, 'environment'));
  const resources = child(child(root, 'resources'), 'Resources');
  if (resources?.kind === 'map')
    for (const resource of resources.entries) {
      const type = scalarValue(child(resource.value, 'Type'), resolve);
      if (type === undefined || !RDS_TYPE.test(type.value)) continue;
      const properties = child(resource.value, 'Properties');
      const entries = scalarEntries(properties, resolve).filter((e) => RDS_KEPT.has(e.key));
      const engine = scalarValue(child(properties, 'Engine'), resolve);
      if (entries.length > 0) connections.push({ name: resource.key, ...(engine ? { type: engine.value } : {}), entries });
    }
  if (connections.length === 0) return undefined;
  return { library: 'serverless', entityGlobs: [], engines: [], connections };
}

function child(node: ConfigNode | undefined, key: string): ConfigNode | undefined {
  return node?.kind === 'map' ? node.entries.find((e) => e.key === key)?.value : undefined;
}

type Resolver = (scalar: ConfigScalar) => ConfigScalar;

/** The literal settings of a map, variables resolved where the file answers them. */
function scalarEntries(node: ConfigNode | undefined, resolve: Resolver): EnvFileEntry[] {
  if (node?.kind !== 'map') return [];
  const out: EnvFileEntry[] = [];
  for (const entry of node.entries) {
    const value = scalarValue(entry.value, resolve);
    if (value) out.push({ key: entry.key, value: value.value, keySpan: entry.keySpan, valueSpan: value.span });
  }
  return out;
}

function scalarValue(node: ConfigNode | undefined, resolve: Resolver): ConfigScalar | undefined {
  return node?.kind === 'scalar' ? resolve(node) : undefined;
}

/**
 * A string that is one variable and nothing else: `${source:address}` or `${source:address, 'fallback'}`
 * (the fallback quoted, or a plain word). Nested variables (`${self:custom.${sls:stage}}`) do not match.
 */
const WHOLE_VARIABLE = /^\$\{[ \t]*([\w-]+):([^,{}$'"]*)(?:,[ \t]*(?:'([^'{}$]*)'|"([^"{}$]*)"|([\w.-]+))[ \t]*)?\}$/;
/** Chains of `${self:…}` deeper than this are a cycle, or hostile. */
const MAX_HOPS = 8;

/** Resolves `${self:path}` through the file's own literals, and a variable with a literal fallback to it. */
function variableResolver(root: ConfigNode, text: string): Resolver {
  const resolve = (scalar: ConfigScalar, hops: number): ConfigScalar => {
    const variable = WHOLE_VARIABLE.exec(scalar.value);
    if (!variable || hops >= MAX_HOPS) return scalar;
    const [, source, address, single, double, plain] = variable;
    if (source === 'self') {
      let node: ConfigNode | undefined = root;
      for (const key of address.trim().split('.')) node = child(node, key);
      if (node?.kind === 'scalar') return resolve(node, hops + 1);
    }
    const fallback = single ?? double ?? plain;
    if (fallback === undefined) return scalar;
    // The fallback's own characters, quotes included, where the string is written as it reads.
    const at = scalar.value.lastIndexOf(single !== undefined ? `'${single}'` : double !== undefined ? `"${double}"` : fallback);
    const quoted = single !== undefined || double !== undefined;
    const start = scalar.contentStart === undefined ? undefined : scalar.contentStart + at;
    const span =
      start !== undefined && text.startsWith(scalar.value.slice(at), start)
        ? { start, end: start + fallback.length + (quoted ? 2 : 0) }
        : scalar.span;
    return {
      kind: 'scalar',
      value: fallback,
      span,
      ...(start !== undefined && span !== scalar.span ? { contentStart: start + (quoted ? 1 : 0) } : {}),
    };
  };
  return (scalar) => resolve(scalar, 0);
}

/**
 * The file's one top-level map. CloudFormation's short-form tags (`!Ref`, `!GetAtt`) are unknown
 * to a YAML parser: a warning, never an error, and their scalars keep their tag (a reference).
 */
function yamlRoot(text: string): ConfigNode | undefined {
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, { keepSourceTokens: false, uniqueKeys: false, prettyErrors: false }) as Document.Parsed[];
  } catch {
    return undefined;
  }
  if (!Array.isArray(documents) || documents.length !== 1 || documents[0].errors.length > 0) return undefined;
  const root = documents[0].contents as Node | null;
  if (!isMap(root)) return undefined;
  const convert = (node: unknown, depth: number): ConfigNode => {
    if (isScalar(node)) {
      if (node.tag || !node.range || (typeof node.value !== 'string' && typeof node.value !== 'number')) return OTHER;
      const span = { start: node.range[0], end: node.range[1] };
      const value = String(node.value);
      const quote = text[span.start] === '"' || text[span.start] === "'" ? 1 : 0;
      // A plain or quoted scalar on one line reads as written; a folded or escaped one does not.
      const contentStart = text.startsWith(value, span.start + quote) ? span.start + quote : undefined;
      return { kind: 'scalar', value, span, ...(contentStart !== undefined ? { contentStart } : {}) };
    }
    if (!isMap(node) || depth >= MAX_DEPTH) return OTHER;
    const entries: ConfigMap['entries'] = [];
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
      const key = pair.key.value;
      if (typeof key !== 'string' && typeof key !== 'number') continue;
      entries.push({
        key: String(key),
        keySpan: { start: pair.key.range[0], end: pair.key.range[1] },
        value: convert(pair.value, depth + 1),
      });
    }
    return { kind: 'map', entries };
  };
  return convert(root, 0);
}

function jsonRoot(text: string): ConfigNode | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root || errors.length > 0 || root.type !== 'object') return undefined;
  const convert = (node: JsonNode, depth: number): ConfigNode => {
    const span = { start: node.offset, end: node.offset + node.length };
    if (node.type === 'string') {
      const value = node.value as string;
      return { kind: 'scalar', value, span, ...(text.startsWith(value, span.start + 1) ? { contentStart: span.start + 1 } : {}) };
    }
    if (node.type === 'number') return { kind: 'scalar', value: String(node.value), span, contentStart: span.start };
    if (node.type !== 'object' || depth >= MAX_DEPTH) return OTHER;
    const entries: ConfigMap['entries'] = [];
    for (const property of node.children ?? []) {
      const [name, value] = property.children ?? [];
      if (!name || !value || typeof name.value !== 'string') continue;
      entries.push({ key: name.value, keySpan: { start: name.offset, end: name.offset + name.length }, value: convert(value, depth + 1) });
    }
    return { kind: 'map', entries };
  };
  return convert(root, 0);
}
