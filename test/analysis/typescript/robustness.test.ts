import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScriptFacts } from '../../../src/analysis/facts.js';
import { extractScript, scriptMayHaveFacts } from '../../../src/analysis/typescript/index.js';
import { assertSegmentsWellFormed, fixturePath, rangeOf, readFixture, siteWith, sqlNeedleRange } from './helpers.js';

/** Facts the prefilter must never miss; `./`-relative imports are deliberately out of its scope. */
function factCount(s: ScriptFacts): number {
  return (
    s.imports.filter((i) => !i.specifier.startsWith('./')).length +
    s.embeddedSql.length +
    s.ormRefs.length +
    s.ormEntities.length +
    s.ormEntityUses.length +
    s.envDefaults.length +
    s.envReads.length +
    s.configProperties.length +
    s.connectionStrings.length +
    (s.envWrites?.length ?? 0) +
    (s.exportedStrings?.length ?? 0)
  );
}

describe('BOM and CRLF', () => {
  const lines = [
    '// leading comment after the BOM',
    "import mysql from 'mysql2/promise';",
    'export async function find(pool, id) {',
    '  const [rows] = await pool.execute(`',
    '    SELECT *',
    '    FROM invoices',
    '    WHERE id = ?`, [id]);',
    "  const pw = process.env.DB_PASSWORD || '';",
    "  return pool.query('SELECT a,\\r\\n b FROM ledger');",
    '}',
  ];
  const text = `\uFEFF${lines.join('\r\n')}\r\n`;
  const { script, comments } = extractScript('crlf.ts', text);

  it('keeps offsets right after a BOM', () => {
    expect(comments[0]).toMatchObject({ text: '// leading comment after the BOM', ownLine: true });
    expect(rangeOf(text, comments[0].span)).toMatchObject({ line: 1, column: 2 });
    expect(rangeOf(text, script.imports[0].fileSpan)).toEqual({ line: 2, column: 19, endLine: 2, endColumn: 35 });
  });

  it('cooks CRLF inside a template to LF and still maps every character', () => {
    const site = siteWith(script.embeddedSql, 'invoices');
    assertSegmentsWellFormed(text, site);
    expect(site.text).toBe('\n    SELECT *\n    FROM invoices\n    WHERE id = ?');
    expect(site.segments[0].mode).toBe('offsets');
    expect(sqlNeedleRange(text, site, 'invoices')).toEqual({ line: 6, column: 10, endLine: 6, endColumn: 18 });
    expect(sqlNeedleRange(text, site, 'WHERE')).toEqual({ line: 7, column: 5, endLine: 7, endColumn: 10 });
  });

  it('maps escaped \\r\\n in a string', () => {
    const site = siteWith(script.embeddedSql, 'ledger');
    expect(site.text).toBe('SELECT a,\r\n b FROM ledger');
    expect(sqlNeedleRange(text, site, 'ledger')).toEqual({ line: 9, column: 43, endLine: 9, endColumn: 49 });
  });

  it('keeps env default spans right', () => {
    expect(rangeOf(text, script.envDefaults[0].fileSpan)).toEqual({ line: 8, column: 41, endLine: 8, endColumn: 43 });
  });
});

describe('broken and hostile input', () => {
  it('reports an unterminated template as a syntax problem and still extracts what it can', () => {
    const text =
      "import { Pool } from 'pg';\nconst pw = process.env.PG_PASSWORD || 'postgres';\nexport const q = pool.query(`SELECT * FROM patients WHERE id = ${id}\n";
    const { script } = extractScript('broken.ts', text);
    expect(script.syntaxProblems.length).toBeGreaterThan(0);
    expect(script.syntaxProblems[0].message).toMatch(/Unterminated template literal/);
    expect(script.syntaxProblems[0].fileSpan.start).toBeGreaterThan(text.indexOf('`'));
    expect(script.imports.map((i) => i.specifier)).toEqual(['pg']);
    expect(script.envDefaults).toMatchObject([{ name: 'PG_PASSWORD', value: 'postgres' }]);
    expect(script.embeddedSql[0].text).toBe('SELECT * FROM patients WHERE id = __nl_hole_0__\n');
  });

  it('reports unterminated strings and unbalanced braces without throwing', () => {
    const { script } = extractScript('b.ts', "const a = 'SELECT * FROM x\nfunction f( {\n  db.query('SELECT 1')\n");
    expect(script.syntaxProblems.length).toBeGreaterThan(0);
    for (const p of script.syntaxProblems) expect(p.fileSpan.end).toBeGreaterThanOrEqual(p.fileSpan.start);
  });

  it('survives small garbage and nesting (the large inputs: test/e2e/analysis-large-inputs.test.ts)', () => {
    const garbage = "\u0000\uD800`${\\u{ZZ}'/*\uffff\u0001";
    expect(() => extractScript('garbage.js', garbage)).not.toThrow();
    expect(extractScript('garbage.js', garbage).script.syntaxProblems.length).toBeGreaterThan(0);
    expect(() => extractScript('deep.ts', `const x = ${'('.repeat(200)}1${')'.repeat(200)};`)).not.toThrow();
  });

  it('never throws on empty input', () => {
    expect(extractScript('e.ts', '')).toEqual({
      script: {
        embeddedSql: [],
        ormRefs: [],
        ormEntities: [],
        ormEntityUses: [],
        envDefaults: [],
        envReads: [],
        configProperties: [],
        connectionStrings: [],
        imports: [],
        syntaxProblems: [],
      },
      comments: [],
    });
  });
});

describe('scriptMayHaveFacts', () => {
  const fixtures = readdirSync(fixturePath('.')).filter((f) => /\.[cm]?[jt]sx?$/.test(f));
  const snippets = [
    'db.query(`${base} WHERE id = 1`)',
    'const { env } = process;\nexport const s = env.SECRET;',
    "const c = { client: 'pg' };",
    "export default { password: 'x' };",
    "x.from('patients')",
    'sql`SELECT 1`',
    "const u = 'postgres://a@b/c';",
    "import x from 'lodash';",
    "export * from '../shared';",
    "@Entity('t') class T {}",
    'prisma.patient.findMany()',
    "import { prisma as driversDb } from './drivers-db';\ndriversDb.vehicle.findFirst();",
    "const s = z.object({ A: z.string().default('x') });",
    "const q = {\n  sql: '\\nSELECT 1'\n};",
    "const { env } = process;\nenv.NODE_TLS_REJECT_UNAUTHORIZED = '0';",
    "export const s3 = { secretAccessKey: 'x' };",
    'export const m = new MongoClient(u, { tls: false });',
    "export const r = { auth: 'user:pw' };",
    "export const t = JWT.sign(payload, 'secret');",
    // string constants other modules' SQL may read (exported-strings.ts)
    "export const TABLES = {\n  PATIENTS: 'patients',\n} as const;",
    "export const INVOICES_TABLE: string = 'invoices';",
    "export enum Tables { Orders = 'orders' }",
    "export const enum DbTableName { Orders = 'orders' }",
    "export default Object.freeze({ ORDERS: 'orders' });",
    "const T = { A: 'a' };\nexport default T;",
    "const T = 'a';\nexport { T as TABLE };",
    "module.exports = { ORDERS: 'orders' };",
    "exports.ORDERS = 'orders';",
    "export default 'orders';",
    "const TABLES = { A: 'a' };\nexport { TABLES }",
    // query builders' fragments and COPY (HELDOUT6 #18, #20), Bookshelf models and uses (#5)
    "export const f = (q) => q.whereRaw('EXISTS (SELECT 1 FROM reviews r)');",
    "export const f = (q) => q.andWhere('id IN (SELECT id FROM reviews)');",
    "export const f = (c) => c.query(copyTo('COPY reviews TO STDOUT'));",
    "const { Listing } = require('./models');\nexports.f = (id) => Listing.where({ id }).fetch();",
    "const { Listing } = require('./models');\nexports.f = (id) => new Listing({ id }).destroy();",
    "exports.f = (b) => b.model('Listing').where({ id: 1 }).fetch();",
    "import * as db from 'zapatos/db';\nexport const f = () => db.selectOne('users', { id: 1 });",
  ];

  it('never rejects a text that has facts (fixtures and snippets)', () => {
    for (const name of fixtures) {
      const text = readFixture(name);
      if (factCount(extractScript(name, text).script) > 0) expect(scriptMayHaveFacts(text), name).toBe(true);
    }
    for (const code of snippets) {
      expect(factCount(extractScript('s.ts', code).script), code).toBeGreaterThan(0);
      expect(scriptMayHaveFacts(code), code).toBe(true);
    }
  });

  it('skips files with nothing to extract', () => {
    const util = [
      "import { clamp } from './math';",
      'export function formatAmount(cents: number): string {',
      '  const value = clamp(cents, 0, Number.MAX_SAFE_INTEGER) / 100;',
      "  return value.toFixed(2) + ' SDG';",
      '}',
      'export interface Invoice { id: string; total: number }',
    ].join('\n');
    expect(factCount(extractScript('u.ts', util).script)).toBe(0);
    expect(scriptMayHaveFacts(util)).toBe(false);
    expect(scriptMayHaveFacts('export const add = (a: number, b: number) => a + b;')).toBe(false);
    // A string enum of statuses holds no table names: neither read nor a reason to parse.
    const statuses = "export enum OrderStatus {\n  Pending = 'PENDING',\n}\nexport const router = Router();\nexport default class Api {}";
    expect(factCount(extractScript('s.ts', statuses).script)).toBe(0);
    expect(scriptMayHaveFacts(statuses)).toBe(false);
  });

  it('honours project SQL callees', () => {
    const code = "import './x';\nrepo.fetchRows(`${q}`);";
    expect(scriptMayHaveFacts(code)).toBe(false);
    expect(scriptMayHaveFacts(code, { sqlCallees: ['repo.fetchRows'] })).toBe(true);
  });
});
