/**
 * The results table of run.ts, also usable on its own to merge the JSON of several runs (a long
 * run split in parts, or rows re-run after a fix), in case order:
 *
 *   node --import tsx bench/hostile/report.ts part1.json part2.json
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hostileCases } from './cases.js';
import type { RunRecord } from './checks.js';

export interface CaseResult {
  id: string;
  row: string;
  title: string;
  expect: string;
  status: 'pass' | 'FAIL' | 'inconclusive' | 'error';
  failures: string[];
  attempts: Array<{ failures: string[]; runs: Array<Omit<RunRecord, 'stdout' | 'stderr'> & { stderrHead: string }> }>;
  notes: string[];
}

export function summaryRow(result: CaseResult): string {
  const runs = result.attempts.flatMap((a) => a.runs);
  const worst = runs.reduce((w, r) => (r.seconds > (w?.seconds ?? -1) ? r : w), runs[0]);
  const peak = Math.max(0, ...runs.map((r) => r.peakMiB));
  const exits = [
    ...new Set(
      result.attempts.map((a) => {
        const main = a.runs[0];
        return main.killedFor ? `killed (${main.killedFor})` : (main.signal ?? String(main.exitCode));
      }),
    ),
  ].join(', ');
  // Several attempts: the median of the first runs (the machine is shared, timings are noisy).
  const mains = result.attempts.map((a) => a.runs[0]).sort((a, b) => a.cpuSeconds - b.cpuSeconds);
  const median = mains[Math.floor(mains.length / 2)];
  const killed = (r: { killedFor?: string } | undefined) => r?.killedFor === 'cpu' || r?.killedFor === 'wall';
  const shown = mains.length > 1 && !killed(median) ? median : worst;
  const time = !shown
    ? ''
    : shown.killedFor === 'cpu'
      ? `> ${Math.floor(shown.cpuSeconds)} CPU`
      : shown.killedFor === 'wall'
        ? `> ${Math.floor(shown.seconds)} wall (${shown.cpuSeconds.toFixed(1)} CPU)`
        : `${shown.seconds.toFixed(1)} / ${shown.cpuSeconds.toFixed(1)}${mains.length > 1 ? ` (median of ${mains.length})` : ''}`;
  const what =
    result.failures.length > 0
      ? result.failures.slice(0, 3).join('; ') + (result.failures.length > 3 ? `; … (${result.failures.length - 3} more)` : '')
      : 'held';
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return `| ${result.id} | ${result.row} | ${result.status} | ${exits} | ${time} | ${peak.toFixed(0)} | ${cell(what)} |`;
}

/** The table and its closing count line. */
export function renderTable(results: readonly CaseResult[]): string {
  const count = (status: CaseResult['status']) => results.filter((r) => r.status === status).length;
  return [
    '| case | row | today | exit | wall / CPU (s) | peak RSS (MiB) | what failed |',
    '| --- | --- | --- | --- | ---: | ---: | --- |',
    ...results.map(summaryRow),
    '',
    `${count('pass')} held, ${count('FAIL')} failed, ${count('inconclusive')} inconclusive, ${count('error')} could not be built`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const order = new Map(hostileCases().map((c, i) => [c.id, i]));
  const byId = new Map<string, CaseResult>();
  const headers: string[] = [];
  for (const file of process.argv.slice(2)) {
    const run = JSON.parse(readFileSync(file, 'utf8')) as {
      version: string;
      commit: string;
      node: string;
      startLoad: string;
      endLoad?: string;
      options: { timeout: number; memCap: number };
      results: CaseResult[];
    };
    headers.push(
      `${file}: nilecare-lint ${run.version} (${run.commit}), node ${run.node}, load ${run.startLoad}${run.endLoad ? ` → ${run.endLoad}` : ''}, ${run.options.timeout} s CPU, ${run.options.memCap} MiB cap`,
    );
    for (const result of run.results) byId.set(result.id, result);
  }
  const results = [...byId.values()].sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9));
  process.stdout.write(`${headers.join('\n')}\n\n${renderTable(results)}\n`);
}
