/**
 * Names the TypeScript extractors look for and the prefilter (which decides, without loading
 * TypeScript, whether a file can hold anything they extract) must look for too: one list each,
 * so the two can never disagree. No `typescript` import here: the prefilter runs before it loads.
 */

/** Object keys of connection and credential settings (`{ host, password }`, `{ connectionString }`). */
export const CONNECTION_KEYS: readonly string[] = [
  'password',
  'pass',
  'passwd',
  'pwd',
  'user',
  'username',
  'host',
  'port',
  'database',
  'db',
  'dbName',
  'schema',
  'searchPath',
  'currentSchema',
  'connectionString',
  'url',
  'uri',
  'ssl',
  'sslmode',
  'rejectUnauthorized',
  'secret',
  'jwtSecret',
  'apiKey',
  'token',
  'privateKey',
  'clientSecret',
  'secretAccessKey',
  'accessToken',
  'sessionSecret',
  'auth',
  'tls',
  // SQL Server's (mssql / tedious `options`): `encrypt: false` sends in the clear, `trustServerCertificate: true` checks nothing.
  'encrypt',
  'trustServerCertificate',
];

/** Join methods of query builders (knex, TypeORM's QueryBuilder), whose first argument is a table. */
export const JOIN_METHODS: readonly string[] = [
  'innerJoin',
  'leftJoin',
  'leftOuterJoin',
  'rightJoin',
  'rightOuterJoin',
  'fullJoin',
  'fullOuterJoin',
  'outerJoin',
  'crossJoin',
  'innerJoinAndSelect',
  'leftJoinAndSelect',
  'innerJoinAndMapOne',
  'innerJoinAndMapMany',
  'leftJoinAndMapOne',
  'leftJoinAndMapMany',
];
