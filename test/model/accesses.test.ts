import { describe, expect, it } from 'vitest';
import { buildOwnershipMap } from '../../src/commands/ownership.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';
import { crossServiceAccesses } from '../../src/model/accesses.js';
import type { NilecareConfig } from '../../src/config/schema.js';

const config: NilecareConfig = {
  dialect: 'mysql',
  services: [
    { name: 'billing', roots: ['services/billing'], tables: ['invoices'] },
    { name: 'clinical', roots: ['services/clinical'], tables: ['patients', 'encounters'] },
  ],
};

const files = {
  'services/billing/src/repo.ts': "await pool.query('SELECT * FROM patients WHERE id = ?', [id]);\n",
  'services/billing/migrations/V1__claims.sql':
    'CREATE TABLE claims (id INT PRIMARY KEY, patient_id INT, FOREIGN KEY (patient_id) REFERENCES patients(id));\n' +
    "GRANT SELECT ON encounters TO 'billing'@'%';\n",
  'services/clinical/src/repo.ts': "await pool.query('SELECT * FROM invoices');\nawait pool.query('SELECT * FROM patients');\n",
  'reporting/dashboard/query.ts': "await pool.query('SELECT * FROM invoices');\n",
};

async function run(extra: Partial<NilecareConfig> = {}) {
  const tree = memoryTree(files);
  return lint({ cwd: tree.root, tree, config: { ...config, ...extra }, suppressions: false });
}

describe('cross-service accesses in the model', () => {
  it('knows accessor, table, owner and kind of every access of another service’s table', async () => {
    const { model } = await run();
    const accesses = crossServiceAccesses(model).map(
      (a) =>
        `${a.accessor?.name ?? `[${a.folder}]`} ${a.kind} ${a.table} of ${a.owner.name} at ${a.file}:${a.range.line}:${a.range.column}`,
    );
    expect(accesses.sort()).toEqual([
      '[reporting/dashboard] query invoices of billing at reporting/dashboard/query.ts:1:33',
      'billing foreign-key patients of clinical at services/billing/migrations/V1__claims.sql:1:94',
      'billing grant encounters of clinical at services/billing/migrations/V1__claims.sql:2:17',
      'billing query patients of clinical at services/billing/src/repo.ts:1:33',
      'clinical query invoices of billing at services/clinical/src/repo.ts:1:33',
    ]);
  });

  it('map draws the accesses the rules report: an allow-listed table is an access, not an edge', async () => {
    const all = await run();
    expect(buildOwnershipMap(all.model, all.diagnostics).edges.map((e) => `${e.from}→${e.table}`)).toContain('clinical→invoices');
    const allowed = await run({ rules: { 'no-cross-service-query': ['error', { allow: ['invoices'] }] } });
    expect(crossServiceAccesses(allowed.model).some((a) => a.table === 'invoices')).toBe(true);
    const edges = buildOwnershipMap(allowed.model, allowed.diagnostics).edges.map(
      (e) => `${e.from}→${e.table}:${Object.keys(e.kinds).join()}`,
    );
    expect(edges.sort()).toEqual(['billing→encounters:grant', 'billing→patients:foreign-key,query']);
  });
});
