/**
 * Command-line paths that need a real folder: a linked folder (never an inferred service, nothing read through it)
 * and places outside the project. The rest of how paths are read runs in memory (test/workflow/paths.test.ts).
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../cli-run.js';
import { tempDir } from '../temp-dirs.js';
import { billingReadsPayments, crossQuery, makeRepo } from '../workflow/helpers.js';

const files = billingReadsPayments;

describe('linked folders', () => {
  it('a linked folder never becomes an inferred service, so nothing is read through it', async () => {
    const outside = tempDir('nilecare-outside-');
    writeFileSync(path.join(outside, 'package.json'), '{ "dependencies": { "pg": "8" } }\n');
    const repo = makeRepo(
      {
        ...files,
        'services/billing/package.json': '{ "dependencies": { "mysql2": "3" } }\n',
        'services/payment/package.json': '{ "dependencies": { "mysql2": "3" } }\n',
      },
      false,
    );
    symlinkSync(outside, path.join(repo, 'services/evil'), 'dir');
    const printed = await runCliInProcess(['--cwd', repo, '--print-config', 'services/billing/src/repo.ts']);
    const config = JSON.parse(printed.stdout) as { config: { services: Array<{ name: string; dialect: string | null }> } };
    expect(config.config.services).toEqual([
      { name: 'billing', roots: ['services/billing'], dialect: 'mysql' },
      { name: 'payment', roots: ['services/payment'], dialect: 'mysql' },
    ]);
  });
});

describe('a repository without lintable files at the named place', () => {
  it('a folder outside the project exits 2 and says why', async () => {
    const repo = makeRepo(files);
    const elsewhere = tempDir('nilecare-elsewhere-');
    mkdirSync(path.join(elsewhere, 'src'));
    writeFileSync(path.join(elsewhere, 'src/x.ts'), crossQuery);
    const outcome = await runCliInProcess(['--cwd', repo, path.join(elsewhere, 'src')]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(`is outside the project (${repo})`);
  });

  it('files outside the project, and nothing else named, exit 2 in every format (an empty SARIF would close every alert)', async () => {
    const repo = makeRepo(files);
    const elsewhere = tempDir('nilecare-elsewhere-');
    writeFileSync(path.join(elsewhere, 'x.ts'), crossQuery);
    const outsideFile = path.join(elsewhere, 'x.ts');
    const sarif = await runCliInProcess(['--cwd', repo, outsideFile, '--format', 'sarif']);
    expect(sarif.code).toBe(2);
    expect(sarif.stdout).toBe('');
    expect(sarif.stderr).toBe(
      `nilecare-lint: No files matching '${outsideFile}' were found: it is outside the project (${repo}), the folder of the config file or the repository.\n`,
    );
    // Beside a file inside the project it stays a warning: the inside file is linted.
    const mixed = await runCliInProcess(['--cwd', repo, outsideFile, 'services/billing/src/repo.ts', '--format', 'json']);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toContain(`${outsideFile} is outside the project (${repo}); not linted.`);
  });
});
