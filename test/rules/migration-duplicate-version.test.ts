import { describe, expect, it } from 'vitest';
import rule from '../../rules/migration-duplicate-version.js';
import { ruleTester, runCase } from '../rule-tester.js';

const REDMINE = { services: [{ name: 'redmine', roots: ['services/redmine'] }] };
const table = (name: string) => `CREATE TABLE ${name} (id CHAR(36) PRIMARY KEY);\n`;
const SHOP = { services: [{ name: 'shop', roots: ['services/shop'] }] };
const django = (app: string, previous: string) =>
  `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("${app}", "${previous}")]\n    operations = [\n        migrations.AddField(model_name="item", name="more", field=models.IntegerField(default=0)),\n    ]\n`;
/** A Django migration with these dependencies (`[app, name]`) and, for a squashed one, these replaced migrations. */
const djangoLinks = (dependencies: Array<[string, string]>, replaces: Array<[string, string]> = []) =>
  `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n${
    replaces.length > 0 ? `    replaces = [${replaces.map(([a, n]) => `("${a}", "${n}")`).join(', ')}]\n` : ''
  }    dependencies = [${dependencies.map(([a, n]) => `("${a}", "${n}")`).join(', ')}]\n    operations = []\n`;

const MODELS = { services: [{ name: 'models', roots: ['packages/models'] }] };
/** blocklet-server's runner: one umzug per database file, reading the set its group names (HELDOUT13 #5). */
const UMZUG_GROUPS =
  "const umzug_1 = require('umzug');\nconst MIGRATION_SCRIPT_EXTENSION = process.env.MIGRATION_SCRIPT_EXTENSION || 'js';\nasync function doSchemaMigration(sequelize, group) {\n  const umzug = new umzug_1.Umzug({\n    migrations: { glob: [`migrations/${group}/*.${MIGRATION_SCRIPT_EXTENSION}`, { cwd: __dirname }] },\n    context: sequelize.getQueryInterface(),\n    storage: new umzug_1.SequelizeStorage({ sequelize }),\n  });\n  return umzug.up();\n}\nmodule.exports = { doSchemaMigration };\n";
const addColumn = (table: string) =>
  `module.exports = { up: async ({ context }) => { await context.addColumn('${table}', 'note', { type: 'TEXT' }); } };\n`;
const reexport = (shared: string) =>
  `const shared = require('../common/${shared}');\nexports.up = shared.up;\nexports.down = shared.down;\n`;

/** process-engine's repositories: each runs its own umzug over its own migrations folder (HELDOUT16 #3). */
const UMZUG_OWN_FOLDER =
  "import * as path from 'path';\nimport * as Umzug from 'umzug';\nexport const migrator = (sequelize) =>\n  new Umzug({ storage: 'sequelize', storageOptions: { sequelize }, migrations: { params: [sequelize.getQueryInterface()], path: path.join(__dirname, 'migrations') } });\n";
const ENGINE = { services: [{ name: 'engine', roots: ['services/engine'] }] };
const createTable = (table: string) =>
  `module.exports = { up: (queryInterface, Sequelize) => queryInterface.createTable('${table}', { id: { type: Sequelize.INTEGER, primaryKey: true } }) };\n`;

ruleTester.run(rule, {
  valid: [
    {
      name: "each folder a runner is pointed at numbers its own migrations: umzug 2's `path.join(__dirname, 'migrations')`, umzug 3's glob from the module's folder, a knexfile's directory (HELDOUT16 #3)",
      filename: 'services/engine/src/correlation.repository/migrations/00_initialize_correlations.js',
      code: createTable('correlations'),
      files: {
        'services/engine/src/correlation.repository/migrator.ts': UMZUG_OWN_FOLDER,
        'services/engine/src/correlation.repository/migrations/01_correlations.js': addColumn('correlations'),
        'services/engine/src/flow_node.repository/migrator.ts': UMZUG_OWN_FOLDER,
        'services/engine/src/flow_node.repository/migrations/00_initialize_flow_nodes.js': createTable('flow_nodes'),
        'services/engine/src/flow_node.repository/migrations/01_flow_nodes.js': addColumn('flow_nodes'),
        'services/engine/src/process_model.repository/migrator.js':
          "const { Umzug } = require('umzug');\nmodule.exports = (sequelize) => new Umzug({ migrations: { glob: ['migrations/*.js', { cwd: __dirname }] }, context: sequelize.getQueryInterface() });\n",
        'services/engine/src/process_model.repository/migrations/00_initialize_process_models.js': createTable('process_models'),
        'services/engine/db/knexfile.js': "module.exports = { client: 'pg', migrations: { directory: './migrations' } };\n",
        'services/engine/db/migrations/00_initialize_settings.js': createTable('settings'),
      },
      config: ENGINE,
    },
    {
      name: 'the same 001_ version in two different services',
      filename: 'services/billing/migrations/001_initial_schema.sql',
      code: table('invoices'),
      files: { 'services/auth/migrations/001_initial_schema.sql': table('auth_users') },
    },
    {
      name: "Laravel's first migrations, all dated 0001_01_01, told apart by their time (HELDOUT8 #5), and a Rails migration",
      filename: 'services/billing/database/migrations/0001_01_01_000001_create_cache_table.php',
      code: "<?php\nSchema::create('cache', function (Blueprint $table) {});\n",
      files: {
        'services/billing/database/migrations/0001_01_01_000000_create_users_table.php':
          "<?php\nSchema::create('users', fn ($t) => $t->id());\n",
        'services/billing/database/migrations/0001_01_01_000002_create_jobs_table.php':
          "<?php\nSchema::create('jobs', fn ($t) => $t->id());\n",
        'services/billing/db/migrate/20240110120000_create_users.rb': 'class CreateUsers < ActiveRecord::Migration[7.1]\nend\n',
      },
    },
    {
      name: "EverShop's modules each have a Version-1.0.0.js: a sequence per module folder (HELDOUT11 #36)",
      filename: 'services/billing/src/modules/oms/migration/Version-1.0.0.js',
      code: 'export default async (connection) => { await execute(connection, `CREATE TABLE invoices (id INT PRIMARY KEY)`); };\n',
      files: {
        'services/billing/src/modules/catalog/migration/Version-1.0.0.js':
          'export default async (connection) => { await execute(connection, `CREATE TABLE products (id INT PRIMARY KEY)`); };\n',
        'services/billing/src/modules/catalog/migration/Version-1.0.1.ts': 'export default async () => {};\n',
      },
    },
    {
      name: 'consecutive versions',
      filename: 'services/auth/migrations/V2__add_mfa.sql',
      code: 'ALTER TABLE auth_users ADD mfa_secret VARCHAR(64);',
      files: { 'services/auth/migrations/V1__init.sql': table('auth_users') },
    },
    {
      name: "an undo migration shares its versioned file's number",
      filename: 'services/auth/migrations/U1__init.sql',
      code: 'DROP TABLE auth_users;',
      files: { 'services/auth/migrations/V1__init.sql': table('auth_users') },
    },
    {
      name: 'up and down files of one migration',
      filename: 'services/auth/migrations/000001_create_users.down.sql',
      code: 'DROP TABLE auth_users;',
      files: { 'services/auth/migrations/000001_create_users.up.sql': table('auth_users') },
    },
    {
      name: 'a TypeScript migration and its compiled JavaScript',
      filename: 'services/billing/src/migrations/20251015100000_create_invoices.js',
      code: 'exports.up = async () => {};\n',
      files: { 'services/billing/src/migrations/20251015100000_create_invoices.ts': 'export async function up() {}\n' },
    },
    {
      name: 'version 1 and version 10',
      filename: 'services/payment/migrations/10_refunds.sql',
      code: table('payment_refunds'),
      files: { 'services/payment/migrations/1_payments.sql': table('payments') },
    },
    {
      name: 'a numbered seed outside the migrations folder',
      filename: 'services/auth/seeds/001_seed_roles.sql',
      code: "INSERT INTO auth_roles (id, name) VALUES ('1', 'admin');",
      files: { 'services/auth/migrations/001_initial_schema.sql': table('auth_users') },
    },
    {
      name: 'repeatable migrations have no version',
      filename: 'services/auth/migrations/R__views.sql',
      code: 'CREATE OR REPLACE VIEW auth_active AS SELECT id FROM auth_users;',
      files: { 'services/auth/migrations/R__functions.sql': 'SELECT 1;' },
    },
    {
      name: "Kysely / Laravel underscore dates with a sequence are distinct versions, not '2024' twice (HELDOUT7 #9)",
      filename: 'services/auth/src/migrations/2024_02_14_000_api_keys.ts',
      code: "export async function up(db) { await db.schema.createTable('auth_api_keys').execute(); }\n",
      files: {
        'services/auth/src/migrations/2024_02_01_000_users.ts':
          "export async function up(db) { await db.schema.createTable('auth_users').execute(); }\n",
        'services/auth/src/migrations/2024_02_14_001_sessions.ts':
          "export async function up(db) { await db.schema.createTable('auth_sessions').execute(); }\n",
      },
    },
    {
      name: "knex-migrator's dated names carry their time, and each release folder (versions/5.0/, versions/1.25/) is a sequence of its own beside init/ (HELDOUT9 G2)",
      filename: 'services/billing/migrations/versions/5.0/2022-05-03-15-30-final-v4.js',
      code: 'module.exports = { up: async () => {} };\n',
      files: {
        'services/billing/migrations/versions/5.0/2022-05-03-09-39-drop-nullable-subscribe-event-newsletter-id.js':
          'module.exports = { up: async () => {} };\n',
        'services/billing/migrations/versions/1.25/01-final-v1.js': 'module.exports = { up: async () => {} };\n',
        'services/billing/migrations/init/1-create-tables.js':
          "module.exports = { up: (knex) => knex.schema.createTable('invoices', () => {}) };\n",
      },
    },
    {
      name: "Directus's letters order one day's migrations (HELDOUT9 G3)",
      filename: 'services/billing/src/database/migrations/20201028B-add-x.js',
      code: 'export async function up() {}\n',
      files: { 'services/billing/src/database/migrations/20201028A-remove-collection-foreign-keys.js': 'export async function up() {}\n' },
    },
    {
      name: "one service's Prisma migration sets for MySQL and PostgreSQL and its ClickHouse migrations are separate sequences (HELDOUT9 U2)",
      filename: 'services/billing/db/clickhouse/migrations/01_edit_keys.sql',
      code: 'ALTER TABLE invoices ADD COLUMN note String;\n',
      files: {
        'services/billing/db/mysql/migrations/01_init/migration.sql': table('invoices'),
        'services/billing/db/mysql/migrations/02_report_schema/migration.sql': table('billing_reports'),
        'services/billing/db/postgresql/migrations/01_init/migration.sql': table('invoices'),
        'services/billing/db/postgresql/migrations/02_session_data/migration.sql': table('billing_sessions'),
      },
    },
    {
      name: "jackson's TypeORM sets for PlanetScale (MySQL), MariaDB and PostgreSQL share a timestamp: one sequence per engine folder (HELDOUT13 #9)",
      filename: 'services/billing/migration/planetscale/1692767993709-ms_namespace.ts',
      code: 'export class MsNamespace1692767993709 {}\n',
      files: {
        'services/billing/migration/mariadb/1692767993709-md_namespace.ts': 'export class MdNamespace1692767993709 {}\n',
        'services/billing/migration/postgres/1692767993709-pg_namespace.ts': 'export class PgNamespace1692767993709 {}\n',
        'services/billing/migration/yugabyte/1692767993709-yb_namespace.ts': 'export class YbNamespace1692767993709 {}\n',
      },
    },
    {
      name: "a runner choosing one of sibling sets (umzug `migrations/${group}/*.js`, one storage per database): each set is a sequence, and common/, which the sets' migrations import, has no version of its own (HELDOUT13 #5)",
      filename: 'packages/models/lib/migrations/server/20231012000000-nft-domain.js',
      code: addColumn('sites'),
      files: {
        'packages/models/package.json': '{ "name": "@abtnode/models", "dependencies": { "umzug": "^3.0.0", "sequelize": "^6.0.0" } }',
        'packages/models/lib/migrate.js': UMZUG_GROUPS,
        'packages/models/lib/migrations/blocklet/20231012000000-user-session.js': addColumn('user_sessions'),
        'packages/models/lib/migrations/blocklet/20250910000001-orgs.js': reexport('20250910000001-orgs'),
        'packages/models/lib/migrations/blocklet/20250910000002-user-orgs.js': reexport('20250910000001-user-orgs'),
        'packages/models/lib/migrations/server/20250910000001-orgs.js': reexport('20250910000001-orgs'),
        'packages/models/lib/migrations/common/20250910000001-orgs.js': addColumn('orgs'),
        'packages/models/lib/migrations/common/20250910000001-user-orgs.js': addColumn('user_orgs'),
      },
      config: MODELS,
    },
    {
      name: "a Redmine plugin's migrations (plugins/<name>/db/migrate/, extra/sample_plugin/db/migrate/) are the plugin's own sequence beside the app's 001_setup.rb (HELDOUT10 #14)",
      filename: 'services/redmine/extra/sample_plugin/db/migrate/001_create_meetings.rb',
      code: 'class CreateMeetings < ActiveRecord::Migration[4.2]\nend\n',
      files: {
        'services/redmine/db/migrate/001_setup.rb': 'class Setup < ActiveRecord::Migration[4.2]\nend\n',
        'services/redmine/db/migrate/002_issue_move.rb': 'class IssueMove < ActiveRecord::Migration[4.2]\nend\n',
        'services/redmine/plugins/redmine_agile/db/migrate/001_create_agile_data.rb':
          'class CreateAgileData < ActiveRecord::Migration[5.2]\nend\n',
        'services/redmine/plugins/redmine_agile/db/migrate/002_add_story_points.rb':
          'class AddStoryPoints < ActiveRecord::Migration[5.2]\nend\n',
        'services/redmine/vendor/plugins/redmine_checklists/db/migrate/001_create_checklists.rb':
          'class CreateChecklists < ActiveRecord::Migration[5.2]\nend\n',
      },
      config: REDMINE,
    },
    {
      name: "Django numbers each app's migrations: orders' and billing's third migrations share 0003, no duplicate (HELDOUT12 #3)",
      filename: 'services/shop/billing/migrations/0003_other.py',
      code: django('billing', '0002_item_name'),
      files: {
        'services/shop/requirements.txt': 'django\npsycopg2\n',
        'services/shop/orders/migrations/0002_item_name.py': django('orders', '0001_initial'),
        'services/shop/orders/migrations/0003_more.py': django('orders', '0002_item_name'),
        'services/shop/billing/migrations/0002_item_name.py': django('billing', '0001_initial'),
      },
      config: SHOP,
    },
    {
      name: "a merge migration joins two of an app's migrations that share 0003 (makemigrations --merge): one history, no duplicate",
      filename: 'services/shop/orders/migrations/0003_other.py',
      code: django('orders', '0002_item_name'),
      files: {
        'services/shop/requirements.txt': 'django\npsycopg2\n',
        'services/shop/orders/migrations/0002_item_name.py': django('orders', '0001_initial'),
        'services/shop/orders/migrations/0003_more.py': django('orders', '0002_item_name'),
        'services/shop/orders/migrations/0004_merge_20240301_1200.py': djangoLinks([
          ['orders', '0003_more'],
          ['orders', '0003_other'],
        ]),
      },
      config: SHOP,
    },
    {
      name: "one app's 0003s in a line (one depends on the other), its app labelled apart from its folder, and a squashed migration beside the one it replaces",
      filename: 'services/shop/ordering/migrations/0003_other.py',
      code: djangoLinks([['orders', '0003_more']]),
      files: {
        'services/shop/requirements.txt': 'django\npsycopg2\n',
        'services/shop/ordering/migrations/0002_item_name.py': djangoLinks([['orders', '0001_initial']]),
        'services/shop/ordering/migrations/0003_more.py': djangoLinks([['orders', '0002_item_name']]),
        'services/shop/billing/migrations/0001_initial.py': djangoLinks([]),
        'services/shop/billing/migrations/0001_squashed_0002_invoices.py': djangoLinks(
          [],
          [
            ['billing', '0001_initial'],
            ['billing', '0002_invoices'],
          ],
        ),
        'services/shop/billing/migrations/0002_invoices.py': djangoLinks([['billing', '0001_initial']]),
      },
      config: SHOP,
    },
    {
      name: 'drizzle-kit numbers each out folder from 0000: drizzle/manage/0000_… and drizzle/runtime/0000_… are two sequences (HELDOUT15 #8)',
      filename: 'services/billing/drizzle/runtime/0000_exotic_mysterio.sql',
      code: table('conversations'),
      files: { 'services/billing/drizzle/manage/0000_tearful_rhodey.sql': table('agents') },
    },
  ],
  invalid: [
    {
      name: "two migrations of one runner's folder, or of two folders one runner reads, still collide (HELDOUT16 #3)",
      filename: 'services/engine/src/flow_node.repository/migrations/01_flow_nodes_error.js',
      code: addColumn('flow_nodes'),
      files: {
        'services/engine/src/correlation.repository/migrator.ts': UMZUG_OWN_FOLDER,
        'services/engine/src/correlation.repository/migrations/01_correlations.js': addColumn('correlations'),
        'services/engine/src/flow_node.repository/migrator.ts': UMZUG_OWN_FOLDER,
        'services/engine/src/flow_node.repository/migrations/01_flow_nodes.js': addColumn('flow_nodes'),
        'services/engine/knexfile.js':
          "module.exports = { client: 'pg', migrations: { directory: ['./db/migrations', './legacy/migrations'] } };\n",
        'services/engine/db/migrations/02_settings.js': createTable('settings'),
        'services/engine/legacy/migrations/02_settings_index.js': addColumn('settings'),
      },
      config: ENGINE,
      errors: [
        {
          messageId: 'duplicate',
          file: 'services/engine/legacy/migrations/02_settings_index.js',
          data: { file: '02_settings_index.js', service: 'engine', version: '2', first: '02_settings.js' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 116,
        },
        {
          messageId: 'duplicate',
          data: { file: '01_flow_nodes_error.js', service: 'engine', version: '1', first: '01_flow_nodes.js' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 118,
        },
      ],
    },
    {
      name: 'two 0001_ files of one drizzle-kit out folder collide (HELDOUT15 #8)',
      filename: 'services/billing/drizzle/runtime/0001_second.sql',
      code: table('messages'),
      files: {
        'services/billing/drizzle/runtime/0001_first.sql': table('conversations'),
        'services/billing/drizzle/manage/0001_first.sql': table('agents'),
      },
      errors: [
        {
          messageId: 'duplicate',
          data: { file: '0001_second.sql', service: 'billing', version: '1', first: '0001_first.sql' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 49,
        },
      ],
    },
    {
      name: 'two 0003_ files of a pg-node-migrations service, two 3_ scripts of a numbered knex folder (HELDOUT11 #8, #9)',
      filename: 'services/billing/src/migrations/0003_prices.sql',
      code: table('prices'),
      files: {
        'services/billing/package.json': '{ "name": "billing", "dependencies": { "pg-node-migrations": "0.0.8" } }',
        'services/billing/src/migrations/0003_coupons.sql': table('coupons'),
        'services/payment/migrations/1_create_queues.cjs': "exports.up = (knex) => knex.schema.createTable('payment_queues', () => {});\n",
        'services/payment/migrations/3_add_backoff.cjs': "exports.up = (knex) => knex.schema.table('payment_queues', () => {});\n",
        'services/payment/migrations/3_enable_wal_mode.cjs': "exports.up = (knex) => knex.schema.raw('PRAGMA journal_mode = WAL');\n",
      },
      errors: [
        {
          messageId: 'duplicate',
          data: { file: '0003_prices.sql', service: 'billing', version: '3', first: '0003_coupons.sql' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 47,
        },
        {
          messageId: 'duplicate',
          file: 'services/payment/migrations/3_enable_wal_mode.cjs',
          data: { file: '3_enable_wal_mode.cjs', service: 'payment', version: '3', first: '3_add_backoff.cjs' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 69,
        },
      ],
    },
    {
      name: "two migrations of one Redmine plugin with one version still collide, and a plugin's never collides with the app's (HELDOUT10 #14)",
      filename: 'services/redmine/plugins/redmine_agile/db/migrate/002_add_story_points.rb',
      code: 'class AddStoryPoints < ActiveRecord::Migration[5.2]\nend\n',
      files: {
        'services/redmine/db/migrate/002_issue_move.rb': 'class IssueMove < ActiveRecord::Migration[4.2]\nend\n',
        'services/redmine/plugins/redmine_agile/db/migrate/002_add_sprints.rb': 'class AddSprints < ActiveRecord::Migration[5.2]\nend\n',
      },
      config: REDMINE,
      errors: [
        {
          messageId: 'duplicate',
          data: { file: '002_add_story_points.rb', service: 'redmine', version: '2', first: '002_add_sprints.rb' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 52,
        },
      ],
    },
    {
      name: "two migrations of one Django app with one number collide (makemigrations --merge is how Django resolves them), the other app's 0003 does not (HELDOUT12 #3)",
      filename: 'services/shop/orders/migrations/0003_other.py',
      code: django('orders', '0002_item_name'),
      files: {
        'services/shop/requirements.txt': 'django\npsycopg2\n',
        'services/shop/orders/migrations/0003_more.py': django('orders', '0002_item_name'),
        'services/shop/billing/migrations/0003_invoices.py': django('billing', '0002_item_name'),
      },
      config: SHOP,
      errors: [
        {
          messageId: 'duplicate',
          data: { file: '0003_other.py', service: 'shop', version: '3', first: '0003_more.py' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 41,
        },
      ],
    },
    {
      name: "a merge joins two of an app's 0003s, not a third one beside them, nor two 0003s of another app it names nothing of",
      filename: 'services/shop/orders/migrations/0003_third.py',
      code: django('orders', '0002_item_name'),
      files: {
        'services/shop/requirements.txt': 'django\npsycopg2\n',
        'services/shop/orders/migrations/0003_more.py': django('orders', '0002_item_name'),
        'services/shop/orders/migrations/0003_other.py': django('orders', '0002_item_name'),
        'services/shop/orders/migrations/0004_merge_20240301_1200.py': djangoLinks([
          ['orders', '0003_more'],
          ['orders', '0003_other'],
          ['billing', '0003_a'],
          ['billing', '0003_b'],
        ]),
        'services/shop/billing/migrations/0003_a.py': django('billing', '0002_item_name'),
        'services/shop/billing/migrations/0003_b.py': django('billing', '0002_item_name'),
      },
      config: SHOP,
      errors: [
        {
          messageId: 'duplicate',
          file: 'services/shop/billing/migrations/0003_b.py',
          data: { file: '0003_b.py', service: 'shop', version: '3', first: '0003_a.py' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 41,
        },
        {
          messageId: 'duplicate',
          data: { file: '0003_third.py', service: 'shop', version: '3', first: '0003_more.py' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 41,
        },
      ],
    },
    {
      name: 'two migrations of one set a runner chooses still collide; sibling folders without such a runner are one sequence; a folder beside the sets that they do not import is a set (HELDOUT13 #5)',
      filename: 'packages/models/lib/migrations/server/20240902000000-enable-docker.js',
      code: addColumn('servers'),
      files: {
        'packages/models/package.json': '{ "name": "@abtnode/models", "dependencies": { "umzug": "^3.0.0", "sequelize": "^6.0.0" } }',
        'packages/models/lib/migrate.js': UMZUG_GROUPS,
        'packages/models/lib/migrations/server/20240902000000-add-kyc.js': addColumn('users'),
        'packages/models/lib/migrations/blocklet/20240902000000-passport.js': addColumn('passports'),
        'packages/models/lib/migrations/common/20250101000000-a.js': addColumn('a'),
        'packages/models/lib/migrations/common/20250101000000-b.js': addColumn('b'),
        'packages/queue/package.json': '{ "name": "@abtnode/queue", "dependencies": { "umzug": "^3.0.0", "sequelize": "^6.0.0" } }',
        'packages/queue/lib/migrate.js':
          "const { Umzug } = require('umzug');\nmodule.exports = (sequelize) => new Umzug({ migrations: { glob: 'migrations/*/*.js' } });\n",
        'packages/queue/lib/migrations/jobs/20240101000000-init.js': addColumn('jobs'),
        'packages/queue/lib/migrations/tasks/20240101000000-tasks.js': addColumn('tasks'),
      },
      config: { services: [...MODELS.services, { name: 'queue', roots: ['packages/queue'] }] },
      errors: [
        {
          messageId: 'duplicate',
          file: 'packages/models/lib/migrations/common/20250101000000-b.js',
          data: { file: '20250101000000-b.js', service: 'models', version: '20250101000000', first: '20250101000000-a.js' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 109,
        },
        {
          messageId: 'duplicate',
          data: {
            file: '20240902000000-enable-docker.js',
            service: 'models',
            version: '20240902000000',
            first: '20240902000000-add-kyc.js',
          },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 115,
        },
        {
          messageId: 'duplicate',
          file: 'packages/queue/lib/migrations/tasks/20240101000000-tasks.js',
          data: { file: '20240101000000-tasks.js', service: 'queue', version: '20240101000000', first: '20240101000000-init.js' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 113,
        },
      ],
    },
    {
      name: 'a migration no engine folder names runs on every engine: its version collides with each set (n8n migrations/common/ beside sqlite/)',
      filename: 'services/billing/src/migrations/sqlite/1750252139166-AddScopeTables.js',
      code: 'export class AddScopeTables1750252139166 {}\n',
      files: {
        'services/billing/src/migrations/common/1750252139166-AddLastActiveAtColumnToUser.js':
          'export class AddLastActiveAtColumnToUser1750252139166 {}\n',
        'services/billing/src/migrations/postgresdb/1690000000020-SeparateExecutionData.js':
          'export class SeparateExecutionData1690000000020 {}\n',
        'services/billing/src/migrations/sqlite/1690000000020-FixMissingIndices.js': 'export class FixMissingIndices1690000000020 {}\n',
      },
      errors: [
        {
          messageId: 'duplicate',
          data: {
            file: '1750252139166-AddScopeTables.js',
            service: 'billing',
            version: '1750252139166',
            first: '1750252139166-AddLastActiveAtColumnToUser.js',
          },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 44,
        },
      ],
    },
    {
      name: 'two Prisma migrations of one engine with one number, and two knex-migrator files of one release with one date-time',
      filename: 'services/billing/db/mysql/migrations/02_sessions/migration.sql',
      code: table('billing_sessions'),
      files: {
        'services/billing/db/mysql/migrations/02_reports/migration.sql': table('billing_reports'),
        'services/billing/db/postgresql/migrations/02_sessions/migration.sql': table('billing_sessions'),
        'services/billing/migrations/versions/5.0/2022-05-03-09-39-a.js': 'module.exports = {};\n',
        'services/billing/migrations/versions/5.0/2022-05-03-09-39-b.js': 'module.exports = {};\n',
        'services/billing/migrations/versions/5.1/2022-05-03-09-39-c.js': 'module.exports = {};\n',
      },
      errors: [
        {
          messageId: 'duplicate',
          data: { file: 'migration.sql', service: 'billing', version: '2', first: 'migration.sql' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 57,
        },
        {
          messageId: 'duplicate',
          file: 'services/billing/migrations/versions/5.0/2022-05-03-09-39-b.js',
          data: { file: '2022-05-03-09-39-b.js', service: 'billing', version: '5.0/20220503093900', first: '2022-05-03-09-39-a.js' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 21,
        },
      ],
    },
    {
      name: 'two Rails migrations with one timestamp (Active Record refuses to run them: DuplicateMigrationVersionError)',
      filename: 'services/billing/db/migrate/20240110120000_create_users.rb',
      code: 'class CreateUsers < ActiveRecord::Migration[7.1]\nend\n',
      files: {
        'services/billing/db/migrate/20240110120000_add_email_to_users.rb': 'class AddEmailToUsers < ActiveRecord::Migration[7.1]\nend\n',
      },
      errors: [
        {
          messageId: 'duplicate',
          data: {
            file: '20240110120000_create_users.rb',
            service: 'billing',
            version: '20240110120000',
            first: '20240110120000_add_email_to_users.rb',
          },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 49,
        },
      ],
    },
    {
      name: 'two Kysely migrations with the same underscore date and sequence',
      filename: 'services/auth/src/migrations/2024_02_14_000_sessions.ts',
      code: "export async function up(db) { await db.schema.createTable('auth_sessions').execute(); }\n",
      files: {
        'services/auth/src/migrations/2024_02_14_000_api_keys.ts':
          "export async function up(db) { await db.schema.createTable('auth_api_keys').execute(); }\n",
      },
      errors: [
        {
          messageId: 'duplicate',
          data: { file: '2024_02_14_000_sessions.ts', service: 'auth', version: '20240214000', first: '2024_02_14_000_api_keys.ts' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 89,
          severity: 'error',
        },
      ],
    },
    {
      name: "two yoyo migrations numbered 0002 (a rollback shares its own migration's number)",
      filename: 'services/auth/migrations/0002.add-sessions.sql',
      code: table('auth_sessions'),
      files: {
        'services/auth/migrations/0001.create-users.sql': table('auth_users'),
        'services/auth/migrations/0001.create-users.rollback.sql': 'DROP TABLE auth_users;',
        'services/auth/migrations/0002.add-roles.sql': table('auth_roles'),
      },
      errors: [
        {
          messageId: 'duplicate',
          data: { file: '0002.add-sessions.sql', service: 'auth', version: '2', first: '0002.add-roles.sql' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 54,
          severity: 'error',
        },
      ],
    },
    {
      name: "the audit's two 001 files",
      filename: 'services/auth/migrations/001_initial_schema_mysql.sql',
      code: table('auth_users'),
      files: { 'services/auth/migrations/001_initial_schema.sql': table('auth_users') },
      errors: [
        {
          messageId: 'duplicate',
          data: { file: '001_initial_schema_mysql.sql', service: 'auth', version: '1', first: '001_initial_schema.sql' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 51,
          severity: 'error',
        },
      ],
    },
    {
      name: 'two Flyway files with one version',
      filename: 'services/billing/migrations/V2__y.sql',
      code: '-- adds accounts\nCREATE TABLE billing_accounts (id CHAR(36) PRIMARY KEY);\n',
      files: { 'services/billing/migrations/V2__x.sql': table('invoices') },
      errors: [{ messageId: 'duplicate', data: { version: '2', first: 'V2__x.sql' }, line: 1, column: 1, endLine: 1, endColumn: 17 }],
    },
    {
      name: 'V2 and V2.0 are one version, as in Flyway',
      filename: 'services/billing/migrations/V2__a.sql',
      code: table('invoices'),
      files: { 'services/billing/migrations/V2.0__b.sql': table('billing_accounts') },
      errors: [{ messageId: 'duplicate', data: { version: '2', first: 'V2.0__b.sql' }, line: 1, column: 1, endLine: 1, endColumn: 49 }],
    },
    {
      name: 'a numbered file and a Flyway file with the same number',
      filename: 'services/payment/migrations/V1__payments.sql',
      code: table('payments'),
      files: { 'services/payment/migrations/001_payments_legacy.sql': table('payments') },
      errors: [
        { messageId: 'duplicate', data: { version: '1', first: '001_payments_legacy.sql' }, line: 1, column: 1, endLine: 1, endColumn: 49 },
      ],
    },
    {
      name: 'the same timestamp written two ways',
      filename: 'services/payment/migrations/20251015_100000_add_refunds.sql',
      code: table('payment_refunds'),
      files: { 'services/payment/migrations/20251015100000-create-payments.sql': table('payments') },
      errors: [
        {
          messageId: 'duplicate',
          data: { version: '20251015100000', first: '20251015100000-create-payments.sql' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 56,
        },
      ],
    },
    {
      name: 'three files: each later one is reported against the first',
      filename: 'services/auth/migrations/002_b.sql',
      code: table('auth_roles'),
      files: {
        'services/auth/migrations/002_a.sql': table('auth_devices'),
        'services/auth/migrations/002_c.sql': table('auth_permissions'),
        'services/auth/migrations/003_d.sql': table('auth_tokens'),
      },
      errors: [
        { messageId: 'duplicate', data: { file: '002_b.sql', first: '002_a.sql' }, line: 1, column: 1, endLine: 1, endColumn: 51 },
        {
          messageId: 'duplicate',
          data: { file: '002_c.sql', first: '002_a.sql' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 57,
          file: 'services/auth/migrations/002_c.sql',
        },
      ],
    },
    {
      name: 'migrations in two folders of one service share the version space',
      filename: 'services/billing/src/db/migrations/0001_ledger.sql',
      code: table('billing_ledger'),
      files: { 'services/billing/migrations/001_invoices.sql': table('invoices') },
      errors: [{ messageId: 'duplicate', data: { first: '001_invoices.sql' }, line: 1, column: 1, endLine: 1, endColumn: 55 }],
    },
  ],
});

describe('migration-duplicate-version related location', () => {
  it('points at the first file with the version', async () => {
    const diagnostics = await runCase(rule, {
      filename: 'services/auth/migrations/001_initial_schema_mysql.sql',
      code: table('auth_users'),
      files: { 'services/auth/migrations/001_initial_schema.sql': '-- PostgreSQL Database Migration\n' + table('auth_users') },
    });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].related).toEqual([
      {
        file: 'services/auth/migrations/001_initial_schema.sql',
        range: { line: 1, column: 1, endLine: 1, endColumn: 33 },
        message: "'001_initial_schema.sql' uses version '1'",
      },
    ]);
  });
});
