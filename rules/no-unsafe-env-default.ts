import { z } from 'zod';
import type { EnvDefault } from '../src/analysis/facts.js';
import { defineRule } from '../src/engine/define-rule.js';
import { isSecretName, nameWords } from './support/redact.js';
import { isTestCode } from './support/test-code.js';
import { sameSecretElsewhere } from './support/secret-occurrences.js';
import { compileGlobs, globString } from './support/glob.js';
import { DEFAULT_ENV_HELPER_MODULE, helperSpecifier, planEnvHelper, type EnvHelperOptions } from './support/env-helper.js';
import type { DeferredFix } from '../src/engine/fix.js';
import type { ProjectModel, Service } from '../src/model/model.js';
import type { FileFacts } from '../src/analysis/facts.js';

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
  envHelper: z
    .strictObject({
      name: z
        .string()
        .regex(/^[A-Za-z_$][\w$]*$/, 'expected a JavaScript identifier')
        .describe('The function that returns a variable and throws when it is unset, e.g. `requireEnv`'),
      import: z
        .string()
        .min(1)
        .describe(
          'Where it comes from: a package (`@acme/config`), imported as written, or the repository path of its module with the extension (`libs/config/src/env.ts`), imported relatively from each file',
        ),
    })
    .optional()
    .describe("The project's fail-fast reader of environment variables, which the suggestion reads the variable through"),
  envHelperModule: z
    .string()
    .min(1)
    .default(DEFAULT_ENV_HELPER_MODULE)
    .describe(
      "Without `envHelper`: the module, relative to the service's folder, where the suggestion writes `requireEnv()` when it is missing (a JavaScript file's service gets it as `.js`)",
    ),
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
/**
 * Words before `NAME` that make it the name a client gives itself rather than the database's or the user's: pg's
 * `application_name` (`DATABASE_APPLICATION_NAME`, `PG_APP_NAME`), a label in `pg_stat_activity` and the server's logs,
 * no connection target.
 */
const CLIENT_LABEL_WORD = new Set(['APPLICATION', 'APP', 'CLIENT']);
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
  if (last === 'NAME' && CLIENT_LABEL_WORD.has(words[words.length - 2])) return false;
  return CONNECTION_WORD.has(last);
}

const VALIDATION_SHAPES = new Set(['joi', 'zod', 'envalid', 'convict']);
/** Schemas whose own "required" the suggestion switches to (yup is written as Joi is). */
const SCHEMA_SHAPES = new Set([...VALIDATION_SHAPES, 'yup']);

/**
 * The suggestion for one default: a schema made to require the variable, or a read through the
 * fail-fast helper. Both parse the file again: computed only when suggestions are asked for
 * (never on a plain lint run).
 */
function failFastSuggestion(
  envDefault: EnvDefault,
  file: FileFacts,
  service: Service | undefined,
  project: ProjectModel,
  options: EnvHelperOptions,
): DeferredFix {
  const { name, shape, fileSpan } = envDefault;
  const site = { file, name, shape, span: fileSpan };
  if (shape === 'nestjs-config') {
    return {
      description: `Read '${name}' with getOrThrow('${name}') and no default, which stops the app at startup when it is unset.`,
      compute: async () => (await import('./support/env-fail-fast.js')).schemaRequiredChanges(site),
    };
  }
  if (shape === 'env-var') {
    return {
      description: `Make env-var require '${name}' (\`.required()\`) instead of defaulting it.`,
      compute: async () => (await import('./support/env-fail-fast.js')).schemaRequiredChanges(site),
    };
  }
  if (shape === 'adonis') {
    return {
      description: `Drop the fallback of env.get('${name}'), so that start/env.ts's schema decides whether the app may start without it.`,
      compute: async () => (await import('./support/env-fail-fast.js')).schemaRequiredChanges(site),
    };
  }
  if (SCHEMA_SHAPES.has(shape)) {
    return {
      description: `Make the ${shape} schema require '${name}' instead of defaulting it.`,
      compute: async () => (await import('./support/env-fail-fast.js')).schemaRequiredChanges(site),
    };
  }
  const helper = planEnvHelper(options, project, file, service);
  const description = helper.module
    ? `${helper.module.existingText === undefined ? 'Create' : 'Add'} ${helper.label} and read '${name}' with it, which stops the service at startup when it is unset.`
    : `Read '${name}' with ${helper.label}, which stops the service at startup when it is unset.`;
  return {
    description,
    compute: async () =>
      (await import('./support/env-fail-fast.js')).failFastReadChanges(site, helper, helperSpecifier(helper, project, file, service)),
  };
}

function helpFor(envDefault: EnvDefault): string {
  const { name, shape, alsoTried } = envDefault;
  if (alsoTried) {
    // Requiring the variable alone would drop the other sources the code means to try.
    const others = alsoTried.map((text) => `\`${text}\``).join(', ');
    return `Drop the last fallback: when '${name}' and ${others} are all unset the service should stop at startup (throw when the chain yields nothing) rather than run with a value written in the code.`;
  }
  if (VALIDATION_SHAPES.has(shape)) {
    return `Remove the default from the ${shape} schema entry for '${name}' and mark it required, so validation stops the service at startup when it is missing.`;
  }
  if (shape === 'adonis') {
    return `Drop the fallback argument of env.get('${name}') and declare the variable required in start/env.ts (\`${name}: Env.schema.string()\`), so that validation stops the app at startup when it is missing.`;
  }
  if (shape === 'nestjs-config') {
    return `Read '${name}' with \`getOrThrow('${name}')\` and no default argument (a default makes getOrThrow return it too), and set it in every environment, so that the app stops at startup when it is missing.`;
  }
  if (shape === 'env-var') {
    return `Replace env-var's \`.default(…)\` for '${name}' with \`.required()\`, so that the service stops at startup when it is missing.`;
  }
  if (shape === 'env-helper') {
    return `Call the helper without a fallback for '${name}' and make it throw when the variable is unset, so that the service stops at startup when it is missing.`;
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
    const { allow, secretPatterns, connectionPatterns, envHelper, envHelperModule } = context.options;
    const allowed = allow.length > 0 ? compileGlobs(allow) : () => false;
    const extraSecret = secretPatterns.map((source) => new RegExp(source, 'i'));
    const extraConnection = connectionPatterns.map((source) => new RegExp(source, 'i'));
    return {
      envDefault(event) {
        const { envDefault } = event;
        const { name, value, valueKind } = envDefault;
        // envalid's `devDefault` never applies in production, where the variable stays required.
        if (valueKind === 'other' || envDefault.devOnly || isTestCode(event.file) || allowed(name)) return;
        // An installer's prompt pre-fills the answer the user confirms (`initial: process.env.DB_HOST || 'localhost'`): no fallback a service starts on.
        if (envDefault.usage === 'prompt') return;
        // A secret-named fallback the analysis kept as written is a public client key (a Firebase web app's API key), no secret.
        const publicKey = valueKind === 'string' && value !== undefined && envDefault.secret === undefined;
        // A default the schema lists among the variable's allowed values (convict `format: ['openid', 'oauth2']`) picks a mode.
        // An on/off value (`process.env.FAKE_AUTH || 'false'`) switches a feature: never a credential, whatever the name.
        const secret =
          ((isSecretName(name) && !publicKey) || extraSecret.some((pattern) => pattern.test(name))) &&
          !envDefault.choice &&
          envDefault.secret?.kind !== 'switch';
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
          // A chain with other sources has no one-variable rewrite, nor has the project's own helper (what it does unset is its code): the help says what to change.
          suggest:
            envDefault.alsoTried || envDefault.shape === 'env-helper'
              ? undefined
              : [failFastSuggestion(envDefault, event.file, event.service, context.project, { envHelper, envHelperModule })],
        });
      },
    };
  },
});
