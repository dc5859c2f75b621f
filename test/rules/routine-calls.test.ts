/**
 * Calling another service's stored procedure (HELDOUT6 #21): `CALL sp_x(…)` of a routine another service's
 * schema declares is a no-cross-service-query finding naming the routine and its owner, with the routine's
 * declaration as related location. A service calling its own routine, a routine no service declares (not a
 * table: no unknown-table either), a routine only a test or a script declares, and code outside every service stay quiet.
 */
import { describe, expect, it } from 'vitest';
import crossServiceQuery from '../../rules/no-cross-service-query.js';
import unknownTable from '../../rules/unknown-table.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { analyzeSql } from '../../src/analysis/sql/index.js';
import { ruleTester, runCase } from '../rule-tester.js';

const clinic: NilecareConfig = {
  dialect: 'mysql',
  services: [
    { name: 'patients', roots: ['services/patients'] },
    { name: 'billing', roots: ['services/billing'] },
    { name: 'wards', roots: ['services/wards'] },
  ],
};
const PATIENTS_V1 = [
  'CREATE TABLE patients (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL);',
  'DELIMITER //',
  'CREATE PROCEDURE sp_patient_summary(IN p_id INT)',
  'BEGIN',
  '  SELECT id, name FROM patients WHERE id = p_id;',
  'END //',
  'DELIMITER ;',
].join('\n');
const files = {
  'services/patients/migrations/V1__patients.sql': PATIENTS_V1,
  'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id INT AUTO_INCREMENT PRIMARY KEY, patient_id INT NOT NULL);',
};
const CALLER = "const [sets] = await pool.query('CALL sp_patient_summary(?)', [id]);";

ruleTester.run(crossServiceQuery, {
  valid: [
    {
      name: 'a service calling a procedure its own migration declares',
      filename: 'services/patients/src/index.js',
      code: CALLER,
      files,
      config: clinic,
    },
    {
      name: "a procedure no service declares (a DBA's, an extension's): nothing to cross",
      filename: 'services/billing/src/index.js',
      code: "await pool.query('CALL sp_rebuild_stats()');",
      files,
      config: clinic,
    },
    {
      name: "a procedure only another service's test setup declares is no schema object of that service",
      filename: 'services/billing/src/index.js',
      code: "await pool.query('CALL sp_seed_wards()');",
      files: {
        ...files,
        'services/wards/test/setup.sql': 'CREATE PROCEDURE sp_seed_wards() BEGIN SELECT 1; END;',
      },
      config: clinic,
    },
    {
      name: 'code outside every service calling a routine: no service boundary to name',
      filename: 'scripts/report.js',
      code: CALLER,
      files,
      config: clinic,
    },
    {
      name: 'a routine the allow option lists',
      filename: 'services/billing/src/index.js',
      code: CALLER,
      files,
      config: clinic,
      options: { allow: ['sp_patient_*'] },
    },
    {
      name: '`call` as a column or a word in a string is no CALL statement',
      filename: 'services/billing/src/index.js',
      code: "await pool.query('SELECT call FROM invoices WHERE note = ?', ['CALL sp_patient_summary(1)']);",
      files,
      config: clinic,
    },
  ],
  invalid: [
    {
      name: "a service calling the procedure another service's migration declares (HELDOUT6 #21)",
      filename: 'services/billing/src/index.js',
      code: CALLER,
      files,
      config: clinic,
      errors: [
        {
          messageId: 'foreignRoutine',
          line: 1,
          column: 39,
          endLine: 1,
          endColumn: 57,
          data: { service: 'billing', routine: 'sp_patient_summary', owner: 'patients' },
        },
      ],
    },
    {
      name: "a qualified CALL in a .sql file, and a CALL inside the caller's own procedure body",
      filename: 'services/billing/migrations/V2__nightly.sql',
      code: [
        'DELIMITER //',
        'CREATE PROCEDURE sp_nightly()',
        'BEGIN',
        '  CALL patients_db.sp_patient_summary(1);',
        'END //',
        'DELIMITER ;',
        'CALL sp_nightly();',
      ].join('\n'),
      files,
      config: clinic,
      errors: [
        {
          messageId: 'foreignRoutine',
          line: 4,
          column: 8,
          endLine: 4,
          endColumn: 38,
          data: { service: 'billing', routine: 'patients_db.sp_patient_summary', owner: 'patients' },
        },
      ],
    },
    {
      name: "a pg_cron job calling another service's procedure, quoted or dollar-quoted; its own procedure and an unschedule cross nothing",
      filename: 'services/billing/migrations/V2__jobs.sql',
      code: [
        "SELECT cron.schedule('rollup', '0 3 * * *', $$CALL billing_rollup()$$);",
        "SELECT cron.schedule('archive-patients', '0 2 * * *', 'CALL public.archive_patients(30)');",
        "SELECT cron.unschedule('archive-patients-old');",
      ].join('\n'),
      files: {
        'services/patients/migrations/V1__patients.sql': [
          'CREATE TABLE patients (id serial PRIMARY KEY, discharged_at timestamptz);',
          'CREATE PROCEDURE archive_patients(days int) LANGUAGE sql AS $$',
          '  DELETE FROM patients WHERE discharged_at < now() - make_interval(days => days)',
          '$$;',
        ].join('\n'),
        'services/billing/migrations/V1__rollup.sql':
          'CREATE TABLE invoices (id serial PRIMARY KEY);\nCREATE PROCEDURE billing_rollup() LANGUAGE sql AS $$ SELECT count(*) FROM invoices $$;',
      },
      config: { ...clinic, dialect: 'postgresql' },
      errors: [
        {
          messageId: 'foreignRoutine',
          line: 2,
          column: 61,
          endLine: 2,
          endColumn: 84,
          data: { service: 'billing', routine: 'public.archive_patients', owner: 'patients' },
        },
      ],
    },
    {
      name: 'a routine two other services declare',
      filename: 'services/billing/src/index.js',
      code: CALLER,
      files: {
        ...files,
        'services/wards/migrations/V1__wards.sql': 'CREATE PROCEDURE sp_patient_summary(IN p_id INT) BEGIN SELECT p_id; END;',
      },
      config: clinic,
      errors: [
        {
          messageId: 'foreignRoutineOfSeveral',
          line: 1,
          column: 39,
          endLine: 1,
          endColumn: 57,
          data: { service: 'billing', routine: 'sp_patient_summary', owners: "services 'patients' and 'wards'" },
        },
      ],
    },
  ],
});

ruleTester.run(unknownTable, {
  valid: [
    {
      name: 'a CALLed routine is no table: neither a declared nor an undeclared one is unknown-table',
      filename: 'services/billing/src/index.js',
      code: `${CALLER}\nawait pool.query('CALL sp_rebuild_stats()');`,
      files,
      config: clinic,
    },
  ],
  invalid: [
    {
      name: 'beside the CALLs, a table nobody creates still is',
      filename: 'services/billing/src/index.js',
      code: `${CALLER}\nawait pool.query('CALL sp_rebuild_stats()');\nawait pool.query('SELECT * FROM ledgers');`,
      files,
      config: clinic,
      errors: [{ messageId: 'unknownTable', line: 3, column: 33, endLine: 3, endColumn: 40 }],
    },
  ],
});

describe("routine facts and the finding's related location (HELDOUT6 #21)", () => {
  it('reads CREATE PROCEDURE / FUNCTION names and CALL targets, in MySQL and PostgreSQL', () => {
    const mysql = analyzeSql('CREATE DEFINER = `root`@`%` PROCEDURE IF NOT EXISTS ops.sp_x(IN a INT) BEGIN CALL sp_y(a); END', 'mysql');
    expect(mysql.statements[0].routines).toEqual([{ name: 'sp_x', qualifier: 'ops', span: { start: 52, end: 60 } }]);
    expect(mysql.statements[0].calls).toEqual([{ name: 'sp_y', span: { start: 82, end: 86 } }]);
    const pg = analyzeSql(
      'CREATE OR REPLACE FUNCTION fn_total(p INT) RETURNS INT LANGUAGE sql AS $$ SELECT p $$;\nCALL archive_orders();',
      'postgresql',
    );
    expect(pg.statements[0].routines).toEqual([{ name: 'fn_total', span: { start: 27, end: 35 } }]);
    expect(pg.statements[1].calls).toEqual([{ name: 'archive_orders', span: { start: 92, end: 106 } }]);
    // A trigger is no routine a service calls, though its one-statement body may CALL one; a function call in an expression is no CALL.
    const other = analyzeSql('CREATE TRIGGER t AFTER INSERT ON a FOR EACH ROW CALL sp_z();\nSELECT fn_total(1);', 'mysql');
    expect(other.statements[0].routines).toBeUndefined();
    expect(other.statements[0].calls).toEqual([{ name: 'sp_z', span: { start: 53, end: 57 } }]);
    expect(other.statements[1].calls).toBeUndefined();
  });

  it("points at the routine's declaration in the owner's migration", async () => {
    const findings = await runCase(crossServiceQuery, { filename: 'services/billing/src/index.js', code: CALLER, files, config: clinic });
    expect(findings.map((d) => [d.file, d.line, d.column, d.endLine, d.endColumn, d.message, d.related])).toEqual([
      [
        'services/billing/src/index.js',
        1,
        39,
        1,
        57,
        "Service 'billing' calls routine 'sp_patient_summary' owned by service 'patients'.",
        [
          {
            file: 'services/patients/migrations/V1__patients.sql',
            range: { line: 3, column: 18, endLine: 3, endColumn: 36 },
            message: "'patients' declares 'sp_patient_summary' here",
          },
        ],
      ],
    ]);
  });
});
