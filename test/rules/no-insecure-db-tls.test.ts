import rule from '../../rules/no-insecure-db-tls.js';
import { ruleTester } from '../rule-tester.js';

ruleTester.run(rule, {
  valid: [
    {
      name: 'TLS with the server CA',
      filename: 'services/clinical/src/db.ts',
      code: "export const pool = new Pool({ host: process.env.PG_HOST, ssl: { ca: readFileSync('/etc/ssl/rds-ca.pem', 'utf8'), rejectUnauthorized: true } });",
    },
    {
      name: 'certificate checks driven by configuration',
      filename: 'services/clinical/src/db.ts',
      code: "export const pool = new Pool({ ssl: { rejectUnauthorized: process.env.NODE_ENV === 'production' } });",
    },
    {
      name: 'ssl: true and an env-driven ssl flag',
      filename: 'services/billing/src/config/database.ts',
      code: "export const a = mysql.createPool({ host: 'db', ssl: true });\nexport const b = mysql.createPool({ host: 'db', ssl: process.env.DB_SSL === 'true' ? {} : undefined });",
    },
    {
      name: 'ssl: false in an object that is not a database configuration',
      filename: 'services/billing/src/features.ts',
      code: "const flags = { ssl: false, compression: true };\nconst db = { host: 'db', database: 'app' };\nexport { flags, db };",
    },
    {
      name: 'ssl: false as an argument of a non-database call',
      filename: 'services/billing/src/server.ts',
      code: 'startServer({ port: 8080, ssl: false });',
    },
    {
      name: 'URLs that require or verify TLS, and the ambiguous prefer',
      filename: 'services/clinical/src/urls.ts',
      code: [
        "export const a = 'postgres://db:5432/app?sslmode=verify-full';",
        "export const b = 'postgres://db:5432/app?sslmode=require';",
        "export const c = 'postgres://db:5432/app?sslmode=prefer';",
        "export const d = 'mysql://db:3306/app?ssl-mode=REQUIRED';",
      ].join('\n'),
    },
    {
      name: 'insecure settings in a test file',
      filename: 'services/clinical/src/db.spec.ts',
      code: "const pool = new Pool({ connectionString: 'postgres://localhost/test?sslmode=disable', ssl: { rejectUnauthorized: false } });",
    },
    {
      name: 'a test env file',
      filename: 'services/clinical/.env.test',
      code: 'DATABASE_URL=postgres://localhost:5432/clinical_test?sslmode=disable\nPGSSLMODE=disable\n',
    },
    {
      name: 'sslmode=disable to a server on the same machine: loopback anywhere, Cloud SQL proxy in code (HELDOUT7 #30)',
      filename: 'services/orders/.env.production',
      code: 'DATABASE_URL=postgres://orders:****@127.0.0.1:5432/orders?sslmode=disable\nPROXY_URL=postgres://orders@[::1]:6432/orders?sslmode=disable\n',
      files: {
        'services/orders/src/db.ts':
          "export const pool = new Pool({ connectionString: 'postgres://orders@localhost:5432/orders?sslmode=disable' });\n",
      },
    },
    {
      name: 'an env file with safe settings',
      filename: 'services/clinical/.env',
      code: 'DATABASE_URL=postgres://db:5432/clinical_data?sslmode=verify-full\nPGSSLMODE=verify-full\nNODE_TLS_REJECT_UNAUTHORIZED=1\n',
    },
    {
      name: 'code that writes safe TLS settings, or turns checks off only in a test setup file',
      filename: 'services/payment/src/bootstrap.ts',
      code: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';\nprocess.env.PGSSLMODE = 'verify-full';\n",
      files: { 'services/payment/test/setup.test.ts': "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n" },
    },
    {
      name: 'ssl: false in an object next to (not inside) a database object, braces in strings between them',
      filename: 'services/billing/src/targets.ts',
      code: "export const targets = [{ host: 'db', label: 'a {' }, { label: '} b', ssl: false }];\n",
    },
    {
      name: "SQL Server's TLS switches on, driven by configuration, or on a non-database object (HELDOUT8 #17)",
      filename: 'services/ledger/src/db.ts',
      code: [
        "export const pool = new sql.ConnectionPool({ server: 'sql.prod.internal', options: { encrypt: true, trustServerCertificate: false } });",
        "export const env = new sql.ConnectionPool({ server: 'sql.prod.internal', options: { trustServerCertificate: process.env.DB_TRUST === 'true' } });",
        "export const upload = storage.put({ bucket: 'scans', encrypt: false });",
        "export const cs = 'Server=sql.prod.internal;Database=Ledger;Encrypt=True;TrustServerCertificate=False';",
      ].join('\n'),
    },
    {
      name: 'ADO.NET strings to this machine (localhost, `.`, (localdb), 127.0.0.1) and a test environment are not reported (HELDOUT8 #17)',
      filename: 'services/ledger/.env',
      code: [
        'LOCAL=Server=localhost,1433;Database=Ledger;TrustServerCertificate=True',
        'DOT=Server=.\\SQLEXPRESS;Database=Ledger;Encrypt=False',
        'LOCALDB=Data Source=(localdb)\\MSSQLLocalDB;Initial Catalog=Ledger;Encrypt=False',
        'LOOPBACK=Server=tcp:127.0.0.1,1433;Database=Ledger;Encrypt=False',
        'NOTE=encrypt=false;compress=true',
        '',
      ].join('\n'),
      files: {
        'services/ledger/appsettings.Testing.json':
          '{ "ConnectionStrings": { "Default": "Server=sql.test;Database=Ledger;Encrypt=False" } }\n',
        'services/ledger/appsettings.json':
          '{ "ConnectionStrings": { "Default": "Server=sql.prod.internal;Database=Ledger;Encrypt=True" } }\n',
      },
    },
  ],
  invalid: [
    {
      name: "an example file's URLs to localhost, 127.0.0.1 and a compose service are local; a real server's is reported (HELDOUT7 #30)",
      filename: 'services/inventory/.env.example',
      code: [
        'DATABASE_URL=postgres://inventory:inventory@localhost:5432/inventory?sslmode=disable',
        'REPLICA_URL=postgres://orders@127.0.0.1:5433/orders?sslmode=disable',
        'COMPOSE_URL=postgres://app@db:5432/app?sslmode=disable',
        'STAGING_URL=postgres://app@pg.staging.internal:5432/app?sslmode=disable',
        '',
      ].join('\n'),
      errors: [{ messageId: 'tlsOffInUrl', line: 4, column: 57, endLine: 4, endColumn: 72, data: { setting: 'sslmode=disable' } }],
    },
    {
      name: 'ssl: { rejectUnauthorized: false } in new Pool',
      filename: 'services/clinical/src/db.ts',
      code: "import { Pool } from 'pg';\n\nexport const pool = new Pool({\n  host: process.env.PG_HOST,\n  ssl: { rejectUnauthorized: false },\n});\n",
      errors: [{ messageId: 'certificateCheckOff', line: 5, column: 30, endLine: 5, endColumn: 35, severity: 'error' }],
    },
    {
      name: 'the audit shape: rejectUnauthorized inside a ternary',
      filename: 'services/billing/src/config/database.ts',
      code: "export const pool = mysql.createPool({\n  host: process.env.DB_HOST,\n  ssl: process.env.DB_SSL === 'true' ? { rejectUnauthorized: false } : false,\n});\n",
      errors: [{ messageId: 'certificateCheckOff', line: 3, column: 62, endLine: 3, endColumn: 67 }],
    },
    {
      name: 'an HTTP agent',
      filename: 'services/payment/src/provider.ts',
      code: 'const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });\n',
      errors: [{ messageId: 'certificateCheckOff', line: 1, column: 70, endLine: 1, endColumn: 75 }],
    },
    {
      name: 'ssl: false in createPool',
      filename: 'services/billing/src/config/database.ts',
      code: "export const pool = mysql.createPool({ host: 'db', database: 'nilecare', ssl: false });\n",
      errors: [{ messageId: 'sslOff', line: 1, column: 79, endLine: 1, endColumn: 84, severity: 'warn', data: { key: 'ssl' } }],
    },
    {
      name: 'ssl: false beside connection keys, across a nested object',
      filename: 'services/auth/src/config/database.ts',
      code: "export const dbConfig = {\n  user: 'app',\n  pool: { max: 10, min: 0 },\n  ssl: false,\n};\n",
      errors: [{ messageId: 'sslOff', line: 4, column: 8, endLine: 4, endColumn: 13, severity: 'warn' }],
    },
    {
      name: "ssl: false under Sequelize's dialectOptions",
      filename: 'services/business/src/db.ts',
      code: "export const options = {\n  dialect: 'postgres',\n  dialectOptions: { ssl: false },\n};\n",
      errors: [{ messageId: 'sslOff', line: 3, column: 26, endLine: 3, endColumn: 31, severity: 'warn' }],
    },
    {
      name: 'sslmode=disable in a connection string',
      filename: 'services/clinical/src/db.ts',
      code: "export const pool = new Pool({ connectionString: 'postgres://db:5432/clinical_data?sslmode=disable' });\n",
      errors: [
        {
          messageId: 'tlsOffInUrl',
          line: 1,
          column: 84,
          endLine: 1,
          endColumn: 99,
          severity: 'error',
          data: { setting: 'sslmode=disable' },
        },
      ],
    },
    {
      name: 'sslmode=no-verify after another parameter',
      filename: 'services/clinical/src/db.ts',
      code: "const url = 'postgres://db:5432/app?application_name=billing&sslmode=no-verify';\n",
      errors: [{ messageId: 'noVerifyInUrl', line: 1, column: 62, endLine: 1, endColumn: 79, data: { setting: 'sslmode=no-verify' } }],
    },
    {
      name: 'sslmode=allow is a warning',
      filename: 'services/clinical/src/replica.ts',
      code: "export const replica = 'postgresql://replica/app?sslmode=allow';\n",
      errors: [{ messageId: 'plaintextFallbackInUrl', line: 1, column: 50, endLine: 1, endColumn: 63, severity: 'warn' }],
    },
    {
      name: "MySQL's ssl-mode=DISABLED",
      filename: 'services/billing/src/db.ts',
      code: "export const conn = mysql.createConnection(\n  'mysql://db:3306/nilecare?ssl-mode=DISABLED',\n);\n",
      errors: [{ messageId: 'tlsOffInUrl', line: 2, column: 29, endLine: 2, endColumn: 46, data: { setting: 'ssl-mode=DISABLED' } }],
    },
    {
      name: 'a committed .env: URL, PGSSLMODE and NODE_TLS_REJECT_UNAUTHORIZED',
      filename: 'services/clinical/.env',
      code: 'DATABASE_URL=postgres://db:5432/app?sslmode=disable\nPGSSLMODE=disable\nNODE_TLS_REJECT_UNAUTHORIZED=0\n',
      errors: [
        { messageId: 'tlsOffInUrl', line: 1, column: 37, endLine: 1, endColumn: 52 },
        { messageId: 'tlsOffInUrl', line: 2, column: 1, endLine: 2, endColumn: 18, data: { setting: 'PGSSLMODE=disable' } },
        { messageId: 'processWideCheckOff', line: 3, column: 1, endLine: 3, endColumn: 31 },
      ],
    },
    {
      name: 'a docker-compose environment',
      filename: 'docker-compose.yml',
      code: 'services:\n  billing:\n    image: billing\n    environment:\n      DATABASE_URL: postgres://db:5432/billing?sslmode=disable\n',
      errors: [{ messageId: 'tlsOffInUrl', line: 5, column: 48, endLine: 5, endColumn: 63 }],
    },
    {
      name: 'NODE_TLS_REJECT_UNAUTHORIZED defaulted in code',
      filename: 'services/payment/src/bootstrap.ts',
      code: "// staging proxy: self-signed certificate\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED ??= '0';\n",
      errors: [{ messageId: 'processWideCheckOff', line: 2, column: 46, endLine: 2, endColumn: 49 }],
    },
    {
      name: 'an sslmode env default',
      filename: 'services/clinical/src/db.ts',
      code: "export const sslmode = process.env.PGSSLMODE || 'disable';\n",
      errors: [{ messageId: 'tlsOffInUrl', line: 1, column: 49, endLine: 1, endColumn: 58, data: { setting: 'PGSSLMODE=disable' } }],
    },
    {
      name: 'NODE_TLS_REJECT_UNAUTHORIZED and PGSSLMODE written unconditionally in code',
      filename: 'services/payment/src/bootstrap.ts',
      code: [
        'export function trustProxy(): void {',
        "  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';",
        '}',
        "process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 0 as unknown as string;",
        "process.env.PGSSLMODE = 'no-verify';",
      ].join('\n'),
      errors: [
        { messageId: 'processWideCheckOff', line: 2, column: 46, endLine: 2, endColumn: 49 },
        { messageId: 'processWideCheckOff', line: 4, column: 47, endLine: 4, endColumn: 48 },
        { messageId: 'noVerifyInUrl', line: 5, column: 25, endLine: 5, endColumn: 36, data: { setting: 'PGSSLMODE=no-verify' } },
      ],
    },
    {
      name: 'tls: false in MongoClient options',
      filename: 'services/notification/src/mongo.ts',
      code: 'export const client = new MongoClient(process.env.MONGO_URL!, { tls: false });\n',
      errors: [{ messageId: 'sslOff', line: 1, column: 70, endLine: 1, endColumn: 75, severity: 'warn', data: { key: 'tls' } }],
    },
    {
      name: 'ssl: false beside host in a plain object, with a brace inside a string between them',
      filename: 'services/billing/src/config/db-options.ts',
      code: "export const db = { host: 'db', note: 'closing } brace', ssl: false };\n",
      errors: [{ messageId: 'sslOff', line: 1, column: 63, endLine: 1, endColumn: 68, severity: 'warn' }],
    },
    {
      name: "mssql's options: trustServerCertificate: true and encrypt: false (HELDOUT8 #17)",
      filename: 'services/ledger/src/db.ts',
      code: [
        "import sql from 'mssql';",
        "export const pool = new sql.ConnectionPool({ server: 'sql.prod.internal', options: { encrypt: true, trustServerCertificate: true } });",
        "export const legacy = new sql.ConnectionPool({ server: 'sql.prod.internal', options: { encrypt: false } });",
        '',
      ].join('\n'),
      errors: [
        { messageId: 'serverCertificateTrusted', line: 2, column: 125, endLine: 2, endColumn: 129, severity: 'error' },
        { messageId: 'sslOff', line: 3, column: 97, endLine: 3, endColumn: 102, severity: 'warn', data: { key: 'encrypt' } },
      ],
    },
    {
      name: "TypeORM's mssql options and extra, tedious's options beside its database (HELDOUT8 #17)",
      filename: 'services/ledger/src/data-source.ts',
      code: [
        'export const ds = new DataSource({',
        "  type: 'mssql',",
        '  host: process.env.DB_HOST,',
        '  options: { trustServerCertificate: true },',
        '  extra: { trustServerCertificate: true },',
        '});',
        "export const conn = new Connection({ server: 'sql.internal', options: { database: 'ledger', encrypt: false } });",
        '',
      ].join('\n'),
      errors: [
        { messageId: 'serverCertificateTrusted', line: 4, column: 38, endLine: 4, endColumn: 42 },
        { messageId: 'serverCertificateTrusted', line: 5, column: 36, endLine: 5, endColumn: 40 },
        { messageId: 'sslOff', line: 7, column: 102, endLine: 7, endColumn: 107, severity: 'warn', data: { key: 'encrypt' } },
      ],
    },
    {
      name: 'ADO.NET TrustServerCertificate=True in a deployed env file (HELDOUT8 #17)',
      filename: 'services/ledger/.env.production',
      code: 'MSSQL_CONNECTION=Server=sql.prod.internal,1433;Database=Ledger;User Id=app;Encrypt=True;TrustServerCertificate=True\n',
      errors: [
        {
          messageId: 'noVerifyInUrl',
          line: 1,
          column: 89,
          endLine: 1,
          endColumn: 116,
          severity: 'error',
          data: { setting: 'TrustServerCertificate=True' },
        },
      ],
    },
    {
      name: "appsettings.Production.json's ConnectionStrings: SqlClient's Encrypt=False, Npgsql's SSL Mode and Trust Server Certificate (HELDOUT8 #17)",
      filename: 'services/ledger/appsettings.Production.json',
      code: [
        '{',
        '  "ConnectionStrings": {',
        '    "Default": "Server=sql.prod.internal;Database=Ledger;User Id=app;Encrypt=False",',
        '    "Search": "Host=pg.internal;Database=search;Username=search;SSL Mode=Disable;Trust Server Certificate=true"',
        '  }',
        '}',
        '',
      ].join('\n'),
      errors: [
        { messageId: 'tlsOffInUrl', line: 3, column: 70, endLine: 3, endColumn: 83, data: { setting: 'Encrypt=False' } },
        { messageId: 'tlsOffInUrl', line: 4, column: 65, endLine: 4, endColumn: 81, data: { setting: 'SSL Mode=Disable' } },
        { messageId: 'noVerifyInUrl', line: 4, column: 82, endLine: 4, endColumn: 111, data: { setting: 'Trust Server Certificate=true' } },
      ],
    },
    {
      name: "a .NET Framework web.config's <connectionStrings>: Encrypt=False and TrustServerCertificate=True, as appsettings' (HELDOUT8 #11)",
      filename: 'services/ledger/web.config',
      code: [
        '<configuration>',
        '  <connectionStrings>',
        '    <add name="Ledger" connectionString="Server=sql.prod.internal;Database=Ledger;Integrated Security=True;Encrypt=False" />',
        '    <add name="Reports" connectionString="Server=sql.prod.internal;Database=Reports;Integrated Security=True;Encrypt=True;TrustServerCertificate=True" />',
        '  </connectionStrings>',
        '</configuration>',
        '',
      ].join('\n'),
      errors: [
        { messageId: 'tlsOffInUrl', line: 3, column: 108, endLine: 3, endColumn: 121, data: { setting: 'Encrypt=False' } },
        { messageId: 'noVerifyInUrl', line: 4, column: 123, endLine: 4, endColumn: 150, data: { setting: 'TrustServerCertificate=True' } },
      ],
    },
    {
      name: "an ADO.NET string in code: Encrypt=optional is SqlClient's name for off (HELDOUT8 #17)",
      filename: 'services/ledger/src/config.ts',
      code: "export const cs = 'Server=tcp:ledger.database.windows.net,1433;Initial Catalog=ledger;Encrypt=optional;';\n",
      errors: [{ messageId: 'tlsOffInUrl', line: 1, column: 87, endLine: 1, endColumn: 103, data: { setting: 'Encrypt=optional' } }],
    },
  ],
});
