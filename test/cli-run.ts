import { runCli } from '../src/cli.js';
import { runCapturing, type CliOutcome, type CliRunOptions } from './captured-cli.js';
import { fixtureListings } from './fixture-tree.js';

/**
 * The CLI from source, in this process, with captured streams: the module graph the rest of the
 * suite already loaded (TypeScript, the SQL parsers, the rules), so a CLI test costs its own work
 * only. A spawned process pays ~2 s of CPU to load that graph again; the shipped binary as a
 * process is tested in test/e2e/ (its start-up in test/e2e/startup.test.ts). Runs on folders of
 * fixtures/ take their file listing from test/fixture-tree.ts's one `git ls-files` per worker
 * instead of forking git each (other folders are listed by git or a walk, as in the CLI).
 */
export type { CliOutcome, CliRunOptions };

/** Runs the CLI with `argv` as given (add `--cwd` yourself). */
export function runCliInProcess(argv: string[], options: CliRunOptions = {}): Promise<CliOutcome> {
  return runCapturing(runCli, argv, { listingCache: fixtureListings, ...options });
}

export interface JsonReport {
  results: Array<{
    filePath: string;
    messages: Array<{ ruleId: string; line: number; column: number; endLine?: number; endColumn?: number; message: string }>;
  }>;
  summary: { filesLinted: number; filesSkipped: number; notices: string[]; warnings: string[] };
}

/** `--format json`, with each finding as `file:line:column rule`; throws with stderr when no report came out. */
export async function runCliJson(
  argv: string[],
  options: CliRunOptions = {},
): Promise<CliOutcome & { report: JsonReport; findings: string[] }> {
  const outcome = await runCliInProcess([...argv, '--format', 'json'], options);
  if (!outcome.stdout.trim().startsWith('{')) throw new Error(`no JSON report (exit ${outcome.code}): ${outcome.stderr}`);
  const report = JSON.parse(outcome.stdout) as JsonReport;
  const findings = report.results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.column} ${m.ruleId}`));
  return { ...outcome, report, findings };
}
