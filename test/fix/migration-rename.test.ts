/** migration-file-name: the suggestion renames a misnamed migration to the next free name in its folder's scheme. */
import { describe, expect, it } from 'vitest';
import { workflowConfig } from '../workflow/helpers.js';
import { applied, configFile, lintFiles, only, suggestion, unsuppressed, type Files } from './helpers.js';

const config = configFile(only({ 'migration-file-name': 'warn' }, { dialect: 'mysql', services: workflowConfig.services }));
const dir = 'services/billing/migrations';
const table = (name: string) => `CREATE TABLE ${name} (id INT PRIMARY KEY);\n`;

async function renames(files: Files): Promise<Record<string, string>> {
  const all = { ...config, ...files };
  const findings = unsuppressed(await lintFiles(all), 'migration-file-name');
  const fixes = findings.map((finding) => suggestion(finding, /^Rename to /));
  const out: Record<string, string> = {};
  for (const fix of fixes) for (const change of fix.changes) if (change.kind === 'rename') out[change.file] = change.to;
  // Applied together (distinct names), every file keeps its text and the folder lints clean.
  const renamed = applied(all, fixes);
  for (const [from, to] of Object.entries(out)) expect(renamed[to]).toBe(all[from]);
  expect(unsuppressed(await lintFiles(renamed), 'migration-file-name')).toEqual([]);
  return out;
}

describe('migration-file-name: rename to the next free version', () => {
  it('keeps a Flyway folder’s own number when it is free', async () => {
    expect(
      await renames({ [`${dir}/V1__init.sql`]: table('a'), [`${dir}/V2__b.sql`]: table('b'), [`${dir}/003_add_c.sql`]: table('c') }),
    ).toEqual({
      [`${dir}/003_add_c.sql`]: `${dir}/V3__add_c.sql`,
    });
  });

  it('takes the next version after the folder’s last when its number is taken', async () => {
    expect(
      await renames({ [`${dir}/V1__init.sql`]: table('a'), [`${dir}/V2__b.sql`]: table('b'), [`${dir}/001_add-c.sql`]: table('c') }),
    ).toEqual({
      [`${dir}/001_add-c.sql`]: `${dir}/V3__add_c.sql`,
    });
  });

  it('gives two files of one number distinct versions, in name order', async () => {
    expect(await renames({ [`${dir}/001_initial_schema.sql`]: table('a'), [`${dir}/001_initial_schema_mysql.sql`]: table('b') })).toEqual({
      [`${dir}/001_initial_schema.sql`]: `${dir}/V1__initial_schema.sql`,
      [`${dir}/001_initial_schema_mysql.sql`]: `${dir}/V2__initial_schema_mysql.sql`,
    });
  });

  it('continues a timestamped folder one second after its latest, in its spelling', async () => {
    expect(
      await renames({
        [`${dir}/20251015_100000_create_a.sql`]: table('a'),
        [`${dir}/20251015_235959_create_b.sql`]: table('b'),
        [`${dir}/add_index.sql`]: 'CREATE INDEX idx_a ON a (id);\n',
      }),
    ).toEqual({ [`${dir}/add_index.sql`]: `${dir}/20251016_000000_add_index.sql` });
  });

  it('names a knex script migration like its siblings', async () => {
    expect(
      await renames({
        [`${dir}/20250101120000_create_users.js`]: "exports.up = (knex) => knex.schema.createTable('users', () => {});\n",
        [`${dir}/2_create_roles.js`]: "exports.up = (knex) => knex.schema.createTable('roles', () => {});\n",
      }),
    ).toEqual({ [`${dir}/2_create_roles.js`]: `${dir}/20250101120001_create_roles.js` });
  });
});
