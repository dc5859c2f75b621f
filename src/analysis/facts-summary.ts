/**
 * The summary the facts cache stores beside each file's facts (FactsSummary in facts.ts): what the scans over every
 * file would find in them, so a warm run decodes only the files a scan needs.
 */
import type { FactsSummary, FileFacts, SqlAnalysis } from './facts.js';
import { spanToRange } from './text.js';

export function summariseFacts(facts: Omit<FileFacts, 'text'>): FactsSummary {
  const summary: FactsSummary = { kind: facts.kind };
  if (facts.problems.some((problem) => problem.unanalysed)) summary.unanalysed = true;
  if (facts.script?.folderTemplates?.length) summary.folderTemplates = true;
  if (facts.script?.migrationRunners?.length) summary.migrationRunners = true;
  const sequences = new Set<string>();
  const analyses: Array<SqlAnalysis | undefined> = [facts.sql, ...(facts.embeddedAnalyses ?? [])];
  for (const analysis of analyses)
    for (const statement of analysis?.statements ?? []) {
      if (statement.tables.length > 0) summary.tableDefinitions = true;
      for (const sequence of statement.sequences ?? []) sequences.add(sequence.name.toLowerCase());
    }
  if (sequences.size > 0) summary.sequences = [...sequences].sort();
  if (facts.script?.builderCtes) summary.builderCtes = facts.script.builderCtes;
  if (facts.sql?.byTokensOnly) summary.sqlByTokensOnly = facts.sql.byTokensOnly;
  const flow = flowSyntaxPlace(facts);
  if (flow) summary.flowSyntax = flow;
  const named = namedTables(facts);
  if (named.length > 0) summary.namedTables = named;
  if (facts.script?.imports.length) summary.imports = [...new Set(facts.script.imports.map((fact) => fact.specifier))];
  const fingerprints = new Set<string>();
  collectFingerprints(facts, fingerprints);
  if (fingerprints.size > 0) summary.fingerprints = [...fingerprints].sort();
  return summary;
}

/** Where TypeScript's parser first stopped in a Flow-typed file, and how many errors it set aside (FactsSummary.flowSyntax). */
export function flowSyntaxPlace(facts: Pick<FileFacts, 'script' | 'lineStarts'>): FactsSummary['flowSyntax'] {
  const flow = facts.script?.flowSyntax;
  if (!flow) return undefined;
  const { line, column } = spanToRange(facts.lineStarts, flow.fileSpan);
  return { errors: flow.errors, line, column };
}

/**
 * The table names a file's SQL (of the file or embedded) refers to or defines and its ORM calls and entities name,
 * lower-cased, once each, sorted: what src/model/unmatched-table-patterns.ts knows of the file.
 */
export function namedTables(facts: Pick<FileFacts, 'sql' | 'embeddedAnalyses' | 'script'>): string[] {
  const names = new Set<string>();
  const add = (name: string) => names.add(name.toLowerCase());
  for (const analysis of [facts.sql, ...(facts.embeddedAnalyses ?? [])])
    for (const statement of analysis?.statements ?? []) {
      for (const ref of statement.tableRefs) add(ref.name);
      for (const table of statement.tables) add(table.name);
    }
  for (const ref of facts.script?.ormRefs ?? []) add(ref.name);
  for (const entity of facts.script?.ormEntities ?? []) if (entity.table) add(entity.table);
  return [...names].sort();
}

/** Every `fingerprint` string below `value`: all the facts' secret descriptors, wherever an extractor put them. */
function collectFingerprints(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (typeof value[i] === 'object' && value[i] !== null) collectFingerprints(value[i], into);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (key === 'lineStarts') continue;
    const item = record[key];
    if (key === 'fingerprint' && typeof item === 'string') into.add(item);
    else if (typeof item === 'object' && item !== null) collectFingerprints(item, into);
  }
}
