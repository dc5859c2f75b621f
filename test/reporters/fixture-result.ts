import type { AnyRule, Diagnostic, LintResult, Severity } from '../../src/engine/types.js';
import type { ReportOptions } from '../../src/reporters/index.js';

/**
 * One canonical lint result that every reporter test renders: three files, errors and
 * warnings, a related location, help texts, a multi-line range, suppressed findings (in
 * source and baseline), a parse error, notices, a rule whose configured severity differs
 * from its default, and paths with spaces.
 */

const crossServiceQuery: AnyRule = {
  meta: {
    id: 'no-cross-service-query',
    category: 'architecture',
    description: 'Disallow queries on tables owned by another service',
    rationale: "Direct reads couple deployments and bypass the owner's invariants.",
    defaultSeverity: 'error',
    messages: { foreignTable: "Service '{{service}}' queries table '{{table}}' owned by '{{owner}}'." },
    examples: {
      invalid: [{ filename: 'services/billing/src/repo.ts', code: "db.query('SELECT * FROM clinical_data.patients')" }],
      valid: [{ filename: 'services/billing/src/repo.ts', code: "db.query('SELECT id FROM billing_invoices')" }],
    },
  },
  create: () => ({}),
};

const unsafeEnvDefault: AnyRule = {
  meta: {
    id: 'no-unsafe-env-default',
    category: 'security',
    securitySeverity: 7,
    description: 'Disallow defaults for connection settings that only work on a developer machine',
    rationale: 'A default such as localhost hides a missing setting until the service runs in production.',
    defaultSeverity: 'warn',
    messages: { localHost: "Default for '{{name}}' points at '{{host}}', a development-only host." },
  },
  create: () => ({}),
};

const tableNaming: AnyRule = {
  meta: {
    id: 'table-naming-convention',
    category: 'naming',
    description: 'Require snake_case table names with the owning service as prefix',
    rationale: 'Consistent names make ownership visible in every query and migration.',
    defaultSeverity: 'warn',
    messages: { notSnakeCase: "Table '{{table}}' is not snake_case." },
  },
  create: () => ({}),
};

export const fixtureRules: AnyRule[] = [crossServiceQuery, unsafeEnvDefault, tableNaming];

const migration = 'services/clinical/migrations/001 create patients.sql';

function diagnostic(fields: Omit<Diagnostic, 'endLine'> & { endLine?: number }): Diagnostic {
  return { endLine: fields.line, ...fields };
}

export const fixtureDiagnostics: Diagnostic[] = [
  diagnostic({
    ruleId: 'no-unsafe-env-default',
    messageId: 'localHost',
    message: "Default for 'DATABASE_URL' points at 'localhost:5432', a development-only host.",
    severity: 'warn',
    file: 'services/billing/src/config.ts',
    line: 3,
    column: 38,
    endColumn: 75,
    data: { name: 'DATABASE_URL', host: 'localhost:5432' },
    help: 'Remove the default and fail at startup when DATABASE_URL is unset.',
    fingerprint: '5d41402abc4b2a76',
  }),
  diagnostic({
    ruleId: 'no-unsafe-env-default',
    messageId: 'localHost',
    message: "Default for 'REDIS_URL' points at '127.0.0.1', a development-only host.",
    severity: 'warn',
    file: 'services/billing/src/config.ts',
    line: 8,
    column: 18,
    endLine: 10,
    endColumn: 4,
    data: { name: 'REDIS_URL', host: '127.0.0.1' },
    fingerprint: '7d793037a0760186',
  }),
  diagnostic({
    ruleId: 'no-cross-service-query',
    messageId: 'foreignTable',
    message: "Service 'billing' queries table 'clinical_data.patients' owned by 'clinical'.",
    severity: 'error',
    file: 'services/billing/src/invoice-repo.ts',
    line: 14,
    column: 25,
    endColumn: 47,
    data: { service: 'billing', table: 'clinical_data.patients', owner: 'clinical' },
    help: "Call clinical's patient API or subscribe to its PatientUpdated events.",
    related: [
      {
        file: migration,
        range: { line: 1, column: 14, endLine: 1, endColumn: 36 },
        message: "'clinical' creates table 'clinical_data.patients' here.",
      },
    ],
    fingerprint: '9e107d9d372bb682',
  }),
  diagnostic({
    ruleId: 'no-cross-service-query',
    messageId: 'foreignTable',
    message: "Service 'billing' queries table 'clinical_data.visits' owned by 'clinical'.",
    severity: 'error',
    file: 'services/billing/src/invoice-repo.ts',
    line: 31,
    column: 9,
    endColumn: 29,
    data: { service: 'billing', table: 'clinical_data.visits', owner: 'clinical' },
    fingerprint: 'e4d909c290d0fb1c',
    suppressed: { kind: 'baseline' },
  }),
  diagnostic({
    ruleId: 'table-naming-convention',
    messageId: 'notSnakeCase',
    message: "Table 'PatientVisits' is not snake_case.",
    severity: 'error',
    file: migration,
    line: 9,
    column: 14,
    endColumn: 27,
    data: { table: 'PatientVisits' },
    help: "Rename it to 'clinical_patient_visits'.",
    fingerprint: '2fd4e1c67a2d28fc',
  }),
  diagnostic({
    ruleId: 'table-naming-convention',
    messageId: 'notSnakeCase',
    message: "Table 'LegacyAudit' is not snake_case.",
    severity: 'error',
    file: migration,
    line: 20,
    column: 14,
    endColumn: 25,
    data: { table: 'LegacyAudit' },
    fingerprint: 'de9f2c7fd25e1b3a',
    suppressed: { kind: 'inSource', justification: 'Read by the 2019 reporting export; renamed in NC-1234.' },
  }),
  diagnostic({
    ruleId: 'parse-error',
    messageId: 'parseError',
    message: "SQL could not be parsed: expected ';' or end of input but '<' found.",
    severity: 'error',
    file: migration,
    line: 27,
    column: 1,
    endColumn: 2,
    fingerprint: '0cc175b9c0f1b6a8',
  }),
];

export const fixtureResult: LintResult = {
  diagnostics: fixtureDiagnostics,
  filesLinted: 42,
  filesSkipped: 3,
  notices: [
    'No nilecare-lint.config.ts found; inferred 2 services from services/*/package.json.',
    'Skipped 1 file larger than 1 MiB: services/clinical/seed/dump.sql.',
  ],
  warnings: ["services[1].roots[0]: 'service/billing' matches no folder, so service 'billing' gets no files from it"],
  rules: [
    { rule: crossServiceQuery, severity: 'error' },
    { rule: unsafeEnvDefault, severity: 'warn' },
    // Configured above its default, so SARIF records a configuration override.
    { rule: tableNaming, severity: 'error' },
  ],
  cwd: '/home/ci/nilecare monorepo',
};

export const fixtureOptions: ReportOptions = {
  color: false,
  toolVersion: '0.1.0',
  exitCode: 1,
  automationId: 'nilecare-lint/',
};

/** A result with a single diagnostic, for focused checks. */
export function resultWith(diagnostics: Diagnostic[], overrides: Partial<LintResult> = {}): LintResult {
  return { ...fixtureResult, diagnostics, notices: [], warnings: [], ...overrides };
}

export function withSeverity(d: Diagnostic, severity: Severity): Diagnostic {
  return { ...d, severity };
}
