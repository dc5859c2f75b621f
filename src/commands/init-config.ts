import { compileGlob } from '../config/glob.js';
import type { DatabaseKind, Dialect, UnparsedEngine } from '../analysis/facts.js';
import { UNPARSED_ENGINE_NAMES } from '../analysis/database-packages.js';
import { defaultPrefix } from '../model/service-names.js';
import type { OwnershipSource, ProjectModel, Service, SettingSource } from '../model/model.js';
import { describeServiceEvidence, type ServiceDiscovery } from '../model/service-discovery.js';
import { describeDialect, mostServicesDialect, type ServiceDialect } from '../model/service-dialect.js';
import { unownedDeclaredTables, type UnownedTable } from '../model/unowned-tables.js';
import { learnNamingConvention, RULE_ASPECTS, type LearnedNaming } from '../naming-convention.js';
import { headSegment, learnTablePrefixes, ownHead, uniqueCreatedTables, type PrefixConvention } from '../model/table-prefixes.js';
import { tableConflicts } from '../model/database-evidence.js';
import { compare, connectionsByDatabase, rootSqlFacts } from './ownership.js';

/**
 * What `nilecare-lint init` proposes, computed from a project model built with the
 * inferred services (pure: no file system). `renderConfigJsonc` writes it as commented
 * JSONC, `renderInitReport` as the summary printed to the user.
 */
export interface ConfigProposal {
  /** Default dialect: the one most services use. */
  dialect?: { value: Dialect; count: number; of: number };
  services: ProposedService[];
  databases: ProposedDatabase[];
  /** Tables created by several services' SQL: left out of every `tables` list. */
  conflicts: Array<{ table: string; creators: Array<{ service: string; file: string; line: number }> }>;
  /** Services whose files name no database (no .env entry, code default or URL). */
  withoutDatabase: string[];
  /** SQL files outside services that create tables without `USE db` / `CREATE DATABASE`. */
  rootFilesWithoutDatabase: string[];
  /** Tables declared outside every service (a root Prisma schema, root migrations) that no service owns. */
  unownedTables: UnownedTable[];
  /** Prefixes two services would share: kept on neither, the defaults are used. */
  prefixCollisions: Array<{ prefix: string; services: string[] }>;
  /** Whether the repository's services prefix their tables, decided by majority (see `decidePrefixConvention`). */
  prefixConvention: PrefixConvention;
  /** The naming convention the repository's DDL follows, and the naming-rule settings that match it. */
  naming: LearnedNaming;
  /** Folders with a package.json that were not taken as services, and why. */
  notServices: Array<{ root: string; reason: string }>;
}

export interface ProposedService {
  name: string;
  roots: string[];
  /** Migration folders outside its roots that are its (`migrations/scheduling` for `scheduling-service`), with why. */
  migrations?: { folders: string[]; note: string };
  dialect?: Dialect;
  /** Where the dialect came from, or why there is none (`postgresql from pg in services/a/package.json`). */
  dialectNote: string;
  /** The engine without a parser here the service runs on (SQL Server, ClickHouse, Cassandra…): no `dialect` to set. */
  unparsedEngine?: UnparsedEngine;
  /** Why the folder is a service (its driver, migrations, Prisma schema…), when it was discovered. */
  found: string[];
  /** Files of the service the linter reads. */
  files: number;
  databases: Array<{ name: string; kind?: DatabaseKind }>;
  /** Where each database name was read, e.g. `services/a/.env.example:3 DB_NAME`. */
  databaseSources: string[];
  /** Exact table names, or a single `prefix_*` glob. */
  tables: string[];
  /** Why `tables` looks the way it does. */
  tablesNote: string;
  /** Unique table names its SQL creates (conflicts excluded). */
  createdTables: string[];
  /**
   * Tables SQL outside every service declares (a root `database/schema.sql`, `db/init/*.sql`) that the model gives
   * this service: through the database they are declared in (`USE orders`, the only service connecting to it) or its
   * prefix. Not written to `tables`: the `databases` owners and prefixes the config holds give them to it.
   */
  rootTables: Array<{ table: string; database?: string; file: string; line: number; via: OwnershipSource }>;
  prefixes: string[];
  prefixesNote: string;
  /** Logical databases it owns through the top-level `databases` map. */
  ownedDatabases: string[];
}

export interface ProposedDatabase {
  name: string;
  /** Proposed owner: the only service that connects to it. */
  owner?: string;
  /** Services that connect to it. */
  services: string[];
  /** Set when schemas or servers keep some of `services` apart (as the lint judges sharing): those that really share it. */
  sharedBy?: string[];
  apartBy?: 'schema' | 'server';
  /** SQL files outside services that declare it. */
  declaredIn: string[];
  /** Tables those files create in it. */
  rootTables: string[];
  /** For an undecided database nobody connects to: a service whose name matches it. */
  nameMatch?: string;
  /**
   * Set when the owner's only evidence is its name and its own connection naming no database (the model's
   * `service-name` origin): where that connection is, e.g. `services/orders/src/db.ts:3`.
   */
  byName?: string;
}

/** The services that share the database (schemas or servers keep the others apart). */
const sharingServices = (database: ProposedDatabase) => database.sharedBy ?? database.services;

/** Why services on one database name do not share it. */
const apartText = (database: ProposedDatabase) => (database.apartBy === 'schema' ? 'each in its own schema' : 'each on its own server');

/** Why a database is its owner's: the only service connecting to it, or, with nothing else to go by, its name. */
const ownerReason = (database: ProposedDatabase) =>
  database.byName
    ? `named like the service, whose own connection (${database.byName}) names no database`
    : 'the only service connecting to it';

const sourceText = (source: SettingSource) => `${source.file}:${source.range.line} ${source.key}`;

/** `clinical` for `clinical-service`, `clinical_data`, `clinical-db`. */
function stem(name: string): string {
  return name
    .toLowerCase()
    .replace(/[-_]?(service|svc|api|app|db|database|data)$/, '')
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Table ownership as config globs. A service gets `["<p>*"]` when every table its SQL
 * creates starts with the same `<p>` (a `word_` head), there are at least two of them or
 * `<p>` is the service's default prefix, and no table created elsewhere matches the glob.
 * Otherwise its tables are listed by exact name. A glob also claims tables the service
 * adds later (and tables only queried, never created, such as ones made by an ORM sync).
 */
function proposeTables(service: Service, created: string[], createdElsewhere: string[]): { tables: string[]; note: string; head?: string } {
  if (created.length === 0) return { tables: [], note: 'its SQL creates no tables' };
  const heads = new Set(created.map(headSegment));
  // The prefix: the head most of its tables share (see serviceHead); the glob: only one that all of them share.
  const head = ownHead(service.name, created);
  if (head && heads.size === 1 && (created.length >= 2 || head === defaultPrefix(service.name))) {
    const glob = `${head}*`;
    const matches = compileGlob(glob);
    const clash = createdElsewhere.filter((table) => matches(table.toLowerCase()));
    if (clash.length === 0)
      return { tables: [glob], note: `every table its SQL creates starts with '${head}': ${created.join(', ')}`, head };
    return {
      tables: created,
      note: `exact names: '${glob}' would also match ${clash.map((t) => `'${t}'`).join(', ')} created elsewhere`,
      head,
    };
  }
  return {
    tables: created,
    note: created.length === 1 ? 'the table its SQL creates' : 'the tables its SQL creates (no common prefix)',
    head,
  };
}

/** `also 'wallets', 'outbox' of 'ms-wallet', declared in db/init/01-schema.sql (the database is its)`. */
export function describeRootTables(tables: ProposedService['rootTables']): string {
  const files = [...new Set(tables.map((t) => t.file))].sort(compare);
  const databases = [...new Set(tables.flatMap((t) => (t.database ? [t.database] : [])))].sort(compare);
  const vias = [...new Set(tables.map((t) => t.via))].sort(compare);
  const why = vias.map((via) => ROOT_VIA[via] ?? via).join(', ');
  const names = tables.map((t) => `'${t.table}'`).join(', ');
  return `owns ${names}${databases.length > 0 ? ` of ${databases.map((d) => `'${d}'`).join(', ')}` : ''}, declared in ${files.join(', ')} (${why})`;
}

const ROOT_VIA: Partial<Record<OwnershipSource, string>> = {
  database: 'the database is its',
  prefix: 'its table prefix',
  config: 'the config claims it',
  'schema-database': 'its schema',
};

export { decidePrefixConvention, PREFIX_THRESHOLD, type PrefixConvention } from '../model/table-prefixes.js';

/**
 * The dialect SQL no evidence puts on an engine is read in by a run without a config (outside every service, in a
 * service nothing decides): the one most services were decided to use before their SQL was parsed (mostServicesDialect,
 * the one decision). Written at the top, the run with this config reads that SQL as the run without it did.
 */
function usualDialect(model: ProjectModel, proposals: readonly ProposedService[]): ConfigProposal['dialect'] {
  const decisions = new Map<string, ServiceDialect>(
    model.services.map((s) => [
      s.name,
      s.dialectDecision ?? (s.dialect ? { dialect: s.dialect, basis: 'config', evidence: [] } : { basis: 'none', evidence: [] }),
    ]),
  );
  const value = mostServicesDialect(decisions);
  if (!value) return undefined;
  return { value, count: proposals.filter((p) => p.dialect === value).length, of: proposals.length };
}

/**
 * `model` must come from a run whose config names no services, or the services only (their
 * dialects are then inferred); `discovery` is that run's, when it discovered them.
 */
export function proposeConfig(model: ProjectModel, discovery?: ServiceDiscovery): ConfigProposal {
  const foundBy = new Map((discovery?.services ?? []).map((s) => [s.name, s.evidence.map(describeServiceEvidence)]));
  const namedMigrations = new Map(
    (discovery?.services ?? []).flatMap((s) => {
      const folders = s.evidence.flatMap((e) =>
        e.kind === 'named-migrations' ? [`${e.folder}/ (${e.files} file${e.files === 1 ? '' : 's'})`] : [],
      );
      return folders.length > 0 ? [[s.name, folders] as const] : [];
    }),
  );
  const fileCounts = new Map<string, number>();
  for (const file of model.files) {
    const owner = model.serviceOf(file.path);
    if (owner) fileCounts.set(owner.name, (fileCounts.get(owner.name) ?? 0) + 1);
  }
  const root = rootSqlFacts(model);
  const conflictsList = tableConflicts(model.services);
  const conflicts = conflictsList.map((c) => ({
    table: c.table,
    creators: c.services.map((name) => {
      const declaration = model.serviceByName(name)!.createdTables.find((d) => d.table.toLowerCase() === c.table.toLowerCase())!;
      return { service: name, file: declaration.file, line: declaration.range.line };
    }),
  }));

  const connections = connectionsByDatabase(model.services);
  const databaseKeys = [...new Set([...connections.keys(), ...root.databases.keys()])];
  const databases: ProposedDatabase[] = databaseKeys
    .map((key) => {
      const connection = connections.get(key);
      const users = (connection?.services ?? []).map((s) => s.name).sort(compare);
      const entry: ProposedDatabase = {
        name: connection?.name ?? root.databases.get(key)!.name,
        services: users,
        ...(connection?.apartBy ? { sharedBy: connection.sharedBy.map((s) => s.name).sort(compare), apartBy: connection.apartBy } : {}),
        declaredIn: [...(root.databases.get(key)?.files ?? [])].sort(compare),
        rootTables: [...new Set(root.tables.filter((t) => t.database?.toLowerCase() === key).map((t) => t.name))].sort(compare),
      };
      if (users.length === 1) {
        entry.owner = users[0];
        const sources = model
          .serviceByName(users[0])!
          .databases.filter((d) => d.name.toLowerCase() === key)
          .flatMap((d) => d.sources);
        if (sources.length > 0 && sources.every((source) => source.origin === 'service-name'))
          entry.byName = `${sources[0].file}:${sources[0].range.line}`;
      }
      if (users.length === 0) {
        const matches = model.services.filter((s) => stem(s.name) !== '' && stem(s.name) === stem(entry.name));
        if (matches.length === 1) entry.nameMatch = matches[0].name;
      }
      return entry;
    })
    .sort((a, b) => compare(a.name, b.name));

  // What the model knows of the root SQL's tables: the owner it resolves each to, as the lint does (one source of truth).
  const rootOwned = new Map<string, ProposedService['rootTables']>();
  for (const table of root.tables) {
    const resolution = model.resolveTable({ name: table.name, qualifier: table.database }, undefined, table.file);
    if (resolution.kind !== 'owned') continue;
    const owner = resolution.owner;
    const name = table.name.toLowerCase();
    // A table its own SQL creates too is listed once, as its own.
    if (owner.createdTables.some((d) => d.table.toLowerCase() === name)) continue;
    const list = rootOwned.get(owner.name) ?? [];
    if (list.some((t) => t.table.toLowerCase() === name && t.database?.toLowerCase() === table.database?.toLowerCase())) continue;
    list.push({
      table: table.name,
      ...(table.database ? { database: table.database } : {}),
      file: table.file,
      line: table.range.line,
      // A declaration outside every service is owned through the owner of the database it is declared in.
      via: resolution.via === 'created' ? 'database' : resolution.via,
    });
    rootOwned.set(resolution.owner.name, list);
  }

  const uniqueCreated = uniqueCreatedTables(model.services);

  const proposals = model.services.map((service) => {
    const created = uniqueCreated.get(service.name)!;
    const elsewhere = [
      ...model.services.filter((other) => other !== service).flatMap((other) => other.createdTables.map((d) => d.table)),
      ...root.tables.map((t) => t.name),
    ];
    const rootTables = (rootOwned.get(service.name) ?? []).sort((a, b) => compare(a.table.toLowerCase(), b.table.toLowerCase()));
    const tables = proposeTables(service, created, elsewhere);
    if (rootTables.length > 0) tables.note += `; ${describeRootTables(rootTables)}`;
    // The decision a run without a config makes too (service-dialect.ts), its connection settings' engine included.
    const dialect = service.dialect;
    const named = namedMigrations.get(service.name);
    const proposal: ProposedService = {
      name: service.name,
      roots: [...service.roots],
      ...(service.migrations.length > 0
        ? {
            migrations: {
              folders: [...service.migrations],
              note: named
                ? `its migrations outside its roots: ${named.join(', ')} (a folder outside every service named like it, and like no other service); their files are the service's`
                : 'its migration folders, as configured',
            },
          }
        : {}),
      dialect,
      dialectNote: describeDialect(service.dialectDecision),
      ...(!dialect && service.dialectDecision?.unparsedEngine ? { unparsedEngine: service.dialectDecision.unparsedEngine } : {}),
      found: foundBy.get(service.name) ?? [],
      files: fileCounts.get(service.name) ?? 0,
      databases: service.databases.map((d) =>
        d.kind === 'mongodb' || (d.kind !== 'unknown' && dialect && d.kind !== dialect) ? { name: d.name, kind: d.kind } : { name: d.name },
      ),
      databaseSources: [...new Set(service.databases.flatMap((d) => d.sources.map(sourceText)))],
      tables: tables.tables,
      tablesNote: tables.note,
      createdTables: created,
      rootTables,
      // Decided for every service at once below.
      prefixes: [],
      prefixesNote: '',
      ownedDatabases: databases.filter((d) => d.owner === service.name).map((d) => d.name),
    };
    return proposal;
  });

  // Prefixes: the one decision a run without a config applies too (src/model/table-prefixes.ts).
  const decision = learnTablePrefixes(model);
  for (const proposal of proposals) {
    const decided = decision.byService.get(proposal.name)!;
    proposal.prefixes = decided.prefixes;
    proposal.prefixesNote = decided.note;
  }
  const prefixCollisions = decision.collisions;
  const prefixConvention = decision.convention;

  return {
    dialect: usualDialect(model, proposals),
    services: proposals,
    databases,
    conflicts,
    withoutDatabase: model.services.filter((s) => s.databases.length === 0).map((s) => s.name),
    rootFilesWithoutDatabase: root.filesWithoutDatabase,
    unownedTables: unownedDeclaredTables(model),
    prefixCollisions,
    prefixConvention,
    naming: learnNamingConvention(model),
    notServices: discovery?.rejected ?? [],
  };
}

// ---------------------------------------------------------------------------------------
// JSONC
// ---------------------------------------------------------------------------------------

/** Where `$schema` points: the schema shipped in the installed package. */
export const SCHEMA_REFERENCE = './node_modules/nilecare-lint/schema/config.schema.json';

/** JSON on one line, spaced like the rest of the file (`["a", "b"]`, `{ "case": "camelCase" }`). */
const json = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(json).join(', ')}]`;
  if (value !== null && typeof value === 'object' && Object.keys(value).length === 0) return '{}';
  if (value !== null && typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([key, inner]) => `${JSON.stringify(key)}: ${json(inner)}`)
      .join(', ')} }`;
  return JSON.stringify(value);
};
/** A `//` comment never spans lines, whatever a file or table name contains. */
const comment = (text: string) => `// ${text.replace(/[\r\n\u2028\u2029]+/g, ' ')}`;
const list = (names: string[]) => names.map((n) => `'${n}'`).join(', ');

function databasesValue(databases: ProposedService['databases']): string {
  return `[${databases.map((d) => (d.kind ? `{ "name": ${json(d.name)}, "kind": ${json(d.kind)} }` : json(d.name))).join(', ')}]`;
}

export interface JsoncOptions {
  /**
   * Write each service's databases as a `databases` key. By default they are a comment:
   * a configured list replaces the inference from .env files and code defaults, so rules
   * such as no-shared-database could no longer point at the line that sets the database,
   * and a database added to .env later would go unseen.
   */
  pinDatabases?: boolean;
}

/** The config file `init` writes: JSON with comments, valid for `parseConfigText`. */
export function renderConfigJsonc(proposal: ConfigProposal, options: JsoncOptions = {}): string {
  const out: string[] = [
    comment('nilecare-lint configuration, inferred by `nilecare-lint init` from the repository as it is today.'),
    comment('Review the TODO comments: they mark what could not be decided from the code alone.'),
    comment('Every key is described in the JSON Schema below, so editors complete and check this file.'),
    '{',
    `  "$schema": ${json(SCHEMA_REFERENCE)},`,
  ];
  if (proposal.dialect) {
    out.push(
      `  ${comment(`${proposal.dialect.count} of ${proposal.dialect.of} services use ${proposal.dialect.value}; SQL files outside services are parsed as ${proposal.dialect.value}.`)}`,
    );
    out.push(`  "dialect": ${json(proposal.dialect.value)},`);
  }

  out.push(
    `  ${comment('Services: folders with their own package.json and a database driver or ORM, migrations, a Prisma schema or entities.')}`,
  );
  out.push(
    `  ${comment('`tables` lists the tables each service owns: exact names, or `prefix_*` when all of its tables share one prefix.')}`,
  );
  out.push('  "services": [');
  proposal.services.forEach((service, index) => {
    out.push('    {');
    out.push(`      "name": ${json(service.name)},`);
    out.push(`      "roots": ${json(service.roots)},`);
    if (service.migrations) out.push(`      "migrations": ${json(service.migrations.folders)}, ${comment(service.migrations.note)}`);
    if (service.dialect)
      out.push(`      "dialect": ${json(service.dialect)}, ${comment(service.dialectNote.replace(/^\w+ from /, 'from '))}`);
    else if (service.unparsedEngine) out.push(`      ${comment(`dialect: ${service.dialectNote} (MySQL and PostgreSQL are parsed).`)}`);
    else out.push(`      ${comment(`TODO: dialect ${service.dialectNote}: add "dialect" if it runs SQL.`)}`);
    if (service.databases.length > 0) {
      const sources = service.databaseSources;
      const shown = sources.slice(0, 3).join(', ') + (sources.length > 3 ? `, and ${sources.length - 3} more` : '');
      if (options.pinDatabases) {
        out.push(`      "databases": ${databasesValue(service.databases)},${sources.length > 0 ? ` ${comment(shown)}` : ''}`);
      } else {
        // Left as a comment: read from the files on every run, findings keep pointing at the setting's line.
        out.push(
          `      ${comment(`"databases": ${databasesValue(service.databases)}, // read on every run from ${shown || 'its settings'}`)}`,
        );
      }
    } else {
      out.push(
        `      ${comment('TODO: no database settings found (.env.example, DB_NAME / DATABASE_URL defaults): add "databases" if it has one.')}`,
      );
    }
    const tableComments: string[] = [];
    if (service.ownedDatabases.length > 0)
      tableComments.push(`also owns every table of ${list(service.ownedDatabases)} through "databases" below`);
    out.push(`      "tables": ${json(service.tables)}, ${comment(service.tablesNote)}`);
    for (const text of tableComments) out.push(`      ${comment(text)}`);
    for (const conflict of proposal.conflicts.filter((c) => c.creators.some((x) => x.service === service.name))) {
      const others = conflict.creators.filter((x) => x.service !== service.name);
      out.push(
        `      ${comment(`TODO: '${conflict.table}' is also created by ${others.map((o) => `'${o.service}' (${o.file}:${o.line})`).join(', ')}: add it to its owner's "tables".`)}`,
      );
    }
    out.push(`      "prefixes": ${json(service.prefixes)} ${comment(service.prefixesNote)}`);
    out.push(`    }${index < proposal.services.length - 1 ? ',' : ''}`);
  });
  out.push('  ],');
  if (proposal.unownedTables.length > 0) out.push(`  ${comment(`TODO: ${unownedTablesText(proposal.unownedTables)}.`)}`);

  out.push(
    `  ${comment("Owner service of each logical database: the tables declared in it (e.g. by root schema files) are that service's.")}`,
  );
  out.push('  "databases": {');
  const decided = proposal.databases.filter((d) => d.owner);
  const undecided = proposal.databases.filter((d) => !d.owner);
  decided.forEach((database, index) => {
    const why = database.declaredIn.length > 0 ? `; declared in ${database.declaredIn.join(', ')}` : '';
    const comma = index < decided.length - 1 ? ',' : '';
    out.push(`    ${json(database.name)}: ${json(database.owner)}${comma} ${comment(`${ownerReason(database)}${why}`)}`);
  });
  for (const database of undecided) {
    const sharing = sharingServices(database);
    if (sharing.length > 1)
      out.push(`    ${comment(`TODO: '${database.name}' is shared by ${list(sharing)}: name its owner, or split it.`)}`);
    else if (database.services.length > 1) {
      // Nothing is shared, so nothing needs an owner: each service's tables are its own.
      out.push(`    ${comment(`'${database.name}': ${list(database.services)} ${apartText(database)}: no owner needed.`)}`);
      continue;
    } else
      out.push(
        `    ${comment(`TODO: no service connects to '${database.name}' (declared in ${database.declaredIn.join(', ') || 'no file'}): name its owner.`)}`,
      );
    out.push(`    ${comment(`${json(database.name)}: ${json(database.nameMatch ?? '<service>')},`)}`);
  }
  out.push('  },');

  out.push(`  ${comment('Rule severities and options, e.g. "unknown-table": "warn" (`nilecare-lint --list-rules` lists them).')}`);
  const learned = proposal.naming.rules;
  if (learned.length === 0) out.push('  "rules": {}');
  else {
    const { tables, columns, indexes } = proposal.naming.definitions;
    out.push(
      `  ${comment(`Naming rules set to the convention this repository's schema follows (learned from ${tables} tables, ${columns} columns, ${indexes} named indexes and constraints):`)}`,
    );
    out.push('  "rules": {');
    learned.forEach((rule, index) => {
      out.push(`    ${json(rule.id)}: ${json(rule.entry)}${index < learned.length - 1 ? ',' : ''} ${comment(rule.why)}`);
    });
    out.push('  }');
  }
  const perService = proposal.naming.services;
  if (perService.length > 0) {
    out[out.length - 1] += ',';
    out.push(
      `  ${comment("Services (and folders outside every service) whose own schema follows another naming convention than the settings above: their files take these (as ESLint's overrides, the last match wins).")}`,
    );
    out.push('  "overrides": [');
    perService.forEach((service, index) => {
      const learnedFrom = service.outside
        ? `files outside every service in ${service.service}: learned from their own ${describeDefinitions(service.naming)}`
        : `${service.service}: learned from its own ${describeDefinitions(service.naming)}`;
      out.push('    {', `      ${comment(learnedFrom)}`);
      out.push(`      "files": ${json(service.files)},`, '      "rules": {');
      service.rules.forEach((rule, i) => {
        out.push(`        ${json(rule.id)}: ${json(rule.entry)}${i < service.rules.length - 1 ? ',' : ''} ${comment(rule.why)}`);
      });
      out.push('      }', `    }${index < perService.length - 1 ? ',' : ''}`);
    });
    out.push('  ]');
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------
// The report printed by `init`
// ---------------------------------------------------------------------------------------

export function renderInitReport(proposal: ConfigProposal): string {
  const out: string[] = [];
  const tableCount = proposal.services.reduce((sum, s) => sum + s.createdTables.length, 0) + proposal.conflicts.length;
  const rootCount = proposal.services.reduce((sum, s) => sum + s.rootTables.length, 0);
  out.push(
    `Inferred ${proposal.services.length} service(s), ${proposal.databases.length} database(s), ${tableCount} table(s) created by service SQL` +
      (rootCount > 0 ? `, ${rootCount} more owned through SQL outside services.` : '.'),
    '',
  );
  const rows = proposal.services.map((s) => {
    // The tables the model gives it: its `tables` as written, and those root SQL declares for it.
    const owned = [...s.tables, ...s.rootTables.map((t) => t.table)];
    return [
      s.name,
      s.dialect ?? (s.unparsedEngine ? UNPARSED_ENGINE_NAMES[s.unparsedEngine] : '?'),
      s.databases.map((d) => d.name).join(', ') || '—',
      owned.length > 0 ? owned.join(', ') : '—',
    ];
  });
  const widths = [0, 1, 2].map((i) => Math.max(...[['SERVICE', 'DIALECT', 'DATABASES'][i], ...rows.map((r) => r[i])].map((c) => c.length)));
  const row = (cells: string[]) => `  ${cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join('  ')}`.trimEnd();
  out.push(row(['SERVICE', 'DIALECT', 'DATABASES', 'TABLES']), ...rows.map(row));

  out.push('', 'What each service is made of:');
  for (const s of proposal.services) {
    const rootFiles = [...new Set(s.rootTables.map((t) => t.file))].sort(compare);
    out.push(
      `  ${s.name} (${s.roots.join(', ')}): ${s.files} file(s), ${s.createdTables.length + s.rootTables.length} table(s)` +
        (s.rootTables.length > 0 ? ` (${s.rootTables.length} declared in ${rootFiles.join(', ')})` : ''),
    );
    if (s.found.length > 0) out.push(`    found: ${s.found.join(', ')}`);
    if (s.rootTables.length > 0) out.push(`    tables: ${describeRootTables(s.rootTables)}`);
    out.push(`    dialect: ${s.dialectNote}`);
  }
  if (proposal.notServices.length > 0) {
    out.push('', 'Not services:');
    for (const folder of proposal.notServices) out.push(`  ${folder.root}: ${folder.reason}`);
  }

  if (proposal.databases.length > 0) {
    out.push('', 'Database owners:');
    for (const d of proposal.databases) {
      if (d.owner) out.push(`  ${d.name} → ${d.owner} (${ownerReason(d)})`);
      else if (sharingServices(d).length > 1) out.push(`  ${d.name} → undecided: shared by ${sharingServices(d).join(', ')}`);
      else if (d.services.length > 1) out.push(`  ${d.name} → no owner needed: ${d.services.join(', ')} ${apartText(d)}`);
      else out.push(`  ${d.name} → undecided: no service connects to it${d.nameMatch ? ` (the name suggests ${d.nameMatch})` : ''}`);
    }
  }

  const undecided: string[] = [];
  for (const s of proposal.services) {
    if (s.files === 0) undecided.push(`service '${s.name}' has no files the linter reads under ${s.roots.join(', ')}`);
    else if (
      s.createdTables.length === 0 &&
      s.rootTables.length === 0 &&
      !proposal.conflicts.some((c) => c.creators.some((x) => x.service === s.name))
    )
      undecided.push(`service '${s.name}' creates no tables (no CREATE TABLE, ORM entity or Prisma model found)`);
  }
  for (const c of proposal.conflicts)
    undecided.push(`table '${c.table}' is created by ${c.creators.map((x) => `'${x.service}' (${x.file}:${x.line})`).join(' and ')}`);
  for (const name of proposal.withoutDatabase)
    undecided.push(`service '${name}' has no database settings (.env.example, DB_NAME / DATABASE_URL defaults)`);
  for (const d of proposal.databases.filter((x) => !x.owner && sharingServices(x).length > 1))
    undecided.push(
      `database '${d.name}' is shared by ${sharingServices(d)
        .map((s) => `'${s}'`)
        .join(', ')}`,
    );
  for (const d of proposal.databases.filter((x) => !x.owner && x.services.length === 0)) {
    undecided.push(
      `database '${d.name}' (${d.declaredIn.join(', ')}) has no service connecting to it${d.nameMatch ? `; the name suggests '${d.nameMatch}'` : ''}`,
    );
  }
  if (proposal.unownedTables.length > 0) undecided.push(unownedTablesText(proposal.unownedTables));
  for (const file of proposal.rootFilesWithoutDatabase)
    undecided.push(`${file} creates tables outside every service without USE / CREATE DATABASE: add a "schemaFiles" entry`);
  for (const c of proposal.prefixCollisions)
    undecided.push(`prefix '${c.prefix}' fits ${c.services.map((s) => `'${s}'`).join(' and ')}: kept their default prefixes`);
  out.push(
    '',
    'Naming convention:',
    ...describeNaming(proposal.naming),
    ...describePrefixConvention(proposal.prefixConvention, proposal.services).map((text) => `  ${text}`),
  );
  if (undecided.length > 0) out.push('', 'Could not decide (marked TODO in the config):', ...undecided.map((text) => `  - ${text}`));
  return `${out.join('\n')}\n`;
}

/** `tables 'Post', 'User' are declared outside every service (in prisma/schema.prisma, …) and no service owns them`. */
function unownedTablesText(tables: readonly UnownedTable[]): string {
  const names = tables.map((t) => `'${t.name}'`).join(', ');
  const places = [...new Set(tables.flatMap((t) => t.files))].sort();
  const where = places.length > 3 ? `${places.slice(0, 3).join(', ')}, …` : places.join(', ');
  return tables.length === 1
    ? `table ${names} is declared outside every service (in ${where}) and no service owns it: add it to its owning service's "tables"`
    : `tables ${names} are declared outside every service (in ${where}) and no service owns them: add each to its owning service's "tables"`;
}

function describePrefixConvention(convention: PrefixConvention, services: ReadonlyArray<{ name: string; prefixes: string[] }>): string[] {
  const basis = `${convention.prefixed} of ${convention.of} services with tables share a prefix`;
  switch (convention.kind) {
    case 'unknown':
      return ['table prefixes: no service creates tables; each service keeps its default prefix'];
    case 'prefixed':
      return [`table prefixes: used (${basis}); a service whose tables share none keeps its default prefix`];
    case 'unprefixed':
      return [`table prefixes: not used (${basis}); "prefixes": [] where a service's tables share none, so table-prefix stays quiet there`];
    case 'mixed': {
      // A service with many tables (almost) none of which uses its default prefix names them without one (table-prefixes.ts).
      const own = services.filter((s) => s.prefixes.length === 0).map((s) => `'${s.name}'`);
      const except = own.length > 0 ? `, but ${own.join(', ')}, whose tables (almost) never use it, get "prefixes": []` : '';
      return [`table prefixes: mixed (${basis}); services whose tables share none keep their default prefix${except}`];
    }
  }
}

/** `12 tables, 80 columns and 30 named indexes or constraints in 4 files`. */
function describeDefinitions(naming: Pick<LearnedNaming, 'definitions'>): string {
  const { files, tables, columns, indexes } = naming.definitions;
  return `${tables} table(s), ${columns} column(s) and ${indexes} named index(es) or constraint(s) in ${files} file(s)`;
}

function describeNaming(naming: LearnedNaming): string[] {
  const out = [`  learned from ${describeDefinitions(naming)}`];
  for (const aspect of naming.aspects) {
    const verdict =
      aspect.verdict === 'standard'
        ? 'as the defaults expect'
        : aspect.verdict === 'learned'
          ? 'written to the rules'
          : aspect.verdict === 'mixed'
            ? 'no convention: defaults kept'
            : 'too little evidence: defaults kept';
    out.push(`  ${aspect.aspect}: ${aspect.text} (${verdict})`);
  }
  const standard = naming.aspects.every((aspect) => aspect.verdict === 'standard' || aspect.verdict === 'unknown');
  out.push(
    naming.rules.length > 0
      ? `  wrote settings for ${naming.rules.map((r) => r.id).join(', ')}`
      : standard
        ? "  no naming settings written: the schema follows the rules' defaults (the audit standard)"
        : '  no naming settings written: the rules keep their defaults',
  );
  // Per service, where its own schema decides a rule otherwise: what it shows, and what is written for its files.
  for (const service of naming.services) {
    out.push(
      service.outside
        ? `  files outside every service in ${service.files.join(', ')}, from their own ${describeDefinitions(service.naming)}:`
        : `  service '${service.service}' (${service.files.join(', ')}), from its own ${describeDefinitions(service.naming)}:`,
    );
    const shown = new Set(service.rules.flatMap((rule) => RULE_ASPECTS[rule.id] ?? []));
    for (const aspect of service.naming.aspects)
      if (shown.has(aspect.aspect) && aspect.verdict !== 'unknown') out.push(`    ${aspect.aspect}: ${aspect.text}`);
    out.push(`    wrote "overrides" for its files: ${service.rules.map((r) => r.id).join(', ')}`);
  }
  return out;
}
