import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NilecareConfig } from '../src/config/schema.js';
import type { AnyRule, Diagnostic } from '../src/engine/types.js';
import { lint } from '../src/lint.js';
import { ruleRegistry } from '../rules/index.js';
import { tempDir } from './temp-dirs.js';

export interface ExpectedError {
  messageId: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  data?: Record<string, string | number>;
  severity?: 'error' | 'warn';
  /** File of the diagnostic when it is not the case's own file. */
  file?: string;
}

export interface TestCase {
  name?: string;
  filename: string;
  code: string;
  /** Other files of the project, by repo-relative path. */
  files?: Record<string, string>;
  /** Replaces the tester's default config. */
  config?: NilecareConfig;
  options?: Record<string, unknown>;
}

export interface InvalidCase extends TestCase {
  errors: ExpectedError[];
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

/** Writes a case's files into a fresh temp repository and lints it with only `rule` on. */
export async function runCase(rule: AnyRule, testCase: TestCase): Promise<Diagnostic[]> {
  const root = tempDir('nilecare-rule-');
  const files = { ...testCase.files, [testCase.filename]: testCase.code };
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  const base = testCase.config ?? defaultTestConfig;
  const rules: NonNullable<NilecareConfig['rules']> = {};
  for (const id of Object.keys(ruleRegistry)) rules[id] = 'off';
  const severity = rule.meta.defaultSeverity === 'off' ? 'warn' : rule.meta.defaultSeverity;
  rules[rule.meta.id] = testCase.options ? [severity, testCase.options] : severity;
  try {
    const run = await lint({ cwd: root, config: { ...base, rules } });
    if (run.internalErrors.length > 0) throw new Error(run.internalErrors.join('\n'));
    return run.diagnostics;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** ESLint-style table-driven tests; rejects cases that cannot fail. */
export const ruleTester = {
  run(rule: AnyRule, cases: { valid: TestCase[]; invalid: InvalidCase[] }): void {
    const seen = new Set<string>();
    const key = (c: TestCase) => JSON.stringify([c.filename, c.code, c.files, c.options, c.config]);
    for (const c of [...cases.valid, ...cases.invalid]) {
      if (seen.has(key(c))) throw new Error(`duplicate test case for ${rule.meta.id}: ${c.name ?? c.code.slice(0, 60)}`);
      seen.add(key(c));
    }
    describe(rule.meta.id, () => {
      describe('valid', () => {
        for (const c of cases.valid) {
          it(c.name ?? c.code.slice(0, 80), async () => {
            const diagnostics = await runCase(rule, c);
            expect(diagnostics.filter((d) => d.ruleId === rule.meta.id).map(describeDiagnostic)).toEqual([]);
          });
        }
      });
      describe('invalid', () => {
        for (const c of cases.invalid) {
          it(c.name ?? c.code.slice(0, 80), async () => {
            if (c.errors.length === 0) throw new Error('an invalid case must expect at least one error');
            for (const e of c.errors) {
              if (!(e.messageId in rule.meta.messages)) throw new Error(`unknown messageId '${e.messageId}' in test`);
            }
            const diagnostics = (await runCase(rule, c)).filter((d) => d.ruleId === rule.meta.id);
            expect(diagnostics.map(describeDiagnostic)).toHaveLength(c.errors.length);
            c.errors.forEach((expected, i) => {
              const actual = diagnostics[i];
              expect(actual.message).not.toMatch(/\{\{/);
              const picked: Record<string, unknown> = { messageId: actual.messageId, line: actual.line, column: actual.column };
              if (expected.endLine !== undefined) picked.endLine = actual.endLine;
              if (expected.endColumn !== undefined) picked.endColumn = actual.endColumn;
              if (expected.severity !== undefined) picked.severity = actual.severity;
              if (expected.file !== undefined) picked.file = actual.file;
              else expect(actual.file).toBe(c.filename);
              if (expected.data) picked.data = Object.fromEntries(Object.keys(expected.data).map((k) => [k, actual.data?.[k]]));
              expect(picked).toEqual({ ...expected });
            });
          });
        }
      });
    });
  },
};

function describeDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.messageId} ${d.message}`;
}
