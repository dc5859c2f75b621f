import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildOwnershipMap } from '../../src/commands/ownership.js';
import { lint } from '../../src/lint.js';
import { fixtureFacts, fixtureTree } from '../fixture-tree.js';

/**
 * `map --format json` of the sample and of every fixture layout, pinned: where the map's data
 * comes from may change (access edges from the model, one table-history replay), what it says
 * may not, except for fixes named in the commit that updates a file here.
 * `NILECARE_UPDATE_MAP_GOLDEN=1 npx vitest run test/commands/map-golden.test.ts` rewrites them.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', '..', 'fixtures');
const goldenDir = path.join(here, 'map-golden');
const update = process.env.NILECARE_UPDATE_MAP_GOLDEN === '1';

const projects = [
  'sample-monorepo',
  'real-patterns',
  ...readdirSync(path.join(fixtures, 'layouts'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => `layouts/${e.name}`),
];

describe('map output is pinned on the sample and the fixtures', () => {
  it.each(projects)(
    '%s',
    async (project) => {
      const folder = path.join(fixtures, project);
      // In memory: what the map says of these files is pinned, not how a folder of our checkout is listed.
      const tree = fixtureTree(folder);
      // Without a config file of its own a fixture is still its own project (not the repository's root).
      const hasConfig = existsSync(path.join(folder, 'nilecare-lint.config.json'));
      const run = await lint({ cwd: tree.root, tree, factsCache: fixtureFacts(), ...(hasConfig ? {} : { config: {} }) });
      const actual = buildOwnershipMap(run.model, run.diagnostics);
      const golden = path.join(goldenDir, `${project.replace(/\//g, '__')}.json`);
      // Written as JSON and compared as data: the files are formatted by Prettier like every JSON file here.
      if (update) writeFileSync(golden, `${JSON.stringify(actual, null, 2)}\n`);
      if (!existsSync(golden)) throw new Error(`no pinned map for ${project}: run with NILECARE_UPDATE_MAP_GOLDEN=1`);
      expect(actual).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
    },
    120_000,
  );
});
