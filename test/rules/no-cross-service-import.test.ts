import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-cross-service-import.js';
import { resolveRelative } from '../../src/model/module-resolver.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester } from '../rule-tester.js';

const sharedConfig: NilecareConfig = {
  dialect: 'mysql',
  services: [
    { name: 'payment', roots: ['services/payment'] },
    { name: 'billing', roots: ['services/billing'] },
  ],
  sharedPackages: ['packages/common', 'services/billing/src/contracts'],
};

/** A workspace's test network (HELDOUT14 #1, atproto's dev-env): it starts the services for their tests and keeps no tables. */
const networkConfig: NilecareConfig = {
  dialect: 'postgresql',
  services: [
    { name: 'bsky', roots: ['packages/bsky'] },
    { name: 'ozone', roots: ['packages/ozone'] },
    { name: 'dev-env', roots: ['packages/dev-env'] },
  ],
};
const networkFiles = {
  'packages/dev-env/src/network.ts': 'export class TestNetwork {\n  static async create() { return new TestNetwork(); }\n}\n',
  'packages/bsky/migrations/V1__init.sql': 'CREATE TABLE post (uri VARCHAR(255) PRIMARY KEY);\n',
  'packages/ozone/migrations/V1__init.sql': 'CREATE TABLE moderation_event (id INT PRIMARY KEY);\n',
  'packages/ozone/tests/labels.test.ts':
    "import { TestNetwork } from '../../dev-env/src/network.js';\nexport const net = TestNetwork.create();\n",
};

ruleTester.run(rule, {
  valid: [
    {
      name: "tests importing a test harness: a service with no tables that only other services' tests import (HELDOUT14 #1)",
      filename: 'packages/bsky/tests/feed.test.ts',
      code: "import { TestNetwork } from '../../dev-env/src/network.js';\nexport const net = TestNetwork.create();\n",
      files: networkFiles,
      config: networkConfig,
    },
    {
      name: 'an import from its own service',
      filename: 'services/payment/src/services/payment.service.ts',
      code: "import { PaymentRepository } from '../repositories/payment.repository.js';\nexport const repo = new PaymentRepository();\n",
    },
    {
      name: 'an import from a shared package',
      filename: 'services/payment/src/services/payment.service.ts',
      code: "import { logger } from '../../../../packages/common/src/logger.js';\nlogger.info('ready');\n",
      config: sharedConfig,
    },
    {
      name: 'a folder of another service declared shared',
      filename: 'services/payment/src/refunds.ts',
      code: "import type { InvoiceDto } from '../../billing/src/contracts/invoice.dto.js';\nexport type Refund = { invoice: InvoiceDto };\n",
      config: sharedConfig,
    },
    {
      name: 'npm packages',
      filename: 'services/payment/src/db.ts',
      code: "import mysql from 'mysql2/promise';\nimport { z } from 'zod';\nexport const pool = mysql.createPool({});\nexport const id = z.string();\n",
    },
    {
      name: 'a scoped package without packageScopes',
      filename: 'services/payment/src/client.ts',
      code: "import { InvoiceClient } from '@nilecare/billing';\nexport const client = new InvoiceClient();\n",
    },
    {
      name: 'a scoped package that names no service',
      filename: 'services/payment/src/log.ts',
      code: "import { logger } from '@nilecare/logger';\nlogger.info('x');\n",
      options: { packageScopes: ['@nilecare'] },
    },
    {
      name: 'a file outside every service',
      filename: 'scripts/seed.ts',
      code: "import { InvoiceService } from '../services/billing/src/invoice.service.js';\nnew InvoiceService();\n",
    },
    {
      name: 'a path that leaves the repository',
      filename: 'services/payment/src/x.ts',
      code: "import { y } from '../../../../outside/billing/y.js';\nexport const x = y;\n",
    },
    {
      name: 'a tsconfig path alias into its own service, or into a shared package',
      filename: 'services/payment/src/refunds.ts',
      code: "import { PaymentRepository } from '@payment/repositories/payment.repository';\nimport { logger } from '@common/logger';\nexport const x = [PaymentRepository, logger];\n",
      files: {
        'tsconfig.json':
          '{\n  // aliases\n  "compilerOptions": { "baseUrl": ".", "paths": { "@payment/*": ["services/payment/src/*"], "@common/*": ["packages/common/src/*"], }, },\n}\n',
        'services/payment/src/repositories/payment.repository.ts': 'export class PaymentRepository {}\n',
      },
      config: sharedConfig,
    },
  ],
  invalid: [
    {
      name: "a service's production code importing the harness makes it no harness: the tests' imports are reported too (HELDOUT14 #1)",
      filename: 'packages/bsky/tests/feed.test.ts',
      code: "import { TestNetwork } from '../../dev-env/src/network.js';\nexport const net = TestNetwork.create();\n",
      files: {
        ...networkFiles,
        'packages/ozone/src/dev.ts':
          "import { TestNetwork } from '../../dev-env/src/network.js';\nexport const dev = TestNetwork.create();\n",
      },
      config: networkConfig,
      errors: [
        {
          messageId: 'foreignImport',
          data: { service: 'bsky', specifier: '../../dev-env/src/network.js', target: 'dev-env' },
          line: 1,
          column: 29,
          endLine: 1,
          endColumn: 59,
        },
        {
          messageId: 'foreignImport',
          file: 'packages/ozone/src/dev.ts',
          data: { service: 'ozone', specifier: '../../dev-env/src/network.js', target: 'dev-env' },
          line: 1,
          column: 29,
          endLine: 1,
          endColumn: 59,
        },
        {
          messageId: 'foreignImport',
          file: 'packages/ozone/tests/labels.test.ts',
          data: { service: 'ozone', specifier: '../../dev-env/src/network.js', target: 'dev-env' },
          line: 1,
          column: 29,
          endLine: 1,
          endColumn: 59,
        },
      ],
    },
    {
      name: "a test importing another service's code that owns tables is still coupling, however few import it (HELDOUT14 #1)",
      filename: 'packages/bsky/tests/moderation.test.ts',
      code: "import { ModerationService } from '../../ozone/src/moderation.js';\nexport const m = new ModerationService();\n",
      files: networkFiles,
      config: networkConfig,
      errors: [
        {
          messageId: 'foreignImport',
          data: { service: 'bsky', specifier: '../../ozone/src/moderation.js', target: 'ozone' },
          line: 1,
          column: 35,
          endLine: 1,
          endColumn: 66,
        },
      ],
    },
    {
      name: "a tsconfig path alias into another service's folder, through the service's tsconfig extending the root one",
      filename: 'services/payment/src/refunds.ts',
      code: "import { InvoiceService } from '@billing/services/invoice.service';\nexport const invoices = new InvoiceService();\n",
      files: {
        'tsconfig.base.json': '{ "compilerOptions": { "paths": { "@billing/*": ["services/billing/src/*"] } } }\n',
        'services/payment/tsconfig.json': '{ "extends": "../../tsconfig.base.json" }\n',
      },
      errors: [
        {
          messageId: 'foreignImport',
          data: { service: 'payment', specifier: '@billing/services/invoice.service', target: 'billing' },
          line: 1,
          column: 32,
          endLine: 1,
          endColumn: 67,
        },
      ],
    },
    {
      name: "payment imports billing's source",
      filename: 'services/payment/src/refunds.ts',
      code: "import { InvoiceService } from '../../billing/src/x';\nexport const invoices = new InvoiceService();\n",
      errors: [
        {
          messageId: 'foreignImport',
          data: { service: 'payment', specifier: '../../billing/src/x', target: 'billing' },
          line: 1,
          column: 32,
          endLine: 1,
          endColumn: 53,
          severity: 'error',
        },
      ],
    },
    {
      name: 'still flagged next to a shared import',
      filename: 'services/payment/src/refunds.ts',
      code: "import type { InvoiceDto } from '../../billing/src/contracts/invoice.dto.js';\nimport { InvoiceService } from '../../billing/src/services/invoice.service.js';\nexport type Refund = { invoice: InvoiceDto; service: InvoiceService };\n",
      config: sharedConfig,
      errors: [
        {
          messageId: 'foreignImport',
          data: { specifier: '../../billing/src/services/invoice.service.js' },
          line: 2,
          column: 32,
          endLine: 2,
          endColumn: 79,
        },
      ],
    },
    {
      name: 're-export, require and dynamic import',
      filename: 'services/billing/src/index.js',
      code: "export * from '../../auth/src/tokens.js';\nconst db = require('../../clinical/src/db');\nconst mod = await import('../../payment/src/payment.service.js');\n",
      errors: [
        { messageId: 'foreignImport', data: { service: 'billing', target: 'auth' }, line: 1, column: 15, endLine: 1, endColumn: 41 },
        { messageId: 'foreignImport', data: { target: 'clinical' }, line: 2, column: 20, endLine: 2, endColumn: 43 },
        { messageId: 'foreignImport', data: { target: 'payment' }, line: 3, column: 26, endLine: 3, endColumn: 64 },
      ],
    },
    {
      name: "the other service's root folder itself",
      filename: 'services/payment/src/index.ts',
      code: "import billing from '../../billing';\nexport default billing;\n",
      errors: [
        {
          messageId: 'foreignImport',
          data: { specifier: '../../billing', target: 'billing' },
          line: 1,
          column: 21,
          endLine: 1,
          endColumn: 36,
        },
      ],
    },
    {
      name: 'a scoped package of another service',
      filename: 'services/payment/src/client.ts',
      code: "import { InvoiceClient } from '@nilecare/billing-service/client';\nexport const client = new InvoiceClient();\n",
      options: { packageScopes: ['@nilecare'] },
      errors: [
        {
          messageId: 'foreignImport',
          data: { specifier: '@nilecare/billing-service/client', target: 'billing' },
          line: 1,
          column: 31,
          endLine: 1,
          endColumn: 65,
        },
      ],
    },
  ],
});

describe('resolveRelative', () => {
  it("resolves posix paths against the importing file's folder", () => {
    expect(resolveRelative('services/payment/src/a.ts', '../../billing/src/x')).toBe('services/billing/src/x');
    expect(resolveRelative('services/payment/src/a.ts', './b')).toBe('services/payment/src/b');
    expect(resolveRelative('services/payment/src/a.ts', '..')).toBe('services/payment');
    expect(resolveRelative('a.ts', '../x')).toBeUndefined();
    expect(resolveRelative('services/payment/src/a.ts', 'lodash')).toBeUndefined();
    expect(resolveRelative('services/payment/src/a.ts', '/abs/path')).toBeUndefined();
  });
});
