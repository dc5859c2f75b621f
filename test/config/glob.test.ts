import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import {
  compileFolderGlob,
  compileGlob,
  compileGlobs,
  GlobSyntaxError,
  hasGlobSyntax,
  scanGlob,
  trimFolderPattern,
} from '../../src/config/glob.js';

/** Patterns of the shapes configs use, and paths and names to try them on. */
const PATTERNS = [
  'services/billing',
  'services/*',
  'services/*/src',
  'services/**',
  '**/migrations',
  '**/migrations/**',
  'services/**/migrations/*.sql',
  'apps/{billing,payment}/src/**',
  'apps/{billing,pay{ment,out}}',
  'db/V{1..3}__*.sql',
  'db/{a..c}.sql',
  'auth_*',
  'billing_??',
  'x[0-9]y',
  'x[abc]',
  'x[a-c0-9_]*',
  'x[[:digit:]]',
  '*.{ts,tsx}',
  '**/*.test.ts',
  'a/**/b/**/c',
  '**',
  '*',
  '@(a|b)c',
  '?(a|b)c',
  'src/legacy\\*.ts',
  'foo{,.bak}',
  '!services/billing/**',
  // Matched without an automaton (prefixMatcher): a folder and everything inside it, a name prefix.
  'services/billing/**',
  'services/billing/*',
  'billing_*',
  'clinical_data.*',
  'a b/**',
];
const INPUTS = [
  'services/billing',
  'services/billing/src/a.ts',
  'services/payment',
  'services/payment/src',
  'services/billing/db/migrations/V1__a.sql',
  'migrations',
  'migrations/V1.sql',
  'a/migrations',
  'apps/billing/src/x.ts',
  'apps/payout',
  'apps/payment',
  'apps/pay',
  'db/V2__seed.sql',
  'db/V4__seed.sql',
  'db/V05.sql',
  'db/V5.sql',
  'db/b.sql',
  'db/d.sql',
  'auth_users',
  'auth_',
  'billing_ab',
  'billing_abc',
  'x5y',
  'xay',
  'xb',
  'xd',
  'xb_9z',
  'x7',
  'index.ts',
  'view.tsx',
  'src/a.test.ts',
  'a/b/c',
  'a/x/b/y/z/c',
  'a/bc',
  'ac',
  'c',
  'abc',
  'src/legacy*.ts',
  'src/legacyX.ts',
  'foo',
  'foo.bak',
  '.env',
  'services/.hidden/a.ts',
  'services/billingx',
  'services/billingx/a.ts',
  'billing_',
  'billing_a/b',
  'clinical_data.patients',
  'clinical_data.a/b',
  'clinical_datax',
  'a b',
  'a b/c',
  'a bc',
  '',
];

describe('compileGlob agrees with picomatch (dot: true) on the shapes configs use', () => {
  for (const pattern of PATTERNS) {
    it(pattern, () => {
      const ours = compileGlob(pattern);
      const theirs = picomatch(pattern, { dot: true });
      expect(INPUTS.filter((input) => ours(input))).toEqual(INPUTS.filter((input) => theirs(input)));
    });
  }

  it('case-insensitive matching for table names', () => {
    const ours = compileGlobs(['auth_*', 'Billing_[A-C]*'], { nocase: true });
    const theirs = picomatch(['auth_*', 'Billing_[A-C]*'], { nocase: true });
    const names = ['AUTH_USERS', 'auth_x', 'billing_a1', 'BILLING_C', 'billing_d', 'Auth', 'ÄUTH_X', 'AUTH_/X', 'auth_İ'];
    expect(names.filter((name) => ours(name))).toEqual(names.filter((name) => theirs(name)));
    const folder = compileGlob('Services/Billing/**', { nocase: true });
    expect(['services/billing', 'SERVICES/BILLING/A.ts', 'services/billingx'].filter(folder)).toEqual([
      'services/billing',
      'SERVICES/BILLING/A.ts',
    ]);
  });
});

describe('compileGlob semantics where picomatch has none or a quirk', () => {
  it('bash extglobs: +( ) and *( ) repeat, @( ) and ?( ) choose', () => {
    expect(['ab', 'abba', '', 'c'].filter(compileGlob('+(a|b)'))).toEqual(['ab', 'abba']);
    expect(['ab', 'c', 'ba'].filter(compileGlob('*(a|b)'))).toEqual(['ab', 'ba']);
    expect(['x', 'xab', 'xc'].filter(compileGlob('x*(a|b)'))).toEqual(['x', 'xab']);
  });

  it('zero-padded ranges pad, as in bash', () => {
    expect(['db/V05.sql', 'db/V5.sql', 'db/V10.sql'].filter(compileGlob('db/V{01..10}.sql'))).toEqual(['db/V05.sql', 'db/V10.sql']);
  });

  it('[!a] is any one character but a (and never a slash)', () => {
    expect(['b', 'a', '/', 'bb'].filter(compileGlob('[!a]'))).toEqual(['b']);
  });

  it('a name prefix and a folder with its contents, matched without the automaton, match as the automaton does', () => {
    // `[_]` and `[g]` are the same characters through the automaton: the prefix is no longer plain.
    const pairs = [
      ['billing_*', 'billing[_]*'],
      ['services/billing/**', 'services/billin[g]/**'],
      ['services/*', 'service[s]/*'],
      ['*', '[!/]*'],
    ];
    const inputs = [...INPUTS, 'services/billing/', 'services/', 'billing_/', 'billing', '*', 'services/billing//a'];
    for (const [fast, automaton] of pairs)
      for (const nocase of [false, true]) {
        const upper = inputs.map((input) => input.toUpperCase());
        expect([...inputs, ...upper].filter(compileGlob(fast, { nocase })), `${fast} nocase=${nocase}`).toEqual(
          [...inputs, ...upper].filter(compileGlob(automaton, { nocase })),
        );
      }
  });

  it('a plain name is an exact name', () => {
    const match = compileGlob('invoices');
    expect(['invoices', 'invoices2', 'Invoices'].filter(match)).toEqual(['invoices']);
    expect(compileGlob('Invoices', { nocase: true })('INVOICES')).toBe(true);
  });

  it('folder globs cover what is inside, written with ./ or a trailing slash', () => {
    const match = compileFolderGlob('./services/*/');
    expect(['services/billing', 'services/billing/src/a.ts', 'services', 'other/billing'].filter(match)).toEqual([
      'services/billing',
      'services/billing/src/a.ts',
    ]);
    expect(trimFolderPattern('./././a//')).toBe('a');
  });

  it('unclosed brackets, braces and parentheses are literal', () => {
    expect(compileGlob('[abc')('[abc')).toBe(true);
    expect(compileGlob('{a,b')('{a,b')).toBe(true);
    expect(compileGlob('@(a|b')('@(a|b')).toBe(true);
    expect(compileGlob('{a}')('{a}')).toBe(true);
  });

  it('refuses what an NFA cannot express, or would have to expand too far', () => {
    expect(() => compileGlob('services/!(billing)')).toThrow(GlobSyntaxError);
    expect(() => compileGlob('v{1..100000}')).toThrow(/more than 1000/);
  });

  it('scans a command-line glob into its literal base and the rest', () => {
    expect(scanGlob('services/billing/**/*.ts')).toEqual({ base: 'services/billing', glob: '**/*.ts', isGlob: true, negated: false });
    expect(scanGlob('*.sql')).toEqual({ base: '', glob: '*.sql', isGlob: true, negated: false });
    expect(scanGlob('src/a.ts')).toMatchObject({ isGlob: false });
    expect(scanGlob('!src/*.ts')).toMatchObject({ negated: true, base: 'src' });
    expect(hasGlobSyntax('auth_@(a|b)')).toBe(true);
    expect(hasGlobSyntax('auth_users')).toBe(false);
  });
});

describe('compileGlob runs in linear time on hostile globs (issue 13 row 5)', () => {
  /** Matching must stay in milliseconds where a backtracking engine takes minutes or never ends. */
  const timed = (match: (input: string) => boolean, input: string) => {
    const started = performance.now();
    const result = match(input);
    return { result, ms: performance.now() - started };
  };

  it('nine stars against an 84-character name (picomatch: minutes)', () => {
    const { result, ms } = timed(compileGlob('*a*a*a*a*a*a*a*a*a*b'), 'a'.repeat(84));
    expect(result).toBe(false);
    expect(ms).toBeLessThan(1000);
  });

  it('thirty stars against 100 kB, and twelve globstars in a row', () => {
    expect(timed(compileGlob(`${'*a'.repeat(30)}*b`), 'a'.repeat(100_000)).ms).toBeLessThan(5000);
    const chain = compileGlob(`${'**/'.repeat(12)}${'*a'.repeat(10)}*b`);
    const path = Array.from({ length: 40 }, () => 'a'.repeat(60)).join('/');
    expect(timed(chain, path)).toMatchObject({ result: false });
    expect(timed(chain, path).ms).toBeLessThan(2000);
  });

  it('@(a|aa) repeated and {a,b} repeated: alternations, never expanded', () => {
    const k = 40;
    expect(timed(compileGlob(`${'@(a|aa)'.repeat(k)}b`), 'a'.repeat(2 * k - 2))).toMatchObject({ result: false });
    const braces = compileGlob('{a,b}'.repeat(24));
    expect(braces('ab'.repeat(12))).toBe(true);
    expect(timed(braces, 'ab'.repeat(12) + 'c').ms).toBeLessThan(1000);
  });

  it('nested repetition: +(+(a)) against a long run that fails at its end', () => {
    expect(timed(compileGlob('+(+(a|aa))b'), 'a'.repeat(50_000)).ms).toBeLessThan(5000);
  });
});
