/**
 * The layers of the code, from the bottom up: the import check (test/architecture.test.ts) enforces them and
 * ARCHITECTURE.md's table lists them in this order (test/docs.test.ts compares the two).
 */
/** A module may import its own layer and any lower one. */
export const LAYERS: Array<{ name: string; rank: number; matches: (file: string) => boolean }> = [
  { name: 'io', rank: 0, matches: (f) => f.startsWith('src/io/') },
  { name: 'config', rank: 1, matches: (f) => f.startsWith('src/config/') },
  { name: 'discovery', rank: 2, matches: (f) => f.startsWith('src/discovery/') },
  { name: 'analysis', rank: 3, matches: (f) => f.startsWith('src/analysis/') },
  { name: 'model', rank: 4, matches: (f) => f.startsWith('src/model/') },
  { name: 'engine', rank: 5, matches: (f) => f.startsWith('src/engine/') },
  { name: 'rules/support', rank: 6, matches: (f) => f.startsWith('rules/support/') },
  { name: 'rules', rank: 7, matches: (f) => f.startsWith('rules/') },
  { name: 'reporters', rank: 8, matches: (f) => f.startsWith('src/reporters/') },
  { name: 'pipeline', rank: 8, matches: (f) => /^src\/[^/]+\.ts$/.test(f) && !['src/cli.ts', 'src/index.ts'].includes(f) },
  { name: 'commands', rank: 9, matches: (f) => f.startsWith('src/commands/') },
  { name: 'entry', rank: 10, matches: (f) => f === 'src/cli.ts' || f === 'src/index.ts' },
];

export function layerOf(file: string) {
  const layer = LAYERS.find((l) => l.matches(file));
  if (!layer) throw new Error(`${file} belongs to no layer: add it to LAYERS and ARCHITECTURE.md`);
  return layer;
}
