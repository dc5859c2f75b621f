/**
 * A commit's tree read from git objects gives the findings a checkout of that commit gives,
 * whatever the work tree holds now, and leaves the work tree alone.
 */
import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitError } from '../../src/discovery/git.js';
import { gitObjectsTree } from '../../src/discovery/git-tree.js';
import { lint } from '../../src/lint.js';
import { tempDir } from '../temp-dirs.js';
import { git, gitRepo, paymentMigration, writeFile } from '../workflow/helpers.js';

const findings = (run: Awaited<ReturnType<typeof lint>>) => run.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`);

describe('gitObjectsTree', () => {
  it('lints HEAD~1 as a checkout of it would, while the work tree has moved on', async () => {
    const root = gitRepo({ ...paymentMigration, 'services/billing/src/repo.ts': "db.query('SELECT * FROM payments');\n" });
    // The second commit fixes the query and adds a migration; the work tree then changes again, uncommitted.
    writeFile(root, 'services/billing/src/repo.ts', "db.query('SELECT 1');\n");
    writeFile(root, 'services/payment/migrations/V2__ledger.sql', 'CREATE TABLE ledger (id INT);\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'second');
    writeFile(root, 'services/billing/src/dirty.ts', "db.query('SELECT * FROM ledger');\n");

    const checkout = path.join(tempDir('nilecare-git-tree-'), 'base');
    git(root, 'worktree', 'add', '-q', '--detach', checkout, 'HEAD~1');
    const expected = await lint({ cwd: checkout });
    expect(findings(expected)).toEqual(['services/billing/src/repo.ts:1:25 no-cross-service-query']);

    const tree = gitObjectsTree(root, 'HEAD~1');
    const base = await lint({ cwd: tree.root, tree });
    expect(findings(base)).toEqual(findings(expected));
    expect(base.lintedFiles).toEqual(expected.lintedFiles);
    expect(base.diagnostics).toEqual(expected.diagnostics);

    const head = gitObjectsTree(root, 'HEAD');
    expect(findings(await lint({ cwd: head.root, tree: head }))).toEqual([]);
    expect(readFileSync(path.join(root, 'services/billing/src/dirty.ts'), 'utf8')).toContain('ledger');
  });

  it('lists links and reads none; a revision that does not exist is a GitError', () => {
    const root = gitRepo({ ...paymentMigration });
    symlinkSync('/etc/passwd', path.join(root, 'services/payment/leak.sql'));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'a link');
    expect(() => gitObjectsTree(root, 'no-such-branch')).toThrow(GitError);
    const tree = gitObjectsTree(root, 'HEAD');
    expect(tree.list()?.files).toContain('services/payment/leak.sql');
    expect(tree.entry('services/payment/leak.sql')).toBe('symlink');
    expect(() => tree.read('services/payment/leak.sql', { maxBytes: 1024 })).toThrow(/symbolic link; not read/);
    expect(tree.entry('services/payment')).toBe('folder');
    expect(tree.read('services/payment/migrations/V1__payments.sql', { maxBytes: 1024 })?.toString('utf8')).toBe(
      paymentMigration['services/payment/migrations/V1__payments.sql'],
    );
    expect(() => tree.read('services/payment/migrations/V1__payments.sql', { maxBytes: 10 })).toThrow(/over the .* limit/);
  });
});
