import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { EmbeddedSql, Range, Span } from '../../../src/analysis/facts.js';
import { computeLineStarts, spanToRange } from '../../../src/analysis/text.js';
import { extractScript, sqlSpanToFile, type ScriptExtractOptions } from '../../../src/analysis/typescript/index.js';
import { onlyImportsPossible } from '../../../src/analysis/typescript/prefilter.js';

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../../fixtures/typescript/${name}`, import.meta.url));
}

export function readFixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

export function extractFixture(name: string, options?: ScriptExtractOptions) {
  const text = readFixture(name);
  return { text, ...extractScript(name, text, options) };
}

export function rangeOf(text: string, span: Span): Range {
  return spanToRange(computeLineStarts(text), span);
}

/** File range of the `occurrence`-th `needle` inside an embedded SQL text, mapped through its segments. */
export function sqlNeedleRange(text: string, site: EmbeddedSql, needle: string, occurrence = 0): Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = site.text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' not found in ${JSON.stringify(site.text)}`);
  }
  const span = sqlSpanToFile(site.segments, { start: at, end: at + needle.length });
  if (!span) throw new Error(`'${needle}' is not mapped`);
  return rangeOf(text, span);
}

export function sqlNeedleFileText(text: string, site: EmbeddedSql, needle: string, occurrence = 0): string {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = site.text.indexOf(needle, at + 1);
  const span = sqlSpanToFile(site.segments, { start: at, end: at + needle.length })!;
  return text.slice(span.start, span.end);
}

/** Finds the embedded SQL whose text contains `needle`. */
export function siteWith(sites: EmbeddedSql[], needle: string): EmbeddedSql {
  const found = sites.filter((s) => s.text.includes(needle));
  if (found.length !== 1) throw new Error(`expected one site containing '${needle}', found ${found.length}`);
  return found[0];
}

/** Every segment must be well-formed: contiguous SQL spans, maps of the right length, offsets inside the file. */
export function assertSegmentsWellFormed(text: string, site: EmbeddedSql): void {
  let expected = 0;
  for (const seg of site.segments) {
    if (seg.sql.start !== expected) throw new Error(`segment gap at ${seg.sql.start}, expected ${expected}`);
    if (seg.sql.end <= seg.sql.start) throw new Error('empty segment');
    if (seg.mode === 'offsets' && seg.map?.length !== seg.sql.end - seg.sql.start) throw new Error('map length mismatch');
    if (
      seg.mode === 'exact' &&
      text.slice(seg.fileOffset, seg.fileOffset + seg.sql.end - seg.sql.start) !== site.text.slice(seg.sql.start, seg.sql.end)
    ) {
      throw new Error(`exact segment text mismatch at ${seg.fileOffset}`);
    }
    if (seg.fileOffset < 0 || seg.fileOffset > text.length) throw new Error('file offset out of range');
    expected = seg.sql.end;
  }
  if (expected !== site.text.length) throw new Error(`segments cover ${expected} of ${site.text.length}`);
}

/**
 * Compares the scanner's facts with a full parse's on each of `files` (under `base`) that qualifies; how many did.
 * Used by imports-fast-path.test.ts (fixtures) and test/e2e/imports-fast-path-generated.test.ts (generated code).
 */
export function compareOn(base: string, files: string[]): number {
  let qualifying = 0;
  for (const file of files) {
    const text = readFileSync(path.join(base, file), 'utf8');
    if (!onlyImportsPossible(text)) continue;
    qualifying++;
    const fast = extractScript(file, text);
    const full = extractScript(file, text, { scanImportOnlyFiles: false });
    expect(fast.script, file).toEqual(full.script);
  }
  return qualifying;
}
