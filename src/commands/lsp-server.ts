/**
 * `nilecare-lint lsp`: a Language Server over stdio. The repository is analysed once when the
 * editor connects; after that, each edit re-lints the open files with their unsaved text (an
 * overlay over the disk) and the facts of every unchanged file from memory, so ownership,
 * schemas and migrations always come from the whole repository as it is in the editor. Any
 * change — an edited buffer, a file saved, created or deleted on disk — re-publishes every open
 * file's diagnostics: a new `CREATE TABLE` in one service's migration changes the findings of
 * the files of every other service. The server reads files; it never runs repository code.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lsp from 'vscode-languageserver/node';
import type * as Lsp from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditorSession, type EditorRun } from '../editor-session.js';
import type { Diagnostic, Severity } from '../engine/types.js';
import { codeActionsFor, type EditCapabilities } from './lsp-code-actions.js';
import { toLspDiagnostic } from './lsp-convert.js';
import { CONFIG_FILE_NAMES } from '../config/load.js';

export interface LanguageServerOptions {
  /** The folder to serve when the client names none. */
  cwd: string;
  /** `--config`: the config file when the client's settings name none. */
  config?: string;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/** Settings a client may give (initializationOptions, or the `nilecare-lint` section of workspace/configuration). */
export interface ServerSettings {
  /** Config file, absolute or relative to the workspace folder. */
  config?: string;
  /** Severity overrides, as `--rule`: `{ "no-shared-database": "off" }`. */
  rules?: Record<string, Severity | 'off'>;
  /** Milliseconds to wait after an edit before linting (default 25); more edits within it make one run. */
  debounceMs?: number;
}

const CONFIG_SECTION = 'nilecare-lint';
const DEFAULT_DEBOUNCE_MS = 25;

/** Files whose change on disk may change the model or the findings of an open file; the client watches them for us. */
const WATCHED_GLOBS = [
  '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/*.{sql,prisma}',
  '**/*.{yml,yaml}',
  '**/.env',
  '**/.env.*',
  '**/package.json',
  '**/.gitignore',
  ...CONFIG_FILE_NAMES.map((name) => `**/${name}`),
  '**/nilecare-lint-suppressions.json',
];

/** Checks what a client sent as settings; what is wrong is reported, never thrown. */
export function readSettings(value: unknown, problems: string[]): ServerSettings {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push('settings must be an object ({ "config": "…", "rules": { "rule-id": "off" } })');
    return {};
  }
  const raw = value as Record<string, unknown>;
  const settings: ServerSettings = {};
  if (raw.config !== undefined && raw.config !== null && raw.config !== '') {
    if (typeof raw.config === 'string') settings.config = raw.config;
    else problems.push('settings.config must be a path');
  }
  if (raw.rules !== undefined && raw.rules !== null) {
    if (typeof raw.rules !== 'object' || Array.isArray(raw.rules)) problems.push('settings.rules must map rule ids to off, warn or error');
    else {
      settings.rules = {};
      for (const [id, severity] of Object.entries(raw.rules as Record<string, unknown>)) {
        if (severity === 'off' || severity === 'warn' || severity === 'error') settings.rules[id] = severity;
        else problems.push(`settings.rules.${id} must be off, warn or error, got ${JSON.stringify(severity)}`);
      }
    }
  }
  if (raw.debounceMs !== undefined && raw.debounceMs !== null) {
    if (typeof raw.debounceMs === 'number' && Number.isFinite(raw.debounceMs) && raw.debounceMs >= 0 && raw.debounceMs <= 5000)
      settings.debounceMs = raw.debounceMs;
    else problems.push('settings.debounceMs must be a number of milliseconds from 0 to 5000');
  }
  return settings;
}

/** Starts the server on the given streams; resolves never: the protocol's `exit` ends the process. */
export function startLanguageServer(options: LanguageServerOptions): void {
  const connection = lsp.createConnection(lsp.ProposedFeatures.all, options.input, options.output);
  // stdout carries the protocol: anything else printed there would corrupt it.
  console.log = console.info = console.warn = console.debug = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  const documents = new lsp.TextDocuments(TextDocument);
  let folder = path.resolve(options.cwd);
  let session: EditorSession | undefined;
  let initialSettings: ServerSettings = {};
  let settings: ServerSettings = {};
  let canFetchConfiguration = false;
  let canWatchFiles = false;
  let edits: EditCapabilities = { documentChanges: false, create: false, rename: false };
  const shown = new Set<string>();

  const say = (kind: 'error' | 'warning', message: string) => {
    // Each distinct message once: a broken config would otherwise pop up on every keystroke.
    if (shown.has(message)) return;
    shown.add(message);
    connection.console[kind === 'error' ? 'error' : 'warn'](message);
    if (kind === 'error') void connection.window.showErrorMessage(`nilecare-lint: ${message}`);
  };

  connection.onInitialize((params) => {
    const workspace = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    if (workspace?.startsWith('file:')) folder = fileURLToPath(workspace);
    else if (params.rootPath) folder = path.resolve(params.rootPath);
    const problems: string[] = [];
    initialSettings = {
      ...(options.config ? { config: path.resolve(options.config) } : {}),
      ...readSettings(params.initializationOptions, problems),
    };
    for (const problem of problems) say('error', `initializationOptions: ${problem}`);
    const capabilities = params.capabilities;
    canFetchConfiguration = Boolean(capabilities.workspace?.configuration);
    canWatchFiles = Boolean(capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    const workspaceEdit = capabilities.workspace?.workspaceEdit;
    const operations = workspaceEdit?.resourceOperations ?? [];
    edits = {
      documentChanges: Boolean(workspaceEdit?.documentChanges),
      create: Boolean(workspaceEdit?.documentChanges) && operations.includes('create'),
      rename: Boolean(workspaceEdit?.documentChanges) && operations.includes('rename'),
    };
    return {
      capabilities: {
        textDocumentSync: lsp.TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [lsp.CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'nilecare-lint' },
    };
  });

  connection.onInitialized(async () => {
    let watched = false;
    if (canWatchFiles) {
      try {
        await connection.client.register(lsp.DidChangeWatchedFilesNotification.type, {
          watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })),
        });
        watched = true;
      } catch (error) {
        say('warning', `the client did not take the file watchers (${(error as Error).message}): every edit re-reads the project`);
      }
    }
    await loadSettings();
    // Told of every change on disk, the session may keep what it read between edits.
    session?.watchedByClient(watched);
    // The first analysis, with or without open files: every file's facts are in memory before the first edit.
    schedule(0);
  });

  async function loadSettings(): Promise<void> {
    let fetched: unknown;
    if (canFetchConfiguration) {
      try {
        [fetched] = (await connection.workspace.getConfiguration([{ section: CONFIG_SECTION }])) as unknown[];
      } catch {
        fetched = undefined;
      }
    }
    const problems: string[] = [];
    settings = { ...initialSettings, ...readSettings(fetched, problems) };
    for (const problem of problems) say('error', `workspace settings (${CONFIG_SECTION}): ${problem}`);
    const configure = { configPath: settings.config && path.resolve(folder, settings.config), ruleOverrides: settings.rules };
    if (session) session.configure(configure);
    else session = new EditorSession({ cwd: folder, ...configure });
  }

  // Runs never overlap: an edit during a run asks for one more run after it.
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  function schedule(delay: number): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (running) {
        again = true;
        return;
      }
      running = analyse().finally(() => {
        running = undefined;
        if (again) {
          again = false;
          schedule(0);
        }
      });
    }, delay);
  }

  /** Hands the open documents' current text to the session; returns those documents. */
  function syncBuffers(): TextDocument[] {
    const open = documents.all().filter((doc) => doc.uri.startsWith('file:'));
    for (const doc of open) session?.setBuffer(fileURLToPath(doc.uri), doc.getText());
    return open;
  }

  /** A document's project-relative path in a run. */
  function projectPath(result: EditorRun, uri: string): string {
    return path.relative(result.location.projectRoot, fileURLToPath(uri)).split(path.sep).join('/');
  }

  async function analyse(): Promise<void> {
    if (!session) return;
    const open = syncBuffers();
    const versions = new Map(open.map((doc) => [doc.uri, doc.version]));
    const wanted = open.map((doc) => fileURLToPath(doc.uri));
    let result: EditorRun;
    try {
      // Every run reads the whole project (facts of unchanged files from memory); rules run on the open files.
      result = await session.lint(wanted);
    } catch (error) {
      say('error', (error as Error).message);
      for (const doc of open) void connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
      return;
    }
    const { run, location } = result;
    for (const message of run.warnings ?? []) say('warning', message);
    for (const message of run.internalErrors) say('error', `internal error: ${message}`);
    const byFile = new Map<string, Diagnostic[]>();
    for (const d of run.diagnostics) {
      if (d.suppressed) continue;
      byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
    }
    for (const doc of open) {
      // A document closed or edited again since the run started gets its diagnostics from the next run.
      const current = documents.get(doc.uri);
      if (!current || current.version !== versions.get(doc.uri)) continue;
      const diagnostics = byFile.get(projectPath(result, doc.uri)) ?? [];
      void connection.sendDiagnostics({
        uri: doc.uri,
        version: doc.version,
        diagnostics: diagnostics.map((d) => toLspDiagnostic(d, location.projectRoot)),
      });
    }
  }

  documents.onDidOpen(() => schedule(settings.debounceMs ?? DEFAULT_DEBOUNCE_MS));
  documents.onDidChangeContent(() => schedule(settings.debounceMs ?? DEFAULT_DEBOUNCE_MS));
  documents.onDidClose((event) => {
    session?.close(fileURLToPath(event.document.uri));
    withSuggestions.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    // The disk's content is back for that file: other files' findings may change with it.
    schedule(settings.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  });
  connection.onDidChangeWatchedFiles(() => {
    session?.filesChanged();
    schedule(settings.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  });
  connection.onDidChangeConfiguration(async () => {
    shown.clear();
    await loadSettings();
    schedule(0);
  });

  /** Suggestions cost a run of their own (some load ts-morph): computed when asked for, once per document version. */
  const withSuggestions = new Map<string, { version: number; result: Promise<EditorRun> }>();
  connection.onCodeAction(async (params): Promise<Lsp.CodeAction[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !session || !doc.uri.startsWith('file:')) return [];
    let cached = withSuggestions.get(doc.uri);
    if (!cached || cached.version !== doc.version) {
      syncBuffers();
      cached = { version: doc.version, result: session.lint([fileURLToPath(doc.uri)], { suggestions: true }) };
      withSuggestions.set(doc.uri, cached);
    }
    let result: EditorRun;
    try {
      result = await cached.result;
    } catch (error) {
      withSuggestions.delete(doc.uri);
      say('error', (error as Error).message);
      return [];
    }
    // Edited while the run went on: its offsets are for an older text; the client asks again.
    if (documents.get(doc.uri)?.version !== cached.version) return [];
    const relative = projectPath(result, doc.uri);
    const diagnostics = result.run.diagnostics.filter((d) => d.file === relative && !d.suppressed);
    return codeActionsFor(diagnostics, params, { run: result, uri: doc.uri, version: cached.version, edits });
  });

  documents.listen(connection);
  connection.listen();
}
