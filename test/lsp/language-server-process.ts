/**
 * The shipped bin's language server (`nilecare-lint lsp --stdio`) as a child process, spoken to
 * over its stdio as an editor does: start-up and shut-down for the tests that need the process
 * (test/e2e/lsp-server.test.ts, test/e2e/lsp-workspace-folders.test.ts) and for bench/lsp-latency.ts.
 * What each waits for and how it answers the server's requests stays with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeParams,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/nilecare-lint.js');

export interface ServerProcessOptions {
  /** Arguments after `lsp --stdio` (`--cwd <folder>`). */
  args?: string[];
  /** The server's working directory (default: this process's). */
  cwd?: string;
  /** `inherit`: the server's stderr goes to ours (a bench shows it); default: kept for stderr(). */
  stderr?: 'pipe' | 'inherit';
}

export interface LanguageServerProcess {
  child: ChildProcess;
  /** Not yet listening: register handlers for what the server sends, then initialize(). */
  connection: ProtocolConnection;
  /** What the server wrote to stderr so far ('' when it was inherited). */
  stderr(): string;
  /** Listens, then `initialize` (with this process as the client's) and `initialized`. */
  initialize(params: Omit<InitializeParams, 'processId'>): Promise<void>;
  /** `shutdown` then `exit`; resolves with the server's exit code. */
  shutdown(): Promise<number | null>;
}

export function startLanguageServerProcess(options: ServerProcessOptions = {}): LanguageServerProcess {
  const child = spawn(process.execPath, [bin, 'lsp', '--stdio', ...(options.args ?? [])], {
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', options.stderr ?? 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const { stdin, stdout } = child;
  if (!stdin || !stdout) throw new Error('the language server was started without stdio pipes');
  const connection = createProtocolConnection(new StreamMessageReader(stdout), new StreamMessageWriter(stdin));
  return {
    child,
    connection,
    stderr: () => stderr,
    async initialize(params) {
      connection.listen();
      await connection.sendRequest(InitializeRequest.type, { processId: process.pid, ...params });
      await connection.sendNotification(InitializedNotification.type, {});
    },
    async shutdown() {
      const exited = new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) resolve(child.exitCode);
        else child.once('exit', (code) => resolve(code));
      });
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      return exited;
    },
  };
}
