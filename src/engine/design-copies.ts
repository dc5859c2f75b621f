import path from 'node:path';
import { ENGINE_NAMES_INSIDE_WORDS, isEngineWord } from '../analysis/engine-names.js';
import type { Diagnostic, RelatedLocation } from './types.js';

/**
 * One table design, many copies: a schema kept once per engine (`SQL/mysql.initial.sql`, `SQL/postgres.initial.sql`),
 * or an extension's install script of every released version (`pglogical--1.0.0.sql` … `--2.4.2.sql`), repeats each
 * `CREATE TABLE`. A naming finding is about the design, so it is reported once: at the first copy (in file order),
 * with the other copies as related locations. Copies are the same rule and message in one component: the service
 * that holds the files, or, outside every service, the folder with its engine names set aside (`main/mysql/`,
 * `main/postgresql/`; `gmysqlbackend/`, `gpgsqlbackend/`). Suppressed findings and findings that carry a fix stay as
 * they are: a directive or the baseline keeps its own copy, and `--fix` edits each file.
 */
export function foldDesignCopies(
  diagnostics: readonly Diagnostic[],
  isDesignRule: (ruleId: string) => boolean,
  serviceOf: (file: string) => string | undefined,
): Diagnostic[] {
  const first = new Map<string, Diagnostic>();
  const folded = new Map<Diagnostic, RelatedLocation[]>();
  const out: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.suppressed || diagnostic.fix || !isDesignRule(diagnostic.ruleId)) {
      out.push(diagnostic);
      continue;
    }
    const service = serviceOf(diagnostic.file);
    const component = service !== undefined ? `service:${service}` : `folder:${copyFolder(diagnostic.file)}`;
    const key = `${diagnostic.ruleId}\0${component}\0${diagnostic.message}`;
    const kept = first.get(key);
    if (kept === undefined) {
      first.set(key, diagnostic);
      out.push(diagnostic);
      continue;
    }
    const related = folded.get(kept) ?? [];
    folded.set(kept, related);
    const at = { file: diagnostic.file, range: rangeOf(diagnostic), message: 'The same definition, another copy of this design' };
    const known = [...(kept.related ?? []), ...related];
    if (!known.some((r) => r.file === at.file && r.range.line === at.range.line && r.range.column === at.range.column)) related.push(at);
  }
  if (folded.size === 0) return out;
  return out.map((d) => {
    const more = folded.get(d);
    return more && more.length > 0 ? { ...d, related: [...(d.related ?? []), ...more] } : d;
  });
}

function rangeOf(d: Diagnostic) {
  return { line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn };
}

// Engines' names (src/analysis/engine-names.ts), with a version: every whole word (`pg`, `mysql8`; `pg` is inside
// `upgrade`), then the long ones anywhere in a name (`gmysqlbackend`, `gsqlite3backend`), longest first.
const ENGINE_IN_NAME = new RegExp(`(?:${ENGINE_NAMES_INSIDE_WORDS.join('|')})\\d*`, 'g');

function maskEngineWords(segment: string): string {
  return segment.replace(/[a-z0-9]+/g, (word) => (isEngineWord(word) ? '*' : word));
}

/** The folder of a file outside every service, its engine names set aside: the copies of one schema share it. */
export function copyFolder(file: string): string {
  const folder = path.posix.dirname(file);
  return folder
    .split('/')
    .map((segment) => maskEngineWords(segment.toLowerCase()).replace(ENGINE_IN_NAME, '*'))
    .join('/');
}
