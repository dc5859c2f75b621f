import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { isAlias, isMap, isScalar, isSeq, parseDocument } from './yaml-module.js';
import type { ComposeCommandEntry, ComposeService, EnvFileEntry, Span, SyntaxProblem } from './facts.js';
import { rejectedDocument } from './yaml-problems.js';
import { commandSecrets, isMysqlClient } from './command-secrets.js';

/**
 * `environment:` blocks of each docker-compose service, list or map form, and the files its
 * `env_file:` names. Never throws.
 * YAML anchors are followed as compose follows them: `environment: *db-env`, the merge key
 * `<<: *db-env` (or `<<: [*a, *b]`) inside `environment:` or at the service's level (an
 * `x-common: &common` extension field); the service's own keys win over merged ones. Entries read
 * through an alias keep the anchor's spans: that is where the text is.
 * A value that is only an interpolation with a default (`${APP_DB_NAME:-platform}`,
 * `${APP_DB_NAME-platform}`) is the default: what compose passes when the variable is unset, as
 * `process.env.DB_NAME || 'platform'` is in code. For a secret-named key too
 * (`POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-Pr0d-Fallback}`): the container gets that password
 * whenever the deployment does not set the variable (the entry's `defaultOf` names it).
 * A file the YAML parser rejects goes to `rejected` (what could be read is still returned):
 * a broken compose file must not hide its passwords silently.
 */
export function parseComposeFile(
  text: string,
  rejected?: (problem: SyntaxProblem) => void,
  projectName?: (name: string) => void,
): ComposeService[] {
  try {
    // Without pretty errors: yaml's prettifier rescans the whole line of every error, which is
    // quadratic on a one-line storm of quotes (400 KB took minutes).
    const doc = parseDocument(text, { keepSourceTokens: false, prettyErrors: false });
    if (doc.errors.length > 0) rejected?.(rejectedDocument(doc.errors, 0));
    // The top-level `name:` is the compose project's (else the folder's name): two files of one project share their containers.
    const name = doc.get('name', true);
    if (isScalar(name) && typeof name.value === 'string' && name.value.trim() !== '' && !name.value.includes('$'))
      projectName?.(name.value.trim().toLowerCase());
    const services = doc.get('services', true);
    if (!isMap(services)) return [];
    const out: ComposeService[] = [];
    for (const pair of services.items) {
      const service = resolved(doc, pair.value as Node | null);
      if (!isScalar(pair.key) || !isMap(service)) continue;
      const pairs = mergedPairs(doc, service);
      const env = resolved(doc, valueOf(pairs, 'environment'));
      const entries: EnvFileEntry[] = [];
      const interpolations: NonNullable<ComposeService['interpolations']> = [];
      const noteInterpolation = (key: string, written: string, span: Span) => {
        const variable = INTERPOLATION.exec(written)?.[1];
        if (variable) interpolations.push({ key, variable, span });
      };
      if (isMap(env)) {
        for (const item of mergedPairs(doc, env)) {
          if (!isScalar(item.key) || !item.key.range) continue;
          const value = isScalar(item.value) ? item.value : undefined;
          const [ks, ke] = item.key.range;
          const key = String(item.key.value);
          const [vs, ve] = value?.range ?? [ke, ke];
          const written = value ? String((value.value as string | number | boolean | null) ?? '') : '';
          noteInterpolation(key, written, { start: vs, end: ve });
          entries.push({ key, ...interpolationDefault(text, written, { start: vs, end: ve }), keySpan: { start: ks, end: ke } });
        }
      } else if (isSeq(env)) {
        for (const item of env.items) {
          if (!isScalar(item) || typeof item.value !== 'string' || !item.range) continue;
          const eq = item.value.indexOf('=');
          const key = eq < 0 ? item.value : item.value.slice(0, eq);
          const start = item.range[0] + (text[item.range[0]] === '"' || text[item.range[0]] === "'" ? 1 : 0);
          const valueSpan = { start: start + key.length + 1, end: start + item.value.length };
          if (eq >= 0) noteInterpolation(key, item.value.slice(eq + 1), valueSpan);
          entries.push({
            key,
            ...interpolationDefault(text, eq < 0 ? '' : item.value.slice(eq + 1), valueSpan),
            keySpan: { start, end: start + key.length },
          });
        }
      }
      const commands = [
        ...commandEntries(doc, text, pairs, 'command', 'command'),
        ...commandEntries(doc, text, pairs, 'entrypoint', 'entrypoint'),
      ];
      const healthcheck = resolved(doc, valueOf(pairs, 'healthcheck'));
      if (isMap(healthcheck)) commands.push(...commandEntries(doc, text, mergedPairs(doc, healthcheck), 'test', 'healthcheck'));
      const envFiles = envFilesOf(resolved(doc, valueOf(pairs, 'env_file')));
      const extended = extendsOf(resolved(doc, valueOf(pairs, 'extends')));
      const imageNode = resolved(doc, valueOf(pairs, 'image'));
      const image = isScalar(imageNode) && typeof imageNode.value === 'string' ? imageNode.value.trim() : '';
      out.push({
        service: String(pair.key.value),
        entries,
        ...(image !== '' && !image.includes('$') ? { image } : {}),
        ...(envFiles.length > 0 ? { envFiles } : {}),
        ...(extended ? { extends: extended } : {}),
        ...(interpolations.length > 0 ? { interpolations } : {}),
        ...(commands.length > 0 ? { commands } : {}),
      });
    }
    return out;
  } catch {
    return [];
  }
}

/**
 * The credential candidates of a service's `command:` / `entrypoint:` (or a healthcheck's `test:`): a string, or a
 * list whose items are words (`["-database", "postgres://…"]`) or shell lines (`["CMD-SHELL", "psql postgres://…"]`).
 * Each is located exactly where the file holds the scalar as written (plain or quoted without escapes) or holds the
 * candidate's text verbatim inside it, else at the whole scalar (a folded block, escapes).
 */
function commandEntries(
  doc: Document,
  text: string,
  pairs: readonly Pair[],
  name: string,
  where: ComposeCommandEntry['in'],
): ComposeCommandEntry[] {
  let pair: Pair | undefined;
  for (let i = pairs.length - 1; i >= 0 && !pair; i--) if (keyOf(pairs[i]) === name) pair = pairs[i];
  if (!pair || !isScalar(pair.key) || !pair.key.range) return [];
  const keySpan = { start: pair.key.range[0], end: pair.key.range[1] };
  const value = resolved(doc, pair.value as Node | null);
  const scalars = isSeq(value) ? value.items.map((item) => resolved(doc, item as Node)) : [value];
  const out: ComposeCommandEntry[] = [];
  // An exec-form list's items are one command's words: after a MySQL client's name, its `-p<password>` is one.
  let afterMysqlClient = false;
  for (const scalar of scalars) {
    if (!isScalar(scalar) || typeof scalar.value !== 'string' || !scalar.range) continue;
    const written = scalar.value;
    const found = commandSecrets(written, afterMysqlClient);
    if (isMysqlClient(written.trim())) afterMysqlClient = true;
    if (found.length === 0) continue;
    const [from, to] = scalar.range;
    const raw = text.slice(from, to);
    const base = raw === written ? from : raw.length === written.length + 2 && raw.slice(1, -1) === written ? from + 1 : undefined;
    for (const candidate of found) {
      let valueSpan: Span = { start: from, end: to };
      if (base !== undefined) valueSpan = { start: base + candidate.start, end: base + candidate.end };
      else {
        const at = raw.indexOf(candidate.value);
        if (at >= 0 && candidate.value !== '') valueSpan = { start: from + at, end: from + at + candidate.value.length };
      }
      // `$$` is compose's escape of a `$` the container's shell expands (`--password=$$DB_PASSWORD`): a reference, as `$DB_PASSWORD` is.
      const value = candidate.value.replaceAll('$$', '$');
      out.push({ key: candidate.key === 'url' ? where : candidate.key, value, keySpan, valueSpan, in: where });
    }
  }
  return out;
}

/** Aliases followed this many times in a row at most: a hostile file must not loop. */
const MAX_ALIAS_DEPTH = 16;

/** The node an alias names (an alias of an alias, too); other nodes as they are. */
function resolved(doc: Document, node: Node | null | undefined): Node | undefined {
  let current = node ?? undefined;
  for (let depth = 0; isAlias(current) && depth < MAX_ALIAS_DEPTH; depth++) current = current.resolve(doc);
  return isAlias(current) ? undefined : current;
}

/**
 * A map's pairs with its merge keys (`<<: *anchor`, `<<: [*a, *b]`) expanded: merged maps first,
 * in order, each map's own later keys winning, as YAML's merge key and compose define it. Every
 * map is expanded once per call (a map merging itself, or one anchor merged twice, adds nothing).
 */
function mergedPairs(doc: Document, map: YAMLMap, seen = new Set<YAMLMap>()): Pair[] {
  seen.add(map);
  const merged: Pair[] = [];
  const own: Pair[] = [];
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === '<<') {
      const value = resolved(doc, pair.value as Node | null);
      const sources = isSeq(value) ? value.items.map((item) => resolved(doc, item as Node)) : [value];
      for (const source of sources) if (isMap(source) && !seen.has(source)) merged.push(...mergedPairs(doc, source, seen));
    } else own.push(pair);
  }
  const ownKeys = new Set(own.map(keyOf));
  const kept = new Map<unknown, Pair>();
  for (const pair of merged) if (!ownKeys.has(keyOf(pair))) kept.set(keyOf(pair), pair);
  return [...kept.values(), ...own];
}

function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

function valueOf(pairs: readonly Pair[], key: string): Node | undefined {
  for (let i = pairs.length - 1; i >= 0; i--) if (keyOf(pairs[i]) === key) return (pairs[i].value as Node | null) ?? undefined;
  return undefined;
}

/** `${NAME}`, `${NAME:-default}`, `${NAME-default}`: the whole value; the variable's name. */
const INTERPOLATION = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-[^$}]*)?\}$/;

/**
 * `extends: base` (a service of the same file) or `extends: { service: base, file: common.yml }`;
 * an interpolated name or file names nothing the repository holds.
 */
function extendsOf(value: Node | undefined): ComposeService['extends'] {
  const name = isMap(value) ? value.get('service', true) : value;
  if (!isScalar(name) || typeof name.value !== 'string' || !name.range || name.value.includes('$')) return undefined;
  const file = isMap(value) ? value.get('file', true) : undefined;
  if (file !== undefined && (!isScalar(file) || typeof file.value !== 'string' || file.value.includes('$') || file.value.trim() === ''))
    return undefined;
  return {
    service: name.value.trim(),
    ...(isScalar(file) ? { file: String(file.value).trim() } : {}),
    span: { start: name.range[0], end: name.range[1] },
  };
}

/** `${NAME:-default}` / `${NAME-default}`, the whole value; the default holds no `$` nor `}`. */
const INTERPOLATION_WITH_DEFAULT = /^\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^$}]*)\}$/;

/** An entry's value and its span: the default of an interpolation that is the whole value, with the variable it stands for. */
function interpolationDefault(text: string, value: string, span: Span): { value: string; valueSpan: Span; defaultOf?: string } {
  const match = INTERPOLATION_WITH_DEFAULT.exec(value);
  if (!match) return { value, valueSpan: span };
  const [, variable, fallback] = match;
  // The default's own text, when the file holds the value verbatim (no quotes' escapes in between).
  const at = text.slice(span.start, span.end).indexOf(value);
  const start = at < 0 ? -1 : span.start + at + value.length - 1 - fallback.length;
  if (start < 0 || text.slice(start, start + fallback.length) !== fallback)
    return { value: fallback, valueSpan: span, defaultOf: variable };
  return { value: fallback, valueSpan: { start, end: start + fallback.length }, defaultOf: variable };
}

/**
 * The files of an `env_file:` value: one path, a list of paths, or the long form's items
 * (`- path: ./default.env` with `required: false`). Interpolated paths (`${ENV}.env`) name no
 * file the repository holds.
 */
function envFilesOf(value: Node | undefined): Array<{ path: string; span: Span }> {
  const items = isSeq(value) ? value.items : value === undefined ? [] : [value];
  const out: Array<{ path: string; span: Span }> = [];
  for (const item of items) {
    const scalar = isMap(item) ? item.get('path', true) : item;
    if (!isScalar(scalar) || typeof scalar.value !== 'string' || !scalar.range) continue;
    const path = scalar.value.trim();
    if (path === '' || path.includes('$')) continue;
    out.push({ path, span: { start: scalar.range[0], end: scalar.range[1] } });
  }
  return out;
}
