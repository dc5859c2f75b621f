/**
 * A scratch repository whose commits each make one architectural change, with fixed names and
 * dates so that its commit ids, and so every report on it, are the same on every run. Used by
 * the diff tests and by the README's example report.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ruleRegistry } from '../../rules/index.js';
import { tempDir } from '../temp-dirs.js';
import { writeFile } from '../workflow/helpers.js';

/** Two services with a database each (from their .env files); only the architecture rules and one naming rule are on. */
const config = {
  dialect: 'mysql',
  services: [
    { name: 'billing', roots: ['services/billing'] },
    { name: 'payment', roots: ['services/payment'] },
  ],
  rules: {
    ...Object.fromEntries(Object.keys(ruleRegistry).map((id) => [id, 'off'])),
    'no-cross-service-query': 'error',
    'no-cross-service-foreign-key': 'error',
    'no-shared-database': 'error',
    'table-prefix': 'warn',
  },
};

/** Commit name → the files it writes (`null` deletes one). The first commit is the base of all. */
export const commits: Array<[string, Record<string, string | null>]> = [
  [
    'base',
    {
      'nilecare-lint.config.json': `${JSON.stringify(config, null, 2)}\n`,
      'services/payment/.env': 'DB_NAME=payment_db\n',
      'services/billing/.env': 'DB_NAME=billing_db\n',
      'services/payment/migrations/V1__payments.sql': 'CREATE TABLE payment_payments (id CHAR(36) PRIMARY KEY, amount INT);\n',
      'services/payment/migrations/V2__refunds.sql': 'CREATE TABLE refunds (id CHAR(36) PRIMARY KEY, amount INT);\n',
      'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE billing_invoices (id CHAR(36) PRIMARY KEY, total INT);\n',
      'services/billing/src/repo.ts': 'export const invoices = () => db.query("SELECT * FROM billing_invoices");\n',
    },
  ],
  ['query', { 'services/billing/src/repo.ts': 'export const invoices = () => db.query("SELECT * FROM payment_payments WHERE id = ?");\n' }],
  [
    'foreign-key',
    {
      'services/billing/migrations/V2__links.sql':
        'CREATE TABLE billing_links (\n  invoice_id CHAR(36) PRIMARY KEY,\n  payment_id CHAR(36),\n  FOREIGN KEY (payment_id) REFERENCES payment_payments (id)\n);\n',
    },
  ],
  ['remove', { 'services/billing/src/repo.ts': 'export const invoices = () => db.query("SELECT * FROM billing_invoices");\n' }],
  [
    'move',
    {
      'services/payment/migrations/V2__refunds.sql': null,
      'services/billing/migrations/V3__refunds.sql': 'CREATE TABLE refunds (id CHAR(36) PRIMARY KEY, amount INT);\n',
    },
  ],
  ['shared', { 'services/billing/.env': 'DB_NAME=billing_db\nLEDGER_DATABASE_URL=mysql://app@db:3306/payment_db\n' }],
];

/** git with fixed names and dates: the commits, and so the report's commit ids, are the same on every run. */
export function gitAt(cwd: string, ...args: string[]): string {
  const date = '2026-01-01T00:00:00Z';
  return execFileSync(
    'git',
    ['-c', 'user.name=Nilecare Test', '-c', 'user.email=test@nilecare.invalid', '-c', 'commit.gpgsign=false', ...args],
    {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    },
  );
}

/** Builds the repository (in a temporary folder removed after the test) and returns it with each commit's id by name. */
export function scenarioRepo(): { root: string; sha: Record<string, string> } {
  const root = tempDir('nilecare-diff-');
  const sha: Record<string, string> = {};
  gitAt(root, 'init', '-q', '-b', 'main');
  for (const [name, files] of commits) {
    for (const [file, content] of Object.entries(files)) {
      if (content === null) rmSync(path.join(root, file));
      else writeFile(root, file, content);
    }
    gitAt(root, 'add', '-A');
    gitAt(root, 'commit', '-q', '-m', name);
    gitAt(root, 'tag', name);
    sha[name] = gitAt(root, 'rev-parse', 'HEAD').trim();
  }
  return { root, sha };
}
