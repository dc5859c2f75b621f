import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryTree } from '../../src/io/source-tree.js';
import { PackageIndex } from '../../src/model/packages.js';
import { workspacePackages } from '../../src/model/workspace-packages.js';
import { tempDir } from '../temp-dirs.js';

function repo(files: Record<string, string>): { root: string; manifests: string[] } {
  const root = tempDir('nilecare-workspaces-');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return { root, manifests: Object.keys(files).filter((f) => f.endsWith('/package.json')) };
}

const names = (root: string, manifests: string[]) => {
  const packages = new PackageIndex(root);
  return { found: workspacePackages(manifests, packages).map((p) => `${p.name} ${p.folder}`), problems: packages.problems };
};

describe('workspace packages', () => {
  it('npm/yarn `workspaces` and pnpm-workspace.yaml name the folders; exclusions, unnamed and twice-claimed names are left out', () => {
    const npm = repo({
      'package.json': JSON.stringify({ private: true, workspaces: { packages: ['packages/*', './services/*/'] } }),
      'packages/db/package.json': '{ "name": "@a/db", "main": "dist/index.js" }',
      'services/orders/package.json': '{ "name": "@a/orders" }',
      'services/unnamed/package.json': '{}',
      'tools/gen/package.json': '{ "name": "@a/gen" }',
    });
    expect(names(npm.root, npm.manifests)).toEqual({ found: ['@a/db packages/db', '@a/orders services/orders'], problems: [] });

    const pnpm = repo({
      'package.json': '{ "name": "root" }',
      'pnpm-workspace.yaml': "packages:\n  - 'apps/**'\n  - '!apps/legacy'\n",
      'apps/api/package.json': '{ "name": "api" }',
      'apps/nested/worker/package.json': '{ "name": "worker" }',
      'apps/legacy/package.json': '{ "name": "legacy" }',
      'apps/copy/package.json': '{ "name": "api" }',
    });
    expect(names(pnpm.root, pnpm.manifests).found).toEqual(['worker apps/nested/worker']);
  });

  it('no workspace declared: no package is followed by name; an unreadable pnpm-workspace.yaml is a notice', () => {
    const none = repo({ 'package.json': '{ "name": "root" }', 'packages/db/package.json': '{ "name": "@a/db" }' });
    expect(names(none.root, none.manifests)).toEqual({ found: [], problems: [] });
    const broken = repo({ 'pnpm-workspace.yaml': 'packages: [\n', 'packages/db/package.json': '{ "name": "@a/db" }' });
    expect(names(broken.root, broken.manifests)).toEqual({
      found: [],
      problems: ['pnpm-workspace.yaml is not valid YAML (its workspace packages were not used to resolve imports)'],
    });
  });

  it('lerna.json `packages` name the folders; without any, Lerna looks in packages/*; a broken one is a notice', () => {
    const lerna = repo({
      'lerna.json': JSON.stringify({ version: 'independent', packages: ['modules/*'] }),
      'modules/db/package.json': '{ "name": "@a/db" }',
      'packages/web/package.json': '{ "name": "@a/web" }',
    });
    expect(names(lerna.root, lerna.manifests)).toEqual({ found: ['@a/db modules/db'], problems: [] });
    const defaults = repo({ 'lerna.json': '{ "version": "1.0.0" }', 'packages/web/package.json': '{ "name": "@a/web" }' });
    expect(names(defaults.root, defaults.manifests).found).toEqual(['@a/web packages/web']);
    // Lerna ≥ 7 reads the package manager's workspaces: its own default adds nothing to them.
    const npm = repo({
      'package.json': JSON.stringify({ workspaces: ['apps/*'] }),
      'lerna.json': '{ "version": "1.0.0" }',
      'apps/api/package.json': '{ "name": "@a/api" }',
      'packages/web/package.json': '{ "name": "@a/web" }',
    });
    expect(names(npm.root, npm.manifests).found).toEqual(['@a/api apps/api']);
    const broken = repo({ 'lerna.json': '[1]', 'packages/web/package.json': '{ "name": "@a/web" }' });
    expect(names(broken.root, broken.manifests)).toEqual({
      found: [],
      problems: ['lerna.json is not a JSON object (its workspace packages were not used to resolve imports)'],
    });
  });
});

describe('a package.json that does not parse', () => {
  it("rush.json's projects (JSON with comments, as Rush writes it) are workspace packages by their folders; a broken one is a notice (HELDOUT8 #2)", () => {
    const rush = repo({
      'rush.json': [
        '/**',
        ' * This is the main configuration file for Rush.',
        ' */',
        '{',
        '  "$schema": "https://developer.microsoft.com/json-schemas/rush/v5/rush.schema.json",',
        '  "rushVersion": "5.122.1",',
        '  // "pnpmVersion": "8.15.8",',
        '  "projects": [',
        '    { "packageName": "@acme/orders-db", "projectFolder": "libs/orders-db" },',
        '    { "packageName": "@acme/orders", "projectFolder": "apps/orders", "reviewCategory": "production" },',
        '    { "packageName": "@acme/odd", "projectFolder": "libs/[odd]" },',
        '    { "packageName": "@acme/nofolder" },',
        '  ],',
        '}',
        '',
      ].join('\n'),
      'libs/orders-db/package.json': '{ "name": "@acme/orders-db", "main": "lib/index.js" }',
      'apps/orders/package.json': '{ "name": "@acme/orders" }',
      'libs/[odd]/package.json': '{ "name": "@acme/odd" }',
      'tools/unlisted/package.json': '{ "name": "@acme/unlisted" }',
    });
    expect(names(rush.root, rush.manifests)).toEqual({
      found: ['@acme/orders apps/orders', '@acme/orders-db libs/orders-db'],
      problems: [],
    });
    const broken = repo({ 'rush.json': '{ "projects": [\n', 'libs/db/package.json': '{ "name": "@a/db" }' });
    expect(names(broken.root, broken.manifests)).toEqual({
      found: [],
      problems: ['rush.json is not a JSON object (its projects were not used to resolve imports)'],
    });
  });

  it('is located, never silent: at a merge-conflict marker, else where the JSON parser stops, with its words', () => {
    const packages = new PackageIndex(
      memoryTree({
        'services/billing/package.json':
          '{\n  "name": "billing",\n<<<<<<< HEAD\n  "version": "1.2.0",\n=======\n  "version": "1.3.0",\n>>>>>>> feature/invoices\n  "dependencies": { "mysql2": "^3" }\n}\n',
        'services/broken/package.json': '{ "name": ',
        'services/array/package.json': '[]',
      }),
    );
    expect(packages.manifest('services/billing')).toEqual({
      ok: false,
      reason: 'its package.json is not valid JSON (a merge-conflict marker)',
      notJson: true,
    });
    expect(packages.manifest('services/broken')).toEqual({ ok: false, reason: 'its package.json is not valid JSON', notJson: true });
    expect(packages.manifest('services/array')).toEqual({ ok: false, reason: 'its package.json is not a JSON object' });
    expect(packages.problems).toEqual([
      "services/billing/package.json:3:1: not valid JSON (a merge-conflict marker); its dependencies were not used to find services or infer drivers; its folder's own files still were",
      "services/broken/package.json:1:11: not valid JSON (expected a value); its dependencies were not used to find services or infer drivers; its folder's own files still were",
    ]);
    // The same, located, for the unanalysed-file finding that every output format carries.
    expect(packages.unreadManifests.map(({ file, range, detail }) => [file, range, detail])).toEqual([
      ['services/billing/package.json', { line: 3, column: 1, endLine: 3, endColumn: 8 }, 'not valid JSON (a merge-conflict marker)'],
      ['services/broken/package.json', { line: 1, column: 11, endLine: 1, endColumn: 12 }, 'not valid JSON (expected a value)'],
    ]);
    expect(packages.unreadManifests.map((m) => m.notice)).toEqual(packages.problems);
  });
});
