/**
 * A MyBatis mapper (`<mapper namespace="…">`, usually `src/main/resources/mapper/*.xml` or next to the mapper
 * interface's package) or an iBatis SQL map (`<sqlMap>`): the SQL of most Java services that do not use JPA.
 * Each statement element (`<select>`, `<insert>`, `<update>`, `<delete>`; iBatis's `<statement>` and
 * `<procedure>`) is one embedded SQL site, as a query string of a script is, with a map of every character
 * back to the file:
 *
 * - text and CDATA sections map one to one; `&lt;` and the other entities are decoded (each character maps to its entity);
 * - `#{id}` (a bound parameter: MyBatis sends a `?`) becomes `?`; `${column}` (text MyBatis substitutes before the
 *   statement runs) a template hole, never a table name; both map to the placeholder as written;
 * - `<include refid="cols"/>` is replaced by the text of the mapper's `<sql id="cols">` fragment (its own includes
 *   too, a cycle or an include nested deeper than `MAX_INCLUDES` read as a hole), located at the `<include>` element:
 *   what the statement reads through a fragment is reported at the statement's use of it;
 * - `<selectKey>` is skipped: it is another statement, run before or after the insert, on a sequence.
 *
 * A statement with dynamic elements (`<if>`, `<where>`, `<set>`, `<trim>`, `<foreach>`, `<choose>`/`<when>`/
 * `<otherwise>`, `<bind>`, or an `<include>` of another mapper's fragment) has no single text until MyBatis
 * evaluates its tests: it is reduced to the text of every branch (`<where>` and `<set>` add their keyword,
 * `<trim>` its `prefix`/`suffix`, `<foreach>` its `open`/`close`) and read by tokens as a fragment is, so it
 * yields its table references and is never a parse error. A statement without them is parsed as any
 * embedded SQL is.
 *
 * The scanner is linear (one pass, `indexOf` for every delimiter, nesting capped at `MAX_DEPTH`) and never
 * throws; the file is never loaded by MyBatis or by anything that runs code.
 */
import type { EmbeddedSql, ScriptFacts, SourceSegment, Span } from './facts.js';
import { emptyScriptFacts } from './script-facts.js';
import { holePlaceholder } from './sql/hole.js';
import { decodeEntity, xmlAttribute, xmlStartTag, type XmlStartTag } from './xml-tags.js';

/** No mapper nests deeper; a hostile file must not build a deeper tree. */
const MAX_DEPTH = 48;
/** Fragments including fragments: deeper than this is read as a hole. */
const MAX_INCLUDES = 8;

const STATEMENTS = new Set(['select', 'insert', 'update', 'delete', 'statement', 'procedure']);
/** The elements of MyBatis's dynamic SQL (and iBatis's `dynamic`, `isNotNull`, … `is*` elements, `iterate`). */
const DYNAMIC = /^(?:if|where|set|trim|foreach|choose|when|otherwise|bind|dynamic|iterate|is[A-Z]\w*)$/;

interface XmlElement {
  tag: XmlStartTag;
  /** The span from the start tag's `<` to the end of its end tag (or of the start tag, when it closes itself). */
  span: Span;
  /** The start tag's span. */
  startTag: Span;
  children: XmlChild[];
}
type XmlChild = { element: XmlElement } | { text: Span; cdata: boolean };

/** The callee of a mapper statement's site: `mybatis <select>`. */
export const MYBATIS_CALLEE = 'mybatis ';

/** A mapper's facts: its statements' SQL, as a script's, and nothing else a script has. */
export function mapperScriptFacts(embeddedSql: EmbeddedSql[]): ScriptFacts {
  return { ...emptyScriptFacts(), embeddedSql };
}

/** A file that may be a MyBatis mapper or an iBatis SQL map: an XML file whose document element is one. */
export function mayBeMyBatisMapper(path: string, text: string): boolean {
  return /\.xml$/i.test(path) && /<(?:mapper|sqlMap)[\s>]/.test(text);
}

/** The SQL of the mapper's statements (see the module comment), in document order. */
export function parseMyBatisMapper(text: string): EmbeddedSql[] {
  const root = xmlDocument(text);
  if (!root || (root.tag.name !== 'mapper' && root.tag.name !== 'sqlMap')) return [];
  const namespace = xmlAttribute(root.tag, 'namespace');
  const fragments = new Map<string, XmlElement>();
  for (const child of root.children) {
    if (!('element' in child) || child.element.tag.name !== 'sql') continue;
    const id = xmlAttribute(child.element.tag, 'id');
    if (id !== undefined && !fragments.has(id)) fragments.set(id, child.element);
  }
  const sites: EmbeddedSql[] = [];
  for (const child of root.children) {
    if (!('element' in child) || !STATEMENTS.has(child.element.tag.name)) continue;
    const statement = child.element;
    const builder = new SiteBuilder(text);
    const fragment = (refid: string): XmlElement | undefined =>
      fragments.get(refid) ??
      (namespace && refid.startsWith(`${namespace}.`) ? fragments.get(refid.slice(namespace.length + 1)) : undefined);
    builder.read(statement, fragment, []);
    if (builder.text.trim().length === 0) continue;
    sites.push({
      text: builder.text,
      segments: builder.segments,
      callee: `${MYBATIS_CALLEE}<${statement.tag.name}>`,
      fileSpan: statement.span,
      via: builder.dynamic ? 'fragment' : 'callee',
    });
  }
  return sites;
}

/** Assembles one statement's text and its map back to the file. */
class SiteBuilder {
  text = '';
  segments: SourceSegment[] = [];
  dynamic = false;
  private holes = 0;
  /** While reading an included fragment: the `<include>` element every character of it maps to. */
  private collapseTo: Span | undefined;

  constructor(private readonly file: string) {}

  read(element: XmlElement, fragment: (refid: string) => XmlElement | undefined, including: XmlElement[]): void {
    for (const child of element.children) {
      if ('text' in child) {
        this.addText(child.text, child.cdata);
        continue;
      }
      const inner = child.element;
      const name = inner.tag.name;
      if (name === 'selectKey') continue;
      if (name === 'include') {
        const refid = xmlAttribute(inner.tag, 'refid') ?? '';
        const included = fragment(refid);
        if (!included || including.includes(included) || including.length >= MAX_INCLUDES) {
          // Another mapper's fragment, or a cycle: its text is unknown here.
          this.dynamic = true;
          this.collapsed(` ${holePlaceholder(this.holes++)} `, inner.span);
          continue;
        }
        const outer = this.collapseTo;
        this.collapseTo ??= inner.span;
        this.collapsed(' ', inner.span);
        this.read(included, fragment, [...including, included]);
        this.collapsed(' ', inner.span);
        this.collapseTo = outer;
        continue;
      }
      if (DYNAMIC.test(name)) this.dynamic = true;
      const [open, close] = wrapping(inner.tag);
      if (open) this.collapsed(` ${open} `, inner.startTag);
      this.read(inner, fragment, including);
      if (close) this.collapsed(` ${close} `, inner.startTag);
    }
  }

  /** A text node or CDATA section: its placeholders bound, its entities decoded (not in CDATA). */
  private addText(span: Span, cdata: boolean): void {
    const raw = this.file.slice(span.start, span.end);
    let at = 0;
    for (let brace = raw.indexOf('{', 1); brace > 0; brace = raw.indexOf('{', brace + 1)) {
      const sigil = raw[brace - 1];
      if (sigil !== '#' && sigil !== '$') continue;
      const close = raw.indexOf('}', brace + 1);
      if (close < 0) break;
      this.addPlain(span.start + at, span.start + brace - 1, cdata);
      this.collapsed(sigil === '#' ? '?' : holePlaceholder(this.holes++), { start: span.start + brace - 1, end: span.start + close + 1 });
      at = close + 1;
      brace = close;
    }
    this.addPlain(span.start + at, span.end, cdata);
  }

  private addPlain(start: number, end: number, cdata: boolean): void {
    if (end <= start) return;
    const raw = this.file.slice(start, end);
    if (this.collapseTo) {
      this.collapsed(cdata ? raw : decodeWithMap(raw, start).text, this.collapseTo);
      return;
    }
    const from = this.text.length;
    if (cdata || !raw.includes('&')) {
      this.text += raw;
      this.segments.push({ sql: { start: from, end: this.text.length }, fileOffset: start, mode: 'exact' });
      return;
    }
    const decoded = decodeWithMap(raw, start);
    this.text += decoded.text;
    this.segments.push({ sql: { start: from, end: this.text.length }, fileOffset: start, mode: 'offsets', map: decoded.map });
  }

  private collapsed(text: string, at: Span): void {
    if (text.length === 0) return;
    const target = this.collapseTo ?? at;
    const from = this.text.length;
    this.text += text;
    this.segments.push({ sql: { start: from, end: this.text.length }, fileOffset: target.start, mode: 'collapsed', fileEnd: target.end });
  }
}

/** The text a dynamic element adds around its body: `<where>` WHERE, `<set>` SET, `<trim>` its prefix and suffix, `<foreach>` open and close. */
function wrapping(tag: XmlStartTag): [string | undefined, string | undefined] {
  switch (tag.name) {
    case 'where':
      return ['WHERE', undefined];
    case 'set':
      return ['SET', undefined];
    case 'trim':
      return [xmlAttribute(tag, 'prefix'), xmlAttribute(tag, 'suffix')];
    case 'foreach':
    case 'iterate':
      return [xmlAttribute(tag, 'open'), xmlAttribute(tag, 'close')];
    default:
      return [undefined, undefined];
  }
}

/** Text with its entities decoded, and the file offset of each character of the result. */
function decodeWithMap(raw: string, fileOffset: number): { text: string; map: number[] } {
  let text = '';
  const map: number[] = [];
  const entity = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([\da-fA-F]{1,6}));/g;
  let at = 0;
  for (let match = entity.exec(raw); match; match = entity.exec(raw)) {
    for (let i = at; i < match.index; i++) map.push(fileOffset + i);
    text += raw.slice(at, match.index);
    const decoded = decodeEntity(match[0], match[1], match[2], match[3]);
    for (let i = 0; i < decoded.length; i++) map.push(fileOffset + match.index);
    text += decoded;
    at = match.index + match[0].length;
  }
  for (let i = at; i < raw.length; i++) map.push(fileOffset + i);
  text += raw.slice(at);
  return { text, map };
}

/** The document element with its elements, text and CDATA sections; comments, processing instructions and the DOCTYPE skipped. */
function xmlDocument(text: string): XmlElement | undefined {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const skipTo = (marker: string, from: number) => {
    const end = text.indexOf(marker, from);
    return end < 0 ? -1 : end + marker.length;
  };
  const addText = (start: number, end: number, cdata: boolean) => {
    const parent = stack[stack.length - 1];
    if (parent && end > start) parent.children.push({ text: { start, end }, cdata });
  };
  let pos = 0;
  while (pos >= 0 && pos < text.length) {
    const lt = text.indexOf('<', pos);
    addText(pos, lt < 0 ? text.length : lt, false);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) pos = skipTo('-->', lt + 4);
    else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      addText(lt + 9, end < 0 ? text.length : end, true);
      pos = end < 0 ? -1 : end + 3;
    } else if (text.startsWith('<?', lt)) pos = skipTo('?>', lt + 2);
    else if (text.startsWith('<!', lt)) pos = skipDoctype(text, lt + 2);
    else if (text.startsWith('</', lt)) {
      const end = text.indexOf('>', lt + 2);
      if (end < 0) break;
      const name = text.slice(lt + 2, end).trim();
      const local = name.slice(name.lastIndexOf(':') + 1);
      // Close up to the element this tag closes; a stray closing tag closes nothing.
      let open = stack.length - 1;
      while (open >= 0 && stack[open].tag.name !== local) open--;
      if (open >= 0) {
        for (let i = open; i < stack.length; i++) stack[i].span = { start: stack[i].span.start, end: end + 1 };
        stack.length = open;
      }
      pos = end + 1;
    } else {
      const tag = xmlStartTag(text, lt + 1);
      if (!tag) break;
      const element: XmlElement = { tag, span: { start: lt, end: tag.end }, startTag: { start: lt, end: tag.end }, children: [] };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push({ element });
      else if (root)
        break; // a second document element: not XML, stop
      else root = element;
      if (!tag.selfClosing) {
        if (stack.length >= MAX_DEPTH) break;
        stack.push(element);
      }
      pos = tag.end;
    }
  }
  // An element left open at the end of the text ends there.
  for (const element of stack) element.span = { start: element.span.start, end: text.length };
  return root;
}

/** After `<!`: a DOCTYPE (with an internal subset in brackets) or another declaration, up to its `>`. */
function skipDoctype(text: string, from: number): number {
  const close = text.indexOf('>', from);
  const bracket = text.indexOf('[', from);
  if (bracket >= 0 && (close < 0 || bracket < close)) {
    const end = text.indexOf(']>', bracket);
    return end < 0 ? -1 : end + 2;
  }
  return close < 0 ? -1 : close + 1;
}
