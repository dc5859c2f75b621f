/**
 * SQL outside every service, without a configured default dialect: read in the dialect most services
 * use (as `init` would write it), so a PostgreSQL repository's root grants script is not MySQL.
 * Repositories in memory (workflow/helpers.ts memoryRepo): git and the disk decide nothing these tests check.
 */
import { expect, it } from 'vitest';
import { cli, jsonRun, memoryRepo } from './helpers.js';

const pgService = (name: string) => ({
  [`services/${name}/package.json`]: JSON.stringify({ name, scripts: { start: 'node src/index.js' }, dependencies: { pg: '^8' } }),
  [`services/${name}/migrations/V1__${name}.sql`]: `CREATE TABLE ${name}_items (id SERIAL PRIMARY KEY);\n`,
});
// Valid PostgreSQL that node-sql-parser (MySQL) rejects, with no PostgreSQL-only marker in the file's path or syntax.
const grants =
  'GRANT USAGE ON SCHEMA library TO reporting;\nALTER DEFAULT PRIVILEGES IN SCHEMA library GRANT SELECT ON TABLES TO reporting;\n';

it('a first run without config reads root SQL in the dialect most services use', async () => {
  const repo = memoryRepo({ ...pgService('library'), ...pgService('members'), 'scripts/reporting/grants.sql': grants }, false);
  const run = await jsonRun(repo);
  expect(run.messages.filter((m) => m.ruleId === 'parse-error').map((m) => `${m.file}:${m.line}`)).toEqual([]);
  const printed = JSON.parse((await cli(repo, ['--print-config', repo.resolve('scripts/reporting/grants.sql')])).stdout);
  expect(printed).toMatchObject({ service: null, dialect: 'postgresql', dialectSource: 'most services' });
});

it('a configured default dialect still decides, and a tie keeps the bare default', async () => {
  const configured = memoryRepo(
    { ...pgService('library'), ...pgService('members'), 'scripts/reporting/grants.sql': grants },
    { dialect: 'mysql' },
  );
  // The statement MySQL rejects is valid PostgreSQL: the other engine's SQL, no parse-error (README, dialects).
  const run = await jsonRun(configured);
  expect(run.messages.filter((m) => m.ruleId === 'parse-error')).toEqual([]);
  const configuredPrinted = JSON.parse(
    (await cli(configured, ['--print-config', configured.resolve('scripts/reporting/grants.sql')])).stdout,
  );
  expect(configuredPrinted).toMatchObject({ service: null, dialect: 'mysql' });
  const tie = memoryRepo(
    {
      ...pgService('library'),
      'services/members/package.json': JSON.stringify({ name: 'members', scripts: { start: 'node .' }, dependencies: { mysql2: '^3' } }),
      'scripts/reporting/grants.sql': grants,
    },
    false,
  );
  const printed = JSON.parse((await cli(tie, ['--print-config', tie.resolve('scripts/reporting/grants.sql')])).stdout);
  expect(printed).toMatchObject({ dialect: 'mysql', dialectSource: 'default' });
});
