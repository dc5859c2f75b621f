import { describe, expect, it } from 'vitest';
import { isLiquibaseFormattedSql, isToolMigration, toolDatabaseOf, toolMigrationsOf } from '../../src/model/tool-migrations.js';
import { fileKindOf } from '../../src/discovery/file-kind.js';
import { extractFileFacts } from '../../src/analysis/analyze-file.js';
import { decodeFacts, encodeFacts } from '../../src/analysis/facts-codec.js';
import type { FileFacts } from '../../src/analysis/facts.js';

/** The tool-relevant facts of a file: its path, kind and text, and whether it is formatted SQL, as extractFileFacts says. */
const file = (path: string, text = '') => {
  const kind = fileKindOf(path, text);
  return { path, kind, text, ...(kind === 'sql' && isLiquibaseFormattedSql(text) ? { liquibaseFormatted: true as const } : {}) };
};
const inOrder = (ordered: ReadonlyMap<string, string>) => [...ordered].sort((a, b) => (a[1] < b[1] ? -1 : 1)).map(([path]) => path);

describe('Sqitch', () => {
  const plan = [
    '%syntax-version=1.0.0',
    '%project=tickets',
    '',
    'tickets 2024-01-10T10:00:00Z Dana <dana@example.com> # Tickets',
    '# a comment',
    'ticket_events [tickets] 2024-01-11T10:00:00Z Dana <dana@example.com> # Events',
    '@v1.0 2024-01-12T09:00:00Z Dana <dana@example.com> # Tag',
    'archive [ticket_events] 2024-02-02T15:30:00Z Dana <dana@example.com>',
  ].join('\n');
  const files = [
    file('svc/sqitch.plan', plan),
    file('svc/deploy/archive.sql'),
    file('svc/deploy/ticket_events.sql'),
    file('svc/deploy/tickets.sql'),
    file('svc/deploy/unplanned.sql'),
    file('svc/revert/tickets.sql'),
    file('svc/verify/archive.sql'),
    file('svc/revert/gone.sql'),
  ];
  const tools = toolMigrationsOf(files);

  it('orders the deploy scripts as the plan lists their changes', () => {
    expect(inOrder(tools.ordered)).toEqual(['svc/deploy/tickets.sql', 'svc/deploy/ticket_events.sql', 'svc/deploy/archive.sql']);
    // A script the plan does not name is not deployed.
    expect(isToolMigration(tools, 'svc/deploy/unplanned.sql')).toBe(false);
  });

  it('keeps revert and verify scripts with their change, as scripts never applied forward', () => {
    expect(tools.companions.get('svc/revert/tickets.sql')).toBe(tools.ordered.get('svc/deploy/tickets.sql'));
    expect(tools.companions.get('svc/verify/archive.sql')).toBe(tools.ordered.get('svc/deploy/archive.sql'));
    expect(tools.companions.has('svc/revert/gone.sql')).toBe(true);
    expect(tools.companions.get('svc/revert/gone.sql')).toBeUndefined();
    expect(isToolMigration(tools, 'svc/revert/tickets.sql')).toBe(false);
  });

  it('reads nothing without a plan', () => {
    const none = toolMigrationsOf(files.slice(1));
    expect(none.ordered.size).toBe(0);
    expect(none.companions.size).toBe(0);
  });
});

describe('Sqitch: sqitch.conf and reworked changes', () => {
  const plan = [
    '%project=catalog',
    'products 2024-03-01T09:00:00Z Lena <lena@example.com>',
    'summary [products] 2024-03-02T09:00:00Z Lena <lena@example.com>',
    '@v1.0 2024-03-04T09:00:00Z Lena <lena@example.com>',
    '@v1.1 2024-03-05T09:00:00Z Lena <lena@example.com>',
    'summary [summary@v1.1] 2024-04-10T11:30:00Z Lena <lena@example.com>',
    '@v2.0 2024-05-01T09:00:00Z Lena <lena@example.com>',
    'summary [summary@v2.0] 2024-06-10T11:30:00Z Lena <lena@example.com>',
  ].join('\n');

  it('reads the plan and the scripts where [core] top_dir and plan_file put them', () => {
    const tools = toolMigrationsOf([
      file(
        'svc/sqitch.conf',
        '[core]\n\tengine = pg\n\tplan_file = sqitch.plan\n\ttop_dir = db\n[engine "pg"]\n\ttarget = db:pg:catalog\n',
      ),
      file('svc/sqitch.plan', plan),
      file('svc/db/deploy/products.sql'),
      file('svc/db/deploy/summary@v1.1.sql'),
      file('svc/db/deploy/summary@v1.0.sql'),
      file('svc/db/deploy/summary@v2.0.sql'),
      file('svc/db/deploy/summary.sql'),
      file('svc/db/revert/summary@v2.0.sql'),
      file('svc/db/verify/summary.sql'),
      file('svc/deploy/products.sql'),
    ]);
    // Each earlier place of the reworked change applies the version kept under the first of the tags after it whose script exists (v1.0, though v1.1's exists too); the last place applies summary.sql.
    expect(inOrder(tools.ordered)).toEqual([
      'svc/db/deploy/products.sql',
      'svc/db/deploy/summary@v1.0.sql',
      'svc/db/deploy/summary@v2.0.sql',
      'svc/db/deploy/summary.sql',
    ]);
    expect(tools.companions.get('svc/db/revert/summary@v2.0.sql')).toBe(tools.ordered.get('svc/db/deploy/summary@v2.0.sql'));
    expect(tools.companions.get('svc/db/verify/summary.sql')).toBe(tools.ordered.get('svc/db/deploy/summary.sql'));
    // Beside the plan is not where this project deploys from.
    expect(isToolMigration(tools, 'svc/deploy/products.sql')).toBe(false);
    expect(isToolMigration(tools, 'svc/db/deploy/summary@v1.1.sql')).toBe(false);
  });

  it("takes the first of a place's tags whose script exists, else the first tag", () => {
    const tools = toolMigrationsOf([file('sqitch.plan', plan), file('deploy/summary@v1.1.sql'), file('deploy/summary.sql')]);
    expect(inOrder(tools.ordered)).toEqual(['deploy/summary@v1.1.sql', 'deploy/summary.sql']);
  });

  it("reads the engine section's deploy_dir, revert_dir and verify_dir over [core]'s, relative to the config", () => {
    const tools = toolMigrationsOf([
      file(
        'services/reviews/sqitch.conf',
        '[core]\n  engine = pg\n  deploy_dir = nowhere\n[engine "mysql"]\n  deploy_dir = other\n[engine "pg"]\n  deploy_dir = sql/deploy  # the scripts\n  revert_dir = "sql/revert"\n  verify_dir = sql/verify\n',
      ),
      file(
        'services/reviews/sqitch.plan',
        'reviews 2024-05-02T08:00:00Z Omar <o@example.com>\nvotes [reviews] 2024-05-03T08:00:00Z Omar <o@example.com>\n',
      ),
      file('services/reviews/sql/deploy/votes.sql'),
      file('services/reviews/sql/deploy/reviews.sql'),
      file('services/reviews/sql/revert/reviews.sql'),
      file('services/reviews/sql/verify/votes.sql'),
    ]);
    expect(inOrder(tools.ordered)).toEqual(['services/reviews/sql/deploy/reviews.sql', 'services/reviews/sql/deploy/votes.sql']);
    expect([...tools.companions.keys()].sort()).toEqual([
      'services/reviews/sql/revert/reviews.sql',
      'services/reviews/sql/verify/votes.sql',
    ]);
    expect(isToolMigration(tools, 'services/reviews/sql/revert/reviews.sql')).toBe(false);
  });

  it('ignores settings that leave the project (absolute or ../ paths)', () => {
    const tools = toolMigrationsOf([
      file('svc/sqitch.conf', '[core]\n  deploy_dir = ../elsewhere\n  top_dir = /etc\n'),
      file('svc/sqitch.plan', 'a 2024-05-02T08:00:00Z Omar <o@example.com>\n'),
      file('svc/deploy/a.sql'),
    ]);
    expect(inOrder(tools.ordered)).toEqual(['svc/deploy/a.sql']);
  });
});

describe('Liquibase', () => {
  it('orders the files a YAML changelog includes, nested changelogs and includeAll folders in place', () => {
    const tools = toolMigrationsOf([
      file(
        'db/changelog/db.changelog-master.yaml',
        [
          'databaseChangeLog:',
          '  - include:',
          '      file: changes/002-b.sql',
          '      relativeToChangelogFile: true',
          '  - include:',
          '      file: db/changelog/more/changelog-more.yaml',
          '  - includeAll:',
          '      path: changes/views/',
          '      relativeToChangelogFile: true',
        ].join('\n'),
      ),
      file(
        'db/changelog/more/changelog-more.yaml',
        'databaseChangeLog:\n  - include:\n      file: 010-c.sql\n      relativeToChangelogFile: true\n',
      ),
      file('db/changelog/more/010-c.sql', 'CREATE TABLE c (id int);'),
      file('db/changelog/changes/002-b.sql', 'CREATE TABLE b (id int);'),
      file('db/changelog/changes/views/v2.sql', 'CREATE VIEW v2 AS SELECT 1;'),
      file('db/changelog/changes/views/v1.sql', 'CREATE VIEW v1 AS SELECT 1;'),
      file('db/changelog/changes/001-not-included.sql', 'CREATE TABLE a (id int);'),
    ]);
    expect(inOrder(tools.ordered)).toEqual([
      'db/changelog/changes/002-b.sql',
      'db/changelog/more/010-c.sql',
      'db/changelog/changes/views/v1.sql',
      'db/changelog/changes/views/v2.sql',
    ]);
  });

  it("places a changelog's own changeSets at its first changeSet, among the changelogs and SQL files it includes", () => {
    const master = [
      'databaseChangeLog:',
      '  - include: { file: changes/001-accounts.xml, relativeToChangelogFile: true }',
      '  - changeSet:',
      '      id: 2',
      '      changes:',
      '        - renameTable: { oldTableName: account_tokens, newTableName: tokens }',
      '  - include: { file: changes/003-views.sql, relativeToChangelogFile: true }',
    ].join('\n');
    const nested = '<databaseChangeLog><changeSet id="1"><createTable tableName="accounts"/></changeSet></databaseChangeLog>';
    const tools = toolMigrationsOf([
      file('svc/db/changelog/db.changelog-master.yaml', master),
      file('svc/db/changelog/changes/001-accounts.xml', nested),
      file('svc/db/changelog/changes/003-views.sql'),
    ]);
    expect(inOrder(tools.ordered)).toEqual([
      'svc/db/changelog/changes/001-accounts.xml',
      'svc/db/changelog/db.changelog-master.yaml',
      'svc/db/changelog/changes/003-views.sql',
    ]);
  });

  it("reads an XML changelog's include and sqlFile paths, relative to the search path", () => {
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">',
      '  <changeSet id="1" author="ops"><sqlFile path="db/sql/shipments.sql" splitStatements="true"/></changeSet>',
      "  <include file='db/sql/parcels.sql'/>",
      '  <changeSet id="3" author="ops"><createTable tableName="parcel_labels"/></changeSet>',
      '</databaseChangeLog>',
    ].join('\n');
    const tools = toolMigrationsOf([file('svc/db/changelog.xml', xml), file('svc/db/sql/parcels.sql'), file('svc/db/sql/shipments.sql')]);
    // The changelog's own changeSets (createTable) are a migration too, placed at its first changeSet.
    expect(inOrder(tools.ordered)).toEqual(['svc/db/changelog.xml', 'svc/db/sql/shipments.sql', 'svc/db/sql/parcels.sql']);
  });

  it('reads a JSON changelog', () => {
    const json = '{ "databaseChangeLog": [ { "include": { "file": "changes/a.sql", "relativeToChangelogFile": true } } ] }';
    const tools = toolMigrationsOf([file('db/changelog.json', json), file('db/changes/a.sql')]);
    expect([...tools.ordered.keys()]).toEqual(['db/changes/a.sql']);
  });

  it('an unterminated XML element ends the reading, in one pass', () => {
    const xml = `<databaseChangeLog>${'<include file="x.sql"'.repeat(20_000)}`;
    const started = performance.now();
    expect(toolMigrationsOf([file('db/changelog.xml', xml), file('db/x.sql')]).ordered.size).toBe(0);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('a formatted-SQL file is a migration on its own, by its first line', () => {
    expect(isLiquibaseFormattedSql('--liquibase formatted sql\n--changeset a:1\nCREATE TABLE t (id int);')).toBe(true);
    expect(isLiquibaseFormattedSql('\uFEFF-- liquibase formatted sql\n')).toBe(true);
    expect(isLiquibaseFormattedSql('-- created with liquibase formatted sql in mind\n')).toBe(false);
    expect(isLiquibaseFormattedSql('CREATE TABLE t (id int);\n--liquibase formatted sql\n')).toBe(false);
    const tools = toolMigrationsOf([
      file('db/changes/001.sql', '--liquibase formatted sql\n'),
      file('db/schema.sql', 'CREATE TABLE t (id int);'),
    ]);
    expect([...tools.ordered.keys()]).toEqual(['db/changes/001.sql']);
  });

  it("sql-migrate's and goose's Up annotation is a fact of the file, kept through the cache (the model never reads the text to ask)", () => {
    const facts = (path: string, text: string) => {
      const { text: _text, ...stored } = extractFileFacts(path, text, { sqlCallees: [], hash: 'h' });
      return decodeFacts(encodeFacts({ ...stored, text }), path, 'h')!;
    };
    expect(facts('migrations/1_orders.sql', '-- +migrate Up\nCREATE TABLE orders (id int);\n').toolAnnotated).toBe(true);
    expect(facts('migrations/00001_orders.sql', 'SELECT 1;\n--  +goose\tUp\n').toolAnnotated).toBe(true);
    expect(facts('migrations/1_orders.sql', 'CREATE TABLE orders (id int); -- +migrate Up\n').toolAnnotated).toBeUndefined();
    expect(facts('migrations/1_orders.sql', '-- +migrate Down\nDROP TABLE orders;\n').toolAnnotated).toBeUndefined();
  });

  it("is told by the file's facts, kept through the cache: a warm run reads no cached .sql file to ask", () => {
    const reads: string[] = [];
    const cached = (path: string, text: string) => {
      const { text: _text, ...stored } = extractFileFacts(path, text, { sqlCallees: [], hash: 'h' });
      const decoded = decodeFacts(encodeFacts({ ...stored, text }), path, 'h')!;
      return Object.defineProperty(decoded, 'text', { get: () => (reads.push(path), text), enumerable: true }) as FileFacts;
    };
    const files = [cached('db/changes/001.sql', '-- liquibase formatted sql\n--changeset a:1\n'), cached('db/schema.sql', 'SELECT 1;\n')];
    expect(files.map((f) => f.liquibaseFormatted)).toEqual([true, undefined]);
    expect([...toolMigrationsOf(files).ordered.keys()]).toEqual(['db/changes/001.sql']);
    expect(reads).toEqual([]);
  });
});

describe('Flyway', () => {
  it("reads flyway.conf's locations beside it, sql/ when none is set", () => {
    expect(
      toolMigrationsOf([
        file(
          'svc/flyway.conf',
          'flyway.url=jdbc:postgresql://db/x\nflyway.locations=filesystem:sql,filesystem:db/extra/,classpath:db/migration\n',
        ),
      ]).folders,
    ).toEqual(['svc/sql', 'svc/db/extra']);
    expect(toolMigrationsOf([file('svc/flyway.conf', 'flyway.schemas=orders\n')]).folders).toEqual(['svc/sql']);
    // The CLI's own layout: conf/flyway.conf reads sql/ beside conf/.
    expect(toolMigrationsOf([file('db/conf/flyway.conf', '')]).folders).toEqual(['db/sql']);
  });

  it("reads flyway.toml's locations", () => {
    const toml =
      '[environments.default]\nurl = "jdbc:postgresql://db/x"\n\n[flyway]\nlocations = ["filesystem:migrations/sql", "classpath:db/migration"]\n';
    expect(toolMigrationsOf([file('svc/flyway.toml', toml)]).folders).toEqual(['svc/migrations/sql']);
  });

  it('leaves out locations outside the repository', () => {
    expect(
      toolMigrationsOf([file('svc/flyway.conf', 'flyway.locations=filesystem:/opt/sql,filesystem:../../elsewhere\n')]).folders,
    ).toEqual([]);
  });

  it('reads a location from the repository root, where Flyway runs, when nothing lies there beside the config', () => {
    const conf = file('migrations/billing/flyway.conf', 'flyway.locations=filesystem:./migrations/billing\n');
    const sql = file('migrations/billing/V1__init.sql', 'CREATE TABLE invoices (id int);');
    expect(toolMigrationsOf([conf, sql]).folders).toEqual(['migrations/billing']);
    // Beside the config wins where both hold files; nothing anywhere keeps the config's folder.
    const beside = file('migrations/billing/migrations/billing/V1__x.sql');
    expect(toolMigrationsOf([conf, sql, beside]).folders).toEqual(['migrations/billing/migrations/billing']);
    expect(toolMigrationsOf([file('svc/flyway.conf', 'flyway.locations=filesystem:./db/sql\n')]).folders).toEqual(['svc/db/sql']);
  });

  it("names the database of its locations' SQL from flyway.url (conf and toml), never a placeholder", () => {
    const sql = file('migrations/billing/V1__init.sql');
    const conf = (text: string) => toolMigrationsOf([file('migrations/billing/flyway.conf', text), sql]);
    const tools = conf(
      'flyway.url=jdbc:mysql://localhost:3306/nile_billing?useSSL=true\nflyway.locations=filesystem:./migrations/billing\n',
    );
    expect(tools.databases).toEqual([{ folder: 'migrations/billing', database: 'nile_billing' }]);
    expect(toolDatabaseOf(tools, 'migrations/billing/V1__init.sql')).toBe('nile_billing');
    expect(toolDatabaseOf(tools, 'migrations/auth/V1__init.sql')).toBeUndefined();
    expect(conf('flyway.url=jdbc:mariadb://db/${DB_NAME}\n').databases).toEqual([]);
    expect(conf('flyway.url=jdbc:mysql://db:3306/\n').databases).toEqual([]);
    expect(conf('flyway.url=jdbc:sqlserver://db;databaseName=x\n').databases).toEqual([]);
    const toml = '[environments.default]\nurl = "jdbc:postgresql://db:5432/orders"\n\n[flyway]\nlocations = ["filesystem:sql"]\n';
    expect(toolMigrationsOf([file('svc/flyway.toml', toml)]).databases).toEqual([{ folder: 'svc/sql', database: 'orders' }]);
  });

  it('a file in a location is a tool migration', () => {
    const tools = toolMigrationsOf([file('svc/flyway.conf', '')]);
    expect(isToolMigration(tools, 'svc/sql/V1__init.sql')).toBe(true);
    expect(isToolMigration(tools, 'svc/sqlite/V1__init.sql')).toBe(false);
  });
});

describe('Alembic: the script directories alembic.ini names (HELDOUT10 #15)', () => {
  const revision = (id: string, down?: string) => `revision = '${id}'\ndown_revision = ${down ? `'${down}'` : 'None'}\n`;
  const barbican = 'svc/barbican/model/migration';
  const files = [
    file(`${barbican}/alembic.ini`, '[alembic]\n# the scripts\nscript_location = %(here)s/alembic_migrations\nsqlalchemy.url =\n'),
    file(`${barbican}/alembic_migrations/env.py`, 'from alembic import context\n'),
    file(`${barbican}/alembic_migrations/versions/__init__.py`, ''),
    file(`${barbican}/alembic_migrations/versions/8c74_update.py`, revision('8c74', '0f8c')),
    file(`${barbican}/alembic_migrations/versions/39cf_rebase.py`, revision('39cf')),
    file(`${barbican}/alembic_migrations/versions/0f8c_consumers.py`, revision('0f8c', '39cf')),
    // A versions/ folder no ini names and not below alembic/ or migrations/: nothing of Alembic's.
    file('svc/barbican/docs/versions/notes.py', revision('x1')),
  ];

  it("orders the revisions of script_location's versions/ folder by their chain, whatever the folder is called", () => {
    const tools = toolMigrationsOf(files);
    expect(inOrder(tools.ordered)).toEqual([
      `${barbican}/alembic_migrations/versions/39cf_rebase.py`,
      `${barbican}/alembic_migrations/versions/0f8c_consumers.py`,
      `${barbican}/alembic_migrations/versions/8c74_update.py`,
    ]);
    // Without the ini, the env.py importing Alembic beside versions/ is still the script directory (Neutron's
    // sub-projects, HELDOUT12 #1); without either, `alembic_migrations/versions/` is no folder Alembic's defaults name.
    expect(inOrder(toolMigrationsOf(files.slice(1)).ordered)).toEqual(inOrder(tools.ordered));
    expect(toolMigrationsOf(files.slice(2)).ordered.size).toBe(0);
    expect(toolMigrationsOf([file(`${barbican}/alembic_migrations/env.py`, 'import os\n'), ...files.slice(2)]).ordered.size).toBe(0);
  });

  it("replays the release sub-folders of the default versions/ (Alembic's branch layout) in chain order (HELDOUT12 #4)", () => {
    const neutron = 'svc/neutron/db/migration/alembic_migrations';
    const tools = toolMigrationsOf([
      file(`${neutron}/env.py`, 'from alembic import context\n'),
      file(`${neutron}/versions/yoga/expand/8160_drop_portbindingports.py`, revision('8160', '354d')),
      file(`${neutron}/versions/kilo_initial.py`, revision('kilo')),
      file(`${neutron}/versions/liberty/expand/354d_start.py`, revision('354d', 'kilo')),
      file(`${neutron}/versions/liberty/contract/__init__.py`, ''),
    ]);
    expect(inOrder(tools.ordered)).toEqual([
      `${neutron}/versions/kilo_initial.py`,
      `${neutron}/versions/liberty/expand/354d_start.py`,
      `${neutron}/versions/yoga/expand/8160_drop_portbindingports.py`,
    ]);
  });

  it('reads the ini kept inside the script directory (%(here)s), and never takes __init__.py for a revision', () => {
    const glance = 'svc/glance/db/sqlalchemy/alembic_migrations';
    const tools = toolMigrationsOf([
      file(`${glance}/alembic.ini`, '[alembic]\nscript_location = %(here)s\n'),
      file(`${glance}/versions/__init__.py`, ''),
      file(`${glance}/versions/liberty_initial.py`, revision('liberty')),
      file(`${glance}/add_images_tables.py`, 'def upgrade():\n    op.create_table("images")\n'),
      file('svc/cinder/db/migrations/versions/__init__.py', ''),
      file('svc/cinder/db/migrations/versions/921e_initial.py', revision('921e')),
    ]);
    expect(inOrder(tools.ordered)).toEqual([
      'svc/cinder/db/migrations/versions/921e_initial.py',
      `${glance}/add_images_tables.py`,
      `${glance}/versions/liberty_initial.py`,
    ]);
  });

  it("places the script directory's helper modules before its revisions, which import and run them; never env.py", () => {
    const tools = toolMigrationsOf([
      file('svc/db/alembic.ini', '[alembic]\nscript_location = %(here)s/scripts\n'),
      file('svc/db/scripts/env.py', 'context.run_migrations()\n'),
      file('svc/db/scripts/__init__.py', ''),
      file('svc/db/scripts/add_tasks_tables.py', 'def upgrade():\n    op.create_table("tasks")\n'),
      file('svc/db/scripts/add_artifacts_tables.py', 'def upgrade():\n    op.create_table("artifacts")\n'),
      file('svc/db/scripts/versions/pike_contract01.py', revision('pike_contract01', 'liberty')),
      file('svc/db/scripts/versions/liberty_initial.py', revision('liberty')),
      file('svc/db/scripts/data_migrations/pike_migrate01.py', 'def migrate(engine):\n    pass\n'),
    ]);
    expect(inOrder(tools.ordered)).toEqual([
      'svc/db/scripts/add_artifacts_tables.py',
      'svc/db/scripts/add_tasks_tables.py',
      'svc/db/scripts/versions/liberty_initial.py',
      'svc/db/scripts/versions/pike_contract01.py',
    ]);
    // Without revisions there is no history for them to belong to.
    expect(
      toolMigrationsOf([
        file('svc/db/alembic.ini', '[alembic]\nscript_location = %(here)s/scripts\n'),
        file('svc/db/scripts/add_tasks_tables.py'),
      ]).ordered.size,
    ).toBe(0);
  });
});

describe('sqlalchemy-migrate repositories (HELDOUT12 #2)', () => {
  const cfg = (id?: string) => `[db_settings]\n${id ? `repository_id=${id}\n` : ''}version_table=migrate_version\n`;
  const heat = 'svc/heat/heat/db/sqlalchemy/migrate_repo';
  const nova = 'svc/nova/nova/db/main/legacy_migrations';

  it("orders each repository's numbered versions by number, not by name (10 after 9); no other module of the repository", () => {
    const tools = toolMigrationsOf([
      file(`${heat}/migrate.cfg`, cfg('heat')),
      file(`${heat}/manage.py`, 'from migrate.versioning.shell import main\n'),
      file(`${heat}/versions/__init__.py`, ''),
      file(`${heat}/versions/10_add_tags.py`, 'def upgrade(migrate_engine):\n    pass\n'),
      file(`${heat}/versions/9_newton.py`, 'def upgrade(migrate_engine):\n    pass\n'),
      file(`${heat}/versions/helpers/001_not_a_version.py`, ''),
      // Nova's legacy repository sits in a `migrations/versions/` folder: its versions go by their numbers too.
      file(`${nova}/migrate.cfg`, cfg('nova')),
      file(`${nova}/versions/217_placeholder.py`, 'def upgrade(migrate_engine):\n    pass\n'),
      file(`${nova}/versions/216_havana.py`, 'def upgrade(migrate_engine):\n    pass\n'),
    ]);
    expect(inOrder(tools.ordered)).toEqual([
      `${heat}/versions/9_newton.py`,
      `${heat}/versions/10_add_tags.py`,
      `${nova}/versions/216_havana.py`,
      `${nova}/versions/217_placeholder.py`,
    ]);
  });

  it('a migrate.cfg naming no repository_id makes no repository', () => {
    const tools = toolMigrationsOf([
      file(`${heat}/migrate.cfg`, cfg()),
      file(`${heat}/versions/073_newton.py`, 'def upgrade(migrate_engine):\n'),
    ]);
    expect(tools.ordered.size).toBe(0);
  });
});
