/**
 * Kysely's CamelCasePlugin and Objection's knexSnakeCaseMappers snake_case every identifier their query builder
 * sends: the mapper as facts (which one, its literal options), and `snakeCase` itself against the libraries'
 * documented outputs, option by option.
 */
import { describe, expect, it } from 'vitest';
import { extractScript } from '../../src/analysis/typescript/index.js';
import { snakeCase } from '../../src/model/identifier-case.js';

const mappers = (code: string, file = 'db.ts') =>
  (extractScript(file, code).script.snakeCaseMappers ?? []).map(({ fileSpan, ...rest }) => ({
    ...rest,
    at: code.slice(fileSpan.start, fileSpan.end),
  }));

describe('snakeCase (Kysely / Objection)', () => {
  it('starts a word at each upper-case letter that follows a lower-case one, lower-casing all', () => {
    expect(snakeCase('cartLines')).toBe('cart_lines');
    expect(snakeCase('productVariants')).toBe('product_variants');
    expect(snakeCase('CartLines')).toBe('cart_lines');
    expect(snakeCase('cart_lines')).toBe('cart_lines');
    expect(snakeCase('')).toBe('');
  });
  it('keeps an upper-case run one word unless underscoreBetweenUppercaseLetters', () => {
    expect(snakeCase('HTTPLogs')).toBe('httplogs');
    expect(snakeCase('fooBAR')).toBe('foo_bar');
    expect(snakeCase('fooBAR', { underscoreBetweenUppercaseLetters: true })).toBe('foo_b_a_r');
    expect(snakeCase('USERS')).toBe('users');
  });
  it('puts an underscore before the first digit of a run only with underscoreBeforeDigits', () => {
    expect(snakeCase('address2Lines')).toBe('address2_lines');
    expect(snakeCase('address2Lines', { underscoreBeforeDigits: true })).toBe('address_2_lines');
    expect(snakeCase('v10Events', { underscoreBeforeDigits: true })).toBe('v_10_events');
  });
  it('upper-cases the result with upperCase', () => {
    expect(snakeCase('cartLines', { upperCase: true })).toBe('CART_LINES');
  });
});

describe('snake_case mappers as facts', () => {
  it("a CamelCasePlugin of kysely with its literal options, a knexSnakeCaseMappers of objection's", () => {
    expect(
      mappers(
        [
          "import { CamelCasePlugin, Kysely } from 'kysely';",
          'export const db = new Kysely<DB>({ dialect, plugins: [new CamelCasePlugin({ underscoreBeforeDigits: true, upperCase: false })] });',
        ].join('\n'),
      ),
    ).toEqual([{ plugin: 'kysely', underscoreBeforeDigits: true, upperCase: false, at: 'CamelCasePlugin' }]);
    expect(
      mappers(
        [
          "const Knex = require('knex');",
          "const { knexSnakeCaseMappers } = require('objection');",
          'module.exports = Knex({ client: "pg", ...knexSnakeCaseMappers() });',
        ].join('\n'),
        'db.js',
      ),
    ).toEqual([{ plugin: 'knex', at: 'knexSnakeCaseMappers' }]);
  });
  it("is none: a CamelCasePlugin of a file that does not import kysely, Objection's column-only snakeCaseMappers", () => {
    expect(mappers('class CamelCasePlugin {}\nexport const p = new CamelCasePlugin();')).toEqual([]);
    expect(
      mappers(
        "import { Model, snakeCaseMappers } from 'objection';\nexport class Base extends Model { static columnNameMappers = snakeCaseMappers(); }",
      ),
    ).toEqual([]);
    expect(mappers('export const m = knexSnakeCaseMappers();')).toEqual([]);
  });
});
