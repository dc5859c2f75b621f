/**
 * A Cloudflare Worker's wrangler config (HELDOUT7 #15): the D1 (SQLite) databases it binds, where each is declared
 * (the word `d1_databases`), and its migrations folder. What the model makes of them (the Worker's engine, wrangler's
 * `0001_x.sql` migrations) is pinned in test/model/cloudflare-d1.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { isWranglerConfig, parseWranglerConfig } from '../../src/analysis/wrangler-config.js';

/** Each binding as `<environment>|<binding>|<database>|<migrations_dir> @<text at its span>`. */
const read = (path: string, text: string) =>
  parseWranglerConfig(path, text).map(
    (d) =>
      `${d.environment ?? ''}|${d.binding ?? ''}|${d.databaseName ?? ''}|${d.migrationsDir ?? ''} @${d.span.start}:${text.slice(d.span.start, d.span.end)}`,
  );

describe('wrangler config', () => {
  it('is wrangler.toml, wrangler.json or wrangler.jsonc, in any folder', () => {
    expect(['wrangler.toml', 'workers/auth/wrangler.json', 'apps/edge/wrangler.jsonc'].map(isWranglerConfig)).toEqual([true, true, true]);
    expect(['wrangler.toml.bak', 'my-wrangler.toml', 'wrangler.yaml', 'workers/wrangler/config.toml'].map(isWranglerConfig)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('TOML: every [[d1_databases]] table, top-level and per environment, with its binding, name and migrations_dir', () => {
    const text = [
      'name = "edge-auth"',
      'main = "src/index.ts"',
      '',
      '[[d1_databases]] # the sessions store',
      'binding = "DB"',
      'database_name = "edge-auth"',
      'database_id = "6f1c2b9e-0000-4000-8000-000000000000"',
      "migrations_dir = 'db/d1'",
      '',
      '[[kv_namespaces]]',
      'binding = "CACHE"',
      '',
      '[[env.production.d1_databases]]',
      'binding = "DB"',
      'database_name = "edge-auth-prod"',
      '',
    ].join('\n');
    expect(read('wrangler.toml', text)).toEqual([
      '|DB|edge-auth|db/d1 @44:d1_databases',
      'production|DB|edge-auth-prod| @256:d1_databases',
    ]);
  });

  it('TOML: an inline array of tables, over several lines with comments, top-level or in [env.<name>]', () => {
    const text = [
      'name = "edge"',
      'd1_databases = [',
      '  { binding = "DB", database_name = "edge", database_id = "a1" }, # main',
      "  { binding = 'AUDIT', database_name = 'edge-audit', migrations_dir = \"audit\" },",
      ']',
      '[env.staging]',
      'd1_databases = [{ binding = "DB", database_name = "edge-staging" }]',
      '',
    ].join('\r\n');
    expect(read('wrangler.toml', text)).toEqual([
      '|DB|edge| @15:d1_databases',
      '|AUDIT|edge-audit|audit @15:d1_databases',
      'staging|DB|edge-staging| @207:d1_databases',
    ]);
  });

  it('TOML: binds nothing through comments, strings, other tables or other keys named like it', () => {
    const text = [
      '# [[d1_databases]]',
      '[vars]',
      'NOTE = "[[d1_databases]]"',
      'd1_databases = "not an array"',
      '[[d1_databases_backup]]',
      'binding = "OLD"',
      '[[r2_buckets]]',
      'binding = "FILES"',
      '[[services.d1_databases]]',
      'binding = "X"',
      'database_name = "x"',
      '',
    ].join('\n');
    expect(read('wrangler.toml', text)).toEqual([]);
    // A key after the D1 table belongs to the table that follows it.
    expect(read('wrangler.toml', '[[d1_databases]]\nbinding = "DB"\n[vars]\ndatabase_name = "not-d1"\n')).toEqual([
      '|DB|| @2:d1_databases',
    ]);
  });

  it('JSON and JSONC: the d1_databases arrays, top-level and under env.<name>, each at its quoted key', () => {
    const json = JSON.stringify({
      name: 'edge',
      d1_databases: [{ binding: 'DB', database_name: 'edge', database_id: 'x', migrations_dir: 'sql' }],
      env: { production: { d1_databases: [{ binding: 'DB', database_name: 'edge-prod' }] } },
    });
    expect(read('wrangler.json', json)).toEqual(['|DB|edge|sql @15:"d1_databases"', 'production|DB|edge-prod| @134:"d1_databases"']);
    const jsonc = '{\n  // D1\n  "d1_databases": [\n    { "binding": "DB", "database_name": "edge", }, // trailing comma\n  ],\n}\n';
    expect(read('wrangler.jsonc', jsonc)).toEqual(['|DB|edge| @12:"d1_databases"']);
    expect(read('wrangler.json', '{ "kv_namespaces": [{ "binding": "KV" }], "vars": { "d1_databases": "no" } }')).toEqual([]);
    expect(read('wrangler.json', '{ "d1_databases": [ ')).toEqual([]);
  });

  it("database_name's value is located, quotes included, where a table or a JSON object holds it (an inline TOML table's is not)", () => {
    const named = (path: string, text: string) =>
      parseWranglerConfig(path, text).map((d) => (d.databaseNameSpan ? text.slice(d.databaseNameSpan.start, d.databaseNameSpan.end) : '-'));
    const toml = [
      '[[d1_databases]]',
      'binding = "DB"',
      'database_name   =   "orders-db"   # shared with orders-reminders',
      'database_id = "5b0e4c1a-0000-4000-8000-000000000001"',
      '[[env.staging.d1_databases]]',
      "database_name = 'orders-db-staging'",
      '[env.preview]',
      'd1_databases = [{ binding = "DB", database_name = "orders-db-preview" }]',
      '',
    ].join('\n');
    expect(named('wrangler.toml', toml)).toEqual(['"orders-db"', "'orders-db-staging'", '-']);
    const jsonc = '{\n  "d1_databases": [\n    { "binding": "DB", "database_name": "orders-db", "database_id": "x" },\n  ],\n}\n';
    expect(named('wrangler.jsonc', jsonc)).toEqual(['"orders-db"']);
  });
});
