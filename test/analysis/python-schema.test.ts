/**
 * A Python service's schema code read by tokens (HELDOUT6 #10): Alembic `op.*` calls and SQLAlchemy declarations
 * become table references located at the name's text, as a knex migration's are; everything else is left alone.
 */
import { describe, expect, it } from 'vitest';
import type { OrmTableRef } from '../../src/analysis/facts.js';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { decodeFacts, encodeFacts } from '../../src/analysis/facts-codec.js';
import { isPythonTestModule, mayDeclarePythonTables, parsePythonSchema, readPythonSchema } from '../../src/analysis/python-schema.js';
import { describeRef } from '../support/table-refs.js';

/** Each reference as `library action table@written[=>new@written][<-declaring]`, its spans checked against the text. */
function read(text: string): string[] {
  return parsePythonSchema(text).map((ref: OrmTableRef) => describeRef(text, ref, true));
}

const REVISION = [
  '"""create users',
  '',
  'op.create_table("docstring_example")  # in a docstring: no call',
  '"""',
  'from alembic import op',
  'import sqlalchemy as sa',
  '',
  'revision = "0002"',
  'down_revision = "0001"',
  '',
  '',
  'def upgrade() -> None:',
  '    op.create_table(',
  "        'users',",
  '        sa.Column("id", sa.Integer, primary_key=True),',
  '        sa.Column("org_id", sa.Integer, sa.ForeignKey("crm.orgs.id")),',
  '        schema="identity",',
  '    )',
  '    # op.drop_table("commented_out")',
  '    op.rename_table("sessions", "user_sessions")',
  '    op.create_foreign_key("fk_tokens_user", "tokens", "users", ["user_id"], ["id"], referent_schema="identity")',
  '    op.create_foreign_key(None, "tokens", "accounts", ["account_id"], ["id"])',
  '    op.drop_table("legacy_users")',
  '    op.create_table(f"{prefix}_events", sa.Column("id", sa.Integer))',
  '    op.create_table(TABLE, sa.Column("id", sa.Integer))',
  '',
  '',
  'def downgrade() -> None:',
  '    op.drop_table("users")',
  '    op.rename_table("user_sessions", "sessions")',
  '',
].join('\n');

const MODELS = [
  'from sqlalchemy import Column, ForeignKey, Integer, MetaData, Table',
  'from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column',
  '',
  'metadata_obj = MetaData()',
  '',
  'class Base(DeclarativeBase):',
  '    pass',
  '',
  'class User(Base):',
  '    __tablename__ = "users"',
  '    id: Mapped[int] = mapped_column(primary_key=True)',
  '    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"))',
  '',
  '    class Meta:',
  '        ordering = ["id"]',
  '',
  'class Plain:',
  '    owner_id = ForeignKey("people.id")  # no table of its own: no reference',
  '',
  'audit_log = Table(',
  '    "audit_log",',
  '    metadata_obj,',
  '    Column("user_id", Integer, ForeignKey("users.id")),',
  '    schema="ops",',
  ')',
  'tags = db.Table("tags", db.Column("id", db.Integer))',
  'frame = pandas.Table("not_sql", data)',
  'widget = Table("layout_cell")',
].join('\n');

describe('parsePythonSchema', () => {
  it("reads an Alembic revision's op calls, never its downgrade, docstrings, comments, f-strings or variables", () => {
    expect(read(REVISION)).toEqual([
      'alembic create identity.users@users',
      'alembic references crm.orgs@crm.orgs <-identity.users',
      'alembic alter sessions@sessions =>user_sessions@user_sessions',
      'alembic references identity.users@users <-tokens',
      'alembic references accounts@accounts <-tokens',
      'alembic drop legacy_users@legacy_users',
    ]);
  });

  it("reads SQLAlchemy's __tablename__ and Table(name, metadata), with their ForeignKey columns", () => {
    expect(read(MODELS)).toEqual([
      'sqlalchemy create users@users',
      'sqlalchemy references orgs@orgs <-users',
      'sqlalchemy create ops.audit_log@audit_log',
      'sqlalchemy references users@users <-ops.audit_log',
      'sqlalchemy create tags@tags',
    ]);
  });

  it("reads a project's wrapper of sa.Table called as sa.Table is: a MetaData second, a Column after it (buildbot's sautils.Table, HELDOUT15 #3)", () => {
    const text = [
      'import sqlalchemy as sa',
      'from buildbot.util import sautils',
      '',
      'class Model:',
      '    metadata = sa.MetaData()',
      '    builders = sautils.Table(',
      "        'builders', metadata,",
      "        sa.Column('id', sa.Integer, primary_key=True),",
      '    )',
      "    builder_masters = sautils.Table('builder_masters', metadata, sa.Column('builderid', sa.Integer, sa.ForeignKey('builders.id')))",
      "    masters = sa.Table('masters', metadata, sa.Column('id', sa.Integer, primary_key=True))",
      "    tags = util.Table('tags', Column('id', Integer))",
      "    frame = pandas.Table('not_sql', metadata)",
      "    view = layout.Table('cells', meta, columns)",
      "    reflected = sautils.Table('alembic_version', metadata, sa.Column('x', sa.Integer), autoload_with=engine)",
    ].join('\n');
    expect(read(text)).toEqual([
      'sqlalchemy create builders@builders',
      'sqlalchemy create builder_masters@builder_masters',
      'sqlalchemy references builders@builders <-builder_masters',
      'sqlalchemy create masters@masters',
    ]);
  });

  it("reads SQLModel's table classes: __tablename__, else the class name lower-cased, with Field(foreign_key=…) (HELDOUT8 #23)", () => {
    const text = [
      'from sqlmodel import Field, SQLModel',
      '',
      'class HeroBase(SQLModel):',
      '    name: str = Field(index=True)',
      '',
      'class Hero(HeroBase, table=True):',
      '    id: int | None = Field(default=None, primary_key=True)',
      '    team_id: int | None = Field(default=None, foreign_key="teams.id")',
      '',
      'class Team(SQLModel, table=True):',
      '    __tablename__ = "teams"',
      '    id: int | None = Field(default=None, primary_key=True)',
      '    owner_id: int = Field(foreign_key="crm.people.id")',
      '',
      'class HeroPublic(HeroBase):',
      '    team_id: int | None = Field(default=None, foreign_key="teams.id")  # a schema, not a table: no reference',
      '',
      'class Draft(SQLModel, table=False):',
      '    id: int',
    ].join('\n');
    expect(read(text)).toEqual([
      'sqlmodel create hero@Hero',
      'sqlalchemy references teams@teams <-hero',
      'sqlalchemy create teams@teams',
      'sqlalchemy references crm.people@crm.people <-teams',
    ]);
    expect(mayDeclarePythonTables('app/models.py', 'class Hero(SQLModel, table = True):\n    id: int\n')).toBe(true);
    expect(mayDeclarePythonTables('app/models.py', 'class Hero(SQLModel, table=False):\n    id: int\n')).toBe(false);
  });

  it('gives exact spans (without quotes), and nothing for files that name none of the calls', () => {
    const text = 'class A(Base):\n    __tablename__ = "a_table"\n';
    expect(parsePythonSchema(text)).toEqual([
      { name: 'a_table', action: 'create', library: 'sqlalchemy', fileSpan: { start: 36, end: 43 } },
    ]);
    expect(mayDeclarePythonTables('app/models.py', text)).toBe(true);
    expect(mayDeclarePythonTables('app/models.py', 'def table(): return 1\n')).toBe(false);
    expect(mayDeclarePythonTables('app/models.js', text)).toBe(false);
    // Unterminated strings and brackets end the file, never the scan.
    expect(read('op.create_table("a", sa.Column(\n')).toEqual(['alembic create a@a']);
    expect(read('op.create_table("a\n__tablename__ = "b"\n')).toEqual([]);
  });

  it('reads no reflected Table (autoload=True, autoload_with=engine): it maps a table the database already has', () => {
    const text = [
      'meta = MetaData(engine)',
      "alembic_version = Table('alembic_version', meta, autoload=True)",
      'users = sa.Table("users", metadata, autoload_with=engine)',
      'orders = Table("orders", metadata, Column("id", Integer), autoload=False)',
    ].join('\n');
    expect(read(text)).toEqual(['sqlalchemy create orders@orders']);
  });

  it("reads a loop's drops over a list of literal names, as Glance's pike_contract01 drops its artifact tables (HELDOUT10 #15)", () => {
    const text = [
      'def upgrade():',
      '    table_names = []',
      "    table_names.append('artifact_tags')",
      "    table_names.append('artifacts')",
      '    for table_name in table_names:',
      '        op.drop_table(table_name=table_name)',
      "    for t in ('a_log', 'b_log'):",
      '        op.drop_index("ix_" + t, table_name=t)',
      '    op.drop_table(table_name)  # after the loop: nothing',
      '    computed = [prefix + "x"]',
      '    for name in computed:',
      '        op.drop_table(name)',
      '',
      'def other():',
      '    for table_name in table_names:  # another function: its own names',
      '        op.drop_table(table_name)',
      '',
      'def downgrade():',
      "    for t in ['artifacts']:",
      '        op.create_table(t)',
    ].join('\n');
    expect(read(text)).toEqual([
      'alembic drop artifact_tags@artifact_tags',
      'alembic drop artifacts@artifacts',
      'alembic alter a_log@a_log',
      'alembic alter b_log@b_log',
    ]);
  });

  it("reads a revision's module-level string constants as the literals they are: Neutron's rename through OLD_/NEW_REFERRED_TABLE_NAME (HELDOUT12 #4)", () => {
    const text = [
      "revision = '89ab9a816d70'",
      "down_revision = '7bbb25278f53'",
      '',
      '',
      "TABLE_NAME = 'ml2_port_binding_levels'",
      "OLD_REFERRED_TABLE_NAME = 'ml2_network_segments'",
      "NEW_REFERRED_TABLE_NAME = 'networksegments'",
      "REASSIGNED = 'first_name'",
      "COMPUTED = PREFIX + 'x'",
      "FSTRING = f'{PREFIX}_y'",
      "TUPLE = 'a', 'b'",
      "SHADOWED = 'module_level'",
      "LOOPED = 'looped'",
      '',
      '',
      'def upgrade():',
      '    fk_name = delete_foreign_key_constraint()',
      '    op.rename_table(OLD_REFERRED_TABLE_NAME, NEW_REFERRED_TABLE_NAME)',
      '    op.create_foreign_key(',
      '        constraint_name=fk_name,',
      '        source_table=TABLE_NAME,',
      '        referent_table=NEW_REFERRED_TABLE_NAME,',
      "        local_cols=['segment_id'],",
      "        remote_cols=['id'],",
      '    )',
      '    op.drop_table(REASSIGNED)',
      '    op.create_table(COMPUTED)',
      '    op.create_table(FSTRING)',
      '    op.drop_table(TUPLE)',
      '    op.drop_table(SHADOWED)',
      '    op.alter_column(TABLE_NAME, "segment_id", nullable=True)',
      '    op.create_table(table_name=TABLE_NAME + "_archive")',
      '    for LOOPED in names:  # rebound by a loop: no constant',
      '        op.drop_table(LOOPED)',
      '',
      '',
      'def delete_foreign_key_constraint():',
      "    SHADOWED = 'local'",
      "REASSIGNED = 'second_name'",
      '',
      '',
      'def downgrade():',
      '    op.rename_table(NEW_REFERRED_TABLE_NAME, OLD_REFERRED_TABLE_NAME)',
    ].join('\n');
    expect(read(text)).toEqual([
      'alembic alter ml2_network_segments@OLD_REFERRED_TABLE_NAME =>networksegments@NEW_REFERRED_TABLE_NAME',
      'alembic references networksegments@NEW_REFERRED_TABLE_NAME <-ml2_port_binding_levels',
      'alembic alter ml2_port_binding_levels@TABLE_NAME',
    ]);
  });

  it("reads the copies a revision creates of the tables it loops over: 'shadow_' + table_name, f-strings, suffixes (Nova, HELDOUT12 #5)", () => {
    const text = [
      'def _create_shadow_tables(connection):',
      '    meta = sa.MetaData()',
      '    meta.reflect(bind=connection)',
      '    table_names = list(meta.tables.keys())',
      '    for table_name in table_names:',
      '        table = sa.Table(table_name, meta, autoload_with=connection)',
      '        op.create_table(',
      "            'shadow_' + table_name, meta, *columns, mysql_engine='InnoDB',",
      '        )',
      "        op.create_table(f'{table_name}_history', meta)",
      "        archive = sa.Table('archive_' + table_name + '_v2', meta)",
      '    for t in meta.sorted_tables:',
      "        op.create_table(table_name=f'copy_{t}')",
      '    for name in names:  # over no table names: no family',
      "        op.create_table('x_' + name)",
      '    for table_name in table_names:',
      "        op.create_table('a_' + table_name + other)  # two variables",
      "        op.create_table('b_{}'.format(table_name))",
      "        op.create_table(table_name + '-log')  # no word",
      "    op.create_table('late_' + table_name)  # after the loop",
      '',
      '',
      'def downgrade():',
      '    for table_name in table_names:',
      "        op.create_table('undo_' + table_name)",
    ].join('\n');
    const read = readPythonSchema(text);
    expect(read.tables).toEqual([]);
    expect(read.copies.map((c) => `${c.prefix}|${c.suffix}@${text.slice(c.fileSpan.start, c.fileSpan.end)}`)).toEqual([
      "shadow_|@'shadow_' + table_name",
      "|_history@f'{table_name}_history'",
      "archive_|_v2@'archive_' + table_name + '_v2'",
      "copy_|@f'copy_{t}'",
    ]);
  });

  it("reads no test module's models: the tests' throw-away tables are no schema of the service (HELDOUT10 #19)", () => {
    const text = 'class Atable(Model):\n    __tablename__ = "atable"\n';
    for (const path of [
      'services/core/mailman/database/tests/test_transaction.py',
      'services/core/mailman/model/tests/helpers.py',
      'services/core/test/models.py',
      'services/core/app/test_models.py',
      'services/core/app/models_test.py',
      'services/core/conftest.py',
    ])
      expect(mayDeclarePythonTables(path, text), path).toBe(false);
    for (const path of ['services/core/mailman/model/member.py', 'services/core/app/contest.py', 'services/core/latest/models.py'])
      expect(mayDeclarePythonTables(path, text), path).toBe(true);
    expect(isPythonTestModule('testing/models.py')).toBe(false);
    const facts = analyzeFile('services/core/mailman/database/tests/test_factory.py', text, {
      sqlCallees: [],
      defaultDialect: 'postgresql',
    });
    expect(facts.schemaChanges).toBeUndefined();
  });

  it('reads an Alembic revision or a model module only named like a test (versions/…_test.py, models/test_result.py); true tests stay out (review)', () => {
    const revision = [
      '"""add result test\n\nRevision ID: 4f2e9a1b7c3d\n"""',
      'from alembic import op',
      'import sqlalchemy as sa',
      '',
      'def upgrade():',
      '    op.create_table("result_tests", sa.Column("id", sa.Integer(), primary_key=True))',
      '',
    ].join('\n');
    const model = 'class TestResult(Base):\n    __tablename__ = "test_results"\n';
    for (const [path, text] of [
      ['services/api/alembic/versions/4f2e9a1b7c3d_add_result_test.py', revision],
      ['services/api/migrations/versions/test_0007_suite_runs.py', revision],
      ['services/api/app/models/test_result.py', model],
      ['services/api/app/model/test_run.py', model],
      ['services/api/app/migrations/0005_result_test.py', revision],
    ]) {
      expect(isPythonTestModule(path), path).toBe(false);
      expect(mayDeclarePythonTables(path, text), path).toBe(true);
    }
    const facts = analyzeFile('services/api/alembic/versions/4f2e9a1b7c3d_add_result_test.py', revision, {
      sqlCallees: [],
      defaultDialect: 'postgresql',
    });
    expect(facts.schemaChanges?.map((c) => `${c.action} ${c.name}`)).toEqual(['create result_tests']);
    for (const path of [
      'services/api/tests/test_models.py',
      'services/api/tests/unit/helpers.py',
      'services/api/app/models/tests/test_result.py',
      'services/api/alembic/versions/tests/test_revisions.py',
      'services/api/tests/conftest.py',
      'services/api/conftest.py',
      'services/api/app/test_orders.py',
      'services/api/app/orders_test.py',
    ])
      expect(isPythonTestModule(path), path).toBe(true);
  });

  it("reads Alembic's changes of one table, autogenerate's ForeignKeyConstraint and a batch block's foreign key", () => {
    const text = [
      'def upgrade() -> None:',
      '    op.create_table(',
      '        "order_items",',
      '        sa.Column("order_id", sa.Integer(), nullable=False),',
      '        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], ondelete="CASCADE"),',
      '        sa.ForeignKeyConstraint(columns=["sku"], refcolumns=["catalog.products.sku"]),',
      '        sa.PrimaryKeyConstraint("id"),',
      '    )',
      '    op.add_column("orders", sa.Column("note", sa.Text(), nullable=True))',
      '    op.create_index(op.f("ix_orders_note"), "orders", ["note"], unique=False)',
      '    op.alter_column("orders", "note", existing_type=sa.Text(), nullable=False, schema="sales")',
      '    op.drop_constraint("uq_orders_ref", table_name="orders", type_="unique")',
      '    op.drop_index("ix_legacy")',
      '    op.drop_column(TABLE, "note")',
      '    with op.batch_alter_table("invoices", schema=None) as batch_op:',
      '        batch_op.add_column(sa.Column("order_id", sa.Integer()))',
      '        batch_op.create_foreign_key("fk_invoices_order", "orders", ["order_id"], ["id"])',
      '    other_op.create_foreign_key("fk", "not_batch", ["a"], ["b"])',
      '    batch_op.create_foreign_key("fk", "after_block", ["a"], ["b"])',
      '',
      'def downgrade() -> None:',
      '    op.drop_column("orders", "note")',
    ].join('\n');
    expect(read(text)).toEqual([
      'alembic create order_items@order_items',
      'alembic references orders@orders <-order_items',
      'alembic references catalog.products@catalog.products <-order_items',
      'alembic alter orders@orders',
      'alembic alter orders@orders',
      'alembic alter sales.orders@orders',
      'alembic alter orders@orders',
      'alembic alter invoices@invoices',
      'alembic references orders@orders <-invoices',
    ]);
    expect(mayDeclarePythonTables('alembic/versions/0003_note.py', 'def upgrade():\n    op.add_column("orders", col)\n')).toBe(true);
    expect(mayDeclarePythonTables('alembic/versions/0003_note.py', 'def upgrade():\n    op.f("ix")\n')).toBe(false);
    // A model's __table_args__ constraint is its class's foreign key.
    const model = [
      'class Line(Base):',
      '    __tablename__ = "lines"',
      '    __table_args__ = (ForeignKeyConstraint(["order_id", "v"], ["orders.id", "orders.v"]),)',
    ].join('\n');
    expect(read(model)).toEqual(['sqlalchemy create lines@lines', 'sqlalchemy references orders@orders <-lines']);
  });

  it("reads op.execute's SQL located in its string: plain, triple-quoted, sa.text(…); never a computed string or the downgrade's", () => {
    const text = [
      'def upgrade() -> None:',
      '    op.execute("CREATE TABLE audit_events (id BIGSERIAL PRIMARY KEY)")',
      '    op.execute(',
      '        """',
      '        UPDATE billing_invoices',
      "           SET status = 'void'",
      '        """',
      '    )',
      '    op.execute(sa.text("DELETE FROM sessions WHERE expired").bindparams())',
      "    op.execute(text('SELECT 1 FROM users'))",
      '    op.execute(sqltext="DROP VIEW v_orders")',
      '    op.execute(f"DROP TABLE {name}")',
      '    op.execute("DROP TABLE %s" % name)',
      '    op.execute("DROP TABLE a\\nb")',
      '    op.execute(orders.update().values(x=1))',
      '    op.execute(sa.text("SELECT 1") + tail)',
      '',
      'def downgrade() -> None:',
      '    op.execute("DROP TABLE audit_events")',
    ].join('\n');
    const { tables, sql } = readPythonSchema(text);
    expect(tables).toEqual([]);
    expect(sql.map((site) => site.text.trim().replace(/\s+/g, ' '))).toEqual([
      'CREATE TABLE audit_events (id BIGSERIAL PRIMARY KEY)',
      "UPDATE billing_invoices SET status = 'void'",
      'DELETE FROM sessions WHERE expired',
      'SELECT 1 FROM users',
      'DROP VIEW v_orders',
    ]);
    for (const site of sql) {
      expect(text.slice(site.fileSpan.start, site.fileSpan.end)).toBe(site.text);
      expect(site.segments).toEqual([{ sql: { start: 0, end: site.text.length }, fileOffset: site.fileSpan.start, mode: 'exact' }]);
      expect(site.callee).toBe('op.execute');
    }
    expect(mayDeclarePythonTables('migrations/versions/0004_sql.py', text)).toBe(true);
    // Through the file's facts: the SQL is embedded SQL of a script, analysed in the service's dialect.
    const facts = analyzeFile('services/identity/alembic/versions/0004_sql.py', text, { sqlCallees: [], defaultDialect: 'postgresql' });
    expect(facts.script?.embeddedSql.map((site) => site.fileSpan)).toEqual(sql.map((site) => site.fileSpan));
    expect(facts.embeddedAnalyses?.[0]?.statements[0]?.tables.map((t) => `${t.kind} ${t.name}`)).toEqual(['create audit_events']);
  });

  it('keeps its references in the file facts, through the facts codec', () => {
    const facts = analyzeFile('services/identity/alembic/versions/0002_users.py', REVISION, {
      sqlCallees: [],
      defaultDialect: 'postgresql',
    });
    expect(facts.kind).toBe('other');
    expect(facts.schemaChanges?.map((r) => `${r.action} ${r.name}`)).toEqual([
      'create users',
      'references orgs',
      'alter sessions',
      'references users',
      'references accounts',
      'drop legacy_users',
    ]);
    expect(decodeFacts(encodeFacts(facts), facts.path, facts.hash)?.schemaChanges).toEqual(facts.schemaChanges);
  });
});
