import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foreignDrivers } from '../../src/model/foreign-drivers.js';
import { PackageIndex } from '../../src/model/packages.js';
import { tempDir } from '../temp-dirs.js';

function makeRepo(files: Record<string, string>): string {
  const root = tempDir('nilecare-foreign-drivers-');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

describe('SQL drivers in other languages’ manifests', () => {
  it('reads the driver a Go, Python, Ruby or Java deployable requires, with the manifest that says so', () => {
    const root = makeRepo({
      'ledger/go.mod':
        'module github.com/acme/ledger\n\ngo 1.22\n\nrequire (\n\tgithub.com/jackc/pgx/v5 v5.5.2\n\tgithub.com/google/uuid v1.6.0\n)\n',
      'stock/go.mod': 'module stock\n\nrequire github.com/go-sql-driver/mysql v1.8.1\n',
      'fraud/pyproject.toml': '[project]\nname = "fraud"\ndependencies = ["fastapi>=0.110", "psycopg[binary]>=3.1"]\n',
      'reports/requirements.txt': 'sqlalchemy==2.0.30\nPyMySQL==1.1.0\n',
      'billing/Gemfile': "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'pg', '~> 1.5'\n",
      'search/pom.xml': '<dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId></dependency>\n',
    });
    const packages = new PackageIndex(root);
    const of = (folder: string) => foreignDrivers(packages, folder).map((d) => `${d.engine} ${d.driver} ${d.file}`);
    expect(of('ledger')).toEqual(['postgresql github.com/jackc/pgx/v5 ledger/go.mod']);
    expect(of('stock')).toEqual(['mysql github.com/go-sql-driver/mysql stock/go.mod']);
    expect(of('fraud')).toEqual(['postgresql psycopg fraud/pyproject.toml']);
    expect(of('reports')).toEqual(['mysql PyMySQL reports/requirements.txt']);
    expect(of('billing')).toEqual(['postgresql pg billing/Gemfile']);
    expect(of('search')).toEqual(['postgresql org.postgresql search/pom.xml']);
  });

  it("reads the driver an egg-info's requires.txt lists, when the caller names that file for the folder (issue 14)", () => {
    const root = makeRepo({
      'apps/django-axes/django_axes-5.39.0.egg-info/requires.txt': 'django>=3.2\npsycopg2>=2.8\n',
      'lib/dist-packages/django_cas_server-2.0.0.egg-info/requires.txt': 'Django>=1.11\n\n[mysql]\nmysqlclient>=2.0\n',
      'apps/django-plain/django_plain-1.0.egg-info/requires.txt': 'Django>=4.2\nrequests\n',
    });
    const packages = new PackageIndex(root);
    const of = (folder: string, manifests: string[]) =>
      foreignDrivers(packages, folder, manifests).map((d) => `${d.engine} ${d.driver} ${d.file}`);
    expect(of('apps/django-axes', ['apps/django-axes/django_axes-5.39.0.egg-info/requires.txt'])).toEqual([
      'postgresql psycopg2 apps/django-axes/django_axes-5.39.0.egg-info/requires.txt',
    ]);
    expect(of('lib/dist-packages/cas_server', ['lib/dist-packages/django_cas_server-2.0.0.egg-info/requires.txt'])).toEqual([
      'mysql mysqlclient lib/dist-packages/django_cas_server-2.0.0.egg-info/requires.txt',
    ]);
    expect(of('apps/django-plain', ['apps/django-plain/django_plain-1.0.egg-info/requires.txt'])).toEqual([]);
    // Not named by the caller: a folder's egg-info is not looked for by name.
    expect(of('apps/django-axes', [])).toEqual([]);
  });

  it('reads SQL Server, Oracle and SQLite drivers the same way, and a .NET project’s PackageReference', () => {
    const root = makeRepo({
      'dispatch/go.mod': 'module dispatch\n\nrequire (\n\tgithub.com/microsoft/go-mssqldb v1.7.2\n\tgithub.com/godror/godror v0.42.0\n)\n',
      'edge/go.mod': 'module edge\n\nrequire modernc.org/sqlite v1.29.0\n',
      'exports/requirements.txt': 'fastapi==0.111.0\npyodbc>=5.1\n',
      'headcount/pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.12"\ncx_Oracle = "^8.3"\n',
      'payroll/pom.xml':
        '<dependency>\n  <groupId>com.microsoft.sqlserver</groupId>\n  <artifactId>mssql-jdbc</artifactId>\n</dependency>\n',
      'hr/build.gradle.kts': 'dependencies {\n    runtimeOnly("com.oracle.database.jdbc:ojdbc11:23.4.0.24.05")\n}\n',
      'legacy/Gemfile': "gem 'rails', '~> 7.1'\ngem 'activerecord-sqlserver-adapter', '~> 7.1'\n",
      'billing/Billing.Api.csproj': [
        '<Project Sdk="Microsoft.NET.Sdk.Web">',
        '  <ItemGroup>',
        '    <PackageReference Include="Dapper" Version="2.1.35" />',
        '    <PackageReference Include="Microsoft.EntityFrameworkCore.SqlServer" Version="8.0.6" />',
        '    <PackageReference Include="microsoft.data.sqlclient" Version="5.2.1" />',
        '  </ItemGroup>',
        '</Project>',
        '',
      ].join('\n'),
      'search/Search.fsproj': '<Project><ItemGroup><PackageReference Update="Npgsql" Version="8.0.3" /></ItemGroup></Project>\n',
    });
    const packages = new PackageIndex(root);
    const of = (folder: string, projects: string[] = []) =>
      foreignDrivers(packages, folder, projects).map((d) => `${d.engine} ${d.driver} ${d.file}`);
    expect(of('dispatch')).toEqual([
      'sqlserver github.com/microsoft/go-mssqldb dispatch/go.mod',
      'oracle github.com/godror/godror dispatch/go.mod',
    ]);
    expect(of('edge')).toEqual(['sqlite modernc.org/sqlite edge/go.mod']);
    expect(of('exports')).toEqual(['sqlserver pyodbc exports/requirements.txt']);
    expect(of('headcount')).toEqual(['oracle cx_Oracle headcount/pyproject.toml']);
    expect(of('payroll')).toEqual(['sqlserver com.microsoft.sqlserver payroll/pom.xml']);
    expect(of('hr')).toEqual(['oracle com.oracle.database.jdbc hr/build.gradle.kts']);
    expect(of('legacy')).toEqual(['sqlserver activerecord-sqlserver-adapter legacy/Gemfile']);
    expect(of('billing', ['billing/Billing.Api.csproj'])).toEqual([
      'sqlserver Microsoft.EntityFrameworkCore.SqlServer billing/Billing.Api.csproj',
      'sqlserver microsoft.data.sqlclient billing/Billing.Api.csproj',
    ]);
    expect(of('search', ['search/Search.fsproj'])).toEqual(['postgresql Npgsql search/Search.fsproj']);
  });

  it('names no engine for a manifest without an SQL driver, or for a package whose name only contains one', () => {
    const root = makeRepo({
      'api/go.mod': 'module api\n\nrequire github.com/redis/go-redis/v9 v9.5.1\n',
      'ml/pyproject.toml': '[project]\ndependencies = ["psycopg-pool-metrics>=1", "mysqlclient-stubs", "pyodbc-stubs", "oracledb-utils"]\n',
      'web/Gemfile': "gem 'pg_search'\n",
      // snappy compression (org.xerial.snappy) is no SQLite driver; an H2 test database names no engine here.
      'stream/pom.xml': '<dependency><groupId>org.xerial.snappy</groupId><artifactId>snappy-java</artifactId></dependency>\n',
      'gateway/Gateway.csproj':
        '<Project><ItemGroup><PackageReference Include="Dapper" Version="2.1.35" /><PackageReference Include="Npgsql.Json.NET" Version="8.0.3" /></ItemGroup></Project>\n',
    });
    const packages = new PackageIndex(root);
    for (const folder of ['api', 'ml', 'web', 'stream', 'missing']) expect(foreignDrivers(packages, folder)).toEqual([]);
    expect(foreignDrivers(packages, 'gateway', ['gateway/Gateway.csproj'])).toEqual([]);
  });

  it("reads a Deno project's drivers from its deno.json / deno.jsonc imports: npm:, jsr: and deno.land/x specifiers (HELDOUT8 #21)", () => {
    const root = makeRepo({
      'mailer/deno.json': JSON.stringify({
        tasks: { start: 'deno run -A main.ts' },
        imports: { postgres: 'npm:postgres@3.4.4', '@std/dotenv': 'jsr:@std/dotenv@0.224.0' },
      }),
      'ledger/deno.jsonc': '{\n  // Deno Postgres on JSR\n  "imports": { "db": "jsr:@db/postgres@0.19.3" }\n}\n',
      'stock/deno.json': '{ "imports": { "mysql": "https://deno.land/x/mysql@v2.12.1/mod.ts", "kv": "npm:@upstash/redis@1" } }\n',
      'scoped/deno.json': '{ "imports": { "neon": "npm:@neondatabase/serverless@0.9.3/index.js" } }\n',
      'site/deno.json': '{ "imports": { "hono": "jsr:@hono/hono@4", "pgx": "npm:pg-format@1", "x": "npm:postgresql-client@2" } }\n',
    });
    const packages = new PackageIndex(root);
    const of = (folder: string) => foreignDrivers(packages, folder).map((d) => `${d.engine} ${d.driver} ${d.file}`);
    expect(of('mailer')).toEqual(['postgresql npm:postgres mailer/deno.json']);
    expect(of('ledger')).toEqual(['postgresql jsr:@db/postgres ledger/deno.jsonc']);
    expect(of('stock')).toEqual(['mysql deno.land/x/mysql stock/deno.json']);
    expect(of('scoped')).toEqual(['postgresql npm:@neondatabase/serverless scoped/deno.json']);
    // Packages whose names only start like a driver's are none.
    expect(of('site')).toEqual([]);
  });
});
