/**
 * The bounded-time cases of test/robustness/untrusted-input.test.ts, each in a child process.
 *
 * Issue 13, "Safe to run on an untrusted pull request": the rows about analysis that the
 * author of the linted repository could switch off, and input that costs more than linear
 * time. Each test builds the hostile repository itself (the shapes of bench/hostile/cases.ts),
 * beside the normal file whose finding must survive. Cases that used to run for minutes run
 * in a child process killed after a timeout, so a regression fails instead of hanging.
 */
import { describe, expect, it } from 'vitest';
import type { NilecareConfig } from '../../src/config/schema.js';
import { baseConfig, cliChild, expectNormalFinding, jsonDiagnostics, makeRepo } from '../robustness/helpers.js';

/** Lints in a child process that is killed after `timeoutMs`; fails the test on a kill. */
function lintChild(root: string, timeoutMs: number) {
  const outcome = cliChild(['--cwd', root, '--format', 'json'], timeoutMs);
  expect(outcome.timedOut, `killed after ${Math.round(outcome.ms)} ms`).toBe(false);
  expect(outcome.code, outcome.stderr).toBe(1);
  return { ...outcome, diagnostics: jsonDiagnostics(outcome.stdout) };
}

describe('row 6: names are split into words in linear time', () => {
  const RUN = 'A'.repeat(1_500_000);
  it('a 1.5 MB upper-case .env key, process.env.<1.5 MB> and CREATE TABLE <1.5 MB>: seconds, not minutes', () => {
    const root = makeRepo({
      files: {
        'services/billing/.env': `${RUN}=x\n`,
        'services/billing/src/long-env.ts': `export const v = process.env.${RUN} || 'x';\n`,
        'services/billing/migrations/V2__long.sql': `CREATE TABLE ${RUN} (id BIGINT PRIMARY KEY);\n`,
      },
    });
    const { diagnostics, cpuMs } = lintChild(root, 90_000);
    expectNormalFinding(diagnostics);
    // Each of the three took over two minutes before; linear, all three take a few seconds.
    expect(cpuMs).toBeLessThan(45_000);
  }, 120_000);
});

describe('row 7: YAML errors are not prettified', () => {
  it('a 400 KB docker-compose.yml of double quotes: seconds, and the broken compose file is a finding', () => {
    const root = makeRepo({ files: { 'docker-compose.yml': '"'.repeat(400 * 1024) } });
    const { diagnostics, cpuMs } = lintChild(root, 90_000);
    expectNormalFinding(diagnostics);
    expect(diagnostics.filter((d) => d.file === 'docker-compose.yml').map((d) => [d.ruleId, d.line, d.column])).toEqual([
      ['unanalysed-file', 1, 3],
    ]);
    expect(cpuMs).toBeLessThan(45_000);
  }, 120_000);
});

describe('row 5: every glob of the config and the command line is matched in linear time', () => {
  const BOMB = '*a*a*a*a*a*a*a*a*a*b';
  const LONG = 'a'.repeat(84);
  const query = (table: string) => `import { pool } from './db.js';\n\nexport const q = () => pool.query('SELECT id FROM ${table}');\n`;
  const billing = baseConfig.services![0];
  const payment = baseConfig.services![1];

  it('bombs in tables, roots, ignores, migrations, schemaFiles, sharedPackages, rule options and --ignore-pattern: seconds, every finding kept', () => {
    const config: NilecareConfig = {
      ...baseConfig,
      services: [
        { ...billing, migrations: [`services/billing/migrations/${BOMB}`] },
        { ...payment, tables: [...payment.tables!, BOMB, `${'@(a|aa)'.repeat(40)}b`] },
        { name: 'evil', roots: [`services/${BOMB}`] },
      ],
      ignores: [`services/billing/src/${BOMB}`, '{a,b}'.repeat(24), `${'**/'.repeat(12)}${BOMB}`],
      schemaFiles: [{ files: `database/${BOMB}`, database: 'legacy' }],
      sharedPackages: [`packages/${BOMB}`],
      rules: {
        'no-cross-service-query': ['error', { allow: [BOMB, `${'@(a|aa)'.repeat(40)}b`] }],
        'unknown-table': ['warn', { ignore: [BOMB] }],
        'table-prefix': ['warn', { exempt: [BOMB] }],
        'no-unsafe-env-default': ['error', { allow: [BOMB.toUpperCase()] }],
      },
    };
    const root = makeRepo({
      config,
      files: {
        'services/billing/src/long.ts': query(LONG),
        [`services/billing/src/${LONG}.ts`]: 'export const x = 1;\n',
        [`services/billing/migrations/${LONG}.sql`]: `CREATE TABLE ${LONG} (id BIGINT PRIMARY KEY);\n`,
        [`services/${LONG}/index.ts`]: 'export const y = 1;\n',
        [`database/${LONG}.sql`]: 'SELECT 1;\n',
        [`packages/${LONG}/index.ts`]: 'export const shared = 1;\n',
        'services/billing/src/env.ts': `export const v = process.env.${LONG.toUpperCase()}_HOST || 'x';\n`,
      },
    });
    const outcome = cliChild(
      ['--cwd', root, '--format', 'json', '--ignore-pattern', `services/billing/src/${BOMB}`, '--ignore-pattern', '{a,b}'.repeat(24)],
      90_000,
    );
    expect(outcome.timedOut, `killed after ${Math.round(outcome.ms)} ms`).toBe(false);
    expect(outcome.code, outcome.stderr).toBe(1);
    expectNormalFinding(jsonDiagnostics(outcome.stdout));
    // Each of these globs alone ran for minutes with picomatch; all of them take a few seconds.
    expect(outcome.cpuMs).toBeLessThan(45_000);
  }, 120_000);
});
