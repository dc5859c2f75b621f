/**
 * db-migrate's connection file, `database.json` (beside the `migrations/` folder it runs): each
 * environment's connection options, as its docs write them:
 *
 *   { "defaultEnv": { "ENV": "NODE_ENV" },
 *     "dev": { "driver": "pg", "user": "postgres", "password": "postgres", "database": "orders_dev" },
 *     "test": { "driver": "sqlite3", "filename": ":memory:" },
 *     "prod": { "driver": "pg", "host": { "ENV": "DB_HOST" }, "password": { "ENV": "DB_PASSWORD" }, "database": "orders" },
 *     "staging": "postgres://orders@staging-db/orders" }
 *
 * What it tells without running anything: each environment's engine (`driver`: dialect evidence),
 * where it connects (`database` on `host`, or a URL — the environment's string, or its `url` /
 * `connectionString`), and a literal `password`, a committed credential (described, never kept).
 * `{ "ENV": "X" }` is a value read from the environment when db-migrate runs: a reference, no value.
 * The developer's and the test suite's environments (`dev`, `development`, `local`, `test`) hold
 * local stand-ins (`orders_dev`, `postgres` on localhost, `password: "postgres"`): their driver is
 * evidence of the engine, their database and password are no evidence of what is deployed. Stand-in
 * names of other environments (`mydb`) the model drops, as for the other connection files. A `database.json` without an
 * environment holding a `driver` or a URL (another tool's file of that name) is not one. Never throws.
 */
import type { EnvFileEntry, OrmConfigFacts } from './facts.js';
import { jsonSpan as span, objectMembers, parseJsonObject } from './json-tree.js';

/** `database.json`, the file db-migrate reads by default (`--config` names another). */
export function isDbMigrateConfig(path: string): boolean {
  return /(?:^|\/)database\.json$/.test(path);
}

/** Options that say where an environment connects, and its password. */
const KEPT_KEYS = new Set(['database', 'host', 'url', 'connectionString', 'schema', 'password']);
/** Top-level keys that are db-migrate's settings, not environments. */
const NOT_ENVIRONMENTS = new Set(['defaultEnv', 'sql-file']);
/** The developer's and the test suite's environments. */
const LOCAL_ENVIRONMENT = /^(?:dev|development|local|test|testing)$/i;
const URL_VALUE = /^[a-z][\w+.-]*:\/\//i;

export function parseDbMigrateConfig(text: string): OrmConfigFacts | undefined {
  const root = parseJsonObject(text);
  if (!root) return undefined;
  const engines: OrmConfigFacts['engines'] = [];
  const connections: NonNullable<OrmConfigFacts['connections']> = [];
  for (const { key: environment, keyNode: name, value: options } of objectMembers(root)) {
    if (NOT_ENVIRONMENTS.has(environment)) continue;
    // `"staging": "postgres://…"`: the environment is its URL.
    if (options.type === 'string' && URL_VALUE.test(options.value as string)) {
      if (LOCAL_ENVIRONMENT.test(environment)) continue;
      connections.push({
        name: environment,
        entries: [{ key: 'url', value: options.value as string, keySpan: span(name), valueSpan: span(options) }],
      });
      continue;
    }
    if (options.type !== 'object') continue;
    const pairs = objectMembers(options);
    const driver = pairs.find((p) => p.key === 'driver' && p.value.type === 'string');
    const entries: EnvFileEntry[] = [];
    for (const { key, keyNode, value } of pairs) {
      // `{ "ENV": "DB_PASSWORD" }` (and any other object) is read when db-migrate runs: no value here.
      if (value.type !== 'string' || !KEPT_KEYS.has(key)) continue;
      entries.push({ key, value: value.value as string, keySpan: span(keyNode), valueSpan: span(value) });
    }
    if (!driver && !entries.some((e) => e.key === 'url' || e.key === 'connectionString')) continue;
    const type = driver?.value.value as string | undefined;
    if (driver && type) engines.push({ type, span: span(driver.value), key: 'driver' });
    if (!LOCAL_ENVIRONMENT.test(environment)) connections.push({ name: environment, ...(type ? { type } : {}), entries });
  }
  if (connections.length === 0 && engines.length === 0) return undefined;
  return { library: 'db-migrate', entityGlobs: [], engines, ...(connections.length > 0 ? { connections } : {}) };
}
