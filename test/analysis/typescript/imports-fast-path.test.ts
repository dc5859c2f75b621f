import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileGlob } from '../../../src/config/glob.js';
import { walkFiles } from '../../../src/io/walk-files.js';
import { extractScript } from '../../../src/analysis/typescript/index.js';
import { onlyImportsPossible } from '../../../src/analysis/typescript/prefilter.js';
import { compareOn } from './helpers.js';

const root = path.join(import.meta.dirname, '..', '..', '..');
const isScript = compileGlob('**/*.{ts,tsx,js,mjs,cjs}');
const scripts = walkFiles(path.join(root, 'fixtures'), { skipFolders: [] })
  .filter(isScript)
  .map((file) => `fixtures/${file}`);

describe('files that can only hold imports are read by the scanner', () => {
  it('yields exactly the facts of a full parse on every fixture script that qualifies', () => {
    expect(compareOn(root, scripts)).toBeGreaterThanOrEqual(2);
  });

  it('every import form keeps its kind and quoted span', () => {
    const text =
      "import a from 'x';\nconst c = require('z');\nconst d = import(`w`);\nimport type { T } from '@s/t';\nimport e = require('q');\n";
    expect(onlyImportsPossible(text)).toBe(true);
    const fast = extractScript('a.ts', text).script.imports;
    expect(fast).toEqual(extractScript('a.ts', text, { scanImportOnlyFiles: false }).script.imports);
    expect(fast.map((i) => `${i.kind} ${text.slice(i.fileSpan.start, i.fileSpan.end)}`)).toEqual([
      "import 'x'",
      "require 'z'",
      'dynamic-import `w`',
      "import '@s/t'",
      "require 'q'",
    ]);
  });

  it('re-exports are facts of their own (where a barrel leads an entity import): such a file is parsed, its imports alike', () => {
    const text = "import a from 'x';\nexport { b } from \"../y\";\nexport * from '../../billing/src/x';\nexport { a as c };\n";
    expect(onlyImportsPossible(text)).toBe(false);
    const { script } = extractScript('a.ts', text);
    expect(script.imports.map((i) => `${i.kind} ${text.slice(i.fileSpan.start, i.fileSpan.end)}`)).toEqual([
      "import 'x'",
      'export "../y"',
      "export '../../billing/src/x'",
    ]);
    expect(script.reexports).toHaveLength(3);
  });

  it('does not apply when anything else could be there, or a directive is', () => {
    expect(onlyImportsPossible("import x from 'x';\nconst p = process.env.DB_PASSWORD || '';")).toBe(false);
    expect(onlyImportsPossible("import x from 'x';\ndb.query('SELECT * FROM t');")).toBe(false);
    expect(
      onlyImportsPossible(
        "// nilecare-lint-disable-next-line no-cross-service-import -- shared types\nimport x from '../../billing/src/x';",
      ),
    ).toBe(false);
    expect(onlyImportsPossible("import x from 'x';\nrun('anything');", { sqlCallees: ['run'] })).toBe(false);
  });
});
