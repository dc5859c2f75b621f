import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../src/analysis/facts.js';
import { newSecretKey } from '../../src/analysis/secrets.js';
import { maskSqlSecrets } from '../../src/analysis/sql-secrets.js';
import { analyzeFileSql, extractFileFacts, loadScriptAnalysers } from '../../src/analysis/analyze-file.js';
import { analyzeSql, initSqlParsers } from '../../src/analysis/sql/index.js';

// Scripts are parsed with TypeScript, which a run loads only when it has one to parse.
await loadScriptAnalysers();

const key = newSecretKey();

/** The literals found (as written in `sql`), their statements and kinds; and the masked text. */
function found(sql: string, dialect: Dialect) {
  const masked = maskSqlSecrets(sql, dialect, key);
  return {
    text: masked.text,
    secrets: masked.secrets.map((s) => ({ statement: s.statement, kind: s.secret.kind, literal: sql.slice(s.span.start, s.span.end) })),
  };
}

describe('SQL password literals', () => {
  it.each<[string, Dialect, string, string]>([
    ["CREATE USER 'app'@'%' IDENTIFIED BY 'S3cret-pw';", 'mysql', 'CREATE USER', "'S3cret-pw'"],
    ["CREATE USER IF NOT EXISTS app IDENTIFIED WITH caching_sha2_password BY 'S3cret-pw';", 'mysql', 'CREATE USER', "'S3cret-pw'"],
    ['ALTER USER app IDENTIFIED BY "S3cret-pw";', 'mysql', 'ALTER USER', '"S3cret-pw"'],
    ["SET PASSWORD FOR 'app'@'%' = 'S3cret-pw';", 'mysql', 'SET PASSWORD', "'S3cret-pw'"],
    ["GRANT ALL ON db.* TO app IDENTIFIED BY 'S3cret-pw';", 'mysql', 'GRANT', "'S3cret-pw'"],
    ["CREATE USER app WITH PASSWORD 'S3cret-pw';", 'postgresql', 'CREATE USER', "'S3cret-pw'"],
    ["CREATE ROLE app WITH LOGIN ENCRYPTED PASSWORD 'S3cret-pw' VALID UNTIL 'infinity';", 'postgresql', 'CREATE ROLE', "'S3cret-pw'"],
    ['ALTER ROLE app PASSWORD $$S3cret-pw$$;', 'postgresql', 'ALTER ROLE', '$$S3cret-pw$$'],
    ["ALTER USER app WITH PASSWORD E'S3cret\\'pw';", 'postgresql', 'ALTER USER', "E'S3cret\\'pw'"],
  ])('%s (%s)', (sql, dialect, statement, literal) => {
    const { text, secrets } = found(sql, dialect);
    expect(secrets).toEqual([{ statement, kind: 'literal', literal }]);
    expect(text).not.toContain('S3cret');
    expect(text.length).toBe(sql.length);
    // Only the password is masked: the rest of the statement reads as written.
    expect(text).toBe(sql.replace(/S3cret(?:-|\\')pw/, (content) => '*'.repeat(content.length)));
  });

  it('no literal: a psql variable, socket authentication, NULL, a password hash, other strings', () => {
    expect(found("CREATE USER ro WITH PASSWORD :'ro_password';", 'postgresql').secrets).toEqual([]);
    expect(found("CREATE USER 'ops'@'localhost' IDENTIFIED WITH auth_socket;", 'mysql').secrets).toEqual([]);
    expect(found('ALTER ROLE app PASSWORD NULL;', 'postgresql').secrets).toEqual([]);
    expect(found("INSERT INTO users (name, password) VALUES ('a', 'S3cret-pw');", 'mysql').secrets).toEqual([]);
    expect(found("-- CREATE USER app IDENTIFIED BY 'S3cret-pw';\nSELECT 1;", 'mysql').secrets).toEqual([]);
    const hash = "CREATE USER app IDENTIFIED WITH mysql_native_password AS '*6C8989366EAF75BB670AD8EA7A7FC1176A95CEF4';";
    expect(found(hash, 'mysql').secrets).toMatchObject([{ statement: 'CREATE USER', kind: 'hashed' }]);
    const scram =
      "CREATE ROLE app LOGIN PASSWORD 'SCRAM-SHA-256$4096:c2FsdHNhbHQ=$c3RvcmVka2V5c3RvcmVka2V5c3RvcmVkaw==:c2VydmVya2V5c2VydmVya2V5c2VydmVyaw==';";
    expect(found(scram, 'postgresql').secrets).toMatchObject([{ kind: 'hashed' }]);
  });

  it("a FEDERATED table's CONNECTION URL: the password alone is the secret, so the URL still names the remote table", () => {
    const sql = [
      'CREATE TABLE remote_products (id INT NOT NULL PRIMARY KEY) ENGINE=FEDERATED',
      "  CONNECTION='mysql://fed_reader:F3d-reader-2023@mysql:3306/products_db/products';",
      "ALTER TABLE remote_stock CONNECTION = 'mysql://fed_reader:F3d-reader-2023@mysql/products_db/stock';",
    ].join('\n');
    const { text, secrets } = found(sql, 'mysql');
    expect(secrets).toEqual([
      { statement: 'CREATE TABLE … CONNECTION', kind: 'literal', literal: 'F3d-reader-2023' },
      { statement: 'ALTER TABLE … CONNECTION', kind: 'literal', literal: 'F3d-reader-2023' },
    ]);
    expect(text).toBe(sql.replaceAll('F3d-reader-2023', '*'.repeat(15)));
  });

  it('no secret in a CONNECTION naming a server, a URL without a password, or a URL elsewhere in a table; CREATE SERVER OPTIONS (PASSWORD …) is one', () => {
    expect(found("CREATE TABLE t (id INT) ENGINE=FEDERATED CONNECTION='fed_products/products';", 'mysql').secrets).toEqual([]);
    expect(found("CREATE TABLE t (id INT) ENGINE=FEDERATED CONNECTION='mysql://reader@mysql/db/t';", 'mysql').secrets).toEqual([]);
    expect(found("CREATE TABLE t (id INT, password VARCHAR(60) DEFAULT 'Not-a-Secret-1') COMMENT 'connection';", 'mysql').secrets).toEqual(
      [],
    );
    const server =
      "CREATE SERVER fed_products FOREIGN DATA WRAPPER mysql OPTIONS (USER 'fed_reader', PASSWORD 'F3d-reader-2023', HOST 'mysql');";
    expect(found(server, 'mysql').secrets).toEqual([{ statement: 'CREATE SERVER', kind: 'literal', literal: "'F3d-reader-2023'" }]);
  });

  it('the same password has the same fingerprint under one key, another under another key; short ones have none', () => {
    const a = maskSqlSecrets("CREATE USER a WITH PASSWORD 'Same-Pass-123';", 'postgresql', key).secrets[0].secret;
    const b = maskSqlSecrets("ALTER USER b PASSWORD 'Same-Pass-123';", 'postgresql', key).secrets[0].secret;
    const other = maskSqlSecrets("ALTER USER b PASSWORD 'Same-Pass-123';", 'postgresql', newSecretKey()).secrets[0].secret;
    expect(a.fingerprint).toBeDefined();
    expect(a).toEqual(b);
    expect(other.fingerprint).not.toBe(a.fingerprint);
    expect(maskSqlSecrets("ALTER USER b PASSWORD 'root';", 'postgresql', key).secrets[0].secret).toEqual({
      kind: 'literal',
      length: '1-7',
    });
  });

  it('parsers, and so their errors, see the masked text', async () => {
    await initSqlParsers();
    const sql = "CREATE USER broken WITH PASSWORD 'Pw-In-Error-9' NOT VALID AT ALL;";
    const masked = maskSqlSecrets(sql, 'postgresql', key);
    const analysis = analyzeSql(masked.text, 'postgresql');
    expect(JSON.stringify(analysis)).not.toContain('Pw-In-Error');
  });
});

describe('SQL passwords embedded in code', () => {
  const code = [
    "await pool.query(`CREATE USER batch WITH PASSWORD 'b4tch-Pass-8'`);",
    "await pool.query(`ALTER USER ro PASSWORD '${process.env.RO_PASSWORD}'`);",
    '',
  ].join('\n');

  it('locates each literal in the file, masks it for fingerprints, and takes a `${…}` hole for a value filled in at run time', async () => {
    await initSqlParsers();
    const facts = extractFileFacts('services/a/src/bootstrap.ts', code, { sqlCallees: [] });
    analyzeFileSql(facts, { defaultDialect: 'postgresql', secretKey: key });
    const secrets = (facts.embeddedAnalyses ?? []).flatMap((a) => a.secrets ?? []);
    expect(secrets.map((s) => ({ kind: s.secret.kind, text: code.slice(s.fileSpan!.start, s.fileSpan!.end) }))).toEqual([
      { kind: 'literal', text: "'b4tch-Pass-8'" },
      { kind: 'reference', text: "'${process.env.RO_PASSWORD}'" },
    ]);
    expect(facts.secretSpans?.map((s) => code.slice(s.start, s.end))).toContain("'b4tch-Pass-8'");
    expect(facts.script!.embeddedSql.map((site) => site.text).join('\n')).not.toContain('b4tch');
  });

  it('keeps the literal when the SQL is analysed again in another dialect (the site text is masked by then)', async () => {
    await initSqlParsers();
    const facts = extractFileFacts('services/a/src/bootstrap.ts', code, { sqlCallees: [] });
    analyzeFileSql(facts, { defaultDialect: 'mysql', secretKey: key });
    analyzeFileSql(facts, { defaultDialect: 'postgresql', secretKey: key });
    const kinds = (facts.embeddedAnalyses ?? []).flatMap((a) => a.secrets ?? []).map((s) => s.secret.kind);
    expect(kinds).toEqual(['literal', 'reference']);
  });
});
