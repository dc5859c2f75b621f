/**
 * The VS Code extension packages as the Marketplace takes it: `npm run package:vscode` installs
 * the extension's own dependencies and runs `vsce package`. Run on a copy of editors/vscode, so
 * the checkout keeps no node_modules or .vsix; the .vsix must hold the extension, its manifest
 * and the language client, and nothing of the packaging tools.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../built-cli.js';
import { removeScratchDirs, scratchDir, succeed, userEnv } from './install-helpers.js';

describe('editors/vscode', () => {
  // The copy holds ~250 installed packages: removing them takes a while on a busy machine.
  afterAll(removeScratchDirs, 300_000);

  it('packages into a .vsix with vsce', async () => {
    const dir = scratchDir('nilecare-vscode-');
    cpSync(path.join(repoRoot, 'editors/vscode'), dir, {
      recursive: true,
      filter: (source) => !/[\\/](node_modules|.*\.vsix)$/.test(source),
    });
    const out = path.join(dir, 'nilecare-lint.vsix');
    await succeed('node', [path.join(repoRoot, 'scripts/package-vscode-extension.mjs'), '--dir', dir, '--out', out], {
      cwd: repoRoot,
      env: userEnv(),
      timeout: 900_000,
    });
    expect(existsSync(out)).toBe(true);
    const entries = execFileSync('unzip', ['-Z1', out], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(entries).toEqual(
      expect.arrayContaining([
        'extension.vsixmanifest',
        'extension/package.json',
        'extension/extension.js',
        'extension/readme.md',
        'extension/node_modules/vscode-languageclient/package.json',
      ]),
    );
    expect(entries.filter((entry) => /node_modules\/(@vscode\/vsce|\.bin)\//.test(entry))).toEqual([]);
    const manifest = JSON.parse(execFileSync('unzip', ['-p', out, 'extension/package.json'], { encoding: 'utf8' })) as { main: string };
    expect(entries).toContain(`extension/${manifest.main.replace(/^\.\//, '')}`);
    const source = readFileSync(path.join(repoRoot, 'editors/vscode/extension.js'), 'utf8');
    expect(execFileSync('unzip', ['-p', out, 'extension/extension.js'], { encoding: 'utf8' })).toBe(source);
  }, 900_000);
});
