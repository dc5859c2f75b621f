/**
 * How a file's facts are stored in the facts cache, and read back: the one place that knows the
 * serialised form, so what the cache keeps (and does not keep) is decided here.
 *
 * Reading back checks the whole shape of FileFacts. A cache is a file on disk that anything may
 * have written — an older version, a crash, a CI cache restored from another branch — and rules
 * trust facts completely: one wrong-shaped entry used to crash every rule on every file. An
 * entry that does not have exactly the shape below is a cache miss, and the file is analysed
 * again. Objects are closed (an unknown key is a miss), and each shape is typed against its
 * interface in facts.ts: a field added there and not here is a compile error, not a cache that
 * silently misses.
 */
import { FACTS_FIELDS, FACTS_SUMMARY, factsFields } from './facts.js';
import type {
  FactsSummary,
  EngineWord,
  JdbcUrl,
  D1DatabaseBinding,
  CommentFact,
  ComposeCommandEntry,
  ComposeService,
  Dialect,
  DotenvLoad,
  IndexKind,
  StatementKind,
  TableAction,
  ConfigProperty,
  DialectMarker,
  EmbeddedSql,
  EnvDefault,
  EnvFileEntry,
  EnvRead,
  FileFacts,
  ImportFact,
  K8sEntry,
  K8sManifest,
  OrmEntityDef,
  OrmEntityUse,
  OrmOrigin,
  OrmRegistration,
  Pm2App,
  FolderTemplate,
  MigrationRunnerFolder,
  MigrationRunnerSettings,
  OrmRelationDef,
  OrmJoinTable,
  ReexportFact,
  ExportedString,
  SqlHole,
  OrmEntityGlob,
  OrmTableRef,
  TableCopies,
  DjangoMigrationKey,
  DjangoMigrationLinks,
  SnakeCaseMapper,
  PrismaDatasource,
  PrismaModel,
  SecretDescriptor,
  SecretInValue,
  SqlSecret,
  UnparsedEngine,
  OrmConfigFacts,
  ScriptFacts,
  SourceSegment,
  Span,
  SqlAnalysis,
  SqlColumnDef,
  SqlForeignKey,
  SqlIndexDef,
  SqlStatement,
  SqlTableDef,
  SqlTableRef,
  SqlNameChange,
  StringLiteralFact,
  SyntaxProblem,
  TsconfigFacts,
  YamlSetting,
  UnanalysedReason,
} from './facts.js';

/**
 * The facts as one line of JSON, without the file's text (read from the file anyway), and without
 * the text of each embedded statement that is the slice of its site's SQL at its span (nearly all):
 * that SQL is stored once, in `script.embeddedSql`, and decodeFacts takes the slice back. At 10,000
 * files of the realistic profile the repeated texts were 16% of the cache's bytes, read, parsed and
 * held by every warm run.
 */
export function encodeFacts(facts: FileFacts): string {
  const stored = factsFields(facts);
  const sites = facts.script?.embeddedSql;
  if (!stored.embeddedAnalyses || !sites) return JSON.stringify(stored);
  const embeddedAnalyses = stored.embeddedAnalyses.map((analysis, i) => {
    const sql = sites[i]?.text;
    if (!analysis || sql === undefined) return analysis;
    return {
      ...analysis,
      statements: analysis.statements.map((statement) => {
        if (sql.slice(statement.span.start, statement.span.end) !== statement.text) return statement;
        const { text: _sliced, ...rest } = statement;
        return rest;
      }),
    };
  });
  return JSON.stringify({ ...stored, embeddedAnalyses });
}

/**
 * The facts of `json`, when it is well-formed and has exactly the shape of FileFacts for the file
 * at `path` with content hash `hash`; undefined otherwise. `text` is not part of the stored form:
 * the caller adds the file's text.
 */
export function decodeFacts(json: string, path: string, hash: string): Omit<FileFacts, 'text'> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  restoreStatementTexts(value);
  if (!storedFacts(value)) return undefined;
  const facts = value as Omit<FileFacts, 'text'>;
  return facts.path === path && facts.hash === hash ? facts : undefined;
}

/**
 * Gives each embedded statement stored without its text (see encodeFacts) the slice of its site's
 * SQL at its span, first among its keys as the analyser writes it. Only where the stored value is
 * shaped for it (a statement object without a text, a whole span inside a site's SQL); anything
 * else is left as read, for the shape check to refuse.
 */
function restoreStatementTexts(value: unknown): void {
  if (!isPlainObject(value) || !Array.isArray(value.embeddedAnalyses) || !isPlainObject(value.script)) return;
  const sites = value.script.embeddedSql;
  if (!Array.isArray(sites)) return;
  value.embeddedAnalyses.forEach((analysis: unknown, i) => {
    const site: unknown = sites[i];
    if (!isPlainObject(analysis) || !Array.isArray(analysis.statements) || !isPlainObject(site) || typeof site.text !== 'string') return;
    const sql = site.text;
    const statements: unknown[] = analysis.statements;
    statements.forEach((statement, j) => {
      if (!isPlainObject(statement) || Object.hasOwn(statement, 'text') || !isPlainObject(statement.span)) return;
      const { start, end } = statement.span;
      if (!count(start) || !count(end) || (start as number) > (end as number) || (end as number) > sql.length) return;
      statements[j] = { text: sql.slice(start as number, end as number), ...statement };
    });
  });
}

// --- The shape ---------------------------------------------------------------------------------

type Check = (value: unknown) => boolean;

const string: Check = (v) => typeof v === 'string';
const boolean: Check = (v) => typeof v === 'boolean';
/** Offsets, lines and columns: whole and not negative. */
const count: Check = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const literal =
  (value: unknown): Check =>
  (v) =>
    v === value;
/** One of the members of the string union T, every one of which must be listed (compile-time). */
/** The engines read by their tokens only (no parser here): a record, so the type lists every member. */
const UNPARSED_ENGINES: Record<UnparsedEngine, true> = {
  sqlserver: true,
  sqlite: true,
  oracle: true,
  clickhouse: true,
  duckdb: true,
  snowflake: true,
  bigquery: true,
  cassandra: true,
  dynamodb: true,
};

function oneOf<T extends string>(members: Record<T, true>): Check {
  const allowed = new Set<string>(Object.keys(members));
  return (v) => typeof v === 'string' && allowed.has(v);
}

const arrayOf =
  (item: Check): Check =>
  (v) => {
    if (!Array.isArray(v)) return false;
    for (let i = 0; i < v.length; i++) if (!item(v[i])) return false;
    return true;
  };

/** A JSON object used as a map (tsconfig `paths`): any keys, every value checked. */
const recordOf =
  (item: Check): Check =>
  (v) =>
    isPlainObject(v) && Object.values(v).every(item);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
type RequiredKeys<T> = Exclude<keyof T, OptionalKeys<T>>;

/**
 * A closed object of type T: every required key checks, optional keys check when present, no
 * other key. The two key lists must name exactly T's required and optional keys (compile-time).
 */
function object<T>(required: Record<RequiredKeys<T>, Check>, optional: Record<OptionalKeys<T>, Check>): Check {
  // One lookup per key present and no array made per object: a warm run at 10,000 files checks some 800,000 objects and arrays.
  const checks = new Map<string, { check: Check; required: boolean }>();
  for (const [key, check] of Object.entries<Check>(optional)) checks.set(key, { check, required: false });
  for (const [key, check] of Object.entries<Check>(required)) checks.set(key, { check, required: true });
  const requiredCount = Object.keys(required).length;
  return (v) => {
    if (!isPlainObject(v)) return false;
    let found = 0;
    for (const key in v) {
      // Inherited keys are not the object's (JSON.parse makes every key its own).
      if (!Object.hasOwn(v, key)) continue;
      const entry = checks.get(key);
      if (!entry || !entry.check(v[key])) return false;
      if (entry.required) found++;
    }
    return found === requiredCount;
  };
}

const span = object<Span>({ start: count, end: count }, {});
const reexportFact = object<ReexportFact>({ imported: string, exported: string }, { specifier: string });
const tsconfigFacts = object<TsconfigFacts>({}, { baseUrl: string, paths: recordOf(arrayOf(string)), extends: arrayOf(string) });
const ormOrigin = object<OrmOrigin>({ specifier: string, imported: string, fileSpan: span }, {});
const syntaxProblem = object<SyntaxProblem>(
  { message: string, fileSpan: span },
  {
    unanalysed: oneOf<UnanalysedReason>({
      'too-large': true,
      unreadable: true,
      binary: true,
      'rejected-document': true,
      'lfs-pointer': true,
    }),
  },
);
const dialect = oneOf<Dialect>({ mysql: true, postgresql: true });
const tableAction = oneOf<TableAction>({
  select: true,
  insert: true,
  update: true,
  delete: true,
  references: true,
  create: true,
  alter: true,
  drop: true,
  truncate: true,
  grant: true,
  other: true,
});
const valueAt = object<{ value: string; span: Span }>({ value: string, span }, {});
const namedAt = object<{ name: string; qualifier?: string; span: Span }>({ name: string, span }, { qualifier: string });

const sqlTableRef = object<SqlTableRef>({ name: string, action: tableAction, span }, { qualifier: string, database: string });

const sqlColumnDef = object<SqlColumnDef>(
  { name: string, dataType: string, typeArgs: arrayOf(string), primaryKey: boolean, nullable: boolean, span },
  { enumValues: arrayOf(valueAt) },
);

const sqlForeignKey = object<SqlForeignKey>(
  { columns: arrayOf(string), references: sqlTableRef, referencedColumns: arrayOf(string), span },
  { name: string, nameSpan: span },
);

const sqlIndexDef = object<SqlIndexDef>(
  {
    span,
    kind: oneOf<IndexKind>({ index: true, unique: true, fulltext: true, primary: true, spatial: true }),
    table: string,
    columns: arrayOf(string),
  },
  { name: string },
);

const sqlTableDef = object<SqlTableDef>(
  {
    kind: oneOf<SqlTableDef['kind']>({ create: true, alter: true }),
    name: string,
    span,
    columns: arrayOf(sqlColumnDef),
    primaryKey: arrayOf(string),
    foreignKeys: arrayOf(sqlForeignKey),
    indexes: arrayOf(sqlIndexDef),
  },
  { qualifier: string, temporary: boolean, renamedTo: namedAt },
);

const sqlStatement = object<SqlStatement>(
  {
    text: string,
    span,
    kind: oneOf<StatementKind>({
      select: true,
      insert: true,
      update: true,
      delete: true,
      create_table: true,
      alter_table: true,
      create_index: true,
      create_view: true,
      create_routine: true,
      create_other: true,
      drop: true,
      other: true,
    }),
    parse: oneOf<SqlStatement['parse']>({ full: true, partial: true, skipped: true }),
    tableRefs: arrayOf(sqlTableRef),
    tables: arrayOf(sqlTableDef),
    indexes: arrayOf(sqlIndexDef),
    views: arrayOf(namedAt),
    dialectMarkers: arrayOf(object<DialectMarker>({ dialect, feature: string, span }, {})),
  },
  {
    holeRefs: arrayOf(sqlTableRef),
    parseError: object<NonNullable<SqlStatement['parseError']>>({ message: string, span }, {}),
    bulkStatements: count,
    trigger: namedAt,
    sequences: arrayOf(namedAt),
    routines: arrayOf(namedAt),
    calls: arrayOf(namedAt),
    unsupported: string,
    mariadb: object<NonNullable<SqlStatement['mariadb']>>({ constructs: arrayOf(string), span }, {}),
    dialectSignal: dialect,
    enumTypes: arrayOf(
      object<NonNullable<SqlStatement['enumTypes']>[number]>({ name: string, span, values: arrayOf(valueAt) }, { qualifier: string }),
    ),
    nameChanges: arrayOf(
      object<SqlNameChange>(
        { object: oneOf<SqlNameChange['object']>({ column: true, index: true, constraint: true }), name: string, span },
        { table: string, to: string, toSpan: span },
      ),
    ),
  },
);

// A secret is stored as what the analysers made of it, never as a value: a descriptor with no
// room for one (closed, with a kind and a length class from fixed lists, and a fingerprint).
const secret = object<SecretDescriptor>(
  {
    kind: oneOf<SecretDescriptor['kind']>({
      literal: true,
      empty: true,
      switch: true,
      prefix: true,
      placeholder: true,
      reference: true,
      template: true,
      encrypted: true,
      hashed: true,
    }),
    length: oneOf<SecretDescriptor['length']>({ '0': true, '1-7': true, '8-15': true, '16+': true }),
  },
  { fingerprint: string, text: literal(true), variable: literal(true), declared: literal(true) },
);
const secretsInValue = arrayOf(object<SecretInValue>({ secret, valueSpan: span, fileSpan: span }, { scheme: string }));

const sqlAnalysis = object<SqlAnalysis>(
  { dialect, statements: arrayOf(sqlStatement) },
  {
    byTokensOnly: oneOf<UnparsedEngine>(UNPARSED_ENGINES),
    clientBranch: dialect,
    byParseVote: literal(true),
    comments: arrayOf(span),
    secrets: arrayOf(object<SqlSecret>({ statement: string, secret, span }, { fileSpan: span, documented: literal(true) })),
  },
);

const sourceSegment = object<SourceSegment>(
  { sql: span, fileOffset: count, mode: oneOf<SourceSegment['mode']>({ exact: true, offsets: true, collapsed: true }) },
  { map: arrayOf(count), fileEnd: count },
);

const tableActionAt = { action: tableAction, fileSpan: span };

const ormEntityGlob = object<OrmEntityGlob>(
  { pattern: string, relativeTo: oneOf<OrmEntityGlob['relativeTo']>({ file: true, cwd: true }), fileSpan: span },
  {},
);

const envEntryFields = { key: string, keySpan: span, valueSpan: span };
const envEntryOptional = { value: string, secret, secretsInValue, defaultOf: string };
const envEntry = object<EnvFileEntry>(envEntryFields, envEntryOptional);

const djangoKey = object<DjangoMigrationKey>({ app: string, name: string }, {});
const ormTableRef = object<OrmTableRef>(
  { name: string, library: string, ...tableActionAt },
  {
    qualifier: string,
    database: string,
    instance: object<NonNullable<OrmTableRef['instance']>>({ origin: ormOrigin }, { unconfirmed: literal(true) }),
    renamedTo: object<NonNullable<OrmTableRef['renamedTo']>>({ name: string, fileSpan: span }, { qualifier: string }),
    declaringTable: object<NonNullable<OrmTableRef['declaringTable']>>({ name: string }, { qualifier: string }),
  },
);

const scriptFacts = object<ScriptFacts>(
  {
    embeddedSql: arrayOf(
      object<EmbeddedSql>(
        {
          text: string,
          segments: arrayOf(sourceSegment),
          callee: string,
          fileSpan: span,
          via: oneOf<EmbeddedSql['via']>({ callee: true, 'tagged-template': true, 'sql-looking': true, variable: true, fragment: true }),
        },
        {
          holes: arrayOf(
            object<SqlHole>(
              { index: count },
              {
                values: arrayOf(string),
                imports: arrayOf(object<NonNullable<SqlHole['imports']>[number]>({ origin: ormOrigin, members: arrayOf(string) }, {})),
              },
            ),
          ),
          ctes: arrayOf(string),
          spliced: literal(true),
          openCtes: literal(true),
          engine: oneOf<Dialect | UnparsedEngine>({ ...UNPARSED_ENGINES, mysql: true, postgresql: true }),
        },
      ),
    ),
    ormRefs: arrayOf(ormTableRef),
    ormEntities: arrayOf(
      object<OrmEntityDef>(
        { library: string, symbol: string, table: string, fileSpan: span },
        { qualifier: string, view: literal(true), mapsOnly: literal(true), unsynchronized: literal(true) },
      ),
    ),
    ormEntityUses: arrayOf(
      object<OrmEntityUse>(
        { library: string, symbol: string, ...tableActionAt },
        { origin: ormOrigin, relation: string, declaringClass: string, joinProperty: string },
      ),
    ),
    envDefaults: arrayOf(
      object<EnvDefault>(
        {
          name: string,
          valueKind: oneOf<EnvDefault['valueKind']>({ string: true, number: true, boolean: true, other: true }),
          shape: string,
          fileSpan: span,
        },
        {
          usage: oneOf<NonNullable<EnvDefault['usage']>>({
            split: true,
            'parse-int': true,
            number: true,
            boolean: true,
            json: true,
            compare: true,
            prompt: true,
          }),
          devOnly: boolean,
          choice: literal(true),
          alsoTried: arrayOf(string),
          value: string,
          secret,
          secretsInValue,
        },
      ),
    ),
    envReads: arrayOf(object<EnvRead>({ name: string, fileSpan: span }, {})),
    configProperties: arrayOf(
      object<ConfigProperty>(
        {
          key: string,
          path: arrayOf(string),
          valueKind: oneOf<ConfigProperty['valueKind']>({
            string: true,
            number: true,
            boolean: true,
            env: true,
            'env-default': true,
            other: true,
          }),
          keySpan: span,
          valueSpan: span,
        },
        {
          value: string,
          secret,
          secretsInValue,
          envName: string,
          computed: object<NonNullable<ConfigProperty['computed']>>({ prefix: string, suffix: string }, {}),
          callee: string,
          optionCode: oneOf<NonNullable<ConfigProperty['optionCode']>>({ mode: true, defaults: true, 'caller-options': true }),
          principalClassModule: string,
          objectSpan: span,
        },
      ),
    ),
    connectionStrings: arrayOf(object<StringLiteralFact>({ value: string, fileSpan: span }, { secretsInValue, dblink: literal(true) })),
    imports: arrayOf(
      object<ImportFact>(
        {
          specifier: string,
          kind: oneOf<ImportFact['kind']>({ import: true, export: true, require: true, 'dynamic-import': true }),
          fileSpan: span,
        },
        { names: arrayOf(string) },
      ),
    ),
    syntaxProblems: arrayOf(syntaxProblem),
  },
  {
    migrationDown: arrayOf(span),
    ormRepositories: arrayOf(
      object<NonNullable<ScriptFacts['ormRepositories']>[number]>(
        { symbol: string, entity: string, fileSpan: span },
        { origin: ormOrigin },
      ),
    ),
    kyselyInstances: arrayOf(object<NonNullable<ScriptFacts['kyselyInstances']>[number]>({ exported: string }, { database: string })),
    builderCtes: arrayOf(string),
    snakeCaseMappers: arrayOf(
      object<SnakeCaseMapper>(
        { plugin: oneOf<SnakeCaseMapper['plugin']>({ kysely: true, knex: true }), fileSpan: span },
        { upperCase: boolean, underscoreBeforeDigits: boolean, underscoreBetweenUppercaseLetters: boolean },
      ),
    ),
    ormRelations: arrayOf(
      object<OrmRelationDef>(
        { library: string, owner: string, name: string, fileSpan: span },
        { target: string, targetOrigin: ormOrigin, table: string, qualifier: string },
      ),
    ),
    ormRegistrations: arrayOf(object<OrmRegistration>({ library: string, symbol: string, fileSpan: span }, { origin: ormOrigin })),
    ormJoinTables: arrayOf(
      object<OrmJoinTable>(
        { owner: string, property: string, fileSpan: span },
        { target: string, targetOrigin: ormOrigin, name: string, qualifier: string },
      ),
    ),
    reexports: arrayOf(reexportFact),
    exportedStrings: arrayOf(object<ExportedString>({ name: string, value: string }, {})),
    exports: arrayOf(string),
    ormEntityGlobs: arrayOf(ormEntityGlob),
    ormConnections: arrayOf(object<NonNullable<ScriptFacts['ormConnections']>[number]>({ synchronizes: boolean, fileSpan: span }, {})),
    flowSyntax: object<NonNullable<ScriptFacts['flowSyntax']>>({ errors: count, fileSpan: span }, {}),
    envWrites: arrayOf(object<NonNullable<ScriptFacts['envWrites']>[number]>({ name: string, fileSpan: span }, { value: string, secret })),
    dotenvLoads: arrayOf(
      object<DotenvLoad>({ base: oneOf<DotenvLoad['base']>({ module: true, cwd: true }), path: string, fileSpan: span }, {}),
    ),
    folderTemplates: arrayOf(
      object<FolderTemplate>(
        { prefix: string, relativeTo: oneOf<FolderTemplate['relativeTo']>({ file: true, cwd: true }), fileSpan: span },
        {},
      ),
    ),
    migrationRunners: arrayOf(
      object<MigrationRunnerSettings>(
        {
          folders: arrayOf(
            object<MigrationRunnerFolder>(
              { base: oneOf<MigrationRunnerFolder['base']>({ module: true, cwd: true }), path: string },
              { below: literal(true) },
            ),
          ),
          tables: arrayOf(string),
          fileSpan: span,
        },
        {},
      ),
    ),
    pm2Apps: arrayOf(
      object<Pm2App>(
        { environments: arrayOf(object<Pm2App['environments'][number]>({ name: string, entries: arrayOf(envEntry) }, {})), fileSpan: span },
        { name: string, cwd: string, script: string },
      ),
    ),
  },
);

const k8sManifest = object<K8sManifest>(
  {
    kind: oneOf<K8sManifest['kind']>({
      ConfigMap: true,
      Secret: true,
      Deployment: true,
      StatefulSet: true,
      DaemonSet: true,
      ReplicaSet: true,
      Job: true,
      CronJob: true,
      Pod: true,
    }),
    entries: arrayOf(
      object<K8sEntry>(
        {
          ...envEntryFields,
          section: oneOf<K8sEntry['section']>({ data: true, stringData: true, env: true }),
          encoding: oneOf<K8sEntry['encoding']>({ plain: true, base64: true }),
        },
        { ...envEntryOptional, templated: boolean, values: arrayOf(string), container: string },
      ),
    ),
  },
  { name: string, namespace: string, envFiles: arrayOf(object<NonNullable<K8sManifest['envFiles']>[number]>({ path: string, span }, {})) },
);

/** A file's kind, as facts and their stored summary both hold it. */
const factsKind = oneOf<FileFacts['kind']>({
  script: true,
  sql: true,
  env: true,
  prisma: true,
  compose: true,
  k8s: true,
  tsconfig: true,
  other: true,
});

const storedFacts = object<Omit<FileFacts, 'text'>>(
  {
    path: string,
    kind: factsKind,
    hash: string,
    // Rebuilt from the text when absent (see lint()); required by the type, optional here.
    lineStarts: arrayOf(count),
    comments: arrayOf(object<CommentFact>({ text: string, span, ownLine: boolean }, {})),
    problems: arrayOf(syntaxProblem),
  },
  {
    unread: literal(true),
    script: scriptFacts,
    sql: sqlAnalysis,
    embeddedAnalyses: arrayOf(sqlAnalysis),
    env: arrayOf(envEntry),
    dockerEnv: arrayOf(envEntry),
    prisma: arrayOf(object<PrismaModel>({ model: string, table: string, span }, { schema: string })),
    schemaChanges: arrayOf(ormTableRef),
    tableCopies: arrayOf(object<TableCopies>({ prefix: string, suffix: string, fileSpan: span }, {})),
    djangoMigration: object<DjangoMigrationLinks>({ dependencies: arrayOf(djangoKey), replaces: arrayOf(djangoKey) }, {}),
    prismaDatasources: arrayOf(
      object<PrismaDatasource>({ name: string, span }, { provider: string, providerSpan: span, urlEnv: string, schemas: arrayOf(string) }),
    ),
    ormConfig: object<OrmConfigFacts>(
      {
        entityGlobs: arrayOf(ormEntityGlob),
        engines: arrayOf(object<OrmConfigFacts['engines'][number]>({ type: string, span }, { key: string })),
      },
      {
        library: oneOf<NonNullable<OrmConfigFacts['library']>>({
          sequelize: true,
          'node-config': true,
          serverless: true,
          'db-migrate': true,
          'json-module': true,
          dotnet: true,
          terraform: true,
          laravel: true,
          django: true,
        }),
        schemaSync: arrayOf(boolean),
        connections: arrayOf(
          object<NonNullable<OrmConfigFacts['connections']>[number]>(
            { entries: arrayOf(envEntry) },
            { name: string, type: string, environment: literal(true) },
          ),
        ),
      },
    ),
    secretSpans: arrayOf(span),
    yamlSettings: arrayOf(object<YamlSetting>({ ...envEntryFields, path: arrayOf(string) }, envEntryOptional)),
    helmValues: arrayOf(object<YamlSetting>({ ...envEntryFields, path: arrayOf(string) }, envEntryOptional)),
    tsconfig: tsconfigFacts,
    compose: arrayOf(
      object<ComposeService>(
        { service: string, entries: arrayOf(envEntry) },
        {
          image: string,
          envFiles: arrayOf(object<NonNullable<ComposeService['envFiles']>[number]>({ path: string, span }, {})),
          extends: object<NonNullable<ComposeService['extends']>>({ service: string, span }, { file: string }),
          interpolations: arrayOf(
            object<NonNullable<ComposeService['interpolations']>[number]>({ key: string, variable: string, span }, {}),
          ),
          commands: arrayOf(
            object<ComposeCommandEntry>(
              { ...envEntryFields, in: oneOf<ComposeCommandEntry['in']>({ command: true, entrypoint: true, healthcheck: true }) },
              envEntryOptional,
            ),
          ),
        },
      ),
    ),
    composeProject: string,
    k8s: arrayOf(k8sManifest),
    engineWords: arrayOf(oneOf<EngineWord>({ mariadb: true, cockroach: true })),
    d1Databases: arrayOf(
      object<D1DatabaseBinding>(
        { span },
        { environment: string, binding: string, databaseName: string, databaseNameSpan: span, migrationsDir: string },
      ),
    ),
    jdbcUrls: arrayOf(
      object<JdbcUrl>(
        {
          engine: oneOf<JdbcUrl['engine']>({ mysql: true, postgresql: true, ...UNPARSED_ENGINES }),
          subprotocol: string,
          span,
        },
        {},
      ),
    ),
    liquibaseFormatted: literal(true),
    toolAnnotated: literal(true),
    opensConnection: literal(true),
  },
);

/**
 * The checks above, for the other form the cache keeps (the project model, src/model/model-data-shape.ts):
 * closed objects typed against their interfaces, and the shapes of facts that form holds too.
 */
export const shapes = {
  string,
  boolean,
  count,
  literal,
  oneOf,
  arrayOf,
  recordOf,
  object,
  isPlainObject,
  span,
  ormOrigin,
  secret,
  dialect,
  unparsedEngines: UNPARSED_ENGINES,
  reexportFact,
  tsconfigFacts,
};
export type { Check };

/**
 * Facts decoded when a field other than the path, the hash and the kind is first read: a warm run over one changed
 * file asks nothing of most others. `summary`: what the cache stores beside the facts (FactsSummary), kept on them
 * (`factsSummary`). Such facts were stored readable (`unread` absent). `decode` is called once; `failed` when it gives
 * nothing or facts another than the summary's (the entry is damaged), and the facts then read as a file without any:
 * the caller must not let such a run's findings stand (see FactsCache.damaged).
 *
 * The fields are accessors on one shared prototype, not on each entry: defining 26 own accessors was the whole cost
 * of an entry no one reads (~0.2 s CPU at 10,000 files). A spread, `Object.entries` or `JSON.stringify` sees only the
 * path, hash, kind and unread of such facts: whatever copies, signs or stores facts reads them by FACTS_FIELDS
 * (factsFields in facts.ts).
 */
export function lazyFacts(
  path: string,
  hash: string,
  summary: FactsSummary,
  decode: () => Omit<FileFacts, 'text'> | undefined,
  failed: () => void,
): Omit<FileFacts, 'text'> {
  return new LazyFacts(path, hash, summary.kind, summary, { decode, failed }) as unknown as Omit<FileFacts, 'text'>;
}

/** `facts` as a plain object: lazyFacts' decoded now (every field is about to be read: no accessor between), others as they are. */
export function decodedFacts(facts: Omit<FileFacts, 'text'>): Omit<FileFacts, 'text'> {
  return facts instanceof LazyFacts ? (facts.decoded() as unknown as Omit<FileFacts, 'text'>) : facts;
}

/**
 * `facts` with their text read by `read` when first asked for, in place: lazyFacts' keep the reader (their prototype
 * answers `text`), others get an own accessor.
 */
export function withTextRead(facts: Omit<FileFacts, 'text'>, read: () => string): FileFacts {
  if (facts instanceof LazyFacts) {
    facts.readText(read);
    return facts as unknown as FileFacts;
  }
  let text: string | undefined;
  Object.defineProperty(facts, 'text', {
    enumerable: true,
    configurable: true,
    get: () => (text ??= read()),
    set: (value: string) => (text = value),
  });
  return facts as FileFacts;
}

/** Whether `facts`' text is read when first asked for (withTextRead), not held. */
export function textReadLater(facts: FileFacts): boolean {
  return facts instanceof LazyFacts ? facts.readsText() : Object.getOwnPropertyDescriptor(facts, 'text')?.get !== undefined;
}

interface Pending {
  decode: () => Omit<FileFacts, 'text'> | undefined;
  failed: () => void;
}

class LazyFacts {
  path: string;
  hash: string;
  kind: FileFacts['kind'];
  unread: undefined = undefined;
  /** How to decode, then the decoded facts. */
  #held: Pending | Record<string, unknown>;
  readonly #summary: FactsSummary;
  #read: (() => string) | undefined = undefined;
  #text: string | undefined = undefined;

  constructor(path: string, hash: string, kind: FileFacts['kind'], summary: FactsSummary, pending: Pending) {
    this.path = path;
    this.hash = hash;
    this.kind = kind;
    this.#summary = summary;
    this.#held = pending;
  }

  get [FACTS_SUMMARY](): FactsSummary {
    return this.#summary;
  }

  decoded(): Record<string, unknown> {
    const held = this.#held;
    if (typeof held.decode !== 'function') return held as Record<string, unknown>;
    const { decode, failed } = held as Pending;
    if (process.env.NILECARE_LAZY_TRACE)
      process.stderr.write(`lazy-decode ${this.path}\n${new Error().stack?.split('\n').slice(3, 9).join('\n')}\n`);
    const value = decode() as Record<string, unknown> | undefined;
    if (!value || value.kind !== this.kind || value.unread !== undefined) failed();
    const values = value ?? { lineStarts: [0], comments: [], problems: [] };
    this.#held = values;
    return values;
  }

  readText(read: () => string): void {
    this.#read = read;
  }

  readsText(): boolean {
    return this.#read !== undefined;
  }

  get text(): string | undefined {
    if (this.#text === undefined && this.#read) this.#text = this.#read();
    return this.#text;
  }

  set text(value: string) {
    this.#text = value;
  }
}

// The fields decoded on first read: all but those lazyFacts knows from the summary, enumerable as own fields were.
Object.defineProperties(
  LazyFacts.prototype,
  Object.fromEntries(
    FACTS_FIELDS.filter((key) => key !== 'path' && key !== 'hash' && key !== 'kind' && key !== 'unread').map((key) => [
      key,
      {
        get(this: LazyFacts) {
          return this.decoded()[key];
        },
        set(this: LazyFacts, value: unknown) {
          this.decoded()[key] = value;
        },
        enumerable: true,
        configurable: true,
      },
    ]),
  ),
);
Object.defineProperty(LazyFacts.prototype, 'text', { enumerable: true });

/** The shape of a stored FactsSummary (facts-summary.ts). */
export const factsSummaryShape = object<FactsSummary>(
  {
    kind: factsKind,
  },
  {
    unanalysed: literal(true),
    tableDefinitions: literal(true),
    sequences: arrayOf(string),
    fingerprints: arrayOf(string),
    tables: arrayOf(string),
    importedNames: literal(true),
    folderTemplates: literal(true),
    migrationRunners: literal(true),
    builderCtes: arrayOf(string),
    imports: arrayOf(string),
    sqlByTokensOnly: oneOf<UnparsedEngine>(UNPARSED_ENGINES),
    namedTables: arrayOf(string),
    flowSyntax: object<NonNullable<FactsSummary['flowSyntax']>>({ errors: count, line: count, column: count }, {}),
  },
) as (value: unknown) => value is FactsSummary;
