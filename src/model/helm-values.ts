/**
 * Helm charts as a service's environment. A chart is a folder holding `Chart.yaml`; its values
 * files (`values.yaml`, `values-prod.yaml`; facts `helmValues`) are where a deployment's settings are
 * written, and its templates (`templates/*.yaml`, read as Kubernetes manifests with each `{{ … }}`
 * masked) say which env variable of a container each value becomes: `- name: DB_NAME` /
 * `value: {{ .Values.database.name | quote }}` (k8s.ts keeps the `.Values` path of such an entry).
 * Nothing is rendered and nothing runs: a value counts when a template hands it whole to a
 * container's env variable, or when its key plainly names a database setting
 * (`DB_NAME: platform` in an `env:` map, `database.name`, `db.host`, `externalDatabase.database`, the
 * bitnami subcharts' `postgresql.auth.database`). A status or label string (`health.database:
 * connected`) is neither. The setting is located at the value in the values file.
 */
import type { EnvFileEntry, FileFacts, YamlSetting } from '../analysis/facts.js';
import { spanToRange } from '../analysis/text.js';
import { isDatabaseHostKey, isDatabaseNameKey, isDatabasePortKey, isDatabaseUrlKey, schemaKeyKind } from './database-settings.js';
import type { SettingVia } from './model.js';

/** One values file's settings, in the shape compose environments take (see findConnections). */
export interface HelmSettingsGroup {
  file: FileFacts;
  entries: EnvFileEntry[];
  /** Every setting of the values file (over the chart's `values.yaml`): where a DB_NAME's host is read. */
  environment: EnvFileEntry[];
  /** The template line handing the value to the container's env variable. */
  via?: SettingVia;
}

export interface HelmChart {
  /** The chart's folder (`deploy/charts/orders`). */
  folder: string;
  groups: HelmSettingsGroup[];
}

/** What a template hands a container: env variable `key` gets the value at `path`, written at `via`. */
interface ValueMapping {
  key: string;
  path: string;
  via: SettingVia;
}

/** The charts of the repository with the database settings their values files give the containers. */
export function helmCharts(files: readonly FileFacts[]): HelmChart[] {
  const folders = new Set(files.filter((f) => baseName(f.path) === 'Chart.yaml').map((f) => folderOf(f.path)));
  if (folders.size === 0) return [];
  const charts = new Map<string, { values: FileFacts[]; mappings: ValueMapping[] }>();
  const chartOf = (folder: string) => {
    let chart = charts.get(folder);
    if (!chart) charts.set(folder, (chart = { values: [], mappings: [] }));
    return chart;
  };
  for (const file of files) {
    const folder = folderOf(file.path);
    if (file.helmValues && folders.has(folder)) chartOf(folder).values.push(file);
    const templates = folder.lastIndexOf('/templates');
    const chartFolder = templates >= 0 ? folder.slice(0, templates) : undefined;
    if (!file.k8s || chartFolder === undefined || !folders.has(chartFolder) || !`${folder}/`.startsWith(`${chartFolder}/templates/`))
      continue;
    for (const manifest of file.k8s)
      for (const entry of manifest.entries) {
        if (entry.section !== 'env' || !entry.values) continue;
        const via: SettingVia = { file: file.path, range: spanToRange(file.lineStarts, entry.valueSpan), how: 'helm' };
        chartOf(chartFolder).mappings.push({ key: entry.key, path: entry.values.join('\0'), via });
      }
  }
  return [...charts]
    .filter(([, chart]) => chart.values.length > 0)
    .map(([folder, chart]) => ({ folder, groups: chartGroups(folder, chart.values, chart.mappings) }));
}

function chartGroups(folder: string, valuesFiles: readonly FileFacts[], mappings: readonly ValueMapping[]): HelmSettingsGroup[] {
  const chartName = folder.slice(folder.lastIndexOf('/') + 1);
  const settingsOf = new Map(valuesFiles.map((file) => [file, fileSettings(file.helmValues ?? [], mappings, chartName)]));
  // `helm install -f values-prod.yaml` sets its values over the chart's values.yaml.
  const base = valuesFiles.find((f) => /^values\.ya?ml$/.test(baseName(f.path)));
  const baseSettings = base ? (settingsOf.get(base) ?? []) : [];
  const groups: HelmSettingsGroup[] = [];
  for (const file of valuesFiles) {
    const settings = settingsOf.get(file) ?? [];
    const own = new Set(settings.map((s) => s.entry.key));
    const environment = [
      ...settings.map((s) => s.entry),
      ...(file === base ? [] : baseSettings.map((s) => s.entry).filter((e) => !own.has(e.key))),
    ];
    const plain = settings.filter((s) => !s.via && !s.contextOnly).map((s) => s.entry);
    if (plain.length > 0) groups.push({ file, entries: plain, environment });
    for (const setting of settings) if (setting.via) groups.push({ file, entries: [setting.entry], environment, via: setting.via });
  }
  return groups;
}

interface ChartSetting {
  entry: EnvFileEntry;
  via?: SettingVia;
  /** Read for where the others are (the bundled database server), never a database of its own. */
  contextOnly?: boolean;
}

/** A values file's settings: the values the templates map to an env variable, then those whose keys name one. */
function fileSettings(values: readonly YamlSetting[], mappings: readonly ValueMapping[], chartName: string): ChartSetting[] {
  const out: ChartSetting[] = [];
  const taken = new Set<YamlSetting>();
  const byPath = new Map(values.map((v) => [[...v.path, v.key].join('\0'), v]));
  for (const mapping of mappings) {
    const value = byPath.get(mapping.path);
    if (!value || out.some((s) => s.entry.key === mapping.key && s.entry.valueSpan.start === value.valueSpan.start)) continue;
    taken.add(value);
    out.push({ entry: asEntry(value, mapping.key), via: mapping.via });
  }
  // A bitnami subchart with `enabled: false` is not deployed (the chart's external database is used).
  const disabled = (subchart: string) =>
    values.some((v) => v.key === 'enabled' && v.path.length === 1 && v.path[0] === subchart && v.value === 'false');
  for (const value of values) {
    const named = plainKey(value);
    if (!named || (named.bundled && disabled(named.bundled))) continue;
    if (!taken.has(value)) out.push({ entry: asEntry(value, named.key) });
    // A deployed subchart is a server of this release's own, whether a template maps its database or its key names it.
    if (named.bundled)
      out.push({
        entry: { key: `${named.prefix}HOST`, value: `${chartName}-${named.bundled}`, keySpan: value.keySpan, valueSpan: value.keySpan },
        contextOnly: true,
      });
  }
  return out;
}

function asEntry(value: YamlSetting, key: string): EnvFileEntry {
  const { path: _path, ...entry } = value;
  return { ...entry, key };
}

/** A block of database settings by its key: `database:`, `db:`, `externalDatabase:`. */
const DATABASE_BLOCKS = new Set(['database', 'db', 'externaldatabase', 'externaldb']);
/** The bitnami subcharts (`postgresql:`, `mysql:`, `mariadb:`) and the variable prefix of their engine. */
const ENGINE_BLOCKS: Record<string, string> = { postgresql: 'POSTGRES_', postgres: 'POSTGRES_', mysql: 'MYSQL_', mariadb: 'MARIADB_' };
const NAME_KEYS = new Set(['name', 'database', 'dbname', 'db', 'postgresqldatabase', 'mysqldatabase', 'mariadbdatabase']);

/**
 * The env variable a value's key plainly stands for: an env-style key that names a database setting
 * (`DB_NAME`, `POSTGRES_HOST`, in an `env:` map or list), or a name / host / port / url key of a
 * database block (`database.name` → `DB_NAME`, `postgresql.auth.database` → `POSTGRES_DB`).
 * `bundled`: the bitnami subchart whose own server it is on.
 */
function plainKey(value: YamlSetting): { key: string; prefix?: string; bundled?: string } | undefined {
  const { key } = value;
  if (/^[A-Z][A-Z0-9_]*$/.test(key)) {
    const database = isDatabaseNameKey(key) || isDatabaseHostKey(key) || isDatabasePortKey(key) || isDatabaseUrlKey(key);
    return database || schemaKeyKind(key) ? { key } : undefined;
  }
  const path = value.path.map((p) => p.toLowerCase());
  const last = path[path.length - 1];
  const subchart = last === 'auth' && path.length === 2 ? path[0] : path.length === 1 ? path[0] : undefined;
  const engine = subchart !== undefined && Object.hasOwn(ENGINE_BLOCKS, subchart) ? subchart : undefined;
  if (!engine && !(last !== undefined && DATABASE_BLOCKS.has(last))) return undefined;
  const prefix = engine ? ENGINE_BLOCKS[engine] : 'DB_';
  const bundled = engine ? value.path[0] : undefined;
  const lower = key.toLowerCase();
  if (engine ? lower !== 'name' && NAME_KEYS.has(lower) : NAME_KEYS.has(lower))
    return {
      key: engine === 'postgresql' || engine === 'postgres' ? 'POSTGRES_DB' : `${prefix}${engine ? 'DATABASE' : 'NAME'}`,
      prefix,
      bundled,
    };
  // A subchart's server is its own: only its database is read there.
  if (engine) return undefined;
  if (lower === 'host' || lower === 'hostname') return { key: 'DB_HOST' };
  if (lower === 'port') return { key: 'DB_PORT' };
  if (lower === 'url' || lower === 'uri') return { key: 'DATABASE_URL' };
  if (lower === 'schema') return { key: 'DB_SCHEMA' };
  return undefined;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function folderOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}
