import type { Diagnostic, LintResult } from '../engine/types.js';
import type { ReportOptions } from './options.js';
import { compareStrings, groupByFile, isSuppressed } from './shared.js';

/**
 * JUnit XML for CI test-report views: one `<testcase>` per linted file, so a clean run shows
 * its files as passed tests rather than "0 tests". A file with error-level findings fails
 * (one `<failure>` listing them); warnings go to the case's `<system-out>`, so a job that passes
 * never shows a failed test. When the run has more warnings than `--max-warnings` allows, the
 * job fails: the warnings are then failures too, and a `--max-warnings` case says why.
 */
export function formatJunit(result: LintResult, options: ReportOptions): string {
  const byFile = new Map(groupByFile(result.diagnostics.filter((d) => !isSuppressed(d))));
  const files = [...new Set([...(result.lintedFiles ?? []), ...byFile.keys()])].sort(compareStrings);
  const exceeded = options.maxWarningsExceeded;
  const cases = files.map((file) => fileCase(file, byFile.get(file) ?? [], exceeded !== undefined));
  if (exceeded) cases.push(maxWarningsCase(exceeded));
  const failures = cases.filter((c) => c.failed).length;
  const counts = `tests="${cases.length}" failures="${failures}" errors="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="nilecare-lint" ${counts}>`,
    `  <testsuite name="nilecare-lint" ${counts} skipped="0">`,
    ...cases.map((c) => c.xml),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

interface Case {
  failed: boolean;
  xml: string;
}

function fileCase(file: string, diagnostics: Diagnostic[], warningsFail: boolean): Case {
  const failing = diagnostics.filter((d) => d.severity === 'error' || warningsFail);
  const output = diagnostics.filter((d) => !failing.includes(d));
  const open = `    <testcase name=${attr(file)} classname=${attr(file)} file=${attr(file)}`;
  if (failing.length === 0 && output.length === 0) return { failed: false, xml: `${open}/>` };
  const lines = [`${open}>`];
  if (failing.length > 0) {
    const rules = [...new Set(failing.map((d) => d.ruleId))].join(', ');
    lines.push(
      `      <failure message=${attr(failureMessage(failing))} type=${attr(rules)}>${text(failing.map(details).join('\n\n'))}</failure>`,
    );
  }
  if (output.length > 0) lines.push(`      <system-out>${text(output.map(details).join('\n\n'))}</system-out>`);
  lines.push('    </testcase>');
  return { failed: failing.length > 0, xml: lines.join('\n') };
}

/** The first problem's message, and how many there are when there are more. */
function failureMessage(failing: Diagnostic[]): string {
  if (failing.length === 1) return failing[0].message;
  const errors = failing.filter((d) => d.severity === 'error').length;
  const warnings = failing.length - errors;
  const counts = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean).join(' and ');
  return `${counts}, the first: ${failing[0].message}`;
}

function maxWarningsCase({ maxWarnings, foundWarnings }: { maxWarnings: number; foundWarnings: number }): Case {
  const message = `nilecare-lint found too many warnings (maximum: ${maxWarnings}).`;
  const body = `The run has ${plural(foundWarnings, 'warning')}; --max-warnings allows ${maxWarnings}, so the warnings fail the run.`;
  return {
    failed: true,
    xml: [
      '    <testcase name="--max-warnings" classname="nilecare-lint">',
      `      <failure message=${attr(message)} type="max-warnings">${text(body)}</failure>`,
      '    </testcase>',
    ].join('\n'),
  };
}

function details(d: Diagnostic): string {
  return [
    `${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.message}`,
    `at ${d.file}:${d.line}:${d.column} (${d.ruleId})`,
    ...(d.help ? [`Help: ${d.help}`] : []),
    ...(d.related ?? []).map((r) => `Related: ${r.file}:${r.range.line}:${r.range.column} ${r.message}`),
  ].join('\n');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/F). */
const notXmlChar = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

function text(value: string): string {
  return value.replace(notXmlChar, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A double-quoted attribute; tabs and newlines as references, or parsers normalise them to spaces. */
function attr(value: string): string {
  const escaped = text(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
  return `"${escaped}"`;
}
