/**
 * Flow-typed JavaScript (HELDOUT16 #1): a `.js` file with an `@flow` pragma in its leading comments is compiled by
 * Babel's Flow preset; its type syntax is no parse-error, the file is counted as "Flow syntax not checked", and its
 * SQL is read all the same.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/parse-error.js';
import { lint } from '../../src/lint.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { isFlowFile } from '../../src/analysis/typescript/flow-pragma.js';
import { ruleTester } from '../rule-tester.js';

/** Magma NMS's shapes: `{| |}` exact object types, `?T` maybe types, unnamed function-type parameters, a cast. */
const FLOW_MODEL = (pragma: string) =>
  [
    pragma,
    'import type {DataTypes} from "sequelize";',
    'export type FeatureFlagRawType = {|',
    '  featureId: string,',
    '  enabled: boolean,',
    '|};',
    'export opaque type FlagId = string;',
    'export function load(db: any, done: (?Error, ?FeatureFlagRawType) => void) {',
    "  return db.query('SELECT feature_id, enabled FROM orders WHERE id = 1').then((rows) => done(null, (rows[0]: any)));",
    '}',
    '',
  ].join('\n');

/** A Flow type cast on a query's result: TypeScript's parser expects an arrow function at its `;`. */
const CAST = "export const f = (db) => db.query('SELECT id FROM invoices').then((x) => (x: any));\n";

const services = {
  files: {
    'services/billing/package.json': JSON.stringify({ name: 'billing', dependencies: { mysql2: '^3.9.0' } }),
    'services/orders/package.json': JSON.stringify({ name: 'orders', dependencies: { mysql2: '^3.9.0' } }),
    'services/orders/migrations/V1__orders.sql': 'CREATE TABLE orders (id INT PRIMARY KEY, feature_id VARCHAR(64), enabled BOOLEAN);\n',
  },
  config: {
    dialect: 'mysql' as const,
    services: [
      { name: 'billing', roots: ['services/billing'] },
      { name: 'orders', roots: ['services/orders'] },
    ],
  },
};

ruleTester.run(rule, {
  valid: [
    {
      name: 'a `/* @flow strict-local */` file: Flow type syntax is not reported',
      filename: 'services/billing/src/featureflag.js',
      code: FLOW_MODEL('/**\n * @flow strict-local\n */'),
      ...services,
    },
    {
      name: 'a `// @flow` line after a licence header and a `#!` line, in a .jsx file',
      filename: 'services/billing/src/view.jsx',
      code: `#!/usr/bin/env node\n// Copyright (c) Meta\n// @flow\n${CAST}`,
      ...services,
    },
    {
      name: '`@noflow` is Flow syntax too (Babel strips it), in an .mjs file',
      filename: 'services/billing/src/legacy.mjs',
      code: `/* @noflow */\nexport type T = {| a: string |};\n${CAST}`,
      ...services,
    },
  ],
  invalid: [
    {
      name: 'the same cast without a pragma: TypeScript-flavoured JavaScript, whose syntax error is reported',
      filename: 'services/billing/src/plain.js',
      code: CAST,
      ...services,
      errors: [{ messageId: 'scriptSyntax', line: 1, column: 82, endLine: 1, endColumn: 83, data: { detail: "'=>' expected" } }],
    },
    {
      name: 'a pragma in a TypeScript file is no Flow: the error stays',
      filename: 'services/billing/src/typed.ts',
      code: `// @flow\n${CAST}`,
      ...services,
      errors: [{ messageId: 'scriptSyntax', line: 2, column: 82, endLine: 2, endColumn: 83 }],
    },
    {
      name: 'an `@flow` below the first code is no pragma',
      filename: 'services/billing/src/late.js',
      code: `${CAST}// @flow\n`,
      ...services,
      errors: [{ messageId: 'scriptSyntax', line: 1, column: 82, endLine: 1, endColumn: 83 }],
    },
  ],
});

describe('Flow-typed JavaScript (HELDOUT16 #1)', () => {
  it('reads the SQL of a Flow file: a cross-service query at its place, no parse-error, the file counted', async () => {
    const tree = memoryTree({ ...services.files, 'services/billing/src/featureflag.js': FLOW_MODEL('// @flow') });
    const run = await lint({ cwd: tree.root, tree, config: services.config, suppressions: false });
    expect(run.diagnostics.filter((d) => d.ruleId === 'parse-error')).toEqual([]);
    expect(
      run.diagnostics
        .filter((d) => d.ruleId === 'no-cross-service-query')
        .map((d) => [d.file, d.line, d.column, d.endLine, d.endColumn, d.message]),
    ).toEqual([['services/billing/src/featureflag.js', 9, 52, 9, 58, expect.stringContaining("'orders'")]]);
    expect(run.flowSyntax).toEqual({
      files: 1,
      locations: [{ file: 'services/billing/src/featureflag.js', line: 3, column: 35, syntaxErrors: 14 }],
    });
    expect(run.notices.filter((n) => n.startsWith('Flow syntax not checked'))).toEqual([
      "Flow syntax not checked in 1 Flow-typed file(s) (an `@flow` pragma: services/billing/src/featureflag.js): the TypeScript parser does not read Flow's type syntax, so its syntax errors there are not reported as parse errors; their SQL and table references were read (`--format json` lists them).",
    ]);
  });

  it('says nothing of a Flow file TypeScript parses whole, nor of plain JavaScript', async () => {
    const tree = memoryTree({
      ...services.files,
      'services/billing/src/clean.js': '// @flow\nexport const q = (db) => db.query("SELECT id FROM invoices");\n',
    });
    const run = await lint({ cwd: tree.root, tree, config: services.config, suppressions: false });
    expect(run.flowSyntax).toBeUndefined();
    expect(run.notices.some((n) => n.startsWith('Flow syntax'))).toBe(false);
  });

  it('takes the pragma only from the leading comments of a JavaScript file', () => {
    expect(isFlowFile('a.js', '/**\n * Copyright\n * @flow strict-local\n */\n')).toBe(true);
    expect(isFlowFile('a.cjs', '\uFEFF// @flow weak\n')).toBe(true);
    expect(isFlowFile('a.ts', '// @flow\n')).toBe(false);
    expect(isFlowFile('a.js', 'const a = 1; // @flow\n')).toBe(false);
    expect(isFlowFile('a.js', '// uses @flow-typed definitions\n')).toBe(false);
    expect(isFlowFile('a.js', '// user@flowers.example\n')).toBe(false);
  });
});
