// nilecare-lint for VS Code: starts `nilecare-lint lsp` from the workspace's own install
// (node_modules/.bin), so the editor runs exactly the version, rules and config the
// repository's CI runs. Plain CommonJS: no build step between this file and the package.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** @type {Map<string, LanguageClient>} one server per workspace folder, each modelling its own repository */
const clients = new Map();
let output;

/** The server binary for a folder: the `nilecare-lint.path` setting, else the folder's node_modules/.bin. */
function serverBinary(folder) {
  const configured = vscode.workspace.getConfiguration('nilecare-lint', folder.uri).get('path');
  const name = process.platform === 'win32' ? 'nilecare-lint.cmd' : 'nilecare-lint';
  const candidate = configured ? path.resolve(folder.uri.fsPath, configured) : path.join(folder.uri.fsPath, 'node_modules', '.bin', name);
  return fs.existsSync(candidate) ? candidate : undefined;
}

function settingsOf(folder) {
  const settings = vscode.workspace.getConfiguration('nilecare-lint', folder.uri);
  return { config: settings.get('config') || undefined, rules: settings.get('rules') || {}, debounceMs: settings.get('debounceMs') };
}

async function startClient(folder) {
  if (folder.uri.scheme !== 'file' || clients.has(folder.uri.toString())) return;
  const binary = serverBinary(folder);
  if (!binary) {
    output.appendLine(`${folder.name}: no node_modules/.bin/nilecare-lint (run npm install, or set nilecare-lint.path); not started`);
    return;
  }
  const run = {
    command: binary,
    args: ['lsp', '--cwd', folder.uri.fsPath],
    transport: TransportKind.stdio,
    // npm's .cmd shims need a shell on Windows (Node refuses to spawn them directly).
    options: { cwd: folder.uri.fsPath, shell: process.platform === 'win32' },
  };
  const client = new LanguageClient(
    'nilecare-lint',
    `nilecare-lint (${folder.name})`,
    { run, debug: run },
    {
      // Every file of the folder: the server decides which kinds it reads (TS/JS, SQL, .env, compose, Kubernetes, Prisma).
      documentSelector: [{ scheme: 'file', pattern: new vscode.RelativePattern(folder, '**/*') }],
      workspaceFolder: folder,
      initializationOptions: settingsOf(folder),
      synchronize: { configurationSection: 'nilecare-lint' },
      outputChannel: output,
    },
  );
  clients.set(folder.uri.toString(), client);
  await client.start();
}

async function stopClient(folder) {
  const client = clients.get(folder.uri.toString());
  clients.delete(folder.uri.toString());
  if (client) await client.stop();
}

async function activate(context) {
  output = vscode.window.createOutputChannel('nilecare-lint');
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.workspace.onDidChangeWorkspaceFolders(async (event) => {
      await Promise.all(event.removed.map(stopClient));
      await Promise.all(event.added.map(startClient));
    }),
    vscode.commands.registerCommand('nilecare-lint.restart', async () => {
      const folders = vscode.workspace.workspaceFolders ?? [];
      await Promise.all(folders.map(stopClient));
      await Promise.all(folders.map(startClient));
    }),
  );
  await Promise.all((vscode.workspace.workspaceFolders ?? []).map(startClient));
}

async function deactivate() {
  await Promise.all([...clients.values()].map((client) => client.stop()));
  clients.clear();
}

module.exports = { activate, deactivate };
