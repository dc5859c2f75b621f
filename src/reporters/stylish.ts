import { Chalk } from 'chalk';
import type { Diagnostic, LintResult } from '../engine/types.js';
import type { ReportOptions } from './options.js';
import { countDiagnostics, countFixable, groupByFile, isSuppressed } from './shared.js';

/**
 * Terminal text in the shape of ESLint's `stylish` formatter: a header per file, one
 * aligned row per finding, the help beneath it, notices, then a summary.
 *
 * Strings from the linted repository (table names, paths) end up in messages, so
 * control characters are made visible instead of reaching the terminal.
 */
export function formatStylish(result: LintResult, options: ReportOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const counts = countDiagnostics(result.diagnostics);
  const lines: string[] = [];

  for (const [file, fileDiagnostics] of groupByFile(result.diagnostics.filter((d) => !isSuppressed(d)))) {
    lines.push('', chalk.underline(visible(file)));
    const rows = fileDiagnostics.map((d) => ({
      diagnostic: d,
      line: String(d.line),
      column: String(d.column),
      severity: d.severity === 'error' ? 'error' : 'warning',
      message: visible(oneLine(d.message)).replace(/([^ ])\.$/u, '$1'),
      ruleId: visible(d.ruleId),
    }));
    const width = (pick: (row: (typeof rows)[number]) => string) => Math.max(...rows.map((row) => pick(row).length));
    const lineWidth = width((r) => r.line);
    const columnWidth = width((r) => r.column);
    const severityWidth = width((r) => r.severity);
    const messageWidth = width((r) => r.message);

    for (const row of rows) {
      const position = chalk.dim(`${row.line.padStart(lineWidth)}:${row.column.padEnd(columnWidth)}`);
      const severityColor = row.severity === 'error' ? chalk.red : chalk.yellow;
      lines.push(
        `  ${position}  ${severityColor(row.severity.padEnd(severityWidth))}  ${row.message.padEnd(messageWidth)}  ${chalk.dim(row.ruleId)}`,
      );
      lines.push(...detailLines(row.diagnostic).map((detail) => chalk.dim(detail)));
    }
  }

  if (lines.length > 0) lines.push('');
  for (const notice of result.notices) lines.push(chalk.dim(`ℹ ${visible(notice)}`));
  for (const part of result.unchecked ?? []) lines.push(chalk.yellow.bold(`⚠ ${visible(part.message)}`));
  lines.push(...summaryLines(counts, result, options, chalk));
  return `${lines.join('\n')}\n`;
}

/** The help and the related locations, indented under their row. */
function detailLines(diagnostic: Diagnostic): string[] {
  const details: string[] = [];
  if (diagnostic.help) {
    const [first, ...rest] = diagnostic.help.split(/\r?\n/u).map(visible);
    details.push(`    → ${first}`, ...rest.map((line) => `      ${line}`));
  }
  for (const related of diagnostic.related ?? []) {
    const where = `${related.file}:${related.range.line}:${related.range.column}`;
    details.push(`    ↳ ${visible(where)}  ${visible(oneLine(related.message))}`);
  }
  if (diagnostic.fix) details.push(`    ✎ --fix: ${visible(oneLine(diagnostic.fix.description))}`);
  return details;
}

function summaryLines(
  counts: ReturnType<typeof countDiagnostics>,
  result: LintResult,
  options: ReportOptions,
  chalk: InstanceType<typeof Chalk>,
): string[] {
  const { errorCount, warningCount, suppressedCount } = counts;
  const problems = errorCount + warningCount;
  const suppressed = suppressedCount > 0 ? `${suppressedCount} suppressed` : '';
  const summary: string[] = [];
  const color = (count: number, errors: number) => (count === 0 ? chalk.green.bold : errors > 0 ? chalk.red.bold : chalk.yellow.bold);

  if (problems === 0) {
    const details = [plural(result.filesLinted, 'file') + ' linted', suppressed].filter(Boolean).join(', ');
    // A run that had nothing to check (⚠ above) reports no problem, but passed nothing either: no ✔.
    if ((result.unchecked ?? []).length > 0)
      summary.push(chalk.yellow(`No problems reported (${details}), and not everything was checked.`));
    else summary.push(chalk.green.bold(`✔ No problems (${details})`));
  } else {
    const text = `✖ ${plural(problems, 'problem')} (${plural(errorCount, 'error')}, ${plural(warningCount, 'warning')})`;
    summary.push(color(problems, errorCount)(suppressed ? `${text}, ${suppressed}` : text));
  }

  // ESLint's line, counting what `--fix` resolves (suggestions are never applied).
  const { fixableErrorCount, fixableWarningCount } = countFixable(result.diagnostics);
  if (fixableErrorCount + fixableWarningCount > 0) {
    summary.push(
      color(
        problems,
        errorCount,
      )(
        `  ${plural(fixableErrorCount, 'error')} and ${plural(fixableWarningCount, 'warning')} potentially fixable with the \`--fix\` option.`,
      ),
    );
  }

  if (options.maxWarningsExceeded) {
    summary.push(chalk.red.bold(`nilecare-lint found too many warnings (maximum: ${options.maxWarningsExceeded.maxWarnings}).`));
  }
  return summary;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Each run of white space holding a line break becomes one space (runs matched whole: linear in the text). */
function oneLine(text: string): string {
  return text.replace(/\s+/gu, (space) => (space.includes('\n') ? ' ' : space));
}

/** Shows control characters (ESC in particular) as `\u001b` rather than executing them. */
function visible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
