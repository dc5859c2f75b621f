import type { EmbeddedSql, FileFacts, Range, SourceSegment, Span } from './facts.js';
import { spanToRange } from './text.js';

/** File offset of a character of assembled SQL text. `edge` picks the end of a collapsed hole. */
function fileOffsetOf(segments: readonly SourceSegment[], sqlOffset: number, edge: 'start' | 'end'): number | undefined {
  for (const segment of segments) {
    const { start, end } = segment.sql;
    const inside = edge === 'start' ? sqlOffset >= start && sqlOffset < end : sqlOffset > start && sqlOffset <= end;
    if (!inside) continue;
    const delta = sqlOffset - start;
    switch (segment.mode) {
      case 'exact':
        return segment.fileOffset + delta;
      case 'offsets': {
        const map = segment.map ?? [];
        if (edge === 'end') return (map[delta - 1] ?? segment.fileOffset) + 1;
        return map[delta] ?? segment.fileOffset;
      }
      case 'collapsed':
        return edge === 'start' ? segment.fileOffset : (segment.fileEnd ?? segment.fileOffset);
    }
  }
  return undefined;
}

/** Maps a span of an embedded SQL text to the file span it came from. */
export function embeddedToFileSpan(site: EmbeddedSql, span: Span): Span {
  const start = fileOffsetOf(site.segments, span.start, 'start') ?? site.fileSpan.start;
  const end = fileOffsetOf(site.segments, span.end, 'end') ?? Math.max(start, site.fileSpan.end);
  return { start, end: Math.max(start, end) };
}

/** A locator turning spans of one SQL text (a .sql file or an embedded string) into file ranges. */
export function sqlLocator(file: FileFacts, site?: EmbeddedSql): (span: Span) => Range {
  if (!site) return (span) => spanToRange(file.lineStarts, span);
  return (span) => spanToRange(file.lineStarts, embeddedToFileSpan(site, span));
}
