import { describe, expect, it } from 'vitest';
import { extractScript } from '../../../src/analysis/typescript/index.js';
import { scriptMayHaveFacts } from '../../../src/analysis/typescript/prefilter.js';
import { rangeOf } from './helpers.js';

const runnersOf = (code: string, file = 'packages/x.repository.sequelize/src/migrator.ts') =>
  (extractScript(file, code).script.migrationRunners ?? []).map((r) => ({
    folders: r.folders,
    tables: r.tables,
    at: rangeOf(code, r.fileSpan),
  }));

describe('migration runners: the folders a runner reads and the tables it records them in (HELDOUT16 #3, HELDOUT14 #18)', () => {
  it("umzug 2 over `path.join(__dirname, 'migrations')` with a Sequelize storage (process-engine's repository packages)", () => {
    const code = [
      "import * as path from 'path';",
      "import * as Umzug from 'umzug';",
      'export function createUmzug(sequelize) {',
      '  return new Umzug({',
      "    storage: 'sequelize',",
      "    storageOptions: { sequelize, tableName: 'SequelizeMeta_flow_node_instance' },",
      "    migrations: { params: [sequelize.getQueryInterface()], path: path.join(__dirname, '..', 'migrations'), pattern: /\\.js$/ },",
      '  });',
      '}',
    ].join('\n');
    expect(runnersOf(code)).toEqual([
      { folders: [], tables: ['SequelizeMeta_flow_node_instance'], at: { line: 6, column: 21, endLine: 6, endColumn: 81 } },
      { folders: [{ base: 'module', path: '../migrations' }], tables: [], at: { line: 7, column: 17, endLine: 7, endColumn: 126 } },
    ]);
  });

  it('umzug 3: a glob from the working directory, or from `cwd: __dirname`; `new SequelizeStorage({ modelName })`', () => {
    const code = [
      "const { Umzug, SequelizeStorage } = require('umzug');",
      "const a = new Umzug({ migrations: { glob: 'migrations/*.js' }, storage: new SequelizeStorage({ sequelize, modelName: 'migration_meta' }) });",
      "const b = new Umzug({ migrations: { glob: ['db/migrations/**/*.{js,ts}', { cwd: __dirname }] } });",
      "const c = new Umzug({ migrations: { glob: __dirname + '/../sql/*.sql' } });",
    ].join('\n');
    expect(runnersOf(code, 'src/db/umzug.js')).toEqual([
      { folders: [{ base: 'cwd', path: 'migrations' }], tables: [], at: { line: 2, column: 35, endLine: 2, endColumn: 62 } },
      { folders: [], tables: ['migration_meta'], at: { line: 2, column: 94, endLine: 2, endColumn: 136 } },
      {
        folders: [{ base: 'module', path: 'db/migrations', below: true }],
        tables: [],
        at: { line: 3, column: 35, endLine: 3, endColumn: 95 },
      },
      { folders: [{ base: 'module', path: '../sql' }], tables: [], at: { line: 4, column: 35, endLine: 4, endColumn: 72 } },
    ]);
  });

  it("a knexfile's `directory` (one or a list) and `tableName`; TypeORM's globs; MikroORM's `path` and `pathTs`", () => {
    const code = [
      'module.exports = {',
      "  development: { client: 'mysql2', migrations: { directory: './db/migrations', tableName: 'migration' } },",
      "  production: { client: 'mysql2', migrations: { directory: ['./db/migrations', './db/patches'] } },",
      '};',
      "const ds = new DataSource({ migrations: [CreateUsers1700000000000, 'dist/migrations/*.js'] });",
      "const orm = { migrations: { path: 'dist/migrations', pathTs: 'src/migrations' } };",
    ].join('\n');
    expect(runnersOf(code, 'knexfile.js')).toEqual([
      {
        folders: [{ base: 'cwd', path: 'db/migrations' }],
        tables: ['migration', 'migration_lock'],
        at: { line: 2, column: 48, endLine: 2, endColumn: 104 },
      },
      {
        folders: [
          { base: 'cwd', path: 'db/migrations' },
          { base: 'cwd', path: 'db/patches' },
        ],
        tables: [],
        at: { line: 3, column: 47, endLine: 3, endColumn: 97 },
      },
      { folders: [{ base: 'cwd', path: 'dist/migrations' }], tables: [], at: { line: 5, column: 41, endLine: 5, endColumn: 91 } },
      {
        folders: [
          { base: 'cwd', path: 'dist/migrations' },
          { base: 'cwd', path: 'src/migrations' },
        ],
        tables: [],
        at: { line: 6, column: 27, endLine: 6, endColumn: 80 },
      },
    ]);
  });

  it('nothing guessed: a folder from the environment, a variable, an absolute path, a file, a `migrations` list of names', () => {
    const code = [
      'const a = { migrations: { path: process.env.MIGRATIONS_DIR } };',
      'const b = { migrations: { directory: dir } };',
      "const c = { migrations: { directory: '/srv/app/migrations' } };",
      "const d = { migrations: { path: path.join(__dirname, 'migrations', 'index.js') } };",
      "const e = { migrations: ['0001_init', '0002_users'].map(load) };",
      'const f = { storageOptions: { sequelize } };',
    ].join('\n');
    expect(runnersOf(code)).toEqual([]);
  });

  it('the prefilter lets a runner-only module through', () => {
    expect(scriptMayHaveFacts("const o = { migrations: { path: './migrations' } };")).toBe(true);
    expect(scriptMayHaveFacts("const s = new SequelizeStorage({ modelName: 'm' });")).toBe(true);
  });
});
