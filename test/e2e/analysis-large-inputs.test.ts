/**
 * The analysers on large hostile input: SQL and scripts of 20,000-100,000 characters (binary garbage, one
 * long line, tens of thousands of nested parentheses) are analysed without throwing, in bounded CPU, and
 * what they mean is still read; the SQL result cache stays bounded over 5,000 texts; connection strings
 * of 200,000 characters are read in linear time. In the e2e project (`npm run test:e2e`): their subject
 * is time on large inputs, ~3 s of a quiet `npm test`. The small broken inputs stay with the analysers'
 * tests (test/analysis/sql/robustness.test.ts, test/analysis/typescript/robustness.test.ts,
 * test/analysis/connection-url.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../src/analysis/facts.js';
import { parseConnectionString, parseConnectionUrl } from '../../src/analysis/connection-url.js';
import { analyzeSql, clearSqlCache, initSqlParsers } from '../../src/analysis/sql/index.js';
import { extractScript } from '../../src/analysis/typescript/index.js';
import { expectAnalysedWithinBounds } from '../analysis/sql/helpers.js';

await initSqlParsers();

const dialects: Dialect[] = ['mysql', 'postgresql'];

/** Deterministic pseudo-random binary garbage. */
function garbage(n: number): string {
  let x = 12345;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += String.fromCharCode(x % 0xffff);
  }
  return s;
}

const hostileSql: Record<string, string> = {
  'binary garbage': garbage(20_000),
  '100,000-character single line': `SELECT ${'a,'.repeat(49_990)}b FROM wide`,
  'deeply nested parens': `SELECT ${'('.repeat(20_000)}1${')'.repeat(20_000)} FROM t`,
  'unbalanced open parens': `SELECT * FROM ${'('.repeat(20_000)}`,
  'deeply nested subqueries': `SELECT * FROM ${'(SELECT * FROM '.repeat(2_000)}t${') x'.repeat(2_000)}`,
};

describe('SQL: never throws or hangs on large input', () => {
  for (const dialect of dialects) {
    for (const [name, sql] of Object.entries(hostileSql)) {
      it(`${dialect}: ${name}`, () => expectAnalysedWithinBounds(sql, dialect));
    }
  }

  it('keeps the table of a 100,000-character line', () => {
    expect(analyzeSql(hostileSql['100,000-character single line'], 'mysql').statements[0].tableRefs.map((r) => r.name)).toEqual(['wide']);
  });

  it('the result cache stays bounded', () => {
    clearSqlCache();
    const first = analyzeSql('SELECT 0 FROM t0', 'mysql');
    for (let i = 1; i <= 5_001; i++) analyzeSql(`SELECT ${i}`, 'postgresql');
    expect(analyzeSql('SELECT 0 FROM t0', 'mysql')).not.toBe(first); // evicted
  });
});

describe('scripts: large broken and hostile input', () => {
  it('5,000 builder CTEs in one function: every reference to them dropped, each site given only the names it mentions (took 14 s: references x CTEs)', () => {
    const lines = ["import knex from 'knex';", 'const db = knex({});', 'export async function report() {'];
    for (let i = 0; i < 5_000; i++)
      lines.push(`  await db.with('cte_${i}', db.raw('select id from orders_${i}')).select('*').from('cte_${i}');`);
    lines.push("  return db.raw('select * from cte_1 join cte_4999 using (id)');", '}');
    const { script } = extractScript('src/report.ts', lines.join('\n'));
    expect(script.ormRefs).toEqual([]);
    expect(script.embeddedSql).toHaveLength(5_001);
    // The facts stay as large as the file: no site carries the 5,000 names around it.
    expect(script.embeddedSql.flatMap((s) => s.ctes ?? [])).toEqual(['cte_1', 'cte_4999']);
  });

  it('survives binary-ish garbage', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let garbage = '';
    for (let i = 0; i < 20000; i++) garbage += String.fromCharCode(Math.floor(rand() * 0xffff));
    garbage += "\u0000\uD800`${\\u{ZZ}'/*";
    const run = () => extractScript('garbage.js', garbage);
    expect(run).not.toThrow();
    expect(run().script.syntaxProblems.length).toBeGreaterThan(0);
    expect(run().script.syntaxProblems.length).toBeLessThanOrEqual(21);
  });

  it('survives very deep nesting and very long concatenations', () => {
    const deep = `const x = ${'('.repeat(20000)}1${')'.repeat(20000)};`;
    expect(() => extractScript('deep.ts', deep)).not.toThrow();
    const long = `db.query('SELECT * FROM t WHERE a IN (' + ${Array.from({ length: 5000 }, (_, i) => `'${i},'`).join(' + ')} + ')');`;
    const result = extractScript('long.ts', long);
    expect(result.script.embeddedSql.length + result.script.syntaxProblems.length).toBeGreaterThan(0);
  });
});

describe('connection strings: linear on long hostile inputs', () => {
  // CPU time, not wall time: a loaded machine stretches the wall clock, a quadratic scan takes minutes of CPU here.
  const cpuMs = (run: () => void) => {
    const started = process.cpuUsage();
    run();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000;
  };

  it('parseConnectionUrl', () => {
    const ms = cpuMs(() => {
      parseConnectionUrl(`postgres://${'?a'.repeat(200_000)}@${':'.repeat(200_000)}/${'/'.repeat(200_000)}`);
      parseConnectionUrl(`mysql://${'?'.repeat(300_000)}`);
    });
    expect(ms).toBeLessThan(1000);
  });

  it('parseConnectionString (HELDOUT7 #20, #21)', () => {
    const ms = cpuMs(() => {
      parseConnectionString(`${'@'.repeat(200_000)}tcp(${'('.repeat(200_000)})/x`);
      parseConnectionString(`${'a='.repeat(200_000)} ${"b='".repeat(100_000)}`);
      parseConnectionString(`${'Server=x;'.repeat(100_000)}${'A B '.repeat(100_000)}=`);
      parseConnectionString(`${'k = v '.repeat(100_000)}`);
    });
    expect(ms).toBeLessThan(1000);
  });
});
