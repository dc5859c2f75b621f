import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderMap, renderSummary } from '../../src/commands/map-render.js';
import { buildOwnershipMap, EDGE_RULES, summarizeFindings, type OwnershipMap } from '../../src/commands/ownership.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint, type LintRun } from '../../src/lint.js';
import { cliInMemory, fixtureCopyInMemory, fixtureInMemory, writtenText } from '../cli-memory.js';
import { fixtureFacts, fixtureListings } from '../fixture-tree.js';
import { markdownTables, parseDot, parseMermaid } from './graph-checks.js';

const sample = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'sample-monorepo');

/** The documented JSON shape of `map --format json` (see OwnershipMap in src/commands/ownership.ts). */
const ownershipMapSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'services', 'databases', 'edges', 'conflicts', 'unowned'],
  definitions: {
    table: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'via'],
      properties: {
        name: { type: 'string', minLength: 1 },
        database: { type: 'string' },
        via: { enum: ['migration', 'schema', 'orm', 'prisma', 'database', 'referenced'] },
        file: { type: 'string' },
        line: { type: 'integer', minimum: 1 },
      },
    },
    names: { type: 'array', items: { type: 'string', minLength: 1 } },
  },
  properties: {
    version: { const: 1 },
    services: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'roots', 'databases', 'patterns', 'tables'],
        properties: {
          name: { type: 'string', minLength: 1 },
          roots: { $ref: '#/definitions/names' },
          dialect: { enum: ['mysql', 'postgresql'] },
          engines: { type: 'array', minItems: 1, items: { enum: ['mysql', 'postgresql', 'sqlite', 'sqlserver', 'oracle'] } },
          databases: { $ref: '#/definitions/names' },
          patterns: { $ref: '#/definitions/names' },
          tables: { type: 'array', items: { $ref: '#/definitions/table' } },
        },
      },
    },
    databases: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'kind', 'services', 'declaredIn'],
        properties: {
          name: { type: 'string', minLength: 1 },
          kind: { enum: ['mysql', 'postgresql', 'mongodb', 'unknown'] },
          owner: { type: 'string' },
          ownerVia: { enum: ['config', 'sole-connection'] },
          services: { $ref: '#/definitions/names' },
          declaredIn: { $ref: '#/definitions/names' },
        },
      },
    },
    edges: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'table', 'owner', 'count', 'suppressed', 'rules', 'kinds', 'locations'],
        properties: {
          from: { type: 'string', minLength: 1 },
          table: { type: 'string', minLength: 1 },
          owner: { type: 'string', minLength: 1 },
          count: { type: 'integer', minimum: 1 },
          suppressed: { type: 'integer', minimum: 0 },
          rules: { type: 'object', additionalProperties: { type: 'integer', minimum: 1 } },
          kinds: {
            type: 'object',
            additionalProperties: false,
            properties: Object.fromEntries(['query', 'grant', 'foreign-key'].map((kind) => [kind, { type: 'integer', minimum: 1 }])),
          },
          locations: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['ruleId', 'kind', 'file', 'line', 'column'],
              properties: {
                ruleId: { enum: [...EDGE_RULES] },
                kind: { enum: ['query', 'grant', 'foreign-key'] },
                file: { type: 'string', minLength: 1 },
                line: { type: 'integer', minimum: 1 },
                column: { type: 'integer', minimum: 1 },
                suppressed: { const: true },
              },
            },
          },
        },
      },
    },
    conflicts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['table', 'services'],
        properties: { table: { type: 'string' }, services: { $ref: '#/definitions/names', minItems: 2 } },
      },
    },
    unowned: { type: 'array', items: { $ref: '#/definitions/table' } },
  },
};

const summarySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['total', 'errors', 'warnings', 'suppressed', 'rules', 'services'],
  properties: {
    total: { type: 'integer', minimum: 0 },
    errors: { type: 'integer', minimum: 0 },
    warnings: { type: 'integer', minimum: 0 },
    suppressed: { type: 'integer', minimum: 0 },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'errors', 'warnings', 'suppressed', 'total'],
        properties: {
          rule: { type: 'string' },
          errors: { type: 'integer', minimum: 0 },
          warnings: { type: 'integer', minimum: 0 },
          suppressed: { type: 'integer', minimum: 0 },
          total: { type: 'integer', minimum: 0 },
        },
      },
    },
    services: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['service', 'total', 'suppressed', 'rules'],
        properties: {
          service: { type: 'string' },
          total: { type: 'integer', minimum: 0 },
          suppressed: { type: 'integer', minimum: 0 },
          rules: { type: 'object', additionalProperties: { type: 'integer', minimum: 1 } },
        },
      },
    },
  },
};

/** The sample in memory for the CLI's runs (what `map` prints and writes; on disk: test/e2e/map-disk.test.ts). */
const sampleFiles = fixtureInMemory(sample);
const cli = (argv: string[]) => cliInMemory(sampleFiles, argv);

let run: LintRun;
let map: OwnershipMap;
beforeAll(async () => {
  run = await lint({ cwd: sample, listingCache: fixtureListings, factsCache: fixtureFacts() });
  map = buildOwnershipMap(run.model, run.diagnostics);
});

describe('map on the sample monorepo', () => {
  it('has one edge location per cross-service finding, and nothing else', () => {
    const findings = run.diagnostics.filter((d) => EDGE_RULES.has(d.ruleId)).map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}`);
    const located = map.edges.flatMap((e) => e.locations.map((l) => `${l.ruleId} ${l.file}:${l.line}:${l.column}`));
    expect(findings.length).toBeGreaterThan(0);
    expect([...located].sort()).toEqual([...findings].sort());
    for (const edge of map.edges) expect(edge.count).toBe(edge.locations.length);
  });

  it('names accessor, bare table and owner on each edge', () => {
    const edges = map.edges.map((e) => `${e.from} → ${e.table} → ${e.owner}`);
    expect(edges).toContain('main-nilecare → invoices → billing-service');
    expect(edges).toContain('main-nilecare → patients → clinical-service');
    expect(edges).toContain('business-service → patients → clinical-service');
    const payment = map.edges.find((e) => e.from === 'payment-gateway-service' && e.table === 'invoices');
    expect(payment?.rules).toEqual({ 'no-cross-service-query': 1, 'no-cross-service-foreign-key': 1 });
  });

  it('counts each edge finding under one kind', () => {
    for (const edge of map.edges) {
      expect(Object.values(edge.kinds).reduce((sum, n) => sum + n, 0)).toBe(edge.count);
      for (const kind of Object.keys(edge.kinds)) expect(edge.locations.some((l) => l.kind === kind)).toBe(true);
    }
  });

  it('puts root schema tables under the owner of their database', () => {
    const clinical = map.services.find((s) => s.name === 'clinical-service')!;
    const rootTables = clinical.tables.filter((t) => t.file === 'database/mysql/schema/clinical_data.sql');
    expect(rootTables.map((t) => t.name)).toEqual(expect.arrayContaining(['encounters', 'patients']));
    expect(rootTables.every((t) => t.via === 'database' && t.database === 'clinical_data')).toBe(true);
    expect(map.databases.find((d) => d.name === 'clinical_data')).toMatchObject({ owner: 'clinical-service', ownerVia: 'config' });
    const shared = map.databases.find((d) => d.name === 'nilecare')!;
    expect(shared.owner).toBeUndefined();
    expect(shared.services.length).toBeGreaterThan(1);
  });

  it('json matches the documented schema', () => {
    const validate = new Ajv({ allErrors: true }).compile(ownershipMapSchema);
    const json = JSON.parse(renderMap(map, 'json'));
    expect(validate(json), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('mermaid: every edge between declared nodes, one labelled edge per map edge', () => {
    const graph = parseMermaid(renderMap(map, 'mermaid'));
    expect(graph.groups.size).toBe(map.services.length);
    const counted = (label: string) => [...label.matchAll(/(\d+) (?:quer|grant|foreign)/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(graph.edges.map((e) => counted(e.label))).toEqual(map.edges.map((e) => e.count));
    const all = parseMermaid(renderMap(map, 'mermaid', { allTables: true }));
    expect(all.nodes.size).toBeGreaterThan(graph.nodes.size);
  });

  it('dot: balanced clusters, every edge between declared nodes', () => {
    const graph = parseDot(renderMap(map, 'dot'));
    expect(graph.groups.size).toBe(map.services.length);
    expect(graph.edges).toHaveLength(map.edges.length);
    parseDot(renderMap(map, 'dot', { allTables: true }));
  });

  it('markdown: table shape', () => {
    const tables = markdownTables(renderMap(map, 'markdown'));
    expect(tables).toHaveLength(3);
    expect(tables[2].length - 2).toBe(map.edges.length);
  });

  it('table: one row per edge with its locations below', () => {
    const text = renderMap(map, 'table');
    for (const edge of map.edges) for (const at of edge.locations) expect(text).toContain(`      ${at.file}:${at.line}:${at.column}`);
    expect(text).toMatch(/^ {2}main-nilecare +invoices +billing-service +1 query$/m);
  });

  it('--summary counts every active finding once, per rule and per service', () => {
    const summary = summarizeFindings(
      run.model,
      run.diagnostics,
      run.rules.map((r) => r.rule.meta.id),
    );
    const validate = new Ajv({ allErrors: true }).compile(summarySchema);
    expect(validate(JSON.parse(renderSummary(summary, 'json'))), JSON.stringify(validate.errors)).toBe(true);
    const active = run.diagnostics.filter((d) => !d.suppressed);
    expect(summary.total).toBe(active.length);
    expect(summary.rules.reduce((n, r) => n + r.total, 0)).toBe(active.length);
    expect(summary.services.reduce((n, s) => n + s.total, 0)).toBe(active.length);
    const crossService = active.filter((d) => d.ruleId === 'no-cross-service-query').length;
    expect(summary.rules.find((r) => r.rule === 'no-cross-service-query')?.total).toBe(crossService);
    // Rules without findings are listed too, so a team sees them reach zero.
    expect(summary.rules.length).toBe(run.rules.length);
    markdownTables(renderSummary(summary, 'markdown'));
  });
});

describe('nilecare-lint map (CLI)', () => {
  it('prints the table by default and exits 0 despite findings', async () => {
    const io = await cli(['map']);
    expect(io.code).toBe(0);
    expect(io.stdout).toContain('Cross-service access:');
  });

  it('lists every engine a service declares when they are more than its dialect: both engines (no dialect), MySQL beside SQLite', async () => {
    const manifest = (name: string, dependencies: Record<string, string>) => JSON.stringify({ name, dependencies });
    const tree = memoryTree({
      'services/moving/package.json': manifest('moving', { pg: '^8', mysql2: '^3' }),
      'services/moving/src/db.ts': "import mysql from 'mysql2/promise';\nexport const pool = mysql.createPool({});\n",
      'services/stores/package.json': manifest('stores', { mysql2: '^3', sqlite3: '^5' }),
      'services/plain/package.json': manifest('plain', { pg: '^8' }),
      // One engine without a parser here (HELDOUT8 #9): on one engine, its SQL read by that engine's tokens.
      'services/hr/package.json': manifest('hr', { oracledb: '^6' }),
      'services/edge/package.json': manifest('edge', { 'better-sqlite3': '^9' }),
      // Two of them: no one engine, each SQL file read in the dialect it shows.
      'services/sync/package.json': manifest('sync', { mssql: '^10', 'better-sqlite3': '^9' }),
      'nilecare-lint.config.json': JSON.stringify({
        services: [
          { name: 'moving', roots: ['services/moving'] },
          { name: 'stores', roots: ['services/stores'] },
          { name: 'plain', roots: ['services/plain'] },
          { name: 'hr', roots: ['services/hr'] },
          { name: 'edge', roots: ['services/edge'] },
          { name: 'sync', roots: ['services/sync'] },
        ],
      }),
    });
    const twoEngines = await lint({ cwd: tree.root, tree });
    const built = buildOwnershipMap(twoEngines.model, twoEngines.diagnostics);
    expect(built.services.map((s) => [s.name, s.dialect ?? null, s.engines ?? null])).toEqual([
      ['edge', null, null],
      ['hr', null, null],
      ['moving', null, ['mysql', 'postgresql']],
      ['plain', 'postgresql', null],
      ['stores', 'mysql', ['mysql', 'sqlite']],
      ['sync', null, ['sqlite', 'sqlserver']],
    ]);
    expect(twoEngines.model.serviceByName('hr')?.dialectDecision?.unparsedEngine).toBe('oracle');
    expect(twoEngines.model.serviceByName('moving')?.dialectDecision?.basis).toBe('mixed');
    const validate = new Ajv({ allErrors: true }).compile(ownershipMapSchema);
    expect(validate(JSON.parse(JSON.stringify(built))), JSON.stringify(validate.errors)).toBe(true);
    const text = renderMap(built, 'table').split('\n');
    expect(text.slice(text.indexOf('Services on several engines'), text.indexOf('Services on several engines') + 6)).toEqual([
      'Services on several engines',
      '',
      '  - moving: mysql, postgresql (no one dialect: each SQL file is read in the dialect it shows)',
      '  - stores: mysql, sqlite (read as mysql)',
      '  - sync: sqlite, sqlserver (no one dialect: each SQL file is read in the dialect it shows)',
      '',
    ]);
  });

  it('--format json keeps each zero-config service with its real root and inferred dialect', async () => {
    // A copy outside this repository: without a config of its own, the fixture folder would not be the project root.
    const io = await cliInMemory(fixtureCopyInMemory(path.join(path.dirname(sample), 'layouts', 'dialect-evidence')), [
      'map',
      '--format',
      'json',
    ]);
    expect(io.code).toBe(0);
    const map = JSON.parse(io.stdout) as OwnershipMap;
    expect(map.services.map((s) => [s.name, s.roots, s.dialect])).toEqual([
      ['accounts-service', ['services/accounts-service'], 'postgresql'],
      ['audit-service', ['services/audit-service'], 'postgresql'],
      ['fulfilment-service', ['services/fulfilment-service'], 'postgresql'],
      ['inventory-service', ['services/inventory-service'], 'postgresql'],
      ['loyalty-service', ['services/loyalty-service'], 'postgresql'],
      ['pricing-service', ['services/pricing-service'], 'postgresql'],
      ['reviews-service', ['services/reviews-service'], 'postgresql'],
      ['shipping-service', ['services/shipping-service'], 'mysql'],
    ]);
  });

  it('writes --output and supports --summary --format json', async () => {
    const io = await cli(['map', '--summary', '--format', 'json', '--output', 'nested/summary.json']);
    expect(io.code).toBe(0);
    expect(io.stdout).toBe('');
    expect(JSON.parse(writtenText(sampleFiles, 'nested/summary.json')!).total).toBeGreaterThan(0);
  });

  it('offers only map formats, while the lint command keeps its reporters', async () => {
    const io = await cli(['--format', 'mermaid']);
    expect(io.code).toBe(2);
    expect(io.stderr).toContain('Given: "mermaid", Choices: "stylish"');
  });

  it('rejects a lint reporter name and a graph format with --summary (exit 2)', async () => {
    const stylish = await cli(['map', '--format', 'stylish']);
    expect(stylish.code).toBe(2);
    expect(stylish.stderr).toContain('Given: "stylish", Choices: "table", "markdown", "mermaid", "dot", "json", "html"');
    const summary = await cli(['map', '--summary', '--format', 'mermaid']);
    expect(summary.code).toBe(2);
    expect(summary.stderr).toContain("--summary prints table, markdown, json, not 'mermaid'");
  });
});

describe('map of grants', () => {
  it("labels GRANT / REVOKE on another service's table as grants, not queries, in every format", async () => {
    const files: Record<string, string> = {
      'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);\n',
      'services/payment/migrations/V2__grants.sql':
        "GRANT SELECT ON invoices TO 'payment_svc'@'%';\nREVOKE UPDATE ON invoices FROM 'payment_svc'@'%';\n",
      'services/payment/src/repo.ts': "db.query('SELECT id FROM invoices');\n",
    };
    const tree = memoryTree(files, { root: '/repo' });
    const config = {
      dialect: 'mysql' as const,
      services: [
        { name: 'billing', roots: ['services/billing'], databases: ['nilecare'] },
        { name: 'payment', roots: ['services/payment'], databases: ['nilecare'] },
      ],
    };
    const granted = await lint({ cwd: tree.root, tree, config });
    const grants = buildOwnershipMap(granted.model, granted.diagnostics);
    expect(grants.edges).toMatchObject([
      {
        from: 'payment',
        table: 'invoices',
        owner: 'billing',
        count: 3,
        rules: { 'no-cross-service-query': 3 },
        kinds: { query: 1, grant: 2 },
        locations: [
          { kind: 'grant', file: 'services/payment/migrations/V2__grants.sql', line: 1 },
          { kind: 'grant', file: 'services/payment/migrations/V2__grants.sql', line: 2 },
          { kind: 'query', file: 'services/payment/src/repo.ts', line: 1 },
        ],
      },
    ]);
    expect(renderMap(grants, 'table')).toMatch(/^ {2}payment +invoices +billing +1 query, 2 grants$/m);
    expect(renderMap(grants, 'markdown')).toContain('| `payment` | `invoices` | `billing` | 1 query, 2 grants |');
    expect(renderMap(grants, 'mermaid')).toContain('-->|"1 query, 2 grants"|');
    expect(renderMap(grants, 'dot')).toContain('[label="1 query, 2 grants"]');
    expect(JSON.parse(renderMap(grants, 'json')).edges[0].kinds).toEqual({ query: 1, grant: 2 });
  });
});
