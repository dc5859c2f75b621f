import type { UnsupportedSqlSummary } from '../model/unsupported-sql.js';
import type { FlowSyntaxSummary } from '../model/flow-syntax.js';
import type { z } from 'zod';
import type {
  ConfigProperty,
  Dialect,
  EnvDefault,
  EnvFileEntry,
  EnvWrite,
  FileFacts,
  ImportFact,
  K8sEntry,
  K8sManifest,
  Range,
  SqlIndexDef,
  SqlSecret,
  SqlStatement,
  SqlTableDef,
  Span,
  StringLiteralFact,
  YamlSetting,
} from '../analysis/facts.js';
import type { ProjectModel, Service } from '../model/model.js';
import type { ResolvedForeignKey, ResolvedReference, ResolvedRoutineCall, TableRefSource } from '../model/accesses.js';
import type { Fix, FixKind, FixSource } from './fix.js';

export type { DeferredFix, FileChange, Fix, FixKind, FixSource, TextEdit } from './fix.js';

export type Severity = 'error' | 'warn';
export type SeveritySetting = Severity | 'off';

export type RuleCategory = 'architecture' | 'naming' | 'security' | 'migrations' | 'correctness';

export interface RuleExample {
  /** Repo-relative path; decides the owning service in the example project. */
  filename: string;
  code: string;
  /** The rule's options for this example, when it shows an option rather than the defaults. */
  options?: Record<string, unknown>;
}

export interface RuleMeta<MessageIds extends string, Options> {
  /** Same as the file name under rules/ and the registry key. */
  id: string;
  category: RuleCategory;
  /** Imperative, no trailing period: "Disallow queries on tables owned by another service". */
  description: string;
  /** Why the rule exists, a sentence or two. */
  rationale: string;
  defaultSeverity: SeveritySetting;
  /** One sentence each, names in single quotes, `{{placeholders}}` for data, ending in a period. */
  messages: Record<MessageIds, string>;
  /**
   * Security rules (category 'security') only: how grave a finding is, from 0.1 to 10.0 as GitHub
   * code scanning reads SARIF's `security-severity` (9.0 and above critical, 7.0 high, 4.0 medium).
   */
  securitySeverity?: number;
  /** Options schema; every key must carry `.describe()`. */
  options?: z.ZodType<Options>;
  /**
   * What kind of change the rule's fixes make, for `--fix-type` (ESLint's `meta.type`); 'problem'
   * when absent. Suggestions are never filtered: `--fix` does not apply them.
   */
  fixType?: FixKind;
  /** Checked by tests: each invalid example yields exactly one diagnostic, each valid one none. */
  examples?: { valid: RuleExample[]; invalid: RuleExample[] };
}

/**
 * Where a finding is, as a rule states it: a range (events carry ranges), a span of the file's
 * text (facts carry spans), a fact that knows its own span (a node: a problem, an env write, a
 * password inside a URL), or the file as a whole (shown at its first line). The runner turns
 * each into a range, so rules never read the line table themselves.
 */
export type ReportTarget = ReportFile &
  (
    | { range: Range; span?: never; node?: never; wholeFile?: never }
    | { span: Span; range?: never; node?: never; wholeFile?: never }
    | { node: { fileSpan: Span }; range?: never; span?: never; wholeFile?: never }
    | { wholeFile: true; range?: never; span?: never; node?: never }
  );

interface ReportFile {
  /** Repo-relative posix path. Defaults to the file of the current event. */
  file?: string;
}

export interface RelatedLocation {
  file: string;
  range: Range;
  /** Plain description, e.g. "'billing' sets its database here". Never contains secret values. */
  message: string;
}

/** A related location as a rule states it: any report target in a named file. */
export type RelatedTarget = ReportTarget & { file: string; message: string };

export interface ReportDescriptor<MessageIds extends string> {
  messageId: MessageIds;
  data?: Record<string, string | number>;
  at: ReportTarget;
  /** What to do about it. */
  help?: string;
  /** Overrides the configured severity (e.g. secrets are errors, host defaults warnings). */
  severity?: Severity;
  related?: RelatedTarget[];
  /**
   * Text that identifies the finding independently of its line (e.g. the normalised
   * statement); used by baseline fingerprints. Must not contain secret values.
   */
  fingerprintText?: string;
  /** A safe change that resolves the finding; `--fix` applies it. Plain text edits, cheap to build. */
  fix?: Fix;
  /** Changes that resolve it but change behaviour or add files: offered, never applied by `--fix`. */
  suggest?: FixSource[];
}

export interface Diagnostic {
  ruleId: string;
  messageId: string;
  message: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  help?: string;
  data?: Record<string, string | number>;
  related?: RelatedLocation[];
  /** Stable identity across line moves: rule + file + normalised text + occurrence. */
  fingerprint: string;
  /** Set when an inline directive or the baseline suppresses it. */
  suppressed?: { kind: 'inSource' | 'baseline'; justification?: string };
  /** A safe change `--fix` applies. */
  fix?: Fix;
  /** Changes offered, never applied by `--fix`; present when the run asked for suggestions (`lint({ suggestions: true })`). */
  suggestions?: Fix[];
}

// ---------------------------------------------------------------------------
// Events a rule can listen to. Each event carries its file and owning service.
// ---------------------------------------------------------------------------

export interface EventBase {
  file: FileFacts;
  /** The service whose root contains the file, if any. */
  service?: Service;
}

export type { TableRefSource };

/** A table reference, resolved by the model (src/model/accesses.ts): its owner, its accessor, the ORM definition it goes through. */
export interface TableReferenceEvent extends EventBase, ResolvedReference {}

export interface StatementEvent extends EventBase {
  statement: SqlStatement;
  range: Range;
  embedded: boolean;
  /** An expression built with an SQL tag (Drizzle's sql`now()`, `sql<number>`count(*)``), not a statement. */
  fragment: boolean;
  /** Embedded SQL holding `${}` holes the extractor could not resolve to text: often not parseable on its own. */
  unresolvedHoles: boolean;
  dialect: Dialect;
  /** Maps a span of the statement's SQL text to a file range. */
  locate(span: { start: number; end: number }): Range;
}

export interface ForeignKeyEvent extends EventBase, ResolvedForeignKey {
  statement: SqlStatement;
  locate(span: { start: number; end: number }): Range;
}

export interface TableDefinitionEvent extends EventBase {
  table: SqlTableDef;
  statement: SqlStatement;
  embedded: boolean;
  locate(span: { start: number; end: number }): Range;
}

/**
 * A table an ORM declares in code rather than SQL: a schema API creating or renaming it (knex
 * `schema.createTable`, TypeORM `queryRunner.createTable`, Sequelize `queryInterface.renameTable`)
 * or an entity / model / table object mapping a symbol to it (`@Entity('t')`, a Prisma model,
 * `pgTable('t', …)`). SQL DDL comes as `tableDefinition` instead.
 */
export interface TableDeclarationEvent extends EventBase {
  /** The declared table: for a rename, its new name. */
  table: { name: string; qualifier?: string };
  kind: 'create' | 'rename' | 'entity';
  /** A rename's old name. */
  renamedFrom?: { name: string; qualifier?: string };
  /** knex, typeorm, sequelize, prisma, drizzle, mikro-orm */
  library: string;
  /** The table name as written, or the class / model name when the name is the ORM's default for it. */
  range: Range;
  /** A view entity (TypeORM `@ViewEntity`). */
  view?: true;
}

/** A call of a stored routine (`CALL sp_x(…)`) in SQL, with the routine's owner as the calling service sees it. */
export interface RoutineCallEvent extends EventBase, ResolvedRoutineCall {
  statement: SqlStatement;
}

export interface IndexDefinitionEvent extends EventBase {
  index: SqlIndexDef;
  statement: SqlStatement;
  locate(span: { start: number; end: number }): Range;
}

export interface EnvDefaultEvent extends EventBase {
  envDefault: EnvDefault;
  range: Range;
}

export interface ConfigPropertyEvent extends EventBase {
  property: ConfigProperty;
  keyRange: Range;
  valueRange: Range;
}

export interface ConnectionStringEvent extends EventBase {
  literal: StringLiteralFact;
  range: Range;
}

export interface ImportEvent extends EventBase {
  importFact: ImportFact;
  range: Range;
}

/** A `KEY=value` line of a dotenv file (`.env`, `.env.production`, `.env.example`: which ones matter is the rule's choice). */
export interface EnvEntryEvent extends EventBase {
  entry: EnvFileEntry;
  /** The entry is a Dockerfile's `ENV` (the image's environment), not a dotenv line. */
  dockerfile?: true;
  keyRange: Range;
  valueRange: Range;
}

/** An `environment:` entry (map or list form) of a docker-compose service. */
export interface ComposeEntryEvent extends EventBase {
  /** The compose service's name (not a service of the model). */
  composeService: string;
  entry: EnvFileEntry;
  keyRange: Range;
  valueRange: Range;
}

/** A `data` / `stringData` entry of a Kubernetes ConfigMap or Secret, or a literal `env` value of a workload's container. */
export interface ManifestEntryEvent extends EventBase {
  manifest: K8sManifest;
  entry: K8sEntry;
  keyRange: Range;
  valueRange: Range;
}

/** A setting of application YAML configuration (node-config, Spring, Helm values) holding a connection URL with a password. */
export interface YamlSettingEvent extends EventBase {
  setting: YamlSetting;
  keyRange: Range;
  valueRange: Range;
}

/**
 * A setting of an ORM's connection file (TypeORM `ormconfig.json` / `.yml`, the Sequelize CLI's
 * `config/config.json`): where a connection goes, and its password.
 */
export interface OrmConfigEntryEvent extends EventBase {
  /** `typeorm` or `sequelize`. */
  library: string;
  /** The connection's name (a Sequelize environment, a TypeORM connection's `name` or YAML key), when it has one. */
  connection?: string;
  entry: EnvFileEntry;
  keyRange: Range;
  valueRange: Range;
}

/** A password SQL writes into a user or role (`CREATE USER … IDENTIFIED BY '…'`), in a `.sql` file or in SQL embedded in code; the range is the literal's in the file. */
export interface SqlSecretEvent extends EventBase {
  sqlSecret: SqlSecret;
  range: Range;
}

/** An assignment to the environment in code (`process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'`); the range is the value's. */
export interface EnvWriteEvent extends EventBase {
  write: EnvWrite;
  range: Range;
}

export interface RuleListener {
  file?(event: EventBase): void;
  sqlStatement?(event: StatementEvent): void;
  tableReference?(event: TableReferenceEvent): void;
  routineCall?(event: RoutineCallEvent): void;
  tableDefinition?(event: TableDefinitionEvent): void;
  tableDeclaration?(event: TableDeclarationEvent): void;
  foreignKey?(event: ForeignKeyEvent): void;
  indexDefinition?(event: IndexDefinitionEvent): void;
  envDefault?(event: EnvDefaultEvent): void;
  configProperty?(event: ConfigPropertyEvent): void;
  connectionString?(event: ConnectionStringEvent): void;
  import?(event: ImportEvent): void;
  envEntry?(event: EnvEntryEvent): void;
  composeEntry?(event: ComposeEntryEvent): void;
  manifestEntry?(event: ManifestEntryEvent): void;
  yamlSetting?(event: YamlSettingEvent): void;
  ormConfigEntry?(event: OrmConfigEntryEvent): void;
  sqlSecret?(event: SqlSecretEvent): void;
  envWrite?(event: EnvWriteEvent): void;
  /** Called once after every file, for rules that compare services. */
  project?(): void;
}

export interface RuleContext<MessageIds extends string, Options> {
  readonly id: string;
  readonly options: Options;
  readonly project: ProjectModel;
  report(descriptor: ReportDescriptor<MessageIds>): void;
}

export interface Rule<MessageIds extends string = string, Options = unknown> {
  meta: RuleMeta<MessageIds, Options>;
  create(context: RuleContext<MessageIds, Options>): RuleListener;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<string, any>;

/** The outcome of one run: every diagnostic, sorted, plus run-level notes. */
export interface LintResult {
  diagnostics: Diagnostic[];
  /** Files linted (after ignores, shard and changed-files selection). */
  filesLinted: number;
  /** Their paths (relative to `cwd`), when known: JUnit lists each as a test case, passed or not. */
  lintedFiles?: string[];
  /** Files skipped by default ignores (dist/, build/, …) and .gitignore. */
  filesSkipped: number;
  /** Non-fatal notes for the user: inferred config, skipped files, parser fallbacks. */
  notices: string[];
  /** Problems with the run itself the user must see: config paths that match nothing, named files that are not linted. */
  warnings?: string[];
  /** Rules that ran, with their effective severity. */
  rules: Array<{ rule: AnyRule; severity: Severity }>;
  /** The project root (absolute): diagnostics' paths are relative to it. */
  cwd: string;
  /** The repository root (absolute; the git root, else the project root): reporters print paths relative to it. */
  repositoryRoot?: string;
  /** Valid SQL statements of the linted files the parsers could not read (counted, not reported). */
  unsupportedSql?: UnsupportedSqlSummary;
  /** Flow-typed files of the linted files whose Flow syntax TypeScript's parser could not read (counted, not reported). */
  flowSyntax?: FlowSyntaxSummary;
  /**
   * What the run had nothing to check, and why: no services for the cross-service rules, no changed
   * or staged file, an empty shard, every rule off. A run with any is never shown as a clean pass.
   */
  unchecked?: UncheckedPart[];
}

/** A part of the checking a run could not do (see `LintResult.unchecked`). */
export interface UncheckedPart {
  kind: 'no-services' | 'no-files' | 'empty-shard' | 'no-rules';
  message: string;
}
