import { describe, expect, it } from 'vitest';
import { extractScript } from '../../../src/analysis/typescript/index.js';
import { rangeOf } from './helpers.js';

const loadsOf = (code: string) =>
  (extractScript('snippet.ts', code).script.dotenvLoads ?? []).map((load) => ({
    base: load.base,
    path: load.path,
    at: rangeOf(code, load.fileSpan),
  }));

describe('dotenv loads: the env file a module names', () => {
  it('path.resolve(__dirname, …) is from the module folder, at the call', () => {
    const code = [
      "import path from 'node:path';",
      "import dotenv from 'dotenv';",
      '',
      "dotenv.config({ path: path.resolve(__dirname, '../../../.env') });",
    ].join('\n');
    expect(loadsOf(code)).toEqual([{ base: 'module', path: '../../../.env', at: { line: 4, column: 1, endLine: 4, endColumn: 66 } }]);
  });

  it("require('dotenv').config with a relative literal is from the working directory", () => {
    const code = "require('dotenv').config({ path: '../../.env' });";
    expect(loadsOf(code)).toEqual([{ base: 'cwd', path: '../../.env', at: { line: 1, column: 1, endLine: 1, endColumn: 49 } }]);
  });

  it('reads named, namespace and required bindings, join, process.cwd(), templates, constants and lists', () => {
    const code = [
      "import { config } from 'dotenv';",
      "import * as dotenv from 'dotenv';",
      "const { join, resolve } = require('path');",
      "const path = require('node:path');",
      "const root = resolve(__dirname, '..', '..');",
      "config({ path: join(root, '.env') });",
      "dotenv.config({ path: path.join(process.cwd(), 'config', '.env.local') });",
      'dotenv.config({ path: `${__dirname}/../.env` });',
      "dotenv.config({ path: ['.env.local', './.env'] });",
      "dotenv.config({ path: path.resolve('/etc/app', '.env') });",
    ].join('\n');
    expect(loadsOf(code).map(({ base, path, at }) => [base, path, at.line])).toEqual([
      ['module', '../../.env', 6],
      ['cwd', 'config/.env.local', 7],
      ['module', '../.env', 8],
      ['cwd', '.env.local', 9],
      ['cwd', '.env', 9],
      // path.resolve('/etc/app', …) is a place on some machine, not in the repository: nothing.
    ]);
  });

  it('does not guess: other modules, computed paths, absolute paths, no path', () => {
    const code = [
      "import dotenv from 'dotenv';",
      "import settings from './settings';",
      "import path from 'node:path';",
      "settings.config({ path: '../../.env' });",
      'dotenv.config({ path: process.env.ENV_FILE });',
      "dotenv.config({ path: path.resolve(__dirname, process.env.STAGE + '.env') });",
      "dotenv.config({ path: '/run/secrets/app.env' });",
      'dotenv.config();',
      "let where = '../.env';",
      'dotenv.config({ path: where });',
      "function config(o: unknown) { return o; } config({ path: '../.env' });",
      "dotenv.config({ path: path.join('..', __dirname) });",
      "dotenv.config({ path: '..' });",
    ].join('\n');
    expect(loadsOf(code)).toEqual([]);
  });
});
