/**
 * Acceptance: the model's evidence about databases on fixtures/layouts (see its README): which
 * settings name a database (false-db-names), when two services share one and when two
 * same-named tables are one table (schema-isolation). Each case's EXPECTED.json gives the exact
 * findings of its exhaustive rules, every range checked against the token it must cover, and the
 * databases each service connects to.
 */
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/engine/types.js';
import { lint, type LintRun } from '../../src/lint.js';
import type { Service } from '../../src/model/model.js';
import { fixtureFacts } from '../fixture-tree.js';
import { tempDir } from '../temp-dirs.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');
const layouts = path.join(fixtures, 'layouts');

interface ExpectedFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  token: string;
  data?: Record<string, string>;
}

interface ExpectedService {
  name: string;
  databases: string[];
  schema?: string;
  mongoDatabases?: string[];
}

interface ExpectedCase {
  exhaustiveRules: string[];
  init: { services: ExpectedService[] };
  findings: ExpectedFinding[];
  /** `file:line` of a finding → its related locations, `file:line:column-endLine:endColumn`. */
  related?: Record<string, string[]>;
}

/** A case is a folder of fixtures/layouts, or `config-entries/<case>` for a case about the config file itself. */
const caseDir = (name: string) => (name.includes('/') ? path.join(fixtures, name) : path.join(layouts, name));
const readExpected = (name: string) => JSON.parse(readFileSync(path.join(caseDir(name), 'EXPECTED.json'), 'utf8')) as ExpectedCase;

const keyOf = (d: Pick<Diagnostic, 'ruleId' | 'file' | 'line' | 'column' | 'endLine' | 'endColumn'>) =>
  `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`;

function textAt(caseName: string, f: ExpectedFinding): string {
  const lines = readFileSync(path.join(caseDir(caseName), f.file), 'utf8').split('\n');
  return f.line === f.endLine ? lines[f.line - 1].slice(f.column - 1, f.endColumn - 1) : `(multi-line ${f.line}-${f.endLine})`;
}

const findingsOf = (diagnostics: readonly Diagnostic[], rules: readonly string[]) =>
  diagnostics
    .filter((d) => rules.includes(d.ruleId))
    .map(keyOf)
    .sort();

/** A service's databases as EXPECTED.json writes them: SQL names, its one schema, Mongo names apart. */
function databasesOf(service: Service): ExpectedService {
  const sql = service.databases.filter((d) => d.kind !== 'mongodb');
  const mongo = service.databases.filter((d) => d.kind === 'mongodb');
  const schemas = [...new Set(sql.flatMap((d) => d.schemas ?? []))];
  return {
    name: service.name,
    databases: sql.map((d) => d.name).sort(),
    ...(schemas.length === 1 ? { schema: schemas[0] } : {}),
    ...(mongo.length > 0 ? { mongoDatabases: mongo.map((d) => d.name).sort() } : {}),
  };
}

interface CaseState {
  run: () => LintRun;
  expected: ExpectedCase;
}

/**
 * Lints a copy of the case (outside our checkout, where git would decide what is source) and checks
 * its findings; `pending` names exhaustive rules whose exact set another part of issue 14 completes.
 */
function describeCase(caseName: string, options: { pending?: Record<string, string> }, extra?: (state: CaseState) => void): void {
  describe(path.relative(path.dirname(fixtures), caseDir(caseName)), () => {
    const expected = readExpected(caseName);
    const pending = options.pending ?? {};
    const settled = expected.exhaustiveRules.filter((rule) => !(rule in pending));
    let run: LintRun;
    beforeAll(async () => {
      const copy = tempDir(`nilecare-${path.basename(caseName)}-`);
      cpSync(caseDir(caseName), copy, { recursive: true, verbatimSymlinks: true });
      run = await lint({ cwd: copy, factsCache: fixtureFacts() });
    }, 120_000);

    it('lints without internal errors, and every expected range covers its token', () => {
      expect(run.internalErrors).toEqual([]);
      expect(expected.findings.map((f) => `${keyOf(f)} «${textAt(caseName, f)}»`)).toEqual(
        expected.findings.map((f) => `${keyOf(f)} «${f.token}»`),
      );
    });

    it(`reports exactly the expected findings of ${settled.join(', ')}`, () => {
      expect(findingsOf(run.diagnostics, settled)).toEqual(
        expected.findings
          .filter((f) => settled.includes(f.ruleId))
          .map(keyOf)
          .sort(),
      );
    });

    for (const [rule, why] of Object.entries(pending)) {
      it.fails(`[pending] the exact findings of ${rule}: ${why}`, () => {
        expect(findingsOf(run.diagnostics, [rule])).toEqual(
          expected.findings
            .filter((f) => f.ruleId === rule)
            .map(keyOf)
            .sort(),
        );
      });
    }

    it('each finding carries the expected data', () => {
      for (const finding of expected.findings) {
        const diagnostic = run.diagnostics.find((d) => keyOf(d) === keyOf(finding));
        expect(diagnostic?.data, keyOf(finding)).toMatchObject(finding.data ?? {});
      }
    });

    it('each service connects to exactly the databases (and schema) its settings name', () => {
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      expect(run.model.services.map(databasesOf).sort(byName)).toEqual(
        [...expected.init.services].sort(byName).map((s) => ({
          name: s.name,
          databases: [...s.databases].sort(),
          ...(s.schema ? { schema: s.schema } : {}),
          ...(s.mongoDatabases ? { mongoDatabases: s.mongoDatabases } : {}),
        })),
      );
    });

    extra?.({ run: () => run, expected });
  });
}

describeCase('false-db-names', {}, ({ run }) => {
  it('no status word, label or Redis index is a database anywhere in the model', () => {
    const names = run().model.services.flatMap((s) => s.databases.map((d) => d.name));
    for (const never of ['0', '1', '2', '3', 'connected', 'disconnected', 'unknown', 'error', 'Shared MySQL (nilecare)'])
      expect(names).not.toContain(never);
  });

  it("the shared database's findings point at each other service's setting", () => {
    const shared = run().diagnostics.filter((d) => d.ruleId === 'no-shared-database');
    expect(shared.map((d) => `${d.file} → ${(d.related ?? []).map((r) => `${r.file}:${r.range.line}`).join(', ')}`)).toEqual([
      'services/cart-service/.env.example → services/catalog-service/src/db.ts:7',
      'services/catalog-service/src/db.ts → services/cart-service/.env.example:2',
    ]);
  });
});

describeCase('schema-isolation', {}, ({ run }) => {
  it('tables live in their service schema; run-time database names leave the tables placeless', () => {
    const placed = (name: string) =>
      run()
        .model.serviceByName(name)!
        .createdTables.map((d) => `${d.database ?? '?'}.${d.table}`)
        .sort();
    expect(placed('orders-service')).toEqual(['orders_schema.orders', 'orders_schema.outbox_events']);
    expect(placed('inventory-service')).toEqual(['inventory_schema.outbox_events', 'inventory_schema.stock_items']);
    expect(placed('catalog-service')).toEqual(['catalog.categories', 'catalog.products']);
    expect(placed('scheduler-service')).toEqual(['?.task', '?.task_run']);
    expect(placed('projects-service')).toEqual(['?.project', '?.task']);
  });

  it('the model lists no shared database', () => {
    expect(run().model.sharedDatabases()).toEqual([]);
  });
});

// The case ships its config: ownership written with qualified patterns, resolved through `USE db`.
describeCase('use-database-resolution', {}, ({ run }) => {
  it('bare names after USE resolve in that database, whatever form the patterns have', () => {
    const resolve = (name: string, context?: string) => {
      const resolution = run().model.resolveTable({ name, context });
      return resolution.kind === 'owned' ? `${resolution.owner.name} ${resolution.database ?? '?'}` : resolution.kind;
    };
    expect(resolve('orders', 'ops')).toBe('sales-service ops');
    expect(resolve('order_items', 'ops')).toBe('crm-service ops');
    expect(resolve('customers', 'crm')).toBe('crm-service crm');
    // Without the file's current database, `ops.orders` claims no bare `orders`.
    expect(resolve('orders')).toBe('unknown');
    // In crm, `orders` is crm.orders: declared nowhere, so the one service connecting to crm is its owner, as for a qualified name.
    expect(resolve('orders', 'crm')).toBe('crm-service crm');
    expect(run().model.resolveTable({ name: 'orders', qualifier: 'crm' })).toMatchObject({ kind: 'owned', via: 'schema-database' });
  });
});

// A database pinned in the config is reported at its entry there, never at line 1 of a file of the service.
describeCase('config-entries/pinned-databases', {}, ({ run, expected }) => {
  it("related locations point at the other services' config entries and settings", () => {
    const related = Object.fromEntries(
      run()
        .diagnostics.filter((d) => d.ruleId === 'no-shared-database')
        .map((d) => [
          `${d.file}:${d.line}`,
          (d.related ?? []).map((r) => `${r.file}:${r.range.line}:${r.range.column}-${r.range.endLine}:${r.range.endColumn}`),
        ]),
    );
    expect(related).toEqual(expected.related);
  });

  it('no finding of any rule about the pinned databases lands on a service file', () => {
    const shared = run().diagnostics.filter((d) => d.ruleId === 'no-shared-database' && d.file.startsWith('services/'));
    expect(shared.map((d) => d.file)).toEqual(['services/reporting-service/.env.example']);
  });

  it('the config file is reported by a run over everything, by one naming it, and by exactly one shard', async () => {
    const copy = tempDir('nilecare-pinned-selection-');
    cpSync(caseDir('config-entries/pinned-databases'), copy, { recursive: true });
    const configFindings = async (options: Partial<Parameters<typeof lint>[0]>) =>
      (await lint({ cwd: copy, ...options })).diagnostics.filter((d) => d.file === 'nilecare-lint.config.json').length;
    expect(await configFindings({})).toBe(2);
    expect(await configFindings({ files: ['services/reporting-service/src/monthly.ts'] })).toBe(0);
    expect(await configFindings({ files: ['nilecare-lint.config.json', 'services/reporting-service/src/monthly.ts'] })).toBe(2);
    const shards = await Promise.all([1, 2, 3].map((index) => configFindings({ shard: { index, count: 3 } })));
    expect(shards.sort()).toEqual([0, 0, 2]);
  }, 120_000);
});

// Code outside every service (a reporting app without package.json, a library) reading services' tables, named by its folder.
describeCase('outside-code', {});

// TypeORM's ormconfig.json / .yml name the database (`url`, else `database` on `host` in `schema`) as DataSource options do.
describeCase('ormconfig-databases', {}, ({ run }) => {
  it('a connection URL in ormconfig never keeps its password, and the schema and server keep same-named databases apart', () => {
    const shop = (name: string) =>
      run()
        .model.serviceByName(name)!
        .databases.find((d) => d.name === 'shop')!;
    expect(shop('orders-service')).toMatchObject({ hosts: ['shop-db'] });
    // Its URL writes the port; orders' ormconfig does not: one server still (a side without a port may be on any).
    expect(shop('billing-service')).toMatchObject({ hosts: ['shop-db:5432'] });
    expect(shop('inventory-service')).toMatchObject({ hosts: ['shop-db'], schemas: ['inventory'] });
    expect(shop('reporting-service')).toMatchObject({ hosts: ['reports-db'] });
  });
});

// A schema per service that only the tables show (Drizzle pgSchema, TypeORM @Entity({ schema })): the connection names none.
describeCase('table-schemas', {});

// Each service's own docker-compose.yml with its own `db` container: two compose projects, two servers (HELDOUT7 #1).
describeCase('per-service-compose', {}, ({ run }) => {
  it("a compose service's host is its compose project's container; an external host stays as written", () => {
    const hostsOf = (service: string, database: string) =>
      run()
        .model.serviceByName(service)!
        .databases.find((d) => d.name === database)!.hosts;
    // orders' .env.example (the published port, outside docker) beside its compose file's container.
    expect(hostsOf('orders', 'app')).toEqual(['db:5432|./services/orders', 'localhost:5432']);
    expect(hostsOf('shipping', 'app')).toEqual(['db:5432|./services/shipping', 'localhost:5433']);
    expect(hostsOf('payments', 'payments')).toEqual(['pg.platform.internal:5432']);
  });
});

// One root env file with a key per service, Prisma's shadow database and the test suite's (HELDOUT7 #29, #17).
describeCase('root-env-prefixed', {});

// Spring's JDBC URLs (SPRING_DATASOURCE_URL, spring.datasource.url) and a kustomize generator's `envs:` (HELDOUT7 #3, #23).
describeCase('spring-kustomize', {});
