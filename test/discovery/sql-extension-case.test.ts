/**
 * SQL files are read whatever the case of their extension (HELDOUT7 #31): Windows tools, SSMS and
 * Workbench exports write `V1__Create_Patients.SQL`, which Flyway and the databases read as SQL. Skipped,
 * a service's migrations vanished and its tables became unknown. Script extensions stay lower-case: neither
 * tsc nor Node's module loader takes `.TS` / `.JS` as TypeScript or JavaScript.
 */
import { describe, expect, it } from 'vitest';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';

const pg = (name: string) => JSON.stringify({ name, private: true, dependencies: { pg: '^8.11.0' } });
const RULES = ['no-cross-service-query', 'unknown-table', 'migration-file-name', 'service-without-migrations'];

async function run(files: Record<string, string>) {
  const tree = memoryTree(
    {
      'services/patients/package.json': pg('patients'),
      'services/billing/package.json': pg('billing'),
      'services/billing/src/index.js':
        "const { Pool } = require('pg');\nconst pool = new Pool();\nexports.list = () => pool.query('SELECT i.id, p.full_name FROM invoices i JOIN patients p ON p.id = i.patient_id');\n",
      ...files,
    },
    { root: '/sql-extension-case' },
  );
  const result = await lint({ cwd: tree.root, tree });
  expect(result.internalErrors).toEqual([]);
  return {
    result,
    findings: result.diagnostics
      .filter((d) => RULES.includes(d.ruleId))
      .map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`),
  };
}

const CROSS =
  "no-cross-service-query services/billing/src/index.js:3:80-3:88 Service 'billing' reads table 'patients' owned by service 'patients'.";

describe('SQL extensions in any case', () => {
  it.each([
    ['V1__Create_Patients.SQL', 'V1__Invoices.Sql'],
    ['V1__create_patients.sql', 'V1__invoices.sql'],
  ])(
    '%s and %s are migrations: patients owns its table, billing’s join is cross-service, the names are versioned',
    async (patients, billing) => {
      const { findings, result } = await run({
        [`services/patients/migrations/${patients}`]: 'CREATE TABLE patients (id BIGINT PRIMARY KEY, full_name TEXT);\n',
        [`services/billing/migrations/${billing}`]: 'CREATE TABLE invoices (id BIGINT PRIMARY KEY, patient_id BIGINT);\n',
      });
      expect(findings).toEqual([CROSS]);
      expect(result.model.serviceByName('patients')!.createdTables.map((d) => d.file)).toEqual([
        `services/patients/migrations/${patients}`,
      ]);
      expect(result.model.migrations.isVersionedName(`services/patients/migrations/${patients}`)).toBe(true);
    },
  );

  it('a misnamed upper-case migration is judged as a lower-case one is; an `.SQL.bak` copy is not read', async () => {
    const { findings } = await run({
      'services/patients/migrations/V1__Create_Patients.SQL': 'CREATE TABLE patients (id BIGINT PRIMARY KEY, full_name TEXT);\n',
      'services/billing/migrations/V1__Invoices.Sql': 'CREATE TABLE invoices (id BIGINT PRIMARY KEY, patient_id BIGINT);\n',
      'services/billing/migrations/add-notes.SQL': 'ALTER TABLE invoices ADD COLUMN notes TEXT;\n',
      'services/patients/migrations/V1__Create_Patients.SQL.bak': 'CREATE TABLE patients_old (id BIGINT PRIMARY KEY);\n',
    });
    expect(findings).toEqual([
      "migration-file-name services/billing/migrations/add-notes.SQL:1:1-1:44 Migration file 'add-notes.SQL' is not named as a versioned migration; rename it like 'V1__add_notes.sql'.",
      CROSS,
    ]);
  });

  it('a script with an upper-case extension is not read (no loader takes it as code)', async () => {
    const { result } = await run({
      'services/patients/migrations/V1__create_patients.sql': 'CREATE TABLE patients (id BIGINT PRIMARY KEY, full_name TEXT);\n',
      'services/billing/src/Report.JS': "pool.query('SELECT full_name FROM patients');\n",
    });
    expect(result.model.files.map((f) => f.path)).not.toContain('services/billing/src/Report.JS');
  });
});
