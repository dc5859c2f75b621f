/**
 * `--cache` keeps the project model with the facts (issue 16, the warm one-file path): the model's data
 * (src/model/model-data.ts), each service's dialect decision and what building it said (naming and prefixes
 * learned). A later run whose every file either has the content the cache holds facts of or, changed,
 * declares what that content declared, and whose other inputs are the same, takes the stored model instead
 * of deciding dialects and building it again — as the language server keeps its model across edits that
 * change no declaration (`reviseProject`).
 *
 * "Declares what it declared" is the declaration signature (src/model/declaration-signature.ts: what the
 * builder reads of a file), of the file's facts now and of the facts the cache holds from before, both
 * under the stored model. Nothing is signed when the model is stored: the cache keeps the earlier facts,
 * and the signature needs no text. That holds because the cache saves a stored model only with facts
 * it may be taken over (src/analysis/facts-cache.ts `keepModel`): the run that built it wrote the facts it
 * was built from, and a run that took it compared every file that changed before writing its facts. So the
 * facts the cache holds of a file stand for what the model was built from, and the record keeps no hashes;
 * only a file that could not be read (no facts in the cache) has its signature stored.
 *
 * "The other inputs" are: the key (this build of the tool, the config as written, rule overrides, the
 * services as configured or discovered, the workspace packages, discovery's whole listing, the files read)
 * and every question the run asked the package index's tree (package.json files, lock files, Dockerfiles,
 * a service's build files: src/io/recording-tree.ts), asked again and answered the same. When unsure,
 * the model is built: a wrong "unchanged" would publish stale findings, a wrong "changed" only costs time.
 *
 * The record (what a run checks first) and the data (the bulk) are stored apart in one line, so a run
 * that finds an obstacle before it needs the data never decodes it. Both are checked field by field, as
 * facts entries are: a damaged or forged entry is no stored model, never a failed run.
 */
import { createHash } from 'node:crypto';
import type { FactsCache } from './analysis/facts-cache.js';
import { shapes, type Check } from './analysis/facts-codec.js';
import { factsFields, type FileFacts } from './analysis/facts.js';
import type { NilecareConfig, RuleEntry } from './config/schema.js';

/** One entry of the config's `overrides`. */
type ConfigOverride = NonNullable<NilecareConfig['overrides']>[number];
import { sameAnswers, type RecordedAnswer } from './io/recording-tree.js';
import type { SourceTree } from './io/source-tree.js';
import { codeIdentity } from './io/code-identity.js';
import { declarationSignature, declaredFacts, type SignatureContext } from './model/declaration-signature.js';
import { encodeModelData, modelDataFromJson, MODEL_DATA_VERSION, type ModelData } from './model/model-data.js';
import { serviceDialectShape } from './model/model-data-shape.js';
import type { ProjectModel } from './model/model.js';
import type { ServiceDialect } from './model/service-dialect.js';
import type { ManifestScriptSecret, UnreadManifest } from './model/packages.js';

/** Bump when what a stored model means changes without its data's shape changing (MODEL_DATA_VERSION is the shape). */
const STORED_MODEL_FORMAT = 2;

/** What a run takes from a stored model. */
export interface StoredModel {
  dialects: Map<string, ServiceDialect>;
  modelNotices: string[];
  /** The naming rules learned from the schema (a run without config), as config entries. */
  learnedRules?: Record<string, RuleEntry>;
  /** Each service's learned naming settings that differ from the repository's, as config overrides. */
  learnedOverrides?: ConfigOverride[];
  /**
   * Every file's SQL was analysed in `dialects` when the model was stored, and the facts the cache keeps beside it are
   * those (or of files changed since, analysed in them by a run that took it): a run taking them need not look again.
   */
  settled?: true;
  /** How many files the model was built from (their paths are in the key). */
  files: number;
  /** The files that could not be read (over the size cap, unreadable), with the digest of their signature then. */
  unread: Array<[path: string, signature: string]>;
  /**
   * What the package index had to say when the model was built (src/model/packages.ts): a run taking the
   * stored model reads fewer manifests (no dialect to decide, no env file to follow), so it says what was said.
   */
  packageProblems: string[];
  unreadManifests: UnreadManifest[];
  scriptSecrets: ManifestScriptSecret[];
  /**
   * Whether the package index's tree answers every question the build asked as it did then: asked last (after the
   * files, which need no reading), as a run that cannot take the model for another reason need not ask.
   */
  answersHold(): boolean;
  /** The model's data, decoded on the first ask; undefined when it does not decode. */
  data(): ModelData | undefined;
  /** Lets go of the decoded data (a stored model not taken is not held beside the one built). */
  release(): void;
}

/** A stored model as written: its plain fields, the dialects as entries, and the package reads to ask again. */
interface StoredRecord extends Omit<StoredModel, 'dialects' | 'answersHold' | 'data' | 'release'> {
  version: number;
  dialects: Array<[string, ServiceDialect]>;
  answers: RecordedAnswer[];
}

/** The key a stored model is filed under: everything it depends on that the run knows before reading a file. */
export function storedModelKey(parts: {
  settings: string;
  services: unknown;
  inferred: boolean;
  workspaces: unknown;
  listed: readonly string[];
  paths: readonly string[];
  extra?: unknown;
}): string {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify([
      STORED_MODEL_FORMAT,
      MODEL_DATA_VERSION,
      codeIdentity(import.meta.url),
      parts.settings,
      parts.services,
      parts.inferred,
    ]),
  );
  hash.update('\0');
  hash.update(JSON.stringify([parts.workspaces, parts.extra ?? null]));
  hash.update('\0');
  hash.update(parts.listed.join('\n'));
  hash.update('\0');
  hash.update(parts.paths.join('\n'));
  return hash.digest('hex');
}

/**
 * The model stored under `key`, when its record has the shape a run writes; undefined when none is stored or it
 * cannot be read. Whether `tree` (the package index's tree, unrecorded) answers as it did then, and the data, are
 * asked for later (see storedModelObstacle).
 */
export function readStoredModel(cache: FactsCache, key: string, tree: SourceTree): StoredModel | undefined {
  const text = cache.getModel?.(key);
  if (text === undefined) return undefined;
  let record: unknown;
  try {
    record = JSON.parse(text.record);
  } catch {
    return undefined;
  }
  if (!isPlainRecord(record) || record.version !== STORED_MODEL_FORMAT || !storedRecord(record)) return undefined;
  let dataText: (() => string) | undefined = text.data;
  let data: ModelData | undefined;
  const { answers, version: _version, dialects, ...kept } = record;
  return {
    ...kept,
    dialects: new Map(dialects),
    answersHold: () => sameAnswers(tree, answers),
    data() {
      if (data === undefined && dataText !== undefined) {
        const json = dataText;
        dataText = undefined;
        try {
          data = modelDataFromJson(JSON.parse(json()));
        } catch (error) {
          // Data that does not decode is no stored model: the model is built, as without one.
          if (!(error instanceof SyntaxError || (error instanceof Error && error.message.startsWith('stored model:')))) throw error;
        }
      }
      return data;
    },
    release() {
      dataText = undefined;
      data = undefined;
    },
  };
}

/** A file changed since the cache saw it, to be signed under the stored model (see storedModelObstacle). */
export interface ChangedFile {
  facts: FileFacts;
  /** The facts the cache kept of its earlier content; absent for a file that could not be read. */
  then?: Omit<FileFacts, 'text'>;
  /** For a file that could not be read: the digest of its signature when the model was built. */
  signature?: string;
}

/**
 * The files that changed since the cache saw them, when nothing yet rules the stored model out; else why it is
 * ruled out. Needs no model, and no SQL analysed (a run whose change rules the model out decides dialects at
 * once, as without one): `previous` is what the cache held of a file before this run
 * (src/analysis/facts-cache.ts), `inService` whether a path is in a service. A changed file is compared by what it
 * declares of itself first (a new import, entity or table definition is seen here).
 */
export function changedSinceStored(
  stored: StoredModel,
  files: readonly FileFacts[],
  previous: (path: string) => { hash: string; facts: () => Omit<FileFacts, 'text'> | undefined } | undefined,
  inService: (path: string) => boolean,
): ChangedFile[] | string {
  if (stored.files !== files.length) return 'files were added or removed';
  const unread = new Map(stored.unread);
  const changed: ChangedFile[] = [];
  for (const facts of files) {
    if (facts.unread || facts.hash === '') {
      const signature = unread.get(facts.path);
      if (signature === undefined) return `${facts.path} was not read`;
      changed.push({ facts, signature });
      continue;
    }
    const held = previous(facts.path);
    // Facts the cache saved beside this model were its own or compared with its own (see the module comment).
    if (held?.hash === facts.hash && !unread.has(facts.path)) continue;
    const then = held?.facts();
    if (!then || unread.has(facts.path)) return `${facts.path} changed, and the cache holds no facts of it from before`;
    const service = inService(facts.path);
    if (JSON.stringify(declaredFacts(facts, service)) !== JSON.stringify(declaredFacts(then, service)))
      return `${facts.path} changes what the model is built from`;
    changed.push({ facts, then });
  }
  return changed;
}

/**
 * Why the stored model is not this run's, once its SQL is analysed in the stored dialects; undefined when it is.
 * `changed`: what changedSinceStored found; `context`: the signature's context under the stored model, undefined
 * when its data does not decode. Last, the package files are asked again.
 */
export function storedModelObstacle(
  stored: StoredModel,
  changed: readonly ChangedFile[],
  context: () => SignatureContext | undefined,
): string | undefined {
  if (changed.length > 0) {
    const signing = context();
    if (!signing) return 'the stored model does not decode';
    for (const { facts, then, signature } of changed) {
      const now = declarationSignature(facts, signing);
      if (then ? declarationSignature({ ...factsFields(then), text: '' }, signing) !== now : digest(now) !== signature)
        return `${facts.path} changes what the model is built from`;
    }
  }
  return stored.answersHold() ? undefined : 'a package file it read changed';
}

/** Stores the model just built, with what it was built from. */
export function storeModel(
  cache: FactsCache,
  key: string,
  stored: {
    model: ProjectModel;
    dialects: ReadonlyMap<string, ServiceDialect>;
    modelNotices: readonly string[];
    learnedRules?: Record<string, RuleEntry>;
    learnedOverrides?: ConfigOverride[];
    packageProblems: readonly string[];
    unreadManifests: readonly UnreadManifest[];
    scriptSecrets: readonly ManifestScriptSecret[];
    settled?: true;
  },
  context: { learnsNaming: boolean; inferredServices: boolean; answers: readonly RecordedAnswer[] },
): void {
  const { model } = stored;
  if (!cache.setModel || !model.modelData) return;
  const signatureContext: SignatureContext = {
    model,
    dialects: stored.dialects,
    learnsNaming: context.learnsNaming,
    inferredServices: context.inferredServices,
  };
  const record: StoredRecord = {
    version: STORED_MODEL_FORMAT,
    dialects: [...stored.dialects],
    modelNotices: [...stored.modelNotices],
    ...(stored.learnedRules ? { learnedRules: stored.learnedRules } : {}),
    ...(stored.learnedOverrides ? { learnedOverrides: stored.learnedOverrides } : {}),
    packageProblems: [...stored.packageProblems],
    unreadManifests: [...stored.unreadManifests],
    scriptSecrets: [...stored.scriptSecrets],
    ...(stored.settled ? { settled: true as const } : {}),
    files: model.files.length,
    // Only a file without facts in the cache is signed now (rare: over the size cap, unreadable).
    unread: model.files.flatMap((facts): Array<[string, string]> =>
      facts.unread || facts.hash === '' ? [[facts.path, digest(declarationSignature(facts, signatureContext))]] : [],
    ),
    answers: [...context.answers],
  };
  const data = model.modelData;
  cache.setModel(key, { record: JSON.stringify(record), data: () => encodeModelData(data) });
}

function digest(signature: string): string {
  return createHash('sha1').update(signature).digest('base64url');
}

// --- The record's shape (the data's is src/model/model-data-shape.ts) ---------------------------------------

const { string, count, literal, oneOf, arrayOf, recordOf, object, isPlainObject, secret } = shapes;
const tuple =
  (...items: Check[]): Check =>
  (v) =>
    Array.isArray(v) && v.length === items.length && items.every((check, i) => check(v[i]));
const range = object<UnreadManifest['range']>({ line: count, column: count, endLine: count, endColumn: count }, {});
const severity = oneOf({ off: true, warn: true, error: true });
/** A rule entry as the config schema takes it: a severity, alone or with its options. */
const ruleEntry: Check = (v) => severity(v) || tuple(severity)(v) || tuple(severity, isPlainObject)(v);
const answer: Check = (v) => tuple(literal('read'), string, count, string, string)(v) || tuple(literal('entry'), string, string)(v);
const storedRecord = object<StoredRecord>(
  {
    version: count,
    dialects: arrayOf(tuple(string, serviceDialectShape)),
    modelNotices: arrayOf(string),
    files: count,
    unread: arrayOf(tuple(string, string)),
    packageProblems: arrayOf(string),
    unreadManifests: arrayOf(object<UnreadManifest>({ file: string, range, detail: string, notice: string }, {})),
    scriptSecrets: arrayOf(object<ManifestScriptSecret>({ script: string, key: string, secret, range, file: string }, { scheme: string })),
    answers: arrayOf(answer),
  },
  {
    settled: literal(true),
    learnedRules: recordOf(ruleEntry),
    learnedOverrides: arrayOf(object<ConfigOverride>({ files: arrayOf(string), rules: recordOf(ruleEntry) }, {})),
  },
) as (value: unknown) => value is StoredRecord;

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value);
}
