import rule from '../../rules/no-cross-service-foreign-key.js';
import { defaultTestConfig, ruleTester } from '../rule-tester.js';

const clinicServices = (withMigrations: boolean) => [
  {
    name: 'scheduling-service',
    roots: ['services/scheduling-service'],
    databases: ['clinic'],
    ...(withMigrations ? { migrations: ['migrations/scheduling'] } : {}),
  },
  {
    name: 'pharmacy-service',
    roots: ['services/pharmacy-service'],
    databases: ['clinic'],
    ...(withMigrations ? { migrations: ['migrations/pharmacy'] } : {}),
  },
];
const prescriptionsSql =
  'CREATE TABLE prescriptions (\n  id BIGINT PRIMARY KEY,\n  appointment_id BIGINT NOT NULL,\n  FOREIGN KEY (appointment_id) REFERENCES appointments (id)\n);';
const appointmentsFile = { 'migrations/scheduling/V1__appointments.sql': 'CREATE TABLE appointments (id BIGINT PRIMARY KEY);' };

/** Liquibase changelogs (HELDOUT6 #3): accounts creates its tables in YAML changeSets. */
const liquibaseConfig = {
  dialect: 'postgresql' as const,
  services: [
    { name: 'accounts', roots: ['services/accounts'] },
    { name: 'reports', roots: ['services/reports'] },
  ],
};
const accountsChangelog = {
  'services/accounts/db/changelog/db.changelog-master.yaml': [
    'databaseChangeLog:',
    '  - changeSet:',
    '      id: 1',
    '      author: platform',
    '      changes:',
    '        - createTable:',
    '            tableName: accounts',
    '            columns:',
    '              - column: { name: id, type: BIGINT }',
    '        - createTable:',
    '            tableName: account_tokens',
    '            columns:',
    '              - column:',
    '                  name: account_id',
    '                  constraints: { references: accounts(id), foreignKeyName: fk_account_tokens_account }',
    '',
  ].join('\n'),
};

ruleTester.run(rule, {
  valid: [
    {
      name: "a Liquibase column constraint to the service's own table",
      filename: 'services/accounts/db/changelog/db.changelog-master.yaml',
      code: accountsChangelog['services/accounts/db/changelog/db.changelog-master.yaml'],
      config: liquibaseConfig,
    },
    {
      name: "a foreign key to the service's own table",
      filename: 'services/billing/migrations/V1__lines.sql',
      code: 'CREATE TABLE invoice_lines (\n  id CHAR(36) PRIMARY KEY,\n  invoice_id CHAR(36) NOT NULL,\n  FOREIGN KEY (invoice_id) REFERENCES invoices(id)\n);',
    },
    {
      name: 'a plain indexed reference column instead of a constraint',
      filename: 'services/billing/migrations/V2__claims.sql',
      code: 'CREATE TABLE billing_claims (\n  id CHAR(36) PRIMARY KEY,\n  patient_id CHAR(36) NOT NULL,\n  INDEX idx_billing_claims_patient_id (patient_id)\n);',
    },
    {
      name: 'a schema file outside every service whose table has no owner',
      filename: 'database/legacy.sql',
      code: 'CREATE TABLE legacy_links (id CHAR(36) PRIMARY KEY, patient_id CHAR(36) REFERENCES clinical_data.patients(id));',
    },
    {
      name: 'an agreed foreign key in the allow list (a glob on the qualified name, case-insensitive)',
      filename: 'services/billing/migrations/V3__claims.sql',
      code: 'CREATE TABLE billing_claims (id CHAR(36) PRIMARY KEY, patient_id CHAR(36) REFERENCES clinical_data.patients(id));',
      options: { allow: [{ table: 'CLINICAL_DATA.*', service: 'billing', reason: 'claims keep the constraint until the split' }] },
    },
    {
      name: "migration builders' foreign keys to the service's own tables",
      filename: 'services/billing/migrations/20240110091500_lines.js',
      code: [
        'exports.up = (knex) =>',
        "  knex.schema.createTable('invoice_lines', (t) => {",
        "    t.uuid('invoice_id').references('id').inTable('invoices');",
        "    t.uuid('parent_id').references('invoices.id');",
        "    emitter.on('invoices');",
        '  });',
      ].join('\n'),
    },
    {
      name: "a DO block's dynamic SQL and a function body's DDL (runs only when called) declare no foreign key",
      filename: 'services/clinical/migrations/V2__later.sql',
      code: [
        "DO $$ BEGIN EXECUTE 'ALTER TABLE encounters ADD FOREIGN KEY (invoice_id) REFERENCES invoices(id)'; END $$;",
        'CREATE FUNCTION link() RETURNS void LANGUAGE plpgsql AS $$',
        'BEGIN',
        '  ALTER TABLE encounters ADD FOREIGN KEY (invoice_id) REFERENCES invoices(id);',
        'END $$;',
      ].join('\n'),
    },
    {
      name: "root migration folders that are no service's migrations, on a database two services share: no owner, no finding",
      filename: 'migrations/pharmacy/V1__prescriptions.sql',
      code: prescriptionsSql,
      files: appointmentsFile,
      config: { services: clinicServices(false) },
    },
    {
      name: "a service's migrations outside its roots referencing its own table",
      filename: 'migrations/pharmacy/V2__dispensing.sql',
      code: 'CREATE TABLE dispensing (\n  id BIGINT PRIMARY KEY,\n  prescription_id BIGINT NOT NULL,\n  FOREIGN KEY (prescription_id) REFERENCES prescriptions (id)\n);',
      files: { 'migrations/pharmacy/V1__prescriptions.sql': 'CREATE TABLE prescriptions (id BIGINT PRIMARY KEY);', ...appointmentsFile },
      config: { services: clinicServices(true) },
    },
  ],
  invalid: [
    {
      name: "Liquibase foreign keys to another service's table: a column's references and addForeignKeyConstraint, at the table name (HELDOUT6 #3)",
      filename: 'services/reports/db/changelog/db.changelog-master.xml',
      code: [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<databaseChangeLog>',
        '  <changeSet id="1" author="reports">',
        '    <createTable tableName="report_runs">',
        '      <column name="account_id" type="BIGINT"><constraints references="accounts(id)" foreignKeyName="fk_runs_account"/></column>',
        '    </createTable>',
        '    <addForeignKeyConstraint baseTableName="report_runs" baseColumnNames="token_id"',
        '        referencedTableName="account_tokens" referencedColumnNames="account_id" constraintName="fk_runs_token"/>',
        '    <addForeignKeyConstraint baseTableName="report_runs" baseColumnNames="parent_id" referencedTableName="report_runs" referencedColumnNames="id" constraintName="fk_runs_parent"/>',
        '  </changeSet>',
        '</databaseChangeLog>',
      ].join('\n'),
      files: accountsChangelog,
      config: liquibaseConfig,
      errors: [
        {
          messageId: 'foreignKey',
          line: 5,
          column: 72,
          endLine: 5,
          endColumn: 80,
          data: { table: 'report_runs', service: 'reports', referenced: 'accounts', owner: 'accounts' },
        },
        {
          messageId: 'foreignKey',
          line: 8,
          column: 30,
          endLine: 8,
          endColumn: 44,
          data: { table: 'report_runs', service: 'reports', referenced: 'account_tokens', owner: 'accounts' },
        },
      ],
    },
    {
      name: "knex builder: .references().inTable(), .references('t.id'), and .on() (an own table there)",
      filename: 'services/billing/migrations/20240110091500_claims.js',
      code: [
        'exports.up = (knex) =>',
        "  knex.schema.createTable('billing_claims', (t) => {",
        "    t.uuid('patient_id').references('id').inTable('patients').onDelete('RESTRICT');",
        "    t.uuid('payment_id').references('payments.id');",
        "    t.foreign('invoice_id').references('id').on('invoices');",
        '  });',
      ].join('\n'),
      errors: [
        {
          messageId: 'foreignKey',
          line: 3,
          column: 52,
          endLine: 3,
          endColumn: 60,
          data: { table: 'billing_claims', service: 'billing', referenced: 'patients', owner: 'clinical' },
        },
        { messageId: 'foreignKey', line: 4, column: 38, endLine: 4, endColumn: 46, data: { referenced: 'payments', owner: 'payment' } },
      ],
    },
    {
      name: 'sequelize-cli migration: references { model } (a name or { tableName }) and addConstraint references { table }',
      filename: 'services/billing/migrations/20230501100000-create-claim.js',
      code: [
        'module.exports = {',
        '  up: async (queryInterface, Sequelize) => {',
        "    await queryInterface.createTable('billing_claims', {",
        "      patientId: { type: Sequelize.UUID, references: { model: 'patients', key: 'id' } },",
        "      paymentId: { type: Sequelize.UUID, references: { model: { tableName: 'payments' }, key: 'id' } },",
        '    });',
        "    await queryInterface.addConstraint('billing_claims', { fields: ['patientId'], type: 'foreign key', references: { table: 'patients', field: 'id' } });",
        '  },',
        '};',
      ].join('\n'),
      errors: [
        {
          messageId: 'foreignKey',
          line: 4,
          column: 64,
          endLine: 4,
          endColumn: 72,
          data: { table: 'billing_claims', service: 'billing', referenced: 'patients', owner: 'clinical' },
        },
        { messageId: 'foreignKey', line: 5, column: 77, endLine: 5, endColumn: 85, data: { referenced: 'payments', owner: 'payment' } },
        { messageId: 'foreignKey', line: 7, column: 126, endLine: 7, endColumn: 134, data: { referenced: 'patients', owner: 'clinical' } },
      ],
    },
    {
      name: 'TypeORM migration: Table({ foreignKeys }) and createForeignKey(new TableForeignKey(…))',
      filename: 'services/billing/src/migrations/1706100000000-InitClaims.ts',
      code: [
        'export class InitClaims1706100000000 {',
        '  async up(queryRunner: QueryRunner): Promise<void> {',
        "    await queryRunner.createTable(new Table({ name: 'billing_claims', foreignKeys: [{ columnNames: ['patient_id'], referencedTableName: 'patients', referencedColumnNames: ['id'] }] }));",
        "    await queryRunner.createForeignKey('billing_claims', new TableForeignKey({ columnNames: ['payment_id'], referencedTableName: 'payments', referencedColumnNames: ['id'] }));",
        '  }',
        '}',
      ].join('\n'),
      errors: [
        {
          messageId: 'foreignKey',
          line: 3,
          column: 138,
          endLine: 3,
          endColumn: 146,
          data: { table: 'billing_claims', service: 'billing', referenced: 'patients', owner: 'clinical' },
        },
        { messageId: 'foreignKey', line: 4, column: 131, endLine: 4, endColumn: 139, data: { referenced: 'payments', owner: 'payment' } },
      ],
    },
    {
      name: "an allow entry for another service's foreign keys",
      filename: 'services/billing/migrations/V4__invoice_payments.sql',
      code: 'CREATE TABLE invoice_payments (id CHAR(36) PRIMARY KEY, payment_id CHAR(36) REFERENCES payments(id));',
      options: { allow: [{ table: 'payments', service: 'clinical', reason: 'agreed' }] },
      errors: [{ messageId: 'foreignKey', line: 1, column: 88, endLine: 1, endColumn: 96, data: { owner: 'payment' } }],
    },
    {
      name: 'table-level constraint to another database',
      filename: 'services/billing/migrations/V3__claims.sql',
      code: 'CREATE TABLE billing_claims (\n  id CHAR(36) PRIMARY KEY,\n  patient_id CHAR(36) NOT NULL,\n  FOREIGN KEY (patient_id) REFERENCES clinical_data.patients(id) ON DELETE RESTRICT\n);',
      errors: [
        {
          messageId: 'foreignKey',
          line: 4,
          column: 39,
          endLine: 4,
          endColumn: 61,
          data: { table: 'billing_claims', service: 'billing', referenced: 'clinical_data.patients', owner: 'clinical' },
        },
      ],
    },
    {
      name: 'inline REFERENCES to a table of a service sharing the database',
      filename: 'services/billing/migrations/V4__invoice_payments.sql',
      code: 'CREATE TABLE invoice_payments (id CHAR(36) PRIMARY KEY, payment_id CHAR(36) REFERENCES payments(id));',
      errors: [{ messageId: 'foreignKey', line: 1, column: 88, endLine: 1, endColumn: 96, data: { owner: 'payment' } }],
    },
    {
      name: 'ALTER TABLE ADD CONSTRAINT',
      filename: 'services/payment/migrations/V2__fk.sql',
      code: 'ALTER TABLE payments\n  ADD CONSTRAINT fk_payments_invoice_id FOREIGN KEY (invoice_id) REFERENCES invoices(id);',
      errors: [{ messageId: 'foreignKey', line: 2, column: 77, endLine: 2, endColumn: 85, data: { service: 'payment', owner: 'billing' } }],
    },
    {
      name: 'PostgreSQL migration in the clinical service',
      filename: 'services/clinical/migrations/V1__encounters.sql',
      code: 'CREATE TABLE encounters (id UUID PRIMARY KEY, invoice_id UUID REFERENCES invoices(id));',
      errors: [
        { messageId: 'foreignKey', line: 1, column: 74, endLine: 1, endColumn: 82, data: { service: 'clinical', owner: 'billing' } },
      ],
    },
    {
      name: 'drizzle-kit (PostgreSQL) wraps the constraint in DO $$ BEGIN … EXCEPTION … END $$; a guarded one in IF NOT EXISTS … THEN',
      filename: 'services/clinical/drizzle/0001_fks.sql',
      code: [
        'DO $$ BEGIN',
        ' ALTER TABLE "encounters" ADD CONSTRAINT "encounters_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id");',
        'EXCEPTION',
        ' WHEN duplicate_object THEN null;',
        'END $$;',
        '--> statement-breakpoint',
        'DO $$',
        'BEGIN',
        "  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'fk_enc_payment') THEN",
        '    ALTER TABLE encounters ADD CONSTRAINT fk_enc_payment FOREIGN KEY (payment_id) REFERENCES payments(id);',
        '  END IF;',
        'END',
        '$$;',
      ].join('\n'),
      errors: [
        {
          messageId: 'foreignKey',
          line: 2,
          column: 119,
          endLine: 2,
          endColumn: 138,
          data: { referenced: 'public.invoices', owner: 'billing' },
        },
        { messageId: 'foreignKey', line: 10, column: 94, endLine: 10, endColumn: 102, data: { referenced: 'payments', owner: 'payment' } },
      ],
    },
    {
      name: "after USE, a bare name its database does not hold is the table another service declares (the audit's payment_system.sql)",
      filename: 'database/mysql/schema/payment_system.sql',
      code: 'USE payment_system;\n\nCREATE TABLE invoice_payments (\n  id CHAR(36) PRIMARY KEY,\n  invoice_ref CHAR(36) NOT NULL,\n  FOREIGN KEY (invoice_ref) REFERENCES invoices(id) ON DELETE RESTRICT\n);',
      files: { 'services/billing/migrations/V1__invoices.sql': 'USE nilecare;\nCREATE TABLE invoices (id CHAR(36) PRIMARY KEY);' },
      config: {
        services: [
          { name: 'billing', roots: ['services/billing'], databases: ['nilecare'] },
          { name: 'payment', roots: ['services/payment'] },
        ],
        databases: { payment_system: 'payment' },
      },
      errors: [
        {
          messageId: 'foreignKey',
          line: 6,
          column: 40,
          endLine: 6,
          endColumn: 48,
          data: { service: 'payment', owner: 'billing', table: 'invoice_payments' },
        },
      ],
    },
    {
      name: "a shared schema file: the declaring table's owner is the accessor",
      filename: 'database/mysql/schema/business_operations.sql',
      code: 'USE business_operations;\n\nCREATE TABLE claims (\n  id CHAR(36) PRIMARY KEY,\n  patient_id CHAR(36) NOT NULL,\n  FOREIGN KEY (patient_id) REFERENCES clinical_data.patients(id) ON DELETE RESTRICT\n);',
      config: {
        ...defaultTestConfig,
        services: [...defaultTestConfig.services!, { name: 'business', roots: ['services/business'] }],
        databases: { clinical_data: 'clinical', business_operations: 'business' },
      },
      errors: [
        {
          messageId: 'foreignKey',
          line: 6,
          column: 39,
          endLine: 6,
          endColumn: 61,
          data: { service: 'business', owner: 'clinical', table: 'claims' },
        },
      ],
    },
    {
      name: 'a service\'s migrations in a root folder (its "migrations" outside its roots): its foreign key to another service\'s table',
      filename: 'migrations/pharmacy/V1__prescriptions.sql',
      code: prescriptionsSql,
      files: appointmentsFile,
      config: { services: clinicServices(true) },
      errors: [
        {
          messageId: 'foreignKey',
          line: 4,
          column: 43,
          endLine: 4,
          endColumn: 55,
          data: { service: 'pharmacy-service', owner: 'scheduling-service', table: 'prescriptions', referenced: 'appointments' },
        },
      ],
    },
  ],
});
