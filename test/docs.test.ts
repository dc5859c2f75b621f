import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LAYERS } from './support/layers.js';

/**
 * Keeps ARCHITECTURE.md and CONTRIBUTING.md honest: a folder added under src/ without being
 * documented, a documented path that no longer exists, a known bend straightened or added without
 * the document following, or a script CONTRIBUTING.md tells people to run that package.json lacks.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** Every folder under `top` (src/, rules/), as `src/a/b`. */
function sourceFolders(top = 'src'): string[] {
  return readdirSync(path.join(root, top), { withFileTypes: true, recursive: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** Repository paths a document names in backticks or prose (`src/x/`, `rules/y.ts`), placeholders like `<id>` left out. */
export function namedPaths(doc: string): string[] {
  const found = new Set<string>();
  for (const match of doc.matchAll(/(?<![\w./-])((?:src|rules|test|bench|scripts|bin|fixtures)\/[\w./-]*)/g)) {
    // `rules/<id>.ts` stops matching at `<`: a placeholder, not a path.
    if (doc[match.index + match[0].length] === '<') continue;
    found.add(match[1].replace(/[./]+$/, ''));
  }
  return [...found].sort();
}

/** Folders under src/ the document never names. */
export function undocumentedFolders(doc: string, folders: readonly string[]): string[] {
  const named = new Set(namedPaths(doc));
  return folders.filter((folder) => !named.has(folder));
}

/** The rows of the document's layers table (`| rank | layer | folder | … |`), as `rank layer`, in its order. */
export function documentedLayers(doc: string): string[] {
  return [...doc.matchAll(/^\| (\d+) \| ([\w/]+) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
}

/** Paths the document names that do not exist. */
export function missingPaths(doc: string, exists: (p: string) => boolean): string[] {
  return namedPaths(doc).filter((p) => !exists(p));
}

/** Scripts a document tells people to run (`npm run x`, `npm test`) that `scripts` lacks. */
export function missingScripts(doc: string, scripts: Record<string, string>): string[] {
  const named = new Set<string>();
  for (const match of doc.matchAll(/\bnpm run ([\w:-]+)/g)) named.add(match[1]);
  if (/\bnpm test\b/.test(doc)) named.add('test');
  return [...named].filter((name) => !Object.hasOwn(scripts, name)).sort();
}

/** `from → to` pairs of the KNOWN list in test/architecture.test.ts. */
export function knownBends(architectureTest: string): string[] {
  const list = /const KNOWN: string\[\] = \[([\s\S]*?)\];/.exec(architectureTest);
  if (!list) throw new Error('test/architecture.test.ts has no KNOWN list');
  return [...list[1].matchAll(/'(\S+\.ts) → (\S+\.ts) \(/g)].map((m) => `${m[1]} → ${m[2]}`).sort();
}

/** `from → to` pairs listed in ARCHITECTURE.md's "Known bends" section, up to its second list. */
export function documentedBends(doc: string): string[] {
  const section = /^## Known bends\n([\s\S]*?)(?:^Bends the import check cannot see|^## )/m.exec(doc);
  if (!section) throw new Error('ARCHITECTURE.md has no "## Known bends" section');
  return [...section[1].matchAll(/^- `(\S+\.ts)` → `(\S+\.ts)`/gm)].map((m) => `${m[1]} → ${m[2]}`).sort();
}

const exists = (p: string) => {
  try {
    statSync(path.join(root, p));
    return true;
  } catch {
    return false;
  }
};

describe('ARCHITECTURE.md', () => {
  const doc = read('ARCHITECTURE.md');

  it('names every folder under src/', () => {
    expect(undocumentedFolders(doc, sourceFolders())).toEqual([]);
  });

  it('names every folder under rules/', () => {
    expect(sourceFolders('rules')).toContain('rules/support');
    expect(undocumentedFolders(doc, sourceFolders('rules'))).toEqual([]);
  });

  it('lists the layers in the order and with the ranks the import check enforces', () => {
    expect(documentedLayers(doc)).toEqual(LAYERS.map((layer) => `${layer.rank} ${layer.name}`));
  });

  it('names only paths that exist', () => {
    expect(missingPaths(doc, exists)).toEqual([]);
  });

  it('names every module at the root of src/ (each is a layer of its own: pipeline or entry)', () => {
    const modules = readdirSync(path.join(root, 'src')).filter((name) => name.endsWith('.ts'));
    expect(
      undocumentedFolders(
        doc,
        modules.map((name) => `src/${name}`),
      ),
    ).toEqual([]);
  });

  it('lists exactly the known bends of test/architecture.test.ts', () => {
    expect(documentedBends(doc)).toEqual(knownBends(read('test/architecture.test.ts')));
  });
});

describe('CONTRIBUTING.md', () => {
  const doc = read('CONTRIBUTING.md');

  it('names only npm scripts package.json has', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(missingScripts(doc, scripts)).toEqual([]);
  });

  it('names only paths that exist', () => {
    expect(missingPaths(doc, exists)).toEqual([]);
  });
});

describe('the checks fail when the documents drift', () => {
  const doc = 'Layers: `src/io/` and src/model/, see `rules/<id>.ts` and `src/lint.ts`.';

  it('a folder added without documentation', () => {
    expect(undocumentedFolders(doc, ['src/io', 'src/model', 'src/plugins'])).toEqual(['src/plugins']);
  });

  it('a documented path that is gone', () => {
    expect(missingPaths(doc, (p) => p !== 'src/model')).toEqual(['src/model']);
    expect(namedPaths(doc)).toEqual(['src/io', 'src/lint.ts', 'src/model']);
  });

  it('a layer listed out of order', () => {
    expect(documentedLayers('| rank | layer |\n| 0 | io | `src/io/` |\n| 2 | discovery | x |\n| 1 | config | y |\n')).toEqual([
      '0 io',
      '2 discovery',
      '1 config',
    ]);
  });

  it('a script that package.json lacks', () => {
    expect(missingScripts('Run `npm test`, `npm run lint` and npm run test:e2e.', { test: 'vitest', lint: 'eslint' })).toEqual([
      'test:e2e',
    ]);
  });

  it('a bend straightened in the test but still documented', () => {
    const test = "const KNOWN: string[] = [\n  'rules/a.ts → rules/b.ts (a rule imports another rule)',\n];";
    const architecture = '## Known bends\n\n- `rules/a.ts` → `rules/b.ts` (x)\n- `rules/c.ts` → `src/analysis/text.ts` (y)\n\n## Next\n';
    expect(knownBends(test)).toEqual(['rules/a.ts → rules/b.ts']);
    expect(documentedBends(architecture)).toEqual(['rules/a.ts → rules/b.ts', 'rules/c.ts → src/analysis/text.ts']);
  });
});
