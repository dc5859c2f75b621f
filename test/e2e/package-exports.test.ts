/**
 * The package imported by its own name, as a user's code imports it: the exports map resolves to
 * the built public API (dist/), which works on a real repository. Loading dist/ beside the sources
 * the test worker already holds costs a second copy of every module (TypeScript, the SQL parsers),
 * so this lives with the other tests of the build rather than in `npm test`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as PublicApiModule from '../../src/index.js';
import { repoRoot } from '../built-cli.js';

type PublicApi = typeof PublicApiModule;

describe('entry points', () => {
  it("import('nilecare-lint') resolves through the exports map to the built public API", async () => {
    // A package may import itself by name once it has an exports map: the same resolution a user's import gets.
    const api = (await import('nilecare-lint')) as PublicApi;
    expect(typeof api.lint).toBe('function');
    expect(typeof api.formatResult).toBe('function');
    expect([typeof api.memoryTree, typeof api.overlayTree, typeof api.gitObjectsTree]).toEqual(['function', 'function', 'function']);
    expect(typeof api.loadConfig).toBe('function');
    expect(api.reporterNames).toContain('sarif');
    expect(Object.keys(api.ruleRegistry)).toContain('no-cross-service-query');
    expect(api.toolVersion()).toBe(JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);

    const run = await api.lint({ cwd: path.join(repoRoot, 'fixtures/sample-monorepo') });
    expect(run.filesLinted).toBeGreaterThan(0);
    expect(run.diagnostics.some((d) => d.ruleId === 'no-cross-service-query')).toBe(true);
    const json = JSON.parse(api.formatResult('json', run, { color: false, toolVersion: api.toolVersion() })) as { results: unknown[] };
    expect(json.results.length).toBeGreaterThan(0);
    await expect(api.lint({ cwd: path.join(repoRoot, 'fixtures/sample-monorepo'), paths: ['no-such-file.ts'] })).rejects.toBeInstanceOf(
      api.PathPatternError,
    );
  });
});
