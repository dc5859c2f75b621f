import path from 'node:path';
import { FileAccessError } from '../io/file-access-error.js';
import { entryKind, readTextFile } from '../io/read-regular-file.js';
import { JsoncSyntaxError, parseJsonc } from './jsonc.js';
import { CONFIG_FILE_NAMES } from './file-names.js';
import { configSchema, type NilecareConfig } from './schema.js';

// Its own module, so that locating a project does not load the schema (file-names.ts).
export { CONFIG_FILE_NAMES };

/** A config is a page of JSON; anything this large is not one (and reading it would cost memory). */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** A problem with the user's config; the CLI prints it and exits 2. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface LoadedConfig {
  config: NilecareConfig;
  /** Absolute path of the file read, or undefined when none was found. */
  file?: string;
  /** The file's text (without a BOM), so findings about its entries can point into it. */
  text?: string;
}

/** Finds the config in `cwd` (no upward search: the repo root is where the linter runs). */
export function findConfigFile(cwd: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = path.join(cwd, name);
    // Whatever is there, even a link or a device: found, so that reading it says what is wrong with it.
    if (entryKind(candidate, { root: cwd }) !== 'missing') return candidate;
  }
  return undefined;
}

/** `services[2].roots` from a zod issue path. */
export function formatKeyPath(keyPath: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of keyPath) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

/** Parses JSON with comments and trailing commas (the format `init` writes). */
export function parseConfigText(text: string, file: string): NilecareConfig {
  let value: unknown;
  try {
    value = parseJsonc(text);
  } catch (error) {
    if (!(error instanceof JsoncSyntaxError)) throw error;
    throw new ConfigError(`${file}:${error.line}:${error.column}: not valid JSON: ${error.message}`, file);
  }
  return validateConfig(value, file);
}

export function validateConfig(value: unknown, file: string): NilecareConfig {
  const result = configSchema.safeParse(value);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${formatKeyPath(issue.path)}: ${issue.message}`);
  throw new ConfigError(`${file}: invalid configuration:\n${lines.join('\n')}`, file);
}

/**
 * Loads `explicitPath` (must exist) or the config found in `cwd`; `undefined` config when there is
 * none. `root` is the repository the config belongs to (default `cwd`): inside it, the config
 * may not be a link that leads out of it.
 */
export function loadConfig(cwd: string, explicitPath?: string, root = cwd): LoadedConfig | undefined {
  const file = explicitPath ? path.resolve(cwd, explicitPath) : findConfigFile(cwd);
  if (!file) return undefined;
  let text: string | undefined;
  try {
    // The config the repository holds must be inside it; one named with -c is the user's choice.
    text = readTextFile(file, { root, origin: explicitPath ? 'command-line' : 'repository', maxBytes: MAX_CONFIG_BYTES });
  } catch (error) {
    if (error instanceof FileAccessError) throw new ConfigError(error.message, file);
    throw error;
  }
  if (text === undefined) throw new ConfigError(`${file}: cannot read config: file not found`, file);
  const content = text.replace(/^\uFEFF/, '');
  return { config: parseConfigText(content, file), file, text: content };
}
