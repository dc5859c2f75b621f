import path from 'node:path';
import { z } from 'zod';
import { compileGlob, GlobSyntaxError } from './glob.js';

/**
 * The one definition of the config: validation, the TypeScript type and the
 * shipped JSON Schema (`schema/config.schema.json`) all come from here.
 */

export const severitySetting = z.enum(['off', 'warn', 'error']);

/**
 * A folder or glob in the config, relative to the config file's folder: one that climbs out of
 * it (`../outside`) or is absolute would make the linter read outside the project.
 */
const projectPath = z
  .string()
  .min(1)
  .refine(staysInsideProject, {
    error: (issue) => `'${String(issue.input)}' is outside the folder of the config file (config paths are relative to that folder)`,
  })
  .superRefine(compilableGlob);

/** Every glob of the config is compiled when it loads: one the engine cannot take is an error naming its key path. */
function compilableGlob(pattern: string, context: z.RefinementCtx): void {
  try {
    compileGlob(pattern);
  } catch (error) {
    if (!(error instanceof GlobSyntaxError)) throw error;
    context.addIssue({ code: 'custom', message: error.message });
  }
}

export function staysInsideProject(value: string): boolean {
  const posix = value.replace(/\\/g, '/');
  if (posix.startsWith('/') || /^[a-z]:\//i.test(posix)) return false;
  const normalized = path.posix.normalize(posix);
  return normalized !== '..' && !normalized.startsWith('../');
}

/**
 * Every engine a service's SQL can be read as: the two dialects parsed here, then the engines whose SQL is read by
 * their tokens only (src/analysis/facts.ts `UnparsedEngine`; test/commands/config-schema.test.ts holds the two lists equal).
 */
export const CONFIG_ENGINES = [
  'mysql',
  'postgresql',
  'sqlserver',
  'oracle',
  'sqlite',
  'clickhouse',
  'duckdb',
  'snowflake',
  'bigquery',
  'cassandra',
  'dynamodb',
] as const;
export type ConfigEngine = (typeof CONFIG_ENGINES)[number];

/** The engines whose SQL no parser here reads (its tokens are read): every one but `mysql` and `postgresql`. */
export type UnparsedConfigEngine = Exclude<ConfigEngine, 'mysql' | 'postgresql'>;

/** An engine setting's dialect when a parser here reads it (`mysql`, `postgresql`); undefined for the others and for none. */
export function parsedDialectOf(engine: ConfigEngine | undefined): 'mysql' | 'postgresql' | undefined {
  return engine === 'mysql' || engine === 'postgresql' ? engine : undefined;
}

/** An engine setting naming an engine whose SQL is read by its tokens only (`sqlserver`…); undefined for the two dialects and for none. */
export function unparsedEngineOf(engine: ConfigEngine | undefined): UnparsedConfigEngine | undefined {
  return engine === undefined || engine === 'mysql' || engine === 'postgresql' ? undefined : engine;
}

const ENGINE_LIST = CONFIG_ENGINES.map((engine) => `"${engine}"`).join('|');
/** Names people write for an engine (a driver's, a product's): the error says what to write instead. */
const ENGINE_ALIASES: Record<string, { write: ConfigEngine; why?: string }> = {
  // MariaDB is MySQL's family here: say what to write, not only what is allowed.
  mariadb: {
    write: 'mysql',
    why: 'for MariaDB (a service whose driver, ORM option, URL or compose image says MariaDB accepts its syntax)',
  },
  postgres: { write: 'postgresql' },
  pg: { write: 'postgresql' },
  pgsql: { write: 'postgresql' },
  cockroachdb: { write: 'postgresql', why: 'for CockroachDB (its own syntax is accepted where the service says CockroachDB)' },
  mssql: { write: 'sqlserver' },
  sqlsrv: { write: 'sqlserver' },
  tsql: { write: 'sqlserver' },
  'sql server': { write: 'sqlserver' },
  sqlite3: { write: 'sqlite' },
  oracledb: { write: 'oracle' },
};

const dialect = z
  .enum(CONFIG_ENGINES, {
    error: (issue) => {
      if (typeof issue.input !== 'string') return `expected one of ${ENGINE_LIST}`;
      const key = issue.input.trim().toLowerCase();
      const alias = Object.hasOwn(ENGINE_ALIASES, key) ? ENGINE_ALIASES[key] : undefined;
      if (alias) return `expected one of ${ENGINE_LIST}: write "${alias.write}"${alias.why ? ` ${alias.why}` : ''}`;
      return `expected one of ${ENGINE_LIST}`;
    },
  })
  .describe(
    "SQL dialect used to parse this service's SQL: `mysql` or `postgresql`, or an engine without a parser here whose SQL is read by its tokens only (`sqlserver`, `oracle`, `sqlite`, `clickhouse`, `duckdb`, `snowflake`, `bigquery`, `cassandra`, `dynamodb`)",
  );

const databaseEntry = z.union([
  z.string().describe('Database (or schema) name'),
  z.strictObject({
    name: z.string().describe('Database (or schema) name'),
    kind: z.enum(['mysql', 'postgresql', 'mongodb']).optional().describe('Database engine'),
  }),
]);

export const serviceSchema = z.strictObject({
  name: z.string().min(1).describe('Service name used in messages'),
  roots: z.array(projectPath).min(1).describe("Folders (globs, relative to the config file) that hold the service's code"),
  dialect: dialect.optional(),
  databases: z
    .array(databaseEntry)
    .optional()
    .describe('Databases the service connects to; inferred from .env files and code defaults when omitted'),
  tables: z
    .array(z.string().superRefine(compilableGlob))
    .optional()
    .describe('Tables the service owns: exact names, globs such as `auth_*`, or `database.table`'),
  prefixes: z.array(z.string()).optional().describe('Table name prefixes the service must use (table-prefix rule); defaults to `<name>_`'),
  migrations: z
    .array(projectPath)
    .optional()
    .describe(
      "Migration folders (globs, relative to the config file); defaults to `<root>/migrations` and `<root>/**/migrations`. Folders inside the roots replace the defaults there; folders outside every root (a root `migrations/<service>/`) are the service's files and add to them",
    ),
  inferTables: z.boolean().optional().describe("Also own every table the service's own SQL creates (default true)"),
});

const ruleEntry = z.union([severitySetting, z.tuple([severitySetting]), z.tuple([severitySetting, z.record(z.string(), z.unknown())])]);

export const configSchema = z.strictObject({
  $schema: z.string().optional().describe('Path or URL of this JSON Schema'),
  dialect: dialect.optional().describe('Default SQL dialect for services and SQL files outside services'),
  services: z.array(serviceSchema).optional().describe('Services; inferred from the repository layout when omitted'),
  databases: z
    .record(z.string(), z.string())
    .optional()
    .describe('Owner service of each logical database or schema, e.g. { "clinical_data": "clinical" }'),
  schemaFiles: z
    .array(
      z.strictObject({
        files: projectPath.describe('Glob of SQL files, relative to the config file'),
        database: z.string().describe('Database the files declare tables in'),
        dialect: dialect
          .optional()
          .describe("SQL dialect these files are parsed in; before the service's, the path's (`postgres/`) and the syntax's"),
      }),
    )
    .optional()
    .describe('SQL files outside service folders and the database they belong to (a `USE db` in the file also works)'),
  sharedPackages: z.array(projectPath).optional().describe('Folders (globs, relative to the config file) any service may import from'),
  sqlCallees: z.array(z.string()).optional().describe('Extra function names whose string argument is SQL, e.g. a project wrapper `run`'),
  ignores: z.array(projectPath).optional().describe('Globs of files never linted, relative to the config file'),
  defaultIgnores: z.boolean().optional().describe("Skip node_modules, dist, build, coverage and .gitignore'd files (default true)"),
  rules: z.record(z.string(), ruleEntry).optional().describe('Rule severities and options'),
  overrides: z
    .array(
      z.strictObject({
        files: z
          .array(projectPath)
          .min(1)
          .describe('Files or folders (globs, relative to the config file) these settings apply to, e.g. a service root `apps/umami`'),
        rules: z
          .record(z.string(), ruleEntry)
          .describe(
            "Rule severities and options for these files; an entry replaces the one in `rules` (a severity alone keeps that one's options)",
          ),
      }),
    )
    .optional()
    .describe(
      "Rule settings for some files, as ESLint's `overrides`: for each rule, the last entry whose `files` match a file sets it there; `init` writes one per service whose naming convention differs from the others'",
    ),
  reportUnusedDisableDirectives: z
    .union([z.boolean(), severitySetting])
    .optional()
    .describe('Report inline disable directives that suppress nothing'),
  requireDisableReason: z.boolean().optional().describe('Require a reason after `--` in inline disable directives'),
});

export type NilecareConfig = z.infer<typeof configSchema>;
export type ServiceConfig = z.infer<typeof serviceSchema>;
export type RuleEntry = z.infer<typeof ruleEntry>;

/** JSON Schema of the config, generated from the zod definition. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { target: 'draft-7', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: 'nilecare-lint configuration' };
}
