/**
 * ESLint-style table-driven rule tests, run in memory: each case is a project of a few files
 * (`memoryTree`) linted by the real pipeline with only the rule under test on — no temporary
 * repository, no disk. The tester refuses cases that cannot fail or say less than they seem to:
 * every expected error pins all four coordinates, names a messageId the rule has and only data
 * keys its message uses; an invalid case expects at least one error; no case is there twice.
 * Each rule's documented examples (`meta.examples`) run with its cases.
 */
import { describe, expect, it } from 'vitest';
import type { NilecareConfig } from '../src/config/schema.js';
import { placeholdersOf } from '../src/engine/messages.js';
import type { AnyRule, Diagnostic } from '../src/engine/types.js';
import { memoryTree } from '../src/io/source-tree.js';
import { createLinter, type Linter } from '../src/lint.js';
import { ruleRegistry } from '../rules/index.js';

export interface ExpectedError {
  messageId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Values of the message's placeholders; every key must be one the message uses. */
  data?: Record<string, string | number>;
  severity?: 'error' | 'warn';
  /** File of the diagnostic when it is not the case's own file. */
  file?: string;
}

export interface TestCase {
  name?: string;
  filename: string;
  code: string;
  /** Other files of the project, by project-relative path (migrations that declare tables, a config file…). */
  files?: Record<string, string>;
  /** Replaces the tester's default config. */
  config?: NilecareConfig;
  options?: Record<string, unknown>;
}

export interface InvalidCase extends TestCase {
  errors: ExpectedError[];
}

export interface RuleCases {
  valid: TestCase[];
  invalid: InvalidCase[];
}

/**
 * The project every case lives in unless it brings its own config: four services,
 * billing and payment sharing the `nilecare` MySQL database, clinical on PostgreSQL
 * owning the `clinical_data` schema.
 */
export const defaultTestConfig: NilecareConfig = {
  dialect: 'mysql',
  services: [
    {
      name: 'billing',
      roots: ['services/billing'],
      tables: ['invoices', 'invoice_*', 'billing_*'],
      databases: ['nilecare'],
      prefixes: ['billing_'],
    },
    { name: 'payment', roots: ['services/payment'], tables: ['payments', 'payment_*'], databases: ['nilecare'], prefixes: ['payment_'] },
    {
      name: 'clinical',
      roots: ['services/clinical'],
      tables: ['patients', 'encounters', 'clinical_data.*'],
      databases: ['clinical_data'],
      dialect: 'postgresql',
      prefixes: ['clinical_'],
    },
    { name: 'auth', roots: ['services/auth'], tables: ['auth_*'], databases: ['nilecare'], prefixes: ['auth_'] },
  ],
  databases: { clinical_data: 'clinical' },
};

/** The linters of the configs cases ran with, by the config's JSON. */
const linters = new Map<string, Linter>();

/** Lints a case's files in memory with only `rule` on (at its default severity, or warn); every diagnostic of the run. */
export async function runCase(rule: AnyRule, testCase: TestCase): Promise<Diagnostic[]> {
  const files = { ...testCase.files, [testCase.filename]: testCase.code };
  const tree = memoryTree(files);
  const base = testCase.config ?? defaultTestConfig;
  const rules: NonNullable<NilecareConfig['rules']> = {};
  // Other rules are off, but keep their options: some are project settings (migration-file-name's `patterns`).
  for (const id of Object.keys(ruleRegistry)) {
    const configured = base.rules?.[id];
    const options = Array.isArray(configured) ? configured[1] : undefined;
    rules[id] = options ? ['off', options] : 'off';
  }
  const severity = rule.meta.defaultSeverity === 'off' ? 'warn' : rule.meta.defaultSeverity;
  rules[rule.meta.id] = testCase.options ? [severity, testCase.options] : severity;
  const config = { ...base, rules };
  // One linter per config: a rule's cases mostly share one, whose rules and options are resolved once.
  const key = JSON.stringify(config);
  let linter = linters.get(key);
  if (!linter) linters.set(key, (linter = createLinter({ cwd: tree.root, config, suppressions: false })));
  const run = await linter.lint({ cwd: tree.root, tree });
  if (run.internalErrors.length > 0) throw new Error(run.internalErrors.join('\n'));
  return run.diagnostics;
}

const COORDINATES = ['line', 'column', 'endLine', 'endColumn'] as const;

/** What is wrong with a rule's cases, one line each; empty when nothing is. */
export function caseProblems(rule: AnyRule, cases: RuleCases): string[] {
  const problems: string[] = [];
  // Cases by everything but their code, each with its code: a case's code is compared as a string, not
  // serialised into the key (unanalysed-file's cases hold 9 MB of code: JSON twice per case took ~0.2 s).
  const seen = new Map<string, Array<{ code: string; where: string }>>();
  const key = (c: TestCase) => JSON.stringify([c.filename, c.files, c.options, c.config]);
  const label = (c: TestCase, kind: string, index: number) => `${kind}[${index}]${c.name ? ` (${c.name})` : ''}`;
  const all = [
    ...cases.valid.map((c, i) => [c, label(c, 'valid', i)] as const),
    ...cases.invalid.map((c, i) => [c, label(c, 'invalid', i)] as const),
  ];
  for (const [c, where] of all) {
    const k = key(c);
    const alike = seen.get(k) ?? [];
    const previous = alike.find((other) => other.code === c.code);
    if (previous) problems.push(`${where}: the same case as ${previous.where}`);
    else seen.set(k, [...alike, { code: c.code, where }]);
  }
  cases.invalid.forEach((c, i) => {
    const where = label(c, 'invalid', i);
    if (!Array.isArray(c.errors) || c.errors.length === 0) {
      problems.push(`${where}: an invalid case must expect at least one error`);
      return;
    }
    c.errors.forEach((e, j) => {
      const at = `${where} errors[${j}]`;
      const template = rule.meta.messages[e.messageId] as string | undefined;
      if (template === undefined) problems.push(`${at}: unknown messageId '${e.messageId}'`);
      for (const coordinate of COORDINATES)
        if (!Number.isInteger(e[coordinate]) || e[coordinate] < 1) problems.push(`${at}: ${coordinate} must be a positive integer`);
      if (template !== undefined && e.data) {
        const used = new Set(placeholdersOf(template));
        for (const name of Object.keys(e.data))
          if (!used.has(name)) problems.push(`${at}: data key '${name}' is not used by message '${e.messageId}'`);
      }
    });
  });
  return problems;
}

function describeDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.messageId} ${d.message}`;
}

/**
 * Compares a run's diagnostics of the rule with a case's expected errors, in order: each diagnostic as the
 * fields its expected error pins (and its file, the case's own unless the error names another), in one
 * comparison for the case. A message with a placeholder left in it (`{{table}}`) shows up as a field no
 * error expects.
 */
export function expectErrors(c: InvalidCase, diagnostics: readonly Diagnostic[]): void {
  expect(diagnostics.map(describeDiagnostic)).toHaveLength(c.errors.length);
  const actual = c.errors.map((expected, i) => {
    const d = diagnostics[i];
    const picked: Record<string, unknown> = {
      messageId: d.messageId,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      file: d.file,
    };
    if (expected.severity !== undefined) picked.severity = d.severity;
    if (expected.data) picked.data = Object.fromEntries(Object.keys(expected.data).map((k) => [k, d.data?.[k]]));
    if (d.message.includes('{{')) picked.message = d.message;
    return picked;
  });
  expect(actual).toEqual(c.errors.map((expected) => ({ ...expected, file: expected.file ?? c.filename })));
}

export const ruleTester = {
  /** Registers the rule's cases and documented examples as tests; throws at once on cases it refuses. */
  run(rule: AnyRule, cases: RuleCases): void {
    const problems = caseProblems(rule, cases);
    if (problems.length > 0) throw new Error(`${rule.meta.id}: refused test cases:\n  ${problems.join('\n  ')}`);
    const id = rule.meta.id;
    const ofRule = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.ruleId === id);
    describe(id, () => {
      describe('valid', () => {
        for (const c of cases.valid) {
          it(c.name ?? c.code.slice(0, 80), async () => {
            expect(ofRule(await runCase(rule, c)).map(describeDiagnostic)).toEqual([]);
          });
        }
      });
      describe('invalid', () => {
        for (const c of cases.invalid) {
          it(c.name ?? c.code.slice(0, 80), async () => {
            expectErrors(c, ofRule(await runCase(rule, c)));
          });
        }
      });
      const examples = rule.meta.examples;
      if (examples) {
        describe('documented examples', () => {
          for (const [i, example] of examples.invalid.entries()) {
            it(`invalid example ${i + 1} yields exactly one diagnostic`, async () => {
              expect(ofRule(await runCase(rule, example)).map(describeDiagnostic)).toHaveLength(1);
            });
          }
          for (const [i, example] of examples.valid.entries()) {
            it(`valid example ${i + 1} yields no diagnostic`, async () => {
              expect(ofRule(await runCase(rule, example)).map(describeDiagnostic)).toEqual([]);
            });
          }
        });
      }
    });
  },
};
