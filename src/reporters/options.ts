/** Settings every reporter receives; each reporter reads only the ones it needs. */
export interface ReportOptions {
  /** ANSI colours (stylish only). Decided by the CLI, never by global chalk state. */
  color: boolean;
  /** nilecare-lint's own version, for json and SARIF. */
  toolVersion: string;
  /** stylish: the summary says so when the warning count exceeds it. */
  maxWarnings?: number;
  /** SARIF: `invocations[0].exitCode`. */
  exitCode?: number;
  /** SARIF: `runs[0].automationDetails.id`, e.g. 'nilecare-lint/' or 'nilecare-lint/shard-2-of-4/'. */
  automationId?: string;
  /** SARIF: keep suppressed and baselined results (with `suppressions`). Default false. */
  includeSuppressed?: boolean;
  /** Rule docs live at `${helpUriBase}${ruleId}.md`. */
  helpUriBase?: string;
}

export const defaultHelpUriBase = 'https://github.com/nilecare/nilecare-lint/blob/main/rules/';
