#!/usr/bin/env node
// Packages the VS Code extension (editors/vscode) into a .vsix with @vscode/vsce, the way the
// Marketplace takes it: installs the extension's own dependencies from its lock file, then runs
// `vsce package`. The extension is not part of the npm package (see package.json "files").
//
//   node scripts/package-vscode-extension.mjs [--dir editors/vscode] [--out <file.vsix>]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = process.argv[at + 1];
  if (!value || value.startsWith('--')) {
    console.error(`package-vscode-extension: --${name} needs a value`);
    process.exit(2);
  }
  return path.resolve(value);
}

const dir = option('dir', path.join(repoRoot, 'editors/vscode'));
if (!existsSync(path.join(dir, 'package.json'))) {
  console.error(`package-vscode-extension: no extension at ${dir} (no package.json)`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
const out = option('out', path.join(dir, `${manifest.name}-${manifest.version}.vsix`));

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
execFileSync(npm, ['ci', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
  cwd: dir,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
const vsce = path.join(dir, 'node_modules/@vscode/vsce/vsce');
execFileSync(process.execPath, [vsce, 'package', '--out', out], { cwd: dir, stdio: 'inherit' });
console.log(`package-vscode-extension: ${path.relative(process.cwd(), out) || out}`);
