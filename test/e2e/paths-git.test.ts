/**
 * git deciding what is source for the CLI's file discovery, on real temporary repositories:
 * tracked files whatever .gitignore says, ignore sources of untracked files, submodules, a sparse
 * checkout, and a committed folder link. The in-memory path cases are in test/workflow/paths.test.ts.
 */
import { existsSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess, runCliJson } from '../cli-run.js';
import { tempDir } from '../temp-dirs.js';
import { billingReadsPayments, crossQuery, git, gitRepo, makeRepo, paymentMigration, writeFile } from '../workflow/helpers.js';

const files = billingReadsPayments;
const billingFinding = 'services/billing/src/repo.ts:1:25 no-cross-service-query';

describe('in a git checkout', () => {
  it('tracked files are source whatever .gitignore says; untracked ones follow .gitignore, info/exclude and core.excludesFile', async () => {
    const repo = gitRepo({ ...files, '.gitignore': 'lib/\n' });
    writeFile(repo, 'services/billing/lib/query.ts', crossQuery);
    writeFile(repo, 'services/billing/dist/out.ts', crossQuery);
    git(repo, 'add', '-f', 'services/billing/lib/query.ts', 'services/billing/dist/out.ts');
    git(repo, 'commit', '-q', '-m', 'a source folder named lib, and committed build output');
    writeFile(repo, 'services/billing/untracked.ts', crossQuery);
    writeFile(repo, 'services/billing/lib/scratch.ts', crossQuery);
    writeFile(repo, '.git/info/exclude', 'local/\n');
    writeFile(repo, 'services/billing/local/a.ts', crossQuery);
    const excludes = path.join(tempDir('nilecare-excludes-'), 'ignore');
    writeFileSync(excludes, 'mine/\n');
    git(repo, 'config', 'core.excludesFile', excludes);
    writeFile(repo, 'services/billing/mine/b.ts', crossQuery);

    const root = await runCliJson(['--cwd', repo]);
    expect(root.findings).toEqual([
      'services/billing/lib/query.ts:1:25 no-cross-service-query',
      billingFinding,
      'services/billing/untracked.ts:1:25 no-cross-service-query',
    ]);
    // Build output stays skipped when git tracks it, and is counted.
    expect(root.report.summary.filesSkipped).toBe(1);

    const named = await runCliJson(['--cwd', repo, 'services/billing/lib/query.ts', 'services/billing/local/a.ts']);
    expect(named.findings).toEqual(['services/billing/lib/query.ts:1:25 no-cross-service-query']);
    expect(named.report.summary.warnings).toEqual([
      "services/billing/local/a.ts is ignored by 'local/' (.git/info/exclude:1; git leaves the file untracked); use --no-ignore to lint it.",
    ]);
    const mine = await runCliJson(['--cwd', repo, 'services/billing/mine/b.ts', '--no-ignore']);
    expect(mine.findings).toEqual(['services/billing/mine/b.ts:1:25 no-cross-service-query']);
  });

  it('a service checked out as a git submodule is read; one not checked out is a notice, never silence', async () => {
    const billing = gitRepo(
      {
        'package.json': '{ "name": "billing", "dependencies": { "pg": "^8.11.0" } }\n',
        'migrations/V1__invoices.sql': 'CREATE TABLE invoices (id INT PRIMARY KEY);\n',
        'src/repo.ts': "db.query('SELECT * FROM payments');\n",
      },
      false,
    );
    const repo = gitRepo({ ...paymentMigration, 'services/payment/src/pay.ts': "db.query('SELECT 1');\n" });
    git(repo, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', billing, 'services/billing');
    git(repo, 'commit', '-q', '-m', 'billing lives in its own repository');

    const whole = await runCliJson(['--cwd', repo]);
    expect(whole.findings).toEqual(['services/billing/src/repo.ts:1:25 no-cross-service-query']);
    const named = await runCliJson(['--cwd', repo, 'services/billing/src/repo.ts']);
    expect(named.findings).toEqual(['services/billing/src/repo.ts:1:25 no-cross-service-query']);

    // A clone without `--recurse-submodules` has the gitlink and an empty folder.
    const clone = path.join(tempDir('nilecare-clone-'), 'platform');
    git(path.dirname(clone), 'clone', '-q', repo, clone);
    const bare = await runCliJson(['--cwd', clone]);
    expect(bare.findings).toEqual([]);
    expect(bare.report.summary.notices).toContain(
      "services/billing is a git submodule that is not checked out: none of its files were read (run 'git submodule update --init services/billing').",
    );
    expect(whole.report.summary.notices.join('\n')).not.toContain('submodule');
  });

  it('a sparse checkout reads the other services’ tracked files from git’s index for the model, lints only its own, and says so (HELDOUT7 #24)', async () => {
    const pg = (name: string) => `{ "name": "${name}", "private": true, "dependencies": { "pg": "^8.11.0" } }\n`;
    const repo = gitRepo(
      {
        'services/patients/package.json': pg('patients'),
        'services/patients/migrations/V1__patients.sql': 'CREATE TABLE patients (id BIGINT PRIMARY KEY, full_name TEXT);\n',
        'services/patients/src/report.ts': "db.query('SELECT COUNT(*) FROM invoices');\n",
        'services/billing/package.json': pg('billing'),
        'services/billing/migrations/V1__invoices.sql':
          'CREATE TABLE invoices (\n  id BIGINT PRIMARY KEY,\n  patient_id BIGINT REFERENCES patients (id)\n);\n',
        'services/billing/src/index.ts': "db.query('SELECT i.id, p.full_name FROM invoices i JOIN patients p ON p.id = i.patient_id');\n",
      },
      false,
    );
    const RULES = ['no-cross-service-query', 'no-cross-service-foreign-key', 'unknown-table'];
    const lintRepo = async () => {
      const run = await runCliJson(['--cwd', repo]);
      const findings = run.report.results.flatMap((r) =>
        r.messages
          .filter((m) => RULES.includes(m.ruleId))
          .map((m) => `${m.ruleId} ${r.filePath}:${m.line}:${m.column}-${m.endLine}:${m.endColumn}`),
      );
      return { run, findings };
    };
    const billingFindings = [
      'no-cross-service-foreign-key services/billing/migrations/V1__invoices.sql:3:32-3:40',
      'no-cross-service-query services/billing/src/index.ts:1:57-1:65',
    ];

    const full = await lintRepo();
    expect(full.findings).toEqual([...billingFindings, 'no-cross-service-query services/patients/src/report.ts:1:32-1:40']);
    expect(full.run.report.summary.notices.join('\n')).not.toContain('not checked out');

    git(repo, 'sparse-checkout', 'set', 'services/billing');
    expect(existsSync(path.join(repo, 'services/patients'))).toBe(false);
    const sparse = await lintRepo();
    // billing's reads of patients stay cross-service errors; patients' own files, not on disk, are not linted.
    expect(sparse.findings).toEqual(billingFindings);
    expect(sparse.run.code).toBe(1);
    expect(sparse.run.report.summary.notices).toContain(
      "2 tracked file(s) the linter reads are not checked out (a sparse checkout), under services/patients/: they were read from git's index for ownership and the services' schemas, and are not linted.",
    );
    expect(sparse.run.report.results.map((r) => r.filePath).filter((file) => file.startsWith('services/patients/'))).toEqual([]);

    // A file marked skip-worktree but present on disk is read from disk, without a notice.
    git(repo, 'sparse-checkout', 'disable');
    git(repo, 'update-index', '--skip-worktree', 'services/patients/src/report.ts');
    const marked = await lintRepo();
    expect(marked.findings).toEqual(full.findings);
    expect(marked.run.report.summary.notices.join('\n')).not.toContain('not checked out');

    // A tracked file deleted from the work tree is gone, not read from git: its table has no owner any more.
    git(repo, 'update-index', '--no-skip-worktree', 'services/patients/src/report.ts');
    rmSync(path.join(repo, 'services/patients/migrations/V1__patients.sql'));
    const deleted = await lintRepo();
    expect(deleted.findings).toEqual([
      'unknown-table services/billing/migrations/V1__invoices.sql:3:32-3:40',
      'unknown-table services/billing/src/index.ts:1:57-1:65',
      'no-cross-service-query services/patients/src/report.ts:1:32-1:40',
    ]);
    expect(deleted.run.report.summary.notices.join('\n')).not.toContain('not checked out');
  });

  it('a sparse checkout reads a large absent blob alone, refuses one over the read limit unread, and names it (HELDOUT7 #24)', async () => {
    const pg = (name: string) => `{ "name": "${name}", "private": true, "dependencies": { "pg": "^8.11.0" } }\n`;
    const padding = `-- ${'x'.repeat(76)}\n`.repeat((9 * 1024 * 1024) / 80);
    const repo = gitRepo(
      {
        'services/patients/package.json': pg('patients'),
        // 9 MiB: above the one prefetch batch's 8 MiB per blob, below the SQL read limit: fetched on its own.
        'services/patients/migrations/V1__visits.sql': `${padding}CREATE TABLE visits (id BIGINT PRIMARY KEY);\n`,
        // 9 MiB of script: over the 8 MiB read limit of code, so refused before git is asked for its content.
        'services/patients/src/generated.ts': `${padding.replaceAll('--', '//')}export const visits = 'visits';\n`,
        'services/billing/package.json': pg('billing'),
        'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id BIGINT PRIMARY KEY);\n',
        'services/billing/src/index.ts': "db.query('SELECT v.id FROM invoices i JOIN visits v ON v.id = i.id');\n",
      },
      false,
    );
    git(repo, 'sparse-checkout', 'set', 'services/billing');
    expect(existsSync(path.join(repo, 'services/patients'))).toBe(false);
    const run = await runCliJson(['--cwd', repo]);
    const findings = run.report.results.flatMap((r) =>
      r.messages
        .filter((m) => ['no-cross-service-query', 'unknown-table', 'unanalysed-file'].includes(m.ruleId))
        .map((m) => `${m.ruleId} ${r.filePath}:${m.line}:${m.column}-${m.endLine}:${m.endColumn}`),
    );
    expect(findings).toEqual(['no-cross-service-query services/billing/src/index.ts:1:44-1:50']);
    expect(run.report.summary.notices).toContain(
      "services/patients/src/generated.ts is not checked out and was not read from git's index (file is 9.0 MB, over the 8.0 MB limit; not analysed): the tables it creates have no owner in this run.",
    );
    expect(run.report.summary.notices.join('\n')).not.toContain('V1__visits.sql is not checked out');
  });

  it('never follows a folder symlink out of the repository, in git or not', async () => {
    const outside = tempDir('nilecare-outside-');
    writeFileSync(path.join(outside, 'evil.ts'), crossQuery);
    writeFileSync(path.join(outside, 'package.json'), '{ "dependencies": { "pg": "8" } }\n');
    for (const repo of [makeRepo(files), gitRepo(files)]) {
      symlinkSync(outside, path.join(repo, 'services/evil'), 'dir');
      if (existsSync(path.join(repo, '.git'))) {
        git(repo, 'add', 'services/evil');
        git(repo, 'commit', '-q', '-m', 'a link out');
      }
      const root = await runCliJson(['--cwd', repo]);
      expect(root.findings).toEqual([billingFinding]);
      expect(root.report.summary.filesLinted).toBe(4);
      const named = await runCliInProcess(['--cwd', repo, 'services/evil']);
      expect(named).toEqual({
        code: 2,
        stdout: '',
        stderr: "nilecare-lint: 'services/evil' is a symbolic link to a folder; nilecare-lint does not follow linked folders.\n",
      });
    }
  });
});
