import { describe, expect, it } from 'vitest';
import { extractFileFacts, loadScriptAnalysers } from '../../src/analysis/analyze-file.js';
import { isKeyNamespace, newSecretKey, secretKind } from '../../src/analysis/secrets.js';

// Scripts are parsed with TypeScript, which a run loads only when it has one to parse.
await loadScriptAnalysers();

const key = newSecretKey();
const facts = (path: string, text: string, secretEnvNames: RegExp[] = []) =>
  extractFileFacts(path, text, { sqlCallees: [], secrets: { key, secretEnvNames } });
const at = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

describe('facts describe secrets and keep no value', () => {
  it('a dotenv file: a secret-named key loses its value; a URL keeps its parts, its password masked', () => {
    const text =
      'DB_NAME=billing\nDB_PASSWORD=Kx9vQm2LpZr7Wt\nDATABASE_URL=postgres://app:hunter2/Tail99@db:5432/billing?sslmode=require\n';
    const file = facts('services/a/.env', text);
    const [name, password, url] = file.env!;
    expect(name).toMatchObject({ key: 'DB_NAME', value: 'billing' });
    expect(name.secret).toBeUndefined();
    expect(password.value).toBeUndefined();
    expect(password.secret).toMatchObject({ kind: 'literal', length: '8-15', fingerprint: expect.any(String) });
    expect(url.value).toBe('postgres://app:**************@db:5432/billing?sslmode=require');
    expect(url.secretsInValue).toHaveLength(1);
    expect(at(text, url.secretsInValue![0].fileSpan)).toBe('hunter2/Tail99');
    expect(file.secretSpans!.map((s) => at(text, s))).toEqual(['Kx9vQm2LpZr7Wt', 'hunter2/Tail99']);
    expect(JSON.stringify(file.env)).not.toMatch(/Kx9vQm|hunter2|Tail99/);
  });

  it('kinds: empty, placeholder, reference, template, encrypted, hashed', () => {
    const text = [
      'A_PASSWORD=',
      'B_PASSWORD=changeme',
      'C_PASSWORD=${DB_PASSWORD}',
      'D_PASSWORD={{ .Values.db.password }}',
      'E_PASSWORD=ENC[AES256_GCM,data:abc=,iv:x,tag:y,type:str]',
      'F_PASSWORD=$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234',
    ].join('\n');
    expect(facts('.env', text).env!.map((e) => e.secret?.kind)).toEqual([
      'empty',
      'placeholder',
      'reference',
      'template',
      'encrypted',
      'hashed',
    ]);
  });

  it('a Kubernetes Secret keeps no base64 value; a URL in it is described, at the whole value', () => {
    const url = Buffer.from('mysql://u:Vb7tMx2QsR8kWd@db/billing').toString('base64');
    const pw = Buffer.from('Jd5yPc9XnG3hTq').toString('base64');
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  DATABASE_URL: ${url}\n  DB_PASSWORD: ${pw}\n  DB_NAME: YmlsbGluZw==\n`;
    const entries = facts('k8s/secret.yaml', text).k8s![0].entries;
    expect(entries.map((e) => e.value)).toEqual([undefined, undefined, undefined]);
    expect(entries[0].secretsInValue).toMatchObject([{ secret: { kind: 'literal' }, fileSpan: entries[0].valueSpan }]);
    expect(entries[1].secret).toMatchObject({ kind: 'literal', length: '8-15' });
    expect(JSON.stringify(entries)).not.toContain(pw);
  });

  it('code: credential options, secret fallbacks (also by configured names) and connection strings', () => {
    const text = [
      "const pool = mysql.createPool({ host: 'db', password: 'Ps8nVc3GxL6tKj', database: 'billing' });",
      "const secret = process.env.JWT_SECRET || 'Xe4dKp7MbQ2wZr';",
      "const vault = process.env.VAULT_ROLE_ID || 'Qm4Ht8Wn2Kc6';",
      "const url = 'postgres://app:Gm2wRt8NqX5vBk@db/billing';",
    ].join('\n');
    const script = facts('services/a/src/db.ts', text, [/^VAULT_ROLE_ID$/i]).script!;
    const password = script.configProperties.find((p) => p.key === 'password')!;
    expect(password.value).toBeUndefined();
    expect(password.secret?.kind).toBe('literal');
    expect(script.configProperties.find((p) => p.key === 'database')?.value).toBe('billing');
    expect(script.envDefaults.map((d) => [d.name, d.value, d.secret?.kind])).toEqual([
      ['JWT_SECRET', undefined, 'literal'],
      ['VAULT_ROLE_ID', undefined, 'literal'],
    ]);
    expect(script.connectionStrings.map((c) => c.value)).toEqual(['postgres://app:**************@db/billing']);
    expect(JSON.stringify(script)).not.toMatch(/Ps8nVc|Xe4dKp|Qm4Ht8|Gm2wRt/);
  });

  it('code options whose value reads as words for people are marked text, still with no value kept (HELDOUT5 #4)', () => {
    const values: Array<[string, string, boolean]> = [
      ['password', 'Password', true],
      ['password', 'password', true],
      ['jwtSecret', 'secret', true],
      ['password', 'Passwort', true],
      ['password', 'Mot de passe', true],
      ['password', 'Enter your password.', true],
      ['username', "Nom d'utilisateur", false], // not a secret-named key: no descriptor at all
      ['password', 'كلمة المرور', true],
      ['apiKey', 'API key', true],
      ['secret', 'keyboard cat', false],
      ['password', 'Adm1n 2024', false],
      ['password', 'S3cure-Passw0rd', false],
      ['password', 'Secret', false],
    ];
    const text = values.map(([k, v], i) => `export const o${i} = { ${k}: ${JSON.stringify(v)} };`).join('\n');
    const properties = facts('services/a/src/labels.ts', text).script!.configProperties;
    expect(properties.map((p) => [p.key, p.secret?.text === true])).toEqual(values.map(([k, , text]) => [k, text]));
    expect(properties.filter((p) => p.key !== 'username').every((p) => p.value === undefined && p.secret?.kind === 'literal')).toBe(true);
    expect(properties.find((p) => p.key === 'username')).toMatchObject({ value: "Nom d'utilisateur" });
  });

  it('placeholder words and test phrases are placeholders; passphrases and real-looking values stay literals (HELDOUT15 #5)', () => {
    const kinds = (values: string[]) => values.map((value) => [value, secretKind(value)]);
    const placeholders = [
      'your password',
      'enter api key',
      'change me',
      'change-it',
      'cnpmjs.org test session secret',
      'example jwt secret',
      'dummy password for tests',
    ];
    expect(kinds(placeholders)).toEqual(placeholders.map((value) => [value, 'placeholder']));
    const literals = ['Your password', 'keyboard cat', 'correct horse battery staple', 'Tr0ub4dor &3', 'test run 42 secret', 'my test'];
    expect(kinds(literals)).toEqual(literals.map((value) => [value, 'literal']));
  });

  it('stand-ins that say so: joined test phrases, values saying they are no secret, stand-in pairs and their base64; real-looking near misses stay literals (HELDOUT16 #9-#12)', () => {
    const kinds = (values: string[]) => values.map((value) => [value, secretKind(value)]);
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const placeholders = [
      // one token, words joined by -, _, . or case
      'dummy-jwt-secret',
      'test_api_key_1',
      'exampleToken',
      'dev.session.secret',
      // the value says it is none
      'notasecret',
      'not-a-real-password',
      'doNoUseThisSecret!',
      'DO_NOT_USE',
      'change-me-in-production',
      'replace_this_key',
      'secret-for-testing-only',
      // documentation and test pairs, and the same pairs in base64 (HTTP Basic)
      'test:test',
      'username1:password1',
      'user:password',
      b64('test:test'),
      `Basic ${b64('user:password')}`,
      b64('changeme'),
    ];
    expect(kinds(placeholders)).toEqual(placeholders.map((value) => [value, 'placeholder']));
    const literals = [
      // Django's startproject key: a real random key whatever its prefix says
      'django-insecure-7x!k2$q9#vz@4m^p&b8w*e1r(t)y_u-i+o=a3s5d6f0g',
      'k9Fq2Lx7pZ',
      'test-user',
      'testing',
      'super-secret-key',
      'admin:admin',
      'root:root',
      'ninefingers:youhavetoberealistic',
      'admin:S3cr3t!',
      b64('admin:S3cr3t!'),
      b64('ninefingers:youhavetoberealistic'),
      // base64 of bytes that are no text
      'q83vEjRWeJq8',
      'changeling-Kx9vQm2LpZr7Wt',
    ];
    expect(kinds(literals)).toEqual(literals.map((value) => [value, 'literal']));
  });

  it("a token option holding a Redis key's namespace is a prefix, never under a password key; random or repeated parts are literals (HELDOUT15 #5)", () => {
    const values: Array<[string, string, string]> = [
      ['token', 'koa-limit:download', 'prefix'],
      ['secret', 'myapp:cache:users', 'prefix'],
      ['secret', 'sess:web:', 'prefix'],
      ['token', 'k9Fq:2Lx7pZ', 'literal'],
      ['token', 'admin:admin', 'literal'],
      ['token', 'app:password', 'literal'],
      ['pass', 'koa-limit:download', 'literal'],
      ['auth', 'koa-limit:download', 'literal'],
    ];
    const text = values.map(([k, v], i) => `export const o${i} = { ${k}: ${JSON.stringify(v)} };`).join('\n');
    const properties = facts('services/a/src/settings.ts', text).script!.configProperties;
    expect(properties.map((p) => [p.key, p.secret?.kind])).toEqual(values.map(([k, , kind]) => [k, kind]));
    expect(properties.every((p) => p.value === undefined)).toBe(true);
    expect(isKeyNamespace('koa-limit:download')).toBe(true);
  });

  it('one value, one fingerprint, wherever it is written; another key, another fingerprint', () => {
    const env = facts('.env', 'DB_PASSWORD=Same-Value-2024\n').env![0].secret!;
    const code = facts('a.ts', "export const p = process.env.DB_PASSWORD ?? 'Same-Value-2024';").script!.envDefaults[0].secret!;
    expect(env.fingerprint).toBe(code.fingerprint);
    const other = extractFileFacts('.env', 'DB_PASSWORD=Same-Value-2024\n', { sqlCallees: [], secrets: { key: newSecretKey() } });
    expect(other.env![0].secret!.fingerprint).not.toBe(env.fingerprint);
  });
});

describe('Helm values keep no secret', () => {
  it('a credential key loses its value, a URL its password; names and hosts stay', () => {
    const text = 'database:\n  name: platform\n  password: Kx9vQm2LpZr7Wt\n  url: postgres://app:hunter2Tail@db:5432/platform\n';
    const file = facts('deploy/charts/orders/values.yaml', text);
    expect(file.helmValues!.map((v) => `${[...v.path, v.key].join('.')}=${v.value}`)).toEqual([
      'database.name=platform',
      'database.password=undefined',
      'database.url=postgres://app:***********@db:5432/platform',
    ]);
    expect(file.helmValues![1].secret).toMatchObject({ kind: 'literal' });
    expect(JSON.stringify(file.helmValues)).not.toMatch(/Kx9vQm|hunter2/);
  });
});
