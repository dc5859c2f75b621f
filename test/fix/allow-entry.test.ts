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
