/**
 * The ESLint anchor of the realistic bench, timed as a whole process: ESLint 9 with
 * @typescript-eslint/parser (no type information) and the same four trivial rules as
 * bench/run.ts, on the code files listed in a JSON file. A parse error means ESLint did not
 * really use the TypeScript parser and the comparison would be void: it exits 3.
 *
 *   node bench/realistic/eslint-anchor.mjs <repo> <files.json>   → prints {"files":…,"messages":…}
 */
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import * as parserModule from '@typescript-eslint/parser';

const [dir, listFile] = process.argv.slice(2);
if (!dir || !listFile) {
  process.stderr.write('usage: eslint-anchor.mjs <repo> <files.json>\n');
  process.exit(2);
}
const files = JSON.parse(readFileSync(listFile, 'utf8'));
// The package has named exports only: the namespace itself is the parser (parse, parseForESLint).
const tsParser = parserModule.default ?? parserModule;
const eslint = new ESLint({
  cwd: dir,
  overrideConfigFile: true,
  cache: false,
  overrideConfig: [
    {
      files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs', '**/*.cjs'],
      languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
      rules: { 'no-debugger': 'error', 'no-empty': 'error', eqeqeq: 'error', 'no-var': 'error' },
    },
  ],
});
const results = await eslint.lintFiles(files);
const fatal = results.find((r) => r.messages.some((m) => m.fatal));
if (fatal) {
  process.stderr.write(`ESLint could not parse ${fatal.filePath}: ${fatal.messages.find((m) => m.fatal).message}\n`);
  process.exit(3);
}
process.stdout.write(`${JSON.stringify({ files: results.length, messages: results.reduce((n, r) => n + r.messages.length, 0) })}\n`);
