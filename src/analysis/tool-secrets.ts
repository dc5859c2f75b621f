/**
 * Credentials in the configuration of tools that run beside the services, read only for them (HELDOUT8 #12, a scope
 * call: both are committed beside the code, and both have a documented way to keep the value out):
 *
 * - a Kafka Connect connector's config (Debezium's `"database.password"`, a JDBC sink's `"connection.password"`, the
 *   JSON POSTed to Connect's REST API, `{ "name", "config": { "connector.class", … } }`, or the flat config a PUT takes):
 *   its secret-named string settings, and the connection URLs with a password among its settings. Connect's config
 *   providers (`${file:/secrets/db.properties:password}`, `${env:DB_PASSWORD}`, `${secrets:…}`) are references.
 * - a Supabase CLI project's `supabase/config.toml`: its secret-named settings (`[auth.external.github] secret`,
 *   `[auth.sms.twilio] auth_token`, `[auth.email.smtp] pass`, `openai_api_key`); `env(NAME)` is a reference, as
 *   Supabase's documentation has it.
 *
 * Each is a YamlSetting (its key, the path of tables / objects above it), described by describe-secrets.ts like any
 * other configuration's. Never throws; a file that is neither yields nothing.
 */
import type { YamlSetting } from './facts.js';
import { jsonSpan, objectMembers, parseJsonObject, type JsonNode } from './json-tree.js';
import { mayBeConnectionString } from './connection-url.js';
import { isSecretName } from './secrets.js';
import { tomlLines, tomlString } from './wrangler-config.js';

/** Where connector configs are kept: `*connector*.json` anywhere, any JSON below a `debezium/` or `connectors/` folder. */
export function mayBeConnectorConfig(path: string): boolean {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  if (!base.endsWith('.json')) return false;
  return base.includes('connector') || /(?:^|\/)(?:debezium|connectors|kafka-connect)\//.test(path.slice(0, slash + 1));
}

/** The secret-named settings and password-holding URLs of a Kafka Connect connector config; empty for any other JSON. */
export function parseConnectorConfig(source: string): YamlSetting[] {
  if (!source.includes('connector.class')) return [];
  const root = parseJsonObject(source);
  if (!root) return [];
  const members = objectMembers(root);
  const nested = members.find((m) => m.key === 'config' && m.value.type === 'object');
  const config = nested ? nested.value : root;
  const path = nested ? ['config'] : [];
  const settings = objectMembers(config);
  if (!settings.some((m) => m.key === 'connector.class')) return [];
  const out: YamlSetting[] = [];
  for (const { key, keyNode, value } of settings) {
    if (value.type !== 'string') continue;
    const text = value.value as string;
    if (isSecretName(key) || mayBeConnectionString(text)) out.push(setting(source, key, path, keyNode, value));
  }
  return out;
}

/** A JSON string setting; its value's span is the string's content when the file holds it as written (no escapes). */
function setting(source: string, key: string, path: string[], keyNode: JsonNode, node: JsonNode): YamlSetting {
  const value = node.value as string;
  const span = jsonSpan(node);
  const asWritten = span.end - span.start === value.length + 2 && source.slice(span.start + 1, span.end - 1) === value;
  const valueSpan = asWritten ? { start: span.start + 1, end: span.end - 1 } : span;
  return { key, path, value, keySpan: jsonSpan(keyNode), valueSpan };
}

/** `supabase/config.toml`: the Supabase CLI's project config. */
export function isSupabaseConfig(path: string): boolean {
  return path === 'supabase/config.toml' || path.endsWith('/supabase/config.toml');
}

/** The secret-named string settings of a Supabase `config.toml`, with the tables above them as their path. */
export function parseSupabaseConfig(text: string): YamlSetting[] {
  const out: YamlSetting[] = [];
  let table: string[] = [];
  for (const line of tomlLines(text)) {
    if (line.header) {
      table = line.header.path;
      continue;
    }
    if (!line.key || !line.value) continue;
    const keys = [...table, ...line.key.path];
    const key = keys[keys.length - 1];
    if (!isSecretName(key)) continue;
    const value = tomlString(line.value.text);
    if (value === undefined) continue;
    // The string's content where the file holds it as written, else the whole value (escapes).
    const raw = text.slice(line.value.start + 1, line.value.start + 1 + value.length);
    const quoted = raw === value && text[line.value.start + 1 + value.length] === text[line.value.start];
    const valueSpan = quoted
      ? { start: line.value.start + 1, end: line.value.start + 1 + value.length }
      : { start: line.value.start, end: line.value.start + line.value.text.length };
    out.push({ key, path: keys.slice(0, -1), value, keySpan: line.key.span, valueSpan });
  }
  return out;
}
