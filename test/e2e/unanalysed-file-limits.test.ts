/**
 * unanalysed-file at its size limits on inputs of that size: a .sql file of 9 MB (over the 8 MiB cap
 * of other files, under SQL's 64 MiB) is read and analysed, not refused. In the e2e project (`npm run
 * test:e2e`) for its 9 MB input (~0.7 s of a quiet `npm test`); the rule's cases, the file padded past
 * 8 MB among them (never read whole), are test/rules/unanalysed-file.test.ts.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/unanalysed-file.js';
import { runCase } from '../rule-tester.js';

const NINE_MB = 9 * 1024 * 1024;

describe('unanalysed-file at the size limits', () => {
  it('a .sql file of 9 MB is under the SQL limit and analysed', async () => {
    const filename = 'services/billing/db/seed.sql';
    const diagnostics = await runCase(rule, { filename, code: `-- ${'x'.repeat(NINE_MB)}\nSELECT 1;\n` });
    expect(diagnostics.filter((d) => d.ruleId === rule.meta.id)).toEqual([]);
  });
});
