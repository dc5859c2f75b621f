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
import { fileURLToPath, pathToFileURL } from 'node:url';
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

/** A workspace folder served: its own config, model and session. */
interface Folder {
  path: string;
  uri: string;
  session?: EditorSession;
  settings: ServerSettings;
  /** Something changed for it since its last run. */
  dirty: boolean;
}

/** The folder of a document: the innermost one holding it (nested folders are served on their own). */
export function folderOf<T extends { path: string }>(folders: Iterable<T>, file: string): T | undefined {
  let found: T | undefined;
  for (const folder of folders) {
    const relative = path.relative(folder.path, file);
    const inside = relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    if (inside && (!found || folder.path.length > found.path.length)) found = folder;
  }
  return found;
}

/** Starts the server on the given streams; resolves never: the protocol's `exit` ends the process. */
export function startLanguageServer(options: LanguageServerOptions): void {
  const connection = lsp.createConnection(lsp.ProposedFeatures.all, options.input, options.output);
  // stdout carries the protocol: anything else printed there would corrupt it.
  console.log = console.info = console.warn = console.debug = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  const documents = new lsp.TextDocuments(TextDocument);
  /** The workspace folders by path; one (the client's root, else `--cwd`) when the client names none. */
  const folders = new Map<string, Folder>();
  let initialSettings: ServerSettings = {};
  let canFetchConfiguration = false;
  let canWatchFiles = false;
  let foldersChange = false;
  /** The client named no workspace folders: its root (or `--cwd`) is served, files outside it included. */
  let singleRoot = true;
  let watched = false;
  let edits: EditCapabilities = { documentChanges: false, create: false, rename: false };
  const shown = new Set<string>();

  const say = (kind: 'error' | 'warning', message: string) => {
    // Each distinct message once: a broken config would otherwise pop up on every keystroke.
    if (shown.has(message)) return;
    shown.add(message);
    connection.console[kind === 'error' ? 'error' : 'warn'](message);
    if (kind === 'error') void connection.window.showErrorMessage(`nilecare-lint: ${message}`);
  };

  const addFolder = (uri: string) => {
    const folderPath = fileURLToPath(uri);
    if (!folders.has(folderPath)) folders.set(folderPath, { path: folderPath, uri, settings: {}, dirty: true });
  };

  connection.onInitialize((params) => {
    const named = (params.workspaceFolders ?? []).filter((f) => f.uri.startsWith('file:'));
    singleRoot = named.length === 0;
    if (named.length > 0) for (const folder of named) addFolder(folder.uri);
    else if (params.rootUri?.startsWith('file:')) addFolder(params.rootUri);
    else addFolder(pathToFileURL(path.resolve(params.rootPath ?? options.cwd)).href);
    const problems: string[] = [];
    initialSettings = {
      ...(options.config ? { config: path.resolve(options.config) } : {}),
      ...readSettings(params.initializationOptions, problems),
    };
    for (const problem of problems) say('error', `initializationOptions: ${problem}`);
    const capabilities = params.capabilities;
    canFetchConfiguration = Boolean(capabilities.workspace?.configuration);
    canWatchFiles = Boolean(capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    foldersChange = Boolean(capabilities.workspace?.workspaceFolders);
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
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'nilecare-lint' },
    };
  });

  connection.onInitialized(async () => {
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
    if (foldersChange)
      connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
        for (const removed of event.removed) folders.delete(fileURLToPath(removed.uri));
        for (const added of event.added) if (added.uri.startsWith('file:')) addFolder(added.uri);
        // A document no folder holds any more gets no diagnostics; the others go to the folder holding them now.
        for (const doc of openDocuments()) if (!folderFor(doc)) clear(doc.uri);
        await loadSettings();
        for (const folder of folders.values()) folder.dirty = true;
        schedule(0);
      });
    await loadSettings();
    // The first analysis, with or without open files: every file's facts are in memory before the first edit.
    schedule(0);
  });

  /** Settings per folder: the client's for that folder over initializationOptions over `--config`. */
  async function loadSettings(): Promise<void> {
    for (const folder of folders.values()) {
      let fetched: unknown;
      if (canFetchConfiguration) {
        try {
          [fetched] = (await connection.workspace.getConfiguration([{ scopeUri: folder.uri, section: CONFIG_SECTION }])) as unknown[];
        } catch {
          fetched = undefined;
        }
      }
      const problems: string[] = [];
      folder.settings = { ...initialSettings, ...readSettings(fetched, problems) };
      for (const problem of problems) say('error', `workspace settings (${CONFIG_SECTION}): ${problem}`);
      const configure = {
        configPath: folder.settings.config && path.resolve(folder.path, folder.settings.config),
        ruleOverrides: folder.settings.rules,
      };
      if (folder.session) folder.session.configure(configure);
      else folder.session = new EditorSession({ cwd: folder.path, ...configure });
      folder.session.watchedByClient(watched);
      folder.dirty = true;
    }
  }

  const debounce = () => Math.max(0, ...[...folders.values()].map((f) => f.settings.debounceMs ?? DEFAULT_DEBOUNCE_MS));
  const openDocuments = () => documents.all().filter((doc) => doc.uri.startsWith('file:'));
  /** The folder serving a document; without workspace folders, the root also serves files outside it (its project may reach further up). */
  const folderFor = (doc: { uri: string }) => {
    if (!doc.uri.startsWith('file:')) return undefined;
    return folderOf(folders.values(), fileURLToPath(doc.uri)) ?? (singleRoot ? [...folders.values()][0] : undefined);
  };
  const clear = (uri: string) => void connection.sendDiagnostics({ uri, diagnostics: [] });
  const touch = (uri: string) => {
    const folder = folderFor({ uri });
    if (folder) folder.dirty = true;
  };

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
      running = analyseDirty().finally(() => {
        running = undefined;
        if (again) {
          again = false;
          schedule(0);
        }
      });
    }, delay);
  }

  async function analyseDirty(): Promise<void> {
    for (const folder of [...folders.values()]) {
      if (!folder.dirty || !folder.session) continue;
      folder.dirty = false;
      await analyse(folder, folder.session);
    }
  }

  /** Hands a folder's open documents' current text to its session; returns those documents. */
  function syncBuffers(folder: Folder, session: EditorSession): TextDocument[] {
    const open = openDocuments().filter((doc) => folderFor(doc) === folder);
    for (const doc of open) session.setBuffer(fileURLToPath(doc.uri), doc.getText());
    return open;
  }

  /** A document's project-relative path in a run. */
  function projectPath(result: EditorRun, uri: string): string {
    return path.relative(result.location.projectRoot, fileURLToPath(uri)).split(path.sep).join('/');
  }

  async function analyse(folder: Folder, session: EditorSession): Promise<void> {
    const open = syncBuffers(folder, session);
    const versions = new Map(open.map((doc) => [doc.uri, doc.version]));
    const wanted = open.map((doc) => fileURLToPath(doc.uri));
    let result: EditorRun;
    try {
      // Every run reads the whole project (facts of unchanged files from memory); rules run on the open files.
      result = await session.lint(wanted);
    } catch (error) {
      say('error', (error as Error).message);
      for (const doc of open) clear(doc.uri);
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
      // A document closed, edited again or moved to another folder since the run started gets its diagnostics from the next run.
      const current = documents.get(doc.uri);
      if (!current || current.version !== versions.get(doc.uri) || folderFor(current) !== folder) continue;
      const diagnostics = byFile.get(projectPath(result, doc.uri)) ?? [];
      void connection.sendDiagnostics({
        uri: doc.uri,
        version: doc.version,
        diagnostics: diagnostics.map((d) => toLspDiagnostic(d, location.projectRoot)),
      });
    }
  }

  documents.onDidOpen((event) => {
    touch(event.document.uri);
    schedule(debounce());
  });
  documents.onDidChangeContent((event) => {
    touch(event.document.uri);
    schedule(debounce());
  });
  documents.onDidClose((event) => {
    const folder = folderFor(event.document);
    if (folder?.session) folder.session.close(fileURLToPath(event.document.uri));
    withSuggestions.delete(event.document.uri);
    clear(event.document.uri);
    // The disk's content is back for that file: other files' findings may change with it.
    touch(event.document.uri);
    schedule(debounce());
  });
  connection.onDidChangeWatchedFiles(() => {
    // A file outside a folder (a config above it, a shared package) can change what any folder sees.
    for (const folder of folders.values()) {
      folder.session?.filesChanged();
      folder.dirty = true;
    }
    schedule(debounce());
  });
  connection.onDidChangeConfiguration(async () => {
    shown.clear();
    await loadSettings();
    schedule(0);
  });

  /** Suggestions cost a run of their own (some parse their file again): computed when asked for, once per document version. */
  const withSuggestions = new Map<string, { version: number; result: Promise<EditorRun> }>();
  connection.onCodeAction(async (params): Promise<Lsp.CodeAction[]> => {
    const doc = documents.get(params.textDocument.uri);
    const folder = doc && folderFor(doc);
    const session = folder?.session;
    if (!doc || !folder || !session) return [];
    let cached = withSuggestions.get(doc.uri);
    if (!cached || cached.version !== doc.version) {
      syncBuffers(folder, session);
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
