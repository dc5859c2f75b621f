/**
 * Where an import points inside the repository, as TypeScript's resolver would find it without
 * reading node_modules: relative specifiers (with the extensions and `index` files it tries, and
 * `.js` written for a `.ts` source), and the `compilerOptions.paths` / `baseUrl` of the
 * tsconfig.json nearest to the importing file, following `extends`; then the repository's own
 * workspace packages by name (`@acme/billing-db`, `@acme/billing-db/entities`), through their
 * `exports` / `types` / `main`, read back from `dist/` to the sources when only sources exist.
 * Other package imports resolve to nothing: the repository's code is what ownership is about.
 */
import { withoutTrailingSlashes } from '../io/repository-paths.js';
import path from 'node:path';
import type { FileFacts, TsconfigFacts } from '../analysis/facts.js';
import type { WorkspacePackage } from './workspace-packages.js';

export interface ResolvedModule {
  /** Repo-relative posix path the specifier names: a file, or a folder / file the run did not read. */
  path: string;
  /** The file it resolves to, when the repository has it. */
  file?: string;
}

export interface ModuleResolver {
  resolve(fromFile: string, specifier: string): ResolvedModule | undefined;
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** `import './x.js'` in TypeScript names `x.ts` (and `.mjs` → `.mts`, `.cjs` → `.cts`). */
const SOURCE_FOR_OUTPUT: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
const MAX_EXTENDS = 8;

/** The repo-relative path a relative specifier points at, or undefined (bare, absolute, outside the repository). */
export function resolveRelative(fromFile: string, specifier: string): string | undefined {
  if (!/^\.\.?(?:\/|$)/.test(specifier)) return undefined;
  return inRepository(path.posix.join(path.posix.dirname(fromFile), specifier));
}

function inRepository(target: string): string | undefined {
  const normalized = withoutTrailingSlashes(path.posix.normalize(target));
  if (normalized === '..' || normalized.startsWith('../') || normalized.startsWith('/')) return undefined;
  return normalized === '.' ? '' : normalized;
}

interface PathMapping {
  /** Patterns of `paths`, longest prefix first (TypeScript's order of preference). */
  patterns: Array<{ prefix: string; suffix: string; wildcard: boolean; targets: string[] }>;
  /** The folder `paths` targets are relative to: `baseUrl`, else the folder of the tsconfig declaring `paths`. */
  base: string;
  /** `baseUrl`, for bare specifiers that no pattern maps. */
  baseUrl?: string;
}

/** Build output folders whose files come from `src/` (`dist/index.js` ← `src/index.ts`). */
const OUTPUT_FOLDER = /^(?:dist|build|lib|out|esm|cjs)(?:\/|$)/;

/** What module resolution reads of a run, as plain data: every file's path, the tsconfigs, the workspace packages. */
export interface ModuleIndex {
  paths: string[];
  tsconfigs: Array<[path: string, tsconfig: TsconfigFacts]>;
  workspaces: WorkspacePackage[];
}

export function moduleIndexOf(files: readonly FileFacts[], workspaces: readonly WorkspacePackage[] = []): ModuleIndex {
  const tsconfigs: ModuleIndex['tsconfigs'] = [];
  for (const file of files) if (file.tsconfig) tsconfigs.push([file.path, file.tsconfig]);
  return { paths: files.map((f) => f.path), tsconfigs, workspaces: [...workspaces] };
}

export function createModuleResolver(files: readonly FileFacts[], workspaces: readonly WorkspacePackage[] = []): ModuleResolver {
  return moduleResolverOf(moduleIndexOf(files, workspaces));
}

export function moduleResolverOf(index: ModuleIndex): ModuleResolver {
  const known = new Set(index.paths);
  const packageByName = new Map(index.workspaces.map((p) => [p.name, p]));
  const tsconfigs = new Map(index.tsconfigs);
  const mappings = new Map<string, PathMapping | undefined>();
  const cache = new Map<string, ResolvedModule | undefined>();

  /** A file for `target` as TypeScript would pick it: itself, with an extension, its source for an output extension, or its index. */
  const fileFor = (target: string): string | undefined => {
    if (known.has(target)) return target;
    for (const ext of EXTENSIONS) if (known.has(target + ext)) return target + ext;
    const ext = path.posix.extname(target);
    for (const source of SOURCE_FOR_OUTPUT[ext] ?? []) {
      const candidate = target.slice(0, -ext.length) + source;
      if (known.has(candidate)) return candidate;
    }
    const prefix = target === '' ? 'index' : `${target}/index`;
    for (const e of EXTENSIONS) if (known.has(prefix + e)) return prefix + e;
    return undefined;
  };

  /** The effective `paths` / `baseUrl` of a tsconfig, with what it extends. */
  const mappingOf = (configPath: string, depth = 0): PathMapping | undefined => {
    if (mappings.has(configPath)) return mappings.get(configPath);
    mappings.set(configPath, undefined); // a cycle of `extends` ends here
    const config = tsconfigs.get(configPath);
    if (!config || depth > MAX_EXTENDS) return undefined;
    const dir = path.posix.dirname(configPath) === '.' ? '' : path.posix.dirname(configPath);
    let inherited: PathMapping | undefined;
    for (const parent of config.extends ?? []) {
      const parentPath = extendedConfig(dir, parent);
      const parentMapping = parentPath ? mappingOf(parentPath, depth + 1) : undefined;
      // With several bases (TypeScript 5), later ones override earlier ones.
      if (parentMapping) inherited = { ...inherited, ...parentMapping, baseUrl: parentMapping.baseUrl ?? inherited?.baseUrl };
    }
    const baseUrl = config.baseUrl !== undefined ? inRepository(path.posix.join(dir, config.baseUrl)) : inherited?.baseUrl;
    const patterns = config.paths ? compilePatterns(config.paths) : inherited?.patterns;
    const base = baseUrl ?? (config.paths ? dir : inherited?.base);
    const mapping = patterns || baseUrl !== undefined ? { patterns: patterns ?? [], base: base ?? dir, baseUrl } : undefined;
    mappings.set(configPath, mapping);
    return mapping;
  };

  const extendedConfig = (dir: string, parent: string): string | undefined => {
    if (!/^\.\.?(?:\/|$)/.test(parent)) return undefined; // a package (`@tsconfig/node20/tsconfig.json`): not in the repository
    const target = inRepository(path.posix.join(dir, parent));
    if (target === undefined) return undefined;
    if (tsconfigs.has(target)) return target;
    return tsconfigs.has(`${target}.json`) ? `${target}.json` : undefined;
  };

  /** The nearest `tsconfig.json` (or `jsconfig.json`) in the folders from `fromFile` up to the root. */
  const nearestConfig = (fromFile: string): string | undefined => {
    let dir = path.posix.dirname(fromFile);
    for (;;) {
      const prefix = dir === '.' ? '' : `${dir}/`;
      for (const name of ['tsconfig.json', 'jsconfig.json']) if (tsconfigs.has(prefix + name)) return prefix + name;
      if (dir === '.' || dir === '') return undefined;
      dir = path.posix.dirname(dir);
    }
  };

  const viaPaths = (fromFile: string, specifier: string): ResolvedModule | undefined => {
    const configPath = nearestConfig(fromFile);
    const mapping = configPath ? mappingOf(configPath) : undefined;
    if (!mapping) return undefined;
    let firstTarget: string | undefined;
    for (const pattern of mapping.patterns) {
      const matched = matchPattern(pattern, specifier);
      if (matched === undefined) continue;
      for (const target of pattern.targets) {
        const candidate = inRepository(path.posix.join(mapping.base, target.replace('*', matched)));
        if (candidate === undefined) continue;
        const file = fileFor(candidate);
        if (file) return { path: candidate, file };
        firstTarget ??= candidate;
      }
      // TypeScript stops at the best-matching pattern even when none of its targets exists.
      return firstTarget === undefined ? undefined : { path: firstTarget };
    }
    if (mapping.baseUrl !== undefined) {
      const candidate = inRepository(path.posix.join(mapping.baseUrl, specifier));
      const file = candidate === undefined ? undefined : fileFor(candidate);
      if (candidate !== undefined && file) return { path: candidate, file };
    }
    return undefined;
  };

  /** The sources a package file stands for: itself, else its `src/` twin of a build output path (`.d.ts` read as `.ts`). */
  const sourceFor = (folder: string, target: string): { path: string; file?: string } | undefined => {
    const inPackage = inRepository(path.posix.join(folder, target));
    if (inPackage === undefined || (folder !== '' && inPackage !== folder && !inPackage.startsWith(`${folder}/`))) return undefined;
    const relative = folder === '' ? inPackage : inPackage.slice(folder.length + 1);
    const withoutDeclaration = relative.replace(/\.d\.([cm]?)ts$/, '.$1js');
    const candidates = [withoutDeclaration];
    if (OUTPUT_FOLDER.test(withoutDeclaration)) {
      const inside = withoutDeclaration.replace(OUTPUT_FOLDER, '');
      // tsc with `rootDir: src` (dist/x.js ← src/x.ts), or with the package root as rootDir (dist/src/x.js).
      candidates.push(`src/${inside}`, inside);
    }
    for (const candidate of candidates) {
      const full = folder === '' ? candidate : `${folder}/${candidate}`;
      const file = fileFor(withoutTrailingSlashes(full));
      if (file) return { path: full, file };
    }
    return undefined;
  };

  /** A workspace package imported by name, at the file its manifest points importers to. */
  const viaWorkspace = (specifier: string): ResolvedModule | undefined => {
    const parts = specifier.split('/');
    const nameLength = specifier.startsWith('@') ? 2 : 1;
    const pkg = packageByName.get(parts.slice(0, nameLength).join('/'));
    if (!pkg) return undefined;
    const subpath = parts.slice(nameLength).join('/');
    const entries = pkg.entries;
    const targets: string[] = [];
    if (entries?.exports) targets.push(...exportTargets(entries.exports, subpath === '' ? '.' : `./${subpath}`));
    else if (subpath !== '') targets.push(subpath);
    else targets.push(...[entries?.types, entries?.module, entries?.main].filter((t): t is string => t !== undefined));
    // Without a usable entry, the layout most packages have.
    targets.push(...(subpath === '' ? ['src/index', 'index'] : [`src/${subpath}`, subpath]));
    for (const target of targets) {
      const found = sourceFor(pkg.folder, target);
      if (found) return found;
    }
    return { path: subpath === '' ? pkg.folder : `${pkg.folder}/${subpath}` };
  };

  return {
    resolve(fromFile, specifier) {
      const relative = resolveRelative(fromFile, specifier);
      const key = relative === undefined ? `${nearestConfig(fromFile) ?? ''}\0${specifier}` : `\0${relative}`;
      if (cache.has(key)) return cache.get(key);
      let resolved: ResolvedModule | undefined;
      if (relative !== undefined) {
        const file = fileFor(relative);
        resolved = file ? { path: relative, file } : { path: relative };
      } else if (!specifier.startsWith('/') && !/^[a-z][\w+.-]*:/i.test(specifier)) {
        resolved = viaPaths(fromFile, specifier) ?? viaWorkspace(specifier);
      }
      cache.set(key, resolved);
      return resolved;
    },
  };
}

function compilePatterns(paths: Record<string, string[]>): PathMapping['patterns'] {
  return Object.entries(paths)
    .filter(([pattern]) => (pattern.match(/\*/g) ?? []).length <= 1)
    .map(([pattern, targets]) => {
      const star = pattern.indexOf('*');
      return star < 0
        ? { prefix: pattern, suffix: '', wildcard: false, targets }
        : { prefix: pattern.slice(0, star), suffix: pattern.slice(star + 1), wildcard: true, targets };
    })
    .sort((a, b) => Number(a.wildcard) - Number(b.wildcard) || b.prefix.length - a.prefix.length);
}

/** What `*` matches when `specifier` fits the pattern ('' for an exact pattern), else undefined. */
function matchPattern(pattern: PathMapping['patterns'][number], specifier: string): string | undefined {
  if (!pattern.wildcard) return specifier === pattern.prefix ? '' : undefined;
  if (specifier.length < pattern.prefix.length + pattern.suffix.length) return undefined;
  if (!specifier.startsWith(pattern.prefix) || !specifier.endsWith(pattern.suffix)) return undefined;
  return specifier.slice(pattern.prefix.length, specifier.length - pattern.suffix.length);
}

/** The targets `exports` gives a subpath: its own entry, else the longest `./x/*` pattern it fits, `*` filled in. */
function exportTargets(exports: Record<string, string[]>, subpath: string): string[] {
  if (exports[subpath]) return exports[subpath];
  let best: { prefix: string; suffix: string; targets: string[] } | undefined;
  for (const [key, targets] of Object.entries(exports)) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.length < prefix.length + suffix.length || !subpath.startsWith(prefix) || !subpath.endsWith(suffix)) continue;
    if (!best || prefix.length > best.prefix.length) best = { prefix, suffix, targets };
  }
  if (!best) return [];
  const matched = subpath.slice(best.prefix.length, subpath.length - best.suffix.length);
  return best.targets.map((t) => t.replaceAll('*', matched));
}
