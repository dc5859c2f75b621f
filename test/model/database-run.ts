/**
 * Lints an in-memory repository and lists each service's databases as one line each, in the form the
 * calling test reads best (name and host, kind, sources with their keys): the model tests of
 * database evidence assert those lines and the findings of the same run.
 */
import { expect } from 'vitest';
import { lint, type LintRun } from '../../src/lint.js';
import type { Service } from '../../src/model/model.js';
import { memoryTree } from '../../src/io/source-tree.js';

type Database = Service['databases'][number];

export async function lintDatabases(
  files: Record<string, string>,
  root: string,
  line: (database: Database) => string,
): Promise<{ result: LintRun; databases: Record<string, string[]> }> {
  const tree = memoryTree(files, { root });
  const result = await lint({ cwd: tree.root, tree });
  expect(result.internalErrors).toEqual([]);
  const databases = Object.fromEntries(result.model.services.map((s) => [s.name, s.databases.map(line)]));
  return { result, databases };
}

/** `file:line:column` of a database's source. */
export const at = (source: Database['sources'][number]) => `${source.file}:${source.range.line}:${source.range.column}`;
