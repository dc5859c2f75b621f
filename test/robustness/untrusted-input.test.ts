/**
 * Issue 13, "Safe to run on an untrusted pull request": the rows about analysis that the
 * author of the linted repository could switch off, and input that costs more than linear
 * time. Each test builds the hostile repository itself (the shapes of bench/hostile/cases.ts),
 * beside the normal file whose finding must survive. Cases that used to run for minutes run
 * in a child process killed after a timeout, so a regression fails instead of hanging.
 */
import { describe, expect, it } from 'vitest';
import type { NilecareConfig } from '../../src/config/schema.js';
import { baseConfig, cli, cliChild, expectNormalFinding, jsonDiagnostics, makeRepo, NORMAL_FILE, NORMAL_TEXT } from './helpers.js';

/** Lints in this process with the JSON reporter. */
async function lintJson(root: string, ...extra: string[]) {
  const outcome = await cli(['--cwd', root, '--format', 'json', ...extra]);
  if (outcome.code === 2) throw new Error(`exit 2: ${outcome.stderr}`);
  return { code: outcome.code, diagnostics: jsonDiagnostics(outcome.stdout), report: JSON.parse(outcome.stdout) as JsonSeverities };
}

interface JsonSeverities {
  results: Array<{ filePath: string; messages: Array<{ ruleId: string; severityName: string; line: number; column: number }> }>;
}

/** Lints in a child process that is killed after `timeoutMs`; fails the test on a kill. */
function lintChild(root: string, timeoutMs: number) {
  const outcome = cliChild(['--cwd', root, '--format', 'json'], timeoutMs);
  expect(outcome.timedOut, `killed after ${Math.round(outcome.ms)} ms`).toBe(false);
  expect(outcome.code, outcome.stderr).toBe(1);
  return { ...outcome, diagnostics: jsonDiagnostics(outcome.stdout) };
}

const NORMAL_LINE = NORMAL_TEXT.split('\n')[2];
const NINE_MB = 9 * 1024 * 1024;

describe('row 4: the author cannot switch analysis off', () => {
  it('a NUL byte in a comment, or in a string, of the file with the finding: the file is analysed (TypeScript reads it)', async () => {
    for (const text of [`// generated \u0000 marker\n${NORMAL_TEXT}`, `export const separator = '\u0000';\n${NORMAL_TEXT}`]) {
      const root = makeRepo({ files: { [NORMAL_FILE]: text } });
      const { code, diagnostics } = await lintJson(root);
      expect(code).toBe(1);
      const line = text.split('\n').indexOf(NORMAL_LINE) + 1;
      expect(
        diagnostics
          .filter((d) => d.file === NORMAL_FILE && d.ruleId !== 'service-without-migrations')
          .map((d) => [d.ruleId, d.line, d.column]),
      ).toEqual([
        ['parse-error', 1, 1],
        ['no-cross-service-query', line, NORMAL_LINE.indexOf('payments') + 1],
      ]);
      // Reviewers cannot see the diff of a file git calls binary: the warning says so.
      expect(diagnostics.find((d) => d.ruleId === 'parse-error' && d.file === NORMAL_FILE)?.message).toMatch(
        /show it as binary and hide its diff/,
      );
    }
  });

  it('the file with the finding padded past 8 MB: an error-level unanalysed-file finding, so the run still fails', async () => {
    const root = makeRepo({ files: { [NORMAL_FILE]: `${NORMAL_TEXT}/*${' padding'.repeat(NINE_MB / 8)}*/\n` } });
    const { code, report } = await lintJson(root);
    expect(code).toBe(1);
    const onFile = report.results.find((r) => r.filePath === NORMAL_FILE)?.messages ?? [];
    expect(onFile.filter((m) => m.ruleId === 'unanalysed-file').map((m) => [m.severityName, m.line, m.column])).toEqual([['error', 1, 1]]);
  });

  it('the severity is the config’s to choose, and outside service folders an oversized file is a warning', async () => {
    const root = makeRepo({
      files: { 'services/billing/src/padded.ts': `/*${' '.repeat(NINE_MB)}*/\n`, 'tools/padded.ts': `/*${' '.repeat(NINE_MB)}*/\n` },
    });
    const severities = async (...extra: string[]) =>
      (await lintJson(root, ...extra)).report.results
        .flatMap((r) => r.messages.filter((m) => m.ruleId === 'unanalysed-file').map((m) => `${r.filePath} ${m.severityName}`))
        .sort();
    expect(await severities()).toEqual(['services/billing/src/padded.ts error', 'tools/padded.ts warning']);
    expect(await severities('--rule', 'unanalysed-file:warn')).toEqual([
      'services/billing/src/padded.ts warning',
      'tools/padded.ts warning',
    ]);
  });

  it('a Kubernetes Secret document the YAML parser rejects (one 1025-character key) is an error, not a silent skip', async () => {
    const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-db\nstringData:\n  ${'K'.repeat(1025)}: x\n  DB_PASSWORD: hunter2\n`;
    const root = makeRepo({ files: { 'services/billing/k8s/secret.yaml': secret } });
    const { code, report, diagnostics } = await lintJson(root);
    expect(code).toBe(1);
    const onFile = report.results.find((r) => r.filePath === 'services/billing/k8s/secret.yaml')?.messages ?? [];
    expect(onFile.map((m) => [m.ruleId, m.severityName, m.line, m.column])).toEqual([['unanalysed-file', 'error', 6, 3]]);
    expect(JSON.stringify(report)).not.toContain('hunter2');
    expectNormalFinding(diagnostics);
  });
});

describe('row 16: UTF-16 files with a byte-order mark are decoded', () => {
  const utf16 = (text: string, order: 'le' | 'be') => {
    const le = Buffer.from(`\ufeff${text}`, 'utf16le');
    if (order === 'be') for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
    return le;
  };

  it('a UTF-16LE .ts and a UTF-16BE .sql holding cross-service queries are analysed, at the right columns', async () => {
    const sqlLine = 'SELECT id, invoice_id FROM payments;';
    const root = makeRepo({
      files: {
        [NORMAL_FILE]: utf16(NORMAL_TEXT, 'le'),
        'services/billing/sql/report.sql': utf16(`-- report\n${sqlLine}\n`, 'be'),
      },
    });
    const { code, diagnostics } = await lintJson(root);
    expect(code).toBe(1);
    expectNormalFinding(diagnostics);
    expect(diagnostics.filter((d) => d.file === 'services/billing/sql/report.sql').map((d) => [d.ruleId, d.line, d.column])).toContainEqual(
      ['no-cross-service-query', 2, sqlLine.indexOf('payments') + 1],
    );
  });
});

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
    const { diagnostics, ms } = lintChild(root, 90_000);
    expectNormalFinding(diagnostics);
    // Each of the three took over two minutes before; linear, all three take a few seconds.
    expect(ms).toBeLessThan(45_000);
  }, 120_000);
});

describe('row 7: YAML errors are not prettified', () => {
  it('a 400 KB docker-compose.yml of double quotes: seconds, and the broken compose file is a finding', () => {
    const root = makeRepo({ files: { 'docker-compose.yml': '"'.repeat(400 * 1024) } });
    const { diagnostics, ms } = lintChild(root, 90_000);
    expectNormalFinding(diagnostics);
    expect(diagnostics.filter((d) => d.file === 'docker-compose.yml').map((d) => [d.ruleId, d.line, d.column])).toEqual([
      ['unanalysed-file', 1, 3],
    ]);
    expect(ms).toBeLessThan(45_000);
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
    expect(outcome.ms).toBeLessThan(45_000);
  }, 120_000);

  it('a glob the engine cannot take is a config error naming its key path, before any file is read', async () => {
    const root = makeRepo({ config: { ...baseConfig, ignores: ['services/!(billing)/**'] } });
    const outcome = await cli(['--cwd', root, '--format', 'json']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/ignores\[0\]: 'services\/!\(billing\)\/\*\*': negated extglobs/);
    const viaRule = makeRepo({ config: { ...baseConfig, rules: { 'unknown-table': ['warn', { ignore: ['t_{1..5000}'] }] } } });
    const ruleOutcome = await cli(['--cwd', viaRule, '--format', 'json']);
    expect(ruleOutcome.code).toBe(2);
    expect(ruleOutcome.stderr).toMatch(/rules\.unknown-table\[1\]\.ignore\[0\]: .*more than 1000/);
    const viaCli = await cli(['--cwd', makeRepo(), '--ignore-pattern', 'src/!(x)', '--format', 'json']);
    expect(viaCli.code).toBe(2);
    expect(viaCli.stderr).toMatch(/--ignore-pattern: 'src\/!\(x\)': negated extglobs/);
  });
});
