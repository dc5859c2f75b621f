/**
 * V8's code cache for TypeScript (src/io/code-cache.ts): the module works the same through it,
 * the cache is written when the process ends, privately (0600), under a name that changes with the
 * module file and node's flags, and never read or written through a link or a folder others may
 * write; a file V8 rejects is replaced. Each case is a child process: the cache is written in an
 * 'exit' handler.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeCacheFolder, MAX_CACHE_FILES, NO_CODE_CACHE_ENV } from '../../src/io/code-cache.js';
import { repoRoot } from '../built-cli.js';

let dir: string;
let module: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'nilecare-code-cache-'));
  module = path.join(dir, 'lib.cjs');
  writeFileSync(
    module,
    "'use strict';\nexports.answer = 42;\nexports.sum = (...xs) => xs.reduce((a, b) => a + b, 0);\nexports.self = __filename;\n",
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Loads `lib.cjs` through the code cache in `folder`, in a child process (with `flags` for node); returns what it printed. */
function load(folder: string, flags: string[] = [], variant = ''): string {
  const loader = pathToFileURL(path.join(repoRoot, 'src/io/code-cache.ts')).href;
  const script = `import { requireWithCodeCache } from ${JSON.stringify(loader)};
const lib = requireWithCodeCache(${JSON.stringify(module)}, ${JSON.stringify(pathToFileURL(path.join(dir, 'caller.mjs')).href)}, ${JSON.stringify(folder)}, ${JSON.stringify(variant)});
console.log(JSON.stringify([lib.answer, lib.sum(1, 2, 3), lib.self]));`;
  const result = spawnSync(process.execPath, [...flags, '--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: repoRoot,
    encoding: 'utf8',
    // A hang (a folder the system never lets be created looped forever at exit) fails, not stalls.
    timeout: 60_000,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout.trim();
}
const expected = () => JSON.stringify([42, 6, module]);
const cacheFiles = (folder: string) => readdirSync(folder).filter((name) => name.endsWith('.bin'));

describe('the V8 code cache', () => {
  it('gives the module as require does, writes a private cache at exit and uses it next time', () => {
    const folder = path.join(dir, 'cache-a');
    expect(load(folder)).toBe(expected());
    const [file] = cacheFiles(folder);
    expect(file).toMatch(/^[0-9a-f]{32}\.bin$/);
    expect(lstatSync(folder).mode & 0o077).toBe(0);
    expect(lstatSync(path.join(folder, file)).mode & 0o777).toBe(0o600);
    const written = readFileSync(path.join(folder, file));
    expect(load(folder)).toBe(expected());
    // Accepted by V8, so not written again.
    expect(readFileSync(path.join(folder, file)).equals(written)).toBe(true);
  });

  it('a cache folder the system refuses to create (XDG_CACHE_HOME=/proc/x): the module loads, no cache, the process ends', () => {
    expect(load('/proc/nilecare-x/v8-code-cache')).toBe(expected());
  });

  it('another module file (size, modification time), other node flags or another variant: another cache file', () => {
    const folder = path.join(dir, 'cache-key');
    load(folder);
    expect(cacheFiles(folder)).toHaveLength(1);
    load(folder, ['--stack-size=900']);
    expect(cacheFiles(folder)).toHaveLength(2);
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(module, old, old);
    expect(load(folder)).toBe(expected());
    expect(cacheFiles(folder)).toHaveLength(3);
    // The same again: found, nothing new.
    load(folder);
    expect(cacheFiles(folder)).toHaveLength(3);
    // Another variant (the CLI's command): its own file, found the next time.
    expect(load(folder, [], 'map')).toBe(expected());
    expect(cacheFiles(folder)).toHaveLength(4);
    load(folder, [], 'map');
    expect(cacheFiles(folder)).toHaveLength(4);
  });

  it('our bundle of the same size and modification time but another digest on its first line: another cache file', () => {
    // npm installs every file with the same modification time: an upgrade could keep a bundle's size and path.
    const folder = path.join(dir, 'cache-digest');
    const original = readFileSync(module, 'utf8');
    const when = new Date(Date.now() - 7_200_000);
    const withDigest = (digit: string) => {
      writeFileSync(module, `// nilecare-lint bundle sha256:${digit.repeat(64)}\n${original}`);
      utimesSync(module, when, when);
    };
    try {
      withDigest('a');
      expect(load(folder)).toBe(expected());
      expect(cacheFiles(folder)).toHaveLength(1);
      withDigest('b');
      expect(load(folder)).toBe(expected());
      expect(cacheFiles(folder)).toHaveLength(2);
      // The same digest again: found, nothing new.
      withDigest('a');
      load(folder);
      expect(cacheFiles(folder)).toHaveLength(2);
    } finally {
      writeFileSync(module, original);
    }
  });

  it('a run touches the file it reads, and one that writes prunes the folder to the most recently used', () => {
    const folder = path.join(dir, 'cache-prune');
    load(folder);
    const [file] = cacheFiles(folder);
    const old = new Date(Date.now() - 86_400_000);
    utimesSync(path.join(folder, file), old, old);
    load(folder);
    expect(Date.now() - lstatSync(path.join(folder, file)).mtimeMs).toBeLessThan(60_000);

    const stale = Array.from({ length: MAX_CACHE_FILES }, (_, i) => `${i.toString(16).padStart(32, 'a')}.bin`);
    for (const [i, name] of stale.entries()) {
      writeFileSync(path.join(folder, name), 'stale', { mode: 0o600 });
      const used = new Date(Date.now() - (i + 2) * 3_600_000);
      utimesSync(path.join(folder, name), used, used);
    }
    // Other flags: another file is written, and the oldest stale one goes.
    load(folder, ['--stack-size=900']);
    const left = cacheFiles(folder);
    expect(left).toHaveLength(MAX_CACHE_FILES);
    expect(left).toContain(file);
    expect(left).not.toContain(stale.at(-1));
    expect(left).not.toContain(stale.at(-2));
  });

  it('a file V8 rejects is replaced, and the module still loads', () => {
    const folder = path.join(dir, 'cache-b');
    load(folder);
    const [file] = cacheFiles(folder);
    writeFileSync(path.join(folder, file), Buffer.alloc(4096, 7), { mode: 0o600 });
    expect(load(folder)).toBe(expected());
    expect(readFileSync(path.join(folder, file)).equals(Buffer.alloc(4096, 7))).toBe(false);
  });

  it('is neither read nor written through a link, nor in a folder others may write', () => {
    const folder = path.join(dir, 'cache-c');
    load(folder);
    const [file] = cacheFiles(folder);
    const elsewhere = path.join(dir, 'elsewhere.bin');
    writeFileSync(elsewhere, 'not bytecode');
    rmSync(path.join(folder, file));
    symlinkSync(elsewhere, path.join(folder, file));
    expect(load(folder)).toBe(expected());
    expect(readFileSync(elsewhere, 'utf8')).toBe('not bytecode');
    expect(lstatSync(path.join(folder, file)).isSymbolicLink()).toBe(true);

    const shared = path.join(dir, 'cache-shared');
    mkdirSync(shared, { mode: 0o777 });
    chmodSync(shared, 0o777);
    expect(load(shared)).toBe(expected());
    expect(cacheFiles(shared)).toEqual([]);
  });

  it('reads a module as require does: UTF-8 text, a BOM, a #! line, an empty file, a last line comment', () => {
    // The source is read as bytes with the CommonJS wrapper written around them, ASCII turned into a string as Latin-1:
    // each of these would give another text, or no function at all, if that went wrong.
    const sources: Record<string, string> = {
      'utf8.cjs': "// café — ✓\nexports.text = 'café — ✓ 😀';\nexports.quote = /[’…]/u.test('a…');\nexports.length = '😀é'.length;\n",
      'bom.cjs': "\uFEFFexports.text = 'ñ';\n",
      'shebang.cjs': '#!/usr/bin/env node\nexports.text = "run";\n',
      'empty.cjs': '',
      'comment.cjs': 'exports.text = "last"; // no newline after this comment',
    };
    const folder = path.join(dir, 'cache-sources');
    const files = Object.entries(sources).map(([name, source]) => {
      writeFileSync(path.join(dir, name), source);
      return path.join(dir, name);
    });
    const loader = pathToFileURL(path.join(repoRoot, 'src/io/code-cache.ts')).href;
    const caller = pathToFileURL(path.join(dir, 'caller.mjs')).href;
    const script = `import { createRequire } from 'node:module';
import { requireWithCodeCache } from ${JSON.stringify(loader)};
const require = createRequire(${JSON.stringify(caller)});
console.log(JSON.stringify(${JSON.stringify(files)}.map((file) => [requireWithCodeCache(file, ${JSON.stringify(caller)}, ${JSON.stringify(folder)}), require(file)])));`;
    // Twice: compiled, then taken from the caches the first run wrote.
    for (const run of ['compiled', 'from the cache']) {
      const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: repoRoot,
        encoding: 'utf8',
      });
      expect(result.stderr, run).toBe('');
      const loaded = JSON.parse(result.stdout) as [unknown, unknown][];
      for (const [i, [cached, required]] of loaded.entries()) expect(cached, `${path.basename(files[i]!)}, ${run}`).toEqual(required);
      expect(loaded.map(([cached]) => cached)).toEqual([
        { text: 'café — ✓ 😀', quote: true, length: 3 },
        { text: 'ñ' },
        { text: 'run' },
        {},
        { text: 'last' },
      ]);
    }
    expect(cacheFiles(folder)).toHaveLength(files.length);
  });

  it('lives in the user cache folder, and the environment can turn it off', () => {
    expect(codeCacheFolder({ XDG_CACHE_HOME: '/home/u/.xdg' })).toBe('/home/u/.xdg/nilecare-lint/v8-code-cache');
    expect(codeCacheFolder({ XDG_CACHE_HOME: 'relative' })).toMatch(/\/\.cache\/nilecare-lint\/v8-code-cache$/);
    expect(codeCacheFolder({ [NO_CODE_CACHE_ENV]: '1' })).toBeUndefined();
  });
});
