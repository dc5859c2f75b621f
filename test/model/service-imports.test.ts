/**
 * The one resolution of imports to services (src/model/service-imports.ts): a file's imports resolved through the
 * module resolver (relative paths, tsconfig paths, workspace packages) to the service holding the module, read from
 * the summary of facts decoded on first read (FactsSummary.imports) so that asking about every file decodes none
 * (issue 16), and from the facts of files at hand.
 */
import { describe, expect, it } from 'vitest';
import type { FileFacts } from '../../src/analysis/facts.js';
import { parseTsconfig } from '../../src/analysis/tsconfig.js';
import type { Service } from '../../src/model/model.js';
import { createModuleResolver } from '../../src/model/module-resolver.js';
import { importSpecifiers, serviceImportsOf } from '../../src/model/service-imports.js';
import type { WorkspacePackage } from '../../src/model/workspace-packages.js';
import { scriptFacts, cachedFacts } from '../support/cached-facts.js';

const service = (name: string): Service => ({ name, roots: [`packages/${name}`] }) as unknown as Service;
const pds = service('pds');
const devEnv = service('dev-env');
const serviceOf = (path: string) => [pds, devEnv].find((s) => path.startsWith(`${s.roots[0]}/`));

const tsconfig: FileFacts = {
  path: 'packages/dev-env/tsconfig.json',
  kind: 'tsconfig',
  hash: 'tsconfig',
  lineStarts: [0],
  text: '',
  comments: [],
  problems: [],
  tsconfig: parseTsconfig('{ "compilerOptions": { "baseUrl": ".", "paths": { "@pds/*": ["../pds/src/*"] } } }').tsconfig!,
};
const profile = scriptFacts(
  'packages/dev-env/src/profile.ts',
  [
    "import { PDS } from '@net/pds'",
    "import { AccountManager } from '@pds/account-manager'",
    "import { seed } from './seed'",
    "import type { Seed } from './seed'",
    "const pg = require('pg')",
    'export const token = (pds: PDS) => pds',
  ].join('\n'),
);
const seed = scriptFacts(
  'packages/dev-env/src/seed.ts',
  "export const seed = 1\nexport type Seed = number\nimport { sep } from 'node:path'\n",
);
const pdsIndex = scriptFacts('packages/pds/src/index.ts', "export { AccountManager } from './account-manager'\nexport class PDS {}\n");
const accountManager = scriptFacts('packages/pds/src/account-manager.ts', 'export class AccountManager {}\n');
const outside = scriptFacts('tools/report.ts', "import { PDS } from '../packages/pds/src/index.js'\n");
const workspaces: WorkspacePackage[] = [{ name: '@net/pds', folder: 'packages/pds' }];

describe('one resolution of imports to services (issues 14, 16)', () => {
  it("resolves each file's specifiers, once each, to the module and its service: workspace package, tsconfig path, relative", () => {
    const files = [tsconfig, profile, seed, pdsIndex, accountManager, outside];
    const imports = serviceImportsOf(files, serviceOf, createModuleResolver(files, workspaces));
    expect(
      imports.files().map(({ path, owner, imports: list }) => ({
        path,
        owner: owner?.name,
        imports: list.map((i) => `${i.specifier} -> ${i.target?.file ?? i.target?.path ?? '-'} (${i.service?.name ?? '-'})`),
      })),
    ).toEqual([
      {
        path: 'packages/dev-env/src/profile.ts',
        owner: 'dev-env',
        imports: [
          '@net/pds -> packages/pds/src/index.ts (pds)',
          '@pds/account-manager -> packages/pds/src/account-manager.ts (pds)',
          './seed -> packages/dev-env/src/seed.ts (dev-env)',
          'pg -> - (-)',
        ],
      },
      { path: 'packages/dev-env/src/seed.ts', owner: 'dev-env', imports: ['node:path -> - (-)'] },
      { path: 'packages/pds/src/index.ts', owner: 'pds', imports: ['./account-manager -> packages/pds/src/account-manager.ts (pds)'] },
      { path: 'tools/report.ts', owner: undefined, imports: ['../packages/pds/src/index.js -> packages/pds/src/index.ts (pds)'] },
    ]);
    expect(imports.resolve('packages/dev-env/src/profile.ts', '@net/pds').service).toBe(pds);
    expect(imports.resolve('packages/dev-env/src/profile.ts', 'kysely')).toEqual({ specifier: 'kysely' });
  });

  it('reads the specifiers of facts decoded on first read from their summary: asking about every file decodes none', () => {
    const decodes: string[] = [];
    const files = [tsconfig, cachedFacts(profile, decodes), cachedFacts(seed, decodes), cachedFacts(pdsIndex, decodes), accountManager];
    expect(importSpecifiers(files[1])).toEqual(['@net/pds', '@pds/account-manager', './seed', 'pg']);
    const imports = serviceImportsOf(
      files,
      serviceOf,
      createModuleResolver([tsconfig, profile, seed, pdsIndex, accountManager], workspaces),
    );
    expect(imports.files().map((f) => [f.path, f.imports.map((i) => i.service?.name ?? '-').join(' ')])).toEqual([
      ['packages/dev-env/src/profile.ts', 'pds pds dev-env -'],
      ['packages/dev-env/src/seed.ts', '-'],
      ['packages/pds/src/index.ts', 'pds'],
    ]);
    expect(decodes).toEqual([]);
  });
});
