/**
 * test/projects.ts, which vitest.config.ts builds the suite from: a file that resets or mocks modules is
 * run after every other file of its worker (needsFreshModules), or every file after it in that worker
 * evaluates src/ again, or imports it with the mock.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { endToEnd, needsFreshModules } from './projects.js';

const root = path.join(import.meta.dirname, '..');
const isEndToEnd = picomatch(endToEnd);
const isFresh = picomatch(needsFreshModules);
/** A call that resets the worker's module registry or replaces a module in it. */
const RESETS_MODULES = /\bvi\.(?:resetModules|mock|doMock)\(/;

const unitTestFiles = readdirSync(path.join(root, 'test'), { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
  .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
  .filter((file) => !isEndToEnd(file));

describe('needsFreshModules', () => {
  it('lists exactly the unit test files that reset or mock modules', () => {
    // This file's own examples below are no calls.
    const resetting = unitTestFiles
      .filter((file) => file !== 'test/projects.test.ts')
      .filter((file) => RESETS_MODULES.test(readFileSync(path.join(root, file), 'utf8')));
    expect(resetting.length).toBeGreaterThanOrEqual(4);
    expect(unitTestFiles.filter((file) => isFresh(file)).sort()).toEqual(resetting.sort());
  });

  it('the scan sees a reset and a mock, not a mention', () => {
    expect(RESETS_MODULES.test('  vi.resetModules();')).toBe(true);
    expect(RESETS_MODULES.test("vi.mock('node:fs', async () => ({}));")).toBe(true);
    expect(RESETS_MODULES.test('// calls vi.resetModules and imports src/ after it')).toBe(false);
  });
});
