/**
 * `nilecare-lint diff` as text: `stylish` for a terminal, `markdown` for a pull-request comment
 * or a job summary (a verdict, tables with file links, a Mermaid graph of the changed edges),
 * `json` (the report as documented in diff-report.ts).
 */
import type { EdgeChange, RenamedEdge, SharedDatabaseChange } from './architecture-diff.js';
import type { DiffReport, DiffSide, LinkTarget } from './diff-report.js';
import { fileLink } from './diff-report.js';
import { mermaidText } from './map-render.js';
import type { DiffFormat } from './diff-formats.js';

/** Locations listed per edge or per list before "and n more". */
const MAX_LOCATIONS = 10;
/** Findings listed in the markdown report's details. */
const MAX_FINDINGS = 50;

export function renderDiff(report: DiffReport, format: DiffFormat, links: LinkTarget): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  return format === 'markdown' ? renderMarkdown(report, links) : renderStylish(report);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What changed, as the headline states it: "adds 1 cross-service edge and removes 2", or that nothing did. */
export function changeSummary(report: DiffReport): string {
  const parts: string[] = [];
  const { edges, sharedDatabases } = report;
  if (edges.added.length > 0) parts.push(`adds ${plural(edges.added.length, 'cross-service edge')}`);
  if (edges.removed.length > 0) parts.push(`removes ${plural(edges.removed.length, 'cross-service edge')}`);
  if (edges.changed.length > 0) parts.push(`changes the accesses of ${plural(edges.changed.length, 'edge')}`);
  if (edges.renamed.length > 0) parts.push(`follows a table rename in ${plural(edges.renamed.length, 'cross-service edge')}`);
  if (sharedDatabases.added.length > 0) parts.push(`adds sharing of ${plural(sharedDatabases.added.length, 'database')}`);
  if (sharedDatabases.removed.length > 0) parts.push(`ends sharing of ${plural(sharedDatabases.removed.length, 'database')}`);
  if (report.owners.length > 0) parts.push(`moves ${plural(report.owners.length, 'table')} to another owner`);
  if (report.unowned.added.length > 0) parts.push(`adds ${plural(report.unowned.added.length, 'unowned table')}`);
  if (parts.length === 0) return 'makes no change to the cross-service architecture';
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function findingSummary(report: DiffReport): string {
  return `findings +${report.findings.added.length} −${report.findings.removed.length}`;
}

function sideLabel(side: DiffSide): string {
  if (side.ref === null || side.commit === null) return 'the working tree';
  return side.ref === side.commit ? side.commit.slice(0, 12) : `${side.ref} (${side.commit.slice(0, 12)})`;
}

function verdictLine(report: DiffReport): string {
  const { verdict } = report;
  if (verdict.fails) return `fails (--fail-on ${verdict.failOn}): ${verdict.reasons.join(', ')}`;
  return verdict.failOn === 'never' ? 'never fails (--fail-on never)' : `passes (--fail-on ${verdict.failOn})`;
}

const kindLabel = (edge: EdgeChange) => edge.kind;
const countLabel = (edge: EdgeChange) =>
  edge.baseCount === 0 ? `${edge.headCount}` : edge.headCount === 0 ? `${edge.baseCount}` : `${edge.baseCount} → ${edge.headCount}`;
const suppressedNote = (suppressed: boolean) => (suppressed ? ' (suppressed)' : '');

// ---------------------------------------------------------------------------------------
// stylish
// ---------------------------------------------------------------------------------------

function renderStylish(report: DiffReport): string {
  const out: string[] = [`nilecare-lint diff: ${sideLabel(report.base)} → ${sideLabel(report.head)}`, ''];
  const mark = report.verdict.fails ? '✖' : '✔';
  out.push(`${mark} This change ${changeSummary(report)}; ${findingSummary(report)}.`, `  The check ${verdictLine(report)}.`);

  const edgeBlock = (title: string, sign: string, list: EdgeChange[]) => {
    if (list.length === 0) return;
    out.push('', title);
    for (const edge of list) {
      out.push(
        `  ${sign} ${edge.from} → ${edge.table} (owner ${edge.owner})  ${kindLabel(edge)} ×${countLabel(edge)}${suppressedNote(edge.suppressed)}`,
      );
      for (const [mark, locations] of [
        ['+', edge.added],
        ['-', edge.removed],
      ] as const) {
        for (const at of locations.slice(0, MAX_LOCATIONS))
          out.push(`      ${sign === '~' ? `${mark} ` : ''}${at.file}:${at.line}:${at.column}${suppressedNote(at.suppressed)}`);
        if (locations.length > MAX_LOCATIONS)
          out.push(`      ${sign === '~' ? `${mark} ` : ''}… and ${locations.length - MAX_LOCATIONS} more`);
      }
    }
  };
  edgeBlock('Added cross-service edges', '+', report.edges.added);
  edgeBlock('Removed cross-service edges', '-', report.edges.removed);
  edgeBlock('Edges with accesses added or removed', '~', report.edges.changed);
  if (report.edges.renamed.length > 0) {
    out.push('', 'Renamed cross-service edges (the owner renamed the table)');
    for (const edge of report.edges.renamed) {
      out.push(
        `  > ${edge.from} → ${edge.renamedFrom} ⇒ ${edge.table} (owner ${edge.owner})  ${kindLabel(edge)} ×${countLabel(edge)}${suppressedNote(edge.suppressed)}`,
      );
      for (const [mark, locations] of [
        ['+', edge.added],
        ['-', edge.removed],
      ] as const) {
        for (const at of locations.slice(0, MAX_LOCATIONS))
          out.push(`      ${mark} ${at.file}:${at.line}:${at.column}${suppressedNote(at.suppressed)}`);
        if (locations.length > MAX_LOCATIONS) out.push(`      ${mark} … and ${locations.length - MAX_LOCATIONS} more`);
      }
    }
  }

  const sharing = (sign: string, change: SharedDatabaseChange, verb: string) => {
    const what = change.whole
      ? `shared by ${change.services.join(', ')}`
      : `${change.changed.join(', ')} ${verb} (now ${change.services.length})`;
    out.push(`  ${sign} ${change.database}: ${what}${suppressedNote(change.suppressed)}`);
    for (const at of change.locations) out.push(`      ${at.service}: ${at.file}:${at.line}${suppressedNote(at.suppressed)}`);
  };
  if (report.sharedDatabases.added.length + report.sharedDatabases.removed.length > 0) {
    out.push('', 'Shared databases');
    for (const change of report.sharedDatabases.added) sharing('+', change, change.changed.length === 1 ? 'joins' : 'join');
    for (const change of report.sharedDatabases.removed) sharing('-', change, change.changed.length === 1 ? 'leaves' : 'leave');
  }
  if (report.owners.length > 0) {
    out.push('', 'Tables that changed owner');
    for (const change of report.owners)
      out.push(
        `  ${qualified(change)}: ${change.from.join(', ')} → ${change.to.join(', ')}${change.file ? `  ${change.file}:${change.line}` : ''}`,
      );
  }
  if (report.unowned.added.length + report.unowned.removed.length > 0) {
    out.push('', 'Tables without an owner');
    for (const table of report.unowned.added) out.push(`  + ${qualified(table)}  ${table.file}:${table.line}`);
    for (const table of report.unowned.removed) out.push(`  - ${qualified(table)}  ${table.file}:${table.line}`);
  }
  const { findings } = report;
  if (findings.added.length + findings.removed.length > 0) {
    out.push('', `Findings: +${findings.added.length} −${findings.removed.length}`);
    for (const rule of findings.rules) out.push(`  rule ${rule.rule}: +${rule.added} −${rule.removed}`);
    for (const service of findings.services) out.push(`  service ${service.service}: +${service.added} −${service.removed}`);
    if (findings.added.length > 0) {
      out.push('', 'New findings');
      for (const f of findings.added.slice(0, MAX_FINDINGS))
        out.push(`  ${f.file}:${f.line}:${f.column}  ${f.severity === 'error' ? 'error' : 'warning'}  ${f.message}  ${f.ruleId}`);
      if (findings.added.length > MAX_FINDINGS) out.push(`  … and ${findings.added.length - MAX_FINDINGS} more`);
    }
  }
  return `${out.join('\n')}\n`;
}

const qualified = (table: { table: string; database?: string }) => (table.database ? `${table.database}.${table.table}` : table.table);

// ---------------------------------------------------------------------------------------
// markdown
// ---------------------------------------------------------------------------------------

/** A code span that survives any name, inside a table cell too. */
function code(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  const ticks = clean.includes('`') ? '``' : '`';
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${clean}${pad}${ticks}`;
}

function table(header: string[], rows: string[][]): string[] {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)];
}

function renderMarkdown(report: DiffReport, links: LinkTarget): string {
  const icon = report.verdict.fails ? '❌' : '✅';
  const out: string[] = [
    `### ${icon} nilecare-lint: this change ${changeSummary(report)}`,
    '',
    `Compared ${code(sideLabel(report.base))} (base) with ${code(sideLabel(report.head))} (head); ${findingSummary(report)}. The check ${verdictLine(report).replace(/`/g, '')}.`,
  ];
  const where = (side: 'base' | 'head', locations: ReadonlyArray<{ file: string; line: number; suppressed: boolean }>) => {
    const shown = locations
      .slice(0, MAX_LOCATIONS)
      .map((at) => `[${code(`${at.file}:${at.line}`)}](${fileLink(links, side, at.file, at.line)})${at.suppressed ? ' (suppressed)' : ''}`);
    if (locations.length > MAX_LOCATIONS) shown.push(`and ${locations.length - MAX_LOCATIONS} more`);
    return shown.join('<br>');
  };
  const edgeRow = (edge: EdgeChange, side: 'base' | 'head', locations: EdgeChange['added']) => [
    code(edge.from),
    code(edge.table),
    code(edge.owner),
    kindLabel(edge),
    `${countLabel(edge)}${suppressedNote(edge.suppressed)}`,
    where(side, locations),
  ];
  const header = ['Accessor', 'Table', 'Owner', 'Kind', 'Accesses', 'Where'];
  section(
    out,
    '#### Added cross-service edges',
    header,
    report.edges.added.map((e) => edgeRow(e, 'head', e.added)),
  );
  section(
    out,
    '#### Removed cross-service edges',
    header,
    report.edges.removed.map((e) => edgeRow(e, 'base', e.removed)),
  );
  section(
    out,
    '#### Edges with accesses added or removed',
    ['Accessor', 'Table', 'Owner', 'Kind', 'Accesses', 'Added', 'Removed'],
    report.edges.changed.map((e) => [...edgeRow(e, 'head', e.added), where('base', e.removed)]),
  );
  section(
    out,
    '#### Renamed cross-service edges',
    ['Accessor', 'Table', 'Was', 'Owner', 'Kind', 'Accesses', 'Added', 'Removed'],
    report.edges.renamed.map((e: RenamedEdge) => {
      const [from, name, ...rest] = edgeRow(e, 'head', e.added);
      return [from, name, code(e.renamedFrom), ...rest, where('base', e.removed)];
    }),
  );
  const sharing = report.sharedDatabases;
  if (sharing.added.length + sharing.removed.length > 0) {
    const row = (change: SharedDatabaseChange, side: 'base' | 'head') => [
      code(change.database),
      side === 'head'
        ? change.whole
          ? 'now shared'
          : `${change.changed.map(code).join(', ')} ${change.changed.length === 1 ? 'joins' : 'join'}`
        : change.whole
          ? 'no longer shared'
          : `${change.changed.map(code).join(', ')} ${change.changed.length === 1 ? 'leaves' : 'leave'}`,
      change.services.map(code).join(', '),
      where(side, change.locations),
    ];
    out.push(
      '',
      '#### Shared databases',
      '',
      ...table(
        ['Database', 'Change', 'Services sharing it', 'Where'],
        [...sharing.added.map((c) => row(c, 'head')), ...sharing.removed.map((c) => row(c, 'base'))],
      ),
    );
  }
  section(
    out,
    '#### Tables that changed owner',
    ['Table', 'Owner before', 'Owner now', 'Declared'],
    report.owners.map((c) => [
      code(qualified(c)),
      c.from.map(code).join(', '),
      c.to.map(code).join(', '),
      c.file && c.line ? `[${code(`${c.file}:${c.line}`)}](${fileLink(links, 'head', c.file, c.line)})` : '',
    ]),
  );
  section(
    out,
    '#### Tables without an owner',
    ['Table', 'Change', 'Declared'],
    [
      ...report.unowned.added.map((t) => [code(qualified(t)), 'new', where('head', [{ ...t, suppressed: false }])]),
      ...report.unowned.removed.map((t) => [code(qualified(t)), 'owned or gone', where('base', [{ ...t, suppressed: false }])]),
    ],
  );
  const { findings } = report;
  if (findings.added.length + findings.removed.length > 0) {
    out.push('', '#### Findings', '');
    out.push(
      ...table(
        ['Rule', 'Added', 'Removed'],
        findings.rules.map((r) => [code(r.rule), `${r.added}`, `${r.removed}`]),
      ),
    );
    out.push(
      '',
      ...table(
        ['Service', 'Added', 'Removed'],
        findings.services.map((s) => [code(s.service), `${s.added}`, `${s.removed}`]),
      ),
    );
    if (findings.added.length > 0) {
      out.push('', `<details><summary>New findings (${findings.added.length})</summary>`, '');
      for (const f of findings.added.slice(0, MAX_FINDINGS))
        out.push(`- [${code(`${f.file}:${f.line}`)}](${fileLink(links, 'head', f.file, f.line)}) ${code(f.ruleId)}: ${text(f.message)}`);
      if (findings.added.length > MAX_FINDINGS) out.push(`- and ${findings.added.length - MAX_FINDINGS} more`);
      out.push('', '</details>');
    }
  }
  const graph = mermaidGraph(report);
  if (graph.length > 0)
    out.push('', '#### Graph', '', 'Added edges are green, removed ones red and dashed.', '', '```mermaid', ...graph, '```');
  return `${out.join('\n')}\n`;
}

/** Plain text in markdown: every character markdown or HTML could read as syntax is escaped. */
export function text(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]|<>~&]/g, (c) => `\\${c}`);
}

/**
 * The added and removed edges: accessor services point at the tables they reach; each service is
 * a subgraph holding its node and the tables it owns. Node ids are generated, labels use mermaid's entity codes.
 */
function mermaidGraph(report: DiffReport): string[] {
  const edges = [
    ...report.edges.added.map((edge) => ({ edge, added: true })),
    ...report.edges.removed.map((edge) => ({ edge, added: false })),
  ];
  if (edges.length === 0) return [];
  const serviceIds = new Map<string, string>();
  const tableIds = new Map<string, string>();
  const owners = new Map<string, Set<string>>();
  const serviceId = (name: string) => {
    let id = serviceIds.get(name);
    if (!id) serviceIds.set(name, (id = `s${serviceIds.size}`));
    return id;
  };
  for (const { edge } of edges) {
    serviceId(edge.from);
    serviceId(edge.owner);
    const key = `${edge.owner}\0${edge.table.toLowerCase()}`;
    if (!tableIds.has(key)) tableIds.set(key, `t${tableIds.size}`);
    owners.set(edge.owner, (owners.get(edge.owner) ?? new Set()).add(edge.table.toLowerCase()));
  }
  const tableNames = new Map(edges.map(({ edge }) => [`${edge.owner}\0${edge.table.toLowerCase()}`, edge.table]));
  const out = ['flowchart LR'];
  serviceIds.forEach((id, name) => {
    out.push(`  subgraph g${id.slice(1)}["${mermaidText(name)}"]`, `    ${id}(["${mermaidText(name)}"])`);
    for (const table of owners.get(name) ?? []) {
      const key = `${name}\0${table}`;
      out.push(`    ${tableIds.get(key)}[("${mermaidText(tableNames.get(key)!)}")]`);
    }
    out.push('  end');
  });
  const styles: string[] = [];
  edges.forEach(({ edge, added }, index) => {
    const label = `${edge.kind} ×${added ? edge.headCount : edge.baseCount}`;
    out.push(
      `  ${serviceIds.get(edge.from)} ${added ? '-->' : '-.->'}|"${mermaidText(label)}"| ${tableIds.get(`${edge.owner}\0${edge.table.toLowerCase()}`)}`,
    );
    styles.push(`  linkStyle ${index} stroke:${added ? '#1a7f37' : '#cf222e'},stroke-width:2px${added ? '' : ',stroke-dasharray:5 5'}`);
  });
  return [...out, ...styles];
}

/** A markdown section with its table; nothing when there are no rows. */
function section(out: string[], title: string, header: string[], rows: string[][]): void {
  if (rows.length > 0) out.push('', title, '', ...table(header, rows));
}
