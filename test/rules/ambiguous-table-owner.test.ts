import rule from '../../rules/ambiguous-table-owner.js';
import { defaultTestConfig, ruleTester } from '../rule-tester.js';

const appointments = 'CREATE TABLE appointments (id CHAR(36) PRIMARY KEY);';

/** Two PostgreSQL services without databases in the config: what their settings say decides. */
const pgPair = {
  dialect: 'postgresql' as const,
  services: [
    { name: 'scheduler', roots: ['services/scheduler'] },
    { name: 'projects', roots: ['services/projects'] },
  ],
};
const taskTable = 'CREATE TABLE task (id serial PRIMARY KEY, title text NOT NULL);';
const prismaTask = 'model Task {\n  id Int @id\n  @@map("task")\n}\n';

ruleTester.run(rule, {
  valid: [
    {
      name: 'a table the config gives the service, which its tests stub and its migrations also create, is its own',
      filename: 'services/billing/test/schema.sql',
      code: appointments,
      files: {
        'services/billing/migrations/V1__appointments.sql': appointments,
        'services/payment/migrations/V1__appointments.sql': appointments,
      },
      config: {
        ...defaultTestConfig,
        services: defaultTestConfig.services!.map((s) => (s.name === 'billing' ? { ...s, tables: ['appointments'] } : s)),
      },
    },
    {
      name: 'a PostgreSQL migration of a MySQL+PostgreSQL service lands in its PostgreSQL database',
      filename: 'services/analytics/migrations/V2__dim.sql',
      code: 'CREATE TABLE medications (id UUID PRIMARY KEY, created_at TIMESTAMPTZ);',
      files: {
        'services/analytics/.env': 'DB_NAME=app\n',
        'services/analytics/src/pg.ts': "export const pg = new Pool({ database: process.env.PG_DATABASE || 'warehouse' });",
        'services/medication/.env': 'DB_NAME=medication_db\n',
        'services/medication/migrations/V1__meds.sql': 'CREATE TABLE medications (id CHAR(36) PRIMARY KEY);',
      },
      config: {
        services: [
          { name: 'analytics', roots: ['services/analytics'] },
          { name: 'medication', roots: ['services/medication'] },
        ],
      },
    },
    {
      name: "same-named tables in two services' separate databases",
      filename: 'services/medication/migrations/V1__meds.sql',
      code: 'CREATE TABLE medications (id CHAR(36) PRIMARY KEY);',
      files: { 'services/cds/migrations/V1__meds.sql': 'CREATE TABLE medications (id CHAR(36) PRIMARY KEY);' },
      config: {
        services: [
          { name: 'medication', roots: ['services/medication'], databases: ['medication_db'] },
          { name: 'cds', roots: ['services/cds'], databases: ['cds_db'] },
        ],
      },
    },
    {
      name: 'the config names the owner',
      filename: 'services/billing/migrations/V1__appointments.sql',
      code: appointments,
      files: { 'services/payment/migrations/V1__appointments.sql': appointments },
      config: {
        ...defaultTestConfig,
        services: defaultTestConfig.services!.map((s) =>
          s.name === 'billing' ? { ...s, tables: [...(s.tables ?? []), 'appointments'] } : s,
        ),
      },
    },
    {
      name: 'database names computed at run time: nothing shows the two `task` tables are one',
      filename: 'services/scheduler/migrations/V1__task.sql',
      code: taskTable,
      files: {
        'services/scheduler/src/db.ts': 'export const pool = new Pool({ database: `ms-${process.env.MS_NAME}` });',
        'services/projects/migrations/V1__task.sql': taskTable,
        'services/projects/src/db.ts': "export const pool = new Pool({ host: process.env.PG_HOST, database: msDatabase('projects') });",
      },
      config: pgPair,
    },
    {
      name: 'one database, a Prisma schema per service: two outbox tables',
      filename: 'services/scheduler/prisma/schema.prisma',
      code: prismaTask,
      files: {
        'services/scheduler/.env.example': 'DATABASE_URL="postgresql://u:p@localhost:5432/shop?schema=scheduler"\n',
        'services/projects/prisma/schema.prisma': prismaTask,
        'services/projects/.env.example': 'DATABASE_URL="postgresql://u:p@localhost:5432/shop?schema=projects"\n',
      },
      config: pgPair,
    },
    {
      name: 'one database, separate schemas by SET search_path in the migrations',
      filename: 'services/scheduler/migrations/V1__task.sql',
      code: `SET search_path TO scheduler;\n${taskTable}`,
      files: {
        'services/scheduler/.env': 'PGDATABASE=shop\n',
        'services/projects/migrations/V1__task.sql': `SET search_path TO projects;\n${taskTable}`,
        'services/projects/.env': 'PGDATABASE=shop\n',
      },
      config: pgPair,
    },
  ],
  invalid: [
    {
      name: 'the config gives billing a table only its tests stub: reported at the stub when no config file was read',
      filename: 'services/billing/test/schema.sql',
      code: `-- stub for the integration tests\n${appointments}`,
      files: { 'services/payment/migrations/V1__appointments.sql': appointments },
      config: {
        ...defaultTestConfig,
        services: defaultTestConfig.services!.map((s) => (s.name === 'billing' ? { ...s, tables: ['appointments'] } : s)),
      },
      errors: [
        {
          messageId: 'configuredStub',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 26,
          data: { table: 'appointments', service: 'billing', where: 'tests', others: "service 'payment'" },
        },
      ],
    },
    {
      name: 'one database and the same schema (TypeORM `schema` option and a URL ?schema=)',
      filename: 'services/scheduler/migrations/V1__task.sql',
      code: taskTable,
      files: {
        'services/scheduler/src/data-source.ts':
          "export const ds = new DataSource({ type: 'postgres', host: 'pg', database: 'shop', schema: 'work' });",
        'services/projects/migrations/V1__task.sql': `-- same table\n${taskTable}`,
        'services/projects/.env': 'DATABASE_URL=postgresql://u@pg:5432/shop?schema=work\n',
      },
      config: pgPair,
      errors: [
        {
          messageId: 'createdTwice',
          file: 'services/projects/migrations/V1__task.sql',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 18,
          data: { service: 'projects', others: "service 'scheduler'" },
        },
        {
          messageId: 'createdTwice',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 18,
          data: { service: 'scheduler', others: "service 'projects'" },
        },
      ],
    },
    {
      name: 'three services in one database: the message lists the other two',
      filename: 'services/auth/migrations/V1__appointments.sql',
      code: appointments,
      files: {
        'services/billing/migrations/V1__appointments.sql': appointments,
        'services/payment/migrations/V1__appointments.sql': appointments,
      },
      errors: [
        {
          messageId: 'createdTwice',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 26,
          data: { service: 'auth', others: "services 'billing' and 'payment'" },
        },
        {
          messageId: 'createdTwice',
          file: 'services/billing/migrations/V1__appointments.sql',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 26,
          data: { service: 'billing' },
        },
        {
          messageId: 'createdTwice',
          file: 'services/payment/migrations/V1__appointments.sql',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 26,
          data: { service: 'payment' },
        },
      ],
    },
    {
      name: 'two services sharing a database both create the table',
      filename: 'services/billing/migrations/V1__appointments.sql',
      code: appointments,
      files: { 'services/payment/migrations/V7__appointments.sql': `-- copied from billing\n${appointments}` },
      errors: [
        {
          messageId: 'createdTwice',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 26,
          data: { service: 'billing', others: "service 'payment'" },
        },
        {
          messageId: 'createdTwice',
          file: 'services/payment/migrations/V7__appointments.sql',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 26,
          data: { service: 'payment' },
        },
      ],
    },
  ],
});
