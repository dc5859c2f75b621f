import type { LintResult } from '../engine/types.js';
import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import type { ReportOptions } from './options.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import { fromRepositoryRoot } from './reroot.js';

export type { ReportOptions } from './options.js';
export { defaultHelpUriBase } from './options.js';

export type ReporterName = 'stylish' | 'json' | 'sarif' | 'github' | 'gitlab' | 'junit';

type Reporter = (result: LintResult, options: ReportOptions) => string;

const reporters: Record<ReporterName, Reporter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  gitlab: formatGitlab,
  junit: formatJunit,
};

export const reporterNames = Object.keys(reporters) as readonly ReporterName[];

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(reporters, name);
}

/**
 * Renders a lint result in the named format, paths relative to the repository root in every
 * format. Pure: the caller writes the string where it belongs.
 */
export function formatResult(name: ReporterName, result: LintResult, options: ReportOptions): string {
  if (!isReporterName(name)) {
    throw new Error(`Unknown reporter '${String(name)}'; expected one of ${reporterNames.join(', ')}.`);
  }
  return reporters[name](fromRepositoryRoot(result), options);
}
