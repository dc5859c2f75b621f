/**
 * `nilecare-lint lsp` as an editor meets it: the shipped bin started as a child process, spoken
 * to over stdio with vscode-languageserver-protocol. Opening a file publishes its diagnostics;
 * editing the buffer (never saved) changes them; a `CREATE TABLE` in another service's unsaved
 * migration changes ownership, and so the diagnostics of the open file; a file changed on disk
 * and announced with didChangeWatchedFiles does too; workspace settings override rules.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  type CodeAction,
  type Diagnostic,
  type TextDocumentEdit,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { startLanguageServerProcess, type LanguageServerProcess } from '../lsp/language-server-process.js';
import { makeRepo, paymentMigration, workflowConfig, writeFile } from '../workflow/helpers.js';

const REPO = 'services/billing/src/repo.ts';
const LEDGER_MIGRATION = 'services/payment/migrations/V2__ledger.sql';
const TIMEOUT = 60_000;

interface Client {
  connection: ProtocolConnection;
  server: LanguageServerProcess;
  /** The next diagnostics published for `uri` that `accept` takes (earlier ones are skipped). */
  diagnostics(uri: string, accept?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  /** What the server answered workspace/configuration with, from now on. */
  settings: Record<string, unknown>;
  stderr: () => string;
  registrations: string[];
}

async function startServer(root: string): Promise<Client> {
  const server = startLanguageServerProcess({ args: ['--cwd', root] });
  const { connection } = server;
  const published: PublishDiagnosticsParams[] = [];
  const waiting: Array<() => void> = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    for (const wake of waiting.splice(0)) wake();
  });
  const client: Client = {
    connection,
    server,
    settings: {},
    registrations: [],
    stderr: server.stderr,
    async diagnostics(uri, accept = () => true) {
      const deadline = Date.now() + TIMEOUT;
      for (;;) {
        const index = published.findIndex((p) => p.uri === uri && accept(p.diagnostics));
        if (index >= 0) {
          const [found] = published.splice(0, index + 1).slice(-1);
          return found.diagnostics;
        }
        if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri}; stderr: ${server.stderr()}`);
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          setTimeout(resolve, 500);
        });
      }
    },
  };
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => client.settings));
  connection.onRequest(RegistrationRequest.type, (params) => {
    client.registrations.push(...params.registrations.map((r) => r.method));
  });
  await server.initialize({
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'repo' }],
    capabilities: {
      workspace: {
        configuration: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
      },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
    },
  });
  return client;
}

const uriOf = (root: string, file: string) => pathToFileURL(path.join(root, file)).href;
const summary = (diagnostics: Diagnostic[]) =>
  diagnostics.map(
    (d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.code}`,
  );

describe('nilecare-lint lsp over stdio', () => {
  let root: string;
  let client: Client;
  let version = 1;
  const open = (file: string, text: string, languageId = 'typescript') =>
    client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(root, file), languageId, version: version++, text },
    });
  const edit = (file: string, text: string) =>
    client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uriOf(root, file), version: version++ },
      contentChanges: [{ text }],
    });

  beforeAll(async () => {
    root = makeRepo({ ...paymentMigration, [REPO]: "db.query('SELECT 1');\n" }, { ...workflowConfig });
    client = await startServer(root);
  }, TIMEOUT);

  afterAll(() => {
    if (client.server.child.exitCode === null) client.server.child.kill();
  });

  it(
    'publishes diagnostics for an opened file',
    async () => {
      await open(REPO, "db.query('SELECT * FROM legacy_totals');\n");
      const diagnostics = await client.diagnostics(uriOf(root, REPO), (d) => d.length > 0);
      expect(summary(diagnostics)).toEqual(['1:25-1:38 unknown-table']);
      expect(diagnostics[0]).toMatchObject({
        severity: 2,
        source: 'nilecare-lint',
        codeDescription: { href: expect.stringMatching(/\/rules\/unknown-table\.md$/) },
      });
    },
    TIMEOUT,
  );

  it(
    're-analyses the unsaved buffer on each edit: a cross-service query is an error',
    async () => {
      await edit(REPO, "\n  db.query('SELECT amount FROM payments');\n");
      const diagnostics = await client.diagnostics(uriOf(root, REPO), (d) => d.some((x) => x.code === 'no-cross-service-query'));
      expect(summary(diagnostics)).toEqual(['2:32-2:40 no-cross-service-query']);
      expect(diagnostics[0].severity).toBe(1);
      expect(diagnostics[0].message).toMatch(/payments/);
    },
    TIMEOUT,
  );

  it(
    "a CREATE TABLE in another service's unsaved migration changes the open file's diagnostics",
    async () => {
      await edit(REPO, "db.query('SELECT * FROM ledger');\n");
      expect(summary(await client.diagnostics(uriOf(root, REPO), (d) => d.some((x) => x.code === 'unknown-table')))).toEqual([
        '1:25-1:31 unknown-table',
      ]);
      // A new file, never saved: the migration buffer alone makes payment the owner of ledger.
      await open(LEDGER_MIGRATION, 'CREATE TABLE ledger (id INT);\n', 'sql');
      const changed = await client.diagnostics(uriOf(root, REPO), (d) => d.some((x) => x.code === 'no-cross-service-query'));
      expect(summary(changed)).toEqual(['1:25-1:31 no-cross-service-query']);
      expect(summary(await client.diagnostics(uriOf(root, LEDGER_MIGRATION)))).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a file changed on disk (didChangeWatchedFiles) updates the model',
    async () => {
      await edit(REPO, "db.query('SELECT * FROM refunds');\n");
      expect(summary(await client.diagnostics(uriOf(root, REPO), (d) => d.some((x) => x.code === 'unknown-table')))).toEqual([
        '1:25-1:32 unknown-table',
      ]);
      writeFile(root, 'services/payment/migrations/V3__refunds.sql', 'CREATE TABLE refunds (id INT);\n');
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: uriOf(root, 'services/payment/migrations/V3__refunds.sql'), type: FileChangeType.Created }],
      });
      expect(summary(await client.diagnostics(uriOf(root, REPO), (d) => d.some((x) => x.code === 'no-cross-service-query')))).toEqual([
        '1:25-1:32 no-cross-service-query',
      ]);
    },
    TIMEOUT,
  );

  it(
    'workspace settings override rules (workspace/configuration, re-read on didChangeConfiguration)',
    async () => {
      client.settings = { rules: { 'no-cross-service-query': 'off' } };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      expect(await client.diagnostics(uriOf(root, REPO), (d) => d.length === 0)).toEqual([]);
      client.settings = {};
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      expect(summary(await client.diagnostics(uriOf(root, REPO), (d) => d.length > 0))).toEqual(['1:25-1:32 no-cross-service-query']);
    },
    TIMEOUT,
  );

  it(
    'offers code actions for a finding (disable-with-reason among them); the applied edit suppresses it',
    async () => {
      const text = "db.query('SELECT * FROM refunds');\n";
      await edit(REPO, text);
      const [finding] = await client.diagnostics(uriOf(root, REPO), (d) => d.some((x) => x.code === 'no-cross-service-query'));
      const actions = await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: uriOf(root, REPO) },
        range: finding.range,
        context: { diagnostics: [finding] },
      });
      const disable = (actions ?? []).find(
        (a): a is CodeAction => 'title' in a && a.title === "Disable 'no-cross-service-query' for this line, with a reason.",
      );
      expect(disable, JSON.stringify(actions)).toBeDefined();
      expect(disable!.kind).toBe('quickfix');
      expect(disable!.diagnostics?.map((d) => d.code)).toEqual(['no-cross-service-query']);
      const [change] = disable!.edit!.documentChanges as TextDocumentEdit[];
      expect(change.textDocument).toEqual({ uri: uriOf(root, REPO), version: version - 1 });
      // The server sends plain text edits (no snippets): each has its newText.
      const edits = change.edits.map((e) => {
        if (!('newText' in e)) throw new Error(`not a text edit: ${JSON.stringify(e)}`);
        return e;
      });
      const applied = TextDocument.applyEdits(TextDocument.create(uriOf(root, REPO), 'typescript', version - 1, text), edits);
      expect(applied).toBe("// nilecare-lint-disable-next-line no-cross-service-query -- <reason>\ndb.query('SELECT * FROM refunds');\n");
      await edit(REPO, applied);
      expect(await client.diagnostics(uriOf(root, REPO), (d) => !d.some((x) => x.code === 'no-cross-service-query'))).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'shuts down and exits 0 on shutdown + exit',
    async () => {
      expect(await client.server.shutdown()).toBe(0);
      expect(client.stderr()).toBe('');
    },
    TIMEOUT,
  );
});
