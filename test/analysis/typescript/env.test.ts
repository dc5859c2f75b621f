import { describe, expect, it } from 'vitest';
import type { EnvDefault } from '../../../src/analysis/facts.js';
import { extractScript } from '../../../src/analysis/typescript/index.js';
import { extractFixture, rangeOf } from './helpers.js';

const { text, script } = extractFixture('env-defaults.ts');
const defaults = script.envDefaults.map((d) => ({
  ...d,
  literal: text.slice(d.fileSpan.start, d.fileSpan.end),
  line: rangeOf(text, d.fileSpan).line,
}));
const byName = (name: string, shape?: string) => {
  const found = defaults.filter((d) => d.name === name && (shape === undefined || d.shape === shape));
  expect(found, `${name} ${shape ?? ''}`).toHaveLength(1);
  return found[0];
};

function defaultsOf(code: string): EnvDefault[] {
  return extractScript('snippet.ts', code).script.envDefaults;
}

describe('env defaults: operator shapes', () => {
  it('reads `||`, `??`, element access and parseInt / Number wrappers', () => {
    expect(byName('DB_HOST')).toMatchObject({ value: 'localhost', valueKind: 'string', shape: '||', literal: "'localhost'", line: 7 });
    expect(byName('DB_PORT')).toMatchObject({ value: '5432', valueKind: 'string', shape: '||', usage: 'parse-int', line: 8 });
    expect(byName('DB_USER')).toMatchObject({ value: 'postgres', shape: '??', line: 9 });
    expect(byName('DB_PASSWORD', '||')).toMatchObject({ value: '', literal: "''", line: 10 });
    expect(byName('DB_POOL')).toMatchObject({ value: '10', valueKind: 'number', shape: '??', usage: 'number' });
    expect(byName('DB_DEBUG')).toMatchObject({ value: 'false', valueKind: 'boolean' });
  });

  it('gives the exact span of the fallback literal', () => {
    expect(rangeOf(text, byName('DB_HOST').fileSpan)).toEqual({ line: 7, column: 32, endLine: 7, endColumn: 43 });
  });

  it('reads ternaries', () => {
    expect(byName('PG_DATABASE')).toMatchObject({ value: 'nilecare', shape: 'ternary', line: 11 });
    expect(defaultsOf("const a = !process.env.X ? 'fallback' : process.env.X;")).toMatchObject([
      { name: 'X', value: 'fallback', shape: 'ternary' },
    ]);
    expect(defaultsOf("const a = process.env.X !== undefined ? process.env.X : 'f';")).toMatchObject([
      { name: 'X', value: 'f', shape: 'ternary' },
    ]);
    expect(defaultsOf("const ssl = process.env.DB_SSL === 'true' ? { rejectUnauthorized: false } : false;")).toEqual([]);
  });

  it('reads destructuring defaults', () => {
    expect(byName('JWT_SECRET', 'destructuring')).toMatchObject({ value: 'dev-secret-key', line: 16 });
    expect(defaultsOf("const { DB_PASS: pw = 'root' } = process.env;")).toMatchObject([
      { name: 'DB_PASS', value: 'root', shape: 'destructuring' },
    ]);
  });

  it('reads assignment-style defaults, but not unconditional overrides', () => {
    expect(byName('SMTP_PASSWORD')).toMatchObject({ shape: 'assignment', value: '', line: 20 });
    expect(byName('ENCRYPTION_KEY')).toMatchObject({ shape: 'assignment', value: 'changeme', line: 21 });
    expect(byName('SESSION_SECRET')).toMatchObject({ shape: 'assignment', value: 'keyboard cat', line: 23 });
    expect(defaults.find((d) => d.name === 'OVERRIDE')).toBeUndefined();
    expect(defaultsOf("process.env.X ??= 'y';")).toMatchObject([{ name: 'X', value: 'y', shape: 'assignment' }]);
    expect(defaultsOf("if (process.env.X === undefined) { process.env.X = 'z'; }")).toMatchObject([
      { name: 'X', value: 'z', shape: 'assignment' },
    ]);
  });

  it('reads defaults through a local alias of process.env', () => {
    expect(byName('API_URL')).toMatchObject({ value: 'http://localhost:3000', shape: '||' });
    expect(defaultsOf("const { env } = process;\nconst s = env.SECRET || 'x';")).toMatchObject([{ name: 'SECRET', value: 'x' }]);
  });

  it('keeps look-alikes as facts with enough context for a rule', () => {
    expect(byName('NODE_ENV')).toMatchObject({ value: 'development', shape: '||' });
    expect(byName('NODE_ENV').usage).toBeUndefined();
    expect(byName('API_KEYS')).toMatchObject({ value: '', usage: 'split' });
    expect(defaultsOf("const on = (process.env.FEATURE || 'false').toLowerCase() === 'true';")).toMatchObject([
      { name: 'FEATURE', usage: 'compare' },
    ]);
    expect(defaultsOf("const cfg = JSON.parse(process.env.CFG || '{}');")).toMatchObject([{ name: 'CFG', usage: 'json' }]);
    // A prompt question's pre-filled answer is kept (the database it names is still evidence), marked as such.
    expect(
      defaultsOf("const q = [{ type: 'input', name: 'db', message: 'Database', initial: process.env.DB_NAME || 'evershop' }];"),
    ).toMatchObject([{ name: 'DB_NAME', value: 'evershop', usage: 'prompt' }]);
    expect(defaultsOf("const s = { db: { doc: 'Database', default: process.env.DB_NAME || 'shop' } };")[0].usage).toBeUndefined();
  });

  it('reports a fallback chain against every variable in it', () => {
    expect(byName('PRIMARY_DB_URL')).toMatchObject({ value: 'mysql://root:root@localhost/app' });
    expect(byName('DATABASE_URL')).toMatchObject({ value: 'mysql://root:root@localhost/app' });
    expect(byName('PRIMARY_DB_URL').fileSpan).toEqual(byName('DATABASE_URL').fileSpan);
  });

  it('keeps the other values a chain tries before its literal, as written', () => {
    expect(defaultsOf("const p = process.env.DB_PASSWORD || config.password || '';")).toMatchObject([
      { name: 'DB_PASSWORD', value: '', shape: '||', alsoTried: ['config.password'] },
    ]);
    expect(defaultsOf("const h = cfg.db?.host ?? process.env.DB_HOST ?? process.env.PGHOST ?? 'localhost';")).toMatchObject([
      { name: 'DB_HOST', value: 'localhost', alsoTried: ['cfg.db?.host'] },
      { name: 'PGHOST', value: 'localhost', alsoTried: ['cfg.db?.host'] },
    ]);
    const long = defaultsOf(`const p = process.env.DB_PASSWORD || readSecretFromTheVault(${"'x', ".repeat(20)}) || '';`)[0];
    expect(long.alsoTried![0]).toHaveLength(60);
    expect(long.alsoTried![0].endsWith('…')).toBe(true);
    expect(byName('DB_HOST').alsoTried).toBeUndefined();
    // Without a literal at the end nothing is hard-coded: the chain is no default.
    expect(defaultsOf('const a = config.a || process.env.A;')).toEqual([]);
  });

  it('does not take env-to-env fallbacks or non-literal fallbacks for defaults', () => {
    expect(defaults.filter((d) => d.name === 'A_URL' || d.name === 'B_URL')).toEqual([]);
    expect(defaultsOf('const a = process.env.A || config.a;')).toEqual([]);
    expect(defaultsOf('const a = process.env.A || null;')).toEqual([]);
  });

  it('reads a default applied to a converted value', () => {
    expect(byName('PORT')).toMatchObject({ value: '3000', valueKind: 'number', usage: 'number' });
  });
});

describe('env defaults: validation libraries', () => {
  it('Joi: .default() under an env-style key', () => {
    expect(byName('DB_PASSWORD', 'joi')).toMatchObject({ value: '', line: 37 });
    expect(byName('LOG_LEVEL', 'joi')).toMatchObject({ value: 'info' });
    expect(defaults.find((d) => d.name === 'page')).toBeUndefined();
  });

  it('zod: .default() under an env-style key', () => {
    expect(byName('JWT_SECRET', 'zod')).toMatchObject({ value: 'dev', line: 43 });
    expect(byName('RATE_LIMIT', 'zod')).toMatchObject({ value: '100', valueKind: 'number' });
  });

  it('envalid: default and devDefault', () => {
    expect(byName('DB_PASSWORD', 'envalid')).toMatchObject({ value: '', line: 48 });
    expect(byName('DB_PASSWORD', 'envalid').devOnly).toBeUndefined();
    expect(byName('ADMIN_TOKEN', 'envalid')).toMatchObject({ value: 'admin', devOnly: true });
    expect(byName('HTTP_PORT', 'envalid')).toMatchObject({ value: '8080', valueKind: 'number' });
  });

  it('convict: the env name with its default', () => {
    expect(byName('DB_PASSWORD', 'convict')).toMatchObject({ value: '', line: 55 });
  });
});

describe('env defaults: readers other than process.env (HELDOUT6 #13)', () => {
  const configOf = (code: string, file = 'snippet.ts') =>
    extractScript(file, code).script.configProperties.map((p) => ({
      key: p.key,
      valueKind: p.valueKind,
      envName: p.envName,
      value: p.value,
      literal: code.slice(p.valueSpan.start, p.valueSpan.end),
    }));

  it("NestJS ConfigService: get / getOrThrow with a default, as a default and as the connection option's value", () => {
    const code =
      "import { ConfigService } from '@nestjs/config';\nexport const f = (config: ConfigService) => ({\n  host: config.get<string>('DB_HOST', 'db'),\n  database: config.getOrThrow('DB_NAME', 'shop'),\n  user: config.get('DB_USER'),\n});\n";
    expect(defaultsOf(code)).toMatchObject([
      { name: 'DB_HOST', value: 'db', valueKind: 'string', shape: 'nestjs-config' },
      { name: 'DB_NAME', value: 'shop', valueKind: 'string', shape: 'nestjs-config' },
    ]);
    expect(configOf(code)).toEqual([
      { key: 'host', valueKind: 'env-default', envName: 'DB_HOST', value: 'db', literal: "'db'" },
      { key: 'database', valueKind: 'env-default', envName: 'DB_NAME', value: 'shop', literal: "'shop'" },
      { key: 'user', valueKind: 'other', envName: undefined, value: undefined, literal: "config.get('DB_USER')" },
    ]);
  });

  it('NestJS: only in a file importing @nestjs/config, only a variable-shaped key, only with two arguments', () => {
    expect(defaultsOf("export const a = config.get('DB_NAME', 'shop');")).toEqual([]);
    expect(defaultsOf("import { ConfigService } from '@nestjs/config';\nexport const a = config.get('db.name', 'shop');")).toEqual([]);
    expect(defaultsOf("import { ConfigService } from '@nestjs/config';\nexport const a = config.get('DB_NAME');")).toEqual([]);
  });

  it("env-var: the .default() of env.get('X'), through required(false); the converter closes the option's value", () => {
    const code =
      "import env from 'env-var';\nexport const o = { database: env.get('DB_NAME').required(false).default('shop').asString(), port: env.get('DB_PORT').default(5432).asPortNumber() };\n";
    expect(defaultsOf(code)).toMatchObject([
      { name: 'DB_NAME', value: 'shop', valueKind: 'string', shape: 'env-var' },
      { name: 'DB_PORT', value: '5432', valueKind: 'number', shape: 'env-var' },
    ]);
    expect(configOf(code)).toEqual([
      { key: 'database', valueKind: 'env-default', envName: 'DB_NAME', value: 'shop', literal: "'shop'" },
      { key: 'port', valueKind: 'env-default', envName: 'DB_PORT', value: '5432', literal: '5432' },
    ]);
    // Another module's get().default() is not env-var's.
    expect(defaultsOf("import env from './env';\nexport const a = env.get('DB_NAME').default('shop').asString();")).toEqual([]);
  });

  it('a helper of the file: an arrow returning process.env[key] ?? fallback, a function with if / return', () => {
    const code = [
      'const env = (key, fallback) => process.env[key] || fallback;',
      "export const a = env('DB_NAME', 'shop');",
      "export const b = getEnv('DB_USER', 'app');",
      'function getEnv(key, fallback) {',
      '  const value = process.env[key];',
      '  return value === undefined ? fallback : value;',
      '}',
      'function readOr(key, fallback) {',
      '  if (!process.env[key]) return fallback;',
      '  return process.env[key];',
      '}',
      "export const c = readOr('DB_HOST', 'localhost');",
      '',
    ].join('\n');
    expect(defaultsOf(code)).toMatchObject([
      { name: 'DB_NAME', value: 'shop', shape: 'env-helper' },
      { name: 'DB_USER', value: 'app', shape: 'env-helper' },
      { name: 'DB_HOST', value: 'localhost', shape: 'env-helper' },
    ]);
  });

  it('no helper: the second argument is a message, the key is not the one read, an inner function returns the fallback', () => {
    const code = [
      'const need = (key, message) => process.env[key] ?? fail(message);',
      'const fixed = (key, fallback) => process.env.DB_NAME ?? fallback;',
      'const nested = (key, fallback) => { const v = process.env[key]; return () => fallback; };',
      "export const a = [need('DB_NAME', 'DB_NAME is required'), fixed('DB_USER', 'x'), nested('DB_HOST', 'x')];",
      '',
    ].join('\n');
    expect(defaultsOf(code).filter((d) => d.shape === 'env-helper')).toEqual([]);
  });
});

describe('env reads', () => {
  it('lists every process.env read once, including element access, destructuring and aliases', () => {
    const names = script.envReads.map((r) => r.name);
    expect(names).toEqual([
      'DB_HOST',
      'DB_PORT',
      'DB_USER',
      'DB_PASSWORD',
      'PG_DATABASE',
      'PG_DATABASE',
      'DB_POOL',
      'DB_DEBUG',
      'JWT_SECRET',
      'REDIS_URL',
      'SMTP_PASSWORD',
      'ENCRYPTION_KEY',
      'SESSION_SECRET',
      'API_URL',
      'NODE_ENV',
      'API_KEYS',
      'PRIMARY_DB_URL',
      'DATABASE_URL',
      'A_URL',
      'B_URL',
      'PORT',
    ]);
    const first = script.envReads[0];
    expect(text.slice(first.fileSpan.start, first.fileSpan.end)).toBe('process.env.DB_HOST');
  });

  it('reads import.meta.env and globalThis.process.env', () => {
    const reads = extractScript('v.ts', "const a = import.meta.env.VITE_API || '/api';\nconst b = globalThis.process.env.TOKEN;").script;
    expect(reads.envReads.map((r) => r.name)).toEqual(['VITE_API', 'TOKEN']);
    expect(reads.envDefaults).toMatchObject([{ name: 'VITE_API', value: '/api' }]);
  });
});

describe('env writes', () => {
  const writesOf = (code: string) => {
    const { script } = extractScript('snippet.ts', code);
    return (script.envWrites ?? []).map((w) => ({
      ...w,
      literal: code.slice(w.fileSpan.start, w.fileSpan.end),
      at: rangeOf(code, w.fileSpan),
    }));
  };

  it('the fixture override is a write, not a default', () => {
    expect(script.envWrites).toEqual([
      { name: 'OVERRIDE', value: 'always', fileSpan: { start: text.indexOf("'always'"), end: text.indexOf("'always'") + 8 } },
    ]);
    expect(rangeOf(text, script.envWrites![0].fileSpan)).toEqual({ line: 25, column: 24, endLine: 25, endColumn: 32 });
  });

  it('reads dotted, bracketed, aliased and numeric writes at the value literal', () => {
    const code = [
      "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';",
      "process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 0;",
      'const { env } = process;',
      'export function relax() {',
      '  env.PGSSLMODE = `disable`;',
      '}',
    ].join('\n');
    expect(writesOf(code).map(({ name, value, literal, at }) => [name, value, literal, at])).toEqual([
      ['NODE_TLS_REJECT_UNAUTHORIZED', '0', "'0'", { line: 1, column: 44, endLine: 1, endColumn: 47 }],
      ['NODE_TLS_REJECT_UNAUTHORIZED', '0', '0', { line: 2, column: 47, endLine: 2, endColumn: 48 }],
      ['PGSSLMODE', 'disable', '`disable`', { line: 5, column: 19, endLine: 5, endColumn: 28 }],
    ]);
  });

  it('a default-when-unset assignment, a fallback chain or a computed value is not a write', () => {
    const code = [
      "if (!process.env.NODE_TLS_REJECT_UNAUTHORIZED) process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';",
      "process.env.A ||= '0';",
      "process.env.B = process.env.B || '0';",
      'process.env.C = String(flag);',
      "const copy = { NODE_TLS_REJECT_UNAUTHORIZED: '0' };",
    ].join('\n');
    const { script: facts } = extractScript('snippet.ts', code);
    expect(facts.envWrites).toBeUndefined();
    expect(facts.envDefaults.map((d) => d.name)).toEqual(['NODE_TLS_REJECT_UNAUTHORIZED', 'A', 'B']);
  });
});
