/**
 * lint() owns the bulk suppressions: every format, `map`, `map --summary` and the API see the
 * same suppressed set. The suppressions file used to be applied by the CLI after lint()
 * returned, so after --suppress-all `map --format json` still counted the edge as unsuppressed.
 * Over repositories in memory (test/cli-memory.ts): lint() writes the file through the CLI's injected files.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { cli as run, memoryRepo, paymentMigration, readFile, type Repo } from '../workflow/helpers.js';

const REPO = 'services/billing/src/repo.ts';
const files = {
  ...paymentMigration,
  [REPO]: "db.query('SELECT * FROM payments');\ndb.query('SELECT amount FROM payments');\ndb.query('SELECT * FROM legacy_totals');\n",
};

interface MapJson {
  edges: Array<{
    from: string;
    table: string;
    owner: string;
    count: number;
    suppressed: number;
    locations: Array<{ suppressed?: boolean }>;
  }>;
}
interface SummaryJson {
  total: number;
  suppressed: number;
  rules: Array<{ rule: string; suppressed: number; total: number }>;
}

const json = <T>(text: string) => JSON.parse(text) as T;
const SUPPRESSIONS = 'nilecare-lint-suppressions.json';
/** The CLI over `repo`, as `nilecare-lint <argv>` run at its root. */
const inRepo =
  (repo: Repo) =>
  (...argv: string[]) =>
    run(repo, argv);

describe('bulk suppressions belong to lint()', () => {
  it('after --suppress-all, lint, map, map --summary and the API agree that every finding is suppressed', async () => {
    const repo = memoryRepo(files);
    const cli = inRepo(repo);
    expect((await cli('--suppress-all')).code).toBe(0);

    const report = json<{ results: Array<{ messages: Array<{ ruleId: string; suppressed: unknown }> }> }>((await cli('-f', 'json')).stdout);
    const messages = report.results.flatMap((r) => r.messages);
    expect(messages).toHaveLength(3);
    expect(messages.every((m) => m.suppressed !== null)).toBe(true);

    const map = json<MapJson>((await cli('map', '--format', 'json')).stdout);
    expect(map.edges.map((e) => [e.from, e.table, e.owner, e.count, e.suppressed])).toEqual([['billing', 'payments', 'payment', 2, 2]]);
    expect(map.edges[0].locations.every((l) => l.suppressed)).toBe(true);

    const summary = json<SummaryJson>((await cli('map', '--summary', '--format', 'json')).stdout);
    expect({ total: summary.total, suppressed: summary.suppressed }).toEqual({ total: 0, suppressed: 3 });

    const api = { cwd: repo.resolve('.'), ...repo.source() };
    const linted = await lint(api);
    expect(linted.diagnostics.map((d) => d.suppressed?.kind)).toEqual(['baseline', 'baseline', 'baseline']);
    expect(linted.bulkSuppressions).toMatchObject({ file: SUPPRESSIONS, active: true, unmatched: [] });
    // The API can opt out, e.g. to list everything a baseline hides.
    expect((await lint({ ...api, suppressions: false })).diagnostics.filter((d) => d.suppressed)).toEqual([]);
  });

  it('a fixed finding leaves a stale entry: lint fails until pruned, map says so and still draws the map', async () => {
    const repo = memoryRepo(files);
    await inRepo(repo)('--suppress-rule', 'no-cross-service-query');
    // The same repository with one of the two queries fixed: the suppressions file comes along.
    const fixed = memoryRepo({
      ...files,
      [REPO]: "db.query('SELECT * FROM payments');\ndb.query('SELECT * FROM legacy_totals');\n",
      [SUPPRESSIONS]: readFile(repo, SUPPRESSIONS),
    });
    const lintOutcome = await run(fixed, []);
    expect(lintOutcome.code).toBe(2);
    expect(lintOutcome.stderr).toContain('there are suppressions left in nilecare-lint-suppressions.json that do not occur anymore');
    const map = await run(fixed, ['map', '--format', 'json']);
    expect(map.code).toBe(0);
    expect(map.stderr).toContain('1 suppression(s) in nilecare-lint-suppressions.json no longer match a finding');
    expect(json<MapJson>(map.stdout).edges[0]).toMatchObject({ count: 1, suppressed: 1 });
  });

  it('map reads the same --suppressions-location as lint', async () => {
    const repo = memoryRepo(files);
    const cli = inRepo(repo);
    expect((await cli('--suppress-all', '--suppressions-location', 'lint/baseline.json')).code).toBe(0);
    expect(json<MapJson>((await cli('map', '-f', 'json')).stdout).edges[0].suppressed).toBe(0);
    expect(
      json<MapJson>((await cli('map', '-f', 'json', '--suppressions-location', 'lint/baseline.json')).stdout).edges[0].suppressed,
    ).toBe(2);
  });

  it('a broken suppressions file stops map as it stops lint (exit 2)', async () => {
    const repo = memoryRepo({ ...files, [SUPPRESSIONS]: '{ "version": 1, "suppressions": "all" }\n' });
    for (const argv of [[], ['map']]) {
      const outcome = await run(repo, argv);
      expect(outcome.code, argv.join(' ')).toBe(2);
      expect(outcome.stderr).toContain('not a nilecare-lint suppressions file');
    }
    // A file that is not JSON (a merge left two entries without a comma): where, never what.
    const merged = memoryRepo({
      ...files,
      [SUPPRESSIONS]: '{\n  "version": 1,\n  "suppressions": [\n    {"rule": "a"}\n    {"rule": "b"}\n  ]\n}\n',
    });
    const broken = await run(merged, []);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toBe(`nilecare-lint: ${merged.resolve(SUPPRESSIONS)}:5:5: not valid JSON: expected ',' between values\n`);
  });
});

describe('map lists each service once', () => {
  it('a service whose tables come from its SQL and from the config `tables` is one entry, not two rows of the same tables', async () => {
    const repo = memoryRepo(
      {
        'services/orders/migrations/V1__orders.sql':
          'CREATE TABLE orders (id INT PRIMARY KEY);\nCREATE TABLE order_items (id INT PRIMARY KEY);\n',
        'services/orders/.env': 'DB_NAME=orders_db\n',
        'services/billing/src/repo.ts': "db.query('SELECT * FROM orders');\n",
      },
      {
        services: [
          { name: 'billing', roots: ['services/billing'] },
          { name: 'orders', roots: ['services/orders'], tables: ['order_items', 'orders', 'order_audit_*'] },
        ],
      },
    );
    const table = (await run(repo, ['map'])).stdout;
    const ownership = table.slice(0, table.indexOf('\nDatabases'));
    expect(ownership.split('\n').filter((line) => /^ {2}orders\b/.test(line))).toHaveLength(1);
    expect(ownership).toMatch(/^ {2}orders +orders_db +order_items, orders$/m);
    // Only the pattern that adds something stays, on a continuation row.
    expect(ownership).toMatch(/^ {11}\s*\(config\) +order_audit_\*$/m);
    const markdown = (await run(repo, ['map', '-f', 'markdown'])).stdout;
    expect(markdown.match(/^\| `orders` \|/gm)).toHaveLength(1);
    expect(markdown).toContain('|  | (config) | `order_audit_*` |');
  });
});
