/**
 * What an import takes by name (ImportFact.names) and what a module offers by name (ScriptFacts.exports,
 * CommonJS re-exports): the facts that let the model follow a name through a data package's index
 * to the module defining it (HELDOUT6 #16).
 */
import { describe, expect, it } from 'vitest';
import { extractScript } from '../../../src/analysis/typescript/index.js';
import { onlyImportsPossible } from '../../../src/analysis/typescript/prefilter.js';

const namesOf = (text: string, path = 'a.ts') => extractScript(path, text).script.imports.map((i) => [i.specifier, i.names]);

describe('the names an import takes', () => {
  it('reads ES imports, export-from lists, require destructuring and a member read off a require', () => {
    const text = [
      "import a from 'default-only';",
      "import b, { c as d, type T } from 'both';",
      "import { default as e } from 'default-named';",
      "import type { U } from 'types';",
      "export { f, g as h } from 'passed';",
      "const { i, j: k } = require('destructured');",
      "const l = require('member').m;",
      "let { n } = require( 'spaced' );",
    ].join('\n');
    expect(namesOf(text)).toEqual([
      ['default-only', ['default']],
      ['both', ['default', 'c', 'T']],
      ['default-named', ['default']],
      ['types', ['U']],
      ['passed', ['f', 'g']],
      ['destructured', ['i', 'j']],
      ['member', ['m']],
      ['spaced', ['n']],
    ]);
  });

  it('takes the whole module (no names) for namespaces, plain requires, side effects, dynamic imports and forms it does not read', () => {
    const text = [
      "import * as ns from 'namespace';",
      "import x, * as all from 'default-and-namespace';",
      "import 'side-effect';",
      "const whole = require('whole');",
      "require('bare');",
      "const later = import('dynamic');",
      "export * from 'star';",
      "export * as names from 'star-as';",
      "const { a, ...rest } = require('rest');",
      "const { b = 1 } = require('default-value');",
      "const { c: { d } } = require('nested');",
      "import { e, /* f, */ g } from 'comment';",
      "import h = require('equals');",
    ].join('\n');
    expect(namesOf(text).filter(([, names]) => names !== undefined)).toEqual([]);
    expect(namesOf(text)).toHaveLength(13);
  });

  it('the scanner path reads the same names as a full parse', () => {
    const text = "import a, { b } from 'x';\nconst { c } = require('y');\nconst d = require('z').d;\nimport * as e from 'w';\n";
    expect(onlyImportsPossible(text)).toBe(true);
    const fast = extractScript('a.ts', text).script.imports;
    expect(fast).toEqual(extractScript('a.ts', text, { scanImportOnlyFiles: false }).script.imports);
    expect(fast.map((i) => i.names)).toEqual([['default', 'b'], ['c'], ['d'], undefined]);
  });
});

const script = (text: string, path = 'src/orders.js') => extractScript(path, text).script;
const QUERY = "const pool = require('./pool');\nconst q = () => pool.query('SELECT id FROM orders');\n";

describe('what a module offers by name', () => {
  it("a querying module's own exports: CommonJS assignments and objects, ES declarations, lists and default", () => {
    expect(
      script(
        QUERY +
          [
            'exports.getOrder = q;',
            'module.exports.listOrders = q;',
            'module.exports = { countOrders: q, sumOrders() { return q(); }, q };',
          ].join('\n'),
      ).exports,
    ).toEqual(['countOrders', 'getOrder', 'listOrders', 'q', 'sumOrders']);
    expect(
      script(
        "import { pool } from './pool';\n" +
          [
            "export const getOrder = () => pool.query('SELECT id FROM orders');",
            'export async function listOrders() { return getOrder(); }',
            'export class OrderRepo {}',
            'const local = 1;',
            'export { local as renamed };',
            'export default OrderRepo;',
          ].join('\n'),
        'src/orders.ts',
      ).exports,
    ).toEqual(['OrderRepo', 'default', 'getOrder', 'listOrders', 'renamed']);
  });

  it('a module that does not query records no exports (they stay unknown, as on the scanner path)', () => {
    expect(script('exports.formatMoney = (cents) => (cents / 100).toFixed(2);').exports).toBeUndefined();
    expect(script('export function formatMoney(cents: number) { return String(cents); }', 'src/money.ts').exports).toBeUndefined();
  });

  it('CommonJS barrels: spread requires, required members and imported names are re-exports, not own exports', () => {
    const barrel = script(
      [
        "const { getInvoice } = require('./billing');",
        "module.exports = { ...require('./orders'), pool: require('./pool'), paid: require('./billing').paid, getInvoice };",
      ].join('\n'),
      'src/index.js',
    );
    expect(barrel.reexports).toEqual([
      { specifier: './orders', imported: '*', exported: '*' },
      { specifier: './pool', imported: '*', exported: 'pool' },
      { specifier: './billing', imported: 'paid', exported: 'paid' },
      { specifier: './billing', imported: 'getInvoice', exported: 'getInvoice' },
    ]);
    expect(barrel.exports).toBeUndefined();
    expect(script("module.exports = require('./impl');", 'src/index.js').reexports).toEqual([
      { specifier: './impl', imported: '*', exported: '*' },
    ]);
    expect(
      script("exports.orders = require('./orders');\nmodule.exports.total = require('./sum').total;", 'src/index.js').reexports,
    ).toEqual([
      { specifier: './orders', imported: '*', exported: 'orders' },
      { specifier: './sum', imported: 'total', exported: 'total' },
    ]);
  });

  it('the prefilter sends a CommonJS re-export to the parser', () => {
    expect(onlyImportsPossible("module.exports = require('./impl');")).toBe(false);
    expect(onlyImportsPossible("exports.orders = require('./orders');")).toBe(false);
    expect(onlyImportsPossible("module.exports.total = require('./sum').total;")).toBe(false);
    expect(onlyImportsPossible("const x = require('./x');\nmodule.exports.run = () => x();")).toBe(true);
  });
});
