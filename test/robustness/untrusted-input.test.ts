/**
 * Issue 13, "Safe to run on an untrusted pull request": the rows about analysis that the
 * author of the linted repository could switch off, and input that costs more than linear
 * time. Each test builds the hostile repository itself (the shapes of bench/hostile/cases.ts),
 * beside the normal file whose finding must survive. Its subject is the bytes a file holds (NUL,
 * padding past the size cap, UTF-16, a YAML key, globs), not the disk: each repository is held in
 * memory (memoryRepo, test/cli-memory.ts) and read through lint()'s tree, which refuses a file over
 * the cap as the disk reader does. Links, modes and errors of the file system are in
 * test/e2e/untrusted-files*.test.ts. Cases that used to run for minutes run in a child process killed
 * after a timeout, so a regression fails instead of hanging: those are in
 * test/e2e/untrusted-input-bounded.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { cliInMemory, type MemoryFiles } from '../cli-memory.js';
import { baseConfig, expectNormalFinding, jsonDiagnostics, memoryRepo, NORMAL_FILE, NORMAL_TEXT } from './helpers.js';

/** Lints `repo` in this process with the JSON reporter. */
async function lintJson(repo: MemoryFiles, ...extra: string[]) {
  const outcome = await cliInMemory(repo, ['--format', 'json', ...extra]);
  if (outcome.code === 2) throw new Error(`exit 2: ${outcome.stderr}`);
  return { code: outcome.code, diagnostics: jsonDiagnostics(outcome.stdout), report: JSON.parse(outcome.stdout) as JsonSeverities };
}

interface JsonSeverities {
  results: Array<{ filePath: string; messages: Array<{ ruleId: string; severityName: string; line: number; column: number }> }>;
}

const NORMAL_LINE = NORMAL_TEXT.split('\n')[2];
const NINE_MB = 9 * 1024 * 1024;

describe('row 4: the author cannot switch analysis off', () => {
  it('a NUL byte in a comment, or in a string, of the file with the finding: the file is analysed (TypeScript reads it)', async () => {
    for (const text of [`// generated \u0000 marker\n${NORMAL_TEXT}`, `export const separator = '\u0000';\n${NORMAL_TEXT}`]) {
      const repo = memoryRepo({ files: { [NORMAL_FILE]: text } });
      const { code, diagnostics } = await lintJson(repo);
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
    const repo = memoryRepo({ files: { [NORMAL_FILE]: `${NORMAL_TEXT}/*${' padding'.repeat(NINE_MB / 8)}*/\n` } });
    const { code, report } = await lintJson(repo);
    expect(code).toBe(1);
    const onFile = report.results.find((r) => r.filePath === NORMAL_FILE)?.messages ?? [];
    expect(onFile.filter((m) => m.ruleId === 'unanalysed-file').map((m) => [m.severityName, m.line, m.column])).toEqual([['error', 1, 1]]);
  });

  it('the severity is the config’s to choose, and outside service folders an oversized file is a warning', async () => {
    const repo = memoryRepo({
      files: { 'services/billing/src/padded.ts': `/*${' '.repeat(NINE_MB)}*/\n`, 'tools/padded.ts': `/*${' '.repeat(NINE_MB)}*/\n` },
    });
    const severities = async (...extra: string[]) =>
      (await lintJson(repo, ...extra)).report.results
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
    const repo = memoryRepo({ files: { 'services/billing/k8s/secret.yaml': secret } });
    const { code, report, diagnostics } = await lintJson(repo);
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
    const repo = memoryRepo({
      files: {
        [NORMAL_FILE]: utf16(NORMAL_TEXT, 'le'),
        'services/billing/sql/report.sql': utf16(`-- report\n${sqlLine}\n`, 'be'),
      },
    });
    const { code, diagnostics } = await lintJson(repo);
    expect(code).toBe(1);
    expectNormalFinding(diagnostics);
    expect(diagnostics.filter((d) => d.file === 'services/billing/sql/report.sql').map((d) => [d.ruleId, d.line, d.column])).toContainEqual(
      ['no-cross-service-query', 2, sqlLine.indexOf('payments') + 1],
    );
  });
});

describe('row 5: every glob of the config and the command line is matched in linear time', () => {
  it('a glob the engine cannot take is a config error naming its key path, before any file is read', async () => {
    const repo = memoryRepo({ config: { ...baseConfig, ignores: ['services/!(billing)/**'] } });
    const outcome = await cliInMemory(repo, ['--format', 'json']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/ignores\[0\]: 'services\/!\(billing\)\/\*\*': negated extglobs/);
    const viaRule = memoryRepo({ config: { ...baseConfig, rules: { 'unknown-table': ['warn', { ignore: ['t_{1..5000}'] }] } } });
    const ruleOutcome = await cliInMemory(viaRule, ['--format', 'json']);
    expect(ruleOutcome.code).toBe(2);
    expect(ruleOutcome.stderr).toMatch(/rules\.unknown-table\[1\]\.ignore\[0\]: .*more than 1000/);
    const viaCli = await cliInMemory(memoryRepo(), ['--ignore-pattern', 'src/!(x)', '--format', 'json']);
    expect(viaCli.code).toBe(2);
    expect(viaCli.stderr).toMatch(/--ignore-pattern: 'src\/!\(x\)': negated extglobs/);
  });
});
