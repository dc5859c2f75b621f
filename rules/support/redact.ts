/**
 * Secrets in findings: how rules recognise them and how they mention them without
 * repeating them. A finding about a password travels to CI logs, SARIF uploads and
 * code-review comments; the value itself must never go with it.
 */
import type { FileFacts, SecretDescriptor, Span } from '../../src/analysis/facts.js';

// Which names and values are secrets is decided where files are analysed, before any value is dropped.
export { isSecretName, nameWords } from '../../src/analysis/secrets.js';

/**
 * A stand-in for a secret value: asterisks plus its coarse length class, so a reader can
 * tell an empty fallback from a real-looking one without learning anything usable.
 */
export function redact(secret: SecretDescriptor): string {
  return secret.length === '0' ? '(empty)' : `**** (${secret.length} chars)`;
}

/** What rules report: a value written in the file, not a placeholder, a reference, a template, an encrypted value or a password hash. */
export function isLiteralSecret(secret: SecretDescriptor | undefined): secret is SecretDescriptor {
  return secret?.kind === 'literal';
}

/**
 * The file span of `part` of a string literal's value, when the literal's source text
 * holds the value verbatim (no escapes), else undefined; `literalSpan` covers the
 * literal with or without its quotes. A `*` of the value matches anything: the facts mask
 * the secrets inside values (a URL's password) with `*`, one per character of the source.
 */
export function spanInLiteral(
  file: Pick<FileFacts, 'text'>,
  literalSpan: { start: number; end: number },
  value: string,
  part: { start: number; end: number },
): { start: number; end: number } | undefined {
  const raw = file.text.slice(literalSpan.start, literalSpan.end);
  const base =
    raw.length === value.length && sameText(raw, value)
      ? literalSpan.start
      : raw.length === value.length + 2 && sameText(raw.slice(1, -1), value)
        ? literalSpan.start + 1
        : undefined;
  if (base === undefined) return undefined;
  return { start: base + part.start, end: base + part.end };
}

/**
 * The file span of a part of `value` where `span` of the file holds the value as written somewhere inside it (a quoted
 * value's span starts at its quote, its text one further); undefined for every part when it does not.
 */
export function spanInValue(file: Pick<FileFacts, 'text'>, span: Span, value: string): (part: Span) => Span | undefined {
  const at = file.text ? file.text.slice(span.start, span.end).indexOf(value) : -1;
  return (part) => (at < 0 ? undefined : { start: span.start + at + part.start, end: span.start + at + part.end });
}

/** `raw` (file text) holds `value`, where a `*` of `value` may stand for any character. */
function sameText(raw: string, value: string): boolean {
  if (raw === value) return true;
  for (let i = 0; i < value.length; i++) if (value[i] !== raw[i] && value[i] !== '*') return false;
  return true;
}

/** A manifest or container name for a message: `{{ include "app.fullname" . }}-db` reads as `…-db`, since the template is not the name and looks like an unfilled placeholder. */
export function displayName(name: string | undefined): string {
  if (name === undefined) return '(unnamed)';
  // By indexOf, not /\{\{[\s\S]*?\}\}/g: that search rescans the rest of the name from every `{{` that is never closed.
  let out = '';
  let at = 0;
  for (;;) {
    const open = name.indexOf('{{', at);
    const close = open < 0 ? -1 : name.indexOf('}}', open + 2);
    if (close < 0) return out + name.slice(at);
    out += `${name.slice(at, open)}…`;
    at = close + 2;
  }
}
