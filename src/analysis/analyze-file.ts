import { hashText } from '../io/hash.js';
import { DIRECTIVE_PREFIX } from './directives.js';
import type { Dialect, FileFacts, SqlAnalysis } from './facts.js';
import { parseComposeFile } from './compose.js';
import { parseEnvFile } from './env.js';
import { envComments, yamlComments } from './hash-comments.js';
import { parseK8sManifests } from './k8s.js';
import { isApplicationConfig, isHelmValuesFile, isSpringConfig, parseYamlSettings } from './yaml-settings.js';
import { isServerlessConfig, isServerlessScript, parseServerlessConfig } from './serverless-config.js';
import { isNodeConfigFile, parseNodeConfig } from './node-config.js';
import { isSupabaseConfig, mayBeConnectorConfig, parseConnectorConfig, parseSupabaseConfig } from './tool-secrets.js';
import { isDotnetAppSettings, isDotnetXmlConfig, parseDotnetAppSettings, parseDotnetXmlConfig } from './dotnet-settings.js';
import { isPropertiesSettingsFile, parsePropertiesSettings } from './properties-settings.js';
import { isLaravelDatabaseConfig, parseLaravelDatabaseConfig } from './laravel-config.js';
import { isDjangoSettingsFile, parseDjangoSettings } from './django-settings.js';
import { jdbcUrlsOf } from './jdbc-urls.js';
import { isDbMigrateConfig, parseDbMigrateConfig } from './db-migrate-config.js';
import { parsePrismaDatasources, parsePrismaSchema } from './prisma.js';
import { parseTsconfig } from './tsconfig.js';
import { analyzeSqlBranch, analyzeSqlByTokens, analyzeSqlFragment, initSqlParsers } from './sql/index.js';
import { commentFacts } from './sql-comments.js';
import { bindMigrationPlaceholders, withoutPlaceholderTables } from './sql/migration-placeholders.js';
import { computeLineStarts } from './text.js';
import { scriptMayHaveFacts } from './typescript/prefilter.js';
import type * as ScriptAnalysis from './typescript/script-analysis.js';
import { embeddedDialect, embeddedReading, sqlFileDialect, sqlFileEngine, votedFor, type DialectSettings } from './dialect.js';
import { fileKindOf } from '../discovery/file-kind.js';
import { inlineSqlAnalyser, type SqlAnalyser } from './sql-analyser.js';
import { describeSecrets, type DescribeSecretsOptions } from './describe-secrets.js';
import { maskSqlSecrets } from './sql-secrets.js';
import { embeddedToFileSpan } from './locate.js';
import { isOrmConfigFile, parseOrmConfig } from './orm-config.js';
import { isDockerfile, parseDockerfileEnv } from './dockerfile.js';
import { mayBeLiquibaseChangelog, parseLiquibaseChanges } from './liquibase-changes.js';
import { readSchemaCode } from './migrations/index.js';
import { emptyScriptFacts } from './script-facts.js';
import { isDefaultSequelizeConfig, parseSequelizeConfig } from './sequelize-config.js';
import { processSecretKey, type SecretKey } from './secrets.js';
import { engineWordsOf } from './engine-words.js';
import { isLiquibaseFormattedSql } from './liquibase-sql.js';
import { isToolAnnotatedSql } from './migration-annotations.js';
import { isTerraformFile, parseTerraform } from './terraform.js';
import { isWranglerConfig, parseWranglerConfig } from './wrangler-config.js';
import { MYBATIS_CALLEE, mapperScriptFacts, mayBeMyBatisMapper, parseMyBatisMapper } from './mybatis-mapper.js';
import { codeOpensConnection } from './opens-connection.js';

/** A top-level `services:` key: other YAML that may be a compose file under another name. */
const COMPOSE_SERVICES_LINE = /^services:[ \t]*(?:#.*)?$/m;

export { embeddedDialect, sqlFileDialect };

export interface AnalyzeSettings {
  /** Dialect of the service owning the file, or the configured default; undefined when unknown. */
  serviceDialect?: Dialect;
  defaultDialect: Dialect;
  sqlCallees: string[];
  /** The content hash if the caller has it, or '' when nothing will read it (no cache); hashed when absent. */
  hash?: string;
  /** How secrets are described (their fingerprints' key, extra secret names); see describe-secrets.ts. */
  secrets?: DescribeSecretsOptions;
}

/** Loads what analyzeFile needs that is asynchronous to load (libpg-query's WASM for `dialects`, both by default; the script analysers). */
export async function initAnalysers(dialects?: Iterable<Dialect>): Promise<void> {
  await Promise.all([initSqlParsers(dialects), loadScriptAnalysers()]);
}

/** The TypeScript extraction, once loaded: see `loadScriptAnalysers`. */
let scriptAnalysis: typeof ScriptAnalysis | undefined;

/**
 * Loads the script analysers, and TypeScript with them. Only a script needs them, so a run loads them
 * when `needsScriptAnalysers` says a file it analyses does (a repository without scripts never loads
 * TypeScript); a script analysed before they are loaded gets an internal-error problem, not silence.
 */
export async function loadScriptAnalysers(): Promise<void> {
  scriptAnalysis ??= await import('./typescript/script-analysis.js');
}

/** Whether analysing this file parses a script while the script analysers are not loaded yet. */
export function needsScriptAnalysers(path: string, text: string, sqlCallees: string[]): boolean {
  return scriptAnalysis === undefined && fileKindOf(path, text) === 'script' && scriptIsParsed(path, text, sqlCallees);
}

/** A serverless.ts is always parsed (its config); another script only when it may hold facts or directives. */
function scriptIsParsed(path: string, text: string, sqlCallees: string[]): boolean {
  return isServerlessScript(path) || scriptMayHaveFacts(text, { sqlCallees }) || mayHoldDirectives(text);
}

/**
 * Parses one file once and returns its facts; the ASTs are dropped here. Never throws.
 * SQL goes through `sql`: with a worker, the SQL facts are complete once it settles.
 */
export function analyzeFile(path: string, text: string, settings: AnalyzeSettings, sql: SqlAnalyser = inlineSqlAnalyser()): FileFacts {
  const facts = extractFileFacts(path, text, settings);
  analyzeFileSql(facts, { ...settings, secretKey: settings.secrets?.key }, sql);
  return facts;
}

/**
 * Every fact of a file except the analysis of its SQL: the dialect that SQL is read in may depend
 * on what the other files of its service say (drivers, ORM options), so it comes second
 * (`analyzeFileSql`). Never throws.
 */
export function extractFileFacts(
  path: string,
  text: string,
  settings: Pick<AnalyzeSettings, 'sqlCallees' | 'hash' | 'secrets'>,
): FileFacts {
  const kind = fileKindOf(path, text);
  const facts: FileFacts = {
    path,
    kind,
    hash: settings.hash ?? hashText(text),
    lineStarts: computeLineStarts(text),
    text,
    comments: [],
    problems: [],
  };
  const words = engineWordsOf(text);
  if (words.length > 0) facts.engineWords = words;
  if (kind !== 'sql') {
    const jdbc = jdbcUrlsOf(text);
    if (jdbc.length > 0) facts.jdbcUrls = jdbc;
  }
  if (kind === 'sql' && isLiquibaseFormattedSql(text)) facts.liquibaseFormatted = true;
  if (kind === 'sql' && isToolAnnotatedSql(text)) facts.toolAnnotated = true;
  if (codeOpensConnection(text)) facts.opensConnection = true;
  try {
    switch (kind) {
      case 'script': {
        // A script with no facts may still hold directives, which must be read (and reported when unused).
        if (!scriptIsParsed(path, text, settings.sqlCallees)) break;
        if (!scriptAnalysis) throw new Error('the script analysers are not loaded (loadScriptAnalysers)');
        // A serverless.ts is the service's config: its object literal is read from the one parse.
        scriptAnalysis.analyzeScript(facts, text, isServerlessScript(path), settings.sqlCallees);
        break;
      }
      case 'env':
        facts.env = parseEnvFile(text);
        if (mayHoldDirectives(text)) facts.comments = envComments(text, facts.env);
        break;
      case 'prisma': {
        facts.prisma = parsePrismaSchema(text);
        const datasources = parsePrismaDatasources(text);
        if (datasources.length > 0) facts.prismaDatasources = datasources;
        break;
      }
      case 'tsconfig': {
        const { tsconfig, problems } = parseTsconfig(text);
        facts.tsconfig = tsconfig;
        facts.problems.push(...problems);
        break;
      }
      case 'compose':
        facts.compose = parseComposeFile(
          text,
          (problem) => facts.problems.push(problem),
          (name) => (facts.composeProject = name),
        );
        if (mayHoldDirectives(text)) facts.comments = yamlComments(text);
        break;
      case 'k8s':
        facts.k8s = parseK8sManifests(text, (problem) => facts.problems.push(problem));
        if (mayHoldDirectives(text)) facts.comments = yamlComments(text);
        break;
      default: {
        if (isDockerfile(path)) {
          const env = parseDockerfileEnv(text);
          if (env.length > 0) facts.dockerEnv = env;
          if (mayHoldDirectives(text)) facts.comments = yamlComments(text);
          break;
        }
        // A Cloudflare Worker's wrangler config: its D1 (SQLite) databases and their migration folders.
        if (isWranglerConfig(path)) {
          const d1 = parseWranglerConfig(path, text);
          if (d1.length > 0) facts.d1Databases = d1;
          break;
        }
        if (isTerraformFile(path)) {
          const ormConfig = parseTerraform(path, text);
          if (ormConfig) facts.ormConfig = ormConfig;
          break;
        }
        // Tools' configs read for their credentials only: a Kafka Connect connector's JSON, a Supabase project's config.toml.
        if (isSupabaseConfig(path) || (mayBeConnectorConfig(path) && text.includes('"connector.class"'))) {
          const settings = isSupabaseConfig(path) ? parseSupabaseConfig(text) : parseConnectorConfig(text);
          if (settings.length > 0) facts.yamlSettings = settings;
          break;
        }
        // A Django project's settings module: its DATABASES and a literal SECRET_KEY.
        if (isDjangoSettingsFile(path)) {
          const ormConfig = parseDjangoSettings(text);
          if (ormConfig) facts.ormConfig = ormConfig;
          break;
        }
        // A Laravel application's config/database.php: the driver of its default connection.
        if (isLaravelDatabaseConfig(path)) {
          const ormConfig = parseLaravelDatabaseConfig(text);
          if (ormConfig) facts.ormConfig = ormConfig;
          break;
        }
        // A .NET Framework service's web.config / app.config: the connection strings of its <connectionStrings>.
        if (isDotnetXmlConfig(path)) {
          const ormConfig = parseDotnetXmlConfig(text);
          if (ormConfig) facts.ormConfig = ormConfig;
          break;
        }
        if (isOrmConfigFile(path)) {
          const ormConfig = parseOrmConfig(path, text);
          if (ormConfig) facts.ormConfig = ormConfig;
        } else if (isDefaultSequelizeConfig(path)) {
          const ormConfig = parseSequelizeConfig(text);
          if (ormConfig) facts.ormConfig = ormConfig;
        } else if (isServerlessConfig(path)) {
          const ormConfig = parseServerlessConfig(text, path);
          if (ormConfig) facts.ormConfig = ormConfig;
        } else if (isDbMigrateConfig(path)) {
          const ormConfig = parseDbMigrateConfig(text);
          if (ormConfig) facts.ormConfig = ormConfig;
        } else if (isNodeConfigFile(path)) {
          const ormConfig = parseNodeConfig(path, text);
          if (ormConfig) facts.ormConfig = ormConfig;
        } else if (isDotnetAppSettings(path)) {
          const ormConfig = parseDotnetAppSettings(path, text);
          if (ormConfig) facts.ormConfig = ormConfig;
        }
        // Any other JSON file of connection settings (`src/config/database.json`): the service's where its code requires it.
        const readAlready =
          isOrmConfigFile(path) ||
          isDefaultSequelizeConfig(path) ||
          isServerlessConfig(path) ||
          isDotnetAppSettings(path) ||
          (isNodeConfigFile(path) && !isDbMigrateConfig(path));
        if (!facts.ormConfig && /\.json$/i.test(path) && !readAlready) {
          const settings = parseNodeConfig(path, text, 'json-module');
          if (settings) facts.ormConfig = settings;
        }
        // Schema code in other languages (Alembic, SQLAlchemy, Django, …: src/analysis/migrations/): the tables it creates,
        // renames, drops and references, and the SQL it runs (a Django migration's RunSQL) as a script's embedded SQL.
        const code = readSchemaCode(path, text);
        if (code) {
          if (code.tables.length > 0) facts.schemaChanges = code.tables;
          if (code.copies && code.copies.length > 0) facts.tableCopies = code.copies;
          if (code.django) facts.djangoMigration = code.django;
          if (code.sql.length > 0) facts.script = { ...emptyScriptFacts(), embeddedSql: code.sql };
          break;
        }
        // A MyBatis mapper's statements: embedded SQL, as a script's query strings are.
        if (mayBeMyBatisMapper(path, text)) {
          const embeddedSql = parseMyBatisMapper(text);
          if (embeddedSql.length > 0) facts.script = mapperScriptFacts(embeddedSql);
          break;
        }
        // A Liquibase changelog's changeSets (YAML, JSON or XML): the tables they create, rename, drop and reference.
        if (mayBeLiquibaseChangelog(path, text)) {
          const changes = parseLiquibaseChanges(path, text, (problem) => facts.problems.push(problem));
          if (changes.length > 0) facts.schemaChanges = changes;
          // Its findings may be suppressed as in any YAML (XML comments cannot hold a directive's `--` reason).
          if (/\.ya?ml$/i.test(path) && mayHoldDirectives(text)) facts.comments = yamlComments(text);
          break;
        }
        // Spring's application*.properties, flyway.conf, liquibase.properties: their credentials, as settings of other configuration.
        if (isPropertiesSettingsFile(path)) {
          const settings = parsePropertiesSettings(text, { databaseUrls: isSpringConfig(path) });
          if (settings.length > 0) facts.yamlSettings = settings;
          break;
        }
        if (!/\.ya?ml$/i.test(path)) break;
        // A compose file named otherwise (`compose/common.yml`, what `extends: { file }` names): its services.
        if (text.includes('services:') && COMPOSE_SERVICES_LINE.test(text)) {
          const services = parseComposeFile(text).filter((s) => s.entries.length > 0 || s.envFiles || s.extends || s.commands);
          if (services.length > 0) facts.compose = services;
        }
        // A Helm values file is read whole, in the same parse: which of its values reach a container is the model's to say.
        const values = isHelmValuesFile(path) ? ([] as NonNullable<FileFacts['helmValues']>) : undefined;
        const settings = parseYamlSettings(text, { secretKeys: isApplicationConfig(path), values, databaseUrls: isSpringConfig(path) });
        if (settings.length > 0) facts.yamlSettings = settings;
        if (values && values.length > 0) facts.helmValues = values;
        break;
      }
    }
    // Before anything keeps these facts: from here on they hold no secret.
    describeSecrets(facts, text, settings.secrets);
  } catch (error) {
    // A defect in an extractor must cost one file, not the run.
    facts.problems.push({ message: `internal error while analysing: ${(error as Error).message}`, fileSpan: { start: 0, end: 0 } });
  }
  return facts;
}

/**
 * Analyses the SQL of a file whose other facts are extracted: a .sql file, or the SQL embedded
 * in a script, in the dialect `settings` give. Replaces an earlier analysis. Never throws.
 */
export function analyzeFileSql(
  facts: FileFacts,
  settings: DialectSettings & { secretKey?: SecretKey },
  sql: SqlAnalyser = inlineSqlAnalyser(),
): void {
  const key = settings.secretKey ?? processSecretKey();
  // SQL of an engine without a parser here is read by tokens, at once: no parser to load or wait for.
  const engine = settings.unparsedEngine;
  const analyse: SqlAnalyser['analyze'] = engine ? (text, _dialect, done) => done(analyzeSqlByTokens(text, engine)) : sql.analyze.bind(sql);
  // Read in the dialect its service's statements chose: said on the analysis (a copy: analyses are shared), for a later vote.
  const vote = votedFor(settings);
  const voted = (analysis: SqlAnalysis): SqlAnalysis =>
    vote && !analysis.byTokensOnly && !analysis.clientBranch ? { ...analysis, byParseVote: vote } : analysis;
  try {
    if (facts.kind === 'sql' && !facts.unread) {
      const text = facts.text;
      const dialect = sqlFileDialect(facts.path, text, settings);
      // The parsers (and their errors, and the worker) see the text with its passwords masked, and
      // with a migration tool's `${placeholders}` bound as the tool binds them before the SQL runs.
      const masked = maskSqlSecrets(text, dialect, key);
      const bound = bindMigrationPlaceholders(masked.text);
      // A file whose own syntax is SQLite's (sqlFileEngine) is read by SQLite's tokens, whatever parser its service's other SQL takes.
      const fileEngine = sqlFileEngine(text, settings);
      const analyseFile: SqlAnalyser['analyze'] =
        fileEngine && fileEngine !== engine ? (sqlText, _dialect, done) => done(analyzeSqlByTokens(sqlText, fileEngine)) : analyse;
      analyseFile(bound, dialect, (parsed) => {
        const analysis = voted(bound === masked.text ? parsed : withoutPlaceholderTables(parsed, masked.text));
        facts.sql = masked.secrets.length > 0 ? { ...analysis, secrets: masked.secrets } : analysis;
        facts.comments = commentFacts(text, analysis.comments);
      });
      if (masked.secrets.length > 0) facts.secretSpans = [...(facts.secretSpans ?? []), ...masked.secrets.map((s) => s.span)];
    } else if (facts.script) {
      const previous = facts.embeddedAnalyses;
      const analyses: SqlAnalysis[] = new Array<SqlAnalysis>(facts.script.embeddedSql.length);
      facts.embeddedAnalyses = analyses;
      facts.script.embeddedSql.forEach((site, i) => {
        // A client check's branch for another engine (`if (client.includes('mysql'))`) is read by that engine's tokens.
        const reading = embeddedReading(site, settings);
        const dialect = reading.dialect;
        const siteEngine = reading.unparsedEngine;
        // Analysed before (another dialect): the site's text is masked already, and only the first pass saw the passwords.
        const described = previous?.[i]?.secrets;
        const masked = described ? { text: site.text, secrets: described } : maskSqlSecrets(site.text, dialect, key);
        // The site's text is kept in the facts: it keeps the mask. (Its file spans are the literal's, which the script's facts do not repeat.)
        if (masked.secrets.length > 0 && !described) {
          site.text = masked.text;
          // Where the file holds each password: findings point there, and fingerprints mask it.
          for (const secret of masked.secrets) secret.fileSpan = embeddedToFileSpan(site, secret.span);
          facts.secretSpans = [...(facts.secretSpans ?? []), ...masked.secrets.map((s) => s.fileSpan!)];
        }
        const done = (analysis: SqlAnalysis) => {
          const read = voted(site.ctes ? withoutCtes(analysis, site.ctes) : analysis);
          analyses[i] = masked.secrets.length > 0 ? { ...read, secrets: masked.secrets } : read;
        };
        // A query builder's fragment is no statement: read by tokens here, never sent to a parser.
        if (site.via === 'fragment') {
          const fragment = analyzeSqlFragment(site.text, siteEngine ? 'postgresql' : dialect, fragmentClause(site.callee));
          done(
            siteEngine
              ? { ...fragment, byTokensOnly: siteEngine }
              : reading.clientBranch
                ? { ...fragment, clientBranch: reading.clientBranch }
                : fragment,
          );
        } else if (reading.clientBranch) done(analyzeSqlBranch(site.text, reading.clientBranch));
        else if (siteEngine && siteEngine !== engine) done(analyzeSqlByTokens(site.text, siteEngine));
        else analyse(site.text, dialect, done);
      });
    }
  } catch (error) {
    facts.problems.push({ message: `internal error while analysing: ${(error as Error).message}`, fileSpan: { start: 0, end: 0 } });
  }
}

/** The analysis without the bare references to the CTEs a query builder declares around the SQL (EmbeddedSql.ctes); a copy, as analyses are shared. */
function withoutCtes(analysis: SqlAnalysis, ctes: readonly string[]): SqlAnalysis {
  const names = new Set(ctes);
  const isCte = (r: { name: string; qualifier?: string }) => r.qualifier === undefined && names.has(r.name.toLowerCase());
  if (!analysis.statements.some((st) => st.tableRefs.some(isCte))) return analysis;
  return {
    ...analysis,
    statements: analysis.statements.map((st) =>
      st.tableRefs.some(isCte) ? { ...st, tableRefs: st.tableRefs.filter((r) => !isCte(r)) } : st,
    ),
  };
}

/** Where a fragment stands: knex's `fromRaw` is a FROM list, a MyBatis statement with dynamic elements a whole statement, any other a condition or join. */
function fragmentClause(callee: string): 'from' | 'statement' | 'other' {
  return /(?:^|\.)fromRaw$/.test(callee) ? 'from' : callee.startsWith(MYBATIS_CALLEE) ? 'statement' : 'other';
}

/**
 * `#` comments are read only for directives, and unlike TypeScript and SQL comments they take a
 * pass of their own (YAML is lexed again): skipped when no directive can be in the file.
 */
function mayHoldDirectives(text: string): boolean {
  return text.includes(DIRECTIVE_PREFIX);
}

export type { SqlAnalysis };
