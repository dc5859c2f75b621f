/**
 * A Python service's tables (HELDOUT6 #10): Alembic revisions and SQLAlchemy models make their tables the service's,
 * so a Node service reading them gets no-cross-service-query (not unknown-table), an Alembic foreign key to another
 * service's table is no-cross-service-foreign-key, and Alembic revisions are versioned migrations.
 */
import crossServiceQuery from '../../rules/no-cross-service-query.js';
import crossServiceForeignKey from '../../rules/no-cross-service-foreign-key.js';
import serviceWithoutMigrations from '../../rules/service-without-migrations.js';
import unknownTable from '../../rules/unknown-table.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester } from '../rule-tester.js';

const config: NilecareConfig = {
  dialect: 'postgresql',
  services: [
    { name: 'identity', roots: ['services/identity'] },
    { name: 'mailer', roots: ['services/mailer'] },
  ],
};
const REVISION_1 = [
  'from alembic import op',
  'import sqlalchemy as sa',
  '',
  'revision = "a1b2c3"',
  'down_revision = None',
  '',
  'def upgrade() -> None:',
  '    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True))',
  '    op.create_table("sessions", sa.Column("id", sa.Integer, primary_key=True))',
  '',
  'def downgrade() -> None:',
  '    op.drop_table("sessions")',
  '    op.drop_table("users")',
  '',
].join('\n');
const REVISION_2 = [
  'revision = "d4e5f6"',
  'down_revision = "a1b2c3"',
  '',
  'def upgrade() -> None:',
  '    op.rename_table("sessions", "user_sessions")',
  '',
  'def downgrade() -> None:',
  '    op.rename_table("user_sessions", "sessions")',
  '',
].join('\n');
const MODELS = 'class Profile(Base):\n    __tablename__ = "profiles"\n    user_id = mapped_column(ForeignKey("users.id"))\n';
const files = {
  'services/identity/pyproject.toml': '[project]\nname = "identity"\ndependencies = ["sqlalchemy>=2.0", "alembic>=1.13", "psycopg>=3.1"]\n',
  // Hash-named revisions: the down_revision chain orders them.
  'services/identity/alembic/versions/f00d_rename_sessions.py': REVISION_2,
  'services/identity/alembic/versions/beef_users.py': REVISION_1,
  'services/identity/identity/models.py': MODELS,
  'services/mailer/migrations/V1__outbox.sql': 'CREATE TABLE mail_outbox (id SERIAL PRIMARY KEY, user_id INT NOT NULL);',
};

ruleTester.run(crossServiceQuery, {
  valid: [
    {
      name: "a Node service's own table beside a Python service's",
      filename: 'services/mailer/src/index.js',
      code: "module.exports = () => pool.query('SELECT id FROM mail_outbox');",
      files,
      config,
    },
    {
      name: "a table only a downgrade() creates, or a dropped-then-renamed name, is nobody's to cross into",
      filename: 'services/mailer/src/index.js',
      code: "module.exports = () => pool.query('SELECT id FROM sessions');",
      files,
      config,
    },
  ],
  invalid: [
    {
      name: "a Node service joining tables a Python service's Alembic revisions and SQLAlchemy models declare (HELDOUT6 #10)",
      filename: 'services/mailer/src/index.js',
      code: [
        'const { Pool } = require("pg");',
        'const pool = new Pool();',
        "module.exports = () => pool.query('SELECT u.email FROM mail_outbox o JOIN users u ON u.id = o.user_id JOIN user_sessions s ON s.id = u.id JOIN profiles p ON p.user_id = u.id');",
      ].join('\n'),
      files,
      config,
      errors: [
        { messageId: 'foreignTable', line: 3, column: 75, endLine: 3, endColumn: 80, data: { table: 'users', owner: 'identity' } },
        {
          messageId: 'foreignTable',
          line: 3,
          column: 108,
          endLine: 3,
          endColumn: 121,
          data: { table: 'user_sessions', owner: 'identity' },
        },
        { messageId: 'foreignTable', line: 3, column: 144, endLine: 3, endColumn: 152, data: { table: 'profiles', owner: 'identity' } },
      ],
    },
  ],
});

/** buildbot's model (HELDOUT15 #3): its tables through its thin wrapper of sa.Table, one through sa.Table itself. */
const BUILDBOT_MODEL = [
  'import sqlalchemy as sa',
  'from buildbot.util import sautils',
  '',
  'class Model:',
  '    metadata = sa.MetaData()',
  "    builders = sautils.Table('builders', metadata, sa.Column('id', sa.Integer, primary_key=True))",
  "    masters = sa.Table('masters', metadata, sa.Column('id', sa.Integer, primary_key=True))",
  "    layout = widgets.Table('panels', columns)",
  '',
].join('\n');
const buildbotFiles = { ...files, 'services/identity/identity/db/model.py': BUILDBOT_MODEL };

ruleTester.run(crossServiceQuery, {
  valid: [
    {
      name: "another module's Table(…) without a MetaData and a Column declares nothing: the Node service's read crosses into no one",
      filename: 'services/mailer/src/index.js',
      code: "module.exports = () => pool.query('SELECT id FROM mail_outbox JOIN panels ON true');",
      files: buildbotFiles,
      config,
    },
  ],
  invalid: [
    {
      name: "a project's wrapper of sa.Table (buildbot's sautils.Table('builders', metadata, sa.Column(…))) declares its table as sa.Table does (HELDOUT15 #3)",
      filename: 'services/mailer/src/index.js',
      code: "module.exports = () => pool.query('SELECT b.id FROM builders b JOIN masters m ON m.id = b.id');",
      files: buildbotFiles,
      config,
      errors: [
        { messageId: 'foreignTable', line: 1, column: 53, endLine: 1, endColumn: 61, data: { table: 'builders', owner: 'identity' } },
        { messageId: 'foreignTable', line: 1, column: 69, endLine: 1, endColumn: 76, data: { table: 'masters', owner: 'identity' } },
      ],
    },
  ],
});

const HEROES = [
  'from sqlmodel import Field, SQLModel',
  '',
  'class Hero(SQLModel, table=True):',
  '    id: int | None = Field(default=None, primary_key=True)',
  '',
  'class Team(SQLModel, table=True):',
  '    __tablename__ = "teams"',
  '    id: int | None = Field(default=None, primary_key=True)',
  '',
].join('\n');

ruleTester.run(crossServiceQuery, {
  valid: [
    {
      name: 'a SQLModel class with table=False declares no table',
      filename: 'services/mailer/src/index.js',
      code: "module.exports = () => pool.query('SELECT id FROM draft');",
      files: { 'services/identity/app/models.py': 'class Draft(SQLModel, table=False):\n    id: int\n' },
      config,
    },
  ],
  invalid: [
    {
      name: "a Node service reading a SQLModel service's tables: __tablename__ and the class name lower-cased (HELDOUT8 #23)",
      filename: 'services/mailer/src/index.js',
      code: "module.exports = () => pool.query('SELECT t.name FROM teams t JOIN hero h ON h.id = t.id');",
      files: { 'services/identity/app/models.py': HEROES },
      config,
      errors: [
        { messageId: 'foreignTable', line: 1, column: 55, endLine: 1, endColumn: 60, data: { table: 'teams', owner: 'identity' } },
        { messageId: 'foreignTable', line: 1, column: 68, endLine: 1, endColumn: 72, data: { table: 'hero', owner: 'identity' } },
      ],
    },
  ],
});

ruleTester.run(unknownTable, {
  valid: [
    {
      name: "a Python service's tables are known",
      filename: 'services/mailer/src/index.js',
      code: "pool.query('SELECT 1 FROM users u JOIN profiles p ON p.user_id = u.id JOIN user_sessions s ON s.id = u.id');",
      files,
      config,
    },
  ],
  invalid: [
    {
      name: 'the name a later revision renamed away is unknown',
      filename: 'services/mailer/src/index.js',
      code: "pool.query('SELECT 1 FROM sessions');",
      files,
      config,
      errors: [{ messageId: 'unknownTable', line: 1, column: 27, endLine: 1, endColumn: 35 }],
    },
  ],
});

ruleTester.run(crossServiceForeignKey, {
  valid: [
    {
      name: "a SQLAlchemy model's foreign key to its own service's table",
      filename: 'services/identity/identity/models.py',
      code: MODELS,
      files,
      config,
    },
  ],
  invalid: [
    {
      name: "an Alembic create_foreign_key to another service's table, and a ForeignKey column inside create_table",
      filename: 'services/identity/alembic/versions/0ff1ce_outbox_fk.py',
      code: [
        'revision = "0ff1ce"',
        'down_revision = "d4e5f6"',
        'def upgrade():',
        '    op.create_foreign_key("fk_users_outbox", "users", "mail_outbox", ["outbox_id"], ["id"])',
        '    op.create_table("audit", sa.Column("outbox_id", sa.ForeignKey("mail_outbox.id")))',
      ].join('\n'),
      files,
      config,
      errors: [
        {
          messageId: 'foreignKey',
          line: 4,
          column: 56,
          endLine: 4,
          endColumn: 67,
          data: { table: 'users', referenced: 'mail_outbox', owner: 'mailer' },
        },
        {
          messageId: 'foreignKey',
          line: 5,
          column: 68,
          endLine: 5,
          endColumn: 79,
          data: { table: 'audit', referenced: 'mail_outbox', owner: 'mailer' },
        },
      ],
    },
  ],
});

ruleTester.run(serviceWithoutMigrations, {
  valid: [
    {
      name: 'Alembic revisions are versioned migrations, whatever their file names',
      filename: 'services/identity/identity/models.py',
      code: MODELS,
      files,
      config,
    },
    {
      name: "Django's migrations are versioned migrations (HELDOUT8 #3)",
      filename: 'services/identity/people/migrations/0001_initial.py',
      code: 'class Migration(migrations.Migration):\n    operations = [migrations.CreateModel(name="Person", fields=[])]\n',
      files: { 'services/identity/requirements.txt': 'Django==5.0\n' },
      config,
    },
  ],
  invalid: [
    {
      name: 'SQLAlchemy models without Alembic revisions: tables with no migrations',
      filename: 'services/identity/identity/models.py',
      code: MODELS,
      files: { 'services/identity/pyproject.toml': files['services/identity/pyproject.toml'] },
      config,
      errors: [{ messageId: 'noMigrations', line: 2, column: 22, endLine: 2, endColumn: 30 }],
    },
  ],
});

// An Alembic revision's op.execute SQL, op.add_column and ForeignKeyConstraint (issue 14): read as the revision's.
const SQL_REVISION = [
  'revision = "5ca1ab"',
  'down_revision = "d4e5f6"',
  '',
  'def upgrade() -> None:',
  '    op.execute("CREATE TABLE audit_events (id BIGSERIAL PRIMARY KEY, user_id INT NOT NULL)")',
  '    op.execute(',
  '        sa.text(',
  '            """',
  '            INSERT INTO audit_events (user_id)',
  '            SELECT id FROM users',
  '            """',
  '        )',
  '    )',
  '',
  'def downgrade() -> None:',
  '    op.execute("DROP TABLE audit_events")',
  '',
].join('\n');

ruleTester.run(crossServiceQuery, {
  valid: [
    {
      name: "an Alembic revision's op.execute on its own service's tables",
      filename: 'services/identity/alembic/versions/5ca1ab_audit.py',
      code: SQL_REVISION,
      files,
      config,
    },
  ],
  invalid: [
    {
      name: "a table an Alembic revision creates in op.execute is its service's; another service reading it crosses into it",
      filename: 'services/mailer/src/index.js',
      code: "module.exports = () => pool.query('SELECT id FROM audit_events');",
      files: { ...files, 'services/identity/alembic/versions/5ca1ab_audit.py': SQL_REVISION },
      config,
      errors: [
        { messageId: 'foreignTable', line: 1, column: 51, endLine: 1, endColumn: 63, data: { table: 'audit_events', owner: 'identity' } },
      ],
    },
    {
      name: "an Alembic revision writing another service's table in op.execute, and adding a column to it, at the name in the string",
      filename: 'services/identity/alembic/versions/5ca1ab_outbox.py',
      code: [
        'revision = "5ca1ab"',
        'down_revision = "d4e5f6"',
        '',
        'def upgrade() -> None:',
        '    op.add_column("mail_outbox", sa.Column("note", sa.Text()))',
        '    op.execute("""',
        '        UPDATE mail_outbox',
        "           SET note = 'moved'",
        '    """)',
      ].join('\n'),
      files,
      config,
      errors: [
        { messageId: 'foreignTable', line: 5, column: 20, endLine: 5, endColumn: 31, data: { table: 'mail_outbox', owner: 'mailer' } },
        { messageId: 'foreignTable', line: 7, column: 16, endLine: 7, endColumn: 27, data: { table: 'mail_outbox', owner: 'mailer' } },
      ],
    },
  ],
});

ruleTester.run(crossServiceForeignKey, {
  valid: [
    {
      name: "autogenerate's ForeignKeyConstraint to the service's own table",
      filename: 'services/identity/alembic/versions/0ff1ce_tokens.py',
      code: 'def upgrade():\n    op.create_table("tokens", sa.Column("user_id", sa.Integer()), sa.ForeignKeyConstraint(["user_id"], ["users.id"]))\n',
      files,
      config,
    },
  ],
  invalid: [
    {
      name: "autogenerate's ForeignKeyConstraint and a batch block's create_foreign_key to another service's table",
      filename: 'services/identity/alembic/versions/0ff1ce_outbox_fk.py',
      code: [
        'def upgrade():',
        '    op.create_table(',
        '        "deliveries",',
        '        sa.Column("outbox_id", sa.Integer(), nullable=False),',
        '        sa.ForeignKeyConstraint(["outbox_id"], ["mail_outbox.id"]),',
        '    )',
        '    with op.batch_alter_table("users", schema=None) as batch_op:',
        '        batch_op.create_foreign_key("fk_users_outbox", "mail_outbox", ["outbox_id"], ["id"])',
      ].join('\n'),
      files,
      config,
      errors: [
        {
          messageId: 'foreignKey',
          line: 5,
          column: 50,
          endLine: 5,
          endColumn: 61,
          data: { table: 'deliveries', referenced: 'mail_outbox', owner: 'mailer' },
        },
        {
          messageId: 'foreignKey',
          line: 8,
          column: 57,
          endLine: 8,
          endColumn: 68,
          data: { table: 'users', referenced: 'mail_outbox', owner: 'mailer' },
        },
      ],
    },
  ],
});

/**
 * HELDOUT10 #15, #18, #19: revisions in the script directory an alembic.ini names (OpenStack's `alembic_migrations/`),
 * the models of a `model/` package that `create_all` builds before Alembic stamps head (Mailman's), and test modules'
 * models, which are no table of the service.
 */
const baseConfig: NilecareConfig = {
  dialect: 'postgresql',
  services: [
    { name: 'vault', roots: ['services/vault'] },
    { name: 'core', roots: ['services/core'] },
  ],
};
const VAULT_REVISION = "revision = '39cf'\ndown_revision = None\n\ndef upgrade():\n    op.create_table(\n        'secrets',\n    )\n";
const vaultFiles = {
  'services/vault/requirements.txt': 'SQLAlchemy>=1.4\nalembic>=1.4\n',
  'services/vault/vault/model/migration/alembic.ini': '[alembic]\nscript_location = %(here)s/alembic_migrations\n',
  'services/vault/vault/model/migration/alembic_migrations/versions/__init__.py': '',
};
const CORE_MODELS = [
  'from mailman.database.model import Model',
  '',
  'class Member(Model):',
  '    """A member of a list."""',
  "    __tablename__ = 'member'",
  '    id = Column(Integer, primary_key=True)',
  '',
].join('\n');
const CORE_REVISION = [
  "revision = '3e09'",
  'down_revision = None',
  '',
  'def upgrade():',
  "    op.create_index(op.f('ix_member_address_id'), 'member', ['address_id'], unique=False)",
  "    op.add_column('member', sa.Column('bounce_score', sa.Integer(), nullable=True))",
  '',
].join('\n');
const coreFiles = {
  'services/core/requirements.txt': 'SQLAlchemy>=1.4\nalembic>=1.4\npsycopg2\n',
  'services/core/mailman/database/factory.py': 'Model.metadata.create_all(engine)\nalembic.command.stamp(cfg, "head")\n',
};

ruleTester.run(serviceWithoutMigrations, {
  valid: [
    {
      name: 'the revisions of the script directory alembic.ini names (%(here)s/alembic_migrations) are versioned migrations (HELDOUT10 #15)',
      filename: 'services/vault/vault/model/migration/alembic_migrations/versions/39cf_rebase.py',
      code: VAULT_REVISION,
      files: vaultFiles,
      config: baseConfig,
    },
    {
      name: 'an alembic.ini kept inside its script directory (script_location = %(here)s)',
      filename: 'services/vault/vault/db/alembic_migrations/versions/liberty_initial.py',
      code: VAULT_REVISION,
      files: { 'services/vault/vault/db/alembic_migrations/alembic.ini': '[alembic]\nscript_location = %(here)s\n' },
      config: baseConfig,
    },
  ],
  invalid: [
    {
      name: 'a versions/ folder outside the script directory the ini names holds no revisions',
      filename: 'services/vault/vault/model/migration/alembic_migrations/versions/39cf_rebase.py',
      code: VAULT_REVISION,
      files: { ...vaultFiles, 'services/vault/vault/model/migration/alembic.ini': '[alembic]\nscript_location = %(here)s/scripts\n' },
      config: baseConfig,
      errors: [{ messageId: 'noMigrations', line: 6, column: 10, endLine: 6, endColumn: 17, data: { service: 'vault' } }],
    },
  ],
});

ruleTester.run(unknownTable, {
  valid: [
    {
      name: 'a revision altering a table of the models in the model/ package create_all builds before Alembic stamps head (HELDOUT10 #18)',
      filename: 'services/core/mailman/database/alembic/versions/3e09_member_indexes.py',
      code: CORE_REVISION,
      files: { ...coreFiles, 'services/core/mailman/model/member.py': CORE_MODELS },
      config: baseConfig,
    },
    {
      name: "the first revision dropping a table from before the history (Mailman's Storm-era 'version'): a drop says it existed, as a plain SQL DROP TABLE does",
      filename: 'services/core/mailman/database/alembic/versions/51b7_initial.py',
      code: "revision = '51b7'\ndown_revision = None\n\ndef upgrade():\n    op.drop_table('version')\n",
      files: coreFiles,
      config: baseConfig,
    },
  ],
  invalid: [
    {
      name: "a table only a test module's model declares is no table of the service (HELDOUT10 #19)",
      filename: 'services/core/mailman/database/alembic/versions/3e09_member_indexes.py',
      code: CORE_REVISION,
      files: { ...coreFiles, 'services/core/mailman/database/tests/test_factory.py': CORE_MODELS },
      config: baseConfig,
      errors: [
        { messageId: 'unknownTable', line: 5, column: 52, endLine: 5, endColumn: 58, data: { table: 'member', service: 'core' } },
        { messageId: 'unknownTable', line: 6, column: 20, endLine: 6, endColumn: 26, data: { table: 'member', service: 'core' } },
      ],
    },
    {
      name: 'a table the revision alters after dropping it is unknown: the drop says only that it existed until then',
      filename: 'services/core/mailman/database/alembic/versions/51b7_initial.py',
      code: "revision = '51b7'\ndown_revision = None\n\ndef upgrade():\n    op.drop_table('version')\n    op.add_column('version', sa.Column('note', sa.Text()))\n",
      files: coreFiles,
      config: baseConfig,
      errors: [{ messageId: 'unknownTable', line: 6, column: 20, endLine: 6, endColumn: 27, data: { table: 'version', service: 'core' } }],
    },
  ],
});

/**
 * HELDOUT10 #15 (Glance): the first revision runs the script directory's helper modules, which create the tables; a
 * later revision drops some in a loop over a list of names. The dropped tables are nobody's; the others stay the service's.
 */
const imagesConfig: NilecareConfig = {
  dialect: 'postgresql',
  services: [
    { name: 'images', roots: ['services/images'] },
    { name: 'mailer', roots: ['services/mailer'] },
  ],
};
const imagesFiles = {
  'services/images/images/db/sqlalchemy/alembic_migrations/alembic.ini': '[alembic]\nscript_location = %(here)s\n',
  'services/images/images/db/sqlalchemy/alembic_migrations/add_images_tables.py':
    'def upgrade():\n    op.create_table("images", sa.Column("id", sa.String(36)))\n',
  'services/images/images/db/sqlalchemy/alembic_migrations/add_artifacts_tables.py':
    'def upgrade():\n    op.create_table("artifacts", sa.Column("id", sa.String(36)))\n    op.create_table("artifact_tags", sa.Column("id", sa.String(36)))\n',
  'services/images/images/db/sqlalchemy/alembic_migrations/versions/liberty_initial.py': [
    'from images.db.sqlalchemy.alembic_migrations import add_artifacts_tables',
    'from images.db.sqlalchemy.alembic_migrations import add_images_tables',
    '',
    "revision = 'liberty'",
    'down_revision = None',
    '',
    'def upgrade():',
    '    add_images_tables.upgrade()',
    '    add_artifacts_tables.upgrade()',
    '',
  ].join('\n'),
  'services/images/images/db/sqlalchemy/alembic_migrations/versions/pike_contract01_drop_artifacts_tables.py': [
    "revision = 'pike_contract01'",
    "down_revision = 'liberty'",
    '',
    'def upgrade():',
    '    table_names = []',
    "    table_names.append('artifact_tags')",
    "    table_names.append('artifacts')",
    '    for table_name in table_names:',
    '        op.drop_table(table_name=table_name)',
    '',
  ].join('\n'),
};

ruleTester.run(unknownTable, {
  valid: [
    {
      name: 'a table a helper module of the script directory creates, never dropped, stays its service’s',
      filename: 'services/mailer/src/index.js',
      code: "pool.query('SELECT id FROM images');",
      files: imagesFiles,
      config: imagesConfig,
    },
  ],
  invalid: [
    {
      name: 'tables a later revision drops in a loop over a list of names are nobody’s (HELDOUT10 #15)',
      filename: 'services/mailer/src/index.js',
      code: "pool.query('SELECT a.id FROM artifacts a JOIN artifact_tags t ON t.id = a.id');",
      files: imagesFiles,
      config: imagesConfig,
      errors: [
        { messageId: 'unknownTable', line: 1, column: 30, endLine: 1, endColumn: 39, data: { table: 'artifacts' } },
        { messageId: 'unknownTable', line: 1, column: 47, endLine: 1, endColumn: 60, data: { table: 'artifact_tags' } },
      ],
    },
  ],
});

// Neutron's rename of ml2_network_segments through module constants (HELDOUT12 #4), then a revision using the new name.
const segmentsConfig: NilecareConfig = { dialect: 'postgresql', services: [{ name: 'neutron', roots: ['services/neutron'] }] };
const segmentsFiles = (renameRevision: string) => ({
  'services/neutron/requirements.txt': 'alembic\nsqlalchemy\npsycopg2\n',
  'services/neutron/neutron/db/migration/alembic_migrations/env.py': 'from alembic import context\n',
  'services/neutron/neutron/db/migration/alembic_migrations/versions/kilo_initial.py':
    "revision = 'kilo'\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table('ml2_network_segments', sa.Column('id', sa.String(36)))\n",
  'services/neutron/neutron/db/migration/alembic_migrations/versions/newton/contract/89ab9a816d70_rename_ml2_network_segments.py':
    renameRevision,
});
const renameRevision = (extra = '') =>
  [
    "revision = '89ab9a816d70'",
    "down_revision = 'kilo'",
    '',
    "OLD_REFERRED_TABLE_NAME = 'ml2_network_segments'",
    "NEW_REFERRED_TABLE_NAME = 'networksegments'",
    extra,
    '',
    'def upgrade():',
    '    op.rename_table(OLD_REFERRED_TABLE_NAME, NEW_REFERRED_TABLE_NAME)',
    '',
  ].join('\n');
const usesNewName = [
  "revision = '8fd3918ef6f4'",
  "down_revision = '89ab9a816d70'",
  '',
  '',
  'def upgrade():',
  "    op.create_index('ix_networksegments_host', 'networksegments', ['host'])",
  '',
].join('\n');

ruleTester.run(unknownTable, {
  valid: [
    {
      name: "a rename through the revision's module constants renames: the new name is the service's (HELDOUT12 #4)",
      filename:
        'services/neutron/neutron/db/migration/alembic_migrations/versions/newton/contract/8fd3918ef6f4_add_segment_host_mapping.py',
      code: usesNewName,
      files: segmentsFiles(renameRevision()),
      config: segmentsConfig,
    },
  ],
  invalid: [
    {
      name: 'a name bound twice in the module is a variable, no constant: the rename is not read, and the new name stays unknown',
      filename:
        'services/neutron/neutron/db/migration/alembic_migrations/versions/newton/contract/8fd3918ef6f4_add_segment_host_mapping.py',
      code: usesNewName,
      files: segmentsFiles(renameRevision("NEW_REFERRED_TABLE_NAME = 'segments'")),
      config: segmentsConfig,
      errors: [{ messageId: 'unknownTable', line: 6, column: 49, endLine: 6, endColumn: 64, data: { table: 'networksegments' } }],
    },
  ],
});

// Nova's initial revision creates a shadow copy of each of its tables in a loop (HELDOUT12 #5); a later revision names them.
const novaConfig: NilecareConfig = { dialect: 'postgresql', services: [{ name: 'nova', roots: ['services/nova'] }] };
const novaVersions = 'services/nova/nova/db/main/migrations/versions';
const novaFiles = {
  'services/nova/requirements.txt': 'alembic\nsqlalchemy\npsycopg2\n',
  'services/nova/nova/db/main/alembic.ini': '[alembic]\nscript_location = %(here)s/migrations\n',
  [`${novaVersions}/8f2f1571d55b_initial_version.py`]: [
    "revision = '8f2f1571d55b'",
    'down_revision = None',
    '',
    '',
    'def _create_shadow_tables(connection):',
    '    meta = sa.MetaData()',
    '    meta.reflect(bind=connection)',
    '    table_names = list(meta.tables.keys())',
    '',
    '    for table_name in table_names:',
    '        table = sa.Table(table_name, meta, autoload_with=connection)',
    '        columns = [column._copy() for column in table.columns]',
    '        op.create_table(',
    "            'shadow_' + table_name, meta, *columns, mysql_engine='InnoDB',",
    '        )',
    '',
    '',
    'def upgrade():',
    '    bind = op.get_bind()',
    "    op.create_table('instance_extra', sa.Column('id', sa.Integer, primary_key=True))",
    "    op.create_table('volume_usage_cache', sa.Column('id', sa.Integer, primary_key=True))",
    '    _create_shadow_tables(bind)',
    '',
  ].join('\n'),
};
const shadowRevision = (table: string) =>
  [
    "revision = '16f1fbcab42b'",
    "down_revision = '8f2f1571d55b'",
    '',
    '',
    'def upgrade():',
    `    with op.batch_alter_table('shadow_volume_usage_cache') as batch_op:`,
    "        batch_op.alter_column('user_id', type_=sa.String(64))",
    `    op.drop_index('shadow_instance_extra_idx', '${table}')`,
    '',
  ].join('\n');

ruleTester.run(unknownTable, {
  valid: [
    {
      name: "the shadow copies the service's own revision creates in a loop over its tables are its tables (HELDOUT12 #5)",
      filename: `${novaVersions}/16f1fbcab42b_resolve_shadow_table_diffs.py`,
      code: shadowRevision('shadow_instance_extra'),
      files: novaFiles,
      config: novaConfig,
    },
  ],
  invalid: [
    {
      name: 'a shadow_ name of no table of the service stays unknown: the copies are of its tables only',
      filename: `${novaVersions}/16f1fbcab42b_resolve_shadow_table_diffs.py`,
      code: shadowRevision('shadow_instance_faults'),
      files: novaFiles,
      config: novaConfig,
      errors: [{ messageId: 'unknownTable', line: 8, column: 49, endLine: 8, endColumn: 71, data: { table: 'shadow_instance_faults' } }],
    },
  ],
});
