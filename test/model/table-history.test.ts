import { describe, expect, it } from 'vitest';
import type { TableDeclaration } from '../../src/model/model.js';
import { isDownMigration, replayDdl, replayOrder, type DdlEvent, type DdlFile } from '../../src/model/table-history.js';

const range = { line: 1, column: 1, endLine: 1, endColumn: 2 };
const create = (file: string, table: string, database?: string): DdlEvent => ({
  kind: 'create',
  declaration: { table, database, file, range, via: 'migration' },
});
const rename = (
  file: string,
  from: string,
  to: string,
  databases: { fromDatabase?: string; toDatabase?: string; contextDatabase?: string } = {},
): DdlEvent => ({
  kind: 'rename',
  from,
  to,
  renamedFrom: from,
  file,
  range,
  via: 'migration',
  ...databases,
});
const drop = (table: string, database?: string) => (): DdlEvent => ({ kind: 'drop', table, database });
const migration = (path: string, ...events: Array<(file: string) => DdlEvent>): DdlFile => ({
  path,
  migration: true,
  events: events.map((e) => e(path)),
});
const names = (declarations: readonly TableDeclaration[]) => declarations.map((d) => (d.database ? `${d.database}.${d.table}` : d.table));
const never = () => false;

describe('replayOrder', () => {
  it('puts migrations first, by version, then every other file by path', () => {
    const files = [
      'src/db.ts',
      'migrations/V10__c.sql',
      'migrations/V2__b.sql',
      'migrations/V1_1__a.sql',
      'migrations/V1__init.sql',
      'schema.sql',
    ];
    const ordered = files.map((path) => ({ path, migration: path.startsWith('migrations/'), events: [] })).sort(replayOrder);
    expect(ordered.map((f) => f.path)).toEqual([
      'migrations/V1__init.sql',
      'migrations/V1_1__a.sql',
      'migrations/V2__b.sql',
      'migrations/V10__c.sql',
      'schema.sql',
      'src/db.ts',
    ]);
  });

  it('orders timestamps and Prisma migration folders', () => {
    const files = ['prisma/migrations/20240301000000_b/migration.sql', 'prisma/migrations/20231201000000_a/migration.sql'];
    expect(
      files
        .map((path) => ({ path, migration: true, events: [] }))
        .sort(replayOrder)
        .map((f) => f.path),
    ).toEqual([files[1], files[0]]);
  });

  it('puts each down migration right after its up migration, where the names it uses exist', () => {
    const files = [
      'm/000002_rename.down.sql',
      'm/000001_items.down.sql',
      'm/000002_rename.up.sql',
      'm/000001_items.up.sql',
      'm/U2__rename.sql',
      'm/V2__rename.sql',
      'm/002.undo.rename.sql',
      'm/002.do.rename.sql',
      'hasura/1700000100000_rename/down.sql',
      'hasura/1700000000000_items/down.sql',
      'hasura/1700000100000_rename/up.sql',
      'hasura/1700000000000_items/up.sql',
    ];
    expect(
      files
        .map((path) => ({ path, migration: true, events: [] }))
        .sort(replayOrder)
        .map((f) => f.path),
    ).toEqual([
      'hasura/1700000000000_items/up.sql',
      'hasura/1700000000000_items/down.sql',
      'hasura/1700000100000_rename/up.sql',
      'hasura/1700000100000_rename/down.sql',
      'm/000001_items.up.sql',
      'm/000001_items.down.sql',
      'm/000002_rename.up.sql',
      'm/000002_rename.down.sql',
      'm/002.do.rename.sql',
      'm/002.undo.rename.sql',
      'm/V2__rename.sql',
      'm/U2__rename.sql',
    ]);
  });
});

describe('isDownMigration', () => {
  it.each([
    ['migrations/U3__rename.sql', true],
    ['migrations/U1_2__rename.sql', true],
    ['migrations/000003_rename.down.sql', true],
    ['migrations/3_rename_down.sql', true],
    ['migrations/20240101_rename/down.sql', true],
    ['hasura/migrations/default/1700000000000_create_table_public_invoices/down.sql', true],
    ['migrations/001.undo.create-users.sql', true],
    ['migrations/001.do.create-users.sql', false],
    ['migrations/001.do.undo-tracking.sql', false],
    ['hasura/migrations/default/1700000000000_create_table_public_invoices/up.sql', false],
    ['migrations/V3__rename.sql', false],
    ['migrations/000003_rename.up.sql', false],
    ['migrations/V4__drop_downtime_table.sql', false],
    ['migrations/Users__x.sql', false],
  ])('%s → %s', (path, expected) => {
    expect(isDownMigration(path)).toBe(expected);
  });
});

describe('replayDdl', () => {
  it('moves a renamed table to its new name and remembers where the old one existed', () => {
    const history = replayDdl(
      [
        migration('m/V3__rename.sql', (f) => rename(f, 'Invoices', 'invoice_headers')),
        migration(
          'm/V1__init.sql',
          (f) => create(f, 'invoices', 'nilecare'),
          (f) => create(f, 'drafts', 'nilecare'),
        ),
        migration('m/V2__paid.sql'),
        migration('m/V4__late.sql'),
      ],
      never,
    );
    expect(names(history.current)).toEqual(['nilecare.drafts', 'nilecare.invoice_headers']);
    expect(history.current[1]).toMatchObject({ file: 'm/V3__rename.sql', renamedFrom: 'Invoices' });
    expect(history.order).toEqual(['m/V1__init.sql', 'm/V2__paid.sql', 'm/V3__rename.sql', 'm/V4__late.sql']);
    expect(history.retired.map((r) => [r.declaration.table, r.since, r.until])).toEqual([['invoices', 0, 2]]);
  });

  it("copies each table of its set alive at that point under a computed name (Nova's shadow tables, HELDOUT12 #5), never another set's or a copy", () => {
    const copyEach =
      (prefix: string, suffix = '') =>
      (file: string): DdlEvent => ({ kind: 'copyEach', prefix, suffix, file, range, via: 'migration' });
    const inSet = (file: DdlFile, set: string, rank: number): DdlFile => ({
      ...file,
      orderKey: `${set}#${String(rank).padStart(10, '0')}`,
    });
    const main = 'nova/db/main/migrations/versions';
    const api = 'nova/db/api/migrations/versions';
    const history = replayDdl(
      [
        inSet(
          migration(`${api}/d67e_initial.py`, (f) => create(f, 'cell_mappings')),
          api,
          0,
        ),
        inSet(
          migration(
            `${main}/8f2f_initial.py`,
            (f) => create(f, 'instances'),
            (f) => create(f, 'migrations'),
            copyEach('shadow_'),
          ),
          main,
          0,
        ),
        // A later copy of the same family copies no copy again; a new table of the set gets its copy.
        inSet(
          migration(`${main}/9a1b_volumes.py`, (f) => create(f, 'volumes'), copyEach('shadow_')),
          main,
          1,
        ),
        inSet(migration(`${main}/ffff_drop.py`, drop('shadow_migrations')), main, 2),
        // Copies in a down script are never replayed.
        inSet(migration(`${main}/0001_x.down.sql`, copyEach('', '_old')), main, 3),
      ],
      never,
    );
    expect(names(history.current).sort()).toEqual([
      'cell_mappings',
      'instances',
      'migrations',
      'shadow_instances',
      'shadow_volumes',
      'volumes',
    ]);
    expect(history.current.find((d) => d.table === 'shadow_instances')).toMatchObject({
      file: `${main}/8f2f_initial.py`,
      via: 'migration',
    });
  });

  it('declares the old name again when a later file re-creates it', () => {
    const history = replayDdl(
      [
        migration('m/V1__init.sql', (f) => create(f, 'invoices')),
        migration(
          'm/V2__swap.sql',
          (f) => rename(f, 'invoices', 'invoice_archive'),
          (f) => create(f, 'invoices'),
        ),
      ],
      never,
    );
    expect(names(history.current)).toEqual(['invoices', 'invoice_archive']);
    expect(history.current[0].file).toBe('m/V2__swap.sql');
  });

  it('follows a chain of renames, in statement order', () => {
    const history = replayDdl(
      [
        migration(
          'm/V1__init.sql',
          (f) => create(f, 'a'),
          (f) => rename(f, 'a', 'tmp'),
          (f) => rename(f, 'tmp', 'c'),
        ),
      ],
      never,
    );
    expect(names(history.current)).toEqual(['c']);
  });

  it('ignores the down half of an up/down file and whole down files', () => {
    const history = replayDdl(
      [
        migration(
          'm/V1__init.sql',
          (f) => create(f, 'a'),
          (f) => create(f, 'x'),
        ),
        migration(
          'm/V2__rename.ts',
          (f) => rename(f, 'a', 'b'),
          (f) => rename(f, 'b', 'a'),
        ),
        migration('m/V9__restore.down.sql', (f) => rename(f, 'x', 'y')),
      ],
      never,
    );
    expect(names(history.current)).toEqual(['x', 'b']);
  });

  it('declares no table a down or revert script creates or renames: the name exists while that script runs, not after', () => {
    const history = replayDdl(
      [
        migration(
          'm/000001_flags.up.sql',
          (f) => create(f, 'flags'),
          (f) => create(f, 'votes'),
        ),
        migration('m/000002_drop_flags.up.sql', drop('flags')),
        // golang-migrate's down half creates the dropped table again; a Sqitch revert renames a table back.
        migration('m/000002_drop_flags.down.sql', (f) => create(f, 'flags')),
        {
          path: 'revert/rename_votes.sql',
          migration: true,
          reverts: true,
          orderKey: 'm/000003',
          events: [rename('revert/rename_votes.sql', 'votes', 'old_votes')],
        },
      ],
      never,
    );
    expect(names(history.current)).toEqual(['votes']);
    // Seen inside its own script only (replay positions 2 and 3).
    expect(history.retired.map((r) => [r.declaration.table, r.since, r.until])).toEqual([
      ['flags', 0, 1],
      ['flags', 2, 2],
      ['old_votes', 3, 3],
    ]);
  });

  it('renames only tables of this owner: declared, created later, or claimed', () => {
    const claims = (name: string) => name === 'legacy_totals';
    const history = replayDdl(
      [
        migration(
          'm/V1__renames.sql',
          (f) => rename(f, 'patients', 'my_patients'),
          (f) => rename(f, 'legacy_totals', 'totals', { contextDatabase: 'nilecare' }),
        ),
        migration('m/V2__boot.sql', (f) => rename(f, 'cache', 'cache_v2')),
        { path: 'src/boot.ts', migration: false, events: [create('src/boot.ts', 'cache')] },
      ],
      claims,
    );
    // `cache` is created at boot, after the migrations: the migration moved it, the boot code creates it again.
    expect(names(history.current)).toEqual(['cache', 'nilecare.totals', 'cache_v2']);
  });

  it('matches databases: a qualified rename moves only the table of that database', () => {
    const history = replayDdl(
      [
        migration(
          'm/V1__init.sql',
          (f) => create(f, 'visits', 'clinical_data'),
          (f) => create(f, 'visits', 'archive'),
        ),
        migration('m/V2__rename.sql', (f) =>
          rename(f, 'visits', 'encounters', { fromDatabase: 'CLINICAL_DATA', toDatabase: 'CLINICAL_DATA' }),
        ),
      ],
      never,
    );
    expect(names(history.current)).toEqual(['archive.visits', 'CLINICAL_DATA.encounters']);
  });

  it('keeps a bare rename in the database of the table it renames', () => {
    const history = replayDdl(
      [
        migration(
          'm/V1__init.sql',
          (f) => create(f, 'visits', 'clinical_data'),
          (f) => rename(f, 'visits', 'encounters', { contextDatabase: 'other' }),
        ),
      ],
      never,
    );
    expect(names(history.current)).toEqual(['clinical_data.encounters']);
  });

  it('retires a table a migration drops, until a later file creates it again', () => {
    const history = replayDdl(
      [
        migration(
          'm/V1__init.sql',
          (f) => create(f, 'invoices'),
          (f) => create(f, 'drafts'),
          (f) => create(f, 'notes'),
        ),
        migration('m/V2__drop.sql', drop('Drafts'), drop('notes')),
        migration('m/V3__again.sql', (f) => create(f, 'notes')),
      ],
      never,
    );
    expect(names(history.current)).toEqual(['invoices', 'notes']);
    expect(history.current[1].file).toBe('m/V3__again.sql');
    expect(history.retired.map((r) => [r.declaration.table, r.since, r.until])).toEqual([
      ['drafts', 0, 1],
      ['notes', 0, 1],
    ]);
  });

  it('drops only in up migrations, only what this owner declared, in the database named', () => {
    const history = replayDdl(
      [
        migration(
          'm/V1__init.sql',
          (f) => create(f, 'visits', 'clinical_data'),
          (f) => create(f, 'visits', 'archive'),
          (f) => create(f, 'tmp'),
        ),
        migration('m/V2__drop.sql', drop('visits', 'ARCHIVE'), drop('patients')),
        migration('m/U1__init.sql', drop('tmp')),
        migration('m/V3__scratch.ts', (f) => create(f, 'scratch'), drop('scratch')),
        { path: 'scripts/reset.sql', migration: false, events: [drop('tmp')()] },
      ],
      never,
    );
    // The undo file, the down half of V3 and the reset script retire nothing.
    expect(names(history.current)).toEqual(['clinical_data.visits', 'tmp', 'scratch']);
    expect(history.retired.map((r) => `${r.declaration.database}.${r.declaration.table}`)).toEqual(['archive.visits']);
  });

  it("drops a name a rename gave in an engine's set with that set's drop (HELDOUT13 #23: flowise's temp_organization per engine folder)", () => {
    const engine = (sequence: string, version: string, ...events: Array<(file: string) => DdlEvent>): DdlFile => ({
      ...migration(`m/${sequence}/${version}`, ...events),
      sequence,
    });
    const sets = ['mysql', 'postgres', 'sqlite'];
    const history = replayDdl(
      [
        ...sets.map((s) => engine(s, '1700000000000-Init.js', (f) => create(f, 'organization'))),
        ...sets.map((s) =>
          engine(
            s,
            '1737076223692-Refactor.js',
            (f) => rename(f, 'organization', 'temp_organization'),
            (f) => create(f, 'organization'),
            drop('temp_organization'),
          ),
        ),
        // A set renaming without dropping keeps its own new name: the others' drops are not its.
        engine('mssql', '1700000000000-Init.js', (f) => create(f, 'organization')),
        engine('mssql', '1737076223692-Refactor.js', (f) => rename(f, 'organization', 'temp_organization')),
      ],
      never,
    );
    expect(names(history.current).sort()).toEqual(['organization', 'organization', 'organization', 'temp_organization']);
    expect(history.current.find((d) => d.table === 'temp_organization')?.file).toBe('m/mssql/1737076223692-Refactor.js');
  });

  it('drops a table under the name a rename gave it', () => {
    const history = replayDdl(
      [
        migration('m/V1__init.sql', (f) => create(f, 'a')),
        migration('m/V2__rename.sql', (f) => rename(f, 'a', 'b')),
        migration('m/V3__drop.sql', drop('b')),
      ],
      never,
    );
    expect(history.current).toEqual([]);
    expect(history.retired.map((r) => [r.declaration.table, r.since, r.until])).toEqual([
      ['a', 0, 1],
      ['b', 1, 2],
    ]);
  });
});

describe('replayDdl: the name log', () => {
  const column = (table: string, name: string, to?: string) => (): DdlEvent => ({
    kind: 'name',
    change: { object: 'column', table, name, ...(to === undefined ? {} : { to }) },
  });
  const logging = (file: DdlFile): DdlFile => ({ ...file, logsNames: true });

  it('logs every rename and drop of each up migration in replay order, whoever owns the table, and changes no table for a column', () => {
    const history = replayDdl(
      [
        logging(migration('m/V3__later.sql', column('accounts', 'nm', 'name'), drop('legacy'))),
        logging(migration('m/V1__init.sql', (f) => create(f, 'accounts'), column('accounts', 'tmp'))),
        // Another service's table: the replay leaves ownership alone, the log still has the rename.
        logging(migration('m/V2__theirs.sql', (f) => rename(f, 'their_table', 'their_new'))),
        logging(migration('m/U2__theirs.sql', (f) => rename(f, 'their_new', 'their_table'))),
        migration('m/V4__not_logged.sql', column('accounts', 'name')),
      ],
      never,
    );
    expect(names(history.current)).toEqual(['accounts']);
    expect(history.names).toEqual([
      { path: 'm/V1__init.sql', changes: [{ object: 'column', table: 'accounts', name: 'tmp' }] },
      { path: 'm/V2__theirs.sql', changes: [{ object: 'table', table: 'their_table', to: 'their_new' }] },
      {
        path: 'm/V3__later.sql',
        changes: [
          { object: 'column', table: 'accounts', name: 'nm', to: 'name' },
          { object: 'table', table: 'legacy' },
        ],
      },
    ]);
  });
});
