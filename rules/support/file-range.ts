/**
 * Where a file-level span is, for rules that report on a file's own problems. Rules see facts,
 * not parsers; the line table is part of the facts, and this is its one reading.
 */
export { spanToRange } from '../../src/analysis/text.js';
