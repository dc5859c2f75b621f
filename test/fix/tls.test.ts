/** no-insecure-db-tls suggestions: certificate checks back on, TLS required in URLs and sslmode variables. */
import { describe, expect, it } from 'vitest';
import { workflowConfig } from '../workflow/helpers.js';
import { applied, configFile, lintFiles, only, suggestion, unsuppressed } from './helpers.js';

const config = configFile(only({ 'no-insecure-db-tls': 'error' }, { dialect: 'postgresql', services: workflowConfig.services }));

describe('no-insecure-db-tls suggestions', () => {
  it.each([
    [
      'rejectUnauthorized: false',
      'services/billing/src/db.ts',
      'export const pool = new Pool({ host: process.env.PG_HOST, ssl: { rejectUnauthorized: false } });\n',
      'export const pool = new Pool({ host: process.env.PG_HOST, ssl: { rejectUnauthorized: true } });\n',
      /^Set 'rejectUnauthorized: true'/,
    ],
    [
      'sslmode=disable in a URL in code',
      'services/billing/src/db.ts',
      "export const url = 'postgres://app@db:5432/billing?application_name=x&sslmode=disable';\n",
      "export const url = 'postgres://app@db:5432/billing?application_name=x&sslmode=require';\n",
      /^Replace 'sslmode=disable' with 'sslmode=require'/,
    ],
    [
      'sslmode=disable in a URL in .env',
      'services/billing/.env',
      'DATABASE_URL=postgres://app@db:5432/billing?sslmode=disable\n',
      'DATABASE_URL=postgres://app@db:5432/billing?sslmode=require\n',
      /^Replace/,
    ],
    [
      "MySQL's ssl-mode, key spelling kept",
      'services/billing/.env',
      'DATABASE_URL=mysql://app@db:3306/billing?ssl-mode=DISABLED\n',
      'DATABASE_URL=mysql://app@db:3306/billing?ssl-mode=REQUIRED\n',
      /^Replace 'ssl-mode=DISABLED' with 'ssl-mode=REQUIRED'/,
    ],
    ['PGSSLMODE=disable in .env', 'services/billing/.env', 'PGSSLMODE=disable\n', 'PGSSLMODE=require\n', /^Replace 'PGSSLMODE=disable'/],
    [
      'a compose environment entry',
      'docker-compose.yml',
      'services:\n  billing:\n    environment:\n      DATABASE_URL: "postgres://app@db/billing?sslmode=disable"\n',
      'services:\n  billing:\n    environment:\n      DATABASE_URL: "postgres://app@db/billing?sslmode=require"\n',
      /^Replace/,
    ],
    [
      'an sslmode default in code',
      'services/billing/src/db.ts',
      "export const sslmode = process.env.PGSSLMODE || 'disable';\n",
      "export const sslmode = process.env.PGSSLMODE || 'require';\n",
      /^Default 'PGSSLMODE' to 'require'/,
    ],
  ])('%s', async (_, file, before, after, description) => {
    const files = { ...config, [file]: before };
    const [finding, ...more] = unsuppressed(await lintFiles(files), 'no-insecure-db-tls');
    expect(more).toEqual([]);
    const fixed = applied(files, [suggestion(finding, description)]);
    expect(fixed[file]).toBe(after);
    expect(unsuppressed(await lintFiles(fixed), 'no-insecure-db-tls')).toEqual([]);
  });

  it('offers no replacement where the file does not hold the setting as written (an escaped URL)', async () => {
    const file = 'services/billing/src/db.ts';
    const files = { ...config, [file]: "export const url = 'postgres://app@db/billing?ssl\\u006dode=disable';\n" };
    const findings = unsuppressed(await lintFiles(files), 'no-insecure-db-tls');
    expect(findings.length).toBe(1);
    expect(findings[0].suggestions?.map((s) => s.description)).toEqual(["Disable 'no-insecure-db-tls' for this line, with a reason."]);
  });

  it('offers nothing for a setting with no TLS-requiring twin (sslmode=no-verify needs a CA certificate)', async () => {
    const file = 'services/billing/.env';
    const files = { ...config, [file]: 'DATABASE_URL=postgres://app@db/billing?sslmode=no-verify\n' };
    const [finding] = unsuppressed(await lintFiles(files), 'no-insecure-db-tls');
    expect(finding.suggestions?.map((s) => s.description)).toEqual(["Disable 'no-insecure-db-tls' for this line, with a reason."]);
  });
});
