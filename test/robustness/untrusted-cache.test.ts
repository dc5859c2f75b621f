/**
 * Issue 13 row 3: a cache is only as trustworthy as whoever wrote it. A cache committed to the
 * repository was written by the pull request's author: its header (tool version, settings
 * digest) and content hashes match, and it can hold clean facts for a file with findings. It is
 * never read, wherever it is and however it is reached. And a cache whose entries have the
 * wrong shape is a set of cache misses, not a crash of every rule. The cases that need a git
 * repository (a cache git tracks, whether git is asked) are in test/e2e/untrusted-cache-git.test.ts.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, expectNormalFinding, jsonDiagnostics, makeRepo, NORMAL_FILE } from './helpers.js';
import { DEFAULT_CACHE, expectWarning, forgeCache } from './forged-cache.js';

describe('row 3: a committed cache is never read', () => {
  it('the forged cache does work when nothing stops it (so the tests below can fail)', async () => {
    const root = makeRepo();
    const location = path.join(root, 'untracked-cache');
    await forgeCache(root, location);
    const fooled = await cli(['--cwd', root, '-f', 'json', '--cache', '--cache-location', location]);
    expect(fooled.code).toBe(0);
    expect(jsonDiagnostics(fooled.stdout).filter((d) => d.file === NORMAL_FILE && d.ruleId === 'no-cross-service-query')).toEqual([]);
  });

  it('reached through a committed link (node_modules -> a tracked folder): not read', async () => {
    const root = makeRepo();
    const real = path.join(root, 'vendor-cache/.cache/nilecare-lint/facts');
    mkdirSync(path.dirname(real), { recursive: true });
    await forgeCache(root, real);
    symlinkSync('vendor-cache', path.join(root, 'node_modules'));
    const outcome = await cli(['--cwd', root, '-f', 'json', '--cache']);
    expect(outcome.code, outcome.stderr).toBe(1);
    expectNormalFinding(jsonDiagnostics(outcome.stdout));
    expectWarning(outcome, `The cache is not used: ${DEFAULT_CACHE}: is reached through a symbolic link; not read.`);
  });
});

describe('row 3: wrong-shaped entries are cache misses', () => {
  it('entries with the right hashes and facts of the wrong shape: the same report as a cold run, no internal error', async () => {
    const root = makeRepo({
      files: {
        'services/billing/.env': 'DB_HOST=billing-db\nDB_NAME=billing_db\n',
        'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY, total INT);\n',
        'services/payment/src/db.ts': "export const pool = createPool({ host: process.env.DB_HOST, database: 'payment_db' });\n",
        'deploy/payment.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: payment\ndata:\n  DB_NAME: payment_db\n',
      },
    });
    const location = path.join(root, 'cache');
    const cold = await cli(['--cwd', root, '-f', 'json', '--cache', '--cache-location', location]);
    const shapes = [
      '{}',
      '[]',
      'null',
      '{"sql":42,"script":"x","env":{"a":1},"lineStarts":"no","comments":7,"problems":null}',
      '{"script":{"envDefaults":7,"queries":"x"},"sql":[{"text":1}]}',
    ];
    const lines = readFileSync(location, 'utf8').split('\n');
    let n = 0;
    const forged = lines.map((line, i) => {
      const second = line.indexOf('\t', line.indexOf('\t') + 1);
      return i === 0 || second < 0 ? line : `${line.slice(0, second + 1)}${shapes[n++ % shapes.length]}`;
    });
    expect(n).toBeGreaterThan(3);
    writeFileSync(location, forged.join('\n'));
    const outcome = await cli(['--cwd', root, '-f', 'json', '--cache', '--cache-location', location]);
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(cold.code);
    expect(outcome.stdout).toBe(cold.stdout);
  });

  it('an entry whose facts name another file, or another hash, is a miss', async () => {
    const root = makeRepo();
    const location = path.join(root, 'cache');
    const cold = await cli(['--cwd', root, '-f', 'json', '--cache', '--cache-location', location]);
    const text = readFileSync(location, 'utf8');
    // Every entry's facts claim to be the normal file's: a forged model, if they were believed.
    const forged = text.replace(/"path":"[^"]+"/g, `"path":${JSON.stringify(NORMAL_FILE)}`);
    expect(forged).not.toBe(text);
    writeFileSync(location, forged);
    const outcome = await cli(['--cwd', root, '-f', 'json', '--cache', '--cache-location', location]);
    expect(outcome.stdout).toBe(cold.stdout);
  });
});
