/**
 * Config discovery like ESLint and ruff: the nearest config up to the git root; every config
 * path relative to the config's folder; output paths relative to the repository root in every
 * format; config paths that match nothing are warnings with their key path. Runs the CLI in this process.
 * The cases that need a git repository (the search stops at the git root; output paths relative to
 * it) are in test/e2e/config-discovery-git.test.ts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliInProcess, runCliJson } from '../cli-run.js';
import { makeRepo, paymentMigration, workflowConfig, writeFile } from './helpers.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const crossQuery = "db.query('SELECT * FROM payments');\n";
const files = { ...paymentMigration, 'services/billing/src/repo.ts': crossQuery, 'services/billing/src/ok.ts': "db.query('SELECT 1');\n" };

/** The findings a report has for one file. */
const forFile = (findings: string[], file: string) => findings.filter((f) => f.startsWith(`${file}:`));

describe('config discovery', () => {
  it('from a service folder, a file gets exactly the findings the root run gives it; -c works from there', async () => {
    const repo = makeRepo(files);
    const root = await runCliJson(['--cwd', repo]);
    const file = 'services/billing/src/repo.ts';
    expect(forFile(root.findings, file)).toEqual([`${file}:1:25 no-cross-service-query`]);
    const service = path.join(repo, 'services/billing');
    const fromService = await runCliJson(['--cwd', service, 'src/repo.ts']);
    expect(fromService.code).toBe(1);
    expect(fromService.findings).toEqual(forFile(root.findings, file));
    const explicit = await runCliJson(['--cwd', service, '-c', '../../nilecare-lint.config.json', 'src/repo.ts']);
    expect(explicit.findings).toEqual(forFile(root.findings, file));
    // No path: the folder the run starts in, as ESLint's default `.`.
    const folder = await runCliJson(['--cwd', service]);
    expect(folder.findings).toEqual(forFile(root.findings, file));
    expect(folder.report.summary.filesLinted).toBe(2);
  });

  it('a config path that leaves the config folder is a config error naming the key', async () => {
    const repo = makeRepo(files, false);
    writeFile(
      repo,
      'nilecare-lint.config.json',
      JSON.stringify({ services: [{ name: 'billing', roots: ['../outside'] }], ignores: ['/etc/**'] }),
    );
    const outcome = await runCliInProcess(['--cwd', repo]);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toContain(
      "services[0].roots[0]: '../outside' is outside the folder of the config file (config paths are relative to that folder)",
    );
    expect(outcome.stderr).toContain("ignores[0]: '/etc/**' is outside the folder of the config file");
  });

  it('a config path that matches nothing is a warning with its key path: stderr, JSON and SARIF', async () => {
    const repo = makeRepo(files, {
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
    const json = await runCliJson(['--cwd', repo]);
    expect(json.report.summary.warnings).toEqual(expected);
    expect(json.stderr).toBe(expected.map((w) => `nilecare-lint: warning: ${w}\n`).join(''));
    const sarif = JSON.parse((await runCliInProcess(['--cwd', repo, '-f', 'sarif'])).stdout) as {
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
    expect((await runCliJson(['--cwd', repo])).report.summary.warnings).toEqual([]);
  });

  it('an --ignore-pattern that matches nothing is a warning naming it as typed, relative to the current folder', async () => {
    const repo = makeRepo(files, workflowConfig);
    const typo = await runCliJson([
      '--cwd',
      repo,
      '--ignore-pattern',
      'servces/billing/**',
      '--ignore-pattern',
      'services/billing/src/ok.ts',
    ]);
    expect(typo.report.summary.warnings).toEqual(["--ignore-pattern 'servces/billing/**' matches no file nilecare-lint would read"]);
    expect(typo.stderr).toBe("nilecare-lint: warning: --ignore-pattern 'servces/billing/**' matches no file nilecare-lint would read\n");
    // From a service folder the glob is that folder's: 'src/**' matches, 'services/**' does not.
    const inService = await runCliJson([
      '--cwd',
      path.join(repo, 'services/billing'),
      '--ignore-pattern',
      'src/ok.ts',
      '--ignore-pattern',
      'services/**',
    ]);
    expect(inService.report.summary.warnings).toEqual(["--ignore-pattern 'services/**' matches no file nilecare-lint would read"]);
  });
});

describe('the bundled sample', () => {
  const sample = path.join(repoRoot, 'fixtures/sample-monorepo');

  it('`.` equals no path; a service folder gets only its files, cross-service findings included; a missing path exits 2', async () => {
    const bare = await runCliJson(['--cwd', sample]);
    const dot = await runCliJson(['--cwd', sample, '.']);
    expect(dot.stdout).toBe(bare.stdout);
    expect(bare.findings.length).toBeGreaterThan(20);
    // In our checkout the sample is a folder of the git repository: paths start at its top.
    const prefix = 'fixtures/sample-monorepo/';
    const service = `${prefix}services/billing-service/`;
    const one = await runCliJson(['--cwd', sample, 'services/billing-service']);
    expect(one.findings).toEqual(bare.findings.filter((f) => f.startsWith(service)));
    expect(one.findings.filter((f) => / no-cross-service-(query|foreign-key)$/.test(f)).length).toBeGreaterThan(0);
    const fromService = await runCliJson(['--cwd', path.join(sample, 'services/billing-service'), 'src/services/InvoiceService.ts']);
    expect(fromService.findings).toEqual(bare.findings.filter((f) => f.startsWith(`${service}src/services/InvoiceService.ts:`)));
    expect(fromService.findings.length).toBeGreaterThan(0);
    expect((await runCliInProcess(['--cwd', sample, 'services/no-such-service'])).code).toBe(2);
  });
});
