/**
 * Entity-based access: an ORM symbol resolves through its import to the module and service that
 * declare it. Another service's entity is a no-cross-service-query at the use, with the import and
 * the definition as related locations; the own service's entity, same-named or not, is silent.
 */
import { describe, expect, it } from 'vitest';
import type { NilecareConfig } from '../../src/config/schema.js';
import type { LintRun } from '../../src/lint.js';
import { lintWithOwnershipRules } from './ownership-run.js';

const config: NilecareConfig = {
  dialect: 'postgresql',
  sharedPackages: ['packages/entities'],
  services: [
    { name: 'orders', roots: ['services/orders'], databases: ['orders'] },
    { name: 'shipping', roots: ['services/shipping'], databases: ['shipping'] },
    { name: 'billing', roots: ['services/billing'], databases: ['billing'] },
  ],
};

/** Both services map a class `User` to a table `users` of their own database. */
const twoUsers = {
  'services/orders/src/entities/user.entity.ts': "import { Entity } from 'typeorm';\n@Entity('users')\nexport class User {}\n",
  'services/shipping/src/entities/user.entity.ts': "import { Entity } from 'typeorm';\n@Entity('users')\nexport class User {}\n",
};

const cross = (run: LintRun) =>
  run.diagnostics.map((d) => {
    const related = (d.related ?? []).map((r) => `${r.file}:${r.range.line}:${r.range.column} ${r.message}`);
    return [`${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`, ...related.map((r) => `  ↳ ${r}`)];
  });

describe('TypeORM entities through their imports', () => {
  it("same-named entities: each service's own is silent, the other's is a finding at the use, pointing at import and definition", async () => {
    const run = await lintWithOwnershipRules(
      {
        ...twoUsers,
        'services/shipping/src/users.ts': [
          "import { User } from './entities/user.entity';",
          "import { User as Customer } from '../../orders/src/entities/user.entity';",
          'export const own = (ds: any) => ds.getRepository(User).find();',
          'export const theirs = (ds: any) => ds.getRepository(Customer).find();',
          '',
        ].join('\n'),
      },
      config,
    );
    expect(cross(run)).toEqual([
      [
        "no-cross-service-query services/shipping/src/users.ts:4:53-4:61 Service 'shipping' reads table 'users' owned by service 'orders'.",
        "  ↳ services/shipping/src/users.ts:2:10 'Customer' is imported here",
        "  ↳ services/orders/src/entities/user.entity.ts:2:10 'User' maps to table 'users' here",
      ],
    ]);
  });

  it('default imports, CommonJS requires and a barrel resolve too', async () => {
    const run = await lintWithOwnershipRules(
      {
        'services/orders/src/order.entity.ts': "@Entity('orders')\nexport default class Order {}\n",
        'services/orders/src/models/index.js': "module.exports = require('./parcel');\n",
        'services/orders/src/models/parcel.js':
          "const Parcel = sequelize.define('Parcel', {}, { tableName: 'parcels' });\nmodule.exports = { Parcel };\n",
        'services/shipping/src/a.ts':
          "import Order from '../../orders/src/order.entity';\nexport const a = (em: any) => em.find(Order, {});\n",
        'services/shipping/src/b.js': "const { Parcel } = require('../../orders/src/models');\nexports.b = () => Parcel.findAll();\n",
      },
      config,
    );
    expect(run.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      "services/shipping/src/a.ts:2:39 Service 'shipping' reads table 'orders' owned by service 'orders'.",
      "services/shipping/src/b.js:2:19 Service 'shipping' reads table 'parcels' owned by service 'orders'.",
    ]);
  });

  it('an entity of a shared package means whichever service owns its table', async () => {
    const run = await lintWithOwnershipRules(
      {
        'packages/entities/src/invoice.entity.ts': "@Entity('invoices')\nexport class Invoice {}\n",
        'packages/entities/src/index.ts': "export * from './invoice.entity';\n",
        'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id UUID PRIMARY KEY);\n',
        'services/billing/src/invoices.ts':
          "import { Invoice } from '../../../packages/entities/src';\nexport const all = (ds: any) => ds.getRepository(Invoice).find();\n",
        'services/orders/src/invoices.ts':
          "import { Invoice } from '../../../packages/entities/src';\nexport const all = (ds: any) => ds.getRepository(Invoice).find();\n",
      },
      config,
    );
    expect(run.diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      "no-cross-service-query services/orders/src/invoices.ts:2:50 Service 'orders' reads table 'invoices' owned by service 'billing'.",
    ]);
  });

  it('a package import the repository cannot follow falls back to the name: own definition first', async () => {
    const run = await lintWithOwnershipRules(
      {
        ...twoUsers,
        'services/shipping/src/users.ts':
          "import { User } from '@acme/entities';\nexport const own = (ds: any) => ds.getRepository(User).find();\n",
      },
      config,
    );
    expect(run.diagnostics).toEqual([]);
  });

  it('a tsconfig path alias leads to the other service', async () => {
    const run = await lintWithOwnershipRules(
      {
        ...twoUsers,
        'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@orders/*": ["services/orders/src/*"] } } }\n',
        'services/shipping/src/users.ts':
          "import { User } from '@orders/entities/user.entity';\nexport const f = (ds: any) => ds.getRepository(User).find();\n",
      },
      config,
    );
    expect(run.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      "services/shipping/src/users.ts:2:48 Service 'shipping' reads table 'users' owned by service 'orders'.",
    ]);
  });

  it('a tsconfig path naming a barrel file (`"@app/db": ["libs/db/src/index.ts"]`) leads through it, and the import is related', async () => {
    const run = await lintWithOwnershipRules(
      {
        'libs/db/src/invoice.entity.ts': "@Entity('invoices')\nexport class Invoice {}\n",
        'libs/db/src/index.ts': "export * from './invoice.entity';\n",
        'tsconfig.json': '{ "compilerOptions": { "paths": { "@app/db": ["libs/db/src/index.ts"] } } }\n',
        'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id UUID PRIMARY KEY);\n',
        'services/orders/src/invoices.ts':
          "import { Invoice } from '@app/db';\nexport const all = (ds: any) => ds.getRepository(Invoice).find();\n",
      },
      config,
    );
    expect(cross(run)).toEqual([
      [
        "no-cross-service-query services/orders/src/invoices.ts:2:50-2:57 Service 'orders' reads table 'invoices' owned by service 'billing'.",
        "  ↳ services/orders/src/invoices.ts:1:10 'Invoice' is imported here",
        "  ↳ libs/db/src/invoice.entity.ts:1:10 'Invoice' maps to table 'invoices' here",
      ],
    ]);
  });
});

describe('entities through re-exports and workspace packages by name', () => {
  /** An npm-workspaces package of orders' entities, built to dist/ (not in the repository); shipping has its own `User`. */
  const workspace = {
    ...twoUsers,
    'package.json': '{ "name": "shop", "private": true, "workspaces": ["services/*", "packages/*"] }\n',
    'services/orders/package.json': '{ "name": "@shop/orders", "main": "dist/index.js", "types": "dist/index.d.ts" }\n',
    'services/orders/src/entities/order.entity.ts': "@Entity('orders')\nexport class Order {}\n",
    'services/orders/src/entities/index.ts': "export * from './user.entity';\nexport { Order as OrderEntity } from './order.entity';\n",
    'services/orders/src/index.ts': "export * from './entities';\nexport * as ordersDb from './entities';\n",
    'services/shipping/package.json': '{ "name": "@shop/shipping" }\n',
  };

  it('an import by package name follows main/types from dist/ back to src/, then the barrel’s renamed and namespace re-exports', async () => {
    const run = await lintWithOwnershipRules(
      {
        ...workspace,
        'services/shipping/src/users.ts': [
          "import { User as Customer, OrderEntity, ordersDb } from '@shop/orders';",
          "import { User } from './entities/user.entity';",
          'export const own = (ds: any) => ds.getRepository(User).find();',
          'export const theirs = (ds: any) => ds.getRepository(Customer).find();',
          'export const renamed = (ds: any) => ds.getRepository(OrderEntity).count();',
          'export const member = (ds: any) => ds.manager.find(ordersDb.Order, {});',
          '',
        ].join('\n'),
      },
      config,
    );
    expect(run.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}-${d.endColumn} ${d.message}`)).toEqual([
      "services/shipping/src/users.ts:4:53-61 Service 'shipping' reads table 'users' owned by service 'orders'.",
      "services/shipping/src/users.ts:5:54-65 Service 'shipping' reads table 'orders' owned by service 'orders'.",
      "services/shipping/src/users.ts:6:52-66 Service 'shipping' reads table 'orders' owned by service 'orders'.",
    ]);
  });

  it('without a workspace declaring the package, the name is not followed: the own same-named class is meant', async () => {
    const { 'package.json': _root, ...notAWorkspace } = workspace;
    const run = await lintWithOwnershipRules(
      {
        ...notAWorkspace,
        'services/shipping/src/users.ts':
          "import { User } from '@shop/orders';\nexport const f = (ds: any) => ds.getRepository(User).find();\n",
      },
      config,
    );
    expect(run.diagnostics).toEqual([]);
  });

  it('`import * as entities` and a CommonJS namespace reach the member through the module', async () => {
    const run = await lintWithOwnershipRules(
      {
        ...workspace,
        'services/shipping/src/a.ts':
          "import * as entities from '../../orders/src/entities';\nexport const f = (ds: any) => ds.getRepository(entities.User).find();\n",
        'services/shipping/src/b.ts':
          "const db = require('@shop/orders');\nexports.g = (ds) => ds.createQueryBuilder(db.OrderEntity, 'o').getMany();\n",
        // A member of a local object is no known entity.
        'services/shipping/src/c.ts': 'const local = { User: 1 };\nexport const h = (ds: any) => ds.getRepository(local.User).find();\n',
      },
      config,
    );
    expect(run.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}-${d.endColumn} ${d.message}`)).toEqual([
      "services/shipping/src/a.ts:2:48-61 Service 'shipping' reads table 'users' owned by service 'orders'.",
      "services/shipping/src/b.ts:2:43-57 Service 'shipping' reads table 'orders' owned by service 'orders'.",
    ]);
  });
});

describe('TypeORM 0.2 custom repositories', () => {
  it('getCustomRepository(R) and @InjectRepository(R) mean the entity of @EntityRepository(E) class R', async () => {
    const run = await lintWithOwnershipRules(
      {
        ...twoUsers,
        'services/orders/src/user.repository.ts':
          "import { User } from './entities/user.entity';\n@EntityRepository(User)\nexport class UserRepository extends Repository<User> {}\n",
        'services/orders/src/own.ts':
          "import { UserRepository } from './user.repository';\nexport const own = () => getCustomRepository(UserRepository).find();\n",
        'services/shipping/src/theirs.ts': [
          "import { UserRepository } from '../../orders/src/user.repository';",
          'export class Users {',
          '  constructor(@InjectRepository(UserRepository) private readonly users: UserRepository) {}',
          '}',
          '',
        ].join('\n'),
      },
      config,
    );
    expect(cross(run)).toEqual([
      [
        "no-cross-service-query services/shipping/src/theirs.ts:3:33-3:47 Service 'shipping' uses table 'users' owned by service 'orders'.",
        "  ↳ services/shipping/src/theirs.ts:1:10 'UserRepository' is imported here",
        "  ↳ services/orders/src/entities/user.entity.ts:2:10 'User' maps to table 'users' here",
      ],
    ]);
  });
});

describe('Prisma delegates', () => {
  const billingSchema = {
    'services/billing/prisma/schema.prisma': 'model Payment {\n  id Int @id\n  @@map("payments")\n}\n',
    'services/orders/prisma/schema.prisma': 'model Payment {\n  id Int @id\n  @@map("order_payments")\n}\n',
    'services/billing/src/prisma.service.ts':
      'export class PrismaService extends PrismaClient {}\nexport const prisma = new PrismaClient();\n',
  };

  it("belong to the schema of the service the client comes from: its own client, another service's, a transaction of either", async () => {
    const run = await lintWithOwnershipRules(
      {
        ...billingSchema,
        'services/orders/src/payments.ts': [
          "import { PrismaClient } from '@prisma/client';",
          "import { PrismaService } from '../../billing/src/prisma.service';",
          "import { prisma as billingPrisma } from '../../billing/src/prisma.service';",
          'const prisma = new PrismaClient();',
          'export class Payments {',
          '  constructor(private readonly prismaService: PrismaService) {}',
          '  own() { return prisma.payment.findMany(); }',
          '  theirs() { return this.prismaService.payment.findMany(); }',
          '  inTransaction() { return billingPrisma.$transaction(async (tx) => tx.payment.create({ data: {} })); }',
          '  ownTransaction() { return prisma.$transaction(async (tx) => tx.payment.count()); }',
          '}',
          '',
        ].join('\n'),
      },
      config,
    );
    expect(cross(run)).toEqual([
      [
        "no-cross-service-query services/orders/src/payments.ts:8:40-8:47 Service 'orders' reads table 'payments' owned by service 'billing'.",
        "  ↳ services/orders/src/payments.ts:2:10 the Prisma client of 'payment' is imported here",
        "  ↳ services/billing/prisma/schema.prisma:1:7 'Payment' maps to table 'payments' here",
      ],
      [
        "no-cross-service-query services/orders/src/payments.ts:9:72-9:79 Service 'orders' inserts into table 'payments' owned by service 'billing'.",
        "  ↳ services/orders/src/payments.ts:3:10 the Prisma client of 'payment' is imported here",
        "  ↳ services/billing/prisma/schema.prisma:1:7 'Payment' maps to table 'payments' here",
      ],
    ]);
  });
});

describe('entities that shared code defines (an Nx libs/ folder)', () => {
  const lib = {
    'tsconfig.base.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@app/database": ["libs/database/src/index.ts"] } } }\n',
    'services/orders/tsconfig.json': '{ "extends": "../../tsconfig.base.json" }\n',
    'services/billing/tsconfig.json': '{ "extends": "../../tsconfig.base.json" }\n',
    'libs/database/src/entities/order.entity.ts': "import { Entity } from 'typeorm';\n@Entity('orders')\nexport class Order {}\n",
    'libs/database/src/entities/invoice.entity.ts': "import { Entity } from 'typeorm';\n@Entity('invoices')\nexport class Invoice {}\n",
    'libs/database/src/index.ts': "export * from './entities/order.entity';\nexport * from './entities/invoice.entity';\n",
  };
  const ordersDataSource = {
    'services/orders/src/data-source.ts':
      "import { DataSource } from 'typeorm';\nimport { Order } from '@app/database';\nexport default new DataSource({ type: 'postgres', entities: [Order] });\n",
    'services/orders/src/orders.ts':
      "import { Order } from '@app/database';\nexport const all = (ds: any) => ds.getRepository(Order).find();\n",
  };
  const billingReads = [
    "import { Invoice, Order } from '@app/database';",
    '@Module({ imports: [TypeOrmModule.forFeature([Invoice, Order])] })',
    'export class BillingModule {}',
    'export const invoices = (ds: any) => ds.getRepository(Invoice).find();',
    'export const order = (ds: any) => ds.manager.findOneBy(Order, { id: 1 });',
    '',
  ].join('\n');

  it('belong to the service that registers them; another service reading one is a cross-service query', async () => {
    const run = await lintWithOwnershipRules(
      {
        ...lib,
        ...ordersDataSource,
        'services/billing/migrations/V1__billing_runs.sql': 'CREATE TABLE billing_runs (id UUID PRIMARY KEY);\n',
        'services/billing/src/billing.module.ts': billingReads.replace('[Invoice, Order]', '[Invoice]'),
      },
      config,
    );
    expect(cross(run)).toEqual([
      [
        "no-cross-service-query services/billing/src/billing.module.ts:5:56-5:61 Service 'billing' reads table 'orders' owned by service 'orders'.",
        "  ↳ services/billing/src/billing.module.ts:1:19 'Order' is imported here",
        "  ↳ libs/database/src/entities/order.entity.ts:2:10 'Order' maps to table 'orders' here",
      ],
    ]);
    const tables = (name: string) =>
      run.model.serviceByName(name)!.createdTables.map((d) => `${d.table} ${d.database} ${d.file}:${d.range.line}`);
    expect(tables('orders')).toEqual(['orders orders services/orders/src/data-source.ts:3']);
    expect(tables('billing')).toEqual([
      'billing_runs billing services/billing/migrations/V1__billing_runs.sql:1',
      'invoices billing services/billing/src/billing.module.ts:2',
    ]);
  });

  it('a registration is no claim on a table that a migration declares: registering to read stays a cross-service query', async () => {
    const run = await lintWithOwnershipRules(
      {
        ...lib,
        ...ordersDataSource,
        'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id UUID PRIMARY KEY);\n',
        'services/orders/src/invoices.ts': [
          "import { Invoice } from '@app/database';",
          'export const options = { entities: [Invoice] };',
          'export const all = (ds: any) => ds.getRepository(Invoice).find();',
          '',
        ].join('\n'),
      },
      config,
    );
    expect(cross(run).map((lines) => lines[0])).toEqual([
      "no-cross-service-query services/orders/src/invoices.ts:3:50-3:57 Service 'orders' reads table 'invoices' owned by service 'billing'.",
    ]);
    expect(run.model.serviceByName('orders')!.createdTables.map((d) => d.table)).toEqual(['orders']);
  });

  it('each of two services registering one shared entity in its own database owns its own table', async () => {
    const run = await lintWithOwnershipRules(
      { ...lib, ...ordersDataSource, 'services/billing/src/billing.module.ts': billingReads },
      config,
    );
    expect(cross(run)).toEqual([]);
    expect(run.model.serviceByName('billing')!.createdTables.map((d) => `${d.table} ${d.database}`)).toEqual([
      'invoices billing',
      'orders billing',
    ]);
  });
});
