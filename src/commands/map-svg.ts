import type { AccessEdge, OwnedTable, OwnershipMap } from './ownership.js';
import { edgeLabel } from './map-render.js';
import { html, markup, truncate, visible } from './html-text.js';

/**
 * The access graph of `map --format html` as an inline SVG, laid out here rather than by a
 * browser-side library: Mermaid's bundle is 5.5 MB of JavaScript (1.6 MB gzipped) that must run
 * in the page, while this layout is a few kilobytes of markup per graph, needs no script (the
 * page's content security policy forbids all), and is deterministic, so tests check it without
 * a browser.
 *
 * Layout: two layers. Accessing services on the left, one box per owning service on the right
 * with the tables other services reach (or all its tables with `allTables`), and one curve per
 * access edge from accessor to table. Crossings are reduced by a few rounds of the barycenter
 * heuristic (each side sorted by the mean position of its neighbours on the other), with names
 * breaking ties so the same map always gives the same picture.
 */

export interface SvgOptions {
  /** Draw every owned table, not only those other services access. */
  allTables?: boolean;
  /** Active findings per service name, shown under each service. */
  findings?: ReadonlyMap<string, number>;
}

export interface SvgNode {
  id: string;
  kind: 'service' | 'table';
  /** Full name (a table's is `database.table` when its database is known). */
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SvgGroup {
  id: string;
  owner: string;
  x: number;
  y: number;
  width: number;
  height: number;
  tables: SvgNode[];
}

export interface SvgEdge {
  id: string;
  from: string;
  to: string;
  edge: AccessEdge;
}

export interface GraphLayout {
  width: number;
  height: number;
  services: SvgNode[];
  groups: SvgGroup[];
  edges: SvgEdge[];
}

/** Monospace labels: their width is known without measuring text in a browser. */
const FONT_SIZE = 12;
const CHAR_WIDTH = FONT_SIZE * 0.6;
const MAX_LABEL = 40;
const PAD = 16;
const SERVICE_HEIGHT = 40;
const TABLE_HEIGHT = 24;
const ROW_GAP = 12;
const GROUP_HEADER = 26;
const GROUP_PAD = 8;
const GROUP_GAP = 18;
const COLUMN_GAP = 240;
const BARYCENTER_ROUNDS = 4;

const textWidth = (text: string) => [...text].length * CHAR_WIDTH;
const label = (name: string) => truncate(visible(name), MAX_LABEL);
const tableName = (table: OwnedTable) => (table.database ? `${table.database}.${table.name}` : table.name);

interface Draft {
  services: string[];
  groups: Array<{ owner: string; tables: Array<{ key: string; name: string }> }>;
  edges: Array<{ from: string; to: string; edge: AccessEdge }>;
}

/** Which nodes and edges the graph has, before positions: the same selection as the mermaid and dot formats. */
function draft(map: OwnershipMap, allTables: boolean): Draft {
  const accessed = new Set(map.edges.map((e) => `${e.owner}\0${e.table.toLowerCase()}`));
  const seen = new Set<string>();
  const groups: Draft['groups'] = [];
  for (const service of map.services) {
    const tables: Array<{ key: string; name: string }> = [];
    for (const table of service.tables) {
      const key = `${service.name}\0${table.name.toLowerCase()}`;
      if (seen.has(key) || (!allTables && !accessed.has(key))) continue;
      seen.add(key);
      tables.push({ key, name: tableName(table) });
    }
    if (tables.length > 0) groups.push({ owner: service.name, tables });
  }
  const services = map.services.map((s) => s.name);
  const known = new Set(services);
  const edges = map.edges.flatMap((edge) => {
    const to = `${edge.owner}\0${edge.table.toLowerCase()}`;
    return known.has(edge.from) && seen.has(to) ? [{ from: edge.from, to, edge }] : [];
  });
  return { services, groups, edges };
}

/** Stable sort by a numeric key, unkeyed (isolated) items last, then by their previous order. */
function orderBy<T>(items: T[], key: (item: T) => number | undefined): T[] {
  const keyed = items.map((item, index) => ({ item, index, key: key(item) }));
  keyed.sort((a, b) => {
    if (a.key === undefined || b.key === undefined) return a.key === b.key ? a.index - b.index : a.key === undefined ? 1 : -1;
    return a.key - b.key || a.index - b.index;
  });
  return keyed.map((k) => k.item);
}

const mean = (values: number[]) => (values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length);

/** Orders both layers to reduce crossings; positions are ranks (0, 1, 2, …) on each side. */
function order(graph: Draft): Draft {
  let services = [...graph.services];
  let groups = graph.groups.map((g) => ({ ...g, tables: [...g.tables] }));
  const targets = new Map<string, string[]>();
  const sources = new Map<string, string[]>();
  for (const { from, to } of graph.edges) {
    targets.set(from, [...(targets.get(from) ?? []), to]);
    sources.set(to, [...(sources.get(to) ?? []), from]);
  }
  for (let round = 0; round < BARYCENTER_ROUNDS; round++) {
    const servicePos = new Map(services.map((name, i) => [name, i]));
    const tableKey = (key: string) => mean((sources.get(key) ?? []).map((s) => servicePos.get(s)!));
    groups = groups.map((g) => ({ ...g, tables: orderBy(g.tables, (t) => tableKey(t.key)) }));
    groups = orderBy(groups, (g) => mean(g.tables.flatMap((t) => (sources.get(t.key) ?? []).map((s) => servicePos.get(s)!))));
    const tablePos = new Map(groups.flatMap((g) => g.tables).map((t, i) => [t.key, i]));
    services = orderBy(services, (name) => mean((targets.get(name) ?? []).map((key) => tablePos.get(key)!)));
  }
  return { services, groups, edges: graph.edges };
}

/** Positions for every node, group and edge; pure and deterministic. */
export function layoutGraph(map: OwnershipMap, options: SvgOptions = {}): GraphLayout {
  const graph = order(draft(map, options.allTables ?? false));
  const findingsLine = (name: string) => (options.findings ? findingsText(options.findings.get(name) ?? 0) : '');
  const leftWidth = Math.max(
    140,
    ...graph.services.map((name) => Math.max(textWidth(label(name)), textWidth(findingsLine(name))) + 2 * PAD),
  );
  const tableWidth = Math.max(120, ...graph.groups.flatMap((g) => g.tables.map((t) => textWidth(label(t.name)) + 2 * PAD)));
  const groupWidth = Math.max(tableWidth + 2 * GROUP_PAD, ...graph.groups.map((g) => textWidth(label(g.owner)) + 2 * GROUP_PAD));
  const rightX = PAD + leftWidth + COLUMN_GAP;

  let id = 0;
  const groups: SvgGroup[] = [];
  let y = PAD;
  for (const draftGroup of graph.groups) {
    const group: SvgGroup = { id: `grp-${id++}`, owner: draftGroup.owner, x: rightX, y, width: groupWidth, height: 0, tables: [] };
    let rowY = y + GROUP_HEADER;
    for (const table of draftGroup.tables) {
      group.tables.push({
        id: `tbl-${id++}`,
        kind: 'table',
        name: table.name,
        x: rightX + GROUP_PAD,
        y: rowY,
        width: groupWidth - 2 * GROUP_PAD,
        height: TABLE_HEIGHT,
      });
      rowY += TABLE_HEIGHT + GROUP_PAD;
    }
    group.height = rowY - y;
    groups.push(group);
    y += group.height + GROUP_GAP;
  }
  const rightHeight = y - GROUP_GAP + PAD;

  // Services spread over the height of the right column, so edges run as flat as they can.
  const count = graph.services.length;
  const natural = count * (SERVICE_HEIGHT + ROW_GAP) - ROW_GAP + 2 * PAD;
  const step = count > 1 ? Math.max(SERVICE_HEIGHT + ROW_GAP, (rightHeight - 2 * PAD - SERVICE_HEIGHT) / (count - 1)) : 0;
  const services: SvgNode[] = graph.services.map((name, i) => ({
    id: `svc-${id++}`,
    kind: 'service',
    name,
    x: PAD,
    y: PAD + i * step,
    width: leftWidth,
    height: SERVICE_HEIGHT,
  }));

  const serviceIds = new Map(services.map((s) => [s.name, s.id]));
  const tableIds = new Map(graph.groups.flatMap((g, gi) => g.tables.map((t, ti) => [t.key, groups[gi].tables[ti].id] as const)));
  const edges: SvgEdge[] = graph.edges
    // In the map's order (accessor, owner, table), as the edge table below the graph lists them.
    .map((e) => ({ id: `edge-${id++}`, from: serviceIds.get(e.from)!, to: tableIds.get(e.to)!, edge: e.edge }));

  const width = rightX + (groups.length > 0 ? groupWidth : 0) + PAD;
  const height = Math.max(natural, rightHeight, count > 0 ? PAD + (count - 1) * step + SERVICE_HEIGHT + PAD : 0, 2 * PAD);
  return { width: Math.ceil(width), height: Math.ceil(height), services, groups, edges };
}

function findingsText(n: number): string {
  return `${n} ${n === 1 ? 'finding' : 'findings'}`;
}

const num = (n: number) => String(Math.round(n * 10) / 10);

/** One accessible sentence per edge: who, what, whose, how often. */
export function edgeSentence(edge: AccessEdge): string {
  const suppressedOnly = edge.suppressed === edge.count;
  return `${edge.from} accesses ${edge.table} of ${edge.owner}: ${edgeLabel(edge)}${suppressedOnly ? ', all suppressed' : ''}`;
}

/** The `<svg>` element of the access graph. */
export function renderGraphSvg(map: OwnershipMap, options: SvgOptions = {}): string {
  const layout = layoutGraph(map, options);
  const nodes = new Map([...layout.services, ...layout.groups.flatMap((g) => g.tables)].map((n) => [n.id, n]));
  const out: string[] = [];
  const tables = layout.groups.reduce((n, g) => n + g.tables.length, 0);
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" id="access-graph" class="graph" role="img" aria-labelledby="graph-title graph-desc" ` +
      `viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="${FONT_SIZE}">`,
    `<title id="graph-title">Cross-service access graph</title>`,
    `<desc id="graph-desc">${layout.services.length} services on the left, ${tables} ${tables === 1 ? 'table' : 'tables'} in ${layout.groups.length} owner ${
      layout.groups.length === 1 ? 'box' : 'boxes'
    } on the right, ${layout.edges.length} access ${layout.edges.length === 1 ? 'edge' : 'edges'} from accessor to table. The same data is in the tables below.</desc>`,
    // Heads in user units: a thick edge (many findings) keeps a head of the same size; a muted head for suppressed edges.
    '<defs>' +
      ['arrow', 'arrow-muted']
        .map(
          (id) =>
            `<marker id="${id}" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse">` +
            `<path d="M0,0 L10,5 L0,10 z" class="${id}-head"/></marker>`,
        )
        .join('') +
      '</defs>',
  );

  // Owner boxes before the edges: each arrow head lies over its box's padding and must stay visible.
  out.push('<g class="owners">');
  for (const group of layout.groups) {
    out.push(
      `<g class="group" id="${group.id}"><title>${html(`tables owned by ${group.owner}`)}</title>` +
        `<rect x="${num(group.x)}" y="${num(group.y)}" width="${num(group.width)}" height="${num(group.height)}" rx="4" class="box"/>` +
        `<text x="${num(group.x + GROUP_PAD)}" y="${num(group.y + 18)}" class="owner">${markup(label(group.owner))}</text>`,
    );
    for (const table of group.tables) {
      out.push(
        `<g class="node table" id="${table.id}"><title>${html(`table ${table.name}, owned by ${group.owner}`)}</title>` +
          `<rect x="${num(table.x)}" y="${num(table.y)}" width="${num(table.width)}" height="${table.height}"/>` +
          `<text x="${num(table.x + PAD)}" y="${num(table.y + 16)}">${markup(label(table.name))}</text></g>`,
      );
    }
    out.push('</g>');
  }
  out.push('</g>');
  out.push('<g class="edges">');
  for (const edge of layout.edges) {
    const from = nodes.get(edge.from)!;
    const to = nodes.get(edge.to)!;
    const x1 = from.x + from.width;
    const y1 = from.y + from.height / 2;
    const x2 = to.x;
    const y2 = to.y + to.height / 2;
    const bend = (x2 - x1) / 2;
    const suppressedOnly = edge.edge.suppressed === edge.edge.count;
    const strokeWidth = 1.5 + Math.min(3, Math.log2(edge.edge.count));
    out.push(
      `<g class="edge${suppressedOnly ? ' suppressed' : ''}" id="${edge.id}" data-from="${edge.from}" data-to="${edge.to}">` +
        `<title>${html(edgeSentence(edge.edge))}</title>` +
        `<path d="M${num(x1)},${num(y1)} C${num(x1 + bend)},${num(y1)} ${num(x2 - bend)},${num(y2)} ${num(x2)},${num(y2)}" ` +
        `fill="none" stroke-width="${num(strokeWidth)}"${suppressedOnly ? ' stroke-dasharray="6 4"' : ''} marker-end="url(#${suppressedOnly ? 'arrow-muted' : 'arrow'})"/></g>`,
    );
  }
  out.push('</g>');

  out.push('<g class="services">');
  for (const node of layout.services) {
    const line = options.findings ? findingsText(options.findings.get(node.name) ?? 0) : '';
    const title = `service ${node.name}${line ? `: ${line}` : ''}`;
    out.push(
      `<g class="node service" id="${node.id}"><title>${html(title)}</title>` +
        `<rect x="${num(node.x)}" y="${num(node.y)}" width="${num(node.width)}" height="${node.height}" rx="14"/>` +
        `<text x="${num(node.x + PAD)}" y="${num(node.y + (line ? 17 : 24))}" class="name">${markup(label(node.name))}</text>` +
        (line ? `<text x="${num(node.x + PAD)}" y="${num(node.y + 32)}" class="count">${markup(line)}</text>` : '') +
        '</g>',
    );
  }
  out.push('</g>');

  out.push('</svg>');
  return out.join('\n');
}
