/**
 * The cheap text test that decides whether a YAML file is read as a Kubernetes manifest.
 * Kept apart from the parser so deciding a file's kind never loads the YAML library.
 */

/** A top-level `kind: ConfigMap` / `kind: Secret` line. */
export const CONFIG_KIND_LINE = /^kind:[ \t]*(["']?)(ConfigMap|Secret)\1[ \t]*(?:#.*)?$/m;

/**
 * True when `text` may hold a ConfigMap or Secret: a top-level `apiVersion:` and a top-level
 * `kind: ConfigMap|Secret`. Substring tests first, so other YAML (workflows, OpenAPI specs,
 * Helm values) costs a scan or two and no parse.
 */
export function mayBeK8sConfig(text: string): boolean {
  if (!text.includes('apiVersion:') || (!text.includes('ConfigMap') && !text.includes('Secret'))) return false;
  return CONFIG_KIND_LINE.test(text) && /^apiVersion:/m.test(text);
}
