/**
 * TypeScript loads only when a file to analyse is a script that is parsed (analyze-file.ts,
 * `loadScriptAnalysers`): which files need it, and what a script analysed without it gets.
 */
import { describe, expect, it, vi } from 'vitest';
import type * as AnalyzeFile from '../../src/analysis/analyze-file.js';

/** A fresh analyze-file module: the script analysers not loaded yet. */
async function freshAnalyzeFile(): Promise<typeof AnalyzeFile> {
  vi.resetModules();
  return import('../../src/analysis/analyze-file.js');
}

const settings = { sqlCallees: [] as string[] };

describe('script analysers, loaded on demand', () => {
  it('are needed for a script that may hold facts, directives or a serverless config; not for a fact-less script or another kind', async () => {
    const { needsScriptAnalysers, loadScriptAnalysers } = await freshAnalyzeFile();
    expect(needsScriptAnalysers('src/db.ts', 'export const pool = createPool({ host: process.env.DB_HOST });\n', [])).toBe(true);
    expect(needsScriptAnalysers('src/add.ts', 'export function add(a: number, b: number) {\n  return a + b;\n}\n', [])).toBe(false);
    expect(needsScriptAnalysers('src/add.ts', '// nilecare-lint-disable-next-line no-shared-database\nexport const a = 1 + 1;\n', [])).toBe(
      true,
    );
    expect(needsScriptAnalysers('serverless.ts', 'export default {};\n', [])).toBe(true);
    expect(needsScriptAnalysers('migrations/001.sql', 'SELECT 1 FROM t;\n', [])).toBe(false);
    expect(needsScriptAnalysers('serverless.yml', 'service: billing\n', [])).toBe(false);
    await loadScriptAnalysers();
    expect(needsScriptAnalysers('src/db.ts', 'export const pool = createPool({ host: process.env.DB_HOST });\n', [])).toBe(false);
  });

  it('a script analysed before they are loaded is an internal-error problem, never facts-less silence; loaded, it is read', async () => {
    const { extractFileFacts, loadScriptAnalysers } = await freshAnalyzeFile();
    const text = 'export const host = process.env.DB_HOST;\n';
    const before = extractFileFacts('src/db.ts', text, settings);
    expect(before.script).toBeUndefined();
    expect(before.problems).toEqual([
      {
        message: 'internal error while analysing: the script analysers are not loaded (loadScriptAnalysers)',
        fileSpan: { start: 0, end: 0 },
      },
    ]);
    await loadScriptAnalysers();
    const after = extractFileFacts('src/db.ts', text, settings);
    expect(after.problems).toEqual([]);
    expect(after.script?.envReads?.map((read) => read.name)).toEqual(['DB_HOST']);
  });
});
