/**
 * The databases each service connects to: the ones its config entry pins (`"databases": [...]`,
 * pointing at that entry), else the ones its own files, its docker-compose service and the
 * Kubernetes manifests naming it set (see connections.ts for what counts as a setting).
 */
import type { EnvFileEntry, FileFacts, K8sManifest, Pm2App } from '../analysis/facts.js';
import type { PackageManifest } from '../analysis/package-manifest.js';
import type { ServiceConfig } from '../config/schema.js';
import { fileKindOf } from '../discovery/file-kind.js';
import { roleSearchPaths } from './role-search-paths.js';
import { findConnections, manifestSettings } from './connections.js';
import { spanToRange } from '../analysis/text.js';
import type { RunningService } from './importing-services.js';
import type { DatabaseConnection, Service, SettingSource, SettingVia } from './model.js';
import { isTestFile } from './paths.js';
import { helmCharts } from './helm-values.js';
import { serviceKey, serviceSnakeName } from './service-names.js';
import { isDatabaseHostKey, isDatabaseNameKey, isDatabasePortKey, isDatabaseUrlKey } from './database-settings.js';

/** Where `services[i].databases[j]` of the config file is, when the config came from a file. */
export type ConfigEntryLocator = (serviceIndex: number, databaseIndex: number) => Omit<SettingSource, 'key' | 'origin'> | undefined;

export interface ServiceDatabasesInput {
  services: readonly Service[];
  /** The config entry of each service, index for index. */
  configured: readonly ServiceConfig[];
  files: readonly FileFacts[];
  serviceOf: (path: string) => Service | undefined;
  locateConfigEntry?: ConfigEntryLocator;
  /** The services running a module outside every service (importing-services.ts): a shared config module's settings are theirs. */
  servicesImporting?: (path: string) => readonly RunningService[];
  /** The env files the scripts of the package.json in a repo-relative folder load (package-manifest.ts). */
  scriptEnvFiles?: (folder: string) => PackageManifest['envFileLoads'];
}

/** Fills `service.databases` for every service. */
export function assignServiceDatabases(input: ServiceDatabasesInput): void {
  const { services, files, serviceOf } = input;
  const filesByService = new Map<Service, FileFacts[]>();
  for (const file of files) {
    const service = serviceOf(file.path);
    // Test setup connects to throwaway databases: not the service's configuration.
    if (!service || isTestFile(file.path) || TEST_ENV_FILE.test(file.path)) continue;
    const list = filesByService.get(service) ?? [];
    list.push(file);
    filesByService.set(service, list);
  }
  // Compose files by name; other YAML holding compose services (`compose/common.yml`) is read only where `extends:` names it.
  const composeFiles = files.filter((f) => f.compose && f.compose.length > 0 && fileKindOf(f.path) === 'compose');
  const ecosystemFiles = files.filter((f) => f.script?.pm2Apps && f.script.pm2Apps.length > 0 && !isTestFile(f.path));
  const filesByPath = new Map(files.map((f) => [f.path, f]));
  // Manifests outside every service folder (k8s/, deploy/, charts/) count for the service they name.
  const sharedManifests = files.filter((f) => f.k8s && f.k8s.length > 0 && !serviceOf(f.path) && !isTestFile(f.path));
  const sharedModules = sharedSettingModules(files, serviceOf, input.servicesImporting);
  const charts = helmCharts(files.filter((f) => !isTestFile(f.path)));
  const sharedEnv = sharedEnvKeys(services, filesByService);
  const rolePaths = roleSearchPaths(files);
  for (const [index, service] of services.entries()) {
    const configured = input.configured[index].databases;
    if (configured && configured.length > 0) {
      service.databases = configured.map((entry, entryIndex) =>
        pinnedConnection(service, entry, `services[${index}].databases[${entryIndex}]`, input.locateConfigEntry?.(index, entryIndex)),
      );
      continue;
    }
    const ownFiles = requiredSettings(filesByService.get(service) ?? []);
    const own = new Set(ownFiles.map((f) => f.path));
    const compose = composeFiles.flatMap((file) =>
      (file.compose ?? [])
        .filter((c) => serviceKey(c.service) === serviceKey(service.name))
        .flatMap((c) => composeEnvironment(file, c, filesByPath, own))
        .map((group) => (group.origin === 'env-file' ? sharedEnv(service, group) : group)),
    );
    const pm2 = ecosystemFiles.flatMap((file) =>
      (file.script?.pm2Apps ?? [])
        .filter((app) => pm2AppRuns(file.path, app, service, serviceOf))
        .flatMap((app) => pm2Environment(file, app)),
    );
    const manifests = sharedManifests.flatMap((file) =>
      (file.k8s ?? [])
        .filter((m) => manifestNamesService(file.path, m, service))
        .flatMap((m) => [{ file, entries: manifestSettings(m), origin: 'manifest' as const }, ...generatorEnvFiles(file, m, filesByPath)]),
    );
    // A chart in the service's folder, or outside every service in a folder named after it (`deploy/charts/orders/`), as manifests.
    const helm = charts
      .filter((chart) => {
        const owner = serviceOf(`${chart.folder}/Chart.yaml`);
        return owner ? owner === service : manifestNamesService(`${chart.folder}/Chart.yaml`, { kind: 'Deployment' }, service);
      })
      .flatMap((chart) => chart.groups.map((group) => ({ ...group, origin: 'manifest' as const })));
    // Variables the service's own env files or its compose environment set win over a file it loads
    // (dotenv never overrides a variable already set) and over a shared module's defaults.
    const ownKeys = new Set(ownFiles.flatMap((f) => (f.env ?? []).map((e) => e.key)));
    const composeKeys = [...compose, ...pm2].flatMap((g) => g.entries.map((e) => e.key));
    const loaded = loadedEnvFiles(service, ownFiles, filesByPath, own, new Set([...ownKeys, ...composeKeys]), input.scriptEnvFiles).map(
      (group) => sharedEnv(service, group),
    );
    let found = findConnections(ownFiles, [...compose, ...pm2, ...manifests, ...helm, ...loaded], {
      imported: sharedModules.get(service),
      ownKeys,
      roleSearchPaths: rolePaths,
    });
    // The repository's one application (a data package and the apps using it): the env files at
    // the top of the repository are its settings (Turborepo keeps DATABASE_URL in the root .env).
    if (found.length === 0 && services.length === 1) found = findConnections(files.filter((f) => isRootEnvFile(f, serviceOf)));
    service.databases = found.map((connection) =>
      connection.kind === 'unknown' && service.dialect ? { ...connection, kind: service.dialect } : connection,
    );
  }
}

/**
 * An env file several services load (the root `.env` every service's `dotenv.config({ path: '../../.env' })` or
 * compose `env_file: .env` reads) keeps each service's settings under keys prefixed with its name
 * (`ORDERS_DATABASE_URL`, `BILLING_DB_NAME`): such a key is the service's whose code reads it by name
 * (`process.env.ORDERS_DATABASE_URL`) and the service its prefix names: a key prefixed with another service's
 * name is no setting of this one unless its code reads it (billing's `process.env.ORDERS_DATABASE_URL` is). A key is prefixed when what
 * follows the prefix is a database setting's key itself (`DATABASE_URL`, `DB_NAME`, `DB_HOST`); any other key
 * (`DATABASE_URL`, `POSTGRES_DB`) is every loading service's.
 */
function sharedEnvKeys(
  services: readonly Service[],
  filesByService: ReadonlyMap<Service, readonly FileFacts[]>,
): (service: Service, group: SettingsGroup) => SettingsGroup {
  const readers = new Map<string, Set<Service>>();
  for (const [service, list] of filesByService)
    for (const file of list)
      for (const read of file.script?.envReads ?? []) {
        const set = readers.get(read.name) ?? new Set<Service>();
        set.add(service);
        readers.set(read.name, set);
      }
  const prefixes = services.map((service) => ({ service, prefix: `${serviceSnakeName(service.name).toUpperCase()}_` }));
  const prefixedFor = (key: string): Service | undefined => {
    const upper = key.toUpperCase();
    let best: { service: Service; prefix: string } | undefined;
    for (const candidate of prefixes) {
      if (candidate.prefix === '_' || !upper.startsWith(candidate.prefix) || (best && best.prefix.length >= candidate.prefix.length))
        continue;
      const rest = upper.slice(candidate.prefix.length);
      if (isDatabaseUrlKey(rest) || isDatabaseNameKey(rest) || isDatabaseHostKey(rest) || isDatabasePortKey(rest)) best = candidate;
    }
    return best?.service;
  };
  const belongs = (service: Service, key: string): boolean => {
    if (readers.get(key)?.has(service)) return true;
    const named = prefixedFor(key);
    return !named || named === service;
  };
  return (service, group) => {
    const entries = group.entries.filter((entry) => belongs(service, entry.key));
    return entries.length === group.entries.length
      ? group
      : { ...group, entries, environment: (group.environment ?? group.entries).filter((e) => belongs(service, e.key)) };
  };
}

/**
 * The service's files less the JSON files of connection settings (`json-module`) its code neither requires nor
 * imports (`require('./config/database.json')`, `import db from './db.json' with { type: 'json' }`, by a relative
 * path): a JSON file no code reads is no connection's.
 */
function requiredSettings(files: readonly FileFacts[]): FileFacts[] {
  if (!files.some((f) => f.ormConfig?.library === 'json-module')) return [...files];
  const required = new Set<string>();
  for (const file of files)
    for (const imported of file.script?.imports ?? []) {
      if (!imported.specifier.startsWith('.') || !/\.json$/i.test(imported.specifier)) continue;
      const path = relativeToFile(file.path, imported.specifier);
      if (path !== undefined) required.add(path);
    }
  return files.filter((f) => f.ormConfig?.library !== 'json-module' || required.has(f.path));
}

type SettingsGroup = NonNullable<Parameters<typeof findConnections>[1]>[number];

/**
 * The environment compose gives a service: its `environment:` entries, and the lines of each file
 * its `env_file:` names (relative to the compose file), less the keys `environment:` sets (those
 * win). All of them are one environment: a `DB_HOST` in one places a `DB_NAME` of another. An env
 * file the service's folder holds is read as its own already; a test one (`.env.test`) is the test
 * suite's; one the linter does not read (outside the repository, not named like an env file) adds nothing.
 * A value that is an interpolation (`${APP_DB_NAME}`, `${APP_DB_NAME:-platform}`) is what the `.env`
 * beside the compose file sets for the variable, when it does (compose reads that file by default;
 * its committed template when the `.env` is not committed): the finding is there, the compose value its
 * related location. The service it `extends:` (in this file or the one named) adds its environment
 * under the service's own, as compose merges it. A host that is a service of the same file is that file's
 * project's container (`db` of `services/orders/docker-compose.yml` is not `db` of shipping's own file).
 */
function composeEnvironment(
  file: FileFacts,
  service: NonNullable<FileFacts['compose']>[number],
  filesByPath: ReadonlyMap<string, FileFacts>,
  own: ReadonlySet<string>,
): SettingsGroup[] {
  const folder = file.path.split('/').slice(0, -1).join('/');
  const dotenvPath = joinRepositoryPath(folder, '.env');
  const dotenv = dotenvPath === undefined ? undefined : envFileOrTemplate(dotenvPath, filesByPath);
  const groups = composeGroups({ file, service, filesByPath, own, dotenv, set: new Set(), depth: 0 });
  const all = groups.flatMap((g) => g.entries);
  const composeProject = {
    project: file.composeProject ?? `./${folder}`,
    services: new Set((file.compose ?? []).map((c) => c.service.toLowerCase())),
  };
  return groups.map((group) => ({ ...group, environment: all, composeProject }));
}

/** `extends:` followed this deep at most (a file extending itself, or a cycle, ends there). */
const MAX_EXTENDS_DEPTH = 4;

/** One compose service's groups of settings, less the keys in `set` (a service extending it sets them); `via`: how an extending service takes them. */
function composeGroups(input: {
  file: FileFacts;
  service: NonNullable<FileFacts['compose']>[number];
  filesByPath: ReadonlyMap<string, FileFacts>;
  own: ReadonlySet<string>;
  dotenv: FileFacts | undefined;
  set: ReadonlySet<string>;
  depth: number;
  via?: SettingVia;
}): SettingsGroup[] {
  const { file, service, filesByPath, own, dotenv, set, depth, via } = input;
  const direct: EnvFileEntry[] = [];
  const filled: SettingsGroup[] = [];
  for (const entry of service.entries) {
    if (set.has(entry.key)) continue;
    const interpolation = service.interpolations?.find((i) => i.key === entry.key);
    const value = interpolation && dotenv?.env?.find((e) => e.key === interpolation.variable);
    if (!interpolation || !dotenv || !value) {
      direct.push(entry);
      continue;
    }
    const at: SettingVia = via ?? { file: file.path, range: spanToRange(file.lineStarts, interpolation.span), how: 'interpolation' };
    filled.push({ file: dotenv, entries: [{ ...value, key: entry.key }], origin: 'compose', via: at });
  }
  const withVia = via ? { via } : {};
  const overridden = new Set([...set, ...service.entries.map((e) => e.key)]);
  const envFiles = (service.envFiles ?? []).flatMap((envFile) => {
    const target = filesByPath.get(relativeToFile(file.path, envFile.path) ?? '');
    if (!target?.env || own.has(target.path) || TEST_ENV_FILE.test(target.path)) return [];
    return [{ file: target, entries: target.env.filter((e) => !overridden.has(e.key)), origin: 'env-file' as const, ...withVia }];
  });
  const groups: SettingsGroup[] = [{ file, entries: direct, origin: 'compose', ...withVia }, ...filled, ...envFiles];
  const extended = service.extends;
  if (!extended || depth >= MAX_EXTENDS_DEPTH) return groups;
  const targetPath = extended.file === undefined ? file.path : relativeToFile(file.path, extended.file);
  const target = targetPath === undefined ? undefined : filesByPath.get(targetPath);
  const base = target?.compose?.find((s) => s.service === extended.service);
  if (!target || !base || base === service) return groups;
  const set2 = new Set([...overridden, ...envFiles.flatMap((g) => g.entries.map((e) => e.key))]);
  const how: SettingVia = via ?? { file: file.path, range: spanToRange(file.lineStarts, extended.span), how: 'extends' };
  return [...groups, ...composeGroups({ file: target, service: base, filesByPath, own, dotenv, set: set2, depth: depth + 1, via: how })];
}

/**
 * Env files the service's code loads by a path it names (`dotenv.config({ path:
 * path.resolve(__dirname, '../../.env') })`, see dotenv-loads.ts): the repository's root `.env` is
 * then this service's environment, less the keys its own env files and compose environment set.
 * A path from the working directory starts at the service's folder, where its scripts run. A
 * `.env` the repository does not hold (ignored, as it should be) is read through its committed
 * template (`.env.example`, `.env.sample`, `.env.template`): the settings every deployment is given.
 */
function loadedEnvFiles(
  service: Service,
  ownFiles: readonly FileFacts[],
  filesByPath: ReadonlyMap<string, FileFacts>,
  own: ReadonlySet<string>,
  overridden: ReadonlySet<string>,
  scriptEnvFiles: ServiceDatabasesInput['scriptEnvFiles'],
): SettingsGroup[] {
  const out: SettingsGroup[] = [];
  const seen = new Set<string>();
  // The start scripts of the service's package.json: `node --env-file=../../.env …`, `dotenv -e ../../.env -- …`.
  for (const folder of new Set(service.roots.map(plainFolder))) {
    if (folder === undefined) continue;
    for (const load of scriptEnvFiles?.(folder) ?? []) {
      const target = envFileOrTemplate(joinRepositoryPath(folder, load.path) ?? '', filesByPath);
      if (!target?.env || own.has(target.path) || TEST_ENV_FILE.test(target.path) || seen.has(target.path)) continue;
      seen.add(target.path);
      const via: SettingVia = { file: folder ? `${folder}/package.json` : 'package.json', range: load.range, how: 'script' };
      out.push({ file: target, entries: target.env.filter((e) => !overridden.has(e.key)), origin: 'env-file', via });
    }
  }
  for (const file of ownFiles) {
    for (const load of file.script?.dotenvLoads ?? []) {
      const folder = load.base === 'module' ? file.path.split('/').slice(0, -1).join('/') : serviceFolder(service, file.path);
      const path = folder === undefined ? undefined : joinRepositoryPath(folder, load.path);
      const target = path === undefined ? undefined : envFileOrTemplate(path, filesByPath);
      if (!target?.env || own.has(target.path) || TEST_ENV_FILE.test(target.path) || seen.has(target.path)) continue;
      seen.add(target.path);
      const via: SettingVia = { file: file.path, range: spanToRange(file.lineStarts, load.fileSpan), how: 'dotenv' };
      out.push({ file: target, entries: target.env.filter((e) => !overridden.has(e.key)), origin: 'env-file', via });
    }
  }
  return out;
}

const ENV_TEMPLATE_SUFFIXES = ['.example', '.sample', '.template'];

/** The env file at `path`, else (not in the repository) its committed template. */
function envFileOrTemplate(path: string, filesByPath: ReadonlyMap<string, FileFacts>): FileFacts | undefined {
  const file = filesByPath.get(path);
  if (file) return file.env ? file : undefined;
  for (const suffix of ENV_TEMPLATE_SUFFIXES) {
    const template = filesByPath.get(path + suffix);
    if (template?.env) return template;
  }
  return undefined;
}

/** The service's folder holding `path`: a root of it that is a plain folder (not a glob). */
function serviceFolder(service: Service, path: string): string | undefined {
  for (const root of service.roots) {
    const folder = plainFolder(root);
    if (folder === undefined) continue;
    if (folder === '' || path.startsWith(`${folder}/`)) return folder;
  }
  return undefined;
}

/** A root as a folder (`services/billing/**` → `services/billing`); undefined for a glob. */
function plainFolder(root: string): string | undefined {
  const folder = root.replace(/\/\*\*$/, '').replace(/\/$/, '');
  return /[*?[\]{}]/.test(folder) ? undefined : folder;
}

/**
 * Modules outside every service whose connection settings name one database (a shared config
 * package's `{ database: process.env.DB_NAME || 'platform' }`), for each service importing them
 * (directly or through other shared modules), with the import. A module naming several (a map of
 * every service's settings) does not say which one an importer uses: none is taken.
 */
function sharedSettingModules(
  files: readonly FileFacts[],
  serviceOf: (path: string) => Service | undefined,
  servicesImporting: ((path: string) => readonly RunningService[]) | undefined,
): Map<Service, Array<{ file: FileFacts; via: SettingVia }>> {
  const out = new Map<Service, Array<{ file: FileFacts; via: SettingVia }>>();
  if (!servicesImporting) return out;
  for (const file of files) {
    const script = file.script;
    if (!script || serviceOf(file.path) || isTestFile(file.path)) continue;
    if (script.configProperties.length === 0 && script.envDefaults.length === 0 && script.connectionStrings.length === 0) continue;
    const names = new Set(findConnections([file]).map((c) => c.name.toLowerCase()));
    if (names.size !== 1) continue;
    for (const running of servicesImporting(file.path)) {
      const list = out.get(running.service) ?? [];
      list.push({ file, via: { file: running.import.file, range: running.import.range, how: 'import' } });
      out.set(running.service, list);
    }
  }
  return out;
}

/**
 * Whether a PM2 app starts `service`: the folder its `cwd` names (relative to the ecosystem file) or
 * the file its `script` names (relative to that folder) is the service's; an app whose `cwd` /
 * `script` lead to no service (`script: 'npm'`, a path outside the repository) is matched by `name`.
 */
function pm2AppRuns(file: string, app: Pm2App, service: Service, serviceOf: (path: string) => Service | undefined): boolean {
  const folder = app.cwd === undefined ? folderOf(file) : relativeToFile(file, app.cwd);
  if (folder !== undefined && (app.cwd !== undefined || app.script !== undefined)) {
    const inFolder = (name: string) => (folder ? `${folder}/${name}` : name);
    const started = app.script === undefined ? inFolder('package.json') : relativeToFile(inFolder('ecosystem'), app.script);
    const runs = started === undefined ? undefined : serviceOf(started);
    if (runs) return runs === service;
  }
  return app.name !== undefined && serviceKey(app.name) === serviceKey(service.name);
}

/**
 * A PM2 app's environments: `env`, and each `env_<name>` block over it (`pm2 start --env production`
 * sets `env` and then `env_production`, whose keys win). All of them place one another's `DB_NAME`.
 */
function pm2Environment(file: FileFacts, app: Pm2App): SettingsGroup[] {
  const base = app.environments.find((e) => e.name === 'env')?.entries ?? [];
  // `env_test`: the test suite's throwaway database, as a Sequelize config's `test` environment.
  return app.environments
    .filter((environment) => !/^env_test(?:ing)?$/i.test(environment.name))
    .map((environment) => {
      const keys = new Set(environment.entries.map((e) => e.key));
      const over = environment.name === 'env' ? environment.entries : [...base.filter((e) => !keys.has(e.key)), ...environment.entries];
      return { file, entries: environment.entries, origin: 'pm2' as const, environment: over };
    });
}

function folderOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

/**
 * The env files a kustomization's generator builds the ConfigMap or Secret from (`envs: [orders.env]`): their lines
 * are that object's data, the environment of the service it names. A test env file, or one the repository does not
 * hold, adds nothing.
 */
function generatorEnvFiles(file: FileFacts, manifest: K8sManifest, filesByPath: ReadonlyMap<string, FileFacts>): SettingsGroup[] {
  return (manifest.envFiles ?? []).flatMap((named) => {
    const target = filesByPath.get(relativeToFile(file.path, named.path) ?? '');
    if (!target?.env || TEST_ENV_FILE.test(target.path)) return [];
    return [{ file: target, entries: target.env, origin: 'manifest' as const }];
  });
}

/** A `.env.test` (`.env.test.local`): the test suite's settings. */
const TEST_ENV_FILE = /(^|\/)\.env\.test(\.|$)/;

/** `target` as the repository path it names from `from`'s folder; undefined when it leaves the repository or is absolute. */
function relativeToFile(from: string, target: string): string | undefined {
  return joinRepositoryPath(from.split('/').slice(0, -1).join('/'), target);
}

/** `target` as the repository path it names from `folder` (`''`: the root); undefined when it leaves the repository or is absolute. */
function joinRepositoryPath(folder: string, target: string): string | undefined {
  if (target.startsWith('/') || /^[A-Za-z]:/.test(target)) return undefined;
  const parts = folder === '' ? [] : folder.split('/');
  for (const part of target.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.length === 0) return undefined;
    else parts.pop();
  }
  return parts.join('/');
}

/** A `.env` / `.env.example` at the top of the repository, outside every service (test settings excluded). */
function isRootEnvFile(file: FileFacts, serviceOf: (path: string) => Service | undefined): boolean {
  return file.env !== undefined && !file.path.includes('/') && !serviceOf(file.path) && !/^\.env\.test(\.|$)/.test(file.path);
}

/** A database the config pins for a service; its one source is the config entry, when the config is a file. */
function pinnedConnection(
  service: Service,
  entry: NonNullable<ServiceConfig['databases']>[number],
  key: string,
  at: Omit<SettingSource, 'key' | 'origin'> | undefined,
): DatabaseConnection {
  const name = typeof entry === 'string' ? entry : entry.name;
  const kind = (typeof entry === 'string' ? undefined : entry.kind) ?? service.dialect ?? 'unknown';
  return { name, kind, sources: at ? [{ ...at, key, origin: 'lint-config' }] : [] };
}

/**
 * The one relational database a service's SQL of `dialect` lives in, when only one candidate
 * exists; for a PostgreSQL connection confined to one schema, that schema (where its
 * unqualified tables are).
 */
export function soleDatabase(service: Service | undefined, dialect?: string): string | undefined {
  const relational = service?.databases.filter((d) => d.kind !== 'mongodb') ?? [];
  const sameEngine = relational.length === 1 ? relational : relational.filter((d) => d.kind === dialect);
  if (sameEngine.length !== 1) return undefined;
  const [connection] = sameEngine;
  return connection.schemas?.length === 1 ? connection.schemas[0] : connection.name;
}

/** What a ConfigMap or Secret name adds to the service's: `billing-service-config`, `billing-db-secret`. */
const CONFIG_NAME_SUFFIXES = [
  'config',
  'configmap',
  'cm',
  'env',
  'environment',
  'settings',
  'secret',
  'secrets',
  'credentials',
  'db',
  'database',
];
/**
 * What a workload name may add: its kind only (`billing-service-deployment`). A role (`billing-api`,
 * `billing-worker`, `billing-db`) may be another deployable or the database server itself, and a
 * wrong match invents a shared database; the folder or the config can still say.
 */
const WORKLOAD_NAME_SUFFIXES = ['deployment', 'deploy', 'statefulset', 'sts', 'daemonset', 'cronjob', 'job', 'pod'];

/**
 * Whether a manifest outside the service folders belongs to `service`: a folder of its path
 * (`k8s/billing/…`) or its `metadata.name` names the service (see the suffixes above). Template
 * names (`{{ … }}`) name nothing.
 */
function manifestNamesService(path: string, manifest: Pick<K8sManifest, 'kind' | 'name'>, service: Service): boolean {
  const wanted = serviceKey(service.name);
  if (!wanted) return false;
  const folders = path.split('/').slice(0, -1);
  if (folders.some((folder) => serviceKey(folder) === wanted)) return true;
  const name = manifest.name;
  if (!name || name.includes('{{')) return false;
  const isConfig = manifest.kind === 'ConfigMap' || manifest.kind === 'Secret';
  const lower = name.toLowerCase();
  const stem = isConfig ? withoutSuffixes(lower, CONFIG_NAME_SUFFIXES, Infinity) : withoutSuffixes(lower, WORKLOAD_NAME_SUFFIXES, 1);
  return serviceKey(stem) === wanted;
}

/**
 * `name` without up to `most` trailing `-word` (or `_word`, `.word`) suffixes from `words`. By
 * comparison from the end, not a `(?:[-_.](?:…))+$` RegExp: a search for that restarts at every
 * position of a long `-db-db-db…x`, quadratic in the name a manifest chooses.
 */
function withoutSuffixes(name: string, words: readonly string[], most: number): string {
  let end = name.length;
  for (let stripped = 0; stripped < most; stripped++) {
    const word = words.find((w) => end > w.length && name.startsWith(w, end - w.length) && '-_.'.includes(name[end - w.length - 1]));
    if (!word) break;
    end -= word.length + 1;
  }
  return name.slice(0, end);
}
