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
  // Every check below adds what breaks it here, asserted empty at the end: a page has thousands of
  // elements and attributes, and one expect() per check and element cost seconds per page.
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };

  const elements: T.Element[] = [];
  walk(document, (element) => elements.push(element));
  const ids = new Map<string, number>();
  for (const element of elements) {
    const location = element.sourceCodeLocation;
    const tag = `<${element.tagName}>`;
    if (!location) {
      problems.push(`${tag} inserted by the parser, not written`);
      continue;
    }
    if (element.namespaceURI === HTML_NS) {
      if (!VOID.has(element.tagName)) check(Boolean(location.endTag), `${tag} closed implicitly`);
    } else {
      check(element.namespaceURI === SVG_NS, `${tag} in namespace ${element.namespaceURI}`);
      if (!location.endTag) {
        check(element.childNodes.length === 0, `${tag} without end tag has children`);
        check(
          source.slice(location.startTag!.endOffset - 2, location.startTag!.endOffset) === '/>',
          `${tag} without end tag is not self-closed`,
        );
      }
    }
    for (const { name, value } of element.attrs) {
      check(!name.startsWith('on'), `event handler ${name} on ${tag}`);
      if (['href', 'src', 'xlink:href', 'action', 'formaction', 'srcset', 'poster', 'data'].includes(name))
        check(/^#[\w-]+$/.test(value), `${name}=${JSON.stringify(value)} on ${tag} leaves the page`);
      check(!/url\((?!#)/.test(value), `${name}=${JSON.stringify(value)} on ${tag} loads a URL`);
    }
    const id = attr(element, 'id');
    if (id !== undefined) ids.set(id, (ids.get(id) ?? 0) + 1);
  }
  const duplicates = [...ids].filter(([, n]) => n > 1).map(([id]) => id);
  expect(duplicates, 'duplicate ids').toEqual([]);

  const tags = new Set(elements.map((e) => e.tagName.toLowerCase()));
  // Nothing that runs, loads or embeds: the page is text, tables and shapes.
  const FORBIDDEN = ['script', 'iframe', 'frame', 'object', 'embed', 'img', 'image', 'link', 'base', 'form', 'use', 'audio', 'video'];
  for (const tag of [...FORBIDDEN, 'foreignobject']) check(!tags.has(tag), `<${tag}> in the page`);
  // In-page links only, to ids that exist.
  for (const a of elements.filter((e) => e.tagName === 'a'))
    check(ids.has(attr(a, 'href')!.slice(1)), `<a href=${attr(a, 'href')}> to no id`);
  for (const element of elements)
    for (const name of ['aria-labelledby', 'aria-describedby'])
      for (const ref of attr(element, name)?.split(/\s+/) ?? []) check(ids.has(ref), `${name} → ${ref}`);

  const csp = elements.find((e) => e.tagName === 'meta' && attr(e, 'http-equiv') === 'Content-Security-Policy');
  expect(attr(csp!, 'content')).toMatch(/^default-src 'none';/);
  const styles = elements.filter((e) => e.tagName === 'style').map((e) => textOf(e));
  for (const style of styles) expect(style).not.toMatch(/@import|url\(|<\//);
  for (const element of elements) check(attr(element, 'style') === undefined, `inline style attribute on <${element.tagName}>`);

  // Tables: a caption and a header row of column headers.
  for (const table of elements.filter((e) => e.tagName === 'table')) {
    const children = table.childNodes.filter(isElement).map((e) => e.tagName);
    check(
      children[0] === 'caption' && children[1] === 'thead',
      `<table> starts with ${children.slice(0, 2).join(', ')}, not caption, thead`,
    );
    const thead = table.childNodes.find((c) => isElement(c) && c.tagName === 'thead') as T.Element | undefined;
    const header = thead?.childNodes.filter(isElement)[0];
    for (const th of header?.childNodes.filter(isElement) ?? [])
      check(th.tagName === 'th' && attr(th, 'scope') === 'col', `<${th.tagName} scope=${attr(th, 'scope')}> in a header row`);
  }

  // The graph: titled nodes and edges, every edge between two nodes.
  const nodes = new Map<string, { kind: string; title: string }>();
  const edges: CheckedHtml['edges'] = [];
  const titleOf = (element: T.Element) => {
    const first = element.childNodes.filter(isElement)[0];
    check(first?.tagName === 'title', `<${element.tagName} id=${attr(element, 'id')}> has no <title> first`);
    const title = first ? textOf(first) : '';
    check(title.trim() !== '', `<${element.tagName} id=${attr(element, 'id')}> has an empty title`);
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
    check(nodes.get(edge.from)?.kind === 'service', `edge ${edge.id} from ${edge.from}, not a service`);
    check(nodes.get(edge.to)?.kind === 'table', `edge ${edge.id} to ${edge.to}, not a table`);
  }
  expect(problems).toEqual([]);
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
