import rule from '../../rules/no-cross-service-foreign-key.js';
import { ruleTester } from '../rule-tester.js';

/**
 * TypeORM relation decorators are foreign keys of the entity declaring them (HELDOUT13 #22): `@ManyToOne(() => Customer)`
 * on a member of `Wallet` makes wallets.customer_id reference customers, written or as tsc compiles it
 * (`(0, typeorm_1.ManyToOne)(() => crm_1.Customer)` with `crm_1 = require("@shop/crm")`, the entity imported by the
 * workspace package's name). Another service's entity is a cross-service foreign key; the service's own, a library's,
 * and the inverse side of a relation (`@OneToOne` without `@JoinColumn`) are none. A many-to-many relation's keys are its
 * join table's (`@JoinTable()`: TypeORM's `wallets_customer_customers`, or `@JoinTable({ name })`), not the entity's table's.
 */
const config = {
  dialect: 'postgresql' as const,
  services: [
    { name: 'wallet', roots: ['services/wallet'] },
    { name: 'crm', roots: ['services/crm'] },
  ],
};
const project = {
  'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['services/*', 'packages/*'] }),
  'services/crm/package.json': JSON.stringify({ name: '@shop/crm', main: 'src/index.ts' }),
  'services/crm/src/index.ts': "export * from './customer.entity';\n",
  'services/crm/src/customer.entity.ts': [
    "import { Entity, PrimaryGeneratedColumn } from 'typeorm';",
    "@Entity('customers')",
    'export class Customer {',
    '  @PrimaryGeneratedColumn() id!: number;',
    '}',
  ].join('\n'),
  'services/wallet/package.json': JSON.stringify({
    name: '@shop/wallet',
    dependencies: { '@shop/crm': '*', typeorm: '^0.3.0', pg: '^8.0.0' },
  }),
  'services/wallet/src/owner.entity.ts': [
    "import { Entity, PrimaryGeneratedColumn } from 'typeorm';",
    "@Entity('wallet_owners')",
    'export class Owner {',
    '  @PrimaryGeneratedColumn() id!: number;',
    '}',
  ].join('\n'),
  'packages/money/package.json': JSON.stringify({ name: '@shop/money', main: 'src/index.ts', types: 'src/index.d.ts' }),
  'packages/money/src/index.ts': "export * from './currency.entity';\n",
  'packages/money/src/currency.entity.ts': [
    "import { Entity, PrimaryColumn } from 'typeorm';",
    "@Entity('currencies')",
    'export class Currency {',
    '  @PrimaryColumn() code!: string;',
    '}',
  ].join('\n'),
};
/** tsc's output of a Wallet entity with one relation decorated by `decorators`, the related class `target`. */
const compiledWallet = (requires: string, decorators: string) =>
  [
    '"use strict";',
    'var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) { return target; };',
    'var __metadata = (this && this.__metadata) || function (k, v) { };',
    'Object.defineProperty(exports, "__esModule", { value: true });',
    'exports.Wallet = void 0;',
    'const typeorm_1 = require("typeorm");',
    requires,
    'let Wallet = class Wallet {',
    '};',
    'exports.Wallet = Wallet;',
    '__decorate([',
    `    ${decorators},`,
    '    __metadata("design:type", Object)',
    '], Wallet.prototype, "customer", void 0);',
    'exports.Wallet = Wallet = __decorate([',
    "    (0, typeorm_1.Entity)('wallets')",
    '], Wallet);',
  ].join('\n');
const writtenWallet = (imports: string, decorators: string) =>
  [
    "import { Entity, JoinColumn, JoinTable, ManyToMany, ManyToOne, OneToOne, PrimaryGeneratedColumn } from 'typeorm';",
    imports,
    "@Entity('wallets')",
    'export class Wallet {',
    '  @PrimaryGeneratedColumn() id!: number;',
    `  ${decorators}`,
    '  customer!: unknown;',
    '}',
  ].join('\n');

ruleTester.run(rule, {
  valid: [
    {
      name: "compiled: a relation to the service's own entity (require of a relative module)",
      filename: 'services/wallet/src/wallet.entity.js',
      code: compiledWallet('const owner_entity_1 = require("./owner.entity");', '(0, typeorm_1.ManyToOne)(() => owner_entity_1.Owner)'),
      files: project,
      config,
    },
    {
      name: "compiled: a relation to a library package's entity, by the package's name",
      filename: 'services/wallet/src/wallet.entity.js',
      code: compiledWallet('const money_1 = require("@shop/money");', '(0, typeorm_1.ManyToOne)(() => money_1.Currency)'),
      files: project,
      config,
    },
    {
      name: 'written: the inverse side of a one-to-one (no @JoinColumn) holds no foreign key',
      filename: 'services/wallet/src/wallet.entity.ts',
      code: writtenWallet("import { Customer } from '@shop/crm';", '@OneToOne(() => Customer, (c) => c.wallet)'),
      files: project,
      config,
    },
    {
      name: 'written: the inverse side of a many-to-many (no @JoinTable) holds no foreign key',
      filename: 'services/wallet/src/wallet.entity.ts',
      code: writtenWallet("import { Customer } from '@shop/crm';", '@ManyToMany(() => Customer, (c) => c.wallets)'),
      files: project,
      config,
    },
    {
      name: 'written: a many-to-many whose join table schema sync leaves alone (@JoinTable({ synchronize: false })) makes no key',
      filename: 'services/wallet/src/wallet.entity.ts',
      code: writtenWallet(
        "import { Customer } from '@shop/crm';",
        "@ManyToMany(() => Customer) @JoinTable({ name: 'legacy_links', synchronize: false })",
      ),
      files: project,
      config,
    },
    {
      name: 'a relation in a class that is no entity names no table of its own',
      filename: 'services/wallet/src/wallet.dto.ts',
      code: [
        "import { ManyToOne } from 'typeorm';",
        "import { Customer } from '@shop/crm';",
        'export class WalletDto {',
        '  @ManyToOne(() => Customer)',
        '  customer!: unknown;',
        '}',
      ].join('\n'),
      files: project,
      config,
    },
  ],
  invalid: [
    {
      name: "compiled: (0, typeorm_1.ManyToOne)(() => crm_1.Customer) with crm_1 = require('@shop/crm'), another service's package",
      filename: 'services/wallet/src/wallet.entity.js',
      code: compiledWallet(
        'const crm_1 = require("@shop/crm");',
        "(0, typeorm_1.ManyToOne)(() => crm_1.Customer, { onDelete: 'CASCADE' })",
      ),
      files: project,
      config,
      errors: [
        {
          messageId: 'foreignKey',
          line: 12,
          column: 36,
          endLine: 12,
          endColumn: 50,
          data: { table: 'wallets', service: 'wallet', referenced: 'customers', owner: 'crm' },
        },
      ],
    },
    {
      name: "written: @ManyToOne(() => Customer) with Customer imported from another service's package",
      filename: 'services/wallet/src/wallet.entity.ts',
      code: writtenWallet("import { Customer } from '@shop/crm';", "@ManyToOne(() => Customer, { onDelete: 'CASCADE' })"),
      files: project,
      config,
      errors: [
        {
          messageId: 'foreignKey',
          line: 6,
          column: 20,
          endLine: 6,
          endColumn: 28,
          data: { table: 'wallets', service: 'wallet', referenced: 'customers', owner: 'crm' },
        },
      ],
    },
    {
      name: 'written: the owning side of a one-to-one (@JoinColumn) holds the foreign key',
      filename: 'services/wallet/src/wallet.entity.ts',
      code: writtenWallet("import { Customer } from '@shop/crm';", '@OneToOne(() => Customer) @JoinColumn()'),
      files: project,
      config,
      errors: [
        { messageId: 'foreignKey', line: 6, column: 19, endLine: 6, endColumn: 27, data: { table: 'wallets', referenced: 'customers' } },
      ],
    },
    {
      name: "written: the owning side of a many-to-many (@JoinTable()): TypeORM's join table holds the foreign key, not wallets",
      filename: 'services/wallet/src/wallet.entity.ts',
      code: writtenWallet("import { Customer } from '@shop/crm';", '@ManyToMany(() => Customer) @JoinTable()'),
      files: project,
      config,
      errors: [
        {
          messageId: 'foreignKey',
          line: 6,
          column: 21,
          endLine: 6,
          endColumn: 29,
          data: { table: 'wallets_customer_customers', service: 'wallet', referenced: 'customers', owner: 'crm' },
        },
      ],
    },
    {
      name: 'written: a named join table in a schema holds the foreign key',
      filename: 'services/wallet/src/wallet.entity.ts',
      code: writtenWallet(
        "import { Customer } from '@shop/crm';",
        "@ManyToMany(() => Customer) @JoinTable({ name: 'wallet_holders', schema: 'billing' })",
      ),
      files: project,
      config,
      errors: [
        {
          messageId: 'foreignKey',
          line: 6,
          column: 21,
          endLine: 6,
          endColumn: 29,
          data: { table: 'billing.wallet_holders', service: 'wallet', referenced: 'customers', owner: 'crm' },
        },
      ],
    },
  ],
});
