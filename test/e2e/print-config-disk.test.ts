/**
 * `--print-config <file>` over a repository on disk: the config found there, the files listed by git or a walk and
 * read from the disk, and a host's listing cache. What it prints is tested in memory (test/workflow/print-config.test.ts).
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import type { ListingCache } from '../../src/discovery/discover.js';
import { runCli } from '../../src/cli.js';
import { repoRoot } from '../built-cli.js';
import { runCapturing } from '../captured-cli.js';
import { fixtureListings } from '../fixture-tree.js';
import { cli, makeRepo, paymentMigration } from '../workflow/helpers.js';

it('reads the config and the services on disk; a file that is not there exists: false', async () => {
  const root = makeRepo({
    ...paymentMigration,
    'services/payment/package.json': '{"name":"payment","dependencies":{"pg":"^8.0.0"}}\n',
    'db/shared.sql': 'CREATE TABLE audit_log (id SERIAL PRIMARY KEY);\n',
  });
  const printed = async (file: string) => JSON.parse((await cli(root, ['--print-config', path.join(root, file)])).stdout);
  expect(await printed('db/shared.sql')).toMatchObject({
    file: 'db/shared.sql',
    exists: true,
    kind: 'sql',
    service: null,
    configFile: 'nilecare-lint.config.json',
  });
  expect(await printed('services/payment/src/new-file.ts')).toMatchObject({
    exists: false,
    service: 'payment',
    dialect: 'postgresql',
    dialectSource: 'service: postgresql from pg in services/payment/package.json',
  });
});

it("takes the file listing from the host's listing cache, as a lint run does, and prints the same", async () => {
  const project = path.join(repoRoot, 'fixtures/layouts/use-database-resolution');
  const argv = ['--cwd', project, '--print-config', 'services/sales-service/src/orders.ts'];
  const asked: Array<[string, boolean]> = [];
  const counting: ListingCache = {
    get(key) {
      const answer = fixtureListings.get(key);
      asked.push([key.split('\0')[0], answer !== undefined]);
      return answer;
    },
    set() {},
  };
  const served = await runCapturing(runCli, argv, { listingCache: counting });
  expect(asked).toEqual([['git', true]]);
  // Without one, git lists the folder.
  const listedByGit = await runCapturing(runCli, argv);
  expect(served).toEqual({ ...listedByGit, code: 0 });
  expect(JSON.parse(served.stdout)).toMatchObject({ file: 'services/sales-service/src/orders.ts', service: 'sales-service' });
});
