import { z } from 'zod';
import type { ConfigProperty, EnvFileEntry, FileFacts, K8sManifest, Span } from '../src/analysis/facts.js';
import { defineRule } from '../src/engine/define-rule.js';
import {
  displayName,
  isPlaceholderSecret,
  isReference,
  isSecretName,
  literalManifestValue,
  redact,
  spanInLiteral,
  urlPasswordSpan,
} from './support/redact.js';
import { sameSecretElsewhere } from './support/secret-occurrences.js';
import { isTestFile } from '../src/model/paths.js';
import { spanToRange } from '../src/analysis/text.js';

const options = z.strictObject({
  envFiles: z
    .boolean()
    .default(true)
    .describe(
      'Also report secrets in env files that are not examples (`.env`, `.env.production`; never `.env.example`, `.env.sample`, `.env.template`, `.env.test`)',
    ),
  manifests: z
    .boolean()
    .default(true)
    .describe(
      'Also report secrets in Kubernetes manifests: ConfigMap and Secret data, and literal `env` values of workloads (never in example or test files)',
    ),
});

/**
 * `.env.example`, `env.example`, `.env.sample`, `example.env`, `.env.template`, `.env.dist`, `.env.test`,
 * `secret.example.yaml`: templates and test settings.
 */
function isExampleFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return /(?:^|[._-])(?:example|examples|sample|template|tmpl|dist|defaults?|test)(?:[._-]|$)/.test(base);
}

/** `{ key: '-----BEGIN …' }` under `ssl`/`tls`, where a bare `key` is a private key; elsewhere `key` is too generic. */
function isCredentialProperty(property: ConfigProperty): boolean {
  const key = property.key;
  if (/^keys?$/i.test(key))
    return property.path.some((p) => /^(?:ssl|tls)$/i.test(p)) || /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(property.value ?? '');
  // `auth: 'user:pass'` (mongodb, http) is a credential; `auth: 'jwt'` names a strategy (hapi, fastify).
  if (/^auth$/i.test(key)) return /^[^:\s]+:[^\s]+$/.test(property.value ?? '');
  return isSecretName(key);
}

/** The password part of a connection URL, unless it is a template hole or an env reference. */
function literalPassword(url: string): { start: number; end: number; password: string } | undefined {
  const span = urlPasswordSpan(url);
  if (!span) return undefined;
  const password = url.slice(span.start, span.end);
  if (isReference(password) || /^(?:\*+|x+|<[^>]*>)$/i.test(password)) return undefined;
  return { start: span.start, end: span.end, password };
}

function schemeOf(url: string): string {
  return /^\s*([a-z][a-z0-9+.-]*):/i.exec(url)?.[1].toLowerCase() ?? 'database';
}

export default defineRule({
  meta: {
    id: 'no-hardcoded-credentials',
    category: 'security',
    description:
      'Disallow passwords, keys and tokens written into connection options, connection strings, committed env files and Kubernetes manifests',
    rationale:
      'A credential in the source is shared with everyone who can read the repository, its forks and its history, cannot be rotated without a release, and is usually the same value that production uses.',
    defaultSeverity: 'error',
    // Critical: the credential is readable by everyone with the repository (CWE-798).
    securitySeverity: 9.0,
    messages: {
      credentialProperty: "Option '{{key}}' holds a hard-coded credential: {{redacted}}.",
      connectionStringPassword: "The '{{scheme}}' connection string holds a hard-coded password: {{redacted}}.",
      envFileSecret: "Env file sets secret '{{key}}' to a literal value: {{redacted}}.",
      configMapSecret: "ConfigMap '{{name}}' sets secret '{{key}}' to a literal value: {{redacted}}.",
      configMapConnectionString:
        "ConfigMap '{{name}}' sets '{{key}}' to a '{{scheme}}' connection string with a hard-coded password: {{redacted}}.",
      committedSecret: "Committed Secret '{{name}}' holds a literal value for '{{key}}': {{redacted}}.",
      workloadEnvSecret: "{{kind}} '{{name}}' sets secret '{{key}}' of container '{{container}}' to a literal value: {{redacted}}.",
      workloadEnvConnectionString:
        "{{kind}} '{{name}}' sets '{{key}}' of container '{{container}}' to a '{{scheme}}' connection string with a hard-coded password: {{redacted}}.",
    },
    options,
    examples: {
      invalid: [
        {
          filename: 'services/billing/src/config/database.ts',
          code: "export const pool = mysql.createPool({ host: 'db', user: 'billing', password: 'billing-2024' });",
        },
      ],
      valid: [
        {
          filename: 'services/billing/src/config/database.ts',
          code: "export const pool = mysql.createPool({ host: 'db', user: 'billing', password: requireEnv('DB_PASSWORD') });",
        },
        {
          filename: 'services/billing/src/config/database.ts',
          code: 'export const url = `mysql://billing:${process.env.DB_PASSWORD}@db/billing`;',
        },
      ],
    },
  },
  create(context) {
    const elsewhere = (value: string, file: FileFacts, span: Span) => sameSecretElsewhere(context.project, value, file.path, span);
    const reportEnvEntries = (file: FileFacts, entries: readonly EnvFileEntry[]) => {
      for (const entry of entries) {
        const inUrl = literalPassword(entry.value);
        if (inUrl) {
          const span: Span = { start: entry.valueSpan.start + inUrl.start, end: entry.valueSpan.start + inUrl.end };
          context.report({
            messageId: 'connectionStringPassword',
            data: { scheme: schemeOf(entry.value), redacted: redact(inUrl.password) },
            at: { range: spanToRange(file.lineStarts, span) },
            help: `Keep '${entry.key}' out of committed files: set it in the deployment's secret store, and commit a '.env.example' with a placeholder.`,
            related: elsewhere(inUrl.password, file, entry.valueSpan),
            fingerprintText: `${entry.key}\0url-password`,
          });
        } else if (isSecretName(entry.key) && !isPlaceholderSecret(entry.value) && !isReference(entry.value)) {
          context.report({
            messageId: 'envFileSecret',
            data: { key: entry.key, redacted: redact(entry.value) },
            at: { range: spanToRange(file.lineStarts, entry.valueSpan) },
            help: `Keep '${entry.key}' out of committed files: set it in the deployment's secret store, and commit a '.env.example' with a placeholder.`,
            related: elsewhere(entry.value, file, entry.valueSpan),
            fingerprintText: `${entry.key}\0env-secret`,
          });
        }
      }
    };

    const reportManifest = (file: FileFacts, manifest: K8sManifest) => {
      const name = displayName(manifest.name);
      for (const entry of manifest.entries) {
        const value = literalManifestValue(entry);
        if (value === undefined) continue;
        const inUrl = literalPassword(value);
        if (!inUrl && (!isSecretName(entry.key) || isPlaceholderSecret(value))) continue;
        const secret = inUrl ? inUrl.password : value;
        // At the password when the file holds the URL as written; base64 and escaped values only as a whole.
        const span =
          (inUrl && entry.encoding === 'plain' && spanInLiteral(file.text, entry.valueSpan, entry.value, inUrl)) || entry.valueSpan;
        const related = elsewhere(secret, file, entry.valueSpan);
        if (entry.section === 'env') {
          const container = displayName(entry.container);
          const data = { kind: manifest.kind, name, key: entry.key, container, redacted: redact(secret) };
          context.report({
            messageId: inUrl ? 'workloadEnvConnectionString' : 'workloadEnvSecret',
            data: inUrl ? { ...data, scheme: schemeOf(value) } : data,
            at: { range: spanToRange(file.lineStarts, span) },
            help: `Move '${entry.key}' into a Secret fed by a secret manager and reference it with 'valueFrom.secretKeyRef' (or 'envFrom.secretRef'); rotate it, as it is now in the repository's history.`,
            related,
            fingerprintText: `${manifest.kind}\0${name}\0env\0${container}\0${entry.key}`,
          });
          continue;
        }
        const fingerprintText = `${manifest.kind}\0${name}\0${entry.section}\0${entry.key}`;
        if (manifest.kind === 'Secret') {
          context.report({
            messageId: 'committedSecret',
            data: { name, key: entry.key, redacted: redact(secret) },
            at: { range: spanToRange(file.lineStarts, span) },
            help: `Do not commit Secret manifests with real values: generate ${manifest.name ? `'${name}'` : 'the Secret'} from a secret manager (External Secrets, Sealed Secrets, SOPS), and rotate '${entry.key}', which is now in the repository's history.`,
            related,
            fingerprintText,
          });
        } else {
          context.report({
            messageId: inUrl ? 'configMapConnectionString' : 'configMapSecret',
            data: inUrl
              ? { name, key: entry.key, scheme: schemeOf(value), redacted: redact(secret) }
              : { name, key: entry.key, redacted: redact(secret) },
            at: { range: spanToRange(file.lineStarts, span) },
            help: `A ConfigMap is plain configuration that anyone with read access to the namespace (or the repository) can see: move '${entry.key}' into a Secret fed by a secret manager and reference it with 'secretKeyRef'.`,
            related,
            fingerprintText,
          });
        }
      }
    };

    return {
      file(event) {
        const { file } = event;
        if (isExampleFile(file.path) || isTestFile(file.path)) return;
        if (context.options.envFiles && file.env) reportEnvEntries(file, file.env);
        if (context.options.manifests) for (const manifest of file.k8s ?? []) reportManifest(file, manifest);
      },
      configProperty(event) {
        const { property } = event;
        if (property.valueKind !== 'string' || !property.value || isTestFile(event.file.path)) return;
        if (!isCredentialProperty(property) || isReference(property.value)) return;
        // A URL-valued secret option is the connection-string check's to report, at the password.
        if (literalPassword(property.value)) return;
        context.report({
          messageId: 'credentialProperty',
          data: { key: property.key, redacted: redact(property.value) },
          at: { range: event.valueRange },
          help: `Read '${property.key}' from the environment (failing at startup when it is missing) or from a secret manager.`,
          related: elsewhere(property.value, event.file, property.valueSpan),
          fingerprintText: `${property.callee ?? ''}\0${[...property.path, property.key].join('.')}`,
        });
      },
      connectionString(event) {
        const { literal, file } = event;
        if (isTestFile(file.path)) return;
        const password = literalPassword(literal.value);
        if (!password) return;
        const inFile = spanInLiteral(file.text, literal.fileSpan, literal.value, password);
        context.report({
          messageId: 'connectionStringPassword',
          data: { scheme: schemeOf(literal.value), redacted: redact(password.password) },
          at: { range: inFile ? spanToRange(file.lineStarts, inFile) : event.range },
          help: 'Build the URL from the environment (e.g. `process.env.DATABASE_URL`), which the deployment fills from its secret store.',
          related: elsewhere(password.password, file, literal.fileSpan),
          fingerprintText: `${schemeOf(literal.value)}\0url-password`,
        });
      },
    };
  },
});
