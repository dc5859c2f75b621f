/**
 * What a warm one-file run reads of the cached facts of the files it does not lint: the input a
 * stored summary (issue 16, "decode less") must hold, and what it may leave out. A cold `--cache`
 * run fills a fresh cache; then `lint({ files, affected: true })` runs over it with every cached
 * file's facts behind a recording proxy, and each key path read (array items as `[]`) is listed
 * with the number of reads and of files it was read in. The linted files' own reads are left out
 * (rules read everything of those).
 *
 * Top-level keys are copied by a spread when a cached file's facts are taken (lint.ts adds the
 * text): such copies are not reads. What is read through the copy is seen one level down (an
 * array's items, an object's keys), which is why a top-level array shows as `key[]`.
 *
 *   node bench/realistic/facts-reads.mjs <repository> <file> [<file>…]      (run `npm run build` first)
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const [repository, ...files] = process.argv.slice(2);
if (!repository || files.length === 0) {
  process.stderr.write('usage: facts-reads.mjs <repository> <file> [<file>…]\n');
  process.exit(2);
}
if (!existsSync(path.join(root, 'dist', 'src', 'lint.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first\n');
  process.exit(2);
}
const { lint } = await import(pathToFileURL(path.join(root, 'dist', 'src', 'lint.js')).href);
const { FileFactsCache } = await import(pathToFileURL(path.join(root, 'dist', 'src', 'analysis', 'facts-cache.js')).href);
const { toolVersion } = await import(pathToFileURL(path.join(root, 'dist', 'src', 'version.js')).href);

const cwd = path.resolve(repository);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'facts-reads-'));
const location = path.join(scratch, 'cache');
const open = () => FileFactsCache.open({ base: cwd, location, root: cwd, toolVersion: toolVersion() });
try {
  const cold = open();
  await lint({ cwd, factsCache: cold });
  cold.save();

  /** key path → (file → reads) */
  const reads = new Map();
  const record = (key, file) => {
    if (!reads.has(key)) reads.set(key, new Map());
    const byFile = reads.get(key);
    byFile.set(file, (byFile.get(file) ?? 0) + 1);
  };
  const proxied = new WeakMap();
  const watch = (value, at, file, top) => {
    if (typeof value !== 'object' || value === null) return value;
    if (proxied.has(value)) return proxied.get(value);
    // A [[Get]] right after [[GetOwnProperty]] of the same key is a copy (a spread, Object.assign), not a read.
    let described;
    const proxy = new Proxy(value, {
      getOwnPropertyDescriptor(target, key) {
        described = key;
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
      get(target, key, receiver) {
        const copied = described === key;
        described = undefined;
        const item = Reflect.get(target, key, receiver);
        if (typeof key === 'symbol') return item;
        const isIndex = Array.isArray(target) && /^\d+$/.test(key);
        if (Array.isArray(target) && !isIndex) {
          if (key === 'length') record(`${at}.length`, file);
          return item;
        }
        const here = isIndex ? `${at}[]` : at ? `${at}.${key}` : key;
        if (!(copied && top)) record(here, file);
        return watch(item, here, file, false);
      },
    });
    proxied.set(value, proxy);
    return proxy;
  };
  const cache = open();
  const factsCache = {
    prepare: (...args) => cache.prepare(...args),
    get: (file, hash, stamp) => watch(cache.get(file, hash, stamp), '', file, true),
    getUnchanged: (file, stamp) => watch(cache.getUnchanged(file, stamp), '', file, true),
    set: (facts, stamp) => cache.set(facts, stamp),
    get secretKey() {
      return cache.secretKey;
    },
    notices: cache.notices,
    warnings: cache.warnings,
  };
  const run = await lint({ cwd, files, affected: true, factsCache });
  const linted = new Set(run.lintedFiles);
  const rows = [...reads]
    .map(([key, byFile]) => {
      const others = [...byFile].filter(([file]) => !linted.has(file));
      return { key, reads: others.reduce((sum, [, n]) => sum + n, 0), files: others.length };
    })
    .filter((row) => row.files > 0)
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  process.stdout.write(
    `${cache.hits} cached files, ${linted.size} linted (${[...linted].join(', ')}); key paths read in the others:\n` +
      `${'key path'.padEnd(64)} ${'reads'.padStart(9)} ${'files'.padStart(7)}\n` +
      rows.map((row) => `${row.key.padEnd(64)} ${String(row.reads).padStart(9)} ${String(row.files).padStart(7)}\n`).join(''),
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
