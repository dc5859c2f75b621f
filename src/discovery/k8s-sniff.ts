/**
 * The cheap text test that decides whether a YAML file is read as a Kubernetes manifest.
 * Kept apart from the parser so deciding a file's kind never loads the YAML library.
 */

/**
 * A top-level `kind:` line naming a kind the parser reads: ConfigMap and Secret (their data), and
 * the workloads whose pod template holds container `env` values.
 */
export const MANIFEST_KIND_LINE =
  /^kind:[ \t]*(["']?)(ConfigMap|Secret|Deployment|StatefulSet|DaemonSet|ReplicaSet|Job|CronJob|Pod)\1[ \t]*(?:#.*)?$/m;

/**
 * True when `text` may hold a manifest the parser reads: a top-level `apiVersion:` and a top-level
 * `kind:` line of a read kind. A substring test first, so other YAML (workflows, whose `env:` keys
 * are no workload's, OpenAPI specs, Helm values) costs a scan or two and no parse.
 */
export function mayBeK8sManifest(text: string): boolean {
  if (!text.includes('apiVersion:') || !text.includes('kind:')) return false;
  return MANIFEST_KIND_LINE.test(text) && /^apiVersion:/m.test(text);
}
