import type { FindingSummary, OwnershipMap } from './ownership.js';
import { compare, edgeFindingCount, NO_SERVICE, sharingServices, unownedUse } from './ownership.js';
import { edgeLabel, ownershipRows, problemSentences } from './map-render.js';
import { html } from './html-text.js';
import { renderGraphSvg } from './map-svg.js';

/**
 * `map --format html`: one self-contained page for a CI artifact — the access graph (an SVG
 * laid out by map-svg.ts), an accessor × owner matrix, the ownership, database and edge tables,
 * and the findings per service and per rule.
 *
 * Self-contained means no request at all: no script, no external style sheet, font or image, and
 * a content security policy of `default-src 'none'` that would block one if a name ever slipped
 * through unescaped. Every repository string goes through `html()`; the page holds names, paths
 * and counts only, never a finding's message or a matched value (a secret cannot reach it).
 * Deterministic: the same map gives the same bytes, so artifacts diff.
 */

export interface HtmlOptions {
  allTables?: boolean;
  /** Shown in the heading and the page title (e.g. the repository folder's name). */
  title?: string;
  /** The tool version, in the footer. */
  version?: string;
}

const NONE = '—';
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const code = (text: string) => `<code>${html(text)}</code>`;

const STYLE = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --line: #d0d7de; --head: #f6f8fa;
  --service: #ddf4ff; --service-line: #0969da; --table: #fff8c5; --table-line: #9a6700; --box: #f6f8fa; --edge: #cf222e; --suppressed: #8c959f; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --line: #3d444d; --head: #151b23;
  --service: #0c2d6b; --service-line: #4493f8; --table: #3b2300; --table-line: #d29922; --box: #151b23; --edge: #ff7b72; --suppressed: #6e7681; } }
* { box-sizing: border-box; }
body { margin: 0; padding: 1.5rem; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
a { color: var(--service-line); }
.verdict { font-weight: 600; }
.scroll { overflow-x: auto; }
figure .scroll { border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; margin: .25rem 0 1rem; }
caption { text-align: left; color: var(--muted); padding: .25rem 0; caption-side: top; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
thead th, th[scope=row] { background: var(--head); }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: break-word; }
ul.locations { margin: 0; padding-left: 1rem; }
figure { margin: 0; } figcaption { color: var(--muted); margin-top: .5rem; }
svg.graph { display: block; max-width: none; }
svg.graph .service rect { fill: var(--service); stroke: var(--service-line); stroke-width: 1.5; }
svg.graph .table rect { fill: var(--table); stroke: var(--table-line); }
svg.graph rect.box { fill: var(--box); stroke: var(--line); }
svg.graph text { fill: var(--fg); } svg.graph text.count { fill: var(--muted); } svg.graph text.owner { font-weight: 700; }
svg.graph .edge path { stroke: var(--edge); opacity: .75; } svg.graph .edge.suppressed path { stroke: var(--suppressed); }
svg.graph .arrow-head { fill: var(--edge); } svg.graph .arrow-muted-head { fill: var(--suppressed); }
svg.graph .edge:hover path { opacity: 1; }
.legend-line { display: inline-block; width: 2.5em; vertical-align: middle; border-top: 3px solid var(--edge); }
.legend-line.dashed { border-top: 3px dashed var(--suppressed); }
footer { margin-top: 2rem; color: var(--muted); }
`;

function table(caption: string, header: string[], rows: string[][], options: { numeric?: number[]; rowHeaders?: boolean } = {}): string {
  const numeric = new Set(options.numeric ?? []);
  const head = header.map((h) => `<th scope="col">${h}</th>`).join('');
  const body = rows
    .map((row) => {
      const cells = row.map((cell, i) =>
        i === 0 && options.rowHeaders ? `<th scope="row">${cell}</th>` : `<td${numeric.has(i) ? ' class="n"' : ''}>${cell}</td>`,
      );
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<div class="scroll"><table>\n<caption>${caption}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}

function section(id: string, heading: string, content: string[]): string {
  return `<section id="${id}" aria-labelledby="${id}-h">\n<h2 id="${id}-h">${heading}</h2>\n${content.join('\n')}\n</section>`;
}

/** accessor × owner: how many findings each service has on each other service's tables. */
function accessMatrix(map: OwnershipMap): string {
  const accessors = [...new Set(map.edges.map((e) => e.from))].sort(compare);
  const owners = [...new Set(map.edges.map((e) => e.owner))].sort(compare);
  const cells = new Map<string, { count: number; suppressed: number }>();
  for (const edge of map.edges) {
    const key = `${edge.from}\0${edge.owner}`;
    const cell = cells.get(key) ?? { count: 0, suppressed: 0 };
    cell.count += edge.count;
    cell.suppressed += edge.suppressed;
    cells.set(key, cell);
  }
  const rows = accessors.map((from) => [
    code(from),
    ...owners.map((owner) => {
      const cell = cells.get(`${from}\0${owner}`);
      if (!cell) return NONE;
      return `${cell.count}${cell.suppressed > 0 ? ` (${cell.suppressed} suppressed)` : ''}`;
    }),
  ]);
  return table(
    'Findings on cross-service access: rows are the accessing services, columns the services that own the tables.',
    ['Accessor \\ owner', ...owners.map(code)],
    rows,
    { numeric: owners.map((_, i) => i + 1), rowHeaders: true },
  );
}

export function renderHtml(map: OwnershipMap, summary: FindingSummary, options: HtmlOptions = {}): string {
  const findings = new Map(summary.services.map((s) => [s.service, s.total]));
  const edgeFindings = edgeFindingCount(map.edges);
  const sharedDatabases = map.databases.filter((d) => !d.owner && sharingServices(d).length > 1).length;
  const problems = problemSentences(map, code, code);
  const heading = options.title ? `Data ownership map: ${html(options.title)}` : 'Data ownership map';

  const verdict = [
    plural(map.services.length, 'service', 'services'),
    `${plural(map.edges.length, 'cross-service access edge', 'cross-service access edges')} (${plural(edgeFindings, 'finding', 'findings')})`,
    plural(sharedDatabases, 'shared database without owner', 'shared databases without owner'),
    plural(summary.total, 'active finding', 'active findings'),
  ].join(', ');

  const ownership = ownershipRows(map);
  const ownershipTable = table(
    'Each service, the databases it connects to, and the tables it owns.',
    ['Service', 'Database', 'Tables'],
    ownership.map((row, i) => [
      i > 0 && ownership[i - 1].service === row.service ? '' : code(row.service),
      row.database === NONE || row.database === '(config)' ? html(row.database) : code(row.database),
      row.tables.map(code).join(', ') || NONE,
    ]),
  );

  const databaseTable =
    map.databases.length > 0
      ? table(
          'Databases, their owner and the services connected to them.',
          ['Database', 'Owner', 'Connected services'],
          map.databases.map((d) => [
            code(d.name),
            d.owner
              ? `${code(d.owner)}${d.ownerVia === 'config' ? ' (config)' : ''}`
              : sharingServices(d).length > 1
                ? '<strong>shared, no owner</strong>'
                : unownedUse(d),
            d.services.map(code).join(', ') || NONE,
          ]),
        )
      : '<p>No databases found.</p>';

  const edgeTable =
    map.edges.length > 0
      ? table(
          'Each service reaching into another service’s table, with the location of every access.',
          ['Accessor', 'Table', 'Owner', 'Findings', 'Locations'],
          map.edges.map((e) => [
            code(e.from),
            code(e.table),
            code(e.owner),
            html(edgeLabel(e)),
            `<ul class="locations">${e.locations
              .map((at) => `<li>${code(`${at.file}:${at.line}:${at.column}`)} ${html(at.kind)}${at.suppressed ? ' (suppressed)' : ''}</li>`)
              .join('')}</ul>`,
          ]),
        )
      : '<p>No service accesses another service’s tables.</p>';

  const serviceTable = table(
    `Active findings per service; findings outside every service count under ${html(NO_SERVICE)}.`,
    ['Service', 'Active', 'Suppressed', 'By rule'],
    summary.services.map((s) => [
      code(s.service),
      String(s.total),
      String(s.suppressed),
      Object.entries(s.rules)
        .sort(([a], [b]) => compare(a, b))
        .map(([rule, n]) => `${code(rule)} ${n}`)
        .join(', ') || NONE,
    ]),
    { numeric: [1, 2] },
  );
  const ruleTable = table(
    'Findings per rule.',
    ['Rule', 'Errors', 'Warnings', 'Suppressed', 'Active'],
    [
      ...summary.rules.map((r) => [code(r.rule), String(r.errors), String(r.warnings), String(r.suppressed), String(r.total)]),
      ['<strong>total</strong>', String(summary.errors), String(summary.warnings), String(summary.suppressed), String(summary.total)],
    ],
    { numeric: [1, 2, 3, 4] },
  );

  const sections = [
    section('graph', 'Access graph', [
      '<figure>',
      `<div class="scroll">${renderGraphSvg(map, { allTables: options.allTables, findings })}</div>`,
      '<figcaption>Services (rounded, with their active findings) on the left; on the right, one box per owning service with its tables ' +
        `(square) that other services reach${options.allTables ? ', and all its other tables' : ''}. ` +
        'Each arrow runs from the accessing service to the table, thicker with more findings: ' +
        '<span class="legend-line" aria-hidden="true"></span> active findings, ' +
        '<span class="legend-line dashed" aria-hidden="true"></span> dashed when every finding on it is suppressed. ' +
        'Hover an arrow or a node for its details; the tables below hold the same data.</figcaption>',
      '</figure>',
    ]),
    section('matrix', 'Access matrix', [map.edges.length > 0 ? accessMatrix(map) : '<p>No cross-service access.</p>']),
    section('ownership', 'Ownership', [ownershipTable]),
    section('databases', 'Databases', [databaseTable]),
    section('edges', 'Cross-service access', [
      `<p>${plural(edgeFindings, 'finding', 'findings')} on ${plural(map.edges.length, 'edge', 'edges')}.</p>`,
      edgeTable,
    ]),
    section('findings', 'Findings per service', [serviceTable, '<h3 id="rules-h">Findings per rule</h3>', ruleTable]),
    section('undecided', 'Undecided ownership', [
      problems.length > 0 ? `<ul>\n${problems.map((p) => `<li>${p}</li>`).join('\n')}\n</ul>` : '<p>None: every table has one owner.</p>',
    ]),
  ];

  const nav = [
    ['graph', 'Access graph'],
    ['matrix', 'Access matrix'],
    ['ownership', 'Ownership'],
    ['databases', 'Databases'],
    ['edges', 'Cross-service access'],
    ['findings', 'Findings per service'],
    ['undecided', 'Undecided ownership'],
  ]
    .map(([id, text]) => `<li><a href="#${id}">${text}</a></li>`)
    .join('');

  return `${[
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // No script, and nothing fetched: styles are inline, the graph is inline SVG.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<meta name="generator" content="nilecare-lint${options.version ? ` ${html(options.version)}` : ''}">`,
    `<title>${options.title ? `${html(options.title)} — ` : ''}nilecare-lint map</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${heading}</h1>`,
    `<p class="verdict">${verdict}.</p>`,
    `<nav aria-label="Sections"><ul>${nav}</ul></nav>`,
    '</header>',
    '<main>',
    ...sections,
    '</main>',
    `<footer>Generated by nilecare-lint${options.version ? ` ${html(options.version)}` : ''} <code>map --format html</code>.</footer>`,
    '</body>',
    '</html>',
  ].join('\n')}\n`;
}
