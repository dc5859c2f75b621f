import { describe, expect, it } from 'vitest';
import { extractScript } from '../../src/analysis/typescript/index.js';
import { entityGlobMatcher } from '../../src/model/registered-entities.js';

const globsOf = (text: string) =>
  (extractScript('apps/api/src/config/data-source.ts', text).script.ormEntityGlobs ?? []).map((g) => `${g.relativeTo} ${g.pattern}`);

describe('entities registered by path', () => {
  it('reads the glob forms of an `entities` option, and no class, URL or plain name', () => {
    expect(
      globsOf(
        [
          "import { join } from 'path';",
          'export default {',
          '  entities: [',
          "    'dist/**/*.entity.js',",
          "    './src/models/*.ts',",
          "    __dirname + '/../**/*.entity{.ts,.js}',",
          '    `${__dirname}/entities/*.js`,',
          "    join(__dirname, '..', '**', '*.entity.{ts,js}'),",
          "    path.resolve(__dirname, '../models/*.ts'),",
          "    Order, 'orders', 'http://x/*.js', join(process.cwd(), 'a/*.js'),",
          '  ],',
          '};',
        ].join('\n'),
      ),
    ).toEqual([
      'cwd dist/**/*.entity.js',
      'cwd src/models/*.ts',
      'file ../**/*.entity{.ts,.js}',
      'file entities/*.js',
      'file ../**/*.entity.{ts,js}',
      'file ../models/*.ts',
    ]);
  });

  it('matches the sources a glob stands for: from the file or the working directory, dist/ read as src/ or dropped, .js as .ts', () => {
    const at = (pattern: string, relativeTo: 'file' | 'cwd') =>
      entityGlobMatcher({ pattern, relativeTo, fileSpan: { start: 0, end: 0 } }, 'apps/api/src/config/data-source.ts', ['apps/api'])!;
    const fromService = at('dist/**/*.entity.js', 'cwd');
    expect(fromService('apps/api/src/orders/order.entity.ts')).toBe(true);
    expect(fromService('apps/other/src/order.entity.ts')).toBe(false);
    expect(at('dist/libs/db/**/*.entity.js', 'cwd')('libs/db/src/lib/order.entity.ts')).toBe(true);
    const fromFile = at('../**/*.entity{.ts,.js}', 'file');
    expect(fromFile('apps/api/src/orders/order.entity.ts')).toBe(true);
    expect(fromFile('apps/api/test/order.entity.ts')).toBe(false);
    expect(entityGlobMatcher({ pattern: '../../../../../x/*.ts', relativeTo: 'file', fileSpan: { start: 0, end: 0 } }, 'a/b.ts', [])).toBe(
      undefined,
    );
  });
});
