/**
 * Alembic's script directories as an alembic.ini names them (HELDOUT10 #15): `script_location` with `%(here)s`, a path
 * beside the ini or `package:path`; `version_locations` instead of `versions/`, split as Alembic splits it.
 */
import { describe, expect, it } from 'vitest';
import {
  alembicScriptDirectories,
  isAlembicEnv,
  isAlembicIni,
  isAlembicRevisionOf,
  unnamedAlembicScriptDirectories,
} from '../../src/model/alembic-scripts.js';
import { foldersOf } from '../../src/io/source-tree.js';

const folders = foldersOf([
  'app/alembic.ini',
  'app/src/payments/db/migrations/versions/0001_init.py',
  'app/docs/payments/db/migrations/README.md',
  'other/payments/db/migrations/versions/0001_init.py',
  'app/src/payments/db/migrations/archive/0000_old.py',
]);
const dirs = (ini: string, text: string) =>
  alembicScriptDirectories(ini, text, folders).map(
    (d) => `${d.section}: ${d.versionFolders.join(' | ')}${d.recursive ? ' (recursive)' : ''}`,
  );

describe('alembicScriptDirectories', () => {
  it('resolves script_location: %(here)s, a path beside the ini, the ini inside the script directory', () => {
    expect(dirs('svc/migration/alembic.ini', '[alembic]\nscript_location = %(here)s/alembic_migrations\n')).toEqual([
      'alembic: svc/migration/alembic_migrations/versions',
    ]);
    expect(dirs('svc/alembic.ini', '[alembic]\nscript_location = alembic\n')).toEqual(['alembic: svc/alembic/versions']);
    expect(dirs('svc/db/alembic_migrations/alembic.ini', '[alembic]\nscript_location = %(here)s\n')).toEqual([
      'alembic: svc/db/alembic_migrations/versions',
    ]);
    expect(dirs('alembic.ini', '[alembic]\nscript_location: %(here)s/migrations\n')).toEqual(['alembic: migrations/versions']);
  });

  it('finds package:path as the repository folder that ends so, the one nearest the ini', () => {
    expect(dirs('app/alembic.ini', '[alembic]\nscript_location = payments.db:migrations\n')).toEqual([
      'alembic: app/src/payments/db/migrations/versions',
    ]);
    expect(dirs('app/alembic.ini', '[alembic]\nscript_location = billing:migrations\n')).toEqual([]);
    // Mailman's alembic.cfg, beside no folder of the package: found by the package's path.
    expect(dirs('app/config/alembic.cfg', '[alembic]\nscript_location: payments.db:migrations\n')).toEqual([
      'alembic: app/src/payments/db/migrations/versions',
    ]);
  });

  it('reads version_locations instead of versions/ (split by its separator, else by spaces and commas), and the recursive flag', () => {
    const base = 'app/src/payments/db/migrations';
    expect(
      dirs(
        'app/alembic.ini',
        `[alembic]\nscript_location = %(here)s/src/payments/db/migrations\nversion_locations = %(here)s/src/payments/db/migrations/versions, %(here)s/src/payments/db/migrations/archive\nrecursive_version_locations = true\n`,
      ),
    ).toEqual([`alembic: ${base}/versions | ${base}/archive (recursive)`]);
    expect(
      dirs(
        'app/alembic.ini',
        '[alembic]\nscript_location = src/payments/db/migrations\nversion_path_separator = ;\nversion_locations = src/a b;src/c\n',
      ),
    ).toEqual(['alembic: app/src/a b | app/src/c']);
    expect(dirs('app/alembic.ini', '[alembic]\nscript_location = x\nversion_locations =\n    %(here)s/one\n    %(here)s/two\n')).toEqual([
      'alembic: app/one | app/two',
    ]);
  });

  it("reads each section's script directory (alembic -n <name>), and none outside the repository or commented out", () => {
    expect(
      dirs('svc/alembic.ini', '[engine1]\nscript_location = engine1\n\n[engine2]\nscript_location = engine2\n[loggers]\nkeys = root\n'),
    ).toEqual(['engine1: svc/engine1/versions', 'engine2: svc/engine2/versions']);
    expect(dirs('svc/alembic.ini', '[alembic]\nscript_location = /opt/app/alembic\n')).toEqual([]);
    expect(dirs('svc/alembic.ini', '[alembic]\nscript_location = ../../../elsewhere\n')).toEqual([]);
    expect(dirs('svc/alembic.ini', '[alembic]\n# script_location = alembic\n')).toEqual([]);
  });
});

describe('isAlembicRevisionOf', () => {
  const [flat] = alembicScriptDirectories('svc/alembic.ini', '[alembic]\nscript_location = db\n', folders);
  const [recursive] = alembicScriptDirectories(
    'svc/alembic.ini',
    '[alembic]\nscript_location = db\nrecursive_version_locations = yes\n',
    folders,
  );
  const [listed] = alembicScriptDirectories(
    'svc/alembic.ini',
    '[alembic]\nscript_location = db\nversion_locations = %(here)s/db/versions\n',
    folders,
  );
  it('takes the modules of the version folders, below them only when recursive or the default versions/ (branch layout), never __init__.py or lock files', () => {
    expect(isAlembicRevisionOf(flat, 'svc/db/versions/0001_init.py')).toBe(true);
    expect(isAlembicRevisionOf(flat, 'svc/db/versions/__init__.py')).toBe(false);
    expect(isAlembicRevisionOf(flat, 'svc/db/versions/.#0001_init.py')).toBe(false);
    expect(isAlembicRevisionOf(flat, 'svc/db/versions/README.md')).toBe(false);
    // Neutron's versions/<release>/{expand,contract}/, listed by its CLI: the default versions/ takes its sub-folders (HELDOUT12 #4).
    expect(isAlembicRevisionOf(flat, 'svc/db/versions/2023.1/expand/0002_x.py')).toBe(true);
    expect(isAlembicRevisionOf(flat, 'svc/db/versions/yoga/contract/__init__.py')).toBe(false);
    // version_locations written: exactly those folders, below them only when recursive.
    expect(isAlembicRevisionOf(listed, 'svc/db/versions/0001_init.py')).toBe(true);
    expect(isAlembicRevisionOf(listed, 'svc/db/versions/2023.1/expand/0002_x.py')).toBe(false);
    expect(isAlembicRevisionOf(recursive, 'svc/db/versions/2023.1/expand/0002_x.py')).toBe(true);
    expect(isAlembicRevisionOf(flat, 'svc/db/env.py')).toBe(false);
    expect(isAlembicIni('svc/alembic.ini')).toBe(true);
    expect(isAlembicIni('svc/mailman/config/alembic.cfg')).toBe(true);
    expect(isAlembicIni('svc/alembic.ini.sample')).toBe(false);
  });
});

describe('unnamedAlembicScriptDirectories', () => {
  const tree = foldersOf([
    'core/neutron/db/migration/alembic.ini',
    'core/neutron/db/migration/alembic_migrations/env.py',
    'core/neutron/db/migration/alembic_migrations/versions/kilo_initial.py',
    'l2gw/networking_l2gw/db/migration/alembic_migrations/env.py',
    'l2gw/networking_l2gw/db/migration/alembic_migrations/versions/liberty/expand/42438454c556_l2gateway_models.py',
    'taas/neutron_taas/db/migration/alembic_migration/env.py',
    'taas/neutron_taas/db/migration/taas_init_ops.py',
  ]);
  const named = alembicScriptDirectories(
    'core/neutron/db/migration/alembic.ini',
    '[alembic]\nscript_location = %(here)s/alembic_migrations\n',
    tree,
  );
  it("an env.py that imports Alembic beside a versions/ folder is a script directory without an ini (Neutron's sub-projects, HELDOUT12 #1)", () => {
    const found = unnamedAlembicScriptDirectories(
      [
        'l2gw/networking_l2gw/db/migration/alembic_migrations/env.py',
        'core/neutron/db/migration/alembic_migrations/env.py',
        'taas/neutron_taas/db/migration/alembic_migration/env.py',
      ],
      tree,
      named,
    );
    // neutron's is the ini's already; taas's has no versions/ folder.
    expect(found).toEqual([
      {
        ini: 'l2gw/networking_l2gw/db/migration/alembic_migrations/env.py',
        section: '',
        scriptFolder: 'l2gw/networking_l2gw/db/migration/alembic_migrations',
        versionFolders: ['l2gw/networking_l2gw/db/migration/alembic_migrations/versions'],
        recursive: false,
        branches: true,
      },
    ]);
    expect(
      isAlembicRevisionOf(
        found[0],
        'l2gw/networking_l2gw/db/migration/alembic_migrations/versions/liberty/expand/42438454c556_l2gateway_models.py',
      ),
    ).toBe(true);
    expect(isAlembicRevisionOf(found[0], 'l2gw/networking_l2gw/db/migration/alembic_migrations/env.py')).toBe(false);
  });

  it("takes an env.py for Alembic's only when it imports Alembic", () => {
    expect(
      isAlembicEnv(
        'x/alembic_migrations/env.py',
        'from alembic import context\nfrom neutron.db.migration.alembic_migrations import external\n',
      ),
    ).toBe(true);
    expect(isAlembicEnv('x/migrations/env.py', 'import alembic.context as ctx\n')).toBe(true);
    expect(isAlembicEnv('x/migrations/env.py', 'import alembic\n')).toBe(true);
    expect(isAlembicEnv('x/settings/env.py', 'import os\nDEBUG = os.environ.get("DEBUG")  # not alembic\n')).toBe(false);
    expect(isAlembicEnv('x/settings/env.py', 'import alembicate\n')).toBe(false);
    expect(isAlembicEnv('x/migrations/envs.py', 'from alembic import context\n')).toBe(false);
  });
});
