/**
 * The `yaml` package, required on first use: a repository without YAML (compose, Kubernetes,
 * settings files) never pays for loading it. `require` is also cheaper than an ESM import of
 * a CommonJS package, which node first scans for its named exports.
 */
import { createRequire } from 'node:module';
import { requireWithCodeCache } from '../io/code-cache.js';
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

export function yaml(): typeof Yaml {
  return (loaded ??= load());
}

/**
 * The package as one file (dist/cli/yaml.cjs, scripts/bundle-cli.mjs) beside the bundled CLI, through V8's code
 * cache: from its ~60 files, node spent ~0.1 s of CPU resolving, reading and compiling it before the first parse.
 * Elsewhere (dist/src, the sources under test) the package itself.
 */
function load(): typeof Yaml {
  try {
    return requireWithCodeCache<typeof Yaml>('./yaml.cjs', import.meta.url);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    return createRequire(import.meta.url)('yaml') as typeof Yaml;
  }
}

// The functions the analysers call, bound on first call.
export const isMap = ((node: unknown) => yaml().isMap(node)) as typeof Yaml.isMap;
export const isPair = ((node: unknown) => yaml().isPair(node)) as typeof Yaml.isPair;
export const isScalar = ((node: unknown) => yaml().isScalar(node)) as typeof Yaml.isScalar;
export const isSeq = ((node: unknown) => yaml().isSeq(node)) as typeof Yaml.isSeq;
export const isAlias = ((node: unknown) => yaml().isAlias(node)) as typeof Yaml.isAlias;
export const parseDocument = ((...args: Parameters<typeof Yaml.parseDocument>) =>
  yaml().parseDocument(...args)) as typeof Yaml.parseDocument;
export const parseAllDocuments = ((...args: Parameters<typeof Yaml.parseAllDocuments>) =>
  yaml().parseAllDocuments(...args)) as typeof Yaml.parseAllDocuments;
