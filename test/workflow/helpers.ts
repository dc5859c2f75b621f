import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCliInProcess, type CliOutcome } from '../cli-run.js';
import { cliInMemory, repoInMemory, writtenText, type MemoryFiles } from '../cli-memory.js';
import { tempDir } from '../temp-dirs.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import type { Diagnostic } from '../../src/engine/types.js';
import { ruleRegistry } from '../../rules/index.js';

/** Two services; billing may not touch payment's tables. Only the cross-service rules are on. */
export const workflowConfig: NilecareConfig = {
  dialect: 'mysql',
  services: [
    { name: 'billing', roots: ['services/billing'], databases: ['nilecare'] },
    { name: 'payment', roots: ['services/payment'], databases: ['nilecare'] },
  ],
  rules: {
    ...Object.fromEntries(Object.keys(ruleRegistry).map((id) => [id, 'off' as const])),
    'no-cross-service-query': 'error',
    'unknown-table': 'warn',
  },
};

/** Where payment declares its tables: the ownership every test relies on. */
export const paymentMigration = {
  'services/payment/migrations/V1__payments.sql': 'CREATE TABLE payments (id CHAR(36) PRIMARY KEY, amount INT);\n',
};

export const crossQuery = "db.query('SELECT * FROM payments');\n";
/** billing reads payment's table: the finding needs payment's migration, wherever the run starts (the paths suites). */
export const billingReadsPayments = {
  ...paymentMigration,
  'services/billing/src/repo.ts': crossQuery,
  'services/billing/src/ok.ts': "db.query('SELECT 1');\n",
  'services/payment/src/pay.ts': crossQuery,
  'README.md': '# platform\n',
};

/** A fresh temporary repository with the given files and config (`false`: none). */
export function makeRepo(files: Record<string, string>, config: NilecareConfig | false = workflowConfig): string {
  const root = tempDir('nilecare-workflow-');
  const all = { ...files };
  if (config !== false) all['nilecare-lint.config.json'] = `${JSON.stringify(config, null, 2)}\n`;
  for (const [file, content] of Object.entries(all)) writeFile(root, file, content);
  return root;
}

/**
 * The same repository held in memory (test/cli-memory.ts), at `/repo`: for tests of the command line (flags, exit
 * codes, output, files written) rather than of the disk. `cli`, `jsonRun`, `writeFile` and `readFile` take either.
 */
export function memoryRepo(files: Record<string, string>, config: NilecareConfig | false = workflowConfig): MemoryFiles {
  const all = { ...files };
  if (config !== false) all['nilecare-lint.config.json'] = `${JSON.stringify(config, null, 2)}\n`;
  return repoInMemory(all);
}

/** A repository on disk (its folder) or in memory. */
export type Repo = string | MemoryFiles;

export function writeFile(root: Repo, file: string, content: string): void {
  if (typeof root !== 'string') return root.write(root.resolve(file), content, { root: root.resolve('.') });
  const target = path.join(root, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
}

export function readFile(root: Repo, file: string): string {
  if (typeof root !== 'string') {
    const text = writtenText(root, file);
    if (text === undefined) throw new Error(`no file ${file} in the memory repository`);
    return text;
  }
  return readFileSync(path.join(root, file), 'utf8');
}

export type { CliOutcome };

/** Runs the CLI in `cwd` (a folder on disk, or a repository in memory at its root) with captured output and no colour. */
export function cli(cwd: Repo, argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliOutcome> {
  if (typeof cwd !== 'string') return cliInMemory(cwd, argv, env);
  return runCliInProcess(['--cwd', cwd, ...argv], { env });
}

export interface JsonMessage {
  ruleId: string;
  messageId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  fingerprint: string;
  severityName: string;
  suppressed: { kind: 'inSource' | 'baseline'; justification: string | null } | null;
}

/** Runs with `--format json` and returns the messages, flattened with their file. */
export async function jsonRun(
  cwd: Repo,
  argv: string[] = [],
): Promise<CliOutcome & { messages: Array<JsonMessage & { file: string }>; summary: Record<string, unknown> }> {
  const outcome = await cli(cwd, ['--format', 'json', ...argv]);
  if (!outcome.stdout.trim().startsWith('{')) throw new Error(`no JSON report (exit ${outcome.code}): ${outcome.stderr}`);
  const report = JSON.parse(outcome.stdout) as {
    results: Array<{ filePath: string; messages: JsonMessage[] }>;
    summary: Record<string, unknown>;
  };
  const messages = report.results.flatMap((r) => r.messages.map((m) => ({ ...m, file: r.filePath })));
  return { ...outcome, messages, summary: report.summary };
}

/** `file:line rule` of each diagnostic, suppressed ones marked, for exact assertions. */
export function where(diagnostics: ReadonlyArray<Pick<Diagnostic, 'file' | 'line' | 'ruleId'> & { suppressed?: unknown }>): string[] {
  return diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}${d.suppressed ? ' (suppressed)' : ''}`);
}

/** git with a fixed identity and no user or system config, so tests run the same everywhere. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=Nilecare Test',
      '-c',
      'user.email=test@nilecare.invalid',
      '-c',
      'commit.gpgsign=false',
      '-c',
      'init.defaultBranch=main',
      ...args,
    ],
    {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
        GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

export function gitRepo(files: Record<string, string>, config: NilecareConfig | false = workflowConfig): string {
  const root = makeRepo(files, config);
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
  return root;
}
