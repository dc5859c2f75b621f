import { factsSummary, type FileFacts } from '../analysis/facts.js';
import { flowSyntaxPlace } from '../analysis/facts-summary.js';

/**
 * Flow-typed JavaScript files (an `@flow` pragma, typescript/flow-pragma.ts) whose Flow syntax TypeScript's parser
 * rejects: no parse-error, so never a per-file warning, but counted so a run says which files' syntax it did not
 * check ("Flow syntax not checked"); their SQL and table references were read all the same.
 */
export interface FlowSyntaxSummary {
  files: number;
  /** Each file and where TypeScript's parser first stopped, in path order, with how many errors it set aside. */
  locations: Array<{ file: string; line: number; column: number; syntaxErrors: number }>;
}

export function summarizeFlowSyntax(files: readonly FileFacts[], selected: ReadonlySet<string>): FlowSyntaxSummary {
  const locations: FlowSyntaxSummary['locations'] = [];
  for (const file of files) {
    if (file.kind !== 'script' || !selected.has(file.path)) continue;
    // Cached facts answer from their summary, so a warm one-file run decodes none of them for this (issue 16).
    const summary = factsSummary(file);
    const flow = summary ? summary.flowSyntax : flowSyntaxPlace(file);
    if (flow) locations.push({ file: file.path, line: flow.line, column: flow.column, syntaxErrors: flow.errors });
  }
  locations.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files: locations.length, locations };
}

/** The one-line notice for a run's output, or undefined when no Flow file was set aside. */
export function flowSyntaxNotice(summary: FlowSyntaxSummary): string | undefined {
  if (summary.files === 0) return undefined;
  const first = summary.locations[0];
  const more = summary.files > 1 ? ` and ${summary.files - 1} more` : '';
  return `Flow syntax not checked in ${summary.files} Flow-typed file(s) (an \`@flow\` pragma: ${first.file}${more}): the TypeScript parser does not read Flow's type syntax, so its syntax errors there are not reported as parse errors; their SQL and table references were read (\`--format json\` lists them).`;
}
