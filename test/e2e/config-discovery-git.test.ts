/**
 * Config discovery on disk, where the search is the subject: upward from the working directory to the nearest
 * config, stopping at the git root, and output paths relative to it in every format, whatever --cwd is. Real
 * temporary repositories; the other config discovery cases run in memory in test/workflow/config-discovery.test.ts.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess, runCliJson } from '../cli-run.js';
import { git, gitRepo, makeRepo, paymentMigration, workflowConfig, writeFile } from '../workflow/helpers.js';

const crossQuery = "db.query('SELECT * FROM payments');\n";
const files = { ...paymentMigration, 'services/billing/src/repo.ts': crossQuery, 'services/billing/src/ok.ts': "db.query('SELECT 1');\n" };

/** The findings a report has for one file. */
const forFile = (findings: string[], file: string) => findings.filter((f) => f.startsWith(`${file}:`));

describe('config discovery', () => {
  it('the search goes up from the working directory and stops at the git root', async () => {
    const outer = makeRepo(
      {},
      {
        ...workflowConfig,
        services: workflowConfig.services!.map((service) => ({ ...service, roots: service.roots.map((root) => `inner/${root}`) })),
      },
    );
    const inner = path.join(outer, 'inner');
    for (const [file, text] of Object.entries(files)) writeFile(inner, file, text);
    const found = await runCliJson(['--cwd', path.join(inner, 'services/billing')]);
    expect(found.findings).toEqual(['inner/services/billing/src/repo.ts:1:25 no-cross-service-query']);
    // A git repository inside the folder with the config is a project of its own.
    git(inner, 'init', '-q');
    const own = await runCliJson(['--cwd', path.join(inner, 'services/billing')]);
    expect(own.findings).toEqual([]);
    expect(own.report.summary.notices.join('\n')).toMatch(/No nilecare-lint\.config\.json found/);
  });

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

  it('config paths are relative to the config file; output paths to the git root in every format, whatever --cwd is', async () => {
    const repo = gitRepo(
      Object.fromEntries(
        Object.entries({ ...files, 'nilecare-lint.config.json': JSON.stringify(workflowConfig) }).map(([f, c]) => [`platform/${f}`, c]),
      ),
      false,
    );
    const shown = 'platform/services/billing/src/repo.ts';
    const runs: Array<[string, string[]]> = [
      [repo, ['-c', 'platform/nilecare-lint.config.json']],
      [path.join(repo, 'platform'), []],
      [path.join(repo, 'platform/services/billing'), []],
    ];
    for (const [dir, config] of runs) {
      const cwd = [dir, ...config];
      const github = await runCliInProcess(['--cwd', ...cwd, '-f', 'github']);
      expect(github.code).toBe(1);
      expect(github.stdout).toContain(`::error file=${shown},line=1,col=25,`);
      const gitlab = JSON.parse((await runCliInProcess(['--cwd', ...cwd, '-f', 'gitlab'])).stdout) as Array<{ location: { path: string } }>;
      expect(gitlab.map((issue) => issue.location.path)).toEqual([shown]);
      const sarif = JSON.parse((await runCliInProcess(['--cwd', ...cwd, '-f', 'sarif'])).stdout) as {
        runs: Array<{
          originalUriBaseIds: Record<string, { uri: string }>;
          results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
        }>;
      };
      expect(sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual([shown]);
      expect(Object.values(sarif.runs[0].originalUriBaseIds)[0].uri).toBe(`file://${repo}/`);
      expect((await runCliJson(['--cwd', ...cwd])).findings).toEqual([`${shown}:1:25 no-cross-service-query`]);
      expect((await runCliInProcess(['--cwd', ...cwd, '-f', 'junit'])).stdout).toContain(`classname="${shown}"`);
      expect((await runCliInProcess(['--cwd', ...cwd])).stdout).toContain(shown);
    }
  });
});
