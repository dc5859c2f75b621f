/**
 * What the project model is built from in one file's facts, as one string: two contents of a file
 * with the same signature give the same model (services' databases, tables and their history,
 * ORM definitions and registrations, module resolution, dialect decisions), so the language
 * server may keep the model after an edit and only swap the file's facts in. Anything the model
 * builder reads is in; what only rules read — queries, ORM uses, env reads, comments, syntax
 * problems — is out, except where it feeds the model: the DDL of SQL and ORM schema calls enters
 * as the table events it makes (with their ranges) and the renames and drops of columns, indexes
 * and constraints (the name history), and every SQL text and parse when the file's
 * service dialect was decided from SQL (or not at all). When unsure a field is in: a wrong
 * "unchanged" would publish stale findings, a wrong "changed" only costs a full run. The text is
 * not read where the facts have a content hash (the hash stands for it), so the facts a cache kept
 * of a file's earlier content can be signed without that content (src/stored-model.ts).
 */
import { FACTS_FIELDS, type FileFacts } from '../analysis/facts.js';
import { ddlEventsOf } from './ddl-events.js';
import { isMigrationToolFile } from './tool-migrations.js';
import type { ProjectModel } from './model.js';
import { soleDatabase } from './service-databases.js';
import type { ServiceDialect } from './service-dialect.js';

export interface SignatureContext {
  model: ProjectModel;
  /** Each service's dialect decision. */
  dialects: ReadonlyMap<string, ServiceDialect>;
  /** No config was read: naming settings are learned from every table, index and enum definition. */
  learnsNaming: boolean;
  /** Services were inferred from the folders: a file that opens a connection can make its folder one. */
  inferredServices: boolean;
}

/** Dialect decisions no SQL text or parse takes part in (service-dialect.ts: the levels above `sql-syntax`). */
const DECIDED_WITHOUT_SQL: ReadonlySet<ServiceDialect['basis']> = new Set(['config', 'declared', 'connection', 'lock-file']);

/** Facts only rules read; the model builder reads none of them (or reads them through `ddlEventsOf`, which is in). */
const RULES_ONLY = new Set([
  'text',
  'hash',
  'lineStarts',
  'comments',
  'problems',
  'secretSpans',
  'sql',
  'embeddedAnalyses',
  'opensConnection',
  // A Django migration's dependencies: migration-duplicate-version's, no table's history (tool-migrations.ts orders by number).
  'djangoMigration',
]);
const RULES_ONLY_SCRIPT = new Set(['embeddedSql', 'envReads', 'envWrites', 'syntaxProblems', 'flowSyntax', 'ormEntityUses', 'ormRefs']);

/**
 * The part of the signature that no other file decides: the file's own facts the builder reads, given only whether
 * the file is in a service. Two facts whose parts differ have different signatures under every model, so a run may
 * tell a change the model is built from before it has a model to sign under (src/stored-model.ts).
 */
export function declaredFacts(facts: Omit<FileFacts, 'text'>, inService: boolean): { file: object; script?: object } {
  return {
    // By the list of fields: facts decoded on first read answer them from their prototype (facts-codec.ts lazyFacts).
    file: Object.fromEntries(FACTS_FIELDS.filter((key) => !RULES_ONLY.has(key) && key !== 'script').map((key) => [key, facts[key]])),
    // What a module exports places names imported through a barrel, and only modules outside every service are
    // followed there (importing-services.ts): a service's own exports change no model.
    ...(facts.script
      ? {
          script: Object.fromEntries(
            Object.entries(facts.script).filter(([key]) => !RULES_ONLY_SCRIPT.has(key) && !(key === 'exports' && inService)),
          ),
        }
      : {}),
  };
}

export function declarationSignature(facts: FileFacts, context: SignatureContext): string {
  const { model } = context;
  const service = model.serviceOf(facts.path);
  const ddl = ddlEventsOf(facts, {
    migration: model.migrations.inMigrationFolder(facts.path),
    fileDatabase: model.fileDatabase(facts.path),
    soleDatabase: (dialect) => soleDatabase(service, dialect),
  });
  const basis = service ? context.dialects.get(service.name)?.basis : undefined;
  const sqlDecidesDialect = service !== undefined && (basis === undefined || !DECIDED_WITHOUT_SQL.has(basis));
  const analyses = [...(facts.sql ? [facts.sql] : []), ...(facts.embeddedAnalyses ?? [])];
  // The content where the whole text counts: its hash stands for it (the facts cache keeps no text, and a stored model
  // compares a changed file with the facts it was built from), the text itself where the run hashes nothing.
  const content = () => (facts.hash !== '' ? facts.hash : facts.text);
  // Offsets (spans) hold their meaning only with the line starts before them: a line break
  // typed above a connection setting moves its range without moving its offset.
  let lastOffset = 0;
  const replacer = (key: string, value: unknown) => {
    if ((key === 'start' || key === 'end') && typeof value === 'number' && value > lastOffset) lastOffset = value;
    return value;
  };
  const declared = declaredFacts(facts, service !== undefined);
  const kept = {
    file: declared.file,
    script: declared.script,
    ddl,
    // Which variables a service reads decides which prefixed keys of a shared env file are its (service-databases.ts).
    envReadNames: facts.script && [...new Set(facts.script.envReads.map((read) => read.name))].sort(),
    sql: sqlDecidesDialect
      ? { sites: facts.script?.embeddedSql.map((site) => site.text), analyses, text: facts.sql ? content() : undefined }
      : undefined,
    // Routine declarations (CREATE PROCEDURE/FUNCTION) are the model's routine owners (routines.ts), with their ranges.
    routines: analyses.flatMap((analysis) => analysis?.statements.flatMap((s) => s.routines ?? []) ?? []),
    naming: context.learnsNaming
      ? analyses.map((analysis) => analysis?.statements.map((s) => [s.tables, s.indexes, s.enumTypes]))
      : undefined,
    opensConnection: context.inferredServices ? facts.opensConnection === true : undefined,
    // A Sqitch plan, Liquibase changelog or Flyway config says which files are migrations, and in which order.
    migrationTool: isMigrationToolFile(facts.path) ? content() : undefined,
  };
  const json = JSON.stringify(kept, replacer);
  return `${json}\n${facts.lineStarts.filter((start) => start <= lastOffset).join(',')}`;
}
