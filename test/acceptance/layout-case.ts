/**
 * Reading a `fixtures/layouts/<case>` and its EXPECTED.json (see fixtures/layouts/README.md): the
 * exact findings of its exhaustive rules, each with the token its range must cover.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../../src/engine/types.js';
import { tempDir } from '../temp-dirs.js';

export const layoutsRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/layouts');

export interface ExpectedFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  token: string;
  data?: Record<string, string>;
  note?: string;
}

export interface ExpectedCase {
  description: string;
  exhaustiveRules: string[];
  init: { services: Array<{ name: string; roots: string[]; dialect?: string; databases: string[]; tables: string[] }>; notes?: string[] };
  findings: ExpectedFinding[];
  mustNotReport?: string[];
  /** Paths the case's git tracks although its .gitignore matches them (`git add -f`): the case must be linted as its own repository. */
  gitForceAdd?: string[];
}

/**
 * A copy of the case outside our own checkout (symlinks kept): without a config the project is
 * the git root, which here would be this repository, not the case's monorepo.
 */
export function copyOfCase(caseName: string): string {
  const copy = tempDir(`nilecare-layout-${caseName}-`);
  cpSync(path.join(layoutsRoot, caseName), copy, { recursive: true, verbatimSymlinks: true });
  return copy;
}

/**
 * A copy of the case as its own git repository: `git add -A` (which honours the case's .gitignore),
 * then `git add -f` of `forceAdded`; the index is what the linter reads, so nothing is committed.
 */
export function gitCopyOfCase(caseName: string, forceAdded: readonly string[]): string {
  const copy = copyOfCase(caseName);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'init.defaultBranch=main', ...args], { cwd: copy, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  if (forceAdded.length > 0) git('add', '-f', '--', ...forceAdded);
  return copy;
}

export function readExpected(caseName: string): ExpectedCase {
  return JSON.parse(readFileSync(path.join(layoutsRoot, caseName, 'EXPECTED.json'), 'utf8')) as ExpectedCase;
}

/** `rule file:line:column-endLine:endColumn`, the identity the exact-set comparisons use. */
export const keyOf = (d: Pick<Diagnostic, 'ruleId' | 'file' | 'line' | 'column' | 'endLine' | 'endColumn'>) =>
  `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`;

/** The text a single-line range covers in the case's file. */
export function textAt(caseName: string, finding: Pick<ExpectedFinding, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'>): string {
  if (finding.line !== finding.endLine) throw new Error(`multi-line range in ${finding.file}:${finding.line}`);
  const lines = readFileSync(path.join(layoutsRoot, caseName, finding.file), 'utf8').split('\n');
  return lines[finding.line - 1].slice(finding.column - 1, finding.endColumn - 1);
}

/** The run's findings of `rules`, as keys, sorted. */
export const findingsOf = (diagnostics: readonly Diagnostic[], rules: readonly string[]) =>
  diagnostics
    .filter((d) => rules.includes(d.ruleId))
    .map(keyOf)
    .sort();
