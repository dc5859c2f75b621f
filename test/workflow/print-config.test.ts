/**
 * `--print-config <file>`: the effective config, the owning service and the dialect, as JSON. Over repositories in
 * memory (test/cli-memory.ts); on disk, with the host's listing cache, in test/e2e/print-config-disk.test.ts.
 */
import { expect, it } from 'vitest';
import { cli, memoryRepo, paymentMigration, workflowConfig } from './helpers.js';

it("prints the effective config with the file's service and dialect, without linting", async () => {
  const root = memoryRepo({
    ...paymentMigration,
    'services/payment/package.json': '{"name":"payment","dependencies":{"pg":"^8.0.0"}}\n',
    'services/billing/src/repo.ts': "pool.query('SELECT * FROM payments');\n",
    'db/postgres/shared.sql': 'CREATE TABLE audit_log (id SERIAL PRIMARY KEY);\n',
  });
  const outcome = await cli(root, ['--print-config', root.resolve('services/payment/src/new-file.ts'), '--rule', 'unknown-table:off']);
  expect(outcome.code).toBe(0);
  expect(outcome.stderr).toBe('');
  const printed = JSON.parse(outcome.stdout);
  expect(printed).toMatchObject({
    file: 'services/payment/src/new-file.ts',
    exists: false,
    kind: 'script',
    service: 'payment',
    dialect: 'postgresql',
    dialectSource: 'service: postgresql from pg in services/payment/package.json',
    configFile: 'nilecare-lint.config.json',
    servicesInferred: false,
  });
  expect(printed.config.services.map((s: { name: string; dialect: string | null }) => [s.name, s.dialect])).toEqual([
    ['billing', null],
    ['payment', 'postgresql'],
  ]);
  // Every rule, resolved: config severities, CLI overrides, option defaults.
  expect(printed.config.rules['no-cross-service-query']).toEqual(['error', { allow: [], allowSharedPackages: false }]);
  expect(printed.config.rules['unknown-table']).toBe('off');
  expect(printed.config.rules['table-prefix']).toBe('off');
  expect(Object.keys(printed.config.rules)).toEqual(Object.keys(printed.config.rules).sort());

  const sql = JSON.parse((await cli(root, ['--print-config', root.resolve('db/postgres/shared.sql')])).stdout);
  expect(sql).toMatchObject({ kind: 'sql', service: null, dialect: 'postgresql', dialectSource: 'file path: PostgreSQL' });
  expect(sql.config.dialect).toBe(workflowConfig.dialect);
});

it('names the engine a file without a parser here is read as, and its evidence, never the MySQL default (HELDOUT8 #15)', async () => {
  const mssql = (name: string) => JSON.stringify({ name, dependencies: { mssql: '^10.0.2' } });
  const root = memoryRepo(
    {
      'services/ledger/package.json': mssql('ledger'),
      'services/ledger/migrations/V1__ledger.sql': 'CREATE TABLE [dbo].[accounts] ([id] INT IDENTITY(1,1) PRIMARY KEY);\nGO\n',
      'services/ledger/.env.example': 'MSSQL_DATABASE=Ledger\n',
      'services/ledger/SQL/sqlite.initial.sql': 'CREATE TABLE accounts (id integer PRIMARY KEY AUTOINCREMENT);\n',
      'services/payroll/package.json': mssql('payroll'),
      'database/init/01-ledger.sql': 'USE Ledger;\nGO\nCREATE TABLE dbo.journal (id INT IDENTITY(1,1) PRIMARY KEY);\n',
    },
    false,
  );
  const printed = async (file: string) => JSON.parse((await cli(root, ['--print-config', root.resolve(file)])).stdout);
  expect(await printed('services/ledger/migrations/V1__ledger.sql')).toMatchObject({
    service: 'ledger',
    dialect: 'sqlserver',
    dialectSource: 'service: SQL Server from mssql in services/ledger/package.json — not parsed here: its SQL is read by tokens only',
  });
  // Outside every service, every service on SQL Server: read as SQL Server's too, as lint() reads it.
  expect(await printed('database/init/01-ledger.sql')).toMatchObject({
    service: null,
    dialect: 'sqlserver',
    dialectSource: 'every service: SQL Server — not parsed here: SQL outside every service is read by its tokens only',
  });
  // A file whose own path names an engine is read in it, whatever its service's (issue 14).
  expect(await printed('services/ledger/SQL/sqlite.initial.sql')).toMatchObject({
    service: 'ledger',
    dialect: 'sqlite',
    dialectSource: 'file path: SQLite — not parsed here: read by its tokens only',
  });
  // A file that is no SQL keeps no dialect.
  expect(await printed('services/ledger/.env.example')).toMatchObject({ service: 'ledger', dialect: null, dialectSource: 'not SQL' });
});

it('names the settings that say the engine: a JDBC URL, a web.config providerName, Laravel’s DB_CONNECTION (issue 14)', async () => {
  const tsql = 'CREATE TABLE [dbo].[accounts] ([id] INT IDENTITY(1,1) PRIMARY KEY);\nGO\n';
  const root = memoryRepo(
    {
      'services/ledger/build.gradle.kts': 'dependencies {\n    runtimeOnly(libs.jdbc.driver)\n}\n',
      'services/ledger/src/main/resources/application.properties':
        'spring.datasource.url=jdbc:sqlserver://sql01:1433;databaseName=Ledger\n',
      'services/ledger/src/main/resources/db/migration/V1__accounts.sql': tsql,
      'services/billing/Web.config':
        '<configuration>\n  <connectionStrings>\n    <add name="Billing" connectionString="Data Source=sql01;Initial Catalog=Billing" providerName="System.Data.SqlClient" />\n  </connectionStrings>\n</configuration>\n',
      'services/billing/Billing.csproj':
        '<Project ToolsVersion="15.0"><ItemGroup><Reference Include="System.Data" /></ItemGroup></Project>\n',
      'services/billing/db/migrations/V1__invoices.sql': tsql,
      'services/shop/composer.json': '{ "require": { "laravel/framework": "^11.0" } }\n',
      'services/shop/.env.example': 'DB_CONNECTION=pgsql\nDB_DATABASE=shop\n',
      'services/shop/database/migrations/2024_01_15_000000_create_orders_table.php':
        "<?php\nreturn new class extends Migration {\n    public function up(): void { Schema::create('orders', fn ($t) => $t->id()); }\n};\n",
      'services/shop/database/sql/report.sql': 'SELECT id::text FROM orders;\n',
    },
    false,
  );
  const printed = async (file: string) => JSON.parse((await cli(root, ['--print-config', root.resolve(file)])).stdout);
  const notParsed = ' — not parsed here: its SQL is read by tokens only';
  expect(await printed('services/ledger/src/main/resources/db/migration/V1__accounts.sql')).toMatchObject({
    service: 'ledger',
    dialect: 'sqlserver',
    dialectSource: `service: SQL Server from jdbc:sqlserver: URL in services/ledger/src/main/resources/application.properties:1${notParsed}`,
  });
  expect(await printed('services/billing/db/migrations/V1__invoices.sql')).toMatchObject({
    service: 'billing',
    dialect: 'sqlserver',
    dialectSource: `service: SQL Server from providerName: 'System.Data.SqlClient' in services/billing/Web.config:3${notParsed}`,
  });
  expect(await printed('services/shop/database/sql/report.sql')).toMatchObject({
    service: 'shop',
    dialect: 'postgresql',
    dialectSource: 'service: postgresql from DB_CONNECTION=pgsql in services/shop/.env.example:1',
  });
});

it('a config dialect on an engine without a parser here is what its services and the SQL outside them are read as (issue 14)', async () => {
  const tsql = 'CREATE TABLE [dbo].[accounts] ([id] INT IDENTITY(1,1) PRIMARY KEY);\nGO\n';
  const root = memoryRepo(
    { 'services/ledger/migrations/V1__accounts.sql': tsql, 'database/init/01-ledger.sql': tsql },
    { dialect: 'sqlserver', services: [{ name: 'ledger', roots: ['services/ledger'], dialect: 'sqlserver' }] },
  );
  const printed = async (file: string) => JSON.parse((await cli(root, ['--print-config', root.resolve(file)])).stdout);
  const service = await printed('services/ledger/migrations/V1__accounts.sql');
  expect(service).toMatchObject({
    service: 'ledger',
    dialect: 'sqlserver',
    dialectSource: 'service: SQL Server, set in the config — not parsed here: its SQL is read by tokens only',
  });
  expect(service.config.services).toEqual([{ name: 'ledger', roots: ['services/ledger'], dialect: 'sqlserver' }]);
  expect(await printed('database/init/01-ledger.sql')).toMatchObject({
    service: null,
    dialect: 'sqlserver',
    dialectSource: 'config dialect: SQL Server — not parsed here: SQL outside every service is read by its tokens only',
  });
  // A file whose path names another engine is read in that one, the service's config aside (h10g's engine by path).
  const pgRoot = memoryRepo(
    {
      'services/ledger/migrations/V1__accounts.sql': tsql,
      'services/ledger/SQL/postgres/V1__accounts.sql': 'CREATE TABLE accounts (id bigserial PRIMARY KEY);\n',
    },
    { services: [{ name: 'ledger', roots: ['services/ledger'], dialect: 'sqlserver' }] },
  );
  const pgFile = JSON.parse(
    (await cli(pgRoot, ['--print-config', pgRoot.resolve('services/ledger/SQL/postgres/V1__accounts.sql')])).stdout,
  );
  expect(pgFile).toMatchObject({ service: 'ledger', dialect: 'postgresql', dialectSource: 'file path: PostgreSQL' });
});
