/**
 * TypeScript / JavaScript fact extractor.
 *
 * Parses with the bare TypeScript parser (`createSourceFile`: no Program, no type
 * checker), walks the AST once, and returns plain facts — embedded SQL with a map
 * back to the file, ORM table references, env defaults and reads, connection
 * configuration, connection strings, imports and comments. The AST is dropped
 * when this returns.
 */
import ts from 'typescript';
import type { CommentFact, ScriptFacts } from '../../facts.js';
import { ScriptExtractor } from './extract.js';
import { STRONG_SQL_CALLEES } from './sql-detect.js';

export interface ScriptExtractOptions {
  /** Extra callee names whose string argument is SQL (project wrappers, e.g. 'run', 'dbService.run'). Matched against the last property name or the full dotted text. */
  sqlCallees?: string[];
}

export { sqlOffsetToFile, sqlSpanToFile } from './segments.js';
export { HOLE_PREFIX, holePlaceholder } from './placeholder.js';

export function scriptKindFor(path: string): ts.ScriptKind {
  const lower = path.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (lower.endsWith('.js') || lower.endsWith('.mjs') || lower.endsWith('.cjs')) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function emptyFacts(): ScriptFacts {
  return {
    embeddedSql: [],
    ormRefs: [],
    ormEntities: [],
    ormEntityUses: [],
    envDefaults: [],
    envReads: [],
    configProperties: [],
    connectionStrings: [],
    imports: [],
    syntaxProblems: [],
  };
}

/** Extracts every fact of one script. Never throws: unexpected failures become `syntaxProblems`. */
export function extractScript(path: string, text: string, options: ScriptExtractOptions = {}): { script: ScriptFacts; comments: CommentFact[] } {
  let extractor: ScriptExtractor | undefined;
  try {
    const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, /* setParentNodes */ true, scriptKindFor(path));
    extractor = new ScriptExtractor(sf, text, options);
    extractor.run();
    return { script: extractor.facts, comments: extractor.comments };
  } catch (error) {
    const script = extractor?.facts ?? emptyFacts();
    script.syntaxProblems.push({ message: `internal extractor error: ${(error as Error)?.message ?? String(error)}`, fileSpan: { start: 0, end: 0 } });
    return { script, comments: extractor?.comments ?? [] };
  }
}

// ---------------------------------------------------------------------------
// Prefilter
// ---------------------------------------------------------------------------

/**
 * Every extraction path needs one of these in the text:
 * - SQL: a literal that starts (after whitespace / parens / a SQL comment) with a
 *   statement keyword, a SQL tag before a backtick, or a strong SQL callee call
 *   (which may take a template starting with a hole);
 * - env: `process.env` / `import.meta.env` / validation-library defaults / convict `env:`;
 * - configuration keys, `new Sequelize(`, connection URLs, `sslmode=`;
 * - ORM entry points (decorators, builders, Prisma / Drizzle / Sequelize calls);
 * - imports of another package path: any import / require / export-from whose
 *   specifier is not `./`-relative (bare packages, `../`, absolute paths).
 * The lists below are derived from the extractor's own tables; a test checks the
 * prefilter never rejects a text with facts.
 */
const SQL_START =
  /[`'"](?:\s|\\[nrtfv]|\\\r?\n)*(?:\((?:\s|\\[nrtfv])*)*(?:--|\/\*|#\s|(?:select|insert|update|delete|with|create|alter|drop|truncate|replace|show|set|begin|start|commit|rollback|savepoint|release|call|explain|describe|desc|use|lock|unlock|grant|revoke|pragma|merge|values|copy|vacuum|analyze|refresh|listen|notify|unlisten|do|declare|rename|optimize|load|upsert|comment|reindex|cluster|discard|reset|prepare|deallocate|checkpoint|handler|flush|kill|table)\b)/i;
const SQL_TAG = /\b(?:sql|SQL|raw|\$queryRaw\w*|\$executeRaw\w*)\s*(?:\.\s*\w+\s*(?:\([^)]*\))?\s*)?`/;
const STRONG_CALL = new RegExp(String.raw`(?:^|[^\w$])(?:${[...STRONG_SQL_CALLEES].map((c) => c.replace(/\$/g, '\\$')).join('|')})\s*(?:<[^>]*>\s*)?\(`);
const ENV =
  /process\s*(?:\.\s*env|\[\s*['"`]env)|\{\s*env\s*(?::\s*[\w$]+\s*)?\}\s*=\s*process\b|import\s*\.\s*meta\s*\.\s*env|cleanEnv|devDefault|\.\s*default\s*\(|\benv\s*:|\b(?:str|num|bool|port|host|url|email|json|makeValidator)\s*\(\s*\{/;
const CONFIG =
  /\b(?:password|pass|passwd|pwd|user|username|host|port|database|db|dbName|schema|connectionString|url|uri|ssl|sslmode|rejectUnauthorized|secret|jwtSecret|apiKey|token|privateKey|dialect|client|type)\b\s*['"]?\s*[:,}]|['"](?:password|pass|passwd|pwd|user|username|host|port|database|db|dbName|schema|connectionString|url|uri|ssl|sslmode|rejectUnauthorized|secret|jwtSecret|apiKey|token|privateKey|dialect|client|type)['"]\s*\]?\s*:|\bSequelize\b/;
const URL_LIKE = /(?:mysql2?|postgres(?:ql)?|mongodb(?:\+srv)?|rediss?|amqps?):\/\/|sslmode=/i;
const ORM =
  /@\s*(?:Entity|Table|InjectRepository|ManyToOne|OneToOne|ManyToMany|ForeignKey|BelongsTo)\b|\b(?:knex|db|trx|tx|pgTable|mysqlTable|sqliteTable|singlestoreTable|getRepository|getCustomRepository|getTreeRepository)\s*(?:<[^>]*>\s*)?\(|\.\s*(?:from|into|table|join|innerJoin|leftJoin|leftOuterJoin|rightJoin|rightOuterJoin|fullJoin|fullOuterJoin|outerJoin|crossJoin|innerJoinAndSelect|leftJoinAndSelect|innerJoinAndMapOne|innerJoinAndMapMany|leftJoinAndMapOne|leftJoinAndMapMany|createTable|createTableIfNotExists|createTableLike|alterTable|dropTable|dropTableIfExists|renameTable|insert|update|delete|getRepository|getTreeRepository|getMongoRepository|getCustomRepository|createQueryBuilder|define|init|knex|db|trx|tx|findMany|findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|count|aggregate|groupBy|create|createMany|createManyAndReturn|upsert|updateMany|updateManyAndReturn|deleteMany|find|findOne|findOneBy|findOneOrFail|findOneByOrFail|findBy|findAndCount|findAndCountBy|findByIds|countBy|exist|exists|existsBy|sum|average|minimum|maximum|query|save|increment|decrement|softDelete|softRemove|restore|recover|remove|clear|preload)\s*(?:<[^>]*>\s*)?\(/;
/** An import / require / export-from whose specifier does not start with `./`. */
const FOREIGN_IMPORT = /(?:\bfrom|\bimport|\brequire\s*\(|\bimport\s*\()\s*['"`](?!\.\/)[^'"`\s]/;

/** Conservative: false only when the text cannot yield any fact. */
export function scriptMayHaveFacts(text: string, options: ScriptExtractOptions = {}): boolean {
  if (SQL_START.test(text) || SQL_TAG.test(text) || STRONG_CALL.test(text)) return true;
  if (ENV.test(text) || CONFIG.test(text) || URL_LIKE.test(text) || ORM.test(text)) return true;
  if (FOREIGN_IMPORT.test(text)) return true;
  for (const callee of options.sqlCallees ?? []) {
    const name = callee.split('.').pop()!.trim();
    if (name && text.includes(name)) return true;
  }
  return false;
}
