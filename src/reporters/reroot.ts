import path from 'node:path';
import type { Diagnostic, LintResult } from '../engine/types.js';

/**
 * The result with every path relative to the repository root (the git root) rather than the
 * project root (the config's folder): CI annotations, SARIF and GitLab reports name files from
 * the top of the checkout, whatever folder the config or the process was in. A project at the
 * repository root is returned as it is.
 */
export function fromRepositoryRoot<T extends LintResult & { lintedFiles?: string[] }>(result: T): T {
  const root = result.repositoryRoot;
  if (!root) return result;
  const prefix = path.relative(root, result.cwd).split(path.sep).join('/');
  if (prefix === '' || prefix === '..' || prefix.startsWith('../') || path.isAbsolute(prefix)) return result;
  const move = (file: string) => `${prefix}/${file}`;
  const moveDiagnostic = (d: Diagnostic): Diagnostic => ({
    ...d,
    file: move(d.file),
    ...(d.related ? { related: d.related.map((r) => ({ ...r, file: move(r.file) })) } : {}),
  });
  return {
    ...result,
    cwd: root,
    diagnostics: result.diagnostics.map(moveDiagnostic),
    ...(result.lintedFiles ? { lintedFiles: result.lintedFiles.map(move) } : {}),
    // The places of what the run read without checking name files as its findings do.
    ...(result.unsupportedSql
      ? {
          unsupportedSql: {
            ...result.unsupportedSql,
            locations: result.unsupportedSql.locations.map((l) => ({ ...l, file: move(l.file) })),
          },
        }
      : {}),
    ...(result.flowSyntax
      ? { flowSyntax: { ...result.flowSyntax, locations: result.flowSyntax.locations.map((l) => ({ ...l, file: move(l.file) })) } }
      : {}),
  };
}
