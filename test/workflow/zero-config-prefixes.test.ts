/**
 * A run without any config expects of each service the table prefix `init` writes for it: one computation
 * (learnTablePrefixes, model side) for both, over the tables each service alone creates (HELDOUT7 #22). Its findings
 * say which prefix and why (the note init writes beside it); with the written config they are the same findings.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { proposeConfig, renderConfigJsonc } from '../../src/commands/init-config.js';
import { parseConfigText } from '../../src/config/load.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint, type LintRun } from '../../src/lint.js';

/** A MySQL service with its own database and the tables its one migration creates. */
const service = (name: string, tables: string[], database = name) => ({
  [`services/${name}/package.json`]: JSON.stringify({ name, dependencies: { mysql2: '^3.9.0' } }),
  [`services/${name}/.env.example`]: `DB_NAME=${database}\n`,
  [`services/${name}/migrations/V1__init.sql`]: tables.map((t) => `CREATE TABLE ${t} (id CHAR(36) PRIMARY KEY);\n`).join(''),
});

const prefixFindings = (run: LintRun) =>
  run.diagnostics
    .filter((d) => d.ruleId === 'table-prefix')
    .map((d) => ({ file: d.file, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, messageId: d.messageId }));

/** The zero-config run, and the run on the config `init` writes from it. */
async function bothRuns(files: Record<string, string>): Promise<{ zero: LintRun; init: LintRun; written: string }> {
  const tree = memoryTree(files);
  const zero = await lint({ cwd: tree.root, tree });
  expect(zero.configFile).toBeUndefined();
  const written = renderConfigJsonc(proposeConfig(zero.model, zero.serviceDiscovery));
  const config = parseConfigText(written, path.join(tree.root, 'nilecare-lint.config.json'));
  const init = await lint({ cwd: tree.root, tree, config });
  return { zero, init, written };
}

describe('zero config expects the prefixes init writes', () => {
  it("where services use no prefix, a service whose tables share one keeps it: nothing to report either way (HELDOUT7 #22's shape)", async () => {
    const { zero, init, written } = await bothRuns({
      ...service('checkout', ['orders', 'order_lines']),
      ...service('ledger', ['ledger_entries', 'account_balances']),
      ...service('notifier', ['notifications']),
      ...service('inventory', ['stock_items', 'stock_reservations']),
    });
    expect(written).toContain('"prefixes": ["stock_"] // the prefix its tables use');
    expect(zero.model.services.map((s) => [s.name, s.prefixes])).toEqual(init.model.services.map((s) => [s.name, s.prefixes]));
    expect(zero.model.serviceByName('inventory')!.prefixes).toEqual(['stock_']);
    expect(prefixFindings(zero)).toEqual([]);
    expect(prefixFindings(init)).toEqual([]);
    expect(zero.notices).toContain(
      "Table names carry no service prefix here (3 of 4 services with tables use none): table-prefix expects none of them, and of each service whose tables share one, that prefix (inventory: 'stock_'), as `nilecare-lint init` would write it.",
    );
  });

  it("a departure from a service's own prefix is reported in both runs, and without a config the message says where the prefix comes from", async () => {
    const { zero, init } = await bothRuns({
      ...service('checkout', ['orders', 'order_lines']),
      ...service('ledger', ['ledger_entries', 'account_balances']),
      ...service('notifier', ['notifications']),
      ...service('inventory', ['stock_items', 'stock_levels', 'stock_reservations', 'reorder_rules']),
    });
    const at = { file: 'services/inventory/migrations/V1__init.sql', line: 4, column: 14, endLine: 4, endColumn: 27 };
    expect(prefixFindings(zero)).toEqual([{ ...at, messageId: 'missingLearnedPrefix' }]);
    expect(prefixFindings(init)).toEqual([{ ...at, messageId: 'missingPrefix' }]);
    expect(zero.diagnostics.find((d) => d.ruleId === 'table-prefix')!.message).toBe(
      "Table 'reorder_rules' created by service 'inventory' does not start with the prefix 'stock_', learned without a config as the prefix 3 of its 4 tables use.",
    );
    expect(init.diagnostics.find((d) => d.ruleId === 'table-prefix')!.message).toBe(
      "Table 'reorder_rules' created by service 'inventory' does not start with the prefix 'stock_'.",
    );
  });

  it('a rename away from the learned prefix says the same', async () => {
    const files = {
      ...service('checkout', ['orders', 'order_lines']),
      ...service('ledger', ['ledger_entries', 'account_balances']),
      ...service('notifier', ['notifications']),
      ...service('inventory', ['stock_items', 'stock_levels', 'stock_reservations', 'stock_moves', 'stock_counts']),
      'services/inventory/migrations/V2__cycle_counts.sql': 'ALTER TABLE stock_counts RENAME TO cycle_counts;\n',
    };
    const { zero, init } = await bothRuns(files);
    const at = { file: 'services/inventory/migrations/V2__cycle_counts.sql', line: 1, column: 36, endLine: 1, endColumn: 48 };
    expect(prefixFindings(zero)).toEqual([{ ...at, messageId: 'renamedWithoutLearnedPrefix' }]);
    expect(prefixFindings(init)).toEqual([{ ...at, messageId: 'renamedWithoutPrefix' }]);
    expect(zero.diagnostics.find((d) => d.ruleId === 'table-prefix')!.message).toBe(
      "Service 'inventory' renames table 'stock_counts' to 'cycle_counts', which does not start with the prefix 'stock_', learned without a config as the prefix 4 of its 5 tables use.",
    );
  });

  it('a table two services create in one database says nothing of either prefix, in both runs', async () => {
    // orders' own tables share ord_; `settings`, which billing creates in the same database too, is the conflict init lists.
    const { zero, init, written } = await bothRuns({
      ...service('orders', ['ord_orders', 'ord_lines', 'settings'], 'platform'),
      ...service('billing', ['bil_invoices', 'bil_payments', 'settings'], 'platform'),
      ...service('catalog', ['cat_products', 'cat_prices']),
    });
    expect(written).toContain('"prefixes": ["ord_"]');
    expect(zero.model.services.map((s) => [s.name, s.prefixes])).toEqual([
      ['billing', ['bil_']],
      ['catalog', ['cat_']],
      ['orders', ['ord_']],
    ]);
    expect(init.model.services.map((s) => [s.name, s.prefixes])).toEqual(zero.model.services.map((s) => [s.name, s.prefixes]));
    const settings = (service: string) => ({
      file: `services/${service}/migrations/V1__init.sql`,
      line: 3,
      column: 14,
      endLine: 3,
      endColumn: 22,
    });
    expect(prefixFindings(zero)).toEqual([
      { ...settings('billing'), messageId: 'missingLearnedPrefix' },
      { ...settings('orders'), messageId: 'missingLearnedPrefix' },
    ]);
    expect(prefixFindings(init)).toEqual([
      { ...settings('billing'), messageId: 'missingPrefix' },
      { ...settings('orders'), messageId: 'missingPrefix' },
    ]);
    expect(zero.notices).toContain(
      "Table prefixes learned from the tables the services create (billing: 'bil_', catalog: 'cat_', orders: 'ord_'): table-prefix expects them, as `nilecare-lint init` would write them.",
    );
  });
});
