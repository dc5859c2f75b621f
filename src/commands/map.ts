import path from 'node:path';
import type { Argv, CommandModule, Options } from 'yargs';
import type { CliIo, CommandHooks } from './io.js';
import { DEFAULT_SUPPRESSIONS_FILE } from '../defaults.js';
import { mapFormats, summaryFormats, type MapFormat } from './map-formats.js';
import { FileAccessError } from '../io/file-access-error.js';
import { diskFiles } from './cli-files.js';
import { toolVersion } from '../version.js';

export interface MapOptions {
  cwd: string;
  configPath?: string;
  format: MapFormat;
  /** Findings per rule and per service instead of the map. */
  summary?: boolean;
  /** Graph formats: draw every owned table, not only accessed ones. */
  allTables?: boolean;
  ignorePatterns?: string[];
  noIgnore?: boolean;
  /** Write to this file instead of stdout. */
  output?: string;
  /** The suppressions file (default: the one lint uses), so the map counts the same suppressed findings. */
  suppressionsLocation?: string;
}

/** Lints the repository and prints its ownership map (or the findings summary). */
export async function runMap(options: MapOptions, io: Pick<CliIo, 'stdout' | 'stderr' | 'listingCache' | 'files'>): Promise<number> {
  if (!(mapFormats as readonly string[]).includes(options.format)) {
    io.stderr(`nilecare-lint map: --format must be one of ${mapFormats.join(', ')}, got '${options.format}'.\n`);
    return 2;
  }
  if (options.summary && !(summaryFormats as readonly string[]).includes(options.format)) {
    io.stderr(`nilecare-lint map: --summary prints ${summaryFormats.join(', ')}, not '${options.format}'.\n`);
    return 2;
  }
  // Loaded here, not at start-up: `--help` and the other commands need none of the pipeline.
  const [{ lint }, { renderMap, renderSummary }, { buildOwnershipMap, summarizeFindings }, { renderHtml }] = await Promise.all([
    import('../lint.js'),
    import('./map-render.js'),
    import('./ownership.js'),
    import('./map-html.js'),
  ]);
  const files = io.files ?? diskFiles;
  const cwd = files.resolve(options.cwd);
  const run = await lint({
    cwd,
    ...files.source(),
    configPath: options.configPath,
    ignorePatterns: options.ignorePatterns,
    noIgnore: options.noIgnore,
    suppressions: { file: options.suppressionsLocation },
    listingCache: io.listingCache,
  });
  for (const warning of run.warnings ?? []) io.stderr(`nilecare-lint: warning: ${warning}\n`);
  for (const error of run.internalErrors) io.stderr(`nilecare-lint: internal error: ${error}\n`);
  for (const notice of run.notices) io.stderr(`ℹ ${notice}\n`);
  const summary = () =>
    summarizeFindings(
      run.model,
      run.diagnostics,
      run.rules.map((r) => r.rule.meta.id),
    );
  const text = options.summary
    ? renderSummary(summary(), options.format as (typeof summaryFormats)[number])
    : options.format === 'html'
      ? renderHtml(buildOwnershipMap(run.model, run.diagnostics), summary(), {
          allTables: options.allTables,
          title: path.basename(run.cwd),
          version: toolVersion(),
        })
      : renderMap(buildOwnershipMap(run.model, run.diagnostics), options.format, { allTables: options.allTables });
  if (options.output) {
    try {
      // The user's path may lead anywhere; inside the repository, never through a committed link.
      files.write(path.resolve(cwd, options.output), text, { root: run.repositoryRoot ?? run.cwd, origin: 'command-line' });
    } catch (error) {
      if (!(error instanceof FileAccessError)) throw error;
      io.stderr(`nilecare-lint map: ${error.message}
`);
      return 2;
    }
  } else {
    io.stdout(text);
  }
  return run.internalErrors.length > 0 ? 2 : 0;
}

/** The options of `nilecare-lint map` (besides the global `--cwd`). */
export const mapOptions = {
  config: { alias: 'c', type: 'string', describe: 'Config file (default: the nearest nilecare-lint.config.json up to the git root)' },
  format: {
    alias: 'f',
    choices: [...mapFormats],
    default: 'table',
    describe: 'Map format (html: one self-contained page with the graph, tables and findings per service)',
  },
  output: { alias: 'o', type: 'string', describe: 'Write the map to a file' },
  summary: {
    type: 'boolean',
    default: false,
    describe: 'Count findings per rule and per service instead (table, markdown, json)',
  },
  'all-tables': { type: 'boolean', default: false, describe: 'mermaid/dot/html: draw every owned table, not only accessed ones' },
  'ignore-pattern': { type: 'string', array: true, nargs: 1, describe: 'Extra globs to ignore (relative to the current folder)' },
  ignore: { type: 'boolean', describe: 'Apply ignore rules; --no-ignore reads what default ignores, .gitignore and ignores skip' },
  'suppressions-location': {
    type: 'string',
    describe: `Suppressions file, as for lint (default: ${DEFAULT_SUPPRESSIONS_FILE})`,
  },
} satisfies Record<string, Options>;

/** `nilecare-lint map`, for yargs. */
export function mapCommand(hooks: CommandHooks): CommandModule {
  return {
    command: 'map',
    describe: 'Print the table ownership map and the cross-service access edges',
    builder: (y: Argv) => hooks.declare(y, mapOptions),
    handler: (args) => {
      const options: MapOptions = {
        cwd: typeof args.cwd === 'string' ? args.cwd : '.',
        configPath: args.config as string | undefined,
        format: args.format as MapFormat,
        summary: Boolean(args.summary),
        allTables: Boolean(args['all-tables']),
        ignorePatterns: args['ignore-pattern'] as string[] | undefined,
        noIgnore: args.ignore === false,
        output: args.output as string | undefined,
        suppressionsLocation: args['suppressions-location'] as string | undefined,
      };
      hooks.selected((io) => runMap(options, io));
    },
  };
}
