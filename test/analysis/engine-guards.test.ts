/**
 * A client check around embedded SQL names its engine (HELDOUT9 backstage-plugins): the site keeps it
 * (EmbeddedSql.engine), and where the file's SQL is read in another engine the site is read by that one's tokens.
 */
import { describe, expect, it } from 'vitest';
import { analyzeFile, initAnalysers } from '../../src/analysis/analyze-file.js';
import { sqlAnalysedAs } from '../../src/analysis/dialect.js';
import { nameEngine } from '../../src/analysis/typescript/engine-guards.js';

await initAnalysers();

const PG = { serviceDialect: 'postgresql' as const, defaultDialect: 'postgresql' as const, sqlCallees: [], hash: '' };

/** Each site's engine, by the first words of its SQL. */
function engines(code: string, path = 'plugins/catalog-backend/migrations/20260609000000_x.js') {
  const facts = analyzeFile(path, code, PG);
  return facts.script!.embeddedSql.map((site) => [site.text.split(/\s+/).slice(0, 2).join(' '), site.engine ?? null]);
}

describe('the engine a client check names', () => {
  it('reads the branches of knex, TypeORM and Sequelize checks, the else of a negated one, cases and named functions', () => {
    const code = [
      'exports.up = async function up(knex) {',
      '  const client = knex.client.config.client;',
      "  if (client === 'pg') await knex.raw('SELECT 1 FROM a');",
      "  else if (client.includes('mysql')) await knex.raw('SELECT 2 FROM b');",
      "  else await knex.raw('SELECT 3 FROM c');",
      "  if (!knex.client.config.client.includes('sqlite3')) await knex.raw('SELECT 4 FROM d');",
      "  else await knex.raw('SELECT 5 FROM e');",
      "  if (String(knex.client.config.client).includes('better-sqlite')) await knex.raw('SELECT 6 FROM f');",
      "  if (['mysql', 'mysql2'].includes(client)) await knex.raw('SELECT 7 FROM g');",
      "  if (/mssql/.test(client)) await knex.raw('SELECT 8 FROM h');",
      "  switch (client) { case 'mysql': case 'mysql2': await knex.raw('SELECT 9 FROM i'); break; case 'oracledb': await knex.raw('SELECT 10 FROM j'); }",
      "  const n = this.isSQLite ? await knex.raw('SELECT 11 FROM k') : await knex.raw('SELECT 12 FROM l');",
      "  if (DatabaseInfo.isMySQL(knex) && ready) await knex.raw('SELECT 13 FROM m');",
      "  if (client.includes('sqlite3') || client.includes('mysql')) await knex.raw('SELECT 14 FROM n');",
      "  if (queryRunner.connection.options.type !== 'mysql') return; else await queryRunner.query('SELECT 15 FROM o');",
      '};',
      "const syncMysql = async (knex) => knex.raw('SELECT 16 FROM p');",
      "async function upgradeSearch(knex) { await knex.raw('SELECT 17 FROM q'); }",
      "exports.dropPgIndexIfExists = async function (knex) { await knex.raw('SELECT 18 FROM r'); };",
    ].join('\n');
    expect(engines(code)).toEqual([
      ['SELECT 1', 'postgresql'],
      ['SELECT 2', 'mysql'],
      // The else of a positive check: which of the others is not said.
      ['SELECT 3', null],
      ['SELECT 4', null],
      ['SELECT 5', 'sqlite'],
      ['SELECT 6', 'sqlite'],
      ['SELECT 7', 'mysql'],
      ['SELECT 8', 'sqlserver'],
      ['SELECT 9', 'mysql'],
      ['SELECT 10', 'oracle'],
      ['SELECT 11', 'sqlite'],
      ['SELECT 12', null],
      ['SELECT 13', 'mysql'],
      // Two engines: none.
      ['SELECT 14', null],
      ['SELECT 15', 'mysql'],
      ['SELECT 16', 'mysql'],
      ['SELECT 17', null],
      ['SELECT 18', 'postgresql'],
    ]);
  });

  it('names an engine word standing as a word of the name only, and one engine only', () => {
    expect(
      ['syncMysql', 'mysqlDropIndexIfExists', 'isSQLite', 'upPostgres', 'ensurePgIndex', 'MYSQL_ONLY', 'isPostgreSQL'].map(nameEngine),
    ).toEqual(['mysql', 'mysql', 'sqlite', 'postgresql', 'postgresql', 'mysql', 'postgresql']);
    expect(['upgrade', 'mpgRate', 'copyMysqlToPg', 'loadSettings', 'PGIndex'].map(nameEngine)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("a branch for another engine is read by that engine's tokens", () => {
  const code = [
    'exports.up = async function up(knex) {',
    "  if (knex.client.config.client.includes('mysql')) await knex.raw(\"DELETE s FROM `search` s WHERE s.`value` <=> BINARY 'x'\");",
    "  else if (knex.client.config.client.includes('sqlite3')) await knex.raw('PRAGMA foreign_keys = OFF');",
    "  else await knex.raw('DELETE FROM search WHERE value IS NOT DISTINCT FROM $1');",
    '};',
  ].join('\n');

  it("keeps the tables, parses nothing, and reports no parse error; the file's own engine is parsed", () => {
    const facts = analyzeFile('services/catalog/migrations/1.js', code, PG);
    const [mysql, sqlite, pg] = facts.embeddedAnalyses!;
    expect([mysql.clientBranch, mysql.dialect, mysql.byTokensOnly]).toEqual(['mysql', 'mysql', undefined]);
    expect(mysql.statements.map((s) => [s.parse, s.parseError, s.unsupported, s.tableRefs.map((r) => r.name)])).toEqual([
      ['partial', undefined, 'MySQL branch of a client check (read by tokens)', ['search']],
    ]);
    expect([sqlite.byTokensOnly, sqlite.statements[0].parseError]).toEqual(['sqlite', undefined]);
    expect([pg.clientBranch, pg.byTokensOnly, pg.dialect, pg.statements[0].parse]).toEqual([undefined, undefined, 'postgresql', 'full']);
    expect(sqlAnalysedAs(facts, PG)).toBe(true);
  });

  it('a branch for the engine the file is read in is parsed as any SQL of the file; a cached reading for another is re-read', () => {
    const mysqlService = { ...PG, serviceDialect: 'mysql' as const, defaultDialect: 'mysql' as const };
    const facts = analyzeFile('services/catalog/migrations/1.js', code, mysqlService);
    const [mysql] = facts.embeddedAnalyses!;
    expect([mysql.clientBranch, mysql.dialect, mysql.statements[0].unsupported]).toEqual([undefined, 'mysql', undefined]);
    // The same facts read for a PostgreSQL service: the MySQL branch must be read again (by its tokens).
    expect(sqlAnalysedAs(facts, mysqlService)).toBe(true);
    expect(sqlAnalysedAs(facts, PG)).toBe(false);
  });
});
