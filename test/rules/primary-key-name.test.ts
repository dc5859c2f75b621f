import rule from '../../rules/primary-key-name.js';
import { ruleTester } from '../rule-tester.js';

const EF_HISTORY = [
  // `dotnet ef migrations script --idempotent` for Pomelo (MySQL): EF Core's bookkeeping table, then the migration.
  'CREATE TABLE IF NOT EXISTS `__EFMigrationsHistory` (',
  '    `MigrationId` varchar(150) NOT NULL,',
  '    `ProductVersion` varchar(32) NOT NULL,',
  '    PRIMARY KEY (`MigrationId`)',
  ');',
  "INSERT INTO `__EFMigrationsHistory` (`MigrationId`, `ProductVersion`) VALUES ('20240201093000_InitialCreate', '8.0.4');",
].join('\n');

ruleTester.run(rule, {
  valid: [
    {
      name: "EF Core's __EFMigrationsHistory is the migration tool's bookkeeping table, never judged (HELDOUT8 #6)",
      filename: 'services/billing/deploy/sql/billing-migrations.sql',
      code: EF_HISTORY,
    },
    {
      name: 'pg_dump / structure.sql: the key comes from a later ALTER TABLE ONLY … ADD CONSTRAINT … PRIMARY KEY in the same file',
      filename: 'services/clinical/db/structure.sql',
      code: [
        'CREATE TABLE public.encounters (',
        '    id bigint NOT NULL,',
        '    started_at timestamp with time zone NOT NULL',
        ');',
        'ALTER TABLE public.encounters OWNER TO clinical_app;',
        'ALTER TABLE ONLY public.encounters',
        '    ADD CONSTRAINT encounters_pkey PRIMARY KEY (id);',
      ].join('\n'),
    },
    {
      name: "a key a later migration of the service adds (MySQL's ALTER TABLE t ADD PRIMARY KEY)",
      filename: 'services/billing/migrations/V1__accounts.sql',
      code: 'CREATE TABLE billing_accounts (id CHAR(36) NOT NULL, name VARCHAR(100));',
      files: { 'services/billing/migrations/V2__accounts_key.sql': 'ALTER TABLE billing_accounts ADD PRIMARY KEY (id);' },
    },
    {
      name: "a migration runner's bookkeeping table (schema_migrations keyed by file name) is the tool's schema, not judged",
      filename: 'services/billing/scripts/migrate.js',
      code: "await db.none('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');",
    },
    {
      name: 'name {entity}_id: the singular table name without its service prefix',
      filename: 'services/billing/migrations/V9__accounts.sql',
      code: 'CREATE TABLE billing_accounts (account_id CHAR(36) PRIMARY KEY, name VARCHAR(100));',
      options: { name: '{entity}_id' },
    },
    {
      name: 'name {entity}Id: a camelCase table names its words (HELDOUT14 #16: contactType.contactTypeId, participants.participantId)',
      filename: 'apps/ledger/ddl/ledger.sql',
      code: [
        'CREATE TABLE `contactType` (`contactTypeId` INT UNSIGNED NOT NULL AUTO_INCREMENT, `name` VARCHAR(50), PRIMARY KEY (`contactTypeId`));',
        'CREATE TABLE `LedgerAccountTypes` (`ledgerAccountTypeId` INT PRIMARY KEY);',
        'CREATE TABLE `participants` (`participantId` INT PRIMARY KEY);',
      ].join('\n'),
      options: { name: '{entity}Id' },
    },
    {
      name: "name {entity}Id: a one-to-one table keyed by another entity's key (a foreign key, or beside that table's own key)",
      filename: 'apps/ledger/ddl/ledger.sql',
      code: [
        'CREATE TABLE `transfer` (`transferId` VARCHAR(36) NOT NULL, PRIMARY KEY (`transferId`));',
        'CREATE TABLE `transferDuplicateCheck` (`transferId` VARCHAR(36) NOT NULL, `hash` VARCHAR(256), PRIMARY KEY (`transferId`));',
        'CREATE TABLE `ilpPacket` (`transferId` VARCHAR(36) NOT NULL, PRIMARY KEY (`transferId`), FOREIGN KEY (`transferId`) REFERENCES `transfers` (`transferId`));',
      ].join('\n'),
      options: { name: '{entity}Id' },
    },
    {
      name: 'name {entity}_id: a camelCase table keeps the snake_case key contact_type_id',
      filename: 'apps/ledger/ddl/ledger.sql',
      code: 'CREATE TABLE `contactType` (`contact_type_id` INT PRIMARY KEY);',
      options: { name: '{entity}_id' },
    },
    {
      name: 'name {entity}Id: camelCase keys',
      filename: 'services/billing/migrations/V9__profiles.sql',
      code: 'CREATE TABLE billing_user_profiles (userProfileId CHAR(36) PRIMARY KEY);',
      options: { name: '{entity}Id' },
    },
    {
      filename: 'services/billing/migrations/V1__accounts.sql',
      code: 'CREATE TABLE billing_accounts (id CHAR(36) PRIMARY KEY, name VARCHAR(100));',
    },
    {
      name: 'table-level PRIMARY KEY (id)',
      filename: 'services/billing/migrations/V2__items.sql',
      code: 'CREATE TABLE billing_items (\n  id CHAR(36) NOT NULL,\n  label VARCHAR(50),\n  PRIMARY KEY (id)\n);',
    },
    {
      name: 'composite key of a join table',
      filename: 'services/auth/migrations/V2__user_roles.sql',
      code: 'CREATE TABLE auth_user_roles (\n  user_id CHAR(36) NOT NULL,\n  role_id CHAR(36) NOT NULL,\n  PRIMARY KEY (user_id, role_id)\n);',
    },
    {
      name: 'PostgreSQL UUID key with an allowed type',
      filename: 'services/clinical/migrations/V1__encounters.sql',
      code: 'CREATE TABLE encounters (\n  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),\n  started_at TIMESTAMPTZ NOT NULL\n);',
      options: { types: ['CHAR(36)', 'UUID'] },
    },
    {
      name: 'type comparison ignores case and spaces',
      filename: 'services/billing/migrations/V3__notes.sql',
      code: 'CREATE TABLE billing_notes (id char( 36 ) PRIMARY KEY);',
      options: { types: ['CHAR(36)'] },
    },
    {
      name: 'ALTER TABLE without a key says nothing about the key',
      filename: 'services/billing/migrations/V4__due.sql',
      code: 'ALTER TABLE billing_accounts ADD COLUMN due_at TIMESTAMP NULL;',
    },
    {
      name: 'CREATE TABLE … LIKE copies the key',
      filename: 'services/billing/migrations/V5__archive.sql',
      code: 'CREATE TABLE billing_accounts_archive LIKE billing_accounts;',
    },
    {
      name: "letter case of the key is identifier-case's finding",
      filename: 'services/billing/migrations/V6__weird.sql',
      code: 'CREATE TABLE `billing_weird` (`Id` INT NOT NULL, PRIMARY KEY (`Id`));',
    },
    {
      name: 'a key named by a template hole has no known name',
      filename: 'services/billing/src/dynamic.ts',
      code: 'export const make = (db: any, keyColumn: string) =>\n  db.query(`CREATE TABLE billing_dynamic (${keyColumn} CHAR(36) PRIMARY KEY, label VARCHAR(20))`);',
    },
    {
      name: 'custom key name',
      filename: 'services/payment/migrations/V1__payments.sql',
      code: 'CREATE TABLE payments (uuid CHAR(36) PRIMARY KEY);',
      options: { name: 'uuid' },
    },
    {
      name: 'temporary tables need no key (MySQL and PostgreSQL)',
      filename: 'services/billing/migrations/V7__totals.sql',
      code: 'CREATE TEMPORARY TABLE tmp_totals (invoice_id CHAR(36), total DECIMAL(10,2));',
      files: { 'services/clinical/migrations/V7__scratch.sql': 'CREATE TEMP TABLE tmp_visits (patient_id UUID, visits INT);' },
    },
  ],
  invalid: [
    {
      name: "name {entity}Id: another entity's key with no such table and no foreign key is no shared key",
      filename: 'apps/ledger/ddl/ledger.sql',
      code: 'CREATE TABLE `transferDuplicateCheck` (`transferId` VARCHAR(36) NOT NULL, PRIMARY KEY (`transferId`));',
      options: { name: '{entity}Id' },
      errors: [
        {
          messageId: 'wrongName',
          line: 1,
          column: 40,
          endLine: 1,
          endColumn: 52,
          data: { column: 'transferId', table: 'transferDuplicateCheck', expected: 'transferDuplicateCheckId' },
        },
      ],
    },
    {
      name: 'name {entity}Id: the expected key of a camelCase table is its name as written + Id',
      filename: 'apps/ledger/ddl/ledger.sql',
      code: 'CREATE TABLE `contactType` (`typeId` INT PRIMARY KEY);',
      options: { name: '{entity}Id' },
      errors: [
        {
          messageId: 'wrongName',
          line: 1,
          column: 29,
          endLine: 1,
          endColumn: 37,
          data: { column: 'typeId', table: 'contactType', expected: 'contactTypeId' },
        },
      ],
    },
    {
      name: "a table that only resembles a tool's bookkeeping table is the service's own",
      filename: 'services/billing/scripts/migrate.js',
      code: "await db.none('CREATE TABLE IF NOT EXISTS billing_data_migrations (name VARCHAR(100) PRIMARY KEY)');",
      errors: [
        {
          messageId: 'wrongName',
          line: 1,
          column: 68,
          endLine: 1,
          endColumn: 72,
          data: { column: 'name', table: 'billing_data_migrations' },
        },
      ],
    },
    {
      name: "a key added by a later ALTER is judged at the CREATE's column; another service's ALTER of a same-named table adds none",
      filename: 'services/billing/db/structure.sql',
      code: [
        'CREATE TABLE billing_accounts (account_id CHAR(36) NOT NULL, name VARCHAR(100));',
        'CREATE TABLE billing_notes (note CHAR(36) NOT NULL);',
        'ALTER TABLE ONLY billing_accounts ADD CONSTRAINT billing_accounts_pkey PRIMARY KEY (account_id);',
      ].join('\n'),
      files: { 'services/payment/migrations/V2__notes.sql': 'ALTER TABLE billing_notes ADD PRIMARY KEY (note);' },
      errors: [
        {
          messageId: 'wrongName',
          line: 1,
          column: 32,
          endLine: 1,
          endColumn: 42,
          data: { column: 'account_id', table: 'billing_accounts' },
        },
        { messageId: 'missing', line: 2, column: 14, endLine: 2, endColumn: 27, data: { table: 'billing_notes' } },
      ],
    },
    {
      name: 'name {entity}_id: a plain id departs from the convention',
      filename: 'services/billing/migrations/V9__accounts.sql',
      code: 'CREATE TABLE billing_accounts (id CHAR(36) PRIMARY KEY, name VARCHAR(100));',
      options: { name: '{entity}_id' },
      errors: [
        {
          messageId: 'wrongName',
          line: 1,
          column: 32,
          endLine: 1,
          endColumn: 34,
          data: { column: 'id', table: 'billing_accounts', expected: 'account_id' },
        },
      ],
    },
    {
      filename: 'services/billing/migrations/V1__accounts.sql',
      code: 'CREATE TABLE billing_accounts (account_id CHAR(36) PRIMARY KEY, name VARCHAR(100));',
      errors: [
        {
          messageId: 'wrongName',
          line: 1,
          column: 32,
          endLine: 1,
          endColumn: 42,
          data: { column: 'account_id', table: 'billing_accounts', expected: 'id' },
        },
      ],
    },
    {
      name: 'table-level key points at the column definition',
      filename: 'services/auth/migrations/V1__users.sql',
      code: 'CREATE TABLE auth_users (\n  email VARCHAR(255) NOT NULL,\n  uuid CHAR(36) NOT NULL,\n  PRIMARY KEY (uuid)\n);',
      errors: [{ messageId: 'wrongName', line: 3, column: 3, endLine: 3, endColumn: 7, data: { column: 'uuid' } }],
    },
    {
      name: 'no key at all',
      filename: 'services/payment/migrations/V2__log.sql',
      code: '-- webhook log\nCREATE TABLE payment_webhook_log (\n  received_at TIMESTAMP,\n  body JSON\n);',
      errors: [{ messageId: 'missing', line: 2, column: 14, endLine: 2, endColumn: 33, data: { table: 'payment_webhook_log' } }],
    },
    {
      name: 'composite key when not allowed',
      filename: 'services/auth/migrations/V2__user_roles.sql',
      code: 'CREATE TABLE auth_user_roles (\n  user_id CHAR(36) NOT NULL,\n  role_id CHAR(36) NOT NULL,\n  PRIMARY KEY (user_id, role_id)\n);',
      options: { allowComposite: false },
      errors: [
        {
          messageId: 'composite',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 29,
          data: { columns: "'user_id', 'role_id'", expected: 'id' },
        },
      ],
    },
    {
      name: 'disallowed type (MySQL AUTO_INCREMENT)',
      filename: 'services/billing/migrations/V6__counters.sql',
      code: 'CREATE TABLE billing_counters (\n    id INT AUTO_INCREMENT PRIMARY KEY\n);',
      options: { types: ['CHAR(36)'] },
      errors: [{ messageId: 'wrongType', line: 2, column: 5, endLine: 2, endColumn: 7, data: { type: 'INT', expected: "'CHAR(36)'" } }],
    },
    {
      name: 'disallowed type (PostgreSQL SERIAL)',
      filename: 'services/clinical/migrations/V2__vitals.sql',
      code: 'CREATE TABLE clinical_vitals (id SERIAL PRIMARY KEY, pulse INT);',
      options: { types: ['CHAR(36)', 'UUID'] },
      errors: [
        {
          messageId: 'wrongType',
          line: 1,
          column: 31,
          endLine: 1,
          endColumn: 33,
          data: { type: 'SERIAL', expected: "'CHAR(36)' or 'UUID'" },
        },
      ],
    },
    {
      name: 'DDL embedded in TypeScript',
      filename: 'services/payment/src/schema.ts',
      code: 'export const schema = async (pool: any) => {\n  await pool.query(`\n    CREATE TABLE payment_events (\n      event_type VARCHAR(40)\n    )\n  `);\n};',
      errors: [{ messageId: 'missing', line: 3, column: 18, endLine: 3, endColumn: 32 }],
    },
    {
      name: 'custom key name',
      filename: 'services/payment/migrations/V1__payments.sql',
      code: 'CREATE TABLE payments (id CHAR(36) PRIMARY KEY);',
      options: { name: 'uuid' },
      errors: [{ messageId: 'wrongName', line: 1, column: 24, endLine: 1, endColumn: 26, data: { column: 'id', expected: 'uuid' } }],
    },
  ],
});
