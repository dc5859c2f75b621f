import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import { expect } from 'vitest';

/**
 * Validates `map --format html` without a browser, with parse5 (the HTML standard's parsing
 * algorithm): no parse error, every element closed explicitly (no end tag implied by the parser),
 * SVG leaves self-closed, every id unique, every edge between two drawn nodes, nothing that could
 * run or fetch (no script, event handler, external URL), tables with headers, SVG parts titled.
 */

export interface CheckedHtml {
  document: T.Document;
  elements: T.Element[];
  nodes: Map<string, { kind: string; title: string }>;
  edges: Array<{ id: string; from: string; to: string; title: string }>;
  text: string;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const HTML_NS = 'http://www.w3.org/1999/xhtml';
const SVG_NS = 'http://www.w3.org/2000/svg';

const isElement = (node: T.ChildNode | T.Document): node is T.Element => 'tagName' in node;
const attr = (element: T.Element, name: string) => element.attrs.find((a) => a.name === name)?.value;

export function walk(node: T.ParentNode, visit: (element: T.Element) => void): void {
  for (const child of node.childNodes) {
    if (isElement(child)) {
      visit(child);
      walk(child.tagName === 'template' ? (child as T.Template).content : child, visit);
    }
  }
}

/** Concatenated text below a node. */
export function textOf(node: T.ParentNode): string {
  let out = '';
  for (const child of node.childNodes) {
    if (child.nodeName === '#text') out += (child as T.TextNode).value;
    else if (isElement(child)) out += textOf(child);
  }
  return out;
}

export function checkHtml(source: string): CheckedHtml {
  const errors: string[] = [];
  const document = parse(source, {
    sourceCodeLocationInfo: true,
    onParseError: (error) => errors.push(`${error.code} at ${error.startLine}:${error.startCol}`),
  });
  expect(errors, 'HTML parse errors').toEqual([]);
  expect(source.startsWith('<!DOCTYPE html>\n')).toBe(true);

  const elements: T.Element[] = [];
  walk(document, (element) => elements.push(element));
  const ids = new Map<string, number>();
  for (const element of elements) {
    const location = element.sourceCodeLocation;
    expect(location, `<${element.tagName}> inserted by the parser, not written`).toBeTruthy();
    if (element.namespaceURI === HTML_NS) {
      if (!VOID.has(element.tagName)) expect(location!.endTag, `<${element.tagName}> closed implicitly`).toBeTruthy();
    } else {
      expect(element.namespaceURI).toBe(SVG_NS);
      if (!location!.endTag) {
        expect(element.childNodes, `<${element.tagName}> without end tag has children`).toHaveLength(0);
        expect(source.slice(location!.startTag!.endOffset - 2, location!.startTag!.endOffset)).toBe('/>');
      }
    }
    for (const { name, value } of element.attrs) {
      expect(name.startsWith('on'), `event handler ${name} on <${element.tagName}>`).toBe(false);
      if (['href', 'src', 'xlink:href', 'action', 'formaction', 'srcset', 'poster', 'data'].includes(name))
        expect(value, `${name} on <${element.tagName}> leaves the page`).toMatch(/^#[\w-]+$/);
      expect(value).not.toMatch(/url\((?!#)/);
    }
    const id = attr(element, 'id');
    if (id !== undefined) ids.set(id, (ids.get(id) ?? 0) + 1);
  }
  const duplicates = [...ids].filter(([, n]) => n > 1).map(([id]) => id);
  expect(duplicates, 'duplicate ids').toEqual([]);

  const tags = new Set(elements.map((e) => e.tagName.toLowerCase()));
  // Nothing that runs, loads or embeds: the page is text, tables and shapes.
  const FORBIDDEN = ['script', 'iframe', 'frame', 'object', 'embed', 'img', 'image', 'link', 'base', 'form', 'use', 'audio', 'video'];
  for (const tag of [...FORBIDDEN, 'foreignobject']) expect(tags.has(tag), `<${tag}> in the page`).toBe(false);
  // In-page links only, to ids that exist.
  for (const a of elements.filter((e) => e.tagName === 'a')) expect(ids.has(attr(a, 'href')!.slice(1))).toBe(true);
  for (const element of elements)
    for (const name of ['aria-labelledby', 'aria-describedby'])
      for (const ref of attr(element, name)?.split(/\s+/) ?? []) expect(ids.has(ref), `${name} → ${ref}`).toBe(true);

  const csp = elements.find((e) => e.tagName === 'meta' && attr(e, 'http-equiv') === 'Content-Security-Policy');
  expect(attr(csp!, 'content')).toMatch(/^default-src 'none';/);
  const styles = elements.filter((e) => e.tagName === 'style').map((e) => textOf(e));
  for (const style of styles) expect(style).not.toMatch(/@import|url\(|<\//);
  for (const element of elements) expect(attr(element, 'style'), 'inline style attribute').toBeUndefined();

  // Tables: a caption and a header row of column headers.
  for (const table of elements.filter((e) => e.tagName === 'table')) {
    const children = table.childNodes.filter(isElement).map((e) => e.tagName);
    expect(children.slice(0, 2)).toEqual(['caption', 'thead']);
    const header = (table.childNodes.find((c) => isElement(c) && c.tagName === 'thead') as T.Element).childNodes.filter(isElement)[0];
    for (const th of header.childNodes.filter(isElement)) {
      expect(th.tagName).toBe('th');
      expect(attr(th, 'scope')).toBe('col');
    }
  }

  // The graph: titled nodes and edges, every edge between two nodes.
  const nodes = new Map<string, { kind: string; title: string }>();
  const edges: CheckedHtml['edges'] = [];
  const titleOf = (element: T.Element) => {
    const first = element.childNodes.filter(isElement)[0];
    expect(first?.tagName, `<${element.tagName} id=${attr(element, 'id')}> has no <title> first`).toBe('title');
    const title = textOf(first);
    expect(title.trim()).not.toBe('');
    return title;
  };
  const svgs = elements.filter((e) => e.tagName === 'svg');
  for (const svg of svgs) {
    expect(attr(svg, 'role')).toBe('img');
    expect(attr(svg, 'aria-labelledby')).toBeTruthy();
  }
  for (const element of elements) {
    const classes = (attr(element, 'class') ?? '').split(/\s+/);
    if (element.tagName !== 'g') continue;
    if (classes.includes('node')) nodes.set(attr(element, 'id')!, { kind: classes.find((c) => c !== 'node')!, title: titleOf(element) });
    if (classes.includes('group')) titleOf(element);
    if (classes.includes('edge'))
      edges.push({ id: attr(element, 'id')!, from: attr(element, 'data-from')!, to: attr(element, 'data-to')!, title: titleOf(element) });
  }
  for (const edge of edges) {
    expect(nodes.get(edge.from)?.kind, `edge ${edge.id} from ${edge.from}`).toBe('service');
    expect(nodes.get(edge.to)?.kind, `edge ${edge.id} to ${edge.to}`).toBe('table');
  }
  return { document, elements, nodes, edges, text: textOf(document) };
}

/** How many nodes and edges the graph must draw for a map (`map --format json`), counted independently of the renderer. */
export function expectedGraph(
  map: { services: Array<{ name: string; tables: Array<{ name: string }> }>; edges: Array<{ from: string; owner: string; table: string }> },
  allTables = false,
): { services: number; tables: number; edges: number } {
  const services = new Set(map.services.map((s) => s.name));
  const tables = new Set<string>();
  for (const edge of map.edges) if (services.has(edge.owner)) tables.add(`${edge.owner}\0${edge.table.toLowerCase()}`);
  if (allTables)
    for (const service of map.services) for (const table of service.tables) tables.add(`${service.name}\0${table.name.toLowerCase()}`);
  const edges = map.edges.filter((e) => services.has(e.from) && tables.has(`${e.owner}\0${e.table.toLowerCase()}`)).length;
  return { services: services.size, tables: tables.size, edges };
}
