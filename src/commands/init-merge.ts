/**
 * `init --force` on an existing config: the config is the user's, edited over months — comments
 * explaining an exemption, allow entries with their reasons, options init knows nothing of. So
 * it is not replaced but edited in place (comment-preserving JSONC edits), and only in what init
 * learns from the code: the services (roots, dialect, tables, prefixes), the default dialect, the
 * owners of logical databases, the naming-rule settings. Every change is reported, old → new.
 * One thing is taken away: a table in a service's `tables` that the service only stubs (its tests,
 * scripts or docs create it; another service creates it for real) — an earlier init wrote it, and
 * as a config claim it would keep hiding that service's reads of the table.
 */
import { appendJsoncElements, compactJson, parseJsonc, putJsoncValue } from '../config/jsonc.js';

type Json = unknown;
type JsonObject = Record<string, Json>;

export interface MergeResult {
  text: string;
  /** One line per change, e.g. `services['billing'].tables: added 'billing_refunds'`. */
  changes: string[];
  /** What was left as the user had it although init learned otherwise, e.g. a rule the user turned on. */
  kept: string[];
}

const isObject = (value: Json): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);
const show = (value: Json) => compactJson(value);
const sameJson = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);
const strings = (value: Json): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * `existing` (the config's JSONC text) with `learned` (the config init would write, parsed)
 * merged in. Lists — a service's `roots` and `tables` — gain what init found and keep what the
 * user added (a table given to its owner by hand stays); single values init decides — `dialect`,
 * `prefixes` — are replaced. Services init no longer finds are kept, and said so. Throws
 * JsoncSyntaxError when `existing` does not parse.
 */
/** A table a service's tests, scripts or docs only stub (schema-stubs.ts): never one of its `tables`. */
export interface StubbedTable {
  /** The service as init names it. */
  service: string;
  table: string;
  /** Why, for the report: `a stub its tests create; service 'patients' creates it`. */
  reason: string;
}

export function mergeInitConfig(existing: string, learned: JsonObject, stubs: readonly StubbedTable[] = []): MergeResult {
  const current = parseJsonc(existing);
  if (!isObject(current)) throw new Error('the config is not a JSON object');
  let text = existing;
  const changes: string[] = [];
  const kept: string[] = [];
  // What the config must read as afterwards: the text edits are checked against it, so a merge never writes something else.
  const expected = structuredClone(current);
  const set: Setter = (keyPath, value) => {
    text = putJsoncValue(text, keyPath, value);
    assign(expected, keyPath, value);
  };
  const append: Appender = (keyPath, values) => {
    text = appendJsoncElements(text, keyPath, values);
    (lookup(expected, keyPath) as Json[]).push(...values);
  };

  if (current.$schema === undefined && typeof learned.$schema === 'string') {
    set(['$schema'], learned.$schema);
    changes.push(`$schema: set to ${show(learned.$schema)}`);
  }
  if (learned.dialect !== undefined && !sameJson(current.dialect, learned.dialect)) {
    set(['dialect'], learned.dialect);
    changes.push(`dialect: ${current.dialect === undefined ? 'set to' : `${show(current.dialect)} →`} ${show(learned.dialect)}`);
  }

  mergeServices(current, learned, set, append, changes, kept, stubs);

  // Database owners: a database the user already assigned keeps its owner.
  const databases = isObject(learned.databases) ? learned.databases : {};
  const currentDatabases = isObject(current.databases) ? current.databases : undefined;
  for (const [name, owner] of Object.entries(databases)) {
    const had = currentDatabases?.[name];
    if (had === undefined) {
      set(['databases', name], owner);
      changes.push(`databases[${show(name)}]: owner ${show(owner)}`);
    } else if (!sameJson(had, owner)) kept.push(`databases[${show(name)}]: owner ${show(had)} (init found ${show(owner)})`);
  }

  mergeRules(current, learned, set, changes, kept);
  // Per-service naming settings: written where the config has none; overrides the user wrote are theirs.
  if (Array.isArray(learned.overrides) && learned.overrides.length > 0) {
    if (current.overrides === undefined) {
      set(['overrides'], learned.overrides);
      changes.push(`overrides: ${learned.overrides.length} per-service naming setting(s)`);
    } else if (!sameJson(current.overrides, learned.overrides))
      kept.push('overrides: left as written (init learned per-service naming settings)');
  }
  if (!sameJson(parseJsonc(text), expected))
    throw new Error('the merged text does not read as the merged config (an edit landed in the wrong place)');
  return { text, changes, kept };
}

type Setter = (keyPath: Array<string | number>, value: Json) => void;
type Appender = (keyPath: Array<string | number>, values: Json[]) => void;

function lookup(root: Json, keyPath: ReadonlyArray<string | number>): Json {
  let node = root;
  for (const key of keyPath) node = (node as Record<string | number, Json>)[key];
  return node;
}

function assign(root: JsonObject, keyPath: ReadonlyArray<string | number>, value: Json): void {
  let node: Record<string | number, Json> = root;
  for (const key of keyPath.slice(0, -1)) {
    if (node[key] === undefined) node[key] = {};
    node = node[key] as Record<string | number, Json>;
  }
  node[keyPath[keyPath.length - 1]] = structuredClone(value);
}

function mergeServices(
  current: JsonObject,
  learned: JsonObject,
  set: Setter,
  append: Appender,
  changes: string[],
  kept: string[],
  stubs: readonly StubbedTable[],
): void {
  const learnedServices = Array.isArray(learned.services) ? learned.services.filter(isObject) : [];
  const currentServices = Array.isArray(current.services) ? current.services : undefined;
  if (!currentServices) {
    if (learnedServices.length > 0) {
      set(['services'], learnedServices);
      changes.push(`services: added ${learnedServices.map((s) => `'${String(s.name)}'`).join(', ')}`);
    }
    return;
  }
  const matched = new Set<number>();
  for (const service of learnedServices) {
    const roots = strings(service.roots);
    // The same name, else the same folder under another name (the user renamed the service).
    let index = currentServices.findIndex((s) => isObject(s) && s.name === service.name);
    if (index < 0) index = currentServices.findIndex((s) => isObject(s) && strings(s.roots).some((root) => roots.includes(root)));
    if (index < 0) {
      append(['services'], [service]);
      changes.push(`services: added '${String(service.name)}' (${roots.join(', ')})`);
      continue;
    }
    matched.add(index);
    const entry = currentServices[index] as JsonObject;
    const label = `services['${String(entry.name)}']`;
    // `tables: ["invoices", "patients"]` where patients is only a stub: the entry goes (`billing.patients` too).
    const stubbed = stubs.filter((stub) => stub.service === service.name);
    const isStubbed = (value: string) => {
      const lower = value.toLowerCase();
      return stubbed.find((stub) => lower === stub.table.toLowerCase() || lower.endsWith(`.${stub.table.toLowerCase()}`));
    };
    const stale = strings(entry.tables).filter((value) => isStubbed(value));
    if (stale.length > 0) {
      set(
        ['services', index, 'tables'],
        (entry.tables as Json[]).filter((value) => typeof value !== 'string' || !isStubbed(value)),
      );
      for (const value of stale) changes.push(`${label}.tables: removed '${value}' (${isStubbed(value)!.reason})`);
    }
    for (const key of ['roots', 'migrations', 'tables'] as const) {
      const have = strings(entry[key]);
      const added = strings(service[key]).filter((value) => !have.includes(value));
      if (added.length === 0) continue;
      if (Array.isArray(entry[key])) append(['services', index, key], added);
      else set(['services', index, key], [...have, ...added]);
      changes.push(`${label}.${key}: added ${added.map((v) => `'${v}'`).join(', ')}`);
    }
    for (const key of ['dialect', 'prefixes', 'databases'] as const) {
      if (service[key] === undefined || sameJson(entry[key], service[key])) continue;
      set(['services', index, key], service[key]);
      changes.push(`${label}.${key}: ${entry[key] === undefined ? 'set to' : `${show(entry[key])} →`} ${show(service[key])}`);
    }
  }
  currentServices.forEach((service, index) => {
    if (!matched.has(index) && isObject(service)) kept.push(`services['${String(service.name)}']: init did not find it; left as written`);
  });
}

/**
 * The naming rules init sets to the repository's convention. A rule the config does not mention
 * takes init's entry; one it mentions keeps its severity (the user chose it) and gains the learned
 * options, keeping its other options (allow lists, exemptions).
 */
function mergeRules(current: JsonObject, learned: JsonObject, set: Setter, changes: string[], kept: string[]): void {
  const learnedRules = isObject(learned.rules) ? learned.rules : {};
  const currentRules = isObject(current.rules) ? current.rules : {};
  for (const [id, entry] of Object.entries(learnedRules)) {
    const have = currentRules[id];
    if (have === undefined) {
      set(['rules', id], entry);
      changes.push(`rules['${id}']: ${show(entry)}`);
      continue;
    }
    const severity: Json = Array.isArray(entry) ? (entry as Json[])[0] : entry;
    const options: Json = Array.isArray(entry) ? (entry as Json[])[1] : undefined;
    const haveSeverity: Json = Array.isArray(have) ? (have as Json[])[0] : have;
    const haveOptions: Json = Array.isArray(have) ? (have as Json[])[1] : undefined;
    // 'warn' is only init's default; 'off' is what it learned (the schema does not follow the rule).
    const off = (value: Json) => value === 'off' || value === 0;
    if (off(severity) !== off(haveSeverity)) kept.push(`rules['${id}']: ${show(haveSeverity)} (init learned ${show(severity)})`);
    if (!isObject(options)) continue;
    const learnedKeys = Object.entries(options).filter(([key, value]) => !isObject(haveOptions) || !sameJson(haveOptions[key], value));
    if (learnedKeys.length === 0) continue;
    if (Array.isArray(have) && isObject(haveOptions)) {
      for (const [key, value] of learnedKeys) set(['rules', id, 1, key], value);
    } else {
      set(['rules', id], [haveSeverity, options]);
    }
    changes.push(`rules['${id}']: options ${learnedKeys.map(([key, value]) => `${key} ${show(value)}`).join(', ')}`);
  }
}
