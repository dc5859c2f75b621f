import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { DEFAULT_CACHE_LOCATION, FileFactsCache } from './analysis/facts-cache.js';
import { effectiveConfigFor } from './commands/print-config.js';
import { ConfigError } from './config/load.js';
import { BaselineError, DEFAULT_SUPPRESSIONS_FILE, type BaselineEntry } from './engine/baseline.js';
import { applyBulkSuppressions } from './bulk-suppressions.js';
import type { Severity } from './engine/types.js';
import { lint, type LintTimings, type LintRun } from './lint.js';
import { changedSince, GitError, stagedFiles } from './discovery/git.js';
import { formatResult, reporterNames, type ReporterName } from './reporters/index.js';
import { ruleRegistry } from '../rules/index.js';
import { initCommand } from './commands/init.js';
import { mapCommand } from './commands/map.js';
import type { CliIo } from './commands/io.js';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export function toolVersion(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      return (JSON.parse(readFileSync(path.join(here, candidate), 'utf8')) as { version: string }).version;
    } catch {
      // try the next layout (src/ when run from source, dist/src/ when built)
    }
  }
  return '0.0.0';
}

export type { CliIo };

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
};

/** Parses `id:severity` pairs from `--rule`. */
function parseRuleOverrides(values: string[] | undefined): Record<string, Severity | 'off'> {
  const out: Record<string, Severity | 'off'> = {};
  for (const value of values ?? []) {
    const match = /^([\w-]+)\s*[:=]\s*(off|warn|error)$/.exec(value.trim());
    if (!match) throw new UsageError(`--rule expects 'rule-id:off|warn|error', got '${value}'`);
    out[match[1]] = match[2] as Severity | 'off';
  }
  return out;
}

class UsageError extends Error {}

/** ESLint's `TIMING` table: the ten slowest rules (all with `TIMING=all`, the top N with `TIMING=N` above 10), after the phases. */
export function formatTimings(timings: LintTimings, setting: string | undefined): string {
  const table = (title: string, rows: Array<[string, number]>, total: number) => {
    const width = Math.max(title.length, ...rows.map(([name]) => name.length));
    const lines = [`${title.padEnd(width)} | Time (ms) | Relative`, `${':'.padEnd(width, '-')}-|----------:|--------:`];
    for (const [name, ms] of rows)
      lines.push(`${name.padEnd(width)} | ${ms.toFixed(3).padStart(9)} | ${(total > 0 ? (ms / total) * 100 : 0).toFixed(1).padStart(7)}%`);
    return lines.join('\n');
  };
  const phaseTotal = timings.phases.reduce((sum, [, ms]) => sum + ms, 0);
  const rules = [...timings.rules].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  const requested = Number.parseInt(setting ?? '', 10);
  const limit = setting?.toLowerCase() === 'all' ? rules.length : requested > 10 ? requested : 10;
  const ruleTotal = rules.reduce((sum, [, ms]) => sum + ms, 0);
  return `${table('Phase', timings.phases, phaseTotal)}\n\n${table('Rule', rules.slice(0, limit), ruleTotal)}\n`;
}

function parseShard(value: string | undefined): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard expects k/n with 1 ≤ k ≤ n, got '${value}'`);
  return { index, count };
}

/** The change set of `--changed-since` / `--staged`, repo-relative; undefined when neither is given. */
function gitChangeSet(cwd: string, since: string | undefined, staged: boolean | undefined, hasFiles: boolean): string[] | undefined {
  if (since === undefined && !staged) return undefined;
  if (since !== undefined && staged) throw new UsageError('--changed-since and --staged cannot be used together');
  if (hasFiles) throw new UsageError(`file arguments cannot be combined with ${staged ? '--staged' : '--changed-since'}`);
  if (since !== undefined && since.trim() === '') throw new UsageError('--changed-since needs a git ref, e.g. origin/main');
  return since !== undefined ? changedSince(cwd, since) : stagedFiles(cwd);
}

/** ESLint's wording, plus the entries, so the fix is obvious. */
function unprunedMessage(file: string, unmatched: readonly BaselineEntry[]): string {
  const shown = unmatched.slice(0, 20).map((e) => `  ${e.rule}  ${e.file}${e.line ? `:${e.line}` : ''}  ${e.fingerprint}\n`);
  const more = unmatched.length > shown.length ? `  … and ${unmatched.length - shown.length} more\n` : '';
  return (
    `nilecare-lint: there are suppressions left in ${file} that do not occur anymore:\n${shown.join('')}${more}` +
    'Consider re-running the command with --prune-suppressions (or pass --pass-on-unpruned-suppressions).\n'
  );
}

/** Exit code for a finished run: 1 for error-level findings or too many warnings. */
export function exitCodeFor(run: Pick<LintRun, 'diagnostics' | 'internalErrors'>, maxWarnings: number | undefined): number {
  if (run.internalErrors.length > 0) return EXIT_USAGE;
  const active = run.diagnostics.filter((d) => !d.suppressed);
  if (active.some((d) => d.severity === 'error')) return EXIT_FINDINGS;
  if (maxWarnings !== undefined && maxWarnings >= 0 && active.filter((d) => d.severity === 'warn').length > maxWarnings)
    return EXIT_FINDINGS;
  return EXIT_CLEAN;
}

function listRules(): string {
  const rows = Object.values(ruleRegistry)
    .map((rule) => rule.meta)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((meta) => `${meta.id.padEnd(32)} ${String(meta.defaultSeverity).padEnd(6)} ${meta.category.padEnd(13)} ${meta.description}`);
  return `${'rule'.padEnd(32)} ${'default'.padEnd(6)} ${'category'.padEnd(13)} description\n${rows.join('\n')}\n`;
}

/** Runs the CLI and returns the exit code; never calls process.exit itself. */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let exitCode = EXIT_CLEAN;
  let subcommandExit: number | undefined;
  const parser = yargs(argv)
    .scriptName('nilecare-lint')
    .usage('$0 [files..]  Lint the data layer of a microservice monorepo')
    .command('$0 [files..]', 'Lint the repository (or only the named files)', (y) =>
      y.positional('files', { type: 'string', array: true, describe: 'Files to lint; ownership still comes from the whole repository' }),
    )
    .command(initCommand(io, (code) => (subcommandExit = code)))
    .command(mapCommand(io, (code) => (subcommandExit = code)))
    .option('cwd', { type: 'string', describe: 'Repository root', default: '.' })
    .option('config', { alias: 'c', type: 'string', describe: 'Config file (default: nilecare-lint.config.json in the root)' })
    .option('format', { alias: 'f', choices: reporterNames as unknown as string[], default: 'stylish', describe: 'Output format' })
    .option('output', { alias: 'o', type: 'string', describe: 'Write the report to a file' })
    .option('max-warnings', { type: 'number', describe: 'Exit 1 when there are more warnings than this' })
    .option('color', { type: 'boolean', describe: 'Force colour on or off (--no-color)' })
    .option('rule', { type: 'string', array: true, describe: "Override a rule's severity: 'rule-id:off|warn|error'" })
    .option('ignore-pattern', { type: 'string', array: true, describe: 'Extra globs to ignore' })
    .option('shard', { type: 'string', describe: 'Lint slice k of n (k/n), for CI matrices' })
    .option('concurrency', {
      choices: ['auto', 'off'],
      default: 'auto',
      describe: 'auto: parse SQL on a worker thread in large repositories on 4 or more cores; off: one thread',
    })
    .option('list-rules', { type: 'boolean', describe: 'Print every rule with its default severity and exit' })
    .option('print-config', {
      type: 'string',
      describe: 'Print the effective config for a file, with its owning service and dialect, and exit',
    })
    .option('changed-since', {
      type: 'string',
      describe: 'Lint files changed since a git ref (and files using tables they declare)',
      group: 'Changed files:',
    })
    .option('staged', {
      type: 'boolean',
      describe: 'Lint files staged for commit (and files using tables they declare)',
      group: 'Changed files:',
    })
    .option('affected', {
      type: 'boolean',
      describe: 'Treat the named files as a change set: also lint files using tables they declare',
      group: 'Changed files:',
    })
    .option('cache', { type: 'boolean', describe: 'Reuse the facts of unchanged files from the last run', group: 'Caching:' })
    .option('cache-location', { type: 'string', describe: `Cache file or folder (default: ${DEFAULT_CACHE_LOCATION})`, group: 'Caching:' })
    .option('report-unused-disable-directives', {
      type: 'boolean',
      describe: 'Report disable directives that suppress nothing, as errors',
      group: 'Suppressions:',
    })
    .option('report-unused-disable-directives-severity', {
      choices: ['off', 'warn', 'error'],
      describe: 'Same, with this severity',
      group: 'Suppressions:',
    })
    .option('require-disable-reason', {
      type: 'boolean',
      describe: "Report disable directives without a reason after '--'",
      group: 'Suppressions:',
    })
    .option('suppress-all', { type: 'boolean', describe: 'Add every current finding to the suppressions file', group: 'Suppressions:' })
    .option('suppress-rule', {
      type: 'string',
      array: true,
      describe: 'Add the current findings of a rule to the suppressions file (repeatable)',
      group: 'Suppressions:',
    })
    .option('suppressions-location', {
      type: 'string',
      describe: `Suppressions file (default: ${DEFAULT_SUPPRESSIONS_FILE})`,
      group: 'Suppressions:',
    })
    .option('prune-suppressions', {
      type: 'boolean',
      describe: 'Remove suppressions that no longer match a finding',
      group: 'Suppressions:',
    })
    .option('pass-on-unpruned-suppressions', {
      type: 'boolean',
      describe: 'Do not fail when suppressions no longer match a finding',
      group: 'Suppressions:',
    })
    .option('sarif-include-suppressed', { type: 'boolean', describe: 'Keep suppressed findings in SARIF output (with their suppressions)' })
    .strictOptions()
    .help()
    .version(toolVersion())
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    });

  try {
    const args = await parser.parseAsync();
    if (args.help || args.version) return EXIT_CLEAN;
    if (subcommandExit !== undefined) return subcommandExit;
    if (args['list-rules']) {
      io.stdout(listRules());
      return EXIT_CLEAN;
    }
    const cwd = path.resolve(args.cwd);
    const named = (args.files as string[] | undefined) ?? [];
    const shard = parseShard(args.shard);
    const ruleOverrides = parseRuleOverrides(args.rule);
    if (args['print-config'] !== undefined) {
      const file = path.relative(cwd, path.resolve(args['print-config']));
      io.stdout(`${JSON.stringify(effectiveConfigFor({ cwd, configPath: args.config, file, ruleOverrides }), null, 2)}\n`);
      return EXIT_CLEAN;
    }
    const changeSet = gitChangeSet(cwd, args['changed-since'], args.staged, named.length > 0);
    if (args['suppress-all'] && args['suppress-rule']) throw new UsageError('--suppress-all and --suppress-rule cannot be used together');
    for (const id of args['suppress-rule'] ?? []) {
      if (!ruleRegistry[id]) throw new UsageError(`--suppress-rule: unknown rule '${id}' (see --list-rules)`);
    }
    const cache = args.cache ? FileFactsCache.open(cwd, args['cache-location'] ?? DEFAULT_CACHE_LOCATION, toolVersion()) : undefined;
    const unusedSeverity =
      (args['report-unused-disable-directives-severity'] as Severity | 'off' | undefined) ??
      (args['report-unused-disable-directives'] ? 'error' : undefined);
    const lintRun = await lint({
      cwd,
      configPath: args.config,
      files: changeSet ?? (named.length > 0 ? named.map((f) => path.relative(cwd, path.resolve(f))) : undefined),
      affected: changeSet !== undefined || args.affected,
      ignorePatterns: args['ignore-pattern'],
      ruleOverrides,
      shard,
      factsCache: cache,
      reportUnusedDisableDirectives: unusedSeverity,
      requireDisableReason: args['require-disable-reason'],
      timing: Boolean(io.env.TIMING),
      sqlWorker: args.concurrency === 'off' ? false : undefined,
    });
    if (cache) {
      try {
        cache.save();
      } catch (error) {
        io.stderr(`nilecare-lint: could not write the cache ${cache.file}: ${(error as Error).message}\n`);
      }
    }
    const bulk = applyBulkSuppressions(lintRun, {
      file: path.resolve(cwd, args['suppressions-location'] ?? DEFAULT_SUPPRESSIONS_FILE),
      suppressAll: args['suppress-all'],
      suppressRules: args['suppress-rule'],
      prune: args['prune-suppressions'],
    });
    const { run, relativeFile: relativeSuppressions } = bulk;
    if (bulk.written) {
      io.stderr(
        `nilecare-lint: ${relativeSuppressions}: ${bulk.written.added} suppression(s) added, ${bulk.written.removed} pruned, ${bulk.written.total} in total\n`,
      );
    }
    const unpruned = bulk.unmatched.length > 0 && !args['pass-on-unpruned-suppressions'];
    for (const error of run.internalErrors) io.stderr(`nilecare-lint: internal error: ${error}\n`);
    exitCode = unpruned ? EXIT_USAGE : exitCodeFor(run, args['max-warnings']);
    const format = args.format as ReporterName;
    const color = args.color ?? (args.output ? false : io.isTTY && !io.env.NO_COLOR);
    const report = formatResult(format, run, {
      color,
      toolVersion: toolVersion(),
      maxWarnings: args['max-warnings'],
      exitCode,
      automationId: shard ? `nilecare-lint/shard-${shard.index}-of-${shard.count}/` : 'nilecare-lint/',
      includeSuppressed: args['sarif-include-suppressed'],
    });
    if (args.output) {
      const target = path.resolve(args.output);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, report);
    } else {
      io.stdout(report.endsWith('\n') || report === '' ? report : `${report}\n`);
    }
    if (unpruned) io.stderr(unprunedMessage(relativeSuppressions, bulk.unmatched));
    if (lintRun.timings) io.stderr(formatTimings(lintRun.timings, io.env.TIMING));
    return exitCode;
  } catch (error) {
    if (
      error instanceof ConfigError ||
      error instanceof UsageError ||
      error instanceof GitError ||
      error instanceof BaselineError ||
      (error as Error).name === 'YError'
    ) {
      io.stderr(`nilecare-lint: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`nilecare-lint: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT_USAGE;
  }
}
