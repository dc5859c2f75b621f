import { describe, expect, it } from 'vitest';
import {
  edgeLabel,
  mermaidText,
  renderDot,
  renderMap,
  renderMarkdown,
  renderMermaid,
  renderSummary,
  renderTable,
} from '../../src/commands/map-render.js';
import type { FindingSummary, OwnershipMap } from '../../src/commands/ownership.js';
import { markdownTables, parseDot, parseMermaid } from './graph-checks.js';

/** A map with names that break naive renderers: keywords, quotes, pipes, brackets, spaces. */
const hostile: OwnershipMap = {
  version: 1,
  services: [
    {
      name: 'end',
      roots: ['services/end'],
      databases: ['shared db'],
      patterns: [],
      tables: [{ name: 'orders', via: 'migration', file: 'a.sql', line: 1 }],
    },
    {
      name: 'billing "v2" <x>',
      roots: ['services/billing'],
      dialect: 'mysql',
      databases: ['shared db'],
      patterns: ['bill_*'],
      tables: [
        { name: 'bill|items', database: 'shared db', via: 'schema', file: 'b.sql', line: 3 },
        { name: 'invoices#1', via: 'referenced' },
        { name: 'a[b](c)', via: 'migration' },
      ],
    },
    { name: 'billing-v2-x', roots: ['services/b2'], databases: [], patterns: [], tables: [{ name: 'end', via: 'migration' }] },
    { name: 'lonely', roots: ['services/lonely'], databases: [], patterns: [], tables: [] },
  ],
  databases: [{ name: 'shared db', kind: 'mysql', services: ['billing "v2" <x>', 'end'], declaredIn: [] }],
  edges: [
    {
      from: 'end',
      table: 'bill|items',
      owner: 'billing "v2" <x>',
      count: 4,
      suppressed: 1,
      rules: { 'no-cross-service-query': 3, 'no-cross-service-foreign-key': 1 },
      kinds: { query: 2, grant: 1, 'foreign-key': 1 },
      locations: [
        { ruleId: 'no-cross-service-query', kind: 'query', file: 'services/end/src/a b.ts', line: 2, column: 5 },
        { ruleId: 'no-cross-service-query', kind: 'query', file: 'services/end/src/a b.ts', line: 9, column: 1, suppressed: true },
        { ruleId: 'no-cross-service-foreign-key', kind: 'foreign-key', file: 'services/end/migrations/1.sql', line: 4, column: 30 },
        { ruleId: 'no-cross-service-query', kind: 'grant', file: 'services/end/migrations/2.sql', line: 1, column: 24 },
      ],
    },
    {
      from: 'billing-v2-x',
      table: 'invoices#1',
      owner: 'billing "v2" <x>',
      count: 1,
      suppressed: 0,
      rules: { 'no-cross-service-query': 1 },
      kinds: { grant: 1 },
      locations: [{ ruleId: 'no-cross-service-query', kind: 'grant', file: 'x.ts', line: 1, column: 1 }],
    },
    {
      from: 'billing "v2" <x>',
      table: 'end',
      owner: 'billing-v2-x',
      count: 1,
      suppressed: 0,
      rules: { 'no-cross-service-query': 1 },
      kinds: { query: 1 },
      locations: [{ ruleId: 'no-cross-service-query', kind: 'query', file: 'y.ts', line: 7, column: 3 }],
    },
  ],
  conflicts: [{ table: 'orders', services: ['end', 'lonely'] }],
  unowned: [{ name: 'audit_log', database: 'ops', via: 'database', file: 'database/ops.sql', line: 4 }],
};

describe('map renderers', () => {
  it('labels edges with counts per kind of finding', () => {
    expect(edgeLabel(hostile.edges[0])).toBe('2 queries, 1 grant, 1 foreign key (1 suppressed)');
    expect(edgeLabel(hostile.edges[1])).toBe('1 grant');
    expect(edgeLabel(hostile.edges[2])).toBe('1 query');
  });

  it('mermaid: declared nodes, valid ids, escaped labels, one subgraph per owner', () => {
    const text = renderMermaid(hostile);
    const graph = parseMermaid(text);
    expect(graph.groups.size).toBe(hostile.services.length);
    expect(graph.edges).toHaveLength(3);
    // Only accessed tables are drawn by default; --all-tables draws the rest.
    expect([...graph.nodes.values()]).not.toContain('orders');
    expect([...parseMermaid(renderMermaid(hostile, { allTables: true })).nodes.values()]).toContain('orders');
    // 'billing "v2" <x>' and 'billing-v2-x' sanitise to the same id: both stay distinct.
    const serviceIds = [...graph.nodes.entries()].filter(([id]) => id.startsWith('s_')).map(([id]) => id);
    expect(new Set(serviceIds).size).toBe(4);
    expect(text).toContain('#quot;v2#quot; #lt;x#gt;');
    expect(text).toContain('"2 queries, 1 grant, 1 foreign key #40;1 suppressed#41;"');
  });

  it('mermaidText escapes every character mermaid parses inside labels', () => {
    expect(mermaidText('a"b#c<d>e|f[g]h(i)j{k}l`m\nn')).toBe('a#quot;b#35;c#lt;d#gt;e#124;f#91;g#93;h#40;i#41;j#123;k#125;l#96;m n');
  });

  it('dot: balanced clusters, declared nodes, escaped strings', () => {
    const text = renderDot(hostile);
    const graph = parseDot(text);
    expect(graph.groups.size).toBe(4);
    expect(graph.edges).toHaveLength(3);
    expect(text).toContain('label="billing \\"v2\\" <x>"');
    expect([...graph.groups.values()].map((g) => g.label)).toContain('"end"');
    expect(text).toContain('[label="1 grant"]');
  });

  it('markdown: every table has a header, a separator and equal column counts; pipes are escaped', () => {
    const text = renderMarkdown(hostile);
    const tables = markdownTables(text);
    expect(tables.map((t) => t[0])).toEqual([
      ['Service', 'Database', 'Tables'],
      ['Database', 'Owner', 'Connected services'],
      ['Accessor', 'Table', 'Owner', 'Findings', 'Locations'],
    ]);
    expect(text).toContain('`bill\\|items`');
    expect(text).toContain('| `billing-v2-x` | `invoices#1` | `billing "v2" <x>` | 1 grant |');
    expect(text).toContain('## Undecided ownership');
    expect(text).toContain('- Table `orders` is created by `end` and `lonely`.');
    expect(text).toContain('- Database `shared db` is shared by `billing "v2" <x>`, `end` and has no owner.');
  });

  it('table: aligned columns, locations under their edge, control characters made visible', () => {
    const map: OwnershipMap = {
      ...hostile,
      services: [...hostile.services, { name: 'evil\u001b[31m', roots: [], databases: [], patterns: [], tables: [] }],
    };
    const text = renderTable(map);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('evil\\u001b[31m');
    expect(text).toMatch(
      /^ {2}end +bill\|items +billing "v2" <x> +2 queries, 1 grant, 1 foreign key \(1 suppressed\)\n {6}services\/end\/src\/a b\.ts:2:5\n/m,
    );
    expect(text).toContain('services/end/src/a b.ts:9:1 (suppressed)');
  });

  it('json is the map itself', () => {
    expect(JSON.parse(renderMap(hostile, 'json'))).toEqual(hostile);
  });

  it('renders an empty map', () => {
    const empty: OwnershipMap = { version: 1, services: [], databases: [], edges: [], conflicts: [], unowned: [] };
    expect(parseMermaid(renderMermaid(empty)).nodes.size).toBe(0);
    expect(parseDot(renderDot(empty)).nodes.size).toBe(0);
    expect(renderTable(empty)).toContain('Cross-service access: 0 findings on 0 edges');
    markdownTables(renderMarkdown(empty));
  });
});

describe('summary renderers', () => {
  const summary: FindingSummary = {
    total: 3,
    errors: 2,
    warnings: 1,
    suppressed: 1,
    rules: [
      { rule: 'no-cross-service-query', errors: 2, warnings: 0, suppressed: 1, total: 2 },
      { rule: 'unknown-table', errors: 0, warnings: 1, suppressed: 0, total: 1 },
    ],
    services: [
      { service: '(no service)', total: 0, suppressed: 0, rules: {} },
      { service: 'billing', total: 3, suppressed: 1, rules: { 'unknown-table': 1, 'no-cross-service-query': 2 } },
    ],
  };

  it('table', () => {
    const text = renderSummary(summary, 'table');
    expect(text).toContain(
      '  RULE                    ERRORS  WARNINGS  SUPPRESSED  TOTAL\n  no-cross-service-query       2         0           1      2\n',
    );
    expect(text).toMatch(/^ {2}billing\s+3\s+1 {2}no-cross-service-query 2, unknown-table 1$/m);
  });

  it('markdown', () => {
    const tables = markdownTables(renderSummary(summary, 'markdown'));
    expect(tables).toHaveLength(2);
    expect(tables[0].at(-1)).toEqual(['**total**', '**2**', '**1**', '**1**', '**3**']);
  });

  it('json', () => {
    expect(JSON.parse(renderSummary(summary, 'json'))).toEqual(summary);
  });
});
