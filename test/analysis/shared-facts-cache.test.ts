/**
 * Facts shared in memory between two runs (a pull request's head and base): the second run
 * analyses only what changed, nothing downstream of the cache changes the shared facts, and the
 * findings are those of a run without any cache.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FactsCache } from '../../src/analysis/facts-cache.js';
import type { FileFacts } from '../../src/analysis/facts.js';
import { SharedFactsMemory } from '../../src/analysis/shared-facts-cache.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';

const sample = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'sample-monorepo');
const root = '/nilecare-shared-facts';

function filesOf(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory()) Object.assign(out, filesOf(path.join(dir, entry.name), `${relative}/`));
    else out[relative] = readFileSync(path.join(dir, entry.name), 'utf8');
  }
  return out;
}

function deepFreeze(value: unknown, seen = new Set<unknown>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  for (const inner of Object.values(value)) deepFreeze(inner, seen);
  Object.freeze(value);
}

/** Counts the analyses a run stores (one per file it had to analyse). */
function counting(cache: FactsCache): { cache: FactsCache; stored: string[] } {
  const stored: string[] = [];
  return {
    cache: { ...cache, prepare: cache.prepare, get: cache.get, set: (facts: FileFacts) => (stored.push(facts.path), cache.set(facts)) },
    stored,
  };
}

const findings = (run: Awaited<ReturnType<typeof lint>>) =>
  run.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.fingerprint}`);

describe('SharedFactsMemory', () => {
  const head = filesOf(sample);
  const changedFile = 'services/auth-service/src/repositories/user.repository.ts';
  // The base: one file differs (a cross-service query added to it), everything else is the same content.
  const base = { ...head, [changedFile]: `${head[changedFile]}\nexport const paid = () => db.query('SELECT * FROM payments');\n` };

  it('the second state analyses only the changed file, over frozen shared facts, and finds what an uncached run finds', async () => {
    const memory = new SharedFactsMemory();
    const first = counting(memory.cache());
    const headRun = await lint({ cwd: root, tree: memoryTree(head, { root }), factsCache: first.cache });
    expect(first.stored.length).toBe(headRun.model.files.filter((f) => !f.unread).length);
    // Nothing after the cache may change facts another run reuses: freeze everything the first run holds.
    deepFreeze(headRun.model.files.map(({ text: _text, ...rest }) => rest));
    headRun.model.files.forEach((f) => deepFreeze(f));

    const second = counting(memory.cache());
    const baseRun = await lint({ cwd: root, tree: memoryTree(base, { root }), factsCache: second.cache });
    expect(second.stored).toEqual([changedFile]);
    expect(baseRun.internalErrors).toEqual([]);
    const uncached = await lint({ cwd: root, tree: memoryTree(base, { root }) });
    expect(findings(baseRun)).toEqual(findings(uncached));
    expect(baseRun.diagnostics).toEqual(uncached.diagnostics);
    expect(findings(baseRun).filter((f) => !findings(headRun).includes(f))).toEqual([
      expect.stringMatching(new RegExp(`^${changedFile}:\\d+:\\d+ no-cross-service-query `)),
    ]);
  }, 120_000);

  it('a config that differs between the states shares nothing: every file is analysed under its own config', async () => {
    const memory = new SharedFactsMemory();
    await lint({ cwd: root, tree: memoryTree(head, { root }), factsCache: memory.cache() });
    const config = head['nilecare-lint.config.json'];
    const other = {
      ...head,
      'nilecare-lint.config.json': config.replace('"dialect": "mysql",', '"dialect": "mysql", "sqlCallees": ["runSql"],'),
    };
    expect(other['nilecare-lint.config.json']).not.toBe(config);
    const second = counting(memory.cache());
    const run = await lint({ cwd: root, tree: memoryTree(other, { root }), factsCache: second.cache });
    expect(second.stored.length).toBe(run.model.files.filter((f) => !f.unread).length);
    expect(memory.hits).toBe(0);
  }, 120_000);

  it('a service whose dialect differs between the states has its SQL analysed again without changing the shared facts', async () => {
    const memory = new SharedFactsMemory();
    const headRun = await lint({ cwd: root, tree: memoryTree(head, { root }), factsCache: memory.cache() });
    headRun.model.files.forEach((f) => deepFreeze(f));
    const repository = 'services/business-service/src/claims.repository.ts';
    // The same SQL, reached through PostgreSQL's driver: the package manifest changes, the query file does not.
    const postgres = {
      ...head,
      'services/business-service/package.json': head['services/business-service/package.json'].replace(
        '"mysql2": "^3.9.0"',
        '"pg": "^8.11.0"',
      ),
      [repository]: head[repository].replace(
        "import mysql from 'mysql2/promise';",
        "import pg from 'pg';\nconst mysql = { createPool: (o: object) => new pg.Pool(o) };",
      ),
    };
    const second = counting(memory.cache());
    const run = await lint({ cwd: root, tree: memoryTree(postgres, { root }), factsCache: second.cache });
    expect(run.model.services.find((s) => s.name === 'business-service')?.dialect).toBe('postgresql');
    expect(headRun.model.services.find((s) => s.name === 'business-service')?.dialect).toBe('mysql');
    expect(second.stored).toEqual(expect.arrayContaining([repository]));
    const uncached = await lint({ cwd: root, tree: memoryTree(postgres, { root }) });
    expect(run.diagnostics).toEqual(uncached.diagnostics);
    expect(run.internalErrors).toEqual([]);
  }, 120_000);
});
