import { describe, expect, it } from 'vitest';
import { extractScript } from '../../../src/analysis/typescript/index.js';
import { extractFixture, rangeOf } from './helpers.js';

const { text, script } = extractFixture('connections.ts');
const props = script.configProperties.map((p) => ({
  ...p,
  keyAt: rangeOf(text, p.keySpan),
  valueText: text.slice(p.valueSpan.start, p.valueSpan.end),
}));
const prop = (callee: string, key: string, path: string[] = []) => {
  const found = props.filter((p) => p.callee === callee && p.key === key && p.path.join('.') === path.join('.'));
  expect(found, `${callee} ${[...path, key].join('.')}`).toHaveLength(1);
  return found[0];
};

describe('config properties', () => {
  it('classifies literal, env-default and const-resolved values of a mysql2 pool', () => {
    expect(prop('mysql.createPool', 'host')).toMatchObject({
      valueKind: 'env-default',
      envName: 'DB_HOST',
      value: 'localhost',
      valueText: "'localhost'",
    });
    expect(prop('mysql.createPool', 'port')).toMatchObject({ valueKind: 'number', value: '3306' });
    expect(prop('mysql.createPool', 'user')).toMatchObject({
      valueKind: 'string',
      value: 'root',
      keyAt: { line: 13, column: 3, endLine: 13, endColumn: 7 },
    });
    expect(prop('mysql.createPool', 'password')).toMatchObject({ valueKind: 'string', value: 'hunter2', valueText: 'DB_PASS' });
    expect(prop('mysql.createPool', 'database')).toMatchObject({ valueKind: 'env-default', envName: 'DB_NAME', value: 'nilecare' });
    expect(props.find((p) => p.key === 'connectionLimit')).toBeUndefined();
  });

  it('gives env-default values the span of the fallback literal, like the EnvDefault fact', () => {
    const db = prop('mysql.createPool', 'database');
    const envDefault = script.envDefaults.find((d) => d.name === 'DB_NAME')!;
    expect(db.valueSpan).toEqual(envDefault.fileSpan);
  });

  it('walks into nested ssl objects, through a conditional', () => {
    expect(prop('mysql.createPool', 'ssl')).toMatchObject({ valueKind: 'other' });
    const reject = prop('mysql.createPool', 'rejectUnauthorized', ['ssl']);
    expect(reject).toMatchObject({ valueKind: 'boolean', value: 'false', keyAt: { line: 18, column: 42, endLine: 18, endColumn: 60 } });
    expect(prop('new Pool', 'rejectUnauthorized', ['ssl'])).toMatchObject({ value: 'false' });
    expect(prop('new Pool', 'connectionString')).toMatchObject({
      valueKind: 'env',
      envName: 'DATABASE_URL',
      valueText: 'process.env.DATABASE_URL',
    });
  });

  it('links an object declared in a variable to the call it is passed to (directly or spread)', () => {
    expect(prop('new DataSource', 'type')).toMatchObject({ value: 'mysql' });
    expect(prop('new DataSource', 'password')).toMatchObject({ value: 'app-password' });
    expect(prop('createRedis', 'host')).toMatchObject({ value: 'cache' });
  });

  it('keeps the path of knex connection objects', () => {
    expect(prop('knex', 'client')).toMatchObject({ value: 'pg' });
    expect(prop('knex', 'password', ['connection'])).toMatchObject({ valueKind: 'env-default', envName: 'LAB_DB_PASSWORD', value: 'lab' });
    expect(prop('knex', 'database', ['connection'])).toMatchObject({ value: 'lab_results' });
  });

  it('reads TLS agents', () => {
    expect(prop('new https.Agent', 'rejectUnauthorized')).toMatchObject({ valueKind: 'boolean', value: 'false' });
  });

  it('reads new Sequelize(database, user, password, options) positionally', () => {
    expect(prop('new Sequelize', 'database')).toMatchObject({ valueKind: 'string', value: 'billing', valueText: "'billing'" });
    expect(prop('new Sequelize', 'user')).toMatchObject({ value: 'billing_user' });
    expect(prop('new Sequelize', 'password')).toMatchObject({ valueKind: 'env-default', envName: 'BILLING_DB_PASSWORD', value: 'billing' });
    expect(prop('new Sequelize', 'dialect')).toMatchObject({ value: 'mysql' });
  });

  it('only takes type / client / dialect next to connection keys or naming a driver', () => {
    expect(props.filter((p) => p.key === 'type').map((p) => p.value)).toEqual(['mysql']);
    const snippet = extractScript(
      'x.ts',
      "const a = { type: 'button' }; const b = { client: httpClient }; const c = { type: 'postgres', url: u };",
    ).script.configProperties;
    expect(snippet.map((p) => [p.key, p.value])).toEqual([
      ['type', 'postgres'],
      ['url', undefined],
    ]);
  });

  it('reads a config object returned by a factory passed to a call', () => {
    const code = "TypeOrmModule.forRootAsync({ useFactory: () => ({ type: 'mysql', host: 'db', password: process.env.DB_PASSWORD }) });";
    const found = extractScript('m.ts', code).script.configProperties;
    expect(found.map((p) => [p.key, p.callee, p.valueKind])).toEqual([
      ['type', 'TypeOrmModule.forRootAsync', 'string'],
      ['host', 'TypeOrmModule.forRootAsync', 'string'],
      ['password', 'TypeOrmModule.forRootAsync', 'env'],
    ]);
  });
});

describe('connection strings', () => {
  it('finds database URLs and sslmode strings, with holes kept as written', () => {
    expect(script.connectionStrings.map((c) => c.value)).toEqual([
      'postgres://admin:admin123@localhost:5432/clinical',
      'mysql://${process.env.DB_USER}:${process.env.DB_PASSWORD}@db:3306/billing',
      'mongodb+srv://cluster0.example.net/notifications',
      'redis://cache:6379/0',
      'amqp://guest:guest@rabbit:5672',
      'host=db dbname=app sslmode=disable',
    ]);
    expect(rangeOf(text, script.connectionStrings[0].fileSpan)).toEqual({ line: 58, column: 3, endLine: 58, endColumn: 54 });
  });
});

describe('credential and TLS keys', () => {
  const extract = (code: string) =>
    extractScript('creds.ts', code).script.configProperties.map((p) => ({
      key: p.key,
      path: p.path.join('.'),
      valueKind: p.valueKind,
      value: p.value,
      callee: p.callee,
      keyText: code.slice(p.keySpan.start, p.keySpan.end),
      valueText: code.slice(p.valueSpan.start, p.valueSpan.end),
    }));

  it('reads OAuth / AWS / session secrets and tokens with their value spans', () => {
    const code = [
      "const oauth = new AuthorizationCode({ client: { id: 'nilecare', clientSecret: 'abc123' } });",
      "const s3 = new S3Client({ credentials: { accessKeyId: 'AKIA1', secretAccessKey: process.env.AWS_SECRET || 'dev' } });",
      "const SESSION = 'keyboard cat';",
      "app.use(session({ sessionSecret: SESSION, accessToken: 'tok-1' }));",
    ].join('\n');
    expect(extract(code)).toEqual([
      {
        key: 'clientSecret',
        path: 'client',
        valueKind: 'string',
        value: 'abc123',
        callee: 'new AuthorizationCode',
        keyText: 'clientSecret',
        valueText: "'abc123'",
      },
      {
        key: 'secretAccessKey',
        path: 'credentials',
        valueKind: 'env-default',
        value: 'dev',
        callee: 'new S3Client',
        keyText: 'secretAccessKey',
        valueText: "'dev'",
      },
      {
        key: 'sessionSecret',
        path: '',
        valueKind: 'string',
        value: 'keyboard cat',
        callee: 'session',
        keyText: 'sessionSecret',
        valueText: 'SESSION',
      },
      {
        key: 'accessToken',
        path: '',
        valueKind: 'string',
        value: 'tok-1',
        callee: 'session',
        keyText: 'accessToken',
        valueText: "'tok-1'",
      },
    ]);
  });

  it('takes auth when it is a string or an object with a password, not otherwise', () => {
    const code = [
      "const a = createClient({ url: u, auth: 'default:s3cret' });",
      "const b = nodemailer.createTransport({ auth: { user: 'mailer', pass: 'mail-pw' } });",
      'const c = redis.createClient({ auth: process.env.REDIS_AUTH });',
      "const d = router.get('/', { auth: requireLogin, handler });",
      "const e = { auth: { strategy: 'jwt' }, auth2: 'x' };",
      'const f = { auth: true };',
    ].join('\n');
    expect(extract(code).map((p) => [p.key, p.path, p.valueKind, p.value, p.callee, p.valueText])).toEqual([
      ['url', '', 'other', undefined, 'createClient', 'u'],
      ['auth', '', 'string', 'default:s3cret', 'createClient', "'default:s3cret'"],
      ['auth', '', 'other', undefined, 'nodemailer.createTransport', "{ user: 'mailer', pass: 'mail-pw' }"],
      ['user', 'auth', 'string', 'mailer', 'nodemailer.createTransport', "'mailer'"],
      ['pass', 'auth', 'string', 'mail-pw', 'nodemailer.createTransport', "'mail-pw'"],
      ['auth', '', 'env', undefined, 'redis.createClient', 'process.env.REDIS_AUTH'],
    ]);
  });

  it('takes tls only with a boolean value, and key / cert / ca only inside ssl or tls', () => {
    const code = [
      'const a = new MongoClient(url, { tls: false });',
      'const b = new MongoClient(url, { tls: tlsOptions });',
      "const c = new Pool({ ssl: { ca: readFileSync('ca.pem'), key: '-----BEGIN PRIVATE KEY-----x', cert: CERT } });",
      'const d = tls.connect({ tls: { key: process.env.TLS_KEY } });',
      "const e = { key: 'orders', ca: 'x', cert: 'y' };",
      "const f = { ssl: { nested: { key: 'deeper' } } };",
    ].join('\n');
    expect(extract(code).map((p) => [p.key, p.path, p.valueKind, p.value, p.callee, p.keyText, p.valueText])).toEqual([
      ['tls', '', 'boolean', 'false', 'new MongoClient', 'tls', 'false'],
      ['ssl', '', 'other', undefined, 'new Pool', 'ssl', "{ ca: readFileSync('ca.pem'), key: '-----BEGIN PRIVATE KEY-----x', cert: CERT }"],
      ['ca', 'ssl', 'other', undefined, 'new Pool', 'ca', "readFileSync('ca.pem')"],
      ['key', 'ssl', 'string', '-----BEGIN PRIVATE KEY-----x', 'new Pool', 'key', "'-----BEGIN PRIVATE KEY-----x'"],
      ['cert', 'ssl', 'other', undefined, 'new Pool', 'cert', 'CERT'],
      ['key', 'tls', 'env', undefined, 'tls.connect', 'key', 'process.env.TLS_KEY'],
      ['ssl', '', 'other', undefined, undefined, 'ssl', "{ nested: { key: 'deeper' } }"],
    ]);
  });
});

describe('objectSpan', () => {
  it('is the span of the object literal holding the property, equal for siblings', () => {
    const code = "export const pool = mysql.createPool({\n  host: 'db',\n  ssl: { rejectUnauthorized: false },\n  password: pw,\n});";
    const found = extractScript('o.ts', code).script.configProperties;
    const outer = { start: code.indexOf('{'), end: code.lastIndexOf('}') + 1 };
    const inner = { start: code.indexOf('{ rejectUnauthorized'), end: code.indexOf('false }') + 7 };
    expect(found.map((p) => [p.key, p.objectSpan])).toEqual([
      ['host', outer],
      ['ssl', outer],
      ['rejectUnauthorized', inner],
      ['password', outer],
    ]);
    expect(code.slice(inner.start, inner.end)).toBe('{ rejectUnauthorized: false }');
    expect(outer).toEqual({ start: 37, end: 108 });
  });

  it('is absent for positional arguments', () => {
    const found = extractScript('s.ts', "const s = new Sequelize('billing', 'app', 'pw', { dialect: 'mysql' });").script.configProperties;
    expect(found.map((p) => [p.key, 'objectSpan' in p])).toEqual([
      ['database', false],
      ['user', false],
      ['password', false],
      ['dialect', true],
    ]);
  });
});

describe('positional jsonwebtoken secrets', () => {
  const secrets = (code: string) =>
    extractScript('auth.ts', code).script.configProperties.map((p) => [
      p.key,
      p.callee,
      p.valueKind,
      p.value,
      p.envName,
      rangeOf(code, p.valueSpan),
      code.slice(p.keySpan.start, p.keySpan.end),
    ]);

  it('reads jwt.sign / jwt.verify literal, constant and env secrets at the argument', () => {
    const code = [
      "import jwt from 'jsonwebtoken';",
      "const SECRET = 'n1le-care';",
      "export const issue = (user: User) => jwt.sign({ sub: user.id }, 'secret', { expiresIn: '1h' });",
      'export const check = (token: string) => jwt.verify(token, SECRET);',
      "export const refresh = (t: string) => jwt.verify(t, process.env.JWT_SECRET || 'dev');",
    ].join('\n');
    expect(secrets(code)).toEqual([
      ['secret', 'jwt.sign', 'string', 'secret', undefined, { line: 3, column: 65, endLine: 3, endColumn: 73 }, "'secret'"],
      ['secret', 'jwt.verify', 'string', 'n1le-care', undefined, { line: 4, column: 59, endLine: 4, endColumn: 65 }, 'SECRET'],
      [
        'secret',
        'jwt.verify',
        'env-default',
        'dev',
        'JWT_SECRET',
        { line: 5, column: 79, endLine: 5, endColumn: 84 },
        "process.env.JWT_SECRET || 'dev'",
      ],
    ]);
  });

  it('knows sign / verify imported or required from jsonwebtoken, under any receiver name', () => {
    const code = [
      "import { sign } from 'jsonwebtoken';",
      "const token = require('jsonwebtoken');",
      "export const a = sign(payload, 'imported-secret');",
      "export const b = token.verify(t, 'required-secret');",
    ].join('\n');
    expect(secrets(code).map(([key, callee, kind, value]) => [key, callee, kind, value])).toEqual([
      ['secret', 'sign', 'string', 'imported-secret'],
      ['secret', 'token.verify', 'string', 'required-secret'],
    ]);
  });

  it('ignores other sign / verify calls, option objects, key callbacks and public keys', () => {
    const code = [
      "import { sign } from './crypto';",
      "const PUBLIC_KEY = '-----BEGIN PUBLIC KEY-----\\nMIIB\\n-----END PUBLIC KEY-----';",
      "export const a = sign(payload, 'not-jwt');",
      "export const b = signer.sign(data, 'base64');",
      'export const c = jwt.verify(token, getKey, { algorithms: ["RS256"] }, done);',
      'export const d = jwt.verify(token, (header, cb) => cb(null, key));',
      'export const e = jwt.verify(token, PUBLIC_KEY);',
      'export const f = jwt.sign(payload);',
      "export const g = jwtService.sign(payload, { secret: 'nest-secret' });",
    ].join('\n');
    expect(secrets(code).map(([key, callee, kind, value]) => [key, callee, kind, value])).toEqual([
      ['secret', 'jwt.verify', 'other', undefined],
      ['secret', 'jwtService.sign', 'string', 'nest-secret'],
    ]);
  });
});

describe('database names computed at run time', () => {
  const computedOf = (code: string) =>
    extractScript('db.ts', code)
      .script.configProperties.filter((p) => p.key === 'database' || p.key === 'db')
      .map((p) => ({ key: p.key, valueKind: p.valueKind, computed: p.computed }));

  it('keeps the constant parts around the one value of a template or a concatenation', () => {
    expect(computedOf('new Pool({ host: h, database: `sg_${subgraph}` });')).toEqual([
      { key: 'database', valueKind: 'other', computed: { prefix: 'sg_', suffix: '' } },
    ]);
    expect(computedOf("mysql.createPool({ host: h, database: 'ms-' + process.env.MS_NAME + '_db' });")).toEqual([
      { key: 'database', valueKind: 'other', computed: { prefix: 'ms-', suffix: '_db' } },
    ]);
    expect(computedOf('new Pool({ host: h, database: `${name}_${"reporting"}` });')[0].computed).toBeUndefined();
  });

  it('takes no literal, no bare variable and no name built around two values', () => {
    expect(computedOf("new Pool({ host: h, database: 'app' });")).toEqual([{ key: 'database', valueKind: 'string', computed: undefined }]);
    expect(computedOf('new Pool({ host: h, database: name });')).toEqual([{ key: 'database', valueKind: 'other', computed: undefined }]);
    expect(computedOf('new Pool({ host: h, database: `${env}_${name}` });')[0].computed).toBeUndefined();
    expect(computedOf("new Pool({ host: h, database: prefix + '_' + name });")[0].computed).toBeUndefined();
  });
});
