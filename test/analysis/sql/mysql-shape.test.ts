import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { clearMysqlCaches, parseMysqlStatement } from '../../../src/analysis/sql/mysql.js';
import { canonicalName, grammarMaySpell, statementShape } from '../../../src/analysis/sql/mysql-shape.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('statement shapes', () => {
  it('renames the names the grammar never spells, keeps its words, and writes whitespace as one space', () => {
    // `total`, `status` and `orders` begin with or are words of the grammar (`TO`, `STATUS`, `OR`): kept.
    const shape = statementShape(
      'SELECT p.amount, p.status, total\n     FROM payments p\n    JOIN orders o ON o.id = p.id\n    WHERE p.id = ? LIMIT 10',
    );
    expect(shape?.text).toBe(
      'SELECT qza.qzb, qza.status, total FROM qzc qza JOIN orders qzd ON qzd.qze = qza.qze WHERE qza.qze = ? LIMIT 10',
    );
    expect([...shape!.originals]).toEqual([
      ['qza', 'p'],
      ['qzb', 'amount'],
      ['qzc', 'payments'],
      ['qzd', 'o'],
      ['qze', 'id'],
    ]);
  });

  it('gives statements that differ only in names one shape', () => {
    const a = statementShape('SELECT p.id FROM appointments p WHERE p.patient_id = ?');
    const b = statementShape('SELECT r.id FROM prescriptions r WHERE r.patient_id = ?');
    expect(a?.text).toBe(b?.text);
    expect(a?.originals.get('qzc')).toBe('appointments');
    expect(b?.originals.get('qzc')).toBe('prescriptions');
  });

  it('keeps words the grammar spells, words beginning with one (an unguarded MOD would read modified_at), and words with digits', () => {
    const shape = statementShape('SELECT modified_at, HIGH_PRIORITY, address_line1, `ward` FROM t2 WHERE ward DIV 2 = 1');
    expect(shape?.text).toBe('SELECT modified_at, HIGH_PRIORITY, address_line1, `ward` FROM t2 WHERE qza DIV 2 = 1');
    expect(grammarMaySpell('MODIFIED_AT')).toBe(true);
    expect(grammarMaySpell('HIGH_PRIORITY')).toBe(true); // a key of the reserved-word table, not a string literal
    expect(grammarMaySpell('INVOICES')).toBe(true); // begins with IN
    expect(grammarMaySpell('PAYMENTS')).toBe(false);
  });

  it.each([
    ['a comment', 'SELECT id FROM t -- note'],
    ['a block comment', 'SELECT id /* note */ FROM t'],
    ['a hash comment', 'SELECT id FROM t # note'],
    ['a backslash escape', "SELECT id FROM t WHERE name = 'it\\'s'"],
    ['a double quote', 'SELECT "id" FROM t'],
    ['a dollar', 'SELECT $1 FROM t'],
    ['non-ASCII text', "SELECT id FROM t WHERE name = 'café'"],
    ['a non-breaking space', 'SELECT id\u00a0FROM t'],
    ['two spellings of one name', 'SELECT Ward.id FROM ward'],
    ['a name like a canonical one', 'SELECT qza FROM t'],
  ])('gives no shape to a statement with %s', (_, sql) => {
    expect(statementShape(sql)).toBeUndefined();
  });

  it('canonical names are letters only and never a grammar word nor begin with one', () => {
    const names = new Set<string>();
    // Checked in plain code, then one expect: 60,000 expect() calls were most of this test's time.
    const wrong: string[] = [];
    for (let i = 0; i < 30000; i++) {
      const name = canonicalName(i);
      if (!/^qz[a-z]+$/.test(name)) wrong.push(`${i}: ${name} is not qz and letters`);
      if (grammarMaySpell(name.toUpperCase())) wrong.push(`${i}: the grammar may spell ${name}`);
      names.add(name);
    }
    expect(wrong).toEqual([]);
    expect(names.size).toBe(30000);
  });

  it('the grammar word list matches the installed node-sql-parser', async () => {
    // What `node scripts/mysql-grammar-words.mjs --check` compares, in this process (a node process costs ~0.15 s of CPU).
    const script = pathToFileURL(path.join(root, 'scripts', 'mysql-grammar-words.mjs')).href;
    const { harvestGrammarWords, renderModule } = (await import(script)) as {
      harvestGrammarWords: () => { version: string; words: string[] };
      renderModule: (harvest: { version: string; words: string[] }) => string;
    };
    const generated = path.join(root, 'src', 'analysis', 'sql', 'mysql-grammar-words.ts');
    expect(
      readFileSync(generated, 'utf8') === renderModule(harvestGrammarWords()),
      'out of date: run node scripts/mysql-grammar-words.mjs',
    ).toBe(true);
  });
});

describe('parsing through shapes', () => {
  beforeAll(() => clearMysqlCaches());

  it("answers with the statement's own table names", () => {
    const a = parseMysqlStatement('SELECT x.id FROM billing.invoices x JOIN payments p ON p.invoice_id = x.id', 0);
    const b = parseMysqlStatement('SELECT y.id FROM clinic.visits y JOIN referrals r ON r.invoice_id = y.id', 0);
    expect(a).toEqual({
      ok: true,
      tables: [
        { action: 'select', db: 'billing', table: 'invoices' },
        { action: 'select', table: 'payments' },
      ],
    });
    expect(b).toEqual({
      ok: true,
      tables: [
        { action: 'select', db: 'clinic', table: 'visits' },
        { action: 'select', table: 'referrals' },
      ],
    });
  });

  it('a statement whose shape the parser rejects is parsed as written: the error offset is its own', () => {
    const sql = 'SELECT id\n\n      FROM orders WHERE';
    const r = parseMysqlStatement(sql, 100);
    expect(r.ok).toBe(false);
    // The shape (`SELECT qza FROM qzb WHERE`) would put the end of input 9 characters earlier.
    expect(!r.ok && r.offset).toBe(100 + sql.length);
  });

  it('HIGH_PRIORITY as a column name is rejected as written, whatever a renamed statement would say', () => {
    const r = parseMysqlStatement('SELECT HIGH_PRIORITY id FROM counters', 0);
    expect(r.ok).toBe(false);
  });
});

// Every statement of the fixtures and of bench/sql-corpus, parsed as written and through its shape: test/e2e/mysql-shape-corpus.test.ts.
