import path from 'node:path';
import type { Argv, CommandModule, Options } from 'yargs';
import type { CliIo, CommandHooks } from './io.js';
import { FileAccessError } from '../io/file-access-error.js';
import { diskFiles } from './cli-files.js';
import type { NilecareConfig } from '../config/schema.js';
import type { ProjectModel, SchemaStub } from '../model/model.js';

export interface InitOptions {
  /** Repository root. */
  cwd: string;
  /** Merge into an existing config (its comments, allow entries and other options stay). */
  force?: boolean;
  /** Print the config on stdout (and the report on stderr) instead of writing it. */
  dryRun?: boolean;
  /** Write each service's databases as keys instead of comments (see `JsoncOptions`). */
  pinDatabases?: boolean;
}

export interface InitResult {
  exitCode: number;
  /** The JSONC written or printed, when one was produced. */
  text?: string;
  /** Absolute path written (undefined for --dry-run). */
  file?: string;
}

/**
 * The pipeline, loaded when init runs: `--help` and every other command need none of it (TypeScript, the SQL parsers, the rules).
 * Whole modules, spread: `runInit` names what it takes once.
 */
async function loadPipeline() {
  const [config, lintModule, rules, initConfig, ownership, merge, jsonc] = await Promise.all([
    import('../config/load.js'),
    import('../lint.js'),
    import('../../rules/index.js'),
    import('./init-config.js'),
    import('./ownership.js'),
    import('./init-merge.js'),
    import('../config/jsonc.js'),
  ]);
  return { ...config, ...lintModule, ...rules, ...initConfig, ...ownership, ...merge, ...jsonc };
}

/**
 * Infers services, databases and table ownership, writes `nilecare-lint.config.json`
 * (JSONC) and prints what it inferred and what it could not decide.
 */
export async function runInit(options: InitOptions, io: Pick<CliIo, 'stdout' | 'stderr' | 'listingCache' | 'files'>): Promise<InitResult> {
  const {
    parseConfigText,
    CONFIG_FILE_NAMES,
    MAX_CONFIG_BYTES,
    ConfigError,
    lint,
    ruleRegistry,
    EDGE_RULES,
    mergeInitConfig,
    parseJsonc,
    proposeConfig,
    renderConfigJsonc,
    renderInitReport,
  } = await loadPipeline();
  const allRulesOff = (): NilecareConfig['rules'] => Object.fromEntries(Object.keys(ruleRegistry).map((id) => [id, 'off' as const]));
  const files = io.files ?? diskFiles;
  const cwd = files.resolve(options.cwd);
  // Whatever is there, even a link or a device: found, so that reading it says what is wrong with it.
  const existing = CONFIG_FILE_NAMES.map((name) => path.join(cwd, name)).find((file) => files.entry(file, cwd) !== 'missing');
  if (existing && !options.force && !options.dryRun) {
    io.stderr(
      `nilecare-lint init: ${path.relative(cwd, existing)} already exists; run with --force to merge what init infers into it (its comments, allow entries and other options stay), or --dry-run to print the inferred config.\n`,
    );
    return { exitCode: 2 };
  }
  // Only the model is needed here: the discovered services, their databases and created tables.
  const inferred = await lint({
    cwd,
    ...files.source(),
    config: { rules: allRulesOff() },
    suppressions: false,
    listingCache: io.listingCache,
  });
  if (inferred.model.services.length === 0) {
    const setAside = inferred.serviceDiscovery?.rejected ?? [];
    io.stderr(
      `nilecare-lint init: no services found in ${cwd}: no folder with its own package.json and a database driver or ORM (in it or in its lock file), migrations, a Prisma schema or entities.` +
        (setAside.length > 0 ? ` Set aside: ${setAside.map((r) => `${r.root} (${r.reason})`).join('; ')}.` : '') +
        ' Write "services" by hand (see schema/config.schema.json).\n',
    );
    return { exitCode: 2 };
  }
  const proposal = proposeConfig(inferred.model, inferred.serviceDiscovery);
  let text = renderConfigJsonc(proposal, { pinDatabases: options.pinDatabases });
  const target = existing ?? path.join(cwd, CONFIG_FILE_NAMES[0]);
  const shown = path.relative(cwd, target);
  let merged: { changes: string[]; kept: string[] } | undefined;
  if (existing && !options.dryRun) {
    // The config is the user's: merged into, never replaced.
    try {
      const before = files.readText(existing, { root: cwd, maxBytes: MAX_CONFIG_BYTES }) ?? '';
      // What the services' tests, scripts and docs only stub is no table of theirs, whatever an earlier init wrote.
      const stubs = inferred.model.schemaStubs.map((stub) => ({
        service: stub.service.name,
        table: stub.declaration.table,
        reason: stubReason(inferred.model, stub),
      }));
      const result = mergeInitConfig(before, parseJsonc(text) as Record<string, unknown>, stubs);
      text = result.text;
      merged = result;
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      // An unreadable config (a folder, a link out of the repository) is an I/O error like any other; only a config
      // that reads but cannot be merged needs the advice.
      io.stderr(
        error instanceof FileAccessError
          ? `nilecare-lint init: ${error.message}\n`
          : `nilecare-lint init: cannot merge into ${shown}: ${error.message}. Fix it, or move it aside to have init write a new one.\n`,
      );
      return { exitCode: 2 };
    }
  }
  // Lint once with the config as written: proves it is valid and tells the user what to expect.
  let config;
  try {
    config = parseConfigText(text, target);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`nilecare-lint init: ${shown} would not be a valid config after the merge, so it was left as it was: ${error.message}\n`);
    return { exitCode: 2 };
  }
  const check = await lint({ cwd, ...files.source(), config, listingCache: io.listingCache });
  const active = check.diagnostics.filter((d) => !d.suppressed);
  const crossService = active.filter((d) => EDGE_RULES.has(d.ruleId)).length;
  const outcome = `With this config, nilecare-lint reports ${active.length} finding(s), ${crossService} of them cross-service queries or foreign keys (\`nilecare-lint map\` draws them).\n`;

  const report = renderInitReport(proposal);
  if (options.dryRun) {
    io.stdout(text);
    io.stderr(`${report}\n${outcome}`);
    return { exitCode: 0, text };
  }
  try {
    if (!merged || merged.changes.length > 0) files.write(target, text, { root: cwd });
  } catch (error) {
    if (!(error instanceof FileAccessError)) throw error;
    io.stderr(`nilecare-lint init: ${error.message}\n`);
    return { exitCode: 2 };
  }
  if (merged) {
    const lines = (items: string[]) => items.map((item) => `  - ${item}\n`).join('');
    io.stdout(
      `${report}\n${outcome}` +
        (merged.changes.length > 0
          ? `Merged into ${shown} (its comments, allow entries and other options kept):\n${lines(merged.changes)}`
          : `${shown} already holds everything init infers; nothing changed.\n`) +
        (merged.kept.length > 0 ? `Left as the config has it:\n${lines(merged.kept)}` : ''),
    );
  } else {
    io.stdout(`${report}\n${outcome}Wrote ${shown}: review its TODO comments, then run \`nilecare-lint\`.\n`);
  }
  return { exitCode: 0, text, file: target };
}

/** The options of `nilecare-lint init` (besides the global `--cwd`). */
export const initOptions = {
  force: {
    type: 'boolean',
    default: false,
    describe: 'Merge into an existing config: update services and naming settings, keep its comments, allow entries and other options',
  },
  'dry-run': { alias: 'stdout', type: 'boolean', default: false, describe: 'Print the config instead of writing it' },
  'pin-databases': {
    type: 'boolean',
    default: false,
    describe: "Write each service's databases into the config instead of inferring them on every run",
  },
} satisfies Record<string, Options>;

/** `nilecare-lint init`, for yargs. */
export function initCommand(hooks: CommandHooks): CommandModule {
  return {
    command: 'init',
    describe: 'Infer services, databases and table ownership and write nilecare-lint.config.json',
    builder: (y: Argv) => hooks.declare(y, initOptions),
    handler: (args) => {
      const options: InitOptions = {
        cwd: typeof args.cwd === 'string' ? args.cwd : '.',
        force: Boolean(args.force),
        dryRun: Boolean(args['dry-run']),
        pinDatabases: Boolean(args['pin-databases']),
      };
      hooks.selected(async (io) => (await runInit(options, io)).exitCode);
    },
  };
}

/** `only a stub in its tests (services/billing/test/schema.sql); 'patients' creates the table`. */
function stubReason(model: ProjectModel, stub: SchemaStub): string {
  const table = stub.declaration.table.toLowerCase();
  const creators = model.services
    .filter((other) => other !== stub.service && other.createdTables.some((d) => d.table.toLowerCase() === table))
    .map((other) => `'${other.name}'`);
  const where = stub.kind === 'test' ? 'its tests' : 'its scripts or docs';
  // A fixture of its tests: nobody creates the table for real and only tests use it.
  if (creators.length === 0) return `only a fixture of ${where}, ${stub.declaration.file}; nothing but tests uses the table`;
  return `only a stub in ${where}, ${stub.declaration.file}; ${creators.join(', ')} ${creators.length === 1 ? 'creates' : 'create'} the table`;
}
