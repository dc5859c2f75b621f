/**
 * The parse floor of the realistic bench, timed as a whole process: find the files a data-layer
 * linter reads (the same globs and ignored folders as nilecare-lint's discovery), read every one,
 * and `ts.createSourceFile` every code file (no parent pointers, no type-check, ASTs dropped).
 * Plain JavaScript, so no compile hook (tsx) is inside the measurement.
 *
 *   node bench/realistic/floor.mjs <repo>   → prints {"files":…,"parsed":…,"bytes":…}
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import ts from 'typescript';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: floor.mjs <repo>\n');
  process.exit(2);
}
const SOURCE_GLOBS = [
  '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/*.sql',
  '**/*.prisma',
  '**/*.{yml,yaml}',
  '**/.env',
  '**/.env.*',
  '**/env.*',
  '**/*.env',
];
const IGNORED_DIRS = ['node_modules', 'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.turbo', '.cache', '.git', 'vendor'];
// A walk and one matcher, as the linter's discovery does since fast-glob left the dependencies
// (src/io/walk-files.ts): regular files only, links never followed, ignored folders never entered.
const wanted = picomatch(SOURCE_GLOBS, { dot: true });
const ignoredDirs = new Set(IGNORED_DIRS);
const files = [];
const walk = (abs, rel) => {
  let entries;
  try {
    entries = readdirSync(abs, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const relative = rel + entry.name;
    if (entry.isDirectory()) {
      if (!ignoredDirs.has(entry.name)) walk(path.join(abs, entry.name), `${relative}/`);
    } else if (entry.isFile() && entry.name !== 'pnpm-lock.yaml' && wanted(relative)) files.push(relative);
  }
};
walk(dir, '');
files.sort();
const kindOf = (file) =>
  file.endsWith('.tsx')
    ? ts.ScriptKind.TSX
    : /\.[cm]?ts$/.test(file)
      ? ts.ScriptKind.TS
      : file.endsWith('.jsx')
        ? ts.ScriptKind.JSX
        : ts.ScriptKind.JS;
let bytes = 0;
let parsed = 0;
for (const file of files) {
  const text = readFileSync(path.join(dir, file), 'utf8');
  bytes += text.length;
  if (/\.([cm]?[jt]s|[jt]sx)$/.test(file)) {
    ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kindOf(file));
    parsed++;
  }
}
process.stdout.write(`${JSON.stringify({ files: files.length, parsed, bytes })}\n`);
