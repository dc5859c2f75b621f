/** Whole-project runs with only the ownership rules on, for the rename and drop tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ruleRegistry } from '../../rules/index.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { lint, type LintRun } from '../../src/lint.js';
import { tempDir } from '../temp-dirs.js';

/** Ownership comes from the migrations alone: no `tables` in the config, no database owners. */
export const config: NilecareConfig = {
  dialect: 'mysql',
  services: [
    { name: 'billing', roots: ['services/billing'], databases: ['nilecare'] },
    { name: 'payment', roots: ['services/payment'], databases: ['nilecare'] },
    { name: 'clinical', roots: ['services/clinical'], databases: ['clinical_data'], dialect: 'postgresql' },
  ],
};

/** Billing's first migration: `invoices`, `drafts` and `notes`. */
export const created = {
  'services/billing/migrations/V1__invoices.sql':
    'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);\nCREATE TABLE drafts (id CHAR(36) PRIMARY KEY);\nCREATE TABLE notes (id CHAR(36) PRIMARY KEY);\n',
};

const OWNERSHIP_RULES = ['no-cross-service-query', 'no-cross-service-foreign-key', 'unknown-table', 'ambiguous-table-owner'];

/** Lints `files` (path → content) with the ownership rules on, and nothing else; fails on internal errors. */
export async function lintWithOwnershipRules(files: Record<string, string>, config: NilecareConfig): Promise<LintRun> {
  const root = tempDir('nilecare-ownership-');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  const rules: NonNullable<NilecareConfig['rules']> = Object.fromEntries(Object.keys(ruleRegistry).map((id) => [id, 'off']));
  for (const id of OWNERSHIP_RULES) rules[id] = 'error';
  const run = await lint({ cwd: root, config: { ...config, rules } });
  expect(run.internalErrors).toEqual([]);
  return run;
}

/** `rule file:line:column message` per diagnostic, in report order. */
export const findings = (run: LintRun) => run.diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column} ${d.message}`);
