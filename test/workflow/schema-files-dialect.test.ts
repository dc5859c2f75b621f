/**
 * `schemaFiles[].dialect`: the files an entry names are parsed in its dialect, before the
 * service's dialect, the path and the syntax (the most specific setting wins).
 */
import { describe, expect, it } from 'vitest';
import type { NilecareConfig } from '../../src/config/schema.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';

// Neutral SQL: both engines accept it and no syntax leans either way, so only settings decide.
const neutral = 'CREATE TABLE legacy_totals (id INT PRIMARY KEY);\n';
const files = {
  'services/billing/package.json': '{"name":"billing","dependencies":{"mysql2":"^3.0.0"}}\n',
  'services/billing/db/schema.sql': neutral,
  'database/legacy.sql': neutral,
  'database/other.sql': neutral,
};

async function dialects(schemaFiles: NilecareConfig['schemaFiles']): Promise<Record<string, string | undefined>> {
  const tree = memoryTree(files, { root: '/schema-files-dialect' });
  const config: NilecareConfig = { dialect: 'mysql', services: [{ name: 'billing', roots: ['services/billing'] }], schemaFiles };
  const run = await lint({ cwd: tree.root, tree, config });
  return Object.fromEntries(run.model.files.filter((f) => f.kind === 'sql').map((f) => [f.path, f.sql?.dialect]));
}

describe('schemaFiles[].dialect', () => {
  it('parses the files it names in that dialect, even inside a service of another dialect', async () => {
    expect(
      await dialects([
        { files: 'database/legacy.sql', database: 'legacy', dialect: 'postgresql' },
        { files: 'services/billing/db/*.sql', database: 'billing', dialect: 'postgresql' },
      ]),
    ).toEqual({
      'database/legacy.sql': 'postgresql',
      'database/other.sql': 'mysql',
      'services/billing/db/schema.sql': 'postgresql',
    });
  });

  it('without it, the service and then the default decide (the control: the setting is what changed)', async () => {
    expect(await dialects([{ files: 'database/*.sql', database: 'legacy' }])).toEqual({
      'database/legacy.sql': 'mysql',
      'database/other.sql': 'mysql',
      'services/billing/db/schema.sql': 'mysql',
    });
  });
});
