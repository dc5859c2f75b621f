import { describe, expect, it } from 'vitest';
import type { FileFacts, TsconfigFacts } from '../../src/analysis/facts.js';
import { parseTsconfig } from '../../src/analysis/tsconfig.js';
import { createModuleResolver, resolveRelative } from '../../src/model/module-resolver.js';

const file = (path: string, tsconfig?: TsconfigFacts): FileFacts => ({
  path,
  kind: tsconfig ? 'tsconfig' : 'script',
  hash: '',
  lineStarts: [0],
  text: '',
  comments: [],
  problems: [],
  ...(tsconfig ? { tsconfig } : {}),
});

const SOURCES = [
  'services/orders/src/entities/index.ts',
  'services/orders/src/entities/order.entity.ts',
  'services/orders/src/lib/db.ts',
  'services/shipping/src/app.ts',
  'services/shipping/src/esm/client.mts',
  'services/shipping/lib/legacy.js',
  'packages/entities/src/index.ts',
  'index.ts',
].map((p) => file(p));

describe('relative imports', () => {
  const modules = createModuleResolver(SOURCES);

  it('resolve with the extensions, index files and .js-for-.ts that TypeScript tries', () => {
    expect(modules.resolve('services/shipping/src/app.ts', '../../orders/src/entities')).toEqual({
      path: 'services/orders/src/entities',
      file: 'services/orders/src/entities/index.ts',
    });
    expect(modules.resolve('services/shipping/src/app.ts', '../../orders/src/entities/order.entity.js')).toEqual({
      path: 'services/orders/src/entities/order.entity.js',
      file: 'services/orders/src/entities/order.entity.ts',
    });
    expect(modules.resolve('services/shipping/src/app.ts', './esm/client.mjs')?.file).toBe('services/shipping/src/esm/client.mts');
    expect(modules.resolve('services/shipping/src/app.ts', '../lib/legacy')?.file).toBe('services/shipping/lib/legacy.js');
    expect(modules.resolve('services/orders/src/lib/db.ts', '../../../..')).toEqual({ path: '', file: 'index.ts' });
  });

  it('a path the run did not read still names its folder; paths outside the repository and packages name nothing', () => {
    expect(modules.resolve('services/shipping/src/app.ts', '../../orders/generated/client')).toEqual({
      path: 'services/orders/generated/client',
    });
    expect(modules.resolve('services/shipping/src/app.ts', '../../../../x')).toBeUndefined();
    expect(modules.resolve('services/shipping/src/app.ts', 'typeorm')).toBeUndefined();
    expect(modules.resolve('services/shipping/src/app.ts', '/abs/x')).toBeUndefined();
    expect(modules.resolve('services/shipping/src/app.ts', 'node:path')).toBeUndefined();
  });

  it('resolveRelative keeps the path as written', () => {
    expect(resolveRelative('services/payment/src/a.ts', '../../billing/src/x')).toBe('services/billing/src/x');
    expect(resolveRelative('services/payment/src/a.ts', './b/')).toBe('services/payment/src/b');
    expect(resolveRelative('a.ts', '../x')).toBeUndefined();
  });
});

describe('tsconfig paths', () => {
  it('map aliases through the nearest tsconfig, the longest prefix first, targets relative to the config (no baseUrl)', () => {
    const modules = createModuleResolver([
      ...SOURCES,
      file('tsconfig.json', {
        paths: {
          '@orders/*': ['services/orders/src/*'],
          '@orders/entities/special': ['packages/entities/src/index.ts'],
          '@entities': ['packages/entities/src'],
          '@missing/*': ['nowhere/*', 'services/orders/src/*'],
        },
      }),
    ]);
    expect(modules.resolve('services/shipping/src/app.ts', '@orders/entities')?.file).toBe('services/orders/src/entities/index.ts');
    expect(modules.resolve('services/shipping/src/app.ts', '@orders/entities/special')?.file).toBe('packages/entities/src/index.ts');
    expect(modules.resolve('services/shipping/src/app.ts', '@entities')?.file).toBe('packages/entities/src/index.ts');
    // The second target of a pattern is tried when the first names no file.
    expect(modules.resolve('services/shipping/src/app.ts', '@missing/lib/db')?.file).toBe('services/orders/src/lib/db.ts');
    // The pattern matched but names no file: its first target still tells the folder.
    expect(modules.resolve('services/shipping/src/app.ts', '@orders/none')).toEqual({ path: 'services/orders/src/none' });
    expect(modules.resolve('services/shipping/src/app.ts', 'lodash')).toBeUndefined();
  });

  it('follow extends (relative, with or without .json) and baseUrl, the nearer config winning', () => {
    const modules = createModuleResolver([
      ...SOURCES,
      file('tsconfig.base.json', { baseUrl: '.', paths: { '@orders/*': ['services/orders/src/*'] } }),
      file('services/shipping/tsconfig.json', { extends: ['../../tsconfig.base'] }),
      file('services/orders/tsconfig.json', { extends: ['@tsconfig/node20/tsconfig.json'], baseUrl: 'src' }),
    ]);
    expect(modules.resolve('services/shipping/src/app.ts', '@orders/entities/order.entity')?.file).toBe(
      'services/orders/src/entities/order.entity.ts',
    );
    // baseUrl alone resolves bare specifiers that name a file below it.
    expect(modules.resolve('services/shipping/src/app.ts', 'services/orders/src/lib/db')?.file).toBe('services/orders/src/lib/db.ts');
    expect(modules.resolve('services/orders/src/entities/order.entity.ts', 'lib/db')?.file).toBe('services/orders/src/lib/db.ts');
    expect(modules.resolve('services/orders/src/entities/order.entity.ts', '@orders/lib/db')).toBeUndefined();
  });

  it('a cycle of extends ends', () => {
    const modules = createModuleResolver([
      ...SOURCES,
      file('a/tsconfig.json', { extends: ['../b/tsconfig.json'] }),
      file('b/tsconfig.json', { extends: ['../a/tsconfig.json'], paths: { '@x': ['index.ts'] } }),
    ]);
    expect(modules.resolve('a/src/x.ts', '@x')).toEqual({ path: 'b/index.ts' });
  });
});

describe('reading a tsconfig.json', () => {
  const read = parseTsconfig;

  it('takes baseUrl, paths and extends from JSON with comments and trailing commas', () => {
    const text =
      '\uFEFF{\n  // shared\n  "extends": "./tsconfig.base.json",\n  "compilerOptions": { "baseUrl": ".", "paths": { "@a/*": ["src/a/*",], "bad": "x" }, },\n}\n';
    expect(read(text)).toEqual({
      tsconfig: { extends: ['./tsconfig.base.json'], baseUrl: '.', paths: { '@a/*': ['src/a/*'] } },
      problems: [],
    });
    expect(read('{ "extends": ["./a.json", "./b.json"] }').tsconfig).toEqual({ extends: ['./a.json', './b.json'] });
  });

  it('says where it is not JSON', () => {
    const text = '{\n  "compilerOptions": { "paths": { "@a/*": ["x"] }\n';
    const { tsconfig, problems } = read(text);
    expect(tsconfig).toEqual({});
    // The object is never closed: the end of the text.
    expect(problems).toEqual([
      { message: "not valid JSON, so its path aliases are unknown: expected '}'", fileSpan: { start: text.length, end: text.length } },
    ]);
    // After a byte-order mark, the offset still counts it (offsets are into the file's text).
    const bomText = '\uFEFF{ "compilerOptions": { "baseUrl": 1 2 } }';
    const at = bomText.indexOf('2');
    expect(read(bomText).problems).toEqual([
      { message: "not valid JSON, so its path aliases are unknown: expected ',' between values", fileSpan: { start: at, end: at } },
    ]);
  });
});

describe('workspace packages by name', () => {
  const sources = [
    'packages/billing-db/src/index.ts',
    'packages/billing-db/src/entities/index.ts',
    'packages/billing-db/src/entities/invoice.entity.ts',
    'packages/flat/index.js',
    'services/patients/src/entities/index.ts',
    'services/patients/src/models/patient.ts',
    'services/app/src/a.ts',
  ].map((p) => file(p));
  const modules = createModuleResolver(sources, [
    { name: '@acme/billing-db', folder: 'packages/billing-db', entries: { main: 'dist/index.js', types: 'dist/index.d.ts' } },
    { name: 'flat', folder: 'packages/flat' },
    {
      name: '@acme/patients',
      folder: 'services/patients',
      entries: { exports: { './entities': ['./dist/src/entities/index.d.ts'], './models/*': ['./dist/models/*.js'] } },
    },
  ]);

  it('resolve through types/main and exports, from build output back to the sources', () => {
    expect(modules.resolve('services/app/src/a.ts', '@acme/billing-db')).toEqual({
      path: 'packages/billing-db/src/index.js',
      file: 'packages/billing-db/src/index.ts',
    });
    expect(modules.resolve('services/app/src/a.ts', '@acme/billing-db/src/entities')?.file).toBe(
      'packages/billing-db/src/entities/index.ts',
    );
    expect(modules.resolve('services/app/src/a.ts', '@acme/patients/entities')?.file).toBe('services/patients/src/entities/index.ts');
    expect(modules.resolve('services/app/src/a.ts', '@acme/patients/models/patient')?.file).toBe('services/patients/src/models/patient.ts');
    expect(modules.resolve('services/app/src/a.ts', 'flat')?.file).toBe('packages/flat/index.js');
  });

  it('a subpath the exports map does not list, or a package the workspaces do not hold, leads to the folder or nowhere', () => {
    expect(modules.resolve('services/app/src/a.ts', '@acme/patients/internal')).toEqual({ path: 'services/patients/internal' });
    expect(modules.resolve('services/app/src/a.ts', '@acme/other')).toBeUndefined();
    expect(modules.resolve('services/app/src/a.ts', 'typeorm')).toBeUndefined();
  });
});
