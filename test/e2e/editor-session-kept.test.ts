/**
 * The session's short path: when the client watches the disk, an edit that changes no
 * declaration keeps the project (listing, other files' facts, model) and re-runs only the rules.
 * After every step of a sequence of edits — queries typed, lines inserted above settings, a
 * `CREATE TABLE`, an entity renamed, a driver swapped, a buffer opened and closed, the disk
 * changed — its findings (and suggestions) equal those of a cold lint() over the same text, and
 * the path it took is the one the change calls for.
 * In the e2e project: 32 lints of a copy of the sample on disk (1.9 s of CPU at load 13); warm runs equal cold
 * runs in `npm test` by test/workflow/editor-session.test.ts (and -barrel, -routines).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { SharedFactsMemory } from '../../src/analysis/shared-facts-cache.js';
import { EditorSession, type EditorRun } from '../../src/editor-session.js';
import { overlayTree } from '../../src/io/source-tree.js';
import { lint, type LintRun } from '../../src/lint.js';
import { tempDir } from '../temp-dirs.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');
const REPOSITORY = 'services/auth-service/src/repositories/user.repository.ts';
const INVOICES = 'services/billing-service/src/services/InvoiceService.ts';
const AUTH_DB = 'services/auth-service/src/config/database.ts';
const CLINICAL_DB = 'services/clinical-service/src/db.ts';
const MIGRATION = 'services/payment-gateway-service/migrations/V1__create_payments.sql';
const AUDIT = 'services/payment-gateway-service/migrations/V9__audit.sql';

/** Every diagnostic whole: position, message, related locations, suppression, fix, suggestions, fingerprint. */
const findings = (run: LintRun) => run.diagnostics;

describe('EditorSession: edits that change no declaration keep the project', () => {
  let root: string;
  let session: EditorSession;
  const buffers: Record<string, string> = {};
  const disk = (file: string) => readFileSync(path.join(root, file), 'utf8');
  /**
   * The cold runs' facts, kept by path and content (as `nilecare-lint diff` keeps its two states'): the first
   * analyses every file, each later one only the files whose text changed. Each still lists the tree, builds
   * the model and runs every rule from nothing, which is what the session's short path skips. Not the
   * session's own memory: its facts are never the oracle's. 32 runs of the sample, half of them these.
   */
  const coldFacts = new SharedFactsMemory();

  beforeAll(() => {
    root = tempDir('nilecare-editor-kept-');
    cpSync(path.join(fixtures, 'sample-monorepo'), root, { recursive: true });
    session = new EditorSession({ cwd: root });
    session.watchedByClient(true);
  });

  function setBuffer(file: string, text: string) {
    buffers[file] = text;
    session.setBuffer(path.join(root, file), text);
  }
  function close(file: string) {
    delete buffers[file];
    session.close(path.join(root, file));
  }

  /** Lints the open buffers in the session and cold; both must agree. Returns the path the session took. */
  async function expectSameAsCold(expectedPath: EditorRun['path'], options: { suggestions?: boolean } = {}): Promise<EditorRun> {
    const files = Object.keys(buffers).map((f) => path.join(root, f));
    const warm = await session.lint(files, options);
    const tree = overlayTree(root, { ...buffers });
    const cold = await lint({ cwd: root, tree, files, suggestions: options.suggestions, factsCache: coldFacts.cache() });
    expect(findings(warm.run)).toEqual(findings(cold));
    expect(warm.run.lintedFiles).toEqual(cold.lintedFiles);
    expect(warm.path).toBe(expectedPath);
    return warm;
  }

  it('takes the short path exactly when the model cannot change', async () => {
    setBuffer(REPOSITORY, disk(REPOSITORY));
    await expectSameAsCold('full');
    // Unchanged: the rules run again on what is there.
    await expectSameAsCold('kept');

    // A query typed at the end, then above everything (every offset moves).
    const original = disk(REPOSITORY);
    setBuffer(REPOSITORY, `${original}\nexport const leak = (db: any) => db.query('SELECT amount FROM payments');\n`);
    const leaked = await expectSameAsCold('kept');
    expect(leaked.run.diagnostics.some((d) => d.ruleId === 'no-cross-service-query' && d.message.includes('payments'))).toBe(true);
    // Typed in the middle: every query below moves (the import above does not).
    setBuffer(REPOSITORY, buffers[REPOSITORY].replace('\n\n', "\n\nexport const more = (db: any) => db.query('DELETE FROM invoices');\n"));
    await expectSameAsCold('kept');
    // Above the import: its position is part of what the model reads (a driver's import decides a dialect, with its line).
    setBuffer(REPOSITORY, `// a comment\n${buffers[REPOSITORY]}`);
    await expectSameAsCold('full');
    await expectSameAsCold('kept', { suggestions: true });

    // Another file opened as it is on disk: only the selection changes.
    setBuffer(INVOICES, disk(INVOICES));
    await expectSameAsCold('kept');

    // A table created in a migration buffer: ownership changes for every file.
    setBuffer(REPOSITORY, `${buffers[REPOSITORY]}export const ledger = (db: any) => db.query('SELECT * FROM kept_ledger');\n`);
    await expectSameAsCold('kept');
    setBuffer(MIGRATION, `${disk(MIGRATION)}\nCREATE TABLE kept_ledger (id INT PRIMARY KEY);\n`);
    const owned = await expectSameAsCold('full');
    expect(owned.run.diagnostics.some((d) => d.ruleId === 'no-cross-service-query' && d.message.includes('kept_ledger'))).toBe(true);
    // A comment after the last statement declares nothing.
    setBuffer(MIGRATION, `${buffers[MIGRATION]}-- the ledger of payments\n`);
    await expectSameAsCold('kept');
    // A line break above the CREATE TABLE moves the declaration the finding points at.
    setBuffer(MIGRATION, `\n${buffers[MIGRATION]}`);
    await expectSameAsCold('full');
    // Dropped again: the query is back to an unknown table.
    setBuffer(MIGRATION, disk(MIGRATION));
    await expectSameAsCold('full');

    // Connection settings feed the model (the databases each service uses).
    setBuffer(AUTH_DB, disk(AUTH_DB).replace("'nilecare'", "'clinical_data'"));
    await expectSameAsCold('full');
    setBuffer(AUTH_DB, `${buffers[AUTH_DB]}\nexport const x = 1;\n`);
    await expectSameAsCold('kept');
    // A driver import decides a dialect.
    setBuffer(CLINICAL_DB, disk(CLINICAL_DB).replace("from 'pg'", "from 'mysql2'"));
    await expectSameAsCold('full');

    // A buffer closed: the disk's text is back.
    close(AUTH_DB);
    await expectSameAsCold('full');
    close(CLINICAL_DB);
    await expectSameAsCold('full');
    close(INVOICES);
    await expectSameAsCold('kept');

    // The disk changed, and the client said so: the next run reads it.
    writeFileSync(path.join(root, AUDIT), 'CREATE TABLE kept_audit (id INT);\n');
    session.filesChanged();
    setBuffer(REPOSITORY, `${buffers[REPOSITORY]}export const audit = (db: any) => db.query('SELECT * FROM kept_audit');\n`);
    const listed = await expectSameAsCold('full');
    expect(listed.run.diagnostics.some((d) => d.ruleId === 'no-cross-service-query' && d.message.includes('kept_audit'))).toBe(true);
    await expectSameAsCold('kept');

    // A column is no table: adding one keeps the model, and the naming rules judge it.
    const misnamed = (run: EditorRun) => run.run.diagnostics.filter((d) => d.ruleId === 'identifier-case' && d.message.includes('isPaid'));
    setBuffer(MIGRATION, disk(MIGRATION).replace('status VARCHAR(20) NOT NULL,', 'status VARCHAR(20) NOT NULL,\n  isPaid BOOLEAN,'));
    expect(misnamed(await expectSameAsCold('kept'))).toHaveLength(1);
    // A later migration renaming it is in the model's name history: the model is built again, and the old name is history.
    setBuffer(AUDIT, `${disk(AUDIT)}ALTER TABLE payments RENAME COLUMN isPaid TO is_paid;\n`);
    expect(misnamed(await expectSameAsCold('full'))).toEqual([]);
  }, 120_000);

  it('takes the full path on every run when the client does not watch the disk', async () => {
    const unwatched = new EditorSession({ cwd: root });
    unwatched.setBuffer(path.join(root, REPOSITORY), disk(REPOSITORY));
    expect((await unwatched.lint([path.join(root, REPOSITORY)])).path).toBe('full');
    unwatched.setBuffer(path.join(root, REPOSITORY), `${disk(REPOSITORY)}\n// edited\n`);
    expect((await unwatched.lint([path.join(root, REPOSITORY)])).path).toBe('full');
  }, 60_000);
});
