/**
 * The CLI's streams when it runs in a worker thread (bin/nilecare-lint.js starts lint, map and init runs
 * there; src/commands/cli-thread.ts is the main thread's half): everything that touches the process goes to the
 * main thread as a message, in the order written, and the main thread does it on the process's own streams.
 *
 * - stdout and stderr: one message per write, so their interleaving is the one the run wrote; the main
 *   thread writes them through processStreams (a closed pipe or a full disk is caught there).
 * - settle: asks the main thread to wait for its streams, and answers with its stdout failure, if any, so
 *   that runCli decides on EPIPE and ENOSPC exactly as in one thread.
 * - stdin: read by the main thread (a worker has no stdin of its own) when the run asks for it, refused
 *   above the same limit with the same error.
 * - whether stdout is a terminal: the main thread's answer, taken when it started the worker (colours).
 * - temporary files of write-file-atomic: each is announced on `temporaries` before it is created and
 *   when it is gone, so the main thread, which alone receives SIGINT/SIGTERM/SIGHUP, can remove the ones
 *   left once it has stopped the worker.
 */
import type { MessagePort } from 'node:worker_threads';
import type { CliIo } from './io.js';
import { StdinTooLargeError } from '../io/read-stdin.js';
import { watchTemporaries } from '../io/write-file-atomic.js';

/** What the main thread gives the worker (workerData.nilecareLint). */
export interface ThreadStart {
  argv: string[];
  isTTY: boolean;
  /** Receives `{ event: 'created' | 'gone', file }` for each temporary file. */
  temporaries: MessagePort;
}

/** Worker → main thread. */
export type ThreadRequest =
  | { type: 'ready' }
  | { type: 'stdout' | 'stderr'; text: string }
  | { type: 'settle'; id: number }
  | { type: 'stdin'; id: number; maxBytes: number }
  | { type: 'done'; code: number };

/** An error thrown while reading stdin, as it crosses threads. */
export interface ThreadError {
  name: string;
  message: string;
  code?: string;
  maxBytes?: number;
}

/** Main thread → worker: the answer to a request of the same id. */
export type ThreadReply =
  { type: 'settled'; id: number; failure?: { code: string } } | { type: 'stdin'; id: number; bytes?: Uint8Array; error?: ThreadError };

export function threadIo(port: MessagePort, start: ThreadStart): CliIo {
  watchTemporaries((event, file) => start.temporaries.postMessage({ event, file }));
  const pending = new Map<number, (reply: ThreadReply) => void>();
  let nextId = 0;
  port.on('message', (reply: ThreadReply) => {
    const answer = pending.get(reply.id);
    if (!answer) return;
    pending.delete(reply.id);
    // Waiting for an answer keeps the worker alive; nothing else should.
    if (pending.size === 0) port.unref();
    answer(reply);
  });
  port.unref();
  const ask = (request: { type: 'settle' } | { type: 'stdin'; maxBytes: number }) =>
    new Promise<ThreadReply>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      port.ref();
      port.postMessage({ ...request, id } satisfies ThreadRequest);
    });
  return {
    stdout: (text) => port.postMessage({ type: 'stdout', text } satisfies ThreadRequest),
    stderr: (text) => port.postMessage({ type: 'stderr', text } satisfies ThreadRequest),
    settle: async () => {
      const reply = await ask({ type: 'settle' });
      return reply.type === 'settled' ? reply.failure : undefined;
    },
    stdin: async (maxBytes) => {
      const reply = await ask({ type: 'stdin', maxBytes });
      if (reply.type !== 'stdin') throw new Error('stdin: the main thread answered another request');
      if (reply.error) throw threadError(reply.error);
      return Buffer.from(reply.bytes ?? new Uint8Array());
    },
    isTTY: start.isTTY,
    env: process.env,
  };
}

/** The error the main thread met reading stdin, as the same class where the CLI tells them apart. */
function threadError(error: ThreadError): Error {
  if (error.name === 'StdinTooLargeError' && error.maxBytes !== undefined) return new StdinTooLargeError(error.maxBytes);
  const rebuilt = new Error(error.message) as NodeJS.ErrnoException;
  rebuilt.name = error.name;
  if (error.code !== undefined) rebuilt.code = error.code;
  return rebuilt;
}
