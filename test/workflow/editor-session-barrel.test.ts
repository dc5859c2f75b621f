/**
 * The session's short path and a shared data package's barrel: which of the package's modules a
 * service runs follows the names it imports and the names each querying module exports
 * (model/importing-services.ts). A module outside every service that changes its exports changes
 * the model (a full run); a service's own module that does so changes nothing the model reads
 * (test/e2e/editor-session-kept.test.ts types an exported query into a service's repository: kept).
 */
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { EditorSession, type EditorRun } from '../../src/editor-session.js';
import { overlayTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';
import { tempDir } from '../temp-dirs.js';

const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/layouts/data-package-barrel');
const SHARED_BILLING = 'packages/data/src/billing.js';
const SERVICE_BILLING = 'services/billing/src/index.js';
const SHARED_ORDERS = 'packages/data/src/orders.js';

describe('EditorSession: exports of a shared package’s modules', () => {
  let root: string;
  let session: EditorSession;
  const buffers: Record<string, string> = {};
  const disk = (file: string) => readFileSync(path.join(root, file), 'utf8');

  beforeAll(() => {
    root = tempDir('nilecare-editor-barrel-');
    cpSync(fixture, root, { recursive: true });
    session = new EditorSession({ cwd: root });
    session.watchedByClient(true);
  });

  function setBuffer(file: string, text: string) {
    buffers[file] = text;
    session.setBuffer(path.join(root, file), text);
  }

  async function expectSameAsCold(expectedPath: EditorRun['path']) {
    const files = Object.keys(buffers).map((f) => path.join(root, f));
    const warm = await session.lint(files);
    const cold = await lint({ cwd: root, tree: overlayTree(root, { ...buffers }), files });
    expect(warm.run.diagnostics).toEqual(cold.diagnostics);
    expect(warm.path).toBe(expectedPath);
    return warm;
  }

  const crossReads = (run: EditorRun) =>
    run.run.diagnostics.filter((d) => d.ruleId === 'no-cross-service-query').map((d) => `${d.file}:${d.line}`);

  it('a shared module renaming an export is a full run, with the cold run’s findings', async () => {
    setBuffer(SHARED_BILLING, disk(SHARED_BILLING));
    setBuffer(SERVICE_BILLING, disk(SERVICE_BILLING));
    setBuffer(SHARED_ORDERS, disk(SHARED_ORDERS));
    expect(crossReads(await expectSameAsCold('full'))).toEqual(['packages/data/src/orders.js:3', 'packages/data/src/orders.js:4']);
    await expectSameAsCold('kept');

    // Shipping imports getOrder by name: renamed, the name leads to no module of the package, and what
    // shipping runs changes with nothing but an export (the cold run says what it becomes).
    setBuffer(SHARED_ORDERS, disk(SHARED_ORDERS).replace('exports.getOrder', 'exports.fetchOrder'));
    const renamed = await expectSameAsCold('full');
    expect(crossReads(renamed)).not.toEqual(['packages/data/src/orders.js:3', 'packages/data/src/orders.js:4']);
  });
});
