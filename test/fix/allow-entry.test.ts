/** Cross-service findings: the suggestion records an allow-list entry with a reason comment, editing the config in place. */
import { describe, expect, it } from 'vitest';
import { paymentMigration, workflowConfig } from '../workflow/helpers.js';
import { applied, lintFiles, suggestion, unsuppressed } from './helpers.js';

const QUERY = { 'services/billing/src/repo.ts': "db.query('SELECT * FROM payments');\n" };
const services = JSON.stringify(workflowConfig.services);

describe('no-cross-service-query: allow-list suggestion', () => {
  it.each([
    [
      'a bare severity, comments kept',
      `{\n  // who owns what\n  "services": ${services},\n  "rules": { "no-cross-service-query": "error" }\n}\n`,
      `{\n  // who owns what\n  "services": ${services},\n  "rules": { "no-cross-service-query": ["error", { "allow": ["payments" /* <reason> */] }] }\n}\n`,
    ],
    [
      'an allow list with entries',
      `{ "services": ${services}, "rules": { "no-cross-service-query": ["error", { "allow": ["audit_log"] }] } }\n`,
      `{ "services": ${services}, "rules": { "no-cross-service-query": ["error", { "allow": ["audit_log", "payments" /* <reason> */] }] } }\n`,
    ],
    [
      'no entry for the rule',
      `{ "services": ${services}, "rules": {} }\n`,
      `{ "services": ${services}, "rules": { "no-cross-service-query": ["error", { "allow": ["payments" /* <reason> */] }] } }\n`,
    ],
    [
      'no rules at all',
      `{ "services": ${services} }\n`,
      `{ "rules": { "no-cross-service-query": ["error", { "allow": ["payments" /* <reason> */] }] }, "services": ${services} }\n`,
    ],
  ])('%s', async (_, before, after) => {
    const files = { 'nilecare-lint.config.json': before, ...paymentMigration, ...QUERY };
    const [finding] = unsuppressed(await lintFiles(files), 'no-cross-service-query');
    const fixed = applied(files, [suggestion(finding, /^Allow table 'payments'/)]);
    expect(fixed['nilecare-lint.config.json']).toBe(after);
    expect(unsuppressed(await lintFiles(fixed), 'no-cross-service-query')).toEqual([]);
  });
});

const FOREIGN_KEY = {
  'services/billing/migrations/V1__refunds.sql':
    'CREATE TABLE refunds (id CHAR(36) PRIMARY KEY, payment_id CHAR(36), FOREIGN KEY (payment_id) REFERENCES payments(id));\n',
};
const configWith = (rules: Record<string, unknown>) =>
  `{\n  "services": ${services},\n  // agreed exceptions\n  "rules": ${JSON.stringify(rules)}\n}\n`;

describe('no-cross-service-foreign-key: allow-list suggestion and entries', () => {
  it.each([
    [
      'a bare severity',
      { 'no-cross-service-foreign-key': 'error' },
      '{"no-cross-service-foreign-key":["error", { "allow": [{ "table": "payments", "service": "billing", "reason": "<reason>" }] }]}',
      [],
    ],
    [
      'an allow list with an entry',
      { 'no-cross-service-foreign-key': ['error', { allow: [{ table: 'ledger', reason: 'read-only archive' }] }] },
      '{"no-cross-service-foreign-key":["error",{"allow":[{"table":"ledger","reason":"read-only archive"}, { "table": "payments", "service": "billing", "reason": "<reason>" }]}]}',
      ["Allow entry for table 'ledger' allows no foreign key; remove it."],
    ],
  ])('%s', async (_, rules, after, unused) => {
    const files = { 'nilecare-lint.config.json': configWith(rules), ...paymentMigration, ...FOREIGN_KEY };
    const [finding, ...more] = unsuppressed(await lintFiles(files), 'no-cross-service-foreign-key').filter(
      (d) => d.messageId === 'foreignKey',
    );
    expect(more).toEqual([]);
    const fixed = applied(files, [
      suggestion(finding, /^Allow foreign keys of 'billing' to table 'payments' in no-cross-service-foreign-key's options/),
    ]);
    expect(fixed['nilecare-lint.config.json']).toBe(configWith(rules).replace(JSON.stringify(rules), after));
    // The new entry is used, so neither the foreign key nor the entry is reported (ledger's allows nothing here, and says so).
    const remaining = unsuppressed(await lintFiles(fixed), 'no-cross-service-foreign-key');
    expect(remaining.map((d) => d.message)).toEqual(unused);
  });

  it('an entry that allows nothing is a warning on the config, naming it', async () => {
    const rules = {
      'no-cross-service-foreign-key': [
        'error',
        {
          allow: [
            { table: 'payments', service: 'billing', reason: 'legacy' },
            { table: 'pay*', service: 'payment', reason: 'typo' },
          ],
        },
      ],
    };
    const files = { 'nilecare-lint.config.json': configWith(rules), ...paymentMigration, ...FOREIGN_KEY };
    const findings = unsuppressed(await lintFiles(files), 'no-cross-service-foreign-key');
    expect(findings).toMatchObject([
      {
        ruleId: 'no-cross-service-foreign-key',
        messageId: 'unusedAllow',
        severity: 'warn',
        file: 'nilecare-lint.config.json',
        message: "Allow entry for table 'pay*' allows no foreign key; remove it.",
        line: 4,
        column: 122,
        endLine: 4,
        endColumn: 174,
      },
    ]);
  });

  it('an entry for another service does not allow the foreign key', async () => {
    const rules = {
      'no-cross-service-foreign-key': ['error', { allow: [{ table: 'payments', service: 'payment', reason: 'own table' }] }],
    };
    const files = { 'nilecare-lint.config.json': configWith(rules), ...paymentMigration, ...FOREIGN_KEY };
    expect(unsuppressed(await lintFiles(files), 'no-cross-service-foreign-key').map((d) => [d.messageId, d.file, d.line])).toEqual([
      ['unusedAllow', 'nilecare-lint.config.json', 4],
      ['foreignKey', 'services/billing/migrations/V1__refunds.sql', 1],
    ]);
  });
});

describe('ambiguous-table-owner: allow-list suggestion and entries', () => {
  const twice = {
    'services/billing/migrations/V2__outbox.sql': 'CREATE TABLE outbox_events (id CHAR(36) PRIMARY KEY);\n',
    'services/payment/migrations/V2__outbox.sql': 'CREATE TABLE outbox_events (id CHAR(36) PRIMARY KEY);\n',
  };

  it('records the table with a reason to fill in, and the entry then allows both declarations', async () => {
    const rules = { 'ambiguous-table-owner': 'warn' };
    const files = { 'nilecare-lint.config.json': configWith(rules), ...twice };
    const findings = unsuppressed(await lintFiles(files), 'ambiguous-table-owner');
    expect(findings.map((d) => d.file)).toEqual([
      'services/billing/migrations/V2__outbox.sql',
      'services/payment/migrations/V2__outbox.sql',
    ]);
    const fixed = applied(files, [suggestion(findings[0], /^Allow table 'nilecare.outbox_events' in ambiguous-table-owner's options/)]);
    expect(fixed['nilecare-lint.config.json']).toBe(
      configWith(rules).replace(
        JSON.stringify(rules),
        '{"ambiguous-table-owner":["warn", { "allow": [{ "table": "nilecare.outbox_events", "reason": "<reason>" }] }]}',
      ),
    );
    expect(unsuppressed(await lintFiles(fixed), 'ambiguous-table-owner')).toEqual([]);
  });

  it('an entry that allows nothing is a warning on the config, naming it', async () => {
    const rules = {
      'ambiguous-table-owner': [
        'warn',
        {
          allow: [
            { table: 'OUTBOX_*', reason: 'each service its own outbox' },
            { table: 'audit_log', reason: 'gone' },
          ],
        },
      ],
    };
    const files = { 'nilecare-lint.config.json': configWith(rules), ...twice };
    const findings = unsuppressed(await lintFiles(files), 'ambiguous-table-owner');
    expect(findings).toMatchObject([
      {
        ruleId: 'ambiguous-table-owner',
        messageId: 'unusedAllow',
        severity: 'warn',
        file: 'nilecare-lint.config.json',
        message: "Allow entry for table 'audit_log' allows no table created by several services; remove it.",
        line: 4,
        column: 115,
        endLine: 4,
        endColumn: 152,
      },
    ]);
  });

  it('an entry without a reason is refused when the config loads', async () => {
    const rules = { 'ambiguous-table-owner': ['warn', { allow: [{ table: 'outbox_events' }] }] };
    await expect(lintFiles({ 'nilecare-lint.config.json': configWith(rules), ...twice })).rejects.toThrow(/reason/);
  });
});
