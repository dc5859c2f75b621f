/**
 * The connection file of the Sequelize CLI (`sequelize-cli`): `config/config.json`, its default
 * (a JSON file a `.sequelizerc` names instead is not followed yet). It maps each environment to its
 * connection options, as `sequelize init` writes it:
 *
 *   { "development": { "username": "root", "password": null, "database": "app_dev", "host": "127.0.0.1", "dialect": "mysql" },
 *     "test": { … }, "production": { "use_env_variable": "DATABASE_URL", "dialect": "postgres" } }
 *
 * What it tells without running anything: each environment's engine (`dialect`), where it
 * connects (`database` on `host`, or a literal `url`), and a literal `password`, a committed
 * credential (never kept: src/analysis/describe-secrets.ts describes it). `use_env_variable` names the
 * variable holding the URL: nothing literal. A file of that name that has no environment with
 * connection options (any app's `config/config.json`) is not one. Never throws.
 */
import type { EnvFileEntry, OrmConfigFacts } from './facts.js';
import { jsonSpan as stringSpan, objectMembers, parseJsonObject } from './json-tree.js';

/** `config/config.json`: where the Sequelize CLI looks when no `.sequelizerc` says otherwise. */
export function isDefaultSequelizeConfig(path: string): boolean {
  return /(?:^|\/)config\/config\.json$/.test(path);
}

/** Options that say where an environment connects, and its password. */
const KEPT_KEYS = new Set(['database', 'host', 'url', 'schema', 'password']);
/** Options only a connection has: one of them makes an environment's object connection options. */
const CONNECTION_KEYS = new Set(['dialect', 'database', 'use_env_variable', 'username', 'host']);

export function parseSequelizeConfig(text: string): OrmConfigFacts | undefined {
  const root = parseJsonObject(text);
  if (!root) return undefined;
  const engines: OrmConfigFacts['engines'] = [];
  const connections: NonNullable<OrmConfigFacts['connections']> = [];
  for (const { key: environment, value: options } of objectMembers(root)) {
    if (options.type !== 'object') continue;
    const pairs = objectMembers(options);
    if (!pairs.some((p) => CONNECTION_KEYS.has(p.key))) continue;
    let type: string | undefined;
    const entries: EnvFileEntry[] = [];
    for (const { key, keyNode, value } of pairs) {
      if (value.type !== 'string') continue;
      if (key === 'dialect') {
        type = value.value as string;
        engines.push({ type, span: stringSpan(value), key: 'dialect' });
      }
      if (KEPT_KEYS.has(key))
        entries.push({ key, value: value.value as string, keySpan: stringSpan(keyNode), valueSpan: stringSpan(value) });
    }
    connections.push({ name: environment, ...(type ? { type } : {}), entries });
  }
  if (connections.length === 0) return undefined;
  return { library: 'sequelize', entityGlobs: [], engines, connections };
}
