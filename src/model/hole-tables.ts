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

/** How many re-exports deep a constant is followed. */
const MAX_DEPTH = 8;
/** How many names one reference may stand for (every combination of its holes' values). */
const MAX_NAMES = 16;
const HOLE = new RegExp(`${HOLE_PREFIX}(\\d+)__`, 'g');
const NAME = /^[A-Za-z_][\w$]*$/;

interface ExportIndex {
  strings: Map<string, Map<string, string>>;
  reexports: Map<string, NonNullable<NonNullable<FileFacts['script']>['reexports']>>;
}

const indexOf = new WeakMap<ProjectModel, ExportIndex>();

function exportIndex(model: ProjectModel): ExportIndex {
  let index = indexOf.get(model);
  if (!index) {
    index = { strings: new Map(), reexports: new Map() };
    for (const file of model.files) {
      const script = file.script;
      if (script?.exportedStrings) index.strings.set(file.path, new Map(script.exportedStrings.map((s) => [s.name, s.value])));
      if (script?.reexports) index.reexports.set(file.path, script.reexports);
    }
    indexOf.set(model, index);
  }
  return index;
}

/** The value of the constant `origin` imports into `fromFile`, read at `members`; undefined when the repository does not fix it. */
export function importedString(model: ProjectModel, fromFile: string, origin: OrmOrigin, members: readonly string[]): string | undefined {
  const target = model.resolveModule(fromFile, origin.specifier)?.file;
  if (!target) return undefined;
  const path = origin.imported === '*' ? [...members] : [origin.imported, ...members];
  return path.length === 0 ? undefined : exportedString(model, exportIndex(model), target, path.join('.'), 0);
}

/** What module `file` exports as `name` (`TABLES.PATIENTS`, `default.PATIENTS`), following its re-exports. */
function exportedString(model: ProjectModel, index: ExportIndex, file: string, name: string, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const own = index.strings.get(file);
  const value = own?.get(name) ?? (name.startsWith('default.') ? own?.get(name.slice('default.'.length)) : undefined);
  if (value !== undefined) return value;
  const dot = name.indexOf('.');
  const head = dot < 0 ? name : name.slice(0, dot);
  const rest = dot < 0 ? undefined : name.slice(dot + 1);
  for (const reexport of index.reexports.get(file) ?? []) {
    if (reexport.exported !== '*' && reexport.exported !== head) continue;
    const target = reexport.specifier === undefined ? file : model.resolveModule(file, reexport.specifier)?.file;
    if (!target) continue;
    let next: string | undefined;
    if (reexport.exported === '*') next = reexport.specifier === undefined ? undefined : name;
    else if (reexport.imported === '*') next = rest;
    else next = rest === undefined ? reexport.imported : `${reexport.imported}.${rest}`;
    if (next === undefined || (target === file && next === name)) continue;
    const found = exportedString(model, index, target, next, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The references `statement` (of the embedded SQL `site` of `file`) makes through holes with
 * known values: each of its hole-built names (SqlStatement.holeRefs) with every value its holes may
 * take, at the name's span. A name with a hole of unknown value is no reference, as before.
 */
export function holeTableRefs(model: ProjectModel, file: FileFacts, site: EmbeddedSql, statement: SqlStatement): SqlTableRef[] {
  if (!statement.holeRefs || !site.holes) return [];
  const holes = site.holes;
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
    const written = ref.qualifier === undefined ? ref.name : `${ref.qualifier}\u0000${ref.name}`;
    for (const text of substitutions(written, candidates)) {
      const [qualifier, name] = text.includes('\u0000') ? text.split('\u0000') : splitQualified(text);
      if (!NAME.test(name) || (qualifier !== undefined && !NAME.test(qualifier))) continue;
      out.push({ name, ...(qualifier !== undefined ? { qualifier } : {}), action: ref.action, span: ref.span });
    }
  }
  return out;
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
