import type { Node } from 'yaml';
import { isMap, isScalar, isSeq, parseDocument } from './yaml-module.js';
import type { ComposeService, EnvFileEntry, Span, SyntaxProblem } from './facts.js';
import { rejectedDocument } from './yaml-problems.js';

/**
 * `environment:` blocks of each docker-compose service, list or map form, and the files its
 * `env_file:` names. Never throws.
 * A file the YAML parser rejects goes to `rejected` (what could be read is still returned):
 * a broken compose file must not hide its passwords silently.
 */
export function parseComposeFile(text: string, rejected?: (problem: SyntaxProblem) => void): ComposeService[] {
  try {
    // Without pretty errors: yaml's prettifier rescans the whole line of every error, which is
    // quadratic on a one-line storm of quotes (400 KB took minutes).
    const doc = parseDocument(text, { keepSourceTokens: false, prettyErrors: false });
    if (doc.errors.length > 0) rejected?.(rejectedDocument(doc.errors, 0));
    const services = doc.get('services', true);
    if (!isMap(services)) return [];
    const out: ComposeService[] = [];
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
      const envFiles = envFilesOf(pair.value.get('env_file', true));
      out.push({ service: String(pair.key.value), entries, ...(envFiles.length > 0 ? { envFiles } : {}) });
    }
    return out;
  } catch {
    return [];
  }
}

/**
 * The files of an `env_file:` value: one path, a list of paths, or the long form's items
 * (`- path: ./default.env` with `required: false`). Interpolated paths (`${ENV}.env`) name no
 * file the repository holds.
 */
function envFilesOf(value: Node | undefined): Array<{ path: string; span: Span }> {
  const items = isSeq(value) ? value.items : value === undefined ? [] : [value];
  const out: Array<{ path: string; span: Span }> = [];
  for (const item of items) {
    const scalar = isMap(item) ? item.get('path', true) : item;
    if (!isScalar(scalar) || typeof scalar.value !== 'string' || !scalar.range) continue;
    const path = scalar.value.trim();
    if (path === '' || path.includes('$')) continue;
    out.push({ path, span: { start: scalar.range[0], end: scalar.range[1] } });
  }
  return out;
}
