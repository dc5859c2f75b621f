/**
 * An ASP.NET Core service's settings files (`appsettings.json`, `appsettings.Production.json`): the `ConnectionStrings`
 * section holds each named connection's ADO.NET string (`"Default": "Host=pg;Database=billing;Username=billing;Password=…"`,
 * Npgsql; `Server=…;Initial Catalog=…;User Id=…;Password=…`, SQL Server) or a URL. Each is kept as an environment entry
 * under its configuration key, `ConnectionStrings:Default` (what `GetConnectionString("Default")` reads, and
 * `ConnectionStrings__Default` sets from the environment): its database is the service's, its password a committed
 * credential (described, never kept: describe-secrets.ts and connection-url.ts).
 *
 * Not read: `appsettings.Test*.json` / `appsettings.Testing.json` (the test suite's database). A file that does not parse
 * yields nothing. Never throws.
 */
import type { EnvFileEntry, OrmConfigFacts } from './facts.js';
import { jsonSpan, objectMembers, parseJsonObject } from './json-tree.js';

/** `appsettings.json`, `appsettings.<Environment>.json`. */
export function isDotnetAppSettings(path: string): boolean {
  return /(?:^|\/)appsettings(?:\.[\w-]+)?\.json$/i.test(path);
}

/** The test suite's environment: its database is a throwaway one. */
const TEST_ENVIRONMENT = /^appsettings\.test(?:ing)?(?:[.-][\w.-]+)?\.json$/i;

export function parseDotnetAppSettings(path: string, text: string): OrmConfigFacts | undefined {
  if (TEST_ENVIRONMENT.test(path.slice(path.lastIndexOf('/') + 1))) return undefined;
  const root = parseJsonObject(text);
  if (!root) return undefined;
  // .NET configuration keys are case-insensitive.
  const section = objectMembers(root).find((m) => m.key.toLowerCase() === 'connectionstrings' && m.value.type === 'object');
  if (!section) return undefined;
  const entries: EnvFileEntry[] = [];
  for (const { key, keyNode, value } of objectMembers(section.value)) {
    if (value.type !== 'string') continue;
    entries.push({ key: `${section.key}:${key}`, value: value.value as string, keySpan: jsonSpan(keyNode), valueSpan: jsonSpan(value) });
  }
  if (entries.length === 0) return undefined;
  return { library: 'dotnet', entityGlobs: [], engines: [], connections: [{ environment: true, entries }] };
}
