/**
 * Issue 13, "every regular expression applied to repository-controlled input runs in linear
 * time": the regexes the audit in SECURITY.md found super-linear, each fed the input that made
 * it quadratic (50,000 characters: tens of seconds to minutes before the fix, milliseconds
 * after), through the function that applies it, with the result it must still give.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../src/analysis/env.js';
import { analyzeSql, initSqlParsers } from '../../src/analysis/sql/index.js';
import { calleeText } from '../../src/analysis/typescript/context.js';
import { prefilterReasons } from '../../src/analysis/typescript/prefilter.js';
import { looksLikeSqlForWeakCallee } from '../../src/analysis/typescript/sql-detect.js';
import { formatResult } from '../../src/reporters/index.js';
import { displayName } from '../../rules/support/redact.js';
import { mixinArguments } from '../../src/model/moleculer-services.js';
import { IMPORTED } from '../../src/model/service-discovery.js';
import { REFERENCE } from '../../src/analysis/typescript/orm/node-pg-migrate.js';
import { fixtureOptions, fixtureResult } from '../reporters/fixture-result.js';
import { baseConfig, cli, makeRepo } from './helpers.js';

await initSqlParsers();

const N = 50_000;
const LIMIT_MS = 1500;

/** Runs `fn` and fails when it takes longer than a linear pass could on a loaded machine. */
function linear<T>(what: string, fn: () => T, limitMs = LIMIT_MS): T {
  const started = performance.now();
  const result = fn();
  const ms = performance.now() - started;
  expect(ms, `${what}: ${Math.round(ms)} ms`).toBeLessThan(limitMs);
  return result;
}

/** `linear` for a whole CLI run, awaited: the quadratic paths took 20 to 40 s at this size. */
async function linearRun(what: string, args: string[]) {
  const started = performance.now();
  const outcome = await cli(args);
  const ms = performance.now() - started;
  expect(ms, `${what}: ${Math.round(ms)} ms`).toBeLessThan(8000);
  return outcome;
}

describe('regexes that see repository text run in linear time', () => {
  it('.env lines: spaces after `=` before a character `.` rejects', () => {
    expect(linear('env', () => parseEnvFile(`KEY=${' '.repeat(N)}\u2028x\nB=  two  # note\n`))).toEqual([
      expect.objectContaining({ key: 'B', value: 'two' }),
    ]);
    const [entry] = parseEnvFile('A =  "quoted" \n');
    expect([entry.key, entry.value, entry.valueSpan]).toEqual(['A', 'quoted', { start: 6, end: 12 }]);
  });

  it('a Moleculer service file of many unclosed `mixins: [` lists', () => {
    expect(linear('mixins', () => mixinArguments('s.service.js', 'mixins: ['.repeat(N)))).toEqual([]);
    const text = 'module.exports = {\r\n  name: "orders",\n  mixins: [DbMixin("orders_db"), mixins: [Cache("x")], Y("z")],\n};\n';
    expect(mixinArguments('s.service.js', text).map((a) => [a.value, a.call, a.line, a.column, a.endColumn])).toEqual([
      ['orders_db', 'DbMixin("orders_db")', 3, 20, 31],
      ['x', 'Cache("x")', 3, 49, 52],
    ]);
  });

  it('import specifiers over many blank lines, and a node-pg-migrate reference over many spaces', () => {
    expect(linear('imports', () => [...`${'\n'.repeat(N)}x`.matchAll(IMPORTED)])).toEqual([]);
    const specifiers = [..."import 'pg';\n\n  import x from 'kysely';\nconst m = require('mysql2');\n".matchAll(IMPORTED)];
    expect(specifiers.map((m) => m[2] ?? m[4] ?? m[6])).toEqual(['pg', 'kysely', 'mysql2']);
    expect(linear('reference', () => REFERENCE.test(`orders${' '.repeat(N)}x`))).toBe(false);
    for (const ok of ['orders', 'orders(id)', '"sales"."orders"', 'sales.orders (id)  ', ' orders '])
      expect(REFERENCE.test(ok), ok).toBe(true);
  });

  it('a callee written over many spaces, and a manifest name of unclosed `{{`', () => {
    const source = `db${' '.repeat(N)}.query('x');\ndb\n  .run('y');\n`;
    const sf = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true);
    const callees: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) callees.push(calleeText(node.expression, sf));
      ts.forEachChild(node, visit);
    };
    linear('callee', () => visit(sf));
    expect(callees.map((c) => c.slice(0, 3))).toEqual(['db ', 'db.']);
    expect(callees[1]).toBe('db.run');
    expect(linear('displayName', () => displayName(`{{${'{'.repeat(N)}`))).toHaveLength(N + 2);
    expect(displayName('{{ include "app.fullname" . }}-db {{ x }}')).toBe('…-db …');
  });

  it('the TypeScript prefilter and the SQL sniffing: tags over spaces, calls never closed, spaces after a transaction word', () => {
    expect(linear('sql tag', () => prefilterReasons(`const a = sql.x${' '.repeat(N)}!`))).not.toContain('sql-tag');
    expect(linear('open calls', () => prefilterReasons(`const a = ${'sql.x('.repeat(N / 6)}`))).not.toContain('sql-tag');
    expect(prefilterReasons('const a = sql.unsafe(x) `SELECT 1`')).toContain('sql-tag');
    linear('weak callee', () => looksLikeSqlForWeakCallee(`BEGIN${' '.repeat(N)};x`));
    expect(looksLikeSqlForWeakCallee('BEGIN ;')).toBe(true);
  });

  it('a PostgreSQL column type of many array brackets', () => {
    const sql = `CREATE TABLE t (a int${'[]'.repeat(N / 2)}x, b uuid[]);`;
    const [statement] = linear('array type', () => analyzeSql(sql, 'postgresql').statements);
    expect(statement.kind).toBe('create_table');
  });

  it('a finding message holding a long run of spaces, in stylish', () => {
    const message = `a${' '.repeat(N)}b\n  c`;
    const result = { ...fixtureResult, diagnostics: fixtureResult.diagnostics.map((d, i) => (i === 0 ? { ...d, message } : d)) };
    const out = linear('stylish', () => formatResult('stylish', result, fixtureOptions));
    expect(out).toContain(`a${' '.repeat(N)}b c`);
  });

  it('ConfigMap names of many suffixes, and `map` node ids of long underscore runs', async () => {
    const table = `billing_${'_'.repeat(N)}x`;
    const root = makeRepo({
      files: {
        'k8s/config.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing${'-db'.repeat(N / 3)}x\ndata:\n  DB_HOST: billing-db\n`,
        'services/billing/migrations/V1__wide.sql': `CREATE TABLE ${table} (id INT PRIMARY KEY);\n`,
        // Read by the other service, so `map` draws the table (its node id is built from the name).
        'services/payment/src/wide.ts': `import { pool } from './db.js';\nexport const q = () => pool.query('SELECT id FROM ${table}');\n`,
      },
      config: baseConfig,
    });
    const lint = await linearRun('lint', ['--cwd', root, '--format', 'json']);
    expect(lint.code, lint.stderr).toBe(1);
    const map = await linearRun('map', ['map', '--cwd', root, '--format', 'mermaid']);
    expect(map.code, map.stderr).toBe(0);
    expect(map.stdout).toContain(table);
  });
});
