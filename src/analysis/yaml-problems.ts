import type { YAMLError } from 'yaml';
import type { SyntaxProblem } from './facts.js';

/**
 * One problem for a YAML document the parser rejected, at its first error. The message is the
 * parser's own (without pretty context, which would quote the source and take quadratic time)
 * and never the document's text: a rejected Secret still holds secrets.
 */
export function rejectedDocument(errors: readonly YAMLError[], offset: number): SyntaxProblem {
  const first = errors[0];
  const [start, end] = first.pos;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
  return {
    message: `the YAML parser rejected it: ${first.message.replace(/\.$/, '')} [${first.code}]${more}`,
    fileSpan: { start: offset + start, end: offset + Math.max(start, end) },
    unanalysed: 'rejected-document',
  };
}
