/**
 * Issue 13, "every regular expression applied to repository-controlled input runs in linear
 * time": the regexes the audit in SECURITY.md found super-linear, each fed the input that made
 * it quadratic (50,000 characters: tens of seconds to minutes before the fix, milliseconds
 * after), through the function that applies it, with the result it must still give.
 * In the e2e project (`npm run test:e2e`): its subject is time on large inputs, 2.9 s of a quiet
 * `npm test`'s 30 s; each function's behaviour on ordinary text is tested with its module.
 */
// TypeScript as src/ loads it (src/analysis/typescript/ts.ts): one copy per worker, where an import of the package
// loaded and compiled its 9 MB a second time in each worker (1.6-3.3 s of CPU at load 16).
import ts from '../../src/analysis/typescript/ts.js';
import { describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../src/analysis/env.js';
import { analyzeSql, initSqlParsers } from '../../src/analysis/sql/index.js';
import { calleeText } from '../../src/analysis/typescript/context.js';
import { prefilterReasons } from '../../src/analysis/typescript/prefilter.js';
import { COPY_STATEMENT, looksLikeSqlForWeakCallee, looksLikeSqlFragment } from '../../src/analysis/typescript/sql-detect.js';
import { formatResult } from '../../src/reporters/index.js';
import { displayName } from '../../rules/support/redact.js';
import { mixinArguments } from '../../src/model/moleculer-services.js';
import { withoutTrailingSlashes } from '../../src/io/repository-paths.js';
import { declaredSubmodules } from '../../src/discovery/discover.js';
import { IMPORTED, PYTHON_TABLE } from '../../src/model/service-discovery.js';
import { REFERENCE } from '../../src/analysis/typescript/orm/node-pg-migrate.js';
import { fixtureOptions, fixtureResult } from '../reporters/fixture-result.js';
import type { FileFacts } from '../../src/analysis/facts.js';
import { computeLineStarts } from '../../src/analysis/text.js';
import { engineWordsOf } from '../../src/analysis/engine-words.js';
import { openVersionedComments } from '../../src/analysis/sql/versioned-comments.js';
import { composeMariadbServers, mariadbEvidence } from '../../src/model/mariadb-evidence.js';
import { parseComposeFile } from '../../src/analysis/compose.js';
import { interpolationDefaultPart } from '../../src/analysis/describe-secrets.js';
import { cockroachEvidence } from '../../src/model/cockroach-evidence.js';
import { PackageIndex } from '../../src/model/packages.js';
import { foreignDrivers } from '../../src/model/foreign-drivers.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { parseLiquibaseChanges } from '../../src/analysis/liquibase-changes.js';
import { parseMyBatisMapper } from '../../src/analysis/mybatis-mapper.js';
import { parseTerraform } from '../../src/analysis/terraform.js';
import { parseWranglerConfig } from '../../src/analysis/wrangler-config.js';
import { parsePythonSchema, PYTHON_TABLE_WORD, readPythonSchema } from '../../src/analysis/python-schema.js';
import { parseDjangoModels } from '../../src/analysis/django-models.js';
import { parseDjangoMigration } from '../../src/analysis/django-migrations.js';
import { parseRailsSchema } from '../../src/analysis/migrations/rails.js';
import { parseLaravelMigration } from '../../src/analysis/migrations/laravel.js';
import { parseEfCoreMigration } from '../../src/analysis/migrations/efcore.js';
import { isCodeMigration } from '../../src/model/migrations.js';
import { toolMigrationsOf } from '../../src/model/tool-migrations.js';
import { migrationVersion } from '../../src/model/migrations.js';
import { TOOL_ANNOTATION } from '../../src/analysis/migration-annotations.js';
import { parseDockerfileEnv } from '../../src/analysis/dockerfile.js';
import { valuesReference } from '../../src/analysis/helm-templates.js';
import { isLintableName } from '../../src/discovery/discover.js';
import { isTestFile } from '../../src/model/paths.js';
import { parseConnectionString } from '../../src/analysis/connection-url.js';
import { isSpringConfig, mayHoldConnectionPassword } from '../../src/analysis/yaml-settings.js';
import { isPropertiesSettingsFile, parsePropertiesSettings } from '../../src/analysis/properties-settings.js';
import { commandSecrets } from '../../src/analysis/command-secrets.js';
import { secretKind } from '../../src/analysis/secrets.js';
import { parseDotnetXmlConfig } from '../../src/analysis/dotnet-settings.js';
import { jdbcUrlsOf } from '../../src/analysis/jdbc-urls.js';
import { parseLaravelDatabaseConfig } from '../../src/analysis/laravel-config.js';
import { ALTER_ROLE_SEARCH_PATH, CREATE_SCHEMA } from '../../src/model/role-search-paths.js';
import { otherEngineOf } from '../../src/model/other-engine-syntax.js';
import { alembicScriptDirectories } from '../../src/model/alembic-scripts.js';
import { appendJsoncElements } from '../../src/config/jsonc.js';
import { withoutTrailingUnderscores } from '../../src/model/naming.js';
import { baseConfig, cli, makeRepo } from '../robustness/helpers.js';

await initSqlParsers();

const N = 50_000;

/** This worker's CPU time in ms: a loaded machine stretches wall time tenfold (a 5 ms pass took over 1.5 s at load 20), not CPU time. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * What a linear pass may cost at size N: 20 times its cost at N / 10 (linear ~10, the regexes fixed
 * here ~100: 2.7 s to minutes at N), measured in the same test, so a slower machine slows both;
 * under `floorMs` of CPU no pass at N was quadratic (each took seconds), and the ratio of two tiny
 * figures says nothing.
 */
function expectLinear(what: string, small: number, large: number, floorMs: number): void {
  if (large <= floorMs) return;
  expect(large, `${what}: ${Math.round(large)} ms of CPU at ${N} characters, ${Math.round(small)} ms at ${N / 10}`).toBeLessThan(
    20 * small,
  );
}

/**
 * Runs `fn(N)` and fails when its CPU time grows faster than linearly from `fn(N / 10)`. A call at
 * N / 20 first, so that a first call's compilation does not widen the bound; three sizes, three
 * inputs, so that no answer comes from a cache (analyzeSql keeps them by text). `fn` must build
 * its input from the size it is given: with a fixed input the ratio is 1 and nothing is tested.
 */
function linear<T>(what: string, fn: (n: number) => T): T {
  if (fn.length !== 1) throw new Error(`linear('${what}'): the function must take the input size`);
  const once = (n: number): [T, number] => {
    const started = cpuMs();
    const result = fn(n);
    return [result, cpuMs() - started];
  };
  once(N / 20);
  const small = once(N / 10)[1];
  const [result, large] = once(N);
  expectLinear(what, small, large, 250);
  return result;
}

/**
 * `linear` for whole CLI runs, awaited (the quadratic paths took 20 to 40 s at N): `run(N / 10)`
 * first, then `run(N)`. A run's fixed cost (the pipeline) is in both, so the floor is higher.
 */
async function linearRun<T>(what: string, run: (n: number) => Promise<T>): Promise<T> {
  let started = cpuMs();
  await run(N / 10);
  const small = cpuMs() - started;
  started = cpuMs();
  const result = await run(N);
  expectLinear(what, small, cpuMs() - started, 2000);
  return result;
}

describe('regexes that see repository text run in linear time', () => {
  it('.env lines: spaces after `=` before a character `.` rejects', () => {
    expect(linear('env', (n) => parseEnvFile(`KEY=${' '.repeat(n)}\u2028x\nB=  two  # note\n`))).toEqual([
      expect.objectContaining({ key: 'B', value: 'two' }),
    ]);
    const [entry] = parseEnvFile('A =  "quoted" \n');
    expect([entry.key, entry.value, entry.valueSpan]).toEqual(['A', 'quoted', { start: 6, end: 12 }]);
  });

  it('.gitmodules `path =` values: a run of spaces inside and after the value (the old `(.+?)\\s*$` was quadratic)', () => {
    expect(
      linear('.gitmodules path', (n) => declaredSubmodules(`[submodule "b"]\r\n\tpath = a${' '.repeat(n)}b${' '.repeat(n)}\r\n`)),
    ).toEqual([`a${' '.repeat(N)}b`]);
    expect(declaredSubmodules('[submodule "x"]\n\tpath = services/billing\r\n\turl = ../billing.git\n  path=libs/a \n')).toEqual([
      'services/billing',
      'libs/a',
    ]);
  });

  it('trailing slashes of a repository path (a sqitch.conf dir, a Flyway location, a workspace glob) are trimmed in one pass', () => {
    expect(linear('trailing slashes', (n) => withoutTrailingSlashes(`${'/'.repeat(n)}x`)).endsWith('/x')).toBe(true);
    expect(['db/deploy//', 'db', '/', ''].map(withoutTrailingSlashes)).toEqual(['db/deploy', 'db', '', '']);
  });

  it('a Moleculer service file of many unclosed `mixins: [` lists', () => {
    expect(linear('mixins', (n) => mixinArguments('s.service.js', 'mixins: ['.repeat(n)))).toEqual([]);
    expect(linear('mixin callee chain', (n) => mixinArguments('s.service.js', `mixins: [${'a.'.repeat(n)}]`))).toEqual([]);
    const text = 'module.exports = {\r\n  name: "orders",\n  mixins: [DbMixin("orders_db"), mixins: [Cache("x")], Y("z")],\n};\n';
    expect(mixinArguments('s.service.js', text).map((a) => [a.value, a.call, a.line, a.column, a.endColumn])).toEqual([
      ['orders_db', 'DbMixin("orders_db")', 3, 20, 31],
      ['x', 'Cache("x")', 3, 49, 52],
    ]);
  });

  it('import specifiers over many blank lines, and a node-pg-migrate reference over many spaces', () => {
    expect(linear('imports', (n) => [...`${'\n'.repeat(n)}x`.matchAll(IMPORTED)])).toEqual([]);
    const specifiers = [..."import 'pg';\n\n  import x from 'kysely';\nconst m = require('mysql2');\n".matchAll(IMPORTED)];
    expect(specifiers.map((m) => m[2] ?? m[4] ?? m[6])).toEqual(['pg', 'kysely', 'mysql2']);
    expect(linear('reference', (n) => REFERENCE.test(`orders${' '.repeat(n)}x`))).toBe(false);
    for (const ok of ['orders', 'orders(id)', '"sales"."orders"', 'sales.orders (id)  ', ' orders '])
      expect(REFERENCE.test(ok), ok).toBe(true);
  });

  it('a callee written over many spaces, and a manifest name of unclosed `{{`', () => {
    const callees = linear('callee', (n) => {
      const sf = ts.createSourceFile('x.ts', `db${' '.repeat(n)}.query('x');\ndb\n  .run('y');\n`, ts.ScriptTarget.Latest, true);
      const found: string[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node)) found.push(calleeText(node.expression, sf));
        ts.forEachChild(node, visit);
      };
      visit(sf);
      return found;
    });
    expect(callees.map((c) => c.slice(0, 3))).toEqual(['db ', 'db.']);
    expect(callees[1]).toBe('db.run');
    expect(linear('displayName', (n) => displayName(`{{${'{'.repeat(n)}`))).toHaveLength(N + 2);
    expect(displayName('{{ include "app.fullname" . }}-db {{ x }}')).toBe('…-db …');
  });

  it('the TypeScript prefilter and the SQL sniffing: tags over spaces, calls never closed, spaces after a transaction word', () => {
    expect(linear('sql tag', (n) => prefilterReasons(`const a = sql.x${' '.repeat(n)}!`))).not.toContain('sql-tag');
    expect(linear('open calls', (n) => prefilterReasons(`const a = ${'sql.x('.repeat(n / 6)}`))).not.toContain('sql-tag');
    expect(prefilterReasons('const a = sql.unsafe(x) `SELECT 1`')).toContain('sql-tag');
    // exported string constants: spaces after the name, a type annotation or an export list that never ends
    expect(linear('export const', (n) => prefilterReasons(`export const TABLES${' '.repeat(n)}!`))).not.toContain('exported-string');
    expect(linear('export type', (n) => prefilterReasons(`${'export const a: x '.repeat(n / 18)}`))).not.toContain('exported-string');
    expect(linear('export list', (n) => prefilterReasons(`${'export { a, b '.repeat(n / 14)}`))).not.toContain('exported-string');
    // a re-export list never closed, many times: each one was read to the end of the text (2n characters: at n, 170 ms was under the floor)
    expect(linear('re-export lists', (n) => prefilterReasons('export {'.repeat(n / 4)))).not.toContain('reexport');
    expect(prefilterReasons("export { Order as Entity } from './order';\nexport { a, b } from './c';")).toContain('reexport');
    expect(prefilterReasons("export const TABLES: Record<string, string> = { A: 'a' };")).toContain('exported-string');
    expect(linear('dotenv config', (n) => prefilterReasons(`dotenv.config${' '.repeat(n / 2)}(${' '.repeat(n / 2)}!`))).not.toContain(
      'dotenv',
    );
    expect(prefilterReasons("dotenv.config( { path: '../.env' })")).toContain('dotenv');
    linear('weak callee', (n) => looksLikeSqlForWeakCallee(`BEGIN${' '.repeat(n)};x`));
    expect(looksLikeSqlForWeakCallee('BEGIN ;')).toBe(true);
    // A COPY in code (HELDOUT6 #20): spaces that may open a column list or lead to TO / FROM, then neither.
    expect(linear('COPY statement', (n) => COPY_STATEMENT.test(`COPY patients${' '.repeat(n)}(${'a '.repeat(n / 2)}`))).toBe(false);
    expect(COPY_STATEMENT.test('COPY patients (mrn, name) TO STDOUT')).toBe(true);
    // A query builder's fragment (HELDOUT6 #18), read whole: a subquery's opening after each of many parentheses.
    expect(linear('fragment subquery', (n) => looksLikeSqlFragment(`${'( '.repeat(n / 2)}x`, 'subquery'))).toBe(false);
    expect(looksLikeSqlFragment('id IN ( SELECT id FROM t)', 'subquery')).toBe(true);
  });

  it('drivers of other languages’ manifests: a .csproj PackageReference and a go.mod require of long runs of spaces', () => {
    // HELDOUT8 #20: `<PackageReference Include = "…"` — spaces around `=` before a quote that never comes.
    const csproj = (n: number) =>
      foreignDrivers(
        new PackageIndex(memoryTree({ 'a/A.csproj': `<PackageReference ${' '.repeat(n)}Include${' '.repeat(n)}=${' '.repeat(n)}"x` })),
        'a',
        ['a/A.csproj'],
      );
    expect(linear('csproj PackageReference', csproj)).toEqual([]);
    const gomod = (n: number) =>
      foreignDrivers(
        new PackageIndex(
          memoryTree({ 'a/go.mod': `${' '.repeat(n)}require${' '.repeat(n)}github.com/microsoft/go-mssqldb${' '.repeat(n)}x` }),
        ),
        'a',
      );
    expect(linear('go.mod require', gomod)).toEqual([]);
    const found = foreignDrivers(
      new PackageIndex(memoryTree({ 'a/A.csproj': '<PackageReference Include = "Microsoft.Data.SqlClient" Version="5.2.1" />' })),
      'a',
      ['a/A.csproj'],
    );
    expect(found).toEqual([{ engine: 'sqlserver', driver: 'Microsoft.Data.SqlClient', file: 'a/A.csproj' }]);
  });

  it('MariaDB evidence: a compose image line and a dump header of long runs, and executable comments', () => {
    const packages = { manifest: () => undefined } as unknown as PackageIndex;
    // The engine words as extractFileFacts reads them: the evidence reads the text only of a file that names the engine.
    const facts = (path: string, kind: FileFacts['kind'], text: string) => {
      const words = engineWordsOf(text);
      return {
        path,
        kind,
        text,
        lineStarts: computeLineStarts(text),
        comments: [],
        problems: [],
        hash: '',
        ...(words.length > 0 ? { engineWords: words } : {}),
      } as FileFacts;
    };
    // CockroachDB evidence (HELDOUT6 #11): a URL that never reaches port 26257, an image line of long runs.
    const url = (n: number) => facts('.env', 'env', `cockroach\n${'postgresql://h'.repeat(n / 14)}${':1'.repeat(n / 2)}`);
    expect(linear('cockroach URL', (n) => cockroachEvidence([], [url(n)], packages))).toEqual([]);
    const image = (n: number) =>
      facts('docker-compose.yml', 'compose', `cockroach\n${' -'.repeat(n / 2)}image:${' '.repeat(n)}${'a/'.repeat(n / 2)}`);
    expect(linear('cockroach image', (n) => cockroachEvidence([], [image(n)], packages))).toEqual([]);
    expect(cockroachEvidence([], [facts('.env', 'env', 'DATABASE_URL=postgresql://root@db:26257/bank')], packages)).toEqual([
      'a CockroachDB URL in .env:1',
    ]);
    const compose = (n: number) => facts('docker-compose.yml', 'compose', `mariadb\n${' -'.repeat(n / 2)}image:${' '.repeat(n)}`);
    expect(linear('compose image', (n) => mariadbEvidence([], [compose(n)], packages))).toEqual([]);
    const dump = (n: number) => facts('db/schema.sql', 'sql', `-- MySQL dump${' x'.repeat(n / 2)}\nMariaDB`);
    expect(linear('dump header', (n) => mariadbEvidence([], [dump(n)], packages))).toEqual([]);
    expect(mariadbEvidence([], [facts('c.yml', 'compose', 'services:\n  db:\n    image: "bitnami/mariadb:11.4"\n')], packages)).toEqual([
      'image: bitnami/mariadb:11.4 in c.yml:3',
    ]);
    // The services of any compose file running MariaDB: a service key line and an image line of long runs.
    const keys = (n: number) => facts('docker-compose.yml', 'compose', `services:\n ${' '.repeat(n)}db${'.'.repeat(n)}x \nmariadb`);
    expect(linear('compose service key', (n) => composeMariadbServers([keys(n)]).size)).toBe(0);
    const images = (n: number) =>
      facts('docker-compose.yml', 'compose', `services:\n  db:\n ${' '.repeat(n)}image:${' '.repeat(n)}mariadb`);
    expect(linear('compose service image', (n) => [...composeMariadbServers([images(n)]).keys()])).toEqual(['db']);
    expect(
      composeMariadbServers([
        facts(
          'docker-compose.yml',
          'compose',
          'version: "3"\nservices:\n  app:\n    image: node:20\n  db: # the database\n    image: "bitnami/mariadb:11.4"\nvolumes:\n  mariadb:\n',
        ),
      ]),
    ).toEqual(new Map([['db', "image: bitnami/mariadb:11.4 of 'db' in docker-compose.yml:6"]]));
    const opened = linear('executable comments', (n) => openVersionedComments(`${'/*!50001 SELECT 1 */;'.repeat(n / 21)}`));
    expect(opened?.startsWith('         SELECT 1   ;')).toBe(true);
  });

  it('interpolation defaults (`${X:-default}`): a compose value and a URL password of long runs that never close', () => {
    const value = (n: number) => `\${${'A'.repeat(n)}:-${'x'.repeat(n)}}}`;
    const [service] = linear('compose default', (n) =>
      parseComposeFile(`services:\n  a:\n    environment:\n      DB_PASSWORD: "${value(n)}"\n`),
    );
    expect(service.entries.map((e) => [e.key, e.value?.length, e.defaultOf])).toEqual([['DB_PASSWORD', 2 * N + 6, undefined]]);
    const password = (n: number) => ({ start: 0, end: value(n).length });
    expect(linear('URL password default', (n) => interpolationDefaultPart(value(n), password(n)))).toEqual(password(N));
    expect(interpolationDefaultPart('${DB_PASSWORD:-s3cret}', { start: 0, end: 22 })).toEqual({ start: 15, end: 21 });
  });

  it('a PostgreSQL column type of many array brackets', () => {
    const [statement] = linear(
      'array type',
      (n) => analyzeSql(`CREATE TABLE t (a int${'[]'.repeat(n / 2)}x, b uuid[]);`, 'postgresql').statements,
    );
    expect(statement.kind).toBe('create_table');
  });

  it("a Liquibase changelog's XML: unclosed tags, many elements and stray closing tags, a long dotted table name", () => {
    const read = (text: string) => parseLiquibaseChanges('db/changelog.xml', text, () => undefined);
    expect(linear('XML start tags', (n) => read(`<databaseChangeLog><changeSet>${'<a '.repeat(n / 3)}`))).toEqual([]);
    const dropped = linear('XML elements', (n) =>
      read(`<databaseChangeLog><changeSet>${'<x/>'.repeat(n / 8)}${'</y>'.repeat(n / 8)}<dropTable tableName="t"/>`),
    );
    expect(dropped.map((r) => r.name)).toEqual(['t']);
    // The table-name check (two quantified parts around an optional quote) on a name of many dots.
    const dotted = (n: number) => `<databaseChangeLog><changeSet><dropTable tableName="${'a'.repeat(n / 2)}${'.a'.repeat(n / 4)}"/>`;
    expect(linear('table name', (n) => read(dotted(n)))).toEqual([]);
  });

  it("a MyBatis mapper's XML: entities (two bounded runs), many placeholders, many text nodes, unclosed elements", () => {
    const text = (n: number, body: string) =>
      parseMyBatisMapper(`<mapper><select id="x">SELECT a FROM t WHERE ${body.repeat(n)}</select></mapper>`);
    // Character references that never end, and end: each `&#…` is tried once.
    expect(linear('entities', (n) => text(n / 9, '&#1234567')[0].text.length)).toBeGreaterThan(N - 10);
    expect(linear('decoded entities', (n) => text(n / 7, 'a&#x3C;b')[0].text)).toContain('a<b');
    // Braces with and without a sigil, and placeholders never closed.
    expect(linear('placeholders', (n) => text(n / 8, '{a}#{b} ')[0].text)).toContain('{a}? ');
    expect(linear('open placeholders', (n) => text(n / 3, '#{a')[0].via)).toBe('callee');
    // Many text nodes: none searches past its own end for a brace.
    const nodes = (n: number) =>
      parseMyBatisMapper(`<mapper><select id="x">SELECT a${'<if test="a">b</if>'.repeat(n / 20)}{</select></mapper>`);
    expect(linear('text nodes', (n) => nodes(n)[0].via)).toBe('fragment');
    expect(linear('unclosed', (n) => parseMyBatisMapper(`<mapper><select id="x">${'<x/>'.repeat(n / 4)}SELECT 1`)[0].text)).toContain(
      'SELECT 1',
    );
  });

  it('Terraform lines: block headers of many labels without a brace, assignments of long runs of spaces, heredoc markers', () => {
    const tf = (text: string) => parseTerraform('main.tf', text);
    // The header's labels (a quantified group of spaces and a name) before a `{` that never comes.
    expect(linear('header labels', (n) => tf(`resource${' a'.repeat(n / 2)} \n`))).toBeUndefined();
    expect(linear('header spaces', (n) => tf(`resource "a" "b"${' '.repeat(n)}x\n`))).toBeUndefined();
    // An assignment's spaces around `=`, and a heredoc marker followed by spaces and more.
    const pw = linear('assignment spaces', (n) =>
      tf(`resource "a" "b" {\n  password${' '.repeat(n / 2)}=${' '.repeat(n / 2)}"Pa55-w0rd-x"\n}`),
    );
    expect(pw?.connections?.[0].entries[0].key).toBe('password');
    expect(linear('heredoc marker', (n) => tf(`resource "a" "b" {\n  x = <<-EOT${' '.repeat(n)}y\n}`))).toBeUndefined();
  });

  it("CDK's SecretValue.unsafePlainText in the script prefilter (spaces around the dot)", () => {
    expect(linear('cdk secret', (n) => prefilterReasons(`SecretValue${' '.repeat(n)}.${' '.repeat(n)}x`))).toEqual([]);
    expect(prefilterReasons("SecretValue . unsafePlainText ('x')")).toContain('cdk-secret');
  });

  it("an Alembic revision's header lines (two quantified runs around an optional annotation), and Python's tokens", () => {
    const revision = (text: string) => toolMigrationsOf([{ path: 'alembic/versions/a.py', kind: 'other', text, unread: undefined }]);
    expect(linear('revision spaces', (n) => revision(`revision${' '.repeat(n)}x`).ordered.size)).toBe(1);
    expect(linear('revision annotation', (n) => revision(`down_revision:${' Union'.repeat(n / 6)}`).ordered.size)).toBe(1);
    expect(linear('python brackets', (n) => parsePythonSchema(`op.create_table("t", ${'('.repeat(n)}`))).toHaveLength(1);
    // Calls nested in calls, unclosed: each call's arguments are walked once, nested ones jumped over.
    expect(linear('nested calls', (n) => parsePythonSchema(`op.create_table("t", ${'ForeignKey(op.f('.repeat(n / 16)}`))).toHaveLength(1);
    expect(
      linear('nested tables', (n) => parsePythonSchema(`class A:\n    __tablename__ = "a"\n    x = (${'Table("t", md, '.repeat(n / 15)}`))
        .length,
    ).toBeGreaterThan(1);
    expect(linear('python strings', (n) => parsePythonSchema(`__tablename__ = "${'\\'.repeat(n / 2)}`))).toEqual([]);
    // Constraints in constraints and executes in executes, unclosed: each list and call is walked by its own reader once.
    expect(
      linear('nested constraints', (n) =>
        parsePythonSchema(`op.create_table("t", ${'ForeignKeyConstraint(["a"], [op.add_column('.repeat(n / 48)}`),
      ),
    ).toHaveLength(1);
    expect(linear('nested executes', (n) => readPythonSchema(`op.execute(${'sa.text(op.execute('.repeat(n / 19)}`).sql)).toEqual([]);
    // A list of names grown line by line, and a loop over it after each line: each loop names at most a bounded list.
    const loops = (n: number) =>
      `def upgrade():\n    names = []\n${"    names.append('t')\n    for x in names:\n        op.drop_table(x)\n".repeat(n / 70)}`;
    expect(linear('loops over a growing list', (n) => parsePythonSchema(loops(n)).length)).toBeGreaterThan(1);
    // Django models: a chain of abstract models each holding a field, whose last child declares them all once.
    const djangoChain = (n: number) => {
      let text =
        'from django.db import models\nclass Z(models.Model):\n    pass\nclass M0(models.Model):\n    class Meta:\n        abstract = True\n';
      const count = Math.floor(n / 90);
      for (let k = 1; k < count; k++)
        text += `class M${k}(M${k - 1}):\n    f${k} = models.ForeignKey("Z")\n    class Meta:\n        abstract = True\n`;
      return `${text}class T(M${count - 1}):\n    pass\n`;
    };
    expect(linear('django abstract chain', (n) => parseDjangoModels('shop/models.py', djangoChain(n)).length)).toBeGreaterThan(1);
    expect(
      linear('django relations', (n) =>
        parseDjangoModels(
          'shop/models.py',
          `from django.db import models\nclass A(models.Model):\n    x = ${'models.ForeignKey(A, '.repeat(n / 20)}`,
        ),
      ),
    ).toHaveLength(1);
  });

  it('Rails, Laravel and EF Core migrations (HELDOUT8 #3): heredocs, symbols, one-line calls, unclosed brackets and chains, long names', () => {
    expect(linear('rails one line', (n) => parseRailsSchema(`create_table :t\n${'create_table '.repeat(n / 13)}\n`))).toHaveLength(1);
    expect(linear('rails heredocs', (n) => parseRailsSchema(`x = ${'<<~A '.repeat(n / 5)}\ncreate_table :t\n`))).toEqual([]);
    expect(linear('rails symbols', (n) => parseRailsSchema(`create_table :t, ${':a:'.repeat(n / 3)}`))).toHaveLength(1);
    expect(
      linear('rails blocks', (n) => parseRailsSchema(`create_table :t do |t|\n${'  t.references :u, foreign_key: {\n'.repeat(n / 34)}`)),
    ).toHaveLength(1);
    expect(linear('rails begin', (n) => parseRailsSchema(`=begin\n${'create_table :t\n'.repeat(n / 16)}`))).toEqual([]);
    expect(
      linear('laravel down', (n) => parseLaravelMigration(`<?php ${'function down() '.repeat(n / 16)}Schema::create('t', fn ($t) => 1);`)),
    ).toHaveLength(1);
    expect(
      linear('laravel chains', (n) => parseLaravelMigration(`<?php Schema::create('t', function ($t) { ${'$t->foreign('.repeat(n / 13)}`)),
    ).toHaveLength(1);
    expect(linear('php strings', (n) => parseLaravelMigration(`<?php Schema::create("${'\\$'.repeat(n / 2)}`))).toEqual([]);
    expect(
      linear('ef calls', (n) =>
        parseEfCoreMigration(`migrationBuilder.CreateTable(name: "t", ${'a.b<c('.repeat(n / 6)}`, 'Migrations/1_A.cs'),
      ),
    ).toHaveLength(1);
    expect(linear('ef verbatim', (n) => parseEfCoreMigration(`@"${'""'.repeat(n / 2)}`, 'Migrations/1_A.cs'))).toEqual([]);
    expect(linear('code migration path', (n) => isCodeMigration(`${'db/'.repeat(n / 3)}migrate/1_${'a'.repeat(n)}.cs`))).toBe(false);
  });

  it("SQLModel's `table = True` (two runs of spaces around '='), sql-migrate's and goose's `-- +migrate Up` annotation (HELDOUT8 #23, #7)", () => {
    expect(linear('sqlmodel word', (n) => PYTHON_TABLE_WORD.test(`table${' '.repeat(n / 2)}=${' '.repeat(n / 2)}Tru`))).toBe(false);
    expect(linear('sqlmodel discovery', (n) => PYTHON_TABLE.test(`${'table '.repeat(n / 12)}=${' '.repeat(n / 2)}Tru`))).toBe(false);
    expect(PYTHON_TABLE.test('class Hero(SQLModel, table = True):')).toBe(true);
    expect(
      linear('migrate annotation', (n) => TOOL_ANNOTATION.test(`${'--'.repeat(n / 4)}${' '.repeat(n / 4)}+migrate${' '.repeat(n / 2)}Upx`)),
    ).toBe(false);
    expect(linear('migrate annotations', (n) => TOOL_ANNOTATION.test(`-- +goose \t\n`.repeat(n / 12)))).toBe(false);
    // Django operations nested in operations, unclosed: each is read once, nested brackets jumped over.
    const django = (text: string) => parseDjangoMigration('a/migrations/0001_x.py', text).tables.length;
    expect(
      linear('django relations', (n) => django(`CreateModel(name="A", fields=[${'ForeignKey(to="a.a", x='.repeat(n / 22)}`)),
    ).toBeGreaterThan(1);
    expect(linear('django options', (n) => django(`${'CreateModel(name="A", options={"x": '.repeat(n / 36)}`))).toBeGreaterThan(1);
  });

  it("a Dockerfile's continued ENV, backslashes and quotes; a JSON settings name of many dots; a Helm action of many stages", () => {
    expect(
      linear('dockerfile', (n) =>
        parseDockerfileEnv(`FROM x\nENV A=1 ${'\\ '.repeat(n)}"${'\\"'.repeat(n)}\nENV DB_NAME=$${'{'.repeat(n)}\n`),
      ),
    ).toHaveLength(2);
    expect(linear('dockerfile lines', (n) => parseDockerfileEnv(`FROM x\nENV A=1 \\\n${'    # c \\\n'.repeat(n)}  B=2\n`))).toHaveLength(2);
    expect(linear('connection json', (n) => isLintableName(`a/db.${'a.'.repeat(n)}jso`))).toBe(false);
    expect(linear('helm action', (n) => valuesReference(`{{ .Values.a ${'| quote '.repeat(n)}| "${'\\"'.repeat(n)} }}`))).toBeUndefined();
  });

  it('connection strings that are no URL (HELDOUT7 #20, #21): ADO.NET keys of many words, conninfo keys over spaces, a password hint', () => {
    // ADO.NET's key pattern `[A-Za-z][A-Za-z_]*(?: [A-Za-z_]+)*`: words separated by single spaces, never overlapping.
    expect(linear('ado.net key', (n) => parseConnectionString(`Server=x;${'User Id '.repeat(n / 8)}x=1;Database=y`))).toMatchObject({
      database: 'y',
    });
    expect(linear('ado.net key never closed', (n) => parseConnectionString(`Server=x;${'A  '.repeat(n / 3)}=1`))).toBeUndefined();
    expect(linear('conninfo', (n) => parseConnectionString(`host=db ${'x = y '.repeat(n / 6)}dbname=${'a'.repeat(n)}`))).toMatchObject({
      form: 'conninfo',
    });
    // The YAML screen: `(?:^|[\s;'"])(?:password|pwd)\s*=` over many spaces after the key.
    expect(linear('password hint', (n) => mayHoldConnectionPassword(`${' password'.repeat(n / 9)}${' '.repeat(n)}x`))).toBe(false);
    expect(mayHoldConnectionPassword('dsn: host=db password=x')).toBe(true);
    expect(mayHoldConnectionPassword('dsn: app:pw@tcp(db:3306)/app')).toBe(true);
  });

  it('properties files (HELDOUT7 #7, #26): a name of many dots, keys over many spaces, lines of many backslashes', () => {
    // `^(?:application|bootstrap|liquibase)(?:[-.][\w.-]*)?\.properties$`: one start, the run backtracks once.
    expect(linear('properties name', (n) => isPropertiesSettingsFile(`a/application-${'.'.repeat(n)}x.propertie`))).toBe(false);
    expect(isPropertiesSettingsFile('svc/src/main/resources/application-prod.properties')).toBe(true);
    // isSpringConfig's `^(?:application|bootstrap)(?:[-.][\w.-]+)?\.(?:ya?ml|properties)$`: the same one run before a suffix.
    expect(linear('spring config name', (n) => isSpringConfig(`a/application-${'.'.repeat(n)}x.propertie`))).toBe(false);
    expect(
      linear('properties lines', (n) => parsePropertiesSettings(`a${' '.repeat(n)}b\n${'\\'.repeat(n)}\npassword = ${' '.repeat(n)}x\n`)),
    ).toEqual([expect.objectContaining({ key: 'password', value: 'x' })]);
  });

  it("pipeline tokens (HELDOUT8 #11): `#{…}#`, `__…__` and `$(…)` of long runs; a web.config's unclosed tags, comments and quotes", () => {
    // `^#\{[\w.:-]+\}#?$` and `^__[A-Za-z][\w.-]*__$`: anchored, one run each, which backtracks once.
    expect(linear('octopus token', (n) => secretKind(`#{${'a.'.repeat(n / 2)}`))).toBe('literal');
    expect(linear('replace token', (n) => secretKind(`__a${'_'.repeat(n)}x`))).toBe('literal');
    expect(linear('msbuild property', (n) => secretKind(`${'$(a'.repeat(n / 3)}`))).toBe('literal');
    expect(secretKind('#{Db.Password}#')).toBe('reference');
    expect(secretKind('__DB_PASSWORD__')).toBe('reference');
    const add = '<add name="a" connectionString="Server=x;Database=y;Password=z" />';
    expect(linear('web.config tags', (n) => parseDotnetXmlConfig(`<connectionStrings>${'<a b="'.repeat(n / 6)}`))).toBeUndefined();
    expect(
      linear('web.config comments', (n) => parseDotnetXmlConfig(`<connectionStrings>${'<!-- -->'.repeat(n / 8)}${add}`)),
    ).toMatchObject({
      connections: [{ entries: [{ key: 'ConnectionStrings:a' }] }],
    });
    expect(linear('web.config closing tags', (n) => parseDotnetXmlConfig(`connectionString ${'</'.repeat(n / 2)}`))).toBeUndefined();
  });

  it('engine settings (issue 14): JDBC URLs on one long comment line, and Laravel defaults commented out on one line', () => {
    // SUBPROTOCOL `\bjdbc:(…):`: one alternation, no run; a comment line is looked at once, however many URLs it holds.
    expect(linear('jdbc comment line', (n) => jdbcUrlsOf(`# ${' '.repeat(n / 2)}${'jdbc:mysql: '.repeat(n / 24)}`))).toEqual([]);
    expect(linear('jdbc urls', (n) => jdbcUrlsOf('jdbc:sqlserver:x\n'.repeat(n / 17)).length)).toBe(16);
    expect(
      linear('laravel default', (n) =>
        parseLaravelDatabaseConfig(`//${' '.repeat(n / 2)}${"'default'=>'a' ".repeat(n / 30)}\n'default' => 'pgsql'`),
      ),
    ).toMatchObject({ engines: [{ type: 'pgsql' }] });
  });

  it('commands (HELDOUT7 #26, #26b): an assignment of a long name, a word of many scheme characters before `://`, many words', () => {
    // `^(-{0,2})([A-Za-z_][A-Za-z0-9_.-]*)=`: anchored, one run; the scheme is read back from the first `://` of a word only.
    expect(linear('command assignment', (n) => commandSecrets(`${'A'.repeat(n)}_PASSWORD=x`).length)).toBe(1);
    expect(linear('command scheme', (n) => commandSecrets(`x=${'a.'.repeat(n / 4)}://u:p@h ${'://'.repeat(n / 6)}`).length)).toBe(1);
    expect(linear('command words', (n) => commandSecrets('a=b '.repeat(n / 4)).length)).toBe(0);
    // MYSQL_CLIENT `^(?:…|mariadb(?:-[a-z]+)?)$`: anchored, one run; many `-p` words after a client, one finding each.
    expect(linear('mysql client name', (n) => commandSecrets(`mariadb-${'a'.repeat(n)}1 -px`).length)).toBe(0);
    expect(linear('mysql -p words', (n) => commandSecrets(`mysql ${'-px '.repeat(n / 4)}`).length)).toBe(Math.floor(N / 4));
  });

  it('wrangler.toml lines: headers that never close, an array that never closes, inline tables of many pairs', () => {
    const toml = (text: string) => parseWranglerConfig('wrangler.toml', text);
    // The reader scans characters, no regex of two quantifiers: these pin that its scans stay linear (a header's `]]`
    // is looked for within its line, a value's brackets once, an inline table's pairs once).
    expect(linear('unclosed headers', (n) => toml(`${'[[a\n'.repeat(n / 4)}[[d1_databases]]\nbinding = "DB"\n`))).toEqual([
      expect.objectContaining({ binding: 'DB' }),
    ]);
    expect(linear('unclosed array', (n) => toml(`d1_databases = [\n${'{ binding = "DB" },\n'.repeat(n / 20)}`)).length).toBeGreaterThan(
      N / 400,
    );
    expect(linear('inline pairs', (n) => toml(`d1_databases = [{ ${'a = "x", '.repeat(n / 10)}binding = "DB" }]\n`))).toEqual([
      expect.objectContaining({ binding: 'DB' }),
    ]);
  });

  it('a Kysely underscore-dated migration name whose sequence is a long run of digits (and one with no name after it, which is no Kysely name), a date with a long time, a release with no timestamp', () => {
    expect(linear('underscore date', (n) => migrationVersion(`m/2024_02_01_${'0'.repeat(n)}_x.ts`)?.version.length)).toBeGreaterThan(
      N / 20,
    );
    // No Kysely name: the date, read to the second, with the digits as its description.
    expect(linear('underscore date, no name', (n) => migrationVersion(`m/2024_02_01_${'0'.repeat(n)}.ts`)?.version)).toBe('20240201000000');
    expect(linear('date and a long time', (n) => migrationVersion(`m/2024-02-01-${'09-'.repeat(n / 3)}x.ts`)?.version)).toBe(
      '20240201090909',
    );
    expect(linear('release, no timestamp', (n) => migrationVersion(`m/1.0.0-${'rc.'.repeat(n / 3)}-x.ts`)?.version)).toBe('1');
  });

  it('ALTER ROLE … SET search_path and CREATE SCHEMA heads: long runs of spaces and of name characters that never reach SET or a name', () => {
    expect(
      linear('ALTER ROLE', (n) => ALTER_ROLE_SEARCH_PATH.test(`ALTER ROLE ${'r'.repeat(n)}${' '.repeat(n)}IN DATABASE d${' '.repeat(n)}x`)),
    ).toBe(false);
    expect(linear('CREATE SCHEMA', (n) => CREATE_SCHEMA.test(`CREATE SCHEMA${' '.repeat(n)}(`))).toBe(false);
    expect(ALTER_ROLE_SEARCH_PATH.exec('ALTER USER "orders" IN DATABASE platform SET search_path = orders, public')?.slice(1)).toEqual([
      'orders',
      'orders, public',
    ]);
    expect(CREATE_SCHEMA.exec('CREATE SCHEMA AUTHORIZATION billing')?.slice(1)).toEqual(['billing', undefined]);
  });

  it('regexes the ESLint gate (regexp/no-super-linear-backtracking) found: SQL Server TOP over spaces, alembic.ini keys over blanks, a config line of blanks', () => {
    expect(linear('SELECT TOP', (n) => otherEngineOf(`SELECT TOP${' '.repeat(n)}x`, ['sqlserver']))).toBeUndefined();
    expect(otherEngineOf('SELECT TOP ( 5 ) * FROM t', ['sqlserver'])).toBe('sqlserver');
    expect(otherEngineOf('SELECT TOP5 id FROM t', ['sqlserver'])).toBe('sqlserver');
    const folders = new Set(['db', 'db/versions']);
    expect(linear('alembic.ini key', (n) => alembicScriptDirectories('alembic.ini', `[alembic]\na${' '.repeat(n)}b\n`, folders))).toEqual(
      [],
    );
    expect(alembicScriptDirectories('alembic.ini', '[alembic]\nscript_location  :  db\n', folders).map((d) => d.scriptFolder)).toEqual([
      'db',
    ]);
    expect(
      linear('jsonc member line', (n) => appendJsoncElements(`{\n  "a": [\n    1${' '.repeat(n)}]\n}`, ['a'], [2]).length),
    ).toBeGreaterThan(N);
  });

  it("index-name's `{table}__` suggestion without columns: a table name of a long underscore run", () => {
    expect(linear('trailing underscores', (n) => withoutTrailingUnderscores(`t${'_'.repeat(n)}x__`).length)).toBe(N + 2);
    expect(withoutTrailingUnderscores('users__')).toBe('users');
  });

  it('a finding message holding a long run of spaces, in stylish', () => {
    const withMessage = (message: string) => ({
      ...fixtureResult,
      diagnostics: fixtureResult.diagnostics.map((d, i) => (i === 0 ? { ...d, message } : d)),
    });
    const out = linear('stylish', (n) => formatResult('stylish', withMessage(`a${' '.repeat(n)}b\n  c`), fixtureOptions));
    expect(out).toContain(`a${' '.repeat(N)}b c`);
  });

  it('a test path: a Gradle source set name of a long run of letters (`[a-z]+Test`, `test[A-Z][A-Za-z]*`), many src/ folders', () => {
    expect(linear('source set', (n) => isTestFile(`svc/src/${'a'.repeat(n)}Tes/x.sql`))).toBe(false);
    expect(linear('source set, test prefix', (n) => isTestFile(`svc/src/testA${'b'.repeat(n)}1/x.sql`))).toBe(false);
    expect(linear('many src folders', (n) => isTestFile(`${'src/'.repeat(n / 4)}main/x.sql`))).toBe(false);
    expect(['svc/src/integrationTest/resources/init.sql', 'svc/src/testFixtures/a.sql', 'src/it/resources/a.sql'].map(isTestFile)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('ConfigMap names of many suffixes, and `map` node ids of long underscore runs', async () => {
    const wideTable = (n: number) => `billing_${'_'.repeat(n)}x`;
    const wideRepo = (n: number) =>
      makeRepo({
        files: {
          'k8s/config.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing${'-db'.repeat(n / 3)}x\ndata:\n  DB_HOST: billing-db\n`,
          'services/billing/migrations/V1__wide.sql': `CREATE TABLE ${wideTable(n)} (id INT PRIMARY KEY);\n`,
          // Read by the other service, so `map` draws the table (its node id is built from the name).
          'services/payment/src/wide.ts': `import { pool } from './db.js';\nexport const q = () => pool.query('SELECT id FROM ${wideTable(n)}');\n`,
        },
        config: baseConfig,
      });
    const roots = new Map([N / 10, N].map((n) => [n, wideRepo(n)]));
    const table = wideTable(N);
    const lint = await linearRun('lint', (n) => cli(['--cwd', roots.get(n)!, '--format', 'json']));
    expect(lint.code, lint.stderr).toBe(1);
    const map = await linearRun('map', (n) => cli(['map', '--cwd', roots.get(n)!, '--format', 'mermaid']));
    expect(map.code, map.stderr).toBe(0);
    expect(map.stdout).toContain(table);
  });
});
