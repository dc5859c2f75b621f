/**
 * Zero config on the issue-14 fixtures (`fixtures/layouts/<case>/EXPECTED.json`, described in its
 * README): what `init` infers — services, their real roots and dialects, databases, tables — and
 * the exact findings of every rule the case covers exhaustively: naming rules after init, every
 * other one (cross-service, sharing, unknown-table, parse-error, credentials) in the zero-config
 * run itself (valid SQL of a service is never a parse warning, whatever its dialect evidence).
 *
 * Gaps owned by work not done yet are pinned in KNOWN_GAPS with `it.fails`: each asserts the
 * right result. When a gap closes, its `it.fails` "passes unexpectedly": delete the entry.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NilecareConfig } from '../../src/config/schema.js';
import { proposeConfig, renderConfigJsonc, renderInitReport, type ConfigProposal } from '../../src/commands/init-config.js';
import { parseConfigText } from '../../src/config/load.js';
import { buildOwnershipMap } from '../../src/commands/ownership.js';
import { lint, type LintRun } from '../../src/lint.js';
import { mostServicesDialect } from '../../src/model/service-dialect.js';
import { ruleRegistry } from '../../rules/index.js';
import { copyOfCase, gitCopyOfCase } from './layout-case.js';
import { fixtureFacts, fixtureListings, fixtureTree } from '../fixture-tree.js';
import type { SourceTree } from '../../src/io/source-tree.js';

const layouts = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'layouts');

interface ExpectedService {
  name: string;
  roots: string[];
  dialect: string | null;
  databases: string[];
  /** The PostgreSQL schema isolating the service inside its database. */
  schema?: string;
  mongoDatabases?: string[];
  tables: string[];
}
interface ExpectedFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
interface Expected {
  /** Set when the case ships its own config (use-database-resolution): `init` then describes the model built from it. */
  config?: string;
  exhaustiveRules: string[];
  /** Folders with a package.json that init must set aside, with the reason its report gives. */
  init: { services: ExpectedService[]; notServices?: Array<{ root: string; reason: string }> };
  findings: ExpectedFinding[];
  gitForceAdd?: string[];
}

/** How a run without any config says what it learned of the naming convention. */
const LEARNED_NOTICES = ['Naming rules follow the convention', 'Table prefixes learned', 'Table names carry no service prefix here'];

/** What each gap is and whose work closes it. */
const KNOWN_GAPS: Record<string, { tables?: string; findings?: string; dialects?: string }> = {};

/** What EXPECTED.json pins of a finding: rule, file and all four coordinates. */
const findingKey = (f: ExpectedFinding) => `${f.ruleId} ${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
/** The sorted keys of the findings of `rules`. */
const keysOf = (findings: readonly ExpectedFinding[], rules: readonly string[]) =>
  findings
    .filter((f) => rules.includes(f.ruleId))
    .map(findingKey)
    .sort();

const allRulesOff = (): NonNullable<NilecareConfig['rules']> => Object.fromEntries(Object.keys(ruleRegistry).map((id) => [id, 'off']));
const sorted = (values: string[]) =>
  [...values].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));

const cases = readdirSync(layouts)
  .filter((name) => existsSync(path.join(layouts, name, 'EXPECTED.json')))
  .sort();

it('every fixture case is tested', () => {
  expect(cases).toHaveLength(117);
  for (const name of Object.keys(KNOWN_GAPS)) expect(cases).toContain(name);
});

describe.each(cases)('fixtures/layouts/%s', (name) => {
  const expected = JSON.parse(readFileSync(path.join(layouts, name, 'EXPECTED.json'), 'utf8')) as Expected;
  // A case whose subject is what its own git tracks is linted as its own repository (not as part of ours).
  let dir = path.join(layouts, name);
  let run: LintRun;
  let proposal: ConfigProposal;
  /** The case's tables and databases as the model built from its shipped config has them (what `map --format json` lists). */
  let configured: Array<{ name: string; databases: string[]; tables: string[] }> | undefined;
  /** The run with the case's shipped config, when it has one. */
  let configuredRun: LintRun | undefined;
  /**
   * The case's files are analysed once per worker (map-golden and the other acceptance files lint them
   * too): its runs (2 to 4 in the cases with naming rules or a config of their own) differ in config
   * (rules, services), which facts do not depend on (test/e2e/cache.test.ts, test/workflow/facts-reuse.test.ts), and the copy without
   * config has the same paths and contents.
   */
  const factsCache = fixtureFacts();

  // Naming rules are judged after init (below); every other exhaustive rule in the zero-config run.
  const runRules = expected.exhaustiveRules.filter((rule) => ruleRegistry[rule].meta.category !== 'naming');

  /** The case in memory, listed as git lists it in our checkout; a case with its own git is a copy on disk. */
  let tree: SourceTree | undefined;
  const where = () => (tree ? { cwd: tree.root, tree } : { cwd: dir, listingCache: fixtureListings });

  beforeAll(async () => {
    if (expected.gitForceAdd) dir = gitCopyOfCase(name, expected.gitForceAdd);
    else tree = fixtureTree(dir);
    // Zero config, as `init` runs (a case's own config file is not read: `config` replaces it). The
    // model init reads is built before any rule runs, so the same run gives the rules' findings.
    const rules = allRulesOff();
    for (const rule of runRules)
      rules[rule] = ruleRegistry[rule].meta.defaultSeverity === 'off' ? 'warn' : ruleRegistry[rule].meta.defaultSeverity;
    run = await lint({ ...where(), config: { rules }, factsCache });
    proposal = proposeConfig(run.model, run.serviceDiscovery);
    if (expected.config) {
      const withConfig = await lint({ ...where(), factsCache });
      configuredRun = withConfig;
      configured = buildOwnershipMap(withConfig.model, []).services.map((s) => ({
        name: s.name,
        databases: sorted(s.databases),
        // As patterns are written: `db.table` where the table's database is known.
        tables: sorted(s.tables.map((t) => (t.database ? `${t.database}.${t.name}` : t.name))),
      }));
    }
  }, 120_000);

  it('init finds exactly its services, each once, at its real root, with its dialect', () => {
    const actual = proposal.services.map((s) => ({ name: s.name, roots: s.roots, dialect: s.dialect ?? null }));
    const wanted = expected.init.services.map((s) => ({ name: s.name, roots: s.roots, dialect: s.dialect }));
    expect(sorted(actual.map((s) => JSON.stringify(s)))).toEqual(sorted(wanted.map((s) => JSON.stringify(s))));
    for (const service of proposal.services) {
      expect(service.files, `${service.name} owns files`).toBeGreaterThan(0);
      // A service with no parsed dialect either names its engine (SQLite, SQL Server…) or, undecided (undecided-beside-decided's
      // audit), says what it looked for.
      const decided = /^(?:postgresql|mysql|SQL Server|SQLite|Oracle|ClickHouse|DuckDB|Snowflake|BigQuery|Cassandra|DynamoDB) from \S/;
      const noDialect = expected.init.services.find((s) => s.name === service.name)?.dialect === null;
      expect(service.dialectNote, `${service.name}: where the dialect came from`).toMatch(
        noDialect ? new RegExp(`${decided.source}|^unknown: no driver, `) : decided,
      );
    }
  });

  it('the config init writes reads every SQL text in the dialect the run without a config read it in', async () => {
    // Snapshot first: the runs share analysed facts.
    const readAs = (files: LintRun['model']['files']) =>
      files.flatMap((file) =>
        [file.sql, ...(file.embeddedAnalyses ?? [])].flatMap((analysis, i) =>
          analysis ? [`${file.path}#${i}: ${analysis.byTokensOnly ?? analysis.dialect}`] : [],
        ),
      );
    const without = readAs(run.model.files);
    const written = parseConfigText(renderConfigJsonc(proposal), path.join(dir, 'nilecare-lint.config.json'));
    const withConfig = await lint({ ...where(), config: { ...written, rules: allRulesOff() }, factsCache });
    expect(readAs(withConfig.model.files)).toEqual(without);
  }, 120_000);

  const dialectGap = KNOWN_GAPS[name]?.dialects;
  (dialectGap ? it.fails : it)(
    `one dialect per service: init writes it, the run without a config and its runs over earlier analyses decide it${dialectGap ? ` [gap: ${dialectGap}]` : ''}`,
    async () => {
      // What `map --format json` says of each service: its dialect and its databases' engines.
      const dialects = (r: LintRun) => buildOwnershipMap(r.model, []).services.map((s) => `${s.name}: ${s.dialect ?? '-'}`);
      const kinds = (r: LintRun) => r.model.services.map((s) => `${s.name}: ${s.databases.map((d) => `${d.name} ${d.kind}`).join(', ')}`);
      const plain = { dialects: dialects(run), kinds: kinds(run) };
      const written = parseConfigText(renderConfigJsonc(proposal), path.join(dir, 'nilecare-lint.config.json'));
      const withConfig = await lint({ ...where(), config: { ...written, rules: allRulesOff() }, factsCache });
      expect(dialects(withConfig)).toEqual(plain.dialects);
      // The cache now holds SQL analysed in the dialects init wrote: a second run without a config decides as the first.
      const again = await lint({ ...where(), config: { rules: allRulesOff() }, factsCache });
      expect({ dialects: dialects(again), kinds: kinds(again) }).toEqual(plain);
      // And where the cache holds SQL read in the other default (a run whose config named it): no vote of it counts.
      const decisions = new Map(run.model.services.flatMap((s) => (s.dialectDecision ? [[s.name, s.dialectDecision] as const] : [])));
      const other = (mostServicesDialect(decisions) ?? 'mysql') === 'mysql' ? 'postgresql' : 'mysql';
      await lint({ ...where(), config: { dialect: other, rules: allRulesOff() }, factsCache });
      const afterOther = await lint({ ...where(), config: { rules: allRulesOff() }, factsCache });
      expect({ dialects: dialects(afterOther), kinds: kinds(afterOther) }).toEqual(plain);
    },
    120_000,
  );

  if (expected.init.notServices) {
    it('init sets aside exactly the expected folders, saying why', () => {
      const wanted = expected.init.notServices!.map((f) => `${f.root}: ${f.reason}`);
      expect(proposal.notServices.map((f) => `${f.root}: ${f.reason}`)).toEqual(expect.arrayContaining(wanted));
      // The report init prints carries each reason.
      const report = renderInitReport(proposal);
      for (const line of wanted) expect(report).toContain(line);
    });
  }

  const gap = KNOWN_GAPS[name];
  (gap?.tables ? it.fails : it)(`init finds each service's databases and tables${gap?.tables ? ` [gap: ${gap.tables}]` : ''}`, () => {
    const actual =
      configured ??
      proposal.services.map((s) => {
        const service = run.model.serviceByName(s.name)!;
        // EXPECTED.json lists SQL databases in `databases`, MongoDB ones apart, and the one PostgreSQL schema isolating a service as `schema`.
        const sql = service.databases.filter((d) => d.kind !== 'mongodb');
        const mongo = service.databases.filter((d) => d.kind === 'mongodb').map((d) => d.name);
        const schemas = [...new Set(sql.flatMap((d) => d.schemas ?? []))];
        const own = new Set([...sql.map((d) => d.name.toLowerCase()), ...schemas]);
        // A table in another database or schema than the service's own is written `schema.table`, as EXPECTED.json does.
        const qualified = (table: string, database: string | undefined) =>
          database && !own.has(database.toLowerCase()) ? `${database}.${table}` : table;
        // What the model gives the service: the tables its own SQL creates and those SQL outside every service declares for it.
        const tables = [
          ...s.createdTables.map((table) => qualified(table, service.createdTables.find((d) => d.table === table)?.database)),
          ...s.rootTables.map((t) => qualified(t.table, t.database)),
        ];
        return {
          name: s.name,
          databases: sorted(sql.map((d) => d.name)),
          ...(schemas.length === 1 ? { schema: schemas[0] } : {}),
          ...(mongo.length > 0 ? { mongoDatabases: sorted(mongo) } : {}),
          tables: sorted(tables),
        };
      });
    const wanted = expected.init.services.map((s) => ({
      name: s.name,
      databases: sorted(s.databases),
      // A schema named like its database (geo in geo, mysql8-syntax) isolates nothing: its tables are named `geo.x` anyway.
      ...(s.schema && !s.databases.includes(s.schema) ? { schema: s.schema } : {}),
      ...(s.mongoDatabases ? { mongoDatabases: sorted(s.mongoDatabases) } : {}),
      tables: sorted(s.tables),
    }));
    const byName = (list: typeof actual) => [...list].sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(byName(actual)).toEqual(byName(wanted));
  });

  // Naming rules judge a repository by the convention init learned from it: lint with the config init writes.
  const namingRules = expected.exhaustiveRules.filter((rule) => ruleRegistry[rule]?.meta.category === 'naming');
  if (namingRules.length > 0) {
    it(`after init, exactly the expected ${namingRules.join(', ')} findings`, async () => {
      const written = parseConfigText(renderConfigJsonc(proposal), path.join(dir, 'nilecare-lint.config.json'));
      const checked = await lint({ ...where(), config: written, factsCache });
      expect(keysOf(checked.diagnostics, namingRules)).toEqual(keysOf(expected.findings, namingRules));
    });
  }

  if (namingRules.length > 0) {
    it(`a first run without any config reports exactly the same ${namingRules.length} naming rules' findings, and says once what it learned`, async () => {
      const first = await lint({ cwd: copyOfCase(name), factsCache });
      expect(keysOf(first.diagnostics, namingRules)).toEqual(keysOf(expected.findings, namingRules));
      // What it learned: the naming convention, table prefixes of the services' own (learned-prefixes), or that services
      // use none (with the own prefix of those that do: own-prefix-among-unprefixed); each said once, one at least.
      const said = LEARNED_NOTICES.map((start) => first.notices.filter((n) => n.startsWith(start)).length);
      expect(Math.max(...said)).toBe(1);
    }, 120_000);
  }

  if (runRules.length > 0) {
    (gap?.findings ? it.fails : it)(
      `exactly the expected ${runRules.join(', ')} findings${expected.config ? ' with its config' : ', zero config'}${gap?.findings ? ` [gap: ${gap.findings}]` : ''}`,
      () => {
        // A case about its own config (use-database-resolution) has its findings with that config.
        const checked = configuredRun ?? run;
        // Keys only, as EXPECTED.json has them (a message on one side only would make every expected finding a failure).
        expect(keysOf(checked.diagnostics, runRules), checked.diagnostics.map((d) => `${findingKey(d)} ${d.message}`).join('\n')).toEqual(
          keysOf(expected.findings, runRules),
        );
      },
    );
  }
});
