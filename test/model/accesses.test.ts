import { describe, expect, it } from 'vitest';
import { buildOwnershipMap, edgeFindingCount } from '../../src/commands/ownership.js';
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

describe('code outside every service in a package the services depend on', () => {
  const engines: NilecareConfig = {
    dialect: 'postgresql',
    services: [
      { name: 'my', roots: ['backends/my'], tables: ['jobs'] },
      { name: 'pg', roots: ['backends/pg'], tables: ['jobs'] },
      { name: 'reports', roots: ['apps/reports'], tables: ['report_runs'] },
    ],
  };
  const manifest = (name: string, dependencies: Record<string, string> = {}, devDependencies: Record<string, string> = {}) =>
    JSON.stringify({ name, dependencies, devDependencies });
  const tree = memoryTree({
    'backends/my/package.json': manifest('@q/my', { '@q/sql': '1', '@q/shared': '1' }),
    'backends/pg/package.json': manifest('@q/pg', { '@q/sql': '1', '@q/shared': '1' }, { '@q/purge': '1' }),
    'apps/reports/package.json': manifest('@q/reports', { '@q/shared': '1' }),
    // The SQL library the two engine backends extend: no import leads to this module, their package.json files do.
    'backends/sql/package.json': manifest('@q/sql'),
    'backends/sql/src/queries.ts': "export const claim = (db) => db.query('SELECT * FROM jobs WHERE state = 1');\n",
    // A package of the postgres backend alone (a devDependency), nested below another folder.
    'backends/admin/purge/package.json': manifest('@q/purge'),
    'backends/admin/purge/src/purge.ts': "export const purge = (db) => db.query('DELETE FROM jobs');\n",
    // A package the reports service depends on too: not the owners' code alone.
    'packages/shared/package.json': manifest('@q/shared'),
    'packages/shared/src/stats.ts': "export const count = (db) => db.query('SELECT count(*) FROM jobs');\n",
  });

  it('is the owners’ code when exactly the owners depend on it; otherwise it is named by its nearest package', async () => {
    const run = await lint({ cwd: tree.root, tree, config: engines, suppressions: false });
    expect(run.model.outsidePackageOf('backends/sql/src/queries.ts')?.dependents.map((s) => s.name)).toEqual(['my', 'pg']);
    expect(run.model.outsidePackageOf('backends/admin/purge/src/purge.ts')?.folder).toBe('backends/admin/purge');
    expect(run.model.outsidePackageOf('backends/my/src/x.ts')).toBeUndefined();
    const accesses = crossServiceAccesses(run.model).map(
      (a) => `[${a.folder}] ${a.table} of ${a.owner.name}${a.ofSeveral ? ' (of several)' : ''}`,
    );
    expect(accesses.sort()).toEqual([
      '[backends/admin/purge] jobs of my (of several)',
      '[backends/admin/purge] jobs of pg (of several)',
      '[packages/shared] jobs of my (of several)',
      '[packages/shared] jobs of pg (of several)',
    ]);
    const findings = run.diagnostics
      .filter((d) => d.ruleId === 'no-cross-service-query')
      .map((d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`);
    expect(findings).toEqual([
      "backends/admin/purge/src/purge.ts:1:52-1:56 Code in 'backends/admin/purge', outside every service, deletes from table 'jobs', which only services 'my' and 'pg' create.",
      "packages/shared/src/stats.ts:1:61-1:65 Code in 'packages/shared', outside every service, reads table 'jobs', which only services 'my' and 'pg' create.",
    ]);
  });

  it('map draws a finding on a table several services own on an edge to each owner, and counts it once', async () => {
    const run = await lint({ cwd: tree.root, tree, config: engines, suppressions: false });
    const map = buildOwnershipMap(run.model, run.diagnostics);
    expect(map.edges.map((e) => `${e.from}→${e.table} of ${e.owner}: ${e.count}`)).toEqual([
      'backends/admin/purge→jobs of my: 1',
      'backends/admin/purge→jobs of pg: 1',
      'packages/shared→jobs of my: 1',
      'packages/shared→jobs of pg: 1',
    ]);
    expect(edgeFindingCount(map.edges)).toBe(2);
  });
});
