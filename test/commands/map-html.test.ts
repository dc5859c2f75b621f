import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { html } from '../../src/commands/html-text.js';
import { renderHtml } from '../../src/commands/map-html.js';
import { edgeSentence, layoutGraph } from '../../src/commands/map-svg.js';
import type { FindingSummary, OwnershipMap, ServiceOwnership } from '../../src/commands/ownership.js';
import { cliInMemory, fixtureInMemory, writtenText } from '../cli-memory.js';
import { checkHtml, expectedGraph, walk } from './html-checks.js';

const sample = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'sample-monorepo');

/** The sample in memory: the map's subject is what it draws, not the disk (the page written on disk: test/e2e/map-disk.test.ts). */
const sampleFiles = fixtureInMemory(sample);
const map = (argv: string[]) => cliInMemory(sampleFiles, ['map', ...argv]);

const noSummary: FindingSummary = { total: 0, errors: 0, warnings: 0, suppressed: 0, rules: [], services: [] };

const service = (name: string, tables: string[] = [], databases: string[] = []): ServiceOwnership => ({
  name,
  roots: [`services/${name}`],
  databases,
  patterns: [],
  tables: tables.map((table) => ({ name: table, via: 'migration' })),
});

const edge = (from: string, table: string, owner: string, count = 1, suppressed = 0): OwnershipMap['edges'][number] => ({
  from,
  table,
  owner,
  count,
  suppressed,
  rules: { 'no-cross-service-query': count },
  kinds: { query: count },
  locations: Array.from({ length: count }, (_, i) => ({
    ruleId: 'no-cross-service-query',
    kind: 'query' as const,
    file: `services/${from}/src/${table}.ts`,
    line: i + 1,
    column: 3,
    ...(i < suppressed ? { suppressed: true } : {}),
  })),
});

/** A map of two services reaching into each other and a third, with the given names. */
function shapedMap(names: { a: string; b: string; c: string; t1: string; t2: string; db: string; file: string }): OwnershipMap {
  const e = edge(names.a, names.t1, names.b, 2, 1);
  e.locations[0].file = names.file;
  return {
    version: 1,
    services: [service(names.a, [names.t2], [names.db]), service(names.b, [names.t1], [names.db]), service(names.c)],
    databases: [{ name: names.db, kind: 'mysql', services: [names.a, names.b], declaredIn: [] }],
    edges: [e, edge(names.b, names.t2, names.a), edge(names.c, names.t2, names.a, 3, 3)],
    conflicts: [{ table: names.t1, services: [names.a, names.b] }],
    unowned: [{ name: names.t2, database: names.db, via: 'database', file: names.file, line: 2 }],
  };
}

function summaryOf(map: OwnershipMap): FindingSummary {
  return {
    total: 4,
    errors: 4,
    warnings: 0,
    suppressed: 4,
    rules: [{ rule: 'no-cross-service-query', errors: 4, warnings: 0, suppressed: 4, total: 4 }],
    services: map.services.map((s, i) => ({
      service: s.name,
      total: i,
      suppressed: 1,
      rules: (i > 0 ? { 'no-cross-service-query': i } : {}) as Record<string, number>,
    })),
  };
}

/** The element structure of a page: tag names and attribute names in document order. */
function shape(text: string): string[] {
  const out: string[] = [];
  walk(checkHtml(text).document, (e) => out.push(`${e.tagName}[${e.attrs.map((a) => a.name).join(',')}]`));
  return out;
}

const HOSTILE = {
  a: '<script>alert(1)</script>',
  b: '"><img src=x onerror=alert(2)>',
  c: "'><svg onload=alert(3)></svg><!--",
  t1: '</title><script>alert(4)</script>',
  t2: '</style><iframe src="https://evil.example"></iframe>&amp;',
  db: ']]><![CDATA[<a href="javascript:alert(5)">x</a>',
  file: 'src/\u202eevil\u0000<b>.ts',
};
const BENIGN = { a: 'accounts', b: 'billing', c: 'catalog', t1: 'invoices', t2: 'users', db: 'shared', file: 'src/a.ts' };

describe('map --format html without a browser', () => {
  let page: string;
  let json: OwnershipMap;
  beforeAll(async () => {
    const io = await map(['--format', 'html']);
    expect(io.code).toBe(0);
    page = io.stdout;
    const jsonIo = await map(['--format', 'json']);
    expect(jsonIo.code).toBe(0);
    json = JSON.parse(jsonIo.stdout) as OwnershipMap;
    // Two lint runs of the sample: seconds alone, more on a loaded machine.
  }, 90_000);

  it('is well-formed HTML with unique ids, and its graph draws every service, accessed table and edge of the map', () => {
    const checked = checkHtml(page);
    const expected = expectedGraph(json);
    expect(expected.edges).toBeGreaterThan(0);
    const kinds = [...checked.nodes.values()].map((n) => n.kind);
    expect(kinds.filter((k) => k === 'service')).toHaveLength(expected.services);
    expect(kinds.filter((k) => k === 'table')).toHaveLength(expected.tables);
    expect(checked.edges).toHaveLength(expected.edges);
    expect(checked.edges.map((e) => e.title).sort()).toEqual(json.edges.map(edgeSentence).sort());
  });

  it('holds the ownership, database, edge and per-service findings tables of the sample', () => {
    const { text } = checkHtml(page);
    for (const heading of ['Access graph', 'Access matrix', 'Ownership', 'Databases', 'Cross-service access', 'Findings per service'])
      expect(page).toContain(`>${heading}</h2>`);
    for (const e of json.edges) for (const at of e.locations) expect(text).toContain(`${at.file}:${at.line}:${at.column}`);
    expect(text).toContain('shared, no owner');
    expect(page).toContain('<title>sample-monorepo — nilecare-lint map</title>');
  });

  it('--all-tables draws every owned table', async () => {
    const io = await map(['--format', 'html', '--all-tables']);
    expect(io.code).toBe(0);
    const checked = checkHtml(io.stdout);
    const expected = expectedGraph(json, true);
    expect(expected.tables).toBeGreaterThan(expectedGraph(json).tables);
    expect([...checked.nodes.values()].filter((n) => n.kind === 'table')).toHaveLength(expected.tables);
  });

  it('writes the page with --output, and rejects --summary with html', async () => {
    const written = await map(['-f', 'html', '-o', 'reports/map.html']);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect([...sampleFiles.written.keys()]).toEqual([sampleFiles.resolve('reports/map.html')]);
    expect(writtenText(sampleFiles, 'reports/map.html')).toBe(page);
    const io = await map(['--summary', '-f', 'html']);
    expect(io.code).toBe(2);
    expect(io.stderr).toContain("--summary prints table, markdown, json, not 'html'");
  });
});

describe('html renderer', () => {
  it('escapes hostile names: the page has the same elements and attributes as with plain names, and shows the names as text', () => {
    const hostile = shapedMap(HOSTILE);
    const page = renderHtml(hostile, summaryOf(hostile), { title: '<script>t</script>', version: '1"><x' });
    const plain = shapedMap(BENIGN);
    expect(shape(page)).toEqual(shape(renderHtml(plain, summaryOf(plain), { title: 'title', version: '1' })));
    const { text, nodes, edges } = checkHtml(page);
    for (const name of [HOSTILE.a, HOSTILE.b, HOSTILE.c, HOSTILE.t1, HOSTILE.t2, HOSTILE.db]) expect(text).toContain(name);
    // Bidi overrides and NUL are shown as escapes, never passed to the page.
    expect(text).toContain('src/\\u202eevil\\u0000<b>.ts');
    expect(page).not.toMatch(/[\u202e\u0000]/);
    expect(nodes.size).toBe(5);
    expect(edges).toHaveLength(3);
  });

  it('escapes the five markup characters and makes invisible characters visible', () => {
    expect(html(`<a href="x" title='y'>&`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;');
    expect(html('a\u200bb\u202ec\ud800d\ufffe')).toBe('a\\u200bb\\u202ec\\ud800d\\ufffe');
  });

  it('is deterministic, and marks an edge whose findings are all suppressed by a dash, not only by colour', () => {
    const map = shapedMap(BENIGN);
    const page = renderHtml(map, summaryOf(map));
    expect(renderHtml(map, summaryOf(map))).toBe(page);
    const { edges } = checkHtml(page);
    expect(edges.find((e) => e.title.startsWith('catalog'))!.title).toBe(
      'catalog accesses users of accounts: 3 queries (3 suppressed), all suppressed',
    );
    expect(page).toMatch(
      /<g class="edge suppressed" id="[^"]+" data-from="[^"]+" data-to="[^"]+"><title>catalog [^<]*<\/title><path [^>]*stroke-dasharray/,
    );
    expect(page.match(/stroke-dasharray/g)).toHaveLength(1);
    expect(page.match(/marker-end="url\(#arrow-muted\)"/g)).toHaveLength(1);
    // Arrow heads end on the tables, over their owner box's padding: the boxes are painted first.
    expect(page.indexOf('<g class="owners">')).toBeLessThan(page.indexOf('<g class="edges">'));
    expect(page).toContain('markerUnits="userSpaceOnUse"');
  });

  it('renders an empty map', () => {
    const empty: OwnershipMap = { version: 1, services: [], databases: [], edges: [], conflicts: [], unowned: [] };
    const checked = checkHtml(renderHtml(empty, noSummary));
    expect(checked.nodes.size).toBe(0);
    expect(checked.text).toContain('No service accesses another service’s tables.');
  });

  it('lays out a large map without overlapping nodes, inside its view box', () => {
    const services = Array.from({ length: 40 }, (_, i) =>
      service(
        `service-${String(i).padStart(2, '0')}${'x'.repeat(i % 7 === 0 ? 60 : 0)}`,
        Array.from({ length: 4 }, (_, t) => `table_${i}_${t}`),
      ),
    );
    const edges = [];
    for (let i = 0; i < 40; i++)
      for (let k = 1; k <= 3; k++) {
        const owner = services[(i * 7 + k * 11) % 40];
        if (owner !== services[i]) edges.push(edge(services[i].name, owner.tables[k].name, owner.name, k));
      }
    edges.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    const map: OwnershipMap = { version: 1, services, databases: [], edges, conflicts: [], unowned: [] };
    const layout = layoutGraph(map);
    const boxes = [...layout.services, ...layout.groups];
    expect(boxes.length).toBeGreaterThanOrEqual(80);
    // Each check collects what breaks it and asserts none does: one expectation for 3,160 pairs of boxes.
    const outside = boxes.filter((box) => box.x < 0 || box.y < 0 || box.x + box.width > layout.width || box.y + box.height > layout.height);
    expect(outside.map((box) => box.id)).toEqual([]);
    const overlapping: string[] = [];
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1))
        if (!(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y))
          overlapping.push(`${a.id} overlaps ${b.id}`);
    expect(overlapping).toEqual([]);
    const tablesOutside = layout.groups.flatMap((group) =>
      group.tables.filter((table) => !(table.y > group.y && table.y + table.height <= group.y + group.height)).map(() => group.id),
    );
    expect(tablesOutside).toEqual([]);
    const checked = checkHtml(renderHtml(map, noSummary));
    expect(checked.edges).toHaveLength(expectedGraph(map).edges);
    // Long names are cut in the drawing (full in the node's title), so the graph keeps a bounded width.
    expect(layout.width).toBeLessThan(1200);
  });
});
