import { describe, expect, it } from 'vitest';
import { lockFileKind, parseLockFile, reachablePackages, type DependencyGraph } from '../../src/analysis/lockfiles.js';
import { envFilesOfCommand, parsePackageManifest } from '../../src/analysis/package-manifest.js';

const edges = (graph: DependencyGraph) =>
  Object.fromEntries(
    [...graph]
      .filter(([, to]) => to.size > 0)
      .map(([from, to]) => [from, [...to].sort()])
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );

const isDriver = (name: string) => name === 'pg' || name === 'mysql2' || name === 'postgres';

describe('lock files as dependency graphs', () => {
  it('names each lock file kind', () => {
    expect(['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'package.json'].map(lockFileKind)).toEqual([
      'package-lock',
      'package-lock',
      'pnpm-lock',
      'yarn-lock',
      undefined,
    ]);
  });

  it('package-lock v2/v3: node_modules paths (nested too) and workspace folders by name', () => {
    const lock = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { name: 'root', workspaces: ['services/*'] },
        'services/inventory': { name: 'inventory', dependencies: { '@acme/db-client': '^4' } },
        'node_modules/inventory': { resolved: 'services/inventory', link: true },
        'node_modules/@acme/db-client': { version: '4.2.1', dependencies: { pg: '^8' }, optionalDependencies: { 'pg-native': '^3' } },
        'node_modules/@acme/db-client/node_modules/pg': { version: '8.11.3', dependencies: { 'pg-pool': '^3' } },
        'node_modules/express': { version: '4.19.2', peerDependencies: { pg: '*' } },
      },
    });
    expect(edges(parseLockFile('package-lock', lock))).toEqual({
      '@acme/db-client': ['pg', 'pg-native'],
      inventory: ['@acme/db-client'],
      pg: ['pg-pool'],
    });
  });

  it('package-lock v1: requires, through nested dependencies', () => {
    const lock = JSON.stringify({
      lockfileVersion: 1,
      dependencies: {
        '@acme/db-client': {
          version: '1.0.0',
          requires: { pg: '^8' },
          dependencies: { pg: { version: '8.0.0', requires: { 'pg-pool': '^3' } } },
        },
      },
    });
    expect(edges(parseLockFile('package-lock', lock))).toEqual({ '@acme/db-client': ['pg'], pg: ['pg-pool'] });
  });

  it('pnpm v9 (snapshots), v6 (/name@version) and v5 (/name/version), with peer suffixes; importers are skipped', () => {
    const v9 = [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    dependencies:',
      "      '@acme/sql':",
      '        specifier: ^1.4.0',
      '        version: 1.4.2',
      'packages:',
      "  '@acme/sql@1.4.2':",
      '    resolution: {integrity: sha512-x}',
      'snapshots:',
      "  '@acme/sql@1.4.2(typescript@5.4.5)':",
      '    dependencies:',
      '      postgres: 3.4.4',
      "      '@types/node': 20.0.0",
      '  postgres@3.4.4: {}',
    ].join('\n');
    expect(edges(parseLockFile('pnpm-lock', v9))).toEqual({ '@acme/sql': ['@types/node', 'postgres'] });
    const v6 = [
      "lockfileVersion: '6.0'",
      'packages:',
      '  /@acme/sql@1.4.2:',
      '    dependencies:',
      '      pg: 8.11.3',
      '    dev: false',
    ].join('\n');
    expect(edges(parseLockFile('pnpm-lock', v6))).toEqual({ '@acme/sql': ['pg'] });
    const v5 = ['lockfileVersion: 5.4', 'packages:', '  /wrapper/1.0.0_pg@8.0.0:', '    dependencies:', '      mysql2: 3.0.0'].join('\r\n');
    expect(edges(parseLockFile('pnpm-lock', v5))).toEqual({ wrapper: ['mysql2'] });
  });

  it('yarn v1 (several specs per entry) and berry (npm: and workspace: specs)', () => {
    const v1 = [
      '# yarn lockfile v1',
      '',
      '"@acme/persistence@^2.0.0", "@acme/persistence@^2.1.0":',
      '  version "2.1.4"',
      '  dependencies:',
      '    generic-pool "^3.9.0"',
      '    mysql2 "^3.9.0"',
      '',
      'mysql2@^3.9.0:',
      '  version "3.9.7"',
      '  dependencies:',
      '    denque "^2.1.0"',
    ].join('\n');
    expect(edges(parseLockFile('yarn-lock', v1))).toEqual({ '@acme/persistence': ['generic-pool', 'mysql2'], mysql2: ['denque'] });
    const berry = [
      '__metadata:',
      '  version: 8',
      '',
      '"@acme/persistence@npm:^2.0.0":',
      '  version: 2.1.4',
      '  dependencies:',
      '    mysql2: "npm:^3.9.0"',
      '    "@types/node": "npm:*"',
      '  languageName: node',
      '',
      '"shipping@workspace:services/shipping":',
      '  dependencies:',
      '    "@acme/persistence": "npm:^2.0.0"',
    ].join('\n');
    expect(edges(parseLockFile('yarn-lock', berry))).toEqual({
      '@acme/persistence': ['@types/node', 'mysql2'],
      shipping: ['@acme/persistence'],
    });
  });

  it('text of another format, or no text at all, is an empty graph, never an error', () => {
    for (const kind of ['package-lock', 'pnpm-lock', 'yarn-lock'] as const) {
      for (const text of ['', '{', 'null', '[1,2]', '\u0000\u0001', '"a@1":\n    dependencies:\n      x: 1']) {
        expect(() => parseLockFile(kind, text)).not.toThrow();
      }
      expect(edges(parseLockFile(kind, 'not a lock file'))).toEqual({});
    }
  });
});

describe('reachablePackages', () => {
  const graph: DependencyGraph = new Map([
    ['@acme/platform', new Set(['@acme/db-client', 'pino'])],
    ['@acme/db-client', new Set(['pg'])],
    ['pg', new Set(['pg-pool', 'mysql2'])],
    ['loop-a', new Set(['loop-b'])],
    ['loop-b', new Set(['loop-a'])],
  ]);

  it('finds drivers behind wrappers with the shortest chain, and does not walk on through a driver', () => {
    expect([...reachablePackages([graph], ['express', '@acme/platform', 'loop-a'], isDriver)]).toEqual([
      ['pg', ['@acme/platform', '@acme/db-client', 'pg']],
    ]);
  });

  it('leaves out direct dependencies (package.json says those) and stops at the node budget', () => {
    expect(reachablePackages([graph], ['pg'], isDriver).size).toBe(0);
    expect(reachablePackages([graph], ['@acme/platform'], isDriver, 2).size).toBe(0);
  });
});

describe('parsePackageManifest', () => {
  it('reads dependency names by kind, scripts and workspaces; anything else is undefined', () => {
    expect(
      parsePackageManifest(
        JSON.stringify({
          name: 'orders',
          dependencies: { pg: '^8' },
          devDependencies: { prisma: '^5' },
          peerDependencies: { react: '*' },
          scripts: { start: 'node dist' },
          workspaces: { packages: ['a'] },
        }),
      ),
    ).toEqual({
      name: 'orders',
      dependencies: ['pg'],
      devOnly: ['prisma'],
      peerOnly: ['react'],
      otherDependencies: ['prisma', 'react'],
      scripts: ['start'],
      workspaces: true,
      workspacePatterns: ['a'],
    });
    expect(parsePackageManifest('{"dependencies": ["pg"], "name": 3}')).toEqual({
      dependencies: [],
      otherDependencies: [],
      scripts: [],
      workspaces: false,
    });
    for (const text of ['', '[]', 'null', '{', '"x"']) expect(parsePackageManifest(text)).toBeUndefined();
  });

  it('reads the env files start scripts load: --env-file (= or a separate word), dotenv-cli -e, env-cmd -f; not test scripts', () => {
    expect(envFilesOfCommand('node --env-file=../../.env src/index.js')).toEqual(['../../.env']);
    expect(envFilesOfCommand('tsx watch --env-file .env.local --env-file-if-exists=".env.override" src/main.ts')).toEqual([
      '.env.local',
      '.env.override',
    ]);
    expect(envFilesOfCommand('npx dotenv -e ../../.env -e .env.local -- node dist/main.js')).toEqual(['../../.env', '.env.local']);
    expect(envFilesOfCommand('env-cmd -f ./config/.env.prod node server.js && node -e "x" -f y')).toEqual(['./config/.env.prod']);
    // `-e` of node itself, a variable's path, a flag without a value: nothing.
    expect(envFilesOfCommand('node -e "console.log(1)" && node --env-file=$ENV_FILE x && node --env-file')).toEqual([]);
    const text = JSON.stringify(
      { name: 'orders', scripts: { test: 'node --env-file=.env.test --test', start: 'node --env-file=../../.env src/index.js' } },
      null,
      2,
    );
    expect(parsePackageManifest(text)?.envFileLoads).toEqual([
      { path: '../../.env', range: { line: 5, column: 31, endLine: 5, endColumn: 41 } },
    ]);
    expect(text.split('\n')[4].slice(30, 40)).toBe('../../.env');
  });

  it('reads what importers by name load: main, module, types and exports by subpath, types conditions first', () => {
    const entries = (manifest: Record<string, unknown>) => parsePackageManifest(JSON.stringify(manifest))?.entries;
    expect(entries({ main: 'dist/index.js', typings: 'dist/index.d.ts', module: '' })).toEqual({
      main: 'dist/index.js',
      types: 'dist/index.d.ts',
    });
    expect(entries({ exports: './dist/index.js' })).toEqual({ exports: { '.': ['./dist/index.js'] } });
    expect(
      entries({
        exports: {
          '.': { import: './dist/index.mjs', require: './dist/index.cjs', types: './dist/index.d.ts' },
          './entities': { node: { default: './dist/entities/index.js' } },
          './package.json': './package.json',
          './internal/*': null,
        },
      }),
    ).toEqual({
      exports: {
        '.': ['./dist/index.d.ts', './dist/index.mjs', './dist/index.cjs'],
        './entities': ['./dist/entities/index.js'],
        './package.json': ['./package.json'],
      },
    });
    expect(entries({ exports: { types: './dist/a.d.ts', default: './dist/a.js' } })).toEqual({
      exports: { '.': ['./dist/a.d.ts', './dist/a.js'] },
    });
    expect(entries({ exports: 3, main: ['x'] })).toBeUndefined();
    expect(parsePackageManifest(JSON.stringify({ workspaces: ['apps/*', 3, 'libs/*'] }))?.workspacePatterns).toEqual(['apps/*', 'libs/*']);
  });
});
