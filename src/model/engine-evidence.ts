/**
 * The shared frame of "does this service run on engine X" (MariaDB, CockroachDB): a short list of places a
 * reader can check, each said once, and the service's package.json dependencies as the first source; and the
 * engines a service's settings name beside its drivers (a framework's `DB_CONNECTION`, JDBC URLs).
 */
import type { Dialect, FileFacts, Span, UnparsedEngine } from '../analysis/facts.js';
import { spanToRange } from '../analysis/text.js';
import type { PackageIndex } from './packages.js';

/** Evidence items kept: enough to show why. */
export const KEPT_EVIDENCE = 3;

export interface EvidenceList {
  readonly items: string[];
  /** Adds a place, once, while fewer than KEPT_EVIDENCE are kept. */
  add: (detail: string) => void;
  /** Whether enough is kept: the caller stops looking. */
  full: () => boolean;
}

export function evidenceList(): EvidenceList {
  const items: string[] = [];
  return {
    items,
    add: (detail) => {
      if (items.length < KEPT_EVIDENCE && !items.includes(detail)) items.push(detail);
    },
    full: () => items.length >= KEPT_EVIDENCE,
  };
}

/** Each dependency of the folders' package.json files that `names` accepts, as `name in folder/package.json`. */
export function dependencyEvidence(
  folders: readonly string[],
  packages: PackageIndex,
  names: (name: string) => boolean,
  evidence: EvidenceList,
): void {
  for (const folder of folders) {
    const read = packages.manifest(folder);
    if (!read?.ok) continue;
    for (const name of [...read.manifest.dependencies, ...read.manifest.otherDependencies])
      if (names(name)) evidence.add(`${name} in ${folder ? `${folder}/` : ''}package.json`);
  }
}

/** An engine a service's settings name, as written (`pgsql`, `System.Data.SqlClient`), and where. */
export interface EngineSetting {
  value: string;
  /** `DB_CONNECTION=pgsql in services/shop/.env.example:2`. */
  detail: string;
}

/** The test suite's env files (Laravel's `.env.testing`, Dusk's `.env.dusk.local`, `.env.test`): a throwaway database's settings. */
const TEST_ENV_FILE = /^(?:\.env\.(?:test|testing|dusk)(?:\.[\w.-]*)?|test\.env)$/i;
/** Test profiles' settings files: `application-test.yml`, `application-it.properties`, `flyway-test.conf`, `docker-compose.test.yml`. */
const TEST_SETTINGS_FILE = /[-.](?:test|testing|it)\.(?:ya?ml|properties|conf|json|toml|config)$/i;

/** A settings file of the test suite's environment, by its name: what it names is not the service's connection. */
export function isTestSettingsFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return TEST_ENV_FILE.test(base) || TEST_SETTINGS_FILE.test(base);
}

const where = (file: FileFacts, span: Span) => `${file.path}:${spanToRange(file.lineStarts, span).line}`;

/**
 * The driver a framework's settings choose for the service's connection: `DB_CONNECTION` in its env files (Laravel's
 * `pgsql`, `mysql`, `mariadb`, `sqlite`, `sqlsrv`; AdonisJS's `pg`), not the test suite's; else, when no env file sets
 * it, the default of Laravel's `config/database.php` (`'default' => env('DB_CONNECTION', 'mysql')`), which an env
 * file's value overrides (a PostgreSQL application keeps the skeleton's `'mysql'` default there).
 */
export function connectionDriverSettings(files: readonly FileFacts[]): EngineSetting[] {
  const fromEnv: EngineSetting[] = [];
  const defaults: EngineSetting[] = [];
  for (const file of files) {
    if (isTestSettingsFile(file.path)) continue;
    for (const entry of file.env ?? [])
      if (entry.key === 'DB_CONNECTION' && entry.value !== undefined && entry.value.trim() !== '')
        fromEnv.push({ value: entry.value.trim(), detail: `DB_CONNECTION=${entry.value.trim()} in ${where(file, entry.valueSpan)}` });
    if (file.ormConfig?.library === 'laravel')
      for (const engine of file.ormConfig.engines)
        defaults.push({ value: engine.type, detail: `default connection '${engine.type}' in ${where(file, engine.span)}` });
  }
  return fromEnv.length > 0 ? fromEnv : defaults;
}

/**
 * The JDBC URLs of the service's settings (`jdbc:sqlserver://…` in `application.properties`, `jdbc:postgresql://…` in an
 * env file or `flyway.conf`: jdbc-urls.ts), not the test suite's files: the engines it connects to.
 */
export function jdbcUrlSettings(files: readonly FileFacts[]): Array<{ engine: Dialect | UnparsedEngine; detail: string }> {
  const out: Array<{ engine: Dialect | UnparsedEngine; detail: string }> = [];
  for (const file of files) {
    if (isTestSettingsFile(file.path)) continue;
    for (const url of file.jdbcUrls ?? [])
      out.push({ engine: url.engine, detail: `jdbc:${url.subprotocol}: URL in ${where(file, url.span)}` });
  }
  return out;
}
