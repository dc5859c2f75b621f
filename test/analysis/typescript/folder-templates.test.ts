import { describe, expect, it } from 'vitest';
import { extractScript } from '../../../src/analysis/typescript/index.js';
import { scriptMayHaveFacts } from '../../../src/analysis/typescript/prefilter.js';
import { rangeOf } from './helpers.js';

const templatesOf = (code: string) =>
  (extractScript('lib/migrate.js', code).script.folderTemplates ?? []).map((t) => ({
    prefix: t.prefix,
    relativeTo: t.relativeTo,
    at: rangeOf(code, t.fileSpan),
  }));

describe('paths with a variable folder: a runner choosing one of sibling migration sets (HELDOUT13 #5)', () => {
  it("blocklet-server's umzug glob, from the working directory (its `cwd` option is beside the glob)", () => {
    const code = [
      "const umzug_1 = require('umzug');",
      'const umzug = new umzug_1.Umzug({',
      '  migrations: { glob: [`migrations/${group}/*.${MIGRATION_SCRIPT_EXTENSION}`, { cwd: __dirname }] },',
      '});',
    ].join('\n');
    // The extension is a second variable, inside the file name: still one variable folder.
    expect(templatesOf(code)).toEqual([
      { prefix: 'migrations', relativeTo: 'cwd', at: { line: 3, column: 24, endLine: 3, endColumn: 77 } },
    ]);
  });

  it('`${__dirname}/…/${tenant}/` is from the module folder; a bare folder counts too', () => {
    const code = [
      'const a = `${__dirname}/../db/migrations/${tenant}/*.sql`;',
      'const b = `./drizzle/${dialect}`;',
      'const c = `${__dirname}/migrations/${type}/`;',
    ].join('\n');
    expect(templatesOf(code)).toEqual([
      { prefix: '../db/migrations', relativeTo: 'file', at: { line: 1, column: 11, endLine: 1, endColumn: 58 } },
      { prefix: 'drizzle', relativeTo: 'cwd', at: { line: 2, column: 11, endLine: 2, endColumn: 33 } },
      { prefix: 'migrations', relativeTo: 'file', at: { line: 3, column: 11, endLine: 3, endColumn: 45 } },
    ]);
  });

  it('never a route, a URL, a variable file name, or two variables', () => {
    const code = [
      'const r = `users/${id}/profile`;',
      'const u = `https://api.example.com/v1/${id}/items.js`;',
      'const s = `/api/${id}/`;',
      'const f = `migrations/${name}.js`;',
      'const t = `migrations/${a}/${b}/*.js`;',
      'const d = `${__dirname}/${dir}/*.js`;',
      'const m = `${root}/migrations/${group}/*.js`;',
    ].join('\n');
    expect(templatesOf(code)).toEqual([]);
  });

  it('the prefilter lets such a module through even with nothing else the extractor reads', () => {
    const code = 'module.exports = (group) => ({ glob: `migrations/${group}/*.js` });\n';
    expect(scriptMayHaveFacts(code)).toBe(true);
    expect(templatesOf(code)).toHaveLength(1);
  });
});
