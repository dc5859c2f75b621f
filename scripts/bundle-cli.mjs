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
 * src/analysis/typescript/ts.ts) and yargs, whose messages are translated from locale files it
 * finds next to its own modules. The language-server packages are bundled, into the chunk only
 * `lsp` loads: from node_modules they are some 70 CommonJS files, which cost the server's start
 * about 0.25 s CPU; bundled, 0.05 s (BENCHMARKS.md, issue 17).
 *
 * `dist/cli/modules.json` maps each output file to the source modules and packages in it, so the
 * start-up test still knows which modules a command loaded. The SQL worker is bundled on its own
 * where the module starting it looks for it (`./sql/worker.js` beside it).
 *
 * Run by `npm run build` and by scripts/prepare.mjs when esbuild is installed (a development
 * checkout, `npm pack`); an install without development dependencies ships dist/src alone.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const EXTERNAL = ['typescript', 'node-sql-parser', 'libpg-query', 'yaml', 'yargs', 'yargs/*'];

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

  writeFileSync(path.join(out, 'modules.json'), `${JSON.stringify(modules, null, 1)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await bundleCli(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
}
