import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltCli, repoRoot } from '../built-cli.js';
import {
  cloneOfHead,
  expectedReport,
  normalise,
  removeScratchDirs,
  run,
  scratchDir,
  scratchProject,
  scratchRepository,
  succeed,
} from './install-helpers.js';

/**
 * Installing from a git URL, as README documents: npm clones the repository and runs `prepare`
 * (scripts/prepare.mjs) to build dist/. One install at a time: two npm installs of the same git URL at
 * once corrupted each other's extraction here.
 */
describe('installed from a git URL', () => {
  let clone: string;
  let url: string;
  let repository: string;
  let expected: string;

  afterAll(removeScratchDirs);

  beforeAll(async () => {
    clone = cloneOfHead();
    url = `git+file://${clone}`;
    repository = scratchRepository();
    expected = await expectedReport(repository);
  }, 120_000);

  it('npm install git+file://… into a project: the command reports what the repository build reports', async () => {
    const project = scratchProject();
    await succeed('npm', ['install', '--prefer-offline', url], { cwd: project, timeout: 900_000 });
    expect(existsSync(path.join(project, 'node_modules/nilecare-lint/dist/src/index.d.ts'))).toBe(true);
    const outcome = await run(path.join(project, 'node_modules/.bin/nilecare-lint'), ['--format', 'json'], { cwd: repository });
    expect(outcome.code, outcome.stderr).toBe(1);
    expect(normalise(outcome.stdout)).toBe(expected);
  }, 900_000);

  it('globally, as README says (npm pack <git URL>, then npm install -g of the tarball): the command reports the same', async () => {
    // `npm install -g git+…` itself is broken in npm 11: it links the package to the temporary clone it
    // prepared it in and then deletes the clone (a dangling link, whatever the package does).
    const packDir = scratchDir('nilecare-e2e-gitpack-');
    const pack = await succeed('npm', ['pack', '--json', '--prefer-offline', url], { cwd: packDir, timeout: 900_000 });
    const [{ filename }] = JSON.parse(pack.stdout) as Array<{ filename: string }>;
    const prefix = scratchDir('nilecare-e2e-global-');
    await succeed('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', path.join(packDir, filename)], {
      cwd: prefix,
      timeout: 900_000,
    });
    const outcome = await run(path.join(prefix, 'bin/nilecare-lint'), ['--format', 'json'], { cwd: repository });
    expect(outcome.code, outcome.stderr).toBe(1);
    expect(normalise(outcome.stdout)).toBe(expected);
  }, 900_000);

  it('prepare with no dependency installed at all fetches the pinned TypeScript and emits the JavaScript tsc emits', async () => {
    await loadBuiltCli(); // this repository's dist/, built by tsc and fresh, is the reference
    const bare = path.join(scratchDir('nilecare-e2e-bare-'), 'nilecare-lint');
    execFileSync('git', ['clone', '--quiet', clone, bare]);
    const prepare = await succeed(process.execPath, ['scripts/prepare.mjs'], { cwd: bare, timeout: 900_000 });
    expect(prepare.stdout).toBe(''); // pre-commit reads `npm pack`'s stdout as the tarball name
    expect(prepare.stderr).toMatch(/fetching typescript@\d+\.\d+\.\d+/);
    expect(prepare.stderr).toMatch(/transpiled \d+ files without type-checking/);
    // This repository's dist/ may also hold files of deleted sources (tsc never cleans): compare the clone's files.
    const files = readdirSync(path.join(bare, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(100);
    const same = (f: string) =>
      existsSync(path.join(repoRoot, 'dist', f)) &&
      readFileSync(path.join(bare, 'dist', f), 'utf8') === readFileSync(path.join(repoRoot, 'dist', f), 'utf8');
    const differing = files.filter((f) => !same(f));
    expect(differing).toEqual([]);
  }, 900_000);
});
