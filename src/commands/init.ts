import path from 'node:path';
import type { Argv, CommandModule, Options } from 'yargs';
import type { CliIo, CommandHooks } from './io.js';
import { FileAccessError } from '../io/file-access-error.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import type { NilecareConfig } from '../config/schema.js';

export interface InitOptions {
  /** Repository root. */
  cwd: string;
  /** Overwrite an existing config. */
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

/** The pipeline, loaded when init runs: `--help` and every other command need none of it (TypeScript, the SQL parsers, the rules). */
async function loadPipeline() {
  const [{ findConfigFile, parseConfigText, CONFIG_FILE_NAMES }, { lint }, { ruleRegistry }, initConfig, { EDGE_RULES }] =
    await Promise.all([
      import('../config/load.js'),
      import('../lint.js'),
      import('../../rules/index.js'),
      import('./init-config.js'),
      import('./ownership.js'),
    ]);
  return { findConfigFile, parseConfigText, CONFIG_FILE_NAMES, lint, ruleRegistry, EDGE_RULES, ...initConfig };
}

/**
 * Infers services, databases and table ownership, writes `nilecare-lint.config.json`
 * (JSONC) and prints what it inferred and what it could not decide.
 */
export async function runInit(options: InitOptions, io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<InitResult> {
  const {
    findConfigFile,
    parseConfigText,
    CONFIG_FILE_NAMES,
    lint,
    ruleRegistry,
    EDGE_RULES,
    proposeConfig,
    renderConfigJsonc,
    renderInitReport,
  } = await loadPipeline();
  const allRulesOff = (): NilecareConfig['rules'] => Object.fromEntries(Object.keys(ruleRegistry).map((id) => [id, 'off' as const]));
  const cwd = path.resolve(options.cwd);
  const existing = findConfigFile(cwd);
  if (existing && !options.force && !options.dryRun) {
    io.stderr(
      `nilecare-lint init: ${path.relative(cwd, existing)} already exists; run with --force to overwrite it, or --dry-run to print the inferred config.\n`,
    );
    return { exitCode: 2 };
  }
  // Only the model is needed here: the discovered services, their databases and created tables.
  const inferred = await lint({ cwd, config: { rules: allRulesOff() }, suppressions: false });
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
  const text = renderConfigJsonc(proposal, { pinDatabases: options.pinDatabases });
  const target = existing ?? path.join(cwd, CONFIG_FILE_NAMES[0]);
  // Lint once with the proposal as written: proves it parses and tells the user what to expect.
  const check = await lint({ cwd, config: parseConfigText(text, target) });
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
    writeFileAtomic(target, text, { root: cwd });
  } catch (error) {
    if (!(error instanceof FileAccessError)) throw error;
    io.stderr(`nilecare-lint init: ${error.message}\n`);
    return { exitCode: 2 };
  }
  io.stdout(
    `${report}\n${outcome}${existing ? 'Overwrote' : 'Wrote'} ${path.relative(cwd, target)}: review its TODO comments, then run \`nilecare-lint\`.\n`,
  );
  return { exitCode: 0, text, file: target };
}

/** The options of `nilecare-lint init` (besides the global `--cwd`). */
export const initOptions = {
  force: { type: 'boolean', default: false, describe: 'Overwrite an existing config' },
  'dry-run': { alias: 'stdout', type: 'boolean', default: false, describe: 'Print the config instead of writing it' },
  'pin-databases': {
    type: 'boolean',
    default: false,
    describe: "Write each service's databases into the config instead of inferring them on every run",
  },
} satisfies Record<string, Options>;

/** `nilecare-lint init`, for yargs. */
export function initCommand(io: CliIo, hooks: CommandHooks): CommandModule {
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
      hooks.selected(async () => (await runInit(options, io)).exitCode);
    },
  };
}
