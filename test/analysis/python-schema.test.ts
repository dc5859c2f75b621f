/**
 * A Python service's schema code read by tokens (HELDOUT6 #10): Alembic `op.*` calls and SQLAlchemy declarations
 * become table references located at the name's text, as a knex migration's are; everything else is left alone.
 */
import { describe, expect, it } from 'vitest';
import type { OrmTableRef } from '../../src/analysis/facts.js';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { decodeFacts, encodeFacts } from '../../src/analysis/facts-codec.js';
import { mayDeclarePythonTables, parsePythonSchema } from '../../src/analysis/python-schema.js';

/** Each reference as `library action table@written[=>new@written][<-declaring]`, its spans checked against the text. */
function read(text: string): string[] {
  return parsePythonSchema(text).map((ref: OrmTableRef) => {
    const qualified = ref.qualifier ? `${ref.qualifier}.${ref.name}` : ref.name;
    const renamed = ref.renamedTo ? ` =>${ref.renamedTo.name}@${text.slice(ref.renamedTo.fileSpan.start, ref.renamedTo.fileSpan.end)}` : '';
    const declaring = ref.declaringTable
      ? ` <-${ref.declaringTable.qualifier ? `${ref.declaringTable.qualifier}.` : ''}${ref.declaringTable.name}`
      : '';
    return `${ref.library} ${ref.action} ${qualified}@${text.slice(ref.fileSpan.start, ref.fileSpan.end)}${renamed}${declaring}`;
  });
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
