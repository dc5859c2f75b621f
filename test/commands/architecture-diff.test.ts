/**
 * The comparison of two architecture states and its rendering, on states written by hand: the
 * cases a two-commit repository makes slow to reach (suppressed edges, a service joining or
 * leaving a shared database, unowned tables) and names that would break Markdown or Mermaid.
 */
import { describe, expect, it } from 'vitest';
import { compareStates, failures } from '../../src/commands/architecture-diff.js';
import { architectureState, type Access, type ArchitectureState, type DatabaseUse } from '../../src/commands/architecture-state.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';
import { paymentMigration, workflowConfig } from '../workflow/helpers.js';
import { renderDiff } from '../../src/commands/diff-render.js';
import type { DiffReport } from '../../src/commands/diff-report.js';

const access = (over: Partial<Access>): Access => ({
  from: 'billing',
  table: 'payments',
  owner: 'payment',
  kind: 'query',
  file: 'services/billing/a.ts',
  line: 1,
  column: 1,
  fingerprint: 'a',
  suppressed: false,
  ...over,
});

const use = (service: string, over: Partial<DatabaseUse> = {}): DatabaseUse => ({
  database: 'nilecare',
  service,
  file: `services/${service}/.env`,
  line: 1,
  suppressed: false,
  ...over,
});

const state = (over: Partial<ArchitectureState>): ArchitectureState => ({
  accesses: [],
  renames: [],
  sharedDatabases: [],
  owners: new Map(),
  unowned: [],
  findings: [],
  ...over,
});

const report = (base: ArchitectureState, head: ArchitectureState): DiffReport => {
  const diff = compareStates(base, head);
  const reasons = failures(diff, 'added-edges');
  return {
    version: 1,
    base: { ref: 'main', commit: 'a'.repeat(40) },
    head: { ref: null, commit: null },
    verdict: { failOn: 'added-edges', fails: reasons.length > 0, reasons },
    ...diff,
  };
};

describe('compareStates', () => {
  it('matches accesses by fingerprint, so a line move is no change and a new kind on a known edge is a new edge', () => {
    const base = state({ accesses: [access({ fingerprint: 'q1', line: 3 })] });
    const head = state({
      accesses: [
        access({ fingerprint: 'q1', line: 9 }),
        access({ fingerprint: 'fk', kind: 'foreign-key', file: 'services/billing/m.sql' }),
      ],
    });
    const diff = compareStates(base, head);
    expect(diff.edges.changed).toEqual([]);
    expect(diff.edges.added.map((e) => [e.kind, e.baseCount, e.headCount, e.added.map((a) => a.file)])).toEqual([
      ['foreign-key', 0, 1, ['services/billing/m.sql']],
    ]);
    expect(failures(diff, 'added-edges')).toEqual(['1 new cross-service edge']);
  });

  it('a new edge whose every access is suppressed is reported but does not fail; one active access fails', () => {
    const suppressed = compareStates(state({}), state({ accesses: [access({ suppressed: true })] }));
    expect(suppressed.edges.added).toHaveLength(1);
    expect(suppressed.edges.added[0].suppressed).toBe(true);
    expect(failures(suppressed, 'added-edges')).toEqual([]);
    const mixed = compareStates(state({}), state({ accesses: [access({ suppressed: true }), access({ fingerprint: 'b' })] }));
    expect(failures(mixed, 'added-edges')).toEqual(['1 new cross-service edge']);
  });

  it('a service joining a shared database fails; one leaving it, or the sharing ending, does not', () => {
    const two = [use('billing'), use('payment')];
    const joined = compareStates(state({ sharedDatabases: two }), state({ sharedDatabases: [...two, use('lab')] }));
    expect(joined.sharedDatabases.added).toEqual([
      {
        database: 'nilecare',
        services: ['billing', 'lab', 'payment'],
        changed: ['lab'],
        whole: false,
        locations: [{ service: 'lab', file: 'services/lab/.env', line: 1, suppressed: false }],
        suppressed: false,
      },
    ]);
    expect(joined.sharedDatabases.removed).toEqual([]);
    expect(failures(joined, 'added-edges')).toEqual(['1 new shared database']);

    const ended = compareStates(state({ sharedDatabases: two }), state({}));
    expect(ended.sharedDatabases.removed.map((c) => [c.database, c.whole, c.changed])).toEqual([
      ['nilecare', true, ['billing', 'payment']],
    ]);
    expect(failures(ended, 'added-edges')).toEqual([]);
  });

  it('unowned tables that appear and disappear; owners compared by table name', () => {
    const diff = compareStates(
      state({
        unowned: [{ table: 'audit', database: 'ops', file: 'db/a.sql', line: 1 }],
        owners: new Map([['refunds', { table: 'refunds', owners: ['payment'] }]]),
      }),
      state({
        unowned: [{ table: 'events', file: 'db/b.sql', line: 2 }],
        owners: new Map([['refunds', { table: 'refunds', owners: ['billing', 'payment'] }]]),
      }),
    );
    expect(diff.unowned).toEqual({
      added: [{ table: 'events', file: 'db/b.sql', line: 2 }],
      removed: [{ table: 'audit', database: 'ops', file: 'db/a.sql', line: 1 }],
    });
    expect(diff.owners).toEqual([{ table: 'refunds', from: ['payment'], to: ['billing', 'payment'], file: undefined, line: undefined }]);
    expect(failures(diff, 'added-edges')).toEqual([]);
  });
});

describe('a table its owner renamed', () => {
  const rename = { owner: 'payment', from: 'payments', to: 'payment_records' };
  const base = state({
    accesses: [access({ fingerprint: 'r1', line: 3 }), access({ fingerprint: 'r2', line: 7, file: 'services/billing/b.ts' })],
  });
  const renamedHead = (over: Partial<Access> = {}) =>
    state({
      renames: [rename],
      accesses: [
        access({ fingerprint: 'n1', line: 3, table: 'payment_records', ...over }),
        access({ fingerprint: 'n2', line: 7, file: 'services/billing/b.ts', table: 'payment_records', ...over }),
      ],
    });

  it('pairs the removed edge to the old name with the added edge to the new one: renamed, not new', () => {
    const diff = compareStates(base, renamedHead());
    expect(diff.edges.added).toEqual([]);
    expect(diff.edges.removed).toEqual([]);
    expect(diff.edges.renamed).toEqual([
      {
        from: 'billing',
        table: 'payment_records',
        renamedFrom: 'payments',
        owner: 'payment',
        kind: 'query',
        baseCount: 2,
        headCount: 2,
        added: [
          { file: 'services/billing/a.ts', line: 3, column: 1, suppressed: false },
          { file: 'services/billing/b.ts', line: 7, column: 1, suppressed: false },
        ],
        removed: [
          { file: 'services/billing/a.ts', line: 3, column: 1, suppressed: false },
          { file: 'services/billing/b.ts', line: 7, column: 1, suppressed: false },
        ],
        suppressed: false,
      },
    ]);
    expect(failures(diff, 'added-edges')).toEqual([]);
    const text = renderDiff(report(base, renamedHead()), 'stylish', { prefix: '' });
    expect(text).toContain('✔ This change follows a table rename in 1 cross-service edge; findings +0 −0.');
    expect(text).toContain(
      [
        'Renamed cross-service edges (the owner renamed the table)',
        '  > billing → payments ⇒ payment_records (owner payment)  query ×2 → 2',
        '      + services/billing/a.ts:3:1',
        '      + services/billing/b.ts:7:1',
        '      - services/billing/a.ts:3:1',
        '      - services/billing/b.ts:7:1',
      ].join('\n'),
    );
    const markdown = renderDiff(report(base, renamedHead()), 'markdown', { prefix: '' });
    expect(markdown).toContain('| Accessor | Table | Was | Owner | Kind | Accesses | Added | Removed |');
    expect(markdown).toMatch(/\| `billing` \| `payment_records` \| `payments` \| `payment` \| query \| 2 → 2 \|/);
    expect(JSON.parse(renderDiff(report(base, renamedHead()), 'json', { prefix: '' })).edges.renamed[0].renamedFrom).toBe('payments');
  });

  it('is no rename without the rename in the head, for another owner, another kind, or another accessor', () => {
    const unrenamed = compareStates(base, state({ accesses: renamedHead().accesses }));
    expect([unrenamed.edges.added.length, unrenamed.edges.removed.length, unrenamed.edges.renamed.length]).toEqual([1, 1, 0]);
    for (const over of [{ owner: 'ledger' }, { kind: 'grant' as const }, { from: 'lab' }]) {
      const diff = compareStates(base, renamedHead(over));
      expect([diff.edges.added.length, diff.edges.removed.length, diff.edges.renamed.length]).toEqual([1, 1, 0]);
    }
  });
});

describe('renderDiff escapes names', () => {
  const odd = report(
    state({}),
    state({
      accesses: [access({ from: 'bill|ing`s', table: 'pay"ments<x>', owner: 'pay#ment[1]', file: 'services/a b/[x].ts' })],
      findings: [
        {
          ruleId: 'no-cross-service-query',
          severity: 'error',
          service: 'bill|ing`s',
          file: 'services/a b/[x].ts',
          line: 1,
          column: 1,
          message: "Service 'bill|ing`s' reads <script>alert(1)</script> *now*",
          fingerprint: 'a',
        },
      ],
    }),
  );

  it('markdown: names in code spans, table pipes escaped, text escaped, paths encoded in links', () => {
    const text = renderDiff(odd, 'markdown', { prefix: '' });
    expect(text).toContain(
      '| ``bill\\|ing`s`` | `pay"ments<x>` | `pay#ment[1]` | query | 1 | [`services/a b/[x].ts:1`](services/a%20b/%5Bx%5D.ts#L1) |',
    );
    expect(text).toContain(
      "- [`services/a b/[x].ts:1`](services/a%20b/%5Bx%5D.ts#L1) `no-cross-service-query`: Service 'bill\\|ing\\`s' reads \\<script\\>alert(1)\\</script\\> \\*now\\*",
    );
    expect(text).not.toContain('<script>');
  });

  it('mermaid: generated ids, labels with entity codes only, one style per edge', () => {
    const text = renderDiff(odd, 'markdown', { prefix: '' });
    const graph = text.slice(text.indexOf('```mermaid\n') + 11, text.lastIndexOf('```'));
    expect(graph).toBe(
      [
        'flowchart LR',
        '  subgraph g0["bill#124;ing#96;s"]',
        '    s0(["bill#124;ing#96;s"])',
        '  end',
        '  subgraph g1["pay#35;ment#91;1#93;"]',
        '    s1(["pay#35;ment#91;1#93;"])',
        '    t0[("pay#quot;ments#lt;x#gt;")]',
        '  end',
        '  s0 -->|"query ×1"| t0',
        '  linkStyle 0 stroke:#1a7f37,stroke-width:2px',
        '',
      ].join('\n'),
    );
  });

  it('json: the report as it is', () => {
    expect(JSON.parse(renderDiff(odd, 'json', { prefix: '' }))).toEqual(JSON.parse(JSON.stringify(odd)));
  });
});

describe('a rename in the owner’s migrations, from two runs', () => {
  const config = JSON.stringify(workflowConfig);
  const base = {
    'nilecare-lint.config.json': config,
    ...paymentMigration,
    'services/billing/src/repo.ts': "db.query('SELECT amount FROM payments');\n",
  };
  const run = async (files: Record<string, string>) => {
    const tree = memoryTree(files);
    return architectureState(await lint({ cwd: tree.root, tree }));
  };

  it.each([['RENAME TABLE payments TO payment_records;'], ['ALTER TABLE payments RENAME TO payment_records;']])(
    '%s: the reader that follows it is a renamed edge',
    async (statement) => {
      const head = {
        ...base,
        'services/payment/migrations/V2__rename.sql': `${statement}\n`,
        'services/billing/src/repo.ts': "db.query('SELECT amount FROM payment_records');\n",
      };
      const [before, after] = [await run(base), await run(head)];
      expect(after.renames).toEqual([{ owner: 'payment', from: 'payments', to: 'payment_records' }]);
      const diff = compareStates(before, after);
      expect([diff.edges.added, diff.edges.removed]).toEqual([[], []]);
      expect(diff.edges.renamed.map((e) => [e.from, e.renamedFrom, e.table, e.owner, e.added, e.removed])).toEqual([
        [
          'billing',
          'payments',
          'payment_records',
          'payment',
          [{ file: 'services/billing/src/repo.ts', line: 1, column: 30, suppressed: false }],
          [{ file: 'services/billing/src/repo.ts', line: 1, column: 30, suppressed: false }],
        ],
      ]);
    },
  );
});
