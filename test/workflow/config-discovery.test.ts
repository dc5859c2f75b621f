/**
 * Config discovery like ESLint and ruff: the nearest config up to the git root; every config
 * path relative to the config's folder; output paths relative to the repository root in every
 * format; config paths that match nothing are warnings with their key path. Runs the CLI in this process over
 * repositories in memory (test/cli-memory.ts), whose config is at their root. The search itself (upward from the
 * working directory, stopping at the git root) and output paths relative to the git root are in
 * test/e2e/config-discovery-git.test.ts, on disk.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixtureInMemory, type MemoryFiles } from '../cli-memory.js';
import { cli, memoryRepo, paymentMigration, workflowConfig, writeFile } from './helpers.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const crossQuery = "db.query('SELECT * FROM payments');\n";
const files = { ...paymentMigration, 'services/billing/src/repo.ts': crossQuery, 'services/billing/src/ok.ts': "db.query('SELECT 1');\n" };

/** `--format json` over `repo`, each finding as `file:line:column rule`. */
async function runJson(repo: MemoryFiles, argv: string[]) {
  const outcome = await cli(repo, [...argv, '--format', 'json']);
  if (!outcome.stdout.trim().startsWith('{')) throw new Error(`no JSON report (exit ${outcome.code}): ${outcome.stderr}`);
  const report = JSON.parse(outcome.stdout) as {
    results: Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; column: number }> }>;
    summary: { warnings: string[] };
  };
  const findings = report.results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.column} ${m.ruleId}`));
  return { ...outcome, report, findings };
}

describe('config discovery', () => {
  it('a config path that leaves the config folder is a config error naming the key', async () => {
    const repo = memoryRepo(files, false);
    writeFile(
      repo,
      'nilecare-lint.config.json',
      JSON.stringify({ services: [{ name: 'billing', roots: ['../outside'] }], ignores: ['/etc/**'] }),
    );
    const outcome = await cli(repo, []);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toContain(
      "services[0].roots[0]: '../outside' is outside the folder of the config file (config paths are relative to that folder)",
    );
    expect(outcome.stderr).toContain("ignores[0]: '/etc/**' is outside the folder of the config file");
  });

  it('a config path that matches nothing is a warning with its key path: stderr, JSON and SARIF', async () => {
    const repo = memoryRepo(files, {
      ...workflowConfig,
      services: [
        { name: 'payment', roots: ['services/payment'], migrations: ['services/payment/migration'] },
        { name: 'billing', roots: ['service/billing'] },
      ],
      schemaFiles: [{ files: 'database/*.sql', database: 'legacy' }],
      sharedPackages: ['packages/shared'],
      ignores: ['legacy/**'],
      overrides: [{ files: ['services/billing/src', 'servces/billing/**'], rules: { 'identifier-case': 'off' } }],
    });
    const expected = [
      "services[0].migrations[0]: 'services/payment/migration' matches no folder",
      "services[1].roots[0]: 'service/billing' matches no folder, so service 'billing' gets no files from it",
      "sharedPackages[0]: 'packages/shared' matches no folder",
      "schemaFiles[0].files: 'database/*.sql' matches no file",
      "overrides[0].files[1]: 'servces/billing/**' matches no file, so its rules apply nowhere",
      "ignores[0]: 'legacy/**' matches no file nilecare-lint would read",
    ];
    const json = await runJson(repo, []);
    expect(json.report.summary.warnings).toEqual(expected);
    expect(json.stderr).toBe(expected.map((w) => `nilecare-lint: warning: ${w}\n`).join(''));
    const sarif = JSON.parse((await cli(repo, ['-f', 'sarif'])).stdout) as {
      runs: Array<{ invocations: Array<{ toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }> }>;
    };
    const notifications = sarif.runs[0].invocations[0].toolExecutionNotifications;
    expect(notifications.filter((n) => n.level === 'warning').map((n) => n.message.text)).toEqual(expected);
    // Globs count when they match: a glob root, and a file glob.
    writeFile(repo, 'database/legacy.sql', 'CREATE TABLE legacy_totals (id INT);\n');
    writeFile(
      repo,
      'nilecare-lint.config.json',
      JSON.stringify({
        ...workflowConfig,
        services: [{ name: 'all', roots: ['services/*'] }],
        schemaFiles: [{ files: 'database/*.sql', database: 'legacy' }],
      }),
    );
    expect((await runJson(repo, [])).report.summary.warnings).toEqual([]);
  });

  it('an --ignore-pattern that matches nothing is a warning naming it as typed, relative to the current folder', async () => {
    const repo = memoryRepo(files, workflowConfig);
    const typo = await runJson(repo, ['--ignore-pattern', 'servces/billing/**', '--ignore-pattern', 'services/billing/src/ok.ts']);
    expect(typo.report.summary.warnings).toEqual(["--ignore-pattern 'servces/billing/**' matches no file nilecare-lint would read"]);
    expect(typo.stderr).toBe("nilecare-lint: warning: --ignore-pattern 'servces/billing/**' matches no file nilecare-lint would read\n");
    // From a service folder the glob is that folder's: 'src/**' matches, 'services/**' does not.
    const inService = await runJson(repo, [
      '--cwd',
      'services/billing',
      '--ignore-pattern',
      'src/ok.ts',
      '--ignore-pattern',
      'services/**',
    ]);
    expect(inService.report.summary.warnings).toEqual(["--ignore-pattern 'services/**' matches no file nilecare-lint would read"]);
  });
});

describe('the bundled sample', () => {
  const sample = () => fixtureInMemory(path.join(repoRoot, 'fixtures/sample-monorepo'));

  it('`.` equals no path; a service folder gets only its files, cross-service findings included; a missing path exits 2', async () => {
    const repo = sample();
    const bare = await runJson(repo, []);
    const dot = await runJson(repo, ['.']);
    expect(dot.stdout).toBe(bare.stdout);
    expect(bare.findings.length).toBeGreaterThan(20);
    // The sample in memory is the whole repository: paths start at its root (on disk, at our checkout's git root).
    const service = 'services/billing-service/';
    const one = await runJson(repo, ['services/billing-service']);
    expect(one.findings).toEqual(bare.findings.filter((f) => f.startsWith(service)));
    expect(one.findings.filter((f) => / no-cross-service-(query|foreign-key)$/.test(f)).length).toBeGreaterThan(0);
    const fromService = await runJson(repo, ['--cwd', 'services/billing-service', 'src/services/InvoiceService.ts']);
    expect(fromService.findings).toEqual(bare.findings.filter((f) => f.startsWith(`${service}src/services/InvoiceService.ts:`)));
    expect(fromService.findings.length).toBeGreaterThan(0);
    expect((await cli(repo, ['services/no-such-service'])).code).toBe(2);
  });
});
