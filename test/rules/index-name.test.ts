import rule from '../../rules/index-name.js';
import { defaultTestConfig, ruleTester } from '../rule-tester.js';

/** Billing's files follow Prisma's suffixes (the config's `overrides`, as init writes them per service); the others keep the defaults. */
const billingSuffixes = {
  ...defaultTestConfig,
  overrides: [{ files: ['services/billing'], rules: { 'index-name': ['warn', { suffixes: { index: '_idx', unique: '_key' } }] } }],
} satisfies typeof defaultTestConfig;

const LONG_TABLE = 'billing_insurance_claim_adjudication_results';

ruleTester.run(rule, {
  valid: [
    {
      name: "a service's own settings (overrides): Prisma's suffixes in billing's files",
      filename: 'services/billing/migrations/V7__lines.sql',
      code: 'CREATE INDEX billing_lines_invoice_id_idx ON billing_lines (invoice_id);\nCREATE UNIQUE INDEX billing_lines_code_key ON billing_lines (code);',
      config: billingSuffixes,
    },
    {
      name: 'suffix conventions (Prisma): _idx, _key and _fkey',
      filename: 'services/clinical/prisma/migrations/20240101000000_init/migration.sql',
      code: [
        'CREATE TABLE "Post" ("id" TEXT PRIMARY KEY, "authorId" TEXT NOT NULL, "slug" TEXT NOT NULL);',
        'CREATE UNIQUE INDEX "Post_slug_key" ON "Post"("slug");',
        'CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");',
        'ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id");',
      ].join('\n'),
      options: { suffixes: { index: '_idx', unique: '_key', foreignKey: '_fkey', fulltext: '_idx' } },
    },
    {
      name: "MySQL's index for a foreign key keeps the constraint's name (HELDOUT14 #19: knex's _foreign, a Workbench dump)",
      filename: 'apps/ledger/ddl/ledger.sql',
      code: [
        'CREATE TABLE `ledger`.`participantCurrency` (`participantCurrencyId` INT PRIMARY KEY, `ledgerAccountTypeId` INT NOT NULL,',
        '  CONSTRAINT `participantcurrency_ledgeraccounttypeid_foreign` FOREIGN KEY (`ledgerAccountTypeId`) REFERENCES `ledger`.`ledgerAccountType` (`ledgerAccountTypeId`));',
        'CREATE INDEX `participantcurrency_ledgeraccounttypeid_foreign` ON `ledger`.`participantCurrency` (`ledgerAccountTypeId` ASC);',
      ].join('\n'),
      options: { suffixes: { index: '_index', unique: '_unique', foreignKey: '_foreign', fulltext: '_index' } },
    },
    {
      name: "a dump's KEY under its foreign key's name (SHOW CREATE TABLE), under the defaults",
      filename: 'services/billing/db/schema.sql',
      code: 'CREATE TABLE billing_orders (id INT PRIMARY KEY, user_id INT NOT NULL, KEY fk_billing_orders_user_id (user_id), CONSTRAINT fk_billing_orders_user_id FOREIGN KEY (user_id) REFERENCES users (id));',
    },
    {
      name: 'several accepted prefixes per kind (TypeORM: UQ_ and REL_ for unique constraints)',
      filename: 'services/billing/migrations/V9__typeorm.sql',
      code: 'CREATE TABLE billing_tokens (id CHAR(36), user_id CHAR(36), CONSTRAINT REL_9c785ce0e1f73dec32e1cce9ef UNIQUE (user_id), CONSTRAINT UQ_388d661f45e471988f7b777d8f6 UNIQUE (id));',
      options: { prefixes: { unique: ['UQ_', 'REL_'] } },
    },
    {
      name: "TypeORM's settings as init writes them: @Index({ unique: true }) is IDX_<hash>, @Unique UQ_<hash> (HELDOUT13 #3)",
      filename: 'packages/medusa/src/migrations/1611063162649-initial_schema.sql',
      code: [
        'CREATE UNIQUE INDEX "IDX_e78901b1131eaf8203d9b1cb5f" ON "country" ("iso_2");',
        'ALTER TABLE "country" ADD CONSTRAINT "UQ_6352078b5a294f2d22179ea7956" UNIQUE ("name");',
        'CREATE INDEX "IDX_b1aac8314662fa6b25569a575b" ON "country" ("region_id");',
      ].join('\n'),
      options: { prefixes: { index: 'IDX_', unique: ['UQ_', 'REL_', 'IDX_'], foreignKey: 'FK_', fulltext: 'IDX_' } },
    },
    {
      name: "TypeORM's generated names under the default settings: nobody chose them, a rename only makes the next migration:generate differ",
      filename: 'services/indexer/src/migrations/1682519108370-stake-pool-metrics.ts',
      code: [
        'await queryRunner.query(`CREATE INDEX "IDX_614b0cae8db97f4aa516e02ba5" ON "stake_pool_metrics" ("stake_pool_id")`);',
        'await queryRunner.query(`CREATE UNIQUE INDEX "REL_9c785ce0e1f73dec32e1cce9ef" ON "stake_pool_metrics" ("block_slot")`);',
        'await queryRunner.query(`ALTER TABLE "stake_pool_metrics" ADD CONSTRAINT "UQ_388d661f45e471988f7b777d8f6" UNIQUE ("epoch_no")`);',
        'await queryRunner.query(`ALTER TABLE "stake_pool_metrics" ADD CONSTRAINT "FK_ff0c0301a95e517153df97f6812" FOREIGN KEY ("stake_pool_id") REFERENCES "stake_pool"("id")`);',
      ].join('\n'),
    },
    {
      name: 'every kind with its prefix',
      filename: 'services/auth/migrations/V1__users.sql',
      code: [
        'CREATE TABLE auth_users (',
        '  id CHAR(36) PRIMARY KEY,',
        '  email VARCHAR(255) NOT NULL,',
        '  org_id CHAR(36),',
        '  bio TEXT,',
        '  UNIQUE KEY uk_auth_users_email (email),',
        '  INDEX idx_auth_users_org_id (org_id),',
        '  FULLTEXT KEY ftidx_auth_users_bio (bio),',
        '  CONSTRAINT fk_auth_users_org_id FOREIGN KEY (org_id) REFERENCES auth_orgs(id)',
        ');',
      ].join('\n'),
    },
    {
      name: 'unnamed indexes and constraints are fine by default',
      filename: 'services/billing/migrations/V2__lines.sql',
      code: 'CREATE TABLE billing_lines (\n  id CHAR(36) PRIMARY KEY,\n  invoice_id CHAR(36),\n  INDEX (invoice_id),\n  FOREIGN KEY (invoice_id) REFERENCES billing_invoices(id)\n);',
    },
    {
      name: 'requireColumns: full name',
      filename: 'services/billing/migrations/V3__idx.sql',
      code: 'CREATE INDEX idx_billing_invoices_patient_id_status ON billing_invoices (patient_id, status DESC);',
      options: { requireColumns: true },
    },
    {
      name: "requireColumns: an expression index's full name cannot be built, so its prefix is all that is asked",
      filename: 'services/auth/migrations/V3__email.sql',
      code: "CREATE UNIQUE INDEX uk_users_lower_email ON auth_users (lower(email));\nCREATE INDEX idx_events_kind ON events ((payload->>'kind'), created_at);",
      options: { requireColumns: true },
    },
    {
      name: 'requireColumns: table without its service prefix, prefix-length column',
      filename: 'services/auth/migrations/V2__idx.sql',
      code: 'CREATE UNIQUE INDEX uk_users_email ON auth_users (email(100));',
      options: { requireColumns: true },
    },
    {
      name: 'requireColumns: a full name over the identifier limit only needs the prefix',
      filename: 'services/billing/migrations/V4__idx.sql',
      code: `CREATE INDEX idx_claim_results_payer ON ${LONG_TABLE} (payer_reference_number, adjudicated_at);`,
      options: { requireColumns: true },
    },
    {
      name: 'PostgreSQL unique index',
      filename: 'services/clinical/migrations/V2__idx.sql',
      code: 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS uk_patients_mrn ON clinical_data.patients (mrn);',
    },
    {
      name: 'names built from template holes are not judged',
      filename: 'services/billing/src/dynamic.ts',
      code: 'export const index = (db: any, col: string) =>\n  db.query(`CREATE INDEX ${col}_lookup ON billing_invoices (${col})`);',
    },
    {
      name: 'custom prefixes',
      filename: 'services/payment/migrations/V2__idx.sql',
      code: 'CREATE INDEX ix_payments_status ON payments (status);',
      options: { prefixes: { index: 'ix_' } },
    },
    {
      name: "{table} prefixes (Logto's {table}__{columns}): the indexed table's name, schema-qualified or quoted",
      filename: 'packages/schemas/tables/users.sql',
      code: [
        'create table users (tenant_id varchar(21) not null, id varchar(12) not null, username varchar(128),',
        '  constraint users__username unique (tenant_id, username));',
        'create index users__id on public.users (tenant_id, id);',
        'create index "users__created_at" on "users" (tenant_id, created_at);',
      ].join('\n'),
      options: { prefixes: { index: '{table}__', unique: '{table}__' } },
    },
    {
      name: '{table} prefixes match the table as written when a later migration renamed it',
      filename: 'services/flags/migrations/V1__events.sql',
      code: 'CREATE TABLE events (id INT PRIMARY KEY, ip TEXT);\nCREATE INDEX events_ip_idx ON events (ip);',
      files: { 'services/flags/migrations/V2__rename.sql': 'ALTER TABLE events RENAME TO login_events;' },
      options: { prefixes: { index: '{table}_' } },
    },
    {
      name: "{column} prefixes (MySQL's names for unnamed indexes: the first column, _2 on a clash)",
      filename: 'services/cacti/conf_templates/cacti.sql',
      code: [
        'CREATE TABLE host_snmp_cache (',
        '  host_id mediumint unsigned NOT NULL,',
        '  snmp_index varchar(191) NOT NULL,',
        '  KEY host_id (host_id, snmp_index),',
        '  KEY snmp_index (snmp_index),',
        '  UNIQUE KEY host_id_2 (host_id, snmp_index)',
        ');',
      ].join('\n'),
      options: { prefixes: { index: '{column}', unique: '{column}' } },
    },
  ],
  invalid: [
    {
      name: "an expression index's expected name takes its plain columns only (HELDOUT15 #10: a schema's function is no column)",
      filename: 'apps/message-store/database/indexes/messages-category.sql',
      code: [
        'CREATE INDEX messages_category ON message_store.messages (',
        '  message_store.category(stream_name),',
        '  global_position,',
        "  message_store.category(metadata->>'correlationStreamName')",
        ');',
      ].join('\n'),
      errors: [
        {
          messageId: 'badPrefix',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 31,
          data: { name: 'messages_category', expected: 'idx_messages_global_position', expressions: ' (its indexed expressions left out)' },
        },
      ],
    },
    {
      name: 'an index of expressions only is expected to name its table, and the message says why',
      filename: 'services/auth/migrations/V3__email.sql',
      code: 'CREATE UNIQUE INDEX users_lower_email ON auth_users (lower(email));',
      options: { suffixes: { unique: '_key' } },
      errors: [
        {
          messageId: 'badAffix',
          line: 1,
          column: 21,
          endLine: 1,
          endColumn: 38,
          data: { name: 'users_lower_email', expected: 'auth_users_key', expressions: ' (it indexes expressions only)' },
        },
      ],
    },
    {
      name: 'an index named with the foreign key suffix but no such constraint on its table is judged as an index',
      filename: 'apps/ledger/ddl/ledger.sql',
      code: [
        'CREATE TABLE `participantCurrency` (`participantCurrencyId` INT PRIMARY KEY, `ledgerAccountTypeId` INT NOT NULL);',
        'CREATE INDEX `participantcurrency_ledgeraccounttypeid_foreign` ON `participantCurrency` (`ledgerAccountTypeId` ASC);',
      ].join('\n'),
      options: { suffixes: { index: '_index', unique: '_unique', foreignKey: '_foreign', fulltext: '_index' } },
      errors: [
        {
          messageId: 'badAffix',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 63,
          data: {
            name: 'participantcurrency_ledgeraccounttypeid_foreign',
            expected: 'participantCurrency_ledgerAccountTypeId_index',
          },
        },
      ],
    },
    {
      name: "{table} prefixes: a name that does not start with its table's, suggested as {table}__{columns}",
      filename: 'packages/schemas/alterations/1.36.0-1767859553-passkey-sign-in.ts',
      code: 'export const up = async (pool: any) => {\n  await pool.query(`create index users_mfa_verifications_gin on users using gin (mfa_verifications)`);\n};',
      options: { prefixes: { index: '{table}__' } },
      errors: [
        {
          messageId: 'badPrefix',
          line: 2,
          column: 34,
          endLine: 2,
          endColumn: 61,
          data: { name: 'users_mfa_verifications_gin', prefix: 'users__', expected: 'users__mfa_verifications' },
        },
      ],
    },
    {
      name: "{table} prefixes: another table's name is no match",
      filename: 'services/flags/migrations/V7__safeguards.sql',
      code: 'ALTER TABLE release_plan_definitions\n  ADD CONSTRAINT feature_environments_fkey FOREIGN KEY (environment) REFERENCES environments (name);',
      options: { prefixes: { foreignKey: '{table}_' } },
      errors: [
        {
          messageId: 'badPrefix',
          line: 2,
          column: 18,
          endLine: 2,
          endColumn: 43,
          data: {
            kind: 'Foreign key',
            name: 'feature_environments_fkey',
            prefix: 'release_plan_definitions_',
            expected: 'release_plan_definitions_environment',
          },
        },
      ],
    },
    {
      name: '{column} prefixes: a name that does not start with the first column',
      filename: 'services/cacti/conf_templates/cacti.sql',
      code: 'CREATE TABLE poller_item (\n  poller_id int NOT NULL,\n  rrd_next_step int NOT NULL,\n  KEY next_step (rrd_next_step, poller_id)\n);',
      options: { prefixes: { index: '{column}' } },
      errors: [
        {
          messageId: 'badPrefix',
          line: 4,
          column: 7,
          endLine: 4,
          endColumn: 16,
          data: { name: 'next_step', prefix: 'rrd_next_step', expected: 'rrd_next_step' },
        },
      ],
    },
    {
      name: "a service's own settings (overrides) judge its files only: another service's index keeps the defaults",
      filename: 'services/clinical/migrations/V4__notes.sql',
      code: 'CREATE INDEX clinical_notes_author_idx ON clinical_notes (author_id);',
      config: billingSuffixes,
      errors: [
        {
          messageId: 'badPrefix',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 39,
          data: { name: 'clinical_notes_author_idx', prefix: 'idx_' },
        },
      ],
    },
    {
      name: "a service's own settings (overrides) still report its departures from them",
      filename: 'services/billing/migrations/V8__lookup.sql',
      code: 'CREATE TABLE billing_lookup (id INT PRIMARY KEY, code VARCHAR(8));\nCREATE INDEX by_code ON billing_lookup (code);',
      config: billingSuffixes,
      errors: [
        {
          messageId: 'badAffix',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 21,
          data: { name: 'by_code', prefixes: "'idx_'", suffixes: "'_idx'" },
        },
      ],
    },
    {
      name: 'suffix conventions: a name with neither the prefix nor the suffix, suggested in the suffix form',
      filename: 'services/clinical/prisma/migrations/20240102000000_author/migration.sql',
      code: 'CREATE TABLE "Post" ("id" TEXT PRIMARY KEY, "authorId" TEXT NOT NULL);\nCREATE INDEX "post_author" ON "Post" ("authorId");',
      options: { suffixes: { index: '_idx', unique: '_key', foreignKey: '_fkey', fulltext: '_idx' } },
      errors: [
        {
          messageId: 'badAffix',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 27,
          data: { kind: 'Index', name: 'post_author', prefixes: "'idx_'", suffixes: "'_idx'", expected: 'Post_authorId_idx' },
        },
      ],
    },
    {
      name: 'suffix conventions with requireColumns: the columns between table and suffix',
      filename: 'services/clinical/prisma/migrations/20240103000000_title/migration.sql',
      code: 'CREATE INDEX "Post_title_idx" ON "Post" ("authorId");',
      options: { suffixes: { index: '_idx', unique: '_key', foreignKey: '_fkey', fulltext: '_idx' }, requireColumns: true },
      errors: [
        {
          messageId: 'badName',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 30,
          data: { name: 'Post_title_idx', expected: 'Post_authorId_idx' },
        },
      ],
    },
    {
      name: 'a name with none of several accepted prefixes',
      filename: 'services/billing/migrations/V9__typeorm.sql',
      code: 'CREATE UNIQUE INDEX billing_token_user ON billing_tokens (user_id);',
      options: { prefixes: { unique: ['UQ_', 'REL_'] } },
      errors: [
        {
          messageId: 'badPrefixes',
          line: 1,
          column: 21,
          endLine: 1,
          endColumn: 39,
          data: { kind: 'Unique index', name: 'billing_token_user', prefixes: "'UQ_', 'REL_'", expected: 'UQ_billing_tokens_user_id' },
        },
      ],
    },
    {
      name: "a hand-named unique index under TypeORM's settings",
      filename: 'packages/medusa/src/migrations/1611063162649-initial_schema.sql',
      code: 'CREATE UNIQUE INDEX "OneSelected" ON "payment_session" ("cart_id", "is_selected");',
      options: { prefixes: { index: 'IDX_', unique: ['UQ_', 'REL_', 'IDX_'], foreignKey: 'FK_', fulltext: 'IDX_' } },
      errors: [
        {
          messageId: 'badPrefixes',
          line: 1,
          column: 21,
          endLine: 1,
          endColumn: 34,
          data: {
            kind: 'Unique index',
            name: 'OneSelected',
            prefixes: "'UQ_', 'REL_', 'IDX_'",
            expected: 'UQ_payment_session_cart_id_is_selected',
          },
        },
      ],
    },
    {
      name: "a hand-written name after TypeORM's head, or a hash of another length, is judged like any other",
      filename: 'services/indexer/src/migrations/1682519108371-block.ts',
      code: [
        'await queryRunner.query(`CREATE UNIQUE INDEX "IDX_block_height" ON "block" ("height")`);',
        'await queryRunner.query(`CREATE INDEX "IDX_614b0cae8db97f4a" ON "block" ("hash")`);',
      ].join('\n'),
      errors: [
        {
          messageId: 'badPrefix',
          line: 1,
          column: 46,
          endLine: 1,
          endColumn: 64,
          data: { kind: 'Unique index', name: 'IDX_block_height', prefix: 'uk_', expected: 'uk_block_height' },
        },
        {
          messageId: 'badPrefix',
          line: 2,
          column: 39,
          endLine: 2,
          endColumn: 61,
          data: { kind: 'Index', name: 'IDX_614b0cae8db97f4a', prefix: 'idx_', expected: 'idx_block_hash' },
        },
      ],
    },
    {
      name: 'plain index without idx_',
      filename: 'services/billing/migrations/V5__indexes.sql',
      code: 'CREATE INDEX invoice_patient ON billing_invoices (patient_id);',
      errors: [
        {
          messageId: 'badPrefix',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 29,
          data: {
            kind: 'Index',
            name: 'invoice_patient',
            table: 'billing_invoices',
            prefix: 'idx_',
            expected: 'idx_billing_invoices_patient_id',
          },
        },
      ],
    },
    {
      name: 'inline unique, full-text and foreign key names (MySQL)',
      filename: 'services/auth/migrations/V3__profiles.sql',
      code: [
        'CREATE TABLE auth_profiles (',
        '  id CHAR(36) PRIMARY KEY,',
        '  user_id CHAR(36) NOT NULL,',
        '  bio TEXT,',
        '  UNIQUE KEY profile_user_unique (user_id),',
        '  FULLTEXT INDEX idx_profiles_bio (bio),',
        '  CONSTRAINT profiles_user_fk FOREIGN KEY (user_id) REFERENCES auth_users(id)',
        ');',
      ].join('\n'),
      errors: [
        {
          messageId: 'badPrefix',
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 33,
          data: { kind: 'Unique index', prefix: 'uk_', expected: 'uk_auth_profiles_user_id' },
        },
        {
          messageId: 'badPrefix',
          line: 6,
          column: 18,
          endLine: 6,
          endColumn: 34,
          data: { kind: 'Full-text index', prefix: 'ftidx_', expected: 'ftidx_auth_profiles_bio' },
        },
        {
          messageId: 'badPrefix',
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 30,
          data: { kind: 'Foreign key', prefix: 'fk_', expected: 'fk_auth_profiles_user_id' },
        },
      ],
    },
    {
      name: 'requireColumns: prefix right, columns wrong',
      filename: 'services/billing/migrations/V6__idx.sql',
      code: '\nCREATE INDEX idx_invoices_patient ON billing_invoices (patient_id, issued_at);',
      options: { requireColumns: true },
      errors: [
        {
          messageId: 'badName',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 34,
          data: { name: 'idx_invoices_patient', expected: 'idx_billing_invoices_patient_id_issued_at' },
        },
      ],
    },
    {
      name: 'requireNames: unnamed index and foreign key',
      filename: 'services/billing/migrations/V2__lines.sql',
      code: 'CREATE TABLE billing_lines (\n  id CHAR(36) PRIMARY KEY,\n  invoice_id CHAR(36),\n  INDEX (invoice_id),\n  FOREIGN KEY (invoice_id) REFERENCES billing_invoices(id)\n);',
      options: { requireNames: true },
      errors: [
        {
          messageId: 'unnamed',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 8,
          data: { kind: 'Index', expected: 'idx_billing_lines_invoice_id' },
        },
        {
          messageId: 'unnamed',
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 14,
          data: { kind: 'Foreign key', expected: 'fk_billing_lines_invoice_id' },
        },
      ],
    },
    {
      name: 'ALTER TABLE ADD INDEX with a custom prefix',
      filename: 'services/payment/migrations/V3__idx.sql',
      code: 'ALTER TABLE payments\n  ADD INDEX idx_payments_status (status);',
      options: { prefixes: { index: 'ix_' } },
      errors: [
        { messageId: 'badPrefix', line: 2, column: 13, endLine: 2, endColumn: 32, data: { prefix: 'ix_', expected: 'ix_payments_status' } },
      ],
    },
    {
      name: 'PostgreSQL index on a schema-qualified table',
      filename: 'services/clinical/migrations/V3__idx.sql',
      code: 'CREATE INDEX patients_name_idx ON clinical_data.patients (last_name, first_name);',
      errors: [
        {
          messageId: 'badPrefix',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 31,
          data: { table: 'patients', expected: 'idx_patients_last_name_first_name' },
        },
      ],
    },
    {
      name: 'the expected name is snake_case even when the columns are not',
      filename: 'services/billing/migrations/V7__idx.sql',
      code: 'CREATE TABLE billing_claims (\n  id CHAR(36) PRIMARY KEY,\n  patientId CHAR(36),\n  KEY claims_by_patient (patientId)\n);',
      errors: [
        {
          messageId: 'badPrefix',
          line: 4,
          column: 7,
          endLine: 4,
          endColumn: 24,
          data: { name: 'claims_by_patient', expected: 'idx_billing_claims_patient_id' },
        },
      ],
    },
    {
      name: 'DDL embedded in TypeScript',
      filename: 'services/payment/src/migrate.ts',
      code: "export const up = (db: any) =>\n  db.query('CREATE UNIQUE INDEX payment_ref ON payments (provider_ref)');",
      errors: [
        {
          messageId: 'badPrefix',
          line: 2,
          column: 33,
          endLine: 2,
          endColumn: 44,
          data: { kind: 'Unique index', expected: 'uk_payments_provider_ref' },
        },
      ],
    },
  ],
});
