/**
 * The session's short path and stored routines: a `CREATE PROCEDURE` in a service's migration makes it
 * that service's routine (model/routines.ts), so another service's `CALL` of it is a cross-service
 * finding. Typing the declaration, or a line above it (its related location moves), changes the model:
 * a full run whose findings equal a cold lint's.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EditorSession, type EditorRun } from '../../src/editor-session.js';
import { overlayTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';
import { tempDir } from '../temp-dirs.js';

const MIGRATION = 'services/patients/migrations/V1__patients.sql';
const CALLER = 'services/billing/src/index.js';
const repository: Record<string, string> = {
  'nilecare-lint.config.json': JSON.stringify({
    dialect: 'mysql',
    services: [
      { name: 'patients', roots: ['services/patients'] },
      { name: 'billing', roots: ['services/billing'] },
    ],
  }),
  [MIGRATION]: 'CREATE TABLE patients (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL);\n',
  'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id INT AUTO_INCREMENT PRIMARY KEY, amount INT NOT NULL);\n',
  [CALLER]: "export const total = (pool) => pool.query('SELECT amount FROM invoices');\n",
};

describe('EditorSession: routine declarations', () => {
  let root: string;
  let session: EditorSession;
  const buffers: Record<string, string> = {};

  beforeAll(() => {
    root = tempDir('nilecare-editor-routines-');
    for (const [file, text] of Object.entries(repository)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    session = new EditorSession({ cwd: root });
    session.watchedByClient(true);
  });

  function setBuffer(file: string, text: string) {
    buffers[file] = text;
    session.setBuffer(path.join(root, file), text);
  }

  async function expectSameAsCold(expectedPath?: EditorRun['path']) {
    const files = Object.keys(buffers).map((f) => path.join(root, f));
    const warm = await session.lint(files);
    const cold = await lint({ cwd: root, tree: overlayTree(root, { ...buffers }), files });
    expect(warm.run.diagnostics).toEqual(cold.diagnostics);
    if (expectedPath) expect(warm.path).toBe(expectedPath);
    return warm;
  }

  const calls = (run: EditorRun) =>
    run.run.diagnostics
      .filter((d) => d.ruleId === 'no-cross-service-query')
      .map((d) => `${d.file}:${d.line}:${d.column} ${d.related?.map((r) => `${r.file}:${r.range.line}`).join(',')}`);

  it('a declaration typed or moved is a full run, with the cold run’s findings', async () => {
    setBuffer(MIGRATION, repository[MIGRATION]);
    setBuffer(CALLER, repository[CALLER]);
    await expectSameAsCold('full');
    setBuffer(CALLER, `${buffers[CALLER]}export const summary = (pool, id) => pool.query('CALL sp_patient_summary(?)', [id]);\n`);
    expect(calls(await expectSameAsCold())).toEqual([]);

    setBuffer(
      MIGRATION,
      `${buffers[MIGRATION]}CREATE PROCEDURE sp_patient_summary(IN p_id INT) SELECT id, name FROM patients WHERE id = p_id;\n`,
    );
    expect(calls(await expectSameAsCold('full'))).toEqual([`${CALLER}:2:55 ${MIGRATION}:2`]);

    setBuffer(MIGRATION, `-- patients\n${buffers[MIGRATION]}`);
    expect(calls(await expectSameAsCold('full'))).toEqual([`${CALLER}:2:55 ${MIGRATION}:3`]);
  });
});
