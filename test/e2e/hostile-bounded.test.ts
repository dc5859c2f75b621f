/**
 * Hostile inputs whose point is bounded time: each lints in a child process that is killed
 * after a deadline, so a parser that loops fails the test instead of freezing the runner.
 * The other hostile cases (test/robustness/hostile.test.ts) run in-process.
 */
import { describe, expect, it } from 'vitest';
import { cliChild, expectNormalFinding, jsonDiagnostics, makeRepo } from '../robustness/helpers.js';

describe('hostile inputs, bounded time', () => {
  it('a 5 MB minified JS file: finishes in bounded time, nothing lost', () => {
    // One line of bundler output: functions, regexes, templates, and SQL strings every few KB.
    const chunks: string[] = [];
    let size = 0;
    for (let i = 0; size < 5 * 1024 * 1024; i++) {
      const chunk =
        `function a${i}(e,t){var n=e.map(function(r){return r*${i % 97}+t}).filter(Boolean);if(/^[a-z]{2,}\\d+$/i.test(t))return\`k\${n.length}\`;` +
        (i % 8 === 0 ? `return e.db.query("SELECT id,total FROM invoices WHERE id=? AND n=${i}",[t]);` : 'return n}') +
        `var b${i}={x:${i},y:"${'ab'.repeat(i % 13)}",z:[1,2,3].concat(a${i}([${i}],"q"))};`;
      chunks.push(chunk);
      size += chunk.length;
    }
    const root = makeRepo({ files: { 'services/billing/src/vendor/bundle.min.js': `!function(){"use strict";${chunks.join('')}}();\n` } });
    const outcome = cliChild(['--cwd', root, '--format', 'json'], 90_000);
    expect(outcome.timedOut, `killed after ${Math.round(outcome.ms)} ms`).toBe(false);
    expect(outcome.code, outcome.stderr).toBe(1);
    expectNormalFinding(jsonDiagnostics(outcome.stdout));
    expect(outcome.cpuMs).toBeLessThan(60_000);
  }, 120_000);

  it('a 100,000-character SQL line, in a .sql file and in an embedded string: bounded time, right column', () => {
    const values: string[] = [];
    for (let i = 0, size = 0; size < 100_000; i++) {
      const v = `(${i}, 'note ${i} it''s', ${i % 7})`;
      values.push(v);
      size += v.length + 1;
    }
    const sqlLine = `INSERT INTO billing_ledger (id, note, kind) VALUES ${values.join(',')}; SELECT id FROM payments WHERE id = 1;`;
    expect(sqlLine.length).toBeGreaterThan(100_000);
    const inList = values.map((_, i) => `'k${i}'`).join(', ');
    const tsLine = `export const q = (db: any) => db.query("SELECT id FROM invoices WHERE code IN (${inList}) UNION SELECT id FROM payments");`;
    const root = makeRepo({
      files: {
        'services/billing/migrations/V5__ledger.sql': `-- one long line\n${sqlLine}\n`,
        'services/billing/src/long.repository.ts': `${tsLine}\n`,
      },
    });
    const outcome = cliChild(['--cwd', root, '--format', 'json'], 90_000);
    expect(outcome.timedOut, `killed after ${Math.round(outcome.ms)} ms`).toBe(false);
    expect(outcome.code, outcome.stderr).toBe(1);
    const diagnostics = jsonDiagnostics(outcome.stdout);
    expect(
      diagnostics
        .filter((d) => d.file === 'services/billing/migrations/V5__ledger.sql' && d.ruleId === 'no-cross-service-query')
        .map((d) => [d.line, d.column]),
    ).toEqual([[2, sqlLine.lastIndexOf('payments') + 1]]);
    expect(
      diagnostics
        .filter((d) => d.file === 'services/billing/src/long.repository.ts' && d.ruleId === 'no-cross-service-query')
        .map((d) => [d.line, d.column]),
    ).toEqual([[1, tsLine.lastIndexOf('payments') + 1]]);
    expectNormalFinding(diagnostics);
    expect(outcome.cpuMs).toBeLessThan(60_000);
  }, 120_000);

  it('deeply nested expressions: no stack overflow escapes, bounded time', () => {
    const depth = 20_000;
    const root = makeRepo({
      files: {
        'services/billing/src/parens.ts': `export const x = ${'('.repeat(depth)}1${')'.repeat(depth)};\n`,
        'services/billing/src/arrays.ts': `export const y = ${'['.repeat(depth)}${']'.repeat(depth)};\n`,
        'services/billing/src/sum.ts': `export const z = ${Array.from({ length: 50_000 }, (_, i) => `v${i % 10}`).join(' + ')};\n`,
        'services/billing/src/concat.ts': `export const q = 'SELECT id FROM invoices WHERE 1 = 1'${" + ' AND id = ?'".repeat(20_000)};\n`,
        'services/billing/src/callbacks.ts': `export const w = ${'f(() => '.repeat(3000)}0${')'.repeat(3000)};\n`,
      },
    });
    const outcome = cliChild(['--cwd', root, '--format', 'json'], 90_000);
    expect(outcome.timedOut, `killed after ${Math.round(outcome.ms)} ms`).toBe(false);
    expect(outcome.code, outcome.stderr).toBe(1);
    expect(outcome.stderr).not.toMatch(/internal error/);
    expectNormalFinding(jsonDiagnostics(outcome.stdout));
  }, 120_000);

  it('a 100,000-line CRLF .env: bounded time', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `KEY_${i}=value_${i} # comment ${i}`);
    const root = makeRepo({ files: { 'services/billing/.env.example': `${lines.join('\r\n')}\r\nDB_NAME=billing_db\r\n` } });
    const outcome = cliChild(['--cwd', root, '--format', 'json'], 60_000);
    expect(outcome.timedOut, `killed after ${Math.round(outcome.ms)} ms`).toBe(false);
    expect(outcome.code, outcome.stderr).toBe(1);
    expectNormalFinding(jsonDiagnostics(outcome.stdout));
    expect(outcome.cpuMs).toBeLessThan(30_000);
  }, 90_000);
});
