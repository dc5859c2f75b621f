import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import picomatch from 'picomatch';
import type { Dialect } from '../analysis/facts.js';
import type { NilecareConfig, ServiceConfig } from '../config/schema.js';

/** Layouts in which each folder with its own package.json is a service. */
export const SERVICE_LAYOUTS = ['services/*', 'microservices/*', 'apps/*', 'packages/*', 'backend/*', 'backend/services/*'];

/** Infers services from the repository layout: folders with a package.json under the common layouts. */
export function inferServices(cwd: string): ServiceConfig[] {
  const manifests = fg.sync([...SERVICE_LAYOUTS.map((layout) => `${layout}/package.json`), '*-service/package.json'], {
    cwd,
    onlyFiles: true,
    suppressErrors: true,
    ignore: ['**/node_modules/**'],
  });
  return manifests
    .map((manifest) => path.posix.dirname(manifest))
    .filter((root) => !/(^|\/)(shared|common|libs?|utils|types|config)$/.test(root))
    .sort()
    .map((root) => ({ name: path.posix.basename(root), roots: [root] }));
}

/** The dialect a service's drivers imply, from its package.json dependencies. */
export function dialectFromManifest(cwd: string, root: string): Dialect | undefined {
  if (/[*?{[]/.test(root)) return undefined;
  let manifest: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  try {
    manifest = JSON.parse(readFileSync(path.join(cwd, root, 'package.json'), 'utf8')) as typeof manifest;
  } catch {
    return undefined;
  }
  const deps = { ...manifest.dependencies, ...manifest.devDependencies };
  const pg = ['pg', 'postgres', 'pg-promise', '@neondatabase/serverless'].some((d) => d in deps);
  const mysql = ['mysql', 'mysql2', '@planetscale/database'].some((d) => d in deps);
  if (pg && !mysql) return 'postgresql';
  if (mysql && !pg) return 'mysql';
  return undefined;
}

/** The configured services, or inferred ones when the config names none. */
export function configuredServices(cwd: string, config: NilecareConfig): { services: ServiceConfig[]; inferred: boolean } {
  if (config.services && config.services.length > 0) return { services: config.services, inferred: false };
  return { services: inferServices(cwd), inferred: true };
}

/** Matches a repo-relative path to the service whose root holds it (the most specific root wins). */
export function createServiceMatcher(
  services: ReadonlyArray<{ name: string; roots: readonly string[] }>,
): (file: string) => string | undefined {
  // Literal roots are found by looking up the file's ancestor folders (a few map lookups per
  // file, not one comparison per service); glob roots are tested one by one. The most specific
  // (longest) root wins; among equals, the first declared.
  const literal = new Map<string, { name: string; order: number }>();
  const globs: Array<{ name: string; order: number; specificity: number; match: (file: string) => boolean }> = [];
  let order = 0;
  for (const service of services) {
    for (const root of service.roots) {
      const clean = root.replace(/^\.\//, '').replace(/\/+$/, '');
      if (!/[*?{[]/.test(clean)) {
        if (!literal.has(clean)) literal.set(clean, { name: service.name, order });
      } else {
        globs.push({ name: service.name, order, specificity: clean.length, match: picomatch([clean, `${clean}/**`], { dot: true }) });
      }
      order++;
    }
  }
  const literalMatch = (file: string): { name: string; order: number; specificity: number } | undefined => {
    for (let end = file.length; end >= 0; end = file.lastIndexOf('/', end - 1)) {
      const hit = literal.get(file.slice(0, end));
      if (hit) return { ...hit, specificity: end };
      if (end === 0) break;
    }
    return undefined;
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
