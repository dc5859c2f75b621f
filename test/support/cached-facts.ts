/**
 * Facts as the one-file path meets them (issue 16): a script analysed this run, and an unchanged file the facts cache
 * gives with its summary stored beside it and the rest decoded on first read, each decode recorded, so a test can pin
 * that a run-level question reads summaries and decodes none.
 */
import type { FactsSummary, FileFacts } from '../../src/analysis/facts.js';
import { lazyFacts } from '../../src/analysis/facts-codec.js';
import { summariseFacts } from '../../src/analysis/facts-summary.js';
import { computeLineStarts } from '../../src/analysis/text.js';
import { extractScript } from '../../src/analysis/typescript/index.js';

/** A script's facts as the analysis makes them (hash `hash of <path>`). */
export function scriptFacts(path: string, text: string): FileFacts {
  return {
    path,
    kind: 'script',
    hash: `hash of ${path}`,
    lineStarts: computeLineStarts(text),
    text,
    comments: [],
    problems: [],
    script: extractScript(path, text).script,
  };
}

/** `file` as the cache gives it unchanged: its summary (with `summary` over it), its path pushed on `decodes` when decoded. */
export function cachedFacts(file: FileFacts, decodes: string[], summary: Partial<FactsSummary> = {}): FileFacts {
  const { text: _text, ...stored } = file;
  return lazyFacts(
    file.path,
    file.hash,
    { ...summariseFacts(stored), ...summary },
    () => {
      decodes.push(file.path);
      return stored;
    },
    () => {
      throw new Error(`${file.path} did not decode`);
    },
  ) as FileFacts;
}
