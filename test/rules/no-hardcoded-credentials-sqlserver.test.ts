/**
 * SQL Server's URL form, `sqlserver://host:port;key=value;…` and JDBC's `jdbc:sqlserver://…;password=…` (HELDOUT13 #10):
 * its server, database, user and password are read, so a package.json script's URL of a loopback server is a local
 * stand-in (jackson's `DB_URL='sqlserver://localhost:1433;database=master;username=sa;password=…'`) and another's a finding.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-hardcoded-credentials.js';
import { commandSecrets } from '../../src/analysis/command-secrets.js';
import { parseConnectionString } from '../../src/analysis/connection-url.js';
import { ruleTester } from '../rule-tester.js';

describe("SQL Server's URL form", () => {
  it('reads the server before the first ; and the properties after it; the password is no param', () => {
    const url = 'sqlserver://localhost:1433;database=master;username=sa;password=Sq1-pw!';
    const parsed = parseConnectionString(url);
    expect(parsed).toMatchObject({ scheme: 'sqlserver', form: 'url', host: 'localhost', port: '1433', database: 'master', user: 'sa' });
    expect(url.slice(parsed!.password!.start, parsed!.password!.end)).toBe('Sq1-pw!');
    expect(parsed!.params.map((p) => p.key)).toEqual(['database', 'username']);
    expect(url.slice(parsed!.databaseSpan!.start, parsed!.databaseSpan!.end)).toBe('master');
  });
  it("takes JDBC's property names, a braced value holding ;, and a URL without a password", () => {
    const jdbc = 'jdbc:sqlserver://db.prod.internal:1433;databaseName=orders;user=app;password={a;b};encrypt=true';
    const parsed = parseConnectionString(jdbc);
    expect(parsed).toMatchObject({ scheme: 'sqlserver', host: 'db.prod.internal', database: 'orders', user: 'app' });
    expect(jdbc.slice(parsed!.password!.start, parsed!.password!.end)).toBe('a;b');
    expect(parsed!.params.map((p) => p.key)).toEqual(['databaseName', 'user', 'encrypt']);
    const bare = parseConnectionString('sqlserver://;serverName=mssql;portNumber=1434;integratedSecurity=true');
    expect(bare).toMatchObject({ host: 'mssql', port: '1434' });
    expect(bare?.password).toBeUndefined();
    // Another scheme keeps its `;` where it is: no properties read.
    expect(parseConnectionString('postgres://db/app;password=x')?.password).toBeUndefined();
  });
  it('is one word of a command, quoted, from its scheme to its last property', () => {
    const command = "cross-env DB_URL='sqlserver://localhost:1433;database=master;username=sa;password=Pw-1' ts-node x.ts";
    const found = commandSecrets(command);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ key: 'url', value: 'sqlserver://localhost:1433;database=master;username=sa;password=Pw-1' });
    // A shell's ; after another URL still ends the word.
    expect(commandSecrets('psql postgres://u:p@db/app; PGPASSWORD=x psql').map((f) => f.key)).toEqual(['url', 'PGPASSWORD']);
  });
});

const manifest = (scripts: Record<string, string>) =>
  JSON.stringify({ name: 'npm', scripts, dependencies: { typeorm: '^0.3', mssql: '^11' } }, null, 2) + '\n';

ruleTester.run(rule, {
  valid: [
    {
      name: "a script's SQL Server URL of a loopback server is a local stand-in, as its mysql://…@localhost beside it (HELDOUT13 #10)",
      filename: 'npm/src/index.ts',
      code: 'export const url = process.env.DB_URL;\n',
      files: {
        'npm/package.json': manifest({
          'db:migration:run:mssql':
            "cross-env DB_TYPE=mssql DB_URL='sqlserver://localhost:1433;database=master;username=sa;password=123ABabc!' ts-node --transpile-only ../node_modules/typeorm/cli.js migration:run -d typeorm.ts",
          'db:migration:run:mysql': 'cross-env DB_TYPE=mysql DB_URL=mysql://root:mysql@localhost:3307/mysql ts-node typeorm.ts',
        }),
      },
    },
  ],
  invalid: [
    {
      name: "another server's SQL Server URL in a script, and a JDBC one in code, report the password",
      filename: 'npm/src/db.ts',
      code: "export const url = 'jdbc:sqlserver://mssql.prod.internal:1433;databaseName=orders;user=app;password=Code-Mssql-7';\n",
      files: {
        'npm/package.json': manifest({
          'db:migration:run:prod':
            "cross-env DB_URL='sqlserver://mssql.prod.internal:1433;database=orders;username=sa;password=Prod-Mssql-42' ts-node typeorm.ts",
        }),
      },
      errors: [
        {
          file: 'npm/package.json',
          messageId: 'scriptConnectionString',
          line: 4,
          column: 123,
          endLine: 4,
          endColumn: 136,
          data: { script: 'db:migration:run:prod', scheme: 'sqlserver', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'connectionStringPassword',
          line: 1,
          column: 101,
          endLine: 1,
          endColumn: 113,
          data: { scheme: 'sqlserver', redacted: '**** (8-15 chars)' },
        },
      ],
    },
  ],
});
