/**
 * Secrets in findings: how rules recognise them and how they mention them without
 * repeating them. A finding about a password travels to CI logs, SARIF uploads and
 * code-review comments; the value itself must never go with it.
 */
import { parseConnectionUrl } from '../../src/analysis/connection-url.js';
import type { K8sEntry } from '../../src/analysis/facts.js';

/**
 * A stand-in for a secret value: asterisks plus a coarse length class, so a reader can
 * tell an empty fallback from a real-looking one without learning anything usable.
 */
export function redact(value: string): string {
  if (value.length === 0) return '(empty)';
  const length = [...value].length;
  const lengthClass = length < 8 ? '1-7' : length < 16 ? '8-15' : '16+';
  return `**** (${lengthClass} chars)`;
}

/** Words that make a name a secret: `DB_PASSWORD`, `jwtSecret`, `API_KEY`, `TWILIO_AUTH_TOKEN`, `PGPASSWORD`. */
const SECRET_WORD =
  /^(?:[A-Z0-9]*PASSWORD|PASSWD|PASS|PWD|PASSPHRASE|[A-Z0-9]*SECRETS?|[A-Z0-9]*TOKENS?|KEYS?|APIKEYS?|SECRETKEY|PRIVATEKEY|PRIVATE|CREDENTIALS?|CREDS|JWT|SALT|PEPPER|AUTH)$/;

/**
 * Words that, after the secret word, turn the name into a setting *about* the secret:
 * `JWT_EXPIRES_IN`, `AUTH_SERVICE_URL`, `CACHE_KEY_PREFIX`, `DB_PASSWORD_FILE`, `BCRYPT_SALT_ROUNDS`, `AWS_ACCESS_KEY_ID`.
 */
const DESCRIBING_WORD = new Set([
  'URL',
  'URI',
  'HOST',
  'HOSTNAME',
  'PORT',
  'ENDPOINT',
  'SERVICE',
  'SERVER',
  'PATH',
  'FILE',
  'DIR',
  'FOLDER',
  'LOCATION',
  'ISSUER',
  'AUDIENCE',
  'ALGORITHM',
  'ALG',
  'ALGO',
  'EXPIRY',
  'EXPIRES',
  'EXPIRATION',
  'EXPIRE',
  'TTL',
  'TIMEOUT',
  'LIFETIME',
  'AGE',
  'ENABLED',
  'DISABLED',
  'ENABLE',
  'DISABLE',
  'REQUIRED',
  'LENGTH',
  'ROUNDS',
  'COST',
  'SIZE',
  'BITS',
  'HEADER',
  'COOKIE',
  'NAME',
  'TYPE',
  'MODE',
  'PREFIX',
  'SUFFIX',
  'ID',
  'VERSION',
  'STRATEGY',
  'PROVIDER',
  'REGION',
  'LIMIT',
  'MAX',
  'MIN',
  'COUNT',
  'INTERVAL',
  'DURATION',
  'SECONDS',
  'MINUTES',
  'HOURS',
  'DAYS',
  'MS',
  'FORMAT',
  'FIELD',
  'PARAM',
  'QUERY',
  'SCOPE',
  'SCOPES',
  'REALM',
  'POLICY',
  'RULES',
  'ARN',
  'DB',
  'DATABASE',
  'SCHEMA',
  'TABLE',
  'USER',
  'USERNAME',
  'EMAIL',
  'ROLE',
  'QUEUE',
  'TOPIC',
  'BUCKET',
]);

/** Words that, right before the secret word, make it public: `JWT_PUBLIC_KEY`, `STRIPE_PUBLISHABLE_KEY`. */
const PUBLIC_WORD = new Set(['PUBLIC', 'PUBLISHABLE', 'PUB']);

/** Keys and tokens that identify data rather than grant access: `cacheKey`, `routingKey`, `primaryKey`, `nextToken`. */
const DATA_KEY_WORD = new Set([
  'CACHE',
  'SORT',
  'PRIMARY',
  'FOREIGN',
  'UNIQUE',
  'COMPOSITE',
  'IDEMPOTENCY',
  'ROUTING',
  'PARTITION',
  'SHARD',
  'HASH',
  'RANGE',
  'LOCK',
  'STORAGE',
  'QUERY',
  'LOOKUP',
  'MAP',
  'DEDUP',
  'DEDUPE',
  'DEDUPLICATION',
  'MESSAGE',
  'OBJECT',
  'S3',
  'FILE',
  'ROW',
  'GROUP',
  'EVENT',
  'TRACE',
  'CORRELATION',
  'REQUEST',
  'I18N',
  'TRANSLATION',
  'LABEL',
  'ENTITY',
  'RESOURCE',
  'TABLE',
  'COLUMN',
  'INDEX',
  'JSON',
  'REDIS',
  'STATE',
  'SELECTION',
  'PAGE',
  'NEXT',
  'PREV',
  'PREVIOUS',
  'CONTINUATION',
  'CANCEL',
  'CANCELLATION',
  'PAGINATION',
  'SYNC',
  'RESUME',
  'CURSOR',
]);
const DATA_KEY_TARGET = /^(?:KEYS?|TOKENS?)$/;

/** Env names (exact case) that look secret but are not: the shell's working directory, a credentials file path. */
const NOT_SECRET = new Set(['PWD', 'OLDPWD', 'GOOGLE_APPLICATION_CREDENTIALS']);

/** Upper-cased words of an env or property name: `jwtSecret` → JWT SECRET, `DB_PASSWORD` → DB PASSWORD. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1_')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toUpperCase());
}

/**
 * True for names that hold a secret. Words count on `_`/camelCase boundaries, so
 * `KEYCLOAK_URL` and `AUTHOR` are not secrets, and a describing word after the secret
 * word (`JWT_EXPIRES_IN`, `CACHE_KEY_PREFIX`) makes it a setting about one.
 */
export function isSecretName(name: string): boolean {
  if (NOT_SECRET.has(name)) return false;
  const words = nameWords(name);
  let last = -1;
  words.forEach((word, index) => {
    if (SECRET_WORD.test(word)) last = index;
  });
  const before = words[last - 1] ?? '';
  if (last < 0 || PUBLIC_WORD.has(before) || (DATA_KEY_TARGET.test(words[last]) && DATA_KEY_WORD.has(before))) return false;
  return !words.slice(last + 1).some((word) => DESCRIBING_WORD.has(word));
}

/**
 * Values that stand for a secret rather than being one: `your_password_here`, `changeme`,
 * `<password>`, `${DB_PASSWORD}`, `****`. Used only where a literal is expected to be a
 * template (example env files, documentation strings), never to excuse code.
 */
export function isPlaceholderSecret(value: string): boolean {
  const v = value.trim();
  return (
    v === '' ||
    /^(?:your|my|enter|insert|put|replace|set)[_-]/i.test(v) ||
    /[_-](?:here|placeholder)$/i.test(v) ||
    /^(?:change[_-]?me|changeit|placeholder|todo|tbd|xxx+|\*+|\.\.\.|example)$/i.test(v) ||
    /^<[^>]*>$/.test(v) ||
    /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(v) ||
    /^\{\{?[^}]*\}\}?$/.test(v)
  );
}

/**
 * Where the password sits in a connection URL (`mysql://app:pw@db/app` → the `pw` span),
 * or undefined when the URL carries none (`mysql://app@db/app`, `postgres://db/app`).
 */
export function urlPasswordSpan(url: string): { start: number; end: number } | undefined {
  return parseConnectionUrl(url)?.password;
}

/**
 * The file span of `part` of a string literal's value, when the literal's source text
 * holds the value verbatim (no escapes), else undefined; `literalSpan` covers the
 * literal with or without its quotes.
 */
export function spanInLiteral(
  fileText: string,
  literalSpan: { start: number; end: number },
  value: string,
  part: { start: number; end: number },
): { start: number; end: number } | undefined {
  const raw = fileText.slice(literalSpan.start, literalSpan.end);
  const base =
    raw === value ? literalSpan.start : raw.length === value.length + 2 && raw.slice(1, -1) === value ? literalSpan.start + 1 : undefined;
  if (base === undefined) return undefined;
  return { start: base + part.start, end: base + part.end };
}

/**
 * A value that defers to the environment or a template rather than holding a secret: `$DB_PASSWORD`,
 * `${process.env.DB_PASSWORD}`, and Kubernetes' `$(DB_PASSWORD)`, which a workload's env expands.
 */
export function isReference(value: string): boolean {
  return /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(value.trim()) || /\$\{[^}]*\}/.test(value) || /\$\([A-Za-z_][A-Za-z0-9_]*\)/.test(value);
}

/** A SOPS-encrypted value (`ENC[AES256_GCM,data:…]`): committed, but not readable. */
function isEncrypted(value: string): boolean {
  return /^ENC\[[A-Z0-9_]+,data:/.test(value.trim());
}

/**
 * The text of a Secret's base64 `data` value, only to judge whether it is empty or a placeholder
 * (and where a URL's password is); never reported. Undefined when it is not valid base64.
 */
function decodeSecretData(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** The text a manifest entry stands for, or undefined when it holds no literal (a template, a reference, encrypted, not base64). */
export function literalManifestValue(entry: K8sEntry): string | undefined {
  if (entry.templated || isEncrypted(entry.value)) return undefined;
  const text = entry.encoding === 'base64' ? decodeSecretData(entry.value) : entry.value;
  return text === undefined || isReference(text) ? undefined : text;
}

/** A manifest or container name for a message: `{{ include "app.fullname" . }}-db` reads as `…-db`, since the template is not the name and looks like an unfilled placeholder. */
export function displayName(name: string | undefined): string {
  return name?.replace(/\{\{[\s\S]*?\}\}/g, '…') ?? '(unnamed)';
}
