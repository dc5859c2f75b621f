/**
 * Table names embedded SQL builds from a hole whose value its file shows without fixing it: the
 * branches of a conditional (`FROM ${archived ? 'orders_archive' : 'orders'}` reads both), and a
 * constant another module exports (`FROM ${TABLES.PATIENTS}` with `import { TABLES } from
 * '../db/tables'`), read in that module — through re-exports (an index barrel, `export * from`),
 * `export default`, CommonJS exports and workspace packages, as module resolution finds it. The
 * analysis is per file, so the hole's import is a fact of the using file (EmbeddedSql.holes) and
 * the constant one of the exporting file (ScriptFacts.exportedStrings); only the model sees both.
 */
import type { EmbeddedSql, FileFacts, OrmOrigin, SqlStatement, SqlTableRef } from '../analysis/facts.js';
import { HOLE_PREFIX } from '../analysis/facts.js';
import type { ProjectModel } from './model.js';
import { findExported } from './module-exports.js';

/** How many names one reference may stand for (every combination of its holes' values). */
const MAX_NAMES = 16;
const HOLE = new RegExp(`${HOLE_PREFIX}(\\d+)__`, 'g');
const NAME = /^[A-Za-z_][\w$]*$/;

const stringsOf = new WeakMap<ProjectModel, Map<string, Map<string, string>>>();

/** Each module's exported string constants by name. */
function exportedStrings(model: ProjectModel): Map<string, Map<string, string>> {
  let index = stringsOf.get(model);
  if (!index) {
    index = new Map();
    for (const file of model.files)
      if (file.script?.exportedStrings) index.set(file.path, new Map(file.script.exportedStrings.map((s) => [s.name, s.value])));
    stringsOf.set(model, index);
  }
  return index;
}

/** The value of the constant `origin` imports into `fromFile`, read at `members`; undefined when the repository does not fix it. */
export function importedString(model: ProjectModel, fromFile: string, origin: OrmOrigin, members: readonly string[]): string | undefined {
  const target = model.resolveModule(fromFile, origin.specifier)?.file;
  if (!target) return undefined;
  const path = origin.imported === '*' ? [...members] : [origin.imported, ...members];
  if (path.length === 0) return undefined;
  const strings = exportedStrings(model);
  return findExported(model, target, path.join('.'), (file, name) => {
    const own = strings.get(file);
    // A CommonJS module's `module.exports = {…}` is what a default import gets.
    return own?.get(name) ?? (name.startsWith('default.') ? own?.get(name.slice('default.'.length)) : undefined);
  });
}

/**
 * The references `statement` (of the embedded SQL `site` of `file`) makes through holes with
 * known values: each of its hole-built names (SqlStatement.holeRefs) with every value its holes may
 * take, at the name's span. A name with a hole of unknown value is no reference, as before.
 */
export function holeTableRefs(model: ProjectModel, file: FileFacts, site: EmbeddedSql, statement: SqlStatement): SqlTableRef[] {
  if (!statement.holeRefs) return [];
  const holes = site.holes ?? [];
  const valuesOf = new Map<number, string[]>();
  const candidates = (index: number): string[] => {
    let values = valuesOf.get(index);
    if (values) return values;
    const hole = holes.find((h) => h.index === index);
    values = [...(hole?.values ?? [])];
    for (const imported of hole?.imports ?? []) {
      const value = importedString(model, file.path, imported.origin, imported.members);
      if (value !== undefined && !values.includes(value)) values.push(value);
    }
    valuesOf.set(index, values);
    return values;
  };
  const out: SqlTableRef[] = [];
  for (const ref of statement.holeRefs) {
    // Only the qualifier unknown (`${process.env.CLINICAL_DB}.patients`): the table is named, read as a bare name is.
    const qualifier = ref.qualifier !== undefined && !holesKnown(ref.qualifier, candidates) ? undefined : ref.qualifier;
    const written = qualifier === undefined ? ref.name : `${qualifier}\u0000${ref.name}`;
    for (const text of substitutions(written, candidates)) {
      const [qualifier, name] = text.includes('\u0000') ? text.split('\u0000') : splitQualified(text);
      if (!NAME.test(name) || (qualifier !== undefined && !NAME.test(qualifier))) continue;
      out.push({ name, ...(qualifier !== undefined ? { qualifier } : {}), action: ref.action, span: ref.span });
    }
  }
  return out;
}

/** Whether every hole of `text` has a value. */
function holesKnown(text: string, candidates: (index: number) => string[]): boolean {
  for (const m of text.matchAll(HOLE)) if (candidates(Number(m[1])).length === 0) return false;
  return true;
}

/** `schema.table` → [schema, table]; a bare name has no qualifier. */
function splitQualified(text: string): [string | undefined, string] {
  const dot = text.lastIndexOf('.');
  return dot < 0 ? [undefined, text] : [text.slice(0, dot), text.slice(dot + 1)];
}

/** `text` with every hole placeholder replaced by each combination of its values (none when a hole has none). */
function substitutions(text: string, candidates: (index: number) => string[]): string[] {
  let out = [''];
  let at = 0;
  for (const m of text.matchAll(HOLE)) {
    const values = candidates(Number(m[1]));
    if (values.length === 0) return [];
    const literal = text.slice(at, m.index);
    const next: string[] = [];
    for (const prefix of out) for (const value of values) if (next.length < MAX_NAMES) next.push(prefix + literal + value);
    out = next;
    at = m.index + m[0].length;
  }
  return out.map((prefix) => prefix + text.slice(at));
}
