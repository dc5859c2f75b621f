import path from 'node:path';
import type { FileFacts } from '../../src/analysis/facts.js';
import type { ProjectModel, Service } from '../../src/model/model.js';
import { compileGlobs, trimFolderPattern } from './glob.js';

/** Where `no-unsafe-env-default`'s suggestion creates the helper when the config names none, relative to the service's folder. */
export const DEFAULT_ENV_HELPER_MODULE = 'src/config/require-env.ts';
const DEFAULT_HELPER_NAME = 'requireEnv';

export interface EnvHelperOptions {
  envHelper?: { name: string; import: string };
  envHelperModule: string;
}

/** How one file reads a variable fail-fast: the helper's name, where it lives, and the module to write first if it is missing. */
export interface HelperPlan {
  name: string;
  /** A package, imported as written, or a repository module, imported relatively (see `helperSpecifier`). */
  from: { package: string } | { file: string };
  /** Whether the file loads modules with `require` (an added import is then a `require`). */
  commonJs: boolean;
  /** The helper's module when it has to be written: created, or (when it exists without the helper) extended at its end. */
  module?: { file: string; text: string; existingText?: string };
  /** For the suggestion's description: `requireEnv() from '@acme/config'`. */
  label: string;
}

const SCRIPT_EXTENSION = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/**
 * Plans the helper for `file`. A configured `envHelper.import` is a package (imported as written)
 * unless it ends in a script extension and is not scoped, which makes it a repository path
 * imported relatively from each file. Without one, the helper is `requireEnv()` in the service's
 * `envHelperModule`, written by the suggestion when it is not there yet.
 */
export function planEnvHelper(options: EnvHelperOptions, project: ProjectModel, file: FileFacts, service: Service | undefined): HelperPlan {
  const commonJs = usesRequire(file);
  const configured = options.envHelper;
  if (configured) {
    const isPath = SCRIPT_EXTENSION.test(configured.import) && !configured.import.startsWith('@');
    if (!isPath) {
      return {
        name: configured.name,
        from: { package: configured.import },
        commonJs,
        label: `${configured.name}() from '${configured.import}'`,
      };
    }
    const target = path.posix.normalize(trimFolderPattern(configured.import));
    return { name: configured.name, from: { file: target }, commonJs, label: `${configured.name}() from ${target}` };
  }
  let relative = trimFolderPattern(options.envHelperModule);
  // The default module is TypeScript; a JavaScript service gets it in the file's own language.
  if (relative === DEFAULT_ENV_HELPER_MODULE && !/\.[cm]?tsx?$/.test(file.path)) {
    relative = relative.replace(/\.ts$/, path.posix.extname(file.path).replace('x', ''));
  }
  const target = path.posix.normalize(path.posix.join(serviceFolder(service, file.path), relative));
  const existing = project.files.find((f) => f.path === target);
  const name = DEFAULT_HELPER_NAME;
  const language = /\.[cm]?tsx?$/.test(target) ? 'ts' : target.endsWith('.cjs') || (commonJs && !target.endsWith('.mjs')) ? 'cjs' : 'esm';
  const module =
    existing && exportsName(existing.text, name)
      ? undefined
      : { file: target, text: helperModuleText(name, language), ...(existing ? { existingText: existing.text } : {}) };
  return { name, from: { file: target }, commonJs, ...(module ? { module } : {}), label: `${name}() from ${target}` };
}

/**
 * What `file` imports the helper from: the package as written, or the relative path to its module
 * in the style of the file's imports; undefined when the file is that module. Computed only when
 * the suggestion is (it reads the service's imports).
 */
export function helperSpecifier(
  plan: HelperPlan,
  project: ProjectModel,
  file: FileFacts,
  service: Service | undefined,
): string | undefined {
  if ('package' in plan.from) return plan.from.package;
  return plan.from.file === file.path ? undefined : relativeSpecifier(file.path, plan.from.file, importStyle(project, file, service));
}

/** The folder of `service` that holds `file` (its most specific root); the repository's root for a file in no service. */
export function serviceFolder(service: Service | undefined, file: string): string {
  let best = '';
  for (const root of service?.roots ?? []) {
    const clean = trimFolderPattern(root);
    const match = compileGlobs([clean]);
    // The ancestor folder of the file the root names (a glob root such as `services/*` names several).
    for (let end = file.indexOf('/'); end > 0; end = file.indexOf('/', end + 1)) {
      const folder = file.slice(0, end);
      if (match(folder) && folder.length > best.length) best = folder;
    }
  }
  return best;
}

/** How the file's relative imports end: `./db.js` (NodeNext ESM), `./db.ts`, or `./db`. */
export type ImportStyle = 'js' | 'ts' | 'none';

/** The import specifier from `fromFile` to the repository module `toFile`, written in `style`. */
export function relativeSpecifier(fromFile: string, toFile: string, style: ImportStyle): string {
  let relative = path.posix.relative(path.posix.dirname(fromFile), toFile);
  if (!relative.startsWith('.')) relative = `./${relative}`;
  if (style === 'ts') return relative;
  if (style === 'js') return relative.replace(/\.([cm]?)tsx?$/, '.$1js');
  const bare = relative.replace(SCRIPT_EXTENSION, '');
  return bare.endsWith('/index') ? bare.slice(0, -'/index'.length) || '.' : bare;
}

/** The style of the file's own relative imports, else of its service's files; a `.mts`/`.mjs` file needs extensions. */
export function importStyle(project: ProjectModel, file: FileFacts, service: Service | undefined): ImportStyle {
  const own = styleOf([file]);
  if (own) return own;
  const siblings = project.files.filter((f) => f !== file && f.script && project.serviceOf(f.path) === service);
  return styleOf(siblings) ?? (/\.m[jt]s$/.test(file.path) || (file.path.endsWith('.js') && !usesRequire(file)) ? 'js' : 'none');
}

function styleOf(files: readonly FileFacts[]): ImportStyle | undefined {
  const counts = { js: 0, ts: 0, none: 0 };
  for (const f of files) {
    for (const fact of f.script?.imports ?? []) {
      if (!fact.specifier.startsWith('.') || fact.kind === 'dynamic-import') continue;
      if (/\.[cm]?js$/.test(fact.specifier)) counts.js++;
      else if (/\.[cm]?tsx?$/.test(fact.specifier)) counts.ts++;
      else if (!/\.\w+$/.test(fact.specifier) || fact.specifier.endsWith('..')) counts.none++;
    }
  }
  const best = (['js', 'ts', 'none'] as const).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return counts[best] > 0 ? best : undefined;
}

/** A CommonJS file: it `require`s and never `import`s (a `.cjs` file always). */
function usesRequire(file: FileFacts): boolean {
  if (file.path.endsWith('.cjs') || file.path.endsWith('.cts')) return true;
  if (/\.m[jt]s$/.test(file.path)) return false;
  const kinds = (file.script?.imports ?? []).map((fact) => fact.kind);
  return kinds.includes('require') && !kinds.includes('import') && !kinds.includes('export');
}

/** Whether a module's text exports `name` (declaration, export list or `exports.name =`). */
export function exportsName(text: string, name: string): boolean {
  const n = name.replace(/\$/g, '\\$');
  return (
    new RegExp(`\\bexport\\s+(?:async\\s+)?function\\s+${n}\\b|\\bexport\\s+(?:const|let|var)\\s+${n}\\b`).test(text) ||
    new RegExp(`\\bexport\\s*\\{[^}]*\\b${n}\\b[^}]*\\}`).test(text) ||
    new RegExp(`\\b(?:module\\.)?exports\\.${n}\\s*=|module\\.exports\\s*=\\s*\\{[^}]*\\b${n}\\b`).test(text)
  );
}

const HELPER_DOC =
  '/**\n * Reads an environment variable the service cannot run without: a missing or empty one stops it\n * at startup, where the mistake is cheap to see, instead of running it on a hard-coded default.\n */\n';

/** The helper module's text: TypeScript, an ES module or a CommonJS module. */
export function helperModuleText(name: string, language: 'ts' | 'esm' | 'cjs'): string {
  const signature = language === 'ts' ? `(name: string): string` : '(name)';
  const body = [
    `function ${name}${signature} {`,
    '  const value = process.env[name];',
    "  if (value === undefined || value === '') {",
    '    throw new Error(`Environment variable ${name} is required but not set.`);',
    '  }',
    '  return value;',
    '}',
  ];
  if (language === 'cjs') return `${HELPER_DOC}${body.join('\n')}\n\nmodule.exports = { ${name} };\n`;
  return `${HELPER_DOC}export ${body.join('\n')}\n`;
}
