/**
 * migrationGroups (src/model/migrations.ts) reads every file's facts for paths with a variable folder: on the one-file
 * path (issue 16) those facts come from the cache decoded on first read, and the scan must ask their summary first, or
 * it decodes every entry of the repository (10,249 of 10,327 at the realistic profile's 10,000 files).
 */
import { describe, expect, it } from 'vitest';
import { migrationGroups } from '../../src/model/migrations.js';
import type { Service } from '../../src/model/model.js';
import { scriptFacts, cachedFacts } from '../support/cached-facts.js';

/** blocklet-server's runner: one umzug per database file, reading the set its group names (HELDOUT13 #5). */
const runner = scriptFacts(
  'packages/models/lib/migrate.js',
  'const umzug = new Umzug({ migrations: { glob: [`migrations/${group}/*.js`, { cwd: __dirname }] } });\n',
);
const addColumn = (table: string) =>
  `module.exports = { up: async ({ context }) => { await context.addColumn('${table}', 'note', { type: 'TEXT' }); } };\n`;
const reexport = (shared: string) => `const shared = require('../common/${shared}');\nexports.up = shared.up;\n`;
const migrations = [
  scriptFacts('packages/models/lib/migrations/blocklet/20231012000000-user-session.js', addColumn('user_sessions')),
  scriptFacts('packages/models/lib/migrations/blocklet/20250910000001-orgs.js', reexport('20250910000001-orgs')),
  scriptFacts('packages/models/lib/migrations/server/20250910000001-orgs.js', reexport('20250910000001-orgs')),
  scriptFacts('packages/models/lib/migrations/common/20250910000001-orgs.js', addColumn('orgs')),
];
const other = scriptFacts('packages/models/lib/models/user.js', "module.exports = { table: 'users' };\n");
const models: Service = {
  name: 'models',
  roots: ['packages/models'],
  databases: [],
  prefixes: [],
  ownedPatterns: [],
  createdTables: [],
  migrations: [],
} as unknown as Service;
const serviceOf = (path: string) => (path.startsWith('packages/models/') ? models : undefined);

describe('migration sets a runner chooses one of, from facts decoded on first read (issue 16)', () => {
  it('the same sets and shared folder as from the facts at hand; only the runner and the sets’ migrations are decoded', () => {
    const files = [runner, ...migrations, other];
    const atHand = migrationGroups(files, serviceOf);
    expect([...atHand.folders].sort()).toEqual(['packages/models/lib/migrations/blocklet', 'packages/models/lib/migrations/server']);
    expect([...atHand.shared]).toEqual(['packages/models/lib/migrations/common/20250910000001-orgs.js']);
    const decodes: string[] = [];
    expect(
      migrationGroups(
        files.map((file) => cachedFacts(file, decodes)),
        serviceOf,
      ),
    ).toEqual(atHand);
    // The sets' migrations are read for what they import from a sibling folder; the model file is not read at all.
    expect(decodes.sort()).toEqual([runner.path, ...migrations.map((m) => m.path)].sort());
  });

  it('a repository without such a runner decodes nothing', () => {
    const decodes: string[] = [];
    const groups = migrationGroups(
      [...migrations, other].map((file) => cachedFacts(file, decodes)),
      serviceOf,
    );
    expect([groups.folders.size, groups.shared.size, decodes]).toEqual([0, 0, []]);
  });
});
