/**
 * Services on a SQL engine the linter has no parser for (SQL Server through `mssql` / `tedious`,
 * SQLite through `better-sqlite3` / `sqlite3` / `@libsql/client`, Oracle through `oracledb`), from
 * what the service declares: its package.json, another language's manifest (a `.csproj` referencing
 * `Microsoft.Data.SqlClient`, a `pom.xml` with `mssql-jdbc` or `ojdbc11`, `go-mssqldb` / `godror` in
 * `go.mod`, `pyodbc` / `oracledb` in `requirements.txt`: foreign-drivers.ts), ORM options (`type: 'mssql'`, knex `client:
 * 'sqlite3'`, Sequelize `dialect: 'sqlite'`, a .NET `web.config`'s `providerName="System.Data.SqlClient"`, Laravel's
 * `DB_CONNECTION=sqlsrv`), its Prisma `provider`, a Cloudflare Worker's D1 binding
 * (`[[d1_databases]]` in wrangler.toml: D1 is SQLite), its imports. Read with either
 * parser, their valid SQL would be a parse warning per statement; their SQL is read by tokens only
 * (table references, DDL facts), and the run says so once per service.
 *
 * Only consulted when the service declares no MySQL or PostgreSQL driver: a service with `pg` and
 * `better-sqlite3` (tests on SQLite) is a PostgreSQL service.
 */
import type { FileFacts } from '../analysis/facts.js';
import {
  ENGINE_OPTION_KEYS,
  optionValueUnparsedEngine,
  packageOfSpecifier,
  packageUnparsedEngine,
  type UnparsedEngine,
} from '../analysis/database-packages.js';
import { spanToRange } from '../analysis/text.js';
import type { ForeignDriver } from './foreign-drivers.js';
import type { PackageIndex } from './packages.js';
import { connectionDriverSettings } from './engine-evidence.js';

export interface UnparsedEngineEvidence {
  engine: UnparsedEngine;
  /** What was seen, e.g. `mssql in services/erp/package.json`. */
  detail: string;
  /** Only a `devDependencies` entry says so: the tests' database, weaker than anything the service ships. */
  dev?: true;
}

const PRISMA_PROVIDERS: Record<string, UnparsedEngine> = { sqlserver: 'sqlserver', sqlite: 'sqlite' };

export function unparsedEngineEvidence(
  folders: readonly string[],
  files: readonly FileFacts[],
  packages: PackageIndex,
  foreign: (folder: string) => readonly ForeignDriver[] = () => [],
): UnparsedEngineEvidence[] {
  const out: UnparsedEngineEvidence[] = [];
  const where = (file: FileFacts, span: { start: number; end: number }) => `${file.path}:${spanToRange(file.lineStarts, span).line}`;
  for (const folder of folders) {
    // A service in another language names its driver in its own manifest.
    for (const found of foreign(folder))
      if (found.engine !== 'mysql' && found.engine !== 'postgresql')
        out.push({ engine: found.engine, detail: `${found.driver} in ${found.file}` });
    const read = packages.manifest(folder);
    if (!read?.ok) continue;
    const devOnly = new Set(read.manifest.devOnly ?? []);
    for (const name of [...read.manifest.dependencies, ...read.manifest.otherDependencies]) {
      const engine = packageUnparsedEngine(name);
      if (!engine) continue;
      const where = `${folder ? `${folder}/` : ''}package.json`;
      out.push(
        devOnly.has(name)
          ? { engine, detail: `${name} in ${where} (devDependencies)`, dev: true }
          : { engine, detail: `${name} in ${where}` },
      );
    }
  }
  for (const file of files) {
    for (const source of file.prismaDatasources ?? []) {
      const engine = source.provider === undefined ? undefined : PRISMA_PROVIDERS[source.provider];
      if (engine && source.providerSpan)
        out.push({ engine, detail: `provider = "${source.provider}" in ${where(file, source.providerSpan)}` });
    }
    // Laravel's config/database.php default counts only where no env file sets DB_CONNECTION (below).
    if (file.ormConfig?.library !== 'laravel')
      for (const declared of file.ormConfig?.engines ?? []) {
        const engine = optionValueUnparsedEngine(declared.type);
        if (engine) out.push({ engine, detail: `${declared.key ?? 'type'}: '${declared.type}' in ${where(file, declared.span)}` });
      }
    // A Worker's D1 binding: D1 is SQLite (wrangler-config.ts).
    for (const d1 of file.d1Databases ?? []) out.push({ engine: 'sqlite', detail: `d1_databases in ${where(file, d1.span)}` });
    const script = file.script;
    if (!script) continue;
    for (const property of script.configProperties) {
      if (!ENGINE_OPTION_KEYS.has(property.key) || property.value === undefined) continue;
      if (property.valueKind !== 'string' && property.valueKind !== 'env-default') continue;
      const engine = optionValueUnparsedEngine(property.value);
      if (engine) out.push({ engine, detail: `${property.key}: '${property.value}' in ${where(file, property.valueSpan)}` });
    }
    for (const imported of script.imports) {
      const engine = packageUnparsedEngine(packageOfSpecifier(imported.specifier));
      if (engine) out.push({ engine, detail: `'${imported.specifier}' imported in ${where(file, imported.fileSpan)}` });
    }
  }
  // A framework's DB_CONNECTION (Laravel's `sqlsrv`, `sqlite`), or Laravel's config/database.php default.
  for (const setting of connectionDriverSettings(files)) {
    const engine = optionValueUnparsedEngine(setting.value);
    if (engine) out.push({ engine, detail: setting.detail });
  }
  return out;
}
