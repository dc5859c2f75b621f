/**
 * The scanner's path for files that can only hold imports, on the benchmark's generated service code
 * (routes, controllers and utilities, most with imports only): the same facts as a full parse. In the
 * e2e project (`npm run test:e2e`) for its generated repository (~0.7 s of a quiet `npm test`); the
 * fixture scripts and every import form are test/analysis/typescript/imports-fast-path.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMonorepo } from '../../bench/generate.js';
import { compileGlob } from '../../src/config/glob.js';
import { walkFiles } from '../../src/io/walk-files.js';
import { compareOn } from '../analysis/typescript/helpers.js';

// 80 files in 4 services (54 qualify) have every shape the generator writes in a qualifying file that 300
// files in 17 have (the same 90 lines with names and strings abstracted, the same 6 sequences of import
// kinds); fewer files per service would leave most of them holding SQL.
let generated: string;
let generatedScripts: string[];
beforeAll(() => {
  generated = mkdtempSync(path.join(tmpdir(), 'nilecare-imports-'));
  generateMonorepo({ root: generated, tsFiles: 80, services: 4, seed: 7 });
  generatedScripts = walkFiles(path.join(generated, 'services'), { skipFolders: [] })
    .filter(compileGlob('**/*.ts'))
    .map((file) => `services/${file}`);
});
afterAll(() => rmSync(generated, { recursive: true, force: true }));

describe('files that can only hold imports are read by the scanner', () => {
  it('yields exactly the facts of a full parse on generated service code, where most files qualify', () => {
    const qualifying = compareOn(generated, generatedScripts);
    expect(qualifying / generatedScripts.length).toBeGreaterThan(0.5);
  });
});
