/**
 * `init --force` merges into the existing config: comments, allow entries and options init does not
 * learn stay byte for byte; services, dialect, database owners and naming settings are updated; the
 * report says what changed and what was left as the user had it.
 */
import { describe, expect, it } from 'vitest';
import { mergeInitConfig } from '../../src/commands/init-merge.js';
import { appendJsoncElements, putJsoncValue } from '../../src/config/jsonc.js';

const LEARNED = {
  $schema: './node_modules/nilecare-lint/schema/config.schema.json',
  dialect: 'postgresql',
  services: [
    { name: 'billing', roots: ['services/billing'], dialect: 'postgresql', tables: ['billing_*'], prefixes: ['billing_'] },
    { name: 'auth', roots: ['services/auth'], dialect: 'postgresql', tables: ['auth_users'], prefixes: ['auth_'] },
  ],
  databases: { billing_db: 'billing', auth_db: 'auth' },
  rules: {
    'identifier-case': ['warn', { case: 'camelCase', tableCase: 'snake_case' }],
    'boolean-column-name': 'off',
    'index-name': ['warn', { prefixes: { index: 'IDX_' } }],
  },
};

const EXISTING = `{
  "$schema": "./node_modules/nilecare-lint/schema/config.schema.json",
  // Ownership agreed with the billing team, 2026-03.
  "services": [
    {
      "name": "billing",
      "roots": ["services/billing"],
      "tables": ["billing_*", "ledger_entries" /* given to billing, see ADR-12 */],
      "prefixes": ["bill_"] // the old prefix
    },
    { "name": "legacy", "roots": ["services/legacy"] }
  ],
  "databases": {
    "auth_db": "legacy", // moved with the legacy login
  },
  "rules": {
    // Reports read billing's views through an agreed API.
    "no-cross-service-query": ["error", { "allow": [{ "table": "billing_invoices", "reason": "reports API" }] }],
    "identifier-case": "error",
    "boolean-column-name": ["error", { "prefixes": ["is_"] }]
  }
}
`;

describe('mergeInitConfig', () => {
  it('updates what init learns, keeps the rest byte for byte, and says what it did', () => {
    const merged = mergeInitConfig(EXISTING, LEARNED);
    expect(merged.text).toBe(`{
  "$schema": "./node_modules/nilecare-lint/schema/config.schema.json",
  // Ownership agreed with the billing team, 2026-03.
  "services": [
    {
      "name": "billing",
      "roots": ["services/billing"],
      "tables": ["billing_*", "ledger_entries" /* given to billing, see ADR-12 */],
      "prefixes": ["billing_"], // the old prefix
      "dialect": "postgresql"
    },
    { "name": "legacy", "roots": ["services/legacy"] },
    { "name": "auth", "roots": ["services/auth"], "dialect": "postgresql", "tables": ["auth_users"], "prefixes": ["auth_"] }
  ],
  "databases": {
    "auth_db": "legacy", // moved with the legacy login
    "billing_db": "billing"
  },
  "rules": {
    // Reports read billing's views through an agreed API.
    "no-cross-service-query": ["error", { "allow": [{ "table": "billing_invoices", "reason": "reports API" }] }],
    "identifier-case": ["error", { "case": "camelCase", "tableCase": "snake_case" }],
    "boolean-column-name": ["error", { "prefixes": ["is_"] }],
    "index-name": ["warn", { "prefixes": { "index": "IDX_" } }]
  },
  "dialect": "postgresql"
}
`);
    expect(merged.changes).toEqual([
      'dialect: set to "postgresql"',
      'services[\'billing\'].dialect: set to "postgresql"',
      'services[\'billing\'].prefixes: ["bill_"] → ["billing_"]',
      "services: added 'auth' (services/auth)",
      'databases["billing_db"]: owner "billing"',
      'rules[\'identifier-case\']: options case "camelCase", tableCase "snake_case"',
      'rules[\'index-name\']: ["warn", { "prefixes": { "index": "IDX_" } }]',
    ]);
    expect(merged.kept).toEqual([
      "services['legacy']: init did not find it; left as written",
      'databases["auth_db"]: owner "legacy" (init found "auth")',
      'rules[\'boolean-column-name\']: "error" (init learned "off")',
    ]);
    // A second merge of the same inference changes nothing.
    expect(mergeInitConfig(merged.text, LEARNED)).toEqual({ text: merged.text, changes: [], kept: merged.kept });
  });

  it('a service found under another name keeps its name; new roots and tables are added to its lists', () => {
    const existing = '{ "services": [{ "name": "payments", "roots": ["services/billing"], "tables": ["billing_invoices"] }] }\n';
    const learned = {
      services: [{ name: 'billing', roots: ['services/billing', 'packages/billing-db'], tables: ['billing_invoices', 'billing_refunds'] }],
    };
    expect(mergeInitConfig(existing, learned)).toEqual({
      text: '{ "services": [{ "name": "payments", "roots": ["services/billing", "packages/billing-db"], "tables": ["billing_invoices", "billing_refunds"] }] }\n',
      changes: ["services['payments'].roots: added 'packages/billing-db'", "services['payments'].tables: added 'billing_refunds'"],
      kept: [],
    });
  });

  it("a migration folder init found outside the service's roots is added to its migrations, kept ones stay", () => {
    const learned = {
      services: [{ name: 'scheduling-service', roots: ['services/scheduling-service'], migrations: ['migrations/scheduling'] }],
    };
    const without = '{ "services": [{ "name": "scheduling-service", "roots": ["services/scheduling-service"] }] }\n';
    expect(mergeInitConfig(without, learned).changes).toEqual(["services['scheduling-service'].migrations: added 'migrations/scheduling'"]);
    expect(JSON.parse(mergeInitConfig(without, learned).text).services[0].migrations).toEqual(['migrations/scheduling']);
    const kept =
      '{ "services": [{ "name": "scheduling-service", "roots": ["services/scheduling-service"], "migrations": ["db/scheduling"] }] }\n';
    expect(mergeInitConfig(kept, learned)).toEqual({
      text: '{ "services": [{ "name": "scheduling-service", "roots": ["services/scheduling-service"], "migrations": ["db/scheduling", "migrations/scheduling"] }] }\n',
      changes: ["services['scheduling-service'].migrations: added 'migrations/scheduling'"],
      kept: [],
    });
  });

  it('an empty config takes everything, on one line per key', () => {
    const merged = mergeInitConfig('{}\n', {
      dialect: 'mysql',
      services: [{ name: 'a', roots: ['services/a'] }],
      rules: { 'index-name': 'off' },
    });
    expect(merged.text).toBe(
      '{ "dialect": "mysql", "services": [{ "name": "a", "roots": ["services/a"] }], "rules": { "index-name": "off" } }\n',
    );
  });

  it('a config that does not parse is an error, never rewritten', () => {
    expect(() => mergeInitConfig('{ "services": [ }\n', LEARNED)).toThrow('expected a value');
    expect(() => mergeInitConfig('[1]\n', LEARNED)).toThrow('the config is not a JSON object');
  });
});

describe('putJsoncValue and appendJsoncElements keep the neighbours’ layout', () => {
  it.each([
    [
      'a new member on its own line, comma before the trailing comment',
      '{\n  "a": 1 // one\n}\n',
      ['b'],
      2,
      '{\n  "a": 1, // one\n  "b": 2\n}\n',
    ],
    ['after a trailing comma', '{\n  "a": 1,\n}\n', ['b'], 2, '{\n  "a": 1,\n  "b": 2\n}\n'],
    ['inline', '{ "a": 1 }', ['b'], [1, 2], '{ "a": 1, "b": [1, 2] }'],
    ['nested objects created', '{ "a": 1 }', ['rules', 'x', 'y'], true, '{ "a": 1, "rules": { "x": { "y": true } } }'],
    [
      'an existing value replaced, CRLF kept',
      '{\r\n  "a": [\r\n    1\r\n  ]\r\n}\r\n',
      ['a'],
      { b: 'c' },
      '{\r\n  "a": { "b": "c" }\r\n}\r\n',
    ],
  ] as const)('put: %s', (_, text, keyPath, value, expected) => {
    expect(putJsoncValue(text, keyPath, value)).toBe(expected);
  });

  it.each([
    [
      'inline, after the block comment beside the last element',
      '{ "t": ["a" /* why */] }',
      ['x', 'y'],
      '{ "t": ["a" /* why */, "x", "y"] }',
    ],
    ['an empty array', '{ "t": [] }', ['x'], '{ "t": ["x"] }'],
    ['elements on their own lines', '{ "t": [\n    "a"\n  ] }', ['x'], '{ "t": [\n    "a",\n    "x"\n  ] }'],
  ] as const)('append: %s', (_, text, values, expected) => {
    expect(appendJsoncElements(text, ['t'], values)).toBe(expected);
  });
});
