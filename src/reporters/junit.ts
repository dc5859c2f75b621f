import type { Diagnostic, LintResult } from '../engine/types.js';
import type { ReportOptions } from './options.js';
import { engineRuleIds, groupByFile, isSuppressed } from './shared.js';

/**
 * JUnit XML for CI test-report views: a `<testsuite>` per file with findings and a
 * `<testcase>` per finding. Rule findings are `<failure>`s; files that could not be
 * parsed (`parse-error`) are `<error>`s, JUnit's word for "the test could not run".
 */
export function formatJunit(result: LintResult, _options: ReportOptions): string {
  const groups = groupByFile(result.diagnostics.filter((d) => !isSuppressed(d)));
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;

  for (const [file, diagnostics] of groups) {
    const suiteErrors = diagnostics.filter(isExecutionError).length;
    const suiteFailures = diagnostics.length - suiteErrors;
    tests += diagnostics.length;
    failures += suiteFailures;
    errors += suiteErrors;
    suites.push(
      `  <testsuite name=${attr(file)} tests="${diagnostics.length}" failures="${suiteFailures}" errors="${suiteErrors}" skipped="0">`,
      ...diagnostics.map((d) => testCase(d)),
      '  </testsuite>',
    );
  }

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="nilecare-lint" tests="${tests}" failures="${failures}" errors="${errors}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function isExecutionError(d: Diagnostic): boolean {
  return d.ruleId === engineRuleIds.parseError;
}

function testCase(d: Diagnostic): string {
  const element = isExecutionError(d) ? 'error' : 'failure';
  const details = [
    `${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.message}`,
    `at ${d.file}:${d.line}:${d.column} (${d.ruleId})`,
    ...(d.help ? [`Help: ${d.help}`] : []),
    ...(d.related ?? []).map((r) => `Related: ${r.file}:${r.range.line}:${r.range.column} ${r.message}`),
  ].join('\n');
  return [
    `    <testcase name=${attr(`${d.ruleId} ${d.line}:${d.column}`)} classname=${attr(d.file)}>`,
    `      <${element} message=${attr(d.message)} type=${attr(d.ruleId)}>${text(details)}</${element}>`,
    '    </testcase>',
  ].join('\n');
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
