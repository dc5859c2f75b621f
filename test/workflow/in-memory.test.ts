/**
 * lint() over a source tree that is not (only) the disk: an in-memory map gives exactly the
 * findings the same files give on disk; unsaved buffers over the disk replace and add files.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/load.js';
import { memoryTree, overlayTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';
import { describeInMemoryAsOnDisk } from '../in-memory-fixture.js';
import { makeRepo, paymentMigration, readFile, workflowConfig } from './helpers.js';

// fixtures/real-patterns (111 files, two cold lints of it) in memory as on disk: test/e2e/in-memory-fixtures.test.ts.
describeInMemoryAsOnDisk('sample-monorepo');

describe('an in-memory tree', () => {
  const files = {
    ...paymentMigration,
    'services/billing/src/repo.ts': "db.query('SELECT * FROM payments');\n",
    'services/billing/src/ok.ts': "db.query('SELECT 1');\n",
    'nilecare-lint.config.json': `${JSON.stringify(workflowConfig)}\n`,
  };

  it('never touches the disk: its root need not exist', async () => {
    const tree = memoryTree(files, { root: '/does/not/exist' });
    const run = await lint({ cwd: tree.root, tree });
    expect(run.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      'services/billing/src/repo.ts:1:25 no-cross-service-query',
    ]);
  });

  it('takes command-line paths, relative to a cwd inside it', async () => {
    const tree = memoryTree({ ...files, 'services/payment/src/x.ts': "db.query('SELECT * FROM invoices');\n" });
    const run = await lint({ cwd: path.join(tree.root, 'services'), tree, paths: ['billing'] });
    expect(run.lintedFiles).toEqual(['services/billing/src/ok.ts', 'services/billing/src/repo.ts']);
    await expect(lint({ cwd: tree.root, tree, paths: ['services/nope'] })).rejects.toThrow(/No files matching 'services\/nope'/);
    await expect(lint({ cwd: '/elsewhere', tree })).rejects.toThrow(/outside the memory tree's root/);
  });

  it('applies the .gitignore files among its files, as a walk of the disk does', async () => {
    const tree = memoryTree({
      ...files,
      '.gitignore': 'generated/\n',
      'services/billing/generated/q.ts': "db.query('SELECT * FROM payments');\n",
    });
    const run = await lint({ cwd: tree.root, tree });
    expect(run.lintedFiles).not.toContain('services/billing/generated/q.ts');
    expect(run.filesSkipped).toBe(1);
  });

  it('reports a broken config file by name', async () => {
    const tree = memoryTree({ ...files, 'nilecare-lint.config.json': '{ "services": [' });
    await expect(lint({ cwd: tree.root, tree })).rejects.toThrow(ConfigError);
    // The array is never closed: the error is at the end of the text, line 1, column 16.
    await expect(lint({ cwd: tree.root, tree })).rejects.toThrow(/nilecare-lint\.config\.json:1:16: not valid JSON: expected ']'$/);
  });

  it('records suppressions only through a writer the caller gives: there is no disk to write them to', async () => {
    const tree = memoryTree(files);
    await expect(lint({ cwd: tree.root, tree, suppressions: { suppressAll: true } })).rejects.toThrow(
      /cannot be written into a memory tree without a writer/,
    );
    const written: Array<[string, string | Uint8Array]> = [];
    const run = await lint({
      cwd: tree.root,
      tree,
      suppressions: { suppressAll: true },
      write: (file, data) => written.push([file, data]),
    });
    expect(written.map(([file]) => file)).toEqual([path.join(tree.root, 'nilecare-lint-suppressions.json')]);
    expect(run.bulkSuppressions?.written).toEqual({ added: run.diagnostics.length, removed: 0, total: run.diagnostics.length });
    expect(run.diagnostics.length).toBeGreaterThan(0);
  });

  it('refuses paths that leave it and files given twice', () => {
    expect(() => memoryTree({ '../x.ts': '' })).toThrow(/not a path inside the tree/);
    expect(() => memoryTree({ 'a/b.ts': '', './a/b.ts': '' })).toThrow(/given twice/);
    expect(() => memoryTree({ a: '', 'a/b.ts': '' })).toThrow(/both a file and a folder/);
  });
});

describe('unsaved buffers over the disk (an overlay)', () => {
  it('replaces files and adds new ones; the disk is left as it was', async () => {
    const root = makeRepo({ ...paymentMigration, 'services/billing/src/repo.ts': "db.query('SELECT * FROM payments');\n" });
    const tree = overlayTree(root, {
      'services/billing/src/repo.ts': "db.query('SELECT 1');\n",
      'services/billing/src/unsaved.ts': "\n  db.query('SELECT amount FROM payments');\n",
    });
    const run = await lint({ cwd: root, tree });
    expect(run.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      'services/billing/src/unsaved.ts:2:32 no-cross-service-query',
    ]);
    expect(readFile(root, 'services/billing/src/repo.ts')).toBe("db.query('SELECT * FROM payments');\n");
    const onDisk = await lint({ cwd: root });
    expect(onDisk.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      'services/billing/src/repo.ts:1:25 no-cross-service-query',
    ]);
  });

  it('an unsaved migration changes ownership for the other files', async () => {
    const root = makeRepo({ ...paymentMigration, 'services/billing/src/repo.ts': "db.query('SELECT * FROM ledger');\n" });
    expect((await lint({ cwd: root })).diagnostics.filter((d) => d.ruleId === 'no-cross-service-query')).toEqual([]);
    const tree = overlayTree(root, { 'services/payment/migrations/V2__ledger.sql': 'CREATE TABLE ledger (id INT);\n' });
    const run = await lint({ cwd: root, tree });
    expect(run.diagnostics.filter((d) => d.ruleId === 'no-cross-service-query').map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual([
      'services/billing/src/repo.ts:1:25',
    ]);
  });

  it('must be rooted at the project root', async () => {
    const root = makeRepo({ ...paymentMigration });
    await expect(lint({ cwd: root, tree: overlayTree(path.join(root, 'services'), {}) })).rejects.toThrow(/is not the project root/);
  });
});
