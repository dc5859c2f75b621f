import type { CommentFact, Span } from './facts.js';

/**
 * Comment facts (text, span, whether the comment stands on its own line) from the comment
 * spans `analyzeSql` found while tokenizing: SQL is scanned once, for statements and
 * suppression directives alike.
 */
export function commentFacts(text: string, spans: readonly Span[] = []): CommentFact[] {
  return spans.map((span) => {
    let p = span.start;
    while (p > 0 && (text[p - 1] === ' ' || text[p - 1] === '\t')) p--;
    const ownLine = p === 0 || text[p - 1] === '\n' || text[p - 1] === '\r';
    return { text: text.slice(span.start, span.end), span: { start: span.start, end: span.end }, ownLine };
  });
}
