/**
 * Config paths that match nothing. A mistyped root (`service/billing`) would otherwise drop a
 * service without a word, and a stale `ignores` entry, schema glob or `overrides` path would do nothing silently:
 * each becomes a warning naming its key path.
 */
import type { NilecareConfig } from '../config/schema.js';
import { diskTree, foldersOf, type SourceTree } from '../io/source-tree.js';
import { compileGlob, hasGlobSyntax, trimFolderPattern } from '../config/glob.js';
import { folderGlob, type Discovery } from './discover.js';

export function unmatchedConfigPaths(config: NilecareConfig, discovery: Discovery, root: string | SourceTree): string[] {
  const tree = typeof root === 'string' ? diskTree(root) : root;
  const warnings: string[] = [];
  let folders: string[] | undefined;
  const listedFolders = () => (folders ??= [...foldersOf(discovery.listed)]);

  /** A folder key: a real folder (not a symlink: discovery never enters one), or a glob matching a listed folder or file. */
  const checkFolder = (key: string, entry: string, consequence: string) => {
    const clean = trimFolderPattern(entry) || '.';
    if (!hasGlobSyntax(clean)) {
      const found = tree.entry(clean);
      if (found === 'folder') return;
      if (found === 'symlink') {
        warnings.push(`${key}: '${entry}' is a symbolic link; nilecare-lint does not follow linked folders${consequence}`);
        return;
      }
    }
    const matches = folderGlob(clean);
    if (!listedFolders().some(matches) && !discovery.listed.some(matches))
      warnings.push(`${key}: '${entry}' matches no folder${consequence}`);
  };

  config.services?.forEach((service, i) => {
    service.roots.forEach((root, j) =>
      checkFolder(`services[${i}].roots[${j}]`, root, `, so service '${service.name}' gets no files from it`),
    );
    service.migrations?.forEach((glob, j) => checkFolder(`services[${i}].migrations[${j}]`, glob, ''));
  });
  config.sharedPackages?.forEach((glob, i) => checkFolder(`sharedPackages[${i}]`, glob, ''));
  config.schemaFiles?.forEach((entry, i) => {
    const matches = compileGlob(entry.files);
    if (!discovery.listed.some((file) => matches(file))) warnings.push(`schemaFiles[${i}].files: '${entry.files}' matches no file`);
  });
  // A mistyped `files` would leave the rules set as in "rules" there, looking configured.
  config.overrides?.forEach((override, i) =>
    override.files.forEach((glob, j) => {
      const matches = folderGlob(glob);
      if (!discovery.listed.some(matches))
        warnings.push(`overrides[${i}].files[${j}]: '${glob}' matches no file, so its rules apply nowhere`);
    }),
  );
  config.ignores?.forEach((glob, i) => {
    const matches = folderGlob(glob);
    if (!discovery.candidates.some(matches)) warnings.push(`ignores[${i}]: '${glob}' matches no file nilecare-lint would read`);
  });
  return warnings;
}

/**
 * `--ignore-pattern` globs that match nothing, named as typed: a mistyped ignore in a CI step would
 * otherwise look applied, where the same glob in the config's `ignores` is warned about.
 */
export function unmatchedIgnorePatterns(patterns: ReadonlyArray<{ pattern: string; typed: string }>, discovery: Discovery): string[] {
  return patterns
    .filter(({ pattern }) => !discovery.candidates.some(folderGlob(pattern)))
    .map(({ typed }) => `--ignore-pattern '${typed}' matches no file nilecare-lint would read`);
}
