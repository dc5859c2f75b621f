/**
 * Engine evidence a service's settings give beside its drivers (issue 14, left-over of HELDOUT8 #20): a .NET Framework
 * `web.config`'s `providerName`, Laravel's `DB_CONNECTION` (and its `config/database.php` default), and JDBC URLs alone
 * (`jdbc:sqlserver://`, `jdbc:oracle:thin:@`, `jdbc:sqlite:`, `jdbc:postgresql://`, `jdbc:mysql://`, `jdbc:mariadb://`)
 * in Spring's, Flyway's, env and compose settings. A service on SQL Server, Oracle or SQLite is then read by that
 * engine's tokens (its T-SQL no MySQL parse-error) and its tables are within reach of the other services on it.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { memoryTree } from '../../src/io/source-tree.js';

const RULES = ['parse-error', 'no-cross-service-query', 'unknown-table'];

/** T-SQL MySQL's parser rejects at its first bracket. */
const TSQL_INVOICES = [
  'CREATE TABLE [dbo].[invoices] (',
  '    [id] BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,',
  '    [customer_id] BIGINT NOT NULL,',
  '    [total] DECIMAL(19,4) NOT NULL',
  ');',
  'GO',
  '',
].join('\n');
const TSQL_PARSE_ERROR = (file: string) =>
  `parse-error ${file}:1:14-1:15 MySQL parser could not parse this statement (syntax error at or near "["); its table references were read from tokens.`;

/** A Node reporting service on SQL Server reading the billing service's invoices through a three-part name. */
const REPORTS = {
  'services/reports/package.json': JSON.stringify({ name: 'reports', dependencies: { mssql: '^10.0.2' } }),
  'services/reports/src/main.js': [
    "const sql = require('mssql');",
    "exports.totals = async (pool) => (await pool).request().query('SELECT SUM(total) AS total FROM Billing.dbo.invoices');",
    '',
  ].join('\n'),
};
const READ_COLUMN = REPORTS['services/reports/src/main.js'].split('\n')[1].indexOf('Billing.dbo.invoices') + 1;
const CROSS_READ = `no-cross-service-query services/reports/src/main.js:2:${READ_COLUMN}-2:${READ_COLUMN + 'Billing.dbo.invoices'.length} Service 'reports' reads table 'dbo.invoices' owned by service 'billing'.`;

async function run(files: Record<string, string>) {
  const tree = memoryTree(files, { root: '/engine-settings' });
  const result = await lint({ cwd: tree.root, tree });
  expect(result.internalErrors).toEqual([]);
  const service = (name: string) => result.model.serviceByName(name);
  return {
    result,
    engine: (name: string) => service(name)?.dialect ?? service(name)?.dialectDecision?.unparsedEngine ?? null,
    basis: (name: string) => service(name)?.dialectDecision?.basis,
    evidence: (name: string) => service(name)?.dialectDecision?.evidence.map((e) => e.detail),
    findings: result.diagnostics
      .filter((d) => RULES.includes(d.ruleId))
      .map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`),
  };
}

const webConfig = (provider: string) =>
  [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<configuration>',
    '  <connectionStrings>',
    '    <!-- <add name="Old" connectionString="Data Source=old01;Initial Catalog=Old" providerName="Npgsql" /> -->',
    `    <add name="Billing" connectionString="Data Source=sql01;Initial Catalog=Billing;Integrated Security=True" providerName="${provider}" />`,
    '  </connectionStrings>',
    '</configuration>',
    '',
  ].join('\n');

/** A .NET Framework 4.8 service: an old-style project referencing System.Data, no driver package to name the engine. */
const legacyBilling = (provider: string) => ({
  'services/billing/Billing.csproj':
    '<Project ToolsVersion="15.0"><ItemGroup><Reference Include="System.Data" /><Reference Include="System.Configuration" /></ItemGroup></Project>\n',
  'services/billing/packages.config':
    '<?xml version="1.0" encoding="utf-8"?>\n<packages>\n  <package id="Dapper" version="2.1.35" />\n</packages>\n',
  'services/billing/Web.config': webConfig(provider),
  'services/billing/db/migrations/V1__invoices.sql': TSQL_INVOICES,
});

describe("a .NET Framework web.config's providerName", () => {
  it('System.Data.SqlClient: a SQL Server service, its T-SQL no parse-error, its table within reach of the reader', async () => {
    const { engine, evidence, findings } = await run({ ...REPORTS, ...legacyBilling('System.Data.SqlClient') });
    expect(engine('billing')).toBe('sqlserver');
    expect(evidence('billing')).toEqual(["providerName: 'System.Data.SqlClient' in services/billing/Web.config:5"]);
    expect(findings).toEqual([CROSS_READ]);
  });

  it.each([
    ['Microsoft.Data.SqlClient', 'sqlserver'],
    ['Npgsql', 'postgresql'],
    ['MySql.Data.MySqlClient', 'mysql'],
    ['MySqlConnector', 'mysql'],
    ['Oracle.ManagedDataAccess.Client', 'oracle'],
    ['System.Data.SQLite', 'sqlite'],
  ])('%s names %s', async (provider, expected) => {
    const { engine, evidence } = await run(legacyBilling(provider));
    expect(engine('billing')).toBe(expected);
    expect(evidence('billing')).toEqual([`providerName: '${provider}' in services/billing/Web.config:5`]);
  });

  it('System.Data.OleDb (any engine), or a provider only in a comment, names none: the T-SQL is a MySQL parse-error as before', async () => {
    const { engine, findings } = await run(legacyBilling('System.Data.OleDb'));
    expect(engine('billing')).toBeNull();
    expect(findings).toEqual([TSQL_PARSE_ERROR('services/billing/db/migrations/V1__invoices.sql')]);
  });
});

/** A Laravel application: its schema in PHP migrations, reports in T-SQL or PostgreSQL files. */
const shop = (files: Record<string, string>) => ({
  'services/shop/composer.json': '{\n  "name": "acme/shop",\n  "require": { "php": "^8.2", "laravel/framework": "^11.0" }\n}\n',
  'services/shop/database/migrations/2024_01_15_000000_create_invoices_table.php': [
    '<?php',
    '',
    'use Illuminate\\Database\\Migrations\\Migration;',
    'use Illuminate\\Database\\Schema\\Blueprint;',
    'use Illuminate\\Support\\Facades\\Schema;',
    '',
    'return new class extends Migration',
    '{',
    '    public function up(): void',
    '    {',
    "        Schema::create('orders', function (Blueprint $table) {",
    '            $table->id();',
    '            $table->timestamps();',
    '        });',
    '    }',
    '};',
    '',
  ].join('\n'),
  'services/shop/database/sql/V1__invoices.sql': TSQL_INVOICES,
  ...files,
});
const LARAVEL_CONFIG = (fallback: string) =>
  [
    '<?php',
    '',
    'return [',
    "    // 'default' => env('DB_CONNECTION', 'sqlite'),",
    `    'default' => env('DB_CONNECTION', '${fallback}'),`,
    "    'redis' => ['default' => ['host' => env('REDIS_HOST', '127.0.0.1')]],",
    '];',
    '',
  ].join('\n');

describe("Laravel's DB_CONNECTION", () => {
  it('sqlsrv in .env.example: a SQL Server service; its T-SQL is no parse-error (.env.testing on SQLite is the test suite’s)', async () => {
    const { engine, evidence, findings } = await run(
      shop({
        'services/shop/.env.example': 'APP_NAME=Shop\nDB_CONNECTION=sqlsrv\nDB_HOST=sql01\nDB_DATABASE=shop\n',
        'services/shop/.env.testing': 'DB_CONNECTION=sqlite\nDB_DATABASE=:memory:\n',
      }),
    );
    expect(engine('shop')).toBe('sqlserver');
    expect(evidence('shop')).toEqual(['DB_CONNECTION=sqlsrv in services/shop/.env.example:2']);
    expect(findings).toEqual([]);
  });

  it('pgsql in .env.example wins over the skeleton’s mysql default in config/database.php: PostgreSQL, not both engines', async () => {
    const { engine, basis, evidence } = await run(
      shop({
        'services/shop/.env.example': 'DB_CONNECTION=pgsql\nDB_DATABASE=shop\n',
        'services/shop/config/database.php': LARAVEL_CONFIG('mysql'),
      }),
    );
    expect([engine('shop'), basis('shop')]).toEqual(['postgresql', 'declared']);
    expect(evidence('shop')).toEqual(['DB_CONNECTION=pgsql in services/shop/.env.example:1']);
  });

  it("without an env file's DB_CONNECTION, config/database.php's default decides (a commented-out line does not)", async () => {
    const { engine, evidence } = await run(shop({ 'services/shop/config/database.php': LARAVEL_CONFIG('sqlsrv') }));
    expect(engine('shop')).toBe('sqlserver');
    expect(evidence('shop')).toEqual(["default connection 'sqlsrv' in services/shop/config/database.php:5"]);
  });

  it('mariadb: a MySQL service that runs on MariaDB', async () => {
    const { result, engine } = await run(shop({ 'services/shop/.env': 'DB_CONNECTION=mariadb\nDB_DATABASE=shop\n' }));
    expect(engine('shop')).toBe('mysql');
    expect(result.model.serviceByName('shop')?.dialectDecision?.mariadb).toEqual(['DB_CONNECTION=mariadb in services/shop/.env:1']);
  });

  it("a connection of the application's own naming (DB_CONNECTION=tenant) names no engine: the T-SQL is a MySQL parse-error as before", async () => {
    const { engine, findings } = await run(shop({ 'services/shop/.env.example': 'DB_CONNECTION=tenant\nDB_DATABASE=shop\n' }));
    expect(engine('shop')).toBeNull();
    expect(findings).toEqual([TSQL_PARSE_ERROR('services/shop/database/sql/V1__invoices.sql')]);
  });
});

/** A Spring Boot service whose Gradle build takes its driver from a version catalog: no driver name in build.gradle.kts. */
const spring = (files: Record<string, string>) => ({
  'services/billing/build.gradle.kts':
    'plugins { id("org.springframework.boot") version "3.3.1" }\n\ndependencies {\n    implementation(libs.spring.boot.starter.jdbc)\n    runtimeOnly(libs.jdbc.driver)\n}\n',
  'services/billing/src/main/resources/db/migration/V1__invoices.sql': TSQL_INVOICES,
  ...files,
});

describe('JDBC URLs alone', () => {
  it('jdbc:sqlserver:// in application.properties: a SQL Server service from its connection (a commented-out URL and a test profile say nothing)', async () => {
    const { engine, basis, evidence, findings } = await run({
      ...REPORTS,
      ...spring({
        'services/billing/src/main/resources/application.properties': [
          'spring.application.name=billing',
          '#spring.datasource.url=jdbc:postgresql://localhost:5432/billing',
          'spring.datasource.url=jdbc:sqlserver://sql01:1433;databaseName=Billing;encrypt=true',
          '',
        ].join('\n'),
        'services/billing/src/main/resources/application-test.properties': 'spring.datasource.url=jdbc:sqlite::memory:\n',
      }),
    });
    expect([engine('billing'), basis('billing')]).toEqual(['sqlserver', 'connection']);
    expect(evidence('billing')).toEqual(['jdbc:sqlserver: URL in services/billing/src/main/resources/application.properties:3']);
    expect(findings).toEqual([CROSS_READ]);
  });

  it.each([
    [
      'jdbc:oracle:thin:@ in application.yml',
      'services/billing/src/main/resources/application.yml',
      'spring:\n  datasource:\n    url: jdbc:oracle:thin:@//ora01:1521/BILLPDB\n',
      'oracle',
      'jdbc:oracle: URL in services/billing/src/main/resources/application.yml:3',
    ],
    [
      'jdbc:jtds:sqlserver:// in flyway.conf',
      'services/billing/flyway.conf',
      'flyway.url=jdbc:jtds:sqlserver://sql01:1433/Billing\nflyway.user=${FLYWAY_USER}\n',
      'sqlserver',
      'jdbc:jtds:sqlserver: URL in services/billing/flyway.conf:1',
    ],
    [
      'jdbc:sqlite: in an env file',
      'services/billing/.env.example',
      'SPRING_DATASOURCE_URL=jdbc:sqlite:/var/lib/billing/billing.db\n',
      'sqlite',
      'jdbc:sqlite: URL in services/billing/.env.example:1',
    ],
    [
      'jdbc:sqlserver:// in the service’s compose environment',
      'services/billing/docker-compose.yml',
      'services:\n  billing:\n    image: acme/billing\n    environment:\n      SPRING_DATASOURCE_URL: "jdbc:sqlserver://sql01:1433;databaseName=Billing"\n',
      'sqlserver',
      'jdbc:sqlserver: URL in services/billing/docker-compose.yml:5',
    ],
  ])('%s', async (_, file, text, expected, detail) => {
    const { engine, evidence, findings } = await run(spring({ [file]: text }));
    expect(engine('billing')).toBe(expected);
    expect(evidence('billing')).toEqual([detail]);
    expect(findings).toEqual([]);
  });

  it('jdbc:postgresql:// in flyway.conf (no password, no Spring file) and jdbc:mariadb:// in an env file name PostgreSQL and MySQL', async () => {
    const pg = await run(spring({ 'services/billing/flyway.conf': 'flyway.url=jdbc:postgresql://pg01:5432/billing\n' }));
    expect([pg.engine('billing'), pg.evidence('billing')]).toEqual([
      'postgresql',
      ['jdbc:postgresql: URL in services/billing/flyway.conf:1'],
    ]);
    const maria = await run(spring({ 'services/billing/.env': 'DATASOURCE_URL=jdbc:mariadb://maria01:3306/\n' }));
    expect([maria.engine('billing'), maria.evidence('billing')]).toEqual(['mysql', ['jdbc:mariadb: URL in services/billing/.env:1']]);
  });

  it('a MySQL or PostgreSQL driver the service declares decides over a JDBC URL; an H2 URL or one only in a comment names nothing', async () => {
    const declared = await run(
      spring({
        'services/billing/pom.xml':
          '<project><dependencies><dependency><groupId>org.postgresql</groupId></dependency></dependencies></project>\n',
        'services/billing/src/main/resources/application.properties':
          'spring.datasource.url=jdbc:sqlserver://sql01:1433;databaseName=Billing\n',
      }),
    );
    expect([declared.engine('billing'), declared.result.model.serviceByName('billing')?.dialectDecision?.engines]).toEqual([
      'postgresql',
      ['postgresql', 'sqlserver'],
    ]);
    const none = await run(
      spring({
        'services/billing/src/main/resources/application.properties':
          'spring.datasource.url=jdbc:h2:mem:billing\n# jdbc:sqlserver://sql01:1433 in production\n',
      }),
    );
    expect(none.engine('billing')).toBeNull();
    expect(none.findings).toEqual([TSQL_PARSE_ERROR('services/billing/src/main/resources/db/migration/V1__invoices.sql')]);
  });
});

describe('the config names an engine without a parser here (`"dialect": "sqlserver"`, issue 14)', () => {
  const billing = { 'services/billing/migrations/V1__invoices.sql': TSQL_INVOICES };
  const services = [
    { name: 'billing', roots: ['services/billing'] },
    { name: 'reports', roots: ['services/reports'] },
  ];
  const lintWith = async (config: Record<string, unknown>, files: Record<string, string>) => {
    const tree = memoryTree(files, { root: '/engine-config' });
    const result = await lint({ cwd: tree.root, tree, config });
    expect(result.internalErrors).toEqual([]);
    return {
      result,
      findings: result.diagnostics
        .filter((d) => RULES.includes(d.ruleId))
        .map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`),
    };
  };

  it("a service's: read by SQL Server's tokens, no parse-error, its table within reach of the reader on SQL Server", async () => {
    const configured = await lintWith({ services: [{ ...services[0], dialect: 'sqlserver' }, services[1]] }, { ...REPORTS, ...billing });
    const decision = configured.result.model.serviceByName('billing')?.dialectDecision;
    expect([decision?.unparsedEngine, decision?.basis, configured.result.model.serviceByName('billing')?.dialect]).toEqual([
      'sqlserver',
      'config',
      undefined,
    ]);
    expect(configured.findings).toEqual([CROSS_READ]);
    // The same service set to MySQL: its T-SQL is a parse-error, as the config asks.
    const mysql = await lintWith({ services: [{ ...services[0], dialect: 'mysql' }, services[1]] }, { ...REPORTS, ...billing });
    expect(mysql.findings).toContain(TSQL_PARSE_ERROR('services/billing/migrations/V1__invoices.sql'));
  });

  it("the default's: SQL outside every service is read by its tokens, and the run says the config's dialect did it", async () => {
    const files = { ...REPORTS, ...billing, 'database/init/01-billing.sql': TSQL_INVOICES };
    const { result, findings } = await lintWith(
      { dialect: 'sqlserver', services: [{ ...services[0], dialect: 'sqlserver' }, services[1]] },
      files,
    );
    expect(findings).toEqual([CROSS_READ]);
    expect(result.model.files.find((f) => f.path === 'database/init/01-billing.sql')?.sql?.byTokensOnly).toBe('sqlserver');
    expect(result.notices).toContain(
      "SQL outside every service (database/init/01-billing.sql) was read as SQL Server's, the config's dialect: its table references were read from tokens, and no statement was checked for syntax.",
    );
    const mysql = await lintWith({ dialect: 'mysql', services }, files);
    expect(mysql.findings).toContain(TSQL_PARSE_ERROR('database/init/01-billing.sql'));
  });

  it("a service's beside a file whose path names another engine: each read in its own (the config's and the path's engines both count)", async () => {
    // A PostgreSQL copy kept in `SQL/postgres/` is PostgreSQL's, parsed, whatever the config says of the service.
    const pg = 'CREATE TABLE invoices (id bigserial PRIMARY KEY, tags text[] NOT NULL);\n';
    const { result, findings } = await lintWith(
      { services: [{ ...services[0], dialect: 'sqlserver' }, services[1]] },
      { ...REPORTS, ...billing, 'services/billing/SQL/postgres/V1__invoices.sql': pg },
    );
    const file = (p: string) => result.model.files.find((f) => f.path === p)?.sql;
    expect([
      file('services/billing/migrations/V1__invoices.sql')?.byTokensOnly,
      file('services/billing/SQL/postgres/V1__invoices.sql')?.byTokensOnly,
    ]).toEqual(['sqlserver', undefined]);
    expect(file('services/billing/SQL/postgres/V1__invoices.sql')?.dialect).toBe('postgresql');
    const decision = result.model.serviceByName('billing')?.dialectDecision;
    expect([decision?.unparsedEngine, decision?.basis, decision?.engines]).toEqual(['sqlserver', 'config', ['postgresql', 'sqlserver']]);
    expect(findings).toEqual([CROSS_READ]);
    // Without the PostgreSQL copy the config's engine is the only one.
    const alone = await lintWith({ services: [{ ...services[0], dialect: 'sqlserver' }, services[1]] }, { ...REPORTS, ...billing });
    expect(alone.result.model.serviceByName('billing')?.dialectDecision?.engines).toBeUndefined();
  });

  it("a schemaFiles entry's: those files by its tokens (Oracle), the others as before", async () => {
    const oracle = 'CREATE TABLE employees (id NUMBER(10) PRIMARY KEY, full_name VARCHAR2(200 CHAR) NOT NULL);\n';
    const { result, findings } = await lintWith(
      { dialect: 'mysql', services, schemaFiles: [{ files: 'database/hr/*.sql', database: 'hr', dialect: 'oracle' }] },
      { ...REPORTS, 'database/hr/V1__employees.sql': oracle, 'database/other/V1__employees.sql': oracle },
    );
    expect(result.model.files.find((f) => f.path === 'database/hr/V1__employees.sql')?.sql?.byTokensOnly).toBe('oracle');
    expect(findings).toEqual([
      'parse-error database/other/V1__employees.sql:1:28-1:34 MySQL parser could not parse this statement (syntax error at or near "NUMBER"); its table references were read from tokens.',
    ]);
  });
});
