/**
 * A cheap text test run before parsing: false only when no extraction path of
 * the extractor could produce a fact. Each condition mirrors one path, so the
 * two must change together (a test runs the extractor over fixtures and
 * snippets and checks the prefilter never rejects a text that has facts).
 *
 * Deliberately out of scope: `./`-relative imports (they cannot leave the
 * package), comments.
 */
import type { ScriptExtractOptions } from './index.js';
import { STRONG_SQL_CALLEES } from './sql-detect.js';
import { CONNECTION_KEYS, JOIN_METHODS } from './vocabulary.js';

const alternatives = (words: readonly string[]): string => words.map((w) => w.replace(/\$/g, '\\$')).join('|');
/** Whitespace or an escape inside a literal before the first SQL word. */
const LEAD = String.raw`[\`'"](?:\s|\\[nrtfv]|\\\r?\n)*(?:\((?:\s|\\[nrtfv])*)*`;

/** Keywords of the strict statement shape; the extractor requires all-lower or all-upper case and a following word. */
const STRICT_KEYWORDS = ['select', 'insert', 'update', 'delete', 'with', 'create', 'alter', 'drop', 'truncate', 'replace'];
/** Weak callees (`db.run`, `db.exec`) also take an upper-case statement keyword. */
const UPPER_KEYWORDS = [
  'SHOW',
  'SET',
  'BEGIN',
  'START',
  'COMMIT',
  'ROLLBACK',
  'SAVEPOINT',
  'RELEASE',
  'CALL',
  'EXPLAIN',
  'DESCRIBE',
  'DESC',
  'USE',
  'LOCK',
  'UNLOCK',
  'GRANT',
  'REVOKE',
  'PRAGMA',
  'MERGE',
  'VALUES',
  'COPY',
  'VACUUM',
  'ANALYZE',
  'REFRESH',
  'LISTEN',
  'NOTIFY',
  'UNLISTEN',
  'DO',
  'DECLARE',
  'RENAME',
  'OPTIMIZE',
  'LOAD',
  'UPSERT',
  'COMMENT',
  'REINDEX',
  'CLUSTER',
  'DISCARD',
  'RESET',
  'PREPARE',
  'DEALLOCATE',
  'CHECKPOINT',
  'HANDLER',
  'FLUSH',
  'KILL',
  'TABLE',
];
const SQL_START = new RegExp(
  `${LEAD}(?:--|/\\*|#\\s|(?:${alternatives(STRICT_KEYWORDS)}|${alternatives(STRICT_KEYWORDS.map((k) => k.toUpperCase()))})(?:\\s|\\\\[nrt])|(?:${alternatives(UPPER_KEYWORDS)})\\b)`,
);
// No two `\s*` side by side (they would trade spaces), and the call's arguments are bounded: `[^)]*` from every
// `sql.x(` of a file that never closes one would rescan the rest of the file from each.
const SQL_TAG = /\b(?:sql|SQL|raw|\$queryRaw\w*|\$executeRaw\w*)\s*(?:\.\s*\w+\s*(?:\([^)]{0,400}\)\s*)?)?`/;
const STRONG_CALL = new RegExp(String.raw`(?:^|[^\w$])(?:${alternatives([...STRONG_SQL_CALLEES])})\s*(?:<[^>]*>\s*)?\(`);

const ENV =
  /process\s*\??\.\s*env|process\s*\[\s*['"`]env|\{\s*env\s*(?::\s*[\w$]+\s*)?\}\s*=\s*process\b|import\s*\.\s*meta\s*\.\s*env|cleanEnv|devDefault|\.\s*default\s*\(|\benv\s*:|\b(?:str|num|bool|port|host|url|email|json|makeValidator)\s*\(\s*\{|\b[Ee]nv\s*\.\s*get\s*\(|@nestjs\/config/;

// `key` / `cert` / `ca` count only inside an `ssl` / `tls` object literal, whose key is a connection key.
const CONFIG = new RegExp(
  [
    // `key: value`, shorthand `{ key }` / `{ key, …}`, quoted keys
    String.raw`\b(?:${alternatives(CONNECTION_KEYS)})\b\s*['"]?\s*[:,}]`,
    String.raw`['"](?:${alternatives(CONNECTION_KEYS)})['"]\s*\]?\s*:`,
    // driver keys count only next to connection keys (matched above) or with a string value
    String.raw`\b(?:type|client|dialect)['"]?\s*:\s*['"\`]`,
    String.raw`\bSequelize\b`,
    // pg's `options: '-c search_path=…'` (any other `options` is no connection setting)
    String.raw`search_path`,
  ].join('|'),
);
/** `jwt.sign(payload, 'secret')` / `JWT.verify(token, 'secret')`; `sign` imported from 'jsonwebtoken' matches FOREIGN_IMPORT. */
// `jwt.sign(…)`, or any file importing jsonwebtoken (its sign / verify may be imported under any name)
const JWT_CALL = /\b(?:jwt|jsonwebtoken)\s*\??\.\s*(?:sign|verify)\s*\(|['"`]jsonwebtoken['"`]/i;
/** AWS CDK's `SecretValue.unsafePlainText('…')` / `SecretValue.plainText('…')`: a secret written into the app (config.ts). */
const CDK_PLAIN_SECRET = /\bSecretValue\s*\??\.\s*(?:unsafePlainText|plainText)\s*\(/;
const URL_LIKE = /(?:mysql2?|postgres(?:ql)?|mongodb(?:\+srv)?|rediss?|amqps?):\/\/|sslmode=/i;

const CALL = String.raw`\s*\??\.?\s*(?:<[^>]*>\s*)?\(`;
const PRISMA_METHODS = [
  'findMany',
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'count',
  'aggregate',
  'groupBy',
  'create',
  'createMany',
  'createManyAndReturn',
  'upsert',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'delete',
  'deleteMany',
];
const MANAGER_METHODS = [
  'find',
  'findOne',
  'findOneBy',
  'findOneOrFail',
  'findOneByOrFail',
  'findBy',
  'findAndCount',
  'findAndCountBy',
  'findByIds',
  'count',
  'countBy',
  'exist',
  'exists',
  'existsBy',
  'sum',
  'average',
  'minimum',
  'maximum',
  'query',
  'save',
  'insert',
  'upsert',
  'create',
  'update',
  'increment',
  'decrement',
  'softDelete',
  'softRemove',
  'restore',
  'recover',
  'delete',
  'remove',
  'clear',
  'createQueryBuilder',
  'getRepository',
  'getTreeRepository',
  'preload',
];
const BUILDER_METHODS = [
  ...JOIN_METHODS,
  'createTable',
  'createTableIfNotExists',
  'createTableLike',
  'alterTable',
  'dropTable',
  'dropTableIfExists',
  'renameTable',
  // node-pg-migrate's MigrationBuilder (pgm.addColumns('t', { user_id: { references: 'users' } }))
  'addColumns',
  'addColumn',
  'alterColumn',
  'addConstraint',
  'createConstraint',
  'createView',
  'createViewOrReplace',
  'createMaterializedView',
  'dropView',
  'dropViewIfExists',
  'dropMaterializedView',
  'renameView',
  // Kysely
  'selectFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'getRepository',
  'getTreeRepository',
  'getMongoRepository',
  'getCustomRepository',
  'createQueryBuilder',
];
/** db-migrate's own names for a migration's changes (node-pg-migrate.ts), and its raw SQL. */
const DB_MIGRATE_METHODS = [
  'removeColumn',
  'changeColumn',
  'renameColumn',
  'addIndex',
  'removeIndex',
  'addForeignKey',
  'removeForeignKey',
  'runSql',
];
const MODEL_STATIC_METHODS = [
  'findAll',
  'findOne',
  'findByPk',
  'findAndCountAll',
  'findOrCreate',
  'find',
  'findBy',
  'findOneBy',
  'findAndCount',
  'count',
  'create',
  'bulkCreate',
  'upsert',
  'insert',
  'save',
  'update',
  'increment',
  'decrement',
  'destroy',
  'delete',
  'remove',
  'softDelete',
  // Objection
  'query',
  'relatedQuery',
  // Lucid
  'findOrFail',
  'findByOrFail',
  'findMany',
  'findManyBy',
  'first',
  'firstOrFail',
  'all',
  'createMany',
  'createQuietly',
  'createManyQuietly',
  'firstOrCreate',
  'fetchOrCreateMany',
  'updateOrCreate',
  'updateOrCreateMany',
  'truncate',
  // Bookshelf
  'forge',
  'where',
  'fetchAll',
  'fetchPage',
  'collection',
];
const NOT_BUILDERS = 'Array|Buffer|Object|Promise|Set|Map|String|Date|Readable|Observable|Uint8Array|console|path|posix|win32';
const ORM = new RegExp(
  [
    String.raw`@\s*(?:Entity|ViewEntity|EntityRepository|Table|InjectRepository|InjectModel|ManyToOne|OneToOne|ManyToMany|ForeignKey|BelongsTo)\b`,
    String.raw`\bnew\s+(?:EntitySchema|Kysely)\b`,
    // the same decorators in compiled code (orm/compiled-decorators.ts): tsc's / esbuild's / swc's helper, Babel's `_dec = …`
    String.raw`\b(?:__decorate|__decorateClass|_ts_decorate)\b|\b_dec\d*\s*=`,
    // TypeORM QueryRunner / Sequelize QueryInterface schema calls in migrations
    String.raw`(?:[Qq]ueryRunner|[Qq]ueryInterface|\bqr|\bqi)\s*\??\.\s*[\w$]+${CALL}`,
    String.raw`\b(?:knex|db|trx|tx|pgTable|mysqlTable|sqliteTable|singlestoreTable|getRepository|getCustomRepository|getTreeRepository)${CALL}`,
    String.raw`(?<!\b(?:${NOT_BUILDERS})\s*)\.\s*(?:from|into|table)${CALL}`,
    String.raw`\.\s*join\s*\(\s*(?:['"\`][\w.$ ]+['"\`]|[\w$.]+)\s*,`,
    String.raw`\.\s*(?:${alternatives(BUILDER_METHODS)})${CALL}`,
    // a project's migration helpers called bare (orm/schema-helpers.ts): Ghost's addTable('suppressions', {…}), n8n's createTable('agents')
    String.raw`\b(?:addTable|createTable|dropTable)\s*\(`,
    // db-migrate's bound calls: `async.series([db.createTable.bind(db, 'projects', {…}), db.runSql.bind(db, 'INSERT …')])`
    String.raw`\.\s*(?:${alternatives([...BUILDER_METHODS, ...DB_MIGRATE_METHODS])})\s*\.\s*bind\s*\(`,
    String.raw`\.\s*(?:insert|update|delete)\s*\(\s*[A-Za-z_$][\w$]*\s*\)`,
    // a receiver *containing* prisma (`this.prismaService`) matches from the substring on
    String.raw`(?:(?:prisma|Prisma|PRISMA)[\w$]*|\b(?:db|tx|trx|client|database))\s*\??\.\s*[\w$]+\s*\??\.\s*(?:${alternatives(PRISMA_METHODS)})${CALL}`,
    // a client under a name of the file's choosing: `import { prisma as driversDb }`, `{ prisma: driversDb } = require(…)`, `= new PrismaClient()`
    String.raw`\b(?:prisma|Prisma|PRISMA)[\w$]*\s*(?:\bas\b|:)\s*[\w$]+\s*[,}]|\bnew\s+PrismaClient\b`,
    String.raw`(?:[Mm]anager|\bem)\s*\??\.\s*(?:${alternatives(MANAGER_METHODS)})${CALL}`,
    String.raw`\.\s*define${CALL}`,
    // Drizzle relational queries (db.query.labResults.findMany) and model statics (Invoice.findAll, Patient.find)
    String.raw`\.\s*query\s*\??\.\s*[\w$]+\s*\??\.\s*(?:findMany|findFirst)${CALL}`,
    String.raw`\b[A-Z][\w$]*\s*\??\.\s*(?:${alternatives(MODEL_STATIC_METHODS)})${CALL}`,
    String.raw`\b(?:tableName|sequelize|BaseModel)\b`,
    // a model's relations: Lucid's `order.related('lines')`, Objection's `person.$relatedQuery('pets')`
    String.raw`\.\s*(?:related|\$relatedQuery)${CALL}`,
    // Lucid models: `extends BaseModel`, or an app base class with Lucid's `@column` decorators
    String.raw`@adonisjs/lucid/orm|@ioc:Adonis/Lucid/Orm`,
    // pg-promise's generated writes: pgp.helpers.insert(rows, cs)
    String.raw`\bhelpers\s*\??\.\s*(?:insert|update)${CALL}`,
    // entities registered with a connection: `entities: [Order]`, `TypeOrmModule.forFeature([Order])`
    String.raw`\bentities\s*:|\bforFeature${CALL}`,
    // Bookshelf: an instance's query (`new Listing({ id }).fetch()`), the registry's model (`bookshelf.model('Listing')`)
    String.raw`\bnew\s+[A-Z][\w$]*\s*\([^)]{0,400}\)\s*\.\s*(?:fetch|fetchAll|fetchPage|save|destroy|load|count)${CALL}`,
    String.raw`\.\s*model\s*\(\s*['"\x60][A-Z]`,
    // NocoBase (orm/nocobase.ts): a plugin's collections, also compiled (`(0, import_database.defineCollection)({…})`), and
    // the app database's accessors and run-time collections (`this.db.collection({ name })`)
    String.raw`\bdefineCollection\s*\)?${CALL}|\b(?:getCollection|getModel)${CALL}|\.\s*collection\s*\(\s*\{`,
    // Zapatos' shortcuts (`db.select('users', …)`) are calls of the functions of its module
    String.raw`['"\x60]zapatos/db['"\x60]`,
    // query builders' SQL fragments (embedded-sql.ts): knex's `…Raw` methods, a subquery inside any string
    String.raw`\.\s*(?:whereRaw|orWhereRaw|andWhereRaw|havingRaw|orHavingRaw|orderByRaw|groupByRaw|joinRaw|fromRaw)${CALL}`,
    String.raw`\((?:\s|\\[nrtfv])*(?:select|SELECT|with|WITH)\s`,
  ].join('|'),
);

/** An import / require / export-from whose specifier does not start with `./`. */
const FOREIGN_IMPORT = /(?:\bfrom|\bimport|\brequire\s*\(|\bimport\s*\()\s*['"`](?!\.\/)[^'"`\s]/;

/**
 * A re-export, or an export under another name (`export * from './a'`, `export { A as B }`), or a
 * CommonJS one (`module.exports = require('./a')`, `exports.a = require('./a')`): what a barrel says
 * about where an entity, or a function a service imports, is declared. Plain `export { a, b }` lists are not it.
 * The list is read up to its closing brace or the next `export`: `[^}]*` ran every unclosed
 * `export {` to the end of the text, so n of them were n scans of it (50,000 characters: 170 ms,
 * quadratic). Only a comment inside a list could say `export`, and then the list is not read past it.
 */
const REEXPORT =
  /\bexport\s+(?:type\s+)?(?:\*|\{(?:[^}e]|e(?!xport\s))*(?:\}\s*from\b|\bas\b))|\bexports\s*(?:\.\s*[\w$]+\s*)?=\s*require\b/;

/**
 * An export of a string constant or of an object or enum of them (exported-strings.ts): `export
 * const TABLES = {`, `export const ORDERS = 'orders'`, `export enum Tables`, `export default {`, a local
 * constant exported by name (`export { TABLES }`, `export default TABLES;`), CommonJS's
 * `module.exports = {` / `exports.X = '…'`. Each alternative starts at a keyword and reads a bounded stretch.
 */
const EXPORTED_STRING = new RegExp(
  [
    // an enum only when its name says it holds table names: string enums of statuses are everywhere
    String.raw`\bexport\s+(?:declare\s+)?(?:const\s+)?enum\s+[\w$]*(?:[Tt]able|TABLE)`,
    String.raw`\bexport\s+(?:const|let|var)\s+[\w$]+\s*(?::[^=;\n]{0,200})?=\s*(?:Object\s*\.\s*freeze\s*\(\s*)?[{'"\x60]`,
    String.raw`\bexport\s+default\s+(?:Object\s*\.\s*freeze\s*\(\s*)?[{'"\x60]`,
    String.raw`\bexport\s+default\s+[\w$]+[ \t]*(?:;|\r?\n|$)`,
    String.raw`\bexport\s*\{[^}]{0,400}\}(?!\s*from\b)`,
    String.raw`\bexport\s*=\s*\{`,
    String.raw`\bmodule\s*\.\s*exports\s*=\s*(?:Object\s*\.\s*freeze\s*\(\s*)?\{`,
    String.raw`\bexports\s*\.\s*[\w$]+\s*=\s*['"\x60{]`,
  ].join('|'),
);

/** dotenv's `config({ path })` / `configDotenv({ … })` (dotenv-loads.ts); one `\s*` on each side of the parenthesis. */
const DOTENV_CONFIG = /\bconfig(?:Dotenv)?\s*\(\s*\{/;

/** A template path with a variable folder (folder-templates.ts): `` `migrations/${group}/*.js` ``, `` `./drizzle/${dialect}` ``. */
const FOLDER_TEMPLATE = /\/\$\{[\w$.\s]{1,80}\}(?:\/|`)/;

/**
 * A migration runner's options (migration-runners.ts): `migrations: {` / `migrations: [`, umzug's `storageOptions: {`,
 * `new SequelizeStorage(`.
 */
const MIGRATION_RUNNER = /\b(?:migrations|storageOptions)['"]?\s*:\s*[{[]|\bnew\s+(?:[\w$]+\s*\.\s*)?SequelizeStorage\b/;

/** Cheapest and most often true first: a text stops at its first match. */
export const CHECKS: Array<[string, RegExp]> = [
  ['import', FOREIGN_IMPORT],
  ['sql-start', SQL_START],
  ['config', CONFIG],
  ['jwt', JWT_CALL],
  ['cdk-secret', CDK_PLAIN_SECRET],
  ['url', URL_LIKE],
  ['sql-tag', SQL_TAG],
  ['strong-call', STRONG_CALL],
  ['env', ENV],
  ['orm', ORM],
  ['reexport', REEXPORT],
  ['exported-string', EXPORTED_STRING],
  ['dotenv', DOTENV_CONFIG],
  ['folder-template', FOLDER_TEMPLATE],
  ['migration-runner', MIGRATION_RUNNER],
];

/** Which prefilter conditions a text meets (for measuring the prefilter). */
export function prefilterReasons(text: string): string[] {
  return CHECKS.filter(([, re]) => re.test(text)).map(([name]) => name);
}

/** Cheap prefilter: false only when the text cannot contain anything the extractor looks for. */
export function scriptMayHaveFacts(text: string, options: ScriptExtractOptions = {}): boolean {
  for (const [, re] of CHECKS) if (re.test(text)) return true;
  return callsSqlWrapper(text, options);
}

/** A call of one of the project's own SQL wrappers (`sqlCallees`). */
function callsSqlWrapper(text: string, options: ScriptExtractOptions): boolean {
  for (const callee of options.sqlCallees ?? []) {
    const name = callee.split('.').pop()!.trim();
    if (name && new RegExp(String.raw`(?:^|[^\w$])${name.replace(/[$.*+?^()[\]{}|\\]/g, '\\$&')}\s*(?:<[^>]*>\s*)?\(`).test(text))
      return true;
  }
  return false;
}

/**
 * Every check but `import` in one expression: on a text that matches none of them (the usual
 * case here) one scan costs about two thirds of one scan per check. Case-insensitive checks
 * stay apart.
 */
const ANY_BUT_IMPORT = new RegExp(
  CHECKS.filter(([name, re]) => name !== 'import' && !re.flags.includes('i'))
    .map(([, re]) => `(?:${re.source})`)
    .join('|'),
);
const CASE_INSENSITIVE_CHECKS = CHECKS.filter(([, re]) => re.flags.includes('i')).map(([, re]) => re);

/**
 * True when imports are the only facts the text can hold: every other check fails and no
 * suppression directive is present. Most service files are like that (routes, controllers,
 * utilities), and their imports can be read by TypeScript's scanner without a full parse.
 */
export function onlyImportsPossible(text: string, options: ScriptExtractOptions = {}): boolean {
  if (!FOREIGN_IMPORT.test(text) && !/\bimport\b|\brequire\s*\(/.test(text)) return false;
  // A PM2 ecosystem file's `apps: [{ env: { … } }]` (src/analysis/typescript/pm2.ts).
  if (/\bapps\s*:/.test(text)) return false;
  if (ANY_BUT_IMPORT.test(text) || CASE_INSENSITIVE_CHECKS.some((re) => re.test(text))) return false;
  return !callsSqlWrapper(text, options) && !text.includes('nilecare-lint');
}
