/**
 * What `init` writes for naming: the table prefixes the services' tables actually share (or none),
 * and naming-rule settings learned from the repository's DDL when it follows its own convention.
 * A repository on the audit's standard (the bundled sample) gets exactly today's config.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { lint, type LintOptions } from '../../src/lint.js';
import { cliInMemory, fixtureCopyInMemory, repoInMemory, type MemoryFiles } from '../cli-memory.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const expectedDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'init-expected');

// init over repositories in memory (test/cli-memory.ts): its subject is what init infers and prints.
const CONFIG = 'nilecare-lint.config.json';

/** A copy of a fixture repository without its config, in memory. */
const copyOf = (fixture: string): MemoryFiles => fixtureCopyInMemory(fixture, [CONFIG]);

async function initStdout(dir: MemoryFiles): Promise<{ text: string; report: string }> {
  const io = await cliInMemory(dir, ['init', '--stdout']);
  expect(io.code, io.stderr).toBe(0);
  return { text: io.stdout, report: io.stderr };
}

/** Writes the config init printed into the repository. */
const writeConfig = (dir: MemoryFiles, text: string) => dir.write(dir.resolve(CONFIG), text, { root: dir.resolve('.') });

/** lint() over the repository in memory. */
const lintIn = (dir: MemoryFiles, options: Omit<LintOptions, 'cwd'> = {}) => lint({ cwd: dir.resolve('.'), ...dir.source(), ...options });

describe('init on the bundled sample (the audit standard): the config is exactly today’s', () => {
  it('writes the expected config, with no naming-rule settings', async () => {
    const { text, report } = await initStdout(copyOf(path.join(root, 'fixtures', 'sample-monorepo')));
    expect(text).toBe(readFileSync(path.join(expectedDir, 'sample-monorepo.jsonc'), 'utf8'));
    expect(parseConfigText(text, 'nilecare-lint.config.json').rules).toEqual({});
    // Its booleans mix is_* with *_enabled (2 of 5 prefixed), as the audit found: no convention to learn there either.
    expect(report).toContain('  boolean columns: is/has/can prefix on 2 of 5 (no convention: defaults kept)\n');
    expect(report).toContain('  no naming settings written: the rules keep their defaults\n');
    // 2 of the 4 services with tables prefix them (auth_, clinical_), billing's and payment's do not.
    expect(report).toContain(
      'table prefixes: mixed (2 of 4 services with tables share a prefix); services whose tables share none keep their default prefix',
    );
  });
});

describe('init on services whose tables carry no prefix (issue 12)', () => {
  it('writes "prefixes": [] for each, so table-prefix stays quiet after init', async () => {
    const dir = copyOf(path.join(root, 'fixtures', 'init', 'prefixless'));
    const { text, report } = await initStdout(dir);
    expect(text).toBe(readFileSync(path.join(expectedDir, 'prefixless.jsonc'), 'utf8'));
    expect(report).toContain(
      'table prefixes: not used (0 of 2 services with tables share a prefix); "prefixes": [] where a service\'s tables share none, so table-prefix stays quiet there',
    );

    const config = parseConfigText(text, 'nilecare-lint.config.json');
    expect(config.services!.map((s) => [s.name, s.prefixes])).toEqual([
      ['catalog', []],
      ['orders', []],
    ]);
    writeConfig(dir, text);
    const after = await lintIn(dir);
    expect(after.configFile).toBe('nilecare-lint.config.json');
    expect(after.diagnostics.filter((d) => d.ruleId === 'table-prefix')).toEqual([]);
    // Without the config, every table but the prefix's stem (`orders` of `orders_`) gets the default prefix's suggestion.
    const before = await lintIn(dir, { config: {} });
    expect(before.diagnostics.filter((d) => d.ruleId === 'table-prefix').map((d) => d.message)).toEqual([
      "Table 'products' created by service 'catalog' does not start with the prefix 'catalog_'.",
      "Table 'order_lines' created by service 'orders' does not start with the prefix 'orders_'.",
    ]);
  });

  it('keeps the default prefix of a service whose tables share none when most services prefix theirs', async () => {
    const service = (name: string, tables: string[]) => ({
      [`services/${name}/package.json`]: JSON.stringify({ name, dependencies: { mysql2: '^3.9.0' } }),
      [`services/${name}/.env.example`]: `DB_NAME=${name}\n`,
      [`services/${name}/migrations/V1__init.sql`]: tables.map((t) => `CREATE TABLE ${t} (id CHAR(36) PRIMARY KEY);\n`).join(''),
    });
    const files = {
      'package.json': JSON.stringify({ name: 'platform', private: true }),
      ...service('auth', ['auth_users', 'auth_roles']),
      ...service('billing', ['billing_invoices', 'billing_accounts']),
      ...service('clinical', ['clinical_notes']),
      ...service('payments', ['payments', 'refunds']),
    };
    const dir = repoInMemory(files);
    const { text, report } = await initStdout(dir);
    const config = parseConfigText(text, 'nilecare-lint.config.json');
    expect(config.services!.map((s) => [s.name, s.prefixes])).toEqual([
      ['auth', ['auth_']],
      ['billing', ['billing_']],
      ['clinical', ['clinical_']],
      ['payments', ['payments_']],
    ]);
    expect(text).toContain(
      `"prefixes": ["payments_"] // the default for 'payments': its tables share no prefix, and 3 of 4 services with tables share a prefix (prefixed)`,
    );
    expect(report).toContain(
      'table prefixes: used (3 of 4 services with tables share a prefix); a service whose tables share none keeps its default prefix',
    );
  });
});

describe('init on a consistent camelCase TypeORM schema (fixtures/layouts/camelcase-convention)', () => {
  const fixture = path.join(root, 'fixtures', 'layouts', 'camelcase-convention');

  it('writes naming-rule settings that match the schema, says what it learned, and lint then reports only the planted departures', async () => {
    const dir = copyOf(fixture);
    const { text, report } = await initStdout(dir);
    expect(text).toBe(readFileSync(path.join(expectedDir, 'camelcase-convention.jsonc'), 'utf8'));
    expect(report).toContain(
      [
        'Naming convention:',
        '  learned from 6 table(s), 45 column(s) and 10 named index(es) or constraint(s) in 3 file(s)',
        '  column names: camelCase (44 of 45) (written to the rules)',
        '  table names: snake_case (6 of 6) (as the defaults expect)',
        '  primary keys: id (6 of 6 tables) (as the defaults expect)',
        '  foreign key columns: {entity}Id (4 of 4) (written to the rules)',
        '  timestamps: createdAt on 6 of 6 created tables; updatedAt on 6 of 6 created tables (as the defaults expect)',
        '  boolean columns: is/has/can prefix on 4 of 5 (as the defaults expect)',
        "  index names: TypeORM's generated names IDX_/UQ_/REL_/FK_ (9 of 10) (written to the rules)",
        '  enum values: 2 enum value(s) (too little evidence: defaults kept)',
        '  wrote settings for audit-columns, boolean-column-name, foreign-key-column-name, identifier-case, index-name, timestamp-columns',
      ].join('\n'),
    );
    expect(report).toContain('With this config, nilecare-lint reports 3 finding(s), 0 of them cross-service queries or foreign keys');

    writeConfig(dir, text);
    const after = await lintIn(dir);
    const expected = JSON.parse(readFileSync(path.join(fixture, 'EXPECTED.json'), 'utf8')) as {
      exhaustiveRules: string[];
      findings: Array<{ ruleId: string; file: string; line: number; column: number; endLine: number; endColumn: number }>;
    };
    const key = (f: { ruleId: string; file: string; line: number; column: number; endLine: number; endColumn: number }) =>
      `${f.ruleId} ${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
    expect(
      after.diagnostics
        .filter((d) => expected.exhaustiveRules.includes(d.ruleId))
        .map(key)
        .sort(),
    ).toEqual(expected.findings.map(key).sort());
    // Without init's settings the same files get dozens of naming warnings.
    const before = await lintIn(dir, { config: {} });
    expect(before.diagnostics.filter((d) => ruleNaming(d.ruleId)).length).toBeGreaterThan(50);
  });
});

function ruleNaming(ruleId: string): boolean {
  return ['identifier-case', 'timestamp-columns', 'foreign-key-column-name', 'index-name', 'boolean-column-name', 'table-prefix'].includes(
    ruleId,
  );
}

describe('init on two services with conventions of their own (issue 14: learned per service)', () => {
  // analytics names its indexes as Prisma does (_idx/_key/_fkey) and stamps every table; identity names them as knex does
  // (_index/_unique/_foreign) and has updated_at on 1 of its 11 tables: repository-wide, index names are mixed.
  const table = (name: string, columns: string) => `CREATE TABLE ${name} (id UUID PRIMARY KEY, ${columns});\n`;
  const analytics = [
    ...['events', 'sessions', 'websites', 'reports'].map((t) => table(t, 'name TEXT, created_at TIMESTAMPTZ, updated_at TIMESTAMPTZ')),
    'CREATE INDEX events_name_idx ON events (name);\n',
    'CREATE INDEX sessions_name_idx ON sessions (name);\n',
    'CREATE UNIQUE INDEX websites_name_key ON websites (name);\n',
    'CREATE UNIQUE INDEX reports_name_key ON reports (name);\n',
    'CREATE INDEX by_report_name ON reports (name);\n',
  ].join('');
  const identityTables = ['users', 'roles', 'scopes', 'tenants', 'domains', 'hooks', 'logs', 'secrets', 'passcodes', 'connectors'];
  const identity = [
    ...identityTables.map((t) => table(t, `name TEXT, created_at TIMESTAMPTZ${t === 'hooks' ? ', updated_at TIMESTAMPTZ' : ''}`)),
    'CREATE INDEX users_name_index ON users (name);\n',
    'CREATE INDEX roles_name_index ON roles (name);\n',
    'CREATE UNIQUE INDEX scopes_name_unique ON scopes (name);\n',
    'CREATE UNIQUE INDEX tenants_name_unique ON tenants (name);\n',
    'CREATE TABLE audit_trail (id UUID PRIMARY KEY, name TEXT);\n',
  ].join('');
  const service = (name: string, sql: string) => ({
    [`services/${name}/package.json`]: JSON.stringify({ name, dependencies: { pg: '^8.11.0' } }),
    [`services/${name}/.env.example`]: `PGDATABASE=${name}\n`,
    [`services/${name}/migrations/V1__init.sql`]: sql,
  });

  it('writes "overrides" for each service, says what it learned of each, and lint then reports only their departures', async () => {
    const files = {
      'package.json': JSON.stringify({ name: 'platform', private: true }),
      ...service('analytics', analytics),
      ...service('identity', identity),
    };
    const dir = repoInMemory(files);
    const { text, report } = await initStdout(dir);
    const config = parseConfigText(text, 'nilecare-lint.config.json');
    // Repository-wide, most tables have no updated_at (5 of 15), and index names start with their table's name whatever
    // they end with: written to "rules"; analytics, whose tables all have it, is put back to the defaults for its files,
    // and each service's suffixes are written over the repository's index-name settings.
    const tablePrefixes = { index: '{table}_', unique: '{table}_' };
    expect(config.rules).toEqual({
      'index-name': ['warn', { prefixes: tablePrefixes }],
      'timestamp-columns': ['warn', { required: ['created_at'] }],
    });
    expect(config.overrides).toEqual([
      {
        files: ['services/analytics'],
        rules: {
          'index-name': [
            'warn',
            { prefixes: tablePrefixes, suffixes: { index: '_idx', unique: '_key', foreignKey: '_fkey', fulltext: '_idx' } },
          ],
          'timestamp-columns': ['warn', {}],
        },
      },
      {
        files: ['services/identity'],
        rules: {
          'index-name': [
            'warn',
            { prefixes: tablePrefixes, suffixes: { index: '_index', unique: '_unique', foreignKey: '_foreign', fulltext: '_index' } },
          ],
        },
      },
    ]);
    expect(text).toContain(
      '"timestamp-columns": ["warn", {}] // the defaults, which its own schema follows (snake_case (16 of 16); created_at on 4 of 4 created tables; updated_at on 4 of 4 created tables)',
    );
    expect(report).toContain(
      [
        '  timestamps: created_at on 14 of 15 created tables; updated: absent from most tables (on 5 of 15 tables) (written to the rules)',
        '  boolean columns: 0 boolean column(s) (too little evidence: defaults kept)',
        '  index names: index: {table}_ (4 of 5); unique: {table}_ (4 of 4) (written to the rules)',
        '  enum values: 0 enum value(s) (too little evidence: defaults kept)',
        '  wrote settings for index-name, timestamp-columns',
        "  service 'analytics' (services/analytics), from its own 4 table(s), 16 column(s) and 5 named index(es) or constraint(s) in 1 file(s):",
        '    column names: snake_case (16 of 16)',
        '    timestamps: created_at on 4 of 4 created tables; updated_at on 4 of 4 created tables',
        "    index names: Prisma's and PostgreSQL's _idx/_key/_fkey suffixes (4 of 5)",
        '    wrote "overrides" for its files: index-name, timestamp-columns',
        "  service 'identity' (services/identity), from its own 11 table(s), 33 column(s) and 4 named index(es) or constraint(s) in 1 file(s):",
        "    index names: knex's _index/_unique/_foreign suffixes (4 of 4)",
        '    wrote "overrides" for its files: index-name',
      ].join('\n'),
    );

    const naming = ['index-name', 'timestamp-columns'];
    const findings = (run: Awaited<ReturnType<typeof lint>>) =>
      run.diagnostics
        .filter((d) => naming.includes(d.ruleId))
        .map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`);
    // The departures from each service's own convention: analytics' by_report_name, identity's audit_trail without created_at.
    const departures = [
      'index-name services/analytics/migrations/V1__init.sql:9:14-9:28',
      'timestamp-columns services/identity/migrations/V1__init.sql:15:14-15:25',
    ];
    const before = await lintIn(dir, { config: {} });
    expect(findings(before)).toHaveLength(20);
    writeConfig(dir, text);
    expect(findings(await lintIn(dir))).toEqual(departures);
    // A run without any config applies the same per-service settings, and says so once.
    const first = await lintIn(repoInMemory(files));
    expect(findings(first)).toEqual(departures);
    expect(first.notices.filter((n) => n.startsWith('Naming rules follow'))).toEqual([
      "Naming rules follow the convention this repository's schema uses (timestamps: created_at on 14 of 15 created tables; updated: absent from most tables (on 5 of 15 tables); index names: index: {table}_ (4 of 5); unique: {table}_ (4 of 4)), not the defaults: settings for index-name, timestamp-columns were learned, and services whose own schema differs follow theirs: 'analytics' (index-name, timestamp-columns), 'identity' (index-name), as `nilecare-lint init` would write them.",
    ]);
  });
});

describe('init on a camelCase knex / MySQL schema keyed {entity}Id (HELDOUT14 #16, #17: mojaloop)', () => {
  // Each table's key is its name as written + Id (`contactType.contactTypeId`), and each foreign key column names its
  // camelCase table the same way: one convention, learned and then held, never lower-cased (`contacttypeContacttypeid`).
  const ddl = [
    'CREATE TABLE `contactType` (`contactTypeId` INT UNSIGNED NOT NULL AUTO_INCREMENT, `name` VARCHAR(50) NOT NULL, `createdDate` DATETIME NOT NULL, PRIMARY KEY (`contactTypeId`));',
    'CREATE TABLE `ledgerAccountType` (`ledgerAccountTypeId` INT UNSIGNED NOT NULL AUTO_INCREMENT, `name` VARCHAR(50) NOT NULL, `createdDate` DATETIME NOT NULL, PRIMARY KEY (`ledgerAccountTypeId`));',
    'CREATE TABLE `participant` (`participantId` INT UNSIGNED NOT NULL AUTO_INCREMENT, `name` VARCHAR(256) NOT NULL, `createdDate` DATETIME NOT NULL, PRIMARY KEY (`participantId`));',
    'CREATE TABLE `participantContact` (`participantContactId` INT UNSIGNED NOT NULL AUTO_INCREMENT, `participantId` INT UNSIGNED NOT NULL, `contactTypeId` INT UNSIGNED NOT NULL, `createdDate` DATETIME NOT NULL, PRIMARY KEY (`participantContactId`),',
    '  CONSTRAINT `participantcontact_participantid_foreign` FOREIGN KEY (`participantId`) REFERENCES `participant` (`participantId`),',
    '  CONSTRAINT `participantcontact_contacttypeid_foreign` FOREIGN KEY (`contactTypeId`) REFERENCES `contactType` (`contactTypeId`));',
    'CREATE TABLE `participantCurrency` (`participantCurrencyId` INT UNSIGNED NOT NULL AUTO_INCREMENT, `participantId` INT UNSIGNED NOT NULL, `ledgerAccountTypeId` INT UNSIGNED NOT NULL, `createdDate` DATETIME NOT NULL, PRIMARY KEY (`participantCurrencyId`),',
    '  CONSTRAINT `participantcurrency_participantid_foreign` FOREIGN KEY (`participantId`) REFERENCES `participant` (`participantId`),',
    '  CONSTRAINT `participantcurrency_ledgeraccounttypeid_foreign` FOREIGN KEY (`ledgerAccountTypeId`) REFERENCES `ledgerAccountType` (`ledgerAccountTypeId`));',
    'CREATE TABLE `participantPosition` (`participantPositionId` INT UNSIGNED NOT NULL AUTO_INCREMENT, `accountId` INT UNSIGNED NOT NULL, `createdDate` DATETIME NOT NULL, PRIMARY KEY (`participantPositionId`),',
    '  CONSTRAINT `participantposition_accountid_foreign` FOREIGN KEY (`accountId`) REFERENCES `participantCurrency` (`participantCurrencyId`));',
    'CREATE TABLE `settlementWindow` (`windowId` INT UNSIGNED NOT NULL AUTO_INCREMENT, `createdDate` DATETIME NOT NULL, PRIMARY KEY (`windowId`));',
    '',
  ].join('\n');
  const files = {
    'package.json': JSON.stringify({ name: 'switch', private: true }),
    'apps/ledger/package.json': JSON.stringify({ name: 'ledger', dependencies: { knex: '^3.1.0', mysql: '^2.18.1' } }),
    'apps/ledger/config/knexfile.js':
      "module.exports = { client: 'mysql', connection: process.env.DATABASE_URL, migrations: { directory: '../migrations' } };\n",
    'apps/ledger/ddl/ledger.sql': ddl,
  };

  it('learns {entity}Id keys and foreign key columns spelled as the table is; lint then reports only the departures', async () => {
    const dir = repoInMemory(files);
    const { text, report } = await initStdout(dir);
    expect(report).toContain('  primary keys: {entity}Id (6 of 7 tables) (written to the rules)\n');
    expect(report).toContain('  foreign key columns: {entity}Id (5 of 5) (written to the rules)\n');
    expect(parseConfigText(text, 'nilecare-lint.config.json').rules?.['primary-key-name']).toEqual(['warn', { name: '{entity}Id' }]);
    writeConfig(dir, text);
    const after = await lintIn(dir);
    const findings = after.diagnostics
      .filter((d) => d.ruleId === 'primary-key-name' || d.ruleId === 'foreign-key-column-name')
      .map((d) => [d.ruleId, d.line, d.column, d.endLine, d.endColumn, d.message]);
    expect(findings).toEqual([
      [
        'foreign-key-column-name',
        10,
        99,
        10,
        110,
        "Foreign key column 'accountId' does not name the table it references, 'participantCurrency'; expected 'participantCurrencyId' or a role-prefixed '*ParticipantCurrencyId'.",
      ],
      [
        'primary-key-name',
        12,
        34,
        12,
        44,
        "Primary key column 'windowId' of table 'settlementWindow' should be named 'settlementWindowId'.",
      ],
    ]);
  });
});

describe('init where timestamps are absent repository-wide: a service shows too little to demand them again (HELDOUT15 #2, HELDOUT14 #29)', () => {
  // Two plugins create the identical plugin_status table (cacti's persistence plugins); no table anywhere has updated_at and
  // created_at is on 4 of 12 tables: repository-wide both are "absent from most tables". ethereum's 7 tables show created_at
  // on 4 (its own convention); fabric's 6 show it on plugin_status alone (too few to tell); neither shows updated_at.
  const pluginStatus =
    'CREATE TABLE plugin_status (name TEXT NOT NULL, last_instance_id TEXT, is_schema_initialized BOOLEAN, created_at TIMESTAMP, PRIMARY KEY (name));\n';
  const table = (name: string, stamped: boolean) =>
    `CREATE TABLE ${name} (id SERIAL PRIMARY KEY, hash TEXT${stamped ? ', created_at TIMESTAMP' : ''});\n`;
  const ethereum = [
    pluginStatus,
    table('block', true),
    table('token_metadata_erc20', true),
    table('token_metadata_erc721', true),
    table('token_erc721', false),
    table('transaction', false),
    table('token_transfer', false),
  ].join('');
  const fabric = [
    pluginStatus,
    ...['fabric_block', 'certificate', 'fabric_transaction', 'transaction_action', 'endorsement'].map((t) => table(t, false)),
  ].join('');
  const plugin = (name: string, sql: string) => ({
    [`packages/${name}/package.json`]: JSON.stringify({ name, dependencies: { pg: '^8.11.0' } }),
    [`packages/${name}/.env.example`]: `PGDATABASE=${name}\n`,
    [`packages/${name}/migrations/V1__schema.sql`]: sql,
  });
  const files = {
    'package.json': JSON.stringify({ name: 'cacti', private: true }),
    ...plugin('ethereum', ethereum),
    ...plugin('fabric', fabric),
  };

  it('keeps the repository’s "not required" for a role a service shows too little of, so one DDL gets one verdict', async () => {
    const dir = repoInMemory(files);
    const { text, report } = await initStdout(dir);
    const config = parseConfigText(text, 'nilecare-lint.config.json');
    expect(config.rules?.['timestamp-columns']).toEqual(['warn', { required: [] }]);
    // ethereum's own created_at convention is written for its files, with the repository's verdict on updated; fabric follows the repository.
    expect(config.overrides).toEqual([
      { files: ['packages/ethereum'], rules: { 'timestamp-columns': ['warn', { required: ['created_at'] }] } },
    ]);
    expect(report).toContain(
      '  timestamps: created: absent from most tables (on 4 of 12 tables); updated: absent from most tables (on 0 of 12 tables) (written to the rules)\n',
    );
    expect(report).toContain(
      '    timestamps: created_at on 4 of 7 created tables; updated: none found: not required, as in the repository\n',
    );
    expect(report).not.toContain("service 'fabric'");

    const findings = (run: Awaited<ReturnType<typeof lint>>) =>
      run.diagnostics
        .filter((d) => d.ruleId === 'timestamp-columns')
        .map((d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`);
    writeConfig(dir, text);
    // Only ethereum's departures from its own created_at; nothing on plugin_status in either plugin, nothing on updated_at.
    expect(findings(await lintIn(dir))).toEqual([
      "packages/ethereum/migrations/V1__schema.sql:5:14-5:26 Table 'token_erc721' has no 'created_at' column.",
      "packages/ethereum/migrations/V1__schema.sql:6:14-6:25 Table 'transaction' has no 'created_at' column.",
      "packages/ethereum/migrations/V1__schema.sql:7:14-7:28 Table 'token_transfer' has no 'created_at' column.",
    ]);
  });

  it('still demands a role a service shows on most of its tables where the repository learned it absent', async () => {
    // fabric with updated_at on 4 of its 6 tables: its own convention, written for its files; ethereum keeps the repository's.
    const stamped = fabric
      .replace(/hash TEXT\)/g, 'hash TEXT, updated_at TIMESTAMP)')
      .replace(
        'transaction_action (id SERIAL PRIMARY KEY, hash TEXT, updated_at TIMESTAMP)',
        'transaction_action (id SERIAL PRIMARY KEY, hash TEXT)',
      );
    const dir = repoInMemory({ ...files, 'packages/fabric/migrations/V1__schema.sql': stamped });
    const { text } = await initStdout(dir);
    const config = parseConfigText(text, 'nilecare-lint.config.json');
    expect(config.overrides).toContainEqual({
      files: ['packages/fabric'],
      rules: { 'timestamp-columns': ['warn', { required: ['updated_at'] }] },
    });
    writeConfig(dir, text);
    const run = await lintIn(dir);
    const updated = run.diagnostics.filter((d) => d.ruleId === 'timestamp-columns' && d.message.includes('updated_at'));
    expect(updated.map((d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`)).toEqual([
      "packages/fabric/migrations/V1__schema.sql:1:14-1:27 Table 'plugin_status' has no 'updated_at' column.",
      "packages/fabric/migrations/V1__schema.sql:5:14-5:32 Table 'transaction_action' has no 'updated_at' column.",
    ]);
  });
});

describe('init where a service names the indexes of one table after it (HELDOUT14 #5, #12: atproto ozone, pubsweet)', () => {
  // ozone's 4 indexes are all on moderation_event, `moderation_event_…_idx` / `_ids`, and its one unique index on scheduled_action is
  // `scheduled_action_unique_pending_subject`; bsky names its 2 indexes `{table}_…` on two more tables. Repository-wide the
  // indexes are `{table}_` on three tables; ozone's alone (one table) show no convention of their own, for or against.
  const ozone = [
    'CREATE TABLE moderation_event (id SERIAL PRIMARY KEY, created_by TEXT, subject_did TEXT, created_at TEXT, action TEXT);',
    'CREATE INDEX moderation_event_account_reports_idx ON moderation_event (created_by, subject_did, created_at);',
    'CREATE INDEX moderation_event_record_reports_idx ON moderation_event (created_by, subject_did);',
    'CREATE INDEX moderation_event_account_actions_ids ON moderation_event (subject_did, action, created_at);',
    'CREATE INDEX moderation_event_record_actions_ids ON moderation_event (action);',
    'CREATE TABLE scheduled_action (id SERIAL PRIMARY KEY, did TEXT, action TEXT);',
    'CREATE UNIQUE INDEX scheduled_action_unique_pending_subject ON scheduled_action (did, action);',
    '',
  ].join('\n');
  const bsky = [
    'CREATE TABLE post (uri TEXT PRIMARY KEY, creator TEXT);',
    'CREATE INDEX post_creator ON post (creator);',
    'CREATE TABLE follow (uri TEXT PRIMARY KEY, creator TEXT);',
    'CREATE INDEX follow_creator ON follow (creator);',
    '',
  ].join('\n');
  const service = (name: string, sql: string) => ({
    [`packages/${name}/package.json`]: JSON.stringify({ name, dependencies: { pg: '^8.11.0' } }),
    [`packages/${name}/.env.example`]: `PGDATABASE=${name}\n`,
    [`packages/${name}/migrations/001-init.sql`]: sql,
  });
  const indexFindings = (run: Awaited<ReturnType<typeof lint>>) =>
    run.diagnostics
      .filter((d) => d.ruleId === 'index-name')
      .map((d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`);

  it('keeps the repository’s {table}_ for the service, and a kind of one name on one table follows it', async () => {
    const dir = repoInMemory({
      'package.json': JSON.stringify({ name: 'atproto', private: true }),
      ...service('ozone', ozone),
      ...service('bsky', bsky),
    });
    const { text, report } = await initStdout(dir);
    const config = parseConfigText(text, 'nilecare-lint.config.json');
    expect(config.rules?.['index-name']).toEqual(['warn', { prefixes: { index: '{table}_', unique: '{table}_' } }]);
    expect(config.overrides).toBeUndefined();
    expect(report).toContain(
      '  index names: index: {table}_ (6 of 6); unique: {table}_ (1 of 1, as the other kinds) (written to the rules)\n',
    );
    expect(report).not.toContain("service 'ozone'");
    writeConfig(dir, text);
    expect(indexFindings(await lintIn(dir))).toEqual([]);
  });

  it('keeps the defaults for a service of one table where the repository follows them', async () => {
    const standard = [
      'CREATE TABLE post (uri TEXT PRIMARY KEY, creator TEXT, kind TEXT, cid TEXT);',
      'CREATE INDEX idx_post_creator ON post (creator);',
      'CREATE INDEX idx_post_kind ON post (kind);',
      'CREATE TABLE follow (uri TEXT PRIMARY KEY, creator TEXT);',
      'CREATE INDEX idx_follow_creator ON follow (creator);',
      'CREATE UNIQUE INDEX uk_post_cid ON post (cid);',
      '',
    ].join('\n');
    const dir = repoInMemory({
      'package.json': JSON.stringify({ name: 'atproto', private: true }),
      ...service('ozone', ozone),
      ...service('bsky', standard),
    });
    const { text, report } = await initStdout(dir);
    expect(parseConfigText(text, 'nilecare-lint.config.json').rules?.['index-name']).toBeUndefined();
    expect(report).toContain('  index names: index: mixed; unique: mixed (no convention: defaults kept)\n');
    writeConfig(dir, text);
    expect(indexFindings(await lintIn(dir))).toHaveLength(5);
  });

  it('says a single name is too little evidence, not that it follows the defaults (pubsweet: is_default_idx)', async () => {
    const users = [
      'CREATE TABLE identities (id UUID PRIMARY KEY, user_id UUID, is_default BOOLEAN);',
      'CREATE UNIQUE INDEX is_default_idx ON identities (is_default, user_id) WHERE is_default IS true;',
      '',
    ].join('\n');
    const dir = repoInMemory({ 'package.json': JSON.stringify({ name: 'pubsweet', private: true }), ...service('model-user', users) });
    const { text, report } = await initStdout(dir);
    expect(report).toContain('  index names: unique: …_idx on only 1 (too little evidence: defaults kept)\n');
    writeConfig(dir, text);
    // The defaults kept, the rule reports the name by them: what init said it would do.
    expect(indexFindings(await lintIn(dir))).toEqual([
      "packages/model-user/migrations/001-init.sql:2:21-2:35 Unique index 'is_default_idx' on table 'identities' does not start with 'uk_'; expected a name like 'uk_identities_is_default_user_id'.",
    ]);
  });
});

describe('init where no table keeps a timestamp: the repository keeps none (HELDOUT16 #23: coturn, 16 warnings on 8 tables)', () => {
  const table = (name: string, column = 'value VARCHAR(256)') => `CREATE TABLE ${name} (id SERIAL PRIMARY KEY, ${column});\n`;
  const schema = (names: string[], stampedOne?: string) =>
    names.map((name) => table(name, name === stampedOne ? 'value TEXT, created_at TIMESTAMP' : undefined)).join('');
  const repository = (sql: string) =>
    repoInMemory({
      'package.json': JSON.stringify({ name: 'turn', private: true, workspaces: ['services/*'] }),
      'services/admin/package.json': JSON.stringify({ name: 'admin', dependencies: { pg: '^8.11.0' } }),
      'services/admin/migrations/V1__schema.sql': sql,
    });
  const timestampFindings = async (dir: MemoryFiles) =>
    (await lintIn(dir)).diagnostics.filter((d) => d.ruleId === 'timestamp-columns').map((d) => `${d.line}:${d.column} ${d.message}`);
  const FIVE = ['turnusers_lt', 'turn_secret', 'admin_user', 'oauth_key', 'turn_origin_to_realm'];

  it('learns from 5 tables without one that none is required, says why, and neither run reports one', async () => {
    const dir = repository(schema(FIVE));
    expect(await timestampFindings(dir)).toEqual([]);
    const { text, report } = await initStdout(dir);
    expect(parseConfigText(text, 'nilecare-lint.config.json').rules?.['timestamp-columns']).toEqual(['warn', { required: [] }]);
    expect(report).toContain(
      '  timestamps: created: on none of the 5 tables (the repository keeps no timestamps); updated: on none of the 5 tables (the repository keeps no timestamps) (written to the rules)\n',
    );
    writeConfig(dir, text);
    expect(await timestampFindings(dir)).toEqual([]);
  });

  it('keeps demanding them where 4 tables show too little, or where one table of 5 keeps one (a departure from it, not its absence)', async () => {
    expect(await timestampFindings(repository(schema(FIVE.slice(0, 4))))).toHaveLength(8);
    expect(await timestampFindings(repository(schema(FIVE, 'oauth_key')))).toEqual([
      "1:14 Table 'turnusers_lt' has no 'created_at' column.",
      "1:14 Table 'turnusers_lt' has no 'updated_at' column.",
      "2:14 Table 'turn_secret' has no 'created_at' column.",
      "2:14 Table 'turn_secret' has no 'updated_at' column.",
      "3:14 Table 'admin_user' has no 'created_at' column.",
      "3:14 Table 'admin_user' has no 'updated_at' column.",
      "4:14 Table 'oauth_key' has no 'updated_at' column.",
      "5:14 Table 'turn_origin_to_realm' has no 'created_at' column.",
      "5:14 Table 'turn_origin_to_realm' has no 'updated_at' column.",
    ]);
  });
});
