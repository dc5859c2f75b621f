/**
 * The main thread's half of a CLI run in a worker thread (bin/nilecare-lint.js; the worker's half is
 * src/commands/thread-io.ts). Why a worker: its heap can be given a small young generation, which node's own
 * process cannot be given once it runs (`--max-semi-space-size` only works on the command line). The
 * lint's live heap is small but it allocates fast: at V8's default the new space grows to 32 MiB, which
 * is most of the gap between a full lint's peak RSS and the parse floor's (BENCHMARKS.md, twelfth
 * session). With an 8 MiB young generation, V8 scavenges more often, at no measurable CPU cost.
 *
 * The main thread keeps the process: it writes what the worker writes, in order, through processStreams;
 * reads stdin when the run asks; answers whether stdout is a terminal; sets the exit code the run
 * returned. SIGINT, SIGTERM and SIGHUP reach only this thread: it stops the worker (and with it the
 * worker's own SQL worker), removes the temporary files write-file-atomic had not yet renamed, and ends
 * the process by the same signal, as the signal's default would. A worker that cannot start (no
 * worker_threads, an error before the worker runs) returns undefined: the caller runs the CLI in this
 * thread, as before. An error after that is ours: one line on stderr, exit 2.
 *
 * Kept small: the main thread loads this module and nothing of the CLI.
 */
import type * as WorkerThreads from 'node:worker_threads';
import type { MessagePort, Worker as WorkerType } from 'node:worker_threads';
import { processStreams } from '../io/process-streams.js';
import { readStdin, StdinTooLargeError } from '../io/read-stdin.js';
import { removeTemporaries } from '../io/write-file-atomic.js';
import type { ThreadError, ThreadReply, ThreadRequest, ThreadStart } from './thread-io.js';

/** Set to any value to run the CLI in the main thread (measurements, a suspected worker problem). */
export const NO_WORKER_ENV = 'NILECARE_LINT_NO_WORKER';
/** The worker's young generation, MiB: 8 gave the lowest peak RSS on the realistic profile at no CPU cost. */
export const YOUNG_GENERATION_MB = 8;
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const EXIT_USAGE = 2;

/**
 * Runs `entry` (the bin itself) in a worker with `argv`, the worker data under `nilecareLint`;
 * the run's exit code, or undefined when no worker could run it (run it here instead).
 */
export async function runCliInThread(entry: URL, argv: string[]): Promise<number | undefined> {
  if (process.env[NO_WORKER_ENV] !== undefined) return undefined;
  let threads: typeof WorkerThreads;
  try {
    threads = await import('node:worker_threads');
  } catch {
    return undefined;
  }
  const { port1: temporaries, port2: workerTemporaries } = new threads.MessageChannel();
  const start: ThreadStart = { argv, isTTY: Boolean(process.stdout.isTTY), temporaries: workerTemporaries };
  let worker: WorkerType;
  try {
    worker = new threads.Worker(entry, {
      workerData: { nilecareLint: start },
      transferList: [workerTemporaries],
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      // The worker reads stdin through this thread (ThreadRequest 'stdin').
      stdin: false,
    });
  } catch {
    temporaries.close();
    return undefined;
  }
  return await new Promise<number | undefined>((resolve) => {
    const streams = processStreams();
    let ready = false;
    let code: number | undefined;
    let failure: Error | undefined;
    let stopping: NodeJS.Signals | undefined;
    const reply = (message: ThreadReply, transfer: ArrayBuffer[] = []) => {
      try {
        worker.postMessage(message, transfer);
      } catch {
        // The worker has ended meanwhile: nobody waits for the answer.
      }
    };
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = signal;
      for (const each of SIGNALS) process.off(each, onSignal);
      void worker.terminate().finally(() => {
        removeTemporaries(liveTemporaries(threads.receiveMessageOnPort, temporaries));
        temporaries.close();
        // Ended as the signal asks: with our handlers gone, its default action ends the process.
        process.kill(process.pid, signal);
      });
    };
    for (const signal of SIGNALS) process.on(signal, onSignal);
    worker.on('message', (message: ThreadRequest) => {
      switch (message.type) {
        case 'ready':
          ready = true;
          break;
        case 'stdout':
          streams.stdout(message.text);
          break;
        case 'stderr':
          streams.stderr(message.text);
          break;
        case 'settle':
          void streams
            .settle()
            .then((stdoutFailure) =>
              reply({ type: 'settled', id: message.id, ...(stdoutFailure ? { failure: { code: stdoutFailure.code } } : {}) }),
            );
          break;
        case 'stdin':
          readStdin(process.stdin, message.maxBytes).then(
            (bytes) => {
              const copy = new Uint8Array(bytes);
              reply({ type: 'stdin', id: message.id, bytes: copy }, [copy.buffer]);
            },
            (error: unknown) => reply({ type: 'stdin', id: message.id, error: crossingError(error) }),
          );
          break;
        case 'done':
          code = message.code;
          break;
      }
    });
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', () => {
      if (stopping) return; // the signal ends the process
      for (const each of SIGNALS) process.off(each, onSignal);
      temporaries.close();
      if (!ready) {
        // Nothing of the run happened: run it in this thread instead.
        resolve(undefined);
        return;
      }
      if (code === undefined) {
        const reason = failure ? (failure.stack ?? String(failure)) : 'the worker thread ended without an exit code';
        streams.stderr(`nilecare-lint: internal error: ${reason}\n`);
        void streams.settle().then(() => resolve(EXIT_USAGE));
        return;
      }
      resolve(code);
    });
  });
}

/** The temporary files announced as created and not yet gone. */
function liveTemporaries(receive: (port: MessagePort) => { message: unknown } | undefined, port: MessagePort): Set<string> {
  const live = new Set<string>();
  for (let received = receive(port); received; received = receive(port)) {
    const { event, file } = received.message as { event: 'created' | 'gone'; file: string };
    if (event === 'created') live.add(file);
    else live.delete(file);
  }
  return live;
}

function crossingError(error: unknown): ThreadError {
  if (error instanceof StdinTooLargeError) return { name: 'StdinTooLargeError', message: error.message, maxBytes: error.maxBytes };
  const { name, message, code } = error as NodeJS.ErrnoException;
  return { name: name ?? 'Error', message: message ?? String(error), ...(typeof code === 'string' ? { code } : {}) };
}
