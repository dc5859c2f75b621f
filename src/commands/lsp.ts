import path from 'node:path';
import type { Argv, CommandModule, Options } from 'yargs';
import type { CommandHooks } from './io.js';

/** The options of `nilecare-lint lsp` (besides the global `--cwd`, the folder served when the client names none). */
export const lspOptions = {
  stdio: { type: 'boolean', describe: 'Talk the protocol over stdin/stdout (the default and only transport; clients pass it)' },
  config: {
    alias: 'c',
    type: 'string',
    describe: 'Config file (default: the nearest nilecare-lint.config.json); a client setting overrides it',
  },
  // vscode-languageclient passes the editor's process id; the server library watches it and exits with the editor.
  clientProcessId: { type: 'string', hidden: true },
} satisfies Record<string, Options>;

/** `nilecare-lint lsp`, for yargs. The server and its protocol library load only when this command runs. */
export function lspCommand(hooks: CommandHooks): CommandModule {
  return {
    command: 'lsp',
    describe: 'Run the Language Server (stdio) for editors: diagnostics as you type, code actions',
    builder: (y: Argv) => hooks.declare(y, lspOptions),
    handler: (args) => {
      const cwd = typeof args.cwd === 'string' ? args.cwd : '.';
      const config = typeof args.config === 'string' ? path.resolve(cwd, args.config) : undefined;
      hooks.selected(async () => {
        const { startLanguageServer } = await import('./lsp-server.js');
        startLanguageServer({ cwd, config, input: process.stdin, output: process.stdout });
        // The protocol's `exit` notification (or the client closing stdin) ends the process.
        return new Promise<number>(() => {});
      });
    },
  };
}
