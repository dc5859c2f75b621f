/**
 * The normalised facts that parsers extract and rules read.
 *
 * Parsers (TypeScript, SQL via node-sql-parser or libpg-query, .env, Prisma,
 * docker-compose, Kubernetes manifests) each produce these plain objects and then drop their ASTs,
 * so memory stays flat and rules never know which parser ran.
 *
 * Positions are 1-based `line`/`column`; `endColumn` is exclusive (the column
 * after the last character), the convention shared by ESLint and SARIF.
 */

/**
 * Unresolved `${}` holes in SQL templates become identifiers with this prefix: never a table
 * name. Part of the facts vocabulary, so rules can recognise a hole without loading a parser.
 */
export const HOLE_PREFIX = '__nl_hole_';

/**
 * What a file's facts hold that the scans over every file look for (the project-level rules, the model's indexes over
 * `files`), told without decoding them: a warm run's facts of unchanged files come from the cache decoded on first use
 * (src/analysis/facts-cache.ts), and the cache stores this beside them. `factsSummary` gives it for such facts only;
 * facts at hand (analysed in this run, or already decoded) are scanned as they are. Each field says what a scan would
 * find: where it says nothing is there, nothing is.
 */
export interface FactsSummary {
  kind: FileKind;
  /** Some problem keeps the file from being analysed (`SyntaxProblem.unanalysed`). */
  unanalysed?: true;
  /** Some SQL statement (of the file or embedded) names a table it defines or alters (`SqlStatement.tables`). */
  tableDefinitions?: true;
  /** The sequences SQL statements name (`SqlStatement.sequences`), lower-cased. */
  sequences?: string[];
  /** Every secret fingerprint anywhere in the facts (`SecretDescriptor.fingerprint`). */
  fingerprints?: string[];
  /**
   * Every table name the file refers to in any way, lower case, sorted, once each (`referencedTables` in
   * src/model/affected.ts, which a change to a table's declaration re-checks by). Unlike the fields above, absent
   * means not known (the run that stored the facts did not say): the facts are read then.
   */
  tables?: string[];
  /** Some embedded SQL names a table with a constant imported from another module (`readsImportedNames`); told with `tables`. */
  importedNames?: true;
  /** The module builds a path with a variable folder (`ScriptFacts.folderTemplates`): src/model/migrations.ts migrationGroups. */
  folderTemplates?: true;
  /** The module configures a migration runner (`ScriptFacts.migrationRunners`): src/model/migrations.ts migrationGroups. */
  migrationRunners?: true;
  /** The CTE names the file's query builders declare (`ScriptFacts.builderCtes`). */
  builderCtes?: string[];
  /**
   * The module specifiers the file imports (`ScriptFacts.imports`), each once, in the order they first appear: what
   * the model resolves a file's imports from (src/model/service-imports.ts) without decoding its facts.
   */
  imports?: string[];
  /** The table names the file's SQL and ORM calls name or define, lower case, sorted (`namedTables` in facts-summary.ts). */
  namedTables?: string[];
  /** The engine whose tokens alone read the file's SQL (`SqlAnalysis.byTokensOnly`): the outside-dialect notice of lint.ts. */
  sqlByTokensOnly?: UnparsedEngine;
  /** Where TypeScript's parser first stopped in a Flow-typed file, and how many errors it set aside (`ScriptFacts.flowSyntax`): src/model/flow-syntax.ts. */
  flowSyntax?: { errors: number; line: number; column: number };
}

/** The part of a file's summary only the model can tell (src/model/affected.ts `tableReferences`): given to `FactsCache.set`. */
export type TableReferences = Pick<FactsSummary, 'tables' | 'importedNames'>;

/** Where lazily decoded facts keep their summary (not enumerable: no copy or encoding of the facts carries it). */
export const FACTS_SUMMARY: unique symbol = Symbol('nilecare-lint facts summary');

/** What `file`'s facts hold, when they are decoded on first use (see FactsSummary); undefined for facts at hand. */
export function factsSummary(file: object): FactsSummary | undefined {
  return (file as { [FACTS_SUMMARY]?: FactsSummary })[FACTS_SUMMARY];
}

/**
 * Every field of FileFacts but the text, in the one order every copy, comparison and encoding of facts takes them
 * (factsFields; the facts codec stores them so, and answers each of them for facts decoded on first read). Typed: a
 * field added to FileFacts and not here is a compile error.
 */
const FIELDS: Record<keyof Omit<FileFacts, 'text'>, true> = {
  path: true,
  kind: true,
  hash: true,
  unread: true,
  lineStarts: true,
  comments: true,
  script: true,
  sql: true,
  embeddedAnalyses: true,
  env: true,
  prisma: true,
  prismaDatasources: true,
  schemaChanges: true,
  tableCopies: true,
  djangoMigration: true,
  ormConfig: true,
  tsconfig: true,
  compose: true,
  composeProject: true,
  dockerEnv: true,
  k8s: true,
  yamlSettings: true,
  helmValues: true,
  d1Databases: true,
  problems: true,
  secretSpans: true,
  engineWords: true,
  jdbcUrls: true,
  liquibaseFormatted: true,
  toolAnnotated: true,
  opensConnection: true,
};
export const FACTS_FIELDS = Object.keys(FIELDS) as ReadonlyArray<keyof Omit<FileFacts, 'text'>>;

/**
 * `facts`' fields (not the text) as a new plain object, in FACTS_FIELDS' order, those that are undefined left out as
 * JSON leaves them out. What copies, signs or stores facts reads them with: the fields of facts decoded on first read
 * are accessors on their prototype (facts-codec.ts lazyFacts), which a spread, `Object.entries` or `JSON.stringify`
 * does not see.
 */
export function factsFields(facts: Omit<FileFacts, 'text'>): Omit<FileFacts, 'text'> {
  const fields: Record<string, unknown> = {};
  for (const key of FACTS_FIELDS) {
    const value = facts[key];
    if (value !== undefined) fields[key] = value;
  }
  return fields as unknown as Omit<FileFacts, 'text'>;
}

export type Dialect = 'mysql' | 'postgresql';
export type DatabaseKind = Dialect | 'mongodb' | 'unknown';

export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A half-open span of UTF-16 code units inside some text. */
export interface Span {
  start: number;
  end: number;
}

// ---------------------------------------------------------------------------
// Secrets (src/analysis/secrets.ts decides; facts carry descriptors, never values)
// ---------------------------------------------------------------------------

/**
 * `literal`: a value written in the file. `empty`. `switch`: an on/off value (`true`, `false`, `yes`, `no`, `on`, `off`, `0`,
 * `1`), what a setting named like a secret holds when it turns a feature on (`FAKE_AUTH=true`). `placeholder`: stands for a value to fill in
 * (`changeme`, `<password>`, `your_password_here`, `****`). `reference`: defers to the
 * environment or a secret store (`${DB_PASSWORD}`, `$DB_PASSWORD`, Kubernetes' `$(DB_PASSWORD)`).
 * `template`: a Helm or mustache expression (`{{ .Values.db.password }}`). `encrypted`: SOPS'
 * `ENC[AES256_GCM,…]`. `hashed`: a password hash (bcrypt, argon2, scrypt, crypt, PBKDF2,
 * PostgreSQL md5 and SCRAM verifiers, MySQL native hashes), which logs nobody in.
 */
/** `prefix`: a provider's key prefix alone (`'sk-'`, `'ghp_'`, `'AKIA'`: src/analysis/secrets.ts `isKeyPrefix`), no key. */
export type SecretKind = 'literal' | 'empty' | 'switch' | 'prefix' | 'placeholder' | 'reference' | 'template' | 'encrypted' | 'hashed';

/** Coarse length in characters (code points): enough to tell an empty fallback from a real-looking one, nothing more. */
export type SecretLength = '0' | '1-7' | '8-15' | '16+';

/**
 * What the facts say about a secret value, in its place: never the value, nor anything it can be
 * rebuilt from. Secrets are the values of secret-named settings (`DB_PASSWORD`, `jwtSecret`,
 * `API_KEY`), connection URLs' passwords and SQL `… PASSWORD '…'` literals.
 */
export interface SecretDescriptor {
  kind: SecretKind;
  length: SecretLength;
  /**
   * Keyed hash of the value (HMAC-SHA-256 under a random key that never comes from the
   * repository, see src/analysis/secrets.ts), so two places holding the same secret can point at
   * each other. Only for literals of 8 characters or more: shorter ones (`root`, `postgres`) are
   * defaults everyone types.
   */
  fingerprint?: string;
  /**
   * The value reads as words for people, not as a credential: a label or message (`'Mot de passe'`,
   * `'Enter your password'`), or the key's own name or a translation of it (`password: 'Password'`,
   * `password: 'Passwort'`). Set for options in code only (src/analysis/describe-secrets.ts), where
   * any object literal may hold a `password` key; `no-hardcoded-credentials` then reports it only where
   * the value is in use (passed to a call, beside connection settings).
   */
  text?: true;
  /**
   * The value is the name of a secret's environment variable (`isSecretVariableName`: `apiKey: 'FIREWORKS_API_KEY'`),
   * as a map of fields to the variables they are read from holds it. Set for options in code only, like `text`, and
   * reported, like it, only where the value is in use: `jwt.sign(payload, 'JWT_SECRET')` signs with that very text.
   */
  variable?: true;
  /**
   * The value says in its own words that it is no secret (`'notasecret'`, `'doNoUseThisSecret!'`, `'secret-for-testing-only'`:
   * `saysItIsNoSecret` in src/analysis/secrets.ts), a placeholder whoever reads it knows is public: never reported, not
   * even where it is in use (a `'changeme'` there is, as it is what ships).
   */
  declared?: true;
}

/**
 * A secret inside a value the facts keep (a connection URL's password, a secret-named `?password=`
 * setting of one): the value holds `*` in its place, one per UTF-16 unit so that offsets hold.
 */
export interface SecretInValue {
  secret: SecretDescriptor;
  /** Where the value holds it, in the value's own offsets. */
  valueSpan: Span;
  /** Where the file holds it: exact when the file holds the value as written, the whole value's otherwise (escapes, base64). */
  fileSpan: Span;
  /**
   * The engine's URL scheme (`mysql`, `postgres`, `sqlserver`, `ado.net`) of a connection string that is no URL (a Go
   * MySQL DSN, a libpq conninfo, an ADO.NET string: connection-url.ts), which messages name; a URL's is its own.
   */
  scheme?: string;
}

// ---------------------------------------------------------------------------
// SQL
// ---------------------------------------------------------------------------

export type TableAction =
  | 'select'
  | 'insert'
  | 'update'
  | 'delete'
  | 'references'
  | 'create'
  | 'alter'
  | 'drop'
  | 'truncate'
  | 'grant' // GRANT / REVOKE of privileges on the table: access handed to someone, not taken
  | 'other';

/** A table named by a statement. All spans in an SqlAnalysis are relative to the whole analysed SQL text. */
export interface SqlTableRef {
  /** Bare table name, unquoted, original case. */
  name: string;
  /** Database or schema qualifier (`db.table`, `schema.table`), unquoted. */
  qualifier?: string;
  action: TableAction;
  /** Covers the whole qualified name token(s), e.g. `clinical_data.patients`. */
  span: Span;
  /**
   * The database the SQL naming the table runs in, where the statement says so itself: a pg_cron job scheduled with
   * `cron.schedule_in_database(…, '<database>')`. A bare name means the table there first, as after `\c <database>`.
   */
  database?: string;
}

export interface SqlColumnDef {
  name: string;
  /** Upper-cased base type, e.g. `CHAR`, `TINYINT`, `UUID`, `BOOLEAN`, `ENUM`. */
  dataType: string;
  /** Type arguments as written, e.g. `['36']` for CHAR(36), `['1']` for TINYINT(1). */
  typeArgs: string[];
  enumValues?: Array<{ value: string; span: Span }>;
  primaryKey: boolean;
  nullable: boolean;
  span: Span;
}

export interface SqlForeignKey {
  /** Constraint name when declared (`CONSTRAINT fk_x FOREIGN KEY …`). */
  name?: string;
  nameSpan?: Span;
  columns: string[];
  references: SqlTableRef;
  referencedColumns: string[];
  /** The `FOREIGN KEY`/`REFERENCES` keyword span, used when there is no name. */
  span: Span;
}

export type IndexKind = 'index' | 'unique' | 'fulltext' | 'primary' | 'spatial';

export interface SqlIndexDef {
  name?: string;
  /** Span of the name, or of the INDEX/KEY keyword when unnamed. */
  span: Span;
  kind: IndexKind;
  table: string;
  columns: string[];
}

export interface SqlTableDef {
  /** CREATE TABLE or ALTER TABLE. */
  kind: 'create' | 'alter';
  name: string;
  qualifier?: string;
  span: Span;
  columns: SqlColumnDef[];
  primaryKey: string[];
  foreignKeys: SqlForeignKey[];
  indexes: SqlIndexDef[];
  /**
   * True for `CREATE TEMPORARY TABLE` / `CREATE TEMP TABLE` (and `GLOBAL`/`LOCAL TEMPORARY`):
   * a session-scoped scratch table, not a declaration of the schema. Absent otherwise.
   */
  temporary?: boolean;
  /**
   * The table's new name, for `ALTER TABLE t RENAME [TO|AS] n` and MySQL `RENAME TABLE t TO n`
   * (which yields one `alter` definition per pair). `span` covers the (qualified) new name.
   * Renamed columns (`RENAME COLUMN a TO b`) appear in `columns` under their new name instead.
   */
  renamedTo?: { name: string; qualifier?: string; span: Span };
}

/**
 * A column, index or constraint a statement renames (`to` set) or drops: `ALTER TABLE t RENAME COLUMN a
 * TO b`, MySQL `CHANGE a b …`, `RENAME INDEX|KEY|CONSTRAINT`, `ALTER INDEX a RENAME TO b`, `DROP
 * [COLUMN|INDEX|KEY|CONSTRAINT|FOREIGN KEY]`, `DROP INDEX a [ON t]`. Tables renamed and dropped are
 * `SqlTableDef.renamedTo` and `drop` references. Names are bare (no qualifier).
 */
export interface SqlNameChange {
  object: 'column' | 'index' | 'constraint';
  /** The table it belongs to; absent for PostgreSQL's `ALTER INDEX` / `DROP INDEX`, which name no table. */
  table?: string;
  name: string;
  /** The old name (for a drop, the dropped one). */
  span: Span;
  /** The new name, for a rename. */
  to?: string;
  toSpan?: Span;
}

/** A token that belongs to one dialect only (e.g. `SERIAL` in a MySQL file). */
export interface DialectMarker {
  dialect: Dialect;
  /** Short human name of the feature, e.g. `SERIAL`, `:: cast`, `AUTO_INCREMENT`. */
  feature: string;
  span: Span;
}

export type StatementKind =
  | 'select'
  | 'insert'
  | 'update'
  | 'delete'
  | 'create_table'
  | 'alter_table'
  | 'create_index'
  | 'create_view'
  | 'create_routine'
  | 'create_other'
  | 'drop'
  | 'other';

export interface SqlStatement {
  /** Statement text exactly as split from its source. */
  text: string;
  /** Span of the statement inside the SQL source it came from. */
  span: Span;
  kind: StatementKind;
  /**
   * `full`: a real parser accepted it. `partial`: the parser rejected it and the
   * tolerant tokenizer supplied table references. `skipped`: not SQL we analyse
   * (psql meta-command, DELIMITER line) or over the size budget.
   */
  parse: 'full' | 'partial' | 'skipped';
  parseError?: { message: string; span: Span };
  /**
   * Set on a `partial` statement that is valid SQL the linter's parser for the dialect cannot read
   * (MySQL 8 syntax node-sql-parser lacks, a psql variable in a PostgreSQL statement): not a parse
   * error, counted in the run's summary. Names the construct, e.g. `SHOW`, `stored routine`.
   */
  unsupported?: string;
  /**
   * Set when the statement is MariaDB's: MySQL 8 rejects it, and MariaDB constructs (`CREATE OR REPLACE`,
   * `ADD COLUMN IF NOT EXISTS`, `WITH SYSTEM VERSIONING`, `RETURNING`, `CREATE SEQUENCE`, …) explain every
   * part node-sql-parser rejected. `span` is the first construct, where MySQL 8 stops. Valid or not
   * depends on the engine the service runs on (the model's `Service.mariadb`); no `parseError` then.
   */
  mariadb?: { constructs: string[]; span: Span };
  tableRefs: SqlTableRef[];
  /**
   * Table names built from a template hole (`FROM ${TABLES.PATIENTS}`, `${schema}.orders`), as read:
   * placeholders (`holePlaceholder`) and all. No reference by themselves; the model completes one
   * whose holes have values it knows (EmbeddedSql.holes). Absent when none.
   */
  holeRefs?: SqlTableRef[];
  tables: SqlTableDef[];
  indexes: SqlIndexDef[];
  /** Columns, indexes and constraints the statement renames or drops, in statement order. Absent when none. */
  nameChanges?: SqlNameChange[];
  /**
   * Views created by this statement, with the tables their query reads in `tableRefs`; also a PostgreSQL foreign table
   * under a name of its own, which reads the remote table its `table_name` option names (sql/foreign-tables.ts).
   */
  views: Array<{ name: string; qualifier?: string; span: Span }>;
  /**
   * The table a `CREATE TRIGGER` fires on: its body runs as part of that table's writes, so the
   * tables the body touches are touched by the table's owner. Absent for any other statement.
   */
  trigger?: { name: string; qualifier?: string; span: Span };
  /**
   * Sequences this statement creates (`CREATE SEQUENCE s`): relations that are not tables, which
   * `ALTER TABLE s OWNER TO …` (pg_dump) may still name. Absent when none.
   */
  sequences?: Array<{ name: string; qualifier?: string; span: Span }>;
  /**
   * Stored routines this statement creates (`CREATE [OR REPLACE] PROCEDURE p`, `CREATE FUNCTION f`): schema
   * objects of the declaring service, which other services may call. Absent when none.
   */
  routines?: Array<{ name: string; qualifier?: string; span: Span }>;
  /**
   * Stored procedures the statement calls (`CALL p(…)`, also inside a routine's body), the name's span.
   * Function calls in expressions are not read. Absent when none.
   */
  calls?: Array<{ name: string; qualifier?: string; span: Span }>;
  dialectMarkers: DialectMarker[];
  /**
   * The other dialect, when the analysed dialect rejects this statement and the other dialect's
   * parser accepts it: the statement is that dialect's SQL, a dialect signal rather than a syntax
   * error. PostgreSQL rejects what libpg-query rejects (`parseError` says where). MySQL rejects
   * what node-sql-parser rejects only when the statement also holds a PostgreSQL marker (that
   * parser lacks parts of MySQL 8 which PostgreSQL happens to accept), and whatever holds syntax
   * MySQL never accepts although node-sql-parser lets it through (`::` casts, `ON CONFLICT`).
   */
  dialectSignal?: Dialect;
  /**
   * PostgreSQL enum types defined by this statement: every value of `CREATE TYPE t AS ENUM (…)`,
   * or the value added by `ALTER TYPE t ADD VALUE 'v'` (renamed to by `RENAME VALUE 'a' TO 'v'`).
   * `span` covers the (qualified) type name; value spans include their quotes. Absent when none.
   */
  enumTypes?: Array<{ name: string; qualifier?: string; span: Span; values: Array<{ value: string; span: Span }> }>;
  /**
   * A bulk run (analysis/sql/bulk.ts): this many consecutive `INSERT … VALUES` of literal rows with
   * no comment between them, analysed as one statement whose span covers them all; each distinct
   * head's table reference is kept, at the first statement with that head. Absent for any other
   * statement.
   */
  bulkStatements?: number;
}

/** Result of analysing one SQL text (a .sql file or one embedded string). */
/**
 * Engines whose SQL (or SQL-like language: Cassandra's CQL, DynamoDB's PartiQL) the linter has no parser for: their
 * services' SQL is read by tokens only, and their tables are theirs: a table of one engine is never one of another.
 */
export type UnparsedEngine =
  'sqlserver' | 'sqlite' | 'oracle' | 'clickhouse' | 'duckdb' | 'snowflake' | 'bigquery' | 'cassandra' | 'dynamodb';

export interface SqlAnalysis {
  /** The dialect the text was parsed in; for `byTokensOnly`, the tokenizer's (double quotes name identifiers). */
  dialect: Dialect;
  /** Set when the text is SQL of an engine without a parser here: no statement was parsed, nothing is a parse error. */
  byTokensOnly?: UnparsedEngine;
  /**
   * Set when the text is the branch of a client check for this dialect (EmbeddedSql.engine: `if
   * (client.includes('mysql')) knex.raw('SHOW INDEX FROM …')`) and its file's SQL is read in another one: read by
   * this dialect's tokens, no statement parsed, nothing a parse error.
   */
  clientBranch?: Dialect;
  /**
   * Read in the dialect its service's own statements chose (service-dialect.ts refineFromParses, a service nothing else
   * decides): a later run's vote counts it as read in that dialect. An analysis read in another dialect than the run
   * would read it in now, without this, is no vote (the dialect it was read in came from other services, since changed).
   */
  byParseVote?: true;
  statements: SqlStatement[];
  /** Every comment of the text, from the same tokenization as the statements (for suppression directives). */
  comments?: Span[];
  /** Passwords written into the SQL (masked in the text the parsers saw); absent when none. */
  secrets?: SqlSecret[];
}

/**
 * A password written into SQL: `CREATE USER … IDENTIFIED BY '…'`, `CREATE ROLE … PASSWORD '…'`,
 * `ALTER USER … PASSWORD '…'`, `SET PASSWORD … = '…'`. The literal is masked before any parser
 * sees the text (src/analysis/sql-secrets.ts), so statements and parse errors never hold it.
 */
export interface SqlSecret {
  /** The statement's leading words, upper-cased: `CREATE USER`, `ALTER ROLE`, `SET PASSWORD`, `GRANT`. */
  statement: string;
  secret: SecretDescriptor;
  /** The string literal, quotes included, in the SQL text's offsets. */
  span: Span;
  /** For SQL embedded in a script: the literal's span in the file (`span` is in the assembled SQL text). */
  fileSpan?: Span;
  /**
   * The SQL's own comments name the value as one to replace (FreeRADIUS' setup.sql: "WARNING: You should change
   * 'localhost' and 'radpass' to something else"): a template's documented placeholder.
   */
  documented?: true;
}

// ---------------------------------------------------------------------------
// TypeScript / JavaScript
// ---------------------------------------------------------------------------

/** How a piece of assembled SQL text maps back to the file. */
export interface SourceSegment {
  /** Span inside the assembled SQL text. */
  sql: Span;
  /** Offset in the file of sql.start (UTF-16 units). */
  fileOffset: number;
  /**
   * `exact`: characters map 1:1 (template raw text without escapes).
   * `offsets`: per-character offsets in `map` (strings with escapes).
   * `collapsed`: everything maps to fileOffset..fileEnd (holes, constants).
   */
  mode: 'exact' | 'offsets' | 'collapsed';
  map?: number[];
  fileEnd?: number;
}

export interface EmbeddedSql {
  text: string;
  segments: SourceSegment[];
  /** The callee as written, e.g. `pool.execute`, `sql` (tagged template), `knex.raw`. */
  callee: string;
  /** Span of the whole argument / template in the file. */
  fileSpan: Span;
  /**
   * How it was found: a known SQL-taking callee, a SQL-looking string, or a tagged template; or a `fragment`, a
   * piece of the statement a query builder composes (`whereRaw('EXISTS (SELECT 1 FROM reviews …)')`, `joinRaw('LEFT
   * JOIN reviews ON …')`, TypeORM's `where('id IN (SELECT …)')`): read by tokens only, never parsed.
   */
  via: 'callee' | 'tagged-template' | 'sql-looking' | 'variable' | 'fragment';
  /**
   * The holes of `text` whose value the file does not fix but shows where it comes from, by the
   * hole's index (`holePlaceholder(index)`): the literals a conditional picks between (`${archived ?
   * 'orders_archive' : 'orders'}`), and constants imported from another module (`${TABLES.PATIENTS}`
   * with `import { TABLES } from '../db/tables'`), for the model to read there. Absent when none.
   */
  holes?: SqlHole[];
  /**
   * Lower-cased names of the CTEs a query builder declares around the site (`.with('ranked', …)`,
   * `addCommonTableExpression(q, 'folder_tree')`): a bare reference to one in this SQL is no table
   * (`db.raw('select count(*) from ranked')`, `joinRaw('CROSS JOIN range')`). Absent when none.
   */
  ctes?: string[];
  /**
   * Set when the text fills a hole of another SQL text of the file (a function's `return`, a constant, or a text handed
   * to the function that fills the hole): a piece of that statement (a routine body's `IF … END IF;`, a lone `WITH w AS
   * (…)`), whose syntax is not a statement's. Absent otherwise.
   */
  spliced?: true;
  /**
   * Set when a hole of unknown value stands as an item of a WITH list of the text, or of the statement it is spliced
   * into (`WITH ${failJobsBody(…)} SELECT … FROM results`, the function another module's): any unqualified name it
   * reads may be a CTE that hole declares. Absent otherwise.
   */
  openCtes?: true;
  /**
   * The engine a client check around the site names (src/analysis/typescript/engine-guards.ts): the branch of `if
   * (knex.client.config.client.includes('mysql'))`, `if (isSQLite(knex))`, `case 'mysql':`, or a function named for one
   * engine (`syncMysql`). Where the file's SQL is read in another engine, the site is read by this one's tokens (a
   * multi-engine project's other branches are no parse error). Absent when none does.
   */
  engine?: Dialect | UnparsedEngine;
}

/** One hole of an embedded SQL text and the values it may take (see EmbeddedSql.holes). */
export interface SqlHole {
  index: number;
  /** Values the file fixes (a conditional's literal branches). */
  values?: string[];
  /**
   * Constants imported from another module: the import (`imported` `default`, a name, or `*` for a
   * namespace or a whole-module require) and the member path read from it (`['PATIENTS']` for
   * `TABLES.PATIENTS`).
   */
  imports?: Array<{ origin: OrmOrigin; members: string[] }>;
}

/**
 * A string constant a module exports whose value may name a table (`export const TABLES = {
 * PATIENTS: 'patients' }` gives `TABLES.PATIENTS`; `export default {…}` names under `default`;
 * `module.exports = {…}` and `exports.X = …` under their own names), for holes in other modules' SQL.
 */
export interface ExportedString {
  /** The export's name and member path, dot-joined. */
  name: string;
  value: string;
}

/**
 * A table reached through an ORM / query builder API rather than SQL text. Schema APIs declare
 * tables too: `action` `create` / `drop` (`knex.schema.createTable('t')`, TypeORM
 * `queryRunner.createTable(new Table({ name }))`, Sequelize `queryInterface.dropTable('t')`), and
 * a rename is an `alter` of the old name carrying `renamedTo`.
 */
/** A migration of a Django app as `dependencies` and `replaces` name it: `("shop", "0004_a")`. */
export interface DjangoMigrationKey {
  app: string;
  name: string;
}

/**
 * What a Django migration says of its place in its app's history (FileFacts.djangoMigration): the migrations it comes
 * after (a merge migration names two of its app's, the branches it joins) and, for a squashed one, those it stands for.
 */
export interface DjangoMigrationLinks {
  dependencies: DjangoMigrationKey[];
  replaces: DjangoMigrationKey[];
}

/** A family of tables created as copies of others: `<prefix><table><suffix>` for each table (FileFacts.tableCopies). */
export interface TableCopies {
  prefix: string;
  suffix: string;
  /** The computed name's expression. */
  fileSpan: Span;
}

export interface OrmTableRef {
  name: string;
  qualifier?: string;
  action: TableAction;
  /** knex, typeorm, sequelize, prisma, drizzle, mikro-orm, node-pg-migrate, objection, kysely, pg-promise */
  library: string;
  fileSpan: Span;
  /**
   * The database the query's connection names where the code shows it (a Kysely instance's pool
   * `database`): a bare name means the table there first, as after `USE db`.
   */
  database?: string;
  /**
   * The query builder instance the call starts from, when the file imports it (`import { db } from
   * './db'`): the database its module's `new Kysely(…)` names is the query's (ScriptFacts.kyselyInstances).
   * `unconfirmed` when nothing in this file shows the receiver is a Kysely instance: the reference
   * counts only if the module's export is one.
   */
  instance?: { origin: OrmOrigin; unconfirmed?: true };
  /** `renameTable('a', 'b')`: the new name, and the span of its argument. */
  renamedTo?: { name: string; qualifier?: string; fileSpan: Span };
  /**
   * For a foreign key a migration builder declares (`action: 'references'`): the table holding it
   * (knex `createTable('order_items', t => t.foreign(…).references(…).inTable('products'))`).
   */
  declaringTable?: { name: string; qualifier?: string };
}

/**
 * A snake_case identifier mapper a query builder is built with: `kysely` (`CamelCasePlugin`) or `knex`
 * (`knexSnakeCaseMappers`), with its options as written (both libraries' `snakeCase` takes the same three).
 */
export interface SnakeCaseMapper {
  plugin: 'kysely' | 'knex';
  upperCase?: boolean;
  underscoreBeforeDigits?: boolean;
  underscoreBetweenUppercaseLetters?: boolean;
  fileSpan: Span;
}

/** An ORM model/entity definition mapping a class or model name to a table. */
export interface OrmEntityDef {
  library: string;
  /** Class / model / variable name used in code. */
  symbol: string;
  table: string;
  /** The table name as written, or the class name when the table name is the ORM's default for it. */
  fileSpan: Span;
  /** Schema / database the entity's table lives in (`@Entity({ schema })`, `pgSchema('s').table(…)`). */
  qualifier?: string;
  /** A view entity (TypeORM `@ViewEntity`): declared like a table, read-only. */
  view?: true;
  /**
   * The definition maps the symbol to a table something else creates and declares none: an
   * Objection model (knex migrations create its table), so a read-only model of another service's
   * table is that service's table, not a second owner's.
   */
  mapsOnly?: true;
  /** TypeORM `@Entity({ synchronize: false })`: schema sync and migrations leave the table alone, so the entity creates nothing. */
  unsynchronized?: true;
}

/**
 * Where a symbol used as an entity comes from when the file imports it: the module specifier as
 * written and the name that module exports (`default`, or `*` for a namespace / whole-module
 * require). `fileSpan` covers the import's binding (`Address as OrderAddress`).
 */
export interface OrmOrigin {
  specifier: string;
  imported: string;
  fileSpan: Span;
}

/** A glob of entity files in an ORM's `entities` option (see ScriptFacts.ormEntityGlobs). */
export interface OrmEntityGlob {
  pattern: string;
  relativeTo: 'file' | 'cwd';
  fileSpan: Span;
}

/**
 * What an ORM's connection file says: TypeORM's `ormconfig.json` / `ormconfig.yml` (entity globs
 * from the file's folder, each connection's `type`, where it connects) or the Sequelize CLI's
 * `config/config.json` (each environment's `dialect`, where it connects).
 */
export interface OrmConfigFacts {
  /** Whose file it is; absent for TypeORM's (node-config's `config/*.json`, a Serverless `serverless.yml`, db-migrate's `database.json`: src/analysis/node-config.ts, serverless-config.ts, db-migrate-config.ts). */
  /** `json-module`: a JSON file of connection settings the service's code may require (node-config.ts); `dotnet`: an ASP.NET Core `appsettings*.json` (dotnet-settings.ts); `terraform`: a `.tf` / `.tfvars` file's literal credentials only (terraform.ts); `laravel`: a Laravel application's `config/database.php`, its default connection's driver only (laravel-config.ts); `django`: a Django project's settings module, its `DATABASES` and a literal `SECRET_KEY` (the one connection without a name) (django-settings.ts). */
  library?: 'sequelize' | 'node-config' | 'serverless' | 'db-migrate' | 'json-module' | 'dotnet' | 'terraform' | 'laravel' | 'django';
  entityGlobs: OrmEntityGlob[];
  /**
   * The engine as written (`postgres`, `mysql`, `mariadb`, …) and the span of its string, quotes
   * included; `key` is the option naming it when not TypeORM's `type` (Sequelize's `dialect`).
   */
  engines: Array<{ type: string; span: Span; key?: string }>;
  /**
   * TypeORM's files only: per connection that names an engine or entity files, whether it lets TypeORM create
   * tables (`"synchronize": true`; unset is TypeORM's default, off). Absent when no connection does either.
   */
  schemaSync?: boolean[];
  /**
   * Per connection, its literal string settings that say where it connects (`database`, `host`,
   * `url`, `schema`) as one settings group, and its `password` (described, never kept), with its
   * engine and its name (a TypeORM connection's `name` or YAML key, a Sequelize environment);
   * a URL's password is masked like any setting's. Absent when no connection has one.
   */
  connections?: Array<{
    name?: string;
    type?: string;
    /** The entries are an environment (`DB_NAME: trips`, a Serverless function's), read as env files are; else connection options. */
    environment?: true;
    entries: EnvFileEntry[];
  }>;
}

/**
 * A name a module exports from another module, or under another name: `export { A as B } from 'm'`
 * (imported `A`, exported `B`), `export * from 'm'` (both `*`), `export * as N from 'm'` (imported
 * `*`, exported `N`), `export { A as B }` of a declared name (no specifier) or of an imported one
 * (the import's specifier and name). An entity imported through a barrel is found by following these.
 */
export interface ReexportFact {
  specifier?: string;
  imported: string;
  exported: string;
}

/** A D1 database a wrangler config binds (`[[d1_databases]]`, or under `env.<name>`): D1 is SQLite. */
export interface D1DatabaseBinding {
  /** The word `d1_databases` that declares it (the header, the key of its array). */
  span: Span;
  /** The environment whose binding it is (`env.production.d1_databases`); absent at the top level. */
  environment?: string;
  binding?: string;
  /** `database_name`: the database's identity in the account (two Workers binding one name share that database). */
  databaseName?: string;
  /** Where `database_name`'s value is written, quotes included; absent inside an inline table (`d1_databases = [{ … }]`). */
  databaseNameSpan?: Span;
  /** `migrations_dir`, relative to the config's folder; wrangler's default `migrations` when absent. */
  migrationsDir?: string;
}

/** A JDBC URL's start (`jdbc:sqlserver:`), and the engine its subprotocol names (src/analysis/jdbc-urls.ts). */
export interface JdbcUrl {
  engine: Dialect | UnparsedEngine;
  /** Lower-cased, as written between `jdbc:` and the next `:` (`jtds:sqlserver` for jTDS). */
  subprotocol: string;
  /** `jdbc:<subprotocol>:` in the file. */
  span: Span;
}

/** A use of an ORM entity symbol defined elsewhere (e.g. `getRepository(Patient)`). */
export interface OrmEntityUse {
  library: string;
  /** The symbol as written at the use: an entity class, table object or model name; for Prisma, the delegate (`invoice`). */
  symbol: string;
  action: TableAction;
  fileSpan: Span;
  /**
   * The import that decides which module's definition the use means: the symbol's own import
   * (for a member of an imported namespace, `entities.Patient`, the namespace's import with
   * `imported` naming the member: `Patient` for `import * as entities`, `entities.Patient` for
   * `import { entities }`),
   * or for a Prisma delegate the import of its client (`this.prismaService` typed `PrismaService`
   * from another service). Absent when the file declares the symbol or it is no import.
   */
  origin?: OrmOrigin;
  /**
   * A use of a relation of the model `symbol` rather than of the model itself: Lucid's
   * `this.related('variants')`, Objection's `this.$relatedQuery('pets')` / `Person.relatedQuery('pets')`.
   * The table is the related model's (see ScriptFacts.ormRelations). `symbol` is `*` when the call
   * does not show whose relation it is (`order.related('lines')` on a variable).
   */
  relation?: string;
  /**
   * For a relation decorator on a member (`@ManyToOne(() => Customer) customer`, compiled
   * `__decorate([(0, typeorm_1.ManyToOne)(() => core_1.Customer)], Wallet.prototype, "customer")`): the class
   * declaring the member, whose table holds the foreign key (`action` is `references`).
   */
  declaringClass?: string;
  /**
   * For the owning side of a TypeORM many-to-many relation (`@ManyToMany(() => Category) @JoinTable() categories`): the
   * relation's property. The foreign keys are the join table's (ScriptFacts.ormJoinTables, by `declaringClass` and this
   * property), not the declaring class's table's.
   */
  joinProperty?: string;
}

/**
 * A relation a model declares: Lucid's `@hasMany(() => Variant) declare variants`, an Objection
 * `relationMappings` entry `pets: { modelClass: Animal, join: { from: 'persons.id', to: 'animals.owner_id' } }`.
 * The related model is `target` (as written in the file, `targetOrigin` its import); without one,
 * `table` is the related table the join names.
 */
export interface OrmRelationDef {
  library: string;
  /** The model class declaring the relation. */
  owner: string;
  name: string;
  target?: string;
  targetOrigin?: OrmOrigin;
  table?: string;
  qualifier?: string;
  /** The relation's name where it is declared. */
  fileSpan: Span;
}

/**
 * The join table of a TypeORM many-to-many relation's owning side (`@ManyToMany(() => Category) @JoinTable() categories`):
 * TypeORM creates it with the owning entity's table, named `@JoinTable({ name })` or, by its default naming strategy,
 * `<owner's table>_<property>_<target's table>` snake_cased (`post_categories_category`). The target's table is the
 * model's to resolve (another file's entity), so the target is kept as written, with its import. A NocoBase collection's
 * `belongsToMany` field (`owner` the collection's name) has its through table's name, given or NocoBase's default.
 */
export interface OrmJoinTable {
  /** The entity class declaring the relation: its table and service are the join table's. */
  owner: string;
  /** The relation's property (`categories`). */
  property: string;
  /** The related class as the relation's function returns it (`Category`), and its import. */
  target?: string;
  targetOrigin?: OrmOrigin;
  /** `@JoinTable({ name: 'post_tags' })`. */
  name?: string;
  /** `@JoinTable({ schema })` / `{ database }`. */
  qualifier?: string;
  /** The written name, else the `JoinTable` decorator's name. */
  fileSpan: Span;
}

/**
 * An entity class registered with an ORM connection. Not an access: where shared code defines the
 * entity, the registering services are the ones whose databases hold its table.
 */
export interface OrmRegistration {
  /** The library of the registering call, or `*` for an `entities:` option of any ORM. */
  library: string;
  symbol: string;
  /** The symbol's import, as for an entity use. */
  origin?: OrmOrigin;
  fileSpan: Span;
}

export interface EnvDefault {
  /** Environment variable name. */
  name: string;
  /**
   * Literal fallback value; absent for a secret's (a secret-named variable's, or one matching
   * `no-unsafe-env-default`'s `secretPatterns`): `secret` describes it.
   */
  value?: string;
  secret?: SecretDescriptor;
  /** Secrets inside `value` (a connection URL's password), masked there. */
  secretsInValue?: SecretInValue[];
  valueKind: 'string' | 'number' | 'boolean' | 'other';
  /** `||`, `??`, `ternary`, `destructuring`, `assignment`, `joi`, `zod`, `envalid`, `convict`, `adonis` (`env.get('X', 'v')`) */
  shape: string;
  /** Span of the fallback literal. */
  fileSpan: Span;
  /**
   * What the defaulted value feeds, when the code makes it visible: `split` for
   * `(process.env.API_KEYS || '').split(',')`, `parse-int` / `number` / `boolean` /
   * `json` for conversions, `compare` for `(process.env.X || '') === 'true'`, `prompt` for the pre-filled
   * answer of an interactive prompt's question (`{ name, message, initial: process.env.DB_HOST || 'localhost' }`).
   */
  usage?: 'split' | 'parse-int' | 'number' | 'boolean' | 'json' | 'compare' | 'prompt';
  /** True for envalid's `devDefault`, which applies only outside production. */
  devOnly?: boolean;
  /**
   * True when the schema lists the values the variable may take and the default is one of them (convict
   * `format: ['openid', 'oauth2']`, envalid `choices`, Joi `.valid(…)`, yup `.oneOf([…])`, zod `z.enum([…])`): the
   * variable picks a mode; a value from a published list is no secret.
   */
  choice?: true;
  /**
   * Values a fallback chain tries between the variable and the literal, as written and cut short
   * (`config.password` in `process.env.DB_PASSWORD || config.password || ''`). Absent when none.
   */
  alsoTried?: string[];
}

export interface EnvRead {
  name: string;
  fileSpan: Span;
}

/** A property in an object literal that configures a connection / TLS. */
export interface ConfigProperty {
  /** Property key, e.g. `password`, `rejectUnauthorized`, `ssl`, `database`, `schema`, `searchPath` (its first schema when an array), postgres.js's `search_path`, `options` (only pg's `-c search_path=…`). */
  key: string;
  /** Path of enclosing keys, e.g. `['ssl']` for `ssl: { rejectUnauthorized }`. */
  path: string[];
  valueKind: 'string' | 'number' | 'boolean' | 'env' | 'env-default' | 'other';
  /**
   * Literal value (string/number/boolean as text), or the env default's literal; absent for a
   * credential option (`password`, `jwtSecret`, a private `key` under `ssl`, `auth: 'user:pass'`),
   * which `secret` describes.
   */
  value?: string;
  secret?: SecretDescriptor;
  /** Secrets inside `value` (a connection URL's password), masked there. */
  secretsInValue?: SecretInValue[];
  /** Env variable read by the value, if any. */
  envName?: string;
  /**
   * A database name built at run time around one value (`` database: `sg_${subgraph}` ``,
   * `'ms-' + MS_NAME`): the constant text before and after it. Only for `database` / `db` / `dbName`.
   */
  computed?: { prefix: string; suffix: string };
  /** Callee of the call this object is an argument of, e.g. `mysql.createPool`, if any. */
  callee?: string;
  /**
   * Code that implements options rather than choosing them, as a driver's own code does: `mode`, the object a branch
   * on a mode string gives (`case 'no-verify': return { rejectUnauthorized: false }`, `if (ssl === 'no-verify') …`);
   * `defaults`, an options-defaults listing (`Object.assign({ ssl: false, … }, options)`, `module.exports = { … }` of
   * a `defaults` module, `const DEFAULT_OPTIONS = { … }`); `caller-options`, an object built from the enclosing
   * function's parameters (`{ host: options.host, rejectUnauthorized: false }`). Absent for anything else.
   */
  optionCode?: 'mode' | 'defaults' | 'caller-options';
  /**
   * A made-up principal's placeholder token (`new ApiUser({ permissions, secret: 'unknown' })`) whose class the file
   * imports by this bare specifier (`@app/types/api-user`): no credential when it resolves into the repository (a tsconfig
   * `paths` alias, a workspace package), the project's own class; a library's otherwise. Absent for anything else (the
   * token of a class the file declares or imports relatively is left out of the facts).
   */
  principalClassModule?: string;
  keySpan: Span;
  valueSpan: Span;
  /**
   * Span of the object literal that holds the property (`{ host, ssl: false }`), so rules can
   * tell siblings exactly: two properties are siblings when their `objectSpan`s are equal.
   * Absent for positional arguments (`new Sequelize('db', 'user', 'pass')`, `jwt.sign(p, 'secret')`).
   */
  objectSpan?: Span;
}

export interface StringLiteralFact {
  /** The literal's value, a connection URL's password masked (`secretsInValue` describes it). */
  value: string;
  secretsInValue?: SecretInValue[];
  fileSpan: Span;
  /**
   * A connection string held in a constant that only dblink's calls of the module's SQL take as their connection
   * (`const remote = 'dbname=billing …'` then `dblink('${remote}', 'SELECT …')`): another database's, which the
   * module's service reads through its own connection — no setting of its own database.
   */
  dblink?: true;
}

export interface ImportFact {
  specifier: string;
  kind: 'import' | 'export' | 'require' | 'dynamic-import';
  fileSpan: Span;
  /**
   * The names the import takes from the module, as the module exports them (`default` for a default
   * import): `import a, { b as c } from`, `export { b } from`, `const { b: c } = require(…)`,
   * `require(…).b` (typescript/imported-names.ts). Absent when it takes the module as a whole (a
   * namespace, a plain `require`, a side-effect or dynamic import) or the form is not a plain one.
   */
  names?: string[];
}

export interface SyntaxProblem {
  message: string;
  fileSpan: Span;
  /**
   * Set when the problem left the file, or a document of it, unanalysed (too large, unreadable,
   * binary, a YAML document the parser rejected): reported by `unanalysed-file`, not `parse-error`.
   */
  unanalysed?: UnanalysedReason;
}

export type { UnanalysedReason };
import type { UnanalysedReason } from '../io/read-file.js';

/**
 * An env file a module loads: `path` (normalised, posix, may start with `../`) is relative to `base`,
 * the module's own folder (`__dirname`) or the process's working directory (a relative literal,
 * `process.cwd()`: the service's folder, where its scripts run). `fileSpan` is the loading call's.
 */
export interface DotenvLoad {
  base: 'module' | 'cwd';
  path: string;
  fileSpan: Span;
}

export interface ScriptFacts {
  embeddedSql: EmbeddedSql[];
  ormRefs: OrmTableRef[];
  ormEntities: OrmEntityDef[];
  ormEntityUses: OrmEntityUse[];
  /**
   * Custom repository classes bound to an entity (TypeORM 0.2 `@EntityRepository(User) class
   * UserRepository`): a use of the repository (`getCustomRepository(UserRepository)`) is a use of
   * the entity. `entity` is the entity symbol as written there, `origin` its import. Absent when none.
   */
  ormRepositories?: Array<{ symbol: string; entity: string; origin?: OrmOrigin; fileSpan: Span }>;
  /**
   * Kysely instances the module exports (`export const db = new Kysely<DB>(…)`, `export default db`,
   * `export const db = createDb()` of a factory the module declares), and the factories it exports
   * (`export function createDb() { return new Kysely(…) }`: an importer's `createDb()` is one): the
   * export's name (`default` for the default export) and the database its pool names, if any.
   * Absent when none.
   */
  kyselyInstances?: Array<{ exported: string; database?: string }>;
  /**
   * Lower-cased, sorted names of the CTEs the file's query builders declare (`.with('ranked', …)`, Kysely's
   * `.withRecursive('ancestor(uri, height)', …)`, `addCommonTableExpression(q, 'tree')`): a helper returning such a
   * builder lets its callers `.selectFrom('ancestor')` in other files, which reads no table. Absent when none.
   */
  builderCtes?: string[];
  /**
   * The query builder instances the module builds with an identifier mapper that snake_cases every name it sends
   * (Kysely's `new CamelCasePlugin(…)`, Objection's `knexSnakeCaseMappers(…)` for knex), with the mapper's literal
   * options: the service's query-builder table names are the mapped names (model/identifier-case.ts). Absent when none.
   */
  snakeCaseMappers?: SnakeCaseMapper[];
  /** Relations the file's models declare (Lucid relation decorators, Objection `relationMappings`). Absent when none. */
  ormRelations?: OrmRelationDef[];
  /** Entities registered with an ORM connection (`entities: [Order]`, `TypeOrmModule.forFeature([Order])`). Absent when none. */
  ormRegistrations?: OrmRegistration[];
  /** The join tables of the file's TypeORM many-to-many relations (`@ManyToMany(…) @JoinTable()`). Absent when none. */
  ormJoinTables?: OrmJoinTable[];
  /**
   * Entity files registered by path (`entities: ['dist/**\/*.entity.js']`, `__dirname + '/../**\/*.entity{.ts,.js}'`):
   * the glob as written (`/` joined, no leading `./`), relative to the file's folder (`__dirname`)
   * or to the process's working directory. Absent when none.
   */
  ormEntityGlobs?: OrmEntityGlob[];
  /**
   * TypeORM connection options in the file (an object literal with `entities` or `autoLoadEntities`: a
   * `DataSource`, `TypeOrmModule.forRoot`, an exported options object): whether TypeORM's schema sync
   * may create tables from it. `synchronize: false`, or no `synchronize` at all (TypeORM's default), is
   * false; `true` or any expression (`process.env.NODE_ENV !== 'production'`), or a spread that may set
   * it, is true. `fileSpan` is the `entities` (or `autoLoadEntities`) property. Absent when none.
   */
  ormConnections?: Array<{ synchronizes: boolean; fileSpan: Span }>;
  /**
   * What the module re-exports or exports under another name; CommonJS barrels too
   * (`module.exports = { ...require('./orders'), pool: require('./pool') }`, `module.exports =
   * require('./x')`, `exports.x = require('./x')`). Absent when none.
   */
  reexports?: ReexportFact[];
  /**
   * The names a module that queries (embedded SQL, ORM table references or entity uses) exports
   * itself: `export function getOrder`, `export const x`, `export default`, `export { a as b }`,
   * `exports.getOrder = …`, `module.exports = { getOrder, listOrders }`. Which of a barrel's modules a
   * name imported through the barrel leads to (model/importing-services.ts). Absent for a module that
   * does not query, or exports nothing by name: unknown there.
   */
  exports?: string[];
  /** String constants the module exports that may name a table (see ExportedString). Absent when none. */
  exportedStrings?: ExportedString[];
  envDefaults: EnvDefault[];
  envReads: EnvRead[];
  configProperties: ConfigProperty[];
  /** Connection-string-looking literals (`mysql://…`, `postgres://…`), for credentials and TLS rules. */
  connectionStrings: StringLiteralFact[];
  imports: ImportFact[];
  syntaxProblems: SyntaxProblem[];
  /**
   * Flow-typed JavaScript (typescript/flow-pragma.ts: an `@flow` pragma in the leading comments of a `.js` file): the
   * syntax errors TypeScript's parser found there, not in `syntaxProblems` (Flow's type syntax is no error), counted and
   * placed at the first one, for the run to say the file's syntax was not checked. Absent otherwise.
   */
  flowSyntax?: { errors: number; fileSpan: Span };
  /**
   * Literal values the code writes into the environment, overriding whatever was set:
   * `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'`, `process.env['X'] = 0`. The
   * default-when-unset forms (`if (!process.env.X) process.env.X = …`, `||=`, `??=`) are
   * `envDefaults` instead. `fileSpan` is the value literal's; `value` is its text. Absent when none.
   */
  envWrites?: EnvWrite[];
  /**
   * Env files the module loads with dotenv by a path it names (`dotenv.config({ path:
   * path.resolve(__dirname, '../../.env') })`): see typescript/dotenv-loads.ts. Absent when none.
   */
  dotenvLoads?: DotenvLoad[];
  /**
   * Bodies of functions named `down` (`exports.down = …`, a migration class's `down()` method,
   * `down: async (queryInterface) => …`): the reverting half of a code migration, whose DDL
   * changes no table's history. Absent when none.
   */
  migrationDown?: Span[];
  /** The apps of a PM2 ecosystem file (`ecosystem.config.js`), read as data. Absent when none. */
  pm2Apps?: Pm2App[];
  /**
   * Paths the module builds with a variable folder (`` `migrations/${group}/*.js` ``, `` `${__dirname}/migrations/${tenant}/` ``):
   * a migration runner choosing one of several sibling sets at run time (typescript/folder-templates.ts). Absent when none.
   */
  folderTemplates?: FolderTemplate[];
  /**
   * Migration runners the module configures (typescript/migration-runners.ts): the folders an umzug, knex, MikroORM or
   * TypeORM option object points its runner at (`migrations: { path: path.join(__dirname, 'migrations') }`,
   * `migrations: { glob: 'migrations/*.js' }`, `migrations: { directory: './db/migrations', tableName: 'migration' }`)
   * and the bookkeeping tables it records applied migrations in (knex's `tableName`, umzug's `storageOptions` /
   * `SequelizeStorage` `tableName` or `modelName`). Absent when none.
   */
  migrationRunners?: MigrationRunnerSettings[];
}

/** One migration runner's settings (ScriptFacts.migrationRunners): every folder it reads is one sequence of versions. */
export interface MigrationRunnerSettings {
  /** The folders it reads, each as written from its base (no glob: the fixed part of a glob). */
  folders: MigrationRunnerFolder[];
  /** The tables it records applied migrations in, as written. */
  tables: string[];
  /** The option object, where a finding about the runner points. */
  fileSpan: Span;
}

/**
 * A folder a migration runner reads: `path` from the module's folder (`__dirname`) or the working directory (a plain
 * relative path: knex's CLI runs in the knexfile's folder, an app in its package's), normalised (`db/migrations`, never
 * `.` or a leading `./`); `below`: its glob reaches into subfolders (`migrations/**\/*.js`).
 */
export interface MigrationRunnerFolder {
  base: 'module' | 'cwd';
  path: string;
  below?: true;
}

/**
 * A path template with one variable folder (ScriptFacts.folderTemplates): `prefix` is the literal path before it, no
 * leading `./` or trailing `/` (`migrations`, `../db/migrations`), from the module's folder (`${__dirname}/…`) or the
 * working directory (anything else: umzug's `cwd` option is beside the glob, not in it).
 */
export interface FolderTemplate {
  prefix: string;
  relativeTo: 'file' | 'cwd';
  fileSpan: Span;
}

/**
 * An app of a PM2 ecosystem file: `module.exports = { apps: [{ name, cwd, script, env: { DB_NAME: … },
 * env_production: { … } }] }`. The file is never run: only literal values are read (an entry holding
 * anything else is left out). Its environments are the deployed environment of the service the app
 * starts, as a compose service's `environment:` is.
 */
export interface Pm2App {
  name?: string;
  /** `cwd` as written, relative to the ecosystem file's folder. */
  cwd?: string;
  /** `script` as written, relative to `cwd` (else to the file's folder). */
  script?: string;
  /** `env` and each `env_<environment>` block, in the file's order. */
  environments: Array<{ name: string; entries: EnvFileEntry[] }>;
  /** The app's object literal, where findings about the app as a whole point. */
  fileSpan: Span;
}

/** An assignment to the environment in code: `process.env.X = '…'`; `fileSpan` is the value literal's. */
export interface EnvWrite {
  name: string;
  value?: string;
  secret?: SecretDescriptor;
  fileSpan: Span;
}

// ---------------------------------------------------------------------------
// Other sources
// ---------------------------------------------------------------------------

/** One service of a docker-compose file: its `environment:` entries and its `env_file:` files. */
export interface ComposeService {
  service: string;
  entries: EnvFileEntry[];
  /**
   * The service's `image:` as written (`postgres:16`, `docker.io/library/mysql:8.4`), when a plain string without
   * interpolation: what runs in its container (a host naming the service reaches it). Absent otherwise.
   */
  image?: string;
  /**
   * The files `env_file:` names (a string, a list, or the long form's `path:`), as written: relative
   * to the compose file's folder. Compose puts their lines into the service's environment; entries of
   * `environment:` win over them. Absent when the service names none.
   */
  envFiles?: Array<{ path: string; span: Span }>;
  /**
   * `extends:` — the service this one extends, in `file` (as written, relative to this file's folder)
   * or, without one, in this file: compose merges that service's environment under this one's.
   * `span` is the extended service's name. Absent when the service extends none.
   */
  extends?: { service: string; file?: string; span: Span };
  /**
   * Entries whose whole value is an interpolation (`${APP_DB_NAME}`, `${APP_DB_NAME:-platform}`):
   * compose fills `variable` from the `.env` beside the compose file when it sets it. `span` is the
   * value as written. Absent when none.
   */
  interpolations?: Array<{ key: string; variable: string; span: Span }>;
  /**
   * Credentials written into the service's `command:`, `entrypoint:` or healthcheck `test:` (string or list
   * form; src/analysis/command-secrets.ts): a connection URL's password (`key` is where it is, `command`,
   * `entrypoint` or `healthcheck`) or a secret-named variable or password flag set there (`key` is its name).
   * Only what may hold one is kept; never read as the service's environment. Absent when none.
   */
  commands?: ComposeCommandEntry[];
}

/** A credential candidate of a compose service's command (see `ComposeService.commands`). */
export interface ComposeCommandEntry extends EnvFileEntry {
  in: 'command' | 'entrypoint' | 'healthcheck';
}

/** A `KEY=value` setting: a dotenv line, a compose `environment:` entry, a Kubernetes entry. */
export interface EnvFileEntry {
  key: string;
  /**
   * The value as written; absent when it is a secret (the key names one, or it is a Kubernetes
   * Secret's base64 `data`): `secret` describes it then.
   */
  value?: string;
  secret?: SecretDescriptor;
  /** Secrets inside `value` (a connection URL's password), masked there. */
  secretsInValue?: SecretInValue[];
  /** Span of the key in the file. */
  keySpan: Span;
  valueSpan: Span;
  /**
   * Compose only: the variable whose interpolation default (`${POSTGRES_PASSWORD:-x}`) the value is, used
   * where the deployment leaves it unset. Absent for a value written as it is.
   */
  defaultOf?: string;
}

/**
 * What a tsconfig.json / jsconfig.json says about module resolution: `compilerOptions.baseUrl`
 * and `paths` as written (relative to the file's folder), and the configs it `extends`.
 */
export interface TsconfigFacts {
  baseUrl?: string;
  paths?: Record<string, string[]>;
  extends?: string[];
}

/**
 * A setting of an application's own YAML configuration (node-config's `config/default.yaml`,
 * Spring's `application.yml`, Helm values) whose value is a connection URL with a password:
 * `key` is its key, `path` the keys around it (`['database']` for `database: { url: … }`).
 */
export interface YamlSetting extends EnvFileEntry {
  path: string[];
}

export interface PrismaModel {
  model: string;
  table: string;
  span: Span;
  /** The PostgreSQL schema of a multi-schema datasource (`@@schema("billing")`). */
  schema?: string;
}

/** A `datasource` block of a Prisma schema: the engine, where its URL comes from, the schemas it uses. */
export interface PrismaDatasource {
  name: string;
  /** `postgresql`, `mysql`, `sqlite`, `sqlserver`, `mongodb`, `cockroachdb`, as written; absent when not a literal. */
  provider?: string;
  providerSpan?: Span;
  /** The variable of `url = env("DATABASE_URL")`; absent for a literal URL (never kept: it may hold a password). */
  urlEnv?: string;
  /** `schemas = ["orders", "billing"]` (multiSchema). */
  schemas?: string[];
  /** The block's name. */
  span: Span;
}

/** A comment that may hold a suppression directive. */
export interface CommentFact {
  text: string;
  span: Span;
  /** True when nothing but whitespace precedes it on its line. */
  ownLine: boolean;
}

/**
 * A `data` / `stringData` entry of a Kubernetes ConfigMap or Secret, or a literal `env[].value` of a
 * workload's container (`env`: `key` is the variable's name, `keySpan` that of the name's value).
 */
export interface K8sEntry extends EnvFileEntry {
  /** `data` or `stringData` of a ConfigMap or Secret; `env` of a workload container. */
  section: 'data' | 'stringData' | 'env';
  /** A Secret's `data` is base64: its `value` is never kept (`secret` and `secretsInValue` describe the decoded text); everything else is plain text. */
  encoding: 'plain' | 'base64';
  /** The key or value is (partly) a Helm template expression (`{{ .Values.x }}`): `value` is the source text, not a literal. */
  templated?: boolean;
  /**
   * A templated `env` value that is one Helm action reading a value (`{{ .Values.database.name | quote }}`):
   * that value's path in the chart's values files (`['database', 'name']`). Absent otherwise.
   */
  values?: string[];
  /** `env` entries: the `name` of the container or init container, as written (absent when missing). */
  container?: string;
}

/** Workload kinds whose pod template's containers are read for literal `env` values. */
export type K8sWorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob' | 'Pod';

/** One ConfigMap, Secret or workload document of a (possibly multi-document) Kubernetes manifest. */
export interface K8sManifest {
  kind: 'ConfigMap' | 'Secret' | K8sWorkloadKind;
  /** `metadata.name` as written (a template expression stays as source text); absent when missing. */
  name?: string;
  namespace?: string;
  /** ConfigMap / Secret: `data` and `stringData`; workloads: the literal `env` values of every container and init container. */
  entries: K8sEntry[];
  /**
   * A kustomization's generated ConfigMap / Secret: the files its `envs:` / `env:` / `files:` name, as written
   * (relative to the kustomization's folder), `span` the path's. Absent when none.
   */
  envFiles?: Array<{ path: string; span: Span }>;
}

export type { FileKind } from '../discovery/file-kind.js';
import type { FileKind } from '../discovery/file-kind.js';
export type { EngineWord } from './engine-words.js';
import type { EngineWord } from './engine-words.js';

/** Everything extracted from one file. Holds no AST. */
export interface FileFacts {
  /** Repo-relative posix path. */
  path: string;
  kind: FileKind;
  /** Content hash for the facts cache ('' when the run uses no cache, or the file could not be read). */
  hash: string;
  /** The content could not be read (binary, too large, unreadable): the file has no facts. */
  unread?: true;
  /** Line start offsets (UTF-16), for span → range mapping. */
  lineStarts: number[];
  /** The file's text as read, kept for the whole run: inline directives and fingerprints (the lines a finding covers) read it. Never stored in the facts cache. */
  text: string;
  comments: CommentFact[];
  script?: ScriptFacts;
  /** SQL of a .sql file. Embedded SQL analyses live on `embeddedAnalyses`, index-aligned with script.embeddedSql. */
  sql?: SqlAnalysis;
  embeddedAnalyses?: SqlAnalysis[];
  env?: EnvFileEntry[];
  prisma?: PrismaModel[];
  /** The `datasource` blocks of a Prisma schema. Absent when none. */
  prismaDatasources?: PrismaDatasource[];
  /**
   * Tables a schema file that is not code names, as a migration builder's calls name them: a
   * Liquibase changelog's declarative changeSets (`createTable`, `renameTable`, `dropTable`,
   * `addForeignKeyConstraint`, …; library `liquibase`, src/analysis/liquibase-changes.ts). Absent when none.
   */
  schemaChanges?: OrmTableRef[];
  /**
   * Tables a migration creates under a name computed from each table it loops over: `'<prefix>' + <loop variable>` or
   * `f'<prefix>{<loop variable>}'` (a suffix too) as a created table's name, in a `for` loop over table names (Nova's
   * `_create_shadow_tables`: `op.create_table('shadow_' + table_name, …)` for each reflected table). Absent when none.
   */
  tableCopies?: TableCopies[];
  /** A Django migration's `dependencies` and `replaces` (src/analysis/django-migrations.ts). Absent when it names neither. */
  djangoMigration?: DjangoMigrationLinks;
  /** TypeORM's `ormconfig.json` / `ormconfig.yml`, the Sequelize CLI's `config/config.json`: what it names. Absent when none. */
  ormConfig?: OrmConfigFacts;
  tsconfig?: TsconfigFacts;
  /** docker-compose: service name → environment entries, and the files its `env_file:` names. */
  compose?: ComposeService[];
  /**
   * A compose file's top-level `name:` (lower-cased): its compose project, whose services' containers it shares with
   * every file of the same project. Absent when the file names none (its project is then its folder).
   */
  composeProject?: string;
  /** A Dockerfile: the `ENV` its final image carries (src/analysis/dockerfile.ts), secrets described. Absent when none. */
  dockerEnv?: EnvFileEntry[];
  /** Kubernetes manifests: the ConfigMap, Secret and workload documents of the file. */
  k8s?: K8sManifest[];
  /** Other YAML (application configuration): its settings holding a connection URL with a password. Absent when none. */
  yamlSettings?: YamlSetting[];
  /**
   * A Helm values file (`values.yaml`, `values-prod.yaml`): its scalar values, each with its path
   * (`key` `name`, `path` `['database']`), secrets described; an `env`-style list item
   * (`- name: DB_NAME` / `value: x`) is keyed by its name. What the chart's templates feed its
   * containers is decided in the model (src/model/helm-values.ts). Absent when none.
   */
  helmValues?: YamlSetting[];
  /**
   * A Cloudflare Worker's wrangler config (`wrangler.toml` / `.json` / `.jsonc`): the D1 (SQLite) databases it binds,
   * src/analysis/wrangler-config.ts. Absent when none.
   */
  d1Databases?: D1DatabaseBinding[];
  /** File-level problem (binary, unreadable, too large, not UTF-8…). */
  problems: SyntaxProblem[];
  /**
   * Where the file holds the secrets its facts describe: to be masked wherever the file's own text
   * is used (fingerprints of findings, snippets). Absent when none.
   */
  secretSpans?: Span[];
  /**
   * The engines the text names (`mariadb`; `cockroach` or CockroachDB's port 26257, in any case), as
   * src/analysis/engine-words.ts reads them: the model reads the text of only these files for its MariaDB and
   * CockroachDB evidence. Absent when none.
   */
  engineWords?: EngineWord[];
  /**
   * The JDBC URLs the file names outside comment lines (`jdbc:sqlserver://…` in `application.properties`, an env file, a
   * compose environment), not in .sql files: the engines a service connects to (src/model/service-dialect.ts). Absent when none.
   */
  jdbcUrls?: JdbcUrl[];
  /** A .sql file whose first line says `--liquibase formatted sql` (src/analysis/liquibase-sql.ts): a migration on its own. Absent otherwise. */
  liquibaseFormatted?: true;
  /** A .sql file with sql-migrate's or goose's `-- +migrate Up` / `-- +goose Up` (src/analysis/migration-annotations.ts). Absent otherwise. */
  toolAnnotated?: true;
  /**
   * The text opens a connection or starts a server (src/analysis/opens-connection.ts): what an inferred service's
   * discovery reads of it, kept so the model's inputs compare without the text. Absent otherwise.
   */
  opensConnection?: true;
}
