/**
 * A fixture repository linted from a copy on disk and from the same files in a memory tree: exactly the same
 * findings, files, notices and warnings, and the config read from the tree. test/workflow/in-memory.test.ts runs it
 * on fixtures/sample-monorepo in `npm test`; test/e2e/in-memory-fixtures.test.ts on the larger fixtures.
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryTree } from '../src/io/source-tree.js';
import { lint, type LintRun } from '../src/lint.js';
import { filesUnder } from './fixture-tree.js';
import { tempDir } from './temp-dirs.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

/** What a run says, without where it ran. */
const outcome = (run: LintRun) => ({
  diagnostics: run.diagnostics,
  lintedFiles: run.lintedFiles,
  filesSkipped: run.filesSkipped,
  notices: run.notices,
  warnings: run.warnings,
  internalErrors: run.internalErrors,
});

/** Registers the comparison for fixtures/<name>. */
export function describeInMemoryAsOnDisk(name: string): void {
  describe(`fixtures/${name}: in memory as on disk`, () => {
    let disk: LintRun;
    let memory: LintRun;
    beforeAll(async () => {
      // A copy outside our checkout, so both runs list files the same way (a walk, .gitignore applied).
      const copy = tempDir(`nilecare-memory-${name}-`);
      cpSync(path.join(fixtures, name), copy, { recursive: true });
      disk = await lint({ cwd: copy });
      const tree = memoryTree(filesUnder(copy), { root: '/in-memory/project' });
      memory = await lint({ cwd: tree.root, tree });
    }, 120_000);

    it('gives exactly the same diagnostics, files, notices and warnings', () => {
      expect(disk.diagnostics.length).toBeGreaterThan(20);
      expect(outcome(memory)).toEqual(outcome(disk));
    });

    it('reads the config from the tree', () => {
      expect(memory.configFile).toBe('nilecare-lint.config.json');
      expect(memory.model.services.map((s) => s.name)).toEqual(disk.model.services.map((s) => s.name));
    });
  });
}
