/**
 * Hostile inputs (fixtures/hostile/ + generated ones). Each case lints a repository holding the case, a small
 * config and a normal file with a known finding, and checks: a clear diagnostic or message for the case, the
 * normal finding still reported (the run completed), the exit code per contract (0 clean, 1 error findings,
 * 2 usage/config), and no hang (per-test timeouts; cases that could loop run in a killable child process, in
 * test/e2e/hostile-bounded.test.ts). Its subject is what the files hold (binary bytes, encodings, empty and
 * unterminated files, odd names, broken configs), not the disk: each repository is held in memory
 * (memoryRepo, test/cli-memory.ts) and read through lint()'s tree, which decodes and refuses files through the
 * disk reader's own code. A symbolic-link loop and an unreadable file are the disk's: test/e2e/hostile-disk.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { cliInMemory, type MemoryFiles } from '../cli-memory.js';
import { filesUnder } from '../fixture-tree.js';
import { baseConfig, expectNormalFinding, hostileDir, jsonDiagnostics, memoryRepo, NORMAL_FILE, type JsonReport } from './helpers.js';

const col = (line: string, needle: string) => line.indexOf(needle) + 1;

/** Lints through the CLI with the JSON reporter: exit code, diagnostics, notices. */
async function lintCli(repo: MemoryFiles, ...extra: string[]) {
  const outcome = await cliInMemory(repo, ['--format', 'json', ...extra]);
  if (outcome.code === 2) throw new Error(`exit 2: ${outcome.stderr}`);
  const report = JSON.parse(outcome.stdout) as JsonReport;
  return { ...outcome, diagnostics: jsonDiagnostics(outcome.stdout), report };
}

/** lint() over the repository's tree, as the CLI reads it. */
function lintTree(repo: MemoryFiles) {
  const { tree } = repo.source();
  return lint({ cwd: tree!.root, tree });
}

describe('hostile inputs', () => {
  it('a binary file with a .ts name: a file diagnostic, the run goes on', async () => {
    const repo = memoryRepo({ fixture: 'binary-ts' });
    const { code, diagnostics } = await lintCli(repo);
    expect(code).toBe(1);
    const onBinary = diagnostics.filter((d) => d.file === 'services/billing/src/logo.ts' && d.ruleId === 'parse-error');
    expect(onBinary).toHaveLength(1);
    expect(onBinary[0]).toMatchObject({ ruleId: 'parse-error', line: 1, column: 1 });
    expect(onBinary[0].message).toMatch(/binary/i);
    expectNormalFinding(diagnostics);
  });

  it('a binary or oversized YAML file (read only to look for Kubernetes manifests): no diagnostic, the run goes on', async () => {
    const big = `openapi: 3.0.0\npaths:\n${'  /x:\n    get: { summary: "a long spec line to pad the file" }\n'.repeat((9 * 1024 * 1024) / 56)}`;
    const repo = memoryRepo({
      files: { 'docs/openapi.yaml': big, 'deploy/logo.yml': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]) },
    });
    const { code, diagnostics } = await lintCli(repo);
    expect(code).toBe(1);
    expect(diagnostics.filter((d) => d.file.endsWith('.yaml') || d.file.endsWith('.yml'))).toEqual([]);
    expectNormalFinding(diagnostics);
  });

  it('not valid UTF-8: read as latin-1, no diagnostic about it, positions right, nothing replaced', async () => {
    const repo = memoryRepo({ fixture: 'invalid-utf8' });
    const { code, diagnostics, stdout } = await lintCli(repo);
    expect(code).toBe(1);
    const file = 'services/billing/src/legacy.repository.ts';
    type Located = { ruleId: string; message: string; line: number; column: number; endLine: number; endColumn: number };
    const report = JSON.parse(stdout) as { results: Array<{ filePath: string; messages: Located[] }> };
    const onFile = report.results.filter((r) => r.filePath === file).flatMap((r) => r.messages);
    // Line 1 holds é (E9) and ÿþ (FF FE) as latin-1; the query on line 4 is found at its column.
    expect(onFile.map((d) => [d.ruleId, d.line, d.column, d.endLine, d.endColumn])).toEqual([['no-cross-service-query', 4, 29, 4, 37]]);
    expect(onFile[0].message).not.toContain('\uFFFD');
    expectNormalFinding(diagnostics);
    // The text the analysis read: every byte one latin-1 character (a lossy UTF-8 decode has the same columns, one U+FFFD a byte).
    const read = (await lintTree(repo)).model.files.find((f) => f.path === file)?.text;
    expect(read?.split('\n')[0]).toBe('// Caf\u00e9 legacy export (Latin-1 bytes, not UTF-8) \u00ff\u00fe');
  });

  it('UTF-8 BOM and CRLF: lines and columns are right', async () => {
    const repo = memoryRepo({ fixture: 'bom-crlf' });
    const { code, diagnostics } = await lintCli(repo);
    expect(code).toBe(1);
    const ts = diagnostics.filter((d) => d.file === 'services/billing/src/crlf.repository.ts' && d.ruleId === 'no-cross-service-query');
    expect(ts.map((d) => [d.line, d.column])).toEqual([[6, col('    FROM payments p', 'payments')]]);
    const sql = diagnostics.filter(
      (d) => d.file === 'services/billing/migrations/V2__refunds.sql' && d.ruleId === 'no-cross-service-foreign-key',
    );
    expect(sql.map((d) => [d.line, d.column])).toEqual([[5, col('  FOREIGN KEY (payment_id) REFERENCES payments(id)', 'payments')]]);
    expectNormalFinding(diagnostics);
  });

  it('non-ASCII text before a finding: columns count UTF-16 units, in SQL files of both dialects and in TypeScript', async () => {
    const pgLine = "CREATE TABLE billing_notes (note TEXT DEFAULT 'café 🚀 naïve', payment_id CHAR(36) REFERENCES payments(id));";
    const myLine =
      "CREATE TABLE billing_memo (note VARCHAR(20) DEFAULT 'Größe 🚀', payment_id CHAR(36), FOREIGN KEY (payment_id) REFERENCES payments(id));";
    const tsLine = "export const q = (id: string) => pool.query('SELECT /* ü 🚀 ß */ id FROM payments WHERE id = ?', [id]);";
    const repo = memoryRepo({
      files: {
        'services/billing/migrations/postgres/V3__notes.sql': `-- PostgreSQL\n${pgLine}\n`,
        'services/billing/migrations/mysql/V4__memo.sql': `${myLine}\n`,
        'services/billing/src/unicode.repository.ts': `import { pool } from './db.js';\n// Ünïcödé 🚀\n${tsLine}\n`,
      },
    });
    const { diagnostics } = await lintCli(repo);
    const at = (file: string, ruleId: string) =>
      diagnostics.filter((d) => d.file === file && d.ruleId === ruleId).map((d) => [d.line, d.column]);
    expect(at('services/billing/migrations/postgres/V3__notes.sql', 'no-cross-service-foreign-key')).toEqual([
      [2, col(pgLine, 'payments(')],
    ]);
    expect(at('services/billing/migrations/mysql/V4__memo.sql', 'no-cross-service-foreign-key')).toEqual([[1, col(myLine, 'payments(')]]);
    expect(at('services/billing/src/unicode.repository.ts', 'no-cross-service-query')).toEqual([[3, col(tsLine, 'payments')]]);
  });

  it('empty and whitespace-only files: no diagnostics, no crash', async () => {
    const repo = memoryRepo({ fixture: 'empty-files' });
    const { code, diagnostics } = await lintCli(repo);
    expect(code).toBe(1);
    const empties = [
      'services/billing/src/empty.ts',
      'services/billing/src/whitespace.ts',
      'services/billing/migrations/V9__empty.sql',
      'services/billing/.env',
    ];
    expect(diagnostics.filter((d) => empties.includes(d.file))).toEqual([]);
    expectNormalFinding(diagnostics);
  });

  it('an unterminated template literal: a syntax diagnostic, the run goes on', async () => {
    const repo = memoryRepo({ fixture: 'unterminated-template' });
    const { code, diagnostics } = await lintCli(repo);
    expect(code).toBe(1);
    const onFile = diagnostics.filter((d) => d.file === 'services/billing/src/broken.repository.ts' && d.ruleId === 'parse-error');
    expect(onFile.length).toBeGreaterThan(0);
    expect(onFile[0].message).toMatch(/Syntax error|not fully analysed|terminated/i);
    expectNormalFinding(diagnostics);
  });

  it('SQL with an unclosed quote, comment or $$ body: no crash, the run goes on', async () => {
    const repo = memoryRepo({ fixture: 'unterminated-sql' });
    const run = await lintTree(repo);
    expect(run.internalErrors).toEqual([]);
    expectNormalFinding(run.diagnostics);
    // Text inside the unclosed comment is not SQL.
    expect(run.diagnostics.filter((d) => d.file.endsWith('V4__comment.sql') && d.ruleId === 'no-cross-service-query')).toEqual([]);
  });

  it('a query concatenated from 300 pieces: found, or a diagnostic says it was not read', async () => {
    const pieces = Array.from({ length: 300 }, (_, i) => `'${i}, '`).join(' + ');
    const line = `export const q = (db: any) => db.query('SELECT id FROM payments WHERE id IN (' + ${pieces} + '0)');`;
    const file = 'services/billing/src/concat.repository.ts';
    const repo = memoryRepo({ files: { [file]: `${line}\n` } });
    const { diagnostics } = await lintCli(repo);
    const onFile = diagnostics.filter((d) => d.file === file);
    expect(onFile.some((d) => d.ruleId === 'no-cross-service-query' || d.ruleId === 'parse-error')).toBe(true);
  });

  it('connection URLs with malformed %-escapes (found by the fuzz test): no crash', async () => {
    // Without configured databases, so connections are read from .env files and code.
    const config = { ...baseConfig, services: baseConfig.services!.map(({ databases: _, ...service }) => service) };
    const repo = memoryRepo({
      config,
      files: {
        'services/billing/.env.example': 'DATABASE_URL=postgres://u:p@db:5432/billing%zz_db\nDB_URL=mysql://root@localhost/%E0%A4%A\n',
        'services/payment/src/config.ts': "export const url = process.env.DATABASE_URL || 'mysql://root@localhost/pay%%ments';\n",
      },
    });
    const { code, diagnostics } = await lintCli(repo);
    expect(code).toBe(1);
    expectNormalFinding(diagnostics);
  });

  it('file names with spaces and non-ASCII characters: reported under their own name', async () => {
    const file = 'services/billing/src/Zahlungs übersicht ü 🚀.repository.ts';
    const repo = memoryRepo({ files: { [file]: "export const q = (db: any) => db.query('SELECT * FROM payments');\n" } });
    const { diagnostics } = await lintCli(repo);
    expect(diagnostics.filter((d) => d.file === file).map((d) => d.ruleId)).toContain('no-cross-service-query');
    const sarif = await cliInMemory(repo, ['--format', 'sarif']);
    expect(sarif.code).toBe(1);
    expect(() => JSON.parse(sarif.stdout)).not.toThrow();
  });

  it('a config that is not JSON: exit 2, the message names the file', async () => {
    const repo = memoryRepo({ fixture: 'not-json-config', config: false });
    const outcome = await cliInMemory(repo, []);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(repo.resolve('nilecare-lint.config.json'));
    // YAML where JSON was expected: the first character is already wrong.
    expect(outcome.stderr).toContain('nilecare-lint.config.json:1:1: not valid JSON: unexpected character\n');
    expect(outcome.stdout).toBe('');
    expect(readFileSync(path.join(hostileDir, 'not-json-config/nilecare-lint.config.json'), 'utf8')).toMatch(/^services:/);
  });

  it('a config file that does not exist or is valid JSON of the wrong shape: exit 2, named', async () => {
    const repo = memoryRepo({ files: { 'bad.json': '{ "services": [{ "name": "x", "roots": "services/x" }] }' } });
    const missing = await cliInMemory(repo, ['--config', 'nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json');
    const wrong = await cliInMemory(repo, ['--config', 'bad.json']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('bad.json');
    expect(wrong.stderr).toMatch(/services\[0\]\.roots/);
  });

  it('a glob that matches nothing: a clear message, exit 2 (never a green run over no files)', async () => {
    const repo = memoryRepo();
    const outcome = await cliInMemory(repo, ['nothing/**']);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toBe("nilecare-lint: No files matching 'nothing/**' were found.\n");
  });

  it('an ignore pattern that matches everything: a clear message, exit 2', async () => {
    const repo = memoryRepo();
    const outcome = await cliInMemory(repo, ['--ignore-pattern', '**']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(
      /^nilecare-lint: All files matched by '\.' are ignored \(.*'\*\*' \(--ignore-pattern\)\); use --no-ignore/,
    );
  });

  it('ten hostile cases in one repository: each gets its diagnostic, the normal finding survives', async () => {
    // The billing folders of five more cases over the first's, as copies of their repositories would lie.
    const billing = Object.fromEntries(
      ['invalid-utf8', 'bom-crlf', 'empty-files', 'unterminated-template', 'unterminated-sql'].flatMap((fixture) =>
        Object.entries(filesUnder(path.join(hostileDir, fixture))).filter(([file]) => file.startsWith('services/billing/')),
      ),
    );
    const repo = memoryRepo({ fixture: 'binary-ts', files: billing });
    const run = await lintTree(repo);
    expect(run.internalErrors).toEqual([]);
    expectNormalFinding(run.diagnostics);
    const files = new Set(run.diagnostics.map((d) => d.file));
    for (const file of [
      'services/billing/src/logo.ts',
      'services/billing/src/legacy.repository.ts',
      'services/billing/src/crlf.repository.ts',
      'services/billing/src/broken.repository.ts',
      NORMAL_FILE,
    ]) {
      expect(files, file).toContain(file);
    }
  });
});
