/**
 * `npm run bench -- --profile realistic`: nilecare-lint on a NileCare-sized, SQL-heavy service
 * monorepo (bench/realistic/generate.ts), measured as whole processes, side by side in one run,
 * medians of N (default 5) interleaved rounds so a burst of load hits every measurement alike:
 *
 *   node -e 0                       Node's own start-up
 *   --version                       the CLI's start-up
 *   floor                           glob + read + ts.createSourceFile of every code file (floor.mjs)
 *   lint                            nilecare-lint --format json
 *   ESLint                          ESLint 9 + @typescript-eslint/parser, four trivial rules (eslint-anchor.mjs)
 *   --cache, nothing changed        warm cache, no file changed
 *   --cache, one file changed       `--affected --cache <file>` after editing one file (the pre-commit path)
 *
 * with wall time, CPU time (user + system, all threads) and peak RSS from GNU time, and ratios to
 * the floor; then one `node --cpu-prof` run of the full lint, summarised by kind of work; then the
 * same profile at 10,000 code files for the cold cache fill and the one-file cached path.
 *
 * Only `bin/nilecare-lint.js` and public CLI flags are used (no imports from src/ or dist/), and
 * the correctness check reads `--format json`: every planted violation reported with its rule,
 * file and line, nothing on a decoy line or in build output; the warm-cache output equal to the
 * cold one; the one-file run still reporting the edited file's planted violations. A blind run
 * exits 1, whatever its speed.
 *
 * Flags: --repeat N (rounds, default 5)   --large N (code files of the large variant, default
 *        10000; 0 skips it)   --large-repeat N (one-file runs at the large size, default 3)
 *        --size N (code files, default 600)   --no-eslint   --no-profile   --keep   --json <file>
 *        --seed N   --strict (missed targets exit 1)
 *        --concurrency-on (one more row each round: the lint with `--concurrency on`, SQL on its worker
 *        thread whatever the cores, checked like the lint; the targets still read the default lint)
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkReport, describeCheck, failed, findingsOf, parseReport, type CheckResult, type JsonReport } from './check.js';
import { generateRealistic, type RealisticRepo } from './generate.js';
import { formatCategories, summariseCategories, type CategorySummary } from './profile-categories.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '..', '..');
const CLI = path.join(projectRoot, 'bin', 'nilecare-lint.js');
const GNU_TIME = '/usr/bin/time';
const MiB = 1048576;

interface Sample {
  wall: number;
  /** User + system CPU seconds of the process and its threads; NaN without GNU time. */
  cpu: number;
  /** Peak RSS, MiB; NaN without GNU time. */
  rss: number;
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` in `cwd` as a whole process and measures it. Exit codes above `okUpTo` throw. */
function measure(args: string[], cwd: string, okUpTo = 0): Sample {
  const haveTime = existsSync(GNU_TIME);
  const statFile = path.join(os.tmpdir(), `nilecare-realistic-time-${process.pid}.txt`);
  const command = haveTime ? GNU_TIME : process.execPath;
  const argv = haveTime ? ['-f', '%U %S %M', '-o', statFile, process.execPath, ...args] : args;
  const started = performance.now();
  const child = spawnSync(command, argv, { cwd, encoding: 'utf8', maxBuffer: 512 * MiB, stdio: ['ignore', 'pipe', 'pipe'] });
  const wall = (performance.now() - started) / 1000;
  if (child.error) throw child.error;
  const status = child.status ?? -1;
  if (status < 0 || status > okUpTo) {
    throw new Error(
      `node ${args.join(' ')} (in ${cwd}) exited ${status}${child.signal ? ` (${child.signal})` : ''}:\n${child.stderr.slice(-3000)}`,
    );
  }
  let cpu = Number.NaN;
  let rss = Number.NaN;
  if (haveTime) {
    // GNU time appends "Command exited with non-zero status N" before the format line.
    const line = readFileSync(statFile, 'utf8').trim().split('\n').pop() ?? '';
    const [user, system, maxKiB] = line.split(/\s+/).map(Number);
    cpu = user + system;
    rss = maxKiB / 1024;
    rmSync(statFile, { force: true });
  }
  return { wall, cpu, rss, status, stdout: child.stdout, stderr: child.stderr };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

interface Row {
  name: string;
  samples: Sample[];
}

function stats(row: Row) {
  return {
    wall: median(row.samples.map((s) => s.wall)),
    wallMin: Math.min(...row.samples.map((s) => s.wall)),
    wallMax: Math.max(...row.samples.map((s) => s.wall)),
    cpu: median(row.samples.map((s) => s.cpu)),
    rss: median(row.samples.map((s) => s.rss)),
    n: row.samples.length,
  };
}

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

function table(rows: Row[], floor: Row | undefined): string[] {
  const f = floor ? stats(floor) : undefined;
  const out = [
    '| measurement (whole process) | n | wall s median (min–max) | CPU s | peak RSS MiB | wall / floor | CPU / floor | RSS / floor |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const s = stats(row);
    const ratio = (a: number, b: number | undefined) => (b && Number.isFinite(a) && Number.isFinite(b) ? `${fmt(a / b)}×` : '');
    out.push(
      `| ${row.name} | ${s.n} | ${fmt(s.wall)} (${fmt(s.wallMin)}–${fmt(s.wallMax)}) | ${fmt(s.cpu)} | ${fmt(s.rss, 0)} | ${ratio(s.wall, f?.wall)} | ${ratio(s.cpu, f?.cpu)} | ${ratio(s.rss, f?.rss)} |`,
    );
  }
  return out;
}

function argValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

function positiveInt(args: string[], name: string, fallback: number, allowZero = false): number {
  const raw = argValue(args, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1))
    throw new RangeError(`${name}: expected a ${allowZero ? 'non-negative' : 'positive'} integer, got '${raw}'`);
  return n;
}

/**
 * Issue 16's "done means" on this profile. A target is met on wall time or on CPU time (wall
 * time is at the mercy of other load on a shared machine); both are printed.
 */
interface Target {
  what: string;
  wall: number;
  /** Absent for measures that have no CPU reading (peak RSS). */
  cpu?: number;
  limit: number;
  /** `max`: the value must not exceed the limit; `min`: it must reach it. */
  kind: 'max' | 'min';
  unit: string;
}

function describeTargets(targets: Target[]): { lines: string[]; missed: number } {
  const ok = (t: Target, v: number) => Number.isFinite(v) && (t.kind === 'max' ? v <= t.limit : v >= t.limit);
  const lines: string[] = [];
  let missed = 0;
  for (const t of targets) {
    const wallOk = ok(t, t.wall);
    const cpuOk = t.cpu === undefined ? wallOk : ok(t, t.cpu);
    if (!wallOk && !cpuOk) missed++;
    const mark = wallOk && cpuOk ? '✔' : wallOk || cpuOk ? '◐' : '✖';
    const value = t.cpu === undefined ? `${fmt(t.wall)}${t.unit}` : `${fmt(t.wall)}${t.unit} wall, ${fmt(t.cpu)}${t.unit} CPU`;
    lines.push(`${mark} ${t.what}: ${value} (target ${t.kind === 'max' ? '≤' : '≥'} ${t.limit}${t.unit})`);
  }
  return { lines, missed };
}

const keyOf = (f: { ruleId: string; file: string; line: number }) => `${f.ruleId}|${f.file}|${f.line}`;
const findingKeys = (report: JsonReport) => findingsOf(report).map(keyOf).sort();

/** Output of a warm run must equal the cold run's: same findings, same places. */
function sameFindings(a: JsonReport, b: JsonReport): string | undefined {
  const ka = findingKeys(a);
  const kb = findingKeys(b);
  if (ka.length === kb.length && ka.every((k, i) => k === kb[i])) return undefined;
  const sa = new Set(ka);
  const sb = new Set(kb);
  const onlyA = ka.filter((k) => !sb.has(k)).slice(0, 5);
  const onlyB = kb.filter((k) => !sa.has(k)).slice(0, 5);
  return `${ka.length} vs ${kb.length} findings; only in the cold run: ${onlyA.join(', ') || '—'}; only in the warm run: ${onlyB.join(', ') || '—'}`;
}

interface Profile {
  repo: RealisticRepo;
  dir: string;
  generateSeconds: number;
}

function generate(size: number, seed: number): Profile {
  const dir = mkdtempSync(path.join(os.tmpdir(), `nilecare-realistic-${size}-`));
  const started = performance.now();
  let repo: RealisticRepo;
  try {
    repo = generateRealistic({ root: dir, codeFiles: size, seed });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { repo, dir, generateSeconds: (performance.now() - started) / 1000 };
}

function describeProfile(p: Profile): string {
  const { repo } = p;
  const byRule: Record<string, number> = {};
  for (const x of repo.planted) byRule[x.ruleId] = (byRule[x.ruleId] ?? 0) + 1;
  return (
    `${repo.codeFiles.length} code files (${repo.codeFilesWithSql} with SQL, ${fmt((100 * repo.codeFilesWithSql) / repo.codeFiles.length, 0)}%), ${repo.sqlFiles} SQL files, ` +
    `${repo.otherFiles} other (env, compose, Kubernetes, Prisma, package.json), ${repo.decoyFiles} decoy files in dist/ and node_modules/, ${repo.services} services, ` +
    `${fmt(repo.lintedBytes / MiB, 1)} MB; ${repo.planted.length} planted violations ${JSON.stringify(byRule)}, ${repo.decoys.length} decoy lines (generated in ${fmt(p.generateSeconds, 1)} s)`
  );
}

/** Appends a line to the pre-commit file (an edit a developer makes) and gives back a restorer. */
function editFile(file: string, round: number): () => void {
  const original = readFileSync(file, 'utf8');
  writeFileSync(file, `${original}// edited before commit ${round}\n`);
  return () => writeFileSync(file, original);
}

/** `prepare` (building dist/) runs once the flags are known to be valid. */
export async function runRealistic(args: string[], prepare: () => void = () => {}): Promise<number> {
  const repeat = positiveInt(args, '--repeat', 5);
  const size = positiveInt(args, '--size', 600);
  const largeSize = positiveInt(args, '--large', 10000, true);
  // Three one-file runs at 10,000 files keep the whole bench near five minutes.
  const largeRepeat = positiveInt(args, '--large-repeat', Math.min(3, repeat));
  const seed = positiveInt(args, '--seed', 20251015);
  const withEslint = !args.includes('--no-eslint');
  const withConcurrencyOn = args.includes('--concurrency-on');
  const withProfile = !args.includes('--no-profile');
  const strict = args.includes('--strict');
  const targets: Target[] = [];
  prepare();
  const keep = args.includes('--keep');
  const benchStarted = performance.now();
  let blind = false;
  const say = (line = '') => console.log(line);
  /** The CLI prints internal errors on stderr and still exits 1 like a run with findings. */
  const lintRun = (args: string[], dir: string, what: string): Sample => {
    const sample = measure([CLI, ...args], dir, 1);
    const internal = sample.stderr.split('\n').filter((l) => /internal error/i.test(l));
    if (internal.length > 0) {
      blind = true;
      say(`  ✖ ${what}: ${internal.length} internal errors, e.g. ${internal[0].slice(0, 300)}`);
    }
    return sample;
  };

  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).stdout.trim() || 'unknown';
  const dirty =
    spawnSync('git', ['status', '--porcelain', '--', 'src', 'rules', 'bin'], { cwd: projectRoot, encoding: 'utf8' }).stdout.trim() !== '';
  say(
    `nilecare-lint realistic benchmark — commit ${commit}${dirty ? ' (+ uncommitted changes in src/rules/bin)' : ''}, node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${fmt(os.totalmem() / 1024 ** 3, 1)} GiB, ${os.platform()} ${os.release()}`,
  );
  say(
    `load average at start: ${os
      .loadavg()
      .map((l) => fmt(l))
      .join(' ')}`,
  );
  if (!existsSync(GNU_TIME)) say(`⚠ ${GNU_TIME} not found: CPU time and peak RSS are not measured (n/a)`);

  const cacheA = path.join(os.tmpdir(), `nilecare-realistic-cacheA-${process.pid}`);
  const cacheB = path.join(os.tmpdir(), `nilecare-realistic-cacheB-${process.pid}`);
  const listFile = path.join(os.tmpdir(), `nilecare-realistic-files-${process.pid}.json`);
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'nilecare-realistic-prof-'));
  const results: Record<string, unknown> = {
    commit,
    node: process.version,
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    loadStart: os.loadavg(),
  };
  const cleanups = [
    () => rmSync(cacheA, { force: true }),
    () => rmSync(cacheB, { force: true }),
    () => rmSync(listFile, { force: true }),
    () => rmSync(profileDir, { recursive: true, force: true }),
  ];
  try {
    const small = generate(size, seed);
    say(`[${size}] ${describeProfile(small)}`);
    try {
      writeFileSync(listFile, JSON.stringify(small.repo.codeFiles));
      const preCommit = small.repo.preCommitFile;
      const preCommitPlants = small.repo.planted.filter((p) => p.file === preCommit);

      // The warm caches, filled once before the rounds (the fill is a cold --cache run).
      const fill = lintRun(['--format', 'json', '--cache', '--cache-location', cacheA], small.dir, 'cold --cache run');
      copyFileSync(cacheA, cacheB);
      const coldReport = parseReport(fill.stdout, 'cold --cache run');
      const check = checkReport(coldReport, small.repo.planted, small.repo.decoys);
      say('');
      say(`[${size}] correctness (cold --cache run):`);
      for (const line of describeCheck(check, small.repo.planted.length, small.repo.decoys.length)) say(`  ${line}`);
      if (failed(check)) blind = true;
      results.check600 = summariseCheck(check);

      const rows: Record<string, Row> = {};
      const add = (name: string, sample: Sample) => (rows[name] ??= { name, samples: [] }).samples.push(sample);
      const names = {
        node: '`node -e 0`',
        version: '`--version`',
        floor: 'floor: glob + read + `ts.createSourceFile`',
        lint: 'lint `--format json`',
        lintOn: 'lint `--format json --concurrency on`',
        eslint: 'ESLint 9 + @typescript-eslint/parser, 4 rules',
        warm: '`--cache`, warm, nothing changed',
        oneFile: '`--affected --cache <file>`, one file changed',
      };
      say('');
      for (let round = 1; round <= repeat; round++) {
        const load = os.loadavg()[0];
        add(names.node, measure(['-e', '0'], small.dir));
        add(names.version, measure([CLI, '--version'], small.dir));
        add(names.floor, measure([path.join(here, 'floor.mjs'), small.dir], small.dir));
        const lint = lintRun(['--format', 'json'], small.dir, 'lint run');
        add(names.lint, lint);
        const diff = sameFindings(coldReport, parseReport(lint.stdout, 'lint run'));
        if (diff) {
          blind = true;
          say(`  ✖ round ${round}: lint output differs from the first run: ${diff}`);
        }
        if (withConcurrencyOn) {
          const on = lintRun(['--format', 'json', '--concurrency', 'on'], small.dir, 'lint run with --concurrency on');
          add(names.lintOn, on);
          const onDiff = sameFindings(coldReport, parseReport(on.stdout, 'lint run with --concurrency on'));
          if (onDiff) {
            blind = true;
            say(`  ✖ round ${round}: --concurrency on output differs from the first run: ${onDiff}`);
          }
        }
        if (withEslint) add(names.eslint, measure([path.join(here, 'eslint-anchor.mjs'), small.dir, listFile], small.dir));
        const warm = lintRun(['--format', 'json', '--cache', '--cache-location', cacheA], small.dir, 'warm --cache run');
        add(names.warm, warm);
        const warmDiff = sameFindings(coldReport, parseReport(warm.stdout, 'warm --cache run'));
        if (warmDiff) {
          blind = true;
          say(`  ✖ round ${round}: warm --cache output differs from the cold run: ${warmDiff}`);
        }
        const restore = editFile(path.join(small.dir, preCommit), round);
        try {
          const one = lintRun(
            ['--format', 'json', '--affected', '--cache', '--cache-location', cacheB, preCommit],
            small.dir,
            'one-file run',
          );
          add(names.oneFile, one);
          const found = new Set(findingKeys(parseReport(one.stdout, 'one-file run')));
          const missed = preCommitPlants.filter((p) => !found.has(keyOf(p)));
          if (missed.length > 0) {
            blind = true;
            say(`  ✖ round ${round}: the one-file run missed ${missed.map((m) => `${m.ruleId} ${m.file}:${m.line}`).join(', ')}`);
          }
        } finally {
          restore();
        }
        say(
          `  round ${round}/${repeat} done (load average ${fmt(load)} → ${fmt(os.loadavg()[0])}, ${fmt((performance.now() - benchStarted) / 1000, 0)} s elapsed)`,
        );
      }
      const order = [names.node, names.version, names.floor, names.lint, names.lintOn, names.eslint, names.warm, names.oneFile].filter(
        (n) => rows[n],
      );
      say('');
      say(
        `[${size}] medians of ${repeat} rounds (pre-commit file: ${preCommit}, ${preCommitPlants.length} planted violations in it; cold --cache fill: ${fmt(fill.wall)} s, ${fmt(fill.cpu)} s CPU, ${fmt(fill.rss, 0)} MiB):`,
      );
      say('');
      for (const line of table(
        order.map((n) => rows[n]),
        rows[names.floor],
      ))
        say(line);
      const lintStats = stats(rows[names.lint]);
      if (rows[names.eslint]) {
        const e = stats(rows[names.eslint]);
        say('');
        say(
          `ESLint / nilecare-lint: ${fmt(e.wall / lintStats.wall)}× wall, ${fmt(e.cpu / lintStats.cpu)}× CPU, ${fmt(e.rss / lintStats.rss)}× peak RSS`,
        );
      }
      const floorStats = stats(rows[names.floor]);
      const versionStats = stats(rows[names.version]);
      const oneStats = stats(rows[names.oneFile]);
      targets.push(
        {
          what: `lint / floor at ${size} files`,
          wall: lintStats.wall / floorStats.wall,
          cpu: lintStats.cpu / floorStats.cpu,
          limit: 1.5,
          kind: 'max',
          unit: '×',
        },
        { what: `lint peak RSS / floor's at ${size} files`, wall: lintStats.rss / floorStats.rss, limit: 1.5, kind: 'max', unit: '×' },
        { what: '`--version`', wall: versionStats.wall, cpu: versionStats.cpu, limit: 0.15, kind: 'max', unit: ' s' },
        {
          what: `one changed file with a warm cache at ${size} files`,
          wall: oneStats.wall,
          cpu: oneStats.cpu,
          limit: 0.5,
          kind: 'max',
          unit: ' s',
        },
      );
      if (rows[names.eslint]) {
        const e = stats(rows[names.eslint]);
        targets.push({
          what: `ESLint / lint at ${size} files`,
          wall: e.wall / lintStats.wall,
          cpu: e.cpu / lintStats.cpu,
          limit: 3,
          kind: 'min',
          unit: '×',
        });
      }
      results.rows600 = order.map((n) => ({
        name: n,
        ...stats(rows[n]),
        samples: rows[n].samples.map(({ wall, cpu, rss }) => ({ wall, cpu, rss })),
      }));
      results.cacheFill600 = { wall: fill.wall, cpu: fill.cpu, rss: fill.rss };

      // --- CPU profile of one full lint -------------------------------------------------------------
      if (withProfile) {
        measure(['--cpu-prof', '--cpu-prof-dir', profileDir, CLI, '--format', 'json'], small.dir, 1);
        const profiles = readdirSync(profileDir)
          .filter((f) => f.endsWith('.cpuprofile'))
          .map((f) => path.join(profileDir, f));
        const main = profiles.sort((a, b) => statSync(b).size - statSync(a).size)[0];
        if (!main) throw new Error('node --cpu-prof wrote no profile');
        const summary: CategorySummary = summariseCategories(main);
        say('');
        say(`[${size}] CPU profile of one full lint (node --cpu-prof; a profiled run is slower than an unprofiled one):`);
        say('');
        for (const line of formatCategories(summary, 14).split('\n')) say(line);
        results.profile600 = summary;
      }
    } finally {
      if (keep) say(`kept ${small.dir}`);
      else rmSync(small.dir, { recursive: true, force: true });
    }

    // --- the large variant: cold fill and the one-file cached path ------------------------------------
    if (largeSize > 0) {
      const large = generate(largeSize, seed);
      say('');
      say(`[${largeSize}] ${describeProfile(large)}`);
      const cacheL = path.join(os.tmpdir(), `nilecare-realistic-cacheL-${process.pid}`);
      cleanups.push(() => rmSync(cacheL, { force: true }));
      try {
        const floor = measure([path.join(here, 'floor.mjs'), large.dir], large.dir);
        const fill = lintRun(['--format', 'json', '--cache', '--cache-location', cacheL], large.dir, 'large cold --cache run');
        const check = checkReport(parseReport(fill.stdout, 'large cold --cache run'), large.repo.planted, large.repo.decoys);
        say(`[${largeSize}] correctness (cold --cache run):`);
        for (const line of describeCheck(check, large.repo.planted.length, large.repo.decoys.length)) say(`  ${line}`);
        if (failed(check)) blind = true;
        const preCommit = large.repo.preCommitFile;
        const preCommitPlants = large.repo.planted.filter((p) => p.file === preCommit);
        const rows: Row[] = [
          { name: 'floor: glob + read + `ts.createSourceFile`', samples: [floor] },
          { name: 'lint `--format json --cache`, cold (fills the cache)', samples: [fill] },
          { name: '`--affected --cache <file>`, one file changed', samples: [] },
        ];
        for (let round = 1; round <= largeRepeat; round++) {
          const restore = editFile(path.join(large.dir, preCommit), round);
          try {
            const one = lintRun(
              ['--format', 'json', '--affected', '--cache', '--cache-location', cacheL, preCommit],
              large.dir,
              'large one-file run',
            );
            rows[2].samples.push(one);
            const found = new Set(findingKeys(parseReport(one.stdout, 'large one-file run')));
            const missed = preCommitPlants.filter((p) => !found.has(keyOf(p)));
            if (missed.length > 0) {
              blind = true;
              say(`  ✖ round ${round}: the one-file run missed ${missed.map((m) => `${m.ruleId} ${m.file}:${m.line}`).join(', ')}`);
            }
          } finally {
            restore();
          }
        }
        say('');
        say(
          `[${largeSize}] (floor and cold fill: one run each; one-file path: median of ${largeRepeat}; load average ${os
            .loadavg()
            .map((l) => fmt(l))
            .join(' ')}):`,
        );
        say('');
        for (const line of table(rows, rows[0])) say(line);
        const one = stats(rows[2]);
        targets.push({
          what: `one changed file with a warm cache at ${largeSize} files`,
          wall: one.wall,
          cpu: one.cpu,
          limit: 1,
          kind: 'max',
          unit: ' s',
        });
        results.large = { size: largeSize, check: summariseCheck(check), rows: rows.map((r) => ({ name: r.name, ...stats(r) })) };
      } finally {
        if (keep) say(`kept ${large.dir}`);
        else rmSync(large.dir, { recursive: true, force: true });
      }
    }
  } finally {
    for (const cleanup of cleanups) cleanup();
  }
  const total = (performance.now() - benchStarted) / 1000;
  const { lines: targetLines, missed } = describeTargets(targets);
  say('');
  say('targets (issue 16; ◐ = met on one of wall and CPU time):');
  for (const line of targetLines) say(`  ${line}`);
  results.targets = targets;
  say('');
  say(
    `load average at end: ${os
      .loadavg()
      .map((l) => fmt(l))
      .join(' ')}; whole realistic bench: ${fmt(total, 0)} s`,
  );
  say(
    `correctness: ${blind ? '✖ FAILED (see above)' : '✔ every planted violation found, nothing on decoys or in build output, warm and one-file runs agree with the cold run'}`,
  );
  results.seconds = total;
  results.loadEnd = os.loadavg();
  results.correct = !blind;
  const jsonOut = argValue(args, '--json');
  if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(results, null, 2)}\n`);
  if (blind) return 1;
  return strict && missed > 0 ? 1 : 0;
}

function summariseCheck(check: CheckResult) {
  return {
    findings: check.findings,
    byRule: check.byRule,
    missing: check.missing.length,
    decoyHits: check.decoyHits.length,
    buildOutputHits: check.buildOutputHits.length,
    unplannedErrors: check.unplannedErrors.map((e) => `${e.ruleId} ${e.file}:${e.line}`),
  };
}
