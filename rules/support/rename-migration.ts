import path from 'node:path';
import { factsSummary, type Dialect, type FileFacts, type Span, type SqlStatement } from '../../src/analysis/facts.js';
import { apiTableRefsOf } from '../../src/model/ddl-events.js';
import type { Fix } from '../../src/engine/fix.js';
import type { EventBase } from '../../src/engine/types.js';
import type { ProjectModel, Service } from '../../src/model/model.js';
import { laterFate } from '../../src/model/name-history.js';
import { parsedDialectFor } from '../../src/model/service-dialect.js';
import { migrationNamer } from './next-migration.js';

/** One rename a naming rule asks for. `table` may be qualified (`billing.invoices`). */
export type Rename =
  | { kind: 'index'; table: string; from: string; to: string }
  | { kind: 'constraint'; table: string; from: string; to: string }
  | { kind: 'column'; table: string; from: string; to: string }
  | { kind: 'table'; table: string; to: string };

/**
 * A name as the database stores it, for the statement that renames it: PostgreSQL folds a name
 * written without quotes to lower case (`noteText` is column `notetext`), so only a quoted one
 * keeps its capitals. `span` is the name's token in the statement's SQL source.
 */
export function storedName(project: ProjectModel, site: EventBase, statement: SqlStatement, span: Span, name: string): string {
  if ((site.service?.dialect ?? project.config.dialect) !== 'postgresql') return name;
  const written = statement.text.slice(span.start - statement.span.start, span.end - statement.span.start);
  return written.includes('"') ? name : name.toLowerCase();
}

/**
 * The name a naming rule judges: PostgreSQL folds a name written without quotes to lower case, so one written in
 * capitals only (`SRID`, `CREATED_AT`, `IDX_LAYERS_SRID`) is its lower-case name (`srid`: HELDOUT12 #10, PostGIS's
 * topology tables). Quoted (`"SRID"`) it keeps its case, as in MySQL, which stores column and index names as written.
 * A mixed-case name (`noteText`) is judged as written: folded (`notetext`) it would lose the word boundaries its
 * author meant, which is the finding.
 */
export function judgedName(project: ProjectModel, site: EventBase, statement: SqlStatement, name: string): string {
  if (!/[A-Z]/.test(name) || /[a-z]/.test(name)) return name;
  // The service's dialect, else the one its SQL file was read in (a file outside every service), else the config's.
  const dialect = site.service?.dialect ?? site.file.sql?.dialect ?? parsedDialectFor(undefined, project.config);
  if (dialect !== 'postgresql') return name;
  return statement.text.includes(`"${name}"`) ? name : name.toLowerCase();
}

/** The columns with the names a naming rule judges (`judgedName`). */
export function judgedColumns<C extends { name: string }>(
  project: ProjectModel,
  site: EventBase,
  statement: SqlStatement,
  columns: readonly C[],
): C[] {
  return columns.map((column) => {
    const name = judgedName(project, site, statement, column.name);
    return name === column.name ? column : { ...column, name };
  });
}

/** `name`, or `qualifier.name` when the statement qualified it. */
export function qualifiedTable(table: { name: string; qualifier?: string }): string {
  return table.qualifier ? `${table.qualifier}.${table.name}` : table.name;
}

/**
 * What a naming rule adds to the finding for a name it would rename: `undefined` when a later
 * migration of the folder already renamed or dropped the name (or its table) — it is history, and
 * there is nothing to report — else the rename-migration suggestion, written against the table as
 * the later migrations left it. Outside migrations (schema dumps, boot code) nothing is offered.
 */
export function renameFindingExtras(project: ProjectModel, site: EventBase, rename: Rename): { suggest?: Fix[] } | undefined {
  if (!project.migrations.isMigration(site.file)) return {};
  const judged =
    rename.kind === 'table'
      ? { object: 'table' as const, table: rename.table }
      : { object: rename.kind, table: rename.table, name: rename.from };
  const fate = laterFate(project, site.file, judged, 'statement' in site ? (site as { statement?: SqlStatement }).statement : undefined);
  if (fate.gone) return undefined;
  const qualifier = rename.table.includes('.') ? rename.table.slice(0, rename.table.lastIndexOf('.') + 1) : '';
  const current = { ...rename, table: `${qualifier}${fate.table}` };
  const dialect = parsedDialectFor(site.service, project.config);
  const fix = dialect ? renameMigrationSuggestion(project, site.file, dialect, current) : undefined;
  if (!fix) return {};
  if (current.kind === 'table' && site.service) {
    const others = servicesReferencing(project, site.service, rename.table);
    if (others.length > 0) {
      fix.description += ` Services ${others.map((s) => `'${s}'`).join(', ')} use the table: the rename changes their contract, so their code must follow.`;
    }
  }
  return { suggest: [fix] };
}

type NamedReference = { name: string; qualifier?: string; file: string; service: Service };

/**
 * The references of the services' files by lower-cased bare name: read from every file whose facts are at hand, and
 * `byTable`, the files decoded on first read by the table names their summaries list (FactsSummary `tables`), read for
 * a name when it is asked for.
 */
const referenceIndex = new WeakMap<ProjectModel, { read: Map<string, NamedReference[]>; byTable: Map<string, FileFacts[]> }>();
/** Per lower-cased bare table name, the references to it in the services' files. */
const referencesByName = new WeakMap<ProjectModel, Map<string, NamedReference[]>>();

/** The references (no CREATE) of a service's file, each with its lower-cased bare name. */
function namedReferences(file: FileFacts, service: Service): Array<[string, NamedReference]> {
  const analyses = [...(file.sql ? [file.sql] : []), ...(file.embeddedAnalyses ?? []).filter(Boolean)];
  return [...analyses.flatMap((a) => a.statements.flatMap((s) => s.tableRefs)), ...apiTableRefsOf(file)]
    .filter((ref) => ref.action !== 'create')
    .map((ref) => [ref.name.toLowerCase(), { name: ref.name, qualifier: ref.qualifier, file: file.path, service }]);
}

/** The references (no CREATE) a service's file makes to the lower-cased bare name `name`. */
function referencesTo(project: ProjectModel, name: string): NamedReference[] {
  let byName = referencesByName.get(project);
  if (!byName) referencesByName.set(project, (byName = new Map<string, NamedReference[]>()));
  const known = byName.get(name);
  if (known) return known;
  let index = referenceIndex.get(project);
  if (!index) {
    index = { read: new Map(), byTable: new Map() };
    for (const file of project.files) {
      const service = project.serviceOf(file.path);
      if (!service) continue;
      // A warm one-file run decodes only the files that may name a table asked for: the summary lists every table name a
      // file refers to (referencedTables, src/model/affected.ts), these among them.
      const tables = factsSummary(file)?.tables;
      if (tables)
        for (const table of tables) {
          const files = index.byTable.get(table);
          if (files) files.push(file);
          else index.byTable.set(table, [file]);
        }
      else
        for (const [key, reference] of namedReferences(file, service)) {
          const references = index.read.get(key);
          if (references) references.push(reference);
          else index.read.set(key, [reference]);
        }
    }
    referenceIndex.set(project, index);
  }
  const references = [...(index.read.get(name) ?? [])];
  for (const file of index.byTable.get(name) ?? [])
    for (const [key, reference] of namedReferences(file, project.serviceOf(file.path)!)) if (key === name) references.push(reference);
  byName.set(name, references);
  return references;
}

/**
 * Services other than `owner` whose SQL or ORM code names `table` and means the owner's table:
 * renaming it breaks them, which a suggestion must say. The files' references to that name, once
 * per run; the model then confirms each candidate resolves to the owner's table.
 */
export function servicesReferencing(project: ProjectModel, owner: Service, table: string): string[] {
  const bareName = table.slice(table.lastIndexOf('.') + 1).toLowerCase();
  const users = new Set<string>();
  for (const ref of referencesTo(project, bareName)) {
    if (ref.service === owner || users.has(ref.service.name)) continue;
    const resolution = project.resolveTable({ name: ref.name, qualifier: ref.qualifier }, ref.service, ref.file);
    if (resolution.kind === 'owned' && resolution.owner === owner) users.add(ref.service.name);
  }
  return [...users].sort();
}

/**
 * The suggestion to rename through a NEW migration, never by editing the one that created the
 * name (it has run in some environment already, and its checksum is recorded): written next to
 * `migration` with the next version in that folder's own scheme, as a SQL file, a knex script or a
 * TypeORM class as its siblings are, holding the statements in the service's dialect (with a
 * `down` that renames back for knex and TypeORM). None when the rename has no statement in the
 * dialect (MySQL cannot rename a foreign key constraint) or the file is not a migration.
 */
export function renameMigrationSuggestion(project: ProjectModel, migration: FileFacts, dialect: Dialect, rename: Rename): Fix | undefined {
  // A new migration is written as SQL or code beside its siblings; a Liquibase changelog's are its own changeSets.
  if (!project.migrations.isMigration(migration) || (migration.kind !== 'sql' && migration.kind !== 'script')) return undefined;
  const up = renameStatement(rename, dialect);
  const down = renameStatement(reverse(rename), dialect);
  if (!up || !down) return undefined;
  const folder = path.posix.dirname(migration.path);
  if (path.posix.basename(migration.path) === 'migration.sql') return undefined; // Prisma: `prisma migrate` writes its own folders.
  const siblings = project.files.filter((f) => path.posix.dirname(f.path) === folder);
  const namer = migrationNamer(siblings.map((f) => f.path));
  const description = `rename_${rename.kind}_${snake(rename.kind === 'table' ? rename.table : rename.from)}`;
  const style = folderStyle(migration, siblings);
  let name: string;
  let text: string;
  if (style === 'typeorm') {
    const pascal = description.replace(/(?:^|_)([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    name = namer.next(pascal, path.posix.extname(migration.path));
    const stamp = /^(\d+)/.exec(name)?.[1] ?? '';
    text = typeormMigration(`${pascal}${stamp}`, up, down);
  } else if (style === 'knex') {
    name = namer.next(description, path.posix.extname(migration.path));
    text = knexMigration(up, down, /\.[cm]?ts$/.test(name));
  } else {
    name = namer.next(description, '.sql');
    text = `-- ${describe(rename)}; a new migration, since the one that created the name has run already.\n${up}\n`;
  }
  const file = `${folder}/${name}`;
  if (!project.migrations.isVersionedName(file)) return undefined;
  return {
    description: `Write migration '${name}' that ${describe(rename).replace(/^R/, 'r')}.`,
    changes: [{ kind: 'create', file, text }],
  };
}

function describe(rename: Rename): string {
  if (rename.kind === 'table') return `Renames table '${rename.table}' to '${rename.to}'`;
  return `Renames ${rename.kind} '${rename.from}' of table '${rename.table}' to '${rename.to}'`;
}

function reverse(rename: Rename): Rename {
  if (rename.kind === 'table') {
    const qualifier = rename.table.includes('.') ? rename.table.slice(0, rename.table.lastIndexOf('.') + 1) : '';
    return { kind: 'table', table: `${qualifier}${rename.to}`, to: rename.table.slice(qualifier.length) };
  }
  return { ...rename, from: rename.to, to: rename.from };
}

/** One statement, quoted only where the name needs it, in the dialect's syntax (index renames differ most). */
export function renameStatement(rename: Rename, dialect: Dialect): string | undefined {
  const q = (name: string) => quote(name, dialect);
  const table = rename.table.split('.').map(q).join('.');
  const schema = rename.table.includes('.') ? `${q(rename.table.slice(0, rename.table.lastIndexOf('.')))}.` : '';
  const postgres = dialect === 'postgresql';
  switch (rename.kind) {
    case 'index':
      return postgres
        ? `ALTER INDEX ${schema}${q(rename.from)} RENAME TO ${q(rename.to)};`
        : `ALTER TABLE ${table} RENAME INDEX ${q(rename.from)} TO ${q(rename.to)};`;
    case 'constraint':
      // MySQL renames no foreign key in place: it takes a drop and a re-add, which is not a rename.
      return postgres ? `ALTER TABLE ${table} RENAME CONSTRAINT ${q(rename.from)} TO ${q(rename.to)};` : undefined;
    case 'column':
      return `ALTER TABLE ${table} RENAME COLUMN ${q(rename.from)} TO ${q(rename.to)};`;
    case 'table':
      return postgres ? `ALTER TABLE ${table} RENAME TO ${q(rename.to)};` : `RENAME TABLE ${table} TO ${schema}${q(rename.to)};`;
  }
}

/**
 * Words MySQL 8 or PostgreSQL reserve that plausibly name a column or table (`order`, `key`, `user`,
 * `rank`): unquoted, the rename statement would not parse. Quoting a word either dialect reserves
 * costs nothing in the other, so one list serves both.
 */
const RESERVED = new Set(
  (
    'all alter analyse analyze and any array as asc asymmetric authorization between binary both by call case cast change check ' +
    'collate collation column concurrently condition constraint create cross cube cume_dist current_catalog current_date ' +
    'current_role current_schema current_time current_timestamp current_user database databases default deferrable delete ' +
    'dense_rank desc describe distinct do drop dual else empty end except exists explain false fetch first_value for force foreign ' +
    'freeze from full fulltext function generated get grant group grouping groups having if ignore ilike in index inner initially ' +
    'inout insert int integer interval intersect into is isnull join key keys kill lag last_value lateral lead leading left like ' +
    'limit linear lines load localtime localtimestamp lock long loop match maxvalue mod natural not notnull nth_value ntile null ' +
    'of offset on only option or order out outer over overlaps partition percent_rank placing precision primary procedure purge ' +
    'range rank read reads recursive references regexp release rename repeat replace require restrict return returning revoke ' +
    'right rlike row row_number rows schema select separator session_user set show signal similar some spatial specific sql ssl ' +
    'starting stored symmetric system table tablesample terminated then to trailing trigger true undo union unique unlock unsigned ' +
    'update usage use user using values varchar variadic verbose virtual when where while window with write zerofill'
  ).split(' '),
);

function quote(name: string, dialect: Dialect): string {
  const plain = dialect === 'postgresql' ? /^[a-z_][a-z0-9_]*$/ : /^[A-Za-z_][A-Za-z0-9_]*$/;
  if (plain.test(name) && !RESERVED.has(name.toLowerCase())) return name;
  return dialect === 'postgresql' ? `"${name.replace(/"/g, '""')}"` : `\`${name.replace(/`/g, '``')}\``;
}

function snake(name: string): string {
  return (
    name
      .replace(/^.*\./, '')
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .toLowerCase() || 'names'
  );
}

/** How the folder writes migrations: TypeORM classes, knex scripts, or SQL files. */
function folderStyle(migration: FileFacts, siblings: readonly FileFacts[]): 'sql' | 'knex' | 'typeorm' {
  if (migration.kind === 'sql') return 'sql';
  const text = migration.text;
  if (/\bimplements\s+MigrationInterface\b|\bqueryRunner\b/.test(text)) return 'typeorm';
  if (/\bexports\.up\b|export\s+(?:async\s+)?function\s+up\b|\bknex\b/.test(text)) return 'knex';
  return siblings.some((f) => f.kind === 'sql') ? 'sql' : 'knex';
}

function knexMigration(up: string, down: string, typescript: boolean): string {
  const literal = (sql: string) => {
    const statement = sql.replace(/;$/, '');
    return /['\\]/.test(statement) ? JSON.stringify(statement) : `'${statement}'`;
  };
  if (typescript) {
    return [
      "import type { Knex } from 'knex';",
      '',
      `export async function up(knex: Knex): Promise<void> {\n  await knex.raw(${literal(up)});\n}`,
      '',
      `export async function down(knex: Knex): Promise<void> {\n  await knex.raw(${literal(down)});\n}`,
      '',
    ].join('\n');
  }
  return [`exports.up = (knex) => knex.raw(${literal(up)});`, `exports.down = (knex) => knex.raw(${literal(down)});`, ''].join('\n');
}

function typeormMigration(className: string, up: string, down: string): string {
  const template = (sql: string) => '`' + sql.replace(/;$/, '').replace(/[`\\]/g, '\\$&') + '`';
  return [
    "import { MigrationInterface, QueryRunner } from 'typeorm';",
    '',
    `export class ${className} implements MigrationInterface {`,
    `  name = '${className}';`,
    '',
    '  public async up(queryRunner: QueryRunner): Promise<void> {',
    `    await queryRunner.query(${template(up)});`,
    '  }',
    '',
    '  public async down(queryRunner: QueryRunner): Promise<void> {',
    `    await queryRunner.query(${template(down)});`,
    '  }',
    '}',
    '',
  ].join('\n');
}
