/**
 * Assembling embedded SQL text from pieces of the file while keeping a
 * `SourceSegment` map from every SQL character back to a file offset.
 */
import type { SourceSegment, Span } from '../facts.js';
import type { CookedText } from './literals.js';
import { holePlaceholder } from './placeholder.js';

export class SqlAssembly {
  private chunks: string[] = [];
  length = 0;
  readonly segments: SourceSegment[] = [];
  /** Number of unresolved holes replaced by placeholders so far. */
  holes = 0;

  get text(): string {
    if (this.chunks.length > 1) this.chunks = [this.chunks.join('')];
    return this.chunks[0] ?? '';
  }

  /** Appends literal text whose characters are mapped by `cooked`. */
  appendCooked(cooked: CookedText): void {
    const len = cooked.text.length;
    if (len === 0) return;
    const sql = { start: this.length, end: this.length + len };
    if (cooked.map === null) {
      this.segments.push({ sql, fileOffset: cooked.rawStart, mode: 'exact', fileEnd: cooked.rawStart + len });
    } else {
      this.segments.push({ sql, fileOffset: cooked.map[0], mode: 'offsets', map: cooked.map, fileEnd: cooked.rawEnd });
    }
    this.push(cooked.text);
  }

  /** Appends text (a resolved constant, a separator) that maps as a whole to `span`. */
  appendCollapsed(text: string, span: Span): void {
    if (text.length === 0) return;
    this.segments.push({
      sql: { start: this.length, end: this.length + text.length },
      fileOffset: span.start,
      mode: 'collapsed',
      fileEnd: span.end,
    });
    this.push(text);
  }

  /** Appends a placeholder identifier for an expression whose value is unknown; returns the hole's index. */
  appendHole(span: Span): number {
    const index = this.holes++;
    this.appendCollapsed(holePlaceholder(index), span);
    return index;
  }

  /**
   * This text with the ranges `[start, end)` (in text order, not overlapping) replaced by texts that map as
   * a whole to a file span, as a resolved constant does. A range not inside one literal piece (exact or
   * per-character) is left as it is.
   */
  withReplacements(replacements: ReadonlyArray<{ start: number; end: number; text: string; span: Span }>): SqlAssembly {
    const out = new SqlAssembly();
    out.holes = this.holes;
    const text = this.text;
    let next = 0;
    for (const seg of this.segments) {
      let from = seg.sql.start;
      while (next < replacements.length && replacements[next].end <= seg.sql.end) {
        const r = replacements[next++];
        if (r.start < from || seg.mode === 'collapsed') continue;
        out.appendPart(seg, from, r.start, text);
        out.appendCollapsed(r.text, r.span);
        from = r.end;
      }
      out.appendPart(seg, from, seg.sql.end, text);
    }
    return out;
  }

  /** Appends `[from, to)` of `text`, which lies inside `seg`, mapped as `seg` maps it. */
  private appendPart(seg: SourceSegment, from: number, to: number, text: string): void {
    if (from >= to) return;
    const sql = { start: this.length, end: this.length + to - from };
    const rel = from - seg.sql.start;
    if (seg.mode === 'exact') {
      this.segments.push({ sql, fileOffset: seg.fileOffset + rel, mode: 'exact', fileEnd: seg.fileOffset + to - seg.sql.start });
    } else if (seg.mode === 'offsets' && seg.map) {
      const map = seg.map.slice(rel, to - seg.sql.start);
      const fileEnd = to === seg.sql.end ? seg.fileEnd : seg.map[to - seg.sql.start];
      this.segments.push({ sql, fileOffset: map[0], mode: 'offsets', map, ...(fileEnd !== undefined ? { fileEnd } : {}) });
    } else {
      this.segments.push({ ...seg, sql });
    }
    this.push(text.slice(from, to));
  }

  private push(s: string): void {
    this.chunks.push(s);
    this.length += s.length;
  }
}

function findSegment(segments: readonly SourceSegment[], offset: number): SourceSegment | undefined {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const seg = segments[mid];
    if (offset < seg.sql.start) hi = mid - 1;
    else if (offset >= seg.sql.end) lo = mid + 1;
    else return seg;
  }
  return undefined;
}

/** File offset of the SQL character at `offset`, or undefined when outside every segment. */
export function sqlOffsetToFile(segments: readonly SourceSegment[], offset: number): number | undefined {
  const seg = findSegment(segments, offset);
  if (!seg) return undefined;
  const rel = offset - seg.sql.start;
  switch (seg.mode) {
    case 'exact':
      return seg.fileOffset + rel;
    case 'offsets':
      return seg.map?.[rel] ?? seg.fileOffset;
    default:
      return seg.fileOffset;
  }
}

/**
 * File span covered by a span of the SQL text. A span inside a collapsed segment
 * (a hole or a resolved constant) maps to the whole hole expression.
 */
export function sqlSpanToFile(segments: readonly SourceSegment[], span: Span): Span | undefined {
  const first = findSegment(segments, span.start);
  const lastIndex = Math.max(span.start, span.end - 1);
  const last = findSegment(segments, lastIndex);
  if (!first || !last) return undefined;
  const start = first.mode === 'collapsed' ? first.fileOffset : sqlOffsetToFile(segments, span.start)!;
  let end: number;
  const rel = span.end - last.sql.start;
  switch (last.mode) {
    case 'exact':
      end = last.fileOffset + rel;
      break;
    case 'offsets':
      end = rel < (last.map?.length ?? 0) ? last.map![rel] : (last.fileEnd ?? last.fileOffset);
      break;
    default:
      end = last.fileEnd ?? last.fileOffset;
  }
  return { start, end: Math.max(start, end) };
}
