import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import picomatch from 'picomatch';
import type { Dialect } from '../facts.js';
import type { NilecareConfig, ServiceConfig } from '../config/schema.js';

/** Layouts in which each folder with its own package.json is a service. */
export const SERVICE_LAYOUTS = ['services/*', 'microservices/*', 'apps/*', 'packages/*', 'backend/*', 'backend/services/*'];

/** Infers services from the repository layout: folders with a package.json under the common layouts. */
export function inferServices(cwd: string): ServiceConfig[] {
  const manifests = fg.sync(
    [...SERVICE_LAYOUTS.map((layout) => `${layout}/package.json`), '*-service/package.json'],
    { cwd, onlyFiles: true, suppressErrors: true, ignore: ['**/node_modules/**'] },
  );
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
    manifest = JSON.parse(readFileSync(path.join(cwd, root, 'package.json'), 'utf8'));
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
export function createServiceMatcher(services: ReadonlyArray<{ name: string; roots: readonly string[] }>): (file: string) => string | undefined {
  const entries = services.flatMap((service) =>
    service.roots.map((root) => {
      const clean = root.replace(/^\.\//, '').replace(/\/+$/, '');
      const literal = !/[*?{[]/.test(clean);
      const match = literal
        ? (file: string) => file === clean || file.startsWith(`${clean}/`)
        : picomatch([clean, `${clean}/**`], { dot: true });
      return { name: service.name, specificity: clean.length, match };
    }),
  );
  entries.sort((a, b) => b.specificity - a.specificity);
  const memo = new Map<string, string | undefined>();
  return (file) => {
    if (memo.has(file)) return memo.get(file);
    const found = entries.find((entry) => entry.match(file))?.name;
    memo.set(file, found);
    return found;
  };
}
