/**
 * Moleculer projects: one package.json, and each service a file (`services/orders.service.js`,
 * the Moleculer CLI template's layout, run by `moleculer-runner services/**\/*.service.js` and
 * deployed one per container with `SERVICES=orders`). The folder holds every service, so a folder
 * is no service here: each service file is, named by its schema's `name:`. Shared code
 * (`mixins/`, `moleculer.config.js`) stays outside every service.
 *
 * The template's database mixin is a factory called with the service's database
 * (`mixins: [DbMixin("orders_db")]`): those literal arguments are kept as the service's database
 * candidates; the model accepts one only when the repository's SQL declares a database of exactly
 * that name (see argument-databases.ts), as a collection name passed the same way declares none.
 */
import path from 'node:path';
import { readTreeTextIfReadable } from '../io/source-tree.js';
import { computeLineStarts, positionAt } from '../analysis/text.js';
import type { PackageManifest } from '../analysis/package-manifest.js';
import type { PackageIndex } from './packages.js';

/** Where the runner looks for services by default, below the project folder. */
const SERVICE_FILE = /^services\/(?:[^/]+\/)*[^/]+\.service\.[cm]?[jt]s$/;
const TEST_PATH = /(?:^|\/)(?:__tests__|tests?|e2e)\/|\.(?:test|spec)\.[cm]?[jt]s$/;
const MAX_FILE_BYTES = 512 * 1024;

/** A literal the service passes to a mixin factory, with where it is written. */
export interface DatabaseArgument {
  value: string;
  /** The call as written, shortened (`DbMixin("orders_db")`). */
  call: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface MoleculerService {
  name: string;
  /** Repo-relative service file. */
  file: string;
  /** The project's package.json folder (`''` at the repository root). */
  project: string;
  databaseArguments: DatabaseArgument[];
}

/** Whether a package is a Moleculer project: the `moleculer` dependency, or a `moleculer.config` file beside its package.json. */
export function isMoleculerProject(manifest: PackageManifest, folder: string, listed: readonly string[]): boolean {
  if ([...manifest.dependencies, ...manifest.otherDependencies].includes('moleculer')) return true;
  const prefix = folder ? `${folder}/` : '';
  return listed.some((file) => file.startsWith(prefix) && /^moleculer\.config\.[cm]?[jt]s$/.test(file.slice(prefix.length)));
}

/** The service files of the Moleculer project at `folder`, each read for its name and its mixin arguments. */
export function moleculerServices(folder: string, files: readonly string[], packages: PackageIndex): MoleculerService[] {
  const prefix = folder ? `${folder}/` : '';
  const out: MoleculerService[] = [];
  for (const file of files) {
    if (!file.startsWith(prefix)) continue;
    const inner = file.slice(prefix.length);
    if (!SERVICE_FILE.test(inner) || TEST_PATH.test(inner)) continue;
    // Unreadable here is reported when the file is analysed; it is still a service file.
    const text = readTreeTextIfReadable(packages.tree, file, MAX_FILE_BYTES);
    const stem = path.posix.basename(file).replace(/\.service\.[cm]?[jt]s$/, '');
    out.push({
      name: (text && schemaName(text)) ?? stem,
      file,
      project: folder,
      databaseArguments: text ? mixinArguments(file, text) : [],
    });
  }
  // Two files with one schema name (versions of a service) keep apart by their file names.
  const counts = new Map<string, number>();
  for (const service of out) counts.set(service.name, (counts.get(service.name) ?? 0) + 1);
  for (const service of out)
    if (counts.get(service.name)! > 1) service.name = path.posix.basename(service.file).replace(/\.service\.[cm]?[jt]s$/, '');
  return out.sort((a, b) => (a.file < b.file ? -1 : 1));
}

/**
 * The schema's `name: "orders"`: the first `name:` of the code (nested objects come after it in
 * the template), never one in a comment (`// name: "legacy-orders"` above the schema) or inside a
 * string. One linear pass that skips comments, strings and regex literals.
 */
export function schemaName(text: string): string | undefined {
  const NAME_VALUE = /name\s*:\s*(["'`])([A-Za-z][\w.-]*)\1/y;
  let previous = ''; // the last significant code character: tells a regex literal from a division
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      if (end < 0) return undefined;
      i = end;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return undefined;
      i = end + 1;
    } else if (c === '"' || c === "'" || c === '`' || (c === '/' && (previous === '' || '(,=:[!&|?{};+-*%<>~^'.includes(previous)))) {
      i = closingQuote(text, i);
      if (i < 0) return undefined;
      previous = c;
    } else if (c === 'n' && !/[\w$.]/.test(text[i - 1] ?? '')) {
      NAME_VALUE.lastIndex = i;
      const match = NAME_VALUE.exec(text);
      if (match) return match[2];
      previous = c;
    } else if (!/\s/.test(c)) previous = c;
  }
  return undefined;
}

/** Where the string, template or regex literal opened at `start` closes (its last character); -1 when it never does. */
function closingQuote(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === quote) return i;
    // A quote or regex never spans a line; a template may.
    else if (c === '\n' && quote !== '`') return i;
  }
  return -1;
}

/**
 * String literals passed to calls inside the schema's `mixins: [...]` array (up to its first `]`).
 * Each list is searched for its `]` once and what lies inside it is skipped: a regex matching the
 * whole list rescanned to the end of the file from every unclosed `mixins: [` (a hostile
 * repository's 450 KB service file: 11 s).
 */
export function mixinArguments(file: string, text: string): DatabaseArgument[] {
  const out: DatabaseArgument[] = [];
  let lineStarts: number[] | undefined;
  let close = -1;
  for (const list of text.matchAll(/\bmixins\s*:\s*\[/g)) {
    const start = list.index + list[0].length;
    if (start <= close) continue; // inside the list just read, as a regex match of the whole list would skip it
    close = text.indexOf(']', start);
    if (close < 0) break; // no list after this one closes either
    // A callee starts where no name character precedes it: from inside a dotted chain each '.' would start a rescan to
    // the chain's end (a 40,000-character `a.a.a…` list: 0.7 s, quadratic).
    for (const call of text.slice(start, close).matchAll(/(?<![\w$.])([A-Za-z_$][\w$.]*)\s*\(\s*(["'])([A-Za-z_][\w$-]*)\2/g)) {
      const offset = start + call.index + call[0].length - call[3].length - 2; // the opening quote
      lineStarts ??= computeLineStarts(text);
      const { line, column } = positionAt(lineStarts, offset);
      out.push({
        value: call[3],
        call: `${call[1]}(${call[2]}${call[3]}${call[2]})`,
        file,
        line,
        column,
        endLine: line,
        endColumn: column + call[3].length + 2,
      });
    }
  }
  return out;
}
