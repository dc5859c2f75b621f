import { expect } from 'vitest';

/**
 * Structural checks of the graph and table formats, strict enough to catch what breaks
 * rendering on GitHub (mermaid) or in Graphviz (dot) without either tool installed.
 */

export const ID = /^[A-Za-z_]\w*$/;
/** Words mermaid's flowchart grammar reserves; a node with such an id breaks the chart. */
const MERMAID_KEYWORDS = new Set([
  'end',
  'subgraph',
  'graph',
  'flowchart',
  'style',
  'class',
  'classdef',
  'click',
  'call',
  'href',
  'linkstyle',
  'default',
  'direction',
]);

export interface ParsedGraph {
  nodes: Map<string, string>;
  groups: Map<string, { label: string; members: string[] }>;
  edges: Array<{ from: string; to: string; label: string }>;
}

/** A mermaid quoted label: no raw quote, no newline, only `#…;` entity codes. */
function checkMermaidLabel(label: string): void {
  expect(label).not.toMatch(/["\n\r]/);
  for (const match of label.matchAll(/#([^;\s]*);?/g)) expect(match[0]).toMatch(/^#(?:\d+|quot|lt|gt|amp);$/);
}

export function parseMermaid(text: string): ParsedGraph {
  const lines = text.split('\n');
  expect(lines[0]).toBe('flowchart LR');
  expect(lines.at(-1)).toBe('');
  const graph: ParsedGraph = { nodes: new Map(), groups: new Map(), edges: [] };
  let current: string | undefined;
  for (const line of lines.slice(1, -1)) {
    let m: RegExpExecArray | null;
    if ((m = /^ {2}subgraph (\S+)\["([^"]*)"\]$/.exec(line))) {
      expect(current, 'nested subgraph').toBeUndefined();
      current = m[1];
      checkMermaidLabel(m[2]);
      expect(graph.groups.has(m[1]) || graph.nodes.has(m[1])).toBe(false);
      graph.groups.set(m[1], { label: m[2], members: [] });
    } else if (/^ {2}end$/.test(line)) {
      expect(current, 'end without subgraph').toBeDefined();
      current = undefined;
    } else if ((m = /^ {4}(\S+)(?:\(\["([^"]*)"\]\)|\[\("([^"]*)"\)\])$/.exec(line))) {
      expect(current, 'node outside a subgraph').toBeDefined();
      checkMermaidLabel(m[2] ?? m[3]);
      expect(graph.nodes.has(m[1]) || graph.groups.has(m[1]), `duplicate id ${m[1]}`).toBe(false);
      graph.nodes.set(m[1], m[2] ?? m[3]);
      graph.groups.get(current!)!.members.push(m[1]);
    } else if ((m = /^ {2}(\S+) -->\|"([^"]*)"\| (\S+)$/.exec(line))) {
      expect(current, 'edge inside a subgraph').toBeUndefined();
      checkMermaidLabel(m[2]);
      graph.edges.push({ from: m[1], to: m[3], label: m[2] });
    } else {
      throw new Error(`unexpected mermaid line: ${JSON.stringify(line)}`);
    }
  }
  expect(current, 'unclosed subgraph').toBeUndefined();
  for (const id of [...graph.nodes.keys(), ...graph.groups.keys()]) {
    expect(id).toMatch(ID);
    expect(MERMAID_KEYWORDS.has(id.toLowerCase())).toBe(false);
  }
  for (const edge of graph.edges) {
    expect(graph.nodes.has(edge.from), `edge from undeclared ${edge.from}`).toBe(true);
    expect(graph.nodes.has(edge.to), `edge to undeclared ${edge.to}`).toBe(true);
  }
  return graph;
}

/** Splits DOT into tokens: quoted strings (with escapes), ids, punctuation and `->`. */
function dotTokens(text: string): string[] {
  const tokens: string[] = [];
  const re = /\s+|"((?:[^"\\]|\\.)*)"|->|[{}[\];=,]|[A-Za-z_]\w*|-?\d+(?:\.\d+)?/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length) {
    const start = re.lastIndex;
    m = re.exec(text);
    if (!m || re.lastIndex === start) throw new Error(`dot: cannot tokenize at ${JSON.stringify(text.slice(start, start + 20))}`);
    if (!/^\s+$/.test(m[0])) tokens.push(m[0]);
  }
  return tokens;
}

export function parseDot(text: string): ParsedGraph {
  const tokens = dotTokens(text);
  expect(tokens.slice(0, 3)).toEqual(['digraph', 'ownership', '{']);
  const graph: ParsedGraph = { nodes: new Map(), groups: new Map(), edges: [] };
  let depth = 0;
  let group: string | undefined;
  const attrs = (i: number): { next: number; values: Map<string, string> } => {
    const values = new Map<string, string>();
    if (tokens[i] !== '[') return { next: i, values };
    i++;
    while (tokens[i] !== ']') {
      expect(tokens[i]).toMatch(ID);
      expect(tokens[i + 1]).toBe('=');
      values.set(tokens[i], tokens[i + 2]);
      i += 3;
      if (tokens[i] === ',') i++;
    }
    return { next: i + 1, values };
  };
  for (let i = 2; i < tokens.length;) {
    const token = tokens[i];
    if (token === '{') {
      depth++;
      i++;
    } else if (token === '}') {
      depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
      if (depth === 1) group = undefined;
      i++;
    } else if (token === 'subgraph') {
      expect(tokens[i + 1]).toMatch(/^cluster_\w+$/);
      expect(tokens[i + 2]).toBe('{');
      group = tokens[i + 1];
      graph.groups.set(group, { label: '', members: [] });
      i += 2;
    } else if (['rankdir', 'label', 'style'].includes(token) && tokens[i + 1] === '=') {
      if (token === 'label' && group) graph.groups.get(group)!.label = tokens[i + 2];
      expect(tokens[i + 3]).toBe(';');
      i += 4;
    } else if (['graph', 'node', 'edge'].includes(token) && tokens[i + 1] === '[') {
      i = attrs(i + 1).next;
      expect(tokens[i]).toBe(';');
      i++;
    } else if (ID.test(token) && tokens[i + 1] === '->') {
      expect(tokens[i + 2]).toMatch(ID);
      const { next, values } = attrs(i + 3);
      graph.edges.push({ from: token, to: tokens[i + 2], label: values.get('label') ?? '' });
      expect(tokens[next]).toBe(';');
      i = next + 1;
    } else if (ID.test(token)) {
      const { next, values } = attrs(i + 1);
      expect(values.get('label'), `node ${token} without label`).toBeDefined();
      expect(graph.nodes.has(token), `duplicate node ${token}`).toBe(false);
      graph.nodes.set(token, values.get('label')!);
      if (group) graph.groups.get(group)!.members.push(token);
      expect(tokens[next]).toBe(';');
      i = next + 1;
    } else {
      throw new Error(`dot: unexpected token ${JSON.stringify(token)} at ${i}`);
    }
  }
  expect(depth).toBe(0);
  for (const edge of graph.edges) {
    expect(graph.nodes.has(edge.from), `edge from undeclared ${edge.from}`).toBe(true);
    expect(graph.nodes.has(edge.to), `edge to undeclared ${edge.to}`).toBe(true);
  }
  return graph;
}

/** GitHub markdown tables: header, separator, and the same number of cells in every row. */
export function markdownTables(text: string): string[][][] {
  const tables: string[][][] = [];
  let current: string[][] | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('|')) {
      expect(line.endsWith(' |')).toBe(true);
      // Split on unescaped pipes.
      const cells = line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim());
      current ??= [];
      current.push(cells);
    } else if (current) {
      tables.push(current);
      current = undefined;
    }
  }
  if (current) tables.push(current);
  for (const table of tables) {
    expect(table.length).toBeGreaterThanOrEqual(2);
    expect(table[1].every((c) => /^:?-{3,}:?$/.test(c))).toBe(true);
    for (const row of table) expect(row.length).toBe(table[0].length);
  }
  return tables;
}
