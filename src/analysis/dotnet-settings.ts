/**
 * An ASP.NET Core service's settings files (`appsettings.json`, `appsettings.Production.json`): the `ConnectionStrings`
 * section holds each named connection's ADO.NET string (`"Default": "Host=pg;Database=billing;Username=billing;Password=…"`,
 * Npgsql; `Server=…;Initial Catalog=…;User Id=…;Password=…`, SQL Server) or a URL. Each is kept as an environment entry
 * under its configuration key, `ConnectionStrings:Default` (what `GetConnectionString("Default")` reads, and
 * `ConnectionStrings__Default` sets from the environment): its database is the service's, its password a committed
 * credential (described, never kept: describe-secrets.ts and connection-url.ts).
 *
 * The .NET Framework's XML configuration (`web.config`, `app.config`, `Web.Release.config`, a `configSource` file such as
 * `connectionStrings.config`) holds the same strings in `<connectionStrings><add name="…" connectionString="…"/>`: kept the
 * same way, under `ConnectionStrings:<name>` (what `ConfigurationManager.ConnectionStrings["<name>"]` reads); each one's
 * `providerName` (`System.Data.SqlClient`, `Npgsql`, `MySql.Data.MySqlClient`, `Oracle.ManagedDataAccess.Client`,
 * `System.Data.SQLite`) is kept as the engine the service declares (`engines`, key `providerName`).
 *
 * Not read: `appsettings.Test*.json` / `appsettings.Testing.json` (the test suite's database). A file that does not parse
 * yields nothing. Never throws.
 */
import type { EnvFileEntry, OrmConfigFacts } from './facts.js';
import { jsonSpan, objectMembers, parseJsonObject } from './json-tree.js';
import { localName, xmlStartTag } from './xml-tags.js';

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

/** Any `*.config` file: `web.config`, `app.config`, their transforms (`Web.Release.config`), a `configSource` file. */
export function isDotnetXmlConfig(path: string): boolean {
  return path.endsWith('.config');
}

/**
 * The `<add connectionString="…">` elements of a .NET XML config's `<connectionStrings>` sections (outside comments), as
 * environment entries `ConnectionStrings:<name>`; each value's span is its attribute's raw text (without the quotes).
 * Undefined when there are none (`packages.config`, `nuget.config`, a file that is no XML). One pass, never throws.
 */
export function parseDotnetXmlConfig(text: string): OrmConfigFacts | undefined {
  if (!text.includes('connectionString')) return undefined;
  const entries: EnvFileEntry[] = [];
  const engines: OrmConfigFacts['engines'] = [];
  let inSection = false;
  for (let p = text.indexOf('<'); p >= 0; p = text.indexOf('<', p)) {
    if (text.startsWith('<!--', p) || text.startsWith('<![CDATA[', p)) {
      const end = text.indexOf(text[p + 2] === '-' ? '-->' : ']]>', p + 4);
      if (end < 0) break;
      p = end + 3;
      continue;
    }
    if (text.startsWith('</', p)) {
      const closing = text.slice(p + 2, p + 80);
      if (localName(closing.slice(0, closing.indexOf('>')).trim()) === 'connectionStrings') inSection = false;
      p += 2;
      continue;
    }
    const tag = xmlStartTag(text, p + 1);
    if (!tag) {
      p++;
      continue;
    }
    if (tag.name === 'connectionStrings') inSection = !tag.selfClosing;
    else if (inSection && tag.name === 'add') {
      const name = tag.attributes.find(([key]) => key === 'name')?.[1];
      const value = tag.attributes.find(([key]) => key === 'connectionString')?.[1];
      if (value) {
        entries.push({
          key: `ConnectionStrings:${name?.value ?? ''}`,
          value: value.value,
          keySpan: name?.span ?? value.span,
          valueSpan: value.span,
        });
        // The ADO.NET provider that opens it (`System.Data.SqlClient`, `Npgsql`): the engine, as an ORM's `type` names it.
        const provider = tag.attributes.find(([key]) => key === 'providerName')?.[1];
        if (provider && provider.value.trim() !== '')
          engines.push({ type: provider.value.trim(), key: 'providerName', span: provider.span });
      }
    }
    p = tag.end;
  }
  if (entries.length === 0) return undefined;
  return { library: 'dotnet', entityGlobs: [], engines, connections: [{ environment: true, entries }] };
}
