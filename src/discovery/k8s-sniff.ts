/**
 * The cheap text test that decides whether a YAML file is read as a Kubernetes manifest.
 * Kept apart from the parser so deciding a file's kind never loads the YAML library.
 */

/**
 * A top-level `kind:` line naming a kind the parser reads: ConfigMap and Secret (their data), the
 * workloads whose pod template holds container `env` values, and a kustomization (its generators' `literals`).
 */
export const MANIFEST_KIND_LINE =
  /^kind:[ \t]*(["']?)(ConfigMap|Secret|Deployment|StatefulSet|DaemonSet|ReplicaSet|Job|CronJob|Pod|Kustomization)\1[ \t]*(?:#.*)?$/m;

const KUSTOMIZATION_LINE = /^kind:[ \t]*(["']?)Kustomization\1[ \t]*(?:#.*)?$/m;

/**
 * True when `text` may hold a manifest the parser reads: a top-level `apiVersion:` and a top-level
 * `kind:` line of a read kind. A substring test first, so other YAML (workflows, whose `env:` keys
 * are no workload's, OpenAPI specs, Helm values) costs a scan or two and no parse.
 */
export function mayBeK8sManifest(text: string): boolean {
  if (!text.includes('kind:')) return false;
  // A kustomization is read for its generators only; its apiVersion is optional (kustomize assumes it).
  if (text.includes('Kustomization') && KUSTOMIZATION_LINE.test(text)) return /^(?:configMap|secret)Generator:/m.test(text);
  if (!text.includes('apiVersion:')) return false;
  return MANIFEST_KIND_LINE.test(text) && /^apiVersion:/m.test(text);
}
