/**
 * The run's count of Flow-typed files whose syntax TypeScript's parser did not check (src/model/flow-syntax.ts): the
 * same from facts at hand and from cached facts, which answer from their summary (FactsSummary.flowSyntax) so that a
 * warm one-file run decodes none of them (issue 16).
 */
import { describe, expect, it } from 'vitest';
import { summarizeFlowSyntax } from '../../src/model/flow-syntax.js';
import { scriptFacts, cachedFacts } from '../support/cached-facts.js';

const FLOW = "// @flow\nexport type Flag = {|\n  id: string,\n|};\nexport const f = (db) => db.query('SELECT id FROM flags');\n";
const PLAIN = "export const g = (db) => db.query('SELECT id FROM flags');\n";
const files = () => [scriptFacts('src/flags.js', FLOW), scriptFacts('src/plain.js', PLAIN), scriptFacts('src/other.js', FLOW)];
const every = new Set(['src/flags.js', 'src/plain.js', 'src/other.js']);

describe('summarizeFlowSyntax', () => {
  it('from facts at hand: each selected Flow file where the parser first stopped, in path order', () => {
    const summary = summarizeFlowSyntax(files(), every);
    expect(summary.files).toBe(2);
    expect(summary.locations.map(({ file, line }) => `${file}:${line}`)).toEqual(['src/flags.js:2', 'src/other.js:2']);
    expect(summary.locations[0].syntaxErrors).toBeGreaterThan(0);
  });

  it('a file outside the selection is not counted', () => {
    expect(summarizeFlowSyntax(files(), new Set(['src/plain.js', 'src/other.js'])).locations.map((l) => l.file)).toEqual(['src/other.js']);
  });

  it('cached facts answer the same from their summary and none is decoded', () => {
    const decodes: string[] = [];
    const cached = files().map((file) => cachedFacts(file, decodes));
    expect(summarizeFlowSyntax(cached, every)).toEqual(summarizeFlowSyntax(files(), every));
    expect(decodes).toEqual([]);
  });
});
