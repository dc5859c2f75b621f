/**
 * Credentials in YAML that is neither a compose file nor a Kubernetes manifest.
 *
 * In any such YAML, settings whose value is a connection URL with a userinfo password: there the
 * password cannot be anything else, whatever the file (OpenAPI specs, i18n and CI workflows hold
 * no other credential worth a finding).
 *
 * In an application's own configuration files only (`isApplicationConfig`: Spring's
 * `application.yml`, node-config's `config/*.yaml`, Helm values files), also settings whose key
 * names a credential (`password:`, `db_password:`, `clientSecret:`, `apiKey:`) and whose value is
 * a plain string. Elsewhere such a key is too often a label (`password: Password` in a locale
 * file) or a schema. Tagged scalars (`!vault`, `!secret db_password`, `!ENV`) are filled in by a
 * resolver and ERB (`<%= ENV['DB_PASSWORD'] %>`) by a template engine: neither is kept.
 *
 * The file is parsed only when its text may hold either (a scan linear in its length); documents
 * the YAML parser rejects are skipped. Never throws.
 */
import type { Node, Scalar } from 'yaml';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments } from './yaml-module.js';
import type { Span, YamlSetting } from './facts.js';
import { isCredentialProperty } from './describe-secrets.js';

/**
 * Application configuration by its path: Spring `application[-profile].yml` / `bootstrap.yml`,
 * node-config's files directly under a `config/` folder (not `custom-environment-variables.yaml`,
 * whose values are env variable names, nor Rails' `config/locales/`), Helm `values.yaml`,
 * `values-prod.yaml`, `prod.values.yaml`.
 */
export function isApplicationConfig(path: string): boolean {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1).toLowerCase();
  if (!/\.ya?ml$/.test(base) || base.startsWith('custom-environment-variables.')) return false;
  if (/^(?:application|bootstrap)(?:[-.][\w.-]+)?\.ya?ml$/.test(base)) return true;
  if (HELM_VALUES.test(base)) return true;
  const folder = path.slice(0, Math.max(slash, 0));
  return /(?:^|\/)config$/i.test(folder);
}

/**
 * Spring Boot's own configuration: `application[-profile].yml`, `bootstrap.yml` (what `isApplicationConfig` calls
 * Spring's), and the same names in `.properties` (read by properties-settings.ts).
 */
export function isSpringConfig(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return /^(?:application|bootstrap)(?:[-.][\w.-]+)?\.(?:ya?ml|properties)$/.test(base);
}

/** Whether a setting's value is a database connection URL as a datasource setting holds it (`DATABASE_URL_VALUE`). */
export function isDatabaseUrlValue(value: string): boolean {
  return DATABASE_URL_VALUE.test(value.trim());
}

/**
 * A database connection URL as a datasource setting holds it: JDBC (`jdbc:postgresql://…`, `jdbc:mysql://…`) or a
 * driver's (`postgresql://…`, `mysql+pymysql://…`). Anchored; the driver name cannot hold the `:` that ends it.
 */
const DATABASE_URL_VALUE = /^(?:jdbc:)?(?:postgres(?:ql)?|mysql|mariadb)(?:\+[a-z0-9]+)?:\/\//i;

/** A key that may name a credential, as written somewhere in `text`: screens files before they are parsed. */
const SECRET_KEY_HINT = /pass|secret|token|key|cred|auth|jwt|salt|pepper|private|pwd/i;

/** Nesting deeper than this is no configuration (and a hostile file must not recurse without end). */
const MAX_DEPTH = 64;

/**
 * Whether `text` holds `://user:password@` somewhere: the only shape worth parsing a file of
 * unknown YAML for. One pass (each `://` token is scanned once, to its end); a password may hold
 * a raw `/` (see connection-url.ts).
 */
export function mayHoldUrlPassword(text: string): boolean {
  let at = text.indexOf('://');
  while (at >= 0) {
    let colon = false;
    let i = at + 3;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c <= 32 || c === 34 || c === 39) break; // white space, quotes: the token ends
      if (c === 64) {
        if (colon) return true;
        break;
      }
      if (c === 58) colon = true;
      else if (c === 47 && !colon) break; // a path before any userinfo
    }
    at = text.indexOf('://', Math.max(i, at + 3));
  }
  return false;
}

/**
 * Whether `text` may hold a connection string with a password: a URL's (`mayHoldUrlPassword`), a Go MySQL DSN's
 * (`user:pw@tcp(host)/db`) or a key/value one's (`password=` of a libpq conninfo, `Password=` / `Pwd=` of ADO.NET).
 * connection-url.ts decides; this only screens.
 */
export function mayHoldConnectionPassword(text: string): boolean {
  return mayHoldUrlPassword(text) || CONNECTION_PASSWORD_HINT.test(text);
}
const CONNECTION_PASSWORD_HINT = /@(?:tcp6?|unix)\(|(?:^|[\s;'"])(?:password|pwd)\s*=/i;

export interface YamlSettingsOptions {
  /** Also keep settings whose key names a credential (for application configuration files only). */
  secretKeys?: boolean;
  /** A Helm values file: every scalar value is pushed here too (see `helmValues` in facts.ts), from the same parse. */
  values?: YamlSetting[];
  /** Also keep settings whose value is a database URL without a password (Spring's `spring.datasource.url`). */
  databaseUrls?: boolean;
}

/** A Helm values file's name (lower-cased). Anchored: one start, the `[\w.-]+` run backtracks once. */
const HELM_VALUES = /^(?:values(?:[-.][\w.-]+)?|[\w.-]+[-.]values)\.ya?ml$/;

/** A Helm chart's values file by its name: `values.yaml`, `values-prod.yaml`, `values.staging.yml`, `prod-values.yaml`. */
export function isHelmValuesFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return HELM_VALUES.test(base);
}

/** A values file holding more scalars than this is data, not a chart's settings: the rest are not kept. */
const MAX_HELM_VALUES = 5000;

/**
 * The settings of `text` whose value is a connection URL with a password, and with `secretKeys`
 * those whose key names a credential, with exact spans.
 */
export function parseYamlSettings(text: string, options: YamlSettingsOptions = {}): YamlSetting[] {
  const secretKeys = options.secretKeys === true && SECRET_KEY_HINT.test(text);
  const databaseUrls = options.databaseUrls === true && /jdbc:|postgres|mysql|mariadb/i.test(text);
  if (!secretKeys && !databaseUrls && !options.values && !mayHoldConnectionPassword(text)) return [];
  const out: YamlSetting[] = [];
  let documents;
  try {
    documents = parseAllDocuments(text, { keepSourceTokens: false, uniqueKeys: false, prettyErrors: false });
  } catch {
    return out;
  }
  if (!Array.isArray(documents)) return out;
  for (const doc of documents) {
    if (doc.errors.length > 0) continue;
    visit(text, doc.contents, [], undefined, out, 0, secretKeys, databaseUrls);
    if (options.values) collectValues(text, doc.contents, [], options.values, 0);
  }
  return out;
}

/**
 * Every scalar of a Helm values document (strings, numbers and booleans as written), with its path;
 * a list item `{ name: DB_NAME, value: x }` (a chart's `extraEnv`, `env`) is the value `x` keyed `DB_NAME`.
 */
function collectValues(text: string, node: Node | null | undefined, path: string[], out: YamlSetting[], depth: number): void {
  if (!node || depth > MAX_DEPTH || out.length >= MAX_HELM_VALUES) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
      const value = pair.value as Node | null;
      if (isScalar(value)) pushValue(text, pair.key, value, path, out);
      else collectValues(text, value, [...path, String(pair.key.value)], out, depth + 1);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      if (!isMap(item)) continue;
      const name = item.get('name', true) as Node | undefined;
      const value = item.get('value', true) as Node | undefined;
      if (isScalar(name) && typeof name.value === 'string' && name.range && isScalar(value))
        pushValue(text, name, value, path, out, name.value);
    }
  }
}

function pushValue(text: string, key: Scalar, node: Scalar, path: string[], out: YamlSetting[], name = String(key.value)): void {
  if (!node.range || !key.range || out.length >= MAX_HELM_VALUES) return;
  const { value } = node;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return;
  const written = typeof value === 'string' ? value : text.slice(node.range[0], node.range[1]);
  out.push({ key: name, path, value: written, keySpan: { start: key.range[0], end: key.range[1] }, valueSpan: innerSpan(text, node) });
}

/** The settings of `text` whose value is a connection URL with a password (any YAML). */
export function parseYamlUrlSettings(text: string): YamlSetting[] {
  return parseYamlSettings(text);
}

function visit(
  text: string,
  node: Node | null | undefined,
  path: string[],
  key: Scalar | undefined,
  out: YamlSetting[],
  depth: number,
  secretKeys: boolean,
  databaseUrls = false,
): void {
  if (!node || depth > MAX_DEPTH) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      visit(text, pair.value as Node | null, key ? [...path, String(key.value)] : path, pair.key, out, depth + 1, secretKeys, databaseUrls);
    }
  } else if (isSeq(node)) {
    // A list's items are settings of the list's key (`replicas: [postgres://…]`).
    for (const item of node.items) visit(text, item as Node, path, key, out, depth + 1, secretKeys, databaseUrls);
  } else if (isScalar(node) && key?.range && node.range && (typeof node.value === 'string' || typeof node.value === 'number')) {
    // `password: 84736251` is a number to YAML and a password to the application that reads it as text; a short
    // number under a secret-named key is a count or a lifetime (`secret: 42`, `token: 3600`).
    const value = typeof node.value === 'string' ? node.value : text.slice(node.range[0], node.range[1]);
    if (typeof node.value === 'number' && !/^\d{6,}$/.test(value)) return;
    const credential = secretKeys && isCredentialKey(String(key.value), path, node);
    const databaseUrl = databaseUrls && typeof node.value === 'string' && DATABASE_URL_VALUE.test(value.trim());
    if (!credential && !databaseUrl && (typeof node.value !== 'string' || !mayHoldConnectionPassword(value))) return;
    const valueSpan = innerSpan(text, node);
    out.push({
      key: String(key.value),
      path,
      value,
      keySpan: { start: key.range[0], end: key.range[1] },
      valueSpan,
    });
  }
}

/**
 * A setting holding a credential by its key (see isSecretName and isCredentialProperty), unless the
 * key names the credential's place rather than the credential: Helm's `existingSecret: db-creds`,
 * `userPasswordKey: password` and `secretKeys: { adminPasswordKey: … }` (the keys inside that
 * Secret). A tagged or ERB value is filled in elsewhere.
 */
function isCredentialKey(key: string, path: readonly string[], node: Scalar): boolean {
  const value = node.value as string;
  if (node.tag || /<%[\s\S]*%>/.test(value)) return false;
  if (!isCredentialProperty(key, path, value)) return false;
  if (/^existing/i.test(key) || /password[-_]?keys?$/i.test(key)) return false;
  return !path.some((p) => /^(?:existing-?secret|secret-?keys)$/i.test(p));
}

/** A scalar's value in the file: inside its quotes. */
function innerSpan(text: string, node: Scalar): Span {
  const [start, end] = node.range!;
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return { start: start + 1, end: Math.max(start + 1, end - 1) };
  return { start, end };
}
