/**
 * SECURITY.md promises that every file the tool reads or writes goes through src/io, where the
 * checks are (regular files only, size caps, containment, no writes through links, atomic
 * writes). This holds it: no module outside src/io imports node:fs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FS_MODULES = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises']);

function modules(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

describe('the file-access boundary', () => {
  it('only src/io imports node:fs', () => {
    const offenders = [...modules('src'), ...modules('rules')]
      .filter((file) => !file.startsWith('src/io/'))
      .filter((file) =>
        ts
          .preProcessFile(readFileSync(path.join(root, file), 'utf8'), true, true)
          .importedFiles.some((imported) => FS_MODULES.has(imported.fileName)),
      );
    expect(offenders).toEqual([]);
  });

  it('the check sees an import of node:fs', () => {
    const found = ts.preProcessFile("import { readFileSync } from 'node:fs';\nconst f = await import('fs/promises');\n", true, true);
    expect(found.importedFiles.map((f) => f.fileName).filter((name) => FS_MODULES.has(name))).toEqual(['node:fs', 'fs/promises']);
  });
});
