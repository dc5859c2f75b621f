/** Informal timings of the analysers on large inputs: hang guards, not benchmarks (bench/ measures). */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../src/analysis/facts.js';
import { analyzeSql, clearSqlCache, initSqlParsers } from '../../src/analysis/sql/index.js';
import { extractScript } from '../../src/analysis/typescript/index.js';
import { readFixture } from '../analysis/typescript/helpers.js';

await initSqlParsers();
const dialects: Dialect[] = ['mysql', 'postgresql'];

describe('SQL analysis', () => {
  function generate(dialect: Dialect, n: number): string {
    const q = dialect === 'mysql' ? '`' : '"';
    const p = (i: number): string => (dialect === 'mysql' ? '?' : `$${i}`);
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      switch (i % 5) {
        case 0:
          out.push(
            dialect === 'mysql'
              ? `CREATE TABLE ${q}t${i}${q} (id CHAR(36) PRIMARY KEY, name VARCHAR(255) NOT NULL, status ENUM('a','b') DEFAULT 'a', patient_id CHAR(36), INDEX idx_${i} (name), FOREIGN KEY (patient_id) REFERENCES clinical_data.patients(id)) ENGINE=InnoDB;`
              : `CREATE TABLE ${q}t${i}${q} (id UUID PRIMARY KEY, name VARCHAR(255) NOT NULL, patient_id UUID REFERENCES clinical.patients(id), payload JSONB, created_at TIMESTAMPTZ DEFAULT now());`,
          );
          break;
        case 1:
          out.push(
            `-- Worker's note ${i}\nSELECT a.id, b.name FROM t${i} a JOIN other b ON a.id = b.id WHERE a.x IN (SELECT y FROM z WHERE q = ${p(1)}) ORDER BY a.id LIMIT 10;`,
          );
          break;
        case 2:
          out.push(`INSERT INTO t${i} (id, name, status) VALUES (${p(1)}, ${p(2)}, 'a');`);
          break;
        case 3:
          out.push(`UPDATE t${i} SET name = 'x' WHERE id IN (SELECT id FROM audit WHERE ts > NOW());`);
          break;
        default:
          out.push(`CREATE INDEX idx_t${i}_name ON t${i - 4} (name);`);
      }
    }
    return out.join('\n');
  }

  for (const dialect of dialects) {
    it(`${dialect}: 2,000 statements well under a few seconds`, () => {
      clearSqlCache();
      const sql = generate(dialect, 2_000);
      const t0 = performance.now();
      const result = analyzeSql(sql, dialect);
      const ms = performance.now() - t0;
      console.info(
        `[sql perf] ${dialect}: ${result.statements.length} statements, ${(sql.length / 1024).toFixed(0)} KB in ${ms.toFixed(0)} ms`,
      );
      expect(result.statements).toHaveLength(2_000);
      expect(result.statements.every((s) => s.parse === 'full')).toBe(true);
      // A hang guard, not a benchmark: shared CI machines are slow. Typical: well under 1 s warm, ~1 s cold.
      expect(ms).toBeLessThan(20_000);
    });
  }
});

describe('TypeScript extraction (informational)', () => {
  it('extracts a 1,000-line service file', () => {
    const base = readFixture('invoice-service.ts').split('\n');
    const lines: string[] = [];
    for (let copy = 0; lines.length < 1000; copy++) {
      for (const line of base)
        lines.push(
          line
            .replace(/\bInvoiceService\b/g, `InvoiceService${copy}`)
            .replace(/\bupdateRecord\b/g, `updateRecord${copy}`)
            .replace(/\bQUERIES\b/g, `QUERIES${copy}`),
        );
    }
    const text = lines.slice(0, 1000).join('\n');
    for (let i = 0; i < 10; i++) extractScript('warm.ts', text);
    const runs = 30;
    let t0 = performance.now();
    for (let i = 0; i < runs; i++) ts.createSourceFile('service.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const parseMs = (performance.now() - t0) / runs;
    t0 = performance.now();
    let sites = 0;
    for (let i = 0; i < runs; i++) sites = extractScript('service.ts', text).script.embeddedSql.length;
    const ms = (performance.now() - t0) / runs;
    console.log(
      `[timing] extractScript on a 1,000-line service file: ${ms.toFixed(1)} ms per file, of which parsing alone ${parseMs.toFixed(1)} ms (${sites} SQL sites)`,
    );
    expect(sites).toBeGreaterThan(50);
  });
});
