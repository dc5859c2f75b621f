/**
 * The facts behind a service's engine settings (issue 14): a web.config connection string's `providerName`, the default
 * connection of Laravel's config/database.php, and the JDBC URLs a file names, each with its exact span.
 */
import { describe, expect, it } from 'vitest';
import { parseDotnetXmlConfig } from '../../src/analysis/dotnet-settings.js';
import { jdbcUrlsOf } from '../../src/analysis/jdbc-urls.js';
import { parseLaravelDatabaseConfig } from '../../src/analysis/laravel-config.js';
import { extractFileFacts } from '../../src/analysis/analyze-file.js';

const at = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

describe("a web.config's providerName", () => {
  it('is kept as the engine of each connection string, at its attribute value; none in a comment, none without a connection string', () => {
    const text = [
      '<configuration>',
      '  <connectionStrings>',
      '    <!-- <add name="Old" connectionString="Server=old" providerName="Npgsql" /> -->',
      '    <add name="Billing" connectionString="Data Source=sql01;Initial Catalog=Billing" providerName="System.Data.SqlClient" />',
      '    <add name="Audit" connectionString="Server=pg01;Database=audit" />',
      '    <add name="Empty" connectionString="Server=x" providerName="" />',
      '  </connectionStrings>',
      '  <appSettings><add key="x" value="y" providerName="Oracle.ManagedDataAccess.Client" /></appSettings>',
      '</configuration>',
    ].join('\n');
    const facts = parseDotnetXmlConfig(text);
    expect(facts?.engines.map((e) => [e.key, e.type, at(text, e.span)])).toEqual([
      ['providerName', 'System.Data.SqlClient', 'System.Data.SqlClient'],
    ]);
    expect(facts?.connections?.[0].entries.map((e) => e.key)).toEqual([
      'ConnectionStrings:Billing',
      'ConnectionStrings:Audit',
      'ConnectionStrings:Empty',
    ]);
  });
});

describe("Laravel's config/database.php", () => {
  it("reads the default connection's driver, env()'s fallback or a plain string, at its quoted value", () => {
    const withEnv = "<?php\n\nreturn [\n    'default' => env('DB_CONNECTION', 'pgsql'),\n];\n";
    const engines = parseLaravelDatabaseConfig(withEnv)?.engines;
    expect(engines?.map((e) => [e.type, at(withEnv, e.span)])).toEqual([['pgsql', "'pgsql'"]]);
    const plain = '<?php\nreturn [\n    "default" => "sqlsrv",\n];\n';
    expect(parseLaravelDatabaseConfig(plain)?.engines.map((e) => [e.type, at(plain, e.span)])).toEqual([['sqlsrv', '"sqlsrv"']]);
  });

  it('skips commented-out lines and a nested default that is no string (Redis); nothing without a default connection', () => {
    const text = [
      '<?php',
      'return [',
      "    // 'default' => env('DB_CONNECTION', 'sqlite'),",
      "    # 'default' => 'sqlite',",
      "    'redis' => ['default' => ['host' => '127.0.0.1']],",
      "    'default' => env('DB_CONNECTION', 'mysql'),",
      '];',
    ].join('\n');
    expect(parseLaravelDatabaseConfig(text)?.engines.map((e) => e.type)).toEqual(['mysql']);
    expect(parseLaravelDatabaseConfig("<?php\nreturn ['redis' => ['default' => ['host' => 'r']]];\n")).toBeUndefined();
  });

  it('is read for the file of that name only (extractFileFacts), not any PHP file', () => {
    const text = "<?php\nreturn ['default' => env('DB_CONNECTION', 'sqlsrv')];\n";
    const settings = { sqlCallees: [] };
    expect(extractFileFacts('services/shop/config/database.php', text, settings).ormConfig?.library).toBe('laravel');
    expect(extractFileFacts('services/shop/config/app.php', text, settings).ormConfig).toBeUndefined();
  });
});

describe('JDBC URLs', () => {
  it("each subprotocol's engine, at `jdbc:<subprotocol>:`", () => {
    const text = [
      'a=jdbc:sqlserver://sql01:1433;databaseName=Ledger',
      'b=jdbc:jtds:sqlserver://sql01/Ledger',
      'c: jdbc:oracle:thin:@//ora01:1521/HR',
      'D=JDBC:PostgreSQL://pg01/orders',
      'e=jdbc:mysql://my01/app jdbc:mariadb://maria01/app',
      'f=jdbc:sqlite:/var/app.db',
      'g=jdbc:h2:mem:test jdbc:tc:postgresql:15:///db',
    ].join('\n');
    expect(jdbcUrlsOf(text).map((url) => [url.engine, url.subprotocol, at(text, url.span)])).toEqual([
      ['sqlserver', 'sqlserver', 'jdbc:sqlserver:'],
      ['sqlserver', 'jtds:sqlserver', 'jdbc:jtds:sqlserver:'],
      ['oracle', 'oracle', 'jdbc:oracle:'],
      ['postgresql', 'postgresql', 'JDBC:PostgreSQL:'],
      ['mysql', 'mysql', 'jdbc:mysql:'],
      ['mysql', 'mariadb', 'jdbc:mariadb:'],
      ['sqlite', 'sqlite', 'jdbc:sqlite:'],
    ]);
  });

  it('none on comment lines (#, !, //, --, <!--), a URL after a value on its line still read', () => {
    const text = [
      '# spring.datasource.url=jdbc:sqlserver://old',
      '! jdbc:oracle:thin:@old',
      '  // jdbc:mysql://old',
      '-- jdbc:postgresql://old',
      '<!-- jdbc:sqlite:old -->',
      'url=jdbc:postgresql://pg01/orders # was jdbc:mysql://old',
    ].join('\n');
    expect(jdbcUrlsOf(text).map((url) => url.subprotocol)).toEqual(['postgresql', 'mysql']);
  });

  it('are facts of every file but .sql files', () => {
    const settings = { sqlCallees: [] };
    const text = 'spring.datasource.url=jdbc:sqlserver://sql01;databaseName=Ledger\n';
    expect(extractFileFacts('src/main/resources/application.properties', text, settings).jdbcUrls?.map((u) => u.engine)).toEqual([
      'sqlserver',
    ]);
    expect(
      extractFileFacts('db/V1__settings.sql', "INSERT INTO settings VALUES ('jdbc:sqlserver://sql01');\n", settings).jdbcUrls,
    ).toBeUndefined();
  });
});
