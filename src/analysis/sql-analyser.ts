/**
 * Where SQL gets analysed: inline, or on a worker thread while the main thread parses
 * TypeScript (`startSqlPrefetch`: texts are sent during the TypeScript pass, in a guessed
 * dialect). SQL analysis (node-sql-parser above all) is about half of a cold run on SQL-heavy
 * code and independent of the TypeScript work, so with a core to spare (sql-worker-policy.ts)
 * it overlaps instead of adding.
 *
 * Both give identical analyses; the worker falls back to inline analysis if it cannot start
 * or dies, so a worker problem costs speed, never findings.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Dialect, SqlAnalysis } from './facts.js';
import { analyseLoadingParsers } from './sql/analyse-loading.js';
import { analyzeSql } from './sql/index.js';
import type { SqlReply, SqlRequest } from './sql/worker.js';

export type SqlDone = (analysis: SqlAnalysis) => void;

export interface SqlAnalyser {
  /** Calls `done` with the analysis of `text`, now or by the time `settle()` resolves. */
  analyze(text: string, dialect: Dialect, done: SqlDone): void;
  /** Resolves when every `done` has been called, with how many texts each side analysed; the analyser is finished afterwards. */
  settle(): Promise<SqlAnalyserStats>;
}

export interface SqlAnalyserStats {
  /** Distinct texts analysed by the worker. */
  worker: number;
  /** Texts analysed on the calling thread (all of them inline, or after a worker failure). */
  inline: number;
  /** Texts sent ahead in a dialect their file was not read in after all (`startSqlPrefetch`): the worker's time lost. */
  unused?: number;
}

/** Analyses on the calling thread, immediately. */
export function inlineSqlAnalyser(): SqlAnalyser {
  let inline = 0;
  return {
    analyze: (text, dialect, done) => {
      inline++;
      done(analyzeSql(text, dialect));
    },
    settle: () => Promise.resolve({ worker: 0, inline }),
  };
}

/**
 * Analyses on the calling thread when settled, loading only the parsers the texts need:
 * libpg-query when some text is PostgreSQL or some MySQL statement holds PostgreSQL syntax
 * (its analysis asks the other parser), node-sql-parser on the first MySQL statement.
 * The analyses are the ones `inlineSqlAnalyser` gives with every parser loaded.
 */
export function deferredSqlAnalyser(): SqlAnalyser {
  const queue: Array<{ text: string; dialect: Dialect; done: SqlDone; analysis?: SqlAnalysis }> = [];
  return {
    analyze: (text, dialect, done) => void queue.push({ text, dialect, done }),
    async settle() {
      await analyseLoadingParsers(queue);
      for (const { done, analysis } of queue) done(analysis!);
      return { worker: 0, inline: queue.length };
    },
  };
}

export { SQL_WORKER_MIN_CORES, SQL_WORKER_MIN_FILES, wantsSqlWorker } from './sql-worker-policy.js';

/** Requests are posted in batches: one message per text would cost more than small statements. */
const BATCH_TEXTS = 32;
const BATCH_CHARS = 64 * 1024;

/** Texts longer than this are not deduplicated (the inline cache does not keep them either). */
const DEDUPE_MAX_TEXT = 256 * 1024;

/**
 * Starts a worker that analyses SQL in the background. Identical texts in the same dialect
 * are sent once. `settle()` terminates the worker.
 */
export function startSqlWorker(spawn: () => Worker | undefined = spawnWorker): SqlAnalyser {
  const waiting = new Map<number, { text: string; dialect: Dialect; done: SqlDone[] }>();
  const byKey = new Map<string, { id: number; analysis?: SqlAnalysis }>();
  let batch: SqlRequest[] = [];
  let batchChars = 0;
  let nextId = 0;
  let failed = false;
  const stats: SqlAnalyserStats = { worker: 0, inline: 0 };
  let onIdle: (() => void) | undefined;

  const worker = spawn();
  const fallBack = () => {
    if (failed) return;
    failed = true;
    onIdle?.();
  };
  if (!worker) failed = true;
  worker?.on('message', (replies: SqlReply[]) => {
    for (const { id, analysis } of replies) {
      const entry = waiting.get(id);
      if (!entry) continue;
      waiting.delete(id);
      stats.worker++;
      const known = byKey.get(keyOf(entry.text, entry.dialect));
      if (known) known.analysis = analysis;
      for (const done of entry.done) done(analysis);
    }
    if (waiting.size === 0) onIdle?.();
  });
  worker?.on('error', fallBack);
  worker?.on('exit', fallBack);

  const flush = () => {
    if (batch.length === 0) return;
    if (!failed) worker!.postMessage(batch);
    batch = [];
    batchChars = 0;
  };

  return {
    analyze(text, dialect, done) {
      if (failed) {
        stats.inline++;
        return done(analyzeSql(text, dialect));
      }
      const key = text.length <= DEDUPE_MAX_TEXT ? keyOf(text, dialect) : undefined;
      const known = key === undefined ? undefined : byKey.get(key);
      if (known?.analysis) return done(known.analysis);
      if (known) return waiting.get(known.id)!.done.push(done);
      const id = nextId++;
      waiting.set(id, { text, dialect, done: [done] });
      if (key !== undefined) byKey.set(key, { id });
      batch.push({ id, text, dialect });
      batchChars += text.length;
      if (batch.length >= BATCH_TEXTS || batchChars >= BATCH_CHARS) flush();
    },
    async settle() {
      flush();
      if (!failed && waiting.size > 0) await new Promise<void>((resolve) => (onIdle = resolve));
      if (waiting.size > 0) {
        // The worker failed: analyse what it did not answer here, in request order.
        const left = [...waiting]
          .sort(([a], [b]) => a - b)
          .map(([id, entry]) => ({ id, ...entry, analysis: undefined as SqlAnalysis | undefined }));
        await analyseLoadingParsers(left);
        for (const { id, done, analysis } of left) {
          waiting.delete(id);
          stats.inline++;
          for (const d of done) d(analysis!);
        }
      }
      await worker?.terminate();
      return stats;
    },
  };
}

/**
 * SQL analysed ahead of need on a worker thread, while the calling thread still extracts the
 * other facts of the files (TypeScript above all). The dialect a text is read in is decided only
 * once every file is extracted (drivers, ORM options, the syntax of the service's SQL), so texts
 * are sent in a guessed dialect (`prefetch`); `analyser()` then takes the worker's answer for each
 * (text, dialect) the decision asks for that was sent, and analyses the others on the calling
 * thread while the worker finishes. An analysis is a function of the text and the dialect alone
 * (`analyzeSql`, loading the parsers the text needs), so a wrong guess costs the worker's time,
 * never a finding: the run's analyses are the ones inline analysis gives.
 */
export interface SqlPrefetch {
  /** Sends `text` to the worker to be analysed in `dialect` (once per text and dialect). */
  prefetch(text: string, dialect: Dialect): void;
  /** The analyser of the decided dialects; call once. Its `settle()` ends the worker, as `close()` does. */
  analyser(): SqlAnalyser;
  /** Ends the worker when no analyser was asked for (a run whose files hold no SQL after all). */
  close(): Promise<void>;
}

export function startSqlPrefetch(spawn: () => Worker | undefined = spawnWorker): SqlPrefetch {
  const worker = startSqlWorker(spawn);
  const ahead = new Map<string, { analysis?: SqlAnalysis; waiting: SqlDone[]; used: boolean }>();
  let closing: Promise<SqlAnalyserStats> | undefined;
  const finish = () => (closing ??= worker.settle());
  return {
    prefetch(text, dialect) {
      if (closing || text.length > DEDUPE_MAX_TEXT) return;
      const key = keyOf(text, dialect);
      if (ahead.has(key)) return;
      const entry: { analysis?: SqlAnalysis; waiting: SqlDone[]; used: boolean } = { waiting: [], used: false };
      ahead.set(key, entry);
      worker.analyze(text, dialect, (analysis) => {
        entry.analysis = analysis;
        for (const done of entry.waiting.splice(0)) done(analysis);
      });
    },
    analyser() {
      const inline = deferredSqlAnalyser();
      return {
        analyze(text, dialect, done) {
          const entry = closing || text.length > DEDUPE_MAX_TEXT ? undefined : ahead.get(keyOf(text, dialect));
          if (!entry) return inline.analyze(text, dialect, done);
          entry.used = true;
          if (entry.analysis) done(entry.analysis);
          else entry.waiting.push(done);
        },
        async settle() {
          // The worker gets its last batch first, then this thread analyses what was not sent while it answers.
          const there = finish();
          const here = await inline.settle();
          const { worker: answered, inline: fellBack } = await there;
          let unused = 0;
          for (const entry of ahead.values()) if (!entry.used) unused++;
          return { worker: answered, inline: here.inline + fellBack, unused };
        },
      };
    },
    close: async () => void (await finish()),
  };
}

function keyOf(text: string, dialect: Dialect): string {
  return `${dialect}\u0000${text}`;
}

/**
 * The worker runs the compiled `worker.js` beside this module; from TypeScript sources (tests,
 * the benchmark) it registers tsx first, which a worker does not inherit. Undefined when it
 * cannot start.
 */
function spawnWorker(): Worker | undefined {
  try {
    // No inherited node flags: the worker needs none, and some (`--input-type` of `node -e`) stop it starting.
    if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./sql/worker.js', import.meta.url), { execArgv: [] });
    // The ESM build of tsx's API: its CommonJS build cannot register hooks from a worker.
    const tsx = pathToFileURL(
      createRequire(import.meta.url)
        .resolve('tsx/esm/api')
        .replace(/\.cjs$/, '.mjs'),
    ).href;
    const entry = new URL('./sql/worker.ts', import.meta.url).href;
    return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`, {
      eval: true,
    });
  } catch {
    return undefined;
  }
}
