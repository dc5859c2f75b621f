/**
 * `--changed-since <ref>` and `--staged` on real temporary git repositories: only changed
 * files are linted, ownership still comes from the whole repository, and a change to a
 * migration re-checks the unchanged files that query its tables.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, git, gitRepo, jsonRun, makeRepo, workflowConfig, writeFile } from '../workflow/helpers.js';

const files = {
  'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY, total INT);\n',
  'services/payment/migrations/V1__payments.sql': 'CREATE TABLE payments (id CHAR(36) PRIMARY KEY, amount INT);\n',
  'services/billing/src/repo.ts':
    "import { pool } from './db';\nexport const invoice = (id: string) => pool.query('SELECT * FROM invoices WHERE id = ?', [id]);\n",
  // Unchanged in every test: its old violation must not show up in a changed-files run.
  'services/payment/src/legacy.ts': "import { pool } from './db';\nexport const total = () => pool.query('SELECT total FROM invoices');\n",
  // Queries a table nobody declares yet.
  'services/payment/src/ledger.ts':
    "import { pool } from './db';\n\nexport const entries = () => pool.query('SELECT * FROM ledger_entries');\n",
};

const crossQuery =
  "import { pool } from './db';\nexport const invoice = (id: string) => pool.query('SELECT * FROM invoices WHERE id = ?', [id]);\nexport const paid = () => pool.query('SELECT * FROM payments WHERE amount > 0');\n";
const ledgerMigration = 'CREATE TABLE ledger_entries (id CHAR(36) PRIMARY KEY, amount INT);\n';

const errors = (messages: Awaited<ReturnType<typeof jsonRun>>['messages']) =>
  messages.filter((m) => m.ruleId === 'no-cross-service-query').map((m) => `${m.file}:${m.line} ${m.message}`);

describe('--changed-since', () => {
  it('finds a new cross-service query in a changed file whose target table is defined in an unchanged file', async () => {
    const root = gitRepo(files);
    git(root, 'checkout', '-q', '-b', 'feature');
    writeFile(root, 'services/billing/src/repo.ts', crossQuery);
    git(root, 'commit', '-q', '-am', 'query payments');

    const outcome = await jsonRun(root, ['--changed-since', 'main']);
    expect(outcome.code).toBe(1);
    expect(errors(outcome.messages)).toEqual([
      "services/billing/src/repo.ts:3 Service 'billing' reads table 'payments' owned by service 'payment'.",
    ]);
    expect(outcome.summary.filesLinted).toBe(1);
    // The full run also has the unchanged file's old violation.
    expect(errors((await jsonRun(root)).messages)).toHaveLength(2);
  });

  it('re-checks an unchanged file that queries a table a changed migration creates', async () => {
    const root = gitRepo(files);
    git(root, 'checkout', '-q', '-b', 'feature');
    writeFile(root, 'services/billing/migrations/V2__ledger.sql', ledgerMigration);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'billing owns the ledger');

    const outcome = await jsonRun(root, ['--changed-since', 'main']);
    expect(outcome.code).toBe(1);
    expect(errors(outcome.messages)).toEqual([
      "services/payment/src/ledger.ts:3 Service 'payment' reads table 'ledger_entries' owned by service 'billing'.",
    ]);
    expect(outcome.summary.filesLinted).toBe(2);
    expect(outcome.summary.notices).toContain('1 unchanged file(s) that use tables the change declares were re-checked (ledger_entries).');
  });

  it('includes uncommitted and untracked changes', async () => {
    const root = gitRepo(files);
    writeFile(root, 'services/billing/src/repo.ts', crossQuery);
    writeFile(root, 'services/billing/migrations/V2__ledger.sql', ledgerMigration);
    const outcome = await jsonRun(root, ['--changed-since', 'HEAD']);
    expect(errors(outcome.messages)).toEqual([
      "services/billing/src/repo.ts:3 Service 'billing' reads table 'payments' owned by service 'payment'.",
      "services/payment/src/ledger.ts:3 Service 'payment' reads table 'ledger_entries' owned by service 'billing'.",
    ]);
  });

  it('a changed config re-checks everything', async () => {
    const root = gitRepo(files);
    writeFile(root, 'nilecare-lint.config.json', `${JSON.stringify({ ...workflowConfig, sharedPackages: ['packages/*'] }, null, 2)}\n`);
    const outcome = await jsonRun(root, ['--changed-since', 'HEAD']);
    expect(outcome.summary.filesLinted).toBe(5);
    expect(outcome.summary.notices).toContain(
      'The change touches the config, an .env, a compose file or a Kubernetes manifest: every file was re-checked.',
    );
  });

  it('a changed Kubernetes manifest re-checks everything (it can name databases)', async () => {
    const root = gitRepo(files);
    writeFile(
      root,
      'services/billing/k8s/configmap.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing\ndata:\n  DB_NAME: billing\n',
    );
    const outcome = await jsonRun(root, ['--changed-since', 'HEAD']);
    expect(outcome.summary.filesLinted).toBe(6);
    expect(outcome.summary.notices).toContain(
      'The change touches the config, an .env, a compose file or a Kubernetes manifest: every file was re-checked.',
    );
  });

  it('nothing changed: nothing linted, exit 0', async () => {
    const root = gitRepo(files);
    const outcome = await jsonRun(root, ['--changed-since', 'HEAD']);
    expect(outcome.code).toBe(0);
    expect(outcome.summary.filesLinted).toBe(0);
  });

  it('works from a folder inside the work tree, with paths relative to the repository root', async () => {
    const outer = gitRepo(
      Object.fromEntries(
        Object.entries({ ...files, 'nilecare-lint.config.json': JSON.stringify(workflowConfig) }).map(([f, c]) => [`platform/${f}`, c]),
      ),
      false,
    );
    writeFile(outer, 'README.md', 'changed too, but outside --cwd\n');
    writeFile(outer, 'platform/services/billing/src/repo.ts', crossQuery);
    const outcome = await jsonRun(path.join(outer, 'platform'), ['--changed-since', 'HEAD']);
    // The config's folder is the project; annotations name files from the top of the checkout.
    expect(errors(outcome.messages)).toEqual([
      "platform/services/billing/src/repo.ts:3 Service 'billing' reads table 'payments' owned by service 'payment'.",
    ]);
  });
});

describe('--staged', () => {
  it('lints staged files only, and re-checks files that query tables a staged migration creates', async () => {
    const root = gitRepo(files);
    writeFile(root, 'services/billing/migrations/V2__ledger.sql', ledgerMigration);
    git(root, 'add', 'services/billing/migrations/V2__ledger.sql');
    // Changed but not staged: not part of the commit, not linted.
    writeFile(root, 'services/billing/src/repo.ts', crossQuery);

    const outcome = await jsonRun(root, ['--staged']);
    expect(outcome.code).toBe(1);
    expect(errors(outcome.messages)).toEqual([
      "services/payment/src/ledger.ts:3 Service 'payment' reads table 'ledger_entries' owned by service 'billing'.",
    ]);
    expect(outcome.summary.filesLinted).toBe(2);
  });

  it('finds a staged cross-service query whose table is defined in an unchanged file', async () => {
    const root = gitRepo(files);
    writeFile(root, 'services/billing/src/repo.ts', crossQuery);
    git(root, 'add', '-A');
    const outcome = await jsonRun(root, ['--staged']);
    expect(errors(outcome.messages)).toEqual([
      "services/billing/src/repo.ts:3 Service 'billing' reads table 'payments' owned by service 'payment'.",
    ]);
    expect(outcome.summary.filesLinted).toBe(1);
  });
});

describe('--affected (file arguments as a change set, for pre-commit and lint-staged)', () => {
  it('re-checks the files that query the tables the named migration creates', async () => {
    const root = makeRepo({ ...files, 'services/billing/migrations/V2__ledger.sql': ledgerMigration });
    const named = path.join(root, 'services/billing/migrations/V2__ledger.sql');
    writeFile(root, 'README.md', 'A change set names files of every kind.\n');
    expect((await jsonRun(root, [named])).summary.filesLinted).toBe(1);
    const outcome = await jsonRun(root, ['--affected', named, path.join(root, 'README.md')]);
    expect(outcome.summary.filesLinted).toBe(2);
    expect(errors(outcome.messages)).toEqual([
      "services/payment/src/ledger.ts:3 Service 'payment' reads table 'ledger_entries' owned by service 'billing'.",
    ]);
  });
});

describe('usage errors (exit 2)', () => {
  const plain: string[] = [];
  afterAll(() => plain.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('outside a git work tree', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nilecare-nogit-'));
    plain.push(dir);
    writeFile(dir, 'services/billing/src/repo.ts', crossQuery);
    for (const flag of ['--changed-since', '--staged']) {
      const outcome = await cli(dir, flag === '--staged' ? [flag] : [flag, 'main']);
      expect(outcome.code).toBe(2);
      expect(outcome.stdout).toBe('');
      expect(outcome.stderr).toBe(`nilecare-lint: ${flag} needs a git work tree, and ${dir} is not inside one\n`);
    }
  });

  it('a ref that does not exist', async () => {
    const root = gitRepo(files);
    const outcome = await cli(root, ['--changed-since', 'no-such-branch']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toBe("nilecare-lint: --changed-since: 'no-such-branch' is not a commit, branch or tag in this repository\n");
  });

  it('conflicting selections', async () => {
    const root = gitRepo(files);
    expect((await cli(root, ['--staged', '--changed-since', 'main'])).stderr).toContain(
      '--changed-since and --staged cannot be used together',
    );
    const withFiles = await cli(root, ['--staged', path.join(root, 'services/billing/src/repo.ts')]);
    expect(withFiles.code).toBe(2);
    expect(withFiles.stderr).toContain('file arguments cannot be combined with --staged');
  });
});
