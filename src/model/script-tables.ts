/**
 * Tables a script makes, or finds, for itself while it runs (HELDOUT9 #18). A SQLite table rebuild creates a copy,
 * fills it from the old table, drops that and renames the copy (`CREATE TABLE auth_new …; INSERT INTO auth_new … FROM
 * auth; DROP TABLE auth; ALTER TABLE auth_new RENAME TO auth`), or, in a down, moves the table aside first (`ALTER TABLE
 * auth RENAME TO auth_temp; CREATE TABLE auth …; INSERT … FROM auth_temp; DROP TABLE auth_temp`); a down recreates the
 * table its up dropped and fills it; a migration dropping a table reads it first (Logto's `insert … select … from settings`
 * then `drop table settings`, a table of a schema older than the repository's history).
 *
 * Within one phase of a file — its code outside any migration `down`, or one `down` — in the order of its SQL: a name the
 * phase has created, or renamed a table to, is that table from there on; a name it drops (plain `DROP TABLE`, which fails
 * on a missing table: `IF EXISTS` says nothing) or renames away is a table that exists up to there. A reference there
 * that nothing else resolves is to the script's own table. The table history (table-history.ts) is untouched: it replays
 * up migrations across files, and these names are the script's moment, not the schema.
 */
import type { FileFacts, SqlAnalysis, SqlTableRef } from '../analysis/facts.js';
import { droppedTables } from './table-history.js';

/** Where one name is made and removed in a phase: positions as [SQL text's place in the file, offset in that SQL]. */
interface NameSpan {
  made?: Position;
  removed?: Position;
}
type Position = readonly [number, number];

/** True when the reference at `siteIndex` (undefined: the file's own SQL) names a table the script holds there. */
export type ScriptTables = (siteIndex: number | undefined, ref: SqlTableRef) => boolean;

const byFile = new WeakMap<FileFacts, ScriptTables>();
const NONE: ScriptTables = () => false;
const DROP_IF_EXISTS = /^\s*DROP\s+TABLE\s+IF\s+EXISTS\b/i;

export function scriptTablesOf(file: FileFacts): ScriptTables {
  let found = byFile.get(file);
  if (found) return found;
  found = build(file);
  byFile.set(file, found);
  return found;
}

function build(file: FileFacts): ScriptTables {
  const texts: Array<{ analysis: SqlAnalysis; siteIndex: number | undefined; at: number }> = file.sql
    ? [{ analysis: file.sql, siteIndex: undefined, at: 0 }]
    : (file.embeddedAnalyses ?? []).map((analysis, i) => ({
        analysis,
        siteIndex: i,
        at: file.script?.embeddedSql[i]?.fileSpan.start ?? 0,
      }));
  const down = file.script?.migrationDown ?? [];
  const phaseOf = (at: number) => down.findIndex((span) => span.start <= at && at < span.end);
  const phases = new Map<number, Map<string, NameSpan>>();
  const textAt = new Map<number | undefined, { phase: number; at: number }>();
  for (const { analysis, siteIndex, at } of texts) {
    const phase = file.sql ? -1 : phaseOf(at);
    textAt.set(siteIndex, { phase, at });
    for (const statement of analysis.statements) {
      const made = (name: string, qualifier: string | undefined, offset: number) => {
        const spans = names(phases, phase, key(name, qualifier));
        if (!spans.made || before([at, offset], spans.made)) spans.made = [at, offset];
      };
      const removed = (name: string, qualifier: string | undefined, offset: number) => {
        const spans = names(phases, phase, key(name, qualifier));
        if (!spans.removed || before(spans.removed, [at, offset])) spans.removed = [at, offset];
      };
      for (const table of statement.tables) {
        if (table.kind === 'create') made(table.name, table.qualifier, table.span.start);
        if (table.renamedTo) {
          removed(table.name, table.qualifier, table.span.start);
          made(table.renamedTo.name, table.renamedTo.qualifier ?? table.qualifier, table.renamedTo.span.start);
        }
      }
      if (!DROP_IF_EXISTS.test(statement.text))
        for (const ref of droppedTables(statement)) removed(ref.name, ref.qualifier, ref.span.start);
    }
  }
  if (phases.size === 0) return NONE;
  return (siteIndex, ref) => {
    const text = textAt.get(siteIndex);
    const spans = text && phases.get(text.phase)?.get(key(ref.name, ref.qualifier));
    if (!text || !spans) return false;
    const here: Position = [text.at, ref.span.start];
    return (spans.made !== undefined && before(spans.made, here)) || (spans.removed !== undefined && !before(spans.removed, here));
  };
}

function names(phases: Map<number, Map<string, NameSpan>>, phase: number, name: string): NameSpan {
  let inPhase = phases.get(phase);
  if (!inPhase) phases.set(phase, (inPhase = new Map<string, NameSpan>()));
  let spans = inPhase.get(name);
  if (!spans) inPhase.set(name, (spans = {}));
  return spans;
}

const key = (name: string, qualifier: string | undefined) => `${(qualifier ?? '').toLowerCase()}\0${name.toLowerCase()}`;
const before = (a: Position, b: Position) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
