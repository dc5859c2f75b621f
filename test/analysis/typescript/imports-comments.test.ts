import { describe, expect, it } from 'vitest';
import { extractScript } from '../../../src/analysis/typescript/index.js';
import { extractFixture, rangeOf } from './helpers.js';

describe('imports', () => {
  const { text, script } = extractFixture('imports.ts');

  it('lists every kind of import with the span of its specifier literal', () => {
    expect(script.imports.map((i) => [i.kind, i.specifier])).toEqual([
      ['import', 'express'],
      ['import', 'express'],
      ['import', '../../billing-service/src/db'],
      ['import', './polyfills'],
      ['export', '@nilecare/shared'],
      ['export', './local-types'],
      ['require', 'node:fs'],
      ['require', 'mysql'],
      ['dynamic-import', 'pg'],
    ]);
    const billing = script.imports[2];
    expect(text.slice(billing.fileSpan.start, billing.fileSpan.end)).toBe("'../../billing-service/src/db'");
    expect(rangeOf(text, billing.fileSpan)).toEqual({ line: 4, column: 26, endLine: 4, endColumn: 56 });
  });

  it('does not take require/import text inside strings or comments for imports', () => {
    expect(script.imports.map((i) => i.specifier)).not.toContain('fake');
    expect(script.imports.map((i) => i.specifier)).not.toContain('also-fake');
  });

  it('reads require in CommonJS files', () => {
    const js = extractScript('db.js', "const mysql = require('mysql2');\nmodule.exports = { pool: mysql.createPool({}) };").script;
    expect(js.imports).toEqual([{ specifier: 'mysql2', kind: 'require', fileSpan: { start: 22, end: 30 } }]);
  });
});

describe('comments', () => {
  const { text, comments } = extractFixture('imports.ts');

  it('reports every line and block comment, own-line or trailing, and nothing inside strings, templates or regexes', () => {
    expect(comments.map((c) => [c.text, c.ownLine])).toEqual([
      ["// import('also-fake') in a comment", false],
      ['// trailing comment with // inside', false],
      ['/* real comment in a hole */', false],
      ['/**\n * Block comment\n */', true],
      ['// nilecare-lint-disable-next-line no-cross-service-query -- migrating', true],
    ]);
  });

  it('does not report the shebang', () => {
    expect(comments.some((c) => c.text.startsWith('#!'))).toBe(false);
  });

  it('gives exact spans', () => {
    const directive = comments[4];
    expect(text.slice(directive.span.start, directive.span.end)).toBe(directive.text);
    expect(rangeOf(text, directive.span)).toEqual({ line: 19, column: 1, endLine: 19, endColumn: 71 });
  });

  it('handles JSX text and division', () => {
    const code = 'const a = b / c / d; // real\nconst el = <p>// not a comment</p>; /* real too */\nconst r = x /2/ y;';
    const found = extractScript('c.tsx', code).comments;
    expect(found.map((c) => c.text)).toEqual(['// real', '/* real too */']);
  });

  it('reports an unterminated block comment to the end of the file', () => {
    const found = extractScript('c.ts', 'const a = 1;\n/* never closed').comments;
    expect(found).toEqual([{ text: '/* never closed', span: { start: 13, end: 28 }, ownLine: true }]);
  });
});
