/**
 * The naming convention `init` learns from a repository's DDL, on small repositories that each
 * follow (or mix) one convention: what it decides per aspect and the rule settings it writes.
 */
import { describe, expect, it } from 'vitest';
import type { NilecareConfig } from '../../src/config/schema.js';
import { learnNamingConvention, type LearnedNaming } from '../../src/naming-convention.js';
import { lint } from '../../src/lint.js';
import { ruleRegistry } from '../../rules/index.js';
import { memoryTree, type SourceTree } from '../../src/io/source-tree.js';

const allRulesOff = (): NonNullable<NilecareConfig['rules']> => Object.fromEntries(Object.keys(ruleRegistry).map((id) => [id, 'off']));

/** The repository in memory: what init learns is read from the DDL's text, not the disk. */
function repository(files: Record<string, string>): SourceTree {
  return memoryTree(files);
}

async function learn(dir: SourceTree): Promise<LearnedNaming> {
  const run = await lint({ cwd: dir.root, tree: dir, config: { rules: allRulesOff() } });
  return learnNamingConvention(run.model);
}

const verdicts = (naming: LearnedNaming) => Object.fromEntries(naming.aspects.map((a) => [a.aspect, a.verdict]));
const settings = (naming: LearnedNaming) => Object.fromEntries(naming.rules.map((r) => [r.id, r.entry]));

/** The naming findings of a lint with the learned settings (other rules off; table prefixes are init's `prefixes`, tested apart). */
async function namingFindingsWith(dir: SourceTree, naming: LearnedNaming): Promise<string[]> {
  const rules = allRulesOff();
  for (const id of Object.keys(ruleRegistry))
    if (ruleRegistry[id].meta.category === 'naming' && id !== 'table-prefix') rules[id] = ruleRegistry[id].meta.defaultSeverity;
  for (const rule of naming.rules) rules[rule.id] = rule.entry;
  const run = await lint({ cwd: dir.root, tree: dir, config: { rules } });
  return run.diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column} ${d.message}`);
}

const pgService = (name: string) => ({
  [`services/${name}/package.json`]: JSON.stringify({ name, dependencies: { pg: '^8.11.0' } }),
  [`services/${name}/.env.example`]: `PGDATABASE=${name.replace(/-/g, '_')}\n`,
});

describe('a Prisma schema: PascalCase tables, camelCase columns, upper-case enums, _key/_idx/_fkey names', () => {
  const migration = [
    `CREATE TYPE "Role" AS ENUM ('ADMIN', 'MEMBER', 'GUEST');`,
    `CREATE TABLE "User" ("id" TEXT NOT NULL, "email" TEXT NOT NULL, "displayName" TEXT, "role" "Role" NOT NULL DEFAULT 'MEMBER', "isActive" BOOLEAN NOT NULL DEFAULT true, "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, "updatedAt" TIMESTAMP(3) NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));`,
    `CREATE TABLE "Post" ("id" TEXT NOT NULL, "title" TEXT NOT NULL, "authorId" TEXT NOT NULL, "isPublished" BOOLEAN NOT NULL DEFAULT false, "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, "updatedAt" TIMESTAMP(3) NOT NULL, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));`,
    `CREATE TABLE "PostComment" ("id" TEXT NOT NULL, "postId" TEXT NOT NULL, "body" TEXT NOT NULL, "isHidden" BOOLEAN NOT NULL DEFAULT false, "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, "updatedAt" TIMESTAMP(3) NOT NULL, CONSTRAINT "PostComment_pkey" PRIMARY KEY ("id"));`,
    `CREATE UNIQUE INDEX "User_email_key" ON "User"("email");`,
    `CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");`,
    `ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;`,
    `ALTER TABLE "PostComment" ADD CONSTRAINT "PostComment_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE RESTRICT ON UPDATE CASCADE;`,
  ].join('\n');

  it('learns the case of tables, columns and enum values and writes them', async () => {
    const dir = repository({
      ...pgService('blog'),
      'services/blog/prisma/migrations/20240101000000_init/migration.sql': migration,
    });
    const naming = await learn(dir);
    expect(verdicts(naming)).toMatchObject({
      'column names': 'learned',
      'table names': 'learned',
      'primary keys': 'standard',
      'enum values': 'learned',
      'boolean columns': 'standard',
      'index names': 'learned',
    });
    expect(settings(naming)).toEqual({
      'audit-columns': ['off', { case: 'camelCase' }],
      'boolean-column-name': ['warn', { case: 'camelCase' }],
      'enum-value-case': ['warn', { case: 'UPPER_SNAKE_CASE' }],
      'foreign-key-column-name': ['warn', { case: 'camelCase' }],
      'identifier-case': ['warn', { case: 'camelCase', tableCase: 'PascalCase' }],
      'index-name': ['warn', { suffixes: { index: '_idx', unique: '_key', foreignKey: '_fkey', fulltext: '_idx' } }],
      'timestamp-columns': ['warn', { case: 'camelCase' }],
    });
    expect(naming.definitions).toMatchObject({ tables: 3, files: 1 });
    // A role name (`authorId` → User) is still foreign-key-column-name's finding, now spelled camelCase.
    expect(await namingFindingsWith(dir, naming)).toEqual([
      "foreign-key-column-name services/blog/prisma/migrations/20240101000000_init/migration.sql:7:35 Foreign key column 'authorId' does not name the table it references, 'User'; expected 'userId' or a role-prefixed '*UserId'.",
    ]);
  });
});

describe('a snake_case schema with its own names for keys, timestamps and flags', () => {
  const table = (name: string, key: string, extra: string) =>
    `CREATE TABLE ${name} (${key} BIGINT PRIMARY KEY, ${extra}, created_on TIMESTAMP NOT NULL, modified_on TIMESTAMP NOT NULL);`;
  const files = {
    ...pgService('shop'),
    'services/shop/migrations/V1__init.sql': [
      table('customers', 'customer_id', 'email TEXT NOT NULL, active BOOLEAN NOT NULL'),
      table('orders', 'order_id', 'customer_id BIGINT NOT NULL REFERENCES customers (customer_id), paid BOOLEAN NOT NULL'),
      table('products', 'product_id', 'title TEXT NOT NULL, visible BOOLEAN NOT NULL'),
      table('order_lines', 'order_line_id', 'order_id BIGINT NOT NULL REFERENCES orders (order_id), gift_wrapped BOOLEAN NOT NULL'),
    ].join('\n'),
  };

  it('writes {entity}_id keys, the timestamp names used, and turns off the boolean prefix', async () => {
    const dir = repository(files);
    const naming = await learn(dir);
    expect(verdicts(naming)).toMatchObject({
      'column names': 'standard',
      'table names': 'standard',
      'primary keys': 'learned',
      timestamps: 'learned',
      'boolean columns': 'learned',
    });
    expect(settings(naming)).toEqual({
      'boolean-column-name': 'off',
      'primary-key-name': ['warn', { name: '{entity}_id' }],
      'timestamp-columns': ['warn', { required: ['created_on', 'modified_on'] }],
    });
    expect(await namingFindingsWith(dir, naming)).toEqual([]);
  });
});

describe('a repository that mixes conventions', () => {
  it('keeps every default and says which aspects are mixed', async () => {
    const dir = repository({
      ...pgService('left'),
      ...pgService('right'),
      'services/left/migrations/V1__init.sql':
        'CREATE TABLE left_items (id UUID PRIMARY KEY, itemName TEXT, unitPrice INT, createdAt TIMESTAMP, updatedAt TIMESTAMP);\n',
      'services/right/migrations/V1__init.sql':
        'CREATE TABLE right_items (id UUID PRIMARY KEY, item_name TEXT, unit_price INT, created_at TIMESTAMP, updated_at TIMESTAMP);\n',
    });
    const naming = await learn(dir);
    expect(naming.rules).toEqual([]);
    expect(verdicts(naming)).toMatchObject({ 'column names': 'mixed', timestamps: 'standard' });
    expect(naming.aspects.find((a) => a.aspect === 'column names')!.text).toMatch(/^mixed/);
  });
});

describe('the audit standard', () => {
  it('writes nothing', async () => {
    const dir = repository({
      ...pgService('auth'),
      'services/auth/migrations/V1__init.sql': [
        'CREATE TABLE auth_users (id UUID PRIMARY KEY, email TEXT NOT NULL, is_active BOOLEAN NOT NULL, created_at TIMESTAMP, updated_at TIMESTAMP);',
        'CREATE TABLE auth_roles (id UUID PRIMARY KEY, role_name TEXT NOT NULL, is_default BOOLEAN NOT NULL, created_at TIMESTAMP, updated_at TIMESTAMP);',
        'CREATE TABLE auth_user_roles (id UUID PRIMARY KEY, user_id UUID NOT NULL, role_id UUID NOT NULL, has_expiry BOOLEAN NOT NULL, created_at TIMESTAMP, updated_at TIMESTAMP,',
        '  CONSTRAINT fk_auth_user_roles_user_id FOREIGN KEY (user_id) REFERENCES auth_users (id), CONSTRAINT fk_auth_user_roles_role_id FOREIGN KEY (role_id) REFERENCES auth_roles (id));',
        'CREATE INDEX idx_auth_users_email ON auth_users (email);',
        'CREATE UNIQUE INDEX uk_auth_roles_role_name ON auth_roles (role_name);',
      ].join('\n'),
    });
    const naming = await learn(dir);
    expect(naming.rules).toEqual([]);
    expect(naming.aspects.filter((a) => a.verdict === 'learned' || a.verdict === 'mixed')).toEqual([]);
  });
});

describe("Logto's schema: {table}__{columns} index names, PascalCase enum values", () => {
  const table = (name: string, extra: string) =>
    `create table ${name} (\n  tenant_id varchar(21) not null,\n  id varchar(21) not null,\n  ${extra},\n  primary key (id)\n);\n`;
  const files = {
    ...pgService('identity'),
    'services/identity/tables/applications.sql': [
      "create type application_type as enum ('Native', 'SPA', 'Traditional', 'MachineToMachine');\n",
      table('applications', 'name varchar(256) not null, type application_type not null'),
      'create index applications__id on applications (tenant_id, id);\n',
      'create index applications__is_third_party on applications (tenant_id, is_third_party);\n',
    ].join(''),
    'services/identity/tables/users.sql': [
      "create type users_password_encryption_method as enum ('Argon2i', 'Argon2id', 'Bcrypt', 'SHA256', 'MD5');\n",
      table('users', 'username varchar(128), constraint users__username unique (tenant_id, username)'),
      'create index users__id on users (tenant_id, id);\n',
      'create index users_mfa_verifications_gin on users using gin (mfa_verifications);\n',
    ].join(''),
    'services/identity/tables/scopes.sql': [
      table('scopes', 'name varchar(256) not null, constraint scopes__name unique (tenant_id, name)'),
      'create index scopes__id on scopes (tenant_id, id);\n',
    ].join(''),
  };

  it('learns {table}__ prefixes per kind and PascalCase values; the departures from them are still reported', async () => {
    const dir = repository(files);
    const naming = await learn(dir);
    expect(naming.aspects.filter((a) => a.aspect === 'index names' || a.aspect === 'enum values')).toEqual([
      { aspect: 'index names', verdict: 'learned', text: 'index: {table}__ (4 of 5); unique: {table}__ (2 of 2, as the other kinds)' },
      { aspect: 'enum values', verdict: 'learned', text: 'PascalCase (9 of 9)' },
    ]);
    expect(settings(naming)).toMatchObject({
      'enum-value-case': ['warn', { case: 'PascalCase' }],
      'index-name': ['warn', { prefixes: { index: '{table}__', unique: '{table}__' } }],
    });
    expect((await namingFindingsWith(dir, naming)).filter((f) => f.startsWith('index-name') || f.startsWith('enum-value-case'))).toEqual([
      "index-name services/identity/tables/users.sql:9:14 Index 'users_mfa_verifications_gin' on table 'users' does not start with 'users__'; expected a name like 'users__mfa_verifications'.",
    ]);
  });

  it("keeps the defaults where names start with their table's only on one table, or enum values mix cases", async () => {
    const dir = repository({
      ...pgService('worker'),
      'services/worker/migrations/V1__jobs.sql': [
        "CREATE TYPE job_state AS ENUM ('Queued', 'running', 'done', 'FAILED');",
        'CREATE TABLE jobs (id BIGINT PRIMARY KEY, queue TEXT, run_at TIMESTAMPTZ, locked_by TEXT, state job_state);',
        'CREATE INDEX jobs__queue ON jobs (queue);',
        'CREATE INDEX jobs__run_at ON jobs (run_at);',
        'CREATE INDEX jobs__locked_by ON jobs (locked_by);',
        '',
      ].join('\n'),
    });
    const naming = await learn(dir);
    expect(naming.aspects.filter((a) => a.aspect === 'index names' || a.aspect === 'enum values')).toEqual([
      { aspect: 'index names', verdict: 'mixed', text: "index: mixed (jobs_ is a table's name)" },
      { aspect: 'enum values', verdict: 'mixed', text: 'lowercase 2, UPPER_CASE 1, PascalCase 2, camelCase 2 of 4' },
    ]);
    expect(settings(naming)['index-name']).toBeUndefined();
    expect(settings(naming)['enum-value-case']).toBeUndefined();
  });
});

describe("MySQL's names for unnamed indexes (a dump: KEY `col` (`col`, …), `col_2` on a clash)", () => {
  it('learns {column} prefixes; a hand-named index is reported', async () => {
    const dump = [
      'CREATE TABLE host (id mediumint unsigned NOT NULL auto_increment, hostname varchar(100), status tinyint, PRIMARY KEY (id), KEY hostname (hostname), KEY status (status));',
      'CREATE TABLE graph_local (id int NOT NULL auto_increment, host_id int, graph_template_id int, PRIMARY KEY (id), KEY host_id (host_id), KEY graph_template_id (graph_template_id), KEY host_id_2 (host_id, graph_template_id));',
      'CREATE TABLE poller_item (local_data_id int NOT NULL, poller_id int, rrd_next_step int, KEY local_data_id (local_data_id), KEY next_step (rrd_next_step, poller_id));',
      '',
    ].join('\n');
    const dir = repository({
      'services/cacti/package.json': JSON.stringify({ name: 'cacti', dependencies: { mysql2: '^3.0.0' } }),
      'services/cacti/conf_templates/cacti.sql': dump,
    });
    const naming = await learn(dir);
    expect(naming.aspects.find((a) => a.aspect === 'index names')).toEqual({
      aspect: 'index names',
      verdict: 'learned',
      text: 'index: {column} (6 of 7)',
    });
    expect(settings(naming)['index-name']).toEqual(['warn', { prefixes: { index: '{column}' } }]);
    expect((await namingFindingsWith(dir, naming)).filter((f) => f.startsWith('index-name'))).toEqual([
      "index-name services/cacti/conf_templates/cacti.sql:3:128 Index 'next_step' on table 'poller_item' does not start with 'rrd_next_step'; expected a name like 'rrd_next_step'.",
    ]);
  });
});

describe('learning per service', () => {
  it("reads each file's owner once, not once per service (review: per-service learning was services x files)", async () => {
    const names = ['alpha', 'beta', 'gamma', 'delta'];
    const files: Record<string, string> = {};
    for (const name of names) {
      Object.assign(files, pgService(name));
      files[`services/${name}/migrations/V1__init.sql`] =
        `CREATE TABLE ${name}_items ("itemId" UUID PRIMARY KEY, "itemName" TEXT, "unitPrice" INT, "createdAt" TIMESTAMP);\n`;
    }
    const tree = repository(files);
    const run = await lint({ cwd: tree.root, tree, config: { rules: allRulesOff() } });
    let lookups = 0;
    const counted = new Proxy(run.model, {
      get(target, key, receiver) {
        if (key !== 'serviceOf') return Reflect.get(target, key, receiver) as unknown;
        return (file: string) => {
          lookups++;
          return target.serviceOf(file);
        };
      },
    });
    const naming = learnNamingConvention(counted);
    expect(run.model.services.map((s) => s.name).sort()).toEqual([...names].sort());
    expect(lookups).toBeLessThanOrEqual(run.model.files.length);
    expect(naming).toEqual(learnNamingConvention(run.model));
    expect(settings(naming)['identifier-case']).toEqual(['warn', { case: 'camelCase', tableCase: 'snake_case' }]);
  });
});

describe('files outside every service: each folder where they branch learns its own convention (no service, or one beside services)', () => {
  // kamailio names indexes `{something}_idx` whatever their kind; a cacti dump names them after their first column.
  const kamailio = [
    'CREATE TABLE acc (id INT PRIMARY KEY, method VARCHAR(16), callid VARCHAR(255), time DATETIME);',
    'CREATE INDEX acc_callid_idx ON acc (callid);',
    'CREATE TABLE location (id INT PRIMARY KEY, ruid VARCHAR(64), username VARCHAR(64), expires DATETIME);',
    'CREATE UNIQUE INDEX ruid_idx ON location (ruid);',
    'CREATE INDEX account_contact_idx ON location (username);',
    'CREATE INDEX expires_idx ON location (expires);',
    'CREATE TABLE dialog (id INT PRIMARY KEY, hash_entry INT, hash_id INT);',
    'CREATE INDEX hash_idx ON dialog (hash_entry, hash_id);',
    'CREATE UNIQUE INDEX callid_idx ON acc (callid);',
    'CREATE UNIQUE INDEX hash_id_idx ON dialog (hash_id);',
    'CREATE UNIQUE INDEX entry_idx ON dialog (hash_entry);',
    'CREATE UNIQUE INDEX dialog_hash ON dialog (hash_entry, hash_id);',
    '',
  ].join('\n');
  const cacti = [
    'CREATE TABLE host (id INT PRIMARY KEY, hostname VARCHAR(100), status TINYINT, KEY hostname (hostname), KEY status (status));',
    'CREATE TABLE graph_local (id INT PRIMARY KEY, host_id INT, graph_template_id INT, KEY host_id (host_id), KEY graph_template_id (graph_template_id), KEY by_template (graph_template_id, host_id));',
    'CREATE TABLE poller_item (local_data_id INT PRIMARY KEY, poller_id INT, KEY poller_id (poller_id));',
    '',
  ].join('\n');

  it('writes each folder its settings; the repository keeps the defaults, and only the departures are reported', async () => {
    const dir = repository({
      'services/kamailio/utils/kamctl/mysql/standard-create.sql': kamailio,
      'services/cacti/conf_templates/cacti.sql': cacti,
      'README.md': '# operator tools\n',
    });
    const naming = await learn(dir);
    // Repository-wide, index names are mixed; only kamailio names unique indexes, so their _idx is the repository's.
    expect(settings(naming)['index-name']).toEqual(['warn', { suffixes: { unique: '_idx' } }]);
    expect(naming.services.map((s) => ({ folder: s.service, files: s.files, outside: s.outside, rules: settingsOf(s.rules) }))).toEqual([
      {
        folder: 'services/cacti',
        files: ['services/cacti'],
        outside: true,
        rules: { 'index-name': ['warn', { prefixes: { index: '{column}' }, suffixes: { unique: '_idx' } }] },
      },
      {
        folder: 'services/kamailio',
        files: ['services/kamailio'],
        outside: true,
        rules: { 'index-name': ['warn', { suffixes: { index: '_idx', unique: '_idx' } }] },
      },
    ]);
    const first = await lint({ cwd: dir.root, tree: dir });
    expect(
      first.diagnostics
        .filter((d) => d.ruleId === 'index-name')
        .map((d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`),
    ).toEqual([
      "services/cacti/conf_templates/cacti.sql:2:153-2:164 Index 'by_template' on table 'graph_local' does not start with 'graph_template_id'; expected a name like 'graph_template_id'.",
      "services/kamailio/utils/kamctl/mysql/standard-create.sql:12:21-12:32 Unique index 'dialog_hash' on table 'dialog' neither starts with 'uk_' nor ends with '_idx'; expected a name like 'dialog_hash_entry_hash_id_idx'.",
    ]);
    expect(first.notices.filter((n) => n.startsWith('Naming rules follow'))).toEqual([
      // None of the 6 tables keeps a timestamp: the repository keeps none (HELDOUT16 #23).
      "Naming rules follow the convention this repository's schema uses (timestamps: created: on none of the 6 tables (the repository keeps no timestamps); updated: on none of the 6 tables (the repository keeps no timestamps); index names: index: mixed; unique: …_idx (4 of 5)), not the defaults: settings for index-name, timestamp-columns were learned, and folders outside every service whose own schema differs follow theirs: 'services/cacti' (index-name), 'services/kamailio' (index-name), as `nilecare-lint init` would write them.",
    ]);
  });

  it('a folder that holds a service narrows to the DDL outside it; files where the folders branch follow the repository', async () => {
    const dir = repository({
      ...pgService('orders'),
      'services/orders/migrations/V1__init.sql': [
        'CREATE TABLE orders (id BIGINT PRIMARY KEY, total INT);',
        'CREATE INDEX idx_orders_total ON orders (total);',
        ...['lines', 'payments', 'refunds'].map(
          (t) =>
            `CREATE TABLE ${t} (id BIGINT PRIMARY KEY, order_id BIGINT, CONSTRAINT fk_${t}_order_id FOREIGN KEY (order_id) REFERENCES orders (id));`,
        ),
        '',
      ].join('\n'),
      'services/zabbix/database/mysql/schema.sql': [
        'CREATE TABLE hosts (hostid BIGINT PRIMARY KEY, name VARCHAR(128));',
        'CREATE TABLE items (itemid BIGINT PRIMARY KEY, hostid BIGINT, CONSTRAINT c_items_1 FOREIGN KEY (hostid) REFERENCES hosts (hostid));',
        'CREATE TABLE triggers (triggerid BIGINT PRIMARY KEY, hostid BIGINT, CONSTRAINT c_triggers_1 FOREIGN KEY (hostid) REFERENCES hosts (hostid));',
        'CREATE TABLE graphs (graphid BIGINT PRIMARY KEY, hostid BIGINT, CONSTRAINT c_graphs_1 FOREIGN KEY (hostid) REFERENCES hosts (hostid));',
        '',
      ].join('\n'),
      'database/legacy.sql': 'CREATE TABLE legacy (id INT PRIMARY KEY, code TEXT);\nCREATE INDEX legacy_code ON legacy (code);\n',
    });
    const naming = await learn(dir);
    expect(naming.services.map((s) => ({ folder: s.service, outside: s.outside, rules: settingsOf(s.rules) }))).toEqual([
      { folder: 'services/zabbix/database/mysql', outside: true, rules: { 'index-name': ['warn', { prefixes: { foreignKey: 'c_' } }] } },
    ]);
    const first = await lint({ cwd: dir.root, tree: dir });
    // The service's standard names and zabbix's own pass; the root schema file keeps the defaults.
    expect(
      first.diagnostics.filter((d) => d.ruleId === 'index-name').map((d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`),
    ).toEqual(['database/legacy.sql:2:14-2:25']);
  });
});

function settingsOf(rules: LearnedNaming['rules']) {
  return Object.fromEntries(rules.map((r) => [r.id, r.entry]));
}

describe("TypeORM's generated names (HELDOUT13 #3: medusa's @Index({ unique: true }) is IDX_<hash>, flowise mixes hashes and hand names)", () => {
  it('accepts IDX_<hash> on a unique index where TypeORM generated the names; a hand-named unique index is still reported', async () => {
    const migration = [
      'CREATE TABLE "country" ("id" SERIAL NOT NULL, "iso_2" character varying NOT NULL, "region_id" character varying, CONSTRAINT "PK_bf6ce6a3e5a5e1b8e0b5a4c3d2f" PRIMARY KEY ("id"));',
      'CREATE TABLE "gift_card" ("id" character varying NOT NULL, "code" character varying NOT NULL, "region_id" character varying NOT NULL, CONSTRAINT "PK_af4e338d2d41035042843ad641f" PRIMARY KEY ("id"));',
      'CREATE TABLE "payment_session" ("id" character varying NOT NULL, "cart_id" character varying NOT NULL, "is_selected" boolean, CONSTRAINT "PK_a1a91b20f7f3b1e5afb5485cbcd" PRIMARY KEY ("id"));',
      'CREATE UNIQUE INDEX "IDX_e78901b1131eaf8203d9b1cb5f" ON "country" ("iso_2");',
      'CREATE INDEX "IDX_b1aac8314662fa6b25569a575b" ON "country" ("region_id");',
      'CREATE UNIQUE INDEX "IDX_53cb5605fa42e82b4d47b47bda" ON "gift_card" ("code");',
      'CREATE INDEX "IDX_b6bcf8c3903097b84e85154eed" ON "gift_card" ("region_id");',
      'CREATE UNIQUE INDEX "OneSelected" ON "payment_session" ("cart_id", "is_selected");',
      'ALTER TABLE "gift_card" ADD CONSTRAINT "FK_b6bcf8c3903097b84e85154eed3" FOREIGN KEY ("region_id") REFERENCES "country"("id");',
      '',
    ].join('\n');
    const dir = repository({ ...pgService('commerce'), 'services/commerce/migrations/V1__initial_schema.sql': migration });
    const naming = await learn(dir);
    expect(naming.aspects.find((a) => a.aspect === 'index names')).toEqual({
      aspect: 'index names',
      verdict: 'learned',
      text: "TypeORM's generated names IDX_/UQ_/REL_/FK_ (5 of 6)",
    });
    expect(settings(naming)['index-name']).toEqual([
      'warn',
      { prefixes: { index: 'IDX_', unique: ['UQ_', 'REL_', 'IDX_'], foreignKey: 'FK_', fulltext: 'IDX_' } },
    ]);
    expect((await namingFindingsWith(dir, naming)).filter((f) => f.startsWith('index-name'))).toEqual([
      "index-name services/commerce/migrations/V1__initial_schema.sql:8:21 Unique index 'OneSelected' on table 'payment_session' does not start with any of 'UQ_', 'REL_', 'IDX_'; expected a name like 'UQ_payment_session_cart_id_is_selected'.",
    ]);
  });

  it("accepts TypeORM's prefixes beside the hand-written convention where the hashes are most names with TypeORM's heads", async () => {
    const migration = [
      'CREATE TABLE "chat_flow" ("id" uuid NOT NULL, "name" varchar NOT NULL, "workspaceId" uuid, CONSTRAINT "PK_3c7cea7d047ac4b91764574cdbf" PRIMARY KEY ("id"));',
      'CREATE TABLE "chat_message" ("id" uuid NOT NULL, "chatflowid" uuid NOT NULL, "chatId" varchar, CONSTRAINT "PK_3cc0d85193aade457d3077dd06b" PRIMARY KEY ("id"));',
      'CREATE TABLE "tool" ("id" uuid NOT NULL, "name" varchar NOT NULL, "workspaceId" uuid, CONSTRAINT "PK_3bf5b1016a384916073184f99b7" PRIMARY KEY ("id"));',
      'CREATE TABLE "credential" ("id" uuid NOT NULL, "name" varchar NOT NULL, "workspaceId" uuid, CONSTRAINT "PK_3a5169bcd3d5463cefeec78be82" PRIMARY KEY ("id"));',
      'CREATE INDEX "IDX_e574527322272fd838f4f0f3d3" ON "chat_message" ("chatflowid");',
      'CREATE INDEX "IDX_f56c36fe42894d57e5c664d229" ON "chat_message" ("chatId");',
      'CREATE UNIQUE INDEX "UQ_6352078b5a294f2d22179ea7956" ON "chat_message" ("chatId", "chatflowid");',
      'CREATE INDEX "IDX_chatflow_name" ON "chat_flow" ("name");',
      'CREATE INDEX "idx_chat_flow_workspaceId" ON "chat_flow" ("workspaceId");',
      'CREATE INDEX "idx_tool_workspaceId" ON "tool" ("workspaceId");',
      'CREATE INDEX "idx_credential_workspaceId" ON "credential" ("workspaceId");',
      'CREATE INDEX "idx_chat_flow_name_workspaceId" ON "chat_flow" ("name", "workspaceId");',
      'CREATE INDEX "credential_name_index" ON "credential" ("name");',
      'ALTER TABLE "chat_flow" ADD CONSTRAINT "fk_chat_flow_workspaceId" FOREIGN KEY ("workspaceId") REFERENCES "tool"("id");',
      'ALTER TABLE "tool" ADD CONSTRAINT "fk_tool_workspaceId" FOREIGN KEY ("workspaceId") REFERENCES "credential"("id");',
      'ALTER TABLE "credential" ADD CONSTRAINT "fk_credential_workspaceId" FOREIGN KEY ("workspaceId") REFERENCES "tool"("id");',
      '',
    ].join('\n');
    const dir = repository({ ...pgService('server'), 'services/server/migrations/V1__init.sql': migration });
    const naming = await learn(dir);
    expect(naming.aspects.find((a) => a.aspect === 'index names')).toEqual({
      aspect: 'index names',
      verdict: 'learned',
      text: "index: idx_ (4 of 5); foreignKey: fk_ (3 of 3); TypeORM's generated names IDX_/UQ_/REL_/FK_ beside them (3 of 12)",
    });
    expect(settings(naming)['index-name']).toEqual([
      'warn',
      {
        prefixes: {
          index: ['idx_', 'IDX_'],
          unique: ['uk_', 'UQ_', 'REL_', 'IDX_'],
          foreignKey: ['fk_', 'FK_'],
          fulltext: ['ftidx_', 'IDX_'],
        },
      },
    ]);
    // The hashes and the hand names after TypeORM's (`IDX_chatflow_name`) pass; a name of neither convention is reported.
    expect((await namingFindingsWith(dir, naming)).filter((f) => f.startsWith('index-name'))).toEqual([
      "index-name services/server/migrations/V1__init.sql:13:14 Index 'credential_name_index' on table 'credential' does not start with any of 'idx_', 'IDX_'; expected a name like 'idx_credential_name'.",
    ]);
  });

  it("accepts TypeORM's prefixes beside the hand convention where hand names with TypeORM's heads are fewer than the others (flowise)", async () => {
    // flowise: 11 IDX_<hash> and 17 hand IDX_… (IDX_chatflow_name) beside 98 idx_… and 96 fk_…: the hashes are not most
    // names with TypeORM's heads, but the hand-written TypeORM-headed names are a minority of the hand names.
    const migration = [
      'CREATE TABLE "chat_flow" ("id" uuid PRIMARY KEY, "name" varchar NOT NULL, "workspaceId" uuid);',
      'CREATE TABLE "chat_message" ("id" uuid PRIMARY KEY, "chatflowid" uuid NOT NULL, "chatId" varchar);',
      'CREATE TABLE "tool" ("id" uuid PRIMARY KEY, "name" varchar NOT NULL, "workspaceId" uuid);',
      'CREATE TABLE "credential" ("id" uuid PRIMARY KEY, "name" varchar NOT NULL, "workspaceId" uuid);',
      'CREATE INDEX "IDX_e574527322272fd838f4f0f3d3" ON "chat_message" ("chatflowid");',
      'CREATE INDEX "IDX_f56c36fe42894d57e5c664d229" ON "chat_message" ("chatId");',
      'CREATE INDEX "IDX_9acddcb7a2b51fe37669049fc6" ON "chat_message" ("chatId", "chatflowid");',
      'CREATE INDEX "IDX_chatflow_name" ON "chat_flow" ("name");',
      'CREATE INDEX "IDX_tool_name" ON "tool" ("name");',
      'CREATE INDEX "IDX_credential_name" ON "credential" ("name");',
      'CREATE INDEX "IDX_schedule_record_targetId" ON "tool" ("name", "workspaceId");',
      'CREATE INDEX "idx_chat_flow_workspaceId" ON "chat_flow" ("workspaceId");',
      'CREATE INDEX "idx_tool_workspaceId" ON "tool" ("workspaceId");',
      'CREATE INDEX "idx_credential_workspaceId" ON "credential" ("workspaceId");',
      'CREATE INDEX "idx_chat_flow_name_workspaceId" ON "chat_flow" ("name", "workspaceId");',
      'CREATE INDEX "chat_flow_name_index" ON "chat_flow" ("name");',
      'ALTER TABLE "chat_flow" ADD CONSTRAINT "fk_chat_flow_workspaceId" FOREIGN KEY ("workspaceId") REFERENCES "tool"("id");',
      'ALTER TABLE "tool" ADD CONSTRAINT "fk_tool_workspaceId" FOREIGN KEY ("workspaceId") REFERENCES "credential"("id");',
      'ALTER TABLE "credential" ADD CONSTRAINT "fk_credential_workspaceId" FOREIGN KEY ("workspaceId") REFERENCES "tool"("id");',
      '',
    ].join('\n');
    const dir = repository({ ...pgService('server'), 'services/server/migrations/V1__init.sql': migration });
    const naming = await learn(dir);
    expect(naming.aspects.find((a) => a.aspect === 'index names')).toEqual({
      aspect: 'index names',
      verdict: 'learned',
      text: "index: idx_ (4 of 5); foreignKey: fk_ (3 of 3); TypeORM's generated names IDX_/UQ_/REL_/FK_ beside them (3 of 15)",
    });
    expect(settings(naming)['index-name']?.[1]).toMatchObject({ prefixes: { index: ['idx_', 'IDX_'], foreignKey: ['fk_', 'FK_'] } });
    // The hashes and the hand names after TypeORM's pass; a name of neither convention is reported.
    expect((await namingFindingsWith(dir, naming)).filter((f) => f.startsWith('index-name'))).toEqual([
      "index-name services/server/migrations/V1__init.sql:16:14 Index 'chat_flow_name_index' on table 'chat_flow' does not start with any of 'idx_', 'IDX_'; expected a name like 'idx_chat_flow_name'.",
    ]);
  });

  it('keeps the per-kind reading where hand names with TypeORM heads outnumber the hashes', async () => {
    const migration = [
      'CREATE TABLE "a" ("id" uuid PRIMARY KEY, "x" int, "y" int);',
      'CREATE TABLE "b" ("id" uuid PRIMARY KEY, "x" int, "y" int);',
      'CREATE INDEX "IDX_e574527322272fd838f4f0f3d3" ON "a" ("x");',
      'CREATE INDEX "IDX_f56c36fe42894d57e5c664d229" ON "a" ("y");',
      'CREATE INDEX "IDX_9acddcb7a2b51fe37669049fc6" ON "b" ("x");',
      'CREATE INDEX "IDX_b_y" ON "b" ("y");',
      'CREATE INDEX "IDX_a_x_y" ON "a" ("x", "y");',
      'CREATE INDEX "IDX_b_x_y" ON "b" ("x", "y");',
      'CREATE INDEX "IDX_b_y_x" ON "b" ("y", "x");',
      'CREATE INDEX "idx_a_y_x" ON "a" ("y", "x");',
      '',
    ].join('\n');
    const naming = await learn(repository({ ...pgService('server'), 'services/server/migrations/V1__init.sql': migration }));
    expect(naming.aspects.find((a) => a.aspect === 'index names')).toEqual({
      aspect: 'index names',
      verdict: 'learned',
      text: 'index: IDX_ (7 of 8)',
    });
  });
});
