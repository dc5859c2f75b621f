/**
 * A multi-root workspace over stdio: each workspace folder is served with its own config, services
 * and model, each document by the folder that holds it; folders come and go with
 * workspace/didChangeWorkspaceFolders, and workspace settings are asked for per folder.
 * End-to-end: it is the shipped bin's server process (the server takes over its process's console
 * and exits it on `exit`, so it cannot run inside a shared test worker).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigurationRequest,
  DidChangeWorkspaceFoldersNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../built-cli.js';
import { startLanguageServerProcess, type LanguageServerProcess } from '../lsp/language-server-process.js';
import { makeRepo, paymentMigration, workflowConfig } from '../workflow/helpers.js';
import type { NilecareConfig } from '../../src/config/schema.js';

const TIMEOUT = 60_000;
const BILLING = 'services/billing/src/repo.ts';
const ORDERS = 'services/orders/src/repo.ts';

/** A second repository: orders may not read stock's tables; it has no payments table at all. */
const shopConfig: NilecareConfig = {
  ...workflowConfig,
  services: [
    { name: 'orders', roots: ['services/orders'], databases: ['shop'] },
    { name: 'stock', roots: ['services/stock'], databases: ['shop'] },
  ],
};
const stockMigration = { 'services/stock/migrations/V1__stock.sql': 'CREATE TABLE stock_items (id INT PRIMARY KEY, qty INT);\n' };

const uriOf = (root: string, file: string) => pathToFileURL(path.join(root, file)).href;
/** Range, rule and the table the message names. */
const summary = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => {
    const table = /\b(payments|stock_items)\b/.exec(typeof d.message === 'string' ? d.message : d.message.value)?.[1];
    return `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${String(d.code)} ${table}`;
  });

describe('nilecare-lint lsp: workspace folders', () => {
  let billingRepo: string;
  let shopRepo: string;
  let laterRepo: string;
  let server: LanguageServerProcess;
  const published: PublishDiagnosticsParams[] = [];
  /** Settings answered per folder URI (workspace/configuration's scopeUri). */
  const settingsFor = new Map<string, unknown>();
  let version = 1;

  /** The next diagnostics for `uri` that `accept` takes, skipping earlier ones for it. */
  async function diagnostics(uri: string, accept: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const deadline = Date.now() + TIMEOUT / 2;
    for (;;) {
      const index = published.findIndex((p) => p.uri === uri && accept(p.diagnostics));
      if (index >= 0) {
        // This one and the earlier ones for the same document are consumed; other documents' stay.
        const found = published[index];
        for (let i = index; i >= 0; i--) if (published[i].uri === uri) published.splice(i, 1);
        return found.diagnostics;
      }
      if (Date.now() > deadline)
        throw new Error(
          `no matching diagnostics for ${uri} among ${JSON.stringify(published.map((p) => [p.uri, summary(p.diagnostics)]))}; stderr: ${server.stderr()}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const open = (root: string, file: string, text: string) =>
    server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(root, file), languageId: 'typescript', version: version++, text },
    });
  const folder = (root: string) => ({ uri: pathToFileURL(root).href, name: path.basename(root) });

  beforeAll(async () => {
    billingRepo = makeRepo({ ...paymentMigration, [BILLING]: "db.query('SELECT 1');\n" });
    shopRepo = makeRepo({ ...stockMigration, [ORDERS]: "db.query('SELECT 1');\n" }, shopConfig);
    laterRepo = makeRepo({ ...stockMigration, [ORDERS]: "db.query('SELECT 1');\n" }, shopConfig);
    // Started in another folder: the workspace folders, not the working directory, say what is served.
    server = startLanguageServerProcess({ cwd: repoRoot });
    server.connection.onNotification(PublishDiagnosticsNotification.type, (params) => void published.push(params));
    server.connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => settingsFor.get(item.scopeUri ?? '') ?? {}),
    );
    server.connection.onRequest(RegistrationRequest.type, () => undefined);
    await server.initialize({
      rootUri: pathToFileURL(billingRepo).href,
      workspaceFolders: [folder(billingRepo), folder(shopRepo)],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
  }, TIMEOUT);

  afterAll(() => {
    if (server.child.exitCode === null) server.child.kill();
  });

  it(
    "routes each document to its folder: each folder's services and tables decide its findings",
    async () => {
      await open(billingRepo, BILLING, "db.query('SELECT amount FROM payments');\n");
      await open(shopRepo, ORDERS, "db.query('SELECT qty FROM stock_items');\ndb.query('SELECT amount FROM payments');\n");
      expect(summary(await diagnostics(uriOf(billingRepo, BILLING), (d) => d.length > 0))).toEqual([
        '1:30-1:38 no-cross-service-query payments',
      ]);
      // In the shop, payments is no table anyone declares; stock_items is stock's.
      expect(summary(await diagnostics(uriOf(shopRepo, ORDERS), (d) => d.length > 1))).toEqual([
        '1:27-1:38 no-cross-service-query stock_items',
        '2:30-2:38 unknown-table payments',
      ]);
    },
    TIMEOUT,
  );

  it(
    'reads workspace settings per folder: a rule turned off in one folder stays on in the other',
    async () => {
      settingsFor.set(pathToFileURL(shopRepo).href, { rules: { 'no-cross-service-query': 'off' } });
      await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      expect(summary(await diagnostics(uriOf(shopRepo, ORDERS), (d) => d.length === 1))).toEqual(['2:30-2:38 unknown-table payments']);
      expect(summary(await diagnostics(uriOf(billingRepo, BILLING)))).toEqual(['1:30-1:38 no-cross-service-query payments']);
      settingsFor.clear();
    },
    TIMEOUT,
  );

  it(
    'serves a folder added later, and clears the diagnostics of a removed folder',
    async () => {
      await server.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
        event: { added: [folder(laterRepo)], removed: [folder(billingRepo)] },
      });
      await open(laterRepo, ORDERS, "db.query('SELECT qty FROM stock_items');\n");
      expect(summary(await diagnostics(uriOf(laterRepo, ORDERS), (d) => d.length > 0))).toEqual([
        '1:27-1:38 no-cross-service-query stock_items',
      ]);
      expect(await diagnostics(uriOf(billingRepo, BILLING), (d) => d.length === 0)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'shuts down cleanly',
    async () => {
      expect(await server.shutdown()).toBe(0);
      expect(server.stderr()).toBe('');
    },
    TIMEOUT,
  );
});
