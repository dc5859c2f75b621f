/**
 * The linter's findings in the Language Server Protocol's terms: positions 0-based in UTF-16
 * code units (the linter's columns are 1-based in the same units, so no text is needed), the
 * rule id as `code` with a link to its page, related locations as `relatedInformation`.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Lsp from 'vscode-languageserver';
import type { Range } from '../analysis/facts.js';
import type { Diagnostic } from '../engine/types.js';
import { defaultHelpUriBase } from '../reporters/options.js';
import { UNUSED_DIRECTIVE_RULE_ID } from '../engine/suppress.js';

/** LSP's DiagnosticSeverity and DiagnosticTag values (numbers of the protocol; the enums live in the runtime package). */
const ERROR = 1;
const WARNING = 2;
const UNNECESSARY = 1;

export const DIAGNOSTIC_SOURCE = 'nilecare-lint';

export function lspRange(range: Range): Lsp.Range {
  return {
    start: { line: range.line - 1, character: range.column - 1 },
    end: { line: range.endLine - 1, character: range.endColumn - 1 },
  };
}

/** A project file's URI; `file` is project-relative (posix). */
export function fileUri(root: string, file: string): string {
  return pathToFileURL(path.join(root, ...file.split('/'))).href;
}

/** What travels with each diagnostic, so a code action request can find the finding again. */
export interface DiagnosticData {
  fingerprint: string;
}

export function toLspDiagnostic(d: Diagnostic, root: string): Lsp.Diagnostic {
  return {
    range: lspRange(d),
    severity: d.severity === 'error' ? ERROR : WARNING,
    code: d.ruleId,
    codeDescription: { href: `${defaultHelpUriBase}${d.ruleId}.md` },
    source: DIAGNOSTIC_SOURCE,
    message: d.help ? `${d.message}\n${d.help}` : d.message,
    ...(d.ruleId === UNUSED_DIRECTIVE_RULE_ID ? { tags: [UNNECESSARY] } : {}),
    ...(d.related?.length
      ? {
          relatedInformation: d.related.map((r) => ({
            location: { uri: fileUri(root, r.file), range: lspRange(r.range) },
            message: r.message,
          })),
        }
      : {}),
    data: { fingerprint: d.fingerprint } satisfies DiagnosticData,
  };
}
