/** Which settings name a database, what a connection URL says, and what an SQL script switches to. */
import { describe, expect, it } from 'vitest';
import { parseConnectionUrl } from '../../src/model/connections.js';
import { searchPathOption } from '../../src/model/search-path.js';
import { namespaceSwitch, namespaceTracker } from '../../src/model/current-database.js';
import {
  isDatabaseIdentifier,
  isDatabaseNameKey,
  isDatabaseUrlKey,
  isFrameworkDotenvDatabaseName,
  isScaffoldDatabaseName,
  kindFromKey,
  kindOfConnectionCall,
  schemaKeyKind,
} from '../../src/model/database-settings.js';

describe("generators' stand-in database names", () => {
  it.each(['database_development', 'database_test', 'database_production', 'mydb', 'MyDatabase', 'dbname', 'your_database'])(
    '%s is a stand-in',
    (name) => expect(isScaffoldDatabaseName(name)).toBe(true),
  );
  it.each(['orders', 'orders_development', 'mydb_orders', 'database', 'app', 'test_database'])('%s is a name', (name) =>
    expect(isScaffoldDatabaseName(name)).toBe(false),
  );
  it.each(['laravel', 'Laravel', 'homestead', 'lucid'])("%s is a framework's dotenv stand-in", (name) =>
    expect(isFrameworkDotenvDatabaseName(name)).toBe(true),
  );
  it.each(['laravel_app', 'shop_laravel', 'forge', 'app'])("%s is no framework's dotenv stand-in", (name) =>
    expect(isFrameworkDotenvDatabaseName(name)).toBe(false),
  );
});

describe('keys that name a database', () => {
  it.each([
    'DB_NAME',
    'DATABASE_NAME',
    'DB_DATABASE',
    'PG_DATABASE',
    'PGDATABASE',
    'MYSQL_DATABASE',
    'POSTGRES_DB',
    'TYPEORM_DATABASE',
    'AUTH_DB_NAME',
    'DATABASE',
    'MONGO_DB',
  ])('%s names one', (key) => expect(isDatabaseNameKey(key)).toBe(true));
  it.each([
    'REDIS_DB',
    'REDIS_DATABASE',
    'CACHE_DB',
    'SESSION_REDIS_DB',
    'ELASTICSEARCH_DB',
    'INFLUX_DB_NAME',
    'BULL_DB',
    'DB_HOST',
    'DB_PORT',
    'DB_USER',
    'NODE_ENV',
  ])('%s does not', (key) => expect(isDatabaseNameKey(key)).toBe(false));
  it('URL keys of other stores are not database URLs', () => {
    expect(isDatabaseUrlKey('DATABASE_URL')).toBe(true);
    expect(isDatabaseUrlKey('MONGODB_URI')).toBe(true);
    expect(isDatabaseUrlKey('REDIS_URL')).toBe(false);
    expect(isDatabaseUrlKey('CACHE_DB_URL')).toBe(false);
  });
  it('the engine a key names', () => {
    expect([
      kindFromKey('PGDATABASE'),
      kindFromKey('POSTGRES_DB'),
      kindFromKey('MYSQL_DATABASE'),
      kindFromKey('MONGO_DB'),
      kindFromKey('DB_NAME'),
    ]).toEqual(['postgresql', 'postgresql', 'mysql', 'mongodb', 'unknown']);
  });
  it('schema keys: DB_SCHEMA-style names, and PGOPTIONS through its search_path', () => {
    expect(
      ['DB_SCHEMA', 'PG_SCHEMA', 'DATABASE_SCHEMA', 'POSTGRES_SCHEMA', 'DB_SEARCH_PATH', 'PGOPTIONS', 'SCHEMA_URL', 'REDIS_SCHEMA'].map(
        schemaKeyKind,
      ),
    ).toEqual(['schema', 'schema', 'schema', 'schema', 'schema', 'options', undefined, undefined]);
  });
});

describe('values that can be a database name', () => {
  it.each(['app', 'nilecare_auth', 'ms-scheduler', 'CDS', 'db2', '1app', 'pay$ments'])('%s is one', (value) =>
    expect(isDatabaseIdentifier(value)).toBe(true),
  );
  it.each(['0', '12', 'Shared MySQL (nilecare)', 'my db', './data/app.db', 'app.db', '', '-x', 'a'.repeat(65)])('%j is not', (value) =>
    expect(isDatabaseIdentifier(value)).toBe(false),
  );
});

describe('connection URLs', () => {
  it('database, engine, host and the role it logs in as (never a name); never the password', () => {
    const url = parseConnectionUrl('postgres://svc:s3cret@db.internal:5432/app?sslmode=require');
    // The port is part of the server: two containers published on one machine are two servers.
    expect(url).toEqual({ name: 'app', kind: 'postgresql', host: 'db.internal:5432', user: 'svc' });
    expect(parseConnectionUrl('postgres://h/app')).toEqual({ name: 'app', kind: 'postgresql', host: 'h' });
    // SQLAlchemy's dialect+driver schemes (HELDOUT7 #19); a scheme named like an Object member is none.
    expect(parseConnectionUrl('postgresql+asyncpg://svc:pw@pg.internal:5432/platform')).toEqual({
      name: 'platform',
      kind: 'postgresql',
      host: 'pg.internal:5432',
      user: 'svc',
    });
    // A user that is a template or holds other characters is no role name.
    expect(parseConnectionUrl('postgres://${DB_USER}:pw@h/app')?.user).toBeUndefined();
    expect(parseConnectionUrl('postgres://Orders@h/app')?.user).toBe('orders');
    expect(parseConnectionUrl('mysql+pymysql://svc@db/orders')).toMatchObject({ name: 'orders', kind: 'mysql' });
    expect(parseConnectionUrl('redis+sentinel://cache/0')).toBeUndefined();
    expect(parseConnectionUrl('toString://h/app')).toBeUndefined();
    expect(parseConnectionUrl('constructor+x://h/app')).toBeUndefined();
    expect(parseConnectionUrl('postgres://[::1]:5433/app')).toEqual({ name: 'app', kind: 'postgresql', host: '[::1]:5433' });
    expect(JSON.stringify(url)).not.toContain('s3cret');
  });
  it("a libSQL server's URL names its one database by the host's first label (Turso), on that host; a local sqld names none (HELDOUT8 #24)", () => {
    expect(parseConnectionUrl('libsql://acme-prod-acme.turso.io')).toEqual({
      name: 'acme-prod-acme',
      kind: 'unknown',
      host: 'acme-prod-acme.turso.io',
    });
    expect(parseConnectionUrl('https://orders-acme.aws-eu-west-1.turso.io')).toMatchObject({
      name: 'orders-acme',
      host: 'orders-acme.aws-eu-west-1.turso.io',
    });
    expect(parseConnectionUrl('libsql://sqld.acme.internal:8080')).toEqual({
      name: 'sqld',
      kind: 'unknown',
      host: 'sqld.acme.internal:8080',
    });
    expect(parseConnectionUrl('libsql://localhost:8080')).toBeUndefined();
    expect(parseConnectionUrl('libsql://10.0.0.5:8080')?.name).toBeUndefined();
    expect(parseConnectionUrl('https://api.example.com/v1')).toBeUndefined();
  });
  it('the schema of a PostgreSQL URL: Prisma ?schema=, pgjdbc ?currentSchema=, libpq options', () => {
    expect(parseConnectionUrl('postgresql://u:p@h:5432/shop?schema=orders_schema')?.schema).toBe('orders_schema');
    expect(parseConnectionUrl('postgresql://h/shop?sslmode=require&currentSchema=billing')?.schema).toBe('billing');
    expect(parseConnectionUrl('postgres://h/shop?options=-c%20search_path%3Dcatalog%2Cpublic')?.schema).toBe('catalog');
    expect(parseConnectionUrl('postgres://h/shop?options=-csearch_path%3Dledger')?.schema).toBe('ledger');
    expect(parseConnectionUrl('postgres://h/shop?sslmode=require')?.schema).toBeUndefined();
  });
  it('MySQL URLs have no schema apart from the database; other schemes are no database URL', () => {
    expect(parseConnectionUrl('mysql://h/app?schema=x')).toEqual({ name: 'app', kind: 'mysql', host: 'h' });
    expect(parseConnectionUrl('redis://localhost:6379/2')).toBeUndefined();
    expect(parseConnectionUrl('mongodb://localhost:27017/notification_events')).toMatchObject({
      name: 'notification_events',
      kind: 'mongodb',
    });
  });
  it("libpq options: the first schema of the search path, skipping the role's own", () => {
    expect(searchPathOption('-c search_path=catalog')).toBe('catalog');
    expect(searchPathOption('-c statement_timeout=5000 -c search_path="$user",billing')).toBe('billing');
    expect(searchPathOption('-c statement_timeout=5000')).toBeUndefined();
  });
});

describe('what an SQL statement switches to', () => {
  const text = (sql: string) => ({ text: sql });
  it('USE, \\c, SET search_path, SET SCHEMA', () => {
    expect(namespaceSwitch(text('USE ops'))).toBe('ops');
    expect(namespaceSwitch(text('USE `crm`'))).toBe('crm');
    expect(namespaceSwitch(text('\\c billing'))).toBe('billing');
    expect(namespaceSwitch(text('SET search_path TO catalog, public;'))).toBe('catalog');
    expect(namespaceSwitch(text('SET LOCAL search_path = "ledger"'))).toBe('ledger');
    expect(namespaceSwitch(text("SET SCHEMA 'pricing'"))).toBe('pricing');
    expect(namespaceSwitch(text('SELECT 1'))).toBeUndefined();
    expect(namespaceSwitch(text('SET NAMES utf8mb4'))).toBeUndefined();
  });
  it('back to the default schema is no namespace at all', () => {
    expect(namespaceSwitch(text('SET search_path TO public'))).toBeNull();
    expect(namespaceSwitch(text('SET search_path TO "$user", public'))).toBeNull();
  });
  it('a tracker follows a script from its initial namespace', () => {
    const at = namespaceTracker('reporting');
    expect(['SELECT 1', 'USE ops', 'CREATE TABLE t (id int)', 'SET search_path TO public', 'SELECT 2'].map((sql) => at(text(sql)))).toEqual(
      ['reporting', 'ops', 'ops', undefined, undefined],
    );
  });
});

describe('the engine a connection call opens', () => {
  const imports = (...specifiers: string[]) =>
    specifiers.map((specifier) => ({ specifier, kind: 'import' as const, fileSpan: { start: 0, end: 0 } }));
  it('comes from the one driver the file imports, whatever the callee is called', () => {
    expect(kindOfConnectionCall('mysql.createPool', imports('mysql2/promise', 'express'))).toBe('mysql');
    expect(kindOfConnectionCall('createPool', imports('pg'))).toBe('postgresql');
    expect(kindOfConnectionCall('new MongoClient', imports('mongodb'))).toBe('mongodb');
  });
  it("is unknown when the file imports modules but no driver: a helper's `createPool` wraps an engine its name does not tell", () => {
    expect(kindOfConnectionCall('createPool', imports('@shop/common'))).toBe('unknown');
    expect(kindOfConnectionCall('new Pool', imports('./db', 'express'))).toBe('unknown');
  });
  it('in a file that imports nothing, the name is the only clue', () => {
    expect(kindOfConnectionCall('createPool', [])).toBe('mysql');
    expect(kindOfConnectionCall('new Pool', [])).toBe('postgresql');
  });
  it('falls back on the callee name only to choose among the drivers a file imports', () => {
    expect(kindOfConnectionCall('mysql.createConnection', imports('pg', 'mysql2'))).toBe('mysql');
    expect(kindOfConnectionCall('new Pool', imports('pg', 'mysql2'))).toBe('postgresql');
  });
});
