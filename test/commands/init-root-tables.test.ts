/**
 * init reports the tables the model gives each service, including those SQL outside every service declares
 * (a root `database/schema.sql`, `db/init/*.sql`) and attributes to it by its database (`\c orders`, `USE
 * billing`: the only service connecting to it) or by its prefix — not "0 table(s)" beside a lint that
 * resolves them to that service (issue 14, init-root-schema-tables-reported-as-none).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { proposeConfig, renderConfigJsonc, renderInitReport, type ConfigProposal } from '../../src/commands/init-config.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint, type LintRun } from '../../src/lint.js';
import { ruleRegistry } from '../../rules/index.js';

const pg = JSON.stringify({ name: 'x', private: true, dependencies: { pg: '^8.11.0' } });
const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['services/*'] }),
  'services/orders/package.json': pg.replace('"x"', '"orders"'),
  'services/orders/.env.example': 'PGDATABASE=orders\n',
  'services/orders/src/db.ts':
    "import { Pool } from 'pg';\nexport const pool = new Pool();\nexport const lines = () => pool.query('SELECT id FROM order_lines');\n",
  'services/billing/package.json': pg.replace('"x"', '"billing"'),
  'services/billing/.env.example': 'PGDATABASE=billing\n',
  'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id BIGINT PRIMARY KEY);\n',
  'services/search/package.json': pg.replace('"x"', '"search"'),
  'services/search/src/index.ts':
    "import { Pool } from 'pg';\nexport const pool = new Pool();\nexport const misc = () => pool.query('SELECT * FROM misc JOIN legacy_totals USING (id)');\n",
  'database/schema.sql': '\\c orders\nCREATE TABLE orders (id BIGINT PRIMARY KEY);\nCREATE TABLE order_lines (id BIGINT PRIMARY KEY);\n',
  'db/init/02-billing.sql': '\\c billing\nCREATE TABLE payments (id BIGINT PRIMARY KEY);\nCREATE TABLE invoices (id BIGINT PRIMARY KEY);\n',
  'database/legacy.sql': 'CREATE TABLE search_terms (id BIGINT PRIMARY KEY);\nCREATE TABLE misc (id BIGINT PRIMARY KEY);\n',
};

describe('init on services whose tables a root schema file declares', () => {
  let run: LintRun;
  let proposal: ConfigProposal;
  beforeAll(async () => {
    const tree = memoryTree(FILES, { root: '/init-root-tables' });
    const rules = Object.fromEntries(Object.keys(ruleRegistry).map((id) => [id, 'off' as const]));
    run = await lint({ cwd: tree.root, tree, config: { rules } });
    expect(run.internalErrors).toEqual([]);
    proposal = proposeConfig(run.model, run.serviceDiscovery);
  });

  it('lists, per service, the root tables the model resolves to it, with the file, line and why', () => {
    const byService = Object.fromEntries(proposal.services.map((s) => [s.name, { created: s.createdTables, root: s.rootTables }]));
    expect(byService).toEqual({
      // billing's own migration creates invoices: listed once, as its own.
      billing: {
        created: ['invoices'],
        root: [{ table: 'payments', database: 'billing', file: 'db/init/02-billing.sql', line: 2, via: 'database' }],
      },
      orders: {
        created: [],
        root: [
          { table: 'order_lines', database: 'orders', file: 'database/schema.sql', line: 3, via: 'database' },
          { table: 'orders', database: 'orders', file: 'database/schema.sql', line: 2, via: 'database' },
        ],
      },
      // No database named: its default prefix gives it search_terms, as the lint resolves it; misc stays nobody's.
      search: { created: [], root: [{ table: 'search_terms', file: 'database/legacy.sql', line: 1, via: 'prefix' }] },
    });
    // One source of truth: each is the lint's resolution.
    for (const service of proposal.services)
      for (const t of service.rootTables) {
        const resolution = run.model.resolveTable({ name: t.table, qualifier: t.database });
        expect(resolution.kind === 'owned' && resolution.owner.name).toBe(service.name);
      }
  });

  it('the report counts them and says where they come from; no "creates no tables" for them', () => {
    const report = renderInitReport(proposal);
    expect(report).toContain(
      'Inferred 3 service(s), 2 database(s), 1 table(s) created by service SQL, 4 more owned through SQL outside services.\n',
    );
    expect(report).toContain('  orders   postgresql  orders     order_lines, orders\n');
    expect(report).toContain('  orders (services/orders): 2 file(s), 2 table(s) (2 declared in database/schema.sql)\n');
    expect(report).toContain(
      "    tables: owns 'order_lines', 'orders' of 'orders', declared in database/schema.sql (the database is its)\n",
    );
    expect(report).toContain('  billing (services/billing): 2 file(s), 2 table(s) (1 declared in db/init/02-billing.sql)\n');
    expect(report).toContain("    tables: owns 'search_terms', declared in database/legacy.sql (its table prefix)\n");
    expect(report).not.toContain("service 'orders' creates no tables");
    expect(report).not.toContain("service 'search' creates no tables");
    expect(report).toContain('database/legacy.sql creates tables outside every service without USE / CREATE DATABASE');
  });

  it('the config keeps `tables` to what the service creates and says what else it owns', () => {
    const config = renderConfigJsonc(proposal);
    expect(config).toContain(
      `"tables": [], // its SQL creates no tables; owns 'order_lines', 'orders' of 'orders', declared in database/schema.sql (the database is its)\n`,
    );
    expect(config).toContain(
      `"tables": ["invoices"], // the table its SQL creates; owns 'payments' of 'billing', declared in db/init/02-billing.sql (the database is its)\n`,
    );
  });

  it("names the root tables no service owns: a TODO in the config and the report, and the run's notice instead of unknown-table", async () => {
    expect(proposal.unownedTables).toEqual([{ name: 'misc', files: ['database/legacy.sql'] }]);
    const todo = `table 'misc' is declared outside every service (in database/legacy.sql) and no service owns it: add it to its owning service's "tables"`;
    expect(renderConfigJsonc(proposal)).toContain(`  // TODO: ${todo}.\n`);
    expect(renderInitReport(proposal)).toContain(`  - ${todo}\n`);
    const tree = memoryTree(FILES, { root: '/init-root-tables' });
    const checked = await lint({ cwd: tree.root, tree, config: { rules: { 'unknown-table': 'warn' } } });
    // misc exists (database/legacy.sql declares it): only legacy_totals, which nothing declares, is unknown.
    expect(
      checked.diagnostics
        .filter((d) => d.ruleId === 'unknown-table')
        .map((d) => [d.file, d.line, d.column, d.endLine, d.endColumn, d.message]),
    ).toEqual([
      [
        'services/search/src/index.ts',
        3,
        63,
        3,
        76,
        "Table 'legacy_totals' used by service 'search' is not owned or created by any service.",
      ],
    ]);
    expect(checked.notices).toContain(
      `1 table(s) declared outside every service have no owner ('misc', in database/legacy.sql): their uses are not reported as unknown-table, and not checked against an owner; add each to its owning service's "tables" (\`nilecare-lint init\` marks them TODO).`,
    );
  });
});
