/**
 * editors/vscode/extension.js without VS Code: `vscode` and `vscode-languageclient/node` are
 * stand-ins that record what the extension asks for. It must start `nilecare-lint lsp` from the
 * workspace folder's node_modules/.bin, over stdio, one client per folder, with the settings as
 * initializationOptions; and start nothing (saying why) where the folder has no install.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Module from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../built-cli.js';
import { tempDir } from '../temp-dirs.js';

interface Started {
  id: string;
  server: { run: { command: string; args: string[]; transport: number; options: { cwd: string } } };
  client: { initializationOptions: unknown; workspaceFolder: { name: string } };
}

const moduleWithLoad = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
const originalLoad = moduleWithLoad._load;
afterEach(() => {
  moduleWithLoad._load = originalLoad;
});

function loadExtension(settings: Record<string, unknown>) {
  const started: Started[] = [];
  const lines: string[] = [];
  const vscode = {
    workspace: {
      workspaceFolders: [] as Array<{ uri: { scheme: string; fsPath: string; toString(): string }; name: string }>,
      getConfiguration: () => ({ get: (key: string) => settings[key] }),
      onDidChangeWorkspaceFolders: () => ({ dispose() {} }),
    },
    window: { createOutputChannel: () => ({ appendLine: (line: string) => lines.push(line), dispose() {} }) },
    commands: { registerCommand: () => ({ dispose() {} }) },
    RelativePattern: class {
      constructor(
        readonly base: unknown,
        readonly pattern: string,
      ) {}
    },
  };
  class LanguageClient {
    constructor(id: string, _name: string, server: Started['server'], client: Started['client']) {
      started.push({ id, server, client });
    }
    start() {
      return Promise.resolve();
    }
    stop() {
      return Promise.resolve();
    }
  }
  moduleWithLoad._load = function (request, parent, isMain) {
    if (request === 'vscode') return vscode;
    if (request === 'vscode-languageclient/node') return { LanguageClient, TransportKind: { stdio: 0 } };
    return originalLoad.call(this, request, parent, isMain);
  };
  const require = createRequire(path.join(repoRoot, 'editors/vscode/package.json'));
  const file = require.resolve('./extension.js');
  delete require.cache[file];
  const extension = require(file) as { activate(context: { subscriptions: unknown[] }): Promise<void>; deactivate(): Promise<void> };
  return { extension, vscode, started, lines };
}

const folderOf = (fsPath: string, name: string) => ({ uri: { scheme: 'file', fsPath, toString: () => `file://${fsPath}` }, name });

describe('the VS Code extension', () => {
  it("starts `nilecare-lint lsp` from each folder's node_modules/.bin, and nothing where there is none", async () => {
    const installed = tempDir('nilecare-vscode-');
    const bin = path.join(installed, 'node_modules/.bin/nilecare-lint');
    mkdirSync(path.dirname(bin), { recursive: true });
    writeFileSync(bin, '#!/bin/sh\n');
    chmodSync(bin, 0o755);
    const bare = tempDir('nilecare-vscode-bare-');
    const { extension, vscode, started, lines } = loadExtension({ rules: { 'unknown-table': 'off' }, config: 'lint/config.json' });
    vscode.workspace.workspaceFolders = [folderOf(installed, 'api'), folderOf(bare, 'docs')];
    await extension.activate({ subscriptions: [] });
    expect(started).toHaveLength(1);
    expect(started[0].id).toBe('nilecare-lint');
    expect(started[0].server.run).toMatchObject({
      command: bin,
      args: ['lsp', '--cwd', installed],
      transport: 0,
      options: { cwd: installed },
    });
    expect(started[0].client.initializationOptions).toEqual({ config: 'lint/config.json', rules: { 'unknown-table': 'off' } });
    expect(lines).toEqual([expect.stringMatching(/^docs: no node_modules\/\.bin\/nilecare-lint/)]);
    await extension.deactivate();
  });

  it('nilecare-lint.path names another executable, relative to the folder', async () => {
    const folder = tempDir('nilecare-vscode-path-');
    mkdirSync(path.join(folder, 'tools'));
    writeFileSync(path.join(folder, 'tools/lint'), '');
    const { extension, vscode, started } = loadExtension({ path: 'tools/lint' });
    vscode.workspace.workspaceFolders = [folderOf(folder, 'repo')];
    await extension.activate({ subscriptions: [] });
    expect(started.map((s) => s.server.run.command)).toEqual([path.join(folder, 'tools/lint')]);
    await extension.deactivate();
  });
});
