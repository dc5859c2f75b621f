import { describe, expect, it } from 'vitest';
import rule, { singularForms } from '../../rules/foreign-key-column-name.js';
import { ruleTester } from '../rule-tester.js';

describe('singularForms', () => {
  it.each([
    ['auth_users', 'auth_user'],
    ['categories', 'category'],
    ['addresses', 'address'],
    ['statuses', 'status'],
    ['boxes', 'box'],
    ['batches', 'batch'],
    ['staff', 'staff'],
    ['invoice_line_items', 'invoice_line_item'],
  ])('%s → %s first', (plural, singular) => {
    expect(singularForms(plural)[0]).toBe(singular);
  });
});

const sessions = (column: string, references = 'auth_users(id)') =>
  `CREATE TABLE auth_sessions (\n  id CHAR(36) PRIMARY KEY,\n  ${column} CHAR(36) NOT NULL,\n  FOREIGN KEY (${column}) REFERENCES ${references}\n);`;

ruleTester.run(rule, {
  valid: [
    {
      name: 'case camelCase: {entity}Id foreign key columns',
      filename: 'services/billing/migrations/V9__camel.sql',
      code: 'CREATE TABLE billing_lines (id CHAR(36) PRIMARY KEY, invoiceId CHAR(36), FOREIGN KEY (invoiceId) REFERENCES billing_invoices (id));',
      options: { case: 'camelCase' },
    },
    { name: 'entity_id', filename: 'services/auth/migrations/V2__sessions.sql', code: sessions('user_id') },
    {
      name: 'case camelCase: a camelCase table named by its words and Id (HELDOUT14 #17: contactTypeId → contactType)',
      filename: 'apps/ledger/ddl/ledger.sql',
      code: [
        'CREATE TABLE `participantContact` (',
        '  `participantContactId` INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,',
        '  `contactTypeId` INT UNSIGNED NOT NULL,',
        '  `ledgerAccountTypeId` INT UNSIGNED NOT NULL,',
        '  `startAfterParticipantPositionChangeId` BIGINT UNSIGNED NULL,',
        '  CONSTRAINT `participantcontact_contacttypeid_foreign` FOREIGN KEY (`contactTypeId`) REFERENCES `contactType` (`contactTypeId`),',
        '  CONSTRAINT `participantcontact_ledgeraccounttypeid_foreign` FOREIGN KEY (`ledgerAccountTypeId`) REFERENCES `ledgerAccountTypes` (`id`),',
        '  CONSTRAINT `pc_start_foreign` FOREIGN KEY (`startAfterParticipantPositionChangeId`) REFERENCES `participantPositionChange` (`participantPositionChangeId`)',
        ');',
      ].join('\n'),
      options: { case: 'camelCase' },
    },
    {
      name: "case camelCase: a role before the entity's last words (currentStateChangeId → settlementStateChange)",
      filename: 'apps/ledger/ddl/ledger.sql',
      code: 'CREATE TABLE `settlement` (`settlementId` INT PRIMARY KEY, `currentStateChangeId` INT, FOREIGN KEY (`currentStateChangeId`) REFERENCES `settlementStateChange` (`settlementStateChangeId`));',
      options: { case: 'camelCase' },
    },
    {
      name: 'a snake_case role before the last words of the entity (current_state_change_id → settlement_state_changes)',
      filename: 'services/billing/migrations/V12__settlements.sql',
      code: 'CREATE TABLE billing_settlements (id CHAR(36) PRIMARY KEY, current_state_change_id CHAR(36) REFERENCES settlement_state_changes(id));',
    },
    {
      name: 'a shared primary key (one-to-one extension table) is the table key, named as primary-key-name wants',
      filename: 'services/auth/migrations/V3__profiles.sql',
      code: 'CREATE TABLE auth_profiles (\n  id CHAR(36) PRIMARY KEY REFERENCES auth_users(id),\n  bio TEXT\n);',
    },
    {
      name: 'a shared primary key declared by table constraints',
      filename: 'services/auth/migrations/V3__profiles.sql',
      code: 'CREATE TABLE auth_profiles (\n  id CHAR(36) NOT NULL,\n  PRIMARY KEY (id),\n  FOREIGN KEY (id) REFERENCES auth_users(id)\n);',
    },
    {
      name: 'a shared primary key whose foreign key pg_dump adds later (ALTER TABLE … ADD CONSTRAINT)',
      filename: 'services/clinical/migrations/V3__profiles.sql',
      code: [
        'CREATE TABLE clinical_profiles (id uuid PRIMARY KEY, bio text);',
        'ALTER TABLE ONLY clinical_profiles ADD CONSTRAINT clinical_profiles_id_fkey FOREIGN KEY (id) REFERENCES patients(id);',
      ].join('\n'),
    },
    { name: 'role-prefixed entity', filename: 'services/auth/migrations/V2__sessions.sql', code: sessions('approver_user_id') },
    { name: 'full table name singular', filename: 'services/auth/migrations/V2__sessions.sql', code: sessions('auth_user_id') },
    { name: '*_by column (allowRoleNames)', filename: 'services/auth/migrations/V2__sessions.sql', code: sessions('revoked_by') },
    {
      name: 'self-reference named by its role',
      filename: 'services/billing/migrations/V3__categories.sql',
      code: 'CREATE TABLE billing_categories (\n  id CHAR(36) PRIMARY KEY,\n  parent_id CHAR(36) REFERENCES billing_categories(id)\n);',
    },
    {
      name: 'ies → y, ses → s, es',
      filename: 'services/billing/migrations/V4__lines.sql',
      code: [
        'CREATE TABLE billing_lines (',
        '  id CHAR(36) PRIMARY KEY,',
        '  category_id CHAR(36) REFERENCES billing_categories(id),',
        '  address_id CHAR(36) REFERENCES billing_addresses(id),',
        '  status_id INT REFERENCES billing_statuses(id),',
        '  batch_id INT REFERENCES billing_batches(id)',
        ');',
      ].join('\n'),
    },
    {
      name: 'last words of a multi-word entity',
      filename: 'services/billing/migrations/V5__adjustments.sql',
      code: 'CREATE TABLE billing_adjustments (id CHAR(36) PRIMARY KEY, item_id CHAR(36) REFERENCES billing_invoice_items(id));',
    },
    {
      name: 'reference to a natural key reuses its name',
      filename: 'services/payment/migrations/V2__prices.sql',
      code: 'CREATE TABLE payment_prices (id CHAR(36) PRIMARY KEY, currency_code CHAR(3) REFERENCES payment_currencies(currency_code));',
    },
    {
      name: 'composite foreign keys are not checked for the entity',
      filename: 'services/auth/migrations/V3__grants.sql',
      code: 'CREATE TABLE auth_grants (\n  id CHAR(36) PRIMARY KEY,\n  a CHAR(36),\n  b CHAR(36),\n  FOREIGN KEY (a, b) REFERENCES auth_user_roles(user_id, role_id)\n);',
    },
    {
      name: 'snake_case reference column without a constraint',
      filename: 'services/billing/migrations/V6__claims.sql',
      code: 'CREATE TABLE billing_claims (id CHAR(36) PRIMARY KEY, patient_id CHAR(36) NOT NULL);',
    },
    {
      name: 'camelCase …Id columns without a constraint when checkIdColumns is off',
      filename: 'services/billing/migrations/V6__claims.sql',
      code: 'CREATE TABLE billing_claims (id CHAR(36) PRIMARY KEY, patientId CHAR(36) NOT NULL);',
      options: { checkIdColumns: false },
    },
    {
      name: 'a camelCase primary key is not a reference',
      filename: 'services/billing/migrations/V8__legacy.sql',
      code: 'CREATE TABLE billing_legacy (legacyId CHAR(36) PRIMARY KEY, note TEXT);',
    },
    {
      name: 'PostgreSQL schema-qualified reference',
      filename: 'services/clinical/migrations/V3__observations.sql',
      code: 'CREATE TABLE clinical_observations (\n  id UUID PRIMARY KEY,\n  encounter_id UUID NOT NULL REFERENCES clinical_data.encounters(id)\n);',
    },
  ],
  invalid: [
    {
      name: 'case camelCase: a camelCase table is expected as written + Id, never lower-cased (HELDOUT14 #17)',
      filename: 'apps/ledger/ddl/ledger.sql',
      code: 'CREATE TABLE `participantContact` (`participantContactId` INT PRIMARY KEY, `kindId` INT, FOREIGN KEY (`kindId`) REFERENCES `contactType` (`contactTypeId`));',
      options: { case: 'camelCase' },
      errors: [
        {
          messageId: 'entityMismatch',
          line: 1,
          column: 76,
          endLine: 1,
          endColumn: 84,
          data: { column: 'kindId', referenced: 'contactType', expected: 'contactTypeId', roleForm: '*ContactTypeId' },
        },
      ],
    },
    {
      name: 'snake_case keeps {entity}_id for a camelCase table: contact_type_id',
      filename: 'services/billing/migrations/V13__contacts.sql',
      code: 'CREATE TABLE billing_contacts (id CHAR(36) PRIMARY KEY, kind_id CHAR(36) REFERENCES contactTypes(id));',
      errors: [
        {
          messageId: 'entityMismatch',
          line: 1,
          column: 57,
          endLine: 1,
          endColumn: 64,
          data: { column: 'kind_id', referenced: 'contactTypes', expected: 'contact_type_id', roleForm: '*_contact_type_id' },
        },
      ],
    },
    {
      name: "a key that carries its entity (zabbix's hosts.hostid) is the expected name, not doubled (HELDOUT10 #9)",
      filename: 'services/monitor/migrations/V2__items.sql',
      code: 'CREATE TABLE monitor_items (itemid BIGINT PRIMARY KEY, templateid BIGINT REFERENCES hosts(hostid));',
      errors: [
        {
          messageId: 'entityMismatch',
          line: 1,
          column: 56,
          endLine: 1,
          endColumn: 66,
          data: { column: 'templateid', referenced: 'hosts', expected: 'hostid', roleForm: '*_hostid' },
        },
      ],
    },
    {
      name: 'a key that only starts with the entity keeps the entity before it (hosts.hostname → host_hostname)',
      filename: 'services/monitor/migrations/V3__links.sql',
      code: 'CREATE TABLE monitor_links (id BIGINT PRIMARY KEY, target VARCHAR(64) REFERENCES hosts(hostname));',
      errors: [
        {
          messageId: 'entityMismatch',
          line: 1,
          column: 52,
          endLine: 1,
          endColumn: 58,
          data: { column: 'target', referenced: 'hosts', expected: 'host_hostname' },
        },
      ],
    },
    {
      name: 'case camelCase: a snake_case foreign key column departs from the convention',
      filename: 'services/billing/migrations/V9__camel.sql',
      code: 'CREATE TABLE billing_lines (id CHAR(36) PRIMARY KEY, invoice_id CHAR(36), FOREIGN KEY (invoice_id) REFERENCES billing_invoices (id));',
      options: { case: 'camelCase' },
      errors: [
        {
          messageId: 'notSnakeCase',
          line: 1,
          column: 54,
          endLine: 1,
          endColumn: 64,
          data: { column: 'invoice_id', expected: 'invoiceId', case: 'camelCase' },
        },
      ],
    },
    {
      name: 'case camelCase: a column that does not name the referenced entity gets camelCase suggestions',
      filename: 'services/billing/migrations/V10__camel.sql',
      code: 'CREATE TABLE billing_lines (id CHAR(36) PRIMARY KEY, ownerId CHAR(36), FOREIGN KEY (ownerId) REFERENCES billing_invoices (id));',
      options: { case: 'camelCase' },
      errors: [
        {
          messageId: 'entityMismatch',
          line: 1,
          column: 54,
          endLine: 1,
          endColumn: 61,
          data: { column: 'ownerId', referenced: 'billing_invoices', expected: 'invoiceId', roleForm: '*InvoiceId' },
        },
      ],
    },
    {
      name: 'case camelCase: checkIdColumns flags snake_case reference columns',
      filename: 'services/billing/migrations/V11__camel.sql',
      code: 'CREATE TABLE billing_lines (id CHAR(36) PRIMARY KEY, patient_id CHAR(36));',
      options: { case: 'camelCase' },
      errors: [
        {
          messageId: 'idColumnNotSnakeCase',
          line: 1,
          column: 54,
          endLine: 1,
          endColumn: 64,
          data: { column: 'patient_id', expected: 'patientId', case: 'camelCase' },
        },
      ],
    },
    {
      name: "a key column of a composite primary key still names the entity it references (only a table's whole key is exempt)",
      filename: 'services/auth/migrations/V3__grants.sql',
      code: 'CREATE TABLE auth_grants (\n  owner_id CHAR(36) REFERENCES auth_users(id),\n  scope VARCHAR(40),\n  PRIMARY KEY (owner_id, scope)\n);',
      errors: [
        {
          messageId: 'entityMismatch',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 11,
          data: { column: 'owner_id', referenced: 'auth_users', expected: 'user_id' },
        },
      ],
    },
    {
      name: 'beside a shared primary key added by ALTER, another foreign key is still checked (at its constraint)',
      filename: 'services/clinical/migrations/V4__profiles.sql',
      code: [
        'CREATE TABLE clinical_profiles (id uuid PRIMARY KEY, doctor uuid);',
        'ALTER TABLE clinical_profiles ADD FOREIGN KEY (id) REFERENCES patients(id), ADD FOREIGN KEY (doctor) REFERENCES encounters(id);',
      ].join('\n'),
      errors: [
        {
          messageId: 'entityMismatch',
          line: 2,
          column: 81,
          endLine: 2,
          endColumn: 92,
          data: { column: 'doctor', referenced: 'encounters', expected: 'encounter_id' },
        },
      ],
    },
    {
      name: 'role name without the entity',
      filename: 'services/auth/migrations/V2__sessions.sql',
      code: sessions('owner_id'),
      errors: [
        {
          messageId: 'entityMismatch',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 11,
          data: { column: 'owner_id', referenced: 'auth_users', expected: 'user_id' },
        },
      ],
    },
    {
      name: 'camelCase foreign key column (one finding, not two)',
      filename: 'services/billing/migrations/V7__claims.sql',
      code: 'CREATE TABLE billing_claims (\n  id CHAR(36) PRIMARY KEY,\n  invoiceId CHAR(36) REFERENCES billing_invoices(id)\n);',
      errors: [
        { messageId: 'notSnakeCase', line: 3, column: 3, endLine: 3, endColumn: 12, data: { column: 'invoiceId', expected: 'invoice_id' } },
      ],
    },
    {
      name: 'camelCase and not naming the entity: the entity finding wins',
      filename: 'services/auth/migrations/V2__sessions.sql',
      code: sessions('ownerId'),
      errors: [
        { messageId: 'entityMismatch', line: 3, column: 3, endLine: 3, endColumn: 10, data: { column: 'ownerId', expected: 'user_id' } },
      ],
    },
    {
      name: 'a key column that already names the entity is the expected name',
      filename: 'services/auth/migrations/V2__sessions.sql',
      code: sessions('holder', 'auth_users(user_id)'),
      errors: [
        { messageId: 'entityMismatch', line: 3, column: 3, endLine: 3, endColumn: 9, data: { column: 'holder', expected: 'user_id' } },
      ],
    },
    {
      name: 'camelCase …Id column without a constraint',
      filename: 'services/billing/migrations/V6__claims.sql',
      code: 'CREATE TABLE billing_claims (id CHAR(36) PRIMARY KEY, patientID CHAR(36) NOT NULL);',
      errors: [
        {
          messageId: 'idColumnNotSnakeCase',
          line: 1,
          column: 55,
          endLine: 1,
          endColumn: 64,
          data: { column: 'patientID', expected: 'patient_id' },
        },
      ],
    },
    {
      name: 'self-reference without allowRoleNames',
      filename: 'services/billing/migrations/V3__categories.sql',
      code: 'CREATE TABLE billing_categories (\n  id CHAR(36) PRIMARY KEY,\n  parent_id CHAR(36) REFERENCES billing_categories(id)\n);',
      options: { allowRoleNames: false },
      errors: [{ messageId: 'entityMismatch', line: 3, column: 3, endLine: 3, endColumn: 12, data: { expected: 'category_id' } }],
    },
    {
      name: '*_by without allowRoleNames',
      filename: 'services/auth/migrations/V2__sessions.sql',
      code: sessions('revoked_by'),
      options: { allowRoleNames: false },
      errors: [
        { messageId: 'entityMismatch', line: 3, column: 3, endLine: 3, endColumn: 13, data: { column: 'revoked_by', expected: 'user_id' } },
      ],
    },
    {
      name: 'constraint added by ALTER TABLE points at the constraint name',
      filename: 'services/payment/migrations/V3__fk.sql',
      code: 'ALTER TABLE payments\n  ADD CONSTRAINT fk_payments_ref FOREIGN KEY (ref) REFERENCES payment_providers(id);',
      errors: [
        { messageId: 'entityMismatch', line: 2, column: 18, endLine: 2, endColumn: 33, data: { column: 'ref', expected: 'provider_id' } },
      ],
    },
    {
      name: 'PostgreSQL, unprefixed referenced table',
      filename: 'services/clinical/migrations/V3__observations.sql',
      code: 'CREATE TABLE clinical_observations (\n  id UUID PRIMARY KEY,\n  visit_id UUID NOT NULL REFERENCES clinical_data.encounters(id)\n);',
      errors: [
        {
          messageId: 'entityMismatch',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 11,
          data: { referenced: 'encounters', expected: 'encounter_id' },
        },
      ],
    },
    {
      name: 'DDL embedded in TypeScript',
      filename: 'services/billing/src/setup.ts',
      code: 'export async function setup(db: any) {\n  await db.query(`CREATE TABLE billing_payouts (id CHAR(36) PRIMARY KEY, acct CHAR(36) REFERENCES billing_accounts(id))`);\n}',
      errors: [{ messageId: 'entityMismatch', line: 2, column: 74, endLine: 2, endColumn: 78, data: { expected: 'account_id' } }],
    },
  ],
});
