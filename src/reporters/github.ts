import type { Diagnostic, LintResult } from '../engine/types.js';
import type { ReportOptions } from './options.js';
import { isSuppressed, sortDiagnostics } from './shared.js';

/**
 * GitHub Actions workflow commands, one `::error`/`::warning` line per finding, which the
 * runner turns into annotations on the pull request. Escaping follows `issueCommand` in
 * @actions/core (toolkit `command.ts`), so messages with `%`, `:`, `,` or newlines survive.
 */
export function formatGithub(result: LintResult, _options: ReportOptions): string {
  return sortDiagnostics(result.diagnostics)
    .filter((d) => !isSuppressed(d))
    .map((d) => `${workflowCommand(d.severity === 'error' ? 'error' : 'warning', annotationProperties(d), d.message)}\n`)
    .join('');
}

/**
 * GitHub rejects `col`/`endColumn` on annotations that span several lines, so a
 * multi-line range keeps only its lines.
 */
function annotationProperties(d: Diagnostic): Array<[string, string | number]> {
  const singleLine = d.line === d.endLine;
  const properties: Array<[string, string | number]> = [
    ['file', d.file],
    ['line', d.line],
  ];
  if (singleLine) properties.push(['col', d.column]);
  properties.push(['endLine', d.endLine]);
  if (singleLine) properties.push(['endColumn', d.endColumn]);
  properties.push(['title', d.ruleId]);
  return properties;
}

function workflowCommand(command: string, properties: Array<[string, string | number]>, message: string): string {
  const props = properties
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${command}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
