import { describe, expect, it } from 'vitest';
import { computeLineStarts, positionAt } from '../../src/analysis/text.js';

describe('computeLineStarts', () => {
  it('starts a line after each line feed', () => {
    expect(computeLineStarts('')).toEqual([0]);
    expect(computeLineStarts('select 1')).toEqual([0]);
    expect(computeLineStarts('a\nbc\n')).toEqual([0, 2, 5]);
    expect(computeLineStarts('\n\n\n')).toEqual([0, 1, 2, 3]);
  });

  it('counts \\r\\n once and a lone \\r as a line end', () => {
    expect(computeLineStarts('a\r\nbc\r\n')).toEqual([0, 3, 7]);
    expect(computeLineStarts('a\rb\nc\r\n\rd')).toEqual([0, 2, 4, 7, 8]);
    expect(computeLineStarts('\r')).toEqual([0, 1]);
  });

  it('gives the same lines whatever ends them', () => {
    const lines = ['SELECT id', '  FROM patients', '', 'WHERE id = ?;', ''];
    const lf = computeLineStarts(lines.join('\n'));
    const crlf = computeLineStarts(lines.join('\r\n'));
    expect(lf.map((start) => positionAt(lf, start).line)).toEqual([1, 2, 3, 4, 5]);
    expect(crlf.map((start) => positionAt(crlf, start).line)).toEqual([1, 2, 3, 4, 5]);
    expect(crlf.map((start, i) => start - lf[i])).toEqual([0, 1, 2, 3, 4]);
  });
});
