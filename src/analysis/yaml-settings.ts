/**
 * Connection URLs in an application's own YAML configuration — node-config's `config/default.yaml`,
 * Spring's `application.yml`, Helm `values.yaml`: YAML that is neither a compose file nor a
 * Kubernetes manifest. Only settings whose value is a URL with a userinfo password are kept: the
 * rest of such files (OpenAPI specs, CI workflows, i18n) is no database configuration, and a
 * password there is only worth a finding inside a URL, where it cannot be anything else.
 *
 * The file is parsed only when its text holds `scheme://user:password@` somewhere (a scan linear
 * in its length); documents the YAML parser rejects are skipped. Never throws.
 */
import type { Node, Scalar } from 'yaml';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments } from './yaml-module.js';
import type { Span, YamlSetting } from './facts.js';

/** Nesting deeper than this is no configuration (and a hostile file must not recurse without end). */
const MAX_DEPTH = 64;

/**
 * Whether `text` holds `://user:password@` somewhere: the only shape worth parsing a file of
 * unknown YAML for. One pass (each `://` token is scanned once, to its end); a password may hold
 * a raw `/` (see connection-url.ts).
 */
export function mayHoldUrlPassword(text: string): boolean {
  let at = text.indexOf('://');
  while (at >= 0) {
    let colon = false;
    let i = at + 3;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c <= 32 || c === 34 || c === 39) break; // white space, quotes: the token ends
      if (c === 64) {
        if (colon) return true;
        break;
      }
      if (c === 58) colon = true;
      else if (c === 47 && !colon) break; // a path before any userinfo
    }
    at = text.indexOf('://', Math.max(i, at + 3));
  }
  return false;
}

/** The settings of `text` whose value is a connection URL with a password, with exact spans. */
export function parseYamlUrlSettings(text: string): YamlSetting[] {
  if (!mayHoldUrlPassword(text)) return [];
  const out: YamlSetting[] = [];
  let documents;
  try {
    documents = parseAllDocuments(text, { keepSourceTokens: false, uniqueKeys: false, prettyErrors: false });
  } catch {
    return out;
  }
  if (!Array.isArray(documents)) return out;
  for (const doc of documents) {
    if (doc.errors.length > 0) continue;
    visit(text, doc.contents, [], undefined, out, 0);
  }
  return out;
}

function visit(
  text: string,
  node: Node | null | undefined,
  path: string[],
  key: Scalar | undefined,
  out: YamlSetting[],
  depth: number,
): void {
  if (!node || depth > MAX_DEPTH) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      visit(text, pair.value as Node | null, key ? [...path, String(key.value)] : path, pair.key, out, depth + 1);
    }
  } else if (isSeq(node)) {
    // A list's items are settings of the list's key (`replicas: [postgres://…]`).
    for (const item of node.items) visit(text, item as Node, path, key, out, depth + 1);
  } else if (isScalar(node) && typeof node.value === 'string' && key?.range && node.range) {
    if (!mayHoldUrlPassword(node.value)) return;
    const valueSpan = innerSpan(text, node);
    out.push({
      key: String(key.value),
      path,
      value: node.value,
      keySpan: { start: key.range[0], end: key.range[1] },
      valueSpan,
    });
  }
}

/** A scalar's value in the file: inside its quotes. */
function innerSpan(text: string, node: Scalar): Span {
  const [start, end] = node.range!;
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return { start: start + 1, end: Math.max(start + 1, end - 1) };
  return { start, end };
}
