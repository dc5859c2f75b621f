/**
 * sqlc's config (`sqlc.yaml`, `sqlc.yml`, `sqlc.json` in a service's folder) names the schema the service's queries
 * are compiled against: `schema:` of each `sql:` entry (version 2) or `packages:` entry (version 1), a file or a
 * folder (a migrations folder sqlc reads as golang-migrate, goose, dbmate… write it), or a list of them, relative to
 * the config. A monorepo may keep every service's schema in one folder outside the services
 * (`schema: ../../db/schema/inventory.sql`): the tables created there are the service's, as a Flyway config's
 * `locations` are its tool's. Read as text (a YAML key scan, JSON parsed), never run.
 */
import path from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';

export const SQLC_CONFIG_NAMES = ['sqlc.yaml', 'sqlc.yml', 'sqlc.json'] as const;

/** The `schema` paths the config's text names, as written (relative to the config's folder). */
export function sqlcSchemaPaths(name: string, text: string): string[] {
  return name.endsWith('.json') ? jsonSchemaPaths(text) : yamlSchemaPaths(text);
}

function jsonSchemaPaths(text: string): string[] {
  const errors: ParseError[] = [];
  const config: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || typeof config !== 'object' || config === null) return [];
  const out: string[] = [];
  for (const key of ['sql', 'packages']) {
    const entries = (config as Record<string, unknown>)[key];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      const schema = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).schema : undefined;
      for (const value of Array.isArray(schema) ? schema : [schema]) if (typeof value === 'string') out.push(value);
    }
  }
  return out;
}

/** `schema: x`, `schema: "x"`, `schema: [a, b]`, or `schema:` followed by a block list of `- x` items. */
function yamlSchemaPaths(text: string): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const at = schemaKey(line);
    if (at < 0) continue;
    const value = withoutComment(line.slice(at)).trim();
    if (value.startsWith('[')) {
      const close = value.indexOf(']');
      for (const item of value.slice(1, close < 0 ? value.length : close).split(',')) pushScalar(out, item);
    } else if (value !== '') pushScalar(out, value);
    else {
      const indent = line.length - line.trimStart().length;
      for (let j = i + 1; j < lines.length; j++) {
        const next = lines[j];
        const trimmed = next.trim();
        if (trimmed === '' || trimmed.startsWith('#')) continue;
        if (next.length - next.trimStart().length < indent || !trimmed.startsWith('- ')) break;
        pushScalar(out, withoutComment(trimmed.slice(2)));
      }
    }
  }
  return out;
}

/** Where the value of a `schema:` key starts on the line (after indentation and an optional `- ` of a list item), or -1. */
function schemaKey(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  if (line[i] === '-' && line[i + 1] === ' ') {
    i += 2;
    while (i < line.length && line[i] === ' ') i++;
  }
  for (const quote of ['', '"', "'"]) {
    const key = `${quote}schema${quote}:`;
    if (line.startsWith(key, i)) return i + key.length;
  }
  return -1;
}

/** A YAML value without its trailing ` # comment` (a `#` inside quotes is kept). */
function withoutComment(value: string): string {
  let quote = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || value[i - 1] === ' ' || value[i - 1] === '\t')) return value.slice(0, i);
  }
  return value;
}

function pushScalar(out: string[], raw: string): void {
  let value = raw.trim().replace(/\r$/, '');
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) value = value.slice(1, -1);
  if (value !== '') out.push(value);
}

/**
 * The schema paths of the config in `folder`, resolved from the repository root: inside the repository, no glob, a
 * file or folder that holds a listed file.
 */
export function resolvedSchemaPaths(folder: string, written: readonly string[], files: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of written) {
    if (path.posix.isAbsolute(entry) || /[*?[\]{}]/.test(entry)) continue;
    const resolved = path.posix.normalize(folder === '' || folder === '.' ? entry : `${folder}/${entry}`).replace(/\/+$/, '');
    if (resolved === '.' || resolved === '' || resolved.startsWith('..')) continue;
    if (files.some((f) => f === resolved || f.startsWith(`${resolved}/`)) && !out.includes(resolved)) out.push(resolved);
  }
  return out;
}
