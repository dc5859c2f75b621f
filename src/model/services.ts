import path from 'node:path';
import type { NilecareConfig, ServiceConfig } from '../config/schema.js';
import { isInside, realPathOf, realRoot } from '../io/repository-paths.js';
import { compileFolderGlob, hasGlobSyntax, trimFolderPattern } from '../config/glob.js';
import type { PackageIndex } from './packages.js';
import { discoverServices, type ListedFiles, type ServiceDiscovery } from './service-discovery.js';

export interface ServiceSetup {
  services: ServiceConfig[];
  /** True when the config names no services and they were discovered. */
  inferred: boolean;
  /** What discovery found and set aside, when the services were discovered. */
  discovery?: ServiceDiscovery;
  /** Roots changed to their real folders, or dropped, and why. */
  notices: string[];
  /** A discovered service's package.json folder where it is below the service's root (its drivers are declared there). */
  packageFolders?: ReadonlyMap<string, string>;
}

/**
 * The configured services, or the discovered ones when the config names none, from the files
 * discovery listed (see `discoverServices`).
 */
export function configuredServices(cwd: string, config: NilecareConfig, listing: ListedFiles, packages: PackageIndex): ServiceSetup {
  if (config.services && config.services.length > 0) {
    const notices: string[] = [];
    // Only a folder on disk has links to resolve; a tree in memory or a commit's holds its files under their own names.
    if (!packages.tree.onDisk) return { services: config.services, inferred: false, notices };
    return { services: config.services.map((service) => withRealRoots(cwd, service, notices)), inferred: false, notices };
  }
  const discovery = discoverServices(cwd, listing, packages, config.ignores ?? []);
  const below = discovery.services.filter((service) => service.packageRoot !== undefined);
  return {
    services: discovery.services.map((service) => ({
      name: service.name,
      roots: [service.root, ...(service.clientRoots ?? []), ...(service.schemaRoots ?? [])],
      ...(service.migrationFolders ? { migrations: service.migrationFolders } : {}),
    })),
    inferred: true,
    discovery,
    notices: [],
    ...(below.length > 0 ? { packageFolders: new Map(below.map((service) => [service.name, service.packageRoot!])) } : {}),
  };
}

/**
 * Files are read under their real paths (discovery never enters a linked folder), so a root that
 * is a symbolic link (`apps/auth -> ../services/auth`) would own no file: it becomes the folder it
 * points to. A root leading out of the repository is dropped: nothing there is read.
 */
function withRealRoots(cwd: string, service: ServiceConfig, notices: string[]): ServiceConfig {
  let changed = false;
  const roots: string[] = [];
  for (const root of service.roots) {
    const clean = trimFolderPattern(root);
    if (hasGlobSyntax(clean) || clean === '' || clean === '.') {
      roots.push(root);
      continue;
    }
    const real = realFolder(cwd, clean);
    if (real === clean || real === undefined) roots.push(root);
    else if (real === null) {
      changed = true;
      notices.push(`services '${service.name}': root '${root}' is a symbolic link that leads outside the repository; it was dropped.`);
    } else {
      changed = true;
      if (!roots.includes(real)) roots.push(real);
      notices.push(`services '${service.name}': root '${root}' is a symbolic link; its real folder '${real}' is used.`);
    }
  }
  return changed ? { ...service, roots } : service;
}

/** The real repo-relative folder of `root`; undefined when it does not exist, null when it leads outside. */
function realFolder(cwd: string, root: string): string | null | undefined {
  const real = realPathOf(path.resolve(cwd, root));
  if (real === undefined) return undefined;
  const realCwd = realRoot(cwd);
  if (!isInside(real, realCwd)) return null;
  return path.relative(realCwd, real).split(path.sep).join('/') || '.';
}

/**
 * Matches a repo-relative path to the service whose root holds it (the most specific root wins),
 * else to the service whose configured `migrations` folders outside its roots hold it (the audit's
 * root `migrations/<service>/` folders): a service's migrations are its files wherever they are.
 */
export function createServiceMatcher(
  services: ReadonlyArray<{ name: string; roots: readonly string[]; migrations?: readonly string[] }>,
): (file: string) => string | undefined {
  const byRoot = folderMatcher(services.map((s) => ({ name: s.name, folders: s.roots })));
  const withMigrations = services.filter((s) => s.migrations && s.migrations.length > 0);
  if (withMigrations.length === 0) return byRoot;
  const byMigrations = folderMatcher(withMigrations.map((s) => ({ name: s.name, folders: s.migrations! })));
  return (file) => byRoot(file) ?? byMigrations(file);
}

/** Matches a repo-relative path to the entry whose folder holds it (the most specific folder wins; among equals, the first declared). */
function folderMatcher(entries: ReadonlyArray<{ name: string; folders: readonly string[] }>): (file: string) => string | undefined {
  // Literal folders are found by looking up the file's ancestor folders (a few map lookups per
  // file, not one comparison per service); glob folders are tested one by one.
  const literal = new Map<string, { name: string; order: number }>();
  const globs: Array<{ name: string; order: number; specificity: number; match: (file: string) => boolean }> = [];
  let order = 0;
  for (const service of entries) {
    for (const root of service.folders) {
      // `.` is the repository root: every file is below it (a one-package repository's one service).
      const trimmed = trimFolderPattern(root);
      const clean = trimmed === '.' ? '' : trimmed;
      if (!hasGlobSyntax(clean)) {
        if (!literal.has(clean)) literal.set(clean, { name: service.name, order });
      } else {
        globs.push({ name: service.name, order, specificity: clean.length, match: compileFolderGlob(clean) });
      }
      order++;
    }
  }
  type Hit = { name: string; order: number; specificity: number };
  // Per folder, shared by its files: the first lookup of 10,000 paths walked each one's ancestors (a warm one-file run asks
  // for every path once, BENCHMARKS.md twenty-second session); null: no literal folder holds it.
  const folderHits = new Map<string, Hit | null>();
  // A root of `.` (stored as '') holds every file no more specific root holds.
  const top = literal.get('');
  const rootHit: Hit | null = top ? { ...top, specificity: 0 } : null;
  const folderMatch = (folder: string): Hit | null => {
    let hit = folderHits.get(folder);
    if (hit === undefined) {
      const own = literal.get(folder);
      const slash = folder.lastIndexOf('/');
      hit = own ? { ...own, specificity: folder.length } : slash < 0 ? rootHit : folderMatch(folder.slice(0, slash));
      folderHits.set(folder, hit);
    }
    return hit;
  };
  const literalMatch = (file: string): Hit | undefined => {
    const own = literal.get(file);
    if (own) return { ...own, specificity: file.length };
    const slash = file.lastIndexOf('/');
    return (slash < 0 ? rootHit : folderMatch(file.slice(0, slash))) ?? undefined;
  };
  const memo = new Map<string, string | undefined>();
  return (file) => {
    if (memo.has(file)) return memo.get(file);
    let best = literalMatch(file);
    for (const glob of globs) {
      if (best && (glob.specificity < best.specificity || (glob.specificity === best.specificity && glob.order > best.order))) continue;
      if (glob.match(file)) best = glob;
    }
    const found = best?.name;
    memo.set(file, found);
    return found;
  };
}
