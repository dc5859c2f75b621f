/**
 * Hostile inputs whose subject is the disk: a symbolic-link loop, a link to itself, one to a folder above and a
 * dangling link (discovery must not follow them), and a file the kernel refuses to open (EACCES). A memory tree has
 * neither links nor modes; the bytes a file holds (binary, encodings, empty, unterminated, odd names, broken configs)
 * run in memory in test/robustness/hostile.test.ts.
 */
import fs, { chmodSync, readFileSync, symlinkSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cli, expectNormalFinding, jsonDiagnostics, makeRepo, type JsonReport } from '../robustness/helpers.js';

/** Lints through the CLI with the JSON reporter: exit code, diagnostics, notices. */
async function lintCli(root: string, ...extra: string[]) {
  const outcome = await cli(['--cwd', root, '--format', 'json', ...extra]);
  if (outcome.code === 2) throw new Error(`exit 2: ${outcome.stderr}`);
  const report = JSON.parse(outcome.stdout) as JsonReport;
  return { ...outcome, diagnostics: jsonDiagnostics(outcome.stdout), report };
}

describe('hostile inputs on disk', () => {
  it('a symlink loop and a dangling symlink: discovery does not follow them', async () => {
    const root = makeRepo();
    symlinkSync('..', path.join(root, 'services/billing/src/loop'));
    symlinkSync('.', path.join(root, 'services/billing/src/self'));
    symlinkSync(path.join(root, 'services'), path.join(root, 'services/payment/all-services'));
    symlinkSync('does-not-exist.ts', path.join(root, 'services/billing/src/dangling.ts'));
    const started = performance.now();
    const { code, diagnostics } = await lintCli(root);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(code).toBe(1);
    expect(diagnostics.filter((d) => /(^|\/)(loop|self|all-services)\//.test(d.file))).toEqual([]);
    expectNormalFinding(diagnostics);
  });

  it('an unreadable file: a located unanalysed-file finding, and the run goes on', async () => {
    const file = 'services/billing/src/locked.repository.ts';
    const root = makeRepo({ files: { [file]: "export const q = (db: any) => db.query('SELECT * FROM payments');\n" } });
    const abs = path.join(root, file);
    chmodSync(abs, 0o000);
    // chmod does not refuse root (nor a file system that ignores modes): there, opening this one file fails
    // as the kernel fails it for anyone else, through node:fs itself, so the disk reader meets a real EACCES.
    let readable: boolean;
    try {
      readFileSync(abs);
      readable = true;
    } catch {
      readable = false;
    }
    const realOpen = fs.openSync;
    const refused = vi.spyOn(fs, 'openSync').mockImplementation((...args: Parameters<typeof fs.openSync>) => {
      if (readable && String(args[0]) === abs)
        throw Object.assign(new Error(`EACCES: permission denied, open '${abs}'`), { code: 'EACCES' });
      return realOpen(...args);
    });
    syncBuiltinESMExports();
    try {
      const { code, diagnostics, report } = await lintCli(root);
      expect(code).toBe(1);
      expectNormalFinding(diagnostics);
      const onFile = report.results.filter((r) => r.filePath === file).flatMap((r) => r.messages);
      expect(
        onFile.map(({ ruleId, line, column, endLine, endColumn, message }) => ({ ruleId, line, column, endLine, endColumn, message })),
      ).toEqual([
        {
          ruleId: 'unanalysed-file',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          message: 'File not analysed: cannot read file (EACCES).',
        },
      ]);
      if (readable) expect(refused.mock.calls.some(([opened]) => String(opened) === abs)).toBe(true);
    } finally {
      refused.mockRestore();
      syncBuiltinESMExports();
      chmodSync(abs, 0o644);
    }
  });
});
