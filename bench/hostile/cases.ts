/**
 * The hostile corpus of issue 13 ("Safe to run on an untrusted pull request"): one builder per
 * defect of the issue's table (rows 1–16, several shapes per row where the issue names them),
 * the secret-leak corpus, and the seeded pathological shapes of `fuzz.ts`.
 *
 * A builder writes a small hostile repository into `dir` (the two-service repository of
 * repo.ts, whose billing → clinical finding must survive whatever the case adds) and returns
 * the CLI arguments that trigger the defect, the behaviour the fix must show (`expect`, one
 * line), and what the runner checks automatically. Builders never run anything dangerous
 * themselves: devices, FIFOs and huge inputs are only planted; run.ts runs the CLI under a
 * timeout and a memory cap. Builders that mount a tmpfs return a `cleanup`.
 *
 * Usable from a test: `const built = hostileCases().find((c) => c.id === '01a-…')!.build(dir)`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  errorsOn,
  exitIn,
  hasSibling,
  jsonFindings,
  noFindingsOf,
  oneLineError,
  refusedNaming,
  refusedOrWithout,
  siblingReported,
  type Observation,
} from './checks.js';
import { fuzzCases } from './fuzz.js';
import { baseConfig, CONFIG_FILE, SIBLING_FILE, SIBLING_TEXT, SUPPRESSIONS_FILE, writeBaseRepo, writeTree } from './repo.js';
import { PLANTED, writeSecretRepo } from './secrets.js';

export interface Step {
  args: string[];
  env?: Record<string, string>;
  /** 'capture' (default); 'full': stdout is /dev/full; 'closed': stdout's pipe is closed at once (EPIPE). */
  stdout?: 'capture' | 'full' | 'closed';
  /** Run as this uid/gid: root ignores file modes, so EACCES needs another user. */
  user?: number;
  /** SIGKILL the CLI at the first change of this path (repo-relative): catches non-atomic writes. */
  killWhenChanged?: string;
  /** Name in the report; default: the arguments. */
  label?: string;
}

export interface Built extends Step {
  /** The behaviour the fix must show, in one line. */
  expect: string;
  /** A folder outside the repository: nothing in it may be read, written, created or deleted. */
  outsideDir?: string;
  /** Planted values: none, no fragment of 6+ characters and no base64 of any may appear in any output. */
  secrets?: string[];
  /** The issue's targets for this input (default: 10 s and 500 MiB for every run). */
  limits?: { seconds: number; mib: number };
  /** Files (repo-relative or absolute) whose text counts as output: reports, cache, suppressions. */
  outputs?: string[];
  /** Further runs in the same repository, after the first; their outputs are checked too. */
  then?: Step[];
  /** Case-specific checks; each string is a failure. */
  verify?: (o: Observation) => string[];
  /** Undo what cannot be deleted with the folder (a mounted tmpfs). */
  cleanup?: () => void;
}

export interface CaseContext {
  /** Root of the linter checkout whose built CLI is attacked. */
  cliRoot: string;
  /** Runs the CLI to completion (60 s at most): for builders that forge the tool's own files. */
  cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string };
}

export interface HostileCase {
  id: string;
  /** Row of issue 13's table ('1'…'16'), 'secrets' or 'fuzz'. */
  row: string;
  title: string;
  /** Kill probes are repeated: one write that happened to finish first proves nothing. */
  attempts?: number;
  build(dir: string, ctx?: CaseContext): Built;
}

const here = path.dirname(fileURLToPath(import.meta.url));

export function defaultContext(cliRoot = path.resolve(here, '../..')): CaseContext {
  const bin = path.join(cliRoot, 'bin/nilecare-lint.js');
  return {
    cliRoot,
    cli(args, cwd) {
      const result = spawnSync(process.execPath, [bin, ...args], {
        cwd,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, NO_COLOR: '1' },
      });
      return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers for builders

/** A folder beside the repository (not inside it) for victims and outside targets. */
function outsideOf(dir: string): string {
  const outside = `${dir}-outside`;
  mkdirSync(outside, { recursive: true });
  return outside;
}

const configText = (config: unknown) => `${JSON.stringify(config, null, 2)}\n`;

/** The base config with a change to one service (by name) and top-level keys. */
function configWith(top: Record<string, unknown>, service?: { name: string; patch: Record<string, unknown> }) {
  const config = baseConfig();
  if (service) {
    const entry = config.services.find((s) => s.name === service.name)!;
    Object.assign(entry, service.patch);
  }
  return { ...config, ...top };
}

/** sha1 of a file's text, as the cache keys entries (UTF-8, no BOM). */
function textHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** Mounts a tiny tmpfs at `mountPoint` and fills it: every write there fails with ENOSPC. Returns the unmount. */
function fullDisk(mountPoint: string): (() => void) | undefined {
  mkdirSync(mountPoint, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0777', 'tmpfs', mountPoint], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  try {
    // tmpfs counts pages: fill until the kernel refuses.
    writeFileSync(path.join(mountPoint, 'filler.bin'), Buffer.alloc(512 * 1024));
  } catch {
    // ENOSPC is the point
  }
  return () => {
    try {
      execFileSync('umount', [mountPoint], { stdio: 'ignore' });
    } catch {
      execFileSync('umount', ['-l', mountPoint], { stdio: 'ignore' });
    }
  };
}

/** Lets the unprivileged user of EACCES cases into the repository (mkdtemp makes it 0700). */
function openToAll(dir: string): void {
  chmodSync(dir, 0o755);
}

const NOBODY = 65534;

/** Highest pid in use: predictable temp names are attacked by planting links for the next ones. */
function lastPid(): number {
  try {
    return Number(readFileSync('/proc/sys/kernel/ns_last_pid', 'utf8'));
  } catch {
    return process.pid;
  }
}

function pidMax(): number {
  try {
    return Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'));
  } catch {
    return 32768;
  }
}

/** A SQL dump of `rows` INSERTs into billing's table (about 66 bytes a row, as the issue's). */
function dump(rows: number, offset = 0): string {
  const lines: string[] = ['-- mysqldump of billing_invoices', 'SET NAMES utf8mb4;', 'LOCK TABLES billing_invoices WRITE;'];
  for (let i = 1; i <= rows; i++)
    lines.push(`INSERT INTO billing_invoices VALUES (${offset + i},${(i * 7919) % 100000},${i % 997}.${i % 100},'n${i}');`);
  lines.push('UNLOCK TABLES;', '');
  return lines.join('\n');
}

/** A cross-service statement planted at the end of a dump: proof the dump was analysed to its end. */
const DUMP_PLANT = "INSERT INTO clinical_patients (id, mrn) VALUES (1, 'MRN-1');\n";

function plantedDumpFinding(o: Observation, file: string): string[] {
  const findings = jsonFindings(o.main.stdout);
  if (!findings) return [`no JSON report (${o.main.killedFor ?? `exit ${o.main.exitCode}`})`];
  const planted = findings.some((m) => m.file === file && m.ruleId === 'no-cross-service-query');
  const refused = findings.some((m) => m.file === file && m.severity === 2 && m.ruleId !== 'no-cross-service-query');
  if (planted || refused) return [];
  const said = findings
    .filter((m) => m.file === file)
    .map((m) => `${m.ruleId} (${m.severity === 2 ? 'error' : 'warning'}): ${m.message.slice(0, 90)}`);
  return [
    `the cross-service INSERT at the end of ${file} is not reported, nor is an error-level finding on it${said.length ? ` (only: ${said.join('; ')})` : ''}`,
  ];
}

/** UTF-16 with a BOM, as Windows editors write it. */
function utf16(text: string, endian: 'le' | 'be'): Buffer {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  if (endian === 'le') return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return be;
}

/** A report with many findings, so that writing it takes long enough to be caught in the act. */
function manyFindingsSql(statements: number): string {
  const lines: string[] = [];
  for (let i = 1; i <= statements; i++) lines.push(`SELECT id, mrn FROM clinical_patients WHERE id = ${i};`);
  return `${lines.join('\n')}\n`;
}

/** Forges the cache of row 3: facts of a clean twin of the sibling file, keyed by the hash of the real one. */
function forgeCache(dir: string, ctx: CaseContext, location: string): void {
  const twin = `${dir}-twin`;
  writeBaseRepo(twin, { clean: true });
  const made = ctx.cli(['--cache', '--cache-location', location], twin);
  if (made.status !== 0) throw new Error(`the clean twin should lint clean (exit ${made.status}): ${made.stderr.slice(0, 300)}`);
  const lines = readFileSync(path.join(twin, location), 'utf8').split('\n');
  const key = `\t${JSON.stringify(SIBLING_FILE)}\t`;
  const at = lines.findIndex((line) => line.includes(key));
  if (at < 0) throw new Error(`no cache entry for ${SIBLING_FILE}: the cache format changed (${lines[0].slice(0, 120)})`);
  const line = lines[at];
  lines[at] = textHash(SIBLING_TEXT) + line.slice(line.indexOf('\t'));
  mkdirSync(path.dirname(path.join(dir, location)), { recursive: true });
  writeFileSync(path.join(dir, location), lines.join('\n'));
  execFileSync('rm', ['-rf', twin]);
}

function gitCommitAll(dir: string): void {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=hostile', '-c', 'user.email=hostile@example.invalid', '-c', 'init.defaultBranch=main', ...args], {
      cwd: dir,
      stdio: 'ignore',
    });
  git('init', '-q');
  git('add', '-A', '-f');
  git('commit', '-q', '-m', 'hostile pull request');
}

/** Issue 13's bound for every pathological input (the sandbox default); dumps have their own. */
export const TARGET = { seconds: 10, mib: 500 };
const DUMP_TARGET = { seconds: 20, mib: 1024 };

// ---------------------------------------------------------------------------------------------
// Rows 1–16, after a control: the base repository alone, for scale and load

const control: HostileCase = {
  id: '00-control',
  row: 'control',
  title: 'the base repository, nothing hostile (what every other run costs at the current load)',
  build(dir) {
    writeBaseRepo(dir);
    return { args: ['-f', 'json'], expect: 'exit 1 with the sibling finding', verify: (o) => siblingReported(o) };
  },
};

const row1: HostileCase[] = [
  {
    id: '01a-suppressions-dev-zero',
    row: '1',
    title: 'committed nilecare-lint-suppressions.json -> /dev/zero, no flags',
    build(dir) {
      writeBaseRepo(dir);
      symlinkSync('/dev/zero', path.join(dir, SUPPRESSIONS_FILE));
      return {
        args: ['-f', 'json'],
        expect:
          'within 10 s: exit 2 naming nilecare-lint-suppressions.json as not a regular file (or run without it); /dev/zero never read',
        verify: (o) => refusedOrWithout(o, SUPPRESSIONS_FILE),
      };
    },
  },
  {
    id: '01b-config-dev-zero',
    row: '1',
    title: 'committed nilecare-lint.config.json -> /dev/zero',
    build(dir) {
      writeBaseRepo(dir, { config: false });
      symlinkSync('/dev/zero', path.join(dir, CONFIG_FILE));
      return {
        args: ['-f', 'json'],
        expect: 'within 10 s: exit 2 naming nilecare-lint.config.json as not a regular file',
        verify: (o) => refusedNaming(o.main, CONFIG_FILE),
      };
    },
  },
  {
    id: '01c-service-package-json-dev-zero',
    row: '1',
    title: "a configured service's package.json -> /dev/zero",
    build(dir) {
      writeBaseRepo(dir);
      const manifest = path.join(dir, 'services/clinical-service/package.json');
      execFileSync('rm', [manifest]);
      symlinkSync('/dev/zero', manifest);
      // Without a dialect in the config, the driver in package.json is what the linter looks for.
      writeFileSync(path.join(dir, CONFIG_FILE), configText(configWith({}, { name: 'clinical-service', patch: { dialect: undefined } })));
      return {
        args: ['-f', 'json'],
        expect: 'within 10 s: the manifest is skipped (dialect from elsewhere) and the sibling finding reported, or exit 2 naming it',
        verify: (o) => refusedOrWithout(o, 'package.json'),
      };
    },
  },
  {
    id: '01d-service-package-json-dev-zero-inferred',
    row: '1',
    title: "an inferred service's package.json -> /dev/zero (no config)",
    build(dir) {
      writeBaseRepo(dir, { config: false });
      const manifest = path.join(dir, 'services/clinical-service/package.json');
      execFileSync('rm', [manifest]);
      symlinkSync('/dev/zero', manifest);
      return {
        args: ['-f', 'json'],
        expect: 'within 10 s: no device read; exit 0/1 with a notice, or exit 2 naming the manifest',
        verify: (o) => (o.main.exitCode === 2 ? refusedNaming(o.main, 'package.json') : exitIn(o.main, [0, 1])),
      };
    },
  },
  {
    id: '01e-cache-dev-zero',
    row: '1',
    title: 'committed .nilecare-lint-cache -> /dev/zero, --cache',
    build(dir) {
      writeBaseRepo(dir);
      symlinkSync('/dev/zero', path.join(dir, '.nilecare-lint-cache'));
      return {
        args: ['--cache', '-f', 'json'],
        expect: 'within 10 s: the link is no cache (a miss): exit 1 with the sibling finding',
        verify: (o) => refusedOrWithout(o, '.nilecare-lint-cache'),
      };
    },
  },
  {
    id: '01f-cache-location-dev-full',
    row: '1',
    title: '--cache-location /dev/full (reads as endless zeros)',
    build(dir) {
      writeBaseRepo(dir);
      return {
        args: ['--cache', '--cache-location', '/dev/full', '-f', 'json'],
        expect: 'within 10 s: exit 2 naming /dev/full as not a regular file (or lint without the cache, saying so)',
        verify: (o) =>
          o.main.exitCode === 2
            ? refusedNaming(o.main, '/dev/full')
            : [...siblingReported(o), ...(o.main.stderr.includes('/dev/full') ? [] : ['stderr does not name /dev/full'])],
      };
    },
  },
  {
    id: '01g-suppressions-fifo',
    row: '1',
    title: 'committed FIFO as nilecare-lint-suppressions.json (a read blocks forever)',
    build(dir) {
      writeBaseRepo(dir);
      execFileSync('mkfifo', [path.join(dir, SUPPRESSIONS_FILE)]);
      return {
        args: ['-f', 'json'],
        expect: 'within 10 s: exit 2 naming the FIFO as not a regular file (or run without it); never opened for reading',
        verify: (o) => refusedOrWithout(o, SUPPRESSIONS_FILE),
      };
    },
  },
];

const victimText = 'VICTIM: a file outside the repository that no lint run may change\n';

/** A case whose output path is a committed link to a victim outside the repository. */
function writeThroughLink(
  id: string,
  title: string,
  linkName: string,
  victim: string,
  args: string[],
  setup?: (dir: string) => void,
  report = true,
): HostileCase {
  return {
    id,
    row: '2',
    title,
    build(dir) {
      writeBaseRepo(dir, { config: linkName !== CONFIG_FILE });
      setup?.(dir);
      const outside = outsideOf(dir);
      writeFileSync(path.join(outside, 'victim'), victim);
      symlinkSync(path.join(outside, 'victim'), path.join(dir, linkName));
      return {
        args,
        expect: `victim outside untouched: exit 2 naming ${linkName}, or the link replaced by a regular file`,
        outsideDir: outside,
        outputs: [linkName],
        verify: (o) => {
          if (o.main.exitCode === 2) return refusedNaming(o.main, linkName);
          if (o.files[linkName] === undefined)
            return [`exit ${o.main.exitCode ?? o.main.killedFor}, and ${linkName} is not a regular file in the repository`];
          return report && !hasSibling(o.files[linkName]!) ? [`${linkName} lacks the sibling finding`] : [];
        },
      };
    },
  };
}

const emptyBaseline = '{\n  "version": 1,\n  "suppressions": []\n}\n';
const staleBaseline = `{\n  "version": 1,\n  "suppressions": [\n    {"rule":"no-cross-service-query","file":"services/billing-service/src/gone.ts","fingerprint":"0123456789abcdef","line":3,"message":"stale"}\n  ]\n}\n`;

const row2: HostileCase[] = [
  writeThroughLink(
    '02a-output-sarif-symlink',
    '-f sarif -o report.sarif, report.sarif -> outside victim (the README CI command)',
    'report.sarif',
    victimText,
    ['-f', 'sarif', '-o', 'report.sarif'],
  ),
  writeThroughLink(
    '02b-map-output-symlink',
    'map -o map.md, map.md -> outside victim',
    'map.md',
    victimText,
    ['map', '-f', 'markdown', '-o', 'map.md'],
    undefined,
    false,
  ),
  writeThroughLink(
    '02c-init-force-symlink',
    'init --force, nilecare-lint.config.json -> outside victim',
    CONFIG_FILE,
    '{ "victim": true }\n',
    ['init', '--force'],
    undefined,
    false,
  ),
  writeThroughLink(
    '02d-suppress-all-symlink',
    '--suppress-all, suppressions file -> outside victim (a valid, empty baseline)',
    SUPPRESSIONS_FILE,
    emptyBaseline,
    ['--suppress-all', '-f', 'json'],
    undefined,
    false,
  ),
  writeThroughLink(
    '02e-prune-suppressions-symlink',
    '--prune-suppressions, suppressions file -> outside victim (one stale entry)',
    SUPPRESSIONS_FILE,
    staleBaseline,
    ['--prune-suppressions', '-f', 'json'],
    undefined,
    false,
  ),
  {
    id: '02f-cache-dir-symlink',
    row: '2',
    title: 'committed .nilecare-lint-cache -> outside folder, --cache',
    build(dir) {
      writeBaseRepo(dir);
      const outside = outsideOf(dir);
      symlinkSync(outside, path.join(dir, '.nilecare-lint-cache'));
      return {
        args: ['--cache', '-f', 'json'],
        expect: 'nothing written into the outside folder: the cache goes elsewhere or the link is refused',
        outsideDir: outside,
        verify: (o) => refusedOrWithout(o, '.nilecare-lint-cache'),
      };
    },
  },
  {
    id: '02g-cache-temp-symlinks',
    row: '2',
    title: 'committed .nilecare-lint-cache.<pid>.tmp links for the next 3000 pids -> outside, --cache',
    build(dir) {
      writeBaseRepo(dir);
      const outside = outsideOf(dir);
      const first = lastPid() + 1;
      const max = pidMax();
      const window = 3000;
      for (let i = 0; i < window; i++) {
        const pid = ((first + i - 300) % (max - 300)) + 300;
        symlinkSync(path.join(outside, `victim-${pid}`), path.join(dir, `.nilecare-lint-cache.${pid}.tmp`));
      }
      const inWindow = (pid: number) => (pid - first + (max - 300)) % (max - 300) < window;
      return {
        args: ['--cache', '-f', 'json'],
        expect: 'no file created outside: the temp name is unpredictable and created exclusively (O_EXCL), never through a link',
        outsideDir: outside,
        verify: (o) => {
          const failures = siblingReported(o);
          if (o.main.pid !== undefined && !inWindow(o.main.pid))
            failures.push(`inconclusive: the CLI ran as pid ${o.main.pid}, outside the planted window from ${first}`);
          return failures;
        },
      };
    },
  },
];

const row3: HostileCase[] = [
  {
    id: '03a-forged-cache-tracked',
    row: '3',
    title: 'committed (git-tracked) cache at the default location, old and new: the finding file keyed with clean facts, --cache',
    build(dir, ctx = defaultContext()) {
      writeBaseRepo(dir);
      // The default moved from .nilecare-lint-cache to node_modules/.cache/nilecare-lint/facts: forged at both, the case holds either linter to it.
      forgeCache(dir, ctx, '.nilecare-lint-cache');
      forgeCache(dir, ctx, 'node_modules/.cache/nilecare-lint/facts');
      gitCommitAll(dir);
      return {
        args: ['--cache', '-f', 'json'],
        expect: 'a cache file that git tracks is never read: exit 1 with the sibling finding',
        verify: (o) => siblingReported(o),
      };
    },
  },
  {
    id: '03b-forged-cache-explicit-location',
    row: '3',
    title: 'the same forged cache, git-tracked, named with --cache-location',
    build(dir, ctx = defaultContext()) {
      writeBaseRepo(dir);
      forgeCache(dir, ctx, 'ci/lint-cache');
      gitCommitAll(dir);
      return {
        args: ['--cache', '--cache-location', 'ci/lint-cache', '-f', 'json'],
        expect: 'a cache file that git tracks is never read, wherever it is: exit 1 with the sibling finding',
        verify: (o) => siblingReported(o),
      };
    },
  },
  {
    id: '03c-wrong-shaped-cache',
    row: '3',
    title: 'a cache whose entries carry the right hashes and wrong-shaped facts, --cache',
    build(dir, ctx = defaultContext()) {
      writeBaseRepo(dir);
      // Named, so the case does not depend on where a linter keeps its cache by default (an untracked file either way).
      const location = ['--cache-location', 'ci-cache/facts'];
      const made = ctx.cli(['--cache', ...location], dir);
      if (made.status !== 1)
        throw new Error(`the base repository should lint with exit 1, got ${made.status}: ${made.stderr.slice(0, 300)}`);
      const file = path.join(dir, 'ci-cache/facts');
      const lines = readFileSync(file, 'utf8').split('\n');
      const shapes = [
        '{}',
        '{"sql":42,"script":"x","env":{"a":1},"lineStarts":"no","comments":7,"problems":null}',
        '[]',
        '{"script":{"envDefaults":7,"queries":"x"},"sql":[{"text":1}]}',
      ];
      let n = 0;
      const forged = lines.map((line, i) => {
        if (i === 0 || !line.includes('\t')) return line;
        const second = line.indexOf('\t', line.indexOf('\t') + 1);
        return `${line.slice(0, second + 1)}${shapes[n++ % shapes.length]}`;
      });
      writeFileSync(file, forged.join('\n'));
      return {
        args: ['--cache', ...location, '-f', 'json'],
        expect: 'every wrong-shaped entry is a cache miss: exit 1 with the sibling finding, no internal error',
        verify: (o) => siblingReported(o),
      };
    },
  },
];

const BIG = 9 * 1024 * 1024;

const row4: HostileCase[] = [
  {
    id: '04a-nul-in-comment',
    row: '4',
    title: 'one NUL byte in a comment of the file with the finding',
    build(dir) {
      writeBaseRepo(dir, { extra: { [SIBLING_FILE]: `// generated \u0000 marker\n${SIBLING_TEXT}` } });
      return {
        args: ['-f', 'json'],
        expect: 'the file is analysed (TypeScript reads it): exit 1 with the sibling finding',
        verify: (o) => siblingReported(o),
      };
    },
  },
  {
    id: '04b-nul-in-string',
    row: '4',
    title: 'a raw NUL byte inside a string literal of the file with the finding',
    build(dir) {
      writeBaseRepo(dir, { extra: { [SIBLING_FILE]: `export const separator = '\u0000';\n${SIBLING_TEXT}` } });
      return { args: ['-f', 'json'], expect: 'the file is analysed: exit 1 with the sibling finding', verify: (o) => siblingReported(o) };
    },
  },
  {
    id: '04c-padded-past-8mb',
    row: '4',
    title: 'the file with the finding padded past 8 MB with a comment',
    build(dir) {
      writeBaseRepo(dir, { extra: { [SIBLING_FILE]: `${SIBLING_TEXT}/*${' padding'.repeat(BIG / 8)}*/\n` } });
      return {
        args: ['-f', 'json'],
        expect: 'exit 1: the sibling finding, or an error-level finding naming the file as too large; never a pass',
        verify: (o) => {
          const failures = exitIn(o.main, [1]);
          if (!hasSibling(o.main.stdout) && errorsOn(o.main.stdout, SIBLING_FILE).length === 0)
            failures.push('neither the sibling finding nor an error-level finding on the padded file');
          return failures;
        },
      };
    },
  },
];

/** Nine stars against 84 characters: the issue's > 120 s. */
const GLOB_BOMB = '*a*a*a*a*a*a*a*a*a*b';
const LONG_A = 'a'.repeat(84);

function globCase(id: string, title: string, setup: (dir: string) => void): HostileCase {
  return {
    id,
    row: '5',
    title,
    build(dir) {
      writeBaseRepo(dir);
      setup(dir);
      return {
        args: ['-f', 'json'],
        expect:
          'within 10 s (a linear-time matcher), or exit 2 at config load naming the key path as too complex; otherwise the sibling finding',
        verify: (o) => (o.main.exitCode === 2 ? refusedNaming(o.main, CONFIG_FILE) : siblingReported(o)),
      };
    },
  };
}

const longTableQuery = `import { pool } from './db';\n\nexport const longOne = () => pool.query('SELECT id FROM ${LONG_A}');\n`;

const row5: HostileCase[] = [
  globCase('05a-glob-tables', `services[].tables: ["${GLOB_BOMB}"], a query on an 84-character table name`, (dir) => {
    writeTree(dir, {
      [CONFIG_FILE]: configText(configWith({}, { name: 'clinical-service', patch: { tables: ['clinical_*', GLOB_BOMB] } })),
      'services/billing-service/src/long.ts': longTableQuery,
    });
  }),
  globCase('05b-glob-roots', `services[].roots: ["services/${GLOB_BOMB}"], a file under an 84-character folder`, (dir) => {
    const config = baseConfig();
    config.services.push({ name: 'evil-service', roots: [`services/${GLOB_BOMB}`] });
    writeTree(dir, { [CONFIG_FILE]: configText(config), [`services/${LONG_A}/index.ts`]: 'export const x = 1;\n' });
  }),
  globCase('05c-glob-ignores', `ignores: ["services/billing-service/src/${GLOB_BOMB}"], an 84-character file name`, (dir) => {
    writeTree(dir, {
      [CONFIG_FILE]: configText(configWith({ ignores: [`services/billing-service/src/${GLOB_BOMB}`] })),
      [`services/billing-service/src/${LONG_A}.ts`]: 'export const x = 1;\n',
    });
  }),
  globCase('05d-glob-migrations', `services[].migrations: ["…/migrations/${GLOB_BOMB}"], an 84-character migration`, (dir) => {
    writeTree(dir, {
      [CONFIG_FILE]: configText(
        configWith({}, { name: 'billing-service', patch: { migrations: [`services/billing-service/migrations/${GLOB_BOMB}`] } }),
      ),
      [`services/billing-service/migrations/${LONG_A}.sql`]: 'SELECT 1;\n',
    });
  }),
  globCase('05e-glob-schema-files', `schemaFiles[].files: "database/${GLOB_BOMB}", an 84-character schema file`, (dir) => {
    writeTree(dir, {
      [CONFIG_FILE]: configText(configWith({ schemaFiles: [{ files: `database/${GLOB_BOMB}`, database: 'legacy' }] })),
      [`database/${LONG_A}.sql`]: 'SELECT 1;\n',
    });
  }),
  globCase(
    '05f-glob-shared-packages',
    `sharedPackages: ["packages/${GLOB_BOMB}"], an import from an 84-character package folder`,
    (dir) => {
      writeTree(dir, {
        [CONFIG_FILE]: configText(configWith({ sharedPackages: [`packages/${GLOB_BOMB}`] })),
        [`packages/${LONG_A}/index.ts`]: 'export const shared = 1;\n',
        'services/billing-service/src/uses-shared.ts': `import { shared } from '../../../packages/${LONG_A}/index';\n\nexport const y = shared;\n`,
      });
    },
  ),
];

const UPPER_RUN = 1_500_000;

const row6: HostileCase[] = [
  {
    id: '06a-upper-env-key',
    row: '6',
    title: 'a 1.5 MB upper-case key in a .env file',
    build(dir) {
      writeBaseRepo(dir, { extra: { 'services/billing-service/.env': `${'A'.repeat(UPPER_RUN)}=x\n` } });
      return {
        args: ['-f', 'json'],
        expect: 'within 10 s and 500 MiB (linear name splitting): exit 1 with the sibling finding',
        verify: (o) => siblingReported(o),
      };
    },
  },
  {
    id: '06b-upper-process-env',
    row: '6',
    title: 'process.env.<1.5 MB of upper case> with a fallback',
    build(dir) {
      writeBaseRepo(dir, {
        extra: { 'services/billing-service/src/long-env.ts': `export const v = process.env.${'A'.repeat(UPPER_RUN)} || 'x';\n` },
      });
      return {
        args: ['-f', 'json'],
        expect: 'within 10 s and 500 MiB: exit 1 with the sibling finding',
        verify: (o) => siblingReported(o),
      };
    },
  },
  {
    id: '06c-upper-create-table',
    row: '6',
    title: 'CREATE TABLE <1.5 MB of upper case> in a migration',
    build(dir) {
      writeBaseRepo(dir, {
        extra: { 'services/billing-service/migrations/V2__long.sql': `CREATE TABLE ${'A'.repeat(UPPER_RUN)} (id BIGINT PRIMARY KEY);\n` },
      });
      return {
        args: ['-f', 'json'],
        expect: 'within 10 s and 500 MiB (linear snake-casing): exit 1 with the sibling finding',
        verify: (o) => siblingReported(o),
      };
    },
  },
];

const row7: HostileCase[] = [
  {
    id: '07a-compose-quote-storm',
    row: '7',
    title: 'a 400 KB docker-compose.yml of double quotes',
    build(dir) {
      writeBaseRepo(dir, { extra: { 'docker-compose.yml': '"'.repeat(400 * 1024) } });
      return {
        args: ['-f', 'json'],
        expect: 'within 10 s (YAML errors without pretty context): exit 1 with the sibling finding',
        verify: (o) => siblingReported(o),
      };
    },
  },
];

/** Env canaries: the name comes first in /proc/self/environ, so any echo of its start shows. */
const ENV_CANARY_NAME = 'Zq8Wn3CanaryName';
const ENV_CANARY_VALUE = 'Lp4Rt7CanaryValue';
const KEY_CANARY = 'canaryKeyVm5Hd9';

const row8: HostileCase[] = [
  {
    id: '08a-config-proc-environ',
    row: '8',
    title: 'nilecare-lint.config.json -> /proc/self/environ',
    build(dir) {
      writeBaseRepo(dir, { config: false });
      symlinkSync('/proc/self/environ', path.join(dir, CONFIG_FILE));
      return {
        args: ['-f', 'json'],
        env: { [ENV_CANARY_NAME]: ENV_CANARY_VALUE },
        expect: 'exit 2 naming the config as not a regular file in the repository; nothing of the environment echoed',
        secrets: [ENV_CANARY_NAME, ENV_CANARY_VALUE],
        verify: (o) => refusedNaming(o.main, CONFIG_FILE),
      };
    },
  },
  {
    id: '08b-config-outside-json',
    row: '8',
    title: 'nilecare-lint.config.json -> a JSON file outside the repository',
    build(dir) {
      writeBaseRepo(dir, { config: false });
      const outside = outsideOf(dir);
      writeFileSync(path.join(outside, 'private.json'), `{ "${KEY_CANARY}": { "token": 1 } }\n`);
      symlinkSync(path.join(outside, 'private.json'), path.join(dir, CONFIG_FILE));
      return {
        args: ['-f', 'json'],
        expect: 'exit 2 naming the config as a link out of the repository; the target neither read nor echoed',
        outsideDir: outside,
        secrets: [KEY_CANARY],
        verify: (o) => refusedNaming(o.main, CONFIG_FILE),
      };
    },
  },
  {
    id: '08c-suppressions-proc-environ',
    row: '8',
    title: 'nilecare-lint-suppressions.json -> /proc/self/environ',
    build(dir) {
      writeBaseRepo(dir);
      symlinkSync('/proc/self/environ', path.join(dir, SUPPRESSIONS_FILE));
      return {
        args: ['-f', 'json'],
        env: { [ENV_CANARY_NAME]: ENV_CANARY_VALUE },
        expect: 'exit 2 naming the suppressions file as not a regular file (or run without it); nothing of the environment echoed',
        secrets: [ENV_CANARY_NAME, ENV_CANARY_VALUE],
        verify: (o) => refusedOrWithout(o, SUPPRESSIONS_FILE),
      };
    },
  },
  {
    id: '08d-suppressions-outside-json',
    row: '8',
    title: 'nilecare-lint-suppressions.json -> a JSON file outside the repository',
    build(dir) {
      writeBaseRepo(dir);
      const outside = outsideOf(dir);
      writeFileSync(path.join(outside, 'private.json'), `{ "${KEY_CANARY}": 1 }\n`);
      symlinkSync(path.join(outside, 'private.json'), path.join(dir, SUPPRESSIONS_FILE));
      return {
        args: ['-f', 'json'],
        expect: 'the target outside is never read: exit 2 naming the link (or run without it)',
        outsideDir: outside,
        secrets: [KEY_CANARY],
        verify: (o) => refusedOrWithout(o, SUPPRESSIONS_FILE),
      };
    },
  },
];

const TAIL_URL_ENV = `DB_HOST=billing-db\nDB_USER=billing\nDATABASE_URL=postgres://app:${PLANTED.urlTail.value}@db:5432/billing\n`;

const row9: HostileCase[] = (
  [
    ['09a-url-password-map', 'map (table)', ['map']],
    ['09b-url-password-init', 'init --dry-run', ['init', '--dry-run']],
    ['09c-url-password-lint', 'lint -f json', ['-f', 'json']],
  ] as const
).map(([id, how, args]) => ({
  id,
  row: '9',
  title: `DATABASE_URL=postgres://app:hunter2/TailSecret99@db:5432/billing in a .env; ${how}`,
  build(dir: string): Built {
    writeBaseRepo(dir, { config: args[0] !== 'init', extra: { 'services/billing-service/.env': TAIL_URL_ENV } });
    return {
      args: [...args],
      expect: 'URL parsed as drivers do (userinfo up to the last @): no part of the password printed; the database is billing',
      secrets: [PLANTED.urlTail.value],
      verify: (o) => exitIn(o.main, args[0] === 'map' || args[0] === 'init' ? [0] : [0, 1]),
    };
  },
}));

const DUMP_ROWS = 100_000;

const row10: HostileCase[] = [
  {
    id: '10a-seven-dumps-46mb',
    row: '10',
    title: 'seven SQL dumps of 100k INSERTs each (46 MB) in a service',
    build(dir) {
      const extra: Record<string, string> = {};
      for (let n = 1; n <= 7; n++)
        extra[`services/billing-service/db/seed/dump_${n}.sql`] = dump(DUMP_ROWS, n * DUMP_ROWS) + (n === 7 ? DUMP_PLANT : '');
      writeBaseRepo(dir, { extra });
      return {
        args: ['-f', 'json'],
        expect: '≤ 20 s and ≤ 1 GiB (bulk INSERTs token-scanned): the INSERT planted at the end of dump 7 and the sibling finding reported',
        limits: DUMP_TARGET,
        verify: (o) => [...siblingReported(o), ...plantedDumpFinding(o, 'services/billing-service/db/seed/dump_7.sql')],
      };
    },
  },
  {
    id: '10b-one-dump-46mb',
    row: '10',
    title: 'one 46 MB SQL dump (700k INSERTs)',
    build(dir) {
      writeBaseRepo(dir, { extra: { 'services/billing-service/db/seed/dump.sql': dump(7 * DUMP_ROWS) + DUMP_PLANT } });
      return {
        args: ['-f', 'json'],
        expect: '≤ 20 s and ≤ 1 GiB: the INSERT planted at its end reported (or an error-level finding naming it); never a pass',
        limits: DUMP_TARGET,
        verify: (o) => [...exitIn(o.main, [1]), ...plantedDumpFinding(o, 'services/billing-service/db/seed/dump.sql')],
      };
    },
  },
  {
    id: '10c-one-dump-6mb',
    row: '10',
    title: 'one SQL dump of 100k INSERTs (6.6 MB)',
    build(dir) {
      writeBaseRepo(dir, { extra: { 'services/billing-service/db/seed/dump.sql': dump(DUMP_ROWS) + DUMP_PLANT } });
      return {
        args: ['-f', 'json'],
        expect: '≤ 10 s and ≤ 500 MiB: the INSERT planted at its end and the sibling finding reported',
        verify: (o) => [...siblingReported(o), ...plantedDumpFinding(o, 'services/billing-service/db/seed/dump.sql')],
      };
    },
  },
];

const allPlanted = () => Object.values(PLANTED).map((s) => s.value);

const row11: HostileCase[] = [
  {
    id: '11a-cache-plain-secrets',
    row: '11',
    title: 'the secret corpus linted with --cache: the cache file is grepped',
    build(dir) {
      writeSecretRepo(dir);
      return {
        args: ['--cache', '--cache-location', '.nilecare-lint-cache', '-f', 'json'],
        expect: 'the cache holds no planted value, fragment or base64 (hashes where correlation is needed)',
        secrets: allPlanted(),
        outputs: ['.nilecare-lint-cache'],
        verify: (o) => (o.files['.nilecare-lint-cache'] === undefined ? ['no cache file written at the named location'] : []),
      };
    },
  },
];

/** The kill probe's verdict: the file is the old one or a complete new one. */
function intactAfterKill(o: Observation, file: string, valid: (text: string) => string | undefined): string[] {
  if (o.main.killedFor !== 'changed')
    return [`inconclusive: the probe did not catch a write of ${file} in progress (${o.main.killedFor ?? `exit ${o.main.exitCode}`})`];
  const text = o.files[file];
  if (text === undefined) return [`${file} is gone after the kill`];
  const problem = valid(text);
  return problem ? [`${file} after a kill during its write: ${problem}`] : [];
}

const parsesAsJson = (minBytes: number) => (text: string) => {
  try {
    JSON.parse(text);
    return text.length >= minBytes ? undefined : `only ${text.length} bytes`;
  } catch {
    return `truncated: ${text.length} bytes, not valid JSON`;
  }
};

const BASELINE_ENTRIES = 45_000;

const row12: HostileCase[] = [
  {
    id: '12a-kill-during-output',
    row: '12',
    title: 'SIGKILL at the first change of report.sarif during -f sarif -o report.sarif',
    attempts: 3,
    build(dir) {
      writeBaseRepo(dir, {
        extra: {
          'services/billing-service/sql/reports.sql': manyFindingsSql(3000),
          'report.sarif': '{ "version": "2.1.0", "runs": [] }\n',
        },
      });
      return {
        args: ['-f', 'sarif', '-o', 'report.sarif'],
        killWhenChanged: 'report.sarif',
        expect: 'report.sarif is the old file or a complete new one (temp file + fsync + rename), never truncated',
        limits: { seconds: 60, mib: 1024 },
        outputs: ['report.sarif'],
        verify: (o) => intactAfterKill(o, 'report.sarif', parsesAsJson(10)),
      };
    },
  },
  {
    id: '12b-kill-during-suppress-all',
    row: '12',
    title: `SIGKILL at the first change of an 8.6 MB baseline (${BASELINE_ENTRIES} entries) during --suppress-all`,
    attempts: 3,
    build(dir) {
      const entries: string[] = [];
      for (let i = 0; i < BASELINE_ENTRIES; i++) {
        entries.push(
          `    {"rule":"no-cross-service-query","file":"services/billing-service/src/old-${i % 500}.ts","fingerprint":"${createHash('sha1').update(String(i)).digest('hex')}","line":${i % 400},"message":"Service 'billing-service' reads table 'clinical_patients' owned by service 'clinical-service' (${i})"}`,
        );
      }
      writeBaseRepo(dir, { extra: { [SUPPRESSIONS_FILE]: `{\n  "version": 1,\n  "suppressions": [\n${entries.join(',\n')}\n  ]\n}\n` } });
      const before = readFileSync(path.join(dir, SUPPRESSIONS_FILE), 'utf8').length;
      return {
        args: ['--suppress-all', '-f', 'json'],
        killWhenChanged: SUPPRESSIONS_FILE,
        expect: 'the baseline is the old file or the complete new one, never truncated',
        outputs: [SUPPRESSIONS_FILE],
        verify: (o) => intactAfterKill(o, SUPPRESSIONS_FILE, parsesAsJson(before)),
      };
    },
  },
  {
    id: '12c-kill-during-cache-write',
    row: '12',
    title: 'SIGKILL at the first file the cache write creates, then a normal --cache run',
    attempts: 3,
    build(dir) {
      writeBaseRepo(dir, { extra: { 'services/billing-service/sql/reports.sql': manyFindingsSql(3000) } });
      mkdirSync(path.join(dir, 'lint-cache'));
      const args = ['--cache', '--cache-location', 'lint-cache/', '-f', 'json'];
      return {
        args,
        killWhenChanged: 'lint-cache',
        then: [{ args, label: 'second --cache run' }],
        expect: 'after the next run, lint-cache/ holds the cache and no temp file of the killed run',
        limits: { seconds: 60, mib: 1024 },
        verify: (o) => {
          if (o.main.killedFor !== 'changed')
            return [`inconclusive: the probe did not catch the cache write (${o.main.killedFor ?? `exit ${o.main.exitCode}`})`];
          const left = execFileSync('ls', ['-A', path.join(o.dir, 'lint-cache')], { encoding: 'utf8' })
            .split('\n')
            .filter((n) => n && n !== '.nilecare-lint-cache');
          return left.length > 0 ? [`left in lint-cache/ after the next run: ${left.join(', ')}`] : [];
        },
      };
    },
  },
];

const row13: HostileCase[] = [
  {
    id: '13a-roots-outside',
    row: '13',
    title: 'services[].roots: ["../outside", …] in the config',
    build(dir) {
      const outside = outsideOf(dir);
      writeTree(outside, {
        'package.json': '{ "dependencies": { "pg": "1" } }\n',
        'evil.sql': 'CREATE TABLE zq_outside_canary (id int);\n',
      });
      writeBaseRepo(dir, {
        config: configWith(
          {},
          { name: 'billing-service', patch: { dialect: undefined, roots: [path.relative(dir, outside), 'services/billing-service'] } },
        ),
      });
      return {
        args: ['-f', 'json'],
        expect: 'nothing outside the repository read: exit 2 naming the root as outside the repository, or the root ignored',
        outsideDir: outside,
        secrets: ['zq_outside_canary'],
        verify: (o) => (o.main.exitCode === 2 ? refusedNaming(o.main, 'roots') : siblingReported(o)),
      };
    },
  },
  {
    id: '13b-service-dir-symlink-init',
    row: '13',
    title: 'services/evil-service -> outside folder; init --dry-run',
    build(dir) {
      const outside = outsideOf(dir);
      writeTree(outside, {
        'package.json': '{ "name": "evil", "dependencies": { "pg": "1" } }\n',
        'migrations/V1__evil.sql': 'CREATE TABLE zq_outside_canary (id BIGSERIAL PRIMARY KEY);\n',
        '.env': 'PGDATABASE=zq_outside_db\n',
      });
      writeBaseRepo(dir, { config: false });
      symlinkSync(outside, path.join(dir, 'services/evil-service'));
      return {
        args: ['init', '--dry-run'],
        expect: 'symlinked folders are not followed: no service, dialect, database or table taken from outside',
        outsideDir: outside,
        secrets: ['zq_outside_canary', 'zq_outside_db'],
        verify: (o) => exitIn(o.main, [0]),
      };
    },
  },
  {
    id: '13c-service-dir-symlink-lint',
    row: '13',
    title: 'services/evil-service -> outside folder; plain lint (services inferred)',
    build(dir) {
      const outside = outsideOf(dir);
      writeTree(outside, {
        'package.json': '{ "name": "evil", "dependencies": { "pg": "1" } }\n',
        'src/x.ts': "export const q = 'SELECT * FROM zq_outside_canary';\n",
      });
      writeBaseRepo(dir, { config: false });
      symlinkSync(outside, path.join(dir, 'services/evil-service'));
      return {
        args: ['-f', 'json'],
        expect: 'nothing outside read (no manifest, no listing): exit 1 with the sibling finding',
        outsideDir: outside,
        secrets: ['zq_outside_canary'],
        verify: (o) => siblingReported(o),
      };
    },
  },
];

/** Row 14: one I/O error, one line. */
function ioCase(
  id: string,
  title: string,
  setup: (dir: string) => Omit<Built, 'expect' | 'verify'> & { names: string; exit?: number[] },
): HostileCase {
  return {
    id,
    row: '14',
    title,
    build(dir) {
      const { names, exit, ...built } = setup(dir);
      return {
        ...built,
        expect: `exit ${exit?.join(' or ') ?? 2}, one line on stderr naming ${names}, no stack trace`,
        verify: (o) => (exit ? exitIn(o.main, exit) : oneLineError(o.main, names)),
      };
    },
  };
}

function onFullDisk(dir: string, place: (full: string) => Omit<Built, 'expect' | 'verify'> & { names: string }) {
  writeBaseRepo(dir);
  const unmount = fullDisk(path.join(dir, 'full'));
  if (!unmount) return { ...place('/dev/full'), names: '/dev/full' };
  return { ...place('full'), cleanup: unmount };
}

const row14: HostileCase[] = [
  ioCase('14a-output-eisdir', '-o names an existing folder (EISDIR)', (dir) => {
    writeBaseRepo(dir);
    mkdirSync(path.join(dir, 'reports'));
    return { args: ['-f', 'sarif', '-o', 'reports'], names: 'reports' };
  }),
  ioCase('14b-output-enospc', '-o on a full disk (ENOSPC, tmpfs)', (dir) =>
    onFullDisk(dir, (full) => ({ args: ['-f', 'sarif', '-o', `${full}/report.sarif`], names: `${full}/report.sarif` })),
  ),
  ioCase('14c-output-eacces', '-o in a folder the user cannot write (EACCES)', (dir) => {
    writeBaseRepo(dir);
    openToAll(dir);
    mkdirSync(path.join(dir, 'locked'), { mode: 0o555 });
    return { args: ['-f', 'sarif', '-o', 'locked/report.sarif'], user: NOBODY, names: 'locked/report.sarif' };
  }),
  ioCase('14d-suppress-all-enospc', '--suppress-all with the suppressions file on a full disk', (dir) =>
    onFullDisk(dir, (full) => ({
      args: ['--suppress-all', '--suppressions-location', `${full}/suppressions.json`],
      names: `${full}/suppressions.json`,
    })),
  ),
  ioCase('14e-suppress-all-eacces', '--suppress-all in a repository the user cannot write (EACCES)', (dir) => {
    writeBaseRepo(dir);
    openToAll(dir);
    chmodSync(dir, 0o555);
    return { args: ['--suppress-all'], user: NOBODY, names: SUPPRESSIONS_FILE };
  }),
  ioCase('14f-init-eisdir', 'init --force where nilecare-lint.config.json is a folder (EISDIR)', (dir) => {
    writeBaseRepo(dir, { config: false });
    mkdirSync(path.join(dir, CONFIG_FILE));
    return { args: ['init', '--force'], names: CONFIG_FILE };
  }),
  ioCase('14g-init-eacces', 'init in a repository the user cannot write (EACCES)', (dir) => {
    writeBaseRepo(dir, { config: false });
    openToAll(dir);
    chmodSync(dir, 0o555);
    return { args: ['init'], user: NOBODY, names: CONFIG_FILE };
  }),
  ioCase('14h-map-output-eisdir', 'map -o names an existing folder (EISDIR)', (dir) => {
    writeBaseRepo(dir);
    mkdirSync(path.join(dir, 'maps'));
    return { args: ['map', '-o', 'maps'], names: 'maps' };
  }),
  ioCase('14i-map-output-enospc', 'map -o on a full disk (ENOSPC, tmpfs)', (dir) =>
    onFullDisk(dir, (full) => ({ args: ['map', '-o', `${full}/map.txt`], names: `${full}/map.txt` })),
  ),
  ioCase('14j-stdout-dev-full', 'stdout is /dev/full, clean repository', (dir) => {
    writeBaseRepo(dir, { clean: true });
    return { args: [], stdout: 'full', names: 'stdout' };
  }),
  ioCase('14k-stdout-epipe', 'stdout closed by the reader (EPIPE), repository with findings', (dir) => {
    writeBaseRepo(dir, { extra: { 'services/billing-service/sql/reports.sql': manyFindingsSql(300) } });
    return { args: [], stdout: 'closed', names: 'stdout', exit: [1, 2] };
  }),
];

const DIALECT_RULES = ['parse-error', 'migration-dialect-mismatch'];

function dialectCase(id: string, title: string, file: string, sql: string, config: Record<string, unknown> = baseConfig()): HostileCase {
  return {
    id,
    row: '15',
    title,
    build(dir) {
      writeBaseRepo(dir, { config, extra: { [file]: sql } });
      return {
        args: ['-f', 'json'],
        expect: `the service's dialect wins over sniffing; no parse-error or migration-dialect-mismatch on valid SQL in ${path.posix.basename(file)}`,
        verify: (o) => [...noFindingsOf(o, file, DIALECT_RULES), ...siblingReported(o)],
      };
    },
  };
}

const TS = 'created_at TIMESTAMPTZ NOT NULL DEFAULT now(),\n  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()';
const MYSQL_TS = 'created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP';

const row15: HostileCase[] = [
  dialectCase(
    '15a-pg-copy-delimiter',
    "PostgreSQL service (dialect configured): COPY … WITH (DELIMITER ';') and CREATE TYPE … (DELIMITER = ',')",
    'services/clinical-service/migrations/V2__import.sql',
    "COPY clinical_patients (id, mrn) FROM '/srv/import/patients.csv' WITH (FORMAT csv, DELIMITER ';');\n" +
      "CREATE TYPE clinical_box (INPUT = box_in, OUTPUT = box_out, INTERNALLENGTH = 16, DELIMITER = ',');\n",
  ),
  dialectCase(
    '15b-mysql-serial-json-value',
    'MySQL service: SERIAL and JSON_VALUE(… RETURNING CHAR), both valid MySQL 8',
    'services/billing-service/migrations/V2__documents.sql',
    `CREATE TABLE billing_documents (\n  id SERIAL PRIMARY KEY,\n  doc JSON NOT NULL,\n  ${MYSQL_TS}\n);\n` +
      "SELECT JSON_VALUE(doc, '$.total' RETURNING CHAR) AS total FROM billing_documents;\n",
  ),
  dialectCase(
    '15c-pg-key-column-jsonb-minus',
    'PostgreSQL service: a column named key (of an extension type) and the jsonb #- operator starting a line',
    'services/clinical-service/migrations/V2__settings.sql',
    `CREATE EXTENSION IF NOT EXISTS citext;\nCREATE TABLE clinical_settings (\n  id BIGSERIAL PRIMARY KEY,\n  key citext NOT NULL,\n  doc JSONB NOT NULL,\n  ${TS}\n);\n` +
      "UPDATE clinical_settings\n   SET doc = doc\n       #- '{a,b}'\n WHERE key = 'x';\n",
  ),
];

const row16: HostileCase[] = [
  {
    id: '16a-utf16le-ts',
    row: '16',
    title: 'the file with the finding saved as UTF-16LE with a BOM',
    build(dir) {
      writeBaseRepo(dir, { extra: { [SIBLING_FILE]: utf16(SIBLING_TEXT, 'le') } });
      return {
        args: ['-f', 'json'],
        expect: 'UTF-16 decoded and analysed: exit 1 with the sibling finding',
        verify: (o) => siblingReported(o),
      };
    },
  },
  {
    id: '16b-utf16be-sql',
    row: '16',
    title: 'a billing .sql file reading clinical_patients, UTF-16BE with a BOM',
    build(dir) {
      const file = 'services/billing-service/sql/patients.sql';
      writeBaseRepo(dir, { clean: true, extra: { [file]: utf16('SELECT id, mrn FROM clinical_patients;\n', 'be') } });
      return {
        args: ['-f', 'json'],
        expect: 'UTF-16 decoded and analysed: exit 1 with the cross-service query in the .sql file',
        verify: (o) => {
          const failures = exitIn(o.main, [1]);
          if (!(jsonFindings(o.main.stdout) ?? []).some((m) => m.file === file && m.ruleId === 'no-cross-service-query'))
            failures.push(`no no-cross-service-query on ${file}`);
          return failures;
        },
      };
    },
  },
];

// ---------------------------------------------------------------------------------------------
// The secret-leak corpus: every format, map, init, cache, suppressions and stderr

const SECRET_FILES = [
  'services/billing-service/.env',
  'k8s/billing/secret.yaml',
  'k8s/billing/configmap.yaml',
  'k8s/billing/deployment.yaml',
  'services/billing-service/src/legacy-db.ts',
  'services/billing-service/src/env.ts',
];

const secretCorpus: HostileCase = {
  id: 'S-secret-corpus',
  row: 'secrets',
  title: 'every secret shape, every output: 6 formats, -o, map ×8, init, --cache, --suppress-all, TIMING, print-config',
  build(dir) {
    writeSecretRepo(dir);
    const formats = ['json', 'sarif', 'github', 'gitlab', 'junit'].map((f) => ({ args: ['-f', f] }));
    const maps = [['table'], ['markdown'], ['mermaid', '--all-tables'], ['dot', '--all-tables'], ['json']].map(([f, ...more]) => ({
      args: ['map', '-f', f, ...more],
    }));
    const summaries = ['table', 'markdown', 'json'].map((f) => ({ args: ['map', '--summary', '-f', f] }));
    return {
      args: [],
      label: 'stylish',
      expect: 'no planted value, no 6-character fragment of one and no base64 of one in any output, file or message',
      secrets: allPlanted(),
      then: [
        ...formats,
        { args: ['-f', 'sarif', '--sarif-include-suppressed', '-o', 'out/report.sarif'] },
        ...maps,
        ...summaries,
        { args: ['map', '-f', 'markdown', '-o', 'out/map.md'] },
        { args: ['--print-config', 'services/billing-service/.env'] },
        { args: ['-f', 'json'], env: { TIMING: 'all' }, label: 'TIMING=all' },
        { args: ['--cache', '-f', 'json'], label: '--cache' },
        { args: ['--cache', '-f', 'json'], label: '--cache (warm)' },
        { args: ['init', '--dry-run'] },
        { args: ['--suppress-all', '-f', 'json'], label: '--suppress-all' },
        { args: ['-f', 'json'], label: 'json after --suppress-all' },
        { args: ['init'] },
        { args: ['-f', 'sarif'], label: 'sarif with the init config' },
      ],
      outputs: ['out/report.sarif', 'out/map.md', '.nilecare-lint-cache', SUPPRESSIONS_FILE, CONFIG_FILE],
      verify: (o) => {
        // A corpus the tool does not see tests nothing: each documented secret-bearing file must have a finding.
        const findings = jsonFindings(o.runs[1].stdout) ?? [];
        const unseen = SECRET_FILES.filter((file) => !findings.some((m) => m.file === file && m.severity === 2));
        const failures = unseen.map((file) => `corpus not seen: no error-level finding on ${file}`);
        for (const output of ['out/report.sarif', '.nilecare-lint-cache', SUPPRESSIONS_FILE, CONFIG_FILE]) {
          if (o.files[output] === undefined) failures.push(`${output} was not written: part of the corpus went unchecked`);
        }
        return failures;
      },
    };
  },
};

/** Every case: rows 1–16, the secret corpus, then the seeded pathological shapes. */
export function hostileCases(options: { seed?: number } = {}): HostileCase[] {
  return [
    control,
    ...row1,
    ...row2,
    ...row3,
    ...row4,
    ...row5,
    ...row6,
    ...row7,
    ...row8,
    ...row9,
    ...row10,
    ...row11,
    ...row12,
    ...row13,
    ...row14,
    ...row15,
    ...row16,
    secretCorpus,
    ...fuzzCases(options.seed ?? 13),
  ];
}
