/** The search path each login role gets from the repository's SQL (HELDOUT8 #10). */
import { describe, expect, it } from 'vitest';
import { roleSearchPaths } from '../../src/model/role-search-paths.js';
import type { FileFacts } from '../../src/analysis/facts.js';

/** A file's SQL facts as the model reads them here: statement texts only. */
const sqlFile = (path: string, statements: string[]) =>
  ({ path, sql: { dialect: 'postgresql', statements: statements.map((text) => ({ text })) } }) as unknown as FileFacts;

describe('roleSearchPaths', () => {
  it('reads ALTER ROLE / ALTER USER … SET search_path (IN DATABASE too), and a schema named after a role on the default path', () => {
    const paths = roleSearchPaths([
      sqlFile('infra/init/01.sql', [
        '-- per service\nALTER ROLE orders SET search_path TO orders',
        'ALTER USER "Billing" IN DATABASE platform SET search_path = billing, public',
        'CREATE SCHEMA AUTHORIZATION shipping',
        'CREATE SCHEMA IF NOT EXISTS audit AUTHORIZATION auditor',
        'ALTER ROLE reports SET search_path TO "$user", analytics',
        'ALTER ROLE ledger SET search_path TO "$user", public',
        'CREATE SCHEMA ledger',
        'CREATE SCHEMA public',
        'ALTER ROLE orders SET search_path TO public',
      ]),
    ]);
    expect(Object.fromEntries(paths)).toEqual({
      orders: { schema: 'orders' },
      billing: { schema: 'billing', searched: ['public'] },
      shipping: { schema: 'shipping', searched: ['public'] },
      audit: { schema: 'audit', searched: ['public'] },
      reports: { schema: 'analytics' },
      ledger: { schema: 'ledger', searched: ['public'] },
    });
  });

  it('nothing from other statements or a path of only "$user" without its schema', () => {
    const paths = roleSearchPaths([
      sqlFile('db/init.sql', [
        'SET search_path TO orders',
        'ALTER ROLE app SET statement_timeout = 0',
        'ALTER ROLE x SET search_path TO "$user"',
      ]),
    ]);
    expect(paths.size).toBe(0);
  });
});
