/** Settings every reporter receives; each reporter reads only the ones it needs. */
export interface ReportOptions {
  /** ANSI colours (stylish only). Decided by the CLI, never by global chalk state. */
  color: boolean;
  /** nilecare-lint's own version, for json and SARIF. */
  toolVersion: string;
  /**
   * Set when the run has more warnings than `--max-warnings` allows (ESLint's `maxWarningsExceeded`
   * meta): the count is the run's, so it holds even when `--quiet` left the warnings out of the result.
   */
  maxWarningsExceeded?: { maxWarnings: number; foundWarnings: number };
  /** SARIF: `invocations[0].exitCode`. */
  exitCode?: number;
  /**
   * SARIF: `runs[0].automationDetails.id`, e.g. 'nilecare-lint/' or 'nilecare-lint/shard-2-of-4/'; left out
   * when undefined, so that upload-sarif's `category` input applies.
   */
  automationId?: string;
  /** SARIF: keep suppressed and baselined results (with `suppressions`). Default false. */
  includeSuppressed?: boolean;
  /** Rule docs live at `${helpUriBase}${ruleId}.md`. */
  helpUriBase?: string;
}

export const defaultHelpUriBase = 'https://github.com/nilecare/nilecare-lint/blob/main/rules/';
