#!/usr/bin/env node
/**
 * Bundles the compiled CLI (dist/src/cli.js) into dist/cli/ with esbuild: node spends most of a
 * short run (the pre-commit path: one changed file, a warm cache) resolving, reading and compiling
 * some 300 ES modules one by one; a few large files cost it far less (BENCHMARKS.md, issue 16).
 * `bin/nilecare-lint.js` runs the bundle when it is not older than dist/src/cli.js, else dist/src.
 *
 * ESM with code splitting: every `import()` of the sources stays a separate file, loaded only when
 * the command needs it, as before. Not bundled: TypeScript, node-sql-parser, libpg-query and yaml
 * (large CommonJS, required on first use; TypeScript is loaded by `require` on purpose, see
 * src/analysis/typescript/ts.ts; yaml gets a file of its own, dist/cli/yaml.cjs, loaded through the code cache) and, in the split ES bundle, yargs, whose messages are
 * translated from locale files it finds next to its own modules (the CommonJS bundle below holds yargs and tells it where they are). The language-server packages are bundled, into the chunk only
 * `lsp` loads: from node_modules they are some 70 CommonJS files, which cost the server's start
 * about 0.25 s CPU; bundled, 0.05 s (BENCHMARKS.md, issue 17).
 *
 * The same CLI as one CommonJS file, `dist/cli/cli.cjs`: node 20 keeps no compiled code of ES modules,
 * but a CommonJS file compiled through `vm.Script` can be loaded with V8's code cache
 * (src/io/code-cache.ts; its trust rules in SECURITY.md), which the bin does for every command but a
 * help text, with the loader bundled beside it (`dist/cli/code-cache.js`). One-file pre-commit run at
 * 600 files: ~0.1–0.35 s less CPU than the split bundle (BENCHMARKS.md, tenth session). yargs is in it: its ~40 ES
 * modules cost ~0.15 s CPU to load and compile on every run, bundled ~0.05 s (`yargsInPlace`; BENCHMARKS.md, thirteenth session). Modules
 * imported lazily stay lazy: esbuild evaluates each at its first `import()`. A help text keeps the
 * split bundle: the whole file and its cache cost it ~50 ms more than its few modules.
 *
 * `dist/cli/modules.json` maps each output file to the source modules and packages in it, so the
 * start-up test still knows which modules a command loaded (for cli.cjs: those evaluated as it loads;
 * the test records the others as they are evaluated). The SQL worker is bundled on its own
 * where the module starting it looks for it (`./sql/worker.js` beside it).
 *
 * Run by `npm run build` and by scripts/prepare.mjs when esbuild is installed (a development
 * checkout, `npm pack`); an install without development dependencies ships dist/src alone.
 */
import { createHash } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The CommonJS bundle, beside the ESM one; its first line carries its digest. */
export const CJS_BUNDLE = 'cli.cjs';
const BUNDLE_DIGEST_PREFIX = '// nilecare-lint bundle sha256:';
const EXTERNAL = ['typescript', 'node-sql-parser', 'libpg-query', 'yaml', 'yargs', 'yargs/*'];

/** The namespace of yargsInPlace's modules that load a package on their first call. */
const LAZY_ON_CALL = 'nilecare-lazy-on-call';

/**
 * yargs finds its message translations (`locales/`) from its platform shim's own URL, and loads a configuration's
 * `extends` relative to it: in the CommonJS bundle that URL is the shim's file in node_modules, found at run time as
 * the bundle finds every external package, so yargs reads the same files it reads unbundled.
 */
const yargsInPlace = {
  name: 'yargs-in-place',
  setup(pluginBuild) {
    // yargs' platform shim imports cliui and string-width, which build Intl.Segmenters and Unicode-property regular
    // expressions as they load (~40 ms of CPU on every run); yargs calls them only to lay out a help or usage text.
    // Imported through a module of ours that requires them on the first call, esbuild evaluates them only then.
    pluginBuild.onResolve({ filter: /^(?:cliui|string-width)$/ }, (args) =>
      /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/.test(args.importer)
        ? { path: args.path, namespace: LAZY_ON_CALL, pluginData: { resolveDir: args.resolveDir } }
        : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: LAZY_ON_CALL }, (args) => ({
      contents: `export default function onFirstCall(...args) { return require(${JSON.stringify(args.path)}).default(...args); }`,
      resolveDir: args.pluginData.resolveDir,
      loader: 'js',
    }));
    pluginBuild.onLoad(
      { filter: /[\\/]yargs[\\/](?:lib[\\/]platform-shims[\\/]esm\.mjs|build[\\/]lib[\\/]utils[\\/]apply-extends\.js)$/ },
      async (args) => {
        const { readFile } = await import('node:fs/promises');
        const source = await readFile(args.path, 'utf8');
        const relative = args.path
          .slice(args.path.lastIndexOf('yargs') + 'yargs'.length + 1)
          .split(path.sep)
          .join('/');
        // The functions are the CommonJS bundle's banner's: the shim names a `require` of its own.
        const contents = source
          .replaceAll('import.meta.url', `__nilecareYargsUrl(${JSON.stringify(relative)})`)
          .replaceAll('import.meta.resolve(', `__nilecareYargsResolve(${JSON.stringify(relative)}, `);
        if (contents.includes('import.meta'))
          throw new Error(`bundle-cli: ${args.path} reads import.meta in a way the bundle does not rewrite`);
        return { contents, loader: 'js' };
      },
    );
  },
};

/** Builds dist/cli/ from dist/src/ under `root`; throws when the bundle would not run as dist/src does. */
export async function bundleCli(root) {
  const { build } = await import('esbuild');
  const out = path.join(root, 'dist/cli');
  rmSync(out, { recursive: true, force: true });
  const common = {
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // jsonc-parser's `main` is a UMD build that requires its parts by relative path; its ESM build bundles.
    mainFields: ['module', 'main'],
    external: EXTERNAL,
    // Bundled CommonJS (ignore) calls `require` for node's built-ins.
    banner: { js: "import { createRequire as __nilecareRequire } from 'node:module'; const require = __nilecareRequire(import.meta.url);" },
    logLevel: 'warning',
    metafile: true,
    absWorkingDir: root,
  };
  const main = await build({
    ...common,
    entryPoints: { cli: 'dist/src/cli.js' },
    splitting: true,
    outdir: out,
    chunkNames: 'chunk-[hash]',
  });
  const modules = {};
  for (const [output, { inputs }] of Object.entries(main.metafile.outputs))
    modules[path.relative(out, path.join(root, output)).split(path.sep).join('/')] = Object.keys(inputs).sort();

  // The SQL worker, beside the output holding the module that starts it.
  const starter = Object.entries(modules).find(([, inputs]) => inputs.includes('dist/src/analysis/sql-analyser.js'));
  if (!starter) throw new Error('bundle-cli: dist/src/analysis/sql-analyser.js is in no output file');
  const workerFile = path.join(out, path.dirname(starter[0]), 'sql/worker.js');
  const worker = await build({ ...common, entryPoints: ['dist/src/analysis/sql/worker.js'], outfile: workerFile });
  for (const [output, { inputs }] of Object.entries(worker.metafile.outputs))
    modules[path.relative(out, path.join(root, output)).split(path.sep).join('/')] = Object.keys(inputs).sort();
  if (!existsSync(workerFile)) throw new Error(`bundle-cli: the SQL worker was not written to ${workerFile}`);

  // The same CLI as one CommonJS file, which V8's code cache can hold (bin/nilecare-lint.js runs it), and the
  // loader the bin runs it with.
  const cjs = await build({
    ...common,
    format: 'cjs',
    entryPoints: { cli: 'dist/src/cli.js' },
    outfile: path.join(out, CJS_BUNDLE),
    // yargs bundled too: node compiled its ~40 ES modules on every run (~0.1 s CPU), which no code cache keeps.
    external: [...EXTERNAL.filter((name) => !name.startsWith('yargs')), 'yargs/package.json'],
    plugins: [yargsInPlace],
    // import.meta.url of any bundled module is the bundle's: it lies in dist/cli/ as cli.js does (version.js,
    // the SQL worker beside it). Strict as the ES modules were: the directive must come first.
    define: { 'import.meta.url': '__nilecareBundleUrl' },
    banner: {
      js: [
        '"use strict";',
        "const __nilecareBundleUrl = require('node:url').pathToFileURL(__filename).href;",
        // yargsInPlace: the URL of a file of the yargs package beside which the bundle runs, and import.meta.resolve from it.
        "const __nilecareYargsUrl = (file) => require('node:url').pathToFileURL(require('node:path').join(require('node:path').dirname(require.resolve('yargs/package.json')), file)).href;",
        "const __nilecareYargsResolve = (file, specifier) => require('node:url').pathToFileURL(require('node:module').createRequire(__nilecareYargsUrl(file)).resolve(specifier)).href;",
      ].join('\n'),
    },
    write: false,
  });
  const [cjsOutput] = cjs.outputFiles;
  // Its digest on the first line: the code cache's key (src/io/code-cache.ts), so that another build of the same size
  // and modification time (npm gives every installed file the same one) never takes this build's compiled code.
  const cjsText = cjsOutput.text;
  const digest = createHash('sha256').update(cjsText).digest('hex');
  writeFileSync(cjsOutput.path, `${BUNDLE_DIGEST_PREFIX}${digest}\n${cjsText}`);
  const [cjsInputs] = Object.values(cjs.metafile.outputs).map(({ inputs }) => Object.keys(inputs).sort());
  // A module esbuild wraps (`__esm`, `__commonJS`) is evaluated when first imported, as its ES module was: the
  // start-up test records those as they run. The others are evaluated whenever the bundle is loaded.
  const wrapped = new Set([...cjsText.matchAll(/= __(?:esm|commonJS)\(\{\n\s*"([^"\n]+)"\(/g)].map((m) => m[1]));
  const lazy = cjsInputs.filter((input) => wrapped.has(input));
  if (!lazy.includes('dist/src/lint.js')) throw new Error('bundle-cli: dist/src/lint.js is not evaluated lazily in the CommonJS bundle');
  modules[CJS_BUNDLE] = cjsInputs.filter((input) => !wrapped.has(input));
  const loader = await build({
    ...common,
    entryPoints: ['dist/src/io/code-cache.js'],
    outfile: path.join(out, 'code-cache.js'),
  });
  for (const [output, { inputs }] of Object.entries(loader.metafile.outputs))
    modules[path.relative(out, path.join(root, output)).split(path.sep).join('/')] = Object.keys(inputs).sort();
  // yaml as one CommonJS file, which src/analysis/yaml-module.ts loads through the code cache when it lies beside the
  // module asking (dist/cli/): from its ~60 files node spent ~0.1 s resolving, reading and compiling the package.
  const yaml = await build({
    ...common,
    format: 'cjs',
    banner: undefined,
    external: [],
    entryPoints: [path.join(root, 'node_modules/yaml/dist/index.js')],
    outfile: path.join(out, 'yaml.cjs'),
  });
  for (const [output, { inputs }] of Object.entries(yaml.metafile.outputs))
    modules[path.relative(out, path.join(root, output)).split(path.sep).join('/')] = Object.keys(inputs).sort();
  // The main thread's half of a run in a worker thread (src/commands/cli-thread.ts): small, so that thread loads nothing of the CLI.
  const host = await build({
    ...common,
    entryPoints: ['dist/src/commands/cli-thread.js'],
    outfile: path.join(out, 'cli-thread.js'),
  });
  for (const [output, { inputs }] of Object.entries(host.metafile.outputs))
    modules[path.relative(out, path.join(root, output)).split(path.sep).join('/')] = Object.keys(inputs).sort();

  writeFileSync(path.join(out, 'modules.json'), `${JSON.stringify(modules, null, 1)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await bundleCli(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
}
