/**
 * Bulk suppressions (`nilecare-lint-suppressions.json`), after ESLint's, keyed by fingerprint:
 * a baselined finding survives moving down the file, a new violation of the same rule in the
 * same file is reported, fixed findings leave entries that fail the run until pruned. The CLI runs over a
 * repository in memory (test/cli-memory.ts): lint() writes the file through the CLI's injected files; writing it on
 * disk (atomically, never through a link) is test/e2e/cli-disk.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import { serializeBaseline } from '../../src/engine/baseline.js';
import { writtenText } from '../cli-memory.js';
import { cli, jsonRun, memoryRepo, paymentMigration, readFile, writeFile, type Repo } from './helpers.js';

const REPO = 'services/billing/src/repo.ts';
const OTHER = 'services/billing/src/other.ts';
const SUPPRESSIONS = 'nilecare-lint-suppressions.json';

const header = "import { pool } from './db';";
const legacy = "export const legacy = () => pool.query('SELECT * FROM payments WHERE id = ?', [1]);";
const fresh = "export const fresh = () => pool.query('SELECT amount FROM payments');";
const unknown = "export const odd = () => pool.query('SELECT * FROM mystery_things');";

function repo() {
  return memoryRepo({
    ...paymentMigration,
    [REPO]: [header, '', legacy, unknown, ''].join('\n'),
    [OTHER]: [header, legacy, ''].join('\n'),
  });
}

interface StoredFile {
  version: number;
  suppressions: Array<{ rule: string; file: string; fingerprint: string; line: number; message: string }>;
}
const stored = (root: Repo, file = SUPPRESSIONS) => JSON.parse(readFile(root, file)) as StoredFile;

describe('--suppress-all / --suppress-rule', () => {
  it('writes every current finding, sorted by rule, file and fingerprint, and then passes', async () => {
    const root = repo();
    expect((await cli(root, [])).code).toBe(1);
    const outcome = await cli(root, ['--suppress-all']);
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toContain(`${SUPPRESSIONS}: 3 suppression(s) added, 0 pruned, 3 in total`);
    const file = stored(root);
    expect(file.version).toBe(1);
    expect(file.suppressions.map((e) => [e.rule, e.file, e.line])).toEqual([
      ['no-cross-service-query', OTHER, 2],
      ['no-cross-service-query', REPO, 3],
      ['unknown-table', REPO, 4],
    ]);
    expect(file.suppressions.every((e) => /^[0-9a-f]{32}$/.test(e.fingerprint))).toBe(true);
    // Human-readable and stable: one entry a line, exactly what the serialiser produces.
    expect(readFile(root, SUPPRESSIONS)).toBe(serializeBaseline(file.suppressions));
    expect(readFile(root, SUPPRESSIONS).split('\n')[3]).toMatch(
      /^ {4}\{"rule":"no-cross-service-query","file":"services\/billing\/src\/other.ts","fingerprint":"[0-9a-f]{32}","line":2,"message":"Service 'billing' reads table 'payments' owned by service 'payment'."\},$/,
    );

    const after = await jsonRun(root);
    expect(after.code).toBe(0);
    expect(after.messages.map((m) => [m.file, m.line, m.suppressed])).toEqual([
      [OTHER, 2, { kind: 'baseline', justification: null }],
      [REPO, 3, { kind: 'baseline', justification: null }],
      [REPO, 4, { kind: 'baseline', justification: null }],
    ]);
    expect(after.summary).toMatchObject({ errorCount: 0, warningCount: 0, suppressedCount: 3 });
  });

  it('--suppress-rule adds only that rule; --suppress-all with --suppress-rule is a usage error', async () => {
    const root = repo();
    const outcome = await cli(root, ['--suppress-rule', 'unknown-table']);
    expect(outcome.code).toBe(1);
    expect(stored(root).suppressions.map((e) => e.rule)).toEqual(['unknown-table']);
    expect((await cli(root, ['--suppress-all', '--suppress-rule', 'unknown-table'])).code).toBe(2);
    const typo = await cli(root, ['--suppress-rule', 'no-such-rule']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("unknown rule 'no-such-rule'");
  });

  it('--suppressions-location writes and reads another file', async () => {
    const root = repo();
    expect((await cli(root, ['--suppress-all', '--suppressions-location', 'lint/baseline.json'])).code).toBe(0);
    expect(writtenText(root, SUPPRESSIONS)).toBeUndefined();
    expect([...root.written.keys()]).toEqual([root.resolve('lint/baseline.json')]);
    expect(stored(root, 'lint/baseline.json').suppressions).toHaveLength(3);
    expect((await cli(root, ['--suppressions-location', 'lint/baseline.json'])).code).toBe(0);
    expect((await cli(root, [])).code).toBe(1);
  });

  it('findings suppressed in source are not added', async () => {
    const root = memoryRepo({
      ...paymentMigration,
      [REPO]: [header, `${legacy} // nilecare-lint-disable-line no-cross-service-query -- ok`, ''].join('\n'),
    });
    await cli(root, ['--suppress-all']);
    expect(stored(root).suppressions).toEqual([]);
  });
});

describe('matching by fingerprint', () => {
  it('a baselined finding 30 lines further down stays suppressed; a new violation of the same rule in the same file is reported', async () => {
    const root = repo();
    await cli(root, ['--suppress-all']);
    const padding = Array.from({ length: 30 }, (_, i) => `// note ${i + 1}`);
    writeFile(root, REPO, [header, ...padding, '', legacy, unknown, fresh, legacy, ''].join('\n'));

    const outcome = await jsonRun(root);
    expect(outcome.code).toBe(1);
    const inRepo = outcome.messages.filter((m) => m.file === REPO).map((m) => [m.line, m.ruleId, m.suppressed?.kind ?? null]);
    expect(inRepo).toEqual([
      [33, 'no-cross-service-query', 'baseline'],
      [34, 'unknown-table', 'baseline'],
      // New: another statement, and a second copy of the baselined one (its occurrence index is new).
      [35, 'no-cross-service-query', null],
      [36, 'no-cross-service-query', null],
    ]);
    expect(outcome.stderr).toBe('');
  });
});

describe('unmatched entries', () => {
  async function fixedOne() {
    const root = repo();
    await cli(root, ['--suppress-all']);
    writeFile(root, REPO, [header, '', unknown, ''].join('\n'));
    return root;
  }

  it('fail the run with exit 2 and a list of what no longer matches', async () => {
    const root = await fixedOne();
    const outcome = await cli(root, []);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(
      /there are suppressions left in nilecare-lint-suppressions.json that do not occur anymore:\n {2}no-cross-service-query {2}services\/billing\/src\/repo.ts:3 {2}[0-9a-f]{32}\n/,
    );
    expect(outcome.stderr).toContain('--prune-suppressions');
    expect(outcome.stdout).toContain('1 suppression(s) in nilecare-lint-suppressions.json no longer match a finding');
  });

  it('pass with --pass-on-unpruned-suppressions', async () => {
    const root = await fixedOne();
    const outcome = await cli(root, ['--pass-on-unpruned-suppressions']);
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toBe('');
  });

  it("--prune-suppressions drops the fixed finding's entry and keeps the others", async () => {
    const root = await fixedOne();
    const before = stored(root).suppressions;
    const outcome = await cli(root, ['--prune-suppressions']);
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toContain('0 suppression(s) added, 1 pruned, 2 in total');
    const after = stored(root).suppressions;
    expect(after.map((e) => [e.rule, e.file])).toEqual([
      ['no-cross-service-query', OTHER],
      ['unknown-table', REPO],
    ]);
    expect(after.map((e) => e.fingerprint)).toEqual(
      before.filter((e) => !(e.file === REPO && e.rule === 'no-cross-service-query')).map((e) => e.fingerprint),
    );
    // The unknown-table finding moved from line 4 to 3: pruning refreshed its hint.
    expect(after[1].line).toBe(3);
    expect((await cli(root, [])).code).toBe(0);
  });

  it('a run over some files only judges the entries of those files', async () => {
    const root = await fixedOne();
    expect((await cli(root, [root.resolve(OTHER)])).code).toBe(0);
    expect((await cli(root, [root.resolve(REPO)])).code).toBe(2);
  });

  it('entries of a rule that is off in this run are not judged', async () => {
    const root = await fixedOne();
    writeFile(root, REPO, [header, ''].join('\n'));
    const outcome = await cli(root, ['--rule', 'unknown-table:off', '--prune-suppressions']);
    expect(outcome.code).toBe(0);
    expect(stored(root).suppressions.map((e) => e.rule)).toEqual(['no-cross-service-query', 'unknown-table']);
  });
});

it('a damaged suppressions file is a usage error that names the file', async () => {
  const root = repo();
  writeFile(root, SUPPRESSIONS, '{"version": 1, "suppressions": [{"rule": 1}]}');
  const outcome = await cli(root, []);
  expect(outcome.code).toBe(2);
  expect(outcome.stderr).toMatch(/nilecare-lint-suppressions.json: not a nilecare-lint suppressions file \(suppressions\.0\.rule: /);
});
