/**
 * The start tags of XML, read by the linear scanners of the XML the linter reads (Liquibase changelogs,
 * src/analysis/liquibase-changes.ts; MyBatis mappers, src/analysis/mybatis-mapper.ts): no XML library
 * reports where an attribute's value or an element's text lies, which a finding needs. One pass,
 * `indexOf` for every delimiter; never throws.
 */
import type { Span } from './facts.js';

const XML_NAME = /[A-Za-z_][\w.:-]*/y;
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** An attribute's value (its predefined entities and character references decoded) and the span of its raw text. */
export interface XmlAttribute {
  value: string;
  span: Span;
}

/** A start tag: its local name, attributes in order, whether it closes itself, and the offset after its `>`. */
export interface XmlStartTag {
  name: string;
  attributes: Array<[string, XmlAttribute]>;
  selfClosing: boolean;
  end: number;
}

/** The start tag whose name begins at `from` (just after its `<`), or undefined when there is none. */
export function xmlStartTag(text: string, from: number): XmlStartTag | undefined {
  XML_NAME.lastIndex = from;
  const name = XML_NAME.exec(text)?.[0];
  if (!name) return undefined;
  const attributes: Array<[string, XmlAttribute]> = [];
  let p = from + name.length;
  for (;;) {
    p = skipSpace(text, p);
    if (p >= text.length) return undefined;
    if (text.startsWith('/>', p)) return { name: localName(name), attributes, selfClosing: true, end: p + 2 };
    if (text[p] === '>') return { name: localName(name), attributes, selfClosing: false, end: p + 1 };
    XML_NAME.lastIndex = p;
    const attribute = XML_NAME.exec(text)?.[0];
    if (!attribute) return undefined;
    p = skipSpace(text, p + attribute.length);
    if (text[p] !== '=') return undefined;
    p = skipSpace(text, p + 1);
    const quote = text[p];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = text.indexOf(quote, p + 1);
    if (close < 0) return undefined;
    attributes.push([localName(attribute), { value: decodeXmlText(text.slice(p + 1, close)), span: { start: p + 1, end: close } }]);
    p = close + 1;
  }
}

/** The value of the attribute `name` of a start tag, if it has one. */
export function xmlAttribute(tag: XmlStartTag, name: string): string | undefined {
  return tag.attributes.find(([key]) => key === name)?.[1].value;
}

/** Text with XML's predefined entities and numeric character references decoded; an unknown entity stays as written. */
export function decodeXmlText(raw: string): string {
  return raw.includes('&') ? raw.replace(/&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([\da-fA-F]{1,6}));/g, decodeEntity) : raw;
}

/** The decoded text of one entity (`&lt;`, `&#60;`, `&#x3C;`), or the entity as written when it names no character. */
export function decodeEntity(entity: string, named?: string, decimal?: string, hex?: string): string {
  if (named) return ENTITIES[named];
  const code = decimal !== undefined ? Number(decimal) : hex !== undefined ? parseInt(hex, 16) : NaN;
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
}

export function skipSpace(text: string, from: number): number {
  let p = from;
  while (p < text.length && (text[p] === ' ' || text[p] === '\t' || text[p] === '\n' || text[p] === '\r')) p++;
  return p;
}

/** A name without its namespace prefix (`lb:changeSet` → `changeSet`). */
export function localName(name: string): string {
  return name.slice(name.lastIndexOf(':') + 1);
}
