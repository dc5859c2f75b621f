import { describe, expect, it } from 'vitest';
import type { EmbeddedSql } from '../../../src/analysis/facts.js';
import { embeddedToFileSpan } from '../../../src/analysis/locate.js';
import { extractScript, holePlaceholder, sqlOffsetToFile } from '../../../src/analysis/typescript/index.js';
import { looksLikeSqlStatement } from '../../../src/analysis/typescript/sql-detect.js';
import { assertSegmentsWellFormed, extractFixture, rangeOf, siteWith, sqlNeedleFileText, sqlNeedleRange } from './helpers.js';

function sqlOf(code: string, options?: Parameters<typeof extractScript>[2]): EmbeddedSql[] {
  const sites = extractScript('snippet.ts', code, options).script.embeddedSql;
  for (const s of sites) assertSegmentsWellFormed(code, s);
  return sites;
}

describe('embedded SQL in a realistic service file', () => {
  const { text, script } = extractFixture('invoice-service.ts');
  const sites = script.embeddedSql;

  it('produces well-formed segments for every site', () => {
    for (const site of sites) assertSegmentsWellFormed(text, site);
  });

  it('maps a 20-line template with ? placeholders character for character', () => {
    const site = siteWith(sites, 'FROM invoices i');
    expect(site).toMatchObject({ callee: 'connection.execute', via: 'callee' });
    expect(site.segments).toHaveLength(1);
    expect(site.segments[0].mode).toBe('exact');
    expect(site.text.match(/\?/g)).toHaveLength(6);
    expect(sqlNeedleRange(text, site, 'invoices')).toEqual({ line: 32, column: 12, endLine: 32, endColumn: 20 });
    expect(sqlNeedleRange(text, site, 'clinical_data.patients')).toEqual({ line: 33, column: 12, endLine: 33, endColumn: 34 });
    expect(sqlNeedleRange(text, site, 'LIMIT')).toEqual({ line: 39, column: 7, endLine: 39, endColumn: 12 });
    expect(rangeOf(text, site.fileSpan)).toMatchObject({ line: 22, column: 7, endLine: 40, endColumn: 8 });
  });

  it('agrees with the engine locator', () => {
    for (const site of sites) {
      for (let i = 0; i < site.text.length; i += 7) {
        const mine = sqlOffsetToFile(site.segments, i);
        const engine = embeddedToFileSpan(site, { start: i, end: i + 1 });
        expect(engine.start).toBe(mine);
      }
    }
  });

  it('maps a string with \\n and \\t escapes per character (offsets mode)', () => {
    const site = siteWith(sites, 'invoice_lines');
    expect(site.text).toBe('SELECT id,\n       total\nFROM invoice_lines\tWHERE invoice_id = ?');
    expect(site.segments[0].mode).toBe('offsets');
    expect(sqlNeedleRange(text, site, 'invoice_lines')).toEqual({ line: 59, column: 60, endLine: 59, endColumn: 73 });
    expect(sqlNeedleRange(text, site, 'WHERE')).toEqual({ line: 59, column: 75, endLine: 59, endColumn: 80 });
    expect(sqlNeedleFileText(text, site, 'total')).toBe('total');
  });

  it('concatenates `sql +=` appends made in branches, in source order, before the call', () => {
    const site = siteWith(sites, 'WHERE 1 = 1');
    expect(site.text).toBe("SELECT * FROM invoices WHERE 1 = 1 AND status = ? AND status <> 'void' AND created_at >= ?");
    expect(site).toMatchObject({ callee: 'this.pool.query', via: 'variable' });
    expect(rangeOf(text, site.fileSpan)).toMatchObject({ line: 47, column: 15 });
    expect(sqlNeedleRange(text, site, 'status')).toEqual({ line: 49, column: 20, endLine: 49, endColumn: 26 });
    expect(sqlNeedleRange(text, site, 'void')).toEqual({ line: 51, column: 32, endLine: 51, endColumn: 36 });
    expect(sqlNeedleRange(text, site, 'created_at')).toEqual({ line: 53, column: 28, endLine: 53, endColumn: 38 });
  });

  it('resolves a module const in a + concatenation to a collapsed segment at the identifier', () => {
    const site = siteWith(sites, 'FROM payments WHERE');
    expect(site.text).toBe('SELECT * FROM payments WHERE invoice_id = ?');
    expect(site.via).toBe('callee');
    expect(sqlNeedleRange(text, site, 'payments')).toEqual({ line: 63, column: 49, endLine: 63, endColumn: 54 });
    expect(site.segments.map((s) => s.mode)).toEqual(['exact', 'collapsed', 'exact']);
  });

  it('resolves ${this.tableName} from a readonly class field', () => {
    const site = siteWith(sites, 'INSERT INTO audit_logs');
    expect(site).toMatchObject({ callee: 'this.dbService.run', via: 'callee', text: 'INSERT INTO audit_logs (action) VALUES (?)' });
    expect(sqlNeedleRange(text, site, 'audit_logs')).toEqual({ line: 67, column: 45, endLine: 67, endColumn: 59 });
  });

  it('resolves static readonly fields, enum members and as-const object members', () => {
    const site = siteWith(sites, 'invoice_history');
    expect(site.text).toBe(
      'SELECT * FROM invoice_history h JOIN clinical_data.patients p ON p.id = h.patient_id JOIN ledger_entries l ON l.id = h.ledger_id',
    );
    expect(sqlNeedleFileText(text, site, 'clinical_data.patients')).toBe('Tables.PATIENTS');
  });

  it('resolves a concatenation of constants inside a hole', () => {
    expect(siteWith(sites, 'payments_archive').text).toBe('INSERT INTO payments_archive SELECT * FROM payments');
  });

  it('replaces unresolved holes with placeholders, never guessed names', () => {
    const site = siteWith(sites, '_invoices');
    expect(site.text).toBe(`SELECT * FROM ${holePlaceholder(0)}_invoices WHERE total > ${holePlaceholder(1)}`);
    expect(site.text).not.toContain('region');
    expect(sqlNeedleFileText(text, site, holePlaceholder(0))).toBe('region');
  });

  it('keeps a generic helper table-name parameter unresolved', () => {
    const site = siteWith(sites, 'UPDATE `');
    expect(site.text).toBe(`UPDATE \`${holePlaceholder(0)}\` SET ? WHERE id = ?`);
    expect(site.callee).toBe('pool.execute');
    // the escaped backticks map back to their backslashes
    expect(sqlNeedleRange(text, site, 'SET')).toMatchObject({ line: 104 });
  });

  it('extracts tagged sql`` templates', () => {
    const site = siteWith(sites, 'WHERE id = __nl_hole_0__');
    expect(site).toMatchObject({ callee: 'sql', via: 'tagged-template', text: `SELECT * FROM invoices WHERE id = ${holePlaceholder(0)}` });
    expect(rangeOf(text, site.fileSpan)).toMatchObject({ line: 87, column: 15 });
  });

  it('extracts a SQL-looking literal never passed to a call, once', () => {
    const site = siteWith(sites, 'patient_id = ?');
    expect(site).toMatchObject({ via: 'sql-looking', callee: '' });
    expect(rangeOf(text, site.fileSpan)).toMatchObject({ line: 108, column: 14 });
  });

  it('ignores log and UI strings, error messages and SQL-ish comments', () => {
    const all = sites.map((s) => s.text).join('\n');
    expect(all).not.toMatch(
      /Update failed|Select a patient|Delete failed|Update invoice failed|comment_table|block_comment_table|table not allowed/,
    );
  });

  it('reports each SQL text occurrence once', () => {
    const starts = sites.map((s) => s.fileSpan.start);
    expect(new Set(starts).size).toBe(starts.length);
    expect(sites.filter((s) => s.text.startsWith('SELECT * FROM invoices WHERE 1 = 1'))).toHaveLength(1);
    expect(sites).toHaveLength(11);
  });
});

describe('SQL callee shapes', () => {
  const shapes: Array<[string, string]> = [
    ['pool.execute', "pool.execute('SELECT * FROM patients WHERE id = ?', [id]);"],
    ['pool.query', "pool.query('SELECT 1');"],
    ['connection.execute', 'connection.execute(`DELETE FROM sessions WHERE expires_at < NOW()`);'],
    ['this.db.query', "class A { f() { return this.db.query('UPDATE invoices SET paid = 1'); } }"],
    ['this.dbService.run', "class A { f() { return this.dbService.run('INSERT INTO audit_logs VALUES (?)'); } }"],
    ['client.query', "client.query('SELECT * FROM visits WHERE id = $1', [id]);"],
    ['knex.raw', "knex.raw('SELECT count(*) FROM patients');"],
    ['(await getConn()).query', "async function f() { return (await getConn()).query('SELECT * FROM labs'); }"],
    ['db.prepare', "db.prepare('SELECT * FROM devices WHERE id = ?');"],
    ['db.get', "db.get('SELECT * FROM devices WHERE id = ?', id);"],
    ['db.all', "db.all('select * from devices');"],
    ['db.exec', "db.exec('CREATE TABLE IF NOT EXISTS kv (k TEXT, v TEXT)');"],
    ['db.none', "db.none('DELETE FROM carts WHERE id = $1', [id]);"],
    ['db.one', "db.one('SELECT * FROM users WHERE id = $1', [id]);"],
    ['db.oneOrNone', "db.oneOrNone('SELECT * FROM users WHERE email = $1', [e]);"],
    ['db.many', "db.many('SELECT * FROM users');"],
    ['db.manyOrNone', "db.manyOrNone('SELECT * FROM users');"],
    ['db.any', "db.any('SELECT * FROM users');"],
    ['prisma.$queryRawUnsafe', 'prisma.$queryRawUnsafe(\'SELECT * FROM "Patient" WHERE id = $1\', id);'],
    ['prisma.$executeRawUnsafe', "prisma.$executeRawUnsafe('TRUNCATE TABLE audit_logs');"],
    ['sql.unsafe', "sql.unsafe('SELECT * FROM orders');"],
    ['sequelize.query', "sequelize.query('SELECT * FROM claims', { type: QueryTypes.SELECT });"],
    ['queryRunner.query', 'queryRunner.query(`ALTER TABLE invoices ADD COLUMN paid_at TIMESTAMP`);'],
    ['db.run', "db.run('BEGIN TRANSACTION');"],
  ];
  for (const [callee, code] of shapes) {
    it(`extracts ${callee}(…)`, () => {
      const sites = sqlOf(code);
      expect(sites).toHaveLength(1);
      expect(sites[0]).toMatchObject({ callee, via: 'callee' });
    });
  }

  it('accepts callee chains split over lines', () => {
    const sites = sqlOf("this.db\n  .query('SELECT * FROM t')");
    expect(sites[0].callee).toBe('this.db.query');
  });

  it('reads pg / mysql2 query config objects', () => {
    const sites = sqlOf(
      "pool.query({ text: 'SELECT * FROM patients WHERE id = $1', values: [id] }); conn.query({ sql: 'SELECT * FROM labs', timeout: 100 });",
    );
    expect(sites.map((s) => s.text)).toEqual(['SELECT * FROM patients WHERE id = $1', 'SELECT * FROM labs']);
  });

  it('treats options.sqlCallees as SQL callees (last name or dotted text)', () => {
    const code = "class R { f(s: string) { this.repo.fetchRows('SHOW TABLES'); this.gateway.send('DESCRIBE invoices'); } }";
    expect(sqlOf(code)).toHaveLength(0);
    const sites = sqlOf(code, { sqlCallees: ['fetchRows', 'gateway.send'] });
    expect(sites.map((s) => [s.callee, s.text])).toEqual([
      ['this.repo.fetchRows', 'SHOW TABLES'],
      ['this.gateway.send', 'DESCRIBE invoices'],
    ]);
  });

  it('does not take routes, cache keys, regexes or promises for SQL', () => {
    const code = [
      "app.get('/patients/:id', handler);",
      "router.all('*', notFound);",
      "cache.get('select');",
      "redis.get('update:patients');",
      'regex.exec(input);',
      'Promise.all([a, b]);',
      "child.exec('ls -la');",
      "command.execute('deploy');",
      "map.get('SELECT');",
      "handlers.get('DELETE');",
      "routes.get('DELETE /users/:id');",
      'const re = String.raw`\\d+ SELECT`;',
    ].join('\n');
    expect(sqlOf(code)).toEqual([]);
  });
});

describe('tagged templates', () => {
  it('extracts sql``, SQL``, Prisma.sql``, prisma.$queryRaw`` and sql.raw()', () => {
    const code = [
      'const a = sql`SELECT * FROM a_table`;',
      'const b = SQL`SELECT * FROM b_table`;',
      'const c = Prisma.sql`SELECT * FROM c_table`;',
      'const d = prisma.$queryRaw`SELECT * FROM d_table`;',
      "const e = sql.raw('SELECT * FROM e_table');",
    ].join('\n');
    const sites = sqlOf(code);
    expect(sites.map((s) => [s.callee, s.via])).toEqual([
      ['sql', 'tagged-template'],
      ['SQL', 'tagged-template'],
      ['Prisma.sql', 'tagged-template'],
      ['prisma.$queryRaw', 'tagged-template'],
      ['sql.raw', 'callee'],
    ]);
  });

  it('inlines nested sql fragments with their own positions', () => {
    const code = 'const where = sql`status = ${s}`;\nconst q = sql`SELECT * FROM invoices WHERE ${where} AND ${sql`paid = ${p}`}`;';
    const sites = sqlOf(code);
    const outer = siteWith(sites, 'invoices');
    expect(outer.text).toBe(`SELECT * FROM invoices WHERE ${holePlaceholder(0)} AND paid = ${holePlaceholder(1)}`);
    expect(sqlNeedleRange(code, outer, 'paid')).toEqual({ line: 2, column: 63, endLine: 2, endColumn: 67 });
    expect(sites).toHaveLength(2); // the `where` fragment on its own, the outer query with the inner one inlined
  });
});

describe('holes of a tag that binds its values (HELDOUT9 #20)', () => {
  const H = holePlaceholder;

  it("Slonik's sql`…` sends each value as a parameter: a constant's text never enters the SQL, its value stays on the hole", () => {
    const code = [
      "import { sql } from '@silverhand/slonik';",
      "const cloudApiIndicator = 'https://cloud.logto.io/api';",
      "const adminTenantId = 'admin';",
      'const q = sql`select * from resources where tenant_id = ${adminTenantId} and indicator = ${cloudApiIndicator} and ${`x${id}`} = ${"y"}`;',
    ].join('\n');
    const [site] = sqlOf(code);
    expect(site.text).toBe(`select * from resources where tenant_id = ${H(0)} and indicator = ${H(1)} and ${H(2)} = ${H(3)}`);
    expect(site.holes).toEqual([
      { index: 0, values: ['admin'] },
      { index: 3, values: ['y'] },
    ]);
    expect(sqlNeedleRange(code, site, H(1))).toEqual({ line: 4, column: 92, endLine: 4, endColumn: 109 });
  });

  it('SQL in a hole stays SQL: a nested sql`…`, sql.raw, sql.identifier (inline or bound to a const), any other call', () => {
    const code = [
      "import { sql } from 'slonik';",
      "const users = sql.identifier(['public', 'users']);",
      "const active = 'active';",
      "const q = sql`select * from ${users} join ${sql.identifier(['teams'])} on true where ${sql`status = ${active}`} and ${sql.raw('1 = 1')} and id in (${sql.join(ids, sql.fragment`, `)})`;",
    ].join('\n');
    const site = siteWith(sqlOf(code), 'teams');
    expect(site.text).toBe(`select * from public.users join teams on true where status = ${H(0)} and 1 = 1 and id in (${H(1)})`);
  });

  it('a tag the file defines itself (String.raw under another name, a function) pastes its constants as before', () => {
    const raw = ['const sql = String.raw;', "const TABLE = 'audit_logs';", 'const q = sql`SELECT * FROM ${TABLE}`;'].join('\n');
    expect(sqlOf(raw).map((s) => s.text)).toEqual(['SELECT * FROM audit_logs']);
    const own = [
      'function SQL(strings, ...values) { return strings.reduce((s, p, i) => s + values[i - 1] + p); }',
      "const TABLE = 'audit_logs';",
      'const r = SQL`SELECT * FROM ${TABLE} WHERE kind = 1`;',
    ].join('\n');
    expect(sqlOf(own).map((s) => s.text)).toEqual(['SELECT * FROM audit_logs WHERE kind = 1']);
  });

  it("postgres.js's sql`…` likewise: a value is a parameter, sql('table') the table", () => {
    const code = [
      "import postgres from 'postgres';",
      'const sql = postgres(process.env.DATABASE_URL);',
      "const kind = 'invoice';",
      "export const f = () => sql`SELECT * FROM ${sql('documents')} WHERE kind = ${kind}`;",
    ].join('\n');
    const [site] = sqlOf(code);
    expect(site.text).toBe(`SELECT * FROM documents WHERE kind = ${H(0)}`);
  });
});

describe('CTEs named by a hole (HELDOUT9 #7)', () => {
  it("a hole whose values the file shows, where a CTE's name stands, declares each value (EmbeddedSql.ctes)", () => {
    const code = [
      'function q(big, deep, col) {',
      '  return db.query(`with recursive ${big ? "J_Raw" : "j"} (id) as (select 1), ${deep ? "tree" : "flat"} as materialized (select 2)',
      '    select ${col ? "a" : "b"} as x, ${big ? "n" : "m"} as (y) from j join tree on true`);',
      '}',
    ].join('\n');
    const [site] = sqlOf(code);
    expect(site.ctes).toEqual(['flat', 'j', 'j_raw', 'tree']);
  });

  it('a hole elsewhere, or one whose value the file does not show, declares none', () => {
    const code = 'function q(name) {\n  return db.query(`with ${name} as (select 1) select ${"a"} from ${name}`);\n}';
    expect(sqlOf(code)[0].ctes).toBeUndefined();
  });
});

describe('SQL built in variables', () => {
  it('follows a const template into the call', () => {
    const code =
      'async function f(conn, id) {\n  const sql = `\n    SELECT *\n    FROM invoices\n    WHERE id = ?`;\n  await conn.execute(sql, [id]);\n}';
    const [site] = sqlOf(code);
    expect(site).toMatchObject({ callee: 'conn.execute', via: 'variable' });
    expect(sqlNeedleRange(code, site, 'invoices')).toEqual({ line: 4, column: 10, endLine: 4, endColumn: 18 });
  });

  it('reports a variable passed to two calls once', () => {
    const code = "const q = 'SELECT * FROM invoices';\npool.query(q);\nreplica.query(q);";
    expect(sqlOf(code)).toHaveLength(1);
  });

  it('handles sql = sql + … appends', () => {
    const code = "function f(a) { let q = 'SELECT * FROM t WHERE 1=1'; if (a) q = q + ' AND a = ?' + ' AND b = ?'; return db.query(q); }";
    expect(sqlOf(code)[0].text).toBe('SELECT * FROM t WHERE 1=1 AND a = ? AND b = ?');
  });

  it('ignores appends made after the call', () => {
    const code = "function f() { let q = 'SELECT * FROM t'; db.query(q); q += ' WHERE late = 1'; }";
    expect(sqlOf(code)[0].text).toBe('SELECT * FROM t');
  });

  it('collects appends of a variable never passed to a call (sql-looking)', () => {
    const code = "function f(a) { let q = 'SELECT * FROM t WHERE 1=1'; if (a) q += ' AND a = ?'; return q; }";
    const sites = sqlOf(code);
    expect(sites).toHaveLength(1);
    expect(sites[0]).toMatchObject({ via: 'sql-looking', text: 'SELECT * FROM t WHERE 1=1 AND a = ?' });
  });

  it('joins literal arrays', () => {
    const code = "const q = ['SELECT *', 'FROM invoices', 'WHERE id = ?'].join(' ');\nawait pool.query(q);";
    const [site] = sqlOf(code);
    expect(site.text).toBe('SELECT * FROM invoices WHERE id = ?');
    expect(sqlNeedleRange(code, site, 'invoices')).toEqual({ line: 1, column: 30, endLine: 1, endColumn: 38 });
  });

  it("reads tsc's ES5 template literal, a string literal's .concat chain, as one statement with holes (HELDOUT13 #13)", () => {
    const code = [
      'countries.forEach(function (c) {',
      `  queryRunner.query("DELETE FROM \\"country\\" WHERE iso_2 = '".concat(c.alpha2, "'"));`,
      '});',
      'queryRunner.query("UPDATE \\"region\\" SET \\"tax_rate\\" = ".concat(rate, " WHERE \\"id\\" = \'").concat(id, "\'"));',
    ].join('\n');
    const sites = sqlOf(code);
    expect(sites.map((site) => site.text)).toEqual([
      `DELETE FROM "country" WHERE iso_2 = '${holePlaceholder(0)}'`,
      `UPDATE "region" SET "tax_rate" = ${holePlaceholder(0)} WHERE "id" = '${holePlaceholder(1)}'`,
    ]);
    expect(sqlNeedleRange(code, sites[0], 'country')).toEqual({ line: 2, column: 36, endLine: 2, endColumn: 43 });
    expect(sqlNeedleRange(code, sites[1], 'region')).toEqual({ line: 4, column: 29, endLine: 4, endColumn: 35 });
  });

  it('leaves an array concat and a concat with a spread argument alone', () => {
    const code = "const all = ['SELECT 1'].concat(more);\nconst q = 'SELECT * FROM t WHERE a IN ('.concat(...ids, ')');";
    expect(sqlOf(code).map((site) => site.text)).not.toContainEqual(expect.stringContaining(holePlaceholder(0)));
  });

  it('resolves constants declared after their use and honours shadowing', () => {
    const code = [
      'function a() { return db.query(`SELECT * FROM ${TABLE}`); }',
      'function b(TABLE) { return db.query(`SELECT * FROM ${TABLE}`); }',
      "const TABLE = 'lab_results';",
    ].join('\n');
    const sites = sqlOf(code);
    expect(sites.map((s) => s.text)).toEqual(['SELECT * FROM lab_results', `SELECT * FROM ${holePlaceholder(0)}`]);
  });

  it('does not resolve let bindings, imports or parameters inside holes', () => {
    const code = "import { T } from './t';\nlet U = 'x';\nfunction f(p) { db.query(`SELECT * FROM ${T} JOIN ${U} JOIN ${p}`); }";
    expect(sqlOf(code)[0].text).toBe(`SELECT * FROM ${holePlaceholder(0)} JOIN ${holePlaceholder(1)} JOIN ${holePlaceholder(2)}`);
  });

  it('resolves a field assigned once in the constructor (plain JS classes)', () => {
    const code =
      "class Repo { constructor() { this.table = 'audit_logs'; } all() { return this.db.query(`SELECT * FROM ${this.table}`); } }";
    expect(extractScript('repo.js', code).script.embeddedSql[0].text).toBe('SELECT * FROM audit_logs');
  });

  it('does not resolve a mutable field that is reassigned', () => {
    const code = "class Repo { table = 'a'; use(t) { this.table = t; } all() { return this.db.query(`SELECT * FROM ${this.table}`); } }";
    expect(sqlOf(code)[0].text).toBe(`SELECT * FROM ${holePlaceholder(0)}`);
  });
});

describe('SQL-looking literals in any call', () => {
  it('extracts a statement-shaped argument of an unknown callee', () => {
    const [site] = sqlOf("await this.repo.fetchRows('SELECT id FROM medications WHERE active = 1');");
    expect(site).toMatchObject({ callee: 'this.repo.fetchRows', via: 'sql-looking' });
  });

  it('extracts a variable passed to an unknown callee', () => {
    const [site] = sqlOf('const q = `INSERT INTO claims (id) VALUES (?)`;\nawait gateway.send(q);');
    expect(site).toMatchObject({ callee: 'gateway.send', via: 'variable' });
  });

  it('a test assertion is an expected value, not SQL the code runs; the call it checks still is', () => {
    const code = [
      "expect(line).not.toContain('SELECT * FROM users');",
      "expect(mock).toHaveBeenCalledWith({ sql: 'SELECT id FROM users WHERE id = ?' });",
      "assert.equal(last, 'DELETE FROM sessions WHERE id = ?');",
      "await this.repo.fetchRows('SELECT id FROM medications WHERE active = 1');",
    ].join('\n');
    expect(sqlOf(code).map((s) => [s.callee, s.text])).toEqual([['this.repo.fetchRows', 'SELECT id FROM medications WHERE active = 1']]);
  });

  it('a JSON schema documenting a request (examples, example, default, description) is no SQL the code runs', () => {
    const code = [
      'module.exports = { body: { type: "object", properties: { sql: { type: "string", description: "A read-only query",',
      "  examples: ['select id, email from users where created_at > now()'] } } } };",
      "const q = { $ref: '#/defs/q', example: 'DELETE FROM sessions WHERE id = $1' };",
      "const report = { type: 'sql', default: 'SELECT id FROM orders WHERE paid = 1' };",
      "const saved = { examples: ['SELECT id FROM invoices WHERE paid = 0'] };",
    ].join('\n');
    const sites = sqlOf(code);
    expect(sites.map((s) => s.text)).toEqual(['SELECT id FROM orders WHERE paid = 1', 'SELECT id FROM invoices WHERE paid = 0']);
    expect(rangeOf(code, sites[0].fileSpan)).toEqual({ line: 4, column: 40, endLine: 4, endColumn: 78 });
    expect(rangeOf(code, sites[1].fileSpan)).toEqual({ line: 5, column: 28, endLine: 5, endColumn: 68 });
  });

  it('a literal inside an object logged is a message, not SQL; outside a logging call it is', () => {
    const code = [
      "logger.info({ query: 'SELECT * FROM users WHERE email = $1', password: 'x' }, 'login lookup');",
      "this.logger.debug([{ sql: 'UPDATE invoices SET paid = 1' }]);",
      "const queries = { byId: 'SELECT * FROM patients WHERE id = ?' };",
    ].join('\n');
    const sites = sqlOf(code);
    expect(sites.map((s) => s.text)).toEqual(['SELECT * FROM patients WHERE id = ?']);
    expect(rangeOf(code, sites[0].fileSpan)).toEqual({ line: 3, column: 25, endLine: 3, endColumn: 62 });
  });

  const sqlTexts = [
    'SELECT * FROM t',
    'select id, name from patients',
    'select id from patients',
    'select id from patients where active = 1',
    '  (SELECT a FROM b) UNION (SELECT c FROM d)',
    '-- leading comment\nSELECT COUNT(*) AS n FROM visits',
    'SELECT NOW()',
    'INSERT INTO audit_logs (a) VALUES (?)',
    'insert ignore into t values (1)',
    'REPLACE INTO t (a) VALUES (1)',
    'UPDATE invoices SET status = ? WHERE id = ?',
    'UPDATE invoices i JOIN payments p ON p.invoice_id = i.id SET i.paid = 1',
    'DELETE FROM sessions WHERE id = ?',
    'WITH recent AS (SELECT * FROM visits) SELECT * FROM recent',
    'CREATE TABLE IF NOT EXISTS x (id INT)',
    'CREATE UNIQUE INDEX idx_a ON t (a)',
    'CREATE OR REPLACE VIEW v AS SELECT 1',
    'ALTER TABLE invoices ADD COLUMN x INT',
    'DROP TABLE IF EXISTS legacy',
    'TRUNCATE TABLE audit_logs',
    'DROP DATABASE legacy',
    'DROP TEMPORARY TABLE IF EXISTS tmp_totals',
    "CREATE USER 'app'@'%' IDENTIFIED BY ?",
    'create index on visits (seen_at)',
  ];
  for (const t of sqlTexts) {
    it(`recognises ${JSON.stringify(t)}`, () => expect(looksLikeSqlStatement(t)).toBe(true));
  }
  const prose = [
    'Update failed',
    'Select a patient',
    'Select a patient from the list',
    'select a patient from the list',
    'select all from the list',
    'Delete',
    'Delete this invoice?',
    'Create a new appointment',
    'Insert card into the reader',
    'update',
    'Drop files here',
    'With love from the team',
    'Truncate text to fit the column',
    'UPDATE',
    'select',
    // A keyword pair with no object: a word a UI shows (phpMyAdmin's sprintf(Messages.strDoYouReally, 'DROP DATABASE'); HELDOUT10 #20).
    'DROP DATABASE',
    'CREATE TABLE',
    'ALTER TABLE ',
    'DROP TABLES',
  ];
  for (const t of prose) {
    it(`rejects ${JSON.stringify(t)}`, () => expect(looksLikeSqlStatement(t)).toBe(false));
  }
});

describe('identifier placeholders bound to literal names', () => {
  it('`??` with a literal or const name becomes the quoted name at the value; the rest keeps its place, escapes included', () => {
    const code = [
      "const T = 'sales.carts';",
      "pool.query('SELECT \\'it\\'\\'s\\' AS q, ?? FROM ?? JOIN ?? ON ?? = 1 WHERE a = ?', ['id', 'orders', T, 'orders x', 2]);",
    ].join('\n');
    const [site] = sqlOf(code);
    // Drivers count every `?` (inside quotes too): the test keeps them out of the strings.
    expect(site.text).toBe(`SELECT 'it''s' AS q, "id" FROM "orders" JOIN "sales"."carts" ON ?? = 1 WHERE a = ?`);
    expect(sqlNeedleFileText(code, site, '"orders"')).toBe("'orders'");
    expect(sqlNeedleFileText(code, site, '"sales"."carts"')).toBe('T');
    expect(sqlNeedleFileText(code, site, 'JOIN')).toBe('JOIN');
    expect(sqlNeedleFileText(code, site, "'it''s'")).toBe("\\'it\\'\\'s\\'");
    expect(sqlNeedleFileText(code, site, 'WHERE a')).toBe('WHERE a');
  });

  it('no values array, a `$1` query, or the SQL not the first argument: nothing is bound', () => {
    const code = [
      "pool.query('SELECT * FROM ??', values);",
      "pool.query('SELECT * FROM t WHERE a = $1', ['orders']);",
      'db.query(`SELECT * FROM ??`, [table]);',
    ].join('\n');
    expect(sqlOf(code).map((s) => s.text)).toEqual(['SELECT * FROM ??', 'SELECT * FROM t WHERE a = $1', 'SELECT * FROM ??']);
  });
});

describe('holes whose values the file shows without fixing them (issue 14)', () => {
  it('records an imported constant read in a hole: its import and the members read, through local aliases and requires', () => {
    const code = [
      "import { TABLES } from '../db/tables';",
      "import INVOICES from './invoices';",
      "import * as names from '@acme/db';",
      "const { PAYMENTS_TABLE } = require('./payments');",
      'const T = TABLES.CLINICAL;',
      'db.query(`SELECT * FROM ${TABLES.PATIENTS} JOIN ${INVOICES} JOIN ${names.TABLES["labs"]} JOIN ${PAYMENTS_TABLE} JOIN ${T.ENCOUNTERS}`);',
    ].join('\n');
    const [site] = sqlOf(code);
    expect(site.text).toBe(`SELECT * FROM ${[0, 1, 2, 3, 4].map(holePlaceholder).join(' JOIN ')}`);
    expect(
      site.holes?.map((h) => ({
        index: h.index,
        values: h.values,
        imports: h.imports?.map((i) => [i.origin.specifier, i.origin.imported, ...i.members]),
      })),
    ).toEqual([
      { index: 0, values: undefined, imports: [['../db/tables', 'TABLES', 'PATIENTS']] },
      { index: 1, values: undefined, imports: [['./invoices', 'default']] },
      { index: 2, values: undefined, imports: [['@acme/db', '*', 'TABLES', 'labs']] },
      { index: 3, values: undefined, imports: [['./payments', 'PAYMENTS_TABLE']] },
      { index: 4, values: undefined, imports: [['../db/tables', 'TABLES', 'CLINICAL', 'ENCOUNTERS']] },
    ]);
  });

  it("records a conditional's literal and constant branches, and an imported branch; a let, a parameter or a call adds nothing", () => {
    const code = [
      "import { ARCHIVE } from './tables';",
      "const LIVE = 'orders';",
      'let U = "x";',
      'function f(archived, p) {',
      '  return db.query(`SELECT * FROM ${archived ? "orders_archive" : LIVE} JOIN ${archived ? ARCHIVE.ITEMS : p} JOIN ${U} JOIN ${p ? name() : p}`);',
      '}',
    ].join('\n');
    const [site] = sqlOf(code);
    expect(site.holes).toEqual([
      { index: 0, values: ['orders_archive', 'orders'] },
      {
        index: 1,
        imports: [{ origin: { specifier: './tables', imported: 'ARCHIVE', fileSpan: expect.any(Object) as object }, members: ['ITEMS'] }],
      },
    ]);
  });

  it('records the literal default of an environment read, directly or through a const (heldout5 env-qualified-table)', () => {
    const code = [
      "const CLINICAL_DB = process.env.CLINICAL_DB || 'clinical_data';",
      'db.query(`SELECT * FROM ${CLINICAL_DB}.patients JOIN ${process.env.LABS_DB ?? "labs"}.results JOIN ${process.env.X}.y`);',
    ].join('\n');
    expect(sqlOf(code)[0].holes).toEqual([
      { index: 0, values: ['clinical_data'] },
      { index: 1, values: ['labs'] },
    ]);
  });

  it('records nothing for a hole the file fixes or a parameter', () => {
    const code = "const T = 'patients';\nfunction f(t) { return db.query(`SELECT * FROM ${T} JOIN ${t}`); }";
    const [site] = sqlOf(code);
    expect(site.text).toBe(`SELECT * FROM patients JOIN ${holePlaceholder(0)}`);
    expect(site.holes).toBeUndefined();
  });
});

describe('string constants a module exports (ExportedString)', () => {
  const exported = (code: string, path = 'tables.ts') => extractScript(path, code).script.exportedStrings;

  it('reads exported consts, nested as-const objects, frozen objects, enums and export default', () => {
    const code = [
      "const SCHEMA = 'clinical';",
      "export const INVOICES_TABLE = 'invoices';",
      'export const TABLES = {',
      "  PATIENTS: 'patients',",
      '  CLINICAL: { ENCOUNTERS: `${SCHEMA}.encounters` },',
      "  'lab-results': 'lab_results',",
      "  TITLE: 'Patient list',",
      '  COUNT: 3,',
      '} as const;',
      "export const FROZEN = Object.freeze({ ORDERS: 'orders' });",
      "export enum Tables { Payments = 'payments', Count = 2 }",
      "export default { AUDIT: 'audit_log' };",
      "const local = 'not_exported';",
    ].join('\n');
    expect(exported(code)).toEqual([
      { name: 'INVOICES_TABLE', value: 'invoices' },
      { name: 'TABLES.PATIENTS', value: 'patients' },
      { name: 'TABLES.CLINICAL.ENCOUNTERS', value: 'clinical.encounters' },
      { name: 'TABLES.lab-results', value: 'lab_results' },
      { name: 'FROZEN.ORDERS', value: 'orders' },
      { name: 'Tables.Payments', value: 'payments' },
      { name: 'default.AUDIT', value: 'audit_log' },
    ]);
  });

  it('reads local constants exported by name or as the default, and CommonJS exports', () => {
    expect(exported("const TABLES = { A: 'a_table' };\nconst B = 'b_table';\nexport { TABLES as T, B };\nexport default TABLES;")).toEqual([
      { name: 'T.A', value: 'a_table' },
      { name: 'B', value: 'b_table' },
      { name: 'default.A', value: 'a_table' },
    ]);
    expect(
      exported(
        "const ORDERS = 'orders';\nmodule.exports = { ORDERS, TABLES: { ITEMS: 'order_items' } };\nexports.LINES = 'lines';",
        'tables.js',
      ),
    ).toEqual([
      { name: 'ORDERS', value: 'orders' },
      { name: 'TABLES.ITEMS', value: 'order_items' },
      { name: 'LINES', value: 'lines' },
    ]);
  });

  it('records nothing for a module exporting no such constant', () => {
    expect(exported("export const router = Router();\nexport function f() { return 'x'; }")).toBeUndefined();
  });
});

describe("query builders' SQL fragments (HELDOUT6 #18) and COPY in code (#20)", () => {
  it('keeps a …Raw argument, a raw() condition and a subquery condition as fragments, mapped to the file', () => {
    const code = [
      "q.whereRaw('EXISTS (SELECT 1 FROM reviews r)').joinRaw('LEFT JOIN reviews ON reviews.id = l.id');",
      "q.where(knex.raw('EXISTS (SELECT 1 FROM stars)')).andWhere('id IN (SELECT id FROM stars)');",
      "q.where('id = :id', { id }).whereRaw('');",
      "knex.raw('now()'); knex.raw('SELECT 1 FROM stars');",
    ].join('\n');
    const sites = sqlOf(code);
    expect(sites.map((s) => [s.text, s.via, s.callee])).toEqual([
      ['EXISTS (SELECT 1 FROM reviews r)', 'fragment', 'q.whereRaw'],
      ['LEFT JOIN reviews ON reviews.id = l.id', 'fragment', "q.whereRaw('EXISTS (SELECT 1 FROM reviews r)').joinRaw"],
      ['EXISTS (SELECT 1 FROM stars)', 'fragment', 'knex.raw'],
      ['id IN (SELECT id FROM stars)', 'fragment', "q.where(knex.raw('EXISTS (SELECT 1 FROM stars)')).andWhere"],
      ['SELECT 1 FROM stars', 'callee', 'knex.raw'],
    ]);
    expect(sqlNeedleRange(code, sites[1], 'reviews')).toEqual({ line: 1, column: 67, endLine: 1, endColumn: 74 });
    expect(sqlNeedleRange(code, sites[3], 'stars')).toEqual({ line: 2, column: 83, endLine: 2, endColumn: 88 });
  });

  it('takes a string starting with COPY for SQL when a data source or sink follows TO / FROM', () => {
    const code = [
      "s(copyTo('COPY (SELECT mrn FROM patients) TO STDOUT'));",
      "s(copyFrom('COPY patients (mrn, name) FROM STDIN WITH (FORMAT csv)'));",
      "s(copyTo(`COPY patients TO '/tmp/p.csv'`));",
      "toast('Copy patients to the clipboard'); toast('COPY (this) TO you');",
    ].join('\n');
    expect(sqlOf(code).map((s) => [s.text, s.via])).toEqual([
      ['COPY (SELECT mrn FROM patients) TO STDOUT', 'sql-looking'],
      ['COPY patients (mrn, name) FROM STDIN WITH (FORMAT csv)', 'sql-looking'],
      ["COPY patients TO '/tmp/p.csv'", 'sql-looking'],
    ]);
  });
});

describe('SQL as a later argument (HELDOUT11 #1, #20)', () => {
  it("reads a SQL callee's later text when its first argument is a connection: execute(connection, `CREATE TABLE …`)", () => {
    const code = [
      "import { execute } from '@evershop/postgres-query-builder';",
      'export default async (connection) => {',
      '  await execute(',
      '    connection,',
      '    `CREATE TABLE "cart" ("cart_id" INT PRIMARY KEY)`',
      '  );',
      '  await db.execute(conn, `CREATE INDEX "FK_CART" ON "cart_item" ("cart_id")`);',
      '};',
    ].join('\n');
    const sites = sqlOf(code);
    expect(sites.map((s) => [s.callee, s.via, s.text])).toEqual([
      ['execute', 'callee', 'CREATE TABLE "cart" ("cart_id" INT PRIMARY KEY)'],
      ['db.execute', 'callee', 'CREATE INDEX "FK_CART" ON "cart_item" ("cart_id")'],
    ]);
    expect(sqlNeedleRange(code, sites[0], '"cart"')).toEqual({ line: 5, column: 19, endLine: 5, endColumn: 25 });
    expect(sqlNeedleRange(code, sites[1], '"cart_item"')).toEqual({ line: 7, column: 53, endLine: 7, endColumn: 64 });
  });

  it('reads a configured callee the same way, and a later name holding the text', () => {
    const code = "const DDL = 'ALTER TABLE patients ADD COLUMN mrn TEXT'; runOn(conn, DDL); runOn(conn, 'SHOW search_path');";
    // Without the setting any call's argument is read by its shape: the DDL is, SHOW is not.
    expect(sqlOf(code).map((s) => [s.callee, s.via])).toEqual([['runOn', 'variable']]);
    expect(sqlOf(code, { sqlCallees: ['runOn'] }).map((s) => [s.callee, s.via, s.text])).toEqual([
      ['runOn', 'variable', 'ALTER TABLE patients ADD COLUMN mrn TEXT'],
      ['runOn', 'callee', 'SHOW search_path'],
    ]);
  });

  it("traces a wrapper's SQL parameter to its position: query(dbUrl, `SELECT …`, params), runq(url, 'SHOW …')", () => {
    const code = [
      'async function query(connectionString, text, values) { return (await getPool(connectionString).query(text, values)).rows; }',
      'const runq = async (url, text) => (await getPool(url)).query(text);',
      'export const jobs = (dbUrl, s) => query(dbUrl, `SELECT id, name FROM ${s}.job WHERE name = $1`, [name]);',
      "export const path = (url) => runq(url, 'SHOW search_path');",
    ].join('\n');
    const sites = sqlOf(code);
    expect(sites.map((s) => [s.callee, s.via])).toEqual([
      ['query', 'callee'],
      ['runq', 'callee'],
    ]);
    expect(sites[0].text).toMatch(/^SELECT id, name FROM __nl_hole_\d+__\.job WHERE name = \$1$/);
    expect(sqlNeedleRange(code, sites[0], 'job')).toEqual({ line: 3, column: 75, endLine: 3, endColumn: 78 });
    expect(sites[1].text).toBe('SHOW search_path');
  });

  it('reads no value, route, key or parameter text as SQL', () => {
    const code = [
      "pool.query(sql, ['DELETE']);",
      "execute(conn, 'delete');",
      "execute(conn, 'DELETE');",
      "query('SELECT 1', 'DELETE FROM audit_logs');",
      "cache.get(key, 'select');",
      "app.get(prefix, 'update');",
      'async function query2(connectionString, text, values) { return (await getPool(connectionString).query(text, values)).rows; }',
      "query2(url, 'patients', []);",
      'function send(url, body) { return fetch(url, body); }',
      "send(url, 'SHOW me');",
    ].join('\n');
    expect(sqlOf(code).map((s) => s.text)).toEqual(['SELECT 1']);
  });
});

describe("Tailwind's truncate is CSS (HELDOUT11 #14, #15)", () => {
  it("reads no class list as TRUNCATE: a className attribute or property, cn(…) / clsx(…) (a bundler's cn$1 too), a conditional inside", () => {
    const code = [
      'export const A = ({ label, wide }) => (',
      '  <span className="truncate font-medium">{label}</span>',
      ');',
      "export const B = ({ name }) => ({ type: 'span', props: { className: 'truncate flex', children: name } });",
      "export const C = (x) => cn$1('truncate flex', x && 'truncate max-w-[22rem]');",
      "export const D = (wide) => <div className={wide ? 'truncate grow' : `truncate ${size}`} />;",
      "export const E = () => clsx(['truncate shrink', { hidden: false }]);",
    ].join('\n');
    const sites = extractScript('row.tsx', code).script.embeddedSql;
    expect(sites).toEqual([]);
  });

  it('keeps TRUNCATE elsewhere, and reads no unquoted table name with a dash', () => {
    const code = [
      "const purge = 'truncate audit_logs';",
      "const quoted = 'TRUNCATE TABLE `audit-logs` CASCADE';",
      "const style = 'truncate text-sm';",
      "db.query('TRUNCATE sessions');",
    ].join('\n');
    expect(sqlOf(code).map((s) => s.text)).toEqual(['truncate audit_logs', 'TRUNCATE TABLE `audit-logs` CASCADE', 'TRUNCATE sessions']);
    expect(looksLikeSqlStatement('truncate flex-1')).toBe(false);
    expect(looksLikeSqlStatement('TRUNCATE "billing"."invoices" RESTART IDENTITY')).toBe(true);
  });
});
