/**
 * A forged facts cache, as the author of a pull request could commit one (issue 13 row 3), and the
 * warnings a run gives when it sets a cache aside: shared by test/robustness/untrusted-cache.test.ts
 * and test/e2e/untrusted-cache-git.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { hashText } from '../../src/io/hash.js';
import { cli, NORMAL_FILE, NORMAL_TEXT, type JsonReport } from './helpers.js';

export const DEFAULT_CACHE = 'node_modules/.cache/nilecare-lint/facts';
const CLEAN_TEXT =
  "import { pool } from './db.js';\n\nexport const byId = (id: string) => pool.query('SELECT * FROM invoices WHERE id = ?', [id]);\n";

export function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: root, stdio: 'ignore' });
}

/**
 * A cache at `location` (absolute) that claims NORMAL_FILE, with its real content hash, has the
 * facts of a clean version of it: built by the tool itself, as an attacker would.
 */
export async function forgeCache(root: string, location: string): Promise<void> {
  writeFileSync(path.join(root, NORMAL_FILE), CLEAN_TEXT);
  const clean = await cli(['--cwd', root, '--cache', '--cache-location', location]);
  expect(clean.code, clean.stderr).toBe(0);
  writeFileSync(path.join(root, NORMAL_FILE), NORMAL_TEXT);
  const forged = readFileSync(location, 'utf8').replaceAll(hashText(CLEAN_TEXT), hashText(NORMAL_TEXT));
  expect(forged).toContain(hashText(NORMAL_TEXT));
  writeFileSync(location, forged);
}

/** The run's notices and warnings (a cache that is not used is a warning: the user asked for one). */
export function summary(stdout: string): { notices: string[]; warnings: string[] } {
  return (JSON.parse(stdout) as JsonReport).summary;
}

/** A warning in the report and the same line on stderr, where a CI log shows it whatever the format. */
export function expectWarning(outcome: { stdout: string; stderr: string }, warning: string): void {
  expect(summary(outcome.stdout).warnings).toContain(warning);
  expect(outcome.stderr).toContain(`nilecare-lint: warning: ${warning}\n`);
}
