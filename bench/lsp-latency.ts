/**
 * Editor latency of `nilecare-lint lsp` on a NileCare-sized repository (bench/realistic, 600 code
 * files): the built server as a child process, spoken to over stdio as an editor does.
 *
 * - **first analysis**: from `initialized` + opening the pre-commit file (a billing file with
 *   planted cross-service queries) to its first diagnostics — the whole repository read and
 *   analysed once; compared with the CLI's cold run of the whole repository (`--format json`).
 * - **edit → diagnostics**: from each `didChange` of that buffer (a query added or changed, never
 *   saved) to the diagnostics published for that version; median of `--edits` edits.
 * - **migration edit → diagnostics of the open file**: a `CREATE TABLE` typed into another
 *   service's migration buffer, until the open file's diagnostics change.
 *
 * Not a test: figures depend on the machine and its load, printed with `uptime`. Targets (issue
 * 17): edit → diagnostics ≤ 150 ms median; first analysis ≤ the CLI's cold run.
 *
 *   node --import tsx bench/lsp-latency.ts [--size 600] [--edits 21] [--cold-runs 3] [--json out.json]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { startLanguageServerProcess } from '../test/lsp/language-server-process.js';
import { generateRealistic } from './realistic/generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const bin = path.join(repoRoot, 'bin/nilecare-lint.js');

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} expects a whole number, got '${process.argv[at + 1]}'`);
  return value;
}
const size = flag('size', 600);
const editCount = flag('edits', 21);
const coldRuns = flag('cold-runs', 3);
const jsonAt = process.argv.indexOf('--json');
const jsonOut = jsonAt >= 0 ? process.argv[jsonAt + 1] : undefined;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nilecare-lsp-bench-'));
  try {
    const repo = generateRealistic({ root: dir, codeFiles: size });
    // A git repository, as users have: discovery lists files with git.
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['add', '-A'], { cwd: dir });
    console.log(`repository: ${repo.codeFiles.length} code files, ${repo.services} services; load average ${load()}`);

    const cold: number[] = [];
    const coldCpu: number[] = [];
    for (let i = 0; i < coldRuns; i++) {
      const start = performance.now();
      // GNU time's user + system seconds: the CPU the run took, whatever else the machine did.
      const run = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, bin, '--cwd', dir, '--format', 'json'], {
        maxBuffer: 512 * 1024 * 1024,
      });
      cold.push(performance.now() - start);
      if (run.status !== 1) throw new Error(`the CLI exited ${run.status}: ${String(run.stderr)}`);
      const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(String(run.stderr));
      if (cpu) coldCpu.push((Number(cpu[1]) + Number(cpu[2])) * 1000);
    }
    console.log(
      `CLI cold run (whole repository): wall median ${median(cold).toFixed(0)} ms of ${cold.map((c) => c.toFixed(0)).join(', ')}; CPU median ${median(coldCpu).toFixed(0)} ms`,
    );

    const spawnedAt = performance.now();
    const server = startLanguageServerProcess({ args: ['--cwd', dir], stderr: 'inherit' });
    const { child, connection } = server;
    /** The server's CPU milliseconds so far (user + system, all threads), from /proc; NaN where there is none. */
    const serverCpu = () => {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8')
          .replace(/^.*\) /s, '')
          .split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
      } catch {
        return Number.NaN;
      }
    };
    let wake: ((p: PublishDiagnosticsParams) => void) | undefined;
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => wake?.(params));
    /** The next publication `accept` takes; a bench that waits forever measures nothing, so it fails after two minutes. */
    const published = (accept: (p: PublishDiagnosticsParams) => boolean, what = 'diagnostics') =>
      new Promise<PublishDiagnosticsParams>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${what} within 120 s`)), 120_000);
        wake = (p) => {
          if (!accept(p)) return;
          wake = undefined;
          clearTimeout(timer);
          resolve(p);
        };
      });
    const file = repo.preCommitFile;
    const uri = pathToFileURL(path.join(dir, file)).href;
    const original = readFileSync(path.join(dir, file), 'utf8');

    const startServer = spawnedAt;
    // As VS Code and Neovim do: the client watches the files (the server registers its globs), so
    // the server may trust what it read until told of a change. Nothing changes on disk here.
    connection.onRequest(RegistrationRequest.type, () => undefined);
    await server.initialize({
      rootUri: pathToFileURL(dir).href,
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    const first = published((p) => p.uri === uri);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'typescript', version: 1, text: original },
    });
    const firstDiagnostics = await first;
    const firstAnalysis = performance.now() - startServer;
    const firstCpu = serverCpu();
    console.log(
      `first analysis (server start → diagnostics of the open file): wall ${firstAnalysis.toFixed(0)} ms, server CPU ${firstCpu.toFixed(0)} ms, ${firstDiagnostics.diagnostics.length} diagnostics`,
    );

    const latencies: number[] = [];
    const cpuPerEdit: number[] = [];
    for (let i = 0; i < editCount; i++) {
      const version = i + 2;
      // A new cross-service query, different each time, so every edit is new text to analyse.
      const text = `${original}\nexport async function edit${i}(db: any) {\n  return db.query('SELECT id, amount FROM payments WHERE id = ? LIMIT ${i + 1}', [1]);\n}\n`;
      const arrived = published((p) => p.uri === uri && p.version === version);
      const start = performance.now();
      const cpuBefore = serverCpu();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
      await arrived;
      latencies.push(performance.now() - start);
      cpuPerEdit.push(serverCpu() - cpuBefore);
      // Typing pauses: each edit is measured on its own, not queued behind the last.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const editMedian = median(latencies);
    console.log(
      `edit → diagnostics: wall median ${editMedian.toFixed(0)} ms (min ${Math.min(...latencies).toFixed(0)}, max ${Math.max(...latencies).toFixed(0)}) over ${editCount} edits; server CPU median ${median(cpuPerEdit).toFixed(0)} ms (10 ms ticks)`,
    );

    const migration = 'microservices/facility-service/migrations/20251015_120000_lsp_bench.sql';
    const migrationUri = pathToFileURL(path.join(dir, migration)).href;
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 1000 },
      contentChanges: [{ text: `${original}\nexport const probe = (db: any) => db.query('SELECT * FROM lsp_bench_ledger');\n` }],
    });
    await published((p) => p.uri === uri && p.version === 1000);
    const changed = published(
      (p) =>
        p.uri === uri && p.diagnostics.some((d) => d.code === 'no-cross-service-query' && String(d.message).includes('lsp_bench_ledger')),
    );
    const start = performance.now();
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: migrationUri, languageId: 'sql', version: 1, text: 'CREATE TABLE lsp_bench_ledger (id INT PRIMARY KEY);\n' },
    });
    await changed;
    const modelLatency = performance.now() - start;
    console.log(`migration buffer → open file's diagnostics: ${modelLatency.toFixed(0)} ms`);

    await server.shutdown();
    const result = {
      size,
      loadAverage: load(),
      cliColdMs: median(cold),
      cliColdCpuMs: median(coldCpu),
      firstAnalysisCpuMs: firstCpu,
      editCpuMedianMs: median(cpuPerEdit),
      firstAnalysisMs: firstAnalysis,
      editMedianMs: editMedian,
      editMs: latencies,
      migrationEditMs: modelLatency,
      targets: {
        editMedianUnder150: editMedian <= 150,
        editCpuMedianUnder150: median(cpuPerEdit) <= 150,
        firstAnalysisUnderCold: firstAnalysis <= median(cold),
        firstAnalysisCpuUnderCold: firstCpu <= median(coldCpu),
      },
    };
    console.log(`load average at the end: ${load()}`);
    console.log(JSON.stringify(result.targets));
    if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
