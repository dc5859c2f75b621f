/**
 * A scratch repository whose commits each make one architectural change, with fixed names and
 * dates so that its commit ids, and so every report on it, are the same on every run. Used by
 * the diff tests and by the README's example report.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ruleRegistry } from '../../rules/index.js';
import { tempDir } from '../temp-dirs.js';

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

/** The author and commit date of every commit. */
const DATE = '2026-01-01T00:00:00Z';

/** git with fixed names and dates: the commits, and so the report's commit ids, are the same on every run. */
export function gitAt(cwd: string, ...args: string[]): string {
  return gitWithInput(cwd, args);
}

function gitWithInput(cwd: string, args: string[], input?: string): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=Nilecare Test', '-c', 'user.email=test@nilecare.invalid', '-c', 'commit.gpgsign=false', ...args],
    {
      cwd,
      input,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: DATE, GIT_COMMITTER_DATE: DATE },
    },
  );
}

/**
 * Builds the repository (in a temporary folder removed after the test) and returns it with each
 * commit's id by name. One `git fast-import` writes every commit and tag (what `git add`, `commit`
 * and `tag` per commit would, with the same ids) and `reset --hard` checks the last one out: three
 * git processes instead of thirty, each a fork of the test worker.
 */
export function scenarioRepo(): { root: string; sha: Record<string, string> } {
  const root = tempDir('nilecare-diff-');
  gitAt(root, 'init', '-q', '-b', 'main');
  const marks = path.join(root, '.git', 'scenario-marks');
  gitWithInput(root, ['fast-import', '--quiet', `--export-marks=${marks}`], fastImportStream());
  gitAt(root, 'reset', '-q', '--hard', 'main');
  const byMark = new Map(
    readFileSync(marks, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' ') as [string, string]),
  );
  const sha: Record<string, string> = {};
  commits.forEach(([name], index) => {
    const id = byMark.get(`:${index + 1}`);
    if (!id) throw new Error(`git fast-import exported no id for commit '${name}'`);
    sha[name] = id;
  });
  return { root, sha };
}

/** The commits as a fast-import stream: author, committer, date and message as `git commit -m <name>` writes them. */
function fastImportStream(): string {
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const who = `Nilecare Test <test@nilecare.invalid> ${Date.parse(DATE) / 1000} +0000`;
  const out: string[] = [];
  commits.forEach(([name, files], index) => {
    out.push(`commit refs/heads/main\nmark :${index + 1}\nauthor ${who}\ncommitter ${who}\n${data(`${name}\n`)}`);
    if (index > 0) out.push(`from :${index}\n`);
    for (const [file, content] of Object.entries(files))
      out.push(content === null ? `D ${file}\n` : `M 100644 inline ${file}\n${data(content)}`);
    out.push(`\nreset refs/tags/${name}\nfrom :${index + 1}\n\n`);
  });
  return out.join('');
}
