/**
 * SQL drivers a deployable in another language declares in its manifest (`go.mod` requiring
 * `github.com/jackc/pgx/v5`, `pyproject.toml` depending on `psycopg`, a Gemfile's `gem "mysql2"`,
 * a `.csproj`'s `PackageReference` to `Microsoft.EntityFrameworkCore.SqlServer`, a `pom.xml`'s
 * `mssql-jdbc` or `ojdbc11`): the same evidence of its engine as `pg` (or `mssql`, `oracledb`) in a
 * package.json, for a service whose SQL files are all the linter reads of it. Manifests are read as
 * text (never run), small and capped.
 */
import type { Dialect, UnparsedEngine } from '../analysis/facts.js';
import { readTreeTextIfReadable } from '../io/source-tree.js';
import { driverEngine, packageOfSpecifier } from '../analysis/database-packages.js';
import type { PackageIndex } from './packages.js';
import { EGG_INFO_REQUIRES } from './egg-info.js';

const MAX_MANIFEST_BYTES = 256 * 1024;

type Engine = Dialect | UnparsedEngine;

/** How a Python manifest (requirements.txt, pyproject.toml, an egg-info's requires.txt) names each engine's drivers. */
const PYTHON_DRIVERS: ReadonlyArray<[RegExp, Engine]> = [
  [/(?:^|["'\s])(psycopg2?(?:-binary)?|asyncpg|pg8000)(?=[\s"'[<>=~!;,]|$)/im, 'postgresql'],
  [/(?:^|["'\s])(pymysql|mysqlclient|aiomysql|asyncmy|mysql-connector-python)(?=[\s"'[<>=~!;,]|$)/im, 'mysql'],
  // pyodbc reaches any ODBC source, but a Python service on ODBC is a SQL Server service in practice.
  [/(?:^|["'\s])(pyodbc|pymssql|aioodbc|mssql-django)(?=[\s"'[<>=~!;,]|$)/im, 'sqlserver'],
  [/(?:^|["'\s])(oracledb|cx[_-]oracle)(?=[\s"'[<>=~!;,]|$)/im, 'oracle'],
];

/**
 * Per manifest: how a dependency on each engine's drivers is written there. The engines without a parser here
 * (SQL Server, Oracle, SQLite) count as a package.json's `mssql` does: only where no MySQL or PostgreSQL driver
 * is declared (service-dialect.ts, unparsed-engine.ts).
 */
const MANIFESTS: ReadonlyArray<{ file: string; drivers: ReadonlyArray<[RegExp, Engine]> }> = [
  {
    file: 'go.mod',
    drivers: [
      [/^\s*(?:require\s+)?(github\.com\/(?:jackc\/pgx(?:\/v\d+)?|lib\/pq)|gorm\.io\/driver\/postgres)\s+v/m, 'postgresql'],
      [/^\s*(?:require\s+)?(github\.com\/go-sql-driver\/mysql|gorm\.io\/driver\/mysql)\s+v/m, 'mysql'],
      [/^\s*(?:require\s+)?(github\.com\/(?:microsoft|denisenkom)\/go-mssqldb|gorm\.io\/driver\/sqlserver)\s+v/m, 'sqlserver'],
      [/^\s*(?:require\s+)?(github\.com\/(?:godror\/godror|sijms\/go-ora(?:\/v\d+)?))\s+v/m, 'oracle'],
      [/^\s*(?:require\s+)?(github\.com\/mattn\/go-sqlite3|modernc\.org\/sqlite|gorm\.io\/driver\/sqlite)\s+v/m, 'sqlite'],
    ],
  },
  ...['pyproject.toml', 'requirements.txt', 'Pipfile', 'setup.py'].map((file) => ({ file, drivers: PYTHON_DRIVERS })),
  {
    file: 'Gemfile',
    drivers: [
      [/^\s*gem\s+["'](pg)["']/m, 'postgresql'],
      [/^\s*gem\s+["'](mysql2|trilogy)["']/m, 'mysql'],
      [/^\s*gem\s+["'](tiny_tds|activerecord-sqlserver-adapter)["']/m, 'sqlserver'],
      [/^\s*gem\s+["'](ruby-oci8|activerecord-oracle_enhanced-adapter)["']/m, 'oracle'],
    ],
  },
  ...['pom.xml', 'build.gradle', 'build.gradle.kts'].map((file) => ({
    file,
    drivers: [
      [/(org\.postgresql)\b/, 'postgresql'],
      [/(mysql-connector-(?:java|j)|org\.mariadb\.jdbc)\b/, 'mysql'],
      [/(mssql-jdbc|com\.microsoft\.sqlserver|net\.sourceforge\.jtds)\b/, 'sqlserver'],
      [/(ojdbc\d*|com\.oracle\.database\.jdbc)\b/, 'oracle'],
      [/(sqlite-jdbc)\b/, 'sqlite'],
    ] as ReadonlyArray<[RegExp, Engine]>,
  })),
];

/** A .NET project's file: `Billing.csproj`, `Ledger.Api.fsproj`. */
export const DOTNET_PROJECT = /\.(?:cs|fs|vb)proj$/i;
/** `<PackageReference Include="Npgsql" …>`: the package a .NET project references (also `Update=` in central management). */
const PACKAGE_REFERENCE = /<PackageReference\s+(?:Include|Update)\s*=\s*["']([\w.-]+)["']/gi;
/** NuGet packages that connect to one engine (names compared case-insensitively, as NuGet does). */
const NUGET_DRIVERS: Record<string, Engine> = {
  npgsql: 'postgresql',
  'npgsql.entityframeworkcore.postgresql': 'postgresql',
  'mysql.data': 'mysql',
  mysqlconnector: 'mysql',
  'pomelo.entityframeworkcore.mysql': 'mysql',
  'mysql.entityframeworkcore': 'mysql',
  'microsoft.data.sqlclient': 'sqlserver',
  'system.data.sqlclient': 'sqlserver',
  'microsoft.entityframeworkcore.sqlserver': 'sqlserver',
  'oracle.manageddataaccess': 'oracle',
  'oracle.manageddataaccess.core': 'oracle',
  'oracle.entityframeworkcore': 'oracle',
  'microsoft.data.sqlite': 'sqlite',
  'microsoft.entityframeworkcore.sqlite': 'sqlite',
  'system.data.sqlite': 'sqlite',
  'system.data.sqlite.core': 'sqlite',
};

export interface ForeignDriver {
  /** The engine the driver connects to: a dialect parsed here, or one whose SQL is read by tokens. */
  engine: Engine;
  /** The driver as the manifest names it (`github.com/jackc/pgx/v5`). */
  driver: string;
  /** Repo-relative manifest (`services/ledger/go.mod`). */
  file: string;
}

/** A Deno specifier as a deno.json / deno.jsonc import map writes it (`"npm:postgres@3.4.4"`, `"jsr:@db/postgres@0.19"`). */
const DENO_SPECIFIER = /["']((?:npm|jsr):[^"'\s]+|https:\/\/deno\.land\/x\/[^"'\s]+)["']/g;
const DENO_MANIFESTS = ['deno.json', 'deno.jsonc'];

/**
 * The SQL drivers the other-language manifests directly in `folder` declare; `projects` are the manifests of that folder
 * a tree on disk cannot be asked for by name: its .NET project files, and the `requires.txt` of the egg-info describing
 * it (src/model/egg-info.ts).
 */
export function foreignDrivers(packages: PackageIndex, folder: string, projects: readonly string[] = []): ForeignDriver[] {
  const out: ForeignDriver[] = [];
  // A Deno project's imports (its import map) name its drivers as npm:, jsr: or deno.land/x specifiers.
  for (const name of DENO_MANIFESTS) {
    const file = folder ? `${folder}/${name}` : name;
    const text = manifestText(packages, file);
    if (text === undefined) continue;
    const seen = new Set<string>();
    for (const match of text.matchAll(DENO_SPECIFIER)) {
      const driver = packageOfSpecifier(match[1]);
      const engine = driverEngine(driver);
      if (engine !== undefined && engine !== 'mongodb' && !seen.has(driver)) {
        seen.add(driver);
        out.push({ engine, driver: match[1].startsWith('npm:') ? `npm:${driver}` : driver, file });
      }
    }
  }
  for (const manifest of MANIFESTS) {
    const file = folder ? `${folder}/${manifest.file}` : manifest.file;
    const text = manifestText(packages, file);
    if (text === undefined) continue;
    for (const [pattern, engine] of manifest.drivers) {
      const match = pattern.exec(text);
      if (match) out.push({ engine, driver: match[1], file });
    }
  }
  for (const file of projects) {
    const text = manifestText(packages, file);
    if (text === undefined) continue;
    if (EGG_INFO_REQUIRES.test(file)) {
      for (const [pattern, engine] of PYTHON_DRIVERS) {
        const match = pattern.exec(text);
        if (match) out.push({ engine, driver: match[1], file });
      }
      continue;
    }
    const seen = new Set<string>();
    for (const match of text.matchAll(PACKAGE_REFERENCE)) {
      const name = match[1];
      const key = name.toLowerCase();
      if (seen.has(key) || !Object.hasOwn(NUGET_DRIVERS, key)) continue;
      seen.add(key);
      out.push({ engine: NUGET_DRIVERS[key], driver: name, file });
    }
  }
  return out;
}

/** A manifest's text; undefined when there is none, or it is a link or over the cap (it declares nothing here). */
function manifestText(packages: PackageIndex, file: string): string | undefined {
  if (packages.tree.entry(file) !== 'file') return undefined;
  return readTreeTextIfReadable(packages.tree, file, MAX_MANIFEST_BYTES);
}
