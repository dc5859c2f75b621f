/**
 * stdout and stderr of the CLI process, with their write errors caught instead of thrown.
 * `nilecare-lint | head` closes the pipe early (EPIPE): the reader's choice, so the run ends
 * quietly with the exit code it earned. stdout on a full disk (ENOSPC) loses the report: the
 * CLI says so in one line and exits 2. Either way, no stack trace and no write after the first
 * failure.
 */
export interface StreamFailure {
  stream: 'stdout' | 'stderr';
  code: string;
}

export interface ProcessStreams {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Waits until everything written so far is handed to the operating system; the first stdout failure, if any. */
  settle: () => Promise<StreamFailure | undefined>;
}

export function processStreams(): ProcessStreams {
  const failures: Partial<Record<StreamFailure['stream'], StreamFailure>> = {};
  let pending = 0;
  let settled: (() => void) | undefined;
  const finished = () => {
    pending--;
    if (pending === 0) settled?.();
  };
  const guard = (name: StreamFailure['stream'], stream: NodeJS.WriteStream) => {
    const fail = (error: NodeJS.ErrnoException) => {
      failures[name] ??= { stream: name, code: error.code ?? 'EIO' };
    };
    // Without a listener, a write error is an uncaught exception.
    stream.on('error', fail);
    return (text: string) => {
      if (failures[name] || stream.destroyed) return;
      pending++;
      try {
        // The callback runs once the chunk is handed over, or with the error that stopped it.
        stream.write(text, (error) => {
          if (error) fail(error);
          finished();
        });
      } catch (error) {
        fail(error as NodeJS.ErrnoException);
        finished();
      }
    };
  };
  const stdout = guard('stdout', process.stdout);
  const stderr = guard('stderr', process.stderr);
  return {
    stdout,
    stderr,
    settle: async () => {
      if (pending > 0) await new Promise<void>((resolve) => (settled = resolve));
      // An error event can trail the callback by a tick.
      await new Promise((resolve) => setImmediate(resolve));
      return failures.stdout;
    },
  };
}
