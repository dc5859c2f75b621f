/**
 * What the runner observes of a case and the checks built on it. Each check returns the
 * sentences that failed (empty when it held), so a case's verdict lists exactly what broke.
 */
import { SIBLING_FILE, SIBLING_RULE, SIBLING_TABLE } from './repo.js';
import type { RunOutcome } from './sandbox.js';

export interface RunRecord extends RunOutcome {
  label: string;
  args: string[];
}

export interface Observation {
  /** The repository folder. */
  dir: string;
  /** The first run (the one the case's `args` describe). */
  main: RunRecord;
  /** Every run, the first included, in order. */
  runs: RunRecord[];
  /** Text of each declared output file after the runs; undefined when absent or not a regular file. */
  files: Record<string, string | undefined>;
  /** Every output: stdout and stderr of each run and the output files. */
  texts: Array<{ where: string; text: string }>;
}

export interface JsonMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
}

/** The findings of an ESLint-shaped JSON report, by file; undefined when the text is no such report. */
export function jsonFindings(text: string): Array<JsonMessage & { file: string }> | undefined {
  try {
    const report = JSON.parse(text) as { results?: Array<{ filePath: string; messages: JsonMessage[] }> };
    if (!Array.isArray(report.results)) return undefined;
    return report.results.flatMap((result) => result.messages.map((message) => ({ ...message, file: result.filePath })));
  } catch {
    return undefined;
  }
}

/** Whether a report (any format) carries the billing → clinical finding. */
export function hasSibling(text: string): boolean {
  return text.includes(SIBLING_RULE) && text.includes(SIBLING_FILE.split('/').pop()!) && text.includes(SIBLING_TABLE);
}

const describeEnd = (run: RunOutcome) =>
  run.killedFor
    ? `killed (${run.killedFor}) after ${run.seconds.toFixed(1)} s`
    : run.signal
      ? `ended by ${run.signal}`
      : `exit ${run.exitCode}`;

export function exitIn(run: RunOutcome, codes: readonly number[]): string[] {
  return run.exitCode !== null && codes.includes(run.exitCode) ? [] : [`expected exit ${codes.join(' or ')}, got ${describeEnd(run)}`];
}

/** Exit 1 with the sibling finding in stdout or the named output. */
export function siblingReported(o: Observation, where: string = o.main.stdout): string[] {
  const failures = exitIn(o.main, [1]);
  if (!hasSibling(where)) failures.push('sibling finding (billing reads clinical_patients) missing');
  return failures;
}

/** A clean refusal: exit 2 and stderr naming `name`. */
export function refusedNaming(run: RunOutcome, name: string): string[] {
  const failures = exitIn(run, [2]);
  if (!run.stderr.includes(name)) failures.push(`stderr does not name '${name}'`);
  return failures;
}

/**
 * Either outcome a safe design may choose for a hostile file the tool need not read:
 * refuse it (exit 2 naming it) or do without it (exit 1 with the sibling finding).
 */
export function refusedOrWithout(o: Observation, name: string, report: string = o.main.stdout): string[] {
  if (o.main.exitCode === 2) return refusedNaming(o.main, name);
  const failures = siblingReported(o, report);
  return failures.length === 0 ? [] : [`neither refused '${name}' (exit 2 naming it) nor did without it: ${failures.join('; ')}`];
}

/** An I/O error handled as the issue asks: exit 2, a line naming the path, no stack trace. */
export function oneLineError(run: RunOutcome, name: string): string[] {
  const failures = refusedNaming(run, name);
  const lines = run.stderr
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '');
  if (lines.length > 3) failures.push(`stderr has ${lines.length} lines, not one`);
  return failures;
}

const STACK_FRAME = /^\s+at .+(?::\d+:\d+\)?|\(native\)|\(<anonymous>\))$/m;

/** No crash: no internal error, no stack trace, no uncaught exception (every case, every run). */
export function noCrash(run: RunRecord): string[] {
  const failures: string[] = [];
  if (/internal error/i.test(run.stderr))
    failures.push(`${run.label}: 'internal error' on stderr (${firstLine(run.stderr, /internal error/i)})`);
  else if (STACK_FRAME.test(run.stderr)) failures.push(`${run.label}: stack trace on stderr (${firstLine(run.stderr, /\S/)})`);
  return failures;
}

function firstLine(text: string, pattern: RegExp): string {
  const line = text.split('\n').find((l) => pattern.test(l)) ?? '';
  return line.length > 140 ? `${line.slice(0, 140)}…` : line.trim();
}

/**
 * The targets, for every run. Time is judged on CPU seconds (user + system): this
 * machine is shared, and at a load average of 15 an ordinary run takes four times its CPU
 * time in wall time. A run that waits without computing (a FIFO) is caught by the timeout.
 */
export function withinLimits(runs: readonly RunRecord[], limits: { seconds: number; mib: number }): string[] {
  const failures: string[] = [];
  for (const run of runs) {
    if (run.killedFor === 'cpu') failures.push(`${run.label}: > ${Math.floor(run.cpuSeconds)} s of CPU (killed)`);
    else if (run.killedFor === 'wall')
      failures.push(`${run.label}: > ${Math.floor(run.seconds)} s of wall clock (killed; ${run.cpuSeconds.toFixed(1)} s of CPU)`);
    else if (run.killedFor === 'memory')
      failures.push(`${run.label}: killed at the memory cap after ${run.seconds.toFixed(1)} s (peak ${run.peakMiB.toFixed(0)} MiB)`);
    else if (run.killedFor !== 'changed' && run.cpuSeconds > limits.seconds)
      failures.push(`${run.label}: ${run.cpuSeconds.toFixed(1)} s of CPU > ${limits.seconds} s`);
    if (run.killedFor !== 'memory' && run.peakMiB > limits.mib)
      failures.push(`${run.label}: peak ${run.peakMiB.toFixed(0)} MiB > ${limits.mib} MiB`);
  }
  return failures;
}

/** `severity: 2` findings on `file`, in a JSON report. */
export function errorsOn(text: string, file: string): JsonMessage[] {
  return (jsonFindings(text) ?? []).filter((m) => m.file === file && m.severity === 2);
}

/** Findings of `rules` on `file` in a JSON report: none may exist. */
export function noFindingsOf(o: Observation, file: string, rules: readonly string[]): string[] {
  const findings = jsonFindings(o.main.stdout);
  if (!findings) return [`no JSON report on stdout (${describeEnd(o.main)}: ${firstLine(o.main.stderr, /\S/)})`];
  return findings
    .filter((m) => m.file === file && m.ruleId !== null && rules.includes(m.ruleId))
    .map((m) => `false ${m.ruleId} at ${file}:${m.line}: ${m.message.slice(0, 120)}`);
}
