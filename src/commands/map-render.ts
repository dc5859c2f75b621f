import type { AccessEdge, DatabaseOwnership, FindingSummary, OwnedTable, OwnershipMap, ServiceOwnership } from './ownership.js';
import { compare, edgeFindingCount, sharingServices, unownedUse } from './ownership.js';
import { mapFormats, summaryFormats, type MapFormat, type TextMapFormat } from './map-formats.js';

/**
 * Pure renderers of an `OwnershipMap` (and of a `FindingSummary`): no file system, no
 * lint run, deterministic output. Strings from the repository (service, table and file
 * names) are escaped for each target syntax.
 */

export { mapFormats, summaryFormats, type MapFormat, type TextMapFormat };

export interface RenderOptions {
  /** Graph formats: draw every owned table, not only the ones other services access. */
  allTables?: boolean;
}

export function renderMap(map: OwnershipMap, format: TextMapFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'table':
      return renderTable(map);
    case 'markdown':
      return renderMarkdown(map);
    case 'mermaid':
      return renderMermaid(map, options);
    case 'dot':
      return renderDot(map, options);
    case 'json':
      return `${JSON.stringify(map, null, 2)}\n`;
  }
}

// ---------------------------------------------------------------------------------------
// Shared row model for the table and markdown formats
// ---------------------------------------------------------------------------------------

const NONE = '—';

interface OwnershipRow {
  service: string;
  database: string;
  tables: string[];
}

/**
 * service → database → tables: one row per database a service uses or has tables in, then a
 * `(config)` row with the config's `tables` patterns that add something: an exact name already
 * shown under a database is not repeated (init writes the created tables there as exact names).
 */
export function ownershipRows(map: OwnershipMap): OwnershipRow[] {
  const rows: OwnershipRow[] = [];
  for (const service of map.services) {
    const groups = new Map<string, { database: string; tables: string[] }>();
    const group = (database: string | undefined) => {
      const key = database?.toLowerCase() ?? '';
      const entry = groups.get(key) ?? { database: database ?? NONE, tables: [] };
      groups.set(key, entry);
      return entry;
    };
    for (const database of service.databases) group(database);
    for (const table of service.tables) group(table.database).tables.push(table.name);
    const shown = new Set(
      service.tables.flatMap((t) => [t.name.toLowerCase(), ...(t.database ? [`${t.database}.${t.name}`.toLowerCase()] : [])]),
    );
    const patterns = service.patterns.filter((pattern) => !shown.has(pattern.toLowerCase()));
    const ordered = [...groups.entries()].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : compare(a, b)));
    for (const [, entry] of ordered) rows.push({ service: service.name, database: entry.database, tables: entry.tables });
    if (patterns.length > 0) rows.push({ service: service.name, database: '(config)', tables: patterns });
    if (ordered.length === 0 && patterns.length === 0) rows.push({ service: service.name, database: NONE, tables: [] });
  }
  return rows;
}

/** Each service's name on its first row only, so a service with several databases reads as one entry. */
function serviceCells(rows: OwnershipRow[], cell: (service: string) => string): string[] {
  return rows.map((row, i) => (i > 0 && rows[i - 1].service === row.service ? '' : cell(row.service)));
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 queries, 1 grant, 1 foreign key (1 suppressed)". */
export function edgeLabel(edge: AccessEdge): string {
  const parts: string[] = [];
  const { query = 0, grant = 0, 'foreign-key': keys = 0 } = edge.kinds;
  if (query > 0) parts.push(plural(query, 'query', 'queries'));
  if (grant > 0) parts.push(plural(grant, 'grant', 'grants'));
  if (keys > 0) parts.push(plural(keys, 'foreign key', 'foreign keys'));
  const other = edge.count - query - grant - keys;
  if (other > 0) parts.push(plural(other, 'finding', 'findings'));
  return `${parts.join(', ')}${edge.suppressed > 0 ? ` (${edge.suppressed} suppressed)` : ''}`;
}

function databaseOwnerCell(database: DatabaseOwnership): string {
  return database.owner ?? `(${unownedUse(database)})`;
}

function edgeTotals(map: OwnershipMap): string {
  const findings = edgeFindingCount(map.edges);
  return `${plural(findings, 'finding', 'findings')} on ${plural(map.edges.length, 'edge', 'edges')}`;
}

// ---------------------------------------------------------------------------------------
// table (terminal)
// ---------------------------------------------------------------------------------------

/** Makes control characters from repository strings visible instead of reaching the terminal. */
function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Columns separated by two spaces, indented by two; `right` columns (counts) are right-aligned,
 * the last column is not padded.
 */
export function alignColumns(header: string[], rows: string[][], right: readonly number[] = []): string[] {
  const all = [header, ...rows].map((row) => row.map(visible));
  const width = (cell: string) => [...cell].length;
  const widths = header.map((_, i) => Math.max(...all.map((row) => width(row[i] ?? ''))));
  const pad = (cell: string, i: number, last: boolean) => {
    const fill = ' '.repeat(widths[i] - width(cell));
    if (right.includes(i)) return fill + cell;
    return last ? cell : cell + fill;
  };
  return all.map((row) => `  ${row.map((cell, i) => pad(cell, i, i === row.length - 1)).join('  ')}`.trimEnd());
}

export function renderTable(map: OwnershipMap): string {
  const rows = ownershipRows(map);
  const services = serviceCells(rows, (name) => name);
  const out: string[] = ['Ownership (service → database → tables)', ''];
  out.push(
    ...alignColumns(
      ['SERVICE', 'DATABASE', 'TABLES'],
      rows.map((r, i) => [services[i], r.database, r.tables.join(', ') || NONE]),
    ),
  );
  if (map.databases.length > 0) {
    out.push('', 'Databases', '');
    out.push(
      ...alignColumns(
        ['DATABASE', 'OWNER', 'CONNECTED SERVICES'],
        map.databases.map((d) => [d.name, databaseOwnerCell(d), d.services.join(', ') || NONE]),
      ),
    );
  }

  const several = map.services.filter((s) => s.engines);
  if (several.length > 0) {
    out.push('', 'Services on several engines', '');
    for (const service of several) {
      const how = service.dialect ? `read as ${service.dialect}` : 'no one dialect: each SQL file is read in the dialect it shows';
      out.push(`  - ${visible(service.name)}: ${service.engines!.join(', ')} (${how})`);
    }
  }

  out.push('', `Cross-service access: ${edgeTotals(map)}`);
  if (map.edges.length > 0) {
    out.push('');
    const header = ['ACCESSOR', 'TABLE', 'OWNER', 'FINDINGS'];
    const rows = map.edges.map((e) => [e.from, e.table, e.owner, edgeLabel(e)]);
    const lines = alignColumns(header, rows);
    out.push(lines[0]);
    map.edges.forEach((edge, i) => {
      out.push(lines[i + 1]);
      for (const at of edge.locations)
        out.push(`      ${visible(`${at.file}:${at.line}:${at.column}`)}${at.suppressed ? ' (suppressed)' : ''}`);
    });
  }

  out.push(...problemLines(map, (text) => `  - ${visible(text)}`));
  return `${out.join('\n')}\n`;
}

/**
 * Conflicts, unowned tables and shared databases, as sentences: `code` marks a name, `location` an
 * unowned table's file:line (as it is by default). The text, markdown and HTML maps all say these.
 */
export function problemSentences(
  map: OwnershipMap,
  code: (name: string) => string,
  location: (at: string) => string = (at) => at,
): string[] {
  const out: string[] = [];
  for (const conflict of map.conflicts)
    out.push(`Table ${code(conflict.table)} is created by ${conflict.services.map(code).join(' and ')}.`);
  for (const database of map.databases) {
    if (!database.owner && sharingServices(database).length > 1)
      out.push(`Database ${code(database.name)} is shared by ${sharingServices(database).map(code).join(', ')} and has no owner.`);
  }
  for (const table of map.unowned) {
    const where = table.file ? ` (${location(`${table.file}:${table.line}`)})` : '';
    out.push(`Table ${code(table.database ? `${table.database}.${table.name}` : table.name)} has no owner${where}.`);
  }
  return out;
}

function problemLines(map: OwnershipMap, item: (text: string) => string): string[] {
  const list = problemSentences(map, (name) => `'${name}'`);
  return list.length > 0 ? ['', 'Undecided ownership', '', ...list.map(item)] : [];
}

// ---------------------------------------------------------------------------------------
// markdown
// ---------------------------------------------------------------------------------------

/** A GitHub-flavoured markdown code span that survives any content. */
function code(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  const ticks = clean.includes('`') ? '``' : '`';
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${clean}${pad}${ticks}`;
}

function markdownTable(header: string[], rows: string[][]): string[] {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)];
}

export function renderMarkdown(map: OwnershipMap): string {
  const rows = ownershipRows(map);
  const services = serviceCells(rows, code);
  const out: string[] = ['## Ownership', ''];
  out.push(
    ...markdownTable(
      ['Service', 'Database', 'Tables'],
      rows.map((r, i) => [
        services[i],
        r.database === NONE || r.database === '(config)' ? r.database : code(r.database),
        r.tables.map(code).join(', ') || NONE,
      ]),
    ),
  );
  if (map.databases.length > 0) {
    out.push('', '## Databases', '');
    out.push(
      ...markdownTable(
        ['Database', 'Owner', 'Connected services'],
        map.databases.map((d) => [code(d.name), d.owner ? code(d.owner) : databaseOwnerCell(d), d.services.map(code).join(', ') || NONE]),
      ),
    );
  }
  out.push('', `## Cross-service access`, '', `${edgeTotals(map)}.`);
  if (map.edges.length > 0) {
    out.push('');
    out.push(
      ...markdownTable(
        ['Accessor', 'Table', 'Owner', 'Findings', 'Locations'],
        map.edges.map((e) => [
          code(e.from),
          code(e.table),
          code(e.owner),
          edgeLabel(e),
          e.locations.map((at) => `${code(`${at.file}:${at.line}:${at.column}`)}${at.suppressed ? ' (suppressed)' : ''}`).join('<br>'),
        ]),
      ),
    );
  }
  const list = problemSentences(map, code);
  if (list.length > 0) out.push('', '## Undecided ownership', '', ...list.map((text) => `- ${text}`));
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------
// Graphs: one id scheme for mermaid and dot
// ---------------------------------------------------------------------------------------

interface GraphTable {
  id: string;
  table: OwnedTable;
}

interface GraphGroup {
  id: string;
  service: ServiceOwnership;
  serviceId: string;
  tables: GraphTable[];
}

interface Graph {
  groups: GraphGroup[];
  edges: Array<{ from: string; to: string; label: string }>;
}

/** Ids matching `[A-Za-z_]\w*`, unique across the graph. */
function idFactory(): (prefix: string, ...parts: string[]) => string {
  const used = new Set<string>();
  return (prefix, ...parts) => {
    const base = `${prefix}_${parts.map((p) => trimUnderscores(p.replace(/\W+/g, '_')) || 'x').join('__')}`;
    let id = base;
    for (let n = 2; used.has(id.toLowerCase()); n++) id = `${base}_${n}`;
    used.add(id.toLowerCase());
    return id;
  };
}

function buildGraph(map: OwnershipMap, options: RenderOptions): Graph {
  const id = idFactory();
  const accessed = new Set(map.edges.map((e) => `${e.owner}\0${e.table.toLowerCase()}`));
  const tableIds = new Map<string, string>();
  const groups: GraphGroup[] = map.services.map((service) => {
    const group: GraphGroup = { id: id('g', service.name), service, serviceId: id('s', service.name), tables: [] };
    for (const table of service.tables) {
      const key = `${service.name}\0${table.name.toLowerCase()}`;
      if (tableIds.has(key)) continue;
      if (!options.allTables && !accessed.has(key)) continue;
      const tableId = id('t', service.name, table.name);
      tableIds.set(key, tableId);
      group.tables.push({ id: tableId, table });
    }
    return group;
  });
  const serviceIds = new Map(groups.map((g) => [g.service.name, g.serviceId]));
  const edges = map.edges.flatMap((edge) => {
    const from = serviceIds.get(edge.from);
    const to = tableIds.get(`${edge.owner}\0${edge.table.toLowerCase()}`);
    return from && to ? [{ from, to, label: edgeLabel(edge) }] : [];
  });
  return { groups, edges };
}

const tableLabel = (table: OwnedTable) => (table.database ? `${table.database}.${table.name}` : table.name);

// ---------------------------------------------------------------------------------------
// mermaid
// ---------------------------------------------------------------------------------------

/** Text inside a quoted mermaid label: entity codes for the characters mermaid parses. */
export function mermaidText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/[[\]{}()|`]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** A `flowchart LR` that renders on GitHub: a subgraph per owner with its service and tables, labelled access edges. */
export function renderMermaid(map: OwnershipMap, options: RenderOptions = {}): string {
  const graph = buildGraph(map, options);
  const out = ['flowchart LR'];
  for (const group of graph.groups) {
    out.push(`  subgraph ${group.id}["${mermaidText(group.service.name)}"]`);
    out.push(`    ${group.serviceId}(["${mermaidText(group.service.name)}"])`);
    for (const table of group.tables) out.push(`    ${table.id}[("${mermaidText(tableLabel(table.table))}")]`);
    out.push('  end');
  }
  for (const edge of graph.edges) out.push(`  ${edge.from} -->|"${mermaidText(edge.label)}"| ${edge.to}`);
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------
// dot
// ---------------------------------------------------------------------------------------

export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** A Graphviz digraph: one cluster per owner with its service and tables, labelled access edges. */
export function renderDot(map: OwnershipMap, options: RenderOptions = {}): string {
  const graph = buildGraph(map, options);
  const out = [
    'digraph ownership {',
    '  rankdir=LR;',
    '  graph [fontname="Helvetica"];',
    '  node [fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const group of graph.groups) {
    out.push(`  subgraph cluster_${group.id.slice(2)} {`);
    out.push(`    label=${dotString(group.service.name)};`);
    out.push('    style=rounded;');
    out.push(`    ${group.serviceId} [label=${dotString(group.service.name)}, shape=box, style="rounded,bold"];`);
    for (const table of group.tables) out.push(`    ${table.id} [label=${dotString(tableLabel(table.table))}, shape=cylinder];`);
    out.push('  }');
  }
  for (const edge of graph.edges) out.push(`  ${edge.from} -> ${edge.to} [label=${dotString(edge.label)}];`);
  out.push('}');
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------
// --summary
// ---------------------------------------------------------------------------------------

function byRuleCell(rules: Record<string, number>): string {
  return Object.entries(rules)
    .sort(([a], [b]) => compare(a, b))
    .map(([rule, n]) => `${rule} ${n}`)
    .join(', ');
}

export function renderSummary(summary: FindingSummary, format: (typeof summaryFormats)[number]): string {
  if (format === 'json') return `${JSON.stringify(summary, null, 2)}\n`;
  const ruleRows = summary.rules.map((r) => [r.rule, String(r.errors), String(r.warnings), String(r.suppressed), String(r.total)]);
  const totalRow = ['total', String(summary.errors), String(summary.warnings), String(summary.suppressed), String(summary.total)];
  const serviceRows = summary.services.map((s) => [s.service, String(s.total), String(s.suppressed), byRuleCell(s.rules) || NONE]);
  const ruleHeader = ['RULE', 'ERRORS', 'WARNINGS', 'SUPPRESSED', 'TOTAL'];
  const serviceHeader = ['SERVICE', 'TOTAL', 'SUPPRESSED', 'BY RULE'];
  if (format === 'markdown') {
    return `${[
      '## Findings by rule',
      '',
      ...markdownTable(ruleHeader.map(titleCase), [
        ...ruleRows.map(([rule, ...n]) => [code(rule), ...n]),
        totalRow.map((c, i) => (i === 0 ? '**total**' : `**${c}**`)),
      ]),
      '',
      '## Findings by service',
      '',
      ...markdownTable(
        serviceHeader.map(titleCase),
        serviceRows.map(([service, ...rest]) => [code(service), ...rest]),
      ),
    ].join('\n')}\n`;
  }
  return `${[
    'Findings by rule',
    '',
    ...alignColumns(ruleHeader, [...ruleRows, totalRow], [1, 2, 3, 4]),
    '',
    'Findings by service',
    '',
    ...alignColumns(serviceHeader, serviceRows, [1, 2]),
  ].join('\n')}\n`;
}

function titleCase(header: string): string {
  return header.charAt(0) + header.slice(1).toLowerCase();
}

/** `/^_+|_+$/g` by hand: that search rescans a long run of `_` inside a name from each of its characters. */
function trimUnderscores(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 95) start++;
  while (end > start && text.charCodeAt(end - 1) === 95) end--;
  return text.slice(start, end);
}
