import { withoutTrailingSlashes } from './io/repository-paths.js';
import path from 'node:path';
import yargs, { type Argv, type Options } from 'yargs';
import { DEFAULT_CACHE_LOCATION, type FileFactsCache } from './analysis/facts-cache.js';
import type { BaselineEntry } from './engine/baseline.js';
import { DEFAULT_SUPPRESSIONS_FILE } from './defaults.js';
import type { Severity } from './engine/types.js';
import { FIX_KINDS, type FixKind } from './engine/fix.js';
import { unifiedDiff } from './unified-diff.js';
import type { LintOptions, LintTimings, LintRun } from './lint.js';
import { changedSince, GitError, stagedFiles } from './discovery/git.js';
import { suggestCommand } from './commands/suggest-command.js';
import { reporterNames, type ReporterName } from './reporters/index.js';
import { initCommand, initOptions } from './commands/init.js';
import { mapCommand, mapOptions } from './commands/map.js';
import { diffCommand, diffOptions } from './commands/diff.js';
import { lspCommand, lspOptions } from './commands/lsp.js';
import { wantsColor } from './commands/color.js';
import type { CliIo, CommandHooks } from './commands/io.js';
import type { AnyRule } from './engine/types.js';
import { toolVersion } from './version.js';
import { describeErrorCode, FileAccessError } from './io/file-access-error.js';
import { processStreams, type ProcessStreams } from './io/process-streams.js';
import { diskFiles, type CliFiles } from './commands/cli-files.js';
import { readStdin, StdinTooLargeError } from './io/read-stdin.js';
import { overlayTree } from './io/source-tree.js';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export { toolVersion };
// The worker thread's streams (bin/nilecare-lint.js): from this module, so that its StdinTooLargeError and
// write-file-atomic are the ones the CLI uses.
export { threadIo } from './commands/thread-io.js';

export type { CliIo };

let streams: ProcessStreams | undefined;

/** The process's own streams, guarded once: a closed pipe or a full disk ends the run quietly (see runCli). */
function processIo(): CliIo {
  streams ??= processStreams();
  return {
    stdout: streams.stdout,
    stderr: streams.stderr,
    settle: streams.settle,
    stdin: (maxBytes) => readStdin(process.stdin, maxBytes),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
  };
}

/** A mistake on the command line: one line on stderr, exit 2. */
class UsageError extends Error {}

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

/** `--max-warnings`: a whole number; -1 (ESLint's default) means no limit, returned as undefined. */
export function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const count = /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(count) || count < -1)
    throw new UsageError(`--max-warnings expects a number of warnings (0 or more, or -1 for no limit), got '${value}'`);
  return count === -1 ? undefined : count;
}

/** `--sarif-category`: the category part of SARIF's `automationDetails.id` (`<category>/`). */
function parseSarifCategory(value: string | undefined, format: ReporterName): string | undefined {
  if (value === undefined) return undefined;
  const category = withoutTrailingSlashes(value.trim());
  if (category === '') throw new UsageError(`--sarif-category expects a name, e.g. nilecare-lint, got '${value}'`);
  if (format !== 'sarif') throw new UsageError(`--sarif-category applies to --format sarif, not '${format}'`);
  return category;
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

/** Active (unsuppressed) warnings, the number `--max-warnings` limits. */
function warningCount(run: Pick<LintRun, 'diagnostics'>): number {
  return run.diagnostics.filter((d) => !d.suppressed && d.severity === 'warn').length;
}

/**
 * Exit code for a finished run: 1 for error-level findings or more warnings than `maxWarnings` (undefined: no limit).
 * A run that found no services is a warning, not exit 2: its per-file rules did check (a single-service repository,
 * a repository being adopted), and the report says in every format what was not checked.
 */
export function exitCodeFor(run: Pick<LintRun, 'diagnostics' | 'internalErrors'>, maxWarnings: number | undefined): number {
  if (run.internalErrors.length > 0) return EXIT_USAGE;
  if (run.diagnostics.some((d) => !d.suppressed && d.severity === 'error')) return EXIT_FINDINGS;
  if (maxWarnings !== undefined && warningCount(run) > maxWarnings) return EXIT_FINDINGS;
  return EXIT_CLEAN;
}

function listRules(ruleRegistry: Record<string, AnyRule>): string {
  const rows = Object.values(ruleRegistry)
    .map((rule) => rule.meta)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((meta) => `${meta.id.padEnd(32)} ${String(meta.defaultSeverity).padEnd(6)} ${meta.category.padEnd(13)} ${meta.description}`);
  return `${'rule'.padEnd(32)} ${'default'.padEnd(6)} ${'category'.padEnd(13)} description\n${rows.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------
// Options: each command declares its own, so its help lists them and no other command takes them
// ---------------------------------------------------------------------------------------

/** Options every command takes. */
const globalOptions = {
  cwd: { type: 'string', describe: 'Run as if started in this folder: the config search and relative paths start there', default: '.' },
} satisfies Record<string, Options>;

const lintOptions = {
  config: {
    alias: 'c',
    type: 'string',
    describe: 'Config file (default: the nearest nilecare-lint.config.json up to the git root)',
  },
  format: { alias: 'f', choices: [...reporterNames], default: 'stylish', describe: 'Output format', group: 'Output:' },
  output: { alias: 'o', type: 'string', describe: 'Write the report to a file', group: 'Output:' },
  quiet: {
    type: 'boolean',
    describe: 'Report errors only; rules set to warn do not run unless --max-warnings is given',
    group: 'Output:',
  },
  'max-warnings': {
    type: 'string',
    describe: 'Exit 1 when there are more warnings than this (-1: no limit, the default)',
    group: 'Output:',
  },
  color: { type: 'boolean', describe: 'Force colour on or off (--no-color); FORCE_COLOR and NO_COLOR also apply', group: 'Output:' },
  'sarif-category': {
    type: 'string',
    describe: "SARIF: set automationDetails.id to '<name>/' (otherwise upload-sarif's category applies)",
    group: 'Output:',
  },
  'sarif-include-suppressed': {
    type: 'boolean',
    describe: 'SARIF: keep suppressed findings (with their suppressions)',
    group: 'Output:',
  },
  fix: { type: 'boolean', describe: 'Apply the safe fixes and report what remains (suggestions are never applied)', group: 'Fixing:' },
  'fix-dry-run': {
    type: 'boolean',
    describe: 'Print what --fix would change as a unified diff; write nothing',
    group: 'Fixing:',
  },
  'fix-type': {
    type: 'string',
    array: true,
    nargs: 1,
    describe: 'Apply only fixes of these kinds: problem, suggestion, layout, directive (comma-separated or repeated)',
    group: 'Fixing:',
  },
  // Repeatable options take one value per flag (nargs 1), as ESLint's do: yargs arrays are greedy, so
  // `--rule x:off services/billing` read the folder as a second rule.
  rule: { type: 'string', array: true, nargs: 1, describe: "Override a rule's severity: 'rule-id:off|warn|error'" },
  'ignore-pattern': { type: 'string', array: true, nargs: 1, describe: 'Extra globs to ignore (relative to the current folder)' },
  ignore: {
    type: 'boolean',
    describe: 'Apply ignore rules; --no-ignore lints what default ignores, .gitignore, config ignores and --ignore-pattern skip',
  },
  shard: { type: 'string', describe: 'Lint slice k of n (k/n), for CI matrices' },
  concurrency: {
    choices: ['auto', 'on', 'off'],
    default: 'auto',
    describe:
      'auto: parse SQL on a worker thread in large repositories on 4 or more cores; on: on a worker thread whatever the cores (less wall time where a core is idle, more memory); off: one thread',
  },
  'list-rules': { type: 'boolean', describe: 'Print every rule with its default severity and exit' },
  'print-config': {
    type: 'string',
    describe: 'Print the effective config for a file, with its owning service and dialect, and exit',
  },
  'changed-since': {
    type: 'string',
    describe: 'Lint files changed since a git ref (and files using tables they declare)',
    group: 'Changed files:',
  },
  staged: { type: 'boolean', describe: 'Lint files staged for commit (and files using tables they declare)', group: 'Changed files:' },
  affected: {
    type: 'boolean',
    describe: 'Treat the named files as a change set: also lint files using tables they declare',
    group: 'Changed files:',
  },
  cache: { type: 'boolean', describe: 'Reuse the facts of unchanged files from the last run', group: 'Caching:' },
  'cache-location': {
    type: 'string',
    describe: `Cache file or folder (default: ${DEFAULT_CACHE_LOCATION})`,
    group: 'Caching:',
  },
  'report-unused-disable-directives': {
    type: 'boolean',
    describe: 'Report disable directives that suppress nothing, as errors',
    group: 'Suppressions:',
  },
  'report-unused-disable-directives-severity': {
    choices: ['off', 'warn', 'error'],
    describe: 'Same, with this severity',
    group: 'Suppressions:',
  },
  'require-disable-reason': {
    type: 'boolean',
    describe: "Report disable directives without a reason after '--'",
    group: 'Suppressions:',
  },
  'suppress-all': { type: 'boolean', describe: 'Add every current finding to the suppressions file', group: 'Suppressions:' },
  'suppress-rule': {
    type: 'string',
    array: true,
    nargs: 1,
    describe: 'Add the current findings of a rule to the suppressions file (repeatable)',
    group: 'Suppressions:',
  },
  'suppressions-location': {
    type: 'string',
    describe: `Suppressions file (default: ${DEFAULT_SUPPRESSIONS_FILE})`,
    group: 'Suppressions:',
  },
  'prune-suppressions': {
    type: 'boolean',
    describe: 'Remove suppressions that no longer match a finding',
    group: 'Suppressions:',
  },
  'pass-on-unpruned-suppressions': {
    type: 'boolean',
    describe: 'Do not fail when suppressions no longer match a finding',
    group: 'Suppressions:',
  },
  stdin: {
    type: 'boolean',
    describe: "Lint the text on stdin as the file --stdin-filename names (an editor's unsaved buffer)",
    group: 'Editors:',
  },
  'stdin-filename': {
    type: 'string',
    describe: 'The file of the project the --stdin text stands for: its service, kind and neighbours come from it',
    group: 'Editors:',
  },
} satisfies Record<string, Options>;

type CommandName = 'lint' | 'init' | 'map' | 'diff' | 'lsp';

const commandOptions: Record<CommandName, Record<string, Options>> = {
  lint: lintOptions,
  init: initOptions,
  map: mapOptions,
  diff: diffOptions,
  lsp: lspOptions,
};
const commandWords: Record<Exclude<CommandName, 'lint'>, string> = { init: 'init', map: 'map', diff: 'diff', lsp: 'lsp' };

/** `--name` and `-x` spellings of each option, for messages and for reading argv before yargs does. */
function spellings(name: string, option: Options): string[] {
  const aliases = [option.alias ?? []].flat();
  return [name, ...aliases].map((n) => (n.length === 1 ? `-${n}` : `--${n}`));
}

const allOptions = (): Array<[string, Options]> =>
  [globalOptions as Record<string, Options>, ...Object.values(commandOptions)].flatMap((o) => Object.entries(o));

let spellingSets: { takesValue: Set<string>; booleans: Set<string>; valued: Set<string> } | undefined;

/** Every option's spellings that take a value, booleans' names (with their `no-` forms) and valued options' names: the same for every run. */
function optionSpellings(): NonNullable<typeof spellingSets> {
  spellingSets ??= {
    takesValue: new Set(allOptions().flatMap(([name, option]) => (option.type === 'boolean' ? [] : spellings(name, option)))),
    booleans: new Set(allOptions().flatMap(([name, option]) => (option.type === 'boolean' ? [name, `no-${name}`] : []))),
    valued: new Set(allOptions().flatMap(([name, option]) => (option.type === 'boolean' ? [] : [name]))),
  };
  return spellingSets;
}

const lastValue = (value: unknown): unknown => (Array.isArray(value) ? (value as unknown[]).at(-1) : value);

/**
 * Every option but a boolean needs a value (`--format` alone is no format); repeats of an option
 * that takes one value leave the last one, as in most CLIs (a hook's arguments can be overridden).
 */
function withValueRules(options: Record<string, Options>): Record<string, Options> {
  return Object.fromEntries(
    Object.entries(options).map(([name, option]) => {
      if (option.type === 'boolean') return [name, option];
      return [name, { requiresArg: true, ...option, ...(option.array ? {} : { coerce: lastValue }) }];
    }),
  );
}

/**
 * `help [command]` → `[command] --help`. yargs has no `help` command of its own: the word
 * used to be taken for a file name, and the help printed before a full lint.
 */
function rewriteHelpCommand(argv: string[]): string[] {
  const { takesValue } = optionSpellings();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') return argv;
    if (token.startsWith('-')) {
      if (!token.includes('=') && takesValue.has(token)) i++;
      continue;
    }
    if (token !== 'help') return argv;
    const topic = argv[i + 1];
    const rest = argv.slice(i + 1);
    if (topic !== undefined && !topic.startsWith('-') && !(topic in commandWords))
      throw new UsageError(`help: no command '${topic}' (commands: ${Object.keys(commandWords).join(', ')}; lint is the default)`);
    return [...argv.slice(0, i), ...rest, '--help'];
  }
  return argv;
}

/**
 * `--cache=yes` would silently mean false to yargs: a boolean option takes true or false, or no value.
 * yargs reads `--no-rule` as `rule: false` for any option, which an option that takes a value cannot
 * be (it crashed, or became the rule 'false'): only a boolean option has a `--no-` form.
 */
function checkBooleanValues(argv: string[]): void {
  const { booleans, valued } = optionSpellings();
  for (const token of argv) {
    if (token === '--') return;
    const negated = /^--no-([^=]+)/.exec(token);
    if (negated && !booleans.has(negated[0].slice(2)) && valued.has(negated[1]))
      throw new UsageError(`--no-${negated[1]} is not an option: --${negated[1]} takes a value and has no --no- form`);
    const match = /^--([^=]+)=(.*)$/s.exec(token);
    if (match && booleans.has(match[1]) && !/^(true|false)$/.test(match[2]))
      throw new UsageError(`--${match[1]} takes no value (or true/false), got '${match[2]}'`);
  }
}

/** yargs' messages, made one line and told in terms of the command the user typed. */
function usageMessage(message: string, command: CommandName, argv: readonly string[]): string {
  const unknown = /^Unknown arguments?: (.*)$/s.exec(message);
  if (!unknown) return message.replace(/\s*\n\s*/g, ' ');
  const label = command === 'lint' ? 'nilecare-lint' : `nilecare-lint ${command}`;
  const typed = new Set(argv.filter((t) => t.startsWith('-')).map((t) => t.replace(/=.*$/s, '').replace(/^--?(no-)?/, '')));
  // yargs also names the camelCase twin of each dashed option (suppressAll for --suppress-all).
  const names = unknown[1]
    .split(', ')
    .filter((name) => typed.has(name) || !typed.has(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)));
  const flag = (name: string) => (name.length === 1 ? `-${name}` : `--${name}`);
  const ownersOf = (name: string) =>
    (Object.keys(commandOptions) as CommandName[]).filter(
      (other) => other !== command && Object.entries(commandOptions[other]).some(([key, o]) => spellings(key, o).includes(flag(name))),
    );
  const parts: string[] = [];
  const arguments_ = names.filter((name) => !typed.has(name));
  if (arguments_.length > 0) parts.push(`${label} takes no arguments, got ${arguments_.map((a) => `'${a}'`).join(', ')}`);
  const byOwners = new Map<string, string[]>();
  for (const name of names.filter((n) => typed.has(n))) {
    const owners = ownersOf(name)
      .map((o) => (o === 'lint' ? 'nilecare-lint (lint)' : `nilecare-lint ${o}`))
      .join(' and ');
    byOwners.set(owners, [...(byOwners.get(owners) ?? []), flag(name)]);
  }
  for (const [owners, flags] of byOwners) {
    const list = flags.join(', ');
    if (owners === '') parts.push(`unknown option${flags.length > 1 ? 's' : ''} ${list}`);
    else parts.push(`${list} ${flags.length > 1 ? 'are options' : 'is an option'} of ${owners}, not of ${label}`);
  }
  return `${parts.join('; ')} (see ${label} --help)`;
}

/** yargs wraps at 80 columns and caps the option column at half the width, which broke the longest option name in two. */
function helpWidth(parser: Argv): number {
  const longest = Math.max(...allOptions().map(([name]) => `      --${name}`.length));
  return Math.max(2 * longest + 2, Math.min(parser.terminalWidth() ?? 0, 120));
}

/** The part of yargs' internals skipHelpRendering reaches; checked at run time, as no typings declare it. */
interface YargsInternals {
  getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
}

/**
 * yargs renders a command's whole help text after calling its handler (not the default command's),
 * in case the handler asks for it later; ours only record which command runs, and help is printed
 * for --help alone, before any handler. Wrapping that text costs 15–60 ms of every diff, map, init
 * and lsp run. Should a yargs version lack the method, the text is rendered as before.
 */
function skipHelpRendering(parser: Argv): void {
  const usage = (parser as unknown as YargsInternals).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

type Selected = { command: CommandName; run: (io: CliIo) => Promise<number> };

/** What one parse learns: the command whose builder ran last (for messages) and the one selected. */
interface ParseState {
  current: CommandName;
  selected?: Selected;
  args: readonly string[];
}

/**
 * The parser, built on first use and kept for the process: declaring every command and option costs
 * more than parsing (in-process runs, as the test suite makes, paid it on each). yargs keeps what a
 * parse adds (a command's options, strict mode, output) apart and drops it when the parse ends;
 * `state` is the parse in progress, and parses take turns (`parseTurn`) so no two share it.
 */
let sharedParser: { parser: Argv; state: ParseState } | undefined;
let parseTurn: Promise<unknown> = Promise.resolve();

function commandParser(): { parser: Argv; state: ParseState } {
  if (sharedParser) return sharedParser;
  const state: ParseState = { current: 'lint', args: [] };
  const hooksFor = (command: CommandName): CommandHooks => ({
    declare: (y, options) => {
      state.current = command;
      const declared = y.options(withValueRules(options));
      // Only lint takes files; strict() also rejects stray words after init and map.
      return command === 'lint' ? declared : declared.strict();
    },
    selected: (run) => (state.selected = { command, run }),
  });
  const parser = yargs([])
    .scriptName('nilecare-lint')
    .usage('$0 [paths..]  Lint the data layer of a microservice monorepo')
    .options(withValueRules(globalOptions))
    .command(
      '$0 [files..]',
      'Lint the files, folders or globs given (default: the current folder)',
      (y) =>
        hooksFor('lint')
          .declare(y, lintOptions)
          .positional('files', {
            type: 'string',
            array: true,
            describe: 'Files, folders or globs; ownership still comes from the whole project',
          })
          .epilog(
            'Exit codes: 0 no error-level findings, 1 error-level findings (or more warnings than --max-warnings), 2 usage, config or internal error.',
          ),
      (parsed) => void (state.selected = { command: 'lint', run: (io) => runLint(parsed as unknown as LintArgs, io) }),
    )
    .command(initCommand(hooksFor('init')))
    .command(mapCommand(hooksFor('map')))
    .command(diffCommand(hooksFor('diff')))
    .command(lspCommand(hooksFor('lsp')))
    .command('help [command]', 'Show the help of a command')
    .strictOptions()
    .help()
    .alias('help', 'h')
    .version(toolVersion())
    .alias('version', 'v')
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(usageMessage(message, state.current, state.args));
    });
  parser.wrap(helpWidth(parser));
  skipHelpRendering(parser);
  sharedParser = { parser, state };
  return sharedParser;
}

/** Parses `args` with every command declared: the command selected, or the text help or version printed. */
async function parseArgs(args: string[]): Promise<{ selected?: Selected; output: string }> {
  const { parser, state } = commandParser();
  // yargs loses the coercions of top-level options once a parse has entered a command (commands'
  // options are declared afresh by their builders): a repeated --cwd must still take the last value.
  for (const [name, option] of Object.entries(withValueRules(globalOptions))) if (option.coerce) parser.coerce(name, option.coerce);
  state.current = 'lint';
  state.selected = undefined;
  state.args = args;
  let output = '';
  let failure: Error | undefined;
  try {
    // With a callback, yargs hands over help and version text (and errors) instead of printing them on the process's stdout.
    await parser.parseAsync(args, {}, (error, _argv, text) => {
      failure = error ?? undefined;
      output = text;
    });
  } catch (error) {
    failure = error as Error;
  }
  // A parse that failed, or printed help or the version, can leave yargs changed: inside a command's
  // context (it restores its state only when a parse completes), or with the default command's options
  // declared for all (help runs that builder at the top): the next run builds the parser afresh.
  if (failure || !state.selected) sharedParser = undefined;
  if (failure) throw failure;
  return { selected: state.selected, output };
}

/**
 * Runs the CLI and returns the exit code; never calls process.exit itself. When stdout fails:
 * a reader that closed the pipe (`| head`) chose to stop, and the run keeps the exit code it
 * earned; any other failure (a full disk) lost the report, which is one line on stderr and exit 2.
 */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const exitCode = await runCommand(argv, io);
  const failure = await io.settle?.();
  if (!failure || failure.code === 'EPIPE') return exitCode;
  io.stderr(`nilecare-lint: cannot write to stdout: ${describeErrorCode(failure.code)}\n`);
  return EXIT_USAGE;
}

async function runCommand(argv: string[], io: CliIo): Promise<number> {
  try {
    return await parseAndRun(argv, io);
  } catch (error) {
    return await reportFailure(error, io);
  }
}

/** Parses the arguments with every command declared, then runs the one selected (help and version print their text). */
async function parseAndRun(argv: string[], io: CliIo): Promise<number> {
  const args = rewriteHelpCommand(argv);
  checkBooleanValues(args);
  const parsed = parseTurn.then(() => parseArgs(args));
  parseTurn = parsed.catch(() => undefined);
  const { selected, output } = await parsed;
  if (!selected) {
    io.stdout(output.endsWith('\n') ? output : `${output}\n`);
    return EXIT_CLEAN;
  }
  return await selected.run(io);
}

/** A usage, config, git, baseline or file-access error is the user's to fix (exit 2, one line); anything else is ours. */
async function reportFailure(error: unknown, io: CliIo): Promise<number> {
  if (error instanceof UsageError || (error as Error).name === 'YError') {
    io.stderr(`nilecare-lint: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  // Loaded with the pipeline that throws them (already in memory when one was thrown).
  const [{ PathPatternError }, { ConfigError }, { BaselineError }] = await Promise.all([
    import('./discovery/patterns.js'),
    import('./config/load.js'),
    import('./engine/baseline.js'),
  ]);
  if (error instanceof PathPatternError) {
    // The one list of commands: a bare word that names no path may be a mistyped one.
    const command = error.reason === 'missing' ? suggestCommand(error.pattern, [...Object.keys(commandWords), 'help']) : undefined;
    io.stderr(
      command
        ? `nilecare-lint: '${error.pattern}' is not a file, folder or command; did you mean '${command}'?\n`
        : `nilecare-lint: ${error.message}\n`,
    );
    return EXIT_USAGE;
  }
  if (error instanceof ConfigError || error instanceof GitError || error instanceof BaselineError || error instanceof FileAccessError) {
    io.stderr(`nilecare-lint: ${error.message}\n`);
    return EXIT_USAGE;
  }
  io.stderr(`nilecare-lint: internal error: ${(error as Error).stack ?? String(error)}\n`);
  return EXIT_USAGE;
}

interface LintArgs {
  cwd: string;
  files?: string[];
  config?: string;
  format: ReporterName;
  output?: string;
  quiet?: boolean;
  'max-warnings'?: string;
  color?: boolean;
  'sarif-category'?: string;
  'sarif-include-suppressed'?: boolean;
  fix?: boolean;
  'fix-dry-run'?: boolean;
  'fix-type'?: string[];
  rule?: string[];
  'ignore-pattern'?: string[];
  ignore?: boolean;
  shard?: string;
  concurrency: 'auto' | 'on' | 'off';
  'list-rules'?: boolean;
  'print-config'?: string;
  'changed-since'?: string;
  staged?: boolean;
  affected?: boolean;
  cache?: boolean;
  'cache-location'?: string;
  'report-unused-disable-directives'?: boolean;
  'report-unused-disable-directives-severity'?: Severity | 'off';
  'require-disable-reason'?: boolean;
  'suppress-all'?: boolean;
  'suppress-rule'?: string[];
  'suppressions-location'?: string;
  'prune-suppressions'?: boolean;
  'pass-on-unpruned-suppressions'?: boolean;
  stdin?: boolean;
  'stdin-filename'?: string;
}

/** `--fix`, `--fix-dry-run`, `--fix-type`: what to fix, or undefined for a plain lint. */
function parseFixing(args: LintArgs, format: ReporterName): { dryRun: boolean; fixTypes?: FixKind[] } | undefined {
  const types = (args['fix-type'] ?? []).flatMap((value) => value.split(',')).map((value) => value.trim());
  const unknown = types.filter((type) => !(FIX_KINDS as readonly string[]).includes(type));
  if (unknown.length > 0) throw new UsageError(`--fix-type expects ${FIX_KINDS.join(', ')}; got '${unknown.join("', '")}'`);
  if (args.fix && args['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run exclude each other: choose one');
  if (!args.fix && !args['fix-dry-run']) {
    if (types.length > 0) throw new UsageError('--fix-type applies to --fix or --fix-dry-run');
    return undefined;
  }
  if (args['suppress-all'] || args['suppress-rule'] || args['prune-suppressions'])
    throw new UsageError('--fix cannot be combined with --suppress-all, --suppress-rule or --prune-suppressions: fix first, then suppress');
  if (args['fix-dry-run'] && format !== 'stylish' && !args.output)
    throw new UsageError(`--fix-dry-run prints a diff: write the ${format} report elsewhere with --output`);
  return { dryRun: Boolean(args['fix-dry-run']), ...(types.length > 0 ? { fixTypes: types as FixKind[] } : {}) };
}

/** `--cwd`: an existing folder, or nothing would be linted and the run would pass. */
export function resolveCwd(value: string, files: CliFiles = diskFiles): string {
  const cwd = files.resolve(value);
  const kind = files.kind(cwd);
  if (kind === 'folder') return cwd;
  if (kind === 'missing') throw new UsageError(`--cwd: no such folder '${value}'`);
  throw new UsageError(`--cwd: '${value}' is a file, not a folder`);
}

/** Empty values (`--output=`) mean nothing useful for any string option. */
function checkNonEmpty(args: LintArgs): void {
  for (const [name, option] of Object.entries(lintOptions as Record<string, Options>)) {
    if (option.type === 'boolean') continue;
    const value = (args as unknown as Record<string, unknown>)[name];
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'string' && v.trim() === '')) throw new UsageError(`--${name} needs a value`);
  }
}

/** The lint command: argv → lint() → report and exit code. */
async function runLint(args: LintArgs, io: CliIo): Promise<number> {
  checkNonEmpty(args);
  const [{ lint }, { lintAndFix }, { ruleRegistry }, { effectiveConfigFor }, { formatResult }] = await Promise.all([
    import('./lint.js'),
    import('./fix-files.js'),
    import('../rules/index.js'),
    import('./commands/print-config.js'),
    import('./reporters/index.js'),
  ]);
  if (args['list-rules']) {
    io.stdout(listRules(ruleRegistry));
    return EXIT_CLEAN;
  }
  const files = io.files ?? diskFiles;
  const cwd = resolveCwd(args.cwd, files);
  const location = files.locate({ cwd, configPath: args.config });
  const format = args.format;
  const maxWarnings = parseMaxWarnings(args['max-warnings']);
  const shard = parseShard(args.shard);
  const sarifCategory = parseSarifCategory(args['sarif-category'], format);
  if (args['sarif-include-suppressed'] && format !== 'sarif')
    throw new UsageError(`--sarif-include-suppressed applies to --format sarif, not '${format}'`);
  const ruleOverrides = parseRuleOverrides(args.rule);
  const fixing = parseFixing(args, format);
  if (args['print-config'] !== undefined) {
    const file = path.resolve(cwd, args['print-config']);
    const { tree } = files.source();
    const printed = await effectiveConfigFor({ cwd, configPath: args.config, file, ruleOverrides, listingCache: io.listingCache, tree });
    io.stdout(`${JSON.stringify(printed, null, 2)}\n`);
    return EXIT_CLEAN;
  }
  checkStdinArgs(args, args.files ?? []);
  // An editor's buffer is not the file on disk: writing fixes there would overwrite what the user sees.
  if (fixing && args.stdin) throw new UsageError('--fix and --fix-dry-run do not apply to --stdin: the buffer is not on disk');
  const { options, stdin, cache } = await lintOptionsFor(args, { cwd, location, ruleOverrides, maxWarnings, shard }, io);
  const fixed = fixing ? await lintAndFix(options, fixing) : undefined;
  const run = fixed ? fixed.run : await lint(options);
  if (fixed && fixing?.dryRun) io.stdout(fixed.fixed.map(({ file, before, after }) => unifiedDiff(file, before, after)).join(''));
  for (const { file, reason } of fixed?.refused ?? []) io.stderr(`nilecare-lint: warning: ${file}: not fixed: ${reason}\n`);
  if (fixed && !fixing?.dryRun && fixed.fixed.length > 0)
    io.stderr(`nilecare-lint: ${fixed.applied} fix(es) applied to ${fixed.fixed.length} file(s) in ${fixed.passes - 1} pass(es)\n`);
  if (cache) saveCache(cache, io);
  tellAboutRun(run, stdin?.file, io);
  const bulk = run.bulkSuppressions;
  const unpruned = bulk !== undefined && bulk.unmatched.length > 0 && !args['pass-on-unpruned-suppressions'];
  const exitCode = unpruned ? EXIT_USAGE : exitCodeFor(run, maxWarnings);
  const warnings = warningCount(run);
  const maxWarningsExceeded = maxWarnings !== undefined && warnings > maxWarnings ? { maxWarnings, foundWarnings: warnings } : undefined;
  // ESLint's --quiet: warnings are not reported (though --max-warnings counted them above).
  const shown = args.quiet ? { ...run, diagnostics: run.diagnostics.filter((d) => d.severity === 'error') } : run;
  const report = formatResult(format, shown, {
    color: wantsColor({ flag: args.color, env: io.env, isTTY: args.output ? false : io.isTTY }),
    toolVersion: toolVersion(),
    maxWarningsExceeded,
    exitCode,
    automationId: automationId(sarifCategory, shard),
    includeSuppressed: args['sarif-include-suppressed'],
  });
  writeReport(report, args.output, { cwd, root: location.repositoryRoot, files }, io);
  // The stylish summary says it on the terminal; every other report needs the reason for exit 1 on stderr.
  if (maxWarningsExceeded && (format !== 'stylish' || args.output))
    io.stderr(`nilecare-lint found too many warnings (maximum: ${maxWarningsExceeded.maxWarnings}).\n`);
  // Likewise what the run had nothing to check: a hook or CI log must not show a silent pass.
  if (format !== 'stylish' || args.output) for (const part of run.unchecked ?? []) io.stderr(`nilecare-lint: warning: ${part.message}\n`);
  if (unpruned) io.stderr(unprunedMessage(bulk.file, bulk.unmatched));
  if (run.timings) io.stderr(formatTimings(run.timings, io.env.TIMING));
  return exitCode;
}

/** What lint() is asked, from the arguments: which files (named, changed, affected, the stdin buffer), which rules, what to keep. */
async function lintOptionsFor(
  args: LintArgs,
  given: {
    cwd: string;
    location: { projectRoot: string; repositoryRoot: string };
    ruleOverrides: Record<string, Severity | 'off'>;
    maxWarnings: number | undefined;
    shard: { index: number; count: number } | undefined;
  },
  io: CliIo,
): Promise<{ options: LintOptions; stdin?: { file: string; absolute: string }; cache?: FileFactsCache }> {
  const [{ FileFactsCache }, { insideRoot }, { MAX_SQL_FILE_BYTES }] = await Promise.all([
    import('./analysis/facts-cache.js'),
    import('./config/locate.js'),
    import('./io/read-file.js'),
  ]);
  const { cwd, location, maxWarnings } = given;
  const files = io.files ?? diskFiles;
  const source = files.source();
  const named = args.files ?? [];
  const changeSet = gitChangeSet(cwd, args['changed-since'], args.staged, named.length > 0);
  const stdin = args.stdin
    ? await stdinBuffer(
        args['stdin-filename'] ?? '',
        { cwd, projectRoot: location.projectRoot, maxBytes: MAX_SQL_FILE_BYTES, insideRoot },
        io,
      )
    : undefined;
  // Explicit locations are the user's, relative to the current folder; the default belongs to the project, so every folder shares it.
  const cache = args.cache
    ? FileFactsCache.open({
        base: args['cache-location'] === undefined ? location.projectRoot : cwd,
        location: args['cache-location'],
        root: location.repositoryRoot,
        toolVersion: toolVersion(),
      })
    : undefined;
  const unusedSeverity =
    args['report-unused-disable-directives-severity'] ?? (args['report-unused-disable-directives'] ? 'error' : undefined);
  const options: LintOptions = {
    cwd,
    configPath: args.config,
    ...(stdin
      ? { tree: overlayTree(location.projectRoot, { [stdin.file]: stdin.bytes }, { disk: source.tree }) }
      : source.tree
        ? { tree: source.tree }
        : {}),
    files: stdin ? [stdin.absolute] : changeSet,
    paths: stdin || changeSet ? undefined : named.length > 0 ? named : args.affected ? undefined : ['.'],
    affected: changeSet !== undefined || args.affected,
    ignorePatterns: args['ignore-pattern'],
    noIgnore: args.ignore === false,
    ruleOverrides: given.ruleOverrides,
    // ESLint 9: under --quiet, rules set to warn are not even run, unless --max-warnings needs their count.
    ruleFilter: args.quiet && maxWarnings === undefined ? ({ severity }) => severity === 'error' : undefined,
    shard: given.shard,
    ...(changeSet ? { changeSetLabel: args.staged ? 'staged files' : `files changed since ${args['changed-since']}` } : {}),
    factsCache: cache ?? source.factsCache,
    listingCache: io.listingCache,
    reportUnusedDisableDirectives: unusedSeverity,
    requireDisableReason: args['require-disable-reason'],
    timing: Boolean(io.env.TIMING),
    sqlWorker: args.concurrency === 'auto' ? undefined : args.concurrency === 'on',
    suppressions: {
      file: args['suppressions-location'],
      suppressAll: args['suppress-all'],
      suppressRules: args['suppress-rule'],
      prune: args['prune-suppressions'],
    },
    write: files.write,
    // JSON and SARIF carry suggestions; computing them costs (a parse per finding, for some), so only they ask.
    suggestions: args.format === 'json' || args.format === 'sarif',
  };
  return { options, ...(stdin ? { stdin } : {}), ...(cache ? { cache } : {}) };
}

function saveCache(cache: FileFactsCache, io: CliIo): void {
  try {
    cache.save();
  } catch (error) {
    // The cache only saves time: a run that cannot keep it still did its job.
    if (!(error instanceof FileAccessError)) throw error;
    io.stderr(`nilecare-lint: warning: the cache was not written: ${error.message}\n`);
  }
}

/** What the run did besides finding: suppressions written, warnings, a stdin buffer it did not lint, internal errors. */
function tellAboutRun(run: LintRun, stdinFile: string | undefined, io: CliIo): void {
  const written = run.bulkSuppressions?.written;
  if (written) {
    io.stderr(
      `nilecare-lint: ${run.bulkSuppressions!.file}: ${written.added} suppression(s) added, ${written.removed} pruned, ${written.total} in total\n`,
    );
  }
  for (const warning of run.warnings ?? []) io.stderr(`nilecare-lint: warning: ${warning}\n`);
  // ESLint says so too: an editor piping an ignored file must not take silence for a clean file.
  if (stdinFile !== undefined && !run.lintedFiles.includes(stdinFile))
    io.stderr(
      `nilecare-lint: warning: ${stdinFile} was not linted: it is ignored (default ignores, .gitignore, config ignores) or not a kind of file the linter reads\n`,
    );
  for (const error of run.internalErrors) io.stderr(`nilecare-lint: internal error: ${error}\n`);
}

function writeReport(report: string, output: string | undefined, where: { cwd: string; root: string; files: CliFiles }, io: CliIo): void {
  if (output) {
    // The user's path may lead anywhere; inside the repository, never through a committed link.
    where.files.write(path.resolve(where.cwd, output), report, { root: where.root, origin: 'command-line' });
  } else {
    io.stdout(report.endsWith('\n') || report === '' ? report : `${report}\n`);
  }
}

/** What `--stdin` cannot go with: each names files or writes state that an unsaved buffer has no part in. */
const notWithStdin = [
  'changed-since',
  'staged',
  'affected',
  'shard',
  'suppress-all',
  'suppress-rule',
  'prune-suppressions',
] as const satisfies ReadonlyArray<keyof LintArgs>;

/** `--stdin` and `--stdin-filename` come together, and the buffer is the only file linted (ESLint's rules). */
function checkStdinArgs(args: LintArgs, named: readonly string[]): void {
  if (!args.stdin) {
    if (args['stdin-filename'] !== undefined) throw new UsageError('--stdin-filename names the file of --stdin; give --stdin too');
    return;
  }
  if (args['stdin-filename'] === undefined)
    throw new UsageError('--stdin needs --stdin-filename <path>: the file of the project the text stands for (its service comes from it)');
  if (named.length > 0)
    throw new UsageError(
      `file arguments cannot be combined with --stdin (got ${named.map((n) => `'${n}'`).join(', ')}); lint them in another run`,
    );
  for (const name of notWithStdin) {
    const value = args[name];
    if (value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0))
      throw new UsageError(`--${name} cannot be combined with --stdin`);
  }
}

/** The `--stdin` text and the project file it replaces; the file must lie inside the project, and not be a folder there. */
async function stdinBuffer(
  filename: string,
  where: { cwd: string; projectRoot: string; maxBytes: number; insideRoot: (root: string, file: string) => string | undefined },
  io: CliIo,
): Promise<{ file: string; absolute: string; bytes: Buffer }> {
  const { cwd, projectRoot, insideRoot } = where;
  const absolute = path.resolve(cwd, filename);
  const file = insideRoot(projectRoot, absolute);
  if (file === undefined || file === '')
    throw new UsageError(`--stdin-filename '${filename}' lies outside the project (${projectRoot}); name a file inside it`);
  const onDisk = (io.files ?? diskFiles).entry(absolute, projectRoot);
  if (onDisk === 'folder') throw new UsageError(`--stdin-filename '${filename}' is a folder; name a file`);
  if (!io.stdin) throw new UsageError('--stdin: this caller gives the CLI no stdin');
  try {
    return { file, absolute, bytes: await io.stdin(where.maxBytes) };
  } catch (error) {
    if (error instanceof StdinTooLargeError) throw new UsageError(`--stdin: ${error.message}`);
    throw error;
  }
}

/**
 * SARIF's `automationDetails.id`, only when asked for: set, it overrides the `category` input
 * of GitHub's upload-sarif. Shards need distinct ids, or each upload would close the alerts
 * of the others.
 */
function automationId(category: string | undefined, shard: { index: number; count: number } | undefined): string | undefined {
  if (category === undefined && shard === undefined) return undefined;
  const base = category ?? 'nilecare-lint';
  return shard ? `${base}/shard-${shard.index}-of-${shard.count}/` : `${base}/`;
}
