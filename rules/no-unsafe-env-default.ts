import { z } from 'zod';
import type { EnvDefault } from '../src/analysis/facts.js';
import { defineRule } from '../src/engine/define-rule.js';
import { isSecretName, nameWords } from './support/redact.js';
import { isTestFile } from '../src/model/paths.js';
import { sameSecretElsewhere } from './support/secret-occurrences.js';
import { compileGlobs, globString } from './support/glob.js';

const regexString = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'i');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected a valid regular expression' },
);

const options = z.strictObject({
  secretPatterns: z
    .array(regexString)
    .default([])
    .describe(
      'Extra regular expressions (case-insensitive, tested against the variable name) for secrets, reported at the configured severity',
    ),
  connectionPatterns: z
    .array(regexString)
    .default([])
    .describe(
      'Extra regular expressions (case-insensitive, tested against the variable name) for database connection settings, reported as warnings',
    ),
  allow: z.array(globString).default([]).describe('Variable names (or globs) whose code defaults are intentional'),
});

/** Words that make a name a database setting when it also carries a database word: `DB_HOST`, `PG_DATABASE`, `MONGO_URI`. */
const DATABASE_WORD = new Set([
  'DB',
  'DATABASE',
  'MYSQL',
  'MARIADB',
  'PG',
  'POSTGRES',
  'POSTGRESQL',
  'PSQL',
  'TIMESCALE',
  'TIMESCALEDB',
  'MONGO',
  'MONGODB',
  'REDIS',
  'MSSQL',
  'SQL',
  'TYPEORM',
  'SEQUELIZE',
  'KNEX',
]);
const CONNECTION_WORD = new Set([
  'HOST',
  'HOSTNAME',
  'HOSTS',
  'SERVER',
  'ADDR',
  'ADDRESS',
  'USER',
  'USERNAME',
  'NAME',
  'PORT',
  'DATABASE',
  'DB',
  'URL',
  'URI',
  'DSN',
  'SCHEMA',
]);
/** libpq's own variables. */
const LIBPQ_SETTING = new Set(['PGHOST', 'PGHOSTADDR', 'PGPORT', 'PGUSER', 'PGDATABASE']);

/**
 * `DB_HOST`, `DB_NAME`, `POSTGRES_DB`, `DATABASE_URL`, `MONGO_URI`, `DB_CONNECTION_STRING`; not a plain `PORT`
 * or `HOST` (the service's own listener), nor `DB_POOL_SIZE`.
 */
export function isConnectionName(name: string): boolean {
  if (LIBPQ_SETTING.has(name.toUpperCase())) return true;
  const words = nameWords(name);
  if (!words.some((word) => DATABASE_WORD.has(word))) return false;
  const last = words[words.length - 1];
  if (last === 'STRING' && words[words.length - 2] === 'CONNECTION') return true;
  return CONNECTION_WORD.has(last);
}

const VALIDATION_SHAPES = new Set(['joi', 'zod', 'envalid', 'convict']);

function helpFor(envDefault: EnvDefault): string {
  const { name, shape } = envDefault;
  if (VALIDATION_SHAPES.has(shape)) {
    return `Remove the default from the ${shape} schema entry for '${name}' and mark it required, so validation stops the service at startup when it is missing.`;
  }
  if (shape === 'assignment') {
    return `Delete the assignment and read '${name}' through a helper that throws at startup when it is unset.`;
  }
  return `Read '${name}' through a helper that throws at startup when it is unset (e.g. requireEnv('${name}')), and set it in every environment.`;
}

export default defineRule({
  meta: {
    id: 'no-unsafe-env-default',
    category: 'security',
    description: 'Disallow hard-coded fallbacks for secrets and database settings read from the environment',
    rationale:
      "A fallback such as `process.env.DB_PASSWORD || ''` lets a service start without its configuration: it runs with an empty or well-known password, or quietly connects to a default host and database, instead of failing at deploy time where the mistake is cheap to see.",
    defaultSeverity: 'error',
    // High, below a credential in the source: a missing variable silently runs the service on a default anyone with the repository knows (CWE-1188).
    securitySeverity: 7.0,
    messages: {
      emptySecret: "Secret '{{name}}' falls back to an empty string; the service must fail fast when it is missing.",
      hardcodedSecret: "Secret '{{name}}' falls back to a hard-coded value; the service must fail fast when it is missing.",
      connectionDefault: "Database setting '{{name}}' falls back to a hard-coded value; the service must fail fast when it is missing.",
    },
    options,
    examples: {
      invalid: [{ filename: 'services/auth/src/config/database.ts', code: "export const password = process.env.DB_PASSWORD || '';" }],
      valid: [
        { filename: 'services/auth/src/config/database.ts', code: "export const logLevel = process.env.LOG_LEVEL || 'info';" },
        {
          filename: 'services/auth/src/middleware/api-key.ts',
          code: "export const apiKeys = (process.env.API_KEYS || '').split(',').filter(Boolean);",
        },
      ],
    },
  },
  create(context) {
    const { allow, secretPatterns, connectionPatterns } = context.options;
    const allowed = allow.length > 0 ? compileGlobs(allow) : () => false;
    const extraSecret = secretPatterns.map((source) => new RegExp(source, 'i'));
    const extraConnection = connectionPatterns.map((source) => new RegExp(source, 'i'));
    return {
      envDefault(event) {
        const { envDefault } = event;
        const { name, value, valueKind } = envDefault;
        // envalid's `devDefault` never applies in production, where the variable stays required.
        if (valueKind === 'other' || envDefault.devOnly || isTestFile(event.file.path) || allowed(name)) return;
        const secret = isSecretName(name) || extraSecret.some((pattern) => pattern.test(name));
        const connection = !secret && (isConnectionName(name) || extraConnection.some((pattern) => pattern.test(name)));
        if (!secret && !connection) return;
        // A secret's fallback is described, not kept (src/analysis/describe-secrets.ts).
        const empty = valueKind === 'string' && (envDefault.secret ? envDefault.secret.kind === 'empty' : value === '');
        // `(process.env.API_KEYS || '').split(',')` is an allow-list that admits nobody when unset: it fails closed.
        if (empty && envDefault.usage === 'split') return;
        context.report({
          messageId: secret ? (empty ? 'emptySecret' : 'hardcodedSecret') : 'connectionDefault',
          data: { name, shape: envDefault.shape },
          at: { range: event.range },
          severity: secret ? undefined : 'warn',
          help: helpFor(envDefault),
          related:
            secret && !empty ? sameSecretElsewhere(context.project, envDefault.secret, event.file.path, envDefault.fileSpan) : undefined,
          // Never the value: the fingerprint is a hash of this text, and a short password is easy to guess back.
          fingerprintText: `${name}\0${envDefault.shape}\0${empty ? 'empty' : 'literal'}`,
        });
      },
    };
  },
});
