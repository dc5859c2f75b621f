/**
 * When a run analyses SQL on a worker thread (sql-analyser.ts). Apart from it so that the pipeline
 * can ask without loading the SQL analysis, which a run with no SQL to read never needs.
 */
import { availableParallelism } from 'node:os';

/** Below this many files to analyse, starting a worker costs more than it saves. */
export const SQL_WORKER_MIN_FILES = 300;
/**
 * On 2 cores the worker measured no faster and cost more CPU and memory: the second core is
 * already busy with V8's background compilation and garbage collection (four helper threads, a
 * third of the process's CPU on the realistic profile), so it needs cores to spare. Measured
 * twice: with the worker after the TypeScript pass (a quarter more CPU) and sending SQL ahead
 * during it (the realistic profile at 600 files, load ~21: +0.1–0.4 s CPU, +40 MiB, wall within
 * the noise): see BENCHMARKS.md.
 */
export const SQL_WORKER_MIN_CORES = 4;

/**
 * Whether a run analysing `files` files should use a worker: enough work and a spare core. The cores are asked only
 * when there is enough work: a small run (a rule-tester case, an editor's one-file lint) asks twice per run.
 */
export function wantsSqlWorker(files: number, cores?: number): boolean {
  return files >= SQL_WORKER_MIN_FILES && (cores ?? availableParallelism()) >= SQL_WORKER_MIN_CORES;
}
