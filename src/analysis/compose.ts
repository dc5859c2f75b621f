import type { Node } from 'yaml';
import { isMap, isScalar, isSeq, parseDocument } from './yaml-module.js';
import type { EnvFileEntry, SyntaxProblem } from './facts.js';
import { rejectedDocument } from './yaml-problems.js';

/**
 * `environment:` blocks of each docker-compose service, list or map form. Never throws.
 * A file the YAML parser rejects goes to `rejected` (what could be read is still returned):
 * a broken compose file must not hide its passwords silently.
 */
export function parseComposeFile(
  text: string,
  rejected?: (problem: SyntaxProblem) => void,
): Array<{ service: string; entries: EnvFileEntry[] }> {
  try {
    // Without pretty errors: yaml's prettifier rescans the whole line of every error, which is
    // quadratic on a one-line storm of quotes (400 KB took minutes).
    const doc = parseDocument(text, { keepSourceTokens: false, prettyErrors: false });
    if (doc.errors.length > 0) rejected?.(rejectedDocument(doc.errors, 0));
    const services = doc.get('services', true);
    if (!isMap(services)) return [];
    const out: Array<{ service: string; entries: EnvFileEntry[] }> = [];
    for (const pair of services.items) {
      if (!isScalar(pair.key) || !isMap(pair.value)) continue;
      const env = pair.value.get('environment', true) as Node | undefined;
      const entries: EnvFileEntry[] = [];
      if (isMap(env)) {
        for (const item of env.items) {
          if (!isScalar(item.key) || !item.key.range) continue;
          const value = isScalar(item.value) ? item.value : undefined;
          const [ks, ke] = item.key.range;
          const [vs, ve] = value?.range ?? [ke, ke];
          entries.push({
            key: String(item.key.value),
            value: value ? String((value.value as string | number | boolean | null) ?? '') : '',
            keySpan: { start: ks, end: ke },
            valueSpan: { start: vs, end: ve },
          });
        }
      } else if (isSeq(env)) {
        for (const item of env.items) {
          if (!isScalar(item) || typeof item.value !== 'string' || !item.range) continue;
          const eq = item.value.indexOf('=');
          const key = eq < 0 ? item.value : item.value.slice(0, eq);
          const start = item.range[0] + (text[item.range[0]] === '"' || text[item.range[0]] === "'" ? 1 : 0);
          entries.push({
            key,
            value: eq < 0 ? '' : item.value.slice(eq + 1),
            keySpan: { start, end: start + key.length },
            valueSpan: { start: start + key.length + 1, end: start + item.value.length },
          });
        }
      }
      out.push({ service: String(pair.key.value), entries });
    }
    return out;
  } catch {
    return [];
  }
}
