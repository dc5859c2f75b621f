import { z } from 'zod';
import type {
  ConfigProperty,
  EnvFileEntry,
  FileFacts,
  K8sEntry,
  K8sManifest,
  SecretDescriptor,
  SecretInValue,
  Span,
} from '../src/analysis/facts.js';
import { defineRule } from '../src/engine/define-rule.js';
import { displayName, isLiteralSecret, redact } from './support/redact.js';
import { sameSecretElsewhere } from './support/secret-occurrences.js';
import { isTestFile } from '../src/model/paths.js';
import { isTestCode } from './support/test-code.js';
import type { ManifestScriptSecret } from '../src/model/packages.js';
import type { Service } from '../src/model/model.js';
import { testHarnesses } from './support/test-harness.js';

const options = z.strictObject({
  envFiles: z
    .boolean()
    .default(true)
    .describe(
      "Also report secrets in env files that are not examples (`.env`, `.env.production`, `.env.staging`; never `.env.example`, `.env.sample`, `.env.template`, the test suite's `.env.test` nor the developer's `.env.development`, `.env.dev`, `.env.local`: local stand-ins) and in the `ENV` of a Dockerfile's final image",
    ),
  manifests: z
    .boolean()
    .default(true)
    .describe(
      'Also report secrets in Kubernetes manifests: ConfigMap and Secret data, and literal `env` values of workloads (never in example or test files)',
    ),
  compose: z
    .boolean()
    .default(true)
    .describe(
      "Also report secrets in docker-compose `environment:` (map and list form; `${VAR}` references are no secrets), in a compose service's `command:`, `entrypoint:` and healthcheck `test:` (a connection URL's password, a secret-named variable or a `--password=` flag set there) and in the `env` / `env_<name>` blocks of a PM2 ecosystem file (`ecosystem.config.js`)",
    ),
  configFiles: z
    .boolean()
    .default(true)
    .describe(
      'Also report credentials in other configuration files: connection strings with a password in any YAML (a URL, a Go MySQL DSN, a libpq conninfo, an ADO.NET string), secret-named settings (`password:`, `db_password:`, `clientSecret:`, `apiKey:`) with a literal value in application configuration (node-config `config/*.yaml`, Spring `application.yml` and `application*.properties`, Flyway `flyway.conf`, `liquibase.properties`, Helm values files), a literal `password` (or URL password) of an ORM connection file (TypeORM `ormconfig.json` / `.yml`, the Sequelize CLI `config/config.json` but for its `development` / `test` environments, local stand-ins), the `Password=` of an ASP.NET Core `appsettings.json` / `appsettings.<Environment>.json` connection string (not `appsettings.Development.json`) or of a .NET Framework `web.config` / `app.config` / `*.config` `<connectionStrings>` entry (not `Web.Debug.config`; `$(…)`, `#{…}#`, `__…__` tokens are replaced at deploy time) or of a node-config `config/<environment>.json` (not `default.json`: development defaults, like `.env.example`), the literal secret-named settings of a Kafka Connect / Debezium connector config (`database.password`; `${file:…}` / `${env:…}` config providers are references) and of a Supabase `supabase/config.toml` (`[auth.external.github] secret`; `env(…)` is a reference), and literal secrets of a Serverless `serverless.yml` (`provider.environment`, `functions.*.environment`, the `MasterUserPassword` of an RDS resource; `${ssm:…}`, `${env:…}`, `!Ref` are references), and literal secrets of Terraform (a secret-named attribute of a `resource`, `provider`, `module` or `locals` block — the `password` of an `aws_db_instance`, the `master_password` of an `aws_rds_cluster` —, the `default` of a secret-named `variable`, a secret-named `.tfvars` assignment; `var.…`, `random_password`, interpolations are references); never in CI workflows, example, mock or test files',
    ),
  sql: z
    .boolean()
    .default(true)
    .describe(
      "Also report passwords written into SQL, in SQL files and in SQL strings of code: `CREATE USER … IDENTIFIED BY '…'`, `CREATE/ALTER ROLE … PASSWORD '…'`, a FEDERATED table's `CONNECTION='mysql://user:password@…'`",
    ),
});

/**
 * `.env.example`, `env.example`, `.env.sample`, `example.env`, `.env.template`, `.env.dist`, `.env.test`,
 * `secret.example.yaml`: templates and test settings.
 */
function isExampleFile(path: string, defaults = true): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (defaults && /(?:^|[._-])defaults?(?:[._-]|$)/.test(base)) return true;
  return /(?:^|[._-])(?:example|examples|sample|template|tmpl|dist|test)(?:[._-]|$)/.test(base);
}

/**
 * The developer's environment as an env file names it (`.env.development`, `.env.dev`, `.env.local`,
 * `.env.development.local`, `development.env`): local stand-ins (`DB_PASSWORD=postgres` for the Postgres on
 * localhost), as `.env.test` is the test suite's and the Sequelize CLI's `development` environment and
 * `appsettings.Development.json` are. A deployed environment's name beside it (`.env.production.local`) wins.
 */
function isLocalEnvFile(path: string): boolean {
  const words = path
    .slice(path.lastIndexOf('/') + 1)
    .toLowerCase()
    .split(/[._-]/);
  return words.some((w) => LOCAL_ENV_WORD.has(w)) && !words.some((w) => DEPLOYED_ENV_WORD.has(w));
}
const LOCAL_ENV_WORD = new Set(['dev', 'development', 'local']);
const DEPLOYED_ENV_WORD = new Set(['prod', 'production', 'staging', 'stage', 'stg', 'qa', 'uat', 'preprod', 'live']);

/** The developer's and the test suite's environments of a connection file keyed by environment (as db-migrate-config.ts reads them). */
const LOCAL_ENVIRONMENT = /^(?:dev|development|local|test|testing)$/i;
/** `appsettings.Development.json`, `appsettings.Local.json`: the developer's machine. */
const LOCAL_APPSETTINGS = /(?:^|\/)appsettings\.(?:dev|development|local)(?:[.-][\w.-]+)?\.json$/i;
/** A Django settings module of the developer's or the test suite's environment: `settings/dev.py`, `local_settings.py`, `settings_test.py`. */
const LOCAL_DJANGO_SETTINGS =
  /(?:^|\/)(?:settings\/(?:dev|development|local|test|testing|ci)|local_settings|settings_(?:dev|local|test))\.py$/i;
/** `Web.Debug.config`, `App.Development.config`: the transforms of a .NET Framework service's local builds. */
const LOCAL_DOTNET_CONFIG = /(?:^|\/)(?:web|app)\.(?:debug|dev|development|local)\.config$/i;

/**
 * The help for a secret in a tool's config (src/analysis/tool-secrets.ts): each tool has its own way to keep it out.
 * A Supabase project's `config.toml`, else a Kafka Connect connector's JSON (the only other JSON read as settings).
 */
function toolConfigHelp(path: string, name: string): string | undefined {
  if (/(?:^|\/)supabase\/config\.toml$/.test(path))
    return `Write '${name}' as \`"env(NAME)"\` and set NAME in the environment the Supabase CLI runs in (an untracked supabase/.env, the CI job's secrets); rotate this value, as it is now in the repository's history.`;
  if (path.endsWith('.json'))
    return `Give '${name}' a Kafka Connect config provider reference instead, \`"\${file:/secrets/connector.properties:password}"\` (FileConfigProvider) or \`"\${env:DB_PASSWORD}"\` (EnvVarConfigProvider), resolved by the Connect worker; rotate this password, as it is now in the repository's history.`;
  return undefined;
}

/**
 * CI pipelines: the database a workflow starts for its tests (`services: postgres:` with
 * `POSTGRES_PASSWORD: postgres`) lives as long as the job and guards nothing.
 */
function isCiConfig(path: string): boolean {
  return (
    /(?:^|\/)(?:\.github|\.circleci|\.buildkite|\.gitlab)\//.test(path) ||
    /(?:^|\/)(?:\.gitlab-ci|bitbucket-pipelines|azure-pipelines|\.travis)\.ya?ml$/.test(path)
  );
}

/**
 * Mocked APIs (`src/mocks/`, MSW's `*.handlers.ts`, `fixtures/`, `stubs/`): the credentials in a
 * mocked response (`clientSecret: 'mock_secret'`) are part of the fake, not of a deployment.
 */
function isMockFile(path: string): boolean {
  return (
    /(?:^|\/)(?:_{0,2}(?:mocks?|fixtures?|stubs?|fakes?)_{0,2}|[\w-]+-fixtures?|fixtures?-[\w-]+)\//.test(path) ||
    /\.(?:handlers|mocks?|fixtures?)\.[cm]?[jt]sx?$/.test(path)
  );
}

/**
 * Test folders the paths' own list (`isTestFile`: `test/`, `__tests__/`, `e2e/`, `*.spec.ts`…) leaves to each tool: a
 * suite's folder named for its kind (`integration-tests/`, `load-test/`, `tests-e2e/`), its helpers and data (`test-utils/`,
 * `test-data/`, NestJS's `testing/`), Cypress' and Playwright's folders. Their keys sign the suite's tokens.
 */
const MORE_TEST_FOLDERS = /(?:^|\/)(?:testing|cypress|playwright|[\w-]+-tests?|tests?-[\w-]+)\//;

/**
 * Documentation and examples: `docs/`, `examples/` and `samples/` folders hold sample configs whose credentials show the
 * syntax (coturn's `user=username1:password1`, a `static-auth-secret` of the docs), for whoever copies them to replace.
 */
const DOCUMENTATION_FOLDERS = /(?:^|\/)(?:docs?|documentation|examples?|samples?)\//;

/**
 * Where credentials are stand-ins, whatever the file's kind: tests (by path), mocks and fixtures, documentation and
 * examples. One test for every check of the rule, so a fixture's `.env`, compose file or manifest is as quiet as its code.
 */
function isStandInPath(path: string): boolean {
  return isTestFile(path) || MORE_TEST_FOLDERS.test(path) || isMockFile(path) || DOCUMENTATION_FOLDERS.test(path);
}

/**
 * Secrets in code: a literal, or a placeholder (`'changeme'` in code is what ships), but never one that says it is no
 * secret (`'notasecret'`, Google's P12 passphrase for every key; `'doNoUseThisSecret!'`): whoever reads it knows it.
 */
function isCodeSecret(secret: SecretDescriptor | undefined): secret is SecretDescriptor {
  return secret?.kind === 'literal' || (secret?.kind === 'placeholder' && secret.declared !== true);
}

/** Translations and UI strings (`src/locales/de.ts`, `i18n/fr.js`, `translations/`): a `password` key there names a field. */
function isTranslationFile(path: string): boolean {
  return /(?:^|\/)(?:locales?|i18n|l10n|translations?|langs?|languages)\//i.test(path);
}

/** Language tags that key translations (`{ en: { password: 'Password' }, fr: { … } }`). */
const LANGUAGE_TAG =
  /^(?:en|fr|de|es|it|pt|nl|ar|zh|ja|ko|ru|pl|tr|sv|da|nb|nn|fi|cs|sk|el|he|hi|th|vi|uk|ro|hu|fa|ur|bn|sw|bg|hr|sr|sl|lt|lv|ga|eu|gl)(?:[-_][A-Za-z]{2,4})?$/;
/** Keys of documentation and UI text: JSON-schema / OpenAPI `examples`, translation tables, labels, messages, placeholders. */
const TEXT_KEY = /^(?:x-)?(?:examples?|samples?|translations?|i18n|l10n|locales?|labels?|fieldLabels|messages|placeholders?|hints?)$/i;

/** An option inside documentation or UI text rather than settings: under an `examples` or translation key, or keyed by a language. */
function inTextObject(path: readonly string[]): boolean {
  return path.some((key) => TEXT_KEY.test(key) || LANGUAGE_TAG.test(key));
}

/** Calls that show or send text rather than configure something: translations, responses, log lines. */
const TEXT_CALLEE = /i18n|intl|translat|locali[sz]|(?:^|\.)(?:json|jsonp|send|render|end|write|emit|log|info|warn|error|debug|trace)$/i;
/**
 * Calls that merge settings objects rather than use them: a config module's defaults overridden by a deployment's file
 * (cnpmjs.org's `copy(require(customConfig)).override(config)`, `Object.assign`, lodash's `merge` / `defaultsDeep`,
 * `deepmerge`, `extend`). The values still reach whatever reads the merged settings, which is where a literal is reported;
 * a placeholder or a phrase there is the default a deployment is expected to replace (HELDOUT15 #5).
 */
const MERGE_CALLEE = /(?:^|\.)(?:override|merge|mergeDeep|deepMerge|deepmerge|assign|extend|defaults|defaultsDeep)$/;
/** Sibling keys that make an object connection settings. */
const CONNECTION_SIBLING = new Set([
  'host',
  'hostname',
  'port',
  'database',
  'db',
  'dbName',
  'connectionString',
  'socketPath',
  'url',
  'uri',
]);

/**
 * Whether a credential option is in use: its object is passed to a call that configures something
 * (a driver, an ORM, `jwt.sign`, `session(…)`), or sits beside connection settings. A label, a
 * phrase or a placeholder under a `password` key is a credential only there: elsewhere it is a form
 * label or a documentation example (`swaggerExample = { username: 'jane.doe', password: 'password' }`).
 */
function inUse(property: ConfigProperty, all: readonly ConfigProperty[]): boolean {
  if (property.callee !== undefined && !TEXT_CALLEE.test(property.callee) && !MERGE_CALLEE.test(property.callee)) return true;
  const object = property.objectSpan;
  return (
    object !== undefined &&
    all.some(
      (other) =>
        other !== property &&
        CONNECTION_SIBLING.has(other.key) &&
        other.objectSpan?.start === object.start &&
        other.objectSpan.end === object.end &&
        !isSection(other, all),
    )
  );
}

/**
 * Whether an option's value is an object literal of options itself (`database: { host, password }` beside
 * `sessionSecret` in a settings module): a section of a settings tree, not a connection setting of its object.
 */
function isSection(option: ConfigProperty, all: readonly ConfigProperty[]): boolean {
  const value = option.valueSpan;
  return all.some((inner) => inner.objectSpan?.start === value.start && inner.objectSpan.end === value.end);
}

/** The literal password of a URL inside a value (the first), unless a reference, a template or a placeholder. */
function urlPassword(secrets: readonly SecretInValue[] | undefined): SecretInValue | undefined {
  return secrets?.find((s) => isLiteralSecret(s.secret));
}

/** The scheme a message names: the analysis's for a connection string that is no URL (a Go MySQL DSN, a conninfo, ADO.NET), else the URL's own. */
/**
 * Schemes of no database driver: a documentation template's URL, as `alembic init` writes `sqlalchemy.url =
 * driver://user:pass@localhost/dbname` (SQLAlchemy's docs: `dialect+driver://username:password@host:port/database`).
 */
const TEMPLATE_SCHEMES = new Set(['driver', 'dialect+driver', 'dialect']);

function schemeOf(url: string | undefined, password?: SecretInValue): string {
  if (password?.scheme) return password.scheme;
  return (url && /^\s*(?:jdbc:)?([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1].toLowerCase()) || 'database';
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
      dockerfileSecret: "Dockerfile bakes secret '{{key}}' into the image as a literal value: {{redacted}}.",
      configMapSecret: "ConfigMap '{{name}}' sets secret '{{key}}' to a literal value: {{redacted}}.",
      configMapConnectionString:
        "ConfigMap '{{name}}' sets '{{key}}' to a '{{scheme}}' connection string with a hard-coded password: {{redacted}}.",
      committedSecret: "Committed Secret '{{name}}' holds a literal value for '{{key}}': {{redacted}}.",
      workloadEnvSecret: "{{kind}} '{{name}}' sets secret '{{key}}' of container '{{container}}' to a literal value: {{redacted}}.",
      workloadEnvConnectionString:
        "{{kind}} '{{name}}' sets '{{key}}' of container '{{container}}' to a '{{scheme}}' connection string with a hard-coded password: {{redacted}}.",
      composeSecret: "Compose service '{{service}}' sets secret '{{key}}' to a literal value: {{redacted}}.",
      composeSecretDefault:
        "Compose service '{{service}}' gives secret '{{key}}' a hard-coded default, used whenever '{{variable}}' is unset: {{redacted}}.",
      composeConnectionString:
        "Compose service '{{service}}' sets '{{key}}' to a '{{scheme}}' connection string with a hard-coded password: {{redacted}}.",
      composeCommandConnectionString:
        "Compose service '{{service}}' passes a '{{scheme}}' connection string with a hard-coded password in its {{where}}: {{redacted}}.",
      scriptConnectionString:
        "Script '{{script}}' of package.json passes a '{{scheme}}' connection string with a hard-coded password: {{redacted}}.",
      scriptSecret: "Script '{{script}}' of package.json sets secret '{{key}}' to a literal value: {{redacted}}.",
      composeCommandSecret: "Compose service '{{service}}' sets secret '{{key}}' to a literal value in its {{where}}: {{redacted}}.",
      pm2Secret: "PM2 app '{{app}}' sets secret '{{key}}' in '{{block}}' to a literal value: {{redacted}}.",
      sqlPassword: "'{{statement}}' sets a hard-coded password: {{redacted}}.",
      sqlPlaceholderPassword:
        "'{{statement}}' sets a placeholder password that the file's comments say to replace before deploying: {{redacted}}.",
      configFileConnectionString: "Setting '{{key}}' holds a '{{scheme}}' connection string with a hard-coded password: {{redacted}}.",
      configFileSecret: "Setting '{{key}}' holds a hard-coded credential: {{redacted}}.",
      ormConfigSecret: "{{orm}} connection {{connection}}sets '{{key}}' to a literal value: {{redacted}}.",
      ormConfigConnectionString:
        "{{orm}} connection {{connection}}sets '{{key}}' to a '{{scheme}}' connection string with a hard-coded password: {{redacted}}.",
      serverlessSecret: "serverless.yml {{where}} sets secret '{{key}}' to a literal value: {{redacted}}.",
      terraformSecret: "Terraform {{where}}sets secret '{{key}}' to a literal value: {{redacted}}.",
      serverlessConnectionString:
        "serverless.yml {{where}} sets '{{key}}' to a '{{scheme}}' connection string with a hard-coded password: {{redacted}}.",
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
    const elsewhere = (secret: SecretDescriptor, file: FileFacts, span: Span) =>
      sameSecretElsewhere(context.project, secret, file.path, span);
    // A test harness's code (support/test-harness.ts: a service with no tables that only tests import, a workspace's test
    // network) is test code: its seed accounts' passwords and its static test keys are fixtures, deployed nowhere.
    const isTestHarness = testHarnesses(context.project);
    const inHarness = (service: Service | undefined) => service !== undefined && isTestHarness(service);
    /** Example and test files hold templates and throwaway values, not deployed secrets. */
    const deployed = (file: FileFacts) => !isStandInPath(file.path) && !isExampleFile(file.path);
    /**
     * Whether ormConfigEntry reports the URL password at `span` as serverlessConnectionString: a
     * serverless.ts environment's URL literal is also a connection string in code, one finding.
     */
    const serverlessReports = (file: FileFacts, span: Span) =>
      Boolean(context.options.configFiles) &&
      deployed(file) &&
      file.ormConfig?.library === 'serverless' &&
      (file.ormConfig.connections ?? []).some(({ entries }) =>
        entries.some((entry) => {
          const inUrl = urlPassword(entry.secretsInValue);
          return inUrl !== undefined && inUrl.fileSpan.start === span.start && inUrl.fileSpan.end === span.end;
        }),
      );

    const reportEnvEntry = (file: FileFacts, entry: EnvFileEntry, dockerfile = false) => {
      const inUrl = urlPassword(entry.secretsInValue);
      if (inUrl) {
        context.report({
          messageId: 'connectionStringPassword',
          data: { scheme: schemeOf(entry.value, inUrl), redacted: redact(inUrl.secret) },
          at: { node: inUrl },
          help: `Keep '${entry.key}' out of committed files: set it in the deployment's secret store, and commit a '.env.example' with a placeholder.`,
          related: elsewhere(inUrl.secret, file, entry.valueSpan),
          fingerprintText: `${entry.key}\0url-password`,
        });
      } else if (isLiteralSecret(entry.secret) && dockerfile) {
        context.report({
          messageId: 'dockerfileSecret',
          data: { key: entry.key, redacted: redact(entry.secret) },
          at: { span: entry.valueSpan },
          help: `Give '${entry.key}' to the container when it starts (the orchestrator's secret, \`docker run -e ${entry.key}\`), or to one build step as a build secret (\`RUN --mount=type=secret\`): an ENV stays in every layer and in \`docker inspect\`; rotate this value, as it is now in the repository's history.`,
          related: elsewhere(entry.secret, file, entry.valueSpan),
          fingerprintText: `${entry.key}\0dockerfile-secret`,
        });
      } else if (isLiteralSecret(entry.secret)) {
        context.report({
          messageId: 'envFileSecret',
          data: { key: entry.key, redacted: redact(entry.secret) },
          at: { span: entry.valueSpan },
          help: `Keep '${entry.key}' out of committed files: set it in the deployment's secret store, and commit a '.env.example' with a placeholder.`,
          related: elsewhere(entry.secret, file, entry.valueSpan),
          fingerprintText: `${entry.key}\0env-secret`,
        });
      }
    };

    const reportComposeEntry = (file: FileFacts, service: string, entry: EnvFileEntry) => {
      const inUrl = urlPassword(entry.secretsInValue);
      const secret = inUrl ? inUrl.secret : entry.secret;
      if (!inUrl && !isLiteralSecret(secret)) return;
      const variable = !inUrl ? entry.defaultOf : undefined;
      context.report({
        messageId: inUrl ? 'composeConnectionString' : variable ? 'composeSecretDefault' : 'composeSecret',
        data: inUrl
          ? { service, key: entry.key, scheme: schemeOf(entry.value, inUrl), redacted: redact(inUrl.secret) }
          : variable
            ? { service, key: entry.key, variable, redacted: redact(secret!) }
            : { service, key: entry.key, redacted: redact(secret!) },
        at: { span: inUrl ? inUrl.fileSpan : entry.valueSpan },
        help: variable
          ? `Drop the default: '${entry.key}: \${${variable}:?}' makes compose refuse to start without the variable; set it from the deployment's secret store, and rotate this value, as it is now in the repository's history.`
          : `Pass '${entry.key}' from the environment ('${entry.key}: \${${entry.key}:?}'), an env_file kept out of git, or a compose secret ('${entry.key}_FILE' with 'secrets:').`,
        related: elsewhere(secret!, file, entry.valueSpan),
        fingerprintText: `compose\0${service}\0${entry.key}`,
      });
    };

    const reportManifestEntry = (file: FileFacts, manifest: K8sManifest, entry: K8sEntry) => {
      const name = displayName(manifest.name);
      if (entry.templated) return;
      const inUrl = urlPassword(entry.secretsInValue);
      if (!inUrl && !isLiteralSecret(entry.secret)) return;
      const secret = inUrl ? inUrl.secret : entry.secret!;
      // At the password when the file holds the URL as written; base64 and escaped values only as a whole.
      const span = inUrl && entry.encoding === 'plain' ? inUrl.fileSpan : entry.valueSpan;
      const related = elsewhere(secret, file, entry.valueSpan);
      // A base64 value's scheme is not kept (nor is any of the value); its messages do not name one.
      const scheme = schemeOf(entry.value, inUrl);
      if (entry.section === 'env') {
        const container = displayName(entry.container);
        const data = { kind: manifest.kind, name, key: entry.key, container, redacted: redact(secret) };
        context.report({
          messageId: inUrl ? 'workloadEnvConnectionString' : 'workloadEnvSecret',
          data: inUrl ? { ...data, scheme } : data,
          at: { span },
          help: `Move '${entry.key}' into a Secret fed by a secret manager and reference it with 'valueFrom.secretKeyRef' (or 'envFrom.secretRef'); rotate it, as it is now in the repository's history.`,
          related,
          fingerprintText: `${manifest.kind}\0${name}\0env\0${container}\0${entry.key}`,
        });
        return;
      }
      const fingerprintText = `${manifest.kind}\0${name}\0${entry.section}\0${entry.key}`;
      if (manifest.kind === 'Secret') {
        context.report({
          messageId: 'committedSecret',
          data: { name, key: entry.key, redacted: redact(secret) },
          at: { span },
          help: `Do not commit Secret manifests with real values: generate ${manifest.name ? `'${name}'` : 'the Secret'} from a secret manager (External Secrets, Sealed Secrets, SOPS), and rotate '${entry.key}', which is now in the repository's history.`,
          related,
          fingerprintText,
        });
      } else {
        context.report({
          messageId: inUrl ? 'configMapConnectionString' : 'configMapSecret',
          data: inUrl ? { name, key: entry.key, scheme, redacted: redact(secret) } : { name, key: entry.key, redacted: redact(secret) },
          at: { span },
          help: `A ConfigMap is plain configuration that anyone with read access to the namespace (or the repository) can see: move '${entry.key}' into a Secret fed by a secret manager and reference it with 'secretKeyRef'.`,
          related,
          fingerprintText,
        });
      }
    };

    /** The credentials of a compose service's `command:`, `entrypoint:` and healthcheck `test:` (the one-shot migrate container's URL). */
    const reportComposeCommands = (file: FileFacts) => {
      for (const { service, commands } of file.compose ?? [])
        for (const entry of commands ?? []) {
          const inUrl = urlPassword(entry.secretsInValue);
          const secret = inUrl ? inUrl.secret : entry.secret;
          if (!inUrl && !isLiteralSecret(secret)) continue;
          const where = entry.in === 'healthcheck' ? 'healthcheck test' : entry.in;
          context.report({
            messageId: inUrl ? 'composeCommandConnectionString' : 'composeCommandSecret',
            data: inUrl
              ? { service, scheme: schemeOf(entry.value, inUrl), where, redacted: redact(inUrl.secret) }
              : { service, key: entry.key, where, redacted: redact(secret!) },
            at: { span: inUrl ? inUrl.fileSpan : entry.valueSpan },
            help: `Pass the ${inUrl ? 'connection string' : `'${entry.key}'`} from the environment: compose interpolates \`\${DATABASE_URL:?}\` in '${entry.in === 'healthcheck' ? 'test' : entry.in}' from the shell or an env_file kept out of git (\`$$VAR\` leaves it to the container's own environment); rotate this password, as it is now in the repository's history.`,
            related: elsewhere(secret!, file, entry.valueSpan),
            fingerprintText: `compose\0${service}\0${entry.in}\0${entry.key}`,
          });
        }
    };

    // A URL password in an env block is a string literal of the code: the connection-string check reports it.
    const reportPm2Apps = (file: FileFacts) => {
      for (const app of file.script?.pm2Apps ?? [])
        for (const { name: block, entries } of app.environments) {
          // `env_test`: the test suite's throwaway settings, as a compose test file's.
          if (/^env_test(?:ing)?$/i.test(block)) continue;
          for (const entry of entries) {
            if (!isLiteralSecret(entry.secret)) continue;
            context.report({
              messageId: 'pm2Secret',
              data: { app: displayName(app.name), key: entry.key, block, redacted: redact(entry.secret) },
              at: { span: entry.valueSpan },
              help: `Leave '${entry.key}' out of the ecosystem file: PM2 passes the environment it is started with on to the app, so set it on the host or from the deployment's secret store; rotate this value, as it is now in the repository's history.`,
              related: elsewhere(entry.secret, file, entry.valueSpan),
              fingerprintText: `pm2\0${app.name ?? ''}\0${block}\0${entry.key}`,
            });
          }
        }
    };

    /**
     * Credentials in package.json scripts (a one-off `migrate:prod` with the owner's URL), which the model holds
     * described for every package.json discovery lists (a package of scripts alone too): reported once, at the run's
     * first file event. A package.json is no file the rules visit: the run keeps these findings when it covers the
     * manifest (a run over everything, or over a file of its folder) and drops them in a package.json it ignores.
     */
    let scriptsReported = false;
    const reportScripts = () => {
      if (scriptsReported) return;
      scriptsReported = true;
      for (const found of context.project.scriptSecrets) if (!isStandInPath(found.file)) reportScript(found);
    };
    const reportScript = (found: ManifestScriptSecret) => {
      if (!isLiteralSecret(found.secret)) return;
      const inUrl = found.key === 'url';
      context.report({
        messageId: inUrl ? 'scriptConnectionString' : 'scriptSecret',
        data: inUrl
          ? { script: found.script, scheme: found.scheme ?? 'database', redacted: redact(found.secret) }
          : { script: found.script, key: found.key, redacted: redact(found.secret) },
        at: { file: found.file, range: found.range },
        help: `Leave the ${inUrl ? 'password' : `value of '${found.key}'`} out of the script: let it read ${inUrl ? '`DATABASE_URL`' : `'${found.key}'`} from the environment it is run in (the CI job's or the deployment's secret store, or an env file kept out of git: \`node --env-file=.env …\`); rotate this password, as it is now in the repository's history.`,
        // The manifest has no facts: every other place that holds the value is another file's.
        related: sameSecretElsewhere(context.project, found.secret, found.file, { start: 0, end: 0 }),
        fingerprintText: `package.json\0${found.script}\0${found.key}`,
      });
    };

    return {
      file({ file }) {
        if (context.options.configFiles) reportScripts();
        // A PM2 ecosystem file's `env` blocks are the apps' deployed environment, as a compose service's `environment:`.
        if (context.options.compose && deployed(file)) reportPm2Apps(file);
        if (context.options.compose && file.compose && deployed(file)) reportComposeCommands(file);
      },
      envEntry({ file, entry, dockerfile }) {
        if (!context.options.envFiles || !deployed(file) || (!dockerfile && isLocalEnvFile(file.path))) return;
        reportEnvEntry(file, entry, dockerfile === true);
      },
      composeEntry({ file, composeService, entry }) {
        if (context.options.compose && deployed(file)) reportComposeEntry(file, composeService, entry);
      },
      manifestEntry({ file, manifest, entry }) {
        if (context.options.manifests && deployed(file)) reportManifestEntry(file, manifest, entry);
      },
      yamlSetting({ file, setting }) {
        // node-config's `default.yaml` is what every environment starts from, not a template.
        if (!context.options.configFiles || isStandInPath(file.path) || isCiConfig(file.path) || isExampleFile(file.path, false)) return;
        const inUrl = urlPassword(setting.secretsInValue);
        if (!inUrl) {
          // Kept by its key only in application configuration (src/analysis/yaml-settings.ts).
          if (!isLiteralSecret(setting.secret)) return;
          const name = [...setting.path, setting.key].join('.');
          context.report({
            messageId: 'configFileSecret',
            data: { key: name, redacted: redact(setting.secret) },
            at: { span: setting.valueSpan },
            help:
              toolConfigHelp(file.path, name) ??
              `Leave '${name}' out of the committed configuration: read it from the environment (node-config's custom-environment-variables.yaml, Spring's \${...}, a Helm value set at install from a secret store) or reference an existing Secret.`,
            related: elsewhere(setting.secret, file, setting.valueSpan),
            fingerprintText: `yaml\0${name}\0secret`,
          });
          return;
        }
        if (TEMPLATE_SCHEMES.has(schemeOf(setting.value, inUrl))) return;
        context.report({
          messageId: 'configFileConnectionString',
          data: { key: setting.key, scheme: schemeOf(setting.value, inUrl), redacted: redact(inUrl.secret) },
          at: { node: inUrl },
          help: `Leave the password out of the committed configuration: read it from the environment (node-config's custom-environment-variables.yaml, Spring's \${DB_PASSWORD}) or from a secret store.`,
          related: elsewhere(inUrl.secret, file, setting.valueSpan),
          fingerprintText: `yaml\0${[...setting.path, setting.key].join('.')}`,
        });
      },
      ormConfigEntry({ file, library, connection, entry }) {
        // An ORM's connection file is the deployed configuration; example and test copies are not.
        if (!context.options.configFiles || !deployed(file)) return;
        // A URL in YAML is the `yamlSetting` check's already (any YAML's connection URL).
        const inUrl = /\.ya?ml$/i.test(file.path) ? undefined : urlPassword(entry.secretsInValue);
        if (!inUrl && !isLiteralSecret(entry.secret)) return;
        const secret = inUrl ? inUrl.secret : entry.secret!;
        if (library === 'terraform') {
          // A resource's, provider's or module's attribute (`resource 'aws_db_instance.orders'`), a variable's default, a tfvars assignment.
          const where =
            connection === undefined
              ? ''
              : connection.startsWith('variable.')
                ? `variable '${displayName(connection.slice('variable.'.length))}' `
                : `'${displayName(connection)}' `;
          context.report({
            messageId: 'terraformSecret',
            data: { where, key: entry.key, redacted: redact(secret) },
            at: { span: entry.valueSpan },
            help: `Give '${entry.key}' no literal: a variable marked \`sensitive = true\` set from the pipeline's secret store (\`TF_VAR_…\`), a \`random_password\` kept in a secrets manager, or RDS's \`manage_master_user_password = true\`; rotate this value, as it is now in the repository's history and in the state.`,
            related: elsewhere(secret, file, entry.valueSpan),
            fingerprintText: `${library}\0${connection ?? ''}\0${entry.key}`,
          });
          return;
        }
        if (library === 'serverless') {
          // An environment (`provider.environment`, a function's) or an RDS resource (`TripsCluster`).
          const where = connection === undefined ? '' : /\.environment$/.test(connection) ? connection : `resource '${connection}'`;
          const data = { where, key: entry.key, redacted: redact(secret) };
          context.report({
            messageId: inUrl ? 'serverlessConnectionString' : 'serverlessSecret',
            data: inUrl ? { ...data, scheme: schemeOf(entry.value, inUrl) } : data,
            at: { span: inUrl ? inUrl.fileSpan : entry.valueSpan },
            help: `Resolve '${entry.key}' at deploy time instead: \`\${ssm:/path/to/secret}\` (SSM Parameter Store), a CloudFormation \`resolve:secretsmanager\` dynamic reference, or RDS's \`ManageMasterUserPassword: true\`; rotate this password, as it is now in the repository's history.`,
            related: elsewhere(secret, file, entry.valueSpan),
            fingerprintText: `${library}\0${connection ?? ''}\0${entry.key}`,
          });
          return;
        }
        if (library === 'django') {
          // A settings module named for the developer's or the suite's environment (settings/dev.py, local.py, test.py).
          if (LOCAL_DJANGO_SETTINGS.test(file.path)) return;
          const help = `Read '${entry.key === 'password' ? 'PASSWORD' : entry.key}' from the environment when Django starts (\`os.environ['${entry.key === 'password' ? 'DB_PASSWORD' : 'DJANGO_SECRET_KEY'}']\`, django-environ's \`env('…')\`), failing when it is unset; rotate this value, as it is now in the repository's history.`;
          context.report(
            connection === undefined
              ? {
                  messageId: 'configFileSecret',
                  data: { key: entry.key, redacted: redact(secret) },
                  at: { span: entry.valueSpan },
                  help,
                  related: elsewhere(secret, file, entry.valueSpan),
                  fingerprintText: `django\0${entry.key}`,
                }
              : {
                  messageId: 'ormConfigSecret',
                  data: { orm: 'Django', connection: `'${connection}' `, key: 'PASSWORD', redacted: redact(secret) },
                  at: { span: entry.valueSpan },
                  help,
                  related: elsewhere(secret, file, entry.valueSpan),
                  fingerprintText: `django\0${connection}\0${entry.key}`,
                },
          );
          return;
        }
        // A developer's or the test suite's environment holds local stand-ins (`postgres` on 127.0.0.1), as db-migrate's
        // `dev` / `test` and `.env.example` do: the Sequelize CLI's `development` / `test`, `appsettings.Development.json`.
        if (library === 'sequelize' && LOCAL_ENVIRONMENT.test(connection ?? '')) return;
        if (library === 'dotnet' && (LOCAL_APPSETTINGS.test(file.path) || LOCAL_DOTNET_CONFIG.test(file.path))) return;
        // A .NET Framework XML config (web.config, app.config, a transform) rather than an ASP.NET Core appsettings file.
        const xmlConfig =
          library === 'dotnet' && file.path.endsWith('.config') ? file.path.slice(file.path.lastIndexOf('/') + 1) : undefined;
        const orm =
          library === 'sequelize'
            ? 'Sequelize'
            : library === 'node-config'
              ? 'node-config'
              : library === 'db-migrate'
                ? 'db-migrate'
                : library === 'json-module'
                  ? 'JSON settings file'
                  : xmlConfig
                    ? `.NET ${xmlConfig}`
                    : library === 'dotnet'
                      ? '.NET appsettings'
                      : 'TypeORM';
        const data = { orm, connection: connection !== undefined ? `'${connection}' ` : '', key: entry.key, redacted: redact(secret) };
        context.report({
          messageId: inUrl ? 'ormConfigConnectionString' : 'ormConfigSecret',
          data: inUrl ? { ...data, scheme: schemeOf(entry.value, inUrl) } : data,
          at: { span: inUrl ? inUrl.fileSpan : entry.valueSpan },
          help:
            library === 'sequelize'
              ? 'Take the connection from the environment: `"use_env_variable": "DATABASE_URL"` in this environment, or a `config.js` (named in `.sequelizerc`) reading `process.env.DB_PASSWORD`; rotate this password, as it is now in the repository\'s history.'
              : library === 'db-migrate'
                ? `Read '${entry.key}' from the environment when db-migrate runs: \`"${entry.key}": { "ENV": "DB_PASSWORD" }\` in database.json; rotate this password, as it is now in the repository's history.`
                : xmlConfig
                  ? `Leave the password out of ${xmlConfig}: connect with Integrated Security (the app pool's or a managed identity), or let the deployment write the connection string from its secret store (a config transform or a \`configSource\` file kept out of git, \`$(…)\` / \`#{…}#\` tokens it replaces), or encrypt the section (\`aspnet_regiis -pef connectionStrings\`); rotate this password, as it is now in the repository's history.`
                  : library === 'dotnet'
                    ? `Leave the password out of appsettings: set '${entry.key.replace(':', '__')}' in the deployment's environment from its secret store (or use user secrets / a key vault provider); rotate this password, as it is now in the repository's history.`
                    : library === 'json-module'
                      ? `Leave the password out of this JSON file and add it where the code builds the connection from the environment (\`{ ...dbConfig, password: process.env.DB_PASSWORD }\`); rotate this password, as it is now in the repository's history.`
                      : library === 'node-config'
                        ? `Leave '${entry.key}' out of the committed config file and map it to an environment variable in config/custom-environment-variables.json (\`{ "${connection ?? 'db'}": { "${entry.key}": "DB_PASSWORD" } }\`); rotate this password, as it is now in the repository's history.`
                        : "Configure the connection in code (a DataSource reading `process.env.DB_PASSWORD`) or through TypeORM's `TYPEORM_*` environment variables instead of a committed ormconfig; rotate this password, as it is now in the repository's history.",
          related: elsewhere(secret, file, entry.valueSpan),
          fingerprintText: `${library}\0${connection ?? ''}\0${entry.key}`,
        });
      },
      sqlSecret(event) {
        if (inHarness(event.service)) return;
        const { file } = event;
        const { statement, secret } = event.sqlSecret;
        // SQL in code (`pool.query(\`CREATE USER … PASSWORD '…'\`)`) carries the literal's span in the file; a mocked script is part of the fake.
        const inCode = event.sqlSecret.fileSpan !== undefined;
        if (!context.options.sql || !deployed(file) || !isLiteralSecret(secret) || (inCode && isTestCode(file))) return;
        // A setup template whose comments say to change the value (`WARNING: You should change … 'radpass'`): a warning,
        // since the file says it is no deployed secret, yet whoever runs it unchanged gets a password the world knows.
        if (event.sqlSecret.documented) {
          context.report({
            messageId: 'sqlPlaceholderPassword',
            data: { statement, redacted: redact(secret) },
            at: { range: event.range },
            severity: 'warn',
            help: "Replace the placeholder before the script runs anywhere that matters: take the password from a psql variable (`PASSWORD :'app_password'`) or the deployment's secret store rather than editing it into the file.",
            related: elsewhere(secret, file, event.sqlSecret.fileSpan ?? event.sqlSecret.span),
            fingerprintText: `sql\0${statement}\0placeholder`,
          });
          return;
        }
        context.report({
          messageId: 'sqlPassword',
          data: { statement, redacted: redact(secret) },
          at: { range: event.range },
          help: statement.endsWith('CONNECTION')
            ? "Point the FEDERATED table at a server instead (`CONNECTION='remote_server/table'`) and create that server (`CREATE SERVER … OPTIONS (USER …, PASSWORD …)`) from the deployment's secret store, not from the repository; rotate this password, as it is now in the repository's history."
            : inCode
              ? "Read the password from the environment or a secret manager and quote it into the statement at run time (PostgreSQL: `format('… PASSWORD %L', …)` or pg's `escapeLiteral`; mysql2: `escape`); rotate this one, as it is now in the repository's history."
              : "Create the user without a password in the script (or with a psql variable, `PASSWORD :'app_password'`) and set it from the deployment's secret store; rotate this one, as it is now in the repository's history.",
          related: elsewhere(secret, file, event.sqlSecret.fileSpan ?? event.sqlSecret.span),
          fingerprintText: `sql\0${statement}`,
        });
      },
      configProperty(event) {
        if (inHarness(event.service)) return;
        const { property, file } = event;
        if (property.valueKind !== 'string' || isTestCode(file) || isStandInPath(file.path) || isTranslationFile(file.path)) return;
        // A URL-valued secret option is the connection-string check's to report, at the password.
        if (!isCodeSecret(property.secret) || urlPassword(property.secretsInValue) || inTextObject(property.path)) return;
        // A made-up principal of the project's own class, imported through a tsconfig alias or a workspace package.
        if (property.principalClassModule !== undefined && context.project.resolveModule(file.path, property.principalClassModule)) return;
        // A value that reads as words, a placeholder, or the name of the variable to read it from (LangChain's `lc_secrets`).
        const wordsOrPlaceholder =
          property.secret.text === true || property.secret.variable === true || property.secret.kind === 'placeholder';
        if (wordsOrPlaceholder && !inUse(property, file.script?.configProperties ?? [])) return;
        context.report({
          messageId: 'credentialProperty',
          data: { key: property.key, redacted: redact(property.secret) },
          at: { range: event.valueRange },
          help: `Read '${property.key}' from the environment (failing at startup when it is missing) or from a secret manager.`,
          related: elsewhere(property.secret, file, property.valueSpan),
          fingerprintText: `${property.callee ?? ''}\0${[...property.path, property.key].join('.')}`,
        });
      },
      connectionString(event) {
        if (inHarness(event.service)) return;
        const { literal, file } = event;
        if (isTestCode(file) || isStandInPath(file.path)) return;
        const password = urlPassword(literal.secretsInValue);
        if (!password || serverlessReports(file, password.fileSpan)) return;
        const exact = password.fileSpan.start !== literal.fileSpan.start || password.fileSpan.end !== literal.fileSpan.end;
        context.report({
          messageId: 'connectionStringPassword',
          data: { scheme: schemeOf(literal.value, password), redacted: redact(password.secret) },
          at: exact ? { node: password } : { range: event.range },
          help: 'Build the URL from the environment (e.g. `process.env.DATABASE_URL`), which the deployment fills from its secret store.',
          related: elsewhere(password.secret, file, literal.fileSpan),
          fingerprintText: `${schemeOf(literal.value, password)}\0url-password`,
        });
      },
    };
  },
});
