/**
 * TypeORM joins whose target is an entity (issue 14, HELDOUT13 #7 and #12): `leftJoinAndMapOne('r.line', medusa_1.LineItem,
 * 'line', …)` — an entity class, also a member of a compiled module — reads that entity's table; a class name as a
 * string (`'ProductVariant'`) is TypeORM's entity by name: that entity's table when the repository declares it, else
 * nothing (never a table named `ProductVariant`).
 */
import crossServiceQuery from '../../rules/no-cross-service-query.js';
import unknownTable from '../../rules/unknown-table.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester } from '../rule-tester.js';

const shop: NilecareConfig = {
  dialect: 'postgresql',
  services: [
    { name: 'analytics', roots: ['services/analytics'], databases: ['shop'] },
    { name: 'medusa', roots: ['services/medusa'], databases: ['shop'] },
  ],
};

const entities = {
  'services/medusa/package.json': '{ "name": "@medusajs/medusa", "main": "dist/index.js" }',
  'services/medusa/src/models/line-item.ts': "import { Entity } from 'typeorm';\n@Entity()\nexport class LineItem {}\n",
  'services/medusa/src/models/return-item.ts': "import { Entity } from 'typeorm';\n@Entity()\nexport class ReturnItem {}\n",
  'services/medusa/src/models/product-variant.ts': "import { Entity } from 'typeorm';\n@Entity()\nexport class ProductVariant {}\n",
  'services/medusa/src/index.ts':
    "export * from './models/line-item';\nexport * from './models/return-item';\nexport * from './models/product-variant';\n",
  'services/analytics/package.json': '{ "name": "analytics", "dependencies": { "@medusajs/medusa": "1.0.0", "typeorm": "0.3.0" } }',
};

const compiledJoins = [
  '"use strict";',
  'const medusa_1 = require("@medusajs/medusa");',
  'class ProductsAnalytics {',
  '  async returned() {',
  '    const query = this.activeManager_.getRepository(medusa_1.ReturnItem)',
  "      .createQueryBuilder('returnItem')",
  "      .leftJoinAndMapOne('returnItem.lineItem', medusa_1.LineItem, 'lineItem', 'lineItem.id = returnItem.item_id')",
  "      .leftJoinAndMapOne('lineItem.variant', 'ProductVariant', 'variant', 'variant.id = lineItem.variant_id');",
  '    return query.getMany();',
  '  }',
  '}',
  'exports.ProductsAnalytics = ProductsAnalytics;',
].join('\n');

ruleTester.run(crossServiceQuery, {
  valid: [
    {
      name: "a string join target that names no entity of the repository is nothing: no table 'Ghost', no guess",
      filename: 'services/analytics/src/ghost.js',
      code: [
        'exports.ghosts = (manager) =>',
        "  manager.createQueryBuilder('returnItem').leftJoinAndSelect('Ghost', 'ghost', 'ghost.id = returnItem.ghost_id').getMany();",
      ].join('\n'),
      files: entities,
      config: shop,
    },
  ],
  invalid: [
    {
      name: "an entity class of a compiled import (medusa_1.LineItem) and an entity's class name ('ProductVariant') as join targets read their tables",
      filename: 'services/analytics/src/products.js',
      code: compiledJoins,
      files: entities,
      config: shop,
      errors: [
        { messageId: 'foreignTable', line: 5, column: 53, endLine: 5, endColumn: 72, data: { table: 'return_item' } },
        { messageId: 'foreignTable', line: 7, column: 49, endLine: 7, endColumn: 66, data: { table: 'line_item' } },
        { messageId: 'foreignTable', line: 8, column: 47, endLine: 8, endColumn: 61, data: { table: 'product_variant' } },
      ],
    },
    {
      name: 'leftJoinAndSelect(Entity, alias, condition) with an imported entity class reads its table',
      filename: 'services/analytics/src/lines.ts',
      code: [
        "import { LineItem, ReturnItem } from '@medusajs/medusa';",
        'export const lines = (manager: any) =>',
        "  manager.createQueryBuilder(ReturnItem, 'r').leftJoinAndSelect(LineItem, 'l', 'l.id = r.item_id').getMany();",
      ].join('\n'),
      files: entities,
      config: shop,
      errors: [
        { messageId: 'foreignTable', line: 3, column: 30, endLine: 3, endColumn: 40, data: { table: 'return_item' } },
        { messageId: 'foreignTable', line: 3, column: 65, endLine: 3, endColumn: 73, data: { table: 'line_item' } },
      ],
    },
  ],
});

ruleTester.run(crossServiceQuery, {
  valid: [
    {
      name: 'getRepository(ctx) alone, or a lower-case second argument, names no entity',
      filename: 'services/analytics/src/ctx.js',
      code: 'exports.r = (connection, ctx, target) => [connection.getRepository(ctx), connection.getRepository(ctx, target)];',
      files: entities,
      config: shop,
    },
  ],
  invalid: [
    {
      name: "Vendure's TransactionalConnection.getRepository(ctx, E): the entity is the second argument (HELDOUT13 #24)",
      filename: 'services/analytics/src/stock.js',
      code: [
        'const medusa_1 = require("@medusajs/medusa");',
        'class StockService {',
        '  lines(ctx) {',
        '    return this.connection.getRepository(ctx, medusa_1.LineItem).find({ take: 10 });',
        '  }',
        '}',
        'exports.StockService = StockService;',
      ].join('\n'),
      files: entities,
      config: shop,
      errors: [{ messageId: 'foreignTable', line: 4, column: 47, endLine: 4, endColumn: 64, data: { table: 'line_item' } }],
    },
  ],
});

ruleTester.run(unknownTable, {
  valid: [
    {
      name: "an entity's class name as a join target is no table named after the class",
      filename: 'services/analytics/src/products.js',
      code: compiledJoins,
      files: entities,
      config: shop,
    },
    {
      name: 'a class name no entity has is no table either (TypeORM would look it up as an entity first)',
      filename: 'services/analytics/src/ghost.js',
      code: "exports.g = (m) => m.createQueryBuilder('r').leftJoinAndSelect('Ghost', 'ghost').getMany();",
      files: entities,
      config: shop,
    },
  ],
  invalid: [
    {
      name: 'a snake_case string join target stays a table',
      filename: 'services/analytics/src/snake.js',
      code: "exports.s = (m) => m.createQueryBuilder('r').leftJoinAndSelect('ghost_rows', 'ghost').getMany();",
      files: entities,
      config: shop,
      errors: [{ messageId: 'unknownTable', line: 1, column: 65, endLine: 1, endColumn: 75, data: { table: 'ghost_rows' } }],
    },
  ],
});
