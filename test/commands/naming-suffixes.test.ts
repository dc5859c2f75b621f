/**
 * Index and constraint suffixes are learned like prefixes: drizzle-kit names constraints `{table}_{columns}_unique`
 * and `{table}_{column}_{referenced}_{column}_fk`, PostgreSQL `_key`, and a repository that ends its names with their
 * kind consistently is not told to use the audit's `idx_` / `uk_` / `fk_` (issue 14, suffix naming learned).
 * Each kind is decided on its own, so one kind's suffix beside another's prefix is learned as both.
 */
import { describe, expect, it } from 'vitest';
import type { NilecareConfig } from '../../src/config/schema.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { learnNamingConvention, type LearnedNaming } from '../../src/naming-convention.js';
import { lint } from '../../src/lint.js';
import { ruleRegistry } from '../../rules/index.js';

const allRulesOff = (): NonNullable<NilecareConfig['rules']> => Object.fromEntries(Object.keys(ruleRegistry).map((id) => [id, 'off']));

const pgService = (name: string, migration: string) => ({
  [`services/${name}/package.json`]: JSON.stringify({ name, dependencies: { pg: '^8.11.0' } }),
  [`services/${name}/.env.example`]: `PGDATABASE=${name}\n`,
  [`services/${name}/migrations/V1__init.sql`]: migration,
});

async function learn(files: Record<string, string>): Promise<{ naming: LearnedNaming; findings: string[]; firstRun: string[] }> {
  const tree = memoryTree(files, { root: '/naming-suffixes' });
  const run = await lint({ cwd: tree.root, tree, config: { rules: allRulesOff() } });
  const naming = learnNamingConvention(run.model);
  const rules = allRulesOff();
  rules['index-name'] = 'warn';
  for (const rule of naming.rules) rules[rule.id] = rule.entry;
  const checked = await lint({ cwd: tree.root, tree, config: { rules } });
  const at = (d: (typeof checked.diagnostics)[number]) =>
    `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`;
  // Without any config the run learns the same settings.
  const first = await lint({ cwd: tree.root, tree });
  return {
    naming,
    findings: checked.diagnostics.map(at),
    firstRun: first.diagnostics.filter((d) => d.ruleId === 'index-name').map(at),
  };
}

const indexAspect = (naming: LearnedNaming) => naming.aspects.find((a) => a.aspect === 'index names');
const indexSetting = (naming: LearnedNaming) => naming.rules.find((r) => r.id === 'index-name')?.entry;

describe('index and constraint suffixes', () => {
  it("drizzle-kit's generated names: _unique and _fk, with _idx indexes, are learned as its family; a departure is reported", async () => {
    const users = [
      'CREATE TABLE IF NOT EXISTS "users" (',
      '\t"id" serial PRIMARY KEY NOT NULL,',
      '\t"email" text NOT NULL,',
      '\t"handle" text NOT NULL,',
      '\tCONSTRAINT "users_email_unique" UNIQUE("email"),',
      '\tCONSTRAINT "users_handle_unique" UNIQUE("handle")',
      ');',
      '--> statement-breakpoint',
      'CREATE TABLE IF NOT EXISTS "sessions" ("id" serial PRIMARY KEY NOT NULL, "user_id" integer NOT NULL, "token" text NOT NULL, CONSTRAINT "sessions_token_unique" UNIQUE("token"));',
      '--> statement-breakpoint',
      'ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;',
      '--> statement-breakpoint',
      'CREATE INDEX IF NOT EXISTS "sessions_user_idx" ON "sessions" USING btree ("user_id");',
      'CREATE INDEX IF NOT EXISTS "sessions_token_idx" ON "sessions" USING btree ("token");',
      'CREATE INDEX IF NOT EXISTS "by_handle" ON "users" USING btree ("handle");',
      '',
    ].join('\n');
    const orders = [
      'CREATE TABLE IF NOT EXISTS "orders" ("id" serial PRIMARY KEY NOT NULL, "customer_id" integer NOT NULL);',
      'CREATE TABLE IF NOT EXISTS "order_items" ("id" serial PRIMARY KEY NOT NULL, "order_id" integer NOT NULL);',
      'ALTER TABLE "order_items" ADD CONSTRAINT "order_items_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id");',
      'ALTER TABLE "orders" ADD CONSTRAINT "orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."orders"("id");',
      '',
    ].join('\n');
    const { naming, findings, firstRun } = await learn({ ...pgService('users', users), ...pgService('orders', orders) });
    expect(indexAspect(naming)).toEqual({
      aspect: 'index names',
      verdict: 'learned',
      text: "drizzle-kit's _idx/_unique/_fk suffixes (8 of 9)",
    });
    expect(indexSetting(naming)).toEqual(['warn', { suffixes: { index: '_idx', unique: '_unique', foreignKey: '_fk', fulltext: '_idx' } }]);
    const departure =
      "index-name services/users/migrations/V1__init.sql:15:28-15:39 Index 'by_handle' on table 'users' neither starts with 'idx_' nor ends with '_idx'; expected a name like 'users_handle_idx'.";
    expect(findings).toEqual([departure]);
    expect(firstRun).toEqual([departure]);
  });

  it("each kind on its own: idx_ indexes (the standard), _fk foreign keys and PostgreSQL's _key unique constraints", async () => {
    const migration = [
      'CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT NOT NULL, handle TEXT NOT NULL, phone TEXT, CONSTRAINT users_email_key UNIQUE (email), CONSTRAINT users_handle_key UNIQUE (handle));',
      'CREATE TABLE carts (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, code TEXT NOT NULL, CONSTRAINT carts_code_key UNIQUE (code), CONSTRAINT carts_user_id_fk FOREIGN KEY (user_id) REFERENCES users (id));',
      'CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, cart_id BIGINT, CONSTRAINT orders_user_id_fk FOREIGN KEY (user_id) REFERENCES users (id), CONSTRAINT orders_cart_id_fk FOREIGN KEY (cart_id) REFERENCES carts (id));',
      'CREATE INDEX idx_users_phone ON users (phone);',
      'CREATE INDEX idx_carts_user_id ON carts (user_id);',
      'CREATE INDEX idx_orders_user_id ON orders (user_id);',
      'CREATE UNIQUE INDEX unique_phone ON users (phone);',
      '',
    ].join('\n');
    const { naming, findings } = await learn(pgService('shop', migration));
    expect(indexAspect(naming)).toEqual({
      aspect: 'index names',
      verdict: 'learned',
      text: 'index: idx_ (3 of 3); unique: mixed; foreignKey: …_fk (3 of 3)',
    });
    // 3 of 4 is under the threshold (for the suffix, and for names that start with their table's): unique stays the
    // default, only foreign keys learn their suffix.
    expect(indexSetting(naming)).toEqual(['warn', { suffixes: { foreignKey: '_fk' } }]);
    expect(findings).toEqual([
      "index-name services/shop/migrations/V1__init.sql:1:110-1:125 Unique index 'users_email_key' on table 'users' does not start with 'uk_'; expected a name like 'uk_users_email'.",
      "index-name services/shop/migrations/V1__init.sql:1:153-1:169 Unique index 'users_handle_key' on table 'users' does not start with 'uk_'; expected a name like 'uk_users_handle'.",
      "index-name services/shop/migrations/V1__init.sql:2:100-2:114 Unique index 'carts_code_key' on table 'carts' does not start with 'uk_'; expected a name like 'uk_carts_code'.",
      "index-name services/shop/migrations/V1__init.sql:7:21-7:33 Unique index 'unique_phone' on table 'users' does not start with 'uk_'; expected a name like 'uk_users_phone'.",
    ]);
  });

  it('names of one table end with a kind word: the suffix is the convention, not the table name heading them all', async () => {
    const migration = [
      'CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT NOT NULL, handle TEXT NOT NULL, phone TEXT NOT NULL);',
      'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);',
      'ALTER TABLE users ADD CONSTRAINT users_handle_key UNIQUE (handle);',
      'ALTER TABLE users ADD CONSTRAINT users_phone_key UNIQUE (phone);',
      '',
    ].join('\n');
    const { naming, findings } = await learn(pgService('accounts', migration));
    expect(indexSetting(naming)).toEqual(['warn', { suffixes: { unique: '_key' } }]);
    expect(findings).toEqual([]);
  });

  it('a column word at the end is no suffix: foreign keys named {table}_{column} follow their tables', async () => {
    const migration = [
      'CREATE TABLE users (id BIGINT PRIMARY KEY);',
      'CREATE TABLE carts (id BIGINT PRIMARY KEY, user_id BIGINT, CONSTRAINT carts_user_id FOREIGN KEY (user_id) REFERENCES users (id));',
      'CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT, CONSTRAINT orders_user_id FOREIGN KEY (user_id) REFERENCES users (id));',
      'CREATE TABLE wishes (id BIGINT PRIMARY KEY, user_id BIGINT, CONSTRAINT wishes_user_id FOREIGN KEY (user_id) REFERENCES users (id));',
      'CREATE TABLE notes (id BIGINT PRIMARY KEY, user_id BIGINT, CONSTRAINT notes_author FOREIGN KEY (user_id) REFERENCES users (id));',
      'CREATE TABLE likes (id BIGINT PRIMARY KEY, user_id BIGINT, CONSTRAINT user_like FOREIGN KEY (user_id) REFERENCES users (id));',
      '',
    ].join('\n');
    const { naming, findings, firstRun } = await learn(pgService('shop', migration));
    expect(indexAspect(naming)).toEqual({ aspect: 'index names', verdict: 'learned', text: 'foreignKey: {table}_ (4 of 5)' });
    expect(indexSetting(naming)).toEqual(['warn', { prefixes: { foreignKey: '{table}_' } }]);
    const departure =
      "index-name services/shop/migrations/V1__init.sql:6:71-6:80 Foreign key 'user_like' on table 'likes' does not start with 'likes_'; expected a name like 'likes_user_id'.";
    expect(findings).toEqual([departure]);
    expect(firstRun).toEqual([departure]);
  });

  it("a head of the names' own is a convention (zabbix's c_), the indexed table's name is none (graphile-worker's jobs_)", async () => {
    const zabbix = [
      'CREATE TABLE hosts (hostid BIGINT PRIMARY KEY);',
      'CREATE TABLE items (itemid BIGINT PRIMARY KEY, hostid BIGINT, CONSTRAINT c_items_1 FOREIGN KEY (hostid) REFERENCES hosts (hostid));',
      'CREATE TABLE triggers (triggerid BIGINT PRIMARY KEY, hostid BIGINT, CONSTRAINT c_triggers_1 FOREIGN KEY (hostid) REFERENCES hosts (hostid));',
      'CREATE TABLE graphs (graphid BIGINT PRIMARY KEY, hostid BIGINT, CONSTRAINT c_graphs_1 FOREIGN KEY (hostid) REFERENCES hosts (hostid));',
      '',
    ].join('\n');
    const { naming } = await learn(pgService('monitor', zabbix));
    expect(indexAspect(naming)).toEqual({ aspect: 'index names', verdict: 'learned', text: 'foreignKey: c_ (3 of 3)' });
    const worker = [
      'CREATE TABLE jobs (id BIGINT PRIMARY KEY, queue TEXT, run_at TIMESTAMPTZ, locked_by TEXT);',
      'CREATE INDEX jobs_queue ON jobs (queue);',
      'CREATE INDEX jobs_run_at ON jobs (run_at);',
      'CREATE INDEX jobs_locked_by ON jobs (locked_by);',
      '',
    ].join('\n');
    const learnedWorker = await learn(pgService('worker', worker));
    expect(indexAspect(learnedWorker.naming)).toEqual({
      aspect: 'index names',
      verdict: 'mixed',
      text: "index: mixed (jobs_ is a table's name)",
    });
    expect(indexSetting(learnedWorker.naming)).toBeUndefined();
  });
});
