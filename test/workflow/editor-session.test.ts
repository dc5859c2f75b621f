/**
 * The warm session the language server keeps: after edits to buffers and to the disk, its
 * findings equal those of a cold run over the same text (an overlay tree, nothing cached).
 * Facts from memory and file contents kept by status must never hide a change.
 */
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { EditorSession } from '../../src/editor-session.js';
import { overlayTree } from '../../src/io/source-tree.js';
import { lint, type LintRun } from '../../src/lint.js';
import { tempDir } from '../temp-dirs.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');
const REPOSITORY = 'services/auth-service/src/repositories/user.repository.ts';
const MIGRATION = 'services/payment-gateway-service/migrations/V1__create_payments.sql';

const findings = (run: LintRun) => run.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`);

describe('EditorSession: warm runs equal cold runs', () => {
  let root: string;
  let session: EditorSession;
  beforeAll(() => {
    root = tempDir('nilecare-editor-session-');
    cpSync(path.join(fixtures, 'sample-monorepo'), root, { recursive: true });
    session = new EditorSession({ cwd: root });
  });

  async function expectSameAsCold(buffers: Record<string, string>, files: string[]) {
    for (const [file, text] of Object.entries(buffers)) session.setBuffer(path.join(root, file), text);
    const warm = await session.lint(files.map((f) => path.join(root, f)));
    const cold = await lint({ cwd: root, tree: overlayTree(root, buffers), files: files.map((f) => path.join(root, f)) });
    expect(findings(warm.run)).toEqual(findings(cold));
    return warm;
  }

  it('the first run, then edits to a buffer, to a migration buffer and to the disk', async () => {
    const first = await expectSameAsCold({}, [REPOSITORY, MIGRATION]);
    expect(first.run.diagnostics.length).toBeGreaterThan(0);
    const original = first.textOf(REPOSITORY) ?? '';
    expect(original.length).toBeGreaterThan(0);

    const crossService = `${original}\nexport const leak = (db: any) => db.query('SELECT amount FROM payments');\n`;
    const edited = await expectSameAsCold({ [REPOSITORY]: crossService }, [REPOSITORY]);
    expect(findings(edited.run).some((f) => f.startsWith(`${REPOSITORY}:`) && f.includes('no-cross-service-query'))).toBe(true);
    expect(edited.textOf(REPOSITORY)).toBe(crossService);

    const withLedger = `${crossService}export const ledger = (db: any) => db.query('SELECT * FROM lsp_ledger');\n`;
    const migration = `${first.textOf(MIGRATION)}\nCREATE TABLE lsp_ledger (id INT PRIMARY KEY);\n`;
    await expectSameAsCold({ [REPOSITORY]: withLedger }, [REPOSITORY]);
    const owned = await expectSameAsCold({ [REPOSITORY]: withLedger, [MIGRATION]: migration }, [REPOSITORY, MIGRATION]);
    expect(findings(owned.run).some((f) => f.includes('no-cross-service-query') && f.includes('lsp_ledger'))).toBe(true);

    // Closed: the disk's content is back; then the disk itself changes.
    session.close(path.join(root, MIGRATION));
    await expectSameAsCold({ [REPOSITORY]: withLedger }, [REPOSITORY]);
    writeFileSync(path.join(root, MIGRATION), migration);
    await expectSameAsCold({ [REPOSITORY]: withLedger }, [REPOSITORY]);
    // A new file on disk: the editor's watcher says so, and the project is listed again.
    writeFileSync(path.join(root, 'services/payment-gateway-service/migrations/V9__audit.sql'), 'CREATE TABLE lsp_audit (id INT);\n');
    session.filesChanged();
    const withAudit = `${withLedger}export const audit = (db: any) => db.query('SELECT * FROM lsp_audit');\n`;
    const listed = await expectSameAsCold({ [REPOSITORY]: withAudit }, [REPOSITORY]);
    expect(findings(listed.run).some((f) => f.includes('no-cross-service-query') && f.includes('lsp_audit'))).toBe(true);
  }, 120_000);
});
