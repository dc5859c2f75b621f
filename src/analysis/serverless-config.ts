/**
 * A Serverless Framework service file, `serverless.yml` / `serverless.yaml`: what it tells about
 * the service's database without running anything.
 *
 * - `provider.environment` and `functions.<name>.environment` ARE the service's environment (what
 *   each Lambda function is given): read as env entries (`DB_NAME: trips` names its database, a
 *   literal `DB_PASSWORD` is a committed credential).
 * - `resources.Resources.<id>` of type `AWS::RDS::DBCluster` / `AWS::RDS::DBInstance`: the database
 *   the stack creates (`DatabaseName`, `DBName`) with its engine (`Engine: aurora-mysql`) and its
 *   `MasterUserPassword`.
 *
 * Values Serverless or CloudFormation resolve at deploy time are references, never values:
 * variables (`${ssm:…}`, `${env:…}`, `${self:…}`, `${cf:…}`, `${sls:stage}`) and intrinsic
 * functions, tagged (`!Ref`, `!GetAtt`, `!Sub`) or long-form (`Fn::GetAtt: […]`, a map). Tagged
 * scalars and maps are not kept; `${…}` strings are kept as written (placeholders: no database,
 * no secret). A file that does not parse yields nothing. Never throws.
 */
import type { Document, Node, Pair, Scalar } from 'yaml';
import { isMap, isPair, isScalar, parseAllDocuments } from './yaml-module.js';
import type { EnvFileEntry, OrmConfigFacts, Span } from './facts.js';

/** `serverless.yml` / `serverless.yaml` by base name. */
export function isServerlessConfig(path: string): boolean {
  return /^serverless\.ya?ml$/i.test(path.slice(path.lastIndexOf('/') + 1));
}

const RDS_TYPE = /^AWS::RDS::DB(?:Cluster|Instance)$/;
/** An RDS resource's properties that name its database, and its master password. */
const RDS_KEPT = new Set(['DatabaseName', 'DBName', 'MasterUserPassword']);

export function parseServerlessConfig(text: string): OrmConfigFacts | undefined {
  const root = rootMap(text);
  if (!root) return undefined;
  const connections: NonNullable<OrmConfigFacts['connections']> = [];
  const environment = (name: string, node: unknown) => {
    const entries = isMap(node) ? scalarEntries(node.items) : [];
    if (entries.length > 0) connections.push({ name, environment: true, entries });
  };
  environment('provider.environment', child(child(root, 'provider'), 'environment'));
  const functions = child(root, 'functions');
  if (isMap(functions))
    for (const pair of functions.items) {
      const name = keyText(pair);
      if (name !== undefined) environment(`functions.${name}.environment`, child(pair.value, 'environment'));
    }
  const resources = child(child(root, 'resources'), 'Resources');
  if (isMap(resources))
    for (const pair of resources.items) {
      const id = keyText(pair);
      const type = child(pair.value, 'Type');
      if (id === undefined || !isScalar(type) || typeof type.value !== 'string' || !RDS_TYPE.test(type.value)) continue;
      const properties = child(pair.value, 'Properties');
      if (!isMap(properties)) continue;
      const entries = scalarEntries(properties.items).filter((e) => RDS_KEPT.has(e.key));
      const engine = child(properties, 'Engine');
      if (entries.length > 0)
        connections.push({
          name: id,
          ...(isScalar(engine) && typeof engine.value === 'string' && !engine.tag ? { type: engine.value } : {}),
          entries,
        });
    }
  if (connections.length === 0) return undefined;
  return { library: 'serverless', entityGlobs: [], engines: [], connections };
}

/**
 * The file's one top-level map. CloudFormation's short-form tags (`!Ref`, `!GetAtt`) are unknown
 * to a YAML parser: a warning, never an error, and their scalars keep their tag.
 */
function rootMap(text: string): Node | undefined {
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, { keepSourceTokens: false, uniqueKeys: false, prettyErrors: false }) as Document.Parsed[];
  } catch {
    return undefined;
  }
  if (!Array.isArray(documents) || documents.length !== 1 || documents[0].errors.length > 0) return undefined;
  const root = documents[0].contents as Node | null;
  return isMap(root) ? root : undefined;
}

function child(node: unknown, key: string): unknown {
  if (!isMap(node)) return undefined;
  return node.items.find((pair) => keyText(pair) === key)?.value;
}

function keyText(pair: Pair<unknown, unknown>): string | undefined {
  return isScalar(pair.key) && (typeof pair.key.value === 'string' || typeof pair.key.value === 'number')
    ? String(pair.key.value)
    : undefined;
}

/** The untagged string and number scalars of a map, as settings; tags and nested maps are deploy-time references. */
function scalarEntries(items: ReadonlyArray<Pair<unknown, unknown>>): EnvFileEntry[] {
  const out: EnvFileEntry[] = [];
  for (const pair of items) {
    if (!isPair(pair)) continue;
    const key = pair.key as Scalar | null;
    const value = pair.value as Scalar | null;
    if (!isScalar(key) || typeof key.value !== 'string' || !key.range) continue;
    if (!isScalar(value) || value.tag || !value.range || (typeof value.value !== 'string' && typeof value.value !== 'number')) continue;
    out.push({ key: key.value, value: String(value.value), keySpan: span(key), valueSpan: span(value) });
  }
  return out;
}

/** A YAML scalar's span, quotes included when quoted. */
function span(node: Scalar): Span {
  return { start: node.range![0], end: node.range![1] };
}
